/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 HMAC-SHA256 implementations: SHA-NI. */
#ifndef _SMBSIGN_X86_HMAC_H
#define _SMBSIGN_X86_HMAC_H

#include <asm/cpufeature.h>
#include <smbsign/hmac.h>

/* crypto/x86/sha256_ni.S */
void smbsign_sha256_ni_blocks(u32 h[8], const u8 *src, size_t nblocks);

/* PSHUFB is SSSE3, PBLENDW SSE4.1: every SHA-NI CPU has both. */
static bool smbsign_hmac_shani_available(void)
{
	return boot_cpu_has(X86_FEATURE_SHA_NI) &&
	       boot_cpu_has(X86_FEATURE_SSSE3) &&
	       boot_cpu_has(X86_FEATURE_XMM4_1);
}

/*
 * Called through the table, so a C function: it carries the indirect
 * branch target marking (ENDBR) that an assembly symbol would not.
 */
static void smbsign_hmac_shani_blocks(u32 h[8], const u8 *src, size_t nblocks)
{
	smbsign_sha256_ni_blocks(h, src, nblocks);
}

static const struct smbsign_hmac_impl smbsign_hmac_shani = {
	.name		= "shani",
	.simd		= true,
	.available	= smbsign_hmac_shani_available,
	.blocks		= smbsign_hmac_shani_blocks,
};

#endif /* _SMBSIGN_X86_HMAC_H */
