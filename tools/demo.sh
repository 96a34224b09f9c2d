#!/bin/sh
# make demo: hpptpd with a real Linux PPTP client, no Windows machine
# needed.  Starts the already built hpptpd (make demo builds first) in a
# fresh network namespace on the seed configuration (Poptop's files,
# tests/interop/seed/, run with -P), boots one User-Mode Linux guest
# running Debian's pppd + pptp-linux, connects it, shows the session as
# both ends see it, pings and runs iperf3 through the tunnel, prints a
# summary and cleans everything up (also on Ctrl-C).
#
#   sh tools/demo.sh            HP_BUILD=/path/to/build sh tools/demo.sh
#   DEMO_SECS=10 sh tools/demo.sh      (iperf3 duration, default 5)
HP_TOP=${HP_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
HPIT_TEST=demo
. "$HP_TOP/tests/interop/lib.sh"

say() { printf '\n== %s\n' "$*"; }
secs=${DEMO_SECS:-5}

why=$(hpit_skip_reason)
if [ -n "$why" ]; then
	echo "demo: cannot run here: $why" >&2
	exit 1
fi
[ -x "$HP_BUILD/hpptpd" ] || { echo "demo: no $HP_BUILD/hpptpd; run make" >&2; exit 1; }
hpit_init

say "hpptpd on the seed configuration (hpptpd -P pptpd.conf)"
seed_render "$HPIT_TMP/etc"
sed -n '/^[^#]/p' "$HPIT_TMP/etc/pptpd.conf" "$HPIT_TMP/etc/options.pptpd" |
    sed 's/^/    /'
if ! start_hpptpd "$HPIT_TMP/etc/pptpd.conf"; then
	echo "demo: hpptpd did not start" >&2
	exit 1
fi
start_iperf_server
echo "    listening on 192.0.2.1:1723 in namespace $HPIT_NS (pid $HPIT_SRV_PID)"

say "booting a UML guest (192.0.2.11) with pppd + pptp-linux"
cat >"$HPIT_TMP/g_demo.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	ip addr show "$IFACE" >"$RES/iface"
	touch "$RES/held"
	wait_file "$RES/go" 60 || { ppp_disconnect; return 0; }
	run_ping c "$PEER" 5
	run_iperf c "$PEER" "$G_SECS"
	touch "$RES/measured"
	wait_file "$RES/bye" 30
	ppp_disconnect TERM
}
GEOF
guest_start c1 1 G_FUNCS="$HPIT_TMP/g_demo.sh" G_SECS="$secs" \
    G_LIFETIME=$((secs + 120))
echo "    pppd pty \"pptp 192.0.2.1 --nolaunchpppd\" name username1 remotename pptpd require-mppe-128 ... updetach"
guest_wait_file c1 c.rc 90
rc=$(guest_rc c1 c)
if [ "$rc" != 0 ]; then
	echo "demo: the client did not connect (pppd exit ${rc:-none})"
	guest_report c1
	server_report
	exit 1
fi
guest_wait_file c1 held 20
set -- $(guest_ip c1 c)
iface=$1 local_ip=$2 peer=$3
ms=$(guest_cat c1 c.ms)

say "the client's side: $iface"
sed 's/^/    /' "$(guest_file c1 iface)"
grep -E 'MPPE|CHAP|local  IP|remote IP' "$(guest_file c1 c.pppd.log)" |
    sed 's/^/    pppd: /'
say "the server's side"
grep -E 'event=' "$(server_log)" | sed 's/^/    /'
# hpptpctl ARGS...: the control client against the server in the namespace
hpptpctl() {
	# (ip netns exec gives it a mount namespace of its own)
	ns sh -c 'mount --bind "$1/run" /run 2>/dev/null; shift; exec "$0" "$@"' \
	    "$HP_BUILD/hpptpctl" "$HPIT_TMP" "$@"
}
if [ -x "$HP_BUILD/hpptpctl" ]; then
	hpptpctl list 2>&1 | sed 's/^/    /'
fi
ns ip -4 addr show dev hpptp0 2>/dev/null | sed 's/^/    /'
ns ip route show dev hpptp0 2>/dev/null | sed 's/^/    route: /'

say "ping $peer and iperf3 for $secs s through the tunnel"
guest_signal c1 go
guest_wait_file c1 measured $((secs + 60))
sed 's/^/    /' "$(guest_file c1 c.ping)" | tail -n 3
tail -n 4 "$(guest_file c1 c.iperf)" | sed 's/^/    /'

if [ -x "$HP_BUILD/hpptpctl" ]; then
	say "the live session's counters (hpptpctl show; gre reports every 5 s)"
	sleep 5
	sid=$(hpptpctl list 2>/dev/null | awk -v a="$local_ip" '$4 == a { print $1 }')
	hpptpctl show "${sid:-0}" 2>&1 | sed 's/^/    /'
fi
guest_signal c1 bye
guest_wait c1 60

say "session end, as the server logged it"
server_wait_log 'event=session-down' 10
grep -E 'event=session-down' "$(server_log)" | sed 's/^/    /'
stop_hpptpd

loss=$(sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' "$(guest_file c1 c.ping)")
rtt=$(sed -n 's|.* = [0-9.]*/\([0-9.]*\)/.*|\1|p' "$(guest_file c1 c.ping)")
mbps=$(guest_cat c1 c.mbps)
say "summary"
echo "    client 192.0.2.11 (Debian pppd 2.4.9 + pptp-linux in UML)"
echo "    tunnel up in $ms ms: $local_ip <-> $peer on $iface"
echo "    $(grep -o 'MPPE [0-9]*-bit [a-z]* compression enabled' \
    "$(guest_file c1 c.pppd.log)" | head -n 1)"
echo "    ping: ${loss:-?}% loss, avg rtt ${rtt:-?} ms"
echo "    iperf3 (${secs} s, client to server): ${mbps:-?} Mbit/s"
echo "    (the client runs in User-Mode Linux, so speed is a floor)"
ok=1
[ "$(guest_cat c1 c.ping.rc)" = 0 ] || ok=0
[ -n "$mbps" ] || ok=0
[ $ok = 1 ] && echo "demo: OK" || { echo "demo: FAILED"; exit 1; }
