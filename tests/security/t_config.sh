#!/bin/sh
# Configuration errors name file and line and start nothing; a secrets
# file anyone but root can read (or that root does not own), or one
# without a valid entry, is refused
# with a log line naming the file and its mode.
. "$(dirname "$0")/lib.sh"
sec_init config
sec_conf

contains() { printf '%s\n' "$1" | grep -qF -- "$2"; }

# -n: check only.  Line 2 is wrong.
cat > "$SEC_DIR/bad.conf" <<EOF
secrets "$SEC_DIR/chap-secrets"
mtu 99999
EOF
out=$(cd "$SEC_DIR" && timeout 10 "$HP_BUILD/hpptpd" -n -f bad.conf 2>&1)
rc=$?
check "hpptpd -n -f bad.conf exits non-zero (rc $rc)" [ "$rc" -ne 0 ]
check "its output names file and line (bad.conf:2:)" \
    contains "$out" 'bad.conf:2:'

cat > "$SEC_DIR/bad2.conf" <<EOF
listen on 127.0.0.1 port 1723
frobnicate yes
EOF
out=$(cd "$SEC_DIR" && timeout 10 "$HP_BUILD/hpptpd" -n -f bad2.conf 2>&1)
rc=$?
check "unknown keyword: exits non-zero (rc $rc)" [ "$rc" -ne 0 ]
check "unknown keyword: output names bad2.conf:2:" contains "$out" 'bad2.conf:2:'

out=$(timeout 10 "$HP_BUILD/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" 2>&1)
rc=$?
check "hpptpd -n -f good.conf exits 0 (rc $rc)" [ "$rc" -eq 0 ]

# daemon_once SECS: run the daemon in the foreground on hpptpd.conf with a
# fresh log, for at most SECS (124: it was still running); its status.
daemon_once() {
	: > "$SEC_DIR/log"
	timeout "$1" ip netns exec "$SEC_NS" "$HP_BUILD/hpptpd" -d \
	    -f "$SEC_DIR/hpptpd.conf" >> "$SEC_DIR/log" 2>&1
}

# Secrets ownership: with each bad file the daemon refuses to start, and
# its log names the file, its mode and owner.
# refuse_start MODE OWNER PATTERN
refuse_start() {
	_mode=$1
	_owner=$2
	sec_conf "$_mode"
	chown "$_owner" "$SEC_DIR/chap-secrets"
	_uid=$(stat -c %u "$SEC_DIR/chap-secrets")
	daemon_once 20
	_rc=$?
	check "secrets mode 0$_mode uid $_uid: refuses to start (rc $_rc)" \
	    [ "$_rc" -ne 0 -a "$_rc" -ne 124 ]
	check "secrets mode 0$_mode uid $_uid: log names file, mode and owner" \
	    log_has "secrets file $SEC_DIR/chap-secrets: refused: mode 0$_mode owner uid $_uid"
	check "secrets mode 0$_mode uid $_uid: nothing started" \
	    sh -c "! grep -q 'entries loaded\\|ready (pid' '$SEC_DIR/log'"
}
ns_exists || { ip netns add "$SEC_NS" && ip netns exec "$SEC_NS" ip link set lo up; }
refuse_start 644 0:0		# world readable
refuse_start 640 0:0		# group readable (not allowed by default)
refuse_start 604 0:0		# world readable only
refuse_start 644 _hpptpd:0	# owned by someone else
# Owned by someone else and 0600: master cannot even open it (no
# CAP_DAC_OVERRIDE), and says why all the same.
refuse_start 600 _hpptpd:0

# A symbolic link (O_NOFOLLOW) and a directory: refused, saying why.
sec_conf 600
mv "$SEC_DIR/chap-secrets" "$SEC_DIR/chap-secrets.real"
ln -s "$SEC_DIR/chap-secrets.real" "$SEC_DIR/chap-secrets"
daemon_once 20
rc=$?
check "secrets file a symlink: refuses to start (rc $rc), says so" \
    sh -c "[ $rc -ne 0 -a $rc -ne 124 ] &&
    grep -q 'chap-secrets: refused: a symbolic link' '$SEC_DIR/log'"
