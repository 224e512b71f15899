# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by tests/vm/run: builds (once) and caches what a guest boots from.
#
#   $vmcache/rootfs.dir/        trixie userland made by mmdebstrap (kept: its
#                               depmod indexes each kernel's modules, since a
#                               bookworm host may have no kmod at all)
#   $vmcache/rootfs.ext4        the same tree as an ext4 image (mke2fs -d);
#                               guests boot it with snapshot=on, so one image
#                               serves every run and every kernel
#   $vmcache/arm64/rootfs.{dir,ext4}  the arm64 guests' trixie userland:
#                               unpacked only (see ensure_rootfs_arm64)
#   $vmcache/kernel/<release>/  vmlinuz, modules.ext4 (lib/modules/<release>
#                               with depmod's indexes), initrd (busybox and
#                               the few modules needed to mount the disks),
#                               mods/ (the same tree, unpacked: depmod runs
#                               on it again with smbsign.ko added),
#                               moddep/<hash of the modules>/ (those indexes)
#
# Every product is made in a temporary path and renamed into place when
# complete; a recipe file beside it makes a changed recipe rebuild it.
# The caller holds $vmcache/.lock while these run.
#
# Expects from the caller: vmcache, vmdir (tests/vm), mirror, say, die,
# run_logged and cleanup_paths (scripts/cleanup-on-exit.sh); guest_arch
# (amd64 or arm64), and for arm64 kroot, the build chroot of the kernel's
# suite (scripts/build-module.sh), whose apt knows arm64 packages.
# shellcheck disable=SC2154 # those variables are the caller's

# One userland for all three kernels: the guest tools only talk to the
# kernel through stable interfaces, and one image is one download.
#
# shellcheck source=scripts/mmdebstrap-slim.sh
. "$srcdir/scripts/mmdebstrap-slim.sh"

# trixie's ksmbd-tools declares Conflicts: samba (both are SMB servers for
# port 445; no file is shared), yet the tests need both, each started on its
# own. So samba is installed normally and ksmbd-tools, with its libraries
# pulled in by --include, is forced in after it by a customize hook.
rootfs_pkgs=cifs-utils,smbclient,samba,samba-testsuite,python3,kmod,iproute2,tcpdump,mount,procps,busybox-static
rootfs_pkgs+=,libglib2.0-0t64,libnl-3-200,libnl-genl-3-200
# shellcheck disable=SC2016 # $1 is expanded by mmdebstrap's hook shell
rootfs_args=(--variant=apt
	--include="$rootfs_pkgs"
	--customize-hook='chroot "$1" sh -ec "cd /tmp && apt-get download -q ksmbd-tools && dpkg -i --force-conflicts ksmbd-tools_*.deb && rm ksmbd-tools_*.deb"'
	--customize-hook='chroot "$1" ksmbd.mountd --help >/dev/null 2>&1 || chroot "$1" test -x /usr/sbin/ksmbd.mountd'
	"${mmdebstrap_slim[@]}"
	trixie)

# guest_depmod LABEL LOG MODDIR RELEASE: the guest's own depmod (the rootfs
# chroot's kmod) over MODDIR/RELEASE, which it sees as /lib/modules.
guest_depmod() {
	# shellcheck disable=SC2016 # the inner shell expands its arguments
	run_logged "$1" "$2" \
		unshare --mount --propagation private -- sh -ec '
			mkdir -p "$1/mnt/mods/lib/modules"
			mount --bind "$2" "$1/mnt/mods/lib/modules"
			chroot "$1" depmod -b /mnt/mods "$3"
		' sh "$vmcache/rootfs.dir" "$3" "$4"
}

# ext4 image of directory $1 at $2, sized to fit with room to spare
# (guests write to it only through QEMU's snapshot overlay).
make_ext4() {
	local dir=$1 img=$2 mb
	mb=$(du -s -m --apparent-size "$dir" | cut -f1)
	mb=$((mb * 13 / 10 + 256))
	rm -f "$img"
	run_logged "mke2fs $img" "$img.log" \
		mke2fs -q -F -t ext4 -L smbsign -E root_owner=0:0 -d "$dir" "$img" "${mb}M"
	rm -f "$img.log"
}

