/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-GMAC (NIST SP 800-38D: GCM with an empty plaintext), the signing
 * algorithm SMB 3.1.1 negotiates with SMB2_SIGNING_CAPABILITIES:
 * smbsign_macs[SMBSIGN_GMAC].
 *
 * As smbsign offers it (gmac(aes)), the first 12 bytes of the data are the
 * nonce and the rest is the authenticated message: one key then serves
 * any number of concurrent signers, each with its own nonce.
 *
 * The mode (nonce, buffering, lengths, the final AES block) is
 * crypto/gmac.c, over the GHASH layer, whose implementations it has, and
 * the AES layer.
 */
#ifndef _SMBSIGN_GMAC_H
#define _SMBSIGN_GMAC_H

#include <linux/types.h>
#include <smbsign/mac.h>
#include <smbsign/aes.h>
#include <smbsign/ghash.h>

#define SMBSIGN_GMAC_NONCE_SIZE		12
#define SMBSIGN_GMAC_DIGEST_SIZE	16

struct smbsign_gmac_key {
	struct smbsign_aes_key aes;
	struct smbsign_ghash_key ghash;
	/* The GHASH implementation that set it: bound until the next setkey. */
	u8 impl;
	/* The AES implementation that goes with it (crypto/gmac.c). */
	u8 aes_impl;
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

/* The operations of its struct smbsign_mac. */
SMBSIGN_DECLARE_MAC_OPS(gmac);
size_t smbsign_gmac_msg_bytes(const void *state, size_t len);

#endif /* _SMBSIGN_GMAC_H */
