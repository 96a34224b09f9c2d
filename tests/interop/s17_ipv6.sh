#!/bin/sh
# Scenario 17: IPv6 inside the tunnel where it is configured.  Poptop's
# `+ipv6` in options.pptpd (-P) and then `ipv6 interface-id ::1` in
# hpptpd.conf: the client (pppd `+ipv6 ipv6cp-use-ipaddr`) opens IPV6CP
# beside IPCP, both ends get their link-local addresses, IPv4 still
# pings (dual stack), and no Protocol-Reject for IPV6CP is sent.
# s06 keeps the case where IPv6 is not configured (rejected).
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
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
