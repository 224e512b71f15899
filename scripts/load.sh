#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/load.sh [path/to/smbsign.ko [param=value ...]] -- `make load`:
# load smbsign into the running kernel the way a host should, and show that
# the kernel now picks it. Needs root and a kernel that accepts the module
# (the one it was built against; Secure Boot may demand a signed module).
#
#   1. the stock accelerated drivers first (aesni_intel, sha256_ssse3, cmac:
#      what udev loads at boot), so the ranking shown is the real one;
#   2. smbsign (modprobe when installed by `make install`, else insmod);
#   3. its drivers and every other driver of the same names, by priority;
#   4. which driver a new allocation of each name gets (AF_ALG, python3).
#
# Users of a transform that allocated it before smbsign loaded keep the old
# driver: remount cifs shares and restart ksmbd (or install the modprobe.d
# softdeps with `make install` so that smbsign loads before them at boot).
set -euo pipefail
say() { echo "load: $*"; }
die() {
	echo "load: $*" >&2
	exit 1
}

tools=$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)
ko=${1:-smbsign.ko}
[ $# -eq 0 ] || shift
[ "$(id -u)" -eq 0 ] || die "must run as root"
[ -f "$ko" ] || die "no $ko (build it with make)"
[ ! -d /sys/module/smbsign ] || die "smbsign is already loaded (rmmod smbsign first)"

for m in aesni_intel sha256_ssse3 cmac; do
	if [ -d "/sys/module/$m" ]; then
		say "stock $m: already present"
	elif modprobe -q "$m" 2>/dev/null; then
		say "stock $m: loaded"
	else
		say "stock $m: not available in $(uname -r) (built in or absent)"
	fi
done

seen=$(dmesg 2>/dev/null | wc -l)
if modinfo -F filename smbsign >/dev/null 2>&1 &&
	cmp -s "$(modinfo -F filename smbsign)" "$ko"; then
	modprobe smbsign "$@" || die "modprobe smbsign $* failed (see dmesg)"
	say "smbsign: loaded with modprobe ($(modinfo -F filename smbsign))"
else
	insmod "$ko" "$@" || die "insmod $ko $* failed (see dmesg)"
	say "smbsign: loaded with insmod $ko $*"
fi
dmesg | tail -n +$((seen + 1)) | grep 'smbsign: ' | sed 's/^/load:   dmesg: /'
for p in /sys/module/smbsign/parameters/*; do
	say "  ${p##*/} = $(cat "$p")"
done

# Stock template instances show in /proc/crypto once something allocated
# them: allocate each once so the ranking below is complete.
python3 "$tools/af_alg.py" instantiate 'cmac(aes-aesni)' 'cmac(aes-generic)' \
	'hmac(sha256-ni)' 'hmac(sha256-avx2)' 'hmac(sha256-generic)' >/dev/null 2>&1 || true
names=$(awk -F' *: ' '$1 == "name" { n = $2 } $1 == "module" && $2 == "smbsign" { print n }' /proc/crypto | sort -u)
[ -n "$names" ] || say "smbsign registered no driver (dmesg above says why)"
for n in $names; do
	say "drivers of $n, highest priority first (the kernel picks the first):"
	awk -v n="$n" -F' *: ' '
		$1 == "name" { name = $2 }
		$1 == "driver" { drv = $2 }
		$1 == "module" { mod = $2 }
		$1 == "priority" { prio = $2 }
		$1 == "selftest" && name == n { printf "%s %s (module %s, selftest %s)\n", prio, drv, mod, $2 }' \
		/proc/crypto | sort -rn | sed 's/^/load:   /'
	if command -v python3 >/dev/null; then
		chosen=$(python3 "$tools/af_alg.py" resolve "$n" || true)
		say "a new $n transform gets: ${chosen:-?}"
	fi
done
