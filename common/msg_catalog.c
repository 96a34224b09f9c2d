/*
 * hpptpd: the one catalog of IPC messages and the validator every
 * process runs before any handler sees a message.
 */
#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/msg.h"
#include "common/rate.h"

static int chk_log(const void *, size_t);
static int chk_ready(const void *, size_t);
static int chk_ctrl_config(const void *, size_t);
static int chk_ctrl_config6(const void *, size_t);
static int chk_gre_config(const void *, size_t);
static int chk_auth_config(const void *, size_t);
static int chk_gre_socket(const void *, size_t);
static int chk_tun_device(const void *, size_t);
static int chk_secrets(const void *, size_t);
static int chk_secret_file_req(const void *, size_t);
static int chk_secret_file(const void *, size_t);
static int chk_ctrl_conn(const void *, size_t);
static int chk_ctrl_closed(const void *, size_t);
static int chk_gre_stray(const void *, size_t);
static int chk_call_open(const void *, size_t);
static int chk_gre_add(const void *, size_t);
static int chk_ccp_mode(const void *, size_t);
static int chk_auth_request(const void *, size_t);
static int chk_auth_check(const void *, size_t);
static int chk_auth_result(const void *, size_t);
static int chk_addr_rules(const struct m_auth_result *);
static int chk_auth_verdict(const void *, size_t);
static int chk_reason(const void *, size_t);
static int chk_test_syscall(const void *, size_t);
static int chk_static_addr(const void *, size_t);
static int chk_gre_rate(const void *, size_t);
static int chk_radius_config(const void *, size_t);
static int chk_radius_server(const void *, size_t);
static int chk_radius_socket(const void *, size_t);
static int chk_radius_reply(const void *, size_t);
static int chk_acct_start(const void *, size_t);
static int chk_acct_stop(const void *, size_t);
static int chk_radius_stats(const void *, size_t);
static int chk_acct_off(const void *, size_t);

/*
 * One row per message type, nothing else decides these: its name, who
 * sends it, who receives it, its payload size (exact, or bounds for
 * the few variable ones), whether an fd travels with it, and the
 * checker of its fields.  Values that are no message have no row.
 */
