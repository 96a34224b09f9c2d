/* hpptpd gre: MPPE encryption and key changes (RFC 3078, RFC 3079). */
/* RC4_set_key and RC4 are deprecated in OpenSSL 3 but not removed. */
#define OPENSSL_SUPPRESS_DEPRECATED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha1.h>
#include <openssl/rc4.h>

#include "common/err.h"
#include "gre/mppe.h"

/*
 * The RC4 state of the stateless packet at hand, whatever its session:
 * set by its key change, used up by its end (the process is one thread,
 * and no packet's key change and RC4 interleave with another's).
 */
static RC4_KEY	stateless_rc4;

static void	mppe_get_new_key(const uint8_t *, const uint8_t *, size_t,
		    uint8_t [SHA1_DIGEST_SIZE]);
static void	mppe_salt(struct mppe_dir *);
static void	rc4_set(struct mppe_dir *);
static void	rc4_run(struct mppe_dir *, size_t, const uint8_t *, uint8_t *);

/* RFC 3079 3.3: SHApad1 is 40 zero bytes, SHApad2 40 bytes of 0xF2. */
static const uint8_t sha_pad1[40] = { 0 };
static const uint8_t sha_pad2[40] = {
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
};

/* RFC 3079 3.5: SendStartKey128, its session key, RC4 of "test message". */
static const uint8_t kat_start[MPPE_KEY_MAX] = {
	0x8b, 0x7c, 0xdc, 0x14, 0x9b, 0x99, 0x3a, 0x1b,
	0xa1, 0x18, 0xcb, 0x15, 0x3f, 0x56, 0xdc, 0xcb,
};
static const uint8_t kat_key[MPPE_KEY_MAX] = {
	0x40, 0x5c, 0xb2, 0x24, 0x7a, 0x79, 0x56, 0xe6,
	0xe2, 0x11, 0x00, 0x7a, 0xe2, 0x7b, 0x22, 0xd4,
};
static const uint8_t kat_ct[12] = {
	0x81, 0x84, 0x83, 0x17, 0xdf, 0x68, 0x84, 0x62,
	0x72, 0xfb, 0x5a, 0xbe,
};

/* One RC4 (stateless: libcrypto's; stateful: nettle's) on the vector. */
static bool
kat_once(bool stateless)
{
	struct mppe_dir	d;
	uint8_t		ct[sizeof(kat_ct)];
	bool		ok;

	if (mppe_init(&d, kat_start, MPPE_128, stateless) != HP_OK)
		return false;
	ok = memcmp(d.key, kat_key, sizeof(kat_key)) == 0;
	mppe_crypt(&d, ct, (const uint8_t *)"test message", sizeof(ct));
	ok = ok && memcmp(ct, kat_ct, sizeof(ct)) == 0;
	mppe_rekey(&d);
	mppe_wipe(&d);
	return ok;
}

int
mppe_lib_init(void)
{
	/* libcrypto's RC4 (stateless), then nettle's (stateful) */
	return kat_once(true) && kat_once(false) ? HP_OK : HP_E_FORMAT;
}

const char *
mppe_rx_res_name(enum mppe_rx_res r)
{
	switch (r) {
	case MPPE_RX_OK:	return "ok";
	case MPPE_RX_DROP:	return "drop";
	case MPPE_RX_RESET:	return "reset";
	}
	return "unknown";
}

const char *
mppe_strength_name(enum mppe_strength s)
{
	switch (s) {
	case MPPE_40:	return "40";
	case MPPE_56:	return "56";
	case MPPE_128:	return "128";
	}
	return "unknown";
}

/* RFC 3079 3.3 GetNewKeyFromSHA; the caller keeps keylen bytes. */
static void
mppe_get_new_key(const uint8_t *start, const uint8_t *cur, size_t keylen,
    uint8_t out[SHA1_DIGEST_SIZE])
{
	struct sha1_ctx	ctx;

	sha1_init(&ctx);
	sha1_update(&ctx, keylen, start);
	sha1_update(&ctx, sizeof(sha_pad1), sha_pad1);
	sha1_update(&ctx, keylen, cur);
	sha1_update(&ctx, sizeof(sha_pad2), sha_pad2);
	sha1_digest(&ctx, SHA1_DIGEST_SIZE, out);
	explicit_bzero(&ctx, sizeof(ctx));
}

