/*
 * hpptpd auth: the RADIUS codec (RFC 2865, 2866, 2868, 3579 section 3.2,
 * 5176, 2548).  Pure: bytes and a shared secret in, a filled struct or
 * an error out; no I/O, no logging, no allocation, no state between
 * calls.  MD5 and HMAC-MD5 are nettle's; comparisons of authenticators
 * are constant time (sodium_memcmp); every temporary that held the
 * secret or a value derived from it is wiped (sodium_memzero).  Callers
 * must have called sodium_init().
 *
 * Files: radius_defs.h (sizes, codes, errors), radius_dict.c (the
 * attribute table), radius_msg.c (decoder), radius_enc.c (encoder),
 * radius_crypt.c (authenticators, password hiding, MPPE key
 * encryption), radius_verify.c (replies and requests we receive).
 *
 * What the decoder checks (radius_decode):
 *  - a datagram of at least 20 bytes and at most 4096;
 *  - Length between 20 and 4096 and not above the datagram (bytes after
 *    Length are padding and ignored, RFC 2865 section 3);
 *  - a known Code;
 *  - every attribute: a type and a length byte present, length >= 2,
 *    length - 2 <= what is left (a trailing single byte is malformed);
 *  - Vendor-Specific: at least the 4-byte Vendor-Id; for the vendors we
 *    walk (Microsoft, MikroTik) each sub-attribute has a type and a
 *    length >= 2 that fits; a VSA of another vendor is kept whole;
 *  - every attribute in the dictionary: its kind and length (see
 *    radius_dict.h); those marked once appear once, Message-Authenticator
 *    at most once (RADIUS_E_MA_DUP);
 *  - at most RADIUS_MAX_ATTRS attributes (VSA sub-attributes counted).
 * It does not authenticate anything: radius_verify_reply() does.
 */
#ifndef HP_AUTH_RADIUS_MSG_H
#define HP_AUTH_RADIUS_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/radius_defs.h"
#include "auth/radius_dict.h"

/* One attribute as found: where its value is in the packet. */
struct radius_attr {
	uint32_t	vendor;		/* 0, or the VSA's Vendor-Id */
	uint8_t		type;		/* attribute or vendor type */
	uint8_t		len;		/* value bytes */
	uint16_t	off;		/* value offset from the packet start */
	uint16_t	hoff;		/* offset of the type byte (of the VSA
					   itself for a sub-attribute) */
	const struct radius_dict *def;	/* NULL: not in the dictionary */
};

/*
 * A decoded packet.  The attributes point into the caller's buffer by
 * offset; keep the buffer while using them (radius_attr_value()).
 */
struct radius_pkt {
	const uint8_t	*buf;		/* the caller's bytes */
	uint8_t		 code;
	uint8_t		 id;
	uint16_t	 len;		/* the Length field */
	uint8_t		 auth[RADIUS_AUTH_LEN];
	size_t		 nattr;
	int		 ma;		/* index of Message-Authenticator, -1 */
	struct radius_attr attr[RADIUS_MAX_ATTRS];
};

/* ---- decoder (radius_msg.c) ---------------------------------------- */

/*
 * Decode a datagram of len bytes; p is zeroed first (ma = -1).  On
 * error p keeps what header could be read and no attribute.
 */
int	radius_decode(const uint8_t *, size_t len, struct radius_pkt *p);
/* The first attribute (vendor, type) after index `from`, or NULL. */
const struct radius_attr *radius_find(const struct radius_pkt *,
	    uint32_t vendor, uint8_t type);
const struct radius_attr *radius_find_next(const struct radius_pkt *,
	    const struct radius_attr *prev);
const uint8_t *radius_attr_value(const struct radius_pkt *,
	    const struct radius_attr *);
/*
 * Typed getters: HP_E_NOTFOUND when absent, RADIUS_E_DICT when the
 * value has the wrong shape for the getter.  *v is 0 on failure.
 */
int	radius_get_u32(const struct radius_pkt *, uint32_t vendor,
	    uint8_t type, uint32_t *v);
int	radius_get_tagged_u32(const struct radius_pkt *, uint8_t type,
	    uint8_t *tag, uint32_t *v);
/* MS-CHAP2-Success: the Ident and the 42 "S=..." characters + NUL. */
int	radius_get_ms_chap2_success(const struct radius_pkt *, uint8_t *ident,
	    char resp[RADIUS_MS_CHAP2_SUCC_LEN]);

