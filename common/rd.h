/*
 * hpptpd: the one bounded reader for untrusted bytes (network, files).
 * Every getter checks the remaining length first and returns HP_E_SHORT
 * without moving when there is not enough; values are big-endian
 * (network order) unless the name says _le.
 */
#ifndef HP_RD_H
#define HP_RD_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

struct rd {
	const uint8_t	*p;	/* next unread byte */
	size_t		 left;	/* bytes left */
};

void	rd_init(struct rd *, const void *, size_t);
static inline int	rd_u8(struct rd *, uint8_t *);
static inline int	rd_u16(struct rd *, uint16_t *);
static inline int	rd_u32(struct rd *, uint32_t *);
int	rd_u16_le(struct rd *, uint16_t *);
int	rd_bytes(struct rd *, void *, size_t);
int	rd_skip(struct rd *, size_t);
/* A sub-reader over the next n bytes, consumed from r. */
int	rd_sub(struct rd *, size_t, struct rd *);
/* Peek without consuming. */
int	rd_peek_u8(const struct rd *, uint8_t *);
int	rd_peek_u16(const struct rd *, uint16_t *);

/* A bounded writer into a caller's buffer; errors are sticky. */
struct wr {
	uint8_t		*p;
	size_t		 len;	/* bytes written */
	size_t		 cap;
	int		 err;	/* HP_OK or the first error */
};

void	wr_init(struct wr *, void *, size_t);
static inline void	wr_u8(struct wr *, uint8_t);
static inline void	wr_u16(struct wr *, uint16_t);
static inline void	wr_u32(struct wr *, uint32_t);
void	wr_bytes(struct wr *, const void *, size_t);
void	wr_zero(struct wr *, size_t);
/* Reserve n bytes and return where they start (NULL on overflow). */
static inline uint8_t	*wr_reserve(struct wr *, size_t);
/* Write a big-endian u16 at an earlier offset (length back-patching). */
void	wr_put_u16_at(struct wr *, size_t, uint16_t);

/*
 * The fixed-size getters and setters run several times per packet on
 * the data path (GRE and IP headers each way): inline, so that a
 * field costs a compare and a load, not a call.
 */

/*
 * The one bound of the reader: n bytes at *at and past them, or
 * HP_E_SHORT and nothing moved.
 */
static inline int
rd_take(struct rd *r, size_t n, const uint8_t **at)
{
	if (r->left < n)
		return HP_E_SHORT;
	*at = r->p;
	r->p += n;
	r->left -= n;
	return HP_OK;
}

static inline int
rd_u8(struct rd *r, uint8_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 1, &at) != HP_OK)
		return HP_E_SHORT;
	*v = at[0];
	return HP_OK;
}

static inline int
rd_u16(struct rd *r, uint16_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 2, &at) != HP_OK)
		return HP_E_SHORT;
	*v = (uint16_t)((at[0] << 8) | at[1]);
	return HP_OK;
}

static inline int
rd_u32(struct rd *r, uint32_t *v)
{
	const uint8_t *at;

	if (rd_take(r, 4, &at) != HP_OK)
		return HP_E_SHORT;
	*v = ((uint32_t)at[0] << 24) | ((uint32_t)at[1] << 16) |
	    ((uint32_t)at[2] << 8) | at[3];
	return HP_OK;
}

static inline uint8_t *
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

static inline void
wr_u8(struct wr *w, uint8_t v)
{
	uint8_t *at;

	if ((at = wr_reserve(w, 1)) != NULL)
		at[0] = v;
}

static inline void
wr_u16(struct wr *w, uint16_t v)
{
	uint8_t *at;

	if ((at = wr_reserve(w, 2)) != NULL) {
		at[0] = (uint8_t)(v >> 8);
		at[1] = (uint8_t)v;
	}
}

static inline void
wr_u32(struct wr *w, uint32_t v)
{
	uint8_t *at;

	if ((at = wr_reserve(w, 4)) != NULL) {
		at[0] = (uint8_t)(v >> 24);
		at[1] = (uint8_t)(v >> 16);
		at[2] = (uint8_t)(v >> 8);
		at[3] = (uint8_t)v;
	}
}

#endif /* HP_RD_H */
