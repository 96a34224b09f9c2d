#!/bin/sh
# The audit trail through a real rsyslogd (issue 14; test-hook build for
# the flood that fills the socket).  rsyslogd (Debian's, its own config
# here, SysSock off: the host's /dev/log is never touched) listens on
# $SEC_DIR/devlog; hpptpd runs, without -d (real syslog), in a network
# namespace and a mount namespace whose /dev is a tmpfs with the few
# devices it needs and $SEC_DIR/devlog bind-mounted on /dev/log.
#   - a real session (tests/tools/pptpc, MS-CHAPv2 + MPPE, 2 pings), a
#     wrong password, a lockout, and a username with control bytes, DEL,
#     8-bit bytes, a quote and a fake " event=": event=session-up,
#     event=session-down (with byte and packet counters), event=auth-fail
#     and event=lockout land in the authpriv file and not in the daemon
#     file; every audit line parses as key=value (kv.pl strict); the odd
#     username is logged escaped, on one line, and no line parses as a
#     forged event=session-up; no password nor NT hash in any file
#   - rsyslogd paused (SIGSTOP) through a login: its lines wait in
#     master's backlog (hpptpctl stats: N waiting) and arrive after
#     SIGCONT, none dropped
#   - rsyslogd stopped (SIGSTOP) and its queue filled (a worker's log
#     flood, hook 7): nothing blocks -- hpptpctl stats answers and shows
#     lines dropped, a login still works; after SIGCONT the count is
#     logged (event=log-dropped)
#   - rsyslogd gone (SIGTERM, socket dead): a login still works, drops
#     counted
. "$(dirname "$0")/lib.sh"
sec_init syslog
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
command -v rsyslogd >/dev/null 2>&1 || skip_all "needs rsyslogd (make deps)"
command -v unshare >/dev/null 2>&1 || skip_all "needs unshare (util-linux)"
KV="perl $(dirname "$0")/kv.pl"
SRV=198.18.2.1
CLI=198.18.2.2
CNS="hpsec-slc-$$"
PPTPC=$HP_BUILD/tools/pptpc
RS_PID=
PASS=alice-Pass-9f3e1
sl_cleanup() {
	sec_stop_daemon
	if [ -n "$RS_PID" ]; then
		kill -CONT "$RS_PID" 2>/dev/null
		kill -TERM "$RS_PID" 2>/dev/null
		wait_until 30 dead "$RS_PID"
		alive "$RS_PID" && kill -KILL "$RS_PID" 2>/dev/null
	fi
	if ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qxF "$CNS"
	then
		ip netns del "$CNS" 2>/dev/null
	fi
	sec_cleanup
}
trap 'sl_cleanup' EXIT
trap 'sl_cleanup; exit 1' INT TERM HUP
if ! (cd "$HP_TOP" && make --no-print-directory \
    "$(basename "$HP_BUILD")/tools/pptpc") > "$SEC_DIR/make.log" 2>&1 ||
    [ ! -x "$PPTPC" ]; then
	notok "build $PPTPC"
	exit 1
fi

# ---- rsyslogd ------------------------------------------------------------
mkdir -p "$SEC_DIR/rs"
cat > "$SEC_DIR/rsyslog.conf" <<EOF
# written by tests/security/t_syslog.sh: a private rsyslogd
global(workDirectory="$SEC_DIR/rs")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$SEC_DIR/devlog" RateLimit.Interval="0")
template(name="hp" type="string" string="%syslogtag%%msg:::drop-last-lf%\n")
authpriv.*	action(type="omfile" file="$SEC_DIR/rs/auth.log" template="hp")
daemon.*	action(type="omfile" file="$SEC_DIR/rs/daemon.log" template="hp")
EOF
rsyslogd -n -f "$SEC_DIR/rsyslog.conf" -i "$SEC_DIR/rs/rsyslogd.pid" \
    > "$SEC_DIR/rs/rsyslogd.out" 2>&1 &
RS_PID=$!
wait_until 50 test -S "$SEC_DIR/devlog" ||
    { notok "rsyslogd listens on $SEC_DIR/devlog"; cat "$SEC_DIR/rs/rsyslogd.out"; exit 1; }
