/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One call into a mode (a setkey, an update, a finup): which implementation
 * runs it and the SIMD sections it opens. Documentation/design.rst, "SIMD
 * sections".
 *
 * A mode starts a run with its key's implementation and its fpu_bytes,
 * hands it to every layer function it calls (AES, GHASH, SHA-256) and ends
 * it. The architecture decides the rest, in crypto/<arch>/simd.h: whether
 * SIMD is usable in this context (if not, the generic implementation runs
 * instead), and the sections: one is opened at the first SIMD work, shared
 * by all the work of the call, and closed and reopened only when it has
 * taken fpu_bytes, which bounds how long preemption stays off.
 */
#ifndef _SMBSIGN_CRYPTO_RUN_H
#define _SMBSIGN_CRYPTO_RUN_H

#include <linux/minmax.h>
#include <linux/types.h>
#include <smbsign/impl.h>

#if defined(CONFIG_ARM64) && defined(CONFIG_CPU_LITTLE_ENDIAN)
/*
 * From 7.x kernel_neon_begin() saves the NEON registers into an area its
 * caller provides, and asm/simd.h defines scoped_ksimd() (which allocates
 * one): a run then carries that area (crypto/arm64/simd.h).
 */
#include <asm/simd.h>
#ifdef scoped_ksimd
#define SMBSIGN_RUN_NEON_STATE
#endif
#endif

struct smbsign_run {
	u32 left;	/* bytes the open section may still take */
	u32 budget;	/* most bytes per section: the mode's fpu_bytes */
	bool open;	/* a SIMD section is open */
	/* The key's implementation needs SIMD, unusable here: generic runs. */
	bool fell_back;
#ifdef SMBSIGN_RUN_NEON_STATE
	struct user_fpsimd_state neon_state;
#endif
};

#if defined(CONFIG_X86_64)
#include "x86/simd.h"
#elif defined(CONFIG_ARM64) && defined(CONFIG_CPU_LITTLE_ENDIAN)
#include "arm64/simd.h"
#else
/*
 * No hooks for this architecture: only the generic implementations are
 * built (crypto/aes.c, ghash.c and sha256.c hold no others), so no run has
 * SIMD work. There is no smbsign_run_take() here: SIMD code added without
 * its architecture's begin and end does not build.
 */
static inline unsigned int smbsign_run_start(struct smbsign_run *run,
					     const struct smbsign_impls *impls,
					     unsigned int impl,
					     unsigned int budget)
{
	*run = (struct smbsign_run){ .budget = budget };
	return SMBSIGN_IMPL_GENERIC;
}

static inline void smbsign_run_end(struct smbsign_run *run)
{
}
#endif

#endif /* _SMBSIGN_CRYPTO_RUN_H */
