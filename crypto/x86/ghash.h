/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 hooks of the GHASH layer (crypto/layers.h): PCLMULQDQ on 128-bit
 * registers, and VPCLMULQDQ on AVX2's 256-bit and AVX-512's 512-bit ones
 * (crypto/x86/ghash_pclmul.S). All three multiply by the same tables.
 */
#ifndef _SMBSIGN_X86_GHASH_H
#define _SMBSIGN_X86_GHASH_H

#include <linux/build_bug.h>
#include <asm/cpufeature.h>
#include <smbsign/ghash.h>

enum {
	SMBSIGN_GHASH_PCLMUL = SMBSIGN_IMPL_GENERIC + 1,
	SMBSIGN_GHASH_VPCLMUL_AVX2,
	SMBSIGN_GHASH_VPCLMUL_AVX512,
};

/*
 * The tables in struct smbsign_ghash_key: h_pow[i] = H^(16 - i) / x,
 * reflected, as an xmm register holds it (little-endian), and h_kara[i]
 * the XOR of its two halves in both halves (Karatsuba's middle factor);
 * n blocks use the last n entries.
 */
#define SMBSIGN_GHASH_POWERS	16
#define SMBSIGN_GHASH_H_POW(key)	((key)->tables)
#define SMBSIGN_GHASH_H_KARA(key)	((key)->tables + 16 * SMBSIGN_GHASH_POWERS)
static_assert(2 * 16 * SMBSIGN_GHASH_POWERS <= SMBSIGN_GHASH_TABLE_BYTES);

/* crypto/x86/ghash_pclmul.S */
void smbsign_ghash_pclmul_powers(u8 *h_pow, u8 *h_kara, const u8 h[16]);
void smbsign_ghash_pclmul(const u8 *h_pow, const u8 *h_kara, u8 acc[16],
			  const u8 *src, size_t nblocks);
void smbsign_ghash_vpclmul_avx2(const u8 *h_pow, const u8 *h_kara,
				u8 acc[16], const u8 *src, size_t ngroups);
void smbsign_ghash_vpclmul_avx512(const u8 *h_pow, const u8 *h_kara,
				  u8 acc[16], const u8 *src, size_t ngroups);

/*
 * GMAC pairs these with AES-NI for its two AES blocks per MAC: without
 * it, generic AES would cost more than GHASH saves on small messages.
 */
static inline bool smbsign_ghash_pclmul_available(void)
{
	return boot_cpu_has(X86_FEATURE_PCLMULQDQ) &&
	       boot_cpu_has(X86_FEATURE_SSSE3) &&
	       boot_cpu_has(X86_FEATURE_AES) && boot_cpu_has(X86_FEATURE_XMM2);
}

/* The 256-bit registers also need the OS to save their upper halves. */
static inline bool smbsign_ghash_vpclmul_avx2_available(void)
{
	return boot_cpu_has(X86_FEATURE_VPCLMULQDQ) &&
	       boot_cpu_has(X86_FEATURE_AVX2) && smbsign_os_saves_ymm() &&
	       smbsign_ghash_pclmul_available();
}

/* 512-bit registers: AVX-512 F and BW, and the OS saving the ZMM state. */
static inline bool smbsign_ghash_vpclmul_avx512_available(void)
{
	return boot_cpu_has(X86_FEATURE_AVX512F) &&
	       boot_cpu_has(X86_FEATURE_AVX512BW) && smbsign_os_saves_zmm() &&
	       smbsign_ghash_vpclmul_avx2_available();
}

/* The layer's implementations (crypto/ghash.c's list). */
static const struct smbsign_impl smbsign_ghash_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_GHASH_PCLMUL, "pclmul",
			  smbsign_ghash_pclmul_available),
	SMBSIGN_SIMD_IMPL(SMBSIGN_GHASH_VPCLMUL_AVX2, "vpclmul-avx2",
			  smbsign_ghash_vpclmul_avx2_available),
	SMBSIGN_ZMM_IMPL(SMBSIGN_GHASH_VPCLMUL_AVX512, "vpclmul-avx512",
			 smbsign_ghash_vpclmul_avx512_available),
};

/* The tables from generic code, where SIMD is unusable at setkey. */
static inline void smbsign_ghash_fill_tables(struct smbsign_ghash_key *key)
{
	u64 pow[SMBSIGN_GHASH_POWERS][2], k;
	unsigned int i, b;

	smbsign_ghash_powers_generic(key->h, pow, SMBSIGN_GHASH_POWERS);
	for (i = 0; i < SMBSIGN_GHASH_POWERS; i++) {
		const u64 *p = pow[SMBSIGN_GHASH_POWERS - 1 - i];
		u8 *h_pow = SMBSIGN_GHASH_H_POW(key) + 16 * i;
		u8 *h_kara = SMBSIGN_GHASH_H_KARA(key) + 16 * i;

		k = p[0] ^ p[1];
		for (b = 0; b < 8; b++) {
			h_pow[b] = (u8)(p[0] >> (8 * b));
			h_pow[8 + b] = (u8)(p[1] >> (8 * b));
			h_kara[b] = (u8)(k >> (8 * b));
			h_kara[8 + b] = (u8)(k >> (8 * b));
		}
	}
	memzero_explicit(pow, sizeof(pow));
	memzero_explicit(&k, sizeof(k));
}

/*
 * The tables of a key bound to one of ours (the generic code needs none),
 * made by its own code, or by generic code where SIMD is unusable now.
 */
static inline bool smbsign_ghash_setkey_arch(struct smbsign_run *run,
					     unsigned int impl,
					     unsigned int key_impl,
					     struct smbsign_ghash_key *key)
{
	if (key_impl == SMBSIGN_IMPL_GENERIC)
		return false;
	if (impl == key_impl) {
		smbsign_run_take(run, 0, SMBSIGN_GHASH_BLOCK_SIZE);
		smbsign_ghash_pclmul_powers(SMBSIGN_GHASH_H_POW(key),
					    SMBSIGN_GHASH_H_KARA(key), key->h);
	} else {
		smbsign_ghash_fill_tables(key);
	}
	return true;
}

/*
 * The blocks when @impl is ours, in sections of the run's budget: groups
 * of sixteen through the 256- or 512-bit loop, the rest 128 bits wide.
 */
static inline bool smbsign_ghash_blocks_arch(struct smbsign_run *run,
					     unsigned int impl,
					     const struct smbsign_ghash_key *key,
					     u8 acc[16], const u8 *src,
					     size_t nblocks)
{
	const u8 *h_pow = SMBSIGN_GHASH_H_POW(key);
	const u8 *h_kara = SMBSIGN_GHASH_H_KARA(key);

	if (impl == SMBSIGN_IMPL_GENERIC)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks,
					    SMBSIGN_GHASH_BLOCK_SIZE);
		size_t groups = impl == SMBSIGN_GHASH_PCLMUL ? 0 : n / 16;

		if (groups && impl == SMBSIGN_GHASH_VPCLMUL_AVX512)
			smbsign_ghash_vpclmul_avx512(h_pow, h_kara, acc, src,
						     groups);
		else if (groups)
			smbsign_ghash_vpclmul_avx2(h_pow, h_kara, acc, src,
						   groups);
		if (n > 16 * groups)
			smbsign_ghash_pclmul(h_pow, h_kara, acc,
					     src + 256 * groups, n - 16 * groups);
		src += SMBSIGN_GHASH_BLOCK_SIZE * n;
		nblocks -= n;
	}
	return true;
}

#endif /* _SMBSIGN_X86_GHASH_H */
