#!/bin/sh
# make fresh-check: the README's commands on a bare Debian 12.
#
# A minimal Debian 12 root (debootstrap --variant=minbase bookworm from
# the archive this machine's apt uses), made once and kept as
# build/fresh/base.tar; each run unpacks a new copy, installs only make,
# git and sudo, makes a clean git clone of this checkout (its HEAD: what
# is committed) and runs every "sudo make ..." line of README.md's "Two
# commands" section in it, chrooted (pivot_root) with /dev, /proc and
# /sys bind-mounted in a mount namespace of its own.  Any failing command
# fails the test.
#
#   make run     runs in a network namespace of its own: the test waits
#                (bounded) for the demo user line and for hpptpd to
#                accept on TCP 1723, then stops it (SIGTERM to the
#                process group it started).  The namespace has no route
#                to the archive, so the packages make run installs are
#                downloaded first (apt-get --download-only), and
#                installed by make run itself.
#   make check   the whole suite, inside the root (FRESH_CHECK=0: skip
#                it, for a quick run): network namespaces, tun and the
#                UML clients all work in the chroot.
#
# Then the other targets README names (make install, uninstall, demo,
# bench; FRESH_EXTRA=0 skips them).
#
# Then (tests/install/deb.sh) the .deb is built in the root and
# installed into a second fresh copy (FRESH_DEB=0: skip).
#
# A chroot has no init: /usr/sbin/policy-rc.d (exit 101) stops package
# scripts from starting daemons (Poptop's pptpd) on this machine's
# network, as on every Debian build chroot.
set -u
: "${HP_TOP:?}"
B=${HP_FRESH_DIR:-$HP_TOP/build/fresh}
R=$B/root
T0=$(date +%s)
FAILS=0
ok() { echo "ok - fresh: $*"; }
notok() { echo "not ok - fresh: $*"; FAILS=$((FAILS + 1)); }
skip_all() { echo "ok - fresh # SKIP $*"; exit 0; }
diag() { echo "# fresh: $*"; }
elapsed() { echo $(( $(date +%s) - T0 ))s; }

[ "$(id -u)" -eq 0 ] || skip_all "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || skip_all "no debootstrap (make deps)"
command -v unshare >/dev/null || skip_all "no unshare (util-linux)"
unshare -m true 2>/dev/null || skip_all "cannot make a mount namespace here"