ok "rsyslogd (pid $RS_PID) listens on $SEC_DIR/devlog"
AUTH=$SEC_DIR/rs/auth.log
DAEMON=$SEC_DIR/rs/daemon.log
in_auth() { grep -Eq -- "$1" "$AUTH" 2>/dev/null; }
in_daemon() { grep -Eq -- "$1" "$DAEMON" 2>/dev/null; }
# an audit line: the event right after the tag (and a worker's name)
ev() { echo "hpptpd\[[0-9]+\]: (auth: )?event=$1 "; }

# ---- hpptpd ----------------------------------------------------------------
printf '"alice" pptpd "%s" *\n"bob" pptpd "bob-pass" *\n' "$PASS" \
    > "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_syslog.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
lockout failures 3 window 2m time 5s
connection-rate 1000 burst 1000
EOF
sec_veth hpl "$SRV" "$CLI" || exit 1
mkdir -p "$SEC_DIR/hostdev"
# a private /dev: its devices bound from the real one, /dev/log ours
ip netns exec "$SEC_NS" unshare -m --propagation private sh -c '
	d=$1
	mount --bind /dev "$d/hostdev" &&
	mount -t tmpfs -o mode=755 hpdev /dev || exit 1
	for n in null zero full random urandom; do
		touch "/dev/$n" && mount --bind "$d/hostdev/$n" "/dev/$n" ||
		    exit 1
	done
	mkdir /dev/net && touch /dev/net/tun &&
	    mount --bind "$d/hostdev/net/tun" /dev/net/tun &&
	    touch /dev/log && mount --bind "$d/devlog" /dev/log || exit 1
	exec "$2" -f "$d/hpptpd.conf"' sh "$SEC_DIR" "$HP_TEST_BUILD/hpptpd" \
    > "$SEC_DIR/log" 2>&1
# it daemonized: master is the "hpptpd" process in the namespace
master_pid() {
	for _p in $(ip netns pids "$SEC_NS" 2>/dev/null); do
		[ "$(cat "/proc/$_p/comm" 2>/dev/null)" = hpptpd ] &&
		    { echo "$_p"; return 0; }
	done
	return 1
}
wait_until 50 master_pid >/dev/null
SEC_PID=$(master_pid) || { notok "hpptpd started"; cat "$SEC_DIR/log"; exit 1; }
if ! wait_until 200 sh -c "grep -q 'ctrl ready' '$DAEMON' &&
    grep -q 'gre ready' '$DAEMON' && grep -q 'auth ready' '$DAEMON'"; then
	notok "daemon up: its ready lines in the daemon file"
	sed 's/^/#   /' "$DAEMON" "$SEC_DIR/log"
	exit 1
