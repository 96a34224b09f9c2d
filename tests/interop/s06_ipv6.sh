#!/bin/sh
# Scenario 6: a client asking for IPv6 (+ipv6) gets an LCP
# Protocol-Reject for IPV6CP from hpptpd and stays up with IP.
HPIT_TEST="s06 +ipv6 rejected"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start
guest_start c1 1 G_EXTRA=+ipv6 G_LIFETIME=140
guest_wait c1 150
if check "$HPIT_TEST: pppd connects (got $(guest_rc c1 c))" \
    [ "$(guest_rc c1 c)" = 0 ]; then
	check "$HPIT_TEST: ping over IPv4" [ "$(guest_cat c1 c.ping.rc)" = 0 ]
	if is_hpptpd; then
		check "$HPIT_TEST: Protocol-Reject for IPV6CP" grep -q \
		    "Protocol-Reject for 'IPv6 Control Protocol'" \
		    "$(guest_file c1 c.pppd.log)"
	else
		tap_skip "$HPIT_TEST: Protocol-Reject for IPV6CP" \
		    "Poptop's pppd negotiates IPV6CP"
	fi
fi
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
