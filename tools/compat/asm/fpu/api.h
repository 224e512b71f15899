/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a process owns its vector registers. */
#ifndef _SMBSIGN_COMPAT_FPU_API_H
#define _SMBSIGN_COMPAT_FPU_API_H

#include <stdlib.h>
#include <linux/types.h>

/*
 * Nothing to save, but the tests hold the code to the kernel's rules: no
 * SIMD section while crypto_simd_usable() says no, and none nested.
 */
extern bool smbsign_compat_simd_disabled;
extern int smbsign_compat_fpu_depth;

static inline void kernel_fpu_begin(void)
{
	if (smbsign_compat_simd_disabled || smbsign_compat_fpu_depth++)
		abort();
}

static inline void kernel_fpu_end(void)
{
	if (--smbsign_compat_fpu_depth)
		abort();
}

/*
 * The kernel asks whether the OS saves a register set (XCR0); in user space
 * __builtin_cpu_supports() behind boot_cpu_has() already checks that.
 */
#define XFEATURE_MASK_SSE	(1ULL << 1)
#define XFEATURE_MASK_YMM	(1ULL << 2)
#define XFEATURE_MASK_AVX512	(7ULL << 5)
static inline int cpu_has_xfeatures(unsigned long long mask, const char **name)
{
	return 1;
}

#endif
