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
  counters DRIVER    with nothing else signing: reset ops, bytes and
                     fallbacks of /sys/kernel/smbsign/<alg>/ (writing 0), MAC
                     messages of known lengths (0..70000 bytes; each whole
                     and in 3 sends, gmac also cut inside the nonce), and
                     check that ops grew by exactly the MACs made, bytes by
                     exactly their message bytes (gmac: the 12-byte nonce of
                     each excluded), also through MACs cloned half way
                     (accept() on the op socket: export, import; each end
                     as the whole message gives), fallbacks stayed 0
                     (AF_ALG signs in process context, where SIMD is
                     usable) and the other
                     algorithms' counters did not move; gmac: refused short
                     nonces count nothing; each counter resets alone
  race-cases TOOL    (on the host) print the cases `race` reads: messages
                     of 0..70000 bytes for cmac, gmac and hmac, each with a
                     random key (and nonce), and the MAC computed by TOOL
                     (build/smbsign mac), the userspace implementation
  race [--procs N] [--seconds S] CASEFILE
                     N processes (default 4) MAC the cases of CASEFILE on
                     smbsign's three drivers for S seconds (default 8),
                     each setting the key before every MAC (so that it picks
                     up the implementation chosen now), in 1..4 sends, and
                     sometimes once more on the key already set; meanwhile
                     this process writes every listed name and fastest to
                     cmac_impl, gmac_impl, hmac_impl in turn (and now and then
                     a *_fpu_bytes value), reading each back. Checks: every
                     MAC equals TOOL's, every switch read back at once, the
                     counters grew by exactly the MACs and bytes of the run
                     with no fallback; the parameters are left at fastest
                     and their *_fpu_bytes as found
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
import time

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

# --- counters: /sys/kernel/smbsign/<alg>/ ------------------------------------

SYSFS = "/sys/kernel/smbsign"
PARAMS = "/sys/module/smbsign/parameters"
COUNTERS = ("ops", "bytes", "fallbacks")
DRIVERS = {"cmac": "cmac-aes-smbsign", "gmac": "gmac-aes-smbsign", "hmac": "hmac-sha256-smbsign"}


def read_sysfs(path):
    with open(path) as f:
        return f.read().strip()


def write_sysfs(path, value):
    """One write(2) of value (str) to path; OSError passes up."""
    with open(path, "wb", buffering=0) as f:
        f.write(value.encode())


def counters(alg):
    """{"ops": N, "bytes": N, "fallbacks": N} of alg."""
    return {c: int(read_sysfs(f"{SYSFS}/{alg}/{c}")) for c in COUNTERS}


def reset_counters(alg):
    # Both forms the interface allows (Documentation/design.rst): "0" as echo -n writes it, "0\n" as echo.
    for c, v in zip(COUNTERS, ("0", "0\n", "0")):
        write_sysfs(f"{SYSFS}/{alg}/{c}", v)


def short_alg(driver):
    """cmac, gmac or hmac: the /sys/kernel/smbsign directory of DRIVER."""
    for alg, d in DRIVERS.items():
        if driver == d:
            return alg
    raise SystemExit(f"af_alg.py: {driver}: not one of smbsign's drivers "
                     f"({', '.join(DRIVERS.values())})")


COUNT_LENGTHS = (0, 1, 15, 16, 17, 63, 64, 65, 1000, 4096, 4097, 65536, 70000)


