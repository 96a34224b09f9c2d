/*
 * hpptpd tests: Windows and router interop traps other servers fell
 * into, each from a scripted trace (test_ctrl_ppp_harness.h), and the
 * set-up failure causes the session reports (ppp_failure()).
 *
 * - IPCP while CCP is still negotiating.  With MPPE, a client may send
 *   its IPCP Configure-Request before CCP is up (MikroTik pipelines it
 *   right behind its CCP request; Windows when our CCP Ack is slow).
 *   accel-ppp delayed its IPCP answer then by sending an IPCP
 *   Terminate-Ack, meaning "ask again"; MikroTik and some Windows builds
 *   take a Terminate-Ack as the end of IPCP and hang up (accel-ppp
 *   issue 353, fixed by PR 359).  pppd never answers: its IPCP is not
 *   started until CCP is up, and a frame for a protocol not started is
 *   discarded.  We do as pppd: no IPCP packet at all until CCP is
 *   Opened, then the client's retransmission is answered.
 * - LCP Echo-Reply never larger than the peer's MRU: an Echo-Request
 *   may carry any data, and the reply echoes it.
 * - LCP Identification (code 12, "MSRASV5.20", "MSRAS-0-<host>"),
 *   sent by Windows before LCP is up: no answer, no Code-Reject, the
 *   text logged at debug level only, escaped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <syslog.h>

#include "common/log.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"

#define CP_TERMACK	6

static const uint8_t ccp_all[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0xe1 };
static const uint8_t ccp_s128[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
static const uint8_t ipcp_zero[] = { 0x03, 0x06, 0, 0, 0, 0 };
static const uint8_t ipcp_ours[] = { 0x03, 0x06, 10, 100, 0, 201 };

/* Every IPCP Terminate-Ack the session sent, since the last h_clear. */
static int
termacks(struct harness *h)
{
	return h_count(h, PPP_PROTO_IPCP, CP_TERMACK);
}

/* MPPE required: the client's IPCP request comes before CCP is up. */
static void
test_ipcp_before_ccp_required(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	h_auth_ok(&h);
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 1));
	assert_null(h_find(&h, PPP_PROTO_IPCP, 0));
	/* MikroTik: CCP request, and 30 ms later IPCP, in one breath. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 1, ccp_all, sizeof(ccp_all));
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 3));	/* Nak to 128 */
	h.now += 30;
	h_in(&h, PPP_PROTO_IPCP, 1, 1, ipcp_zero, sizeof(ipcp_zero));
	h_in(&h, PPP_PROTO_IPCP, 1, 2, ipcp_zero, sizeof(ipcp_zero));
	assert_null(h_find(&h, PPP_PROTO_IPCP, 0));	/* nothing at all */
	assert_int_equal(h.nfin, 0);
	/* Our CCP retransmission comes; the client's IPCP stays unanswered */
	h_tick(&h, 3000);
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 1));
	assert_null(h_find(&h, PPP_PROTO_IPCP, 0));
	/* CCP opens: our IPCP request goes out, still no Terminate-Ack. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 2, ccp_s128, sizeof(ccp_s128));
	h_ack_ours(&h, PPP_PROTO_CCP);
	assert_int_equal(h.nrx, 1);
	assert_int_equal(h.ntx, 1);
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 1));
	/* The client's retransmission is answered, and IPCP comes up. */
	h_in(&h, PPP_PROTO_IPCP, 1, 3, ipcp_zero, sizeof(ipcp_zero));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 3));
	h_in(&h, PPP_PROTO_IPCP, 1, 4, ipcp_ours, sizeof(ipcp_ours));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 2));
	h_ack_ours(&h, PPP_PROTO_IPCP);
	assert_int_equal(h.nip, 1);
	assert_int_equal(termacks(&h), 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

/* MPPE allowed, not required: IPCP runs beside CCP, answered at once. */
static void
test_ipcp_beside_ccp_optional(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	c.mppe_required = false;
	h_init(&h, &c);
	h_auth_ok(&h);
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 1, ccp_all, sizeof(ccp_all));
	h_in(&h, PPP_PROTO_IPCP, 1, 1, ipcp_ours, sizeof(ipcp_ours));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 2));	/* Ack */
	assert_int_equal(termacks(&h), 0);
	h_ack_ours(&h, PPP_PROTO_IPCP);
	assert_int_equal(h.nip, 1);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

