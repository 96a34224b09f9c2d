/*
 * Known-answer tests for auth/mschap.c: RFC 2759 section 9, RFC 3079
 * section 3.5, RFC 2433 (VECTORS.md), plus a non-ASCII and a 256-unit
 * password whose responses the test computes itself from the RFC steps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>
#include <sodium.h>

#include "common/err.h"
#include "auth/mschap.h"

static void
unhex(const char *h, uint8_t *out, size_t n)
{
	size_t i;

	assert_int_equal(strlen(h), 2 * n);
	for (i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

#define assert_hex(buf, hex) do {					\
	uint8_t want_[128];						\
	size_t n_ = strlen(hex) / 2;					\
	unhex((hex), want_, n_);					\
	assert_memory_equal((buf), want_, n_);				\
} while (0)

/* RFC 2759 section 9.2 */
static const uint8_t user[] = "User";
static const char pw[] = "clientPass";
static const char auth_chal_hex[] = "5B5D7C7D7B3F2F3E3C2C602132262628";
static const char peer_chal_hex[] = "21402324255E262A28295F2B3A337C7E";

static void
test_rfc2759(void **state)
{
	uint8_t ac[16], pc[16], chal[8], hash[16], hh[16], resp[24];
	char s[MSCHAP_AUTHRESP_LEN + 1];

	(void)state;
	unhex(auth_chal_hex, ac, 16);
	unhex(peer_chal_hex, pc, 16);
	mschapv2_challenge_hash(pc, ac, user, 4, chal);
	assert_hex(chal, "D02E4386BCE91226");
	assert_int_equal(mschap_nt_hash((const uint8_t *)pw, strlen(pw), hash),
	    HP_OK);
	assert_hex(hash, "44EBBA8D5312B8D611474411F56989AE");
	mschapv2_nt_response(ac, pc, user, 4, hash, resp);
	assert_hex(resp, "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
	mschap_challenge_response(chal, hash, resp);
	assert_hex(resp, "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
	mschap_hash_nt_hash(hash, hh);
	assert_hex(hh, "41C00C584BD2D91C4017A2A12FA59F3F");
	mschapv2_authenticator_response(hash, resp, pc, ac, user, 4, s);
	assert_string_equal(s, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
	assert_int_equal(strlen(s), 42);

	assert_true(mschapv2_verify(ac, pc, user, 4, hash, resp));
	resp[23] ^= 1;
	assert_false(mschapv2_verify(ac, pc, user, 4, hash, resp));
	resp[23] ^= 1;
	resp[0] ^= 0x80;
	assert_false(mschapv2_verify(ac, pc, user, 4, hash, resp));
	resp[0] ^= 0x80;
	/* the user name is part of the challenge hash */
	assert_false(mschapv2_verify(ac, pc, (const uint8_t *)"user", 4, hash,
	    resp));
}

static void
test_strip_domain(void **state)
{
	const uint8_t *u;
	size_t n;

	(void)state;
	u = mschap_strip_domain((const uint8_t *)"CORP\\User", 9, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(u, "User", 4);
	u = mschap_strip_domain((const uint8_t *)"User", 4, &n);
	assert_int_equal(n, 4);
	u = mschap_strip_domain((const uint8_t *)"a\\b\\", 4, &n);
	assert_int_equal(n, 0);
	u = mschap_strip_domain((const uint8_t *)"", 0, &n);
	assert_int_equal(n, 0);
	(void)u;
}

/* GetNewKeyFromSHA(start, start, len): RFC 3079 section 3.3/3.5 */
static void
initial_session_key(const uint8_t *start, size_t len, uint8_t *out)
{
	uint8_t pad1[40], pad2[40], d[SHA1_DIGEST_SIZE];
	struct sha1_ctx sh;

	memset(pad1, 0, sizeof(pad1));
	memset(pad2, 0xf2, sizeof(pad2));
	sha1_init(&sh);
	sha1_update(&sh, len, start);
	sha1_update(&sh, sizeof(pad1), pad1);
	sha1_update(&sh, len, start);
	sha1_update(&sh, sizeof(pad2), pad2);
	sha1_digest(&sh, sizeof(d), d);
	memcpy(out, d, len);	/* 40/56 bits: the caller salts it */
}

static void
rc4(const uint8_t *key, size_t klen, const char *msg, uint8_t *out)
{
	struct arcfour_ctx c;

	arcfour_set_key(&c, klen, key);
	arcfour_crypt(&c, strlen(msg), out, (const uint8_t *)msg);
}

static void
test_rfc3079(void **state)
{
	uint8_t ac[16], pc[16], hash[16], hh[16], resp[24];
	uint8_t master[16], send[16], recv[16], sk[16], ct[12];

	(void)state;
	unhex(auth_chal_hex, ac, 16);
	unhex(peer_chal_hex, pc, 16);
	assert_int_equal(mschap_nt_hash((const uint8_t *)pw, strlen(pw), hash),
	    HP_OK);
	mschapv2_nt_response(ac, pc, user, 4, hash, resp);
	mschap_hash_nt_hash(hash, hh);
	mppe_v2_master_key(hh, resp, master);
	assert_hex(master, "FDECE3717A8C838CB388E527AE3CDD31");
	mppe_v2_server_keys(master, send, recv);
	assert_hex(send, "8B7CDC149B993A1BA118CB153F56DCCB");
	assert_hex(recv, "D5F0E9521E3EA9589645E86051C82226");
	assert_hex(send, "8B7CDC149B993A1B");	/* 40 and 56 start keys */

	initial_session_key(send, 16, sk);
	assert_hex(sk, "405CB2247A7956E6E211007AE27B22D4");
	rc4(sk, 16, "test message", ct);
	assert_hex(ct, "81848317DF68846272FB5ABE");

	initial_session_key(send, 8, sk);
	sk[0] = 0xd1;
	assert_hex(sk, "D15C00C49FA62E3E");
	rc4(sk, 8, "test message", ct);
	/* RFC 3079 section 3.5.2 prints 3F106833FA448DA842BC57B8 */
	assert_hex(ct, "3F106833FA448DA842BC57B8");

	initial_session_key(send, 8, sk);
	sk[0] = 0xd1;
	sk[1] = 0x26;
	sk[2] = 0x9e;
	assert_hex(sk, "D1269EC49FA62E3E");
	rc4(sk, 8, "test message", ct);
	assert_hex(ct, "929137917E5803D668D75898");
}

/* RFC 2433 / RFC 2759 section 9.3 */
static void
test_rfc2433(void **state)
{
	uint8_t chal[8], hash[16], resp[24], k[8];

	(void)state;
	unhex("102DB5DF085D3041", chal, 8);
	assert_int_equal(mschap_nt_hash((const uint8_t *)"MyPw", 4, hash),
	    HP_OK);
	assert_hex(hash, "FC156AF7EDCD6C0EDDE3337D427F4EAC");
	mschap_des_key(hash, k);
	assert_hex(k, "FD0B5B5E7F6E34D9");
	mschap_des_key(hash + 7, k);
	assert_hex(k, "0E6E796737EA08FE");
	mschap_challenge_response(chal, hash, resp);
	assert_hex(resp, "4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61");
	assert_true(mschapv1_verify(chal, hash, resp));
	resp[12] ^= 4;
	assert_false(mschapv1_verify(chal, hash, resp));
}

static void
test_mppe_v1(void **state)
{
	uint8_t chal[8], hash[16], hh[16], key[16], want[20];
	struct sha1_ctx sh;

	(void)state;
	unhex("102DB5DF085D3041", chal, 8);
	assert_int_equal(mschap_nt_hash((const uint8_t *)"MyPw", 4, hash),
	    HP_OK);
	mschap_hash_nt_hash(hash, hh);
	mppe_v1_start_key(hh, chal, key);
	sha1_init(&sh);
	sha1_update(&sh, 16, hh);
	sha1_update(&sh, 16, hh);
	sha1_update(&sh, 8, chal);
	sha1_digest(&sh, 20, want);
	assert_memory_equal(key, want, 16);
}

/*
 * Independent RFC-step computation: bit-by-bit key expansion as in RFC
 * 2759 section 8.6's description, then DES from nettle.
 */
static void
ref_des_key(const uint8_t *in7, uint8_t out[8])
{
	int i, bit;

	memset(out, 0, 8);
	for (bit = 0; bit < 56; bit++) {
		int v = (in7[bit / 8] >> (7 - bit % 8)) & 1;

		out[bit / 7] |= (uint8_t)(v << (7 - bit % 7));
	}
	for (i = 0; i < 8; i++) {
		int ones = 0, b;

		for (b = 1; b < 8; b++)
			ones += (out[i] >> b) & 1;
		if (ones % 2 == 0)
			out[i] |= 1;
	}
}

static void
ref_nt_response(const uint8_t *u16, size_t u16len, const uint8_t ac[16],
    const uint8_t pc[16], const uint8_t *u, size_t ulen, uint8_t resp[24],
    uint8_t hash_out[16])
{
	uint8_t hash[21], chal[8], d[20], k[8];
	struct md4_ctx md;
	struct sha1_ctx sh;
	struct des_ctx dc;
	int i;

	md4_init(&md);
	md4_update(&md, u16len, u16);
	md4_digest(&md, 16, hash);
	memset(hash + 16, 0, 5);
	memcpy(hash_out, hash, 16);
	sha1_init(&sh);
	sha1_update(&sh, 16, pc);
	sha1_update(&sh, 16, ac);
	sha1_update(&sh, ulen, u);
	sha1_digest(&sh, 20, d);
	memcpy(chal, d, 8);
	for (i = 0; i < 3; i++) {
		ref_des_key(hash + 7 * i, k);
		des_set_key(&dc, k);
		des_encrypt(&dc, 8, resp + 8 * i, chal);
	}
}

static void
test_des_key_exhaustive(void **state)
{
	uint8_t in[7], a[8], b[8];
	int i, j;

	(void)state;
	for (i = 0; i < 2000; i++) {
		randombytes_buf(in, sizeof(in));
		if (i < 256)
			for (j = 0; j < 7; j++)
				in[j] = (uint8_t)i;
		mschap_des_key(in, a);
		ref_des_key(in, b);
		assert_memory_equal(a, b, 8);
		assert_int_equal(des_check_parity(8, a), 1);
	}
}

/* A hash ending in two zero bytes gives the weak key 0101010101010101. */
static void
test_weak_des_key(void **state)
{
	uint8_t hash[16], chal[8], resp[24];

	(void)state;
	memset(hash, 0, sizeof(hash));
	memset(chal, 0, sizeof(chal));
	mschap_challenge_response(chal, hash, resp);
	/* DES(0101010101010101, 0000000000000000) */
	assert_hex(resp + 16, "8CA64DE9C1B123A7");
	assert_true(mschapv1_verify(chal, hash, resp));
}

static void
test_non_ascii(void **state)
{
	/* "pä€😀ß" as UTF-8 and as UTF-16LE (U+1F600 = D83D DE00) */
	static const uint8_t utf8[] = "p\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80\xc3\x9f";
	static const uint8_t utf16[] = {
		'p', 0, 0xe4, 0, 0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde, 0xdf, 0
	};
	uint8_t ac[16], pc[16], hash[16], want_hash[16], want[24], got[24];
	uint8_t md[16];
	char s1[43], s2[43];

	(void)state;
	randombytes_buf(ac, sizeof(ac));
	randombytes_buf(pc, sizeof(pc));
	assert_int_equal(mschap_nt_hash(utf8, sizeof(utf8) - 1, hash), HP_OK);
	ref_nt_response(utf16, sizeof(utf16), ac, pc, (const uint8_t *)"J\xc3\xb6rg",
	    5, want, want_hash);
	assert_memory_equal(hash, want_hash, 16);
	mschapv2_nt_response(ac, pc, (const uint8_t *)"J\xc3\xb6rg", 5, hash,
	    got);
	assert_memory_equal(got, want, 24);
	assert_true(mschapv2_verify(ac, pc, (const uint8_t *)"J\xc3\xb6rg", 5,
	    hash, want));
	mschapv2_authenticator_response(hash, want, pc, ac,
	    (const uint8_t *)"J\xc3\xb6rg", 5, s1);
	mschapv2_authenticator_response(hash, want, pc, ac,
	    (const uint8_t *)"J\xc3\xb6rg", 5, s2);
	assert_string_equal(s1, s2);
	/* a different password form (NFD ä) is a different hash */
	assert_int_equal(mschap_nt_hash((const uint8_t *)"pa\xcc\x88", 4, md),
	    HP_OK);
	assert_memory_not_equal(md, hash, 16);
}

static void
test_long_password(void **state)
{
	uint8_t pw8[MSCHAP_PW_MAX_BYTES + 8], u16[1024];
	uint8_t ac[16], pc[16], hash[16], want_hash[16], want[24], got[24];
	size_t i;

	(void)state;
	randombytes_buf(ac, sizeof(ac));
	randombytes_buf(pc, sizeof(pc));
	/* 256 two-byte characters: U+00E9 'é' */
	for (i = 0; i < 256; i++) {
		pw8[2 * i] = 0xc3;
		pw8[2 * i + 1] = 0xa9;
		u16[2 * i] = 0xe9;
		u16[2 * i + 1] = 0;
	}
	assert_int_equal(mschap_nt_hash(pw8, 512, hash), HP_OK);
	ref_nt_response(u16, 512, ac, pc, user, 4, want, want_hash);
	assert_memory_equal(hash, want_hash, 16);
	mschapv2_nt_response(ac, pc, user, 4, hash, got);
	assert_memory_equal(got, want, 24);
	/* 257 characters is one too many */
	pw8[512] = 'x';
	assert_int_equal(mschap_nt_hash(pw8, 513, hash), HP_E_LONG);
	/* 256 ASCII characters is fine */
	memset(pw8, 'k', 257);
	assert_int_equal(mschap_nt_hash(pw8, 256, hash), HP_OK);
	assert_int_equal(mschap_nt_hash(pw8, 257, hash), HP_E_LONG);
	/* 128 non-BMP characters are 256 UTF-16 units; 129 are too many */
	for (i = 0; i < 129; i++)
		memcpy(pw8 + 4 * i, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(mschap_nt_hash(pw8, 4 * 128, hash), HP_OK);
	assert_int_equal(mschap_nt_hash(pw8, 4 * 129, hash), HP_E_LONG);
	/* empty password: MD4 of nothing */
	assert_int_equal(mschap_nt_hash(pw8, 0, hash), HP_OK);
	assert_hex(hash, "31D6CFE0D16AE931B73C59D7E0C089C0");
}

static void
test_bad_utf8(void **state)
{
	static const char *bad[] = {
		"\xc3",			/* truncated */
		"a\xe2\x82",		/* truncated 3-byte */
		"\xc0\xaf",		/* overlong '/' */
		"\xc1\xbf",		/* overlong */
		"\xe0\x80\xaf",		/* overlong 3-byte */
		"\xf0\x80\x80\xaf",	/* overlong 4-byte */
		"\xed\xa0\x80",		/* surrogate D800 */
		"\xed\xbf\xbf",		/* surrogate DFFF */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xf5\x80\x80\x80",
		"\x80",			/* lone continuation */
		"\xff", "\xfe",
		"\xc3\x28",		/* bad continuation */
		"\xe2\x28\xa1",
	};
	uint8_t hash[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(hash, 0xaa, sizeof(hash));
		assert_int_equal(mschap_nt_hash((const uint8_t *)bad[i],
		    strlen(bad[i]), hash), HP_E_FORMAT);
		assert_hex(hash, "00000000000000000000000000000000");
	}
	/* embedded NUL */
	assert_int_equal(mschap_nt_hash((const uint8_t *)"a\0b", 3, hash),
	    HP_E_FORMAT);
	/* the largest code point and the edges of each form are fine */
	assert_int_equal(mschap_nt_hash((const uint8_t *)"\xf4\x8f\xbf\xbf",
	    4, hash), HP_OK);
	assert_int_equal(mschap_nt_hash((const uint8_t *)"\xed\x9f\xbf\xee\x80\x80\xc2\x80\xdf\xbf\x7f",
	    11, hash), HP_OK);
}

static void
test_chap_md5_pap(void **state)
{
	uint8_t chal[16], resp[16], want[16];

	(void)state;
	randombytes_buf(chal, sizeof(chal));
	chap_md5_response(7, (const uint8_t *)"secret", 6, chal, 16, resp);
	assert_true(chap_md5_verify(7, (const uint8_t *)"secret", 6, chal, 16,
	    resp, 16));
	assert_false(chap_md5_verify(8, (const uint8_t *)"secret", 6, chal, 16,
	    resp, 16));
	assert_false(chap_md5_verify(7, (const uint8_t *)"secreT", 6, chal, 16,
	    resp, 16));
	assert_false(chap_md5_verify(7, (const uint8_t *)"secret", 6, chal, 16,
	    resp, 15));
	/* identifier 0, empty secret and challenge: MD5 of one zero byte */
	chap_md5_response(0, NULL, 0, NULL, 0, want);
	assert_hex(want, "93B885ADFE0DA089CDF634904FD59F71");

	assert_true(pap_verify((const uint8_t *)"pw", 2,
	    (const uint8_t *)"pw", 2));
	assert_false(pap_verify((const uint8_t *)"pw", 2,
	    (const uint8_t *)"pw2", 3));
	assert_false(pap_verify((const uint8_t *)"pw", 2,
	    (const uint8_t *)"pW", 2));
	assert_false(pap_verify((const uint8_t *)"", 0,
	    (const uint8_t *)"", 0));
}

static void
test_failure_message(void **state)
{
	char a[128], b[128], small[20];
	size_t i;
	int n;

	(void)state;
	n = mschapv2_failure_message(a, sizeof(a), "Authentication failed");
	assert_int_equal(n, (int)strlen(a));
	assert_int_equal(strncmp(a, "E=691 R=0 C=", 12), 0);
	for (i = 12; i < 44; i++)
		assert_non_null(strchr("0123456789ABCDEF", a[i]));
	assert_string_equal(a + 44, " V=3 M=Authentication failed");
	(void)mschapv2_failure_message(b, sizeof(b), "Authentication failed");
	assert_memory_not_equal(a + 12, b + 12, 32);	/* fresh challenge */
	assert_int_equal(mschapv2_failure_message(small, sizeof(small), "x"),
	    HP_E_LONG);
	assert_string_equal(small, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc2759),
		cmocka_unit_test(test_strip_domain),
		cmocka_unit_test(test_rfc3079),
		cmocka_unit_test(test_rfc2433),
		cmocka_unit_test(test_mppe_v1),
		cmocka_unit_test(test_des_key_exhaustive),
		cmocka_unit_test(test_weak_des_key),
		cmocka_unit_test(test_non_ascii),
		cmocka_unit_test(test_long_password),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_chap_md5_pap),
		cmocka_unit_test(test_failure_message),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
