/*
 * libFuzzer target: the Disconnect/CoA request reader (auth/dae_req.c,
 * through radius_verify_request) with a fixed client secret, and the
 * ACK/NAK written for what it accepts.  Input: one flag byte, then the
 * request.  Random bytes almost never carry valid authenticators, so
 * the flags let the fuzzer sign its request first:
 *   bit 0  compute the Request Authenticator (MD5 over zeros, secret)
 *   bit 1  compute the Message-Authenticator of the first attribute of
 *          type 80 and length 18, wherever it is
 *   bit 2  require_message_authenticator
 * Whatever is accepted must be a Disconnect- or CoA-Request with its
 * fields in bounds, and its answer must verify as a reply to it, with
 * a Message-Authenticator first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/dae_req.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"
#include "common/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t secret[] = "fuzz-dae-secret";
#define SLEN	(sizeof(secret) - 1)
static const uint8_t zero16[RADIUS_AUTH_LEN];
static struct radius_pkt p, q;
static struct dae_req r;
static uint8_t buf[RADIUS_MAX_LEN + 1], ans[RADIUS_MAX_LEN];

/* The value offset of the first Message-Authenticator, 0: none. */
static size_t
find_ma(const uint8_t *b, size_t len)
{
	size_t i = RADIUS_HDR_LEN;

	while (i + 2 <= len && b[i + 1] >= 2 && i + b[i + 1] <= len) {
		if (b[i] == RA_MESSAGE_AUTHENTICATOR && b[i + 1] == 18)
			return i + 2;
		i += b[i + 1];
	}
	return 0;
}

static void
check_answer(void)
{
	struct radius_sent sent;
	size_t len;
	uint32_t err = r.error != 0 ? r.error : DAE_EC_NOT_FOUND;

	sent.code = r.code;
	sent.id = r.id;
	memcpy(sent.auth, r.auth, sizeof(sent.auth));
	if (dae_answer(&r, 0, secret, SLEN, ans, sizeof(ans), &len) != HP_OK ||
	    radius_verify_reply(ans, len, &sent, secret, SLEN, true, &q) !=
	    HP_OK || q.ma != 0)
		abort();
	if (dae_answer(&r, err, secret, SLEN, ans, sizeof(ans), &len) != HP_OK ||
	    radius_verify_reply(ans, len, &sent, secret, SLEN, true, &q) !=
	    HP_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radius_nas nas;
	uint8_t flags;
	size_t n, plen, ma;
	int e;

	if (sodium_init() < 0)
		abort();
	if (size < 1 || size - 1 > sizeof(buf))
		return 0;
	flags = data[0];
	n = size - 1;
	memcpy(buf, data + 1, n);
	plen = n >= RADIUS_HDR_LEN ? (size_t)(buf[2] << 8 | buf[3]) : 0;
	if (plen >= RADIUS_HDR_LEN && plen <= n) {
		if ((flags & 2) && (ma = find_ma(buf, plen)) != 0)
			radius_hmac_auth(buf, plen, ma, zero16, secret, SLEN,
			    buf + ma);
		if (flags & 1)
			radius_md5_auth(buf, plen, zero16, secret, SLEN,
			    buf + 4);
	}
	e = dae_req_parse(buf, n, secret, SLEN, flags & 4, &p, &r);
	if (e != HP_OK)
		return 0;
	if ((r.code != RADIUS_DISCONNECT_REQUEST &&
	    r.code != RADIUS_COA_REQUEST) || r.nproxy > DAE_PROXY_MAX ||
	    ((flags & 4) && p.ma < 0) ||
	    (r.code == RADIUS_DISCONNECT_REQUEST && r.set != 0 && r.error == 0))
		abort();
	memset(&nas, 0, sizeof(nas));
	memcpy(nas.id, "fuzz-nas", 8);
	nas.ip = 0x0100007f;
	(void)dae_req_nas(&r, &nas);
	check_answer();
	return 0;
}
