#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""smbsign's kernel drivers seen from user space, through AF_ALG (type hash).

Used by the guest tests (tests/vm/guest/) and by `make load` (scripts/load.sh)
on a host; needs root for rmmod only. Each subcommand prints one line per check,
"ok ..." or "FAIL ...", and exits 1 if any check failed (2: usage).

  vectors DRIVER     MAC every "cmac" case read on stdin (the normalized
                     lines of tests/vectors.py, the same files the userspace
                     tests use) with DRIVER; each case once in one send and
                     once split into three sends (MSG_MORE: separate updates)
  badkeys DRIVER     key lengths AES does not have are refused with EINVAL,
                     and the socket then has no key (ENOKEY), as the crypto
                     API promises; 16, 24 and 32 bytes are accepted
  resolve NAME       bind NAME (e.g. "cmac(aes)") and print the drivers whose
                     /proc/crypto refcnt went up while the socket was bound:
                     the one the crypto API chose, then any it is built on
                     (a template instance holds its cipher)
  instantiate NAME.. bind each NAME that exists (stock template instances
                     such as "cmac(aes-aesni)" appear in /proc/crypto only
                     once something allocated them); prints what it bound
  hold-rmmod DRIVER MODULE
                     with a keyed socket on DRIVER held, `rmmod MODULE` must
                     fail and the socket must still MAC correctly (first
                     passing case on stdin); once released, rmmod succeeds
"""
import errno
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


def cases():
    """(source, key, msg, tag, expect) of the cmac lines on stdin."""
    for line in sys.stdin:
        f = line.split()
        if not f or f[0] != "cmac":
            continue
        msg = b"" if f[3] == "-" else bytes.fromhex(f[3])
        yield f[1], bytes.fromhex(f[2]), msg, bytes.fromhex(f[4]), f[5]


def cmd_vectors(driver):
    n = bad = 0
    with bound(driver) as s:
        for src, key, msg, tag, expect in cases():
            third = len(msg) // 3
            for parts in ([msg], [msg[:third], msg[third:2 * third], msg[2 * third:]]):
                got = mac(s, key, parts)[:len(tag)]
                if (got == tag) != (expect == "P"):
                    bad += 1
                    report(False, f"{driver}: {src} ({len(parts)} updates): got {got.hex()}, "
                           f"{'want' if expect == 'P' else 'must differ from'} {tag.hex()}")
            n += 1
    report(n > 0 and bad == 0, f"{driver}: {n} vectors, each in 1 and in 3 updates, {bad} wrong")


def cmd_badkeys(driver):
    with bound(driver) as s:
        for klen in (16, 24, 32):
            try:
                mac(s, bytes(klen), [b"abc"])
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
    with bound(name):
        after = refcnts()
    up = [d for d in after if after[d] > before.get(d, 0)]
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


def cmd_hold_rmmod(driver, module):
    src, key, msg, tag, _ = next(c for c in cases() if c[4] == "P")
    sys.stdin.read()
    with bound(driver) as s:
        s.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, key)
        op, _ = s.accept()
        rc, err = rmmod(module)
        report(rc != 0, f"rmmod {module} with a {driver} socket held: refused ({err})")
        with open("/proc/modules") as f:
            present = any(line.split()[0] == module for line in f)
        report(present, f"{module} still loaded after the refused rmmod")
        op.sendall(msg)
        got = op.recv(64)[:len(tag)]
        op.close()
        report(got == tag, f"the held socket still MACs {src} correctly")
    rc, err = rmmod(module)
    report(rc == 0, f"rmmod {module} once released" + (f": {err}" if rc else ""))


def main(argv):
    if len(argv) >= 2 and argv[0] == "vectors":
        cmd_vectors(argv[1])
    elif len(argv) == 2 and argv[0] == "badkeys":
        cmd_badkeys(argv[1])
    elif len(argv) == 2 and argv[0] == "resolve":
        return cmd_resolve(argv[1])
    elif len(argv) >= 2 and argv[0] == "instantiate":
        cmd_instantiate(argv[1:])
    elif len(argv) == 3 and argv[0] == "hold-rmmod":
        cmd_hold_rmmod(argv[1], argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
