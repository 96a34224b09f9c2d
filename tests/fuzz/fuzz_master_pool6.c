/*
 * Fuzz target: master/pool6.c.  The input up to the first NUL is an
 * `ipv6 pool` spec (P/N); the byte after it the per-session length;
 * the rest drive allocate/release operations, after each of which the
 * counters and the prefixes handed out must stay consistent.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "master/pool6.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_LIVE	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool6	*p = NULL;
	struct in6_addr	 live[MAX_LIVE], base, a, srv;
	char		*spec, err[POOL6_ERRLEN];
	const uint8_t	*ops;
	size_t		 speclen, nops, i, nlive = 0;
	unsigned	 plen, sublen;

	speclen = strnlen((const char *)data, size);
	if ((spec = malloc(speclen + 1)) == NULL)
		return 0;
	memcpy(spec, data, speclen);
	spec[speclen] = '\0';
	ops = speclen + 1 < size ? data + speclen + 1 : data + size;
	sublen = ops < data + size ? *ops++ : 64;
	nops = (size_t)(data + size - ops);
	err[0] = '\0';
	if (pool6_parse(spec, sublen, &base, &plen, err, sizeof(err)) !=
	    HP_OK) {
		free(spec);
		if (err[0] == '\0')
			abort();
		return 0;
	}
	free(spec);
	if (sublen != 64 || plen < POOL6_MINLEN || plen > 63 ||
	    pool6_create(&base, plen, &p) != HP_OK)
		abort();
	pool6_server_prefix(p, &srv);
	for (i = 0; i < nops && i < 512; i++) {
		if ((ops[i] & 1) == 0) {
			if (pool6_alloc(p, &a) != HP_OK) {
				if (pool6_used_count(p) != pool6_size(p))
					abort();
				continue;
			}
			if (memcmp(&a, &srv, sizeof(a)) == 0 ||
			    !pool6_in_use(p, &a) || memcmp(&a, &base, 6) != 0)
				abort();
			if (nlive < MAX_LIVE)
				live[nlive++] = a;
		} else if (nlive > 0) {
			size_t k = (size_t)(ops[i] >> 1) % nlive;

			if (pool6_release(p, &live[k]) != HP_OK ||
			    pool6_in_use(p, &live[k]))
				abort();
			live[k] = live[--nlive];
		}
		if (pool6_used_count(p) > pool6_size(p))
			abort();
	}
	pool6_destroy(p);
	return 0;
}
