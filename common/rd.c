/* hpptpd: bounded reader and writer. */
#include <string.h>

#include "common/err.h"
#include "common/rd.h"

void
rd_init(struct rd *r, const void *p, size_t len)
{
	r->p = p;
	r->left = p != NULL ? len : 0;
}

/*
 * The one bound of the reader: n bytes at *at and past them, or
 * HP_E_SHORT and nothing moved.
 */
static int
rd_take(struct rd *r, size_t n, const uint8_t **at)
{
	if (r->left < n)
		return HP_E_SHORT;
	*at = r->p;
	r->p += n;
	r->left -= n;
	return HP_OK;
}

int
rd_bytes(struct rd *r, void *out, size_t n)
{
	const uint8_t *at;

	if (rd_take(r, n, &at) != HP_OK)
		return HP_E_SHORT;
	if (n > 0)
		memcpy(out, at, n);
	return HP_OK;
}

int
rd_skip(struct rd *r, size_t n)
{
	const uint8_t *at;

	return rd_take(r, n, &at);
}

int
rd_sub(struct rd *r, size_t n, struct rd *sub)
{
	const uint8_t *at;

	if (rd_take(r, n, &at) != HP_OK)
		return HP_E_SHORT;
	sub->p = at;
	sub->left = n;
	return HP_OK;
}

int
rd_u8(struct rd *r, uint8_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 1, &at) != HP_OK)
		return HP_E_SHORT;
	*v = at[0];
	return HP_OK;
}

int
rd_u16(struct rd *r, uint16_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 2, &at) != HP_OK)
		return HP_E_SHORT;
	*v = (uint16_t)((at[0] << 8) | at[1]);
	return HP_OK;
}

int
rd_u16_le(struct rd *r, uint16_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 2, &at) != HP_OK)
		return HP_E_SHORT;
	*v = (uint16_t)((at[1] << 8) | at[0]);
	return HP_OK;
}

int
rd_u32(struct rd *r, uint32_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 4, &at) != HP_OK)
		return HP_E_SHORT;
	*v = ((uint32_t)at[0] << 24) | ((uint32_t)at[1] << 16) |
	    ((uint32_t)at[2] << 8) | at[3];
	return HP_OK;
}

int
rd_peek_u8(const struct rd *r, uint8_t *v)
{
	if (r->left < 1)
		return HP_E_SHORT;
	*v = r->p[0];
	return HP_OK;
}

int
rd_peek_u16(const struct rd *r, uint16_t *v)
{
	if (r->left < 2)
		return HP_E_SHORT;
	*v = (uint16_t)((r->p[0] << 8) | r->p[1]);
	return HP_OK;
}

void
wr_init(struct wr *w, void *p, size_t cap)
{
	w->p = p;
	w->len = 0;
	w->cap = p != NULL ? cap : 0;
	w->err = HP_OK;
}

uint8_t *
wr_reserve(struct wr *w, size_t n)
{
	uint8_t *at;

	if (w->err != HP_OK)
		return NULL;
	if (w->cap - w->len < n) {
		w->err = HP_E_LONG;
		return NULL;
	}
	at = w->p + w->len;
	w->len += n;
	return at;
}

void
wr_bytes(struct wr *w, const void *src, size_t n)
{
	uint8_t *at;

	if ((at = wr_reserve(w, n)) != NULL && n > 0)
		memcpy(at, src, n);
}

void
wr_zero(struct wr *w, size_t n)
{
	uint8_t *at;

	if ((at = wr_reserve(w, n)) != NULL && n > 0)
		memset(at, 0, n);
}

void
wr_u8(struct wr *w, uint8_t v)
{
	wr_bytes(w, &v, 1);
}

void
wr_u16(struct wr *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	wr_bytes(w, b, 2);
}

void
wr_u32(struct wr *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	wr_bytes(w, b, 4);
}

void
wr_put_u16_at(struct wr *w, size_t off, uint16_t v)
{
	if (w->err != HP_OK)
		return;
	if (off > w->len || w->len - off < 2) {
		w->err = HP_E_RANGE;
		return;
	}
	w->p[off] = (uint8_t)(v >> 8);
	w->p[off + 1] = (uint8_t)v;
}
