/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for arm64's NEON sections, in their 6.x form (no save
 * area): the same rules as the x86 ones, so the checks are shared.
 */
#ifndef _SMBSIGN_COMPAT_NEON_H
#define _SMBSIGN_COMPAT_NEON_H

#include <asm/fpu/api.h>

static inline void kernel_neon_begin(void)
{
	kernel_fpu_begin();
}

static inline void kernel_neon_end(void)
{
	kernel_fpu_end();
}

#endif
