#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel-side checks of smbsign in a tests/vm guest, run by
# tests/vm/kernel-tests.sh with the repository shared at /mnt/share (the
# working directory) and smbsign loaded with its defaults:
#
#   tests/vm/guest/kernel-tests.sh          drivers, AF_ALG, tcrypt, unload
#                                           (cmac(aes), gmac(aes) and
#                                           hmac(sha256)), key_cache
#   tests/vm/guest/kernel-tests.sh --fips   the same guest booted with fips=1
#
# One line per check ("ok ..." / "FAIL ..."), then
# "kernel tests <release>: N passed, N failed"; exit 1 if any failed.
# The helpers below are called through check, which shellcheck cannot see.
# shellcheck disable=SC2317
set -uo pipefail
# count_af_alg runs at the end of pipelines and must count in this shell.
shopt -s lastpipe
export PYTHONDONTWRITEBYTECODE=1

rel=$(uname -r)
# shellcheck source=tests/vm/check-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../check-lib.sh"
finish() {
	summary "kernel tests $rel"
	exit
}

af_alg() { python3 tools/af_alg.py "$@"; }
# Every check that af_alg.py prints counts as one of ours.
count_af_alg() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) fail "${line#FAIL }" ;;
		*) echo "$line" ;;
		esac
	done
}
vectors() { python3 tests/vectors.py "$@"; }
# What the default algs register in the guest (its CPU, QEMU's -cpu max,
# has AES-NI, PCLMULQDQ and SHA-NI), in smbsign_drivers' order.
default_drivers="cmac-aes-smbsign gmac-aes-smbsign hmac-sha256-smbsign"
params=/sys/module/smbsign/parameters

# Field $2 of /proc/crypto's entry for driver $1 (empty if none).
crypto_field() {
	awk -v d="$1" -v f="$2" -F' *: ' '
		$1 == "driver" { cur = $2 }
		$1 == f && cur == d { print $2; exit }' /proc/crypto
}
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

if [ "${1:-}" = --fips ]; then
	check "smbsign is loaded" loaded
	if [ "$(cat /proc/sys/crypto/fips_enabled 2>/dev/null)" = 1 ]; then
		drv=$(smbsign_drivers)
		check "fips=1: no smbsign driver in /proc/crypto (found: ${drv:-none})" test -z "$drv"
		lines=$(dmesg | grep 'smbsign: ' | grep -v -e 'taints kernel' -e 'module verification failed')
		printf '  dmesg: %s\n' "$lines"
		check "fips=1: smbsign says why in exactly one dmesg line" \
			test "$(printf '%s\n' "$lines" | grep -c .)" -eq 1 -a -n "$(printf '%s' "$lines" | grep -i fips)"
	else
		# Without CONFIG_CRYPTO_FIPS the kernel ignores fips=1 (no
		# /proc/sys/crypto/fips_enabled) and smbsign must behave as usual.
		echo "  $rel is built without CONFIG_CRYPTO_FIPS: fips=1 is ignored by the kernel"
		drv=$(smbsign_drivers)
		check "no FIPS mode: $default_drivers registered as usual (found: ${drv:-none})" \
			test "$drv" = "$default_drivers"
	fi
	check "dmesg has no warning, oops or lockdep report" dmesg_clean
	finish
fi

# 1. Loaded, with the stock accelerated drivers loaded first (guest-init).
check "smbsign is loaded" loaded
for m in aesni_intel cmac; do
	check "stock $m present (module or built in)" test -d "/sys/module/$m"
done
prio=$(cat /sys/module/smbsign/parameters/priority)
drv=$(smbsign_drivers)
check "smbsign drivers with the default algs: $default_drivers (found: ${drv:-none})" \
	test "$drv" = "$default_drivers"

# 2. /proc/crypto: every stock cmac(aes) there is, instantiated, ranked below.
stock=$(af_alg instantiate 'cmac(aes-aesni)' 'cmac(aes-generic)' cmac-aes-lib | tr '\n' ' ')
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
# "selftest: passed". The vectors below are the real test.
check "gmac-aes-smbsign: selftest passed (testmgr has no gmac(aes) test: nothing failed)" \
	test "$(crypto_field gmac-aes-smbsign selftest)" = passed
check "  ... and the kernel said it had no test for it" \
	dmesg_has "alg: No test for gmac(aes) (gmac-aes-smbsign)"
check "gmac-aes-smbsign: priority $prio (the priority parameter)" \
	test "$(crypto_field gmac-aes-smbsign priority)" = "$prio"
