#!/bin/sh
# The systemd unit as installed (make install DESTDIR, seen at
# /usr/local in a mount namespace of this test's own): systemd-analyze
# verify passes; systemd-analyze security --offline=yes scores what
# SECURITY.md says; every system call the four processes make (strace
# -f through start, hpptpctl stats, a TCP connect, a SIGHUP reload and
# SIGTERM) is in the unit's SystemCallFilter, and the daemon starts and
# serves under the unit's CapabilityBoundingSet and NoNewPrivileges
# (setpriv).  systemd is not booted: nothing here needs it as PID 1.
[ -n "${HPI_MNTNS:-}" ] || {
	command -v unshare >/dev/null 2>&1 || {
		echo "ok - unit # SKIP needs unshare"; exit 0; }
	HPI_MNTNS=1 exec unshare -m --propagation private sh "$0" "$@"
}
. "$HP_TOP/tests/security/lib.sh"
sec_init unit
command -v systemd-analyze >/dev/null || skip_all "no systemd-analyze (make deps)"
D=$SEC_DIR/dest
U=/usr/local/lib/systemd/system/hpptpd.service
make -s --no-print-directory -C "$HP_TOP" install DESTDIR="$D" \
    > "$SEC_DIR/make.log" 2>&1 || { notok "make install"; exit 1; }
mount --bind "$D/usr/local" /usr/local || { notok "bind /usr/local"; exit 1; }

check "systemd-analyze verify $U" sh -c \
    "systemd-analyze verify --man=no '$U' > '$SEC_DIR/verify' 2>&1"
sed 's/^/#   /' "$SEC_DIR/verify"
systemd-analyze security --offline=yes "$U" > "$SEC_DIR/security" 2>&1
score=$(sed -n 's/.*Overall exposure level for hpptpd.service: \([0-9.]*\) .*/\1/p' \
    "$SEC_DIR/security")
doc=$(sed -n 's/^unit-exposure: \([0-9.]*\)$/\1/p' "$HP_TOP/SECURITY.md")
check "systemd-analyze security: ${score:-no score}, as SECURITY.md says (${doc:-nothing})" \
    [ -n "$score" -a "$score" = "$doc" ]
# each remaining exposure is named in SECURITY.md's unit table
grep '^✗' "$SEC_DIR/security" | sed 's/^✗ *\([^ ]*\).*/\1/' > "$SEC_DIR/exposed"
unexplained=$(while read -r e; do
	grep -qF "\`$e\`" "$HP_TOP/SECURITY.md" || printf '%s ' "$e"
done < "$SEC_DIR/exposed")
check "SECURITY.md's unit table explains each of the $(wc -l < "$SEC_DIR/exposed") remaining exposures${unexplained:+ (not: $unexplained)}" \
    [ -z "$unexplained" ]

# ---- the unit's SystemCallFilter against what the processes call ------
if command -v strace >/dev/null; then
	# the allow list: the unit's SystemCallFilter= lines, groups
	# expanded (they nest)
	list=$(sed -n 's/^SystemCallFilter=//p' "$U")
	while echo "$list" | grep -q @; do
		new=
		for g in $list; do
			case $g in
			@*) new="$new $(systemd-analyze syscall-filter "$g" \
			    2>/dev/null | sed -n 's/^    \([-@a-z0-9_]*\)$/\1/p')" ;;
			*) new="$new $g" ;;
			esac
		done
		list=$new
	done
	echo "$list" | tr ' ' '\n' | sed '/^$/d' | sort -u \
	    > "$SEC_DIR/allowed"
	sec_conf
	ip netns add "$SEC_NS" && ip netns exec "$SEC_NS" ip link set lo up
	: > "$SEC_DIR/log"
	ip netns exec "$SEC_NS" strace -f -qq -o "$SEC_DIR/strace" \
	    /usr/local/sbin/hpptpd -d -f "$SEC_DIR/hpptpd.conf" \
	    >> "$SEC_DIR/log" 2>&1 &
	tracer=$!
	if wait_until 300 all_ready; then
		SEC_PID=$(pgrep -P "$tracer" -x hpptpd)
		tcp_connect 1723
		"$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" stats >/dev/null
		kill -HUP "$SEC_PID"
		wait_until 50 log_has reloaded
		kill -TERM "$SEC_PID"
		wait_until 100 dead "$tracer"
	else
		notok "hpptpd under strace did not come up"
	fi
	kill "$tracer" 2>/dev/null; wait "$tracer" 2>/dev/null
	SEC_PID=
	# "PID name(" and resumed "<... name resumed>" lines
	sed -n 's/^[0-9]*  *\([a-z_0-9]*\)(.*/\1/p; s/^[0-9]*  *<\.\.\. \([a-z_0-9]*\) resumed>.*/\1/p' \
	    "$SEC_DIR/strace" | sort -u > "$SEC_DIR/used"
	missing=$(comm -23 "$SEC_DIR/used" "$SEC_DIR/allowed" | tr '\n' ' ')
	check "the $(wc -l < "$SEC_DIR/used") system calls used are all in the unit's SystemCallFilter${missing:+ (not: $missing)}" \
	    [ -s "$SEC_DIR/used" -a -z "$missing" ]
else
	ok "SystemCallFilter against a trace # SKIP no strace"
fi

# ---- the unit's capability bounding set and NoNewPrivileges -------------
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$U" | tr 'A-Z' 'a-z' |
    sed 's/cap_/+/g; s/ /,/g')
sec_conf
: > "$SEC_DIR/log"
ip netns exec "$SEC_NS" setpriv --bounding-set=-all,$caps --no-new-privs \
    /usr/local/sbin/hpptpd -d -f "$SEC_DIR/hpptpd.conf" >> "$SEC_DIR/log" 2>&1 &
SEC_PID=$!
if wait_until 200 all_ready; then
	ok "serves with only the unit's bounding set ($caps) and no_new_privs"
	check "... TCP 1723 accepts" tcp_connect 1723
else
	notok "does not start with the unit's bounding set ($caps)"
	sed 's/^/#   /' "$SEC_DIR/log"
fi
sec_stop_daemon
umount /usr/local
[ "$SEC_FAILS" -eq 0 ]
