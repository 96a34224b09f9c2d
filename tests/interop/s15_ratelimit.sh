#!/bin/sh
# Scenario 15: per-user rate limits (issue 16), as an operator sets them.
# hpptpd.conf says "rate-limit user username1 2M/2M"; username3 has no
# limit.  Both connect at once; each runs iperf3 (TCP, the first 2 s
# omitted so the initial bucket does not count):
#   - username1 up (client -> server) and down (-R): about 2 Mbit/s each,
#     never above 2.2, and not below 0.8 unless gre dropped nothing in
#     that direction.  A UML guest on a loaded machine can be CPU-bound
#     under the limit (CI measured 3.3 Mbit/s at a 5M limit), and its
#     bursty sending makes TCP through a policer lose more (0.99 Mbit/s
#     at 2M, load average 25): the bound only catches a policer wrong by
#     a large factor; its own accuracy is test_gre_police's;
#   - username3 at the same time: no limit, and gre dropped none of its
#     packets for one (its own rate here is the guest's CPU, 2-5 Mbit/s
#     on a loaded 2-core machine, so it is not compared);
#   - then `hpptpctl limit SID 1M/1M` on username1's session: the next
#     run measures at most 1.1 Mbit/s (and at least 0.4 unless nothing
#     was dropped), hpptpctl show names the new limit and counts the
#     drops.
# The tuns run without offloads here (tun-offload no): gre reads a
# packet per read, as before the offloads, and that path keeps a real
# client's download in the suite (s16 and the others cut TSO bursts).
# hpptpd only (Poptop has no policer).
HPIT_TEST="s15 rate limit"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (Poptop has no rate limit)"
	exit 0
fi
hpit_init
HPIT_CONF=hpptpd.conf EXTRA_CONF='rate-limit user "username1" 2M/2M
tun-offload no' \
    server_start
CTL="$HP_BUILD/hpptpctl -s $HPIT_TMP/run/hpptpd.sock"
# a second iperf3 server for the unlimited client (killed with the
# namespace's processes at cleanup)
setsid ip netns exec "$HPIT_NS" iperf3 -s -p 5202 \
    >"$HPIT_TMP/iperf3-5202.log" 2>&1 </dev/null &

cat >"$HPIT_TMP/g_s15.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	touch "$RES/up"
	wait_file "$RES/go" 60 || { ppp_disconnect; return 0; }
	# one iperf3 server each: username3's on port 5202
	port=5201
	[ "$G_USER" = username3 ] && port=5202
	run_iperf up "$PEER" 6 -O 2 -p $port
	if [ "$G_USER" = username1 ]; then
		run_iperf down "$PEER" 6 -O 2 -R
		touch "$RES/measured"
		wait_file "$RES/go2" 60 || { ppp_disconnect; return 0; }
		run_iperf slow "$PEER" 5 -O 2
	fi
	touch "$RES/done"
	wait_file "$RES/release" 60
	ppp_disconnect TERM
}
GEOF
guest_start c1 1 G_USER=username1 G_PASS=password1 \
    G_FUNCS="$HPIT_TMP/g_s15.sh" G_LIFETIME=150
guest_start c2 2 G_USER=username3 G_PASS=password3 \
    G_FUNCS="$HPIT_TMP/g_s15.sh" G_LIFETIME=150
guest_wait_file c1 up 90
guest_wait_file c2 up 90
set -- $(guest_ip c1 c)
ip1=${2:-}
if ! check "$HPIT_TEST: both clients up" [ -n "$ip1" ] &&
    [ -e "$(guest_file c2 up)" ]; then
	guest_report c1; guest_report c2; server_report; exit 1
fi
guest_signal c1 go
guest_signal c2 go
guest_wait_file c1 measured 60

in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" \
    'BEGIN { exit !(v != "" && v + 0 >= lo && v + 0 <= hi) }'; }
