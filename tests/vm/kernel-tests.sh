#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/kernel-tests.sh 6.1|6.12|7.2 [amd64|arm64] -- smbsign in Debian's
# kernel KVER for that architecture (default amd64), in two QEMU guests
# (tests/vm/run, the repository shared; arm64 loads algs=cmac,gmac,hmac,
# as its default registers gmac only, and the tests use all three):
#   1. booted normally: drivers and ranking in /proc/crypto, the vectors of
#      the userspace tests through AF_ALG with every implementation (cmac(aes),
#      gmac(aes), hmac(sha256) with the key cache on and off), bad keys (hmac:
#      keys of any length against Python's hmac), short gmac nonces, the
#      key_cache and hmac parameters, tcrypt, rmmod refused while in use,
#      reload with parameters (algs=cmac, algs=gmac, algs=hmac,
#      bench_on_load=0), the sysfs interface (every parameter and every
#      /sys/kernel/smbsign file: formats, invalid writes refused, counters
#      that grow by exactly the work done, implementations switched while
#      4 processes sign), a clean dmesg (tests/vm/guest/kernel-tests.sh);
#   2. booted with fips=1: smbsign registers nothing and says why (where
#      the kernel has CONFIG_CRYPTO_FIPS; elsewhere it registers as usual).
# Before booting, the MACs the switching test expects are computed here by
# the userspace tool (make tools: build/smbsign) into build/vm/, which the
# guest reads through the share. Exit 0 when both pass.
set -uo pipefail
[ $# -eq 1 ] || [ $# -eq 2 ] || { echo "usage: $0 6.1|6.12|7.2 [amd64|arm64]" >&2; exit 2; }
kver=$1 arch=${2:-amd64}
run_args=(--kernel "$kver" --arch "$arch")
timeout_s=600 fips_timeout_s=300
if [ "$arch" = arm64 ]; then
	# TCG emulates arm64 on x86-64 at about half the speed of x86-64.
	run_args+=(--params 'algs=cmac,gmac,hmac')
	timeout_s=1500 fips_timeout_s=600
fi
cd "$(dirname "$0")/../.." || exit 2
src=$(pwd)

# Cases and answers for the guest's switching test (af_alg.py race).
make -s tools || { echo "kernel-tests.sh: make tools failed" >&2; exit 1; }
mkdir -p build/vm
if ! python3 tools/af_alg.py race-cases build/smbsign >build/vm/race-cases.txt.new; then
	echo "kernel-tests.sh: computing the race cases with build/smbsign failed" >&2
	exit 1
fi
mv build/vm/race-cases.txt.new build/vm/race-cases.txt

rc=0
tests/vm/run "${run_args[@]}" --share "$src" --timeout "$timeout_s" -- \
	bash tests/vm/guest/kernel-tests.sh || rc=1
tests/vm/run "${run_args[@]}" --share "$src" --append fips=1 --timeout "$fips_timeout_s" -- \
	bash tests/vm/guest/kernel-tests.sh --fips || rc=1
exit "$rc"
