/*
 * hpptpd tests: CHAP (MD5, MS-CHAPv1, MS-CHAPv2) and PAP authenticator
 * through a session, including the CVE-2020-8597-style long name and a
 * Response missing bytes.
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
start(uint32_t methods, enum ppp_auth_method want)
{
	struct ppp_conf c;
	uint8_t opt[5] = { 0x03, 0x05, 0xc2, 0x23, 0x81 };

	h_conf(&c);
	c.auth_allowed = methods;
	h_init(&H, &c);
	ppp_start(H.p, H.now);
	if (want == PPP_AUTH_MSCHAP1 || want == PPP_AUTH_CHAP_MD5) {
		opt[4] = want == PPP_AUTH_MSCHAP1 ? 0x80 : 0x05;
		h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], opt, 5);
	} else if (want == PPP_AUTH_PAP)
		h_in(&H, PPP_PROTO_LCP, 3, H.req_lcp.b[1], "\x03\x04\xc0\x23",
		    4);
	h_in(&H, PPP_PROTO_LCP, 1, 1, h_win_lcp2, sizeof(h_win_lcp2));
	h_ack_ours(&H, PPP_PROTO_LCP);
	assert_int_equal(ppp_auth_method(H.p), want);
}

static int
teardown(void **state)
{
	ppp_destroy(H.p);
	return 0;
}

static void
test_long_name(void **state)
{
	char name[301];

	start(PPP_AUTHF(PPP_AUTH_MSCHAP2), PPP_AUTH_MSCHAP2);
	memset(name, 'A', 300);
	name[300] = '\0';
	assert_int_not_equal(h_mschapv2_response(&H, name), 0);
	assert_int_equal(H.nauth, 0);
	name[256] = '\0';
	assert_int_not_equal(h_mschapv2_response(&H, name), 0);
	assert_int_equal(H.nauth, 0);
	/* 255 bytes is the longest name that fits. */
	name[255] = '\0';
	assert_int_equal(h_mschapv2_response(&H, name), 0);
	assert_int_equal(H.nauth, 1);
	assert_int_equal(H.req.name_len, 255);
	assert_int_equal(H.req.name[255], '\0');
}

static void
test_short_mschapv2(void **state)
{
	uint8_t b[60];

	start(PPP_AUTHF(PPP_AUTH_MSCHAP2), PPP_AUTH_MSCHAP2);
	memset(b, 0x11, sizeof(b));
	/* Value size 48: wrong for MS-CHAPv2. */
	b[0] = 48;
	assert_int_not_equal(h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 49),
	    0);
	/* Value size 49 but only 48 bytes present. */
	b[0] = 49;
	assert_int_not_equal(h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 49),
	    0);
	/* Length field longer than the frame. */
	assert_int_not_equal(h_in_raw(&H, PPP_PROTO_CHAP,
	    "\x02\x00\x00\x40\x31", 5), 0);
	/* No value-size byte at all. */
	assert_int_not_equal(h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], NULL,
	    0), 0);
	/* Wrong identifier. */
	b[0] = 49;
	assert_int_not_equal(h_in(&H, PPP_PROTO_CHAP, 2,
	    (uint8_t)(H.chal.b[1] + 1), b, 50), 0);
	assert_int_equal(H.nauth, 0);
	/* Empty name is fine (the caller decides). */
	assert_int_equal(h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 50), 0);
	assert_int_equal(H.nauth, 1);
	assert_int_equal(H.req.name_len, 0);
}

static void
test_duplicates_and_resend(void **state)
{
	struct h_frame *f;

	start(PPP_AUTHF(PPP_AUTH_MSCHAP2), PPP_AUTH_MSCHAP2);
	h_mschapv2_response(&H, "User");
	h_mschapv2_response(&H, "User");
	assert_int_equal(H.nauth, 1);
	/* Verdict-less deadline does not resend the challenge. */
	h_clear(&H);
	assert_int_equal(ppp_auth_result(H.p, true, "S=AB", IP4(1, 2, 3, 4)),
	    0);
	assert_int_equal(h_count(&H, PPP_PROTO_CHAP, 3), 1);
	/* A Response after success gets Success again. */
	h_clear(&H);
	h_mschapv2_response(&H, "User");
	f = h_find(&H, PPP_PROTO_CHAP, 3);
	assert_non_null(f);
	assert_int_equal(f->len, 8);
	assert_memory_equal(f->b + 4, "S=AB", 4);
	assert_int_equal(H.nauth, 1);
	assert_int_not_equal(ppp_auth_result(H.p, true, "S=AB", 1), 0);
}

