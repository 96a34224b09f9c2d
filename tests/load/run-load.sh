#!/bin/sh
# make load: hpptpd under many sessions (issue 18 item 9).  Everything
# happens in two network namespaces this script creates (server and
# client, joined by a veth pair) and deletes; the daemon is started
# here and stopped here (by its pid).  Prints the tables of
# build/load/loadc for these modes:
#   setup   LOAD_N sessions (default 2000), LOAD_C at a time (64)
#   hold    LOAD_N sessions held for 3.5 LCP-echo intervals (LOAD_ECHO s, 5);
#           with LOAD_EXTRA (0), that many more set up once LOAD_N are
#           held, their rate against the ramp's first LOAD_EXTRA; memory
#           per session counted whole: all RSS held less that of the same
#           daemon idle with max-sessions 2 (started first, for that)
#   cycles  LOAD_CYCLES connect/disconnect cycles (1000), LOAD_C at a time;
#           before/after: fds, RSS (loadc), routes, tun devices, pool,
#           sessions and connections (here)
#   traffic LOAD_TRAFFIC_N sessions (64) each moving LOAD_TRAFFIC_PKTS
#           (8192) 1400-byte packets up, then as many down, at most
#           LOAD_TRAFFIC_WINDOW (1024) in flight up and
#           LOAD_TRAFFIC_WINDOW_DOWN (256: the tun queue holds 500) down;
#           once per gre worker count in LOAD_GRE_WORKERS ("1 2"), each
#           against a daemon of its own, LOAD_TRAFFIC_ROUNDS times (3,
#           every other one in reverse order), then a summary with the
#           ratios per round and best to best
# LOAD_TUN_OFFLOAD (yes) is the daemons' tun-offload: "no" measures the
# tun read per packet for comparison (traffic's UDP is never cut).
# LOAD_MODES picks some ("hold setup cycles": hold first, so that its RSS
# growth starts from an idle server; traffic is not in the default).
# hold, setup and cycles share one daemon with the default gre-workers
# (one per CPU).  Bounded: each loadc run by -T (LOAD_T s, 300), each
# daemon's start by 20 s, its stop by 5 s.  Numbers are information:
# this fails only when a run fails (a session that did not come up, went
# down while held, or did not close; traffic: nothing or garbage came).
set -u
B=${HP_BUILD:-build}
N=${LOAD_N:-2000}
C=${LOAD_C:-64}
CYC=${LOAD_CYCLES:-1000}
ECHO=${LOAD_ECHO:-5}
EXTRA=${LOAD_EXTRA:-0}
T=${LOAD_T:-300}
MODES=${LOAD_MODES:-hold setup cycles}
GWS=${LOAD_GRE_WORKERS:-1 2}
TN=${LOAD_TRAFFIC_N:-64}
TK=${LOAD_TRAFFIC_PKTS:-8192}
TW=${LOAD_TRAFFIC_WINDOW:-1024}
TWD=${LOAD_TRAFFIC_WINDOW_DOWN:-256}
ROUNDS=${LOAD_TRAFFIC_ROUNDS:-3}
TOFF=${LOAD_TUN_OFFLOAD:-yes}
SRV=10.99.0.1
CLI=10.99.0.2

if [ "$(id -u)" -ne 0 ]; then
	echo "load: SKIP (needs root: network namespaces, raw sockets)"
	exit 0
fi
for f in hpptpd hpptpd-ctrl hpptpd-gre hpptpd-auth hpptpctl load/loadc; do
	[ -x "$B/$f" ] || { echo "load: no $B/$f (make load builds it)"; exit 1; }
done

D=$(mktemp -d /tmp/hpload.XXXXXX) || exit 1
SNS="hpload-s-$$"
CNS="hpload-c-$$"
PID=
# Stop the daemon we started, by its pid (5 s, then KILL).
stop() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -TERM "$PID"
		i=0
		while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -KILL "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	PID=
}
cleanup() {
	trap - EXIT INT TERM HUP
	stop
	ip netns del "$SNS" 2>/dev/null
	ip netns del "$CNS" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

# Users load0..: as many as the biggest run needs.
U=$((N + EXTRA))
[ "$CYC" -gt "$U" ] && U=$CYC
[ "$TN" -gt "$U" ] && U=$TN
awk -v n="$U" 'BEGIN { for (i = 0; i < n; i++)
    printf "load%d pptpd pw%d *\n", i, i }' > "$D/chap-secrets"
