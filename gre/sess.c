/* hpptpd gre: session table with O(1) demux and no per-packet allocation. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "gre/sess.h"

#define MAP_EMPTY	0

static int	map_init(struct gre_map *, uint32_t);
static void	map_fini(struct gre_map *);
static uint32_t	map_hash(const struct gre_map *, uint64_t);
static int	map_find(const struct gre_map *, uint64_t, uint16_t *);
static int	map_insert(struct gre_map *, uint64_t, uint16_t);
static void	map_remove(struct gre_map *, uint64_t);

static int
map_init(struct gre_map *m, uint32_t max)
{
	uint32_t	cap = 16;

	/* At most half full keeps probe sequences short. */
	while (cap < 2 * max)
		cap <<= 1;
	m->key = calloc(cap, sizeof(*m->key));
	m->val = calloc(cap, sizeof(*m->val));
	if (m->key == NULL || m->val == NULL)
		return HP_E_NOMEM;
	m->mask = cap - 1;
	return HP_OK;
}

static void
map_fini(struct gre_map *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

static uint32_t
map_hash(const struct gre_map *m, uint64_t key)
{
	/* a /64 folded to 32 bits; IPv4 addresses and sids stay as they are */
	uint32_t k = (uint32_t)(key ^ (key >> 32));

	/* Fibonacci hashing mixes addresses that differ in low bits. */
	k *= 0x9e3779b1u;
	return (k ^ (k >> 16)) & m->mask;
}

static int
map_find(const struct gre_map *m, uint64_t k, uint16_t *v)
{
	uint32_t	i;

	if (k == MAP_EMPTY)
		return HP_E_NOTFOUND;
	for (i = map_hash(m, k); m->key[i] != MAP_EMPTY; i = (i + 1) & m->mask)
		if (m->key[i] == k) {
			*v = m->val[i];
			return HP_OK;
		}
	return HP_E_NOTFOUND;
}

static int
map_insert(struct gre_map *m, uint64_t k, uint16_t v)
{
	uint32_t	i;

	if (k == MAP_EMPTY)
		return HP_E_RANGE;
	for (i = map_hash(m, k); m->key[i] != MAP_EMPTY; i = (i + 1) & m->mask)
		if (m->key[i] == k)
			return HP_E_DUP;
	m->key[i] = k;
	m->val[i] = v;
	return HP_OK;
}

static void
map_remove(struct gre_map *m, uint64_t k)
{
	uint32_t	i, j, h;

	if (k == MAP_EMPTY)
		return;
	for (i = map_hash(m, k); m->key[i] != k; i = (i + 1) & m->mask)
		if (m->key[i] == MAP_EMPTY)
			return;
	/* Backward-shift deletion: no tombstones, lookups stay short. */
	for (j = (i + 1) & m->mask; m->key[j] != MAP_EMPTY;
	    j = (j + 1) & m->mask) {
		h = map_hash(m, m->key[j]);
		/* Move j into the hole at i unless its home lies in (i, j]. */
		if (((j - h) & m->mask) >= ((j - i) & m->mask)) {
			m->key[i] = m->key[j];
			m->val[i] = m->val[j];
			i = j;
		}
	}
	m->key[i] = MAP_EMPTY;
	m->val[i] = 0;
}

int
gre_table_init(struct gre_table *t, uint32_t max)
{
	uint32_t	i;

	memset(t, 0, sizeof(*t));
	if (max == 0 || max > GRE_SESS_MAX)
		return HP_E_RANGE;
	t->sess = calloc(max, sizeof(*t->sess));
	t->free = calloc(max, sizeof(*t->free));
	t->live = calloc(max, sizeof(*t->live));
	t->live_at = calloc(max, sizeof(*t->live_at));
	t->by_call = calloc(65536, sizeof(*t->by_call));
	if (t->sess == NULL || t->free == NULL || t->live == NULL ||
	    t->live_at == NULL || t->by_call == NULL ||
	    heap_init(&t->timers, max) != HP_OK ||
	    map_init(&t->by_addr, max) != HP_OK ||
	    map_init(&t->by_sid, max) != HP_OK ||
	    map_init(&t->by_prefix6, max) != HP_OK ||
	    map_init(&t->peers, max) != HP_OK) {
		gre_table_fini(t, NULL);
		return HP_E_NOMEM;
	}
	t->max = max;
	t->reorder_win = SEQ_WIN_DEFAULT;
	t->reorder_ms = SEQ_HOLD_MS;
	for (i = 0; i < max; i++)
		t->free[i] = (uint16_t)(max - 1 - i);
	t->nfree = max;
	return HP_OK;
}

void
gre_table_fini(struct gre_table *t, struct gre_pool *pool)
{
	uint32_t	i;

	if (t->sess != NULL && t->live != NULL) {
		/* keys and RC4 state live only in used slots */
		while (t->max - t->nfree > 0) {
			i = t->live[t->max - t->nfree - 1];
			if (pool != NULL)
				gre_sess_remove(t, pool, &t->sess[i]);
			else {
				mppe_wipe(&t->sess[i].tx);
				mppe_wipe(&t->sess[i].rx);
				explicit_bzero(&t->sess[i], sizeof(t->sess[i]));
				t->nfree++;
			}
		}
	}
	free(t->sess);
	free(t->free);
	free(t->live);
	free(t->live_at);
	free(t->by_call);
	heap_fini(&t->timers);
	map_fini(&t->by_addr);
	map_fini(&t->by_sid);
	map_fini(&t->by_prefix6);
	map_fini(&t->peers);
	memset(t, 0, sizeof(*t));
}

uint32_t
gre_table_count(const struct gre_table *t)
{
	return t->max - t->nfree;
}

struct gre_sess *
gre_table_live(const struct gre_table *t, uint32_t i)
{
	return i < t->max - t->nfree ? &t->sess[t->live[i]] : NULL;
}

int
gre_sess_add(struct gre_table *t, const struct gre_sess_conf *c,
    struct gre_sess **out)
{
	struct gre_sess	*s;
	uint16_t	 idx, dummy;

	static const uint8_t zero6[16];

	*out = NULL;
	if (c->sid == 0 || (c->peer_is6 ? c->peer_addr != 0 ||
	    memcmp(c->peer_addr6, zero6, sizeof(zero6)) == 0 :
	    c->peer_addr == 0))
		return HP_E_RANGE;
	if (t->by_call[c->call_id] != 0 ||
	    map_find(&t->by_sid, c->sid, &dummy) == HP_OK)
		return HP_E_DUP;
	if (t->nfree == 0)
		return HP_E_NOMEM;
	t->live_at[idx = t->free[t->nfree - 1]] =
	    (uint16_t)(t->max - t->nfree);
	t->live[t->max - t->nfree] = idx;
	t->nfree--;
	s = &t->sess[idx];
	memset(s, 0, sizeof(*s));
	s->sid = c->sid;
	s->idx = idx;
	s->call_id = c->call_id;
	s->peer_call_id = c->peer_call_id;
	s->peer_addr = c->peer_addr;
	s->peer_is6 = c->peer_is6;
	memcpy(s->peer_addr6, c->peer_addr6, sizeof(s->peer_addr6));
	seq_init(&s->seq, c->peer_rwin, t->reorder_win, t->reorder_ms);
	(void)map_insert(&t->by_sid, c->sid, idx);	/* checked above */
	t->by_call[c->call_id] = (uint16_t)(idx + 1);
	*out = s;
	return HP_OK;
}

void
gre_sess_remove(struct gre_table *t, struct gre_pool *pool,
    struct gre_sess *s)
{
	uint16_t	last;

	if (s->sid == 0)
		return;
	gre_sess_disarm(t, s);
	gre_sess_framed_clear(t, s);
	seq_reset(&s->seq, pool);
	map_remove(&t->by_sid, s->sid);
	map_remove(&t->by_addr, s->inner_addr);
	map_remove(&t->by_prefix6, s->prefix6);
	t->by_call[s->call_id] = 0;
	/* the last in use takes its place in the dense list */
	last = t->live[t->max - t->nfree - 1];
	t->live[t->live_at[s->idx]] = last;
	t->live_at[last] = t->live_at[s->idx];
	t->free[t->nfree++] = s->idx;
	/* Keys, RC4 state and start keys go with the rest. */
	mppe_wipe(&s->tx);
	mppe_wipe(&s->rx);
	explicit_bzero(s, sizeof(*s));
}

void
gre_sess_framed_clear(struct gre_table *t, struct gre_sess *s)
{
	uint32_t i = 0;

	if (s->nframed == 0)
		return;
	while (i < t->nframed) {
		if (t->framed[i].idx == s->idx)
			t->framed[i] = t->framed[--t->nframed];
		else
			i++;
	}
	s->nframed = 0;
}

int
gre_sess_set_addr(struct gre_table *t, struct gre_sess *s, uint32_t addr)
{
	uint16_t	idx;
	int		e;

	if (addr == s->inner_addr)
		return HP_OK;
	if (addr != 0 && map_find(&t->by_addr, addr, &idx) == HP_OK)
		return HP_E_DUP;
	map_remove(&t->by_addr, s->inner_addr);
	s->inner_addr = 0;
	if (addr != 0) {
		if ((e = map_insert(&t->by_addr, addr, s->idx)) != HP_OK)
			return e;
		s->inner_addr = addr;
	}
	return HP_OK;
}

int
gre_sess_set_prefix6(struct gre_table *t, struct gre_sess *s, uint64_t p)
{
	uint16_t	idx;
	int		e;

	if (p == s->prefix6)
		return HP_OK;
	if (p != 0 && map_find(&t->by_prefix6, p, &idx) == HP_OK)
		return HP_E_DUP;
	map_remove(&t->by_prefix6, s->prefix6);
	s->prefix6 = 0;
	if (p != 0) {
		if ((e = map_insert(&t->by_prefix6, p, s->idx)) != HP_OK)
			return e;
		s->prefix6 = p;
	}
	return HP_OK;
}

void
gre_sess_set_link(struct gre_sess *s, bool acfc, bool pfc, uint16_t mss,
    bool require_mppe)
{
	s->acfc = acfc;
	s->pfc = pfc;
	/* a RADIUS Framed-MTU only lowers the clamp (or sets one) */
	s->mss = s->mss_max != 0 && (mss == 0 || mss > s->mss_max) ?
	    s->mss_max : mss;
	s->require_mppe = require_mppe;
}

void
gre_sess_set_keys(struct gre_sess *s, const uint8_t send_start[MPPE_KEY_MAX],
    const uint8_t recv_start[MPPE_KEY_MAX])
{
	memcpy(s->send_start, send_start, MPPE_KEY_MAX);
	memcpy(s->recv_start, recv_start, MPPE_KEY_MAX);
	s->keys_set = true;
}

int
gre_sess_set_mppe(struct gre_sess *s, enum mppe_strength strength,
    bool stateless)
{
	int	e;

	if (!s->keys_set)
		return HP_E_PERM;
	mppe_wipe(&s->tx);
	mppe_wipe(&s->rx);
	if ((e = mppe_init(&s->tx, s->send_start, strength, stateless)) !=
	    HP_OK || (e = mppe_init(&s->rx, s->recv_start, strength,
	    stateless)) != HP_OK) {
		mppe_wipe(&s->tx);
		mppe_wipe(&s->rx);
		return e;
	}
	return HP_OK;
}

void
gre_sess_set_rate(struct gre_sess *s, uint64_t down_bps, uint64_t up_bps,
    uint64_t burst, uint64_t now)
{
	/* the drop counts of a session survive a change of its limits */
	police_set(&s->down, down_bps, burst, now);
	police_set(&s->up, up_bps, burst, now);
}

void
gre_sess_mppe_off(struct gre_sess *s)
{
	mppe_wipe(&s->tx);
	mppe_wipe(&s->rx);
}

struct gre_sess *
gre_sess_by_call(const struct gre_table *t, uint16_t call_id)
{
	uint16_t	v = t->by_call[call_id];

	return v != 0 ? &t->sess[v - 1] : NULL;
}

struct gre_sess *
gre_sess_by_addr(const struct gre_table *t, uint32_t addr)
{
	uint16_t	idx;

	return map_find(&t->by_addr, addr, &idx) == HP_OK ?
	    &t->sess[idx] : NULL;
}

/* At most max addresses: the map stays at most half full. */
int
gre_peer_add(struct gre_table *t, uint32_t addr)
{
	int	r;

	if (t->npeers >= t->max)
		return HP_E_NOMEM;
	if ((r = map_insert(&t->peers, addr, 0)) == HP_OK)
		t->npeers++;
	return r;
}

void
gre_peer_del(struct gre_table *t, uint32_t addr)
{
	uint16_t	v;

	if (map_find(&t->peers, addr, &v) != HP_OK)
		return;
	map_remove(&t->peers, addr);
	t->npeers--;
}

bool
gre_peer_has(const struct gre_table *t, uint32_t addr)
{
	uint16_t	v;

	return map_find(&t->peers, addr, &v) == HP_OK;
}

struct gre_sess *
gre_sess_by_sid(const struct gre_table *t, uint32_t sid)
{
	uint16_t	idx;

	return map_find(&t->by_sid, sid, &idx) == HP_OK ?
	    &t->sess[idx] : NULL;
}

struct gre_sess *
gre_sess_by_prefix6(const struct gre_table *t, uint64_t p)
{
	uint16_t	idx;

	return map_find(&t->by_prefix6, p, &idx) == HP_OK ?
	    &t->sess[idx] : NULL;
}

void
gre_count_drop(struct gre_table *t, struct gre_sess *s, enum gre_drop why)
{
	struct gre_counters	*c = s != NULL ? &s->ctr : &t->ctr;

	if (why > GRE_DROP_NONE && why < GRE_DROP_N) {
		c->drop[why]++;
		t->drops_all[why]++;
	}
}

/* The timer heap is common/heap.c's, by session index; s->due mirrors the key. */
void
gre_sess_arm(struct gre_table *t, struct gre_sess *s, uint64_t when)
{
	s->due = when;
	heap_set(&t->timers, s->idx, when);
}

void
gre_sess_disarm(struct gre_table *t, struct gre_sess *s)
{
	heap_del(&t->timers, s->idx);
	s->due = 0;
}

struct gre_sess *
gre_table_top(const struct gre_table *t)
{
	uint32_t	 idx;
	uint64_t	 due;

	return heap_top(&t->timers, &idx, &due) ? &t->sess[idx] : NULL;
}
