#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""`smbsign verify --pcap` on the captures of tests/vectors/smb/captures/
(stock Samba and ksmbd traffic made in a guest by tests/vm/captures.sh).

Per capture: the NTLMv2 session keys derived from the password by
tests/smb_capture_keys.py (which shares no code with smbsign) match the
committed NAME.keys; smbsign verifies every signed PDU (exit 0, no BAD, at
least the PDUs the session must have signed), with the algorithm the
capture's name says; the SMB 3.x signing keys it derives from the session
keys and the capture's preauth hash equal those Samba's client logged
(NAME.keylog, "debug encryption = yes"; the cifs capture has none: there
compound chains must have been verified). One capture is also rewritten
as pcapng and must give the same lines. Then single-bit flips of signed
PDUs, written into copies of the capture: every one must make smbsign exit
1, with the verdict the flipped field calls for:

  ProtocolId, StructureSize       NOT-SMB2 (not an SMB2 header)
  NextCommand                     NOT-SMB2 or BAD (the chain no longer
                                  splits as signed)
  SessionId                       UNKNOWN-SESSION (a signed PDU on a keyed
                                  connection with no key)
  Flags SMB2_FLAGS_SIGNED         BAD (unsigned where signing was on)
  any other header bit, payload   BAD (the signature does not match)

The first signed PDU after each session's setup has every bit of its
header flipped; the next three, the first compound member and the first
CANCEL (where the capture has them) one bit per header byte; each also
32 payload bits. Prints "ok ..."/"FAIL ..." lines and a count.

usage: pcap_verify_test.py SMBSIGN [STRIDE]   (build/smbsign, 1)

STRIDE n > 1 keeps every n-th of those flips: for a build run under
emulation (build/arm64/smbsign-qemu), where each run costs a QEMU start.
"""
import glob
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import smb_capture_keys  # noqa: E402

CAPTURES = os.path.join(HERE, "vectors", "smb", "captures")
PASSWORD = "smbsign-e2e-Pw1"
ALG_NAMES = {"hmac": "HMAC-SHA256", "cmac": "AES-CMAC", "gmac": "AES-GMAC"}
# At least this many signed PDUs verify in each capture: setup, tree
# connect, create, write, query, close, ... (measured: 20 and more).
MIN_SIGNED = 12
# The capture files: fewer would mean the directory lost some.
MIN_CAPTURES = 5
# Every FLIP_STRIDE-th bit flip is tried (argv[2]).
FLIP_STRIDE = int(sys.argv[2]) if len(sys.argv) > 2 else 1

checks = 0
failures = 0


def result(ok, msg):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
    print(("ok " if ok else "FAIL ") + msg)


def run(smbsign, pcap, keys, extra=()):
    args = [smbsign, "verify", "--pcap", pcap]
    for sid, key in keys.items():
        args += ["--session-key", f"{sid:#x}={key.hex()}"]
    p = subprocess.run(args + list(extra), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def keylog_signing_keys(path):
    """{session id: signing key} from smbclient's "debug encryption" dump."""
    keys = {}
    text = open(path, errors="replace").read()
    for block in text.split("debug encryption: dumping generated session keys")[1:]:
        fields = {}
        label = None
        for line in block.splitlines():
            m = re.match(r"\s*(Session Id|Session Key|Signing Key|App Key|ServerIn Key|ServerOut Key)\s*(.*)", line)
            if m:
                label, line = m.group(1), m.group(2)
            elif not line.strip().startswith("["):
                label = None
            if label:
                d = re.match(r"\s*\[[0-9A-Fa-f]+\]\s+((?:[0-9A-Fa-f]{2}\s+){1,16})", line + " ")
                if d:
                    fields[label] = fields.get(label, b"") + bytes.fromhex(d.group(1))
        if "Session Id" in fields and "Signing Key" in fields:
            keys[struct.unpack("<Q", fields["Session Id"][:8])[0]] = fields["Signing Key"]
    return keys


