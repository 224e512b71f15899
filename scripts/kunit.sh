#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh [um|x86_64|arm64|all] [extra kunit.py args] -- run smbsign's KUnit suite
# with the kernel's own tools/testing/kunit/kunit.py, in Debian's 7.2 sources.
#
#   um      (default) User-Mode Linux: a 7.2 kernel built as a host program.
#           Runs the host CPU's SIMD (AES-NI, VAES, SHA-NI...) natively.
#   x86_64  a real x86-64 kernel in QEMU (TCG, -cpu max: AES-NI, PCLMULQDQ,
#           AVX2, VAES, SHA-NI with bookworm-backports' QEMU), 2 vCPUs.
#   arm64   a real arm64 kernel in QEMU (TCG, -M virt -cpu max: AES, PMULL,
#           SHA2), cross-built with the host's aarch64-linux-gnu-gcc, 2 vCPUs.
#           With smbsign.algs=cmac,gmac,hmac on the command line: arm64's
#           default registers gmac only, and the tests use all three.
#   all     um, x86_64, then arm64.
# Anything after the arch goes to `kunit.py run` after this script's own
# options, so it can override them (argparse keeps the last), e.g.
#   scripts/kunit.sh um --timeout=60 'smbsign*'
#   scripts/kunit.sh x86_64 --raw_output=all
#
# Runs as root on a Debian 12 host and installs what it needs with apt (the
# packages only when missing, so a warm run never touches apt). Everything
# lives under ${SMBSIGN_CACHE:-/var/cache/smbsign}:
#   linux-7.2/          the unpacked linux-source-7.2 (from sid), with
#                       drivers/crypto/smbsign -> the sources
#   kunit-um/, kunit-x86_64/, kunit-arm64/   kunit.py's --build_dir (O=), kept so that a
#                       rerun only rebuilds what changed (um ~10 s in all,
#                       x86_64 ~30 s with the guest's boot)
#   kunit-<arch>/kunit.sh.log  kunit.py's output of the last run
#   bin/qemu-system-<arch>     QEMU wrappers without KVM (see below)
# The repository is never written to: drivers/crypto/smbsign is a symlink to
# it, and kbuild puts every object in the build dir.
#
# The kernel is built with the host's gcc-12 (arm64: bookworm's
# gcc-12-aarch64-linux-gnu): 7.2 needs gcc >= 8.1
# (scripts/min-tool-version.sh). kunit.py builds the whole kernel itself,
# scripts and objtool included, so sid's newer glibc and gcc (which an
# external module build against sid's *prebuilt* headers needs, hence
# build-module.sh's chroots) play no part here.
#
# Environment:
#   SMBSIGN_SRC    sources to test (default: this repository); must hold
#                  Kbuild, Kconfig and kunit/.kunitconfig
#   SMBSIGN_CACHE  cache directory (default: /var/cache/smbsign)
#   SMBSIGN_JOBS   make -j (default: 2; the machine is shared)
#
# Prints kunit.py's own output, then one line per arch:
#   kunit <arch>: N passed, N failed
# and exits 1 when a build failed, a test failed or crashed, no result came
# back, or the kernel log holds a warning (lockdep, KASAN, WARN_ON...);
# 2 on a usage error.
set -euo pipefail

prog=kunit
kver=7.2

usage() { # exit status
	echo "usage: $0 [um|x86_64|arm64|all] [kunit.py run arguments...]"
	exit "$1"
}

say() { echo "$prog: $*" >&2; }
die() {
	say "$*"
	exit 1
}

arches=(um)
case "${1:-}" in
um | x86_64 | arm64)
	arches=("$1")
	shift
	;;
all)
	arches=(um x86_64 arm64)
	shift
	;;
-h | --help) usage 0 ;;
"" | -*) ;; # no arch given: um, and the rest are kunit.py arguments
*) usage 2 >&2 ;;
esac

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(realpath -e "${SMBSIGN_SRC:-$script_dir/..}")
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
jobs=${SMBSIGN_JOBS:-2}
tree=$cache/linux-$kver
kunitconfig=$src/kunit/.kunitconfig
export DEBIAN_FRONTEND=noninteractive

if [ ! -f "$src/Kbuild" ] || [ ! -f "$src/Kconfig" ]; then
	die "$src needs a Kbuild and a Kconfig"
