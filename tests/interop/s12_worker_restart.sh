#!/bin/sh
# Scenario 12: SIGKILL of a worker during a session.  The master must
# restart it (audit: worker-restart), clean up what it owned, and a new
# client must connect afterwards.  First hpptpd-ctrl, then hpptpd-gre.
# hpptpd only.
HPIT_TEST="s12 worker restart"
. "${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/interop/lib.sh"
if [ "${HPIT_SERVER:-hpptpd}" != hpptpd ]; then
	tap_skip "$HPIT_TEST" "hpptpd only (Poptop has no workers)"
	exit 0
fi
hpit_init
server_start
# Three clients boot together; c1 connects and holds, c2 and c3 wait
# for their turn.
guest_start c1 1 G_HOLD=100 G_LIFETIME=140
guest_start c2 2 G_WAIT_GO=1 G_HOLD=100 G_LIFETIME=140
guest_start c3 3 G_WAIT_GO=1 G_LIFETIME=140

restarted() { [ "$(server_log_count "event=worker-restart.*$1")" -gt "$2" ]; }
# respawned NAME OLD-PID: a process NAME other than OLD-PID runs.  The
# audit line is written when the old worker is reaped; the new one is
# forked on master's next loop and carries its name only once it has
# exec'd, so it may not exist yet when the line appears.
respawned() {
	_rp=$(hpptpd_pid_of "hpptpd-$1")
	[ -n "$_rp" ] && [ "$_rp" != "$2" ]
}

# kill_worker NAME CLIENT-TO-CONNECT-AFTER
kill_worker() {
	_w=$1 _next=$2
	_pid=$(hpptpd_pid_of "hpptpd-$_w")
	if ! check "$HPIT_TEST: hpptpd-$_w running" [ -n "$_pid" ]; then
		return 1
	fi
	_before=$(server_log_count "event=worker-restart.*$_w")
	kill -KILL "$_pid"
	wait_until 10 restarted "$_w" "$_before"
	check "$HPIT_TEST: audit worker-restart for $_w" \
	    [ "$(server_log_count "event=worker-restart.*$_w")" -gt "$_before" ]
	wait_until 10 respawned "$_w" "$_pid"
	_new=$(hpptpd_pid_of "hpptpd-$_w")
	check "$HPIT_TEST: a new hpptpd-$_w runs (pid ${_new:-none})" \
	    [ -n "$_new" -a "$_new" != "$_pid" ]
	# sandboxed and configured: master refuses new connections (ctrl)
	# or kicks new calls (gre) while the worker is not ready yet
	wait_until 10 server_log_grep "$_w ready \\(pid $_new\\)"
	guest_wait_file "$_next" booted 60
	guest_signal "$_next" go
	guest_wait_file "$_next" c.rc 60
	check "$HPIT_TEST: a client connects after the $_w restart (got $(guest_rc "$_next" c))" \
	    [ "$(guest_rc "$_next" c)" = 0 ]
}

guest_wait_file c1 held 90
check "$HPIT_TEST: first client up" [ "$(guest_rc c1 c)" = 0 ] ||
    { guest_report c1; server_report; exit 1; }
kill_worker ctrl c2
guest_wait_file c2 held 30
kill_worker gre c3
guest_signal c1 release
guest_signal c2 release
for c in c1 c2 c3; do guest_wait $c 40; done
if [ "$HPIT_FAILED" = 1 ]; then
	for c in c1 c2 c3; do guest_report $c; done
	server_report; exit 1
fi
