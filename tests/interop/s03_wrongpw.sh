#!/bin/sh
# Scenario 3: a wrong password makes pppd exit 19 and the server log an
# auth-fail audit line; after 5 more failures the user is locked out and
# the right password is refused (exit 19) until the lockout ends (set to
# 10 s here, in hpptpd.conf syntax: lockout failures 5 window 1m time 10s),
# then it works again.
HPIT_TEST="s03 wrong password, lockout"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
HPIT_CONF=hpptpd.conf
EXTRA_CONF="lockout failures 5 window 1m time 10s"
server_start

cat >"$HPIT_TMP/g_s03.sh" <<'GEOF'
guest_main() {
	for i in 1 2 3 4 5 6; do
		ppp_connect w$i password wrong
		log "wrong password attempt $i: exit $(cat "$RES/w$i.rc")"
	done
	ppp_connect r1 && ppp_disconnect TERM
	log "right password during lockout: exit $(cat "$RES/r1.rc")"
	touch "$RES/phase1"
	wait_file "$RES/go" 60 || return 0
	ppp_connect r2 && run_ping r2 "$PEER"
	ppp_disconnect TERM
	log "right password after lockout: exit $(cat "$RES/r2.rc")"
}
GEOF
guest_start c1 1 G_FUNCS="$HPIT_TMP/g_s03.sh" G_LIFETIME=150
guest_wait_file c1 phase1 100
t_phase1=$(date +%s)

check "$HPIT_TEST: wrong password, pppd exits 19 (got $(guest_rc c1 w1))" \
    [ "$(guest_rc c1 w1)" = 19 ]
audit_check "$HPIT_TEST: audit auth-fail" \
    'event=auth-fail.*user="?username1'
all19=1
for i in 2 3 4 5 6; do [ "$(guest_rc c1 w$i)" = 19 ] || all19=0; done
check "$HPIT_TEST: 5 more wrong passwords, each exits 19" [ $all19 = 1 ]
audit_check "$HPIT_TEST: audit lockout" 'event=lockout'
if is_hpptpd; then
	check "$HPIT_TEST: right password refused while locked out (got $(guest_rc c1 r1))" \
	    [ "$(guest_rc c1 r1)" = 19 ]
else
	tap_skip "$HPIT_TEST: right password refused while locked out" \
	    "Poptop has no lockout"
fi
# Let the 10 s lockout run out (counted from the end of phase 1, which
# is after the lockout began), then the right password works again.
while [ $(($(date +%s) - t_phase1)) -lt 11 ]; do sleep 1; done
guest_signal c1 go
guest_wait c1 60
check "$HPIT_TEST: right password works after the lockout (got $(guest_rc c1 r2))" \
    [ "$(guest_rc c1 r2)" = 0 ]
if [ "$HPIT_FAILED" = 1 ]; then
	guest_report c1; server_report; exit 1
fi
