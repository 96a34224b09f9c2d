#!/bin/sh
# Scenario 17: IPv6 inside the tunnel where it is configured.  Poptop's
# `+ipv6` in options.pptpd (-P) and then `ipv6 interface-id ::1` in
# hpptpd.conf: the client (pppd `+ipv6 ipv6cp-use-ipaddr`) opens IPV6CP
# beside IPCP, both ends get their link-local addresses, IPv4 still
# pings (dual stack), and no Protocol-Reject for IPV6CP is sent.
# s06 keeps the case where IPv6 is not configured (rejected).
#
# Then `ipv6 pool 2001:db8:100::/48` (issue 17): the client's kernel
# (accept_ra on, as by default) configures a global address from the
# router advertisement hpptpd sends in the tunnel, takes the server as
# its IPv6 default router, and pings through MPPE the server's address
# (2001:db8:100::1 on hpptp0) and a host behind the server (a namespace
# at 2001:db8:ff::2, the server forwarding); a ping from a source in
# another session's /64 is dropped, counted and logged; the /64's route
# is on its worker's tun (hpptp0 or hpptp0-K) while the session lives (hpptpctl show prints it, the
# audit line carries it) and gone after, as the client's address.
# With dns6 and domain, the client asks for DNS by stateless DHCPv6 as
# Windows does (an Information-request from tests/interop/dhcp6info.py,
# run by the host's python3 in the guest) and the Reply carries them;
# iperf3 over IPv6 through MPPE to iperf3 -s beside the server moves data.
HPIT_TEST="s17 ipv6cp"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init

cat >"$HPIT_TMP/g_s17.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	# updetach returns once the first network protocol is up (IPCP
	# or IPV6CP): wait (bounded) for both addresses.
	_n=0
	while [ $_n -lt 25 ]; do
		ip addr show dev "$IFACE" >"$RES/c.addrs" 2>&1
		grep -q 'inet6 fe80' "$RES/c.addrs" &&
		    grep -q 'inet .* peer' "$RES/c.addrs" && break
		sleep 0.2
		_n=$((_n + 1))
	done
	ip -6 addr show dev "$IFACE" >"$RES/c.addr6" 2>&1
	set -- $(sed -n 's/.*inet \([0-9.]*\) peer \([0-9.]*\).*/\1 \2/p' \
	    "$RES/c.addrs")
	PEER=${2:-}
	run_ping c "$PEER"
	# hold the link while the client's kernel sends its Router
	# Solicitations (after duplicate address detection, ~1 s)
	sleep 3
	ppp_disconnect TERM
}
GEOF

# s17_case NAME GUEST N: run one client and check what both ends say.
s17_case() {
	_t="$HPIT_TEST $1"
	guest_start "$2" "$3" G_FUNCS="$HPIT_TMP/g_s17.sh" G_MODS=ipv6 \
	    "G_EXTRA=+ipv6 ipv6cp-use-ipaddr" G_LIFETIME=140
	guest_wait "$2" 150
	check "$_t: pppd connects (got $(guest_rc "$2" c))" \
	    [ "$(guest_rc "$2" c)" = 0 ] || return 0
	_log=$(guest_file "$2" c.pppd.log)
	check "$_t: ping over IPv4 beside IPv6" \
	    [ "$(guest_cat "$2" c.ping.rc)" = 0 ]
	# neither IPV6CP nor IPv6 (0x0057: the client's neighbour
	# discovery) may be Protocol-Rejected once IPV6CP is negotiated
	check "$_t: no Protocol-Reject received" \
	    sh -c "! grep -q 'Protocol-Reject' '$_log'"
	check "$_t: client's local link-local address" \
	    grep -q 'local  LL address fe80::' "$_log"
	# pppd writes all 16 hex digits: fe80::0000:0000:0000:0001
	check "$_t: server's link-local address${4:+ ::$4}" \
	    grep -Eq "remote LL address fe80::${4:+(0+:)*0*$4\$}" "$_log"
	check "$_t: fe80:: on the client's ppp interface" \
	    grep -q 'inet6 fe80::' "$(guest_file "$2" c.addr6)"
	if is_hpptpd; then
		check "$_t: server logs IPV6CP up" server_wait_log \
		    "IPV6CP up: local fe80::${4:+0000:0000:0000:000$4}" 5
	fi
}

