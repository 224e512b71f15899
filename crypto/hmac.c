// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 (RFC 2104): the key blocks, the inner and outer hashes and
 * SHA-256's padding, over an implementation's compression function.
 *
 *	HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
 *
 * with K0 the key zero-padded to a block, or its hash first if longer than
 * a block. The SHA-256 states after the two key blocks are computed once at
 * setkey, so a MAC costs the message's blocks and two more (the inner
 * padding, and the outer hash's one block). cifs and ksmbd set the same
 * session key before every message, so a key also keeps its bytes (when
 * they fit in a block) for the key cache's check.
 *
 * Each call is one run (crypto/run.h): its compressions share SIMD
 * sections, and where SIMD is unusable the generic compression gives the
 * same states.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <asm/byteorder.h>
#include <crypto/algapi.h>
#include <smbsign/hmac.h>
#include <smbsign/mac.h>
#include "layers.h"

static unsigned int hmac_run_start(struct smbsign_run *run, unsigned int impl)
{
	return smbsign_run_start(run, &smbsign_sha256_impls, impl,
				 READ_ONCE(smbsign_macs[SMBSIGN_HMAC].fpu_bytes));
}

/* SHA-256 streaming over the state: whole blocks go, a partial one waits. */
static void sha256_absorb(struct smbsign_run *run, unsigned int impl,
			  struct smbsign_hmac_state *st, const u8 *data,
			  size_t len)
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
		smbsign_sha256_blocks(run, impl, st->h, st->buf, 1);
	}
	n = len / SMBSIGN_SHA256_BLOCK_SIZE;
	smbsign_sha256_blocks(run, impl, st->h, data, n);
	data += SMBSIGN_SHA256_BLOCK_SIZE * n;
	len -= SMBSIGN_SHA256_BLOCK_SIZE * n;
	memcpy(st->buf, data, len);
}

static void sha256_put_digest(u8 out[32], const u32 h[8])
{
	__be32 be[8];
	int i;

	for (i = 0; i < 8; i++)
		be[i] = cpu_to_be32(h[i]);
	memcpy(out, be, sizeof(be));
}

/*
 * The padding (0x80, zeros, the bit length of @len bytes in all) after the
 * last @used (0..63) bytes at @tail, then the digest of @h, big-endian.
 * Only the one or two blocks the padding takes are written and cleared:
 * this runs twice per MAC, and for small messages it is much of the cost
 * (so the buffer is not zeroed on entry either: every byte the hash reads
 * is written first).
 */
static void sha256_final(struct smbsign_run *run, unsigned int impl,
			 u32 h[8], const u8 *tail, size_t used, u64 len,
			 u8 out[32])
{
	size_t end = used < 56 ? SMBSIGN_SHA256_BLOCK_SIZE :
				 2 * SMBSIGN_SHA256_BLOCK_SIZE;
	u8 pad[2 * SMBSIGN_SHA256_BLOCK_SIZE] __uninitialized;
	__be64 bits = cpu_to_be64(len * 8);

	if (used)	/* a NULL @tail is fine then: memcpy() must not see it */
		memcpy(pad, tail, used);
	pad[used] = 0x80;
	memset(pad + used + 1, 0, end - 8 - used - 1);
	memcpy(pad + end - 8, &bits, sizeof(bits));
	smbsign_sha256_blocks(run, impl, h, pad, end / SMBSIGN_SHA256_BLOCK_SIZE);
	sha256_put_digest(out, h);
	memzero_explicit(pad, end);
}

/*
 * The outer hash, always one block after the key block: the inner digest
 * (the first 32 bytes of @block), padding, and a length of 64 + 32 bytes;
 * the MAC into @out. @h is scratch.
 */
static void hmac_outer(struct smbsign_run *run, unsigned int impl,
		       const struct smbsign_hmac_key *key, u32 h[8],
		       u8 block[SMBSIGN_SHA256_BLOCK_SIZE], u8 *out)
{
	__be64 bits = cpu_to_be64((SMBSIGN_SHA256_BLOCK_SIZE + 32) * 8);

	block[32] = 0x80;
	memset(block + 33, 0, SMBSIGN_SHA256_BLOCK_SIZE - 33 - 8);
	memcpy(block + SMBSIGN_SHA256_BLOCK_SIZE - 8, &bits, sizeof(bits));
	memcpy(h, key->ostate, 32);
	smbsign_sha256_blocks(run, impl, h, block, 1);
	sha256_put_digest(out, h);
}

/* The state after one key block K0 ^ @pad_byte, from the IV. */
static void hmac_key_state(struct smbsign_run *run, unsigned int impl,
			   u32 h[8], const u8 k0[SMBSIGN_SHA256_BLOCK_SIZE],
			   u8 pad_byte)
{
	u8 block[SMBSIGN_SHA256_BLOCK_SIZE];
	int i;

	for (i = 0; i < SMBSIGN_SHA256_BLOCK_SIZE; i++)
		block[i] = k0[i] ^ pad_byte;
	memcpy(h, smbsign_sha256_iv, 32);
	smbsign_sha256_blocks(run, impl, h, block, 1);
	memzero_explicit(block, sizeof(block));
}

