// SPDX-License-Identifier: GPL-2.0
/*
 * SP 800-108 counter mode over HMAC-SHA256, the KDF of SMB 3.x
 * (include/smbsign/kdf.h). The fixed input is streamed into HMAC in
 * pieces, never assembled, so a derivation needs no allocation; the key,
 * state and PRF output on the stack are wiped before returning.
 */

#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <smbsign/hmac.h>
#include <smbsign/kdf.h>
#include <smbsign/mac.h>

/* A piece of the fixed input. */
struct kdf_part {
	const u8 *data;
	size_t len;
};

static void put_be32(u8 out[4], u32 v)
{
	out[0] = v >> 24;
	out[1] = v >> 16;
	out[2] = v >> 8;
	out[3] = v;
}

static int kdf_ctr(unsigned int impl, const u8 *ki, size_t ki_len,
		   const struct kdf_part *parts, unsigned int nr_parts,
		   u8 *out, size_t out_len)
{
	const struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];
	struct smbsign_hmac_state state;
	struct smbsign_hmac_key key;
	u8 block[SMBSIGN_HMAC_DIGEST_SIZE];
	u8 counter[4];
	unsigned int i;
	u32 n;
	int err;

	if (!out_len || out_len > SMBSIGN_KDF_MAX_OUT)
		return -EINVAL;
	err = hmac->setkey(&key, impl, ki, ki_len);
	if (err)
		return err;
	for (n = 1; out_len; n++) {
		size_t take = min_t(size_t, out_len, sizeof(block));

		put_be32(counter, n);
		hmac->init(&key, &state);
		hmac->update(&key, &state, counter, sizeof(counter));
		for (i = 0; i < nr_parts; i++)
			hmac->update(&key, &state, parts[i].data, parts[i].len);
		hmac->finup(&key, &state, NULL, 0, block);
		memcpy(out, block, take);
		out += take;
		out_len -= take;
	}
	memzero_explicit(block, sizeof(block));
	memzero_explicit(&key, sizeof(key));
	return 0;
}

int smbsign_kdf_ctr_hmac_sha256(unsigned int impl, const u8 *ki,
				size_t ki_len, const u8 *fixed,
				size_t fixed_len, u8 *out, size_t out_len)
{
	const struct kdf_part part = { fixed, fixed_len };

	return kdf_ctr(impl, ki, ki_len, &part, 1, out, out_len);
}

int smbsign_kdf_smb3(unsigned int impl, const u8 *ki, size_t ki_len,
		     const u8 *label, size_t label_len, const u8 *context,
		     size_t context_len, u8 *out, size_t out_len)
{
	static const u8 separator;
	u8 bits[4];
	const struct kdf_part parts[] = {
		{ label, label_len },
		{ &separator, 1 },
		{ context, context_len },
		{ bits, sizeof(bits) },
	};

	/* [L]_32: the output length in bits (at most 8192 here). */
	put_be32(bits, (u32)(out_len * 8));
	return kdf_ctr(impl, ki, ki_len, parts, ARRAY_SIZE(parts), out,
		       out_len);
}

/* MS-SMB2 keys from Session.SessionKey: its first 16 bytes. */
static int smb3_signing_key(unsigned int impl, const u8 *session_key,
			    size_t session_key_len, const u8 *label,
			    size_t label_len, const u8 *context,
			    size_t context_len, u8 *out)
{
	if (session_key_len < SMBSIGN_SIGNING_KEY_SIZE)
		return -EINVAL;
	return smbsign_kdf_smb3(impl, session_key, SMBSIGN_SIGNING_KEY_SIZE,
				label, label_len, context, context_len, out,
				SMBSIGN_SIGNING_KEY_SIZE);
}

/* The labels and contexts include their terminating NUL (MS-SMB2 3.1.4.2). */
int smbsign_kdf_smb30(unsigned int impl, const u8 *session_key,
		      size_t session_key_len, u8 out[SMBSIGN_SIGNING_KEY_SIZE])
{
	static const char label[] = "SMB2AESCMAC", context[] = "SmbSign";

	return smb3_signing_key(impl, session_key, session_key_len,
				(const u8 *)label, sizeof(label),
				(const u8 *)context, sizeof(context), out);
}

int smbsign_kdf_smb311(unsigned int impl, const u8 *session_key,
		       size_t session_key_len,
		       const u8 preauth_hash[SMBSIGN_PREAUTH_HASH_SIZE],
		       u8 out[SMBSIGN_SIGNING_KEY_SIZE])
{
	static const char label[] = "SMBSigningKey";

	return smb3_signing_key(impl, session_key, session_key_len,
				(const u8 *)label, sizeof(label), preauth_hash,
				SMBSIGN_PREAUTH_HASH_SIZE, out);
}
