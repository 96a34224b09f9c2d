/*
 * Tests for the RADIUS codec (auth/radius_*.c): RFC 2865 section 7's
 * example packets; known answers computed independently with Python's
 * hashlib/hmac (tests/unit/data/radius_vectors.py prints them: run it to
 * check); a round trip of every attribute kind; every malformed case the
 * decoder and the reply verifier must refuse, each with its own error.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"

static size_t
unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (*h != '\0') {
		if (*h == ' ' || *h == '\n') {
			h++;
			continue;
		}
		assert_true(n < cap);
		assert_int_equal(sscanf(h, "%2x", &v), 1);
		out[n++] = (uint8_t)v;
		h += 2;
	}
	return n;
}

#define S(s)	((const uint8_t *)(s)), (sizeof(s) - 1)

/* RFC 2865 section 7.1: Access-Request and Access-Accept, "xyzzy5461". */
static const char secret[] = "xyzzy5461";
static const char rfc71_req[] =
    "01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb"
    "98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d"
    "93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8"
    "01 10 05 06 00 00 00 03";
static const char rfc71_acc[] =
    "02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf"
    "9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00"
    "0e 06 c0 a8 01 03";
/* RFC 2865 section 7.2 (CHAP) and 7.3 (Access-Challenge). */
static const char rfc72_req[] =
    "01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e"
    "0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13 16 e9"
    "75 57 c3 16 18 58 95 f2 93 ff 63 44 07 72 75 04"
    "06 c0 a8 01 10 05 06 00 00 00 14 06 06 00 00 00"
    "02 07 06 00 00 00 01";
static const char rfc73_chal[] =
    "0b 02 00 4e 36 f3 c8 76 4a e8 c7 11 57 40 3c 0c"
    "71 ff 9c 45 12 30 43 68 61 6c 6c 65 6e 67 65 20"
    "33 32 37 36 39 34 33 30 2e 20 20 45 6e 74 65 72"
    "20 72 65 73 70 6f 6e 73 65 20 61 74 20 70 72 6f"
    "6d 70 74 2e 18 0a 33 32 37 36 39 34 33 30";
static const char rfc_ra[] = "0f403f9473978057bd83d5cb98f4227a";

/* tests/unit/data/radius_vectors.py */
static const char py_access_req[] =
    "0100004a0f403f9473978057bd83d5cb98f4227a50128f16b45f90d3494989a4f14f"
    "4421c61801066e656d6f02120dbe708d93d413ce3196e43f782a0aee0406c0a80110"
    "050600000003";
static const char py_acct_req[] =
    "0401002cc2ac8802a203c705c814d5b554aaefe82806000000012c06303030310106"
    "6e656d6f0406c0a80110";
static const char py_mppe_key[] =
    "8001d7c4aaa4718a06cddca737c2f3bcd1ffef26b141dc036e4cdb731d79248c658e";
static const char rfc3079_send[] = "8B7CDC149B993A1BA118CB153F56DCCB";

static struct radius_pkt pkt;	/* 4 KB: not on the stack */

static void
test_rfc2865_access_request(void **state)
{
	uint8_t b[128], ra[16], pw[16], want[128];
	const struct radius_attr *a;
	struct radius_enc e;
	struct radius_sent sent;
	size_t n, wn;

	(void)state;
	n = unhex(rfc71_req, b, sizeof(b));
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_int_equal(pkt.code, RADIUS_ACCESS_REQUEST);
	assert_int_equal(pkt.id, 0);
	assert_int_equal(pkt.nattr, 4);
	assert_int_equal(pkt.ma, -1);
	assert_non_null(a = radius_find(&pkt, 0, RA_USER_NAME));
	assert_memory_equal(radius_attr_value(&pkt, a), "nemo", 4);
	/* the hidden password is the RFC's, and unhides to "arctangent" */
	assert_non_null(a = radius_find(&pkt, 0, RA_USER_PASSWORD));
	assert_int_equal(a->len, 16);
	unhex(rfc_ra, ra, sizeof(ra));
	assert_int_equal(radius_pw_unhide(radius_attr_value(&pkt, a), 16, ra,
	    S(secret), pw), HP_OK);
	assert_memory_equal(pw, "arctangent\0\0\0\0\0\0", 16);
	assert_int_equal(radius_pw_hide(S("arctangent"), ra, S(secret), pw,
	    &n), HP_OK);
	assert_int_equal(n, 16);
	assert_memory_equal(pw, radius_attr_value(&pkt, a), 16);

	/* our encoder: the same packet with Message-Authenticator first,
	 * byte for byte what Python's hmac computes */
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 0, ra, false), HP_OK);
	radius_put_str(&e, RA_USER_NAME, "nemo");
	radius_put_user_password(&e, S("arctangent"), S(secret));
	radius_put_ip(&e, RA_NAS_IP_ADDRESS, 0xc0a80110);
	radius_put_u32(&e, RA_NAS_PORT, 3);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, &sent), HP_OK);
	wn = unhex(py_access_req, want, sizeof(want));
	assert_int_equal(n, wn);
	assert_memory_equal(b, want, n);
	assert_int_equal(sent.code, RADIUS_ACCESS_REQUEST);
	assert_memory_equal(sent.auth, ra, 16);
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_int_equal(pkt.ma, 0);
}

