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
/*
 * Worker k's packet socket's counters since start: packets the kernel
 * put in its receive ring, and packets it dropped because the ring was
 * full (the worker behind).  False when worker k has no such socket.
 */
bool	gre_sock_ring_stats(struct master *, unsigned int k,
	    uint64_t *delivered, uint64_t *dropped);

#endif /* HP_MASTER_GRE_SOCK_H */
