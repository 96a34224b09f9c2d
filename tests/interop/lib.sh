# hpptpd interop harness library (POSIX sh; source it, do not run it).
#
# A test made of this library owns, for its lifetime:
#   - a temp dir $HPIT_TMP (results, rendered configs, logs),
#   - a network namespace $HPIT_NS with a bridge br0 = 192.0.2.1/24
#     (the address hpptpd serves on) and one tap device per guest,
#   - User-Mode Linux guests (clients running Debian's pppd + pptp, or
#     Poptop's pptpd as a reference server), guest i at 192.0.2.(10+i),
#   - optionally hpptpd itself, running natively inside the namespace.
# hpit_cleanup (run by the EXIT trap, also on failure or Ctrl-C) kills
# exactly those processes, deletes the namespace and the temp dir.
# Every wait is bounded.  See tests/interop/README for a walk-through.
#
# Environment: HP_TOP (source tree), HP_BUILD (binaries, default
# $HP_TOP/build), HPIT_KEEP=1 keeps the temp dir for inspection,
# HPIT_VERBOSE=1 prints progress as TAP comments.

: "${HP_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${HP_BUILD:=$HP_TOP/build}"
HPIT_DIR=$HP_TOP/tests/interop
HPIT_UML=${HPIT_UML:-linux.uml}
HPIT_MEM=${HPIT_MEM:-192M}
HPIT_NS=
HPIT_TMP=
HPIT_SRV_PID=
HPIT_FAILED=0
export HP_TOP HP_BUILD

# ---------------------------------------------------------------- TAP

diag() { printf '# %s\n' "$*"; }
vdiag() { [ "${HPIT_VERBOSE:-0}" = 1 ] && diag "$@"; return 0; }
tap_ok() { printf 'ok - %s\n' "$*"; }
tap_notok() { printf 'not ok - %s\n' "$*"; HPIT_FAILED=1; }
tap_skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2"; }
# check NAME COMMAND...: one TAP line from a command's status.
check() {
	_ck_name=$1; shift
	if "$@"; then tap_ok "$_ck_name"; else tap_notok "$_ck_name"; return 1; fi
}
# num_le A B: A is a number and A <= B.
num_le() {
	case $1 in ''|*[!0-9]*) return 1 ;; esac
	[ "$1" -le "$2" ]
}
# excerpt FILE [LINES]: the tail of a log as TAP comments.
excerpt() {
	[ -f "$1" ] || { diag "($1: missing)"; return 0; }
	diag "--- ${1#"$HPIT_TMP"/} (last ${2:-25} lines)"
	tail -n "${2:-25}" "$1" | sed 's/^/#   /'
}

# hpit_skip_reason: prints why this machine cannot run the suite, or
# nothing if it can.
hpit_skip_reason() {
	if [ "$(id -u)" != 0 ]; then echo "not root"; return; fi
	if [ ! -c /dev/net/tun ]; then echo "no /dev/net/tun"; return; fi
	if ! command -v "$HPIT_UML" >/dev/null 2>&1; then
		echo "no $HPIT_UML (apt-get install user-mode-linux)"; return
	fi
	for c in ip pppd pptp iperf3 timeout setsid unshare; do
		command -v "$c" >/dev/null 2>&1 ||
		    { echo "no $c installed"; return; }
	done
	[ -d /usr/lib/uml/modules ] ||
	    { echo "no /usr/lib/uml/modules"; return; }
}

# ---------------------------------------------------------- lifecycle

# hpit_init: temp dir, namespace with bridge, cleanup traps.
hpit_init() {
	_why=$(hpit_skip_reason)
	if [ -n "$_why" ]; then
		tap_skip "${HPIT_TEST:-interop}" "$_why"
		exit 0
	fi
	HPIT_TMP=$(mktemp -d /tmp/hpit.XXXXXX) || exit 1
	chmod 0755 "$HPIT_TMP"
	HPIT_NS=hpit-$$
	trap 'hpit_cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	mkdir -p "$HPIT_TMP/uml" "$HPIT_TMP/etc-ppp" "$HPIT_TMP/run" \
	    "$HPIT_TMP/varlog"
	ip netns add "$HPIT_NS" || { diag "ip netns add failed"; exit 1; }
	echo "$HPIT_NS" >"$HPIT_TMP/netns"
	ns ip link set lo up
	ns ip link add br0 type bridge
	ns ip link set br0 type bridge forward_delay 0 stp_state 0 2>/dev/null
	ns ip addr add 192.0.2.1/24 dev br0
	ns ip link set br0 up
	vdiag "namespace $HPIT_NS, temp $HPIT_TMP"
}

