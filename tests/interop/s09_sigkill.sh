#!/bin/sh
# Scenario 9: a client that vanishes (its whole UML machine SIGKILLed: no
# LCP terminate, no FIN, no GRE).  The server notices by LCP echo
# (lcp-echo-interval 2, lcp-echo-failure 3 here) and ends the session;
# the next login of the same user then gets the same address.  The user
# is username2, whose address is static (10.100.0.201): the pool itself
# hands out freed addresses last (FIFO), so only a static address shows
# that the session was really reclaimed.  Before the kill, the live
# client's pppd answers the echoes (sent by hpptpd's gre worker) for
# longer than three intervals without the session ending.
HPIT_TEST="s09 vanished client"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
EXTRA_OPTIONS="lcp-echo-interval 2
lcp-echo-failure 3" server_start
guest_start c1 1 G_USER=username2 G_PASS=password2 G_HOLD=150 G_LIFETIME=200
# The second client boots now and connects when told to.
guest_start c2 2 G_USER=username2 G_PASS=password2 G_WAIT_GO=1 \
    G_LIFETIME=250
guest_wait_file c1 held 150
set -- $(guest_ip c1 c)
a1=${2:-}
if ! check "$HPIT_TEST: first client up ($a1)" [ -n "$a1" ]; then
	guest_report c1; server_report; exit 1
fi
if is_hpptpd; then
	sleep 9		# > 3 unanswered echoes at 2 s, if pppd did not answer
	check "$HPIT_TEST: a live pppd answers gre's echoes (still up after 9 s)" \
	    sh -c "! grep -Eq 'event=session-down.*ip=$a1 ' '$HPIT_TMP/hpptpd.log'"
fi
t0=$(date +%s)
guest_kill c1
if is_hpptpd; then
	audit_check "$HPIT_TEST: session-down after the echo timeout" \
	    "event=session-down.*ip=$a1" 30
	diag "session ended $(($(date +%s) - t0)) s after the kill"
else
	sleep 12	# Poptop's pppd: 3 missed echoes at 2 s, with slack
fi
guest_wait_file c2 booted 120
guest_signal c2 go
guest_wait c2 120
set -- $(guest_ip c2 c)
check "$HPIT_TEST: next login gets the same address (${2:-none})" \
    [ "${2:-}" = "$a1" ]
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c2; server_report; exit 1
fi
