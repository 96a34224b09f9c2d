/*
 * Unit tests: ctrl/ctrl.c's connection table, through the worker's own
 * entry points (test_ctrl_table_harness.h): it holds max-connections
 * (past the 4,096 it was once clamped to) and refuses the one more with
 * SR_LIMIT; its timers come from the heap, so an idle table has its
 * earliest deadline and nothing fires early; closed connections are
 * reaped from the list and their slots taken again; output a slow
 * peer has not read waits in a buffer that exists only meanwhile.
 */
#include <sys/resource.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "tests/unit/test_ctrl_table_harness.h"
#include "ctrl/ctrl_local.h"

#define MANY	5000

static void
raise_nofile(uint32_t need)
{
	struct rlimit rl;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need)
		skip();
	rl.rlim_cur = rl.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
}

static void
test_many(void **st)
{
	static struct drv d;
	uint64_t t0;
	uint32_t sid;
	int ms;

	raise_nofile(2 * MANY + 100);
	drv_init(&d, MANY, 10);
	t0 = now_ms();
	for (sid = 1; sid <= MANY; sid++)
		drv_connect(&d, sid);
	assert_int_equal(d.closed, 0);
	/* one more than max-connections (master never sends it): SR_LIMIT */
	drv_connect(&d, MANY + 1);
	assert_int_equal(d.closed_limit, 1);
	assert_int_equal(d.closed, 1);
	/* idle: the earliest deadline is the first SCCRQ timeout */
	ms = ctrl_timers(d.c, t0);
	/* (the first connection came a few ms after t0 on a busy machine) */
	assert_true(ms > 0 && (uint64_t)ms <= 10000 + (now_ms() - t0));
	drv_poll(&d, t0 + 9000);
	assert_int_equal(d.closed, 1);
	/* all due: every one times out, once */
	drv_poll(&d, now_ms() + 10001);
	assert_int_equal(d.closed_timeout, MANY);
	assert_int_equal(d.closed, MANY + 1);
	assert_int_equal(ctrl_timers(d.c, now_ms() + 20000), -1);
	/* every slot free again */
	for (sid = 1; sid <= MANY; sid++) {
		drv_client_close(&d, sid);
		drv_connect(&d, sid);
	}
	assert_int_equal(d.closed_limit, 1);
	assert_int_equal(d.closed, MANY + 1);
}

/*
 * A reload's PPP settings are for the sessions made after it: one made
 * before keeps its own.  Sessions share a configuration, not copies: a
 * count says how many use it, and the old one goes with its last
 * session (ASan sees a use after that, LeakSanitizer one never freed).
 */
static void
test_reload_keeps_sessions_config(void **st)
{
	static struct drv d;
	uint64_t now = now_ms();
	struct pppc_gen *old;

	raise_nofile(100);
	drv_init(&d, 10, 10);
	drv_connect(&d, 1);
	drv_client_start(&d, 1, 0x101);
	drv_poll(&d, now);
	assert_int_equal(d.lcp_reqs[1], 1);
	assert_int_equal(d.lcp_mru[1], 1400);
	old = d.c->pppc;
	assert_int_equal(old->refs, 2);		/* ctrl's, session 1's */
	drv_config(&d, 10, 10, 1200);		/* SIGHUP: mru 1200 */
	assert_ptr_not_equal(d.c->pppc, old);
	assert_int_equal(old->refs, 1);
	assert_ptr_equal(conn_by_sid(d.c, 1)->pppc, old);
	assert_int_equal(old->conf.mru, 1400);
	drv_connect(&d, 2);
	drv_client_start(&d, 2, 0x102);
	drv_poll(&d, now);
	assert_int_equal(d.lcp_mru[2], 1200);
	assert_ptr_equal(conn_by_sid(d.c, 2)->pppc, d.c->pppc);
	assert_int_equal(d.c->pppc->refs, 2);
	drv_client_close(&d, 1);
	drv_client_close(&d, 2);
	drv_poll(&d, now + 100);
	assert_int_equal(d.closed, 2);
	assert_int_equal(d.c->pppc->refs, 1);
	/* a third, after both ended: the current settings */
	drv_connect(&d, 3);
	drv_client_start(&d, 3, 0x103);
	drv_poll(&d, now + 200);
	assert_int_equal(d.lcp_mru[3], 1200);
}

