#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# In a `tests/vm/run --ksmbd smbsign` guest (6.12 or 7.2): the patched
# ksmbd (smb/ksmbd/KVER) signs with the algorithm each client negotiates,
# through smbsign, with server signing = mandatory.
#
#   1. `modprobe ksmbd` loaded the patched module from updates/, which
#      depends on smbsign; its signing_algorithms parameter takes Samba's
#      names and refuses anything else, unchanged. Hand-made NEGOTIATE
#      requests (smb_negotiate_probe.py): the server's order decides,
#      unknown ids are skipped, malformed signing contexts and GMAC offered
#      on 3.0.2 negotiate no algorithm (AES-CMAC), as the stock server
#      does, and a short signed PDU is dropped; the server keeps serving.
#   2. Sessions, each captured with tcpdump and checked twice, by
#      `smbsign verify --pcap` and by tests/smb_pcap_check.py (Python
#      `cryptography`): every signed PDU verifies, and the negotiate
#      response names the algorithm expected:
#        smbclient, Samba's defaults (GMAC first)       -> AES-GMAC, a
#          MIB MiB file put and got back, smbsign's gmac counters grow by
#          at least twice the file and cmac's not at all
#        smbclient, client smb3 signing algorithms = AES-128-CMAC -> CMAC
#        smbclient, ... = HMAC-SHA256 (3.1.1)           -> HMAC-SHA256
#          (stock ksmbd signs that session with CMAC)
#        smbclient SMB2_10 -> HMAC-SHA256, SMB3_02 -> AES-CMAC
#        cifs vers=3.1.1 (stock cifs: no signing context) -> AES-CMAC,
#          and with enable_negotiate_signing=1 (offers CMAC) -> AES-CMAC;
#          a READ at the end of a file verifies (stock ksmbd signs that
#          response over the wrong bytes)
#   3. WRITEs whose signatures have one bit flipped (tests/vm/guest/
#      smb_flip_proxy.py between smbclient and ksmbd) are refused and
#      nothing of them reaches the share.
#   4. A reconnect: ksmbd restarted under a cifs mount; the mount comes
#      back signed and reads and writes correctly.
#   5. Multichannel: cifs binds a second channel (through a dummy
#      interface's address) to its session; data over both, every
#      signature verified by both sides.
#
# usage: ksmbd-gmac.sh MIB   (the size of the GMAC transfer)
# The conditions handed to `check ... eval '...'` are expanded when the
# check runs them, not where they are written.
# shellcheck disable=SC2016
set -uo pipefail
CHECK_TAG=ksmbd-gmac
# shellcheck source=tests/vm/guest/smb-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/smb-lib.sh"

mib=${1:?usage: ksmbd-gmac.sh MIB}
repo=$SMB_REPO
tool=$repo/build/smbsign
caps=$SMB_WORK/captures
expect_checks 53
smb_init
mkdir -p "$caps"
trap smb_cleanup EXIT
[ -x "$tool" ] || die "no $tool (make tools on the host first)"

# --- 1. the module ------------------------------------------------------------

param=/sys/module/ksmbd/parameters/signing_algorithms
ksmbd_start
path=$(modinfo -n ksmbd)
deps=$(modinfo -F depends ksmbd)
check "modprobe ksmbd loaded the patched module: $path (depends: $deps)" \
	eval '[[ $path == */updates/* ]] && [[ ,$deps, == *,smbsign,* ]] && [ -r "$param" ]'
default_algs=$(cat "$param")
check "signing_algorithms defaults to Samba's order: $default_algs" \
	test "$default_algs" = "AES-128-GMAC,AES-128-CMAC,HMAC-SHA256"
for bad in "AES-256-GMAC" "AES-128-GMAC,AES-128-GMAC" "gmac;cmac"; do
	check "signing_algorithms refuses '$bad', unchanged" \
		eval '! echo "$bad" >"$param" 2>/dev/null && [ "$(cat "$param")" = "$default_algs" ]'
done
echo "aes-128-cmac, HMAC-SHA256" >"$param"
check "signing_algorithms takes 'aes-128-cmac, HMAC-SHA256': $(cat "$param")" \
	test "$(cat "$param")" = "AES-128-CMAC,HMAC-SHA256"
