/*
 * Tests of the IPC catalog and validator (common/msg_catalog.c) and of
 * the transport (common/msg_io.c).  For every message type: a good
 * payload passes for its direction; one byte short, one byte long, every
 * other direction, a missing or extra fd and each field checker's
 * out-of-range values fail with the right error.  Then framing, and
 * real SOCK_SEQPACKET socketpairs with fd passing and truncation.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/syslog.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "common/msg.h"
#include "common/msg_fields.h"
#include "common/msg_io.h"

/* a payload buffer like msg_recv's: aligned, zero past the message */
struct pbuf {
	uint8_t	b[MSG_MAX_PAYLOAD] __attribute__((aligned(8)));
};

/* one field write that the type's checker must refuse */
struct mut {
	const char	*what;
	size_t		 off;
	size_t		 size;	/* 1, 2 or 4 */
	uint32_t	 value;
};

struct tcase {
	uint16_t	 type;
	enum proc_id	 from;
	enum proc_id	 to;	/* P_NPROC: every worker */
	int		 fd;	/* an fd must come with the good payload */
	size_t		 (*good)(void *);
	struct mut	 bad[16];
};

#define MUT(s, f, v)	{ #f "=" #v, offsetof(struct s, f), \
			  sizeof(((struct s *)0)->f), (uint32_t)(v) }
#define MUTAT(s, f, i, v) { #f "[" #i "]=" #v, offsetof(struct s, f) + (i), \
			  1, (uint32_t)(v) }

static size_t
good_log(void *p)
{
	struct m_log *m = p;

	m->prio = LOG_INFO;
	m->fac = LOGF_AUTH;
	m->len = 5;
	memcpy(m->text, "hello", 5);
	return 4 + 5;
}

static size_t
good_ready(void *p)
{
	struct m_ready *m = p;

	m->proc = P_GRE;
	m->pid = 1234;
	return sizeof(*m);
}

static size_t
good_ctrl_config(void *p)
{
	struct m_ctrl_config *m = p;

	m->auth_methods = AM_BIT(AM_MSCHAP2);
	m->mppe = MPPE_ALLOW_128 | MPPE_REQUIRED;
	m->local_ip = htonl(0x0a640101);
	m->mru = 1400;
	m->mtu = 1400;
	m->calls_per_conn = 1;
	m->max_conns = 100;
	m->nroutes = 2;
	m->routes[0].addr = htonl(0x0a000000);
	m->routes[0].plen = 8;
	m->routes[1].plen = 32;
	m->name_len = 5;
	memcpy(m->name, "pptpd", 5);
	m->domain_len = 3;
	memcpy(m->domain, "lan", 3);
	return sizeof(*m);
}

static size_t
good_gre_config(void *p)
{
	struct m_gre_config *m = p;

	m->local_ip = htonl(0x0a640101);
	m->max_sessions = 65535;
	m->mtu = 1500;
	m->mss_adjust = 1;
	m->client_to_client = 1;
	m->reorder_ms = GRE_REORDER_MS_MAX;
	m->reorder_win = GRE_REORDER_WIN_MAX;
	return sizeof(*m);
}

static size_t
good_auth_config(void *p)
{
	struct m_auth_config *m = p;

	m->lockout_failures = 5;
	m->lockout_window = 60;
	m->lockout_time = 0;
	m->name_len = 5;
	memcpy(m->name, "pptpd", 5);
	return sizeof(*m);
}

static size_t
good_gre_socket(void *p)
{
	((struct m_fd *)p)->kind = MSG_GRE_SOCKET;
	return sizeof(struct m_fd);
}

static size_t
good_gre_socket6(void *p)
{
	((struct m_fd *)p)->kind = MSG_GRE_SOCKET6;
	return sizeof(struct m_fd);
}

static size_t
good_gre_send_socket(void *p)
{
	((struct m_fd *)p)->kind = MSG_GRE_SEND_SOCKET;
	return sizeof(struct m_fd);
}

static size_t
good_tun_device(void *p)
{
	((struct m_fd *)p)->kind = MSG_TUN_DEVICE;
	return sizeof(struct m_fd);
}

static size_t
good_secrets(void *p)
{
	struct m_secrets *m = p;

	m->name_len = 256;	/* the whole array, no NUL needed */
	memset(m->name, 'a', sizeof(m->name));
	m->name[0] = '/';
	return sizeof(*m);
}

static size_t
good_ctrl_conn(void *p)
{
	struct m_ctrl_conn *m = p;

	m->peer.family = 4;
	m->peer.port = 40000;
	memcpy(m->peer.addr, "\xc6\x33\x64\x07", 4);
	m->local.family = 6;
	m->local.port = 1723;
	return sizeof(*m);
}

static size_t
good_ctrl_closed(void *p)
{
	struct m_ctrl_closed *m = p;

	m->reason = SR_CCP_REFUSED;	/* with both sides' MPPE bits */
	m->peer = MPPE_BIT_L | MPPE_BIT_H;
	m->ours = MPPE_BIT_S | MPPE_BIT_H;
	m->detail_len = 4;
	memcpy(m->detail, "bye!", 4);
	return sizeof(*m);
}

static size_t
good_gre_stray(void *p)
{
	struct m_gre_stray *m = p;

	m->src = htonl(0xc0000214);
	m->family = 4;
	m->call_id = 7;
	m->suppressed = 3;
	return sizeof(*m);
}

static size_t
good_metrics_id(void *p)
{
	struct m_metrics_req *m = p;

	m->id = METRICS_HTTP_MAX - 1;
	return sizeof(*m);
}

static size_t
good_metrics_data(void *p)
{
	struct m_metrics_data *m = p;

	m->id = 1;
	m->flags = METRICS_F_EOF;
	m->len = 6;
	memcpy(m->text, "# EOF\n", 6);
	return M_METRICS_DATA_HDR + 6;
}

static size_t
good_call_open(void *p)
{
	struct m_call_open *m = p;

	m->call_id = 1;
	m->peer_call_id = 0;
	m->peer_window = 64;
	return sizeof(*m);
}

static size_t
good_gre_add(void *p)
{
	struct m_gre_add *m = p;

	m->call_id = 65535;
	m->family = 4;
	m->peer_ip = htonl(0xc6336407);
	return sizeof(*m);
}

/* The same call from an IPv6 peer (2001:db8::7). */
static size_t
good_gre_add6(void *p)
{
	struct m_gre_add *m = p;

	m->call_id = 7;
	m->family = 6;
	m->peer_ip6[0] = 0x20;
	m->peer_ip6[1] = 0x01;
	m->peer_ip6[2] = 0x0d;
	m->peer_ip6[3] = 0xb8;
	m->peer_ip6[15] = 7;
	return sizeof(*m);
}

static size_t
good_gre_added(void *p)
{
	struct m_gre_added *m = p;

	m->status = 0;
	return sizeof(*m);
}

static size_t
good_call_accept(void *p)
{
	struct m_call_accept *m = p;

	memset(m->chal, 0xa5, sizeof(m->chal));
	return sizeof(*m);
}

static size_t
good_ppp(void *p)
{
	memcpy(p, "\xc0\x21\x01\x01\x00\x04", 6);	/* LCP Configure-Request */
	return 6;
}

static size_t
good_lcp_keepalive(void *p)
{
	struct m_lcp_keepalive *m = p;

	m->on = 1;
	m->magic = 0x12345678;
	return sizeof(*m);
}

static size_t
good_gre_keepalive(void *p)
{
	struct m_gre_keepalive *m = p;

	m->magic = 0x12345678;
	m->interval_s = 10;
	m->failures = 3;
	return sizeof(*m);
}

static size_t
good_gre_worker(void *p)
{
	struct m_gre_worker *m = p;

	m->tun_drops = 1;
	m->ctrl_drops = 2;
	m->joined_writes = 3;
	m->joined_pkts = 9;
	return sizeof(*m);
}

static size_t
good_link_dead(void *p)
{
	struct m_link_dead *m = p;

	m->unanswered = 3;
	return sizeof(*m);
}

static size_t
good_ccp_mode(void *p)
{
	struct m_ccp_mode *m = p;

	m->dir = CCP_DIR_TX;
	m->bits = MPPE_BIT_H | MPPE_BIT_S;
	return sizeof(*m);
}

static void
fill_auth_request(struct m_auth_request *m)
{
	m->method = AM_MSCHAP2;
	m->ident = 7;
	m->name_len = 255;
	memset(m->name, 'u', 255);
	m->chal_len = AUTH_CHAL_MAX;
	m->resp_len = 49;
}

static size_t
good_auth_request(void *p)
{
	fill_auth_request(p);
	return sizeof(struct m_auth_request);
}

static size_t
good_auth_check(void *p)
{
	struct m_auth_check *m = p;

	fill_auth_request(&m->req);
	m->peer.family = 4;
	return sizeof(*m);
}

static size_t
good_auth_result(void *p)
{
	struct m_auth_result *m = p;

	m->ok = 1;
	m->addr_kind = AA_NONE;
	m->has_keys = 1;
	m->msg_len = AUTH_MSG_MAX;
	memset(m->msg, 'S', sizeof(m->msg));
	return sizeof(*m);
}

static size_t
good_auth_verdict(void *p)
{
	struct m_auth_verdict *m = p;

	m->ok = 1;
	m->peer_ip = htonl(0x0a6400c8);
	m->msg_len = 2;
	memcpy(m->msg, "S=", 2);
	return sizeof(*m);
}

static size_t
good_secret_file_req(void *p)
{
	struct m_secret_file_req *m = p;

	m->path_len = 10;
	memcpy(m->path, "/etc/x/y.z", 10);
	return sizeof(*m);
}

