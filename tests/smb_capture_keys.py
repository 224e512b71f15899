#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The session keys of the NTLMv2 sessions in an SMB capture, from the
user's password: what `smbsign verify --pcap` needs as --session-key.

Written apart from smbsign's C (pcap reading, TCP, SMB2 framing, NTLM) so
that the capture tests check smbsign against something it does not share.
MS-NLMP 3.3.2 and 3.4.5.1: NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)),
UTF-16LE(upper(user) + domain)); NTProofStr = HMAC-MD5(NTOWFv2,
ServerChallenge || temp) must equal the response's first 16 bytes;
SessionBaseKey = KeyExchangeKey = HMAC-MD5(NTOWFv2, NTProofStr); with
NTLMSSP_NEGOTIATE_KEY_EXCH the exported session key is RC4(KeyExchangeKey,
EncryptedRandomSessionKey). MD4 and RC4 are written out below (OpenSSL 3
leaves MD4 to its legacy provider).

usage: smb_capture_keys.py --password PW CAPTURE.pcap
       prints one "SESSIONID=HEX" line per session (the SessionId in hex)
       smb_capture_keys.py --self-test
       checks the NTLMv2 example of Microsoft's "anatomy of signing and
       cryptographic keys" blog post (tests/vectors/README.md)
"""
import argparse
import hashlib
import hmac
import struct
import sys


def md4(data):
    """RFC 1320."""
    def f(x, y, z): return (x & y) | (~x & z)
    def g(x, y, z): return (x & y) | (x & z) | (y & z)
    def h(x, y, z): return x ^ y ^ z
    def rol(v, s): return ((v << s) | (v >> (32 - s))) & 0xffffffff
    msg = data + b"\x80" + b"\0" * ((55 - len(data)) % 64) + struct.pack("<Q", 8 * len(data))
    a, b, c, d = 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
    for off in range(0, len(msg), 64):
        x = struct.unpack("<16I", msg[off:off + 64])
        aa, bb, cc, dd = a, b, c, d
        for i in range(16):
            s = (3, 7, 11, 19)[i % 4]
            a, b, c, d = d, rol((a + f(b, c, d) + x[i]) & 0xffffffff, s), b, c
        for i in range(16):
            k = (i % 4) * 4 + i // 4
            s = (3, 5, 9, 13)[i % 4]
            a, b, c, d = d, rol((a + g(b, c, d) + x[k] + 0x5a827999) & 0xffffffff, s), b, c
        for i in range(16):
            k = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)[i]
            s = (3, 9, 11, 15)[i % 4]
            a, b, c, d = d, rol((a + h(b, c, d) + x[k] + 0x6ed9eba1) & 0xffffffff, s), b, c
        a, b, c, d = [(v + w) & 0xffffffff for v, w in ((a, aa), (b, bb), (c, cc), (d, dd))]
    return struct.pack("<4I", a, b, c, d)


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 255
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 255
        j = (j + s[i]) & 255
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 255])
    return bytes(out)


def hmac_md5(key, data):
    return hmac.new(key, data, hashlib.md5).digest()


def ntlmv2_session_key(password, user, domain, server_challenge, nt_response,
                       flags, encrypted_key):
    ntowf = hmac_md5(md4(password.encode("utf-16-le")),
                     (user.upper() + domain).encode("utf-16-le"))
    proof = hmac_md5(ntowf, server_challenge + nt_response[16:])
    if proof != nt_response[:16]:
        return None
    base = hmac_md5(ntowf, proof)
    if flags & 0x40000000 and encrypted_key:   # NTLMSSP_NEGOTIATE_KEY_EXCH
        return rc4(base, encrypted_key)
    return base


def pcap_packets(path):
    """(link type, packet bytes) of a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        sys.exit(f"{path}: not a classic pcap file")
    link = struct.unpack(endian + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[off + 8:off + 12])[0]
        yield link, data[off + 16:off + 16 + incl]
        off += 16 + incl


def tcp_streams(path):
    """{(src, sport, dst, dport): bytes} in sequence order, port 445 only."""
    segs = {}
    for link, p in pcap_packets(path):
        if link == 1:          # Ethernet
            proto, p = struct.unpack(">H", p[12:14])[0], p[14:]
        elif link == 113:      # Linux cooked v1
            proto, p = struct.unpack(">H", p[14:16])[0], p[16:]
        elif link == 276:      # Linux cooked v2
            proto, p = struct.unpack(">H", p[0:2])[0], p[20:]
        else:
            sys.exit(f"{path}: link type {link} not read here")
        if proto == 0x0800 and p[9] == 6:
            ihl = 4 * (p[0] & 15)
            total = struct.unpack(">H", p[2:4])[0]
            src, dst, t = p[12:16], p[16:20], p[ihl:total]
        elif proto == 0x86dd and p[6] == 6:
            src, dst, t = p[8:24], p[24:40], p[40:40 + struct.unpack(">H", p[4:6])[0]]
        else:
            continue
        sport, dport, seq = struct.unpack(">HHI", t[:8])
        if 445 not in (sport, dport):
            continue
        payload = t[4 * (t[12] >> 4):]
        if payload:
            segs.setdefault((src, sport, dst, dport), {})[seq] = payload
    streams = {}
    for key, by_seq in segs.items():
        out = bytearray()
        first = min(by_seq)
        for seq in sorted(by_seq, key=lambda s: (s - first) & 0xffffffff):
            at = (seq - first) & 0xffffffff
            if at <= len(out):
                out[at:at + len(by_seq[seq])] = by_seq[seq]
        streams[key] = bytes(out)
    return streams


