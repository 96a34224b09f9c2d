/*
 * hpptpd auth: RADIUS packet encoder.  A packet is built in the
 * caller's buffer through put functions with a sticky error; every
 * attribute must have a dictionary row and pass it, so we never send
 * what we would refuse to receive.  Message-Authenticator is placed
 * first, as the BlastRADIUS (CVE-2024-3596) guidance asks, and filled
 * by radius_enc_finish() with the authenticators.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "common/err.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"

/* How the Authenticator field of a packet is made. */
enum enc_class {
	EC_NONE,
	EC_ACCESS,	/* Access-Request: random, given by the caller */
	EC_REQUEST,	/* Accounting/Disconnect/CoA-Request: MD5, zeros */
	EC_REPLY,	/* any answer: MD5 over the request's */
};

static const uint8_t zero16[RADIUS_AUTH_LEN];

static enum enc_class	enc_class(uint8_t);
static uint8_t		*enc_attr(struct radius_enc *, uint8_t, size_t);
static void		 enc_u32(uint8_t *, uint32_t);
static void		 enc_ms_response(struct radius_enc *, uint8_t, uint8_t,
			    uint8_t, const uint8_t *, const uint8_t [24]);

static enum enc_class
enc_class(uint8_t code)
{
	switch (code) {
	case RADIUS_ACCESS_REQUEST:
		return EC_ACCESS;
	case RADIUS_ACCOUNTING_REQUEST:
	case RADIUS_DISCONNECT_REQUEST:
	case RADIUS_COA_REQUEST:
		return EC_REQUEST;
	case RADIUS_ACCESS_ACCEPT:
	case RADIUS_ACCESS_REJECT:
	case RADIUS_ACCESS_CHALLENGE:
	case RADIUS_ACCOUNTING_RESPONSE:
	case RADIUS_DISCONNECT_ACK:
	case RADIUS_DISCONNECT_NAK:
	case RADIUS_COA_ACK:
	case RADIUS_COA_NAK:
		return EC_REPLY;
	default:
		return EC_NONE;
	}
}

int
radius_enc_init(struct radius_enc *e, uint8_t *buf, size_t cap, uint8_t code,
    uint8_t id, const uint8_t *auth, bool msg_auth)
{
	enum enc_class c = enc_class(code);

	memset(e, 0, sizeof(*e));
	e->buf = buf;
	e->cap = cap < RADIUS_MAX_LEN ? cap : RADIUS_MAX_LEN;
	e->code = code;
	if (c == EC_NONE)
		e->err = RADIUS_E_CODE;
	else if (c != EC_REQUEST && auth == NULL)
		e->err = RADIUS_E_ARG;
	else if (e->cap < RADIUS_HDR_LEN)
		e->err = RADIUS_E_NOSPACE;
	if (e->err != HP_OK)
		return e->err;
	if (c != EC_REQUEST)
		memcpy(e->auth, auth, RADIUS_AUTH_LEN);
	buf[0] = code;
	buf[1] = id;
	buf[2] = buf[3] = 0;			/* Length: at finish */
	memcpy(buf + 4, c == EC_ACCESS ? e->auth : zero16, RADIUS_AUTH_LEN);
	e->len = RADIUS_HDR_LEN;
	if (c == EC_ACCESS || msg_auth) {
		uint8_t *v = enc_attr(e, RA_MESSAGE_AUTHENTICATOR,
		    RADIUS_AUTH_LEN);

		if (v != NULL) {
			memset(v, 0, RADIUS_AUTH_LEN);
			e->ma_off = (size_t)(v - buf);
		}
	}
	return e->err;
}

/* Room for one attribute header + n value bytes; NULL (sticky) if none. */
static uint8_t *
enc_attr(struct radius_enc *e, uint8_t type, size_t n)
{
	uint8_t *a;

	if (e->err != HP_OK)
		return NULL;
	if (n > RADIUS_ATTR_MAX || e->cap - e->len < 2 + n) {
		e->err = RADIUS_E_NOSPACE;
		return NULL;
	}
	a = e->buf + e->len;
	a[0] = type;
	a[1] = (uint8_t)(2 + n);
	e->len += 2 + n;
	return a + 2;
}

static void
enc_u32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

