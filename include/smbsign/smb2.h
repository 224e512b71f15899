/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SMB2 signing as MS-SMB2 3.1.4.1 defines it, over smbsign's MACs: which
 * bytes are signed (the whole PDU, its signature field taken as zero), the
 * AES-GMAC nonce, HMAC-SHA256's truncation, and the checks a header must
 * pass first. This core (crypto/smb2.c) serves the exported kernel API
 * (kernel/smb_api.c), the `smbsign sign|verify` tool and the tests; it
 * never touches a caller's buffers.
 */
#ifndef _SMBSIGN_SMB2_H
#define _SMBSIGN_SMB2_H

#include <linux/types.h>

/* MS-SMB2 2.2.1: the header, and where its fields are. */
#define SMBSIGN_SMB2_HDR_SIZE		64
#define SMBSIGN_SMB2_COMMAND_OFF	12
#define SMBSIGN_SMB2_FLAGS_OFF		16
#define SMBSIGN_SMB2_NEXT_OFF		20
#define SMBSIGN_SMB2_MESSAGE_ID_OFF	24
#define SMBSIGN_SMB2_SESSION_ID_OFF	40
#define SMBSIGN_SMB2_SIG_OFF		48
#define SMBSIGN_SMB2_SIG_SIZE		16

#define SMBSIGN_SMB2_FLAGS_SERVER_TO_REDIR	0x00000001
#define SMBSIGN_SMB2_FLAGS_ASYNC_COMMAND	0x00000002
#define SMBSIGN_SMB2_FLAGS_RELATED		0x00000004
#define SMBSIGN_SMB2_FLAGS_SIGNED		0x00000008
#define SMBSIGN_SMB2_CANCEL			0x000c

/*
 * The signing algorithms: MS-SMB2 2.2.3.1.7's SigningAlgorithmId values,
 * so a negotiated id is passed as it is. (2.0.2 and 2.1 sign with HMAC,
 * 3.0 and 3.0.2 with CMAC; 3.1.1 with what SMB2_SIGNING_CAPABILITIES chose.)
 */
enum smbsign_smb2_alg {
	SMBSIGN_SMB2_HMAC_SHA256	= 0,
	SMBSIGN_SMB2_AES_CMAC		= 1,
	SMBSIGN_SMB2_AES_GMAC		= 2,
	SMBSIGN_SMB2_NR_ALGS
};

struct smbsign_mac;

/* A parsed header: a copy, with the fields signing needs. */
struct smbsign_smb2_hdr {
	u8 raw[SMBSIGN_SMB2_HDR_SIZE];	/* signature field zeroed */
	u8 sig[SMBSIGN_SMB2_SIG_SIZE];	/* the signature the PDU carries */
	u64 message_id;
	u64 session_id;
	u32 flags;
	u32 next_command;
	u16 command;
};

/* The MAC that signs for algorithm @alg, or NULL for an unknown id. */
const struct smbsign_mac *smbsign_smb2_mac(unsigned int alg);
/* "HMAC-SHA256", "AES-CMAC", "AES-GMAC"; "?" for an unknown id. */
const char *smbsign_smb2_alg_name(unsigned int alg);

/*
 * Parses the header of the PDU @pdu, @pdu_len bytes, into @hdr: -EINVAL
 * (and *@why, if @why, says what) unless it has a whole header, the SMB2
 * ProtocolId and StructureSize, and a NextCommand that is 0 or ends this
 * PDU (a compound member is signed up to NextCommand) at a multiple of 8.
 */
int smbsign_smb2_parse(struct smbsign_smb2_hdr *hdr, const u8 *pdu,
		       size_t pdu_len, const char **why);

/*
 * Signing in three steps, for PDUs in pieces: start feeds the GMAC nonce
 * (for GMAC) and the header with its signature zeroed into @state (a
 * state of @mac), the caller feeds the bytes after the header with
 * mac->update, finish writes the 16-byte signature. Each returns
 * SMBSIGN_FELL_BACK when generic code ran in place of the key's SIMD.
 */
int smbsign_smb2_start(const struct smbsign_mac *mac, const void *key,
		       void *state, const struct smbsign_smb2_hdr *hdr);
int smbsign_smb2_finish(const struct smbsign_mac *mac, const void *key,
			void *state, u8 sig[SMBSIGN_SMB2_SIG_SIZE]);

/*
 * The signature of the PDU @pdu (@len bytes, one buffer): -EINVAL (and
 * *@why) as smbsign_smb2_parse(), else 0 or SMBSIGN_FELL_BACK; @hdr gets
 * the header.
 */
int smbsign_smb2_sign_buf(const struct smbsign_mac *mac, const void *key,
			  const u8 *pdu, size_t len,
			  struct smbsign_smb2_hdr *hdr,
			  u8 sig[SMBSIGN_SMB2_SIG_SIZE], const char **why);

/*
 * The first member of the compound chain at @buf (@len bytes): its length
 * in *@member_len, which is @len for the last one (NextCommand 0). -EINVAL
 * (with *@why) when @buf holds no whole header or NextCommand is not a
 * multiple of 8 that leaves a whole header after it. Every member is at
 * least a header long, so walking a chain always ends.
 */
int smbsign_smb2_member(const u8 *buf, size_t len, size_t *member_len,
			const char **why);

#endif /* _SMBSIGN_SMB2_H */
