#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel-side checks of smbsign in a tests/vm guest, run by
# tests/vm/kernel-tests.sh with the repository shared at /mnt/share (the
# working directory) and smbsign loaded with its defaults (arm64:
# algs=cmac,gmac,hmac, as its default registers gmac only), on x86-64 or
# arm64 (the names below follow the guest's architecture):
#
#   tests/vm/guest/kernel-tests.sh          drivers, AF_ALG, tcrypt, unload
#                                           (cmac(aes), gmac(aes) and
#                                           hmac(sha256)), key_cache, the
#                                           sysfs interface (below)
#   tests/vm/guest/kernel-tests.sh --fips   the same guest booted with fips=1
#
# The sysfs interface (Documentation/design.rst, "Interfaces"): every
# parameter and every
# /sys/kernel/smbsign file read in its format; every kind of invalid write
# refused with the value unchanged (sysfs_write.py writes byte for byte);
# counters that grow by exactly the work done (af_alg.py counters);
# implementations switched in a loop while 4 processes sign, every MAC
# checked against build/smbsign's answer (af_alg.py race, the answers
# computed on the host into build/vm/race-cases.txt); bench_on_load=0.
#
# One line per check ("ok ..." / "FAIL ..."), then
# "kernel tests <release>: N passed, N failed"; exit 1 if any failed or
# fewer checks ran than this guest makes (expect_checks below). The checks
# tools/af_alg.py and sysfs_write.py print are counted by check-lib.sh's
# `counted`, which also fails on their exit status: a traceback midway
# is a failure, never a few checks fewer.
# The helpers below are called through check, which shellcheck cannot see.
# shellcheck disable=SC2317
set -uo pipefail
export PYTHONDONTWRITEBYTECODE=1

rel=$(uname -r)
# shellcheck source=tests/vm/check-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../check-lib.sh"
finish() {
	summary "kernel tests $rel"
	exit
}

af_alg() { python3 tools/af_alg.py "$@"; }
vectors() { python3 tests/vectors.py "$@"; }
# af_vectors ALG DRIVER: ALG's vectors (tests/vectors.py) through DRIVER by
# AF_ALG; with pipefail, a failure of either side is this function's.
af_vectors() { vectors --alg "$1" | af_alg vectors "$2"; }
# af_hold_rmmod ALG DRIVER: rmmod smbsign refused while a DRIVER tfm is
# held, then done, and ALG's vectors through DRIVER before.
af_hold_rmmod() { vectors --alg "$1" | af_alg hold-rmmod "$2" smbsign; }
# What the guest loaded (all three; its CPU, QEMU's -cpu max, has the AES,
# carry-less multiply and SHA-256 instructions), in smbsign_drivers' order,
# and what the default algs register.
loaded_drivers="cmac-aes-smbsign gmac-aes-smbsign hmac-sha256-smbsign"
params=/sys/module/smbsign/parameters
# Per architecture: smbsign's implementation names, narrowest first (a
# CPU's list is a subsequence, its last listed name the widest), the stock
# modules a host loads first, the stock cmac(aes) and hmac(sha256) drivers
# there may be, and the /proc/cpuinfo flag of the SHA-256 instructions.
arch=$(uname -m)
case "$arch" in
x86_64)
	default_drivers=$loaded_drivers
	order_cmac="generic aesni" order_gmac="generic pclmul vpclmul-avx2 vpclmul-avx512"
	order_hmac="generic shani" sha_impl=shani sha_flag=sha_ni
	stock_modules="aesni_intel cmac"
	stock_cmac=('cmac(aes-aesni)' 'cmac(aes-generic)' cmac-aes-lib)
	stock_hmac=('hmac(sha256-ni)' 'hmac(sha256-avx2)' 'hmac(sha256-generic)' hmac-sha256-lib)
	main_checks=726
	;;
aarch64)
	# The stock cmac(aes) and hmac(sha256) already run on the Crypto
	# Extensions here: the default algs is gmac (kernel/params.c).
	default_drivers=gmac-aes-smbsign
	order_cmac="generic aes-ce" order_gmac="generic pmull"
	order_hmac="generic sha2-ce" sha_impl=sha2-ce sha_flag=sha2
	stock_modules="aes_ce_blk cmac"
	stock_cmac=('cmac(aes-ce)' 'cmac(aes-generic)' cmac-aes-lib)
	stock_hmac=('hmac(sha256-ce)' 'hmac(sha256-arm64)' 'hmac(sha256-generic)' hmac-sha256-lib)
	main_checks=718
	;;
*)
	echo "kernel-tests: no names for $arch" >&2
	exit 2
	;;
esac

# "priority driver" of every driver for algorithm name $1.
drivers_of() {
	awk -v n="$1" -F' *: ' '
		$1 == "name" { name = $2 }
		$1 == "driver" { drv = $2 }
		$1 == "priority" && name == n { print $2, drv }' /proc/crypto | sort -rn
}
smbsign_drivers() {
	awk -F' *: ' '$1 == "driver" { d = $2 } $1 == "module" && $2 == "smbsign" { print d }' \
		/proc/crypto | sort | tr '\n' ' ' | sed 's/ $//'
}
loaded() { [ -d /sys/module/smbsign ]; }
dmesg_has() { dmesg | grep -qF -- "$1"; }

