/*
 * common/rand.c: draws from the pool are libsodium's bytes, each handed
 * out once, across refills and for draws larger than the pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "common/rand.h"

/* Never two equal 16-byte draws, across several refills of the pool. */
static void
test_draws_differ(void **state)
{
	enum { N = 3 * HP_RAND_POOL / 16 + 7 };
	static uint8_t d[N][16];
	static const uint8_t zero[16];
	int i, j;

	(void)state;
	for (i = 0; i < N; i++) {
		hp_random(d[i], sizeof(d[i]));
		assert_memory_not_equal(d[i], zero, sizeof(zero));
		for (j = 0; j < i; j++)
			assert_memory_not_equal(d[i], d[j], sizeof(d[i]));
	}
}

/* Odd sizes across the pool's end, and one larger than the pool. */
static void
test_sizes(void **state)
{
	static uint8_t big[HP_RAND_POOL + 100], a[7], b[7];
	unsigned ones = 0;
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++) {
		hp_random(a, sizeof(a));
		hp_random(b, sizeof(b));
		assert_memory_not_equal(a, b, sizeof(a));
	}
	memset(big, 0, sizeof(big));
	hp_random(big, sizeof(big));
	for (i = 0; i < sizeof(big); i++)
		ones += (unsigned)__builtin_popcount(big[i]);
	/* 2,848 bits: far from all zero or all one */
	assert_true(ones > sizeof(big) * 3 && ones < sizeof(big) * 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draws_differ),
		cmocka_unit_test(test_sizes),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
