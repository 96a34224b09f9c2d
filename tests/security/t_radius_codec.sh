#!/bin/sh
# hpptpd's RADIUS codec (auth/radius_*.c) against a real FreeRADIUS
# (issue 15), before any of it is wired into the auth worker.
# tests/tools/radtest_hp.c is built here from the build tree's libraries
# and speaks to `freeradius -X` running on a copy of /etc/freeradius/3.0
# in a network namespace of this test (ports 1812/1813 of the host are
# never touched):
#   - clients.conf: require_message_authenticator = yes, so every
#     Access-Request we send must carry a Message-Authenticator
#     FreeRADIUS finds right; one sent with a wrong secret is dropped
#     (and FreeRADIUS says why);
#   - mschap with MPPE keys, require_encryption and require_strong;
#   - users: alice (Cleartext-Password, reply items, and
#     Message-Authenticator := 0x00 so FreeRADIUS 3.2 signs its reply),
#     User (RFC 2759's user as an NT-Password hash), nomauth (a reply
#     without Message-Authenticator).
# Checked: PAP, CHAP-MD5, MS-CHAPv1 and MS-CHAPv2 Accepts verified with
# Message-Authenticator first; the reply items as sent; MS-CHAP2-Success,
# MS-MPPE-Send/Recv-Key and MS-CHAP-MPPE-Keys equal to what
# auth/mschap.c computes; Rejects (with MS-CHAP-Error E=691); a reply
# without Message-Authenticator refused, accepted only with the
# requirement relaxed; Accounting Start and Stop acknowledged and in the
# detail file; FreeRADIUS decoded our tagged and vendor attributes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init radius
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
[ -d /etc/freeradius/3.0 ] || skip_all "no /etc/freeradius/3.0"
for l in auth common; do
	[ -f "$HP_BUILD/lib$l.a" ] || skip_all "no $HP_BUILD/lib$l.a (run make)"
done
SECRET=hp-radius-Secret-7
FR_PID=
RT=$SEC_DIR/radtest_hp
RAD=$SEC_DIR/raddb
rc_cleanup() {
	if [ -n "$FR_PID" ]; then
		kill -TERM "$FR_PID" 2>/dev/null
		wait_until 30 dead "$FR_PID"
		alive "$FR_PID" && kill -KILL "$FR_PID" 2>/dev/null
		wait "$FR_PID" 2>/dev/null
	fi
	sec_cleanup
}
trap 'rc_cleanup' EXIT
trap 'rc_cleanup; exit 1' INT TERM HUP

# ---- the client: the codec and auth/mschap.c, built by make as the
# daemon is (SAN=1 for a sanitized build tree), so it is never stale
_san=
[ "$(basename "$HP_BUILD")" = build-san ] && _san=SAN=1
if ! (cd "$HP_TOP" && make --no-print-directory $_san \
    "$(basename "$HP_BUILD")/tools/radtest_hp") > "$SEC_DIR/cc.log" 2>&1 ||
    ! cp "$HP_BUILD/tools/radtest_hp" "$RT"
then
	notok "build radtest_hp"
	sed 's/^/#   /' "$SEC_DIR/cc.log"
	exit 1
fi
ok "radtest_hp built from $HP_BUILD/libauth.a by make"

# ---- FreeRADIUS on a private copy of its configuration -----------------
fr_prepare "$RAD" "$SEC_DIR/log" "$SECRET" ||
    { notok "copy /etc/freeradius/3.0"; exit 1; }
cat > "$RAD/mods-config/files/authorize" <<'EOF'
# written by tests/security/t_radius_codec.sh
alice	Cleartext-Password := "alice-Pass-9f3e1"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.1.2.3,
	Framed-IP-Netmask = 255.255.255.255,
	Framed-Route = "192.0.2.0/24 0.0.0.0 1",
	Session-Timeout = 3600,
	Acct-Interim-Interval = 300,
	Class = "hp-class-1",
	MS-Primary-DNS-Server = 192.0.2.53,
	Mikrotik-Rate-Limit = "2M/4M"
