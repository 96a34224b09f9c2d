/*
 * hpptpd master: the authentication cells of the session machine.
 *
 * Master, not ctrl, holds what decides a login: the challenge (issued
 * here, accepted once, for one session), the configured methods, the
 * MPPE policy and which addresses may ever be handed out.  ctrl is the
 * process that parses the internet; whatever it claims is checked
 * against master's own copy before auth sees it.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <ifaddrs.h>

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rand.h"
#include "master/framed.h"
#include "master/gre_peers.h"
#include "master/net.h"
#include "master/net6.h"
#include "master/pool.h"
#include "master/send.h"
#include "master/worker_conf.h"
#include "master/session_local.h"

/* ---- the challenge ---- */

/*
 * One challenge per session, from master's CSPRNG, sent to ctrl with
 * the go-ahead for the OCRP.  ctrl's PPP uses it as it stands (16
 * bytes; MS-CHAPv1 its first 8); master forgets it when the request
 * that answers it arrives, so a recorded exchange replayed on another
 * session, or a second try on this one, does not match.
 */
int
ms_issue_challenge(struct master *m, struct msess *s)
{
	struct m_call_accept a;

	hp_random(s->chal, sizeof(s->chal));
	memcpy(a.chal, s->chal, sizeof(a.chal));
	return send_call_accept(m, s->sid, &a);
}

static size_t
chal_len_of(uint8_t method)
{
	switch (method) {
	case AM_CHAP_MD5:
	case AM_MSCHAP2:
		return AUTH_CHALLENGE_LEN;
	case AM_MSCHAP1:
		return 8;
	default:
		return 0;
	}
}

/* Why ctrl's request cannot be genuine, or NULL. */
static const char *
request_forged(const struct master *m, const struct msess *s,
    const struct m_auth_request *r)
{
	size_t n = chal_len_of(r->method);

	if ((AM_BIT(r->method) & worker_conf_auth_bits(m->conf.auth)) == 0)
		return "authentication method not allowed by the "
		    "configuration";
	if (r->chal_len != n)
		return "challenge of the wrong length for the method";
	if (n > 0 && sodium_memcmp(r->chal, s->chal, n) != 0)
		return "challenge not issued by master for this session";
	return NULL;
}

/* ---- verdicts ---- */

static void
send_verdict(struct master *m, struct msess *s, bool ok, const char *text,
    size_t len)
{
	struct m_auth_verdict v;

	memset(&v, 0, sizeof(v));
	v.ok = ok ? 1 : 0;
	v.peer_ip = ok ? s->ip.s_addr : 0;
	if (len > sizeof(v.msg))
		len = sizeof(v.msg);
	memcpy(v.msg, text, len);
	v.msg_len = (uint8_t)len;
	(void)send_auth_verdict(m, s->sid, &v);
}

/* A failure master decided: MS-CHAPv2's format, the others ignore it. */
static void
auth_fail_verdict(struct master *m, struct msess *s, const char *text)
{
	char msg[AUTH_MSG_MAX], hex[33];
	uint8_t c[16];
	int n, i;

	randombytes_buf(c, sizeof(c));
	sodium_bin2hex(hex, sizeof(hex), c, sizeof(c));
	for (i = 0; hex[i] != '\0'; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] = (char)(hex[i] - 'a' + 'A');
	n = snprintf(msg, sizeof(msg), "E=691 R=0 C=%s V=3 M=%s", hex, text);
	if (n < 0)
		n = 0;
	send_verdict(m, s, false, msg, (size_t)n >= sizeof(msg) ?
	    sizeof(msg) - 1 : (size_t)n);
}

/* auth could not answer: the client is refused, and the audit log says so. */
void
ms_auth_unavailable(struct master *m, struct msess *s, const char *reason,
    const char *text)
{
	char pstr[INET6_ADDRSTRLEN];

	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	log_audit_auth("event=auth-fail sid=0x%x user=\"%s\" peer=%s "
	    "method=%s reason=%s", s->sid, s->user, pstr,
	    auth_method_name(s->method), reason);
	auth_fail_verdict(m, s, text);
}

