/*
 * hpptpd master: the IPv6 prefix pool (`ipv6 pool P/N prefix-length 64`).
 *
 * The pool P/N is cut into /64s (SLAAC, RFC 4862, needs a /64: the only
 * prefix length accepted); each session gets one, which master routes
 * to the tun and gre accepts as the session's sources.  The first /64
 * (index 0) is the server's own and never handed out, as the IPv4 local
 * address is not; so N is 48..63 and the pool holds 2^(64-N) - 1
 * prefixes, at most POOL6_MAX.
 *
 * A bitmap says which prefixes are taken; allocation is next-fit from
 * the prefix after the last one handed out, so a released prefix comes
 * back only once the cursor has gone round every other one.  Master
 * releases a prefix only after its route is gone (net_session_down), so
 * none is reused while still routed.
 *
 * Errors (enum hp_err): HP_E_NOMEM exhausted; HP_E_RANGE a prefix not
 * in the pool (or the server's); HP_E_DUP a taken one asked for by
 * name; HP_E_NOTFOUND release of a free one;
 * from pool6_parse HP_E_FORMAT / HP_E_RANGE with a reason in err.
 */
#ifndef HP_MASTER_POOL6_H
#define HP_MASTER_POOL6_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POOL6_SUBLEN	64	/* every session's prefix length */
#define POOL6_MINLEN	48	/* the widest pool: 65535 prefixes */
#define POOL6_MAX	((1u << (POOL6_SUBLEN - POOL6_MINLEN)) - 1)
#define POOL6_ERRLEN	128

struct pool6;

/*
 * Check a pool "P/N" with its per-session length: 0, or -1 with why in
 * err (not an address, host bits set, not unicast global or ULA, N
 * outside 48..63, a sub-length other than 64).
 */
int	pool6_parse(const char *spec, unsigned sublen, struct in6_addr *base,
	    unsigned *plen, char *err, size_t errlen);
int	pool6_create(const struct in6_addr *base, unsigned plen,
	    struct pool6 **);
void	pool6_destroy(struct pool6 *);

int	pool6_alloc(struct pool6 *, struct in6_addr *prefix);
/*
 * Take this /64 (a RADIUS user's Framed-IPv6-Prefix): HP_E_RANGE if it
 * is not one of the pool's session prefixes, HP_E_DUP if it is taken.
 */
int	pool6_take(struct pool6 *, const struct in6_addr *prefix);
int	pool6_release(struct pool6 *, const struct in6_addr *prefix);
bool	pool6_in_use(const struct pool6 *, const struct in6_addr *prefix);
/* The server's /64 (index 0): its address is prefix::1. */
void	pool6_server_prefix(const struct pool6 *, struct in6_addr *);

size_t	pool6_size(const struct pool6 *);	/* prefixes handed out-able */
size_t	pool6_used_count(const struct pool6 *);

#endif /* HP_MASTER_POOL6_H */
