/*
 * hpptpd tests: LCP options and codes through a session (ctrl/lcp.c),
 * including the known-bad inputs of VECTORS.md.
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

static int
setup(void **state)
{
	struct ppp_conf c;

	h_conf(&c);
	h_init(&H, &c);
	ppp_start(H.p, H.now);
	h_clear(&H);
	return 0;
}

static int
teardown(void **state)
{
	ppp_destroy(H.p);
	return 0;
}

static void
test_option_len_0_1(void **state)
{
	/* Length 0 and 1: no loop, no reply, nothing read past the end. */
	assert_int_not_equal(h_in(&H, PPP_PROTO_LCP, 1, 1, "\x01\x00", 2), 0);
	assert_int_not_equal(h_in(&H, PPP_PROTO_LCP, 1, 1, "\x01\x01", 2), 0);
	assert_int_not_equal(h_in(&H, PPP_PROTO_LCP, 1, 1,
	    "\x08\x02\x05\x01", 4), 0);
	assert_int_not_equal(h_in(&H, PPP_PROTO_LCP, 1, 1,
	    "\x05\x06\x01\x02", 4), 0);
	assert_int_equal(H.nf, 0);
}

static void
test_mru_above_1500(void **state)
{
	struct h_frame *f;

	h_in(&H, PPP_PROTO_LCP, 1, 1, "\x01\x04\xff\xff", 4);
	f = h_find(&H, PPP_PROTO_LCP, 3);
	assert_true(h_opts_eq(f, "\x01\x04\x05\xdc", 4));
	h_in(&H, PPP_PROTO_LCP, 1, 2, "\x01\x04\x00\x10", 4);
	f = h_find(&H, PPP_PROTO_LCP, 3);
	assert_true(h_opts_eq(f, "\x01\x04\x00\x80", 4));
	/* MRU option with a wrong length is rejected, not read. */
	h_in(&H, PPP_PROTO_LCP, 1, 3, "\x01\x03\x05", 3);
	f = h_find(&H, PPP_PROTO_LCP, 4);
	assert_true(h_opts_eq(f, "\x01\x03\x05", 3));
	h_in(&H, PPP_PROTO_LCP, 1, 4, "\x01\x04\x05\xdc", 4);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 2));
	h_ack_ours(&H, PPP_PROTO_LCP);
	assert_int_equal(ppp_peer_mru(H.p), 1500);
}

static void
test_magic_loop(void **state)
{
	struct h_frame *ours = &H.req_lcp, *f;
	uint8_t opt[6];
	int i;

	/* Our own magic echoed back: Nak with a different one. */
	memcpy(opt, ours->b + 4 + 4 + 5, 6);
	assert_int_equal(opt[0], 5);
	h_in(&H, PPP_PROTO_LCP, 1, 1, opt, 6);
	f = h_find(&H, PPP_PROTO_LCP, 3);
	assert_non_null(f);
	assert_int_equal(f->b[4], 5);
	assert_memory_not_equal(f->b + 6, opt + 2, 4);
	/* A looped link: after max-failure, the session ends. */
	for (i = 0; i < 10 && H.nfin == 0; i++) {
		memcpy(opt, H.req_lcp.b + 4 + 4 + 5, 6);
		h_in(&H, PPP_PROTO_LCP, 1, (uint8_t)(2 + i), opt, 6);
		h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], opt, 6);
	}
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 5));
	/* Zero magic is Nak'd as well. */
	teardown(NULL);
	setup(NULL);
	h_in(&H, PPP_PROTO_LCP, 1, 1, "\x05\x06\0\0\0\0", 6);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 3));
	teardown(NULL);
	setup(NULL);
}

static void
test_auth_nak(void **state)
{
	struct ppp_conf c;
	struct h_frame *f;

	teardown(NULL);
	h_conf(&c);
	c.auth_allowed = PPP_AUTHF(PPP_AUTH_MSCHAP2) |
	    PPP_AUTHF(PPP_AUTH_CHAP_MD5) | PPP_AUTHF(PPP_AUTH_PAP);
	h_init(&H, &c);
	ppp_start(H.p, H.now);
	/* Peer prefers CHAP-MD5: allowed, move to it. */
	h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], "\x03\x05\xc2\x23\x05", 5);
	f = &H.req_lcp;
	assert_memory_equal(f->b + 8, "\x03\x05\xc2\x23\x05", 5);
	/*
	 * Then MS-CHAPv1, which we do not allow: we go on with the next
	 * method we allow and have not tried, PAP.
	 */
	h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], "\x03\x05\xc2\x23\x80", 5);
	assert_null(h_find(&H, PPP_PROTO_LCP, 5));
	assert_memory_equal(H.req_lcp.b + 8, "\x03\x04\xc0\x23", 4);
	/* EAP (unknown to us) next: nothing left to try: the session ends. */
	h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], "\x03\x04\xc2\x27", 4);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 5));
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);

	/* PAP suggested and allowed. */
	teardown(NULL);
	h_init(&H, &c);
	ppp_start(H.p, H.now);
	h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], "\x03\x04\xc0\x23", 4);
	assert_memory_equal(H.req_lcp.b + 8, "\x03\x04\xc0\x23", 4);
	/* Rejecting authentication altogether ends the session. */
	h_in(&H, PPP_PROTO_LCP, 4, H.req_lcp.b[1], "\x03\x04\xc0\x23", 4);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
}

