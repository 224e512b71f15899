#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# In a tests/vm/run guest: signed SMB sessions captured with tcpdump, for
# `smbsign verify --pcap` (tests/vectors/smb/captures/, made by
# tests/vm/captures.sh). Samba's smbclient against Samba's smbd with each
# dialect family and 3.1.1 signing algorithm, and against ksmbd for 2.1
# (HMAC-SHA256) and 3.1.1 with AES-CMAC only: stock ksmbd signs a 3.1.1
# session that negotiated HMAC with CMAC, and its READ responses at end of
# file wrongly, so no file is read back from it.
#
# Each session: put a file of 100 KiB, list the share, show the file's
# information, (smbd: get it back,) delete it; signing required, a fixed
# user and password (smb-lib.sh). smbclient runs with "debug encryption =
# yes", which dumps the SMB 3.x session and signing keys it derived: kept
# beside each capture as NAME.keylog, to cross-check the keys the tests
# derive from the password. And the kernel's cifs client against smbd
# (3.1.1, AES-CMAC: cifs offers nothing else), which sends compound chains:
# copy the file in, stat it, list, compare, delete (no key log). And
# Samba's smbtorture (3.1.1, AES-128-GMAC) for what the clients above never
# send: related and unrelated compound chains, and a blocking lock that goes
# async (an interim STATUS_PENDING response) and is cancelled (CANCEL).
#
# usage: capture-smb.sh OUTDIR
set -uo pipefail
CHECK_TAG=capture
# shellcheck source=tests/vm/guest/smb-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/smb-lib.sh"

outdir=${1:?usage: capture-smb.sh OUTDIR}
mkdir -p "$outdir" || die "cannot create $outdir"
smb_init
data=$SMB_WORK/data.bin
head -c 102400 /dev/urandom >"$data"

# --immediate-mode: without it libpcap hands packets over a ring block at a
# time, and the block still filling when tcpdump is stopped is lost (the
# end of a session went missing that way).
tcpdump_pid=
tcpdump_start() {
	local pcap=$1 log
	log=$SMB_WORK/tcpdump-$(basename "$1").log
	tcpdump -i lo --immediate-mode -U -s 0 -w "$pcap" 'tcp port 445' 2>"$log" &
	tcpdump_pid=$!
	wait_for 10 grep -q 'listening on' "$log" ||
		die "tcpdump did not start: $(cat "$log")"
}
tcpdump_stop() {
	sleep 1
	kill -INT "$tcpdump_pid" 2>/dev/null
	wait "$tcpdump_pid" 2>/dev/null
}

# session NAME PROTO ALGS COMMANDS: one captured smbclient session.
session() {
	local name=$1 proto=$2 algs=$3 cmds=$4 opts=()
	[ "$algs" = - ] || opts+=(--option="client smb3 signing algorithms=$algs")
	tcpdump_start "$outdir/$name.pcap"
	try 120 smbclient "$SMB_UNC" -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" \
		--option="client min protocol=$proto" \
		--option="client max protocol=$proto" \
		--option="debug encryption=yes" \
		"${opts[@]}" -c "$cmds"
	local rc=$?
	tcpdump_stop
	cp "$SMB_LOG" "$outdir/$name.keylog"
	# allinfo asks for shadow copies, which neither server has: not an error.
	if [ "$rc" -ne 0 ] ||
	   grep -v 'getting shadow copy data' "$SMB_LOG" | grep -q -E 'NT_STATUS_|ERRDOS'; then
		fail_try "$name: smbclient $proto ${algs/#-/(dialect default)}" "$rc"
		return 1
	fi
	ok "$name: smbclient $proto, signing algorithms ${algs/#-/(dialect default)}: $(stat -c %s "$outdir/$name.pcap") bytes captured"
}

# cifs_capture NAME VERS: a signed cifs mount's traffic.
cifs_capture() {
	local name=$1 vers=$2 rc=0
	tcpdump_start "$outdir/$name.pcap"
	cifs_mount "$name" "$vers" || { tcpdump_stop; return 1; }
	{ cp "$data" "$SMB_MNT/c.bin" && stat "$SMB_MNT/c.bin" &&
	  ls -l "$SMB_MNT" && cmp "$data" "$SMB_MNT/c.bin" &&
	  rm "$SMB_MNT/c.bin"; } >"$SMB_LOG" 2>&1 || rc=$?
	cifs_umount "$name" "$vers"
	tcpdump_stop
	if [ "$rc" -ne 0 ]; then
		fail_try "$name: copy, stat, list, compare, delete over cifs" "$rc"
		return 1
	fi
	ok "$name: cifs vers=$vers: $(stat -c %s "$outdir/$name.pcap") bytes captured"
}

# torture_capture NAME TEST...: smbtorture's TESTs, captured.
torture_capture() {
	local name=$1 rc t
	shift
	tcpdump_start "$outdir/$name.pcap"
	try 300 smbtorture "$SMB_UNC" -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" \
		--option="client min protocol=SMB3_11" \
		--option="client max protocol=SMB3_11" \
		--option="client smb3 signing algorithms=AES-128-GMAC" \
		--option="debug encryption=yes" "$@"
	rc=$?
	tcpdump_stop
	cp "$SMB_LOG" "$outdir/$name.keylog"
	for t in "$@"; do
		grep -q "^success: ${t##*.}\$" "$SMB_LOG" || { [ "$rc" -ne 0 ] || rc=1; }
	done
	if [ "$rc" -ne 0 ]; then
		fail_try "$name: smbtorture $*" "$rc"
		return 1
	fi
	ok "$name: smbtorture $* passed: $(stat -c %s "$outdir/$name.pcap") bytes captured"
}

with_get="put $data a.bin; ls; allinfo a.bin; get a.bin $SMB_WORK/back.bin; rm a.bin"
no_get="put $data a.bin; ls; allinfo a.bin; rm a.bin"

smbd_start
session smbd-2.1-hmac SMB2_10 - "$with_get"
session smbd-3.0.2-cmac SMB3_02 - "$with_get"
session smbd-3.1.1-gmac SMB3_11 AES-128-GMAC "$with_get"
session smbd-3.1.1-cmac SMB3_11 AES-128-CMAC "$with_get"
session smbd-3.1.1-hmac SMB3_11 HMAC-SHA256 "$with_get"
cifs_capture cifs-3.1.1-cmac 3.1.1
# (smb2.compound.related1 and related2 crash trixie's smbtorture 4.22.)
torture_capture torture-3.1.1-gmac smb2.compound.related3 smb2.compound.unrelated1 \
	smb2.compound.interim1 smb2.lock.cancel
smbd_stop

if ksmbd_serves; then
	ksmbd_start
	session ksmbd-2.1-hmac SMB2_10 - "$no_get"
	session ksmbd-3.1.1-cmac SMB3_11 AES-128-CMAC "$no_get"
	ksmbd_stop
else
	skip "ksmbd sessions: $KSMBD_BROKEN_WHY"
fi
expect_checks 10
summary capture
