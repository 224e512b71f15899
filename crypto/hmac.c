// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 (RFC 2104): the key blocks, the inner and outer hashes and
 * SHA-256's padding, over an implementation's compression function.
 *
 *	HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
 *
 * with K0 the key zero-padded to a block, or its hash first if longer than
 * a block. The SHA-256 states after the two key blocks are computed once at
 * setkey, so a MAC costs the message's blocks and three more (the inner
 * padding, and the outer hash's one block). cifs and ksmbd set the same
 * session key before every message, so a key also keeps its bytes (when
 * they fit in a block) for the shash glue's cache check.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <smbsign/hmac.h>
#include <smbsign/simd.h>
#include "sha256.h"

#if defined(CONFIG_X86_64)
#include "x86/hmac.h"
#endif

/*
 * The largest power of two whose section stays within 50 us at the speed
 * of the slowest SIMD implementation measured (shani, 1.39 GB/s on a Zen 3
 * EPYC: 47 us); Documentation/performance.rst, "SIMD section size".
 */
unsigned int smbsign_hmac_fpu_bytes = 65536;

static bool smbsign_hmac_generic_available(void)
{
	return true;
}

const struct smbsign_hmac_impl smbsign_hmac_generic = {
	.name		= "generic",
	.simd		= false,
	.available	= smbsign_hmac_generic_available,
	.blocks		= smbsign_sha256_generic_blocks,
};

/* Slowest first: smbsign_hmac_best_impl() takes the last available one. */
const struct smbsign_hmac_impl *const smbsign_hmac_impls[] = {
	&smbsign_hmac_generic,
#if defined(CONFIG_X86_64)
	&smbsign_hmac_shani,
#endif
};

const unsigned int smbsign_hmac_nr_impls = ARRAY_SIZE(smbsign_hmac_impls);

const struct smbsign_hmac_impl *smbsign_hmac_impl_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < smbsign_hmac_nr_impls; i++)
		if (!strcmp(smbsign_hmac_impls[i]->name, name))
			return smbsign_hmac_impls[i];
	return NULL;
}

const struct smbsign_hmac_impl *smbsign_hmac_best_impl(void)
{
	unsigned int i = smbsign_hmac_nr_impls;

	while (--i > 0)
		if (smbsign_hmac_impls[i]->available())
			return smbsign_hmac_impls[i];
	return &smbsign_hmac_generic;
}

/* One call's compressions, in SIMD sections of smbsign_hmac_fpu_bytes. */
struct smbsign_hmac_run {
	const struct smbsign_hmac_impl *impl;
	struct smbsign_simd_run simd;
};

static void smbsign_hmac_run_start(struct smbsign_hmac_run *run,
				   const struct smbsign_hmac_impl *impl)
{
	run->impl = impl;
	if (impl->simd && !crypto_simd_usable())
		run->impl = &smbsign_hmac_generic;
	run->simd = (struct smbsign_simd_run){ 0 };
}

static void smbsign_hmac_run_blocks(struct smbsign_hmac_run *run, u32 h[8],
				    const u8 *src, size_t nblocks)
{
	if (!run->impl->simd) {
		if (nblocks)
			run->impl->blocks(h, src, nblocks);
		return;
	}
	while (nblocks) {
		size_t n = smbsign_simd_run_blocks(&run->simd, nblocks,
						   SMBSIGN_SHA256_BLOCK_SIZE,
						   READ_ONCE(smbsign_hmac_fpu_bytes));

		run->impl->blocks(h, src, n);
		src += SMBSIGN_SHA256_BLOCK_SIZE * n;
		nblocks -= n;
	}
}

