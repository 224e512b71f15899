#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh KVER [ARCH] -- build smbsign.ko against Debian's kernel
# KVER for ARCH (amd64, the default, or arm64) with W=1 (and sparse, for
# 6.1 amd64) and fail if the build prints a single warning.
#
#   KVER  suite     where it builds
#   6.1   bookworm  amd64: on the (bookworm) host, with the host's gcc-12;
#                   arm64: in an mmdebstrap chroot of bookworm
#   6.12  trixie    in an mmdebstrap chroot of trixie (the +deb13 kernel)
#   7.2   sid       in an mmdebstrap chroot of sid
#
# arm64 is cross-built in the same amd64 chroot: Debian's arm64 header
# packages ship no programs (their scripts/ and tools/ are links into
# linux-kbuild-<version>, Multi-Arch: foreign), so the chroot's amd64
# linux-kbuild of the same version serves, with the suite's cross compiler
# of the version the kernel was built with (gcc-N-aarch64-linux-gnu).
# The arm64 headers package is unpacked, not installed: installing it
# would pull in an arm64 gcc and image (scripts/chroot-arm64-headers.sh).
#
# Why chroots: an external module has to be built with the compiler the
# kernel was built with (kbuild passes that compiler's flags, e.g.
# -fmin-function-alignment, which gcc-12 rejects), and the prebuilt
# objtool/modpost/fixdep in trixie's and sid's linux-kbuild packages need
# their suite's glibc. Only a chroot of the suite gives both.
#
# Runs as root on a Debian 12 host and installs what it needs with apt.
# Everything it downloads or builds lives under
# ${SMBSIGN_CACHE:-/var/cache/smbsign}:
#   chroot/<suite>/           the build chroots (created once, atomically)
#   build/<KVER>/src/         a fresh copy of the sources, built there
#   build/<KVER>/smbsign.ko   the result (removed first, so never stale)
#   build/<KVER>/kernel-release  e.g. 6.1.0-44-amd64, for the QEMU runner
#                             (written once the headers are in place)
#   build/<KVER>/build.log    the full make output
#   build/<KVER>-arm64/       the same for arm64
#   build/.<KVER>.lock        held for the whole run (flock), either arch
# A warm run only re-copies the sources and rebuilds the module. A chroot is
# rebuilt when its suite has published newer kernel headers than the chroot
# holds (so kernel-release keeps naming an image the archive still has), or
# when deleted by hand.
#
# Environment:
#   SMBSIGN_SRC    source tree to build (default: this repository)
#   SMBSIGN_CACHE  cache directory (default: /var/cache/smbsign)
#   SMBSIGN_JOBS   make -j (default: nproc)
#   SMBSIGN_MIRROR Debian mirror for the chroots (default: deb.debian.org)
#
# Prints one line on success:
#   build-module KVER: ok (<kernel release>, <compiler>) -> <path to .ko>
# and exits 0; on a warning or error prints them and exits 1 (2: usage).
set -euo pipefail

prog="build-module"
usage() {
	echo "usage: $0 6.1|6.12|7.2 [amd64|arm64]" >&2
	exit 2
}
[ $# -eq 1 ] || [ $# -eq 2 ] || usage
kver=$1 arch=${2:-amd64}
case "$arch" in
amd64 | arm64) ;;
*) usage ;;
esac
case "$kver" in
6.1) suite=bookworm ;;
6.12) suite=trixie ;;
7.2) suite=sid ;;
*) usage ;;
esac

