#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""smbsign's kernel drivers seen from user space, through AF_ALG (type hash).

Used by the guest tests (tests/vm/guest/) and by `make load` (scripts/load.sh)
on a host; needs root for rmmod only. Each subcommand prints one line per check,
"ok ..." or "FAIL ...", and exits 1 if any check failed (2: usage).

  vectors [--alg cmac|gmac|hmac] DRIVER
                     MAC every case read on stdin (the normalized lines of
                     tests/vectors.py, the same files the userspace tests
                     use) with DRIVER. The cases are the lines of the one MAC
                     kind on stdin, "cmac" (key, message, tag), "gmac"
                     (key, nonce, message, tag: the data sent is
                     nonce||message, as gmac(aes) takes it) or "hmac" (key
                     of any length, "-" for none, message, tag); --alg picks
                     one when stdin has several (other lines, such as
                     SymCrypt's chained "rrep"/"hmacrrep" records, are not
                     read). Each case once in one send and split into three
                     sends (MSG_MORE: separate updates); gmac cases once more
                     split with a cut inside the nonce, hmac cases longer
                     than a SHA-256 block once more cut after 1 and 64 bytes.
                     Every MAC sets its key again, so the same key twice in a
                     row is the norm (what smbsign's key cache serves).
                     Tags compare on the vector's tag length (the prefix
                     of a truncated HMAC); "F" cases must differ.
  badkeys DRIVER     cmac and gmac: key lengths AES does not have are refused
                     with EINVAL, and the socket then has no key (ENOKEY),
                     as the crypto API promises; 16, 24 and 32 bytes are
                     accepted (the MAC tried is over 16 bytes of data).
                     hmac (a driver of an hmac(...) algorithm): no key
                     length is bad, so instead keys of 0, 1, 64, 65 and 200
                     bytes (and keys one byte apart, and a long key next to
                     its own SHA-256) are all accepted and MAC messages of
                     0..70000 bytes, whole and in pieces, as Python's hmac
                     module does
  shortnonce DRIVER  gmac: with a valid key, 0, 1 or 11 bytes of data (less
                     than the 12-byte nonce) sent with MSG_MORE, then reading
                     the digest fails with EINVAL (AF_ALG recv returns
                     final's error); 1 or 11 bytes in one send (a digest)
                     fail with EINVAL too; 12 bytes (zero key and nonce)
                     give the tag of GCM test case 1 both ways
  resolve NAME       bind NAME (e.g. "cmac(aes)") and print the drivers whose
                     /proc/crypto refcnt went up while the socket was bound:
                     the one the crypto API chose, then any it is built on
                     (a template instance holds its cipher); "-" and
                     exit 1 when nothing provides NAME. A driver registered
                     meanwhile (by a module the lookup autoloaded) counts
                     from refcnt 1, its registration's own reference
  instantiate NAME.. bind each NAME that exists (stock template instances
                     such as "cmac(aes-aesni)" appear in /proc/crypto only
                     once something allocated them); prints what it bound
  hold-rmmod [--alg cmac|gmac|hmac] DRIVER MODULE
                     with a keyed socket on DRIVER held, `rmmod MODULE` must
                     fail and the socket must still MAC correctly (first
                     passing case on stdin, chosen as for vectors); once
                     released, rmmod succeeds
"""
import errno
import hashlib
import hmac
import random
import socket
import subprocess
import sys

failures = 0


def report(ok, what):
    global failures
    print(("ok " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures += 1


def bound(name):
    s = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0)
    s.bind(("hash", name))
    return s


def mac(tfm_sock, key, parts):
    """One MAC over parts (each a separate update) with a fresh key."""
    tfm_sock.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, key)
    op, _ = tfm_sock.accept()
    with op:
        for p in parts[:-1]:
            op.sendall(p, socket.MSG_MORE)
        if parts and parts[-1]:
            op.sendall(parts[-1])
        return op.recv(64)


KINDS = ("cmac", "gmac", "hmac")
GMAC_NONCE = 12
SHA256_BLOCK = 64


class Case:
    """One vector: the data sent to the driver and the tag expected."""

    def __init__(self, kind, src, key, data, tag, expect):
        self.kind, self.src, self.key = kind, src, key
        self.data, self.tag, self.expect = data, tag, expect


def unhex(field):
    """The bytes of a hex field, "-" meaning none."""
    return b"" if field == "-" else bytes.fromhex(field)


def parse(f):
    """A Case from the fields of one "cmac", "gmac" or "hmac" line of tests/vectors.py."""
    if f[0] == "cmac":      # cmac SRC KEY MSG|- TAG P|F
        return Case("cmac", f[1], bytes.fromhex(f[2]), unhex(f[3]), bytes.fromhex(f[4]), f[5])
    if f[0] == "hmac":      # hmac SRC KEY|- MSG|- TAG P|F (any key length, tag maybe truncated)
        return Case("hmac", f[1], unhex(f[2]), unhex(f[3]), bytes.fromhex(f[4]), f[5])
    # gmac SRC KEY NONCE AAD|- TAG P|F: gmac(aes) takes nonce||message
    nonce = bytes.fromhex(f[3])
    if len(nonce) != GMAC_NONCE:
        raise SystemExit(f"af_alg.py: {f[1]}: a {len(nonce)}-byte nonce, gmac(aes) takes 12")
    data = nonce + (b"" if f[4] == "-" else bytes.fromhex(f[4]))
    return Case("gmac", f[1], bytes.fromhex(f[2]), data, bytes.fromhex(f[5]), f[6])


def cases(alg):
    """The cases on stdin of kind alg, or (None) of the one kind stdin has."""
    by_kind = {k: [] for k in KINDS}
    for line in sys.stdin:
        f = line.split()
        if f and f[0] in KINDS:
            by_kind[f[0]].append(f)
    if alg is None:
        present = [k for k in KINDS if by_kind[k]]
        if len(present) > 1:
            raise SystemExit("af_alg.py: stdin has " + " and ".join(present) +
                             " lines: choose with --alg")
        alg = present[0] if present else KINDS[0]
    return [parse(f) for f in by_kind[alg]]


def splits(c):
    """The ways a case's data is sent: whole, in thirds, for gmac cut
    inside the nonce and in the middle of the message, for hmac (when longer
    than a block) cut after 1 byte and at the end of the first block."""
    d = c.data
    third = len(d) // 3
    out = [[d], [d[:third], d[third:2 * third], d[2 * third:]]]
    if c.kind == "gmac":
        mid = GMAC_NONCE + (len(d) - GMAC_NONCE) // 2
        out.append([d[:5], d[5:mid], d[mid:]])
    if c.kind == "hmac" and len(d) > SHA256_BLOCK:
        out.append([d[:1], d[1:SHA256_BLOCK], d[SHA256_BLOCK:]])
    return out


def cmd_vectors(driver, alg):
    n = bad = skipped = 0
    kinds = set()
    with bound(driver) as s:
        for c in cases(alg):
            kinds.add(c.kind)
            if c.kind == "hmac" and not c.key:
                # AF_ALG passes an empty key on to the driver (checked on
                # 6.1, 6.12, 7.2); should a kernel's setsockopt refuse it,
                # only these cases are skipped, and counted.
                try:
                    s.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, b"")
                except OSError as e:
                    if e.errno != errno.EINVAL:
                        raise
                    skipped += 1
                    continue
            for parts in splits(c):
                got = mac(s, c.key, parts)[:len(c.tag)]
                if (got == c.tag) != (c.expect == "P"):
                    bad += 1
                    cuts = ",".join(str(len(p)) for p in parts)
                    report(False, f"{driver}: {c.src} ({len(parts)} updates of {cuts} bytes): "
                           f"got {got.hex()}, "
                           f"{'want' if c.expect == 'P' else 'must differ from'} {c.tag.hex()}")
            n += 1
    how = "in 1 and in 3 updates" + (" (two ways, one cut inside the nonce)"
                                     if "gmac" in kinds else "") + \
        (" (two ways when longer than a block, one cut at its end)" if "hmac" in kinds else "")
    if skipped:
        print(f"note: {driver}: {skipped} empty-key case(s) skipped: "
              "AF_ALG's setsockopt(ALG_SET_KEY) refused a zero-length key")
    report(n > 0 and bad == 0,
           f"{driver}: {n} {'/'.join(sorted(kinds)) or 'no'} vectors, each {how}, {bad} wrong" +
           (f", {skipped} with an empty key skipped" if skipped else ""))


def alg_name(driver):
    """The algorithm name (e.g. "hmac(sha256)") /proc/crypto gives DRIVER,
    or DRIVER itself when it is an algorithm name or not listed."""
    name = None
    with open("/proc/crypto") as f:
        for line in f:
            k, _, v = line.partition(":")
            k, v = k.strip(), v.strip()
            if k == "name":
                name = v
            elif k == "driver" and v == driver:
                return name
    return driver


HMAC_KEY_LENGTHS = (0, 1, 64, 65, 200)
# Around the SHA-256 block (55/56: where the length no longer fits the last
# block), the SIMD section (hmac_fpu_bytes: 512..), and the larger sizes of
# tests/hmac_diff.c.
HMAC_MSG_LENGTHS = (0, 1, 3, 55, 56, 63, 64, 65, 127, 128, 511, 512, 513, 1000, 4096,
                    4097, 16384, 65536, 70000)


def hmac_anykeys(driver, s):
    """hmac: every key length is valid; each MACs as Python's hmac does."""
    rng = random.Random(20261126)
    msgs = [rng.randbytes(n) for n in HMAC_MSG_LENGTHS]

    def wrong_macs(key, msgs):
        """The MACs of msgs with key (each whole and in 4 random pieces)
        that differ from Python's hmac, described; OSError passes up."""
        wrong = []
        for m in msgs:
            want = hmac.new(key, m, hashlib.sha256).digest()
            cuts = sorted(rng.randrange(len(m) + 1) for _ in range(3))
            for parts in ([m], [m[:cuts[0]], m[cuts[0]:cuts[1]], m[cuts[1]:cuts[2]],
                                m[cuts[2]:]]):
                got = mac(s, key, parts)
                if got != want:
                    wrong.append(f"{len(key)}-byte key, {len(m)} bytes in {len(parts)} updates "
                                 f"({','.join(str(len(p)) for p in parts)}): "
                                 f"got {got.hex()}, want {want.hex()}")
        return wrong

    how = f"{len(msgs)} messages of 0..{len(msgs[-1])} bytes, whole and in 4 random updates"
    for klen in HMAC_KEY_LENGTHS:
        try:
            wrong = wrong_macs(rng.randbytes(klen), msgs)
        except OSError as e:
            report(False, f"{driver}: {klen}-byte key: {e}")
            continue
        report(not wrong, f"{driver}: {klen}-byte key accepted; {how}: " +
               ("all as Python's hmac" if not wrong else f"{len(wrong)} wrong, first: {wrong[0]}"))

    # Keys in a row that a key cache must tell apart: K, K with its last
    # byte changed, K and one more byte, K's first block; a long key after
    # its own SHA-256 (the same MAC from other bytes) and back.
    k = rng.randbytes(65)
    long_key = rng.randbytes(200)
    seq = [k, k[:-1] + bytes([k[-1] ^ 1]), k, k + b"\0", k[:64], k,
           hashlib.sha256(long_key).digest(), long_key, k]
    short = [m for m in msgs if len(m) <= 4097]
    wrong = []
    try:
        for key in seq:
            wrong += wrong_macs(key, short)
    except OSError as e:
        report(False, f"{driver}: keys one byte apart: {e}")
        return
    report(not wrong, f"{driver}: {len(seq)} keys in a row, one byte apart, a prefix, a "
           f"200-byte key and its SHA-256; each with {len(short)} messages of 0..4097 bytes, "
           "whole and in pieces: " +
           ("all as Python's hmac" if not wrong else f"{len(wrong)} wrong, first: {wrong[0]}"))


def cmd_badkeys(driver):
    with bound(driver) as s:
        if alg_name(driver).startswith("hmac("):
            hmac_anykeys(driver, s)
            return
        for klen in (16, 24, 32):
            try:
                # 16 bytes: a message for cmac, nonce and message for gmac
                mac(s, bytes(klen), [b"0123456789abcdef"])
                report(True, f"{driver}: {klen}-byte key accepted")
            except OSError as e:
                report(False, f"{driver}: {klen}-byte key refused: {e}")
        for klen in (0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 48, 64):
            try:
                s.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, bytes(klen))
                report(False, f"{driver}: {klen}-byte key accepted")
                continue
            except OSError as e:
                if e.errno != errno.EINVAL:
                    report(False, f"{driver}: {klen}-byte key: {e}, want EINVAL")
                    continue
            # accept() still succeeds (algif_hash's nokey socket); using
            # it must fail until a key is set.
            try:
                op, _ = s.accept()
                with op:
                    op.sendall(b"abc")
                    op.recv(64)
                report(False, f"{driver}: usable after a refused {klen}-byte key")
            except OSError as e:
                report(e.errno == errno.ENOKEY,
                       f"{driver}: {klen}-byte key refused (EINVAL), then no key ({e.strerror})")


