/* Tests for auth/secrets.c: every format rule and every error. */
#include <sys/mman.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "auth/secrets.h"

/* Captured log lines. */
#define NLOG	64
static char logs[NLOG][LOG_MAX_LINE + 1];
static int nlogs;

static void
sink(int prio, enum log_fac fac, const char *line)
{
	(void)prio;
	(void)fac;
	if (nlogs < NLOG)
		snprintf(logs[nlogs++], sizeof(logs[0]), "%s", line);
}

static bool
logged(const char *needle)
{
	int i;

	for (i = 0; i < nlogs; i++)
		if (strstr(logs[i], needle) != NULL)
			return true;
	return false;
}

static bool
logged_anywhere(const char *needle)
{
	return logged(needle);
}

static int
setup(void **state)
{
	(void)state;
	nlogs = 0;
	return 0;
}

static struct secrets_db *
parse_ok(const char *text, struct secrets_stats *st)
{
	struct secrets_db *db = NULL;
	int r;

	r = secrets_parse("cs", (const uint8_t *)text, strlen(text), NULL,
	    NULL, &db, st);
	assert_int_equal(r, HP_OK);
	assert_non_null(db);
	return db;
}

static const struct secret_entry *
look(const struct secrets_db *db, const char *c, const char *s)
{
	return secrets_lookup(db, c, strlen(c), s, strlen(s));
}

static void
assert_secret(const struct secret_entry *e, const char *want)
{
	assert_non_null(e);
	assert_int_equal(e->kind, SECRET_PLAIN);
	assert_int_equal(e->secret_len, strlen(want));
	assert_memory_equal(e->secret, want, strlen(want));
}

static uint32_t
ip(unsigned a, unsigned b, unsigned c, unsigned d)
{
	return (uint32_t)(a << 24 | b << 16 | c << 8 | d);
}

static void
test_poptop_example(void **state)
{
	struct secrets_stats st;
	struct secrets_db *db;
	const struct secret_entry *e;
	uint32_t a = 0;

	(void)state;
	db = parse_ok("# Secrets for authentication using CHAP\n"
	    "# client\tserver\tsecret\t\t\tIP addresses\n"
	    "\"username1\" pptpd \"password1\" *\n"
	    "\"username2\" pptpd \"password2\" 10.100.0.201\n", &st);
	assert_int_equal(st.valid, 2);
	assert_int_equal(st.bad, 0);
	assert_int_equal(secrets_count(db), 2);
	e = look(db, "username1", "pptpd");
	assert_secret(e, "password1");
	assert_string_equal(e->client, "username1");
	assert_int_equal(e->line, 3);
	assert_int_equal(e->addrs.mode, SECRET_ADDR_ANY);
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 100, 0, 200)));
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_E_NOTFOUND);
	e = look(db, "username2", "pptpd");
	assert_secret(e, "password2");
	assert_int_equal(e->addrs.mode, SECRET_ADDR_LIST);
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_OK);
	assert_int_equal(a, ip(10, 100, 0, 201));
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 100, 0, 201)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 100, 0, 202)));
	assert_null(look(db, "username3", "pptpd"));
	assert_null(look(db, "username1", "other"));
	assert_null(look(db, "username", "pptpd"));
	assert_null(look(db, "username10", "pptpd"));
	assert_null(look(db, "", "pptpd"));
	secrets_free(db);
}

static void
test_quotes(void **state)
{
	struct secrets_db *db;

	(void)state;
	db = parse_ok("\"a b\" 'srv x' \"p\\\"q r\"\n"
	    "ab\"c d\"e srv 'it''s'\n"
	    "u1 srv 'x\\'y'\n"		/* escapes work in single quotes */
	    "u2 srv \"#notcomment\"\n"
	    "u3 srv \"\"\"pw\"\n"		/* empty quoted part + word */
	    "'u4' \"srv\" 'a\"b'\n", NULL);
	assert_secret(look(db, "a b", "srv x"), "p\"q r");
	assert_secret(look(db, "abc de", "srv"), "its");
	assert_secret(look(db, "u1", "srv"), "x'y");
	assert_secret(look(db, "u2", "srv"), "#notcomment");
	assert_secret(look(db, "u3", "srv"), "pw");
	assert_secret(look(db, "u4", "srv"), "a\"b");
	secrets_free(db);
}

