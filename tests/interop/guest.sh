#!/bin/sh
# hpptpd interop harness: runs as PID 1 inside a User-Mode Linux guest.
#
# lib.sh writes a tiny per-guest init script that sets HPIT_ENV and
# sources this file.  The root file system is the host's own, mounted
# read-only (hostfs); everything the guest writes goes to tmpfs, except
# the harness's temp directory ($HPIT_TMP), which is mounted back
# read-write so results appear on the host at once.  Every step is
# bounded by a timeout; the guest always ends with halt.
#
# The env file ($HPIT_ENV) sets G_* variables (see lib.sh, guest_start)
# and may redefine guest_main to script a scenario with the helpers
# below (ppp_connect, ppp_disconnect, run_ping, run_iperf, wait_file...).

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
umask 022

G_ROLE=client
G_NAME=guest
G_ADDR=192.0.2.10
G_SERVER=192.0.2.1
G_USER=username1
G_PASS=password1
G_REMOTE=pptpd
G_MPPE=require-mppe-128
G_EXTRA=
G_CONNECT_TIMEOUT=30
G_NETEM=
G_PING_COUNT=3
G_IPERF_SECS=0
G_IPERF_ARGS=
G_HOLD=0
G_LIFETIME=120
G_WAIT_GO=0

log() { echo "[$G_NAME $(date +%T.%3N)] $*"; }

# Stop everything the guest runs and power off.  Never returns.
guest_halt() {
	sync
	halt -f 2>/dev/null
	echo o >/proc/sysrq-trigger 2>/dev/null
	sleep 5
	exit 0
}

# The mounts come first: until $HPIT_TMP is mounted read-write there is
# nowhere to log to.
guest_mounts() {
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t tmpfs -o mode=0755 tmpfs /run
	mount -t tmpfs -o mode=0755 tmpfs /dev
	for d in /tmp /var/tmp /var/log /var/lib /etc/ppp /root; do
		mount -t tmpfs -o mode=0755 tmpfs "$d"
	done
	chmod 1777 /tmp /var/tmp
	# Our own results: the host's temp dir, read-write over the ro root
	# (its parent may now be one of the tmpfs above).
	mkdir -p "$HPIT_TMP"
	mount -t hostfs -o "$HPIT_TMP" hostfs "$HPIT_TMP"
}

guest_setup() {
	mknod -m 600 /dev/ppp c 108 0
	mknod -m 666 /dev/null c 1 3
	mknod -m 666 /dev/zero c 1 5
	mknod -m 666 /dev/tty c 5 0
	mknod -m 666 /dev/ptmx c 5 2
	mknod -m 444 /dev/random c 1 8
	mknod -m 444 /dev/urandom c 1 9
	mknod -m 600 /dev/console c 5 1
	mkdir -p /dev/pts /dev/net /run/lock /run/ppp /run/root/lib/modules
	mknod -m 600 /dev/net/tun c 10 200
	mount -t devpts -o ptmxmode=0666,newinstance devpts /dev/pts
	ln -sf /proc/self/fd /dev/fd
	mount -t hostfs -o /usr/lib/uml/modules hostfs /run/root/lib/modules
	for m in ppp_generic ppp_async ppp_mppe sch_netem; do
		modprobe -d /run/root "$m" 2>>"$RES/guest.log" ||
		    log "modprobe $m failed"
	done
	hostname "$G_NAME"
	ip link set lo up
	ip addr add "$G_ADDR/24" dev vec0
	ip link set vec0 up
	if [ -n "$G_NETEM" ]; then
		# shellcheck disable=SC2086
		tc qdisc add dev vec0 root netem $G_NETEM ||
		    log "netem setup failed"
	fi
	: >/etc/ppp/options
	printf '"%s" %s "%s" *\n' "$G_USER" "$G_REMOTE" "$G_PASS" \
	    >/etc/ppp/chap-secrets
	chmod 600 /etc/ppp/chap-secrets
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# ppp_connect TAG [extra pppd options...]
# Runs pppd+pptp with updetach; writes $RES/TAG.rc (exit status),
# TAG.ms (start to IPCP up), TAG.addr (ip addr of ppp0), TAG.pppd.log.
# Sets LOCAL, PEER and IFACE (ppp0..) on success.
ppp_connect() {
	_tag=$1; shift
	_before=$(ls /sys/class/net | grep '^ppp' | tr '\n' ' ')
	_t0=$(now_ms)
	# shellcheck disable=SC2086
	timeout -s KILL "$G_CONNECT_TIMEOUT" pppd pty \
	    "pptp $G_SERVER --nolaunchpppd" \
	    name "$G_USER" remotename "$G_REMOTE" $G_MPPE \
	    refuse-eap refuse-pap refuse-chap refuse-mschap noauth \
	    nodefaultroute debug logfile "$RES/$_tag.pppd.log" \
	    updetach $G_EXTRA "$@" >"$RES/$_tag.pppd.out" 2>&1
	_rc=$?
	_t1=$(now_ms)
	echo $((_t1 - _t0)) >"$RES/$_tag.ms"
	LOCAL= PEER= IFACE=
	if [ "$_rc" -ne 0 ]; then
		echo "$_rc" >"$RES/$_tag.rc"
		log "$_tag: pppd exit $_rc"
		return "$_rc"
	fi
	for i in $(ls /sys/class/net | grep '^ppp'); do
		case " $_before " in *" $i "*) ;; *) IFACE=$i ;; esac
	done
	[ -n "$IFACE" ] || IFACE=ppp0
	ip -4 addr show "$IFACE" >"$RES/$_tag.addr" 2>&1
	set -- $(sed -n 's/.*inet \([0-9.]*\) peer \([0-9.]*\).*/\1 \2/p' \
	    "$RES/$_tag.addr")
	LOCAL=${1:-} PEER=${2:-}
	echo "$IFACE $LOCAL $PEER" >"$RES/$_tag.ip"
	# The host polls for TAG.rc: it comes last.
	echo "$_rc" >"$RES/$_tag.rc"
	log "$_tag: up in $((_t1 - _t0)) ms, $IFACE $LOCAL -> $PEER"
	return 0
}

