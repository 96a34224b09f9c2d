/*
 * hpptpd tests: CCP/MPPE policy (ctrl/ccp.c) and IPCP (ctrl/ipcp.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/log.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"

static struct harness H;

static void
start(uint8_t allowed, bool required, bool stateful)
{
	struct ppp_conf c;

	h_conf(&c);
	c.mppe_allowed = allowed;
	c.mppe_required = required;
	c.mppe_stateful = stateful;
	h_init(&H, &c);
	h_auth_ok(&H);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_NETWORK);
}

static int
teardown(void **state)
{
	ppp_destroy(H.p);
	return 0;
}

static const uint8_t *
ccp_reply(uint8_t code, const char *opts)
{
	struct h_frame *f;

	h_clear(&H);
	h_in(&H, PPP_PROTO_CCP, 1, 1, opts, 6);
	f = h_find(&H, PPP_PROTO_CCP, code);
	return f != NULL && f->len == 10 ? f->b + 4 : NULL;
}

static void
test_mppe_choice(void **state)
{
	const uint8_t *r;

	start(PPP_MPPE_128, true, false);
	/* Our own request: S + H. */
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x01\x00\x00\x40", 6);
	/* Only 40-bit offered: Nak toward 128. */
	r = ccp_reply(3, "\x12\x06\x01\x00\x00\x20");
	assert_non_null(r);
	assert_memory_equal(r, "\x12\x06\x01\x00\x00\x40", 6);
	/* Stateful 128 asked, not allowed: Nak with H. */
	r = ccp_reply(3, "\x12\x06\x00\x00\x00\x40");
	assert_non_null(r);
	assert_memory_equal(r, "\x12\x06\x01\x00\x00\x40", 6);
	assert_int_equal(H.ntx, 0);
	teardown(NULL);

	/* 40 and 56 allowed, Windows offers all: 56. */
	start(PPP_MPPE_40 | PPP_MPPE_56, true, false);
	r = ccp_reply(3, "\x12\x06\x01\x00\x00\xe1");
	assert_memory_equal(r, "\x12\x06\x01\x00\x00\x80", 6);
	/* our request offers both allowed strengths (pppd does too) */
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x01\x00\x00\xa0", 6);
	/* Peer offers only 40: 40 it is. */
	r = ccp_reply(3, "\x12\x06\x01\x00\x00\x21");
	assert_memory_equal(r, "\x12\x06\x01\x00\x00\x20", 6);
	/* the peer's request, acked, is how we send */
	assert_non_null(ccp_reply(2, "\x12\x06\x01\x00\x00\x20"));
	assert_int_equal(H.tx, MPPE_BIT_H | MPPE_BIT_L);
	teardown(NULL);

	/*
	 * 40 and 128 allowed, a pppd client limited to 40 (require-mppe-40):
	 * we offer both, it Naks down to 40, we receive 40.
	 */
	start(PPP_MPPE_40 | PPP_MPPE_128, true, false);
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x01\x00\x00\x60", 6);
	h_in(&H, PPP_PROTO_CCP, 3, H.req_ccp.b[1], "\x12\x06\x01\x00\x00\x20",
	    6);
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x01\x00\x00\x20", 6);
	h_ack_ours(&H, PPP_PROTO_CCP);
	assert_int_equal(H.rx, MPPE_BIT_H | MPPE_BIT_L);
	teardown(NULL);

	/* Acked with both strengths: the strongest. */
	start(PPP_MPPE_40 | PPP_MPPE_128, true, false);
	h_ack_ours(&H, PPP_PROTO_CCP);
	assert_int_equal(H.rx, MPPE_BIT_H | MPPE_BIT_S);
	teardown(NULL);

	/*
	 * Stateful allowed: we still ask for stateless first, and accept a
	 * peer that asks to receive stateful as is.
	 */
	start(PPP_MPPE_128, true, true);
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x01\x00\x00\x40", 6);
	assert_non_null(ccp_reply(2, "\x12\x06\x00\x00\x00\x40"));
	assert_int_equal(H.tx, MPPE_BIT_S);
	/* The peer Naks H away from ours: we receive stateful then. */
	h_in(&H, PPP_PROTO_CCP, 3, H.req_ccp.b[1], "\x12\x06\x00\x00\x00\x40",
	    6);
	assert_memory_equal(H.req_ccp.b + 4, "\x12\x06\x00\x00\x00\x40", 6);
}

