/*
 * hpptpd auth: MS-CHAP, CHAP-MD5 and PAP verification, MPPE start keys.
 * The functions follow the pseudo-code of RFC 2759 section 8 and RFC 3079
 * section 3 step by step so a reviewer can hold them side by side.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <sodium.h>

#include "common/err.h"
#include "auth/mschap.h"

/* RFC 2759 section 8.7 */
static const char auth_magic1[] = "Magic server to client signing constant";
static const char auth_magic2[] = "Pad to make it do more than one iteration";

/* RFC 3079 section 3.4 */
static const char mppe_magic1[] = "This is the MPPE Master Key";
static const char mppe_magic2[] = "On the client side, this is the send key; "
    "on the server side, it is the receive key.";
static const char mppe_magic3[] = "On the client side, this is the receive "
    "key; on the server side, it is the send key.";

_Static_assert(sizeof(auth_magic1) - 1 == 39, "RFC 2759 Magic1");
_Static_assert(sizeof(auth_magic2) - 1 == 41, "RFC 2759 Magic2");
_Static_assert(sizeof(mppe_magic1) - 1 == 27, "RFC 3079 Magic1");
_Static_assert(sizeof(mppe_magic2) - 1 == 84, "RFC 3079 Magic2");
_Static_assert(sizeof(mppe_magic3) - 1 == 84, "RFC 3079 Magic3");

static int	utf8_next(const uint8_t *, size_t, size_t *, uint32_t *);
static void	des_encrypt_block(const uint8_t key7[7], const uint8_t in[8],
		    uint8_t out[8]);
static void	mppe_asym_start_key(const uint8_t master[MPPE_START_KEY_LEN],
		    const char *magic, uint8_t key[MPPE_START_KEY_LEN]);

/*
 * Decode one UTF-8 character at p[*off]: strict RFC 3629, so there is one
 * byte form per password (no overlong forms, no surrogates, nothing past
 * U+10FFFF) and U+0000 is refused because no client can type it.
 */
static int
utf8_next(const uint8_t *p, size_t len, size_t *off, uint32_t *cp)
{
	size_t i = *off, n, k;
	uint32_t c, min;
	uint8_t b = p[i];

	if (b < 0x80) {
		if (b == 0)
			return HP_E_FORMAT;
		*cp = b;
		*off = i + 1;
		return HP_OK;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		n = 1; c = b & 0x1f; min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		n = 2; c = b & 0x0f; min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		n = 3; c = b & 0x07; min = 0x10000;
	} else
		return HP_E_FORMAT;	/* continuation byte, C0/C1, F5.. */
	if (len - i - 1 < n)
		return HP_E_FORMAT;	/* truncated sequence */
	for (k = 1; k <= n; k++) {
		if ((p[i + k] & 0xc0) != 0x80)
			return HP_E_FORMAT;
		c = c << 6 | (p[i + k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return HP_E_FORMAT;
	*cp = c;
	*off = i + 1 + n;
	return HP_OK;
}

int
mschap_nt_hash(const uint8_t *pw, size_t pwlen,
    uint8_t hash[MSCHAP_NTHASH_LEN])
{
	struct mschap_nt_scratch *s;
	int r;

	memset(hash, 0, MSCHAP_NTHASH_LEN);
	/* sodium_malloc needs it (a no-op when done already) */
	if (sodium_init() < 0)
		return HP_E_SYS;
	if ((s = sodium_malloc(sizeof(*s))) == NULL)
		return HP_E_NOMEM;
	r = mschap_nt_hash_in(pw, pwlen, hash, s);
	sodium_free(s);
	return r;
}

int
mschap_nt_hash_in(const uint8_t *pw, size_t pwlen,
    uint8_t hash[MSCHAP_NTHASH_LEN], struct mschap_nt_scratch *s)
{
	size_t off = 0, n = 0;	/* n: UTF-16 bytes written */
	uint32_t cp = 0;
	int r = HP_OK;

	memset(hash, 0, MSCHAP_NTHASH_LEN);
	while (off < pwlen) {
		if ((r = utf8_next(pw, pwlen, &off, &cp)) != HP_OK)
			goto out;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint16_t hi = (uint16_t)(0xd800 | v >> 10);
			uint16_t lo = (uint16_t)(0xdc00 | (v & 0x3ff));

			if (sizeof(s->u16) - n < 4) {
				r = HP_E_LONG;
				goto out;
			}
			s->u16[n++] = hi & 0xff;
			s->u16[n++] = hi >> 8;
			s->u16[n++] = lo & 0xff;
			s->u16[n++] = lo >> 8;
		} else {
			if (sizeof(s->u16) - n < 2) {
				r = HP_E_LONG;
				goto out;
			}
			s->u16[n++] = cp & 0xff;
			s->u16[n++] = (uint8_t)(cp >> 8);
		}
	}
	md4_init(&s->md);
	md4_update(&s->md, n, s->u16);
	md4_digest(&s->md, MSCHAP_NTHASH_LEN, hash);
out:
	sodium_memzero(s, sizeof(*s));
	sodium_memzero(&cp, sizeof(cp));
	return r;
}

void
mschap_hash_nt_hash(const uint8_t hash[MSCHAP_NTHASH_LEN],
    uint8_t hashhash[MSCHAP_NTHASH_LEN])
{
	struct md4_ctx md;

	md4_init(&md);
	md4_update(&md, MSCHAP_NTHASH_LEN, hash);
	md4_digest(&md, MSCHAP_NTHASH_LEN, hashhash);
	sodium_memzero(&md, sizeof(md));
}

void
mschap_des_key(const uint8_t in[7], uint8_t out[8])
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 7; i++)
		v = v << 8 | in[i];
	/* 56 bits, most significant first: seven bits per output byte. */
	for (i = 0; i < 8; i++) {
		uint8_t b = (uint8_t)((v >> (49 - 7 * i)) & 0x7f) << 1;

		/* odd parity in the low bit, as DES expects */
		out[i] = b | (__builtin_parity(b) ? 0 : 1);
	}
	sodium_memzero(&v, sizeof(v));
}

