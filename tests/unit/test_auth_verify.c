/* End-to-end tests of auth_verify for every method, nthash and lockout. */
#include <sys/socket.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "common/err.h"
#include "common/log.h"
#include "auth/lockout.h"
#include "auth/mschap.h"
#include "auth/secrets.h"
#include "auth/verify.h"

#define NLOG	256
static char logs[NLOG][LOG_MAX_LINE + 1];
static int nlogs;

static void
sink(int prio, enum log_fac fac, const char *line)
{
	(void)prio;
	if (fac != LOGF_AUTH)
		return;
	if (nlogs < NLOG)
		snprintf(logs[nlogs++], sizeof(logs[0]), "%s", line);
}

static bool
logged(const char *needle)
{
	int i;

	for (i = 0; i < nlogs; i++)
		if (strstr(logs[i], needle) != NULL)
			return true;
	return false;
}

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

static const char secrets_text[] =
    "\"User\"      pptpd \"clientPass\" *\n"
    "CORP\\\\User  pptpd clientPass *\n"
    "hashuser    pptpd nthash:44EBBA8D5312B8D611474411F56989AE 10.0.0.5\n"
    "papuser     pptpd pw1 !10.0.0.9 10.0.0.0/24\n"
    "none        pptpd pw2 -\n"
    "v1user      pptpd MyPw\n"
    "j\\xc3\\xb6rg pptpd p\\xc3\\xa4ss\n"
    "bad8        pptpd \\xff\n"
    "*           other wild\n";

struct fx {
	struct secrets_db	*db;
	struct lockout		*lo;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct lockout_conf c;

	assert_non_null(f);
	assert_int_equal(secrets_parse("cs", (const uint8_t *)secrets_text,
	    sizeof(secrets_text) - 1, NULL, NULL, &f->db, NULL), HP_OK);
	lockout_conf_default(&c);
	f->lo = lockout_create(&c);
	assert_non_null(f->lo);
	nlogs = 0;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	secrets_free(f->db);
	lockout_destroy(f->lo);
	free(f);
	return 0;
}

static void
req_init(struct auth_req *q, enum auth_method m, const char *user)
{
	memset(q, 0, sizeof(*q));
	q->sid = 0x3f2a;
	q->method = (uint8_t)m;
	q->user_len = (uint16_t)strlen(user);
	memcpy(q->user, user, q->user_len);
	q->server_len = 5;
	memcpy(q->server, "pptpd", 5);
	q->peer.family = AF_INET;
	q->peer.addr[0] = 198; q->peer.addr[1] = 51;
	q->peer.addr[2] = 100; q->peer.addr[3] = 7;
}

/* An MS-CHAPv2 request as a client with `pw` would send it. */
static void
req_v2(struct auth_req *q, const char *user, const char *pw)
{
	uint8_t hash[16];
	const uint8_t *u;
	size_t ulen;

	req_init(q, AM_MSCHAP2, user);
	q->chal_len = 16;
	unhex("5B5D7C7D7B3F2F3E3C2C602132262628", q->chal, 16);
	q->resp_len = 49;
	unhex("21402324255E262A28295F2B3A337C7E", q->resp, 16);
	assert_int_equal(mschap_nt_hash((const uint8_t *)pw, strlen(pw),
	    hash), HP_OK);
	u = mschap_strip_domain(q->user, q->user_len, &ulen);
	mschapv2_nt_response(q->chal, q->resp, u, ulen, hash, q->resp + 24);
}

static void
test_mschapv2_rfc(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;
	uint8_t want[24];

	req_v2(&q, "User", "clientPass");
	unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", want, 24);
	assert_memory_equal(q.resp + 24, want, 24);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_int_equal(r.reason, AUTH_R_OK);
	assert_string_equal(r.message,
	    "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Access granted");
	assert_int_equal(r.message_len, strlen(r.message));
	assert_true(r.have_keys);
	unhex("8B7CDC149B993A1BA118CB153F56DCCB", want, 16);
	assert_memory_equal(r.send_key, want, 16);
	unhex("D5F0E9521E3EA9589645E86051C82226", want, 16);
	assert_memory_equal(r.recv_key, want, 16);
	assert_int_equal(r.addr_kind, AA_POOL);
	assert_true(r.pool_allowed);
	assert_true(logged("event=auth-ok sid=0x3f2a user=\"User\" "
	    "peer=198.51.100.7 method=mschapv2"));
	/* no secret material in any audit line */
	assert_false(logged("clientPass"));
	assert_false(logged("407A5589"));
	assert_false(logged("8B7CDC14"));
	assert_false(logged("82309ECD"));

	/* one bit off */
	q.resp[30] ^= 1;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_false(r.ok);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
	assert_false(r.have_keys);
	assert_memory_equal(r.send_key, (uint8_t[16]){ 0 }, 16);
	assert_int_equal(strncmp(r.message, "E=691 R=0 C=", 12), 0);
	assert_non_null(strstr(r.message, " V=3 M="));
	assert_true(logged("event=auth-fail sid=0x3f2a user=\"User\" "
	    "peer=198.51.100.7 method=mschapv2 reason=bad-response"));
}

