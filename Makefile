# SPDX-License-Identifier: GPL-2.0
#
# smbsign: user entry points.
#   make              the module, against KDIR (default: the running kernel)
#   make tools        build/smbsign, the userspace tool, from the same crypto/
#                     (installs gcc, libssl-dev... with apt when missing; root)
#   make tools-arm64  build/arm64/smbsign, cross-built for arm64; run it with
#                     scripts/arm64-user.sh run build/arm64/smbsign ...
#                     (qemu-aarch64 -cpu max); test-progs-arm64: the tests
#   make check        every test (installs what it needs with apt; root),
#                     within CI's time budget
#   make check-full   the same tests at release size (more random cases,
#                     larger files): before each release
#   make bench-kernel the fixed cost of a MAC inside Debian's 6.12 and 7.2,
#                     smbsign's drivers beside the stock ones (tcrypt)
#   make kunit        the KUnit suite alone (UML, x86_64 and arm64 under QEMU)
#   make modules-all  the module for Debian's 6.1, 6.12 and 7.2 kernels
#                     (ARCH=arm64: their arm64 builds, cross-compiled)
#   make install      the module into /lib/modules/$(uname -r)/updates and
#                     /etc/modprobe.d/00-smbsign.conf (softdeps: smbsign loads
#                     before cifs and ksmbd); DESTDIR= stages it elsewhere
#   make load         on a host that can load modules: load the stock
#                     drivers, then smbsign, and show that the kernel picks it
#   make demo         on any Debian 12 machine (root): boot Debian's 6.12 in
#                     QEMU and show a signed SMB 3.1.1 mount, ksmbd to cifs,
#                     signed by smbsign
#   make vm-tests     the guest tests alone, on 6.1, 6.12 and 7.2
#   make captures     the SMB captures of tests/vectors/smb/captures/ made
#                     again in a 6.12 guest (stock Samba and ksmbd traffic)
#   make ksmbd KVER=6.12|7.2
#                     ksmbd.ko from Debian's linux-source of exactly that
#                     kernel plus smb/ksmbd/KVER/*.patch (AES-GMAC signing,
#                     every PDU signed through smbsign), built as an external
#                     module beside smbsign.ko (scripts/build-ksmbd.sh)
#   make install-ksmbd KVER=..   it and its smbsign.ko into
#                     /lib/modules/<release>/updates/ (release: KRELEASE,
#                     default uname -r; refused unless it is the kernel
#                     the source came from); DESTDIR= stages it
#   make uninstall-ksmbd KVER=.. back to the kernel's own ksmbd

KDIR ?= /lib/modules/$(shell uname -r)/build
BUILD := build

# Kbuild reads the object list from ./Kbuild; CONFIG_CRYPTO_SMBSIGN selects it.
KBUILD_ARGS := -C $(KDIR) M=$(CURDIR) CONFIG_CRYPTO_SMBSIGN=m

.PHONY: all module modules-all tools deps deps-arm64 tools-arm64 test-progs-arm64 check check-full kunit install load demo \
	vm-tests captures bench-kernel clean ksmbd install-ksmbd uninstall-ksmbd

all: module

module:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "smbsign: no kernel build tree at $(KDIR)." >&2; \
		echo "  Install your kernel's headers (Debian: apt-get install linux-headers-\$$(uname -r))" >&2; \
		echo "  or name a tree: make KDIR=/path/to/linux-headers-<release>" >&2; \
		echo "  ('make modules-all' builds for Debian's 6.1, 6.12 and 7.2 kernels, installing them)" >&2; \
		exit 2; \
	fi
	$(MAKE) $(KBUILD_ARGS) modules

# modules_install runs depmod (against DESTDIR when staging).
install: module
	$(MAKE) $(KBUILD_ARGS) INSTALL_MOD_DIR=updates INSTALL_MOD_PATH=$(DESTDIR) modules_install
	install -D -m 0644 smbsign.modprobe.conf $(DESTDIR)/etc/modprobe.d/00-smbsign.conf

load: module
	bash scripts/load.sh smbsign.ko $(PARAMS)

demo:
	bash tests/vm/run --kernel 6.12 --share $(CURDIR) --timeout 1200 -- bash tests/vm/guest/demo.sh

vm-tests:
	SMBSIGN_CHECK_ONLY=vm bash tests/check.sh

captures: tools
	bash tests/vm/captures.sh 6.12

# The patched ksmbd: KVER names the Debian kernel (6.12 trixie, 7.2 sid).
ksmbd:
	@[ -n "$(KVER)" ] || { echo "make ksmbd: name the kernel, KVER=6.12 or KVER=7.2" >&2; exit 2; }
	bash scripts/build-ksmbd.sh $(KVER)

install-ksmbd uninstall-ksmbd:
	@[ -n "$(KVER)" ] || { echo "make $@: name the kernel, KVER=6.12 or KVER=7.2" >&2; exit 2; }
	bash scripts/install-ksmbd.sh $(@:-ksmbd=) $(KVER)

# ARCH=arm64: the arm64 kernels', cross-built.
MODULES_ARCH = $(if $(filter arm64,$(ARCH)),arm64,amd64)
modules-all:
	@for k in 6.1 6.12 7.2; do scripts/build-module.sh $$k $(MODULES_ARCH) || exit 1; done

# --- userspace: the same crypto/ cores, built against tools/compat ---------

UNAME_M := $(shell uname -m)
# The cores, for every architecture, then each architecture's SIMD code.
CORE_C_SRCS := crypto/impl.c crypto/aes.c crypto/cmac.c crypto/ghash.c \
	       crypto/gmac.c crypto/sha256.c crypto/hmac.c crypto/mac.c crypto/kdf.c \
	       crypto/smb2.c tools/compat.c
