#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.pl --strict, from the kernel tree the KUnit run unpacks (Debian's
# linux-source-7.2), over every kernel source file of smbsign.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${SMBSIGN_CACHE:-/var/cache/smbsign}
cp=$cache/linux-7.2/scripts/checkpatch.pl

if [ ! -x "$cp" ]; then
	# The KUnit script downloads and unpacks the tree; reuse that step.
	SMBSIGN_KUNIT_PREPARE_ONLY=1 bash scripts/kunit.sh um >/dev/null
fi
files=$(git ls-files smbsign_mod.c 'crypto/*.c' 'crypto/*.h' 'crypto/*.S' \
	'include/*.h' 'kunit/*.c')
# cmac_vectors.h is generated data; the rest must be clean.
# shellcheck disable=SC2086
"$cp" --strict --no-tree --quiet --show-types -f $files
echo "checkpatch --strict: $(wc -w <<<"$files") files clean"
