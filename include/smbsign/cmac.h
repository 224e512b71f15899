/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-CMAC (NIST SP 800-38B, RFC 4493), the MAC of SMB 3.0 and 3.0.2
 * signing and the default of SMB 3.1.1: smbsign_macs[SMBSIGN_CMAC].
 *
 * The mode (subkeys, buffering, padding) is crypto/cmac.c, over the AES
 * layer's CBC-MAC chain; its implementations are the AES layer's.
 */
#ifndef _SMBSIGN_CMAC_H
#define _SMBSIGN_CMAC_H

#include <linux/types.h>
#include <smbsign/mac.h>
#include <smbsign/aes.h>

#define SMBSIGN_CMAC_DIGEST_SIZE	16

struct smbsign_cmac_key {
	struct smbsign_aes_key aes;
	u8 k1[16];	/* subkey for a complete last block */
	u8 k2[16];	/* subkey for a padded last block */
	/* The AES implementation that set it: bound until the next setkey. */
	u8 impl;
};

/* Per-request state: small and flat, so it exports as it is. */
struct smbsign_cmac_state {
	u8 mac[16];	/* CBC-MAC of the blocks consumed so far */
	u8 buf[16];	/* bytes not yet consumed: the last block waits for final */
	u32 buf_len;	/* 0..16 */
};

/* The operations of its struct smbsign_mac. */
SMBSIGN_DECLARE_MAC_OPS(cmac);

#endif /* _SMBSIGN_CMAC_H */
