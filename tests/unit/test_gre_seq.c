/*
 * Unit tests: gre/seq.c - in-order delivery, loss, duplication,
 * reordering, hold timeout, wraparound at 2^32, acks and the window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/err.h"
#include "gre/pool.h"
#include "gre/seq.h"

struct fx {
	struct gre_pool		pool;
	struct seq_state	st;
	uint32_t		got[4096];	/* delivered payload tags */
	unsigned		ngot;
};

static int
setup(void **state)
{
	static struct fx	f;

	memset(&f, 0, sizeof(f));
	assert_int_equal(gre_pool_init(&f.pool, 64), HP_OK);
	seq_init(&f.st, 64, SEQ_WIN, SEQ_HOLD_MS);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	seq_reset(&f->st, &f->pool);
	assert_int_equal(f->pool.nfree, f->pool.n);	/* no leak */
	gre_pool_fini(&f->pool);
	return 0;
}

static void
collect(struct fx *f, const struct seq_batch *b, uint32_t cur)
{
	unsigned	i;
	uint32_t	v;

	for (i = 0; i < b->n; i++) {
		if (b->item[i] == SEQ_ITEM_CUR)
			v = cur;
		else {
			assert_int_equal(gre_pool_len(&f->pool, b->item[i]), 4);
			memcpy(&v, gre_pool_data(&f->pool, b->item[i]), 4);
			gre_pool_free(&f->pool, b->item[i]);
		}
		f->got[f->ngot++] = v;
	}
}

/* Feed packet seq (payload = seq) at time now. */
static enum seq_rx_res
feed(struct fx *f, uint32_t seq, uint64_t now)
{
	struct seq_batch	b;
	enum seq_rx_res		r;

	r = seq_rx(&f->st, &f->pool, seq, (const uint8_t *)&seq, 4, now, &b);
	collect(f, &b, seq);
	return r;
}

static void
expire(struct fx *f, uint64_t now)
{
	struct seq_batch	b;

	seq_rx_expire(&f->st, now, &b);
	collect(f, &b, 0);
}

static void
expect(struct fx *f, const uint32_t *v, unsigned n)
{
	assert_int_equal(f->ngot, n);
	assert_memory_equal(f->got, v, n * sizeof(*v));
}

static void
test_in_order(void **state)
{
	struct fx	*f = *state;
	uint32_t	 i;

	for (i = 100; i < 110; i++)
		assert_int_equal(feed(f, i, 0), SEQ_RX_DELIVER);
	assert_int_equal(f->ngot, 10);
	for (i = 0; i < 10; i++)
		assert_int_equal(f->got[i], 100 + i);
	assert_int_equal(f->st.lost, 0);
}

static void
test_reorder(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 10, 11, 12, 13, 14, 15 };

	assert_int_equal(feed(f, 10, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 13, 1), SEQ_RX_HELD);
	assert_int_equal(feed(f, 12, 2), SEQ_RX_HELD);
	assert_int_equal(feed(f, 14, 3), SEQ_RX_HELD);
	assert_int_equal(f->ngot, 1);
	assert_int_equal(feed(f, 11, 4), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 15, 5), SEQ_RX_DELIVER);
	expect(f, want, 6);
	assert_int_equal(f->st.nheld, 0);
	assert_int_equal(f->st.reordered, 3);
}

static void
test_duplicates(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 5, 6, 7, 8 };

	assert_int_equal(feed(f, 5, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 5, 0), SEQ_RX_STALE);	/* delivered */
	assert_int_equal(feed(f, 7, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 7, 0), SEQ_RX_DUP);	/* held */
	assert_int_equal(feed(f, 6, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 6, 0), SEQ_RX_STALE);
	assert_int_equal(feed(f, 8, 0), SEQ_RX_DELIVER);
	expect(f, want, 4);
}

/* A lost packet: held ones wait SEQ_HOLD_MS, then the gap is given up. */
static void
test_loss_timeout(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 1, 3, 4, 5 };
	uint64_t	 when;

	assert_int_equal(feed(f, 1, 1000), SEQ_RX_DELIVER);
	assert_false(seq_rx_deadline(&f->st, &when));
	assert_int_equal(feed(f, 3, 1010), SEQ_RX_HELD);
	assert_int_equal(feed(f, 4, 1020), SEQ_RX_HELD);
	assert_true(seq_rx_deadline(&f->st, &when));
	assert_int_equal(when, 1010 + SEQ_HOLD_MS);
	expire(f, 1010 + SEQ_HOLD_MS - 1);
	assert_int_equal(f->ngot, 1);
	expire(f, 1010 + SEQ_HOLD_MS);
	assert_int_equal(f->ngot, 3);
	assert_int_equal(f->st.lost, 1);
	/* The lost one turning up late is stale now. */
	assert_int_equal(feed(f, 2, 1400), SEQ_RX_STALE);
	assert_int_equal(feed(f, 5, 1400), SEQ_RX_DELIVER);
	expect(f, want, 4);
}

