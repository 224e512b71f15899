/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering and leaving a section where the vector registers may be used.
 * The per-architecture part lives in crypto/<arch>/simd.h; in the userspace
 * build the same headers come from tools/compat and cost nothing.
 */
#ifndef _SMBSIGN_SIMD_H
#define _SMBSIGN_SIMD_H

#include <linux/types.h>
#include <asm/simd.h>
#include <crypto/internal/simd.h>

#if defined(CONFIG_X86_64)
#include "../../crypto/x86/simd.h"
#else
static inline void smbsign_simd_begin(void) { }
static inline void smbsign_simd_end(void) { }
#endif

#endif /* _SMBSIGN_SIMD_H */
