#!/bin/sh
# Scenario 21: two gre data workers (gre-workers 2, issue 18 item 5).
# Three real clients connect; hpptpctl show names each session's worker,
# which must be its call id modulo 2 (gre for even, gre1 for odd: what
# the kernel's packet fan-out program picks); iperf3 runs through all
# three at once.  Then the data worker that does not hold c1's session
# is SIGKILLed: master restarts it, the sessions it held end, and c1's
# session (and any other on c1's worker) carries traffic on.
# hpptpd only.
HPIT_TEST="s21 gre workers"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (Poptop has no data workers)"
	exit 0
fi
hpit_init
CTL="$HP_BUILD/hpptpctl -s $HPIT_TMP/run/hpptpd.sock"
EXTRA_CONF="gre-workers 2"
export EXTRA_CONF
server_start
for p in 5202 5203; do
	setsid ip netns exec "$HPIT_NS" iperf3 -s -p $p \
	    >"$HPIT_TMP/iperf3-$p.log" 2>&1 </dev/null &
done

cat >"$HPIT_TMP/g_s21.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	run_ping c "$PEER"
	touch "$RES/up"
	wait_file "$HPIT_TMP/iperf-go" 90 || return 0
	run_iperf c "$PEER" "$G_IPERF_SECS" -p "$G_IPERF_PORT"
	touch "$RES/iperf-done"
	wait_file "$HPIT_TMP/killed" 60 || return 0
	run_ping after "$PEER" 3
	touch "$RES/pinged"
	wait_file "$HPIT_TMP/release" 60
	ppp_disconnect TERM
}
GEOF
i=1
for u in username1 username3 username4; do
	guest_start c$i $i G_USER=$u G_PASS=password${u#username} \
	    G_FUNCS="$HPIT_TMP/g_s21.sh" G_LIFETIME=180 G_IPERF_SECS=5 \
	    G_IPERF_PORT=$((5200 + i)) G_CONNECT_TIMEOUT=45
	i=$((i + 1))
done
for c in c1 c2 c3; do guest_wait_file $c up 120 || guest_wait_file $c c.rc 1; done
up=0
for c in c1 c2 c3; do [ -e "$(guest_file $c up)" ] && up=$((up + 1)); done
check "$HPIT_TEST: three clients connect ($up of 3)" [ $up = 3 ]

# each client's session: its worker by hpptpctl show, and its call id
$CTL list >"$HPIT_TMP/list.out" 2>&1
agree=0 seen=
for c in c1 c2 c3; do
	set -- $(guest_ip $c c)
	sid=$(awk -v ip="${2:-none}" '$0 ~ " " ip " " { print $1; exit }' \
	    "$HPIT_TMP/list.out")
	$CTL show "${sid:-none}" >"$HPIT_TMP/show.$c" 2>&1
	cid=$(sed -n 's/^call-id: //p' "$HPIT_TMP/show.$c")
	w=$(sed -n 's/^gre-worker: //p' "$HPIT_TMP/show.$c")
	echo "${w:-none}" >"$HPIT_TMP/worker.$c"
	want=gre
	[ -n "$cid" ] && [ $((cid % 2)) = 1 ] && want=gre1
	[ -n "$cid" ] && [ "$w" = "$want" ] && agree=$((agree + 1))
	seen="$seen $c:call-id=${cid:-?}:${w:-?}"
done
diag "sessions:$seen"
check "$HPIT_TEST: hpptpctl show names each session's worker, call id % 2 ($agree of 3)" \
    [ $agree = 3 ]

: >"$HPIT_TMP/iperf-go"
for c in c1 c2 c3; do guest_wait_file $c iperf-done 60; done
moved=0 rates=
for c in c1 c2 c3; do
	r=$(guest_cat $c c.mbps)
	rates="$rates ${r:-?}"
	[ "$(guest_cat $c c.iperf.rc)" = 0 ] &&
	    awk -v v="$r" 'BEGIN { exit !(v + 0 > 0) }' && moved=$((moved + 1))
done
check "$HPIT_TEST: iperf3 through each at once ($rates Mbit/s)" [ $moved = 3 ]

# SIGKILL the worker c1's session is not on
mine=$(cat "$HPIT_TMP/worker.c1")
other=gre1
[ "$mine" = gre1 ] && other=gre
opid=$(hpptpd_pid_of "hpptpd-$other")
mpid=$(hpptpd_pid_of "hpptpd-$mine")
before=$(server_log_count "event=worker-restart proc=$other ")
restarted() {
	[ "$(server_log_count "event=worker-restart proc=$other ")" -gt "$before" ]
}
if check "$HPIT_TEST: hpptpd-$other runs (pid ${opid:-none})" [ -n "$opid" ]; then
	kill -KILL "$opid"
	check "$HPIT_TEST: audit worker-restart proc=$other" \
	    wait_until 10 restarted
fi
check "$HPIT_TEST: hpptpd-$mine ran on (pid ${mpid:-none})" \
    [ -n "$mpid" -a "$(hpptpd_pid_of "hpptpd-$mine")" = "$mpid" ]
# its sessions end; c1's worker's sessions stay
same=
for c in c1 c2 c3; do
	[ "$(cat "$HPIT_TMP/worker.$c")" = "$mine" ] && same="$same $c"
done
nsame=$(echo $same | wc -w)
left() { [ "$($CTL list 2>/dev/null | grep -c '^0x')" = "$nsame" ]; }
check "$HPIT_TEST: only the $nsame session(s) of $mine are left" \
    wait_until 20 left
: >"$HPIT_TMP/killed"
pinged=0
for c in $same; do
	guest_wait_file $c pinged 30
	[ "$(guest_cat $c after.ping.rc)" = 0 ] && pinged=$((pinged + 1))
done
check "$HPIT_TEST: the sessions of $mine carry traffic after $other's kill ($pinged of $nsame:$same)" \
    [ $pinged = "$nsame" ]
: >"$HPIT_TMP/release"
for c in c1 c2 c3; do guest_wait $c 60; done

if [ "$HPIT_FAILED" = 1 ]; then
	for c in c1 c2 c3; do guest_report $c; done
	server_report; exit 1
fi
