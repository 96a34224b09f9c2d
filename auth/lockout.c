/* hpptpd auth: failed-login throttling in fixed memory (see lockout.h). */
#include <sys/socket.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/lockout.h"

#define LO_ID_LEN	16

struct lo_ent {
	uint8_t		id[LO_ID_LEN];	/* keyed digest of the name */
	uint64_t	first_ms;	/* first failure of this window */
	uint64_t	last_ms;	/* latest failure */
	uint64_t	until_ms;	/* locked until; 0 = not locked */
	uint32_t	count;		/* failures in this window */
	uint8_t		used;
};

struct lo_table {
	struct lo_ent	*ent;		/* nbuckets * LOCKOUT_WAYS */
	size_t		 nbuckets;
	size_t		 nused;
};

struct lockout {
	struct lockout_conf	conf;
	uint8_t			key[crypto_generichash_KEYBYTES];
	struct lo_table		user;
	struct lo_table		peer;
};

static void	lo_digest(const struct lockout *, uint8_t, const void *, size_t,
		    uint8_t[LO_ID_LEN]);
static bool	lo_peer_id(const struct lockout *, const struct auth_peer *,
		    uint8_t[LO_ID_LEN]);
static void	lo_expire(const struct lockout *, struct lo_table *,
		    struct lo_ent *, uint64_t);
static bool	lo_less_useful(const struct lo_ent *, const struct lo_ent *);
static struct lo_ent *lo_find(const struct lockout *, struct lo_table *,
		    const uint8_t[LO_ID_LEN], uint64_t, bool);
static unsigned	lo_fail_one(const struct lockout *, struct lo_table *,
		    const uint8_t[LO_ID_LEN], uint64_t);

const char *
lockout_scope_name(enum lockout_scope s)
{
	switch (s) {
	case LOCKOUT_USER:
		return "user";
	case LOCKOUT_PEER:
		return "peer";
	}
	return "unknown";
}

void
lockout_conf_default(struct lockout_conf *c)
{
	c->max_failures = LOCKOUT_DEFAULT_MAX_FAILURES;
	c->window_ms = LOCKOUT_DEFAULT_WINDOW_MS;
	c->lock_ms = LOCKOUT_DEFAULT_LOCK_MS;
	c->capacity = LOCKOUT_DEFAULT_CAPACITY;
}

struct lockout *
lockout_create(const struct lockout_conf *c)
{
	struct lockout *lo;
	size_t cap;

	if (c->window_ms == 0 || c->lock_ms == 0 ||
	    c->window_ms > UINT64_MAX / 4 || c->lock_ms > UINT64_MAX / 4 ||
	    c->capacity < LOCKOUT_WAYS || c->capacity > LOCKOUT_MAX_CAPACITY)
		return NULL;
	if (sodium_init() < 0)
		return NULL;
	cap = (c->capacity + LOCKOUT_WAYS - 1) / LOCKOUT_WAYS * LOCKOUT_WAYS;
	if ((lo = calloc(1, sizeof(*lo))) == NULL)
		return NULL;
	lo->conf = *c;
	lo->conf.capacity = cap;
	lo->user.nbuckets = lo->peer.nbuckets = cap / LOCKOUT_WAYS;
	lo->user.ent = calloc(cap, sizeof(struct lo_ent));
	lo->peer.ent = calloc(cap, sizeof(struct lo_ent));
	if (lo->user.ent == NULL || lo->peer.ent == NULL) {
		lockout_destroy(lo);
		return NULL;
	}
	crypto_generichash_keygen(lo->key);
	return lo;
}

void
lockout_destroy(struct lockout *lo)
{
	if (lo == NULL)
		return;
	free(lo->user.ent);
	free(lo->peer.ent);
	sodium_memzero(lo, sizeof(*lo));
	free(lo);
}

/* The domain byte keeps a user named like an address apart from it. */
static void
lo_digest(const struct lockout *lo, uint8_t domain, const void *p, size_t n,
    uint8_t id[LO_ID_LEN])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, lo->key, sizeof(lo->key), LO_ID_LEN);
	crypto_generichash_update(&st, &domain, 1);
	crypto_generichash_update(&st, p, n);
	crypto_generichash_final(&st, id, LO_ID_LEN);
}

static bool
lo_peer_id(const struct lockout *lo, const struct auth_peer *peer,
    uint8_t id[LO_ID_LEN])
{
	uint8_t a[17];
	int af;

	if (peer == NULL)
		return false;
	memset(a, 0, sizeof(a));
	af = auth_peer_family(peer);
	a[0] = (uint8_t)af;
	if (af == AF_INET)
		memcpy(a + 1, peer->addr, 4);
	else if (af == AF_INET6)
		memcpy(a + 1, peer->addr, 8);	/* the /64 */
	else
		return false;
	lo_digest(lo, 'P', a, sizeof(a), id);
	return true;
}

/* Drop a lock that has ended and a window that has passed. */
static void
lo_expire(const struct lockout *lo, struct lo_table *t, struct lo_ent *e,
    uint64_t now)
{
	if (!e->used)
		return;
	if (e->until_ms != 0) {
		if (now < e->until_ms)
			return;		/* still locked */
	} else if (now < e->first_ms ||
	    now - e->first_ms < lo->conf.window_ms)
		return;			/* still counting (or clock went back) */
	memset(e, 0, sizeof(*e));
	t->nused--;
}