User	NT-Password := 0x44EBBA8D5312B8D611474411F56989AE
	Message-Authenticator := 0x00
nomauth	Cleartext-Password := "nomauth-Pass"
	Session-Timeout = 60
EOF
ip netns add "$SEC_NS" && ip -n "$SEC_NS" link set lo up ||
    { notok "network namespace"; exit 1; }
ip netns exec "$SEC_NS" freeradius -X -d "$RAD" > "$SEC_DIR/fr.log" 2>&1 &
FR_PID=$!
if ! wait_until 100 grep -q '^Ready to process requests' "$SEC_DIR/fr.log"
then
	notok "freeradius -X ready"
	tail -30 "$SEC_DIR/fr.log" | sed 's/^/#   /'
	exit 1
fi
ok "freeradius (pid $FR_PID) ready in namespace $SEC_NS"

# rt NAME [radtest_hp args]: run it in the namespace, output in NAME.out
rt() {
	_n=$1
	shift
	ip netns exec "$SEC_NS" timeout 20 "$RT" "$@" > "$SEC_DIR/$_n.out" \
	    2>&1
	rc=$?
}
has() { grep -qxF -- "$2" "$SEC_DIR/$1.out"; }
show() { sed 's/^/#   /' "$SEC_DIR/$1.out"; }

# ---- Access-Request: each method, alice ----------------------------------
for m in pap chap mschapv1 mschapv2; do
	rt "$m" "$m" 127.0.0.1 "$SECRET" alice alice-Pass-9f3e1
	check "$m: Access-Accept verified (exit $rc)" [ "$rc" -eq 0 ]
	check "$m: its Message-Authenticator is the first attribute" \
	    has "$m" message-authenticator=first
	[ "$rc" -eq 0 ] || show "$m"
done
check "pap: Framed-IP-Address, Netmask, Route, Session-Timeout as sent" \
    sh -c "grep -qxF Framed-IP-Address=10.1.2.3 '$SEC_DIR/pap.out' &&
	grep -qxF Framed-IP-Netmask=255.255.255.255 '$SEC_DIR/pap.out' &&
	grep -qxF 'Framed-Route=192.0.2.0/24 0.0.0.0 1' '$SEC_DIR/pap.out' &&
	grep -qxF Session-Timeout=3600 '$SEC_DIR/pap.out'"
check "pap: Acct-Interim-Interval, Class, MS-Primary-DNS-Server, Mikrotik-Rate-Limit" \
    sh -c "grep -qxF Acct-Interim-Interval=300 '$SEC_DIR/pap.out' &&
	grep -qxF Class=hp-class-1 '$SEC_DIR/pap.out' &&
	grep -qxF MS-Primary-DNS-Server=192.0.2.53 '$SEC_DIR/pap.out' &&
	grep -qxF Mikrotik-Rate-Limit=2M/4M '$SEC_DIR/pap.out'"
check "mschapv2: MS-CHAP2-Success equals auth/mschap.c's S= response" \
    has mschapv2 ms-chap2-success=match
check "mschapv2: MS-MPPE-Send-Key/Recv-Key decrypt to auth/mschap.c's keys" \
    has mschapv2 mppe-keys=match
check "mschapv2: MPPE required and 128-bit only (Policy 2, Types 4)" \
    sh -c "grep -qxF MS-MPPE-Encryption-Policy=2 '$SEC_DIR/mschapv2.out' &&
	grep -qxF MS-MPPE-Encryption-Types=4 '$SEC_DIR/mschapv2.out'"
check "mschapv1: MS-CHAP-MPPE-Keys' NT key equals auth/mschap.c's" \
    has mschapv1 ms-chap-mppe-keys=match
rt ntuser mschapv2 127.0.0.1 "$SECRET" User clientPass
check "mschapv2, NT-Password user (RFC 2759's): Accept, keys match (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && grep -qxF mppe-keys=match '$SEC_DIR/ntuser.out'"

