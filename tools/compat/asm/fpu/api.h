/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a process owns its vector registers, nothing to save. */
#ifndef _SMBSIGN_COMPAT_FPU_API_H
#define _SMBSIGN_COMPAT_FPU_API_H

static inline void kernel_fpu_begin(void) { }
static inline void kernel_fpu_end(void) { }

/*
 * The kernel asks whether the OS saves a register set (XCR0); in user space
 * __builtin_cpu_supports() behind boot_cpu_has() already checks that.
 */
#define XFEATURE_MASK_SSE	(1ULL << 1)
#define XFEATURE_MASK_YMM	(1ULL << 2)
static inline int cpu_has_xfeatures(unsigned long long mask, const char **name)
{
	return 1;
}

#endif
