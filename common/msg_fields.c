/*
 * hpptpd: the field checkers of the IPC messages (common/msg_fields.h):
 * every value a message carries, against its real bounds.
 */
#include <arpa/inet.h>

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "common/err.h"
#include "common/msg.h"
#include "common/msg_fields.h"
#include "common/rate.h"

static int chk_addr_rules(const struct m_auth_result *);
static int chk_route6(const struct m_route6 *, bool);
static int chk_routes(const struct m_route *, size_t, size_t);

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

	static const uint8_t any[16];
	unsigned i;
	int rv;

	if (m->ipv6 > 1 || m->ndns6 > DNS6_MAX || m->nroutes6 > ROUTES6_MAX)
		return HP_E_RANGE;
	/* equal ends would collide on the link (zero is "none") */
	if (memcmp(m->ifid_local, none, IFID_LEN) != 0 &&
	    memcmp(m->ifid_local, m->ifid_remote, IFID_LEN) == 0)
		return HP_E_RANGE;
	for (i = 0; i < DNS6_MAX; i++)		/* set exactly the first n */
		if ((memcmp(m->dns6[i], any, 16) == 0) != (i >= m->ndns6))
			return HP_E_RANGE;
	for (i = 0; i < ROUTES6_MAX; i++)
		if ((rv = chk_route6(&m->routes6[i], i < m->nroutes6)) !=
		    HP_OK)
			return rv;
	return zero(m->pad, sizeof(m->pad));
}

/* One push-route6 entry: in use, or all zero. */
static int
chk_route6(const struct m_route6 *r, bool used)
{
	unsigned b;

	if (!used)
		return zero(r, sizeof(*r));
	if (r->plen > 128)
		return HP_E_RANGE;
	for (b = r->plen; b < 128; b++)
		if (r->prefix[b / 8] & (0x80 >> (b % 8)))
			return HP_E_RANGE;
	return zero(r->pad, sizeof(r->pad));
}

int
chk_prefix6(const void *p, size_t len)
{
	const struct m_prefix6 *m = p;
	static const uint8_t none[16 - PREFIX6_PLEN / 8];

	if (m->plen != PREFIX6_PLEN)
		return HP_E_RANGE;
	/* what master's pool hands out: global unicast or unique local */
	if ((m->prefix[0] & 0xe0) != 0x20 && (m->prefix[0] & 0xfe) != 0xfc)
		return HP_E_RANGE;
	if (memcmp(m->prefix + PREFIX6_PLEN / 8, none, sizeof(none)) != 0)
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
chk_fd(const struct m_fd *m, uint32_t kind, uint32_t flags)
{
	if (m->kind != kind)
		return HP_E_RANGE;
	return (m->flags & ~flags) == 0 ? HP_OK : HP_E_FIELD;
}

int
chk_gre_socket(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SOCKET, M_FD_RING);
}

int
chk_tun_device(const void *p, size_t len)
{
	return chk_fd(p, MSG_TUN_DEVICE, M_FD_VNET_HDR);
}

int
chk_gre_send_socket(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SEND_SOCKET, 0);
}

int
chk_gre_socket6(const void *p, size_t len)
{
	return chk_fd(p, MSG_GRE_SOCKET6, 0);
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
	static const uint8_t zero6[16];
	bool z6 = memcmp(m->src6, zero6, sizeof(zero6)) == 0;

	if (m->pad != 0)
		return HP_E_FIELD;
	/* one source: IPv4 with no IPv6 bytes, or IPv6 and src 0 */
	if (m->family == 4)
		return z6 ? HP_OK : HP_E_RANGE;
	if (m->family == 6)
		return m->src == 0 && !z6 ? HP_OK : HP_E_RANGE;
	return HP_E_RANGE;
}

/* MSG_LCP_KEEPALIVE: on with any magic, or off with none */
int
chk_lcp_keepalive(const void *p, size_t len)
{
	const struct m_lcp_keepalive *m = p;

	if (m->on > 1)
		return HP_E_RANGE;
	return m->on == 0 && m->magic != 0 ? HP_E_FIELD : HP_OK;
}

/* MSG_GRE_KEEPALIVE: an interval and a count, or all zero (off) */
int
chk_gre_keepalive(const void *p, size_t len)
{
	const struct m_gre_keepalive *m = p;

	if (m->pad != 0)
		return HP_E_FIELD;
	if (m->interval_s == 0)
		return m->failures == 0 && m->magic == 0 ? HP_OK : HP_E_FIELD;
	if (m->interval_s > GRE_ECHO_INTERVAL_MAX || m->failures == 0)
		return HP_E_RANGE;
	return HP_OK;
}

