/*
 * libFuzzer target: what the RADIUS client makes of a reply
 * (auth/radius_auth.c, radius_auth_reply) and the Access-Request it
 * builds (radius_auth_request).  Input: the method (low 2 bits + 1),
 * the CHAP identifier, then a packet.  The packet is decoded as the
 * verifier would leave it (radius_decode; the authenticators are
 * radius_verify_reply's, fuzzed by fuzz_auth_radverify) and read as an
 * answer to a request of that method; the verdict must hold what
 * radius_auth.h promises: keys only on an accept, a message for the
 * peer always, an address of the two kinds.  The user name of the
 * request is the first bytes of the packet.
 */
#include <arpa/inet.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/radius_auth.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t secret[] = "fuzz-secret";
#define SLEN	(sizeof(secret) - 1)
static struct radius_pkt p;
static struct auth_req q;
static struct radius_verdict v;
static uint8_t out[RADIUS_MAX_LEN];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radius_sent sent = { RADIUS_ACCESS_REQUEST, 0x2a,
	    { 0x0f, 0x40, 0x3f, 0x94, 0x73, 0x97, 0x80, 0x57,
	      0xbd, 0x83, 0xd5, 0xcb, 0x98, 0xf4, 0x22, 0x7a } };
	struct radius_nas nas = { "fuzz-nas", 0x0100007f };
	size_t len;

	if (sodium_init() < 0)
		abort();
	if (size < 2)
		return 0;
	memset(&q, 0, sizeof(q));
	q.method = (uint8_t)((data[0] & 3) + 1);
	q.chap_id = data[1];
	q.sid = 0x10001;
	q.peer.family = 4;
	q.chal_len = q.method == AM_MSCHAP1 ? 8 : 16;
	q.resp_len = q.method == AM_PAP ? 8 : q.method == AM_CHAP_MD5 ? 16 :
	    49;
	q.resp[48] = 1;
	q.user_len = (uint16_t)(size - 2 < 32 ? size - 2 : 32);
	memcpy(q.user, data + 2, q.user_len);
	if (radius_auth_request(&q, &nas, 0x2a, sent.auth, secret, SLEN, out,
	    sizeof(out), &len, NULL) == HP_OK &&
	    (len < RADIUS_HDR_LEN || out[20] != RA_MESSAGE_AUTHENTICATOR))
		abort();	/* Message-Authenticator first, always */
	if (radius_decode(data + 2, size - 2, &p) != HP_OK)
		return 0;
	radius_auth_reply(&p, &q, &sent, secret, SLEN, &v);
	if (v.outcome != RO_ACCEPT && (v.have_keys || v.why == NULL))
		abort();
	if (v.message_len == 0 || v.message_len > AUTH_MSG_MAX ||
	    strlen(v.message) != v.message_len)
		abort();
	if (v.outcome == RO_ACCEPT && v.addr_kind != AA_POOL &&
	    (v.addr_kind != AA_STATIC || v.addr == 0))
		abort();
	if ((v.mppe & ~MPPE_POLICY_MASK) != 0)
		abort();
	/* what chk_radius_reply will hold master's copy to */
	if (v.outcome == RO_ACCEPT && (v.pool_len > RADIUS_POOL_NAME_MAX ||
	    (v.mtu != 0 && v.mtu < RADIUS_MTU_MIN) ||
	    (v.netmask != 0 && (~ntohl(v.netmask) &
	    (~ntohl(v.netmask) + 1)) != 0)))
		abort();
	/* Framed-IPv6-Prefix: global unicast or unique local, or none */
	if (v.outcome == RO_ACCEPT && v.have_prefix6 &&
	    (v.prefix6[0] & 0xe0) != 0x20 && (v.prefix6[0] & 0xfe) != 0xfc)
		abort();
	return 0;
}
