#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The `smbsign` command-line contract (Documentation/design.rst, "Interfaces"): output formats,
# and for bad input one line on stderr, exit status 2, nothing on stdout.
# Expected MACs: RFC 4493 section 4 examples; for GMAC, McGrew-Viega GCM
# test cases 1, 7 and 13 (via tests/vectors/symcrypt/kat_authenc_AesGcm_section.dat)
# and NIST CAVP gcmEncryptExtIV128, PTlen 0 (tests/vectors/README.md); for
# HMAC-SHA256, RFC 4231 section 4 test cases 1, 2, 5 and 6.
#
# SMBSIGN_BIN names another build of the tool (default build/smbsign), e.g.
# build/arm64/smbsign-qemu, the arm64 build under QEMU (make tools-arm64);
# SMBSIGN_ARCH (default: this machine's) the architecture it was built for,
# whose implementation names and CPU features the checks below use.
set -u
cd "$(dirname "$0")/.." || exit 2
bin=${SMBSIGN_BIN:-build/smbsign}
case "${SMBSIGN_ARCH:-$(uname -m)}" in
x86_64)
	# SIMD implementation of AES, GHASH and SHA-256, and the names of
	# their CPU features for SMBSIGN_HIDE_CPU (tools/compat.c).
	aes_impl=aesni aes_cpu=aes ghash_impl=pclmul ghash_cpu=pclmul
	sha_impl=shani sha_cpu=sha
	;;
arm64 | aarch64)
	aes_impl=aes-ce aes_cpu=aes ghash_impl=pmull ghash_cpu=pmull
	sha_impl=sha2-ce sha_cpu=sha2
	;;
*)
	echo "cli_test: no implementation names for ${SMBSIGN_ARCH:-$(uname -m)}" >&2
	exit 2
	;;
