#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Make Debian's trixie, sid and bookworm-backports suites visible to apt on a
# bookworm host, pinned low so that nothing installed is ever upgraded from
# them: packages are only taken from there when asked for by name/suite.
# Idempotent; needs root.
set -euo pipefail

list=/etc/apt/sources.list.d/smbsign-suites.sources
pin=/etc/apt/preferences.d/smbsign-suites

if [ ! -f "$list" ]; then
	cat >"$list" <<'EOT'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie sid bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
	cat >"$pin" <<'EOT'
Package: *
Pin: release n=trixie
Pin-Priority: 50

Package: *
Pin: release n=sid
Pin-Priority: 40

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
EOT
	rm -f /var/cache/smbsign/.apt-updated
fi

mkdir -p /var/cache/smbsign
# sid's Release file can be older than its Valid-Until on a mirror snapshot.
stamp=/var/cache/smbsign/.apt-updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +720)" ]; then
	apt-get -o Acquire::Check-Valid-Until=false update -qq
	touch "$stamp"
fi