# ranks_first NAME DRIVER: DRIVER has the highest priority of NAME's
# drivers, strictly above the next.
ranks_first() {
	local top
	top=$(drivers_of "$1" | head -n 2)
	[ "$(echo "$top" | head -n 1 | cut -d' ' -f2)" = "$2" ] &&
		[ "$(echo "$top" | sed -n 1p | cut -d' ' -f1)" -gt "$(echo "$top" | sed -n 2p | cut -d' ' -f1)" ]
}
# refused PARAM VALUE: writing VALUE to the smbsign parameter fails with
# EINVAL and leaves the value as it was.
refused() {
	local p=$params/$1 before err
	before=$(cat "$p")
	err=$( (echo "$2" >"$p") 2>&1) && return 1
	[[ $err == *"Invalid argument"* ]] && [ "$(cat "$p")" = "$before" ]
}
# set_param PARAM VALUE [READBACK]: write VALUE, and (one check) it reads
# back as READBACK (default VALUE).
param_is() { echo "$2" >"$params/$1" && test "$(cat "$params/$1")" = "$3"; }
set_param() {
	check "$1: '$2' accepted, reads back ${3:-$2}" param_is "$1" "$2" "${3:-$2}"
}

# Kernel log lines a healthy run never has (the out-of-tree taint is fine).
dmesg_clean() {
	local bad
	bad=$(dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace|possible circular locking|inconsistent lock state|lockdep|UBSAN|KASAN')
	[ -z "$bad" ] || printf '%s\n' "$bad" | head -n 20
	[ -z "$bad" ]
}

# --- /sys/module/smbsign/parameters and /sys/kernel/smbsign -------------------
sysfs=/sys/kernel/smbsign
algs3="cmac gmac hmac"
sysw() { python3 tests/vm/guest/sysfs_write.py "$@"; }
# Every implementation name smbsign has for ALG, narrowest first: a CPU's
# list is a subsequence of it, and its last listed name is the widest.
impl_order() {
	case "$1" in
	cmac) echo "$order_cmac" ;;
	gmac) echo "$order_gmac" ;;
	hmac) echo "$order_hmac" ;;
	esac
}
# The implementations ALG_impl lists (without fastest and the brackets).
impl_names() { sed 's/[][]//g' "$params/$1_impl" | tr ' ' '\n' | grep -vx -e fastest -e ''; }
widest() { impl_names "$1" | tail -n 1; }
# The active choice of ALG_impl (the bracketed name).
impl_active() { grep -o '\[[^]]*\]' "$params/$1_impl" | tr -d '[]'; }
# The names of all three algorithms that ALG_impl does not list: refused.
impl_unlisted() {
	local a n
	for a in $algs3; do
		for n in $(impl_order "$a"); do
			impl_names "$1" | grep -qx -- "$n" || echo "$n"
		done
	done | sort -u
}
# ALG_impl reads one line "fastest generic ..." with exactly one name in
# brackets, fastest first, then the names this CPU runs in smbsign's
# order (generic and at least one SIMD one: the guest CPU has them all).
impl_param_ok() {
	local f=$params/$1_impl listed want
	[ "$(wc -l <"$f")" -eq 1 ] &&
		grep -Eqx '(\[[a-z0-9-]+\]|[a-z0-9-]+)( (\[[a-z0-9-]+\]|[a-z0-9-]+))*' "$f" &&
		[ "$(grep -o '\[' "$f" | wc -l)" -eq 1 ] && [ "$(grep -o '\]' "$f" | wc -l)" -eq 1 ] ||
		return 1
	listed=$(impl_names "$1" | tr '\n' ' ')
	want=$(for n in $(impl_order "$1"); do [[ " $listed " != *" $n "* ]] || echo "$n"; done | tr '\n' ' ')
	[ "$(sed 's/[][]//g' "$f" | cut -d' ' -f1)" = fastest ] && [ "$listed" = "$want" ] &&
		[[ $listed == "generic "* ]] && [ "$(wc -w <<<"$listed")" -ge 2 ]
}
# The file holds one line, a whole number (no sign, no leading zero).
is_count() { grep -Eqx '0|[1-9][0-9]*' "$1" && [ "$(wc -l <"$1")" -eq 1 ]; }
is_positive() { grep -Eqx '[1-9][0-9]*' "$1" && [ "$(wc -l <"$1")" -eq 1 ]; }
mode_is() { [ "$(stat -c %a "$1")" = "$2" ]; }
fpu_in_range() {
	local v
	is_count "$params/$1_fpu_bytes" || return 1
	v=$(cat "$params/$1_fpu_bytes")
	[ "$v" -ge 512 ] && [ "$v" -le 1048576 ]
}
# bench/ holds one file per implementation ALG_impl lists, nothing else.
bench_files_ok() {
	[ "$(entries "$sysfs/$1/bench")" = "$(impl_names "$1" | LC_ALL=C sort | words)" ]
}
bench_empty() { [ -d "$sysfs/$1/bench" ] && [ -z "$(find "$sysfs/$1/bench" -mindepth 1)" ]; }
# fastest is an implementation with the highest bench figure (a tie: any).
fastest_won() {
	local top
	top=$(for f in "$sysfs/$1/bench"/*; do echo "$(cat "$f") ${f##*/}"; done | sort -rn | head -n 1)
	[ "$(cat "$sysfs/$1/bench/$(cat "$sysfs/$1/fastest")")" = "${top%% *}" ]
}
bench_won() { bench_files_ok "$1" && fastest_won "$1"; }
bench_summary() {
	local f out=''
	for f in "$sysfs/$1/bench"/*; do out+=" ${f##*/}=$(cat "$f")"; done
	echo "${out# }"
}
# smbsign's self-test line for ALG: "ALG: self-test passed (N vectors,
# 3 ways each) by: generic ...", the implementations ALG_impl lists.
selftest_line() { dmesg | grep -E "smbsign: $1: self-test passed" | tail -n 1 | sed 's/^\[[^]]*\] smbsign: //'; }
selftest_vectors() { case "$1" in cmac) echo 6 ;; *) echo 4 ;; esac; }
selftest_ok() {
	[[ "$(selftest_line "$1")" == *": self-test passed ($2 vectors, 3 ways each) by: $(impl_names "$1" | words)" ]] &&
		[ "$(impl_names "$1" | wc -l)" -ge 2 ]
}
# dmesg since line MARK has smbsign's benchmark line for ALG.
bench_line() { dmesg | tail -n "+$(($2 + 1))" | grep -E "smbsign: $1: .*benchmark.*fastest"; }
all_counters_zero() {
	local a c
	for a in $algs3; do
		for c in ops bytes fallbacks; do
			[ "$(cat "$sysfs/$a/$c")" = 0 ] || return 1
		done
	done
}
counters_line() {
	local a out=''
	for a in $algs3; do
		out+=" $a $(cat "$sysfs/$a/ops")/$(cat "$sysfs/$a/bytes")/$(cat "$sysfs/$a/fallbacks")"
	done
	echo "ops/bytes/fallbacks:$out"
}
sysfs_present_zero() { sysfs_dirs_present && all_counters_zero; }
sysfs_dirs_present() {
	local a
	for a in $algs3; do
		[ -f "$sysfs/$a/ops" ] && [ -f "$sysfs/$a/impl" ] && [ -d "$sysfs/$a/bench" ] || return 1
	done
}

