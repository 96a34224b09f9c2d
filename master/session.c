/*
 * hpptpd master: the session table and the message routing between
 * workers.  A session is born at accept, bound to a call, authenticated,
 * given an address, installed in gre, and torn down on any end with
 * every resource returned.  Master checks each worker message against
 * the session's state: what a session may receive opens step by step
 * (an auth request only once a call is open, keys only after an ok
 * verdict), and anything out of order proves the sender compromised.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "master/master.h"
#include "master/net.h"
#include "master/pool.h"
#include "master/secrets_file.h"
#include "master/session.h"

#define GRE_STATS_WAIT_MS	2000

static void	sess_teardown(struct master *, struct msess *, uint32_t);
static void	sess_finish(struct master *, struct msess *);

const char *
msess_state_name(enum ms_state s)
{
	switch (s) {
	case MS_FREE:		return "free";
	case MS_CONN:		return "connected";
	case MS_CALL:		return "call";
	case MS_AUTH:		return "auth-wait";
	case MS_AUTHED:		return "authenticated";
	case MS_UP:		return "up";
	case MS_DOWN:		return "down";
	}
	return "unknown";
}

int
sess_init(struct master *m)
{
	m->nsess_max = m->conf.max_sessions;
	if (m->nsess_max == 0 || m->nsess_max > 65535)
		m->nsess_max = 65535;
	if ((m->sess = calloc(m->nsess_max, sizeof(*m->sess))) == NULL)
		return -1;
	m->nsess = 0;
	randombytes_buf(&m->sess_gen, sizeof(m->sess_gen));
	return 0;
}

uint32_t
sess_count(const struct master *m)
{
	return m->nsess;
}

/* sid = generation << 16 | (slot + 1): a stale sid never matches. */
static struct msess *
sess_lookup(struct master *m, uint32_t sid)
{
	uint32_t slot = (sid & 0xffff);
	struct msess *s;

	if (slot == 0 || slot > m->nsess_max)
		return NULL;
	s = &m->sess[slot - 1];
	return s->state != MS_FREE && s->sid == sid ? s : NULL;
}

static struct msess *
sess_alloc(struct master *m)
{
	uint32_t i;

	for (i = 0; i < m->nsess_max; i++)
		if (m->sess[i].state == MS_FREE)
			break;
	if (i == m->nsess_max)
		return NULL;
	memset(&m->sess[i], 0, sizeof(m->sess[i]));
	if (++m->sess_gen == 0)
		m->sess_gen = 1;
	m->sess[i].sid = ((uint32_t)m->sess_gen << 16) | (i + 1);
	m->nsess++;
	return &m->sess[i];
}

static void
addr_str(const struct m_addr *a, char *buf, size_t len)
{
	if (inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->addr, buf,
	    (socklen_t)len) == NULL)
		(void)snprintf(buf, len, "?");
}

static void
to_maddr(const struct sockaddr_storage *ss, struct m_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		/* a v4-mapped peer is a v4 peer (GRE goes over v4) */
		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
			a->family = 4;
			memcpy(a->addr, &s6->sin6_addr.s6_addr[12], 4);
		} else {
			a->family = 6;
			memcpy(a->addr, &s6->sin6_addr, 16);
		}
		a->port = ntohs(s6->sin6_port);
	} else {
		const struct sockaddr_in *s4 = (const void *)ss;

		a->family = 4;
		memcpy(a->addr, &s4->sin_addr, 4);
		a->port = ntohs(s4->sin_port);
	}
}

