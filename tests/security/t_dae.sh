#!/bin/sh
# RADIUS Disconnect/CoA (RFC 5176, issue 16), end to end: a real
# `freeradius -X` (authentication and accounting), FreeRADIUS' own
# radclient sending Disconnect-Request and CoA-Request, tests/tools/pptpc
# as the client, hand-made requests (dae_send.py) for what radclient
# cannot send:
#   - CoA with Class and Acct-Interim-Interval: an Interim-Update
#     carrying the new Class follows within the new interval;
#   - CoA by Acct-Session-Id with Mikrotik-Rate-Limit: CoA-ACK, and
#     hpptpctl show has the new limit; CoA by User-Name with
#     Session-Timeout: the session ends by it; Disconnect by Acct-Session-Id:
#     Disconnect-ACK, the session gone, a Stop with Admin-Reset, an
#     event=dae-disconnect audit line naming the client;
#   - CoA with Idle-Timeout 5 on an idle session: CoA-ACK, and the session
#     ends by it (reason=idle-timeout, Stop with Acct-Terminate-Cause
#     Idle-Timeout);
#   - one Disconnect by User-Name for a user with two sessions: NAK 508
#     from the client without multiple-sessions, ACK from the one with
#     it, both sessions ended (an audit line and a Stop each);
#   - unknown session: NAK 503; wrong NAS-Identifier: NAK 403; a change
#     we cannot make (Framed-MTU of a live session): NAK 401;
#   - wrong secret, broken Request Authenticator, no
#     Message-Authenticator, a stale Event-Timestamp, a source that is
#     no client: dropped (no answer) with an event=dae-drop line;
#   - the same request twice: answered twice, acted on once;
#   - counters in hpptpctl stats and metrics; requests answered after a
#     reload and after auth is killed (master keeps the socket); no
#     secret in the log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init dae
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
command -v radclient >/dev/null 2>&1 ||
    skip_all "needs radclient (freeradius-utils, make deps)"
[ -d /etc/freeradius/3.0 ] || skip_all "no /etc/freeradius/3.0"
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
[ -n "$PY" ] || skip_all "needs python3"

SECRET=hp-radius-Secret-7
DSECRET=hp-dae-Secret-3c
SRV=192.0.2.1
CLI=192.0.2.2
CNS="hpsec-daecli-$$"
HPB=$HP_TEST_BUILD
DAESEND="ip netns exec $SEC_NS $PY $HP_TOP/tests/security/dae_send.py"
fr_begin "$SECRET" || exit 1

cat > "$RAD/mods-config/files/authorize" <<'EOF'
# written by tests/security/t_dae.sh
alice	Cleartext-Password := "alice-Pass-9f3e1"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.207,
	Mikrotik-Rate-Limit = "2M/10M"
bob	Cleartext-Password := "bob-Pass-2"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.208
dave	Cleartext-Password := "dave-Pass-5"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.209
erin	Cleartext-Password := "erin-Pass-6"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.204
frank	Cleartext-Password := "frank-Pass-8"
	Message-Authenticator := 0x00
EOF
fr_up || exit 1

printf '%s\n' "$SECRET" > "$SEC_DIR/radius-secret"
printf '%s\n' "$DSECRET" > "$SEC_DIR/dae-secret"
printf '"carol" * "carol-File-Pass" *\n' > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/radius-secret" "$SEC_DIR/dae-secret" "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/radius-secret" "$SEC_DIR/dae-secret" "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_dae.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
lockout no
radius server 127.0.0.1 secret-file "$SEC_DIR/radius-secret" timeout 1s retries 2
radius nas-identifier "hp-test-nas"
radius dae client 127.0.0.1 secret-file "$SEC_DIR/dae-secret"
radius dae client $SRV secret-file "$SEC_DIR/dae-secret" multiple-sessions 4
radius dae window 30s
auth-source radius
EOF
if ! ip netns exec "$SEC_NS" "$HPB/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" \
    > "$SEC_DIR/n.out" 2>&1; then
	notok "hpptpd -n accepts the radius dae configuration"
	sed 's/^/#   /' "$SEC_DIR/n.out"
	exit 1
fi
check "hpptpd -n prints the dae client, listener and window" \
    sh -c "grep -q '^radius dae client 127.0.0.1 secret-file \"$SEC_DIR/dae-secret\" require-message-authenticator yes require-event-timestamp yes multiple-sessions 1$' $SEC_DIR/n.out &&
	grep -q '^radius dae client $SRV .* multiple-sessions 4$' $SEC_DIR/n.out &&
	grep -q '^radius dae listen 0.0.0.0' $SEC_DIR/n.out &&
	grep -q '^radius dae port 3799' $SEC_DIR/n.out &&
	grep -q '^radius dae window 30s' $SEC_DIR/n.out"
