# tests/install/deb.sh: sourced by fresh.sh after the README's commands
# (the fresh root $R holds a clean clone with make deps done).  Builds
# the .deb there (make deb: dpkg-buildpackage + lintian), installs it
# with apt-get into a second pristine root (dependencies from the
# archive), and uses it as an operator would: hpptpd -n on the installed
# default, the Poptop seed files migrated with hpptpd -P ... -n, the unit
# enabled not started and verified, then the unit's ExecStart line run
# as is (with HPPTPD_OPTS="-P /etc/pptpd.conf" from /etc/default/hpptpd)
# in a network namespace, and tests/tools/pptpc (this checkout's native
# PPTP client: UML inside the chroot would need the whole interop
# set-up there) connecting, authenticating with MS-CHAPv2, MPPE-128 and
# pinging through the tunnel.  remove keeps the configuration and the
# user; purge removes the user.
# deb_serve: the installed unit's ExecStart line, run as is in a server
# namespace (veth to a client namespace); pptpc connects through it.
deb_serve() {
	_ns=hpfresh-s-$$ _cns=hpfresh-c-$$
	_pptpc=$HP_TOP/build/tools/pptpc
	make -s -C "$HP_TOP" build/tools/pptpc > "$B/pptpc-build.log" 2>&1 ||
	    { notok "build $_pptpc"; return; }
	ip netns add "$_ns" && ip netns add "$_cns" &&
	    ip link add "hpf$$s" type veth peer name "hpf$$c" &&
	    ip link set "hpf$$s" netns "$_ns" && ip link set "hpf$$c" netns "$_cns" &&
	    ip -n "$_ns" addr add 198.51.100.1/24 dev "hpf$$s" &&
	    ip -n "$_ns" link set "hpf$$s" up && ip -n "$_ns" link set lo up &&
	    ip -n "$_cns" addr add 198.51.100.2/24 dev "hpf$$c" &&
	    ip -n "$_cns" link set "hpf$$c" up && ip -n "$_cns" link set lo up ||
	    { notok "namespaces and veth pair"; deb_ns_del; return; }
	# the documented way to run from Poptop's files
	echo 'HPPTPD_OPTS="-P /etc/pptpd.conf"' >> "$R2/etc/default/hpptpd"
	_exec=$(sed -n 's/^ExecStart=//p' "$R2/lib/systemd/system/hpptpd.service")
	diag "ExecStart=$_exec (HPPTPD_OPTS from /etc/default/hpptpd)"
	setsid ip netns exec "$_ns" sh "$HP_TOP/tests/install/fresh.sh" \
	    __in_root "$R2" sh -c ". /etc/default/hpptpd; exec $_exec" \
	    > "$B/serve.log" 2>&1 </dev/null &
	_spid=$!
	_n=0
	until ip netns exec "$_cns" python3 -c '
import socket; socket.create_connection(("198.51.100.1", 1723), 2)' 2>/dev/null; do
		_n=$((_n + 1))
		[ $_n -lt 40 ] && kill -0 "$_spid" 2>/dev/null || break
		sleep 0.5
	done
	_d="the installed daemon (unit's ExecStart) accepts on 198.51.100.1:1723"
	check_deb ip netns exec "$_cns" python3 -c '
import socket; socket.create_connection(("198.51.100.1", 1723), 2)'
	ip netns exec "$_cns" timeout 60 "$_pptpc" --ping 3 198.51.100.1 \
	    username1 password1 > "$B/pptpc.out" 2>&1
	_rc=$?
	sed 's/^/# fresh: pptpc: /' "$B/pptpc.out" | grep -E 'up|ping' | head -n 3
	_d="pptpc: username1 connects (MS-CHAPv2, MPPE-128), gets a pool address and 3/3 pings through the tunnel (rc $_rc)"
	check_deb sh -c "[ $_rc = 0 ] && grep -q '^up 10\.100\.0\.' '$B/pptpc.out' &&
	    grep -q '^ping [0-9]* 3' '$B/pptpc.out'"
	_d="the installed workers run from /usr/libexec/hpptpd"
	check_deb sh -c "for p in \$(pgrep -s $_spid -x hpptpd-gre); do
	    readlink /proc/\$p/exe; done | grep -qx '$R2/usr/libexec/hpptpd/hpptpd-gre' ||
	    for p in \$(pgrep -s $_spid -x hpptpd-gre); do
	    readlink /proc/\$p/exe; done | grep -qx /usr/libexec/hpptpd/hpptpd-gre"
	/bin/kill -s TERM -- "-$_spid" 2>/dev/null
	_n=0
	while /bin/kill -s 0 -- "-$_spid" 2>/dev/null && [ $_n -lt 50 ]; do
		sleep 0.2; _n=$((_n + 1))
	done
	_d="the installed daemon stops on SIGTERM"
	check_deb sh -c "! /bin/kill -s 0 -- -$_spid 2>/dev/null"
	/bin/kill -s KILL -- "-$_spid" 2>/dev/null
	wait "$_spid" 2>/dev/null
	deb_ns_del
}
deb_ns_del() {
	ip netns del "$_ns" 2>/dev/null
	ip netns del "$_cns" 2>/dev/null
}
R2=$B/deb-root
if in_root "$R" sh -c 'cd /root/hpptpd && make deb' > "$B/deb.log" 2>&1; then
	ok "make deb in the fresh root (dpkg-buildpackage, lintian) ($(elapsed))"
