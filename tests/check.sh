#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test smbsign has, each counted once as passed or failed,
# closing with the line "N passed, N failed". Installs what it needs with apt
# when run as root (CI runs it on a fresh Debian 12 machine). Kernel-side
# steps cache their downloads and builds in ${SMBSIGN_CACHE:-/var/cache/smbsign}.
#
# Groups: userspace, arm64 (the userspace cross-built, under qemu-aarch64),
# bochs (AVX-512 code on an emulated CPU), kunit, style, modules, vm (the
# QEMU guests).
# SMBSIGN_CHECK_SKIP="kunit vm" leaves groups out, SMBSIGN_CHECK_ONLY="vm"
# runs only those (for quick local runs; CI runs everything).
#
# SMBSIGN_CHECK_FULL=1 (make check-full, run before each release): the same
# groups at a size that does not fit CI's time budget: the OpenSSL
# differentials with ten times the cases, the emulated AVX-512 CPU with
# ten times the cases, the end-to-end SMB scenario with 128 MiB files, and
# smbtorture against the stock and the patched ksmbd.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

passed=0
failed=0
failures=()
skip=" ${SMBSIGN_CHECK_SKIP:-} "
log_dir=build/check-logs
mkdir -p "$log_dir"

# run NAME CMD...: one test; its output goes to the console and a log.
run() {
	local name=$1 log start rc
	shift
	log="$log_dir/$(tr -c 'a-zA-Z0-9._-' '_' <<<"$name").log"
	start=$(date +%s)
	echo "=== $name"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "--- PASS $name ($(($(date +%s) - start)) s)"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "--- FAIL $name (exit $rc; log $log)"
	fi
}

only=" ${SMBSIGN_CHECK_ONLY:-userspace arm64 bochs kunit style modules vm} "
want() { [[ "$skip" != *" $1 "* && "$only" == *" $1 "* ]]; }
# The differentials' cases: x10 for check-full.
scale=1
[ "${SMBSIGN_CHECK_FULL:-0}" = 0 ] || scale=10
cmac_cases=$((100000 * scale)) gmac_cases=$((50000 * scale)) hmac_cases=$((40000 * scale))
smb_cases=$((20000 * scale))
export SMBSIGN_BOCHS_CASES=$((1000 * scale))
[ "$scale" -eq 1 ] || export E2E_MIB=128 E2E_TIMEOUT=1800

