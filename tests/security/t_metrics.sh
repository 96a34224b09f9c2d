#!/bin/sh
# hpptpctl metrics (issue 16): the OpenMetrics exposition, read by a
# real parser (python3-prometheus-client's OpenMetrics parser, the one
# Prometheus' client library ships; it refuses anything the format
# forbids, a missing "# EOF" included) while sessions come and go.
# A server namespace and a client namespace joined by a veth pair; the
# project's own client (tests/tools/pptpc) logs in for real.
#   - idle: parses; sessions{state=up} 0, the workers up
#   - alice up and holding, with `metrics per-user yes`: up 1, her
#     session's bytes under her name, auth ok 1
#   - a wrong password: auth fail 1
#   - after both: session_ends_total{reason,up} counted (kicked/yes,
#     and the failed login with up=no), bytes_total what the session
#     moved (> 0), every value a number >= 0
#   - a chunked reply (many families): whole, in order, one # EOF
#   - `metrics listen on 127.0.0.1 port 9555`: GET /metrics over HTTP
#     (a real client: python's http.client) is 200, OpenMetrics, parses
#     and names the same samples as hpptpctl metrics; HEAD has no body;
#     another path 404, POST 405, garbage 400, with a log line; with
#     METRICS_HTTP_MAX (4) scrapers silent, a fifth is refused (an
#     event=connection-refused reason=metrics-busy line and the
#     refused: counter); ctrl closes the silent ones after 5 s and the
#     next GET is served; a metrics port that is a PPTP port: -n refuses
. "$(dirname "$0")/lib.sh"
sec_init metrics
command -v unshare >/dev/null 2>&1 || skip_all "needs unshare (util-linux)"
# Debian's python3 (the package's module is there, not in another one)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" -c 'import prometheus_client.openmetrics.parser' 2>/dev/null ||
    skip_all "needs python3-prometheus-client (make deps)"
SRV=198.18.4.1
CLI=198.18.4.2
CNS="hpsec-mtc-$$"
PPTPC=$HP_BUILD/tools/pptpc
PASS=alice-Metrics-7c1
HOLD_PID=
mt_cleanup() {
	[ -n "$HOLD_PID" ] && kill -KILL "$HOLD_PID" 2>/dev/null
	if ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qxF "$CNS"
	then
		ip netns del "$CNS" 2>/dev/null
	fi
	sec_cleanup
}
trap 'mt_cleanup' EXIT
trap 'mt_cleanup; exit 1' INT TERM HUP
if ! (cd "$HP_TOP" && make --no-print-directory \
    "$(basename "$HP_BUILD")/tools/pptpc") > "$SEC_DIR/make.log" 2>&1 ||
    [ ! -x "$PPTPC" ]; then
	notok "build $PPTPC"
	exit 1
fi
printf '"alice" pptpd "%s" *\n' "$PASS" > "$SEC_DIR/chap-secrets"
chmod 600 "$SEC_DIR/chap-secrets"
cat > "$SEC_DIR/hpptpd.conf" <<CONF
# written by tests/security/t_metrics.sh
listen on $SRV
secrets "$SEC_DIR/chap-secrets"
control "$SEC_DIR/hpptpd.sock"
connection-rate 1000 burst 1000
metrics per-user yes
metrics listen on 127.0.0.1 port 9555
CONF
sec_veth hpm "$SRV" "$CLI" || exit 1
sec_start || { notok "hpptpd up"; exit 1; }

ctl() { timeout 5 "$HP_BUILD/hpptpctl" -s "$SEC_DIR/hpptpd.sock" "$@"; }
# value NAME LABELS: a sample's value by the real parser ("" if absent;
# exit 1 if the text does not parse); no NAME: the number of samples
cat > "$SEC_DIR/om.py" <<'PYEOF'
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
want = sys.argv[2] if len(sys.argv) > 2 else None
labels = dict(kv.split("=", 1) for kv in sys.argv[3:])
n = 0
for fam in text_string_to_metric_families(text):
    for s in fam.samples:
        n += 1
        if s.value < 0:
            sys.exit("negative: %s" % (s,))
        if want is not None and s.name == want and s.labels == labels:
            print(int(s.value))
if want is None:
    print(n)
PYEOF
metrics() { ctl metrics > "$SEC_DIR/m.txt"; }
value() { "$PY" "$SEC_DIR/om.py" "$SEC_DIR/m.txt" "$@"; }

check "idle: hpptpctl metrics exits 0" metrics
n=$(value 2>"$SEC_DIR/om.err")
check "idle: the OpenMetrics parser takes it (${n:-0} samples)" \
    [ "${n:-0}" -gt 20 ]
