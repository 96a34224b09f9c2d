/*
 * Unit tests of the Disconnect/CoA request reader and answer writer
 * (auth/dae_req.c): requests built with the codec's encoder as a
 * billing server would (Message-Authenticator, Request Authenticator
 * over zeros), read by dae_req_parse(); each Error-Cause it decides;
 * the ACK and NAK verified as replies.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "common/err.h"
#include "auth/dae_req.h"

static const uint8_t sec[] = "unit-dae-Secret";
#define SLEN	(sizeof(sec) - 1)
static struct radius_pkt pkt;
static struct dae_req r;
static struct radius_enc e;
static uint8_t buf[RADIUS_MAX_LEN];
static size_t len;

static void
start(uint8_t code, bool ma)
{
	assert_int_equal(radius_enc_init(&e, buf, sizeof(buf), code, 9, NULL,
	    ma), HP_OK);
}

/* Sign, parse with the same secret (Message-Authenticator required). */
static int
parse(void)
{
	assert_int_equal(radius_enc_finish(&e, sec, SLEN, &len, NULL), HP_OK);
	return dae_req_parse(buf, len, sec, SLEN, true, &pkt, &r);
}

static void
test_disconnect(void **state)
{
	struct radius_nas nas = { "unit-nas", 0x0100a8c0 };

	(void)state;
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_ACCT_SESSION_ID, "0011223300000001");
	radius_put_str(&e, RA_NAS_IDENTIFIER, "unit-nas");
	radius_put_u32(&e, RA_EVENT_TIMESTAMP, 1765000000);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.code, RADIUS_DISCONNECT_REQUEST);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.sel, DS_ACCT_ID);
	assert_int_equal(r.acct_id.len, 16);
	assert_true(r.has_ts);
	assert_int_equal(r.ts, 1765000000);
	assert_int_equal(dae_req_nas(&r, &nas), 0);
	memcpy(nas.id, "other", 6);
	assert_int_equal(dae_req_nas(&r, &nas), DAE_EC_NAS_MISMATCH);
}

static void
test_refused(void **state)
{
	(void)state;
	/* a wrong secret, no Message-Authenticator, not a DAE request */
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	assert_int_equal(radius_enc_finish(&e, (const uint8_t *)"x", 1, &len,
	    NULL), HP_OK);
	assert_int_equal(dae_req_parse(buf, len, sec, SLEN, true, &pkt, &r),
	    RADIUS_E_REQ_AUTH);
	start(RADIUS_DISCONNECT_REQUEST, false);
	radius_put_str(&e, RA_USER_NAME, "alice");
	assert_int_equal(parse(), RADIUS_E_MA_MISSING);
	assert_int_equal(dae_req_parse(buf, len, sec, SLEN, false, &pkt, &r),
	    HP_OK);
	start(RADIUS_ACCOUNTING_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	assert_int_equal(parse(), RADIUS_E_CODE);
}

static void
test_causes(void **state)
{
	(void)state;
	/* a Disconnect may not change anything: 401 */
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_u32(&e, RA_SESSION_TIMEOUT, 60);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_UNSUPPORTED_ATTRIBUTE);
	assert_int_equal(r.error_attr, RA_SESSION_TIMEOUT);
	/* nor its Idle-Timeout */
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_u32(&e, RA_IDLE_TIMEOUT, 60);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_UNSUPPORTED_ATTRIBUTE);
	assert_int_equal(r.error_attr, RA_IDLE_TIMEOUT);
	/* a live session's MTU or routes cannot change: 401 */
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_u32(&e, RA_IDLE_TIMEOUT, 60);
	radius_put_u32(&e, RA_FRAMED_MTU, 1400);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_UNSUPPORTED_ATTRIBUTE);
	assert_int_equal(r.error_attr, RA_FRAMED_MTU);
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_str(&e, RA_FRAMED_ROUTE, "10.9.0.0/24 0.0.0.0 1");
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_UNSUPPORTED_ATTRIBUTE);
	/* two Class attributes: which one? 407 */
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put(&e, RA_CLASS, "c-1", 3);
	radius_put(&e, RA_CLASS, "c-2", 3);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_INVALID_VALUE);
	/* no session attribute: 402 */
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_NAS_IDENTIFIER, "unit-nas");
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_MISSING_ATTRIBUTE);
	/* Authorize-Only: 405 */
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_u32(&e, RA_SERVICE_TYPE, 17);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_UNSUPPORTED_SERVICE);
	/* a Filter-Id that is no rate pair: 407 */
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put_str(&e, RA_FILTER_ID, "office-acl");
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, DAE_EC_INVALID_VALUE);
}

