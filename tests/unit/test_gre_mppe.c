/*
 * Unit tests: gre/mppe.c against RFC 3079 3.5 (VECTORS.md) and against
 * a reference written here from the text of RFC 3078/3079, with its own
 * RC4, so an error shared by both sides of a round trip cannot hide.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <nettle/sha1.h>

#include "common/err.h"
#include "gre/mppe.h"

static void
hex(const char *s, uint8_t *out, size_t n)
{
	size_t		i;
	unsigned	v;

	assert_int_equal(strlen(s), 2 * n);
	for (i = 0; i < n; i++) {
		assert_int_equal(sscanf(s + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/* ---- reference, from the RFC text ---- */

struct ref_rc4 {
	uint8_t		S[256];
	uint8_t		i, j;
};

static void
ref_rc4_init(struct ref_rc4 *r, const uint8_t *k, size_t kl)
{
	unsigned	i, j = 0;
	uint8_t		t;

	for (i = 0; i < 256; i++)
		r->S[i] = (uint8_t)i;
	for (i = 0; i < 256; i++) {
		j = (j + r->S[i] + k[i % kl]) & 0xff;
		t = r->S[i];
		r->S[i] = r->S[j];
		r->S[j] = t;
	}
	r->i = r->j = 0;
}

static void
ref_rc4(struct ref_rc4 *r, const uint8_t *in, uint8_t *out, size_t n)
{
	size_t	k;
	uint8_t	t;

	for (k = 0; k < n; k++) {
		r->i++;
		r->j += r->S[r->i];
		t = r->S[r->i];
		r->S[r->i] = r->S[r->j];
		r->S[r->j] = t;
		out[k] = in[k] ^ r->S[(uint8_t)(r->S[r->i] + r->S[r->j])];
	}
}

struct ref {
	uint8_t		start[16], key[16];
	size_t		kl;
	int		bits;
	bool		stateless;
	unsigned	cc;
	bool		flush;
	struct ref_rc4	rc4;
};

/* RFC 3079 3.3 GetNewKeyFromSHA. */
static void
ref_getkey(const uint8_t *start, const uint8_t *cur, size_t kl, uint8_t *out)
{
	uint8_t		pad1[40], pad2[40], d[20];
	struct sha1_ctx	c;

	memset(pad1, 0x00, sizeof(pad1));
	memset(pad2, 0xf2, sizeof(pad2));
	sha1_init(&c);
	sha1_update(&c, kl, start);
	sha1_update(&c, 40, pad1);
	sha1_update(&c, kl, cur);
	sha1_update(&c, 40, pad2);
	sha1_digest(&c, 20, d);
	memcpy(out, d, kl);
}

static void
ref_salt(struct ref *r)
{
	if (r->bits == 40) {
		r->key[0] = 0xd1;
		r->key[1] = 0x26;
		r->key[2] = 0x9e;
	} else if (r->bits == 56)
		r->key[0] = 0xd1;
}

static void
ref_init(struct ref *r, const uint8_t *start, int bits, bool stateless)
{
	memset(r, 0, sizeof(*r));
	r->bits = bits;
	r->kl = bits == 128 ? 16 : 8;
	r->stateless = stateless;
	memcpy(r->start, start, r->kl);
	ref_getkey(r->start, r->start, r->kl, r->key);
	ref_salt(r);
	ref_rc4_init(&r->rc4, r->key, r->kl);
	r->cc = 4095;
}

/* RFC 3078 7.3: interim key, RC4 it with itself, salt, re-init RC4. */
static void
ref_change(struct ref *r)
{
	uint8_t		interim[16];
	struct ref_rc4	t;

	ref_getkey(r->start, r->key, r->kl, interim);
	ref_rc4_init(&t, interim, r->kl);
	ref_rc4(&t, interim, r->key, r->kl);
	ref_salt(r);
	ref_rc4_init(&r->rc4, r->key, r->kl);
}

static size_t
ref_encrypt(struct ref *r, const uint8_t *in, size_t n, uint8_t *out)
{
	uint8_t	flags = 0x10;

	r->cc = (r->cc + 1) % 4096;
	if (r->stateless || (r->cc & 0xff) == 0xff || r->flush) {
		ref_change(r);
		flags |= 0x80;
		r->flush = false;
	}
	out[0] = (uint8_t)(flags | (r->cc >> 8));
	out[1] = (uint8_t)r->cc;
	ref_rc4(&r->rc4, in, out + 2, n);
	return n + 2;
}

