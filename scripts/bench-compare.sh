#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-compare.sh OLD NEW [RUNS] [BENCH ARGS...] -- two builds of the
# smbsign tool (e.g. build/smbsign of two checkouts) on this machine,
# `bench --csv` taking turns, RUNS times each (default 5), so that load
# from elsewhere hits both alike. Prints per algorithm, implementation and
# size the median MB/s of each build and NEW/OLD, and the same ratio with
# each figure first divided by the floor of its own table row (the floor
# is the same code in both builds, timed taking turns with the rest: the
# quotient leaves out how fast the machine happened to be during that run,
# which on a shared machine moves by several per cent).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [RUNS] [bench args...]" >&2; exit 2; }
old=$1 new=$2 runs=${3:-5}
shift $(($# < 3 ? $# : 3))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 0; r < runs; r++)); do
	"$old" bench --csv "$@" | tail -n +2 | sed "s/^/old,$r,/" >>"$tmp/all"
	"$new" bench --csv "$@" | tail -n +2 | sed "s/^/new,$r,/" >>"$tmp/all"
done
printf '%-5s %-15s %8s %10s %10s %8s %11s\n' alg impl size old_MB/s new_MB/s new/old "vs floor"
# Fields: build,run,alg,impl,size,mbps,cycles. The median of each build's
# figures and of its figure/floor quotients, per alg, impl and size.
awk -F, '
	{ rate[$1, $2, $3, $4, $5] = $6; if (!seen[$3 "," $4 "," $5]++) order[++n] = $3 "," $4 "," $5 }
	function median(a, m,    i, j, t) {
		for (i = 2; i <= m; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	END {
		for (i = 1; i <= n; i++) {
			split(order[i], k, ",")
			for (b = 1; b <= 2; b++) {
				build = b == 1 ? "old" : "new"
				m = 0
				for (r = 0; (build, r, k[1], k[2], k[3]) in rate; r++) {
					m++
					raw[m] = rate[build, r, k[1], k[2], k[3]]
					norm[m] = raw[m] / rate[build, r, k[1], "floor", k[3]]
				}
				med[b] = median(raw, m)
				mednorm[b] = median(norm, m)
			}
			printf "%-5s %-15s %8d %10.1f %10.1f %8.3f %11.3f\n", k[1], k[2], k[3],
				med[1], med[2], med[2] / med[1], mednorm[2] / mednorm[1]
		}
	}' "$tmp/all"
