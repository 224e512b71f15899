#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/e2e.sh [--arch arm64] KVER...   (KVER: 6.1, 6.12, 7.2)
#
# The end-to-end SMB signing scenario (tests/vm/guest/e2e-signing.sh) in a
# tests/vm/run guest of each kernel, with smbsign loaded by the runner; then
# its softdep check in a second guest booted without smbsign (--no-load),
# where smbsign.modprobe.conf has to load it before cifs and ksmbd.
#
# --arch arm64: the arm64 kernels, with smbsign loaded algs=cmac,gmac,hmac
# (arm64's default registers gmac only) and no Samba in the guest
# (e2e-signing.sh), E2E_MIB 16 by default (emulated arm64 is slower); the
# softdep run is left out (the softdeps would load smbsign with gmac only).
#
# E2E_* variables set here are passed to the guest (E2E_MIB=8 for a quick
# run; see e2e-signing.sh). Root, like tests/vm/run. Exit status 0 when every
# run passed, else the first failing run's (124: timeout, 125: the guest did
# not boot).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
arch=amd64
if [ "${1:-}" = --arch ]; then
	arch=${2:-}
	shift 2 || true
fi
case "$arch" in amd64 | arm64) ;; *) echo "usage: $0 [--arch arm64] 6.1|6.12|7.2..." >&2; exit 2 ;; esac
[ $# -gt 0 ] || { echo "usage: $0 [--arch arm64] 6.1|6.12|7.2..." >&2; exit 2; }
run_opts=(--arch "$arch")
if [ "$arch" = arm64 ]; then
	run_opts+=(--params 'algs=cmac,gmac,hmac')
	export E2E_MIB=${E2E_MIB:-16}
fi

# Guest time measured under QEMU TCG on 2 cores, boot included: full
# scenario 1-2.5 min, softdep 30-40 s. The timeouts leave room for a slower
# machine without letting a hung mount hold make check for long.
full_timeout=${E2E_TIMEOUT:-900}
softdep_timeout=300

# The E2E_* settings of this environment, for the guest's command line.
guest_env=()
while IFS= read -r v; do
	guest_env+=("$v=${!v}")
done < <(compgen -e | grep '^E2E_' | grep -v '^E2E_TIMEOUT$' || true)

status=0
# guest KVER LABEL RUN-OPTION... -- SCRIPT-ARG...
guest() {
	local kver=$1 label=$2 start rc=0 opts=()
	shift 2
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	start=$(date +%s)
	echo "e2e.sh: $kver: $label"
	"$here/run" --kernel "$kver" "${run_opts[@]}" --share "$repo" "${opts[@]}" -- \
		env ${guest_env[@]+"${guest_env[@]}"} \
		bash /mnt/share/tests/vm/guest/e2e-signing.sh "$@" || rc=$?
	echo "e2e.sh: $kver: $label: exit $rc ($(($(date +%s) - start)) s, boot included)"
	[ "$rc" -eq 0 ] || [ "$status" -ne 0 ] || status=$rc
}

for kver in "$@"; do
	guest "$kver" "scenario, smbsign loaded by the runner" --timeout "$full_timeout" --
	[ "$arch" = arm64 ] ||
		guest "$kver" "softdep, guest booted without smbsign" --no-load --timeout "$softdep_timeout" -- --softdep-only
done
exit "$status"
