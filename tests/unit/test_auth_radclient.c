/*
 * Unit tests of what the RADIUS client sends and makes of a reply
 * (auth/radius_auth.c): replies are built with the codec's encoder as a
 * server would (signed, Message-Authenticator first), verified with
 * radius_verify_reply(), then read by radius_auth_reply().
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <sodium.h>

#include "common/err.h"
#include "auth/mschap.h"
#include "auth/radius_auth.h"

static const uint8_t sec[] = "unit-Secret";
#define SLEN	(sizeof(sec) - 1)
static struct radius_pkt pkt;
static uint8_t rbuf[RADIUS_MAX_LEN];

/* A login request of this method, its Access-Request and what it left. */
static void
mkreq(struct auth_req *q, uint8_t method, struct radius_sent *sent)
{
	static const struct radius_nas nas = { "unit-nas", 0x0100a8c0 };
	uint8_t buf[RADIUS_MAX_LEN], ra[16];
	size_t len;

	memset(q, 0, sizeof(*q));
	q->sid = 0x10002;
	q->method = method;
	q->chap_id = 7;
	q->user_len = 5;
	memcpy(q->user, "alice", 5);
	q->peer.family = 4;
	memcpy(q->peer.addr, "\xc6\x33\x64\x07", 4);
	q->chal_len = method == AM_MSCHAP1 ? 8 : 16;
	memset(q->chal, 0x11, q->chal_len);
	q->resp_len = method == AM_PAP ? 6 : method == AM_CHAP_MD5 ? 16 : 49;
	memset(q->resp, 0x22, q->resp_len);
	q->resp[48] = 1;
	randombytes_buf(ra, sizeof(ra));
	assert_int_equal(radius_auth_request(q, &nas, 42, ra, sec, SLEN, buf,
	    sizeof(buf), &len, sent), HP_OK);
	/* Message-Authenticator first; it decodes as a request */
	assert_int_equal(buf[20], RA_MESSAGE_AUTHENTICATOR);
	assert_int_equal(radius_decode(buf, len, &pkt), HP_OK);
	assert_non_null(radius_find(&pkt, 0, RA_USER_NAME));
	assert_non_null(radius_find(&pkt, 0, RA_NAS_PORT));
	assert_non_null(radius_find(&pkt, 0, RA_CALLING_STATION_ID));
}

/* Start a reply to sent; finish() signs, verifies and reads it. */
static void
reply(struct radius_enc *e, const struct radius_sent *sent, uint8_t code)
{
	assert_int_equal(radius_enc_init(e, rbuf, sizeof(rbuf), code,
	    sent->id, sent->auth, true), HP_OK);
}

static void
finish(struct radius_enc *e, const struct auth_req *q,
    const struct radius_sent *sent, struct radius_verdict *v)
{
	size_t len;

	assert_int_equal(radius_enc_finish(e, sec, SLEN, &len, NULL), HP_OK);
	assert_int_equal(radius_verify_reply(rbuf, len, sent, sec, SLEN, true,
	    &pkt), HP_OK);
	radius_auth_reply(&pkt, q, sent, sec, SLEN, v);
}

static void
test_pap_accept_policy(void **state)
{
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	struct radius_verdict v;

	(void)state;
	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, 0x0a6400cf);
	radius_put_u32(&e, RA_SESSION_TIMEOUT, 3600);
	radius_put_u32(&e, RA_ACCT_INTERIM_INTERVAL, 1);
	radius_put_str(&e, RA_CLASS, "c1");
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_int_equal(v.addr_kind, AA_STATIC);
	assert_int_equal(v.addr, htonl(0x0a6400cf));
	assert_int_equal(v.session_timeout_s, 3600);
	assert_int_equal(v.interim_s, RADIUS_INTERIM_MIN_S);	/* clamped */
	assert_int_equal(v.class_len, 2);
	assert_false(v.have_keys);
	assert_string_equal(v.message, "Login ok");
}

static void
test_framed_ip_special(void **state)
{
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	struct radius_verdict v;

	(void)state;
	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, 0xfffffffe);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_int_equal(v.addr_kind, AA_POOL);
	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, 0xffffffff);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "framed-ip-address-not-allowed");
	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_u32(&e, RA_SERVICE_TYPE, 1);		/* Login */
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "service-type-not-framed");
}

