/*
 * hpptpd ctrl: one PPP session: phases (RFC 1661 3.2), the table of
 * protocols taken in each phase, and the glue between LCP,
 * authentication, CCP, IPCP, IPV6CP and DHCPINFORM.
 *
 * ppp.c is the top of the PPP files: it calls down into lcp.c, ccp.c,
 * ipcp.c and ipv6cp.c (their fsm callbacks and LCP's echo and Protocol-Reject)
 * and into chap.c and pap.c through their ppp_auth_ops; they report
 * back through ppp_events (ppp_local.h), never by name.
 *
 * Handlers never end the session directly: they call ppp_fail(), which
 * records a reason; ppp_settle() acts on it once the automaton that
 * raised it has returned (mark, return, reap).
 */
#include <netinet/in.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/ccp.h"
#include "ctrl/chap.h"
#include "ctrl/dhcp.h"
#include "ctrl/fsm.h"
#include "ctrl/ipcp.h"
#include "ctrl/ipv6cp.h"
#include "ctrl/lcp.h"
#include "ctrl/pap.h"
#include "ctrl/ppp.h"
#include "ctrl/ppp_local.h"

#define PPP_DHCP_LOG_MAX	4	/* malformed DHCP lines per session */
#define PPP_PROTREJ_LOG_MAX	8

/* A phase as a bit, for the protocol table. */
#define PH(ph)		(1u << (ph))
#define PH_LINK		(PH(PPP_PHASE_ESTABLISH) | PH(PPP_PHASE_AUTHENTICATE) | \
			 PH(PPP_PHASE_NETWORK) | PH(PPP_PHASE_TERMINATE))
#define PH_AUTH		(PH(PPP_PHASE_AUTHENTICATE) | PH(PPP_PHASE_NETWORK))
#define PH_NET		PH(PPP_PHASE_NETWORK)

/* One frame of a protocol, its information field only. */
typedef int (*ppp_input_fn)(struct ppp *, uint16_t proto, const uint8_t *,
    size_t);

struct ppp_proto {
	uint16_t	 proto;
	unsigned	 phases;	/* PH() bits in which it is taken */
	ppp_input_fn	 input;
};

static void	ppp_settle(struct ppp *);
static void	ppp_finish(struct ppp *, const char *);
static void	ppp_set_phase(struct ppp *, enum ppp_phase);
static void	ppp_lcp_up(struct ppp *);
static void	ppp_lcp_down(struct ppp *);
static void	ppp_lcp_finished(struct ppp *);
static void	ppp_protrej_rcvd(struct ppp *, uint16_t);
static void	ppp_auth_done(struct ppp *, bool);
static void	ppp_ccp_up(struct ppp *);
static void	ppp_ccp_finished(struct ppp *);
static void	ppp_ipcp_up(struct ppp *);
static void	ppp_ipcp_finished(struct ppp *);
static void	ppp_ipcp_start(struct ppp *);
static void	ppp_ipv6cp_up(struct ppp *);
static void	ppp_ipv6cp_finished(struct ppp *);
static void	ppp_ccp_ack_lost(struct ppp *, const uint8_t *, size_t, uint64_t);
static const struct ppp_auth_ops *ppp_auth_ops_of(enum ppp_auth_method);
static int	ppp_read_proto(struct rd *, uint16_t *);
static const struct ppp_proto *ppp_proto_find(uint16_t);
static int	ppp_lcp_input(struct ppp *, uint16_t, const uint8_t *, size_t);
static int	ppp_auth_input(struct ppp *, uint16_t, const uint8_t *, size_t);
static int	ppp_ccp_input(struct ppp *, uint16_t, const uint8_t *, size_t);
static int	ppp_ipcp_input(struct ppp *, uint16_t, const uint8_t *, size_t);
static int	ppp_ipv6cp_input(struct ppp *, uint16_t, const uint8_t *,
		    size_t);
static int	ppp_ip_input(struct ppp *, uint16_t, const uint8_t *, size_t);
static int	ppp_ipv6_input(struct ppp *, uint16_t, const uint8_t *,
		    size_t);
static int	ppp_reject_input(struct ppp *, uint16_t, const uint8_t *,
		    size_t);

