#!/bin/sh
# One address pool, two servers (issue 16): two hpptpd boxes, each in
# its own network namespace, against one real FreeRADIUS (`freeradius
# -X`, a private copy of /etc/freeradius/3.0) whose sqlippool module
# hands out Framed-IP-Address from one SQLite table, and whose sql
# module keeps radacct for Simultaneous-Use.  The project's client
# (tests/tools/pptpc) logs in to either box from a third namespace; all
# four sit on one bridge in the RADIUS namespace.
#   - three logins, spread over both boxes, get three different
#     addresses of the shared pool (3 addresses): no address twice;
#   - the pool full, a fourth login is refused (Access-Reject: 691);
#   - a kick on box B sends Accounting-Stop: the lease comes back and
#     the next login (on box B) gets that address;
#   - kill -9 of box A's master: its leases stay taken (the table says
#     so) until A runs again and sends Accounting-On, which frees every
#     lease of A's NAS-IP-Address (radius nas-ip-address): two logins on
#     A then get them;
#   - Simultaneous-Use := 1 for a user: logged in on box A, the same
#     user on box B gets 691 (FreeRADIUS counts radacct rows of both);
#   - or, for a user marked "newest wins" (control Tmp-Integer-1 := 1 in
#     the users file): logged in on box A, the same user on box B is let
#     in, and FreeRADIUS itself sends a Disconnect-Request (`update
#     disconnect`, originate-coa) to box A's DAE port for the radacct
#     row still open: box A ends the first session (event=dae-disconnect,
#     Stop with Admin-Reset), the second stays up on B;
#   - hpptpd -n refuses a local pool that overlaps `radius pool`.
# Debian 12's FreeRADIUS 3.2.1 ships a broken SQLite allocate_find
# query (no AND between its two conditions); the test's copy fixes it,
# as etc/freeradius-sqlippool.conf tells operators to.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radius_lib.sh"
sec_init radpool
command -v freeradius >/dev/null 2>&1 ||
    skip_all "needs freeradius (make deps)"
command -v sqlite3 >/dev/null 2>&1 || skip_all "needs sqlite3 (make deps)"
[ -f /usr/lib/freeradius/rlm_sqlippool.so ] &&
    [ -f /usr/lib/freeradius/rlm_sql_sqlite.so ] ||
    skip_all "FreeRADIUS without rlm_sqlippool / rlm_sql_sqlite"

SECRET=hp-pool-Secret-3
DSECRET=hp-pool-Dae-Secret-8
NET=198.18.6
RNS="hpsec-rp-r-$$"	# FreeRADIUS and the bridge
ANS="hpsec-rp-a-$$"	# box A
BNS="hpsec-rp-b-$$"	# box B
CNS="hpsec-rp-c-$$"	# the clients
RAD=$SEC_DIR/raddb
DB=$SEC_DIR/radius.db
FR_PID=
A_PID=
B_PID=
CLIENT_PIDS=
HPB=$HP_BUILD
rp_cleanup() {
	for _p in $CLIENT_PIDS $A_PID $B_PID; do
		alive "$_p" && kill -TERM "$_p" 2>/dev/null
	done
	for _p in $A_PID $B_PID; do
		wait_until 50 dead "$_p"
		alive "$_p" && kill -KILL "$_p" 2>/dev/null
	done
	fr_stop "$FR_PID"
	for _n in "$ANS" "$BNS" "$CNS" "$RNS"; do
		ip netns del "$_n" 2>/dev/null
	done
	[ -n "${RP_KEEP:-}" ] && cp -a "$SEC_DIR" "$RP_KEEP"
	sec_cleanup
}
trap 'rp_cleanup' EXIT
trap 'rp_cleanup; exit 1' INT TERM HUP

sec_pptpc || exit 1

# ---- the network: a bridge in RNS, one veth per namespace ----------------
ip netns add "$RNS" && ip netns add "$ANS" && ip netns add "$BNS" &&
    ip netns add "$CNS" &&
    ip -n "$RNS" link add br0 type bridge &&
    ip -n "$RNS" addr add "$NET.254/24" dev br0 &&
    ip -n "$RNS" link set br0 up && ip -n "$RNS" link set lo up ||
    { notok "namespaces"; exit 1; }