static size_t
good_secret_file(void *p)
{
	struct m_secret_file *m = p;

	m->status = 0;
	m->path_len = 10;
	memcpy(m->path, "/etc/x/y.z", 10);
	return sizeof(*m);
}

static size_t
good_secrets_loaded(void *p)
{
	((struct m_secrets_loaded *)p)->entries = 3;
	return sizeof(struct m_secrets_loaded);
}

static size_t
good_keys(void *p)
{
	memset(p, 0x5a, sizeof(struct m_session_keys));
	return sizeof(struct m_session_keys);
}

static size_t
good_ip(void *p)
{
	*(uint32_t *)p = htonl(0x0a6400c8);
	return sizeof(uint32_t);
}

static size_t
good_gre_rate(void *p)
{
	struct m_gre_rate *m = p;

	m->down_bps = 100000000000ULL;	/* the largest a config allows */
	m->up_bps = 2000000;
	m->burst = 1000000000ULL;
	return sizeof(*m);
}

static size_t
good_gre_peer(void *p)
{
	struct m_gre_peer *m = p;

	m->addr = htonl(0x0a6400c9);
	m->op = GRE_PEER_ADD;
	return sizeof(*m);
}

static size_t
good_reason(void *p)
{
	*(uint32_t *)p = SR_KICKED;
	return sizeof(uint32_t);
}

static size_t
good_gre_stats(void *p)
{
	((struct m_gre_stats *)p)->bytes_in = 1;
	return sizeof(struct m_gre_stats);
}

static size_t
good_static_addr(void *p)
{
	struct m_static_addr *m = p;

	m->addr = htonl(0x0a6400c9);	/* 10.100.0.201 */
	m->name_len = 9;
	memcpy(m->name, "username2", 9);
	return sizeof(*m);
}

static size_t
good_radius_config(void *p)
{
	struct m_radius_config *m = p;

	m->nservers = 2;
	m->source = AS_RADIUS_FILE;
	m->acct_on = 1;
	m->acct_queue = 10000;
	m->nas_id_len = 3;
	memcpy(m->nas_id, "nas", 3);
	return sizeof(*m);
}

static size_t
good_radius_server(void *p)
{
	struct m_radius_server *m = p;

	m->index = 1;
	m->require_ma = 1;
	m->retries = 3;
	m->timeout_ms = 3000;
	m->auth_port = 1812;
	m->acct_port = 1813;
	return sizeof(*m);
}

static size_t
good_radius_socket(void *p)
{
	struct m_radius_socket *m = p;

	m->index = 3;
	m->kind = RADIUS_SOCK_ACCT;
	return sizeof(*m);
}

static size_t
good_radius_reply(void *p)
{
	struct m_radius_reply *m = p;

	m->session_timeout_s = 3600;
	m->mppe = MPPE_ALLOW_128 | MPPE_REQUIRED;
	m->netmask = htonl(0xffffff00);
	m->mtu = 1400;
	m->pool_len = 5;
	memcpy(m->pool, "staff", 5);
	m->nroutes = 1;
	m->routes[0].addr = htonl(0x0ac80000);	/* 10.200.0.0/24 */
	m->routes[0].plen = 24;
	m->has_prefix6 = 1;			/* 2001:db8:100:42::/64 */
	memcpy(m->prefix6, "\x20\x01\x0d\xb8\x01\x00\x00\x42", 8);
	return sizeof(*m);
}

static void
fill_acct_record(struct m_acct_record *m)
{
	memcpy(m->id, "0123456789ABCDEF", ACCT_ID_LEN);
	m->interim_s = 600;
	m->by_radius = 1;
	m->user_len = 5;
	memcpy(m->user, "alice", 5);
}

static size_t
good_acct_record(void *p)
{
	fill_acct_record(p);
	return sizeof(struct m_acct_record);
}

static size_t
good_acct_resume(void *p)
{
	struct m_acct_resume *m = p;

	fill_acct_record(&m->rec);
	m->start.peer.family = 4;
	m->start.ip = htonl(0x0a6400c8);
	m->up_s = 30;
	m->ended = 1;
	return sizeof(*m);
}

static size_t
good_gre_sess_opts(void *p)
{
	struct m_gre_sess_opts *m = p;

	m->mss = 1360;
	m->nroutes = 1;
	m->routes[0].addr = htonl(0x0ac80000);
	m->routes[0].plen = 24;
	return sizeof(*m);
}

static size_t
good_ctrl_sess_opts(void *p)
{
	struct m_ctrl_sess_opts *m = p;

	m->dns[0] = htonl(0x0a090901);
	m->netmask = htonl(0xffffff00);
	return sizeof(*m);
}

static size_t
good_acct_start(void *p)
{
	struct m_acct_start *m = p;

	m->peer.family = 4;
	m->ip = htonl(0x0a6400c9);
	return sizeof(*m);
}

static size_t
good_acct_counters(void *p)
{
	((struct m_gre_stats *)p)->bytes_in = 1ULL << 33;
	return sizeof(struct m_gre_stats);
}

static size_t
good_acct_stop(void *p)
{
	struct m_acct_stop *m = p;

	m->reason = SR_SESSION_TIMEOUT;
	m->up = 1;
	return sizeof(*m);
}

static size_t
good_acct_off(void *p)
{
	return sizeof(struct m_acct_off);
}

static size_t
good_radius_stats(void *p)
{
	struct m_radius_stats *m = p;

	m->index = 1;
	m->dead = 1;
	m->requests = 5;
	return sizeof(*m);
}

static size_t
good_dae_config(void *p)
{
	struct m_dae_config *m = p;

	m->nclients = 2;
	m->window_s = 300;
	return sizeof(*m);
}

static size_t
good_dae_client(void *p)
{
	struct m_dae_client *m = p;

	m->index = 1;
	m->require_ma = 1;
	m->require_ts = 1;
	m->max_sessions = 1;
	m->addr = 0x0100007f;
	return sizeof(*m);
}

static size_t
good_dae_socket(void *p)
{
	return sizeof(struct m_dae_socket);
}

static size_t
good_dae_stats(void *p)
{
	((struct m_dae_stats *)p)->n[DAE_R_REPLAY] = 3;
	return sizeof(struct m_dae_stats);
}

/* a CoA setting both: a new Session-Timeout and limits */
static size_t
good_dae_action(void *p)
{
	struct m_dae_action *m = p;

	m->tag = 0x105;
	m->op = DAE_OP_CHANGE;
	m->set = DAE_SET_TIMEOUT | DAE_SET_RATE | DAE_SET_IDLE;
	m->requester = 0x0100007f;
	m->session_timeout_s = 600;
	m->idle_timeout_s = 5;
	m->down_bps = 3000000;
	m->up_bps = 1000000;
	return sizeof(*m);
}

static size_t
good_dae_done(void *p)
{
	struct m_dae_done *m = p;

	m->tag = 0x105;
	m->status = HP_E_NOTFOUND;
	return sizeof(*m);
}

static size_t
good_test_syscall(void *p)
{
	((struct m_test_syscall *)p)->what = TH_RANGE;
	return sizeof(struct m_test_syscall);
}

static size_t
good_ctrl_config6(void *p)
{
	struct m_ctrl_config6 *m = p;

	m->ipv6 = 1;
	m->ifid_local[7] = 1;
	m->ifid_remote[7] = 2;
	m->ndns6 = 1;
	m->dns6[0][0] = 0x20;
	m->dns6[0][15] = 0x53;
	m->nroutes6 = 1;
	m->routes6[0].prefix[0] = 0x20;
	m->routes6[0].prefix[5] = 0x02;
	m->routes6[0].plen = 48;
	return sizeof(*m);
}

static size_t
good_prefix6(void *p)
{
	struct m_prefix6 *m = p;

	m->prefix[0] = 0x20;
	m->prefix[1] = 0x01;
	m->prefix[2] = 0x0d;
	m->prefix[3] = 0xb8;
	m->prefix[7] = 0x01;
	m->plen = PREFIX6_PLEN;
	return sizeof(*m);
}

