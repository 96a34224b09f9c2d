/*
 * Unit tests: the PPTP control connection and call machines
 * (ctrl/pptp_ctrl.c, ctrl/pptp_call.c), driven as the worker would,
 * with recording callbacks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/pptp_ctrl.h"
#include "ctrl/pptp_msg.h"

#define MAXREC	64

struct harness {
	struct pptp_ctrl	c;
	struct pptp_ctrl_conf	conf;
	struct pptp_msg		sent[MAXREC];
	int			nsent;
	int			opens;
	uint16_t		open_peer, open_window, open_delay;
	int			clears;
	uint16_t		clear_id[MAXREC];
	enum pptp_clear_reason	clear_why[MAXREC];
	int			nsli;
	uint32_t		send_accm, recv_accm;
	int			closed;
	enum pptp_close_reason	close_reason;
	char			why[PPTP_CTRL_WHY_LEN];
	uint16_t		next_id;
	int			send_fail;
	int			open_fail;
	int			reenter_rc;	/* result of a reentrant call */
	int			reenter;
};

static struct harness H;
static char lastlog[LOG_MAX_LINE + 1];

static void
sink(int prio, enum log_fac fac, const char *line)
{
	(void)snprintf(lastlog, sizeof(lastlog), "%s", line);
}

static int
cb_send(void *arg, const uint8_t *buf, size_t len)
{
	struct harness *h = arg;

	if (h->send_fail)
		return HP_E_NOMEM;
	assert_true(h->nsent < MAXREC);
	/* everything we send must decode */
	assert_int_equal(pptp_msg_decode(buf, len, &h->sent[h->nsent]),
	    HP_OK);
	h->nsent++;
	return HP_OK;
}

static int
cb_alloc(void *arg, uint16_t *id)
{
	struct harness *h = arg;

	*id = h->next_id++;
	return HP_OK;
}

static int
cb_open(void *arg, uint16_t our, uint16_t peer, uint16_t win, uint16_t dly)
{
	struct harness *h = arg;

	if (h->open_fail)
		return HP_E_NOMEM;
	h->opens++;
	h->open_peer = peer;
	h->open_window = win;
	h->open_delay = dly;
	if (h->reenter)
		h->reenter_rc = pptp_ctrl_stop(&h->c, PPTP_STOP_LOCAL, 0);
	return HP_OK;
}

static void
cb_clear(void *arg, uint16_t our, enum pptp_clear_reason why)
{
	struct harness *h = arg;

	assert_true(h->clears < MAXREC);
	h->clear_id[h->clears] = our;
	h->clear_why[h->clears] = why;
	h->clears++;
}

static void
cb_sli(void *arg, uint16_t our, uint32_t s, uint32_t r)
{
	struct harness *h = arg;

	h->nsli++;
	h->send_accm = s;
	h->recv_accm = r;
}

static void
cb_closed(void *arg, enum pptp_close_reason r, const char *why)
{
	struct harness *h = arg;

	assert_int_equal(h->closed, 0);		/* exactly once */
	h->closed++;
	h->close_reason = r;
	(void)snprintf(h->why, sizeof(h->why), "%s", why);
}

static const struct pptp_ctrl_cb cbs = {
	.send_bytes = cb_send,
	.alloc_call_id = cb_alloc,
	.call_open = cb_open,
	.call_clear = cb_clear,
	.set_link_info = cb_sli,
	.closed = cb_closed,
};

static int
setup(void **state)
{
	memset(&H, 0, sizeof(H));
	pptp_ctrl_conf_defaults(&H.conf);
	H.next_id = 0x1234;
	log_init("test", 1, 0);
	log_set_sink(sink);
	pptp_ctrl_init(&H.c, &H.conf, &cbs, &H, 3, 0);
	return 0;
}

static int
teardown(void **state)
{
	/* the invariant the worker relies on */
	if (H.closed)
		assert_int_equal(H.opens, H.clears);
	log_set_sink(NULL);
	return 0;
}

static size_t
encode(const struct pptp_msg *m, uint8_t *buf)
{
	size_t n = 0;

	assert_int_equal(pptp_msg_encode(m, buf, PPTP_MAX_LEN, &n), HP_OK);
	return n;
}