ns() { ip netns exec "$HPIT_NS" "$@"; }

# hpit_ns_add NAME: one more namespace of the test's own (hpit-PID-NAME),
# deleted by hpit_cleanup with whatever runs in it.
hpit_ns_add() {
	ip netns add "$HPIT_NS-$1" || return 1
	echo "$HPIT_NS-$1" >>"$HPIT_TMP/netns-extra"
	ip netns exec "$HPIT_NS-$1" ip link set lo up
}

# wait_until SECS COMMAND...: run COMMAND every 0.1 s until it succeeds
# (0) or SECS seconds of wall-clock time have passed (1).  Wall clock,
# not a count of polls: on a loaded machine each poll takes longer.
wait_until() {
	_wu_end=$(($(date +%s) + $1)); shift
	while :; do
		"$@" && return 0
		# (empty when a TERM killed date: then stop too)
		_wu_now=$(date +%s)
		[ "${_wu_now:-$_wu_end}" -ge "$_wu_end" ] && return 1
		sleep 0.1
	done
}
not() { ! "$@"; }

# kill_group PID: SIGKILL a process group we created with setsid.
kill_group() {
	kill -KILL "-$1" 2>/dev/null
	kill -KILL "$1" 2>/dev/null
	return 0
}

# is_alive PID: running and not a zombie.
is_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	case $(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) in
	Z|X|'') return 1 ;;
	esac
	return 0
}

# guest_stop NAME: power the guest off now (mconsole halt, then SIGKILL
# of its process groups: timeout's and the one linux.uml makes itself).
guest_stop() {
	_gd=$HPIT_TMP/$1
	[ -f "$_gd/pid" ] || return 0
	_gp=$(cat "$_gd/pid")
	_um=$HPIT_TMP/uml/hpit-$$-$1
	if is_alive "$_gp" && [ -S "$_um/mconsole" ]; then
		timeout 2 uml_mconsole "$_um/mconsole" halt >/dev/null 2>&1
		wait_until 1 not is_alive "$_gp"
	fi
	[ -f "$_um/pid" ] && kill_group "$(cat "$_um/pid")"
	# linux.uml makes its own session; before it wrote its pid file it
	# is found as the child of our timeout(1).
	for _c in $(pgrep -P "$_gp" 2>/dev/null); do kill_group "$_c"; done
	kill_group "$_gp"
	wait "$_gp" 2>/dev/null
	return 0
}

