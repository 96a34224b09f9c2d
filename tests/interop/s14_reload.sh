#!/bin/sh
# Scenario 14 (issue 8): SIGHUP with a changed configuration and a new
# user.  A live session survives the reload and still carries traffic;
# the new user can connect and is told the new DNS server; the old DNS
# server is no longer handed out.  hpptpd only.
HPIT_TEST="s14 reload"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (SIGHUP semantics)"
	exit 0
fi
hpit_init
HPIT_CONF=hpptpd.conf
server_start

cat >"$HPIT_TMP/g_s14.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	run_ping c "$PEER"
	touch "$RES/held"
	wait_file "$RES/reloaded" 120 || return 0
	run_ping after "$PEER"
	touch "$RES/pinged"
	wait_file "$RES/release" 120
	ppp_disconnect TERM
}
GEOF
guest_start c1 1 G_FUNCS="$HPIT_TMP/g_s14.sh" G_LIFETIME=200
guest_start c2 2 G_USER=username5 G_PASS=password5 G_WAIT_GO=1 \
    G_EXTRA=usepeerdns G_LIFETIME=200
guest_wait_file c1 held 120
check "$HPIT_TEST: first session up" [ "$(guest_rc c1 c)" = 0 ] ||
    { guest_report c1; server_report; exit 1; }

# New DNS server, new user; then SIGHUP.
conf=$HPIT_TMP/etc/hpptpd.conf
sed -i 's/^dns .*/dns 198.51.100.53/' "$conf"
printf '"username5" pptpd "password5" *\n' >>"$HPIT_TMP/etc-ppp/chap-secrets"
kill -HUP "$HPIT_SRV_PID"
check "$HPIT_TEST: server logs the reload" \
    wait_until 20 server_log_grep 'hpptpd: reloaded'
audit_check "$HPIT_TEST: the new secrets are loaded" \
    'chap-secrets: 5 entries loaded' 20

# The live session still carries traffic.
guest_signal c1 reloaded
guest_wait_file c1 pinged 60
check "$HPIT_TEST: the live session survives (ping after reload)" \
    [ "$(guest_cat c1 after.ping.rc)" = 0 ]

# The new user connects and gets the new DNS server.
guest_wait_file c2 booted 90
guest_signal c2 go
guest_wait_file c2 c.rc 90
check "$HPIT_TEST: the new user connects (got $(guest_rc c2 c))" \
    [ "$(guest_rc c2 c)" = 0 ]
check "$HPIT_TEST: the new user is told the new DNS server" \
    grep -q '198.51.100.53' "$(guest_file c2 c.pppd.log)"
check "$HPIT_TEST: no session is told the old one after the reload" \
    sh -c "! grep -q '202.99.96.68' '$(guest_file c2 c.pppd.log)'"
guest_signal c1 release
guest_wait c1 40
guest_wait c2 60
audit_check "$HPIT_TEST: the first session ended normally" \
    'event=session-down.*user="username1"' 20
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; guest_report c2; server_report; exit 1
fi
