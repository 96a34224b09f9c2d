/*
 * hpptpd master: the typed senders (send.h).  Kept apart from proc.c
 * so that tests/unit/test_master_session.c can wrap proc_send() below
 * them (-Wl,--wrap only reaches calls between object files).
 */
#include <string.h>

#include "master/master.h"
#include "master/proc.h"
#include "master/send.h"

/* ---- to ctrl ---- */

int
send_ctrl_config(struct master *m, const struct m_ctrl_config *c)
{
	return proc_send(m, P_CTRL, MSG_CTRL_CONFIG, 0, c, sizeof(*c), -1);
}

int
send_ctrl_config6(struct master *m, const struct m_ctrl_config6 *c)
{
	return proc_send(m, P_CTRL, MSG_CTRL_CONFIG6, 0, c, sizeof(*c), -1);
}

int
send_ctrl_conn(struct master *m, uint32_t sid, const struct m_ctrl_conn *c,
    int fd)
{
	return proc_send(m, P_CTRL, MSG_CTRL_CONN, sid, c, sizeof(*c), fd);
}

int
send_metrics_conn(struct master *m, uint32_t id, int fd)
{
	struct m_metrics_conn c = { .id = id };

	return proc_send(m, P_CTRL, MSG_METRICS_CONN, 0, &c, sizeof(c), fd);
}

/* The header and d->len bytes of text: its exact size. */
int
send_metrics_data(struct master *m, const struct m_metrics_data *d)
{
	return proc_send(m, P_CTRL, MSG_METRICS_DATA, 0, d,
	    M_METRICS_DATA_HDR + d->len, -1);
}

int
send_call_accept(struct master *m, uint32_t sid, const struct m_call_accept *a)
{
	return proc_send(m, P_CTRL, MSG_CALL_ACCEPT, sid, a, sizeof(*a), -1);
}

int
send_ppp_to_ctrl(struct master *m, uint32_t sid, const void *frame,
    size_t len)
{
	return proc_send(m, P_CTRL, MSG_PPP_TO_CTRL, sid, frame, len, -1);
}

int
send_auth_verdict(struct master *m, uint32_t sid,
    const struct m_auth_verdict *v)
{
	return proc_send(m, P_CTRL, MSG_AUTH_VERDICT, sid, v, sizeof(*v), -1);
}

int
send_session_kick(struct master *m, uint32_t sid, uint32_t reason)
{
	struct m_kick k = { reason };

	return proc_send(m, P_CTRL, MSG_SESSION_KICK, sid, &k, sizeof(k), -1);
}

/* ---- to gre ---- */

int
send_gre_config(struct master *m, unsigned int gre,
    const struct m_gre_config *c)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_CONFIG, 0, c,
	    sizeof(*c), -1);
}

/* The kind repeats the type: gre never takes the tun for the socket. */
static int
send_fd(struct master *m, unsigned int gre, uint16_t type, int fd,
    uint32_t flags)
{
	struct m_fd f;

	memset(&f, 0, sizeof(f));
	f.kind = type;
	f.flags = flags;
	return proc_send(m, PROC_GRE_SLOT(gre), type, 0, &f, sizeof(f), fd);
}

int
send_gre_socket(struct master *m, unsigned int gre, int fd, bool ring)
{
	return send_fd(m, gre, MSG_GRE_SOCKET, fd, ring ? M_FD_RING : 0);
}

int
send_gre_send_socket(struct master *m, unsigned int gre, int fd)
{
	return send_fd(m, gre, MSG_GRE_SEND_SOCKET, fd, 0);
}

int
send_gre_socket6(struct master *m, unsigned int gre, int fd)
{
	return send_fd(m, gre, MSG_GRE_SOCKET6, fd, 0);
}

int
send_tun_device(struct master *m, unsigned int gre, int fd, bool vnet)
{
	return send_fd(m, gre, MSG_TUN_DEVICE, fd, vnet ? M_FD_VNET_HDR : 0);
}

int
send_gre_add(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_gre_add *g)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_ADD, sid, g,
	    sizeof(*g), -1);
}

int
send_ppp_to_gre(struct master *m, unsigned int gre, uint32_t sid,
    const void *frame, size_t len)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_PPP_TO_GRE, sid, frame,
	    len, -1);
}

int
send_gre_ccp_mode(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_ccp_mode *c)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_CCP_MODE, sid, c,
	    sizeof(*c), -1);
}

int
send_gre_keepalive(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_gre_keepalive *k)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_KEEPALIVE, sid, k,
	    sizeof(*k), -1);
}

int
send_gre_keys(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_session_keys *k)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_KEYS, sid, k,
	    sizeof(*k), -1);
}

int
send_gre_route(struct master *m, unsigned int gre, uint32_t sid,
    uint32_t peer_ip)
{
	struct m_gre_route r = { peer_ip };

	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_ROUTE, sid, &r,
	    sizeof(r), -1);
}

/* A session's /64 to gre (gre-route6) or ctrl (ctrl-prefix6). */
static int
send_prefix6(struct master *m, unsigned int slot, uint16_t type, uint32_t sid,
    const struct in6_addr *p)
{
	struct m_prefix6 r;

	memset(&r, 0, sizeof(r));
	memcpy(r.prefix, p, sizeof(r.prefix));
	r.plen = PREFIX6_PLEN;
	return proc_send(m, slot, type, sid, &r, sizeof(r), -1);
}