static void
test_escapes(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;

	(void)state;
	db = parse_ok("e1 s a\\sb\\tc\n"
	    "e2 s \\101\\x42\\x4a\\7\n"
	    "e3 s back\\\\slash\n"
	    "e4 s \\#hash\n"
	    "e5 s sp\\ ace\n"
	    "e6 s \\a\\b\\f\\n\\r\\v\\q\n"
	    "e7 s \\xzz\n"		/* \x without digits: bad */
	    "e8 s \\400\n"		/* octal above 0377: bad */
	    "e9 s \\000\n"		/* NUL: bad */
	    "e10 s \\1234\n"		/* \123 then '4' */
	    "e11 \\\n s cont\\\ninued\n"	/* continuations */
	    "e12 s \\x414\n", &st);
	assert_secret(look(db, "e1", "s"), "a b\tc");
	assert_secret(look(db, "e2", "s"), "ABJ\a");
	assert_secret(look(db, "e3", "s"), "back\\slash");
	assert_secret(look(db, "e4", "s"), "#hash");
	assert_secret(look(db, "e5", "s"), "sp ace");
	assert_secret(look(db, "e6", "s"), "\a\b\f\n\r\vq");
	assert_null(look(db, "e7", "s"));
	assert_null(look(db, "e8", "s"));
	assert_null(look(db, "e9", "s"));
	assert_secret(look(db, "e10", "s"), "S4");
	assert_secret(look(db, "e11", "s"), "continued");
	assert_secret(look(db, "e12", "s"), "A4");
	assert_int_equal(st.bad, 3);
	assert_true(logged("cs:7: \\x without hex digits"));
	assert_true(logged("cs:8: octal escape above \\377"));
	assert_true(logged("cs:9: NUL byte in word"));
	/* line numbers keep counting across continuations */
	assert_int_equal(look(db, "e12", "s")->line, 14);
	secrets_free(db);

	/* a backslash as the very last byte */
	nlogs = 0;
	db = parse_ok("ok s pw\nbad s pw\\", &st);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs:2: backslash at end of file"));
	secrets_free(db);
}

static void
test_comments_crlf(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;

	(void)state;
	db = parse_ok("# comment line\n"
	    "   # indented comment\n"
	    "\n\t \n"
	    "c1 s pass#word # trailing comment 1.2.3.4\n"
	    "c2 s pw 10.0.0.1#notacomment\n"
	    "c3\ts\tpw\r\n"
	    "c4 s pw # x \\\n"
	    "c5 s pw", &st);
	assert_secret(look(db, "c1", "s"), "pass#word");
	assert_int_equal(look(db, "c1", "s")->addrs.mode, SECRET_ADDR_ANY);
	assert_null(look(db, "c2", "s"));	/* bad address */
	assert_secret(look(db, "c3", "s"), "pw");
	assert_non_null(look(db, "c4", "s"));
	/* a comment ends at the newline even after a backslash */
	assert_secret(look(db, "c5", "s"), "pw");
	assert_int_equal(look(db, "c5", "s")->line, 9);
	assert_int_equal(st.valid, 4);
	assert_int_equal(st.bad, 1);
	secrets_free(db);
}