# join NS ADDR TAG
join() {
	ip link add "rp$$$3" type veth peer name "rp$$$3p" &&
	    ip link set "rp$$$3" netns "$1" &&
	    ip link set "rp$$$3p" netns "$RNS" &&
	    ip -n "$RNS" link set "rp$$$3p" master br0 &&
	    ip -n "$RNS" link set "rp$$$3p" up &&
	    ip -n "$1" addr add "$2/24" dev "rp$$$3" &&
	    ip -n "$1" link set "rp$$$3" up && ip -n "$1" link set lo up
}
join "$ANS" "$NET.1" a && join "$BNS" "$NET.2" b && join "$CNS" "$NET.10" c ||
    { notok "veth pairs"; exit 1; }

# ---- FreeRADIUS: sql (SQLite) + sqlippool ---------------------------------
fr_prepare "$RAD" "$SEC_DIR/frlog" "$SECRET" ||
    { notok "copy /etc/freeradius/3.0"; exit 1; }
cat > "$RAD/clients.conf" <<EOF
# written by tests/security/t_radius_pool.sh
client boxa {
	ipaddr = $NET.1
	secret = $SECRET
	require_message_authenticator = yes
}
client boxb {
	ipaddr = $NET.2
	secret = $SECRET
	require_message_authenticator = yes
}
EOF
sed -i "s|^\(\s*\)driver = \"rlm_sql_null\"|\1driver = \"rlm_sql_sqlite\"|;
    s|\"/tmp/freeradius.db\"|\"$DB\"|" "$RAD/mods-available/sql"
sed -i 's|^\(\s*\)dialect = "mysql"|\1dialect = "sqlite"|' \
    "$RAD/mods-available/sqlippool"
# Debian 12's 3.2.1: "WHERE pool_name = ... expiry_time < ..." lacks AND
sed -i "/^allocate_find = /,/LIMIT 1/ s/^\(\s*\)expiry_time < /\1AND expiry_time < /" \
    "$RAD/mods-config/sql/ippool/sqlite/queries.conf"
# ... and its simul_verify_query looks for the user under SQL-Group
# (empty), so it finds no session and Simultaneous-Use never refuses
sed -i "/^simul_verify_query = /,/^\s*\$/ s/username = '%{\${group_attribute}}'/username = '%{SQL-User-Name}'/" \
    "$RAD/mods-config/sql/main/sqlite/queries.conf"
