/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smbsign's exported API for in-kernel SMB implementations: sign and
 * verify one SMB2 PDU as MS-SMB2 3.1.4.1 says, and derive SMB 3.x signing
 * keys (MS-SMB2 3.1.4.2). Documentation/design.rst, "The SMB API".
 *
 * A server or client allocates one key object per session and channel
 * when the signing key is known, signs each outgoing PDU and verifies each
 * incoming one, and frees the key when the session or channel goes:
 *
 *	struct smbsign_key *key;
 *	u8 sig[SMBSIGN_SIGNATURE_SIZE];
 *	int err;
 *
 *	key = smbsign_key_alloc(SMBSIGN_SMB2_AES_GMAC, signing_key, 16,
 *				GFP_KERNEL);
 *	if (IS_ERR(key))
 *		return PTR_ERR(key);
 *	...
 *	// A response: its header and body in iov[0..n), the data pages of a
 *	// READ in an ITER_BVEC iterator; SMB2_FLAGS_SIGNED already set.
 *	err = smbsign_sign(key, iov, n, &pages, sig);
 *	if (!err)
 *		memcpy(hdr->Signature, sig, SMBSIGN_SIGNATURE_SIZE);
 *	...
 *	// A request as received, one compound member: -EBADMSG if forged.
 *	err = smbsign_verify(key, &member, 1, NULL);
 *	...
 *	smbsign_key_free(key);
 *
 * The MACs are smbsign's, with its implementations, SIMD sections and
 * /sys/kernel/smbsign counters: a PDU signed or verified here counts as
 * one MAC of its algorithm.
 */
#ifndef _SMBSIGN_SMBSIGN_H
#define _SMBSIGN_SMBSIGN_H

#include <linux/types.h>
#include <smbsign/kdf.h>
#include <smbsign/smb2.h>

struct iov_iter;
struct kvec;

/* An SMB2 signature: the header's Signature field. */
#define SMBSIGN_SIGNATURE_SIZE	SMBSIGN_SMB2_SIG_SIZE

struct smbsign_key;

/**
 * smbsign_key_alloc() - a signing key object
 * @alg: the MS-SMB2 SigningAlgorithmId: SMBSIGN_SMB2_HMAC_SHA256 (0),
 *	 SMBSIGN_SMB2_AES_CMAC (1) or SMBSIGN_SMB2_AES_GMAC (2)
 * @key: the signing key: for HMAC-SHA256 (SMB 2.0.2, 2.1) the session
 *	 key, for AES-CMAC and AES-GMAC Session.SigningKey or
 *	 Channel.SigningKey (smbsign_smb30_signing_key(),
 *	 smbsign_smb311_signing_key())
 * @key_len: its length: any for HMAC-SHA256; 16, 24 or 32 bytes for the
 *	     AES algorithms (SMB uses 16)
 * @gfp: allocation flags
 *
 * The key is bound to the implementation the algorithm's <alg>_impl
 * parameter selects now, like a crypto API key at setkey; a later change
 * of the parameter applies to keys allocated after it. One key may sign
 * and verify from any number of threads at once, in process or softirq
 * context: signing only reads it.
 *
 * Return: the key, or ERR_PTR(-EINVAL) for an unknown @alg or a key
 * length it does not take, ERR_PTR(-ENOMEM).
 */
struct smbsign_key *smbsign_key_alloc(unsigned int alg, const u8 *key,
				      unsigned int key_len, gfp_t gfp);

/**
 * smbsign_key_free() - zeroize and free a key object
 * @key: from smbsign_key_alloc(); NULL and error pointers are ignored
 */
void smbsign_key_free(struct smbsign_key *key);

/**
 * smbsign_key_alg() - the algorithm a key signs with
 * @key: a key object
 *
 * Return: its MS-SMB2 SigningAlgorithmId.
 */
unsigned int smbsign_key_alg(const struct smbsign_key *key);