static void
test_specificity(void **state)
{
	struct secrets_db *db;

	(void)state;
	db = parse_ok("* * any-any\n"
	    "* srv any-srv\n"
	    "bob * bob-any\n"
	    "bob srv bob-srv\n"
	    "bob srv bob-srv-second\n"
	    "* * any-any-second\n"
	    "carol * carol-any\n"
	    "* other any-other\n", NULL);
	assert_secret(look(db, "bob", "srv"), "bob-srv");	/* first wins */
	assert_secret(look(db, "bob", "x"), "bob-any");
	assert_secret(look(db, "carol", "srv"), "carol-any");	/* client > server */
	assert_secret(look(db, "dave", "srv"), "any-srv");
	assert_secret(look(db, "dave", "other"), "any-other");
	assert_secret(look(db, "dave", "x"), "any-any");
	/* a peer calling itself "*" gets no special treatment */
	assert_secret(look(db, "*", "x"), "any-any");
	secrets_free(db);

	db = parse_ok("alice srv pw\n", NULL);
	assert_null(look(db, "alic", "srv"));
	assert_null(look(db, "alice", "srv2"));
	assert_null(look(db, "Alice", "srv"));
	assert_null(secrets_lookup(NULL, "a", 1, "b", 1));
	secrets_free(db);
}

static void
test_addresses(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;
	const struct secret_entry *e;
	uint32_t a;

	(void)state;
	db = parse_ok("a1 s pw -\n"
	    "a2 s pw 10.0.0.0/24 !10.0.1.0/24 10.0.0.0/16\n"
	    "a3 s pw !10.0.0.5 10.0.0.0/24\n"
	    "a4 s pw !10.0.0.5\n"
	    "a5 s pw 10.0.0.7/32\n"
	    "a6 s pw 10.1.2.3/8\n"
	    "a7 s pw 10.0.0.1 10.0.0.2\n"
	    "a8 s pw *\n"
	    "a9 s pw !10.0.0.9 *\n"
	    "a10 s pw 0.0.0.0/0\n"
	    "a11 s pw * !10.0.0.1\n", &st);
	assert_int_equal(st.bad, 0);
	e = look(db, "a1", "s");
	assert_int_equal(e->addrs.mode, SECRET_ADDR_NONE);
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 1)));
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_E_NOTFOUND);
	e = look(db, "a2", "s");
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 9)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 1, 9)));
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 2, 9)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 1, 0, 0)));
	e = look(db, "a3", "s");
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 5)));
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 6)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 1, 6)));
	e = look(db, "a4", "s");		/* exclusions only */
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 5)));
	assert_true(secrets_addr_allowed(&e->addrs, ip(192, 168, 0, 5)));
	e = look(db, "a5", "s");
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_OK);
	assert_int_equal(a, ip(10, 0, 0, 7));
	e = look(db, "a6", "s");		/* host bits masked */
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 200, 0, 1)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(11, 0, 0, 1)));
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_E_NOTFOUND);
	e = look(db, "a7", "s");		/* two addresses: not static */
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_E_NOTFOUND);
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 2)));
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 3)));
	assert_int_equal(look(db, "a8", "s")->addrs.mode, SECRET_ADDR_ANY);
	e = look(db, "a9", "s");
	assert_false(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 9)));
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 8)));
	assert_int_equal(look(db, "a10", "s")->addrs.mode, SECRET_ADDR_ANY);
	e = look(db, "a11", "s");		/* first match wins */
	assert_true(secrets_addr_allowed(&e->addrs, ip(10, 0, 0, 1)));
	secrets_free(db);
}

