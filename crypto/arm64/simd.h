/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64: the SIMD sections of crypto/run.h. The NEON registers belong to
 * user space unless kernel_neon_begin() saved them. Up to 6.12 the kernel
 * saves them in the task; from 7.x (where asm/simd.h defines
 * scoped_ksimd()) the caller lends the save area, which each run carries
 * (struct smbsign_run, crypto/run.h).
 */
#ifndef _SMBSIGN_ARM64_SIMD_H
#define _SMBSIGN_ARM64_SIMD_H

#include <asm/neon.h>
#include <asm/simd.h>
#include <crypto/internal/simd.h>

#define SMBSIGN_HAVE_SIMD

#ifdef SMBSIGN_RUN_NEON_STATE
static inline void smbsign_simd_begin(struct smbsign_run *run)
{
	kernel_neon_begin(&run->neon_state);
}

static inline void smbsign_simd_end(struct smbsign_run *run)
{
	kernel_neon_end(&run->neon_state);
}
#else
static inline void smbsign_simd_begin(struct smbsign_run *run)
{
	kernel_neon_begin();
}

static inline void smbsign_simd_end(struct smbsign_run *run)
{
	kernel_neon_end();
}
#endif

#endif /* _SMBSIGN_ARM64_SIMD_H */
