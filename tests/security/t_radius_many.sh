#!/bin/sh
# Many logins through RADIUS at once (issue 15): auth keeps up to 1024
# Access-Requests in flight, 256 Identifiers on each of the 4 sockets
# master connects per server (common/msg.h, RADIUS_AUTH_SOCKS).  A real
# FreeRADIUS (threaded, not -X) on a private copy of /etc/freeradius/3.0
# answers tests/load/loadc, which opens RM_N sessions (default 400: more
# than one socket's worth of Identifiers) all at once with MS-CHAPv2 +
# MPPE-128; more than 256 must be in flight at once, every one that
# reached RADIUS must be answered and accepted and come up (on a loaded
# 2-core box a few of 400 simultaneous set-ups may fail LCP before
# they log in: counted, not RADIUS's to answer) (FreeRADIUS is stopped while they start, so they pile
# up).  loadc's logins/s is printed as a diagnostic (BENCHMARKS.md
# has the figure); nothing here asserts a rate.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init radius_many
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
[ -d /etc/freeradius/3.0 ] || skip_all "no /etc/freeradius/3.0"

N=${RM_N:-400}
SECRET=hp-radius-Many-3
SRV=10.98.0.1
CLI=10.98.0.2
CNS="hpsec-radmany-$$"
FR_PID=
LPID=
RAD=$SEC_DIR/raddb
rm_cleanup() {
	[ -n "$LPID" ] && alive "$LPID" && kill -KILL "$LPID" 2>/dev/null
	sec_stop_daemon
	if [ -n "$FR_PID" ]; then
		kill -CONT "$FR_PID" 2>/dev/null
		kill -TERM "$FR_PID" 2>/dev/null
		wait_until 30 dead "$FR_PID"
		alive "$FR_PID" && kill -KILL "$FR_PID" 2>/dev/null
		wait "$FR_PID" 2>/dev/null
	fi
	ip netns del "$CNS" 2>/dev/null
	sec_cleanup
}
trap 'rm_cleanup' EXIT
trap 'rm_cleanup; exit 1' INT TERM HUP

LOADC=$HP_BUILD/load/loadc
if ! (cd "$HP_TOP" && make --no-print-directory \
    "$(basename "$HP_BUILD")/load/loadc") > "$SEC_DIR/make.log" 2>&1 ||
    [ ! -x "$LOADC" ]; then
	notok "build $LOADC"
	sed 's/^/#   /' "$SEC_DIR/make.log"
	exit 1
fi

fr_prepare "$RAD" "$SEC_DIR/frlog" "$SECRET" ||
    { notok "copy /etc/freeradius/3.0"; exit 1; }
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++)
    printf "load%d\tCleartext-Password := \"pw%d\"\n\tMessage-Authenticator := 0x00\n", i, i }' \
    > "$RAD/mods-config/files/authorize"
sec_veth hpm "$SRV" "$CLI" || exit 1
ip netns exec "$SEC_NS" freeradius -f -l stdout -d "$RAD" \
    > "$SEC_DIR/fr.log" 2>&1 &
FR_PID=$!
if ! wait_until 150 grep -q 'Ready to process requests' "$SEC_DIR/fr.log"
then
	notok "freeradius ready"
	tail -30 "$SEC_DIR/fr.log" | sed 's/^/#   /'
	exit 1
fi
ok "freeradius (pid $FR_PID) ready, $N users"

printf '%s\n' "$SECRET" > "$SEC_DIR/radius-secret"
printf '"nobody" * "not-used-here-9" *\n' > "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/radius-secret" "$SEC_DIR/chap-secrets"
MAX=$((N + 100))
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_radius_many.sh
listen on $SRV
local address 10.63.0.1
pool 10.64.0.0/16
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
max-sessions $MAX
max-connections $MAX
max-connections-per-source 0
connection-rate 100000 burst 1000000
lockout no
logwtmp no
radius server 127.0.0.1 secret-file "$SEC_DIR/radius-secret" timeout 3s retries 4
auth-source radius
EOF
ip netns exec "$SEC_NS" "$HP_BUILD/hpptpd" -d -f "$SEC_DIR/hpptpd.conf" \
    > "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
