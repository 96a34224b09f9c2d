#!/bin/sh
# A crash loop degrades, it never ends master (issue 20, item 6; test-hook
# build).  ctrl is made to die (TH_SYSCALL, hook 1: SIGSYS) 8 times, each
# time as soon as the new ctrl is ready -- the old master gave up and
# exited after 5 fast crashes.  Asserted:
#   - master keeps running through all 8, gre and auth stay up (same pids)
#   - the back-off grows: 0, 250, 500, 1000, 2000, 4000, 8000, 16000 ms
#     (event=worker-restart ... delay_ms=...), and from the 6th crash on
#     event=worker-degraded proc=ctrl says no new logins meanwhile
#   - during the last back-off, hpptpctl stats shows "worker ctrl:
#     restarting in N s" with "crashes 8", and a connection is refused
#     (event=connection-refused ... reason=ctrl-not-ready)
#   - after the back-off, a working ctrl again: a real login with the
#     native client (tests/tools/pptpc) comes up and pings.
. "$(dirname "$0")/lib.sh"
sec_init crashloop
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
SRV=198.18.1.1
CLI=198.18.1.2
CNS="hpsec-clc-$$"
PPTPC=$HP_BUILD/tools/pptpc
cl_cleanup() {
	if ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qxF "$CNS"
	then
		ip netns del "$CNS" 2>/dev/null
	fi
	sec_cleanup
}
trap 'cl_cleanup' EXIT
trap 'cl_cleanup; exit 1' INT TERM HUP
if ! (cd "$HP_TOP" && make --no-print-directory \
    "$(basename "$HP_BUILD")/tools/pptpc") > "$SEC_DIR/make.log" 2>&1 ||
    [ ! -x "$PPTPC" ]; then
	notok "build $PPTPC"
	exit 1
fi

printf '"alice" pptpd "alice-pass" *\n' > "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_crashloop.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
EOF
sec_veth hpc "$SRV" "$CLI" || exit 1
sec_start "$HP_TEST_BUILD" || { notok "test-hook daemon starts"; exit 1; }
ctl() { "$HP_TEST_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
gre0=$(worker_pid gre)
auth0=$(worker_pid auth)

i=1
while [ $i -le 8 ]; do
	old=$(worker_pid ctrl) || { notok "crash $i: ctrl running"; break; }
	send_hook 1
	wait_until 100 dead "$old" || { notok "crash $i: ctrl died"; break; }
	if [ $i -eq 8 ]; then
		break
	fi
	# the back-off before the next start is at most 8 s here
	wait_until 150 worker_ready_again ctrl "$old" ||
	    { notok "crash $i: ctrl ready again"; break; }
	i=$((i + 1))
done
check "8 crashes of ctrl, each as soon as it was ready" [ $i -eq 8 ]
delays=$(grep -o 'event=worker-restart proc=ctrl status="signal 31" delay_ms=[0-9]*' \
    "$SEC_DIR/log" | sed 's/.*delay_ms=//' | tr '\n' ' ')
diag "ctrl back-off after each crash (ms): $delays"
check "back-off grows: 0 250 500 1000 2000 4000 8000 16000 ms" \
    [ "$delays" = "0 250 500 1000 2000 4000 8000 16000 " ]
check "event=worker-degraded proc=ctrl from the 6th crash on" \
    log_has 'event=worker-degraded proc=ctrl crashes=6 delay_ms=4000 '
check "master still running" alive "$SEC_PID"
check "gre and auth untouched (pids $gre0, $auth0)" \
    sh -c "[ '$(worker_pid gre)' = '$gre0' ] && [ '$(worker_pid auth)' = '$auth0' ]"
ctl stats > "$SEC_DIR/stats" 2>&1
check "hpptpctl stats: worker ctrl: restarting in N s, crashes 8" \
    grep -q '^worker ctrl: restarting in [0-9]*s, restarts 8, crashes 8,' \
    "$SEC_DIR/stats"
grep '^worker' "$SEC_DIR/stats" | sed 's/^/# /'
check "hpptpctl stats: gre and auth up" \
    sh -c "grep -q '^worker gre: pid [0-9]*, up ' '$SEC_DIR/stats' &&
	grep -q '^worker auth: pid [0-9]*, up ' '$SEC_DIR/stats'"
ip netns exec "$CNS" timeout 20 "$PPTPC" "$SRV" alice alice-pass \
    > "$SEC_DIR/c0.out" 2> "$SEC_DIR/c0.err"
check "during the back-off: no login (client exit $?)" \
    sh -c "! grep -q '^up ' '$SEC_DIR/c0.out'"
check "during the back-off: the refusal is logged (ctrl-not-ready)" \
    log_has 'event=connection-refused peer=198.18.1.2 reason=ctrl-not-ready'
# 16 s back-off, then a new ctrl (bounded at 30 s)
check "after the back-off: ctrl ready again" \
    wait_until 300 sh -c "[ \$(grep -c '^hpptpd: ctrl ready' '$SEC_DIR/log') -ge 9 ]"
ip netns exec "$CNS" timeout 40 "$PPTPC" --ping 2 "$SRV" alice alice-pass \
    > "$SEC_DIR/c1.out" 2> "$SEC_DIR/c1.err"
rc=$?
check "after the back-off: a login comes up and pings (exit $rc)" \
    sh -c "[ $rc -eq 0 ] && grep -q '^up ' '$SEC_DIR/c1.out'"
[ $rc -eq 0 ] || sed 's/^/#   /' "$SEC_DIR/c1.err" | tail -5
check "after the back-off: event=session-up user=\"alice\"" \
    log_has 'event=session-up .*user="alice"'
check "master still running at the end" alive "$SEC_PID"
sec_finish
