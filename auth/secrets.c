/*
 * hpptpd auth: chap-secrets parser and lookup.  The format and its rules
 * are described in secrets.h.  Words come from common/pppword.c, the
 * reader master's poptop.c uses for pppd's option files, in its strict,
 * line-based reading: every word grows one byte at a time against
 * SECRETS_WORD_MAX, so no input length can wrap a counter (pppd's
 * CVE-2014-3158 was an int length in its word reader).
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "common/pppword.h"
#include "auth/mschap.h"
#include "auth/secrets.h"

#define ARENA_FIRST	(8 * 1024)	/* first chunk; doubles up to ... */
#define ARENA_CHUNK	(64 * 1024)	/* multiples of 16: keep alignment */
#define ALIGN16(n)	(((n) + 15) & ~(size_t)15)
#define NTHASH_PREFIX	"nthash:"
/* hpptpd's chap-secrets reading of pppd's words (pppword.h) */
#define SECRETS_PW_FLAGS	(PW_LINES | PW_STRICT | PW_ESC_V)

/* One sodium_malloc'ed block of entries and strings. */
struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;
	size_t			 used;
};

struct secrets_db {
	struct arena_chunk	 *chunks;
	size_t			  next_size;	/* of the next chunk */
	struct secret_entry	**ents;		/* plain heap: pointers only */
	size_t			  n;
	size_t			  cap;
};

/* An entry being parsed, before it is committed to the arena. */
struct pending {
	uint8_t		 client[SECRETS_NAME_MAX];
	size_t		 clen;
	uint8_t		 server[SECRETS_NAME_MAX];
	size_t		 slen;
	enum secret_kind kind;
	uint8_t		*sec;		/* scratch, SECRETS_WORD_MAX, locked */
	size_t		 seclen;
	uint8_t		*nthash;	/* in the scratch */
	struct secret_addrs addrs;
	bool		 dash;		/* "-" seen */
	size_t		 naddrwords;
};

/* Locked scratch memory for one parse, wiped and freed at the end. */
struct scratch {
	uint8_t	word[SECRETS_WORD_MAX];
	uint8_t	sec[SECRETS_WORD_MAX];
	uint8_t	at[SECRETS_ATFILE_MAX];
	char	path[SECRETS_WORD_MAX + 1];
	uint8_t	nthash[MSCHAP_NTHASH_LEN];
	struct mschap_nt_scratch nt;
};

static void	*arena_alloc(struct secrets_db *, size_t);
static bool	 word_is(const struct pw_word *, const char *);
static const char *parse_addr(const uint8_t *, size_t, struct pending *);
static const char *finish_addrs(struct pending *);
static const char *parse_secret(const struct pw_word *, struct pending *,
		    struct scratch *, secrets_read_fn, void *, char *, size_t);
static const char *set_secret(struct pending *, const uint8_t *, size_t);
static int	 commit(struct secrets_db *, const struct pending *, size_t);

const char *
secret_kind_name(enum secret_kind k)
{
	switch (k) {
	case SECRET_PLAIN:
		return "plain";
	case SECRET_NTHASH:
		return "nthash";
	}
	return "unknown";
}

const char *
secret_addr_mode_name(enum secret_addr_mode m)
{
	switch (m) {
	case SECRET_ADDR_ANY:
		return "any";
	case SECRET_ADDR_NONE:
		return "none";
	case SECRET_ADDR_LIST:
		return "list";
	}
	return "unknown";
}

static void *
arena_alloc(struct secrets_db *db, size_t n)
{
	struct arena_chunk *c = db->chunks;
	size_t hdr = ALIGN16(sizeof(*c)), sz;
	uint8_t *p;

	n = ALIGN16(n);		/* n is bounded by the word caps */
	if (c == NULL || c->size - c->used < n) {
		if (db->next_size == 0)
			db->next_size = ARENA_FIRST;
		sz = n + hdr > db->next_size ? ALIGN16(n + hdr) :
		    db->next_size;
		if (db->next_size < ARENA_CHUNK)
			db->next_size *= 2;
		if ((c = sodium_malloc(sz)) == NULL)
			return NULL;
		memset(c, 0, sz);
		c->next = db->chunks;
		c->size = sz;
		c->used = hdr;
		db->chunks = c;
	}
	p = (uint8_t *)c + c->used;
	c->used += n;
	return p;
}

