# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared by the end-to-end SMB scenarios that run inside a tests/vm/run guest
# (e2e-signing.sh, demo.sh): sourced, never run. Root, trixie userland, one
# of Debian's 6.1/6.12/7.2 kernels. Everything here prints one line per step
# that a person can follow, prefixed with "$CHECK_TAG: ", and counts checks
# with tests/vm/check-lib.sh (ok, fail, skip, summary), plus:
#
#   die MSG                    a step the rest cannot do without: FAIL, the
#                              summary, exit 1
#
# The scripts mostly call whole sessions, which do their own checks:
#   ksmbd_start / smbd_start    a server on 127.0.0.1:445, signing mandatory
#   cifs_session SRV VERS MIB.. mount (sign, cache=none), copy in and back,
#                               bad-signature scan, umount, and the proof of
#                               which crypto driver signed (AES-CMAC for 3.x,
#                               HMAC-SHA256 for 2.1; stops ksmbd)
#   smbclient_session PROTO MIB Samba's client against ksmbd (stops ksmbd)
# and read /proc/crypto with check-lib.sh's crypto_table and friends,
# crypto_snap, crypto_delta.
#
# Every command that might hang (a server that does not answer, a mount that
# never returns) runs under timeout(1), so a broken kernel costs seconds and
# a FAIL line, not the runner's whole timeout.

CHECK_TAG=${CHECK_TAG:-smb}
# shellcheck source=tests/vm/check-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../check-lib.sh"
SMB_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)	# tools/af_alg.py
SMB_USER=smbsign
SMB_PASS=smbsign-e2e-Pw1
SMB_EXPORT=/srv/share		# the tmpfs the server shares as [share]
SMB_MNT=/mnt/smb		# where cifs mounts it
SMB_WORK=/tmp/smb-e2e		# our files: sources, read-back copies, logs
SMB_LOG=$SMB_WORK/last.log	# output of the last command run by `try`
SMB_UNC=//127.0.0.1/share
SMB_EOF_PROBE=${SMB_EOF_PROBE:-1}	# 0: cifs_session leaves eof_probe out

say() { echo "$CHECK_TAG: $*"; }
die() {
	fail "$*"
	summary "$CHECK_TAG"
	exit 1
}

# "6.12" from "6.12.117+deb13-amd64".
kernel_series() { uname -r | sed -E 's/^([0-9]+\.[0-9]+).*/\1/'; }

# Which way cifs and ksmbd reach HMAC-SHA256 and AES-CMAC on this kernel
# (Documentation/design.rst, "Which kernels"): "api" = by name through the crypto API (6.1, 6.12:
# smbsign serves them), "lib" = lib/crypto calls (7.x: smbsign is not used
# for SMB). 6.13..6.19 are left out: 6.18 already mixes the two.
sign_path() {
	case "$(kernel_series)" in
	6.1 | 6.12) echo api ;;
	7.*) echo lib ;;
	*) return 1 ;;
	esac
}

# Debian's 6.1.192 ksmbd dereferences NULL in smb2_open() on the first open
# of a directory without a v2 lease (the share root, which every client opens
# first): the 6.1.y backport of upstream 1e689a561738 ("smb: server: fix
# use-after-free in smb2_open()") calls opinfo_put(opinfo) on a NULL opinfo,
# and 6.1's opinfo_put() has no NULL check. With oops=panic the guest dies.
# So on 6.1 ksmbd does not serve; E2E_KSMBD=force tries anyway.
ksmbd_serves() {
	[ "${E2E_KSMBD:-}" = force ] && return 0
	[ "$(kernel_series)" != 6.1 ]
}
# shellcheck disable=SC2034 # for the scripts that source this
KSMBD_BROKEN_WHY="Debian 6.1's ksmbd oopses on the first directory open (smb2_open calls opinfo_put(NULL): 6.1.y backport of upstream 1e689a561738); E2E_KSMBD=force tries anyway"

# loaded_before A B: module A went in before module B (/proc/modules lists
# the newest first).
loaded_before() {
	awk -v a="$1" -v b="$2" '$1 == a { ia = NR } $1 == b { ib = NR }
		END { exit !(ia && ib && ia > ib) }' /proc/modules
}
module_loaded() { grep -q "^$1 " /proc/modules; }

