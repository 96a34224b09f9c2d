/*
 * hpptpd master: connection admission limits (see limits.h).
 *
 * Counters live in two open-addressing hash tables (linear probing,
 * backward-shift deletion, no tombstones) sized at creation to twice
 * the most entries they can ever hold: the address table holds at most
 * max_conns entries (an entry exists only while its source has an open
 * connection), the user table at most max_sessions.  Slots are chosen
 * by SipHash with a random key so a peer cannot aim for collisions.
 */
#include <sys/types.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <sys/resource.h>

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cap-ng.h>
#include <sodium.h>

#include "common/err.h"
#include "master/limits.h"

#define KEYLEN		17	/* family byte + 16 address or hash bytes */
#define KEY_USER	0xff	/* family byte of a user key */

struct lim_ent {
	uint8_t		 key[KEYLEN];
	uint8_t		 used;
	uint32_t	 count;
};

/* The audit-line rate limit of one slot of sources. */
struct lim_audit {
	uint64_t	 last_ms;	/* its last line; 0: none yet */
	uint64_t	 suppressed;	/* refusals without a line since */
};

struct lim_tab {
	struct lim_ent	*e;
	size_t		 cap;		/* power of two */
	size_t		 n;		/* entries in use */
	size_t		 max;		/* at most cap / 2 */
};

struct limits {
	struct limits_conf	 conf;
	struct lim_tab		 addrs;
	struct lim_tab		 users;
	unsigned		 sessions;
	unsigned		 conns;
	uint64_t		 tokens;	/* thousandths of a token */
	uint64_t		 last_ms;
	uint64_t		 refused[LIM_N];
	struct lim_audit	 audit[LIMITS_AUDIT_SLOTS];
	unsigned char		 hkey[crypto_shorthash_KEYBYTES];
};

static const char *const lim_names[LIM_N] = {
	[LIM_OK]		= "ok",
	[LIM_SESSIONS]		= "max-sessions",
	[LIM_USER_SESSIONS]	= "max-sessions-per-user",
	[LIM_CONNS]		= "max-connections",
	[LIM_ADDR_CONNS]	= "max-connections-per-address",
	[LIM_RATE]		= "connection-rate",
	[LIM_BAD_ADDR]		= "bad-address-family",
	[LIM_CTRL_SLOT]		= "ctrl-connection-slot",
	[LIM_METRICS_BUSY]	= "metrics-busy",
};

const char *
lim_verdict_name(enum lim_verdict v)
{
	if ((unsigned)v >= LIM_N || lim_names[v] == NULL)
		return "unknown";
	return lim_names[v];
}

static int
tab_init(struct lim_tab *t, size_t max)
{
	size_t	 cap = 16;

	while (cap < 2 * max)
		cap <<= 1;
	if ((t->e = calloc(cap, sizeof(*t->e))) == NULL)
		return HP_E_NOMEM;
	t->cap = cap;
	t->max = max;
	t->n = 0;
	return HP_OK;
}

static size_t
tab_slot(const struct limits *l, const struct lim_tab *t,
    const uint8_t key[KEYLEN])
{
	unsigned char	 h[crypto_shorthash_BYTES];
	uint64_t	 v;

	crypto_shorthash(h, key, KEYLEN, l->hkey);
	memcpy(&v, h, sizeof(v));
	return (size_t)v & (t->cap - 1);
}

/* Find key; NULL if absent.  The table is never full (n <= cap / 2). */
static struct lim_ent *
tab_find(const struct limits *l, const struct lim_tab *t,
    const uint8_t key[KEYLEN])
{
	size_t	 i = tab_slot(l, t, key);

	while (t->e[i].used) {
		if (memcmp(t->e[i].key, key, KEYLEN) == 0)
			return &t->e[i];
		i = (i + 1) & (t->cap - 1);
	}
	return NULL;
}

static struct lim_ent *
tab_insert(const struct limits *l, struct lim_tab *t,
    const uint8_t key[KEYLEN])
{
	size_t	 i;

	if (t->n >= t->max)
		return NULL;
	i = tab_slot(l, t, key);
	while (t->e[i].used)
		i = (i + 1) & (t->cap - 1);
	memcpy(t->e[i].key, key, KEYLEN);
	t->e[i].used = 1;
	t->e[i].count = 0;
	t->n++;
	return &t->e[i];
}

