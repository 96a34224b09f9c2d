/* hpptpd gre: shared reorder buffer pool. */
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "gre/pool.h"

int
gre_pool_init(struct gre_pool *p, unsigned n)
{
	unsigned	i;

	memset(p, 0, sizeof(*p));
	if (n == 0 || n > GRE_POOL_MAXN)
		return HP_E_RANGE;
	p->mem = calloc(n, GRE_POOL_BUFSZ);
	p->len = calloc(n, sizeof(*p->len));
	p->free = calloc(n, sizeof(*p->free));
	if (p->mem == NULL || p->len == NULL || p->free == NULL) {
		gre_pool_fini(p);
		return HP_E_NOMEM;
	}
	p->n = n;
	/* Hand out low indices first. */
	for (i = 0; i < n; i++)
		p->free[i] = (uint16_t)(n - 1 - i);
	p->nfree = n;
	return HP_OK;
}

void
gre_pool_fini(struct gre_pool *p)
{
	/* Held payloads are ciphertext, but wipe them anyway. */
	if (p->mem != NULL)
		explicit_bzero(p->mem, (size_t)p->n * GRE_POOL_BUFSZ);
	free(p->mem);
	free(p->len);
	free(p->free);
	memset(p, 0, sizeof(*p));
}

uint16_t
gre_pool_put_data(struct gre_pool *p, const uint8_t *d, size_t len)
{
	uint16_t	i;

	if (p->nfree == 0 || len > GRE_POOL_BUFSZ)
		return GRE_POOL_NONE;
	i = p->free[--p->nfree];
	memcpy(p->mem + (size_t)i * GRE_POOL_BUFSZ, d, len);
	p->len[i] = (uint16_t)len;
	return i;
}

void
gre_pool_free(struct gre_pool *p, uint16_t i)
{
	if (i >= p->n || p->nfree >= p->n)
		return;		/* caller bug; never corrupt the stack */
	p->len[i] = 0;
	p->free[p->nfree++] = i;
}
