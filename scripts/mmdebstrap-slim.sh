# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced: the mmdebstrap options every smbsign chroot and guest image shares.
# No recommends, no docs, man pages or translations: smaller and faster to
# build. Check-Valid-Until is off because sid's Release on a mirror snapshot
# can be past its Valid-Until.
# shellcheck disable=SC2034 # used by the scripts that source this
mmdebstrap_slim=(
	--aptopt='Acquire::Check-Valid-Until "false"'
	--aptopt='APT::Install-Recommends "false"'
	--dpkgopt='path-exclude=/usr/share/man/*'
	--dpkgopt='path-exclude=/usr/share/locale/*'
	--dpkgopt='path-exclude=/usr/share/info/*'
	--dpkgopt='path-exclude=/usr/share/doc/*'
	--dpkgopt='path-include=/usr/share/doc/*/copyright'
)