/* In-order receive only: what a peer on a lossless link does. */
static size_t
ref_decrypt(struct ref *r, const uint8_t *in, size_t n, uint8_t *out)
{
	unsigned	cc = (unsigned)((in[0] & 0x0f) << 8 | in[1]);

	if (r->stateless) {
		while (r->cc != cc) {
			ref_change(r);
			r->cc = (r->cc + 1) % 4096;
		}
	} else {
		r->cc = cc;
		if (in[0] & 0x80)
			ref_change(r);
	}
	ref_rc4(&r->rc4, in + 2, out, n - 2);
	return n - 2;
}

/* ---- tests ---- */

static const char *START128 = "8B7CDC149B993A1BA118CB153F56DCCB";

static void
check_vector(int bits, const char *key, const char *ct)
{
	struct mppe_dir	d;
	uint8_t		start[16], k[16], c[12], out[12];
	size_t		kl = bits == 128 ? 16 : 8;

	hex(START128, start, 16);
	hex(key, k, kl);
	hex(ct, c, 12);
	assert_int_equal(mppe_init(&d, start, (enum mppe_strength)bits, true),
	    HP_OK);
	assert_int_equal(d.keylen, kl);
	assert_memory_equal(d.key, k, kl);
	mppe_crypt(&d, out, (const uint8_t *)"test message", 12);
	assert_memory_equal(out, c, 12);
	mppe_wipe(&d);
}

static void
test_rfc3079_vectors(void **state)
{
	check_vector(128, "405CB2247A7956E6E211007AE27B22D4",
	    "81848317DF68846272FB5ABE");
	check_vector(56, "D15C00C49FA62E3E", "3F106833FA448DA842BC57B8");
	check_vector(40, "D1269EC49FA62E3E", "929137917E5803D668D75898");
}

static void
test_reject_strength(void **state)
{
	struct mppe_dir	d;
	uint8_t		start[16] = { 0 };

	assert_int_equal(mppe_init(&d, start, (enum mppe_strength)64, true),
	    HP_E_RANGE);
	assert_false(d.on);
}

static void
fill(uint8_t *p, size_t n, unsigned seed)
{
	size_t	i;

	p[0] = 0x00;
	p[1] = 0x21;
	for (i = 2; i < n; i++)
		p[i] = (uint8_t)(seed * 31 + i * 7);
}

/* Ours encrypts, the reference decrypts, and the other way round. */
static void
cross(int bits, bool stateless)
{
	struct mppe_dir		tx, rx;
	struct ref		rtx, rrx;
	uint8_t			start[16], pt[300], ct[302], back[300];
	enum gre_drop		why;
	size_t			n, dl;
	unsigned		i;

	hex(START128, start, 16);
	assert_int_equal(mppe_init(&tx, start, (enum mppe_strength)bits,
	    stateless), HP_OK);
	assert_int_equal(mppe_init(&rx, start, (enum mppe_strength)bits,
	    stateless), HP_OK);
	ref_init(&rtx, start, bits, stateless);
	ref_init(&rrx, start, bits, stateless);
	/* 600 packets: past two stateful flag packets (0x0FF, 0x1FF). */
	for (i = 0; i < 600; i++) {
		n = 3 + (i * 37) % 297;
		fill(pt, n, i);
		mppe_encrypt(&tx, pt, n, ct);
		assert_int_equal(ct[0] & 0x10, 0x10);
		assert_int_equal(!!(ct[0] & 0x80),
		    stateless || (i & 0xff) == 0xff);
		assert_int_equal(((ct[0] & 0x0f) << 8 | ct[1]), i & 0xfff);
		assert_int_equal(ref_decrypt(&rrx, ct, n + 2, back), n);
		assert_memory_equal(back, pt, n);

		assert_int_equal(ref_encrypt(&rtx, pt, n, ct), n + 2);
		assert_int_equal(mppe_decrypt(&rx, ct, n + 2, back, &dl, &why),
		    MPPE_RX_OK);
		assert_int_equal(dl, n);
		assert_memory_equal(back, pt, n);
	}
	mppe_wipe(&tx);
	mppe_wipe(&rx);
}

static void
test_cross_stateless(void **state)
{
	cross(40, true);
	cross(56, true);
	cross(128, true);
}

static void
test_cross_stateful(void **state)
{
	cross(40, false);
	cross(56, false);
	cross(128, false);
}

/* Encrypt packet i of a stream with tx into ct; returns its length. */
static size_t
enc(struct mppe_dir *tx, unsigned i, uint8_t *pt, uint8_t *ct)
{
	size_t	n = 40 + i % 50;

	fill(pt, n, i);
	mppe_encrypt(tx, pt, n, ct);
	return n + 2;
}