static void
test_reap(void **st)
{
	static struct drv d;
	uint64_t now = now_ms();
	uint32_t sid;

	raise_nofile(500);
	drv_init(&d, 100, 10);
	for (sid = 1; sid <= 100; sid++) {
		drv_connect(&d, sid);
		drv_client_start(&d, sid, (uint16_t)(0x100 + sid));
	}
	drv_poll(&d, now);
	assert_int_equal(d.calls, 100);	/* SCCRQ, OCRQ: a call each */
	assert_true(d.frames >= 100);	/* and our LCP Configure-Request */
	/* half hang up: those are reaped, the others live on */
	for (sid = 1; sid <= 100; sid += 2)
		drv_client_close(&d, sid);
	drv_poll(&d, now);
	assert_int_equal(d.closed, 50);
	for (sid = 1; sid <= 100; sid += 2)
		drv_connect(&d, sid);
	assert_int_equal(d.closed_limit, 0);
	/* the 101st: full again */
	drv_connect(&d, 101);
	assert_int_equal(d.closed_limit, 1);
	/* a live call's timers (LCP restart) still run */
	for (sid = 2; sid <= 100; sid += 2)
		drv_client_drain(&d, sid);
	sid = d.frames;
	drv_poll(&d, now + 3500);
	assert_true(d.frames > sid);
}

/* n Echo-Requests in one write; the client reads nothing yet. */
static void
echoes(struct drv *d, uint32_t sid, uint32_t n)
{
	static uint8_t buf[64 * 1024];
	struct pptp_msg m;
	size_t len = 0;
	uint32_t i;

	for (i = 0; i < n; i++) {
		memset(&m, 0, sizeof(m));
		m.type = PPTP_ECHORQ;
		m.u.echorq.id = i;
		len += drv_mk(buf + len, sizeof(buf) - len, &m);
	}
	assert_int_equal(write(d->cli[sid], buf, len), (ssize_t)len);
}

/* Echo-Replies the client can read now. */
static uint32_t
replies(struct drv *d, uint32_t sid)
{
	uint8_t buf[4096];
	ssize_t n;
	size_t total = 0;

	while ((n = read(d->cli[sid], buf, sizeof(buf))) > 0)
		total += (size_t)n;
	return (uint32_t)(total / pptp_msg_size(PPTP_ECHORP));
}

/*
 * A peer that reads slowly: replies wait in a buffer allocated for the
 * backlog (and freed when it drains) and all arrive; one that never
 * reads is closed once CTRL_OUTBUF (8 KiB) waits.
 */
static void
test_backlog(void **st)
{
	static struct drv d;
	uint64_t now = now_ms();
	uint32_t got = 0, i;

	raise_nofile(100);
	drv_init(&d, 4, 60);
	drv_connect(&d, 1);
	drv_client_start(&d, 1, 0x55);
	drv_poll(&d, now);
	drv_client_drain(&d, 1);
	/* 300 replies of 20 bytes: far more than a unix socket takes */
	echoes(&d, 1, 300);
	drv_poll(&d, now);
	for (i = 0; i < 1000 && got < 300; i++) {
		got += replies(&d, 1);
		drv_poll(&d, now);
	}
	assert_int_equal(got, 300);
	assert_int_equal(d.closed, 0);
	/* again, after the buffer was freed */
	echoes(&d, 1, 300);
	drv_poll(&d, now);
	for (i = 0, got = 0; i < 1000 && got < 300; i++) {
		got += replies(&d, 1);
		drv_poll(&d, now);
	}
	assert_int_equal(got, 300);
	assert_int_equal(d.closed, 0);
	/* 1000 replies never read: more than CTRL_OUTBUF waits, closed */
	echoes(&d, 1, 1000);
	drv_poll(&d, now);
	assert_int_equal(d.closed, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_reap),
		cmocka_unit_test(test_reload_keeps_sessions_config),
		cmocka_unit_test(test_backlog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
