#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end SMB signing inside a tests/vm/run guest (Debian 6.1, 6.12 or
# 7.2; the kernel is read from uname -r). Run by tests/vm/e2e.sh:
#
#   e2e-signing.sh                 smbsign loaded by the runner: the scenario
#   e2e-signing.sh --softdep-only  guest booted with --no-load: the softdep
#                                  in smbsign.modprobe.conf loads smbsign
#                                  before cifs and ksmbd (the default when
#                                  smbsign is not loaded)
#
# The scenario, over 127.0.0.1, every server with signing mandatory:
#   a. cifs (sign, cache=none) against ksmbd, vers=2.1, 3.0, 3.1.1: write and
#      read back $E2E_MIB MiB (default 64), SHA-256 compared;
#   b. the independent implementation both ways: Samba's smbclient (client
#      signing = required, dialect pinned) against ksmbd, and cifs against
#      Samba's smbd;
#   c. 6.1/6.12: the driver of the MAC that signs the dialect, for 3.0 and
#      3.1.1 cmac-aes-smbsign (AES-CMAC), for 2.1 hmac-sha256-smbsign
#      (HMAC-SHA256): its /proc/crypto refcnt rose while connected, cifs and
#      ksmbd each released references of it when they let go, and no other
#      cmac(aes) or hmac(sha256) driver moved from the boot baseline (3.x
#      derives its signing keys with HMAC-SHA256: through smbsign too);
#      and smbsign's own counters (/sys/kernel/smbsign/<alg>/): the
#      dialect's MAC counted at least the file bytes that crossed signed
#      (4x what was written and read back against ksmbd: each WRITE and
#      each READ response is signed by one in-kernel side and verified by
#      the other; 2x against smbd or from smbclient, one side in the
#      kernel), 3.x also hmac MACs (key derivation), gmac nothing;
#   d. 7.x: cifs and ksmbd sign through lib/crypto: no cmac(aes) or
#      hmac(sha256) driver's refcnt moves from the boot baseline, and none
#      of smbsign's counters moves during a session.
# Ends with "e2e KVER: N passed, M failed"; exit status 0 iff M = 0 and
# at least the checks this kernel's scenario makes ran (measured on
# Debian's 6.1, 6.12 and 7.2: see expect_checks below).
#
# Environment: E2E_MIB (cifs <-> ksmbd, default 64), E2E_SMBD_MIB (cifs <->
# smbd, 16), E2E_SMBCLIENT_MIB (8), E2E_SOFTDEP_MIB (8), E2E_KSMBD=force
# (serve with ksmbd even on 6.1, whose ksmbd oopses: see smb-lib.sh).
#
# No `set -e`: a failed check is counted and the scenario goes on, so one run
# shows everything that is wrong; steps the rest depends on `die`.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
CHECK_TAG="e2e $(uname -r | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')"
# shellcheck source=tests/vm/guest/smb-lib.sh
. "$here/smb-lib.sh"

E2E_MIB=${E2E_MIB:-64}
E2E_SMBD_MIB=${E2E_SMBD_MIB:-16}
E2E_SMBCLIENT_MIB=${E2E_SMBCLIENT_MIB:-8}
E2E_SOFTDEP_MIB=${E2E_SOFTDEP_MIB:-8}
E2E_BASE=$SMB_WORK/crypto.base	# /proc/crypto at the start: the baseline

finish() {
	summary "$CHECK_TAG"
	exit
}

# Before anything: the kernel's expectations are known, and neither cifs nor
# ksmbd is loaded yet (a tfm allocated earlier would not be smbsign's).
preflight() {
	local m
	sign_path >/dev/null ||
		die "kernel $(uname -r): no record of how its cifs and ksmbd sign (known: 6.1, 6.12, 7.x)"
	for m in cifs ksmbd; do
		! module_loaded "$m" || die "$m is loaded before the test began"
	done
}

# baseline WHEN: the stock cmac(aes) and hmac(sha256) present and idle,
# smbsign ranked above them, and the /proc/crypto every later refcnt is
# compared with.
baseline() {
	local stock name drv refs=() line=()
	for name in 'cmac(aes)' 'hmac(sha256)'; do
		case "$name" in
		'cmac(aes)') stock=$(stock_cmac) ;;
		*) stock=$(stock_hmac) ;;
		esac
		drv=$(smbsign_driver "$name")
		crypto_instantiate "$stock" 2>"$SMB_LOG" ||
			{ fail "cannot allocate the stock $stock through AF_ALG"; why; }
		rank_check "$name"
		refs+=("$drv" "$stock")
	done
	crypto_snap "$E2E_BASE"
	for drv in "${refs[@]}"; do
		line+=("$drv refcnt $(crypto_field "$drv" refcnt "$E2E_BASE")")
	done
	say "baseline: $(join ', ' "${line[@]}"), $1"
}

# arm64 guests have no Samba (their userland is unpacked, never configured:
# tests/vm/images.sh), so there the scenario is cifs <-> ksmbd alone.
have_samba() { command -v smbclient >/dev/null && command -v smbd >/dev/null; }

