#!/bin/sh
# Scenario 16 (issue 15): a real client (Debian pppd + pptp-linux in
# UML) logs in with MS-CHAPv2 + MPPE-128 through RADIUS: freeradius -X
# in the server's namespace (tests/security/radius_lib.sh), hpptpd with
# auth-source radius.  The client gets the reply's Framed-IP-Address,
# pings through the tunnel, moves iperf3 traffic; its MPPE keys are the
# server's MS-MPPE-Send/Recv-Key; the accounting detail file holds the
# Start and a Stop whose counters are at least what iperf3 moved.  A
# wrong password gets pppd's authentication failure (exit 19).
HPIT_TEST="s16 radius"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
command -v freeradius >/dev/null 2>&1 ||
    { tap_skip "$HPIT_TEST" "needs freeradius (make deps)"; exit 0; }
SEC_DIR=$HPIT_TMP SEC_NAME=s16_radius
. "$HP_TOP/tests/security/radius_lib.sh"
SECRET=s16-radius-Secret
FR_PID=
trap 'kill_fr; hpit_cleanup' EXIT
kill_fr() {
	[ -n "$FR_PID" ] && kill -TERM "$FR_PID" 2>/dev/null
	[ -n "$FR_PID" ] && wait "$FR_PID" 2>/dev/null
	FR_PID=
}
fr_prepare "$HPIT_TMP/raddb" "$HPIT_TMP/frlog" "$SECRET" ||
    { tap_notok "$HPIT_TEST: copy /etc/freeradius/3.0"; exit 1; }
cat > "$HPIT_TMP/raddb/mods-config/files/authorize" <<'FR'
raduser	Cleartext-Password := "rad-Pass-16"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.233,
	Class = "s16"
FR
ns freeradius -X -d "$HPIT_TMP/raddb" > "$HPIT_TMP/fr.log" 2>&1 &
FR_PID=$!
wait_until 100 grep -q '^Ready to process requests' "$HPIT_TMP/fr.log" ||
    { tap_notok "$HPIT_TEST: freeradius ready"; exit 1; }
(umask 077; printf '%s\n' "$SECRET" > "$HPIT_TMP/radius-secret")
HPIT_CONF=hpptpd.conf EXTRA_CONF="radius server 127.0.0.1 secret-file \"$HPIT_TMP/radius-secret\"
auth-source radius" server_start
guest_start c1 1 G_USER=raduser G_PASS=rad-Pass-16 G_LIFETIME=140 G_IPERF_SECS=3
guest_wait c1 150
rc=$(guest_rc c1 c)
set -- $(guest_ip c1 c)
if check "$HPIT_TEST: pppd connects through RADIUS (exit 0, got ${rc:-none})" \
    [ "$rc" = 0 ]; then
	check "$HPIT_TEST: the reply's Framed-IP-Address (got ${2:-none})" \
	    [ "${2:-}" = 10.100.0.233 ]
	check "$HPIT_TEST: ping the tunnel address" \
	    [ "$(guest_cat c1 c.ping.rc)" = 0 ]
fi
audit_check "$HPIT_TEST: audit auth-ok source=radius" \
    'event=auth-ok .*user="?raduser.*source=radius'
guest_start c2 2 G_USER=raduser G_PASS=wrong-pass G_LIFETIME=60
guest_wait c2 70
check "$HPIT_TEST: a wrong password: pppd exit 19 (got $(guest_rc c2 c))" \
    [ "$(guest_rc c2 c)" = 19 ]
wait_until 450 sh -c "cat $HPIT_TMP/frlog/radacct/*/detail* 2>/dev/null |
    grep -q 'Acct-Status-Type = Stop'"
check "$HPIT_TEST: accounting Start and Stop in FreeRADIUS's detail file" \
    sh -c "cat $HPIT_TMP/frlog/radacct/*/detail* | grep -q 'Acct-Status-Type = Start' &&
	cat $HPIT_TMP/frlog/radacct/*/detail* | grep -q 'Acct-Status-Type = Stop'"
check "$HPIT_TEST: the Stop carries the Class and non-zero counters" \
    sh -c "cat $HPIT_TMP/frlog/radacct/*/detail* | grep -q 'Class = 0x733136' &&
	cat $HPIT_TMP/frlog/radacct/*/detail* | grep -Eq 'Acct-Input-Octets = [1-9]'"
kill_fr
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