# join SEP WORD...: the words with SEP between them.
join() {
	local sep=$1 out=${2-} w
	shift
	[ $# -eq 0 ] || shift
	for w in "$@"; do out+=$sep$w; done
	echo "$out"
}

# Wall clock, and seconds since a given reading with one decimal.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# try SECONDS CMD...: CMD bounded by SECONDS (then killed), its output kept in
# $SMB_LOG for `why`; returns CMD's status, 124 when the time ran out.
try() {
	local t=$1
	shift
	timeout -k 5 "$t" "$@" >"$SMB_LOG" 2>&1
}
# The end of the last `try`'s output, indented under a FAIL line.
why() { tail -n 6 "$SMB_LOG" | sed 's/^/    | /'; }
# fail_try MSG RC: a FAIL line for a `try` that returned RC, with its output.
fail_try() {
	local what=$1 rc=$2
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$what (timed out)"
	else
		fail "$what (exit $rc)"
	fi
	why
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	while ! "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}

smb_init() {
	mkdir -p "$SMB_WORK" "$SMB_MNT"
	: >"$SMB_LOG"
}

# --- /proc/crypto -----------------------------------------------------------
#
# A registered algorithm has refcnt 1 (the registration's own reference);
# every live tfm adds one, and so does a template instance built on it.
# A template instance such as hmac(sha256-ni) appears the first time someone
# allocates it and stays registered, at refcnt 1, after its last tfm is freed.

# crypto_snap FILE: the table now, for crypto_delta and friends.
crypto_snap() { crypto_table >"$1"; }

# crypto_delta NAME A B: "driver:+N" for each NAME driver whose refcnt went
# from snapshot A to B, space separated; empty when none moved. A driver in
# only one snapshot counts as refcnt 1 (an idle template instance) in the
# other, so an instance created and released between A and B is no change.
crypto_delta() {
	awk -v n="$1" '
		FNR == NR { if ($1 == n) a[$2] = $4; next }
		$1 == n { b[$2] = $4 }
		END {
			for (d in a) if (!(d in b)) b[d] = 1
			for (d in b) {
				if (!(d in a)) a[d] = 1
				if (b[d] != a[d]) printf "%s:%+d\n", d, b[d] - a[d]
			}
		}' "$2" "$3" | sort | tr '\n' ' ' | sed 's/ $//'
}

# crypto_moved DRIVER A B: the change of DRIVER's refcnt from A to B.
crypto_moved() {
	local a b
	a=$(crypto_field "$1" refcnt "$2")
	b=$(crypto_field "$1" refcnt "$3")
	echo $((${b:-1} - ${a:-1}))
}

# --- the user and the exported tmpfs -----------------------------------------

# ksmbd and smbd both map the SMB user to the Unix user of the same name
# (without one, ksmbd fails every create with EACCES), which owns the share.
smb_user_setup() {
	id "$SMB_USER" >/dev/null 2>&1 ||
		useradd -M -N -d "$SMB_EXPORT" -s /usr/sbin/nologin "$SMB_USER" ||
		die "useradd $SMB_USER failed"
	mkdir -p "$SMB_EXPORT"
	if ! mountpoint -q "$SMB_EXPORT"; then
		mount -t tmpfs -o size=768m,mode=0775 tmpfs "$SMB_EXPORT" ||
			die "cannot mount a tmpfs at $SMB_EXPORT"
	fi
	chown "$SMB_USER:" "$SMB_EXPORT"
}

# Something is listening on TCP port 445 (ksmbd's listener is a kernel
# socket, which ss lists like any other).
port445_open() { [ -n "$(ss -Hltn 'sport = :445' 2>/dev/null)" ]; }
port445_closed() { ! port445_open; }

# --- ksmbd --------------------------------------------------------------------

ksmbd_conf() {
	mkdir -p /etc/ksmbd
	cat >/etc/ksmbd/ksmbd.conf <<-EOF
		; written by smbsign's tests/vm/guest/smb-lib.sh
		[global]
			server signing = mandatory
			server min protocol = SMB2_10
			server max protocol = SMB3_11
			; signing is what is tested: keep encryption out of the way
			smb3 encryption = disabled
		[share]
			path = $SMB_EXPORT
			read only = no
			browseable = yes
	EOF
}

# ksmbd_start: the module, the user database and ksmbd.mountd, up until the
# kernel listens on 445. Dies on failure: the ksmbd checks need it.
ksmbd_start() {
	local rc=0 t0
	t0=$(now)
	port445_closed || die "ksmbd: port 445 is already taken: $(ss -Hltnp 'sport = :445')"
	smb_user_setup
	ksmbd_conf
	try 30 ksmbd.adduser -p "$SMB_PASS" "$SMB_USER" || { fail_try "ksmbd: ksmbd.adduser $SMB_USER" $?; die "ksmbd cannot start"; }
	try 60 modprobe ksmbd || { fail_try "ksmbd: modprobe ksmbd" $?; die "ksmbd cannot start"; }
	try 30 ksmbd.mountd || rc=$?
	if [ "$rc" -ne 0 ] || ! wait_for 30 port445_open; then
		[ "$rc" -ne 0 ] || rc=124
		fail_try "ksmbd: ksmbd.mountd did not get the server listening on 445" "$rc"
		die "ksmbd cannot start"
	fi
	say "ksmbd: serving $SMB_EXPORT (tmpfs) as [share], server signing = mandatory ($(since "$t0") s)"
}

# ksmbd_stop: shut ksmbd down and unload it, which frees the tfm pool it
# keeps for the life of the module.
ksmbd_stop() {
	local t0
	t0=$(now)
	try 30 ksmbd.control --shutdown || { fail_try "ksmbd: ksmbd.control --shutdown" $?; return 1; }
	if ! wait_for 30 port445_closed; then
		fail "ksmbd: still listening on 445 30 s after ksmbd.control --shutdown"
		return 1
	fi
	# The module is busy until the shutdown's last reference is gone.
	if ! wait_for 30 try 10 rmmod ksmbd; then
		fail_try "ksmbd: rmmod ksmbd" 1
		return 1
	fi
	say "ksmbd: shut down and unloaded ($(since "$t0") s)"
}

# --- Samba smbd ---------------------------------------------------------------

SMBD_CONF=/etc/samba/smb.conf

smbd_conf() {
	mkdir -p /etc/samba /run/samba /var/lib/samba/private /var/cache/samba /var/log/samba
	cat >"$SMBD_CONF" <<-EOF
		# written by smbsign's tests/vm/guest/smb-lib.sh
		[global]
			server role = standalone server
			server signing = mandatory
			server min protocol = SMB2_10
			smb ports = 445
			disable netbios = yes
			load printers = no
			printing = bsd
			printcap name = /dev/null
			disable spoolss = yes
			passdb backend = tdbsam
			map to guest = never
			smb encrypt = off
			log file = $SMB_WORK/smbd.log
			max log size = 0
		[share]
			path = $SMB_EXPORT
			read only = no
	EOF
}

smbd_pid() { cat /run/samba/smbd.pid 2>/dev/null; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

smbd_start() {
	local rc=0 t0
	t0=$(now)
	port445_closed || die "smbd: port 445 is already taken: $(ss -Hltnp 'sport = :445')"
	smb_user_setup
	smbd_conf
	try 30 smbpasswd -c "$SMBD_CONF" -a -s "$SMB_USER" \
		<<<"$SMB_PASS"$'\n'"$SMB_PASS" || { fail_try "smbd: smbpasswd -a $SMB_USER" $?; die "smbd cannot start"; }
	try 60 smbd -D -s "$SMBD_CONF" || rc=$?
	if [ "$rc" -ne 0 ] || ! wait_for 60 port445_open; then
		[ "$rc" -ne 0 ] || rc=124
		fail_try "smbd: smbd -D did not listen on 445" "$rc"
		tail -n 5 "$SMB_WORK/smbd.log" 2>/dev/null | sed 's/^/    | /'
		die "smbd cannot start"
	fi
	say "smbd: Samba $(smbd --version | sed 's/^Version //') serving $SMB_EXPORT as [share], server signing = mandatory ($(since "$t0") s)"
}

smbd_stop() {
	local pid t0
	t0=$(now)
	pid=$(smbd_pid)
	[ -n "$pid" ] || { fail "smbd: no pid file"; return 1; }
	kill "$pid" 2>/dev/null
	if ! wait_for 30 port445_closed || ! wait_for 10 pid_gone "$pid"; then
		fail "smbd: still running 30 s after SIGTERM"
		kill -9 "$pid" 2>/dev/null
		return 1
	fi
	say "smbd: stopped ($(since "$t0") s)"
}
# --- cifs ---------------------------------------------------------------------

# The dialect cifs negotiated for our (only) server, "0x311", from
# /proc/fs/cifs/DebugData ("Number of credits: ... Dialect 0x311 signed").
cifs_dialect() {
	sed -n 's/.*Dialect \(0x[0-9a-f]*\).*/\1/p' /proc/fs/cifs/DebugData | head -n 1
}
# The session line: "Security type: RawNTLMSSP  SessionId: 0x1 signed".
cifs_session_signed() {
	grep -q 'SessionId: 0x[0-9a-f]* .*signed' /proc/fs/cifs/DebugData
}

# cifs_mount WHO VERS: a signed mount of the share at $SMB_MNT. cache=none
# makes every read and write of the test go over the wire (and be signed)
# instead of being served from the client's page cache. One check: the
# mount worked, with the dialect asked for, on a session cifs signs.
cifs_mount() {
	local who=$1 vers=$2 rc t0 want got
	t0=$(now)
	try 60 mount -t cifs "$SMB_UNC" "$SMB_MNT" \
		-o "username=$SMB_USER,password=$SMB_PASS,sign,vers=$vers,cache=none" || {
		rc=$?
		fail_try "$who: vers=$vers: mount -t cifs $SMB_UNC -o sign,vers=$vers,cache=none" "$rc"
		dmesg | grep -i -E 'cifs|ksmbd' | tail -n 4 | sed 's/^/    | dmesg: /'
		return 1
	}
	# 2.1 -> 0x210, 3.0 -> 0x300, 3.1.1 -> 0x311
	want=${vers//./}00
	want=0x${want:0:3}
	got=$(cifs_dialect)
	# On a failed check the mount stays: what follows still runs and tells
	# more, and cifs_session unmounts it.
	if [ "$got" != "$want" ]; then
		fail "$who: vers=$vers: cifs negotiated dialect '$got', not $want"
	elif ! cifs_session_signed; then
		fail "$who: vers=$vers: /proc/fs/cifs/DebugData does not show the session as signed"
		grep -E 'Dialect|SessionId' /proc/fs/cifs/DebugData | sed 's/^/    | /'
	else
		ok "$who: vers=$vers: mounted $SMB_UNC with sign,cache=none: dialect $got, session signed ($(since "$t0") s)"
	fi
}

# cifs_umount WHO VERS: unmount; a lazy forced unmount when that fails, so a
# broken server does not leave the next step a busy mount point.
cifs_umount() {
	local who=$1 vers=$2 rc
	try 60 umount "$SMB_MNT" || {
		rc=$?
		fail_try "$who: vers=$vers: umount $SMB_MNT" "$rc"
		timeout 10 umount -f -l "$SMB_MNT" 2>/dev/null
		return 1
	}
}

# A file of N MiB of random bytes at PATH (made once per size).
random_file() {
	local path=$1 mib=$2
	[ -f "$path" ] && [ "$(stat -c %s "$path")" -eq $((mib << 20)) ] && return 0
	try 120 dd if=/dev/urandom of="$path" bs=1M count="$mib" status=none ||
		die "cannot write $mib MiB of random data to $path"
}

sha256_of() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }

# sums_agree WHAT SUM NAME BACK T0: one check that the source's SHA-256
# (SUM), the file the server stored (our own tmpfs: both servers are local)
# and BACK, the copy read back, are equal; T0 is when the copy began.
sums_agree() {
	local what=$1 sum_src=$2 sum_srv sum_back
	sum_srv=$(sha256_of "$SMB_EXPORT/$3")
	sum_back=$(sha256_of "$4")
	if [ "$sum_src" = "$sum_srv" ] && [ "$sum_src" = "$sum_back" ]; then
		ok "$what, sha256 equal ($(since "$5") s)"
	else
		fail "$what: sha256 differ: source ${sum_src:0:16}, on the server ${sum_srv:0:16}, read back ${sum_back:0:16}"
		return 1
	fi
}

# roundtrip WHO VERS MIB: write a MIB MiB file through the mount at $SMB_MNT,
# read it back through the mount, and compare the SHA-256 of the source, of
# the file the server stored (our own tmpfs: both servers are local) and of
# what was read back. One check.
roundtrip() {
	local who=$1 vers=$2 mib=$3 src dst name t0 rc sum_src
	src=$SMB_WORK/src-$mib
	name=e2e-$$-$RANDOM.bin
	dst=$SMB_WORK/back.bin
	random_file "$src" "$mib"
	sum_src=$(sha256_of "$src")
	t0=$(now)
	try 600 dd if="$src" of="$SMB_MNT/$name" bs=1M status=none conv=fsync || {
		rc=$?
		fail_try "$who: vers=$vers: writing $mib MiB through cifs" "$rc"
		return 1
	}
	# count=: exactly the file, no READ at the end of file (see eof_probe).
	try 600 dd if="$SMB_MNT/$name" of="$dst" bs=1M count="$mib" status=none || {
		rc=$?
		fail_try "$who: vers=$vers: reading $mib MiB back through cifs" "$rc"
		rm -f "$SMB_MNT/$name"
		return 1
	}
	sums_agree "$who: vers=$vers: wrote and read back $mib MiB" "$sum_src" "$name" "$dst" "$t0"
	rc=$?
	rm -f "$dst" "$SMB_MNT/$name"
	return "$rc"
}

# smbclient_roundtrip PROTO MIB: Samba's own client, signing required and
# the dialect pinned, puts a MIB MiB file and gets it back. One check.
smbclient_roundtrip() {
	local proto=$1 mib=$2 src dst name t0 rc sum_src
	src=$SMB_WORK/src-$mib
	dst=$SMB_WORK/back.bin
	name=smbclient-$$-$RANDOM.bin
	random_file "$src" "$mib"
	sum_src=$(sha256_of "$src")
	t0=$(now)
	try 600 smbclient "$SMB_UNC" -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" \
		--option="client min protocol=$proto" \
		--option="client max protocol=$proto" \
		-c "put $src $name; get $name $dst" || {
		rc=$?
		fail_try "smbclient: $proto: put+get $mib MiB with client signing = required" "$rc"
		return 1
	}
	# smbclient reports a failed command of a -c list in its output only.
	if grep -q -E 'NT_STATUS_|ERRDOS' "$SMB_LOG"; then
		fail "smbclient: $proto: put+get $mib MiB reported an error"
		why
		return 1
	fi
	sums_agree "smbclient: $proto, client signing = required: put and got back $mib MiB" \
		"$sum_src" "$name" "$dst" "$t0"
	rc=$?
	rm -f "$dst" "$SMB_EXPORT/$name"
	return "$rc"
}

# smbclient_list PROTO: Samba's client, signing required and the dialect
# pinned, lists the shares: session setup, tree connect to IPC$ and RPC over
# a named pipe, all signed, without opening a file or directory on the share
# (which Debian 6.1's ksmbd cannot survive, see ksmbd_serves). One check.
smbclient_list() {
	local proto=$1 t0 rc
	t0=$(now)
	try 120 smbclient -L 127.0.0.1 -U "$SMB_USER%$SMB_PASS" \
		--option="client signing=required" \
		--option="client min protocol=$proto" \
		--option="client max protocol=$proto" || {
		rc=$?
		fail_try "smbclient: $proto: listing the shares with client signing = required" "$rc"
		return 1
	}
	if grep -q -E '^[[:space:]]+share[[:space:]]+Disk' "$SMB_LOG"; then
		ok "smbclient: $proto, client signing = required: listed the shares over IPC\$ ($(since "$t0") s; no file I/O)"
	else
		fail "smbclient: $proto: the share list does not show [share]"
		why
		return 1
	fi
}

# --- which driver signed: the proof from /proc/crypto -------------------------

SMBSIGN_CMAC=cmac-aes-smbsign
SMBSIGN_HMAC=hmac-sha256-smbsign

# sign_alg VERS|PROTO: the crypto API name of the MAC that signs the dialect:
# AES-CMAC for SMB 3.0 and 3.1.1, HMAC-SHA256 for 2.x.
sign_alg() {
	case "$1" in
	3* | SMB3*) echo 'cmac(aes)' ;;
	*) echo 'hmac(sha256)' ;;
	esac
}
# smbsign_driver NAME: smbsign's driver for cmac(aes) or hmac(sha256).
smbsign_driver() {
	case "$1" in
	'cmac(aes)') echo "$SMBSIGN_CMAC" ;;
	'hmac(sha256)') echo "$SMBSIGN_HMAC" ;;
	*) return 1 ;;
	esac
}
# mac_label NAME: how MS-SMB2 calls it; counter_dir NAME: smbsign's short name.
mac_label() { case "$1" in 'cmac(aes)') echo AES-CMAC ;; *) echo HMAC-SHA256 ;; esac; }
counter_dir() { case "$1" in 'cmac(aes)') echo cmac ;; *) echo hmac ;; esac; }