static void
test_other_options_rejected(void **state)
{
	static const uint8_t req[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x40,
	    0x1a, 0x04, 0x78, 0x00, 0x15, 0x03, 0x2f };
	struct h_frame *f;

	start(PPP_MPPE_128, true, false);
	h_clear(&H);
	h_in(&H, PPP_PROTO_CCP, 1, 1, req, sizeof(req));
	f = h_find(&H, PPP_PROTO_CCP, 4);
	assert_true(h_opts_eq(f, req + 6, sizeof(req) - 6));
	/* An empty request while MPPE is required: Nak with MPPE. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_CCP, 1, 2, NULL, 0);
	f = h_find(&H, PPP_PROTO_CCP, 3);
	assert_true(h_opts_eq(f, "\x12\x06\x01\x00\x00\x40", 6));
	/* MPPE option of the wrong size: rejected. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_CCP, 1, 3, "\x12\x04\x00\x40", 4);
	assert_non_null(h_find(&H, PPP_PROTO_CCP, 4));
}

static void
test_peer_refuses_mppe(void **state)
{
	start(PPP_MPPE_128, true, false);
	h_in(&H, PPP_PROTO_CCP, 4, H.req_ccp.b[1], H.req_ccp.b + 4, 6);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
	h_in(&H, PPP_PROTO_LCP, 6, h_find(&H, PPP_PROTO_LCP, 5)->b[1], NULL,
	    0);
	assert_int_equal(H.nfin, 1);
	assert_string_equal(H.reason, "peer refused MPPE");
	teardown(NULL);

	/* Peer's Nak names no strength we allow. */
	start(PPP_MPPE_128, true, false);
	h_in(&H, PPP_PROTO_CCP, 3, H.req_ccp.b[1], "\x12\x06\x01\x00\x00\x20",
	    6);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
	teardown(NULL);

	/* Optional MPPE: a Reject just means no MPPE. */
	start(PPP_MPPE_128, false, false);
	h_in(&H, PPP_PROTO_CCP, 4, H.req_ccp.b[1], H.req_ccp.b + 4, 6);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_NETWORK);
}

static void
test_ipcp(void **state)
{
	struct h_frame *f;

	start(PPP_MPPE_128, true, false);
	h_ccp_up(&H);
	/* 0.0.0.0 and a wrong address are Nak'd to the assigned one. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_IPCP, 1, 1, "\x03\x06\x01\x02\x03\x04", 6);
	f = h_find(&H, PPP_PROTO_IPCP, 3);
	assert_true(h_opts_eq(f, "\x03\x06\x0a\x64\x00\xc9", 6));
	/* VJ and IP-Addresses rejected. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_IPCP, 1, 2, "\x02\x06\x00\x2d\x0f\x01"
	    "\x01\x0a\0\0\0\0\0\0\0\0", 16);
	f = h_find(&H, PPP_PROTO_IPCP, 4);
	assert_non_null(f);
	assert_int_equal(f->len, 4 + 16);
	/* No address asked: suggest it. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_IPCP, 1, 3, "\x81\x06\xca\x63\x60\x44", 6);
	f = h_find(&H, PPP_PROTO_IPCP, 3);
	assert_true(h_opts_eq(f, "\x03\x06\x0a\x64\x00\xc9", 6));
	/* A Nak of ours with an extra address option: ignored safely. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_IPCP, 3, H.req_ipcp.b[1], "\x03\x06\x01\x01\x01"
	    "\x01\x03\x06\x02\x02\x02\x02\x81\x06\0\0\0\0", 18);
	assert_memory_equal(H.req_ipcp.b + 4, "\x03\x06\x0a\x64\x01\x01", 6);
	/* Nak with a short address option: dropped. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_IPCP, 3, H.req_ipcp.b[1], "\x03\x04\x01\x01", 4);
	assert_int_equal(H.nf, 0);
	h_ipcp_up(&H);
	assert_int_equal(H.nip, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_mppe_choice, teardown),
		cmocka_unit_test_teardown(test_other_options_rejected,
		    teardown),
		cmocka_unit_test_teardown(test_peer_refuses_mppe, teardown),
		cmocka_unit_test_teardown(test_ipcp, teardown),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
