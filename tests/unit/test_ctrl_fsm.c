/*
 * hpptpd tests: the RFC 1661 automaton (ctrl/fsm.c) with a dummy
 * protocol that asks for one option and accepts only option 1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/cpopt.h"
#include "ctrl/fsm.h"

struct sent {
	uint8_t	code, id;
	size_t	len;
	uint8_t	b[FSM_MAX_PKT];
};

static struct sent sent[64];
static int nsent, nup, ndown, nstarted, nfinished, nrej;

static void
t_send(void *arg, uint16_t proto, const uint8_t *p, size_t len)
{
	struct sent *s;

	if (nsent >= 64)
		return;
	s = &sent[nsent++];
	s->code = p[0];
	s->id = p[1];
	s->len = len;
	memcpy(s->b, p, len);
}

static void
t_resetci(struct fsm *f)
{
}

static void
t_addci(struct fsm *f, struct wr *w)
{
	cpopt_put_u16(w, 1, 0x1234);
}

static int
t_reqci(struct fsm *f, const struct rd *opts, struct wr *reply,
    bool allow_nak)
{
	struct cpopt_reply cr;
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	cpreply_init(&cr, reply, allow_nak);
	cpopt_iter_init(&it, opts, true);
	while ((rv = cpopt_next(&it, &o)) == 1) {
		if (o.type == 1)
			continue;
		if (o.type == 2)
			cpreply_nak_u16(&cr, &o, 7);
		else
			cpreply_rej(&cr, &o);
	}
	return cpreply_finish(&cr);
}

static void t_ackci(struct fsm *f) { }
static int t_nakci(struct fsm *f, const struct rd *r) { return HP_OK; }
static int t_rejci(struct fsm *f, const struct rd *r) { nrej++; return HP_OK; }
static void t_up(struct fsm *f) { nup++; }
static void t_down(struct fsm *f) { ndown++; }
static void t_started(struct fsm *f) { nstarted++; }
static void t_finished(struct fsm *f) { nfinished++; }

static const struct fsm_cb t_cb = {
	.name = "TEST", .proto = 0x8001, .resetci = t_resetci,
	.addci = t_addci, .reqci = t_reqci, .ackci = t_ackci,
	.nakci = t_nakci, .rejci = t_rejci, .up = t_up, .down = t_down,
	.started = t_started, .finished = t_finished, .extcode = NULL,
};

static struct fsm F;
static uint64_t now;

static int
setup(void **state)
{
	nsent = nup = ndown = nstarted = nfinished = nrej = 0;
	now = 5000;
	fsm_init(&F, &t_cb, NULL, t_send, NULL, 1);
	return 0;
}

static int
in(uint8_t code, uint8_t id, const void *data, size_t n)
{
	uint8_t b[256];

	b[0] = code;
	b[1] = id;
	b[2] = (uint8_t)((n + 4) >> 8);
	b[3] = (uint8_t)(n + 4);
	if (n > 0)
		memcpy(b + 4, data, n);
	return fsm_input(&F, b, n + 4, now);
}

static void
ack_ours(void)
{
	int i;

	for (i = nsent - 1; i >= 0; i--)
		if (sent[i].code == CP_CONFREQ) {
			in(CP_CONFACK, sent[i].id, sent[i].b + 4,
			    sent[i].len - 4);
			return;
		}
}

static void
test_open_to_opened(void **state)
{
	assert_string_equal(fsm_state_name(F.state), "Initial");
	fsm_open(&F, now);
	assert_int_equal(F.state, FSM_STARTING);
	assert_int_equal(nstarted, 1);
	fsm_up(&F, now);
	assert_int_equal(F.state, FSM_REQSENT);
	assert_int_equal(nsent, 1);
	assert_int_equal(sent[0].code, CP_CONFREQ);
	assert_int_equal(fsm_deadline(&F), now + 3000);
	in(CP_CONFREQ, 9, "\x01\x04\x00\x01", 4);		/* RCR+ */
	assert_int_equal(F.state, FSM_ACKSENT);
	assert_int_equal(sent[1].code, CP_CONFACK);
	assert_int_equal(sent[1].id, 9);
	ack_ours();						/* RCA */
	assert_int_equal(F.state, FSM_OPENED);
	assert_int_equal(nup, 1);
	assert_int_equal(fsm_deadline(&F), 0);
	/* RCR in Opened: tld, scr, sca -> Ack-Sent. */
	in(CP_CONFREQ, 10, "\x01\x04\x00\x01", 4);
	assert_int_equal(F.state, FSM_ACKSENT);
	assert_int_equal(ndown, 1);
}

