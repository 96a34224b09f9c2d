/* hpptpd ctrl: PPP control-protocol option walker. */
#include <string.h>

#include "common/err.h"
#include "common/rd.h"
#include "ctrl/cpopt.h"

void
cpopt_iter_init(struct cpopt_iter *it, const struct rd *r, bool dup)
{
	memset(it, 0, sizeof(*it));
	it->r = *r;
	it->check_dup = dup;
}

int
cpopt_next(struct cpopt_iter *it, struct cpopt *o)
{
	const uint8_t *start;
	uint8_t type, len;
	int rv;

	memset(o, 0, sizeof(*o));
	if (it->r.left == 0)
		return 0;
	start = it->r.p;
	if ((rv = rd_u8(&it->r, &type)) != HP_OK ||
	    (rv = rd_u8(&it->r, &len)) != HP_OK)
		return rv;
	/* len counts the 2 header bytes: 0 or 1 is malformed, not "empty". */
	if (len < 2)
		return HP_E_BADLEN;
	if ((rv = rd_sub(&it->r, (size_t)len - 2, &o->val)) != HP_OK)
		return HP_E_BADLEN;
	if (it->check_dup) {
		uint32_t bit = 1u << (type & 31);

		if (it->seen[type >> 5] & bit)
			return HP_E_DUP;
		it->seen[type >> 5] |= bit;
	}
	o->type = type;
	o->len = len;
	o->raw = start;
	return 1;
}

int
cpopt_validate(const struct rd *r, bool dup)
{
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	cpopt_iter_init(&it, r, dup);
	while ((rv = cpopt_next(&it, &o)) == 1)
		;
	return rv;
}

int
cpopt_has(const struct rd *r, uint8_t type, bool *found)
{
	struct cpopt_iter it;
	struct cpopt o;
	int rv;

	*found = false;
	cpopt_iter_init(&it, r, true);
	while ((rv = cpopt_next(&it, &o)) == 1)
		if (o.type == type)
			*found = true;
	return rv;
}

int
cpopt_val_u16(const struct cpopt *o, uint16_t *v)
{
	struct rd r = o->val;

	*v = 0;
	if (r.left != 2)
		return HP_E_BADLEN;
	return rd_u16(&r, v);
}

int
cpopt_val_u32(const struct cpopt *o, uint32_t *v)
{
	struct rd r = o->val;

	*v = 0;
	if (r.left != 4)
		return HP_E_BADLEN;
	return rd_u32(&r, v);
}

void
cpopt_put(struct wr *w, uint8_t type, const void *val, size_t vlen)
{
	if (vlen > 253) {
		if (w->err == HP_OK)
			w->err = HP_E_LONG;
		return;
	}
	wr_u8(w, type);
	wr_u8(w, (uint8_t)(vlen + 2));
	wr_bytes(w, val, vlen);
}

void
cpopt_put_u16(struct wr *w, uint8_t type, uint16_t v)
{
	wr_u8(w, type);
	wr_u8(w, 4);
	wr_u16(w, v);
}

void
cpopt_put_u32(struct wr *w, uint8_t type, uint32_t v)
{
	wr_u8(w, type);
	wr_u8(w, 6);
	wr_u32(w, v);
}

void
cpopt_put_raw(struct wr *w, const struct cpopt *o)
{
	wr_bytes(w, o->raw, o->len);
}

void
cpreply_init(struct cpopt_reply *cr, struct wr *out, bool allow_nak)
{
	cr->rej = out;
	cr->allow_nak = allow_nak;
	wr_init(&cr->nak, cr->nakbuf, sizeof(cr->nakbuf));
}

void
cpreply_rej(struct cpopt_reply *cr, const struct cpopt *o)
{
	cpopt_put_raw(cr->rej, o);
}

void
cpreply_nak(struct cpopt_reply *cr, const struct cpopt *o, const void *val,
    size_t vlen)
{
	if (!cr->allow_nak) {
		cpreply_rej(cr, o);
		return;
	}
	cpopt_put(&cr->nak, o->type, val, vlen);
}

void
cpreply_nak_u16(struct cpopt_reply *cr, const struct cpopt *o, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	cpreply_nak(cr, o, b, sizeof(b));
}

void
cpreply_nak_u32(struct cpopt_reply *cr, const struct cpopt *o, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	cpreply_nak(cr, o, b, sizeof(b));
}

void
cpreply_nak_new(struct cpopt_reply *cr, uint8_t type, const void *val,
    size_t vlen)
{
	if (cr->allow_nak)
		cpopt_put(&cr->nak, type, val, vlen);
}

int
cpreply_finish(struct cpopt_reply *cr)
{
	if (cr->rej->err != HP_OK)
		return cr->rej->err;
	if (cr->rej->len > 0)
		return CP_CONFREJ;
	if (cr->nak.err != HP_OK)
		return cr->nak.err;
	if (cr->nak.len > 0) {
		wr_bytes(cr->rej, cr->nakbuf, cr->nak.len);
		return cr->rej->err != HP_OK ? cr->rej->err : CP_CONFNAK;
	}
	return CP_CONFACK;
}