# Small checks on one file of /sys/kernel/smbsign (A: the algorithm).
counter_ok() { is_count "$sysfs/$1/$2" && mode_is "$sysfs/$1/$2" 644; }
listed_ro() { impl_names "$1" | grep -qx -- "$(cat "$sysfs/$1/$2")" && mode_is "$sysfs/$1/$2" 444; }
impl_is_fastest() { [ "$(cat "$sysfs/$1/impl")" = "$(cat "$sysfs/$1/fastest")" ]; }
bench_ok() { is_positive "$1" && mode_is "$1" 444; }
# modinfo -p: one "name:description" line per parameter in sysfs (a
# "(type)" follows only for plain module_param()s).
modinfo_describes_all() {
	local p
	for p in $(entries "$params"); do
		modinfo -p smbsign | grep -Eq "^$p:.{20,}" ||
			{ echo "modinfo -p smbsign: no description for $p"; return 1; }
	done
	[ "$(modinfo -p smbsign | wc -l)" -eq "$(entries "$params" | wc -w)" ]
}
param_reads() { [ "$(cat "$params/$1")/$(stat -c %a "$params/$1")" = "$2/$3" ]; }
has_bench_line() { bench_line "$1" "$2" >/dev/null; }
no_bench_line() { ! bench_line "$1" "$2" >/dev/null; }
words() { tr '\n' ' ' | sed 's/ $//'; }
entries() { find "$1" -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort | words; }

# sysfs_formats: every parameter and every /sys/kernel/smbsign file reads
# in the format Documentation/design.rst gives, with the default load's values.
sysfs_formats() {
	local a f
	check "parameters: algs bench_on_load {cmac,gmac,hmac}_{fpu_bytes,impl} key_cache priority, nothing else" \
		test "$(entries "$params")" = "algs bench_on_load cmac_fpu_bytes cmac_impl gmac_fpu_bytes gmac_impl hmac_fpu_bytes hmac_impl key_cache priority"
	for a in $algs3; do
		check "${a}_impl: '$(cat "$params/${a}_impl")': one line, one bracketed choice, fastest then this CPU's names in order" \
			impl_param_ok "$a"
		check "${a}_impl: [fastest] active after load" test "$(impl_active "$a")" = fastest
		check "${a}_fpu_bytes: $(cat "$params/${a}_fpu_bytes"), decimal within 512..1048576" fpu_in_range "$a"
		check "${a}_impl and ${a}_fpu_bytes: mode 644" \
			test "$(stat -c %a "$params/${a}_impl")/$(stat -c %a "$params/${a}_fpu_bytes")" = 644/644
	done
	check "bench_on_load: Y (the default), mode 444" param_reads bench_on_load Y 444
	check "modinfo describes every parameter ($(modinfo -p smbsign | wc -l) lines, each 'name:description')" \
		modinfo_describes_all
	check "key_cache: Y (the default), mode 644" param_reads key_cache Y 644
	check "priority: 500 (the default), mode 444" param_reads priority 500 444
	check "algs: cmac,gmac,hmac (the default), mode 444" param_reads algs cmac,gmac,hmac 444
	check "/sys/kernel/smbsign holds cmac gmac hmac, nothing else" test "$(entries "$sysfs")" = "cmac gmac hmac"
	for a in $algs3; do
		check "$a/: bench bytes fallbacks fastest impl ops, nothing else" \
			test "$(entries "$sysfs/$a")" = "bench bytes fallbacks fastest impl ops"
		for f in ops bytes fallbacks; do
			check "$a/$f: '$(cat "$sysfs/$a/$f")', a decimal count, mode 644" counter_ok "$a" "$f"
		done
		check "$a/fastest: '$(cat "$sysfs/$a/fastest")', one of ${a}_impl's names, mode 444" listed_ro "$a" fastest
		check "$a/impl: '$(cat "$sysfs/$a/impl")', one of ${a}_impl's names, mode 444" listed_ro "$a" impl
		check "$a/impl is $a/fastest while ${a}_impl is fastest" impl_is_fastest "$a"
		check "$a/bench/: one file per implementation listed ($(bench_summary "$a"))" bench_files_ok "$a"
		for f in "$sysfs/$a/bench"/*; do
			[ -e "$f" ] || continue
			check "$a/bench/${f##*/}: '$(cat "$f")' MB/s, a positive whole number, mode 444" bench_ok "$f"
		done
		check "$a/fastest ($(cat "$sysfs/$a/fastest")) has the highest bench figure" fastest_won "$a"
		check "dmesg has smbsign's $a benchmark line: $(bench_line "$a" 0 | head -n 1 | sed 's/^\[[^]]*\] //')" \
			has_bench_line "$a" 0
	done
}