esac
fails=0
checks=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect_usage DESCRIPTION -- ARGS... : exit 2, one stderr line, empty stdout.
# stdin is /dev/null, or the file $usage_stdin names.
expect_usage() {
	local what=$1 out err rc
	shift 2
	out=$("$bin" "$@" <"${usage_stdin:-/dev/null}" 2>/tmp/smbsign-cli.err)
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
impls_re='^cmac: generic( [a-z0-9-]+)*'$'\n''gmac: generic( [a-z0-9-]+)*'$'\n''hmac: generic( [a-z0-9-]+)*$'
[[ "$impls" =~ $impls_re ]] || fail "impls printed '$impls'"
cmac_impls=$(sed -n 's/^cmac://p' <<<"$impls")
gmac_impls=$(sed -n 's/^gmac://p' <<<"$impls")
hmac_impls=$(sed -n 's/^hmac://p' <<<"$impls")
for impl in $cmac_impls; do
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

# GMAC: key, nonce, message (AAD), tag. The nonce goes in --nonce, the message on stdin.
gmac_kat=(
	# McGrew-Viega test cases 1, 7, 13: AES-128, -192, -256, all zero, empty
	"00000000000000000000000000000000 000000000000000000000000 - 58e2fccefa7e3061367f1d57a4e7455a"
	"000000000000000000000000000000000000000000000000 000000000000000000000000 - cd33b28ac773f74ba00ed1f312572435"
	"0000000000000000000000000000000000000000000000000000000000000000 000000000000000000000000 - 530f8afbc74536b9a963b4f1c4cb738b"
	# NIST CAVP, [AADlen = 128], [AADlen = 160], [AADlen = 384], [AADlen = 720]: Count = 0
	"77be63708971c4e240d1cb79e8d77feb e0e00f19fed7ba0136a797f3 7a43ec1d9c0a5a78a0b16533a6213cab 209fcc8d3675ed938e9c7166709dd946"
	"2fb45e5b8f993a2bfebc4b15b533e0b4 5b05755f984d2b90f94b8027 e85491b2202caf1d7dce03b97e09331c32473941 c75b7832b2a2d9bd827412b6ef5769db"
	"99e3e8793e686e571d8285c564f75e2b c2dd0ab868da6aa8ad9c0d23 b668e42d4e444ca8b23cfdd95a9fedd5178aa521144890b093733cf5cf22526c5917ee476541809ac6867a8c399309fc 3f4fba100eaf1f34b0baadaae9995d85"
	"20b5b6b854e187b058a84d57bc1538b6 94c1935afc061cbf254b936f ca418e71dbf810038174eaa3719b3fcb80531c7110ad9192d105eeaafa15b819ac005668752b344ed1b22faf77048baf03dbddb3b47d6b00e95c4f005e0cc9b7627ccafd3f21b3312aa8d91d3fa0893fe5bff7d44ca46f23afe0 b37286ebaf4a54e0ffc2a1deafc9f6db"
)
for impl in $gmac_impls; do
	for kat in "${gmac_kat[@]}"; do
		read -r gkey gnonce gaad gtag <<<"$kat"
		[ "$gaad" = - ] && gaad=
		got=$(printf '%s' "$gaad" | xxd -r -p |
		      "$bin" mac --alg gmac --key "$gkey" --nonce "$gnonce" --impl "$impl")
		checks=$((checks + 1))
		[ "$got" = "$gtag" ] || fail "$impl: GMAC key $gkey AAD ${#gaad} hex digits: $got"
	done
done
read -r gkey gnonce gaad gtag <<<"${gmac_kat[0]}"
got=$(printf '' | "$bin" mac --alg gmac --key "$gkey" --nonce "$gnonce" --tag-len 8)
checks=$((checks + 1))
[ "$got" = "${gtag:0:16}" ] || fail "gmac --tag-len 8: $got"

# The vectors stop at 90 bytes; the SIMD code aggregates 16 blocks (256 bytes)
# and more, so every implementation must agree with generic beyond that too.
read -r gkey gnonce gaad gtag <<<"${gmac_kat[6]}"
for len in 255 256 257 4111 70000; do
	want=
	for impl in $gmac_impls; do
		got=$(head -c "$len" /dev/zero | tr '\0' '\245' |
		      "$bin" mac --alg gmac --key "$gkey" --nonce "$gnonce" --impl "$impl")
		checks=$((checks + 1))
		[ -n "$want" ] || want=$got
		[[ "$got" =~ ^[0-9a-f]{32}$ && "$got" = "$want" ]] ||
			fail "$impl: GMAC of $len bytes is $got, generic says $want"
	done
done

# HMAC-SHA256, RFC 4231 section 4: key, data, HMAC-SHA256 (test case 5
# is truncated to 128 bits, test case 6 has a 131-byte key, hashed first).
hmac_kat=(
	"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b 4869205468657265 b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
	"4a656665 7768617420646f2079612077616e7420666f72206e6f7468696e673f 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c 546573742057697468205472756e636174696f6e a3b6167473100ee06e0c796c2955552b"
	"$(printf 'aa%.0s' {1..131}) 54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
)
for impl in $hmac_impls; do
	for kat in "${hmac_kat[@]}"; do
		read -r hkey hdata htag <<<"$kat"
		got=$(printf '%s' "$hdata" | xxd -r -p |
		      "$bin" mac --alg hmac --key "$hkey" --impl "$impl" --tag-len $((${#htag} / 2)))
		checks=$((checks + 1))
		[ "$got" = "$htag" ] || fail "$impl: RFC 4231 key of $((${#hkey} / 2)) bytes: $got"
	done
	# Without --tag-len, all 32 bytes; the empty key and message are valid.
	got=$(printf '' | "$bin" mac --alg hmac --key '' --impl "$impl")
	checks=$((checks + 1))
	[ "$got" = b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad ] ||
		fail "$impl: HMAC-SHA256 of the empty message under the empty key: $got"
done
# Long keys and messages beyond a few blocks: every implementation agrees
# with generic (and with OpenSSL where its command line is there).
for klen in 63 64 65 1024; do
	hkey=$(head -c "$klen" /dev/zero | tr '\0' '\055' | xxd -p | tr -d '\n')
	for len in 0 55 56 64 4111; do
		want=
		if command -v openssl >/dev/null; then
			want=$(head -c "$len" /dev/zero | tr '\0' '\245' |
			       openssl mac -digest SHA256 -macopt "hexkey:$hkey" HMAC 2>/dev/null |
			       tr 'A-F' 'a-f')
		fi
		for impl in $hmac_impls; do
			got=$(head -c "$len" /dev/zero | tr '\0' '\245' |
			      "$bin" mac --alg hmac --key "$hkey" --impl "$impl")
			checks=$((checks + 1))
			[ -n "$want" ] || want=$got
			[[ "$got" =~ ^[0-9a-f]{64}$ && "$got" = "$want" ]] ||
				fail "$impl: HMAC, $klen-byte key, $len bytes: $got, expected $want"
		done
	done
done

# Without the AES instructions only generic is offered, and naming the AES
# implementation is an error; GMAC's SIMD code needs both AES and the
# carry-less multiply.
impls=$(SMBSIGN_HIDE_CPU=$aes_cpu "$bin" impls)
checks=$((checks + 1))
[[ "$impls" =~ ^$'cmac: generic\ngmac: generic\nhmac: ' ]] || fail "impls without AES printed '$impls'"
SMBSIGN_HIDE_CPU=$aes_cpu expect_usage "--impl $aes_impl on a CPU without AES" -- \
	mac --alg cmac --key "$key" --impl "$aes_impl"
impls=$(SMBSIGN_HIDE_CPU=$ghash_cpu "$bin" impls)
checks=$((checks + 1))
[[ "$impls" =~ $'\n'"gmac: generic"$'\n' ]] || fail "impls without $ghash_cpu printed '$impls'"
SMBSIGN_HIDE_CPU=$ghash_cpu expect_usage "--impl $ghash_impl on a CPU without $ghash_cpu" -- \
	mac --alg gmac --key "$key" --nonce 000000000000000000000000 --impl "$ghash_impl"
impls=$(SMBSIGN_HIDE_CPU=$sha_cpu "$bin" impls)
checks=$((checks + 1))
[[ "$impls" =~ $'\n'"hmac: generic"$ ]] || fail "impls without $sha_cpu printed '$impls'"
SMBSIGN_HIDE_CPU=$sha_cpu expect_usage "--impl $sha_impl on a CPU without $sha_cpu" -- \
	mac --alg hmac --key "$key" --impl "$sha_impl"

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
nonce=cafebabefacedbaddecaf888
expect_usage "gmac without --nonce" -- mac --alg gmac --key "$key"
expect_usage "11-byte nonce" -- mac --alg gmac --key "$key" --nonce "${nonce:0:22}"
expect_usage "13-byte nonce" -- mac --alg gmac --key "$key" --nonce "${nonce}00"
expect_usage "empty nonce" -- mac --alg gmac --key "$key" --nonce ""
expect_usage "non-hex nonce" -- mac --alg gmac --key "$key" --nonce "${nonce:0:22}zz"
expect_usage "odd-length nonce" -- mac --alg gmac --key "$key" --nonce "${nonce}0"
expect_usage "gmac 20-byte key" -- mac --alg gmac --key "${key}00000000" --nonce "$nonce"
expect_usage "gmac 15-byte key" -- mac --alg gmac --key "${key:0:30}" --nonce "$nonce"
expect_usage "gmac unknown --impl" -- mac --alg gmac --key "$key" --nonce "$nonce" --impl nosuch
expect_usage "gmac --impl of cmac's" -- mac --alg gmac --key "$key" --nonce "$nonce" --impl "$aes_impl"
expect_usage "gmac --tag-len 17" -- mac --alg gmac --key "$key" --nonce "$nonce" --tag-len 17
expect_usage "hmac --nonce" -- mac --alg hmac --key "$key" --nonce "$nonce"
expect_usage "hmac --tag-len 0" -- mac --alg hmac --key "$key" --tag-len 0
expect_usage "hmac --tag-len 33" -- mac --alg hmac --key "$key" --tag-len 33
expect_usage "hmac non-hex key" -- mac --alg hmac --key 4a6566zz
expect_usage "hmac odd-length key" -- mac --alg hmac --key 4a65666
expect_usage "hmac unknown --impl" -- mac --alg hmac --key "$key" --impl nosuch
expect_usage "hmac --impl of cmac's" -- mac --alg hmac --key "$key" --impl "$aes_impl"
expect_usage "bench --size 0" -- bench --size 0
expect_usage "bench unknown --impl" -- bench --impl nosuch
expect_usage "bench --alg bogus" -- bench --alg bogus
expect_usage "bench gmac unknown --impl" -- bench --alg gmac --impl "$aes_impl"
expect_usage "bench hmac unknown --impl" -- bench --alg hmac --impl "$aes_impl"
expect_usage "bench --per-message unknown --impl" -- bench --per-message --impl nosuch
expect_usage "bench --per-message stray argument" -- bench --per-message extra
# --fpu-bytes: decimal, 512..1048576 (the <alg>_fpu_bytes parameters' range).
for bad in 511 1048577 0 -512 4k 0x200 "" " 512" +512 99999999999999999999; do
	expect_usage "bench --fpu-bytes '$bad'" -- bench --alg gmac --size 64 --reps 1 --fpu-bytes "$bad"
done
expect_usage "bench --fpu-bytes without a value" -- bench --alg gmac --fpu-bytes

# A valid --fpu-bytes sets every algorithm's section size for the run, says
# so, and the tables come out as usual.
for fpu in 512 1048576; do
	out=$("$bin" bench --alg gmac --size 4096 --reps 1 --fpu-bytes "$fpu" 2>&1)
	rc=$?
	checks=$((checks + 1))
	[ "$rc" -eq 0 ] || fail "bench --fpu-bytes $fpu: exit $rc: $out"
	checks=$((checks + 1))
	grep -q "^SIMD sections of at most $fpu (cmac), $fpu (gmac), $fpu (hmac) bytes" <<<"$out" ||
		fail "bench --fpu-bytes $fpu: no section size line: $out"
	checks=$((checks + 1))
	grep -Eq "^  generic +4096 +[0-9]" <<<"$out" ||
		fail "bench --fpu-bytes $fpu: no gmac row: $out"
done
csv=$("$bin" bench --csv --alg cmac --size 4096 --reps 1 --fpu-bytes 512)
checks=$((checks + 1))
[ "$(cut -d, -f1 <<<"$csv" | sort -u | tr '\n' ' ')" = "alg cmac " ] ||
	fail "bench --csv --fpu-bytes printed other rows: $csv"

# bench --csv: the header, then alg,impl,size,MB/s,cycles/B rows incl. openssl
# and floor, for every algorithm when no --alg is given (hmac only on CPUs
# with the SHA-256 instructions, whose floor it needs).
csv=$("$bin" bench --csv --size 4096 --reps 1)
checks=$((checks + 1))
[ "$(head -1 <<<"$csv")" = "alg,impl,size,mb_per_s,cycles_per_byte" ] || fail "bench header: $(head -1 <<<"$csv")"
bench_algs="cmac gmac"
bench_impls="$cmac_impls $gmac_impls"
if [[ " $hmac_impls " == *" $sha_impl "* ]]; then
	bench_algs="$bench_algs hmac"
	bench_impls="$bench_impls $hmac_impls"
fi
for alg in $bench_algs; do
	for row in generic openssl floor; do
		checks=$((checks + 1))
		grep -Eq "^$alg,$row,4096,[0-9]+\.[0-9],[0-9]+\.[0-9]+$" <<<"$csv" ||
			fail "bench row $alg $row missing: $csv"
	done
done
checks=$((checks + 1))
[ "$(wc -l <<<"$csv")" -eq $(($(wc -w <<<"$bench_impls") + 2 * $(wc -w <<<"$bench_algs") + 1)) ] ||
	fail "bench printed other rows than each implementation, openssl and floor: $csv"
csv=$("$bin" bench --csv --alg gmac --size 64 --reps 1)
checks=$((checks + 1))
[ "$(cut -d, -f1 <<<"$csv" | sort -u | tr '\n' ' ')" = "alg gmac " ] ||
	fail "bench --alg gmac printed other algorithms: $csv"

# bench --per-message --csv: alg,pattern,size,ns_per_msg, five patterns per
# algorithm and payload size.
csv=$("$bin" bench --per-message --csv --size 64 --reps 1)
checks=$((checks + 1))
[ "$(head -1 <<<"$csv")" = "alg,pattern,size,ns_per_msg" ] ||
	fail "bench --per-message header: $(head -1 <<<"$csv")"
for alg in cmac gmac hmac; do
	for pattern in send-cache send-nocache verify openssl-keyset openssl-freshkey; do
		checks=$((checks + 1))
		grep -Eq "^$alg,$pattern,64,[0-9]+\.[0-9]$" <<<"$csv" ||
			fail "bench --per-message row $alg $pattern missing: $csv"
	done
done
checks=$((checks + 1))
[ "$(wc -l <<<"$csv")" -eq 16 ] || fail "bench --per-message printed other rows: $csv"

# sign, verify, kdf (Documentation/design.rst, "Interfaces"): the signed
# PDUs and the key derivations of `tests/vectors.py --alg smb` (Windows-
# signed CMAC PDUs and Microsoft's published key derivations; the derived
# GMAC and HMAC PDUs), through every implementation.
pdu_file=$(mktemp)
trap 'rm -f "$pdu_file" "$pdu_file.bad"' EXIT
impls_all=$("$bin" impls)
smb_vectors=$(python3 tests/vectors.py --alg smb)
smb_pdus=0
smb_kdfs=0
smb_alg_impls=0
while read -r kind name a b c d; do
	case $kind in
	pdu)
		smb_pdus=$((smb_pdus + 1))
		printf '%s' "$c" | xxd -r -p >"$pdu_file"
		sig=${c:96:32}
		alg_impls=$(sed -n "s/^$a://p" <<<"$impls_all")
		for impl in $alg_impls; do
			smb_alg_impls=$((smb_alg_impls + 1))
			got=$("$bin" sign --alg "$a" --key "$b" --impl "$impl" <"$pdu_file")
			checks=$((checks + 1))
			[ "$got" = "$sig" ] || fail "$impl: sign $name: $got, expected $sig"
			out=$("$bin" verify --alg "$a" --key "$b" --impl "$impl" <"$pdu_file")
			rc=$?
			checks=$((checks + 1))
			[[ "$rc" -eq 0 && "$out" == OK\ * ]] ||
				fail "$impl: verify $name: exit $rc, '$out'"
		done
		# One bit of the signature, one of the payload: exit 1, BAD.
		for off in 50 $((${#c} / 2 - 1)); do
			printf '%s' "$c" | xxd -r -p |
			python3 -c 'import sys; d = bytearray(sys.stdin.buffer.read()); d[int(sys.argv[1])] ^= 4; sys.stdout.buffer.write(d)' "$off" >"$pdu_file.bad"
			out=$("$bin" verify --alg "$a" --key "$b" <"$pdu_file.bad")
			rc=$?
			checks=$((checks + 1))
			[[ "$rc" -eq 1 && "$out" == BAD\ * ]] ||
				fail "verify $name with byte $off changed: exit $rc, '$out'"
		done
		rm -f "$pdu_file.bad"
		;;
	smbkdf)
		smb_kdfs=$((smb_kdfs + 1))
		hash_arg=()
		[ "$c" = - ] || hash_arg=(--preauth-hash "$c")
		got=$("$bin" kdf --dialect "$a" --session-key "$b" "${hash_arg[@]}")
		checks=$((checks + 1))
		[ "$got" = "$d" ] || fail "kdf $name: $got, expected $d"
		;;
	esac
done <<<"$smb_vectors"
checks=$((checks + 1))
[[ "$smb_pdus" -ge 5 && "$smb_kdfs" -ge 4 ]] ||
	fail "tests/vectors.py --alg smb gave $smb_pdus PDUs and $smb_kdfs key derivations, want 5 and 4"

# MS-SMB2's SigningAlgorithmId names the algorithm too; 3.0.2 derives as 3.0.
win_pdu=$(awk '$1 == "pdu" && $3 == "cmac" { print $5; exit }' <<<"$smb_vectors")
win_key=$(awk '$1 == "pdu" && $3 == "cmac" { print $4; exit }' <<<"$smb_vectors")
printf '%s' "$win_pdu" | xxd -r -p >"$pdu_file"
got=$("$bin" sign --alg 1 --key "$win_key" <"$pdu_file")
checks=$((checks + 1))
[ "$got" = "${win_pdu:96:32}" ] || fail "sign --alg 1: $got"
got=$("$bin" kdf --dialect 3.0.2 --session-key 7cd451825d0450d235424e44ba6e78cc)
checks=$((checks + 1))
[ "$got" = 0b7e9c5cac36c0f6ea9ab275298cedce ] || fail "kdf --dialect 3.0.2: $got"
# The same PDU under the wrong algorithm or key: exit 1.
for wrong in "--alg gmac --key $win_key" "--alg hmac --key $win_key" \
	     "--alg cmac --key ${win_key:0:30}00"; do
	# shellcheck disable=SC2086 # the options are words
	"$bin" verify $wrong <"$pdu_file" >/dev/null
	rc=$?
	checks=$((checks + 1))
	[ "$rc" -eq 1 ] || fail "verify $wrong: exit $rc, expected 1"
done

# Malformed PDUs: exit 2, one line, nothing on stdout.
bad_pdu() {
	python3 -c '
import sys
d = bytearray(bytes.fromhex(sys.argv[1]))
for edit in sys.argv[2:]:
    off, val = edit.split("=")
    if off == "len":
        del d[int(val):]
    else:
        d[int(off)] = int(val, 16)
sys.stdout.buffer.write(d)' "$win_pdu" "$@" >"$pdu_file.bad"
}
usage_stdin=$pdu_file.bad
bad_pdu len=63
expect_usage "sign: a 63-byte PDU" -- sign --alg cmac --key "$win_key"
bad_pdu len=0
expect_usage "verify: an empty PDU" -- verify --alg cmac --key "$win_key"
bad_pdu 0=fd
expect_usage "verify: ProtocolId 0xFD 'SMB' (a transform header)" -- verify --alg cmac --key "$win_key"
bad_pdu 0=ff
expect_usage "verify: an SMB1 header" -- verify --alg cmac --key "$win_key"
bad_pdu 4=41
expect_usage "verify: StructureSize 65" -- verify --alg cmac --key "$win_key"
bad_pdu 20=65
expect_usage "verify: NextCommand past the PDU" -- verify --alg cmac --key "$win_key"
bad_pdu len=100 20=64 21=00
expect_usage "verify: NextCommand 100 bytes short of its member" -- verify --alg cmac --key "$win_key"
bad_pdu len=100 20=64
expect_usage "verify: NextCommand = length, not a multiple of 8" -- verify --alg cmac --key "$win_key"
bad_pdu len=96 20=58
expect_usage "verify: NextCommand 88 in a 96-byte PDU" -- verify --alg cmac --key "$win_key"
usage_stdin=
expect_usage "sign: odd-length hex key" -- sign --alg cmac --key "${win_key}0"
expect_usage "sign: 15-byte AES key" -- sign --alg cmac --key "${win_key:0:30}"
expect_usage "sign: unknown algorithm" -- sign --alg 3 --key "$win_key"
expect_usage "sign: no --key" -- sign --alg cmac
expect_usage "sign: no --alg" -- sign --key "$win_key"
expect_usage "verify: unknown --impl" -- verify --alg gmac --key "$win_key" --impl nosuch
expect_usage "verify: stray argument" -- verify --alg gmac --key "$win_key" pdu.bin
expect_usage "kdf: no --dialect" -- kdf --session-key "$win_key"
expect_usage "kdf: dialect 2.1" -- kdf --dialect 2.1 --session-key "$win_key"
expect_usage "kdf: 3.1.1 without --preauth-hash" -- kdf --dialect 3.1.1 --session-key "$win_key"
expect_usage "kdf: --preauth-hash for 3.0" -- kdf --dialect 3.0 --session-key "$win_key" --preauth-hash "$(printf '00%.0s' {1..64})"
expect_usage "kdf: a 63-byte preauth hash" -- kdf --dialect 3.1.1 --session-key "$win_key" --preauth-hash "$(printf '00%.0s' {1..63})"
expect_usage "kdf: a 15-byte session key" -- kdf --dialect 3.0 --session-key "${win_key:0:30}"
expect_usage "kdf: odd-length session key" -- kdf --dialect 3.0 --session-key "${win_key}0"

# bench --smb --csv: alg,impl,payload,op,ns_per_pdu,mb_per_s,cpu_s_per_gib; per
# implementation 4 payloads x sign, verify, bare-mac.
csv=$("$bin" bench --smb --csv --alg cmac --reps 1)
checks=$((checks + 1))
[ "$(head -1 <<<"$csv")" = "alg,impl,payload,op,ns_per_pdu,mb_per_s,cpu_s_per_gib" ] ||
	fail "bench --smb header: $(head -1 <<<"$csv")"
rows=$(grep -cE '^cmac,[a-z0-9-]+,(64|4096|65536|1048576),(sign|verify|bare-mac),[0-9]+\.[0-9],[0-9]+\.[0-9],[0-9]+\.[0-9]{4}$' <<<"$csv")
checks=$((checks + 1))
[[ "$rows" -eq $((12 * $(wc -w <<<"$cmac_impls"))) &&
   "$(wc -l <<<"$csv")" -eq $((1 + rows)) ]] || fail "bench --smb rows: $csv"
expect_usage "bench --smb --per-message" -- bench --smb --per-message
expect_usage "bench --smb --size" -- bench --smb --size 64
expect_usage "bench --smb --alg bogus" -- bench --smb --alg bogus

# verify --pcap: bad captures and keys are usage errors (exit 2, one line).
cap=tests/vectors/smb/captures/smbd-3.1.1-gmac.pcap
k16=00112233445566778899aabbccddeeff
head -c 5000 "$cap" >"$pdu_file.bad"
expect_usage "verify --pcap: a truncated capture" -- verify --pcap "$pdu_file.bad" --key "0x1=$k16"
: >"$pdu_file.bad"
expect_usage "verify --pcap: an empty file" -- verify --pcap "$pdu_file.bad" --key "0x1=$k16"
expect_usage "verify --pcap: not a capture" -- verify --pcap README --key "0x1=$k16"
expect_usage "verify --pcap: no such file" -- verify --pcap /nonexistent.pcap --key "0x1=$k16"
expect_usage "verify --pcap: no keys" -- verify --pcap "$cap"
expect_usage "verify --pcap: --key without =" -- verify --pcap "$cap" --key "$k16"
expect_usage "verify --pcap: session id 0" -- verify --pcap "$cap" --key "0=$k16"
expect_usage "verify --pcap: odd-length hex key" -- verify --pcap "$cap" --session-key "0x1=${k16}0"
expect_usage "verify --pcap: a session keyed twice" -- verify --pcap "$cap" --key "0x1=$k16" --session-key "1=$k16"
expect_usage "verify --pcap: no file name" -- verify --key "0x1=$k16" --pcap

# The checks above: 94 whatever the CPU, 4 per CMAC implementation, 12 per
# GMAC one, 25 per HMAC one, and 3 bench rows for hmac where SHA-256's
# instructions are;
# for SMB, 44, and 2 per signed PDU and implementation of its algorithm, 2
# per PDU (its changed bytes) and 1 per key derivation.
expected=$((94 + 4 * $(wc -w <<<"$cmac_impls") + 12 * $(wc -w <<<"$gmac_impls") +
	25 * $(wc -w <<<"$hmac_impls") + 44 + 2 * smb_alg_impls + 2 * smb_pdus + smb_kdfs))
[[ " $hmac_impls " != *" $sha_impl "* ]] || expected=$((expected + 3))
echo "cli: $checks checks ($expected expected), $fails failures"
[ "$fails" -eq 0 ] && [ "$checks" -ge "$expected" ]
