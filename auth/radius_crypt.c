/*
 * hpptpd auth: the RADIUS uses of MD5.  Packet authenticators (RFC 2865
 * section 3, RFC 2866 section 3), Message-Authenticator (RFC 3579
 * section 3.2), User-Password hiding (RFC 2865 section 5.2) and the
 * salted MS-MPPE keys (RFC 2548 2.4.2).  The two hidings are one
 * construction, an MD5 keystream chained on the previous cipher block,
 * written once in crypt_chain().  Every MD5/HMAC state and keystream
 * block held the secret's influence: wiped before return.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <nettle/hmac.h>
#include <nettle/md5.h>
#include <sodium.h>

#include "common/err.h"
#include "auth/radius_msg.h"

#define BLK	16		/* MD5 output, the hiding's block size */

static const uint8_t zero16[RADIUS_AUTH_LEN];

static void	crypt_chain(const uint8_t *, size_t,
		    const uint8_t [RADIUS_AUTH_LEN], const uint8_t *, size_t,
		    const uint8_t *, uint8_t *, size_t, bool);

void
radius_md5_auth(const uint8_t *pkt, size_t len,
    const uint8_t auth[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t out[RADIUS_AUTH_LEN])
{
	struct md5_ctx ctx;

	md5_init(&ctx);
	md5_update(&ctx, 4, pkt);		/* Code, Identifier, Length */
	md5_update(&ctx, RADIUS_AUTH_LEN, auth);
	md5_update(&ctx, len - RADIUS_HDR_LEN, pkt + RADIUS_HDR_LEN);
	md5_update(&ctx, slen, secret);
	md5_digest(&ctx, RADIUS_AUTH_LEN, out);
	sodium_memzero(&ctx, sizeof(ctx));
}

/*
 * The packet is hashed in pieces instead of copied with the attribute
 * zeroed: no 4 KB scratch, and the caller's bytes stay const.
 */
void
radius_hmac_auth(const uint8_t *pkt, size_t len, size_t ma_off,
    const uint8_t auth[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t out[RADIUS_AUTH_LEN])
{
	struct hmac_md5_ctx ctx;

	hmac_md5_set_key(&ctx, slen, secret);
	hmac_md5_update(&ctx, 4, pkt);
	hmac_md5_update(&ctx, RADIUS_AUTH_LEN, auth);
	hmac_md5_update(&ctx, ma_off - RADIUS_HDR_LEN, pkt + RADIUS_HDR_LEN);
	hmac_md5_update(&ctx, RADIUS_AUTH_LEN, zero16);
	hmac_md5_update(&ctx, len - ma_off - RADIUS_AUTH_LEN,
	    pkt + ma_off + RADIUS_AUTH_LEN);
	hmac_md5_digest(&ctx, RADIUS_AUTH_LEN, out);
	sodium_memzero(&ctx, sizeof(ctx));
}

/*
 * n bytes (a multiple of 16) from in to out, which may be the same:
 * b(1) = MD5(secret + ra [+ salt]), b(i) = MD5(secret + c(i-1)),
 * out = in xor b.  c is the cipher side: out when hiding, in when not.
 */
static void
crypt_chain(const uint8_t *secret, size_t slen,
    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *salt, size_t saltlen,
    const uint8_t *in, uint8_t *out, size_t n, bool hide)
{
	struct md5_ctx ctx;
	uint8_t b[BLK], c[BLK];
	size_t i, j;

	for (i = 0; i < n; i += BLK) {
		md5_init(&ctx);
		md5_update(&ctx, slen, secret);
		if (i == 0) {
			md5_update(&ctx, RADIUS_AUTH_LEN, ra);
			if (saltlen > 0)
				md5_update(&ctx, saltlen, salt);
		} else
			md5_update(&ctx, BLK, c);
		md5_digest(&ctx, BLK, b);
		if (!hide)
			memcpy(c, in + i, BLK);	/* before out overwrites it */
		for (j = 0; j < BLK; j++)
			out[i + j] = in[i + j] ^ b[j];
		if (hide)
			memcpy(c, out + i, BLK);
	}
	sodium_memzero(&ctx, sizeof(ctx));
	sodium_memzero(b, sizeof(b));
	sodium_memzero(c, sizeof(c));
}

int
radius_pw_hide(const uint8_t *pw, size_t pwlen,
    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t *out, size_t *outlen)
{
	uint8_t p[RADIUS_PW_MAX];
	size_t n;

	*outlen = 0;
	if (pwlen > RADIUS_PW_MAX)
		return RADIUS_E_ARG;
	/* NUL-padded to 16; an empty password is one block of NULs */
	n = pwlen == 0 ? BLK : (pwlen + BLK - 1) / BLK * BLK;
	memset(p, 0, sizeof(p));
	memcpy(p, pw, pwlen);
	crypt_chain(secret, slen, ra, NULL, 0, p, out, n, true);
	sodium_memzero(p, sizeof(p));
	*outlen = n;
	return HP_OK;
}

int
radius_pw_unhide(const uint8_t *in, size_t len,
    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t *out)
{
	if (len == 0 || len % BLK != 0 || len > RADIUS_PW_MAX)
		return RADIUS_E_ARG;
	crypt_chain(secret, slen, ra, NULL, 0, in, out, len, false);
	return HP_OK;
}

/*
 * RFC 2548 2.4.2: Salt (2 bytes, high bit set), then the hidden String:
 * Key-Length (1 byte), Key, zero padding to a multiple of 16.  The first
 * block's hash covers the salt; the later ones only secret and the
 * previous cipher block (pppd's radius plugin salted every block until
 * 2023 and got keys no server sent).
 */
int
radius_mppe_key_decrypt(const uint8_t *val, size_t len,
    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t *key, size_t keylen)
{
	uint8_t p[RADIUS_MPPE_KEY_MAX + BLK];
	size_t n, i;
	uint8_t bad = 0;

	memset(key, 0, keylen);
	if (len < 2 + BLK || (len - 2) % BLK != 0 || len - 2 > sizeof(p) ||
	    (val[0] & 0x80) == 0 || keylen > RADIUS_MPPE_KEY_MAX)
		return RADIUS_E_MPPE_KEY;
	n = len - 2;
	crypt_chain(secret, slen, ra, val, 2, val + 2, p, n, false);
	/* The length byte and padding: a wrong secret shows here. */
	if (p[0] != keylen || keylen > n - 1)
		bad = 1;
	else
		for (i = 1 + keylen; i < n; i++)
			bad |= p[i];
	if (bad == 0)
		memcpy(key, p + 1, keylen);
	sodium_memzero(p, sizeof(p));
	return bad == 0 ? HP_OK : RADIUS_E_MPPE_KEY;
}

int
radius_mppe_key_encrypt(const uint8_t *key, size_t keylen, uint16_t salt,
    const uint8_t ra[RADIUS_AUTH_LEN], const uint8_t *secret, size_t slen,
    uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t p[RADIUS_MPPE_KEY_MAX + BLK];
	size_t n;

	*outlen = 0;
	if (keylen == 0 || keylen > RADIUS_MPPE_KEY_MAX || (salt & 0x8000) == 0)
		return RADIUS_E_ARG;
	n = (1 + keylen + BLK - 1) / BLK * BLK;
	if (cap < 2 + n)
		return RADIUS_E_NOSPACE;
	memset(p, 0, sizeof(p));
	p[0] = (uint8_t)keylen;
	memcpy(p + 1, key, keylen);
	out[0] = (uint8_t)(salt >> 8);
	out[1] = (uint8_t)salt;
	crypt_chain(secret, slen, ra, out, 2, p, out + 2, n, true);
	sodium_memzero(p, sizeof(p));
	*outlen = 2 + n;
	return HP_OK;
}