EXTRA_OPTIONS="+ipv6" server_start
s17_case "(+ipv6, -P)" c1 1
server_stop
if is_hpptpd; then
	HPIT_CONF=hpptpd.conf
	EXTRA_CONF="ipv6 interface-id ::1" server_start
	s17_case "(ipv6 interface-id ::1)" c2 2 1
	server_stop
fi

# ---- ipv6 pool: SLAAC from our RA, pings through MPPE, anti-spoof ----

cat >"$HPIT_TMP/g_s17pool.sh" <<'GEOF'
# run_ping6 TAG TARGET [ping args]: TAG.ping, TAG.ping.rc
run_ping6() {
	_t=$1 _d=$2; shift 2
	timeout 30 ping -6 -n -c 3 -i 0.3 -W 2 "$@" "$_d" >"$RES/$_t.ping" 2>&1
	echo $? >"$RES/$_t.ping.rc"
}
guest_main() {
	ppp_connect c || return 0
	# the address comes with the first RA the kernel takes (bounded)
	_n=0
	while [ $_n -lt 100 ]; do
		ip -6 addr show dev "$IFACE" scope global >"$RES/c.g6" 2>&1
		grep -q 'inet6 2001:db8:100:' "$RES/c.g6" && break
		sleep 0.2
		_n=$((_n + 1))
	done
	ip -6 route show >"$RES/c.route6" 2>&1
	touch "$RES/up6"
	# DNS by stateless DHCPv6, as Windows asks when the RA has the O flag
	timeout 25 /usr/bin/python3 "$G_TOOL" "$IFACE" 10 >"$RES/dhcp6.txt" 2>&1
	echo $? >"$RES/dhcp6.rc"
	run_ping6 srv 2001:db8:100::1
	run_ping6 lan 2001:db8:ff::2
	# TCP over IPv6 through MPPE, to iperf3 -s beside the server
	run_iperf v6 2001:db8:100::1 3
	# a source in another session's /64 (the pool's last)
	ip -6 addr add 2001:db8:100:ffff::5/128 dev "$IFACE" nodad
	run_ping6 spoof 2001:db8:ff::2 -I 2001:db8:100:ffff::5
	touch "$RES/pinged"
	wait_file "$RES/release" 60
	ppp_disconnect TERM
	ip -6 addr show >"$RES/c.after6" 2>&1
	touch "$RES/down6"
}
GEOF

if is_hpptpd; then
	CTL="$HP_BUILD/hpptpctl -s $HPIT_TMP/run/hpptpd.sock"
	_pt="$HPIT_TEST (ipv6 pool)"
	# a host behind the server, and the server forwarding IPv6
	hpit_ns_add lan || { tap_notok "$_pt: LAN namespace"; exit 1; }
	LANNS=$HPIT_NS-lan
	ns ip link add vlan type veth peer name vhost netns "$LANNS"
	ns ip -6 addr add 2001:db8:ff::1/64 dev vlan nodad
	ns ip link set vlan up
	ip netns exec "$LANNS" ip -6 addr add 2001:db8:ff::2/64 dev vhost nodad
	ip netns exec "$LANNS" ip link set vhost up
	ip netns exec "$LANNS" ip -6 route add default via 2001:db8:ff::1
	ns sysctl -qw net.ipv6.conf.all.forwarding=1
	HPIT_CONF=hpptpd.conf
	EXTRA_CONF="ipv6 pool 2001:db8:100::/48 prefix-length 64
