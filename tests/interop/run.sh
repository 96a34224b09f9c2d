#!/bin/sh
# hpptpd interop suite: runs the scenarios named in tests/interop/ENABLED
# (one name per line, e.g. "s13_poptop" for s13_poptop.sh; # comments),
# or those given as arguments, HPIT_JOBS at a time (default 4), and
# prints their TAP lines.  The whole run stays within HPIT_BUDGET
# seconds (default 420; the suite takes ~3 minutes here).
#
#   sh tests/interop/run.sh                 # what make check runs
#   sh tests/interop/run.sh s01_seed s13_poptop
#   HPIT_KEEP=fail HPIT_VERBOSE=1 sh tests/interop/run.sh s01_seed
set -u
HP_TOP=${HP_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$HP_TOP/tests/interop/lib.sh"

why=$(hpit_skip_reason)
if [ -n "$why" ]; then
	echo "ok - interop skipped: $why # SKIP"
	exit 0
fi

if [ $# -gt 0 ]; then
	list=$*
else
	list=$(sed -e 's/#.*//' "$HPIT_DIR/ENABLED" 2>/dev/null | awk NF)
fi
if [ -z "$list" ]; then
	echo "ok - interop: no scenario enabled # SKIP"
	exit 0
fi

jobs=${HPIT_JOBS:-4}
budget=${HPIT_BUDGET:-420}
per=${HPIT_SCENARIO_TIMEOUT:-200}
start=$(date +%s)
out=$(mktemp -d /tmp/hpit-run.XXXXXX) || exit 1
# On exit (also Ctrl-C), stop the scenarios still running: each runs
# under timeout(1), which has its own process group and passes TERM on
# to the scenario, whose trap cleans up its guests and namespace.
trap 'for p in $(cat "$out"/*.tpid 2>/dev/null); do
		kill -TERM "-$p" 2>/dev/null; done
	wait; rm -rf "$out"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# report NAME: print a finished scenario's output, make sure it said
# something in TAP and that a failing exit shows as "not ok".
report() {
	_o=$out/$1.out _rc=$(cat "$out/$1.rc" 2>/dev/null || echo 255)
	[ -f "$_o" ] && grep -v '^$' "$_o"
	if [ "$_rc" != 0 ] && ! grep -q '^not ok' "$_o" 2>/dev/null; then
		if [ "$_rc" = 124 ] || [ "$_rc" = 137 ]; then
			echo "not ok - $1 timed out"
		else
			echo "not ok - $1 exited $_rc"
		fi
	elif [ "$_rc" = 0 ] && ! grep -q '^\(not \)\{0,1\}ok' "$_o"; then
		echo "ok - $1"
	fi
	echo "# $1: $(($(date +%s) - $(cat "$out/$1.t0"))) s"
	rm -f "$out/$1.pid" "$out/$1.tpid"
}

running=""
for name in $list; do
	name=${name%.sh}
	# Wait for a free slot.
	while [ "$(echo $running | wc -w)" -ge "$jobs" ]; do
		sleep 0.5
		for r in $running; do
			[ -f "$out/$r.rc" ] || continue
			wait "$(cat "$out/$r.pid")" 2>/dev/null
			report "$r"
			running=$(echo " $running " | sed "s/ $r / /")
		done
	done
	left=$((start + budget - $(date +%s)))
	t=$per
	[ "$left" -lt "$t" ] && t=$left
	if [ ! -f "$HPIT_DIR/$name.sh" ]; then
		echo "not ok - $name: no such scenario ($HPIT_DIR/$name.sh)"
		continue
	fi
	if [ "$t" -lt 30 ]; then
		echo "not ok - $name not run: suite time budget exhausted"
		continue
	fi
	date +%s >"$out/$name.t0"
	(
		timeout -k 15 "$t" sh "$HPIT_DIR/$name.sh" \
		    >"$out/$name.out" 2>&1 </dev/null &
		echo $! >"$out/$name.tpid"
		wait $!
		echo $? >"$out/$name.rc"
	) &
	echo $! >"$out/$name.pid"
	running="$running $name"
done
while [ -n "$(echo $running)" ]; do
	sleep 0.5
	for r in $running; do
		[ -f "$out/$r.rc" ] || continue
		wait "$(cat "$out/$r.pid")" 2>/dev/null
		report "$r"
		running=$(echo " $running " | sed "s/ $r / /")
	done
done
echo "# interop: $(($(date +%s) - start)) s"
exit 0
