#!/bin/sh
# Issue 20, red team: a compromised worker, sandboxed exactly like the
# real one and running the real worker's code, speaks the real IPC to
# the real master and auth.  The test-hook build (make TEST_HOOKS=1)
# has an "evil mode" per worker, chosen by an environment variable that
# master passes on to its workers in that build only (master/proc.c):
#
#   HP_EVIL_CTRL=replay    ctrl sends the first authentication request
#			   it saw (a genuine MS-CHAPv2 login of alice)
#			   for every later session
#   HP_EVIL_CTRL=skip-ccp  ctrl negotiates CCP with the peer but never
#			   tells master the MPPE modes
#   HP_EVIL_CTRL=pap	   ctrl turns each request into PAP with
#			   HP_EVIL_PASSWORD (server: auth mschap-v2 only)
#   HP_EVIL_CTRL=metrics-forge
#			   ctrl asks master for metrics text of a
#			   scraper slot master never handed it
#   HP_EVIL_AUTH=addr=A,user=U
#			   auth names the static address A (a host on
#			   the server's LAN) in every ok verdict for U
#   HP_EVIL_GRE=foreign-counters=made-up|earlier
#			   gre reports counters for a session it was
#			   never given: a sid master never issues, or the
#			   sid of a connection that has not opened a call
#
# Each case starts the test-hook daemon with one evil mode, drives
# genuine logins with the native client (tests/tools/pptpc) from a
# client namespace, and asserts what must happen: no login, session or
# route the attacker wanted, a violation or refusal logged, the worker
# restarted where it lied, master still running.
#
# Until issue 20's fixes land, the assertions that fail on today's code
# are listed in TODO_CASES: they print "not ok ... # TODO issue 20: ..."
# (tests/run-all.sh lists them as known failing and counts them neither
# passed nor failed).  Remove a case from the list when its fix lands;
# a listed case that passes prints "ok ... # TODO ... passes now".
. "$(dirname "$0")/lib.sh"
sec_init redteam

# ---- known failing (issue 20): one case id per line ---------------------
# (none: all fixed by master's session machine, see SECURITY.md)
TODO_CASES='
'

[ -x "$HP_TEST_BUILD/hpptpd" ] ||
    skip_all "no test-hook build in '$HP_TEST_BUILD' (make TEST_HOOKS=1)"
command -v unshare >/dev/null 2>&1 || skip_all "needs unshare (util-linux)"

SRV=198.18.0.1
CLI=198.18.0.2
LAN_HOST=203.0.113.254	# a host on the server's LAN (lan0 below)
PW=alice-password
EVIL_SID=0xbad0000	# gre/main.c EVIL_SID_MADE_UP: slot 0, never issued
CNS="hpsec-rtc-$$"
CLIENT_PIDS=

sec_client_traps

# tcheck CASE DESCRIPTION COMMAND...: check, with CASE's TODO mark when
# it is listed in TODO_CASES (a failure there is not counted).
is_todo() { echo "$TODO_CASES" | grep -qxF -- "$1"; }
tcheck() {
	_c=$1
	_d=$2
	shift 2
	if "$@"; then
		if is_todo "$_c"; then
			echo "ok - $SEC_NAME: $_c: $_d # TODO issue 20: ${_c%%.*} passes now: take $_c off TODO_CASES"
		else
			ok "$_c: $_d"
		fi
	elif is_todo "$_c"; then
		echo "not ok - $SEC_NAME: $_c: $_d # TODO issue 20: ${_c%%.*}"
	else
		notok "$_c: $_d"
	fi
}

# The client: built beside the release daemon (tests/tools/tools.mk).
sec_pptpc || exit 1

# The mechanism is the test build's alone.
check "release binaries carry no evil mode (no HP_EVIL_ string)" \
    sh -c "! grep -qa HP_EVIL_ '$HP_BUILD/hpptpd' '$HP_BUILD/hpptpd-ctrl' \
    '$HP_BUILD/hpptpd-gre' '$HP_BUILD/hpptpd-auth'"

# ---- setup ---------------------------------------------------------------

mkdir -p "$SEC_DIR/varlog" "$SEC_DIR/run"
{
	printf '"alice" pptpd "%s" *\n' "$PW"
	printf '"bob" pptpd "bob-password" *\n'
} > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"

