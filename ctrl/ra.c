/*
 * hpptpd ctrl: router advertisements on one session's link (RFC 4861
 * 6.2), once master has told ctrl the session's /64 and IPV6CP is open.
 * ppp.c calls in; nd6.c builds and parses the packets.
 *
 *  - unsolicited: one when IPV6CP opens, RA_INITIAL in all RA_INITIAL_MS
 *    apart (6.2.4 allows up to 16 s), then one every RA_INTERVAL_MS;
 *  - solicited: a valid Router Solicitation is answered at once, unless
 *    an advertisement went less than RA_MIN_DELAY_MS ago (6.2.6
 *    MIN_DELAY_BETWEEN_RAS): then the next one is brought forward to
 *    that time, so a client flooding solicitations gets one RA per 3 s.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/nd6.h"
#include "ctrl/ppp_local.h"

#define RA_INITIAL		3
#define RA_INITIAL_MS		4000
#define RA_INTERVAL_MS		200000	/* MaxRtrAdvInterval 600 s */
#define RA_MIN_DELAY_MS		3000
#define RA_LOG_MAX		4	/* bad solicitations logged */

static void	ra_send(struct ppp *);
static bool	ra_on(const struct ppp *);

static bool
ra_on(const struct ppp *p)
{
	return p->ra.have_prefix && p->ipv6cp.fsm.state == FSM_OPENED;
}

static void
ra_send(struct ppp *p)
{
	struct nd6_ra_conf c;
	uint8_t out[ND6_RA_MAX];
	size_t n = 0;
	unsigned i;

	memset(&c, 0, sizeof(c));
	memcpy(c.prefix, p->ra.prefix, sizeof(c.prefix));
	memcpy(c.ours, p->ipv6cp.ours, sizeof(c.ours));
	/* the link MTU the peer may use towards us: our MRU (ppp_mru()) */
	c.mtu = p->lcp.req_mru ? p->lcp.mru : PPP_MAX_MRU;
	/* push-route6: a split tunnel, so the server is no default router */
	c.router_lifetime = p->conf->nroutes6 > 0 ? 0 : ND6_ROUTER_LIFETIME;
	/* DNS servers to tell: Windows asks DHCPv6 for them (info6.c) */
	c.other_config = p->conf->ndns6 > 0;
	c.ndns = p->conf->ndns6 < ND6_DNS_MAX ? p->conf->ndns6 : ND6_DNS_MAX;
	memcpy(c.dns, p->conf->dns6, sizeof(c.dns));
	c.nroutes = p->conf->nroutes6 < ND6_ROUTES_MAX ? p->conf->nroutes6 :
	    ND6_ROUTES_MAX;
	for (i = 0; i < c.nroutes; i++) {
		memcpy(c.routes[i].prefix, p->conf->routes6[i].prefix, 16);
		c.routes[i].plen = p->conf->routes6[i].plen;
	}
	if (nd6_build_ra(&c, NULL, out, sizeof(out), &n) != HP_OK)
		return;		/* cannot happen: ND6_RA_MAX holds it */
	ppp_send(p, PPP_PROTO_IPV6, out, n);
	p->ra.last = p->now;
	if (p->ra.initial < RA_INITIAL)
		p->ra.initial++;
	p->ra.next = p->now + (p->ra.initial < RA_INITIAL ? RA_INITIAL_MS :
	    RA_INTERVAL_MS);
}

void
ra_start(struct ppp *p)
{
	if (!p->ra.have_prefix)
		return;
	p->ra.initial = 0;
	ra_send(p);
	log_info("sid=%08x RA: advertising the session's /64", p->sid);
}

void
ra_stop(struct ppp *p)
{
	p->ra.next = 0;
}

int
ra_input(struct ppp *p, const uint8_t *pkt, size_t len)
{
	struct nd6_rs rs;
	int rv;

	if (!ra_on(p))
		return HP_E_AGAIN;
	if ((rv = nd6_parse_rs(pkt, len, &rs)) != HP_OK) {
		if (p->ra.logged < RA_LOG_MAX) {
			p->ra.logged++;
			log_info("sid=%08x RA: IPv6 packet dropped: %s",
			    p->sid, hp_strerror(rv));
		}
		return rv;
	}
	if (p->ra.last != 0 && p->now - p->ra.last < RA_MIN_DELAY_MS) {
		uint64_t at = p->ra.last + RA_MIN_DELAY_MS;

		if (p->ra.next == 0 || at < p->ra.next)
			p->ra.next = at;
		return HP_OK;
	}
	ra_send(p);
	return HP_OK;
}

void
ra_timeout(struct ppp *p, uint64_t now)
{
	if (p->ra.next == 0 || now < p->ra.next)
		return;
	if (!ra_on(p)) {
		p->ra.next = 0;
		return;
	}
	ra_send(p);
}

uint64_t
ra_deadline(const struct ppp *p)
{
	return p->ra.next;
}
