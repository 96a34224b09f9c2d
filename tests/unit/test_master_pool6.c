/* Unit tests: master/pool6.c (the IPv6 prefix pool). */
#include <sys/types.h>

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "master/pool6.h"

static const char *
S(const struct in6_addr *a)
{
	static char	 buf[4][INET6_ADDRSTRLEN];
	static int	 k;

	k = (k + 1) % 4;
	return inet_ntop(AF_INET6, a, buf[k], sizeof(buf[k]));
}

static struct pool6 *
mk(const char *spec)
{
	struct pool6	*p = NULL;
	struct in6_addr	 base;
	unsigned	 plen;
	char		 err[POOL6_ERRLEN];

	if (pool6_parse(spec, 64, &base, &plen, err, sizeof(err)) != HP_OK)
		fail_msg("pool6_parse(%s): %s", spec, err);
	assert_int_equal(pool6_create(&base, plen, &p), HP_OK);
	return p;
}

static void
test_parse(void **st)
{
	struct in6_addr	 b;
	unsigned	 n = 0;
	char		 err[POOL6_ERRLEN];

	assert_int_equal(pool6_parse("2001:db8:100::/48", 64, &b, &n, err,
	    sizeof(err)), HP_OK);
	assert_int_equal(n, 48);
	assert_string_equal(S(&b), "2001:db8:100::");
	assert_int_equal(pool6_parse("2001:db8:100::/48", 60, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_non_null(strstr(err, "only 64"));
	assert_int_equal(pool6_parse("2001:db8:100::/47", 64, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_int_equal(pool6_parse("2001:db8:100::/64", 64, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_int_equal(pool6_parse("2001:db8:100:1::/48", 64, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_int_equal(pool6_parse("::/48", 64, &b, &n, err, sizeof(err)),
	    HP_E_RANGE);
	assert_int_equal(pool6_parse("fe80::/48", 64, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_int_equal(pool6_parse("::ffff:10.0.0.0/48", 64, &b, &n, err,
	    sizeof(err)), HP_E_RANGE);
	assert_int_equal(pool6_parse("2001:db8::/", 64, &b, &n, err,
	    sizeof(err)), HP_E_FORMAT);
	assert_int_equal(pool6_parse("2001:db8::/-1", 64, &b, &n, err,
	    sizeof(err)), HP_E_FORMAT);
	assert_int_equal(pool6_parse("2001:db8::/ 48", 64, &b, &n, err,
	    sizeof(err)), HP_E_FORMAT);
	assert_int_equal(pool6_parse("x/48", 64, &b, &n, err, sizeof(err)),
	    HP_E_FORMAT);
	assert_int_equal(pool6_create(&b, 47, &(struct pool6 *){ NULL }),
	    HP_E_RANGE);
}

/* A /62 holds 4 /64s: the server's and three for sessions. */
static void
test_alloc_cycle(void **st)
{
	struct pool6	*p = mk("fd00:1:2:4::/62");
	struct in6_addr	 a, b, c, d, srv;

	assert_int_equal(pool6_size(p), 3);
	pool6_server_prefix(p, &srv);
	assert_string_equal(S(&srv), "fd00:1:2:4::");
	assert_int_equal(pool6_alloc(p, &a), HP_OK);
	assert_string_equal(S(&a), "fd00:1:2:5::");
	assert_int_equal(pool6_alloc(p, &b), HP_OK);
	assert_string_equal(S(&b), "fd00:1:2:6::");
	assert_true(pool6_in_use(p, &a));
	/* released, it comes back only after the others went round */
	assert_int_equal(pool6_release(p, &a), HP_OK);
	assert_false(pool6_in_use(p, &a));
	assert_int_equal(pool6_alloc(p, &c), HP_OK);
	assert_string_equal(S(&c), "fd00:1:2:7::");
	assert_int_equal(pool6_alloc(p, &d), HP_OK);
	assert_string_equal(S(&d), "fd00:1:2:5::");
	assert_int_equal(pool6_used_count(p), 3);
	assert_int_equal(pool6_alloc(p, &d), HP_E_NOMEM);
	/* the server's, a stranger, a host address: not the pool's */
	assert_int_equal(pool6_release(p, &srv), HP_E_RANGE);
	assert_false(pool6_in_use(p, &srv));
	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:8::", &d), 1);
	assert_int_equal(pool6_release(p, &d), HP_E_RANGE);
	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:5::1", &d), 1);
	assert_int_equal(pool6_release(p, &d), HP_E_RANGE);
	assert_int_equal(pool6_release(p, &b), HP_OK);
	assert_int_equal(pool6_release(p, &b), HP_E_NOTFOUND);
	pool6_destroy(p);
}

/*
 * A RADIUS user's own /64 (pool6_take): only a free session prefix of
 * the pool; the allocation cursor does not move for it, and what it
 * took is skipped by the next allocations.
 */
static void
test_take(void **st)
{
	struct pool6	*p = mk("fd00:1:2:4::/62");
	struct in6_addr	 a, srv;

	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:6::", &a), 1);
	assert_int_equal(pool6_take(p, &a), HP_OK);
	assert_true(pool6_in_use(p, &a));
	assert_int_equal(pool6_used_count(p), 1);
	/* twice: in use */
	assert_int_equal(pool6_take(p, &a), HP_E_DUP);
	/* the server's, a stranger, a host bit set: not the pool's */
	pool6_server_prefix(p, &srv);
	assert_int_equal(pool6_take(p, &srv), HP_E_RANGE);
	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:8::", &a), 1);
	assert_int_equal(pool6_take(p, &a), HP_E_RANGE);
	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:5::1", &a), 1);
	assert_int_equal(pool6_take(p, &a), HP_E_RANGE);
	/* allocation goes on from the start, around the taken :6 */
	assert_int_equal(pool6_alloc(p, &a), HP_OK);
	assert_string_equal(S(&a), "fd00:1:2:5::");
	assert_int_equal(pool6_alloc(p, &a), HP_OK);
	assert_string_equal(S(&a), "fd00:1:2:7::");
	assert_int_equal(pool6_alloc(p, &a), HP_E_NOMEM);
	/* released, it can be taken by name again */
	assert_int_equal(inet_pton(AF_INET6, "fd00:1:2:6::", &a), 1);
	assert_int_equal(pool6_release(p, &a), HP_OK);
	assert_int_equal(pool6_take(p, &a), HP_OK);
	pool6_destroy(p);
}

/* The widest pool: every /64 of a /48 once, then none. */
static void
test_full_48(void **st)
{
	struct pool6	*p = mk("2001:db8:100::/48");
	struct in6_addr	 a;
	uint32_t	 i;

	assert_int_equal(pool6_size(p), 65535);
	for (i = 1; i <= 65535; i++) {
		assert_int_equal(pool6_alloc(p, &a), HP_OK);
		assert_int_equal(a.s6_addr[6] << 8 | a.s6_addr[7], i);
		assert_int_equal(memcmp(a.s6_addr, "\x20\x01\x0d\xb8\x01\x00",
		    6), 0);
	}
	assert_int_equal(pool6_alloc(p, &a), HP_E_NOMEM);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:100:ffff::", &a), 1);
	assert_int_equal(pool6_release(p, &a), HP_OK);
	assert_int_equal(pool6_alloc(p, &a), HP_OK);
	assert_string_equal(S(&a), "2001:db8:100:ffff::");
	pool6_destroy(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_alloc_cycle),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_full_48),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