/* RFC 3079 3.1, 3.2: 40 and 56 bit keys start with fixed bytes. */
static void
mppe_salt(struct mppe_dir *d)
{
	switch (d->strength) {
	case MPPE_40:
		d->key[0] = 0xd1;
		d->key[1] = 0x26;
		d->key[2] = 0x9e;
		break;
	case MPPE_56:
		d->key[0] = 0xd1;
		break;
	default:
		break;
	}
}

int
mppe_init(struct mppe_dir *d, const uint8_t start[MPPE_KEY_MAX],
    enum mppe_strength strength, bool stateless)
{
	uint8_t	digest[SHA1_DIGEST_SIZE];

	/* d may be fresh memory: read nothing of it */
	explicit_bzero(d, sizeof(*d));
	switch (strength) {
	case MPPE_40:
	case MPPE_56:
		d->keylen = 8;
		break;
	case MPPE_128:
		d->keylen = 16;
		break;
	default:
		return HP_E_RANGE;
	}
	d->strength = (uint8_t)strength;
	d->stateless = stateless;
	if (!stateless && (d->rc4 = malloc(sizeof(*d->rc4))) == NULL) {
		explicit_bzero(d, sizeof(*d));
		return HP_E_NOMEM;
	}
	memcpy(d->start, start, d->keylen);
	/* The initial key has no RC4 step (RFC 3079 3.3, 3.5 vectors). */
	mppe_get_new_key(d->start, d->start, d->keylen, digest);
	memcpy(d->key, digest, d->keylen);
	explicit_bzero(digest, sizeof(digest));
	mppe_salt(d);
	rc4_set(d);
	/* So that the first packet carries count 0. */
	d->ccount = MPPE_CCOUNT_MASK;
	d->on = true;
	return HP_OK;
}

void
mppe_wipe(struct mppe_dir *d)
{
	/* the shared state may hold this direction's last packet key */
	if (d->stateless)
		explicit_bzero(&stateless_rc4, sizeof(stateless_rc4));
	if (d->rc4 != NULL) {
		explicit_bzero(d->rc4, sizeof(*d->rc4));
		free(d->rc4);
	}
	explicit_bzero(d, sizeof(*d));
}

/* The RC4 state for the current key: shared when stateless. */
static void
rc4_set(struct mppe_dir *d)
{
	if (d->stateless)
		RC4_set_key(&stateless_rc4, d->keylen, d->key);
	else
		arcfour_set_key(d->rc4, d->keylen, d->key);
}

static void
rc4_run(struct mppe_dir *d, size_t n, const uint8_t *src, uint8_t *dst)
{
	if (d->stateless)
		RC4(&stateless_rc4, n, src, dst);
	else
		arcfour_crypt(d->rc4, n, dst, src);
}

void
mppe_rekey(struct mppe_dir *d)
{
	uint8_t	interim[SHA1_DIGEST_SIZE];

	mppe_get_new_key(d->start, d->key, d->keylen, interim);
	/* the shared state serves as scratch: rc4_set() overwrites it */
	RC4_set_key(&stateless_rc4, d->keylen, interim);
	RC4(&stateless_rc4, d->keylen, interim, d->key);
	mppe_salt(d);
	rc4_set(d);
	explicit_bzero(interim, sizeof(interim));
}

void
mppe_encrypt_begin(struct mppe_dir *d, uint8_t hdr[MPPE_HDR_LEN])
{
	uint8_t	flags = MPPE_BIT_D;

	d->ccount = (d->ccount + 1) & MPPE_CCOUNT_MASK;
	if (d->stateless || (d->ccount & 0xff) == 0xff || d->flush_next) {
		mppe_rekey(d);
		flags |= MPPE_BIT_A;
		d->flush_next = false;
	}
	hdr[0] = (uint8_t)(flags | (d->ccount >> 8));
	hdr[1] = (uint8_t)d->ccount;
}