# The Debian archive apt already uses here (deb822 or one-line format).
mirror() {
	_m=$(sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' \
	    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
	[ -n "$_m" ] || _m=$(awk '$1 == "deb" && $2 ~ /debian\/?$/ { print $2; exit }' \
	    /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
	echo "${_m:-http://deb.debian.org/debian}"
}

# The base root, made once.
make_base() {
	[ -s "$B/base.tar" ] && return 0
	mkdir -p "$B"
	rm -rf "$B/base.tmp"
	diag "debootstrap --variant=minbase bookworm from $(mirror) (once)"
	if ! debootstrap --variant=minbase bookworm "$B/base.tmp" "$(mirror)" \
	    > "$B/debootstrap.log" 2>&1; then
		tail -n 5 "$B/debootstrap.log" | sed 's/^/# /'
		rm -rf "$B/base.tmp"
		skip_all "debootstrap cannot run here (see $B/debootstrap.log)"
	fi
	tar -C "$B/base.tmp" -cf "$B/base.tar.new" . &&
	    mv "$B/base.tar.new" "$B/base.tar"
	rm -rf "$B/base.tmp"
}

# new_root DIR: a pristine copy of the base with make, git and sudo.
new_root() {
	rm -rf "$1"
	mkdir -p "$1"
	tar -C "$1" -xf "$B/base.tar" || return 1
	printf '#!/bin/sh\nexit 101\n' > "$1/usr/sbin/policy-rc.d"
	chmod 0755 "$1/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$1/etc/resolv.conf" 2>/dev/null
	# sudo looks its host name up
	printf '127.0.1.1\t%s\n' "$(hostname)" >> "$1/etc/hosts"
	in_root "$1" sh -c 'export DEBIAN_FRONTEND=noninteractive;
	    apt-get update -q >/dev/null &&
	    apt-get install -y -q --no-install-recommends make git sudo \
	        ca-certificates >/dev/null'
}

# in_root DIR CMD...: CMD in the chroot, /dev /proc /sys bind-mounted
# in a mount namespace of its own (gone, with its mounts, when CMD ends).
in_root() {
	_r=$1
	shift
	unshare -m --propagation private sh -c '
	    r=$1; shift
	    # a mount point, so that ip netns exec can make / a slave
	    mount --bind "$r" "$r" || exit 125
	    for d in dev proc sys; do
		mount --rbind "/$d" "$r/$d" && mount --make-rslave "$r/$d" ||
		    exit 125
	    done
	    mount -t tmpfs -o mode=0755 tmpfs "$r/run" || exit 125
	    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp" || exit 125
	    # pivot_root, not only chroot: the namespace'"'"'s root is the
	    # Debian root, so /proc/PID/root and exe read as on a machine
	    mkdir -p "$r/.oldroot" && cd "$r" && pivot_root . .oldroot &&
		umount -l /.oldroot || exit 125
	    exec chroot / env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root TERM=dumb LANG=C.UTF-8 "$@"' sh "$_r" "$@"
}

# The README's commands, in order.
readme_cmds() {
	sed -n '/^## Two commands/,/^## /p' "$HP_TOP/README.md" |
	    sed -n 's/^    \(sudo make [a-z-]*\).*/\1/p'
}

# make run in a network namespace: serves, prints the user, stops.
fresh_run() {
	# what make run will install, fetched while there is a network
	_pk=$(sed -n '/^BUILD="/,/"$/p' "$HP_TOP/tools/deps.sh" |
	    tr -d '"' | sed 's/^BUILD=//')
	# shellcheck disable=SC2086
	in_root "$R" apt-get install -d -y -q --no-install-recommends $_pk \
	    >/dev/null || { notok "apt-get --download-only for make run"; return; }
	_log=$B/run.log
	: > "$_log"
	# a session of its own (its process group is what we stop), a
	# network namespace of its own
	setsid sh "$HP_TOP/tests/install/fresh.sh" __run "$R" >> "$_log" 2>&1 </dev/null &
	_pid=$!
	_n=0 _up=0
	while [ $_n -lt 600 ]; do		# 600 s: it compiles first
		if grep -q "listening on 0.0.0.0 port 1723" "$_log" &&
		    nsenter -t "$(server_pid "$_pid")" -n python3 -c '
import socket; s = socket.create_connection(("127.0.0.1", 1723), 5)' \
		    2>/dev/null; then
			_up=1
			break
		fi
		kill -0 "$_pid" 2>/dev/null || break
		sleep 1
		_n=$((_n + 1))
	done
	if [ $_up = 1 ]; then
		ok "sudo make run: hpptpd accepts on TCP 1723 in its namespace ($(elapsed))"
	else
		notok "sudo make run: not serving on 1723 within 600 s"
		tail -n 20 "$_log" | sed 's/^/#   /'
	fi
	if grep -q "hpptpd demo: user 'demo', password '[A-Za-z0-9]*'" "$_log"; then
		ok "sudo make run: prints the demo user and password"
	else
		notok "sudo make run: no demo user line"
	fi
	/bin/kill -s TERM -- "-$_pid" 2>/dev/null
	_n=0
	while alive_pg "$_pid" && [ $_n -lt 100 ]; do sleep 0.1; _n=$((_n + 1)); done
	if alive_pg "$_pid"; then
		notok "sudo make run: still running 10 s after SIGTERM"
		/bin/kill -s KILL -- "-$_pid" 2>/dev/null
	else
		ok "sudo make run: stops on SIGTERM"
	fi
	wait "$_pid" 2>/dev/null
}
alive_pg() { /bin/kill -s 0 -- "-$1" 2>/dev/null; }
# the hpptpd master among the processes of session $1
server_pid() {
	for _p in $(pgrep -s "$1" -x hpptpd 2>/dev/null); do echo "$_p"; return; done
	echo "$1"
}

case ${1:-} in
__in_root)
	shift; _r=$1; shift
	in_root "$_r" "$@"
	exit $? ;;
__run)	exec unshare -n sh "$HP_TOP/tests/install/fresh.sh" __run_ns "$2" ;;
__run_ns)
	# lo up from this side (the chroot has no ip(8) before make run)
	ip link set lo up || exit 125
	in_root "$2" sh -c 'cd /root/hpptpd && exec sudo make run'
	exit $? ;;