void
ms_on_auth_request(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_auth_request *r = (const void *)msg->data;
	struct m_auth_check c;
	const char *why;

	if ((why = request_forged(m, s, r)) != NULL) {
		ms_violation(m, P_CTRL, msg, s, why);
		return;
	}
	/* the challenge is spent, whatever auth says */
	sodium_memzero(s->chal, sizeof(s->chal));
	memset(&c, 0, sizeof(c));
	c.req = *r;
	c.peer = s->peer;		/* master's view, not ctrl's claim */
	if (ms_user_set(s, r->name, r->name_len) != HP_OK) {
		sodium_memzero(&c, sizeof(c));
		ms_enter(s, MS_REJECTED);
		ms_auth_unavailable(m, s, "no-memory",
		    "authentication service unavailable");
		return;
	}
	s->method = r->method;
	ms_enter(s, MS_AUTH);
	if (send_auth_check(m, s->sid, &c) != HP_OK) {
		ms_enter(s, MS_REJECTED);
		ms_auth_unavailable(m, s, "auth-unavailable",
		    "authentication service unavailable");
	}
	sodium_memzero(&c, sizeof(c));
}

/* ---- addresses ---- */

/* pool_alloc_match's test: an address the user's rules allow. */
static bool
rules_allow(const void *arg, uint32_t addr)
{
	const struct m_auth_result *r = arg;

	return addr_rules_allow(r->rules, r->nrules, addr);
}

/* One of this host's own addresses (never a client's). */
static bool
addr_is_ours(struct in_addr a)
{
	struct ifaddrs *ifa, *i;
	bool ours = false;

	if (getifaddrs(&ifa) == -1)
		return true;		/* cannot tell: refuse */
	for (i = ifa; i != NULL && !ours; i = i->ifa_next)
		if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET)
			ours = ((const struct sockaddr_in *)(const void *)
			    i->ifa_addr)->sin_addr.s_addr == a.s_addr;
	freeifaddrs(ifa);
	return ours;
}

#define SLASH24(a)	(ntohl((a).s_addr) & 0xffffff00u)

/* Without static-addresses: the /24s of the local address and pools. */
static bool
addr_in_default_bound(const struct master *m, struct in_addr a)
{
	struct in_addr first, last;
	size_t i;

	if (SLASH24(a) == SLASH24(m->conf.local_addr))
		return true;
	for (i = 0; i < pool_range_count(m->pool); i++)
		if (pool_range_get(m->pool, i, &first, &last) == HP_OK &&
		    SLASH24(a) >= SLASH24(first) && SLASH24(a) <= SLASH24(last))
			return true;
	return false;
}

/*
 * The bound on what auth (chap-secrets, later RADIUS) may name: an
 * address of a pool, or of the static-addresses ranges (by default
 * the /24s of the local address and of the pools, where Poptop users
 * put their static clients), and never one of this host's own.
 * Whatever auth says, master routes and proxy-ARPs nothing else into
 * the tunnel.  `radius pool` is the AAA's: only a RADIUS verdict may
 * name its addresses, never a chap-secrets line (that address may be
 * another box's session's).
 */
static bool
addr_bounded(const struct master *m, const struct msess *s, struct in_addr a)
{
	if (m->radius_pool != NULL && pool_contains(m->radius_pool, a))
		return s->radius_auth && !addr_is_ours(a);
	if (pool_contains(m->pool, a))
		return true;
	if (m->static_pool != NULL ? !pool_contains(m->static_pool, a) :
	    !addr_in_default_bound(m, a))
		return false;
	return !addr_is_ours(a);
}

static int
take_static(struct master *m, struct msess *s, struct in_addr a,
    const char **why)
{
	char as[INET_ADDRSTRLEN];

	if (!addr_bounded(m, s, a)) {
		inet_ntop(AF_INET, &a, as, sizeof(as));
		log_warnx("sid=0x%x: static address %s for \"%s\" is outside "
		    "the pools and static-addresses: refused", s->sid, as,
		    s->user);
		*why = "address not allowed by static-addresses";
		return -1;
	}
	/* (the pool refuses the local address itself) */
	if (pool_take_static(m->pool, a, s->user) != HP_OK) {
		*why = "static address in use";
		return -1;
	}
	s->ip_static = true;
	return 0;
}

/*
 * AA_LIST: pppd's rules (first match decides).  The single addresses
 * the list names come first, in its order, as static addresses (the
 * user chose them; they may lie outside the pool), then the pool's
 * free addresses the rules allow.
 */
static int
assign_listed(struct master *m, struct msess *s, const struct m_auth_result *r,
    struct in_addr *a, const char **why)
{
	const char	*skip;		/* why one was not taken: try on */
	uint32_t	 h;
	size_t		 i;