# GCM test case 1 (the GCM spec): zero key, zero 96-bit IV, nothing else.
GCM_TC1_TAG = bytes.fromhex("58e2fccefa7e3061367f1d57a4e7455a")


def cmd_shortnonce(driver):
    with bound(driver) as s:
        # [data, b""]: an update (MSG_MORE), then final from recv;
        # [data]: one send, a digest (its error comes out of the send).
        for n, parts, how in [(n, [bytes(n), b""], "update, final") for n in (0, 1, 11, 12)] + \
                             [(n, [bytes(n)], "digest") for n in (1, 11, 12)]:
            what = f"{driver}: {n} byte{'' if n == 1 else 's'} of data ({how})"
            try:
                got = mac(s, bytes(16), parts)
            except OSError as e:
                report(n < GMAC_NONCE and e.errno == errno.EINVAL,
                       f"{what}: {e.strerror}" + ("" if n < GMAC_NONCE else ", want a tag"))
                continue
            if n < GMAC_NONCE:
                report(False, f"{what}: a digest {got.hex()}, want EINVAL")
            else:
                report(got == GCM_TC1_TAG, f"{what}: tag {got.hex()}" +
                       (" (GCM test case 1)" if got == GCM_TC1_TAG else f", want {GCM_TC1_TAG.hex()}"))