/*
 * What is taken in which phase (RFC 1661 3.2-3.5): LCP always; the
 * authentication protocols, and Link-Quality-Report, from the
 * authenticate phase on; network protocols in the network phase only.
 * Outside its phases a frame is silently discarded, not rejected (3.5,
 * as pppd does).  Before LCP is open nothing but LCP is taken (3.4).
 */
static const struct ppp_proto ppp_protos[] = {
	{ PPP_PROTO_LCP,	PH_LINK,	ppp_lcp_input },
	{ PPP_PROTO_PAP,	PH_AUTH,	ppp_auth_input },
	{ PPP_PROTO_CHAP,	PH_AUTH,	ppp_auth_input },
	/* we monitor no link quality: rejected, but in its phases */
	{ PPP_PROTO_LQR,	PH_AUTH,	ppp_reject_input },
	{ PPP_PROTO_CCP,	PH_NET,		ppp_ccp_input },
	{ PPP_PROTO_IPCP,	PH_NET,		ppp_ipcp_input },
	/* rejected as below unless IPv6 is configured */
	{ PPP_PROTO_IPV6CP,	PH_NET,		ppp_ipv6cp_input },
	{ PPP_PROTO_IPV6,	PH_NET,		ppp_ipv6_input },
	{ PPP_PROTO_IP,		PH_NET,		ppp_ip_input },
};

/*
 * Every other protocol: IPXCP, NBFCP, BCP and the rest get a
 * Protocol-Reject so the client goes on with IP alone.
 */
static const struct ppp_proto ppp_proto_other = {
	0, PH_NET, ppp_reject_input
};

/* What the protocol files tell the session (ppp_local.h). */
static const struct ppp_events ppp_events = {
	.lcp_up = ppp_lcp_up,
	.lcp_down = ppp_lcp_down,
	.lcp_finished = ppp_lcp_finished,
	.protrej = ppp_protrej_rcvd,
	.ccp_up = ppp_ccp_up,
	.ccp_finished = ppp_ccp_finished,
	.ipcp_up = ppp_ipcp_up,
	.ipcp_finished = ppp_ipcp_finished,
	.ipv6cp_up = ppp_ipv6cp_up,
	.ipv6cp_finished = ppp_ipv6cp_finished,
};

void
ppp_conf_defaults(struct ppp_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->auth_allowed = PPP_AUTHF(PPP_AUTH_MSCHAP2);
	(void)snprintf(c->name, sizeof(c->name), "pptpd");
	c->mru = 1400;
	c->echo_interval = 10;
	c->echo_failures = 3;
	c->mppe_allowed = PPP_MPPE_128;
	c->mppe_required = true;
	c->mppe_stateful = false;
	c->dhcp_inform = true;
}

int
ppp_conf_check(const struct ppp_conf *c)
{
	size_t i;

	if ((c->auth_allowed & PPP_AUTHF_ALL) == 0 ||
	    (c->auth_allowed & ~PPP_AUTHF_ALL) != 0) {
		log_warnx("ppp: no valid authentication method allowed");
		return HP_E_RANGE;
	}
	if (c->mru < PPP_MIN_MRU || c->mru > PPP_MAX_MRU) {
		log_warnx("ppp: mru %u outside %u..%u", c->mru, PPP_MIN_MRU,
		    PPP_MAX_MRU);
		return HP_E_RANGE;
	}
	if (memchr(c->name, '\0', sizeof(c->name)) == NULL ||
	    memchr(c->domain, '\0', sizeof(c->domain)) == NULL) {
		log_warnx("ppp: name or domain not terminated");
		return HP_E_RANGE;
	}
	if ((c->mppe_allowed & ~(PPP_MPPE_40 | PPP_MPPE_56 | PPP_MPPE_128))
	    != 0 || (c->mppe_required && c->mppe_allowed == 0)) {
		log_warnx("ppp: MPPE required but no strength allowed");
		return HP_E_RANGE;
	}
	if (c->echo_interval > 0 && c->echo_failures == 0) {
		log_warnx("ppp: echo failures must be at least 1");
		return HP_E_RANGE;
	}
	if (c->nroutes > PPP_MAX_ROUTES) {
		log_warnx("ppp: more than %d routes", PPP_MAX_ROUTES);
		return HP_E_RANGE;
	}
	for (i = 0; i < c->nroutes; i++)
		if (c->routes[i].len > 32) {
			log_warnx("ppp: route prefix length %u",
			    c->routes[i].len);
			return HP_E_RANGE;
		}
	return HP_OK;
}

