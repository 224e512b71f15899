#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build-ksmbd.sh KVER -- ksmbd.ko for Debian's kernel KVER (6.12 or 7.2),
# made from that kernel's own linux-source plus the patches in
# smb/ksmbd/KVER/, built as an external module against the same headers,
# in the same chroot and with the same compiler as smbsign.ko
# (scripts/build-module.sh), so that vermagic and modversions match.
#
# The patches were made against one Debian source version, named in
# smb/ksmbd/KVER/source-version (e.g. 6.12.117-1). The build refuses any
# other: if the suite's kernel moved on, its ksmbd has stable fixes the
# patched copy lacks, and a module built from the old source would shadow
# them. The patches then need rebasing (smb/README).
#
# Steps: smbsign.ko for KVER (its Module.symvers gives the CRCs of the
# API ksmbd calls); the source package of exactly the headers' version
# (apt-get download, cached unpacked: fs/smb, fs/nls, the ASN.1 compiler);
# a fresh tree with the patches applied (git apply, which fails on any
# fuzz); the ASN.1 parsers generated (Debian's linux-kbuild has no
# scripts/asn1_compiler); make M=fs/smb/server in the suite's chroot.
#
# Cache, under ${SMBSIGN_CACHE:-/var/cache/smbsign}:
#   linux-source/<version>/   the unpacked subset of linux-source
#   ksmbd/<KVER>/src/         the patched tree, built there
#   ksmbd/<KVER>/ksmbd.ko     the result (removed first, never stale),
#                             with kernel-release and source-version
#   ksmbd/<KVER>/build.log    the make output
#
# Prints one line on success:
#   build-ksmbd KVER: ok (<kernel release>, <source version>) -> <ksmbd.ko>
# exits 1 on a failure (with the reason), 2 on bad usage.
set -euo pipefail

prog="build-ksmbd"
usage() {
	echo "usage: $0 6.12|7.2" >&2
	exit 2
}
[ $# -eq 1 ] || usage
kver=$1
case "$kver" in
6.12) suite=trixie ;;
7.2) suite=sid ;;
*) usage ;;
esac

say() { echo "$prog $kver: $*" >&2; }
die() {
	say "$*"
	exit 1
}
[ "$(id -u)" -eq 0 ] || die "must run as root (chroot, apt)"

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(realpath -e "${SMBSIGN_SRC:-$script_dir/..}")
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
jobs=${SMBSIGN_JOBS:-$(nproc)}
patches=$src/smb/ksmbd/$kver
out=$cache/ksmbd/$kver
tree=$out/src
log=$out/build.log
export DEBIAN_FRONTEND=noninteractive

[ -f "$patches/source-version" ] || die "no $patches/source-version"
want=$(cat "$patches/source-version")
mapfile -t series < <(find "$patches" -maxdepth 1 -name '*.patch' | sort)
[ ${#series[@]} -gt 0 ] || die "no patches in $patches"

# shellcheck source=scripts/cleanup-on-exit.sh
. "$script_dir/cleanup-on-exit.sh"
host_pkgs_log=$cache/build/.$kver.apt.log
# shellcheck source=scripts/host-pkgs.sh
. "$script_dir/host-pkgs.sh"
need_host_pkgs git gcc libc6-dev xz-utils

# The kernel the chroot's headers are for, and its Debian version.
root=$cache/chroot/$suite
headers_version() {
	local rel
	rel=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		sed -n -E 's/(^|.*[ ,])linux-headers-([^ ,]+).*/\2/p')
	[ -n "$rel" ] || return 0
	dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Version}' "linux-headers-$rel"
}
refuse_other_version() {
	local have
	have=$(headers_version)
	[ -z "$have" ] || [ "$have" = "$want" ] ||
		die "Debian's $suite kernel is now $have, but smb/ksmbd/$kver was made against $want: refusing to build (a ksmbd from the old source would replace the new kernel's own, and its stable fixes; rebase the patches onto $have: smb/README)"
}
rm -f "$out/ksmbd.ko" "$out/kernel-release" "$out/source-version"
refuse_other_version

# 1. smbsign.ko for the same kernel and sources. Its build leaves
# Module.symvers; the chroot and build dir are then read under its lock.
"$script_dir/build-module.sh" "$kver" >&2 || die "smbsign.ko did not build for $kver"
mkdir -p "$out"
exec 9>"$cache/build/.$kver.lock"
flock 9
refuse_other_version
rel=$(cat "$cache/build/$kver/kernel-release")
cp "$cache/build/$kver/src/Module.symvers" "$out/smbsign.symvers"

