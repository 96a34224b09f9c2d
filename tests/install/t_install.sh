#!/bin/sh
# make install / make uninstall as an operator runs them, into DESTDIR
# trees: the layout, owners and modes, the operator's configuration kept,
# PREFIX=/usr; then, in a mount namespace where /usr/local is the
# installed tree, the installed hpptpd serves from its installed paths,
# refuses a group-writable worker, refuses a taken port 1723 with a
# clear message, and speaks sd_notify (READY, RELOADING, STOPPING).
# uninstall removes the files and keeps the configuration.
[ -n "${HPI_MNTNS:-}" ] || {
	command -v unshare >/dev/null 2>&1 || {
		echo "ok - install # SKIP needs unshare"; exit 0; }
	HPI_MNTNS=1 exec unshare -m --propagation private sh "$0" "$@"
}
. "$HP_TOP/tests/security/lib.sh"
sec_init install
command -v python3 >/dev/null || skip_all "needs python3"

D=$SEC_DIR/dest
mk() { make -s --no-print-directory -C "$HP_TOP" "$@" > "$SEC_DIR/make.log" 2>&1; }
mode() { stat -c '%a %U:%G' "$1" 2>/dev/null; }

# ---- make install DESTDIR (PREFIX /usr/local) ---------------------------
check "make install DESTDIR=... exits 0" mk install DESTDIR="$D"
for f in sbin/hpptpd sbin/hpptpctl libexec/hpptpd/hpptpd-ctrl \
    libexec/hpptpd/hpptpd-gre libexec/hpptpd/hpptpd-auth; do
	check "/usr/local/$f: 0755 root:root (got $(mode "$D/usr/local/$f"))" \
	    [ "$(mode "$D/usr/local/$f")" = "755 root:root" ]
done
check "libexec/hpptpd: 0755 root:root" \
    [ "$(mode "$D/usr/local/libexec/hpptpd")" = "755 root:root" ]
check "no worker in sbin (master no longer execs beside itself)" \
    [ ! -e "$D/usr/local/sbin/hpptpd-ctrl" ]
for f in share/man/man8/hpptpd.8 share/man/man8/hpptpctl.8 \
    share/man/man5/hpptpd.conf.5 lib/systemd/system/hpptpd.service; do
	check "/usr/local/$f installed" [ -f "$D/usr/local/$f" ]
done
check "the unit starts /usr/local/sbin/hpptpd -F" grep -qx \
    'ExecStart=/usr/local/sbin/hpptpd -F $HPPTPD_OPTS' \
    "$D/usr/local/lib/systemd/system/hpptpd.service"
check "/etc/hpptpd.conf installed and valid (hpptpd -n)" \
    "$HP_BUILD/hpptpd" -n -f "$D/etc/hpptpd.conf" >/dev/null 2>&1
check "/etc/default/hpptpd installed" [ -f "$D/etc/default/hpptpd" ]
echo '# the operator was here' >> "$D/etc/hpptpd.conf"
echo 'HPPTPD_OPTS="-P /etc/pptpd.conf"' >> "$D/etc/default/hpptpd"
mk install DESTDIR="$D"
check "a second install keeps the operator's /etc/hpptpd.conf" \
    grep -q 'the operator was here' "$D/etc/hpptpd.conf"
check "... and /etc/default/hpptpd" grep -q '^HPPTPD_OPTS="-P' \
    "$D/etc/default/hpptpd"

# ---- PREFIX=/usr ----------------------------------------------------------
check "make install PREFIX=/usr DESTDIR=... exits 0" \
    mk install PREFIX=/usr DESTDIR="$SEC_DIR/usr"
check "PREFIX=/usr: workers in /usr/libexec/hpptpd" \
    [ -x "$SEC_DIR/usr/usr/libexec/hpptpd/hpptpd-gre" ]
check "PREFIX=/usr: the unit in /lib/systemd/system starts /usr/sbin/hpptpd" \
    grep -q '^ExecStart=/usr/sbin/hpptpd ' \
    "$SEC_DIR/usr/lib/systemd/system/hpptpd.service"

# ---- the installed daemon, from its installed paths -------------------
# (this process's own mount namespace: /usr/local is the DESTDIR tree)
mount --bind "$D/usr/local" /usr/local || { notok "bind /usr/local"; exit 1; }
sec_conf
if sec_start /usr/local/sbin; then
	ok "the installed /usr/local/sbin/hpptpd serves (all three workers ready)"
	for w in ctrl gre auth; do
		p=$(worker_pid $w)
		check "$w runs /usr/local/libexec/hpptpd/hpptpd-$w" [ \
		    "$(readlink "/proc/$p/exe")" = "/usr/local/libexec/hpptpd/hpptpd-$w" ]
	done
	check "TCP 1723 accepts" tcp_connect 1723
else
	notok "the installed hpptpd did not start"
fi
sec_stop_daemon

# a worker someone else could have replaced is not executed
chmod g+w /usr/local/libexec/hpptpd/hpptpd-gre
: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" /usr/local/sbin/hpptpd -d -f "$SEC_DIR/hpptpd.conf" \
    >> "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
wait_until 50 dead "$SEC_PID"
check "a group-writable worker: master exits" dead "$SEC_PID"
wait "$SEC_PID"; rc=$?
SEC_PID=
check "... with status 1 (got $rc)" [ "$rc" = 1 ]
check "... logging event=worker-refused with file and mode" log_has \
    'event=worker-refused bin=hpptpd-gre not executing /usr/local/libexec/hpptpd/hpptpd-gre: mode 0775 is group-writable'
