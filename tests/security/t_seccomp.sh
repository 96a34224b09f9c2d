#!/bin/sh
# A forbidden syscall kills a worker with SIGSYS (seccomp kill-process),
# for each worker, and master restarts it.  Uses the test-hook build
# ($HP_TEST_BUILD, make TEST_HOOKS=1): SIGRTMIN+N to master makes a worker
# call socket(2) (N = 1 ctrl, 11 gre, 21 auth).  Release binaries must
# not contain the hook.
. "$(dirname "$0")/lib.sh"
sec_init seccomp

# Release binaries carry no hook: neither master's signal handling nor
# the workers' misbehaviour.
for b in hpptpd hpptpd-ctrl hpptpd-gre hpptpd-auth; do
	if [ ! -f "$HP_BUILD/$b" ]; then
		notok "release $b exists"
	elif strings "$HP_BUILD/$b" | grep -qi "test hook"; then
		notok "release $b contains no test hook"
	else
		ok "release $b contains no test hook"
	fi
done
check "the test-hook master does contain it (the check above can fail)" \
    sh -c "strings '$HP_TEST_BUILD/hpptpd' | grep -q 'test hook'"

[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
sec_conf
sec_start "$HP_TEST_BUILD" || { notok "test-hook daemon starts"; exit 1; }

for wn in ctrl:1 gre:11 auth:21; do
	w=${wn%%:*}
	n=${wn#*:}
	old=$(worker_pid "$w") || { notok "$w running"; continue; }
	before=$(log_count "event=worker-restart proc=$w status=\"signal 31\"")
	send_hook "$n"
	check "$w: master sent the hook (test hook 1 for $w)" \
	    wait_until 100 log_has "test hook 1 for $w\$"
	check "$w: died with SIGSYS: event=worker-restart proc=$w status=\"signal 31\"" \
	    wait_until 100 sh -c "[ \$(grep -c 'event=worker-restart proc=$w status=\"signal 31\"' '$SEC_DIR/log') -gt $before ]"
	check "$w: old pid $old is gone" dead "$old"
	if wait_until 100 worker_ready_again "$w" "$old"; then
		new=$(worker_pid "$w")
		SEC_KIDS="$SEC_KIDS $new"
		ok "$w: restarted (pid $old -> $new)"
		check "$w: new worker is under seccomp again" \
		    [ "$(status_field "$new" Seccomp)" = 2 ]
	else
		notok "$w: restarted"
	fi
done

check "master still running" alive "$SEC_PID"
check "still serving: TCP connect to 127.0.0.1:1723" tcp_connect 1723
sec_finish
