#!/bin/sh
# Scenario 16 (issue 15): a real client (Debian pppd + pptp-linux in
# UML) logs in with MS-CHAPv2 + MPPE-128 through RADIUS: freeradius -X
# in the server's namespace (tests/security/radius_lib.sh), hpptpd with
# auth-source radius.  What the Access-Accept says is what the client
# sees: the Framed-IP-Address on its ppp0, the Framed-IP-Netmask in the
# DHCPINFORM answer, Framed-MTU as the MSS of the SYN-ACK it receives
# (the server clamps to Framed-MTU - 40).  The client pings and moves
# iperf3 traffic, then holds the link until FreeRADIUS has an
# Interim-Update (Acct-Interim-Interval 60 from the reply).  The Stop's
# octet counters are within 1% of the kernel's own counts of IP bytes:
# the client's ppp0 tx (upload), and at least the TCP payload iperf3
# moved each way.  Upload: gre joins runs of the client's segments into
# one tun write (gre/gro.c), which the tun counts once, so the Stop's
# Acct-Input-Octets is the tuns' rx bytes plus 40 to 120 bytes of
# headers for every packet more than the tuns counted.  Download: the
# tuns offload TCP segmentation to gre (tun-offload), so the kernel
# counts a 64 KB burst once where gre sends, and accounting counts,
# its pieces, each with a copy of the headers; Acct-Output-Octets lies
# between the tuns' tx bytes and that plus 120 bytes (the largest IPv4
# and TCP headers) for every packet more than the tuns counted.  A
# wrong password gets pppd's authentication failure (exit 19).
HPIT_TEST="s16 radius"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
[ -x /usr/bin/python3 ] ||
    { tap_skip "$HPIT_TEST" "no /usr/bin/python3 for the DHCPINFORM tool"; exit 0; }
. "$HPIT_DIR/radius.sh"
hpit_radius s16-radius-Secret <<'FR'
raduser	Cleartext-Password := "rad-Pass-16"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.233,
	Framed-IP-Netmask = 255.255.255.0,
	Framed-MTU = 1200,
	Acct-Interim-Interval = 60,
	Class = "s16"
FR
HPIT_CONF=hpptpd.conf EXTRA_CONF="radius server 127.0.0.1 secret-file \"$HPIT_TMP/radius-secret\"
auth-source radius" server_start

# tun_ctr NAME: the kernel's NAME counter summed over the data workers'
# tun devices (hpptp0, hpptp0-K): what gre read from them (tx_*) and
# wrote to them (rx_*), a count the daemon does not keep itself.
tun_ctr() {
	ns sh -c 'cat /sys/class/net/hpptp0*/statistics/'"$1" |
	    awk '{ n += $1 } END { print n + 0 }'
}
# hpptpctl stats: runs joined by the data workers (two packets a write
# at least); gre reports its own counters every second
CTL="$HP_BUILD/hpptpctl -s $HPIT_TMP/run/hpptpd.sock"
stats_joined() {
	$CTL stats | awk '/^gre tun writes: / { p = $4; w = $8 }
	    END { exit !(w > 0 && p >= 2 * w) }'
}
tun0_tx=$(tun_ctr tx_bytes) tun0_rx=$(tun_ctr rx_bytes)
tun0_txp=$(tun_ctr tx_packets) tun0_rxp=$(tun_ctr rx_packets)
cat >"$HPIT_TMP/g_s16.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	run_ping c "$PEER"
	# the server's MSS clamp is what shows Framed-MTU: offer more
	ip route replace "$PEER" dev "$IFACE" src "$LOCAL" advmss 1460
	timeout 20 /usr/bin/python3 "$G_TOOL" "$IFACE" "$LOCAL" 6 \
	    >"$RES/dhcp.txt" 2>&1
	echo $? >"$RES/dhcp.rc"
	syn_capture "$IFACE" "$RES/syn.txt"
	cap=$!
	timeout 30 iperf3 -c "$PEER" -t 3 -J --connect-timeout 5000 \
	    >"$RES/c.iperf.json" 2>&1
	echo $? >"$RES/c.iperf.rc"
	kill "$cap" 2>/dev/null
	timeout 30 iperf3 -c "$PEER" -t 3 -R -J --connect-timeout 5000 \
	    >"$RES/r.iperf.json" 2>&1
	echo $? >"$RES/r.iperf.rc"
	touch "$RES/held"
	wait_file "$RES/release" 110
	link_counters c
	ppp_disconnect TERM
	log "disconnected"
}
GEOF
cp "$HPIT_DIR/dhcpinform.py" "$HPIT_TMP/dhcpinform.py"
guest_start c1 1 G_USER=raduser G_PASS=rad-Pass-16 G_LIFETIME=190 \
    G_FUNCS="$HPIT_TMP/g_s16.sh" G_TOOL="$HPIT_TMP/dhcpinform.py"
