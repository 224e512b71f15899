#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/ksmbd-torture.sh KVER [SUITE...]   (make check-full)
#
# Samba's smbtorture against the stock ksmbd of Debian's KVER (6.12, 7.2)
# and against the patched one (--ksmbd smbsign), the same suites in two
# guests (tests/vm/guest/ksmbd-torture.sh): passes when the patched server
# passes every test the stock one passes, and its sessions negotiated
# AES-GMAC. Prints both result lists (build/torture-KVER-{stock,patched}.txt).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
case "${1:-}" in
6.12 | 7.2) kver=$1; shift ;;
*) echo "usage: $0 6.12|7.2 [SUITE...]" >&2; exit 2 ;;
esac
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(smb2.connect smb2.read smb2.rw smb2.compound smb2.session
	smb2.lock smb2.oplock smb2.lease smb2.getinfo smb2.create)
mkdir -p "$repo/build"
for side in stock patched; do
	opts=()
	[ "$side" = stock ] || opts=(--ksmbd smbsign)
	out=$repo/build/torture-$kver-$side.txt
	"$here/run" --kernel "$kver" "${opts[@]}" --share "$repo" --timeout 5400 -- \
		bash /mnt/share/tests/vm/guest/ksmbd-torture.sh "${suites[@]}" >"$out" || true
	echo "== $side ksmbd ($kver): $(grep -c ' success$' "$out") passed, $(grep -c -E ' (failure|error)$' "$out") failed, $(grep -c ' skip$' "$out") skipped"
	grep '^SUITE' "$out"
done
stock=$repo/build/torture-$kver-stock.txt patched=$repo/build/torture-$kver-patched.txt
lost=$(comm -23 <(grep ' success$' "$stock" | sort) <(grep ' success$' "$patched" | sort))
gained=$(comm -13 <(grep ' success$' "$stock" | sort) <(grep ' success$' "$patched" | sort))
rc=0
if [ -n "$lost" ]; then
	echo "FAIL: passed with the stock ksmbd, not with the patched one:"
	awk '{ print "  " $0 }' <<<"$lost"
	rc=1
fi
[ -z "$gained" ] || { echo "passed only with the patched ksmbd:"; awk '{ print "  " $0 }' <<<"$gained"; }
if grep '^SUITE' "$patched" | grep -v -q ' signing AES-GMAC '; then
	echo "FAIL: a suite's session did not negotiate AES-GMAC with the patched ksmbd"
	rc=1
fi
[ "$(grep -c ' success$' "$patched")" -gt 0 ] || { echo "FAIL: no test passed"; rc=1; }
exit "$rc"
