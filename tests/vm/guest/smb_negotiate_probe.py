#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hand-made SMB2 NEGOTIATE requests against the (patched) ksmbd on
127.0.0.1:445: how it picks a signing algorithm from
SMB2_SIGNING_CAPABILITIES (MS-SMB2 2.2.3.1.7), and what it does with
malformed ones. Prints "ok ..." / "FAIL ..." lines (tests/vm/check-lib.sh's
`counted`); exits 1 when a check failed.

Each case is its own connection. A malformed context must be handled as
the stock server handles one (refused, no signing context in the
response: the session then signs with AES-CMAC), and the server must keep
answering afterwards.
"""
import os
import socket
import struct
import sys

from smb_direct_tcp import recv_frame

PARAM = "/sys/module/ksmbd/parameters/signing_algorithms"
PREAUTH, SIGNING = 1, 8
failed = 0


def check(ok, what):
    global failed
    print(("ok " if ok else "FAIL ") + what, flush=True)
    failed += not ok


def context(ctype, data):
    return struct.pack("<HHI", ctype, len(data), 0) + data


def signing_context(ids, count=None):
    count = len(ids) if count is None else count
    return context(SIGNING, struct.pack("<H", count) + b"".join(struct.pack("<H", i) for i in ids))


def negotiate(dialects, contexts, mid=0):
    """An SMB2 NEGOTIATE request, contexts after the dialects (8-aligned)."""
    hdr = struct.pack("<4sHHIHHIIQIIQ16s", b"\xfeSMB", 64, 0, 0, 0, 1, 0, 0, mid, 0, 0, 0, b"\0" * 16)
    body_len = 36 + 2 * len(dialects)
    ctx_off = (64 + body_len + 7) & ~7
    body = struct.pack("<HHHHI16sIHH", 36, len(dialects), 1, 0, 0, os.urandom(16),
                       ctx_off if contexts else 0, len(contexts), 0)
    body += b"".join(struct.pack("<H", d) for d in dialects)
    msg = hdr + body
    for i, c in enumerate(contexts):
        msg += b"\0" * (((len(msg) + 7) & ~7) - len(msg)) + c
    return struct.pack(">I", len(msg)) + msg


def exchange(sock, data):
    """Send one frame, return the next message received (None: closed)."""
    sock.sendall(data)
    frame = recv_frame(sock)
    return None if frame is None else frame[1]


def parse(rsp):
    """(status, dialect, signing algorithm id or None) of a NEGOTIATE response."""
    status = struct.unpack_from("<I", rsp, 8)[0]
    dialect, count = struct.unpack_from("<HH", rsp, 64 + 4)
    off = struct.unpack_from("<I", rsp, 64 + 60)[0]
    alg = None
    if dialect == 0x311:
        for _ in range(count):
            ctype, clen = struct.unpack_from("<HH", rsp, off)
            if ctype == SIGNING:
                n = struct.unpack_from("<H", rsp, off + 8)[0]
                alg = struct.unpack_from("<H", rsp, off + 10)[0] if n else None
            off += (8 + clen + 7) & ~7
    return status, dialect, alg


def preauth():
    return context(PREAUTH, struct.pack("<HHH", 1, 32, 1) + os.urandom(32))


def probe(dialects, contexts):
    with socket.create_connection(("127.0.0.1", 445), timeout=10) as s:
        rsp = exchange(s, negotiate(dialects, contexts))
    return parse(rsp) if rsp else None


def case(what, dialects, contexts, want_dialect, want_alg):
    r = probe(dialects, contexts)
    got = "no response" if r is None else f"status {r[0]:#x}, dialect {r[1]:#x}, signing {r[2]}"
    check(r is not None and r[0] == 0 and r[1] == want_dialect and r[2] == want_alg,
          f"{what}: {got} (want dialect {want_dialect:#x}, signing {want_alg})")


def main():
    with open(PARAM) as f:
        default = f.read().strip()
    d311 = [0x311]
    case("GMAC, CMAC, HMAC offered", d311, [preauth(), signing_context([2, 1, 0])], 0x311, 2)
    case("HMAC, CMAC offered (server order)", d311, [preauth(), signing_context([0, 1])], 0x311, 1)
    case("unknown ids 0x7777, 3 and GMAC", d311, [preauth(), signing_context([0x7777, 3, 2])], 0x311, 2)
    case("only unknown ids", d311, [preauth(), signing_context([0x7777, 3])], 0x311, None)
    case("an empty signing context (count 0)", d311, [preauth(), signing_context([], 0)], 0x311, None)
    case("count 4096 in a context holding one id", d311, [preauth(), signing_context([2], 4096)],
         0x311, None)
    case("a context cut short (no count)", d311, [preauth(), context(SIGNING, b"")], 0x311, None)
    case("GMAC offered on 3.0.2", [0x302], [preauth(), signing_context([2])], 0x302, None)

    with open(PARAM, "w") as f:
        f.write("AES-128-CMAC,HMAC-SHA256")
    case("signing_algorithms=AES-128-CMAC,HMAC-SHA256, GMAC and CMAC offered", d311,
         [preauth(), signing_context([2, 1])], 0x311, 1)
    with open(PARAM, "w") as f:
        f.write("")
    case("signing_algorithms empty, GMAC offered", d311, [preauth(), signing_context([2])], 0x311, None)
    with open(PARAM, "w") as f:
        f.write(default)

    # A PDU shorter than an SMB2 header, with SMB2_FLAGS_SIGNED, after a
    # negotiation: dropped, and the server answers the next connection.
    with socket.create_connection(("127.0.0.1", 445), timeout=10) as s:
        exchange(s, negotiate(d311, [preauth(), signing_context([2])]))
        short = b"\xfeSMB" + struct.pack("<HHIHHI", 64, 0, 0, 8, 1, 8) + b"\0" * 20
        try:
            rsp = exchange(s, struct.pack(">I", len(short)) + short)
        except OSError:
            rsp = None
    check(rsp is None or len(rsp) >= 64,
          f"a signed {len(short)}-byte PDU: {'connection dropped' if rsp is None else 'answered with an error'}")
    case("the server still negotiates afterwards", d311, [preauth(), signing_context([2])], 0x311, 2)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
