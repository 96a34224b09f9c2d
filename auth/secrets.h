/*
 * hpptpd auth: the chap-secrets database (pppd / Poptop format).
 *
 * The worker reads the file from the fd master passes and hands the bytes
 * to secrets_parse(); this module never opens anything itself.  An
 * "@/path" secret is fetched through the caller's read callback (the
 * worker asks master, which opens it under the same ownership rules).
 *
 * Format, one entry per line:
 *
 *	client  server  secret  [address ...]  [-- ignored ...]
 *
 * - Words are separated by blanks.  A word may contain "double" or
 *   'single' quoted parts (blanks and # are then literal; both kinds
 *   process backslash escapes, as pppd does); quoted and unquoted parts
 *   join into one word.  A quote left open at the end of a line is an
 *   error (pppd would run on into the next line).
 * - Escapes: \\ \" \' \# and \<blank> stand for themselves; \a \b \f \n
 *   \r \s (space) \t \v; \ooo (1-3 octal digits, at most 0377); \xHH (1-2
 *   hex digits); any other \c is c.  A backslash before a newline
 *   continues the line.  A word may not contain a NUL byte.
 * - # starts a comment when it begins a word outside quotes, so "pass#1"
 *   is a word (as in pppd).  Empty and comment-only lines are skipped.
 * - client or server "*" matches any name.  Lookup picks the most
 *   specific entry: exact client and exact server, then exact client with
 *   server *, then client * with exact server, then * *; among equals the
 *   first in the file wins.
 * - secret "@/path": the first word of that file (same word rules) is the
 *   secret; an indirect file may not point further ("@/" again).
 * - secret "nthash:" followed by exactly 32 hex digits: the NT password
 *   hash (MD4 of the UTF-16LE password).  Such an entry serves MS-CHAPv1
 *   and MS-CHAPv2 only.  An empty secret is an error.
 * - addresses (IPv4): none or "*" = any address; "-" alone = no address
 *   allowed; a.b.c.d = that address; a.b.c.d/n = a subnet (host bits
 *   are masked off); "!" before either excludes it.  The first rule that
 *   matches decides (pppd's ip_addr_check); no match means refused, except
 *   that a list of exclusions only allows everything else.  Host names
 *   are not resolved: they make the line bad.  At most SECRETS_MAX_ADDRS.
 * - "--" (unquoted) ends the address list; the words after it (pppd
 *   per-user options) are ignored with a warning.
 * - Caps: names SECRETS_NAME_MAX bytes, any word SECRETS_WORD_MAX bytes
 *   (a longer word, however long, is an error and the line is skipped;
 *   every count is a size_t checked against its cap before it grows).
 *
 * A bad line is logged with log_warnx as "file:line: reason" (no secret
 * text is ever logged) and skipped; parsing continues.
 *
 * Memory: every entry (names, secrets, hashes) lives in sodium_malloc'ed,
 * locked chunks that are made read-only once parsing is done and wiped
 * by secrets_free().
 */
#ifndef HP_AUTH_SECRETS_H
#define HP_AUTH_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/mschap.h"
#include "common/addrrule.h"

#define SECRETS_NAME_MAX	255	/* client / server name bytes */
#define SECRETS_WORD_MAX	1024	/* any word, so any secret, in bytes */
#define SECRETS_MAX_ADDRS	(ADDR_RULES_MAX - 1) /* address words per entry */
#define SECRETS_ATFILE_MAX	4096	/* bytes of an @/path file */

/*
 * Reads the file at `path` (absolute, NUL-terminated) into buf (at most
 * cap bytes) and sets *len.  Returns HP_OK or a negative hp_err; a file
 * longer than cap must fail (HP_E_LONG) rather than be cut.
 */
typedef int (*secrets_read_fn)(void *arg, const char *path, uint8_t *buf,
    size_t cap, size_t *len);

enum secret_kind {
	SECRET_PLAIN = 1,	/* the password itself (UTF-8 bytes) */
	SECRET_NTHASH = 2,	/* only its NT hash: MS-CHAP only */
};
const char *secret_kind_name(enum secret_kind);

enum secret_addr_mode {
	SECRET_ADDR_ANY = 0,	/* no address words, or only "*" */
	SECRET_ADDR_NONE = 1,	/* "-": no address is allowed */
	SECRET_ADDR_LIST = 2,	/* rules[], first match decides */
};
const char *secret_addr_mode_name(enum secret_addr_mode);

/* The address column of one entry; plain data, safe to copy. */
struct secret_addrs {
	enum secret_addr_mode	mode;
	uint8_t			nrules;
	struct addr_rule	rule[ADDR_RULES_MAX];
};

struct secret_entry {
	const char	*client;	/* NUL-terminated; "*" = any */
	size_t		 client_len;
	const char	*server;	/* NUL-terminated; "*" = any */
	size_t		 server_len;
	enum secret_kind kind;
	const uint8_t	*secret;	/* SECRET_PLAIN: the bytes */
	size_t		 secret_len;
	uint8_t		 nthash[MSCHAP_NTHASH_LEN];	/* SECRET_NTHASH */
	struct secret_addrs addrs;
	size_t		 line;		/* line in the file, for logs */
};

struct secrets_stats {
	size_t	valid;		/* entries stored */
	size_t	bad;		/* lines skipped with an error */
	size_t	warnings;	/* other warnings (ignored options...) */
};

struct secrets_db;

/*
 * Parse `len` bytes of a chap-secrets file named `fname` (for messages).
 * `rf` may be NULL: every "@/path" secret is then a bad line.  On HP_OK,
 * *dbp holds at least one entry.  With no valid entry at all the result is
 * HP_E_NOTFOUND (logged; the server must not start) and *dbp is NULL;
 * HP_E_NOMEM / HP_E_SYS when memory could not be had.  `st` (may be NULL)
 * receives the counts in every case.
 */
int	secrets_parse(const char *fname, const uint8_t *buf, size_t len,
	    secrets_read_fn rf, void *arg, struct secrets_db **dbp,
	    struct secrets_stats *st);
/* Wipe and free everything; NULL is fine. */
void	secrets_free(struct secrets_db *);
size_t	secrets_count(const struct secrets_db *);
/* Entry i in file order (0 .. count-1), or NULL. */
const struct secret_entry *secrets_entry(const struct secrets_db *, size_t);

/*
 * The most specific entry for a client (peer's user name) and server (our
 * name), or NULL.  Names are compared as bytes; `client` and `server`
 * need not be NUL-terminated.  The entry stays valid until secrets_free.
 */
const struct secret_entry *secrets_lookup(const struct secrets_db *,
	    const void *client, size_t clen, const void *server, size_t slen);

/* Whether the IPv4 address (host order) is allowed by the address column. */
bool	secrets_addr_allowed(const struct secret_addrs *, uint32_t addr);
/*
 * The static address: HP_OK and *addr when the column is exactly one
 * single address (a.b.c.d or a.b.c.d/32), else HP_E_NOTFOUND.
 */
int	secrets_static_addr(const struct secret_addrs *, uint32_t *addr);

#endif /* HP_AUTH_SECRETS_H */