static void
test_rcr_minus_and_reject(void **state)
{
	fsm_open(&F, now);
	fsm_up(&F, now);
	in(CP_CONFREQ, 3, "\x02\x04\x00\x01\x09\x02", 6);
	/* Reject wins over Nak. */
	assert_int_equal(sent[nsent - 1].code, CP_CONFREJ);
	assert_int_equal(sent[nsent - 1].len, 6);
	in(CP_CONFREQ, 4, "\x02\x04\x00\x01", 4);
	assert_int_equal(sent[nsent - 1].code, CP_CONFNAK);
	assert_memory_equal(sent[nsent - 1].b + 4, "\x02\x04\x00\x07", 4);
	assert_int_equal(F.state, FSM_REQSENT);
}

static void
test_max_failure_turns_nak_into_reject(void **state)
{
	int i;

	fsm_open(&F, now);
	fsm_up(&F, now);
	for (i = 0; i < FSM_MAX_FAILURE; i++) {
		in(CP_CONFREQ, (uint8_t)i, "\x02\x04\x00\x01", 4);
		assert_int_equal(sent[nsent - 1].code, CP_CONFNAK);
	}
	in(CP_CONFREQ, 99, "\x02\x04\x00\x01", 4);
	assert_int_equal(sent[nsent - 1].code, CP_CONFREJ);
}

/* Rejects do not count toward Max-Failure: only Naks do (RFC 1661 4.6). */
static void
test_rejects_do_not_count(void **state)
{
	int i;

	fsm_open(&F, now);
	fsm_up(&F, now);
	for (i = 0; i < FSM_MAX_FAILURE + 2; i++) {
		in(CP_CONFREQ, (uint8_t)i, "\x03\x04\x00\x01", 4);
		assert_int_equal(sent[nsent - 1].code, CP_CONFREJ);
	}
	in(CP_CONFREQ, 99, "\x02\x04\x00\x01", 4);
	assert_int_equal(sent[nsent - 1].code, CP_CONFNAK);
}

static void
test_bad_packets_dropped(void **state)
{
	uint8_t b[8] = { CP_CONFREQ, 1, 0, 3, 0, 0, 0, 0 };

	fsm_open(&F, now);
	fsm_up(&F, now);
	/* Length below 4, above the data, option length 0 and 1. */
	assert_int_not_equal(fsm_input(&F, b, 8, now), 0);
	b[3] = 20;
	assert_int_not_equal(fsm_input(&F, b, 8, now), 0);
	assert_int_not_equal(in(CP_CONFREQ, 1, "\x01\x00", 2), 0);
	assert_int_not_equal(in(CP_CONFREQ, 1, "\x01\x01\x01", 3), 0);
	assert_int_not_equal(in(CP_CONFREQ, 1, "\x01\x04\x00", 3), 0);
	/* Duplicate option. */
	assert_int_not_equal(in(CP_CONFREQ, 1, "\x01\x02\x01\x02", 4), 0);
	assert_int_equal(nsent, 1);
	/* Ack with the wrong id or content: dropped. */
	in(CP_CONFACK, (uint8_t)(sent[0].id + 1), sent[0].b + 4, 4);
	in(CP_CONFACK, sent[0].id, "\x01\x04\x12\x35", 4);
	assert_int_equal(F.state, FSM_REQSENT);
	/* Reject of an option we never sent: dropped. */
	in(CP_CONFREJ, sent[0].id, "\x05\x02", 2);
	assert_int_equal(nrej, 0);
	in(CP_CONFREJ, sent[0].id, "\x01\x04\x12\x34", 4);
	assert_int_equal(nrej, 1);
}