/* SHA-256 streaming over the state: whole blocks go, a partial one waits. */
static void sha256_absorb(struct smbsign_hmac_run *run,
			  struct smbsign_hmac_state *st,
			  const u8 *data, size_t len)
{
	size_t used = st->len % SMBSIGN_SHA256_BLOCK_SIZE, n;

	/* Nothing to do, and @data may be NULL (memcpy() must not see it). */
	if (!len)
		return;
	st->len += len;
	if (used) {
		n = min_t(size_t, len, SMBSIGN_SHA256_BLOCK_SIZE - used);
		memcpy(st->buf + used, data, n);
		data += n;
		len -= n;
		if (used + n < SMBSIGN_SHA256_BLOCK_SIZE)
			return;
		smbsign_hmac_run_blocks(run, st->h, st->buf, 1);
	}
	n = len / SMBSIGN_SHA256_BLOCK_SIZE;
	smbsign_hmac_run_blocks(run, st->h, data, n);
	data += SMBSIGN_SHA256_BLOCK_SIZE * n;
	len -= SMBSIGN_SHA256_BLOCK_SIZE * n;
	memcpy(st->buf, data, len);
}

static void sha256_put_digest(u8 out[32], const u32 h[8])
{
	int i;

	for (i = 0; i < 8; i++) {
		out[4 * i] = (u8)(h[i] >> 24);
		out[4 * i + 1] = (u8)(h[i] >> 16);
		out[4 * i + 2] = (u8)(h[i] >> 8);
		out[4 * i + 3] = (u8)h[i];
	}
}

/*
 * The padding (0x80, zeros, the bit length) and the digest, big-endian.
 * Only the one or two blocks the padding takes are written and cleared:
 * this runs twice per MAC, and for small messages it is much of the cost.
 */
static void sha256_final(struct smbsign_hmac_run *run,
			 struct smbsign_hmac_state *st, u8 out[32])
{
	size_t used = st->len % SMBSIGN_SHA256_BLOCK_SIZE;
	size_t end = used < 56 ? SMBSIGN_SHA256_BLOCK_SIZE :
				 2 * SMBSIGN_SHA256_BLOCK_SIZE;
	u8 pad[2 * SMBSIGN_SHA256_BLOCK_SIZE];
	u64 bits = st->len * 8;
	int i;

	memcpy(pad, st->buf, used);
	pad[used] = 0x80;
	memset(pad + used + 1, 0, end - 8 - used - 1);
	for (i = 0; i < 8; i++)
		pad[end - 1 - i] = (u8)(bits >> (8 * i));
	smbsign_hmac_run_blocks(run, st->h, pad, end / SMBSIGN_SHA256_BLOCK_SIZE);
	sha256_put_digest(out, st->h);
	memzero_explicit(pad, end);
}

/* The state after one key block K0 ^ @pad_byte, from the IV. */
static void smbsign_hmac_key_state(struct smbsign_hmac_run *run, u32 h[8],
				   const u8 k0[SMBSIGN_SHA256_BLOCK_SIZE],
				   u8 pad_byte)
{
	u8 block[SMBSIGN_SHA256_BLOCK_SIZE];
	int i;

	for (i = 0; i < SMBSIGN_SHA256_BLOCK_SIZE; i++)
		block[i] = k0[i] ^ pad_byte;
	memcpy(h, smbsign_sha256_iv, 32);
	smbsign_hmac_run_blocks(run, h, block, 1);
	memzero_explicit(block, sizeof(block));
}