static const struct msg_spec msg_catalog[MSG_NTYPES] = {
	[MSG_NONE] = { .name = "none" },	/* a name for logs; never valid */
	[MSG_LOG] = {
		.name = "log", .from = P_ANY_WORKER, .to = P_MASTER,
		.min = 4, .max = sizeof(struct m_log),	/* 4: no text */
		.check = chk_log,
	},
	[MSG_READY] = {
		.name = "ready", .from = P_ANY_WORKER, .to = P_MASTER,
		.size = sizeof(struct m_ready),
		.check = chk_ready,
	},
	[MSG_CTRL_CONFIG] = {
		.name = "ctrl-config", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_config),
		.check = chk_ctrl_config,
	},
	[MSG_GRE_CONFIG] = {
		.name = "gre-config", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_config),
		.check = chk_gre_config,
	},
	[MSG_AUTH_CONFIG] = {
		.name = "auth-config", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_auth_config),
		.check = chk_auth_config,
	},
	[MSG_GRE_SOCKET] = {
		.name = "gre-socket", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_gre_socket,
	},
	[MSG_TUN_DEVICE] = {
		.name = "tun-device", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_fd), .fd = MSG_FD_YES,
		.check = chk_tun_device,
	},
	[MSG_CTRL_CONN] = {
		.name = "ctrl-conn", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_conn), .fd = MSG_FD_YES,
		.check = chk_ctrl_conn,
	},
	[MSG_CTRL_CLOSED] = {
		.name = "ctrl-closed", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_ctrl_closed),
		.check = chk_ctrl_closed,
	},
	[MSG_PPP_FROM_GRE] = {
		.name = "ppp-from-gre", .from = P_GRE, .to = P_MASTER,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_TO_CTRL] = {
		.name = "ppp-to-ctrl", .from = P_MASTER, .to = P_CTRL,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_FROM_CTRL] = {
		.name = "ppp-from-ctrl", .from = P_CTRL, .to = P_MASTER,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_PPP_TO_GRE] = {
		.name = "ppp-to-gre", .from = P_MASTER, .to = P_GRE,
		.min = PPP_FRAME_MIN, .max = PPP_MAX_FRAME,
	},
	[MSG_CCP_MODE] = {
		.name = "ccp-mode", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_ccp_mode),
		.check = chk_ccp_mode,
	},
	[MSG_GRE_CCP_MODE] = {
		.name = "gre-ccp-mode", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_ccp_mode),
		.check = chk_ccp_mode,
	},
	[MSG_AUTH_REQUEST] = {
		.name = "auth-request", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_auth_request),
		.check = chk_auth_request,
	},
	[MSG_AUTH_VERDICT] = {
		.name = "auth-verdict", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_auth_verdict),
		.check = chk_auth_verdict,
	},
	[MSG_AUTH_CHECK] = {
		.name = "auth-check", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_auth_check),
		.check = chk_auth_check,
	},
	[MSG_AUTH_RESULT] = {
		.name = "auth-result", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_auth_result),
		.check = chk_auth_result,
	},
	[MSG_SECRET_FILE_REQ] = {
		.name = "secret-file-req", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_secret_file_req),
		.check = chk_secret_file_req,
	},
	[MSG_SECRET_FILE] = {
		.name = "secret-file", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_secret_file), .fd = MSG_FD_IF_OK,
		.check = chk_secret_file,
	},
	[MSG_SESSION_KEYS] = {
		.name = "session-keys", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_session_keys),
		/* any 32 bytes are keys */
	},
	[MSG_GRE_KEYS] = {
		.name = "gre-keys", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_session_keys),
	},
	[MSG_SESSION_UP] = {
		.name = "session-up", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_session_up),
		/* master compares the address */
	},
	[MSG_GRE_ROUTE] = {
		.name = "gre-route", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_route),
	},
	[MSG_SESSION_KICK] = {
		.name = "session-kick", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_kick),
		.check = chk_reason,
	},
	[MSG_TEST_SYSCALL] = {
		.name = "test-syscall", .from = P_MASTER, .to = P_ANY_WORKER,
		.size = sizeof(struct m_test_syscall),
		.check = chk_test_syscall,
	},
	[MSG_STATIC_ADDR] = {
		.name = "static-addr", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_static_addr),
		.check = chk_static_addr,
	},
	[MSG_GRE_COUNTERS] = {
		.name = "gre-counters", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stats),
		/* any counts are counts */
	},
	[MSG_GRE_ADD] = {
		.name = "gre-add", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_add),
		.check = chk_gre_add,
	},
	[MSG_GRE_RATE] = {
		.name = "gre-rate", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_rate),
		.check = chk_gre_rate,
	},
	[MSG_GRE_ADDED] = {
		.name = "gre-added", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_added),
		/* a failure is any status */
	},
	[MSG_CALL_OPEN] = {
		.name = "call-open", .from = P_CTRL, .to = P_MASTER,
		.size = sizeof(struct m_call_open),
		.check = chk_call_open,
	},
	[MSG_CALL_ACCEPT] = {
		.name = "call-accept", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_call_accept),
	},
	[MSG_GRE_DEL] = {
		.name = "gre-del", .from = P_MASTER, .to = P_GRE,
		.size = sizeof(struct m_gre_del),
		.check = chk_reason,
	},
	[MSG_GRE_STATS] = {
		.name = "gre-stats", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stats),
	},
	[MSG_SECRETS] = {
		.name = "secrets", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_secrets), .fd = MSG_FD_YES,
		.check = chk_secrets,
	},
	[MSG_SECRETS_LOADED] = {
		.name = "secrets-loaded", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_secrets_loaded),
		/* counts */
	},
	[MSG_GRE_STRAY] = {
		.name = "gre-stray", .from = P_GRE, .to = P_MASTER,
		.size = sizeof(struct m_gre_stray),
		.check = chk_gre_stray,
	},
	[MSG_CTRL_CONFIG6] = {
		.name = "ctrl-config6", .from = P_MASTER, .to = P_CTRL,
		.size = sizeof(struct m_ctrl_config6),
		.check = chk_ctrl_config6,
	},
	[MSG_RADIUS_CONFIG] = {
		.name = "radius-config", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_config),
		.check = chk_radius_config,
	},
	[MSG_RADIUS_SERVER] = {
		.name = "radius-server", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_server), .fd = MSG_FD_YES,
		.check = chk_radius_server,
	},
	[MSG_RADIUS_SOCKET] = {
		.name = "radius-socket", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_radius_socket), .fd = MSG_FD_YES,
		.check = chk_radius_socket,
	},
	[MSG_RADIUS_REPLY] = {
		.name = "radius-reply", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_radius_reply),
		.check = chk_radius_reply,
	},
	[MSG_ACCT_START] = {
		.name = "acct-start", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_start),
		.check = chk_acct_start,
	},
	[MSG_ACCT_COUNTERS] = {
		.name = "acct-counters", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_gre_stats),
		/* any counts */
	},
	[MSG_ACCT_STOP] = {
		.name = "acct-stop", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_stop),
		.check = chk_acct_stop,
	},
	[MSG_ACCT_OFF] = {
		.name = "acct-off", .from = P_MASTER, .to = P_AUTH,
		.size = sizeof(struct m_acct_off),
		.check = chk_acct_off,
	},
	[MSG_RADIUS_STATS] = {
		.name = "radius-stats", .from = P_AUTH, .to = P_MASTER,
		.size = sizeof(struct m_radius_stats),
		.check = chk_radius_stats,
	},
};

