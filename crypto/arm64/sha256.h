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

/* The hook (crypto/sha256_simd.h) runs it. */
#define SMBSIGN_SHA256_SIMD		SMBSIGN_SHA256_CE
#define smbsign_sha256_simd_blocks	smbsign_sha256_ce_blocks
#include "../sha256_simd.h"

#endif /* _SMBSIGN_ARM64_SHA256_H */
