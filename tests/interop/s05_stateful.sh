#!/bin/sh
# Scenario 5: stateful MPPE allowed by the server (mppe-stateful) and by
# the client (pppd's mppe-stateful): it connects, both ends agree on the
# mode, ping and iperf3 work.  (pppd itself still asks for stateless;
# stateful results only if the server Naks the H bit.  Poptop's pppd
# ends up stateless; whichever mode, the two ends must agree.)
HPIT_TEST="s05 mppe-stateful"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
EXTRA_OPTIONS="mppe-stateful" server_start
guest_start c1 1 G_EXTRA=mppe-stateful G_IPERF_SECS=3 G_LIFETIME=140
guest_wait c1 150
if check "$HPIT_TEST: pppd connects (got $(guest_rc c1 c))" \
    [ "$(guest_rc c1 c)" = 0 ]; then
	mode=$(sed -n 's/^MPPE 128-bit \(state[a-z]*\) compression enabled/\1/p' \
	    "$(guest_file c1 c.pppd.log)")
	diag "client: MPPE 128-bit ${mode:-?}"
	check "$HPIT_TEST: MPPE 128 negotiated" [ -n "$mode" ]
	if is_hpptpd; then
		audit_check "$HPIT_TEST: server agrees on $mode" \
		    "event=session-up.*mppe=128-$mode"
	fi
	check "$HPIT_TEST: ping" [ "$(guest_cat c1 c.ping.rc)" = 0 ]
	mbps=$(guest_cat c1 c.mbps)
	check "$HPIT_TEST: iperf3 3 s (${mbps:-?} Mbit/s)" [ -n "$mbps" ]
fi
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
