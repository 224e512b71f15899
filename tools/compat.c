// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time half of the userspace compat layer: CPU features from CPUID
 * or, on arm64, the HWCAP bits the kernel passes in the auxiliary vector
 * (what boot_cpu_has() and cpu_have_named_feature() report in the kernel),
 * and the SIMD-usable switch.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__aarch64__)
#include <sys/auxv.h>
#include <asm/hwcap.h>
#endif
#include <asm/cpufeature.h>
#include <crypto/internal/simd.h>

bool smbsign_compat_simd_disabled;
int smbsign_compat_fpu_depth;

/*
 * SMBSIGN_HIDE_CPU=aes,sha (names as in __builtin_cpu_supports; on arm64
 * aes, pmull, sha2) makes this CPU look like one without them, to test
 * what users of such CPUs get.
 */
static bool hidden(const char *name)
{
	const char *list = getenv("SMBSIGN_HIDE_CPU");
	size_t len = strlen(name);

	while (list && *list) {
		if (!strncmp(list, name, len) && (list[len] == ',' || !list[len]))
			return true;
		list = strchr(list, ',');
		if (list)
			list++;
	}
	return false;
}

#define HAS(name) (!hidden(name) && __builtin_cpu_supports(name))

bool smbsign_compat_cpu_has(int feature)
{
#if defined(__x86_64__)
	__builtin_cpu_init();
	switch (feature) {
	case X86_FEATURE_XMM2:
		return HAS("sse2");
	case X86_FEATURE_SSSE3:
		return HAS("ssse3");
	case X86_FEATURE_XMM4_1:
		return HAS("sse4.1");
	case X86_FEATURE_AES:
		return HAS("aes");
	case X86_FEATURE_PCLMULQDQ:
		return HAS("pclmul");
	case X86_FEATURE_AVX:
		return HAS("avx");
	case X86_FEATURE_AVX2:
		return HAS("avx2");
	case X86_FEATURE_VAES:
		return HAS("vaes");
	case X86_FEATURE_VPCLMULQDQ:
		return HAS("vpclmulqdq");
	case X86_FEATURE_AVX512F:
		return HAS("avx512f");
	case X86_FEATURE_AVX512BW:
		return HAS("avx512bw");
	case X86_FEATURE_AVX512VL:
		return HAS("avx512vl");
	case X86_FEATURE_SHA_NI:
		return HAS("sha");
	}
#elif defined(__aarch64__)
	unsigned long hwcap = getauxval(AT_HWCAP);

	switch (feature) {
	case SMBSIGN_COMPAT_ARM64_AES:
		return (hwcap & HWCAP_AES) && !hidden("aes");
	case SMBSIGN_COMPAT_ARM64_PMULL:
		return (hwcap & HWCAP_PMULL) && !hidden("pmull");
	case SMBSIGN_COMPAT_ARM64_SHA2:
		return (hwcap & HWCAP_SHA2) && !hidden("sha2");
	}
#endif
	return false;
}
