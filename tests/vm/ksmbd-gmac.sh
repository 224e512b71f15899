#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/ksmbd-gmac.sh KVER   (6.12 or 7.2)
#
# The patched ksmbd (smb/ksmbd/KVER) in a `tests/vm/run --ksmbd smbsign`
# guest of that kernel: tests/vm/guest/ksmbd-gmac.sh (AES-GMAC, CMAC and
# HMAC sessions from smbclient and cifs, each capture verified twice, a
# forged signature refused, a reconnect). KSMBD_MIB sets the size of the
# GMAC transfer (default 64 MiB). Root, like tests/vm/run; builds the tool
# (build/smbsign) the guest verifies captures with.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
case "${1:-}" in
6.12 | 7.2) kver=$1 ;;
*) echo "usage: $0 6.12|7.2" >&2; exit 2 ;;
esac
make -s -C "$repo" tools >/dev/null
# Measured on 2 cores under TCG: 3-4 min with 64 MiB, boot included.
exec "$here/run" --kernel "$kver" --ksmbd smbsign --share "$repo" --timeout 1200 -- \
	bash /mnt/share/tests/vm/guest/ksmbd-gmac.sh "${KSMBD_MIB:-64}"
