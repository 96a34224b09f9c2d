/* Unit tests: master/pool.c (parsing, allocation order, statics). */
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
#include "master/pool.h"

static struct in_addr
A(const char *s)
{
	struct in_addr	 in;

	assert_int_equal(inet_pton(AF_INET, s, &in), 1);
	return in;
}

static const char *
S(struct in_addr in)
{
	static char	 buf[4][INET_ADDRSTRLEN];
	static int	 k;

	k = (k + 1) % 4;
	return inet_ntop(AF_INET, &in, buf[k], sizeof(buf[k]));
}

static struct pool *
mk(const char *spec, const char *local)
{
	struct pool	*p = NULL;
	char		 err[POOL_ERRLEN];
	int		 r;

	r = pool_create(spec, local ? A(local) : (struct in_addr){ 0 }, &p,
	    err, sizeof(err));
	if (r != HP_OK)
		fail_msg("pool_create(%s): %s: %s", spec, hp_strerror(r), err);
	return p;
}

static void
test_poptop_syntax(void **st)
{
	struct pool	*p = mk("10.100.0.200-210,10.100.0.230-254", "10.100.1.1");
	struct in_addr	 f, l;

	assert_int_equal(pool_size(p), 11 + 25);
	assert_int_equal(pool_free_count(p), 36);
	assert_int_equal(pool_range_count(p), 2);
	assert_int_equal(pool_range_get(p, 0, &f, &l), HP_OK);
	assert_string_equal(S(f), "10.100.0.200");
	assert_string_equal(S(l), "10.100.0.210");
	assert_int_equal(pool_range_get(p, 1, &f, &l), HP_OK);
	assert_string_equal(S(f), "10.100.0.230");
	assert_string_equal(S(l), "10.100.0.254");
	assert_int_equal(pool_range_get(p, 2, &f, &l), HP_E_NOTFOUND);
	assert_true(pool_contains(p, A("10.100.0.205")));
	assert_false(pool_contains(p, A("10.100.0.220")));
	pool_destroy(p);
}

static void
test_forms(void **st)
{
	static const struct {
		const char	*spec;
		size_t		 size;
		const char	*first;
		const char	*last;
	} t[] = {
		{ "10.1.2.3", 1, "10.1.2.3", "10.1.2.3" },
		{ " 10.1.2.3 ,\t10.1.2.9 ", 2, "10.1.2.3", "10.1.2.9" },
		{ "10.100.0.0/24", 254, "10.100.0.1", "10.100.0.254" },
		{ "10.100.0.0/30", 2, "10.100.0.1", "10.100.0.2" },
		{ "10.100.0.0/31", 2, "10.100.0.0", "10.100.0.1" },
		{ "10.100.0.7/32", 1, "10.100.0.7", "10.100.0.7" },
		{ "10.0.0.0/16", 65534, "10.0.0.1", "10.0.255.254" },
		{ "10.0.0.250-10.0.1.4", 11, "10.0.0.250", "10.0.1.4" },
		{ "10.0.0.5-5", 1, "10.0.0.5", "10.0.0.5" },
		/* sorted, whatever the order given */
		{ "10.0.0.9,10.0.0.1-3", 4, "10.0.0.1", "10.0.0.9" },
		{ "192.168.0.0/17,192.168.128.0/17", 65532,
		    "192.168.0.1", "192.168.255.254" },
		{ "10.0.0.0-10.0.255.255", 65536, "10.0.0.0", "10.0.255.255" },
	};
	struct in_addr	 f, l, tmp;
	size_t		 i, n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct pool *p = mk(t[i].spec, NULL);

		assert_int_equal(pool_size(p), t[i].size);
		n = pool_range_count(p);
		assert_int_equal(pool_range_get(p, 0, &f, &tmp), HP_OK);
		assert_int_equal(pool_range_get(p, n - 1, &tmp, &l), HP_OK);
		assert_string_equal(S(f), t[i].first);
		assert_string_equal(S(l), t[i].last);
		pool_destroy(p);
	}
}

