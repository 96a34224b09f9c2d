/*
 * Fuzz target: master/pool.c.  The input up to the first NUL is the
 * remoteip spec; the bytes after it drive allocate/release/static
 * operations (pool_alloc_match among them), after each of which the
 * counters must stay consistent.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/log.h"
#include "master/pool.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_LIVE	64

/* pool_alloc_match's test: the address's low two bits are *arg. */
static bool
low_bits(const void *arg, uint32_t a)
{
	return (a & 3) == *(const uint32_t *)arg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 inited;
	struct pool	*p = NULL;
	struct in_addr	 live[MAX_LIVE], a, local;
	char		*spec, err[POOL_ERRLEN];
	const uint8_t	*ops;
	size_t		 speclen, nops, i, nlive = 0, total;
	int		 r;

	if (!inited) {
		log_init("fuzz", 1, 0);
		inited = 1;
	}
	speclen = strnlen((const char *)data, size);
	if ((spec = malloc(speclen + 1)) == NULL)
		return 0;
	memcpy(spec, data, speclen);
	spec[speclen] = '\0';
	ops = speclen < size ? data + speclen + 1 : data + size;
	nops = (size_t)(data + size - ops);
	local.s_addr = htonl(0x0a000001);	/* 10.0.0.1 */

	r = pool_create(spec, local, &p, err, sizeof(err));
	free(spec);
	if (r != HP_OK) {
		if (p != NULL || err[0] == '\0')
			abort();
		return 0;
	}
	total = pool_size(p);
	if (total == 0 || total > POOL_MAX_ADDRS)
		abort();
	for (i = 0; i < nops && i < 512; i++) {
		uint8_t	 op = ops[i];

		switch (op & 3) {
		case 0:
			if (op & 0x80) {
				/* pool_alloc_match: low 2 bits as asked */
				uint32_t want = (op >> 2) & 3;

				if (pool_alloc_match(p, low_bits, &want, &a) !=
				    HP_OK)
					break;
				if ((ntohl(a.s_addr) & 3) != want ||
				    a.s_addr == local.s_addr ||
				    !pool_in_use(p, a) || !pool_contains(p, a))
					abort();
				if (nlive < MAX_LIVE)
					live[nlive++] = a;
			} else if (pool_alloc(p, &a) == HP_OK) {
				if (a.s_addr == local.s_addr ||
				    !pool_in_use(p, a) || !pool_contains(p, a))
					abort();
				if (nlive < MAX_LIVE)
					live[nlive++] = a;
			} else if (pool_free_count(p) != 0)
				abort();
			break;
		case 1:
			if (nlive > 0) {
				size_t k = (op >> 2) % nlive;

				if (pool_release(p, live[k]) != HP_OK)
					abort();
				live[k] = live[--nlive];
			}
			break;
		case 2:
			a.s_addr = htonl(0x0a000000U | (uint32_t)(op >> 2));
			if (pool_take_static(p, a, (op & 0x80) ? "a" : "b") ==
			    HP_OK && nlive < MAX_LIVE)
				live[nlive++] = a;
			break;
		case 3:
			a.s_addr = htonl(0x0a000000U | (uint32_t)(op >> 2));
			(void)pool_reserve(p, a, (op & 0x80) ? "a" : "b");
			break;
		}
		if (pool_free_count(p) > total)
			abort();
	}
	pool_destroy(p);
	return 0;
}
