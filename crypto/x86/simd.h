/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64: the SIMD decision and the sections of crypto/run.h. The vector
 * registers belong to user space unless kernel_fpu_begin() saved them;
 * crypto_simd_usable() says whether this context may do so (not in a hard
 * interrupt, nor nested in another section).
 */
#ifndef _SMBSIGN_X86_SIMD_H
#define _SMBSIGN_X86_SIMD_H

#include <asm/fpu/api.h>
/* 6.1's crypto/internal/simd.h uses may_use_simd() without including it. */
#include <asm/simd.h>
#include <crypto/internal/simd.h>

/*
 * Starts one call's run on @impls' implementation @impl; returns the
 * implementation to run: @impl, or generic when @impl needs SIMD and this
 * context cannot have it (the key still computes the same MACs: every key
 * keeps the canonical form that generic code runs from).
 */
static inline unsigned int smbsign_run_start(struct smbsign_run *run,
					     const struct smbsign_impls *impls,
					     unsigned int impl,
					     unsigned int budget)
{
	*run = (struct smbsign_run){ .budget = budget };
	if (impls->table[impl].simd && unlikely(!crypto_simd_usable())) {
		run->fell_back = true;
		return SMBSIGN_IMPL_GENERIC;
	}
	return impl;
}

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
			kernel_fpu_end();
		kernel_fpu_begin();
		run->open = true;
		run->left = max_t(size_t, run->budget, block_size);
	}
	n = min_t(size_t, nblocks, run->left / block_size);
	run->left -= n * block_size;
	return n;
}

static inline void smbsign_run_end(struct smbsign_run *run)
{
	if (run->open)
		kernel_fpu_end();
	run->open = false;
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