const char *
msg_type_name(unsigned int t)
{
	if (t >= MSG_NTYPES || msg_catalog[t].name == NULL)
		return "unknown";
	return msg_catalog[t].name;
}

const char *
proc_name(enum proc_id p)
{
	switch (p) {
	case P_MASTER:	return "master";
	case P_CTRL:	return "ctrl";
	case P_GRE:	return "gre";
	case P_AUTH:	return "auth";
	case P_NPROC:	break;
	}
	return "unknown";
}

const char *
auth_method_name(unsigned int m)
{
	switch (m) {
	case AM_PAP:		return "pap";
	case AM_CHAP_MD5:	return "chap-md5";
	case AM_MSCHAP1:	return "mschapv1";
	case AM_MSCHAP2:	return "mschapv2";
	}
	return "unknown";
}

const char *
sess_reason_name(unsigned int r)
{
	static const char *const n[SR_NREASONS] = {
		[SR_NONE] = "none",
		[SR_PEER_CLOSED] = "peer-closed",
		[SR_PEER_TERMINATE] = "peer-terminate",
		[SR_CALL_CLEARED] = "call-cleared",
		[SR_ECHO_TIMEOUT] = "echo-timeout",
		[SR_AUTH_FAILED] = "auth-failed",
		[SR_NEGOTIATION] = "negotiation-failed",
		[SR_MPPE_REFUSED] = "mppe-refused",
		[SR_PROTOCOL_ERROR] = "protocol-error",
		[SR_SETUP_TIMEOUT] = "setup-timeout",
		[SR_KICKED] = "kicked",
		[SR_WORKER_RESTART] = "worker-restart",
		[SR_SHUTDOWN] = "shutdown",
		[SR_LIMIT] = "limit",
		[SR_NO_ADDRESS] = "no-address",
		[SR_LCP_TIMEOUT] = "lcp-timeout",
		[SR_CCP_REFUSED] = "ccp-refused",
		[SR_AUTH_REFUSED] = "auth-refused",
		[SR_NO_GRE] = "no-gre",
		[SR_SESSION_TIMEOUT] = "session-timeout",
	};

	return r < SR_NREASONS && n[r] != NULL ? n[r] : "unknown";
}

const struct msg_spec *
msg_spec(unsigned int type)
{
	if (type == MSG_NONE || type >= MSG_NTYPES ||
	    msg_catalog[type].name == NULL)
		return NULL;
	return &msg_catalog[type];
}

static int
dir_ok(enum proc_id spec, enum proc_id p)
{
	if (spec == P_ANY_WORKER)
		return p != P_MASTER && p < P_NPROC;
	return spec == p;
}

int
msg_check(enum proc_id from, enum proc_id to, const struct msg_hdr *h,
    const void *payload, size_t got, int hasfd)
{
	const struct msg_spec *s;
	bool wantfd;

	if (got < sizeof(*h) || got - sizeof(*h) != h->len || h->flags != 0)
		return HP_E_FRAME;
	if ((s = msg_spec(h->type)) == NULL)
		return HP_E_TYPE;
	if (!dir_ok(s->from, from) || !dir_ok(s->to, to))
		return HP_E_PERM;
	if (s->size != 0 ? h->len != s->size :
	    h->len < s->min || h->len > s->max)
		return HP_E_SIZE;
	switch (s->fd) {
	case MSG_FD_YES:
		wantfd = true;
		break;
	case MSG_FD_IF_OK:	/* the size check made the status readable */
		wantfd = *(const int32_t *)payload == HP_OK;
		break;
	default:
		wantfd = false;
		break;
	}
	if ((hasfd != 0) != wantfd)
		return HP_E_FD;
	if (s->check != NULL && s->check(payload, h->len) != HP_OK)
		return HP_E_FIELD;
	return HP_OK;
}