static void
test_rfc2865_access_accept(void **state)
{
	uint8_t b[64];
	struct radius_sent sent = { RADIUS_ACCESS_REQUEST, 0, { 0 } };
	uint32_t v;
	size_t n;

	(void)state;
	unhex(rfc_ra, sent.auth, sizeof(sent.auth));
	n = unhex(rfc71_acc, b, sizeof(b));
	/* RFC 2865's Accept predates Message-Authenticator */
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), HP_OK);
	assert_int_equal(pkt.nattr, 3);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_SERVICE_TYPE, &v), HP_OK);
	assert_int_equal(v, 1);
	/* Login-Service (15), Login-IP-Host (14): not ours, kept unchecked */
	assert_null(pkt.attr[1].def);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_MISSING);
	assert_int_equal(pkt.nattr, 0);
	assert_int_equal(radius_verify_reply(b, n, &sent, S("xyzzy5462"),
	    false, &pkt), RADIUS_E_RESP_AUTH);
	sent.id = 1;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), RADIUS_E_ID);
	sent.id = 0;
	sent.auth[15] ^= 1;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), RADIUS_E_RESP_AUTH);
	sent.auth[15] ^= 1;
	sent.code = RADIUS_ACCOUNTING_REQUEST;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), RADIUS_E_CODE);
}

static void
test_rfc2865_chap_challenge(void **state)
{
	uint8_t b[128];
	const struct radius_attr *a;
	uint32_t v;
	size_t n;

	(void)state;
	n = unhex(rfc72_req, b, sizeof(b));
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_int_equal(pkt.id, 1);
	assert_non_null(a = radius_find(&pkt, 0, RA_CHAP_PASSWORD));
	assert_int_equal(a->len, 17);
	assert_int_equal(radius_attr_value(&pkt, a)[0], 22);	/* CHAP id */
	assert_int_equal(radius_get_u32(&pkt, 0, RA_NAS_PORT, &v), HP_OK);
	assert_int_equal(v, 20);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_FRAMED_PROTOCOL, &v),
	    HP_OK);
	assert_int_equal(v, RADIUS_PROTO_PPP);
	n = unhex(rfc73_chal, b, sizeof(b));
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_int_equal(pkt.code, RADIUS_ACCESS_CHALLENGE);
	assert_non_null(a = radius_find(&pkt, 0, RA_STATE));
	assert_memory_equal(radius_attr_value(&pkt, a), "32769430", 8);
	assert_non_null(radius_find(&pkt, 0, RA_REPLY_MESSAGE));
}

static void
test_accounting_request(void **state)
{
	uint8_t b[128], want[128];
	struct radius_enc e;
	struct radius_sent sent;
	size_t n, wn;

	(void)state;
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCOUNTING_REQUEST, 1, NULL, false), HP_OK);
	radius_put_u32(&e, RA_ACCT_STATUS_TYPE, RADIUS_ACCT_START);
	radius_put_str(&e, RA_ACCT_SESSION_ID, "0001");
	radius_put_str(&e, RA_USER_NAME, "nemo");
	radius_put_ip(&e, RA_NAS_IP_ADDRESS, 0xc0a80110);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, &sent), HP_OK);
	wn = unhex(py_acct_req, want, sizeof(want));
	assert_int_equal(n, wn);
	assert_memory_equal(b, want, n);		/* the authenticator */
	assert_memory_equal(sent.auth, want + 4, 16);
	assert_int_equal(radius_verify_request(b, n, S(secret), false, &pkt),
	    HP_OK);
	assert_int_equal(radius_verify_request(b, n, S(secret), true, &pkt),
	    RADIUS_E_MA_MISSING);
	b[n - 1] ^= 1;
	assert_int_equal(radius_verify_request(b, n, S(secret), false, &pkt),
	    RADIUS_E_REQ_AUTH);
	/* an Access-Request is not what radius_verify_request() takes */
	n = unhex(rfc71_req, b, sizeof(b));
	assert_int_equal(radius_verify_request(b, n, S(secret), false, &pkt),
	    RADIUS_E_CODE);
}

/* An Accept with one attribute of every kind, as a server would build it. */
static size_t
build_accept(uint8_t *b, size_t cap, const struct radius_sent *sent,
    bool ma)
{
	static const uint8_t cls[] = { 0, 1, 2, 0xff };
	uint8_t key[16], rkey[16];
	struct radius_enc e;
	size_t n, i;

	for (i = 0; i < 16; i++) {
		key[i] = (uint8_t)i;
		rkey[i] = (uint8_t)(0xf0 ^ i);
	}
	assert_int_equal(radius_enc_init(&e, b, cap, RADIUS_ACCESS_ACCEPT,
	    sent->id, sent->auth, ma), HP_OK);
	radius_put_u32(&e, RA_SERVICE_TYPE, RADIUS_SERVICE_FRAMED);
	radius_put_u32(&e, RA_FRAMED_PROTOCOL, RADIUS_PROTO_PPP);
	radius_put_ip(&e, RA_FRAMED_IP_ADDRESS, 0x0a000005);
	radius_put_ip(&e, RA_FRAMED_IP_NETMASK, 0xffffffff);
	radius_put_str(&e, RA_FRAMED_ROUTE, "192.0.2.0/24 0.0.0.0 1");
	radius_put_str(&e, RA_FRAMED_ROUTE, "198.51.100.0/24");
	radius_put_u32(&e, RA_SESSION_TIMEOUT, 3600);
	radius_put_u32(&e, RA_ACCT_INTERIM_INTERVAL, 300);
	radius_put(&e, RA_CLASS, cls, sizeof(cls));
	radius_put_tagged_u32(&e, RA_TUNNEL_TYPE, 1, RADIUS_TUNNEL_PPTP);
	radius_put_tagged_str(&e, RA_TUNNEL_CLIENT_ENDPOINT, 1, "192.0.2.7");
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_POLICY,
	    2);
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_ENC_TYPES,
	    RADIUS_MPPE_TYPES_128);
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_PRIMARY_DNS,
	    0xc0000201);
	radius_put_vsa_u32(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_SECONDARY_NBNS,
	    0xc0000202);
	radius_put_ms_chap2_success(&e, 7,
	    "S=407A5589115FD0D6209F510FE9C04566932CDA56");
	radius_put_mppe_key(&e, RA_MS_MPPE_SEND_KEY, 0x8001, key, 16,
	    S(secret));
	radius_put_mppe_key(&e, RA_MS_MPPE_RECV_KEY, 0x8002, rkey, 16,
	    S(secret));
	radius_put_vsa(&e, RADIUS_VENDOR_MIKROTIK, RA_MIKROTIK_RATE_LIMIT,
	    "2M/4M", 5);
	radius_put_u32(&e, RA_EVENT_TIMESTAMP, 1700000000);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL), HP_OK);
	return n;
}

