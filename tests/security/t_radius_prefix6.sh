#!/bin/sh
# RADIUS Framed-IPv6-Prefix (issue 17, RFC 3162): a user's own /64
# instead of one from the ipv6 pool, against a real `freeradius -X` (a
# private copy of /etc/freeradius/3.0) and tests/tools/pptpc in network
# namespaces of this test.  pptpc negotiates no IPV6CP; the prefix is
# the session's from authentication on, as in t_ipv6_pool.sh.
#   - alice's reply names 2001:db8:100:9::/64: her session has it
#     (routed to its worker's tun, hpptpctl show, audit prefix6=);
#   - bob's names the same /64 while alice holds it: refused,
#     event=session-refused reason="Framed-IPv6-Prefix in use";
#   - carol's names one outside the pool, dave's the server's own /64:
#     refused, reason="Framed-IPv6-Prefix not in the ipv6 pool";
#   - erin's is a /56: auth refuses the login (event=auth-fail
#     reason=framed-ipv6-prefix-not-64; the client gets a failure);
#   - hpptpctl stats counts the three refused in master and the pool's
#     prefixes in use;
#   - fred's names none: a /64 of the pool that is not alice's, and his
#     reply's Delegated-IPv6-Prefix is logged as not used;
#   - alice gone, her /64 is unrouted, and bob then gets it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init radprefix6
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
[ -d /etc/freeradius/3.0 ] || skip_all "no /etc/freeradius/3.0"

SECRET=hp-prefix6-Secret-4
SRV=192.0.2.1
CLI=192.0.2.2
CNS="hpsec-radp6c-$$"
fr_begin "$SECRET" || exit 1

# ---- FreeRADIUS ------------------------------------------------------------
cat > "$RAD/mods-config/files/authorize" <<'EOF'
# written by tests/security/t_radius_prefix6.sh
alice	Cleartext-Password := "alice-Pass-61"
	Message-Authenticator := 0x00,
	Framed-IPv6-Prefix = 2001:db8:100:9::/64
bob	Cleartext-Password := "bob-Pass-62"
	Message-Authenticator := 0x00,
	Framed-IPv6-Prefix = 2001:db8:100:9::/64
carol	Cleartext-Password := "carol-Pass-63"
	Message-Authenticator := 0x00,
	Framed-IPv6-Prefix = 2001:db8:999:1::/64
dave	Cleartext-Password := "dave-Pass-64"
	Message-Authenticator := 0x00,
	Framed-IPv6-Prefix = 2001:db8:100::/64
erin	Cleartext-Password := "erin-Pass-65"
	Message-Authenticator := 0x00,
	Framed-IPv6-Prefix = 2001:db8:100:100::/56
fred	Cleartext-Password := "fred-Pass-66"
	Message-Authenticator := 0x00,
	Delegated-IPv6-Prefix = 2001:db8:200::/56
EOF
fr_up || exit 1

# ---- hpptpd ------------------------------------------------------------------
printf '%s\n' "$SECRET" > "$SEC_DIR/radius-secret"
printf '"local" * "local-File-Pass" *\n' > "$SEC_DIR/chap-secrets"
chown 0:0 "$SEC_DIR/radius-secret" "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/radius-secret" "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<EOF
# written by tests/security/t_radius_prefix6.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
lockout no
radius server 127.0.0.1 secret-file "$SEC_DIR/radius-secret" timeout 1s retries 2
auth-source radius
ipv6 pool 2001:db8:100::/60 prefix-length 64
EOF
SEC_NW=$(sec_nworkers)
: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" "$HP_BUILD/hpptpd" -d -v -f "$SEC_DIR/hpptpd.conf" \
    >> "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
if ! wait_until 200 all_ready; then
	notok "daemon starts"
	sed 's/^/#   /' "$SEC_DIR/log"
	exit 1
fi
ok "daemon up with RADIUS and an ipv6 pool"

