#!/bin/sh
# tools/circles.sh [BUILD]: is the graph between the project's files free
# of circles?  Run after `make` (BUILD defaults to build/).  Two graphs:
#
#  - includes as written: file -> the file its #include "..." names;
#  - modules: X.c and its X.h are one node X; X -> Y when an object of
#    X uses a symbol Y's object defines (nm: undefined in X, defined in
#    Y: calls and data, function pointers in tables included), or when
#    X.c or X.h includes Y.h.  A module's private X_local.h including
#    its own X.h is not an edge (X_local.h is the module's, not above it).
#
# tsort names every loop it has to break; this prints them and exits 1,
# or prints "no circles" and exits 0.  Tests are not in either graph.
set -eu
B=${1:-build}
cd "$(dirname "$0")/.."
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# the objects of tracked sources only (a build dir may hold stale ones)
git ls-files '*.c' '*.y' | grep -v '^tests/' > "$t/src"
objs=$(sed -e 's|\.c$|.o|' -e "s|^|$B/obj/|" "$t/src" | grep -v '\.y$';
	grep '\.y$' "$t/src" | sed -e 's|\.y$|.o|' -e "s|^|$B/gen/|")
for o in $objs; do
	[ -f "$o" ] || { echo "tools/circles.sh: no $o: run make first" >&2; exit 2; }
done
for o in $objs; do
	n=${o#"$B"/obj/}
	n=${n#"$B"/gen/}
	n=${n%.o}
	nm --defined-only -g "$o" | awk -v n="$n" 'NF == 3 { print $3, n }'
done | sort > "$t/def"
for o in $objs; do
	n=${o#"$B"/obj/}
	n=${n#"$B"/gen/}
	n=${n%.o}
	nm -u "$o" | awk -v n="$n" '{ print $NF, n }'
done | sort > "$t/use"
join "$t/use" "$t/def" | awk '$2 != $3 { print $2, $3 }' > "$t/sym"

# quoted includes, from the top of the tree or the including file's dir
git ls-files '*.c' '*.h' '*.y' | grep -v '^tests/' | while read -r f; do
	d=$(dirname "$f")
	sed -n 's/^#[ 	]*include[ 	]*"\([^"]*\)".*/\1/p' "$f" |
	while read -r h; do
		if [ -f "$h" ]; then
			echo "$f $h"
		elif [ -f "$d/$h" ]; then
			echo "$f $d/$h"
		fi
	done
done | sort -u > "$t/inc"
awk '{ a = $1; b = $2; sub(/\.[a-z]+$/, "", a); sub(/\.[a-z]+$/, "", b)
	if (a != b && a != b "_local") print a, b }' "$t/inc" > "$t/incm"
sort -u "$t/sym" "$t/incm" > "$t/mod"

rc=0
for g in inc mod; do
	if ! tsort "$t/$g" > /dev/null 2> "$t/err"; then
		echo "circles in the $g graph:"
		sed -e 's/^tsort: .*input contains a loop:$/ loop:/' \
		    -e 's/^tsort: /  /' "$t/err"
		rc=1
	fi
done
[ $rc = 1 ] || echo "no circles: $(wc -l < "$t/inc") include edges," \
	"$(wc -l < "$t/mod") module edges," \
	"$(awk '{ print $1; print $2 }' "$t/mod" | sort -u | wc -l) modules"
exit $rc
