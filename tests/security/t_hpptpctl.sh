#!/bin/sh
# Security test: hpptpctl and master's root-only control socket.
# Starts hpptpd in its own network namespace with the control socket in
# a temporary directory, then checks the commands, the exit statuses,
# the audit lines, the socket's mode, that only root gets in (by file
# mode, and by SO_PEERCRED when the mode is opened up), the request
# size cap, the client cap, the idle timeout, stale-socket removal and
# removal at shutdown.  Every wait is bounded.  TAP output.
set -u
: "${HP_BUILD:?}"

n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $* # SKIP"; }

if [ "$(id -u)" -ne 0 ]; then
	echo "ok 1 - t_hpptpctl # SKIP needs root"
	exit 0
fi
for b in hpptpd hpptpd-ctrl hpptpd-gre hpptpd-auth hpptpctl; do
	if [ ! -x "$HP_BUILD/$b" ]; then
		echo "not ok 1 - $HP_BUILD/$b missing"
		exit 1
	fi
done

ns=hpctl$$
ns2=hpctl2$$
dir=$(mktemp -d /tmp/hpptpctl-test.XXXXXX)
# 0755: the socket's own mode, not the directory's, must keep others out
chmod 755 "$dir"
sock=$dir/ctl.sock
log=$dir/log
ctl="$HP_BUILD/hpptpctl -s $sock"
pid=
pid2=
py=
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket' >/dev/null 2>&1; then
	py=python3
fi

