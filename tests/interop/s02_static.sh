#!/bin/sh
# Scenario 2: username2 has the static address 10.100.0.201 in
# chap-secrets' address column and gets it.
HPIT_TEST="s02 static address"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start
guest_start c1 1 G_USER=username2 G_PASS=password2 G_LIFETIME=140
guest_wait c1 150
rc=$(guest_rc c1 c)
set -- $(guest_ip c1 c)
if check "$HPIT_TEST: pppd connects (exit 0)" [ "$rc" = 0 ]; then
	check "$HPIT_TEST: username2 gets 10.100.0.201 (got ${2:-none})" \
	    [ "${2:-}" = 10.100.0.201 ]
	check "$HPIT_TEST: ping the tunnel address" \
	    [ "$(guest_cat c1 c.ping.rc)" = 0 ]
fi
audit_check "$HPIT_TEST: audit session-up with ip=10.100.0.201" \
    'event=session-up.*user="?username2.*ip=10\.100\.0\.201'
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