/* ---- encoder (radius_enc.c) ---------------------------------------- */

/* What a sent request leaves behind to check its reply against. */
struct radius_sent {
	uint8_t		code;
	uint8_t		id;
	uint8_t		auth[RADIUS_AUTH_LEN];	/* Request Authenticator */
};

/*
 * A packet under construction in the caller's buffer.  Errors are
 * sticky: the first failing put is reported by radius_enc_finish().
 */
struct radius_enc {
	uint8_t		*buf;
	size_t		 cap;		/* min(caller's size, 4096) */
	size_t		 len;
	int		 err;
	uint8_t		 code;
	size_t		 ma_off;	/* Message-Authenticator value, 0: none */
	uint8_t		 auth[RADIUS_AUTH_LEN];
};

/*
 * Start a packet.  `auth`:
 *  - Access-Request: the Request Authenticator, 16 bytes from a CSPRNG
 *    (randombytes_buf()); Message-Authenticator is always added first;
 *  - Accounting-, Disconnect-, CoA-Request: ignored (NULL is fine); the
 *    authenticator is computed by radius_enc_finish();
 *  - a reply (Accept, Reject, Challenge, Accounting-Response, Disconnect
 *    and CoA ACK/NAK): the Request Authenticator of the request it
 *    answers; `msg_auth` then adds Message-Authenticator first.
 * Returns HP_OK, RADIUS_E_CODE, RADIUS_E_ARG (auth missing) or
 * RADIUS_E_NOSPACE.
 */
int	radius_enc_init(struct radius_enc *, uint8_t *buf, size_t cap,
	    uint8_t code, uint8_t id, const uint8_t *auth, bool msg_auth);
/* Any dictionary attribute as raw value bytes (checked against its row). */
void	radius_put(struct radius_enc *, uint8_t type, const void *, size_t);
void	radius_put_str(struct radius_enc *, uint8_t type, const char *);
void	radius_put_u32(struct radius_enc *, uint8_t type, uint32_t);
void	radius_put_ip(struct radius_enc *, uint8_t type, uint32_t addr);
/* RFC 2868: tag 0..0x1f; a tagged integer keeps 24 bits of v. */
void	radius_put_tagged_u32(struct radius_enc *, uint8_t type, uint8_t tag,
	    uint32_t v);
void	radius_put_tagged_str(struct radius_enc *, uint8_t type, uint8_t tag,
	    const char *);
/* One Vendor-Specific attribute carrying one sub-attribute. */
void	radius_put_vsa(struct radius_enc *, uint32_t vendor, uint8_t type,
	    const void *, size_t);
void	radius_put_vsa_u32(struct radius_enc *, uint32_t vendor, uint8_t type,
	    uint32_t);
/* User-Password hidden with the secret (Access-Request only). */
void	radius_put_user_password(struct radius_enc *, const uint8_t *pw,
	    size_t pwlen, const uint8_t *secret, size_t slen);
/* CHAP-Password: the CHAP Identifier and the 16-byte MD5 response. */
void	radius_put_chap_password(struct radius_enc *, uint8_t chap_id,
	    const uint8_t resp[16]);
/* MS-CHAP2-Response (RFC 2548 2.3.2): flags 0, reserved zero. */
void	radius_put_ms_chap2_response(struct radius_enc *, uint8_t ident,
	    const uint8_t peer_chal[16], const uint8_t nt_resp[24]);
/* MS-CHAP-Response (RFC 2548 2.1.3): NT response only (flags 1). */
void	radius_put_ms_chap_response(struct radius_enc *, uint8_t ident,
	    const uint8_t nt_resp[24]);
/* MS-CHAP2-Success: Ident + the 42 characters "S=<40 hex>". */
void	radius_put_ms_chap2_success(struct radius_enc *, uint8_t ident,
	    const char resp[42]);
/*
 * MS-MPPE-Send-Key or -Recv-Key encrypted for this reply (the server's
 * side; for tests and a future Disconnect/CoA peer).  `salt` must have
 * its high bit set and differ between the two keys of a reply.
 */
void	radius_put_mppe_key(struct radius_enc *, uint8_t type, uint16_t salt,
	    const uint8_t *key, size_t keylen, const uint8_t *secret,
	    size_t slen);
/*
 * Write Length, the authenticators and Message-Authenticator.  On
 * HP_OK, *outlen is the packet length and `sent` (if not NULL) holds
 * what radius_verify_reply() needs.  On error nothing is usable.
 */