/* MSG_GRE_LINK_DEAD: at least one echo went unanswered */
int
chk_link_dead(const void *p, size_t len)
{
	const struct m_link_dead *m = p;

	return m->unanswered >= 1 && m->unanswered <= 255 ? HP_OK :
	    HP_E_RANGE;
}

/* MSG_GRE_WORKER: every joined write holds two packets or more */
int
chk_gre_worker(const void *p, size_t len)
{
	const struct m_gre_worker *m = p;

	if (m->joined_writes > UINT64_MAX / 2 ||
	    m->joined_pkts < 2 * m->joined_writes ||
	    (m->joined_writes == 0 && m->joined_pkts != 0))
		return HP_E_RANGE;
	return HP_OK;
}

/* MSG_METRICS_CONN, _REQ, _DONE: a slot of master's */
int
chk_metrics_id(const void *p, size_t len)
{
	const struct m_metrics_req *m = p;

	return m->id < METRICS_HTTP_MAX ? HP_OK : HP_E_RANGE;
}

/* MSG_METRICS_DATA: the text fills the payload exactly */
int
chk_metrics_data(const void *p, size_t len)
{
	const struct m_metrics_data *m = p;

	if (m->id >= METRICS_HTTP_MAX || (m->flags & ~METRICS_F_ALL) != 0)
		return HP_E_RANGE;
	if (len != M_METRICS_DATA_HDR + m->len)
		return HP_E_FIELD;
	return HP_OK;
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

	static const uint8_t zero6[16];

	if (m->call_id == 0 || (m->mppe & ~MPPE_POLICY_MASK) != 0)
		return HP_E_RANGE;
	/* exactly one peer address, the other field zero */
	if (m->family == 4)
		return m->peer_ip != 0 && memcmp(m->peer_ip6, zero6,
		    sizeof(zero6)) == 0 ? HP_OK : HP_E_RANGE;
	if (m->family == 6)
		return m->peer_ip == 0 && memcmp(m->peer_ip6, zero6,
		    sizeof(zero6)) != 0 ? HP_OK : HP_E_RANGE;
	return HP_E_RANGE;
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

	if (m->index >= RADIUS_SERVERS_MAX || m->kind > RADIUS_SOCK_ACCT ||
	    m->sock >= (m->kind == RADIUS_SOCK_AUTH ? RADIUS_AUTH_SOCKS :
	    RADIUS_ACCT_SOCKS) || m->pad != 0)
		return HP_E_RANGE;
	return HP_OK;
}

/* A netmask in network order: its ones contiguous from the top. */
static bool
netmask_ok(uint32_t nbo)
{
	uint32_t inv = ~ntohl(nbo);

	return (inv & (inv + 1)) == 0;
}

/*
 * The upper half of a /64 (Framed-IPv6-Prefix): global unicast or
 * unique local when there is one, all zero when not.
 */
static bool
prefix6_hi_ok(const uint8_t hi[8], uint8_t has)
{
	static const uint8_t none[8];

	if (!has)
		return memcmp(hi, none, sizeof(none)) == 0;
	return (hi[0] & 0xe0) == 0x20 || (hi[0] & 0xfe) == 0xfc;
}

/* A pool name as the config's grammar spells it: [A-Za-z0-9._-]. */
static bool
pool_name_ok(const char *s, size_t len, size_t cap)
{
	size_t i;

	if (len > cap)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '_' && s[i] != '-')
			return false;
	return zero(s + len, cap - len) == HP_OK;
}