check "gmac-aes-smbsign: digestsize 16" test "$(crypto_field gmac-aes-smbsign digestsize)" = 16
check "allocating gmac(aes) by name gets gmac-aes-smbsign" \
	test "$(af_alg resolve 'gmac(aes)')" = gmac-aes-smbsign

# hmac(sha256): smbsign registers it only on a CPU with SHA-NI (elsewhere
# the stock driver is as fast). The stock ones: the hmac template over
# sha256_ssse3's drivers (6.1, 6.12), or 7.x's hmac-sha256-lib.
check "the guest CPU has SHA-NI (sha_ni in /proc/cpuinfo)" grep -qw sha_ni /proc/cpuinfo
if modprobe -n -q sha256_ssse3 2>/dev/null; then
	check "stock sha256_ssse3 present (module or built in)" test -d /sys/module/sha256_ssse3
fi
stock=$(af_alg instantiate 'hmac(sha256-ni)' 'hmac(sha256-avx2)' 'hmac(sha256-generic)' \
	hmac-sha256-lib | tr '\n' ' ')
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
	vectors | af_alg vectors cmac-aes-smbsign | sed "s/^\(ok\|FAIL\) /&cmac_impl=$impl: /" | count_af_alg
done
echo fastest >/sys/module/smbsign/parameters/cmac_impl
vectors | af_alg vectors 'cmac(aes)' | count_af_alg
af_alg badkeys cmac-aes-smbsign | count_af_alg

# The same for gmac(aes) (data = nonce || message), then a short nonce.
impls=$(sed 's/[][]//g' /sys/module/smbsign/parameters/gmac_impl)
echo "  gmac_impl: $(cat /sys/module/smbsign/parameters/gmac_impl)"
simd_listed() { [[ " $impls " == *" generic "* && $(wc -w <<<"$impls") -ge 3 ]]; }
check "gmac_impl lists fastest, generic and a SIMD implementation (the guest has PCLMULQDQ)" simd_listed
for impl in $impls; do
	echo "$impl" >/sys/module/smbsign/parameters/gmac_impl
	check "gmac_impl=$impl reads back as the active choice" \
		grep -qF "[$impl]" /sys/module/smbsign/parameters/gmac_impl
	vectors --alg gmac | af_alg vectors gmac-aes-smbsign | sed "s/^\(ok\|FAIL\) /&gmac_impl=$impl: /" | count_af_alg
done
echo fastest >/sys/module/smbsign/parameters/gmac_impl
vectors --alg gmac | af_alg vectors 'gmac(aes)' | count_af_alg
af_alg badkeys gmac-aes-smbsign | count_af_alg
af_alg shortnonce gmac-aes-smbsign | count_af_alg

# hmac(sha256), with the key cache on (the same key set again is served
# from it: every MAC of af_alg.py sets its key, so each case's splits and
# the keys that repeat hit it) and off (every setkey does the key work).
echo "  hmac_impl: $(cat $params/hmac_impl)"
impls=$(sed 's/[][]//g' $params/hmac_impl)
check "hmac_impl lists fastest, generic and shani (the guest has SHA-NI)" test "$impls" = "fastest generic shani"
check "key_cache defaults to Y" test "$(cat $params/key_cache)" = Y
for impl in $impls; do
	echo "$impl" >$params/hmac_impl
	check "hmac_impl=$impl reads back as the active choice" grep -qF "[$impl]" $params/hmac_impl
	for cache in 1 0; do
		echo "$cache" >$params/key_cache
		tag="hmac_impl=$impl key_cache=$cache"
		vectors --alg hmac | af_alg vectors hmac-sha256-smbsign | sed "s/^\(ok\|FAIL\) /&$tag: /" | count_af_alg
		# Keys of 0..200 bytes, keys one byte apart, messages to 70000
		# bytes in pieces: against Python's hmac.
		af_alg badkeys hmac-sha256-smbsign | sed "s/^\(ok\|FAIL\) /&$tag: /" | count_af_alg
	done