static void
test_round_trip(void **state)
{
	uint8_t b[1024], send[16], recv[16], tag;
	struct radius_sent sent = { RADIUS_ACCESS_REQUEST, 42, { 0 } };
	const struct radius_attr *a;
	char s[RADIUS_MS_CHAP2_SUCC_LEN];
	uint32_t v;
	size_t n, i;

	(void)state;
	randombytes_buf(sent.auth, sizeof(sent.auth));
	n = build_accept(b, sizeof(b), &sent, true);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), HP_OK);
	assert_int_equal(pkt.ma, 0);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_FRAMED_IP_ADDRESS, &v),
	    HP_OK);
	assert_int_equal(v, 0x0a000005);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_SESSION_TIMEOUT, &v),
	    HP_OK);
	assert_int_equal(v, 3600);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_EVENT_TIMESTAMP, &v),
	    HP_OK);
	assert_int_equal(v, 1700000000);
	assert_non_null(a = radius_find(&pkt, 0, RA_FRAMED_ROUTE));
	assert_memory_equal(radius_attr_value(&pkt, a),
	    "192.0.2.0/24 0.0.0.0 1", a->len);
	assert_non_null(a = radius_find_next(&pkt, a));
	assert_memory_equal(radius_attr_value(&pkt, a), "198.51.100.0/24",
	    a->len);
	assert_null(radius_find_next(&pkt, a));
	assert_non_null(a = radius_find(&pkt, 0, RA_CLASS));
	assert_int_equal(a->len, 4);
	assert_int_equal(radius_get_tagged_u32(&pkt, RA_TUNNEL_TYPE, &tag,
	    &v), HP_OK);
	assert_int_equal(tag, 1);
	assert_int_equal(v, RADIUS_TUNNEL_PPTP);
	assert_non_null(a = radius_find(&pkt, 0, RA_TUNNEL_CLIENT_ENDPOINT));
	assert_memory_equal(radius_attr_value(&pkt, a), "\001192.0.2.7", 10);
	assert_int_equal(radius_get_u32(&pkt, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_MPPE_ENC_TYPES, &v), HP_OK);
	assert_int_equal(v, RADIUS_MPPE_TYPES_128);
	assert_int_equal(radius_get_u32(&pkt, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_PRIMARY_DNS, &v), HP_OK);
	assert_int_equal(v, 0xc0000201);
	assert_int_equal(radius_get_ms_chap2_success(&pkt, &tag, s), HP_OK);
	assert_int_equal(tag, 7);
	assert_string_equal(s, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
	assert_non_null(a = radius_find(&pkt, RADIUS_VENDOR_MIKROTIK,
	    RA_MIKROTIK_RATE_LIMIT));
	assert_memory_equal(radius_attr_value(&pkt, a), "2M/4M", 5);
	assert_int_equal(radius_get_mppe_keys(&pkt, &sent, S(secret), send,
	    recv), HP_OK);
	for (i = 0; i < 16; i++) {
		assert_int_equal(send[i], i);
		assert_int_equal(recv[i], 0xf0 ^ i);
	}
	/* absent and misused getters */
	assert_int_equal(radius_get_u32(&pkt, 0, RA_IDLE_TIMEOUT, &v),
	    HP_E_NOTFOUND);
	assert_int_equal(radius_get_u32(&pkt, 0, RA_FRAMED_ROUTE, &v),
	    RADIUS_E_DICT);
	assert_int_equal(v, 0);
	/* the keys need the request's authenticator */
	sent.auth[0] ^= 1;
	assert_int_equal(radius_get_mppe_keys(&pkt, &sent, S(secret), send,
	    recv), RADIUS_E_MPPE_KEY);
	assert_memory_equal(send, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
}

/* Disconnect/CoA (RFC 5176): we verify their request and answer it. */
static void
test_dm_coa(void **state)
{
	static const uint8_t codes[][2] = {
		{ RADIUS_DISCONNECT_REQUEST, RADIUS_DISCONNECT_ACK },
		{ RADIUS_DISCONNECT_REQUEST, RADIUS_DISCONNECT_NAK },
		{ RADIUS_COA_REQUEST, RADIUS_COA_ACK },
		{ RADIUS_COA_REQUEST, RADIUS_COA_NAK },
	};
	uint8_t q[256], r[256];
	struct radius_enc e;
	struct radius_sent sent;
	size_t qn, rn, i;
	uint32_t v;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(radius_enc_init(&e, q, sizeof(q), codes[i][0],
		    (uint8_t)(9 + i), NULL, true), HP_OK);
		radius_put_str(&e, RA_ACCT_SESSION_ID, "s-1");
		radius_put_u32(&e, RA_SESSION_TIMEOUT, 60);
		assert_int_equal(radius_enc_finish(&e, S(secret), &qn, &sent),
		    HP_OK);
		assert_int_equal(radius_verify_request(q, qn, S(secret), true,
		    &pkt), HP_OK);
		assert_int_equal(pkt.ma, 0);
		assert_int_equal(radius_enc_init(&e, r, sizeof(r), codes[i][1],
		    pkt.id, pkt.auth, true), HP_OK);
		if (codes[i][1] == RADIUS_DISCONNECT_NAK ||
		    codes[i][1] == RADIUS_COA_NAK)
			radius_put_u32(&e, RA_ERROR_CAUSE, 503);
		assert_int_equal(radius_enc_finish(&e, S(secret), &rn, NULL),
		    HP_OK);
		assert_int_equal(radius_verify_reply(r, rn, &sent, S(secret),
		    true, &pkt), HP_OK);
		assert_int_equal(pkt.code, codes[i][1]);
		if (codes[i][1] == RADIUS_COA_NAK) {
			assert_int_equal(radius_get_u32(&pkt, 0,
			    RA_ERROR_CAUSE, &v), HP_OK);
			assert_int_equal(v, 503);
		}
		/* a wrong Message-Authenticator in the request */
		q[22] ^= 1;
		assert_int_equal(radius_verify_request(q, qn, S(secret), true,
		    &pkt), RADIUS_E_REQ_AUTH);
	}
}