static void
des_encrypt_block(const uint8_t key7[7], const uint8_t in[8], uint8_t out[8])
{
	struct des_ctx ctx;
	uint8_t key[8];

	mschap_des_key(key7, key);
	/*
	 * des_set_key returns 0 for the weak and semi-weak keys but still
	 * sets the key up; a password hash whose last two bytes are zero
	 * gives the weak key 0101010101010101 as its third key, and the
	 * peer computed with it, so the result is used regardless.
	 */
	(void)des_set_key(&ctx, key);
	des_encrypt(&ctx, 8, out, in);
	sodium_memzero(&ctx, sizeof(ctx));
	sodium_memzero(key, sizeof(key));
}

void
mschap_challenge_response(const uint8_t chal[MSCHAP_V1_CHAL_LEN],
    const uint8_t hash[MSCHAP_NTHASH_LEN], uint8_t resp[MSCHAP_NTRESP_LEN])
{
	uint8_t z[21];

	/* ZPasswordHash: the hash padded with five zero bytes */
	memcpy(z, hash, MSCHAP_NTHASH_LEN);
	memset(z + MSCHAP_NTHASH_LEN, 0, sizeof(z) - MSCHAP_NTHASH_LEN);
	des_encrypt_block(z, chal, resp);
	des_encrypt_block(z + 7, chal, resp + 8);
	des_encrypt_block(z + 14, chal, resp + 16);
	sodium_memzero(z, sizeof(z));
}

const uint8_t *
mschap_strip_domain(const uint8_t *user, size_t ulen, size_t *outlen)
{
	size_t i;

	for (i = ulen; i > 0; i--) {
		if (user[i - 1] == '\\') {
			*outlen = ulen - i;
			return user + i;
		}
	}
	*outlen = ulen;
	return user;
}

void
mschapv2_challenge_hash(const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
    const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN], const uint8_t *user,
    size_t ulen, uint8_t chal[MSCHAP_V1_CHAL_LEN])
{
	struct sha1_ctx sh;

	sha1_init(&sh);
	sha1_update(&sh, MSCHAP_V2_CHAL_LEN, peer_chal);
	sha1_update(&sh, MSCHAP_V2_CHAL_LEN, auth_chal);
	sha1_update(&sh, ulen, user);
	sha1_digest(&sh, MSCHAP_V1_CHAL_LEN, chal);	/* truncates */
	sodium_memzero(&sh, sizeof(sh));
}

void
mschapv2_nt_response(const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN], const uint8_t *user,
    size_t ulen, const uint8_t hash[MSCHAP_NTHASH_LEN],
    uint8_t resp[MSCHAP_NTRESP_LEN])
{
	uint8_t chal[MSCHAP_V1_CHAL_LEN];

	mschapv2_challenge_hash(peer_chal, auth_chal, user, ulen, chal);
	mschap_challenge_response(chal, hash, resp);
	sodium_memzero(chal, sizeof(chal));
}

