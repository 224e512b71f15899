#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/vm/captures.sh [KVER]   (default 6.12)
#
# Makes the SMB captures of tests/vectors/smb/captures/ again: a tests/vm/run
# guest of Debian's KVER kernel, booted without smbsign (the traffic is stock
# Samba and stock ksmbd), runs tests/vm/guest/capture-smb.sh; then each
# capture gets NAME.keys, its NTLMv2 session keys derived from the fixed
# password by tests/smb_capture_keys.py. Root, like tests/vm/run. The tests
# read the committed files; this runs only when they should change.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
kver=${1:-6.12}
out=$repo/build/captures
dest=$repo/tests/vectors/smb/captures
# tests/vm/guest/smb-lib.sh's fixed user and password.
pass=smbsign-e2e-Pw1

rm -rf "$out"
mkdir -p "$out" "$dest"
"$here/run" --kernel "$kver" --share "$repo" --no-load --timeout 900 -- \
	bash /mnt/share/tests/vm/guest/capture-smb.sh /mnt/share/build/captures
# The guest run succeeded: what it made replaces what was there.
rm -f "$dest"/*.pcap "$dest"/*.keylog "$dest"/*.keys
for pcap in "$out"/*.pcap; do
	name=$(basename "$pcap" .pcap)
	cp "$pcap" "$dest/"
	[ ! -e "$out/$name.keylog" ] || cp "$out/$name.keylog" "$dest/"
	python3 "$repo/tests/smb_capture_keys.py" --password "$pass" "$pcap" >"$dest/$name.keys"
	echo "captures.sh: $name: $(stat -c %s "$pcap") bytes, sessions $(cut -d= -f1 "$dest/$name.keys" | tr '\n' ' ')"
done
