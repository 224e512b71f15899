/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The layers' calls, inline in the modes that make them, so that a call
 * reaches its implementation's code directly: the AES layer (under CMAC and
 * GMAC), GHASH (under GMAC) and SHA-256 (under HMAC). The architecture's
 * hook headers (crypto/<arch>/aes.h, ghash.h, sha256.h) hold its
 * implementations' table entries and *_arch() functions, which return true
 * when they did the work; the generic code (crypto/aes.c, ghash.c,
 * sha256.c) does the rest. Documentation/design.rst, "Layers".
 */
#ifndef _SMBSIGN_CRYPTO_LAYERS_H
#define _SMBSIGN_CRYPTO_LAYERS_H

#include <linux/string.h>
#include <smbsign/aes.h>
#include <smbsign/ghash.h>
#include <smbsign/sha256.h>
#include "run.h"

/* GHASH's generic implementation (crypto/ghash.c), out of line. */
void smbsign_ghash_blocks_generic(const struct smbsign_ghash_key *key,
				  u8 acc[16], const u8 *src, size_t nblocks);
/*
 * For crypto/<arch>/ghash.h's tables, made by generic code: pow[k] =
 * H^(k + 1) / x for k < @n, reflected (bit 127 - i of the 128-bit number
 * [pow[k][1]:pow[k][0]] holds the coefficient of x^i), the form in which
 * carry-less multiplication needs no shift (crypto/x86/ghash_pclmul.S).
 */
void smbsign_ghash_powers_generic(const u8 h[16], u64 pow[][2],
				  unsigned int n);

#if defined(CONFIG_X86_64)
#include "x86/aes.h"
#include "x86/ghash.h"
#include "x86/sha256.h"
#elif defined(CONFIG_ARM64) && defined(CONFIG_CPU_LITTLE_ENDIAN)
/* The tables and the assembly assume little-endian data, as Debian's. */
#include "arm64/aes.h"
#include "arm64/ghash.h"
#include "arm64/sha256.h"
#else
/*
 * No hooks for this architecture: the generic implementations alone, and
 * every *_arch() call below leaves the work to them.
 */
static const struct smbsign_impl smbsign_aes_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
};

#define smbsign_aes_expandkey_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_cbcmac_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_encrypt_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_aes_encrypt3_arch(run, impl, ...)	((void)(run), (void)(impl), false)

static const struct smbsign_impl smbsign_ghash_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
};

#define smbsign_ghash_setkey_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_ghash_blocks_arch(run, impl, ...)	((void)(run), (void)(impl), false)

static const struct smbsign_impl smbsign_sha256_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
};

#define smbsign_sha256_blocks_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#endif

/* --- AES ------------------------------------------------------------------ */

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

/* --- GHASH ---------------------------------------------------------------- */

/*
 * The tables for a key bound to implementation @key_impl, made by the code
 * of @impl: @key_impl's own, or generic when SIMD is unusable here.
 * @key->h is set.
 */
static inline void smbsign_ghash_setkey(struct smbsign_run *run,
					unsigned int impl,
					unsigned int key_impl,
					struct smbsign_ghash_key *key)
{
	/* The generic code needs no tables: none are left from an old key. */
	if (!smbsign_ghash_setkey_arch(run, impl, key_impl, key))
		memzero_explicit(key->tables, sizeof(key->tables));
}

/*
 * acc = (... ((acc ^ b[0]) * H ^ b[1]) * H ... ^ b[n-1]) * H over
 * @nblocks 16-byte blocks; @acc in GCM byte order, so implementations can
 * take turns within one message.
 */
static inline void smbsign_ghash_blocks(struct smbsign_run *run,
					unsigned int impl,
					const struct smbsign_ghash_key *key,
					u8 acc[16], const u8 *src,
					size_t nblocks)
{
	if (nblocks &&
	    !smbsign_ghash_blocks_arch(run, impl, key, acc, src, nblocks))
		smbsign_ghash_blocks_generic(key, acc, src, nblocks);
}

/* --- SHA-256 -------------------------------------------------------------- */

/*
 * The generic compression (crypto/sha256.c), out of line: its message
 * schedule stays off the SIMD path's stack.
 */
void smbsign_sha256_blocks_generic(u32 h[8], const u8 *src, size_t nblocks);

/* Compression of @nblocks 64-byte blocks at @src into @h. */
static inline void smbsign_sha256_blocks(struct smbsign_run *run,
					 unsigned int impl, u32 h[8],
					 const u8 *src, size_t nblocks)
{
	if (nblocks && !smbsign_sha256_blocks_arch(run, impl, h, src, nblocks))
		smbsign_sha256_blocks_generic(h, src, nblocks);
}

#endif /* _SMBSIGN_CRYPTO_LAYERS_H */
