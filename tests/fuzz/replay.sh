#!/bin/sh
# Replay every fuzz target's seed corpus and saved crash inputs
# (tests/fuzz/corpus/<target>/, tests/fuzz/regress/<target>/) once.
set -u
: "${HP_BUILD:?}" "${HP_TOP:?}"
for f in "$HP_BUILD"/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	# a binary left in the build tree by a target since renamed
	[ -f "$HP_TOP/tests/fuzz/$(basename "$f").c" ] || continue
	name=$(basename "$f"); name=${name#fuzz_}
	dirs=""
	for d in "$HP_TOP/tests/fuzz/corpus/$name" "$HP_TOP/tests/fuzz/regress/$name"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	if [ -z "$dirs" ]; then
		echo "not ok - fuzz $name: no seed corpus"
		continue
	fi
	# shellcheck disable=SC2086
	if timeout 120 "$f" -runs=0 $dirs >/tmp/hp-replay.$$ 2>&1; then
		echo "ok - fuzz replay $name ($(find $dirs -type f | wc -l) inputs)"
	else
		tail -20 /tmp/hp-replay.$$
		echo "not ok - fuzz replay $name"
	fi
	rm -f /tmp/hp-replay.$$
done
