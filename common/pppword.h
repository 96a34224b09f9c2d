/*
 * hpptpd: one reader of pppd's word syntax, as pppd reads its option
 * files and chap-secrets (master/poptop.c reads the option file with
 * it, auth/secrets.c the secrets).
 *
 * - Words are separated by blanks (space, \t, \r, \f, \v, and newline
 *   unless PW_LINES).  A word may contain "double" or 'single' quoted
 *   parts (blanks and # are then literal; escapes work inside both);
 *   quoted and unquoted parts join into one word.
 * - # starts a comment, to the end of the line, only where a word
 *   would begin, so "pass#1" is one word.
 * - Escapes: \a \b \f \n \r \s (space) \t; \ooo (1-3 octal digits);
 *   \xHH (1-2 hex digits); any other \c is c.  A backslash before a
 *   newline joins the lines.
 *
 * Two readings of the corner cases, chosen by flags:
 *   0 (pppd's option files): a newline is a blank, also inside quotes;
 *     a backslash at the end of the input ends the word (quote or not);
 *     \x without a digit is NUL, an octal escape is taken modulo 0400,
 *     NUL bytes are kept (a C-string user stops at the first one).
 *   PW_LINES (chap-secrets): a newline ends an entry (PW_EOL) and may
 *     not fall inside quotes.
 *   PW_STRICT: a backslash at the end of the input, \x without a hex
 *     digit, an octal escape above \377 and a NUL byte are errors.
 *   PW_ESC_V: \v is a vertical tab (pppd reads it as 'v').
 *
 * The reader is pure: bytes in, words out; the caller bounds the input
 * and gives each word a buffer of `cap` bytes, never written past.  A
 * word grows one byte at a time against cap, so no length can wrap.
 */
#ifndef HP_COMMON_PPPWORD_H
#define HP_COMMON_PPPWORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PW_LINES	0x01u
#define PW_STRICT	0x02u
#define PW_ESC_V	0x04u

struct pw_rd {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;		/* off <= len always */
	size_t		 line;		/* 1-based line of p[off] */
	unsigned	 flags;		/* PW_* */
};

struct pw_word {
	uint8_t		*buf;		/* the caller's; not NUL-terminated */
	size_t		 cap;		/* longest word, in bytes */
	size_t		 len;
	bool		 quoted;	/* some part of it was quoted */
	size_t		 line;		/* the line it started on */
	int		 err;		/* after PW_ERR: HP_E_LONG (longer
					   than cap) or HP_E_FORMAT */
	const char	*why;		/* after PW_ERR: static text */
};

enum pw_tok {
	PW_WORD,	/* w->buf[0 .. w->len) */
	PW_EOL,		/* the end of a line (PW_LINES only) */
	PW_EOF,		/* no more words */
	PW_ERR,		/* w->err, w->why; r->line is where it stopped */
};

const char	*pw_tok_name(enum pw_tok);
void	pw_init(struct pw_rd *, const void *buf, size_t len, unsigned flags);
/* The next word (into w->buf, at most w->cap bytes) or token. */
enum pw_tok pw_next(struct pw_rd *, struct pw_word *w);
/* After PW_ERR: resume after the next newline not escaped by '\'. */
void	pw_skip_line(struct pw_rd *);

#endif /* HP_COMMON_PPPWORD_H */