static size_t
mk_sccrq(uint8_t *buf, uint16_t version)
{
	struct pptp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = PPTP_SCCRQ;
	m.u.sccrq.version = version;
	m.u.sccrq.framing_caps = 1;
	m.u.sccrq.bearer_caps = 1;
	m.u.sccrq.firmware = 2600;
	strcpy(m.u.sccrq.vendor, "Microsoft Windows NT\n\x01");
	return encode(&m, buf);
}

static size_t
mk_ocrq(uint8_t *buf, uint16_t call_id, uint16_t window)
{
	struct pptp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = PPTP_OCRQ;
	m.u.ocrq.call_id = call_id;
	m.u.ocrq.serial = 1;
	m.u.ocrq.min_bps = 300;
	m.u.ocrq.max_bps = 100000000;
	m.u.ocrq.bearer_type = 3;
	m.u.ocrq.framing_type = 3;
	m.u.ocrq.recv_window = window;
	m.u.ocrq.proc_delay = 0;
	return encode(&m, buf);
}

static size_t
mk_simple(uint8_t *buf, enum pptp_type t, uint32_t a, uint32_t b)
{
	struct pptp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = t;
	switch (t) {
	case PPTP_SLI:
		m.u.sli.peer_call_id = (uint16_t)a;
		m.u.sli.send_accm = b;
		m.u.sli.recv_accm = 0;
		break;
	case PPTP_ECHORQ:
		m.u.echorq.id = a;
		break;
	case PPTP_ECHORP:
		m.u.echorp.id = a;
		m.u.echorp.result = 1;
		break;
	case PPTP_CCRQ:
		m.u.ccrq.call_id = (uint16_t)a;
		break;
	case PPTP_STOPCCRQ:
		m.u.stopccrq.reason = (uint8_t)a;
		break;
	case PPTP_STOPCCRP:
		m.u.stopccrp.result = 1;
		break;
	case PPTP_ICRQ:
		m.u.icrq.call_id = (uint16_t)a;
		break;
	case PPTP_WEN:
		m.u.wen.peer_call_id = (uint16_t)a;
		m.u.wen.crc_errors = b;
		break;
	default:
		break;
	}
	return encode(&m, buf);
}

static int
feed(const uint8_t *buf, size_t n, uint64_t now)
{
	return pptp_ctrl_input(&H.c, buf, n, now);
}

static const struct pptp_msg *
last_sent(void)
{
	assert_true(H.nsent > 0);
	return &H.sent[H.nsent - 1];
}

/* SCCRQ + OCRQ: an established connection with call 0x1234/0x4a3b. */
static void
start_call(uint64_t now)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), now), HP_OK);
	assert_int_equal(feed(b, mk_ocrq(b, 0x4a3b, 64), now), HP_OK);
	assert_int_equal(H.opens, 1);
	assert_int_equal(last_sent()->type, PPTP_OCRP);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_CONNECTED);
}

/* The Windows sequence, as one buffer. */
static size_t
windows_sequence(uint8_t *buf)
{
	size_t n = 0;

	n += mk_sccrq(buf + n, PPTP_VERSION);
	n += mk_ocrq(buf + n, 0x4a3b, 64);
	n += mk_simple(buf + n, PPTP_SLI, 0x1234, 0xffffffff);
	n += mk_simple(buf + n, PPTP_ECHORQ, 77, 0);
	n += mk_simple(buf + n, PPTP_CCRQ, 0x4a3b, 0);
	n += mk_simple(buf + n, PPTP_STOPCCRQ, PPTP_STOP_NONE, 0);
	n += mk_simple(buf + n, PPTP_ECHORQ, 78, 0);	/* after close */
	return n;
}