static bool
word_is(const struct pw_word *w, const char *lit)
{
	size_t n = strlen(lit);

	return w->len == n && memcmp(w->buf, lit, n) == 0;
}

static const char *
parse_addr(const uint8_t *w, size_t n, struct pending *pe)
{
	struct addr_rule r = { 0, 32, 0, { 0, 0 } };
	char buf[16];
	struct in_addr ia;
	size_t i, alen;
	unsigned pfx = 32;

	pe->naddrwords++;
	if (n == 1 && w[0] == '-') {
		pe->dash = true;
		return NULL;
	}
	if (pe->addrs.nrules == SECRETS_MAX_ADDRS)
		return "too many addresses";
	if (n == 1 && w[0] == '*') {
		r.prefix = 0;
		pe->addrs.rule[pe->addrs.nrules++] = r;
		return NULL;
	}
	if (n > 0 && w[0] == '!') {
		r.exclude = 1;
		w++;
		n--;
	}
	for (alen = 0; alen < n && w[alen] != '/'; alen++)
		;
	if (alen == 0 || alen >= sizeof(buf))
		return "bad address (host names are not resolved)";
	memcpy(buf, w, alen);
	buf[alen] = '\0';
	if (inet_pton(AF_INET, buf, &ia) != 1)
		return "bad address (host names are not resolved)";
	if (alen < n) {
		/* "/n": 1 or 2 digits, no sign, no leading zero, 0..32 */
		size_t dl = n - alen - 1;

		if (dl == 0 || dl > 2 || (dl == 2 && w[alen + 1] == '0'))
			return "bad prefix length";
		pfx = 0;
		for (i = alen + 1; i < n; i++) {
			if (w[i] < '0' || w[i] > '9')
				return "bad prefix length";
			pfx = pfx * 10 + (unsigned)(w[i] - '0');
		}
		if (pfx > 32)
			return "bad prefix length";
	}
	r.prefix = (uint8_t)pfx;
	r.net = ntohl(ia.s_addr);
	r.net &= addr_prefix_mask(pfx);
	pe->addrs.rule[pe->addrs.nrules++] = r;
	return NULL;
}

static const char *
finish_addrs(struct pending *pe)
{
	struct secret_addrs *a = &pe->addrs;
	size_t i, nex = 0;

	if (pe->dash) {
		if (pe->naddrwords != 1)
			return "\"-\" must be the only address";
		a->mode = SECRET_ADDR_NONE;
		a->nrules = 0;
		return NULL;
	}
	if (a->nrules == 0) {
		a->mode = SECRET_ADDR_ANY;
		return NULL;
	}
	if (a->nrules == 1 && !a->rule[0].exclude && a->rule[0].prefix == 0) {
		a->mode = SECRET_ADDR_ANY;	/* just "*" */
		a->nrules = 0;
		return NULL;
	}
	for (i = 0; i < a->nrules; i++)
		nex += a->rule[i].exclude;
	if (nex == a->nrules) {
		/* only exclusions: everything else is allowed */
		a->rule[a->nrules++] = (struct addr_rule){ 0, 0, 0, { 0, 0 } };
	}
	a->mode = SECRET_ADDR_LIST;
	return NULL;
}

