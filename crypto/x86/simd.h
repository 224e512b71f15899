/* SPDX-License-Identifier: GPL-2.0 */
/* x86: the vector registers belong to user space unless saved first. */
#ifndef _SMBSIGN_X86_SIMD_H
#define _SMBSIGN_X86_SIMD_H

#include <asm/fpu/api.h>

static inline void smbsign_simd_begin(void)
{
	kernel_fpu_begin();
}

static inline void smbsign_simd_end(void)
{
	kernel_fpu_end();
}

#endif /* _SMBSIGN_X86_SIMD_H */