echo "$default_algs" >"$param"

# Hand-made NEGOTIATEs: the choice by the server's order, unknown ids,
# malformed signing contexts, GMAC offered on 3.0.2, a short signed PDU.
counted -p "negotiate: " python3 "$repo/tests/vm/guest/smb_negotiate_probe.py"

# --- 2. sessions, captured ----------------------------------------------------

tcpdump_pid=
tcpdump_start() {
	local log=$SMB_WORK/tcpdump.log
	# --immediate-mode: the block still filling at the end is not lost;
	# -B: a 128 MiB buffer, or a slow (TCG) guest drops 64 KiB loopback
	# packets of a fast transfer.
	tcpdump -i lo --immediate-mode -B 131072 -U -s 0 -w "$1" 'tcp port 445' 2>"$log" &
	tcpdump_pid=$!
	wait_for 10 grep -q 'listening on' "$log" || die "tcpdump did not start: $(cat "$log")"
}
# tcpdump_stop: fails when the kernel dropped packets (a capture with holes
# verifies fewer PDUs, not all of them).
tcpdump_stop() {
	local log=$SMB_WORK/tcpdump.log
	sleep 1
	kill -INT "$tcpdump_pid" 2>/dev/null
	wait "$tcpdump_pid" 2>/dev/null
	grep -q '^0 packets dropped by kernel' "$log" || {
		fail "tcpdump lost packets: $(grep dropped "$log" | tr '\n' ' ')"
		return 1
	}
}

# pcap_checks NAME ALG: both verifiers over the capture; two checks.
pcap_checks() {
	local name=$1 alg=$2 pcap=$caps/$1.pcap keys out args=()
	keys=$(python3 "$repo/tests/smb_capture_keys.py" --password "$SMB_PASS" "$pcap") ||
		{ fail "$name: no session keys from the capture"; return 1; }
	for k in $keys; do args+=(--session-key "$k"); done
	local failed=$check_failed
	out=$("$tool" verify --pcap "$pcap" "${args[@]}" 2>&1)
	local rc=$?
	check "$name: smbsign verify --pcap: $(grep '^summary:' <<<"$out")" \
		eval '[ "$rc" -eq 0 ] && grep -q " 0 stream directions with bytes missing" <<<"$out"' ||
		grep -v ' OK' <<<"$out" | head -n 5 | sed 's/^/    | /'
	out=$(cd "$repo/tests" && python3 smb_pcap_check.py --password "$SMB_PASS" "$pcap" 2>&1)
	rc=$?
	check "$name: cryptography's check: $(head -n 1 <<<"$out")" \
		eval '[ "$rc" -eq 0 ] && ! grep -v " $alg: " <<<"$out" | grep -q "^port "' ||
		sed -n '2,6s/^/    | /p' <<<"$out"
	# A capture that failed a check is kept for a person to look at.
	if [ "$check_failed" -ne "$failed" ] && mkdir -p "$repo/build/ksmbd-gmac-failed"; then
		cp "$pcap" "$repo/build/ksmbd-gmac-failed/" &&
			say "kept $name.pcap in build/ksmbd-gmac-failed/"
	fi
}

# smbclient_capture NAME PROTO ALGS MIB EXPECT: put and get MIB MiB.
smbclient_capture() {
	local name=$1 proto=$2 algs=$3 size=$4 alg=$5 src dst opts=() rc
	src=$SMB_WORK/src-$size dst=$SMB_WORK/back.bin
	random_file "$src" "$size"
	[ "$algs" = - ] || opts+=(--option="client smb3 signing algorithms=$algs")
	[ "$proto" = - ] || opts+=(--option="client min protocol=$proto" --option="client max protocol=$proto")
	rm -f "$dst"
	tcpdump_start "$caps/$name.pcap"
	try 600 smbclient "$SMB_UNC" -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" "${opts[@]}" \
		-c "put $src $name.bin; get $name.bin $dst; rm $name.bin"
	rc=$?
	tcpdump_stop
	check "$name: smbclient ${proto/#-/(default dialect)} ${algs/#-/(default algorithms)}: put and got $size MiB back, equal" \
		eval '[ "$rc" -eq 0 ] && cmp -s "$src" "$dst"' || why
	pcap_checks "$name" "$alg"
	rm -f "$caps/$name.pcap"
}

