// SPDX-License-Identifier: GPL-2.0
/*
 * SMB2 signing over smbsign's MACs (include/smbsign/smb2.h), MS-SMB2
 * 3.1.4.1: the signature is the MAC, truncated to 16 bytes, of the whole
 * PDU (a compound member: up to its NextCommand) with the signature field
 * taken as zero. The header is copied and zeroed here, so a caller's
 * buffers are only read, and a signer never races a reader of the PDU.
 *
 * AES-GMAC's nonce (MS-SMB2 3.1.4.1, as Windows and Samba build it) is the
 * MessageId, little-endian, then a little-endian 32-bit word whose bit 0
 * says the sender is the server (SMB2_FLAGS_SERVER_TO_REDIR) and bit 1 that
 * the PDU is a CANCEL: two PDUs never share a nonce under one key, as a
 * CANCEL reuses the MessageId of the request it cancels and a response
 * that of its request.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <smbsign/gmac.h>
#include <smbsign/mac.h>
#include <smbsign/smb2.h>

static u16 get_le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 get_le32(const u8 *p)
{
	return get_le16(p) | (u32)get_le16(p + 2) << 16;
}

static u64 get_le64(const u8 *p)
{
	return get_le32(p) | (u64)get_le32(p + 4) << 32;
}

static const enum smbsign_mac_id smb2_macs[SMBSIGN_SMB2_NR_ALGS] = {
	[SMBSIGN_SMB2_HMAC_SHA256]	= SMBSIGN_HMAC,
	[SMBSIGN_SMB2_AES_CMAC]		= SMBSIGN_CMAC,
	[SMBSIGN_SMB2_AES_GMAC]		= SMBSIGN_GMAC,
};

const struct smbsign_mac *smbsign_smb2_mac(unsigned int alg)
{
	return alg < SMBSIGN_SMB2_NR_ALGS ? &smbsign_macs[smb2_macs[alg]] :
					    NULL;
}

const char *smbsign_smb2_alg_name(unsigned int alg)
{
	static const char *const names[SMBSIGN_SMB2_NR_ALGS] = {
		[SMBSIGN_SMB2_HMAC_SHA256]	= "HMAC-SHA256",
		[SMBSIGN_SMB2_AES_CMAC]		= "AES-CMAC",
		[SMBSIGN_SMB2_AES_GMAC]		= "AES-GMAC",
	};

	return alg < SMBSIGN_SMB2_NR_ALGS ? names[alg] : "?";
}

static int smb2_bad(const char **why, const char *what)
{
	if (why)
		*why = what;
	return -EINVAL;
}

int smbsign_smb2_parse(struct smbsign_smb2_hdr *hdr, const u8 *raw,
		       size_t pdu_len, const char **why)
{
	static const u8 protocol_id[4] = { 0xfe, 'S', 'M', 'B' };

	if (pdu_len < SMBSIGN_SMB2_HDR_SIZE)
		return smb2_bad(why, "shorter than an SMB2 header (64 bytes)");
	if (memcmp(raw, protocol_id, sizeof(protocol_id)))
		return smb2_bad(why, "not SMB2 (ProtocolId is not 0xFE 'SMB')");
	if (get_le16(raw + 4) != SMBSIGN_SMB2_HDR_SIZE)
		return smb2_bad(why, "header StructureSize is not 64");
	hdr->next_command = get_le32(raw + SMBSIGN_SMB2_NEXT_OFF);
	if (hdr->next_command &&
	    (hdr->next_command != pdu_len || hdr->next_command % 8))
		return smb2_bad(why,
				"NextCommand is neither 0 nor this member's length, a multiple of 8");
	hdr->command = get_le16(raw + SMBSIGN_SMB2_COMMAND_OFF);
	hdr->flags = get_le32(raw + SMBSIGN_SMB2_FLAGS_OFF);
	hdr->message_id = get_le64(raw + SMBSIGN_SMB2_MESSAGE_ID_OFF);
	hdr->session_id = get_le64(raw + SMBSIGN_SMB2_SESSION_ID_OFF);
	memcpy(hdr->raw, raw, SMBSIGN_SMB2_HDR_SIZE);
	memcpy(hdr->sig, raw + SMBSIGN_SMB2_SIG_OFF, SMBSIGN_SMB2_SIG_SIZE);
	memset(hdr->raw + SMBSIGN_SMB2_SIG_OFF, 0, SMBSIGN_SMB2_SIG_SIZE);
	return 0;
}

int smbsign_smb2_start(const struct smbsign_mac *mac, const void *key,
		       void *state, const struct smbsign_smb2_hdr *hdr)
{
	/* The nonce (GMAC) and the header in one update: one SIMD section. */
	u8 buf[SMBSIGN_GMAC_NONCE_SIZE + SMBSIGN_SMB2_HDR_SIZE];
	size_t n = 0;

	mac->init(key, state);
	if (mac->nonce_size) {
		u32 role = (hdr->flags & SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR) |
			   (hdr->command == SMBSIGN_SMB2_CANCEL) << 1;

		/* MessageId as the header carries it: already little-endian. */
		memcpy(buf, hdr->raw + SMBSIGN_SMB2_MESSAGE_ID_OFF, 8);
		buf[8] = role;
		memset(buf + 9, 0, 3);
		n = SMBSIGN_GMAC_NONCE_SIZE;
	}
	memcpy(buf + n, hdr->raw, SMBSIGN_SMB2_HDR_SIZE);
	return mac->update(key, state, buf, n + SMBSIGN_SMB2_HDR_SIZE);
}

