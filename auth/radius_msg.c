/*
 * hpptpd auth: RADIUS packet decoder.  Every byte goes through the
 * bounded reader of common/rd.h; an attribute's length is compared only
 * with what is left, never added to anything first.  The packet stays
 * the caller's: attributes are recorded as offsets into it.  See
 * radius_msg.h for what is checked.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "auth/radius_dict.h"
#include "auth/radius_msg.h"

/* The walk's state: the packet being filled and what was seen once. */
struct dec {
	const uint8_t		*buf;
	struct radius_pkt	*p;
	uint8_t			 seen[RADIUS_DICT_CAP / 8];
};

static int	dec_attrs(struct dec *, struct rd *);
static int	dec_vsa(struct dec *, size_t, struct rd *);
static int	dec_add(struct dec *, uint32_t, uint8_t, size_t,
		    const struct rd *);
static size_t	dec_off(const struct dec *, const struct rd *);

int
radius_decode(const uint8_t *buf, size_t len, struct radius_pkt *p)
{
	struct dec d;
	struct rd r;
	int e;

	memset(p, 0, sizeof(*p));
	p->ma = -1;
	if (len < RADIUS_HDR_LEN)
		return RADIUS_E_SHORT;
	if (len > RADIUS_MAX_LEN)
		return RADIUS_E_TOOBIG;
	rd_init(&r, buf, len);
	(void)rd_u8(&r, &p->code);
	(void)rd_u8(&r, &p->id);
	(void)rd_u16(&r, &p->len);
	(void)rd_bytes(&r, p->auth, RADIUS_AUTH_LEN);
	p->buf = buf;
	if (p->len < RADIUS_HDR_LEN || p->len > RADIUS_MAX_LEN)
		e = RADIUS_E_LENGTH;
	else if (p->len > len)
		e = RADIUS_E_SHORT;	/* RFC 2865 section 3: discard */
	else if (!radius_code_known(p->code))
		e = RADIUS_E_CODE;
	else {
		/* Bytes past Length are padding (RFC 2865 section 3). */
		rd_init(&r, buf + RADIUS_HDR_LEN, p->len - RADIUS_HDR_LEN);
		memset(&d, 0, sizeof(d));
		d.buf = buf;
		d.p = p;
		e = dec_attrs(&d, &r);
	}
	if (e != HP_OK) {
		/* Keep the header for the log line; no attribute is usable. */
		p->nattr = 0;
		p->ma = -1;
	}
	return e;
}

/* The attribute list: type, length >= 2, value within what is left. */
static int
dec_attrs(struct dec *d, struct rd *r)
{
	struct rd val;
	size_t hoff;
	uint8_t type, alen;
	int e;

	while (r->left > 0) {
		hoff = dec_off(d, r);
		if (rd_u8(r, &type) != HP_OK || rd_u8(r, &alen) != HP_OK)
			return RADIUS_E_ATTR_LEN;	/* one stray byte */
		if (alen < 2)
			return RADIUS_E_ATTR_LEN;
		if (rd_sub(r, alen - 2, &val) != HP_OK)
			return RADIUS_E_ATTR_OVERRUN;
		if (type == RA_VENDOR_SPECIFIC)
			e = dec_vsa(d, hoff, &val);
		else
			e = dec_add(d, 0, type, hoff, &val);
		if (e != HP_OK)
			return e;
	}
	return HP_OK;
}

/*
 * A Vendor-Specific attribute: Vendor-Id, then, for the vendors we know
 * to use it, RFC 2865's sub-attribute format (type, length >= 2, value),
 * possibly several in one VSA.  Others are kept whole and not used.
 */
static int
dec_vsa(struct dec *d, size_t hoff, struct rd *v)
{
	struct rd whole = *v, sub;
	uint32_t vendor;
	uint8_t type, slen;
	int e;

	if (rd_u32(v, &vendor) != HP_OK || v->left == 0)
		return RADIUS_E_VSA;
	if (!radius_dict_vendor_walked(vendor))
		return dec_add(d, 0, RA_VENDOR_SPECIFIC, hoff, &whole);
	while (v->left > 0) {
		if (rd_u8(v, &type) != HP_OK || rd_u8(v, &slen) != HP_OK ||
		    slen < 2 || rd_sub(v, slen - 2, &sub) != HP_OK)
			return RADIUS_E_VSA;
		if ((e = dec_add(d, vendor, type, hoff, &sub)) != HP_OK)
			return e;
	}
	return HP_OK;
}

