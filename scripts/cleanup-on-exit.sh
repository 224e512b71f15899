# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by the scripts that build caches: paths added to cleanup_paths are
# deleted when the script exits, however it exits, so that a half-made
# chroot or half-unpacked tree never survives to be trusted by a later run.
# A finished product is renamed into place and taken off the list first.

cleanup_paths=()
cleanup() {
	local p
	for p in "${cleanup_paths[@]+"${cleanup_paths[@]}"}"; do
		[ -e "$p" ] && rm -rf --one-file-system -- "$p"
	done
	return 0
}
trap cleanup EXIT
