/* hpptpd: indexed binary min-heap of timers (see heap.h). */
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/heap.h"

int
heap_init(struct heap *h, uint32_t max)
{
	memset(h, 0, sizeof(*h));
	if (max == 0)
		return HP_E_RANGE;
	h->at = calloc(max, sizeof(*h->at));
	h->pos = calloc(max, sizeof(*h->pos));
	h->key = calloc(max, sizeof(*h->key));
	if (h->at == NULL || h->pos == NULL || h->key == NULL) {
		heap_fini(h);
		return HP_E_NOMEM;
	}
	h->max = max;
	return HP_OK;
}

void
heap_fini(struct heap *h)
{
	free(h->at);
	free(h->pos);
	free(h->key);
	memset(h, 0, sizeof(*h));
}

static void
place(struct heap *h, uint32_t p, uint32_t item)
{
	h->at[p] = item;
	h->pos[item] = p + 1;
}

static void
sift_up(struct heap *h, uint32_t p)
{
	uint32_t item = h->at[p], up;
	uint64_t k = h->key[item];

	while (p > 0) {
		up = (p - 1) / 2;
		if (h->key[h->at[up]] <= k)
			break;
		place(h, p, h->at[up]);
		p = up;
	}
	place(h, p, item);
}

static void
sift_down(struct heap *h, uint32_t p)
{
	uint32_t item = h->at[p], c;
	uint64_t k = h->key[item];

	for (;;) {
		c = 2 * p + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->key[h->at[c + 1]] < h->key[h->at[c]])
			c++;
		if (k <= h->key[h->at[c]])
			break;
		place(h, p, h->at[c]);
		p = c;
	}
	place(h, p, item);
}

void
heap_set(struct heap *h, uint32_t item, uint64_t key)
{
	uint64_t old;

	if (item >= h->max)
		return;
	old = h->key[item];
	h->key[item] = key;
	if (h->pos[item] == 0) {
		place(h, h->n++, item);	/* n < max: each item once */
		sift_up(h, h->n - 1);
	} else if (key < old)
		sift_up(h, h->pos[item] - 1);
	else
		sift_down(h, h->pos[item] - 1);
}

void
heap_del(struct heap *h, uint32_t item)
{
	uint32_t p, last;

	if (item >= h->max || h->pos[item] == 0)
		return;
	p = h->pos[item] - 1;
	h->pos[item] = 0;
	h->key[item] = 0;
	if (--h->n == p)
		return;
	/* The last item fills the hole and moves whichever way it must. */
	last = h->at[h->n];
	place(h, p, last);
	sift_up(h, p);
	if (h->pos[last] - 1 == p)
		sift_down(h, p);
}

bool
heap_has(const struct heap *h, uint32_t item)
{
	return item < h->max && h->pos[item] != 0;
}

bool
heap_top(const struct heap *h, uint32_t *item, uint64_t *key)
{
	if (h->n == 0)
		return false;
	*item = h->at[0];
	*key = h->key[h->at[0]];
	return true;
}

bool
heap_valid(const struct heap *h)
{
	uint32_t i, in = 0;

	for (i = 0; i < h->n; i++) {
		if (h->at[i] >= h->max || h->pos[h->at[i]] != i + 1)
			return false;
		if (i > 0 && h->key[h->at[(i - 1) / 2]] > h->key[h->at[i]])
			return false;
	}
	for (i = 0; i < h->max; i++)
		in += h->pos[i] != 0;
	return in == h->n;
}