static void
test_restart_timer_gives_up(void **state)
{
	int i;

	fsm_open(&F, now);
	fsm_up(&F, now);
	for (i = 0; i < 20 && nfinished == 0; i++) {
		now += 3000;
		fsm_timeout(&F, now);
	}
	assert_int_equal(nsent, FSM_MAX_CONFIGURE);
	assert_int_equal(nfinished, 1);
	assert_int_equal(F.state, FSM_STOPPED);
	/* Early timeouts do nothing. */
	fsm_timeout(&F, now + 100000);
	assert_int_equal(nsent, FSM_MAX_CONFIGURE);
}

static void
test_close_terminates(void **state)
{
	fsm_open(&F, now);
	fsm_up(&F, now);
	in(CP_CONFREQ, 9, "\x01\x04\x00\x01", 4);
	ack_ours();
	assert_int_equal(F.state, FSM_OPENED);
	nsent = 0;
	fsm_close(&F, "bye", now);
	assert_int_equal(F.state, FSM_CLOSING);
	assert_int_equal(sent[0].code, CP_TERMREQ);
	assert_memory_equal(sent[0].b + 4, "bye", 3);
	now += 3000;
	fsm_timeout(&F, now);
	assert_int_equal(nsent, 2);
	now += 3000;
	fsm_timeout(&F, now);
	assert_int_equal(F.state, FSM_CLOSED);
	assert_int_equal(nfinished, 1);
	/* Closed: any request gets a Terminate-Ack. */
	in(CP_CONFREQ, 50, "\x01\x04\x00\x01", 4);
	assert_int_equal(sent[nsent - 1].code, CP_TERMACK);
}

static void
test_rtr_and_coderej(void **state)
{
	fsm_open(&F, now);
	fsm_up(&F, now);
	in(CP_CONFREQ, 9, "\x01\x04\x00\x01", 4);
	ack_ours();
	in(CP_TERMREQ, 33, NULL, 0);
	assert_int_equal(F.state, FSM_STOPPING);
	assert_int_equal(sent[nsent - 1].code, CP_TERMACK);
	assert_int_equal(sent[nsent - 1].id, 33);
	now += 3000;
	fsm_timeout(&F, now);
	assert_int_equal(F.state, FSM_STOPPED);
	assert_int_equal(nfinished, 1);

	setup(NULL);
	fsm_open(&F, now);
	fsm_up(&F, now);
	/* Unknown code: Code-Reject carrying it. */
	in(42, 1, "xyz", 3);
	assert_int_equal(sent[nsent - 1].code, CP_CODEREJ);
	assert_int_equal(sent[nsent - 1].b[4], 42);
	/* Code-Reject of Configure-Request: RXJ-, finished. */
	in(CP_CODEREJ, 2, "\x01\x01\x00\x04", 4);
	assert_int_equal(F.state, FSM_STOPPED);
	assert_int_equal(nfinished, 1);
}

static void
test_nak_loop_bounded(void **state)
{
	int i;

	fsm_open(&F, now);
	fsm_up(&F, now);
	for (i = 0; i < 30 && nfinished == 0; i++)
		in(CP_CONFNAK, sent[nsent - 1].id, "\x01\x04\x00\x02", 4);
	assert_int_equal(nfinished, 1);
	assert_true(i <= FSM_MAX_CONFIGURE + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_open_to_opened, setup),
		cmocka_unit_test_setup(test_rcr_minus_and_reject, setup),
		cmocka_unit_test_setup(test_max_failure_turns_nak_into_reject,
		    setup),
		cmocka_unit_test_setup(test_rejects_do_not_count,
		    setup),
		cmocka_unit_test_setup(test_bad_packets_dropped, setup),
		cmocka_unit_test_setup(test_restart_timer_gives_up, setup),
		cmocka_unit_test_setup(test_close_terminates, setup),
		cmocka_unit_test_setup(test_rtr_and_coderej, setup),
		cmocka_unit_test_setup(test_nak_loop_bounded, setup),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
