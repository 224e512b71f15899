#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel-side checks of smbsign in a tests/vm guest, run by
# tests/vm/kernel-tests.sh with the repository shared at /mnt/share (the
# working directory) and smbsign loaded with its defaults:
#
#   tests/vm/guest/kernel-tests.sh          drivers, AF_ALG, tcrypt, unload
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
vectors() { python3 tests/vectors.py; }

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
		check "no FIPS mode: cmac-aes-smbsign registered as usual" \
			test "$(smbsign_drivers)" = cmac-aes-smbsign
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
check "smbsign drivers with the default algs: cmac-aes-smbsign" \
	test "$(smbsign_drivers)" = cmac-aes-smbsign

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
top=$(drivers_of 'cmac(aes)' | head -n 2)
check "cmac-aes-smbsign ranks first, strictly above the stock drivers" \
	test "$(echo "$top" | head -n 1 | cut -d' ' -f2)" = cmac-aes-smbsign -a \
	"$(echo "$top" | sed -n 1p | cut -d' ' -f1)" -gt "$(echo "$top" | sed -n 2p | cut -d' ' -f1)"
check "allocating cmac(aes) by name gets cmac-aes-smbsign" \
	test "$(af_alg resolve 'cmac(aes)')" = cmac-aes-smbsign

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

# 4. tcrypt's hash speed test against the driver (a functional check: it
# sets a 16-byte key and hashes 16..8192 bytes in 1..N updates). It always
# fails to load (EAGAIN) by design, so the verdict comes from dmesg.
if modprobe -n -q tcrypt 2>/dev/null; then
	seen=$(dmesg | wc -l)
	modprobe tcrypt mode=300 alg=cmac-aes-smbsign klen=16 >/dev/null 2>&1
	log=$(dmesg | tail -n +$((seen + 1)))
	tests=$(grep -c 'tcrypt: test *[0-9]* (' <<<"$log")
	cycles=$(grep -c 'cycles/operation' <<<"$log")
	echo "  tcrypt: $tests sizes, $cycles timed"
	tcrypt_ok() {
		[[ $log == *"testing speed of async cmac-aes-smbsign (cmac-aes-smbsign)"* ]] &&
			[ "$tests" -gt 0 ] && [ "$tests" -eq "$cycles" ] &&
			! grep -q -e "hashing failed" -e "setkey() failed" -e "failed to load" <<<"$log"
	}
	check "tcrypt mode=300 ran on cmac-aes-smbsign: $tests sizes, all timed, no failure" tcrypt_ok
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

check "insmod algs=bogus is refused" not insmod "$SMBSIGN_KO" algs=bogus 2>/dev/null
check "  ... and says why in dmesg" dmesg_has "smbsign: algs: unknown algorithm 'bogus'"
check "  ... and leaves nothing loaded" not loaded
check "insmod priority=401 algs=cmac" insmod "$SMBSIGN_KO" priority=401 algs=cmac
check "  algs reads back cmac" test "$(cat /sys/module/smbsign/parameters/algs)" = cmac
check "  cmac-aes-smbsign at priority 401, selftest passed" \
	test "$(crypto_field cmac-aes-smbsign priority)/$(crypto_field cmac-aes-smbsign selftest)" = 401/passed
check "  cmac(aes) resolves to cmac-aes-smbsign" test "$(af_alg resolve 'cmac(aes)')" = cmac-aes-smbsign
vectors | af_alg vectors cmac-aes-smbsign | count_af_alg
check "rmmod smbsign" rmmod smbsign
check "modprobe smbsign (installed module, defaults)" modprobe smbsign
check "  cmac-aes-smbsign back at priority $prio" test "$(crypto_field cmac-aes-smbsign priority)" = "$prio"
vectors | af_alg vectors cmac-aes-smbsign | count_af_alg
check "rmmod smbsign" rmmod smbsign

check "dmesg has no warning, oops or lockdep report" dmesg_clean
finish
