#!/bin/sh
# Scenario 13: the reference.  Poptop's pptpd (Debian package) runs the
# seed configuration inside a UML guest; a second guest connects with
# Debian's pppd + pptp, pings the server's tunnel address and runs
# iperf3 for 3 s.  Prints connect time and rate (information only; the
# assertions are only that the reference setup itself works).
HPIT_TEST="s13 poptop reference"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"

if ! command -v pptpd >/dev/null 2>&1; then
	tap_skip "$HPIT_TEST" "pptpd (Poptop) not installed"
	exit 0
fi
hpit_init

# The server guest reads the rendered seed from a directory of $HPIT_TMP;
# the guest's own pppd logs into its result directory.
seed_render "$HPIT_TMP/poptop-etc" "$HPIT_TMP/poptop-etc"
EXTRA_OPTIONS="debug
logfile $HPIT_TMP/srv/pppd-server.log" \
    seed_render "$HPIT_TMP/poptop-etc" "$HPIT_TMP/poptop-etc"

guest_start srv 1 G_ROLE=poptop G_POPTOP_DIR="$HPIT_TMP/poptop-etc" \
    G_LIFETIME=90
if ! guest_wait_file srv ready 30; then
	tap_notok "$HPIT_TEST: pptpd guest did not start"
	guest_report srv
	exit 1
fi
guest_start cli 2 G_SERVER=192.0.2.11 G_IPERF_SECS=3 G_LIFETIME=60
guest_wait cli 60
guest_signal srv stop
guest_wait srv 20

rc=$(guest_rc cli c)
ms=$(guest_cat cli c.ms)
ip=$(guest_ip cli c)
mbps=$(guest_cat cli c.mbps)
ok=1
[ "$rc" = 0 ] || ok=0
[ "$(guest_cat cli c.ping.rc)" = 0 ] || ok=0
[ -n "$mbps" ] || ok=0
if [ $ok = 1 ]; then
	tap_ok "$HPIT_TEST: connect ${ms} ms, iperf3 ${mbps} Mbit/s ($ip)"
else
	tap_notok "$HPIT_TEST: pppd rc=${rc:-none} ping rc=$(guest_cat cli c.ping.rc) iperf3='$mbps'"
	guest_report cli
	guest_report srv
	excerpt "$HPIT_TMP/srv/pppd-server.log"
	exit 1
fi
