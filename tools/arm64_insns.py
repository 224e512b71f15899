#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Instructions per 16-byte block of each arm64 implementation, counted.

Nothing here can time arm64 (no hardware; QEMU's TCG says nothing about
speed, and Debian's qemu-user has no TCG plugins). What QEMU can say
exactly is how many instructions a program executes: with -d
in_asm,exec,nochain it logs every translated block once (its instructions)
and every execution of one (its address). The sum over executions is the
instruction count.

For each algorithm and implementation, build/arm64/smbsign MACs two
messages of different lengths; the difference of the two counts, over the
difference in 16-byte blocks, is the marginal cost of a block: the inner
loop, with the start-up, the key setup and the final block cancelled out.

usage: tools/arm64_insns.py [SMBSIGN [SYSROOT]]
  (build/arm64/smbsign, /var/cache/smbsign/sysroot/arm64-bookworm)
Prints one line per implementation: alg impl insns/block (x of generic).
"""
import os
import re
import subprocess
import sys
import tempfile

KEY = "2b7e151628aed2a6abf7158809cf4f3c"
NONCE = "cafebabefacedbaddecaf888"
SHORT, LONG = 1024, 9216        # bytes: 512 blocks apart


def count(smbsign, sysroot, args, data):
    """Instructions executed by one run of smbsign ARGS with DATA on stdin."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "trace.log")
        subprocess.run(["qemu-aarch64", "-cpu", "max", "-L", sysroot,
                        "-d", "in_asm,exec,nochain", "-D", log, smbsign] + args,
                       input=data, stdout=subprocess.DEVNULL, check=True)
        sizes, total, pc, n = {}, 0, None, 0
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("IN:"):
                    pc, n = None, 0
                elif line.startswith("0x") and ":  " in line:
                    if pc is None:
                        pc = int(line.split(":", 1)[0], 16)
                    n += 1
                elif line.startswith("Trace "):
                    m = re.search(r"\[[0-9a-f]+/([0-9a-f]+)/", line)
                    total += sizes.get(int(m.group(1), 16), 0)
                elif not line.strip() and pc is not None:
                    sizes[pc] = n
                    pc = None
        return total


def main():
    smbsign = sys.argv[1] if len(sys.argv) > 1 else "build/arm64/smbsign"
    sysroot = sys.argv[2] if len(sys.argv) > 2 else \
        os.path.join(os.environ.get("SMBSIGN_CACHE", "/var/cache/smbsign"),
                     "sysroot", "arm64-bookworm")
    impls = subprocess.run(["qemu-aarch64", "-cpu", "max", "-L", sysroot, smbsign, "impls"],
                           capture_output=True, text=True, check=True).stdout
    blocks = (LONG - SHORT) // 16
    print(f"instructions per 16-byte block ({SHORT} and {LONG}-byte messages, "
          f"qemu-aarch64 -cpu max)")
    for line in impls.splitlines():
        alg, names = line.split(":")
        base = None
        for impl in names.split():
            args = ["mac", "--alg", alg, "--key", KEY, "--impl", impl]
            if alg == "gmac":
                args += ["--nonce", NONCE]
            short = count(smbsign, sysroot, args, bytes(SHORT))
            long_ = count(smbsign, sysroot, args, bytes(LONG))
            per = (long_ - short) / blocks
            base = base or per
            print(f"  {alg} {impl:10s} {per:8.1f}  ({base / per:.1f}x fewer than generic)"
                  if impl != "generic" else f"  {alg} {impl:10s} {per:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