struct ppp *
ppp_create(const struct ppp_conf *conf, uint32_t sid, const struct ppp_cb *cb,
    void *arg, uint64_t now)
{
	struct ppp *p;

	if (ppp_conf_check(conf) != HP_OK || cb == NULL ||
	    cb->send_frame == NULL || cb->finished == NULL)
		return NULL;
	/* Idempotent; the worker calls it before entering its sandbox. */
	if (sodium_init() < 0)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->conf = conf;
	p->sid = sid;
	memcpy(p->dns, conf->dns, sizeof(p->dns));
	memcpy(p->wins, conf->wins, sizeof(p->wins));
	p->netmask = conf->netmask;
	p->cb = *cb;
	p->arg = arg;
	p->ev = &ppp_events;
	p->now = now;
	p->phase = PPP_PHASE_DEAD;
	fsm_init(&p->lcp.fsm, &lcp_fsm_cb, p, ppp_send, p, sid);
	fsm_init(&p->ccp.fsm, &ccp_fsm_cb, p, ppp_send, p, sid);
	fsm_init(&p->ipcp.fsm, &ipcp_fsm_cb, p, ppp_send, p, sid);
	fsm_init(&p->ipv6cp.fsm, &ipv6cp_fsm_cb, p, ppp_send, p, sid);
	/* once per session: a renegotiation keeps the router's address */
	ipv6cp_ifid_pick(p->ipv6cp.ours, conf->ipv6_local_ifid,
	    conf->ipv6_remote_ifid);
	p->lcp.peer_mru = PPP_MAX_MRU;
	p->lcp.mru = conf->mru;
	return p;
}

void
ppp_destroy(struct ppp *p)
{
	if (p == NULL)
		return;
	sodium_memzero(p, sizeof(*p));
	free(p);
}

static void
ppp_set_phase(struct ppp *p, enum ppp_phase ph)
{
	if (p->phase != ph)
		log_debug("sid=%08x phase %s -> %s", p->sid,
		    ppp_phase_name(p->phase), ppp_phase_name(ph));
	p->phase = ph;
}

void
ppp_set_challenge(struct ppp *p, const uint8_t chal[16])
{
	memcpy(p->chal, chal, sizeof(p->chal));
	p->have_chal = true;
}

void
ppp_set_sess_opts(struct ppp *p, const uint32_t dns[2],
    const uint32_t wins[2], uint32_t netmask)
{
	if (dns[0] != 0 || dns[1] != 0)
		memcpy(p->dns, dns, sizeof(p->dns));
	if (wins[0] != 0 || wins[1] != 0)
		memcpy(p->wins, wins, sizeof(p->wins));
	if (netmask != 0)
		p->netmask = netmask;
}

/*
 * Causes no handler named, seen from the end: our LCP requests never
 * acked (the client says "LCP: timeout sending Config-Requests" when
 * its own are not either), or a client that left after we Nak'd the
 * MPPE strength it asked for.
 */
static void
ppp_infer_cause(struct ppp *p)
{
	uint32_t allowed = ccp_allowed_bits(p->conf->mppe_allowed);

	if (p->fail.cause != PPP_CAUSE_NONE)
		return;
	if (p->phase == PPP_PHASE_ESTABLISH && p->lcp.fsm.timed_out) {
		p->fail.cause = PPP_CAUSE_LCP_TIMEOUT;
		p->fail.peer = p->lcp.peer_reqs;
		p->fail.ours = p->lcp.fsm.max_configure;
	} else if (p->conf->mppe_required && p->ccp.peer_asked &&
	    (p->ccp.peer_bits & allowed) == 0 &&
	    p->ipcp.fsm.state != FSM_OPENED) {
		p->fail.cause = PPP_CAUSE_CCP_REFUSED;
		p->fail.peer = p->ccp.peer_bits;
		p->fail.ours = ccp_our_bits(p);
	}
}