# ---- rejects -------------------------------------------------------------
rt rej2 -e reject mschapv2 127.0.0.1 "$SECRET" alice wrong-password
check "mschapv2, wrong password: Access-Reject verified (exit $rc)" [ "$rc" -eq 0 ]
check "mschapv2, wrong password: MS-CHAP-Error E=691" \
    grep -q '^MS-CHAP-Error=E=691 ' "$SEC_DIR/rej2.out"
rt rejp -e reject pap 127.0.0.1 "$SECRET" alice wrong-password
check "pap, wrong password: Access-Reject verified (exit $rc)" [ "$rc" -eq 0 ]
rt rejacc pap 127.0.0.1 "$SECRET" alice wrong-password
check "pap, wrong password, an Accept expected: exit 3 (exit $rc)" [ "$rc" -eq 3 ]

# ---- Message-Authenticator -----------------------------------------------
rt noma pap 127.0.0.1 "$SECRET" nomauth nomauth-Pass
check "a reply without Message-Authenticator is refused (exit $rc)" \
    sh -c "[ $rc -eq 2 ] && grep -qxF 'refused=message-authenticator-missing code=Access-Accept' '$SEC_DIR/noma.out'"
rt nomaok -M pap 127.0.0.1 "$SECRET" nomauth nomauth-Pass
check "... and accepted with the requirement relaxed (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && grep -qxF message-authenticator=absent '$SEC_DIR/nomaok.out'"
rt badsec pap 127.0.0.1 not-the-secret alice alice-Pass-9f3e1
check "a request signed with a wrong secret gets no answer (exit $rc)" [ "$rc" -eq 1 ]
check "... FreeRADIUS dropped it for its Message-Authenticator" \
    grep -qi 'invalid Message-Authenticator' "$SEC_DIR/fr.log"

# ---- accounting ----------------------------------------------------------
rt acct -M acct 127.0.0.1 "$SECRET" alice x
check "Accounting Start and Stop: both Accounting-Responses verified (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^reply=Accounting-Response verified' '$SEC_DIR/acct.out') -eq 2 ]"
DET=$(find "$SEC_DIR/log/radacct" -type f 2>/dev/null | head -1)
check "the detail file holds the Start and the Stop with our counters" \
    sh -c "[ -n '$DET' ] && grep -q 'Acct-Status-Type = Start' '$DET' &&
	grep -q 'Acct-Status-Type = Stop' '$DET' &&
	grep -q 'Acct-Input-Gigawords = 1' '$DET' &&
	grep -q 'Acct-Terminate-Cause = User-Request' '$DET' &&
	grep -q 'Acct-Session-Id = \"hp-0000000000000001\"' '$DET'"

# ---- what FreeRADIUS made of our requests ---------------------------------
check "FreeRADIUS decoded our tagged Tunnel-* and NAS-Port-Type" \
    sh -c "grep -q 'Tunnel-Type:0 = PPTP' '$SEC_DIR/fr.log' &&
	grep -q 'Tunnel-Medium-Type:0 = IPv4' '$SEC_DIR/fr.log' &&
	grep -q 'Tunnel-Client-Endpoint:0 = \"198.51.100.7\"' '$SEC_DIR/fr.log' &&
	grep -q 'NAS-Port-Type = Virtual' '$SEC_DIR/fr.log'"
# (request lines start "(N) "; an attribute it could not decode shows as
# "Attr-..." or a warning)
check "FreeRADIUS found nothing malformed or unknown in what we sent" \
    sh -c "! grep -Eqi '^\([0-9]+\) .*(malformed|invalid|ignor|Attr-[0-9])' '$SEC_DIR/fr.log'"
check "no radtest_hp output holds a password" \
    sh -c "! grep -rqF -e alice-Pass -e clientPass -e nomauth-Pass -e '$SECRET' '$SEC_DIR'/*.out"
check "freeradius still running" alive "$FR_PID"
sec_finish