hpit_cleanup() {
	trap '' INT TERM HUP
	[ -n "$HPIT_TMP" ] || return 0
	stop_hpptpd
	[ -f "$HPIT_TMP/iperf3-server.pid" ] &&
	    kill_group "$(cat "$HPIT_TMP/iperf3-server.pid")"
	for _p in "$HPIT_TMP"/*/pid; do
		[ -f "$_p" ] || continue
		guest_stop "$(basename "${_p%/pid}")"
	done
	# Last sweep: UML processes carrying this test's own unique umid.
	for _p in $(pgrep -f "umid=hpit-$$-" 2>/dev/null); do
		kill -KILL "$_p" 2>/dev/null
	done
	for _n in $HPIT_NS $(cat "$HPIT_TMP/netns-extra" 2>/dev/null); do
		[ -e "/run/netns/$_n" ] || continue
		# Whatever still runs in our namespaces was started by us
		# (iperf3 -s, tcpdump, hpptpd's workers).
		for _p in $(ip netns pids "$_n" 2>/dev/null); do
			kill -KILL "$_p" 2>/dev/null
		done
		sleep 0.2
		ip netns del "$_n" 2>/dev/null
	done
	wait 2>/dev/null
	if [ "${HPIT_KEEP:-0}" = 1 ] || { [ "${HPIT_KEEP:-0}" = fail ] &&
	    [ "$HPIT_FAILED" = 1 ]; }; then
		diag "kept $HPIT_TMP"
	else
		rm -rf "$HPIT_TMP"
	fi
	HPIT_TMP=
}

# ------------------------------------------------------------ configs

# seed_render DIR [PPPDIR] : writes DIR/pptpd.conf, options.pptpd,
# hpptpd.conf and chap-secrets (mode 0600) from tests/interop/seed.
# @PPPDIR@ becomes PPPDIR (default /etc/ppp, which start_hpptpd
# bind-mounts to $HPIT_TMP/etc-ppp).  Per-scenario changes, from the
# environment: EXTRA_PPTPD (lines for pptpd.conf), EXTRA_CONF (for
# hpptpd.conf), EXTRA_OPTIONS (options.pptpd), EXTRA_SECRETS (chap-secrets), all
# newline-separated, and DROP_LINES (an awk regex: template lines that
# match it are left out).
seed_render() {
	_d=$1 _pd=${2:-/etc/ppp}
	mkdir -p "$_d"
	for _f in pptpd.conf options.pptpd hpptpd.conf; do
		awk -v pd="$_pd" -v ec="${EXTRA_CONF:-}" \
		    -v ep="${EXTRA_PPTPD:-}" \
		    -v eo="${EXTRA_OPTIONS:-}" -v drop="${DROP_LINES:-}" '
		    { gsub(/@PPPDIR@/, pd) }
		    drop != "" && $0 ~ drop { next }
		    /^@EXTRA_CONF@$/ { if (ec != "") print ec; next }
		    /^@EXTRA_PPTPD@$/ { if (ep != "") print ep; next }
		    /^@EXTRA_OPTIONS@$/ { if (eo != "") print eo; next }
		    { print }' "$HPIT_DIR/seed/$_f" >"$_d/$_f"
	done
	(umask 077; cat "$HPIT_DIR/seed/chap-secrets" >"$_d/chap-secrets"
	 [ -n "${EXTRA_SECRETS:-}" ] &&
	     printf '%s\n' "$EXTRA_SECRETS" >>"$_d/chap-secrets")
	chmod 0600 "$_d/chap-secrets"
	return 0
}

# ---------------------------------------------------- server, either kind
#
# Scenarios are written against "the server"; HPIT_SERVER picks it:
#   hpptpd (default)  $HP_BUILD/hpptpd natively in the namespace at
#                     192.0.2.1, iperf3 -s beside it;
#   poptop            Poptop's pptpd in a guest at 192.0.2.100 (validates
#                     a scenario's client side where hpptpd is not ready;
#                     checks of hpptpd's own log are then skipped).
# HPIT_CONF picks the hpptpd configuration: pptpd.conf (default, run with
# -P) or hpptpd.conf (-f).
HPIT_SERVER=${HPIT_SERVER:-hpptpd}
case $HPIT_SERVER in
poptop)	HPIT_SERVER_ADDR=192.0.2.100 ;;
*)	HPIT_SERVER_ADDR=192.0.2.1 ;;
esac
# The server's end of every tunnel (seed: localip 10.100.1.1).
HPIT_TUNNEL_ADDR=10.100.1.1

is_hpptpd() { [ "$HPIT_SERVER" = hpptpd ]; }

# server_start: render the seed (with the EXTRA_* and DROP_LINES of the
# environment) and start the server; TAP "not ok" and exit on failure.
server_start() {
	if is_hpptpd; then
		seed_render "$HPIT_TMP/etc"
		start_hpptpd "$HPIT_TMP/etc/${HPIT_CONF:-pptpd.conf}" ||
		    { tap_notok "${HPIT_TEST:-interop}: hpptpd did not start"
		      exit 1; }
		start_iperf_server
		return 0
	fi
	command -v pptpd >/dev/null 2>&1 || {
		tap_skip "${HPIT_TEST:-interop}" "pptpd (Poptop) not installed"
		exit 0; }
	# Each start is a new guest (srv, srv2, ...) on the same address.
	HPIT_SRV_N=$((HPIT_SRV_N + 1))
	HPIT_SRV=srv
	[ $HPIT_SRV_N -gt 1 ] && HPIT_SRV=srv$HPIT_SRV_N
	EXTRA_OPTIONS="${EXTRA_OPTIONS:-}
debug
logfile $HPIT_TMP/$HPIT_SRV/pppd-server.log" \
	    seed_render "$HPIT_TMP/$HPIT_SRV.etc" "$HPIT_TMP/$HPIT_SRV.etc"
	guest_start "$HPIT_SRV" $((89 + HPIT_SRV_N)) G_ROLE=poptop \
	    G_ADDR=$HPIT_SERVER_ADDR G_POPTOP_DIR="$HPIT_TMP/$HPIT_SRV.etc" \
	    G_LIFETIME="${HPIT_SRV_LIFETIME:-200}"
	guest_wait_file "$HPIT_SRV" ready 90 ||
	    { tap_notok "${HPIT_TEST:-interop}: pptpd guest did not start"
	      guest_report "$HPIT_SRV"; exit 1; }
}
HPIT_SRV_N=0
HPIT_SRV=srv

server_stop() {
	if is_hpptpd; then
		stop_hpptpd
	elif [ -f "$HPIT_TMP/$HPIT_SRV/pid" ]; then
		guest_signal "$HPIT_SRV" stop
		guest_wait "$HPIT_SRV" 15
		guest_stop "$HPIT_SRV"
	fi
	return 0
}

# server_report: the server's log as TAP comments.
server_report() {
	if is_hpptpd; then
		excerpt "$HPIT_TMP/hpptpd.log" 40
	else
		excerpt "$HPIT_TMP/$HPIT_SRV/pppd-server.log" 30
		excerpt "$HPIT_TMP/$HPIT_SRV/guest.log" 10
	fi
}

# audit_check NAME PATTERN [SECS]: one TAP line: hpptpd's log shows an
# audit line matching PATTERN (waiting up to SECS); skipped for Poptop.
audit_check() {
	if ! is_hpptpd; then
		tap_skip "$1" "hpptpd's audit log (server is $HPIT_SERVER)"
		return 0
	fi
	if server_wait_log "$2" "${3:-5}"; then
		tap_ok "$1"
	else
		tap_notok "$1"
		diag "no line matching /$2/ in the server log"
		excerpt "$HPIT_TMP/hpptpd.log" 30
		return 1
	fi
}

# start_iperf_server: iperf3 -s in the namespace (reached through the
# tunnel at the server's tunnel address).
start_iperf_server() {
	[ -f "$HPIT_TMP/iperf3-server.pid" ] &&
	    is_alive "$(cat "$HPIT_TMP/iperf3-server.pid")" && return 0
	setsid ip netns exec "$HPIT_NS" iperf3 -s \
	    >"$HPIT_TMP/iperf3-server.log" 2>&1 </dev/null &
	echo $! >"$HPIT_TMP/iperf3-server.pid"
}

# ------------------------------------------------------------- server

# start_hpptpd CONF [ARGS...]: run $HP_BUILD/hpptpd in the foreground
# inside the namespace, in a private mount namespace where /etc/ppp,
# /run and /var/log are directories of $HPIT_TMP (so the host's files
# are never read or written).  CONF ending in pptpd.conf is run with -P
# (Poptop compatibility), anything else with -f.  stderr+stdout go to
# $HPIT_TMP/hpptpd.log.  Waits (bounded) until TCP 1723 listens.
start_hpptpd() {
	_conf=$1; shift
	case $_conf in
	pptpd.conf|*/pptpd.conf) _mode=-P ;;
	*) _mode=-f ;;
	esac
	[ -x "$HP_BUILD/hpptpd" ] || {
		diag "no $HP_BUILD/hpptpd (run make)"; return 1; }
	# A Poptop-style config lives with its options and secrets in one
	# rendered directory; that becomes /etc/ppp for the server.
	[ -f "$(dirname "$_conf")/chap-secrets" ] &&
	    cp -p "$(dirname "$_conf")"/options.pptpd \
	    "$(dirname "$_conf")"/chap-secrets "$HPIT_TMP/etc-ppp/" 2>/dev/null
	: >"$HPIT_TMP/etc-ppp/options"
	setsid ip netns exec "$HPIT_NS" unshare -m --propagation private \
	    sh -c 'mount --bind "$1/etc-ppp" /etc/ppp &&
		mount --bind "$1/run" /run &&
		mount --bind "$1/varlog" /var/log || exit 111
		shift; exec "$@"' hpit-srv "$HPIT_TMP" \
	    "$HP_BUILD/hpptpd" -d "$_mode" "$_conf" "$@" \
	    >"$HPIT_TMP/hpptpd.log" 2>&1 </dev/null &
	HPIT_SRV_PID=$!
	echo "$HPIT_SRV_PID" >"$HPIT_TMP/hpptpd.pid"
	wait_listen 1723 "${HPIT_SRV_WAIT:-10}"
	if ! is_alive "$HPIT_SRV_PID" ||
	    ! ns ss -Hltn "sport = :1723" | grep -q .; then
		diag "hpptpd did not listen on 1723"
		excerpt "$HPIT_TMP/hpptpd.log"
		return 1
	fi
	vdiag "hpptpd pid $HPIT_SRV_PID listening"
}