int
send_gre_route6(struct master *m, unsigned int gre, uint32_t sid,
    const struct in6_addr *p)
{
	return send_prefix6(m, PROC_GRE_SLOT(gre), MSG_GRE_ROUTE6, sid, p);
}

int
send_ctrl_prefix6(struct master *m, uint32_t sid, const struct in6_addr *p)
{
	return send_prefix6(m, P_CTRL, MSG_CTRL_PREFIX6, sid, p);
}

int
send_ctrl_sess_opts(struct master *m, uint32_t sid,
    const struct m_ctrl_sess_opts *o)
{
	return proc_send(m, P_CTRL, MSG_CTRL_SESS_OPTS, sid, o, sizeof(*o), -1);
}

int
send_acct_resume(struct master *m, uint32_t sid,
    const struct m_acct_resume *r)
{
	return proc_send(m, P_AUTH, MSG_ACCT_RESUME, sid, r, sizeof(*r), -1);
}

int
send_gre_sess_opts(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_gre_sess_opts *o)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_SESS_OPTS, sid, o,
	    sizeof(*o), -1);
}

int
send_gre_rate(struct master *m, unsigned int gre, uint32_t sid,
    const struct m_gre_rate *r)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_RATE, sid, r,
	    sizeof(*r), -1);
}

int
send_gre_del(struct master *m, unsigned int gre, uint32_t sid,
    uint32_t reason)
{
	struct m_gre_del d = { reason };

	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_DEL, sid, &d,
	    sizeof(d), -1);
}

int
send_gre_peer(struct master *m, unsigned int gre, const struct m_gre_peer *p)
{
	return proc_send(m, PROC_GRE_SLOT(gre), MSG_GRE_PEER, 0, p,
	    sizeof(*p), -1);
}

/* ---- to auth ---- */

int
send_auth_config(struct master *m, const struct m_auth_config *c)
{
	return proc_send(m, P_AUTH, MSG_AUTH_CONFIG, 0, c, sizeof(*c), -1);
}

int
send_secrets(struct master *m, const struct m_secrets *s, int fd)
{
	return proc_send(m, P_AUTH, MSG_SECRETS, 0, s, sizeof(*s), fd);
}

int
send_secret_file(struct master *m, const struct m_secret_file *f, int fd)
{
	return proc_send(m, P_AUTH, MSG_SECRET_FILE, 0, f, sizeof(*f), fd);
}

int
send_auth_check(struct master *m, uint32_t sid, const struct m_auth_check *c)
{
	return proc_send(m, P_AUTH, MSG_AUTH_CHECK, sid, c, sizeof(*c), -1);
}

int
send_radius_config(struct master *m, const struct m_radius_config *c)
{
	return proc_send(m, P_AUTH, MSG_RADIUS_CONFIG, 0, c, sizeof(*c), -1);
}

int
send_radius_server(struct master *m, const struct m_radius_server *s, int fd)
{
	return proc_send(m, P_AUTH, MSG_RADIUS_SERVER, 0, s, sizeof(*s), fd);
}

int
send_radius_socket(struct master *m, const struct m_radius_socket *k, int fd)
{
	return proc_send(m, P_AUTH, MSG_RADIUS_SOCKET, 0, k, sizeof(*k), fd);
}

int
send_dae_config(struct master *m, const struct m_dae_config *c)
{
	return proc_send(m, P_AUTH, MSG_DAE_CONFIG, 0, c, sizeof(*c), -1);
}

int
send_dae_client(struct master *m, const struct m_dae_client *c, int fd)
{
	return proc_send(m, P_AUTH, MSG_DAE_CLIENT, 0, c, sizeof(*c), fd);
}

int
send_dae_socket(struct master *m, int fd)
{
	struct m_dae_socket k;

	memset(&k, 0, sizeof(k));
	return proc_send(m, P_AUTH, MSG_DAE_SOCKET, 0, &k, sizeof(k), fd);
}

int
send_dae_done(struct master *m, uint32_t sid, const struct m_dae_done *d)
{
	return proc_send(m, P_AUTH, MSG_DAE_DONE, sid, d, sizeof(*d), -1);
}

int
send_acct_start(struct master *m, uint32_t sid, const struct m_acct_start *a)
{
	return proc_send(m, P_AUTH, MSG_ACCT_START, sid, a, sizeof(*a), -1);
}

int
send_acct_counters(struct master *m, uint32_t sid,
    const struct m_gre_stats *st)
{
	return proc_send(m, P_AUTH, MSG_ACCT_COUNTERS, sid, st, sizeof(*st),
	    -1);
}

int
send_acct_stop(struct master *m, uint32_t sid, const struct m_acct_stop *a)
{
	return proc_send(m, P_AUTH, MSG_ACCT_STOP, sid, a, sizeof(*a), -1);
}

int
send_acct_off(struct master *m)
{
	struct m_acct_off o;

	memset(&o, 0, sizeof(o));
	return proc_send(m, P_AUTH, MSG_ACCT_OFF, 0, &o, sizeof(o), -1);
}

/* ---- to any worker ---- */

int
send_test_syscall(struct master *m, enum proc_id id, uint32_t what)
{
	struct m_test_syscall t = { what };

	return proc_send(m, id, MSG_TEST_SYSCALL, 0, &t, sizeof(t), -1);
}
