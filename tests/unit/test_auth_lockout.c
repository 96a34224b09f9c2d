/* Tests for auth/lockout.c: counting, windows, expiry, the memory bound. */
#include <sys/socket.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/lockout.h"
#include "auth/peer.h"

static struct auth_peer
v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct auth_peer p;

	memset(&p, 0, sizeof(p));
	p.family = AF_INET;
	p.addr[0] = a; p.addr[1] = b; p.addr[2] = c; p.addr[3] = d;
	return p;
}

static struct lockout *
mk(unsigned n, uint64_t win, uint64_t lock, size_t cap)
{
	struct lockout_conf c;
	struct lockout *lo;

	lockout_conf_default(&c);
	c.max_failures = n;
	c.window_ms = win;
	c.lock_ms = lock;
	c.capacity = cap;
	lo = lockout_create(&c);
	assert_non_null(lo);
	return lo;
}

#define U(s)	(s), strlen(s)

static void
test_defaults(void **state)
{
	struct lockout_conf c;
	struct lockout *lo;

	(void)state;
	lockout_conf_default(&c);
	assert_int_equal(c.max_failures, 5);
	assert_int_equal(c.window_ms, 60000);
	assert_int_equal(c.lock_ms, 300000);
	assert_int_equal(c.capacity, 4096);
	lo = lockout_create(&c);
	assert_non_null(lo);
	assert_int_equal(lockout_capacity(lo), 4096);
	lockout_destroy(lo);
	lockout_destroy(NULL);
	c.capacity = 4;
	assert_null(lockout_create(&c));
	c.capacity = LOCKOUT_MAX_CAPACITY + 1;
	assert_null(lockout_create(&c));
	c.capacity = 100;			/* rounded up to the ways */
	lo = lockout_create(&c);
	assert_int_equal(lockout_capacity(lo), 104);
	lockout_destroy(lo);
	c.window_ms = 0;
	assert_null(lockout_create(&c));
	lockout_conf_default(&c);
	c.lock_ms = 0;
	assert_null(lockout_create(&c));
	assert_string_equal(lockout_scope_name(LOCKOUT_USER), "user");
	assert_string_equal(lockout_scope_name(LOCKOUT_PEER), "peer");
}

