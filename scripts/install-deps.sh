#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What the userspace tool and tests need from Debian: a compiler, OpenSSL
# (the differential oracle and the benchmark's reference), python3 (vector
# parsing) and xxd (CLI tests). Installs the missing ones when run as root.
set -euo pipefail

pkgs=(gcc make libc6-dev libssl-dev libpcap-dev openssl python3 xxd)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages ${missing[*]} (run as root to install them)" >&2
	exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