ensure_rootfs() {
	local recipe tmp
	recipe=$(printf '%s\n' "${rootfs_args[@]}" "deb $mirror trixie main")
	if [ -f "$vmcache/rootfs.ext4" ] && [ -d "$vmcache/rootfs.dir" ] &&
		[ "$(cat "$vmcache/rootfs.recipe" 2>/dev/null)" = "$recipe" ]; then
		return 0
	fi
	say "building the trixie guest rootfs (once; ~1-2 min)"
	rm -rf --one-file-system -- "$vmcache"/.rootfs.* "$vmcache/rootfs.ext4" "$vmcache/rootfs.recipe"
	tmp=$(mktemp -d "$vmcache/.rootfs.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod 755 "$tmp"
	# A private mount namespace: mmdebstrap's /proc, /sys, /dev mounts in
	# the target die with it even if it is killed.
	run_logged "mmdebstrap trixie rootfs" "$vmcache/rootfs.log" \
		unshare --mount --propagation private -- \
		mmdebstrap "${rootfs_args[@]}" "$tmp" "deb $mirror trixie main"
	# The modules disk is mounted here; /job and /mnt/share are 9p mounts.
	mkdir -p "$tmp/job" "$tmp/mnt/share" "$tmp/usr/lib/modules"
	echo smbsign-vm >"$tmp/etc/hostname"
	make_ext4 "$tmp" "$vmcache/.rootfs.ext4.tmp"
	rm -rf --one-file-system -- "$vmcache/rootfs.dir"
	mv -T "$tmp" "$vmcache/rootfs.dir"
	mv -f "$vmcache/.rootfs.ext4.tmp" "$vmcache/rootfs.ext4"
	printf '%s\n' "$recipe" >"$vmcache/rootfs.recipe"
}

# arm64 guests. This host cannot run arm64 programs (no binfmt_misc), so no
# maintainer script can run: the packages are only unpacked (mmdebstrap's
# extract variant), and the few things their scripts would have made are
# made here (the base-passwd files, awk's alternative). The list is what the
# guest tests use: bash and the base tools, kmod, python3 (tools/af_alg.py),
# iproute2, and ksmbd-tools, cifs-utils and tcpdump for the signing run.
# Libraries need no ldconfig: Debian's ld.so searches the multiarch
# directories itself. Bump arm64_rootfs_fixups when the fix-ups change.
arm64_rootfs_pkgs=bash,coreutils,grep,sed,findutils,diffutils,gzip,mawk,hostname
arm64_rootfs_pkgs+=,base-files,base-passwd,util-linux,mount,procps,kmod,iproute2
arm64_rootfs_pkgs+=,python3,busybox-static,cifs-utils,keyutils,ksmbd-tools,tcpdump
arm64_rootfs_pkgs+=,libglib2.0-0t64,libnl-3-200,libnl-genl-3-200
arm64_rootfs_fixups=1
# shellcheck disable=SC2054 # one option's value, commas and all
arm64_rootfs_args=(--variant=extract --architectures=arm64
	--include="$arm64_rootfs_pkgs"
	"${mmdebstrap_slim[@]}"
	trixie)

ensure_rootfs_arm64() {
	local dir=$vmcache/arm64 recipe tmp
	recipe=$(printf '%s\n' "${arm64_rootfs_args[@]}" "deb $mirror trixie main" \
		"fixups $arm64_rootfs_fixups")
	if [ -f "$dir/rootfs.ext4" ] && [ -d "$dir/rootfs.dir" ] &&
		[ "$(cat "$dir/rootfs.recipe" 2>/dev/null)" = "$recipe" ]; then
		return 0
	fi
	say "unpacking the arm64 trixie guest rootfs (once; ~1-2 min)"
	mkdir -p "$dir"
	rm -rf --one-file-system -- "$dir"/.rootfs.* "$dir/rootfs.ext4" "$dir/rootfs.recipe"
	tmp=$(mktemp -d "$dir/.rootfs.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod 755 "$tmp"
	run_logged "mmdebstrap arm64 trixie rootfs" "$dir/rootfs.log" \
		unshare --mount --propagation private -- \
		mmdebstrap "${arm64_rootfs_args[@]}" "$tmp" "deb $mirror trixie main"
	# base-passwd's postinst would copy these; update-alternatives would
	# make awk.
	cp "$tmp/usr/share/base-passwd/passwd.master" "$tmp/etc/passwd"
	cp "$tmp/usr/share/base-passwd/group.master" "$tmp/etc/group"
	ln -sf mawk "$tmp/usr/bin/awk"
	if [ ! -x "$tmp/usr/bin/python3" ] || [ ! -x "$tmp/usr/bin/busybox" ] ||
		[ ! -x "$tmp/usr/sbin/ksmbd.mountd" ]; then
		die "the arm64 rootfs lacks python3, busybox or ksmbd.mountd"
	fi
	mkdir -p "$tmp/job" "$tmp/mnt/share" "$tmp/usr/lib/modules"
	echo smbsign-vm >"$tmp/etc/hostname"
	make_ext4 "$tmp" "$dir/.rootfs.ext4.tmp"
	rm -rf --one-file-system -- "$dir/rootfs.dir"
	mv -T "$tmp" "$dir/rootfs.dir"
	mv -f "$dir/.rootfs.ext4.tmp" "$dir/rootfs.ext4"
	printf '%s\n' "$recipe" >"$dir/rootfs.recipe"
}

# apt for the guest's kernel packages: the host's for amd64; for arm64 the
# build chroot's (the host's apt has no arm64 lists). known PKG says whether
# apt has PKG; download DIR PKG... puts their .debs in DIR.
kernel_pkg_known() {
	if [ "$guest_arch" = amd64 ]; then
		apt-cache show "$1" >/dev/null 2>&1
	else
		chroot "$kroot" apt-cache show "$1:arm64" >/dev/null 2>&1
	fi
}

kernel_pkg_download() {
	local dst=$1 p
	shift
	if [ "$guest_arch" = amd64 ]; then
		# apt drops privileges to _apt for downloads into a directory it owns.
		chown _apt "$dst" 2>/dev/null || true
		(cd "$dst" && apt-get download "$@")
		return
	fi
	rm -rf --one-file-system -- "$kroot/tmp/smbsign-debs"
	mkdir -p "$kroot/tmp/smbsign-debs"
	# shellcheck disable=SC2016 # the inner shell expands "$@"
	chroot "$kroot" sh -ec 'chown _apt /tmp/smbsign-debs 2>/dev/null || true
		cd /tmp/smbsign-debs; for p; do apt-get download "$p:arm64"; done' sh "$@"
	for p in "$kroot/tmp/smbsign-debs"/*.deb; do
		mv -f "$p" "$dst/"
	done
	rm -rf --one-file-system -- "$kroot/tmp/smbsign-debs"
}

# Modules the initrd loads, in this order after their dependencies, to reach
# the root disk (virtio_blk, ext4) and the job directory (9p over virtio).
# Names that are built in, or absent in a kernel (crc32c-intel is gone in
# 7.x), are skipped.
initrd_modules="virtio_pci virtio_blk crc32c_generic crc32c-intel crc32c_intel ext4 9pnet_virtio 9p"

# Paths (relative to the modules dir) of module $1 and everything it needs,
# dependencies first, from modules.dep ($2). Dependencies in modules.dep are
# already transitive, so one level of recursion is enough to order them.
dep_closure() {
	local name=$1 dep=$2 line path deps d
	line=$(awk -v n="$name" '{
		p = $1; sub(/:$/, "", p); b = p; sub(/.*\//, "", b); sub(/\.ko(\.(xz|zst|gz))?$/, "", b)
		gsub(/-/, "_", b); gsub(/-/, "_", n)
		if (b == n) { print; exit }
	}' "$dep")
	[ -n "$line" ] || return 0
	path=${line%%:*}
	deps=${line#*:}
	# Reverse order: modules.dep lists the ones closest to the module first.
	# shellcheck disable=SC2086 # split the list of paths
	for d in $(printf '%s\n' $deps | tac); do
		echo "$d"
	done
	echo "$path"
}

ensure_kernel() {
	local rel=$1 dir tmp deb pkgs p md dep m f recipe
	dir=$vmcache/kernel/$rel
	recipe=$(printf '%s\n' "$initrd_modules" "$(sha256sum "$vmdir/initrd-init")" keep-mods)
	if [ -f "$dir/vmlinuz" ] && [ -f "$dir/modules.ext4" ] && [ -f "$dir/initrd" ] &&
		[ -d "$dir/mods/$rel" ] &&
		[ "$(cat "$dir/recipe" 2>/dev/null)" = "$recipe" ]; then
		return 0
	fi
	say "preparing kernel $rel (once; ~1 min)"
	mkdir -p "$vmcache/kernel" "$vmcache/deb"
	rm -rf --one-file-system -- "$vmcache/kernel/.$rel".*
	tmp=$(mktemp -d "$vmcache/kernel/.$rel.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod 755 "$tmp"
	# 7.x splits the image into linux-binary-* (vmlinuz), linux-modules-*
	# and linux-base-* (modules.builtin, modules.order, config);
	# earlier kernels ship everything in linux-image-*.
	pkgs=("linux-image-$rel")
	for p in "linux-binary-$rel" "linux-modules-$rel" "linux-base-$rel"; do
		if kernel_pkg_known "$p"; then
			pkgs+=("$p")
		fi
	done
	run_logged "apt-get download ${pkgs[*]}" "$tmp/download.log" \
		kernel_pkg_download "$vmcache/deb" "${pkgs[@]}"
	mkdir -p "$tmp/x"
	for p in "${pkgs[@]}"; do
		deb=$(find "$vmcache/deb" -maxdepth 1 -name "${p}_*.deb" -print -quit)
		[ -n "$deb" ] || die "apt-get download $p left no .deb in $vmcache/deb"
		dpkg-deb -x "$deb" "$tmp/x"
	done
	# Up to 6.12 the image is /boot/vmlinuz-<rel>; 7.x's linux-binary puts
	# it beside the modules (/usr/lib/modules/<rel>/vmlinuz).
	for f in "$tmp/x/boot/vmlinuz-$rel" "$tmp/x/usr/lib/modules/$rel/vmlinuz"; do
		[ -f "$f" ] && mv "$f" "$tmp/vmlinuz"
	done
	[ -f "$tmp/vmlinuz" ] || die "no vmlinuz for $rel in ${pkgs[*]}"
	# bookworm ships /lib/modules, trixie and sid /usr/lib/modules.
	mkdir -p "$tmp/mods/$rel"
	for md in "$tmp/x/lib/modules/$rel" "$tmp/x/usr/lib/modules/$rel"; do
		[ -d "$md" ] && cp -a "$md/." "$tmp/mods/$rel/"
	done
	rm -rf --one-file-system -- "$tmp/x"
	[ -f "$tmp/mods/$rel/modules.builtin" ] || die "no modules for $rel in ${pkgs[*]}"
	# The packages leave depmod to their postinst: run the guest's own
	# depmod (the host may have no kmod, or one too old for the format).
	guest_depmod "depmod $rel" "$tmp/depmod.log" "$tmp/mods" "$rel"
	dep=$tmp/mods/$rel/modules.dep
	[ -s "$dep" ] || die "depmod made no modules.dep for $rel"
	make_ext4 "$tmp/mods" "$tmp/modules.ext4"

	# The initrd: static busybox, stage 1 init, and the modules above,
	# uncompressed (busybox insmod reads plain ELF only).
	mkdir -p "$tmp/initrd/bin" "$tmp/initrd/lib/modules" "$tmp/initrd/proc" \
		"$tmp/initrd/sys" "$tmp/initrd/dev" "$tmp/initrd/newroot"
	cp "$rootfs_dir/usr/bin/busybox" "$tmp/initrd/bin/busybox"
	ln -s busybox "$tmp/initrd/bin/sh"
	install -m 755 "$vmdir/initrd-init" "$tmp/initrd/init"
	: >"$tmp/initrd/modules"
	for m in $initrd_modules; do
		for f in $(dep_closure "$m" "$dep"); do
			grep -qxF "$f" "$tmp/initrd/modules" && continue
			echo "$f" >>"$tmp/initrd/modules"
		done
	done
	while read -r f; do
		mkdir -p "$tmp/initrd/lib/modules/$(dirname "$f")"
		case "$f" in
		*.xz) xz -dc "$tmp/mods/$rel/$f" >"$tmp/initrd/lib/modules/${f%.xz}" ;;
		*.zst) zstd -qdc "$tmp/mods/$rel/$f" >"$tmp/initrd/lib/modules/${f%.zst}" ;;
		*.gz) gzip -dc "$tmp/mods/$rel/$f" >"$tmp/initrd/lib/modules/${f%.gz}" ;;
		*) cp "$tmp/mods/$rel/$f" "$tmp/initrd/lib/modules/$f" ;;
		esac
	done <"$tmp/initrd/modules"
	sed -i -E 's/\.(xz|zst|gz)$//' "$tmp/initrd/modules"
	# The amd64 rootfs's busybox makes the archive: the initrd's own may be
	# arm64's.
	(cd "$tmp/initrd" && find . | sort |
		"$vmcache/rootfs.dir/usr/bin/busybox" cpio -o -H newc 2>/dev/null) | gzip -1 >"$tmp/initrd.img"
	rm -rf --one-file-system -- "$tmp/initrd"
	mv "$tmp/initrd.img" "$tmp/initrd"
	printf '%s\n' "$recipe" >"$tmp/recipe"
	rm -f "$tmp"/*.log
	rm -rf --one-file-system -- "$dir"
	mv -T "$tmp" "$dir"
}

# depmod's indexes for kernel $1 with the modules $2... (smbsign.ko, and
# with --ksmbd the patched ksmbd.ko) in updates/, in
# $vmcache/kernel/$1/moddep/<hash>/ (sets: moddep). The guest copies them and
# the modules over its (snapshot) modules disk, so that `modprobe smbsign`,
# `modprobe ksmbd` and softdeps naming smbsign work there. Made on the host
# with the guest's own depmod: ~6 s natively, against ~65 s for depmod -a
# under TCG. Only the newest set is kept; changed modules make a new one.
ensure_moddep() {
	local rel=$1 dir=$vmcache/kernel/$1 hash tmp f ko
	shift
	hash=$(for ko; do printf '%s %s\n' "$(basename "$ko")" "$(sha256sum <"$ko")"; done |
		sha256sum | cut -d' ' -f1)
	moddep=$dir/moddep/$hash
	[ -f "$moddep/modules.dep.bin" ] && return 0
	mkdir -p "$dir/moddep" "$dir/mods/$rel/updates"
	rm -rf --one-file-system -- "$dir/moddep"/* "$dir/mods/$rel/updates"/*
	tmp=$(mktemp -d "$dir/moddep/.tmp.XXXXXX")
	cleanup_paths+=("$tmp")
	chmod 755 "$tmp"
	for ko; do
		cp "$ko" "$dir/mods/$rel/updates/"
	done
	guest_depmod "depmod $rel with $*" "$tmp/depmod.log" "$dir/mods" "$rel"
	rm -f "$tmp/depmod.log"
	for f in "$dir/mods/$rel"/modules.*; do
		case "$f" in
		*/modules.builtin | */modules.builtin.modinfo | */modules.order) ;;
		*) cp "$f" "$tmp/" ;;
		esac
	done
	for ko; do
		grep -q "^updates/$(basename "$ko"):" "$tmp/modules.dep" ||
			die "depmod did not index $(basename "$ko") for $rel"
	done
	mv -T "$tmp" "$moddep"
}
