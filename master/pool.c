/*
 * hpptpd master: the client address pool (see pool.h).
 *
 * Ranges are kept sorted and non-overlapping; each address in them has
 * an index (its range's base plus its offset), a state byte and a place
 * in a doubly linked FIFO free list built from two index arrays, so
 * allocation, release and taking a given address out of the free list
 * are all O(1) and nothing is allocated after pool_create().
 * Static addresses live in a separate bounded table that also records
 * reservations of in-range addresses.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "master/pool.h"

enum pa_state {
	PA_FREE = 0,		/* on the free list */
	PA_USED,		/* handed out by pool_alloc */
	PA_STATIC,		/* taken by pool_take_static */
	PA_RESERVED,		/* static for a user, not in use */
	PA_LOCAL,		/* the server's own address */
};

struct pool_range {
	uint32_t	first;		/* host byte order */
	uint32_t	last;
	uint32_t	base;		/* index of first */
};

struct pool_static {
	uint32_t	addr;		/* host byte order */
	bool		reserved;
	bool		in_use;
	uint32_t	gen;		/* the load that reserved it last */
	char		owner[POOL_OWNER_MAX + 1];
};

struct pool {
	struct pool_range	 ranges[POOL_MAX_RANGES];
	size_t			 nranges;
	uint32_t		 total;		/* addresses in all ranges */
	uint32_t		 local;		/* host order; 0 = none */
	uint8_t			*state;		/* enum pa_state per index */
	uint32_t		*next;		/* free list, sentinel = total */
	uint32_t		*prev;
	size_t			 nfree;
	size_t			 nused;		/* in use, in ranges or not */
	size_t			 nlocal;	/* 0 or 1 */
	struct pool_static	*statics;
	size_t			 nstatics;
	uint32_t		 res_gen;	/* current reservation load */
};

static int	pool_parse(struct pool *, const char *, char *, size_t);
static int	pool_parse_entry(struct pool *, const char *, size_t,
		    char *, size_t);
static int	parse_ip(const char *, size_t, uint32_t *);
static int	parse_dec(const char *, size_t, unsigned, unsigned *);
static bool	addr_usable(uint32_t);
static int	range_add(struct pool *, uint32_t, uint32_t, const char *,
		    size_t, char *, size_t);
static bool	range_index(const struct pool *, uint32_t, uint32_t *);
static void	fl_append(struct pool *, uint32_t);
static void	fl_unlink(struct pool *, uint32_t);
static struct pool_static *static_find(const struct pool *, uint32_t);
static struct pool_static *static_new(struct pool *, uint32_t);
static void	static_drop(struct pool *, struct pool_static *);
static bool	owner_ok(const char *);
static int	cmp_range(const void *, const void *);

static void
seterr(char *err, size_t errlen, const char *ent, size_t entlen,
    const char *what)
{
	if (err == NULL || errlen == 0)
		return;
	if (entlen > 48)
		entlen = 48;
	snprintf(err, errlen, "`%.*s': %s", (int)entlen, ent, what);
}