# crypto_instantiate DRIVER...: allocate (and free) a tfm of each driver by
# its driver name through AF_ALG, which makes a template instance such as
# cmac(aes-aesni) register, as it would on a host where anything used it:
# the stock driver is then present, idle, and competing with smbsign.
crypto_instantiate() {
	local got
	modprobe -q algif_hash 2>/dev/null
	got=$(python3 "$SMB_REPO/tools/af_alg.py" instantiate "$@") || return 1
	[ "$(echo "$got" | tr '\n' ' ')" = "$* " ] || {
		echo "cannot allocate: $* (allocated: ${got:-none})" >&2
		return 1
	}
}

# The stock cmac(aes) a host without smbsign would use on this kernel.
stock_cmac() {
	case "$(sign_path)/$(uname -m)" in
	api/aarch64) echo cmac-aes-ce ;;
	api/*) echo 'cmac(aes-aesni)' ;;
	lib/*) echo cmac-aes-lib ;;
	esac
}
# The stock hmac(sha256) a host without smbsign would use on this kernel
# (the guest's CPU has SHA-NI: sha256_ssse3's sha256-ni under the hmac
# template; arm64's sha2-ce; or 7.x's library-backed driver).
stock_hmac() {
	case "$(sign_path)/$(uname -m)" in
	api/aarch64) echo 'hmac(sha256-ce)' ;;
	api/*) echo 'hmac(sha256-ni)' ;;
	lib/*) echo hmac-sha256-lib ;;
	esac
}

# rank_check [NAME]: one check that a new allocation of NAME (cmac(aes) or
# hmac(sha256); default cmac(aes)) gets smbsign: its driver has the highest
# priority and passed the self-tests.
rank_check() {
	local name=${1:-cmac(aes)} drv top st
	drv=$(smbsign_driver "$name")
	top=$(crypto_top "$name")
	st=$(crypto_field "$drv" selftest)
	if [ "$top" = "$drv" ] && [ "$st" = passed ]; then
		ok "$name drivers by priority: $(crypto_ranking "$name"); $drv first, selftest $st"
	else
		fail "$name: '$top' ranks first (want $drv, selftest '${st:-absent}'): $(crypto_ranking "$name")"
		return 1
	fi
}

# smbsign's counters of ALG (cmac, gmac, hmac): "OPS BYTES"; fails when
# /sys/kernel/smbsign/ALG has none (every kernel has them, fips=1 aside).
counters() {
	local d=/sys/kernel/smbsign/$1
	[ -r "$d/ops" ] && [ -r "$d/bytes" ] || return 1
	echo "$(cat "$d/ops") $(cat "$d/bytes")"
}
# counters_snap: all three on one line, "cmac=OPS/BYTES gmac=... hmac=...";
# fails (and prints nothing) when any is missing.
counters_snap() {
	local a c out=()
	for a in cmac gmac hmac; do
		c=$(counters "$a") || return 1
		out+=("$a=${c% *}/${c#* }")
	done
	echo "${out[*]}"
}
# counter_of SNAP ALG ops|bytes: one figure of a counters_snap line.
counter_of() {
	local v
	v=$(tr ' ' '\n' <<<"$1" | sed -n "s|^$2=||p")
	case "$3" in
	ops) echo "${v%/*}" ;;
	*) echo "${v#*/}" ;;
	esac
}
# counter_delta SNAP0 SNAP1 ALG ops|bytes: how much it grew.
counter_delta() { echo $(($(counter_of "$2" "$3" "$4") - $(counter_of "$1" "$3" "$4"))); }

