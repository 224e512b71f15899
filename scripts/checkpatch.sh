#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.pl --strict, from the kernel tree the KUnit run unpacks (Debian's
# linux-source-7.2), over every kernel source file of smbsign, and over the
# ksmbd patch series (smb/ksmbd/*/), as linux-cifs would run it on them.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${SMBSIGN_CACHE:-/var/cache/smbsign}
cp=$cache/linux-7.2/scripts/checkpatch.pl

if [ ! -f "$cp" ]; then
	# Only the script is needed: take it from Debian's linux-source-7.2
	# tarball without unpacking the rest (make check unpacks the whole tree
	# for KUnit first, so this is for running this script alone).
	bash scripts/apt-suites.sh
	tmp=$(mktemp -d)
	chmod 755 "$tmp"	# apt downloads as _apt
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download -qq linux-source-7.2 &&
	 dpkg-deb --fsys-tarfile linux-source-7.2_*.deb |
		tar -x --wildcards '*/linux-source-7.2.tar.*')
	mkdir -p "$tmp/src"
	tar -xf "$tmp"/usr/src/linux-source-7.2.tar.* -C "$tmp/src" --strip-components=1 \
		--wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
	cp="$tmp/src/scripts/checkpatch.pl"
fi
files=$(git ls-files -co --exclude-standard 'smbsign_*.c' 'crypto/*.c' 'crypto/*.h' 'crypto/*.S' \
	'include/*.h' 'kernel/*.c' 'kernel/*.h' 'kunit/*.c' 'kunit/*_kunit.h')
# cmac_vectors.h is generated data; the rest must be clean.
# shellcheck disable=SC2086
"$cp" --strict --no-tree --quiet --show-types -f $files
echo "checkpatch --strict: $(wc -w <<<"$files") files clean"

# The patches change code that names the protocol's fields as MS-SMB2 does
# (hdr->Command, SigningAlgorithms): CamelCase is the subsystem's style
# there. kzalloc_obj(), which 7.x's checkpatch asks for, does not exist in
# 6.12.
n=0
for dir in smb/ksmbd/*/; do
	ignore=CAMELCASE
	[ "$(basename "$dir")" != 6.12 ] || ignore+=,ALLOC_WITH_SIZEOF
	# From stdin: named on the command line, a patch file that git tracks
	# is read as a new file added by the patch, not as the patch.
	for p in "$dir"*.patch; do
		"$cp" --strict --no-tree --quiet --show-types --ignore "$ignore" - <"$p" ||
			{ echo "checkpatch: $p" >&2; exit 1; }
		n=$((n + 1))
	done
done
echo "checkpatch --strict: $n ksmbd patches clean"