fi
[ -f "$kunitconfig" ] || die "$kunitconfig does not exist"

mkdir -p "$cache"
# One kunit run at a time: the source tree and build dirs are shared, and two
# kernel builds at once would starve this 2-core machine anyway.
exec 9>"$cache/.kunit.lock"
if ! flock -n 9; then
	say "another kunit.sh run holds $cache/.kunit.lock; waiting"
	flock 9
fi

# shellcheck source=scripts/cleanup-on-exit.sh
. "$script_dir/cleanup-on-exit.sh"
trap 'exit 130' INT TERM HUP

host_pkgs_log=$cache/.kunit.apt.log
# shellcheck source=scripts/host-pkgs.sh
. "$script_dir/host-pkgs.sh"

# Build tools for a kernel: gcc and libc6-dev also link the UML binary (a
# host program); xz-utils unpacks the source tarball; python3 runs kunit.py.
need_host_pkgs gcc libc6-dev make flex bison bc libelf-dev libssl-dev \
	python3 xz-utils tar

if [[ " ${arches[*]} " == *" x86_64 "* ]]; then
	need_backports_qemu
fi
if [[ " ${arches[*]} " == *" arm64 "* ]]; then
	need_host_pkgs gcc-aarch64-linux-gnu
	need_backports_qemu qemu-system-arm
fi

# 1. Debian's 7.2 source tree, unpacked once. apt-get download needs the sid
# suite visible (apt-suites.sh). The tree is unpacked beside its final place
# and renamed, so it is either absent or complete; the package version it
# came from is kept in .smbsign-source. It is not refreshed when sid moves on:
# delete $tree to take a newer 7.2.y.
if [ ! -f "$tree/.smbsign-source" ]; then
	rm -rf --one-file-system -- "$cache/.linux-$kver".tmp.*
	tmp=$(mktemp -d "$cache/.linux-$kver.tmp.XXXXXX")
	cleanup_paths+=("$tmp")
	apt_suites
	# apt drops to the _apt user to download: let it write here.
	chown _apt "$tmp" 2>/dev/null || true
	say "downloading linux-source-$kver (once)"
	(cd "$tmp" && apt-get download -q "linux-source-$kver") >&2
	deb=$(echo "$tmp"/linux-source-"$kver"_*.deb)
	[ -f "$deb" ] || die "apt-get download linux-source-$kver gave no .deb"
	say "unpacking $(basename "$deb") (once; ~30 s)"
	mkdir "$tmp/tree"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$kver.tar.xz" |
		tar -xJ -C "$tmp/tree" --strip-components=1
	[ -f "$tmp/tree/tools/testing/kunit/kunit.py" ] || die "no kunit.py in $deb"
	dpkg-deb -f "$deb" Package Version >"$tmp/tree/.smbsign-source"
	rm -rf --one-file-system -- "$tree"
	mv -T "$tmp/tree" "$tree"
	cleanup
	cleanup_paths=()
fi

# The host compiler must meet the kernel's minimum (kbuild checks this too,
# but with a message that does not say what to do).
gcc_min=$(cd "$tree" && scripts/min-tool-version.sh gcc)
gcc_have=$(gcc -dumpfullversion)
if [ "$(printf '%s\n' "$gcc_min" "$gcc_have" | sort -V | head -n 1)" != "$gcc_min" ]; then
	die "host gcc $gcc_have is older than $gcc_min, the minimum for Linux $kver"
fi

# 2. smbsign inside the tree: drivers/crypto/smbsign is a symlink to $src,
# so the repository stays the only copy and an edit shows up in the next run.
# kbuild follows the link; with O= it writes every object, .cmd and .a into
# the build dir, never into $src. (Checked on 7.2: an out-of-tree build's
# smbsign_mod.o left in $src, which make's VPATH could find, is not used:
# kbuild reads a target's .cmd only from the build dir, so it recompiles.)
dst=$tree/drivers/crypto/smbsign
if [ ! -L "$dst" ] || [ "$(readlink "$dst")" != "$src" ]; then
	rm -rf --one-file-system -- "$dst"
	ln -s "$src" "$dst"
fi

