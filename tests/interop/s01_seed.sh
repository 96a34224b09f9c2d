#!/bin/sh
# Scenario 1: the seed configuration (master/conf.c, conf_init) through
# Poptop's files (hpptpd -P; HPIT_CONF=hpptpd.conf runs the equivalent
# hpptpd.conf): MS-CHAPv2 + MPPE-128 stateless; the client gets a pool
# address, pings the server's tunnel address, runs iperf3 for 3 s; audit
# lines for the session coming up and going down.
HPIT_TEST="s01 seed"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start
guest_start c1 1 G_IPERF_SECS=3 G_LIFETIME=140
guest_wait c1 150

rc=$(guest_rc c1 c)
set -- $(guest_ip c1 c)
local_ip=${2:-} peer=${3:-}
if check "$HPIT_TEST: pppd connects (exit 0)" [ "$rc" = 0 ]; then
	diag "connect $(guest_cat c1 c.ms) ms, $local_ip -> $peer"
	check "$HPIT_TEST: pool address" in_seed_pool "$local_ip"
	check "$HPIT_TEST: peer is the server's tunnel address" \
	    [ "$peer" = "$HPIT_TUNNEL_ADDR" ]
	check "$HPIT_TEST: MPPE 128 stateless" \
	    grep -q 'MPPE 128-bit stateless compression enabled' \
	    "$(guest_file c1 c.pppd.log)"
	check "$HPIT_TEST: ping the tunnel address" \
	    [ "$(guest_cat c1 c.ping.rc)" = 0 ]
	mbps=$(guest_cat c1 c.mbps)
	check "$HPIT_TEST: iperf3 3 s through the tunnel (${mbps:-?} Mbit/s)" \
	    [ -n "$mbps" ]
else
	diag "pppd exit status ${rc:-none}"
fi
audit_check "$HPIT_TEST: audit session-up" \
    "event=session-up.*user=\"?username1"
audit_check "$HPIT_TEST: audit session-down" "event=session-down" 10
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1
	server_report
	exit 1
fi
