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
# what the client will not authenticate with (the server asks for the
# strongest it allows; a Nak moves it down its list)
G_REFUSE='refuse-eap refuse-pap refuse-chap refuse-mschap'
G_EXTRA=
G_CONNECT_TIMEOUT=30
G_NETEM=
G_PING_COUNT=3
G_IPERF_SECS=0
G_IPERF_ARGS=
G_IPERF_TRIES=1
G_HOLD=0
G_LIFETIME=120
G_WAIT_GO=0
G_GW=
G_MODS=			# more kernel modules (ipv6: the stack is a module)

# Every exec costs ~50 ms of a busy host CPU in UML (and the whole
# suite is CPU-bound), so the helpers below use shell builtins and
# /proc where they can: time is the guest's uptime.

# uptime_ms: sets UP_MS, milliseconds since the guest booted.
uptime_ms() {
	read -r _u _x </proc/uptime
	_f=${_u#*.}
	_f=${_f#0}
	UP_MS=$(( ${_u%.*} * 1000 + _f * 10 ))
}

log() { uptime_ms; echo "[$G_NAME $UP_MS] $*"; }

# Stop everything the guest runs and power off.  Never returns.
guest_halt() {
	sync
	halt -f 2>/dev/null
	echo o >/proc/sysrq-trigger 2>/dev/null
	sleep 5
	exit 0
}

# The mounts come first: until $HPIT_TMP is mounted read-write there is
# nowhere to log to.  Every exec costs ~50 ms of a busy CPU in UML, so
# one "mount -a" of a table lib.sh wrote (guest_fstab) does them all:
# tmpfs over the directories a client writes, the host's temp dir back
# read-write over the read-only root, devpts, the kernel's modules.
# The kernel mounted devtmpfs on /dev itself (null, tty, net/tun, ppp).
guest_mounts() {
	mount -t proc proc /proc
	mount -a -T "${HPIT_ENV%/env}/fstab"
}

guest_setup() {
	mkdir -p /run/lock /run/ppp
	ln -sf /proc/self/fd /dev/fd
	_mods="ppp_async ppp_mppe $G_MODS"
	[ -n "$G_NETEM" ] && _mods="$_mods sch_netem"
	# shellcheck disable=SC2086
	modprobe -a -d /run/root $_mods 2>>"$RES/guest.log" ||
	    log "modprobe $_mods failed"
	echo "$G_NAME" >/proc/sys/kernel/hostname
	printf 'link set lo up\naddr add %s/24 dev vec0\nlink set vec0 up\n' \
	    "$G_ADDR" | ip -batch -
	# behind a router (s20's NAT): the server is not on our link
	[ -n "$G_GW" ] && ip route add default via "$G_GW"
	if [ -n "$G_NETEM" ]; then
		# shellcheck disable=SC2086
		tc qdisc add dev vec0 root netem $G_NETEM ||
		    log "netem setup failed"
	fi
	: >/etc/ppp/options
	(umask 077; printf '"%s" %s "%s" *\n' "$G_USER" "$G_REMOTE" \
	    "$G_PASS" >/etc/ppp/chap-secrets
	    cp /etc/ppp/chap-secrets /etc/ppp/pap-secrets)
}

# ppp_ifaces: the ppp interfaces there are now.
ppp_ifaces() {
	for _i in /sys/class/net/ppp*; do
		[ -e "$_i" ] && printf '%s ' "${_i##*/}"
	done
}

# ppp_connect TAG [extra pppd options...]
# Runs pppd+pptp with updetach; writes $RES/TAG.rc (exit status),
# TAG.ms (start to IPCP up), TAG.addr (ip addr of ppp0), TAG.pppd.log.
# Sets LOCAL, PEER and IFACE (ppp0..) on success.
ppp_connect() {
	_tag=$1; shift
	_before=$(ppp_ifaces)
	uptime_ms; _t0=$UP_MS
	# shellcheck disable=SC2086
	timeout -s KILL "$G_CONNECT_TIMEOUT" pppd pty \
	    "pptp $G_SERVER --nolaunchpppd" \
	    name "$G_USER" remotename "$G_REMOTE" $G_MPPE \
	    $G_REFUSE noauth \
	    nodefaultroute debug logfile "$RES/$_tag.pppd.log" child-timeout 1 \
	    updetach $G_EXTRA "$@" >"$RES/$_tag.pppd.out" 2>&1
	_rc=$?
	uptime_ms; _t1=$UP_MS
	echo $((_t1 - _t0)) >"$RES/$_tag.ms"
	LOCAL= PEER= IFACE=
	if [ "$_rc" -ne 0 ]; then
		echo "$_rc" >"$RES/$_tag.rc"
		log "$_tag: pppd exit $_rc"
		return "$_rc"
	fi
	for i in $(ppp_ifaces); do
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

# any_alive PID...: true while one of them runs.
any_alive() {
	for _q in "$@"; do [ -d "/proc/$_q" ] && return 0; done
	return 1
}

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
	# Poll /proc (builtins) for up to 10 s.
	_n=0
	while [ $_n -lt 50 ] && any_alive $_p; do
		sleep 0.2
		_n=$((_n + 1))
	done
	# shellcheck disable=SC2086
	any_alive $_p && kill -KILL $_p 2>/dev/null
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

# syn_capture IFACE FILE: tcpdump -v of the next two TCP SYNs (SYN,
# SYN-ACK) to or from port 5201 on IFACE into FILE, in the background
# ($! its pid); returns once tcpdump is listening (at most 10 s).
# Builtins only in the wait: an exec costs the guest ~50 ms.
syn_capture() {
	: >"$2.err"
	tcpdump -i "$1" -n -v -c 2 -U \
	    'tcp port 5201 and tcp[tcpflags] & tcp-syn != 0' \
	    >"$2" 2>"$2.err" &
	_n=0
	while [ $_n -lt 40 ]; do
		_l=
		while read -r _w; do
			case $_w in *"listening on"*) _l=1; break ;; esac
		done <"$2.err"
		[ -n "$_l" ] && return 0
		sleep 0.25
		_n=$((_n + 1))
	done
	return 1
}

# link_counters TAG: IFACE's kernel counters (what ppp_generic counted:
# IP bytes and packets, before compression/encryption) into
# TAG.counters as "tx_bytes rx_bytes tx_packets rx_packets".
link_counters() {
	_s=/sys/class/net/$IFACE/statistics
	read -r _tb <"$_s/tx_bytes"; read -r _rb <"$_s/rx_bytes"
	read -r _tp <"$_s/tx_packets"; read -r _rp <"$_s/rx_packets"
	echo "$_tb $_rb $_tp $_rp" >"$RES/$1.counters"
}

# wait_file PATH SECS: wait until PATH exists (the host's signal).
# Polls slowly: every fork costs a lot of host CPU in UML.
wait_file() {
	uptime_ms; _end=$((UP_MS + $2 * 1000))
	while [ ! -e "$1" ] && [ "$UP_MS" -lt $_end ]; do
		sleep 0.5
		uptime_ms
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
		_try=1
		# shellcheck disable=SC2086
		while ! run_iperf c "$PEER" "$G_IPERF_SECS" $G_IPERF_ARGS &&
		    [ "$_try" -lt "$G_IPERF_TRIES" ]; do
			log "iperf3 rc $(cat "$RES/c.iperf.rc"), again in 3 s"
			_try=$((_try + 1))
			sleep 3
		done
		log "iperf3 rc $(cat "$RES/c.iperf.rc") $(cat "$RES/c.mbps") Mbit/s"
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
	uptime_ms; _end=$((UP_MS + 10000))
	while ! grep -q ':06BB ' /proc/net/tcp 2>/dev/null &&
	    [ "$UP_MS" -lt $_end ]; do
		sleep 0.2
		uptime_ms
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
log "booted" >>"$RES/guest.log"
guest_setup >>"$RES/guest.log" 2>&1
log "set up" >>"$RES/guest.log"
case $G_ROLE in
poptop)	poptop_main >>"$RES/guest.log" 2>&1 ;;
*)	guest_main >>"$RES/guest.log" 2>&1 ;;
esac
echo done >"$RES/done"
guest_halt