static const struct tcase cases[] = {
	{ MSG_LOG, P_NPROC, P_MASTER, 0, good_log, {
	    MUT(m_log, prio, LOG_DEBUG + 1), MUT(m_log, prio, 255),
	    MUT(m_log, fac, LOGF_AUTH + 1),
	    MUT(m_log, len, 4), MUT(m_log, len, 6),
	    MUT(m_log, len, 0xffff), MUTAT(m_log, text, 2, 0) } },
	{ MSG_READY, P_NPROC, P_MASTER, 0, good_ready, {
	    MUT(m_ready, proc, P_MASTER), MUT(m_ready, proc, P_NPROC),
	    MUT(m_ready, proc, 0xffffffff) } },
	{ MSG_CTRL_CONFIG6, P_MASTER, P_CTRL, 0, good_ctrl_config6, {
	    MUT(m_ctrl_config6, ipv6, 2), MUTAT(m_ctrl_config6, pad, 3, 1),
	    MUTAT(m_ctrl_config6, ifid_remote, 7, 1),
	    MUT(m_ctrl_config6, ndns6, 0), MUT(m_ctrl_config6, ndns6, 2),
	    MUT(m_ctrl_config6, ndns6, DNS6_MAX + 1),
	    MUT(m_ctrl_config6, nroutes6, 0),
	    MUT(m_ctrl_config6, nroutes6, ROUTES6_MAX + 1),
	    MUTAT(m_ctrl_config6, routes6, 16, 129),	/* [0].plen */
	    MUTAT(m_ctrl_config6, routes6, 6, 1),	/* past /48 */
	    MUTAT(m_ctrl_config6, routes6, 17, 1),	/* [0].pad */
	    MUTAT(m_ctrl_config6, routes6, 24, 0x20) } },	/* [1] unused */
	{ MSG_GRE_ROUTE6, P_MASTER, P_GRE, 0, good_prefix6, {
	    MUT(m_prefix6, plen, 48), MUT(m_prefix6, plen, 128),
	    MUTAT(m_prefix6, prefix, 0, 0xfe),	/* fe01:: link-local-ish */
	    MUTAT(m_prefix6, prefix, 0, 0xff),	/* multicast */
	    MUTAT(m_prefix6, prefix, 0, 0x00),	/* ::, v4-mapped */
	    MUTAT(m_prefix6, prefix, 15, 1),	/* host bits */
	    MUTAT(m_prefix6, prefix, 8, 0x80),
	    MUTAT(m_prefix6, pad, 6, 1) } },
	{ MSG_CTRL_PREFIX6, P_MASTER, P_CTRL, 0, good_prefix6, {
	    MUT(m_prefix6, plen, 0), MUTAT(m_prefix6, prefix, 0, 0xfe),
	    MUTAT(m_prefix6, prefix, 12, 1), MUTAT(m_prefix6, pad, 0, 1) } },
	{ MSG_CTRL_CONFIG, P_MASTER, P_CTRL, 0, good_ctrl_config, {
	    MUT(m_ctrl_config, auth_methods, 0),
	    MUT(m_ctrl_config, auth_methods, 1),	/* bit 0: no method */
	    MUT(m_ctrl_config, auth_methods, AM_BIT(5)),
	    MUT(m_ctrl_config, mppe, 0x08),
	    MUT(m_ctrl_config, mppe, MPPE_REQUIRED),
	    MUT(m_ctrl_config, mru, 127), MUT(m_ctrl_config, mru, 1501),
	    MUT(m_ctrl_config, mtu, 127), MUT(m_ctrl_config, mtu, 1501),
	    MUT(m_ctrl_config, nroutes, MAX_ROUTES + 1),
	    MUT(m_ctrl_config, calls_per_conn, 0),
	    MUTAT(m_ctrl_config, routes, 4, 33),	/* routes[0].plen */
	    MUTAT(m_ctrl_config, routes, 13, 1),	/* routes[1].pad[0] */
	    MUT(m_ctrl_config, name_len, 0), MUT(m_ctrl_config, name_len, 65),
	    MUTAT(m_ctrl_config, pad, 1, 1) } },
	{ MSG_GRE_CONFIG, P_MASTER, P_GRE, 0, good_gre_config, {
	    MUT(m_gre_config, mtu, 127), MUT(m_gre_config, mtu, 1501),
	    MUT(m_gre_config, mss_adjust, 2),
	    MUT(m_gre_config, client_to_client, 2),
	    MUT(m_gre_config, max_sessions, 0),
	    MUT(m_gre_config, max_sessions, 65536),
	    MUT(m_gre_config, reorder_ms, GRE_REORDER_MS_MAX + 1),
	    MUT(m_gre_config, reorder_win, 0),
	    MUT(m_gre_config, reorder_win, GRE_REORDER_WIN_MAX + 1) } },
	{ MSG_AUTH_CONFIG, P_MASTER, P_AUTH, 0, good_auth_config, {
	    MUT(m_auth_config, lockout_failures, 0),
	    MUT(m_auth_config, lockout_window, 0),
	    MUT(m_auth_config, name_len, 0), MUT(m_auth_config, name_len, 65),
	    MUTAT(m_auth_config, name, 4, 0),
	    MUTAT(m_auth_config, pad, 0, 1) } },
	{ MSG_GRE_SOCKET, P_MASTER, P_GRE, 1, good_gre_socket, {
	    MUT(m_fd, kind, 0), MUT(m_fd, kind, MSG_TUN_DEVICE),
	    MUT(m_fd, flags, 1) } },
	{ MSG_GRE_SEND_SOCKET, P_MASTER, P_GRE, 1, good_gre_send_socket, {
	    MUT(m_fd, kind, MSG_GRE_SOCKET), MUT(m_fd, kind, 0),
	    MUT(m_fd, flags, 1) } },
	{ MSG_GRE_SOCKET6, P_MASTER, P_GRE, 1, good_gre_socket6, {
	    MUT(m_fd, kind, MSG_GRE_SOCKET), MUT(m_fd, kind, 0),
	    MUT(m_fd, flags, 1) } },
	{ MSG_TUN_DEVICE, P_MASTER, P_GRE, 1, good_tun_device, {
	    MUT(m_fd, kind, MSG_GRE_SOCKET), MUT(m_fd, kind, 0xffff),
	    MUT(m_fd, flags, 0x80000000), MUT(m_fd, flags, 2) } },
	{ MSG_SECRETS, P_MASTER, P_AUTH, 1, good_secrets, {
	    MUT(m_secrets, name_len, 257), MUT(m_secrets, name_len, 0xffff),
	    MUTAT(m_secrets, name, 255, 0), MUT(m_secrets, pad, 1) } },
	{ MSG_CTRL_CONN, P_MASTER, P_CTRL, 1, good_ctrl_conn, {
	    MUT(m_ctrl_conn, peer.family, 0), MUT(m_ctrl_conn, peer.family, 5),
	    MUT(m_ctrl_conn, local.family, 44), MUT(m_ctrl_conn, peer.pad, 1),
	    MUT(m_ctrl_conn, local.pad, 1) } },
	{ MSG_CTRL_CLOSED, P_CTRL, P_MASTER, 0, good_ctrl_closed, {
	    MUT(m_ctrl_closed, reason, SR_NREASONS),
	    MUT(m_ctrl_closed, reason, 0xffffffff),
	    MUT(m_ctrl_closed, detail_len, 97),
	    MUT(m_ctrl_closed, peer, 0x01),		/* MPPC: not ours */
	    MUT(m_ctrl_closed, ours, 0x02000000),
	    MUT(m_ctrl_closed, reason, SR_NO_ADDRESS),	/* values for none */
	    MUTAT(m_ctrl_closed, detail, 0, 0),
	    MUTAT(m_ctrl_closed, pad, 2, 1) } },
	{ MSG_CALL_OPEN, P_CTRL, P_MASTER, 0, good_call_open, {
	    MUT(m_call_open, call_id, 0), MUT(m_call_open, pad, 1) } },
	{ MSG_GRE_ADD, P_MASTER, P_GRE, 0, good_gre_add, {
	    MUT(m_gre_add, call_id, 0), MUT(m_gre_add, family, 0),
	    MUT(m_gre_add, family, 5), MUT(m_gre_add, family, 6),
	    MUT(m_gre_add, mppe, 0x80), MUT(m_gre_add, mppe, 0x08),
	    MUT(m_gre_add, peer_ip, 0), MUTAT(m_gre_add, peer_ip6, 15, 1) } },
	{ MSG_PPP_FROM_GRE, P_GRE, P_MASTER, 0, good_ppp, { { NULL, 0, 0, 0 } } },
	{ MSG_PPP_TO_CTRL, P_MASTER, P_CTRL, 0, good_ppp, { { NULL, 0, 0, 0 } } },
	{ MSG_PPP_FROM_CTRL, P_CTRL, P_MASTER, 0, good_ppp, { { NULL, 0, 0, 0 } } },
	{ MSG_PPP_TO_GRE, P_MASTER, P_GRE, 0, good_ppp, { { NULL, 0, 0, 0 } } },
	{ MSG_CCP_MODE, P_CTRL, P_MASTER, 0, good_ccp_mode, {
	    MUT(m_ccp_mode, dir, 2),
	    MUT(m_ccp_mode, bits, MPPE_BIT_H),
	    MUT(m_ccp_mode, bits, MPPE_BIT_L | MPPE_BIT_S),
	    MUT(m_ccp_mode, bits, MPPE_BIT_M | MPPE_BIT_S | MPPE_BIT_L),
	    MUT(m_ccp_mode, bits, MPPE_BIT_S | 0x01) } },
	{ MSG_GRE_CCP_MODE, P_MASTER, P_GRE, 0, good_ccp_mode, {
	    MUT(m_ccp_mode, dir, 0xffffffff),
	    MUT(m_ccp_mode, bits, 0),
	    MUT(m_ccp_mode, bits, MPPE_BIT_M | MPPE_BIT_L),
	    MUT(m_ccp_mode, bits, MPPE_BIT_S | 0x80000000) } },
	{ MSG_LCP_KEEPALIVE, P_CTRL, P_MASTER, 0, good_lcp_keepalive, {
	    MUT(m_lcp_keepalive, on, 2),
	    MUT(m_lcp_keepalive, on, 0) } },		/* off with a magic */
	{ MSG_GRE_KEEPALIVE, P_MASTER, P_GRE, 0, good_gre_keepalive, {
	    MUT(m_gre_keepalive, interval_s, GRE_ECHO_INTERVAL_MAX + 1),
	    MUT(m_gre_keepalive, interval_s, 0),	/* off with a count */
	    MUT(m_gre_keepalive, failures, 0),
	    MUT(m_gre_keepalive, pad, 1) } },
	{ MSG_GRE_LINK_DEAD, P_GRE, P_MASTER, 0, good_link_dead, {
	    MUT(m_link_dead, unanswered, 0),
	    MUT(m_link_dead, unanswered, 256) } },
	{ MSG_GRE_WORKER, P_GRE, P_MASTER, 0, good_gre_worker, {
	    MUT(m_gre_worker, joined_pkts, 5),		/* < 2 a write */
	    MUT(m_gre_worker, joined_writes, 0) } },	/* packets, no write */
	{ MSG_AUTH_REQUEST, P_CTRL, P_MASTER, 0, good_auth_request, {
	    MUT(m_auth_request, method, 0), MUT(m_auth_request, method, 5),
	    MUT(m_auth_request, chal_len, AUTH_CHAL_MAX + 1),
	    MUTAT(m_auth_request, pad, 1, 1) } },
	{ MSG_AUTH_VERDICT, P_MASTER, P_CTRL, 0, good_auth_verdict, {
	    MUT(m_auth_verdict, ok, 2), MUT(m_auth_verdict, peer_ip, 0),
	    MUT(m_auth_verdict, msg_len, AUTH_MSG_MAX + 1),
	    MUTAT(m_auth_verdict, msg, 1, 0),
	    MUTAT(m_auth_verdict, pad, 0, 1) } },
	{ MSG_AUTH_CHECK, P_MASTER, P_AUTH, 0, good_auth_check, {
	    MUT(m_auth_check, req.method, 0),
	    MUT(m_auth_check, req.chal_len, 255),
	    MUT(m_auth_check, peer.family, 0),
	    MUT(m_auth_check, peer.pad, 1) } },
	{ MSG_AUTH_RESULT, P_AUTH, P_MASTER, 0, good_auth_result, {
	    MUT(m_auth_result, ok, 2),
	    MUT(m_auth_result, ok, 0),		/* refused, yet keys follow */
	    MUT(m_auth_result, addr_kind, AA_LIST + 1),
	    MUT(m_auth_result, nrules, 1),
	    MUT(m_auth_result, has_keys, 2),
	    MUT(m_auth_result, msg_len, AUTH_MSG_MAX + 1),
	    MUTAT(m_auth_result, msg, 127, 0),
	    MUTAT(m_auth_result, pad, 1, 1) } },
	{ MSG_SECRET_FILE_REQ, P_AUTH, P_MASTER, 0, good_secret_file_req, {
	    MUT(m_secret_file_req, path_len, 0),
	    MUT(m_secret_file_req, path_len, 257),
	    MUTAT(m_secret_file_req, path, 0, 'e'),	/* relative */
	    MUTAT(m_secret_file_req, path, 9, 0),
	    MUT(m_secret_file_req, pad, 1) } },
	{ MSG_SECRET_FILE, P_MASTER, P_AUTH, 1, good_secret_file, {
	    MUT(m_secret_file, path_len, 0),
	    MUT(m_secret_file, path_len, 300),
	    MUTAT(m_secret_file, path, 0, 'x'),
	    MUTAT(m_secret_file, path, 3, 0),
	    MUT(m_secret_file, pad, 1) } },
	{ MSG_SESSION_KEYS, P_AUTH, P_MASTER, 0, good_keys, { { NULL, 0, 0, 0 } } },
	{ MSG_GRE_KEYS, P_MASTER, P_GRE, 0, good_keys, { { NULL, 0, 0, 0 } } },
	{ MSG_SESSION_UP, P_CTRL, P_MASTER, 0, good_ip, { { NULL, 0, 0, 0 } } },
	{ MSG_GRE_ROUTE, P_MASTER, P_GRE, 0, good_ip, { { NULL, 0, 0, 0 } } },
	{ MSG_SESSION_KICK, P_MASTER, P_CTRL, 0, good_reason, {
	    MUT(m_kick, reason, SR_NREASONS),
	    MUT(m_kick, reason, 0xffffffff) } },
	{ MSG_GRE_DEL, P_MASTER, P_GRE, 0, good_reason, {
	    MUT(m_gre_del, reason, SR_NREASONS),
	    MUT(m_gre_del, reason, 0x80000000) } },
	{ MSG_GRE_STATS, P_GRE, P_MASTER, 0, good_gre_stats, { { NULL, 0, 0, 0 } } },
	{ MSG_GRE_COUNTERS, P_GRE, P_MASTER, 0, good_gre_stats, { { NULL, 0, 0, 0 } } },
	{ MSG_GRE_ADDED, P_GRE, P_MASTER, 0, good_gre_added, { { NULL, 0, 0, 0 } } },
	/* high bytes set (little-endian): far above 100 Gbit/s or 1 GB */
	{ MSG_GRE_RATE, P_MASTER, P_GRE, 0, good_gre_rate, {
	    MUTAT(m_gre_rate, down_bps, 5, 1),
	    MUTAT(m_gre_rate, up_bps, 7, 0x80),
	    MUTAT(m_gre_rate, burst, 4, 1) } },
	{ MSG_GRE_PEER, P_MASTER, P_GRE, 0, good_gre_peer, {
	    MUT(m_gre_peer, addr, 0),
	    MUT(m_gre_peer, op, 0),
	    MUT(m_gre_peer, op, 3),
	    MUTAT(m_gre_peer, pad, 2, 1) } },
	{ MSG_CALL_ACCEPT, P_MASTER, P_CTRL, 0, good_call_accept, { { NULL, 0, 0, 0 } } },
	{ MSG_SECRETS_LOADED, P_AUTH, P_MASTER, 0, good_secrets_loaded,
	    { { NULL, 0, 0, 0 } } },
	{ MSG_GRE_STRAY, P_GRE, P_MASTER, 0, good_gre_stray, {
	    MUT(m_gre_stray, pad, 1), MUT(m_gre_stray, family, 0),
	    MUT(m_gre_stray, family, 6), MUTAT(m_gre_stray, src6, 0, 0x20) } },
	{ MSG_METRICS_CONN, P_MASTER, P_CTRL, 1, good_metrics_id, {
	    MUT(m_metrics_conn, id, METRICS_HTTP_MAX) } },
	{ MSG_METRICS_REQ, P_CTRL, P_MASTER, 0, good_metrics_id, {
	    MUT(m_metrics_req, id, METRICS_HTTP_MAX),
	    MUT(m_metrics_req, id, 0xffffffff) } },
	{ MSG_METRICS_DATA, P_MASTER, P_CTRL, 0, good_metrics_data, {
	    MUT(m_metrics_data, id, METRICS_HTTP_MAX),
	    MUT(m_metrics_data, flags, 0x04),
	    MUT(m_metrics_data, len, 5),
	    MUT(m_metrics_data, len, 7),
	    MUT(m_metrics_data, len, 0xffff) } },
	{ MSG_METRICS_DONE, P_CTRL, P_MASTER, 0, good_metrics_id, {
	    MUT(m_metrics_req, id, METRICS_HTTP_MAX) } },
	{ MSG_TEST_SYSCALL, P_MASTER, P_NPROC, 0, good_test_syscall, {
	    MUT(m_test_syscall, what, 0),
	    MUT(m_test_syscall, what, TH_LOG_FLOOD + 1) } },
	{ MSG_STATIC_ADDR, P_AUTH, P_MASTER, 0, good_static_addr, {
	    MUT(m_static_addr, addr, 0),
	    MUT(m_static_addr, name_len, 0),
	    MUT(m_static_addr, name_len, 256),
	    MUT(m_static_addr, pad, 1),
	    MUTAT(m_static_addr, name, 4, 0) } },
	{ MSG_RADIUS_CONFIG, P_MASTER, P_AUTH, 0, good_radius_config, {
	    MUT(m_radius_config, nservers, RADIUS_SERVERS_MAX + 1),
	    MUT(m_radius_config, source, AS_RADIUS_FILE + 1),
	    MUT(m_radius_config, acct_on, 2),
	    MUT(m_radius_config, acct_queue, 0),
	    MUT(m_radius_config, pad, 1),
	    MUT(m_radius_config, nas_id_len, RADIUS_NAS_ID_MAX + 1),
	    MUTAT(m_radius_config, nas_id, 1, 0) } },
	{ MSG_RADIUS_SERVER, P_MASTER, P_AUTH, 1, good_radius_server, {
	    MUT(m_radius_server, index, RADIUS_SERVERS_MAX),
	    MUT(m_radius_server, require_ma, 2),
	    MUT(m_radius_server, retries, 0),
	    MUT(m_radius_server, retries, 11),
	    MUT(m_radius_server, timeout_ms, 99),
	    MUT(m_radius_server, timeout_ms, 60001),
	    MUT(m_radius_server, auth_port, 0),
	    MUT(m_radius_server, acct_port, 0),
	    MUT(m_radius_server, pad, 1) } },
	{ MSG_RADIUS_SOCKET, P_MASTER, P_AUTH, 1, good_radius_socket, {
	    MUT(m_radius_socket, index, RADIUS_SERVERS_MAX),
	    MUT(m_radius_socket, kind, 2),
	    MUT(m_radius_socket, sock, RADIUS_ACCT_SOCKS),
	    MUT(m_radius_socket, pad, 1) } },
	{ MSG_RADIUS_REPLY, P_AUTH, P_MASTER, 0, good_radius_reply, {
	    MUT(m_radius_reply, mppe, 0x80),
	    MUTAT(m_radius_reply, pad, 0, 1),
	    MUT(m_radius_reply, netmask, 0x00ff00ff),
	    MUT(m_radius_reply, mtu, RADIUS_MTU_MIN - 1),
	    MUT(m_radius_reply, nroutes, RADIUS_ROUTES_MAX + 1),
	    MUTAT(m_radius_reply, routes, 4, 33),
	    MUTAT(m_radius_reply, routes, 3, 1),
	    MUTAT(m_radius_reply, routes, 8, 1),
	    MUT(m_radius_reply, pool_len, RADIUS_POOL_NAME_MAX + 1),
	    MUTAT(m_radius_reply, pool, 0, ' '),
	    MUTAT(m_radius_reply, pool, 5, 'x'),
	    MUT(m_radius_reply, has_prefix6, 2),
	    MUT(m_radius_reply, has_prefix6, 0),	/* a prefix left */
	    MUTAT(m_radius_reply, prefix6, 0, 0xff),	/* multicast */
	    MUTAT(m_radius_reply, prefix6, 0, 0x00) } },
	{ MSG_ACCT_RECORD, P_AUTH, P_MASTER, 0, good_acct_record, {
	    MUTAT(m_acct_record, id, 3, 'a'),
	    MUT(m_acct_record, by_radius, 2),
	    MUT(m_acct_record, user_len, 0),
	    MUT(m_acct_record, user_len, ACCT_USER_MAX + 1),
	    MUT(m_acct_record, class_len, ACCT_CLASS_MAX + 1),
	    MUT(m_acct_record, pad, 1),
	    MUTAT(m_acct_record, user, 5, 'x'),
	    MUTAT(m_acct_record, class, 0, 1) } },
	{ MSG_ACCT_RESUME, P_MASTER, P_AUTH, 0, good_acct_resume, {
	    MUT(m_acct_resume, ended, 2),
	    MUT(m_acct_resume, start.ip, 0),
	    MUTAT(m_acct_resume, rec, 0, 'g') } },
	{ MSG_GRE_SESS_OPTS, P_MASTER, P_GRE, 0, good_gre_sess_opts, {
	    MUT(m_gre_sess_opts, mss, 100),
	    MUT(m_gre_sess_opts, pad, 1),
	    MUT(m_gre_sess_opts, nroutes, RADIUS_ROUTES_MAX + 1),
	    MUTAT(m_gre_sess_opts, routes, 4, 0),
	    MUTAT(m_gre_sess_opts, routes, 12, 1) } },
	{ MSG_CTRL_SESS_OPTS, P_MASTER, P_CTRL, 0, good_ctrl_sess_opts, {
	    MUT(m_ctrl_sess_opts, netmask, 0x00ff00ff) } },
	{ MSG_ACCT_START, P_MASTER, P_AUTH, 0, good_acct_start, {
	    MUT(m_acct_start, ip, 0),
	    MUTAT(m_acct_start, peer, 0, 5),
	    MUTAT(m_acct_start, peer, 1, 1) } },
	{ MSG_ACCT_COUNTERS, P_MASTER, P_AUTH, 0, good_acct_counters,
	    { { NULL, 0, 0, 0 } } },
	{ MSG_ACCT_STOP, P_MASTER, P_AUTH, 0, good_acct_stop, {
	    MUT(m_acct_stop, reason, SR_NREASONS),
	    MUT(m_acct_stop, up, 2) } },
	{ MSG_ACCT_OFF, P_MASTER, P_AUTH, 0, good_acct_off, {
	    MUT(m_acct_off, pad, 1) } },
	{ MSG_RADIUS_STATS, P_AUTH, P_MASTER, 0, good_radius_stats, {
	    MUT(m_radius_stats, index, RADIUS_SERVERS_MAX),
	    MUT(m_radius_stats, dead, 2),
	    MUTAT(m_radius_stats, pad, 1, 1) } },
	{ MSG_DAE_CONFIG, P_MASTER, P_AUTH, 0, good_dae_config, {
	    MUT(m_dae_config, nclients, DAE_CLIENTS_MAX + 1),
	    MUT(m_dae_config, window_s, 0),
	    MUT(m_dae_config, window_s, DAE_WINDOW_MAX + 1),
	    MUTAT(m_dae_config, pad, 2, 1) } },
	{ MSG_DAE_CLIENT, P_MASTER, P_AUTH, 1, good_dae_client, {
	    MUT(m_dae_client, index, DAE_CLIENTS_MAX),
	    MUT(m_dae_client, require_ma, 2),
	    MUT(m_dae_client, require_ts, 2),
	    MUT(m_dae_client, addr, 0),
	    MUT(m_dae_client, max_sessions, 0),
	    MUT(m_dae_client, max_sessions, DAE_MULTI_MAX + 1) } },
	{ MSG_DAE_SOCKET, P_MASTER, P_AUTH, 1, good_dae_socket, {
	    MUT(m_dae_socket, pad, 1) } },
	{ MSG_DAE_STATS, P_AUTH, P_MASTER, 0, good_dae_stats,
	    { { NULL, 0, 0, 0 } } },
	/* high bytes set (little-endian): far above 100 Gbit/s */
	{ MSG_DAE_ACTION, P_AUTH, P_MASTER, 0, good_dae_action, {
	    MUT(m_dae_action, op, 0),
	    MUT(m_dae_action, op, 3),
	    MUT(m_dae_action, op, DAE_OP_END),	/* an end that sets */
	    MUT(m_dae_action, set, 0),		/* a change of nothing */
	    MUT(m_dae_action, set, 0x08),
	    MUT(m_dae_action, set, DAE_SET_TIMEOUT | DAE_SET_IDLE),
	    MUT(m_dae_action, set, DAE_SET_RATE | DAE_SET_IDLE),
	    MUT(m_dae_action, set, DAE_SET_TIMEOUT | DAE_SET_RATE),
	    MUT(m_dae_action, pad2, 1),
	    MUTAT(m_dae_action, down_bps, 5, 1),
	    MUTAT(m_dae_action, up_bps, 7, 0x80),
	    MUTAT(m_dae_action, pad, 1, 1) } },
	{ MSG_DAE_DONE, P_MASTER, P_AUTH, 0, good_dae_done, {
	    MUT(m_dae_done, status, 1) } },
};
#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static int
check(enum proc_id from, enum proc_id to, uint16_t type, uint32_t len,
    const struct pbuf *p, int hasfd)
{
	struct msg_hdr h;

	memset(&h, 0, sizeof(h));
	h.type = type;
	h.sid = 0x1234;
	h.len = len;
	return msg_check(from, to, &h, p->b, sizeof(h) + len, hasfd);
}

