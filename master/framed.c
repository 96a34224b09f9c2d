/*
 * hpptpd master: a RADIUS user's data path beyond its address (issue
 * 15) -- the Framed-Routes of its Access-Accept, checked here, put in
 * the kernel's main table via the tun and handed to gre with the MSS
 * clamp of its Framed-MTU; removed with the session.
 */
#include <sys/types.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "master/sess_dev.h"
#include "master/framed.h"
#include "master/master.h"
#include "master/netlink.h"
#include "master/pool.h"
#include "master/send.h"
#include "master/session_defs.h"

#define FRAMED_PLEN_MIN	8	/* no route wider than a /8 via a client */

static uint32_t
plen_mask(unsigned plen)
{
	return plen == 0 ? 0 : 0xffffffffU << (32 - plen);
}

/* Two prefixes (host order) share an address. */
static bool
overlap(uint32_t a, unsigned alen, uint32_t b, unsigned blen)
{
	uint32_t m = plen_mask(alen < blen ? alen : blen);

	return (a & m) == (b & m);
}

/* A pool (ranges) has an address inside net/plen. */
static bool
pool_overlaps(const struct pool *p, uint32_t net, unsigned plen)
{
	struct in_addr f, l;
	uint32_t last = net | ~plen_mask(plen);
	size_t i;

	for (i = 0; p != NULL && i < pool_range_count(p); i++)
		if (pool_range_get(p, i, &f, &l) == HP_OK &&
		    ntohl(f.s_addr) <= last && ntohl(l.s_addr) >= net)
			return true;
	return false;
}

/* Another live session's address or route inside net/plen. */
static bool
sessions_overlap(const struct master *m, const struct msess *s,
    uint32_t net, unsigned plen)
{
	const struct msess *o;
	uint32_t i, j;

	for (i = 0; i < m->nsess_top; i++) {
		o = &m->sess[i];
		if (o == s || o->state == MS_FREE)
			continue;
		if (o->ip.s_addr != 0 && overlap(net, plen,
		    ntohl(o->ip.s_addr), 32))
			return true;
		for (j = 0; j < o->nframed; j++)
			if (overlap(net, plen, ntohl(o->rad->framed[j].addr),
			    o->rad->framed[j].plen))
				return true;
	}
	return false;
}

/* Why a Framed-Route may not go via this session, or NULL. */
static const char *
route_refused(const struct master *m, const struct msess *s,
    const struct m_route *r)
{
	uint32_t net = ntohl(r->addr);

	if (r->plen < FRAMED_PLEN_MIN)
		return "wider than a /8";
	if (overlap(net, r->plen, ntohl(m->conf.local_addr.s_addr), 32))
		return "holds the local address";
	if (overlap(net, r->plen, ntohl(s->ip.s_addr), 32))
		return "holds the session's own address";
	if (pool_overlaps(m->pool, net, r->plen) ||
	    pool_overlaps(m->static_pool, net, r->plen))
		return "overlaps the pool or static-addresses";
	if (sessions_overlap(m, s, net, r->plen))
		return "overlaps another session's address or route";
	return NULL;
}

static void
route_audit(struct master *m, const struct msess *s, const struct m_route *r,
    const char *why)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &r->addr, a, sizeof(a));
	log_audit("event=framed-route-refused sid=0x%x user=\"%s\" "
	    "route=%s/%u reason=\"%s\"", s->sid, s->user, a,
	    (unsigned)r->plen, why);
	m->metrics.framed_refused++;
}

void
framed_routes_up(struct master *m, struct msess *s)
{
	struct nl *nl = NULL;
	const struct m_route *r;
	const char *why;
	uint8_t i;

	for (i = 0; i < s->nframed_req; i++) {
		r = &s->rad->framed_req[i];
		if ((why = route_refused(m, s, r)) != NULL) {
			route_audit(m, s, r, why);
			continue;
		}
		if (nl == NULL && (nl = nl_shared()) == NULL) {
			route_audit(m, s, r, "netlink: cannot open");
			continue;
		}
		if (nl_prefix_add(nl, (unsigned)sess_dev(m, s)->tun_ifindex,
		    (struct in_addr){ r->addr }, r->plen) != HP_OK) {
			route_audit(m, s, r, nl_errmsg(nl));
			continue;
		}
		s->rad->framed[s->nframed++] = *r;
		m->metrics.framed_installed++;
	}
}

void
framed_routes_down(struct master *m, struct msess *s)
{
	struct nl *nl;
	char a[INET_ADDRSTRLEN];
	uint8_t i;

	if (s->nframed == 0)
		return;
	if ((nl = nl_shared()) == NULL) {
		log_warnx("sid=0x%x: netlink: cannot open: Framed-Routes "
		    "left (flushed at the next start)", s->sid);
		s->nframed = 0;
		return;
	}
	for (i = 0; i < s->nframed; i++)
		if (nl_prefix_del(nl, (unsigned)sess_dev(m, s)->tun_ifindex,
		    (struct in_addr){ s->rad->framed[i].addr },
		    s->rad->framed[i].plen) != HP_OK) {
			inet_ntop(AF_INET, &s->rad->framed[i].addr, a,
			    sizeof(a));
			log_warnx("sid=0x%x: delete route %s/%u: %s", s->sid,
			    a, (unsigned)s->rad->framed[i].plen,
			    nl_errmsg(nl));
		}
	s->nframed = 0;
}

void
framed_send_gre(struct master *m, const struct msess *s)
{
	struct m_gre_sess_opts o;

	if (s->nframed == 0 && s->radius_mtu == 0)
		return;
	memset(&o, 0, sizeof(o));
	/* IPv4 and TCP headers without options: the clamp of that MTU */
	o.mss = s->radius_mtu == 0 ? 0 : (uint16_t)(s->radius_mtu - 40);
	o.nroutes = s->nframed;
	if (s->nframed > 0)
		memcpy(o.routes, s->rad->framed, sizeof(o.routes));
	(void)send_gre_sess_opts(m, s->gre, s->sid, &o);
}
