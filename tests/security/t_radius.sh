#!/bin/sh
# RADIUS wired into hpptpd (issue 15), end to end, against a real
# `freeradius -X` on a private copy of /etc/freeradius/3.0 (the pattern
# of t_radius_codec.sh) and tests/tools/pptpc (MS-CHAPv2 + MPPE-128, the
# project's own client) in network namespaces of this test:
#   - a login through RADIUS comes up, pings through GRE + MPPE keyed
#     with the server's MS-MPPE-Send/Recv-Key, and gets the
#     Framed-IP-Address of the reply; Session-Timeout ends it
#     (event=session-down reason=session-timeout);
#   - a wrong password: the client's 691 (exit 19), auth-fail logged;
#   - accounting: the detail file holds Start, an Interim-Update and a
#     Stop with counters, the Class of the reply, Session-Timeout as the
#     terminate cause; hpptpctl kick gives Admin-Reset;
#   - a user whose reply has no Message-Authenticator is refused (the
#     reply is dropped, the server counted under bad authenticators);
#   - the first server dead (nothing on its port): fail-over to the
#     second within the timeout bound; both dead: a failure within the
#     bound, the daemon still serving;
#   - auth's sockets are the ones master passed (no socket of its own);
#     no secret in the log.
# Acct-Interim-Interval: the reply says 10 s; release builds raise it to
# RFC 2869's 60 s, the test-hook build (HP_TEST_BUILD) used here to 5 s
# only (auth/radius_auth.h, RADIUS_INTERIM_MIN_S), so an Interim shows
# in seconds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init radius
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
[ -d /etc/freeradius/3.0 ] || skip_all "no /etc/freeradius/3.0"
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
command -v unshare >/dev/null 2>&1 || skip_all "needs unshare (util-linux)"

SECRET=hp-radius-Secret-7
SRV=192.0.2.1
CLI=192.0.2.2
# dead servers: ports nothing listens on (FreeRADIUS takes every address)
DEAD="auth-port 11812 acct-port 11813"
DEAD2="auth-port 11822 acct-port 11823"
CNS="hpsec-radcli-$$"
HPB=$HP_TEST_BUILD
fr_begin "$SECRET" || exit 1

# ---- FreeRADIUS ------------------------------------------------------------
cat > "$RAD/mods-config/files/authorize" <<'EOF'
# written by tests/security/t_radius.sh
alice	Cleartext-Password := "alice-Pass-9f3e1"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 10.100.0.207,
	Session-Timeout = 14,
	Acct-Interim-Interval = 10,
	Class = "hp-class-1",
	Mikrotik-Rate-Limit = "2M/10M 4M/20M"
bob	Cleartext-Password := "bob-Pass-2"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 255.255.255.254,
	Filter-Id = "4096/1024"
nomauth	Cleartext-Password := "nomauth-Pass"
dave	Cleartext-Password := "dave-Pass-4"
	Message-Authenticator := 0x00,
	Framed-IP-Address = 255.255.255.254,
	Framed-Pool = "staff",
	Framed-IP-Netmask = 255.255.255.0,
	Framed-Route = "10.200.0.0/24 0.0.0.0 1",
	Framed-Route = "10.100.0.200/29",
	Framed-Route = "10.201.0.1/24",
	MS-Primary-DNS-Server = 10.9.9.1,
	MS-Secondary-DNS-Server = 10.9.9.2,
	MS-Primary-NBNS-Server = 10.9.9.3,
	Framed-MTU = 1200,
	Idle-Timeout = 6
erin	Cleartext-Password := "erin-Pass-5"
	Message-Authenticator := 0x00,
	Framed-Pool = "no-such-pool"
frank	Cleartext-Password := "frank-Pass-6"
	Message-Authenticator := 0x00,
	Service-Type = Login-User
eve	Cleartext-Password := "eve-Pass-8"
	Message-Authenticator := 0x00,
	Class = "hp-class-eve"
fay	Cleartext-Password := "fay-Pass-9"
	Message-Authenticator := 0x00,
	Acct-Interim-Interval = 5
gina	Cleartext-Password := "gina-Pass-7"
	Message-Authenticator := 0x00,
	State = 0x68702d7374617465,
	Reply-Message = "enter your token"