/* Remove by shifting back later entries of the same probe run. */
static void
tab_remove(const struct limits *l, struct lim_tab *t, struct lim_ent *ent)
{
	size_t	 i = (size_t)(ent - t->e), j = i, home, mask = t->cap - 1;

	for (;;) {
		j = (j + 1) & mask;
		if (!t->e[j].used)
			break;
		home = tab_slot(l, t, t->e[j].key);
		/* Move e[j] into the hole at i unless its home lies in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			t->e[i] = t->e[j];
			i = j;
		}
	}
	memset(&t->e[i], 0, sizeof(t->e[i]));
	t->n--;
}

int
limits_conf_check(const struct limits_conf *c)
{
	if (c->max_sessions < 1 || c->max_sessions > LIMITS_MAX_SESSIONS ||
	    c->max_conns < 1 || c->max_conns > LIMITS_MAX_CONNS)
		return HP_E_RANGE;
	if (c->conn_rate > 0 && c->conn_burst < 1)
		return HP_E_RANGE;
	if (c->conn_rate > 1000000 || c->conn_burst > 1000000)
		return HP_E_RANGE;
	return HP_OK;
}

int
limits_create(const struct limits_conf *c, struct limits **lp,
    uint64_t now_ms)
{
	struct limits	*l;
	int		 r;

	*lp = NULL;
	if ((r = limits_conf_check(c)) != HP_OK)
		return r;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return HP_E_NOMEM;
	if (getrandom(l->hkey, sizeof(l->hkey), 0) != sizeof(l->hkey)) {
		free(l);
		return HP_E_SYS;
	}
	l->conf = *c;
	if (tab_init(&l->addrs, c->max_conns) != HP_OK ||
	    tab_init(&l->users, c->max_sessions) != HP_OK) {
		limits_destroy(l);
		return HP_E_NOMEM;
	}
	l->tokens = (uint64_t)c->conn_burst * 1000;
	l->last_ms = now_ms;
	*lp = l;
	return HP_OK;
}

void
limits_destroy(struct limits *l)
{
	if (l == NULL)
		return;
	free(l->addrs.e);
	free(l->users.e);
	explicit_bzero(l->hkey, sizeof(l->hkey));
	free(l);
}

int
limits_set_conf(struct limits *l, const struct limits_conf *c)
{
	int	 r;

	if ((r = limits_conf_check(c)) != HP_OK)
		return r;
	/* The tables were sized for the old maxima. */
	if (c->max_conns > l->addrs.max || c->max_sessions > l->users.max)
		return HP_E_RANGE;
	l->conf = *c;
	if (l->tokens > (uint64_t)c->conn_burst * 1000)
		l->tokens = (uint64_t)c->conn_burst * 1000;
	return HP_OK;
}

static bool
addr_key(const struct sockaddr *sa, socklen_t salen, uint8_t key[KEYLEN])
{
	static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };
	const struct sockaddr_in *sin;
	const struct sockaddr_in6 *sin6;

	memset(key, 0, KEYLEN);
	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET && salen >= sizeof(*sin)) {
		sin = (const struct sockaddr_in *)sa;
		key[0] = AF_INET;
		memcpy(key + 1, &sin->sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6 && salen >= sizeof(*sin6)) {
		sin6 = (const struct sockaddr_in6 *)sa;
		if (memcmp(sin6->sin6_addr.s6_addr, v4mapped, 12) == 0) {
			key[0] = AF_INET;
			memcpy(key + 1, sin6->sin6_addr.s6_addr + 12, 4);
		} else {
			key[0] = AF_INET6;
			memcpy(key + 1, sin6->sin6_addr.s6_addr, 8);  /* /64 */
		}
		return true;
	}
	return false;
}

static void
user_key(const struct limits *l, const char *user, uint8_t key[KEYLEN])
{
	memset(key, 0, KEYLEN);
	key[0] = KEY_USER;
	crypto_shorthash(key + 1, (const unsigned char *)user, strlen(user),
	    l->hkey);
}

static void
bucket_refill(struct limits *l, uint64_t now_ms)
{
	uint64_t	 cap = (uint64_t)l->conf.conn_burst * 1000, dt;

	if (now_ms <= l->last_ms)
		return;
	dt = now_ms - l->last_ms;
	l->last_ms = now_ms;
	/* rate tokens/s = rate thousandths per ms; cap dt so no overflow */
	if (dt > 1000000000)
		dt = 1000000000;
	l->tokens += dt * l->conf.conn_rate;
	if (l->tokens > cap)
		l->tokens = cap;
}

static enum lim_verdict
refuse(struct limits *l, enum lim_verdict v)
{
	l->refused[v]++;
	return v;
}

enum lim_verdict
limits_conn_open(struct limits *l, const struct sockaddr *sa,
    socklen_t salen, uint64_t now_ms)
{
	uint8_t		 key[KEYLEN];
	struct lim_ent	*ent;

	if (!addr_key(sa, salen, key))
		return refuse(l, LIM_BAD_ADDR);
	if (l->conns >= l->conf.max_conns)
		return refuse(l, LIM_CONNS);
	ent = tab_find(l, &l->addrs, key);
	if (ent != NULL && l->conf.max_conns_per_addr > 0 &&
	    ent->count >= l->conf.max_conns_per_addr)
		return refuse(l, LIM_ADDR_CONNS);
	/* Only connections that pass the other checks spend a token. */
	if (l->conf.conn_rate > 0) {
		bucket_refill(l, now_ms);
		if (l->tokens < 1000)
			return refuse(l, LIM_RATE);
	}
	/* conns < max_conns = table max, so there is room for a new key. */
	if (ent == NULL && (ent = tab_insert(l, &l->addrs, key)) == NULL)
		return refuse(l, LIM_CONNS);
	if (l->conf.conn_rate > 0)
		l->tokens -= 1000;
	ent->count++;
	l->conns++;
	return LIM_OK;
}