/* the direction a case is tested in (any worker: ctrl, then all) */
static enum proc_id
dir_from(const struct tcase *c)
{
	return c->from == P_NPROC ? P_CTRL : c->from;
}

static enum proc_id
dir_to(const struct tcase *c)
{
	return c->to == P_NPROC ? P_GRE : c->to;
}

static int
dir_allowed(const struct tcase *c, enum proc_id f, enum proc_id t)
{
	int fok = c->from == P_NPROC ? f != P_MASTER : f == c->from;
	int tok = c->to == P_NPROC ? t != P_MASTER : t == c->to;

	return fok && tok;
}

static void
test_catalog_complete(void **state)
{
	size_t i;
	unsigned int t;
	int seen[MSG_NTYPES];

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < NCASES; i++) {
		assert_non_null(msg_spec(cases[i].type));
		assert_int_equal(seen[cases[i].type], 0);
		seen[cases[i].type] = 1;
	}
	/* every type in the catalog has a case here, and a name */
	for (t = 0; t < MSG_NTYPES; t++) {
		if (msg_spec(t) == NULL)
			continue;
		if (!seen[t])
			fail_msg("type %u (%s) has no test case", t,
			    msg_type_name(t));
		assert_string_not_equal(msg_type_name(t), "unknown");
	}
	assert_null(msg_spec(MSG_NONE));
	assert_null(msg_spec(9));		/* a hole in the numbering */
	assert_null(msg_spec(13));		/* a retired value */
	assert_null(msg_spec(MSG_NTYPES));
	assert_null(msg_spec(0xffff));
}

