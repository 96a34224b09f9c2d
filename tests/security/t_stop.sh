#!/bin/sh
# SIGTERM stops everything cleanly: master and all its workers (ctrl,
# auth, the gre data workers) gone within 3 s, and the tun devices
# (hpptp0, hpptp0-1, ...) removed from the namespace.
. "$(dirname "$0")/lib.sh"
sec_init stop
sec_conf
sec_start || { notok "daemon starts"; exit 1; }

tun_present() { ip netns exec "$SEC_NS" ip link show hpptp0 >/dev/null 2>&1; }
check "hpptp0 exists while running" tun_present

procs="$SEC_PID $SEC_KIDS"
all_gone() {
	for _p in $procs; do
		alive "$_p" && return 1
	done
	return 0
}
kill -TERM "$SEC_PID"
if wait_until 30 all_gone; then
	ok "SIGTERM: all processes gone within 3 s ($procs)"
else
	left=
	for p in $procs; do alive "$p" && left="$left $p"; done
	notok "SIGTERM: all processes gone within 3 s (left:$left)"
fi
wait "$SEC_PID" 2>/dev/null
rc=$?
check "master exits 0 on SIGTERM (rc $rc)" [ "$rc" -eq 0 ]
SEC_PID=
check "hpptp0 removed from the namespace" sh -c "! ip netns exec '$SEC_NS' ip link show hpptp0 >/dev/null 2>&1"
check "no hpptp0-k left either" sh -c "! ip netns exec '$SEC_NS' ip -o link show | grep -q 'hpptp0-'"
check "log says stopped" log_has "^hpptpd: stopped$"
check "no worker died of a signal on the way out" \
    sh -c "! grep -q 'event=worker-restart' '$SEC_DIR/log'"
sec_finish