static void
test_address_errors(void **state)
{
	static const struct { const char *line, *why; } bad[] = {
		{ "b s pw vpn.example.com\n", "bad address" },
		{ "b s pw 10.0.0.256\n", "bad address" },
		{ "b s pw 10.0.0\n", "bad address" },
		{ "b s pw 010.0.0.1\n", "bad address" },
		{ "b s pw 10.0.0.1/33\n", "bad prefix length" },
		{ "b s pw 10.0.0.1/\n", "bad prefix length" },
		{ "b s pw 10.0.0.1/08\n", "bad prefix length" },
		{ "b s pw 10.0.0.1/-1\n", "bad prefix length" },
		{ "b s pw 10.0.0.1/123\n", "bad prefix length" },
		{ "b s pw /24\n", "bad address" },
		{ "b s pw !\n", "bad address" },
		{ "b s pw \"\"\n", "bad address" },
		{ "b s pw - 10.0.0.1\n", "\"-\" must be the only address" },
		{ "b s pw 10.0.0.1 -\n", "\"-\" must be the only address" },
		{ "b s pw 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5 6.6.6.6 "
		  "7.7.7.7 8.8.8.8 9.9.9.9 1.0.0.1 1.0.0.2 1.0.0.3 1.0.0.4 "
		  "1.0.0.5 1.0.0.6 1.0.0.7 1.0.0.8\n", "too many addresses" },
	};
	struct secrets_db *db = NULL;
	struct secrets_stats st;
	char buf[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		nlogs = 0;
		snprintf(buf, sizeof(buf), "good s pw\n%s", bad[i].line);
		db = parse_ok(buf, &st);
		assert_int_equal(st.valid, 1);
		assert_int_equal(st.bad, 1);
		assert_null(look(db, "b", "s"));
		if (!logged("cs:2: ") || !logged(bad[i].why))
			fail_msg("case %zu: %s", i, logs[0]);
		secrets_free(db);
	}
	/* 16 addresses is the cap and fine */
	db = parse_ok("b s pw 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5 6.6.6.6 "
	    "7.7.7.7 8.8.8.8 9.9.9.9 1.0.0.1 1.0.0.2 1.0.0.3 1.0.0.4 "
	    "1.0.0.5 1.0.0.6 !1.0.0.7\n", &st);
	assert_int_equal(st.valid, 1);
	assert_int_equal(look(db, "b", "s")->addrs.nrules, 16);
	secrets_free(db);
}

static void
test_options_ignored(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;
	const struct secret_entry *e;
	uint32_t a = 0;

	(void)state;
	db = parse_ok("o1 s pw 10.0.0.1 -- ms-dns 1.2.3.4 'x y'\n"
	    "o2 s pw -- \"unterminated\n"
	    "o3 s pw \"--\"\n"
	    "o4 s pw\n", &st);
	e = look(db, "o1", "s");
	assert_non_null(e);
	assert_int_equal(secrets_static_addr(&e->addrs, &a), HP_OK);
	assert_int_equal(a, ip(10, 0, 0, 1));
	assert_non_null(look(db, "o2", "s"));
	assert_null(look(db, "o3", "s"));	/* quoted "--" is an address */
	assert_non_null(look(db, "o4", "s"));
	assert_int_equal(st.valid, 3);
	assert_int_equal(st.bad, 1);
	assert_int_equal(st.warnings, 2);
	assert_true(logged("cs:1: options after \"--\" ignored"));
	assert_true(logged("cs:2: options after \"--\" ignored"));
	assert_int_equal(look(db, "o4", "s")->line, 4);
	secrets_free(db);
}

static void
test_nthash(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;
	const struct secret_entry *e;
	uint8_t want[16];

	(void)state;
	db = parse_ok("n1 s nthash:44EBBA8D5312B8D611474411F56989AE\n"
	    "n2 s \"nthash:44ebba8d5312b8d611474411f56989ae\" 10.0.0.3\n"
	    "n3 s nthash:44EBBA8D5312B8D611474411F56989A\n"
	    "n4 s nthash:44EBBA8D5312B8D611474411F56989AE0\n"
	    "n5 s nthash:44EBBA8D5312B8D611474411F56989AG\n"
	    "n6 s nthash:\n"
	    "n7 s NTHASH:44EBBA8D5312B8D611474411F56989AE\n", &st);
	assert_int_equal(mschap_nt_hash((const uint8_t *)"clientPass", 10,
	    want), HP_OK);
	e = look(db, "n1", "s");
	assert_int_equal(e->kind, SECRET_NTHASH);
	assert_memory_equal(e->nthash, want, 16);
	assert_null(e->secret);
	e = look(db, "n2", "s");
	assert_int_equal(e->kind, SECRET_NTHASH);
	assert_memory_equal(e->nthash, want, 16);
	assert_null(look(db, "n3", "s"));
	assert_null(look(db, "n4", "s"));
	assert_null(look(db, "n5", "s"));
	assert_null(look(db, "n6", "s"));
	/* the prefix is lower case; anything else is a plain password */
	assert_int_equal(look(db, "n7", "s")->kind, SECRET_PLAIN);
	assert_int_equal(st.bad, 4);
	assert_true(logged("cs:3: nthash: needs exactly 32 hex digits"));
	assert_false(logged_anywhere("44EBBA8D"));
	assert_false(logged_anywhere("44ebba8d"));
	secrets_free(db);
}

