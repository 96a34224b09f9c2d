#!/bin/sh
# Scenario 4: a client that requires 40-bit MPPE against the 128-only
# seed server fails MPPE negotiation (pppd exits 10); with 40 allowed in
# the server's options (require-mppe-40 beside require-mppe-128), the
# same client connects with 40-bit MPPE.
HPIT_TEST="s04 mppe-40"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start
guest_start c1 1 G_MPPE=require-mppe-40 G_LIFETIME=140
guest_wait c1 150
check "$HPIT_TEST: 40-bit client vs 128-only server, pppd exits 10 (got $(guest_rc c1 c))" \
    [ "$(guest_rc c1 c)" = 10 ]
[ "$HPIT_FAILED" = 1 ] && { guest_report c1; server_report; }
server_stop

EXTRA_OPTIONS="require-mppe-40" server_start
guest_start c2 2 G_MPPE=require-mppe-40 G_LIFETIME=140
guest_wait c2 150
if check "$HPIT_TEST: with 40 allowed it connects (got $(guest_rc c2 c))" \
    [ "$(guest_rc c2 c)" = 0 ]; then
	check "$HPIT_TEST: MPPE 40-bit in use" \
	    grep -q 'MPPE 40-bit stateless compression enabled' \
	    "$(guest_file c2 c.pppd.log)"
	check "$HPIT_TEST: ping through 40-bit MPPE" \
	    [ "$(guest_cat c2 c.ping.rc)" = 0 ]
fi
audit_check "$HPIT_TEST: audit session-up mppe=40" \
    'event=session-up.*mppe=40'
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c2; server_report; exit 1
fi