# 2. The pristine source subset of exactly that version.
pristine=$cache/linux-source/$want
if [ ! -f "$pristine/.complete" ]; then
	say "unpacking linux-source-$kver $want (once; ~30 s)"
	mkdir -p "$cache/linux-source"
	tmp=$(mktemp -d "$cache/linux-source/.tmp.XXXXXX")
	cleanup_paths+=("$tmp")
	(cd "$tmp" && apt-get download -q "linux-source-$kver=$want" >"$tmp/apt.log" 2>&1) ||
		die "apt-get download linux-source-$kver=$want failed ($(tail -n 1 "$tmp/apt.log"))"
	dpkg-deb --fsys-tarfile "$tmp"/linux-source-*.deb |
		tar -xO "./usr/src/linux-source-$kver.tar.xz" |
		tar -xJ -C "$tmp" --strip-components=1 \
			"linux-source-$kver/fs/smb" "linux-source-$kver/fs/nls" \
			"linux-source-$kver/scripts/asn1_compiler.c" \
			--wildcards "linux-source-$kver/include/linux/asn1*"
	rm -f "$tmp"/linux-source-*.deb "$tmp/apt.log"
	: >"$tmp/.complete"
	rm -rf --one-file-system -- "$pristine"
	mv -T "$tmp" "$pristine"
	cleanup_paths=()
fi

# 3. A fresh tree, the patches applied in order. smbsign's API header is
# copied in beside them (include/smbsign/).
rm -rf --one-file-system -- "$tree"
mkdir -p "$tree/include"
cp -a "$pristine/fs" "$pristine/scripts" "$tree/"
cp -a "$pristine/include/." "$tree/include/"
cp -a "$src/include/smbsign" "$tree/include/"
for p in "${series[@]}"; do
	(cd "$tree" && git apply -p1 "$p") 2>"$out/apply.log" ||
		die "$(basename "$p") does not apply to $want: $(head -n 3 "$out/apply.log")"
done

# 4. The SPNEGO parsers, from their .asn1 grammar, by the source's own
# compiler (a host tool: the host's gcc builds it).
gcc -O2 -I"$tree/include" -o "$out/asn1_compiler" "$tree/scripts/asn1_compiler.c" ||
	die "building scripts/asn1_compiler failed"
for g in ksmbd_spnego_negtokeninit ksmbd_spnego_negtokentarg; do
	"$out/asn1_compiler" "$tree/fs/smb/server/$g.asn1" \
		"$tree/fs/smb/server/$g.asn1.c" "$tree/fs/smb/server/$g.asn1.h" ||
		die "asn1_compiler $g.asn1 failed"
done

# 5. The module, in the suite's chroot. fs/nls: the server includes
# ../../nls/nls_ucs2_utils.h, which includes nls_ucs2_data.h. KCFLAGS, not
# ccflags-y: a command-line ccflags-y would override the Makefile's own.
kdir=/usr/src/linux-headers-$rel
make_cmd=(make -C "$kdir" M="$tree/fs/smb/server" -j"$jobs"
	KBUILD_EXTRA_SYMBOLS="$out/smbsign.symvers"
	KCFLAGS="-I$tree/fs/nls -I$tree/include" modules)
rc=0
"$script_dir/in-chroot.sh" "$root" "$out" "${make_cmd[@]}" >"$log" 2>&1 || rc=$?
ko=$tree/fs/smb/server/ksmbd.ko
nwarn=$(grep -c -i 'warning:' "$log" || true)
if [ "$rc" -ne 0 ] || [ "$nwarn" -gt 0 ] || [ ! -f "$ko" ]; then
	grep -v -E '^  [A-Z_]+( \[M\])? +|^make(\[[0-9]+\])?: (Entering|Leaving) directory|^Skipping BTF generation' \
		"$log" >&2 || true
	die "FAILED (make exit $rc, $nwarn warning(s); full log: $log)"
fi

# 6. What a loader will check: the release, and smbsign as a dependency.
modinfo_field() { tr '\0' '\n' <"$ko" | sed -n "s/^$1=//p"; }
vermagic=$(modinfo_field vermagic)
[ "${vermagic%% *}" = "$rel" ] || die "ksmbd.ko vermagic is '$vermagic', expected $rel"
[[ ,$(modinfo_field depends), == *,smbsign,* ]] || die "ksmbd.ko does not depend on smbsign"
cp "$ko" "$out/.ksmbd.ko.tmp"
printf '%s\n' "$rel" >"$out/kernel-release"
printf '%s\n' "$want" >"$out/source-version"
mv -f "$out/.ksmbd.ko.tmp" "$out/ksmbd.ko"
echo "$prog $kver: ok ($rel, linux-source $want) -> $out/ksmbd.ko"
