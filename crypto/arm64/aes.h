/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 hooks of the AES layer (crypto/layers.h): the ARMv8 Crypto
 * Extensions' AESE/AESMC (crypto/arm64/aes_ce.S).
 * Documentation/design.rst, "Adding an implementation".
 */
#ifndef _SMBSIGN_ARM64_AES_H
#define _SMBSIGN_ARM64_AES_H

#include <asm/cpufeature.h>
#include <smbsign/aes.h>

enum {
	SMBSIGN_AES_CE = SMBSIGN_IMPL_GENERIC + 1,
};

/* crypto/arm64/aes_ce.S */
void smbsign_aes_ce_expandkey(u8 *rk, const u8 *in_key, unsigned int key_len);
void smbsign_aes_ce_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
			   const u8 *src, size_t nblocks);
void smbsign_aes_ce_encrypt(const u8 *rk, unsigned int rounds, u8 out[16],
			    const u8 in[16]);
void smbsign_aes_ce_encrypt3(const u8 *rk, unsigned int rounds, u8 out[16],
			     const u8 a[16], const u8 b[16], const u8 c[16]);

static inline bool smbsign_aes_ce_available(void)
{
	return cpu_have_named_feature(AES);
}

/* The layer's implementations (crypto/aes.c's list). */
static const struct smbsign_impl smbsign_aes_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_AES_CE, "aes-ce", smbsign_aes_ce_available),
};

/* The hooks (crypto/aes_simd.h) run these. */
#define SMBSIGN_AES_SIMD		SMBSIGN_AES_CE
#define smbsign_aes_simd_expandkey	smbsign_aes_ce_expandkey
#define smbsign_aes_simd_cbcmac		smbsign_aes_ce_cbcmac
#define smbsign_aes_simd_encrypt	smbsign_aes_ce_encrypt
#define smbsign_aes_simd_encrypt3	smbsign_aes_ce_encrypt3
#include "../aes_simd.h"

#endif /* _SMBSIGN_ARM64_AES_H */
