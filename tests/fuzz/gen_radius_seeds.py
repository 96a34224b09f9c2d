#!/usr/bin/env python3
# Seed corpora for fuzz_auth_radius and fuzz_auth_radverify, written with
# Python's hashlib/hmac from the RFCs (not with the code under test):
#   python3 tests/fuzz/gen_radius_seeds.py tests/fuzz/corpus
import hashlib
import hmac
import os
import sys

SECRET = b"fuzz-secret"                  # the fuzz targets' secret
RA = bytes.fromhex("0f403f9473978057bd83d5cb98f4227a")
ID = 0x2A                                # fuzz_auth_radverify's request id
MS, MT = 311, 14988


def md5(*p):
    return hashlib.md5(b"".join(p)).digest()


def attr(t, v):
    return bytes([t, 2 + len(v)]) + v


def u32(v):
    return v.to_bytes(4, "big")


def vsa(vendor, t, v):
    return attr(26, u32(vendor) + attr(t, v))


def mppe(key, salt):                     # RFC 2548 2.4.2
    p = bytes([len(key)]) + key
    p += b"\0" * (-len(p) % 16)
    s = salt.to_bytes(2, "big")
    out, prev = b"", RA + s
    for i in range(0, len(p), 16):
        c = bytes(x ^ y for x, y in zip(p[i:i + 16], md5(SECRET, prev)))
        out, prev = out + c, c
    return s + out


def reply(code, attrs, ma=True):
    """A reply to (ID, RA), Message-Authenticator first, signed."""
    if ma:
        attrs = attr(80, b"\0" * 16) + attrs
    hdr = bytes([code, ID]) + (20 + len(attrs)).to_bytes(2, "big")
    if ma:
        mac = hmac.new(SECRET, hdr + RA + attrs, hashlib.md5).digest()
        attrs = attr(80, mac) + attrs[18:]
    return hdr + md5(hdr, RA, attrs, SECRET) + attrs


accept = reply(2,
    attr(6, u32(2)) + attr(7, u32(1)) + attr(8, bytes([10, 0, 0, 5])) +
    attr(9, bytes([255] * 4)) + attr(22, b"192.0.2.0/24 0.0.0.0 1") +
    attr(27, u32(3600)) + attr(28, u32(600)) + attr(85, u32(300)) +
    attr(25, b"class-1") + attr(64, bytes([1, 0, 0, 1])) +
    attr(66, b"\x01192.0.2.7") + attr(88, b"pool-a") + attr(12, u32(1400)) +
    vsa(MS, 7, u32(2)) + vsa(MS, 8, u32(4)) + vsa(MS, 28, bytes([192, 0, 2, 1])) +
    vsa(MS, 30, bytes([192, 0, 2, 2])) +
    vsa(MS, 26, b"\x07S=407A5589115FD0D6209F510FE9C04566932CDA56") +
    vsa(MS, 16, mppe(bytes(range(16)), 0x8001)) +
    vsa(MS, 17, mppe(bytes(range(16, 32)), 0x8002)) +
    vsa(MT, 8, b"2M/4M") + attr(55, u32(1700000000)))
reject = reply(3, vsa(MS, 2, b"\x07E=691 R=0 C=00112233445566778899aabbccddeeff V=3") +
               attr(18, b"denied"))
challenge = reply(11, attr(24, b"state-1") + attr(18, b"more"))
acct = reply(5, b"")
nomauth = reply(2, attr(27, u32(60)), ma=False)

rfc = [bytes.fromhex(h) for h in (
    "01000038 0f403f9473978057bd83d5cb98f4227a 01066e656d6f"
    "02120dbe708d93d413ce3196e43f782a0aee 0406c0a80110 050600000003",
    "02000026 86fe220e7624ba2a1005f6bf9b55e0b2 060600000001 0f0600000000"
    "0e06c0a80103",
    "0b02004e 36f3c8764ae8c71157403c0c71ff9c45 1230" +
    b"Challenge 32769430.  Enter response at prompt.".hex() +
    "180a" + b"32769430".hex())]


def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


top = sys.argv[1]
for name, pkt in (("accept-all-kinds", accept), ("reject-mschap-error", reject),
                  ("challenge", challenge), ("accounting-response", acct),
                  ("accept-no-ma", nomauth), ("rfc2865-7.1-request", rfc[0]),
                  ("rfc2865-7.1-accept", rfc[1]), ("rfc2865-7.3-challenge", rfc[2])):
    write(os.path.join(top, "auth_radius"), name, pkt)
# radverify: a flag byte first (0: as is, signed here already)
for name, flags, pkt in (("accept-all-kinds", 0, accept), ("reject", 0, reject),
                         ("challenge", 4, challenge), ("accounting", 8, acct),
                         ("accept-no-ma", 0, nomauth),
                         ("accept-no-ma-required", 4, nomauth),
                         ("resign-accept", 7, accept)):
    write(os.path.join(top, "auth_radverify"), name, bytes([flags]) + pkt)