/*
 * MPPE off (accel-ppp's mppe=deny, the case in its issue): the client's
 * CCP gets a Protocol-Reject and its pipelined IPCP a normal answer.
 */
static void
test_ipcp_ccp_denied(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	c.mppe_required = false;
	c.mppe_allowed = 0;
	h_init(&h, &c);
	h_auth_ok(&h);
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 1, ccp_all, sizeof(ccp_all));
	assert_non_null(h_find(&h, PPP_PROTO_LCP, 8));	/* Protocol-Reject */
	h_in(&h, PPP_PROTO_IPCP, 1, 1, ipcp_zero, sizeof(ipcp_zero));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 3));	/* Nak: address */
	h_in(&h, PPP_PROTO_IPCP, 1, 2, ipcp_ours, sizeof(ipcp_ours));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 2));
	assert_int_equal(termacks(&h), 0);
	h_ack_ours(&h, PPP_PROTO_IPCP);
	assert_int_equal(h.nip, 1);
	ppp_destroy(h.p);
}

/* An Echo-Request of any size: the reply fits the peer's MRU. */
static void
test_echo_reply_within_mru(void **state)
{
	static const uint8_t lcp_mru200[] = {
		0x01, 0x04, 0x00, 0xc8,			/* MRU 200 */
		0x05, 0x06, 0x3f, 0x2a, 0x71, 0x05,	/* Magic */
	};
	uint8_t echo[1400];
	struct ppp_conf c;
	struct harness h;
	struct h_frame *f;
	size_t i;

	h_conf(&c);
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	h_in(&h, PPP_PROTO_LCP, 1, 1, lcp_mru200, sizeof(lcp_mru200));
	h_ack_ours(&h, PPP_PROTO_LCP);
	assert_int_equal(ppp_peer_mru(h.p), 200);
	memcpy(echo, "\x3f\x2a\x71\x05", 4);
	for (i = 4; i < sizeof(echo); i++)
		echo[i] = (uint8_t)i;
	for (i = 0; i < 3; i++) {
		size_t n = i == 0 ? 8 : i == 1 ? 196 : sizeof(echo);

		h_clear(&h);
		h_in(&h, PPP_PROTO_LCP, 9, (uint8_t)(50 + i), echo, n);
		f = h_find(&h, PPP_PROTO_LCP, 10);
		assert_non_null(f);
		assert_true(f->len <= 200);
		/* as much of the data as fits, in order */
		assert_int_equal(f->len, n + 4 < 200 ? n + 4 : 200);
		assert_memory_equal(f->b + 8, echo + 4, f->len - 8);
	}
	ppp_destroy(h.p);
}

/* ---- Identification: silent, and at debug level only ---- */

static char logbuf[4096];

static void
log_capture(int prio, enum log_fac fac, const char *line)
{
	size_t n = strlen(logbuf);

	(void)snprintf(logbuf + n, sizeof(logbuf) - n, "%d %s\n", prio,
	    line);
}

static void
test_identification_silent(void **state)
{
	static const uint8_t id1[] = { 0x3f, 0x2a, 0x71, 0x05,
	    'M', 'S', 'R', 'A', 'S', 'V', '5', '.', '2', '0' };
	static const uint8_t id2[] = { 0x3f, 0x2a, 0x71, 0x05,
	    'M', 'S', 'R', 'A', 'S', '-', '0', '-', 'h', 'o', 's', 't',
	    '"', 0x1b, '\n' };
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	log_set_sink(log_capture);
	logbuf[0] = '\0';
	log_set_verbose(0);
	ppp_start(h.p, h.now);
	/* Before LCP is up, as Windows sends them: no answer at all. */
	h_clear(&h);
	assert_int_equal(h_in(&h, PPP_PROTO_LCP, 12, 1, id1, sizeof(id1)), 0);
	assert_int_equal(h.nf, 0);
	assert_null(strstr(logbuf, "MSRAS"));	/* not above debug */
	log_set_verbose(1);
	assert_int_equal(h_in(&h, PPP_PROTO_LCP, 12, 2, id2, sizeof(id2)), 0);
	assert_int_equal(h.nf, 0);
	assert_non_null(strstr(logbuf, "MSRAS-0-host\\x22\\x1b\\x0a"));
	assert_null(strchr(strstr(logbuf, "MSRAS-0-host"), 0x1b));
	/* LCP goes on to open undisturbed; one more once it is up. */
	h_in(&h, PPP_PROTO_LCP, 1, 3, h_win_lcp2, sizeof(h_win_lcp2));
	h_ack_ours(&h, PPP_PROTO_LCP);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_AUTHENTICATE);
	h_clear(&h);
	assert_int_equal(h_in(&h, PPP_PROTO_LCP, 12, 4, id1, sizeof(id1)), 0);
	assert_int_equal(h.nf, 0);
	log_set_sink(NULL);
	log_set_verbose(0);
	ppp_destroy(h.p);
}

