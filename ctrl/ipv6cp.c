/*
 * hpptpd ctrl: IPV6CP (RFC 5072) on the RFC 1661 automaton.
 *
 * The identifiers only build the link-local addresses fe80::/64 + id on
 * both ends; what the peer may send from is decided by master and gre
 * once IPV6CP is up, so a bad identifier costs the peer its own link,
 * nothing more.  Ours is drawn once per session (ppp_create), so a
 * renegotiation keeps the router address the client already knows.
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"
#include "ctrl/ipv6cp.h"
#include "ctrl/ppp_local.h"

static void	ipv6cp_resetci(struct fsm *);
static void	ipv6cp_addci(struct fsm *, struct wr *);
static int	ipv6cp_reqci(struct fsm *, const struct rd *, struct wr *,
		    bool);
static void	ipv6cp_ackci(struct fsm *);
static int	ipv6cp_nakci(struct fsm *, const struct rd *);
static int	ipv6cp_rejci(struct fsm *, const struct rd *);
static void	ipv6cp_up(struct fsm *);
static void	ipv6cp_down(struct fsm *);
static void	ipv6cp_finished(struct fsm *);
static int	ipv6cp_val_ifid(const struct cpopt *, uint8_t *);
static void	ipv6cp_req_ifid(struct ppp *, struct cpopt_reply *,
		    const struct cpopt *, bool *);

const struct fsm_cb ipv6cp_fsm_cb = {
	.name = "IPV6CP",
	.proto = PPP_PROTO_IPV6CP,
	.resetci = ipv6cp_resetci,
	.addci = ipv6cp_addci,
	.reqci = ipv6cp_reqci,
	.ackci = ipv6cp_ackci,
	.nakci = ipv6cp_nakci,
	.rejci = ipv6cp_rejci,
	.up = ipv6cp_up,
	.down = ipv6cp_down,
	.started = NULL,
	.finished = ipv6cp_finished,
	.extcode = NULL,
};

bool
ipv6cp_ifid_zero(const uint8_t id[IPV6CP_IFID_LEN])
{
	static const uint8_t zero[IPV6CP_IFID_LEN];

	return memcmp(id, zero, IPV6CP_IFID_LEN) == 0;
}

void
ipv6cp_ifid_pick(uint8_t out[IPV6CP_IFID_LEN],
    const uint8_t preferred[IPV6CP_IFID_LEN],
    const uint8_t avoid[IPV6CP_IFID_LEN])
{
	if (preferred != NULL && !ipv6cp_ifid_zero(preferred) &&
	    memcmp(preferred, avoid, IPV6CP_IFID_LEN) != 0) {
		memcpy(out, preferred, IPV6CP_IFID_LEN);
		return;
	}
	do {
		ppp_random(out, IPV6CP_IFID_LEN);
		/*
		 * Clear the universal/local bit (RFC 4291 appendix A): a
		 * random identifier is not a globally unique EUI-64.
		 */
		out[0] &= (uint8_t)~0x02;
	} while (ipv6cp_ifid_zero(out) ||
	    memcmp(out, avoid, IPV6CP_IFID_LEN) == 0);
}

static void
ipv6cp_resetci(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ipv6cp.req_ifid = true;
	p->ipv6cp.peer_ok = false;
}

static void
ipv6cp_addci(struct fsm *f, struct wr *w)
{
	struct ppp *p = f->ctx;

	if (p->ipv6cp.req_ifid)
		cpopt_put(w, IPV6CP_OPT_IFID, p->ipv6cp.ours,
		    IPV6CP_IFID_LEN);
}

/* The option's value, which must be exactly 8 bytes. */
static int
ipv6cp_val_ifid(const struct cpopt *o, uint8_t *id)
{
	struct rd r = o->val;

	memset(id, 0, IPV6CP_IFID_LEN);
	if (r.left != IPV6CP_IFID_LEN)
		return HP_E_BADLEN;
	return rd_bytes(&r, id, IPV6CP_IFID_LEN);
}

