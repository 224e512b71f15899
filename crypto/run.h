/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One call into a mode (a setkey, an update, a finup): which implementation
 * runs it and the SIMD sections it opens. Documentation/design.rst, "SIMD
 * sections".
 *
 * A mode starts a run with its key's implementation and its fpu_bytes,
 * hands it to every layer function it calls (AES, GHASH, SHA-256) and ends
 * it. Where SIMD is not usable in this context, the generic implementation
 * runs instead. Sections: one is opened at the first SIMD work, shared by
 * all the work of the call, and closed and reopened only when it has taken
 * fpu_bytes, which bounds how long preemption stays off. How a section
 * begins and ends is the architecture's (crypto/<arch>/simd.h).
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

/*
 * The architecture's SIMD sections: smbsign_simd_begin(run) and
 * smbsign_simd_end(run) around its save and restore of the vector
 * registers, and SMBSIGN_HAVE_SIMD.
 */
#if defined(CONFIG_X86_64)
#include "x86/simd.h"
#elif defined(CONFIG_ARM64) && defined(CONFIG_CPU_LITTLE_ENDIAN)
#include "arm64/simd.h"
#endif

/*
 * Starts one call's run on @impls' implementation @impl; returns the
 * implementation to run: @impl, or generic when @impl needs SIMD and this
 * context cannot have it (crypto_simd_usable(): not in a hard interrupt,
 * nor nested in another section). The key still computes the same MACs:
 * every key keeps the canonical form that generic code runs from.
 */
static inline unsigned int smbsign_run_start(struct smbsign_run *run,
					     const struct smbsign_impls *impls,
					     unsigned int impl,
					     unsigned int budget)
{
	/* Field by field: an arm64 run's save area needs no zeroing. */
	run->left = 0;
	run->budget = budget;
	run->open = false;
	run->fell_back = false;
#ifdef SMBSIGN_HAVE_SIMD
	if (impls->table[impl].simd && unlikely(!crypto_simd_usable())) {
		run->fell_back = true;
		return SMBSIGN_IMPL_GENERIC;
	}
	return impl;
#else
	/*
	 * No hooks for this architecture: only the generic implementations
	 * are built (crypto/aes.c, ghash.c and sha256.c hold no others), so
	 * no run has SIMD work, and there is no smbsign_run_take(): SIMD code
	 * added without its architecture's begin and end does not build.
	 */
	return SMBSIGN_IMPL_GENERIC;
#endif
}

#ifdef SMBSIGN_HAVE_SIMD
/*
 * How many of @nblocks blocks of @block_size bytes to process now, inside
 * an open section: opens one (closing a full one first) with room for the
 * run's budget, and always for at least one block. With @nblocks 0 it only
 * makes sure a section is open, for work that is not counted in bytes.
 */
static inline size_t smbsign_run_take(struct smbsign_run *run, size_t nblocks,
				      size_t block_size)
{
	size_t n;

	if (run->left < block_size) {
		if (run->open)
			smbsign_simd_end(run);
		smbsign_simd_begin(run);
		run->open = true;
		run->left = max_t(size_t, run->budget, block_size);
	}
	n = min_t(size_t, nblocks, run->left / block_size);
	run->left -= n * block_size;
	return n;
}
#endif

static inline void smbsign_run_end(struct smbsign_run *run)
{
#ifdef SMBSIGN_HAVE_SIMD
	if (run->open)
		smbsign_simd_end(run);
#endif
	run->open = false;
}

#endif /* _SMBSIGN_CRYPTO_RUN_H */