void
sess_accept(struct master *m, int fd, const struct sockaddr_storage *peer,
    const struct sockaddr_storage *local)
{
	struct m_ctrl_conn cc;
	struct msess *s;
	char pstr[INET6_ADDRSTRLEN];
	const char *why;

	memset(&cc, 0, sizeof(cc));
	to_maddr(peer, &cc.peer);
	to_maddr(local, &cc.local);
	addr_str(&cc.peer, pstr, sizeof(pstr));
	if (!m->procs[P_CTRL].ready) {
		why = "ctrl-not-ready";
		goto refuse;
	}
	if ((why = net_admit(m, &cc.peer)) != NULL)
		goto refuse;
	if ((s = sess_alloc(m)) == NULL) {
		net_release(m, &cc.peer);	/* net_admit counted it */
		why = "max-sessions";
		goto refuse;
	}
	s->state = MS_CONN;
	s->peer = cc.peer;
	s->t_start = now_ms();
	s->deadline = s->t_start + (uint64_t)m->conf.ppp_timeout_s * 1000 +
	    (uint64_t)m->conf.sccrq_timeout_s * 1000;
	if (proc_send(m, P_CTRL, MSG_CTRL_CONN, s->sid, &cc, sizeof(cc), fd)
	    != HP_OK) {
		net_release(m, &s->peer);
		s->state = MS_FREE;
		m->nsess--;
		why = "ctrl-unreachable";
		goto refuse;
	}
	close(fd);
	log_debug("sid=0x%x accepted from %s port %u", s->sid, pstr,
	    cc.peer.port);
	return;
refuse:
	log_audit("event=connection-refused peer=%s reason=%s", pstr, why);
	close(fd);
}

/* The peer's IPv4 address, for GRE. */
static uint32_t
peer_ip4(const struct msess *s)
{
	uint32_t a;

	memcpy(&a, s->peer.addr, 4);
	return a;
}

static void
kick(struct master *m, struct msess *s, uint32_t reason)
{
	struct m_kick k = { reason };

	if (s->kicked)
		return;
	s->kicked = true;
	s->reason = reason;
	/*
	 * Give ctrl time to say goodbye (LCP Terminate, CDN, StopCCRQ):
	 * an up session's deadline is its long-past setup deadline, and
	 * sess_timers() would otherwise tear it down on its next pass.
	 */
	s->deadline = now_ms() + GRE_STATS_WAIT_MS;
	if (proc_send(m, P_CTRL, MSG_SESSION_KICK, s->sid, &k, sizeof(k), -1)
	    != HP_OK)
		sess_teardown(m, s, reason);
}

static void
violation(struct master *m, enum proc_id from, const struct msg *msg,
    const struct msess *s, const char *why)
{
	log_audit("event=ipc-violation proc=%s type=%s sid=0x%x state=%s "
	    "reason=\"%s\"", proc_name(from), msg_type_name(msg->hdr.type),
	    msg->hdr.sid, s != NULL ? msess_state_name(s->state) : "none",
	    why);
	proc_kill(m, from, "protocol violation");
}

/* ---- from ctrl ---- */

static void
on_call_open(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_call_open *c = (const void *)msg->data;
	struct m_gre_add g;

	if (s->state != MS_CONN) {
		violation(m, P_CTRL, msg, s, "second call");
		return;
	}
	s->call_id = c->call_id;
	s->peer_call_id = c->peer_call_id;
	s->state = MS_CALL;
	if (s->peer.family != 4) {
		/* GRE runs over the IPv4 raw socket only */
		kick(m, s, SR_PROTOCOL_ERROR);
		return;
	}
	memset(&g, 0, sizeof(g));
	g.call_id = c->call_id;
	g.peer_call_id = c->peer_call_id;
	g.peer_window = c->peer_window;
	g.peer_ip = peer_ip4(s);
	if (proc_send(m, P_GRE, MSG_GRE_ADD, s->sid, &g, sizeof(g), -1)
	    != HP_OK) {
		kick(m, s, SR_WORKER_RESTART);
		return;
	}
	s->gre_added = true;
}