/* ---- set-up failure causes ---- */

/* Our LCP requests unanswered while the client's arrive. */
static void
test_cause_lcp_timeout(void **state)
{
	struct ppp_failure f;
	struct ppp_conf c;
	struct harness h;
	int i;

	h_conf(&c);
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	for (i = 0; i < 20 && h.nfin == 0; i++) {
		h_in(&h, PPP_PROTO_LCP, 1, (uint8_t)i, h_win_lcp2,
		    sizeof(h_win_lcp2));
		h_tick(&h, 3000);
	}
	assert_int_equal(h.nfin, 1);
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_LCP_TIMEOUT);
	assert_int_equal(f.ours, 10);
	assert_int_equal(f.peer, 10);
	ppp_destroy(h.p);
}

/* The client insists on 40-bit MPPE, the config allows 128 only. */
static void
test_cause_ccp_refused(void **state)
{
	static const uint8_t l40[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x20 };
	struct ppp_failure f;
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	h_auth_ok(&h);
	/* pppd's require-mppe-40: asks for L, then Naks our request to L */
	h_in(&h, PPP_PROTO_CCP, 1, 1, l40, sizeof(l40));
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 3));
	h_in(&h, PPP_PROTO_CCP, 3, h.req_ccp.b[1], l40, sizeof(l40));
	h_tick(&h, 3000);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_TERMINATE);
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_CCP_REFUSED);
	assert_int_equal(f.peer, MPPE_BIT_H | MPPE_BIT_L);
	assert_int_equal(f.ours, MPPE_BIT_H | MPPE_BIT_S);
	ppp_destroy(h.p);

	/* It asks for 40 and leaves after our Nak: the same cause. */
	h_init(&h, &c);
	h_auth_ok(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 1, l40, sizeof(l40));
	h_in(&h, PPP_PROTO_LCP, 5, 9, NULL, 0);
	h_tick(&h, 3000);
	assert_int_equal(h.nfin, 1);
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_CCP_REFUSED);
	assert_int_equal(f.peer, MPPE_BIT_H | MPPE_BIT_L);
	ppp_destroy(h.p);
}

/* The client Naks MS-CHAPv2 towards EAP, then rejects authentication. */
static void
test_cause_auth_refused(void **state)
{
	struct ppp_failure f;
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	h_in(&h, PPP_PROTO_LCP, 3, h.req_lcp.b[1], "\x03\x04\xc2\x27", 4);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_TERMINATE);
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_AUTH_REFUSED);
	assert_int_equal(f.peer, 0xc227);
	assert_int_equal(f.ours, PPP_AUTHF(PPP_AUTH_MSCHAP2));
	ppp_destroy(h.p);

	/* CHAP-MD5 suggested (pppd's refuse-mschap-v2) */
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	h_in(&h, PPP_PROTO_LCP, 3, h.req_lcp.b[1], "\x03\x05\xc2\x23\x05", 5);
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_AUTH_REFUSED);
	assert_int_equal(f.peer, 0xc22305);
	ppp_destroy(h.p);

	/* A session that comes up has no cause. */
	h_init(&h, &c);
	h_auth_ok(&h);
	h_ccp_up(&h);
	h_ipcp_up(&h);
	assert_int_equal(h.nip, 1);
	ppp_close(h.p, "admin");
	ppp_failure(h.p, &f);
	assert_int_equal(f.cause, PPP_CAUSE_NONE);
	ppp_destroy(h.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipcp_before_ccp_required),
		cmocka_unit_test(test_ipcp_beside_ccp_optional),
		cmocka_unit_test(test_ipcp_ccp_denied),
		cmocka_unit_test(test_echo_reply_within_mru),
		cmocka_unit_test(test_identification_silent),
		cmocka_unit_test(test_cause_lcp_timeout),
		cmocka_unit_test(test_cause_ccp_refused),
		cmocka_unit_test(test_cause_auth_refused),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
