#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# install-ksmbd.sh install|uninstall KVER -- `make install-ksmbd` and
# `make uninstall-ksmbd`: the patched ksmbd.ko that scripts/build-ksmbd.sh
# built for KVER (6.12, 7.2), and the smbsign.ko built with it (ksmbd calls
# its exported API; the symbol versions of the two match), into
# /lib/modules/<release>/updates/, where depmod finds them before the
# kernel's own ksmbd; then depmod. uninstall removes that ksmbd.ko (only if
# it is the patched one), so the kernel's own ksmbd is found again; smbsign
# stays (`make install` puts it there too).
#
# Refuses any kernel but the one the ksmbd source came from: the target
# release must be the build's, and where dpkg knows the kernel package
# linux-image-<release>, its version must be the source's (e.g. 6.12.117-1).
# A patched ksmbd left in updates/ of a newer kernel would replace that
# kernel's own ksmbd and drop its stable fixes: after a kernel update,
# build again (the build refuses until smb/ksmbd/KVER is rebased) or
# uninstall.
#
# Environment:
#   KRELEASE  the kernel release to install for (default: uname -r)
#   DESTDIR   stage under this root instead of / (dpkg's database and
#             depmod then are DESTDIR's: a staged tree without them gets
#             the files and no depmod)
#   SMBSIGN_CACHE  where build-ksmbd.sh left its result
set -euo pipefail

prog=install-ksmbd
usage() {
	echo "usage: $0 install|uninstall 6.12|7.2" >&2
	exit 2
}
[ $# -eq 2 ] || usage
action=$1 kver=$2
case "$action" in install | uninstall) ;; *) usage ;; esac
case "$kver" in 6.12 | 7.2) ;; *) usage ;; esac
die() {
	echo "$prog: $*" >&2
	exit 1
}

cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
root=${DESTDIR:-}
rel=${KRELEASE:-$(uname -r)}
updates=$root/lib/modules/$rel/updates

# The ELF modinfo of a .ko: "field=value" strings in .modinfo.
modinfo_field() { tr '\0' '\n' <"$1" | sed -n "s/^$2=//p"; }

if [ "$action" = uninstall ]; then
	ko=$updates/ksmbd.ko
	[ -e "$ko" ] || die "no $ko: nothing to uninstall"
	[[ ,$(modinfo_field "$ko" depends), == *,smbsign,* ]] ||
		die "$ko does not depend on smbsign: not the patched ksmbd, left alone"
	rm -f "$ko"
	echo "$prog: removed $ko"
else
	built=$cache/ksmbd/$kver
	[ -f "$built/ksmbd.ko" ] || die "no patched ksmbd for $kver: run 'make ksmbd KVER=$kver' first"
	brel=$(cat "$built/kernel-release")
	bver=$(cat "$built/source-version")
	[ "$rel" = "$brel" ] ||
		die "refusing: ksmbd.ko was built for $brel (linux-source $bver), not for $rel"
	admin=$root/var/lib/dpkg
	if [ -d "$admin" ]; then
		kpkg=$(dpkg-query --admindir="$admin" -W -f='${Version}' "linux-image-$rel" 2>/dev/null || true)
		[ -z "$kpkg" ] || [ "$kpkg" = "$bver" ] ||
			die "refusing: $rel is linux-image-$rel $kpkg here, but ksmbd.ko comes from linux-source $bver"
	fi
	install -D -m 0644 "$built/ksmbd.ko" "$updates/ksmbd.ko"
	install -D -m 0644 "$cache/build/$kver/smbsign.ko" "$updates/smbsign.ko"
	echo "$prog: installed $updates/ksmbd.ko and smbsign.ko (linux-source $bver)"
fi

# depmod, against the staging root when there is one.
if [ -f "$root/lib/modules/$rel/modules.order" ] && command -v depmod >/dev/null; then
	depmod ${root:+-b "$root"} "$rel"
	echo "$prog: depmod $rel"
else
	echo "$prog: no depmod run (no modules.order for $rel under ${root:-/}, or no kmod)"
fi