# impl_follows ALG: writing each listed name makes ALG/impl that name,
# writing fastest makes it ALG/fastest.
impl_follows() {
	local a=$1 n bad=''
	for n in $(impl_names "$a") fastest; do
		echo "$n" >"$params/${a}_impl" || bad+=" $n:write"
		if [ "$n" = fastest ]; then
			[ "$(cat "$sysfs/$a/impl")" = "$(cat "$sysfs/$a/fastest")" ] || bad+=" $n"
		else
			[ "$(cat "$sysfs/$a/impl")" = "$n" ] || bad+=" $n"
		fi
		[ "$(impl_active "$a")" = "$n" ] || bad+=" $n:[]"
	done
	[ -z "$bad" ] || echo "  $a: wrong after:$bad"
	[ -z "$bad" ]
}

# long N: N times the letter a.
long() { printf '%*s' "$1" '' | tr ' ' a; }
# impl_line ALG NAME: what ALG_impl reads with NAME chosen.
impl_line() {
	local n out=''
	for n in fastest $(impl_names "$1"); do
		if [ "$n" = "$2" ]; then out+=" [$n]"; else out+=" $n"; fi
	done
	echo "${out# }"
}
# all_or_nothing ALG BEFORE NAME: ALG_impl reads BEFORE or has NAME chosen.
all_or_nothing() { [ "$(cat "$params/$1_impl")" = "$2" ] || [ "$(impl_active "$1")" = "$3" ]; }
counters_nonzero() {
	local a
	for a in $algs3; do
		[ "$(cat "$sysfs/$a/ops")" -gt 0 ] && [ "$(cat "$sysfs/$a/bytes")" -gt 0 ] || return 1
	done
}

