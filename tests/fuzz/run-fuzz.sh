#!/bin/sh
# make fuzz: run each target for FUZZ_SECONDS and print a table.
#
#   FUZZ_SECONDS=N     seconds per target (default 60)
#   FUZZ_TARGETS="a b" only these targets (names without fuzz_)
#   FUZZ_WORK=DIR      keep corpora, logs and crash inputs in DIR
#                      (default: a new /tmp/hpptpd-fuzz.XXXXXX); a later
#                      run with the same DIR continues from its corpora
#
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>/)
# with its dictionary; an input running longer than 10 s counts as a
# hang.  Crash, leak, timeout and OOM inputs land in DIR/<target>.crash/.
# Columns: execs/s and execs as libFuzzer counts them, cov (edges) and
# ft (features) at the end, seconds actually run, crash inputs.
set -u
: "${HP_BUILD:?}" "${HP_TOP:?}"
secs=${FUZZ_SECONDS:-60}
work=${FUZZ_WORK:-$(mktemp -d /tmp/hpptpd-fuzz.XXXXXX)}
mkdir -p "$work"
printf '%-22s %9s %12s %6s %7s %6s %7s\n' target execs/s execs cov ft secs crashes
for f in "$HP_BUILD"/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=$(basename "$f"); name=${name#fuzz_}
	if [ -n "${FUZZ_TARGETS:-}" ]; then
		case " $FUZZ_TARGETS " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	mkdir -p "$work/$name" "$work/$name.crash"
	cp -r "$HP_TOP/tests/fuzz/corpus/$name/." "$work/$name/" 2>/dev/null
	dict=""
	[ -f "$HP_TOP/tests/fuzz/dict/$name.dict" ] &&
	    dict="-dict=$HP_TOP/tests/fuzz/dict/$name.dict"
	start=$(date +%s)
	"$f" -max_total_time="$secs" -print_final_stats=1 -timeout=10 $dict \
	    -artifact_prefix="$work/$name.crash/" "$work/$name" \
	    >"$work/$name.log" 2>&1
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name.log")
	last=$(grep -E '^#[0-9]+' "$work/$name.log" | tail -1)
	edges=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	crashes=$(ls "$work/$name.crash" | wc -l)
	printf '%-22s %9s %12s %6s %7s %6s %7s\n' "$name" "${rate:-?}" \
	    "${execs:-?}" "${edges:-?}" "${ft:-?}" "$took" "$crashes"
	[ "$crashes" -gt 0 ] && echo "  crash inputs kept in $work/$name.crash"
done
echo "corpora and logs: $work"
