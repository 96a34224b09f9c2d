#!/bin/sh
# Malformed IPC from each worker (test-hook build): a type it may not
# send, a short payload, a long payload, a field out of range.  Master
# logs event=ipc-violation with the validator's reason, the worker is
# gone and replaced, and the daemon keeps serving TCP 1723.
. "$(dirname "$0")/lib.sh"
sec_init ipc
[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
sec_conf
sec_start "$HP_TEST_BUILD" || { notok "test-hook daemon starts"; exit 1; }

# hook number (N mod 10), what the worker sends, the reason master logs
cases='2:wrong-type:type=ctrl-config reason="message not permitted"
3:short:type=ready reason="bad message size"
4:long:type=ready reason="bad message size"
5:out-of-range:type=log reason="bad message field"'

base=0
for w in ctrl gre auth; do
	echo "$cases" | while IFS=: read -r h what expect; do
		old=$(worker_pid "$w") || { notok "$w running"; continue; }
		pat="event=ipc-violation proc=$w $expect"
		before=$(log_count "$pat")
		restarts=$(log_count "event=worker-restart proc=$w status=\"signal 9\"")
		send_hook $((base + h))
		check "$w $what: master logs '$pat'" \
		    wait_until 100 sh -c "[ \$(grep -cF -- '$pat' '$SEC_DIR/log') -gt $before ]"
		check "$w $what: old worker (pid $old) is gone" \
		    wait_until 100 dead "$old"
		# killed by master (SIGKILL), not merely left to exit
		check "$w $what: killed: event=worker-restart proc=$w status=\"signal 9\"" \
		    wait_until 100 sh -c "[ \$(grep -c 'event=worker-restart proc=$w status=\"signal 9\"' '$SEC_DIR/log') -gt $restarts ]"
		# back-off grows with each fast crash (0, 250, 500, 1000 ms)
		if wait_until 150 worker_ready_again "$w" "$old"; then
			new=$(worker_pid "$w")
			ok "$w $what: restarted (pid $old -> $new)"
			check "$w $what: new worker sandboxed (Seccomp 2, uid $(status_field "$new" Uid))" \
			    sh -c "[ '$(status_field "$new" Seccomp)' = 2 ] && [ '$(status_field "$new" Uid)' != 0 ]"
		else
			notok "$w $what: restarted"
		fi
		check "$w $what: still serving: TCP connect to 127.0.0.1:1723" \
		    tcp_connect 1723
	done > "$SEC_DIR/tap.$w"
	cat "$SEC_DIR/tap.$w"
	base=$((base + 10))
done

SEC_FAILS=$(cat "$SEC_DIR"/tap.* | grep -c '^not ok')
check "master still running" alive "$SEC_PID"
nw=$(sec_nworkers)
check "exactly the $nw workers running at the end (ctrl, auth, gre-workers)" \
    sh -c "pgrep -P $SEC_PID | wc -l | grep -qx $nw"
sec_finish