/*
 * Every request and its answer (MSG_PAIRS; their numbering is checked
 * at compile time in msg.h): the answer goes back the way the request
 * came.
 */
static void
test_pairs(void **state)
{
#define PAIR_ROW(req, ans)	{ req, ans },
	static const uint16_t pairs[][2] = { MSG_PAIRS(PAIR_ROW) };
#undef PAIR_ROW
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct msg_spec *q = msg_spec(pairs[i][0]);
		const struct msg_spec *a = msg_spec(pairs[i][1]);

		assert_non_null(q);
		assert_non_null(a);
		if (q->from != a->to || q->to != a->from)
			fail_msg("%s does not answer %s", a->name, q->name);
	}
}

/* The row's fd rule says what the good case sends. */
static void
test_fd_rule(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		const struct msg_spec *s = msg_spec(cases[i].type);

		assert_int_equal(s->fd != MSG_FD_NO, cases[i].fd != 0);
		/* a row is exact or bounded, never both */
		assert_true((s->size != 0) != (s->max != 0));
		assert_true(s->min <= s->max);
	}
}

static void
test_good(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		const struct tcase *c = &cases[i];
		struct pbuf p;
		size_t len;
		int f, t;

		memset(&p, 0, sizeof(p));
		len = c->good(p.b);
		for (f = 0; f < P_NPROC; f++)
			for (t = 0; t < P_NPROC; t++) {
				int r = check(f, t, c->type, len, &p, c->fd);

				if (dir_allowed(c, f, t) && r != HP_OK)
					fail_msg("%s %s->%s: %s",
					    msg_type_name(c->type),
					    proc_name(f), proc_name(t),
					    hp_strerror(r));
				if (!dir_allowed(c, f, t) && r != HP_E_PERM)
					fail_msg("%s %s->%s: want PERM, got %d",
					    msg_type_name(c->type),
					    proc_name(f), proc_name(t), r);
			}
	}
}

/*
 * gre-add from an IPv6 peer: good as built; refused when it also has
 * an IPv4 address, has no IPv6 one, or says family 4.
 */