wait_until 200 all_ready || { notok "daemon starts"; sed 's/^/#   /' "$SEC_DIR/log"; exit 1; }
AUTHPID=$(worker_pid auth)
[ -n "$AUTHPID" ] || tail -20 "$SEC_DIR/log" | sed 's/^/#   log: /'
check "auth holds the 5 UDP sockets master connected (4 auth, 1 acct)" \
    [ "$(ls -l /proc/$AUTHPID/fd 2>/dev/null | grep -c 'socket:')" -ge 6 ]

# FreeRADIUS stopped while the logins start: they pile up in flight
# (its socket buffer drops some; those are retried after the timeout)
kill -STOP "$FR_PID"
ip netns exec "$CNS" timeout 200 "$LOADC" -m setup -n "$N" -c "$N" \
    -u "$N" -T 150 "$SRV" > "$SEC_DIR/loadc.out" 2>&1 &
LPID=$!
stats() { "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" stats 2>/dev/null; }
check "more than 256 Access-Requests in flight to one server (2 sockets' Identifiers)" \
    wait_until 300 sh -c "'$HP_BUILD/hpptpctl' -s '$SEC_DIR/hpptpd.sock' stats 2>/dev/null |
	grep -Eq '^radius 127.0.0.1: alive, requests (25[7-9]|2[6-9][0-9]|[3-9][0-9]{2}|[0-9]{4,}), accepts 0,'"
stats | grep '^radius ' | sed 's/^/#   in flight: /'
kill -CONT "$FR_PID"
wait "$LPID"
rc=$?
sed 's/^/#   /' "$SEC_DIR/loadc.out"
# auth's counters reach master once a second: until they settle
wait_until 50 sh -c "'$HP_BUILD/hpptpctl' -s '$SEC_DIR/hpptpd.sock' stats 2>/dev/null |
    grep -Eq '^radius 127.0.0.1: alive, requests ([0-9]+), accepts \\1,'"
stats > "$SEC_DIR/stats.out"
grep '^radius ' "$SEC_DIR/stats.out" | sed 's/^/#   /'
req=$(sed -n 's/^radius 127.0.0.1: alive, requests \([0-9]*\), .*/\1/p' "$SEC_DIR/stats.out")
up=$(sed -n 's/^  \([0-9]*\) sessions up of .*/\1/p' "$SEC_DIR/loadc.out")
check "every Access-Request answered and accepted, none timed out ($req requests)" \
    grep -Eq "^radius 127.0.0.1: alive, requests $req, accepts $req, rejects 0, timeouts 0, bad authenticators 0" "$SEC_DIR/stats.out"
check "every login that reached RADIUS came up ($up of $req; $N started, loadc exit $rc)" \
    sh -c "[ -n '$req' ] && [ '$req' -gt 256 ] && [ '$up' = '$req' ]"
# the rate, as make load measures chap-secrets logins (64 at a time)
ip netns exec "$CNS" timeout 200 "$LOADC" -m setup -n "$N" -c 64 \
    -u "$N" -T 150 "$SRV" > "$SEC_DIR/rate.out" 2>&1
rc=$?
sed 's/^/#   /' "$SEC_DIR/rate.out"
check "$N more, 64 at a time: every session up (loadc exit $rc; the rate above)" \
    sh -c "[ $rc -eq 0 ] && grep -q '^  $N sessions up of $N' $SEC_DIR/rate.out"
check "no login refused as radius-busy" \
    sh -c "! grep -q 'radius-busy' $SEC_DIR/log"
check "freeradius still running" alive "$FR_PID"
sec_finish
