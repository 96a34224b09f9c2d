#!/bin/sh
# Run test suites and print one summary line "N passed, N failed".
# Usage: run-all.sh [unit|fuzz|security|interop ...]   (default: all)
# Every test prints TAP lines ("ok ..." / "not ok ..."); we count them.
set -u
: "${HP_BUILD:?}" "${HP_TOP:?}"
suites=${*:-unit fuzz security interop}
out=$(mktemp -d /tmp/hpptpd-check.XXXXXX)
trap 'rm -rf "$out"' EXIT

run_suite() {
	case $1 in
	unit)
		for t in "$HP_BUILD"/tests/test_*; do
			[ -x "$t" ] || continue
			echo "# unit: $(basename "$t")"
			CMOCKA_MESSAGE_OUTPUT=tap timeout 120 "$t" 2>&1 ||
			    echo "not ok - $(basename "$t") exited $?"
		done ;;
	fuzz)
		sh "$HP_TOP/tests/fuzz/replay.sh" ;;
	security)
		for t in "$HP_TOP"/tests/security/t_*.sh; do
			[ -f "$t" ] || continue
			echo "# security: $(basename "$t")"
			timeout 300 sh "$t" 2>&1 ||
			    echo "not ok - $(basename "$t") exited $?"
		done ;;
	interop)
		if [ -f "$HP_TOP/tests/interop/run.sh" ]; then
			timeout 600 sh "$HP_TOP/tests/interop/run.sh" 2>&1 ||
			    echo "not ok - interop suite exited $?"
		fi ;;
	esac
}

for s in $suites; do
	run_suite "$s" | tee "$out/$s.log"
done
# "# SKIP" lines (TAP directives) count as neither pass nor fail
pass=$(cat "$out"/*.log | grep '^ok ' | grep -vc '# SKIP' || true)
fail=$(cat "$out"/*.log | grep '^not ok ' | grep -vc '# SKIP' || true)
skip=$(cat "$out"/*.log | grep -Ec '^(not )?ok .*# SKIP' || true)
if [ "$fail" -gt 0 ]; then
	echo "failures:"
	cat "$out"/*.log | grep '^not ok ' | grep -v '# SKIP'
fi
[ "$skip" -gt 0 ] && echo "($skip skipped)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