static void
test_bad_syntax(void **st)
{
	static const struct {
		const char	*spec;
		int		 err;
		const char	*msg;	/* substring of the message */
	} t[] = {
		{ "", HP_E_FORMAT, "empty entry" },
		{ " ", HP_E_FORMAT, "empty entry" },
		{ "10.0.0.1,", HP_E_FORMAT, "empty entry" },
		{ ",10.0.0.1", HP_E_FORMAT, "empty entry" },
		{ "10.0.0.1,,10.0.0.2", HP_E_FORMAT, "empty entry" },
		{ "10.0.0", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.1.2", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.256", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.01", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.1a", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0..1", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.-1", HP_E_FORMAT, "bad IPv4 address" },
		{ "10 .0.0.1", HP_E_FORMAT, "bad IPv4 address" },
		{ "host.example", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.1-", HP_E_FORMAT, "bad last octet" },
		{ "10.0.0.1-256", HP_E_FORMAT, "bad last octet" },
		{ "10.0.0.1-x", HP_E_FORMAT, "bad last octet" },
		{ "10.0.0.1-1-2", HP_E_FORMAT, "bad last octet" },
		{ "10.0.0.1-10.0.0", HP_E_FORMAT, "after '-'" },
		{ "-10.0.0.1", HP_E_FORMAT, "bad IPv4 address" },
		{ "10.0.0.9-5", HP_E_RANGE, "ends before it starts" },
		{ "10.0.1.1-10.0.0.200", HP_E_RANGE, "ends before it starts" },
		{ "10.0.0.0/", HP_E_FORMAT, "prefix length" },
		{ "10.0.0.0/33", HP_E_FORMAT, "prefix length" },
		{ "10.0.0.0/08", HP_E_FORMAT, "prefix length" },
		{ "10.0.0.1/24", HP_E_FORMAT, "host bits set" },
		{ "10.0.0.0/24-5", HP_E_FORMAT, "both" },
		{ "10.0.0.0/8", HP_E_RANGE, "exceed 65536" },
		{ "10.0.0.0/15", HP_E_RANGE, "exceed 65536" },
		{ "10.0.0.0-10.1.0.0", HP_E_RANGE, "exceed 65536" },
		{ "10.0.0.0/16,10.1.0.0/29", HP_E_RANGE, "exceed 65536" },
		{ "0.0.0.0/0", HP_E_RANGE, "usable" },
		{ "0.0.0.5", HP_E_RANGE, "usable" },
		{ "127.0.0.1", HP_E_RANGE, "usable" },
		{ "224.0.0.1", HP_E_RANGE, "usable" },
		{ "255.255.255.255", HP_E_RANGE, "usable" },
		{ "126.255.255.250-127.0.0.3", HP_E_RANGE, "usable" },
		{ "10.0.0.1-5,10.0.0.5", HP_E_DUP, "overlap at 10.0.0.5" },
		{ "10.0.0.0/24,10.0.0.7", HP_E_DUP, "overlap" },
	};
	struct pool	*p;
	char		 err[POOL_ERRLEN];
	size_t		 i;
	int		 r;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = (struct pool *)1;
		err[0] = '\0';
		r = pool_create(t[i].spec, (struct in_addr){ 0 }, &p, err,
		    sizeof(err));
		if (r != t[i].err || strstr(err, t[i].msg) == NULL)
			fail_msg("`%s': got %s `%s', want %s `%s'", t[i].spec,
			    hp_strerror(r), err, hp_strerror(t[i].err),
			    t[i].msg);
		assert_null(p);
	}
	/* too many entries, too long a string, NULL */
	{
		char	 big[POOL_MAX_SPEC + 64];
		size_t	 off = 0;

		for (i = 0; i <= POOL_MAX_RANGES; i++)
			off += (size_t)snprintf(big + off, sizeof(big) - off,
			    "%s10.0.%zu.%zu", i ? "," : "", i / 200, i % 200 + 1);
		assert_int_equal(pool_create(big, (struct in_addr){ 0 }, &p,
		    err, sizeof(err)), HP_E_RANGE);
		assert_non_null(strstr(err, "more than 256 entries"));
		memset(big, '1', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(pool_create(big, (struct in_addr){ 0 }, &p,
		    err, sizeof(err)), HP_E_LONG);
		assert_int_equal(pool_create(NULL, (struct in_addr){ 0 }, &p,
		    err, sizeof(err)), HP_E_FORMAT);
	}
	/* only the local address */
	assert_int_equal(pool_create("10.0.0.1", A("10.0.0.1"), &p, err,
	    sizeof(err)), HP_E_RANGE);
	assert_non_null(strstr(err, "local"));
	/* a NULL or tiny error buffer is fine */
	assert_int_equal(pool_create("x", (struct in_addr){ 0 }, &p, NULL, 0),
	    HP_E_FORMAT);
	assert_int_equal(pool_create("x", (struct in_addr){ 0 }, &p, err, 1),
	    HP_E_FORMAT);
	assert_string_equal(err, "");
}

static void
test_exhaustion_and_fifo(void **st)
{
	struct pool	*p = mk("10.0.0.1-4", "10.0.0.2");
	struct in_addr	 a[3], x;

	assert_int_equal(pool_size(p), 3);
	assert_int_equal(pool_alloc(p, &a[0]), HP_OK);
	assert_int_equal(pool_alloc(p, &a[1]), HP_OK);
	assert_int_equal(pool_alloc(p, &a[2]), HP_OK);
	assert_string_equal(S(a[0]), "10.0.0.1");	/* local skipped */
	assert_string_equal(S(a[1]), "10.0.0.3");
	assert_string_equal(S(a[2]), "10.0.0.4");
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);
	assert_int_equal(x.s_addr, 0);
	assert_int_equal(pool_free_count(p), 0);
	assert_int_equal(pool_used_count(p), 3);
	assert_true(pool_in_use(p, a[1]));
	assert_false(pool_in_use(p, A("10.0.0.2")));

	/* Release 3 then 1: handed out again in that order (FIFO). */
	assert_int_equal(pool_release(p, a[1]), HP_OK);
	assert_int_equal(pool_release(p, a[0]), HP_OK);
	assert_int_equal(pool_release(p, a[0]), HP_E_NOTFOUND);
	assert_int_equal(pool_release(p, A("10.0.0.2")), HP_E_NOTFOUND);
	assert_int_equal(pool_release(p, A("10.9.9.9")), HP_E_NOTFOUND);
	assert_false(pool_in_use(p, a[1]));
	assert_int_equal(pool_alloc(p, &x), HP_OK);
	assert_string_equal(S(x), "10.0.0.3");
	/* 10.0.0.1 is older than a release that comes now */
	assert_int_equal(pool_release(p, a[2]), HP_OK);
	assert_int_equal(pool_alloc(p, &x), HP_OK);
	assert_string_equal(S(x), "10.0.0.1");
	assert_int_equal(pool_alloc(p, &x), HP_OK);
	assert_string_equal(S(x), "10.0.0.4");
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);
	pool_destroy(p);
}