def packets_with_offsets(path):
    """[(file offset of the packet's data, data)] of a classic pcap file."""
    data = open(path, "rb").read()
    endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    link = struct.unpack(endian + "I", data[20:24])[0]
    off, out = 24, []
    while off + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[off + 8:off + 12])[0]
        out.append((off + 16, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return link, out


def stream_map(path):
    """{(sport, dport): (stream bytes, [file offset of each stream byte])},
    for the port-445 streams of a capture (the loopback captures here hold
    each byte once, in order)."""
    link, pkts = packets_with_offsets(path)
    streams = {}
    for foff, p in pkts:
        hdr = {1: 14, 113: 16, 276: 20}[link]
        ip = p[hdr:]
        if ip[0] >> 4 == 4:
            ihl, total = 4 * (ip[0] & 15), struct.unpack(">H", ip[2:4])[0]
        else:
            ihl, total = 40, 40 + struct.unpack(">H", ip[4:6])[0]
        t = ip[ihl:total]
        sport, dport = struct.unpack(">HH", t[:4])
        thl = 4 * (t[12] >> 4)
        payload = t[thl:]
        if 445 not in (sport, dport) or not payload:
            continue
        seq = struct.unpack(">I", t[4:8])[0]
        data, offs, seqs = streams.setdefault((sport, dport), (bytearray(), [], set()))
        if seq in seqs:
            continue        # a retransmission
        seqs.add(seq)
        base = foff + hdr + ihl + thl
        data += payload
        offs += range(base, base + len(payload))
    return {k: (bytes(v[0]), v[1]) for k, v in streams.items()}


def signed_members(path, sids):
    """(file offsets of the member's bytes, member bytes, whether it is in
    a compound chain) of the signed PDUs of keyed sessions after their
    setup, in stream order."""
    out = []
    for (sport, dport), (data, offs) in stream_map(path).items():
        off = 0
        while off + 4 <= len(data):
            n = struct.unpack(">I", data[off:off + 4])[0] & 0xffffff
            start, end = off + 4, off + 4 + n
            off = end
            first = start
            while start + 64 <= end and data[start:start + 4] == b"\xfeSMB":
                nxt = struct.unpack("<I", data[start + 20:start + 24])[0]
                mend = start + nxt if nxt else end
                m = data[start:mend]
                command = struct.unpack("<H", m[12:14])[0]
                flags = struct.unpack("<I", m[16:20])[0]
                sid = struct.unpack("<Q", m[40:48])[0]
                chained = start > first or nxt != 0
                if flags & 8 and sid in sids and command > 1:
                    out.append((offs[start:mend], m, chained))
                start = mend
    return out


def to_pcapng(pcap, out):
    """The same packets as pcapng (section header, one interface, enhanced
    packet blocks), written here from the pcapng spec: libpcap reads both."""
    link, pkts = packets_with_offsets(pcap)

    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

    with open(out, "wb") as f:
        f.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        f.write(block(1, struct.pack("<HHI", link, 0, 0)))
        for i, (_, data) in enumerate(pkts):
            f.write(block(6, struct.pack("<IIIII", 0, 0, i, len(data), len(data)) + data))


def expected_verdict(pos, bit, member):
    if pos < 6:
        return ("NOT-SMB2",)
    if 20 <= pos < 24:
        return ("NOT-SMB2", "BAD")
    if 40 <= pos < 48:
        return ("UNKNOWN-SESSION",)
    return ("BAD",)


def flip_test(smbsign, name, pcap, keys):
    raw = open(pcap, "rb").read()
    members = signed_members(pcap, set(keys))
    result(len(members) >= 4, f"{name}: {len(members)} signed PDUs after setup to flip bits in")
    # The first four, and the first compound member and CANCEL if any.
    picked = members[:4]
    picked += [x for x in members if x[2]][:1]
    picked += [x for x in members if struct.unpack("<H", x[1][12:14])[0] == 12][:1]
    rng = random.Random(name)
    runs = wrong = 0
    for i, (offs, m, _) in enumerate(picked):
        bits = [(p, b) for p in range(64) for b in range(8)] if i == 0 else \
               [(p, rng.randrange(8)) for p in range(64)]
        if len(m) > 64:
            bits += [(rng.randrange(64, len(m)), rng.randrange(8)) for _ in range(32)]
        for pos, bit in bits[::FLIP_STRIDE]:
            buf = bytearray(raw)
            buf[offs[pos]] ^= 1 << bit
            with tempfile.NamedTemporaryFile(suffix=".pcap") as f:
                f.write(buf)
                f.flush()
                rc, out, err = run(smbsign, f.name, keys)
            want = expected_verdict(pos, bit, m)
            runs += 1
            if rc != 1 or not any(w in out for w in want):
                wrong += 1
                if wrong <= 5:
                    print(f"  {name}: PDU {i} byte {pos} bit {bit}: exit {rc}, wanted {'/'.join(want)}:"
                          f" {[l for l in out.splitlines() if 'OK' not in l][:3]} {err.strip()}")
    result(runs > 0 and not wrong,
           f"{name}: {runs} single-bit flips in {len(picked)} signed PDUs, each exit 1 with its verdict ({wrong} not)")


def main():
    smbsign = sys.argv[1] if len(sys.argv) > 1 else "build/smbsign"
    pcaps = sorted(glob.glob(os.path.join(CAPTURES, "*.pcap")))
    result(len(pcaps) >= MIN_CAPTURES, f"{len(pcaps)} captures in {CAPTURES}")
    for pcap in pcaps:
        name = os.path.basename(pcap)[:-5]
        alg = ALG_NAMES[name.rsplit("-", 1)[1]]
        keys = smb_capture_keys.session_keys(pcap, PASSWORD)
        stored = open(pcap[:-5] + ".keys").read().split()
        result(keys and sorted(f"{s:#x}={k.hex()}" for s, k in keys.items()) == sorted(stored),
               f"{name}: session keys from the password match {name}.keys ({len(keys)} sessions)")
        rc, out, err = run(smbsign, pcap, keys, ["--print-keys"])
        oks = [l for l in out.splitlines() if l.endswith(" OK")]
        bad = [l for l in out.splitlines() if l.startswith("frame ") and " BAD" in l]
        result(rc == 0 and len(oks) >= MIN_SIGNED and not bad,
               f"{name}: exit {rc}, {len(oks)} signed PDUs OK, none BAD")
        result(oks and all(f" {alg} OK" in l for l in oks), f"{name}: every signed PDU is {alg}")
        derived = {int(m.group(1), 16): bytes.fromhex(m.group(2)) for m in
                   re.finditer(r"^session 0x([0-9a-f]+) signing key ([0-9a-f]+)", out, re.M)}
        keylog = pcap[:-5] + ".keylog"
        logged = keylog_signing_keys(keylog) if os.path.exists(keylog) else {}
        if name.startswith(("cifs-", "torture-")):
            chains = re.search(r"(\d+) compound chains", out)
            result(chains and int(chains.group(1)) > 0,
                   f"{name}: compound chains verified ({chains.group(1) if chains else 0} chains)")
        if name.startswith("torture-"):
            lines = out.splitlines()
            result(any(" CANCEL " in l and l.endswith(" OK") for l in lines) and
                   any("(interim response)" in l for l in lines),
                   f"{name}: a signed CANCEL verified, an interim async response seen")
        if "2.1" in name:
            result(derived and all(derived[s] == keys[s][:16] for s in derived),
                   f"{name}: 2.1 signs with the session key itself")
        elif logged or name.startswith(("smbd-", "ksmbd-")):
            # smbclient always logs its keys (smbd-*, ksmbd-* captures).
            result(logged and derived and all(derived.get(s) == k for s, k in logged.items()),
                   f"{name}: derived signing keys equal Samba's logged ones ({len(logged)} sessions)")
        if name == "smbd-3.1.1-gmac":
            with tempfile.NamedTemporaryFile(suffix=".pcapng") as ng:
                to_pcapng(pcap, ng.name)
                rc2, out2, _ = run(smbsign, ng.name, keys)
            result(rc2 == 0 and out2 == out.replace("".join(l + "\n" for l in out.splitlines()
                                                            if l.startswith("session ")), ""),
                   f"{name}: the same capture as pcapng gives the same lines")
        flip_test(smbsign, name, pcap, keys)
    print(f"pcap_verify_test: {checks} checks, {failures} failures")
    return 1 if failures or checks < 1 + 5 * MIN_CAPTURES else 0


if __name__ == "__main__":
    sys.exit(main())