static void
check_windows_result(void)
{
	const struct pptp_msg *m;

	/* SCCRP OCRP EchoRP CDN StopCCRP; nothing after the close */
	assert_int_equal(H.nsent, 5);
	m = &H.sent[0];
	assert_int_equal(m->type, PPTP_SCCRP);
	assert_int_equal(m->u.sccrp.version, 0x0100);
	assert_int_equal(m->u.sccrp.result, 1);
	assert_int_equal(m->u.sccrp.error, 0);
	assert_int_equal(m->u.sccrp.framing_caps, 3);
	assert_int_equal(m->u.sccrp.bearer_caps, 3);
	assert_true(m->u.sccrp.max_channels <= 1);
	assert_string_equal(m->u.sccrp.host, "hpptpd");
	assert_string_equal(m->u.sccrp.vendor, "hpptpd");
	m = &H.sent[1];
	assert_int_equal(m->type, PPTP_OCRP);
	assert_int_equal(m->u.ocrp.call_id, 0x1234);
	assert_int_equal(m->u.ocrp.peer_call_id, 0x4a3b);
	assert_int_equal(m->u.ocrp.result, 1);
	assert_int_equal(m->u.ocrp.error, 0);
	assert_int_equal(m->u.ocrp.connect_speed, 100000000);
	assert_int_equal(m->u.ocrp.recv_window, 64);
	assert_int_equal(m->u.ocrp.proc_delay, 0);
	assert_int_equal(m->u.ocrp.phys_channel, 0);
	m = &H.sent[2];
	assert_int_equal(m->type, PPTP_ECHORP);
	assert_int_equal(m->u.echorp.id, 77);
	assert_int_equal(m->u.echorp.result, 1);
	m = &H.sent[3];
	assert_int_equal(m->type, PPTP_CDN);
	assert_int_equal(m->u.cdn.call_id, 0x1234);
	assert_int_equal(m->u.cdn.result, PPTP_CDN_REQUEST);
	m = &H.sent[4];
	assert_int_equal(m->type, PPTP_STOPCCRP);
	assert_int_equal(m->u.stopccrp.result, 1);
	assert_int_equal(H.opens, 1);
	assert_int_equal(H.open_peer, 0x4a3b);
	assert_int_equal(H.open_window, 64);
	assert_int_equal(H.open_delay, 0);
	assert_int_equal(H.nsli, 1);
	assert_int_equal(H.send_accm, 0xffffffff);
	assert_int_equal(H.clears, 1);
	assert_int_equal(H.clear_id[0], 0x1234);
	assert_int_equal(H.clear_why[0], PPTP_CLEAR_PEER);
	assert_int_equal(H.closed, 1);
	assert_int_equal(H.close_reason, PPTP_CLOSE_PEER_STOP);
	assert_int_equal(H.c.state, PCS_CLOSED);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), PPTP_NO_DEADLINE);
}

static void
test_windows(void **state)
{
	uint8_t buf[1024];
	size_t n = windows_sequence(buf);

	assert_int_equal(feed(buf, n, 5), HP_E_CLOSED);
	check_windows_result();
	/* input after close is refused */
	assert_int_equal(feed(buf, n, 6), HP_E_CLOSED);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 100000), HP_E_CLOSED);
	assert_string_equal(lastlog,
	    "pptp: conn 3 closed: peer stopped (reason none)");
}

static void
test_windows_split(void **state)
{
	uint8_t buf[1024];
	size_t n = windows_sequence(buf), cut;

	for (cut = 0; cut <= n; cut++) {
		setup(NULL);
		(void)feed(buf, cut, 1);
		(void)feed(buf + cut, n - cut, 2);
		check_windows_result();
		teardown(NULL);
	}
	/* one byte at a time */
	setup(NULL);
	for (cut = 0; cut < n; cut++)
		(void)feed(buf + cut, 1, 3);
	check_windows_result();
}

static void
test_ocrq_before_sccrq(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_ocrq(b, 7, 64), 1), HP_OK);
	assert_int_equal(H.opens, 0);
	assert_int_equal(last_sent()->type, PPTP_OCRP);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_GENERAL);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_NOT_CONNECTED);
	assert_int_equal(last_sent()->u.ocrp.peer_call_id, 7);
	assert_int_equal(last_sent()->u.ocrp.call_id, 0);
	assert_int_equal(H.c.state, PCS_WAIT_SCCRQ);
	/* echo before SCCRQ: answered, not connected */
	assert_int_equal(feed(b, mk_simple(b, PPTP_ECHORQ, 5, 0), 1), HP_OK);
	assert_int_equal(last_sent()->u.echorp.result, PPTP_ECHORP_GENERAL);
	assert_int_equal(last_sent()->u.echorp.error, PPTP_ERR_NOT_CONNECTED);
	/* the SCCRQ deadline still runs from accept */
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 10000);
	start_call(2);
}

