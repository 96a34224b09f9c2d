/* Unit tests: common/ctl_proto.c's request parser (ctl_parse_request). */
#include <sys/types.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/ctl_proto.h"

struct good {
	const char	*in;
	enum ctl_cmd	 cmd;
	uint32_t	 sid;
};

static const struct good goods[] = {
	{ "list",			CTL_LIST,	0 },
	{ "list\n",			CTL_LIST,	0 },
	{ "show sessions",		CTL_LIST,	0 },
	{ "show sessions\n",		CTL_LIST,	0 },
	{ "stats",			CTL_STATS,	0 },
	{ "stats\n",			CTL_STATS,	0 },
	{ "reload",			CTL_RELOAD,	0 },
	{ "reload\n",			CTL_RELOAD,	0 },
	{ "kick 0x3f2a",		CTL_KICK,	0x3f2a },
	{ "kick 0x3F2A\n",		CTL_KICK,	0x3f2a },
	{ "kick 0x1",			CTL_KICK,	1 },
	{ "kick 0xffffffff",		CTL_KICK,	0xffffffffu },
	{ "kick 0x00000001",		CTL_KICK,	1 },
	{ "kick 1",			CTL_KICK,	1 },
	{ "kick 4294967295",		CTL_KICK,	0xffffffffu },
	{ "kick 0000000012",		CTL_KICK,	12 },
	{ "show 0x1234",		CTL_SHOW,	0x1234 },
	{ "show 4660\n",		CTL_SHOW,	0x1234 },
	{ "show session 0x1234",	CTL_SHOW,	0x1234 },
	{ "show session 0xabcdef01\n",	CTL_SHOW,	0xabcdef01u },
	{ "limit 0x1234 5M/1M",		CTL_LIMIT,	0x1234 },
	{ "limit 7 -/-\n",		CTL_LIMIT,	7 },
};

struct bad {
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	int		 err;
};

static const struct bad bads[] = {
	/* empty */
	{ "",				0, HP_E_SHORT },
	{ "\n",				0, HP_E_SHORT },
	/* bytes outside printable ASCII, embedded or trailing */
	{ "list\n\n",			0, HP_E_FORMAT },
	{ "list\r\n",			0, HP_E_FORMAT },
	{ "li\0st",			5, HP_E_FORMAT },
	{ "list\0",			5, HP_E_FORMAT },
	{ "list\t",			0, HP_E_FORMAT },
	{ "kick\t0x1",			0, HP_E_FORMAT },
	{ "stats\x7f",			0, HP_E_FORMAT },
	{ "stats\xff",			0, HP_E_FORMAT },
	{ "\nlist",			0, HP_E_FORMAT },
	/* spacing */
	{ " list",			0, HP_E_FORMAT },
	{ "list ",			0, HP_E_FORMAT },
	{ "list \n",			0, HP_E_FORMAT },
	{ " ",				0, HP_E_FORMAT },
	{ "kick  0x1",			0, HP_E_FORMAT },
	{ "show session  0x1",		0, HP_E_FORMAT },
	/* unknown commands: case and prefixes matter */
	{ "LIST",			0, HP_E_FORMAT },
	{ "List",			0, HP_E_FORMAT },
	{ "lis",			0, HP_E_FORMAT },
	{ "lists",			0, HP_E_FORMAT },
	{ "stat",			0, HP_E_FORMAT },
	{ "reloadx",			0, HP_E_FORMAT },
	{ "kill 0x1",			0, HP_E_FORMAT },
	{ "0x1",			0, HP_E_FORMAT },
	{ "help",			0, HP_E_FORMAT },
	/* argument counts */
	{ "list now",			0, HP_E_BADLEN },
	{ "stats all",			0, HP_E_BADLEN },
	{ "reload now\n",		0, HP_E_BADLEN },
	{ "kick",			0, HP_E_BADLEN },
	{ "kick\n",			0, HP_E_BADLEN },
	{ "kick 0x1 0x2",		0, HP_E_BADLEN },
	{ "show",			0, HP_E_BADLEN },
	{ "show session",		0, HP_E_BADLEN },
	{ "show sessions all",		0, HP_E_BADLEN },
	{ "show session 0x1 0x2",	0, HP_E_BADLEN },
	{ "show 0x1 0x2",		0, HP_E_BADLEN },
	{ "a b c d",			0, HP_E_BADLEN },
	{ "kick 1 2 3",			0, HP_E_BADLEN },
	/* session ids */
	{ "kick 0",			0, HP_E_RANGE },
	{ "kick 0x0",			0, HP_E_RANGE },
	{ "kick 0x00000000",		0, HP_E_RANGE },
	{ "kick 0x",			0, HP_E_RANGE },
	{ "kick 0X1",			0, HP_E_RANGE },
	{ "kick x1",			0, HP_E_RANGE },
	{ "kick 0x1g",			0, HP_E_RANGE },
	{ "kick 0x-1",			0, HP_E_RANGE },
	{ "kick -1",			0, HP_E_RANGE },
	{ "kick +1",			0, HP_E_RANGE },
	{ "kick 1a",			0, HP_E_RANGE },
	{ "kick 0x100000000",		0, HP_E_RANGE },
	{ "kick 0x000000001",		0, HP_E_RANGE },
	{ "kick 4294967296",		0, HP_E_RANGE },
	{ "kick 99999999999",		0, HP_E_RANGE },
	{ "kick 00000000001",		0, HP_E_RANGE },
	{ "show sessionx",		0, HP_E_RANGE },
	{ "show session sessions",	0, HP_E_RANGE },
	{ "show session 0",		0, HP_E_RANGE },
	{ "show 0x",			0, HP_E_RANGE },
	{ "limit",			0, HP_E_BADLEN },
	{ "limit 0x1",			0, HP_E_BADLEN },
	{ "limit 0x1 1M/1M 5",		0, HP_E_BADLEN },
	{ "limit 0 1M/1M",		0, HP_E_RANGE },
	{ "limit 0x1 1M",		0, HP_E_RANGE },
	{ "limit 0x1 101G/1M",		0, HP_E_RANGE },
	{ "limit 0x1 /1M",		0, HP_E_RANGE },
};

