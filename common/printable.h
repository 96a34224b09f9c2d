/*
 * hpptpd: the one definition of "printable" for everything that ends up
 * in a log line, a hook's environment or a converted configuration.
 * Printable is ASCII 0x20..0x7e; every other byte (controls, DEL, and
 * all of 0x80..0xff, so no terminal or log viewer ever sees a partial
 * UTF-8 sequence or an escape sequence from a peer) is written as \xNN.
 */
#ifndef HP_PRINTABLE_H
#define HP_PRINTABLE_H

#include <stdbool.h>
#include <stddef.h>

static inline bool
pr_isprint(unsigned char c)
{
	return c >= 0x20 && c <= 0x7e;
}

/* Bytes that are printable but escaped anyway: they delimit values. */
static inline bool
pr_isquote(unsigned char c)
{
	return c == '"' || c == '\\';
}

/* The longest output for srclen input bytes, with its NUL. */
#define PR_ESCAPED_MAX(srclen)	(4 * (srclen) + 1)

/*
 * Copy srclen bytes of untrusted text into dst (dstlen > 0, always NUL
 * terminated): printable bytes as themselves, '"', '\\' and everything
 * else as \xNN (lower-case hex).  An escape is never cut in two: when
 * dst is full the copy stops before it.  Embedded NULs are escaped too.
 * Returns the number of source bytes copied (srclen unless truncated).
 */
size_t	pr_escape(char *dst, size_t dstlen, const void *src, size_t srclen);

/* true if all n bytes of s are printable (pr_isprint). */
bool	pr_all_printable(const void *s, size_t n);

/*
 * An audit line's syntax, strictly: KEY=VALUE tokens separated by one
 * space, KEY [a-z][a-z0-9_-]* (at most PR_KV_MAX, no key twice), VALUE
 * either "..." of printable bytes without '"' or a non-empty run of
 * printable bytes without space or '"'; the first key is "event".  On
 * success *ev / *evlen name the event's value.  Master accepts a
 * worker's line as an audit line only if it passes (proc.c).
 */
#define PR_KV_MAX	32
bool	pr_audit_line(const char *s, size_t n, const char **ev, size_t *evlen);

#endif /* HP_PRINTABLE_H */
