/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-CMAC (NIST SP 800-38B, RFC 4493), the MAC of SMB 3.0 and 3.0.2
 * signing and the default of SMB 3.1.1.
 *
 * The mode (subkeys, buffering, padding) is written once, in crypto/cmac.c;
 * implementations only supply the CBC-MAC chain over whole blocks.
 */
#ifndef _SMBSIGN_CMAC_H
#define _SMBSIGN_CMAC_H

#include <linux/types.h>
#include <smbsign/aes.h>

#define SMBSIGN_CMAC_DIGEST_SIZE	16

struct smbsign_cmac_impl {
	const char *name;
	/* Runs between kernel_fpu_begin/end; replaced by generic when unusable. */
	bool simd;
	/* Whether this CPU can run it. */
	bool (*available)(void);
	/* Canonical round keys of @in_key, and the same key as @key_len bytes. */
	void (*expandkey)(struct smbsign_aes_key *key, const u8 *in_key,
			  unsigned int key_len);
	/* mac = E(mac ^ block) for each of @nblocks (>= 1) 16-byte blocks. */
	void (*cbcmac)(const struct smbsign_aes_key *key, u8 mac[16],
		       const u8 *src, size_t nblocks);
};

struct smbsign_cmac_key {
	struct smbsign_aes_key aes;
	u8 k1[16];	/* subkey for a complete last block */
	u8 k2[16];	/* subkey for a padded last block */
	/* The implementation that expanded this key; bound until the next setkey. */
	const struct smbsign_cmac_impl *impl;
};

/* Per-request state: small and flat, so it exports as it is. */
struct smbsign_cmac_state {
	u8 mac[16];	/* CBC-MAC of the blocks consumed so far */
	u8 buf[16];	/* bytes not yet consumed: the last block waits for final */
	u32 buf_len;	/* 0..16 */
};

extern const struct smbsign_cmac_impl smbsign_cmac_generic;
extern const struct smbsign_cmac_impl *const smbsign_cmac_impls[];
extern const unsigned int smbsign_cmac_nr_impls;

/* Most bytes processed per SIMD section (kernel preemption latency). */
extern unsigned int smbsign_cmac_fpu_bytes;

const struct smbsign_cmac_impl *smbsign_cmac_impl_lookup(const char *name);
const struct smbsign_cmac_impl *smbsign_cmac_best_impl(void);

int smbsign_cmac_setkey(struct smbsign_cmac_key *key,
			const struct smbsign_cmac_impl *impl,
			const u8 *in_key, unsigned int key_len);
bool smbsign_cmac_key_matches(const struct smbsign_cmac_key *key,
			      const struct smbsign_cmac_impl *impl,
			      const u8 *in_key, unsigned int key_len);
void smbsign_cmac_init(struct smbsign_cmac_state *st);
void smbsign_cmac_update(const struct smbsign_cmac_key *key,
			 struct smbsign_cmac_state *st,
			 const u8 *data, size_t len);
void smbsign_cmac_finup(const struct smbsign_cmac_key *key,
			struct smbsign_cmac_state *st,
			const u8 *data, size_t len,
			u8 out[SMBSIGN_CMAC_DIGEST_SIZE]);

#endif /* _SMBSIGN_CMAC_H */