run "install userspace build dependencies" bash scripts/install-deps.sh
# Userspace: the crypto/ cores as the tool and the tests build them.
if want userspace; then
	run "build tools (build/smbsign)" make -s tools
	run "build test programs (plain, ASan+UBSan)" make -s test-progs
	run "kunit/cmac_vectors.h matches tests/vectors" \
		bash -c 'python3 tests/vectors.py --kunit-header | cmp - kunit/cmac_vectors.h'
	run "cmac known answers, every implementation" \
		bash -c 'python3 tests/vectors.py | build/tests/cmac_kat'
	run "cmac known answers (ASan+UBSan)" \
		bash -c 'python3 tests/vectors.py | build/san/cmac_kat'
	run "cmac vs OpenSSL, $cmac_cases random cases" build/tests/cmac_diff "$cmac_cases"
	run "cmac vs OpenSSL, $cmac_cases random cases (ASan+UBSan)" build/san/cmac_diff "$cmac_cases" 0x5a5a
	run "kunit/gmac_vectors.h matches tests/vectors" \
		bash -c 'python3 tests/vectors.py --alg gmac --kunit-header | cmp - kunit/gmac_vectors.h'
	run "gmac known answers, every implementation" \
		bash -c 'python3 tests/vectors.py --alg gmac | build/tests/gmac_kat'
	run "gmac known answers (ASan+UBSan)" \
		bash -c 'python3 tests/vectors.py --alg gmac | build/san/gmac_kat'
	run "gmac vs OpenSSL, $gmac_cases random cases" build/tests/gmac_diff "$gmac_cases"
	run "gmac vs OpenSSL, $gmac_cases random cases (ASan+UBSan)" build/san/gmac_diff "$gmac_cases" 0x5a5a
	run "kunit/hmac_vectors.h matches tests/vectors" \
		bash -c 'python3 tests/vectors.py --alg hmac --kunit-header | cmp - kunit/hmac_vectors.h'
	run "hmac known answers, every implementation" \
		bash -c 'python3 tests/vectors.py --alg hmac | build/tests/hmac_kat'
	run "hmac known answers (ASan+UBSan)" \
		bash -c 'python3 tests/vectors.py --alg hmac | build/san/hmac_kat'
	run "hmac vs OpenSSL, $hmac_cases random cases" build/tests/hmac_diff "$hmac_cases"
	run "hmac vs OpenSSL, $hmac_cases random cases (ASan+UBSan)" build/san/hmac_diff "$hmac_cases" 0x5a5a
	run "kunit/smb_vectors.h matches tests/vectors" \
		bash -c 'python3 tests/vectors.py --alg smb --kunit-header | cmp - kunit/smb_vectors.h'
	run "SMB signing and key derivation known answers, every implementation" \
		bash -c 'python3 tests/vectors.py --alg smb | build/tests/smb_kat'
	run "SMB signing and key derivation known answers (ASan+UBSan)" \
		bash -c 'python3 tests/vectors.py --alg smb | build/san/smb_kat'
	run "SMB signing and KDF vs OpenSSL, $smb_cases random PDUs" build/tests/smb2_diff "$smb_cases"
	run "SMB signing and KDF vs OpenSSL, $smb_cases random PDUs (ASan+UBSan)" \
		build/san/smb2_diff "$smb_cases" 0x5a5a
	run "smbsign command line" bash tests/cli_test.sh
	run "NTLMv2 key helper on Microsoft's example" python3 tests/smb_capture_keys.py --self-test
	run "smbsign verify --pcap on captured Samba and ksmbd sessions, bit flips" \
		python3 tests/pcap_verify_test.py build/smbsign
fi

# arm64: the same cores and tests cross-built, run under qemu-aarch64 -cpu max
# (AES, PMULL, SHA2), against the arm64 build of OpenSSL; a quarter of the
# native differential cases (emulation is ~50x slower), every 16th of the
# pcap test's bit flips (each run starts QEMU). QEMU is exact about results
# and says nothing about speed: bench only has to run.
if want arm64; then
	a64=(scripts/arm64-user.sh run)
	run "arm64: cross-build tools and test programs" make -s tools-arm64 test-progs-arm64
	# shellcheck disable=SC2016 # the inner shell expands it
	run "arm64: qemu-aarch64 -cpu max runs aes-ce, pmull and sha2-ce" bash -c '
		impls=$(scripts/arm64-user.sh run build/arm64/smbsign impls) || exit 1
		echo "$impls"
		[ "$impls" = "$(printf "cmac: generic aes-ce\ngmac: generic pmull\nhmac: generic sha2-ce")" ]'
	for alg in cmac gmac hmac smb; do
		run "arm64: $alg known answers, every implementation" \
			bash -c "python3 tests/vectors.py --alg $alg | ${a64[*]} build/arm64/tests/${alg}_kat"
	done
	run "arm64: cmac vs OpenSSL, $((cmac_cases / 4)) random cases" \
		"${a64[@]}" build/arm64/tests/cmac_diff $((cmac_cases / 4))
	run "arm64: gmac vs OpenSSL, $((gmac_cases / 4)) random cases" \
		"${a64[@]}" build/arm64/tests/gmac_diff $((gmac_cases / 4))
	run "arm64: hmac vs OpenSSL, $((hmac_cases / 4)) random cases" \
		"${a64[@]}" build/arm64/tests/hmac_diff $((hmac_cases / 4))
	run "arm64: SMB signing and KDF vs OpenSSL, $((smb_cases / 4)) random PDUs" \
		"${a64[@]}" build/arm64/tests/smb2_diff $((smb_cases / 4))
	run "arm64: smbsign command line" \
		env SMBSIGN_BIN=build/arm64/smbsign-qemu SMBSIGN_ARCH=arm64 bash tests/cli_test.sh
	run "arm64: smbsign verify --pcap on the captures, every 16th bit flip" \
		python3 tests/pcap_verify_test.py build/arm64/smbsign-qemu 16
