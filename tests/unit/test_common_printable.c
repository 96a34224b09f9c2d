/* Unit tests: common/printable.c (the one "printable" of the logs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/log.h"
#include "common/printable.h"

static void
test_class(void **st)
{
	unsigned int c;

	(void)st;
	for (c = 0; c < 256; c++)
		assert_int_equal(pr_isprint((unsigned char)c),
		    c >= 0x20 && c <= 0x7e);
	assert_true(pr_all_printable("a b~", 4));
	assert_false(pr_all_printable("a\x7f", 2));
	assert_false(pr_all_printable("\xc3\xa4", 2));
	assert_false(pr_all_printable("a\tb", 3));
	assert_true(pr_all_printable("", 0));
}

/* every byte value: printable ones as themselves, the rest \xNN */
static void
test_every_byte(void **st)
{
	unsigned char in[256];
	char out[PR_ESCAPED_MAX(256)], want[8];
	size_t i, o = 0;

	(void)st;
	for (i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	assert_int_equal(pr_escape(out, sizeof(out), in, 256), 256);
	for (i = 0; i < 256; i++) {
		if (i >= 0x20 && i <= 0x7e && i != '"' && i != '\\')
			snprintf(want, sizeof(want), "%c", (int)i);
		else
			snprintf(want, sizeof(want), "\\x%02x", (unsigned)i);
		assert_memory_equal(out + o, want, strlen(want));
		o += strlen(want);
	}
	assert_int_equal(strlen(out), o);
}

static void
test_forged_line(void **st)
{
	const char in[] = "x\n\x1b[2Jevent=session-up user=\"alice\"\x7f\xff";
	char out[128];

	(void)st;
	pr_escape(out, sizeof(out), in, sizeof(in) - 1);
	assert_string_equal(out, "x\\x0a\\x1b[2Jevent=session-up "
	    "user=\\x22alice\\x22\\x7f\\xff");
	assert_null(strchr(out, '"'));
	assert_true(pr_all_printable(out, strlen(out)));
}

/* truncation never cuts an escape in two, and always terminates */
static void
test_truncate(void **st)
{
	char out[8];

	(void)st;
	assert_int_equal(pr_escape(out, sizeof(out), "abcdefghij", 10), 7);
	assert_string_equal(out, "abcdefg");
	assert_int_equal(pr_escape(out, sizeof(out), "abcd\x01z", 6), 4);
	assert_string_equal(out, "abcd");
	assert_int_equal(pr_escape(out, 5, "\x01\x02", 2), 1);
	assert_string_equal(out, "\\x01");
	assert_int_equal(pr_escape(out, 4, "\x01", 1), 0);
	assert_string_equal(out, "");
	assert_int_equal(pr_escape(out, 1, "abc", 3), 0);
	assert_string_equal(out, "");
	out[0] = 'q';
	assert_int_equal(pr_escape(out, 0, "abc", 3), 0);
	assert_int_equal(out[0], 'q');
	/* an embedded NUL is a byte like any other */
	assert_int_equal(pr_escape(out, sizeof(out), "a\0b", 3), 3);
	assert_string_equal(out, "a\\x00b");
}

/* log_sanitize, used by every peer-text log line, is the same thing */
static void
test_log_sanitize(void **st)
{
	char a[64], b[64];
	const char in[] = "bob\x7f\x80 \"q\\ event=x";

	(void)st;
	log_sanitize(a, sizeof(a), in, sizeof(in) - 1);
	pr_escape(b, sizeof(b), in, sizeof(in) - 1);
	assert_string_equal(a, b);
	assert_string_equal(a, "bob\\x7f\\x80 \\x22q\\x5c event=x");
}

static bool
audit(const char *s, const char *want_ev)
{
	const char *ev = NULL;
	size_t evlen = 0;
	bool ok = pr_audit_line(s, strlen(s), &ev, &evlen);

	if (ok && want_ev != NULL)
		assert_memory_equal(ev, want_ev, strlen(want_ev));
	if (ok && want_ev != NULL)
		assert_int_equal(evlen, strlen(want_ev));
	return ok;
}

/* auth's own audit lines pass; anything a forger could shape does not */
static void
test_audit_line(void **st)
{
	(void)st;
	assert_true(audit("event=auth-fail sid=0x2a user=\"bob\" "
	    "peer=192.0.2.7 method=mschap-v2 reason=\"bad password\"",
	    "auth-fail"));
	assert_true(audit("event=lockout user=\"a b\\x22 event=x\"",
	    "lockout"));
	assert_true(audit("event=x", "x"));
	assert_true(audit("event=x empty=\"\"", "x"));
	assert_false(audit("", NULL));
	assert_false(audit("sid=1 event=x", NULL));	/* event first */
	assert_false(audit("event=x event=y", NULL));	/* no key twice */
	assert_false(audit("event=x sid=1 sid=2", NULL));
	assert_false(audit("event=x  sid=1", NULL));	/* one space */
	assert_false(audit("event=x sid=1 ", NULL));
	assert_false(audit(" event=x", NULL));
	assert_false(audit("event=", NULL));		/* empty bare value */
	assert_false(audit("event=x user=\"a\"b\"", NULL));
	assert_false(audit("event=x user=\"open", NULL));
	assert_false(audit("event=x free text", NULL));
	assert_false(audit("event=x Sid=1", NULL));	/* key syntax */
	assert_false(audit("event=x 1d=1", NULL));
	assert_false(audit("event=x a=b\x7f", NULL));	/* printable only */
	assert_false(audit("event=x a=\"\xc3\xa4\"", NULL));
	assert_false(audit("event=x a=b\tc=d", NULL));
	assert_false(pr_audit_line("event=x\0a=b", 9, &(const char *){ 0 },
	    &(size_t){ 0 }));
}

/* PR_KV_MAX keys at most */
static void
test_audit_keys(void **st)
{
	char line[1024];
	size_t n;
	int i;

	(void)st;
	n = (size_t)snprintf(line, sizeof(line), "event=x");
	for (i = 1; i < PR_KV_MAX; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " k%d=1", i);
	assert_true(audit(line, "x"));
	snprintf(line + n, sizeof(line) - n, " k%d=1", PR_KV_MAX);
	assert_false(audit(line, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_class),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_forged_line),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_log_sanitize),
		cmocka_unit_test(test_audit_line),
		cmocka_unit_test(test_audit_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