c0=$(counters_snap) || die "no /sys/kernel/smbsign counters"
smbclient_capture smbclient-default - - "$mib" AES-GMAC
c1=$(counters_snap)
g=$(counter_delta "$c0" "$c1" gmac bytes)
c=$(counter_delta "$c0" "$c1" cmac bytes)
check "smbsign's gmac counters grew by $g bytes (>= 2 x $mib MiB), cmac's by $c" \
	eval '[ "$g" -ge $((2 * mib << 20)) ] && [ "$c" -eq 0 ]'

c0=$(counters_snap)
smbclient_capture smbclient-cmac SMB3_11 AES-128-CMAC 1 AES-CMAC
c1=$(counters_snap)
check "cmac counters grew ($(counter_delta "$c0" "$c1" cmac bytes) bytes), gmac's did not" \
	eval '[ "$(counter_delta "$c0" "$c1" cmac bytes)" -gt $((2 << 20)) ] && [ "$(counter_delta "$c0" "$c1" gmac ops)" -eq 0 ]'
smbclient_capture smbclient-hmac-311 SMB3_11 HMAC-SHA256 1 HMAC-SHA256
smbclient_capture smbclient-2.1 SMB2_10 - 1 HMAC-SHA256
smbclient_capture smbclient-3.0.2 SMB3_02 - 1 AES-CMAC

# cifs_capture NAME OPTS: copy in, read back, a READ at end of file.
cifs_capture() {
	local name=$1 src=$SMB_WORK/src-4 mark rc=0
	random_file "$src" 4
	mark=$(dmesg_mark)
	tcpdump_start "$caps/$name.pcap"
	cifs_mount "$name" 3.1.1
	{ cp "$src" "$SMB_MNT/c.bin" && cmp "$src" "$SMB_MNT/c.bin" &&
	  dd if="$SMB_MNT/c.bin" of=/dev/null bs=4k skip=1024 count=1 &&
	  rm "$SMB_MNT/c.bin"; } >"$SMB_LOG" 2>&1 || rc=$?
	cifs_umount "$name" 3.1.1
	tcpdump_stop
	check "$name: cifs copied 4 MiB in, read it back equal, read at end of file" test "$rc" -eq 0 || why
	check "$name: cifs verified every response (no 'sign fail' in dmesg)" \
		not eval 'dmesg | tail -n "+$((mark + 1))" | grep -q -E "sign fail|signature verification returned error"'
	pcap_checks "$name" AES-CMAC
	rm -f "$caps/$name.pcap"
}
cifs_capture cifs-3.1.1
modprobe cifs
echo 1 >/sys/module/cifs/parameters/enable_negotiate_signing
cifs_capture cifs-3.1.1-negotiate-signing
echo 0 >/sys/module/cifs/parameters/enable_negotiate_signing

# --- 3. a forged signature -----------------------------------------------------

flip_check() {
	local src=$SMB_WORK/src-1 mark rc
	random_file "$src" 1
	mark=$(dmesg_mark)
	python3 "$repo/tests/vm/guest/smb_flip_proxy.py" 4450 445 >"$SMB_WORK/proxy.log" 2>&1 &
	local proxy=$!
	wait_for 10 grep -q listening "$SMB_WORK/proxy.log"
	try 120 smbclient "$SMB_UNC" -p 4450 -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" -c "put $src flipped.bin"
	rc=$?
	kill "$proxy" 2>/dev/null
	wait "$proxy" 2>/dev/null
	check "every WRITE with one signature bit flipped ($(grep -c flipped "$SMB_WORK/proxy.log") of them): smbclient failed (exit $rc)" \
		eval 'grep -q flipped "$SMB_WORK/proxy.log" && [ "$rc" -ne 0 ]'
	check "ksmbd refused them ('bad smb2 signature') and wrote none of their data" \
		eval 'dmesg | tail -n "+$((mark + 1))" | grep -q "bad smb2 signature" &&
		      [ "$(stat -c %s "$SMB_EXPORT/flipped.bin" 2>/dev/null || echo 0)" -eq 0 ]'
	rm -f "$SMB_EXPORT/flipped.bin"
}
flip_check