def counted_macs(alg, s, rng):
    """MAC messages of COUNT_LENGTHS on socket s, each whole, in 3 sends and
    (gmac) cut inside the nonce; returns (MACs made, message bytes, what went
    wrong). hmac tags are checked against Python's hmac; cmac and gmac tags
    must agree between the splits of one message (the vectors test them)."""
    macs = nbytes = 0
    wrong = []
    for n in COUNT_LENGTHS:
        key = rng.randbytes(32 if alg == "hmac" else 16)
        msg = rng.randbytes(n)
        data = (rng.randbytes(GMAC_NONCE) if alg == "gmac" else b"") + msg
        third = len(data) // 3
        ways = [[data], [data[:third], data[third:2 * third], data[2 * third:]]]
        if alg == "gmac":
            ways.append([data[:5], data[5:GMAC_NONCE + n // 2], data[GMAC_NONCE + n // 2:]])
        tags = set()
        for parts in ways:
            tags.add(mac(s, key, parts))
            macs += 1
            nbytes += n
        if alg == "hmac":
            tags.add(hmac.new(key, msg, hashlib.sha256).digest())
        if len(tags) != 1:
            wrong.append(f"{n} bytes: tags differ: {' '.join(t.hex() for t in tags)}")
    return macs, nbytes, wrong


def cloned_macs(alg, s, rng):
    """A MAC half done, cloned (accept() on the op socket: export, then
    import into a new request), and both finished with other endings (the
    head was given to the driver once: it counts once); then
    each of the two messages MACed whole to compare. gmac cuts inside the
    nonce once, so the clone has to carry how much of it was seen. Returns
    (MACs made, message bytes, what went wrong)."""
    macs = nbytes = 0
    wrong = []
    nonce_len = GMAC_NONCE if alg == "gmac" else 0
    for cut in (5, nonce_len + 100):
        key = rng.randbytes(32 if alg == "hmac" else 16)
        head, tail1, tail2 = rng.randbytes(cut), rng.randbytes(1000), rng.randbytes(3000)
        s.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, key)
        op, _ = s.accept()
        with op:
            op.sendall(head, socket.MSG_MORE)
            clone, _ = op.accept()
            with clone:
                op.sendall(tail1)
                got1 = op.recv(64)
                clone.sendall(tail2)
                got2 = clone.recv(64)
        want1, want2 = mac(s, key, [head + tail1]), mac(s, key, [head + tail2])
        macs += 4
        # The two whole messages, then the head once (given to update
        # once, before the clone) and each tail, less what the nonce
        # still took of it (gmac: the clone knows how much it had).
        nbytes += len(head + tail1) + len(head + tail2) - 2 * nonce_len
        nbytes += max(0, cut - nonce_len) + len(tail1 + tail2) - 2 * max(0, nonce_len - cut)
        if (got1, got2) != (want1, want2):
            wrong.append(f"cut after {cut} bytes: got {got1.hex()} {got2.hex()}, "
                         f"whole {want1.hex()} {want2.hex()}")
        if alg == "hmac" and want2 != hmac.new(key, head + tail2, hashlib.sha256).digest():
            wrong.append(f"cut after {cut} bytes: not Python's hmac")
    return macs, nbytes, wrong


def check_counts(what, alg, ops, nbytes):
    got = counters(alg)
    want = {"ops": ops, "bytes": nbytes, "fallbacks": 0}
    report(got == want, f"{what}: " + ", ".join(
        f"{c} {got[c]}" + ("" if got[c] == want[c] else f" (want {want[c]})") for c in COUNTERS))


def cmd_counters(driver):
    alg = short_alg(driver)
    others = [a for a in DRIVERS if a != alg]
    rng = random.Random(20261127)
    reset_counters(alg)
    check_counts(f"{alg}: after writing 0 to ops, bytes (0\\n) and fallbacks", alg, 0, 0)
    before = {a: counters(a) for a in others}
    with bound(driver) as s:
        macs, nbytes, wrong = counted_macs(alg, s, rng)
        report(not wrong, f"{driver}: {macs} MACs of {len(COUNT_LENGTHS)} messages of "
               f"0..{COUNT_LENGTHS[-1]} bytes, each whole and split" +
               (", hmac as Python's" if alg == "hmac" else ", the same tag every way") +
               (f": {len(wrong)} wrong, first: {wrong[0]}" if wrong else ""))
        check_counts(f"{alg}: after {macs} MACs of {nbytes} message bytes"
                     + (" (the 12-byte nonces not counted)" if alg == "gmac" else ""),
                     alg, macs, nbytes)
        m, b, wrong = cloned_macs(alg, s, rng)
        report(not wrong, f"{driver}: 2 MACs cloned half way (export, import), both ends "
               "as the whole messages" + (f": {'; '.join(wrong)}" if wrong else ""))
        macs, nbytes = macs + m, nbytes + b
        check_counts(f"{alg}: after {m} more MACs, 2 of them through a clone (export/import): "
                     f"{macs} MACs of {nbytes} bytes", alg, macs, nbytes)
        after = {a: counters(a) for a in others}
        report(after == before, f"{alg}: the {' and '.join(others)} counters did not move" +
               ("" if after == before else f": {before} -> {after}"))
        if alg == "gmac":
            # Less data than the nonce: refused, so no MAC and no byte.
            refused = 0
            for parts in ([b"", b""], [bytes(1), b""], [bytes(11), b""], [bytes(1)], [bytes(11)]):
                try:
                    mac(s, bytes(16), parts)
                except OSError as e:
                    refused += e.errno == errno.EINVAL
            report(refused == 5,
                   f"gmac: 5 MACs over 0..11 bytes of data refused with EINVAL: {refused}")
            check_counts("gmac: the refused short nonces counted nothing", alg, macs, nbytes)
        # Each counter resets alone.
        write_sysfs(f"{SYSFS}/{alg}/ops", "0\n")
        check_counts(f"{alg}: ops reset alone", alg, 0, nbytes)
        write_sysfs(f"{SYSFS}/{alg}/bytes", "0")
        check_counts(f"{alg}: bytes reset alone", alg, 0, 0)
        n = 5000
        mac(s, bytes(16), [bytes(GMAC_NONCE if alg == "gmac" else 0) + bytes(n)])
        check_counts(f"{alg}: counting again after the resets: one MAC of {n} bytes", alg, 1, n)


# --- race: switching implementations while processes sign -----------------

RACE_LENGTHS = (0, 1, 15, 16, 17, 31, 32, 33, 55, 56, 63, 64, 65, 127, 128, 255, 256, 511,
                512, 513, 1000, 4095, 4096, 4097, 8192, 16383, 16384, 16385, 32768, 65535,
                65536, 69999, 70000)
HMAC_RACE_KEYS = (0, 1, 16, 32, 64, 65, 100)


def race_message(seed, n):
    """The message of a race case: the same bytes on the host and in the guest."""
    return hashlib.shake_128(seed.encode()).digest(n)


def cmd_race_cases(tool):
    """race CASEFILE's input: "race ALG SEED LEN KEY|- NONCE|- TAG" lines."""
    rng = random.Random(20261126)
    for alg in KINDS:
        for i, n in enumerate(RACE_LENGTHS):
            seed = f"{alg}-{i}-{n}"
            klen = HMAC_RACE_KEYS[i % len(HMAC_RACE_KEYS)] if alg == "hmac" else (16, 24, 32)[i % 3]
            key = rng.randbytes(klen)
            nonce = rng.randbytes(GMAC_NONCE) if alg == "gmac" else b""
            cmd = [tool, "mac", "--alg", alg, "--key", key.hex()]
            if alg == "gmac":
                cmd += ["--nonce", nonce.hex()]
            r = subprocess.run(cmd, input=race_message(seed, n), capture_output=True, check=False)
            if r.returncode != 0:
                raise SystemExit(f"af_alg.py: {' '.join(cmd)}: exit {r.returncode}: "
                                 f"{r.stderr.decode().strip()}")
            tag = r.stdout.decode().strip()
            print(f"race {alg} {seed} {n} {key.hex() or '-'} {nonce.hex() or '-'} {tag}")


def race_worker(idx, cases, deadline, generation, out):
    """One signing process: MACs until deadline; puts its tally on out."""
    rng = random.Random(1000 + idx)
    tally = {a: {"macs": 0, "bytes": 0} for a in KINDS}
    wrong, spanned, reused = [], 0, 0
    socks = {a: bound(DRIVERS[a]) for a in KINDS}
    try:
        while time.monotonic() < deadline:
            c = rng.choice(cases)
            s = socks[c["alg"]]
            data = c["nonce"] + race_message(c["seed"], c["len"])
            cuts = sorted(rng.randrange(len(data) + 1) for _ in range(rng.randrange(4)))
            parts = [data[a:b] for a, b in zip([0] + cuts, cuts + [len(data)])]
            gen = generation.value
            got = mac(s, c["key"], parts)
            if generation.value != gen:
                spanned += 1
            macs = [got]
            if rng.randrange(4) == 0:
                # Once more on the key set above, after a pause in which
                # the implementation likely changed: the key keeps its own.
                time.sleep(0.01)
                op, _ = s.accept()
                with op:
                    op.sendall(data)
                    macs.append(op.recv(64))
                reused += 1
            for got in macs:
                tally[c["alg"]]["macs"] += 1
                tally[c["alg"]]["bytes"] += c["len"]
                if got != c["tag"] and len(wrong) < 5:
                    wrong.append(f"{c['alg']} {c['len']} bytes in {len(parts)} sends: "
                                 f"got {got.hex()}, want {c['tag'].hex()}")
                elif got != c["tag"]:
                    wrong.append("")
    except OSError as e:
        wrong.append(f"process {idx}: {e}")
    finally:
        for s in socks.values():
            s.close()
    out.put((tally, wrong, spanned, reused))


def listed_impls(alg):
    """The names cmac_impl etc. list, brackets removed."""
    return read_sysfs(f"{PARAMS}/{alg}_impl").replace("[", "").replace("]", "").split()


def cmd_race(casefile, procs, seconds):
    import multiprocessing
    cases = []
    with open(casefile) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "race":
                cases.append({"alg": p[1], "seed": p[2], "len": int(p[3]), "key": unhex(p[4]),
                              "nonce": unhex(p[5]), "tag": bytes.fromhex(p[6])})
    if not cases:
        raise SystemExit(f"af_alg.py: {casefile}: no race cases")
    impls = {a: listed_impls(a) for a in KINDS}
    fpu = {a: read_sysfs(f"{PARAMS}/{a}_fpu_bytes") for a in KINDS}
    for a in KINDS:
        reset_counters(a)
    ctx = multiprocessing.get_context("fork")
    generation = ctx.Value("Q", 0, lock=False)
    out = ctx.Queue()
    deadline = time.monotonic() + seconds
    workers = [ctx.Process(target=race_worker, args=(i, cases, deadline, generation, out))
               for i in range(procs)]
    for w in workers:
        w.start()
    # The switcher: one write at a time, cycling the algorithms and each
    # one's names, every write read back at once (nothing else writes them).
    rng = random.Random(7)
    switches = {a: 0 for a in KINDS}
    fpu_writes, disagree = 0, []
    step = 0
    while time.monotonic() < deadline:
        a = KINDS[step % 3]
        name = impls[a][(step // 3) % len(impls[a])]
        step += 1
        write_sysfs(f"{PARAMS}/{a}_impl", name + "\n")
        generation.value += 1
        switches[a] += 1
        shown = read_sysfs(f"{PARAMS}/{a}_impl")
        now = read_sysfs(f"{SYSFS}/{a}/impl")
        want = read_sysfs(f"{SYSFS}/{a}/fastest") if name == "fastest" else name
        if f"[{name}]" not in shown.split() or now != want:
            disagree.append(f"{a}_impl={name}: reads '{shown}', {a}/impl '{now}'")
        if step % 10 == 0:
            write_sysfs(f"{PARAMS}/{a}_fpu_bytes",
                        rng.choice(("512", "4096", "65536", "1048576", fpu[a])))
            fpu_writes += 1
        time.sleep(0.002)
    results = [out.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    for a in KINDS:
        write_sysfs(f"{PARAMS}/{a}_impl", "fastest")
        write_sysfs(f"{PARAMS}/{a}_fpu_bytes", fpu[a])
    tally = {a: {"macs": sum(r[0][a]["macs"] for r in results),
                 "bytes": sum(r[0][a]["bytes"] for r in results)} for a in KINDS}
    wrong = [w for r in results for w in r[1]]
    spanned = sum(r[2] for r in results)
    reused = sum(r[3] for r in results)
    total = sum(t["macs"] for t in tally.values())
    report(not wrong and all(t["macs"] for t in tally.values()),
           f"race: {procs} processes x {seconds} s: {total} MACs ("
           + ", ".join(f"{a} {tally[a]['macs']}" for a in KINDS)
           + f"; {spanned} spanning an implementation switch, {reused} on a key set before a pause)"
           f" against build/smbsign's answers: {len(wrong)} wrong"
           + "".join(f"; {w}" for w in wrong[:5] if w))
    report(not disagree and all(switches.values()),
           f"race: {sum(switches.values())} implementation switches ("
           + ", ".join(f"{a} {switches[a]} over {' '.join(impls[a])}" for a in KINDS)
           + f") and {fpu_writes} *_fpu_bytes writes, each switch read back at once: "
           f"{len(disagree)} disagreed" + "".join(f"; {d}" for d in disagree[:3]))
    for a in KINDS:
        check_counts(f"race: {a} counters match the run ({tally[a]['macs']} MACs, "
                     f"{tally[a]['bytes']} message bytes, no fallback)",
                     a, tally[a]["macs"], tally[a]["bytes"])
    report(all(read_sysfs(f"{PARAMS}/{a}_impl").split()[0] == "[fastest]" and
               read_sysfs(f"{PARAMS}/{a}_fpu_bytes") == fpu[a] for a in KINDS),
           "race: every *_impl back at fastest, every *_fpu_bytes as found")


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
    elif len(argv) == 2 and argv[0] == "counters":
        cmd_counters(argv[1])
    elif len(argv) == 2 and argv[0] == "race-cases":
        cmd_race_cases(argv[1])
    elif len(argv) >= 2 and argv[0] == "race":
        procs, seconds, rest = 4, 8, argv[1:]
        while len(rest) >= 3 and rest[0] in ("--procs", "--seconds"):
            if rest[0] == "--procs":
                procs = int(rest[1])
            else:
                seconds = float(rest[1])
            rest = rest[2:]
        if len(rest) != 1:
            print(__doc__, file=sys.stderr)
            return 2
        cmd_race(rest[0], procs, seconds)
    elif len(argv) == 3 and argv[0] == "hold-rmmod":
        cmd_hold_rmmod(argv[1], argv[2], alg)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
