#!/bin/sh
# Scenario 7: three clients at once (username1, username3, username4):
# distinct pool addresses, all ping the server's tunnel address while
# all three links are up; client-to-client pings succeed only if the
# server allows it (hpptpd: "client-to-client no" is the default, so
# S07_EXPECT_C2C=no; Poptop forwards between clients: information only).
HPIT_TEST="s07 three clients"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
hpit_init
server_start

cat >"$HPIT_TMP/g_s07.sh" <<'GEOF'
guest_main() {
	ppp_connect c || return 0
	touch "$RES/held"
	# All up: ping the server, then the others (list from the host).
	wait_file "$HPIT_TMP/peers" 60 || return 0
	run_ping c "$PEER"
	for a in $(cat "$HPIT_TMP/peers"); do
		[ "$a" = "$LOCAL" ] && continue
		run_ping "c2c-$a" "$a" 2
	done
	touch "$RES/pinged"
	wait_file "$HPIT_TMP/release" 60
	ppp_disconnect TERM
}
GEOF
i=1
for u in username1 username3 username4; do
	guest_start c$i $i G_USER=$u G_PASS=password${u#username} \
	    G_FUNCS="$HPIT_TMP/g_s07.sh" G_LIFETIME=120
	i=$((i + 1))
done
for c in c1 c2 c3; do guest_wait_file $c c.rc 90; done
addrs=""
for c in c1 c2 c3; do
	set -- $(guest_ip $c c)
	addrs="$addrs ${2:-}"
done
echo "$addrs" >"$HPIT_TMP/peers"
for c in c1 c2 c3; do guest_wait_file $c pinged 60; done
: >"$HPIT_TMP/release"
for c in c1 c2 c3; do guest_wait $c 60; done

up=0
for c in c1 c2 c3; do [ "$(guest_rc $c c)" = 0 ] && up=$((up + 1)); done
check "$HPIT_TEST: all three connect ($up of 3)" [ $up = 3 ]
distinct=$(echo $addrs | tr ' ' '\n' | grep . | sort -u | wc -l)
check "$HPIT_TEST: three distinct pool addresses ($addrs )" [ "$distinct" = 3 ]
pinged=0
for c in c1 c2 c3; do
	[ "$(guest_cat $c c.ping.rc)" = 0 ] && pinged=$((pinged + 1))
done
check "$HPIT_TEST: all ping the tunnel address ($pinged of 3)" [ $pinged = 3 ]
c2c=0
for c in c1 c2 c3; do
	for f in "$(guest_dir $c)"/c2c-*.ping.rc; do
		[ -f "$f" ] && [ "$(cat "$f")" = 0 ] && c2c=$((c2c + 1))
	done
done
diag "client-to-client pings that got through: $c2c of 6"
if is_hpptpd; then
	if [ "${S07_EXPECT_C2C:-no}" = yes ]; then
		check "$HPIT_TEST: clients reach each other" [ $c2c = 6 ]
	else
		check "$HPIT_TEST: clients cannot reach each other (client-to-client no)" \
		    [ $c2c = 0 ]
	fi
fi
if [ "$HPIT_FAILED" = 1 ]; then
	for c in c1 c2 c3; do guest_report $c; done
	server_report; exit 1
fi