int
pool_create(const char *spec, struct in_addr local, struct pool **poolp,
    char *err, size_t errlen)
{
	struct pool	*p;
	uint32_t	 i, idx;
	int		 r;

	*poolp = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (spec == NULL) {
		seterr(err, errlen, "", 0, "no address ranges");
		return HP_E_FORMAT;
	}
	if (strnlen(spec, POOL_MAX_SPEC + 1) > POOL_MAX_SPEC) {
		seterr(err, errlen, spec, 16, "address list too long");
		return HP_E_LONG;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return HP_E_NOMEM;
	p->local = ntohl(local.s_addr);
	if ((r = pool_parse(p, spec, err, errlen)) != HP_OK) {
		pool_destroy(p);
		return r;
	}
	p->state = calloc(p->total, sizeof(*p->state));
	p->next = calloc((size_t)p->total + 1, sizeof(*p->next));
	p->prev = calloc((size_t)p->total + 1, sizeof(*p->prev));
	p->statics = calloc(POOL_MAX_STATIC, sizeof(*p->statics));
	if (p->state == NULL || p->next == NULL || p->prev == NULL ||
	    p->statics == NULL) {
		pool_destroy(p);
		return HP_E_NOMEM;
	}
	/* Empty list: the sentinel points at itself. */
	p->next[p->total] = p->prev[p->total] = p->total;
	for (i = 0; i < p->total; i++)
		fl_append(p, i);
	if (p->local != 0 && range_index(p, p->local, &idx)) {
		fl_unlink(p, idx);
		p->state[idx] = PA_LOCAL;
		p->nlocal = 1;
	}
	if (p->nfree == 0) {
		seterr(err, errlen, spec, strlen(spec),
		    "no address left besides the local one");
		pool_destroy(p);
		return HP_E_RANGE;
	}
	*poolp = p;
	return HP_OK;
}

void
pool_destroy(struct pool *p)
{
	if (p == NULL)
		return;
	free(p->state);
	free(p->next);
	free(p->prev);
	free(p->statics);
	free(p);
}

/* Split on commas; blanks around an entry are allowed, empty entries not. */
static int
pool_parse(struct pool *p, const char *spec, char *err, size_t errlen)
{
	const char	*s = spec, *e, *comma;
	uint64_t	 total = 0;
	size_t		 i;
	int		 r;

	for (;;) {
		comma = strchr(s, ',');
		e = comma != NULL ? comma : s + strlen(s);
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (s == e) {
			seterr(err, errlen, spec, strlen(spec),
			    "empty entry in address list");
			return HP_E_FORMAT;
		}
		if ((r = pool_parse_entry(p, s, (size_t)(e - s), err,
		    errlen)) != HP_OK)
			return r;
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	qsort(p->ranges, p->nranges, sizeof(p->ranges[0]), cmp_range);
	for (i = 0; i < p->nranges; i++) {
		if (i > 0 && p->ranges[i].first <= p->ranges[i - 1].last) {
			char	 a[INET_ADDRSTRLEN], msg[96];
			struct in_addr in;

			in.s_addr = htonl(p->ranges[i].first);
			inet_ntop(AF_INET, &in, a, sizeof(a));
			snprintf(msg, sizeof(msg), "ranges overlap at %s", a);
			seterr(err, errlen, spec, strlen(spec), msg);
			return HP_E_DUP;
		}
		p->ranges[i].base = (uint32_t)total;
		total += (uint64_t)p->ranges[i].last - p->ranges[i].first + 1;
	}
	/* range_add already bounded the sum; this is the invariant. */
	if (total == 0 || total > POOL_MAX_ADDRS) {
		seterr(err, errlen, spec, strlen(spec), "bad pool size");
		return HP_E_RANGE;
	}
	p->total = (uint32_t)total;
	return HP_OK;
}

static int
pool_parse_entry(struct pool *p, const char *s, size_t n, char *err,
    size_t errlen)
{
	const char	*slash, *dash;
	uint32_t	 a, b, mask;
	unsigned	 plen, oct;

	slash = memchr(s, '/', n);
	dash = memchr(s, '-', n);
	if (slash != NULL && dash != NULL) {
		seterr(err, errlen, s, n, "both '/' and '-'");
		return HP_E_FORMAT;
	}
	if (slash != NULL) {
		if (parse_ip(s, (size_t)(slash - s), &a) != HP_OK) {
			seterr(err, errlen, s, n, "bad IPv4 address");
			return HP_E_FORMAT;
		}
		if (parse_dec(slash + 1, n - (size_t)(slash - s) - 1, 32,
		    &plen) != HP_OK) {
			seterr(err, errlen, s, n, "bad prefix length (0-32)");
			return HP_E_FORMAT;
		}
		mask = plen == 0 ? 0 : 0xffffffffU << (32 - plen);
		if ((a & ~mask) != 0) {
			seterr(err, errlen, s, n,
			    "host bits set (write the network address)");
			return HP_E_FORMAT;
		}
		b = a | ~mask;
		/* Skip network and broadcast, except /31 (RFC 3021), /32. */
		if (plen < 31) {
			a++;
			b--;
		}
		return range_add(p, a, b, s, n, err, errlen);
	}
	if (dash != NULL) {
		const char	*rs = dash + 1;
		size_t		 rn = n - (size_t)(dash - s) - 1;

		if (parse_ip(s, (size_t)(dash - s), &a) != HP_OK) {
			seterr(err, errlen, s, n, "bad IPv4 address");
			return HP_E_FORMAT;
		}
		if (memchr(rs, '.', rn) != NULL) {
			if (parse_ip(rs, rn, &b) != HP_OK) {
				seterr(err, errlen, s, n,
				    "bad IPv4 address after '-'");
				return HP_E_FORMAT;
			}
		} else {
			/* Poptop: the end of the range is a last octet. */
			if (parse_dec(rs, rn, 255, &oct) != HP_OK) {
				seterr(err, errlen, s, n,
				    "bad last octet after '-' (0-255)");
				return HP_E_FORMAT;
			}
			b = (a & 0xffffff00U) | oct;
		}
		if (b < a) {
			seterr(err, errlen, s, n, "range ends before it starts");
			return HP_E_RANGE;
		}
		return range_add(p, a, b, s, n, err, errlen);
	}
	if (parse_ip(s, n, &a) != HP_OK) {
		seterr(err, errlen, s, n, "bad IPv4 address");
		return HP_E_FORMAT;
	}
	return range_add(p, a, a, s, n, err, errlen);
}

static int
range_add(struct pool *p, uint32_t a, uint32_t b, const char *s, size_t n,
    char *err, size_t errlen)
{
	uint64_t	 sum = 0;
	size_t		 i;
	char		 msg[80];

	/*
	 * With both ends in 1.0.0.0-223.255.255.255, the only unusable
	 * block a range can still span is 127/8.
	 */
	if (!addr_usable(a) || !addr_usable(b) ||
	    (a < 0x7f000000U && b >= 0x7f000000U)) {
		seterr(err, errlen, s, n, "not a usable unicast address "
		    "range (0/8, 127/8, multicast and class E are not)");
		return HP_E_RANGE;
	}
	if (p->nranges >= POOL_MAX_RANGES) {
		snprintf(msg, sizeof(msg), "more than %d entries",
		    POOL_MAX_RANGES);
		seterr(err, errlen, s, n, msg);
		return HP_E_RANGE;
	}
	for (i = 0; i < p->nranges; i++)
		sum += (uint64_t)p->ranges[i].last - p->ranges[i].first + 1;
	sum += (uint64_t)b - a + 1;
	if (sum > POOL_MAX_ADDRS) {
		snprintf(msg, sizeof(msg), "pool would exceed %d addresses",
		    POOL_MAX_ADDRS);
		seterr(err, errlen, s, n, msg);
		return HP_E_RANGE;
	}
	p->ranges[p->nranges].first = a;
	p->ranges[p->nranges].last = b;
	p->nranges++;
	return HP_OK;
}

/*
 * Strict dotted quad: four decimal octets, 1-3 digits, no leading
 * zeros (inet_aton would read "010" as octal 8), nothing else.
 */
static int
parse_ip(const char *s, size_t n, uint32_t *out)
{
	uint32_t	 v = 0;
	unsigned	 oct;
	size_t		 i = 0, start;
	int		 k;

	*out = 0;
	for (k = 0; k < 4; k++) {
		start = i;
		while (i < n && s[i] != '.')
			i++;
		if (parse_dec(s + start, i - start, 255, &oct) != HP_OK)
			return HP_E_FORMAT;
		v = (v << 8) | oct;
		if (k < 3) {
			if (i >= n)
				return HP_E_FORMAT;
			i++;			/* the dot */
		}
	}
	if (i != n)
		return HP_E_FORMAT;
	*out = v;
	return HP_OK;
}

/* Decimal 0..max, 1-3 digits, no sign, no leading zero, no blanks. */
static int
parse_dec(const char *s, size_t n, unsigned max, unsigned *out)
{
	unsigned	 v = 0;
	size_t		 i;

	*out = 0;
	if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
		return HP_E_FORMAT;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return HP_E_FORMAT;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max)
		return HP_E_RANGE;
	*out = v;
	return HP_OK;
}

/* Can this address be a client's (host order)? */
static bool
addr_usable(uint32_t a)
{
	uint32_t	 top = a >> 24;

	return top != 0 && top != 127 && top < 224;
}

static int
cmp_range(const void *x, const void *y)
{
	const struct pool_range *a = x, *b = y;

	return a->first < b->first ? -1 : a->first > b->first;
}

/* Binary search over the sorted ranges. */
static bool
range_index(const struct pool *p, uint32_t a, uint32_t *idx)
{
	size_t	 lo = 0, hi = p->nranges, mid;

	*idx = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (a < p->ranges[mid].first)
			hi = mid;
		else if (a > p->ranges[mid].last)
			lo = mid + 1;
		else {
			*idx = p->ranges[mid].base + (a - p->ranges[mid].first);
			return true;
		}
	}
	return false;
}

