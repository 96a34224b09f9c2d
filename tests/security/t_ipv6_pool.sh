#!/bin/sh
# Issue 17, step 1: `ipv6 pool` -- a /64 per session, with the native
# test client (tests/tools/pptpc.c; it negotiates no IPV6CP, which the
# prefix does not wait for: it is the session's from authentication on,
# as its IPv4 address).  Server and client namespaces joined by a veth
# pair.  Every wait is bounded.
#
#   - hpptpd -n refuses a bad pool with a reason (file:line)
#   - a session's /64 is routed to its worker's tun (hpptp0 or hpptp0-K, protocol 0x7a) while it
#     lives and gone after; hpptpctl show and list print it; audit
#     session-up carries prefix6=
#   - a /62 pool holds 3 prefixes: a fourth session is refused
#     (event=session-refused reason="ipv6 prefix pool exhausted"), and
#     a released prefix comes back only after the others went round
#   - a ctrl restart ends its sessions and removes their routes;
#     SIGTERM leaves no IPv6 route of ours in the namespace
. "$(dirname "$0")/lib.sh"
sec_init ipv6_pool

SRV=198.18.0.1
CLI=198.18.0.2
CNS="hpsec-ip6c-$$"
CLIENT_PIDS=

sec_client_traps

sec_pptpc || exit 1

for _u in 1 2 3 4 5; do
	printf '"user%s" pptpd "password%s" *\n' "$_u" "$_u"
done > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_ipv6_pool.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
ipv6 pool 2001:db8:100::/62 prefix-length 64
EOF

# ---- hpptpd -n ----------------------------------------------------------

# checkn FILE PATTERN: hpptpd -n on FILE fails and says PATTERN
refused_with() {
	! "$HP_BUILD/hpptpd" -n -f "$1" > "$SEC_DIR/n.out" 2>&1 &&
	    grep -q -- "$2" "$SEC_DIR/n.out"
}
printf 'ipv6 pool 2001:db8:100::/48 prefix-length 56\n' > "$SEC_DIR/bad.conf"
check "hpptpd -n refuses prefix-length 56, saying why" refused_with \
    "$SEC_DIR/bad.conf" 'bad.conf:1: ipv6 pool prefix-length 56: only 64'
printf 'ipv6 pool 2001:db8:100::/40\n' > "$SEC_DIR/bad.conf"
check "hpptpd -n refuses a /40 pool, saying why" refused_with \
    "$SEC_DIR/bad.conf" 'the pool must be a /48 to a /63'
"$HP_BUILD/hpptpd" -n -f "$SEC_DIR/hpptpd.conf" > "$SEC_DIR/n.out" 2>&1
check "hpptpd -n prints the pool" \
    grep -qx 'ipv6 pool 2001:db8:100::/62 prefix-length 64' "$SEC_DIR/n.out"

# ---- the daemon ---------------------------------------------------------

sec_veth hp6 "$SRV" "$CLI" || exit 1

ip netns exec "$SEC_NS" "$HP_BUILD/hpptpd" -d -v -f "$SEC_DIR/hpptpd.conf" \
    > "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
if ! wait_until 200 all_ready; then
	notok "daemon starts"
	sed 's/^/#   /' "$SEC_DIR/log"
	exit 1
fi
SEC_KIDS="$(worker_pid ctrl) $(worker_pid gre) $(worker_pid auth)"
ok "daemon up with an ipv6 pool"
check "the server's 2001:db8:100::1/128 on hpptp0" sh -c \
    "ip -n $SEC_NS -6 addr show dev hpptp0 | grep -q 'inet6 2001:db8:100::1/128'"
check "log: the pool's size" log_has "ipv6 pool: 3 prefixes of /64, local address 2001:db8:100::1"