static void
test_icrq_refused(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_simple(b, PPTP_ICRQ, 9, 0), 1), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_ICRP);
	assert_int_equal(last_sent()->u.icrp.result, PPTP_ICRP_GENERAL);
	assert_int_equal(last_sent()->u.icrp.error, PPTP_ERR_NOT_CONNECTED);
	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), 1), HP_OK);
	assert_int_equal(feed(b, mk_simple(b, PPTP_ICRQ, 9, 0), 1), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_ICRP);
	assert_int_equal(last_sent()->u.icrp.result, PPTP_ICRP_DO_NOT_ACCEPT);
	assert_int_equal(last_sent()->u.icrp.peer_call_id, 9);
	assert_int_equal(last_sent()->u.icrp.call_id, 0);
	assert_int_equal(H.c.state, PCS_ESTABLISHED);
	assert_int_equal(H.opens, 0);
}

static void
test_second_call(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	start_call(1);
	assert_int_equal(feed(b, mk_ocrq(b, 0x4a3c, 64), 2), HP_OK);
	assert_int_equal(H.opens, 1);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_GENERAL);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_NO_RESOURCE);
	assert_int_equal(last_sent()->u.ocrp.peer_call_id, 0x4a3c);
	/* still refused after the first call ended: a limit per connection */
	assert_int_equal(feed(b, mk_simple(b, PPTP_CCRQ, 0x4a3b, 0), 3), HP_OK);
	assert_int_equal(feed(b, mk_ocrq(b, 0x4a3d, 64), 4), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_GENERAL);
	assert_int_equal(H.opens, 1);
	/* a CCRQ for the cleared call again is ignored quietly */
	assert_int_equal(feed(b, mk_simple(b, PPTP_CCRQ, 0x4a3b, 0), 5), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_OCRP);
	assert_int_equal(H.clears, 1);
}

static void
test_more_calls(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	H.conf.max_calls = 2;
	pptp_ctrl_init(&H.c, &H.conf, &cbs, &H, 3, 0);
	start_call(1);
	/* the same peer call id twice */
	assert_int_equal(feed(b, mk_ocrq(b, 0x4a3b, 64), 2), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_BAD_CALLID);
	assert_int_equal(feed(b, mk_ocrq(b, 0x0001, 0), 2), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_BAD_VALUE);
	assert_int_equal(feed(b, mk_ocrq(b, 0x0001, 8), 2), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_CONNECTED);
	assert_int_equal(last_sent()->u.ocrp.call_id, 0x1235);
	assert_int_equal(H.opens, 2);
	assert_non_null(pptp_ctrl_call(&H.c, 0x1235));
	assert_int_equal(pptp_ctrl_eof(&H.c, 3), HP_E_CLOSED);
	assert_int_equal(H.clears, 2);
	assert_int_equal(H.clear_why[1], PPTP_CLEAR_CONN_LOST);
}

static void
test_open_refused(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), 1), HP_OK);
	H.open_fail = 1;
	assert_int_equal(feed(b, mk_ocrq(b, 5, 64), 1), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_GENERAL);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_NO_RESOURCE);
	H.open_fail = 0;
	H.next_id = 0;			/* allocator gives 0: refused */
	assert_int_equal(feed(b, mk_ocrq(b, 5, 64), 1), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.error, PPTP_ERR_NO_RESOURCE);
	/* the limit counts opened calls only: this one works */
	assert_int_equal(feed(b, mk_ocrq(b, 5, 64), 1), HP_OK);
	assert_int_equal(last_sent()->u.ocrp.result, PPTP_OCRP_CONNECTED);
	assert_int_equal(last_sent()->u.ocrp.call_id, 1);
}

static void
test_second_sccrq(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), 1), HP_OK);
	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), 2), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_SCCRP);
	assert_int_equal(last_sent()->u.sccrp.result, PPTP_SCCRP_EXISTS);
	assert_int_equal(H.c.state, PCS_ESTABLISHED);
}

static void
test_bad_version(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_sccrq(b, 0x0200), 1), HP_E_CLOSED);
	assert_int_equal(last_sent()->type, PPTP_SCCRP);
	assert_int_equal(last_sent()->u.sccrp.result, PPTP_SCCRP_VERSION);
	assert_int_equal(last_sent()->u.sccrp.version, PPTP_VERSION);
	assert_int_equal(H.close_reason, PPTP_CLOSE_VERSION);
	/* peer text sanitized in the log line */
	assert_string_equal(lastlog, "pptp: conn 3 closed: protocol version "
	    "0x0200 not supported (vendor \"Microsoft Windows NT\\x0a\\x01\")");
}