static uint32_t
index_addr(const struct pool *p, uint32_t idx)
{
	size_t	 lo = 0, hi = p->nranges, mid;

	/* Last range whose base <= idx. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (p->ranges[mid].base <= idx)
			lo = mid;
		else
			hi = mid;
	}
	return p->ranges[lo].first + (idx - p->ranges[lo].base);
}

static void
fl_append(struct pool *p, uint32_t i)
{
	uint32_t	 s = p->total, tail = p->prev[s];

	p->next[tail] = i;
	p->prev[i] = tail;
	p->next[i] = s;
	p->prev[s] = i;
	p->state[i] = PA_FREE;
	p->nfree++;
}

static void
fl_unlink(struct pool *p, uint32_t i)
{
	p->next[p->prev[i]] = p->next[i];
	p->prev[p->next[i]] = p->prev[i];
	p->next[i] = p->prev[i] = i;
	p->nfree--;
}

static struct pool_static *
static_find(const struct pool *p, uint32_t a)
{
	size_t	 i;

	for (i = 0; i < p->nstatics; i++)
		if (p->statics[i].addr == a)
			return &p->statics[i];
	return NULL;
}

static struct pool_static *
static_new(struct pool *p, uint32_t a)
{
	struct pool_static *st;

	if (p->nstatics >= POOL_MAX_STATIC)
		return NULL;
	st = &p->statics[p->nstatics++];
	memset(st, 0, sizeof(*st));
	st->addr = a;
	return st;
}

static void
static_drop(struct pool *p, struct pool_static *st)
{
	struct pool_static *last = &p->statics[p->nstatics - 1];

	if (st != last)
		*st = *last;
	memset(last, 0, sizeof(*last));
	p->nstatics--;
}

static bool
owner_ok(const char *owner)
{
	return owner != NULL && strnlen(owner, POOL_OWNER_MAX + 1) <=
	    POOL_OWNER_MAX;
}

/*
 * What a static address (reserved or taken) needs: an owner name that
 * fits, and an address that is usable and not the local one.
 */
static bool
static_ok(const struct pool *p, uint32_t a, const char *owner)
{
	return owner_ok(owner) && addr_usable(a) && a != p->local;
}

/* Hand out free index i. */
static void
take_free(struct pool *p, uint32_t i, struct in_addr *addr)
{
	fl_unlink(p, i);
	p->state[i] = PA_USED;
	p->nused++;
	addr->s_addr = htonl(index_addr(p, i));
}

int
pool_alloc(struct pool *p, struct in_addr *addr)
{
	addr->s_addr = INADDR_ANY;
	if (p->nfree == 0)
		return HP_E_NOMEM;
	take_free(p, p->next[p->total], addr);
	return HP_OK;
}

int
pool_alloc_match(struct pool *p, bool (*ok)(const void *, uint32_t),
    const void *arg, struct in_addr *addr)
{
	uint32_t	 i;

	addr->s_addr = INADDR_ANY;
	for (i = p->next[p->total]; i != p->total; i = p->next[i])
		if (ok(arg, index_addr(p, i)))
			break;
	if (i == p->total)
		return HP_E_NOMEM;
	take_free(p, i, addr);
	return HP_OK;
}

int
pool_reserve(struct pool *p, struct in_addr addr, const char *owner)
{
	struct pool_static *st;
	uint32_t	 a = ntohl(addr.s_addr), i;
	bool		 inside;

	if (!static_ok(p, a, owner))
		return HP_E_RANGE;
	if ((st = static_find(p, a)) != NULL) {
		/* two owners in one load: the first keeps it */
		if (st->reserved && st->gen == p->res_gen &&
		    strcmp(st->owner, owner) != 0)
			return HP_E_DUP;
	} else if ((st = static_new(p, a)) == NULL)
		return HP_E_NOMEM;
	/* new, renewed, or moved to another user by a reload */
	st->reserved = true;
	st->gen = p->res_gen;
	/* owner_ok() bounded the length. */
	memcpy(st->owner, owner, strlen(owner) + 1);
	inside = range_index(p, a, &i);
	/* In use now (carried over a reload) becomes reserved on release. */
	if (inside && p->state[i] == PA_FREE) {
		fl_unlink(p, i);
		p->state[i] = PA_RESERVED;
	}
	return HP_OK;
}

void
pool_reserve_begin(struct pool *p)
{
	p->res_gen++;
}

/*
 * Reservations the load just finished did not renew are dropped: a
 * free address goes back to the pool, one in use stays with its session
 * and is freed when released; one outside the ranges is forgotten.
 */
void
pool_reserve_end(struct pool *p)
{
	struct pool_static *st;
	uint32_t	 i;
	size_t		 k;

	for (k = p->nstatics; k-- > 0;) {
		st = &p->statics[k];
		if (!st->reserved || st->gen == p->res_gen)
			continue;
		st->reserved = false;
		/* inside the ranges the state array says all there is */
		if (range_index(p, st->addr, &i)) {
			if (p->state[i] == PA_RESERVED)
				fl_append(p, i);
			static_drop(p, st);
		} else if (!st->in_use)
			static_drop(p, st);
	}
}

int
pool_take_static(struct pool *p, struct in_addr addr, const char *owner)
{
	struct pool_static *st;
	uint32_t	 a = ntohl(addr.s_addr), i;
	bool		 inside;

	if (!static_ok(p, a, owner))
		return HP_E_RANGE;
	st = static_find(p, a);
	if (st != NULL && st->reserved && strcmp(st->owner, owner) != 0)
		return HP_E_PERM;
	inside = range_index(p, a, &i);
	if (inside) {
		switch ((enum pa_state)p->state[i]) {
		case PA_FREE:
			fl_unlink(p, i);
			break;
		case PA_RESERVED:
			break;
		case PA_USED:
		case PA_STATIC:
			return HP_E_DUP;
		case PA_LOCAL:
			return HP_E_RANGE;
		}
		p->state[i] = PA_STATIC;
		p->nused++;
		return HP_OK;
	}
	if (st != NULL && st->in_use)
		return HP_E_DUP;
	if (st == NULL && (st = static_new(p, a)) == NULL)
		return HP_E_NOMEM;
	st->in_use = true;
	p->nused++;
	return HP_OK;
}

int
pool_release(struct pool *p, struct in_addr addr)
{
	struct pool_static *st;
	uint32_t	 a = ntohl(addr.s_addr), i;

	st = static_find(p, a);
	if (range_index(p, a, &i)) {
		if (p->state[i] != PA_USED && p->state[i] != PA_STATIC)
			return HP_E_NOTFOUND;
		p->nused--;
		if (st != NULL && st->reserved)
			p->state[i] = PA_RESERVED;
		else
			fl_append(p, i);
		return HP_OK;
	}
	if (st == NULL || !st->in_use)
		return HP_E_NOTFOUND;
	st->in_use = false;
	p->nused--;
	if (!st->reserved)
		static_drop(p, st);
	return HP_OK;
}

bool
pool_in_use(const struct pool *p, struct in_addr addr)
{
	const struct pool_static *st;
	uint32_t	 a = ntohl(addr.s_addr), i;

	if (range_index(p, a, &i))
		return p->state[i] == PA_USED || p->state[i] == PA_STATIC;
	st = static_find(p, a);
	return st != NULL && st->in_use;
}

bool
pool_contains(const struct pool *p, struct in_addr addr)
{
	uint32_t	 i;

	return range_index(p, ntohl(addr.s_addr), &i);
}

const char *
pool_reserved_for(const struct pool *p, struct in_addr addr)
{
	const struct pool_static *st;

	st = static_find(p, ntohl(addr.s_addr));
	return st != NULL && st->reserved ? st->owner : NULL;
}

size_t
pool_size(const struct pool *p)
{
	return p->total - p->nlocal;
}

size_t
pool_free_count(const struct pool *p)
{
	return p->nfree;
}

size_t
pool_used_count(const struct pool *p)
{
	return p->nused;
}

size_t
pool_range_count(const struct pool *p)
{
	return p->nranges;
}

int
pool_range_get(const struct pool *p, size_t i, struct in_addr *first,
    struct in_addr *last)
{
	first->s_addr = last->s_addr = INADDR_ANY;
	if (i >= p->nranges)
		return HP_E_NOTFOUND;
	first->s_addr = htonl(p->ranges[i].first);
	last->s_addr = htonl(p->ranges[i].last);
	return HP_OK;
}
