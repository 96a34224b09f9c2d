#!/usr/bin/python3
"""Ask for DNS servers with a DHCPv6 Information-request through a PPP
link, as Windows does when a router advertisement has the O flag
(RFC 8415 18.2.6), and print what the Reply says.

usage: dhcp6info.py IFACE [TIMEOUT]
First a Router Solicitation (RFC 4861 6.3.7) and the flags byte of the
advertisement that answers it, "ra-flags 0xNN" (M 0x80, O 0x40), or "no
ra".  Then the request, from the link-local address, port 546, to
ff02::1:2 port 547 on IFACE, retransmitting after 1 s, then 2 s, ...
within TIMEOUT.  Prints "reply from ADDR", "server-duid HEX", "client-id
echoed", one line "dns ADDR" per server, "domain NAME" per name and
"refresh SECS".
Exits 0 on a Reply with our transaction id, 1 if none came, 2 if the
Reply is malformed or does not echo our client identifier.  Runs inside
a UML client guest (the host's python3 via hostfs)."""
import os
import socket
import struct
import sys
import time

INFO_REQUEST, REPLY = 11, 7
OPT_CLIENTID, OPT_SERVERID, OPT_ORO, OPT_ELAPSED = 1, 2, 6, 8
OPT_DNS, OPT_DOMAINS, OPT_REFRESH = 23, 24, 32


def option(code, value):
    return struct.pack("!HH", code, len(value)) + value


def build_request(xid, duid, elapsed_cs):
    head = bytes([INFO_REQUEST]) + xid
    return head + option(OPT_CLIENTID, duid) + \
        option(OPT_ELAPSED, struct.pack("!H", min(elapsed_cs, 0xffff))) + \
        option(OPT_ORO, struct.pack("!HHH", OPT_DNS, OPT_DOMAINS,
                                    OPT_REFRESH))


def walk(data):
    """The options of a message body as (code, value) pairs."""
    out = []
    i = 0
    while i < len(data):
        if i + 4 > len(data):
            raise ValueError("half an option header at %d" % i)
        code, ln = struct.unpack("!HH", data[i:i + 4])
        if i + 4 + ln > len(data):
            raise ValueError("option %d runs past the end" % code)
        out.append((code, data[i + 4:i + 4 + ln]))
        i += 4 + ln
    return out


def names(data):
    """RFC 1035 names, uncompressed, one after another."""
    out, i, labels = [], 0, []
    while i < len(data):
        n = data[i]
        if n == 0:
            out.append(".".join(labels))
            labels, i = [], i + 1
            continue
        if n > 63 or i + 1 + n > len(data):
            raise ValueError("bad label at %d" % i)
        labels.append(data[i + 1:i + 1 + n].decode("ascii"))
        i += 1 + n
    if labels:
        raise ValueError("name without its last zero")
    return out


def report(data, src, duid):
    opts = walk(data[4:])
    seen = {}
    for code, value in opts:
        seen.setdefault(code, []).append(value)
    print("reply from %s" % src)
    if len(seen.get(OPT_SERVERID, [])) != 1:
        raise ValueError("not exactly one server identifier")
    print("server-duid %s" % seen[OPT_SERVERID][0].hex())
    if seen.get(OPT_CLIENTID) != [duid]:
        raise ValueError("our client identifier not echoed")
    print("client-id echoed")
    for value in seen.get(OPT_DNS, []):
        if len(value) % 16:
            raise ValueError("DNS option of %d bytes" % len(value))
        for i in range(0, len(value), 16):
            print("dns %s" % socket.inet_ntop(socket.AF_INET6,
                                              value[i:i + 16]))
    for value in seen.get(OPT_DOMAINS, []):
        for name in names(value):
            print("domain %s" % name)
    for value in seen.get(OPT_REFRESH, []):
        if len(value) != 4:
            raise ValueError("refresh time of %d bytes" % len(value))
        print("refresh %d" % struct.unpack("!I", value)[0])


def ra_flags(iface, ifindex, wait):
    """Solicit an advertisement on IFACE; its flags byte, or None."""
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                      socket.IPPROTO_ICMPV6)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                 iface.encode() + b"\0")
    # on the link only: a router drops a solicitation below 255
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF,
                 struct.pack("@I", ifindex))
    # type 133, code 0, checksum (the kernel's), reserved
    s.sendto(bytes([133, 0, 0, 0, 0, 0, 0, 0]), ("ff02::2", 0, 0, ifindex))
    end = time.monotonic() + wait
    while time.monotonic() < end:
        s.settimeout(max(end - time.monotonic(), 0.01))
        try:
            data, _ = s.recvfrom(2048)
        except socket.timeout:
            break
        if len(data) >= 16 and data[0] == 134:
            return data[5]
    return None


def main():
    iface = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    ifindex = socket.if_nametoindex(iface)
    flags = ra_flags(iface, ifindex, 5.0)
    print("no ra" if flags is None else "ra-flags 0x%02x" % flags)
    xid = os.urandom(3)
    # DUID-LL (RFC 8415 11.4): hardware type 1, a made-up MAC
    duid = struct.pack("!HH", 3, 1) + bytes([0x02, 0x50, 0x50, 0x54,
                                             0x50, 0x06])
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                 iface.encode() + b"\0")
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF,
                 struct.pack("@I", ifindex))
    s.bind(("::", 546))
    start = time.monotonic()
    wait = 1.0
    while time.monotonic() - start < timeout:
        cs = int((time.monotonic() - start) * 100)
        s.sendto(build_request(xid, duid, cs),
                 ("ff02::1:2", 547, 0, ifindex))
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            s.settimeout(max(deadline - time.monotonic(), 0.01))
            try:
                data, src = s.recvfrom(2048)
            except socket.timeout:
                break
            if len(data) < 4 or data[0] != REPLY or data[1:4] != xid:
                continue
            try:
                report(data, src[0], duid)
            except (ValueError, UnicodeDecodeError) as e:
                print("malformed reply: %s" % e)
                return 2
            return 0
        wait *= 2
    print("no reply")
    return 1


if __name__ == "__main__":
    sys.exit(main())