static void
test_echo_timeout(void **state)
{
	uint8_t b[PPTP_MAX_LEN];
	int i;

	start_call(0);
	assert_int_equal(pptp_ctrl_call_up(&H.c, 0x1234, 10), HP_OK);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 60000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 59999), HP_OK);
	assert_int_equal(H.nsent, 2);
	/* an answered echo restarts the idle timer */
	assert_int_equal(pptp_ctrl_timeout(&H.c, 60000), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_ECHORQ);
	assert_int_equal(feed(b, mk_simple(b, PPTP_ECHORP,
	    last_sent()->u.echorq.id, 0), 60500), HP_OK);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 120500);
	/* then three unanswered ones, 20 s apart, and the close */
	for (i = 0; i < 3; i++) {
		assert_int_equal(pptp_ctrl_timeout(&H.c,
		    pptp_ctrl_next_deadline(&H.c)), HP_OK);
		assert_int_equal(last_sent()->type, PPTP_ECHORQ);
	}
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 120500 + 60000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 180500), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_ECHO_TIMEOUT);
	assert_int_equal(H.clears, 1);
	assert_int_equal(H.clear_why[0], PPTP_CLEAR_CONN_LOST);
	assert_string_equal(lastlog,
	    "pptp: conn 3 closed: no reply to 3 Echo-Requests");
}

/* pptp-echo no: no Echo-Request ever (LCP echo finds dead peers) */
static void
test_echo_off(void **state)
{
	H.conf.echo_idle_ms = 0;
	pptp_ctrl_init(&H.c, &H.conf, &cbs, &H, 3, 0);
	start_call(0);
	assert_int_equal(pptp_ctrl_call_up(&H.c, 0x1234, 10), HP_OK);
	assert_true(pptp_ctrl_next_deadline(&H.c) == PPTP_NO_DEADLINE);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 10ull * 24 * 3600 * 1000),
	    HP_OK);
	assert_int_equal(last_sent()->type, PPTP_OCRP);
	assert_int_equal(H.closed, 0);
}

static void
test_sccrq_deadline(void **state)
{
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 10000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 9999), HP_OK);
	assert_int_equal(H.closed, 0);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 10000), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_SCCRQ_TIMEOUT);
	assert_int_equal(H.nsent, 0);
}

static void
test_setup_timeout(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	H.conf.setup_timeout_ms = 30000;
	pptp_ctrl_init(&H.c, &H.conf, &cbs, &H, 3, 0);
	start_call(0);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 30000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 30000), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_CDN);
	assert_int_equal(last_sent()->u.cdn.call_id, 0x1234);
	assert_int_equal(H.clears, 1);
	assert_int_equal(H.clear_why[0], PPTP_CLEAR_SETUP_TIMEOUT);
	assert_null(pptp_ctrl_call(&H.c, 0x1234));
	/* no live call: stop after call_timeout */
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 40000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 40000), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_STOPCCRQ);
	assert_int_equal(H.c.state, PCS_WAIT_STOPCCRP);
	/* in-flight messages are ignored while waiting */
	assert_int_equal(feed(b, mk_simple(b, PPTP_SLI, 0x1234, 0), 40001),
	    HP_OK);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 43000);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 43000), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_STOP_TIMEOUT);
}

static void
test_no_ocrq(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	assert_int_equal(feed(b, mk_sccrq(b, PPTP_VERSION), 100), HP_OK);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), 10100);
	assert_int_equal(pptp_ctrl_timeout(&H.c, 10100), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_STOPCCRQ);
	assert_int_equal(last_sent()->u.stopccrq.reason, PPTP_STOP_NONE);
	assert_int_equal(feed(b, mk_simple(b, PPTP_STOPCCRP, 0, 0), 10200),
	    HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_STOPPED);
}