static void
test_gre_add6(void **state)
{
	struct pbuf p;
	struct m_gre_add *m = (void *)p.b;
	size_t len;

	(void)state;
	memset(&p, 0, sizeof(p));
	len = good_gre_add6(p.b);
	assert_int_equal(check(P_MASTER, P_GRE, MSG_GRE_ADD, len, &p, 0),
	    HP_OK);
	m->peer_ip = htonl(1);
	assert_int_not_equal(check(P_MASTER, P_GRE, MSG_GRE_ADD, len, &p, 0),
	    HP_OK);
	m->peer_ip = 0;
	m->family = 4;
	assert_int_not_equal(check(P_MASTER, P_GRE, MSG_GRE_ADD, len, &p, 0),
	    HP_OK);
	m->family = 6;
	memset(m->peer_ip6, 0, sizeof(m->peer_ip6));
	assert_int_not_equal(check(P_MASTER, P_GRE, MSG_GRE_ADD, len, &p, 0),
	    HP_OK);
}

/* An AA_LIST result: the address rules master enforces. */
static int
check_rules(void (*edit)(struct m_auth_result *))
{
	struct pbuf p;
	struct m_auth_result *m = (void *)p.b;

	memset(&p, 0, sizeof(p));
	(void)good_auth_result(m);
	m->addr_kind = AA_LIST;
	m->nrules = 2;
	m->rules[0] = (struct addr_rule){ 0x0a640000, 24, 1, { 0, 0 } };
	m->rules[1] = (struct addr_rule){ 0x0a000000, 8, 0, { 0, 0 } };
	if (edit != NULL)
		edit(m);
	return check(P_AUTH, P_MASTER, MSG_AUTH_RESULT, sizeof(*m), &p, 0);
}

static void no_rules(struct m_auth_result *m) { m->nrules = 0; }
static void many_rules(struct m_auth_result *m) { m->nrules = 18; }
static void all_rules(struct m_auth_result *m) { m->nrules = 17; }
static void big_prefix(struct m_auth_result *m) { m->rules[1].prefix = 33; }
static void bad_excl(struct m_auth_result *m) { m->rules[0].exclude = 2; }
static void rule_pad(struct m_auth_result *m) { m->rules[1].pad[1] = 1; }
static void host_bits(struct m_auth_result *m) { m->rules[1].net |= 1; }
static void junk_after(struct m_auth_result *m) { m->rules[2].prefix = 1; }
static void pool_rules(struct m_auth_result *m) { m->addr_kind = AA_POOL; }
static void refused(struct m_auth_result *m) { m->ok = 0; m->has_keys = 0; }
static void bad_kind(struct m_auth_result *m) { m->addr_kind = AA_LIST + 1; }

static void
test_auth_result_rules(void **state)
{
	(void)state;
	assert_int_equal(check_rules(NULL), HP_OK);
	assert_int_equal(check_rules(all_rules), HP_OK);
	assert_int_not_equal(check_rules(no_rules), HP_OK);
	assert_int_not_equal(check_rules(many_rules), HP_OK);
	assert_int_not_equal(check_rules(big_prefix), HP_OK);
	assert_int_not_equal(check_rules(bad_excl), HP_OK);
	assert_int_not_equal(check_rules(rule_pad), HP_OK);
	assert_int_not_equal(check_rules(host_bits), HP_OK);
	assert_int_not_equal(check_rules(junk_after), HP_OK);
	assert_int_not_equal(check_rules(pool_rules), HP_OK);
	assert_int_not_equal(check_rules(refused), HP_OK);
	assert_int_not_equal(check_rules(bad_kind), HP_OK);
}

static void
test_short_long(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		const struct tcase *c = &cases[i];
		const struct msg_spec *s = msg_spec(c->type);
		struct pbuf p;
		size_t len;
		int r;

		memset(&p, 0, sizeof(p));
		len = c->good(p.b);
		if (s->size != 0) {
			assert_int_equal(len, s->size);
			r = check(dir_from(c), dir_to(c), c->type, len - 1, &p,
			    c->fd);
			if (r != HP_E_SIZE)
				fail_msg("%s short: %d", msg_type_name(c->type), r);
			r = check(dir_from(c), dir_to(c), c->type, len + 1, &p,
			    c->fd);
			if (r != HP_E_SIZE)
				fail_msg("%s long: %d", msg_type_name(c->type), r);
			assert_int_equal(check(dir_from(c), dir_to(c), c->type,
			    0, &p, c->fd), HP_E_SIZE);
			continue;
		}
		/* variable: below the minimum, above the maximum */
		assert_int_equal(check(dir_from(c), dir_to(c), c->type,
		    s->min - 1, &p, c->fd), HP_E_SIZE);
		assert_int_equal(check(dir_from(c), dir_to(c), c->type,
		    s->max + 1, &p, c->fd), HP_E_SIZE);
		assert_int_equal(check(dir_from(c), dir_to(c), c->type,
		    MSG_MAX_PAYLOAD, &p, c->fd), HP_E_SIZE);
	}
}

/* Variable types: every length in bounds is fine, the bounds exact. */
static void
test_var_bounds(void **state)
{
	static const uint16_t ppp[] = { MSG_PPP_FROM_GRE, MSG_PPP_TO_CTRL,
	    MSG_PPP_FROM_CTRL, MSG_PPP_TO_GRE };
	const struct tcase *c;
	struct pbuf p;
	size_t i, n;

	(void)state;
	for (i = 0; i < 4; i++) {
		for (c = cases; c->type != ppp[i]; c++)
			;
		memset(&p, 0x7e, sizeof(p));
		assert_int_equal(check(c->from, c->to, c->type, PPP_FRAME_MIN,
		    &p, 0), HP_OK);
		assert_int_equal(check(c->from, c->to, c->type, PPP_MAX_FRAME,
		    &p, 0), HP_OK);
		assert_int_equal(check(c->from, c->to, c->type,
		    PPP_FRAME_MIN - 1, &p, 0), HP_E_SIZE);
		assert_int_equal(check(c->from, c->to, c->type,
		    PPP_MAX_FRAME + 1, &p, 0), HP_E_SIZE);
	}
	/* a log line of every length up to the maximum */
	for (n = 0; n <= LOG_MAX_LINE; n++) {
		struct m_log *l = (struct m_log *)p.b;

		memset(&p, 0, sizeof(p));
		l->prio = LOG_CRIT;
		l->len = (uint16_t)n;
		memset(l->text, 'x', n);
		assert_int_equal(check(P_AUTH, P_MASTER, MSG_LOG, 4 + n, &p, 0),
		    HP_OK);
		/* the text may not claim more than the message holds */
		l->len = (uint16_t)(n + 1);
		assert_int_equal(check(P_AUTH, P_MASTER, MSG_LOG, 4 + n, &p, 0),
		    HP_E_FIELD);
	}
}

static void
test_fd(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		const struct tcase *c = &cases[i];
		struct pbuf p;
		size_t len;
		int r;

		memset(&p, 0, sizeof(p));
		len = c->good(p.b);
		r = check(dir_from(c), dir_to(c), c->type, len, &p, !c->fd);
		if (r != HP_E_FD)
			fail_msg("%s with%s fd: %d", msg_type_name(c->type),
			    c->fd ? "out" : "", r);
	}
}

/* MSG_SECRET_FILE: an fd exactly when status is 0. */
static void
test_secret_file_fd(void **state)
{
	struct pbuf p;
	struct m_secret_file *m = (struct m_secret_file *)p.b;
	size_t len;

	(void)state;
	memset(&p, 0, sizeof(p));
	len = good_secret_file(p.b);
	assert_int_equal(check(P_MASTER, P_AUTH, MSG_SECRET_FILE, len, &p, 1),
	    HP_OK);
	assert_int_equal(check(P_MASTER, P_AUTH, MSG_SECRET_FILE, len, &p, 0),
	    HP_E_FD);
	m->status = HP_E_SYS;
	assert_int_equal(check(P_MASTER, P_AUTH, MSG_SECRET_FILE, len, &p, 0),
	    HP_OK);
	assert_int_equal(check(P_MASTER, P_AUTH, MSG_SECRET_FILE, len, &p, 1),
	    HP_E_FD);
	m->status = 1;		/* positive: not an hp_err */
	assert_int_equal(check(P_MASTER, P_AUTH, MSG_SECRET_FILE, len, &p, 0),
	    HP_E_FIELD);
}

static void
put(uint8_t *b, const struct mut *m)
{
	switch (m->size) {
	case 1: {
		uint8_t v = (uint8_t)m->value;
		memcpy(b + m->off, &v, 1);
		break;
	}
	case 2: {
		uint16_t v = (uint16_t)m->value;
		memcpy(b + m->off, &v, 2);
		break;
	}
	case 4:
		memcpy(b + m->off, &m->value, 4);
		break;
	case 8: {
		uint64_t v = m->value;
		memcpy(b + m->off, &v, 8);
		break;
	}
	default:
		fail_msg("bad mutation size %zu", m->size);
	}
}

static void
test_fields(void **state)
{
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		const struct tcase *c = &cases[i];

		for (j = 0; j < 16 && c->bad[j].what != NULL; j++) {
			struct pbuf p;
			size_t len;
			int r;

			memset(&p, 0, sizeof(p));
			len = c->good(p.b);
			put(p.b, &c->bad[j]);
			r = check(dir_from(c), dir_to(c), c->type, len, &p,
			    c->fd);
			if (r != HP_E_FIELD)
				fail_msg("%s %s: want HP_E_FIELD, got %d (%s)",
				    msg_type_name(c->type), c->bad[j].what, r,
				    hp_strerror(r));
			n++;
		}
	}
	assert_true(n > 100);
}

