/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GHASH layer under GMAC (NIST SP 800-38D): multiplication by H in
 * GF(2^128) over whole blocks (crypto/layers.h). Implementations:
 * generic (constant-time C without tables, crypto/ghash.c) and those of
 * crypto/<arch>/ghash.h, which multiply by precomputed powers of H kept
 * in the key.
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

struct smbsign_ghash_key {
	/* H = E_K(0^128) in GCM byte order: what the generic code uses. */
	u8 h[16];
	u8 tables[SMBSIGN_GHASH_TABLE_BYTES] __aligned(16);
};

extern struct smbsign_impls smbsign_ghash_impls;

#endif /* _SMBSIGN_GHASH_H */