# others_moved NAME DRIVER SNAPSHOT: the NAME drivers other than DRIVER
# whose refcnt differs between the boot baseline ($E2E_BASE) and SNAPSHOT,
# "driver:+N ..."; empty when none.
others_moved() {
	crypto_delta "$1" "$E2E_BASE" "$3" | tr ' ' '\n' | grep -v -e "^$2:" -e '^$' |
		tr '\n' ' ' | sed 's/ $//'
}

# api_proof WHO VERS NAME BEFORE DURING AFTER HOLDER=N...: 6.1/6.12: the
# dialect signs with NAME (cmac(aes) for 3.x, hmac(sha256) for 2.1). BEFORE:
# /proc/crypto with the server up, before the client connected; DURING: the
# client connected, after the I/O; AFTER: once every holder let go.
# HOLDER=N: how many references of smbsign's NAME driver each in-kernel side
# dropped when it let go (cifs at umount, ksmbd when unloaded), measured by
# the caller. One check: smbsign's driver's refcnt rose while connected,
# every holder dropped at least one reference, it is back where it was, and
# no other NAME driver moved from the boot baseline ($E2E_BASE). Neither
# did any other driver of the other MAC: 3.x derives its keys with
# HMAC-SHA256 (SP800-108), which must have gone to smbsign too, and 2.1 has
# no use for AES-CMAC.
api_proof() {
	local who=$1 vers=$2 name=$3 before=$4 during=$5 after=$6 drv other odrv h holders=() bad=() r0 r1 r2 moved omoved extra=''
	shift 6
	drv=$(smbsign_driver "$name")
	r0=$(crypto_field "$drv" refcnt "$before")
	r1=$(crypto_field "$drv" refcnt "$during")
	r2=$(crypto_field "$drv" refcnt "$after")
	[ "${r1:-0}" -gt "${r0:-0}" ] || bad+=("its refcnt did not rise while connected")
	for h in "$@"; do
		holders+=("${h%%=*} held ${h#*=}")
		[ "${h#*=}" -ge 1 ] || bad+=("${h%%=*} released no reference of it")
	done
	[ "$r2" = "$r0" ] || bad+=("refcnt $r2 after, $r0 before")
	moved=$(others_moved "$name" "$drv" "$during")
	[ -z "$moved" ] || bad+=("other $name drivers moved: $moved")
	if [ "$name" = 'cmac(aes)' ]; then other='hmac(sha256)'; else other='cmac(aes)'; fi
	odrv=$(smbsign_driver "$other")
	omoved=$(others_moved "$other" "$odrv" "$during")
	[ -z "$omoved" ] || bad+=("other $other drivers moved: $omoved")
	[ "$other" != 'hmac(sha256)' ] ||
		extra="; key derivation: $odrv refcnt $(crypto_field "$odrv" refcnt "$before") -> $(crypto_field "$odrv" refcnt "$during") -> $(crypto_field "$odrv" refcnt "$after"), no other hmac(sha256) driver used"
	if [ ${#bad[@]} -eq 0 ]; then
		ok "$who: vers=$vers: $(mac_label "$name") tfms on $drv: $(join ', ' "${holders[@]}") (refcnt $r0 -> $r1 -> $r2); no other $name driver used$extra"
	else
		fail "$who: vers=$vers: $drv: $(join '; ' "${bad[@]}")"
		return 1
	fi
}

# lib_proof WHO VERS DURING: 7.x. One check: while connected, no cmac(aes) or
# hmac(sha256) driver holds more references than at boot ($E2E_BASE), i.e.
# neither cifs nor ksmbd allocated a crypto API tfm for signing.
lib_fails=0
lib_proof() {
	local who=$1 vers=$2 c h
	c=$(crypto_delta 'cmac(aes)' "$E2E_BASE" "$3")
	h=$(crypto_delta 'hmac(sha256)' "$E2E_BASE" "$3")
	if [ -z "$c$h" ]; then
		ok "$who: vers=$vers: no crypto API cmac(aes)/hmac(sha256) tfm while connected (refcnts as at boot): signed through lib/crypto"
	else
		lib_fails=$((lib_fails + 1))
		fail "$who: vers=$vers: crypto API tfms appeared while connected: ${c:+cmac(aes) $c }${h:+hmac(sha256) $h}"
		return 1
	fi
}

# counters_proof WHO VERS NAME SNAP0 MIN: one check on smbsign's counters
# (SNAP0: counters_snap before the session; MIN: the least number of
# message bytes the in-kernel sides must have MACed with NAME, see
# cifs_session). 6.1/6.12 (api): NAME's counter (cmac for 3.x, hmac for
# 2.1) counted MACs and at least MIN bytes (and not much more: headers);
# gmac did not move (neither cifs nor ksmbd signs with AES-GMAC); 2.1:
# cmac did not move; 3.x: hmac counted MACs (the SP800-108 key
# derivation). 7.x (lib): no counter moved at all: smbsign did none of the
# session's signing.
counters_proof() {
	local who=$1 vers=$2 name=$3 c0=$4 min=$5 c1 alg ops bytes a bad=() extra=''
	if [ -z "$c0" ]; then
		fail "$who: vers=$vers: smbsign has no counters (/sys/kernel/smbsign/{cmac,gmac,hmac}/ops and bytes)"
		return 1
	fi
	c1=$(counters_snap) || { fail "$who: vers=$vers: /sys/kernel/smbsign went away"; return 1; }
	if [ "$(sign_path)" = lib ]; then
		if [ "$c1" = "$c0" ]; then
			ok "$who: vers=$vers: smbsign's counters did not move (ops/bytes $c1): smbsign signed nothing of the session"
		else
			fail "$who: vers=$vers: smbsign's counters moved during the session (lib/crypto signs here): $c0 -> $c1"
			return 1
		fi
		return 0
	fi
	alg=$(counter_dir "$name")
	ops=$(counter_delta "$c0" "$c1" "$alg" ops)
	bytes=$(counter_delta "$c0" "$c1" "$alg" bytes)
	[ "$ops" -gt 0 ] || bad+=("no $alg MAC counted")
	[ "$bytes" -ge "$min" ] || bad+=("$alg bytes +$bytes, less than the $min the file data alone needs")
	# Beyond the file data only SMB2 headers and the small PDUs of mount,
	# open, close and umount are signed: measured (6.12, 8..64 MiB) at
	# 0.02..0.12% + under 100 KB. So 1% + 1 MiB more means something was
	# counted twice (or something else signed with smbsign meanwhile).
	[ "$bytes" -le $((min + min / 100 + (1 << 20))) ] ||
		bad+=("$alg bytes +$bytes, over the $min of the file data + 1% + 1 MiB (counted twice?)")
	for a in gmac cmac; do
		[ "$a" != "$alg" ] || continue
		[ "$(counter_of "$c1" "$a" ops)/$(counter_of "$c1" "$a" bytes)" = \
			"$(counter_of "$c0" "$a" ops)/$(counter_of "$c0" "$a" bytes)" ] ||
			bad+=("$a moved: $(counter_of "$c0" "$a" ops) -> $(counter_of "$c1" "$a" ops) ops")
	done
	if [ "$alg" = cmac ]; then
		a=$(counter_delta "$c0" "$c1" hmac ops)
		[ "$a" -gt 0 ] || bad+=("no hmac MAC counted: the key derivation did not go through smbsign")
		extra="; hmac +$a MACs (key derivation)"
	fi
	if [ "$min" -gt 0 ]; then
		a=", between the $min the file data needs and 1% + 1 MiB more ($(awk -v b="$bytes" -v m="$min" 'BEGIN { printf "%.4f x", b / m }'))"
	else
		a=" (no file data: under the 1 MiB allowed for the other PDUs)"
	fi
	if [ ${#bad[@]} -eq 0 ]; then
		ok "$who: vers=$vers: smbsign $alg counters: +$ops MACs, +$bytes bytes$a; gmac unchanged$extra"
	else
		fail "$who: vers=$vers: smbsign's counters: $(join '; ' "${bad[@]}") ($c0 -> $c1)"
		return 1
	fi
}

# The kernel log's length now: sig_check looks only at what comes after.
dmesg_mark() { dmesg | wc -l; }

# sig_check WHO VERS MARK: one check that, since MARK, neither cifs nor ksmbd
# logged a signature that did not verify. cifs only logs a bad signature on
# a READ response and keeps the data, so equal checksums do not show it.
sig_check() {
	local who=$1 vers=$2 bad
	bad=$(dmesg | tail -n "+$(($3 + 1))" |
		grep -E 'sign fail|signature verification returned error|bad smb2 signature')
	if [ -z "$bad" ]; then
		ok "$who: vers=$vers: no bad signature in the kernel log"
	else
		fail "$who: vers=$vers: $(wc -l <<<"$bad") bad signature(s) in the kernel log:"
		head -n 6 <<<"$bad" | sed 's/^/    | /'
		return 1
	fi
}

# eof_probe WHO VERS SERVER: one READ at the end of a file, which the server
# answers with STATUS_END_OF_FILE, signed. cifs verifies smbd's. It rejects
# ksmbd's ("sign fail cmd 0x8"), on 6.12 also with the stock drivers
# (smbsign not loaded), for HMAC-SHA256 (vers=2.1) as for AES-CMAC: a ksmbd
# bug, which cifs on these kernels only logs. So against ksmbd the outcome
# is reported, not counted; against smbd it is a check.
eof_probe() {
	local who=$1 vers=$2 srv=$3 name mark bad
	name=eof-$$-$RANDOM.bin
	try 60 dd if=/dev/urandom of="$SMB_MNT/$name" bs=4k count=1 conv=fsync status=none ||
		{ fail_try "$who: vers=$vers: writing 4 KiB through cifs" $?; return 1; }
	mark=$(dmesg_mark)
	try 60 dd if="$SMB_MNT/$name" of=/dev/null bs=4k skip=1 count=1 status=none ||
		{ fail_try "$who: vers=$vers: a READ at the end of a file" $?; return 1; }
	rm -f "$SMB_MNT/$name"
	bad=$(dmesg | tail -n "+$((mark + 1))" | grep -E 'sign fail|signature verification returned error')
	if [ "$srv" = ksmbd ]; then
		if [ -n "$bad" ]; then
			say "$who: vers=$vers: a READ at end of file: cifs rejects the signature of ksmbd's STATUS_END_OF_FILE response (ksmbd's bug, not smbsign's: it happens with the stock drivers too, and on 7.x through lib/crypto; informational)"
		else
			say "$who: vers=$vers: a READ at end of file: cifs verifies ksmbd's STATUS_END_OF_FILE response (informational)"
		fi
	elif [ -z "$bad" ]; then
		ok "$who: vers=$vers: a READ at end of file: the STATUS_END_OF_FILE response's signature verified"
	else
		fail "$who: vers=$vers: a READ at end of file: cifs rejected the response's signature:"
		head -n 4 <<<"$bad" | sed 's/^/    | /'
	fi
}

# --- whole sessions -------------------------------------------------------------

# cifs_session SERVER VERS MIB...: against SERVER (ksmbd or smbd, running):
# a signed cifs mount, one roundtrip per MIB, the umount, and the proof of
# which driver signed. For ksmbd it then stops ksmbd: ksmbd keeps its tfm
# pool until it is unloaded, which is how its references are told from
# cifs's. Needs E2E_BASE (the boot baseline snapshot).
cifs_session() {
	local srv=$1 vers=$2 who before during umounted after c0 mib holders mark drv total
	shift 2
	who="cifs -> $srv"
	drv=$(smbsign_driver "$(sign_alg "$vers")")
	mark=$(dmesg_mark)
	before=$SMB_WORK/crypto.before during=$SMB_WORK/crypto.during
	umounted=$SMB_WORK/crypto.umounted after=$SMB_WORK/crypto.after
	c0=$(counters_snap) || c0=''
	crypto_snap "$before"
	if ! cifs_mount "$who" "$vers"; then
		[ "$srv" != ksmbd ] || ksmbd_stop
		return 1
	fi
	for mib in "$@"; do
		roundtrip "$who" "$vers" "$mib"
	done
	crypto_snap "$during"
	sig_check "$who" "$vers" "$mark"
	[ "$SMB_EOF_PROBE" = 0 ] || eof_probe "$who" "$vers" "$srv"
	cifs_umount "$who" "$vers"
	crypto_snap "$umounted"
	if [ "$srv" = ksmbd ]; then
		ksmbd_stop
		crypto_snap "$after"
	else
		cp "$umounted" "$after"
	fi
	holders=("cifs=$((-$(crypto_moved "$drv" "$during" "$umounted")))")
	[ "$srv" != ksmbd ] ||
		holders+=("ksmbd=$((-$(crypto_moved "$drv" "$umounted" "$after")))")
	# The least the in-kernel sides MACed: cifs signs every WRITE request
	# (the data it carries included) and verifies every READ response (the
	# data included); ksmbd verifies the former and signs the latter. So
	# every byte written and every byte read back is MACed twice against
	# ksmbd (4x the file), once against smbd (2x: Samba's side is in user
	# space), headers not counted.
	total=0
	for mib in "$@"; do total=$((total + (mib << 20))); done
	if [ "$srv" = ksmbd ]; then total=$((4 * total)); else total=$((2 * total)); fi
	signing_proof "$who" "$vers" "$c0" "$total" \
		"$before" "$during" "$after" "${holders[@]}"
}

# smbclient_session PROTO MIB: Samba's smbclient against ksmbd (running),
# then ksmbd stopped; only ksmbd's side is in the kernel. MIB 0: only list
# the shares (smbclient_list).
smbclient_session() {
	local proto=$1 mib=$2 who="smbclient -> ksmbd" before during after c0 mark drv
	drv=$(smbsign_driver "$(sign_alg "$proto")")
	mark=$(dmesg_mark)
	before=$SMB_WORK/crypto.before during=$SMB_WORK/crypto.during
	after=$SMB_WORK/crypto.after
	c0=$(counters_snap) || c0=''
	crypto_snap "$before"
	if [ "$mib" -gt 0 ]; then
		smbclient_roundtrip "$proto" "$mib"
	else
		smbclient_list "$proto"
	fi
	crypto_snap "$during"
	sig_check "$who" "$proto" "$mark"
	ksmbd_stop
	crypto_snap "$after"
	# ksmbd verifies the put's WRITE requests and signs the get's READ
	# responses, data included: each byte of the file once each way.
	signing_proof "$who" "$proto" "$c0" "$((2 * (mib << 20)))" "$before" "$during" "$after" \
		"ksmbd=$((-$(crypto_moved "$drv" "$during" "$after")))"
}

# signing_proof WHO VERS COUNTERS0 MIN BEFORE DURING AFTER HOLDER=N...: the
# checks this kernel calls for (see api_proof, lib_proof), for the MAC that
# signs VERS (sign_alg), and smbsign's counters (counters_proof: COUNTERS0
# is counters_snap before the session, MIN the file bytes MACed at least).
signing_proof() {
	local who=$1 vers=$2 c0=$3 min=$4 before=$5 during=$6 after=$7 name
	shift 7
	name=$(sign_alg "$vers")
	case "$(sign_path)" in
	api) api_proof "$who" "$vers" "$name" "$before" "$during" "$after" "$@" ;;
	lib) lib_proof "$who" "$vers" "$during" ;;
	esac
	counters_proof "$who" "$vers" "$name" "$c0" "$min"
}

# Leave no mount behind, whatever happened (the guest then powers off).
smb_cleanup() {
	if mountpoint -q "$SMB_MNT" 2>/dev/null; then
		timeout 10 umount -f -l "$SMB_MNT" 2>/dev/null
	fi
	return 0
}