/* A packet SEQ_WIN or more ahead pushes the window: no waiting. */
static void
test_loss_window_push(void **state)
{
	struct fx	*f = *state;
	uint32_t	 want[SEQ_WIN + 1], i;
	unsigned	 k = 0;

	assert_int_equal(feed(f, 0, 0), SEQ_RX_DELIVER);
	want[k++] = 0;
	/* 1 is lost; 2 .. SEQ_WIN are held. */
	for (i = 2; i <= SEQ_WIN; i++) {
		assert_int_equal(feed(f, i, 0), SEQ_RX_HELD);
		want[k++] = i;
	}
	assert_int_equal(feed(f, SEQ_WIN + 1, 0), SEQ_RX_DELIVER);
	want[k++] = SEQ_WIN + 1;
	expect(f, want, k);
	assert_int_equal(f->st.lost, 1);
	assert_int_equal(f->st.nheld, 0);
}

/* gre-reorder window 4 timeout 50ms: a smaller window, a shorter wait. */
static void
test_configured_window(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 0, 2, 3, 4, 5, 7, 8 };
	uint64_t	 when;

	seq_init(&f->st, 64, 4, 50);
	assert_int_equal(feed(f, 0, 1000), SEQ_RX_DELIVER);
	/* 1 is lost; 2..4 wait; 5 is 4 ahead: the window moves on */
	assert_int_equal(feed(f, 2, 1000), SEQ_RX_HELD);
	assert_int_equal(feed(f, 3, 1000), SEQ_RX_HELD);
	assert_int_equal(feed(f, 4, 1000), SEQ_RX_HELD);
	assert_int_equal(feed(f, 5, 1000), SEQ_RX_DELIVER);
	assert_int_equal(f->st.lost, 1);
	/* 6 is lost; 7 waits 50 ms, not SEQ_HOLD_MS */
	assert_int_equal(feed(f, 7, 2000), SEQ_RX_HELD);
	assert_true(seq_rx_deadline(&f->st, &when));
	assert_int_equal(when, 2050);
	expire(f, 2049);
	assert_int_equal(f->ngot, 5);
	expire(f, 2050);
	assert_int_equal(feed(f, 8, 2060), SEQ_RX_DELIVER);
	expect(f, want, 7);
	assert_int_equal(f->st.lost, 2);
}

/* gre-reorder no (timeout 0): nothing waits; late packets are dropped. */
static void
test_no_reorder(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 0, 2, 3 };
	uint64_t	 when;

	seq_init(&f->st, 64, SEQ_WIN, 0);
	assert_int_equal(feed(f, 0, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 2, 0), SEQ_RX_DELIVER);
	assert_false(seq_rx_deadline(&f->st, &when));
	assert_int_equal(feed(f, 1, 0), SEQ_RX_STALE);
	assert_int_equal(feed(f, 3, 0), SEQ_RX_DELIVER);
	expect(f, want, 3);
	assert_int_equal(f->st.lost, 1);
}

/* A jump far ahead with holes in the window. */
static void
test_big_jump(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 0, 3, 5, 1000 };

	assert_int_equal(feed(f, 0, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 3, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 5, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 1000, 0), SEQ_RX_HELD);
	expect(f, want, 3);
	assert_int_equal(f->st.rx_next, 1000 - (SEQ_WIN - 1));
	assert_int_equal(feed(f, 1000 - (SEQ_WIN - 1), 0), SEQ_RX_DELIVER);
	expire(f, SEQ_HOLD_MS);
	assert_int_equal(f->ngot, 5);
	assert_int_equal(f->got[4], 1000);
	assert_int_equal(f->st.rx_next, 1001);
}

static void
test_wraparound(void **state)
{
	struct fx	*f = *state;
	const uint32_t	 want[] = { 0xfffffffd, 0xfffffffe, 0xffffffff, 0, 1,
	    2, 3 };

	assert_int_equal(feed(f, 0xfffffffd, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 0xffffffff, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 1, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 0, 0), SEQ_RX_HELD);
	assert_int_equal(feed(f, 0xfffffffe, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 2, 0), SEQ_RX_DELIVER);
	/* Before the wrap is stale, after it is not. */
	assert_int_equal(feed(f, 0xfffffff0, 0), SEQ_RX_STALE);
	assert_int_equal(feed(f, 3, 0), SEQ_RX_DELIVER);
	expect(f, want, 7);
	assert_true(seq_lt(0xffffffff, 0));
	assert_true(seq_gt(0, 0xffffffff));
}

