# hpptpd interop harness: a private FreeRADIUS for the RADIUS scenarios
# (s16, s18); sourced after lib.sh and hpit_init, not run.
#
# hpit_radius SECRET: freeradius -X in the test's namespace, on a copy of
# /etc/freeradius/3.0 (tests/security/radius_lib.sh's fr_prepare) whose
# users file is this function's standard input; the client secret in
# $HPIT_TMP/radius-secret for hpptpd's secret-file.  Skips the test
# without freeradius; TAP "not ok" and exit when it does not start.
# The EXIT trap stops it before the harness's own cleanup.
hpit_radius() {
	command -v freeradius >/dev/null 2>&1 ||
	    { tap_skip "$HPIT_TEST" "needs freeradius (make deps)"; exit 0; }
	SEC_DIR=$HPIT_TMP SEC_NAME=$(basename "$0" .sh)
	. "$HP_TOP/tests/security/radius_lib.sh"
	FR_PID=
	trap 'kill_fr; hpit_cleanup' EXIT
	fr_prepare "$HPIT_TMP/raddb" "$HPIT_TMP/frlog" "$1" ||
	    { tap_notok "$HPIT_TEST: copy /etc/freeradius/3.0"; exit 1; }
	cat > "$HPIT_TMP/raddb/mods-config/files/authorize"
	fr_start "$HPIT_NS" "$HPIT_TMP/raddb" "$HPIT_TMP/fr.log" ||
	    { tap_notok "$HPIT_TEST: freeradius ready"; exit 1; }
	(umask 077; printf '%s\n' "$1" > "$HPIT_TMP/radius-secret")
}

# kill_fr: stop FreeRADIUS: TERM, at most 3 s, then KILL.
kill_fr() {
	[ -n "$FR_PID" ] || return 0
	kill -TERM "$FR_PID" 2>/dev/null
	wait_until 30 not is_alive "$FR_PID"
	kill -KILL "$FR_PID" 2>/dev/null
	wait "$FR_PID" 2>/dev/null
	FR_PID=
}
