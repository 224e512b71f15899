#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# chroot-arm64-headers.sh ROOT -- mmdebstrap customize hook of the build
# chroots (scripts/build-module.sh): makes the amd64 chroot at ROOT able to
# build modules for the suite's arm64 kernel too.
#
# The chroot has linux-headers-amd64, hence linux-headers-<version>-common
# and the amd64 linux-kbuild-<version>, which are the same for both
# architectures. This adds
#  - the cross compiler of the version the kernel was built with (the gcc-N
#    that the amd64 headers' .kernelvariables name), gcc-N-aarch64-linux-gnu;
#  - linux-headers-<version>-arm64 (arm64 is a foreign architecture of the
#    chroot), unpacked rather than installed: installing it would pull in
#    an arm64 gcc-N and linux-image (Depends), which cannot run here and
#    are not needed. --keep-directory-symlink keeps usr-merge's /lib link.
# Its release goes to ROOT/etc/smbsign-arm64-release.
set -euo pipefail

root=$1
# shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
rel_amd64=$(chroot "$root" dpkg-query -W -f='${Depends}' linux-headers-amd64 |
	sed -n -E 's/(^|.*[ ,])linux-headers-([^ ,]+-amd64).*/\2/p')
[ -n "$rel_amd64" ] || { echo "chroot-arm64-headers: no linux-headers-amd64 in $root" >&2; exit 1; }
rel=${rel_amd64%-amd64}-arm64
gcc=$(sed -n -E 's/^CC = .*(gcc-[0-9]+)$/\1/p' "$root/usr/src/linux-headers-$rel_amd64/.kernelvariables")
[ -n "$gcc" ] || { echo "chroot-arm64-headers: no gcc-N in the amd64 headers' .kernelvariables" >&2; exit 1; }

chroot "$root" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends "$gcc-aarch64-linux-gnu"
chroot "$root" sh -e -c "
	cd /tmp
	apt-get download 'linux-headers-$rel:arm64'
	dpkg-deb --fsys-tarfile linux-headers-${rel}_*_arm64.deb |
		tar -x --keep-directory-symlink -C /
	rm -f linux-headers-${rel}_*_arm64.deb
"
[ -f "$root/usr/src/linux-headers-$rel/Makefile" ] ||
	{ echo "chroot-arm64-headers: linux-headers-$rel has no Makefile" >&2; exit 1; }
echo "$rel" >"$root/etc/smbsign-arm64-release"