static void
test_user_lock(void **state)
{
	struct lockout *lo = mk(5, 60000, 300000, 4096);
	struct auth_peer p[5];
	uint64_t until, t = 1000000;
	int i;

	(void)state;
	/* five sources, so only the user scope can lock */
	for (i = 0; i < 5; i++)
		p[i] = v4(192, 0, 2, (uint8_t)(i + 1));
	for (i = 0; i < 4; i++) {
		assert_int_equal(lockout_check(lo, U("alice"), &p[i], t, NULL),
		    0);
		assert_int_equal(lockout_fail(lo, U("alice"), &p[i], t), 0);
		t += 1000;
	}
	assert_int_equal(lockout_fail(lo, U("alice"), &p[4], t),
	    LOCKOUT_USER);
	assert_int_equal(lockout_check(lo, U("alice"), &p[0], t, &until),
	    LOCKOUT_USER);
	assert_int_equal(until, t + 300000);
	/* other users are unaffected */
	assert_int_equal(lockout_check(lo, U("bob"), &p[0], t, NULL), 0);
	/* still locked just before the end, failures do not extend it */
	assert_int_equal(lockout_fail(lo, U("alice"), &p[0], t + 1000), 0);
	assert_int_equal(lockout_check(lo, U("alice"), &p[0], t + 299999,
	    &until), LOCKOUT_USER);
	assert_int_equal(until, t + 300000);
	/* a success during the lock does not lift it */
	lockout_success(lo, U("alice"), &p[0], t + 1000);
	assert_int_equal(lockout_check(lo, U("alice"), &p[0], t + 2000, NULL),
	    LOCKOUT_USER);
	/* released at the end, counting from zero again */
	t += 300000;
	assert_int_equal(lockout_check(lo, U("alice"), &p[0], t, &until), 0);
	assert_int_equal(until, 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(lockout_fail(lo, U("alice"), &p[i], t), 0);
	assert_int_equal(lockout_fail(lo, U("alice"), &p[4], t), LOCKOUT_USER);
	lockout_destroy(lo);
}

static void
test_window(void **state)
{
	struct lockout *lo = mk(3, 60000, 300000, 64);
	struct auth_peer p = { 0, { 0 } };	/* no source tracking */
	uint64_t t = 5;

	(void)state;
	assert_int_equal(lockout_fail(lo, U("u"), &p, t), 0);
	assert_int_equal(lockout_fail(lo, U("u"), &p, t + 30000), 0);
	/* the window started with the first failure and has passed */
	assert_int_equal(lockout_fail(lo, U("u"), &p, t + 60000), 0);
	assert_int_equal(lockout_fail(lo, U("u"), &p, t + 61000), 0);
	assert_int_equal(lockout_fail(lo, U("u"), &p, t + 62000),
	    LOCKOUT_USER);
	assert_int_equal(lockout_entries(lo, LOCKOUT_PEER), 0);
	/* success clears the count */
	assert_int_equal(lockout_fail(lo, U("v"), &p, t), 0);
	assert_int_equal(lockout_fail(lo, U("v"), &p, t), 0);
	lockout_success(lo, U("v"), &p, t);
	assert_int_equal(lockout_fail(lo, U("v"), &p, t), 0);
	assert_int_equal(lockout_fail(lo, U("v"), &p, t), 0);
	assert_int_equal(lockout_fail(lo, U("v"), &p, t), LOCKOUT_USER);
	/* a clock going back does not unlock or reset */
	assert_int_equal(lockout_check(lo, U("v"), &p, 1, NULL), LOCKOUT_USER);
	lockout_destroy(lo);
}

static void
test_peer_lock(void **state)
{
	struct lockout *lo = mk(5, 60000, 300000, 4096);
	struct auth_peer a = v4(198, 51, 100, 7), b = v4(198, 51, 100, 8);
	struct auth_peer a6, b6, c6;
	char name[16];
	uint64_t t = 100;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "u%d", i);
		assert_int_equal(lockout_fail(lo, U(name), &a, t), 0);
	}
	assert_int_equal(lockout_fail(lo, U("u4"), &a, t), LOCKOUT_PEER);
	/* any user from that source is refused, even a fresh one */
	assert_int_equal(lockout_check(lo, U("carol"), &a, t, NULL),
	    LOCKOUT_PEER);
	assert_int_equal(lockout_check(lo, U("carol"), &b, t, NULL), 0);
	/* a success from the locked source changes nothing */
	lockout_success(lo, U("carol"), &a, t);
	assert_int_equal(lockout_check(lo, U("carol"), &a, t, NULL),
	    LOCKOUT_PEER);
	/* both scopes at once */
	for (i = 0; i < 4; i++)
		assert_int_equal(lockout_fail(lo, U("dave"), &b, t), 0);
	assert_int_equal(lockout_fail(lo, U("dave"), &b, t),
	    LOCKOUT_USER | LOCKOUT_PEER);

	/* IPv6: one /64 is one source */
	memset(&a6, 0, sizeof(a6));
	a6.family = AF_INET6;
	a6.addr[0] = 0x20; a6.addr[1] = 0x01; a6.addr[2] = 0x0d;
	a6.addr[3] = 0xb8;
	b6 = a6;
	b6.addr[15] = 1;
	c6 = a6;
	c6.addr[7] = 1;
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "w%d", i);
		(void)lockout_fail(lo, U(name), i % 2 ? &a6 : &b6, t);
	}
	assert_int_equal(lockout_check(lo, U("x"), &a6, t, NULL), LOCKOUT_PEER);
	assert_int_equal(lockout_check(lo, U("x"), &b6, t, NULL), LOCKOUT_PEER);
	assert_int_equal(lockout_check(lo, U("x"), &c6, t, NULL), 0);
	/* NULL or unknown peers are not tracked per source */
	assert_int_equal(lockout_check(lo, U("x"), NULL, t, NULL), 0);
	lockout_destroy(lo);
}

static void
test_disabled(void **state)
{
	struct lockout *lo = mk(0, 60000, 300000, 64);
	struct auth_peer a = v4(10, 0, 0, 1);
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		assert_int_equal(lockout_fail(lo, U("u"), &a, 1), 0);
	assert_int_equal(lockout_check(lo, U("u"), &a, 1, NULL), 0);
	assert_int_equal(lockout_entries(lo, LOCKOUT_USER), 0);
	lockout_destroy(lo);
}

/*
 * A million random user names from random sources: the tables stay at
 * their capacity, the memory does not move, and a user attacked in a
 * burst during the spray still gets locked.
 */
