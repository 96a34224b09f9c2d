#!/bin/sh
# Scenario 20: clients behind one NAT (issue 16, "Clients behind one NAT").
#
#   guests c1..c4 --br1-- [NAT namespace] --vnat/vsrv-- hpptpd namespace
#   192.168.77.11-14      192.168.77.1 | 198.51.100.2     198.51.100.1
#
# The NAT is what operators are told to set up: nftables masquerade, and
# the kernel's PPTP conntrack helper (nf_conntrack_pptp, nf_nat_pptp)
# assigned to TCP 1723 with a `ct helper` object.  Its forward chain
# lets new TCP out and only established or related packets through, as
# a home router does: GRE crosses it only as the helper's expectation.
#
# With the helper: c1 and c2 dial at once, then c3; each gets its own
# session (same peer address 198.51.100.2, distinct call ids), its own
# pool address, and carries iperf3 traffic in parallel with the others
# (one iperf3 server per client port).  A kick of c2's session leaves
# c1 and c3 up (they ping again after it).
# Without the helper (the same NAT, rule and object removed), c4 dials:
# its GRE never crosses, the server logs event=no-gre for 198.51.100.2
# within NO_GRE_MS (10 s) of the call, and the session is gone.
HPIT_TEST="s20 nat"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
command -v nft >/dev/null 2>&1 ||
    { tap_skip "$HPIT_TEST" "no nft (apt-get install nftables)"; exit 0; }

CTL="$HP_BUILD/hpptpctl -s $HPIT_TMP/run/hpptpd.sock"
NAT_PUB=198.51.100.2
HPIT_SERVER_ADDR=198.51.100.1

hpit_ns_add nat || { tap_notok "$HPIT_TEST: NAT namespace"; exit 1; }
NATNS=$HPIT_NS-nat
nat() { ip netns exec "$NATNS" "$@"; }
nat ip link add br1 type bridge
nat ip link set br1 type bridge forward_delay 0 stp_state 0 2>/dev/null
nat ip addr add 192.168.77.1/24 dev br1
nat ip link set br1 up
nat ip link add vnat type veth peer name vsrv netns "$HPIT_NS"
nat ip addr add $NAT_PUB/24 dev vnat
nat ip link set vnat up
ns ip addr add $HPIT_SERVER_ADDR/24 dev vsrv
ns ip link set vsrv up
nat sysctl -qw net.ipv4.ip_forward=1

# nat_rules yes|no: the NAT's ruleset, with or without the PPTP helper.
nat_rules() {
	if [ "$1" = yes ]; then
		_obj='ct helper pptp_h { type "pptp" protocol tcp; l3proto ip; }'
		_set='iifname "br1" tcp dport 1723 ct helper set "pptp_h"'
	else
		_obj= _set=
	fi
	nat nft delete table ip hpit_nat 2>/dev/null
	nat nft -f - <<-NFT
	table ip hpit_nat {
		$_obj
		chain c_pre {
			type filter hook prerouting priority filter; policy accept;
			$_set
		}
		chain c_prenat {
			type nat hook prerouting priority dstnat; policy accept;
		}
		chain c_post {
			type nat hook postrouting priority srcnat; policy accept;
			oifname "vnat" masquerade
		}
		chain c_fwd {
			type filter hook forward priority filter; policy drop;
			ct state established,related accept
			iifname "br1" oifname "vnat" meta l4proto tcp accept
		}
	}
	NFT
}
check "$HPIT_TEST: NAT ruleset with the PPTP helper loads" nat_rules yes ||
    exit 1

server_start
# one iperf3 server per client: 5201 (server_start's), 5202, 5203
for p in 5202 5203; do
	setsid ip netns exec "$HPIT_NS" iperf3 -s -p $p \
	    >"$HPIT_TMP/iperf3-$p.log" 2>&1 </dev/null &
done

HPIT_GUEST_NS=$NATNS HPIT_GUEST_BR=br1 HPIT_GUEST_NET=192.168.77 \
    HPIT_GUEST_GW=192.168.77.1
export HPIT_GUEST_NS HPIT_GUEST_BR HPIT_GUEST_NET HPIT_GUEST_GW

