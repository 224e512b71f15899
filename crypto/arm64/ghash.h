/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 hooks of the GHASH layer (crypto/layers.h): the ARMv8 Crypto
 * Extensions' 64-bit PMULL (crypto/arm64/ghash_pmull.S), eight blocks per
 * reduction.
 */
#ifndef _SMBSIGN_ARM64_GHASH_H
#define _SMBSIGN_ARM64_GHASH_H

#include <linux/build_bug.h>
#include <asm/cpufeature.h>
#include <smbsign/ghash.h>

enum {
	SMBSIGN_GHASH_PMULL = SMBSIGN_IMPL_GENERIC + 1,
};

/*
 * The tables in struct smbsign_ghash_key: h_pow[i] = H^(8 - i) / x,
 * reflected, low 64 bits first (as a register loads them), then h_kara[i],
 * the XOR of h_pow[i]'s halves (Karatsuba's middle factor), 8 bytes each;
 * n blocks use the last n entries.
 */
#define SMBSIGN_GHASH_POWERS	8
#define SMBSIGN_GHASH_H_POW(key)	((key)->tables)
#define SMBSIGN_GHASH_H_KARA(key)	((key)->tables + 16 * SMBSIGN_GHASH_POWERS)
static_assert(24 * SMBSIGN_GHASH_POWERS <= SMBSIGN_GHASH_TABLE_BYTES);

/* crypto/arm64/ghash_pmull.S */
void smbsign_ghash_pmull(const u8 *h_pow, const u8 *h_kara, u8 acc[16],
			 const u8 *src, size_t nblocks);

/*
 * GMAC pairs it with the AES instructions for its two AES blocks per MAC:
 * without them, generic AES would cost more than GHASH saves on small
 * messages. PMULL comes with them in the Cryptographic Extension, but
 * each is checked.
 */
static inline bool smbsign_ghash_pmull_available(void)
{
	return cpu_have_named_feature(PMULL) && cpu_have_named_feature(AES);
}

/* The layer's implementations (crypto/ghash.c's list). */
static const struct smbsign_impl smbsign_ghash_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_GHASH_PMULL, "pmull",
			  smbsign_ghash_pmull_available),
};

/*
 * The tables of a key bound to PMULL, made by generic code (eight
 * multiplications once per key, in or out of a SIMD section alike).
 */
static inline bool smbsign_ghash_setkey_arch(struct smbsign_run *run,
					     unsigned int impl,
					     unsigned int key_impl,
					     struct smbsign_ghash_key *key)
{
	u64 pow[SMBSIGN_GHASH_POWERS][2], k;
	unsigned int i, b;

	if (key_impl == SMBSIGN_IMPL_GENERIC)
		return false;
	smbsign_ghash_powers_generic(key->h, pow, SMBSIGN_GHASH_POWERS);
	for (i = 0; i < SMBSIGN_GHASH_POWERS; i++) {
		const u64 *p = pow[SMBSIGN_GHASH_POWERS - 1 - i];
		u8 *h_pow = SMBSIGN_GHASH_H_POW(key) + 16 * i;
		u8 *h_kara = SMBSIGN_GHASH_H_KARA(key) + 8 * i;

		k = p[0] ^ p[1];
		for (b = 0; b < 8; b++) {
			h_pow[b] = (u8)(p[0] >> (8 * b));
			h_pow[8 + b] = (u8)(p[1] >> (8 * b));
			h_kara[b] = (u8)(k >> (8 * b));
		}
	}
	memzero_explicit(pow, sizeof(pow));
	memzero_explicit(&k, sizeof(k));
	return true;
}

/* The blocks when @impl is ours, in sections of the run's budget. */
static inline bool smbsign_ghash_blocks_arch(struct smbsign_run *run,
					     unsigned int impl,
					     const struct smbsign_ghash_key *key,
					     u8 acc[16], const u8 *src,
					     size_t nblocks)
{
	if (impl != SMBSIGN_GHASH_PMULL)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks,
					    SMBSIGN_GHASH_BLOCK_SIZE);

		smbsign_ghash_pmull(SMBSIGN_GHASH_H_POW(key),
				    SMBSIGN_GHASH_H_KARA(key), acc, src, n);
		src += SMBSIGN_GHASH_BLOCK_SIZE * n;
		nblocks -= n;
	}
	return true;
}

#endif /* _SMBSIGN_ARM64_GHASH_H */