/*
 * RFC 5072 4.1: a zero identifier, or ours, is Nak'd with one we
 * suggest; anything else is the peer's from now on (if we Ack).
 */
static void
ipv6cp_req_ifid(struct ppp *p, struct cpopt_reply *cr,
    const struct cpopt *o, bool *seen)
{
	uint8_t id[IPV6CP_IFID_LEN], sugg[IPV6CP_IFID_LEN];

	if (ipv6cp_val_ifid(o, id) != HP_OK) {
		cpreply_rej(cr, o);
		return;
	}
	*seen = true;
	if (ipv6cp_ifid_zero(id) ||
	    memcmp(id, p->ipv6cp.ours, IPV6CP_IFID_LEN) == 0) {
		ipv6cp_ifid_pick(sugg, p->conf->ipv6_remote_ifid,
		    p->ipv6cp.ours);
		cpreply_nak(cr, o, sugg, sizeof(sugg));
		return;
	}
	memcpy(p->ipv6cp.cand, id, IPV6CP_IFID_LEN);
}

static int
ipv6cp_reqci(struct fsm *f, const struct rd *opts, struct wr *reply,
    bool allow_nak)
{
	struct ppp *p = f->ctx;
	uint8_t sugg[IPV6CP_IFID_LEN];
	struct cpopt_reply cr;
	struct cpopt_iter it;
	struct cpopt o;
	bool seen = false;
	int rv;

	memset(p->ipv6cp.cand, 0, sizeof(p->ipv6cp.cand));
	cpreply_init(&cr, reply, allow_nak);
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type == IPV6CP_OPT_IFID)
			ipv6cp_req_ifid(p, &cr, &o, &seen);
		else
			cpreply_rej(&cr, &o);	/* compression, others */
	}
	if (rv < 0)
		return rv;
	if (!seen && !allow_nak) {
		/*
		 * Naks spent and the peer still names no identifier: we
		 * could not tell its link-local address, so we do not
		 * Ack; it gives up after its own max-configure and IPv4
		 * stays up.
		 */
		log_info("sid=%08x IPV6CP: peer names no interface id",
		    f->sid);
		return HP_E_FIELD;
	}
	if (!seen) {
		ipv6cp_ifid_pick(sugg, p->conf->ipv6_remote_ifid,
		    p->ipv6cp.ours);
		cpreply_nak_new(&cr, IPV6CP_OPT_IFID, sugg, sizeof(sugg));
	}
	rv = cpreply_finish(&cr);
	if (rv == CP_CONFACK) {
		memcpy(p->ipv6cp.peer, p->ipv6cp.cand, IPV6CP_IFID_LEN);
		p->ipv6cp.peer_ok = true;
	}
	return rv;
}

static void
ipv6cp_ackci(struct fsm *f)
{
}

/*
 * The peer suggests another identifier for us (it saw a collision):
 * take it unless it is zero or the peer's own, else draw a new one.
 */
static int
ipv6cp_nakci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	uint8_t id[IPV6CP_IFID_LEN];
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type != IPV6CP_OPT_IFID)
			continue;	/* options we did not ask for */
		if (ipv6cp_val_ifid(&o, id) != HP_OK)
			return HP_E_BADLEN;
		ipv6cp_ifid_pick(p->ipv6cp.ours, id,
		    p->ipv6cp.peer_ok ? p->ipv6cp.peer : p->ipv6cp.cand);
	}
	return rv;
}

static int
ipv6cp_rejci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	bool rejected;
	int rv;

	if ((rv = cpopt_has(opts, IPV6CP_OPT_IFID, &rejected)) == 0 &&
	    rejected)
		p->ipv6cp.req_ifid = false;
	return rv;
}

static void
ipv6cp_up(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ipv6cp_up(p);
}

static void
ipv6cp_down(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ipv6cp.peer_ok = false;
}

static void
ipv6cp_finished(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ipv6cp_finished(p);
}