# wait_listen PORT SECS: until a TCP socket listens on PORT in the
# namespace (and the server is still alive).
wait_listen() {
	wait_until "$2" _listening "$1"
}
_listening() {
	ns ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
	# A dead server will not start listening: stop waiting (by
	# "succeeding"; start_hpptpd checks again).
	[ -n "$HPIT_SRV_PID" ] && ! is_alive "$HPIT_SRV_PID" && return 0
	return 1
}

# stop_hpptpd: SIGTERM, 5 s for an orderly exit, then SIGKILL the lot.
stop_hpptpd() {
	[ -n "$HPIT_SRV_PID" ] || return 0
	kill -TERM "$HPIT_SRV_PID" 2>/dev/null
	wait_until 5 not is_alive "$HPIT_SRV_PID"
	kill_group "$HPIT_SRV_PID"
	wait "$HPIT_SRV_PID" 2>/dev/null
	HPIT_SRV_PID=
}

# hpptpd_pid_of NAME: pid of a process named NAME (e.g. hpptpd-ctrl)
# descending from the hpptpd we started.
hpptpd_pid_of() {
	[ -n "$HPIT_SRV_PID" ] || return 1
	for _p in $(ip netns pids "$HPIT_NS"); do
		[ "$(cat "/proc/$_p/comm" 2>/dev/null)" = "$1" ] || continue
		# A child of our master, or at least in its session.
		set -- $(ps -o ppid=,sid= -p "$_p")
		if [ "${1:-}" = "$HPIT_SRV_PID" ] ||
		    [ "${2:-}" = "$HPIT_SRV_PID" ]; then
			echo "$_p"; return 0
		fi
	done
	return 1
}

