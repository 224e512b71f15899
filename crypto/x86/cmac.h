/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 CMAC implementations: AES-NI. */
#ifndef _SMBSIGN_X86_CMAC_H
#define _SMBSIGN_X86_CMAC_H

#include <asm/cpufeature.h>
#include <smbsign/cmac.h>

/* crypto/x86/aesni_cmac.S */
void smbsign_aesni_expandkey(u8 *rk, const u8 *in_key, unsigned int key_len);
void smbsign_aesni_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
			  const u8 *src, size_t nblocks);

static bool smbsign_cmac_aesni_available(void)
{
	return boot_cpu_has(X86_FEATURE_AES) && boot_cpu_has(X86_FEATURE_XMM2);
}

static void smbsign_cmac_aesni_expandkey(struct smbsign_aes_key *key,
					 const u8 *in_key,
					 unsigned int key_len)
{
	key->key_len = key_len;
	key->rounds = key_len / 4 + 6;
	smbsign_aesni_expandkey(&key->rk[0][0], in_key, key_len);
}

static void smbsign_cmac_aesni_cbcmac(const struct smbsign_aes_key *key,
				      u8 mac[16], const u8 *src,
				      size_t nblocks)
{
	smbsign_aesni_cbcmac(&key->rk[0][0], key->rounds, mac, src, nblocks);
}

/* Also the AES half of the x86 GMAC implementations (crypto/x86/gmac.h). */
extern const struct smbsign_cmac_impl smbsign_cmac_aesni;
const struct smbsign_cmac_impl smbsign_cmac_aesni = {
	.name		= "aesni",
	.simd		= true,
	.available	= smbsign_cmac_aesni_available,
	.expandkey	= smbsign_cmac_aesni_expandkey,
	.cbcmac		= smbsign_cmac_aesni_cbcmac,
};

/* Slowest first, after generic: see smbsign_cmac_impls[]. */
#define SMBSIGN_CMAC_ARCH_IMPLS	(&smbsign_cmac_aesni)

#endif /* _SMBSIGN_X86_CMAC_H */