	for (i = 0; i < r->nrules; i++) {
		if (!addr_rules_single(r->rules, r->nrules, i, &h))
			continue;
		a->s_addr = htonl(h);
		if (take_static(m, s, *a, &skip) == 0)
			return 0;
	}
	if (pool_alloc_match(m->pool, rules_allow, r, a) == HP_OK)
		return 0;
	*why = "no free address that chap-secrets allows this user";
	return -1;
}

static bool
in_prefix(const void *arg, uint32_t h)
{
	const struct conf_prefix *p = arg;
	uint32_t mask = p->len == 0 ? 0 : 0xffffffffU << (32 - p->len);

	return (h & mask) == ntohl(p->addr.s_addr);
}

/* RADIUS Framed-Pool: a free address of the pool inside `pool NAME`. */
static int
assign_named(struct master *m, struct msess *s, struct in_addr *a,
    const char **why)
{
	const struct conf_named_pool *np = NULL;
	unsigned i;

	for (i = 0; i < m->conf.nnamed_pools; i++)
		if (strcmp(m->conf.named_pools[i].name, s->rad->pool) == 0)
			np = &m->conf.named_pools[i];
	if (np == NULL) {
		log_warnx("sid=0x%x: RADIUS Framed-Pool \"%s\" for \"%s\" is "
		    "no pool NAME of the config: refused", s->sid,
		    s->rad->pool, s->user);
		*why = "Framed-Pool names no configured pool";
		return -1;
	}
	if (pool_alloc_match(m->pool, in_prefix, &np->p, a) != HP_OK) {
		*why = "named pool exhausted";
		return -1;
	}
	return 0;
}

static int
assign_address(struct master *m, struct msess *s,
    const struct m_auth_result *r, const char **why)
{
	struct in_addr a;

	switch (r->addr_kind) {
	case AA_STATIC:
		a.s_addr = r->static_ip;
		if (take_static(m, s, a, why) != 0)
			return -1;
		break;
	case AA_POOL:
		if (s->rad != NULL && s->rad->pool[0] != '\0') {
			if (assign_named(m, s, &a, why) != 0)
				return -1;
		} else if (pool_alloc(m->pool, &a) != HP_OK) {
			*why = "address pool exhausted";
			return -1;
		}
		break;
	case AA_LIST:
		if (assign_listed(m, s, r, &a, why) != 0)
			return -1;
		break;
	default:
		*why = "no address allowed for this user";
		return -1;
	}
	s->ip = a;
	s->ip_held = true;
	return 0;
}

void
ms_release_address(struct master *m, struct msess *s)
{
	gre_peers_del(m, s);
	if (s->ip_held)
		(void)pool_release(m->pool, s->ip);
	s->ip_held = s->ip_static = false;
	s->ip.s_addr = 0;
	net6_release(m, s);
}

/* What the verdict grants: gre routes the address, ctrl hears "ok". */
static void
grant(struct master *m, struct msess *s)
{
	(void)send_gre_route(m, s->gre, s->sid, s->ip.s_addr);
	gre_peers_add(m, s);
	net6_grant(m, s);
	framed_send_gre(m, s);
	ms_apply_rate(m, s);
	/* ctrl's IPCP answers for this user, before the verdict starts it */
	if (s->radius_opts)
		(void)send_ctrl_sess_opts(m, s->sid, &s->opts);
	ms_enter(s, MS_AUTHED);
	send_verdict(m, s, true, s->verdict, s->verdict_len);
	ms_verdict_drop(s);
}

static void
refuse(struct master *m, struct msess *s, const char *why)
{
	char pstr[INET6_ADDRSTRLEN];

	ms_addr_str(&s->peer, pstr, sizeof(pstr));
	log_audit("event=session-refused sid=0x%x user=\"%s\" peer=%s "
	    "reason=\"%s\"", s->sid, s->user, pstr, why);
	ms_enter(s, MS_REJECTED);
	/* give back what this attempt took */
	net_session_down(m, s);
	ms_release_address(m, s);
	auth_fail_verdict(m, s, why);
}

/*
 * A RADIUS Accept's per-user policy, just before its auth-result: it
 * can only narrow what the configuration allows (master ANDs the MPPE
 * bits; Session-Timeout ends the session, never extends anything).
 */