rm -f "$SEC_DIR/chap-secrets" "$SEC_DIR/chap-secrets.real"
mkdir "$SEC_DIR/chap-secrets"
daemon_once 20
rc=$?
check "secrets file a directory: refuses to start (rc $rc), says so" \
    sh -c "[ $rc -ne 0 -a $rc -ne 124 ] &&
    grep -q 'chap-secrets: refused: not a regular file (mode 040' '$SEC_DIR/log'"
rmdir "$SEC_DIR/chap-secrets"

# A file without a valid entry: refused too.
sec_conf 600
printf '# nobody\n' > "$SEC_DIR/chap-secrets"
daemon_once 30
rc=$?
check "secrets without a valid entry: refuses to start (rc $rc)" \
    [ "$rc" -ne 0 -a "$rc" -ne 124 ]
check "secrets without a valid entry: log says so" \
    log_has "no valid entry; not starting"

# The same with NAT on: the masquerade table does not outlive the
# daemon that gave up (nat is set up before the secrets are parsed).
if [ -x /usr/sbin/nft ]; then
	printf 'nat on "lo"\n' >> "$SEC_DIR/hpptpd.conf"
	daemon_once 30
	check "nat on, no valid secret: refuses to start, NAT table removed" \
	    sh -c "grep -q 'nat: masquerading' '$SEC_DIR/log' &&
	    grep -q 'nat: table ip hpptpd removed' '$SEC_DIR/log' &&
	    ! ip netns exec '$SEC_NS' nft list table ip hpptpd >/dev/null 2>&1"
	sec_conf 600
fi

# And the same file done right is loaded.
sec_conf 600
sec_start || notok "daemon starts (good secrets)"
check "root-owned 0600 secrets: loaded" \
    wait_until 100 log_has "chap-secrets: 1 entries loaded"

# SIGHUP with a configuration that has an error: the errors are logged
# and the old configuration stays (the daemon keeps serving).
cp "$SEC_DIR/hpptpd.conf" "$SEC_DIR/good.conf"
printf 'mtu 99999\n' >> "$SEC_DIR/hpptpd.conf"
kill -HUP "$SEC_PID"
check "SIGHUP with a bad config: its error and 'keeping the old configuration' logged" \
    wait_until 100 sh -c "grep -q 'hpptpd.conf:5: mtu' '$SEC_DIR/log' &&
    grep -q 'has errors; keeping the old configuration' '$SEC_DIR/log'"
check "SIGHUP with a bad config: still serving" tcp_connect 1723
cp "$SEC_DIR/good.conf" "$SEC_DIR/hpptpd.conf"

# Two reloads close together: the second comes while auth still parses
# the first one's secrets (a large file makes that take a while).  auth
# answers each load once; master sends the second load after the first
# answer instead of taking that answer for a violation and killing auth.
awk 'BEGIN { for (i = 0; i < 60000; i++)
	printf "\"user%d\" pptpd \"password-%d\" *\n", i, i }' \
    > "$SEC_DIR/chap-secrets"
auth0=$(worker_pid auth)
n0=$(log_count "chap-secrets: 60000 entries loaded")
nr=$(log_count "reloading ")
kill -HUP "$SEC_PID"
# the second after master took the first (signals would merge), while
# auth parses: its 60000 NT hashes take a while
reloading() { [ "$(log_count "reloading ")" -gt "$nr" ]; }
wait_until 100 reloading
kill -HUP "$SEC_PID"
check "two SIGHUPs in a row: both loads done (60000 entries twice)" \
    wait_until 200 sh -c "[ \$(grep -c 'chap-secrets: 60000 entries loaded' '$SEC_DIR/log') -ge $((n0 + 2)) ]"
auth1=$(worker_pid auth)
check "two SIGHUPs in a row: no ipc-violation, auth not restarted (pid $auth0 -> $auth1)" \
    sh -c "! grep -q 'event=ipc-violation' '$SEC_DIR/log' && [ '$auth1' = '$auth0' ]"
sec_stop_daemon

sec_finish