# The name of this build: KVER, or KVER-arm64.
name=$kver
[ "$arch" = amd64 ] || name=$kver-$arch
say() { echo "$prog $name: $*" >&2; }
die() {
	say "$*"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and creates chroots)"

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(realpath -e "${SMBSIGN_SRC:-$script_dir/..}")
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
jobs=${SMBSIGN_JOBS:-$(nproc)}
mirror=${SMBSIGN_MIRROR:-http://deb.debian.org/debian}
build=$cache/build/$name
log=$build/build.log
export DEBIAN_FRONTEND=noninteractive

mkdir -p "$build" "$cache/chroot"

# One run per KVER at a time: the build dir and the suite's chroot are
# rewritten below. Anything else that reads chroot/<suite> or build/<KVER>
# while this script may run should take the same lock.
exec 9>"$cache/build/.$kver.lock"
flock 9

# Nothing from an earlier run may pass for this run's result if this one
# fails; kernel-release is written again as soon as the headers are known.
rm -f "$build/smbsign.ko" "$build/kernel-release"

# shellcheck source=scripts/cleanup-on-exit.sh
. "$script_dir/cleanup-on-exit.sh"

# Long steps (mmdebstrap, make) run in the background, each in a
# process group of its own, and are waited for: bash defers a trap until a
# foreground child ends, but not a `wait`. On INT/TERM/HUP the whole group
# is stopped (mmdebstrap alone, on TERM, would finish the install first:
# minutes), then the EXIT trap deletes what it was writing. (setsid does not
# fork here: a background job of a shell without job control is no group
# leader, so $! is the new group's id.) Children inherit the lock on fd 9, so
# even after a SIGKILL of this script no other run starts before they end.
child=0
run_child() {
	local rc=0
	setsid "$@" &
	child=$!
	wait "$child" || rc=$?
	child=0
	return "$rc"
}
on_signal() {
	local i
	if [ "$child" -ne 0 ]; then
		kill -TERM -- "-$child" 2>/dev/null || true
		for i in $(seq 1 20); do
			kill -0 -- "-$child" 2>/dev/null || break
			[ "$i" -lt 20 ] || kill -KILL -- "-$child" 2>/dev/null || true
			sleep 0.5
		done
		wait "$child" 2>/dev/null || true
	fi
	exit 130
}
trap on_signal INT TERM HUP

# Show the tail of a setup log when a setup step fails; the log itself stays.
run_logged() {
	local what=$1 out=$2
	shift 2
	if ! run_child "$@" >"$out" 2>&1; then
		tail -n 40 "$out" >&2
		die "$what failed (full log: $out)"
	fi
}

# Host packages (in the foreground, unlike run_logged: a signal then waits
# for apt rather than cutting dpkg off half way).
host_pkgs_log=$cache/build/.$kver.apt.log
# shellcheck source=scripts/host-pkgs.sh
. "$script_dir/host-pkgs.sh"

# Newest version of linux-headers-amd64 that the host's apt lists offer in
# the given suites (extended regex, e.g. 'bookworm(-security|-updates)?'),
# or nothing. apt-suites.sh keeps the host's lists for all four suites.
suite_headers_version() {
	local re=$1 v best=
	while read -r v; do
		if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then
			best=$v
		fi
	done < <(apt-cache madison linux-headers-amd64 |
		awk -F' *[|] *' -v re="^(${re})/main\$" \
			'{ split($3, f, " "); if (f[2] ~ re) print $2 }')
	echo "$best"
}

# Kernel release that linux-headers-amd64 points to: among its dependencies
# is linux-headers-<release> (= version); sid lists linux-base-amd64 first.
# $1: dpkg admin dir.
headers_release() {
	dpkg-query --admindir="$1" -W -f='${Depends}' linux-headers-amd64 |
		sed -n -E 's/(^|.*[ ,])linux-headers-([^ ,]+).*/\2/p'
}

installed_version() { # admindir package
	dpkg-query --admindir="$1" -W -f='${Version}' "$2" 2>/dev/null || true
}

# How the chroot of $suite is made. Written into the chroot
# (/etc/smbsign-chroot) so that a chroot made by an older recipe is rebuilt.
#
# --variant=apt: Essential packages plus apt, nothing else; then only what an
# external module build needs. linux-headers-amd64 pulls in the suite's
# linux-kbuild (fixdep, modpost, objtool) and the gcc-N the kernel was built
# with. W=1 runs kernel-doc (perl; perl-base lacks its Pod::Usage) on every C
# file up to 6.12; 7.x runs kernel-doc (python3) for in-tree code only, so
# sid needs neither.
#
# trixie's linux-headers-<rel> depends on linux-image-<rel>, which drags in
# initramfs-tools (and udev, systemd). Nothing here boots it, so the
# essential hook diverts update-initramfs to /bin/true (saves ~16 s and a
# 36 MB initrd) and dpkg skips the image's modules and vmlinuz (~120 MB); the
# package is still installed as far as dpkg and apt know.
#
# The package lists stay (--skip=cleanup/apt/lists): tests/vm/run downloads
# the arm64 kernel image of the same version through this chroot's apt.
#
# Only "$suite main" as source (no -security/-updates), so the kernel is the
# one the host's apt lists (and a guest runner using them) see.
# Check-Valid-Until: sid's Release on a mirror snapshot can be past its
# Valid-Until.
# shellcheck source=scripts/mmdebstrap-slim.sh
. "$script_dir/mmdebstrap-slim.sh"
chroot_pkgs=gcc,make,libc6-dev,linux-headers-amd64
[ "$suite" = sid ] || chroot_pkgs+=,perl
# shellcheck disable=SC2016,SC2054 # $1: mmdebstrap's hook shell; one option's value
mmdebstrap_args=(--variant=apt
	--architectures=amd64,arm64
	--include="$chroot_pkgs"
	"${mmdebstrap_slim[@]}"
	--dpkgopt='path-exclude=/usr/lib/modules/*/kernel/*'
	--dpkgopt='path-exclude=/boot/vmlinuz-*'
	--essential-hook='chroot "$1" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs && ln -s /bin/true "$1/usr/sbin/update-initramfs"'
	--customize-hook="$script_dir/chroot-arm64-headers.sh \"\$1\""
	--skip=cleanup/apt/lists
	"$suite")
chroot_recipe=$(printf '%s\n' "${mmdebstrap_args[@]}" "deb $mirror $suite main" |
	sed "s|$script_dir/|scripts/|"; sha256sum <"$script_dir/chroot-arm64-headers.sh")

# Build the chroot of $suite at $1. mmdebstrap writes into a temporary
# directory beside it, which is renamed into place only when complete, so an
# interrupted run leaves nothing a later run would trust. mmdebstrap (root
# mode) mounts /proc, /sys and /dev inside its target; it runs in a private
# mount namespace so that those mounts die with it even if it is killed, and
# the temporary directory can always be deleted.
make_chroot() {
	local root=$1 tmp old
	rm -rf --one-file-system -- "$cache/chroot/.$suite".tmp.* "$cache/chroot/.$suite".old.*
	tmp=$(mktemp -d "$cache/chroot/.$suite.tmp.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod 755 "$tmp"
	say "creating $suite chroot (once; 1.5-3 min on 2 cores)"
	run_logged "mmdebstrap $suite" "$cache/chroot/.$suite.log" \
		unshare --mount --propagation private -- \
		mmdebstrap "${mmdebstrap_args[@]}" "$tmp" "deb $mirror $suite main"
	printf '%s\n' "$chroot_recipe" >"$tmp/etc/smbsign-chroot"
	# Swap in: at every moment $root is either absent or complete.
	if [ -e "$root" ]; then
		old=$cache/chroot/.$suite.old.$$
		mv -T "$root" "$old"
		cleanup_paths+=("$old")
	fi
	mv -T "$tmp" "$root"
	cleanup
	cleanup_paths=()
}

# Copy the sources: what git tracks plus untracked files it does not ignore
# (deleted-but-tracked files skipped), or the whole tree when $src is not a
# git work tree. A fresh copy every time: each kernel gets its own objects,
# the repository stays clean, and every file is recompiled, so a warning
# cannot hide behind an up-to-date object from an earlier run.
copy_sources() {
	local dst=$1 f files=()
	rm -rf --one-file-system -- "$dst"
	mkdir -p "$dst"
	if git -c safe.directory='*' -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		while IFS= read -r -d '' f; do
			if [ -e "$src/$f" ] || [ -L "$src/$f" ]; then
				files+=("$f")
			fi
		done < <(git -c safe.directory='*' -C "$src" ls-files -z -co --exclude-standard)
		[ ${#files[@]} -gt 0 ] || die "no files in $src"
		printf '%s\0' "${files[@]}" | tar -C "$src" --null -T - -cf - | tar -C "$dst" -xf -
	else
		# Still leave out kbuild's products, should the tree have been
		# built in place: an up-to-date object would skip a compile.
		tar -C "$src" --exclude=.git --exclude='*.o' --exclude='*.ko' \
			--exclude='.*.cmd' --exclude='*.mod' --exclude='*.mod.c' \
			--exclude='*.o.d' --exclude=modules.order \
			--exclude=Module.symvers -cf - . | tar -C "$dst" -xf -
	fi
	[ -f "$dst/Kbuild" ] || [ -f "$dst/Makefile" ] || die "$src has no Kbuild or Makefile"
}

# stdout is kept for the one result line.
"$script_dir/apt-suites.sh" >&2

# 1. The kernel headers (and, for 6.12/7.2, the chroot holding them).
if [ "$suite" = bookworm ] && [ "$arch" = amd64 ]; then
	root=
	need_host_pkgs git gcc make libc6-dev perl tar sparse
	# bookworm-security carries the current 6.1.0-N; bookworm-backports (a
	# 6.12 build) must not win, so name the version explicitly.
	want=$(suite_headers_version 'bookworm(-security|-updates)?')
	[ -n "$want" ] || die "no bookworm linux-headers-amd64 in the apt lists"
	if [ "$(installed_version /var/lib/dpkg linux-headers-amd64)" != "$want" ]; then
		say "installing linux-headers-amd64=$want"
		apt_install --allow-downgrades "linux-headers-amd64=$want"
	fi
	rel=$(headers_release /var/lib/dpkg)
else
	need_host_pkgs git mmdebstrap util-linux tar
	root=$cache/chroot/$suite
	want=$(suite_headers_version "$suite")
	if [ -d "$root" ]; then
		have=$(installed_version "$root/var/lib/dpkg" linux-headers-amd64)
		if [ -z "$have" ]; then
			say "$root has no linux-headers-amd64: recreating it"
			make_chroot "$root"
		elif [ "$(cat "$root/etc/smbsign-chroot" 2>/dev/null)" != "$chroot_recipe" ]; then
			say "$root was made by another recipe: recreating it"
			make_chroot "$root"
		elif [ -n "$want" ] && dpkg --compare-versions "$want" gt "$have"; then
			say "$suite now has linux-headers-amd64 $want (chroot: $have): recreating chroot"
			make_chroot "$root"
		fi
	else
		make_chroot "$root"
	fi
	rel=$(headers_release "$root/var/lib/dpkg")
fi
[ -n "$rel" ] || die "cannot tell which kernel linux-headers-amd64 points to"
if [ "$arch" = arm64 ]; then
	# Unpacked beside the amd64 headers (scripts/chroot-arm64-headers.sh).
	rel_arm64=$(cat "$root/etc/smbsign-arm64-release" 2>/dev/null) || rel_arm64=
	[ "$rel_arm64" = "${rel%-amd64}-arm64" ] ||
		die "the $suite chroot has no arm64 headers of $rel's version (got '$rel_arm64')"
	rel=$rel_arm64
fi
kdir=/usr/src/linux-headers-$rel
[ -f "$root$kdir/Makefile" ] || die "$root$kdir has no Makefile"
# Guard against e.g. a backports metapackage: the release must be KVER's.
case "$rel" in
"$kver".*) ;;
*) die "linux-headers-$arch points to $rel, not a $kver kernel" ;;
esac
if [ "$suite" = trixie ] && [[ $rel != *+deb13-* ]]; then
	die "$rel is not trixie's +deb13 kernel"
fi
printf '%s\n' "$rel" >"$build/.kernel-release.tmp"
mv -f "$build/.kernel-release.tmp" "$build/kernel-release"

# 2. The build, from a fresh copy of the sources.
copy_sources "$build/src"
make_cmd=(make -C "$kdir" M="$build/src" CONFIG_CRYPTO_SMBSIGN=m W=1 -j"$jobs" modules)
# 6.12's and 7.2's arm64 headers set ARCH and CROSS_COMPILE themselves;
# 6.1's set CROSS_COMPILE only when dpkg-architecture says so.
[ "$arch" = amd64 ] || make_cmd+=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
# The 6.1 build (host toolchain) also runs sparse on every file (C=2); its
# complaints are "warning:" lines too, so they fail the build like gcc's.
[ "$suite" = bookworm ] && [ "$arch" = amd64 ] && make_cmd+=(C=2)
# The host's toolchain for 6.1, the suite's chroot for the others
# (scripts/in-chroot.sh: a clean environment, the build dir bound inside).
rc=0
run_child "$script_dir/in-chroot.sh" "$root" "$build" "${make_cmd[@]}" >"$log" 2>&1 || rc=$?

# 3. Verdict. Any "warning:" (gcc, objtool, kbuild) or "WARNING:" (modpost)
# fails the build. The log is printed without kbuild's progress lines, so
# gcc's context lines (source line, caret, notes) stay with each warning.
nwarn=$(grep -c -i 'warning:' "$log" || true)
if [ "$rc" -ne 0 ] || [ "$nwarn" -gt 0 ] || [ ! -f "$build/src/smbsign.ko" ]; then
	if [ "$rc" -ne 0 ]; then
		say "FAILED: make exited $rc ($rel)"
	elif [ "$nwarn" -gt 0 ]; then
		say "FAILED: $nwarn warning(s) ($rel)"
	else
		say "FAILED: make produced no smbsign.ko ($rel)"
	fi
	grep -v -E '^  [A-Z_]+( \[M\])? +|^make(\[[0-9]+\])?: (Entering|Leaving) directory|^Skipping BTF generation' \
		"$log" >&2 || true
	say "full log: $log"
	exit 1
fi

# The module must carry the release we meant to build against.
vermagic=$(tr '\0' '\n' <"$build/src/smbsign.ko" | sed -n 's/^vermagic=//p')
[ "${vermagic%% *}" = "$rel" ] || die "smbsign.ko vermagic is '$vermagic', expected $rel"

# Name the compiler kbuild really used: the first word of the saved command
# of a compiled C object (the kernel's CC, e.g. gcc-14), then its version.
# (No "| head" in these pipelines: with pipefail, SIGPIPE would be fatal.)
cc=
while IFS= read -r -d '' f; do
	if grep -q -E '^source_.* := .*\.c$' "$f"; then
		cc=$(sed -n -E 's/^(saved)?cmd_[^ ]+ := +([^ ]+) .*/\2/p' "$f")
		break
	fi
done < <(find "$build/src" -name '.*.o.cmd' -print0)
if [ -z "$root" ]; then
	ccver=$("$script_dir/in-chroot.sh" "" / "${cc:-gcc}" --version | sed -n 1p)
else
	ccver=$(chroot "$root" env -i PATH=/usr/bin:/bin LC_ALL=C "${cc:-gcc}" --version | sed -n 1p)
fi

cp "$build/src/smbsign.ko" "$build/.smbsign.ko.tmp"
mv -f "$build/.smbsign.ko.tmp" "$build/smbsign.ko"
echo "$prog $name: ok ($rel, $ccver) -> $build/smbsign.ko"