/* Store a final secret word: "nthash:" form or plain bytes. */
static const char *
set_secret(struct pending *pe, const uint8_t *w, size_t n)
{
	size_t pl = sizeof(NTHASH_PREFIX) - 1, bl = 0;

	if (n == 0)
		return "empty secret";
	if (n >= pl && memcmp(w, NTHASH_PREFIX, pl) == 0) {
		if (n - pl != 2 * MSCHAP_NTHASH_LEN)
			return "nthash: needs exactly 32 hex digits";
		/* every byte must be a hex digit (no end pointer: all) */
		if (sodium_hex2bin(pe->nthash, MSCHAP_NTHASH_LEN,
		    (const char *)w + pl, n - pl, NULL, &bl, NULL) != 0 ||
		    bl != MSCHAP_NTHASH_LEN) {
			sodium_memzero(pe->nthash, MSCHAP_NTHASH_LEN);
			return "nthash: needs exactly 32 hex digits";
		}
		pe->kind = SECRET_NTHASH;
		pe->seclen = 0;
		return NULL;
	}
	if (w != pe->sec)
		memcpy(pe->sec, w, n);
	pe->seclen = n;
	pe->kind = SECRET_PLAIN;
	return NULL;
}

/*
 * The secret word is w.  Resolve "@/path" through the callback; `why`
 * receives a formatted reason for errors that name the path.
 */
static const char *
parse_secret(const struct pw_word *w, struct pending *pe, struct scratch *sc,
    secrets_read_fn rf, void *arg, char *why, size_t whylen)
{
	struct pw_rd sub;
	struct pw_word sw = { .buf = pe->sec, .cap = SECRETS_WORD_MAX };
	size_t n = 0;
	const char *e;
	char safe[96];
	enum pw_tok t;
	int r;

	if (w->len < 2 || w->buf[0] != '@' || w->buf[1] != '/')
		return set_secret(pe, w->buf, w->len);
	if (rf == NULL)
		return "indirect secret (@/path) not available here";
	memcpy(sc->path, w->buf + 1, w->len - 1);
	sc->path[w->len - 1] = '\0';
	log_sanitize(safe, sizeof(safe), sc->path, w->len - 1);
	r = rf(arg, sc->path, sc->at, sizeof(sc->at), &n);
	if (r == HP_OK && n > sizeof(sc->at))
		r = HP_E_LONG;
	if (r != HP_OK) {
		(void)snprintf(why, whylen, "cannot read secret file %s: %s",
		    safe, hp_strerror(r));
		sodium_memzero(sc->at, sizeof(sc->at));
		return why;
	}
	pw_init(&sub, sc->at, n, SECRETS_PW_FLAGS);
	while ((t = pw_next(&sub, &sw)) == PW_EOL)
		;
	if (t == PW_EOF)
		(void)snprintf(why, whylen, "no secret in %s", safe);
	else if (t == PW_ERR)
		(void)snprintf(why, whylen, "%s:%zu: %s", safe, sub.line,
		    sw.why);
	else if (sw.len >= 2 && sw.buf[0] == '@' && sw.buf[1] == '/')
		(void)snprintf(why, whylen, "%s points to another file", safe);
	else if ((e = set_secret(pe, sw.buf, sw.len)) != NULL)
		(void)snprintf(why, whylen, "%s: %s", safe, e);
	else
		why = NULL;
	sodium_memzero(sc->at, sizeof(sc->at));
	return why;
}

static int
commit(struct secrets_db *db, const struct pending *pe, size_t line)
{
	struct secret_entry *e, **ne;
	uint8_t *p;
	size_t need;

	if (db->n == db->cap) {
		size_t ncap = db->cap ? db->cap * 2 : 64;

		if ((ne = reallocarray(db->ents, ncap, sizeof(*ne))) == NULL)
			return HP_E_NOMEM;
		db->ents = ne;
		db->cap = ncap;
	}
	/* all three lengths are capped by SECRETS_WORD_MAX */
	need = sizeof(*e) + pe->clen + 1 + pe->slen + 1 + pe->seclen + 1;
	if ((e = arena_alloc(db, need)) == NULL)
		return HP_E_NOMEM;
	p = (uint8_t *)(e + 1);
	memcpy(p, pe->client, pe->clen);
	e->client = (const char *)p;
	e->client_len = pe->clen;
	p += pe->clen + 1;
	memcpy(p, pe->server, pe->slen);
	e->server = (const char *)p;
	e->server_len = pe->slen;
	p += pe->slen + 1;
	e->kind = pe->kind;
	if (pe->kind == SECRET_PLAIN) {
		memcpy(p, pe->sec, pe->seclen);
		e->secret = p;
		e->secret_len = pe->seclen;
	} else
		memcpy(e->nthash, pe->nthash, MSCHAP_NTHASH_LEN);
	e->addrs = pe->addrs;
	e->line = line;
	db->ents[db->n++] = e;
	return HP_OK;
}