struct files {
	const char	*path;
	const char	*content;
	int		 ret;
	size_t		 fake_len;
	int		 calls;
};

static int
read_cb(void *arg, const char *path, uint8_t *buf, size_t cap, size_t *len)
{
	struct files *f = arg;
	size_t n;

	f->calls++;
	for (; f->path != NULL; f++) {
		if (strcmp(f->path, path) != 0)
			continue;
		if (f->ret != HP_OK)
			return f->ret;
		n = strlen(f->content);
		if (n > cap)
			return HP_E_LONG;
		memcpy(buf, f->content, n);
		*len = f->fake_len ? f->fake_len : n;
		return HP_OK;
	}
	return HP_E_NOTFOUND;
}

static void
test_atfile(void **state)
{
	struct files files[] = {
		{ "/etc/ppp/a", "  \n# comment\n  s3cr3t other words\n", 0, 0, 0 },
		{ "/etc/ppp/h", "nthash:44EBBA8D5312B8D611474411F56989AE\n", 0, 0, 0 },
		{ "/etc/ppp/q", "\"with space\"", 0, 0, 0 },
		{ "/etc/ppp/empty", "# nothing\n\n", 0, 0, 0 },
		{ "/etc/ppp/nest", "@/etc/ppp/a\n", 0, 0, 0 },
		{ "/etc/ppp/err", "x", HP_E_SYS, 0, 0 },
		{ "/etc/ppp/liar", "x", 0, SECRETS_ATFILE_MAX + 1, 0 },
		{ "/etc/ppp/badq", "\"open\n", 0, 0, 0 },
		{ NULL, NULL, 0, 0, 0 },
	};
	struct secrets_db *db = NULL;
	struct secrets_stats st;
	const char *text = "f1 s @/etc/ppp/a\n"
	    "f2 s @/etc/ppp/h\n"
	    "f3 s \"@/etc/ppp/q\"\n"
	    "f4 s @/etc/ppp/empty\n"
	    "f5 s @/etc/ppp/nest\n"
	    "f6 s @/etc/ppp/err\n"
	    "f7 s @/etc/ppp/missing\n"
	    "f8 s @/etc/ppp/liar\n"
	    "f9 s @/etc/ppp/badq\n"
	    "f10 s @relative\n"
	    "f11 s @\n";

	(void)state;
	assert_int_equal(secrets_parse("cs", (const uint8_t *)text,
	    strlen(text), read_cb, files, &db, &st), HP_OK);
	assert_secret(look(db, "f1", "s"), "s3cr3t");
	assert_int_equal(look(db, "f2", "s")->kind, SECRET_NTHASH);
	assert_secret(look(db, "f3", "s"), "with space");
	assert_null(look(db, "f4", "s"));
	assert_null(look(db, "f5", "s"));
	assert_null(look(db, "f6", "s"));
	assert_null(look(db, "f7", "s"));
	assert_null(look(db, "f8", "s"));
	assert_null(look(db, "f9", "s"));
	/* only "@/" is indirect, as in pppd */
	assert_secret(look(db, "f10", "s"), "@relative");
	assert_secret(look(db, "f11", "s"), "@");
	assert_int_equal(st.bad, 6);
	assert_true(logged("cs:4: no secret in /etc/ppp/empty"));
	assert_true(logged("cs:5: /etc/ppp/nest points to another file"));
	assert_true(logged("cs:6: cannot read secret file /etc/ppp/err"));
	assert_true(logged("cs:7: cannot read secret file /etc/ppp/missing"));
	assert_true(logged("cs:8: cannot read secret file /etc/ppp/liar"));
	assert_true(logged("cs:9: /etc/ppp/badq:1: unterminated quote"));
	assert_false(logged_anywhere("s3cr3t"));
	secrets_free(db);

	/* no callback: indirect secrets are bad lines */
	nlogs = 0;
	db = parse_ok("f1 s @/etc/ppp/a\nok s pw\n", &st);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs:1: indirect secret"));
	secrets_free(db);
}

