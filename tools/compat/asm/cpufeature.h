/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: CPU features from CPUID (x86-64) or the auxiliary
 * vector's HWCAP bits (arm64), as the kernel's boot_cpu_has() and
 * cpu_have_named_feature() report them.
 */
#ifndef _SMBSIGN_COMPAT_CPUFEATURE_H
#define _SMBSIGN_COMPAT_CPUFEATURE_H

#include <linux/types.h>

enum {
	X86_FEATURE_XMM2,
	X86_FEATURE_SSSE3,
	X86_FEATURE_XMM4_1,
	X86_FEATURE_AES,
	X86_FEATURE_PCLMULQDQ,
	X86_FEATURE_AVX,
	X86_FEATURE_AVX2,
	X86_FEATURE_VAES,
	X86_FEATURE_VPCLMULQDQ,
	X86_FEATURE_AVX512F,
	X86_FEATURE_AVX512BW,
	X86_FEATURE_AVX512VL,
	X86_FEATURE_SHA_NI,
	SMBSIGN_COMPAT_ARM64_AES,
	SMBSIGN_COMPAT_ARM64_PMULL,
	SMBSIGN_COMPAT_ARM64_SHA2,
};

bool smbsign_compat_cpu_has(int feature);
#define boot_cpu_has(f) smbsign_compat_cpu_has(f)
#define cpu_have_named_feature(name) \
	smbsign_compat_cpu_has(SMBSIGN_COMPAT_ARM64_##name)

#endif
