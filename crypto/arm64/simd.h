/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64: the SIMD decision and the sections of crypto/run.h. The NEON
 * registers belong to user space unless kernel_neon_begin() saved them;
 * crypto_simd_usable() says whether this context may do so (not in a hard
 * interrupt or NMI). Up to 6.12 the kernel saves them in the task; from
 * 7.x (where asm/simd.h defines scoped_ksimd()) the caller lends the save
 * area, which each run carries (struct smbsign_run, crypto/run.h).
 */
#ifndef _SMBSIGN_ARM64_SIMD_H
#define _SMBSIGN_ARM64_SIMD_H

#include <asm/neon.h>
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
	run->left = 0;
	run->budget = budget;
	run->open = false;
	run->fell_back = false;
	if (impls->table[impl].simd && unlikely(!crypto_simd_usable())) {
		run->fell_back = true;
		return SMBSIGN_IMPL_GENERIC;
	}
	return impl;
}

#ifdef SMBSIGN_RUN_NEON_STATE
static inline void smbsign_neon_begin(struct smbsign_run *run)
{
	kernel_neon_begin(&run->neon_state);
}

static inline void smbsign_neon_end(struct smbsign_run *run)
{
	kernel_neon_end(&run->neon_state);
}
#else
static inline void smbsign_neon_begin(struct smbsign_run *run)
{
	kernel_neon_begin();
}

static inline void smbsign_neon_end(struct smbsign_run *run)
{
	kernel_neon_end();
}
#endif

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
			smbsign_neon_end(run);
		smbsign_neon_begin(run);
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
		smbsign_neon_end(run);
	run->open = false;
}

#endif /* _SMBSIGN_ARM64_SIMD_H */
