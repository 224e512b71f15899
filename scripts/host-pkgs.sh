# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced: install the host packages a script needs, only when missing
# (dpkg-query is quick; apt-get is not, and a warm run never touches apt).
# The caller defines say and die and sets host_pkgs_log, the file apt's
# output goes to (its tail is shown when apt fails).
# shellcheck disable=SC2154 # host_pkgs_log is the caller's

host_pkgs_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# apt-suites.sh, once per run: it also refreshes apt's lists (a fresh
# machine may have none) and makes trixie, sid and bookworm-backports
# visible at a low pin.
host_pkgs_suites_done=
apt_suites() {
	[ -z "$host_pkgs_suites_done" ] || return 0
	[ "$(id -u)" -eq 0 ] || die "must run as root to set up apt"
	"$host_pkgs_dir/apt-suites.sh" >&2 || die "setting up apt's suites failed (scripts/apt-suites.sh)"
	host_pkgs_suites_done=1
}

# In the foreground: a signal then waits for apt to finish, rather than
# cutting dpkg off half way through the host's packages.
apt_install() {
	[ "$(id -u)" -eq 0 ] || die "must run as root to install $*"
	apt_suites
	say "installing $*"
	if ! apt-get install -y -q --no-install-recommends \
		-o DPkg::Lock::Timeout=600 "$@" >"$host_pkgs_log" 2>&1; then
		tail -n 40 "$host_pkgs_log" >&2
		die "apt-get install $* failed (full log: $host_pkgs_log)"
	fi
}

host_pkg_version() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ] &&
		dpkg-query -W -f='${Version}' "$1"
}

need_host_pkgs() {
	local p missing=()
	for p; do
		host_pkg_version "$p" >/dev/null || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# bookworm's QEMU 7.2 lacks SHA-NI under TCG; bookworm-backports' 10.x has
# it, and the guests must run smbsign's SHA-NI code. $1: the package
# (default qemu-system-x86; qemu-system-arm for arm64 guests).
need_backports_qemu() {
	local v pkg=${1:-qemu-system-x86}
	v=$(host_pkg_version "$pkg" || true)
	if [ -z "$v" ] || dpkg --compare-versions "$v" lt 1:10; then
		apt_install -t bookworm-backports "$pkg"
	fi
}
