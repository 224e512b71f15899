#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes to smbsign's sysfs files, byte for byte, one write(2) each.

Used by tests/vm/guest/kernel-tests.sh: the shell cannot write a NUL or
be sure to write a long value in one write(2). VALUEs take Python's string
escapes (\\n, \\0, \\x41); each check prints "ok ..." or "FAIL ...".

  refused [--errno E[,E...]] PATH VALUE...
        each VALUE, written alone, fails with one of the errnos (default
        EINVAL) and leaves what PATH reads unchanged. An empty VALUE is a
        zero-length write(2), which sysfs takes as 0 bytes without calling
        the driver: it must return 0 and change nothing.
  accepted PATH VALUE READBACK
        VALUE is taken whole (write returns its length) and PATH then
        reads READBACK
  write PATH VALUE
        no check: prints what the write(2) returned (bytes or errno name)
Exit status 1 if a check failed, 2 on usage errors.
"""
import errno
import os
import sys

# One "ok"/"FAIL" reporter and failure count for all the guest's Python checks.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "tools"))
import af_alg  # noqa: E402
from af_alg import report  # noqa: E402


def label(path):
    """cmac_impl for a parameter, cmac/ops for /sys/kernel/smbsign/cmac/ops,
    cmac/bench/aesni for a bench file."""
    if "/parameters/" in path:
        return os.path.basename(path)
    parts = path.rstrip("/").split("/")
    return "/".join(parts[-3:] if parts[-2] == "bench" else parts[-2:])


def shown(value):
    """VALUE for a message: repr, long ones cut, with their length."""
    r = repr(value)[1:] if isinstance(value, bytes) else repr(value)
    return r if len(value) <= 24 else f"{r[:20]}...' ({len(value)} bytes)"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    """Bytes taken by one write(2), or the errno name (the open's or the write's)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e.errno))
    try:
        return os.write(fd, data)
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e.errno))
    finally:
        os.close(fd)


def unescape(v):
    return v.encode().decode("unicode_escape").encode("latin-1")


def cmd_refused(path, values, allowed):
    for v in values:
        data = unescape(v)
        before = read(path)
        got = write(path, data)
        after = read(path)
        name = f"{label(path)}: {shown(data)}"
        if not data:
            report(got == 0 and after == before,
                   f"{label(path)}: a zero-length write(2): {got} bytes taken"
                   + (", unchanged" if after == before else f", changed {before!r} -> {after!r}"))
            continue
        refused = got in allowed
        want = "/".join(allowed)
        report(refused and after == before,
               f"{name} refused ({got if refused else f'{got}, want {want}'})"
               + (f", still {shown(before.strip())}" if after == before
                  else f", but changed {shown(before.strip())} -> {shown(after.strip())}"))


def cmd_accepted(path, value, readback):
    data = unescape(value)
    got = write(path, data)
    after = read(path).decode(errors="replace").rstrip("\n")
    report(got == len(data) and after == readback,
           f"{label(path)}: {shown(data)} accepted ({got}), reads {after!r}"
           + ("" if after == readback else f", want {readback!r}"))


def main(argv):
    allowed = ["EINVAL"]
    if argv[:1] == ["refused"] and len(argv) >= 3 and argv[1] == "--errno":
        allowed = argv[2].split(",")
        argv = argv[:1] + argv[3:]
    if len(argv) >= 3 and argv[0] == "refused":
        cmd_refused(argv[1], argv[2:], allowed)
    elif len(argv) == 3 and argv[0] == "write":
        print(write(argv[1], unescape(argv[2])))
    elif len(argv) == 4 and argv[0] == "accepted":
        cmd_accepted(argv[1], argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if af_alg.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
