#!/bin/sh
# Issue 17, "PPTP over IPv6": the control connection and the GRE data
# path over IPv6, with the native test client (tests/tools/pptpc.c;
# Debian's pptp-linux is IPv4 only).  A server and a client namespace
# joined by a veth pair carrying IPv6 (2001:db8:6::1 server,
# 2001:db8:6::2 client, 2001:db8:6::3 a second client address that
# plays the spoofer) and IPv4 (198.18.0.1, .2).  Every wait is bounded.
#
#   - hpptpd -n takes `listen on 2001:db8:6::1`; master opens the raw
#     IPv6 GRE socket and says so
#   - a session over IPv6: MS-CHAPv2, MPPE-128, IPCP, pings to
#     10.100.1.1 through GRE-over-IPv6 into the server's tun and back;
#     audit session-up and hpptpctl list/show name the IPv6 peer
#   - anti-spoof: GRE with the session's call id from 2001:db8:6::3 is
#     dropped (gre -v: drop spoof) and the session lives on
#   - GRE over IPv6 for a call id no session holds: drop no-session,
#     audit event=gre-stray with the IPv6 source
#   - gre killed: the restarted worker gets the IPv6 socket again
#   - an IPv4 client of the same daemon still works
#   - gre-workers 2: each worker has its IPv6 socket keeping its shard;
#     sessions on both workers ping through, and neither worker sees
#     the other's GRE
#   - SIGTERM: the daemon exits
. "$(dirname "$0")/lib.sh"
sec_init gre6

SRV6=2001:db8:6::1
CLI6=2001:db8:6::2
SPOOF6=2001:db8:6::3
SRV=198.18.0.1
CLI=198.18.0.2
CNS="hpsec-gre6c-$$"
CLIENT_PIDS=

sec_client_traps

command -v python3 >/dev/null 2>&1 || skip_all "needs python3 (raw GRE)"
sec_pptpc || exit 1

for _u in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf '"user%s" pptpd "password%s" *\n' "$_u" "$_u"
done > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"
# write_conf N: N gre data workers
write_conf() {
	cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_gre6.sh
listen on $SRV6
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
gre-workers $1
EOF
}
write_conf 1
"$HP_BUILD/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" > "$SEC_DIR/n.out" 2>&1
check "hpptpd -n takes listen on $SRV6" \
    grep -qx "listen on $SRV6 port 1723" "$SEC_DIR/n.out"

# ---- namespaces -----------------------------------------------------------

sec_veth hg6 "$SRV" "$CLI" || exit 1
# nodad: the addresses are usable at once, not after duplicate
# detection; the spoofer's is deprecated (preferred_lft 0) so that the
# client's connections come from $CLI6 (RFC 6724 rule 3)
ip -n "$SEC_NS" addr add "$SRV6/64" dev "hg6$$s" nodad &&
    ip -n "$CNS" addr add "$CLI6/64" dev "hg6$$c" nodad &&
    ip -n "$CNS" addr add "$SPOOF6/64" dev "hg6$$c" nodad preferred_lft 0 ||
    { notok "veth pair"; exit 1; }

# start_daemon: master at -v (gre names its drops), all workers ready
start_daemon() {
	: > "$SEC_DIR/log"
	ip netns exec "$SEC_NS" "$HP_BUILD/hpptpd" -d -v \
	    -f "$SEC_DIR/hpptpd.conf" >> "$SEC_DIR/log" 2>&1 &
	SEC_PID=$!
	SEC_NW=$(sec_nworkers)
	if ! wait_until 200 all_ready; then
		notok "daemon starts"
		sed 's/^/#   /' "$SEC_DIR/log"
		exit 1
	fi
	SEC_KIDS=$(pgrep -P "$SEC_PID" | tr '\n' ' ')
}