/* The request side of MS-CHAP: exact layouts of RFC 2548. */
static void
test_mschap_request(void **state)
{
	uint8_t b[512], ra[16], pc[16], nt[24], chal[16], md[16];
	const struct radius_attr *a;
	const uint8_t *v;
	struct radius_enc e;
	size_t n;

	(void)state;
	memset(ra, 0x11, 16);
	memset(pc, 0x22, 16);
	memset(nt, 0x33, 24);
	memset(chal, 0x44, 16);
	memset(md, 0x55, 16);
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 3, ra, false), HP_OK);
	radius_put_str(&e, RA_USER_NAME, "DOMAIN\\alice");
	radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_CHALLENGE, chal,
	    16);
	radius_put_ms_chap2_response(&e, 5, pc, nt);
	radius_put_u32(&e, RA_NAS_PORT_TYPE, RADIUS_NAS_PORT_VIRTUAL);
	radius_put_tagged_u32(&e, RA_TUNNEL_MEDIUM_TYPE, 0, RADIUS_MEDIUM_IPV4);
	radius_put_str(&e, RA_CALLING_STATION_ID, "198.51.100.7");
	radius_put_str(&e, RA_NAS_IDENTIFIER, "hpptpd");
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL), HP_OK);
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_int_equal(pkt.ma, 0);
	assert_non_null(a = radius_find(&pkt, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_CHAP2_RESPONSE));
	assert_int_equal(a->len, 50);
	v = radius_attr_value(&pkt, a);
	assert_int_equal(v[0], 5);
	assert_int_equal(v[1], 0);
	assert_memory_equal(v + 2, pc, 16);
	assert_memory_equal(v + 18, "\0\0\0\0\0\0\0\0", 8);
	assert_memory_equal(v + 26, nt, 24);
	/* the VSA header: 26, 58, Vendor-Id 311, type 25, length 52 */
	assert_memory_equal(b + a->hoff, "\x1a\x3a\x00\x00\x01\x37\x19\x34", 8);

	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 4, ra, false), HP_OK);
	radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP_CHALLENGE, chal,
	    8);
	radius_put_ms_chap_response(&e, 6, nt);
	radius_put_chap_password(&e, 9, md);
	radius_put(&e, RA_CHAP_CHALLENGE, chal, 16);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL), HP_OK);
	assert_int_equal(radius_decode(b, n, &pkt), HP_OK);
	assert_non_null(a = radius_find(&pkt, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_CHAP_RESPONSE));
	v = radius_attr_value(&pkt, a);
	assert_int_equal(v[1], 1);			/* use NT-Response */
	assert_memory_equal(v + 26, nt, 24);
	assert_non_null(a = radius_find(&pkt, 0, RA_CHAP_PASSWORD));
	assert_int_equal(radius_attr_value(&pkt, a)[0], 9);
}

static void
test_user_password_lengths(void **state)
{
	uint8_t pw[RADIUS_PW_MAX + 1], h[RADIUS_PW_MAX], back[RADIUS_PW_MAX];
	uint8_t ra[16];
	size_t n, len;

	(void)state;
	randombytes_buf(ra, sizeof(ra));
	for (len = 0; len <= RADIUS_PW_MAX; len++) {
		memset(pw, 'a' + (int)(len % 26), len);
		assert_int_equal(radius_pw_hide(pw, len, ra, S(secret), h, &n),
		    HP_OK);
		assert_int_equal(n, len == 0 ? 16 : (len + 15) / 16 * 16);
		assert_int_equal(radius_pw_unhide(h, n, ra, S(secret), back),
		    HP_OK);
		assert_memory_equal(back, pw, len);
		/* NUL padding after the password */
		if (n > len)
			assert_int_equal(back[n - 1], 0);
	}
	/* multiple blocks chain: a change in block 1 changes block 2 */
	memset(pw, 'x', 32);
	assert_int_equal(radius_pw_hide(pw, 32, ra, S(secret), h, &n), HP_OK);
	memcpy(back, h, 32);
	pw[0] = 'y';
	assert_int_equal(radius_pw_hide(pw, 32, ra, S(secret), h, &n), HP_OK);
	assert_memory_not_equal(back + 16, h + 16, 16);
	assert_int_equal(radius_pw_hide(pw, RADIUS_PW_MAX + 1, ra, S(secret),
	    h, &n), RADIUS_E_ARG);
	assert_int_equal(radius_pw_unhide(h, 17, ra, S(secret), back),
	    RADIUS_E_ARG);
	assert_int_equal(radius_pw_unhide(h, 0, ra, S(secret), back),
	    RADIUS_E_ARG);
}