void
ms_on_radius_reply(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_radius_reply *r = (const void *)msg->data;

	s->radius_auth = true;
	s->session_timeout_s = r->session_timeout_s;
	s->idle_timeout_s = r->idle_timeout_s;
	s->mppe_radius = r->mppe;
	memset(&s->opts, 0, sizeof(s->opts));
	memcpy(s->opts.dns, r->dns, sizeof(s->opts.dns));
	memcpy(s->opts.wins, r->nbns, sizeof(s->opts.wins));
	s->opts.netmask = r->netmask;
	s->radius_opts = r->dns[0] != 0 || r->dns[1] != 0 || r->nbns[0] != 0 ||
	    r->nbns[1] != 0 || r->netmask != 0;
	s->radius_mtu = r->mtu;
	if (r->pool_len > 0 || r->nroutes > 0) {
		if (msess_radius(s) == NULL) {
			/* refused at the auth-result: no pool, no routes */
			log_warnx("sid=0x%x: no memory for its Framed-Pool "
			    "and Framed-Routes", s->sid);
			s->radius_nomem = true;
		} else {
			memcpy(s->rad->pool, r->pool, r->pool_len);
			s->rad->pool[r->pool_len] = '\0';
			s->nframed_req = r->nroutes;
			memcpy(s->rad->framed_req, r->routes,
			    sizeof(s->rad->framed_req));
		}
	}
	s->radius_prefix6 = r->has_prefix6;
	memset(&s->ip6_req, 0, sizeof(s->ip6_req));
	memcpy(s->ip6_req.s6_addr, r->prefix6, sizeof(r->prefix6));
	s->radius_rate = r->has_rate;
	s->rate.down_bps = r->down_bps;
	s->rate.up_bps = r->up_bps;
	s->rate.burst = 0;
}

/* Why the RADIUS reply's MPPE policy cannot be met, or NULL. */
static const char *
radius_mppe_refused(const struct msess *s, const struct m_auth_result *r)
{
	uint8_t keys = MPPE_ALLOW_40 | MPPE_ALLOW_56 | MPPE_ALLOW_128;

	if ((s->mppe_radius & MPPE_REQUIRED) && !r->has_keys)
		return "the RADIUS reply requires mppe and gave no keys";
	if ((s->mppe_radius & MPPE_REQUIRED) && (s->mppe_policy &
	    s->mppe_radius & keys) == 0)
		return "the RADIUS reply's mppe types are not configured";
	return NULL;
}

/* What auth's yes still needs from master; why not, or NULL. */
static const char *
admit(struct master *m, struct msess *s, const struct m_auth_result *r)
{
	const char *why = NULL;

	if ((s->mppe_policy & MPPE_REQUIRED) && !r->has_keys)
		return "mppe is required and the method gives no keys";
	if (s->radius_nomem)
		return "no memory for the RADIUS reply's pool and routes";
	if ((why = radius_mppe_refused(s, r)) != NULL ||
	    (why = net_user_admit(m, s)) != NULL ||
	    assign_address(m, s, r, &why) != 0 ||
	    (why = net6_assign(m, s)) != NULL)
		return why;
	if (net_route_up(m, s) != 0)
		return "cannot route the address";
	framed_routes_up(m, s);
	return NULL;
}

void
ms_on_auth_result(struct master *m, struct msess *s, struct msg *msg)
{
	const struct m_auth_result *r = (const void *)msg->data;
	const char *why = NULL;

	metrics_auth(&m->metrics, r->ok);
	if (!r->ok) {
		ms_enter(s, MS_REJECTED);
		send_verdict(m, s, false, r->msg, r->msg_len);
		return;
	}
	s->acct = true;		/* auth keeps a record until acct-stop */
	if ((why = admit(m, s, r)) != NULL) {
		m->metrics.refused++;
		refuse(m, s, why);
		return;
	}
	if (ms_verdict_keep(s, r->msg, r->msg_len) != HP_OK) {
		m->metrics.refused++;
		refuse(m, s, "no memory for the verdict");
		return;
	}
	if (r->has_keys)
		ms_enter(s, MS_KEYS);	/* the verdict waits for them */
	else
		grant(m, s);
}

/*
 * The keys reach gre before ctrl hears the verdict, so CCP can never
 * open on a session gre has no keys for.
 */
void
ms_on_session_keys(struct master *m, struct msess *s, struct msg *msg)
{
	if (s->gre_added)
		(void)send_gre_keys(m, s->gre, s->sid,
		    (const struct m_session_keys *)msg->data);
	sodium_memzero(msg->data, sizeof(struct m_session_keys));
	grant(m, s);
}
