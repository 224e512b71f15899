/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-GMAC (NIST SP 800-38D: GCM with an empty plaintext), the signing
 * algorithm SMB 3.1.1 negotiates with SMB2_SIGNING_CAPABILITIES.
 *
 * As smbsign offers it (gmac(aes)), the first 12 bytes of the data are the
 * nonce and the rest is the authenticated message: one key then serves
 * any number of concurrent signers, each with its own nonce.
 *
 * The mode (nonce, buffering, lengths, the final AES block) is written once,
 * in crypto/gmac.c; implementations supply GHASH over whole blocks and the
 * AES block encryptions.
 */
#ifndef _SMBSIGN_GMAC_H
#define _SMBSIGN_GMAC_H

#include <linux/types.h>
#include <smbsign/aes.h>
#include <smbsign/cmac.h>

#define SMBSIGN_GMAC_NONCE_SIZE		12
#define SMBSIGN_GMAC_DIGEST_SIZE	16

/* Powers of H that the SIMD code aggregates over: H^16 .. H^1. */
#define SMBSIGN_GHASH_POWERS		16

struct smbsign_gmac_key;

struct smbsign_gmac_impl {
	const char *name;
	/* Runs between kernel_fpu_begin/end; replaced by generic when unusable. */
	bool simd;
	/* Whether this CPU can run it. */
	bool (*available)(void);
	/*
	 * The AES half: key schedule and single blocks (E_K(0) for H, E_K(J0)
	 * for the tag), through a CMAC implementation's key expansion and
	 * one-block CBC-MAC, which is one AES encryption.
	 */
	const struct smbsign_cmac_impl *cipher;
	/*
	 * Multiplies by the powers of H in h_pow/h_kara: fills them from h, in
	 * an open SIMD section (NULL: uses no tables).
	 */
	void (*tables)(struct smbsign_gmac_key *key);
	/*
	 * acc = (... ((acc ^ b[0]) * H ^ b[1]) * H ... ^ b[n-1]) * H over
	 * @nblocks (>= 1) 16-byte blocks; @acc in GCM byte order.
	 */
	void (*ghash)(const struct smbsign_gmac_key *key, u8 acc[16],
		      const u8 *src, size_t nblocks);
};

struct smbsign_gmac_key {
	struct smbsign_aes_key aes;
	/* H = E_K(0^128) in GCM byte order: what the generic code uses. */
	u8 h[16];
	/*
	 * For the PCLMULQDQ code: h_pow[i] = H^(16 - i) / x, reflected
	 * (an xmm register's little-endian image), and h_kara[i] its two
	 * 64-bit halves XORed, in both halves (Karatsuba's middle factor).
	 */
	u8 h_pow[SMBSIGN_GHASH_POWERS][16];
	u8 h_kara[SMBSIGN_GHASH_POWERS][16];
	/* The implementation that expanded this key; bound until the next setkey. */
	const struct smbsign_gmac_impl *impl;
};

/* Per-request state: small and flat, so it exports as it is. */
struct smbsign_gmac_state {
	u8 acc[16];	/* GHASH of the whole blocks consumed, GCM byte order */
	u8 buf[16];	/* message bytes not yet a whole block */
	u8 nonce[SMBSIGN_GMAC_NONCE_SIZE];
	u32 nonce_len;	/* 0..12: the first bytes of the data fill the nonce */
	u32 buf_len;	/* 0..15 */
	u64 msg_len;	/* message bytes so far, nonce excluded */
};

extern const struct smbsign_gmac_impl smbsign_gmac_generic;
extern const struct smbsign_gmac_impl *const smbsign_gmac_impls[];
extern const unsigned int smbsign_gmac_nr_impls;

/* Most bytes processed per SIMD section (kernel preemption latency). */
extern unsigned int smbsign_gmac_fpu_bytes;

const struct smbsign_gmac_impl *smbsign_gmac_impl_lookup(const char *name);
const struct smbsign_gmac_impl *smbsign_gmac_best_impl(void);

/* -EINVAL for a key that is not 16, 24 or 32 bytes; @key is then unchanged. */
int smbsign_gmac_setkey(struct smbsign_gmac_key *key,
			const struct smbsign_gmac_impl *impl,
			const u8 *in_key, unsigned int key_len);
bool smbsign_gmac_key_matches(const struct smbsign_gmac_key *key,
			      const struct smbsign_gmac_impl *impl,
			      const u8 *in_key, unsigned int key_len);
void smbsign_gmac_init(struct smbsign_gmac_state *st);
/* The first 12 bytes ever given are the nonce, the rest the message. */
void smbsign_gmac_update(const struct smbsign_gmac_key *key,
			 struct smbsign_gmac_state *st,
			 const u8 *data, size_t len);
/*
 * Consumes @data and writes the tag; -EINVAL (and no tag, state unchanged
 * but for @data) when fewer than 12 bytes, a whole nonce, were given.
 */
int smbsign_gmac_finup(const struct smbsign_gmac_key *key,
		       struct smbsign_gmac_state *st,
		       const u8 *data, size_t len,
		       u8 out[SMBSIGN_GMAC_DIGEST_SIZE]);
/* An exported state we could have produced (import checks it). */
bool smbsign_gmac_state_valid(const struct smbsign_gmac_state *st);

#endif /* _SMBSIGN_GMAC_H */