static void
test_line_errors(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;
	char big[2048];

	(void)state;
	{
		static const char t[] = "lonely\n"
		    "client server\n"
		    "q1 s \"open\n"
		    "after s pw\n"
		    "e1 s ''\n"
		    "'' s pw\n"
		    "e2 '' pw\n"
		    "x\0y s pw\n"
		    "last s pw\n";

		nlogs = 0;
		assert_int_equal(secrets_parse("cs", (const uint8_t *)t,
		    sizeof(t) - 1, NULL, NULL, &db, &st), HP_OK);
	}
	assert_int_equal(st.valid, 2);
	assert_int_equal(st.bad, 7);
	assert_true(logged("cs:1: missing server and secret"));
	assert_true(logged("cs:2: missing secret"));
	assert_true(logged("cs:3: unterminated quote"));
	assert_true(logged("cs:5: empty secret"));
	assert_true(logged("cs:6: empty client name"));
	assert_true(logged("cs:7: empty server name"));
	assert_true(logged("cs:8: NUL byte in word"));
	assert_secret(look(db, "after", "s"), "pw");
	assert_int_equal(look(db, "last", "s")->line, 9);
	secrets_free(db);

	/* name and word caps */
	nlogs = 0;
	memset(big, 'n', 255);
	snprintf(big + 255, sizeof(big) - 255, " s pw\n");
	db = parse_ok(big, &st);
	assert_int_equal(st.valid, 1);
	assert_int_equal(secrets_lookup(db, big, 255, "s", 1)->client_len, 255);
	secrets_free(db);
	memset(big, 'n', 256);
	snprintf(big + 256, sizeof(big) - 256, " s pw\nok s pw\n");
	db = parse_ok(big, &st);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs:1: client name too long"));
	secrets_free(db);
	nlogs = 0;
	memset(big, 'n', 258);
	memcpy(big, "u ", 2);
	snprintf(big + 258, sizeof(big) - 258, " pw\nok s pw\n");
	db = parse_ok(big, &st);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs:1: server name too long"));
	secrets_free(db);
	/* a 1024-byte secret is fine, 1025 is not */
	memcpy(big, "u s ", 4);
	memset(big + 4, 'p', 1024);
	snprintf(big + 1028, sizeof(big) - 1028, "\n");
	db = parse_ok(big, &st);
	assert_int_equal(look(db, "u", "s")->secret_len, 1024);
	assert_int_equal(st.warnings, 1);	/* too long for MS-CHAP */
	secrets_free(db);
	memset(big + 4, 'p', 1025);
	snprintf(big + 1029, sizeof(big) - 1029, " 1.2.3.4\nok s pw\n");
	nlogs = 0;
	db = parse_ok(big, &st);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs:1: word too long"));
	secrets_free(db);
}

static void
test_no_valid_entry(void **state)
{
	struct secrets_db *db = (struct secrets_db *)&db;
	struct secrets_stats st;
	const char *t = "# only comments\nbad\n";

	(void)state;
	assert_int_equal(secrets_parse("cs", (const uint8_t *)t, strlen(t),
	    NULL, NULL, &db, &st), HP_E_NOTFOUND);
	assert_null(db);
	assert_int_equal(st.valid, 0);
	assert_int_equal(st.bad, 1);
	assert_true(logged("cs: no valid entry"));
	assert_int_equal(secrets_parse("cs", NULL, 0, NULL, NULL, &db, NULL),
	    HP_E_NOTFOUND);
	assert_int_equal(secrets_parse("cs", (const uint8_t *)"", 0, NULL,
	    NULL, &db, NULL), HP_E_NOTFOUND);
	secrets_free(NULL);
	assert_int_equal(secrets_count(NULL), 0);
}