done
echo 1 >$params/key_cache
echo fastest >$params/hmac_impl
check "hmac_impl: 'bogus' refused with EINVAL, unchanged" refused hmac_impl bogus
vectors --alg hmac | af_alg vectors 'hmac(sha256)' | count_af_alg
# Messages cut into SIMD sections of the smallest size allowed.
check "hmac_fpu_bytes: 511 refused with EINVAL, unchanged" refused hmac_fpu_bytes 511
check "hmac_fpu_bytes: 1048577 refused with EINVAL, unchanged" refused hmac_fpu_bytes 1048577
fpu=$(cat $params/hmac_fpu_bytes)
set_param hmac_fpu_bytes 512
af_alg badkeys hmac-sha256-smbsign | sed "s/^\(ok\|FAIL\) /&hmac_fpu_bytes=512: /" | count_af_alg
set_param hmac_fpu_bytes "$fpu"

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
vectors | af_alg hold-rmmod cmac-aes-smbsign smbsign | count_af_alg
check "after rmmod, no smbsign driver is left in /proc/crypto" test -z "$(smbsign_drivers)"
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
drv=$(smbsign_drivers)
check "  only cmac-aes-smbsign registered (found: ${drv:-none})" test "$drv" = cmac-aes-smbsign
check "  cmac-aes-smbsign at priority 401, selftest passed" \
	test "$(crypto_field cmac-aes-smbsign priority)/$(crypto_field cmac-aes-smbsign selftest)" = 401/passed
check "  cmac(aes) resolves to cmac-aes-smbsign" test "$(af_alg resolve 'cmac(aes)')" = cmac-aes-smbsign
after=$(af_alg resolve 'hmac(sha256)')
check "  hmac(sha256) resolves to a stock driver: $after" hmac_stock_chosen
vectors | af_alg vectors cmac-aes-smbsign | count_af_alg
check "rmmod smbsign" rmmod smbsign

check "insmod algs=gmac" insmod "$SMBSIGN_KO" algs=gmac
check "  algs reads back gmac" test "$(cat /sys/module/smbsign/parameters/algs)" = gmac
drv=$(smbsign_drivers)
check "  only gmac-aes-smbsign registered (found: ${drv:-none})" test "$drv" = gmac-aes-smbsign
check "  gmac-aes-smbsign at priority $prio, selftest passed" \
	test "$(crypto_field gmac-aes-smbsign priority)/$(crypto_field gmac-aes-smbsign selftest)" = "$prio/passed"
check "  gmac(aes) resolves to gmac-aes-smbsign" test "$(af_alg resolve 'gmac(aes)')" = gmac-aes-smbsign
after=$(af_alg resolve 'cmac(aes)')
check "  cmac(aes) resolves to a stock driver: $after" stock_chosen
vectors --alg gmac | af_alg vectors gmac-aes-smbsign | count_af_alg
vectors --alg gmac | af_alg hold-rmmod gmac-aes-smbsign smbsign | count_af_alg

check "insmod algs=hmac key_cache=0" insmod "$SMBSIGN_KO" algs=hmac key_cache=0
check "  algs reads back hmac" test "$(cat $params/algs)" = hmac
check "  key_cache reads back N" test "$(cat $params/key_cache)" = N
drv=$(smbsign_drivers)
check "  only hmac-sha256-smbsign registered (found: ${drv:-none})" test "$drv" = hmac-sha256-smbsign
check "  hmac-sha256-smbsign at priority $prio, selftest passed" \
	test "$(crypto_field hmac-sha256-smbsign priority)/$(crypto_field hmac-sha256-smbsign selftest)" = "$prio/passed"
check "  hmac(sha256) resolves to hmac-sha256-smbsign" \
	test "$(af_alg resolve 'hmac(sha256)')" = hmac-sha256-smbsign
after=$(af_alg resolve 'cmac(aes)')
check "  cmac(aes) resolves to a stock driver: $after" stock_chosen
vectors --alg hmac | af_alg vectors hmac-sha256-smbsign | count_af_alg
vectors --alg hmac | af_alg hold-rmmod hmac-sha256-smbsign smbsign | count_af_alg

check "modprobe smbsign (installed module, defaults)" modprobe smbsign
drv=$(smbsign_drivers)
check "  $default_drivers back (found: ${drv:-none})" test "$drv" = "$default_drivers"
check "  cmac-aes-smbsign back at priority $prio" test "$(crypto_field cmac-aes-smbsign priority)" = "$prio"
check "  gmac-aes-smbsign back at priority $prio" test "$(crypto_field gmac-aes-smbsign priority)" = "$prio"
check "  hmac-sha256-smbsign back at priority $prio" test "$(crypto_field hmac-sha256-smbsign priority)" = "$prio"
check "  key_cache back to Y" test "$(cat $params/key_cache)" = Y
vectors | af_alg vectors cmac-aes-smbsign | count_af_alg
vectors --alg gmac | af_alg vectors gmac-aes-smbsign | count_af_alg
vectors --alg hmac | af_alg vectors hmac-sha256-smbsign | count_af_alg
check "rmmod smbsign" rmmod smbsign

check "dmesg has no warning, oops or lockdep report" dmesg_clean
finish