def smb2_messages(stream):
    off = 0
    while off + 4 <= len(stream):
        n = struct.unpack(">I", stream[off:off + 4])[0] & 0xffffff
        msg = stream[off + 4:off + 4 + n]
        if len(msg) < n:
            break          # the capture lost the rest of this stream
        off += 4 + n
        while len(msg) >= 64 and msg[:4] == b"\xfeSMB":
            nxt = struct.unpack("<I", msg[20:24])[0]
            yield msg[:nxt] if nxt else msg
            if not nxt:
                break
            msg = msg[nxt:]


def ntlmssp(msg):
    """The NTLMSSP message in a SESSION_SETUP's security buffer, or None
    (MS-SMB2 2.2.5, 2.2.6: the buffer's offset and length are at body
    offset 12 in a request, 4 in a response)."""
    at = 4 if struct.unpack("<I", msg[16:20])[0] & 1 else 12
    sec_off, sec_len = struct.unpack("<HH", msg[64 + at:64 + at + 4])
    blob = msg[sec_off:sec_off + sec_len]
    at = blob.find(b"NTLMSSP\0")
    return blob[at:] if at >= 0 else None


def field(m, at):
    length, _, off = struct.unpack("<HHI", m[at:at + 8])
    return m[off:off + length]


def session_keys(path, password):
    streams = tcp_streams(path)
    keys = {}
    for (src, sport, dst, dport), data in streams.items():
        if dport != 445:
            continue
        back = streams.get((dst, dport, src, sport), b"")
        challenges = {}
        for msg in smb2_messages(back):
            if struct.unpack("<H", msg[12:14])[0] == 1 and len(msg) > 80:
                n = ntlmssp(msg)
                if n and n[8] == 2:
                    sid = struct.unpack("<Q", msg[40:48])[0]
                    challenges[sid] = n[24:32]
        for msg in smb2_messages(data):
            if struct.unpack("<H", msg[12:14])[0] != 1 or len(msg) <= 80:
                continue
            n = ntlmssp(msg)
            if not n or n[8] != 3:
                continue
            sid = struct.unpack("<Q", msg[40:48])[0]
            if sid not in challenges:
                continue
            flags = struct.unpack("<I", n[60:64])[0]
            user = field(n, 36).decode("utf-16-le")
            domain = field(n, 28).decode("utf-16-le")
            key = ntlmv2_session_key(password, user, domain, challenges[sid],
                                     field(n, 20), flags, field(n, 52))
            if key is None:
                sys.exit(f"session {sid:#x}: the password does not give its NTProofStr")
            keys[sid] = key
    return keys


def self_test():
    # Microsoft's NTLMv2 example (tests/vectors/README.md): user
    # ADMINISTRATOR, domain SUT311, password Password01!.
    temp = bytes.fromhex(
        "0101000000000000A1A1F5ADCBAED001BC4AD05F223CC90F0000000002000C00530055005400"
        "33003100310001000C0053005500540033003100310004000C005300550054003300310031000"
        "3000C0053005500540033003100310007000800A1A1F5ADCBAED001060004000200000008003"
        "00030000000000000000000000000300000B61FEFCAA857EA57BF1EDCEBF8974B8E0EBA5A6DF"
        "D9D07A31D11B548F8C9D0CC0A001000000000000000000000000000000000000900160063006"
        "900660073002F00530055005400330031003100000000000000000000000000")
    response = bytes.fromhex("63078EB639FE03E20A231C3AE3BF2308") + temp
    key = ntlmv2_session_key("Password01!", "administrator", "SUT311",
                             bytes.fromhex("0D1D8BA31179D008"), response, 0xE2888215,
                             bytes.fromhex("3B9BDFF38F5EE8F9663F11A0F4C03A78"))
    ok = key == bytes.fromhex("270E1BA896585EEB7AF3472D3B4C75A7")
    ok &= md4(b"abc").hex() == "a448017aaf21d8525fc10ae87aa6729d"   # RFC 1320
    print("smb_capture_keys self-test:", "ok" if ok else "FAILED")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--password")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("capture", nargs="?")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.password or not args.capture:
        ap.error("--password and a capture are required")
    for sid, key in sorted(session_keys(args.capture, args.password).items()):
        print(f"{sid:#x}={key.hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
