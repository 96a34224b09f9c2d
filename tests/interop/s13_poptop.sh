#!/bin/sh
# Scenario 13: side by side.  Scenario 1's client (seed configuration,
# MS-CHAPv2 + MPPE-128, ping, iperf3 3 s) against Poptop's pptpd (Debian
# package, in a UML guest at 192.0.2.100), then against hpptpd (native,
# 192.0.2.1), one after the other so they do not share the CPU.  Prints
# both connect times and iperf3 rates: information, not an assertion.
# Only the Poptop reference itself must work (it checks the harness and
# the client stack); hpptpd's numbers are printed if it is built and
# connects.
HPIT_TEST="s13 poptop reference"
HPIT_SERVER=poptop
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start			# Poptop guest "srv"
guest_start cp 1 G_IPERF_SECS=3 G_WAIT_GO=1 G_LIFETIME=120
hp=0
if [ -x "$HP_BUILD/hpptpd" ] && { seed_render "$HPIT_TMP/hp-etc"
    start_hpptpd "$HPIT_TMP/hp-etc/pptpd.conf"; }; then
	start_iperf_server
	guest_start ch 2 G_SERVER=192.0.2.1 G_IPERF_SECS=3 G_WAIT_GO=1 \
	    G_LIFETIME=150
	hp=1
fi
guest_wait_file cp booted 60
guest_signal cp go
guest_wait cp 60
server_stop
if [ $hp = 1 ]; then
	guest_wait_file ch booted 30
	guest_signal ch go
	guest_wait ch 60
	stop_hpptpd
fi

summary() {	# NAME: "connect N ms, iperf3 R Mbit/s"
	echo "connect $(guest_cat "$1" c.ms) ms, iperf3 $(guest_cat "$1" c.mbps) Mbit/s"
}
ok=1
[ "$(guest_rc cp c)" = 0 ] || ok=0
[ "$(guest_cat cp c.ping.rc)" = 0 ] || ok=0
[ -n "$(guest_cat cp c.mbps)" ] || ok=0
if [ $ok = 1 ]; then
	tap_ok "$HPIT_TEST: Poptop $(summary cp)"
else
	tap_notok "$HPIT_TEST: pppd rc=$(guest_rc cp c) ping rc=$(guest_cat cp c.ping.rc) iperf3='$(guest_cat cp c.mbps)'"
	guest_report cp
	server_report
fi
if [ $hp = 1 ]; then
	if [ "$(guest_rc ch c)" = 0 ]; then
		diag "hpptpd: $(summary ch)"
	else
		diag "hpptpd: client did not connect (pppd exit $(guest_rc ch c))"
	fi
else
	diag "hpptpd: not built or did not start; Poptop only"
fi
[ $ok = 1 ]