static void
auth_fail_verdict(struct master *m, struct msess *s, const char *text)
{
	struct m_auth_verdict v;
	uint8_t c[16];
	char hex[33];
	int n;

	memset(&v, 0, sizeof(v));
	randombytes_buf(c, sizeof(c));
	sodium_bin2hex(hex, sizeof(hex), c, sizeof(c));
	for (n = 0; hex[n] != '\0'; n++)
		if (hex[n] >= 'a' && hex[n] <= 'f')
			hex[n] = (char)(hex[n] - 'a' + 'A');
	/* MS-CHAPv2's failure format; the others ignore the text */
	n = snprintf(v.msg, sizeof(v.msg), "E=691 R=0 C=%s V=3 M=%s", hex,
	    text);
	v.msg_len = (uint8_t)(n < 0 ? 0 : (size_t)n >= sizeof(v.msg) ?
	    sizeof(v.msg) - 1 : (size_t)n);
	(void)proc_send(m, P_CTRL, MSG_AUTH_VERDICT, s->sid, &v, sizeof(v),
	    -1);
}

/* auth could not answer: the client is refused, and the audit log says so. */
static void
auth_unavailable(struct master *m, struct msess *s, const char *reason,
    const char *text)
{
	char pstr[INET6_ADDRSTRLEN];

	addr_str(&s->peer, pstr, sizeof(pstr));
	log_audit_auth("event=auth-fail sid=0x%x user=\"%s\" peer=%s "
	    "method=%s reason=%s", s->sid, s->user, pstr,
	    auth_method_name(s->method), reason);
	auth_fail_verdict(m, s, text);
}

