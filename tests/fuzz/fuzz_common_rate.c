/*
 * Fuzz target: common/rate.c.  Any bytes, as any of the three writers
 * of a limit (config and hpptpctl, Filter-Id, Mikrotik-Rate-Limit):
 * never read past the input, never a figure above RATE_MAX_BPS, and an
 * accepted figure prints back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/rate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
roundtrip(uint64_t bps)
{
	char b[RATE_STR_MAX];
	uint64_t back = 1;

	if (bps > RATE_MAX_BPS)
		abort();
	rate_format(bps, b, sizeof(b));
	if (rate_parse_one(b, strlen(b), 1, &back) != HP_OK || back != bps)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rate_pair r;
	char *s;

	/* an exact-size copy: ASan sees any read past the end */
	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	if (rate_parse(s, size, 1, &r) == HP_OK) {
		roundtrip(r.down_bps);
		roundtrip(r.up_bps);
	}
	if (rate_parse(s, size, 1000, &r) == HP_OK) {
		roundtrip(r.down_bps);
		roundtrip(r.up_bps);
	}
	if (rate_parse_mikrotik(s, size, &r) == HP_OK) {
		roundtrip(r.down_bps);
		roundtrip(r.up_bps);
	}
	free(s);
	return 0;
}