/*
 * Eviction order: an unlocked entry before a locked one; among unlocked,
 * the lowest count, then the oldest failure; among locked, the lock that
 * ends first.
 */
static bool
lo_less_useful(const struct lo_ent *a, const struct lo_ent *b)
{
	bool al = a->until_ms != 0, bl = b->until_ms != 0;

	if (al != bl)
		return !al;
	if (al)
		return a->until_ms < b->until_ms;
	if (a->count != b->count)
		return a->count < b->count;
	return a->last_ms < b->last_ms;
}

/* The entry for id, or with `add` a slot for it (evicting if need be). */
static struct lo_ent *
lo_find(const struct lockout *lo, struct lo_table *t,
    const uint8_t id[LO_ID_LEN], uint64_t now, bool add)
{
	struct lo_ent *b, *e, *victim = NULL, *free_slot = NULL;
	uint64_t h;
	size_t i;

	memcpy(&h, id, sizeof(h));
	b = &t->ent[(h % t->nbuckets) * LOCKOUT_WAYS];
	for (i = 0; i < LOCKOUT_WAYS; i++) {
		e = &b[i];
		lo_expire(lo, t, e, now);
		if (e->used && memcmp(e->id, id, LO_ID_LEN) == 0)
			return e;
		if (!e->used) {
			if (free_slot == NULL)
				free_slot = e;
			continue;
		}
		if (victim == NULL || lo_less_useful(e, victim))
			victim = e;
	}
	if (!add)
		return NULL;
	if (free_slot != NULL) {
		e = free_slot;
		t->nused++;
	} else
		e = victim;
	memset(e, 0, sizeof(*e));
	memcpy(e->id, id, LO_ID_LEN);
	e->used = 1;
	return e;
}

static unsigned
lo_fail_one(const struct lockout *lo, struct lo_table *t,
    const uint8_t id[LO_ID_LEN], uint64_t now)
{
	struct lo_ent *e;

	e = lo_find(lo, t, id, now, true);
	if (e->until_ms != 0)
		return 0;		/* already locked: not extended */
	if (e->count == 0)
		e->first_ms = now;
	e->last_ms = now;
	if (e->count < UINT32_MAX)
		e->count++;
	if (e->count >= lo->conf.max_failures) {
		e->until_ms = now + lo->conf.lock_ms;
		return 1;
	}
	return 0;
}

unsigned
lockout_check(struct lockout *lo, const void *user, size_t ulen,
    const struct auth_peer *peer, uint64_t now, uint64_t *until)
{
	uint8_t id[LO_ID_LEN];
	struct lo_ent *e;
	unsigned r = 0;
	uint64_t u = 0;

	if (until != NULL)
		*until = 0;
	if (lo->conf.max_failures == 0)
		return 0;
	lo_digest(lo, 'U', user, ulen, id);
	if ((e = lo_find(lo, &lo->user, id, now, false)) != NULL &&
	    e->until_ms != 0) {
		r |= LOCKOUT_USER;
		u = e->until_ms;
	}
	if (lo_peer_id(lo, peer, id) &&
	    (e = lo_find(lo, &lo->peer, id, now, false)) != NULL &&
	    e->until_ms != 0) {
		r |= LOCKOUT_PEER;
		if (e->until_ms > u)
			u = e->until_ms;
	}
	if (until != NULL)
		*until = u;
	return r;
}

unsigned
lockout_fail(struct lockout *lo, const void *user, size_t ulen,
    const struct auth_peer *peer, uint64_t now)
{
	uint8_t id[LO_ID_LEN];
	unsigned r = 0;

	if (lo->conf.max_failures == 0)
		return 0;
	lo_digest(lo, 'U', user, ulen, id);
	if (lo_fail_one(lo, &lo->user, id, now))
		r |= LOCKOUT_USER;
	if (lo_peer_id(lo, peer, id) && lo_fail_one(lo, &lo->peer, id, now))
		r |= LOCKOUT_PEER;
	return r;
}

void
lockout_success(struct lockout *lo, const void *user, size_t ulen,
    const struct auth_peer *peer, uint64_t now)
{
	uint8_t id[LO_ID_LEN];
	struct lo_ent *e;

	(void)peer;
	lo_digest(lo, 'U', user, ulen, id);
	if ((e = lo_find(lo, &lo->user, id, now, false)) != NULL &&
	    e->until_ms == 0) {
		memset(e, 0, sizeof(*e));
		lo->user.nused--;
	}
}

size_t
lockout_entries(const struct lockout *lo, enum lockout_scope s)
{
	return s == LOCKOUT_USER ? lo->user.nused : lo->peer.nused;
}

size_t
lockout_capacity(const struct lockout *lo)
{
	return lo->conf.capacity;
}

size_t
lockout_memsize(const struct lockout *lo)
{
	return sizeof(*lo) + 2 * lo->conf.capacity * sizeof(struct lo_ent);
}
