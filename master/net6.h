/*
 * hpptpd master: the IPv6 side of sessions (`ipv6 pool`): a /64 per
 * session from master/pool6.c, routed to the tun while the session
 * lasts.  Without a pool every function here does nothing and IPV6CP
 * stays link-local, as pppd's.
 */
#ifndef HP_MASTER_NET6_H
#define HP_MASTER_NET6_H

#include <stddef.h>

struct master;
struct msess;
struct nl;

/* The pool, and the IPv6 routes a crashed earlier run left behind. */
int	 net6_setup(struct master *, struct nl *, unsigned ifindex);
void	 net6_teardown(struct master *);
/* Take the session's /64: NULL, or why not (pool exhausted). */
const char *net6_assign(struct master *, struct msess *);
/* Give it back, unless its route could not be removed. */
void	 net6_release(struct master *, struct msess *);
/* Route the /64 to the tun; -1 (logged) if the kernel refused. */
int	 net6_route_up(struct master *, struct nl *, struct msess *);
void	 net6_route_down(struct master *, struct nl *, struct msess *);
/* Tell gre and ctrl the session's /64 (at the grant, before the verdict). */
void	 net6_grant(struct master *, struct msess *);
/* "2001:db8:100:1::/64", or "-" when the session has none. */
void	 net6_prefix_str(const struct msess *, char *, size_t);

#endif
