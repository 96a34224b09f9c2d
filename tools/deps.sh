#!/bin/sh
# Install what hpptpd builds and tests with (Debian 12), idempotently and
# quietly when everything is present; create the _hpptpd user and the
# empty chroot directory.
#
#   sh tools/deps.sh          everything: build, run, every test suite,
#                             packaging (make check, demo, bench, deb)
#   sh tools/deps.sh build    only what building and running the server
#                             needs (make, make run, make install)
set -e
BUILD="build-essential pkg-config byacc nettle-dev libssl-dev libsodium-dev
 libseccomp-dev libcap-ng-dev libmnl-dev adduser"
TEST="clang libclang-rt-14-dev libcmocka-dev mandoc nftables iproute2
 iputils-ping iperf3 kmod user-mode-linux ppp pptp-linux pptpd tcpdump
 procps psmisc valgrind python3 util-linux binutils
 debootstrap debhelper lintian fakeroot systemd strace rsyslog openssl
 freeradius python3-prometheus-client sqlite3"
case ${1:-all} in
build)	PKGS=$BUILD ;;
all)	PKGS="$BUILD $TEST" ;;
*)	echo "usage: deps.sh [build|all]" >&2; exit 2 ;;
esac
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
	    missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || true
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null
	# Poptop is only a reference for tests; never leave it serving
	if echo "$missing" | grep -q pptpd && command -v systemctl >/dev/null; then
		systemctl disable --now pptpd >/dev/null 2>&1 || true
	fi
	# rsyslog likewise: the tests run their own rsyslogd on a private
	# /dev/log; one we just installed must not take over the host's
	if echo "$missing" | grep -q rsyslog; then
		if command -v systemctl >/dev/null; then
			systemctl disable --now rsyslog >/dev/null 2>&1 || true
		fi
		invoke-rc.d rsyslog stop >/dev/null 2>&1 || true
	fi
	# FreeRADIUS likewise (tests/security/t_radius_codec.sh runs its
	# own, on a copy of the configuration, in a namespace)
	if echo "$missing" | grep -q freeradius; then
		if command -v systemctl >/dev/null; then
			systemctl disable --now freeradius >/dev/null 2>&1 || true
		fi
		invoke-rc.d freeradius stop >/dev/null 2>&1 || true
	fi
fi
if ! getent passwd _hpptpd >/dev/null; then
	useradd --system --no-create-home --home-dir /var/empty \
	    --shell /usr/sbin/nologin --user-group _hpptpd
	echo "deps: created user _hpptpd"
fi
if [ ! -d /var/empty ]; then
	mkdir -p /var/empty
	echo "deps: created /var/empty"
fi
chown root:root /var/empty
chmod 0755 /var/empty
exit 0