/* Any key length is valid, 0 included. */
int smbsign_hmac_setkey(void *k, unsigned int impl, const u8 *in_key,
			unsigned int key_len)
{
	struct smbsign_hmac_key *key = k;
	u8 k0[SMBSIGN_SHA256_BLOCK_SIZE];
	struct smbsign_run run;
	unsigned int run_impl;

	if (impl >= smbsign_sha256_impls.nr)
		return -EINVAL;
	/*
	 * The generic code may set a key bound to a SIMD implementation when
	 * SIMD is not usable right now: the states are the same either way.
	 */
	run_impl = hmac_run_start(&run, impl);
	memset(k0, 0, sizeof(k0));
	if (key_len > SMBSIGN_SHA256_BLOCK_SIZE) {
		struct smbsign_hmac_state st = { .len = 0 };

		memcpy(st.h, smbsign_sha256_iv, 32);
		sha256_absorb(&run, run_impl, &st, in_key, key_len);
		sha256_final(&run, run_impl, st.h, st.buf,
			     st.len % SMBSIGN_SHA256_BLOCK_SIZE, st.len, k0);
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
	hmac_key_state(&run, run_impl, key->istate, k0, 0x36);
	hmac_key_state(&run, run_impl, key->ostate, k0, 0x5c);
	smbsign_run_end(&run);
	memzero_explicit(k0, sizeof(k0));
	key->impl = impl;
	return 0;
}

/*
 * A key cache hit: a key of at most a block, same length, same bytes
 * (compared in constant time) and the same implementation.
 */
bool smbsign_hmac_key_matches(const void *k, unsigned int impl,
			      const u8 *in_key, unsigned int key_len)
{
	const struct smbsign_hmac_key *key = k;

	return key->impl == impl && key->cacheable &&
	       key_len <= SMBSIGN_HMAC_CACHED_KEY_MAX &&
	       key->raw_len == key_len &&
	       !crypto_memneq(key->raw, in_key, key_len);
}

void smbsign_hmac_init(const void *k, void *state)
{
	const struct smbsign_hmac_key *key = k;
	struct smbsign_hmac_state *st = state;

	memcpy(st->h, key->istate, sizeof(st->h));
	/* Never read before written, but a state may be exported whole. */
	memset(st->buf, 0, sizeof(st->buf));
	st->len = SMBSIGN_SHA256_BLOCK_SIZE;
}

/* A state we could have exported: import refuses any other. */
int smbsign_hmac_import(void *state, const void *in)
{
	const struct smbsign_hmac_state *st = in;

	/* The inner hash always starts with the key block. */
	if (st->len < SMBSIGN_SHA256_BLOCK_SIZE || st->len >= (1ULL << 61))
		return -EINVAL;
	memcpy(state, st, sizeof(*st));
	return 0;
}

int smbsign_hmac_update(const void *k, void *state, const u8 *data,
			size_t len)
{
	const struct smbsign_hmac_key *key = k;
	struct smbsign_run run;
	unsigned int impl = hmac_run_start(&run, key->impl);

	sha256_absorb(&run, impl, state, data, len);
	smbsign_run_end(&run);
	return run.fell_back;
}

int smbsign_hmac_finup(const void *k, void *state, const u8 *data,
		       size_t len, u8 *out)
{
	const struct smbsign_hmac_key *key = k;
	struct smbsign_hmac_state *st = state;
	u8 block[SMBSIGN_SHA256_BLOCK_SIZE] __uninitialized;
	struct smbsign_run run;
	unsigned int impl = hmac_run_start(&run, key->impl);

	sha256_absorb(&run, impl, st, data, len);
	sha256_final(&run, impl, st->h, st->buf,
		     st->len % SMBSIGN_SHA256_BLOCK_SIZE, st->len, block);
	hmac_outer(&run, impl, key, st->h, block, out);
	smbsign_run_end(&run);
	memzero_explicit(block, sizeof(block));
	memzero_explicit(st, sizeof(*st));
	return run.fell_back;
}

/*
 * A whole MAC at once, with no state: the message's whole blocks go
 * straight from @data into the inner hash.
 */
int smbsign_hmac_digest(const void *k, const u8 *data, size_t len, u8 *out)
{
	const struct smbsign_hmac_key *key = k;
	size_t nblocks = len / SMBSIGN_SHA256_BLOCK_SIZE;
	u8 block[SMBSIGN_SHA256_BLOCK_SIZE] __uninitialized;
	struct smbsign_run run;
	unsigned int impl = hmac_run_start(&run, key->impl);
	u32 h[8];

	memcpy(h, key->istate, sizeof(h));
	smbsign_sha256_blocks(&run, impl, h, data, nblocks);
	sha256_final(&run, impl, h, data + SMBSIGN_SHA256_BLOCK_SIZE * nblocks,
		     len % SMBSIGN_SHA256_BLOCK_SIZE,
		     SMBSIGN_SHA256_BLOCK_SIZE + len, block);
	hmac_outer(&run, impl, key, h, block, out);
	smbsign_run_end(&run);
	memzero_explicit(block, sizeof(block));
	memzero_explicit(h, sizeof(h));
	return run.fell_back;
}