static void
ppp_finish(struct ppp *p, const char *reason)
{
	if (p->finished)
		return;
	ppp_infer_cause(p);
	if (p->reason == NULL)
		p->reason = reason != NULL ? reason : "finished";
	lcp_echo_stop(p);
	p->auth.deadline = 0;
	p->ccp.fsm.deadline = 0;
	p->ipcp.fsm.deadline = 0;
	p->ipv6cp.fsm.deadline = 0;
	p->lcp.fsm.deadline = 0;
	ppp_set_phase(p, PPP_PHASE_DEAD);
	log_info("sid=%08x session finished: %s", p->sid, p->reason);
	p->finished = true;
	p->cb.finished(p->arg, p->reason);
}

/* Act on a close some handler asked for, now that it has returned. */
static void
ppp_settle(struct ppp *p)
{
	const char *why;

	if (p->finished || p->pending == NULL)
		return;
	why = p->pending;
	p->pending = NULL;
	/* the first cause is the session's; later ones only follow from it */
	if (p->reason == NULL) {
		p->reason = why;
		log_info("sid=%08x closing: %s", p->sid, why);
	} else
		log_debug("sid=%08x closing: %s", p->sid, why);
	switch (p->lcp.fsm.state) {
	case FSM_OPENED:
	case FSM_REQSENT:
	case FSM_ACKRCVD:
	case FSM_ACKSENT:
		ppp_set_phase(p, PPP_PHASE_TERMINATE);
		fsm_close(&p->lcp.fsm, why, p->now);
		/*
		 * A peer that stopped answering echoes won't ack either:
		 * one Terminate-Request goes out, and we are done now
		 * rather than after max-terminate restart periods.
		 */
		if (p->peer_gone)
			ppp_finish(p, why);
		break;
	case FSM_CLOSING:
	case FSM_STOPPING:
		/* Terminate already in progress; finished() follows. */
		ppp_set_phase(p, PPP_PHASE_TERMINATE);
		break;
	default:
		/* Nothing to tell the peer. */
		ppp_finish(p, why);
		break;
	}
	/* A close from within the close (e.g. tlf) is final. */
	p->pending = NULL;
}

void
ppp_start(struct ppp *p, uint64_t now)
{
	p->now = now;
	if (p->finished || p->phase != PPP_PHASE_DEAD)
		return;
	ppp_set_phase(p, PPP_PHASE_ESTABLISH);
	fsm_open(&p->lcp.fsm, now);
	fsm_up(&p->lcp.fsm, now);
	ppp_settle(p);
}

void
ppp_close(struct ppp *p, const char *reason)
{
	if (p->finished)
		return;
	ppp_fail(p, reason != NULL ? reason : "closed");
	ppp_settle(p);
}

/*
 * The data worker's Echo-Requests went unanswered (master says so): the
 * peer is gone, so the close waits for no Terminate-Ack.
 */
void
ppp_link_dead(struct ppp *p)
{
	if (p->finished)
		return;
	p->lcp.echo_on = false;
	p->peer_gone = true;
	ppp_close(p, "peer not responding to LCP echo");
}

/* ---- events from the protocols ---- */

static void
ppp_lcp_up(struct ppp *p)
{
	const struct ppp_auth_ops *ops;
	uint16_t mtu = p->lcp.peer_mru;

	/* What we send is bounded by the peer's MRU, never above 1500. */
	p->lcp.fsm.mtu = mtu;
	p->ccp.fsm.mtu = mtu;
	p->ipcp.fsm.mtu = mtu;
	p->ipv6cp.fsm.mtu = mtu;
	lcp_echo_start(p);
	log_info("sid=%08x LCP up: mru %u peer-mru %u auth %s", p->sid,
	    p->lcp.req_mru ? p->lcp.mru : PPP_MAX_MRU, p->lcp.peer_mru,
	    ppp_auth_method_name(p->lcp.auth));
	ppp_set_phase(p, PPP_PHASE_AUTHENTICATE);
	if ((ops = ppp_auth_ops_of(p->lcp.auth)) == NULL) {
		/* Never: ppp_conf_check insists on a method. */
		ppp_fail(p, "no authentication negotiated");
		return;
	}
	ops->start(p, p->lcp.auth);
}