cat >"$HPIT_TMP/g_s20.sh" <<'GEOF'
guest_main() {
	touch "$RES/booted"
	wait_file "$RES/go" "$G_LIFETIME" || return 0
	ppp_connect c || return 0
	run_ping c "$PEER"
	touch "$RES/up"
	wait_file "$HPIT_TMP/iperf-go" 90 || return 0
	run_iperf c "$PEER" "$G_IPERF_SECS" -p "$G_IPERF_PORT"
	touch "$RES/iperf-done"
	wait_file "$HPIT_TMP/kicked" 60 || return 0
	run_ping after "$PEER" 3
	touch "$RES/pinged"
	wait_file "$HPIT_TMP/release" 60
	ppp_disconnect TERM
}
GEOF
i=1
for u in username1 username3 username4; do
	guest_start c$i $i G_USER=$u G_PASS=password${u#username} \
	    G_FUNCS="$HPIT_TMP/g_s20.sh" G_LIFETIME=180 G_IPERF_SECS=5 \
	    G_IPERF_PORT=$((5200 + i)) G_CONNECT_TIMEOUT=45
	i=$((i + 1))
done
for c in c1 c2 c3; do guest_wait_file $c booted 90; done

# two at once, then the third
guest_signal c1 go; guest_signal c2 go
for c in c1 c2; do guest_wait_file $c up 60 || guest_wait_file $c c.rc 1; done
guest_signal c3 go
guest_wait_file c3 up 60
up=0 addrs=
for c in c1 c2 c3; do
	[ -e "$(guest_file $c up)" ] && up=$((up + 1))
	set -- $(guest_ip $c c)
	addrs="$addrs ${2:-}"
done
check "$HPIT_TEST: three clients behind one NAT connect ($up of 3)" [ $up = 3 ]
distinct=$(echo $addrs | tr ' ' '\n' | grep . | sort -u | wc -l)
check "$HPIT_TEST: three distinct pool addresses ($addrs )" [ "$distinct" = 3 ]

# the server's view: three sessions from one address, told apart by
# their call ids (the helper gave each client's call its own id)
$CTL list >"$HPIT_TMP/list.out" 2>&1
from_nat=$(grep -c " $NAT_PUB" "$HPIT_TMP/list.out")
check "$HPIT_TEST: three sessions from the NAT's address $NAT_PUB ($from_nat)" \
    [ "$from_nat" = 3 ]
: >"$HPIT_TMP/callids"
for sid in $(awk '/^0x/ { print $1 }' "$HPIT_TMP/list.out"); do
	$CTL show "$sid" >"$HPIT_TMP/show.$sid" 2>&1
	sed -n 's/^peer-call-id: //p' "$HPIT_TMP/show.$sid" >>"$HPIT_TMP/callids"
done
ncid=$(sort -u "$HPIT_TMP/callids" | grep -c .)
check "$HPIT_TEST: their peer call ids differ ($(tr '\n' ' ' <"$HPIT_TMP/callids"))" \
    [ "$ncid" = 3 ]

# traffic through each, in parallel
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

# kick c2's session: the others stay up
set -- $(guest_ip c2 c)
sid2=$(awk -v ip="${2:-none}" '$0 ~ " " ip " " { print $1; exit }' \
    "$HPIT_TMP/list.out")
$CTL kick "$sid2" >"$HPIT_TMP/kick.out" 2>&1
check "$HPIT_TEST: hpptpctl kick $sid2 (c2)" [ $? = 0 ]
wait_until 15 sh -c "! $CTL list 2>/dev/null | grep -q '^$sid2 '"
left=$($CTL list 2>/dev/null | grep -c " $NAT_PUB")
check "$HPIT_TEST: two sessions left after the kick ($left)" [ "$left" = 2 ]
: >"$HPIT_TMP/kicked"
for c in c1 c3; do guest_wait_file $c pinged 30; done
pinged=0
for c in c1 c3; do
	[ "$(guest_cat $c after.ping.rc)" = 0 ] && pinged=$((pinged + 1))
done
check "$HPIT_TEST: c1 and c3 still carry traffic after the kick ($pinged of 2)" \
    [ $pinged = 2 ]
: >"$HPIT_TMP/release"
for c in c1 c2 c3; do guest_wait $c 60; done
wait_until 15 sh -c "! $CTL list 2>/dev/null | grep -q '^0x'"

# the same NAT without the helper: GRE never crosses it
check "$HPIT_TEST: NAT ruleset without the helper loads" nat_rules no
guest_start c4 4 G_USER=username1 G_PASS=password1 G_CONNECT_TIMEOUT=40 \
    G_LIFETIME=90
t0=$(date +%s)
# while the server waits for GRE, hpptpctl show says so, with the hint
show_waiting() {
	for _s in $($CTL list 2>/dev/null | awk '/^0x/ { print $1 }'); do
		$CTL show "$_s" >"$HPIT_TMP/show.nogre" 2>&1
		grep -q '^gre: none yet' "$HPIT_TMP/show.nogre" && return 0
	done
	return 1
}
check "$HPIT_TEST: hpptpctl show: no GRE yet, with the hint" \
    wait_until 60 show_waiting &&
    check "$HPIT_TEST: ... naming the PPTP helper" \
    grep -q '^hint: .*PPTP helper' "$HPIT_TMP/show.nogre"
check "$HPIT_TEST: without the helper: event=no-gre for $NAT_PUB" \
    server_wait_log "event=no-gre .*peer=$NAT_PUB" 60
t1=$(date +%s)
diag "event=no-gre $((t1 - t0)) s after c4 was started (boot included)"
check "$HPIT_TEST: ... and its session cleaned up" \
    wait_until 15 sh -c "! $CTL list 2>/dev/null | grep -q '^0x'"
guest_wait c4 60
rc4=$(guest_rc c4 c)
nonzero() { [ -n "$1" ] && [ "$1" != 0 ]; }
check "$HPIT_TEST: ... and the client did not connect (pppd exit ${rc4:-none})" \
    nonzero "$rc4"

if [ "$HPIT_FAILED" = 1 ]; then
	nat nft list ruleset | sed 's/^/#   /'
	for c in c1 c2 c3 c4; do guest_report $c; done
	server_report; exit 1
fi
