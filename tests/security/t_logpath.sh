#!/bin/sh
# The log path is master's alone (issue 20, items 4 and 5; test-hook
# build).  For each worker:
#   - TH_STDERR (hook 6): the worker writes a forged
#     `event=session-up sid=0x1 user="alice" ...` line to its fd 2 and
#     sends it as a log message with controls, DEL and 8-bit bytes.
#     Nothing raw from fd 2 reaches master's log (workers' fd 2 is
#     /dev/null); the log message arrives prefixed with the worker's
#     name, every byte outside printable ASCII escaped as \xNN, and a
#     key=value parser (kv.pl) finds no top-level event=session-up
#     sid=0x1 anywhere: worker text is quoted (msg="...").
#   - TH_LOG_FLOOD (hook 7): 100,000 lines as fast as it can.  Master
#     rate-limits them (a token bucket per worker): every line is either
#     logged or counted in an event=log-suppressed line (they add up to
#     100,000, fewer than 100,000 logged), hpptpctl stats answers during
#     the flood and shows the worker's suppressed count.
# Then a daemon whose gre binary is missing: exec fails in the child,
# master reports it (exit 127, "cannot exec") and keeps running through
# more restarts than the old limit (5) with a growing back-off.
. "$(dirname "$0")/lib.sh"
sec_init logpath
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
KV="perl $(dirname "$0")/kv.pl"
sec_conf
CAT_PID=
lp_cleanup() {
	sec_stop_daemon
	[ -n "$CAT_PID" ] && alive "$CAT_PID" && kill "$CAT_PID" 2>/dev/null
	sec_cleanup
}
trap 'lp_cleanup' EXIT
trap 'lp_cleanup; exit 1' INT TERM HUP

# start_piped BIN: sec_start, but master's stdout and stderr are a pipe
# (as under systemd, where they are the journal's socket): a regular
# file would stop a worker's write with RLIMIT_FSIZE 0 (SIGXFSZ), a
# pipe does not.
start_piped() {
	if ! ns_exists; then
		ip netns add "$SEC_NS" || { notok "ip netns add"; exit 1; }
		ip netns exec "$SEC_NS" ip link set lo up
	fi
	: > "$SEC_DIR/log"
	rm -f "$SEC_DIR/pipe"
	mkfifo "$SEC_DIR/pipe"
	cat "$SEC_DIR/pipe" >> "$SEC_DIR/log" &
	CAT_PID=$!
	ip netns exec "$SEC_NS" "$1" -d -f "$SEC_DIR/hpptpd.conf" \
	    > "$SEC_DIR/pipe" 2>&1 &
	SEC_PID=$!
	wait_until 200 all_ready || return 1
	SEC_KIDS="$(worker_pid ctrl) $(worker_pid gre) $(worker_pid auth)"
}
start_piped "$HP_TEST_BUILD/hpptpd" ||
    { notok "test-hook daemon starts"; sed 's/^/#   /' "$SEC_DIR/log"; exit 1; }
