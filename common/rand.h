/*
 * hpptpd: random bytes for the small values of a login (Call IDs,
 * Magic-Numbers, CHAP identifiers, challenges), from a pool that
 * libsodium fills HP_RAND_POOL bytes at a time.
 */
#ifndef HP_COMMON_RAND_H
#define HP_COMMON_RAND_H

#include <stddef.h>

#define HP_RAND_POOL	256

void	hp_random(void *, size_t);

#endif /* HP_COMMON_RAND_H */
