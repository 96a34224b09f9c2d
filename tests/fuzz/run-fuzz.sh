#!/bin/sh
# make fuzz: run each target for FUZZ_SECONDS and print a table.
set -u
: "${HP_BUILD:?}" "${HP_TOP:?}"
secs=${FUZZ_SECONDS:-60}
work=$(mktemp -d /tmp/hpptpd-fuzz.XXXXXX)
printf '%-28s %10s %12s %8s %7s\n' target execs/s execs edges crashes
for f in "$HP_BUILD"/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=$(basename "$f"); name=${name#fuzz_}
	mkdir -p "$work/$name" "$work/$name.crash"
	cp -r "$HP_TOP/tests/fuzz/corpus/$name/." "$work/$name/" 2>/dev/null
	dict=""
	[ -f "$HP_TOP/tests/fuzz/dict/$name.dict" ] &&
	    dict="-dict=$HP_TOP/tests/fuzz/dict/$name.dict"
	"$f" -max_total_time="$secs" -print_final_stats=1 $dict \
	    -artifact_prefix="$work/$name.crash/" "$work/$name" \
	    >"$work/$name.log" 2>&1
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name.log")
	edges=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1 | cut -d' ' -f2)
	crashes=$(ls "$work/$name.crash" | wc -l)
	printf '%-28s %10s %12s %8s %7s\n' "$name" "${rate:-?}" "${execs:-?}" \
	    "${edges:-?}" "$crashes"
	[ "$crashes" -gt 0 ] && echo "  crash inputs kept in $work/$name.crash"
done