server_log() { echo "$HPIT_TMP/hpptpd.log"; }
# server_log_grep PATTERN: grep -E in the server's log (quietly).
server_log_grep() { grep -Eq -- "$1" "$HPIT_TMP/hpptpd.log" 2>/dev/null; }
# server_log_count PATTERN
server_log_count() { grep -Ec -- "$1" "$HPIT_TMP/hpptpd.log" 2>/dev/null; }
# server_wait_log PATTERN SECS
server_wait_log() { wait_until "$2" server_log_grep "$1"; }

# --------------------------------------------------------------- guests

# guest_start NAME INDEX [VAR=VALUE...]: boot a UML guest at
# 192.0.2.(10+INDEX) on tap INDEX.  A scenario with a network of its own
# between guests and server (s20's NAT) sets HPIT_GUEST_NS (namespace of
# the taps), HPIT_GUEST_BR (their bridge), HPIT_GUEST_NET (the first
# three octets) and HPIT_GUEST_GW (the guests' default route).  VARs are the G_* settings of
# guest.sh (G_USER, G_PASS, G_MPPE, G_EXTRA, G_SERVER, G_IPERF_SECS,
# G_HOLD, G_NETEM, G_ROLE, G_FUNCS, G_LIFETIME...).  Results land in
# $HPIT_TMP/NAME/ (see guest_file).
guest_start() {
	_name=$1 _idx=$2; shift 2
	_d=$HPIT_TMP/$_name
	_gns=${HPIT_GUEST_NS:-$HPIT_NS} _gbr=${HPIT_GUEST_BR:-br0}
	mkdir -p "$_d"
	{
		echo "G_NAME=$_name"
		echo "G_ADDR=${HPIT_GUEST_NET:-192.0.2}.$((10 + _idx))"
		[ -n "${HPIT_GUEST_GW:-}" ] && echo "G_GW=$HPIT_GUEST_GW"
		echo "G_RES=$_d"
		echo "G_SERVER=$HPIT_SERVER_ADDR"
		for _kv in "$@"; do
			_k=${_kv%%=*} _v=${_kv#*=}
			printf "%s='%s'\n" "$_k" \
			    "$(printf '%s' "$_v" | sed "s/'/'\\\\''/g")"
		done
	} >"$_d/env"
	_life=$(sed -n "s/^G_LIFETIME='\(.*\)'/\1/p" "$_d/env")
	_life=${_life:-120}
	cat >"$_d/init" <<-EOF
	#!/bin/sh
	HPIT_TMP=$HPIT_TMP
	HPIT_ENV=$_d/env
	export HPIT_TMP HPIT_ENV
	. $HPIT_DIR/guest.sh
	EOF
	chmod 0755 "$_d/init"
	guest_fstab >"$_d/fstab"
	ip netns exec "$_gns" ip tuntap add dev "tap$_idx" mode tap || return 1
	ip netns exec "$_gns" ip link set "tap$_idx" master "$_gbr"
	ip netns exec "$_gns" ip link set "tap$_idx" up
	# pty.legacy_count=0: creating the 256 BSD ptys nobody uses is
	# a second of boot (pppd's pty option takes a Unix98 one).
	setsid ip netns exec "$_gns" \
	    timeout -s KILL $((_life + 30)) "$HPIT_UML" mem="$HPIT_MEM" \
	    umid="hpit-$$-$_name" uml_dir="$HPIT_TMP/uml" \
	    rootfstype=hostfs ro init="$_d/init" printk.time=1 pty.legacy_count=0 \
	    con=null con0=null,fd:1 \
	    "vec0:transport=tap,ifname=tap$_idx,mac=02:00:c0:00:02:$(printf %02x $((10 + _idx)))" \
	    >"$_d/console.log" 2>&1 </dev/null &
	echo $! >"$_d/pid"
	vdiag "guest $_name booting (pid $!)"
}

# guest_fstab: the guest's mounts, for guest.sh's one "mount -a".
guest_fstab() {
	echo "sysfs /sys sysfs defaults 0 0"
	echo "tmpfs /run tmpfs mode=0755 0 0"
	for _m in /tmp /var/tmp; do echo "tmpfs $_m tmpfs mode=1777 0 0"; done
	for _m in /var/log /var/lib /etc/ppp /root; do
		echo "tmpfs $_m tmpfs mode=0755 0 0"
	done
	echo "hostfs $HPIT_TMP hostfs $HPIT_TMP,X-mount.mkdir 0 0"
	echo "devpts /dev/pts devpts ptmxmode=0666,newinstance,X-mount.mkdir 0 0"
	echo "hostfs /run/root/lib/modules hostfs" \
	    "/usr/lib/uml/modules,X-mount.mkdir 0 0"
}

guest_dir() { echo "$HPIT_TMP/$1"; }
guest_file() { echo "$HPIT_TMP/$1/$2"; }
# guest_cat NAME FILE: contents, or empty.
guest_cat() { cat "$HPIT_TMP/$1/$2" 2>/dev/null; }

# guest_wait NAME SECS: until the guest powered off; 1 on timeout
# (then it is killed).
guest_wait() {
	_pid=$(cat "$HPIT_TMP/$1/pid")
	if ! wait_until "$2" not is_alive "$_pid"; then
		diag "guest $1 still running after $2 s; killed"
		kill_group "$_pid"
		wait "$_pid" 2>/dev/null
		return 1
	fi
	wait "$_pid" 2>/dev/null
	[ -f "$HPIT_TMP/$1/done" ] || {
		diag "guest $1 ended without finishing"
		return 1
	}
	return 0
}

# guest_wait_file NAME FILE SECS: until the guest wrote FILE.
guest_wait_file() { wait_until "$3" test -e "$HPIT_TMP/$1/$2"; }

# guest_signal NAME FILE: create FILE in the guest's directory (the
# guest polls for "release" to end a held link, "stop" for Poptop).
guest_signal() { : >"$HPIT_TMP/$1/$2"; }

# guest_kill NAME: the guest vanishes at once (no FIN, no LCP, no GRE):
# a crashed client machine.
guest_kill() {
	_um=$HPIT_TMP/uml/hpit-$$-$1
	[ -f "$_um/pid" ] && kill_group "$(cat "$_um/pid")"
	kill_group "$(cat "$HPIT_TMP/$1/pid")"
	wait "$(cat "$HPIT_TMP/$1/pid")" 2>/dev/null
	return 0
}

# guest_report NAME: the guest's logs as TAP comments (on failure).
guest_report() {
	for _f in "$HPIT_TMP/$1"/*.pppd.log "$HPIT_TMP/$1/guest.log"; do
		[ -f "$_f" ] && excerpt "$_f" 20
	done
	[ -f "$HPIT_TMP/$1/done" ] || excerpt "$HPIT_TMP/$1/console.log" 15
}

# in_seed_pool ADDR: inside the seed's remoteip 10.100.0.200-210,230-254.
in_seed_pool() {
	case $1 in 10.100.0.*) ;; *) return 1 ;; esac
	_h=${1##*.}
	{ [ "$_h" -ge 200 ] && [ "$_h" -le 210 ]; } ||
	    { [ "$_h" -ge 230 ] && [ "$_h" -le 254 ]; }
}

# guest_rc NAME TAG: pppd's exit status for connection TAG ("" if none).
guest_rc() { guest_cat "$1" "$2.rc"; }
# guest_ip NAME TAG: "IFACE LOCAL PEER" of a connection that came up.
guest_ip() { guest_cat "$1" "$2.ip"; }
