#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A TCP proxy for one SMB connection that forges signatures: every signed
SMB2 WRITE request from the client reaches the server with bit 0 of its
Signature flipped. Everything else passes unchanged, both ways.

usage: smb_flip_proxy.py LISTEN_PORT SERVER_PORT   (both on 127.0.0.1)
Prints "listening", then one "flipped ..." line per forged WRITE.
"""
import socket
import struct
import sys
import threading

from smb_direct_tcp import recv_frame

WRITE, SIGNED = 0x09, 0x08


def client_to_server(cli, srv):
    """Whole Direct-TCP frames, each compound member looked at."""
    while True:
        frame = recv_frame(cli)
        if frame is None:
            break
        head, msg = frame[0], bytearray(frame[1])
        off = 0
        while off + 64 <= len(msg) and msg[off:off + 4] == b"\xfeSMB":
            cmd = struct.unpack_from("<H", msg, off + 12)[0]
            flags, nxt = struct.unpack_from("<II", msg, off + 16)
            if cmd == WRITE and flags & SIGNED:
                msg[off + 48] ^= 1
                mid = struct.unpack_from("<Q", msg, off + 24)[0]
                print(f"flipped a signature bit of WRITE MessageId {mid}", flush=True)
            if not nxt:
                break
            off += nxt
        srv.sendall(head + bytes(msg))
    srv.shutdown(socket.SHUT_WR)


def server_to_client(srv, cli):
    while True:
        data = srv.recv(65536)
        if not data:
            break
        cli.sendall(data)
    cli.shutdown(socket.SHUT_WR)


def main():
    listen_port, server_port = int(sys.argv[1]), int(sys.argv[2])
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", listen_port))
    ls.listen(1)
    print("listening", flush=True)
    cli, _ = ls.accept()
    srv = socket.create_connection(("127.0.0.1", server_port))
    back = threading.Thread(target=server_to_client, args=(srv, cli), daemon=True)
    back.start()
    try:
        client_to_server(cli, srv)
    except OSError:
        pass
    back.join(5)


if __name__ == "__main__":
    main()