dns6 2001:db8:ff::53 2001:db8:ff::54
domain corp.example.com" server_start
	route6() { ns ip -6 route show proto 0x7a 2>/dev/null; }
	# the guest hides the host's /tmp: the tool goes in the test's dir
	cp "$HPIT_DIR/dhcp6info.py" "$HPIT_TMP/dhcp6info.py"
	guest_start c3 3 G_FUNCS="$HPIT_TMP/g_s17pool.sh" G_MODS=ipv6 \
	    "G_EXTRA=+ipv6 ipv6cp-use-ipaddr" G_LIFETIME=160 \
	    G_TOOL="$HPIT_TMP/dhcp6info.py"
	guest_wait_file c3 up6 150
	check "$_pt: the client's ppp0 gets a global address from the RA" \
	    grep -q 'inet6 2001:db8:100:1:' "$(guest_file c3 c.g6)"
	diag "client: $(grep inet6 "$(guest_file c3 c.g6)" 2>/dev/null | tr -s ' ')"
	check "$_pt: the client's IPv6 default router is the server (RA)" \
	    grep -q '^default via fe80::.* dev ppp0 proto ra' \
	    "$(guest_file c3 c.route6)"
	# on the session's data worker's tun: hpptp0, or hpptp0-K
	check "$_pt: 2001:db8:100:1::/64 routed to its worker's tun" \
	    sh -c "ip netns exec $HPIT_NS ip -6 route show proto 0x7a | grep -Eq '^2001:db8:100:1::/64 dev hpptp0(-[0-9]+)? '"
	sid=$($CTL list 2>/dev/null | awk '$NF == "2001:db8:100:1::/64" { print $1 }')
	check "$_pt: hpptpctl show ${sid:-?}: prefix6" \
	    sh -c "$CTL show '$sid' | grep -qx 'prefix6: 2001:db8:100:1::/64'"
	check "$_pt: audit session-up carries prefix6=" server_wait_log \
	    'event=session-up .*prefix6=2001:db8:100:1::/64' 5
	check "$_pt: server answered with RAs" server_log_grep \
	    'RA: advertising the session'
	guest_wait_file c3 pinged 90
	check "$_pt: ping -6 the server's 2001:db8:100::1 through MPPE" \
	    [ "$(guest_cat c3 srv.ping.rc)" = 0 ]
	check "$_pt: ping -6 the host behind the server (2001:db8:ff::2)" \
	    [ "$(guest_cat c3 lan.ping.rc)" = 0 ]
	diag "$(grep -E 'transmitted|rtt' "$(guest_file c3 lan.ping)" | tr '\n' ' ')"
	_d6=$(guest_file c3 dhcp6.txt)
	diag "DHCPv6: $(tr '\n' ';' <"$_d6" 2>/dev/null)"
	check "$_pt: dns6: the RA says ask DHCPv6 (O flag; M clear)" \
	    grep -qx 'ra-flags 0x40' "$_d6"
	check "$_pt: DHCPv6 Information-request gets a Reply (client id echoed)" \
	    sh -c "[ \"\$(cat '$(guest_file c3 dhcp6.rc)')\" = 0 ] &&
		grep -qx 'client-id echoed' '$_d6'"
	check "$_pt: the Reply's DNS servers are dns6's" \
	    sh -c "[ \"\$(sed -n 's/^dns //p' '$_d6' | tr '\n' ' ')\" = \
		'2001:db8:ff::53 2001:db8:ff::54 ' ]"
	check "$_pt: the Reply's domain list and refresh time" \
	    sh -c "grep -qx 'domain corp.example.com' '$_d6' &&
		grep -qx 'refresh 1800' '$_d6'"
	check "$_pt: server logs the DHCPv6 answer" server_log_grep \
	    'DHCPv6: Information-request answered with 2 DNS servers and the domain'
	_mb=$(guest_cat c3 v6.mbps)
	diag "iperf3 over IPv6 through MPPE: ${_mb:-?} Mbit/s"
	check "$_pt: iperf3 over IPv6 through MPPE, a non-zero rate" \
	    awk -v rc="$(guest_cat c3 v6.iperf.rc)" -v mb="${_mb:-0}" \
	    'BEGIN { exit !(rc == "0" && mb + 0 > 0) }'
	check "$_pt: a spoofed source (another /64) gets nothing back" \
	    [ "$(guest_cat c3 spoof.ping.rc)" != 0 ]
	check "$_pt: gre logs the spoofed source once" server_wait_log \
	    'IPv6 from 2001:db8:100:ffff::5, outside the session' 10
	check "$_pt: hpptpctl show counts the drops" wait_until 10 \
	    sh -c "[ \"\$($CTL show '$sid' | sed -n 's/^drops: //p')\" -ge 3 ]"
	guest_signal c3 release
	guest_wait_file c3 down6 60
	guest_wait c3 60
	check "$_pt: after the session the route is gone" \
	    wait_until 10 sh -c "[ -z \"\$(ip netns exec $HPIT_NS ip -6 route show proto 0x7a)\" ]"
	check "$_pt: and the client's global address with ppp0" \
	    sh -c "! grep -q 'inet6 2001:db8:100:' '$(guest_file c3 c.after6)'"
	check "$_pt: audit session-down" server_wait_log \
	    'event=session-down .*ip=10\.100\.' 5
	server_stop

	# push-route6: a split tunnel.  The client's kernel takes Route
	# Information (RFC 4191) up to the length its sysctl allows.
	cat >"$HPIT_TMP/g_s17split.sh" <<'GEOF'