static void
test_challenge_retransmit(void **state)
{
	int i;

	start(PPP_AUTHF(PPP_AUTH_MSCHAP2), PPP_AUTH_MSCHAP2);
	for (i = 0; i < 20 && h_find(&H, PPP_PROTO_LCP, 5) == NULL; i++)
		h_tick(&H, 3000);
	assert_int_equal(h_count(&H, PPP_PROTO_CHAP, 1), 10);
	assert_int_equal(ppp_phase(H.p), PPP_PHASE_TERMINATE);
}

static void
test_mschapv1_md5(void **state)
{
	uint8_t b[60];

	start(PPP_AUTHF(PPP_AUTH_MSCHAP1), PPP_AUTH_MSCHAP1);
	assert_int_equal(H.chal.b[4], 8);
	memset(b, 0x22, sizeof(b));
	b[0] = 49;
	h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 54);
	assert_int_equal(H.nauth, 1);
	assert_int_equal(H.req.method, PPP_AUTH_MSCHAP1);
	assert_int_equal(H.req.challenge_len, 8);
	assert_int_equal(H.req.name_len, 4);
	teardown(NULL);

	start(PPP_AUTHF(PPP_AUTH_CHAP_MD5), PPP_AUTH_CHAP_MD5);
	assert_int_equal(H.chal.b[4], 16);
	b[0] = 49;
	h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 54);
	assert_int_equal(H.nauth, 0);
	b[0] = 16;
	h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1], b, 20);
	assert_int_equal(H.nauth, 1);
	assert_int_equal(H.req.value_len, 16);
	/* PAP frames are not ours now: Protocol-Reject. */
	h_clear(&H);
	h_in(&H, PPP_PROTO_PAP, 1, 1, "\x01u\x01p", 4);
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 8));
}

static void
test_pap(void **state)
{
	struct h_frame *f;

	start(PPP_AUTHF(PPP_AUTH_MSCHAP2) | PPP_AUTHF(PPP_AUTH_PAP),
	    PPP_AUTH_PAP);
	/* Lengths past the end: dropped. */
	assert_int_not_equal(h_in(&H, PPP_PROTO_PAP, 1, 7, "\x05us", 3), 0);
	assert_int_not_equal(h_in(&H, PPP_PROTO_PAP, 1, 7, "\x02us\x09pw",
	    6), 0);
	assert_int_equal(H.nauth, 0);
	assert_int_equal(h_in(&H, PPP_PROTO_PAP, 1, 7, "\x04user\x02pw", 8),
	    0);
	assert_int_equal(H.nauth, 1);
	assert_string_equal(H.req.name, "user");
	assert_int_equal(H.req.value_len, 2);
	h_in(&H, PPP_PROTO_PAP, 1, 7, "\x04user\x02pw", 8);
	assert_int_equal(H.nauth, 1);
	ppp_auth_result(H.p, true, "Welcome", IP4(10, 0, 0, 2));
	f = h_find(&H, PPP_PROTO_PAP, 2);
	assert_non_null(f);
	assert_int_equal(f->b[1], 7);
	assert_int_equal(f->b[4], 7);
	assert_memory_equal(f->b + 5, "Welcome", 7);
	teardown(NULL);

	start(PPP_AUTHF(PPP_AUTH_PAP), PPP_AUTH_PAP);
	h_in(&H, PPP_PROTO_PAP, 1, 3, "\x01u\x01p", 4);
	ppp_auth_result(H.p, false, "Bad", 0);
	assert_non_null(h_find(&H, PPP_PROTO_PAP, 3));
	assert_non_null(h_find(&H, PPP_PROTO_LCP, 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_long_name, teardown),
		cmocka_unit_test_teardown(test_short_mschapv2, teardown),
		cmocka_unit_test_teardown(test_duplicates_and_resend, teardown),
		cmocka_unit_test_teardown(test_challenge_retransmit, teardown),
		cmocka_unit_test_teardown(test_mschapv1_md5, teardown),
		cmocka_unit_test_teardown(test_pap, teardown),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
