/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AES layer under CMAC and GMAC: the key schedule, kept in the
 * canonical FIPS-197 form every implementation starts from, the CBC-MAC
 * chain, and single blocks (crypto/layers.h). Implementations: generic
 * (constant-time bitsliced C, crypto/aes.c) and those of
 * crypto/<arch>/aes.h.
 */
#ifndef _SMBSIGN_AES_H
#define _SMBSIGN_AES_H

#include <linux/types.h>
#include <smbsign/impl.h>

#define SMBSIGN_AES_BLOCK_SIZE	16
#define SMBSIGN_AES_MAX_ROUNDS	14

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

#endif /* _SMBSIGN_AES_H */
