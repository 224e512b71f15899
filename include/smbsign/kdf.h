/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key derivation of SMB 3.x (MS-SMB2 3.1.4.2): NIST SP 800-108 in
 * counter mode with HMAC-SHA256 as the PRF, a 32-bit counter before the
 * fixed input, and SMB's fixed input Label || 0x00 || Context || [L]_32
 * (L in bits, big-endian), over HMAC's implementations (crypto/hmac.c).
 */
#ifndef _SMBSIGN_KDF_H
#define _SMBSIGN_KDF_H

#include <linux/types.h>

/* What one signing key is: SMB signs with 128-bit keys at every dialect. */
#define SMBSIGN_SIGNING_KEY_SIZE	16
/* SHA-512, the only preauth integrity hash SMB 3.1.1 defines. */
#define SMBSIGN_PREAUTH_HASH_SIZE	64
/* The most output one derivation gives: far beyond any SMB key. */
#define SMBSIGN_KDF_MAX_OUT		1024

/*
 * K_O = the first @out_len bytes of HMAC(K_I, [1]_32 || fixed) ||
 * HMAC(K_I, [2]_32 || fixed) || ..., with @fixed taken as it is (the form
 * NIST's vectors give), through HMAC implementation @impl. -EINVAL, and
 * nothing written, for an @out_len of 0 or above SMBSIGN_KDF_MAX_OUT or an
 * @impl HMAC does not have.
 */
int smbsign_kdf_ctr_hmac_sha256(unsigned int impl, const u8 *ki,
				size_t ki_len, const u8 *fixed,
				size_t fixed_len, u8 *out, size_t out_len);

/* The same with SMB's fixed input: Label || 0x00 || Context || [L]_32. */
int smbsign_kdf_smb3(unsigned int impl, const u8 *ki, size_t ki_len,
		     const u8 *label, size_t label_len, const u8 *context,
		     size_t context_len, u8 *out, size_t out_len);

/*
 * Session.SigningKey of SMB 3.0 and 3.0.2 (label "SMB2AESCMAC\0", context
 * "SmbSign\0") and of SMB 3.1.1 (label "SMBSigningKey\0", context the
 * session's preauth integrity hash), from the session key (its first 16
 * bytes, as MS-SMB2 3.2.5.3.1 and 3.3.5.5.3 take it: -EINVAL when shorter).
 */
int smbsign_kdf_smb30(unsigned int impl, const u8 *session_key,
		      size_t session_key_len, u8 out[SMBSIGN_SIGNING_KEY_SIZE]);
int smbsign_kdf_smb311(unsigned int impl, const u8 *session_key,
		       size_t session_key_len,
		       const u8 preauth_hash[SMBSIGN_PREAUTH_HASH_SIZE],
		       u8 out[SMBSIGN_SIGNING_KEY_SIZE]);

#endif /* _SMBSIGN_KDF_H */