sec_veth hpr "$SRV" "$CLI" || exit 1
# The server's LAN, where $LAN_HOST lives (proxyarp would answer for it
# there); a veth end inside the namespace goes with the namespace.
ip -n "$SEC_NS" link add lan0 type veth peer name lan0p &&
    ip -n "$SEC_NS" addr add 203.0.113.1/24 dev lan0 &&
    ip -n "$SEC_NS" link set lan0 up &&
    ip -n "$SEC_NS" link set lan0p up || { notok "LAN interface"; exit 1; }

# ---- helpers ---------------------------------------------------------------

# rt_start CASE CONFIG_LINES VAR=VALUE...: the test-hook daemon with the
# evil environment (master passes it on), its own /var/log and /run.
rt_start() {
	_case=$1
	_conf=$2
	shift 2
	cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_redteam.sh ($_case)
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
# one data worker: the evil gre is the one every session lands on (the
# shard rule between several is test_master_session.c's)
gre-workers 1
$_conf
EOF
	: > "$SEC_DIR/log"
	ip netns exec "$SEC_NS" unshare -m --propagation private env "$@" \
	    sh -c 'mount --bind "$1/varlog" /var/log &&
	    mount --bind "$1/run" /run && exec "$2" -d -v -f "$1/hpptpd.conf"' \
	    sh "$SEC_DIR" "$HP_TEST_BUILD/hpptpd" > "$SEC_DIR/log" 2>&1 &
	SEC_PID=$!
	if ! wait_until 200 all_ready; then
		notok "$_case: test-hook daemon starts ($*)"
		sed 's/^/#   /' "$SEC_DIR/log"
		return 1
	fi
	SEC_KIDS="$(worker_pid ctrl) $(worker_pid gre) $(worker_pid auth)"
	diag "$_case: daemon $SEC_PID with $*"
	return 0
}
# rt_stop CASE: master still running, then stop it; keep its log.
rt_stop() {
	check "$1: master still running" alive "$SEC_PID"
	for _p in $CLIENT_PIDS; do
		alive "$_p" && kill -KILL "$_p" 2>/dev/null
		wait "$_p" 2>/dev/null
	done
	CLIENT_PIDS=
	sec_stop_daemon
	cp "$SEC_DIR/log" "$SEC_DIR/$1.log"
}
ctl() { "$HP_TEST_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
# cli NAME ARGS...: the client in the foreground; status in $rc
cli() {
	_n=$1
	shift
	ip netns exec "$CNS" "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err"
	rc=$?
}
# cli_bg NAME ARGS...: the same in the background; pid in $cpid
show_err() { sed 's/^/#   /' "$SEC_DIR/$1.err"; }
not() { ! "$@"; }
count_is() { [ "$(log_count "$1")" -eq "$2" ]; }
count_gt() { [ "$(log_count "$1")" -gt "$2" ]; }
restarted() { worker_ready_again "$1" "$2"; }
ctrl_restarted() { restarted ctrl "$1"; }
# pings NAME: the replies in the client's "ping SENT RECEIVED" line
pings() { awk '$1 == "ping" { print $3 }' "$SEC_DIR/$1.out"; }

# ---- 1. replay of a recorded MS-CHAPv2 login --------------------------------

if rt_start replay "" HP_EVIL_CTRL=replay; then
	cli r1 --ping 1 "$SRV" alice "$PW"
	check "replay: a genuine login of alice (recorded by ctrl) works (exit $rc)" \
	    [ "$rc" -eq 0 ]
	[ "$rc" -eq 0 ] || show_err r1
	okc=$(log_count 'event=auth-ok .*user="alice"')
	upc=$(log_count 'event=session-up .*user="alice"')
	old=$(worker_pid ctrl)
	cli r2 --ping 1 "$SRV" alice wrong-password
	diag "replay: wrong-password client exit $rc: $(tail -n 1 "$SEC_DIR/r2.err")"
	check "replay: the wrong-password client is not logged in (exit $rc)" \
	    [ "$rc" -ne 0 ]
	tcheck replay.no-auth-ok "no second event=auth-ok for alice ($okc before, $(log_count 'event=auth-ok .*user="alice"') now)" \
	    count_is 'event=auth-ok .*user="alice"' "$okc"
	check "replay: no second event=session-up for alice" \
	    count_is 'event=session-up .*user="alice"' "$upc"
	tcheck replay.violation "master logs event=ipc-violation proc=ctrl (challenge)" \
	    wait_until 30 log_has 'event=ipc-violation proc=ctrl .*challenge'
	tcheck replay.ctrl-restarted "ctrl (pid $old) is replaced" \
	    wait_until 50 ctrl_restarted "$old"
	cli r3 --ping 1 "$SRV" alice "$PW"
	tcheck replay.later-login "a later genuine login of alice works (exit $rc)" \
	    [ "$rc" -eq 0 ]
	rt_stop replay
fi

# ---- 2. MPPE required, ctrl never reports CCP ---------------------------------

if rt_start skip-ccp "mppe require 128" HP_EVIL_CTRL=skip-ccp; then
	# a client that hopes for a server not enforcing MPPE: CCP as usual,
	# then IP in clear
	cli s1 --plain-ip --ping 3 "$SRV" alice "$PW"
	diag "skip-ccp: plain-IP client exit $rc, ping: $(grep '^ping' "$SEC_DIR/s1.out")"
	diag "skip-ccp: $(grep -o 'event=session-up .*' "$SEC_DIR/log" | head -n 1)"
	tcheck skip-ccp.no-session-up "no event=session-up (MPPE required, no CCP mode reported)" \
	    not log_has 'event=session-up '
	tcheck skip-ccp.violation "master logs event=ipc-violation proc=ctrl (mppe)" \
	    wait_until 30 sh -c "grep -Eq 'event=ipc-violation proc=ctrl .*[Mm][Pp][Pp][Ee]' '$SEC_DIR/log'"
	p=$(pings s1)
	tcheck skip-ccp.no-plain-ip "no IP in clear passes (echo replies: ${p:-none})" \
	    [ "${p:-0}" -eq 0 ]
	rt_stop skip-ccp
fi

# ---- 3. a method outside the configured set ------------------------------------

if rt_start pap "auth mschap-v2" HP_EVIL_CTRL=pap HP_EVIL_PASSWORD="$PW"; then
	cli p1 "$SRV" alice wrong-password
	diag "pap: client exit $rc: $(tail -n 1 "$SEC_DIR/p1.err")"
	tcheck pap.no-auth-ok "no event=auth-ok with method=pap (auth mschap-v2 only)" \
	    not log_has 'event=auth-ok .*method=pap'
	tcheck pap.violation "master logs event=ipc-violation proc=ctrl (method)" \
	    wait_until 30 log_has 'event=ipc-violation proc=ctrl .*method'
	check "pap: no event=session-up" not log_has 'event=session-up '
	rt_stop pap
fi

# ---- 4. metrics text for a scraper that does not exist ---------------------------

if rt_start metrics-forge "metrics listen on 127.0.0.1 port 9555" \
    HP_EVIL_CTRL=metrics-forge; then
	old=$(worker_pid ctrl)
	cli m1 "$SRV" alice "$PW"
	check "metrics-forge: master logs event=ipc-violation proc=ctrl type=metrics-req" \
	    wait_until 30 log_has 'event=ipc-violation proc=ctrl type=metrics-req'
	check "metrics-forge: ctrl (pid $old) is replaced" \
	    wait_until 50 ctrl_restarted "$old"
	rt_stop metrics-forge
fi

# ---- 7. auth hands out an address outside every pool ------------------------------

has_route() {
	ip -n "$SEC_NS" route show table all | grep -q "^$LAN_HOST "
}
has_proxy() {
	ip -n "$SEC_NS" neigh show proxy | grep -q "^$LAN_HOST "
}
refused_line() { log_has 'event=session-refused .*address.*not allowed'; }
if rt_start addr "proxyarp yes" HP_EVIL_AUTH="addr=$LAN_HOST,user=alice"
then
	# bob, a bystander: up before the attack, still up after it
	cli_bg b1 --ping 1 --hold 10 "$SRV" bob bob-password
	pb=$cpid
	wait_until 100 is_up b1
	check "addr: bob's session is up first ($(awk '$1 == "up" { print $2 }' "$SEC_DIR/b1.out"))" \
	    is_up b1
	cli_bg a1 --hold 8 "$SRV" alice "$PW"
	pa=$cpid
	# up, refused, or the client gave up: then look at the routes
	a_settled() { is_up a1 || refused_line || dead "$pa"; }
	wait_until 150 a_settled
	route=$(has_route && echo yes || echo no)
	proxy=$(has_proxy && echo yes || echo no)
	diag "addr: alice's client $(is_up a1 && echo up || echo 'not up'), route $route, proxy entry $proxy"
	tcheck addr.no-session-up "no event=session-up at $LAN_HOST" \
	    not log_has "event=session-up .*ip=$LAN_HOST "
	tcheck addr.refused "event=session-refused: the address is not allowed" \
	    refused_line
	tcheck addr.no-route "no route for $LAN_HOST in the server namespace" \
	    [ "$route" = no ]
	tcheck addr.no-proxy-arp "no proxy neighbour entry for $LAN_HOST" \
	    [ "$proxy" = no ]
	wait "$pb"
	rb=$?
	check "addr: bob's session lasted its 10 s and closed cleanly (exit $rb)" \
	    [ "$rb" -eq 0 ]
	rt_stop addr
fi

# ---- gre reports counters for sessions it does not own -------------------------------

# A sid master never issued.
if rt_start gre-made-up "" HP_EVIL_GRE=foreign-counters=made-up; then
	old=$(worker_pid gre)
	cli_bg g1 --hold 4 "$SRV" alice "$PW"
	wait_until 100 log_has "evil: counters for sid=$EVIL_SID"
	check "gre-made-up: the evil gre reported sid $EVIL_SID" \
	    log_has "evil: counters for sid=$EVIL_SID"
	tcheck gre-made-up.violation "master logs event=ipc-violation proc=gre for sid $EVIL_SID" \
	    wait_until 30 log_has "event=ipc-violation proc=gre type=gre-counters sid=$EVIL_SID "
	tcheck gre-made-up.gre-restarted "gre (pid $old) is replaced" \
	    wait_until 50 restarted gre "$old"
	rt_stop gre-made-up
fi

# The sid of another client's connection that has not opened a call
# (master issued it just before the evil gre's own session).
if rt_start gre-earlier "" HP_EVIL_GRE=foreign-counters=earlier; then
	old=$(worker_pid gre)
	ip netns exec "$CNS" timeout 15 perl -MIO::Socket::INET -e \
	    '$s = IO::Socket::INET->new(PeerAddr => $ARGV[0],
	    PeerPort => 1723, Proto => "tcp", Timeout => 2) or exit 1;
	    sleep 12' "$SRV" &
	CLIENT_PIDS="$CLIENT_PIDS $!"
	one_conn() { [ "$(ctl list 2>/dev/null | grep -c '^0x')" -eq 1 ]; }
	wait_until 50 one_conn
	early=$(ctl list 2>/dev/null | awk '/^0x/ { print $1; exit }')
	cli_bg g2 --hold 4 "$SRV" alice "$PW"
	wait_until 100 log_has "evil: counters for sid="
	target=$(sed -n 's/.*evil: counters for sid=\(0x[0-9a-f]*\) .*/\1/p' \
	    "$SEC_DIR/log" | head -n 1)
	check "gre-earlier: the evil gre reported the other connection's sid (${early:-none}, reported ${target:-none})" \
	    [ -n "$early" -a "$early" = "$target" ]
	tcheck gre-earlier.violation "master logs event=ipc-violation proc=gre for $early" \
	    wait_until 30 log_has "event=ipc-violation proc=gre type=gre-counters sid=$early "
	tcheck gre-earlier.gre-restarted "gre (pid $old) is replaced" \
	    wait_until 50 restarted gre "$old"
	sh_out=$(ctl show "$early" 2>&1)
	diag "gre-earlier: $(echo "$sh_out" | grep -E '^(state|bytes-in|counters)' | tr '\n' ' ')"
	tcheck gre-earlier.other-session "the other connection's session is intact: still listed, no call, no counters taken" \
	    sh -c "echo '$sh_out' | grep -q '^state: connected' &&
	    ! echo '$sh_out' | grep -q 6666666"
	rt_stop gre-earlier
fi

sec_finish