# Hook it into drivers/crypto (idempotent). The Kconfig line goes after
# "endif # CRYPTO_HW", at the end of the file: smbsign is software, so it
# should not depend on the "Hardware crypto devices" menu. drivers/Makefile
# descends into drivers/crypto/ whenever CONFIG_CRYPTO=y (not only with
# CRYPTO_HW), and the file is sourced inside crypto/Kconfig's "if CRYPTO".
kconfig_line='source "drivers/crypto/smbsign/Kconfig"'
if ! grep -qxF "$kconfig_line" "$tree/drivers/crypto/Kconfig"; then
	printf '\n# smbsign, placed by scripts/kunit.sh\n%s\n' "$kconfig_line" \
		>>"$tree/drivers/crypto/Kconfig"
fi
# shellcheck disable=SC2016 # a make variable, written literally
make_line='obj-$(CONFIG_CRYPTO_SMBSIGN) += smbsign/'
if ! grep -qxF "$make_line" "$tree/drivers/crypto/Makefile"; then
	printf '%s\n' "$make_line" >>"$tree/drivers/crypto/Makefile"
fi

# 3. QEMU without KVM. kunit.py passes "-accel kvm -accel hvf -accel tcg",
# QEMU takes the first that initialises, and KVM initialises here but then
# hangs the guest. The wrapper drops every -accel but tcg. $1: the QEMU
# target (x86_64, aarch64).
make_qemu_wrapper() {
	local w=$cache/bin/qemu-system-$1
	mkdir -p "$cache/bin"
	sed "s|@QEMU@|/usr/bin/qemu-system-$1|" >"$w.tmp" <<'EOF'
#!/bin/bash
# Generated by smbsign's scripts/kunit.sh: kunit.py's QEMU command minus
# "-accel kvm" and "-accel hvf" (KVM hangs on this host), so TCG is used.
args=()
while [ $# -gt 0 ]; do
	if [ "$1" = -accel ] && [ $# -ge 2 ] && [[ $2 != tcg* ]]; then
		shift 2
		continue
	fi
	args+=("$1")
	shift
done
exec @QEMU@ "${args[@]}"
EOF
	chmod 755 "$w.tmp"
	mv -f "$w.tmp" "$w"
}

# 4. Run. kunit/.kunitconfig says what to test; this script adds the checking
# every run should have, whatever that file holds (kunit.py rejects a .config
# that lost a requested option, so each of these is known to survive
# olddefconfig on both arches):
#   CONFIG_EXPERT=y           CRYPTO_SELFTESTS (testmgr) depends on it
#   CONFIG_PREEMPT=y          DEBUG_PREEMPT needs a preemptible kernel; 7.2
#                             defaults to PREEMPT_VOLUNTARY
#   CONFIG_DEBUG_PREEMPT=y    smp_processor_id() & co. in preemptible code
#   CONFIG_DEBUG_ATOMIC_SLEEP=y  sleeping inside kernel_fpu_begin/end
#   CONFIG_PROVE_LOCKING=y    lockdep
#   CONFIG_KASAN=y            generic inline KASAN; UML has it on x86-64
#   CONFIG_FORTIFY_SOURCE=y   bounds of memcpy() & co. into struct fields;
#                             kunit.py turns it on for UML only
#   CONFIG_CRYPTO_SELFTESTS=y, CONFIG_CRYPTO_SELFTESTS_FULL=y  testmgr on
#                             every registered algorithm, also with SIMD
#                             disabled (6.15+ names of the old
#                             CRYPTO_MANAGER_{DISABLE,EXTRA}_TESTS)
# and per arch:
#   x86_64: CONFIG_SMP=y. A minimal x86_64 config leaves SMP off, and smbsign
#   runs on SMP hosts: per-CPU counters and preemption around FPU sections
#   should be exercised as such, on 2 vCPUs (-smp 2). UML SMP stays off, as
#   kunit.py's UML setup has it.
# The cases of kunit/*_kunit.c: smbsign-cmac 10, -gmac 11, -hmac 10,
# -stats 9, -module 4.
expected_cases=53
common_kconfig=(CONFIG_EXPERT=y CONFIG_DEBUG_KERNEL=y CONFIG_PREEMPT=y
	CONFIG_DEBUG_PREEMPT=y CONFIG_DEBUG_ATOMIC_SLEEP=y CONFIG_PROVE_LOCKING=y
	CONFIG_KASAN=y CONFIG_FORTIFY_SOURCE=y CONFIG_CRYPTO_SELFTESTS=y
	CONFIG_CRYPTO_SELFTESTS_FULL=y)
declare -A summary

# A string as a sed regular expression / replacement, with "|" delimiters.
sed_re() { printf '%s' "$1" | sed 's/[][\\.*^$|]/\\&/g'; }
sed_repl() { printf '%s' "$1" | sed 's/[\\&|]/\\&/g'; }

# The first line of a kernel warning or bug report: WARN_ON and friends,
# lockdep, KASAN, UBSAN, "BUG: sleeping function called from invalid
# context", "BUG: using smp_processor_id() in preemptible code", oopses.
# An optional printk timestamp in front.
splat_re='^(\[ *[0-9]+\.[0-9]+\] )?(WARNING:|BUG:|UBSAN:|Oops|Kernel panic|INFO: task .* blocked)'

# count WORD LINE: the number after "WORD: " in kunit.py's summary line, or 0.
count() {
	local n
	n=$(sed -n "s/.* $1: \([0-9]*\).*/\1/p" <<<"$2")
	echo "${n:-0}"
}

run_arch() {
	local arch=$1 bdir=$cache/kunit-$1 log rc=0 line
	shift
	# Set below when the run's only fault is an early-boot kernel report.
	early_splat_only=0
	local args=(run --arch="$arch" --build_dir="$bdir" --kunitconfig="$kunitconfig"
		--jobs="$jobs") o
	for o in "${common_kconfig[@]}"; do
		args+=(--kconfig_add="$o")
	done
	local path=$PATH
	case "$arch" in
	um)
		args+=(--timeout=300)
		;;
	x86_64)
		make_qemu_wrapper x86_64
		path=$cache/bin:$PATH
		# -cpu max: the default qemu64 CPU has no AES-NI. TCG with KASAN
		# and the full crypto self-tests boots in well under a minute;
		# the timeout only catches a hung guest.
		args+=(--kconfig_add=CONFIG_SMP=y --qemu_args='-cpu max -smp 2'
			--timeout=900)
		;;
	arm64)
		make_qemu_wrapper aarch64
		path=$cache/bin:$PATH
		# kunit.py's arm64 QEMU config has -M virt -cpu max; SMP is
		# always on for arm64. Slower to boot under TCG than x86_64.
		# shellcheck disable=SC2054 # one option's value, comma and all
		args+=(--cross_compile=aarch64-linux-gnu- --qemu_args='-smp 2'
			--kernel_args=smbsign.algs=cmac,gmac,hmac --timeout=1500)
		;;
	esac
	mkdir -p "$bdir"
	# The objects of another source dir (SMBSIGN_SRC changed) may be newer
	# than these sources, at the same paths: make would keep them. Drop them.
	if [ "$(cat "$bdir/.smbsign-src" 2>/dev/null || true)" != "$src" ]; then
		rm -rf --one-file-system -- "$bdir/drivers/crypto/smbsign"
		printf '%s\n' "$src" >"$bdir/.smbsign-src"
	fi
	log=$bdir/kunit.sh.log
	# A failed build leaves the previous run's kernel log behind otherwise.
	rm -f "$bdir/test.log"
	say "$arch: kunit.py ${args[*]} $*"
	# nice: the machine is shared. /usr/bin/python3: Debian's, not whatever
	# python3 comes first in PATH. Errors go to the log too.
	# Compiler messages name the file by its path in the tree; show the
	# path in $src instead, which editors and people can open.
	(cd "$tree" && PATH=$path nice -n 10 /usr/bin/python3 \
		tools/testing/kunit/kunit.py "${args[@]}" "$@") 2>&1 |
		sed -u "s|$(sed_re "$dst/")|$(sed_repl "$src/")|g" | tee "$log" || rc=$?

	# "Testing complete. Ran 7 tests: passed: 6, failed: 1" (counts that
	# are zero are left out). Colour codes, if any, stripped first.
	line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" |
		grep -o 'Testing complete\. Ran [0-9]* tests:.*' | tail -n 1 || true)
	local passed failed crashed skipped errors note=''
	passed=$(count passed "$line")
	failed=$(count failed "$line")
	crashed=$(count crashed "$line")
	skipped=$(count skipped "$line")
	errors=$(count errors "$line")
	if [ -z "$line" ]; then
		note="no test results: the build or boot failed; log: $log"
	else
		# Failed counts crashed cases too; say so, and what else happened.
		[ "$crashed" -eq 0 ] || note+="${note:+, }crashed: $crashed"
		[ "$skipped" -eq 0 ] || note+="${note:+, }skipped: $skipped"
		[ "$errors" -eq 0 ] || note+="${note:+, }errors: $errors"
	fi
	# Lockdep, DEBUG_PREEMPT, DEBUG_ATOMIC_SLEEP, FORTIFY_SOURCE and WARN_ON
	# only print a report to the kernel log (kunit.py's test.log); KUnit
	# fails no test for it. A clean run's log has none, so any such report
	# is a bug: show each one's headline with the lines around it (a WARN's
	# message comes just before it on x86_64, just after it on UML), and
	# fail the run.
	local nsplat=0
	if [ -n "$line" ] && [ -f "$bdir/test.log" ]; then
		nsplat=$(grep -a -c -E "$splat_re" "$bdir/test.log" || true)
	fi
	# A report logged before smbsign's first line ("smbsign: ...", from
	# its init, the first of its code to run) cannot be smbsign's. One
	# such is known: under QEMU TCG, 7.2 rarely reports a KASAN
	# wild-memory-access from an interrupt in identify_cpu() during
	# start_kernel (1 run in 4 once, never since). The caller reruns then.
	if [ "$nsplat" -gt 0 ] && [ "$failed" -eq 0 ] && [ "$crashed" -eq 0 ] &&
		[ "$errors" -eq 0 ] && [ "$passed" -gt 0 ]; then
		local first_ours last_splat
		first_ours=$(grep -a -n -m 1 -E '^(\[ *[0-9]+\.[0-9]+\] )?smbsign: ' "$bdir/test.log" |
			cut -d: -f1)
		last_splat=$(grep -a -n -E "$splat_re" "$bdir/test.log" | tail -n 1 | cut -d: -f1)
		[ -z "$first_ours" ] || [ "$last_splat" -ge "$first_ours" ] ||
			early_splat_only=1
	fi
	if [ "$nsplat" -gt 0 ]; then
		echo "$prog $arch: kernel warnings in $bdir/test.log:"
		grep -a -B 1 -A 1 -E "$splat_re" "$bdir/test.log" |
			grep -v -x -e '--' -e '-*\[ cut here \]-*' | sed 's/^/  /' || true
		note+="${note:+; }kernel warnings: $nsplat"
	fi
	# kunit.py exits non-zero on failures already; this also catches a run
	# that passed nothing (e.g. every case skipped, or a filter that
	# matched no test), one that ran fewer cases than the suites have (a
	# suite that did not register, a case list cut short) and kernel
	# warnings. A run given kunit.py arguments (a filter) may run fewer.
	local ran=$((passed + failed + crashed + skipped))
	if [ -n "$line" ] && [ $# -eq 0 ] && [ "$ran" -lt "$expected_cases" ]; then
		note+="${note:+; }only $ran of $expected_cases cases ran"
	fi
	[ -z "$note" ] || note=" ($note)"
	if [ -z "$line" ] || [ "$failed" -ne 0 ] || [ "$crashed" -ne 0 ] ||
		[ "$errors" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$nsplat" -gt 0 ] ||
		{ [ $# -eq 0 ] && [ "$ran" -lt "$expected_cases" ]; }; then
		[ "$rc" -ne 0 ] || rc=1
	fi
	summary[$arch]="kunit $arch: $passed passed, $((failed + crashed)) failed$note"
	return "$rc"
}

status=0
for arch in "${arches[@]}"; do
	run_arch "$arch" "$@" && continue
	if [ "$early_splat_only" = 1 ]; then
		echo "$prog $arch: every test passed and the only kernel report came before smbsign's code first ran (early boot): running once more"
		run_arch "$arch" "$@" && continue
	fi
	status=1
done
for arch in "${arches[@]}"; do
	echo "${summary[$arch]}"
done
exit "$status"