/* An Accept with these Framed-IPv6-Prefix values (reserved, plen, bytes). */
static void
accept_prefix6(const uint8_t *const *vals, const size_t *lens, size_t n,
    struct radius_verdict *v)
{
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	size_t i;

	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	for (i = 0; i < n; i++)
		radius_put(&e, RA_FRAMED_IPV6_PREFIX, vals[i], lens[i]);
	finish(&e, &q, &s, v);
}

/*
 * Framed-IPv6-Prefix (RFC 3162): one /64, global unicast or unique
 * local, taken; its prefix field may be cut to the bytes the length
 * covers.  Any other length, two of them, multicast: refused.  The
 * dictionary refuses a malformed value (the whole reply is dropped).
 */
static void
test_framed_ipv6_prefix(void **state)
{
	static const uint8_t full[18] = { 0, 64, 0x20, 0x01, 0x0d, 0xb8, 1,
	    0, 0, 0x42 };
	static const uint8_t cut[10] = { 0, 64, 0xfd, 0, 0, 0, 0, 0, 0, 7 };
	static const uint8_t p56[9] = { 0, 56, 0x20, 0x01, 0x0d, 0xb8, 1, 0,
	    0 };
	static const uint8_t mc[10] = { 0, 64, 0xff, 0x02 };
	const uint8_t *vals[2];
	size_t lens[2];
	struct radius_verdict v;
	const struct radius_dict *d;
	uint8_t bad[18];

	(void)state;
	vals[0] = full;
	lens[0] = sizeof(full);
	accept_prefix6(vals, lens, 1, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_true(v.have_prefix6);
	assert_memory_equal(v.prefix6, full + 2, 8);
	vals[0] = cut;
	lens[0] = sizeof(cut);
	accept_prefix6(vals, lens, 1, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_memory_equal(v.prefix6, cut + 2, 8);
	/* none: the pool's */
	accept_prefix6(vals, lens, 0, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_false(v.have_prefix6);
	vals[0] = p56;
	lens[0] = sizeof(p56);
	accept_prefix6(vals, lens, 1, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "framed-ipv6-prefix-not-64");
	vals[0] = mc;
	lens[0] = sizeof(mc);
	accept_prefix6(vals, lens, 1, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "framed-ipv6-prefix-not-unicast");
	vals[0] = vals[1] = full;
	lens[0] = lens[1] = sizeof(full);
	accept_prefix6(vals, lens, 2, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "framed-ipv6-prefix-repeated");
	/* the value's shape (RFC 8044 3.10) */
	d = radius_dict_find(0, RA_FRAMED_IPV6_PREFIX);
	assert_non_null(d);
	assert_string_equal(d->name, "Framed-IPv6-Prefix");
	assert_int_equal(radius_dict_check(d, full, sizeof(full)), HP_OK);
	assert_int_equal(radius_dict_check(d, cut, sizeof(cut)), HP_OK);
	assert_int_equal(radius_dict_check(d, full, 2), RADIUS_E_DICT);
	assert_int_equal(radius_dict_check(d, full, 9), RADIUS_E_DICT);
	memcpy(bad, full, sizeof(bad));
	bad[0] = 1;				/* reserved */
	assert_int_equal(radius_dict_check(d, bad, sizeof(bad)),
	    RADIUS_E_DICT);
	memcpy(bad, full, sizeof(bad));
	bad[1] = 129;
	assert_int_equal(radius_dict_check(d, bad, sizeof(bad)),
	    RADIUS_E_DICT);
	memcpy(bad, full, sizeof(bad));
	bad[17] = 1;				/* a bit past /64 */
	assert_int_equal(radius_dict_check(d, bad, sizeof(bad)),
	    RADIUS_E_DICT);
	bad[1] = 128;				/* then it is the prefix's */
	assert_int_equal(radius_dict_check(d, bad, sizeof(bad)), HP_OK);
	memset(bad, 0, sizeof(bad));
	memcpy(bad, p56, sizeof(p56));
	bad[9] = 0x80;				/* bit 57 of a /56 */
	assert_int_equal(radius_dict_check(d, bad, 10), RADIUS_E_DICT);
	bad[1] = 57;
	assert_int_equal(radius_dict_check(d, bad, 10), HP_OK);
	assert_int_equal(radius_dict_check(d, bad, 9), RADIUS_E_DICT);
	bad[1] = 0;				/* ::/0, no prefix bytes */
	assert_int_equal(radius_dict_check(d, bad, 2), HP_OK);
	assert_int_equal(radius_dict_check(d, bad, 19), RADIUS_E_DICT);
}

/* Delegated-IPv6-Prefix: noted, not used. */
static void
test_delegated_ipv6_prefix(void **state)
{
	static const uint8_t del[10] = { 0, 56, 0x20, 0x01, 0x0d, 0xb8, 2 };
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	struct radius_verdict v;

	(void)state;
	mkreq(&q, AM_PAP, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put(&e, RA_DELEGATED_IPV6_PREFIX, del, sizeof(del));
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_true(v.delegated6);
	assert_false(v.have_prefix6);
}

static void
test_mschap2_success_ident(void **state)
{
	static const char succ[] =
	    "S=0123456789ABCDEF0123456789ABCDEF01234567";
	uint8_t key[16];
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	struct radius_verdict v;

	(void)state;
	memset(key, 0x33, sizeof(key));
	/* no MS-CHAP2-Success: a failure, whatever the code */
	mkreq(&q, AM_MSCHAP2, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "ms-chap2-success-missing");
	assert_false(v.have_keys);
	assert_memory_equal(v.message, "E=691 R=0 C=", 12);
	/* for another Ident (another exchange): a failure */
	mkreq(&q, AM_MSCHAP2, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_ms_chap2_success(&e, 8, succ);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "ms-chap2-success-wrong-ident");
	/* right: relayed, keys decrypted, MPPE narrowed to 128 required */
	mkreq(&q, AM_MSCHAP2, &s);
	reply(&e, &s, RADIUS_ACCESS_ACCEPT);
	radius_put_ms_chap2_success(&e, 7, succ);
	radius_put_mppe_key(&e, RA_MS_MPPE_SEND_KEY, 0x8001, key, 16, sec,
	    SLEN);
	radius_put_mppe_key(&e, RA_MS_MPPE_RECV_KEY, 0x8002, key, 16, sec,
	    SLEN);
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_POLICY,
	    2);
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_TYPES,
	    RADIUS_MPPE_TYPES_128);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_ACCEPT);
	assert_true(v.have_keys);
	assert_memory_equal(v.send_key, key, 16);
	assert_memory_equal(v.recv_key, key, 16);
	assert_int_equal(v.mppe, MPPE_ALLOW_STATEFUL | MPPE_ALLOW_128 |
	    MPPE_REQUIRED);
	assert_string_equal(v.message, "S=0123456789ABCDEF0123456789ABCDEF01234567"
	    " M=Access granted");
}

static void
test_reject_mschap_error(void **state)
{
	static const char err[] = "\x07" "E=691 R=1 C="
	    "00112233445566778899AABBCCDDEEFF V=3 M=Authentication rejected";
	struct auth_req q;
	struct radius_sent s;
	struct radius_enc e;
	struct radius_verdict v;

	(void)state;
	mkreq(&q, AM_MSCHAP2, &s);
	reply(&e, &s, RADIUS_ACCESS_REJECT);
	radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_ERROR, err,
	    sizeof(err) - 1);
	finish(&e, &q, &s, &v);
	assert_int_equal(v.outcome, RO_REJECT);
	assert_string_equal(v.why, "radius-reject");
	/* no retry in the session, the server's challenge, no M= */
	assert_string_equal(v.message,
	    "E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3");
	/* a malformed one: our own */
	mkreq(&q, AM_MSCHAP2, &s);
	reply(&e, &s, RADIUS_ACCESS_REJECT);
	radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_ERROR,
	    "\x07" "E=691 C=zz", 11);
	finish(&e, &q, &s, &v);
	assert_memory_equal(v.message, "E=691 R=0 C=", 12);
	assert_int_not_equal(memcmp(v.message + 12, "zz", 2), 0);
}

static void
test_lm_only_not_sent(void **state)
{
	static const struct radius_nas nas = { "n", 0 };
	uint8_t buf[RADIUS_MAX_LEN], ra[16] = { 0 };
	struct auth_req q;
	struct radius_sent s;
	size_t len;

	(void)state;
	mkreq(&q, AM_MSCHAP1, &s);
	q.resp[48] = 0;			/* LM response only */
	assert_int_equal(radius_auth_request(&q, &nas, 1, ra, sec, SLEN, buf,
	    sizeof(buf), &len, &s), HP_E_FIELD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pap_accept_policy),
		cmocka_unit_test(test_framed_ip_special),
		cmocka_unit_test(test_framed_ipv6_prefix),
		cmocka_unit_test(test_delegated_ipv6_prefix),
		cmocka_unit_test(test_mschap2_success_ident),
		cmocka_unit_test(test_reject_mschap_error),
		cmocka_unit_test(test_lm_only_not_sent),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
