/*
 * hpptpd master: the GRE sockets of the gre data workers -- one raw
 * GRE socket for one worker, a packet-socket fan-out by Call ID and
 * one shared send-only raw GRE socket for several (master/gre_sock.c).
 */
#ifndef HP_MASTER_GRE_SOCK_H
#define HP_MASTER_GRE_SOCK_H

#include <stdbool.h>
#include <stdint.h>

struct master;

/* After the tun devices (their ifindexes go into the filter). */
int	gre_sock_setup(struct master *);
/* The workers' sockets; the guard socket stays until exit. */
void	gre_sock_close(struct master *);
/* One data worker's packet socket's counters since start. */
struct gre_ring_count {
	bool		have;		/* the worker reads a receive ring */
	uint64_t	delivered;	/* the kernel put in its ring */
	uint64_t	dropped;	/* ring full: the worker behind */
};
/*
 * The counters of every data worker (c[k] for worker k, k < the
 * number of workers); the number that have a ring.
 */
unsigned int	gre_sock_ring_stats(struct master *,
		    struct gre_ring_count c[]);

struct msg;
/*
 * Data worker shard's report of its own counters (MSG_GRE_WORKER):
 * added to what it said before, restarts included.
 */
void	gre_sock_on_worker(struct master *, unsigned int shard,
	    const struct msg *);

#endif /* HP_MASTER_GRE_SOCK_H */
