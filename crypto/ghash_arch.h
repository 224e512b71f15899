/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GHASH layer's calls (include/smbsign/ghash.h), inline in the mode
 * that makes them: crypto/<arch>/ghash.h's code for the implementations it
 * adds, the generic code's (crypto/ghash.c) for the rest.
 * Documentation/design.rst, "Layers".
 */
#ifndef _SMBSIGN_CRYPTO_GHASH_ARCH_H
#define _SMBSIGN_CRYPTO_GHASH_ARCH_H

#include <linux/string.h>
#include <smbsign/ghash.h>
#include "run.h"

/* The generic implementation (crypto/ghash.c), out of line. */
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
#include "x86/ghash.h"
#else
/*
 * No hooks for this architecture: the generic implementation alone, and
 * every *_arch() call below leaves the work to it.
 */
#define SMBSIGN_GHASH_ARCH_IMPLS
#define smbsign_ghash_setkey_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#define smbsign_ghash_blocks_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#endif

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

#endif /* _SMBSIGN_CRYPTO_GHASH_ARCH_H */