void
radius_put(struct radius_enc *e, uint8_t type, const void *v, size_t n)
{
	const struct radius_dict *d;
	uint8_t *dst;

	if (e->err != HP_OK)
		return;
	/* Message-Authenticator and VSAs have their own paths. */
	if (type == RA_MESSAGE_AUTHENTICATOR || type == RA_VENDOR_SPECIFIC ||
	    (d = radius_dict_find(0, type)) == NULL ||
	    radius_dict_check(d, v, n) != HP_OK) {
		e->err = RADIUS_E_ARG;
		return;
	}
	if ((dst = enc_attr(e, type, n)) != NULL)
		memcpy(dst, v, n);
}

void
radius_put_str(struct radius_enc *e, uint8_t type, const char *s)
{
	radius_put(e, type, s, strnlen(s, RADIUS_ATTR_MAX + 1));
}

void
radius_put_u32(struct radius_enc *e, uint8_t type, uint32_t v)
{
	uint8_t b[4];

	enc_u32(b, v);
	radius_put(e, type, b, sizeof(b));
}

void
radius_put_ip(struct radius_enc *e, uint8_t type, uint32_t addr)
{
	radius_put_u32(e, type, addr);
}

void
radius_put_tagged_u32(struct radius_enc *e, uint8_t type, uint8_t tag,
    uint32_t v)
{
	uint8_t b[4];

	if (e->err == HP_OK && (tag > RADIUS_TAG_MAX || v > 0xffffff))
		e->err = RADIUS_E_ARG;
	enc_u32(b, v);
	b[0] = tag;
	radius_put(e, type, b, sizeof(b));
}

/* The tag byte is always written (0: none) so text is never taken for one. */
void
radius_put_tagged_str(struct radius_enc *e, uint8_t type, uint8_t tag,
    const char *s)
{
	uint8_t b[RADIUS_ATTR_MAX];
	size_t n = strnlen(s, RADIUS_ATTR_MAX);

	if (e->err == HP_OK && (tag > RADIUS_TAG_MAX || n > sizeof(b) - 1))
		e->err = RADIUS_E_ARG;
	if (e->err != HP_OK)
		return;
	b[0] = tag;
	memcpy(b + 1, s, n);
	radius_put(e, type, b, 1 + n);
}

void
radius_put_vsa(struct radius_enc *e, uint32_t vendor, uint8_t type,
    const void *v, size_t n)
{
	const struct radius_dict *d;
	uint8_t *dst;

	if (e->err != HP_OK)
		return;
	if ((d = radius_dict_find(vendor, type)) == NULL || vendor == 0 ||
	    radius_dict_check(d, v, n) != HP_OK) {
		e->err = RADIUS_E_ARG;
		return;
	}
	if ((dst = enc_attr(e, RA_VENDOR_SPECIFIC, 4 + 2 + n)) == NULL)
		return;
	enc_u32(dst, vendor);
	dst[4] = type;
	dst[5] = (uint8_t)(2 + n);
	memcpy(dst + 6, v, n);
}

void
radius_put_vsa_u32(struct radius_enc *e, uint32_t vendor, uint8_t type,
    uint32_t v)
{
	uint8_t b[4];

	enc_u32(b, v);
	radius_put_vsa(e, vendor, type, b, sizeof(b));
}

void
radius_put_user_password(struct radius_enc *e, const uint8_t *pw,
    size_t pwlen, const uint8_t *secret, size_t slen)
{
	uint8_t h[RADIUS_PW_MAX];
	size_t n = 0;

	if (e->err != HP_OK)
		return;
	if (e->code != RADIUS_ACCESS_REQUEST) {
		e->err = RADIUS_E_ARG;
		return;
	}
	if ((e->err = radius_pw_hide(pw, pwlen, e->auth, secret, slen, h,
	    &n)) == HP_OK)
		radius_put(e, RA_USER_PASSWORD, h, n);
	sodium_memzero(h, sizeof(h));
}

void
radius_put_chap_password(struct radius_enc *e, uint8_t chap_id,
    const uint8_t resp[16])
{
	uint8_t b[17];

	b[0] = chap_id;
	memcpy(b + 1, resp, 16);
	radius_put(e, RA_CHAP_PASSWORD, b, sizeof(b));
}

/*
 * MS-CHAP-Response and MS-CHAP2-Response (RFC 2548 2.1.3, 2.3.2) share
 * a layout: Ident, Flags, 24 bytes (LM-Response, or Peer-Challenge and
 * 8 reserved), NT-Response; what we do not send is zero.
 */