static void
ppp_lcp_down(struct ppp *p)
{
	lcp_echo_stop(p);
	p->auth.deadline = 0;
	p->auth.state = AUTH_IDLE;
	fsm_down(&p->ccp.fsm, p->now);
	fsm_down(&p->ipcp.fsm, p->now);
	fsm_down(&p->ipv6cp.fsm, p->now);
	/*
	 * The link restarts (peer renegotiates) or ends.  A renegotiated
	 * link would have to authenticate again; we end it instead.
	 */
	if (p->phase != PPP_PHASE_TERMINATE)
		ppp_fail(p, p->lcp.fsm.reason != NULL ? p->lcp.fsm.reason :
		    "peer renegotiated LCP");
	ppp_set_phase(p, PPP_PHASE_TERMINATE);
}

static void
ppp_lcp_finished(struct ppp *p)
{
	ppp_finish(p, p->pending != NULL ? p->pending :
	    p->lcp.fsm.reason != NULL ? p->lcp.fsm.reason : "LCP finished");
}

static void
ppp_protrej_rcvd(struct ppp *p, uint16_t proto)
{
	log_info("sid=%08x peer Protocol-Rejects 0x%04x (%s)", p->sid,
	    proto, ppp_proto_name(proto));
	switch (proto) {
	case PPP_PROTO_CCP:
		if (p->conf->mppe_required)
			ppp_fail_cause(p, "peer rejects CCP but MPPE is "
			    "required", PPP_CAUSE_CCP_REFUSED, 0,
			    ccp_our_bits(p));
		fsm_protreject(&p->ccp.fsm, p->now);
		break;
	case PPP_PROTO_IPCP:
		fsm_protreject(&p->ipcp.fsm, p->now);
		break;
	case PPP_PROTO_IPV6CP:
		fsm_protreject(&p->ipv6cp.fsm, p->now);
		break;
	case PPP_PROTO_LCP:
		ppp_fail(p, "peer rejects LCP");
		break;
	default:
		break;
	}
}

static void
ppp_auth_done(struct ppp *p, bool ok)
{
	if (!ok) {
		ppp_fail(p, "authentication failed");
		return;
	}
	ppp_set_phase(p, PPP_PHASE_NETWORK);
	if (p->conf->mppe_allowed != 0) {
		fsm_open(&p->ccp.fsm, p->now);
		fsm_up(&p->ccp.fsm, p->now);
	}
	/* With MPPE required, IP waits for CCP, as pppd does. */
	if (!p->conf->mppe_required)
		ppp_ipcp_start(p);
}

/* The protocol that carries an authentication method. */
static const struct ppp_auth_ops *
ppp_auth_ops_of(enum ppp_auth_method m)
{
	switch (m) {
	case PPP_AUTH_PAP:
		return &pap_auth_ops;
	case PPP_AUTH_CHAP_MD5:
	case PPP_AUTH_MSCHAP1:
	case PPP_AUTH_MSCHAP2:
		return &chap_auth_ops;
	case PPP_AUTH_NONE:
		break;
	}
	return NULL;
}

static void
ppp_ipcp_start(struct ppp *p)
{
	if (p->ipcp_started)
		return;
	p->ipcp_started = true;
	fsm_open(&p->ipcp.fsm, p->now);
	fsm_up(&p->ipcp.fsm, p->now);
	/* IPV6CP runs beside IPCP, under the same MPPE rule. */
	if (p->conf->ipv6) {
		fsm_open(&p->ipv6cp.fsm, p->now);
		fsm_up(&p->ipv6cp.fsm, p->now);
	}
}

/*
 * With MPPE required, a peer that requires it too (pppd's require-mppe,
 * Windows' "require encryption") sends IPCP only once its CCP is Opened,
 * and it is Opened only after it acked our request.  So an IPCP
 * Configure-Request while our CCP waits in Ack-Sent means that Ack was
 * lost (seen with netem loss): retransmitting our request instead would
 * make pppd renegotiate CCP, and pppd ends an MPPE link whose CCP goes
 * down ("MPPE disabled").  Take the Ack as received; IPCP then starts
 * and handles this request.
 */
