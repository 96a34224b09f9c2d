/*
 * hpptpd: the field checkers of the IPC messages (common/msg_fields.h):
 * every value a message carries, against its real bounds.
 */
#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/msg.h"
#include "common/msg_fields.h"
#include "common/rate.h"

static int chk_addr_rules(const struct m_auth_result *);

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

int
chk_log(const void *p, size_t len)
{
	const struct m_log *m = p;

	if (m->prio > LOG_DEBUG || m->fac > LOGF_AUTH)
		return HP_E_RANGE;
	if (m->len != len - 4)
		return HP_E_BADLEN;
	return msg_check_str(m->text, m->len, sizeof(m->text));
}

int
chk_ready(const void *p, size_t len)
{
	const struct m_ready *m = p;

	return m->proc > P_MASTER && m->proc < P_NPROC ? HP_OK : HP_E_RANGE;
}

int
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

int
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

int
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

int
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

int
chk_gre_socket(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SOCKET);
}

int
chk_tun_device(const void *p, size_t len)
{
	return chk_fd(p, MSG_TUN_DEVICE);
}

int
chk_gre_send_socket(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SEND_SOCKET);
}

int
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

int
chk_secret_file_req(const void *p, size_t len)
{
	const struct m_secret_file_req *m = p;

	if (m->pad != 0)
		return HP_E_FIELD;
	return chk_path(m->path, m->path_len, sizeof(m->path));
}

int
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

int
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

int
chk_gre_stray(const void *p, size_t len)
{
	const struct m_gre_stray *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

int
chk_ctrl_closed(const void *p, size_t len)
{
	const struct m_ctrl_closed *m = p;

	if (m->reason >= SR_NREASONS || !closed_values_ok(m))
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return msg_check_str(m->detail, m->detail_len, sizeof(m->detail));
}

int
chk_call_open(const void *p, size_t len)
{
	const struct m_call_open *m = p;

	/* Call ID 0 is legal on the wire but we never allocate it. */
	if (m->call_id == 0 || m->pad != 0)
		return HP_E_RANGE;
	return HP_OK;
}

int
chk_gre_add(const void *p, size_t len)
{
	const struct m_gre_add *m = p;

	if (m->call_id == 0 || m->pad != 0 || m->peer_ip == 0 ||
	    (m->mppe & ~MPPE_POLICY_MASK) != 0)
		return HP_E_RANGE;
	return HP_OK;
}

int
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

int
chk_auth_request(const void *p, size_t len)
{
	return chk_auth_req(p);
}

int
chk_auth_check(const void *p, size_t len)
{
	const struct m_auth_check *m = p;

	if (chk_auth_req(&m->req) != HP_OK)
		return HP_E_RANGE;
	return chk_addr(&m->peer);
}

int
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

int
chk_auth_verdict(const void *p, size_t len)
{
	const struct m_auth_verdict *m = p;

	if (m->ok > 1 || (m->ok && m->peer_ip == 0))
		return HP_E_RANGE;
	if (zero(m->pad, sizeof(m->pad)))
		return HP_E_FIELD;
	return msg_check_str(m->msg, m->msg_len, sizeof(m->msg));
}

int
chk_reason(const void *p, size_t len)
{
	const uint32_t *r = p;

	return *r < SR_NREASONS ? HP_OK : HP_E_RANGE;
}

int
chk_gre_rate(const void *p, size_t len)
{
	const struct m_gre_rate *r = p;

	if (r->down_bps > RATE_MAX_BPS || r->up_bps > RATE_MAX_BPS ||
	    r->burst > MSG_RATE_BURST_MAX)
		return HP_E_RANGE;
	return HP_OK;
}

int
chk_gre_peer(const void *p, size_t len)
{
	const struct m_gre_peer *g = p;

	if (g->addr == 0 || (g->op != GRE_PEER_ADD && g->op != GRE_PEER_DEL))
		return HP_E_RANGE;
	if (g->pad[0] != 0 || g->pad[1] != 0 || g->pad[2] != 0)
		return HP_E_FORMAT;
	return HP_OK;
}

int
chk_test_syscall(const void *p, size_t len)
{
	const struct m_test_syscall *m = p;

	return m->what >= 1 && m->what <= TH_LOG_FLOOD ? HP_OK : HP_E_RANGE;
}

int
chk_static_addr(const void *p, size_t len)
{
	const struct m_static_addr *m = p;

	if (m->addr == 0 || m->pad != 0 || m->name_len == 0 ||
	    m->name_len > AUTH_NAME_MAX)
		return HP_E_RANGE;
	return msg_check_str(m->name, m->name_len, sizeof(m->name));
}

int
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

int
chk_radius_server(const void *p, size_t len)
{
	const struct m_radius_server *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->require_ma > 1 ||
	    m->retries < 1 || m->retries > 10 || m->timeout_ms < 100 ||
	    m->timeout_ms > 60000 || m->auth_port == 0 || m->acct_port == 0)
		return HP_E_RANGE;
	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

int
chk_radius_socket(const void *p, size_t len)
{
	const struct m_radius_socket *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->kind > RADIUS_SOCK_ACCT)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_radius_reply(const void *p, size_t len)
{
	const struct m_radius_reply *m = p;

	if ((m->mppe & ~MPPE_POLICY_MASK) != 0 || m->has_rate > 1 ||
	    m->down_bps > RATE_MAX_BPS || m->up_bps > RATE_MAX_BPS ||
	    (!m->has_rate && (m->down_bps != 0 || m->up_bps != 0)))
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_acct_start(const void *p, size_t len)
{
	const struct m_acct_start *m = p;

	if (m->ip == 0)
		return HP_E_RANGE;
	return chk_addr(&m->peer);
}

int
chk_acct_stop(const void *p, size_t len)
{
	const struct m_acct_stop *m = p;

	return m->reason < SR_NREASONS && m->up <= 1 ? HP_OK : HP_E_RANGE;
}

int
chk_radius_stats(const void *p, size_t len)
{
	const struct m_radius_stats *m = p;

	if (m->index >= RADIUS_SERVERS_MAX || m->dead > 1)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_acct_off(const void *p, size_t len)
{
	const struct m_acct_off *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}
