/*
 * hpptpd ctrl: LCP.  Option checks for the peer's Configure-Request,
 * our own request (MRU, Authentication-Protocol, Magic-Number), and the
 * LCP-only codes 8-13.  The automaton itself is fsm.c.
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"
#include "ctrl/lcp.h"
#include "ctrl/ppp_local.h"

static void	lcp_resetci(struct fsm *);
static void	lcp_addci(struct fsm *, struct wr *);
static int	lcp_reqci(struct fsm *, const struct rd *, struct wr *, bool);
static void	lcp_ackci(struct fsm *);
static int	lcp_nakci(struct fsm *, const struct rd *);
static int	lcp_rejci(struct fsm *, const struct rd *);
static void	lcp_up(struct fsm *);
static void	lcp_down(struct fsm *);
static void	lcp_finished(struct fsm *);
static int	lcp_extcode(struct fsm *, uint8_t, uint8_t, const struct rd *);
static void	lcp_put_auth(struct wr *, enum ppp_auth_method);
static enum ppp_auth_method lcp_parse_auth(const struct cpopt *);
static enum ppp_auth_method lcp_first_auth(uint32_t, uint32_t);
static uint32_t	lcp_new_magic(uint32_t);
static uint32_t	lcp_auth_value(const struct cpopt *);

const struct fsm_cb lcp_fsm_cb = {
	.name = "LCP",
	.proto = PPP_PROTO_LCP,
	.resetci = lcp_resetci,
	.addci = lcp_addci,
	.reqci = lcp_reqci,
	.ackci = lcp_ackci,
	.nakci = lcp_nakci,
	.rejci = lcp_rejci,
	.up = lcp_up,
	.down = lcp_down,
	.started = NULL,
	.finished = lcp_finished,
	.extcode = lcp_extcode,
};

/* Our preference order: strongest first. */
static const enum ppp_auth_method lcp_auth_order[] = {
	PPP_AUTH_MSCHAP2, PPP_AUTH_MSCHAP1, PPP_AUTH_CHAP_MD5, PPP_AUTH_PAP,
};

static enum ppp_auth_method
lcp_first_auth(uint32_t allowed, uint32_t tried)
{
	size_t i;

	for (i = 0; i < sizeof(lcp_auth_order) / sizeof(lcp_auth_order[0]);
	    i++) {
		uint32_t bit = PPP_AUTHF(lcp_auth_order[i]);

		if ((allowed & bit) && !(tried & bit))
			return lcp_auth_order[i];
	}
	return PPP_AUTH_NONE;
}

static uint32_t
lcp_new_magic(uint32_t not)
{
	uint32_t m;
	int i;

	/* Zero is not a magic number (RFC 1661 6.4). */
	for (i = 0; i < 16; i++) {
		m = ppp_random_u32();
		if (m != 0 && m != not)
			return m;
	}
	return not + 1 != 0 ? not + 1 : 1;
}

static void
lcp_put_auth(struct wr *w, enum ppp_auth_method m)
{
	switch (m) {
	case PPP_AUTH_PAP:
		cpopt_put_u16(w, LCP_OPT_AUTH, PPP_PROTO_PAP);
		break;
	case PPP_AUTH_CHAP_MD5:
	case PPP_AUTH_MSCHAP1:
	case PPP_AUTH_MSCHAP2: {
		uint8_t v[3] = { PPP_PROTO_CHAP >> 8, PPP_PROTO_CHAP & 0xff,
		    m == PPP_AUTH_CHAP_MD5 ? CHAP_ALG_MD5 :
		    m == PPP_AUTH_MSCHAP1 ? CHAP_ALG_MSCHAP1 :
		    CHAP_ALG_MSCHAP2 };

		cpopt_put(w, LCP_OPT_AUTH, v, sizeof(v));
		break;
	}
	case PPP_AUTH_NONE:
		break;
	}
}

