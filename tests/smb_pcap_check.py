#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check every signed SMB2 PDU of a capture with Python's `cryptography`
and hashlib/hmac, apart from smbsign's C: the second opinion the ksmbd
tests hold `smbsign verify --pcap` and the patched server to.

Per TCP connection: the dialect and (3.1.1) the signing algorithm from the
NEGOTIATE response's SMB2_SIGNING_CAPABILITIES context (none: AES-CMAC);
per session: the NTLMv2 session key from the password (smb_capture_keys),
for 3.x the signing key by SP800-108 counter mode with HMAC-SHA256
(MS-SMB2 3.1.4.2: "SMB2AESCMAC\\0"/"SmbSign\\0", or "SMBSigningKey\\0" with
the session's preauth integrity hash, a SHA-512 chain over NEGOTIATE and
SESSION_SETUP messages, 3.3.5.4-3.3.5.5); then each PDU with
SMB2_FLAGS_SIGNED: HMAC-SHA256 (first 16 bytes), AES-CMAC, or AES-GMAC =
the tag of AES-GCM with the PDU (signature zeroed) as associated data, no
plaintext, nonce = MessageId || LE32(bit 0 server-to-client, bit 1 CANCEL)
(3.1.4.1).

usage: smb_pcap_check.py --password PW CAPTURE.pcap
Prints one line per connection ("dialect 0x311 AES-GMAC: 812 signed PDUs,
812 verified, 0 bad, 0 without a key") and exits 1 if any PDU is bad, none
verified, or the capture lost bytes of a connection.
"""
import argparse
import hashlib
import hmac
import struct
import sys

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from smb_capture_keys import session_keys, smb2_messages, tcp_streams

ALG_NAMES = {0: "HMAC-SHA256", 1: "AES-CMAC", 2: "AES-GMAC"}
NEGOTIATE, SESSION_SETUP, CANCEL = 0, 1, 0xC
FLAG_SERVER, FLAG_SIGNED = 0x1, 0x8
MORE_PROCESSING = 0xC0000016


def u16(b, at): return struct.unpack_from("<H", b, at)[0]
def u32(b, at): return struct.unpack_from("<I", b, at)[0]
def u64(b, at): return struct.unpack_from("<Q", b, at)[0]


def kdf(ki, label, context):
    """SP800-108 counter mode, HMAC-SHA256, r = 32, L = 128."""
    data = struct.pack(">I", 1) + label + b"\0" + context + struct.pack(">I", 128)
    return hmac.new(ki, data, hashlib.sha256).digest()[:16]


def negotiated(rsp):
    """(dialect, signing algorithm) from a NEGOTIATE response."""
    dialect = u16(rsp, 64 + 4)
    alg = 0 if dialect < 0x300 else 1
    if dialect == 0x311:
        count, off = u16(rsp, 64 + 6), u32(rsp, 64 + 60)
        for _ in range(count):
            ctype, clen = u16(rsp, off), u16(rsp, off + 2)
            if ctype == 8 and clen >= 4 and u16(rsp, off + 8) >= 1:
                alg = u16(rsp, off + 10)
            off += (8 + clen + 7) & ~7
    return dialect, alg


def mac(alg, key, pdu):
    z = pdu[:48] + b"\0" * 16 + pdu[64:]
    if alg == 0:
        return hmac.new(key, z, hashlib.sha256).digest()[:16]
    if alg == 1:
        c = cmac.CMAC(algorithms.AES(key))
        c.update(z)
        return c.finalize()
    flags = (1 if u32(pdu, 16) & FLAG_SERVER else 0) | (2 if u16(pdu, 12) == CANCEL else 0)
    nonce = pdu[24:32] + struct.pack("<I", flags)
    return AESGCM(key).encrypt(nonce, b"", z)


def complete(stream):
    """True when the stream is whole Direct-TCP frames, nothing cut off."""
    off = 0
    while off + 4 <= len(stream):
        off += 4 + (struct.unpack(">I", stream[off:off + 4])[0] & 0xffffff)
    return off == len(stream)


def check_connection(req_stream, rsp_stream, sess_keys):
    reqs = list(smb2_messages(req_stream))
    rsps = list(smb2_messages(rsp_stream))
    neg_req = next((m for m in reqs if u16(m, 12) == NEGOTIATE), None)
    neg_rsp = next((m for m in rsps if u16(m, 12) == NEGOTIATE), None)
    if neg_req is None or neg_rsp is None:
        return None
    dialect, alg = negotiated(neg_rsp)
    conn_hash = hashlib.sha512(hashlib.sha512(b"\0" * 64 + neg_req).digest() + neg_rsp).digest()

    # Session setups in MessageId order; the preauth chain of each session
    # (binding setups, flag 0x01 in the request, have their own: skipped).
    by_id = {u64(m, 24): m for m in rsps if u16(m, 12) == SESSION_SETUP}
    chains, binding = {}, set()
    for req in sorted((m for m in reqs if u16(m, 12) == SESSION_SETUP), key=lambda m: u64(m, 24)):
        rsp = by_id.get(u64(req, 24))
        if rsp is None:
            continue
        sid = u64(rsp, 40)
        if req[64 + 2] & 1:
            binding.add(sid)
            continue
        h = chains.get(sid, conn_hash)
        h = hashlib.sha512(h + req).digest()
        if u32(rsp, 8) == MORE_PROCESSING:
            h = hashlib.sha512(h + rsp).digest()
        chains[sid] = h

    keys = {}
    for sid, skey in sess_keys.items():
        if sid in binding:
            continue
        if dialect < 0x300:
            keys[sid] = skey
        elif dialect == 0x311:
            if sid in chains:
                keys[sid] = kdf(skey, b"SMBSigningKey\0", chains[sid])
        else:
            keys[sid] = kdf(skey, b"SMB2AESCMAC\0", b"SmbSign\0")

    signed = good = nokey = 0
    bad = []
    for pdu in reqs + rsps:
        if not u32(pdu, 16) & FLAG_SIGNED:
            continue
        signed += 1
        key = keys.get(u64(pdu, 40))
        if key is None:
            nokey += 1
        elif hmac.compare_digest(mac(alg, key, pdu), pdu[48:64]):
            good += 1
        else:
            bad.append(f"command {u16(pdu, 12):#x} MessageId {u64(pdu, 24)}"
                       f" {'response' if u32(pdu, 16) & FLAG_SERVER else 'request'}")
    return dialect, alg, signed, good, bad, nokey


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--password", required=True)
    ap.add_argument("capture")
    args = ap.parse_args()
    sess_keys = session_keys(args.capture, args.password)
    streams = tcp_streams(args.capture)
    rc, conns = 0, 0
    for (src, sport, dst, dport), data in sorted(streams.items()):
        if dport != 445:
            continue
        r = check_connection(data, streams.get((dst, dport, src, sport), b""), sess_keys)
        if r is None:
            continue
        conns += 1
        dialect, alg, signed, good, bad, nokey = r
        whole = complete(data) and complete(streams.get((dst, dport, src, sport), b""))
        print(f"port {sport}: dialect {dialect:#x} {ALG_NAMES.get(alg, alg)}: {signed} signed PDUs,"
              f" {good} verified, {len(bad)} bad, {nokey} without a key"
              f"{'' if whole else ', the capture lost bytes of it'}")
        for b in bad[:5]:
            print(f"  BAD: {b}")
        if bad or good == 0 or not whole:
            rc = 1
    if conns == 0:
        print(f"{args.capture}: no SMB2 connection with a NEGOTIATE")
        rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
