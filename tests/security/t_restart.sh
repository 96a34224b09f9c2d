#!/bin/sh
# SIGKILL each worker in turn: master restarts it (time printed), logs
# event=worker-restart with status="signal 9", and the new worker is
# sandboxed again.  Two gre data workers (gre, gre1): each is restarted
# alone, the other keeps running.
. "$(dirname "$0")/lib.sh"
sec_init restart
sec_conf
echo "gre-workers 2" >> "$SEC_DIR/hpptpd.conf"
sec_start || { notok "daemon starts"; exit 1; }

for w in ctrl gre gre1 auth; do
	case $w in
	gre) other=gre1 ;;
	gre1) other=gre ;;
	*) other= ;;
	esac
	opid=
	[ -z "$other" ] || opid=$(worker_pid "$other") ||
	    notok "$other running before $w is killed"
	old=$(worker_pid "$w") || { notok "$w running"; continue; }
	before=$(log_count "event=worker-restart proc=$w ")
	t0=$(date +%s%N)
	kill -KILL "$old"
	# The issue asks for a restart within 1 s; the time is printed, not
	# asserted (a loaded CI machine is no measure), with 10 s as bound.
	if wait_until 100 worker_ready_again "$w" "$old"; then
		new=$(worker_pid "$w")
		ms=$((($(date +%s%N) - t0) / 1000000))
		ok "$w: restarted and ready (pid $old -> $new, ${ms} ms after the kill)"
		SEC_KIDS="$SEC_KIDS $new"
	else
		notok "$w: restarted and ready within 10 s"
		continue
	fi
	check "$w: old pid $old is gone" dead "$old"
	after=$(log_count "event=worker-restart proc=$w status=\"signal 9\"")
	check "$w: master logged event=worker-restart proc=$w status=\"signal 9\"" \
	    [ "$after" -gt "$before" ]
	check_sandboxed "$w" "$new"
	[ -z "$opid" ] || check "$w: the other data worker $other ran on (pid $opid)" \
	    [ "$(worker_pid "$other")" = "$opid" ]
done

check "master still running" alive "$SEC_PID"
check "still serving: TCP connect to 127.0.0.1:1723" tcp_connect 1723
sec_finish
