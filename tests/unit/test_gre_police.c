/* Unit tests: gre/police.c (token-bucket policer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gre/police.h"

/* Offer 1400-byte packets every `gap` ms for `ms`; bytes passed. */
static uint64_t
offer(struct police *p, uint64_t t0, uint64_t ms, uint64_t gap, int per)
{
	uint64_t t, bytes = 0;
	int i;

	for (t = t0; t < t0 + ms; t += gap)
		for (i = 0; i < per; i++)
			if (police_pass(p, 1400, t))
				bytes += 1400;
	return bytes;
}

static void
test_unlimited(void **st)
{
	struct police p = { 0 };

	(void)st;
	police_set(&p, 0, 0, 0);
	assert_int_equal(offer(&p, 0, 1000, 1, 100), 1000ULL * 100 * 1400);
	assert_int_equal(p.drops, 0);
}

/* Offered far above the rate, the long-run rate is the limit's. */
static void
test_long_run_rate(void **st)
{
	static const uint64_t rates[] = { 64000, 1000000, 5000000, 10000000,
	    100000000, 1000000000 };
	struct police p = { 0 };
	uint64_t bytes, want, burst;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		police_set(&p, rates[i], 0, 1000);
		burst = p.burst;
		/* 10 s, offered at ~11x the highest rate every ms */
		bytes = offer(&p, 1000, 10000, 1, 1000);
		/* earned from the first probe (1000) to the last (10999) */
		want = rates[i] / 8 * 9999 / 1000 + burst;
		/* within one packet of rate * time + the initial bucket */
		assert_true(bytes <= want);
		assert_true(bytes + 1400 >= want);
		assert_true(p.drops > 0);
	}
}

/* Slow rates earn less than a byte a millisecond: nothing is lost. */
static void
test_fraction(void **st)
{
	struct police p = { 0 };
	uint64_t bytes;

	(void)st;
	police_set(&p, 4000, 0, 0);		/* 500 B/s, bucket 2048 */
	assert_int_equal(p.rate, 500);
	assert_int_equal(p.burst, 2048);
	/* empty the bucket */
	assert_true(police_pass(&p, 1400, 0));
	assert_false(police_pass(&p, 1400, 0));
	/* 648 + 500 * 60 s = 30648 bytes over a minute, probed each ms */
	bytes = offer(&p, 1, 60000, 1, 1) + 1400;
	assert_true(bytes <= 30648 + 1400);
	assert_true(bytes >= 30648 - 1400);
}

/* A burst is what a bucket full after a pause lets through at once. */
static void
test_burst(void **st)
{
	struct police p = { 0 };
	int n = 0;

	(void)st;
	police_set(&p, 8000000, 14000, 0);	/* 1 MB/s, 10 packets */
	while (police_pass(&p, 1400, 0))
		n++;
	assert_int_equal(n, 10);
	/* an hour later: full again, never more than the burst */
	n = 0;
	while (police_pass(&p, 1400, 3600000))
		n++;
	assert_int_equal(n, 10);
	/* 7 ms earn 7000 bytes: 5 packets */
	n = 0;
	while (police_pass(&p, 1400, 3600007))
		n++;
	assert_int_equal(n, 5);
	assert_int_equal(p.drops, 3);
}

/* Changing the rate (hpptpctl limit, CoA) takes effect at once. */
static void
test_change(void **st)
{
	struct police p = { 0 };
	uint64_t a, b;

	(void)st;
	police_set(&p, 10000000, 0, 0);
	a = offer(&p, 0, 5000, 1, 10);
	police_set(&p, 1000000, 0, 5000);
	b = offer(&p, 5000, 5000, 1, 10);
	assert_true(a > 5 * b);
	assert_true(b <= 1000000 / 8 * 5 + 125000);
	/* the clock going backwards (never, but) passes nothing extra */
	police_set(&p, 8000, 0, 100);
	assert_true(police_pass(&p, 1400, 100));
	assert_false(police_pass(&p, 1400, 50));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unlimited),
		cmocka_unit_test(test_long_run_rate),
		cmocka_unit_test(test_fraction),
		cmocka_unit_test(test_burst),
		cmocka_unit_test(test_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
