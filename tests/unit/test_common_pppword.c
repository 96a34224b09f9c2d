/*
 * Unit tests: common/pppword.c, pppd's word syntax in both readings
 * (0: pppd's option files; PW_LINES | PW_STRICT | PW_ESC_V: hpptpd's
 * chap-secrets).  Each case renders the token stream as text:
 * [word] (a quoted one as {word}), | for an end of line, !why for an
 * error (then the rest of the line is skipped, as secrets.c does), and
 * a byte outside printable ASCII as \xNN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/pppword.h"

#define SECRETS	(PW_LINES | PW_STRICT | PW_ESC_V)

struct tcase {
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	unsigned	 flags;
	const char	*want;
};

static const struct tcase cases[] = {
	/* words, blanks, comments */
	{ "", 0, 0, "" },
	{ "a b\tc\r\fd\ve", 0, 0, "[a][b][c][d][e]" },
	{ "a\nb", 0, 0, "[a][b]" },
	{ "a\nb", 0, SECRETS, "[a]|[b]" },
	{ "# only a comment\nx", 0, 0, "[x]" },
	{ "# c\nx", 0, SECRETS, "|[x]" },
	{ "pass#1 #rest", 0, 0, "[pass#1]" },
	{ "\"\"#x", 0, 0, "{#x}" },
	/* quotes join with what is around them */
	{ "ab\"c d\"e 'f\"g'", 0, 0, "{abc de}{f\"g}" },
	{ "\"\"", 0, 0, "{}" },
	{ "'a\nb'", 0, 0, "{a\\x0ab}" },
	{ "'a\nb c", 0, SECRETS, "!unterminated quote[b][c]" },
	{ "\"open", 0, 0, "!unterminated quote" },
	{ "\"open", 0, SECRETS, "!unterminated quote" },
	/* escapes */
	{ "\\a\\b\\f\\n\\r\\s\\t", 0, 0, "[\\x07\\x08\\x0c\\x0a\\x0d \\x09]" },
	{ "\\v", 0, 0, "[v]" },
	{ "\\v", 0, SECRETS, "[\\x0b]" },
	{ "\\101\\x41\\x4a\\x4", 0, 0, "[AAJ\\x04]" },
	{ "\\1010", 0, 0, "[A0]" },
	{ "\\q\\\"\\'\\#\\ \\\\", 0, 0, "[q\"'# \\x5c]" },
	{ "\"\\x41\"", 0, 0, "{A}" },
	{ "a\\\nb c", 0, 0, "[ab][c]" },
	{ "a\\\nb c", 0, SECRETS, "[ab][c]" },
	{ "a \\\n b", 0, SECRETS, "[a][b]" },
	/* pppd's leniency, and the strict reading of the same bytes */
	{ "\\777", 0, 0, "[\\xff]" },
	{ "\\777 x\ny", 0, SECRETS, "!octal escape above \\377[y]" },
	{ "\\xg", 0, 0, "[\\x00g]" },
	{ "\\xg\ny", 0, SECRETS, "!\\x without hex digits[y]" },
	{ "ab\\", 0, 0, "[ab]" },
	{ "\"ab\\", 0, 0, "{ab}" },
	{ "\\", 0, 0, "" },
	{ "ab\\", 0, SECRETS, "!backslash at end of file" },
	{ "a\0b", 3, 0, "[a\\x00b]" },
	{ "a\0b\nc", 5, SECRETS, "!NUL byte in word[c]" },
	{ "\\0 x\ny", 0, SECRETS, "!NUL byte in word[y]" },
	/* skipping a bad line honours an escaped newline */
	{ "\\0 x\\\ny\nz", 0, SECRETS, "!NUL byte in word[z]" },
	{ "\\0 x\\\\\ny\nz", 0, SECRETS, "!NUL byte in word[y]|[z]" },
};

static void
put(char *out, size_t cap, size_t *o, const char *s)
{
	size_t n = strlen(s);

	assert_true(n < cap - *o);
	memcpy(out + *o, s, n + 1);
	*o += n;
}