int	radius_enc_finish(struct radius_enc *, const uint8_t *secret,
	    size_t slen, size_t *outlen, struct radius_sent *sent);

/* ---- authenticators and hidden values (radius_crypt.c) -------------- */

/*
 * MD5(packet[0..4) || auth || packet[20..len) || secret): the Response
 * Authenticator when `auth` is the request's, the Accounting Request
 * Authenticator when it is 16 zeros.
 */
void	radius_md5_auth(const uint8_t *pkt, size_t len,
	    const uint8_t auth[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t out[RADIUS_AUTH_LEN]);
/*
 * HMAC-MD5 keyed with the secret over the packet with `auth` in the
 * authenticator field and the 16 bytes at ma_off (the attribute value)
 * taken as zeros (RFC 3579 section 3.2).  The caller guarantees
 * 20 <= ma_off and ma_off + 16 <= len (the decoder's offsets do).
 */
void	radius_hmac_auth(const uint8_t *pkt, size_t len, size_t ma_off,
	    const uint8_t auth[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t out[RADIUS_AUTH_LEN]);
/*
 * User-Password hiding (RFC 2865 section 5.2), also MS-CHAP-MPPE-Keys
 * (RFC 2548 2.4.1): out gets pwlen rounded up to 16 (16 for an empty
 * one); RADIUS_E_ARG above RADIUS_PW_MAX.
 */
int	radius_pw_hide(const uint8_t *pw, size_t pwlen,
	    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t *out, size_t *outlen);
/* The reverse; the result keeps its NUL padding. */
int	radius_pw_unhide(const uint8_t *in, size_t len,
	    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t *out);
/*
 * MS-MPPE-Send-Key / -Recv-Key (RFC 2548 2.4.2, 2.4.3): `val` is the
 * sub-attribute value (salt + ciphertext), `ra` the Request
 * Authenticator of the Access-Request.  The key must be exactly
 * `keylen` bytes and the padding zero, else RADIUS_E_MPPE_KEY.
 */
int	radius_mppe_key_decrypt(const uint8_t *val, size_t len,
	    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret,
	    size_t slen, uint8_t *key, size_t keylen);
/* The other way round; out holds 2 + 16 * ceil((keylen + 1) / 16). */
int	radius_mppe_key_encrypt(const uint8_t *key, size_t keylen,
	    uint16_t salt, const uint8_t ra[RADIUS_AUTH_LEN],
	    const uint8_t *secret, size_t slen, uint8_t *out, size_t cap,
	    size_t *outlen);

/* ---- verifying what we receive (radius_verify.c) -------------------- */

/*
 * A reply to `sent`: decoded into p, then, in this order,
 * RADIUS_E_ID (Identifier), RADIUS_E_CODE (not an answer to that
 * request), RADIUS_E_RESP_AUTH, RADIUS_E_MA_NOT_FIRST, RADIUS_E_MA_BAD,
 * RADIUS_E_MA_MISSING (only when require_ma).  A Message-Authenticator
 * that is present is always checked, whatever require_ma says.  On any
 * error p keeps only the header (code, id, for the log line) and no
 * attribute, so nothing unverified is used by mistake.
 */
int	radius_verify_reply(const uint8_t *, size_t len,
	    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
	    bool require_ma, struct radius_pkt *p);
/*
 * A Disconnect-Request or CoA-Request (RFC 5176) or an
 * Accounting-Request: its Request Authenticator, and its
 * Message-Authenticator when present (computed over a zero
 * authenticator), wherever it is among the attributes.  Errors as
 * radius_verify_reply() but RADIUS_E_MA_NOT_FIRST, and RADIUS_E_REQ_AUTH.
 */
int	radius_verify_request(const uint8_t *, size_t len,
	    const uint8_t *secret, size_t slen, bool require_ma,
	    struct radius_pkt *p);
/* Decrypt MS-MPPE-Send-Key and -Recv-Key of a verified Access-Accept. */
int	radius_get_mppe_keys(const struct radius_pkt *,
	    const struct radius_sent *sent, const uint8_t *secret, size_t slen,
	    uint8_t send[RADIUS_MPPE_KEY_LEN], uint8_t recv[RADIUS_MPPE_KEY_LEN]);

#endif /* HP_AUTH_RADIUS_MSG_H */
