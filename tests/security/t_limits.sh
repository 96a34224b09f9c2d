#!/bin/sh
# Limits are honest (issue 18): hpptpd -n refuses a max-connections the
# process cannot reach and says why (the 65,535 PPTP call ids, the fd
# limit); a connection over max-connections is an event= audit line and
# a refused: counter in hpptpctl stats; ctrl's table and fd limit follow
# max-connections past the old compiled-in 4,096.
. "$(dirname "$0")/lib.sh"
sec_init limits
sec_conf
command -v python3 >/dev/null 2>&1 || skip_all "needs python3"

contains() { printf '%s\n' "$1" | grep -qF -- "$2"; }
base=$(cat "$SEC_DIR/hpptpd.conf")

# --- hpptpd -n ---
printf '%s\nmax-connections 65536\n' "$base" > "$SEC_DIR/ids.conf"
out=$(timeout 10 "$HP_BUILD/hpptpd" -n -f "$SEC_DIR/ids.conf" 2>&1)
rc=$?
check "-n, max-connections 65536: refused (rc $rc)" [ "$rc" -ne 0 ]
check "-n, max-connections 65536: says the call ids are the bound" \
    contains "$out" 'ids.conf:5: max-connections 65536 cannot be reached: a box has 65535 PPTP call ids'

# No CAP_SYS_RESOURCE and a hard limit of 256: 1000 connections need
# 1064 descriptors in ctrl, which this process could never give it.
if command -v prlimit >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1
then
	lowfd="prlimit --nofile=256:256 setpriv --inh-caps=-sys_resource \
	    --bounding-set=-sys_resource"
	printf '%s\nmax-connections 1000\n' "$base" > "$SEC_DIR/fd.conf"
	out=$(timeout 10 $lowfd "$HP_BUILD/hpptpd" -n -f "$SEC_DIR/fd.conf" 2>&1)
	rc=$?
	check "-n, 1000 connections, 256 fds, no CAP_SYS_RESOURCE: refused (rc $rc)" \
	    [ "$rc" -ne 0 ]
	check "-n, 1000 connections: says ctrl needs 1064 fds and the hard limit is 256" \
	    contains "$out" 'max-connections 1000 cannot be reached: ctrl needs 1064 file descriptors, but the hard RLIMIT_NOFILE is 256'
	printf '%s\nmax-connections 150\n' "$base" > "$SEC_DIR/fd2.conf"
	out=$(timeout 10 $lowfd "$HP_BUILD/hpptpd" -n -f "$SEC_DIR/fd2.conf" 2>&1)
	rc=$?
	check "-n, 150 connections (214 fds) under the same limit: OK (rc $rc)" \
	    [ "$rc" -eq 0 ]
else
	diag "no prlimit/setpriv: fd-limit refusal not checked"
fi

# hold N SECS: N TCP connections to 127.0.0.1:1723 in the namespace,
# held open for at most SECS (or until $SEC_DIR/stop exists); writes
# the number made to $SEC_DIR/held.  Runs in the background.
hold() {
	rm -f "$SEC_DIR/held" "$SEC_DIR/stop"
	ip netns exec "$SEC_NS" python3 - "$1" "$2" "$SEC_DIR" <<'EOF' &
import os, socket, sys, time
n, secs, d = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
held = []
for i in range(n):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", 1723))
    except OSError:
        break
    held.append(s)
with open(d + "/held.tmp", "w") as f:
    f.write("%d\n" % len(held))
os.rename(d + "/held.tmp", d + "/held")
end = time.time() + secs
while time.time() < end and not os.path.exists(d + "/stop"):
    time.sleep(0.1)
EOF
	HOLD_PID=$!
}
unhold() {
	: > "$SEC_DIR/stop"
	wait_until 50 dead "$HOLD_PID"
	alive "$HOLD_PID" && kill "$HOLD_PID"
	wait "$HOLD_PID" 2>/dev/null
}
ctl() { "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
open_is() { ctl stats 2>/dev/null | grep -q "^connections: $1 open"; }
nofile_of() {
	awk '/^Max open files/ { print $4 }' "/proc/$1/limits" 2>/dev/null
}

# --- a refusal at max-connections: audit line and counter ---
printf '%s\nmax-connections 2\nmax-connections-per-source 0\n' "$base" \
    > "$SEC_DIR/hpptpd.conf"
sec_start || exit 1
check "max-connections 2: ctrl's RLIMIT_NOFILE is 2 + 64" \
    [ "$(nofile_of "$(worker_pid ctrl)")" = 66 ]
hold 2 20
wait_until 100 open_is 2
check "two connections open" open_is 2
tcp_connect 1723		# the third: accepted by the kernel, closed by us
check "the third: event=connection-refused reason=max-connections" \
    wait_until 50 log_has 'event=connection-refused peer=127\.0\.0\.1 reason=max-connections$'
out=$(ctl stats 2>&1)
check "stats: refused: max-connections=1 ($(echo "$out" | grep '^refused:'))" \
    contains "$out" ' max-connections=1 '
check "stats: no ctrl-connection-slot refusal" \
    contains "$out" ' ctrl-connection-slot=0'
unhold
sec_stop_daemon

# --- past the old 4,096: ctrl takes every connection master admits ---
n=4500
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt $((n + 200)) ]
then
	diag "hard fd limit $(ulimit -Hn): the $n-connection part is skipped"
else
	ulimit -n $((n + 200))
	printf '%s\nmax-connections %d\nmax-sessions %d\nmax-connections-per-source 0\nconnection-rate 100000 burst 1000000\nsccrq-timeout 60s\n' \
	    "$base" $n $n > "$SEC_DIR/hpptpd.conf"
	sec_start || exit 1
	check "max-connections $n: ctrl's RLIMIT_NOFILE is $n + 64" \
	    [ "$(nofile_of "$(worker_pid ctrl)")" = $((n + 64)) ]
	hold $n 60
	wait_until 300 open_is $n
	out=$(ctl stats 2>&1)
	check "$n connections open ($(echo "$out" | grep '^connections:'))" \
	    contains "$out" "connections: $n open, $n max"
	check "none refused ($(echo "$out" | grep '^refused:'))" \
	    sh -c "! printf '%s\n' '$(echo "$out" | grep '^refused:')' | grep -q '=[1-9]'"
	check "no 'no connection slot' and no refusal in the log" \
	    sh -c "! grep -q 'no connection slot\|connection-refused' '$SEC_DIR/log'"
	unhold
fi
sec_finish