full_scenario() {
	local v p
	module_loaded smbsign || die "smbsign is not loaded (run with --softdep-only in a --no-load guest)"
	# The scenario's checks: 47 where ksmbd serves files, 32 on 6.1; 17
	# without Samba (arm64: the two rankings, five per cifs dialect).
	if ! have_samba; then
		ksmbd_serves || die "no Samba and no ksmbd that serves files: nothing to test"
		expect_checks 17
	elif ksmbd_serves; then
		expect_checks 47
	else
		expect_checks 32
	fi
	case "$(sign_path)" in
	api) say "kernel $(uname -r), smbsign loaded: cifs and ksmbd sign through the crypto API here, smbsign should serve them" ;;
	lib) say "kernel $(uname -r), smbsign loaded: cifs and ksmbd sign through lib/crypto here, smbsign should not be used" ;;
	esac
	preflight
	baseline "before cifs and ksmbd load"
	try 60 modprobe cifs || { fail_try "modprobe cifs" $?; finish; }

	# a, c: cifs against ksmbd, ksmbd started afresh for every dialect, so
	# its tfm pool (kept until unload) is this dialect's alone.
	if ksmbd_serves; then
		for v in 2.1 3.0 3.1.1; do
			ksmbd_start
			cifs_session ksmbd "$v" "$E2E_MIB"
		done
		# b: Samba's client against ksmbd.
		for p in SMB2_10 SMB3_00 SMB3_11; do
			have_samba || break
			ksmbd_start
			smbclient_session "$p" "$E2E_SMBCLIENT_MIB"
		done
	else
		skip "cifs -> ksmbd (vers=2.1, 3.0, 3.1.1) and file I/O from smbclient -> ksmbd: $KSMBD_BROKEN_WHY"
		# What ksmbd still does here, signed: sessions, IPC$, RPC.
		for p in SMB2_10 SMB3_00 SMB3_11; do
			ksmbd_start
			smbclient_session "$p" 0
		done
	fi

	# b, c: cifs against Samba's server: only cifs's side is in the kernel.
	if have_samba; then
		say "cifs -> smbd: $E2E_SMBD_MIB MiB per dialect (Samba serves slower than ksmbd under QEMU)"
		smbd_start
		for v in 2.1 3.0 3.1.1; do
			cifs_session smbd "$v" "$E2E_SMBD_MIB"
		done
		smbd_stop
	else
		say "no Samba in this guest (arm64): Samba's client and server left out"
	fi

	# d.
	if [ "$(sign_path)" = lib ] && [ "$lib_fails" -eq 0 ]; then
		say "cifs and ksmbd sign through lib/crypto, not the crypto API: smbsign is not used for SMB on this kernel"
	fi
}

# e: smbsign.modprobe.conf's softdeps load smbsign before cifs and ksmbd.
softdep_scenario() {
	local conf=$repo/smbsign.modprobe.conf m srv
	! module_loaded smbsign ||
		die "smbsign is already loaded: the softdep check needs a guest booted with --no-load"
	# The softdep checks: 9 (10 on 6.1, where cifs -> smbd adds one).
	expect_checks 9
	preflight
	[ -f "$conf" ] || die "no $conf"
	# The name make install gives it: modprobe takes the first softdep line
	# for a module, and "00-" sorts before depmod's modules.softdep.
	cp "$conf" /etc/modprobe.d/00-smbsign.conf || die "cannot install $conf"
	say "softdep: smbsign.modprobe.conf installed as /etc/modprobe.d/00-smbsign.conf: $(grep '^softdep' "$conf" | paste -sd ';' | sed 's/;/; /g')"

	for m in cifs ksmbd; do
		if [ "$m" = ksmbd ]; then
			# Nothing holds smbsign yet: unload it, so that ksmbd's
			# softdep has to load it again.
			try 30 rmmod smbsign || { fail_try "softdep: rmmod smbsign" $?; continue; }
		fi
		try 60 modprobe -v "$m" || { fail_try "softdep: modprobe $m" $?; continue; }
		if module_loaded smbsign && loaded_before smbsign "$m"; then
			ok "softdep: modprobe $m loaded smbsign first ($(grep -o '[^/]*\.ko[^ ]*' "$SMB_LOG" | tr '\n' ' ' | sed 's/ $//;s/ / then /g'))"
		else
			fail "softdep: modprobe $m did not load smbsign before $m"
			why
		fi
	done
	module_loaded smbsign || die "softdep: smbsign is not loaded: nothing more to check"
	baseline "before any SMB session"

	# End to end with the modules as the softdeps loaded them.
	srv=ksmbd
	ksmbd_serves || { srv=smbd; say "softdep: cifs -> smbd, not ksmbd: $KSMBD_BROKEN_WHY"; }
	"${srv}_start"
	cifs_session "$srv" 3.1.1 "$E2E_SOFTDEP_MIB"
	[ "$srv" != smbd ] || smbd_stop
}

smb_init
trap smb_cleanup EXIT
case "${1:-}" in
--softdep-only) softdep_scenario ;;
'') if module_loaded smbsign; then full_scenario; else softdep_scenario; fi ;;
*)
	echo "usage: $0 [--softdep-only]" >&2
	exit 2
	;;
esac
finish
