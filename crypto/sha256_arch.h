/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SHA-256 layer's calls (include/smbsign/sha256.h), inline in the mode
 * that makes them: crypto/<arch>/sha256.h's code for the implementations
 * it adds, the generic code's (crypto/sha256.c) for the rest.
 * Documentation/design.rst, "Layers".
 */
#ifndef _SMBSIGN_CRYPTO_SHA256_ARCH_H
#define _SMBSIGN_CRYPTO_SHA256_ARCH_H

#include <smbsign/sha256.h>
#include "run.h"

#if defined(CONFIG_X86_64)
#include "x86/sha256.h"
#else
/*
 * No hooks for this architecture: the generic implementation alone, and
 * every *_arch() call below leaves the work to it.
 */
#define SMBSIGN_SHA256_ARCH_IMPLS
#define smbsign_sha256_blocks_arch(run, impl, ...)	((void)(run), (void)(impl), false)
#endif

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

#endif /* _SMBSIGN_CRYPTO_SHA256_ARCH_H */
