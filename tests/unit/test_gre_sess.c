/*
 * Unit tests: gre/sess.c's use of the timer heap (gre_sess_arm,
 * gre_sess_disarm, gre_table_top), against a plain array of deadlines,
 * through random arms, moves up and down, and disarms of thousands of
 * sessions.
 */
#include <arpa/inet.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "gre/framed.h"
#include "gre/pool.h"
#include "gre/sess.h"

#define N	2000

/* The heap's shape (common/heap.c's own test covers it in depth). */
static void
check_heap(const struct gre_table *t)
{
	assert_true(heap_valid(&t->timers));
}

static void
test_heap_random(void **st)
{
	static struct gre_table t;
	static struct gre_sess *s[N];
	static uint64_t want[N];	/* 0: not armed */
	struct gre_sess_conf c;
	uint64_t min;
	uint32_t i, k, armed;
	unsigned seed = 12345;

	(void)st;
	assert_int_equal(gre_table_init(&t, N), HP_OK);
	for (i = 0; i < N; i++) {
		memset(&c, 0, sizeof(c));
		c.sid = i + 1;
		c.call_id = (uint16_t)(i + 1);
		c.peer_call_id = 7;
		c.peer_addr = 0x7f000002;
		c.peer_rwin = 64;
		assert_int_equal(gre_sess_add(&t, &c, &s[i]), HP_OK);
	}
	assert_null(gre_table_top(&t));
	for (k = 0; k < 200000; k++) {
		i = (uint32_t)rand_r(&seed) % N;
		if (rand_r(&seed) % 4 == 0) {
			gre_sess_disarm(&t, s[i]);
			want[i] = 0;
		} else {
			want[i] = 1 + (uint64_t)rand_r(&seed) % 100000;
			gre_sess_arm(&t, s[i], want[i]);
		}
		if (k % 1000 != 0)
			continue;
		check_heap(&t);
		for (i = 0, min = 0, armed = 0; i < N; i++) {
			if (want[i] == 0)
				continue;
			armed++;
			if (min == 0 || want[i] < min)
				min = want[i];
		}
		assert_int_equal(t.timers.n, armed);
		if (armed == 0)
			assert_null(gre_table_top(&t));
		else
			assert_int_equal(gre_table_top(&t)->due, min);
	}
	/* Drain in order: each top no earlier than the one before. */
	for (min = 0; (s[0] = gre_table_top(&t)) != NULL; min = s[0]->due) {
		assert_true(s[0]->due >= min);
		gre_sess_disarm(&t, s[0]);
	}
	assert_int_equal(t.timers.n, 0);
	gre_table_fini(&t, NULL);
}

/* Removing an armed session takes it out of the heap. */
static void
test_remove_armed(void **st)
{
	static struct gre_table t;
	struct gre_pool pool;
	struct gre_sess_conf c;
	struct gre_sess *a, *b;

	(void)st;
	assert_int_equal(gre_pool_init(&pool, 4), HP_OK);
	assert_int_equal(gre_table_init(&t, 4), HP_OK);
	memset(&c, 0, sizeof(c));
	c.sid = 1;
	c.call_id = 1;
	c.peer_addr = 1;
	assert_int_equal(gre_sess_add(&t, &c, &a), HP_OK);
	c.sid = 2;
	c.call_id = 2;
	assert_int_equal(gre_sess_add(&t, &c, &b), HP_OK);
	gre_sess_arm(&t, a, 10);
	gre_sess_arm(&t, b, 20);
	assert_ptr_equal(gre_table_top(&t), a);
	gre_sess_remove(&t, &pool, a);
	assert_ptr_equal(gre_table_top(&t), b);
	assert_int_equal(t.timers.n, 1);
	gre_table_fini(&t, &pool);
	gre_pool_fini(&pool);
}

/*
 * RADIUS Framed-Routes (gre/framed.c): a destination inside a route
 * goes to its session, the session's own address first; a session may
 * send from its address and its routes only; the routes go with the
 * session, and a full list refuses new ones whole.
 */
static void
test_framed_routes(void **st)
{
	static struct gre_table t;
	struct gre_pool pool;
	struct gre_sess_conf c;
	struct gre_sess *a, *b;
	struct m_route r[2];
	static struct m_route many[GRE_FRAMED_MAX];

	(void)st;
	assert_int_equal(gre_pool_init(&pool, 4), HP_OK);
	assert_int_equal(gre_table_init(&t, 4), HP_OK);
	memset(&c, 0, sizeof(c));
	c.sid = 1;
	c.call_id = 1;
	c.peer_addr = 1;
	assert_int_equal(gre_sess_add(&t, &c, &a), HP_OK);
	c.sid = 2;
	c.call_id = 2;
	assert_int_equal(gre_sess_add(&t, &c, &b), HP_OK);
	assert_int_equal(gre_sess_set_addr(&t, a, 0x0a6400f0), HP_OK);
	assert_int_equal(gre_sess_set_addr(&t, b, 0x0a6400f1), HP_OK);
	memset(r, 0, sizeof(r));
	r[0].addr = htonl(0x0ac80000);		/* 10.200.0.0/24 */
	r[0].plen = 24;
	r[1].addr = htonl(0x0ac90005);		/* 10.201.0.5/32 */
	r[1].plen = 32;
	assert_int_equal(gre_framed_set(&t, a, r, 2), HP_OK);
	assert_ptr_equal(gre_sess_by_dst(&t, 0x0ac80063), a);
	assert_ptr_equal(gre_sess_by_dst(&t, 0x0ac90005), a);
	assert_null(gre_sess_by_dst(&t, 0x0ac90006));
	assert_ptr_equal(gre_sess_by_dst(&t, 0x0a6400f1), b);
	assert_true(gre_framed_src_ok(&t, a, 0x0a6400f0));
	assert_true(gre_framed_src_ok(&t, a, 0x0ac800fe));
	assert_false(gre_framed_src_ok(&t, a, 0x0ac80100));
	assert_false(gre_framed_src_ok(&t, b, 0x0ac80001));
	assert_false(gre_framed_src_ok(&t, b, 0x0a6400f0));
	/* replaced, not added to */
	assert_int_equal(gre_framed_set(&t, a, r, 1), HP_OK);
	assert_int_equal(t.nframed, 1);
	assert_null(gre_sess_by_dst(&t, 0x0ac90005));
	/* full: refused whole, the old ones gone */
	assert_int_equal(gre_framed_set(&t, b, many, GRE_FRAMED_MAX),
	    HP_E_NOMEM);
	assert_int_equal(b->nframed, 0);
	gre_sess_remove(&t, &pool, a);
	assert_int_equal(t.nframed, 0);
	assert_null(gre_sess_by_dst(&t, 0x0ac80063));
	gre_table_fini(&t, &pool);
	gre_pool_fini(&pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heap_random),
		cmocka_unit_test(test_remove_armed),
		cmocka_unit_test(test_framed_routes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
