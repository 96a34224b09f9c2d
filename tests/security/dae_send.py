#!/usr/bin/env python3
# A hand-made RADIUS Disconnect/CoA request, for the cases radclient
# cannot make (tests/security/t_dae.sh): the same bytes sent twice (a
# replay), no Message-Authenticator, a broken Request Authenticator, an
# Event-Timestamp out of the window.  Standard library only.
#
# dae_send.py HOST PORT SECRET CODE [options] ATTR=VALUE...
#   CODE: disconnect | coa
#   ATTR: acct-session-id, user-name, nas-identifier (strings),
#         event-timestamp (integer; "now" or "now-N")
#   --no-ma        no Message-Authenticator
#   --bad-auth     flip a bit of the Request Authenticator
#   --repeat N     send the same datagram N times, one answer awaited each
#   --timeout S    per answer (default 3)
# Prints one line per datagram sent: "reply CODE error-cause N ma-ok" or
# "no-reply"; checks the reply's Response Authenticator and
# Message-Authenticator (exit 2 when either is wrong).
import hashlib
import hmac
import os
import socket
import struct
import sys
import time

CODES = {"disconnect": 40, "coa": 43}
ATTRS = {"user-name": 1, "nas-identifier": 32, "acct-session-id": 44,
         "event-timestamp": 55}


def attr(t, v):
    return bytes([t, len(v) + 2]) + v


def build(code, ident, secret, items, with_ma, bad_auth):
    body = b""
    if with_ma:
        body += attr(80, bytes(16))
    for k, v in items:
        t = ATTRS[k]
        if k == "event-timestamp":
            if v.startswith("now"):
                n = int(time.time()) + (int(v[3:]) if len(v) > 3 else 0)
            else:
                n = int(v)
            body += attr(t, struct.pack("!I", n))
        else:
            body += attr(t, v.encode())
    length = 20 + len(body)
    hdr = struct.pack("!BBH", code, ident, length)
    if with_ma:
        mac = hmac.new(secret, hdr + bytes(16) + body, hashlib.md5).digest()
        body = body[:2] + mac + body[18:]
    auth = hashlib.md5(hdr + bytes(16) + body + secret).digest()
    if bad_auth:
        auth = bytes([auth[0] ^ 1]) + auth[1:]
    return hdr + auth + body


def check_reply(pkt, req, secret):
    if len(pkt) < 20:
        return None
    code, ident, length = struct.unpack("!BBH", pkt[:4])
    want = hashlib.md5(pkt[:4] + req[4:20] + pkt[20:length] +
                       secret).digest()
    ok = want == pkt[4:20]
    cause, ma_ok, i = 0, False, 20
    while i + 2 <= length:
        t, ln = pkt[i], pkt[i + 1]
        if ln < 2:
            break
        v = pkt[i + 2:i + ln]
        if t == 101 and ln == 6:
            cause = struct.unpack("!I", v)[0]
        if t == 80 and ln == 18:
            z = pkt[:4] + req[4:20] + pkt[20:i + 2] + bytes(16) + \
                pkt[i + 18:length]
            ma_ok = hmac.new(secret, z, hashlib.md5).digest() == v
        i += ln
    return code, cause, ok, ma_ok


def main(argv):
    host, port, secret, code = argv[1], int(argv[2]), argv[3].encode(), \
        CODES[argv[4]]
    with_ma, bad_auth, repeat, timeout, items = True, False, 1, 3.0, []
    a = argv[5:]
    while a:
        x = a.pop(0)
        if x == "--no-ma":
            with_ma = False
        elif x == "--bad-auth":
            bad_auth = True
        elif x == "--repeat":
            repeat = int(a.pop(0))
        elif x == "--timeout":
            timeout = float(a.pop(0))
        else:
            k, v = x.split("=", 1)
            items.append((k, v))
    req = build(code, os.urandom(1)[0], secret, items, with_ma, bad_auth)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    status = 0
    for _ in range(repeat):
        s.sendto(req, (host, port))
        try:
            pkt, _ = s.recvfrom(4096)
        except socket.timeout:
            print("no-reply")
            continue
        r = check_reply(pkt, req, secret)
        if r is None or not r[2] or not r[3]:
            print("reply-bad-authenticator")
            status = 2
            continue
        print("reply %d error-cause %d ma-ok" % (r[0], r[1]))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
