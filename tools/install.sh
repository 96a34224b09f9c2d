#!/bin/sh
# make install / make uninstall (the Makefile passes the directories).
#
#   install    binaries, workers, pages, the systemd unit and
#              /etc/default/hpptpd; /etc/hpptpd.conf only when absent;
#              without DESTDIR also the _hpptpd user and /var/empty
#   uninstall  removes those files again; keeps /etc/hpptpd.conf,
#              /etc/default/hpptpd, the secrets, the user and /var/empty
set -eu
: "${SBINDIR:?}" "${LIBEXECDIR:?}" "${MANDIR:?}" "${SYSCONFDIR:?}" \
    "${UNITDIR:?}"
D=${DESTDIR:-}
top=$(cd "$(dirname "$0")/.." && pwd)

# Root-owned when we are root; a package build (fakeroot, or none when
# Rules-Requires-Root: no) gets its ownership from dh_fixperms.
own=""
[ "$(id -u)" -eq 0 ] && own="-o root -g root"

say() { echo "install: $*"; }

do_install() {
	: "${HP_BUILD:?}"
	# shellcheck disable=SC2086
	install -d -m 0755 $own "$D$SBINDIR" "$D$LIBEXECDIR" \
	    "$D$MANDIR/man5" "$D$MANDIR/man8" "$D$UNITDIR" \
	    "$D$SYSCONFDIR/default"
	# shellcheck disable=SC2086
	{
	install -m 0755 $own "$HP_BUILD/inst/hpptpd" "$D$SBINDIR/hpptpd"
	install -m 0755 $own "$HP_BUILD/hpptpctl" "$D$SBINDIR/hpptpctl"
	for w in hpptpd-ctrl hpptpd-gre hpptpd-auth; do
		install -m 0755 $own "$HP_BUILD/$w" "$D$LIBEXECDIR/$w"
	done
	install -m 0644 $own "$top/man/hpptpd.conf.5" "$D$MANDIR/man5/"
	install -m 0644 $own "$top/man/hpptpd.8" "$top/man/hpptpctl.8" \
	    "$D$MANDIR/man8/"
	sed "s|@SBINDIR@|$SBINDIR|g" "$top/etc/hpptpd.service.in" \
	    > "$D$UNITDIR/hpptpd.service.new"
	chmod 0644 "$D$UNITDIR/hpptpd.service.new"
	mv "$D$UNITDIR/hpptpd.service.new" "$D$UNITDIR/hpptpd.service"
	}
	# an operator's files are never overwritten
	for f in hpptpd.conf default/hpptpd; do
		if [ -e "$D$SYSCONFDIR/$f" ]; then
			say "kept the existing $D$SYSCONFDIR/$f"
		else
			# shellcheck disable=SC2086
			install -m 0644 $own "$top/etc/$f" \
			    "$D$SYSCONFDIR/$f"
		fi
	done
	say "$D$SBINDIR/hpptpd, workers in $D$LIBEXECDIR," \
	    "unit $D$UNITDIR/hpptpd.service"
	[ -z "$D" ] || return 0
	if ! getent passwd _hpptpd >/dev/null; then
		if command -v adduser >/dev/null; then
			adduser --quiet --system --group --no-create-home \
			    --home /var/empty _hpptpd
		else
			useradd --system --no-create-home --home-dir /var/empty \
			    --shell /usr/sbin/nologin --user-group _hpptpd
		fi
		say "created the system user _hpptpd"
	fi
	if [ ! -d /var/empty ]; then
		mkdir -p /var/empty
		say "created /var/empty"
	fi
	chown root:root /var/empty
	chmod 0755 /var/empty
	if [ -d /run/systemd/system ]; then
		systemctl daemon-reload || true
	fi
	say "next: put users in the secrets file, then" \
	    "'systemctl enable --now hpptpd' (see README.md, Installing)"
}

do_uninstall() {
	rm -f "$D$SBINDIR/hpptpd" "$D$SBINDIR/hpptpctl" \
	    "$D$MANDIR/man5/hpptpd.conf.5" "$D$MANDIR/man8/hpptpd.8" \
	    "$D$MANDIR/man8/hpptpctl.8" "$D$UNITDIR/hpptpd.service"
	for w in hpptpd-ctrl hpptpd-gre hpptpd-auth; do
		rm -f "$D$LIBEXECDIR/$w"
	done
	rmdir "$D$LIBEXECDIR" 2>/dev/null || true
	if [ -z "$D" ] && [ -d /run/systemd/system ]; then
		systemctl daemon-reload || true
	fi
	say "removed; kept $D$SYSCONFDIR/hpptpd.conf," \
	    "$D$SYSCONFDIR/default/hpptpd, the secrets and the user _hpptpd"
}

case ${1:-} in
install)	do_install ;;
uninstall)	do_uninstall ;;
*)		echo "usage: install.sh install|uninstall" >&2; exit 2 ;;
esac
