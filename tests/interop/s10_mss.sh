#!/bin/sh
# Scenario 10: TCP MSS clamping.  The client advertises MSS 1460 on its
# tunnel route (ip route ... advmss 1460), the server side does the same
# for the route to the client; a TCP connection (iperf3, 1 s) through the
# tunnel must carry MSS <= MTU - 40 in its SYN as seen past the tun
# (capture on hpptp0 in the namespace) and in the SYN-ACK as the client
# receives it (capture on ppp0 in the guest).  hpptpd only: Poptop does
# not clamp, so its clients need an iptables TCPMSS rule.
HPIT_TEST="s10 mss clamp"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (Poptop does not clamp the MSS)"
	exit 0
fi
hpit_init
server_start
TUN=hpptp0
MTU=1400	# the seed's mtu (hpptpd's default)

cat >"$HPIT_TMP/g_s10.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	ip route replace "$PEER" dev "$IFACE" src "$LOCAL" advmss 1460
	ip route show >"$RES/routes"
	wait_file "$RES/go" 60 || { ppp_disconnect; return 0; }
	syn_capture "$IFACE" "$RES/syn.txt"
	cap=$!
	run_iperf c "$PEER" 1
	sleep 1
	kill "$cap" 2>/dev/null
	ppp_disconnect TERM
}
GEOF
# any interface: with several gre data workers the session's tun may be
# hpptp0-1 (the inner TCP is seen on the tun only, GRE hides it elsewhere)
ns tcpdump -i any -n -v -U -c 4 \
    'tcp port 5201 and tcp[tcpflags] & tcp-syn != 0' \
    >"$HPIT_TMP/syn-ns.txt" 2>"$HPIT_TMP/tcpdump-ns.err" &
dump=$!
guest_start c1 1 G_FUNCS="$HPIT_TMP/g_s10.sh" G_LIFETIME=150
guest_wait_file c1 c.rc 90
set -- $(guest_ip c1 c)
if ! check "$HPIT_TEST: client up (${2:-none})" [ -n "${2:-}" ]; then
	guest_wait c1 30; kill "$dump" 2>/dev/null
	guest_report c1; server_report; exit 1
fi
dev=$(ns ip route get "$2" | sed -n 's/.* dev \([^ ]*\).*/\1/p')
ns ip route replace "$2/32" dev "${dev:-$TUN}" advmss 1460 ||
    diag "could not set advmss on the route to $2"
guest_signal c1 go
guest_wait c1 60
sleep 1
kill "$dump" 2>/dev/null
wait "$dump" 2>/dev/null

# "options [mss 1360,...]" in tcpdump -v output.
mss_of() { sed -n "$2"'s/.*\[mss \([0-9]*\).*/\1/p' "$1"; }
syn=$(mss_of "$HPIT_TMP/syn-ns.txt" '/Flags \[S\]/' | head -n 1)
synack=$(mss_of "$(guest_file c1 syn.txt)" '/Flags \[S\.\]/' | head -n 1)
sent=$(mss_of "$(guest_file c1 syn.txt)" '/Flags \[S\]/' | head -n 1)
diag "client sent MSS ${sent:-?} (advmss 1460 on its route), server side" \
    "route: $(ns ip route show "$2/32" 2>/dev/null)"
check "$HPIT_TEST: client SYN past the tun has MSS ${syn:-none} <= $((MTU - 40))" \
    num_le "$syn" $((MTU - 40))
check "$HPIT_TEST: SYN-ACK at the client has MSS ${synack:-none} <= $((MTU - 40))" \
    num_le "$synack" $((MTU - 40))
if [ "$HPIT_FAILED" = 1 ]; then
	excerpt "$HPIT_TMP/syn-ns.txt"; excerpt "$(guest_file c1 syn.txt)"
	excerpt "$(guest_file c1 routes)"
	guest_report c1; server_report; exit 1
fi