ctl() { "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
routes6() {
	ip -n "$SEC_NS" -6 route show proto 0x7a 2>/dev/null |
	    awk '{ print $1, $3 }'
}
# on the tun of the session's data worker: hpptp0, or hpptp0-K with
# gre-workers (the session's worker is its call id mod N)
has_route6() { routes6 | grep -qxE "$1 hpptp0(-[0-9]+)?"; }
no_route6() { ! routes6 | grep -q "^$1 "; }
up_addr() { awk '$1 == "up" { print $2 }' "$SEC_DIR/$1.out"; }
not() { ! "$@"; }
# allof 'COND' ...: every shell condition holds (evaluated now)
allof() {
	for _c; do
		eval "$_c" 2>/dev/null || return 1
	done
	return 0
}
sid_of() { ctl list 2>/dev/null | awk -v u="$1" '$2 == u { print $1 }'; }

# ---- one session ------------------------------------------------------------

P1=2001:db8:100:1::/64
cli_bg c1 --hold 60 "$SRV" user1 password1
p1=$cpid
if check "user1 is up" wait_until 100 is_up c1; then
	check "its /64 $P1 is routed to its worker's tun (protocol 0x7a)" \
	    wait_until 30 has_route6 "$P1"
	check "audit: session-up with prefix6=$P1" \
	    wait_until 30 log_has "event=session-up .*user=\"user1\" .*prefix6=$P1\$"
	sid=$(sid_of user1)
	check "hpptpctl show $sid: prefix6: $P1" \
	    sh -c "$HP_BUILD/hpptpctl -s $SEC_DIR/hpptpd.sock show $sid | grep -qx 'prefix6: $P1'"
	check "hpptpctl list: a PREFIX6 column with $P1" allof \
	    "ctl list | head -n 1 | grep -q ' PREFIX6\$'" \
	    "ctl list | awk '\$2 == \"user1\" { print \$NF }' | grep -qx '$P1'"
else
	sed 's/^/#   /' "$SEC_DIR/c1.err"
fi

# ---- pool exhaustion, then next-fit reuse --------------------------------------

# one after the other, so that user2 gets :2 and user3 :3
cli_bg c2 --hold 60 "$SRV" user2 password2
p2=$cpid
wait_until 100 is_up c2
cli_bg c3 --hold 60 "$SRV" user3 password3
check "user2 and user3 are up" allof "wait_until 100 is_up c3" "is_up c2"
check "user2 has :2" log_has 'event=session-up .*user="user2" .*prefix6=2001:db8:100:2::/64$'
check "three /64s routed (:1, :2, :3)" allof \
    "has_route6 2001:db8:100:2::/64" "has_route6 2001:db8:100:3::/64"
ip netns exec "$CNS" "$PPTPC" "$SRV" user4 password4 > "$SEC_DIR/c4.out" \
    2> "$SEC_DIR/c4.err"
rc=$?
check "a fourth session is refused: the /62 holds three (exit $rc)" \
    sh -c "[ $rc -ne 0 ] && ! grep -q '^up ' '$SEC_DIR/c4.out'"
check "audit: session-refused reason=\"ipv6 prefix pool exhausted\"" \
    wait_until 30 log_has 'event=session-refused .*user="user4" .*reason="ipv6 prefix pool exhausted"'
kill -TERM "$p2" 2>/dev/null
check "user2's /64 is unrouted once its session ends" \
    wait_until 150 no_route6 2001:db8:100:2::/64
check "audit: session-down for user2" \
    wait_until 50 log_has 'event=session-down .*user="user2"'
# :2 is the only free one now: the cursor comes round to it
cli_bg c5 --hold 60 "$SRV" user5 password5
if check "user5 is up" wait_until 100 is_up c5; then
	check "user5 gets the released 2001:db8:100:2::/64" \
	    wait_until 30 log_has "event=session-up .*user=\"user5\" .*prefix6=2001:db8:100:2::/64\$"
fi

# ---- shutdown -------------------------------------------------------------

# ---- worker restart, shutdown ---------------------------------------------

nroutes6() { ip -n "$SEC_NS" -6 route show proto 0x7a | wc -l; }
check "user1's and user3's /64s routed" has_route6 2001:db8:100:3::/64
_old=$(worker_pid ctrl)
kill -KILL "$_old"
check "ctrl killed: its sessions' routes are removed" \
    wait_until 150 sh -c "[ \"\$(ip -n $SEC_NS -6 route show proto 0x7a | wc -l)\" -eq 0 ]"
wait_until 100 worker_ready_again ctrl "$_old"
SEC_KIDS="$(worker_pid ctrl) $(worker_pid gre) $(worker_pid auth)"
cli_bg c6 --hold 60 "$SRV" user1 password1
if check "after the restart user1 is up again" wait_until 100 is_up c6; then
	check "a /64 of the pool is routed for it" \
	    wait_until 30 sh -c "[ \"\$(ip -n $SEC_NS -6 route show proto 0x7a | wc -l)\" -eq 1 ]"
fi
sec_stop_daemon
SEC_PID=
check "SIGTERM: no IPv6 route of ours left" \
    sh -c "[ -z \"\$(ip -n $SEC_NS -6 route show proto 0x7a)\" ]"
for _p in $CLIENT_PIDS; do
	alive "$_p" && kill -KILL "$_p" 2>/dev/null
done
grep "event=session-" "$SEC_DIR/log" | sed "s/^/#   /"
sec_finish