static void
test_framing(void **state)
{
	struct pbuf p;
	struct msg_hdr h;
	size_t len;

	(void)state;
	memset(&p, 0, sizeof(p));
	len = good_ready(p.b);
	memset(&h, 0, sizeof(h));
	h.type = MSG_READY;
	h.len = (uint32_t)len;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_OK);
	/* the datagram length must be exactly header + len */
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len - 1, 0),
	    HP_E_FRAME);
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len + 1, 0),
	    HP_E_FRAME);
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 11, 0),
	    HP_E_FRAME);
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 0, 0),
	    HP_E_FRAME);
	h.len = 0xffffffff;	/* no wrap-around in got - 12 */
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_FRAME);
	h.len = (uint32_t)len;
	h.flags = 1;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_FRAME);
	h.flags = 0x8000;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_FRAME);
	h.flags = 0;
	/* types: 0, a hole, the end, past the end */
	h.type = MSG_NONE;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_TYPE);
	h.type = 9;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_TYPE);
	h.type = MSG_NTYPES;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_TYPE);
	h.type = MSG_NTYPES + 1;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_TYPE);
	h.type = 0xffff;
	assert_int_equal(msg_check(P_CTRL, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_TYPE);
	/* a peer outside the process table */
	h.type = MSG_READY;
	assert_int_equal(msg_check(P_NPROC, P_MASTER, &h, p.b, 12 + len, 0),
	    HP_E_PERM);
	assert_int_equal(msg_check(P_CTRL, P_NPROC, &h, p.b, 12 + len, 0),
	    HP_E_PERM);
}

static void
test_check_str(void **state)
{
	(void)state;
	assert_int_equal(msg_check_str("abc", 3, 3), HP_OK);
	assert_int_equal(msg_check_str("abc", 0, 3), HP_OK);
	assert_int_equal(msg_check_str("abcd", 4, 3), HP_E_RANGE);
	assert_int_equal(msg_check_str("a\0c", 3, 3), HP_E_FORMAT);
}

/* ---- transport over a real socketpair ---- */

struct pair {
	struct msg_chan	a;	/* master's end */
	struct msg_chan	b;	/* the worker's end */
};

static void
pair_open(struct pair *pr, enum proc_id worker)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX,
	    SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), 0);
	msg_chan_init(&pr->a, sv[0], P_MASTER, worker);
	msg_chan_init(&pr->b, sv[1], worker, P_MASTER);
}

static void
pair_close(struct pair *pr)
{
	msg_chan_close(&pr->a);
	msg_chan_close(&pr->b);
}

static int
count_fds(void)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	assert_non_null(d = opendir("/proc/self/fd"));
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
test_io_roundtrip(void **state)
{
	struct pair pr;
	struct msg m;
	struct m_ready r = { P_CTRL, 42 };
	struct pbuf p;
	size_t len;

	(void)state;
	pair_open(&pr, P_CTRL);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_AGAIN);
	assert_int_equal(msg_send(&pr.b, MSG_READY, 7, &r, sizeof(r), -1),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
	assert_int_equal(m.hdr.type, MSG_READY);
	assert_int_equal(m.hdr.sid, 7);
	assert_int_equal(m.hdr.len, sizeof(r));
	assert_int_equal(m.fd, -1);
	assert_memory_equal(m.data, &r, sizeof(r));
	/* a variable one, and one the other way */
	memset(&p, 0, sizeof(p));
	len = good_ppp(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_PPP_TO_CTRL, 9, p.b, len, -1),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_int_equal(m.hdr.len, len);
	assert_memory_equal(m.data, p.b, len);
	/* the catalog applies at the receiver: ctrl may not send this */
	len = good_gre_config(p.b);
	assert_int_equal(msg_send(&pr.b, MSG_GRE_CONFIG, 0, p.b, len, -1),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_PERM);
	/* too big to send at all */
	assert_int_equal(msg_send(&pr.b, MSG_LOG, 0, p.b, MSG_MAX_PAYLOAD + 1,
	    -1), HP_E_LONG);
	/* EOF */
	msg_chan_close(&pr.b);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_CLOSED);
	pair_close(&pr);
}

/*
 * Several messages, one read: msg_recv() takes them in order, each
 * checked; msg_recv_more() says when the socket was found empty; held
 * messages and their fds go with the channel.
 */
static void
test_io_batch(void **state)
{
	struct pair pr;
	struct msg m;
	struct m_ready r = { P_GRE, 1 };
	struct pbuf p;
	int pfd[2], before;
	uint32_t i;
	size_t len;

	(void)state;
	pair_open(&pr, P_GRE);
	for (i = 0; i < MSG_RBATCH + 4; i++)
		assert_int_equal(msg_send(&pr.b, MSG_READY, i, &r, sizeof(r),
		    -1), HP_OK);
	for (i = 0; i < MSG_RBATCH + 4; i++) {
		assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
		assert_int_equal(m.hdr.sid, i);
		/* a full batch may leave more in the socket */
		assert_true(i == MSG_RBATCH + 3 ? !msg_recv_more(&pr.a) :
		    msg_recv_more(&pr.a));
	}
	assert_false(msg_recv_held(&pr.a));
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_AGAIN);

	/* a bad one in the middle fails alone, in its place */
	assert_int_equal(msg_send(&pr.b, MSG_READY, 1, &r, sizeof(r), -1),
	    HP_OK);
	memset(&p, 0, sizeof(p));
	len = good_gre_config(p.b);	/* gre may not send it */
	assert_int_equal(msg_send(&pr.b, MSG_GRE_CONFIG, 2, p.b, len, -1),
	    HP_OK);
	assert_int_equal(msg_send(&pr.b, MSG_READY, 3, &r, sizeof(r), -1),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
	assert_int_equal(m.hdr.sid, 1);
	assert_true(msg_recv_held(&pr.a));
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_PERM);
	assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
	assert_int_equal(m.hdr.sid, 3);

	/* held messages' fds are closed with the channel */
	assert_int_equal(pipe(pfd), 0);
	before = count_fds();
	memset(&p, 0, sizeof(p));
	len = good_gre_socket(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_SOCKET, 0, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_SOCKET, 0, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_true(m.fd >= 0);
	close(m.fd);
	assert_true(msg_recv_held(&pr.b));
	assert_int_equal(count_fds(), before + 1);	/* the held one's */
	msg_chan_close(&pr.b);
	assert_int_equal(count_fds(), before - 1);	/* and the socket */

	/* messages, then EOF */
	pair_close(&pr);
	pair_open(&pr, P_GRE);
	assert_int_equal(msg_send(&pr.b, MSG_READY, 1, &r, sizeof(r), -1),
	    HP_OK);
	msg_chan_close(&pr.b);
	assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_CLOSED);
	pair_close(&pr);
	close(pfd[0]);
	close(pfd[1]);
}

/*
 * Corked: messages are held and sent together at the uncork, in
 * order with an fd-carrying one (sent at once, after them), a full
 * batch goes by itself, and a full socket queues the rest in order.
 */
static void
test_io_cork(void **state)
{
	struct pair pr;
	struct msg m;
	struct m_ready r = { P_GRE, 1 };
	struct pbuf p;
	int pfd[2], sz = 4096;
	uint32_t i, got;
	size_t len;

	(void)state;
	pair_open(&pr, P_GRE);
	msg_cork(&pr.b);
	for (i = 0; i < 3; i++)
		assert_int_equal(msg_send(&pr.b, MSG_READY, i, &r, sizeof(r),
		    -1), HP_OK);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_AGAIN);	/* held */
	assert_int_equal(msg_uncork(&pr.b), HP_OK);
	for (i = 0; i < 3; i++) {
		assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
		assert_int_equal(m.hdr.sid, i);
	}
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_AGAIN);

	/* a full batch goes when the next is sent */
	msg_cork(&pr.b);
	for (i = 0; i <= MSG_SBATCH; i++)
		assert_int_equal(msg_send(&pr.b, MSG_READY, i, &r, sizeof(r),
		    -1), HP_OK);
	for (i = 0; i < MSG_SBATCH; i++) {
		assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
		assert_int_equal(m.hdr.sid, i);
	}
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_AGAIN);
	assert_int_equal(msg_flush(&pr.b), HP_OK);	/* cork stays */
	assert_int_equal(msg_recv(&pr.a, &m), HP_OK);
	assert_int_equal(m.hdr.sid, MSG_SBATCH);

	/* master to gre: an fd goes at once, after what is held */
	msg_cork(&pr.a);
	assert_int_equal(pipe(pfd), 0);
	memset(&p, 0, sizeof(p));
	len = good_gre_config(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_CONFIG, 1, p.b, len, -1),
	    HP_OK);
	memset(&p, 0, sizeof(p));
	len = good_gre_socket(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_SOCKET, 2, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_int_equal(m.hdr.sid, 1);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_int_equal(m.hdr.sid, 2);
	assert_true(m.fd >= 0);
	close(m.fd);
	assert_int_equal(msg_uncork(&pr.a), HP_OK);
	close(pfd[0]);
	close(pfd[1]);

	/* a full socket: the rest is queued, in order, and sent later */
	assert_int_equal(setsockopt(pr.b.fd, SOL_SOCKET, SO_SNDBUF, &sz,
	    sizeof(sz)), 0);
	msg_cork(&pr.b);
	for (i = 0; i < 200; i++)
		assert_int_equal(msg_send(&pr.b, MSG_READY, i, &r, sizeof(r),
		    -1), HP_OK);
	/* full batches went as the sends came: what met EAGAIN is queued */
	i = (uint32_t)msg_uncork(&pr.b);
	assert_true((int)i == HP_OK || (int)i == HP_E_AGAIN);
	assert_true(msg_pending(&pr.b));
	for (got = 0; got < 200; ) {
		int rr = msg_recv(&pr.a, &m);

		if (rr == HP_E_AGAIN) {
			assert_int_not_equal(msg_flush(&pr.b), HP_E_SYS);
			continue;
		}
		assert_int_equal(rr, HP_OK);
		assert_int_equal(m.hdr.sid, got);
		got++;
	}
	assert_false(msg_pending(&pr.b));
	pair_close(&pr);
}

