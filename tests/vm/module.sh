# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by tests/vm/run: smbsign.ko for KVER (and ARCH), built by
# scripts/build-module.sh and kept under $vmcache/ko/KVER/ (KVER-arm64/)
# with a hash of the sources it came from. A warm run with unchanged sources skips the build
# (a W=1 rebuild in a chroot takes longer than the whole guest run).
#
# Sets: module (path of the .ko), rel (kernel release it was built for).
# Expects from the caller: srcdir, cache, vmcache, say, die.
# shellcheck disable=SC2154,SC2034 # the caller's variables, and ours it reads

# Hash of the files that make the module: everything git would hand to
# build-module.sh, except what cannot change the .ko. The names come from
# this work tree; the contents from directory $1 (this tree, or the copy
# build-module.sh built from), so the two can be compared.
module_src_hash() {
	local root=$1 f
	git -c safe.directory='*' -C "$srcdir" ls-files -z -co --exclude-standard |
		while IFS= read -r -d '' f; do
			case "$f" in
			tests/* | tools/* | Documentation/* | .ci/* | README* | */README | *.md | *.rst) continue ;;
			esac
			[ -f "$srcdir/$f" ] || continue
			printf '%s\0' "$f"
		done | sort -z | (cd "$root" && xargs -0 sha256sum 2>&1) | sha256sum | cut -d' ' -f1
}

# build_logged WHAT SCRIPT NAME ARGS...: scripts/SCRIPT.sh ARGS..., its
# output in $vmcache/ko/NAME/SCRIPT.log, whose tail is shown when it fails.
build_logged() {
	local what=$1 script=$2 name=$3 out=$vmcache/ko/$3/$2.log
	shift 3
	say "building $what for $name (scripts/$script.sh)"
	mkdir -p "$vmcache/ko/$name"
	if ! nice "$srcdir/scripts/$script.sh" "$@" >"$out" 2>&1; then
		tail -n 30 "$out" >&2
		die "building $what for $name failed (full log: $out)"
	fi
}

# ensure_module KVER [ARCH]: amd64 (default) or arm64.
ensure_module() {
	local kver=$1 arch=${2:-amd64} name=$1 dir hash built
	[ "$arch" = amd64 ] || name=$kver-$arch
	dir=$vmcache/ko/$name
	hash=$(module_src_hash "$srcdir")
	module=$dir/smbsign.ko
	if [ -f "$module" ] && [ "$(cat "$dir/srchash" 2>/dev/null)" = "$hash" ] &&
		[ -s "$dir/kernel-release" ]; then
		rel=$(cat "$dir/kernel-release")
		return 0
	fi
	build_logged smbsign.ko build-module "$name" "$kver" "$arch"
	# Copy the result under build-module's own lock, and only if it was
	# built from these sources: another work tree's build-module.sh shares
	# $cache/build/NAME and may have run between its end and this copy.
	(
		flock 9
		built=$(module_src_hash "$cache/build/$name/src")
		[ "$built" = "$hash" ] || exit 1
		cp "$cache/build/$name/smbsign.ko" "$dir/.smbsign.ko.$$"
		cp "$cache/build/$name/kernel-release" "$dir/.kernel-release.$$"
	) 9>"$cache/build/.$kver.lock" ||
		die "$cache/build/$name was rebuilt from other sources meanwhile (concurrent build-module.sh?); run again"
	mv -f "$dir/.smbsign.ko.$$" "$module"
	mv -f "$dir/.kernel-release.$$" "$dir/kernel-release"
	printf '%s\n' "$hash" >"$dir/srchash"
	rel=$(cat "$dir/kernel-release")
}

# ensure_ksmbd KVER: the patched ksmbd.ko for KVER (tests/vm/run --ksmbd),
# built by scripts/build-ksmbd.sh from Debian's linux-source and
# smb/ksmbd/KVER/ against the smbsign.ko of the same sources (its symbol
# CRCs), cached beside it under the same source hash. Sets: ksmbd_ko.
ensure_ksmbd() {
	local kver=$1 dir=$vmcache/ko/$1 hash
	hash=$(module_src_hash "$srcdir")
	ksmbd_ko=$dir/ksmbd.ko
	if [ -f "$ksmbd_ko" ] && [ "$(cat "$dir/ksmbd.srchash" 2>/dev/null)" = "$hash" ]; then
		return 0
	fi
	build_logged "the patched ksmbd.ko" build-ksmbd "$kver" "$kver"
	(
		flock 9
		[ "$(module_src_hash "$cache/build/$kver/src")" = "$hash" ] || exit 1
		[ "$(cat "$cache/ksmbd/$kver/kernel-release")" = "$rel" ] || exit 1
		cp "$cache/ksmbd/$kver/ksmbd.ko" "$dir/.ksmbd.ko.$$"
	) 9>"$cache/build/.$kver.lock" ||
		die "$cache/ksmbd/$kver is not from these sources for $rel (concurrent build?); run again"
	mv -f "$dir/.ksmbd.ko.$$" "$ksmbd_ko"
	printf '%s\n' "$hash" >"$dir/ksmbd.srchash"
}
