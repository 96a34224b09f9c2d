/*
 * Per-session rate limits: how they are written and what they mean.
 *
 * A limit is a pair "DOWN/UP" in bits per second, DOWN towards the
 * client (tun -> GRE), UP from it (GRE -> tun).  Each figure is a
 * decimal number with an optional k, M or G (powers of 1000); "0" or
 * "-" is no limit for that direction.  Three writers use this one
 * reader, each with its own unit for a bare number:
 *
 *   hpptpd.conf, hpptpctl limit, Mikrotik-Rate-Limit    bits per second
 *   Filter-Id (accel-ppp's "down/up")                     kbit per second
 *
 * Mikrotik-Rate-Limit is written "rx/tx" from the router's side: its
 * rx is our UP, its tx our DOWN; rate_parse_mikrotik swaps them and
 * ignores the burst fields that may follow.  Every input is untrusted
 * (a RADIUS reply, a control command): explicit lengths, no NUL needed.
 */
#ifndef HP_COMMON_RATE_H
#define HP_COMMON_RATE_H

#include <stddef.h>
#include <stdint.h>

/* 100 Gbit/s: more than any tunnel here can carry; larger is refused. */
#define RATE_MAX_BPS	100000000000ULL
/* "100000000000/100000000000" and a NUL, with room for suffixes. */
#define RATE_STR_MAX	48

struct rate_pair {
	uint64_t	down_bps;	/* towards the client; 0: none */
	uint64_t	up_bps;		/* from the client; 0: none */
};

/*
 * "DOWN/UP" with bare numbers in units of `unit` bits per second (1 or
 * 1000).  HP_OK, or HP_E_FORMAT / HP_E_RANGE with *out untouched.
 */
int	rate_parse(const char *, size_t, uint64_t unit, struct rate_pair *);
/* Mikrotik-Rate-Limit: "rx/tx[ burst...]", bits per second. */
int	rate_parse_mikrotik(const char *, size_t, struct rate_pair *);
/* One figure ("10M", "512k", "0"), bits per second times unit. */
int	rate_parse_one(const char *, size_t, uint64_t unit, uint64_t *);
/* "10M", "1500k", "123" (largest exact suffix), "-" for 0. */
void	rate_format(uint64_t bps, char *, size_t);

#endif /* HP_COMMON_RATE_H */
