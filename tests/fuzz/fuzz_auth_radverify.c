/*
 * libFuzzer target: the RADIUS reply verifier (auth/radius_verify.c)
 * against a fixed Access-Request (identifier 0x2a, a fixed Request
 * Authenticator) and secret.  Input: one flag byte, then the reply.
 * Random bytes almost never carry valid authenticators, so the flags
 * let the fuzzer sign its reply first and reach what lies behind the
 * checks:
 *   bit 0  compute the Response Authenticator
 *   bit 1  compute a Message-Authenticator at the first attribute, if
 *          that attribute has type 80 and length 18
 *   bit 2  require_message_authenticator
 *   bit 3  answer an Accounting-Request instead
 * A reply that verifies is read as the RADIUS client will: MPPE keys,
 * MS-CHAP2-Success, integers.  Anything that verifies must hold what
 * the verifier promises (identifier, code, Message-Authenticator).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t secret[] = "fuzz-secret";
#define SLEN	(sizeof(secret) - 1)
static struct radius_pkt p;
static uint8_t buf[RADIUS_MAX_LEN + 1];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radius_sent sent = { RADIUS_ACCESS_REQUEST, 0x2a,
	    { 0x0f, 0x40, 0x3f, 0x94, 0x73, 0x97, 0x80, 0x57,
	      0xbd, 0x83, 0xd5, 0xcb, 0x98, 0xf4, 0x22, 0x7a } };
	uint8_t send[RADIUS_MPPE_KEY_LEN], recv[RADIUS_MPPE_KEY_LEN], ident;
	char s[RADIUS_MS_CHAP2_SUCC_LEN];
	uint8_t flags;
	uint32_t v;
	size_t n, plen;
	int e;

	if (sodium_init() < 0)
		abort();
	if (size < 1 || size - 1 > sizeof(buf))
		return 0;
	flags = data[0];
	n = size - 1;
	memcpy(buf, data + 1, n);
	if (flags & 8)
		sent.code = RADIUS_ACCOUNTING_REQUEST;
	/* sign what the Length field covers, if it makes sense */
	plen = n >= RADIUS_HDR_LEN ? (size_t)(buf[2] << 8 | buf[3]) : 0;
	if (plen >= RADIUS_HDR_LEN && plen <= n) {
		if ((flags & 2) && plen >= RADIUS_HDR_LEN + 18 &&
		    buf[20] == RA_MESSAGE_AUTHENTICATOR && buf[21] == 18)
			radius_hmac_auth(buf, plen, 22, sent.auth, secret, SLEN,
			    buf + 22);
		if (flags & 1)
			radius_md5_auth(buf, plen, sent.auth, secret, SLEN,
			    buf + 4);
	}
	e = radius_verify_reply(buf, n, &sent, secret, SLEN, flags & 4, &p);
	if (e != HP_OK) {
		if (p.nattr != 0)
			abort();
		return 0;
	}
	if (p.id != sent.id || ((flags & 4) && p.ma != 0) ||
	    (p.ma != -1 && p.ma != 0))
		abort();
	(void)radius_get_mppe_keys(&p, &sent, secret, SLEN, send, recv);
	(void)radius_get_ms_chap2_success(&p, &ident, s);
	(void)radius_get_u32(&p, 0, RA_FRAMED_IP_ADDRESS, &v);
	(void)radius_get_u32(&p, 0, RA_SESSION_TIMEOUT, &v);
	(void)radius_get_u32(&p, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_MPPE_ENC_TYPES, &v);
	return 0;
}
