/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 hooks of the AES layer (crypto/layers.h): AES-NI
 * (crypto/x86/aesni.S).
 * Documentation/design.rst, "Adding an implementation".
 */
#ifndef _SMBSIGN_X86_AES_H
#define _SMBSIGN_X86_AES_H

#include <asm/cpufeature.h>
#include <smbsign/aes.h>

enum {
	SMBSIGN_AES_AESNI = SMBSIGN_IMPL_GENERIC + 1,
};

/* crypto/x86/aesni.S */
void smbsign_aesni_expandkey(u8 *rk, const u8 *in_key, unsigned int key_len);
void smbsign_aesni_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
			  const u8 *src, size_t nblocks);
void smbsign_aesni_encrypt(const u8 *rk, unsigned int rounds, u8 out[16],
			   const u8 in[16]);
void smbsign_aesni_encrypt3(const u8 *rk, unsigned int rounds, u8 out[16],
			    const u8 a[16], const u8 b[16], const u8 c[16]);

static inline bool smbsign_aesni_available(void)
{
	return boot_cpu_has(X86_FEATURE_AES) && boot_cpu_has(X86_FEATURE_XMM2);
}

/* The layer's implementations (crypto/aes.c's list). */
static const struct smbsign_impl smbsign_aes_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_AES_AESNI, "aesni", smbsign_aesni_available),
};

/* The hooks (crypto/aes_simd.h) run these. */
#define SMBSIGN_AES_SIMD		SMBSIGN_AES_AESNI
#define smbsign_aes_simd_expandkey	smbsign_aesni_expandkey
#define smbsign_aes_simd_cbcmac		smbsign_aesni_cbcmac
#define smbsign_aes_simd_encrypt	smbsign_aesni_encrypt
#define smbsign_aes_simd_encrypt3	smbsign_aesni_encrypt3
#include "../aes_simd.h"

#endif /* _SMBSIGN_X86_AES_H */