/* The method an Authentication-Protocol option names, or NONE. */
static enum ppp_auth_method
lcp_parse_auth(const struct cpopt *o)
{
	struct rd r = o->val;
	uint16_t proto;
	uint8_t alg;

	if (rd_u16(&r, &proto) != HP_OK)
		return PPP_AUTH_NONE;
	if (proto == PPP_PROTO_PAP)
		return r.left == 0 ? PPP_AUTH_PAP : PPP_AUTH_NONE;
	if (proto != PPP_PROTO_CHAP || rd_u8(&r, &alg) != HP_OK ||
	    r.left != 0)
		return PPP_AUTH_NONE;
	switch (alg) {
	case CHAP_ALG_MD5:
		return PPP_AUTH_CHAP_MD5;
	case CHAP_ALG_MSCHAP1:
		return PPP_AUTH_MSCHAP1;
	case CHAP_ALG_MSCHAP2:
		return PPP_AUTH_MSCHAP2;
	default:
		return PPP_AUTH_NONE;
	}
}

/*
 * An Authentication-Protocol option as one number for the report:
 * protocol << 8 | CHAP algorithm, or the protocol alone (PAP, EAP).
 */
static uint32_t
lcp_auth_value(const struct cpopt *o)
{
	struct rd r = o->val;
	uint16_t proto;
	uint8_t alg;

	if (rd_u16(&r, &proto) != HP_OK)
		return 0;
	if (proto != PPP_PROTO_CHAP || rd_u8(&r, &alg) != HP_OK)
		return proto;
	return (uint32_t)proto << 8 | alg;
}

static void
lcp_resetci(struct fsm *f)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;

	l->mru = p->conf->mru;
	l->req_mru = true;
	l->magic = lcp_new_magic(0);
	l->req_magic = true;
	l->magic_acked = false;
	l->auth_tried = 0;
	l->auth = lcp_first_auth(p->conf->auth_allowed, 0);
	l->auth_tried = PPP_AUTHF(l->auth);
	l->peer_mru = PPP_MAX_MRU;
	l->peer_magic = 0;
	l->peer_pfc = false;
	l->peer_acfc = false;
}

static void
lcp_addci(struct fsm *f, struct wr *w)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;

	if (l->req_mru)
		cpopt_put_u16(w, LCP_OPT_MRU, l->mru);
	lcp_put_auth(w, l->auth);
	if (l->req_magic)
		cpopt_put_u32(w, LCP_OPT_MAGIC, l->magic);
}

static int
lcp_reqci(struct fsm *f, const struct rd *opts, struct wr *reply,
    bool allow_nak)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;
	struct cpopt_reply cr;
	struct cpopt_iter it;
	struct cpopt o;
	uint16_t mru = PPP_MAX_MRU, v16;
	uint32_t magic = 0, v32;
	bool pfc = false, acfc = false;
	int rv;

	if (l->peer_reqs < UINT8_MAX)
		l->peer_reqs++;		/* the peer's GRE reaches us */
	cpreply_init(&cr, reply, allow_nak);
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		switch (o.type) {
		case LCP_OPT_MRU:
			if (cpopt_val_u16(&o, &v16) != HP_OK)
				cpreply_rej(&cr, &o);
			else if (v16 < PPP_MIN_MRU)
				cpreply_nak_u16(&cr, &o, PPP_MIN_MRU);
			else if (v16 > PPP_MAX_MRU)
				/* Never size anything from it: cap. */
				cpreply_nak_u16(&cr, &o, PPP_MAX_MRU);
			else
				mru = v16;
			break;
		case LCP_OPT_ACCM:
			/* Meaningless on a PPTP link; any value is fine. */
			if (cpopt_val_u32(&o, &v32) != HP_OK)
				cpreply_rej(&cr, &o);
			break;
		case LCP_OPT_MAGIC:
			if (cpopt_val_u32(&o, &v32) != HP_OK)
				cpreply_rej(&cr, &o);
			else if (v32 == 0)
				cpreply_nak_u32(&cr, &o, lcp_new_magic(0));
			else if (l->req_magic && v32 == l->magic) {
				/* Our own magic: a looped-back link or bad
				 * luck; Nak with another value (6.4). */
				if (++l->loops > f->max_failure)
					ppp_fail(p, "loopback detected");
				log_info("sid=%08x LCP: magic number "
				    "collision %d", f->sid, l->loops);
				cpreply_nak_u32(&cr, &o,
				    lcp_new_magic(l->magic));
			} else
				magic = v32;
			break;
		case LCP_OPT_PFC:
			if (o.len != 2 || !p->conf->accept_pfc)
				cpreply_rej(&cr, &o);
			else
				pfc = true;
			break;
		case LCP_OPT_ACFC:
			if (o.len != 2)
				cpreply_rej(&cr, &o);
			else
				acfc = true;
			break;
		default:
			/*
			 * Authentication-Protocol (we do not authenticate
			 * to the client), Callback, Quality-Protocol,
			 * multilink and anything unknown.
			 */
			cpreply_rej(&cr, &o);
			break;
		}
	}
	if (rv < 0)
		return rv;
	rv = cpreply_finish(&cr);
	if (rv == CP_CONFACK) {
		l->peer_mru = mru;
		l->peer_magic = magic;
		l->peer_pfc = pfc;
		l->peer_acfc = acfc;
	}
	return rv;
}