# Stop a server: SIGTERM, up to 5 s, then SIGKILL.
stop_pid() {
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

cleanup() {
	stop_pid "$pid"
	stop_pid "$pid2"
	ip netns del "$ns" 2>/dev/null
	ip netns del "$ns2" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# wait_for SECONDS COMMAND...: true once COMMAND succeeds
wait_for() {
	t=$(($1 * 10))
	shift
	while [ "$t" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		t=$((t - 1))
	done
	return 1
}
log_has() { grep -q -- "$1" "$log" 2>/dev/null; }

# run CMD...: sets out, err, rc (stdout, stderr, exit status), bounded
run() {
	timeout 20 "$@" >"$dir/out" 2>"$dir/err"
	rc=$?
	out=$(cat "$dir/out")
	err=$(cat "$dir/err")
}

printf 'alice * secret-pw *\n' >"$dir/secrets"
chown 0:0 "$dir/secrets"
chmod 600 "$dir/secrets"
cat >"$dir/conf" <<EOF
listen on 127.0.0.1
secrets "$dir/secrets"
control "$sock"
EOF

start_server() {	# $1 namespace; sets the pid variable named by $2
	ip netns add "$1" || return 1
	ip netns exec "$1" ip link set lo up || return 1
	# ip netns exec execs: $! is hpptpd itself
	ip netns exec "$1" "$HP_BUILD/hpptpd" -d -f "$dir/conf" \
	    >>"$log" 2>&1 &
	eval "$2=\$!"
}

start_server "$ns" pid || { echo "not ok 1 - create namespace $ns"; exit 1; }
if wait_for 10 test -S "$sock" && wait_for 10 log_has "ctrl ready"; then
	ok "hpptpd starts and creates the control socket"
else
	nok "hpptpd starts and creates the control socket"
	sed 's/^/# /' "$log"
	exit 1
fi

# --- the socket file ---
m=$(stat -c '%a %u %g %F' "$sock")
if [ "$m" = "600 0 0 socket" ]; then
	ok "control socket is root:root mode 0600"
else
	nok "control socket is root:root mode 0600 (got: $m)"
fi

# --- commands ---
run $ctl stats
if [ $rc -eq 0 ] && echo "$out" | grep -q '^sessions: 0 in use' &&
    echo "$out" | grep -q '^worker ctrl: pid [0-9]' &&
    echo "$out" | grep -q '^pool: [0-9]* free' &&
    echo "$out" | grep -q '^refused: '; then
	ok "stats: exit 0, sessions, pool, refusals, workers"
else
	nok "stats (rc=$rc): $out $err"
fi
if echo "$out" | grep -q '^gre tun writes: 0 packets joined in 0 writes, 0 dropped (tun full); control frames dropped: 0$'; then
	ok "stats: the data workers' own counters, 0 at start"
else
	nok "stats: no 'gre tun writes:' line of zeros: $out"
fi

run $ctl list
if [ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] &&
    echo "$out" | grep -q '^SID  *USER  *STATE  *ADDRESS  *PEER'; then
	ok "list with no sessions: exit 0, header only"
else
	nok "list with no sessions (rc=$rc): $out $err"
fi

run $ctl show sessions
if [ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 1 ]; then
	ok "show sessions: same as list"
else
	nok "show sessions (rc=$rc): $out $err"
fi

run $ctl kick 0x1234
if [ $rc -eq 1 ] && echo "$err" | grep -q 'no session 0x1234'; then
	ok "kick of no such session: exit 1 with a message"
else
	nok "kick of no such session (rc=$rc): $out $err"
fi
if wait_for 5 log_has 'event=kick sid=0x1234 by=hpptpctl'; then
	ok "kick is audited (event=kick sid=0x1234 by=hpptpctl)"
else
	nok "kick is audited"
fi

run $ctl show 0x1234
if [ $rc -eq 1 ]; then ok "show of no such session: exit 1"
else nok "show of no such session (rc=$rc): $out $err"; fi

run $ctl reload
if [ $rc -eq 0 ] && wait_for 5 log_has 'reloaded' &&
    log_has 'event=reload by=hpptpctl'; then
	ok "reload: exit 0, audited, log says reloaded"
else
	nok "reload (rc=$rc): $out $err"
fi

# --- a session: a bare TCP connection is one (state "connected") ---
if [ -n "$py" ]; then
	ip netns exec "$ns" timeout 15 $py -c '
import socket, time
s = socket.create_connection(("127.0.0.1", 1723), timeout=5)
time.sleep(12)' >/dev/null 2>&1 &
	tcp=$!
	wait_for 5 sh -c "$ctl list | grep -q '^0x.*connected.*127.0.0.1:'"
	run $ctl list
	sid=$(echo "$out" | awk 'NR == 2 { print $1 }')
	if [ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 2 ] &&
	    echo "$out" | grep -q "^$sid  *-  *connected  *-  *127.0.0.1:[0-9]* "; then
		ok "list shows the session ($sid)"
	else
		nok "list shows the session (rc=$rc): $out $err"
	fi
	run $ctl show "$sid"
	if [ $rc -eq 0 ] && echo "$out" | grep -q "^sid: $sid\$" &&
	    echo "$out" | grep -q '^peer: 127.0.0.1:' &&
	    echo "$out" | grep -q '^state: connected'; then
		ok "show $sid"
	else
		nok "show $sid (rc=$rc): $out $err"
	fi
	run $ctl kick "$sid"
	if [ $rc -eq 0 ] && echo "$out" | grep -q "kicked" &&
	    wait_for 5 log_has "event=kick sid=$sid by=hpptpctl .*result=ok" &&
	    wait_for 10 sh -c "[ \"\$($ctl list | wc -l)\" -eq 1 ]"; then
		ok "kick $sid ends it, audited"
	else
		nok "kick $sid (rc=$rc): $out $err"
	fi
	kill "$tcp" 2>/dev/null
	wait "$tcp" 2>/dev/null
else
	skip "list with a session (no python3)"
	skip "show a session (no python3)"
	skip "kick a session (no python3)"
fi

# --- usage errors: exit 2, nothing sent ---
u=0
for args in "" "frobnicate" "kick" "kick zz" "kick 0" "kick 0x100000000" \
    "show" "list extra" "stats now" "reload now" "show session"; do
	# shellcheck disable=SC2086
	run $ctl $args
	[ $rc -eq 2 ] || { u=1; echo "# '$args' gave $rc"; }
done
run "$HP_BUILD/hpptpctl" -x stats
[ $rc -eq 2 ] || { u=1; echo "# -x gave $rc"; }
if [ $u -eq 0 ]; then ok "usage errors exit 2"
else nok "usage errors exit 2"; fi

run "$HP_BUILD/hpptpctl" -s "$dir/nonexistent.sock" stats
if [ $rc -eq 1 ]; then ok "no server: exit 1"
else nok "no server: exit $rc"; fi

# --- only root ---
as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
run $as_nobody $ctl stats
if [ $rc -eq 1 ] && echo "$err" | grep -qi 'permission denied'; then
	ok "non-root user cannot connect (socket mode)"
else
	nok "non-root user cannot connect (rc=$rc): $out $err"
fi
# Open the file mode up: SO_PEERCRED must still refuse.
chmod 666 "$sock"
run $as_nobody $ctl stats
chmod 600 "$sock"
if [ $rc -ne 0 ] && ! echo "$out" | grep -q sessions &&
    wait_for 5 log_has 'event=control-refused uid=65534'; then
	ok "non-root user refused by SO_PEERCRED even with mode 0666"
else
	nok "SO_PEERCRED refusal (rc=$rc): $out $err"
fi

# --- malformed requests, size cap, client cap, idle timeout ---
if [ -n "$py" ]; then
	run $py - "$sock" <<'EOF'
import socket, sys, time
path = sys.argv[1]
def conn():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(5)
    s.connect(path)
    return s
def ask(req):
    s = conn()
    s.send(req)
    recs = []
    while True:
        r = s.recv(8192)
        if not r:
            break
        recs.append(r)
        if r[:1] in (b'K', b'E'):
            break
    s.close()
    return recs
bad = 0
for req in [b'x' * 65, b'list' + b' ' * 200, b'kick\x000x1', b'LIST',
            b'kick 0x1 0x2', b'list\n\n']:
    recs = ask(req)
    if not recs or recs[-1][:1] != b'E' or len(recs) != 1:
        print('bad request %r got %r' % (req[:20], recs)); bad = 1
recs = ask(b'list\n')
if not recs or recs[-1][:1] != b'K' or not recs[0].startswith(b'DSID'):
    print('list got %r' % recs); bad = 1
# four idle clients fill the slots; a fifth is closed at once
idle = [conn() for _ in range(4)]
time.sleep(0.5)
s = conn()
try:
    s.send(b'stats\n')
    r = s.recv(8192)
except OSError:
    r = b''
if r != b'':
    print('fifth client got %r' % r); bad = 1
s.close()
# the idle ones are closed after the timeout (5 s, 1 s timer)
t0 = time.time()
for c in idle:
    c.settimeout(10)
    try:
        r = c.recv(8192)
    except OSError:
        r = None
    if r != b'':
        print('idle client got %r' % r); bad = 1
if time.time() - t0 > 9:
    print('idle clients were not closed in time'); bad = 1
# and afterwards the server answers again
recs = ask(b'stats')
if not recs or recs[-1][:1] != b'K':
    print('stats after the cap got %r' % recs); bad = 1
sys.exit(bad)
EOF
	if [ $rc -eq 0 ]; then
		ok "malformed and oversized requests get an error record"
		ok "at most 4 clients; idle clients time out; service resumes"
	else
		nok "protocol checks: $out $err"
		nok "client cap and idle timeout"
	fi
	if log_has 'control: 4 clients already' &&
	    log_has 'timed out'; then
		ok "client cap and timeout are logged"
	else
		nok "client cap and timeout are logged"
	fi
else
	skip "malformed requests (no python3)"
	skip "client cap and idle timeout (no python3)"
	skip "client cap and timeout are logged (no python3)"
fi

# --- a second server must not take over a live socket ---
ip netns add "$ns2" && ip netns exec "$ns2" ip link set lo up
timeout 20 ip netns exec "$ns2" "$HP_BUILD/hpptpd" -d -f "$dir/conf" \
    >"$dir/log2" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q 'in use by another server' "$dir/log2" &&
    [ -S "$sock" ] && kill -0 "$pid" 2>/dev/null; then
	ok "a second server refuses a live control socket"
else
	nok "a second server refuses a live control socket (rc=$rc)"
	sed 's/^/# /' "$dir/log2"
fi
run $ctl stats
if [ $rc -eq 0 ]; then ok "first server still answers"
else nok "first server still answers (rc=$rc)"; fi

# --- shutdown removes the socket; a stale one is replaced ---
stop_pid "$pid"
pid=
if [ ! -e "$sock" ]; then ok "shutdown removes the control socket"
else nok "shutdown removes the control socket"; fi

ip netns del "$ns" 2>/dev/null
start_server "$ns" pid || nok "second start"
if wait_for 10 test -S "$sock" && wait_for 10 log_has "ctrl ready"; then
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	pid=
fi
ip netns del "$ns" 2>/dev/null
: >"$log"
if [ -S "$sock" ]; then
	start_server "$ns" pid || nok "third start"
	if wait_for 10 log_has 'removed the stale socket' &&
	    wait_for 10 log_has "ctrl ready" &&
	    run $ctl stats && [ $rc -eq 0 ]; then
		ok "a stale socket after SIGKILL is replaced"
	else
		nok "a stale socket after SIGKILL is replaced (rc=$rc)"
		sed 's/^/# /' "$log"
	fi
else
	nok "SIGKILL left no socket to test stale removal with"
fi

echo "1..$n"
[ $fails -eq 0 ]
