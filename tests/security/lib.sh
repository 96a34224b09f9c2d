# hpptpd security tests: shared helpers (POSIX sh; sourced, not run).
#
# Each t_*.sh test is self-contained: it calls sec_init with its own
# name, which makes a temporary directory and names a network namespace
# unique to this run, and installs a trap that stops the daemon it
# started (by pid, never by name), deletes the namespace and removes the
# directory, whatever way the test ends.  Every wait is bounded.
#
# Environment (from `make check` / tests/run-all.sh):
#   HP_BUILD       release binaries (hpptpd and hpptpd-{ctrl,gre,auth})
#   HP_TEST_BUILD  the same built with TEST_HOOKS=1
#   HP_TOP         the source tree (SECURITY.md)

: "${HP_BUILD:?HP_BUILD not set}"
: "${HP_TOP:?HP_TOP not set}"
: "${HP_TEST_BUILD:=}"

SEC_NAME=
SEC_DIR=
SEC_NS=
SEC_PID=
SEC_KIDS=
SEC_FAILS=0
SEC_CHROOT=/var/empty

ok() { echo "ok - $SEC_NAME: $*"; }
notok() { echo "not ok - $SEC_NAME: $*"; SEC_FAILS=$((SEC_FAILS + 1)); }
# check DESCRIPTION COMMAND...: one TAP line from a command's status
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else notok "$_d"; fi
}
skip_all() { echo "ok - $SEC_NAME # SKIP $*"; exit 0; }
diag() { echo "# $*"; }

sec_cleanup() {
	trap - EXIT INT TERM HUP
	sec_stop_daemon
	if [ -n "$SEC_NS" ] && ns_exists; then
		ip netns del "$SEC_NS" 2>/dev/null
	fi
	[ -n "$SEC_DIR" ] && rm -rf "$SEC_DIR"
}

ns_exists() {
	ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qxF "$SEC_NS"
}

# sec_init NAME: root check, temp dir, namespace name, cleanup trap.
sec_init() {
	SEC_NAME=$1
	[ "$(id -u)" -eq 0 ] || skip_all "needs root (network namespaces)"
	command -v ip >/dev/null 2>&1 || skip_all "needs iproute2"
	[ -x "$HP_BUILD/hpptpd" ] || skip_all "no $HP_BUILD/hpptpd (run make)"
	id _hpptpd >/dev/null 2>&1 || skip_all "no user _hpptpd (make deps)"
	[ -d "$SEC_CHROOT" ] || skip_all "no $SEC_CHROOT (make deps)"
	SEC_DIR=$(mktemp -d "/tmp/hpsec-$1.XXXXXX") || exit 1
	SEC_NS="hpsec-$1-$$"
	trap 'sec_cleanup' EXIT
	trap 'sec_cleanup; exit 1' INT TERM HUP
}

# sec_conf [SECRETS_MODE]: a config listening on 127.0.0.1 with a
# root-owned secrets file (0600 unless told otherwise) and a control
# socket of its own (the default /run/hpptpd.sock is shared by every
# daemon on the machine).
sec_conf() {
	printf '"alice" pptpd "not-a-real-password" *\n' > "$SEC_DIR/chap-secrets"
	chown 0:0 "$SEC_DIR/chap-secrets"
	chmod "${1:-600}" "$SEC_DIR/chap-secrets"
	cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/$SEC_NAME
listen on 127.0.0.1 port 1723
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
EOF
}

# Tests with a client namespace: the caller names it in CNS (unique to
# the run) and adds the pids of clients it starts in the background to
# CLIENT_PIDS.  sec_client_traps, after sec_init, makes the cleanup kill
# those clients and delete $CNS before sec_cleanup.
sec_client_cleanup() {
	for _p in $CLIENT_PIDS; do
		alive "$_p" && kill -KILL "$_p" 2>/dev/null
	done
	if ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qxF "$CNS"
	then
		ip netns del "$CNS" 2>/dev/null
	fi
	sec_cleanup
}
sec_client_traps() {
	trap 'sec_client_cleanup' EXIT
	trap 'sec_client_cleanup; exit 1' INT TERM HUP
}

