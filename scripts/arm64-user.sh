#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# arm64-user.sh setup | run PROGRAM [ARGS...] -- smbsign's userspace on arm64,
# cross-built and run under QEMU's user-mode emulation, on an x86-64 host.
#
#   setup  installs what the cross build needs, when missing: the host's
#          aarch64-linux-gnu-gcc (bookworm's gcc 12) and qemu-user from
#          bookworm-backports (QEMU 10), and makes the sysroot: Debian
#          bookworm's arm64 libc6-dev, libssl-dev and libpcap-dev, unpacked
#          by mmdebstrap --variant=extract (nothing of arm64 runs on the host,
#          which has no binfmt_misc; the libraries need no configuring).
#   run    runs an arm64 program with qemu-aarch64 -cpu max, whose CPU has
#          the AES, PMULL and SHA2 instructions, and the sysroot's
#          libraries. QEMU's results are exact; its timing means nothing.
#
# The sysroot is ${SMBSIGN_CACHE:-/var/cache/smbsign}/sysroot/arm64-bookworm
# (as the Makefile's ARM64_SYSROOT), made beside it and renamed into place,
# so it is either absent or complete; remade when the recipe below changes.
set -euo pipefail

prog=arm64-user
say() { echo "$prog: $*" >&2; }
die() {
	say "$*"
	exit 1
}
usage() {
	echo "usage: $0 setup | run PROGRAM [ARGS...]" >&2
	exit 2
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
sysroot=$cache/sysroot/arm64-bookworm
mirror=${SMBSIGN_MIRROR:-http://deb.debian.org/debian}
export DEBIAN_FRONTEND=noninteractive

[ $# -ge 1 ] || usage
cmd=$1
shift

if [ "$cmd" = run ]; then
	[ $# -ge 1 ] || usage
	[ -f "$sysroot/.smbsign-sysroot" ] || die "no arm64 sysroot: run '$0 setup' (or make tools-arm64) first"
	exec qemu-aarch64 -cpu max -L "$sysroot" "$@"
fi
[ "$cmd" = setup ] || usage

# shellcheck source=scripts/cleanup-on-exit.sh
. "$script_dir/cleanup-on-exit.sh"
trap 'exit 130' INT TERM HUP
mkdir -p "$cache/sysroot"
host_pkgs_log=$cache/sysroot/.apt.log
# shellcheck source=scripts/host-pkgs.sh
. "$script_dir/host-pkgs.sh"

need_host_pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross mmdebstrap
v=$(host_pkg_version qemu-user || true)
if [ -z "$v" ] || dpkg --compare-versions "$v" lt 1:10; then
	apt_install -t bookworm-backports qemu-user
fi

# One setup at a time: the sysroot is replaced below.
exec 9>"$cache/sysroot/.lock"
flock 9

# shellcheck source=scripts/mmdebstrap-slim.sh
. "$script_dir/mmdebstrap-slim.sh"
# shellcheck disable=SC2054 # one option's value, commas and all
mmdebstrap_args=(--variant=extract --architectures=arm64
	--include=libc6-dev,libssl-dev,libpcap-dev
	"${mmdebstrap_slim[@]}" bookworm)
recipe=$(printf '%s\n' "${mmdebstrap_args[@]}" "$mirror")
if [ "$(cat "$sysroot/.smbsign-sysroot" 2>/dev/null || true)" = "$recipe" ]; then
	exit 0
fi
rm -rf --one-file-system -- "$cache/sysroot/.arm64-bookworm".tmp.*
tmp=$(mktemp -d "$cache/sysroot/.arm64-bookworm.tmp.XXXXXX")
cleanup_paths+=("$tmp")
say "making the arm64 sysroot (once; ~15 s)"
if ! mmdebstrap "${mmdebstrap_args[@]}" "$tmp" "$mirror" >"$cache/sysroot/.mmdebstrap.log" 2>&1; then
	tail -n 20 "$cache/sysroot/.mmdebstrap.log" >&2
	die "mmdebstrap failed (log: $cache/sysroot/.mmdebstrap.log)"
fi
[ -e "$tmp/usr/lib/aarch64-linux-gnu/libcrypto.so" ] || die "the sysroot has no libcrypto.so"
printf '%s\n' "$recipe" >"$tmp/.smbsign-sysroot"
rm -rf --one-file-system -- "$sysroot"
mv -T "$tmp" "$sysroot"
cleanup_paths=()