# --- 4. a reconnect --------------------------------------------------------------

reconnect_check() {
	local src=$SMB_WORK/src-4 rc=0
	cifs_mount reconnect 3.1.1
	cp "$src" "$SMB_MNT/r.bin" >"$SMB_LOG" 2>&1 || rc=$?
	try 30 ksmbd.control --shutdown
	wait_for 30 port445_closed
	try 30 ksmbd.mountd
	wait_for 30 port445_open
	# cifs reconnects on the next request: a new session, new keys.
	{ wait_for 60 cmp "$src" "$SMB_MNT/r.bin" && cp "$src" "$SMB_MNT/r2.bin" &&
	  cmp "$src" "$SMB_MNT/r2.bin" && rm "$SMB_MNT/r.bin" "$SMB_MNT/r2.bin"; } >>"$SMB_LOG" 2>&1 || rc=$?
	check "reconnect: ksmbd restarted under the mount, cifs read and wrote 4 MiB again, equal" test "$rc" -eq 0 || why
	check "reconnect: the new session is signed" cifs_session_signed
	cifs_umount reconnect 3.1.1
}
reconnect_check

# --- 5. multichannel -------------------------------------------------------------

# ksmbd lists its network interfaces to a client (FSCTL_QUERY_NETWORK_
# INTERFACE_INFO) but never the loopback: a dummy interface gives cifs a
# second address to bind a channel through (its packets still go over lo).
multichannel_check() {
	local src=$SMB_WORK/src-16 mark rc=0 chans
	random_file "$src" 16
	try 30 ksmbd.control --shutdown
	wait_for 30 port445_closed
	sed -i 's/^\[global\]$/[global]\n\tserver multi channel support = yes/' /etc/ksmbd/ksmbd.conf
	if ! { ip link add smbsign0 type dummy && ip addr add 10.79.0.1/24 dev smbsign0 &&
		ip link set smbsign0 up; }; then
		fail "multichannel: no dummy interface"
		return 1
	fi
	try 30 ksmbd.mountd
	wait_for 30 port445_open
	mark=$(dmesg_mark)
	try 60 mount -t cifs "$SMB_UNC" "$SMB_MNT" \
		-o "username=$SMB_USER,password=$SMB_PASS,sign,vers=3.1.1,cache=none,multichannel,max_channels=2" ||
		{ fail_try "multichannel: mount -o multichannel,max_channels=2" $?; return 1; }
	# cifs adds the channel in the background, after the mount returns.
	# DebugData lists the channels after the first, "Channel: 2 ...".
	wait_for 30 grep -q "Channel: " /proc/fs/cifs/DebugData
	chans=$((1 + $(grep -c "Channel: " /proc/fs/cifs/DebugData)))
	{ cp "$src" "$SMB_MNT/m.bin" && cmp "$src" "$SMB_MNT/m.bin" && rm "$SMB_MNT/m.bin"; } >"$SMB_LOG" 2>&1 || rc=$?
	check "multichannel: cifs bound $chans channels to one session (10.79.0.1 beside 127.0.0.1)" test "$chans" -ge 2 ||
		grep -E "Channel|Server interfaces|Dialect" /proc/fs/cifs/DebugData | head -n 8 | sed 's/^/    | /'
	check "multichannel: 16 MiB copied over both channels and read back equal" test "$rc" -eq 0 || why
	check "multichannel: every signature verified both ways (no 'sign fail', no 'bad smb2 signature')" \
		not eval 'dmesg | tail -n "+$((mark + 1))" | grep -q -E "sign fail|signature verification returned error|bad smb2 signature"'
	cifs_umount multichannel 3.1.1
}
multichannel_check

ksmbd_stop
summary "$CHECK_TAG"
