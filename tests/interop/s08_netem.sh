#!/bin/sh
# Scenario 8: a lossy, reordering client link (netem on the guest's
# side: 5% loss, 10% of packets reordered, 5 ms delay): an iperf3 TCP
# transfer of 3 s through the tunnel completes.
HPIT_TEST="s08 netem loss+reorder"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start
# With 5% loss, PPP may renegotiate IPCP just after it came up: a lost
# Configure-Ack makes the other side send its Configure-Request again,
# which takes an Opened IPCP down to Req-Sent (RFC 1661) and the address
# off ppp0 for a moment.  An iperf3 started then fails at once with
# "Network is unreachable" (seen in CI: pppd's log showed IPCP down and
# up again with new ids): one more try, 3 s later.
guest_start c1 1 G_NETEM="delay 5ms reorder 10% 50% loss 5%" \
    G_IPERF_SECS=3 G_IPERF_TRIES=2 G_CONNECT_TIMEOUT=60 G_LIFETIME=200
guest_wait c1 220
if check "$HPIT_TEST: pppd connects over the lossy link (got $(guest_rc c1 c))" \
    [ "$(guest_rc c1 c)" = 0 ]; then
	mbps=$(guest_cat c1 c.mbps)
	ok=0
	[ "$(guest_cat c1 c.iperf.rc)" = 0 ] && [ -n "$mbps" ] && ok=1
	check "$HPIT_TEST: iperf3 completes (${mbps:-?} Mbit/s)" [ $ok = 1 ]
fi
if [ "$HPIT_FAILED" = 1 ]; then
	excerpt "$(guest_file c1 c.iperf)" 10
	guest_report c1; server_report; exit 1
fi
