/*
 * hpptpd: pppd's word syntax (see pppword.h).  One token per call: the
 * blanks, joined lines and comments before a word are skipped, then the
 * word is read byte by byte; every escape is decoded by pw_escape.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/pppword.h"

/* What one backslash escape turned out to be. */
enum pw_esc {
	PW_ESC_BYTE,	/* a byte in *out */
	PW_ESC_JOIN,	/* backslash-newline: the line continues */
	PW_ESC_END,	/* a backslash at the end of the input (lenient) */
	PW_ESC_BAD,	/* malformed (PW_STRICT); w->why says how */
};

static bool	pw_blank(const struct pw_rd *, uint8_t);
static int	pw_hexval(uint8_t);
static enum pw_tok pw_fail(struct pw_word *, int, const char *);
static enum pw_esc pw_escape(struct pw_rd *, struct pw_word *, uint8_t *);
static enum pw_esc pw_escape_num(struct pw_rd *, struct pw_word *,
		    uint8_t *);
static bool	pw_skip_blanks(struct pw_rd *);
static enum pw_tok pw_word_body(struct pw_rd *, struct pw_word *);

const char *
pw_tok_name(enum pw_tok t)
{
	switch (t) {
	case PW_WORD:	return "word";
	case PW_EOL:	return "eol";
	case PW_EOF:	return "eof";
	case PW_ERR:	return "error";
	}
	return "unknown";
}

void
pw_init(struct pw_rd *r, const void *buf, size_t len, unsigned flags)
{
	r->p = buf;
	r->len = buf != NULL ? len : 0;
	r->off = 0;
	r->line = 1;
	r->flags = flags;
}

