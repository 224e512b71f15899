#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The code this machine's CPU cannot run: vpclmul-avx512 (GHASH on 512-bit
# registers), on a CPU with AVX-512 emulated by Bochs (tests/bochs/run),
# through the same userspace tests as the other implementations:
#   1. gmac_kat: every GMAC vector (NIST, SymCrypt, GCM spec, SMB) with
#      every split, misaligned, export/import, SIMD unusable...;
#   2. gmac_diff: random cases against OpenSSL AES-GCM, lengths up to
#      70000 bytes (fewer cases than natively: emulation is ~50x slower).
# Each must name vpclmul-avx512 among the implementations it ran, so that
# a guest CPU without AVX-512 fails the test instead of passing it empty.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

fails=0
vectors=$(mktemp)
trap 'rm -f "$vectors"' EXIT

make -s build/static/gmac_kat build/static/gmac_diff 2>/dev/null ||
	{ echo "avx512-tests: building the static test programs failed" >&2; exit 1; }
python3 tests/vectors.py --alg gmac >"$vectors" || exit 1

# run_one NAME ARGS...: the program's output, then whether it passed and
# exercised vpclmul-avx512.
run_one() {
	local name=$1 out rc
	shift
	out=$(bash tests/bochs/run --verbose "$@" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: exit $rc"
		fails=$((fails + 1))
	elif ! grep -q 'vpclmul-avx512' <<<"$out"; then
		echo "FAIL $name: vpclmul-avx512 did not run (no AVX-512 in the guest?)"
		fails=$((fails + 1))
	else
		echo "ok $name"
	fi
}

run_one "gmac known answers on emulated AVX-512" \
	--stdin "$vectors" -- build/static/gmac_kat
cases=${SMBSIGN_BOCHS_CASES:-1000}
run_one "gmac vs OpenSSL on emulated AVX-512, $cases cases" \
	-- build/static/gmac_diff "$cases" 0xb0c5
exit $((fails > 0))