# sec_pptpc: the native client (tests/tools/pptpc.c) built beside the
# daemon, its path in PPTPC; make rebuilds it when the code it links
# changed (a stale one misleads).  Fails with a TAP line and the make
# output when it cannot be built.
sec_pptpc() {
	PPTPC=$HP_BUILD/tools/pptpc
	_san=
	[ "$(basename "$HP_BUILD")" = build-san ] && _san=SAN=1
	if ! (cd "$HP_TOP" && make --no-print-directory $_san \
	    "$(basename "$HP_BUILD")/tools/pptpc") > "$SEC_DIR/make.log" \
	    2>&1 || [ ! -x "$PPTPC" ]; then
		notok "build $PPTPC"
		sed 's/^/#   /' "$SEC_DIR/make.log"
		return 1
	fi
}

# cli_bg NAME ARGS...: the native client ($PPTPC) with ARGS in $CNS, in
# the background, its output in $SEC_DIR/NAME.out and .err, its pid in
# cpid and CLIENT_PIDS.  (The RADIUS tests bound theirs with timeout:
# they define their own.)  is_up NAME: that client said it is up.
cli_bg() {
	_n=$1
	shift
	ip netns exec "$CNS" "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err" &
	cpid=$!
	CLIENT_PIDS="$CLIENT_PIDS $cpid"
}
is_up() { grep -q '^up ' "$SEC_DIR/$1.out" 2>/dev/null; }

# sec_veth TAG SRV CLI: namespaces $SEC_NS (the server's) and $CNS (the
# clients') joined by a veth pair, TAG$$s with SRV/24 in $SEC_NS and
# TAG$$c with CLI/24 in $CNS, both and loopback up.  Fails with a TAP
# line naming the step that failed.
sec_veth() {
	ip netns add "$SEC_NS" || { notok "ip netns add $SEC_NS"; return 1; }
	ip netns add "$CNS" || { notok "ip netns add $CNS"; return 1; }
	ip link add "$1$$s" type veth peer name "$1$$c" &&
	    ip link set "$1$$s" netns "$SEC_NS" &&
	    ip link set "$1$$c" netns "$CNS" &&
	    ip -n "$SEC_NS" addr add "$2/24" dev "$1$$s" &&
	    ip -n "$SEC_NS" link set "$1$$s" up &&
	    ip -n "$SEC_NS" link set lo up &&
	    ip -n "$CNS" addr add "$3/24" dev "$1$$c" &&
	    ip -n "$CNS" link set "$1$$c" up &&
	    ip -n "$CNS" link set lo up || { notok "veth pair"; return 1; }
}

# wait_until TENTHS COMMAND...: poll every 0.1 s, at most TENTHS times.
wait_until() {
	_n=$1
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	"$@"
}

# alive PID: the process exists and is not a zombie.
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	_st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -n "$_st" ] && [ "$_st" != Z ] && [ "$_st" != X ]
}
dead() { ! alive "$1"; }

# log_has PATTERN: the daemon's log has a line matching (grep -E).
log_has() { grep -Eq -- "$1" "$SEC_DIR/log" 2>/dev/null; }
log_count() { grep -Ec -- "$1" "$SEC_DIR/log" 2>/dev/null; }

# worker_pid NAME: pid of master's child running hpptpd-NAME.
worker_pid() {
	for _p in $(pgrep -P "$SEC_PID" 2>/dev/null); do
		alive "$_p" || continue
		if [ "$(cat "/proc/$_p/comm" 2>/dev/null)" = "hpptpd-$1" ]; then
			echo "$_p"
			return 0
		fi
	done
	return 1
}

# sec_nworkers: how many workers the daemon of $SEC_DIR/hpptpd.conf
# runs: ctrl, auth and its gre-workers data workers (hpptpd -n says how
# many; the default is one per CPU).
sec_nworkers() {
	_g=$("$HP_BUILD/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" 2>/dev/null |
	    sed -n 's/^gre-workers //p')
	echo $((2 + ${_g:-1}))
}

# A worker is up again: a new pid (not OLD) and its ready line logged
# after SKIP earlier ready lines.
worker_ready_again() {
	_np=$(worker_pid "$1") || return 1
	[ "$_np" != "$2" ] &&
	    [ "$(log_count "^hpptpd: $1 ready \\(pid $_np\\)")" -ge 1 ]
}
all_ready() {
	log_has "ctrl ready" && log_has "gre ready" && log_has "auth ready" &&
	    [ "$(log_count '^hpptpd: [a-z]+[0-9]* ready \(pid')" -ge \
	    "${SEC_NW:-3}" ]
}

