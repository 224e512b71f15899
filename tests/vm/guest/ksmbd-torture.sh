#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# In a tests/vm/run guest: Samba's smbtorture suites against the guest's
# ksmbd (the stock one, or with --ksmbd smbsign the patched one), signing
# required, SMB 3.1.1, Samba's default signing algorithms (GMAC first).
# Prints one line per test, "RESULT <suite>.<test> success|failure|error|
# skip", and per suite which signing algorithm the first session
# negotiated, from a capture read by tests/smb_pcap_check.py; the host
# (tests/vm/ksmbd-torture.sh) compares the stock and patched lists.
#
# usage: ksmbd-torture.sh SUITE...
set -uo pipefail
CHECK_TAG=torture
# shellcheck source=tests/vm/guest/smb-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/smb-lib.sh"
[ $# -gt 0 ] || die "usage: ksmbd-torture.sh SUITE..."
smb_init
ksmbd_start
for suite; do
	t0=$(now)
	pcap=$SMB_WORK/$suite.pcap
	tcpdump -i lo -c 200 -U -s 0 -w "$pcap" 'tcp port 445' 2>/dev/null &
	tpid=$!
	sleep 1
	timeout -k 5 "${TORTURE_TIMEOUT:-600}" smbtorture "$SMB_UNC" -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" \
		--option="client min protocol=SMB3_11" \
		--option="client max protocol=SMB3_11" \
		--option="torture:sharedelay=100000" \
		"$suite" >"$SMB_WORK/$suite.log" 2>&1
	rc=$?
	kill -INT "$tpid" 2>/dev/null
	wait "$tpid" 2>/dev/null
	sed -n -E 's/^(success|failure|error|skip|xfail): ([^ ]+).*$/RESULT '"$suite"'.\2 \1/p' \
		"$SMB_WORK/$suite.log"
	alg=$(cd "$SMB_REPO/tests" && python3 smb_pcap_check.py --password "$SMB_PASS" "$pcap" 2>/dev/null |
		sed -n -E '1s/^port [0-9]+: dialect 0x[0-9a-f]+ ([A-Z0-9-]+):.*/\1/p')
	echo "SUITE $suite exit $rc signing ${alg:-unknown} ($(since "$t0") s)"
done
ksmbd_stop
