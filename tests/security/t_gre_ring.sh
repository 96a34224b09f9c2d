#!/bin/sh
# Issue 18, the data workers' receive rings (common/gre_ring.h): with
# gre-workers 2 each worker's packet socket has a ring that the worker
# reads; hpptpctl stats counts what the kernel put in the rings and what
# it dropped because one was full.  A server and a client namespace
# joined by a veth pair (198.18.0.1 server, 198.18.0.2 client); the GRE
# is raw, from python3, for call ids no session holds (the worker reads
# it from its ring and drops it as no-session, which is all that is
# needed here).
#
#   - master logs that the rings are in use
#   - 20 packets for worker 0 (even call ids: call id % 2) are counted
#   - worker gre stopped (SIGSTOP): 2,500 more for its shard fill its
#     ring (1,920 frames) and the rest are counted as dropped; the ring
#     of gre1 meanwhile takes its own packets
#   - hpptpctl metrics: the same per worker (OpenMetrics counters)
#   - SIGCONT: the worker empties its ring, so 10 more are counted and
#     none dropped
#   - gre-workers 1: a raw socket, no ring, no stats line
. "$(dirname "$0")/lib.sh"
sec_init grering

SRV=198.18.0.1
CLI=198.18.0.2
CNS="hpsec-grering-c-$$"
CLIENT_PIDS=
sec_client_traps
command -v python3 >/dev/null 2>&1 || skip_all "needs python3 (raw GRE)"

sec_conf
echo "gre-workers 2" >> "$SEC_DIR/hpptpd.conf"
sec_veth grr "$SRV" "$CLI" || exit 1
sec_start || { notok "daemon starts"; exit 1; }
ctl="$HP_BUILD/hpptpctl -s $SEC_DIR/hpptpd.sock"

check "log: two data workers with receive rings" \
    log_has 'GRE: 2 data workers, packet fan-out group [0-9]+ by call id, receive rings of 4 MiB'

# send N FIRST_CALL_ID STEP: N enhanced GRE packets from the client
send() {
	ip netns exec "$CNS" python3 -c '
import socket, struct, sys
n, cid, step = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47)
for i in range(n):
    # enhanced GRE v1: K and S set, protocol 0x880B, 4-byte payload
    p = struct.pack("!HHHHI", 0x3001, 0x880B, 4,
        (cid + i * step) & 0xffff, i) + b"\xff\x03\xc0\x21"
    s.sendto(p, (sys.argv[1], 0))
' "$SRV" "$@"
}
# ring PACKETS DROPPED: the stats line's two counts, into pk and dr
rings() {
	_l=$($ctl stats 2>/dev/null | grep '^gre receive rings: ')
	pk=$(echo "$_l" | sed -n 's/.*: [0-9]*, \([0-9]*\) packets.*/\1/p')
	dr=$(echo "$_l" | sed -n 's/.* \([0-9]*\) dropped.*/\1/p')
	[ -n "$pk" ] && [ -n "$dr" ]
}
at_least() { rings && [ "$pk" -ge "$1" ]; }

check "stats: a line for the two rings" \
    sh -c "$ctl stats | grep -q '^gre receive rings: 2, [0-9]* packets, 0 dropped (ring full)$'"
rings
p0=${pk:-0}
send 20 4096 2
wait_until 50 at_least $((p0 + 20))
check "20 packets for worker 0 counted in the rings" \
    [ "${pk:-0}" -ge $((p0 + 20)) ]
check "none dropped" [ "${dr:-1}" -eq 0 ]

g=$(worker_pid gre) || notok "gre running"
rings
p1=$pk
kill -STOP "$g"
send 2500 4096 2
send 10 4097 2
# the kernel has counted all 2,510 (put in a ring or dropped)
seen() { rings && [ $((pk + dr)) -ge $((p1 + 2510)) ]; }
wait_until 50 seen
rings
diag "gre stopped: $((pk - p1)) more packets, $dr dropped"
check "gre stopped: its ring's 1,920 frames and gre1's 10 are counted" \
    [ "$((pk - p1))" -eq $((1920 + 10)) ]
check "gre stopped: the rest of the 2,500 are counted as dropped (580)" \
    [ "$dr" -eq 580 ]
d1=$dr
p2=$pk
$ctl metrics > "$SEC_DIR/metrics" 2>&1
check "metrics: worker gre's ring drops (580)" grep -qx \
    'hpptpd_gre_ring_drops_total{worker="gre"} 580' "$SEC_DIR/metrics"
check "metrics: worker gre1's ring drops (0)" grep -qx \
    'hpptpd_gre_ring_drops_total{worker="gre1"} 0' "$SEC_DIR/metrics"
check "metrics: the ring packets' counter type" grep -qx \
    '# TYPE hpptpd_gre_ring_packets counter' "$SEC_DIR/metrics"
kill -CONT "$g"
# the worker reads its 1,920 frames (milliseconds); then its ring takes
# packets again
sleep 2
send 10 4096 2
wait_until 50 at_least $((p2 + 10))
check "gre continued: 10 more counted" [ "${pk:-0}" -ge $((p2 + 10)) ]
check "gre continued: no more dropped" [ "${dr:-0}" -eq "$d1" ]
check "gre is the same process, still running" \
    [ "$(worker_pid gre)" = "$g" ]

sec_stop_daemon
sed -i 's/^gre-workers 2$/gre-workers 1/' "$SEC_DIR/hpptpd.conf"
sec_start || { notok "daemon starts with gre-workers 1"; exit 1; }
check "gre-workers 1: no receive ring, no stats line" \
    sh -c "! $ctl stats | grep -q '^gre receive rings'"

sec_finish