guest_wait_file c1 c.rc 90
rc=$(guest_rc c1 c)
set -- $(guest_ip c1 c)
if check "$HPIT_TEST: pppd connects through RADIUS (exit 0, got ${rc:-none})" \
    [ "$rc" = 0 ]; then
	check "$HPIT_TEST: the reply's Framed-IP-Address (got ${2:-none})" \
	    [ "${2:-}" = 10.100.0.233 ]
fi
audit_check "$HPIT_TEST: audit auth-ok source=radius" \
    'event=auth-ok .*user="?raduser.*source=radius'
# The wrong password runs while c1 holds its link for the Interim.
guest_start c2 2 G_USER=raduser G_PASS=wrong-pass G_LIFETIME=60
DETAIL="$HPIT_TMP/frlog/radacct/*/detail*"
detail() { cat $DETAIL 2>/dev/null; }
detail_has() { detail | grep -q "$1"; }
if [ "$rc" = 0 ]; then
	guest_wait_file c1 held 60
	check "$HPIT_TEST: ping the tunnel address" \
	    [ "$(guest_cat c1 c.ping.rc)" = 0 ]
	check "$HPIT_TEST: DHCPINFORM answered with Framed-IP-Netmask" \
	    grep -q '^opt1 255\.255\.255\.0$' "$(guest_file c1 dhcp.txt)"
	mss=$(sed -n '/Flags \[S\.\]/s/.*\[mss \([0-9]*\).*/\1/p' \
	    "$(guest_file c1 syn.txt)" | head -n 1)
	check "$HPIT_TEST: Framed-MTU 1200: SYN-ACK at the client has MSS ${mss:-none} <= 1160" \
	    num_le "$mss" 1160
	# iperf3 -R's sender is the server's TCP: its bursts reach gre
	# whole, and what the client received was cut by gre (tso.c)
	check "$HPIT_TEST: the tuns offload checksums and TSO to gre" \
	    server_log_grep "tun hpptp0: offloads checksum, TSO4, TSO6"
	check "$HPIT_TEST: gre cut a TCP burst read whole from the tun" \
	    server_log_grep 'gre[0-9]*: msg="tun: TCP offload in use: [0-9]+ bytes read at once, cut into [0-9]+ packets"'
	# iperf3's upload: runs of the client's segments, one write each
	check "$HPIT_TEST: gre joined a run of TCP segments into one tun write" \
	    server_log_grep 'gre[0-9]*: msg="tun: TCP offload in use: [0-9]+ packets joined into one write of [0-9]+ bytes"'
	check "$HPIT_TEST: hpptpctl stats counts the joined packets and writes" \
	    wait_until 10 stats_joined
	check "$HPIT_TEST: iperf3 through the tunnel, both ways" \
	    [ "$(guest_cat c1 c.iperf.rc)$(guest_cat c1 r.iperf.rc)" = 00 ]
	# Start comes at IPCP up, the Interim 60 s after it.
	check "$HPIT_TEST: an Interim-Update within 90 s" \
	    wait_until 900 detail_has 'Acct-Status-Type = Interim-Update'
fi
guest_signal c1 release
guest_wait c1 60
guest_wait c2 70
check "$HPIT_TEST: a wrong password: pppd exit 19 (got $(guest_rc c2 c))" \
    [ "$(guest_rc c2 c)" = 19 ]
wait_until 150 detail_has 'Acct-Status-Type = Stop'
check "$HPIT_TEST: accounting Start and Stop in FreeRADIUS's detail file" \
    sh -c "cat $DETAIL | grep -q 'Acct-Status-Type = Start' &&
	cat $DETAIL | grep -q 'Acct-Status-Type = Stop'"
check "$HPIT_TEST: the Stop carries the Class" \
    sh -c "cat $DETAIL | grep -q 'Class = 0x733136'"

