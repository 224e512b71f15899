#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/selftest.sh [KVER] -- the guest runner's own contract
# (tests/vm/run, Documentation/design.rst, "Interfaces"): output, exit
# statuses (the command's own, 124 on timeout, 125 when the guest does not
# boot or the runner is misused) and no qemu left behind after a timeout
# or a signal. Each case
# runs with a TMPDIR of its own, which names the run's job directory on
# qemu's command line, so leftovers are found without confusing them with
# other guests running at the same time.
set -uo pipefail
kver=${1:-6.1}
cd "$(dirname "$0")/../.." || exit 2
run=tests/vm/run
work=$(mktemp -d /tmp/smbsign-vm-selftest.XXXXXX)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tests/vm/check-lib.sh
. tests/vm/check-lib.sh
expect_checks 20

# case NAME ARGS...: run the runner in a fresh TMPDIR; sets $rc, $out, $err,
# $tmp.
case_run() {
	tmp=$work/$1
	shift
	mkdir -p "$tmp"
	rc=0
	TMPDIR=$tmp "$run" "$@" >"$tmp.out" 2>"$tmp.err" || rc=$?
	out=$(cat "$tmp.out")
	err=$(cat "$tmp.err")
}
no_qemu_left() { ! pgrep -f "qemu-system.*$tmp" >/dev/null; }
is() { [ "$1" = "$2" ] || { echo "  got '$1', want '$2'"; false; }; }
has() { [[ $1 == *"$2"* ]] || { echo "  '$2' not in: $1"; false; }; }

case_run ok --kernel "$kver" -- sh -c 'echo to-stdout; echo to-stderr >&2; exit 3'
check "the command's exit status comes back (3)" is "$rc" 3
check "its stdout on stdout" is "$out" to-stdout
check "its stderr on stderr" has "$err" to-stderr
check "no qemu left" no_qemu_left

# shellcheck disable=SC2016 # a literal $HOME, as the guest must receive it
case_run quoting --kernel "$kver" -- printf '<%s>' 'a b' '$HOME' "'"
check "CMD's words arrive as given" is "$out" "<a b><\$HOME><'>"

case_run timeout --kernel "$kver" --timeout 30 -- sleep 600
check "a hung command ends with 124" is "$rc" 124
check "  and says timeout" has "$err" "timeout after 30 s"
check "  no qemu left" no_qemu_left

case_run noboot --kernel "$kver" --timeout 120 --append 'rdinit=/nonexistent' -- true
check "a guest that cannot boot ends with 125" is "$rc" 125
check "  and says it did not boot" has "$err" "did not boot"
check "  no qemu left" no_qemu_left

case_run badparam --kernel "$kver" --params 'no_such_param=1' -- true
check "a misspelt smbsign parameter ends with 125" is "$rc" 125
check "  and names it" has "$err" "no_such_param"

case_run usage --kernel 5.10 -- true
check "an unknown kernel is a usage error (125)" is "$rc" 125
case_run noshare --kernel "$kver" --share /nonexistent -- true
check "a missing --share directory is refused (125)" is "$rc" 125

# An unreachable mirror, with nothing cached yet: the step that needed it
# is named, and nothing is left running. (The module is built first, from
# the host's apt; the rootfs is the first thing that needs the mirror.)
tmp=$work/mirror
mkdir -p "$tmp"
rc=0
TMPDIR=$tmp SMBSIGN_CACHE=$tmp/cache SMBSIGN_MIRROR=http://127.0.0.1:9/debian \
	"$run" --kernel "$kver" -- true >"$tmp.out" 2>"$tmp.err" || rc=$?
err=$(cat "$tmp.err")
check "an unreachable mirror ends with 125" is "$rc" 125
check "  and names the step" has "$err" "mmdebstrap trixie rootfs failed"
check "  nothing left running" not pgrep -f "$tmp"

# A signal to the runner mid-boot stops the guest at once.
tmp=$work/signal
mkdir -p "$tmp"
TMPDIR=$tmp setsid "$run" --kernel "$kver" -- sleep 600 >"$tmp.out" 2>&1 &
pid=$!
for _ in $(seq 120); do
	pgrep -f "qemu-system.*$tmp" >/dev/null && break
	sleep 1
done
sleep 3
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
check "SIGTERM to the runner: exit 125" is "$rc" 125
check "  no qemu left" no_qemu_left

summary "vm runner self-test ($kver)"