static void
test_mppe_key(void **state)
{
	uint8_t ra[16], key[16], out[64], want[64], back[32];
	size_t n, wn, len;

	(void)state;
	unhex(rfc_ra, ra, sizeof(ra));
	unhex(rfc3079_send, key, sizeof(key));
	/* known answer from Python's hashlib (radius_vectors.py) */
	assert_int_equal(radius_mppe_key_encrypt(key, 16, 0x8001, ra,
	    S(secret), out, sizeof(out), &n), HP_OK);
	wn = unhex(py_mppe_key, want, sizeof(want));
	assert_int_equal(n, wn);
	assert_memory_equal(out, want, n);
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S(secret), back,
	    16), HP_OK);
	assert_memory_equal(back, key, 16);
	/* wrong secret, wrong authenticator: length byte or padding wrong */
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S("xyzzy5462"),
	    back, 16), RADIUS_E_MPPE_KEY);
	assert_memory_equal(back, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	ra[3] ^= 0x40;
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S(secret), back,
	    16), RADIUS_E_MPPE_KEY);
	ra[3] ^= 0x40;
	/* a key of another length than asked for */
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S(secret), back,
	    8), RADIUS_E_MPPE_KEY);
	/* salt without its high bit, cut or padded ciphertext */
	want[0] &= 0x7f;
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S(secret), back,
	    16), RADIUS_E_MPPE_KEY);
	want[0] |= 0x80;
	assert_int_equal(radius_mppe_key_decrypt(want, wn - 16, ra, S(secret),
	    back, 16), RADIUS_E_MPPE_KEY);
	assert_int_equal(radius_mppe_key_decrypt(want, wn - 1, ra, S(secret),
	    back, 16), RADIUS_E_MPPE_KEY);
	assert_int_equal(radius_mppe_key_decrypt(want, 1, ra, S(secret),
	    back, 16), RADIUS_E_MPPE_KEY);
	/* non-zero padding: flip a bit in the last block's plaintext, which
	 * (the last block) only that cipher byte affects */
	want[wn - 1] ^= 1;
	assert_int_equal(radius_mppe_key_decrypt(want, wn, ra, S(secret), back,
	    16), RADIUS_E_MPPE_KEY);
	/* round trips of every length we accept */
	for (len = 1; len <= RADIUS_MPPE_KEY_MAX; len++) {
		uint8_t k[RADIUS_MPPE_KEY_MAX];

		randombytes_buf(k, len);
		assert_int_equal(radius_mppe_key_encrypt(k, len, 0x9234, ra,
		    S(secret), out, sizeof(out), &n), HP_OK);
		assert_int_equal(n, 2 + (len + 16) / 16 * 16);
		assert_int_equal(radius_mppe_key_decrypt(out, n, ra, S(secret),
		    back, len), HP_OK);
		assert_memory_equal(back, k, len);
	}
	assert_int_equal(radius_mppe_key_encrypt(key, 16, 0x1234, ra,
	    S(secret), out, sizeof(out), &n), RADIUS_E_ARG);
	assert_int_equal(radius_mppe_key_encrypt(key, 16, 0x8234, ra,
	    S(secret), out, 33, &n), RADIUS_E_NOSPACE);
}

/* ---- malformed packets ------------------------------------------- */

/* A packet of code 2 and the given attribute bytes, Length set. */
static size_t
mk(uint8_t *b, uint8_t code, const char *attrs)
{
	size_t n;

	memset(b, 0, RADIUS_HDR_LEN);
	b[0] = code;
	b[1] = 7;
	n = RADIUS_HDR_LEN + unhex(attrs, b + RADIUS_HDR_LEN,
	    RADIUS_MAX_LEN + 64 - RADIUS_HDR_LEN);
	b[2] = (uint8_t)(n >> 8);
	b[3] = (uint8_t)n;
	return n;
}