static void
test_local_stop(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	start_call(0);
	assert_int_equal(pptp_ctrl_stop(&H.c, PPTP_STOP_LOCAL, 5), HP_OK);
	assert_int_equal(H.sent[H.nsent - 2].type, PPTP_CDN);
	assert_int_equal(H.sent[H.nsent - 2].u.cdn.result,
	    PPTP_CDN_ADMIN_SHUTDOWN);
	assert_int_equal(last_sent()->type, PPTP_STOPCCRQ);
	assert_int_equal(last_sent()->u.stopccrq.reason, PPTP_STOP_LOCAL);
	assert_int_equal(H.clears, 1);
	assert_int_equal(H.clear_why[0], PPTP_CLEAR_STOP);
	/* a second stop is harmless */
	assert_int_equal(pptp_ctrl_stop(&H.c, PPTP_STOP_LOCAL, 6), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_STOPCCRQ);
	/* the peer's StopCCRQ crossing ours is answered */
	assert_int_equal(feed(b, mk_simple(b, PPTP_STOPCCRQ, 1, 0), 7),
	    HP_E_CLOSED);
	assert_int_equal(last_sent()->type, PPTP_STOPCCRP);
	assert_int_equal(H.close_reason, PPTP_CLOSE_PEER_STOP);

	/* stop before SCCRQ: just close */
	setup(NULL);
	assert_int_equal(pptp_ctrl_stop(&H.c, PPTP_STOP_LOCAL, 1),
	    HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_LOCAL);
	assert_int_equal(H.nsent, 0);
}

static void
test_local_clear(void **state)
{
	start_call(0);
	assert_int_equal(pptp_ctrl_call_clear(&H.c, 0x9999, 1),
	    HP_E_NOTFOUND);
	assert_int_equal(pptp_ctrl_call_up(&H.c, 0x9999, 1), HP_E_NOTFOUND);
	assert_int_equal(pptp_ctrl_call_clear(&H.c, 0x1234, 1), HP_OK);
	assert_int_equal(last_sent()->type, PPTP_CDN);
	assert_int_equal(last_sent()->u.cdn.call_id, 0x1234);
	assert_int_equal(last_sent()->u.cdn.result, PPTP_CDN_ADMIN_SHUTDOWN);
	assert_int_equal(H.clears, 1);
	assert_int_equal(H.clear_why[0], PPTP_CLEAR_LOCAL);
	assert_int_equal(pptp_ctrl_call_clear(&H.c, 0x1234, 2),
	    HP_E_NOTFOUND);
	assert_int_equal(H.clears, 1);
}

static void
test_bad_length_closes(void **state)
{
	uint8_t b[PPTP_MAX_LEN];
	size_t n;

	n = mk_sccrq(b, PPTP_VERSION);
	b[0] = 0;
	b[1] = 9;
	assert_int_equal(feed(b, n, 1), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_BAD_MESSAGE);
	assert_string_equal(H.why,
	    "bad length 9 for type Start-Control-Connection-Request");
	assert_string_equal(lastlog, "pptp: conn 3 closed: bad length 9 for "
	    "type Start-Control-Connection-Request");
	assert_int_equal(H.nsent, 0);
}

static void
test_bad_inputs_close(void **state)
{
	uint8_t b[PPTP_MAX_LEN];
	size_t n;

	/* > 220 */
	b[0] = 0; b[1] = 221;
	assert_int_equal(feed(b, 2, 1), HP_E_CLOSED);
	assert_string_equal(H.why, "bad length 221");
	/* unknown type with length 0 */
	setup(NULL);
	memset(b, 0, 12);
	b[3] = 1; b[4] = 0x1a; b[5] = 0x2b; b[6] = 0x3c; b[7] = 0x4d;
	b[9] = 200;
	assert_int_equal(feed(b, 12, 1), HP_E_CLOSED);
	assert_string_equal(H.why, "bad length 0 for type 200");
	/* bad cookie after a good SCCRQ: SCCRP went out, then close */
	setup(NULL);
	n = mk_sccrq(b, PPTP_VERSION);
	assert_int_equal(feed(b, n, 1), HP_OK);
	n = mk_simple(b, PPTP_ECHORQ, 1, 0);
	b[4] = 0;
	assert_int_equal(feed(b, n, 1), HP_E_CLOSED);
	assert_string_equal(H.why, "bad magic cookie 0x002b3c4d");
	/* short header then EOF */
	setup(NULL);
	assert_int_equal(feed(b, 5, 1), HP_OK);
	assert_int_equal(pptp_ctrl_eof(&H.c, 2), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_EOF);
	assert_string_equal(H.why,
	    "peer closed the connection inside a message");
}

