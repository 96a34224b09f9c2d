/*
 * hpptpd master: the GRE sockets of the gre data workers -- one raw
 * GRE socket for one worker, a packet-socket fan-out by Call ID and
 * one shared send-only raw GRE socket for several (master/gre_sock.c).
 */
#ifndef HP_MASTER_GRE_SOCK_H
#define HP_MASTER_GRE_SOCK_H

struct master;

/* After the tun devices (their ifindexes go into the filter). */
int	gre_sock_setup(struct master *);
/* The workers' sockets; the guard socket stays until exit. */
void	gre_sock_close(struct master *);

#endif /* HP_MASTER_GRE_SOCK_H */