static void
test_spray(void **state)
{
	struct lockout *lo = mk(5, 60000, 300000, 4096);
	struct auth_peer p, victim_src = v4(203, 0, 113, 9);
	size_t mem = lockout_memsize(lo);
	uint8_t name[24];
	unsigned locked_victim = 0;
	uint64_t t = 1;
	size_t i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.family = AF_INET;
	for (i = 0; i < 1000000; i++) {
		randombytes_buf(name, sizeof(name));
		randombytes_buf(p.addr, 4);
		(void)lockout_fail(lo, name, sizeof(name), &p, t);
		/*
		 * A burst against one user, hidden in the spray: two tries
		 * back to back (a count of 1 may be evicted by design; from
		 * 2 on it outranks every sprayed name), then one every 1000.
		 */
		if (i == 500001 ||
		    (i >= 500000 && i < 504000 && i % 1000 == 0))
			locked_victim |= lockout_fail(lo, U("victim"),
			    &victim_src, t);
		assert_true(lockout_entries(lo, LOCKOUT_USER) <= 4096);
		assert_true(lockout_entries(lo, LOCKOUT_PEER) <= 4096);
		if (i % 1000 == 0)
			t++;		/* about 1000 attempts per ms */
	}
	assert_int_equal(lockout_entries(lo, LOCKOUT_USER), 4096);
	assert_int_equal(lockout_entries(lo, LOCKOUT_PEER), 4096);
	assert_int_equal(lockout_memsize(lo), mem);
	assert_true(mem < 512 * 1024);
	/*
	 * The victim's count survived: once above 1 it outranks every
	 * sprayed name in eviction.
	 */
	assert_int_equal(locked_victim, LOCKOUT_USER | LOCKOUT_PEER);
	assert_int_equal(lockout_check(lo, U("victim"), NULL, t, NULL),
	    LOCKOUT_USER);
	/* once every window has passed, slots are reclaimed lazily */
	t += 400000;
	assert_int_equal(lockout_check(lo, U("victim"), NULL, t, NULL), 0);
	lockout_destroy(lo);
}

/* Locked entries are evicted last: fill a tiny table with locks. */
static void
test_evict_order(void **state)
{
	struct lockout *lo = mk(1, 60000, 300000, 8);	/* one bucket */
	char name[16];
	int i;

	(void)state;
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		assert_int_equal(lockout_fail(lo, U(name), NULL, 10 + i),
		    LOCKOUT_USER);
	}
	assert_int_equal(lockout_entries(lo, LOCKOUT_USER), 8);
	/* a ninth evicts the lock that ends first (l0) */
	assert_int_equal(lockout_fail(lo, U("l8"), NULL, 100), LOCKOUT_USER);
	assert_int_equal(lockout_check(lo, U("l0"), NULL, 100, NULL), 0);
	assert_int_equal(lockout_check(lo, U("l1"), NULL, 100, NULL),
	    LOCKOUT_USER);
	assert_int_equal(lockout_entries(lo, LOCKOUT_USER), 8);
	lockout_destroy(lo);

	lo = mk(3, 60000, 300000, 8);
	/* one locked user, seven counting: a newcomer evicts a counter */
	for (i = 0; i < 3; i++)
		(void)lockout_fail(lo, U("locked"), NULL, 1);
	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		(void)lockout_fail(lo, U(name), NULL, 2 + i);
		if (i == 0)
			(void)lockout_fail(lo, U(name), NULL, 2);
	}
	(void)lockout_fail(lo, U("new"), NULL, 20);
	assert_int_equal(lockout_check(lo, U("locked"), NULL, 20, NULL),
	    LOCKOUT_USER);
	/* c1 (lowest count, oldest) went, c0 (count 2) stayed */
	(void)lockout_fail(lo, U("c0"), NULL, 21);	/* now 3 */
	assert_int_equal(lockout_check(lo, U("c0"), NULL, 21, NULL),
	    LOCKOUT_USER);
	lockout_destroy(lo);
}

static void
test_peer_format(void **state)
{
	struct auth_peer p = v4(198, 51, 100, 7);
	char buf[AUTH_PEER_STRLEN];

	(void)state;
	auth_peer_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "198.51.100.7");
	memset(&p, 0, sizeof(p));
	p.family = AF_INET6;
	p.addr[0] = 0x20; p.addr[1] = 0x01; p.addr[2] = 0x0d; p.addr[3] = 0xb8;
	p.addr[15] = 1;
	auth_peer_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1");
	p.family = 6;			/* common/msg.h m_addr style */
	auth_peer_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1");
	p.family = 99;
	auth_peer_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "unknown");
	p = v4(10, 1, 2, 3);
	p.family = 4;
	auth_peer_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "10.1.2.3");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_user_lock),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_peer_lock),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_spray),
		cmocka_unit_test(test_evict_order),
		cmocka_unit_test(test_peer_format),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