fi

# vpclmul-avx512 needs AVX-512, which neither this host's CPU nor QEMU's TCG
# has: Bochs emulates a CPU that does (tests/bochs/).
if want bochs; then
	run "gmac vpclmul-avx512 on an emulated AVX-512 CPU (Bochs)" \
		bash tests/bochs/avx512-tests.sh
fi

# Kernel: KUnit on UML (host SIMD natively) and x86_64 (QEMU, real FPU
# sections), then the module against Debian's three kernels.
if want kunit; then
	run "kunit um (kernel 7.2)" bash scripts/kunit.sh um
	run "kunit x86_64 under QEMU (kernel 7.2)" bash scripts/kunit.sh x86_64
	run "kunit arm64 under QEMU (kernel 7.2)" bash scripts/kunit.sh arm64
fi
if want style; then
	run "checkpatch --strict (kernel 7.2's)" bash scripts/checkpatch.sh
	run "shellcheck" bash scripts/shellcheck.sh
fi
if want modules; then
	for k in 6.1 6.12 7.2; do
		run "module build, W=1, Debian $k" bash scripts/build-module.sh "$k"
	done
	for k in 6.1 6.12 7.2; do
		run "module build, W=1, Debian $k arm64" bash scripts/build-module.sh "$k" arm64
	done
fi

# The module in Debian's real kernels, under QEMU TCG (tests/vm/run): the
# runner's own contract, then per kernel the kernel-side checks (AF_ALG
# vectors, tcrypt, unload, fips=1) and SMB signing end to end; the patched
# ksmbd in 6.12 and 7.2.
if want vm; then
	run "guest runner self-test (6.1)" bash tests/vm/selftest.sh 6.1
	for k in 6.1 6.12 7.2; do
		run "kernel tests, Debian $k guest" bash tests/vm/kernel-tests.sh "$k"
		run "SMB signing end to end, Debian $k guest" bash tests/vm/e2e.sh "$k"
	done
	# arm64 guests (qemu-system-aarch64 -M virt -cpu max, about half as
	# fast as the x86-64 ones): the kernel tests and cifs -> ksmbd signed
	# through smbsign's CE code on 6.12; before a release the kernel
	# tests on 7.2 too.
	run "kernel tests, Debian 6.12 arm64 guest" bash tests/vm/kernel-tests.sh 6.12 arm64
	run "SMB signing end to end (cifs <-> ksmbd), Debian 6.12 arm64 guest" \
		bash tests/vm/e2e.sh --arch arm64 6.12
	if [ "$scale" -ne 1 ]; then
		run "kernel tests, Debian 7.2 arm64 guest" bash tests/vm/kernel-tests.sh 7.2 arm64
	fi
	# The patched ksmbd (smb/ksmbd/): GMAC, CMAC and HMAC sessions in the
	# two kernels it is made for, then the guards of its installation.
	for k in 6.12 7.2; do
		run "patched ksmbd signs through smbsign, Debian $k guest" bash tests/vm/ksmbd-gmac.sh "$k"
	done
	run "make install-ksmbd / uninstall-ksmbd, staged, and their refusals" bash tests/ksmbd_install_test.sh
	# Samba's smbtorture against the stock and the patched ksmbd: ~25
	# minutes per kernel, so before a release only.
	if [ "$scale" -ne 1 ]; then
		for k in 6.12 7.2; do
			run "smbtorture: the patched ksmbd passes what the stock one does, Debian $k" \
				bash tests/vm/ksmbd-torture.sh "$k"
		done
	fi
	run "make install (softdeps) and make load, Debian 6.1 guest" bash tests/vm/install-load.sh
	run "make demo (Debian 6.12 guest)" make -s demo
fi

echo
for f in "${failures[@]}"; do
	echo "failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