static void
lcp_ackci(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->lcp.magic_acked = p->lcp.req_magic;
}

static int
lcp_nakci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;
	struct cpopt_iter it;
	struct cpopt o;
	enum ppp_auth_method m;
	uint16_t v16;
	uint32_t v32;
	int rv;

	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		switch (o.type) {
		case LCP_OPT_MRU:
			if (!l->req_mru)
				break;	/* a suggestion we can ignore */
			if (cpopt_val_u16(&o, &v16) != HP_OK)
				return HP_E_BADLEN;
			if (v16 >= PPP_MIN_MRU && v16 <= PPP_MAX_MRU)
				l->mru = v16;
			break;
		case LCP_OPT_MAGIC:
			if (!l->req_magic)
				break;
			if (cpopt_val_u32(&o, &v32) != HP_OK)
				return HP_E_BADLEN;
			l->magic = lcp_new_magic(l->magic);
			break;
		case LCP_OPT_AUTH:
			/* Move to the method the peer suggests, if we allow
			 * it and have not tried it; there is no "none". */
			m = lcp_parse_auth(&o);
			if (m != PPP_AUTH_NONE &&
			    (p->conf->auth_allowed & PPP_AUTHF(m)) &&
			    !(l->auth_tried & PPP_AUTHF(m))) {
				log_info("sid=%08x LCP: peer asks for %s "
				    "instead of %s", f->sid,
				    ppp_auth_method_name(m),
				    ppp_auth_method_name(l->auth));
				l->auth = m;
				l->auth_tried |= PPP_AUTHF(m);
			} else if (m != l->auth) {
				/*
				 * What it suggests we do not allow (or tried):
				 * go on with our next allowed method, as pppd;
				 * end only when none is left.
				 */
				m = lcp_first_auth(p->conf->auth_allowed,
				    l->auth_tried);
				if (m == PPP_AUTH_NONE) {
					log_info("sid=%08x LCP: peer refuses "
					    "%s and suggests nothing we allow",
					    f->sid,
					    ppp_auth_method_name(l->auth));
					ppp_fail_cause(p, "no authentication "
					    "method in common",
					    PPP_CAUSE_AUTH_REFUSED,
					    lcp_auth_value(&o),
					    p->conf->auth_allowed);
					break;
				}
				log_info("sid=%08x LCP: peer refuses %s; "
				    "trying %s", f->sid,
				    ppp_auth_method_name(l->auth),
				    ppp_auth_method_name(m));
				l->auth = m;
				l->auth_tried |= PPP_AUTHF(m);
			}
			break;
		default:
			/* Options we did not ask for: ignore (5.3). */
			break;
		}
	}
	return rv;
}

static int
lcp_rejci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	/* fsm.c checked that each option is one of ours, byte for byte. */
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		switch (o.type) {
		case LCP_OPT_MRU:
			l->req_mru = false;
			break;
		case LCP_OPT_MAGIC:
			l->req_magic = false;
			break;
		case LCP_OPT_AUTH:
			log_info("sid=%08x LCP: peer rejects authentication",
			    f->sid);
			ppp_fail_cause(p, "peer refuses to authenticate",
			    PPP_CAUSE_AUTH_REFUSED, 0, p->conf->auth_allowed);
			break;
		default:
			break;
		}
	}
	return rv;
}

static void
lcp_up(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->lcp_up(p);
}

static void
lcp_down(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->lcp_down(p);
}

static void
lcp_finished(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->lcp_finished(p);
}