static void
on_auth_request(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_auth_request *r = (const void *)msg->data;
	struct m_auth_check c;

	if (s->state != MS_CALL) {
		violation(m, P_CTRL, msg, s, "auth request out of order");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.req = *r;
	c.peer = s->peer;		/* master's view, not ctrl's claim */
	log_sanitize(s->user, sizeof(s->user), r->name, r->name_len);
	s->method = r->method;
	s->state = MS_AUTH;
	if (proc_send(m, P_AUTH, MSG_AUTH_CHECK, s->sid, &c, sizeof(c), -1)
	    != HP_OK) {
		s->state = MS_CALL;
		auth_unavailable(m, s, "auth-unavailable",
		    "authentication service unavailable");
	}
	sodium_memzero(&c, sizeof(c));
}

static void
on_ccp_mode(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_ccp_mode *c = (const void *)msg->data;

	if (s->state != MS_AUTHED && s->state != MS_UP) {
		violation(m, P_CTRL, msg, s, "ccp before authentication");
		return;
	}
	if (c->dir == CCP_DIR_TX)
		s->mppe_tx = c->bits;
	else
		s->mppe_rx = c->bits;
	/*
	 * Auth sends the keys right after its result, but a fast peer can
	 * answer our CHAP Success with CCP before that second message has
	 * reached us, and gre would then run without MPPE.  While the keys
	 * are still due, the mode waits in s->mppe_rx/tx and
	 * on_session_keys() hands it to gre after them.
	 */
	if (s->keys_permit && c->bits != 0)
		return;
	(void)proc_send(m, P_GRE, MSG_GRE_CCP_MODE, s->sid, c, sizeof(*c), -1);
}

/* The CCP modes held back by on_ccp_mode(), after the keys. */
static void
ccp_mode_replay(struct master *m, struct msess *s)
{
	struct m_ccp_mode c;

	memset(&c, 0, sizeof(c));
	if (s->mppe_rx != 0) {
		c.dir = CCP_DIR_RX;
		c.bits = s->mppe_rx;
		(void)proc_send(m, P_GRE, MSG_GRE_CCP_MODE, s->sid, &c,
		    sizeof(c), -1);
	}
	if (s->mppe_tx != 0) {
		c.dir = CCP_DIR_TX;
		c.bits = s->mppe_tx;
		(void)proc_send(m, P_GRE, MSG_GRE_CCP_MODE, s->sid, &c,
		    sizeof(c), -1);
	}
}

/* Negotiated MPPE bits (RFC 3078) for audit lines and hpptpctl. */
const char *
msess_mppe_name(uint32_t bits)
{
	if (bits == 0)
		return "none";
	if (bits & MPPE_BIT_S)
		return bits & MPPE_BIT_H ? "128-stateless" : "128-stateful";
	if (bits & MPPE_BIT_M)
		return bits & MPPE_BIT_H ? "56-stateless" : "56-stateful";
	return bits & MPPE_BIT_H ? "40-stateless" : "40-stateful";
}

static void
on_session_up(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_session_up *u = (const void *)msg->data;
	char pstr[INET6_ADDRSTRLEN], ipstr[INET_ADDRSTRLEN];

	if (s->state != MS_AUTHED || u->peer_ip != s->ip.s_addr) {
		violation(m, P_CTRL, msg, s, "session-up out of order or "
		    "with another address");
		return;
	}
	net_session_up(m, s);
	s->state = MS_UP;
	s->t_up = now_ms();
	addr_str(&s->peer, pstr, sizeof(pstr));
	inet_ntop(AF_INET, &s->ip, ipstr, sizeof(ipstr));
	log_audit("event=session-up sid=0x%x user=\"%s\" peer=%s ip=%s "
	    "method=%s mppe=%s", s->sid, s->user, pstr, ipstr,
	    auth_method_name(s->method), msess_mppe_name(s->mppe_tx));
}

/* ---- from auth ---- */

/* pool_alloc_match's test: an address the user's rules allow. */
static bool
rules_allow(const void *arg, uint32_t addr)
{
	const struct m_auth_result *r = arg;

	return addr_rules_allow(r->rules, r->nrules, addr);
}

/*
 * AA_LIST: pppd's rules (first match decides).  The single addresses
 * the list names come first, in its order, as static addresses (the
 * user chose them; they may lie outside the pool), then the pool's
 * free addresses the rules allow.
 */
static int
assign_listed(struct master *m, struct msess *s, const struct m_auth_result *r,
    struct in_addr *a)
{
	uint32_t	 h;
	size_t		 i;

	for (i = 0; i < r->nrules; i++) {
		if (!addr_rules_single(r->rules, r->nrules, i, &h))
			continue;
		a->s_addr = htonl(h);
		/* (the pool refuses the local address itself) */
		if (pool_take_static(m->pool, *a, s->user) == HP_OK) {
			s->ip_static = true;
			return 0;
		}
	}
	return pool_alloc_match(m->pool, rules_allow, r, a) == HP_OK ? 0 : -1;
}

static int
assign_address(struct master *m, struct msess *s,
    const struct m_auth_result *r, const char **why)
{
	struct in_addr a;

	switch (r->addr_kind) {
	case AA_STATIC:
		a.s_addr = r->static_ip;
		if (pool_take_static(m->pool, a, s->user) != HP_OK) {
			*why = "static address in use";
			return -1;
		}
		s->ip_static = true;
		break;
	case AA_POOL:
		if (pool_alloc(m->pool, &a) != HP_OK) {
			*why = "address pool exhausted";
			return -1;
		}
		break;
	case AA_LIST:
		if (assign_listed(m, s, r, &a) != 0) {
			*why = "no free address that chap-secrets allows "
			    "this user";
			return -1;
		}
		break;
	default:
		*why = "no address allowed for this user";
		return -1;
	}
	s->ip = a;
	s->ip_held = true;
	return 0;
}

static void
on_auth_result(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_auth_result *r = (const void *)msg->data;
	struct m_gre_route gr;
	struct m_auth_verdict v;
	const char *why = NULL;
	char pstr[INET6_ADDRSTRLEN];

	if (s->state != MS_AUTH) {
		violation(m, P_AUTH, msg, s, "result without a request");
		return;
	}
	if (!r->ok) {
		s->state = MS_CALL;
		memset(&v, 0, sizeof(v));
		memcpy(v.msg, r->msg, r->msg_len);
		v.msg_len = r->msg_len;
		(void)proc_send(m, P_CTRL, MSG_AUTH_VERDICT, s->sid, &v,
		    sizeof(v), -1);
		return;
	}
	s->keys_permit = r->has_keys;	/* MSG_SESSION_KEYS may follow, once */
	if ((why = net_user_admit(m, s)) != NULL ||
	    assign_address(m, s, r, &why) != 0 ||
	    (net_route_up(m, s) != 0 && (why = "cannot route the address"))) {
		addr_str(&s->peer, pstr, sizeof(pstr));
		log_audit("event=session-refused sid=0x%x user=\"%s\" peer=%s "
		    "reason=\"%s\"", s->sid, s->user, pstr, why);
		s->refused = true;
		s->state = MS_CALL;
		/*
		 * Give back what this attempt took: another auth request
		 * for the session would count the user again and take a
		 * second address, and the first would never be returned.
		 */
		net_session_down(m, s);
		if (s->ip_held)
			(void)pool_release(m->pool, s->ip);
		s->ip_held = s->ip_static = false;
		s->ip.s_addr = 0;
		auth_fail_verdict(m, s, why);
		return;
	}
	s->state = MS_AUTHED;
	/* gre filters and routes by the address from now on */
	memset(&gr, 0, sizeof(gr));
	gr.peer_ip = s->ip.s_addr;
	(void)proc_send(m, P_GRE, MSG_GRE_ROUTE, s->sid, &gr, sizeof(gr), -1);
	memset(&v, 0, sizeof(v));
	v.ok = 1;
	v.peer_ip = s->ip.s_addr;
	memcpy(v.msg, r->msg, r->msg_len);
	v.msg_len = r->msg_len;
	(void)proc_send(m, P_CTRL, MSG_AUTH_VERDICT, s->sid, &v, sizeof(v), -1);
}

static void
on_session_keys(struct master *m, struct msess *s, struct msg *msg)
{
	if (!s->keys_permit) {
		violation(m, P_AUTH, msg, s, "keys without a verdict");
		return;
	}
	s->keys_permit = false;
	if (!s->refused && s->gre_added) {
		(void)proc_send(m, P_GRE, MSG_GRE_KEYS, s->sid, msg->data,
		    sizeof(struct m_session_keys), -1);
		ccp_mode_replay(m, s);
	}
	sodium_memzero(msg->data, sizeof(struct m_session_keys));
}

static void
on_secret_file_req(struct master *m, const struct msg *msg)
{
	const struct m_secret_file_req *r = (const void *)msg->data;
	struct m_secret_file f;
	char path[sizeof(r->path) + 1];
	int fd;

	/* auth asks for "@/path" files only while it parses a load */
	if (!m->secrets_loading) {
		violation(m, P_AUTH, msg, NULL, "file request outside a load");
		return;
	}
	memcpy(path, r->path, r->path_len);
	path[r->path_len] = '\0';
	memset(&f, 0, sizeof(f));
	memcpy(f.path, r->path, r->path_len);
	f.path_len = r->path_len;
	/*
	 * Only files beside the secrets file (e.g. /etc/ppp/...): a
	 * compromised auth must not get master to open any root file.
	 */
	if (!secrets_path_allowed(m->conf.secrets, path)) {
		log_warnx("secret file %s: refused: not in the directory of %s",
		    path, m->conf.secrets);
		fd = -1;
	} else
		fd = secrets_open(path, m->conf.secrets_group_readable);
	f.status = fd == -1 ? HP_E_NOTFOUND : HP_OK;
	(void)proc_send(m, P_AUTH, MSG_SECRET_FILE, 0, &f, sizeof(f), fd);
	if (fd != -1)
		close(fd);
}

/*
 * A static address of chap-secrets: reserve it for its user (only
 * while a load is in progress).  Reservations of an earlier load stay:
 * the pool can't forget one safely while its owner may be connected.
 */
static void
on_static_addr(struct master *m, const struct msg *msg)
{
	const struct m_static_addr *a = (const void *)msg->data;
	char owner[AUTH_NAME_MAX + 1];
	struct in_addr in;
	int r;

	if (!m->secrets_loading) {
		violation(m, P_AUTH, msg, NULL, "static address outside a load");
		return;
	}
	/* the same sanitized form the session's user name takes */
	log_sanitize(owner, sizeof(owner), a->name, a->name_len);
	in.s_addr = a->addr;
	if (!pool_contains(m->pool, in))
		return;		/* outside the pool: nothing to keep */
	if ((r = pool_reserve(m->pool, in, owner)) == HP_E_DUP)
		log_warnx("static address %s for \"%s\": already given to "
		    "\"%s\"; the first line keeps it", inet_ntoa(in), owner,
		    pool_reserved_for(m->pool, in));
	else if (r != HP_OK)
		log_warnx("static address %s for \"%s\": %s", inet_ntoa(in),
		    owner, hp_strerror(r));
}

static void
on_secrets_loaded(struct master *m, const struct msg *msg)
{
	const struct m_secrets_loaded *l = (const void *)msg->data;

	if (!m->secrets_loading) {
		violation(m, P_AUTH, msg, NULL, "load result without a load");
		return;
	}

	if (l->entries == 0 && !m->secrets_loaded)
		fatalx("%s: no valid entry; not starting", m->conf.secrets);
	if (l->entries == 0)
		log_warnx("%s: no valid entry; keeping the previous secrets",
		    m->conf.secrets);
	else
		log_info("%s: %u entries loaded, %u lines skipped",
		    m->conf.secrets, l->entries, l->errors);
	if (l->entries > 0) {
		m->secrets_entries = l->entries;
		/* statics the new file no longer has go back to the pool */
		pool_reserve_end(m->pool);
	}
	m->secrets_loaded = true;
	m->secrets_loading = false;
	if (m->secrets_again)
		master_send_secrets(m);
}

/* ---- from gre ---- */

/* gre's counters (MSG_GRE_STATS or MSG_GRE_COUNTERS), and when. */
static void
take_counters(struct msess *s, const struct msg *msg)
{
	memcpy(&s->stats, msg->data, sizeof(s->stats));
	s->stats_at = now_ms();
}

static void
on_gre_stats(struct master *m, struct msess *s, const struct msg *msg)
{
	if (s->state != MS_DOWN || !s->gre_added) {
		violation(m, P_GRE, msg, s, "stats without a delete");
		return;
	}
	take_counters(s, msg);
	s->stats_final = true;
	s->gre_added = false;
	sess_finish(m, s);
}

/* A live session's periodic report: kept for hpptpctl and for the end. */
static void
on_gre_counters(struct master *m, struct msess *s, const struct msg *msg)
{
	if (!s->gre_added) {
		violation(m, P_GRE, msg, s, "counters of a session gre lacks");
		return;
	}
	take_counters(s, msg);
}

/* ---- teardown ---- */

static void
sess_finish(struct master *m, struct msess *s)
{
	char pstr[INET6_ADDRSTRLEN], ipstr[INET_ADDRSTRLEN];
	uint64_t now = now_ms();

	addr_str(&s->peer, pstr, sizeof(pstr));
	if (s->was_up) {
		inet_ntop(AF_INET, &s->ip, ipstr, sizeof(ipstr));
		log_audit("event=session-down sid=0x%x user=\"%s\" peer=%s "
		    "ip=%s method=%s mppe=%s bytes_in=%llu bytes_out=%llu "
		    "pkts_in=%llu pkts_out=%llu duration=%llu reason=%s%s",
		    s->sid, s->user, pstr, ipstr, auth_method_name(s->method),
		    msess_mppe_name(s->mppe_tx),
		    (unsigned long long)s->stats.bytes_in,
		    (unsigned long long)s->stats.bytes_out,
		    (unsigned long long)s->stats.pkts_in,
		    (unsigned long long)s->stats.pkts_out,
		    (unsigned long long)((now - s->t_up) / 1000),
		    sess_reason_name(s->reason),
		    /* gre died or never answered: its last report */
		    s->stats_final ? "" : " counters=partial");
	} else
		log_debug("sid=0x%x from %s ended before it was up: %s",
		    s->sid, pstr, sess_reason_name(s->reason));
	net_session_down(m, s);
	if (s->ip_held)
		(void)pool_release(m->pool, s->ip);
	net_release(m, &s->peer);
	memset(s, 0, sizeof(*s));
	s->state = MS_FREE;
	m->nsess--;
}

static void
sess_teardown(struct master *m, struct msess *s, uint32_t reason)
{
	struct m_gre_del d = { reason };

	if (s->state == MS_DOWN)
		return;
	if (s->reason == SR_NONE || reason == SR_WORKER_RESTART)
		s->reason = reason;
	s->was_up = s->state == MS_UP;
	s->state = MS_DOWN;
	s->keys_permit = false;
	if (s->gre_added && proc_send(m, P_GRE, MSG_GRE_DEL, s->sid, &d,
	    sizeof(d), -1) == HP_OK) {
		s->deadline = now_ms() + GRE_STATS_WAIT_MS;
		return;		/* finish when MSG_GRE_STATS arrives */
	}
	s->gre_added = false;
	sess_finish(m, s);
}

static void
on_ctrl_closed(struct master *m, struct msess *s, const struct msg *msg)
{
	const struct m_ctrl_closed *c = (const void *)msg->data;
	char detail[sizeof(c->detail) + 1];

	log_sanitize(detail, sizeof(detail), c->detail, c->detail_len);
	if (c->reason == SR_LIMIT)	/* ctrl had no slot for it */
		net_ctrl_refused(m, &s->peer);
	if (c->detail_len > 0)
		log_debug("sid=0x%x closed by ctrl: %s (%s)", s->sid,
		    sess_reason_name(c->reason), detail);
	sess_teardown(m, s, s->kicked ? s->reason : c->reason);
}

void
sess_dispatch(struct master *m, enum proc_id from, struct msg *msg)
{
	struct msess *s = NULL;
	uint16_t t = msg->hdr.type;

	/* messages not bound to a session */
	if (t == MSG_SECRET_FILE_REQ) {
		on_secret_file_req(m, msg);
		return;
	}
	if (t == MSG_SECRETS_LOADED) {
		on_secrets_loaded(m, msg);
		return;
	}
	if (t == MSG_STATIC_ADDR) {
		on_static_addr(m, msg);
		return;
	}
	if ((s = sess_lookup(m, msg->hdr.sid)) == NULL) {
		/* in flight when the session ended: normal, drop */
		log_debug("%s for unknown sid 0x%x from %s dropped",
		    msg_type_name(t), msg->hdr.sid, proc_name(from));
		if (t == MSG_SESSION_KEYS)
			sodium_memzero(msg->data, sizeof(msg->data));
		return;
	}
	if (s->state == MS_DOWN && t != MSG_GRE_STATS &&
	    t != MSG_CTRL_CLOSED) {
		if (t == MSG_SESSION_KEYS)
			sodium_memzero(msg->data, sizeof(msg->data));
		return;			/* session is going away */
	}
	switch (t) {
	case MSG_CALL_OPEN:
		on_call_open(m, s, msg);
		break;
	/*
	 * PPP frames come as fast as peers send them: when the worker is
	 * behind, drop them (PPP retransmits) instead of filling its queue
	 * and killing it in proc_send() with every session it holds.
	 */
	case MSG_PPP_FROM_CTRL:
		if (s->state >= MS_CALL && s->gre_added &&
		    m->procs[P_GRE].chan.qlen < MSG_QUEUE_MAX / 2)
			(void)proc_send(m, P_GRE, MSG_PPP_TO_GRE, s->sid,
			    msg->data, msg->hdr.len, -1);
		break;
	case MSG_PPP_FROM_GRE:
		if (s->state >= MS_CALL &&
		    m->procs[P_CTRL].chan.qlen < MSG_QUEUE_MAX / 2)
			(void)proc_send(m, P_CTRL, MSG_PPP_TO_CTRL, s->sid,
			    msg->data, msg->hdr.len, -1);
		break;
	case MSG_AUTH_REQUEST:
		on_auth_request(m, s, msg);
		break;
	case MSG_AUTH_RESULT:
		on_auth_result(m, s, msg);
		break;
	case MSG_SESSION_KEYS:
		on_session_keys(m, s, msg);
		break;
	case MSG_CCP_MODE:
		on_ccp_mode(m, s, msg);
		break;
	case MSG_SESSION_UP:
		on_session_up(m, s, msg);
		break;
	case MSG_CTRL_CLOSED:
		on_ctrl_closed(m, s, msg);
		break;
	case MSG_GRE_STATS:
		on_gre_stats(m, s, msg);
		break;
	case MSG_GRE_COUNTERS:
		on_gre_counters(m, s, msg);
		break;
	default:
		violation(m, from, msg, s, "unexpected type");
		break;
	}
}

/* A worker died: clean up what it owned. */
void
sess_worker_lost(struct master *m, enum proc_id id)
{
	uint32_t i;

	if (id == P_AUTH)
		/* its load died with it; the new auth gets a fresh one */
		m->secrets_loading = m->secrets_again = false;
	for (i = 0; i < m->nsess_max; i++) {
		struct msess *s = &m->sess[i];

		if (s->state == MS_FREE)
			continue;
		switch (id) {
		case P_CTRL:
			/* the control connections died with it */
			s->kicked = true;
			sess_teardown(m, s, SR_WORKER_RESTART);
			break;
		case P_GRE:
			if (s->state == MS_DOWN) {
				s->gre_added = false;
				sess_finish(m, s);
			} else if (s->gre_added) {
				s->gre_added = false;
				kick(m, s, SR_WORKER_RESTART);
			}
			break;
		case P_AUTH:
			if (s->state == MS_AUTH) {
				s->keys_permit = false;
				s->state = MS_CALL;
				auth_unavailable(m, s, "auth-restarted",
				    "authentication service restarted");
			} else if (s->keys_permit) {
				/*
				 * Its MPPE keys died with auth: CCP would open
				 * and gre run the session without encryption.
				 */
				s->keys_permit = false;
				kick(m, s, SR_WORKER_RESTART);
			}
			break;
		default:
			break;
		}
	}
}

void
sess_foreach(struct master *m, void (*fn)(const struct msess *, void *),
    void *arg)
{
	uint32_t i;

	for (i = 0; i < m->nsess_max; i++)
		if (m->sess[i].state != MS_FREE)
			fn(&m->sess[i], arg);
}

bool
sess_kick(struct master *m, uint32_t sid, uint32_t reason)
{
	struct msess *s;

	if ((s = sess_lookup(m, sid)) == NULL || s->state == MS_DOWN)
		return false;
	kick(m, s, reason);
	return true;
}

void
sess_close_all(struct master *m, uint32_t reason)
{
	uint32_t i;

	for (i = 0; i < m->nsess_max; i++) {
		struct msess *s = &m->sess[i];

		if (s->state == MS_FREE)
			continue;
		s->reason = reason;
		s->kicked = true;
		sess_teardown(m, s, reason);
		if (s->state == MS_DOWN) {	/* don't wait for stats */
			s->gre_added = false;
			sess_finish(m, s);
		}
	}
}

void
sess_timers(struct master *m, uint64_t now)
{
	uint32_t i;

	for (i = 0; i < m->nsess_max; i++) {
		struct msess *s = &m->sess[i];

		if (s->state == MS_FREE || now < s->deadline ||
		    s->deadline == 0)
			continue;
		if (s->state == MS_DOWN) {	/* gre never answered */
			s->gre_added = false;
			sess_finish(m, s);
		} else if (s->state != MS_UP && !s->kicked) {
			s->deadline = now + GRE_STATS_WAIT_MS;
			kick(m, s, SR_SETUP_TIMEOUT);
		} else if (s->kicked) {		/* ctrl never answered */
			sess_teardown(m, s, s->reason);
		}
	}
}