static void
test_non_utf8_secret(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;

	(void)state;
	db = parse_ok("u s \\xff\\xfe\nv s p\\xc3\\xa4ss\n", &st);
	assert_int_equal(st.valid, 2);
	assert_int_equal(st.warnings, 1);
	assert_true(logged("cs:1: secret is not valid UTF-8"));
	assert_secret(look(db, "v", "s"), "p\xc3\xa4ss");
	secrets_free(db);
}

/* Many entries: the arena grows over several chunks. */
static void
test_many(void **state)
{
	struct secrets_db *db;
	struct secrets_stats st;
	char *t, name[32];
	size_t i, off = 0, cap = 5000 * 64;

	(void)state;
	t = malloc(cap);
	assert_non_null(t);
	for (i = 0; i < 5000; i++)
		off += (size_t)snprintf(t + off, cap - off,
		    "user%zu srv pass%zu 10.%zu.%zu.1\n", i, i, i / 256,
		    i % 256);
	db = parse_ok(t, &st);
	assert_int_equal(st.valid, 5000);
	for (i = 0; i < 5000; i += 499) {
		char pw[32];

		snprintf(name, sizeof(name), "user%zu", i);
		snprintf(pw, sizeof(pw), "pass%zu", i);
		assert_secret(look(db, name, "srv"), pw);
	}
	secrets_free(db);
	free(t);
}

/*
 * A word of 2^31 + 3 bytes (pppd CVE-2014-3158 wrapped an int there).
 * The buffer is one 1 MiB memfd mapped 2049 times, so it costs 1 MiB.
 */
static void
test_huge_word(void **state)
{
	const size_t chunk = 1 << 20, nmap = 2049;
	const size_t total = chunk * nmap;
	struct secrets_db *db = NULL;
	struct secrets_stats st;
	uint8_t *base, *p;
	size_t i;
	int fd;

	(void)state;
	fd = memfd_create("huge", 0);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)chunk), 0);
	p = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_true(p != MAP_FAILED);
	memset(p, 'a', chunk);
	munmap(p, chunk);
	base = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_NORESERVE, -1, 0);
	assert_true(base != MAP_FAILED);
	for (i = 0; i < nmap; i++) {
		/* private: the writes below copy only the pages they touch */
		p = mmap(base + i * chunk, chunk, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_FIXED, fd, 0);
		assert_true(p == base + i * chunk);
	}
	/* "u s " + 2^31 + 2^20 - 13 bytes of 'a' + "\nok s pw\n" */
	memcpy(base, "u s ", 4);
	memcpy(base + total - 9, "\nok s pw\n", 9);
	assert_true(total - 13 > ((size_t)1 << 31));
	nlogs = 0;
	assert_int_equal(secrets_parse("cs", base, total, NULL, NULL, &db,
	    &st), HP_OK);
	assert_true(logged("cs:1: word too long"));
	assert_int_equal(st.bad, 1);
	assert_int_equal(st.valid, 1);
	assert_secret(look(db, "ok", "s"), "pw");
	assert_int_equal(look(db, "ok", "s")->line, 2);
	assert_null(look(db, "u", "s"));
	secrets_free(db);
	munmap(base, total);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_poptop_example, setup),
		cmocka_unit_test_setup(test_quotes, setup),
		cmocka_unit_test_setup(test_escapes, setup),
		cmocka_unit_test_setup(test_comments_crlf, setup),
		cmocka_unit_test_setup(test_specificity, setup),
		cmocka_unit_test_setup(test_addresses, setup),
		cmocka_unit_test_setup(test_address_errors, setup),
		cmocka_unit_test_setup(test_options_ignored, setup),
		cmocka_unit_test_setup(test_nthash, setup),
		cmocka_unit_test_setup(test_atfile, setup),
		cmocka_unit_test_setup(test_line_errors, setup),
		cmocka_unit_test_setup(test_no_valid_entry, setup),
		cmocka_unit_test_setup(test_non_utf8_secret, setup),
		cmocka_unit_test_setup(test_many, setup),
		cmocka_unit_test_setup(test_huge_word, setup),
	};

	log_init("test", 1, 0);
	log_set_sink(sink);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