static void
test_coa_changes(void **state)
{
	(void)state;
	start(RADIUS_COA_REQUEST, true);
	radius_put_u32(&e, RA_FRAMED_IP_ADDRESS, 0x0a6400cf);
	radius_put_u32(&e, RA_NAS_PORT, 0x275f0001);
	radius_put_vsa(&e, RADIUS_VENDOR_MIKROTIK, RA_MIKROTIK_RATE_LIMIT,
	    "1M/3M", 5);
	radius_put_u32(&e, RA_SESSION_TIMEOUT, 600);
	radius_put_u32(&e, RA_IDLE_TIMEOUT, 5);
	radius_put_u32(&e, RA_ACCT_INTERIM_INTERVAL, 1);
	radius_put(&e, RA_CLASS, "c-2", 3);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.sel, DS_IP | DS_PORT);
	assert_int_equal(r.ip, htonl(0x0a6400cf));
	assert_int_equal(r.port, 0x275f0001);
	assert_int_equal(r.set, DAE_SET_RATE | DAE_SET_TIMEOUT |
	    DAE_SET_IDLE | DR_SET_INTERIM | DR_SET_CLASS);
	/* rx/tx from the router's side: its tx is our down */
	assert_int_equal(r.down_bps, 3000000);
	assert_int_equal(r.up_bps, 1000000);
	assert_int_equal(r.session_timeout_s, 600);
	assert_int_equal(r.idle_timeout_s, 5);
	assert_int_equal(r.interim_s, RADIUS_INTERIM_MIN_S);
	assert_int_equal(r.class.len, 3);
	/* Filter-Id in kbit/s, accel-ppp's down/up */
	start(RADIUS_COA_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "bob");
	radius_put_str(&e, RA_FILTER_ID, "4096/1024");
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.down_bps, 4096000);
	assert_int_equal(r.up_bps, 1024000);
}

/* The ACK and a NAK verify as replies; Proxy-State comes back. */
static void
test_answers(void **state)
{
	struct radius_sent sent;
	uint8_t out[RADIUS_MAX_LEN];
	const struct radius_attr *a;
	size_t n;
	uint32_t v;

	(void)state;
	start(RADIUS_DISCONNECT_REQUEST, true);
	radius_put_str(&e, RA_USER_NAME, "alice");
	radius_put(&e, RA_PROXY_STATE, "ps-1", 4);
	assert_int_equal(parse(), HP_OK);
	assert_int_equal(r.nproxy, 1);
	sent.code = r.code;
	sent.id = r.id;
	memcpy(sent.auth, r.auth, sizeof(sent.auth));
	assert_int_equal(dae_answer(&r, 0, sec, SLEN, out, sizeof(out), &n),
	    HP_OK);
	assert_int_equal(radius_verify_reply(out, n, &sent, sec, SLEN, true,
	    &pkt), HP_OK);
	assert_int_equal(pkt.code, RADIUS_DISCONNECT_ACK);
	assert_int_equal(pkt.ma, 0);
	assert_null(radius_find(&pkt, 0, RA_ERROR_CAUSE));
	assert_non_null(a = radius_find(&pkt, 0, RA_PROXY_STATE));
	assert_memory_equal(radius_attr_value(&pkt, a), "ps-1", 4);
	assert_int_equal(dae_answer(&r, DAE_EC_NOT_FOUND, sec, SLEN, out,
	    sizeof(out), &n), HP_OK);
	assert_int_equal(radius_verify_reply(out, n, &sent, sec, SLEN, true,
	    &pkt), HP_OK);
	assert_int_equal(pkt.code, RADIUS_DISCONNECT_NAK);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_ERROR_CAUSE, &v), HP_OK);
	assert_int_equal(v, 503);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disconnect),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_causes),
		cmocka_unit_test(test_coa_changes),
		cmocka_unit_test(test_answers),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
