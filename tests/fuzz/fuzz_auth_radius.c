/*
 * libFuzzer target: the RADIUS decoder and dictionary (auth/radius_msg.c,
 * auth/radius_dict.c).  The input is one datagram.  What decodes must
 * keep the decoder's promises (every value inside Length, every known
 * attribute passing its row, Message-Authenticator's index right), the
 * typed getters must not misread it, and every dictionary attribute
 * must be accepted by the encoder again: we never receive what we
 * would refuse to send.  Seeds: RFC 2865 section 7's packets, our
 * Access-Request and Accounting-Request vectors, an Accept with every
 * attribute kind (tests/fuzz/corpus/auth_radius/).
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
static struct radius_pkt p;
static uint8_t out[RADIUS_MAX_LEN];

static void
check_attr(const struct radius_attr *a, size_t i)
{
	if ((size_t)a->off + a->len > p.len || a->off < RADIUS_HDR_LEN + 2 ||
	    a->hoff < RADIUS_HDR_LEN || a->hoff >= a->off)
		abort();
	if (a->def != NULL && radius_dict_check(a->def,
	    radius_attr_value(&p, a), a->len) != HP_OK)
		abort();
	if ((a->vendor == 0 && a->type == RA_MESSAGE_AUTHENTICATOR) !=
	    (p.ma == (int)i))
		abort();
}

/* Every dictionary attribute, re-encoded one by one into an Accept. */
static void
reencode(void)
{
	struct radius_enc e;
	const struct radius_attr *a;
	size_t i, n;
	int r;

	if (radius_enc_init(&e, out, sizeof(out), RADIUS_ACCESS_ACCEPT, p.id,
	    p.auth, p.ma >= 0) != HP_OK)
		abort();
	for (i = 0; i < p.nattr; i++) {
		a = &p.attr[i];
		if (a->def == NULL || (a->vendor == 0 &&
		    (a->type == RA_MESSAGE_AUTHENTICATOR ||
		    a->type == RA_VENDOR_SPECIFIC)))
			continue;
		if (a->vendor == 0)
			radius_put(&e, a->type, radius_attr_value(&p, a),
			    a->len);
		else
			radius_put_vsa(&e, a->vendor, a->type,
			    radius_attr_value(&p, a), a->len);
	}
	r = radius_enc_finish(&e, secret, sizeof(secret) - 1, &n, NULL);
	/* one VSA per sub-attribute may outgrow the original: no room */
	if (r != HP_OK && r != RADIUS_E_NOSPACE)
		abort();
	if (r == HP_OK && radius_decode(out, n, &p) != HP_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct radius_attr *a;
	uint8_t key[RADIUS_MPPE_KEY_MAX], tag, ident;
	char s[RADIUS_MS_CHAP2_SUCC_LEN];
	uint32_t v;
	size_t i;

	if (sodium_init() < 0)
		abort();
	if (radius_decode(data, size, &p) != HP_OK) {
		if (p.nattr != 0 || p.ma != -1)
			abort();
		return 0;
	}
	if (p.len > size || p.len < RADIUS_HDR_LEN ||
	    p.nattr > RADIUS_MAX_ATTRS || (p.ma >= 0 && (size_t)p.ma >=
	    p.nattr))
		abort();
	for (i = 0; i < p.nattr; i++) {
		a = &p.attr[i];
		check_attr(a, i);
		if (radius_find_next(&p, a) == a)
			abort();
		(void)radius_get_u32(&p, a->vendor, a->type, &v);
		if (a->def != NULL && a->def->kind == RK_SALTED)
			(void)radius_mppe_key_decrypt(radius_attr_value(&p, a),
			    a->len, p.auth, secret, sizeof(secret) - 1, key,
			    RADIUS_MPPE_KEY_LEN);
	}
	(void)radius_get_tagged_u32(&p, RA_TUNNEL_TYPE, &tag, &v);
	if (radius_get_ms_chap2_success(&p, &ident, s) == HP_OK &&
	    (strlen(s) != RADIUS_MS_CHAP2_SUCC_LEN - 1 || s[0] != 'S'))
		abort();
	(void)radius_verify_request(data, size, secret, sizeof(secret) - 1,
	    false, &p);
	if (radius_decode(data, size, &p) == HP_OK)
		reencode();
	return 0;
}
