/*
 * hpptpd master: the classic BPF programs that give each gre data
 * worker the GRE packets of its own shard (master/gre_bpf.c).  A
 * session's data worker is its Call ID (ours, the one the peer puts in
 * the enhanced GRE header's key field) modulo the number of workers;
 * master assigns sessions by the same rule (master/session.c), so the
 * kernel's choice and master's agree without a table.
 */
#ifndef HP_MASTER_GRE_BPF_H
#define HP_MASTER_GRE_BPF_H

#include <linux/filter.h>

#include <stddef.h>

#define GRE_BPF_MAX	24	/* instructions in the longest program */

/*
 * The programs read an IPv4 packet from its IP header on (a raw
 * socket's and a SOCK_DGRAM packet socket's view).  Each returns the
 * instruction count, or 0 if `cap` is too small or the arguments are
 * out of range.
 *
 * gre_bpf_shard: a socket filter that keeps enhanced GRE (version 1,
 * protocol 0x880B) whose Call ID % n == k.  Other GRE (a fragment, a
 * version 0 packet) goes to worker 0 alone, so that it is counted once
 * as a drop; a packet too short to hold a Call ID ends the program,
 * which the kernel takes as "keep nothing".
 */
size_t	gre_bpf_shard(struct sock_filter *, size_t cap, unsigned int n,
	    unsigned int k);
/*
 * gre_bpf_fanout: a PACKET_FANOUT_CBPF program returning the worker
 * index (Call ID % n; 0 for what is not enhanced GRE).
 */
size_t	gre_bpf_fanout(struct sock_filter *, size_t cap, unsigned int n);
/*
 * gre_bpf_packet: the data workers' packet sockets' filter: keeps IPv4
 * protocol 47 sent to this host (PACKET_HOST), except what arrives on
 * one of the `nif` devices in `ifindex` (our tun devices: GRE inside a
 * client's tunnel is the client's payload, not a call of ours).
 */
size_t	gre_bpf_packet(struct sock_filter *, size_t cap,
	    const unsigned int *ifindex, size_t nif);
/*
 * gre_bpf_shard6: the same as gre_bpf_shard for a raw IPv6 GRE socket,
 * whose filter sees the datagram from the GRE header on (the kernel
 * has consumed the IPv6 header and any extension headers).
 */
size_t	gre_bpf_shard6(struct sock_filter *, size_t cap, unsigned int n,
	    unsigned int k);
/* gre_bpf_none: keeps nothing (a send-only socket's filter). */
size_t	gre_bpf_none(struct sock_filter *, size_t cap);

/* The Call ID's worker, as the programs compute it. */
unsigned int	gre_bpf_worker(unsigned int call_id, unsigned int n);

#endif /* HP_MASTER_GRE_BPF_H */
