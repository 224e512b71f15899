#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-kernel.sh [KVER...]  (default: 6.12 7.2) -- the fixed cost of a MAC
# inside Debian's kernel KVER: smbsign's drivers beside the stock ones, with
# the kernel's own tcrypt (modprobe tcrypt mode=300 alg=DRIVER klen=16
# sec=0), in a one-vCPU QEMU guest whose clock follows executed
# instructions (tests/vm/run --icount). The figures are then nearly
# deterministic instruction counts, not time (an XSAVE counts as one), but a
# fair measure of the work per call; each is the fewest of RUNS (default 3)
# runs: an interrupt inside a measurement only adds. Make target:
# bench-kernel.
#
# Prints, per kernel, one row per message size (bytes; one update, the
# digest path) with each driver's units and smbsign's ratio to stock
# (below 1: smbsign does less). Root, like tests/vm/run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
[ $# -gt 0 ] || set -- 6.12 7.2

for kver in "$@"; do
	case "$kver" in
	6.1 | 6.12) stock_cmac='cmac(aes-aesni)' stock_hmac='hmac(sha256-ni)' ;;
	7.2) stock_cmac=cmac-aes-lib stock_hmac=hmac-sha256-lib ;;
	*) echo "bench-kernel.sh: no kernel $kver (6.1, 6.12, 7.2)" >&2; exit 2 ;;
	esac
	out=$(tests/vm/run --kernel "$kver" --icount --share . --timeout 1800 -- \
		bash tests/vm/guest/tcrypt-cycles.sh "$runs" cmac-aes-smbsign \
		"$stock_cmac" hmac-sha256-smbsign "$stock_hmac" gmac-aes-smbsign)
	echo "Debian $kver: tcrypt mode=300 units per MAC (instructions; min of $runs runs)"
	printf '%6s %10s %18s %6s %12s %18s %6s %10s\n' size cmac-smbsign \
		"$stock_cmac" ratio hmac-smbsign "$stock_hmac" ratio gmac
	awk '{ print $2 }' <<<"$out" | sort -nu | while read -r z; do
		awk -v sc="$stock_cmac" -v sh="$stock_hmac" -v z="$z" '
			$2 == z { u[$1] = $3 }
			END {
				a = u["cmac-aes-smbsign"]; b = u[sc]
				c = u["hmac-sha256-smbsign"]; d = u[sh]
				printf "%6d %10s %18s %6.2f %12s %18s %6.2f %10s\n", z, a, b,
					b ? a / b : 0, c, d, d ? c / d : 0,
					u["gmac-aes-smbsign"]
			}' <<<"$out"
	done
done
