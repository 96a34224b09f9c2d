/*
 * hpptpd master: one typed sender per message master sends.  Each
 * fixes the type, the receiver, the payload's size and whether an fd
 * goes with it, as the catalog (common/msg_catalog.c) has them, so no
 * call site spells them by hand.  All return what proc_send() does:
 * HP_OK, or HP_E_CLOSED when the worker is not there to take it.
 */
#ifndef HP_MASTER_SEND_H
#define HP_MASTER_SEND_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "common/msg.h"

struct master;

/* to ctrl */
int	send_ctrl_config(struct master *, const struct m_ctrl_config *);
int	send_ctrl_config6(struct master *, const struct m_ctrl_config6 *);
int	send_ctrl_conn(struct master *, uint32_t sid, const struct m_ctrl_conn *,
	    int fd);
int	send_call_accept(struct master *, uint32_t sid,
	    const struct m_call_accept *);
int	send_metrics_conn(struct master *, uint32_t id, int fd);
int	send_metrics_data(struct master *, const struct m_metrics_data *);
int	send_ppp_to_ctrl(struct master *, uint32_t sid, const void *frame,
	    size_t len);
int	send_auth_verdict(struct master *, uint32_t sid,
	    const struct m_auth_verdict *);
int	send_session_kick(struct master *, uint32_t sid, uint32_t reason);

/* to gre: data worker `gre` (0 .. gre-workers - 1), a session's s->gre */
int	send_gre_config(struct master *, unsigned int gre,
	    const struct m_gre_config *);
int	send_gre_socket(struct master *, unsigned int gre, int fd,
	    bool ring);
int	send_gre_send_socket(struct master *, unsigned int gre, int fd);
int	send_gre_socket6(struct master *, unsigned int gre, int fd);
int	send_tun_device(struct master *, unsigned int gre, int fd, bool vnet);
int	send_gre_add(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_gre_add *);
int	send_ppp_to_gre(struct master *, unsigned int gre, uint32_t sid,
	    const void *frame, size_t len);
int	send_gre_keepalive(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_gre_keepalive *);
int	send_gre_ccp_mode(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_ccp_mode *);
int	send_gre_keys(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_session_keys *);
int	send_gre_route(struct master *, unsigned int gre, uint32_t sid,
	    uint32_t peer_ip);
int	send_gre_route6(struct master *, unsigned int gre, uint32_t sid,
	    const struct in6_addr *);
int	send_ctrl_prefix6(struct master *, uint32_t sid,
	    const struct in6_addr *);
int	send_ctrl_sess_opts(struct master *, uint32_t sid,
	    const struct m_ctrl_sess_opts *);
int	send_gre_sess_opts(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_gre_sess_opts *);
int	send_acct_resume(struct master *, uint32_t sid,
	    const struct m_acct_resume *);
int	send_gre_del(struct master *, unsigned int gre, uint32_t sid,
	    uint32_t reason);
int	send_gre_rate(struct master *, unsigned int gre, uint32_t sid,
	    const struct m_gre_rate *);
int	send_gre_peer(struct master *, unsigned int gre,
	    const struct m_gre_peer *);

/* to auth */
int	send_auth_config(struct master *, const struct m_auth_config *);
int	send_secrets(struct master *, const struct m_secrets *, int fd);
int	send_secret_file(struct master *, const struct m_secret_file *, int fd);
int	send_auth_check(struct master *, uint32_t sid,
	    const struct m_auth_check *);

int	send_radius_config(struct master *, const struct m_radius_config *);
int	send_dae_config(struct master *, const struct m_dae_config *);
int	send_dae_client(struct master *, const struct m_dae_client *, int fd);
int	send_dae_socket(struct master *, int fd);
int	send_dae_done(struct master *, uint32_t sid, const struct m_dae_done *);
int	send_radius_server(struct master *, const struct m_radius_server *,
	    int fd);
int	send_radius_socket(struct master *, const struct m_radius_socket *,
	    int fd);
int	send_acct_start(struct master *, uint32_t sid,
	    const struct m_acct_start *);
int	send_acct_counters(struct master *, uint32_t sid,
	    const struct m_gre_stats *);
int	send_acct_stop(struct master *, uint32_t sid,
	    const struct m_acct_stop *);
int	send_acct_off(struct master *);

/* to any worker, test builds only (master/main.c) */
int	send_test_syscall(struct master *, enum proc_id, uint32_t what);

#endif
