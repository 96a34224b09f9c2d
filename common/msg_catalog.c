/*
 * hpptpd: the one catalog of IPC messages and the validator every
 * process runs before any handler sees a message.
 */
#include <string.h>

#include "common/err.h"
#include "common/msg.h"

#define ANYW	P_NPROC		/* any worker (ctrl, gre, auth) */

static int chk_log(const void *, size_t);
static int chk_ready(const void *, size_t);
static int chk_ctrl_config(const void *, size_t);
static int chk_gre_config(const void *, size_t);
static int chk_auth_config(const void *, size_t);
static int chk_gre_socket(const void *, size_t);
static int chk_tun_device(const void *, size_t);
static int chk_secrets(const void *, size_t);
static int chk_secrets_loaded(const void *, size_t);
static int chk_secret_file_req(const void *, size_t);
static int chk_secret_file(const void *, size_t);
static int chk_ctrl_conn(const void *, size_t);
static int chk_ctrl_closed(const void *, size_t);
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

#define FIX(t)	sizeof(struct t), 0, 0
#define FIXFD(t) sizeof(struct t), 1, 0
#define VAR(max, min) (max), 1, 0

static const struct msg_spec msg_catalog[MSG_NTYPES] = {
	/* type                  size, var, fd, (min)          from      to      check */
	[MSG_LOG] =		{ sizeof(struct m_log), 1, 0, ANYW, P_MASTER, 4, chk_log },
	[MSG_READY] =		{ FIX(m_ready), ANYW, P_MASTER, 0, chk_ready },
	[MSG_CTRL_CONFIG] =	{ FIX(m_ctrl_config), P_MASTER, P_CTRL, 0, chk_ctrl_config },
	[MSG_GRE_CONFIG] =	{ FIX(m_gre_config), P_MASTER, P_GRE, 0, chk_gre_config },
	[MSG_AUTH_CONFIG] =	{ FIX(m_auth_config), P_MASTER, P_AUTH, 0, chk_auth_config },
	[MSG_GRE_SOCKET] =	{ sizeof(struct m_fd), 0, 1, P_MASTER, P_GRE, 0, chk_gre_socket },
	[MSG_TUN_DEVICE] =	{ sizeof(struct m_fd), 0, 1, P_MASTER, P_GRE, 0, chk_tun_device },
	[MSG_SECRETS] =		{ sizeof(struct m_secrets), 0, 1, P_MASTER, P_AUTH, 0, chk_secrets },
	[MSG_CTRL_CONN] =	{ sizeof(struct m_ctrl_conn), 0, 1, P_MASTER, P_CTRL, 0, chk_ctrl_conn },
	[MSG_CTRL_CLOSED] =	{ FIX(m_ctrl_closed), P_CTRL, P_MASTER, 0, chk_ctrl_closed },
	[MSG_CALL_OPEN] =	{ FIX(m_call_open), P_CTRL, P_MASTER, 0, chk_call_open },
	[MSG_GRE_ADD] =		{ FIX(m_gre_add), P_MASTER, P_GRE, 0, chk_gre_add },
	[MSG_PPP_FROM_GRE] =	{ PPP_MAX_FRAME, 1, 0, P_GRE, P_MASTER, PPP_FRAME_MIN, NULL },
	[MSG_PPP_TO_CTRL] =	{ PPP_MAX_FRAME, 1, 0, P_MASTER, P_CTRL, PPP_FRAME_MIN, NULL },
	[MSG_PPP_FROM_CTRL] =	{ PPP_MAX_FRAME, 1, 0, P_CTRL, P_MASTER, PPP_FRAME_MIN, NULL },
	[MSG_PPP_TO_GRE] =	{ PPP_MAX_FRAME, 1, 0, P_MASTER, P_GRE, PPP_FRAME_MIN, NULL },
	[MSG_CCP_MODE] =	{ FIX(m_ccp_mode), P_CTRL, P_MASTER, 0, chk_ccp_mode },
	[MSG_GRE_CCP_MODE] =	{ FIX(m_ccp_mode), P_MASTER, P_GRE, 0, chk_ccp_mode },
	[MSG_AUTH_REQUEST] =	{ FIX(m_auth_request), P_CTRL, P_MASTER, 0, chk_auth_request },
	[MSG_AUTH_VERDICT] =	{ FIX(m_auth_verdict), P_MASTER, P_CTRL, 0, chk_auth_verdict },
	[MSG_AUTH_CHECK] =	{ FIX(m_auth_check), P_MASTER, P_AUTH, 0, chk_auth_check },
	[MSG_AUTH_RESULT] =	{ FIX(m_auth_result), P_AUTH, P_MASTER, 0, chk_auth_result },
	[MSG_SECRET_FILE_REQ] =	{ FIX(m_secret_file_req), P_AUTH, P_MASTER, 0, chk_secret_file_req },
	/* fd presence for MSG_SECRET_FILE depends on status: see msg_check */
	[MSG_SECRET_FILE] =	{ sizeof(struct m_secret_file), 0, 2, P_MASTER, P_AUTH, 0, chk_secret_file },
	[MSG_SECRETS_LOADED] =	{ FIX(m_secrets_loaded), P_AUTH, P_MASTER, 0, chk_secrets_loaded },
	[MSG_SESSION_KEYS] =	{ FIX(m_session_keys), P_AUTH, P_MASTER, 0, NULL },
	[MSG_GRE_KEYS] =	{ FIX(m_session_keys), P_MASTER, P_GRE, 0, NULL },
	[MSG_SESSION_UP] =	{ FIX(m_session_up), P_CTRL, P_MASTER, 0, NULL },
	[MSG_GRE_ROUTE] =	{ FIX(m_gre_route), P_MASTER, P_GRE, 0, NULL },
	[MSG_SESSION_KICK] =	{ FIX(m_kick), P_MASTER, P_CTRL, 0, chk_reason },
	[MSG_GRE_DEL] =		{ FIX(m_gre_del), P_MASTER, P_GRE, 0, chk_reason },
	[MSG_GRE_STATS] =	{ FIX(m_gre_stats), P_GRE, P_MASTER, 0, NULL },
	[MSG_GRE_COUNTERS] =	{ FIX(m_gre_stats), P_GRE, P_MASTER, 0, NULL },
	[MSG_TEST_SYSCALL] =	{ FIX(m_test_syscall), P_MASTER, ANYW, 0, chk_test_syscall },
	[MSG_STATIC_ADDR] =	{ FIX(m_static_addr), P_AUTH, P_MASTER, 0, chk_static_addr },
	[MSG_GRE_ADDED] =	{ FIX(m_gre_added), P_GRE, P_MASTER, 0, NULL },
	[MSG_CALL_ACCEPT] =	{ FIX(m_call_accept), P_MASTER, P_CTRL, 0, NULL },
};