/* pool_alloc_match's test: odd last octet, and not .5 */
static bool
odd_not5(const void *arg, uint32_t a)
{
	assert_ptr_equal(arg, &odd_not5);
	return (a & 1) && (a & 0xff) != 5;
}

static void
test_alloc_match(void **st)
{
	struct pool	*p = mk("10.0.0.1-8", "10.0.0.3");
	struct in_addr	 x, y, z;

	(void)st;
	assert_int_equal(pool_alloc_match(p, odd_not5, &odd_not5, &x), HP_OK);
	assert_string_equal(S(x), "10.0.0.1");
	/* .3 is local, .5 refused: .7, then nothing */
	assert_int_equal(pool_alloc_match(p, odd_not5, &odd_not5, &y), HP_OK);
	assert_string_equal(S(y), "10.0.0.7");
	assert_int_equal(pool_alloc_match(p, odd_not5, &odd_not5, &z),
	    HP_E_NOMEM);
	assert_int_equal(z.s_addr, 0);
	assert_int_equal(pool_used_count(p), 2);
	assert_int_equal(pool_free_count(p), 5);
	/* plain allocation goes on in order, around the taken ones */
	assert_int_equal(pool_alloc(p, &z), HP_OK);
	assert_string_equal(S(z), "10.0.0.2");
	/* a released match address comes back to the match */
	assert_int_equal(pool_release(p, x), HP_OK);
	assert_int_equal(pool_alloc_match(p, odd_not5, &odd_not5, &z), HP_OK);
	assert_string_equal(S(z), "10.0.0.1");
	pool_destroy(p);
}

static void
test_full_cap(void **st)
{
	struct pool	*p = mk("10.0.0.0-10.0.255.255", NULL);
	struct in_addr	 x;
	size_t		 n = 0;

	while (pool_alloc(p, &x) == HP_OK)
		n++;
	assert_int_equal(n, POOL_MAX_ADDRS);
	assert_string_equal(S(x), "0.0.0.0");
	assert_int_equal(pool_release(p, A("10.0.128.7")), HP_OK);
	assert_int_equal(pool_alloc(p, &x), HP_OK);
	assert_string_equal(S(x), "10.0.128.7");
	pool_destroy(p);
}

