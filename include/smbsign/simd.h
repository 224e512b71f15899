/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering and leaving a section where the vector registers may be used.
 * The per-architecture part lives in crypto/<arch>/simd.h; in the userspace
 * build the same headers come from tools/compat and cost nothing.
 */
#ifndef _SMBSIGN_SIMD_H
#define _SMBSIGN_SIMD_H

#include <linux/minmax.h>
#include <linux/types.h>
#include <asm/simd.h>
#include <crypto/internal/simd.h>

#if defined(CONFIG_X86_64)
#include "../../crypto/x86/simd.h"
#else
static inline void smbsign_simd_begin(void) { }
static inline void smbsign_simd_end(void) { }
#endif

/* The range of the <alg>_fpu_bytes parameters. */
#define SMBSIGN_FPU_BYTES_MIN	512
#define SMBSIGN_FPU_BYTES_MAX	1048576

/*
 * One call's SIMD work, in sections of bounded size. A section is opened at
 * the first piece of work, shared by the rest of the call instead of taking
 * one per block, and closed and reopened only once it has taken its budget
 * of bytes, which bounds how long preemption stays off.
 */
struct smbsign_simd_run {
	size_t left;	/* bytes the open section may still take */
	bool open;
};

/*
 * How many of @nblocks blocks of @block_size bytes to process now, inside
 * an open section; opens one (closing a full one first) with room for
 * @fpu_bytes, and always for at least one block. With @nblocks 0 it just
 * makes sure a section with room for a block is open.
 */
static inline size_t smbsign_simd_run_blocks(struct smbsign_simd_run *run,
					     size_t nblocks, size_t block_size,
					     unsigned int fpu_bytes)
{
	size_t n;

	if (run->left < block_size) {
		if (run->open)
			smbsign_simd_end();
		smbsign_simd_begin();
		run->open = true;
		run->left = max_t(size_t, fpu_bytes, block_size);
	}
	n = min_t(size_t, nblocks, run->left / block_size);
	run->left -= n * block_size;
	return n;
}

static inline void smbsign_simd_run_end(struct smbsign_simd_run *run)
{
	if (run->open)
		smbsign_simd_end();
	run->open = false;
	run->left = 0;
}

#endif /* _SMBSIGN_SIMD_H */
