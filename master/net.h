/*
 * hpptpd master: the network side of sessions -- tun, raw GRE socket,
 * pool, admission limits, routes, proxy ARP, wtmp and ip-up/ip-down.
 */
#ifndef HP_MASTER_NET_H
#define HP_MASTER_NET_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>

#include "common/msg.h"

struct master;
struct msess;
struct hp_conf;
struct conf_listen;
struct gre_dev;

int	 net_setup(struct master *);
void	 net_teardown(struct master *);
void	 net_reload(struct master *, const struct hp_conf *);
/* A new control connection: NULL if admitted, else the refusal reason. */
const char *net_admit(struct master *, const struct m_addr *);
void	 net_release(struct master *, const struct m_addr *);
/*
 * The audit line of a refused connection (event=connection-refused),
 * at most one a second per source (limits_audit_ok); a later line says
 * how many it left out.
 */
void	 net_refused(struct master *, const struct m_addr *, const char *why);
/* An accepted peer's address as the messages carry it (v4-mapped: v4). */
void	 net_maddr(const struct sockaddr_storage *, struct m_addr *);
/* ctrl refused an admitted connection (no slot): count it, audit it. */
void	 net_ctrl_refused(struct master *, const struct m_addr *);
/* An authenticated user: NULL if it may have one more session. */
const char *net_user_admit(struct master *, struct msess *);
int	 net_route_up(struct master *, struct msess *);
void	 net_session_up(struct master *, struct msess *);
void	 net_session_down(struct master *, struct msess *);
int	 net_pool_check(const char *spec, struct in_addr local, char *err,
	    size_t errlen);
/* A listening TCP socket on l, or -1 and errno; str: l as text. */
int	net_tcp_listen(const struct conf_listen *, int backlog, char *str,
	    size_t strlen);
/* The local pool and `radius pool` share no address (else err). */
int	net_pools_disjoint(const struct hp_conf *, char *err, size_t errlen);
struct conf_prefix;
int	 net_named_pool_check(const char *spec, struct in_addr local,
	    const struct conf_prefix *, char *err, size_t errlen);

#endif
