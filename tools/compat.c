// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time half of the userspace compat layer: CPU features from CPUID
 * (what the kernel's boot_cpu_has() reports) and the SIMD-usable switch.
 */
#include <asm/cpufeature.h>
#include <crypto/internal/simd.h>

bool smbsign_compat_simd_disabled;

bool smbsign_compat_cpu_has(int feature)
{
#if defined(__x86_64__)
	__builtin_cpu_init();
	switch (feature) {
	case X86_FEATURE_XMM2:
		return __builtin_cpu_supports("sse2");
	case X86_FEATURE_AES:
		return __builtin_cpu_supports("aes");
	case X86_FEATURE_PCLMULQDQ:
		return __builtin_cpu_supports("pclmul");
	case X86_FEATURE_AVX:
		return __builtin_cpu_supports("avx");
	case X86_FEATURE_AVX2:
		return __builtin_cpu_supports("avx2");
	case X86_FEATURE_VAES:
		return __builtin_cpu_supports("vaes");
	case X86_FEATURE_VPCLMULQDQ:
		return __builtin_cpu_supports("vpclmulqdq");
	case X86_FEATURE_AVX512F:
		return __builtin_cpu_supports("avx512f");
	case X86_FEATURE_AVX512VL:
		return __builtin_cpu_supports("avx512vl");
	case X86_FEATURE_SHA_NI:
		return __builtin_cpu_supports("sha");
	}
#endif
	return false;
}