chmod 644 "$SEC_DIR/dae-secret"
check "hpptpd -n refuses a world-readable dae secret file" \
    sh -c "! ip netns exec $SEC_NS $HPB/hpptpd -n -f $SEC_DIR/hpptpd.conf > $SEC_DIR/n2.out 2>&1 &&
	grep -q 'refused: mode 0644' $SEC_DIR/n2.out"
chmod 600 "$SEC_DIR/dae-secret"

: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" "$HPB/hpptpd" -d -v -f "$SEC_DIR/hpptpd.conf" \
    >> "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
wait_until 200 all_ready || { notok "daemon starts"; sed 's/^/#   /' "$SEC_DIR/log"; exit 1; }
ok "daemon up (master $SEC_PID)"
check "master bound UDP 3799, and auth holds that socket" \
    sh -c "ip netns exec $SEC_NS ss -Hulpn 'sport = :3799' | grep -q 'hpptpd-auth'"

ctl() { "$HPB/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
detail() { cat "$SEC_DIR"/frlog/radacct/*/detail* 2>/dev/null; }
# rad NAME CODE SECRET [HOST]: radclient with the attributes on stdin
rad() {
	_n=$1
	ip netns exec "${5:-$SEC_NS}" timeout 20 radclient -x -r 1 -t 2 \
	    "${4:-127.0.0.1}:3799" "$2" "$3" > "$SEC_DIR/$_n.rc" 2>&1
}
# stops_are USER CAUSE N: the detail file holds N Stops of USER with CAUSE
stops_are() {
	[ "$(detail | awk -v u="\"$1\"" -v c="$2" '
	    $1 == "User-Name" && $3 == u { f = 1 }
	    $1 == "Acct-Terminate-Cause" && $3 == c { t = 1 }
	    /^$/ { n += f && t; f = 0; t = 0 }
	    END { print n + f * t }')" -eq "$3" ]
}
# acct_id USER: the Acct-Session-Id of the user's accounting Start
acct_id() {
	detail | awk -v u="\"$1\"" '
	    /Acct-Session-Id = / { id = $3 }
	    /User-Name = / { name = $3 }
	    /Acct-Status-Type = Start/ { st = 1 }
	    /^$/ { if (st && name == u) last = id; st = 0; id = ""; name = "" }
	    END { gsub(/"/, "", last); print last }'
}
up_client() {
	ip netns exec "$CNS" timeout 90 "$PPTPC" --hold 80 "$SRV" "$1" "$2" \
	    > "$SEC_DIR/$1.out" 2> "$SEC_DIR/$1.err" &
	cpid=$!
	CLIENT_PIDS="$CLIENT_PIDS $cpid"
	wait_until 150 grep -qs '^up ' "$SEC_DIR/$1.out"
}

up_client alice alice-Pass-9f3e1
apid=$cpid
check "alice up through RADIUS (10.100.0.207)" \
    grep -qx 'up 10.100.0.207' "$SEC_DIR/alice.out"
asid=$(ctl list 2>/dev/null | awk '$2 == "alice" { print $1 }')
wait_until 50 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* 2>/dev/null | grep -q 'Acct-Status-Type = Start'"
aid=$(acct_id alice)
check "alice's accounting Start names an Acct-Session-Id ($aid)" [ -n "$aid" ]

# ---- CoA: a new rate limit ---------------------------------------------------
printf 'Acct-Session-Id = "%s"\nNAS-Identifier = "hp-test-nas"\nMikrotik-Rate-Limit = "1M/3M"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad coa coa "$DSECRET"
check "CoA with Mikrotik-Rate-Limit 1M/3M: CoA-ACK" \
    grep -q 'Received CoA-ACK' "$SEC_DIR/coa.rc"
check "... radclient sent a Message-Authenticator (it computes 0x00)" \
    grep -q 'Message-Authenticator = 0x' "$SEC_DIR/coa.rc"
check "... hpptpctl show: rate-limit 3M/1M (rx/tx from the router's side)" \
    sh -c "'$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' show '$asid' | grep -q '^rate-limit: 3M/1M (down/up)'"
check "... event=dae-coa and event=rate-limit by=radius-dae:127.0.0.1" \
    sh -c "grep -q 'event=dae-coa sid=$asid .*by=radius-dae:127.0.0.1' $SEC_DIR/log &&
	grep -q 'event=rate-limit sid=$asid .*by=radius-dae:127.0.0.1' $SEC_DIR/log"
printf 'Acct-Session-Id = "%s"\nFramed-MTU = 1400\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad coa401 coa "$DSECRET"
check "CoA with Framed-MTU (a live link's MTU cannot change): CoA-NAK, Error-Cause 401" \
    sh -c "grep -q 'Received CoA-NAK' $SEC_DIR/coa401.rc &&
	grep -q 'Error-Cause = Unsupported-Attribute' $SEC_DIR/coa401.rc"

# ---- CoA: Class and Acct-Interim-Interval (auth's accounting records) ------------
# interim_has HEX: an Interim-Update record of alice's carries Class HEX
interim_has() {
	detail | awk -v c="$1" '
	    /^[A-Z][a-z][a-z] / { i = 0; k = 0; u = 0 }
	    $1 == "Acct-Status-Type" && $3 == "Interim-Update" { i = 1 }
	    $1 == "Class" && $3 == c { k = 1 }
	    $1 == "User-Name" && $3 == "\"alice\"" { u = 1 }
	    i && k && u { found = 1 }
	    END { exit !found }'
}
printf 'Acct-Session-Id = "%s"\nClass = "coa-class"\nAcct-Interim-Interval = 5\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad coaclass coa "$DSECRET"
check "CoA with Class and Acct-Interim-Interval 5: CoA-ACK" \
    grep -q 'Received CoA-ACK' "$SEC_DIR/coaclass.rc"
check "... an Interim-Update of alice's within 12 s, with the new Class" \
    wait_until 120 interim_has 0x636f612d636c617373

# ---- NAKs (after a reload: auth gets the same socket again) ---------------------
ctl reload > /dev/null 2>&1
wait_until 50 log_has '^hpptpd: reloaded'
printf 'Acct-Session-Id = "no-such-session"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$(date +%s)" | rad nak503 disconnect "$DSECRET"
check "Disconnect for an unknown session: Disconnect-NAK, Error-Cause 503" \
    sh -c "grep -q 'Received Disconnect-NAK' $SEC_DIR/nak503.rc &&
	grep -q 'Error-Cause = Session-Context-Not-Found' $SEC_DIR/nak503.rc"
printf 'Acct-Session-Id = "%s"\nNAS-Identifier = "another-nas"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad nak403 disconnect "$DSECRET"
check "Disconnect naming another NAS-Identifier: NAK, Error-Cause 403" \
    sh -c "grep -q 'Received Disconnect-NAK' $SEC_DIR/nak403.rc &&
	grep -q 'Error-Cause = NAS-Identification-Mismatch' $SEC_DIR/nak403.rc"
check "... alice still up" sh -c "'$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' list | grep -q alice"

# ---- drops -------------------------------------------------------------------
printf 'Acct-Session-Id = "%s"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad wrongsecret disconnect not-the-secret
check "wrong secret: no answer, event=dae-drop reason=bad-request-authenticator" \
    sh -c "! grep -q 'Received Disconnect' $SEC_DIR/wrongsecret.rc &&
	grep -q 'event=dae-drop from=127.0.0.1 .*reason=bad-request-authenticator' $SEC_DIR/log"
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --timeout 2 --bad-auth \
    acct-session-id="$aid" event-timestamp=now)
check "a broken Request Authenticator: dropped ($out)" [ "$out" = no-reply ]
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --timeout 2 --no-ma \
    acct-session-id="$aid" event-timestamp=now)
check "no Message-Authenticator: dropped ($out)" [ "$out" = no-reply ]
check "... logged as message-authenticator-missing" \
    log_has 'event=dae-drop .*reason=message-authenticator-missing'
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --timeout 2 \
    acct-session-id="$aid" event-timestamp=now-120)
check "Event-Timestamp 120 s old (window 30 s): dropped ($out)" [ "$out" = no-reply ]
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --timeout 2 \
    acct-session-id="$aid")
check "no Event-Timestamp (required by default): dropped ($out)" [ "$out" = no-reply ]
check "... logged as event-timestamp-outside-window and -missing" \
    sh -c "grep -q 'reason=event-timestamp-outside-window' $SEC_DIR/log &&
	grep -q 'reason=event-timestamp-missing' $SEC_DIR/log"
printf 'Acct-Session-Id = "%s"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad notclient disconnect "$DSECRET" "$SRV" "$CNS"
check "from $CLI, no configured client: no answer, reason=not-a-client" \
    sh -c "! grep -q 'Received Disconnect' $SEC_DIR/notclient.rc &&
	grep -q 'event=dae-drop from=$CLI .*reason=not-a-client' $SEC_DIR/log"
check "... alice survived every dropped request" \
    sh -c "'$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' list | grep -q alice"

# ---- Disconnect ----------------------------------------------------------------
printf 'Acct-Session-Id = "%s"\nNAS-Identifier = "hp-test-nas"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$aid" "$(date +%s)" | rad disc disconnect "$DSECRET"
check "Disconnect by Acct-Session-Id: Disconnect-ACK" \
    grep -q 'Received Disconnect-ACK' "$SEC_DIR/disc.rc"
check "... alice's session gone" \
    wait_until 80 sh -c "! '$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' list | grep -q alice"
check "... audit line event=dae-disconnect naming the client" \
    log_has "event=dae-disconnect sid=$asid user=\\\\?\"alice\\\\?\" by=radius-dae:127.0.0.1"
check "... the Stop says Acct-Terminate-Cause Admin-Reset" \
    wait_until 80 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = Admin-Reset'"
wait "$apid" 2>/dev/null

# ---- a replay: answered twice, acted on once ------------------------------------
up_client bob bob-Pass-2
bpid=$cpid
check "bob up (10.100.0.208)" grep -qx 'up 10.100.0.208' "$SEC_DIR/bob.out"
bsid=$(ctl list 2>/dev/null | awk '$2 == "bob" { print $1 }')
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --repeat 2 \
    user-name=bob event-timestamp=now | tr '\n' ' ')
check "the same Disconnect (by User-Name) twice: two Disconnect-ACKs ($out)" \
    [ "$out" = "reply 41 error-cause 0 ma-ok reply 41 error-cause 0 ma-ok " ]
check "... the second from the cache (event=dae-replay)" \
    log_has 'event=dae-replay op=disconnect .*result=answered-from-cache'
check "... one dae-disconnect for bob" \
    [ "$(log_count "event=dae-disconnect sid=$bsid")" -eq 1 ]
wait "$bpid" 2>/dev/null

# ---- CoA: a Session-Timeout from now ---------------------------------------------
up_client dave dave-Pass-5
dpid=$cpid
check "dave up (10.100.0.209)" grep -qx 'up 10.100.0.209' "$SEC_DIR/dave.out"
printf 'User-Name = "dave"\nSession-Timeout = 2\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$(date +%s)" | rad coast coa "$DSECRET"
check "CoA by User-Name with Session-Timeout 2: CoA-ACK" \
    grep -q 'Received CoA-ACK' "$SEC_DIR/coast.rc"
check "... dave's session ends by its new timeout (reason=session-timeout)" \
    wait_until 100 log_has 'event=session-down .*ip=10.100.0.209 .*reason=session-timeout'
wait "$dpid" 2>/dev/null

# ---- CoA: an Idle-Timeout on an idle session ------------------------------------
up_client erin erin-Pass-6
epid=$cpid
check "erin up (10.100.0.204)" grep -qx 'up 10.100.0.204' "$SEC_DIR/erin.out"
esid=$(ctl list 2>/dev/null | awk '$2 == "erin" { print $1 }')
t0=$(date +%s)
printf 'User-Name = "erin"\nIdle-Timeout = 5\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$(date +%s)" | rad coaidle coa "$DSECRET"
check "CoA by User-Name with Idle-Timeout 5: CoA-ACK" \
    grep -q 'Received CoA-ACK' "$SEC_DIR/coaidle.rc"
check "... event=dae-coa set=idle idle-timeout=5" \
    log_has "event=dae-coa sid=$esid .*set=idle .*idle-timeout=5 by=radius-dae:127.0.0.1"
# idle 5 s from the CoA, found by gre's 5 s reports at worst: 15 s bound
check "... erin's idle session ends by it within 15 s (reason=idle-timeout)" \
    wait_until 150 log_has "event=session-down sid=$esid .*reason=idle-timeout"
t1=$(date +%s)
check "... not before the 5 s had passed ($((t1 - t0)) s)" [ $((t1 - t0)) -ge 5 ]
check "... its Stop says Acct-Terminate-Cause Idle-Timeout" \
    wait_until 80 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = Idle-Timeout'"
wait "$epid" 2>/dev/null

# ---- one Disconnect, two sessions of one user ------------------------------------
up_client frank frank-Pass-8
f1=$cpid
mv "$SEC_DIR/frank.out" "$SEC_DIR/frank1.out"
up_client frank frank-Pass-8
f2=$cpid
nsess() { ctl list 2>/dev/null | awk -v u="$1" '$2 == u' | wc -l; }
check "frank up twice" [ "$(nsess frank)" -eq 2 ]
fsids=$(ctl list 2>/dev/null | awk '$2 == "frank" { print $1 }' | tr '\n' ' ')
printf 'User-Name = "frank"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$(date +%s)" | rad multi508 disconnect "$DSECRET"
check "Disconnect by User-Name, two sessions, client without multiple-sessions: NAK 508" \
    sh -c "grep -q 'Received Disconnect-NAK' $SEC_DIR/multi508.rc &&
	grep -q 'Error-Cause = Multiple-Session-Selection-Unsupported' $SEC_DIR/multi508.rc"
check "... both of frank's sessions still up" [ "$(nsess frank)" -eq 2 ]
printf 'User-Name = "frank"\nEvent-Timestamp = %s\nMessage-Authenticator = 0x00\n' \
    "$(date +%s)" | rad multi disconnect "$DSECRET" "$SRV"
check "the same from $SRV (multiple-sessions 4): one Disconnect-ACK" \
    sh -c "grep -q 'Received Disconnect-ACK' $SEC_DIR/multi.rc &&
	[ \$(grep -c 'Received Disconnect' $SEC_DIR/multi.rc) -eq 1 ]"
check "... both of frank's sessions gone" \
    wait_until 80 sh -c "! '$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' list | grep -q frank"
for fs in $fsids; do
	check "... event=dae-disconnect for $fs by=radius-dae:$SRV" \
	    log_has "event=dae-disconnect sid=$fs user=\\\\?\"frank\\\\?\" by=radius-dae:$SRV"
done
check "... one event=dae-ack naming sessions=2" \
    [ "$(log_count "event=dae-ack op=disconnect from=$SRV .*sessions=2")" -eq 1 ]
check "... two Stops for frank, each Acct-Terminate-Cause Admin-Reset" \
    wait_until 80 stops_are frank Admin-Reset 2
wait "$f1" "$f2" 2>/dev/null

# ---- counters ------------------------------------------------------------------
wait_until 30 sh -c "'$HPB/hpptpctl' -s '$SEC_DIR/hpptpd.sock' stats | grep -q 'disconnect-ack 3, .*replay 1'"
ctl stats > "$SEC_DIR/stats.out" 2>&1
check "hpptpctl stats: the dae line with its results" \
    grep -Eq '^radius dae: disconnect-ack 3, disconnect-nak 3, coa-ack 4, coa-nak 1, replay 1, drop-client 1, drop-auth [3-9], drop-malformed 0, drop-timestamp 2, drop-busy 0$' "$SEC_DIR/stats.out"
ctl metrics > "$SEC_DIR/metrics.out" 2>&1
check "hpptpctl metrics: hpptpd_radius_dae_requests_total by result" \
    sh -c "grep -q '^hpptpd_radius_dae_requests_total{result=\"disconnect-ack\"} 3$' $SEC_DIR/metrics.out &&
	grep -q '^hpptpd_radius_dae_requests_total{result=\"replay\"} 1$' $SEC_DIR/metrics.out &&
	grep -q '^# TYPE hpptpd_radius_dae_requests counter$' $SEC_DIR/metrics.out"
grep '^radius dae' "$SEC_DIR/stats.out" | sed 's/^/#   /'

# ---- auth restarted: master's socket passed again --------------------------------
old=$(worker_pid auth)
kill -KILL "$old" 2>/dev/null
wait_until 100 worker_ready_again auth "$old"
out=$($DAESEND 127.0.0.1 3799 "$DSECRET" disconnect --timeout 3 \
    acct-session-id=gone event-timestamp=now)
check "auth killed and restarted: the socket answers again (NAK 503: $out)" \
    [ "$out" = "reply 42 error-cause 503 ma-ok" ]
sec_stop_daemon
check "no secret or password in the daemon's log" \
    sh -c "! grep -qF -e '$SECRET' -e '$DSECRET' -e alice-Pass -e bob-Pass -e dave-Pass -e erin-Pass -e frank-Pass $SEC_DIR/log"
check "freeradius still running" alive "$FR_PID"
sec_finish
