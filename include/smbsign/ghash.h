/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GHASH layer under GMAC (NIST SP 800-38D): multiplication by H in
 * GF(2^128) over whole blocks. Implementations: generic (constant-time C
 * without tables, crypto/ghash.c) and those of crypto/<arch>/ghash.h,
 * which multiply by precomputed powers of H kept in the key.
 */
#ifndef _SMBSIGN_GHASH_H
#define _SMBSIGN_GHASH_H

#include <linux/types.h>
#include <smbsign/impl.h>

#define SMBSIGN_GHASH_BLOCK_SIZE	16
/*
 * Room for what an architecture's implementations precompute from H; the
 * layout is theirs (crypto/<arch>/ghash.h). x86-64: H^16 .. H^1 and their
 * Karatsuba halves, 512 bytes.
 */
#define SMBSIGN_GHASH_TABLE_BYTES	512

struct smbsign_run;

struct smbsign_ghash_key {
	/* H = E_K(0^128) in GCM byte order: what the generic code uses. */
	u8 h[16];
	u8 tables[SMBSIGN_GHASH_TABLE_BYTES] __aligned(16);
};

extern struct smbsign_impls smbsign_ghash_impls;

/*
 * The tables for a key bound to implementation @key_impl, made by the code
 * of @impl: @key_impl's own, or generic when SIMD is unusable here.
 * @key->h is set.
 */
void smbsign_ghash_setkey(struct smbsign_run *run, unsigned int impl,
			  unsigned int key_impl, struct smbsign_ghash_key *key);
/*
 * acc = (... ((acc ^ b[0]) * H ^ b[1]) * H ... ^ b[n-1]) * H over
 * @nblocks 16-byte blocks; @acc in GCM byte order, so implementations can
 * take turns within one message.
 */
void smbsign_ghash_blocks(struct smbsign_run *run, unsigned int impl,
			  const struct smbsign_ghash_key *key, u8 acc[16],
			  const u8 *src, size_t nblocks);

/*
 * For crypto/<arch>/ghash.h's tables, made by generic code: pow[k] =
 * H^(k + 1) / x for k < @n, reflected (bit 127 - i of the 128-bit number
 * [pow[k][1]:pow[k][0]] holds the coefficient of x^i), the form in which
 * carry-less multiplication needs no shift (crypto/x86/ghash_pclmul.S).
 */
void smbsign_ghash_powers_generic(const u8 h[16], u64 pow[][2],
				  unsigned int n);

#endif /* _SMBSIGN_GHASH_H */