bool
mschapv2_verify(const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN],
    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN], const uint8_t *user,
    size_t ulen, const uint8_t hash[MSCHAP_NTHASH_LEN],
    const uint8_t peer_resp[MSCHAP_NTRESP_LEN])
{
	uint8_t want[MSCHAP_NTRESP_LEN];
	bool ok;

	mschapv2_nt_response(auth_chal, peer_chal, user, ulen, hash, want);
	ok = sodium_memcmp(want, peer_resp, sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

void
mschapv2_authenticator_response(const uint8_t hash[MSCHAP_NTHASH_LEN],
    const uint8_t nt_resp[MSCHAP_NTRESP_LEN],
    const uint8_t peer_chal[MSCHAP_V2_CHAL_LEN],
    const uint8_t auth_chal[MSCHAP_V2_CHAL_LEN], const uint8_t *user,
    size_t ulen, char out[MSCHAP_AUTHRESP_LEN + 1])
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t hh[MSCHAP_NTHASH_LEN], digest[SHA1_DIGEST_SIZE];
	uint8_t chal[MSCHAP_V1_CHAL_LEN];
	struct sha1_ctx sh;
	size_t i;

	mschap_hash_nt_hash(hash, hh);
	sha1_init(&sh);
	sha1_update(&sh, sizeof(hh), hh);
	sha1_update(&sh, MSCHAP_NTRESP_LEN, nt_resp);
	sha1_update(&sh, sizeof(auth_magic1) - 1,
	    (const uint8_t *)auth_magic1);
	sha1_digest(&sh, sizeof(digest), digest);

	mschapv2_challenge_hash(peer_chal, auth_chal, user, ulen, chal);
	sha1_init(&sh);
	sha1_update(&sh, sizeof(digest), digest);
	sha1_update(&sh, sizeof(chal), chal);
	sha1_update(&sh, sizeof(auth_magic2) - 1,
	    (const uint8_t *)auth_magic2);
	sha1_digest(&sh, sizeof(digest), digest);

	out[0] = 'S';
	out[1] = '=';
	for (i = 0; i < sizeof(digest); i++) {
		out[2 + 2 * i] = hex[digest[i] >> 4];
		out[3 + 2 * i] = hex[digest[i] & 0x0f];
	}
	out[MSCHAP_AUTHRESP_LEN] = '\0';
	sodium_memzero(hh, sizeof(hh));
	sodium_memzero(digest, sizeof(digest));
	sodium_memzero(chal, sizeof(chal));
	sodium_memzero(&sh, sizeof(sh));
}

int
mschapv2_failure_message(char *out, size_t cap, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t rnd[MSCHAP_V2_CHAL_LEN];
	char chex[2 * MSCHAP_V2_CHAL_LEN + 1];
	size_t i;
	int n;

	/*
	 * RFC 2759 section 6: C= is a new challenge for a retry.  We send
	 * R=0 (no retry), but Windows parses C= anyway, so it is random
	 * rather than something a peer could predict.
	 */
	randombytes_buf(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++) {
		chex[2 * i] = hex[rnd[i] >> 4];
		chex[2 * i + 1] = hex[rnd[i] & 0x0f];
	}
	chex[sizeof(chex) - 1] = '\0';
	n = snprintf(out, cap, "E=691 R=0 C=%s V=3 M=%s", chex, text);
	if (n < 0 || (size_t)n >= cap) {
		if (cap > 0)
			out[0] = '\0';
		return HP_E_LONG;
	}
	return n;
}

bool
mschapv1_verify(const uint8_t chal[MSCHAP_V1_CHAL_LEN],
    const uint8_t hash[MSCHAP_NTHASH_LEN],
    const uint8_t peer_resp[MSCHAP_NTRESP_LEN])
{
	uint8_t want[MSCHAP_NTRESP_LEN];
	bool ok;

	mschap_challenge_response(chal, hash, want);
	ok = sodium_memcmp(want, peer_resp, sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

void
chap_md5_response(uint8_t id, const uint8_t *secret, size_t slen,
    const uint8_t *chal, size_t clen, uint8_t out[CHAP_MD5_LEN])
{
	struct md5_ctx md;

	md5_init(&md);
	md5_update(&md, 1, &id);
	md5_update(&md, slen, secret);
	md5_update(&md, clen, chal);
	md5_digest(&md, CHAP_MD5_LEN, out);
	sodium_memzero(&md, sizeof(md));
}

bool
chap_md5_verify(uint8_t id, const uint8_t *secret, size_t slen,
    const uint8_t *chal, size_t clen, const uint8_t *resp, size_t rlen)
{
	uint8_t want[CHAP_MD5_LEN];
	bool ok;

	if (rlen != CHAP_MD5_LEN)
		return false;
	chap_md5_response(id, secret, slen, chal, clen, want);
	ok = sodium_memcmp(want, resp, sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

/*
 * Compare keyed BLAKE2b digests of both (a fresh random key per call)
 * rather than the bytes: a length check first would tell an attacker
 * the password's length by timing.
 */
bool
pap_verify(const uint8_t *secret, size_t slen, const uint8_t *pw,
    size_t pwlen)
{
	uint8_t key[crypto_generichash_KEYBYTES];
	uint8_t a[crypto_generichash_BYTES], b[crypto_generichash_BYTES];
	bool ok;

	if (slen == 0)
		return false;	/* an empty secret never matches */
	randombytes_buf(key, sizeof(key));
	ok = crypto_generichash(a, sizeof(a), secret, slen, key,
	    sizeof(key)) == 0 &&
	    crypto_generichash(b, sizeof(b), pw, pwlen, key,
	    sizeof(key)) == 0 &&
	    sodium_memcmp(a, b, sizeof(a)) == 0;
	sodium_memzero(key, sizeof(key));
	sodium_memzero(a, sizeof(a));
	sodium_memzero(b, sizeof(b));
	return ok;
}

void
mppe_v2_master_key(const uint8_t hashhash[MSCHAP_NTHASH_LEN],
    const uint8_t nt_resp[MSCHAP_NTRESP_LEN],
    uint8_t master[MPPE_START_KEY_LEN])
{
	struct sha1_ctx sh;

	/* GetMasterKey: note it takes PasswordHashHash, not the hash */
	sha1_init(&sh);
	sha1_update(&sh, MSCHAP_NTHASH_LEN, hashhash);
	sha1_update(&sh, MSCHAP_NTRESP_LEN, nt_resp);
	sha1_update(&sh, sizeof(mppe_magic1) - 1,
	    (const uint8_t *)mppe_magic1);
	sha1_digest(&sh, MPPE_START_KEY_LEN, master);
	sodium_memzero(&sh, sizeof(sh));
}

/* GetAsymmetricStartKey (RFC 3079 section 3.4) with the magic chosen. */
static void
mppe_asym_start_key(const uint8_t master[MPPE_START_KEY_LEN],
    const char *magic, uint8_t key[MPPE_START_KEY_LEN])
{
	uint8_t pad1[40], pad2[40];
	struct sha1_ctx sh;

	memset(pad1, 0x00, sizeof(pad1));
	memset(pad2, 0xf2, sizeof(pad2));
	sha1_init(&sh);
	sha1_update(&sh, MPPE_START_KEY_LEN, master);
	sha1_update(&sh, sizeof(pad1), pad1);
	sha1_update(&sh, strlen(magic), (const uint8_t *)magic);
	sha1_update(&sh, sizeof(pad2), pad2);
	sha1_digest(&sh, MPPE_START_KEY_LEN, key);
	sodium_memzero(&sh, sizeof(sh));
}

void
mppe_v2_server_keys(const uint8_t master[MPPE_START_KEY_LEN],
    uint8_t send[MPPE_START_KEY_LEN], uint8_t recv[MPPE_START_KEY_LEN])
{
	/* IsServer: send uses Magic3, receive uses Magic2 */
	mppe_asym_start_key(master, mppe_magic3, send);
	mppe_asym_start_key(master, mppe_magic2, recv);
}

/*
 * RFC 3079 section 2 derives MS-CHAPv1 keys from the LAN Manager hash for
 * 40 and 56 bits and from SHA1(NtPasswordHashHash || NtPasswordHashHash
 * || Challenge) for 128 bits (GetStartKey, section 2.4).  We never have
 * an LM hash (LM responses are refused), and the Linux pppd client
 * (mppe_set_keys in pppd/chap_ms.c) uses the 128-bit start key for every
 * key length, reducing it later as for MS-CHAPv2, in both directions.
 * We do the same so that client interoperates.
 */
void
mppe_v1_start_key(const uint8_t hashhash[MSCHAP_NTHASH_LEN],
    const uint8_t chal[MSCHAP_V1_CHAL_LEN], uint8_t key[MPPE_START_KEY_LEN])
{
	struct sha1_ctx sh;

	sha1_init(&sh);
	sha1_update(&sh, MSCHAP_NTHASH_LEN, hashhash);
	sha1_update(&sh, MSCHAP_NTHASH_LEN, hashhash);
	sha1_update(&sh, MSCHAP_V1_CHAL_LEN, chal);
	sha1_digest(&sh, MPPE_START_KEY_LEN, key);
	sodium_memzero(&sh, sizeof(sh));
}