ctl() { "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
routes6() {
	ip -n "$SEC_NS" -6 route show proto 0x7a 2>/dev/null |
	    awk '{ print $1, $3 }'
}
has_route6() { routes6 | grep -qxE "$1 hpptp0(-[0-9]+)?"; }
no_route6() { ! routes6 | grep -q "^$1 "; }
cli_bg() {
	_n=$1
	shift
	ip netns exec "$CNS" timeout 90 "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err" &
	cpid=$!
	CLIENT_PIDS="$CLIENT_PIDS $cpid"
}
# cli NAME ARGS: a client in the foreground; its exit status in rc
cli() {
	_n=$1
	shift
	ip netns exec "$CNS" timeout 60 "$PPTPC" "$@" > "$SEC_DIR/$_n.out" \
	    2> "$SEC_DIR/$_n.err"
	rc=$?
}
sid_of() { ctl list 2>/dev/null | awk -v u="$1" '$2 == u { print $1 }'; }
# refused NAME USER PASS REASON: the login fails and the audit says why
refused() {
	cli "$1" "$SRV" "$2" "$3"
	check "$2: the client gets no session (exit $rc)" \
	    sh -c "[ $rc -ne 0 ] && ! grep -q '^up ' '$SEC_DIR/$1.out'"
	check "$2: audit $4" wait_until 50 log_has "$4"
}

P9=2001:db8:100:9::/64
cli_bg alice --hold 60 "$SRV" alice alice-Pass-61
palice=$cpid
if check "alice is up" wait_until 100 is_up alice; then
	check "her Framed-IPv6-Prefix $P9 is routed to its worker's tun" \
	    wait_until 30 has_route6 "$P9"
	check "audit: session-up with prefix6=$P9" wait_until 30 log_has \
	    "event=session-up .*user=\"alice\" .*prefix6=$P9\$"
	sid=$(sid_of alice)
	check "hpptpctl show ${sid:-?}: prefix6: $P9" \
	    sh -c "$HP_BUILD/hpptpctl -s $SEC_DIR/hpptpd.sock show '$sid' | grep -qx 'prefix6: $P9'"
else
	sed 's/^/#   /' "$SEC_DIR/alice.err"
fi

refused bob bob bob-Pass-62 \
    'event=session-refused .*user="bob" .*reason="Framed-IPv6-Prefix in use"'
check "bob's refusal names the prefix in the log" \
    log_has "Framed-IPv6-Prefix 2001:db8:100:9::/64 for \"bob\": in use"
refused carol carol carol-Pass-63 \
    'event=session-refused .*user="carol" .*reason="Framed-IPv6-Prefix not in the ipv6 pool"'
refused dave dave dave-Pass-64 \
    'event=session-refused .*user="dave" .*reason="Framed-IPv6-Prefix not in the ipv6 pool"'
refused erin erin erin-Pass-65 \
    'event=auth-fail .*user="erin" .*reason=framed-ipv6-prefix-not-64'
check "no route for any refused prefix" sh -c \
    "[ \"\$(ip -n $SEC_NS -6 route show proto 0x7a | wc -l)\" -eq 1 ]"
ctl stats > "$SEC_DIR/stats.out" 2>&1
check "hpptpctl stats: one /64 in use, three Framed-IPv6-Prefix refused" \
    grep -qx 'ipv6 pool: 14 free, 1 in use, 15 prefixes; Framed-IPv6-Prefix refused 3' \
    "$SEC_DIR/stats.out"

cli_bg fred --hold 60 "$SRV" fred fred-Pass-66
if check "fred (no Framed-IPv6-Prefix) is up" wait_until 100 is_up fred; then
	check "fred gets a /64 of the pool, not alice's" wait_until 30 \
	    log_has 'event=session-up .*user="fred" .*prefix6=2001:db8:100:[1-8a-f]::/64$'
	check "fred's Delegated-IPv6-Prefix is logged as not used" \
	    log_has 'Delegated-IPv6-Prefix ignored'
fi

kill -TERM "$palice" 2>/dev/null
check "alice gone: $P9 is unrouted" wait_until 150 no_route6 "$P9"
cli_bg bob2 --hold 60 "$SRV" bob bob-Pass-62
if check "bob is up once alice's prefix is free" wait_until 100 is_up bob2; then
	check "bob now has $P9" wait_until 30 log_has \
	    "event=session-up .*user=\"bob\" .*prefix6=$P9\$"
	check "and it is routed" wait_until 30 has_route6 "$P9"
fi
check "no secret in the log" \
    sh -c "! grep -Eq 'Pass-6|$SECRET' '$SEC_DIR/log'"
grep "event=" "$SEC_DIR/log" | sed "s/^/#   /"
if [ "$SEC_FAILS" -gt 0 ]; then
	diag "daemon log (end):"
	tail -40 "$SEC_DIR/log" | sed 's/^/#   /'
	diag "alice's client:"
	sed 's/^/#   /' "$SEC_DIR/alice.err"
fi
sec_finish
