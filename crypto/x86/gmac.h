/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 GMAC implementations: GHASH with PCLMULQDQ (128-bit), and with
 * VPCLMULQDQ on AVX2's 256-bit and AVX-512's 512-bit registers; AES-NI for
 * the AES blocks.
 */
#ifndef _SMBSIGN_X86_GMAC_H
#define _SMBSIGN_X86_GMAC_H

#include <asm/cpufeature.h>
#include <smbsign/gmac.h>
#include <smbsign/simd.h>

/* crypto/x86/cmac.h, built into crypto/cmac.c */
extern const struct smbsign_cmac_impl smbsign_cmac_aesni;

/* crypto/x86/ghash_pclmul.S */
void smbsign_ghash_pclmul_powers(u8 *h_pow, u8 *h_kara, const u8 h[16]);
void smbsign_ghash_pclmul(const u8 *h_pow, const u8 *h_kara, u8 acc[16],
			  const u8 *src, size_t nblocks);
void smbsign_ghash_vpclmul_avx2(const u8 *h_pow, const u8 *h_kara,
				u8 acc[16], const u8 *src, size_t ngroups);
void smbsign_ghash_vpclmul_avx512(const u8 *h_pow, const u8 *h_kara,
				  u8 acc[16], const u8 *src, size_t ngroups);

static void smbsign_gmac_pclmul_tables(struct smbsign_gmac_key *key)
{
	smbsign_ghash_pclmul_powers(&key->h_pow[0][0], &key->h_kara[0][0],
				    key->h);
}

static bool smbsign_gmac_pclmul_available(void)
{
	return boot_cpu_has(X86_FEATURE_PCLMULQDQ) &&
	       boot_cpu_has(X86_FEATURE_SSSE3) &&
	       smbsign_cmac_aesni.available();
}

static void smbsign_gmac_pclmul_ghash(const struct smbsign_gmac_key *key,
				      u8 acc[16], const u8 *src,
				      size_t nblocks)
{
	smbsign_ghash_pclmul(&key->h_pow[0][0], &key->h_kara[0][0], acc, src,
			     nblocks);
}

static const struct smbsign_gmac_impl smbsign_gmac_pclmul = {
	.name		= "pclmul",
	.simd		= true,
	.available	= smbsign_gmac_pclmul_available,
	.cipher		= &smbsign_cmac_aesni,
	.tables		= smbsign_gmac_pclmul_tables,
	.ghash		= smbsign_gmac_pclmul_ghash,
};

/* The 256-bit registers also need the OS to save their upper halves. */
static bool smbsign_gmac_vpclmul_avx2_available(void)
{
	return boot_cpu_has(X86_FEATURE_VPCLMULQDQ) &&
	       boot_cpu_has(X86_FEATURE_AVX2) &&
	       smbsign_os_saves_ymm() &&
	       smbsign_gmac_pclmul_available();
}

/*
 * Groups of sixteen blocks through the 256- or (@zmm) 512-bit loop, the
 * rest 128 bits wide.
 */
static void smbsign_gmac_vpclmul_ghash(const struct smbsign_gmac_key *key,
				       u8 acc[16], const u8 *src,
				       size_t nblocks, bool zmm)
{
	size_t ngroups = nblocks / 16;

	if (ngroups && zmm)
		smbsign_ghash_vpclmul_avx512(&key->h_pow[0][0],
					     &key->h_kara[0][0], acc, src,
					     ngroups);
	else if (ngroups)
		smbsign_ghash_vpclmul_avx2(&key->h_pow[0][0],
					   &key->h_kara[0][0], acc, src,
					   ngroups);
	if (nblocks % 16)
		smbsign_ghash_pclmul(&key->h_pow[0][0], &key->h_kara[0][0],
				     acc, src + 256 * ngroups, nblocks % 16);
}

static void smbsign_gmac_vpclmul_avx2_ghash(const struct smbsign_gmac_key *key,
					    u8 acc[16], const u8 *src,
					    size_t nblocks)
{
	smbsign_gmac_vpclmul_ghash(key, acc, src, nblocks, false);
}

static const struct smbsign_gmac_impl smbsign_gmac_vpclmul_avx2 = {
	.name		= "vpclmul-avx2",
	.simd		= true,
	.available	= smbsign_gmac_vpclmul_avx2_available,
	.cipher		= &smbsign_cmac_aesni,
	.tables		= smbsign_gmac_pclmul_tables,
	.ghash		= smbsign_gmac_vpclmul_avx2_ghash,
};

/* 512-bit registers: AVX-512 F and BW, and the OS saving the ZMM state. */
static bool smbsign_gmac_vpclmul_avx512_available(void)
{
	return boot_cpu_has(X86_FEATURE_AVX512F) &&
	       boot_cpu_has(X86_FEATURE_AVX512BW) &&
	       smbsign_os_saves_zmm() &&
	       smbsign_gmac_vpclmul_avx2_available();
}

static void
smbsign_gmac_vpclmul_avx512_ghash(const struct smbsign_gmac_key *key,
				  u8 acc[16], const u8 *src, size_t nblocks)
{
	smbsign_gmac_vpclmul_ghash(key, acc, src, nblocks, true);
}

static const struct smbsign_gmac_impl smbsign_gmac_vpclmul_avx512 = {
	.name		= "vpclmul-avx512",
	.simd		= true,
	.available	= smbsign_gmac_vpclmul_avx512_available,
	.cipher		= &smbsign_cmac_aesni,
	.tables		= smbsign_gmac_pclmul_tables,
	.ghash		= smbsign_gmac_vpclmul_avx512_ghash,
};

#endif /* _SMBSIGN_X86_GMAC_H */
