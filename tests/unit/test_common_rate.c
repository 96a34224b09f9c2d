/* Unit tests: common/rate.c (rate limit figures). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/rate.h"

static int
parse(const char *s, uint64_t unit, struct rate_pair *r)
{
	return rate_parse(s, strlen(s), unit, r);
}

static void
test_pairs(void **st)
{
	struct rate_pair r;

	(void)st;
	assert_int_equal(parse("10M/2M", 1, &r), HP_OK);
	assert_int_equal(r.down_bps, 10000000);
	assert_int_equal(r.up_bps, 2000000);
	assert_int_equal(parse("512k/128000", 1, &r), HP_OK);
	assert_int_equal(r.down_bps, 512000);
	assert_int_equal(r.up_bps, 128000);
	assert_int_equal(parse("1G/-", 1, &r), HP_OK);
	assert_int_equal(r.down_bps, 1000000000);
	assert_int_equal(r.up_bps, 0);
	assert_int_equal(parse("0/0", 1, &r), HP_OK);
	assert_int_equal(r.down_bps + r.up_bps, 0);
	/* accel-ppp's Filter-Id: kbit per second */
	assert_int_equal(parse("10240/2048", 1000, &r), HP_OK);
	assert_int_equal(r.down_bps, 10240000);
	assert_int_equal(r.up_bps, 2048000);
	assert_int_equal(parse("100G/100G", 1, &r), HP_OK);
}

static void
test_refused(void **st)
{
	static const char *bad[] = {
		"", "/", "10M", "10M/", "/2M", "10M/2M/1M", "10 M/2M",
		"10X/2M", "M/2M", "-1/2", "1.5M/2M", "10M/2Mk", "0x10/2",
		"10M /2M", "k/k", "--/1",
	};
	struct rate_pair r = { 7, 7 };
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_not_equal(parse(bad[i], 1, &r), HP_OK);
		assert_int_equal(r.down_bps, 7);
	}
	assert_int_equal(parse("101G/1", 1, &r), HP_E_RANGE);
	assert_int_equal(parse("99999999999999/1", 1, &r), HP_E_RANGE);
	assert_int_equal(parse("100000001/1", 1000, &r), HP_E_RANGE);
	assert_int_equal(parse("1/1", 0, &r), HP_E_FORMAT);
	/* no NUL needed, none read past n */
	assert_int_equal(rate_parse("1M/2M9", 5, 1, &r), HP_OK);
	assert_int_equal(r.up_bps, 2000000);
}

static void
test_mikrotik(void **st)
{
	struct rate_pair r;
	const char *s;

	(void)st;
	/* rx/tx from the router: rx is the client's upload */
	s = "2M/10M";
	assert_int_equal(rate_parse_mikrotik(s, strlen(s), &r), HP_OK);
	assert_int_equal(r.down_bps, 10000000);
	assert_int_equal(r.up_bps, 2000000);
	s = "512k/4M 1M/8M 384k/3M 8/8 8 256k/1M";
	assert_int_equal(rate_parse_mikrotik(s, strlen(s), &r), HP_OK);
	assert_int_equal(r.down_bps, 4000000);
	assert_int_equal(r.up_bps, 512000);
	s = " 1M/1M";
	assert_int_not_equal(rate_parse_mikrotik(s, strlen(s), &r), HP_OK);
}

static void
test_format(void **st)
{
	char b[RATE_STR_MAX];
	struct rate_pair r;

	(void)st;
	rate_format(10000000, b, sizeof(b));
	assert_string_equal(b, "10M");
	rate_format(1500000, b, sizeof(b));
	assert_string_equal(b, "1500k");
	rate_format(2000000000, b, sizeof(b));
	assert_string_equal(b, "2G");
	rate_format(1234, b, sizeof(b));
	assert_string_equal(b, "1234");
	rate_format(0, b, sizeof(b));
	assert_string_equal(b, "-");
	/* what it prints parses back to the same figure */
	rate_format(RATE_MAX_BPS, b, sizeof(b));
	assert_int_equal(rate_parse_one(b, strlen(b), 1, &r.down_bps), HP_OK);
	assert_int_equal(r.down_bps, RATE_MAX_BPS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_mikrotik),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
