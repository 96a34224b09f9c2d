/*
 * hpptpd gre: RADIUS Framed-Routes (framed.h).  A flat list: sessions
 * with routes are few, and it is walked only for addresses that are no
 * session's own (the hash finds those), so the common path costs
 * nothing.  Master checked the routes (disjoint, none holding a
 * session's address or the pool).
 */
#include <arpa/inet.h>

#include "common/err.h"
#include "gre/framed.h"

int
gre_framed_set(struct gre_table *t, struct gre_sess *s,
    const struct m_route *r, unsigned n)
{
	unsigned i;

	gre_sess_framed_clear(t, s);
	if (n > GRE_FRAMED_MAX - t->nframed)
		return HP_E_NOMEM;
	for (i = 0; i < n; i++) {
		t->framed[t->nframed].mask = r[i].plen == 0 ? 0 :
		    0xffffffffU << (32 - r[i].plen);
		t->framed[t->nframed].net = ntohl(r[i].addr) &
		    t->framed[t->nframed].mask;
		t->framed[t->nframed].idx = s->idx;
		t->nframed++;
	}
	s->nframed = (uint8_t)n;
	return HP_OK;
}

struct gre_sess *
gre_sess_by_dst(const struct gre_table *t, uint32_t dst)
{
	struct gre_sess *s;
	uint32_t i;

	if ((s = gre_sess_by_addr(t, dst)) != NULL)
		return s;
	for (i = 0; i < t->nframed; i++)
		if ((dst & t->framed[i].mask) == t->framed[i].net)
			return &t->sess[t->framed[i].idx];
	return NULL;
}

bool
gre_framed_src_ok(const struct gre_table *t, const struct gre_sess *s,
    uint32_t src)
{
	uint32_t i;

	if (s->inner_addr != 0 && src == s->inner_addr)
		return true;
	for (i = 0; s->nframed != 0 && i < t->nframed; i++)
		if (t->framed[i].idx == s->idx &&
		    (src & t->framed[i].mask) == t->framed[i].net)
			return true;
	return false;
}
