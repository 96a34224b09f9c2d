/*
 * hpptpd master: telling each gre data worker the other workers'
 * clients, for client-to-client (master/gre_peers.c).
 */
#ifndef HP_MASTER_GRE_PEERS_H
#define HP_MASTER_GRE_PEERS_H

struct master;
struct msess;

/* s has its address: every other worker hears of it (once). */
void	gre_peers_add(struct master *, struct msess *);
/* s gives its address back: the other workers forget it. */
void	gre_peers_del(struct master *, struct msess *);
void	gre_peers_resend(struct master *, unsigned int worker);

#endif /* HP_MASTER_GRE_PEERS_H */