static void
enc_ms_response(struct radius_enc *e, uint8_t type, uint8_t ident,
    uint8_t flags, const uint8_t *peer_chal, const uint8_t nt_resp[24])
{
	uint8_t b[RADIUS_MS_CHAP2_RESP_LEN];

	_Static_assert(RADIUS_MS_CHAP_RESP_LEN == RADIUS_MS_CHAP2_RESP_LEN,
	    "one layout");
	memset(b, 0, sizeof(b));
	b[0] = ident;
	b[1] = flags;
	if (peer_chal != NULL)
		memcpy(b + 2, peer_chal, 16);
	memcpy(b + 26, nt_resp, 24);
	radius_put_vsa(e, RADIUS_VENDOR_MICROSOFT, type, b, sizeof(b));
}

void
radius_put_ms_chap2_response(struct radius_enc *e, uint8_t ident,
    const uint8_t peer_chal[16], const uint8_t nt_resp[24])
{
	enc_ms_response(e, RA_MS_CHAP2_RESPONSE, ident, 0, peer_chal, nt_resp);
}

/* Flags 1: use the NT-Response; the LM-Response stays zero. */
void
radius_put_ms_chap_response(struct radius_enc *e, uint8_t ident,
    const uint8_t nt_resp[24])
{
	enc_ms_response(e, RA_MS_CHAP_RESPONSE, ident, 1, NULL, nt_resp);
}

void
radius_put_ms_chap2_success(struct radius_enc *e, uint8_t ident,
    const char resp[42])
{
	uint8_t b[RADIUS_MS_CHAP2_SUCC_LEN];

	b[0] = ident;
	memcpy(b + 1, resp, sizeof(b) - 1);
	radius_put_vsa(e, RADIUS_VENDOR_MICROSOFT, RA_MS_CHAP2_SUCCESS, b,
	    sizeof(b));
}

void
radius_put_mppe_key(struct radius_enc *e, uint8_t type, uint16_t salt,
    const uint8_t *key, size_t keylen, const uint8_t *secret, size_t slen)
{
	uint8_t b[2 + RADIUS_MPPE_KEY_MAX + 16];
	size_t n = 0;

	if (e->err != HP_OK)
		return;
	if ((e->err = radius_mppe_key_encrypt(key, keylen, salt, e->auth,
	    secret, slen, b, sizeof(b), &n)) == HP_OK)
		radius_put_vsa(e, RADIUS_VENDOR_MICROSOFT, type, b, n);
	sodium_memzero(b, sizeof(b));
}

/*
 * RFC 3579 3.2: Message-Authenticator over the packet as it will be
 * sent, with the request's authenticator in the field for a reply and
 * zeros for a request whose authenticator is itself a hash; then the
 * authenticator, which covers Message-Authenticator (RFC 2869 5.14).
 */
int
radius_enc_finish(struct radius_enc *e, const uint8_t *secret, size_t slen,
    size_t *outlen, struct radius_sent *sent)
{
	enum enc_class c = enc_class(e->code);
	uint8_t mac[RADIUS_AUTH_LEN];

	*outlen = 0;
	if (sent != NULL)
		memset(sent, 0, sizeof(*sent));
	if (e->err != HP_OK)
		return e->err;
	if (slen == 0)
		return RADIUS_E_SECRET;
	e->buf[2] = (uint8_t)(e->len >> 8);
	e->buf[3] = (uint8_t)e->len;
	if (e->ma_off != 0) {
		radius_hmac_auth(e->buf, e->len, e->ma_off,
		    c == EC_REQUEST ? zero16 : e->auth, secret, slen, mac);
		memcpy(e->buf + e->ma_off, mac, RADIUS_AUTH_LEN);
	}
	if (c == EC_REQUEST)
		radius_md5_auth(e->buf, e->len, zero16, secret, slen,
		    e->buf + 4);
	else if (c == EC_REPLY)
		radius_md5_auth(e->buf, e->len, e->auth, secret, slen,
		    e->buf + 4);
	if (sent != NULL) {
		sent->code = e->code;
		sent->id = e->buf[1];
		memcpy(sent->auth, e->buf + 4, RADIUS_AUTH_LEN);
	}
	*outlen = e->len;
	return HP_OK;
}