/* DOMAIN\user: looked up as sent, hashed without the domain. */
static void
test_mschapv2_domain(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_v2(&q, "CORP\\User", "clientPass");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_string_equal(r.message,
	    "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Access granted");
	assert_true(logged("user=\"CORP\\x5cUser\""));
}

static void
test_mschapv2_nthash(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_v2(&q, "hashuser", "clientPass");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_true(r.have_keys);
	assert_int_equal(r.addr_kind, AA_STATIC);
	assert_int_equal(r.fixed_addr, 0x0a000005);
	assert_false(r.pool_allowed);
	req_v2(&q, "hashuser", "clientpass");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_false(r.ok);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
}

static void
test_mschapv2_non_ascii(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_v2(&q, "j\xc3\xb6rg", "p\xc3\xa4ss");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_true(logged("user=\"j\\xc3\\xb6rg\""));
	/* a secret that is not UTF-8 cannot serve MS-CHAP */
	req_v2(&q, "bad8", "x");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_false(r.ok);
	assert_int_equal(r.reason, AUTH_R_SECRET_UNUSABLE);
	assert_true(logged("reason=secret-unusable-for-mschap"));
}

static void
test_mschapv1(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;
	uint8_t hash[16], hh[16], key[16];

	req_init(&q, AM_MSCHAP1, "v1user");
	q.chal_len = 8;
	unhex("102DB5DF085D3041", q.chal, 8);
	q.resp_len = 49;
	unhex("4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61",
	    q.resp + 24, 24);
	q.resp[48] = 1;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_string_equal(r.message, "Access granted");
	assert_true(r.have_keys);
	assert_int_equal(mschap_nt_hash((const uint8_t *)"MyPw", 4, hash),
	    HP_OK);
	mschap_hash_nt_hash(hash, hh);
	mppe_v1_start_key(hh, q.chal, key);
	assert_memory_equal(r.send_key, key, 16);
	assert_memory_equal(r.recv_key, key, 16);
	assert_int_equal(r.addr_kind, AA_POOL);
	assert_true(logged("method=mschapv1"));

	/* LM-only responses are refused */
	q.resp[48] = 0;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_false(r.ok);
	assert_int_equal(r.reason, AUTH_R_LM_REFUSED);
	assert_int_equal(strncmp(r.message, "E=691 R=0 C=", 12), 0);
	assert_int_equal(r.message_len, strlen("E=691 R=0 C=") + 16 + 4);
	q.resp[48] = 1;
	q.resp[24] ^= 0x10;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
}

static void
test_chap_md5(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_init(&q, AM_CHAP_MD5, "papuser");
	q.chap_id = 42;
	q.chal_len = 20;
	randombytes_buf(q.chal, q.chal_len);
	q.resp_len = 16;
	chap_md5_response(42, (const uint8_t *)"pw1", 3, q.chal, q.chal_len,
	    q.resp);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_false(r.have_keys);
	assert_string_equal(r.message, "Access granted");
	assert_int_equal(r.addr_kind, AA_LIST);
	assert_int_equal(r.addrs.mode, SECRET_ADDR_LIST);
	assert_true(r.pool_allowed);
	assert_true(secrets_addr_allowed(&r.addrs, 0x0a000008));
	assert_false(secrets_addr_allowed(&r.addrs, 0x0a000009));
	assert_true(logged("method=chap-md5"));
	/* wrong identifier */
	q.chap_id = 43;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
	assert_string_equal(r.message, "Access denied");
	/* nthash entries cannot serve CHAP-MD5 */
	req_init(&q, AM_CHAP_MD5, "hashuser");
	q.chal_len = 16;
	q.resp_len = 16;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_NTHASH_METHOD);
	assert_true(logged("reason=method-not-allowed-for-nthash"));
}