/* A length-prefixed string: length within the array, no NUL inside. */
int
msg_check_str(const char *s, size_t len, size_t cap)
{
	if (len > cap)
		return HP_E_RANGE;
	if (memchr(s, '\0', len) != NULL)
		return HP_E_FORMAT;
	return HP_OK;
}

static int
zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return HP_E_FIELD;
	return HP_OK;
}

static int
chk_log(const void *p, size_t len)
{
	const struct m_log *m = p;

	if (m->prio > LOG_DEBUG || m->fac > LOGF_AUTH)
		return HP_E_RANGE;
	if (m->len != len - 4)
		return HP_E_BADLEN;
	return msg_check_str(m->text, m->len, sizeof(m->text));
}

static int
chk_ready(const void *p, size_t len)
{
	const struct m_ready *m = p;

	return m->proc > P_MASTER && m->proc < P_NPROC ? HP_OK : HP_E_RANGE;
}

static int
chk_ctrl_config(const void *p, size_t len)
{
	const struct m_ctrl_config *m = p;
	unsigned int i;

	if (m->auth_methods == 0 || (m->auth_methods & ~AM_ALL) != 0)
		return HP_E_RANGE;
	if ((m->mppe & ~MPPE_POLICY_MASK) != 0)
		return HP_E_RANGE;
	if ((m->mppe & MPPE_REQUIRED) &&
	    (m->mppe & (MPPE_ALLOW_40 | MPPE_ALLOW_56 | MPPE_ALLOW_128)) == 0)
		return HP_E_RANGE;
	if (m->mru < 128 || m->mru > 1500 || m->mtu < 128 || m->mtu > 1500)
		return HP_E_RANGE;
	if (m->nroutes > MAX_ROUTES || m->calls_per_conn == 0)
		return HP_E_RANGE;
	for (i = 0; i < m->nroutes; i++)
		if (m->routes[i].plen > 32 ||
		    zero(m->routes[i].pad, sizeof(m->routes[i].pad)))
			return HP_E_RANGE;
	if (msg_check_str(m->name, m->name_len, sizeof(m->name)) ||
	    m->name_len == 0 ||
	    msg_check_str(m->domain, m->domain_len, sizeof(m->domain)))
		return HP_E_FORMAT;
	/* dns, wins, local_ip, netmask: every value is an address */
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_ctrl_config6(const void *p, size_t len)
{
	const struct m_ctrl_config6 *m = p;
	static const uint8_t none[IFID_LEN];

	if (m->ipv6 > 1)
		return HP_E_RANGE;
	/* equal ends would collide on the link (zero is "none") */
	if (memcmp(m->ifid_local, none, IFID_LEN) != 0 &&
	    memcmp(m->ifid_local, m->ifid_remote, IFID_LEN) == 0)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_gre_config(const void *p, size_t len)
{
	const struct m_gre_config *m = p;

	if (m->mtu < 128 || m->mtu > 1500 || m->mss_adjust > 1 ||
	    m->client_to_client > 1 || m->max_sessions == 0 ||
	    m->max_sessions > 65535 || m->reorder_ms > GRE_REORDER_MS_MAX ||
	    m->reorder_win == 0 || m->reorder_win > GRE_REORDER_WIN_MAX)
		return HP_E_RANGE;
	return HP_OK;
}

static int
chk_auth_config(const void *p, size_t len)
{
	const struct m_auth_config *m = p;

	if (m->lockout_failures == 0 || m->lockout_window == 0)
		return HP_E_RANGE;
	if (m->name_len == 0)
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return msg_check_str(m->name, m->name_len, sizeof(m->name));
}

/* The kind repeats the type, so a tun fd is never taken for the socket. */
static int
chk_fd(const struct m_fd *m, uint32_t kind)
{
	if (m->kind != kind)
		return HP_E_RANGE;
	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

static int
chk_gre_socket(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SOCKET);
}

static int
chk_tun_device(const void *p, size_t len)
{
	return chk_fd(p, MSG_TUN_DEVICE);
}

static int
chk_secrets(const void *p, size_t len)
{
	const struct m_secrets *m = p;

	if (m->pad != 0)
		return HP_E_FIELD;
	return msg_check_str(m->name, m->name_len, sizeof(m->name));
}

static int
chk_path(const char *path, size_t len, size_t cap)
{
	if (len == 0 || path[0] != '/')
		return HP_E_FORMAT;
	return msg_check_str(path, len, cap);
}

static int
chk_secret_file_req(const void *p, size_t len)
{
	const struct m_secret_file_req *m = p;

	if (m->pad != 0)
		return HP_E_FIELD;
	return chk_path(m->path, m->path_len, sizeof(m->path));
}

static int
chk_secret_file(const void *p, size_t len)
{
	const struct m_secret_file *m = p;

	if (m->status > 0 || m->pad != 0)
		return HP_E_RANGE;
	return chk_path(m->path, m->path_len, sizeof(m->path));
}

static int
chk_addr(const struct m_addr *a)
{
	if (a->family != 4 && a->family != 6)
		return HP_E_RANGE;
	return a->pad == 0 ? HP_OK : HP_E_FIELD;
}

static int
chk_ctrl_conn(const void *p, size_t len)
{
	const struct m_ctrl_conn *m = p;

	if (chk_addr(&m->peer) || chk_addr(&m->local))
		return HP_E_RANGE;
	return HP_OK;
}

/* The two values of a closed message, by reason (common/msg.h). */
static bool
closed_values_ok(const struct m_ctrl_closed *m)
{
	switch (m->reason) {
	case SR_LCP_TIMEOUT:
		return m->peer <= CLOSED_LCP_MAX && m->ours <= CLOSED_LCP_MAX;
	case SR_CCP_REFUSED:
		return (m->peer & ~CLOSED_MPPE_BITS) == 0 &&
		    (m->ours & ~CLOSED_MPPE_BITS) == 0;
	case SR_AUTH_REFUSED:
		return m->peer <= CLOSED_AUTH_PEER_MAX &&
		    (m->ours & ~AM_ALL) == 0;
	default:
		return m->peer == 0 && m->ours == 0;
	}
}

static int
chk_gre_stray(const void *p, size_t len)
{
	const struct m_gre_stray *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

static int
chk_ctrl_closed(const void *p, size_t len)
{
	const struct m_ctrl_closed *m = p;

	if (m->reason >= SR_NREASONS || !closed_values_ok(m))
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return msg_check_str(m->detail, m->detail_len, sizeof(m->detail));
}

static int
chk_call_open(const void *p, size_t len)
{
	const struct m_call_open *m = p;

	/* Call ID 0 is legal on the wire but we never allocate it. */
	if (m->call_id == 0 || m->pad != 0)
		return HP_E_RANGE;
	return HP_OK;
}

static int
chk_gre_add(const void *p, size_t len)
{
	const struct m_gre_add *m = p;

	if (m->call_id == 0 || m->pad != 0 || m->peer_ip == 0 ||
	    (m->mppe & ~MPPE_POLICY_MASK) != 0)
		return HP_E_RANGE;
	return HP_OK;
}

static int
chk_ccp_mode(const void *p, size_t len)
{
	const struct m_ccp_mode *m = p;
	uint32_t strength = m->bits & (MPPE_BIT_L | MPPE_BIT_M | MPPE_BIT_S);

	if (m->dir != CCP_DIR_RX && m->dir != CCP_DIR_TX)
		return HP_E_RANGE;
	if ((m->bits & ~(MPPE_BIT_H | MPPE_BIT_L | MPPE_BIT_M | MPPE_BIT_S))
	    != 0)
		return HP_E_RANGE;
	/* exactly one strength */
	if (strength == 0 || (strength & (strength - 1)) != 0)
		return HP_E_RANGE;
	return HP_OK;
}

static int
chk_auth_req(const struct m_auth_request *m)
{
	if (m->method < AM_PAP || m->method > AM_MSCHAP2)
		return HP_E_RANGE;
	if (m->chal_len > AUTH_CHAL_MAX)
		return HP_E_RANGE;
	/* name and response are bytes from the peer; bounded by u8 */
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_auth_request(const void *p, size_t len)
{
	return chk_auth_req(p);
}

static int
chk_auth_check(const void *p, size_t len)
{
	const struct m_auth_check *m = p;

	if (chk_auth_req(&m->req) != HP_OK)
		return HP_E_RANGE;
	return chk_addr(&m->peer);
}

static int
chk_auth_result(const void *p, size_t len)
{
	const struct m_auth_result *m = p;
	int r;

	if (m->ok > 1 || m->addr_kind > AA_LIST || m->has_keys > 1)
		return HP_E_RANGE;
	if (!m->ok && (m->has_keys || m->addr_kind == AA_LIST))
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	if ((r = chk_addr_rules(m)) != HP_OK)
		return r;
	return msg_check_str(m->msg, m->msg_len, sizeof(m->msg));
}

/* AA_LIST: 1..ADDR_RULES_MAX well-formed rules, then zeros; else none. */
static int
chk_addr_rules(const struct m_auth_result *m)
{
	size_t	 i, n = m->addr_kind == AA_LIST ? m->nrules : 0;

	if (m->addr_kind == AA_LIST && (n == 0 || n > ADDR_RULES_MAX))
		return HP_E_RANGE;
	if (m->addr_kind != AA_LIST && m->nrules != 0)
		return HP_E_RANGE;
	for (i = 0; i < n; i++)
		if (!addr_rule_valid(&m->rules[i]))
			return HP_E_FIELD;
	return zero(&m->rules[n], (ADDR_RULES_MAX - n) *
	    sizeof(m->rules[0]));
}

static int
chk_auth_verdict(const void *p, size_t len)
{
	const struct m_auth_verdict *m = p;

	if (m->ok > 1 || (m->ok && m->peer_ip == 0))
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return msg_check_str(m->msg, m->msg_len, sizeof(m->msg));
}

static int
chk_reason(const void *p, size_t len)
{
	const uint32_t *r = p;

	return *r < SR_NREASONS ? HP_OK : HP_E_RANGE;
}

static int
chk_gre_rate(const void *p, size_t len)
{
	const struct m_gre_rate *r = p;

	if (r->down_bps > RATE_MAX_BPS || r->up_bps > RATE_MAX_BPS ||
	    r->burst > MSG_RATE_BURST_MAX)
		return HP_E_RANGE;
	return HP_OK;
}

static int
chk_test_syscall(const void *p, size_t len)
{
	const struct m_test_syscall *m = p;

	return m->what >= 1 && m->what <= TH_LOG_FLOOD ? HP_OK : HP_E_RANGE;
}

static int
chk_static_addr(const void *p, size_t len)
{
	const struct m_static_addr *m = p;

	if (m->addr == 0 || m->pad != 0 || m->name_len == 0 ||
	    m->name_len > AUTH_NAME_MAX)
		return HP_E_RANGE;
	return msg_check_str(m->name, m->name_len, sizeof(m->name));
}

static int
chk_radius_config(const void *p, size_t len)
{
	const struct m_radius_config *m = p;

	if (m->nservers > RADIUS_SERVERS_MAX || m->source > AS_RADIUS_FILE ||
	    m->acct_on > 1 || m->acct_queue == 0)
		return HP_E_RANGE;
	if (m->pad != 0)
		return HP_E_FIELD;
	return msg_check_str(m->nas_id, m->nas_id_len, sizeof(m->nas_id));
}

static int
chk_radius_server(const void *p, size_t len)
{
	const struct m_radius_server *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->require_ma > 1 ||
	    m->retries < 1 || m->retries > 10 || m->timeout_ms < 100 ||
	    m->timeout_ms > 60000 || m->auth_port == 0 || m->acct_port == 0)
		return HP_E_RANGE;
	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

static int
chk_radius_socket(const void *p, size_t len)
{
	const struct m_radius_socket *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->kind > RADIUS_SOCK_ACCT)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_radius_reply(const void *p, size_t len)
{
	const struct m_radius_reply *m = p;

	if ((m->mppe & ~MPPE_POLICY_MASK) != 0 || m->has_rate > 1 ||
	    m->down_bps > RATE_MAX_BPS || m->up_bps > RATE_MAX_BPS ||
	    (!m->has_rate && (m->down_bps != 0 || m->up_bps != 0)))
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_acct_start(const void *p, size_t len)
{
	const struct m_acct_start *m = p;

	if (m->ip == 0)
		return HP_E_RANGE;
	return chk_addr(&m->peer);
}

static int
chk_acct_stop(const void *p, size_t len)
{
	const struct m_acct_stop *m = p;

	return m->reason < SR_NREASONS && m->up <= 1 ? HP_OK : HP_E_RANGE;
}

static int
chk_radius_stats(const void *p, size_t len)
{
	const struct m_radius_stats *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->dead > 1)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

static int
chk_acct_off(const void *p, size_t len)
{
	const struct m_acct_off *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}
