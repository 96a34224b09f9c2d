/* Unit tests: common/addrrule.c (pppd's address-column rules). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/addrrule.h"

#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define R(n, p, x)	((struct addr_rule){ (n), (p), (x), { 0, 0 } })

static void
test_mask(void **st)
{
	(void)st;
	assert_int_equal(addr_prefix_mask(0), 0);
	assert_int_equal(addr_prefix_mask(1), 0x80000000u);
	assert_int_equal(addr_prefix_mask(24), 0xffffff00u);
	assert_int_equal(addr_prefix_mask(32), 0xffffffffu);
	assert_int_equal(addr_prefix_mask(99), 0xffffffffu);
}

static void
test_first_match(void **st)
{
	/* "!10.0.0.5 10.0.0.0/24 !10.0.0.0/8 *" */
	const struct addr_rule r[] = {
		R(IP(10, 0, 0, 5), 32, 1), R(IP(10, 0, 0, 0), 24, 0),
		R(IP(10, 0, 0, 0), 8, 1), R(0, 0, 0),
	};

	(void)st;
	assert_false(addr_rules_allow(r, 4, IP(10, 0, 0, 5)));
	assert_true(addr_rules_allow(r, 4, IP(10, 0, 0, 6)));
	assert_false(addr_rules_allow(r, 4, IP(10, 1, 0, 6)));
	assert_true(addr_rules_allow(r, 4, IP(192, 168, 1, 1)));
	/* without the catch-all nothing else matches: refused */
	assert_false(addr_rules_allow(r, 3, IP(192, 168, 1, 1)));
	assert_false(addr_rules_allow(r, 0, IP(10, 0, 0, 6)));
}

static void
test_single(void **st)
{
	/* "!10.0.0.5 10.0.0.5 10.0.0.6 10.0.1.0/24" */
	const struct addr_rule r[] = {
		R(IP(10, 0, 0, 5), 32, 1), R(IP(10, 0, 0, 5), 32, 0),
		R(IP(10, 0, 0, 6), 32, 0), R(IP(10, 0, 1, 0), 24, 0),
	};
	uint32_t a = 0;

	(void)st;
	assert_false(addr_rules_single(r, 4, 0, &a));	/* an exclusion */
	assert_false(addr_rules_single(r, 4, 1, &a));	/* excluded before */
	assert_true(addr_rules_single(r, 4, 2, &a));
	assert_int_equal(a, IP(10, 0, 0, 6));
	assert_false(addr_rules_single(r, 4, 3, &a));	/* a subnet */
	assert_false(addr_rules_single(r, 4, 4, &a));	/* past the end */
}

static void
test_valid(void **st)
{
	struct addr_rule r = R(IP(10, 0, 0, 0), 24, 0);

	(void)st;
	assert_true(addr_rule_valid(&r));
	r.net |= 1;
	assert_false(addr_rule_valid(&r));		/* host bits */
	r = R(0, 33, 0);
	assert_false(addr_rule_valid(&r));
	r = R(0, 0, 2);
	assert_false(addr_rule_valid(&r));
	r = R(0, 0, 0);
	r.pad[0] = 1;
	assert_false(addr_rule_valid(&r));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_first_match),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
