/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC-SHA256 (RFC 2104, FIPS 198-1 over FIPS 180-4 SHA-256), the signing
 * MAC of SMB 2.0.2 and 2.1, and the PRF of SMB 3.x's key derivation:
 * smbsign_macs[SMBSIGN_HMAC].
 *
 * The mode (key padding and hashing, the inner and outer states, SHA-256's
 * padding) is crypto/hmac.c, over the SHA-256 layer, whose implementations
 * it has.
 */
#ifndef _SMBSIGN_HMAC_H
#define _SMBSIGN_HMAC_H

#include <linux/types.h>
#include <smbsign/mac.h>
#include <smbsign/sha256.h>

#define SMBSIGN_HMAC_DIGEST_SIZE	SMBSIGN_SHA256_DIGEST_SIZE
/* Keys up to one block are kept for the key cache; longer ones are hashed. */
#define SMBSIGN_HMAC_CACHED_KEY_MAX	SMBSIGN_SHA256_BLOCK_SIZE

struct smbsign_hmac_key {
	u32 istate[8];	/* SHA-256 state after the block K ^ ipad */
	u32 ostate[8];	/* SHA-256 state after the block K ^ opad */
	/*
	 * The key as given, for the key cache, when it fits in a block;
	 * longer keys (hashed first, RFC 2104) are never served from it.
	 */
	u8 raw[SMBSIGN_HMAC_CACHED_KEY_MAX];
	u32 raw_len;
	bool cacheable;
	/* The SHA-256 implementation that set it: bound until the next setkey. */
	u8 impl;
};

/* Per-request state: flat, so it exports as it is. */
struct smbsign_hmac_state {
	u32 h[8];	/* inner SHA-256 state */
	u8 buf[SMBSIGN_SHA256_BLOCK_SIZE];	/* bytes not yet a whole block */
	u64 len;	/* inner bytes so far, the ipad block included */
};

/* The operations of its struct smbsign_mac. */
SMBSIGN_DECLARE_MAC_OPS(hmac);

#endif /* _SMBSIGN_HMAC_H */
