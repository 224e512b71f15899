/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic GHASH's field arithmetic, also used to prepare the tables of
 * the SIMD implementations: operands are two u64, [0] the low half, in the
 * reflected order of crypto/ghash_generic.c.
 */
#ifndef _SMBSIGN_GHASH_GENERIC_H
#define _SMBSIGN_GHASH_GENERIC_H

#include <smbsign/gmac.h>

/* A 16-byte GCM block to the reflected form, and back. */
void smbsign_ghash_load(u64 v[2], const u8 block[16]);
void smbsign_ghash_store(u8 block[16], const u64 v[2]);
/* H / x from H in GCM byte order: the form the multiplier takes. */
void smbsign_ghash_key_hx(u64 hx[2], const u8 h[16]);
/* @a = @a * H, where @hx = H / x. */
void smbsign_ghash_mul(u64 a[2], const u64 hx[2]);
void smbsign_ghash_generic(const struct smbsign_gmac_key *key, u8 acc[16],
			   const u8 *src, size_t nblocks);
/* key->h_pow[@i] and key->h_kara[@i] for the power @p of H. */
void smbsign_ghash_table_entry(struct smbsign_gmac_key *key, unsigned int i,
			       const u8 p[16]);

#endif /* _SMBSIGN_GHASH_GENERIC_H */