sid=$($CTL list 2>/dev/null | awk -v ip="$ip1" '$0 ~ ip { print $1; exit }')
check "$HPIT_TEST: hpptpctl list shows username1's session (${sid:-none})" \
    [ -n "$sid" ]
# the drops of each direction so far (both runs are over)
$CTL show "$sid" >"$HPIT_TMP/show1.out" 2>&1
set -- $(sed -n 's/^ *rate-limit: .*drops \([0-9]*\) down, \([0-9]*\) up.*/\1 \2/p' \
    "$HPIT_TMP/show1.out")
ddrops=${1:-} udrops=${2:-}
# limited RATE DROPS LO HI: within LO-HI, or under LO with no drop (the
# guest could not send faster; the policer took nothing)
limited() {
	in_range "$1" "$3" "$4" && return 0
	in_range "$1" 0.01 "$3" && [ "$2" = 0 ] && {
		echo "# $HPIT_TEST: $1 Mbit/s with no drop: the guest is CPU-bound under the limit"
		return 0
	}
	return 1
}
up=$(guest_cat c1 up.mbps)
down=$(guest_cat c1 down.mbps)
check "$HPIT_TEST: tun-offload no: no offloads asked, no burst cut" \
    sh -c '! grep -Eq "offloads|TCP offload in use" "$0"' "$(server_log)"
check "$HPIT_TEST: username1 up at 2M: ${up:-?} Mbit/s, ${udrops:-?} dropped (0.8-2.2)" \
    limited "$up" "$udrops" 0.8 2.2
check "$HPIT_TEST: username1 down at 2M: ${down:-?} Mbit/s, ${ddrops:-?} dropped (0.8-2.2)" \
    limited "$down" "$ddrops" 0.8 2.2
guest_wait_file c2 done 60
other=$(guest_cat c2 up.mbps)
set -- $(guest_ip c2 c)
sid2=$($CTL list 2>/dev/null | awk -v ip="${2:-none}" '$0 ~ ip { print $1; exit }')
$CTL show "$sid2" >"$HPIT_TMP/show2.out" 2>&1
check "$HPIT_TEST: username3 meanwhile (${other:-?} Mbit/s): no limit, nothing dropped for one" \
    sh -c "[ -n '$other' ] && grep -q '^rate-limit: none' '$HPIT_TMP/show2.out'"
guest_signal c2 release

$CTL limit "$sid" 1M/1M >"$HPIT_TMP/limit.out" 2>&1
check "$HPIT_TEST: hpptpctl limit $sid 1M/1M: $(head -n 1 "$HPIT_TMP/limit.out")" \
    grep -q "1M/1M" "$HPIT_TMP/limit.out"
guest_signal c1 go2
guest_wait_file c1 done 60
guest_signal c1 release
slow=$(guest_cat c1 slow.mbps)
$CTL show "$sid" >"$HPIT_TMP/show.out" 2>&1
drops=$(sed -n 's/^ *rate-limit: .*drops \([0-9]*\) down, \([0-9]*\) up.*/\1 \2/p' \
    "$HPIT_TMP/show.out")
set -- $drops
check "$HPIT_TEST: after the change: ${slow:-?} Mbit/s (0.4-1.1)" \
    limited "$slow" "$((${2:-0} - ${udrops:-0}))" 0.4 1.1
check "$HPIT_TEST: hpptpctl show: limit 1M/1M and drops counted (${drops:-none})" \
    sh -c "grep -q 'rate-limit: 1M/1M' '$HPIT_TMP/show.out' &&
	[ -n '$drops' ] && [ '$drops' != '0 0' ]"
audit_check "$HPIT_TEST: the change is an audit line" \
    'event=rate-limit .*user="username1" .*down=1M up=1M'
guest_wait c1 60
guest_wait c2 60
if [ "$HPIT_FAILED" = 1 ]; then
	excerpt "$(guest_file c1 up.iperf)"; excerpt "$(guest_file c1 slow.iperf)"
	excerpt "$HPIT_TMP/show.out"
	guest_report c1; guest_report c2; server_report; exit 1
fi
