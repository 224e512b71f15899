#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The `smbsign` command-line contract (DESIGN.md section 3): output formats,
# and for bad input one line on stderr, exit status 2, nothing on stdout.
# Expected MACs: RFC 4493 section 4 examples (tests/vectors/README.md).
set -u
cd "$(dirname "$0")/.." || exit 2
bin=build/smbsign
fails=0
checks=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect_usage DESCRIPTION -- ARGS... : exit 2, one stderr line, empty stdout.
expect_usage() {
	local what=$1 out err rc
	shift 2
	out=$("$bin" "$@" </dev/null 2>/tmp/smbsign-cli.err)
	rc=$?
	err=$(cat /tmp/smbsign-cli.err)
	checks=$((checks + 1))
	[ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2"
	[ -z "$out" ] || fail "$what: printed '$out' on stdout"
	if [ -z "$err" ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ]; then
		fail "$what: stderr is not one line: '$err'"
	fi
	case "$err" in smbsign:*) ;; *) fail "$what: stderr '$err' lacks 'smbsign:'" ;; esac
}

key=2b7e151628aed2a6abf7158809cf4f3c
msg=6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710
declare -A rfc=([0]=bb1d6929e95937287fa37d129b756746 [16]=070a16b46b4d4144f79bdd9dd04a287c
		[40]=dfa66747de9ae63030ca32611497c827 [64]=51f0bebf7e3b9d92fc49741779363cfe)

impls=$("$bin" impls)
checks=$((checks + 1))
[[ "$impls" =~ ^cmac:\ generic(\ [a-z0-9-]+)*$ ]] || fail "impls printed '$impls'"
for impl in ${impls#cmac:}; do
	for len in 0 16 40 64; do
		got=$(printf '%s' "${msg:0:$((2 * len))}" | xxd -r -p |
		      "$bin" mac --alg cmac --key "$key" --impl "$impl")
		checks=$((checks + 1))
		[ "$got" = "${rfc[$len]}" ] || fail "$impl: RFC 4493 $len bytes: $got"
	done
done
got=$(printf '' | "$bin" mac --alg cmac --key "$key" --tag-len 8)
checks=$((checks + 1))
[ "$got" = "${rfc[0]:0:16}" ] || fail "--tag-len 8: $got"

# Without AES-NI only generic is offered, and naming aesni is an error.
impls=$(SMBSIGN_HIDE_CPU=aes "$bin" impls)
checks=$((checks + 1))
[ "$impls" = "cmac: generic" ] || fail "impls without AES-NI printed '$impls'"
SMBSIGN_HIDE_CPU=aes expect_usage "--impl aesni on a CPU without AES-NI" -- \
	mac --alg cmac --key "$key" --impl aesni

expect_usage "no command" --
expect_usage "unknown command" -- frobnicate
expect_usage "unknown option" -- mac --alg cmac --key "$key" --frob
expect_usage "option without value" -- mac --alg cmac --key
expect_usage "missing --alg" -- mac --key "$key"
expect_usage "missing --key" -- mac --alg cmac
expect_usage "unknown algorithm" -- mac --alg md5 --key "$key"
expect_usage "odd hex" -- mac --alg cmac --key 2b7e1
expect_usage "bad hex" -- mac --alg cmac --key 2b7e151628aed2a6abf7158809cf4fzz
expect_usage "15-byte key" -- mac --alg cmac --key 2b7e151628aed2a6abf7158809cf4f
expect_usage "empty key" -- mac --alg cmac --key ""
expect_usage "--nonce for cmac" -- mac --alg cmac --key "$key" --nonce 000000000000000000000000
expect_usage "unknown --impl" -- mac --alg cmac --key "$key" --impl nosuch
expect_usage "--tag-len 17" -- mac --alg cmac --key "$key" --tag-len 17
expect_usage "--tag-len x" -- mac --alg cmac --key "$key" --tag-len x
expect_usage "stray argument" -- mac --alg cmac --key "$key" extra
expect_usage "bench --size 0" -- bench --size 0
expect_usage "bench unknown --impl" -- bench --impl nosuch

# bench --csv: the header, then alg,impl,size,MB/s,cycles/B rows incl. openssl and floor.
csv=$("$bin" bench --csv --size 4096 --reps 1)
checks=$((checks + 1))
[ "$(head -1 <<<"$csv")" = "alg,impl,size,mb_per_s,cycles_per_byte" ] || fail "bench header: $(head -1 <<<"$csv")"
for row in generic openssl floor; do
	checks=$((checks + 1))
	grep -Eq "^cmac,$row,4096,[0-9]+\.[0-9],[0-9]+\.[0-9]+$" <<<"$csv" || fail "bench row $row missing: $csv"
done

echo "cli: $checks checks, $fails failures"
[ "$fails" -eq 0 ]