int
secrets_parse(const char *fname, const uint8_t *buf, size_t len,
    secrets_read_fn rf, void *arg, struct secrets_db **dbp,
    struct secrets_stats *stp)
{
	struct secrets_stats st = { 0, 0, 0 };
	struct secrets_db *db = NULL;
	struct scratch *sc = NULL;
	struct pending pe;
	struct pw_rd rd;
	struct pw_word w;
	struct arena_chunk *c;
	char why[LOG_MAX_LINE / 2];
	const char *err;
	enum pw_tok t;
	size_t start;
	bool opts;
	int r = HP_OK;

	*dbp = NULL;
	memset(&pe, 0, sizeof(pe));
	if (sodium_init() < 0) {
		r = HP_E_SYS;
		goto out;
	}
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (sc = sodium_malloc(sizeof(*sc))) == NULL) {
		r = HP_E_NOMEM;
		goto out;
	}
	pw_init(&rd, buf, len, SECRETS_PW_FLAGS);
	memset(&w, 0, sizeof(w));
	w.buf = sc->word;
	w.cap = sizeof(sc->word);

	for (;;) {
		start = rd.line;
		if ((t = pw_next(&rd, &w)) == PW_EOF)
			break;
		if (t == PW_EOL)
			continue;
		memset(&pe, 0, sizeof(pe));
		pe.sec = sc->sec;
		pe.nthash = sc->nthash;
		err = NULL;
		opts = false;
		/* client */
		if (t == PW_ERR)
			err = w.why;
		else if (w.len > SECRETS_NAME_MAX)
			err = "client name too long";
		else {
			memcpy(pe.client, w.buf, w.len);
			pe.clen = w.len;
			t = pw_next(&rd, &w);
		}
		/* server */
		if (err != NULL)
			;
		else if (t == PW_ERR)
			err = w.why;
		else if (t != PW_WORD)
			err = "missing server and secret";
		else if (w.len > SECRETS_NAME_MAX)
			err = "server name too long";
		else {
			memcpy(pe.server, w.buf, w.len);
			pe.slen = w.len;
			t = pw_next(&rd, &w);
		}
		/* secret */
		if (err != NULL)
			;
		else if (t == PW_ERR)
			err = w.why;
		else if (t != PW_WORD)
			err = "missing secret";
		else if ((err = parse_secret(&w, &pe, sc, rf, arg, why,
		    sizeof(why))) == NULL)
			t = pw_next(&rd, &w);
		/* addresses, then "--" and ignored words */
		while (err == NULL && t == PW_WORD) {
			if (!w.quoted && word_is(&w, "--")) {
				opts = true;
				while ((t = pw_next(&rd, &w)) == PW_WORD)
					;
				break;
			}
			if ((err = parse_addr(w.buf, w.len, &pe)) == NULL)
				t = pw_next(&rd, &w);
		}
		if (err == NULL && t == PW_ERR && !opts)
			err = w.why;
		if (err == NULL && pe.clen == 0)
			err = "empty client name";
		if (err == NULL && pe.slen == 0)
			err = "empty server name";
		if (err == NULL)
			err = finish_addrs(&pe);
		if (err == NULL && pe.kind == SECRET_PLAIN) {
			/* (the scratch's nthash is free for a plain secret) */
			uint8_t *h = sc->nthash;

			/* usable for PAP/CHAP-MD5, but MS-CHAP will fail */
			if (mschap_nt_hash_in(pe.sec, pe.seclen, h, &sc->nt) !=
			    HP_OK) {
				log_warnx("%s:%zu: secret is not valid UTF-8 "
				    "of at most %d characters; MS-CHAP will "
				    "fail for this entry", fname, start,
				    MSCHAP_PW_MAX_UNITS);
				st.warnings++;
			}
			sodium_memzero(h, MSCHAP_NTHASH_LEN);
		}
		if (err != NULL) {
			log_warnx("%s:%zu: %s; line skipped", fname, start,
			    err);
			st.bad++;
			if (t != PW_EOL && t != PW_EOF)
				pw_skip_line(&rd);
		} else {
			if (opts) {
				log_warnx("%s:%zu: options after \"--\" "
				    "ignored", fname, start);
				st.warnings++;
				if (t == PW_ERR)
					pw_skip_line(&rd);
			}
			if ((r = commit(db, &pe, start)) != HP_OK)
				goto out;
			st.valid++;
		}
		sodium_memzero(pe.sec, SECRETS_WORD_MAX);
		sodium_memzero(&pe, sizeof(pe));
	}
	if (st.valid == 0) {
		log_warnx("%s: no valid entry", fname);
		r = HP_E_NOTFOUND;
		goto out;
	}
	for (c = db->chunks; c != NULL; c = c->next)
		(void)sodium_mprotect_readonly(c);
	*dbp = db;
	db = NULL;
