/*
 * hpptpd master: a RADIUS user's Framed-Routes and Framed-MTU
 * (framed.c).  Each route is checked (at least a /8; not the local
 * address, the session's own, the pools, static-addresses or another
 * live session's address or route), installed via the tun, and told
 * to gre; a refused one is an event=framed-route-refused line and a
 * counter, never a refused login.
 */
#ifndef HP_MASTER_FRAMED_H
#define HP_MASTER_FRAMED_H

struct master;
struct msess;

/* After the address's route: install what the reply asked for. */
void	framed_routes_up(struct master *, struct msess *);
/* With the session: remove them. */
void	framed_routes_down(struct master *, struct msess *);
/* gre's part: the routes installed, the MSS of Framed-MTU. */
void	framed_send_gre(struct master *, const struct msess *);

#endif
