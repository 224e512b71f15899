# SPDX-License-Identifier: GPL-2.0
"""Reading SMB2 over Direct TCP (MS-SMB2 2.1): a 4-byte big-endian length
(its top byte zero), then the message. Shared by the guest's hand-made SMB
clients (smb_flip_proxy.py, smb_negotiate_probe.py)."""
import struct


def recv_exact(sock, n):
    """n bytes from sock, or None when the peer closed before."""
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def recv_frame(sock):
    """(length prefix, message) of the next frame, or None at the end."""
    head = recv_exact(sock, 4)
    if head is None:
        return None
    msg = recv_exact(sock, struct.unpack(">I", head)[0] & 0xffffff)
    return None if msg is None else (head, msg)