ctl() { "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
not() { ! "$@"; }
# pinged NAME N: the client's pings are over and N of N came back
pinged() { grep -qx "ping $2 $2" "$SEC_DIR/$1.out" 2>/dev/null; }
show_err() { sed 's/^/#   /' "$SEC_DIR/$1.err"; }
sid_of() { ctl list 2>/dev/null | awk -v u="$1" '$2 == u { print $1 }'; }
show_field() {
	ctl show "$1" 2>/dev/null | sed -n "s/^$2: //p"
}
tun_rx() {
	ip -n "$SEC_NS" -s link show dev "$1" 2>/dev/null |
	    awk '/RX:/ { getline; print $2; exit }'
}
# gre6_send SRC CALL N: N enhanced GRE packets (an LCP echo request in
# clear) from SRC to the server over IPv6, Call ID CALL
gre6_send() {
	ip netns exec "$CNS" python3 -c '
import socket, struct, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 47)
s.bind((sys.argv[1], 0))
for i in range(int(sys.argv[4])):
    p = struct.pack("!HHHHI", 0x3001, 0x880B, 12, int(sys.argv[3]),
        0x7000 + i) + b"\xff\x03\xc0\x21\x09\x01\x00\x08\x00\x00\x00\x00"
    s.sendto(p, (sys.argv[2], 0))
' "$1" "$SRV6" "$2" "$3"
}

# ---- one worker -------------------------------------------------------------

start_daemon
ok "daemon up, listening on $SRV6 and $SRV"
check "log: master opened the raw IPv6 GRE socket" \
    log_has "GRE: IPv6 peers on 1 raw IPv6 GRE socket$"
tun0=$(tun_rx hpptp0)
cli_bg a --ping 5 --hold 12 "$SRV6" user1 password1
pa=$cpid
if check "user1 over IPv6 is up (LCP, MS-CHAPv2, CCP, IPCP)" \
    wait_until 100 is_up a; then
	check "5 of 5 pings to 10.100.1.1 through GRE over IPv6" \
	    wait_until 100 pinged a 5
	check "the server's tun received them (rx $tun0 -> $(tun_rx hpptp0))" \
	    sh -c "[ \$(( $(tun_rx hpptp0) - $tun0 )) -ge 5 ]"
	check "audit: session-up user1 peer=$CLI6" \
	    wait_until 30 log_has "event=session-up .*user=\"user1\" peer=$CLI6 "
	sid=$(sid_of user1)
	ctl list > "$SEC_DIR/list.out" 2>&1
	ctl show "$sid" > "$SEC_DIR/show.out" 2>&1
	check "hpptpctl list: user1 from [$CLI6]:PORT" \
	    sh -c "awk '\$2 == \"user1\"' '$SEC_DIR/list.out' | grep -qF '[$CLI6]:'"
	check "hpptpctl show: peer [$CLI6]:PORT, mppe 128-stateless" \
	    sh -c "grep -q '^peer: \\[$CLI6\\]:[0-9]' '$SEC_DIR/show.out' &&
	    grep -qx 'mppe: 128-stateless' '$SEC_DIR/show.out'" ||
	    sed 's/^/#   /' "$SEC_DIR/list.out" "$SEC_DIR/show.out"
	call=$(show_field "$sid" call-id)
	# the same call id from the client's other address: spoof
	n0=$(log_count "drop spoof")
	gre6_send "$SPOOF6" "${call:-0}" 3
	check "GRE for call $call from $SPOOF6: gre drops it (drop spoof)" \
	    wait_until 50 sh -c "[ \$(grep -c 'drop spoof (total' \
	    '$SEC_DIR/log') -gt $n0 ]"
	n0=$(log_count "drop no-session")
	gre6_send "$CLI6" 4242 2
	[ "$call" = 4242 ] && gre6_send "$CLI6" 4243 2
	check "GRE over IPv6 for no session's call id: drop no-session" \
	    wait_until 50 sh -c "[ \$(grep -c 'drop no-session (total' \
	    '$SEC_DIR/log') -gt $n0 ]"
	check "audit: event=gre-stray peer=$CLI6 (the IPv6 source)" \
	    wait_until 30 log_has "event=gre-stray peer=$CLI6 call_id=424[23] "
	wait "$pa"
	ra=$?
	check "user1 held its session through the spoofing and closed (exit $ra)" \
	    [ "$ra" -eq 0 ]
	check "audit: session-down user1 peer=$CLI6" \
	    wait_until 50 log_has "event=session-down .*user=\"user1\" peer=$CLI6 "
