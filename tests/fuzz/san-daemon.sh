#!/bin/sh
# make check SAN=1: the sanitizer-built daemon inside its sandbox.
#
# In a network namespace of its own: start $HP_BUILD/hpptpd (built with
# ASan + UBSan) on 127.0.0.1 with a root-owned 0600 secrets file, check
# that master and the three sandboxed workers come up, replay the
# ctrl_pptp seed corpus at the listener (one TCP connection per input,
# so the real control path parses it under ASan), keep all four up for
# SAN_SECONDS (default 10), stop it with SIGTERM and require a clean
# exit and not one sanitizer report in its log.  TAP lines.
#
# Workers are killed by seccomp if LeakSanitizer runs in them (it needs
# ptrace and threads), so leak checking is off for the daemon; the unit
# tests check leaks.
set -u
: "${HP_BUILD:?}" "${HP_TOP:?}"
secs=${SAN_SECONDS:-10}
name=san-daemon

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null 2>&1 ||
    ! id _hpptpd >/dev/null 2>&1 || [ ! -d /var/empty ]; then
	echo "ok - $name # SKIP needs root, iproute2, _hpptpd, /var/empty"
	exit 0
fi
dir=$(mktemp -d /tmp/hpsan.XXXXXX) || exit 1
ns="hpsan-$$"
pid=
cleanup() {
	trap - EXIT INT TERM HUP
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

fails=0
ok() { echo "ok - $name: $*"; }
notok() { echo "not ok - $name: $*"; fails=$((fails + 1)); }

printf '"alice" pptpd "not-a-real-password" *\n' > "$dir/chap-secrets"
chown 0:0 "$dir/chap-secrets"
chmod 600 "$dir/chap-secrets"
cat > "$dir/hpptpd.conf" <<EOF
listen on 127.0.0.1 port 1723
secrets "$dir/chap-secrets"
control "$dir/hpptpd.sock"
EOF

export ASAN_OPTIONS="${HP_DAEMON_ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ip netns add "$ns" || { notok "ip netns add"; exit 1; }
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" "$HP_BUILD/hpptpd" -d -f "$dir/hpptpd.conf" \
    > "$dir/log" 2>&1 &
pid=$!

workers() {
	n=0
	for p in $(pgrep -P "$pid" 2>/dev/null); do
		case $(cat "/proc/$p/comm" 2>/dev/null) in
		hpptpd-ctrl|hpptpd-gre|hpptpd-auth) n=$((n + 1)) ;;
		esac
	done
	echo "$n"
}
i=0
while [ $i -lt 100 ] && ! { grep -q "ctrl ready" "$dir/log" &&
    grep -q "gre ready" "$dir/log" && grep -q "auth ready" "$dir/log"; }; do
	sleep 0.1
	i=$((i + 1))
done
if [ "$(workers)" -eq 3 ]; then
	ok "master and three workers up"
else
	notok "workers up: $(workers) of 3"
fi
kids=$(pgrep -P "$pid" | tr '\n' ' ')

# hostile and valid control streams through the sandboxed ctrl worker
n=0
for f in "$HP_TOP"/tests/fuzz/corpus/ctrl_pptp/* \
    "$HP_TOP"/tests/fuzz/corpus/ctrl_pptpmsg/*; do
	[ -f "$f" ] || continue
	ip netns exec "$ns" timeout 3 perl -MIO::Socket::INET -e '
	    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
		PeerPort => 1723, Proto => "tcp", Timeout => 2) or exit 1;
	    local $/; open(my $fh, "<", $ARGV[0]) or exit 1;
	    binmode $fh; my $d = <$fh>; print $s $d; shutdown($s, 1);
	    my $v = ""; vec($v, fileno($s), 1) = 1;
	    select($v, undef, undef, 0.3) and sysread($s, my $b, 4096);' \
	    "$f" 2>/dev/null
	n=$((n + 1))
done
ok "$n control streams sent"

sleep "$secs"
now=$(pgrep -P "$pid" | tr '\n' ' ')
if kill -0 "$pid" 2>/dev/null && [ "$(workers)" -eq 3 ] &&
    [ "$now" = "$kids" ]; then
	ok "all four processes up after ${secs} s, no restarts"
else
	notok "processes after ${secs} s: master $(kill -0 "$pid" 2>/dev/null &&
	    echo up || echo gone), workers '$now' (were '$kids')"
fi
kill -TERM "$pid" 2>/dev/null
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	notok "still running 5 s after SIGTERM"
else
	wait "$pid"
	rc=$?
	pid=
	if [ "$rc" -eq 0 ]; then ok "exit 0 on SIGTERM"
	else notok "exit status $rc on SIGTERM"; fi
fi
if [ -n "${SAN_KEEP_LOG:-}" ]; then cp "$dir/log" "$SAN_KEEP_LOG"; fi
if grep -Eq 'Sanitizer|runtime error|worker-restart|seccomp' "$dir/log"; then
	notok "sanitizer report or restart in the log:"
	sed 's/^/#   /' "$dir/log" | head -60
else
	ok "no sanitizer report ($(wc -l < "$dir/log") log lines)"
fi
[ "$fails" -eq 0 ]