/* VECTORS.md: "sequence number 1 accepted at any time" is a bug. */
static void
test_seq_one_not_special(void **state)
{
	struct fx	*f = *state;
	uint32_t	 i;

	for (i = 500; i < 510; i++)
		assert_int_equal(feed(f, i, 0), SEQ_RX_DELIVER);
	assert_int_equal(feed(f, 1, 0), SEQ_RX_STALE);
	assert_int_equal(feed(f, 0, 0), SEQ_RX_STALE);
	assert_int_equal(f->st.rx_next, 510);
	assert_int_equal(feed(f, 510, 0), SEQ_RX_DELIVER);
}

static void
test_acks(void **state)
{
	struct fx	*f = *state;
	uint32_t	 ack, i;
	uint64_t	 when;

	assert_false(seq_tx_ack(&f->st, &ack));		/* nothing yet */
	assert_false(seq_ack_due(&f->st, 0));
	assert_int_equal(feed(f, 7, 100), SEQ_RX_DELIVER);
	assert_true(seq_ack_deadline(&f->st, &when));
	assert_int_equal(when, 100 + SEQ_ACK_DELAY_MS);
	assert_false(seq_ack_due(&f->st, 150));
	assert_true(seq_ack_due(&f->st, 100 + SEQ_ACK_DELAY_MS));
	/* Piggy-backed on data: no ack-only packet needed any more. */
	assert_true(seq_tx_ack(&f->st, &ack));
	assert_int_equal(ack, 7);
	assert_false(seq_ack_due(&f->st, 1000));
	/* Held packets are not acked until delivered. */
	assert_int_equal(feed(f, 9, 200), SEQ_RX_HELD);
	assert_false(seq_ack_due(&f->st, 1000));
	assert_int_equal(feed(f, 8, 210), SEQ_RX_DELIVER);
	assert_true(seq_tx_ack(&f->st, &ack));
	assert_int_equal(ack, 9);
	/* A burst of unacked packets wants an ack at once. */
	for (i = 10; i < 10 + SEQ_ACK_BURST; i++)
		assert_int_equal(feed(f, i, 300), SEQ_RX_DELIVER);
	assert_true(seq_ack_due(&f->st, 300));
}

static void
test_tx_window(void **state)
{
	struct fx	*f = *state;
	unsigned	 i;

	seq_init(&f->st, 4, SEQ_WIN, SEQ_HOLD_MS);
	for (i = 0; i < 4; i++) {
		assert_true(seq_tx_window_open(&f->st));
		assert_int_equal(seq_tx_next(&f->st), i);
	}
	assert_false(seq_tx_window_open(&f->st));
	/* Full window: we still send (see seq.h) but count it. */
	assert_int_equal(seq_tx_next(&f->st), 4);
	assert_int_equal(f->st.win_full, 1);
	seq_rx_ack(&f->st, 3);
	assert_true(seq_tx_window_open(&f->st));
	/* Old acks are ignored; acks beyond what we sent are counted. */
	seq_rx_ack(&f->st, 1);
	assert_int_equal(f->st.tx_acked, 3);
	seq_rx_ack(&f->st, 100);
	assert_int_equal(f->st.tx_acked, 3);
	assert_int_equal(f->st.bad_ack, 1);
	/* Across the wrap. */
	f->st.tx_next = 0xfffffffe;
	f->st.tx_acked = 0xfffffffd;
	(void)seq_tx_next(&f->st);
	(void)seq_tx_next(&f->st);
	(void)seq_tx_next(&f->st);
	seq_rx_ack(&f->st, 0);
	assert_int_equal(f->st.tx_acked, 0);
	assert_int_equal(f->st.tx_next, 1);
}

/* The pool running dry drops the would-be-held packet, nothing else. */
static void
test_pool_exhausted(void **state)
{
	struct fx	*f = *state;
	struct gre_pool	 small;
	struct seq_state st;
	struct seq_batch b;
	uint32_t	 v = 0;

	assert_int_equal(gre_pool_init(&small, 1), HP_OK);
	seq_init(&st, 0, SEQ_WIN, SEQ_HOLD_MS);
	assert_int_equal(seq_rx(&st, &small, 0, (uint8_t *)&v, 4, 0, &b),
	    SEQ_RX_DELIVER);
	assert_int_equal(seq_rx(&st, &small, 2, (uint8_t *)&v, 4, 0, &b),
	    SEQ_RX_HELD);
	assert_int_equal(seq_rx(&st, &small, 3, (uint8_t *)&v, 4, 0, &b),
	    SEQ_RX_NOBUF);
	seq_reset(&st, &small);
	assert_int_equal(small.nfree, 1);
	gre_pool_fini(&small);
	(void)f;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reorder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_configured_window, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_reorder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loss_timeout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_loss_window_push, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_big_jump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wraparound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seq_one_not_special, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_acks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhausted, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
