#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In a tests/vm guest booted with --no-load: install the tree that `make
# install DESTDIR=STAGE` produced on the host, check its softdeps (cifs and
# ksmbd pull smbsign in first), then run `make load`'s script. Run from the
# directory holding src/ (a copy of the repository) and STAGE.
set -uo pipefail
stage=${1:?usage: install-load.sh STAGE}
rel=$(uname -r)
# shellcheck source=tests/vm/check-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../check-lib.sh"
loaded() { [ -d "/sys/module/$1" ]; }
# /proc/modules lists the most recently loaded module first.
loaded_before() {
	awk -v a="$1" -v b="$2" '$1 == a { ia = NR } $1 == b { ib = NR }
		END { exit !(ia && ib && ia > ib) }' /proc/modules
}

expect_checks 14
check "smbsign not loaded at start (--no-load)" not loaded smbsign
cp "$stage/lib/modules/$rel/updates/smbsign.ko" "/lib/modules/$rel/updates/smbsign.ko" &&
	install -m 0644 "$stage/etc/modprobe.d/00-smbsign.conf" /etc/modprobe.d/00-smbsign.conf &&
	depmod -a "$rel"
check "the staged tree installed, depmod -a" test $? -eq 0

for client in cifs ksmbd; do
	check "modprobe $client" modprobe "$client"
	check "  pulled smbsign in (softdep)" loaded smbsign
	check "  smbsign was loaded before $client" loaded_before smbsign "$client"
	check "  rmmod $client smbsign" rmmod "$client" smbsign
done

out=$(bash src/scripts/load.sh "/lib/modules/$rel/updates/smbsign.ko" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/  /'
check "make load's script: exit 0" test "$rc" -eq 0
check "  loaded with modprobe (the installed module)" grep -q "loaded with modprobe" <<<"$out"
check "  a new cmac(aes) transform gets cmac-aes-smbsign" \
	grep -qx "load: a new cmac(aes) transform gets: cmac-aes-smbsign" <<<"$out"
out=$(bash src/scripts/load.sh "/lib/modules/$rel/updates/smbsign.ko" 2>&1)
rc=$?
check "make load again: refused, already loaded ($out)" test "$rc" -ne 0

summary "install and load ($rel)"