static void
test_unexpected(void **state)
{
	uint8_t b[PPTP_MAX_LEN];
	struct pptp_msg m;

	start_call(0);
	memset(&m, 0, sizeof(m));
	m.type = PPTP_OCRP;
	assert_int_equal(feed(b, encode(&m, b), 1), HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_PROTOCOL);
	assert_string_equal(H.why,
	    "unexpected Outgoing-Call-Reply in state established");
	assert_int_equal(H.clears, 1);
	/* a StopCCRP nobody asked for, before SCCRQ */
	setup(NULL);
	assert_int_equal(feed(b, mk_simple(b, PPTP_STOPCCRP, 0, 0), 1),
	    HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_PROTOCOL);
}

static void
test_wen_sli(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	start_call(0);
	assert_int_equal(feed(b, mk_simple(b, PPTP_WEN, 0x4a3b, 5), 1), HP_OK);
	assert_int_equal(H.c.state, PCS_ESTABLISHED);
	/* SLI for an unknown call: ignored */
	assert_int_equal(feed(b, mk_simple(b, PPTP_SLI, 0x7777, 1), 1), HP_OK);
	assert_int_equal(H.nsli, 0);
	/* SLI naming the client's own call id: accepted as a fallback */
	assert_int_equal(feed(b, mk_simple(b, PPTP_SLI, 0x4a3b, 0xa0000), 1),
	    HP_OK);
	assert_int_equal(H.nsli, 1);
	assert_int_equal(H.send_accm, 0xa0000);
	assert_int_equal(pptp_ctrl_call(&H.c, 0x1234)->send_accm, 0xa0000);
}

static void
test_send_fail(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	start_call(0);
	H.send_fail = 1;
	assert_int_equal(feed(b, mk_simple(b, PPTP_ECHORQ, 1, 0), 1),
	    HP_E_CLOSED);
	assert_int_equal(H.close_reason, PPTP_CLOSE_SEND);
	assert_int_equal(H.clears, 1);
}

static void
test_reentry(void **state)
{
	uint8_t b[PPTP_MAX_LEN];

	H.reenter = 1;
	H.reenter_rc = 12345;
	start_call(0);
	assert_int_equal(H.reenter_rc, HP_E_AGAIN);
	assert_int_equal(H.c.state, PCS_ESTABLISHED);
	/* after the outer call returned, the same request works */
	assert_int_equal(pptp_ctrl_stop(&H.c, PPTP_STOP_LOCAL, 1), HP_OK);
	assert_int_equal(feed(b, mk_simple(b, PPTP_STOPCCRP, 0, 0), 2),
	    HP_E_CLOSED);
}

static void
test_fini(void **state)
{
	start_call(0);
	pptp_ctrl_fini(&H.c);
	assert_int_equal(H.closed, 0);		/* no callbacks */
	assert_int_equal(pptp_ctrl_input(&H.c, (const uint8_t *)"x", 1, 0),
	    HP_E_CLOSED);
	assert_int_equal(pptp_ctrl_next_deadline(&H.c), PPTP_NO_DEADLINE);
	H.closed = 0;
}

static void
test_names(void **state)
{
	assert_string_equal(pptp_ctrl_state_name(PCS_WAIT_SCCRQ),
	    "wait-sccrq");
	assert_string_equal(pptp_ctrl_state_name(PCS_N), "unknown");
	assert_string_equal(pptp_call_state_name(PCALL_CLEANUP), "cleanup");
	assert_string_equal(pptp_clear_reason_name(PPTP_CLEAR_PEER),
	    "peer-request");
	assert_string_equal(pptp_close_reason_name(PPTP_CLOSE_ECHO_TIMEOUT),
	    "echo-timeout");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_split, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ocrq_before_sccrq, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_icrq_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_second_call, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_more_calls, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_open_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_second_sccrq, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_version, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_echo_timeout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_echo_off, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sccrq_deadline, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_setup_timeout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_ocrq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_local_stop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_local_clear, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_length_closes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_inputs_close, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unexpected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wen_sli, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_fail, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reentry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fini, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
