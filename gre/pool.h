/*
 * hpptpd gre: a fixed pool of packet buffers shared by all sessions,
 * for GRE payloads held in a reorder window.  Allocated once at start;
 * per-session state only keeps 16-bit indices, so a session costs a
 * few bytes for its window instead of SEQ_WIN whole packets.
 */
#ifndef HP_GRE_POOL_H
#define HP_GRE_POOL_H

#include <stddef.h>
#include <stdint.h>

#define GRE_POOL_BUFSZ		2048	/* >= GRE_PAYLOAD_MAX */
#define GRE_POOL_NONE		0xffff	/* no buffer */
#define GRE_POOL_MAXN		0xfff0

struct gre_pool {
	uint8_t		*mem;		/* n buffers of GRE_POOL_BUFSZ */
	uint16_t	*len;		/* bytes used in each */
	uint16_t	*free;		/* stack of free indices */
	unsigned	 nfree;
	unsigned	 n;
};

int	 gre_pool_init(struct gre_pool *, unsigned n);
void	 gre_pool_fini(struct gre_pool *);
/* Copy len bytes into a free buffer; GRE_POOL_NONE if none or too long. */
uint16_t gre_pool_put_data(struct gre_pool *, const uint8_t *, size_t);
void	 gre_pool_free(struct gre_pool *, uint16_t);

static inline const uint8_t *
gre_pool_data(const struct gre_pool *p, uint16_t i)
{
	return p->mem + (size_t)i * GRE_POOL_BUFSZ;
}

static inline size_t
gre_pool_len(const struct gre_pool *p, uint16_t i)
{
	return p->len[i];
}

#endif /* HP_GRE_POOL_H */
