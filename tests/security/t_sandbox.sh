#!/bin/sh
# Four processes; each worker sandboxed (seccomp filter, no_new_privs, no
# capabilities, not root, chrooted); master holds exactly the
# capabilities SECURITY.md lists on its "master-caps:" line.
. "$(dirname "$0")/lib.sh"
sec_init sandbox
sec_conf
sec_start || { notok "daemon starts"; exit 1; }
ok "daemon starts with ctrl, gre and auth ready"

# ctrl, auth and the gre data workers (gre, gre1, ...: gre-workers)
nw=$(sec_nworkers)
workers="ctrl gre"
k=1
while [ $k -lt $((nw - 2)) ]; do
	workers="$workers gre$k"
	k=$((k + 1))
done
workers="$workers auth"
n=0
for w in $workers; do
	worker_pid "$w" >/dev/null && n=$((n + 1))
done
others=$(pgrep -P "$SEC_PID" | while read -r p; do
	alive "$p" && echo "$p"; done | wc -l)
check "master and one each of $workers ($others children)" \
    [ "$n" = "$nw" -a "$others" = "$nw" ]

for w in $workers; do
	p=$(worker_pid "$w") || { notok "$w running"; continue; }
	check_sandboxed "$w" "$p"
	b=hpptpd-${w%%[0-9]*}
	check "$w: runs $b from $HP_BUILD" \
	    [ "$(readlink "/proc/$p/exe")" = "$HP_BUILD/$b" ]
done

# Master: capabilities are the documented set, no more, no less.
line=$(grep -E '^master-caps:' "$HP_TOP/SECURITY.md" | head -n 1)
doc_hex=$(echo "$line" | sed -n 's/.*(\(0x[0-9a-fA-F]*\)).*/\1/p')
doc_names=$(echo "$line" | sed -e 's/^master-caps:[[:space:]]*//' \
    -e 's/[[:space:]]*(.*$//' | tr ',' '\n' | sed 's/[[:space:]]//g' |
    sort | tr '\n' ' ')
check "SECURITY.md has a 'master-caps: names (0x...)' line" \
    [ -n "$doc_hex" -a -n "$doc_names" ]
doc_norm=none
[ -n "$doc_hex" ] && doc_norm=$(printf '%x' "$((doc_hex))")
for f in CapEff CapPrm CapBnd; do
	v=$(status_field "$SEC_PID" "$f")
	check "master $f 0x$v is SECURITY.md's ${doc_hex:-(none)}" \
	    [ "$(printf '%x' "$((0x${v:-0}))")" = "$doc_norm" ]
done
if command -v capsh >/dev/null 2>&1; then
	# the names in the doc must decode from the same mask
	got=$(capsh --decode="$(status_field "$SEC_PID" CapEff)" |
	    sed 's/^[^=]*=//' | tr ',' '\n' | sort | tr '\n' ' ')
	check "master's capability names ($got) are SECURITY.md's ($doc_names)" \
	    [ "$got" = "$doc_names" ]
else
	ok "capability names # SKIP no capsh"
fi
check "master: Uid 0 (keeps root-owned files its own)" \
    [ "$(status_field "$SEC_PID" Uid)" = 0 ]
check "master: no ambient capabilities" \
    [ "$(status_field "$SEC_PID" CapAmb)" = 0000000000000000 ]

sec_finish