/* A newline is a blank only where lines mean nothing. */
static bool
pw_blank(const struct pw_rd *r, uint8_t c)
{
	if (c == '\n')
		return !(r->flags & PW_LINES);
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int
pw_hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static enum pw_tok
pw_fail(struct pw_word *w, int err, const char *why)
{
	w->err = err;
	w->why = why;
	return PW_ERR;
}

/* \ooo and \xHH; r->off is at the first octal digit or at the 'x'. */
static enum pw_esc
pw_escape_num(struct pw_rd *r, struct pw_word *w, uint8_t *out)
{
	bool	 strict = (r->flags & PW_STRICT) != 0;
	unsigned v = 0;
	int	 k, h;

	if (r->p[r->off] != 'x') {
		for (k = 0; k < 3 && r->off < r->len &&
		    r->p[r->off] >= '0' && r->p[r->off] <= '7'; k++)
			v = v * 8 + (unsigned)(r->p[r->off++] - '0');
		if (v > 0xff && strict) {
			w->why = "octal escape above \\377";
			return PW_ESC_BAD;
		}
		*out = (uint8_t)(v & 0xff);
		return PW_ESC_BYTE;
	}
	r->off++;
	for (k = 0; k < 2 && r->off < r->len &&
	    (h = pw_hexval(r->p[r->off])) >= 0; k++, r->off++)
		v = v * 16 + (unsigned)h;
	if (k == 0 && strict) {
		w->why = "\\x without hex digits";
		return PW_ESC_BAD;
	}
	*out = (uint8_t)v;
	return PW_ESC_BYTE;
}

/* At a backslash: one escaped byte, a joined line, or the end. */
static enum pw_esc
pw_escape(struct pw_rd *r, struct pw_word *w, uint8_t *out)
{
	uint8_t	 c;

	r->off++;			/* the backslash */
	if (r->off == r->len) {
		if (!(r->flags & PW_STRICT))
			return PW_ESC_END;
		w->why = "backslash at end of file";
		return PW_ESC_BAD;
	}
	c = r->p[r->off];
	if (c == '\n') {
		r->off++;
		r->line++;
		return PW_ESC_JOIN;
	}
	if ((c >= '0' && c <= '7') || c == 'x')
		return pw_escape_num(r, w, out);
	switch (c) {
	case 'a': *out = '\a'; break;
	case 'b': *out = '\b'; break;
	case 'f': *out = '\f'; break;
	case 'n': *out = '\n'; break;
	case 'r': *out = '\r'; break;
	case 's': *out = ' '; break;
	case 't': *out = '\t'; break;
	case 'v': *out = (r->flags & PW_ESC_V) ? '\v' : 'v'; break;
	default: *out = c; break;
	}
	r->off++;
	return PW_ESC_BYTE;
}

/* Skip blanks, joined lines and comments; false at the end. */
static bool
pw_skip_blanks(struct pw_rd *r)
{
	uint8_t	 c;

	for (;;) {
		if (r->off == r->len)
			return false;
		c = r->p[r->off];
		if (pw_blank(r, c)) {
			if (c == '\n')
				r->line++;
			r->off++;
		} else if (c == '\\' && r->len - r->off >= 2 &&
		    r->p[r->off + 1] == '\n') {
			r->off += 2;
			r->line++;
		} else if (c == '#') {
			while (r->off < r->len && r->p[r->off] != '\n')
				r->off++;
		} else
			return true;
	}
}

/*
 * The word at r->off.  Errors leave r->off just past what was read, so
 * pw_skip_line resumes where a line-based caller expects.
 */
static enum pw_tok
pw_word_body(struct pw_rd *r, struct pw_word *w)
{
	bool	 strict = (r->flags & PW_STRICT) != 0, started = false;
	uint8_t	 c, q = 0, b;

	while (r->off < r->len) {
		c = r->p[r->off];
		if (q == 0 && (pw_blank(r, c) || c == '\n'))
			break;
		if (c == '\n' && (r->flags & PW_LINES))
			return pw_fail(w, HP_E_FORMAT, "unterminated quote");
		if (q != 0 && c == q) {
			q = 0;
			r->off++;
			continue;
		}
		if (q == 0 && (c == '"' || c == '\'')) {
			q = c;
			w->quoted = started = true;
			r->off++;
			continue;
		}
		if (c == '\\') {
			switch (pw_escape(r, w, &b)) {
			case PW_ESC_BYTE:
				break;
			case PW_ESC_JOIN:
				continue;
			case PW_ESC_END:
				/* pppd ends the word here, quote or not */
				return started ? PW_WORD : PW_EOF;
			case PW_ESC_BAD:
				return pw_fail(w, HP_E_FORMAT, w->why);
			}
		} else {
			b = c;
			r->off++;
			if (c == '\n')
				r->line++;	/* inside quotes */
		}
		if (b == '\0' && strict)
			return pw_fail(w, HP_E_FORMAT, "NUL byte in word");
		if (w->len == w->cap)
			return pw_fail(w, HP_E_LONG, "word too long");
		w->buf[w->len++] = b;
		started = true;
	}
	if (q != 0)
		return pw_fail(w, HP_E_FORMAT, "unterminated quote");
	return PW_WORD;
}

enum pw_tok
pw_next(struct pw_rd *r, struct pw_word *w)
{
	w->len = 0;
	w->quoted = false;
	w->err = HP_OK;
	w->why = NULL;
	if (!pw_skip_blanks(r))
		return PW_EOF;
	w->line = r->line;
	if (r->p[r->off] == '\n') {	/* only with PW_LINES */
		r->off++;
		r->line++;
		return PW_EOL;
	}
	return pw_word_body(r, w);
}

void
pw_skip_line(struct pw_rd *r)
{
	const uint8_t *nl;
	size_t	 pos, k;

	while (r->off < r->len) {
		nl = memchr(r->p + r->off, '\n', r->len - r->off);
		if (nl == NULL) {
			r->off = r->len;
			return;
		}
		pos = (size_t)(nl - r->p);
		/* an odd run of backslashes escapes the newline */
		for (k = 0; pos - k > r->off && r->p[pos - k - 1] == '\\'; k++)
			;
		r->off = pos + 1;
		r->line++;
		if (k % 2 == 0)
			return;
	}
}