esac

make_base
diag "base root ready ($(elapsed))"
if ! new_root "$R"; then
	notok "a fresh root with only make, git and sudo"
	exit 1
fi
ok "a fresh Debian 12 minbase root with only make, git and sudo ($(elapsed))"
rm -rf "$R/root/hpptpd"
if git clone -q "$HP_TOP" "$R/root/hpptpd"; then
	ok "git clone of $(git -C "$HP_TOP" rev-parse --short HEAD)"
else
	notok "git clone"
	exit 1
fi
readme_cmds > "$B/readme.cmds"
[ -s "$B/readme.cmds" ] || notok "README.md names no 'sudo make' command"
while read -r cmd; do
	case $cmd in
	"sudo make run")
		fresh_run ;;
	"sudo make check")
		if [ "${FRESH_CHECK:-1}" = 0 ]; then
			echo "ok - fresh: $cmd # SKIP FRESH_CHECK=0"
			continue
		fi
		in_root "$R" sh -c 'cd /root/hpptpd && sudo make check' \
		    > "$B/check.log" 2>&1
		rc=$?
		tail -n 1 "$B/check.log" | sed 's/^/# fresh: make check: /'
		if [ $rc = 0 ]; then
			ok "$cmd ($(elapsed))"
		else
			notok "$cmd exited $rc (log: $B/check.log)"
			grep '^not ok' "$B/check.log" | head -n 20 | sed 's/^/#   /'
		fi ;;
	*)
		if in_root "$R" sh -c "cd /root/hpptpd && $cmd" \
		    > "$B/cmd.log" 2>&1; then
			ok "$cmd ($(elapsed))"
		else
			notok "$cmd (log: $B/cmd.log)"
		fi ;;
	esac
done < "$B/readme.cmds"
# The other targets README names, in the same root: make install
# (then the installed hpptpd -n and the user), make uninstall, make
# demo (a UML client), make bench.
for cmd in "sudo make install" "sudo make uninstall" "sudo make demo" \
    "sudo make bench"; do
	[ "${FRESH_EXTRA:-1}" = 0 ] && break
	if in_root "$R" sh -c "cd /root/hpptpd && $cmd" \
	    > "$B/cmd.log" 2>&1; then
		ok "$cmd ($(elapsed))"
	else
		notok "$cmd (log: $B/cmd.log)"
		tail -n 15 "$B/cmd.log" | sed 's/^/#   /'
	fi
	case $cmd in
	*" install")
		if in_root "$R" sh -c '/usr/local/sbin/hpptpd -n >/dev/null 2>&1 &&
		    getent passwd _hpptpd >/dev/null &&
		    [ -x /usr/local/libexec/hpptpd/hpptpd-auth ] &&
		    [ -f /usr/local/lib/systemd/system/hpptpd.service ]'; then
			ok "make install: hpptpd -n, workers, unit and _hpptpd there"
		else
			notok "make install: not all there"
		fi ;;
	*uninstall)
		if in_root "$R" sh -c '[ ! -e /usr/local/sbin/hpptpd ] &&
		    [ -f /etc/hpptpd.conf ]'; then
			ok "make uninstall: binaries gone, /etc/hpptpd.conf kept"
		else
			notok "make uninstall: left binaries or removed the configuration"
		fi ;;
	esac
done
if [ "${FRESH_DEB:-1}" != 0 ] && [ -f "$HP_TOP/tests/install/deb.sh" ]; then
	. "$HP_TOP/tests/install/deb.sh"
fi
diag "total $(elapsed)"
[ $FAILS -eq 0 ]