chmod 600 "$D/chap-secrets"
MAX=$((U + 1000))
# conf [WORKERS]: the daemon's configuration, gre-workers if given
conf() {
cat > "$D/hpptpd.conf" <<EOF
# written by tests/load/run-load.sh: limits raised, lockout off
listen on $SRV
local address 10.63.0.1
pool 10.64.0.0/16
secrets "$D/chap-secrets"
control "$D/hpptpd.sock"
max-sessions $MAX
max-connections $MAX
max-connections-per-source 0
connection-rate 100000 burst 1000000
lockout no
lcp-echo interval ${ECHO}s failures 3
logwtmp no
tun-offload $TOFF
EOF
	[ -n "${1:-}" ] && echo "gre-workers $1" >> "$D/hpptpd.conf"
	return 0
}

ip netns add "$SNS" && ip netns add "$CNS" &&
    ip link add "hpl$$s" type veth peer name "hpl$$c" &&
    ip link set "hpl$$s" netns "$SNS" && ip link set "hpl$$c" netns "$CNS" &&
    ip -n "$SNS" addr add "$SRV/24" dev "hpl$$s" &&
    ip -n "$SNS" link set "hpl$$s" up && ip -n "$SNS" link set lo up &&
    ip -n "$CNS" addr add "$CLI/24" dev "hpl$$c" &&
    ip -n "$CNS" link set "hpl$$c" up && ip -n "$CNS" link set lo up ||
    { echo "load: cannot set up the namespaces"; exit 1; }
# loadc's one address needs a source port per TCP connection: the
# default range (32768-60999) holds 28,232; the client namespace's own
# range is widened so that 60,000 sessions fit.
ip netns exec "$CNS" sysctl -qw net.ipv4.ip_local_port_range="1024 65535" ||
    { echo "load: cannot widen the client's port range"; exit 1; }

# start [WORKERS]: the daemon with that many gre workers (default: one
# per CPU), up when master logged every worker ready; PIDS for loadc:
# master,ctrl,gre,auth, then gre1.. from those lines.
start() {
	conf "${1:-}"
	nw=${1:-$(nproc)}
	[ "$nw" -gt 16 ] && nw=16
	last=gre
	[ "$nw" -gt 1 ] && last="gre$((nw - 1))"
	# ip netns exec execs: $! is master's pid
	ip netns exec "$SNS" "$B/hpptpd" -d -f "$D/hpptpd.conf" > "$D/log" 2>&1 &
	PID=$!
	i=0
	until grep -q "ctrl ready" "$D/log" && grep -q "auth ready" "$D/log" &&
	    grep -q " $last ready" "$D/log"; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$PID" 2>/dev/null; then
			echo "load: the daemon did not come up:"
			sed 's/^/  /' "$D/log"
			exit 1
		fi
		sleep 0.1
	done
	PIDS="$PID,$(kid ctrl),$(kid gre),$(kid auth)"
	k=1
	while [ $k -lt "$nw" ]; do
		PIDS="$PIDS,$(kid "gre$k")"
		k=$((k + 1))
	done
}
# The pid of the worker named $1, from its last "ready" line.
kid() {
	sed -n "s/.* $1 ready (pid \([0-9]*\)).*/\1/p" "$D/log" | tail -n 1
}