fi
ok "hpptpd (master $SEC_PID) up, logging through rsyslogd"
ctl() { timeout 3 "$HP_TEST_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
cli() {
	_n=$1
	shift
	ip netns exec "$CNS" timeout 20 "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err"
	rc=$?
}
dropped() { ctl stats | sed -n 's/^syslog: \([0-9]*\) lines dropped.*/\1/p'; }

# ---- the audit trail ---------------------------------------------------
cli s1 --ping 2 "$SRV" alice "$PASS"
check "a session: up, 2 pings, closed (exit $rc)" [ "$rc" -eq 0 ]
check "session-down logged" \
    wait_until 100 in_auth 'event=session-down .*user="alice"'
cli w1 "$SRV" alice wrong-password
check "wrong password: refused (exit $rc, 19 as pppd)" [ "$rc" -eq 19 ]
n=0
while [ $n -lt 4 ]; do
	cli b$n "$SRV" bob not-bobs-pass
	n=$((n + 1))
done
check "lockout logged" wait_until 100 in_auth 'event=lockout .*user="bob"'
ODD=$(printf 'ev\001il\177\303\244" event=session-up sid=0x1 x')
cli odd "$SRV" "$ODD" whatever
check "odd username: refused (exit $rc)" [ "$rc" -ne 0 ]
ESC='ev\x01il\x7f\xc3\xa4\x22 event=session-up sid=0x1 x'
check "odd username: logged escaped in the authpriv file" \
    wait_until 100 grep -qF "user=\"$ESC\"" "$AUTH"
for e in session-up session-down auth-fail lockout; do
	check "event=$e in the authpriv file" in_auth "$(ev $e)"
	check "event=$e not in the daemon file" sh -c "! grep -Eq '$(ev $e)' '$DAEMON'"
done
check "session-down carries counters (bytes_in/out, pkts_in/out > 0)" \
    in_auth 'event=session-down .*bytes_in=[1-9][0-9]* bytes_out=[1-9][0-9]* pkts_in=[1-9][0-9]* pkts_out=[1-9][0-9]*'
check "every audit line in both files parses as key=value" \
    sh -c "$KV strict '$AUTH' && $KV strict '$DAEMON'"
check "no line parses as the forged event=session-up sid=0x1" \
    sh -c "! $KV find '$AUTH' event=session-up sid=0x1 &&
	! $KV find '$DAEMON' event=session-up sid=0x1"
check "the odd username's lines are single lines" \
    sh -c "! grep -q '^x\"' '$AUTH' && ! grep -q '^il' '$AUTH'"
check "no byte outside printable ASCII in either file" \
    sh -c "! LC_ALL=C grep -q '[^ -~]' '$AUTH' '$DAEMON'"
check "no file holds a password" \
    sh -c "! grep -rqF -e '$PASS' -e wrong-password -e not-bobs-pass -e bob-pass '$SEC_DIR/rs'"
# alice's NT hash, MD4 of the UTF-16LE password (openssl's legacy provider)
NTH=$(printf '%s' "$PASS" | iconv -f ascii -t UTF-16LE |
    openssl dgst -md4 -provider legacy -provider default 2>/dev/null |
    sed -n 's/^.*= *//p')
if [ ${#NTH} -eq 32 ]; then
	check "no file holds alice's NT hash ($NTH), in either case" \
	    sh -c "! grep -rqi -e '$NTH' '$SEC_DIR/rs'"
else
	notok "compute alice's NT hash (openssl with MD4)"
fi

# ---- rsyslogd paused, a login meanwhile: held, then delivered ------------
# the lockout (5 s) holds this client's source too: let it pass
sleep 6
downs() { grep -c 'event=session-down .*user="alice"' "$AUTH"; }
n0=$(downs)
d0=$(dropped)
kill -STOP "$RS_PID"
cli p1 --ping 2 "$SRV" alice "$PASS"
check "rsyslogd paused: a login works meanwhile (exit $rc)" [ "$rc" -eq 0 ]
w=$(ctl stats | sed -n 's/^syslog: .*, \([0-9]*\) waiting$/\1/p')
check "rsyslogd paused: lines wait in master's backlog (${w:-none})" \
    [ "${w:-0}" -gt 0 ]
kill -CONT "$RS_PID"
more_downs() { [ "$(downs)" -gt "$n0" ]; }
check "rsyslogd resumed: the paused login's session-down arrives" \
    wait_until 100 more_downs
check "rsyslogd resumed: nothing dropped ($d0 before, $(dropped) after)" \
    [ "$(dropped)" = "$d0" ]

# ---- rsyslogd stopped, its queue full -------------------------------------
kill -STOP "$RS_PID"
d0=$(dropped)
send_hook 7		# ctrl: 100,000 lines (1000 pass the rate limit)
# (each try bounded at 3 s, 20 tries: a blocked master fails in 60 s)
dropped_more() { _dn=$(dropped); [ -n "$_dn" ] && [ "$_dn" -gt "${d0:-0}" ]; }
check "rsyslogd stopped: hpptpctl stats answers, lines dropped" \
    wait_until 20 dropped_more
d1=$(dropped)
diag "syslog lines dropped: $d0 before, $d1 with rsyslogd stopped"
cli s2 --ping 1 "$SRV" alice "$PASS"
check "rsyslogd stopped: a login still works (exit $rc)" [ "$rc" -eq 0 ]
check "rsyslogd stopped: master alive" alive "$SEC_PID"
kill -CONT "$RS_PID"
cli s3 "$SRV" alice "$PASS"
check "rsyslogd back: the drops are reported (event=log-dropped lines=N)" \
    wait_until 100 in_daemon 'event=log-dropped lines=[1-9][0-9]* total=[0-9]+'

# ---- rsyslogd gone ---------------------------------------------------------
kill -TERM "$RS_PID"
wait_until 50 dead "$RS_PID"
RS_PID=
d2=$(dropped)
cli s4 --ping 1 "$SRV" alice "$PASS"
check "rsyslogd gone: a login still works (exit $rc)" [ "$rc" -eq 0 ]
d3=$(dropped)
diag "syslog lines dropped: $d2 before, $d3 after a login without rsyslogd"
check "rsyslogd gone: the login's lines are counted as dropped" \
    [ "${d3:-0}" -gt "${d2:-0}" ]
check "master still running" alive "$SEC_PID"
sec_finish