else
	show_err a
fi
# a restarted gre gets the IPv6 socket again (master keeps it)
_old=$(worker_pid gre)
kill -KILL "$_old"
if wait_until 100 worker_ready_again gre "$_old"; then
	SEC_KIDS=$(pgrep -P "$SEC_PID" | tr '\n' ' ')
	ip netns exec "$CNS" "$PPTPC" --ping 3 "$SRV6" user3 password3 \
	    > "$SEC_DIR/r.out" 2> "$SEC_DIR/r.err"
	rr=$?
	check "gre killed and restarted: a new IPv6 session pings through (exit $rr)" \
	    sh -c "[ $rr -eq 0 ] && grep -qx 'ping 3 3' '$SEC_DIR/r.out'"
	[ "$rr" -eq 0 ] || show_err r
else
	notok "gre restarts after SIGKILL"
fi
ip netns exec "$CNS" "$PPTPC" --ping 3 "$SRV" user2 password2 \
    > "$SEC_DIR/b.out" 2> "$SEC_DIR/b.err"
rb=$?
check "an IPv4 client of the same daemon: up, 3 of 3 pings (exit $rb)" \
    sh -c "[ $rb -eq 0 ] && grep -qx 'ping 3 3' '$SEC_DIR/b.out'"
[ "$rb" -eq 0 ] || show_err b
sec_stop_daemon

# ---- two workers --------------------------------------------------------------

write_conf 2
start_daemon
check "gre-workers 2: a raw IPv6 GRE socket per worker, one shard each" \
    log_has "GRE: IPv6 peers on 2 raw IPv6 GRE sockets, one shard each"
# Sessions until both workers have had one (the server's call id, and
# so the worker, is ctrl's random choice): at most 12, one after the
# other (all on one worker: 1 in 2048).
seen=
u=1
while [ "$u" -le 12 ]; do
	cli_bg w$u --ping 3 --hold 3 "$SRV6" user$u password$u
	pw=$cpid
	if wait_until 100 is_up w$u; then
		_sid=$(sid_of user$u)
		wk=$(show_field "$_sid" gre-worker)
		diag "user$u: call id $(show_field "$_sid" call-id) on $wk"
	else
		wk=
	fi
	wait "$pw"
	rw=$?
	if [ "$rw" -ne 0 ] || ! pinged w$u 3; then
		notok "user$u over IPv6 on ${wk:-no worker}: 3 of 3 pings (exit $rw)"
		show_err w$u
		break
	fi
	case " $seen " in
	*" $wk "*) ;;
	*) seen="$seen $wk" ;;
	esac
	[ "$(echo $seen | wc -w)" -ge 2 ] && break
	u=$((u + 1))
done
check "sessions over IPv6 on both data workers pinged through (${seen# })" \
    [ "$(echo $seen | wc -w)" -eq 2 ]
ip netns exec "$CNS" "$PPTPC" --ping 3 "$SRV" user2 password2 \
    > "$SEC_DIR/b2.out" 2> "$SEC_DIR/b2.err"
rb=$?
check "gre-workers 2: an IPv4 client beside them: 3 of 3 pings (exit $rb)" \
    sh -c "[ $rb -eq 0 ] && grep -qx 'ping 3 3' '$SEC_DIR/b2.out'"
[ "$rb" -eq 0 ] || show_err b2
# a shard filter that let every packet through would show here: the
# other worker knows no such call
check "no worker saw another's GRE (no drop no-session)" \
    not log_has "drop no-session"
check "no gre worker restarted" not log_has "event=worker-restart"

_pid=$SEC_PID
kill -TERM "$_pid"
check "SIGTERM: the daemon exits within 3 s" wait_until 30 dead "$_pid"
sec_stop_daemon
grep "event=session-" "$SEC_DIR/log" | sed "s/^/#   /"
sec_finish