static void
render(const struct tcase *tc, char *out, size_t cap)
{
	uint8_t buf[64];
	struct pw_rd r;
	struct pw_word w = { .buf = buf, .cap = sizeof(buf) };
	char b[8];
	size_t o = 0, i, len = tc->len != 0 ? tc->len : strlen(tc->in);
	enum pw_tok t;

	out[0] = '\0';
	pw_init(&r, tc->in, len, tc->flags);
	while ((t = pw_next(&r, &w)) != PW_EOF) {
		if (t == PW_EOL) {
			put(out, cap, &o, "|");
			continue;
		}
		if (t == PW_ERR) {
			put(out, cap, &o, "!");
			put(out, cap, &o, w.why);
			if (!(tc->flags & PW_LINES))
				return;		/* pppd's reading stops */
			pw_skip_line(&r);
			continue;
		}
		put(out, cap, &o, w.quoted ? "{" : "[");
		for (i = 0; i < w.len; i++) {
			if (w.buf[i] >= 0x20 && w.buf[i] <= 0x7e &&
			    w.buf[i] != '\\')
				(void)snprintf(b, sizeof(b), "%c", w.buf[i]);
			else
				(void)snprintf(b, sizeof(b), "\\x%02x",
				    w.buf[i]);
			put(out, cap, &o, b);
		}
		put(out, cap, &o, w.quoted ? "}" : "]");
	}
}

static void
test_cases(void **state)
{
	char got[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render(&cases[i], got, sizeof(got));
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu (%s): got %s, want %s", i,
			    cases[i].in, got, cases[i].want);
	}
}

/* A word of exactly cap bytes fits; one more is HP_E_LONG. */
static void
test_cap(void **state)
{
	uint8_t buf[4];
	struct pw_rd r;
	struct pw_word w = { .buf = buf, .cap = sizeof(buf) };

	pw_init(&r, "abcd abcde", 10, 0);
	assert_int_equal(pw_next(&r, &w), PW_WORD);
	assert_int_equal(w.len, 4);
	assert_memory_equal(buf, "abcd", 4);
	assert_int_equal(pw_next(&r, &w), PW_ERR);
	assert_int_equal(w.err, HP_E_LONG);
	assert_string_equal(w.why, "word too long");
	/* a zero cap holds only empty words */
	w.cap = 0;
	pw_init(&r, "'' x", 4, 0);
	assert_int_equal(pw_next(&r, &w), PW_WORD);
	assert_int_equal(w.len, 0);
	assert_int_equal(pw_next(&r, &w), PW_ERR);
}

/* Lines: where each word starts, and where the reader stands. */
static void
test_lines(void **state)
{
	const char *in = "a\n\n 'b\nc' \\\nd # e\n";
	uint8_t buf[16];
	struct pw_rd r;
	struct pw_word w = { .buf = buf, .cap = sizeof(buf) };

	pw_init(&r, in, strlen(in), 0);
	assert_int_equal(pw_next(&r, &w), PW_WORD);
	assert_int_equal(w.line, 1);
	assert_int_equal(pw_next(&r, &w), PW_WORD);
	assert_int_equal(w.line, 3);
	assert_int_equal(pw_next(&r, &w), PW_WORD);
	assert_int_equal(w.line, 5);
	assert_int_equal(pw_next(&r, &w), PW_EOF);
	assert_int_equal(r.line, 6);
	assert_int_equal(r.off, strlen(in));
	/* NULL input is empty */
	pw_init(&r, NULL, 5, PW_LINES);
	assert_int_equal(pw_next(&r, &w), PW_EOF);
}

static void
test_names(void **state)
{
	assert_string_equal(pw_tok_name(PW_WORD), "word");
	assert_string_equal(pw_tok_name(PW_EOL), "eol");
	assert_string_equal(pw_tok_name(PW_EOF), "eof");
	assert_string_equal(pw_tok_name(PW_ERR), "error");
	assert_string_equal(pw_tok_name((enum pw_tok)99), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
