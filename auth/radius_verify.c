/*
 * hpptpd auth: deciding whether a received RADIUS packet is genuine.
 * A reply is trusted only when its Identifier and Code answer our
 * request, its Response Authenticator is right, and its
 * Message-Authenticator, when present (required unless configured
 * otherwise), is the first attribute and right: a forged Accept built
 * on an MD5 collision (BlastRADIUS, CVE-2024-3596) needs the HMAC too,
 * and putting it first leaves no room for the collision's garbage
 * before it.  Each failure has its own error so the log names it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"

static const uint8_t zero16[RADIUS_AUTH_LEN];

static bool	verify_answers(uint8_t, uint8_t);
static int	verify_ma(const struct radius_pkt *, const uint8_t *,
		    const uint8_t *, size_t, bool, bool);
static int	verify_auths(struct radius_pkt *, const uint8_t *,
		    const uint8_t *, size_t, bool, int, bool);
static int	verify_fail(struct radius_pkt *, int);

/* Whether `reply` is a Code that answers a `req` (RFC 2865, 2866, 5176). */
static bool
verify_answers(uint8_t req, uint8_t reply)
{
	switch (req) {
	case RADIUS_ACCESS_REQUEST:
		return reply == RADIUS_ACCESS_ACCEPT ||
		    reply == RADIUS_ACCESS_REJECT ||
		    reply == RADIUS_ACCESS_CHALLENGE;
	case RADIUS_ACCOUNTING_REQUEST:
		return reply == RADIUS_ACCOUNTING_RESPONSE;
	case RADIUS_DISCONNECT_REQUEST:
		return reply == RADIUS_DISCONNECT_ACK ||
		    reply == RADIUS_DISCONNECT_NAK;
	case RADIUS_COA_REQUEST:
		return reply == RADIUS_COA_ACK || reply == RADIUS_COA_NAK;
	default:
		return false;
	}
}

/*
 * Message-Authenticator: absent (allowed or not), not first (when
 * `first`), or wrong.  A reply must have it first: the forged Accept of
 * BlastRADIUS hides its collision bytes before it.  A request may carry
 * it anywhere (RFC 3579 3.2; radclient writes it where its input has
 * it): the HMAC covers the whole packet wherever it sits.
 */
static int
verify_ma(const struct radius_pkt *p, const uint8_t *auth,
    const uint8_t *secret, size_t slen, bool require, bool first)
{
	const struct radius_attr *a;
	uint8_t mac[RADIUS_AUTH_LEN];
	int ok;

	if (p->ma < 0)
		return require ? RADIUS_E_MA_MISSING : HP_OK;
	if (p->ma != 0 && first)
		return RADIUS_E_MA_NOT_FIRST;
	a = &p->attr[p->ma];
	radius_hmac_auth(p->buf, p->len, a->off, auth, secret, slen, mac);
	ok = sodium_memcmp(mac, radius_attr_value(p, a), sizeof(mac)) == 0;
	sodium_memzero(mac, sizeof(mac));
	return ok ? HP_OK : RADIUS_E_MA_BAD;
}

/*
 * The packet's authenticator against MD5 over `auth` (the request's, or
 * zeros), then its Message-Authenticator computed with the same `auth`.
 * `bad` is the error for a wrong authenticator.
 */
static int
verify_auths(struct radius_pkt *p, const uint8_t *auth,
    const uint8_t *secret, size_t slen, bool require_ma, int bad, bool first)
{
	uint8_t want[RADIUS_AUTH_LEN];
	int e;

	radius_md5_auth(p->buf, p->len, auth, secret, slen, want);
	e = sodium_memcmp(want, p->auth, sizeof(want)) == 0 ? HP_OK : bad;
	sodium_memzero(want, sizeof(want));
	if (e == HP_OK)
		e = verify_ma(p, auth, secret, slen, require_ma, first);
	return e == HP_OK ? HP_OK : verify_fail(p, e);
}

/* Keep the header for the log line; no attribute stays usable. */
static int
verify_fail(struct radius_pkt *p, int e)
{
	p->nattr = 0;
	p->ma = -1;
	memset(p->attr, 0, sizeof(p->attr));
	return e;
}

int
radius_verify_reply(const uint8_t *buf, size_t len,
    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
    bool require_ma, struct radius_pkt *p)
{
	int e;

	if ((e = radius_decode(buf, len, p)) != HP_OK)
		return e;
	if (slen == 0)
		return verify_fail(p, RADIUS_E_SECRET);
	if (p->id != sent->id)
		return verify_fail(p, RADIUS_E_ID);
	if (!verify_answers(sent->code, p->code))
		return verify_fail(p, RADIUS_E_CODE);
	return verify_auths(p, sent->auth, secret, slen, require_ma,
	    RADIUS_E_RESP_AUTH, true);
}

/*
 * A request whose authenticator is MD5 over zeros (RFC 2866 section 3,
 * RFC 5176 section 3.5); its Message-Authenticator, too, is computed
 * with the field zeroed, before the authenticator.
 */
int
radius_verify_request(const uint8_t *buf, size_t len, const uint8_t *secret,
    size_t slen, bool require_ma, struct radius_pkt *p)
{
	int e;

	if ((e = radius_decode(buf, len, p)) != HP_OK)
		return e;
	if (slen == 0)
		return verify_fail(p, RADIUS_E_SECRET);
	if (p->code != RADIUS_ACCOUNTING_REQUEST &&
	    p->code != RADIUS_DISCONNECT_REQUEST &&
	    p->code != RADIUS_COA_REQUEST)
		return verify_fail(p, RADIUS_E_CODE);
	return verify_auths(p, zero16, secret, slen, require_ma,
	    RADIUS_E_REQ_AUTH, false);
}

int
radius_get_mppe_keys(const struct radius_pkt *p,
    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
    uint8_t send[RADIUS_MPPE_KEY_LEN], uint8_t recv[RADIUS_MPPE_KEY_LEN])
{
	const struct radius_attr *s, *r;
	int e;

	memset(send, 0, RADIUS_MPPE_KEY_LEN);
	memset(recv, 0, RADIUS_MPPE_KEY_LEN);
	s = radius_find(p, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_SEND_KEY);
	r = radius_find(p, RADIUS_VENDOR_MICROSOFT, RA_MS_MPPE_RECV_KEY);
	if (s == NULL || r == NULL)
		return HP_E_NOTFOUND;
	if ((e = radius_mppe_key_decrypt(radius_attr_value(p, s), s->len,
	    sent->auth, secret, slen, send, RADIUS_MPPE_KEY_LEN)) != HP_OK ||
	    (e = radius_mppe_key_decrypt(radius_attr_value(p, r), r->len,
	    sent->auth, secret, slen, recv, RADIUS_MPPE_KEY_LEN)) != HP_OK) {
		sodium_memzero(send, RADIUS_MPPE_KEY_LEN);
		sodium_memzero(recv, RADIUS_MPPE_KEY_LEN);
		return e;
	}
	return HP_OK;
}
