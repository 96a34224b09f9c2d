#!/usr/bin/env python3
# Known-answer vectors for tests/unit/test_auth_radius.c, computed with
# Python's hashlib and hmac straight from the RFC text (RFC 2865 3 and
# 5.2, RFC 2866 3, RFC 3579 3.2, RFC 2548 2.4.2), independently of
# auth/radius_*.c.  Run: python3 tests/unit/data/radius_vectors.py
import hashlib
import hmac

SECRET = b"xyzzy5461"                                   # RFC 2865 7.1
RA = bytes.fromhex("0f403f9473978057bd83d5cb98f4227a")


def md5(*parts):
    return hashlib.md5(b"".join(parts)).digest()


def attr(t, v):
    return bytes([t, 2 + len(v)]) + v


def hide(pw, ra, secret):                               # RFC 2865 5.2
    p = pw + b"\0" * (-len(pw) % 16 or (16 if not pw else 0))
    out, prev = b"", ra
    for i in range(0, len(p), 16):
        b = md5(secret, prev)
        c = bytes(x ^ y for x, y in zip(p[i:i + 16], b))
        out, prev = out + c, c
    return out


def access_request():
    # Message-Authenticator first, then RFC 2865 7.1's attributes
    attrs = (attr(1, b"nemo") + attr(2, hide(b"arctangent", RA, SECRET)) +
             attr(4, bytes([192, 168, 1, 16])) + attr(5, (3).to_bytes(4, "big")))
    ma0 = attr(80, b"\0" * 16)
    n = 20 + len(ma0) + len(attrs)
    hdr = bytes([1, 0]) + n.to_bytes(2, "big")
    mac = hmac.new(SECRET, hdr + RA + ma0 + attrs, hashlib.md5).digest()
    return hdr + RA + attr(80, mac) + attrs


def accounting_request():                               # RFC 2866 3
    attrs = (attr(40, (1).to_bytes(4, "big")) + attr(44, b"0001") +
             attr(1, b"nemo") + attr(4, bytes([192, 168, 1, 16])))
    n = 20 + len(attrs)
    hdr = bytes([4, 1]) + n.to_bytes(2, "big")
    return hdr + md5(hdr, b"\0" * 16, attrs, SECRET) + attrs


def mppe_key(key, salt, ra, secret):                    # RFC 2548 2.4.2
    p = bytes([len(key)]) + key
    p += b"\0" * (-len(p) % 16)
    s = salt.to_bytes(2, "big")
    out, prev = b"", ra + s
    for i in range(0, len(p), 16):
        b = md5(secret, prev)
        c = bytes(x ^ y for x, y in zip(p[i:i + 16], b))
        out, prev = out + c, c
    return s + out


print("hidden arctangent:", hide(b"arctangent", RA, SECRET).hex())
print("access-request:   ", access_request().hex())
print("accounting-request:", accounting_request().hex())
# RFC 3079 3.5's SendStartKey128, salt 0x8001, RFC 2865 7.1's authenticator
print("mppe send key:    ", mppe_key(bytes.fromhex(
    "8B7CDC149B993A1BA118CB153F56DCCB"), 0x8001, RA, SECRET).hex())