static void
test_pap(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_init(&q, AM_PAP, "papuser");
	q.resp_len = 3;
	memcpy(q.resp, "pw1", 3);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_string_equal(r.message, "Login ok");
	assert_false(r.have_keys);
	q.resp_len = 2;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
	assert_string_equal(r.message, "Login incorrect");
	/* "-": authenticated, but no address may be given */
	req_init(&q, AM_PAP, "none");
	q.resp_len = 3;
	memcpy(q.resp, "pw2", 3);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	assert_int_equal(r.addr_kind, AA_NONE);
	assert_false(r.pool_allowed);
	/* nthash entry */
	req_init(&q, AM_PAP, "hashuser");
	q.resp_len = 10;
	memcpy(q.resp, "clientPass", 10);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_NTHASH_METHOD);
	/* wildcard client for another server name */
	req_init(&q, AM_PAP, "anyone");
	q.server_len = 5;
	memcpy(q.server, "other", 5);
	q.resp_len = 4;
	memcpy(q.resp, "wild", 4);
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(r.ok);
	/* 255-byte password */
	req_init(&q, AM_PAP, "nobody");
	q.resp_len = 255;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_NO_SUCH_USER);
}

static void
test_unknown_and_malformed(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_v2(&q, "mallory", "x");
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_NO_SUCH_USER);
	assert_true(logged("user=\"mallory\" peer=198.51.100.7 "
	    "method=mschapv2 reason=no-such-user"));
	assert_int_equal(auth_verify(NULL, NULL, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_NO_SUCH_USER);

	req_v2(&q, "User", "clientPass");
	q.resp_len = 48;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_MALFORMED);
	q.resp_len = 49;
	q.chal_len = 8;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_MALFORMED);
	req_init(&q, AM_CHAP_MD5, "papuser");
	q.chal_len = 0;
	q.resp_len = 16;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_MALFORMED);
	req_init(&q, AM_MSCHAP1, "v1user");
	q.chal_len = 16;
	q.resp_len = 49;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_MALFORMED);

	/* requests that break their own contract */
	req_init(&q, AM_PAP, "papuser");
	q.method = 0;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	q.method = 5;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	q.method = AM_PAP;
	q.user_len = 256;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	q.user_len = 7;
	q.server_len = 256;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	q.server_len = 5;
	q.chal_len = 65;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	q.chal_len = 0;
	q.resp_len = 256;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_E_FIELD);
	assert_false(r.ok);
	assert_string_equal(auth_method_name(99), "unknown");
	assert_string_equal(auth_reason_name(99), "unknown");
}

static void
test_sanitize(void **state)
{
	struct fx *f = *state;
	struct auth_req q;
	struct auth_res r;

	req_init(&q, AM_PAP, "evil\" reason=ok\nx");
	q.resp_len = 1;
	assert_int_equal(auth_verify(f->db, f->lo, &q, 1000, &r), HP_OK);
	assert_true(logged("user=\"evil\\x22 reason=ok\\x0ax\""));
	assert_false(logged("\n"));
}

static void
test_lockout(void **state)
{
	struct fx *f = *state;
	struct auth_req good, bad;
	struct auth_res r;
	uint64_t t = 10000;
	int i;

	req_v2(&good, "User", "clientPass");
	req_v2(&bad, "User", "wrong");
	for (i = 0; i < 4; i++) {
		assert_int_equal(auth_verify(f->db, f->lo, &bad, t, &r), HP_OK);
		assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
	}
	assert_false(logged("event=lockout"));
	assert_int_equal(auth_verify(f->db, f->lo, &bad, t, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_BAD_RESPONSE);
	assert_true(logged("event=lockout sid=0x3f2a user=\"User\" "
	    "peer=198.51.100.7 scope=user,peer duration=300s"));
	/* the right password is refused while locked, without keys */
	assert_int_equal(auth_verify(f->db, f->lo, &good, t + 1000, &r),
	    HP_OK);
	assert_false(r.ok);
	assert_int_equal(r.reason, AUTH_R_LOCKED_OUT);
	assert_false(r.have_keys);
	assert_int_equal(r.locked_until_ms, t + 300000);
	assert_int_equal(strncmp(r.message, "E=691 R=0 C=", 12), 0);
	assert_true(logged("reason=locked-out"));
	/* another user from the same source: locked too (per source) */
	req_v2(&bad, "hashuser", "clientPass");
	assert_int_equal(auth_verify(f->db, f->lo, &bad, t + 1000, &r), HP_OK);
	assert_int_equal(r.reason, AUTH_R_LOCKED_OUT);
	/* the same user from elsewhere: locked (per user) */
	good.peer.addr[3] = 8;
	assert_int_equal(auth_verify(f->db, f->lo, &good, t + 1000, &r),
	    HP_OK);
	assert_int_equal(r.reason, AUTH_R_LOCKED_OUT);
	/* after the lock, the right password works again */
	assert_int_equal(auth_verify(f->db, f->lo, &good, t + 300000, &r),
	    HP_OK);
	assert_true(r.ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mschapv2_rfc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mschapv2_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mschapv2_nthash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mschapv2_non_ascii, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mschapv1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chap_md5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sanitize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
	};

	log_init("test", 1, 0);
	log_set_sink(sink);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
