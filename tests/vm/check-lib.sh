# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by the test scripts of tests/vm (host side and guest side): one
# line per check, "ok WHAT" or "FAIL WHAT", counted for the summary line.

passed=0
failed=0
ok() {
	echo "ok $*"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}
# check WHAT CMD...: one check, passed when CMD succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}
not() { ! "$@"; }
# summary LABEL: "LABEL: N passed, N failed"; true when none failed.
summary() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
