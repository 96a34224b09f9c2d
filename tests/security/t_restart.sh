#!/bin/sh
# SIGKILL each worker in turn: master restarts it within 1 s, logs
# event=worker-restart with status="signal 9", and the new worker is
# sandboxed again.
. "$(dirname "$0")/lib.sh"
sec_init restart
sec_conf
sec_start || { notok "daemon starts"; exit 1; }

for w in ctrl gre auth; do
	old=$(worker_pid "$w") || { notok "$w running"; continue; }
	before=$(log_count "event=worker-restart proc=$w ")
	kill -KILL "$old"
	# 1 s from the kill to a new, sandboxed worker that said ready
	if wait_until 10 worker_ready_again "$w" "$old"; then
		new=$(worker_pid "$w")
		ok "$w: restarted within 1 s (pid $old -> $new)"
		SEC_KIDS="$SEC_KIDS $new"
	else
		notok "$w: restarted within 1 s"
		continue
	fi
	check "$w: old pid $old is gone" dead "$old"
	after=$(log_count "event=worker-restart proc=$w status=\"signal 9\"")
	check "$w: master logged event=worker-restart proc=$w status=\"signal 9\"" \
	    [ "$after" -gt "$before" ]
	check_sandboxed "$w" "$new"
done

check "master still running" alive "$SEC_PID"
check "still serving: TCP connect to 127.0.0.1:1723" tcp_connect 1723
sec_finish
