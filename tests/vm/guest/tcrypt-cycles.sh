#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tcrypt-cycles.sh RUNS DRIVER...: in a tests/vm/run --icount guest, the
# fixed cost of a MAC: tcrypt's hash speed test (mode=300, a 16-byte key,
# sec=0: cycles per operation) RUNS times per driver, and per message size
# (one update of the whole message, the digest path) the fewest cycles seen:
# with --icount the cycle counter follows executed instructions, so a run
# differs from another only by the interrupts that fell inside it.
# Prints "DRIVER SIZE CYCLES" lines; exit 1 when a driver gave no figures.
set -uo pipefail
runs=${1:?usage: tcrypt-cycles.sh RUNS DRIVER...}
shift
status=0
for drv in "$@"; do
	out=$(for ((r = 0; r < runs; r++)); do
		mark=$(dmesg | wc -l)
		# tcrypt always "fails" to load (EAGAIN), by design.
		modprobe tcrypt mode=300 alg="$drv" klen=16 sec=0 2>/dev/null
		dmesg | tail -n "+$((mark + 1))"
	done |
		sed -n 's/.*tcrypt: test *[0-9]* ( *\([0-9]*\) byte blocks, *\([0-9]*\) bytes per update, *1 updates): *\([0-9]*\) cycles\/operation.*/\1 \2 \3/p' |
		awk -v d="$drv" '$1 == $2 { if (!($1 in m) || $3 < m[$1]) m[$1] = $3 }
			END { for (s in m) print d, s, m[s] }' | sort -k2,2n)
	if [ -z "$out" ]; then
		echo "$drv: no tcrypt figures (no such driver?)" >&2
		status=1
	fi
	printf '%s\n' "$out"
done
exit "$status"
