#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/ksmbd_install_test.sh -- what keeps a patched ksmbd off a kernel
# it was not made for, checked on this machine with staged trees
# (DESTDIR), after a `make ksmbd KVER=6.12` (the vm tests build it):
#   - make install-ksmbd for the build's own release stages ksmbd.ko and
#     its smbsign.ko in updates/; uninstall-ksmbd removes ksmbd.ko only,
#     and a second uninstall says there is nothing to remove;
#   - for another release, or where dpkg says the release is another
#     Debian version of the kernel, install refuses and writes nothing;
#   - uninstall leaves a ksmbd.ko that is not the patched one alone;
#   - build-ksmbd.sh refuses a patch series made for another source
#     version before building anything.
# The conditions handed to `check ... eval '...'` are expanded when the
# check runs them, not where they are written.
# shellcheck disable=SC2016
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
CHECK_TAG=ksmbd-install
# shellcheck source=tests/vm/check-lib.sh
. tests/vm/check-lib.sh
cache=$(realpath -m "${SMBSIGN_CACHE:-/var/cache/smbsign}")
kver=6.12
expect_checks 9

built=$cache/ksmbd/$kver
if [ ! -f "$built/ksmbd.ko" ]; then
	bash scripts/build-ksmbd.sh "$kver" >/dev/null || { fail "make ksmbd KVER=$kver"; summary "$CHECK_TAG"; exit 1; }
fi
rel=$(cat "$built/kernel-release")
ver=$(cat "$built/source-version")
work=$(mktemp -d /tmp/smbsign-ksmbd-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
upd=lib/modules/$rel/updates

make_in() { # STAGE KRELEASE TARGET: output in $work/out
	DESTDIR=$1 KRELEASE=$2 make -s "$3" KVER=$kver >"$work/out" 2>&1
}

make_in "$work/a" "$rel" install-ksmbd
check "install-ksmbd for $rel: updates/ksmbd.ko and smbsign.ko staged" \
	test -f "$work/a/$upd/ksmbd.ko" -a -f "$work/a/$upd/smbsign.ko"
check "the staged ksmbd.ko is the patched one (depends on smbsign)" \
	grep -q -a 'depends=.*smbsign' "$work/a/$upd/ksmbd.ko"
make_in "$work/a" "$rel" uninstall-ksmbd
check "uninstall-ksmbd removed ksmbd.ko and left smbsign.ko" \
	test ! -e "$work/a/$upd/ksmbd.ko" -a -f "$work/a/$upd/smbsign.ko"
rc=0
make_in "$work/a" "$rel" uninstall-ksmbd || rc=$?
check "a second uninstall-ksmbd fails (exit $rc): $(grep -o 'no .*uninstall' "$work/out")" \
	test "$rc" -ne 0

other=${rel/$kver./$kver.9}
check "install-ksmbd for $other is refused: $(make_in "$work/b" "$other" install-ksmbd; grep -o 'refusing.*' "$work/out")" \
	eval '! make_in "$work/b" "$other" install-ksmbd && [ ! -e "$work/b/lib" ]'

mkdir -p "$work/c/var/lib/dpkg"
printf 'Package: linux-image-%s\nStatus: install ok installed\nVersion: %s+x1\nArchitecture: amd64\n\n' \
	"$rel" "$ver" >"$work/c/var/lib/dpkg/status"
check "install-ksmbd where dpkg has linux-image-$rel $ver+x1 is refused" \
	eval '! make_in "$work/c" "$rel" install-ksmbd && grep -q refusing "$work/out" && [ ! -e "$work/c/lib" ]'
sed -i "s/^Version: .*/Version: $ver/" "$work/c/var/lib/dpkg/status"
check "install-ksmbd where dpkg has linux-image-$rel $ver is done" \
	eval 'make_in "$work/c" "$rel" install-ksmbd && [ -f "$work/c/$upd/ksmbd.ko" ]'

mkdir -p "$work/d/$upd"
printf 'not the patched module\0depends=nls_ucs2_utils,cifs_arc4\0' >"$work/d/$upd/ksmbd.ko"
check "uninstall-ksmbd leaves a ksmbd.ko that does not depend on smbsign alone" \
	eval '! make_in "$work/d" "$rel" uninstall-ksmbd && [ -f "$work/d/$upd/ksmbd.ko" ]'

mkdir "$work/src"
git ls-files -co --exclude-standard -z | tar -c --null -T - | tar -x -C "$work/src"
echo "${ver%-*}-99" >"$work/src/smb/ksmbd/$kver/source-version"
SMBSIGN_SRC=$work/src bash "$work/src/scripts/build-ksmbd.sh" "$kver" >"$work/out" 2>&1
rc=$?
check "build-ksmbd.sh refuses patches made for ${ver%-*}-99 (exit $rc): $(grep -o 'refusing to build' "$work/out")" \
	eval '[ "$rc" -eq 1 ] && grep -q "refusing to build" "$work/out" && ! grep -q "^build-module" "$work/out"'
summary "$CHECK_TAG"
