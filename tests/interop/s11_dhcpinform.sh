#!/bin/sh
# Scenario 11: split tunnel.  The server (hpptpd.conf with two push-route
# lines) answers a DHCPINFORM sent by the client through the tunnel, as
# Windows does after IPCP, with the routes in options 121 and 249
# (RFC 3442 classless static routes).  The DHCPINFORM comes from
# tests/interop/dhcpinform.py, run by the host's python3 in the guest.
HPIT_TEST="s11 dhcpinform routes"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (pppd does not answer DHCPINFORM)"
	exit 0
fi
if [ ! -x /usr/bin/python3 ]; then
	tap_skip "$HPIT_TEST" "no /usr/bin/python3 for the DHCPINFORM tool"
	exit 0
fi
hpit_init
HPIT_CONF=hpptpd.conf
EXTRA_CONF="push-route 192.168.50.0/24
push-route 10.20.0.0/16" server_start

cat >"$HPIT_TMP/g_s11.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	timeout 20 /usr/bin/python3 "$G_TOOL" "$IFACE" "$LOCAL" 6 \
	    >"$RES/dhcp.txt" 2>&1
	echo $? >"$RES/dhcp.rc"
	ppp_disconnect TERM
}
GEOF
# The guest hides the host's /tmp under a tmpfs (and the source tree may
# live there): hand it the tool through the test's own directory.
cp "$HPIT_DIR/dhcpinform.py" "$HPIT_TMP/dhcpinform.py"
guest_start c1 1 G_FUNCS="$HPIT_TMP/g_s11.sh" \
    G_TOOL="$HPIT_TMP/dhcpinform.py" G_LIFETIME=140
guest_wait c1 150
if check "$HPIT_TEST: pppd connects (got $(guest_rc c1 c))" \
    [ "$(guest_rc c1 c)" = 0 ]; then
	out=$(guest_file c1 dhcp.txt)
	check "$HPIT_TEST: DHCPACK received" [ "$(guest_cat c1 dhcp.rc)" = 0 ]
	for o in 121 249; do
		check "$HPIT_TEST: option $o has 192.168.50.0/24 and 10.20.0.0/16" \
		    sh -c "grep -q '^opt$o 192.168.50.0/24 ' '$out' &&
			grep -q '^opt$o 10.20.0.0/16 ' '$out'"
	done
fi
if [ "$HPIT_FAILED" = 1 ]; then
	excerpt "$(guest_file c1 dhcp.txt)"
	guest_report c1; server_report; exit 1
fi