else
	notok "make deb (log: $B/deb.log)"
	tail -n 20 "$B/deb.log" | sed 's/^/#   /'
fi
grep -E '^[EW]: ' "$B/deb.log" | sed 's/^/# fresh: lintian: /'
check_deb() { if "$@"; then ok "$_d"; else notok "$_d"; fi; }
deb=$(ls "$R"/root/hpptpd/build/deb/hpptpd_*_amd64.deb 2>/dev/null | head -n 1)
_d="lintian: no errors"
check_deb sh -c "! grep -q '^E: ' '$B/deb.log'"
if [ -n "$deb" ] && new_root "$R2"; then
	cp "$deb" "$R2/root/"
	if in_root "$R2" sh -c 'cd /root && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -q ./hpptpd_*_amd64.deb' > "$B/apt.log" 2>&1; then
		ok "apt-get install ./$(basename "$deb") into a second fresh root ($(elapsed))"
	else
		notok "apt-get install ./$(basename "$deb") (log: $B/apt.log)"
	fi
	_d="installed: workers in /usr/libexec/hpptpd, root-owned 0755"
	check_deb sh -c "[ \"\$(stat -c '%a %u' '$R2/usr/libexec/hpptpd/hpptpd-gre')\" = '755 0' ]"
	_d="postinst created the system user _hpptpd"
	check_deb in_root "$R2" getent passwd _hpptpd
	_d="the unit is enabled (multi-user.target.wants)"
	check_deb [ -L "$R2/etc/systemd/system/multi-user.target.wants/hpptpd.service" ]
	_d="... and not started by the package (no start in postinst)"
	check_deb sh -c "! grep -q 'deb-systemd-invoke.*start' '$R2/var/lib/dpkg/info/hpptpd.postinst'"
	_d="/etc/hpptpd.conf and /etc/default/hpptpd are conffiles"
	check_deb sh -c "grep -qx /etc/hpptpd.conf '$R2/var/lib/dpkg/info/hpptpd.conffiles' &&
	    grep -qx /etc/default/hpptpd '$R2/var/lib/dpkg/info/hpptpd.conffiles'"
	_d="hpptpd -n on the installed /etc/hpptpd.conf"
	check_deb in_root "$R2" sh -c 'hpptpd -n >/dev/null 2>&1'
	# Poptop's own files, as pptpd's package lays them out
	mkdir -p "$R2/etc/ppp"
	for f in pptpd.conf options.pptpd chap-secrets; do
		sed 's|@PPPDIR@|/etc/ppp|g; /^@EXTRA_[A-Z]*@$/d' \
		    "$HP_TOP/tests/interop/seed/$f" > "$R2/etc/ppp/$f"
	done
	mv "$R2/etc/ppp/pptpd.conf" "$R2/etc/pptpd.conf"
	chmod 0600 "$R2/etc/ppp/chap-secrets"
	_d="hpptpd -P /etc/pptpd.conf -n > /etc/hpptpd.conf (README's migration)"
	check_deb in_root "$R2" sh -c \
	    'hpptpd -P /etc/pptpd.conf -n > /tmp/conf && hpptpd -n -f /tmp/conf >/dev/null 2>&1'
	in_root "$R2" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    --no-install-recommends systemd' > "$B/apt-systemd.log" 2>&1
	_d="systemd-analyze verify /lib/systemd/system/hpptpd.service (installed root)"
	check_deb in_root "$R2" systemd-analyze verify --man=no \
	    /lib/systemd/system/hpptpd.service
	deb_serve
	in_root "$R2" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q hpptpd' \
	    > "$B/apt-remove.log" 2>&1
	_d="apt-get remove: /etc/hpptpd.conf and the user stay"
	check_deb sh -c "[ -f '$R2/etc/hpptpd.conf' ] && [ ! -e '$R2/usr/sbin/hpptpd' ] &&
	    grep -q '^_hpptpd:' '$R2/etc/passwd'"
	in_root "$R2" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q hpptpd' \
	    > "$B/apt-purge.log" 2>&1
	_d="apt-get purge: the user _hpptpd and /etc/hpptpd.conf are gone"
	check_deb sh -c "! grep -q '^_hpptpd:' '$R2/etc/passwd' && [ ! -e '$R2/etc/hpptpd.conf' ]"
else
	notok "no .deb built, or no second root"
fi
