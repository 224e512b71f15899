/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AES layer under CMAC and GMAC: the key schedule, kept in the
 * canonical FIPS-197 form every implementation starts from, the CBC-MAC
 * chain, and single blocks.
 * Implementations: generic (constant-time bitsliced C, crypto/aes.c) and
 * those of crypto/<arch>/aes.h.
 */
#ifndef _SMBSIGN_AES_H
#define _SMBSIGN_AES_H

#include <linux/types.h>
#include <smbsign/impl.h>

#define SMBSIGN_AES_BLOCK_SIZE	16
#define SMBSIGN_AES_MAX_ROUNDS	14

struct smbsign_run;

struct smbsign_aes_key {
	/* FIPS-197 round keys as bytes: the layout AESENC takes from memory. */
	u8 rk[SMBSIGN_AES_MAX_ROUNDS + 1][SMBSIGN_AES_BLOCK_SIZE];
	u32 rounds;	/* 10, 12 or 14 */
	u32 key_len;	/* 16, 24 or 32: rk[] starts with the raw key */
};

extern struct smbsign_impls smbsign_aes_impls;

/* Whether @key_len is an AES key length (16, 24 or 32 bytes). */
static inline bool smbsign_aes_key_len_ok(unsigned int key_len)
{
	return key_len == 16 || key_len == 24 || key_len == 32;
}

/* The schedule of @in_key (of a valid length) by implementation @impl. */
void smbsign_aes_expandkey(struct smbsign_run *run, unsigned int impl,
			   struct smbsign_aes_key *key, const u8 *in_key,
			   unsigned int key_len);
/* mac = E(mac ^ block) for each of @nblocks 16-byte blocks at @src. */
void smbsign_aes_cbcmac(struct smbsign_run *run, unsigned int impl,
			const struct smbsign_aes_key *key, u8 mac[16],
			const u8 *src, size_t nblocks);
/* out = E(in), one block; @out may be @in. */
void smbsign_aes_encrypt(struct smbsign_run *run, unsigned int impl,
			 const struct smbsign_aes_key *key, u8 out[16],
			 const u8 in[16]);

#endif /* _SMBSIGN_AES_H */