void
mppe_crypt(struct mppe_dir *d, uint8_t *dst, const uint8_t *src, size_t n)
{
	rc4_run(d, n, src, dst);
}

void
mppe_encrypt(struct mppe_dir *d, const uint8_t *src, size_t n, uint8_t *dst)
{
	uint8_t	hdr[MPPE_HDR_LEN];

	mppe_encrypt_begin(d, hdr);
	/* RC4 is a stream cipher: in place is fine when dst+2 == src. */
	rc4_run(d, n, src, dst + MPPE_HDR_LEN);
	memcpy(dst, hdr, MPPE_HDR_LEN);
}

void
mppe_tx_reset(struct mppe_dir *d)
{
	/* Stateless already flushes every packet. */
	if (!d->stateless)
		d->flush_next = true;
}

enum mppe_rx_res
mppe_decrypt(struct mppe_dir *d, const uint8_t *src, size_t n, uint8_t *dst,
    size_t *dlen, enum gre_drop *why)
{
	uint16_t	count, dist;
	uint8_t		flags;
	unsigned	i;

	*dlen = 0;
	*why = GRE_DROP_NONE;
	if (!d->on) {
		*why = GRE_DROP_MPPE_OFF;
		return MPPE_RX_DROP;
	}
	/* Header plus at least one byte of (compressed) protocol. */
	if (n < MPPE_HDR_LEN + 1) {
		*why = GRE_DROP_MPPE_SHORT;
		return MPPE_RX_DROP;
	}
	flags = src[0] & 0xf0;
	count = (uint16_t)(((src[0] & 0x0f) << 8) | src[1]);
	if ((flags & MPPE_BIT_D) == 0 || (flags & MPPE_BIT_C) != 0 ||
	    (d->stateless && (flags & MPPE_BIT_A) == 0) ||
	    (!d->stateless && (count & 0xff) == 0xff &&
	    (flags & MPPE_BIT_A) == 0)) {
		*why = GRE_DROP_MPPE_FLAGS;
		return MPPE_RX_DROP;
	}

	if (d->stateless) {
		dist = (count - d->ccount) & MPPE_CCOUNT_MASK;
		if (dist == 0 || dist > (MPPE_CCOUNT_MASK + 1) / 2) {
			*why = GRE_DROP_MPPE_LATE;
			return MPPE_RX_DROP;
		}
		if (dist > MPPE_MAX_REKEY) {
			for (i = 0; i < MPPE_MAX_REKEY; i++)
				mppe_rekey(d);
			d->ccount = (d->ccount + MPPE_MAX_REKEY) &
			    MPPE_CCOUNT_MASK;
			*why = GRE_DROP_MPPE_CATCHUP;
			return MPPE_RX_DROP;
		}
		for (i = 0; i < dist; i++)
			mppe_rekey(d);
		d->ccount = count;
	} else if (!d->discard && count == ((d->ccount + 1) & MPPE_CCOUNT_MASK)) {
		d->ccount = count;
		if (flags & MPPE_BIT_A)
			mppe_rekey(d);
	} else {
		if (!d->discard) {
			/* Lost packets: our RC4 state is now useless. */
			d->ccount = (d->ccount + 1) & MPPE_CCOUNT_MASK;
			d->discard = true;
			if ((flags & MPPE_BIT_A) == 0) {
				*why = GRE_DROP_MPPE_LOST;
				return MPPE_RX_RESET;
			}
			/* A flushed packet right after the gap resyncs. */
		} else if ((flags & MPPE_BIT_A) == 0) {
			*why = GRE_DROP_MPPE_DISCARD;
			return MPPE_RX_DROP;
		}
		/* One change per flag packet missed: at most 16 steps. */
		for (i = 0; i < 16 && (count & 0xf00) != (d->ccount & 0xf00);
		    i++) {
			mppe_rekey(d);
			d->ccount = (d->ccount + 0x100) & MPPE_CCOUNT_MASK;
		}
		d->discard = false;
		d->ccount = count;
		mppe_rekey(d);
	}
	rc4_run(d, n - MPPE_HDR_LEN, src + MPPE_HDR_LEN, dst);
	*dlen = n - MPPE_HDR_LEN;
	return MPPE_RX_OK;
}
