/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64: the SIMD sections of crypto/run.h. The vector registers belong
 * to user space unless kernel_fpu_begin() saved them.
 */
#ifndef _SMBSIGN_X86_SIMD_H
#define _SMBSIGN_X86_SIMD_H

#include <asm/fpu/api.h>
/* 6.1's crypto/internal/simd.h uses may_use_simd() without including it. */
#include <asm/simd.h>
#include <crypto/internal/simd.h>

#define SMBSIGN_HAVE_SIMD

static inline void smbsign_simd_begin(struct smbsign_run *run)
{
	kernel_fpu_begin();
}

static inline void smbsign_simd_end(struct smbsign_run *run)
{
	kernel_fpu_end();
}

/*
 * Whether the OS saves the upper halves of the vector registers (YMM) and
 * the AVX-512 state (ZMM, opmasks) across context switches: the CPU having
 * the instructions is not enough. Under UML the host kernel does the
 * saving, and the CPU flags UML reads from it list only what it enabled.
 */
#ifdef CONFIG_UML
static inline bool smbsign_os_saves_ymm(void) { return true; }
static inline bool smbsign_os_saves_zmm(void) { return true; }
#else
static inline bool smbsign_os_saves_ymm(void)
{
	return cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM, NULL);
}

static inline bool smbsign_os_saves_zmm(void)
{
	return cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM |
				 XFEATURE_MASK_AVX512, NULL);
}
#endif

#endif /* _SMBSIGN_X86_SIMD_H */
