/*
 * hpptpd ctrl: CCP with MPPE.
 *
 * Windows proposes several strength bits at once (L, M, S, maybe H and
 * C); we Nak with one strength, the strongest the config allows, plus H
 * (stateless) unless stateful is allowed and the peer did not ask for
 * H.  Every other compression option is rejected.
 *
 * Direction (RFC 1962, and what the Linux kernel does in ppp_ccp_peek):
 * a Configure-Request names what its sender will *receive*.  So the
 * peer's request, once we ack it, is our send mode, told before our
 * Configure-Ack leaves; our request, once the peer acks it, is our
 * receive mode.  We ask for stateless (H) first: stateful only when the
 * config allows it and the peer insists (Naks H away).
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/ccp.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"
#include "ctrl/ppp_local.h"

static void	ccp_resetci(struct fsm *);
static void	ccp_addci(struct fsm *, struct wr *);
static int	ccp_reqci(struct fsm *, const struct rd *, struct wr *, bool);
static void	ccp_ackci(struct fsm *);
static int	ccp_nakci(struct fsm *, const struct rd *);
static int	ccp_rejci(struct fsm *, const struct rd *);
static void	ccp_up(struct fsm *);
static void	ccp_down(struct fsm *);
static void	ccp_finished(struct fsm *);
static int	ccp_extcode(struct fsm *, uint8_t, uint8_t, const struct rd *);
static uint32_t	ccp_choose(const struct ppp *, uint32_t);
static void	ccp_set_rx(struct ppp *, uint32_t);
static void	ccp_set_tx(struct ppp *, uint32_t);

const struct fsm_cb ccp_fsm_cb = {
	.name = "CCP",
	.proto = PPP_PROTO_CCP,
	.resetci = ccp_resetci,
	.addci = ccp_addci,
	.reqci = ccp_reqci,
	.ackci = ccp_ackci,
	.nakci = ccp_nakci,
	.rejci = ccp_rejci,
	.up = ccp_up,
	.down = ccp_down,
	.started = NULL,
	.finished = ccp_finished,
	.extcode = ccp_extcode,
};

uint32_t
ccp_allowed_bits(uint8_t mppe_allowed)
{
	uint32_t b = 0;

	if (mppe_allowed & PPP_MPPE_128)
		b |= MPPE_BIT_S;
	if (mppe_allowed & PPP_MPPE_56)
		b |= MPPE_BIT_M;
	if (mppe_allowed & PPP_MPPE_40)
		b |= MPPE_BIT_L;
	return b;
}

uint32_t
ccp_strongest(uint32_t bits)
{
	if (bits & MPPE_BIT_S)
		return MPPE_BIT_S;
	if (bits & MPPE_BIT_M)
		return MPPE_BIT_M;
	if (bits & MPPE_BIT_L)
		return MPPE_BIT_L;
	return 0;
}

uint32_t
ccp_our_bits(const struct ppp *p)
{
	return ccp_allowed_bits(p->conf->mppe_allowed) |
	    (p->conf->mppe_stateful ? 0 : MPPE_BIT_H);
}

/* The peer's MPPE wish, for the report if CCP never opens. */
static void
ccp_note_peer(struct ppp *p, uint32_t v)
{
	p->ccp.peer_bits = v & (MPPE_BIT_H | MPPE_BIT_L | MPPE_BIT_M |
	    MPPE_BIT_S);
	p->ccp.peer_asked = true;
}

/*
 * The one value we accept for peer bits: a single strength (the
 * strongest we allow among those offered, else the strongest we allow)
 * and H unless stateful is allowed and the peer did not ask for H.
 */
static uint32_t
ccp_choose(const struct ppp *p, uint32_t peer)
{
	uint32_t allowed = ccp_allowed_bits(p->conf->mppe_allowed);
	uint32_t s = ccp_strongest(peer & allowed);

	if (s == 0)
		s = ccp_strongest(allowed);
	if (!p->conf->mppe_stateful || (peer & MPPE_BIT_H))
		s |= MPPE_BIT_H;
	return s;
}

static void
ccp_set_rx(struct ppp *p, uint32_t bits)
{
	if (p->ccp.rx_bits == bits)
		return;
	p->ccp.rx_bits = bits;
	log_debug("sid=%08x CCP: receive MPPE bits 0x%08x", p->sid, bits);
	if (p->cb.ccp_rx_mode != NULL)
		p->cb.ccp_rx_mode(p->arg, bits);
}

static void
ccp_set_tx(struct ppp *p, uint32_t bits)
{
	if (p->ccp.tx_bits == bits)
		return;
	p->ccp.tx_bits = bits;
	log_debug("sid=%08x CCP: send MPPE bits 0x%08x", p->sid, bits);
	if (p->cb.ccp_tx_mode != NULL)
		p->cb.ccp_tx_mode(p->arg, bits);
}