void smbsign_hmac_setkey(struct smbsign_hmac_key *key,
			 const struct smbsign_hmac_impl *impl,
			 const u8 *in_key, unsigned int key_len)
{
	u8 k0[SMBSIGN_SHA256_BLOCK_SIZE];
	struct smbsign_hmac_run run;

	/*
	 * The generic code may set a key bound to a SIMD implementation when
	 * SIMD is not usable right now: the states are the same either way.
	 */
	smbsign_hmac_run_start(&run, impl);
	memset(k0, 0, sizeof(k0));
	if (key_len > SMBSIGN_SHA256_BLOCK_SIZE) {
		struct smbsign_hmac_state st = { .len = 0 };

		memcpy(st.h, smbsign_sha256_iv, 32);
		sha256_absorb(&run, &st, in_key, key_len);
		sha256_final(&run, &st, k0);
		memzero_explicit(&st, sizeof(st));
		key->cacheable = false;
		key->raw_len = 0;
		memset(key->raw, 0, sizeof(key->raw));
	} else {
		if (key_len)
			memcpy(k0, in_key, key_len);
		memcpy(key->raw, k0, sizeof(key->raw));
		key->raw_len = key_len;
		key->cacheable = true;
	}
	smbsign_hmac_key_state(&run, key->istate, k0, 0x36);
	smbsign_hmac_key_state(&run, key->ostate, k0, 0x5c);
	smbsign_simd_run_end(&run.simd);
	memzero_explicit(k0, sizeof(k0));
	key->impl = impl;
}

/*
 * A key cache hit: a key of at most a block, same length, same bytes
 * (compared in constant time) and the same implementation.
 */
bool smbsign_hmac_key_matches(const struct smbsign_hmac_key *key,
			      const struct smbsign_hmac_impl *impl,
			      const u8 *in_key, unsigned int key_len)
{
	return key->impl == impl && key->cacheable &&
	       key_len <= SMBSIGN_HMAC_CACHED_KEY_MAX &&
	       key->raw_len == key_len &&
	       !crypto_memneq(key->raw, in_key, key_len);
}

void smbsign_hmac_init(const struct smbsign_hmac_key *key,
		       struct smbsign_hmac_state *st)
{
	memcpy(st->h, key->istate, sizeof(st->h));
	memset(st->buf, 0, sizeof(st->buf));
	st->len = SMBSIGN_SHA256_BLOCK_SIZE;
}

bool smbsign_hmac_state_valid(const struct smbsign_hmac_state *st)
{
	/* The inner hash always starts with the key block. */
	return st->len >= SMBSIGN_SHA256_BLOCK_SIZE &&
	       st->len < (1ULL << 61);
}

void smbsign_hmac_update(const struct smbsign_hmac_key *key,
			 struct smbsign_hmac_state *st,
			 const u8 *data, size_t len)
{
	struct smbsign_hmac_run run;

	smbsign_hmac_run_start(&run, key->impl);
	sha256_absorb(&run, st, data, len);
	smbsign_simd_run_end(&run.simd);
}

void smbsign_hmac_finup(const struct smbsign_hmac_key *key,
			struct smbsign_hmac_state *st,
			const u8 *data, size_t len,
			u8 out[SMBSIGN_HMAC_DIGEST_SIZE])
{
	struct smbsign_hmac_run run;
	u8 inner[SMBSIGN_HMAC_DIGEST_SIZE];
	u8 outer[SMBSIGN_SHA256_BLOCK_SIZE];

	smbsign_hmac_run_start(&run, key->impl);
	sha256_absorb(&run, st, data, len);
	sha256_final(&run, st, inner);

	/*
	 * The outer hash is always one block after the key block: the inner
	 * digest, padding, and a length of 64 + 32 bytes.
	 */
	memcpy(outer, inner, sizeof(inner));
	outer[32] = 0x80;
	memset(outer + 33, 0, sizeof(outer) - 33 - 2);
	outer[62] = ((SMBSIGN_SHA256_BLOCK_SIZE + 32) * 8) >> 8;
	outer[63] = ((SMBSIGN_SHA256_BLOCK_SIZE + 32) * 8) & 0xff;
	memcpy(st->h, key->ostate, sizeof(st->h));
	smbsign_hmac_run_blocks(&run, st->h, outer, 1);
	smbsign_simd_run_end(&run.simd);
	sha256_put_digest(out, st->h);
	memzero_explicit(inner, sizeof(inner));
	memzero_explicit(outer, sizeof(outer));
	memzero_explicit(st, sizeof(*st));
}