static const char *const msg_names[MSG_NTYPES] = {
	[MSG_NONE] = "none",
	[MSG_LOG] = "log",
	[MSG_READY] = "ready",
	[MSG_CTRL_CONFIG] = "ctrl-config",
	[MSG_GRE_CONFIG] = "gre-config",
	[MSG_AUTH_CONFIG] = "auth-config",
	[MSG_GRE_SOCKET] = "gre-socket",
	[MSG_TUN_DEVICE] = "tun-device",
	[MSG_SECRETS] = "secrets",
	[MSG_CTRL_CONN] = "ctrl-conn",
	[MSG_CTRL_CLOSED] = "ctrl-closed",
	[MSG_CALL_OPEN] = "call-open",
	[MSG_GRE_ADD] = "gre-add",
	[MSG_PPP_FROM_GRE] = "ppp-from-gre",
	[MSG_PPP_TO_CTRL] = "ppp-to-ctrl",
	[MSG_PPP_FROM_CTRL] = "ppp-from-ctrl",
	[MSG_PPP_TO_GRE] = "ppp-to-gre",
	[MSG_CCP_MODE] = "ccp-mode",
	[MSG_GRE_CCP_MODE] = "gre-ccp-mode",
	[MSG_AUTH_REQUEST] = "auth-request",
	[MSG_AUTH_VERDICT] = "auth-verdict",
	[MSG_AUTH_CHECK] = "auth-check",
	[MSG_AUTH_RESULT] = "auth-result",
	[MSG_SECRET_FILE_REQ] = "secret-file-req",
	[MSG_SECRET_FILE] = "secret-file",
	[MSG_SESSION_KEYS] = "session-keys",
	[MSG_GRE_KEYS] = "gre-keys",
	[MSG_SESSION_UP] = "session-up",
	[MSG_GRE_ROUTE] = "gre-route",
	[MSG_SESSION_KICK] = "session-kick",
	[MSG_GRE_DEL] = "gre-del",
	[MSG_GRE_STATS] = "gre-stats",
	[MSG_SECRETS_LOADED] = "secrets-loaded",
	[MSG_TEST_SYSCALL] = "test-syscall",
	[MSG_STATIC_ADDR] = "static-addr",
	[MSG_GRE_COUNTERS] = "gre-counters",
	[MSG_GRE_ADDED] = "gre-added",
	[MSG_CALL_ACCEPT] = "call-accept",
};

const char *
msg_type_name(unsigned int t)
{
	if (t >= MSG_NTYPES || msg_names[t] == NULL)
		return "unknown";
	return msg_names[t];
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
	};

	return r < SR_NREASONS && n[r] != NULL ? n[r] : "unknown";
}

const struct msg_spec *
msg_spec(unsigned int type)
{
	if (type >= MSG_NTYPES || msg_catalog[type].size == 0)
		return NULL;
	return &msg_catalog[type];
}

static int
dir_ok(uint8_t spec, enum proc_id p)
{
	if (spec == ANYW)
		return p != P_MASTER && p < P_NPROC;
	return spec == p;
}

int
msg_check(enum proc_id from, enum proc_id to, const struct msg_hdr *h,
    const void *payload, size_t got, int hasfd)
{
	const struct msg_spec *s;
	int wantfd;

	if (got < sizeof(*h) || got - sizeof(*h) != h->len || h->flags != 0)
		return HP_E_FRAME;
	if ((s = msg_spec(h->type)) == NULL)
		return HP_E_TYPE;
	if (!dir_ok(s->from, from) || !dir_ok(s->to, to))
		return HP_E_PERM;
	if (s->var ? (h->len > s->size || h->len < s->minsize) :
	    h->len != s->size)
		return HP_E_SIZE;
	wantfd = s->fd;
	if (wantfd == 2)	/* MSG_SECRET_FILE: an fd exactly when ok */
		wantfd = ((const struct m_secret_file *)payload)->status == 0;
	if ((hasfd != 0) != (wantfd != 0))
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
chk_ip4_list(const uint32_t *a, size_t n)
{
	(void)a;
	(void)n;
	return HP_OK;		/* any address value is representable */
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
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return chk_ip4_list(m->dns, 2);
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
chk_secrets_loaded(const void *p, size_t len)
{
	return HP_OK;
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

static int
chk_ctrl_closed(const void *p, size_t len)
{
	const struct m_ctrl_closed *m = p;

	if (m->reason >= SR_NREASONS)
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