# pppd_pids: the pids of every pppd and pptp in this guest.  (One
# exec: process creation is slow in UML, so no loop over /proc.)
pppd_pids() { pidof pppd pptp; }

# ppp_disconnect [SIGNAL]: end every pppd (TERM: orderly LCP
# terminate; KILL: a crashed client), wait for them, bounded.
ppp_disconnect() {
	_sig=${1:-TERM}
	_p=$(pppd_pids)
	[ -n "$_p" ] || return 0
	if [ "$_sig" = KILL ]; then
		# shellcheck disable=SC2086
		kill -KILL $_p 2>/dev/null
	else
		# shellcheck disable=SC2046
		kill -TERM $(pidof pppd) 2>/dev/null
	fi
	_end=$(($(date +%s) + 10))
	while [ -n "$(pppd_pids)" ] && [ "$(date +%s)" -lt $_end ]; do
		sleep 0.2
	done
	# shellcheck disable=SC2046
	kill -KILL $(pppd_pids) 2>/dev/null
	return 0
}

# run_ping TAG TARGET [COUNT]: TAG.ping has the output, TAG.ping.rc.
run_ping() {
	timeout 30 ping -n -c "${3:-$G_PING_COUNT}" -i 0.3 -W 2 "$2" \
	    >"$RES/$1.ping" 2>&1
	_rc=$?
	echo "$_rc" >"$RES/$1.ping.rc"
	return "$_rc"
}

# run_iperf TAG TARGET SECS [args]: TAG.iperf, TAG.iperf.rc, TAG.mbps.
run_iperf() {
	_tag=$1 _dst=$2 _secs=$3; shift 3
	timeout $((_secs + 20)) iperf3 -c "$_dst" -t "$_secs" -f m \
	    --connect-timeout 5000 "$@" >"$RES/$_tag.iperf" 2>&1
	_rc=$?
	echo "$_rc" >"$RES/$_tag.iperf.rc"
	awk '/receiver/ { for (i = 1; i <= NF; i++)
	    if ($i == "Mbits/sec") print $(i - 1) }' "$RES/$_tag.iperf" \
	    >"$RES/$_tag.mbps"
	return "$_rc"
}

# wait_file PATH SECS: wait until PATH exists (the host's signal).
# Polls slowly: every fork costs a lot of host CPU in UML.
wait_file() {
	_end=$(($(date +%s) + $2))
	while [ ! -e "$1" ] && [ "$(date +%s)" -lt $_end ]; do
		sleep 0.5
	done
	[ -e "$1" ]
}

# The default client: connect, ping the peer, optional iperf3, hold,
# orderly disconnect.
guest_main() {
	# Wait for the host's go-ahead (guests boot in parallel, connect
	# in turn).
	if [ "$G_WAIT_GO" = 1 ]; then
		touch "$RES/booted"
		wait_file "$RES/go" "$G_LIFETIME" || return 0
	fi
	ppp_connect c || return 0
	run_ping c "$PEER"
	log "ping rc $?"
	if [ "$G_IPERF_SECS" -gt 0 ]; then
		# shellcheck disable=SC2086
		run_iperf c "$PEER" "$G_IPERF_SECS" $G_IPERF_ARGS
		log "iperf3 rc $? $(cat "$RES/c.mbps") Mbit/s"
	fi
	# Hold the link until the host says so (or G_HOLD seconds).
	if [ "$G_HOLD" -gt 0 ]; then
		touch "$RES/held"
		wait_file "$RES/release" "$G_HOLD"
	fi
	ppp_disconnect TERM
	log "disconnected"
}

# Poptop's pptpd as the server, for the reference scenario.
poptop_main() {
	cp "$G_POPTOP_DIR/chap-secrets" /etc/ppp/chap-secrets
	chmod 600 /etc/ppp/chap-secrets
	echo 1 >/proc/sys/net/ipv4/ip_forward
	iperf3 -s -D --logfile "$RES/iperf3-server.log"
	pptpd -f -c "$G_POPTOP_DIR/pptpd.conf" -p /run/pptpd.pid \
	    >"$RES/pptpd.out" 2>&1 &
	_end=$(($(date +%s) + 10))
	while ! grep -q ':06BB ' /proc/net/tcp 2>/dev/null &&
	    [ "$(date +%s)" -lt $_end ]; do
		sleep 0.2
	done
	touch "$RES/ready"
	wait_file "$RES/stop" "$G_LIFETIME"
	ip -4 addr show >"$RES/server-addrs" 2>&1
}

. "$HPIT_ENV"
# A scenario may add or redefine functions (e.g. guest_main).
[ -n "${G_FUNCS:-}" ] && . "$G_FUNCS"
RES=$G_RES
guest_mounts
log "booted, uptime $(cut -d' ' -f1 /proc/uptime)" >>"$RES/guest.log"
guest_setup >>"$RES/guest.log" 2>&1
log "set up, uptime $(cut -d' ' -f1 /proc/uptime)" >>"$RES/guest.log"
case $G_ROLE in
poptop)	poptop_main >>"$RES/guest.log" 2>&1 ;;
*)	guest_main >>"$RES/guest.log" 2>&1 ;;
esac
echo done >"$RES/done"
guest_halt