static int
lcp_extcode(struct fsm *f, uint8_t code, uint8_t id, const struct rd *data)
{
	struct ppp *p = f->ctx;
	struct lcp *l = &p->lcp;
	struct rd r = *data;
	uint8_t buf[FSM_MAX_PKT];
	char text[128];
	uint32_t magic, secs;
	uint16_t proto;
	struct wr w;

	switch (code) {
	case LCP_PROTREJ:
		/* Only meaningful once LCP is open (RFC 1661 5.7). */
		if (f->state != FSM_OPENED || rd_u16(&r, &proto) != HP_OK)
			return HP_OK;
		p->ev->protrej(p, proto);
		return HP_OK;
	case LCP_ECHOREQ:
		if (f->state != FSM_OPENED || rd_u32(&r, &magic) != HP_OK)
			return HP_OK;
		if (l->magic_acked && magic == l->magic) {
			log_debug("sid=%08x LCP: echo with our own magic",
			    f->sid);
			return HP_OK;
		}
		wr_init(&w, buf, sizeof(buf));
		wr_u32(&w, l->magic_acked ? l->magic : 0);
		/* fsm_send_packet truncates to the peer's MRU. */
		wr_bytes(&w, r.p, r.left < sizeof(buf) - 8 ? r.left :
		    sizeof(buf) - 8);
		fsm_send_packet(f, LCP_ECHOREP, id, buf, w.len);
		return HP_OK;
	case LCP_ECHOREP:
		/* gre takes the Replies to its Requests; a stray one here */
		return HP_OK;
	case LCP_DISCREQ:
		return HP_OK;
	case LCP_IDENT:
		/*
		 * Windows sends two at the start, in any state ("MSRASV5.20",
		 * "MSRAS-0-<host>"): taken without an answer (RFC 1570 says
		 * none is due; a Code-Reject makes some builds retry), and
		 * only at debug level, escaped: it is the peer's text.
		 */
		if (rd_u32(&r, &magic) != HP_OK)
			return HP_OK;
		if (l->ident_logged < PPP_IDENT_LOG_MAX) {
			l->ident_logged++;
			log_sanitize(text, sizeof(text), r.p, r.left);
			log_debug("sid=%08x LCP: peer identification \"%s\"",
			    f->sid, text);
		}
		return HP_OK;
	case LCP_TIMEREM:
		if (rd_u32(&r, &magic) != HP_OK || rd_u32(&r, &secs) != HP_OK)
			return HP_OK;
		if (l->ident_logged < PPP_IDENT_LOG_MAX) {
			l->ident_logged++;
			log_sanitize(text, sizeof(text), r.p, r.left);
			log_info("sid=%08x LCP: peer time remaining %u s "
			    "\"%s\"", f->sid, secs, text);
		}
		return HP_OK;
	default:
		return HP_E_UNSUPP;
	}
}

void
lcp_send_protrej(struct ppp *p, uint16_t proto, const uint8_t *info,
    size_t len)
{
	uint8_t buf[FSM_MAX_PKT];
	struct wr w;

	if (p->lcp.fsm.state != FSM_OPENED)
		return;
	wr_init(&w, buf, sizeof(buf));
	wr_u16(&w, proto);
	/* The rejected information, truncated to what fits (5.7). */
	wr_bytes(&w, info, len < sizeof(buf) - 8 ? len : sizeof(buf) - 8);
	fsm_send_packet(&p->lcp.fsm, LCP_PROTREJ, p->lcp.fsm.id++, buf,
	    w.len);
}

/*
 * LCP is open: the data worker sends the Echo-Requests, with the
 * Magic-Number the peer acked for us, and master ends the session when
 * they go unanswered (ppp_link_dead()); ctrl sees no echo traffic.
 */
void
lcp_echo_start(struct ppp *p)
{
	struct lcp *l = &p->lcp;

	if (p->conf->echo_interval == 0 || p->cb.keepalive == NULL ||
	    l->echo_on)
		return;
	l->echo_on = true;
	p->cb.keepalive(p->arg, l->magic_acked ? l->magic : 0);
}

/*
 * LCP left Opened, which here always ends the session (ppp_lcp_down: a
 * renegotiated link would have to authenticate again), and the
 * session's end takes gre's keepalive with it: no message.  (One per
 * session would be one more that must reach master for every peer
 * that hangs up, and ten thousand hang up at once after an outage.)
 */
void
lcp_echo_stop(struct ppp *p)
{
	p->lcp.echo_on = false;
}
