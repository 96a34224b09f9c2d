/*
 * hpptpd master: the client address pool.
 *
 * Built from Poptop's `remoteip` syntax: a comma-separated list of
 *	10.100.0.201			one address
 *	10.100.0.200-210		a range in the last octet (Poptop)
 *	10.100.0.200-10.100.1.20	a full range
 *	10.100.0.0/24			CIDR; network and broadcast skipped
 * Ranges may not overlap; the whole pool holds at most POOL_MAX_ADDRS
 * addresses in at most POOL_MAX_RANGES ranges.  The local (server)
 * address is never handed out, even if a range covers it.
 *
 * Allocation order is FIFO: a released address goes to the tail of the
 * free list, so the address handed out is always the one free for the
 * longest time.  A just-freed address is reused only once every other
 * free address has been used; with a small pool it does come back
 * (which issue 7 relies on: a killed client's address is handed out again).
 *
 * Static addresses (chap-secrets' address column) work inside or outside
 * the ranges.  pool_reserve() at config load takes an in-range address
 * out of the dynamic set for good and binds any address to its owner;
 * pool_take_static() marks it in use for a session.
 *
 * Errors (enum hp_err):
 *	HP_E_NOMEM	pool exhausted (pool_alloc) or static table full
 *	HP_E_DUP	address already in use
 *	HP_E_PERM	address reserved for another user
 *	HP_E_RANGE	address can never be a client address (0/8, 127/8,
 *			multicast, class E, broadcast, the local address)
 *	HP_E_NOTFOUND	pool_release of an address not in use
 *	HP_E_FORMAT, HP_E_RANGE, HP_E_DUP, HP_E_LONG from pool_create, with
 *	a message in the caller's buffer.
 * All addresses are struct in_addr (network byte order).
 */
#ifndef HP_MASTER_POOL_H
#define HP_MASTER_POOL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POOL_MAX_ADDRS		65536	/* addresses in all ranges */
#define POOL_MAX_RANGES		256	/* comma-separated entries */
#define POOL_MAX_SPEC		4096	/* characters in the spec */
#define POOL_MAX_STATIC		4096	/* reserved or in-use static addresses */
#define POOL_OWNER_MAX		256	/* user name bytes, without NUL */
#define POOL_ERRLEN		128	/* suggested size of the error buffer */

struct pool;

/*
 * Parse spec and build a pool; local (may be INADDR_ANY for none) is
 * never allocated.  On error *poolp is NULL and err holds
 * "`entry': what is wrong".
 */
int	pool_create(const char *spec, struct in_addr local,
	    struct pool **poolp, char *err, size_t errlen);
void	pool_destroy(struct pool *);

/* Hand out the least recently released free address. */
int	pool_alloc(struct pool *, struct in_addr *addr);
/*
 * The same, among the free addresses `ok` accepts (called with the
 * address in host order): HP_E_NOMEM when none does.  It walks the free
 * list, so it costs up to the pool's size; for users whose chap-secrets
 * address column restricts them to part of the pool.
 */
int	pool_alloc_match(struct pool *, bool (*ok)(const void *, uint32_t),
	    const void *arg, struct in_addr *addr);
/*
 * Reserve addr for owner (config load); not in use until taken.  A load
 * is pool_reserve_begin(), a pool_reserve() per static address, then
 * pool_reserve_end(), which drops the reservations the load did not
 * renew; a reservation renewed for another owner moves to it.
 */
void	pool_reserve_begin(struct pool *);
int	pool_reserve(struct pool *, struct in_addr addr, const char *owner);
void	pool_reserve_end(struct pool *);
/* Take addr for owner's session; inside the ranges or not. */
int	pool_take_static(struct pool *, struct in_addr addr,
	    const char *owner);
/* Return an address from pool_alloc or pool_take_static. */
int	pool_release(struct pool *, struct in_addr addr);

bool	pool_in_use(const struct pool *, struct in_addr addr);
bool	pool_contains(const struct pool *, struct in_addr addr);
/* Owner a static address is reserved for, or NULL. */
const char *pool_reserved_for(const struct pool *, struct in_addr addr);

size_t	pool_size(const struct pool *);		/* allocatable in ranges */
size_t	pool_free_count(const struct pool *);	/* of those, free now */
size_t	pool_used_count(const struct pool *);	/* in use, static included */

/* The parsed ranges, sorted (for NAT rules and `hpptpd -n`). */
size_t	pool_range_count(const struct pool *);
int	pool_range_get(const struct pool *, size_t i, struct in_addr *first,
	    struct in_addr *last);

#endif /* HP_MASTER_POOL_H */