static void
test_malformed(void **state)
{
	static const struct {
		const char	*attrs;
		int		 err;
		const char	*what;
	} cases[] = {
		{ "", HP_OK, "no attributes" },
		{ "01 02", RADIUS_E_DICT, "empty User-Name (min 1)" },
		{ "00 02", HP_OK, "type 0, unknown, empty" },
		{ "01 00", RADIUS_E_ATTR_LEN, "attribute length 0" },
		{ "01 01", RADIUS_E_ATTR_LEN, "attribute length 1" },
		{ "01", RADIUS_E_ATTR_LEN, "a stray type byte" },
		{ "01 06 6e 65 6d", RADIUS_E_ATTR_OVERRUN, "length past the end" },
		{ "01 03 41 12 05 41 42", RADIUS_E_ATTR_OVERRUN,
		    "second attribute overruns" },
		{ "08 05 0a 00 00", RADIUS_E_DICT, "Framed-IP-Address of 3" },
		{ "08 07 0a 00 00 01 00", RADIUS_E_DICT,
		    "Framed-IP-Address of 5" },
		{ "1b 05 00 00 01", RADIUS_E_DICT, "Session-Timeout of 3" },
		{ "40 06 20 00 00 01", RADIUS_E_DICT, "Tunnel-Type tag 0x20" },
		{ "50 10 0000000000000000000000000000", RADIUS_E_DICT,
		    "Message-Authenticator of 14" },
		{ "08 06 0a000001 08 06 0a000002", RADIUS_E_DUP,
		    "Framed-IP-Address twice" },
		{ "50 12 00000000000000000000000000000000"
		  "50 12 00000000000000000000000000000000", RADIUS_E_MA_DUP,
		    "Message-Authenticator twice" },
		{ "19 03 01 19 03 02", HP_OK, "Class twice is fine" },
		{ "1a 02", RADIUS_E_VSA, "VSA without Vendor-Id" },
		{ "1a 05 00 00 01", RADIUS_E_VSA, "VSA with 3 bytes" },
		{ "1a 06 00 00 01 37", RADIUS_E_VSA, "MS VSA with no sub-attr" },
		{ "1a 07 00 00 01 37 08", RADIUS_E_VSA,
		    "MS VSA with a stray byte" },
		{ "1a 08 00 00 01 37 08 00", RADIUS_E_VSA,
		    "MS sub-attribute length 0" },
		{ "1a 08 00 00 01 37 08 01", RADIUS_E_VSA,
		    "MS sub-attribute length 1" },
		{ "1a 0c 00 00 01 37 08 07 00 00 00 04", RADIUS_E_VSA,
		    "MS sub-attribute overruns its VSA" },
		{ "1a 0c 00 00 01 37 08 06 00 00 00 04", HP_OK,
		    "MS-MPPE-Encryption-Types" },
		{ "1a 0b 00 00 01 37 08 05 00 00 04", RADIUS_E_DICT,
		    "MS-MPPE-Encryption-Types of 3" },
		{ "1a 12 00 00 01 37 08 06 00 00 00 04 08 06 00 00 00 02",
		    RADIUS_E_DUP, "two sub-attributes, the same once-only" },
		{ "1a 12 00 00 01 37 08 06 00 00 00 04 07 06 00 00 00 01",
		    HP_OK, "two sub-attributes in one VSA" },
		{ "1a 18 00 00 01 37 10 12 01 02 030405060708090a0b0c0d0e0f10",
		    RADIUS_E_DICT, "MS-MPPE-Send-Key salt without high bit" },
		{ "1a 19 00 00 01 37 10 13 81 02 030405060708090a0b0c0d0e0f1011",
		    RADIUS_E_DICT, "MS-MPPE-Send-Key not salt + 16n" },
		{ "1a 07 00 00 00 09 01", HP_OK, "Cisco VSA kept whole" },
		{ "1a 0a 00 00 3a 8c 08 04 31 4d", HP_OK,
		    "Mikrotik-Rate-Limit" },
		{ "1a 08 00 00 3a 8c 08 02", RADIUS_E_DICT,
		    "Mikrotik-Rate-Limit empty" },
	};
	static uint8_t b[RADIUS_MAX_LEN + 64];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = mk(b, RADIUS_ACCESS_ACCEPT, cases[i].attrs);
		print_message("# %s\n", cases[i].what);
		assert_int_equal(radius_decode(b, n, &pkt), cases[i].err);
		if (cases[i].err != HP_OK)
			assert_int_equal(pkt.nattr, 0);
	}
}

static void
test_malformed_header(void **state)
{
	static uint8_t b[RADIUS_MAX_LEN + 64];
	uint8_t r[64];
	size_t n, k;

	(void)state;
	n = unhex(rfc71_req, r, sizeof(r));
	/* every truncation: below the header, then below Length */
	for (k = 0; k < n; k++)
		assert_int_equal(radius_decode(r, k, &pkt), RADIUS_E_SHORT);
	assert_int_equal(radius_decode(NULL, 0, &pkt), RADIUS_E_SHORT);
	/* Length below 20, above 4096 */
	n = mk(b, RADIUS_ACCESS_ACCEPT, "");
	b[3] = 19;
	assert_int_equal(radius_decode(b, n, &pkt), RADIUS_E_LENGTH);
	b[2] = 0x10;
	b[3] = 0x01;
	memset(b + 20, 0, sizeof(b) - 20);
	assert_int_equal(radius_decode(b, 4097, &pkt), RADIUS_E_TOOBIG);
	assert_int_equal(radius_decode(b, 4096, &pkt), RADIUS_E_LENGTH);
	/* the largest packet: 4096 bytes of attributes of the largest size */
	n = mk(b, RADIUS_ACCESS_ACCEPT, "");
	for (k = 20; k + 255 <= RADIUS_MAX_LEN; k += 255) {
		b[k] = 200;		/* unknown type */
		b[k + 1] = 255;
	}
	b[k] = 201;
	b[k + 1] = (uint8_t)(RADIUS_MAX_LEN - k);
	b[2] = 0x10;
	b[3] = 0x00;
	assert_int_equal(radius_decode(b, RADIUS_MAX_LEN, &pkt), HP_OK);
	assert_int_equal(pkt.len, RADIUS_MAX_LEN);
	/* bytes past Length are padding, ignored */
	n = mk(b, RADIUS_ACCESS_ACCEPT, "1b 06 00 00 00 05");
	b[n] = 0xff;
	assert_int_equal(radius_decode(b, n + 1, &pkt), HP_OK);
	assert_int_equal(pkt.nattr, 1);
	/* unknown codes */
	n = mk(b, 0, "");
	assert_int_equal(radius_decode(b, n, &pkt), RADIUS_E_CODE);
	n = mk(b, 12, "");
	assert_int_equal(radius_decode(b, n, &pkt), RADIUS_E_CODE);
	n = mk(b, 255, "");
	assert_int_equal(radius_decode(b, n, &pkt), RADIUS_E_CODE);
	assert_int_equal(pkt.code, 255);	/* the header, for the log */
	/* more attributes than we keep */
	n = mk(b, RADIUS_ACCESS_ACCEPT, "");
	for (k = 0; k <= RADIUS_MAX_ATTRS; k++) {
		b[n++] = 200;
		b[n++] = 2;
	}
	b[2] = (uint8_t)(n >> 8);
	b[3] = (uint8_t)n;
	assert_int_equal(radius_decode(b, n, &pkt), RADIUS_E_TOO_MANY);
	assert_int_equal(radius_decode(b, n - 2, &pkt), RADIUS_E_SHORT);
	b[3] = (uint8_t)(n - 2);
	assert_int_equal(radius_decode(b, n - 2, &pkt), HP_OK);
	assert_int_equal(pkt.nattr, RADIUS_MAX_ATTRS);
}

