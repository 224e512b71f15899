/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256's constants and its generic compression function (crypto/sha256.c). */
#ifndef _SMBSIGN_SHA256_H
#define _SMBSIGN_SHA256_H

#include <linux/types.h>

/* FIPS 180-4 section 4.2.2 and 5.3.3. */
extern const u32 smbsign_sha256_k[64];
extern const u32 smbsign_sha256_iv[8];

void smbsign_sha256_generic_blocks(u32 h[8], const u8 *src, size_t nblocks);

#endif /* _SMBSIGN_SHA256_H */
