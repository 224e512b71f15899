/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES block encryption as smbsign's MACs need it: the key schedule (kept in
 * the canonical FIPS-197 form that every implementation can start from) and
 * a constant-time generic single-block encryption.
 */
#ifndef _SMBSIGN_AES_H
#define _SMBSIGN_AES_H

#include <linux/types.h>

#define SMBSIGN_AES_BLOCK_SIZE	16
#define SMBSIGN_AES_MAX_ROUNDS	14

struct smbsign_aes_key {
	/* FIPS-197 round keys as bytes: the layout AESENC takes from memory. */
	u8 rk[SMBSIGN_AES_MAX_ROUNDS + 1][SMBSIGN_AES_BLOCK_SIZE];
	u32 rounds;	/* 10, 12 or 14 */
	u32 key_len;	/* 16, 24 or 32: rk[] starts with the raw key */
};

/*
 * The round keys in the generic code's bitsliced layout, derived on the
 * stack when the generic path runs: keeping them in every key would make
 * setkey, which cifs calls for each message it verifies, pay for a path
 * that is rarely taken.
 */
struct smbsign_aes_bs_key {
	u16 rk[SMBSIGN_AES_MAX_ROUNDS + 1][8];
	u32 rounds;
};

int smbsign_aes_expandkey(struct smbsign_aes_key *key, const u8 *in_key,
			  unsigned int key_len);
void smbsign_aes_bs_prepare(struct smbsign_aes_bs_key *bs,
			    const struct smbsign_aes_key *key);
void smbsign_aes_bs_encrypt(const struct smbsign_aes_bs_key *bs,
			    u8 out[SMBSIGN_AES_BLOCK_SIZE],
			    const u8 in[SMBSIGN_AES_BLOCK_SIZE]);

#endif /* _SMBSIGN_AES_H */
