/*
 * Unit tests: hpptpctl/client.c's ctlc_build_request, which checks the
 * command line (a SID with common/ctl_proto.c's parser) before anything
 * is sent; every line it builds must parse on master's side too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/ctl_proto.h"
#include "common/err.h"
#include "hpptpctl/client.h"

struct tcase {
	const char	*argv[4];
	int		 err;
	const char	*line;	/* what is built when err is HP_OK */
};

static const struct tcase cases[] = {
	{ { "list" },				HP_OK, "list" },
	{ { "stats" },				HP_OK, "stats" },
	{ { "reload" },				HP_OK, "reload" },
	{ { "show", "sessions" },		HP_OK, "show sessions" },
	{ { "show", "0x3f2a0001" },		HP_OK, "show 0x3f2a0001" },
	{ { "show", "session", "12" },		HP_OK, "show session 12" },
	{ { "kick", "0xFFFFFFFF" },		HP_OK, "kick 0xFFFFFFFF" },
	{ { "kick", "4294967295" },		HP_OK, "kick 4294967295" },
	{ { "list", "x" },			HP_E_BADLEN, NULL },
	{ { "kick" },				HP_E_BADLEN, NULL },
	{ { "limit", "0x5", "5M/1M" },		HP_OK, "limit 0x5 5M/1M" },
	{ { "limit", "0x5" },			HP_E_BADLEN, NULL },
	{ { "limit", "0", "5M/1M" },		HP_E_RANGE, NULL },
	{ { "show" },				HP_E_BADLEN, NULL },
	{ { "show", "session" },		HP_E_RANGE, NULL },
	{ { "show", "a", "b" },			HP_E_BADLEN, NULL },
	{ { "kick", "0" },			HP_E_RANGE, NULL },
	{ { "kick", "0x" },			HP_E_RANGE, NULL },
	{ { "kick", "0x100000000" },		HP_E_RANGE, NULL },
	{ { "kick", "4294967296" },		HP_E_RANGE, NULL },
	{ { "kick", "1 2" },			HP_E_RANGE, NULL },
	{ { "kick", "-1" },			HP_E_RANGE, NULL },
	{ { "stop" },				HP_E_FORMAT, NULL },
	{ { "LIST" },				HP_E_FORMAT, NULL },
};

static void
test_build(void **state)
{
	char buf[CTL_REQ_MAX + 1];
	struct ctl_req r;
	size_t i;
	int argc, e;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (argc = 0; argc < 4 && cases[i].argv[argc] != NULL; argc++)
			;
		e = ctlc_build_request(argc, (char *const *)cases[i].argv,
		    buf, sizeof(buf));
		if (e != cases[i].err)
			fail_msg("case %zu (%s): %d, want %d", i,
			    cases[i].argv[0], e, cases[i].err);
		if (e != HP_OK)
			continue;
		assert_string_equal(buf, cases[i].line);
		assert_int_equal(ctl_parse_request((const uint8_t *)buf,
		    strlen(buf), &r), HP_OK);
	}
}

/* A request that would not fit master's CTL_REQ_MAX is refused here. */
static void
test_long(void **state)
{
	char buf[256];
	const char *argv[] = { "show", "session",
	    "0000000000000000000000000000000000000000000000000001" };
	const char *reload[] = { "reload" };

	assert_int_equal(ctlc_build_request(3, (char *const *)argv, buf,
	    sizeof(buf)), HP_E_RANGE);
	assert_int_equal(ctlc_build_request(1, (char *const *)reload, buf, 3),
	    HP_E_LONG);
	assert_int_equal(ctlc_build_request(0, (char *const *)argv, buf,
	    sizeof(buf)), HP_E_BADLEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