guest_main() {
	sysctl -qw net.ipv6.conf.default.accept_ra_rt_info_max_plen=64
	ppp_connect c || return 0
	_n=0
	while [ $_n -lt 100 ]; do
		ip -6 route show >"$RES/c.route6" 2>&1
		grep -q '^2001:db8:ff::/64 via fe80::.* proto ra' \
		    "$RES/c.route6" && break
		sleep 0.2
		_n=$((_n + 1))
	done
	ip -6 addr show dev "$IFACE" scope global >"$RES/c.g6" 2>&1
	timeout 30 ping -6 -n -c 3 -i 0.3 -W 2 2001:db8:ff::2 \
	    >"$RES/lan.ping" 2>&1
	echo $? >"$RES/lan.ping.rc"
	ppp_disconnect TERM
}
GEOF
	_pt="$HPIT_TEST (push-route6, split)"
	EXTRA_CONF="ipv6 pool 2001:db8:100::/48
dns6 2001:db8:ff::53
push-route6 2001:db8:ff::/64" server_start
	guest_start c4 4 G_FUNCS="$HPIT_TMP/g_s17split.sh" G_MODS=ipv6 \
	    "G_EXTRA=+ipv6" G_LIFETIME=120
	guest_wait c4 130
	diag "client routes: $(grep -v '^fe80\|^ff00\|^multicast' "$(guest_file c4 c.route6)" 2>/dev/null | tr '\n' ';')"
	check "$_pt: the pushed route, via the server (RA Route Information)" \
	    grep -q '^2001:db8:ff::/64 via fe80::.* dev ppp0 proto ra' \
	    "$(guest_file c4 c.route6)"
	check "$_pt: no default route through the tunnel (router lifetime 0)" \
	    sh -c "! grep -q '^default .*dev ppp0' '$(guest_file c4 c.route6)'"
	check "$_pt: still an address from the prefix" \
	    grep -q 'inet6 2001:db8:100:' "$(guest_file c4 c.g6)"
	check "$_pt: ping -6 the host behind the server over the pushed route" \
	    [ "$(guest_cat c4 lan.ping.rc)" = 0 ]
	server_stop
fi
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; guest_report c3; guest_report c4; server_report
	exit 1
fi
