/*
 * hpptpd: random bytes for the small values of a login.  A login drew
 * them a few bytes at a time -- a Call ID, a Magic-Number, a CHAP
 * identifier, an IPV6CP interface id, a challenge -- and each draw was
 * a getrandom(2) (libsodium's randombytes_buf), four or five a login in
 * ctrl and one in master: system calls that set-up time is made of
 * (issue 18).  So libsodium fills a pool of HP_RAND_POOL bytes and the
 * draws take from it: one system call per 50 or so logins.
 *
 * The bytes are libsodium's, unchanged: this is a buffer, not a
 * generator.  Each byte is handed out once and wiped from the pool as
 * it goes; a draw larger than the pool goes to libsodium directly.
 * Keys never come from here (MPPE keys come from MS-CHAPv2, in auth).
 * A process that forks without exec must not use the pool in both
 * copies; none here does (workers and hooks exec).
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "common/rand.h"

static uint8_t	pool[HP_RAND_POOL];
static size_t	left;		/* unused bytes, at the pool's end */

void
hp_random(void *buf, size_t n)
{
	uint8_t	*out = buf;
	size_t	 k;

	if (n > sizeof(pool)) {
		randombytes_buf(buf, n);
		return;
	}
	while (n > 0) {
		if (left == 0) {
			randombytes_buf(pool, sizeof(pool));
			left = sizeof(pool);
		}
		k = n < left ? n : left;
		memcpy(out, pool + sizeof(pool) - left, k);
		sodium_memzero(pool + sizeof(pool) - left, k);
		left -= k;
		out += k;
		n -= k;
	}
}