# stop_attr NAME: the value of NAME in the (one) Stop record.
stop_attr() {
	detail | awk -v a="$1" '
	    /^[A-Z][a-z][a-z] / { stop = 0 }
	    /Acct-Status-Type = Stop/ { stop = 1 }
	    stop && $1 == a { v = $3 }
	    END { print v + 0 }'
}
# iperf_bytes FILE SUM: the bytes of iperf3 -J's end.SUM in c1's FILE.
iperf_bytes() {
	/usr/bin/python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["end"][sys.argv[2]]["bytes"])' \
	    "$(guest_file c1 "$1")" "$2" 2>/dev/null || echo 0
}
# within1 A B: A within 1% of B (B > 0).
within1() { [ "$2" -gt 0 ] && [ $(( ($1 - $2) * 100 )) -le "$2" ] &&
    [ $(( ($2 - $1) * 100 )) -le "$2" ]; }
if [ -s "$(guest_file c1 c.counters)" ]; then
	set -- $(guest_cat c1 c.counters)
	ktx=$1 krx=$2 ktxp=$3 krxp=$4
	in=$(( $(stop_attr Acct-Input-Gigawords) * 4294967296 +
	    $(stop_attr Acct-Input-Octets) ))
	out=$(( $(stop_attr Acct-Output-Gigawords) * 4294967296 +
	    $(stop_attr Acct-Output-Octets) ))
	inp=$(stop_attr Acct-Input-Packets) outp=$(stop_attr Acct-Output-Packets)
	sent=$(iperf_bytes c.iperf.json sum_received)
	rcvd=$(iperf_bytes r.iperf.json sum_received)
	ttx=$(( $(tun_ctr tx_bytes) - tun0_tx )) trx=$(( $(tun_ctr rx_bytes) - tun0_rx ))
	ttxp=$(( $(tun_ctr tx_packets) - tun0_txp ))
	trxp=$(( $(tun_ctr rx_packets) - tun0_rxp ))
	diag "Stop: in $in B $inp pkts, out $out B $outp pkts; client ppp0:" \
	    "tx $ktx B $ktxp pkts, rx $krx B $krxp pkts; iperf3 received $sent B up and $rcvd B down" \
	    "(TCP payload); server tun: rx $trx B $trxp pkts, tx $ttx B $ttxp pkts"
	check "$HPIT_TEST: Acct-Input-Octets $in within 1% of the client's ppp0 tx $ktx" \
	    within1 "$in" "$ktx"
	# Upload: gre joins a run of the client's TCP segments into one
	# tun write (gre/gro.c), which the tun counts once, headers too
	# (40 to 120 B of headers each; 1% more: what went to ctrl, not tun)
	hmin=$(( trx + (inp - trxp) * 40 ))
	hmax=$(( trx + (inp - trxp) * 120 + trx / 100 ))
	check "$HPIT_TEST: Acct-Input-Octets $in from $hmin to $hmax: the server tun's rx $trx and the headers of $((inp - trxp)) packets joined ($inp packets for $trxp written)" \
	    [ "$in" -ge "$hmin" -a "$in" -le "$hmax" -a "$inp" -ge "$trxp" ]
	hmax=$(( ttx + (outp - ttxp) * 120 ))
	check "$HPIT_TEST: Acct-Output-Octets $out from the server tun's tx $ttx to $hmax ($outp packets sent for $ttxp read)" \
	    [ "$out" -ge "$ttx" -a "$out" -le "$hmax" -a "$outp" -ge "$ttxp" ]
	# Downstream losses (the UML client's userspace GRE under load)
	# are the client's: the NAS counts what it sent to the port.  The
	# client's rx also has what ctrl itself sent (IPCP, CCP, the
	# DHCPACK: a few hundred bytes), which is not the user's traffic.
	check "$HPIT_TEST: the client's ppp0 rx $krx is at most Acct-Output-Octets $out + 1%" \
	    num_le "$krx" $((out + out / 100))
	check "$HPIT_TEST: Acct-Input-Packets $inp within 1% of the client's $ktxp" \
	    within1 "$inp" "$ktxp"
	check "$HPIT_TEST: Acct-Input-Octets $in >= iperf3's payload $sent" \
	    num_le "$sent" "$in"
	check "$HPIT_TEST: Acct-Output-Octets $out >= iperf3 -R's payload $rcvd" \
	    num_le "$rcvd" "$out"
	check "$HPIT_TEST: iperf3 moved something ($sent B, $rcvd B)" \
	    [ "$sent" -gt 0 -a "$rcvd" -gt 0 ]
else
	tap_notok "$HPIT_TEST: the client's ppp0 counters at disconnect"
fi
kill_fr
if [ "$HPIT_FAILED" = 1 ]; then
	excerpt "$(guest_file c1 dhcp.txt)"
	detail | tail -n 40 | sed 's/^/# /'
	guest_report c1; server_report; exit 1
fi