static void
dec_ok(struct mppe_dir *rx, const uint8_t *ct, size_t n, const uint8_t *pt)
{
	uint8_t		back[300];
	size_t		dl;
	enum gre_drop	why;

	assert_int_equal(mppe_decrypt(rx, ct, n, back, &dl, &why), MPPE_RX_OK);
	assert_int_equal(dl, n - 2);
	assert_memory_equal(back, pt, dl);
}

static enum mppe_rx_res
dec(struct mppe_dir *rx, const uint8_t *ct, size_t n, enum gre_drop *why)
{
	uint8_t	back[300];
	size_t	dl;

	return mppe_decrypt(rx, ct, n, back, &dl, why);
}

/* Stateful: a lost packet; Reset-Request; the sender flushes; resync. */
static void
test_stateful_loss_reset(void **state)
{
	struct mppe_dir	tx, rx;
	uint8_t		start[16], pt[300], ct[302];
	enum gre_drop	why;
	size_t		n;
	unsigned	i;

	hex(START128, start, 16);
	assert_int_equal(mppe_init(&tx, start, MPPE_128, false), HP_OK);
	assert_int_equal(mppe_init(&rx, start, MPPE_128, false), HP_OK);
	for (i = 0; i < 10; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	(void)enc(&tx, 10, pt, ct);		/* lost */
	n = enc(&tx, 11, pt, ct);
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_RESET);
	assert_int_equal(why, GRE_DROP_MPPE_LOST);
	n = enc(&tx, 12, pt, ct);
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_DISCARD);
	/* The Reset-Request reaches the sender. */
	mppe_tx_reset(&tx);
	n = enc(&tx, 13, pt, ct);
	assert_int_equal(ct[0] & 0x80, 0x80);
	dec_ok(&rx, ct, n, pt);
	for (i = 14; i < 600; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	mppe_wipe(&tx);
	mppe_wipe(&rx);
}

