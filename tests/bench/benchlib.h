/*
 * hpptpd benchmarks: helpers more than one benchmark uses
 * (tests/bench/benchlib.c, linked into every benchmark by bench.mk).
 */
#ifndef HP_BENCHLIB_H
#define HP_BENCHLIB_H

/* "PROGRAM: WHAT: strerror(errno)" on stderr, then exit 1. */
void	bench_die(const char *) __attribute__((noreturn));
/* The calling thread on CPU cpu only (best effort: not on that host). */
void	bench_pin(int);

#endif
