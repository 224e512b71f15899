/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SHA-256 layer under HMAC-SHA256 (FIPS 180-4): the compression
 * function over whole 64-byte blocks (crypto/layers.h).
 * Implementations: generic (plain C, crypto/sha256.c) and those of
 * crypto/<arch>/sha256.h.
 */
#ifndef _SMBSIGN_SHA256_H
#define _SMBSIGN_SHA256_H

#include <linux/types.h>
#include <smbsign/impl.h>

#define SMBSIGN_SHA256_BLOCK_SIZE	64
#define SMBSIGN_SHA256_DIGEST_SIZE	32

/* FIPS 180-4 sections 4.2.2 and 5.3.3. */
extern const u32 smbsign_sha256_k[64];
extern const u32 smbsign_sha256_iv[8];

extern struct smbsign_impls smbsign_sha256_impls;

#endif /* _SMBSIGN_SHA256_H */