void
limits_conn_close(struct limits *l, const struct sockaddr *sa,
    socklen_t salen)
{
	uint8_t		 key[KEYLEN];
	struct lim_ent	*ent;

	if (!addr_key(sa, salen, key) ||
	    (ent = tab_find(l, &l->addrs, key)) == NULL)
		return;			/* not counted: nothing to undo */
	if (--ent->count == 0)
		tab_remove(l, &l->addrs, ent);
	l->conns--;
}

enum lim_verdict
limits_session_open(struct limits *l, const char *user)
{
	uint8_t		 key[KEYLEN];
	struct lim_ent	*ent;

	if (l->sessions >= l->conf.max_sessions)
		return refuse(l, LIM_SESSIONS);
	user_key(l, user != NULL ? user : "", key);
	ent = tab_find(l, &l->users, key);
	if (ent != NULL && l->conf.max_sessions_per_user > 0 &&
	    ent->count >= l->conf.max_sessions_per_user)
		return refuse(l, LIM_USER_SESSIONS);
	if (ent == NULL && (ent = tab_insert(l, &l->users, key)) == NULL)
		return refuse(l, LIM_SESSIONS);
	ent->count++;
	l->sessions++;
	return LIM_OK;
}

void
limits_session_close(struct limits *l, const char *user)
{
	uint8_t		 key[KEYLEN];
	struct lim_ent	*ent;

	user_key(l, user != NULL ? user : "", key);
	if ((ent = tab_find(l, &l->users, key)) == NULL)
		return;
	if (--ent->count == 0)
		tab_remove(l, &l->users, ent);
	l->sessions--;
}

void
limits_get_stats(const struct limits *l, struct limits_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->sessions = l->sessions;
	s->conns = l->conns;
	s->addrs = (unsigned)l->addrs.n;
	s->users = (unsigned)l->users.n;
	memcpy(s->refused, l->refused, sizeof(s->refused));
}

void
limits_refused(struct limits *l, enum lim_verdict v)
{
	if (v > LIM_OK && v < LIM_N)
		l->refused[v]++;
}

bool
limits_audit_ok(struct limits *l, const struct sockaddr *sa, socklen_t salen,
    uint64_t now_ms, uint64_t *suppressed)
{
	uint8_t		 key[KEYLEN];
	unsigned char	 h[crypto_shorthash_BYTES];
	struct lim_audit *a;
	uint64_t	 v;

	*suppressed = 0;
	if (!addr_key(sa, salen, key))
		memset(key, 0, sizeof(key));	/* all odd ones share one */
	crypto_shorthash(h, key, KEYLEN, l->hkey);
	memcpy(&v, h, sizeof(v));
	a = &l->audit[v % LIMITS_AUDIT_SLOTS];
	if (a->last_ms != 0 && now_ms < a->last_ms + LIMITS_AUDIT_MS) {
		a->suppressed++;
		return false;
	}
	*suppressed = a->suppressed;
	a->suppressed = 0;
	a->last_ms = now_ms != 0 ? now_ms : 1;
	return true;
}

unsigned
limits_ctrl_nofile(unsigned max_conns)
{
	return max_conns + LIMITS_CTRL_FDS;
}

/* fs.nr_open: the most any process may have (the kernel's ceiling). */
static unsigned long
nr_open(void)
{
	unsigned long	 v = 1024 * 1024;	/* the kernel's default */
	FILE		*fp;

	if ((fp = fopen("/proc/sys/fs/nr_open", "re")) != NULL) {
		if (fscanf(fp, "%lu", &v) != 1)
			v = 1024 * 1024;
		fclose(fp);
	}
	return v;
}

int
limits_nofile_check(unsigned need, char *why, size_t whylen)
{
	struct rlimit	 rl;
	unsigned long	 ceil;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1) {
		(void)snprintf(why, whylen, "getrlimit: RLIMIT_NOFILE failed");
		return HP_E_SYS;
	}
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need)
		return HP_OK;
	capng_clear(CAPNG_SELECT_BOTH);
	capng_get_caps_process();
	if (!capng_have_capability(CAPNG_EFFECTIVE, CAP_SYS_RESOURCE)) {
		(void)snprintf(why, whylen, "the hard RLIMIT_NOFILE is %llu "
		    "and this process lacks CAP_SYS_RESOURCE to raise it",
		    (unsigned long long)rl.rlim_max);
		return HP_E_RANGE;
	}
	if ((ceil = nr_open()) < need) {
		(void)snprintf(why, whylen, "fs.nr_open is %lu", ceil);
		return HP_E_RANGE;
	}
	return HP_OK;
}

int
limits_nofile_raise(unsigned need)
{
	struct rlimit	 rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return HP_E_SYS;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		rl.rlim_max = need;
		if (rl.rlim_cur > rl.rlim_max)
			rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			return HP_E_SYS;
	}
	return HP_OK;
}
