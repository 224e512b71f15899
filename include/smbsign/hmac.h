/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC-SHA256 (RFC 2104, FIPS 198-1 over FIPS 180-4 SHA-256), the signing
 * MAC of SMB 2.0.2 and 2.1, and the PRF of SMB 3.x's key derivation.
 *
 * The mode (key padding and hashing, the inner and outer states, SHA-256's
 * padding) is written once, in crypto/hmac.c; implementations supply the
 * SHA-256 compression function over whole 64-byte blocks.
 */
#ifndef _SMBSIGN_HMAC_H
#define _SMBSIGN_HMAC_H

#include <linux/types.h>

#define SMBSIGN_SHA256_BLOCK_SIZE	64
#define SMBSIGN_HMAC_DIGEST_SIZE	32
/* Keys up to one block are kept for the key cache; longer ones are hashed. */
#define SMBSIGN_HMAC_CACHED_KEY_MAX	SMBSIGN_SHA256_BLOCK_SIZE

struct smbsign_hmac_impl {
	const char *name;
	/* Runs between kernel_fpu_begin/end; replaced by generic when unusable. */
	bool simd;
	/* Whether this CPU can run it. */
	bool (*available)(void);
	/* SHA-256 compression of @nblocks (>= 1) 64-byte blocks into @h. */
	void (*blocks)(u32 h[8], const u8 *src, size_t nblocks);
};

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
	/* The implementation that set this key; bound until the next setkey. */
	const struct smbsign_hmac_impl *impl;
};

/* Per-request state: flat, so it exports as it is. */
struct smbsign_hmac_state {
	u32 h[8];	/* inner SHA-256 state */
	u8 buf[SMBSIGN_SHA256_BLOCK_SIZE];	/* bytes not yet a whole block */
	u64 len;	/* inner bytes so far, the ipad block included */
};

extern const struct smbsign_hmac_impl smbsign_hmac_generic;
extern const struct smbsign_hmac_impl *const smbsign_hmac_impls[];
extern const unsigned int smbsign_hmac_nr_impls;

/* Most bytes processed per SIMD section (kernel preemption latency). */
extern unsigned int smbsign_hmac_fpu_bytes;

const struct smbsign_hmac_impl *smbsign_hmac_impl_lookup(const char *name);
const struct smbsign_hmac_impl *smbsign_hmac_best_impl(void);

/* Any key length is valid, 0 included; never fails. */
void smbsign_hmac_setkey(struct smbsign_hmac_key *key,
			 const struct smbsign_hmac_impl *impl,
			 const u8 *in_key, unsigned int key_len);
bool smbsign_hmac_key_matches(const struct smbsign_hmac_key *key,
			      const struct smbsign_hmac_impl *impl,
			      const u8 *in_key, unsigned int key_len);
void smbsign_hmac_init(const struct smbsign_hmac_key *key,
		       struct smbsign_hmac_state *st);
void smbsign_hmac_update(const struct smbsign_hmac_key *key,
			 struct smbsign_hmac_state *st,
			 const u8 *data, size_t len);
void smbsign_hmac_finup(const struct smbsign_hmac_key *key,
			struct smbsign_hmac_state *st,
			const u8 *data, size_t len,
			u8 out[SMBSIGN_HMAC_DIGEST_SIZE]);
/* An exported state we could have produced (import checks it). */
bool smbsign_hmac_state_valid(const struct smbsign_hmac_state *st);

#endif /* _SMBSIGN_HMAC_H */
