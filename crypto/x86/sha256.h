/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 hooks of the SHA-256 layer (crypto/layers.h): the SHA extensions
 * (crypto/x86/sha256_ni.S).
 */
#ifndef _SMBSIGN_X86_SHA256_H
#define _SMBSIGN_X86_SHA256_H

#include <asm/cpufeature.h>
#include <smbsign/sha256.h>

enum {
	SMBSIGN_SHA256_SHANI = SMBSIGN_IMPL_GENERIC + 1,
};

/* crypto/x86/sha256_ni.S */
void smbsign_sha256_ni_blocks(u32 h[8], const u8 *src, size_t nblocks);

/* PSHUFB is SSSE3, PBLENDW SSE4.1: every SHA-NI CPU has both. */
static inline bool smbsign_sha256_shani_available(void)
{
	return boot_cpu_has(X86_FEATURE_SHA_NI) &&
	       boot_cpu_has(X86_FEATURE_SSSE3) &&
	       boot_cpu_has(X86_FEATURE_XMM4_1);
}

/* The layer's implementations (crypto/sha256.c's list). */
static const struct smbsign_impl smbsign_sha256_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_SHA256_SHANI, "shani",
			  smbsign_sha256_shani_available),
};

/* The hook (crypto/sha256_simd.h) runs it. */
#define SMBSIGN_SHA256_SIMD		SMBSIGN_SHA256_SHANI
#define smbsign_sha256_simd_blocks	smbsign_sha256_ni_blocks
#include "../sha256_simd.h"

#endif /* _SMBSIGN_X86_SHA256_H */