ctl() { "$HP_TEST_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
# no byte outside printable ASCII in the whole log
log_printable() { ! LC_ALL=C grep -q '[^ -~]' "$SEC_DIR/log"; }

base=0
for w in ctrl gre auth; do
	before=$(log_count "forged")
	send_hook $((base + 6))
	check "$w forged: its log message arrived" \
	    wait_until 100 sh -c "[ \$(grep -c forged '$SEC_DIR/log') -gt $before ]"
	check "$w forged: nothing of its fd 2 in master's log" \
	    sh -c "! grep -q '^event=session-up sid=0x1 ' '$SEC_DIR/log'"
	check "$w forged: no line parses as event=session-up sid=0x1" \
	    sh -c "! $KV find '$SEC_DIR/log' event=session-up sid=0x1"
	check "$w forged: the line is prefixed '$w: ' and its text quoted" \
	    grep -q "^hpptpd: $w: msg=\"event=session-up sid=0x1 " "$SEC_DIR/log"
	check "$w forged: controls, DEL and 8-bit bytes escaped" \
	    grep -qF 'forged\x01\x1b[2J\x7f\xc3\xa4\xff"' "$SEC_DIR/log"
	check "$w forged: quotes in worker text escaped (user=\\x22alice\\x22)" \
	    grep -qF 'user=\x22alice\x22' "$SEC_DIR/log"
	check "$w forged: no byte outside printable ASCII in the log" \
	    log_printable
	check "$w forged: master still running" alive "$SEC_PID"
	base=$((base + 10))
done
check "every audit line is a clean key=value line (kv.pl strict)" \
    $KV strict "$SEC_DIR/log"

# ---- flood -------------------------------------------------------------
flood_logged() { grep -c "^hpptpd: ctrl: msg=\"flood line " "$SEC_DIR/log"; }
flood_suppressed() {
	grep -o 'event=log-suppressed proc=ctrl lines=[0-9]*' "$SEC_DIR/log" |
	    awk -F= '{ n += $NF } END { print n + 0 }'
}
flood_done() { [ $(($(flood_logged) + $(flood_suppressed))) -ge 100000 ]; }
send_hook 7
check "flood: hpptpctl stats answers during the flood" \
    sh -c "timeout 5 $HP_TEST_BUILD/hpptpctl -s '$SEC_DIR/hpptpd.sock' stats | grep -q '^sessions:'"
# every line is accounted for: logged or counted (bounded at 60 s)
wait_until 600 flood_done
l=$(flood_logged)
s=$(flood_suppressed)
diag "flood: $l lines logged, $s suppressed"
check "flood: logged + suppressed = 100000 ($l + $s)" [ $((l + s)) -eq 100000 ]
check "flood: rate-limited (fewer than 100000 logged)" [ "$l" -lt 100000 ]
check "flood: an event=log-suppressed proc=ctrl line with a count" \
    log_has 'event=log-suppressed proc=ctrl lines=[1-9][0-9]*'
check "flood: hpptpctl stats shows ctrl's suppressed lines ($s)" \
    sh -c "ctl_out=\$($HP_TEST_BUILD/hpptpctl -s '$SEC_DIR/hpptpd.sock' stats); echo \"\$ctl_out\" | grep -q '^worker ctrl: .*log lines suppressed $s\$'"
check "flood: master still running" alive "$SEC_PID"
check "flood: still serving: TCP connect to 127.0.0.1:1723" tcp_connect 1723
check "flood: no byte outside printable ASCII in the log" log_printable
sec_stop_daemon

# ---- exec failure --------------------------------------------------------
# The workers in a directory of their own (HP_TEST_LIBEXEC: test-hook
# builds only), hpptpd-gre a file that passes master's ownership and
# mode check but is no program: execve fails in the child.
mkdir -p "$SEC_DIR/bin"
chmod 0755 "$SEC_DIR/bin"
cp "$HP_TEST_BUILD/hpptpd-ctrl" "$HP_TEST_BUILD/hpptpd-auth" "$SEC_DIR/bin/"
printf 'not a program\n' > "$SEC_DIR/bin/hpptpd-gre"
chmod 0755 "$SEC_DIR/bin/hpptpd-gre"
wait "$CAT_PID" 2>/dev/null
export HP_TEST_LIBEXEC="$SEC_DIR/bin"
start_piped "$HP_TEST_BUILD/hpptpd"
unset HP_TEST_LIBEXEC
gre_fails() { log_count 'event=worker-restart proc=gre status="exit 127"'; }
check "exec failure: master logs event=worker-restart proc=gre status=\"exit 127\"" \
    wait_until 100 sh -c "grep -q 'event=worker-restart proc=gre status=\"exit 127\"' '$SEC_DIR/log'"
check "exec failure: master says it could not exec $SEC_DIR/bin/hpptpd-gre" \
    log_has "gre: cannot exec $SEC_DIR/bin/hpptpd-gre"
# the old limit was 5 fast crashes, then master exited: wait for 7
# (back-off 0, 0.25, 0.5, 1, 2, 4 s: about 8 s; bounded at 30 s)
check "exec failure: 7 failed starts of gre" \
    wait_until 300 sh -c "[ \$(grep -c 'event=worker-restart proc=gre status=\"exit 127\"' '$SEC_DIR/log') -ge 7 ]"
check "exec failure: master still running after $(gre_fails) failures" \
    alive "$SEC_PID"
check "exec failure: back-off grew to 8000 ms" \
    log_has 'event=worker-restart proc=gre status="exit 127" delay_ms=8000 '
# now group-writable: master refuses to exec it at all, and the failed
# start takes the same back-off: 16 s from the 8th failure, but on a
# loaded machine more failures may pass before this line, and the
# back-off grows up to its 60 s bound: wait that long and a little
chmod 0775 "$SEC_DIR/bin/hpptpd-gre"
check "refused binary: event=worker-refused bin=hpptpd-gre (group-writable)" \
    wait_until 650 sh -c "grep -q 'event=worker-refused bin=hpptpd-gre .*group-writable' '$SEC_DIR/log'"
check "refused binary: counted as a failed start, the back-off still growing (>= 8 s)" \
    wait_until 50 sh -c "grep -Eq 'event=worker-restart proc=gre status=\"refused\" delay_ms=(8000|[0-9]{5}) ' '$SEC_DIR/log'"
check "refused binary: master still running" alive "$SEC_PID"
sec_finish
