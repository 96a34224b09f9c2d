/*
 * Rate limit figures (common/rate.h): one reader for the config file,
 * hpptpctl and the RADIUS attributes that carry a limit.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/rate.h"

static const struct {
	char		 c;
	uint64_t	 mult;
} rate_suffix[] = {
	{ 'k', 1000ULL }, { 'K', 1000ULL },
	{ 'm', 1000000ULL }, { 'M', 1000000ULL },
	{ 'g', 1000000000ULL }, { 'G', 1000000000ULL },
};

static uint64_t
suffix_mult(char c)
{
	size_t i;

	for (i = 0; i < sizeof(rate_suffix) / sizeof(rate_suffix[0]); i++)
		if (rate_suffix[i].c == c)
			return rate_suffix[i].mult;
	return 0;
}

int
rate_parse_one(const char *s, size_t n, uint64_t unit, uint64_t *out)
{
	uint64_t v = 0, mult = unit;
	size_t i, digits = 0;

	if (n == 1 && s[0] == '-') {
		*out = 0;
		return HP_OK;
	}
	if (n > 0 && (mult = suffix_mult(s[n - 1])) != 0)
		n--;
	else
		mult = unit;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return HP_E_FORMAT;
		/* 13 digits already exceed RATE_MAX_BPS in any unit */
		if (++digits > 13)
			return HP_E_RANGE;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (digits == 0)
		return HP_E_FORMAT;
	if (v != 0 && (mult == 0 || v > RATE_MAX_BPS / mult))
		return HP_E_RANGE;
	*out = v * mult;
	return HP_OK;
}

int
rate_parse(const char *s, size_t n, uint64_t unit, struct rate_pair *out)
{
	const char *slash;
	struct rate_pair r;
	int e;

	if (unit == 0 || (slash = memchr(s, '/', n)) == NULL)
		return HP_E_FORMAT;
	if ((e = rate_parse_one(s, (size_t)(slash - s), unit,
	    &r.down_bps)) != HP_OK)
		return e;
	if ((e = rate_parse_one(slash + 1, n - (size_t)(slash - s) - 1, unit,
	    &r.up_bps)) != HP_OK)
		return e;
	*out = r;
	return HP_OK;
}

int
rate_parse_mikrotik(const char *s, size_t n, struct rate_pair *out)
{
	const char *sp;
	struct rate_pair r;
	int e;

	/* the first word is rx/tx; bursts and priority may follow */
	if ((sp = memchr(s, ' ', n)) != NULL)
		n = (size_t)(sp - s);
	if ((e = rate_parse(s, n, 1, &r)) != HP_OK)
		return e;
	/* the router's rx is what the client sends: our up */
	out->down_bps = r.up_bps;
	out->up_bps = r.down_bps;
	return HP_OK;
}

void
rate_format(uint64_t bps, char *buf, size_t len)
{
	static const struct { uint64_t mult; char c; } f[] = {
		{ 1000000000ULL, 'G' }, { 1000000ULL, 'M' }, { 1000ULL, 'k' },
	};
	size_t i;

	if (bps == 0) {
		(void)snprintf(buf, len, "-");
		return;
	}
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (bps % f[i].mult == 0) {
			(void)snprintf(buf, len, "%llu%c",
			    (unsigned long long)(bps / f[i].mult), f[i].c);
			return;
		}
	(void)snprintf(buf, len, "%llu", (unsigned long long)bps);
}
