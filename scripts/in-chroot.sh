#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# in-chroot.sh ROOT DIR CMD... -- run CMD in the build chroot ROOT with the
# host directory DIR bound at the same path inside, so that the paths in
# diagnostics are the host's, and /proc mounted (7.x objtool reads it).
# With ROOT empty, CMD runs on the host. Either way in a clean, English
# environment: no ARCH/CROSS_COMPILE/KBUILD_*/MAKEFLAGS leaking in from the
# caller, and diagnostics that a grep can read.
#
# The mounts live in a private mount namespace: they vanish when CMD ends,
# however it ends, and never pile up on the host. Exit status: CMD's.
set -euo pipefail

[ $# -ge 3 ] || {
	echo "usage: $0 ROOT|'' DIR CMD..." >&2
	exit 2
}
root=$1 dir=$2
shift 2
clean_env=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	HOME=/root LC_ALL=C TERM=dumb)
if [ -z "$root" ]; then
	exec "${clean_env[@]}" "$@"
fi
mkdir -p "$root$dir"
# shellcheck disable=SC2016 # the inner script expands its own arguments
exec unshare --mount --propagation private -- /bin/sh -ec '
	root=$1 dir=$2
	shift 2
	mount -t proc proc "$root/proc"
	mount --rbind /dev "$root/dev"
	mount --bind "$dir" "$root$dir"
	exec chroot "$root" "$@"
' sh "$root" "$dir" "${clean_env[@]}" "$@"