ln -s ../mods-available/sql "$RAD/mods-enabled/sql"
ln -s ../mods-available/sqlippool "$RAD/mods-enabled/sqlippool"
# authorize: every login draws from "shared"; post-auth: a lease or a
# reject; accounting: leases follow Start/Stop/On/Off; session: the
# radacct rows of both boxes count for Simultaneous-Use
awk '
/^authorize \{/ { sect = "authorize" }
/^post-auth \{/ { sect = "post-auth"; print; print "\tsqlippool";
	print "\tif (!&reply:Framed-IP-Address) {"; print "\t\treject"
	print "\t}"; print "\tnewest_wins"; next }
/^accounting \{/ { print; print "\tsqlippool"; next }
/^session \{/ { print; print "\tsql"; next }
sect == "authorize" && /^\tfiles$/ { print; print "\tupdate control {"
	print "\t\tPool-Name := \"shared\""; print "\t}"; sect = ""; next }
{ print }' "$RAD/sites-available/default" > "$SEC_DIR/default.new" &&
    cat "$SEC_DIR/default.new" > "$RAD/sites-available/default"
# "newest wins" (Tmp-Integer-1 := 1 in the users file): the oldest
# radacct row of the user still open (any NAS) is ended by a
# Disconnect-Request to the NAS it is on, FreeRADIUS' own (originate-coa:
# `update disconnect`, sent once this Access-Request is answered, to the
# coa home server at Packet-Dst-IP-Address).  The sql xlat escapes what
# it expands.  hpptpd requires Event-Timestamp and Message-Authenticator
# by default: both are sent (0x00: FreeRADIUS computes it).
cat > "$RAD/policy.d/hp-newest-wins" <<'EOF'
# written by tests/security/t_radius_pool.sh
newest_wins {
	if (&control:Tmp-Integer-1 == 1) {
		update request {
			&Tmp-String-1 := "%{sql:SELECT acctsessionid FROM radacct WHERE username = '%{User-Name}' AND acctstoptime IS NULL ORDER BY acctstarttime LIMIT 1}"
		}
		if (&Tmp-String-1 && &Tmp-String-1 != "") {
			update request {
				&Tmp-IP-Address-1 := "%{sql:SELECT nasipaddress FROM radacct WHERE acctsessionid = '%{Tmp-String-1}' AND acctstoptime IS NULL LIMIT 1}"
			}
			update disconnect {
				&User-Name := &User-Name
				&Acct-Session-Id := &Tmp-String-1
				&NAS-IP-Address := &Tmp-IP-Address-1
				&Event-Timestamp := "%l"
				&Message-Authenticator := 0x00
				&Packet-Dst-IP-Address := &Tmp-IP-Address-1
				&Packet-Dst-Port := 3799
			}
		}
	}
}
EOF
# each box's DAE listener, a coa home server FreeRADIUS may send to
for b in 1 2; do
	cat <<EOF
home_server box$b-dae {
	type = coa
	ipaddr = $NET.$b
	port = 3799
	secret = $DSECRET
	coa {
		irt = 2
		mrt = 16
		mrc = 5
		mrd = 30
	}
}
EOF
done > "$RAD/sites-enabled/hp-dae"
cat > "$RAD/mods-config/files/authorize" <<'EOF'
# written by tests/security/t_radius_pool.sh
u1	Cleartext-Password := "u1-Pass"
	Message-Authenticator := 0x00
u2	Cleartext-Password := "u2-Pass"
	Message-Authenticator := 0x00
u3	Cleartext-Password := "u3-Pass"
	Message-Authenticator := 0x00
u4	Cleartext-Password := "u4-Pass"
	Message-Authenticator := 0x00
u5	Cleartext-Password := "u5-Pass"
	Message-Authenticator := 0x00
single	Cleartext-Password := "single-Pass", Simultaneous-Use := 1
	Message-Authenticator := 0x00
evict	Cleartext-Password := "evict-Pass", Tmp-Integer-1 := 1
	Message-Authenticator := 0x00
EOF
{
	cat /etc/freeradius/3.0/mods-config/sql/main/sqlite/schema.sql
	cat /etc/freeradius/3.0/mods-config/sql/ippool/sqlite/schema.sql
	for i in 10 11 12; do
		echo "INSERT INTO radippool (id, pool_name, framedipaddress," \
		    "expiry_time) VALUES ($i, 'shared', '10.77.1.$i'," \
		    "'2000-01-01 00:00:00');"
	done
} | sqlite3 "$DB" || { notok "the SQLite pool"; exit 1; }
if ! fr_start "$RNS" "$RAD" "$SEC_DIR/fr.log"; then
	notok "freeradius -X ready"
	tail -30 "$SEC_DIR/fr.log" | sed 's/^/#   /'
	exit 1
fi
ok "freeradius (pid $FR_PID) with sqlippool on SQLite, pool 10.77.1.10-12"

# ---- the two boxes ---------------------------------------------------------
printf '%s\n' "$SECRET" > "$SEC_DIR/radius-secret"
printf '%s\n' "$DSECRET" > "$SEC_DIR/dae-secret"
# (auth-source radius reads no user from it, but a server without a
# usable secrets file does not start)
printf '"nobody" * "unused-Pass-1" -\n' > "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/radius-secret" "$SEC_DIR/dae-secret" "$SEC_DIR/chap-secrets"
# conf BOX ADDR: the same tunnel local address on both (they may: the
# AAA tells them apart by nas-ip-address), the AAA's addresses named by
# radius pool, a local pool disjoint from it (-n checks)
conf() {
	cat > "$SEC_DIR/$1.conf" <<EOF
# written by tests/security/t_radius_pool.sh (box $1)
listen on $2
local address 10.77.0.1
pool "10.77.0.100-110"
radius pool "10.77.1.10-12"
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/$1.sock"
connection-rate 1000 burst 1000
lockout no
radius server $NET.254 secret-file "$SEC_DIR/radius-secret" timeout 1s retries 2
radius nas-identifier "box$1"
radius nas-ip-address $2
radius dae client $NET.254 secret-file "$SEC_DIR/dae-secret"
auth-source radius
EOF
}
conf a "$NET.1"
conf b "$NET.2"
sed 's/^pool .*/pool "10.77.1.2-20"/' "$SEC_DIR/a.conf" > "$SEC_DIR/overlap.conf"
check "hpptpd -n refuses a local pool that overlaps radius pool" \
    sh -c "! '$HPB/hpptpd' -n -f '$SEC_DIR/overlap.conf' 2>'$SEC_DIR/ov.err' &&
	grep -q 'pool and radius pool overlap at 10.77.1.10' '$SEC_DIR/ov.err'"
check "hpptpd -n takes box A's configuration" \
    sh -c "'$HPB/hpptpd' -n -f '$SEC_DIR/a.conf' > /dev/null"
# boxup BOX NS: start it; its master's pid in ${BOX}_PID
boxup() {
	ip netns exec "$2" "$HPB/hpptpd" -d -v -f "$SEC_DIR/$1.conf" \
	    >> "$SEC_DIR/$1.log" 2>&1 &
	eval "$(echo "$1" | tr a-z A-Z)_PID=$!"
	wait_until 200 sh -c "grep -q 'auth ready' '$SEC_DIR/$1.log' &&
	    grep -q 'gre ready' '$SEC_DIR/$1.log' &&
	    grep -q 'ctrl ready' '$SEC_DIR/$1.log'"
}
ctl() { timeout 5 "$HPB/hpptpctl" -s "$SEC_DIR/$1.sock" "$2" $3; }
check "box A up" boxup a "$ANS"
check "box B up" boxup b "$BNS"
# login NAME BOX USER: in the background, holding 60 s; output NAME.out
login() {
	ip netns exec "$CNS" "$PPTPC" --hold 60 "$NET.$2" "$3" "$3-Pass" \
	    > "$SEC_DIR/$1.out" 2> "$SEC_DIR/$1.err" &
	CLIENT_PIDS="$CLIENT_PIDS $!"
}
upaddr() { sed -n 's/^up //p' "$SEC_DIR/$1.out"; }
is_up() { [ -n "$(upaddr "$1")" ]; }
# once NAME BOX USER: in the foreground, no hold; exit status in $rc
once() {
	ip netns exec "$CNS" timeout 40 "$PPTPC" "$NET.$2" "$3" "$3-Pass" \
	    > "$SEC_DIR/$1.out" 2> "$SEC_DIR/$1.err"
	rc=$?
}
# sq SQL: a query on FreeRADIUS' database, waiting out its lock
sq() { sqlite3 -cmd '.timeout 3000' "$DB" "$1"; }
leases() {	# the taken leases: address nas user, one per line
	sq "SELECT framedipaddress, nasipaddress, username FROM
	    radippool WHERE expiry_time > datetime('now') ORDER BY 1;"
}

login l1 1 u1; login l2 2 u2; login l3 1 u3
check "three logins over both boxes come up" \
    wait_until 150 sh -c "[ -n \"\$(sed -n 's/^up //p' '$SEC_DIR/l1.out')\" ] &&
	[ -n \"\$(sed -n 's/^up //p' '$SEC_DIR/l2.out')\" ] &&
	[ -n \"\$(sed -n 's/^up //p' '$SEC_DIR/l3.out')\" ]"
a1=$(upaddr l1) a2=$(upaddr l2) a3=$(upaddr l3)
n=$(printf '%s\n%s\n%s\n' "$a1" "$a2" "$a3" | grep '^10\.77\.1\.1[0-2]$' | sort -u | wc -l)
check "... with three different addresses of the shared pool (A: $a1 $a3, B: $a2)" \
    [ "$n" -eq 3 ]
leases | sed 's/^/#   lease: /'
check "... and the table holds their leases under each box's NAS-IP-Address" \
    sh -c "[ \$(sqlite3 -cmd '.timeout 3000' '$DB' \"SELECT COUNT(*) FROM radippool WHERE
	expiry_time > datetime('now') AND ((nasipaddress = '$NET.1' AND
	username IN ('u1', 'u3')) OR (nasipaddress = '$NET.2' AND
	username = 'u2'));\") = 3 ]"
once f4 2 u4
check "the pool full: a fourth login (box B) is refused (exit $rc: 691)" \
    [ "$rc" -eq 19 ]
sid2=$(ctl b list | awk '$2 == "u2" { print $1 }')
ctl b kick "$sid2" > /dev/null 2>&1
freed() { sq "SELECT COUNT(*) FROM radippool WHERE
    framedipaddress = '$a2' AND expiry_time <= datetime('now');" |
    grep -qx 1; }
check "kick of u2 on box B ($sid2): Accounting-Stop frees $a2" \
    wait_until 100 freed
sleep 1.2	# sqlippool finds leases that expired before this second
login l4 2 u4
check "... and the next login on box B gets it" \
    wait_until 100 sh -c "[ \"\$(sed -n 's/^up //p' '$SEC_DIR/l4.out')\" = '$a2' ]"

# box A dies hard: its two leases stay until it says Accounting-On
kill -KILL "$A_PID"
wait "$A_PID" 2>/dev/null
takenA() { sq "SELECT COUNT(*) FROM radippool WHERE
    nasipaddress = '$NET.1' AND expiry_time > datetime('now');"; }
check "kill -9 of box A's master: its 2 leases still taken ($(takenA))" \
    [ "$(takenA)" -eq 2 ]
wait_until 100 sh -c "! ip netns exec '$ANS' ip link show hpptpd0 >/dev/null 2>&1"
: > "$SEC_DIR/a.log"
check "box A runs again" boxup a "$ANS"
onA() { [ "$(takenA)" -eq 0 ]; }
check "... its Accounting-On freed its leases" wait_until 100 onA
sleep 1.2
login l5 1 u5; login l6 1 u1
check "... two logins on A get them ($a1 $a3)" \
    wait_until 150 sh -c "[ -n \"\$(sed -n 's/^up //p' '$SEC_DIR/l5.out')\" ] &&
	[ -n \"\$(sed -n 's/^up //p' '$SEC_DIR/l6.out')\" ]"
got=$(printf '%s\n%s\n' "$(upaddr l5)" "$(upaddr l6)" | sort | tr '\n' ' ')
want=$(printf '%s\n%s\n' "$a1" "$a3" | sort | tr '\n' ' ')
check "... the same two addresses ($got)" [ "$got" = "$want" ]

# Simultaneous-Use across the boxes (the pool is full again: free two,
# so that a refusal can only be Simultaneous-Use's)
sid6=$(ctl a list | awk '$2 == "u1" { print $1 }')
ctl a kick "$sid6" > /dev/null 2>&1
sid4=$(ctl b list | awk '$2 == "u4" { print $1 }')
ctl b kick "$sid4" > /dev/null 2>&1
sleep 2.2
login s1 1 single
check "Simultaneous-Use 1: 'single' logs in on box A" \
    wait_until 100 is_up s1
sleep 1
once s2 2 single
check "... and the same user on box B gets 691 (exit $rc)" [ "$rc" -eq 19 ]
check "... FreeRADIUS said why (already logged in)" \
    grep -q 'You are already logged in' "$SEC_DIR/fr.log"

# ... or the first session ended by FreeRADIUS' Disconnect (free the
# pool: single and u5 on A; then all three addresses are free)
ctl a kick "$(ctl a list | awk '$2 == "single" { print $1 }')" > /dev/null 2>&1
ctl a kick "$(ctl a list | awk '$2 == "u5" { print $1 }')" > /dev/null 2>&1
sleep 2.2
login e1 1 evict
check "newest wins: 'evict' logs in on box A" wait_until 100 is_up e1
esid=$(ctl a list | awk '$2 == "evict" { print $1 }')
openrow() { [ "$(sq "SELECT COUNT(*) FROM radacct WHERE username = 'evict'
    AND acctstoptime IS NULL AND nasipaddress = '$NET.1';")" -eq 1 ]; }
check "... its accounting Start is in radacct (box A, open)" wait_until 50 openrow
login e2 2 evict
check "... the same user on box B is let in" wait_until 100 is_up e2
check "... and box A ends the first by FreeRADIUS' Disconnect-Request" \
    wait_until 100 grep -q "event=dae-disconnect sid=$esid .*by=radius-dae:$NET.254" "$SEC_DIR/a.log"
check "... box A answered Disconnect-ACK (FreeRADIUS got it)" \
    wait_until 50 grep -q 'Received Disconnect-ACK' "$SEC_DIR/fr.log"
check "... the first session is gone from box A" \
    wait_until 80 sh -c "! timeout 5 '$HPB/hpptpctl' -s '$SEC_DIR/a.sock' list | grep -q evict"
closedrow() { [ "$(sq "SELECT COUNT(*) FROM radacct WHERE username = 'evict'
    AND nasipaddress = '$NET.1' AND acctterminatecause = 'Admin-Reset';")" -eq 1 ]; }
check "... its Stop (Admin-Reset) closed its radacct row" wait_until 80 closedrow
check "... the second session still up on box B" \
    sh -c "timeout 5 '$HPB/hpptpctl' -s '$SEC_DIR/b.sock' list | grep -q evict"
check "box A still serving" alive "$A_PID"
check "box B still serving" alive "$B_PID"
if [ "$SEC_FAILS" -gt 0 ]; then
	for f in a.log b.log; do
		diag "--- $f"; tail -n 30 "$SEC_DIR/$f" | sed 's/^/#   /'
	done
	grep -E 'sqlippool|Multiple|ERROR|WARNING|Disconnect|CoA' "$SEC_DIR/fr.log" |
	    tail -n 30 | sed 's/^/#   fr: /'
fi
sec_finish