/*
 * Sign a reply built by hand: Message-Authenticator at value offset
 * `ma` (0: none), then the Response Authenticator.
 */
static void
sign(uint8_t *b, size_t n, size_t ma, const uint8_t ra[16])
{
	if (ma != 0)
		radius_hmac_auth(b, n, ma, ra, S(secret), b + ma);
	radius_md5_auth(b, n, ra, S(secret), b + 4);
}

static void
test_verify_reply(void **state)
{
	static uint8_t b[RADIUS_MAX_LEN + 64];
	struct radius_sent sent = { RADIUS_ACCESS_REQUEST, 7, { 0 } };
	const char *ma = "50 12 00000000000000000000000000000000";
	char attrs[256];
	size_t n;

	(void)state;
	randombytes_buf(sent.auth, 16);
	/* good: Message-Authenticator first */
	snprintf(attrs, sizeof(attrs), "%s 1b 06 00 00 00 05", ma);
	n = mk(b, RADIUS_ACCESS_ACCEPT, attrs);
	sign(b, n, 22, sent.auth);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), HP_OK);
	/* a bit of its value, of another attribute, of the header */
	b[30] ^= 1;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_RESP_AUTH);
	/* the same, re-signed with MD5 only: Message-Authenticator wrong */
	radius_md5_auth(b, n, sent.auth, S(secret), b + 4);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_BAD);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), RADIUS_E_MA_BAD);
	assert_int_equal(pkt.nattr, 0);
	/* computed with a zero authenticator instead of the request's */
	n = mk(b, RADIUS_ACCESS_ACCEPT, attrs);
	radius_hmac_auth(b, n, 22, (const uint8_t *)"\0\0\0\0\0\0\0\0\0\0\0"
	    "\0\0\0\0\0", S(secret), b + 22);
	radius_md5_auth(b, n, sent.auth, S(secret), b + 4);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_BAD);
	/* not first: valid, but after Session-Timeout */
	snprintf(attrs, sizeof(attrs), "1b 06 00 00 00 05 %s", ma);
	n = mk(b, RADIUS_ACCESS_ACCEPT, attrs);
	sign(b, n, 28, sent.auth);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_NOT_FIRST);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), RADIUS_E_MA_NOT_FIRST);
	/* twice */
	snprintf(attrs, sizeof(attrs), "%s %s", ma, ma);
	n = mk(b, RADIUS_ACCESS_ACCEPT, attrs);
	sign(b, n, 22, sent.auth);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_DUP);
	/* absent: only with the flag relaxed */
	n = mk(b, RADIUS_ACCESS_REJECT, "12 05 6e 6f 21");
	sign(b, n, 0, sent.auth);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_MA_MISSING);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), false,
	    &pkt), HP_OK);
	/* wrong identifier, wrong code for the request, empty secret */
	snprintf(attrs, sizeof(attrs), "%s", ma);
	n = mk(b, RADIUS_ACCESS_ACCEPT, attrs);
	sign(b, n, 22, sent.auth);
	sent.id = 8;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_ID);
	sent.id = 7;
	n = mk(b, RADIUS_ACCOUNTING_RESPONSE, attrs);
	sign(b, n, 22, sent.auth);
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_CODE);
	sent.code = RADIUS_ACCOUNTING_REQUEST;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), HP_OK);
	assert_int_equal(radius_verify_reply(b, n, &sent, NULL, 0, true,
	    &pkt), RADIUS_E_SECRET);
	/* padding after Length is not covered and changes nothing */
	b[n] = 0xee;
	assert_int_equal(radius_verify_reply(b, n + 1, &sent, S(secret), true,
	    &pkt), HP_OK);
	/* a malformed reply is reported as such, before any authenticator */
	b[21] = 1;
	assert_int_equal(radius_verify_reply(b, n, &sent, S(secret), true,
	    &pkt), RADIUS_E_ATTR_LEN);
}

static void
test_encoder_errors(void **state)
{
	uint8_t b[RADIUS_MAX_LEN + 16], ra[16], v[256];
	struct radius_enc e;
	size_t n, i;

	(void)state;
	memset(ra, 1, sizeof(ra));
	memset(v, 'v', sizeof(v));
	assert_int_equal(radius_enc_init(&e, b, sizeof(b), 0, 1, ra, false),
	    RADIUS_E_CODE);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL),
	    RADIUS_E_CODE);
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 1, NULL, false), RADIUS_E_ARG);
	assert_int_equal(radius_enc_init(&e, b, 19, RADIUS_ACCOUNTING_REQUEST,
	    1, NULL, false), RADIUS_E_NOSPACE);
	/* Message-Authenticator needs room too */
	assert_int_equal(radius_enc_init(&e, b, 37, RADIUS_ACCESS_REQUEST, 1,
	    ra, false), RADIUS_E_NOSPACE);