check "... and starting no worker" [ "$(log_count ' ready \(pid')" = 0 ]
chmod g-w /usr/local/libexec/hpptpd/hpptpd-gre

# ---- port 1723 taken (Poptop still running) -------------------------------
ip netns exec "$SEC_NS" python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 1723)); s.listen(1); print("held", flush=True)
time.sleep(30)' > "$SEC_DIR/holder" 2>&1 &
holder=$!
wait_until 50 grep -q held "$SEC_DIR/holder"
: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" timeout 20 /usr/local/sbin/hpptpd -d \
    -f "$SEC_DIR/hpptpd.conf" >> "$SEC_DIR/log" 2>&1
rc=$?
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check "port 1723 held by another process: exit 1 (got $rc)" [ "$rc" = 1 ]
check "... saying so and how to stop Poptop" log_has \
    "TCP port 1723 on 127.0.0.1 is in use by another process .*systemctl disable --now pptpd"

# ---- sd_notify: READY=1 once serving, RELOADING=1/READY=1, STOPPING=1 -----
python3 -c '
import os, socket, sys
p = sys.argv[1]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(p)
s.settimeout(30)
with open(sys.argv[2], "a") as f:
    while True:
        try: m = s.recv(4096).decode()
        except socket.timeout: break
        f.write(m.replace("\n", " ") + "\n"); f.flush()
        if "STOPPING=1" in m: break' "$SEC_DIR/notify" "$SEC_DIR/notes" &
rcv=$!
wait_until 50 test -S "$SEC_DIR/notify"
: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" env NOTIFY_SOCKET="$SEC_DIR/notify" \
    /usr/local/sbin/hpptpd -d -f "$SEC_DIR/hpptpd.conf" >> "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
notes() { grep -c "$1" "$SEC_DIR/notes" 2>/dev/null; }
wait_until 100 grep -q READY=1 "$SEC_DIR/notes"
check "READY=1 STATUS=serving sent" grep -q '^READY=1 STATUS=serving MAINPID=' \
    "$SEC_DIR/notes"
check "... after the workers were ready and 1723 listening" all_ready
check "... and the workers do not see NOTIFY_SOCKET" sh -c \
    "! grep -q NOTIFY_SOCKET /proc/$(worker_pid ctrl)/environ"
kill -HUP "$SEC_PID"
wait_until 50 [ "$(notes READY=1)" -ge 2 ]
check "SIGHUP: RELOADING=1, then READY=1 'reloaded'" sh -c \
    "grep -A1 '^RELOADING=1 STATUS=reloading MONOTONIC_USEC=[0-9]' '$SEC_DIR/notes' |
    grep -q '^READY=1 STATUS=serving; reloaded'"
echo 'no such keyword' >> "$SEC_DIR/hpptpd.conf"
kill -HUP "$SEC_PID"
wait_until 50 [ "$(notes READY=1)" -ge 3 ]
check "SIGHUP on a broken file: READY=1 'reload failed, old configuration kept'" \
    grep -q '^READY=1 STATUS=serving; reload failed, old configuration kept' \
    "$SEC_DIR/notes"
kill -TERM "$SEC_PID"
wait_until 50 grep -q STOPPING=1 "$SEC_DIR/notes"
check "SIGTERM: STOPPING=1" grep -q '^STOPPING=1' "$SEC_DIR/notes"
sec_stop_daemon
kill "$rcv" 2>/dev/null; wait "$rcv" 2>/dev/null
sed -i '$d' "$SEC_DIR/hpptpd.conf"

# -F: foreground (the pid systemd started stays master), logs to syslog
ip netns exec "$SEC_NS" /usr/local/sbin/hpptpd -F -f "$SEC_DIR/hpptpd.conf" \
    > "$SEC_DIR/log.F" 2>&1 &
SEC_PID=$!
has_auth() { pgrep -P "$SEC_PID" -x hpptpd-auth >/dev/null; }
check "-F: stays in the foreground and spawns the workers" wait_until 50 has_auth
check "-F: nothing on stderr (it logs to syslog)" [ ! -s "$SEC_DIR/log.F" ]
sec_stop_daemon
umount /usr/local

# PREFIX=/usr's hpptpd execs from /usr/libexec/hpptpd (bound here only)
mount --bind "$SEC_DIR/usr/usr/libexec" /usr/libexec || notok "bind /usr/libexec"
if sec_start "$SEC_DIR/usr/usr/sbin"; then
	check "PREFIX=/usr: gre runs /usr/libexec/hpptpd/hpptpd-gre" [ \
	    "$(readlink "/proc/$(worker_pid gre)/exe")" = /usr/libexec/hpptpd/hpptpd-gre ]
else
	notok "PREFIX=/usr: hpptpd did not start"
fi
sec_stop_daemon
umount /usr/libexec

# ---- make uninstall ----------------------------------------------------------
check "make uninstall DESTDIR=... exits 0" mk uninstall DESTDIR="$D"
check "uninstall removed binaries, workers, pages and the unit" sh -c \
    "[ -z \"\$(find '$D/usr/local' -type f)\" ]"
check "uninstall removed the empty libexec/hpptpd" \
    [ ! -e "$D/usr/local/libexec/hpptpd" ]
check "uninstall kept /etc/hpptpd.conf (with the operator's line)" \
    grep -q 'the operator was here' "$D/etc/hpptpd.conf"
check "uninstall kept /etc/default/hpptpd" [ -f "$D/etc/default/hpptpd" ]
[ "$SEC_FAILS" -eq 0 ]