/* The rates of a limit request, and nothing left set when it fails. */
static void
test_limit(void **state)
{
	struct ctl_req r;
	const char *s = "limit 0x10 10M/512k";

	assert_int_equal(ctl_parse_request((const uint8_t *)s, strlen(s), &r),
	    HP_OK);
	assert_int_equal(r.down_bps, 10000000);
	assert_int_equal(r.up_bps, 512000);
	s = "limit 0x10 10M/5X";
	assert_int_equal(ctl_parse_request((const uint8_t *)s, strlen(s), &r),
	    HP_E_RANGE);
	assert_int_equal(r.down_bps + r.up_bps, 0);
}

static void
test_good(void **state)
{
	struct ctl_req r;
	size_t i;

	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		memset(&r, 0xa5, sizeof(r));
		assert_int_equal(ctl_parse_request(
		    (const uint8_t *)goods[i].in, strlen(goods[i].in), &r),
		    HP_OK);
		assert_int_equal(r.cmd, goods[i].cmd);
		assert_int_equal(r.sid, goods[i].sid);
	}
}

static void
test_bad(void **state)
{
	struct ctl_req r;
	size_t i, n;

	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		n = bads[i].len != 0 ? bads[i].len : strlen(bads[i].in);
		memset(&r, 0xa5, sizeof(r));
		if (ctl_parse_request((const uint8_t *)bads[i].in, n, &r)
		    != bads[i].err)
			fail_msg("\"%s\": expected %s", bads[i].in,
			    hp_strerror(bads[i].err));
		/* a failed parse leaves nothing half-set */
		assert_int_equal(r.cmd, CTL_NONE);
		assert_int_equal(r.sid, 0);
	}
}

/* The size cap holds before anything else is looked at. */
static void
test_length(void **state)
{
	uint8_t buf[CTL_REQ_MAX + 2];
	struct ctl_req r;

	/* exactly CTL_REQ_MAX bytes is judged on content */
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(ctl_parse_request(buf, CTL_REQ_MAX, &r),
	    HP_E_FORMAT);
	/* one more is too long, whatever it says */
	assert_int_equal(ctl_parse_request(buf, CTL_REQ_MAX + 1, &r),
	    HP_E_LONG);
	memcpy(buf, "list\n", 5);
	assert_int_equal(ctl_parse_request(buf, CTL_REQ_MAX + 1, &r),
	    HP_E_LONG);
	assert_int_equal(r.cmd, CTL_NONE);
	/* a NULL buffer of length 0 is simply empty */
	assert_int_equal(ctl_parse_request(NULL, 0, &r), HP_E_SHORT);
}

/* Every truncation of every good request fails or parses cleanly. */
static void
test_truncations(void **state)
{
	struct ctl_req r;
	size_t i, n;
	int e;

	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		for (n = 0; n < strlen(goods[i].in); n++) {
			e = ctl_parse_request((const uint8_t *)goods[i].in,
			    n, &r);
			if (e != HP_OK) {
				assert_int_equal(r.cmd, CTL_NONE);
				continue;
			}
			/* "kick 0x3f2" is a shorter, still valid request */
			assert_true(r.cmd > CTL_NONE && r.cmd < CTL_NCMDS);
		}
	}
}

static void
test_names(void **state)
{
	int c;

	for (c = CTL_NONE; c < CTL_NCMDS; c++)
		assert_string_not_equal(ctl_cmd_name((enum ctl_cmd)c),
		    "unknown");
	assert_string_equal(ctl_cmd_name(CTL_NCMDS), "unknown");
	assert_string_equal(ctl_cmd_name(CTL_KICK), "kick");
}

/* The SID word alone, as hpptpctl checks its argument with it. */
static void
test_sid(void **state)
{
	static const struct {
		const char	*in;
		int		 err;
		uint32_t	 sid;
	} t[] = {
		{ "0x1",		HP_OK,		1 },
		{ "0xFFFFFFFF",		HP_OK,		0xffffffffu },
		{ "4294967295",		HP_OK,		0xffffffffu },
		{ "007",		HP_OK,		7 },
		{ "",			HP_E_RANGE,	0 },
		{ "0x",			HP_E_RANGE,	0 },
		{ "0",			HP_E_RANGE,	0 },
		{ "0x0",		HP_E_RANGE,	0 },
		{ "0x123456789",	HP_E_RANGE,	0 },
		{ "4294967296",		HP_E_RANGE,	0 },
		{ "12345678901",	HP_E_RANGE,	0 },
		{ "0xg",		HP_E_RANGE,	0 },
		{ "-1",			HP_E_RANGE,	0 },
		{ "1 ",			HP_E_RANGE,	0 },
	};
	uint32_t sid;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		sid = 0xdead;
		assert_int_equal(ctl_parse_sid((const uint8_t *)t[i].in,
		    strlen(t[i].in), &sid), t[i].err);
		assert_int_equal(sid, t[i].sid);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_sid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
