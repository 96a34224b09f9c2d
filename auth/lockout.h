/*
 * hpptpd auth: failed-login throttling per user name and per source
 * address, in fixed memory.
 *
 * Rule: after `max_failures` failures whose first one is less than
 * `window_ms` old, the user (or source) is locked for `lock_ms`: every
 * attempt is refused, even with the right password, without being
 * verified or counted (so the lock does not grow while the attacker keeps
 * trying).  When a lock ends the count starts from zero.  A success
 * clears the user's count; a source's count is left to expire (else one
 * valid account would let a source reset its own count).
 *
 * Time is whatever monotonic millisecond clock the caller passes; nothing
 * here reads a clock.
 *
 * Memory: two tables of `capacity` entries each, allocated once by
 * lockout_create(); entries are keyed by a keyed BLAKE2b digest of the
 * name or address (an attacker cannot aim names at one bucket), grouped
 * in buckets of LOCKOUT_WAYS.  A new key takes a free or expired slot of
 * its bucket, else evicts the least useful one there: unlocked before
 * locked, then the lowest count, then the oldest.  A spray of random
 * names therefore only ever recycles slots.  IPv6 sources are tracked
 * per /64 (one host usually owns a whole /64); a peer with family 0 is
 * not tracked per source.
 */
#ifndef HP_AUTH_LOCKOUT_H
#define HP_AUTH_LOCKOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/peer.h"

#define LOCKOUT_WAYS			8
#define LOCKOUT_DEFAULT_MAX_FAILURES	5
#define LOCKOUT_DEFAULT_WINDOW_MS	(60 * 1000)
#define LOCKOUT_DEFAULT_LOCK_MS		(5 * 60 * 1000)
#define LOCKOUT_DEFAULT_CAPACITY	4096
#define LOCKOUT_MAX_CAPACITY		(1 << 20)

struct lockout_conf {
	unsigned	max_failures;	/* 1..; 0 turns lockout off */
	uint64_t	window_ms;	/* > 0 */
	uint64_t	lock_ms;	/* > 0 */
	size_t		capacity;	/* entries per table, LOCKOUT_WAYS.. */
};

/* What lockout_check / lockout_fail report: a bit per scope. */
enum lockout_scope {
	LOCKOUT_USER = 1,
	LOCKOUT_PEER = 2,
};
const char *lockout_scope_name(enum lockout_scope);

struct lockout;

void	lockout_conf_default(struct lockout_conf *);
/*
 * NULL if the configuration is out of range (capacity is rounded up to a
 * multiple of LOCKOUT_WAYS, at most LOCKOUT_MAX_CAPACITY) or on no memory.
 */
struct lockout *lockout_create(const struct lockout_conf *);
void	lockout_destroy(struct lockout *);

/*
 * Which scopes are locked at now_ms (0 if none).  *until_ms (may be NULL)
 * is the latest end of the locks found, else 0.
 */
unsigned lockout_check(struct lockout *, const void *user, size_t ulen,
	    const struct auth_peer *, uint64_t now_ms, uint64_t *until_ms);
/* Count one failure; returns the scopes this failure locked. */
unsigned lockout_fail(struct lockout *, const void *user, size_t ulen,
	    const struct auth_peer *, uint64_t now_ms);
/* A successful login: forget the user's failures. */
void	lockout_success(struct lockout *, const void *user, size_t ulen,
	    const struct auth_peer *, uint64_t now_ms);

/* Slots in use in one table (never above the capacity), for stats. */
size_t	lockout_entries(const struct lockout *, enum lockout_scope);
size_t	lockout_capacity(const struct lockout *);
/* Bytes allocated, all at lockout_create(). */
size_t	lockout_memsize(const struct lockout *);

#endif /* HP_AUTH_LOCKOUT_H */