out:
	sodium_memzero(&pe, sizeof(pe));
	if (sc != NULL)
		sodium_free(sc);	/* wipes */
	secrets_free(db);
	if (stp != NULL)
		*stp = st;
	return r;
}

void
secrets_free(struct secrets_db *db)
{
	struct arena_chunk *c, *next;

	if (db == NULL)
		return;
	for (c = db->chunks; c != NULL; c = next) {
		next = c->next;
		sodium_free(c);		/* makes it writable, wipes, unmaps */
	}
	free(db->ents);
	free(db);
}

size_t
secrets_count(const struct secrets_db *db)
{
	return db != NULL ? db->n : 0;
}

const struct secret_entry *
secrets_entry(const struct secrets_db *db, size_t i)
{
	return db != NULL && i < db->n ? db->ents[i] : NULL;
}

static bool
name_is_any(const char *n, size_t len)
{
	return len == 1 && n[0] == '*';
}

const struct secret_entry *
secrets_lookup(const struct secrets_db *db, const void *client, size_t clen,
    const void *server, size_t slen)
{
	const struct secret_entry *e, *best = NULL;
	int rank, best_rank = -1;
	bool c_any, s_any;
	size_t i;

	if (db == NULL)
		return NULL;
	for (i = 0; i < db->n; i++) {
		e = db->ents[i];
		c_any = name_is_any(e->client, e->client_len);
		s_any = name_is_any(e->server, e->server_len);
		if (!c_any && (e->client_len != clen ||
		    memcmp(e->client, client, clen) != 0))
			continue;
		if (!s_any && (e->server_len != slen ||
		    memcmp(e->server, server, slen) != 0))
			continue;
		/* 3: both exact; 2: client exact; 1: server exact; 0: * * */
		rank = (c_any ? 0 : 2) + (s_any ? 0 : 1);
		if (rank > best_rank) {
			best = e;
			best_rank = rank;
			if (rank == 3)
				break;
		}
	}
	return best;
}

bool
secrets_addr_allowed(const struct secret_addrs *a, uint32_t addr)
{
	switch (a->mode) {
	case SECRET_ADDR_ANY:
		return true;
	case SECRET_ADDR_NONE:
		return false;
	case SECRET_ADDR_LIST:
		return addr_rules_allow(a->rule, a->nrules, addr);
	}
	return false;
}

int
secrets_static_addr(const struct secret_addrs *a, uint32_t *addr)
{
	if (a->mode == SECRET_ADDR_LIST && a->nrules == 1 &&
	    !a->rule[0].exclude && a->rule[0].prefix == 32) {
		*addr = a->rule[0].net;
		return HP_OK;
	}
	return HP_E_NOTFOUND;
}
