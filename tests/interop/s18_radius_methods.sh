#!/bin/sh
# Scenario 18 (issue 15): PAP, CHAP-MD5 and MS-CHAPv1 logins through
# RADIUS, from real clients (Debian pppd + pptp-linux in UML), against
# freeradius -X in the server's namespace.  The server allows all four
# methods (auth mschap-v2 mschap chap pap) and MPPE-128 (allowed, not
# required: PAP and CHAP give no keys); each client refuses every method
# but its own, so the server's request is Naked down to it.  Each client
# connects, gets an address and pings through the tunnel; the MS-CHAPv1
# one requires MPPE-128, whose keys come from FreeRADIUS's
# MS-CHAP-MPPE-Keys.  A PAP client with a wrong password gets pppd's
# authentication failure (exit 19) and FreeRADIUS's reject is audited.
HPIT_TEST="s18 radius methods"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (the RADIUS client is hpptpd's)"
	exit 0
fi
hpit_init
. "$HPIT_DIR/radius.sh"
hpit_radius s18-radius-Secret <<'FR'
papuser	Cleartext-Password := "pap-Pass-18"
	Message-Authenticator := 0x00
chapuser	Cleartext-Password := "chap-Pass-18"
	Message-Authenticator := 0x00
v1user	Cleartext-Password := "v1-Pass-18"
	Message-Authenticator := 0x00
FR
HPIT_CONF=hpptpd.conf EXTRA_CONF="radius server 127.0.0.1 secret-file \"$HPIT_TMP/radius-secret\"
auth-source radius
auth mschap-v2 mschap chap pap
mppe allow 128" server_start

NO='refuse-eap refuse-mschap-v2'
guest_start c1 1 G_USER=papuser G_PASS=pap-Pass-18 G_MPPE=nomppe \
    G_REFUSE="$NO refuse-chap refuse-mschap" G_LIFETIME=100
guest_start c2 2 G_USER=chapuser G_PASS=chap-Pass-18 G_MPPE=nomppe \
    G_REFUSE="$NO refuse-pap refuse-mschap" G_LIFETIME=100
guest_start c3 3 G_USER=v1user G_PASS=v1-Pass-18 G_MPPE=require-mppe-128 \
    G_REFUSE="$NO refuse-pap refuse-chap" G_LIFETIME=100
guest_start c4 4 G_USER=papuser G_PASS=wrong-pass-18 G_MPPE=nomppe \
    G_REFUSE="$NO refuse-chap refuse-mschap" G_LIFETIME=100
for g in c1 c2 c3 c4; do guest_wait $g 110; done

# one_client GUEST USER METHOD MPPE: connected, pinged, audited.
one_client() {
	_rc=$(guest_rc "$1" c)
	check "$HPIT_TEST: $3: pppd connects (exit 0, got ${_rc:-none})" \
	    [ "$_rc" = 0 ] || return 1
	check "$HPIT_TEST: $3: ping through the tunnel" \
	    [ "$(guest_cat "$1" c.ping.rc)" = 0 ]
	audit_check "$HPIT_TEST: $3: auth-ok source=radius" \
	    "event=auth-ok .*user=\"?$2\"? .*method=$3 source=radius"
	audit_check "$HPIT_TEST: $3: session-up mppe=$4" \
	    "event=session-up .*user=\"?$2\"? .*method=$3 mppe=$4"
}
one_client c1 papuser pap none
one_client c2 chapuser chap-md5 none
one_client c3 v1user mschapv1 128 &&
    check "$HPIT_TEST: mschapv1: the client says MPPE 128-bit" \
	grep -q 'MPPE 128-bit' "$(guest_file c3 c.pppd.log)"
check "$HPIT_TEST: pap, wrong password: pppd exit 19 (got $(guest_rc c4 c))" \
    [ "$(guest_rc c4 c)" = 19 ]
audit_check "$HPIT_TEST: pap, wrong password: auth-fail radius-reject" \
    'event=auth-fail .*user="?papuser"? .*method=pap reason=radius-reject'
kill_fr
if [ "$HPIT_FAILED" = 1 ]; then
	for g in c1 c2 c3 c4; do guest_report $g; done
	server_report; exit 1
fi
