/*
 * hpptpd benchmarks: helpers more than one benchmark uses
 * (tests/bench/benchlib.c, linked into every benchmark by bench.mk).
 */
#ifndef HP_BENCHLIB_H
#define HP_BENCHLIB_H

#include <stdint.h>
#include <time.h>

/* "PROGRAM: WHAT: strerror(errno)" on stderr, then exit 1. */
void	bench_die(const char *) __attribute__((noreturn));
/* The calling thread on CPU cpu only (best effort: not on that host). */
void	bench_pin(int);
/*
 * -d ms per run (at least 100) and -t runs (at least 1), into *ms and
 * *runs (their defaults on entry); anything else: usage, exit 2.
 */
void	bench_opts(int, char *[], unsigned int *ms, unsigned int *runs);
/* clock_gettime(c) in ns. */
uint64_t bench_clock_ns(clockid_t);
/* An IPv4 header's checksum (20 bytes, no options), set in place. */
void	bench_ip_csum(uint8_t *ip);
/*
 * The tun device name (IFF_TUN | IFF_NO_PI | flags), made in the
 * caller's network namespace, with address addr/24, mtu and up.
 */
int	bench_tun_open(const char *name, int flags, const char *addr, int mtu);

#endif
