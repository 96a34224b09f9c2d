/*
 * hpptpd gre: one tun write for a run of a client's TCP segments (GRO
 * in user space, the other half of tun-offload; gre/tso.h is the
 * first).  A client that uploads sends full-sized TCP segments back to
 * back; each write(2) to the tun costs a system call, an sk_buff and a
 * trip through the kernel's IP stack, so gre joins a run of segments
 * of one connection that follow each other in one batch into one
 * "super-packet" behind a virtio-net header (GSO TCPv4 or TCPv6),
 * which the kernel carries as one packet and cuts again only where it
 * must, as it does with what a network card's GRO hands it.
 *
 * The segments are the client's and untrusted.  A segment joins a run
 * only if cutting the run again gives back exactly the segments that
 * came (same headers but for the sequence number, IP identification
 * and checksums, consecutive identification in IPv4, all of one size
 * but the last), and only with its checksums verified: the kernel trusts
 * the super-packet's checksum, which gre computes, so a segment that
 * was damaged must not be laundered into it.  Anything else is written
 * on its own, as before.  IPv4 without options and IPv6 without
 * extension headers; pure functions over the caller's buffer.
 */
#ifndef HP_GRE_GRO_H
#define HP_GRE_GRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gre/tso.h"

#define GRO_IP_MAX	65535	/* a packet's bytes, IPv4's total length */
#define GRO_BUF_SIZE	(TSO_VHDR_LEN + GRO_IP_MAX)

struct gro {
	uint8_t		*buf;	/* GRO_BUF_SIZE: vnet header, then the run */
	size_t		 len;	/* the run's IP bytes; 0: no run */
	size_t		 l3;	/* the IP header: 20 (IPv4) or 40 (IPv6) */
	size_t		 hl;	/* IP + TCP headers */
	size_t		 mss;	/* the first segment's payload bytes */
	unsigned int	 n;	/* segments in the run */
	uint32_t	 next_seq;
	uint16_t	 next_id;	/* IPv4 */
	bool		 closed;	/* a short or PSH segment ended it */
};

void	gro_init(struct gro *, uint8_t *buf);
/*
 * Put the IP packet ip (len bytes) at the end of the run, or start
 * one with it.  False if it cannot join: the caller ends the run
 * (gro_end) and tries once more, and a packet that cannot start a run
 * either (not TCP data, a bad checksum, ...) is written on its own.
 */
bool	gro_add(struct gro *, const uint8_t *ip, size_t len);
/*
 * The run as one write: *out points to its virtio-net header, followed
 * by the packet; returns the bytes to write (0: no run) and *n, the
 * segments in it.  A run of one goes out as it came, with a zeroed
 * header.  Starts a new, empty run.
 */
size_t	gro_end(struct gro *, const uint8_t **out, unsigned int *n);

#endif /* HP_GRE_GRO_H */
