#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run shellcheck over every shell script in the repository (following sourced
# files), installing shellcheck when missing. Prints the count on success.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "shellcheck: $*" >&2; }
die() {
	say "$*"
	exit 1
}
host_pkgs_log=${SMBSIGN_CACHE:-/var/cache/smbsign}/.shellcheck.apt.log
mkdir -p "$(dirname "$host_pkgs_log")"
# shellcheck source=scripts/host-pkgs.sh
. scripts/host-pkgs.sh
need_host_pkgs shellcheck

mapfile -t files < <(git ls-files | while read -r f; do
	case "$f" in
	*.sh | .ci/run | tests/vm/run | tests/bochs/run | tests/vm/guest-init | tests/vm/initrd-init) echo "$f" ;;
	esac
done)
shellcheck -x "${files[@]}"
echo "shellcheck: ${#files[@]} scripts clean"
