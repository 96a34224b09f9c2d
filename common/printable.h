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

#endif /* HP_PRINTABLE_H */