/**
 * smbsign_sign() - the signature of one SMB2 PDU
 * @key: the session's or channel's key object
 * @vec: the PDU's first bytes, in order: its 64-byte header (which may span
 *	 several kvecs) and whatever follows in memory the caller maps
 * @nr_vec: how many kvecs @vec has
 * @payload: the bytes after @vec, or NULL: a kvec or bvec iterator (data
 *	     pages, sent without copying) or any other kernel-backed kind
 *	     (copied through a small buffer); the iterator is not advanced.
 *	     User-backed iterators are refused.
 * @sig: where the 16-byte signature goes
 *
 * The PDU is everything in @vec and @payload: one SMB2 message, or one
 * member of a compound chain up to its NextCommand. Its Signature field
 * counts as zero whatever it holds; nothing is written to the caller's
 * buffers. For AES-GMAC the nonce is the header's MessageId and whether it
 * goes from the server (SMB2_FLAGS_SERVER_TO_REDIR) and is a CANCEL.
 *
 * Return: 0; -EINVAL when the PDU is shorter than a header, is not SMB2
 * (ProtocolId, StructureSize), its NextCommand is neither 0 nor the PDU's
 * length as a multiple of 8, or @payload is user-backed or holds fewer
 * bytes than it counts; -EFAULT if @payload could not be read.
 */
int smbsign_sign(const struct smbsign_key *key, const struct kvec *vec,
		 unsigned int nr_vec, const struct iov_iter *payload,
		 u8 sig[SMBSIGN_SIGNATURE_SIZE]);

/**
 * smbsign_verify() - check the signature an SMB2 PDU carries
 * @key: the session's or channel's key object
 * @vec: as for smbsign_sign()
 * @nr_vec: as for smbsign_sign()
 * @payload: as for smbsign_sign()
 *
 * Computes the signature as smbsign_sign() does and compares it with the
 * PDU's Signature field in constant time.
 *
 * Return: 0 if they match, -EBADMSG if not, or smbsign_sign()'s errors.
 */
int smbsign_verify(const struct smbsign_key *key, const struct kvec *vec,
		   unsigned int nr_vec, const struct iov_iter *payload);

/**
 * smbsign_smb3_kdf() - SP 800-108 counter-mode KDF with HMAC-SHA256
 * @ki: the key derivation key (SMB: the session key)
 * @ki_len: its length
 * @label: the label, its terminating NUL included as MS-SMB2 gives it
 * @label_len: its length
 * @context: the context (for 3.1.1: the preauth integrity hash)
 * @context_len: its length
 * @out: the derived key
 * @out_len: its length, 1..SMBSIGN_KDF_MAX_OUT bytes
 *
 * The KDF of MS-SMB2 3.1.4.2: HMAC-SHA256(Ki, [i]_32 || Label || 0x00 ||
 * Context || [L]_32) for i = 1, 2, ..., with L = 8 * @out_len.
 *
 * Return: 0, or -EINVAL for an @out_len out of range.
 */
int smbsign_smb3_kdf(const u8 *ki, unsigned int ki_len, const u8 *label,
		     unsigned int label_len, const u8 *context,
		     unsigned int context_len, u8 *out, unsigned int out_len);

/**
 * smbsign_smb30_signing_key() - Session.SigningKey of SMB 3.0 and 3.0.2
 * @session_key: Session.SessionKey (its first 16 bytes are used)
 * @session_key_len: its length, at least 16
 * @out: the 16-byte signing key (label "SMB2AESCMAC", context "SmbSign")
 *
 * Return: 0, or -EINVAL for a session key shorter than 16 bytes.
 */
int smbsign_smb30_signing_key(const u8 *session_key,
			      unsigned int session_key_len,
			      u8 out[SMBSIGN_SIGNING_KEY_SIZE]);

/**
 * smbsign_smb311_signing_key() - Session.SigningKey of SMB 3.1.1
 * @session_key: Session.SessionKey (its first 16 bytes are used)
 * @session_key_len: its length, at least 16
 * @preauth_hash: the session's PreauthIntegrityHashValue (SHA-512)
 * @out: the 16-byte signing key (label "SMBSigningKey")
 *
 * Return: 0, or -EINVAL for a session key shorter than 16 bytes.
 */
int smbsign_smb311_signing_key(const u8 *session_key,
			       unsigned int session_key_len,
			       const u8 preauth_hash[SMBSIGN_PREAUTH_HASH_SIZE],
			       u8 out[SMBSIGN_SIGNING_KEY_SIZE]);

#endif /* _SMBSIGN_SMBSIGN_H */
