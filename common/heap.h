/*
 * An indexed binary min-heap of timers: items are small integers
 * 0..max-1 (a table's slot numbers), each at most once in the heap with
 * a 64-bit key (a deadline).  Setting, moving and removing one item is
 * O(log n), the earliest is at the top in O(1), so an event loop never
 * walks items that are not due.  All memory (16 bytes per item) is
 * allocated at heap_init(); nothing allocates afterwards.
 */
#ifndef HP_COMMON_HEAP_H
#define HP_COMMON_HEAP_H

#include <stdbool.h>
#include <stdint.h>

struct heap {
	uint32_t	*at;		/* [max]: the item at each place */
	uint32_t	*pos;		/* [max]: each item's place + 1; 0: out */
	uint64_t	*key;		/* [max]: each item's key (pos != 0) */
	uint32_t	 n;		/* items in the heap */
	uint32_t	 max;
};

/* HP_OK, HP_E_RANGE (max 0), HP_E_NOMEM. */
int	heap_init(struct heap *, uint32_t max);
void	heap_fini(struct heap *);
/* Put item in the heap with key, or move it there (item < max). */
void	heap_set(struct heap *, uint32_t item, uint64_t key);
/* Take item out (nothing if it is not in). */
void	heap_del(struct heap *, uint32_t item);
bool	heap_has(const struct heap *, uint32_t item);
/* The earliest: true with its item and key, false if the heap is empty. */
bool	heap_top(const struct heap *, uint32_t *item, uint64_t *key);
/* The invariants, for tests: every parent no later, every place right. */
bool	heap_valid(const struct heap *);

#endif
