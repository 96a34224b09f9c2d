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

struct rd {
	const uint8_t	*p;	/* next unread byte */
	size_t		 left;	/* bytes left */
};

void	rd_init(struct rd *, const void *, size_t);
int	rd_u8(struct rd *, uint8_t *);
int	rd_u16(struct rd *, uint16_t *);
int	rd_u32(struct rd *, uint32_t *);
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
void	wr_u8(struct wr *, uint8_t);
void	wr_u16(struct wr *, uint16_t);
void	wr_u32(struct wr *, uint32_t);
void	wr_bytes(struct wr *, const void *, size_t);
void	wr_zero(struct wr *, size_t);
/* Reserve n bytes and return where they start (NULL on overflow). */
uint8_t	*wr_reserve(struct wr *, size_t);
/* Write a big-endian u16 at an earlier offset (length back-patching). */
void	wr_put_u16_at(struct wr *, size_t, uint16_t);

#endif /* HP_RD_H */
