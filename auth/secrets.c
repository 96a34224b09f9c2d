/*
 * hpptpd auth: chap-secrets parser and lookup.  The format and its rules
 * are described in secrets.h.  The tokenizer is a bounded reader over the
 * caller's bytes: every word grows one byte at a time against
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
#include "auth/mschap.h"
#include "auth/secrets.h"

#define ARENA_FIRST	(8 * 1024)	/* first chunk; doubles up to ... */
#define ARENA_CHUNK	(64 * 1024)	/* multiples of 16: keep alignment */
#define ALIGN16(n)	(((n) + 15) & ~(size_t)15)
#define NTHASH_PREFIX	"nthash:"

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

enum sp_tok { SP_WORD, SP_EOL, SP_EOF, SP_ERR };

/* Tokenizer state over one buffer. */
struct sp {
	const char	*fname;
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;		/* off <= len always */
	size_t		 line;		/* 1-based line of p[off] */
	uint8_t		*w;		/* current word, SECRETS_WORD_MAX */
	size_t		 wlen;
	bool		 quoted;	/* some part of the word was quoted */
	const char	*err;		/* reason after SP_ERR */
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
static bool	 sp_blank(uint8_t);
static int	 sp_escape(struct sp *, uint8_t *, bool *);
static enum sp_tok sp_next(struct sp *);
static void	 sp_skip_line(struct sp *);
static bool	 word_is(const struct sp *, const char *);
static int	 hexval(uint8_t);
static const char *parse_addr(const uint8_t *, size_t, struct pending *);
static const char *finish_addrs(struct pending *);
static const char *parse_secret(struct sp *, struct pending *,
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
sp_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int
hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* At a backslash: decode one escape into *out, or a continuation. */
static int
sp_escape(struct sp *s, uint8_t *out, bool *cont)
{
	unsigned v = 0;
	int k, h;
	uint8_t c;

	*cont = false;
	s->off++;			/* the backslash */
	if (s->off == s->len) {
		s->err = "backslash at end of file";
		return HP_E_FORMAT;
	}
	c = s->p[s->off];
	if (c == '\n') {
		s->off++;
		s->line++;
		*cont = true;
		return HP_OK;
	}
	if (c >= '0' && c <= '7') {
		for (k = 0; k < 3 && s->off < s->len &&
		    s->p[s->off] >= '0' && s->p[s->off] <= '7'; k++)
			v = v * 8 + (unsigned)(s->p[s->off++] - '0');
		if (v > 0xff) {
			s->err = "octal escape above \\377";
			return HP_E_FORMAT;
		}
		*out = (uint8_t)v;
		return HP_OK;
	}
	if (c == 'x') {
		s->off++;
		for (k = 0; k < 2 && s->off < s->len &&
		    (h = hexval(s->p[s->off])) >= 0; k++, s->off++)
			v = v * 16 + (unsigned)h;
		if (k == 0) {
			s->err = "\\x without hex digits";
			return HP_E_FORMAT;
		}
		*out = (uint8_t)v;
		return HP_OK;
	}
	switch (c) {
	case 'a': *out = '\a'; break;
	case 'b': *out = '\b'; break;
	case 'f': *out = '\f'; break;
	case 'n': *out = '\n'; break;
	case 'r': *out = '\r'; break;
	case 's': *out = ' '; break;
	case 't': *out = '\t'; break;
	case 'v': *out = '\v'; break;
	default: *out = c; break;
	}
	s->off++;
	return HP_OK;
}

/*
 * The next token: a word (in s->w / s->wlen), the end of a line (the
 * newline is consumed), the end of the buffer, or an error (s->err; the
 * caller skips the rest of the line).
 */
static enum sp_tok
sp_next(struct sp *s)
{
	uint8_t c, q = 0, b;
	bool cont;

	s->wlen = 0;
	s->quoted = false;
	for (;;) {
		if (s->off == s->len)
			return SP_EOF;
		c = s->p[s->off];
		if (sp_blank(c)) {
			s->off++;
			continue;
		}
		if (c == '\\' && s->len - s->off >= 2 &&
		    s->p[s->off + 1] == '\n') {
			s->off += 2;
			s->line++;
			continue;
		}
		if (c == '#') {
			while (s->off < s->len && s->p[s->off] != '\n')
				s->off++;
			continue;
		}
		break;
	}
	if (c == '\n') {
		s->off++;
		s->line++;
		return SP_EOL;
	}
	while (s->off < s->len) {
		c = s->p[s->off];
		if (q == 0 && (sp_blank(c) || c == '\n'))
			break;
		if (c == '\n') {
			s->err = "unterminated quote";
			return SP_ERR;
		}
		if (q != 0 && c == q) {
			q = 0;
			s->off++;
			continue;
		}
		if (q == 0 && (c == '"' || c == '\'')) {
			q = c;
			s->quoted = true;
			s->off++;
			continue;
		}
		if (c == '\\') {
			if (sp_escape(s, &b, &cont) != HP_OK)
				return SP_ERR;
			if (cont)
				continue;
		} else {
			b = c;
			s->off++;
		}
		if (b == '\0') {
			s->err = "NUL byte in word";
			return SP_ERR;
		}
		if (s->wlen == SECRETS_WORD_MAX) {
			s->err = "word too long";
			return SP_ERR;
		}
		s->w[s->wlen++] = b;
	}
	if (q != 0) {
		s->err = "unterminated quote";
		return SP_ERR;
	}
	return SP_WORD;
}

/* After an error: resume after the next newline not escaped by '\'. */
static void
sp_skip_line(struct sp *s)
{
	const uint8_t *nl;
	size_t pos, k;

	while (s->off < s->len) {
		nl = memchr(s->p + s->off, '\n', s->len - s->off);
		if (nl == NULL) {
			s->off = s->len;
			return;
		}
		pos = (size_t)(nl - s->p);
		for (k = 0; pos - k > s->off && s->p[pos - k - 1] == '\\'; k++)
			;
		s->off = pos + 1;
		s->line++;
		if (k % 2 == 0)
			return;
	}
}

static bool
word_is(const struct sp *s, const char *lit)
{
	size_t n = strlen(lit);

	return s->wlen == n && memcmp(s->w, lit, n) == 0;
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
	size_t pl = sizeof(NTHASH_PREFIX) - 1, i;
	int hi, lo;

	if (n == 0)
		return "empty secret";
	if (n >= pl && memcmp(w, NTHASH_PREFIX, pl) == 0) {
		if (n - pl != 2 * MSCHAP_NTHASH_LEN)
			return "nthash: needs exactly 32 hex digits";
		for (i = 0; i < MSCHAP_NTHASH_LEN; i++) {
			hi = hexval(w[pl + 2 * i]);
			lo = hexval(w[pl + 2 * i + 1]);
			if (hi < 0 || lo < 0) {
				sodium_memzero(pe->nthash, MSCHAP_NTHASH_LEN);
				return "nthash: needs exactly 32 hex digits";
			}
			pe->nthash[i] = (uint8_t)(hi << 4 | lo);
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
 * The secret word is in s->w.  Resolve "@/path" through the callback;
 * `why` receives a formatted reason for errors that name the path.
 */
static const char *
parse_secret(struct sp *s, struct pending *pe, struct scratch *sc,
    secrets_read_fn rf, void *arg, char *why, size_t whylen)
{
	struct sp sub;
	size_t n = 0;
	const char *e;
	char safe[96];
	enum sp_tok t;
	int r;

	if (s->wlen < 2 || s->w[0] != '@' || s->w[1] != '/')
		return set_secret(pe, s->w, s->wlen);
	if (rf == NULL)
		return "indirect secret (@/path) not available here";
	memcpy(sc->path, s->w + 1, s->wlen - 1);
	sc->path[s->wlen - 1] = '\0';
	log_sanitize(safe, sizeof(safe), sc->path, s->wlen - 1);
	r = rf(arg, sc->path, sc->at, sizeof(sc->at), &n);
	if (r == HP_OK && n > sizeof(sc->at))
		r = HP_E_LONG;
	if (r != HP_OK) {
		(void)snprintf(why, whylen, "cannot read secret file %s: %s",
		    safe, hp_strerror(r));
		sodium_memzero(sc->at, sizeof(sc->at));
		return why;
	}
	memset(&sub, 0, sizeof(sub));
	sub.fname = sc->path;
	sub.p = sc->at;
	sub.len = n;
	sub.line = 1;
	sub.w = pe->sec;
	while ((t = sp_next(&sub)) == SP_EOL)
		;
	if (t == SP_EOF)
		(void)snprintf(why, whylen, "no secret in %s", safe);
	else if (t == SP_ERR)
		(void)snprintf(why, whylen, "%s:%zu: %s", safe, sub.line,
		    sub.err);
	else if (sub.wlen >= 2 && sub.w[0] == '@' && sub.w[1] == '/')
		(void)snprintf(why, whylen, "%s points to another file", safe);
	else if ((e = set_secret(pe, sub.w, sub.wlen)) != NULL)
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
	struct sp s;
	struct arena_chunk *c;
	char why[LOG_MAX_LINE / 2];
	const char *err;
	enum sp_tok t;
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
	memset(&s, 0, sizeof(s));
	s.fname = fname;
	s.p = buf;
	s.len = buf != NULL ? len : 0;
	s.line = 1;
	s.w = sc->word;

	for (;;) {
		start = s.line;
		if ((t = sp_next(&s)) == SP_EOF)
			break;
		if (t == SP_EOL)
			continue;
		memset(&pe, 0, sizeof(pe));
		pe.sec = sc->sec;
		pe.nthash = sc->nthash;
		err = NULL;
		opts = false;
		/* client */
		if (t == SP_ERR)
			err = s.err;
		else if (s.wlen > SECRETS_NAME_MAX)
			err = "client name too long";
		else {
			memcpy(pe.client, s.w, s.wlen);
			pe.clen = s.wlen;
			t = sp_next(&s);
		}
		/* server */
		if (err != NULL)
			;
		else if (t == SP_ERR)
			err = s.err;
		else if (t != SP_WORD)
			err = "missing server and secret";
		else if (s.wlen > SECRETS_NAME_MAX)
			err = "server name too long";
		else {
			memcpy(pe.server, s.w, s.wlen);
			pe.slen = s.wlen;
			t = sp_next(&s);
		}
		/* secret */
		if (err != NULL)
			;
		else if (t == SP_ERR)
			err = s.err;
		else if (t != SP_WORD)
			err = "missing secret";
		else if ((err = parse_secret(&s, &pe, sc, rf, arg, why,
		    sizeof(why))) == NULL)
			t = sp_next(&s);
		/* addresses, then "--" and ignored words */
		while (err == NULL && t == SP_WORD) {
			if (!s.quoted && word_is(&s, "--")) {
				opts = true;
				while ((t = sp_next(&s)) == SP_WORD)
					;
				break;
			}
			if ((err = parse_addr(s.w, s.wlen, &pe)) == NULL)
				t = sp_next(&s);
		}
		if (err == NULL && t == SP_ERR && !opts)
			err = s.err;
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
			if (t != SP_EOL && t != SP_EOF)
				sp_skip_line(&s);
		} else {
			if (opts) {
				log_warnx("%s:%zu: options after \"--\" "
				    "ignored", fname, start);
				st.warnings++;
				if (t == SP_ERR)
					sp_skip_line(&s);
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
