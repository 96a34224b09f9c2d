/*
 * Unit tests: common/heap.c, the timer heap ctrl and gre share, against
 * a plain array of keys through random sets, moves up and down and
 * deletes, then drained in order; and its edges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "common/err.h"
#include "common/heap.h"

#define N	5000

static void
test_random(void **st)
{
	static struct heap h;
	static uint64_t want[N];	/* 0: not in */
	uint64_t min, key;
	uint32_t i, k, n, item;
	unsigned seed = 4242;

	assert_int_equal(heap_init(&h, N), HP_OK);
	assert_false(heap_top(&h, &item, &key));
	for (k = 0; k < 300000; k++) {
		i = (uint32_t)rand_r(&seed) % N;
		if (rand_r(&seed) % 4 == 0) {
			heap_del(&h, i);
			want[i] = 0;
		} else {
			/* few distinct keys too: ties must not break it */
			want[i] = 1 + (uint64_t)rand_r(&seed) %
			    (k % 2 ? 100000 : 7);
			heap_set(&h, i, want[i]);
		}
		assert_int_equal(heap_has(&h, i), want[i] != 0);
		if (k % 997 != 0)
			continue;
		assert_true(heap_valid(&h));
		for (i = 0, min = 0, n = 0; i < N; i++) {
			if (want[i] == 0)
				continue;
			n++;
			if (min == 0 || want[i] < min)
				min = want[i];
		}
		assert_int_equal(h.n, n);
		if (n == 0)
			assert_false(heap_top(&h, &item, &key));
		else {
			assert_true(heap_top(&h, &item, &key));
			assert_int_equal(key, min);
			assert_int_equal(want[item], min);
		}
	}
	for (min = 0; heap_top(&h, &item, &key); min = key) {
		assert_true(key >= min);
		assert_int_equal(key, want[item]);
		heap_del(&h, item);
		want[item] = 0;
	}
	for (i = 0; i < N; i++)
		assert_int_equal(want[i], 0);
	assert_int_equal(h.n, 0);
	heap_fini(&h);
}

static void
test_edges(void **st)
{
	struct heap h;
	uint32_t item;
	uint64_t key;

	assert_int_equal(heap_init(&h, 0), HP_E_RANGE);
	assert_int_equal(heap_init(&h, 3), HP_OK);
	heap_set(&h, 3, 1);		/* out of range: ignored */
	heap_del(&h, 3);
	heap_del(&h, 1);		/* not in: nothing */
	assert_false(heap_has(&h, 3));
	assert_int_equal(h.n, 0);
	heap_set(&h, 0, 30);
	heap_set(&h, 1, 20);
	heap_set(&h, 2, 10);
	heap_set(&h, 2, 10);		/* same key again: stays once */
	assert_int_equal(h.n, 3);
	assert_true(heap_top(&h, &item, &key));
	assert_int_equal(item, 2);
	heap_set(&h, 0, 5);		/* moves up */
	assert_true(heap_top(&h, &item, &key));
	assert_int_equal(item, 0);
	assert_int_equal(key, 5);
	heap_set(&h, 0, 50);		/* and down */
	assert_true(heap_top(&h, &item, &key));
	assert_int_equal(item, 2);
	assert_true(heap_valid(&h));
	heap_fini(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