static void
ppp_ccp_ack_lost(struct ppp *p, const uint8_t *pkt, size_t len,
    uint64_t now)
{
	if (!p->conf->mppe_required || len < 1 || pkt[0] != CP_CONFREQ)
		return;
	(void)fsm_peer_opened(&p->ccp.fsm, now);
}

static void
ppp_ccp_up(struct ppp *p)
{
	if (p->conf->mppe_required &&
	    (p->ccp.rx_bits == 0 || p->ccp.tx_bits == 0)) {
		ppp_fail(p, "CCP opened without MPPE");
		return;
	}
	log_info("sid=%08x CCP up: rx 0x%08x tx 0x%08x", p->sid,
	    p->ccp.rx_bits, p->ccp.tx_bits);
	if (p->phase == PPP_PHASE_NETWORK)
		ppp_ipcp_start(p);
}

static void
ppp_ccp_finished(struct ppp *p)
{
	if (p->conf->mppe_required)
		ppp_fail_cause(p, "MPPE required but CCP failed",
		    PPP_CAUSE_CCP_REFUSED, p->ccp.peer_bits, ccp_our_bits(p));
}

static void
ppp_ipcp_up(struct ppp *p)
{
	log_info("sid=%08x IPCP up: peer %u.%u.%u.%u", p->sid,
	    p->peer_ip >> 24, (p->peer_ip >> 16) & 0xff,
	    (p->peer_ip >> 8) & 0xff, p->peer_ip & 0xff);
	/*
	 * Master hears of it once (a second session-up is a violation
	 * that restarts ctrl): a peer that renegotiates -- its
	 * Configure-Request retransmitted after we opened, RFC 1661's
	 * Opened + RCR, common with a loaded client -- opens IPCP again
	 * with the same address, since ours Naks any other.
	 */
	if (p->ip_reported)
		return;
	p->ip_reported = true;
	if (p->cb.ip_up != NULL)
		p->cb.ip_up(p->arg, p->peer_ip);
}

static void
ppp_ipcp_finished(struct ppp *p)
{
	ppp_fail(p, "IPCP negotiation failed");
}

