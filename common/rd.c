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
rd_u16_le(struct rd *r, uint16_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 2, &at) != HP_OK)
		return HP_E_SHORT;
	*v = (uint16_t)((at[1] << 8) | at[0]);
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