#define ERR_CASE(stmt, want) do {					\
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),		\
	    RADIUS_ACCESS_REQUEST, 1, ra, false), HP_OK);		\
	stmt;								\
	radius_put_str(&e, RA_USER_NAME, "after");			\
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL), (want)); \
	assert_true((int)(want) != HP_OK ? n == 0 : n > 0);		\
} while (0)
	ERR_CASE(radius_put(&e, RA_MESSAGE_AUTHENTICATOR, v, 16), RADIUS_E_ARG);
	ERR_CASE(radius_put(&e, RA_VENDOR_SPECIFIC, v, 8), RADIUS_E_ARG);
	ERR_CASE(radius_put(&e, 200, v, 8), RADIUS_E_ARG);
	ERR_CASE(radius_put(&e, RA_USER_NAME, v, 0), RADIUS_E_ARG);
	ERR_CASE(radius_put(&e, RA_USER_NAME, v, 254), RADIUS_E_ARG);
	ERR_CASE(radius_put(&e, RA_NAS_PORT, v, 3), RADIUS_E_ARG);
	ERR_CASE(radius_put_tagged_u32(&e, RA_TUNNEL_TYPE, 0x20, 1),
	    RADIUS_E_ARG);
	ERR_CASE(radius_put_tagged_u32(&e, RA_TUNNEL_TYPE, 1, 0x1000000),
	    RADIUS_E_ARG);
	ERR_CASE(radius_put_tagged_str(&e, RA_TUNNEL_CLIENT_ENDPOINT, 0x20,
	    "x"), RADIUS_E_ARG);
	ERR_CASE(radius_put_vsa(&e, RADIUS_VENDOR_MICROSOFT, 99, v, 4),
	    RADIUS_E_ARG);
	ERR_CASE(radius_put_vsa(&e, 0, RA_USER_NAME, v, 4), RADIUS_E_ARG);
	ERR_CASE(radius_put_vsa(&e, RADIUS_VENDOR_MIKROTIK,
	    RA_MIKROTIK_RATE_LIMIT, v, 248), RADIUS_E_ARG);
	ERR_CASE(radius_put_user_password(&e, v, RADIUS_PW_MAX + 1, S(secret)),
	    RADIUS_E_ARG);
	ERR_CASE(radius_put_mppe_key(&e, RA_MS_MPPE_SEND_KEY, 0x0001, v, 16,
	    S(secret)), RADIUS_E_ARG);
	ERR_CASE((void)0, HP_OK);
#undef ERR_CASE
	/* an empty secret */
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 1, ra, false), HP_OK);
	assert_int_equal(radius_enc_finish(&e, NULL, 0, &n, NULL),
	    RADIUS_E_SECRET);
	/* User-Password only in an Access-Request */
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCOUNTING_REQUEST, 1, NULL, false), HP_OK);
	radius_put_user_password(&e, v, 4, S(secret));
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL),
	    RADIUS_E_ARG);
	/* the caller's buffer, then 4096, bound the packet */
	assert_int_equal(radius_enc_init(&e, b, 64, RADIUS_ACCESS_REQUEST, 1,
	    ra, false), HP_OK);
	radius_put(&e, RA_USER_NAME, v, 26);		/* 20 + 18 + 28 > 64 */
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL),
	    RADIUS_E_NOSPACE);
	assert_int_equal(radius_enc_init(&e, b, sizeof(b),
	    RADIUS_ACCESS_REQUEST, 1, ra, false), HP_OK);
	for (i = 0; i < 15; i++)
		radius_put(&e, RA_CLASS, v, 253);
	assert_int_equal(e.err, HP_OK);
	assert_int_equal(e.len, 20 + 18 + 15 * 255);
	radius_put(&e, RA_CLASS, v, 253);
	assert_int_equal(radius_enc_finish(&e, S(secret), &n, NULL),
	    RADIUS_E_NOSPACE);
}

static void
test_names_and_dict(void **state)
{
	static const uint32_t vendors[] = { 0, RADIUS_VENDOR_MICROSOFT,
	    RADIUS_VENDOR_MIKROTIK };
	bool seen[RADIUS_DICT_CAP];
	const struct radius_dict *d;
	size_t i, t, hits = 0, nd = radius_dict_size();
	int e, f;

	(void)state;
	/* one row per (vendor, type): lookups reach every row exactly once */
	assert_true(nd <= RADIUS_DICT_CAP);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 3; i++)
		for (t = 0; t < 256; t++)
			if ((d = radius_dict_find(vendors[i], (uint8_t)t)) !=
			    NULL) {
				assert_false(seen[radius_dict_index(d)]);
				seen[radius_dict_index(d)] = true;
				assert_true(d->min <= d->max);
				hits++;
			}
	assert_int_equal(hits, nd);
	assert_string_equal(radius_attr_name(RADIUS_VENDOR_MICROSOFT,
	    RA_MS_CHAP2_SUCCESS), "MS-CHAP2-Success");
	assert_string_equal(radius_attr_name(0, 200), "unknown");
	assert_string_equal(radius_code_name(RADIUS_COA_NAK), "CoA-NAK");
	assert_string_equal(radius_code_name(99), "unknown");
	/* every error has its own name */
	for (e = RADIUS_E_FIRST; e >= RADIUS_E_LAST; e--)
		for (f = e - 1; f >= RADIUS_E_LAST; f--)
			assert_string_not_equal(radius_strerror(e),
			    radius_strerror(f));
	assert_string_equal(radius_strerror(RADIUS_E_MA_NOT_FIRST),
	    "message-authenticator-not-first");
	assert_string_equal(radius_strerror(HP_E_SHORT),
	    hp_strerror(HP_E_SHORT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc2865_access_request),
		cmocka_unit_test(test_rfc2865_access_accept),
		cmocka_unit_test(test_rfc2865_chap_challenge),
		cmocka_unit_test(test_accounting_request),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_dm_coa),
		cmocka_unit_test(test_mschap_request),
		cmocka_unit_test(test_user_password_lengths),
		cmocka_unit_test(test_mppe_key),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_malformed_header),
		cmocka_unit_test(test_verify_reply),
		cmocka_unit_test(test_encoder_errors),
		cmocka_unit_test(test_names_and_dict),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