static void
ppp_ipv6cp_up(struct ppp *p)
{
	const uint8_t *a = p->ipv6cp.ours, *b = p->ipv6cp.peer;

	log_info("sid=%08x IPV6CP up: local fe80::%02x%02x:%02x%02x:"
	    "%02x%02x:%02x%02x peer fe80::%02x%02x:%02x%02x:%02x%02x:"
	    "%02x%02x", p->sid, a[0], a[1], a[2], a[3], a[4], a[5],
	    a[6], a[7], b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
	if (p->cb.ip6_up != NULL)
		p->cb.ip6_up(p->arg, p->ipv6cp.peer, p->ipv6cp.ours);
	ra_start(p);
}

/* IPv6 failing leaves IPv4 up: the session goes on without it. */
static void
ppp_ipv6cp_finished(struct ppp *p)
{
	log_info("sid=%08x IPV6CP finished: %s", p->sid,
	    p->ipv6cp.fsm.reason != NULL ? p->ipv6cp.fsm.reason :
	    "no IPv6 on this link");
}

/* ---- input ---- */

int
ppp_input(struct ppp *p, const uint8_t *frame, size_t len, uint64_t now)
{
	const struct ppp_proto *pr;
	struct rd r;
	uint16_t proto;
	int rv;

	p->now = now;
	if (p->finished || p->phase == PPP_PHASE_DEAD)
		return HP_E_CLOSED;
	rd_init(&r, frame, len);
	if ((rv = ppp_read_proto(&r, &proto)) != HP_OK)
		return rv;
	pr = ppp_proto_find(proto);
	if (pr->proto != PPP_PROTO_LCP && p->lcp.fsm.state != FSM_OPENED)
		rv = HP_E_AGAIN;
	else if ((pr->phases & PH(p->phase)) == 0)
		rv = HP_E_AGAIN;
	else
		rv = pr->input(p, proto, r.p, r.left);
	ppp_settle(p);
	return rv;
}

/* The protocol field; a compressed (odd, 1-byte) one is legal (6.5). */
static int
ppp_read_proto(struct rd *r, uint16_t *proto)
{
	uint8_t b;
	int rv;

	if ((rv = rd_peek_u8(r, &b)) != HP_OK)
		return rv;
	if ((b & 1) == 0)
		return rd_u16(r, proto);
	(void)rd_u8(r, &b);
	*proto = b;
	return HP_OK;
}

static const struct ppp_proto *
ppp_proto_find(uint16_t proto)
{
	size_t i;

	for (i = 0; i < sizeof(ppp_protos) / sizeof(ppp_protos[0]); i++)
		if (ppp_protos[i].proto == proto)
			return &ppp_protos[i];
	return &ppp_proto_other;
}

static int
ppp_lcp_input(struct ppp *p, uint16_t proto, const uint8_t *pkt, size_t len)
{
	return fsm_input(&p->lcp.fsm, pkt, len, p->now);
}

static int
ppp_auth_input(struct ppp *p, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	const struct ppp_auth_ops *ops = ppp_auth_ops_of(p->lcp.auth);

	if (ops == NULL ||
	    (proto == PPP_PROTO_PAP) != (p->lcp.auth == PPP_AUTH_PAP)) {
		/* Not the protocol LCP negotiated. */
		lcp_send_protrej(p, proto, pkt, len);
		return HP_OK;
	}
	return ops->input(p, pkt, len);
}

static int
ppp_ccp_input(struct ppp *p, uint16_t proto, const uint8_t *pkt, size_t len)
{
	if (p->conf->mppe_allowed == 0) {
		lcp_send_protrej(p, proto, pkt, len);	/* no MPPE here */
		return HP_OK;
	}
	return fsm_input(&p->ccp.fsm, pkt, len, p->now);
}

static int
ppp_ipcp_input(struct ppp *p, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	ppp_ccp_ack_lost(p, pkt, len, p->now);
	return fsm_input(&p->ipcp.fsm, pkt, len, p->now);
}

static int
ppp_ipv6cp_input(struct ppp *p, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	if (!p->conf->ipv6)
		return ppp_reject_input(p, proto, pkt, len);
	ppp_ccp_ack_lost(p, pkt, len, p->now);
	return fsm_input(&p->ipv6cp.fsm, pkt, len, p->now);
}

/*
 * gre hands ctrl the IPv6 that is the router's to answer (Router
 * Solicitations, DHCPv6), and all of it without an `ipv6 pool`.  With
 * IPV6CP negotiated the protocol is ours, so what ra.c or info6.c does
 * not take is dropped, not Protocol-Rejected (which would tell the peer
 * IPv6 is refused); without IPv6 configured it is rejected like any
 * other.  gre sends UDP only to port 547: that is DHCPv6's.
 */
static int
ppp_ipv6_input(struct ppp *p, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	if (!p->conf->ipv6)
		return ppp_reject_input(p, proto, pkt, len);
	/* byte 6 of the IPv6 header is its next header */
	if (len > 6 && pkt[6] == IPPROTO_UDP)
		return info6_input(p, pkt, len);
	return ra_input(p, pkt, len);
}

/*
 * What a DHCPACK says, from the session's configuration: built when a
 * DHCPINFORM comes (once or twice a session), not kept in every
 * session (340 bytes each: BENCHMARKS.md, ctrl's memory).
 */
static void
ppp_dhcp_conf(const struct ppp *p, struct dhcp_conf *d)
{
	_Static_assert(sizeof(d->domain) == sizeof(p->conf->domain),
	    "DHCP domain");
	_Static_assert(sizeof(d->routes) == sizeof(p->conf->routes),
	    "DHCP routes");
	memset(d, 0, sizeof(*d));
	d->server_ip = p->conf->local_ip;
	d->netmask = p->netmask;
	memcpy(d->dns, p->dns, sizeof(d->dns));
	memcpy(d->domain, p->conf->domain, sizeof(d->domain));
	d->nroutes = p->conf->nroutes;
	memcpy(d->routes, p->conf->routes, sizeof(d->routes));
}

/* Only a DHCPINFORM is handed to ctrl; any other IP packet is gre's. */
static int
ppp_ip_input(struct ppp *p, uint16_t proto, const uint8_t *pkt, size_t len)
{
	struct dhcp_conf dc;
	uint8_t out[DHCP_MAX_REPLY];
	size_t outlen = 0;
	int rv;

	if (!p->conf->dhcp_inform || p->ipcp.fsm.state != FSM_OPENED)
		return HP_OK;
	ppp_dhcp_conf(p, &dc);
	rv = dhcp_inform_reply(&dc, pkt, len, p->peer_ip, out,
	    sizeof(out), &outlen);
	if (rv != HP_OK) {
		if (p->protrej_logged < PPP_DHCP_LOG_MAX) {
			p->protrej_logged++;
			log_info("sid=%08x DHCP: packet dropped: %s",
			    p->sid, hp_strerror(rv));
		}
		return HP_OK;
	}
	log_info("sid=%08x DHCP: INFORM answered with %u routes",
	    p->sid, dc.nroutes);
	ppp_send(p, PPP_PROTO_IP, out, outlen);
	return HP_OK;
}

static int
ppp_reject_input(struct ppp *p, uint16_t proto, const uint8_t *pkt,
    size_t len)
{
	if (p->protrej_logged < PPP_PROTREJ_LOG_MAX) {
		p->protrej_logged++;
		log_info("sid=%08x Protocol-Reject 0x%04x (%s)",
		    p->sid, proto, ppp_proto_name(proto));
	}
	lcp_send_protrej(p, proto, pkt, len);
	return HP_OK;
}

void
ppp_timeout(struct ppp *p, uint64_t now)
{
	const struct ppp_auth_ops *ops;

	p->now = now;
	if (p->finished)
		return;
	fsm_timeout(&p->lcp.fsm, now);
	ppp_settle(p);
	if (p->finished)
		return;
	fsm_timeout(&p->ccp.fsm, now);
	fsm_timeout(&p->ipcp.fsm, now);
	fsm_timeout(&p->ipv6cp.fsm, now);
	ra_timeout(p, now);
	if (p->phase == PPP_PHASE_AUTHENTICATE &&
	    (ops = ppp_auth_ops_of(p->auth.method)) != NULL)
		ops->timeout(p, now);
	ppp_settle(p);
}

static uint64_t
ppp_min_deadline(uint64_t a, uint64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

uint64_t
ppp_next_deadline(const struct ppp *p)
{
	uint64_t d = 0;

	if (p->finished)
		return 0;
	d = ppp_min_deadline(d, fsm_deadline(&p->lcp.fsm));
	d = ppp_min_deadline(d, fsm_deadline(&p->ccp.fsm));
	d = ppp_min_deadline(d, fsm_deadline(&p->ipcp.fsm));
	d = ppp_min_deadline(d, fsm_deadline(&p->ipv6cp.fsm));
	d = ppp_min_deadline(d, ra_deadline(p));
	if (p->phase == PPP_PHASE_AUTHENTICATE)
		d = ppp_min_deadline(d, p->auth.deadline);
	return d;
}

int
ppp_auth_result(struct ppp *p, bool ok, const char *msg, uint32_t peer_ip)
{
	const struct ppp_auth_ops *ops;
	int rv;

	if (p->finished || p->phase != PPP_PHASE_AUTHENTICATE)
		return HP_E_PERM;
	if (ok && peer_ip == 0)
		return HP_E_RANGE;
	/* No method started: no verdict awaited. */
	if ((ops = ppp_auth_ops_of(p->auth.method)) == NULL)
		return HP_E_PERM;
	if ((rv = ops->verdict(p, ok, msg)) != HP_OK)
		return rv;
	log_info("sid=%08x %s authentication %s", p->sid,
	    ppp_auth_method_name(p->auth.method), ok ? "succeeded" :
	    "failed");
	if (ok)
		p->peer_ip = peer_ip;
	ppp_auth_done(p, ok);
	ppp_settle(p);
	return HP_OK;
}

void
ppp_set_prefix6(struct ppp *p, const uint8_t prefix[16])
{
	memcpy(p->ra.prefix, prefix, sizeof(p->ra.prefix));
	p->ra.have_prefix = true;
}