int
chk_radius_reply(const void *p, size_t len)
{
	const struct m_radius_reply *m = p;

	if ((m->mppe & ~MPPE_POLICY_MASK) != 0 || m->has_rate > 1 ||
	    m->has_prefix6 > 1 || !prefix6_hi_ok(m->prefix6, m->has_prefix6) ||
	    m->down_bps > RATE_MAX_BPS || m->up_bps > RATE_MAX_BPS ||
	    (!m->has_rate && (m->down_bps != 0 || m->up_bps != 0)))
		return HP_E_RANGE;
	if ((m->netmask != 0 && !netmask_ok(m->netmask)) ||
	    (m->mtu != 0 && m->mtu < RADIUS_MTU_MIN) ||
	    !pool_name_ok(m->pool, m->pool_len, sizeof(m->pool)) ||
	    chk_routes(m->routes, m->nroutes, RADIUS_ROUTES_MAX) != HP_OK)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

/* Routes as master and gre take them: plen 1..32, host bits 0. */
static int
chk_routes(const struct m_route *r, size_t n, size_t cap)
{
	size_t i;
	uint32_t mask;

	if (n > cap)
		return HP_E_RANGE;
	for (i = 0; i < cap; i++) {
		if (i >= n) {
			if (r[i].addr != 0 || r[i].plen != 0 ||
			    zero(r[i].pad, sizeof(r[i].pad)) != HP_OK)
				return HP_E_RANGE;
			continue;
		}
		if (r[i].plen == 0 || r[i].plen > 32)
			return HP_E_RANGE;
		mask = 0xffffffffU << (32 - r[i].plen);
		if ((ntohl(r[i].addr) & ~mask) != 0 ||
		    zero(r[i].pad, sizeof(r[i].pad)) != HP_OK)
			return HP_E_RANGE;
	}
	return HP_OK;
}

int
chk_gre_sess_opts(const void *p, size_t len)
{
	const struct m_gre_sess_opts *m = p;

	if ((m->mss != 0 && m->mss < RADIUS_MTU_MIN - 40) || m->pad != 0)
		return HP_E_RANGE;
	return chk_routes(m->routes, m->nroutes, RADIUS_ROUTES_MAX);
}

int
chk_ctrl_sess_opts(const void *p, size_t len)
{
	const struct m_ctrl_sess_opts *m = p;

	return m->netmask == 0 || netmask_ok(m->netmask) ? HP_OK : HP_E_RANGE;
}

int
chk_acct_record(const void *p, size_t len)
{
	const struct m_acct_record *m = p;
	size_t i;

	for (i = 0; i < sizeof(m->id); i++)
		if (!((m->id[i] >= '0' && m->id[i] <= '9') ||
		    (m->id[i] >= 'A' && m->id[i] <= 'F')))
			return HP_E_FORMAT;
	if (m->by_radius > 1 || m->user_len == 0 ||
	    m->user_len > ACCT_USER_MAX || m->class_len > ACCT_CLASS_MAX ||
	    m->pad != 0 || zero(m->pad2, sizeof(m->pad2)) != HP_OK ||
	    zero(m->user + m->user_len, sizeof(m->user) - m->user_len) !=
	    HP_OK || zero(m->class + m->class_len, sizeof(m->class) -
	    m->class_len) != HP_OK)
		return HP_E_RANGE;
	return HP_OK;
}

int
chk_acct_resume(const void *p, size_t len)
{
	const struct m_acct_resume *m = p;

	if (m->ended > 1 || chk_acct_start(&m->start, sizeof(m->start)) !=
	    HP_OK)
		return HP_E_RANGE;
	return chk_acct_record(&m->rec, sizeof(m->rec));
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

	if (m->index >= RADIUS_SERVERS_MAX || m->dead > 1 || m->pad2 != 0)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_acct_off(const void *p, size_t len)
{
	const struct m_acct_off *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

int
chk_dae_config(const void *p, size_t len)
{
	const struct m_dae_config *m = p;

	if (m->nclients > DAE_CLIENTS_MAX || m->window_s < 1 ||
	    m->window_s > DAE_WINDOW_MAX)
		return HP_E_RANGE;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_dae_client(const void *p, size_t len)
{
	const struct m_dae_client *m = p;

	if (m->index >= DAE_CLIENTS_MAX || m->require_ma > 1 ||
	    m->require_ts > 1 || m->addr == 0 || m->max_sessions < 1 ||
	    m->max_sessions > DAE_MULTI_MAX)
		return HP_E_RANGE;
	return HP_OK;
}

int
chk_dae_socket(const void *p, size_t len)
{
	const struct m_dae_socket *m = p;

	return m->pad == 0 ? HP_OK : HP_E_FIELD;
}

/* An end carries nothing to set; a change sets something, in bounds. */
int
chk_dae_action(const void *p, size_t len)
{
	const struct m_dae_action *m = p;

	if (m->op != DAE_OP_END && m->op != DAE_OP_CHANGE)
		return HP_E_RANGE;
	if ((m->set & ~DAE_SET_MASK) != 0 ||
	    (m->op == DAE_OP_END && m->set != 0) ||
	    (m->op == DAE_OP_CHANGE && m->set == 0))
		return HP_E_RANGE;
	if (m->down_bps > RATE_MAX_BPS || m->up_bps > RATE_MAX_BPS ||
	    (!(m->set & DAE_SET_RATE) && (m->down_bps | m->up_bps) != 0) ||
	    (!(m->set & DAE_SET_TIMEOUT) && m->session_timeout_s != 0) ||
	    (!(m->set & DAE_SET_IDLE) && m->idle_timeout_s != 0))
		return HP_E_RANGE;
	if (m->pad2 != 0)
		return HP_E_FIELD;
	return zero(m->pad, sizeof(m->pad));
}

int
chk_dae_done(const void *p, size_t len)
{
	const struct m_dae_done *m = p;

	return m->status <= 0 ? HP_OK : HP_E_RANGE;
}
