# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The one harness of the tests in tests/vm, host side and guest side:
# sourced, never run. One line per check, counted for the summary line:
#
#   ok MSG / fail MSG / skip MSG   a check that held / did not (a FAIL line)
#                                  / that this kernel cannot make, and why
#   check MSG CMD...               ok when CMD succeeds, else fail
#   counted [-p PREFIX] CMD...     CMD prints "ok ..." and "FAIL ..." lines
#                                  (tools/af_alg.py, sysfs_write.py): each
#                                  is a check; CMD's own failure (a non-zero
#                                  status, a traceback cutting its checks
#                                  short) is one more FAIL
#   expect_checks N                the summary fails when fewer than N checks
#                                  ran (a group that silently lost some)
#   summary LABEL                  "LABEL: N passed, N failed[, N skipped]";
#                                  true only when none failed and at least
#                                  the expected number ran
# With CHECK_TAG set, every line starts with "$CHECK_TAG: ".
#
# And /proc/crypto, read the same way by every test: crypto_table,
# crypto_field, crypto_drivers, crypto_top, crypto_ranking.

check_passed=0
check_failed=0
check_skipped=0
check_expected=0

check_say() { echo "${CHECK_TAG:+$CHECK_TAG: }$*"; }
ok() {
	check_passed=$((check_passed + 1))
	check_say "ok $*"
}
# FAIL lines go to stdout too, in order with the others (the runner prints
# a guest's stdout, then its stderr).
fail() {
	check_failed=$((check_failed + 1))
	check_say "FAIL $*"
}
skip() {
	check_skipped=$((check_skipped + 1))
	check_say "SKIP $*"
}
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}
not() { ! "$@"; }

counted() {
	local prefix='' out rc line n=0
	if [ "${1:-}" = -p ]; then
		prefix=$2
		shift 2
	fi
	out=$("$@" 2>&1)
	rc=$?
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "$prefix${line#ok }"; n=$((n + 1)) ;;
		"FAIL "*) fail "$prefix${line#FAIL }"; n=$((n + 1)) ;;
		"") ;;
		*) check_say "  $line" ;;
		esac
	done <<<"$out"
	[ "$rc" -eq 0 ] || fail "$prefix$*: exit $rc after $n checks"
	[ "$n" -gt 0 ] || fail "$prefix$*: made no check"
}

expect_checks() { check_expected=$1; }

summary() {
	local extra='' total=$((check_passed + check_failed))
	[ "$check_skipped" -eq 0 ] || extra=", $check_skipped skipped"
	if [ "$total" -lt "$check_expected" ]; then
		check_say "FAIL only $total checks ran, $check_expected expected"
		check_failed=$((check_failed + 1))
	fi
	echo "$1: $check_passed passed, $check_failed failed$extra"
	[ "$check_failed" -eq 0 ]
}

# One line per algorithm: name driver priority refcnt selftest digestsize
# (the last empty where there is none, e.g. a cipher).
crypto_table() {
	awk -F' *: ' '
		/^name/ { n = $2 } /^driver/ { d = $2 } /^priority/ { p = $2 }
		/^refcnt/ { r = $2 } /^selftest/ { s = $2 } /^digestsize/ { g = $2 }
		/^$/ { if (d != "") print n, d, p, r, s, g; n = d = p = r = s = g = "" }
		END { if (d != "") print n, d, p, r, s, g }' /proc/crypto
}

# crypto_field DRIVER name|priority|refcnt|selftest|digestsize [SNAPSHOT]:
# empty when no such driver; SNAPSHOT: a file crypto_table wrote.
crypto_field() {
	local col
	case "$2" in
	name) col=1 ;; priority) col=3 ;; refcnt) col=4 ;; selftest) col=5 ;;
	digestsize) col=6 ;;
	*) return 2 ;;
	esac
	if [ -n "${3:-}" ]; then cat "$3"; else crypto_table; fi |
		awk -v d="$1" -v c="$col" '$2 == d { print $c; exit }'
}

# crypto_drivers NAME [SNAPSHOT]: drivers of NAME, highest priority first:
# the first is the one a new allocation of NAME gets.
crypto_drivers() {
	if [ -n "${2:-}" ]; then cat "$2"; else crypto_table; fi |
		awk -v n="$1" '$1 == n { print $3, $2 }' | sort -rn -s -k1,1 |
		cut -d' ' -f2
}
crypto_top() { crypto_drivers "$@" | head -n 1; }

# "driver (priority P), ..." for NAME, highest first.
crypto_ranking() {
	crypto_table | awk -v n="$1" '$1 == n { print $3, $2 }' | sort -rn -s -k1,1 |
		awk '{ printf "%s%s (%s)", sep, $2, $1; sep = ", " } END { print "" }'
}