EOF
# gina: an Access-Challenge (the stock `challenge` policy, after files)
sed -i '285,500s/^\tfiles$/\tfiles\n\tif (\&User-Name == "gina") {\n\t\tchallenge\n\t}/' \
    "$RAD/sites-available/default"
fr_up || exit 1

# ---- hpptpd ------------------------------------------------------------------
printf '%s\n' "$SECRET" > "$SEC_DIR/radius-secret"
printf '"carol" * "carol-File-Pass" *\n' > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/radius-secret" "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/radius-secret" "$SEC_DIR/chap-secrets"
# conf FIRST_OPTS SECOND_OPTS SOURCE: both servers on 127.0.0.1
conf() {
	cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_radius.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
lockout no
radius server 127.0.0.1 secret-file "$SEC_DIR/radius-secret" timeout 1s retries 2 $1
radius server 127.0.0.1 secret-file "$SEC_DIR/radius-secret" timeout 1s retries 2 $2
radius nas-identifier "hp-test-nas"
radius deadtime 30s
auth-source $3
pool staff 10.100.0.240/28
EOF
}
start() {
	: > "$SEC_DIR/log"
	ip netns exec "$SEC_NS" "$HPB/hpptpd" -d -v -f "$SEC_DIR/hpptpd.conf" \
	    >> "$SEC_DIR/log" 2>&1 &
	SEC_PID=$!
	wait_until 200 all_ready
}
ctl() { "$HPB/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
cli() {
	_n=$1
	shift
	ip netns exec "$CNS" timeout 60 "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err"
	rc=$?
	addr=$(awk '$1 == "up" { print $2 }' "$SEC_DIR/$_n.out")
}
cli_bg() {
	_n=$1
	shift
	ip netns exec "$CNS" timeout 60 "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err" &
	cpid=$!
	CLIENT_PIDS="$CLIENT_PIDS $cpid"
}
show() { sed 's/^/#   /' "$SEC_DIR/$1"; }
detail() { cat "$SEC_DIR"/frlog/radacct/*/detail* 2>/dev/null; }
# record N STATUS: the N-th accounting record of that Acct-Status-Type
record() {
	detail | awk -v want="$2" -v n="$1" '
	    /^[A-Z][a-z][a-z] / { if (hit) exit; rec = ""; next }
	    { rec = rec $0 "\n" }
	    /Acct-Status-Type = / { if ($3 == want && ++k == n) hit = 1 }
	    END { if (hit) printf "%s", rec }'
}

conf "" "$DEAD" radius
if ! ip netns exec "$SEC_NS" "$HPB/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" \
    > "$SEC_DIR/n.out" 2>&1; then
	notok "hpptpd -n accepts the radius configuration"
	show n.out
	exit 1
fi
check "hpptpd -n prints the radius servers" \
    grep -q "^radius server 127.0.0.1 secret-file \"$SEC_DIR/radius-secret\" auth-port 1812" "$SEC_DIR/n.out"
chmod 644 "$SEC_DIR/radius-secret"
check "hpptpd -n refuses a world-readable radius secret file" \
    sh -c "! ip netns exec $SEC_NS $HPB/hpptpd -n -f $SEC_DIR/hpptpd.conf > $SEC_DIR/n2.out 2>&1 &&
	grep -q 'refused: mode 0644' $SEC_DIR/n2.out"
chmod 600 "$SEC_DIR/radius-secret"
cp "$SEC_DIR/hpptpd.conf" "$SEC_DIR/np.conf"
printf 'pool empty 10.100.0.212/30\n' >> "$SEC_DIR/np.conf"
check "hpptpd -n refuses a named pool with no address of the pool in it" \
    sh -c "! ip netns exec $SEC_NS $HPB/hpptpd -n -f $SEC_DIR/np.conf > $SEC_DIR/n3.out 2>&1 &&
	grep -q 'pool empty: no address of the pool inside it' $SEC_DIR/n3.out"
check "hpptpd -n prints the named pool" grep -qx 'pool staff 10.100.0.240/28' "$SEC_DIR/n.out"

start || { notok "daemon starts"; show log; exit 1; }
ok "daemon up (master $SEC_PID)"
AUTHPID=$(worker_pid auth)
check "auth holds the UDP sockets master connected (10: 4 auth + 1 acct per server)" \
    [ "$(ls -l /proc/$AUTHPID/fd 2>/dev/null | grep -c 'socket:')" -ge 11 ]
check "Accounting-On reached FreeRADIUS" \
    wait_until 50 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* 2>/dev/null | grep -q 'Acct-Status-Type = Accounting-On'"

# ---- MS-CHAPv2 + MPPE through RADIUS ---------------------------------------
cli_bg alice --ping 3 --hold 30 "$SRV" alice alice-Pass-9f3e1
apid=$cpid
wait_until 150 grep -qs '^ping ' "$SEC_DIR/alice.out"
check "alice: up through RADIUS with the reply's Framed-IP-Address 10.100.0.207" \
    grep -qx 'up 10.100.0.207' "$SEC_DIR/alice.out"
check "alice: 3 pings through GRE + MPPE keyed by MS-MPPE-Send/Recv-Key" \
    grep -qx 'ping [0-9]* 3' "$SEC_DIR/alice.out"
asid=$(ctl list 2>/dev/null | awk '$2 == "alice" { print $1 }')
check "alice: Mikrotik-Rate-Limit 2M/10M (rx/tx) polices 10M down, 2M up" \
    sh -c "ctl() { \"$HPB/hpptpctl\" -s \"$SEC_DIR/hpptpd.sock\" \"\$@\"; }
	ctl show '$asid' | grep -q '^rate-limit: 10M/2M (down/up)'"
check "auth logged event=auth-ok source=radius for alice" \
    log_has 'event=auth-ok sid=0x[0-9a-f]+ user=\\?"alice\\?" .*source=radius'
srec=$(record 1 Start)
check "accounting Start has User-Name, Class, NAS-Identifier, Framed-IP-Address" \
    sh -c "echo \"\$1\" | grep -q 'User-Name = \"alice\"' &&
	echo \"\$1\" | grep -q 'Class = 0x68702d636c6173732d31' &&
	echo \"\$1\" | grep -q 'NAS-Identifier = \"hp-test-nas\"' &&
	echo \"\$1\" | grep -q 'Framed-IP-Address = 10.100.0.207'" sh "$srec"
check "an Interim-Update within 12 s (reply's Acct-Interim-Interval 10 s)" \
    wait_until 130 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Status-Type = Interim-Update'"
check "Session-Timeout 14 s ends alice's session (reason=session-timeout)" \
    wait_until 150 log_has 'event=session-down .*ip=10.100.0.207 .*reason=session-timeout'
check "the Stop: Session-Timeout cause, session time and counters" \
    wait_until 50 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = Session-Timeout'"
stop=$(record 1 Stop)
check "the Stop's counters: the pings moved bytes both ways, Class echoed" \
    sh -c "echo \"\$1\" | grep -Eq 'Acct-Input-Octets = [1-9]' &&
	echo \"\$1\" | grep -Eq 'Acct-Output-Octets = [1-9]' &&
	echo \"\$1\" | grep -Eq 'Acct-Input-Packets = [1-9]' &&
	echo \"\$1\" | grep -Eq 'Acct-Session-Time = 1[0-9]' &&
	echo \"\$1\" | grep -q 'Class = 0x68702d636c6173732d31'" sh "$stop"
wait "$apid" 2>/dev/null

# ---- a wrong password, a reply without Message-Authenticator ------------------
cli wrong "$SRV" alice not-the-password
check "wrong password: the client's authentication failure (exit 19, got $rc)" [ "$rc" -eq 19 ]
check "... auth-fail reason=radius-reject logged" \
    log_has 'event=auth-fail .*user=\\?"alice\\?" .*reason=radius-reject'
cli noma "$SRV" nomauth nomauth-Pass
check "no Message-Authenticator in the Accept: refused (exit $rc)" [ "$rc" -ne 0 ]
check "... the reply dropped as message-authenticator-missing" \
    log_has 'reply dropped: message-authenticator-missing'

# ---- kick: Admin-Reset ---------------------------------------------------------
cli_bg bob --hold 30 "$SRV" bob bob-Pass-2
bpid=$cpid
wait_until 150 grep -qs '^up ' "$SEC_DIR/bob.out"
check "bob: up with a pool address (Framed-IP-Address 255.255.255.254)" \
    grep -Eq '^up 10\.100\.0\.(20[0-9]|210|2[3-5][0-9])$' "$SEC_DIR/bob.out"
bsid=$(ctl list 2>/dev/null | awk '$2 == "bob" { print $1 }')
check "bob: Filter-Id 4096/1024 (kbit/s, accel-ppp's form) polices 4096k/1024k" \
    sh -c "ctl() { \"$HPB/hpptpctl\" -s \"$SEC_DIR/hpptpd.sock\" \"\$@\"; }
	ctl show '$bsid' | grep -q '^rate-limit: 4096k/1024k (down/up)'"
ctl kick "$bsid" > /dev/null 2>&1
check "hpptpctl kick: a Stop with Acct-Terminate-Cause Admin-Reset" \
    wait_until 80 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = Admin-Reset'"
wait "$bpid" 2>/dev/null

# ---- reply attributes: Framed-Pool, DNS/NBNS, Idle-Timeout, refusals ------------
cli_bg dave --dns --hold 40 "$SRV" dave dave-Pass-4
dpid=$cpid
wait_until 150 grep -qs '^nbns ' "$SEC_DIR/dave.out"
check "dave: Framed-Pool staff gives an address of pool staff 10.100.0.240/28" \
    grep -Eq '^up 10\.100\.0\.(24[0-9]|25[0-4])$' "$SEC_DIR/dave.out"
check "dave: IPCP gives the reply's MS-Primary/Secondary-DNS-Server, not the config's" \
    grep -qx 'dns 10.9.9.1 10.9.9.2' "$SEC_DIR/dave.out"
check "dave: MS-Primary-NBNS-Server replaces the config's wins as a set (no secondary)" \
    grep -qx 'nbns 10.9.9.3 0.0.0.0' "$SEC_DIR/dave.out"
check "dave: Framed-Route 10.200.0.0/24 installed via the tun (protocol hpptpd)" \
    sh -c "ip -n $SEC_NS route show 10.200.0.0/24 proto 122 | grep -q 'scope link'"
check "dave: a Framed-Route over the pool refused: event=framed-route-refused" \
    log_has 'event=framed-route-refused .*user=\\?"dave\\?" route=10.100.0.200/29 reason=\\?"overlaps the pool'
check "dave: a Framed-Route with host bits set refused by auth, logged" \
    log_has '1 Framed-Route attribute\(s\) refused, the first [^ ]*10\.201\.0\.1/24[^ ]*: host bits set'
dsid=$(ctl list 2>/dev/null | awk '$2 == "dave" { print $1 }')
ip netns exec "$SEC_NS" ping -c 3 -i 0.2 -W 1 10.200.0.5 > /dev/null 2>&1
check "dave: packets to 10.200.0.5 (the routed prefix) go to dave's session" \
    wait_until 100 sh -c "\"$HPB/hpptpctl\" -s \"$SEC_DIR/hpptpd.sock\" show '$dsid' | grep -Eq '^packets-out: ([3-9]|[1-9][0-9]+)$'"
ctl stats > "$SEC_DIR/stats-framed.out" 2>&1
check "hpptpctl stats: framed-routes installed 1, refused 1" \
    grep -qx 'radius framed-routes: installed 1, refused 1' "$SEC_DIR/stats-framed.out"
check "dave: Idle-Timeout 6 s, no traffic: ended with reason=idle-timeout" \
    wait_until 300 log_has 'event=session-down .*user=\\?"dave\\?" .*reason=idle-timeout'
check "... its Stop says Acct-Terminate-Cause Idle-Timeout" \
    wait_until 50 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = Idle-Timeout'"
check "... and its Framed-Route is gone with it" \
    sh -c "[ -z \"\$(ip -n $SEC_NS route show 10.200.0.0/24 proto 122)\" ]"
wait "$dpid" 2>/dev/null
cli erin "$SRV" erin erin-Pass-5
check "erin: Framed-Pool naming no configured pool: refused (exit $rc), logged" \
    sh -c "[ $rc -ne 0 ] && grep -q 'Framed-Pool .no-such-pool. for .erin. is no pool NAME' $SEC_DIR/log"
cli frank "$SRV" frank frank-Pass-6
check "frank: Service-Type Login-User refused (exit 19, got $rc)" [ "$rc" -eq 19 ]
check "... reason=service-type-not-framed logged" \
    log_has 'event=auth-fail .*user=\\?"frank\\?" .*reason=service-type-not-framed'
cli gina "$SRV" gina gina-Pass-7
check "gina: an Access-Challenge fails MS-CHAPv2 at once (exit 19, got $rc)" [ "$rc" -eq 19 ]
check "... reason=radius-challenge-unsupported logged" \
    log_has 'event=auth-fail .*user=\\?"gina\\?" .*reason=radius-challenge-unsupported'

# ---- stats -----------------------------------------------------------------
ctl stats > "$SEC_DIR/stats.out" 2>&1
check "hpptpctl stats: a line per server with requests, accepts, rejects, timeouts" \
    sh -c "grep -Eq '^radius 127.0.0.1: (alive|dead), requests [1-9][0-9]*, accepts [1-9][0-9]*, rejects [1-9][0-9]*, timeouts [0-9]+, bad authenticators [1-9][0-9]*, average rtt [0-9]+ms, acct requests [1-9]' $SEC_DIR/stats.out &&
	[ \$(grep -c '^radius 127.0.0.1: ' $SEC_DIR/stats.out) -eq 2 ]"
ctl metrics > "$SEC_DIR/metrics.out" 2>&1
check "hpptpctl metrics: the same per server (accepts, rejects, requests)" \
    sh -c "grep -Eq '^hpptpd_radius_replies_total\{server=\"127.0.0.1:[0-9]+\",kind=\"accept\"\} [1-9]' $SEC_DIR/metrics.out &&
	grep -Eq '^hpptpd_radius_replies_total\{server=\"127.0.0.1:[0-9]+\",kind=\"reject\"\} [1-9]' $SEC_DIR/metrics.out &&
	grep -Eq '^hpptpd_radius_requests_total\{server=\"127.0.0.1:[0-9]+\"\} [1-9]' $SEC_DIR/metrics.out &&
	tail -n 1 $SEC_DIR/metrics.out | grep -qx '# EOF'"

# ---- auth restarts mid-session: accounting goes on -------------------------------
# urec USER STATUS: USER's first accounting record of that Acct-Status-Type
urec() {
	detail | awk -v user="$1" -v want="$2" '
	    /^[A-Z][a-z][a-z] / { if (hit) exit; rec = ""; u = 0; st = 0; next }
	    { rec = rec $0 "\n" }
	    /User-Name = / { if ($3 == "\"" user "\"") u = 1 }
	    /Acct-Status-Type = / { if ($3 == want) st = 1 }
	    /^$/ { if (u && st) hit = 1 }
	    END { if (hit || (u && st)) printf "%s", rec }'
}
# has_rec STRING...: an accounting record holds every STRING
has_rec() {
	cat "$SEC_DIR"/frlog/radacct/*/detail* 2>/dev/null | awk '
	    BEGIN { for (i = 1; i < ARGC; i++) want[i] = ARGV[i]; n = ARGC - 1; ARGC = 1 }
	    function done() { k = 0; for (i = 1; i <= n; i++) if (index(rec, want[i])) k++; if (k == n) f = 1; rec = "" }
	    /^$/ { done(); next }
	    { rec = rec $0 "\n" }
	    END { done(); exit !f }' "$@"
}
asid_of() { sed -n 's/.*Acct-Session-Id = "\([0-9A-F]*\)".*/\1/p' | head -1; }
cli_bg eve --hold 60 "$SRV" eve eve-Pass-8
epid=$cpid
wait_until 150 grep -qs '^up ' "$SEC_DIR/eve.out"
wait_until 50 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'User-Name = \"eve\"'"
eid=$(urec eve Start | asid_of)
esid=$(ctl list 2>/dev/null | awk '$2 == "eve" { print $1 }')
APID=$(worker_pid auth)
kill -KILL "$APID"
wait_until 100 sh -c "[ \$(grep -c 'auth ready' $SEC_DIR/log) -ge 2 ]"
check "auth killed mid-session: the new auth sends eve's Interim-Update (Acct-Session-Id $eid)" \
    wait_until 100 has_rec "Acct-Status-Type = Interim-Update" "Acct-Session-Id = \"$eid\"" 'Class = 0x68702d636c6173732d657665'
check "... and says so" log_has 'accounting record\(s\) given back to the new auth'
APID=$(worker_pid auth)
kill -KILL "$APID"
ctl kick "$esid" > /dev/null 2>&1
check "eve kicked while auth was away (its back-off): her Stop, Admin-Reset, same Acct-Session-Id" \
    wait_until 100 has_rec "Acct-Status-Type = Stop" "Acct-Session-Id = \"$eid\"" "Acct-Terminate-Cause = Admin-Reset"
ctl stats > "$SEC_DIR/stats-acct.out" 2>&1
check "hpptpctl stats: 1 Stop kept while auth was away, none dropped" \
    grep -q '^radius acct: stops kept while auth was away 1, dropped 0;' "$SEC_DIR/stats-acct.out"
wait "$epid" 2>/dev/null
sec_stop_daemon

grep -q '^radius ' "$SEC_DIR/stats.out" || show stats.out
# ---- acct-timeout: accounting unanswered that long ends the sessions ------------
conf "" "$DEAD" radius
echo 'radius acct-timeout 10s' >> "$SEC_DIR/hpptpd.conf"
start || { notok "daemon restarts"; show log; exit 1; }
cli_bg fay --hold 90 "$SRV" fay fay-Pass-9
fpid=$cpid
wait_until 150 grep -qs '^up ' "$SEC_DIR/fay.out"
wait_until 50 has_rec 'User-Name = "fay"' 'Acct-Status-Type = Start'
kill -STOP "$FR_PID"
check "acct-timeout 10s, the server stopped: fay's session ends (reason=acct-timeout)" \
    wait_until 400 log_has 'event=session-down .*user=\\?"fay\\?" .*reason=acct-timeout'
kill -CONT "$FR_PID"
check "... event=acct-timeout logged with how long accounting failed" \
    log_has 'event=acct-timeout .*user=\\?"fay\\?" failing_s=(1[0-9]|[2-9][0-9])'
check "... its Stop (NAS-Request) delivered once the server answers again" \
    wait_until 300 has_rec 'User-Name = "fay"' 'Acct-Status-Type = Stop' 'Acct-Terminate-Cause = NAS-Request'
wait "$fpid" 2>/dev/null
sec_stop_daemon

# ---- fail-over: the first server dead --------------------------------------
conf "$DEAD" "" radius
start || { notok "daemon restarts"; show log; exit 1; }
t0=$(date +%s)
cli_bg fo --ping 1 --hold 30 "$SRV" bob bob-Pass-2
fpid=$cpid
wait_until 150 grep -qs '^ping ' "$SEC_DIR/fo.out"
t1=$(date +%s)
check "first server dead: bob up through the second, pings" \
    grep -qx 'ping [0-9]* 1' "$SEC_DIR/fo.out"
check "... within the bound (2 tries x 1 s, plus set-up: $((t1 - t0)) s <= 8)" \
    [ $((t1 - t0)) -le 8 ]
check "... the dead server logged as such" \
    log_has "radius server 127.0.0.1:auth: no answer after 2 tries"
sec_stop_daemon
check "clean stop: bob's Stop says NAS-Reboot, then Accounting-Off" \
    wait_until 30 sh -c "cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Terminate-Cause = NAS-Reboot' &&
	cat $SEC_DIR/frlog/radacct/*/detail* | grep -q 'Acct-Status-Type = Accounting-Off'"
wait "$fpid" 2>/dev/null

# ---- both dead: a failure within the bound; the file only if configured ------
conf "$DEAD" "$DEAD2" radius
start || { notok "daemon restarts"; show log; exit 1; }
t0=$(date +%s)
cli dead "$SRV" bob bob-Pass-2
t1=$(date +%s)
check "both servers dead: authentication fails (exit 19, got $rc)" [ "$rc" -eq 19 ]
check "... within the bound (2 servers x 2 tries x 1 s: $((t1 - t0)) s <= 9)" \
    [ $((t1 - t0)) -le 9 ]
check "... reason=radius-unreachable, the daemon still serving" \
    sh -c "grep -Eq 'event=auth-fail .*reason=radius-unreachable' $SEC_DIR/log && kill -0 $SEC_PID"
cli nofile "$SRV" carol carol-File-Pass
check "auth-source radius: a chap-secrets user is refused (exit 19, got $rc)" [ "$rc" -eq 19 ]
sec_stop_daemon
conf "$DEAD" "$DEAD2" "radius file"
start || { notok "daemon restarts"; show log; exit 1; }
cli fallback --ping 1 "$SRV" carol carol-File-Pass
check "auth-source radius file: every server unreachable, chap-secrets lets carol in (exit $rc)" \
    [ "$rc" -eq 0 ]
check "... and says so" log_has 'no RADIUS server answered: chap-secrets decides'
sec_stop_daemon

# ---- -P: Poptop's plugin radius.so, radiusclient.conf, servers ----------------
mkdir -p "$SEC_DIR/rc"
printf '# radiusclient servers\n127.0.0.1:11812\tnot-this-one\nlocalhost\t%s\n' \
    "$SECRET" > "$SEC_DIR/rc/servers"
chown 0:0 "$SEC_DIR/rc/servers"
chmod 600 "$SEC_DIR/rc/servers"
printf 'auth_order\tradius\nauthserver\tlocalhost\nacctserver\tlocalhost:1813\nservers\t\t%s\nradius_timeout\t2\nradius_retries\t2\nradius_deadtime\t10\nnas-identifier\thp-poptop-nas\n' \
    "$SEC_DIR/rc/servers" > "$SEC_DIR/rc/radiusclient.conf"
printf 'option %s\nlocalip 10.100.1.1\nremoteip 10.100.0.200-210,10.100.0.230-254\nlisten %s\n' \
    "$SEC_DIR/options.pptpd" "$SRV" > "$SEC_DIR/pptpd.conf"
printf 'name pptpd\nrefuse-pap\nrefuse-chap\nrefuse-mschap\nrequire-mschap-v2\nrequire-mppe-128\nplugin radius.so\nradius-config-file %s\n' \
    "$SEC_DIR/rc/radiusclient.conf" > "$SEC_DIR/options.pptpd"
ip netns exec "$SEC_NS" "$HPB/hpptpd" -P "$SEC_DIR/pptpd.conf" -n \
    > "$SEC_DIR/conv.conf" 2> "$SEC_DIR/conv.err"
check "-P -n: plugin radius.so becomes radius server statements, auth-source radius" \
    sh -c "grep -q '^radius server 127.0.0.1 secret-file \"$SEC_DIR/rc/servers\" auth-port 1812 acct-port 1813 timeout 2s retries 2' $SEC_DIR/conv.conf &&
	grep -q '^radius nas-identifier \"hp-poptop-nas\"' $SEC_DIR/conv.conf &&
	grep -q '^auth-source radius\$' $SEC_DIR/conv.conf" || show conv.err
{ cat "$SEC_DIR/conv.conf"; printf 'secrets "%s"\ncontrol "%s"\n' \
    "$SEC_DIR/chap-secrets" "$SEC_DIR/hpptpd.sock"; } > "$SEC_DIR/hpptpd.conf"
start || { notok "daemon starts on the converted file"; show log; exit 1; }
cli conv --ping 1 "$SRV" bob bob-Pass-2
check "the converted file: a login through RADIUS, its secret the servers file's localhost line (exit $rc)" \
    [ "$rc" -eq 0 ]
sec_stop_daemon

check "no secret or password in the daemon's log" \
    sh -c "! grep -qF -e '$SECRET' -e alice-Pass -e bob-Pass -e carol-File $SEC_DIR/log"
check "freeradius still running" alive "$FR_PID"
sec_finish
