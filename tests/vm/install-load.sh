#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/install-load.sh -- `make install` and `make load` as a host runs
# them, checked in a Debian 6.1 guest (the host builds for 6.1 natively):
#   1. on this machine, `make install DESTDIR=stage` in a copy of the
#      sources against the guest kernel's headers: the module in
#      lib/modules/<release>/updates and etc/modprobe.d/00-smbsign.conf;
#   2. in the guest (smbsign not loaded), that tree installed: `modprobe
#      cifs` and `modprobe ksmbd` load smbsign first (the softdeps), then
#      scripts/load.sh (`make load`) loads it and shows the kernel picks it.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
say() { echo "install-load: $*" >&2; }

bash scripts/build-module.sh 6.1 >/dev/null
rel=$(cat "$cache/build/6.1/kernel-release")
kdir=/usr/src/linux-headers-$rel
[ -f "$kdir/Makefile" ] || { say "no $kdir after build-module.sh 6.1"; exit 1; }

work=$(mktemp -d /tmp/smbsign-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir "$work/src" "$work/stage"
git ls-files -co --exclude-standard -z | tar -c --null -T - | tar -x -C "$work/src"
if ! make -s -C "$work/src" install KDIR="$kdir" DESTDIR="$work/stage" >"$work/make.log" 2>&1; then
	tail -n 30 "$work/make.log" >&2
	say "make install DESTDIR=... failed"
	exit 1
fi
for f in "lib/modules/$rel/updates/smbsign.ko" etc/modprobe.d/00-smbsign.conf; do
	[ -f "$work/stage/$f" ] || { say "make install did not install $f"; exit 1; }
done
echo "ok make install DESTDIR=stage: lib/modules/$rel/updates/smbsign.ko, etc/modprobe.d/00-smbsign.conf"

tests/vm/run --kernel 6.1 --no-load --share "$work" --timeout 600 -- \
	bash src/tests/vm/guest/install-load.sh stage
