/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 hooks of the SHA-256 layer (crypto/layers.h): the ARMv8 Crypto
 * Extensions' SHA2 instructions (crypto/arm64/sha256_ce.S).
 */
#ifndef _SMBSIGN_ARM64_SHA256_H
#define _SMBSIGN_ARM64_SHA256_H

#include <asm/cpufeature.h>
#include <smbsign/sha256.h>

enum {
	SMBSIGN_SHA256_CE = SMBSIGN_IMPL_GENERIC + 1,
};

/* crypto/arm64/sha256_ce.S */
void smbsign_sha256_ce_blocks(u32 h[8], const u8 *src, size_t nblocks);

static inline bool smbsign_sha256_ce_available(void)
{
	return cpu_have_named_feature(SHA2);
}

/* The layer's implementations (crypto/sha256.c's list). */
static const struct smbsign_impl smbsign_sha256_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_SHA256_CE, "sha2-ce",
			  smbsign_sha256_ce_available),
};

/* The blocks when @impl is ours, in sections of the run's budget. */
static inline bool smbsign_sha256_blocks_arch(struct smbsign_run *run,
					      unsigned int impl, u32 h[8],
					      const u8 *src, size_t nblocks)
{
	if (impl != SMBSIGN_SHA256_CE)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks,
					    SMBSIGN_SHA256_BLOCK_SIZE);

		smbsign_sha256_ce_blocks(h, src, n);
		src += SMBSIGN_SHA256_BLOCK_SIZE * n;
		nblocks -= n;
	}
	return true;
}

#endif /* _SMBSIGN_ARM64_SHA256_H */