static void
test_static(void **st)
{
	struct pool	*p = mk("10.100.0.200-202", "10.100.1.1");
	struct in_addr	 x, y;

	/* Reserved in range: never handed out dynamically. */
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "username2"),
	    HP_OK);
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "username2"),
	    HP_OK);
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "other"),
	    HP_E_DUP);
	assert_string_equal(pool_reserved_for(p, A("10.100.0.201")),
	    "username2");
	assert_null(pool_reserved_for(p, A("10.100.0.200")));
	assert_int_equal(pool_free_count(p), 2);
	assert_int_equal(pool_alloc(p, &x), HP_OK);
	assert_int_equal(pool_alloc(p, &y), HP_OK);
	assert_string_equal(S(x), "10.100.0.200");
	assert_string_equal(S(y), "10.100.0.202");
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);

	/* Only its owner may take it, once. */
	assert_int_equal(pool_take_static(p, A("10.100.0.201"), "username1"),
	    HP_E_PERM);
	assert_false(pool_in_use(p, A("10.100.0.201")));
	assert_int_equal(pool_take_static(p, A("10.100.0.201"), "username2"),
	    HP_OK);
	assert_true(pool_in_use(p, A("10.100.0.201")));
	assert_int_equal(pool_take_static(p, A("10.100.0.201"), "username2"),
	    HP_E_DUP);
	assert_int_equal(pool_used_count(p), 3);
	/* Release: stays reserved, not free. */
	assert_int_equal(pool_release(p, A("10.100.0.201")), HP_OK);
	assert_false(pool_in_use(p, A("10.100.0.201")));
	assert_int_equal(pool_free_count(p), 0);
	assert_int_equal(pool_release(p, A("10.100.0.201")), HP_E_NOTFOUND);

	/* Unreserved in-range static: taken from the free set. */
	assert_int_equal(pool_release(p, A("10.100.0.202")), HP_OK);
	assert_int_equal(pool_free_count(p), 1);
	assert_int_equal(pool_take_static(p, A("10.100.0.202"), "bob"), HP_OK);
	assert_int_equal(pool_free_count(p), 0);
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);
	/* A dynamically allocated address is in use for statics too. */
	assert_int_equal(pool_take_static(p, A("10.100.0.200"), "eve"),
	    HP_E_DUP);
	assert_int_equal(pool_release(p, A("10.100.0.202")), HP_OK);
	assert_int_equal(pool_free_count(p), 1);

	/* Outside the ranges. */
	assert_int_equal(pool_take_static(p, A("192.168.7.7"), "carol"),
	    HP_OK);
	assert_true(pool_in_use(p, A("192.168.7.7")));
	assert_false(pool_contains(p, A("192.168.7.7")));
	assert_int_equal(pool_take_static(p, A("192.168.7.7"), "dave"),
	    HP_E_DUP);
	assert_int_equal(pool_used_count(p), 2);
	assert_int_equal(pool_release(p, A("192.168.7.7")), HP_OK);
	assert_int_equal(pool_release(p, A("192.168.7.7")), HP_E_NOTFOUND);
	assert_int_equal(pool_used_count(p), 1);
	assert_int_equal(pool_take_static(p, A("192.168.7.7"), "dave"), HP_OK);
	assert_int_equal(pool_release(p, A("192.168.7.7")), HP_OK);
	/* reserved outside */
	assert_int_equal(pool_reserve(p, A("192.168.7.8"), "carol"), HP_OK);
	assert_int_equal(pool_take_static(p, A("192.168.7.8"), "dave"),
	    HP_E_PERM);
	assert_int_equal(pool_take_static(p, A("192.168.7.8"), "carol"), HP_OK);
	assert_int_equal(pool_release(p, A("192.168.7.8")), HP_OK);
	assert_string_equal(pool_reserved_for(p, A("192.168.7.8")), "carol");

	/* Never usable. */
	assert_int_equal(pool_take_static(p, A("10.100.1.1"), "x"), HP_E_RANGE);
	assert_int_equal(pool_take_static(p, A("0.0.0.0"), "x"), HP_E_RANGE);
	assert_int_equal(pool_take_static(p, A("127.0.0.1"), "x"), HP_E_RANGE);
	assert_int_equal(pool_take_static(p, A("224.0.0.5"), "x"), HP_E_RANGE);
	assert_int_equal(pool_reserve(p, A("10.100.1.1"), "x"), HP_E_RANGE);
	assert_int_equal(pool_take_static(p, A("10.1.1.1"), NULL), HP_E_RANGE);
	pool_destroy(p);
}

