#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/kernel-tests.sh 6.1|6.12|7.2 -- smbsign in Debian's kernel KVER,
# in two QEMU guests (tests/vm/run, the repository shared):
#   1. booted normally: drivers and ranking in /proc/crypto, the vectors of
#      the userspace tests through AF_ALG with every implementation (cmac(aes),
#      gmac(aes), hmac(sha256) with the key cache on and off), bad keys (hmac:
#      keys of any length against Python's hmac), short gmac nonces, the
#      key_cache and hmac parameters, tcrypt, rmmod refused while in use,
#      reload with parameters (algs=cmac, algs=gmac, algs=hmac), a clean
#      dmesg (tests/vm/guest/kernel-tests.sh);
#   2. booted with fips=1: smbsign registers nothing and says why (where
#      the kernel has CONFIG_CRYPTO_FIPS; elsewhere it registers as usual).
# Exit 0 when both pass.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 6.1|6.12|7.2" >&2; exit 2; }
kver=$1
cd "$(dirname "$0")/../.." || exit 2
src=$(pwd)

rc=0
tests/vm/run --kernel "$kver" --share "$src" --timeout 600 -- \
	bash tests/vm/guest/kernel-tests.sh || rc=1
tests/vm/run --kernel "$kver" --share "$src" --append fips=1 --timeout 300 -- \
	bash tests/vm/guest/kernel-tests.sh --fips || rc=1
exit "$rc"
