#!/bin/sh
# make bench: the sandboxed gre worker driven through its fds (the
# table BENCHMARKS.md quotes; once as with gre-workers 1, once with the
# receive ring of gre-workers >= 2), then the data-path functions alone, then
# the MPPE primitives of nettle and libcrypto side by side, the GRE
# fan-out, reading TCP from a tun with and without offloads, and
# writing it with and without joining segments.
# Numbers are information, not assertions: this fails only when a
# benchmark cannot run.  Last: ctrl's memory per connection.  BENCH_ARGS passes options to bench_gre_worker
# (-d ms per run, -t runs, -n sessions for the memory figure).
set -eu
B=${HP_BUILD:-build}
"$B/bench/bench_gre_worker" ${BENCH_ARGS:-}
echo
# the same, GRE read from a packet socket's ring, as with gre-workers >= 2
"$B/bench/bench_gre_worker" -r ${BENCH_ARGS:-}
echo
"$B/bench/bench_gre_mppe"
echo
"$B/bench/bench_gre_crypto"
echo
"$B/bench/bench_master_fanout"
echo
"$B/bench/bench_gre_tunoff"
echo
"$B/bench/bench_gre_tungro"
echo
"$B/bench/bench_ctrl_conns"