# sysfs_bad_writes: every kind of invalid write to every writable file,
# refused with EINVAL and the value unchanged (a zero-length write(2) is
# taken as nothing by sysfs itself, before smbsign); read-only files refuse
# any write. Run once the counters are non-zero, so a wrong reset shows.
sysfs_bad_writes() {
	local a w f before res
	check "every counter non-zero before the invalid writes ($(counters_line))" counters_nonzero
	for a in $algs3; do
		# From a choice other than the default, the widest name (a
		# SIMD one) misspelt: a sloppy parser would switch to it.
		echo generic >"$params/${a}_impl"
		w=$(widest "$a")
		before=$(cat "$params/${a}_impl")
		# shellcheck disable=SC2046 # one word per unlisted name
		counted sysw refused "$params/${a}_impl" bogus '\n' '' "$(long 40)" "$(long 4000)" \
			"$w\n\n" " $w" "$w " "$w x" "$w\t" "$w\r" "${w^^}" "[$w]" "${w%?}" "${w}x" \
			"\\0$w" "fastest\n\n" " fastest" "fastest,$w" "generic $w" '\n\n' \
			$(impl_unlisted "$a")
		# More than a page: kernfs refuses it itself (E2BIG) before
		# smbsign sees it; either way nothing changes.
		counted sysw refused --errno EINVAL,E2BIG "$params/${a}_impl" "$(long 5000)"
		# A NUL ends the C string that param_attr_store hands a module
		# parameter's set(): "$w\0x" is "$w" to any parameter, so no
		# parameter can refuse it. What counts: all or nothing.
		res=$(sysw write "$params/${a}_impl" "$w\\0x")
		check "${a}_impl: '$w\\0x' (set() sees '$w'): write gave $res, now '$(cat "$params/${a}_impl")': all or nothing" \
			all_or_nothing "$a" "$before" "$w"
		counted sysw accepted "$params/${a}_impl" "$w\n" "$(impl_line "$a" "$w")"
		counted sysw accepted "$params/${a}_impl" fastest "$(impl_line "$a" fastest)"

		f=$params/${a}_fpu_bytes
		before=$(cat "$f")
		counted sysw refused "$f" 0 1 511 1048577 2097152 4294967296 4294967808 18446744073709551616 \
			18446744073709552128 99999999999999999999 -1 -4096 0x1000 0x200 4096x '4096 ' ' 4096' \
			'4096\n\n' '\n' '' '4 096' 4096.0 1e4 + x '\t4096'
		counted sysw refused --errno EINVAL,E2BIG "$f" "$(printf '%05000d' 4096)"
		counted sysw accepted "$f" '4096\n' 4096
		counted sysw accepted "$f" 512 512
		counted sysw accepted "$f" '1048576\n' 1048576
		counted sysw accepted "$f" "$before" "$before"

		# Counters: only "0" (one newline or none) resets. Other
		# spellings of zero ("00", "+0", "-0", " 0") are refused too:
		# the interface says "writing 0", and an exact rule, like the
		# *_impl names', leaves nothing to guess.
		for f in ops bytes fallbacks; do
			counted sysw refused "$sysfs/$a/$f" 1 x '\n' '' '0 0' 00 -0 +0 ' 0' '0 ' '0\n\n' 01 0x0 10 \
				'\t0' "$(printf '%040d' 0)" -1 18446744073709551616
		done
		# Read-only files refuse every write when opened (mode 444).
		for f in "$sysfs/$a/impl" "$sysfs/$a/fastest" "$sysfs/$a/bench"/*; do
			[ -e "$f" ] || continue
			counted sysw refused --errno EACCES,EPERM "$f" generic 0 '\n'
		done
	done
	for f in bench_on_load priority algs; do
		counted sysw refused --errno EACCES,EPERM "$params/$f" 0 N 1 Y 400 cmac '\n'
	done
}

# The checks each guest makes, measured on Debian's kernels: with fips=1, 5
# (4 on 7.2, which is built without CONFIG_CRYPTO_FIPS); otherwise, on
# x86-64, 727 (726 on 7.2, which has no sha256_ssse3 module), on arm64 718
# (fewer GMAC implementations to run the vectors through, and the cmac and
# hmac back after the final modprobe are the stock ones).
if [ "${1:-}" = --fips ]; then
	expect_checks 4
	check "smbsign is loaded" loaded
	if [ "$(cat /proc/sys/crypto/fips_enabled 2>/dev/null)" = 1 ]; then
		drv=$(smbsign_drivers)
		check "fips=1: no smbsign driver in /proc/crypto (found: ${drv:-none})" test -z "$drv"
		lines=$(dmesg | grep 'smbsign: ' | grep -v -e 'taints kernel' -e 'module verification failed')
		printf '  dmesg: %s\n' "$lines"
		check "fips=1: smbsign says why in exactly one dmesg line" \
			test "$(printf '%s\n' "$lines" | grep -c .)" -eq 1 -a -n "$(printf '%s' "$lines" | grep -i fips)"
		check "fips=1: no /sys/kernel/smbsign (smbsign creates nothing)" test ! -e "$sysfs"
	else
		# Without CONFIG_CRYPTO_FIPS the kernel ignores fips=1 (no
		# /proc/sys/crypto/fips_enabled) and smbsign must behave as usual.
		echo "  $rel is built without CONFIG_CRYPTO_FIPS: fips=1 is ignored by the kernel"
		drv=$(smbsign_drivers)
		check "no FIPS mode: $loaded_drivers registered as usual (found: ${drv:-none})" \
			test "$drv" = "$loaded_drivers"
		check "no FIPS mode: /sys/kernel/smbsign/{cmac,gmac,hmac} present as usual" sysfs_dirs_present
	fi
	check "dmesg has no warning, oops or lockdep report" dmesg_clean
	finish
fi

# 1. Loaded, with the stock accelerated drivers loaded first (guest-init).
expect_checks "$main_checks"
check "smbsign is loaded" loaded
for m in $stock_modules; do
	check "stock $m present (module or built in)" test -d "/sys/module/$m"
done
prio=$(cat /sys/module/smbsign/parameters/priority)
drv=$(smbsign_drivers)
check "smbsign drivers as loaded: $loaded_drivers (found: ${drv:-none})" \
	test "$drv" = "$loaded_drivers"

# 1b. sysfs as loaded: nothing has MACed yet (the self-tests and the
# load-time benchmark are not counted), so every counter reads 0; then
# the format of every file, and impl following the *_impl parameters.
check "counters all zero right after load ($(counters_line))" all_counters_zero
sysfs_formats

# 1c. smbsign's own known-answer self-test ran at load for every
# implementation it offers (one that failed would be named in dmesg and
# missing from ${a}_impl), with its vector counts.
for a in $algs3; do
	check "self-test at load: $(selftest_line "$a")" selftest_ok "$a" "$(selftest_vectors "$a")"
done
check "no implementation failed its self-test" not dmesg_has "failed the self-test"
for a in $algs3; do
	check "$a/impl follows ${a}_impl: each listed name, then fastest" impl_follows "$a"
done

# 2. /proc/crypto: every stock cmac(aes) there is, instantiated, ranked below.
stock=$(af_alg instantiate "${stock_cmac[@]}" | tr '\n' ' ')
echo "  stock cmac(aes) drivers instantiated: ${stock:-none}"
echo "  cmac(aes) drivers by priority:"
drivers_of 'cmac(aes)' | sed 's/^/    /'
check "cmac-aes-smbsign: selftest passed" test "$(crypto_field cmac-aes-smbsign selftest)" = passed
check "cmac-aes-smbsign: priority $prio (the priority parameter)" \
	test "$(crypto_field cmac-aes-smbsign priority)" = "$prio"
check "a stock cmac(aes) driver is present to rank against" \
	test "$(drivers_of 'cmac(aes)' | grep -vc ' cmac-aes-smbsign$')" -ge 1
check "cmac-aes-smbsign ranks first, strictly above the stock drivers" \
	ranks_first 'cmac(aes)' cmac-aes-smbsign
check "allocating cmac(aes) by name gets cmac-aes-smbsign" \
	test "$(af_alg resolve 'cmac(aes)')" = cmac-aes-smbsign

# gmac(aes) has no stock driver (the kernel's GMAC is rfc4543(gcm(aes)), an
# AEAD), so gmac-aes-smbsign is the only one and nothing ranks against it.
echo "  gmac(aes) drivers by priority:"
drivers_of 'gmac(aes)' | sed 's/^/    /'
# testmgr has no gmac(aes) vectors: alg_test() logs "alg: No test for
# gmac(aes) (gmac-aes-smbsign)" and returns 0, which /proc/crypto shows as
# "selftest: passed", a test that cannot fail. smbsign's own self-test at
# load (section 1c) and the vectors below are the real ones.
check "testmgr has no gmac(aes) test: the kernel says so" \
	dmesg_has "alg: No test for gmac(aes) (gmac-aes-smbsign)"
check "gmac-aes-smbsign: priority $prio (the priority parameter)" \
	test "$(crypto_field gmac-aes-smbsign priority)" = "$prio"
check "gmac-aes-smbsign: digestsize 16" test "$(crypto_field gmac-aes-smbsign digestsize)" = 16
check "allocating gmac(aes) by name gets gmac-aes-smbsign" \
	test "$(af_alg resolve 'gmac(aes)')" = gmac-aes-smbsign

# hmac(sha256): smbsign registers it only on a CPU with SHA-NI (elsewhere
# the stock driver is as fast). The stock ones: the hmac template over
# sha256_ssse3's drivers (6.1, 6.12), or 7.x's hmac-sha256-lib.
check "the guest CPU has the SHA-256 instructions ($sha_flag in /proc/cpuinfo)" \
	grep -qw "$sha_flag" /proc/cpuinfo
if modprobe -n -q sha256_ssse3 2>/dev/null; then
	check "stock sha256_ssse3 present (module or built in)" test -d /sys/module/sha256_ssse3
fi
stock=$(af_alg instantiate "${stock_hmac[@]}" | tr '\n' ' ')
echo "  stock hmac(sha256) drivers instantiated: ${stock:-none}"
echo "  hmac(sha256) drivers by priority:"
drivers_of 'hmac(sha256)' | sed 's/^/    /'
check "hmac-sha256-smbsign: selftest passed" test "$(crypto_field hmac-sha256-smbsign selftest)" = passed
# testmgr has hmac(sha256) vectors: unlike gmac(aes), it really ran them.
check "  ... and testmgr had vectors for it (no 'alg: No test for hmac(sha256) (hmac-sha256-smbsign)')" \
	not dmesg_has "alg: No test for hmac(sha256) (hmac-sha256-smbsign)"
check "hmac-sha256-smbsign: priority $prio (the priority parameter)" \
	test "$(crypto_field hmac-sha256-smbsign priority)" = "$prio"
check "hmac-sha256-smbsign: digestsize 32" test "$(crypto_field hmac-sha256-smbsign digestsize)" = 32
check "a stock hmac(sha256) driver is present to rank against" \
	test "$(drivers_of 'hmac(sha256)' | grep -vc ' hmac-sha256-smbsign$')" -ge 1
check "hmac-sha256-smbsign ranks first, strictly above the stock drivers" \
	ranks_first 'hmac(sha256)' hmac-sha256-smbsign
check "allocating hmac(sha256) by name gets hmac-sha256-smbsign" \
	test "$(af_alg resolve 'hmac(sha256)')" = hmac-sha256-smbsign

# 3. AF_ALG: the vectors of the userspace tests, with every implementation
# this CPU runs (keys set after a switch use the new one), then bad keys.
impls=$(sed 's/[][]//g' /sys/module/smbsign/parameters/cmac_impl)
for impl in $impls; do
	echo "$impl" >/sys/module/smbsign/parameters/cmac_impl
	counted -p "cmac_impl=$impl: " af_vectors cmac cmac-aes-smbsign
done
echo fastest >/sys/module/smbsign/parameters/cmac_impl
counted af_vectors cmac 'cmac(aes)'
counted af_alg badkeys cmac-aes-smbsign

# The same for gmac(aes) (data = nonce || message), then a short nonce.
impls=$(sed 's/[][]//g' /sys/module/smbsign/parameters/gmac_impl)
echo "  gmac_impl: $(cat /sys/module/smbsign/parameters/gmac_impl)"
simd_listed() { [[ " $impls " == *" generic "* && $(wc -w <<<"$impls") -ge 3 ]]; }
check "gmac_impl lists fastest, generic and a SIMD implementation (the guest has PCLMULQDQ)" simd_listed
for impl in $impls; do
	echo "$impl" >/sys/module/smbsign/parameters/gmac_impl
	check "gmac_impl=$impl reads back as the active choice" \
		grep -qF "[$impl]" /sys/module/smbsign/parameters/gmac_impl
	counted -p "gmac_impl=$impl: " af_vectors gmac gmac-aes-smbsign
done
echo fastest >/sys/module/smbsign/parameters/gmac_impl
counted af_vectors gmac 'gmac(aes)'
counted af_alg badkeys gmac-aes-smbsign
counted af_alg shortnonce gmac-aes-smbsign

# hmac(sha256), with the key cache on (the same key set again is served
# from it: every MAC of af_alg.py sets its key, so each case's splits and
# the keys that repeat hit it) and off (every setkey does the key work).
echo "  hmac_impl: $(cat $params/hmac_impl)"
impls=$(sed 's/[][]//g' $params/hmac_impl)
check "hmac_impl lists fastest, generic and $sha_impl (the guest has them)" \
	test "$impls" = "fastest generic $sha_impl"
check "key_cache defaults to Y" test "$(cat $params/key_cache)" = Y
for impl in $impls; do
	echo "$impl" >$params/hmac_impl
	check "hmac_impl=$impl reads back as the active choice" grep -qF "[$impl]" $params/hmac_impl
	for cache in 1 0; do
		echo "$cache" >$params/key_cache
		tag="hmac_impl=$impl key_cache=$cache"
		counted -p "$tag: " af_vectors hmac hmac-sha256-smbsign
		# Keys of 0..200 bytes, keys one byte apart, messages to 70000
		# bytes in pieces: against Python's hmac.
		counted -p "$tag: " af_alg badkeys hmac-sha256-smbsign
	done
done
echo 1 >$params/key_cache
echo fastest >$params/hmac_impl
check "hmac_impl: 'bogus' refused with EINVAL, unchanged" refused hmac_impl bogus
counted af_vectors hmac 'hmac(sha256)'
# Messages cut into SIMD sections of the smallest size allowed.
check "hmac_fpu_bytes: 511 refused with EINVAL, unchanged" refused hmac_fpu_bytes 511
check "hmac_fpu_bytes: 1048577 refused with EINVAL, unchanged" refused hmac_fpu_bytes 1048577
fpu=$(cat $params/hmac_fpu_bytes)
set_param hmac_fpu_bytes 512
counted -p "hmac_fpu_bytes=512: " af_alg badkeys hmac-sha256-smbsign
set_param hmac_fpu_bytes "$fpu"

# 3b. Invalid writes to every writable sysfs file, refused and harmless.
sysfs_bad_writes

# 3c. The counters grow by exactly the work done (AF_ALG: process
# context, so no fallback), reset alone, and a refused short gmac nonce
# counts nothing.
for d in $loaded_drivers; do
	counted af_alg counters "$d"
done

# 3d. Implementations switched in a loop while 4 processes sign with all
# three drivers, every MAC checked against build/smbsign's answer,
# computed on the host before boot (tests/vm/kernel-tests.sh).
race_cases=build/vm/race-cases.txt
if [ -s "$race_cases" ]; then
	counted af_alg race --procs 4 --seconds 8 "$race_cases"
else
	fail "race: no $race_cases (tests/vm/kernel-tests.sh writes it with build/smbsign before booting)"
fi

# key_cache is a bool parameter: y/n/1/0 and the like, anything else
# EINVAL with the value kept (from N and from Y).
for v in 0:N 1:Y n:N Y:Y off:N on:Y; do
	set_param key_cache "${v%:*}" "${v#*:}"
done
for was in N Y; do
	echo "$was" >$params/key_cache
	for v in 2 x maybe ''; do
		check "key_cache=$was: '$v' refused with EINVAL, still $was" refused key_cache "$v"
	done
done
echo 1 >$params/key_cache

# 4. tcrypt's hash speed test against the driver (a functional check: it
# sets a 16-byte key and hashes 16..8192 bytes in 1..N updates). It always
# fails to load (EAGAIN) by design, so the verdict comes from dmesg.
tcrypt_check() {
	local drv=$1 seen log tests cycles
	seen=$(dmesg | wc -l)
	modprobe tcrypt mode=300 alg="$drv" klen=16 >/dev/null 2>&1
	log=$(dmesg | tail -n +$((seen + 1)))
	tests=$(grep -c 'tcrypt: test *[0-9]* (' <<<"$log")
	cycles=$(grep -c 'cycles/operation' <<<"$log")
	echo "  tcrypt $drv: $tests sizes, $cycles timed"
	tcrypt_ok() {
		[[ $log == *"testing speed of async $drv ($drv)"* ]] &&
			[ "$tests" -gt 0 ] && [ "$tests" -eq "$cycles" ] &&
			! grep -q -e "hashing failed" -e "setkey() failed" -e "failed to load" <<<"$log"
	}
	check "tcrypt mode=300 ran on $drv: $tests sizes, all timed, no failure" tcrypt_ok
}
if modprobe -n -q tcrypt 2>/dev/null; then
	tcrypt_check cmac-aes-smbsign
	tcrypt_check hmac-sha256-smbsign
else
	fail "tcrypt: no tcrypt module in $rel (CONFIG_CRYPTO_BENCHMARK / CONFIG_CRYPTO_TEST unset)"
fi

# 5. Unloading: refused while a tfm is held, fine after; reload with other
# parameters (priority, algs) and again with the defaults.
counted af_hold_rmmod cmac cmac-aes-smbsign
check "after rmmod, no smbsign driver is left in /proc/crypto" test -z "$(smbsign_drivers)"
check "after rmmod, /sys/kernel/smbsign is gone" test ! -e "$sysfs"
after=$(af_alg resolve 'cmac(aes)')
stock_chosen() { [[ " $after " != *" cmac-aes-smbsign "* && $after == cmac* ]]; }
check "allocating cmac(aes) after rmmod gets a stock driver: $after" stock_chosen
# No stock gmac(aes): the crypto API asks modprobe for crypto-gmac(aes),
# smbsign's alias, and the installed module comes back with its defaults.
after=$(af_alg resolve 'gmac(aes)')
check "allocating gmac(aes) after rmmod autoloads smbsign (alias crypto-gmac(aes)): $after" \
	test "$after" = gmac-aes-smbsign
check "  rmmod smbsign" rmmod smbsign
# The stock hmac(sha256) instantiated above is there: no autoload.
after=$(af_alg resolve 'hmac(sha256)')
hmac_stock_chosen() { [[ " $after " != *" hmac-sha256-smbsign "* && $after == hmac* ]]; }
check "allocating hmac(sha256) after rmmod gets a stock driver: $after" hmac_stock_chosen
check "  ... and smbsign stayed unloaded" not loaded

check "insmod algs=bogus is refused" not insmod "$SMBSIGN_KO" algs=bogus 2>/dev/null
check "  ... and says why in dmesg" dmesg_has "smbsign: algs: unknown algorithm 'bogus'"
check "  ... and leaves nothing loaded" not loaded
check "insmod priority=401 algs=cmac" insmod "$SMBSIGN_KO" priority=401 algs=cmac
check "  algs reads back cmac" test "$(cat /sys/module/smbsign/parameters/algs)" = cmac
check "  /sys/kernel/smbsign/{cmac,gmac,hmac} all present, counters zero" sysfs_present_zero
drv=$(smbsign_drivers)
check "  only cmac-aes-smbsign registered (found: ${drv:-none})" test "$drv" = cmac-aes-smbsign
check "  cmac-aes-smbsign at priority 401, selftest passed" \
	test "$(crypto_field cmac-aes-smbsign priority)/$(crypto_field cmac-aes-smbsign selftest)" = 401/passed
check "  cmac(aes) resolves to cmac-aes-smbsign" test "$(af_alg resolve 'cmac(aes)')" = cmac-aes-smbsign
after=$(af_alg resolve 'hmac(sha256)')
check "  hmac(sha256) resolves to a stock driver: $after" hmac_stock_chosen
counted af_vectors cmac cmac-aes-smbsign
check "rmmod smbsign" rmmod smbsign

check "insmod algs=gmac" insmod "$SMBSIGN_KO" algs=gmac
check "  algs reads back gmac" test "$(cat /sys/module/smbsign/parameters/algs)" = gmac
check "  /sys/kernel/smbsign/{cmac,gmac,hmac} all present, counters zero" sysfs_present_zero
drv=$(smbsign_drivers)
check "  only gmac-aes-smbsign registered (found: ${drv:-none})" test "$drv" = gmac-aes-smbsign
check "  gmac-aes-smbsign at priority $prio, selftest passed" \
	test "$(crypto_field gmac-aes-smbsign priority)/$(crypto_field gmac-aes-smbsign selftest)" = "$prio/passed"
check "  gmac(aes) resolves to gmac-aes-smbsign" test "$(af_alg resolve 'gmac(aes)')" = gmac-aes-smbsign
after=$(af_alg resolve 'cmac(aes)')
check "  cmac(aes) resolves to a stock driver: $after" stock_chosen
counted af_vectors gmac gmac-aes-smbsign
counted af_hold_rmmod gmac gmac-aes-smbsign

check "insmod algs=hmac key_cache=0" insmod "$SMBSIGN_KO" algs=hmac key_cache=0
check "  algs reads back hmac" test "$(cat $params/algs)" = hmac
check "  /sys/kernel/smbsign/{cmac,gmac,hmac} all present, counters zero" sysfs_present_zero
check "  key_cache reads back N" test "$(cat $params/key_cache)" = N
drv=$(smbsign_drivers)
check "  only hmac-sha256-smbsign registered (found: ${drv:-none})" test "$drv" = hmac-sha256-smbsign
check "  hmac-sha256-smbsign at priority $prio, selftest passed" \
	test "$(crypto_field hmac-sha256-smbsign priority)/$(crypto_field hmac-sha256-smbsign selftest)" = "$prio/passed"
check "  hmac(sha256) resolves to hmac-sha256-smbsign" \
	test "$(af_alg resolve 'hmac(sha256)')" = hmac-sha256-smbsign
after=$(af_alg resolve 'cmac(aes)')
check "  cmac(aes) resolves to a stock driver: $after" stock_chosen
counted af_vectors hmac hmac-sha256-smbsign
counted af_hold_rmmod hmac hmac-sha256-smbsign

# bench_on_load=0: no benchmark, so bench/ stays empty and fastest
# stands for the widest implementation the CPU runs.
mark=$(dmesg | wc -l)
check "insmod bench_on_load=0" insmod "$SMBSIGN_KO" bench_on_load=0
check "  bench_on_load reads back N" test "$(cat $params/bench_on_load)" = N
check "  /sys/kernel/smbsign/{cmac,gmac,hmac} all present, counters zero" sysfs_present_zero
for a in $algs3; do
	check "  $a/bench/ is empty" bench_empty "$a"
	check "  $a/fastest: '$(cat "$sysfs/$a/fastest")', the widest of '$(impl_names "$a" | words)'" \
		test "$(cat "$sysfs/$a/fastest")" = "$(widest "$a")"
	check "  $a/impl is $a/fastest" impl_is_fastest "$a"
	check "  no $a benchmark line in dmesg" no_bench_line "$a" "$mark"
done
counted af_vectors cmac 'cmac(aes)'
check "rmmod smbsign" rmmod smbsign

mark=$(dmesg | wc -l)
check "modprobe smbsign (installed module, defaults)" modprobe smbsign
check "  /sys/kernel/smbsign/{cmac,gmac,hmac} all present, counters zero" sysfs_present_zero
for a in $algs3; do
	check "  $a/bench/: one file per implementation listed ($(bench_summary "$a")), fastest $(cat "$sysfs/$a/fastest") the highest" \
		bench_won "$a"
	check "  a $a benchmark line in dmesg for this load" has_bench_line "$a" "$mark"
done
drv=$(smbsign_drivers)
check "  the default algs' $default_drivers back (found: ${drv:-none})" test "$drv" = "$default_drivers"
for d in $default_drivers; do
	check "  $d back at priority $prio" test "$(crypto_field "$d" priority)" = "$prio"
done
check "  key_cache back to Y" test "$(cat $params/key_cache)" = Y
for d in $default_drivers; do
	counted af_vectors "${d%%-*}" "$d"
done
# arm64: cmac(aes) and hmac(sha256) stay with the stock CE drivers.
if [[ " $default_drivers " != *" cmac-aes-smbsign "* ]]; then
	after=$(af_alg resolve 'cmac(aes)')
	check "  cmac(aes) resolves to a stock driver: $after" stock_chosen
fi
if [[ " $default_drivers " != *" hmac-sha256-smbsign "* ]]; then
	after=$(af_alg resolve 'hmac(sha256)')
	check "  hmac(sha256) resolves to a stock driver: $after" hmac_stock_chosen
fi
check "rmmod smbsign" rmmod smbsign

check "dmesg has no warning, oops or lockdep report" dmesg_clean
finish