int smbsign_smb2_finish(const struct smbsign_mac *mac, const void *key,
			void *state, u8 sig[SMBSIGN_SMB2_SIG_SIZE])
{
	u8 digest[SMBSIGN_MAC_MAX_DIGEST];
	int ret;

	/* A state that took the nonce always finishes: ret is 0 or FELL_BACK. */
	ret = mac->finup(key, state, NULL, 0, digest);
	/* HMAC-SHA256 signs with its first 16 bytes (MS-SMB2 3.1.4.1). */
	memcpy(sig, digest, SMBSIGN_SMB2_SIG_SIZE);
	memzero_explicit(digest, sizeof(digest));
	return ret;
}

int smbsign_smb2_sign_buf(const struct smbsign_mac *mac, const void *key,
			  const u8 *pdu, size_t len,
			  struct smbsign_smb2_hdr *hdr,
			  u8 sig[SMBSIGN_SMB2_SIG_SIZE], const char **why)
{
	u8 state[SMBSIGN_MAC_MAX_STATE] __aligned(16);
	int fell_back, err;

	err = smbsign_smb2_parse(hdr, pdu, len, why);
	if (err)
		return err;
	fell_back = smbsign_smb2_start(mac, key, state, hdr);
	fell_back |= mac->update(key, state, pdu + SMBSIGN_SMB2_HDR_SIZE,
				 len - SMBSIGN_SMB2_HDR_SIZE);
	fell_back |= smbsign_smb2_finish(mac, key, state, sig);
	return fell_back;
}

int smbsign_smb2_member(const u8 *buf, size_t len, size_t *member_len,
			const char **why)
{
	u32 next;

	if (len < SMBSIGN_SMB2_HDR_SIZE)
		return smb2_bad(why, "shorter than an SMB2 header (64 bytes)");
	next = get_le32(buf + SMBSIGN_SMB2_NEXT_OFF);
	if (!next) {
		*member_len = len;
		return 0;
	}
	if (next % 8 || next < SMBSIGN_SMB2_HDR_SIZE ||
	    next > len - SMBSIGN_SMB2_HDR_SIZE)
		return smb2_bad(why,
				"NextCommand is not a multiple of 8 with a whole header after it");
	*member_len = next;
	return 0;
}
