/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AES layer's calls (include/smbsign/aes.h), inline in the modes that
 * make them, so that a call reaches its implementation's code directly:
 * crypto/<arch>/aes.h's for the implementations it adds, the generic
 * code's (crypto/aes.c) for the rest. Documentation/design.rst, "Layers".
 */
#ifndef _SMBSIGN_CRYPTO_AES_ARCH_H
#define _SMBSIGN_CRYPTO_AES_ARCH_H

#include <linux/string.h>
#include <smbsign/aes.h>
#include "run.h"

#if defined(CONFIG_X86_64)
#include "x86/aes.h"
#else
/*
 * No hooks for this architecture: the generic implementation alone, and
 * every *_arch() call below leaves the work to it.
 */
#define SMBSIGN_AES_ARCH_IMPLS
#define smbsign_aes_expandkey_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_cbcmac_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_encrypt_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_encrypt3_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#endif

/*
 * The generic implementation (crypto/aes.c), out of line: its bitsliced
 * schedule stays off the SIMD path's stack.
 */
void smbsign_aes_expandkey_generic(struct smbsign_aes_key *key,
				   const u8 *in_key, unsigned int key_len);
void smbsign_aes_cbcmac_generic(const struct smbsign_aes_key *key,
				u8 mac[16], const u8 *src, size_t nblocks);
void smbsign_aes_encrypt_generic(const struct smbsign_aes_key *key,
				 u8 out[16], const u8 in[16]);
void smbsign_aes_encrypt3_generic(const struct smbsign_aes_key *key,
				  u8 out[16], const u8 a[16], const u8 b[16],
				  const u8 c[16]);

/*
 * Whether @key was set from @in_key: same length, same bytes, compared in
 * constant time (the key cache's check, crypto/aes.c).
 */
bool smbsign_aes_key_is(const struct smbsign_aes_key *key, const u8 *in_key,
			unsigned int key_len);

/* The schedule of @in_key (of a valid length) by implementation @impl. */
static inline void smbsign_aes_expandkey(struct smbsign_run *run,
					 unsigned int impl,
					 struct smbsign_aes_key *key,
					 const u8 *in_key, unsigned int key_len)
{
	if (!smbsign_aes_expandkey_arch(run, impl, key, in_key, key_len))
		smbsign_aes_expandkey_generic(key, in_key, key_len);
}

/* mac = E(mac ^ block) for each of @nblocks 16-byte blocks at @src. */
static inline void smbsign_aes_cbcmac(struct smbsign_run *run,
				      unsigned int impl,
				      const struct smbsign_aes_key *key,
				      u8 mac[16], const u8 *src, size_t nblocks)
{
	if (!smbsign_aes_cbcmac_arch(run, impl, key, mac, src, nblocks))
		smbsign_aes_cbcmac_generic(key, mac, src, nblocks);
}

/* out = E(in), one block; @out may be @in. */
static inline void smbsign_aes_encrypt(struct smbsign_run *run,
				       unsigned int impl,
				       const struct smbsign_aes_key *key,
				       u8 out[16], const u8 in[16])
{
	if (!smbsign_aes_encrypt_arch(run, impl, key, out, in))
		smbsign_aes_encrypt_generic(key, out, in);
}

/* out = E(a ^ b ^ c), one block; @out may be any of them. */
static inline void smbsign_aes_encrypt3(struct smbsign_run *run,
					unsigned int impl,
					const struct smbsign_aes_key *key,
					u8 out[16], const u8 a[16],
					const u8 b[16], const u8 c[16])
{
	if (!smbsign_aes_encrypt3_arch(run, impl, key, out, a, b, c))
		smbsign_aes_encrypt3_generic(key, out, a, b, c);
}

#endif /* _SMBSIGN_CRYPTO_AES_ARCH_H */
