#!/usr/bin/python3
"""Send a DHCPINFORM through a PPP link, as Windows does after IPCP, and
print the DHCPACK's subnet mask (option 1: "opt1 255.255.255.0") and
options 121 and 249 (classless static routes).

usage: dhcpinform.py IFACE CLIENT_ADDR [TIMEOUT]
Prints one line per route: "opt121 10.20.0.0/16 via 10.100.1.1" (and
opt249 likewise), "ack from ADDR" first; exits 0 on a DHCPACK, 1 if
none came, 2 on a malformed answer.  Runs inside a UML client guest
(the host's python3 via hostfs)."""
import os
import socket
import struct
import sys


def build_inform(ciaddr, xid):
    # RFC 2131 fixed header; chaddr left zero (a PPP link has none,
    # htype 8 = ... Windows uses htype 1 with a made-up MAC; so do we).
    mac = bytes([0x02, 0x50, 0x50, 0x54, 0x50, 0x01])
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s",
                      1, 1, 6, 0, xid, 0, 0,
                      socket.inet_aton(ciaddr), bytes(4), bytes(4), bytes(4),
                      mac + bytes(10), bytes(64), bytes(128))
    opts = bytes([99, 130, 83, 99])            # magic cookie
    opts += bytes([53, 1, 8])                  # DHCPINFORM
    opts += bytes([61, 7, 1]) + mac            # client identifier
    opts += bytes([12, 4]) + b"hpit"           # host name
    opts += bytes([60, 8]) + b"MSFT 5.0"       # vendor class, as Windows
    opts += bytes([55, 6, 1, 15, 3, 6, 121, 249])  # parameter request list
    opts += bytes([255])
    return hdr + opts


def parse_routes(data):
    """RFC 3442: width, significant octets of the prefix, router."""
    out = []
    i = 0
    while i < len(data):
        width = data[i]
        if width > 32:
            raise ValueError("width %d" % width)
        n = (width + 7) // 8
        if i + 1 + n + 4 > len(data):
            raise ValueError("truncated route")
        dst = bytes(data[i + 1:i + 1 + n]) + bytes(4 - n)
        gw = data[i + 1 + n:i + 5 + n]
        out.append("%s/%d via %s" % (socket.inet_ntoa(dst), width,
                                     socket.inet_ntoa(gw)))
        i += 5 + n
    return out


def parse_options(pkt):
    if len(pkt) < 240 or pkt[236:240] != bytes([99, 130, 83, 99]):
        raise ValueError("no magic cookie")
    opts = {}
    i = 240
    while i < len(pkt):
        code = pkt[i]
        if code == 255:
            break
        if code == 0:
            i += 1
            continue
        if i + 1 >= len(pkt):
            raise ValueError("truncated option")
        ln = pkt[i + 1]
        if i + 2 + ln > len(pkt):
            raise ValueError("truncated option %d" % code)
        # Long options may be split across several instances (RFC 3396).
        opts[code] = opts.get(code, b"") + pkt[i + 2:i + 2 + ln]
        i += 2 + ln
    return opts


def main():
    iface, ciaddr = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    xid = struct.unpack("!I", os.urandom(4))[0]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                 iface.encode() + b"\0")
    s.bind(("0.0.0.0", 68))
    s.settimeout(timeout / 3)
    pkt = build_inform(ciaddr, xid)
    for _ in range(3):
        s.sendto(pkt, ("255.255.255.255", 67))
        try:
            while True:
                data, src = s.recvfrom(2048)
                if len(data) < 240 or data[0] != 2:
                    continue
                if struct.unpack("!I", data[4:8])[0] != xid:
                    continue
                try:
                    opts = parse_options(data)
                    print("ack from %s type %s" % (
                        src[0], list(opts.get(53, b"?"))))
                    if len(opts.get(1, b"")) == 4:
                        print("opt1 %s" % socket.inet_ntoa(opts[1]))
                    for code in (121, 249):
                        if code in opts:
                            for r in parse_routes(opts[code]):
                                print("opt%d %s" % (code, r))
                except ValueError as e:
                    print("malformed answer: %s" % e)
                    return 2
                return 0
        except socket.timeout:
            continue
    print("no answer")
    return 1


if __name__ == "__main__":
    sys.exit(main())