/* Record one attribute after its dictionary row (if any) accepts it. */
static int
dec_add(struct dec *d, uint32_t vendor, uint8_t type, size_t hoff,
    const struct rd *val)
{
	struct radius_pkt *p = d->p;
	struct radius_attr *a;
	const struct radius_dict *def;
	size_t i;
	int e;

	if (p->nattr == RADIUS_MAX_ATTRS)
		return RADIUS_E_TOO_MANY;
	if ((def = radius_dict_find(vendor, type)) != NULL) {
		if ((e = radius_dict_check(def, val->p, val->left)) != HP_OK)
			return e;
		i = radius_dict_index(def);
		if ((def->flags & RD_ONCE) &&
		    (d->seen[i / 8] & (1U << (i % 8))) != 0)
			return vendor == 0 && type == RA_MESSAGE_AUTHENTICATOR ?
			    RADIUS_E_MA_DUP : RADIUS_E_DUP;
		d->seen[i / 8] |= (uint8_t)(1U << (i % 8));
	}
	if (vendor == 0 && type == RA_MESSAGE_AUTHENTICATOR)
		p->ma = (int)p->nattr;
	a = &p->attr[p->nattr++];
	a->vendor = vendor;
	a->type = type;
	a->len = (uint8_t)val->left;
	a->off = (uint16_t)dec_off(d, val);
	a->hoff = (uint16_t)hoff;
	a->def = def;
	return HP_OK;
}

/* Offset of a reader's next byte from the packet start (<= 4096). */
static size_t
dec_off(const struct dec *d, const struct rd *r)
{
	return (size_t)(r->p - d->buf);
}

const struct radius_attr *
radius_find(const struct radius_pkt *p, uint32_t vendor, uint8_t type)
{
	size_t i;

	for (i = 0; i < p->nattr; i++)
		if (p->attr[i].vendor == vendor && p->attr[i].type == type)
			return &p->attr[i];
	return NULL;
}

const struct radius_attr *
radius_find_next(const struct radius_pkt *p, const struct radius_attr *prev)
{
	size_t i;

	for (i = (size_t)(prev - p->attr) + 1; i < p->nattr; i++)
		if (p->attr[i].vendor == prev->vendor &&
		    p->attr[i].type == prev->type)
			return &p->attr[i];
	return NULL;
}

const uint8_t *
radius_attr_value(const struct radius_pkt *p, const struct radius_attr *a)
{
	return p->buf + a->off;
}

int
radius_get_u32(const struct radius_pkt *p, uint32_t vendor, uint8_t type,
    uint32_t *v)
{
	const struct radius_attr *a;
	struct rd r;

	*v = 0;
	if ((a = radius_find(p, vendor, type)) == NULL)
		return HP_E_NOTFOUND;
	/* Not every attribute is an integer: check, do not trust the row. */
	if (a->len != 4)
		return RADIUS_E_DICT;
	rd_init(&r, radius_attr_value(p, a), a->len);
	(void)rd_u32(&r, v);
	return HP_OK;
}

int
radius_get_tagged_u32(const struct radius_pkt *p, uint8_t type, uint8_t *tag,
    uint32_t *v)
{
	const struct radius_attr *a;
	const uint8_t *b;

	*v = 0;
	*tag = 0;
	if ((a = radius_find(p, 0, type)) == NULL)
		return HP_E_NOTFOUND;
	b = radius_attr_value(p, a);
	if (a->len != 4 || b[0] > RADIUS_TAG_MAX)
		return RADIUS_E_DICT;
	*tag = b[0];
	*v = (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return HP_OK;
}

/*
 * MS-CHAP2-Success (RFC 2548 2.3.3): Ident, then "S=" and 40 hex
 * digits, what the peer checks (RFC 2759 section 5).  Anything else is
 * not relayed.
 */
int
radius_get_ms_chap2_success(const struct radius_pkt *p, uint8_t *ident,
    char resp[RADIUS_MS_CHAP2_SUCC_LEN])
{
	const struct radius_attr *a;
	const uint8_t *b;
	size_t i;

	*ident = 0;
	memset(resp, 0, RADIUS_MS_CHAP2_SUCC_LEN);
	if ((a = radius_find(p, RADIUS_VENDOR_MICROSOFT,
	    RA_MS_CHAP2_SUCCESS)) == NULL)
		return HP_E_NOTFOUND;
	b = radius_attr_value(p, a);
	if (a->len != RADIUS_MS_CHAP2_SUCC_LEN || b[1] != 'S' || b[2] != '=')
		return RADIUS_E_DICT;
	for (i = 3; i < RADIUS_MS_CHAP2_SUCC_LEN; i++)
		if (!((b[i] >= '0' && b[i] <= '9') ||
		    (b[i] >= 'A' && b[i] <= 'F') ||
		    (b[i] >= 'a' && b[i] <= 'f')))
			return RADIUS_E_DICT;
	*ident = b[0];
	memcpy(resp, b + 1, RADIUS_MS_CHAP2_SUCC_LEN - 1);
	return HP_OK;
}
