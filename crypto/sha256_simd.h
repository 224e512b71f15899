/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SHA-256 layer's *_arch() hook (crypto/layers.h) for an architecture
 * with one SIMD implementation of the compression function, included by
 * its crypto/<arch>/sha256.h after it names them:
 *
 *	SMBSIGN_SHA256_SIMD		the implementation's id
 *	smbsign_sha256_simd_blocks()	its assembly: (h, src, nblocks)
 */
#ifndef _SMBSIGN_CRYPTO_SHA256_SIMD_H
#define _SMBSIGN_CRYPTO_SHA256_SIMD_H

#include <smbsign/sha256.h>

/* The blocks when @impl is ours, in sections of the run's budget. */
static inline bool smbsign_sha256_blocks_arch(struct smbsign_run *run,
					      unsigned int impl, u32 h[8],
					      const u8 *src, size_t nblocks)
{
	if (impl != SMBSIGN_SHA256_SIMD)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks,
					    SMBSIGN_SHA256_BLOCK_SIZE);

		smbsign_sha256_simd_blocks(h, src, n);
		src += SMBSIGN_SHA256_BLOCK_SIZE * n;
		nblocks -= n;
	}
	return true;
}

#endif /* _SMBSIGN_CRYPTO_SHA256_SIMD_H */