ctl() { "$B/hpptpctl" -s "$D/hpptpd.sock" "$@"; }
state() {
	printf '  %s: routes %s, tun devices %s; ' "$1" \
	    "$(ip -n "$SNS" route show table all | wc -l)" \
	    "$(ip -n "$SNS" -o link show type tun | wc -l)"
	ctl stats | grep -E '^(sessions|connections|pool):' | tr '\n' ';'
	echo
}
# The server is back to no session and no connection (10 s at most).
quiet() {
	i=0
	while [ $i -lt 100 ]; do
		ctl stats | grep -q '^connections: 0 open' &&
		    ctl stats | grep -Eq '^sessions: 0( |$)' && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

echo "load: hpptpd in namespace $SNS, loadc in $CNS; $(nproc) CPUs," \
    "load average $(cut -d' ' -f1 /proc/loadavg)"
rc=0
other=
traffic=
for m in $MODES; do
	case $m in
	setup|hold|cycles) other="$other $m" ;;
	traffic) traffic=yes ;;
	*)	echo "load: unknown mode $m"; exit 1 ;;
	esac
done

# One loadc run: $1 is the mode, the rest its arguments.
loadc() {
	# shellcheck disable=SC2068
	ip netns exec "$CNS" "$B/load/loadc" -m $@ -u "$U" -T "$T" \
	    -p "$PIDS" "$SRV" || { echo "  FAILED: loadc -m $*"; rc=1; }
	quiet || { echo "  the server did not return to 0 sessions"; rc=1; }
}

# The daemon's log so far, kept over restarts for the event= count.
keep_log() {
	[ -f "$D/log" ] && cat "$D/log" >> "$D/log.all"
	rm -f "$D/log"
}

# The RSS of all the daemon's processes (KiB), from PIDS.
rss_all() {
	t=0
	for p in $(echo "$PIDS" | tr ',' ' '); do
		k=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$p/status")
		t=$((t + ${k:-0}))
	done
	echo "$t"
}

if [ -n "$other" ]; then
	case " $other " in
	*" hold "*)
		# the base for memory counted whole: idle, max-sessions 2
		m=$MAX
		MAX=2
		start
		sleep 1
		BASE=$(rss_all)
		stop
		keep_log
		MAX=$m
		echo "  idle with max-sessions 2: $BASE KiB in all processes" ;;
	esac
	start
	echo "  server processes (master,ctrl,gre,auth[,gre1..]): $PIDS"
	for m in $other; do
		echo
		case $m in
		setup)	loadc setup -n "$N" -c "$C" ;;
		hold)	if [ "$EXTRA" -gt 0 ]; then
				loadc hold -n "$N" -c "$C" -e "$ECHO" -x "$EXTRA" \
				    -b "$BASE"
			else
				loadc hold -n "$N" -c "$C" -e "$ECHO" -b "$BASE"
			fi ;;
		cycles)	state before
			loadc cycles -n "$CYC" -c "$C"
			state after ;;
		esac
	done
	stop
	keep_log
fi

# traffic: one daemon per worker count, then the runs side by side.
if [ -n "$traffic" ]; then
	: > "$D/results"
	# every other round in reverse order, so that neither count always
	# runs first while the machine's load drifts
	rev=
	for w in $GWS; do rev="$w $rev"; done
	r=1
	while [ $r -le "$ROUNDS" ]; do
		order=$GWS
		[ $((r % 2)) -eq 0 ] && order=$rev
		for w in $order; do
			start "$w"
			echo
			echo "round $r, gre-workers $w: server processes" \
			    "(master,ctrl,gre,auth[,gre1..]): $PIDS;" \
			    "load average $(cut -d' ' -f1 /proc/loadavg)"
			loadc traffic -n "$TN" -k "$TK" -w "$TW" -W "$TWD" \
			    > "$D/out"
			cat "$D/out"
			sed -n "s/^RESULT /RESULT round=$r /p" "$D/out" \
			    >> "$D/results"
			stop
			keep_log
		done
		r=$((r + 1))
	done
	echo
	echo "traffic summary: $TN sessions x $TK packets of 1400 B each way," \
	    "MPPE-128 stateless, window $TW up, $TWD down; load average" \
	    "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') (1/5/15 min) at the end"
	awk -f "$(dirname "$0")/summary.awk" "$D/results"
fi

echo
echo "load average at the end $(cut -d' ' -f1 /proc/loadavg);" \
    "$(grep -c 'event=' "$D/log.all" 2>/dev/null) event= lines in" \
    "the daemon's log"
exit $rc