# sec_start [BUILD_DIR]: namespace, loopback up, daemon in the
# foreground logging to $SEC_DIR/log, wait (5 s max) for all workers.
sec_start() {
	_bin=${1:-$HP_BUILD}/hpptpd
	if ! ns_exists; then
		ip netns add "$SEC_NS" || { notok "ip netns add"; exit 1; }
		ip netns exec "$SEC_NS" ip link set lo up
	fi
	: > "$SEC_DIR/log"
	# ip netns exec execs the command: $! is master's own pid
	ip netns exec "$SEC_NS" "$_bin" -d -f "$SEC_DIR/hpptpd.conf" \
	    >> "$SEC_DIR/log" 2>&1 &
	SEC_PID=$!
	SEC_NW=$(sec_nworkers)
	if ! wait_until 200 all_ready; then
		diag "daemon did not come up; log:"
		sed 's/^/#   /' "$SEC_DIR/log"
		return 1
	fi
	SEC_KIDS=$(pgrep -P "$SEC_PID" | tr '\n' ' ')
	return 0
}

# Stop the daemon we started: SIGTERM, 3 s, then SIGKILL to master and
# the workers it had (each by pid).
sec_stop_daemon() {
	[ -n "$SEC_PID" ] || return 0
	_kids="$SEC_KIDS $(pgrep -P "$SEC_PID" 2>/dev/null)"
	if alive "$SEC_PID"; then
		kill -TERM "$SEC_PID" 2>/dev/null
		wait_until 30 dead "$SEC_PID"
	fi
	for _p in "$SEC_PID" $_kids; do
		alive "$_p" && kill -KILL "$_p" 2>/dev/null
	done
	wait "$SEC_PID" 2>/dev/null
	SEC_PID=
	SEC_KIDS=
}

# tcp_connect PORT: a TCP connect to 127.0.0.1:PORT in the namespace.
tcp_connect() {
	ip netns exec "$SEC_NS" timeout 3 perl -MIO::Socket::INET -e \
	    'IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $ARGV[0],
	    Proto => "tcp", Timeout => 2) or exit 1' "$1"
}

# send_hook N: SIGRTMIN+N to master (test-hook builds).  procps kill:
# dash's builtin knows only a few RTMIN+N.
send_hook() {
	env kill -s "RTMIN+$1" "$SEC_PID"
}

# status_field PID FIELD: the first value of FIELD in /proc/PID/status.
status_field() {
	awk -v f="$2:" '$1 == f { print $2; exit }' "/proc/$1/status" 2>/dev/null
}

# sandboxed NAME PID: the /proc checks of SECURITY.md ("Processes") for
# one worker, one TAP line each.
check_sandboxed() {
	_w=$1
	_p=$2
	check "$_w (pid $_p): Seccomp 2 (filter)" \
	    [ "$(status_field "$_p" Seccomp)" = 2 ]
	check "$_w: NoNewPrivs 1" [ "$(status_field "$_p" NoNewPrivs)" = 1 ]
	check "$_w: CapEff 0" \
	    [ "$(status_field "$_p" CapEff)" = 0000000000000000 ]
	check "$_w: CapPrm 0" \
	    [ "$(status_field "$_p" CapPrm)" = 0000000000000000 ]
	_uids=$(awk '$1 == "Uid:" { print $2, $3, $4, $5 }' \
	    "/proc/$_p/status" 2>/dev/null)
	check "$_w: real, effective, saved and fs uid not 0 ($_uids)" \
	    uids_unprivileged "$_uids"
	check "$_w: root directory is $SEC_CHROOT" \
	    [ "$(readlink "/proc/$_p/root" 2>/dev/null)" = "$SEC_CHROOT" ]
}
uids_unprivileged() {
	[ -n "$1" ] || return 1
	for _u in $1; do
		[ "$_u" != 0 ] || return 1
	done
	return 0
}

sec_finish() {
	[ "$SEC_FAILS" -eq 0 ]
}