def refcnts():
    """driver name -> refcnt, from /proc/crypto."""
    out, drv = {}, None
    with open("/proc/crypto") as f:
        for line in f:
            k, _, v = line.partition(":")
            k, v = k.strip(), v.strip()
            if k == "driver":
                drv = v
            elif k == "refcnt" and drv:
                out[drv] = int(v)
    return out


def cmd_resolve(name):
    before = refcnts()
    try:
        s = bound(name)
    except OSError as e:
        if e.errno != errno.ENOENT:
            raise
        print("-")
        return 1
    with s:
        after = refcnts()
    # A driver registered meanwhile (a module the lookup autoloaded) counts
    # from 1, the reference its registration holds.
    up = [d for d in after if after[d] > before.get(d, 1)]
    print(" ".join(up) if up else "-")
    return 0 if up else 1


def cmd_instantiate(names):
    for name in names:
        try:
            bound(name).close()
            print(name)
        except OSError as e:
            if e.errno != errno.ENOENT:
                raise


def rmmod(module):
    r = subprocess.run(["rmmod", module], capture_output=True, text=True, timeout=60)
    return r.returncode, (r.stderr or r.stdout).strip()


def cmd_hold_rmmod(driver, module, alg):
    c = next(c for c in cases(alg) if c.expect == "P")
    with bound(driver) as s:
        s.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, c.key)
        op, _ = s.accept()
        rc, err = rmmod(module)
        report(rc != 0, f"rmmod {module} with a {driver} socket held: refused ({err})")
        with open("/proc/modules") as f:
            present = any(line.split()[0] == module for line in f)
        report(present, f"{module} still loaded after the refused rmmod")
        op.sendall(c.data)
        got = op.recv(64)[:len(c.tag)]
        op.close()
        report(got == c.tag, f"the held socket still MACs {c.src} correctly")
    rc, err = rmmod(module)
    report(rc == 0, f"rmmod {module} once released" + (f": {err}" if rc else ""))


def main(argv):
    alg = None
    if len(argv) >= 3 and argv[0] in ("vectors", "hold-rmmod") and argv[1] == "--alg":
        if argv[2] not in KINDS:
            print(__doc__, file=sys.stderr)
            return 2
        alg = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) == 2 and argv[0] == "vectors":
        cmd_vectors(argv[1], alg)
    elif len(argv) == 2 and argv[0] == "badkeys":
        cmd_badkeys(argv[1])
    elif len(argv) == 2 and argv[0] == "shortnonce":
        cmd_shortnonce(argv[1])
    elif len(argv) == 2 and argv[0] == "resolve":
        return cmd_resolve(argv[1])
    elif len(argv) >= 2 and argv[0] == "instantiate":
        cmd_instantiate(argv[1:])
    elif len(argv) == 3 and argv[0] == "hold-rmmod":
        cmd_hold_rmmod(argv[1], argv[2], alg)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
