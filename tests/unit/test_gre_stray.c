/*
 * hpptpd tests: gre's stray reports (gre/stray.c): the first GRE for no
 * session from a source is reported, repeats are not, and a flood of
 * sources is held to the token bucket and counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "gre/stray.h"

static void
test_first_per_source(void **state)
{
	struct gre_stray st;
	uint32_t held;

	gre_stray_init(&st, 1000);
	assert_true(gre_stray_report(&st, 0xc0000214, 1000, &held));
	assert_int_equal(held, 0);
	assert_false(gre_stray_report(&st, 0xc0000214, 1001, &held));
	assert_false(gre_stray_report(&st, 0xc0000214, 2000, &held));
	/* another source: reported, with the two repeats held back */
	assert_true(gre_stray_report(&st, 0xc0000215, 2001, &held));
	assert_int_equal(held, 2);
	/* forgotten after STRAY_FORGET_MS: reported again */
	assert_true(gre_stray_report(&st, 0xc0000214,
	    1000 + STRAY_FORGET_MS, &held));
}

static void
test_flood_bounded(void **state)
{
	struct gre_stray st;
	uint32_t held, src, reported = 0;

	gre_stray_init(&st, 0);
	/* 10,000 spoofed sources in the same millisecond: a burst only */
	for (src = 1; src <= 10000; src++)
		if (gre_stray_report(&st, src * 7919, 5, &held))
			reported++;
	assert_int_equal(reported, STRAY_BURST);
	/* a second later: STRAY_RATE more, carrying the count held back */
	assert_true(gre_stray_report(&st, 0x0a000001, 1005, &held));
	assert_int_equal(held, 10000 - STRAY_BURST);
	for (reported = 1, src = 2; src < 100; src++)
		if (gre_stray_report(&st, 0x0a000000 + src, 1005, &held))
			reported++;
	assert_int_equal(reported, STRAY_RATE);
}

/* IPv6 sources: a key each (never the empty slot's 0), first reported. */
static void
test_key6(void **state)
{
	struct gre_stray st;
	uint8_t a[16], b[16];
	uint32_t held;

	(void)state;
	memset(a, 0, sizeof(a));
	a[0] = 0x20;
	a[1] = 0x01;
	a[15] = 1;
	memcpy(b, a, sizeof(b));
	b[15] = 2;
	assert_int_not_equal(gre_stray_key6(a), 0);
	assert_int_not_equal(gre_stray_key6(a), gre_stray_key6(b));
	assert_int_equal(gre_stray_key6(a), gre_stray_key6(a));
	gre_stray_init(&st, 0);
	assert_true(gre_stray_report(&st, gre_stray_key6(a), 1, &held));
	assert_false(gre_stray_report(&st, gre_stray_key6(a), 2, &held));
	assert_true(gre_stray_report(&st, gre_stray_key6(b), 3, &held));
	assert_int_equal(held, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_per_source),
		cmocka_unit_test(test_flood_bounded),
		cmocka_unit_test(test_key6),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
