/*
 * hpptpd ctrl: IPCP.  We ask for our own address; the peer's address
 * is the one master assigned (any other, 0.0.0.0 included, is Nak'd);
 * DNS/NBNS are Nak'd to the configured values or rejected when none is
 * configured; VJ compression and IP-Addresses are rejected.
 */
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "common/rd.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"
#include "ctrl/ipcp.h"
#include "ctrl/ppp_local.h"

static void	ipcp_resetci(struct fsm *);
static void	ipcp_addci(struct fsm *, struct wr *);
static int	ipcp_reqci(struct fsm *, const struct rd *, struct wr *,
		    bool);
static void	ipcp_ackci(struct fsm *);
static int	ipcp_nakci(struct fsm *, const struct rd *);
static int	ipcp_rejci(struct fsm *, const struct rd *);
static void	ipcp_up(struct fsm *);
static void	ipcp_finished(struct fsm *);
static uint32_t	ipcp_conf_value(const struct ppp *, uint8_t);

const struct fsm_cb ipcp_fsm_cb = {
	.name = "IPCP",
	.proto = PPP_PROTO_IPCP,
	.resetci = ipcp_resetci,
	.addci = ipcp_addci,
	.reqci = ipcp_reqci,
	.ackci = ipcp_ackci,
	.nakci = ipcp_nakci,
	.rejci = ipcp_rejci,
	.up = ipcp_up,
	.down = NULL,
	.started = NULL,
	.finished = ipcp_finished,
	.extcode = NULL,
};

static void
ipcp_resetci(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ipcp.req_addr = p->conf->local_ip != 0;
}

static void
ipcp_addci(struct fsm *f, struct wr *w)
{
	struct ppp *p = f->ctx;

	if (p->ipcp.req_addr)
		cpopt_put_u32(w, IPCP_OPT_ADDR, p->conf->local_ip);
}

/* The configured server for a DNS/NBNS option, 0 if none. */
static uint32_t
ipcp_conf_value(const struct ppp *p, uint8_t type)
{
	switch (type) {
	case IPCP_OPT_DNS1:
		return p->dns[0];
	case IPCP_OPT_DNS2:
		return p->dns[1];
	case IPCP_OPT_NBNS1:
		return p->wins[0];
	case IPCP_OPT_NBNS2:
		return p->wins[1];
	default:
		return 0;
	}
}

static int
ipcp_reqci(struct fsm *f, const struct rd *opts, struct wr *reply,
    bool allow_nak)
{
	struct ppp *p = f->ctx;
	struct cpopt_reply cr;
	struct cpopt_iter it;
	struct cpopt o;
	uint32_t v, want;
	bool seen_addr = false;
	int rv;

	cpreply_init(&cr, reply, allow_nak);
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		switch (o.type) {
		case IPCP_OPT_ADDR:
			if (cpopt_val_u32(&o, &v) != HP_OK) {
				cpreply_rej(&cr, &o);
				break;
			}
			seen_addr = true;
			if (v != p->peer_ip)
				cpreply_nak_u32(&cr, &o, p->peer_ip);
			break;
		case IPCP_OPT_DNS1:
		case IPCP_OPT_DNS2:
		case IPCP_OPT_NBNS1:
		case IPCP_OPT_NBNS2:
			want = ipcp_conf_value(p, o.type);
			if (want == 0 || cpopt_val_u32(&o, &v) != HP_OK)
				cpreply_rej(&cr, &o);
			else if (v != want)
				cpreply_nak_u32(&cr, &o, want);
			break;
		default:
			/* IP-Addresses, VJ compression, anything else. */
			cpreply_rej(&cr, &o);
			break;
		}
	}
	if (rv < 0)
		return rv;
	if (!seen_addr && !allow_nak) {
		/*
		 * Naks spent and still no address: an Ack would open IPCP
		 * with a client that never took its address (pppd ends the
		 * link too: "Could not determine remote IP address").
		 */
		log_info("sid=%08x IPCP: peer does not take %u.%u.%u.%u",
		    f->sid, p->peer_ip >> 24, (p->peer_ip >> 16) & 0xff,
		    (p->peer_ip >> 8) & 0xff, p->peer_ip & 0xff);
		ppp_fail(p, "peer refuses the assigned address");
		return HP_E_FIELD;
	}
	if (!seen_addr) {
		/* The peer must take the assigned address: suggest it. */
		uint8_t b[4] = { (uint8_t)(p->peer_ip >> 24),
		    (uint8_t)(p->peer_ip >> 16), (uint8_t)(p->peer_ip >> 8),
		    (uint8_t)p->peer_ip };

		cpreply_nak_new(&cr, IPCP_OPT_ADDR, b, sizeof(b));
	}
	return cpreply_finish(&cr);
}

static void
ipcp_ackci(struct fsm *f)
{
}

static int
ipcp_nakci(struct fsm *f, const struct rd *opts)
{
	struct cpopt_iter it;
	struct cpopt o;
	uint32_t v;
	int rv;

	/*
	 * Our address is fixed by the config, so a suggestion for it is
	 * not taken (the bounded Nak loop ends the exchange); options we
	 * did not ask for, such as an extra address, are ignored.
	 */
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type == IPCP_OPT_ADDR &&
		    cpopt_val_u32(&o, &v) != HP_OK)
			return HP_E_BADLEN;
	}
	return rv;
}

static int
ipcp_rejci(struct fsm *f, const struct rd *opts)
{
	struct ppp *p = f->ctx;
	bool rejected;
	int rv;

	if ((rv = cpopt_has(opts, IPCP_OPT_ADDR, &rejected)) == 0 &&
	    rejected)
		p->ipcp.req_addr = false;
	return rv;
}

static void
ipcp_up(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ipcp_up(p);
}

static void
ipcp_finished(struct fsm *f)
{
	struct ppp *p = f->ctx;

	p->ev->ipcp_finished(p);
}