static void
test_local_in_range_and_reserve_in_use(void **st)
{
	struct pool	*p = mk("10.0.0.0/29", "10.0.0.1");
	struct in_addr	 x;
	int		 i;

	assert_int_equal(pool_size(p), 5);
	assert_int_equal(pool_take_static(p, A("10.0.0.1"), "x"), HP_E_RANGE);
	for (i = 0; i < 5; i++) {
		assert_int_equal(pool_alloc(p, &x), HP_OK);
		assert_int_not_equal(x.s_addr, A("10.0.0.1").s_addr);
	}
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);
	/* Reserving an address in use (as after a reload) takes effect
	 * when it is released. */
	assert_int_equal(pool_reserve(p, A("10.0.0.4"), "u"), HP_OK);
	assert_int_equal(pool_release(p, A("10.0.0.4")), HP_OK);
	assert_int_equal(pool_alloc(p, &x), HP_E_NOMEM);
	assert_int_equal(pool_take_static(p, A("10.0.0.4"), "u"), HP_OK);
	pool_destroy(p);
}

/*
 * Reservations across reloads: a static address moved to another user
 * goes with it; one the new file no longer has returns to the pool (or,
 * in use, when its session releases it).
 */
static void
test_reserve_reload(void **st)
{
	struct pool	*p = mk("10.100.0.200-202", "10.100.1.1");

	pool_reserve_begin(p);
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "alice"), HP_OK);
	assert_int_equal(pool_reserve(p, A("10.100.0.202"), "carol"), HP_OK);
	/* two owners in one file: the first keeps it */
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "eve"), HP_E_DUP);
	pool_reserve_end(p);
	assert_int_equal(pool_free_count(p), 1);
	assert_int_equal(pool_take_static(p, A("10.100.0.202"), "carol"),
	    HP_OK);

	/* reload: .201 now belongs to bob, carol's .202 is gone */
	pool_reserve_begin(p);
	assert_int_equal(pool_reserve(p, A("10.100.0.201"), "bob"), HP_OK);
	pool_reserve_end(p);
	assert_string_equal(pool_reserved_for(p, A("10.100.0.201")), "bob");
	assert_int_equal(pool_take_static(p, A("10.100.0.201"), "alice"),
	    HP_E_PERM);
	assert_int_equal(pool_take_static(p, A("10.100.0.201"), "bob"), HP_OK);
	assert_null(pool_reserved_for(p, A("10.100.0.202")));
	assert_true(pool_in_use(p, A("10.100.0.202")));	/* carol's session */
	assert_int_equal(pool_free_count(p), 1);
	assert_int_equal(pool_release(p, A("10.100.0.202")), HP_OK);
	assert_int_equal(pool_free_count(p), 2);	/* free for anyone */

	/* reload without any static: .201 returns when bob releases it */
	pool_reserve_begin(p);
	pool_reserve_end(p);
	assert_null(pool_reserved_for(p, A("10.100.0.201")));
	assert_int_equal(pool_release(p, A("10.100.0.201")), HP_OK);
	assert_int_equal(pool_free_count(p), 3);
	pool_destroy(p);
}

static void
test_static_table_full(void **st)
{
	struct pool	*p = mk("10.0.0.1", NULL);
	char		 ip[INET_ADDRSTRLEN];
	unsigned int	 i;

	for (i = 0; i < POOL_MAX_STATIC; i++) {
		/* unsigned and & 0xff: gcc -O1 (SAN=1) proves it fits */
		snprintf(ip, sizeof(ip), "172.16.%u.%u", (i / 250) & 0xff,
		    (i % 250 + 1) & 0xff);
		assert_int_equal(pool_take_static(p, A(ip), "u"), HP_OK);
	}
	assert_int_equal(pool_take_static(p, A("172.31.0.1"), "u"), HP_E_NOMEM);
	assert_int_equal(pool_reserve(p, A("172.31.0.1"), "u"), HP_E_NOMEM);
	assert_int_equal(pool_release(p, A("172.16.0.1")), HP_OK);
	assert_int_equal(pool_take_static(p, A("172.31.0.1"), "u"), HP_OK);
	assert_int_equal(pool_used_count(p), POOL_MAX_STATIC);
	pool_destroy(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poptop_syntax),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_bad_syntax),
		cmocka_unit_test(test_exhaustion_and_fifo),
		cmocka_unit_test(test_alloc_match),
		cmocka_unit_test(test_full_cap),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_local_in_range_and_reserve_in_use),
		cmocka_unit_test(test_reserve_reload),
		cmocka_unit_test(test_static_table_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