sed 's/^/#   /' "$SEC_DIR/om.err"
check "idle: ends with # EOF, once" \
    sh -c "[ \"\$(tail -n 1 '$SEC_DIR/m.txt')\" = '# EOF' ] &&
	[ \$(grep -c '^# EOF' '$SEC_DIR/m.txt') = 1 ]"
check "idle: no session up" [ "$(value hpptpd_sessions state=up)" = 0 ]
nw=$(sec_nworkers)
check "idle: the $nw workers up (ctrl, auth, gre-workers)" \
    [ "$(grep -c '^hpptpd_worker_up{.*} 1$' "$SEC_DIR/m.txt")" = "$nw" ]
ngre=$((nw - 2))
for f in gre_tun_joined_packets gre_tun_joined_writes gre_tun_drops \
    gre_ctrl_drops; do
	check "idle: hpptpd_${f}_total 0 for each of the $ngre data workers" \
	    [ "$(grep -c "^hpptpd_${f}_total{worker=\"gre[0-9]*\"} 0\$" \
	    "$SEC_DIR/m.txt")" = "$ngre" ]
done

# alice holds a session (pings, then holds; killed at the end)
ip netns exec "$CNS" timeout 60 "$PPTPC" --ping 3 --hold 30 "$SRV" alice \
    "$PASS" > "$SEC_DIR/hold.out" 2>&1 &
HOLD_PID=$!
up1() { metrics && [ "$(value hpptpd_sessions state=up)" = 1 ]; }
check "alice up: sessions{state=up} 1" wait_until 100 up1
check "alice up: auth_total{result=ok} 1" \
    [ "$(value hpptpd_auth_total result=ok)" = 1 ]
sid=$(ctl list | awk '$2 == "alice" { print $1 }')
got() { metrics && [ "$(value hpptpd_session_bytes_total sid="$sid" \
    user=alice dir=in)" -gt 0 ] 2>/dev/null; }
# gre reports a live session's counters every 5 s
check "alice up: her session's bytes under her name (sid ${sid:-none})" \
    wait_until 120 got
ip netns exec "$CNS" timeout 20 "$PPTPC" "$SRV" alice wrong > /dev/null 2>&1
metrics
check "wrong password: auth_total{result=fail} 1" \
    [ "$(value hpptpd_auth_total result=fail)" = 1 ]
ctl kick "$sid" > /dev/null 2>&1
wait "$HOLD_PID" 2>/dev/null
HOLD_PID=
down() { metrics && [ "$(value hpptpd_sessions state=up)" = 0 ] &&
    [ "$(value hpptpd_session_ends_total reason=kicked up=yes)" = 1 ]; }
check "after the kick: no session up, one end (reason kicked, up yes)" \
    wait_until 100 down
check "after the kick: bytes_total in $(value hpptpd_bytes_total dir=in), out $(value hpptpd_bytes_total dir=out): > 0" \
    [ "$(value hpptpd_bytes_total dir=in)" -gt 0 -a \
    "$(value hpptpd_bytes_total dir=out)" -gt 0 ]
# the failed login ended before it was up (its cause is how ctrl saw
# the end: the client clears the call after the failure)
check "after the kick: the failed login counted as an end with up=no" \
    grep -q '^hpptpd_session_ends_total{reason="[a-z-]*",up="no"} 1$' \
    "$SEC_DIR/m.txt"
sz=$(wc -c < "$SEC_DIR/m.txt")
check "the reply ($sz bytes) spans chunks of 4096 and parses whole" \
    [ "$sz" -gt 4096 ]

# ---- the HTTP listener ----
cat > "$SEC_DIR/scrape.py" <<'PYEOF'
import http.client, socket, sys, time
mode = sys.argv[1]
if mode == "hold":	# N silent connections, held for S seconds
    n, secs = int(sys.argv[2]), float(sys.argv[3])
    socks = [socket.create_connection(("127.0.0.1", 9555), 5) for _ in range(n)]
    print("held", n, flush=True)
    time.sleep(secs)
    sys.exit(0)
if mode == "raw":	# raw bytes; print the status line, or "closed"
    s = socket.create_connection(("127.0.0.1", 9555), 5)
    s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
    s.settimeout(10)
    data = b""
    try:
        while True:
            b = s.recv(4096)
            if not b:
                break
            data += b
    except OSError:	# a reset (our request unread) is a close too
        pass
    print(data.split(b"\r\n", 1)[0].decode() if data else "closed")
    sys.exit(0)
c = http.client.HTTPConnection("127.0.0.1", 9555, timeout=10)
c.request(mode, sys.argv[2])
r = c.getresponse()
body = r.read()
print(r.status, r.getheader("Content-Type"), len(body))
if len(sys.argv) > 3:
    open(sys.argv[3], "wb").write(body)
PYEOF
hget() { ip netns exec "$SEC_NS" timeout 20 "$PY" "$SEC_DIR/scrape.py" "$@"; }
r=$(hget GET /metrics "$SEC_DIR/h.txt" 2>&1)
check "http: GET /metrics: 200, OpenMetrics ($r)" \
    sh -c "echo '$r' | grep -q '^200 application/openmetrics-text'"
cp "$SEC_DIR/h.txt" "$SEC_DIR/m.txt"
n=$(value 2>"$SEC_DIR/om.err")
check "http: the OpenMetrics parser takes the body (${n:-0} samples)" \
    [ "${n:-0}" -gt 20 ]
names() { sed -n 's/^\(hpptpd_[a-z_]*\).*/\1/p' "$1" | sort -u; }
metrics
names "$SEC_DIR/m.txt" > "$SEC_DIR/names.ctl"
names "$SEC_DIR/h.txt" > "$SEC_DIR/names.http"
check "http: the same families as hpptpctl metrics ($(wc -l < "$SEC_DIR/names.http"))" \
    cmp -s "$SEC_DIR/names.ctl" "$SEC_DIR/names.http"
r=$(hget HEAD /metrics 2>&1)
check "http: HEAD /metrics: 200, no body ($r)" \
    sh -c "echo '$r' | grep -q '^200 .* 0\$'"
r=$(hget GET /other 2>&1)
check "http: GET /other: 404 ($r)" sh -c "echo '$r' | grep -q '^404 '"
r=$(hget POST /metrics 2>&1)
check "http: POST /metrics: 405 ($r)" sh -c "echo '$r' | grep -q '^405 '"
r=$(hget raw 'GET /metrics\x00 HTTP/1.1\r\n\r\n' 2>&1)
check "http: a NUL in the request line: 400 ($r)" \
    sh -c "echo '$r' | grep -q '^HTTP/1.0 400 '"
check "http: a refusal has a log line" \
    grep -q 'metrics: scraper [0-9]*: answered [0-9]* ' "$SEC_DIR/log"
ip netns exec "$SEC_NS" timeout 30 "$PY" "$SEC_DIR/scrape.py" hold 4 8 \
    > "$SEC_DIR/hold4.out" 2>&1 &
hp=$!
held() { grep -q "held 4" "$SEC_DIR/hold4.out"; }
wait_until 50 held
sleep 0.5
r=$(hget raw 'GET /metrics HTTP/1.0\r\n\r\n' 2>&1)
check "http: a fifth scraper while 4 are silent is closed unanswered ($r)" \
    [ "$r" = closed ]
busy() { grep -q 'event=connection-refused .*reason=metrics-busy' \
    "$SEC_DIR/log"; }
check "http: ... with event=connection-refused reason=metrics-busy" \
    wait_until 50 busy
check "http: ... and counted in hpptpctl stats" \
    sh -c "timeout 5 '$HP_BUILD/hpptpctl' -s '$SEC_DIR/hpptpd.sock' stats |
	grep -q 'metrics-busy=1'"
slow() { grep -q 'metrics: scraper [0-9]* too slow' "$SEC_DIR/log"; }
check "http: ctrl closes the silent ones after 5 s" wait_until 100 slow
r=$(hget GET /metrics 2>&1)
check "http: then a GET is served again ($r)" \
    sh -c "echo '$r' | grep -q '^200 '"
wait "$hp" 2>/dev/null
check "http: hpptpctl stats: the listener, 2 expositions served (the GETs), 1 refused, 0 open" \
    sh -c "timeout 5 '$HP_BUILD/hpptpctl' -s '$SEC_DIR/hpptpd.sock' stats |
	grep -q '^metrics http: 127.0.0.1 port 9555, 2 served, 1 refused, 0 open'"
check "http: master and workers still up" all_ready
sed "s/^metrics listen on .*/metrics listen on $SRV port 1723/" \
    "$SEC_DIR/hpptpd.conf" > "$SEC_DIR/clash.conf"
check "hpptpd -n refuses a metrics port that is a PPTP listen port" \
    sh -c "! '$HP_BUILD/hpptpd' -n -f '$SEC_DIR/clash.conf' 2>'$SEC_DIR/clash.err' &&
	grep -q 'metrics listen on: port 1723' '$SEC_DIR/clash.err'"
sec_finish