static void
test_echo_and_codes(void **state)
{
	struct h_frame *f;
	uint8_t magic[4];
	int i;

	h_in(&H, PPP_PROTO_LCP, 1, 1, h_win_lcp2, sizeof(h_win_lcp2));
	h_ack_ours(&H, PPP_PROTO_LCP);
	h_clear(&H);
	h_in(&H, PPP_PROTO_LCP, 9, 44, "\x3f\x2a\x71\x05hello", 9);
	f = h_find(&H, PPP_PROTO_LCP, 10);
	assert_non_null(f);
	assert_int_equal(f->b[1], 44);
	assert_int_equal(f->len, 4 + 9);
	assert_memory_equal(f->b + 8, "hello", 5);
	/* Echo-Request without its magic: dropped. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_LCP, 9, 45, "\x3f", 1);
	assert_int_equal(H.nf, 0);
	/* Discard-Request, Time-Remaining: no answer. */
	h_in(&H, PPP_PROTO_LCP, 11, 46, "\0\0\0\0", 4);
	h_in(&H, PPP_PROTO_LCP, 13, 47, "\0\0\0\0\0\0\0\x3cMsg", 11);
	assert_int_equal(H.nf, 0);
	/* Unknown code: Code-Reject. */
	h_in(&H, PPP_PROTO_LCP, 99, 48, "zz", 2);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 7));

	/*
	 * Keepalive: gre sends the Echo-Requests.  LCP opened told it
	 * once, with the magic the peer acked for us; ctrl itself sends
	 * none, whatever the time, and an Echo-Reply is nothing to it.
	 */
	assert_int_equal(H.nka, 1);
	magic[0] = (uint8_t)(H.ka_magic >> 24);
	magic[1] = (uint8_t)(H.ka_magic >> 16);
	magic[2] = (uint8_t)(H.ka_magic >> 8);
	magic[3] = (uint8_t)H.ka_magic;
	assert_int_equal(H.req_lcp.b[4 + 4 + 5], 5);	/* Magic-Number */
	assert_memory_equal(magic, H.req_lcp.b + 4 + 4 + 5 + 2, 4);
	h_mschapv2_response(&H, "u");
	ppp_auth_result(H.p, true, "S=00", IP4(10, 100, 0, 201));
	h_ccp_up(&H);
	h_ipcp_up(&H);
	assert_int_equal(H.nip, 1);
	h_clear(&H);
	for (i = 0; i < 4; i++) {
		H.now += 10000;
		ppp_timeout(H.p, H.now);
	}
	h_in(&H, PPP_PROTO_LCP, 10, 0, "\0\0\0\0", 4);
	assert_int_equal(H.nf, 0);
	assert_int_equal(H.nfin, 0);
	/*
	 * Master says gre's echoes went unanswered: the peer is gone, one
	 * Terminate-Request and finished at once.
	 */
	ppp_link_dead(H.p);
	assert_int_equal(h_count(&H, PPP_PROTO_LCP, 5), 1);
	assert_int_equal(H.nfin, 1);
	assert_string_equal(H.reason, "peer not responding to LCP echo");
	/* finishing takes gre's keepalive with it, without a message */
	assert_int_equal(H.nka, 1);
}

/*
 * LCP leaving Opened (the peer renegotiates, or terminates) ends the
 * session, whose end stops gre's echoes: no message for it, and none
 * again.
 */
static void
test_keepalive_off_on_renegotiation(void **state)
{
	h_in(&H, PPP_PROTO_LCP, 1, 1, h_win_lcp2, sizeof(h_win_lcp2));
	h_ack_ours(&H, PPP_PROTO_LCP);
	assert_int_equal(H.nka, 1);
	h_in(&H, PPP_PROTO_LCP, 1, 2, h_win_lcp2, sizeof(h_win_lcp2));
	/* a renegotiated link would authenticate again: it ends instead */
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
	assert_int_equal(H.nka, 1);
	h_in(&H, PPP_PROTO_LCP, 5, 9, "", 0);	/* Terminate-Request */
	assert_int_equal(H.nka, 1);
}

static void
test_protrej_ccp_required(void **state)
{
	h_in(&H, PPP_PROTO_LCP, 1, 1, h_win_lcp2, sizeof(h_win_lcp2));
	h_ack_ours(&H, PPP_PROTO_LCP);
	h_mschapv2_response(&H, "u");
	ppp_auth_result(H.p, true, "S=00", IP4(10, 100, 0, 201));
	h_clear(&H);
	h_in(&H, PPP_PROTO_LCP, 8, 1, "\x80\xfd\x01\x01\x00\x0a", 6);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 5));
	h_in(&H, PPP_PROTO_LCP, 6, h_find(&H, PPP_PROTO_LCP, 5)->b[1], NULL,
	    0);
	assert_int_equal(H.nfin, 1);
	assert_string_equal(H.reason, "peer rejects CCP but MPPE is required");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_option_len_0_1, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mru_above_1500, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_magic_loop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_auth_nak, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_echo_and_codes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_keepalive_off_on_renegotiation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_protrej_ccp_required,
		    setup, teardown),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