X86_SRCS := crypto/x86/aesni.S crypto/x86/ghash_pclmul.S crypto/x86/sha256_ni.S
X86_FLAGS := -DCONFIG_X86_64
ARM64_SRCS := crypto/arm64/aes_ce.S crypto/arm64/ghash_pmull.S crypto/arm64/sha256_ce.S
ARM64_FLAGS := -DCONFIG_ARM64 -DCONFIG_CPU_LITTLE_ENDIAN
CORE_SRCS := $(CORE_C_SRCS)
ifeq ($(UNAME_M),x86_64)
CORE_SRCS += $(X86_SRCS)
USER_ARCH_FLAGS := $(X86_FLAGS)
FLOOR_SRCS := tools/bench_floor_x86.c
endif
ifeq ($(UNAME_M),aarch64)
CORE_SRCS += $(ARM64_SRCS)
USER_ARCH_FLAGS := $(ARM64_FLAGS)
FLOOR_SRCS := tools/bench_floor_arm64.c
endif
USER_CPPFLAGS := -Itools/compat -Iinclude $(USER_ARCH_FLAGS)
USER_CFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -Wno-unused-parameter
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	      -fno-omit-frame-pointer

TOOL_C_SRCS := tools/smbsign.c tools/smb_cmds.c tools/smb_pcap.c tools/pcap_tcp.c tools/bench.c \
	       tools/bench_measure.c tools/bench_smb.c
TOOL_SRCS := $(TOOL_C_SRCS) $(FLOOR_SRCS) $(CORE_SRCS)
TEST_PROGS := cmac_kat cmac_diff gmac_kat gmac_diff hmac_kat hmac_diff smb_kat smb2_diff
HDRS = $(wildcard include/smbsign/*.h tools/*.h crypto/*.h crypto/*/*.h tools/compat/*/*.h \
		  tools/compat/*/*/*.h)

tools: deps $(BUILD)/smbsign

deps:
	@bash scripts/install-deps.sh

$(BUILD)/smbsign: $(TOOL_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -o $@ $(TOOL_SRCS) -lcrypto -lpcap

# Test programs, plain and with ASan+UBSan.
$(BUILD)/tests/%: tests/%.c tests/testutil.h $(CORE_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -o $@ $< $(CORE_SRCS) -lcrypto

$(BUILD)/san/%: tests/%.c tests/testutil.h $(CORE_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) $(SAN_CFLAGS) -o $@ $< $(CORE_SRCS) -lcrypto

# Static, to run as the only program of a Bochs guest (tests/bochs/run).
$(BUILD)/static/%: tests/%.c tests/testutil.h $(CORE_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -static -o $@ $< $(CORE_SRCS) -lcrypto -lpthread -ldl

test-progs: $(addprefix $(BUILD)/tests/,$(TEST_PROGS)) $(addprefix $(BUILD)/san/,$(TEST_PROGS))

# --- arm64 userspace, cross-built on any host -----------------------------
# aarch64-linux-gnu-gcc against a Debian arm64 sysroot holding OpenSSL and
# libpcap (scripts/arm64-user.sh makes both, cached), run with qemu-aarch64
# -cpu max (AES, PMULL, SHA2): build/arm64/smbsign and build/arm64/tests/.
ARM64_SYSROOT = $(or $(SMBSIGN_CACHE),/var/cache/smbsign)/sysroot/arm64-bookworm
ARM64_CC = aarch64-linux-gnu-gcc --sysroot=$(ARM64_SYSROOT)
ARM64_CPPFLAGS := -Itools/compat -Iinclude $(ARM64_FLAGS)
ARM64_CORE_SRCS := $(CORE_C_SRCS) $(ARM64_SRCS)

deps-arm64:
	@bash scripts/arm64-user.sh setup

tools-arm64: deps-arm64
	@$(MAKE) -s $(BUILD)/arm64/smbsign $(BUILD)/arm64/smbsign-qemu

test-progs-arm64: deps-arm64
	@$(MAKE) -s $(addprefix $(BUILD)/arm64/tests/,$(TEST_PROGS))

$(BUILD)/arm64/smbsign: $(TOOL_C_SRCS) tools/bench_floor_arm64.c $(ARM64_CORE_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(ARM64_CC) $(ARM64_CPPFLAGS) $(USER_CFLAGS) -o $@ $(TOOL_C_SRCS) \
		tools/bench_floor_arm64.c $(ARM64_CORE_SRCS) -lcrypto -lpcap

# The tool as a command of this host: for tests/cli_test.sh and the like.
$(BUILD)/arm64/smbsign-qemu:
	@mkdir -p $(@D)
	printf '#!/bin/sh\n# build/arm64/smbsign under qemu-aarch64 -cpu max (scripts/arm64-user.sh)\nexec "%s/scripts/arm64-user.sh" run "%s/$(BUILD)/arm64/smbsign" "$$@"\n' \
		"$(CURDIR)" "$(CURDIR)" >$@
	chmod +x $@

$(BUILD)/arm64/tests/%: tests/%.c tests/testutil.h $(ARM64_CORE_SRCS) $(HDRS)
	@mkdir -p $(@D)
	$(ARM64_CC) $(ARM64_CPPFLAGS) $(USER_CFLAGS) -o $@ $< $(ARM64_CORE_SRCS) -lcrypto

check:
	bash tests/check.sh

check-full:
	SMBSIGN_CHECK_FULL=1 bash tests/check.sh

bench-kernel:
	bash scripts/bench-kernel.sh $(KVERS)

kunit:
	bash scripts/kunit.sh all

clean:
	rm -rf $(BUILD)
	@if [ -e "$(KDIR)/Makefile" ]; then $(MAKE) $(KBUILD_ARGS) clean; fi