static void
test_io_fd(void **state)
{
	struct pair pr;
	struct msg m;
	struct pbuf p;
	int pfd[2], before;
	size_t len;
	char c = 0;

	(void)state;
	pair_open(&pr, P_GRE);
	assert_int_equal(pipe(pfd), 0);
	before = count_fds();

	/* an fd where the type declares one arrives and works */
	memset(&p, 0, sizeof(p));
	len = good_gre_socket(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_SOCKET, 0, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_true(m.fd >= 0);
	assert_int_not_equal(m.fd, pfd[1]);
	assert_int_equal(write(m.fd, "z", 1), 1);
	assert_int_equal(read(pfd[0], &c, 1), 1);
	assert_int_equal(c, 'z');
	/* close-on-exec, so a later exec leaks nothing */
	assert_true(fcntl(m.fd, F_GETFD) & FD_CLOEXEC);
	close(m.fd);
	assert_int_equal(count_fds(), before);

	/* an fd on a type that declares none: refused and closed */
	len = good_gre_config(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_GRE_CONFIG, 0, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_E_FD);
	assert_int_equal(m.fd, -1);
	assert_int_equal(count_fds(), before);

	/* a type that needs one, without it */
	len = good_tun_device(p.b);
	assert_int_equal(msg_send(&pr.a, MSG_TUN_DEVICE, 0, p.b, len, -1),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_E_FD);

	/* an fd on a message that fails later checks is closed too */
	len = good_tun_device(p.b);
	((struct m_fd *)p.b)->flags = 2;
	assert_int_equal(msg_send(&pr.a, MSG_TUN_DEVICE, 0, p.b, len, pfd[1]),
	    HP_OK);
	assert_int_equal(msg_recv(&pr.b, &m), HP_E_FIELD);
	assert_int_equal(m.fd, -1);
	assert_int_equal(count_fds(), before);

	close(pfd[0]);
	close(pfd[1]);
	pair_close(&pr);
}

/* Raw datagrams the transport must refuse. */
static void
test_io_raw(void **state)
{
	struct pair pr;
	struct msg m;
	static uint8_t big[MSG_MAX + 64];
	struct msghdr mh;
	struct iovec iov;
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(2 * sizeof(int))];
	} cm;
	struct cmsghdr *cmsg;
	struct msg_hdr h;
	int pfd[2], fds[2], before;

	(void)state;
	pair_open(&pr, P_AUTH);
	/* longer than any message: MSG_TRUNC */
	memset(big, 0, sizeof(big));
	memset(&h, 0, sizeof(h));
	h.type = MSG_LOG;
	h.len = sizeof(big) - sizeof(h);
	memcpy(big, &h, sizeof(h));
	assert_int_equal(send(pr.b.fd, big, sizeof(big), 0), sizeof(big));
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_FRAME);
	/* exactly MSG_MAX, but no type allows that much */
	h.len = MSG_MAX_PAYLOAD;
	memcpy(big, &h, sizeof(h));
	assert_int_equal(send(pr.b.fd, big, MSG_MAX, 0), MSG_MAX);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_SIZE);
	/* shorter than a header */
	assert_int_equal(send(pr.b.fd, big, 5, 0), 5);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_FRAME);
	/* header says more than came */
	h.type = MSG_READY;
	h.len = 8;
	memcpy(big, &h, sizeof(h));
	assert_int_equal(send(pr.b.fd, big, sizeof(h) + 4, 0), sizeof(h) + 4);
	assert_int_equal(msg_recv(&pr.a, &m), HP_E_FRAME);

	/* two fds in one message: refused, both closed */
	assert_int_equal(pipe(pfd), 0);
	before = count_fds();
	memset(&h, 0, sizeof(h));
	h.type = MSG_SECRETS;
	h.len = sizeof(struct m_secrets);
	memset(big, 0, sizeof(big));
	memcpy(big, &h, sizeof(h));
	good_secrets(big + sizeof(h));
	memset(&mh, 0, sizeof(mh));
	memset(&cm, 0, sizeof(cm));
	iov.iov_base = big;
	iov.iov_len = sizeof(h) + h.len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	cmsg = CMSG_FIRSTHDR(&mh);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(2 * sizeof(int));
	fds[0] = pfd[0];
	fds[1] = pfd[1];
	memcpy(CMSG_DATA(cmsg), fds, sizeof(fds));
	assert_int_equal(sendmsg(pr.a.fd, &mh, 0), (ssize_t)iov.iov_len);
	assert_int_equal(msg_recv(&pr.b, &m), HP_E_FRAME);
	assert_int_equal(m.fd, -1);
	assert_int_equal(count_fds(), before);
	/* the same with one fd is fine */
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	mh.msg_controllen = CMSG_SPACE(sizeof(int));
	assert_int_equal(sendmsg(pr.a.fd, &mh, 0), (ssize_t)iov.iov_len);
	assert_int_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_true(m.fd >= 0);
	close(m.fd);
	assert_int_equal(count_fds(), before);
	/* an empty datagram reads as 0 bytes: its fd is closed all the same */
	iov.iov_len = 0;
	assert_int_equal(sendmsg(pr.a.fd, &mh, 0), 0);
	assert_int_not_equal(msg_recv(&pr.b, &m), HP_OK);
	assert_int_equal(m.fd, -1);
	assert_int_equal(count_fds(), before);

	close(pfd[0]);
	close(pfd[1]);
	pair_close(&pr);
}

/* A full socket queues in order, then flushes. */
static void
test_io_queue(void **state)
{
	struct pair pr;
	struct msg m;
	struct pbuf p;
	uint32_t i, sent = 0, got = 0;
	int small = 4096;

	(void)state;
	pair_open(&pr, P_GRE);
	(void)setsockopt(pr.a.fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	memset(&p, 0, sizeof(p));
	(void)good_ppp(p.b);
	for (i = 0; i < 2000 && !msg_pending(&pr.a); i++, sent++)
		assert_int_equal(msg_send(&pr.a, MSG_PPP_TO_GRE, i, p.b,
		    PPP_MAX_FRAME, -1), HP_OK);
	assert_true(msg_pending(&pr.a));
	for (i = 0; i < 10; i++, sent++)	/* behind the queue */
		assert_int_equal(msg_send(&pr.a, MSG_PPP_TO_GRE, sent, p.b,
		    PPP_MAX_FRAME, -1), HP_OK);
	for (i = 0; i < 100000 && got < sent; i++) {
		int r = msg_recv(&pr.b, &m);

		if (r == HP_E_AGAIN) {
			r = msg_flush(&pr.a);
			assert_true(r == HP_OK || r == HP_E_AGAIN);
			continue;
		}
		assert_int_equal(r, HP_OK);
		assert_int_equal(m.hdr.sid, got);	/* in order */
		got++;
	}
	assert_int_equal(got, sent);
	assert_false(msg_pending(&pr.a));
	pair_close(&pr);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(proc_name(P_MASTER), "master");
	assert_string_equal(proc_name(P_AUTH), "auth");
	assert_string_equal(proc_name(P_NPROC), "unknown");
	assert_string_equal(msg_type_name(MSG_NTYPES), "unknown");
	assert_string_equal(msg_type_name(9), "unknown");
	assert_string_equal(sess_reason_name(SR_NREASONS), "unknown");
	assert_string_equal(auth_method_name(0), "unknown");
	assert_string_equal(auth_method_name(AM_MSCHAP2), "mschapv2");
}

/* tun-device may say the tun has virtio-net headers; nothing else. */
static void
test_tun_device_flags(void **state)
{
	struct m_fd f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.kind = MSG_TUN_DEVICE;
	assert_int_equal(chk_tun_device(&f, sizeof(f)), HP_OK);
	f.flags = M_FD_VNET_HDR;
	assert_int_equal(chk_tun_device(&f, sizeof(f)), HP_OK);
	f.flags = M_FD_VNET_HDR | 2;
	assert_int_equal(chk_tun_device(&f, sizeof(f)), HP_E_FIELD);
	/* the other fd messages take no flags */
	f.kind = MSG_GRE_SOCKET;
	f.flags = M_FD_VNET_HDR;
	assert_int_equal(chk_gre_socket(&f, sizeof(f)), HP_E_FIELD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_complete),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_fd_rule),
		cmocka_unit_test(test_tun_device_flags),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_gre_add6),
		cmocka_unit_test(test_auth_result_rules),
		cmocka_unit_test(test_short_long),
		cmocka_unit_test(test_var_bounds),
		cmocka_unit_test(test_fd),
		cmocka_unit_test(test_secret_file_fd),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_check_str),
		cmocka_unit_test(test_io_roundtrip),
		cmocka_unit_test(test_io_batch),
		cmocka_unit_test(test_io_cork),
		cmocka_unit_test(test_io_fd),
		cmocka_unit_test(test_io_raw),
		cmocka_unit_test(test_io_queue),
		cmocka_unit_test(test_names),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
