/*
 * hpptpd master: the IPv6 prefix pool (see pool6.h).
 *
 * Prefix i of the pool is the base with i written into bits N..63;
 * one bit per prefix, allocated once at pool6_create(), nothing after.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "master/pool6.h"

struct pool6 {
	struct in6_addr	 base;		/* host bits zero */
	unsigned	 plen;		/* POOL6_MINLEN..63 */
	uint32_t	 total;		/* prefixes, the server's included */
	uint32_t	 next;		/* where the next search starts */
	uint32_t	 used;
	uint64_t	*bits;		/* 1: taken; bit 0 the server's */
};

static bool	 pool6_index(const struct pool6 *, const struct in6_addr *,
		    uint32_t *);
static void	 pool6_prefix(const struct pool6 *, uint32_t,
		    struct in6_addr *);

#define BIT_GET(b, i)	(((b)[(i) / 64] >> ((i) % 64)) & 1)
#define BIT_SET(b, i)	((b)[(i) / 64] |= 1ULL << ((i) % 64))
#define BIT_CLR(b, i)	((b)[(i) / 64] &= ~(1ULL << ((i) % 64)))

/* Global unicast (2000::/3) or unique local (fc00::/7). */
static bool
pool6_unicast(const struct in6_addr *a)
{
	return (a->s6_addr[0] & 0xe0) == 0x20 ||
	    (a->s6_addr[0] & 0xfe) == 0xfc;
}

static bool
host_bits_zero(const struct in6_addr *a, unsigned plen)
{
	unsigned i;

	for (i = plen; i < 128; i++)
		if (a->s6_addr[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

int
pool6_parse(const char *spec, unsigned sublen, struct in6_addr *base,
    unsigned *plen, char *err, size_t errlen)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long n;

	if (strlen(spec) >= sizeof(buf) || (slash = strchr(spec, '/')) ==
	    NULL) {
		snprintf(err, errlen, "%s: not an IPv6 prefix P/N", spec);
		return HP_E_FORMAT;
	}
	memcpy(buf, spec, (size_t)(slash - spec));
	buf[slash - spec] = '\0';
	if (inet_pton(AF_INET6, buf, base) != 1) {
		snprintf(err, errlen, "%s: '%s' is not an IPv6 address", spec,
		    buf);
		return HP_E_FORMAT;
	}
	n = strtoul(slash + 1, &end, 10);
	if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || n > 128) {
		snprintf(err, errlen, "%s: bad prefix length", spec);
		return HP_E_FORMAT;
	}
	if (sublen != POOL6_SUBLEN) {
		snprintf(err, errlen, "prefix-length %u: only 64 (SLAAC, "
		    "RFC 4862, needs a /64 per client)", sublen);
		return HP_E_RANGE;
	}
	if (n < POOL6_MINLEN || n >= POOL6_SUBLEN) {
		snprintf(err, errlen, "%s: the pool must be a /%d to a /%d "
		    "(the first /64 is the server's; at most %u prefixes)",
		    spec, POOL6_MINLEN, POOL6_SUBLEN - 1, POOL6_MAX);
		return HP_E_RANGE;
	}
	if (!pool6_unicast(base)) {
		snprintf(err, errlen, "%s: not a global unicast (2000::/3) "
		    "or unique local (fc00::/7) prefix", spec);
		return HP_E_RANGE;
	}
	if (!host_bits_zero(base, (unsigned)n)) {
		snprintf(err, errlen, "%s: bits set beyond /%lu", spec, n);
		return HP_E_RANGE;
	}
	*plen = (unsigned)n;
	return HP_OK;
}

int
pool6_create(const struct in6_addr *base, unsigned plen, struct pool6 **pp)
{
	struct pool6 *p;

	*pp = NULL;
	if (plen < POOL6_MINLEN || plen >= POOL6_SUBLEN ||
	    !pool6_unicast(base) || !host_bits_zero(base, plen))
		return HP_E_RANGE;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return HP_E_NOMEM;
	p->base = *base;
	p->plen = plen;
	p->total = 1u << (POOL6_SUBLEN - plen);
	if ((p->bits = calloc((p->total + 63) / 64, sizeof(uint64_t))) ==
	    NULL) {
		free(p);
		return HP_E_NOMEM;
	}
	BIT_SET(p->bits, 0);		/* the server's */
	p->next = 1;
	*pp = p;
	return HP_OK;
}

void
pool6_destroy(struct pool6 *p)
{
	if (p == NULL)
		return;
	free(p->bits);
	free(p);
}

/* Index i in bits plen..63 of the base (total <= 2^16: bits 48..63). */
static void
pool6_prefix(const struct pool6 *p, uint32_t i, struct in6_addr *out)
{
	*out = p->base;
	out->s6_addr[6] |= (uint8_t)(i >> 8);
	out->s6_addr[7] |= (uint8_t)i;
}

static bool
pool6_index(const struct pool6 *p, const struct in6_addr *a, uint32_t *i)
{
	struct in6_addr x;
	uint32_t v;

	if (!host_bits_zero(a, POOL6_SUBLEN))
		return false;
	v = (uint32_t)a->s6_addr[6] << 8 | a->s6_addr[7];
	v &= p->total - 1;
	pool6_prefix(p, v, &x);
	if (memcmp(&x, a, sizeof(x)) != 0)
		return false;
	*i = v;
	return true;
}

int
pool6_alloc(struct pool6 *p, struct in6_addr *prefix)
{
	uint32_t k, i;

	for (k = 0; k < p->total; k++) {
		i = (p->next + k) % p->total;
		if (BIT_GET(p->bits, i))
			continue;
		BIT_SET(p->bits, i);
		p->used++;
		p->next = (i + 1) % p->total;
		pool6_prefix(p, i, prefix);
		return HP_OK;
	}
	return HP_E_NOMEM;
}

int
pool6_take(struct pool6 *p, const struct in6_addr *prefix)
{
	uint32_t i;

	if (!pool6_index(p, prefix, &i) || i == 0)
		return HP_E_RANGE;
	if (BIT_GET(p->bits, i))
		return HP_E_DUP;
	/* the cursor stays: a user's own prefix is no allocation order */
	BIT_SET(p->bits, i);
	p->used++;
	return HP_OK;
}

int
pool6_release(struct pool6 *p, const struct in6_addr *prefix)
{
	uint32_t i;

	if (!pool6_index(p, prefix, &i) || i == 0)
		return HP_E_RANGE;
	if (!BIT_GET(p->bits, i))
		return HP_E_NOTFOUND;
	BIT_CLR(p->bits, i);
	p->used--;
	return HP_OK;
}

bool
pool6_in_use(const struct pool6 *p, const struct in6_addr *prefix)
{
	uint32_t i;

	return pool6_index(p, prefix, &i) && i != 0 && BIT_GET(p->bits, i);
}

void
pool6_server_prefix(const struct pool6 *p, struct in6_addr *out)
{
	pool6_prefix(p, 0, out);
}

size_t
pool6_size(const struct pool6 *p)
{
	return p->total - 1;
}

size_t
pool6_used_count(const struct pool6 *p)
{
	return p->used;
}