static void
ccp_resetci(struct fsm *f)
{
	struct ppp *p = f->ctx;

	/*
	 * Offer every strength we allow, as pppd does: a peer limited to
	 * one (pppd's require-mppe-40) Naks down to it, where a request
	 * for another single strength makes it give up.  Stateless is
	 * preferred: stateful only if the peer Naks H away.
	 */
	p->ccp.want = ccp_allowed_bits(p->conf->mppe_allowed) | MPPE_BIT_H;
	p->ccp.req_mppe = (p->ccp.want & ~MPPE_BIT_H) != 0;
}

static void
ccp_addci(struct fsm *f, struct wr *w)
{
	struct ppp *p = f->ctx;

	if (p->ccp.req_mppe)
		cpopt_put_u32(w, CCP_OPT_MPPE, p->ccp.want);
}

static int
ccp_reqci(struct fsm *f, const struct rd *opts, struct wr *reply,
    bool allow_nak)
{
	struct ppp *p = f->ctx;
	struct cpopt_reply cr;
	struct cpopt_iter it;
	struct cpopt o;
	uint32_t v, want, rx = 0;
	bool seen = false;
	int rv;

	cpreply_init(&cr, reply, allow_nak);
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type != CCP_OPT_MPPE ||
		    cpopt_val_u32(&o, &v) != HP_OK) {
			/* Deflate, BSD, MPPC alone, Predictor...: no. */
			cpreply_rej(&cr, &o);
			continue;
		}
		seen = true;
		ccp_note_peer(p, v);
		want = ccp_choose(p, v);
		if (v == want)
			rx = v;
		else
			cpreply_nak_u32(&cr, &o, want);
	}
	if (rv < 0)
		return rv;
	if (!seen && p->conf->mppe_required) {
		/* Tell the peer what it has to ask for (RFC 1661 5.3). */
		uint8_t b[4];

		want = ccp_choose(p, MPPE_BIT_H);
		b[0] = (uint8_t)(want >> 24);
		b[1] = (uint8_t)(want >> 16);
		b[2] = (uint8_t)(want >> 8);
		b[3] = (uint8_t)want;
		cpreply_nak_new(&cr, CCP_OPT_MPPE, b, sizeof(b));
	}
	rv = cpreply_finish(&cr);
	/* the peer's request is how we send; gre learns it before the Ack */
	if (rv == CP_CONFACK)
		ccp_set_tx(p, rx);
	return rv;
}

static void
ccp_ackci(struct fsm *f)
{
	struct ppp *p = f->ctx;

	/*
	 * Our request, acked, is how the peer sends to us.  Acked with
	 * several strengths it means the strongest (as Linux's ppp_mppe
	 * reads it).
	 */
	ccp_set_rx(p, p->ccp.req_mppe ? (p->ccp.want & MPPE_BIT_H) |
	    ccp_strongest(p->ccp.want) : 0);
}

static int
ccp_nakci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	struct cpopt_iter it;
	struct cpopt o;
	uint32_t v, allowed = ccp_allowed_bits(p->conf->mppe_allowed);
	int rv;

	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type != CCP_OPT_MPPE)
			continue;
		if (cpopt_val_u32(&o, &v) != HP_OK)
			return HP_E_BADLEN;
		if ((v & allowed) == 0) {
			log_info("sid=%08x CCP: peer wants MPPE 0x%08x, none "
			    "of it allowed", f->sid, v);
			ccp_note_peer(p, v);
			if (p->conf->mppe_required)
				ppp_fail_cause(p, "MPPE strength not allowed",
				    PPP_CAUSE_CCP_REFUSED, p->ccp.peer_bits,
				    ccp_our_bits(p));
			p->ccp.req_mppe = false;
			continue;
		}
		p->ccp.want = ccp_choose(p, v);
		p->ccp.req_mppe = true;
	}
	return rv;
}

static int
ccp_rejci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type != CCP_OPT_MPPE)
			continue;
		p->ccp.req_mppe = false;
		log_info("sid=%08x CCP: peer rejects MPPE", f->sid);
		if (p->conf->mppe_required)
			ppp_fail_cause(p, "peer refused MPPE",
			    PPP_CAUSE_CCP_REFUSED, 0, ccp_our_bits(p));
	}
	return rv;
}

static void
ccp_up(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ccp_up(p);
}

static void
ccp_down(struct fsm *f)
{
	struct ppp *p = f->ctx;

	ccp_set_rx(p, 0);
	ccp_set_tx(p, 0);
}

static void
ccp_finished(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ccp_finished(p);
}

static int
ccp_extcode(struct fsm *f, uint8_t code, uint8_t id, const struct rd *data)
{
	/* gre answers these; if one strays here it is not an error. */
	if (code == CCP_RESETREQ || code == CCP_RESETACK)
		return HP_OK;
	return HP_E_UNSUPP;
}