/* Stateful: lose a flag packet and more; resync after the reset. */
static void
test_stateful_loss_across_flags(void **state)
{
	struct mppe_dir	tx, rx;
	uint8_t		start[16], pt[300], ct[302];
	enum gre_drop	why;
	size_t		n;
	unsigned	i;

	hex(START128, start, 16);
	memset(start + 8, 0x55, 8);
	assert_int_equal(mppe_init(&tx, start, MPPE_40, false), HP_OK);
	assert_int_equal(mppe_init(&rx, start, MPPE_40, false), HP_OK);
	for (i = 0; i < 250; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	/* 250 .. 700 lost: flag packets 0x0FF, 0x1FF, 0x2FF among them. */
	for (; i <= 700; i++)
		(void)enc(&tx, i, pt, ct);
	n = enc(&tx, i++, pt, ct);
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_RESET);
	mppe_tx_reset(&tx);
	n = enc(&tx, i++, pt, ct);
	dec_ok(&rx, ct, n, pt);
	for (; i < 1400; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	mppe_wipe(&tx);
	mppe_wipe(&rx);
}

/* Stateful: the gap ends at a flag packet (A set): resync at once. */
static void
test_stateful_gap_then_flag(void **state)
{
	struct mppe_dir	tx, rx;
	uint8_t		start[16], pt[300], ct[302];
	size_t		n;
	unsigned	i;

	hex(START128, start, 16);
	assert_int_equal(mppe_init(&tx, start, MPPE_56, false), HP_OK);
	assert_int_equal(mppe_init(&rx, start, MPPE_56, false), HP_OK);
	for (i = 0; i < 0xf0; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	for (; i < 0xff; i++)
		(void)enc(&tx, i, pt, ct);		/* lost */
	n = enc(&tx, i++, pt, ct);			/* count 0x0FF, A */
	assert_int_equal(ct[0] & 0x80, 0x80);
	dec_ok(&rx, ct, n, pt);
	for (; i < 0x300; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	mppe_wipe(&tx);
	mppe_wipe(&rx);
}

/* Stateless: late packets dropped, gaps cost bounded key changes. */
static void
test_stateless_late_and_ahead(void **state)
{
	struct mppe_dir	tx, rx, copy;
	uint8_t		start[16], pt[300], ct[302], old[302], oldpt[300];
	enum gre_drop	why;
	size_t		n, oldn;
	unsigned	i, drops = 0;

	hex(START128, start, 16);
	assert_int_equal(mppe_init(&tx, start, MPPE_128, true), HP_OK);
	assert_int_equal(mppe_init(&rx, start, MPPE_128, true), HP_OK);
	oldn = enc(&tx, 0, oldpt, old);
	dec_ok(&rx, old, oldn, oldpt);
	/* The same count again (replay) is dropped. */
	assert_int_equal(dec(&rx, old, oldn, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_LATE);
	/* Small gaps (loss) are followed. */
	for (i = 1; i < 100; i++) {
		n = enc(&tx, i, pt, ct);
		if (i % 3 == 0)
			dec_ok(&rx, ct, n, pt);
	}
	/* A packet 4095 behind would cost ~4095 key changes elsewhere:
	 * here it is dropped and the key is untouched. */
	memcpy(&copy, &rx, sizeof(copy));
	assert_int_equal(dec(&rx, old, oldn, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_LATE);
	assert_memory_equal(&copy, &rx, sizeof(copy));
	/* A gap of 1000 (lost packets): key catches up 32 per packet. */
	for (i = 100; i < 1100; i++)
		(void)enc(&tx, i, pt, ct);
	for (; i < 1200; i++) {
		unsigned before = rx.ccount;

		n = enc(&tx, i, pt, ct);
		if (dec(&rx, ct, n, &why) == MPPE_RX_OK) {
			break;
		}
		assert_int_equal(why, GRE_DROP_MPPE_CATCHUP);
		assert_int_equal((rx.ccount - before) & 0xfff, MPPE_MAX_REKEY);
		drops++;
	}
	assert_true(drops > 0 && drops < 40);
	for (i++; i < 1300; i++) {
		n = enc(&tx, i, pt, ct);
		dec_ok(&rx, ct, n, pt);
	}
	mppe_wipe(&tx);
	mppe_wipe(&rx);
}

static void
test_bad_flags(void **state)
{
	struct mppe_dir	tx, rx, sf;
	uint8_t		start[16], pt[300], ct[302];
	enum gre_drop	why;
	size_t		n;

	hex(START128, start, 16);
	assert_int_equal(mppe_init(&tx, start, MPPE_128, true), HP_OK);
	assert_int_equal(mppe_init(&rx, start, MPPE_128, true), HP_OK);
	assert_int_equal(mppe_init(&sf, start, MPPE_128, false), HP_OK);
	n = enc(&tx, 0, pt, ct);
	ct[0] &= (uint8_t)~0x10;			/* D clear */
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_FLAGS);
	ct[0] |= 0x10 | 0x20;				/* C set */
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_FLAGS);
	ct[0] &= (uint8_t)~(0x20 | 0x80);		/* stateless, no A */
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_FLAGS);
	ct[0] = 0x10 | 0x00;				/* flag packet, no A */
	ct[1] = 0xff;
	assert_int_equal(dec(&sf, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_FLAGS);
	assert_int_equal(dec(&rx, ct, 2, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_SHORT);
	mppe_wipe(&rx);
	assert_int_equal(dec(&rx, ct, n, &why), MPPE_RX_DROP);
	assert_int_equal(why, GRE_DROP_MPPE_OFF);
	mppe_wipe(&tx);
	mppe_wipe(&sf);
}

static void
test_wipe(void **state)
{
	struct mppe_dir	d;
	uint8_t		start[16], zero[sizeof(d)];

	hex(START128, start, 16);
	/* only a stateful direction holds RC4 state of its own */
	assert_int_equal(mppe_init(&d, start, MPPE_128, true), HP_OK);
	assert_null(d.rc4);
	mppe_wipe(&d);
	assert_int_equal(mppe_init(&d, start, MPPE_128, false), HP_OK);
	assert_non_null(d.rc4);
	mppe_rekey(&d);
	mppe_wipe(&d);
	memset(zero, 0, sizeof(zero));
	assert_memory_equal(&d, zero, sizeof(d));
}

/* gre's start-up self-test: the linked RC4 and SHA-1 give RFC 3079 3.5. */
static void
test_lib_init(void **state)
{
	assert_int_equal(mppe_lib_init(), HP_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3079_vectors),
		cmocka_unit_test(test_reject_strength),
		cmocka_unit_test(test_cross_stateless),
		cmocka_unit_test(test_cross_stateful),
		cmocka_unit_test(test_stateful_loss_reset),
		cmocka_unit_test(test_stateful_loss_across_flags),
		cmocka_unit_test(test_stateful_gap_then_flag),
		cmocka_unit_test(test_stateless_late_and_ahead),
		cmocka_unit_test(test_bad_flags),
		cmocka_unit_test(test_wipe),
		cmocka_unit_test(test_lib_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
