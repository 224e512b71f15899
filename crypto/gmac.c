// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GMAC (NIST SP 800-38D with an empty plaintext): the nonce, buffering,
 * the length block and the final AES block, over an implementation's GHASH.
 *
 * tag = E_K(nonce || 0^31 || 1) ^ GHASH_H(A || 0-pad || [len(A)]64 || [0]64)
 * with H = E_K(0^128) and A the message. The first 12 bytes of the data are
 * the nonce (DESIGN.md section 3), so a desc carries its own nonce and one
 * key serves concurrent signers.
 *
 * Unlike CMAC, a whole block can be hashed as soon as it arrives: only a
 * partial block waits in the state. SIMD implementations run in sections of
 * at most smbsign_gmac_fpu_bytes; when SIMD is not usable the generic code
 * gives the same tag from the canonical round keys and H every key keeps,
 * and the running GHASH value is kept in GCM byte order so the two can take
 * turns within one message.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <smbsign/gmac.h>
#include <smbsign/simd.h>
#include "ghash_generic.h"

#if defined(CONFIG_X86_64)
#include "x86/gmac.h"
#endif

/*
 * The largest power of two whose section stays within 50 us at the speed
 * of the slowest SIMD implementation measured (pclmul, 4.9 GB/s on a Zen 3
 * EPYC: 27 us); Documentation/performance.rst, "SIMD section size".
 */
unsigned int smbsign_gmac_fpu_bytes = 131072;

static bool smbsign_gmac_generic_available(void)
{
	return true;
}

const struct smbsign_gmac_impl smbsign_gmac_generic = {
	.name		= "generic",
	.simd		= false,
	.available	= smbsign_gmac_generic_available,
	.cipher		= &smbsign_cmac_generic,
	.ghash		= smbsign_ghash_generic,
};

/* Slowest first: smbsign_gmac_best_impl() takes the last available one. */
const struct smbsign_gmac_impl *const smbsign_gmac_impls[] = {
	&smbsign_gmac_generic,
#if defined(CONFIG_X86_64)
	&smbsign_gmac_pclmul,
	&smbsign_gmac_vpclmul_avx2,
	&smbsign_gmac_vpclmul_avx512,
#endif
};

const unsigned int smbsign_gmac_nr_impls = ARRAY_SIZE(smbsign_gmac_impls);

const struct smbsign_gmac_impl *smbsign_gmac_impl_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < smbsign_gmac_nr_impls; i++)
		if (!strcmp(smbsign_gmac_impls[i]->name, name))
			return smbsign_gmac_impls[i];
	return NULL;
}

const struct smbsign_gmac_impl *smbsign_gmac_best_impl(void)
{
	unsigned int i = smbsign_gmac_nr_impls;

	while (--i > 0)
		if (smbsign_gmac_impls[i]->available())
			return smbsign_gmac_impls[i];
	return &smbsign_gmac_generic;
}

/* One call's work: GHASH and AES blocks share SIMD sections. */
struct smbsign_gmac_run {
	const struct smbsign_gmac_impl *impl;
	const struct smbsign_gmac_key *key;
	struct smbsign_simd_run simd;
};

static void smbsign_gmac_run_start(struct smbsign_gmac_run *run,
				   const struct smbsign_gmac_key *key,
				   const struct smbsign_gmac_impl *impl)
{
	run->key = key;
	run->impl = impl;
	if (impl->simd && !crypto_simd_usable())
		run->impl = &smbsign_gmac_generic;
	run->simd = (struct smbsign_simd_run){ 0 };
}

static void smbsign_gmac_run_ghash(struct smbsign_gmac_run *run, u8 acc[16],
				   const u8 *src, size_t nblocks)
{
	if (!run->impl->simd) {
		if (nblocks)
			run->impl->ghash(run->key, acc, src, nblocks);
		return;
	}
	while (nblocks) {
		size_t n = smbsign_simd_run_blocks(&run->simd, nblocks, 16,
						   READ_ONCE(smbsign_gmac_fpu_bytes));

		run->impl->ghash(run->key, acc, src, n);
		src += 16 * n;
		nblocks -= n;
	}
}

/* @out = E_K(@in): one-block CBC-MAC from a zero chaining value. */
static void smbsign_gmac_run_encrypt(struct smbsign_gmac_run *run,
				     u8 out[16], const u8 in[16])
{
	if (run->impl->simd)
		smbsign_simd_run_blocks(&run->simd, 0, 16,
					READ_ONCE(smbsign_gmac_fpu_bytes));
	memset(out, 0, 16);
	run->impl->cipher->cbcmac(&run->key->aes, out, in, 1);
}

/*
 * The powers H^16 .. H for the carry-less multiply code, when SIMD is not
 * usable to compute them. GHASH of the one block P from a zero accumulator
 * is P * H, so each power comes from the last one by the generic GHASH.
 */
static void smbsign_gmac_fill_tables(struct smbsign_gmac_run *run,
				     struct smbsign_gmac_key *key)
{
	u8 p[16], next[16];
	int i;

	memcpy(p, key->h, sizeof(p));
	for (i = SMBSIGN_GHASH_POWERS - 1; i >= 0; i--) {
		smbsign_ghash_table_entry(key, i, p);
		if (!i)
			break;
		memset(next, 0, sizeof(next));
		smbsign_gmac_run_ghash(run, next, p, 1);
		memcpy(p, next, sizeof(p));
	}
	memzero_explicit(p, sizeof(p));
	memzero_explicit(next, sizeof(next));
}

int smbsign_gmac_setkey(struct smbsign_gmac_key *key,
			const struct smbsign_gmac_impl *impl,
			const u8 *in_key, unsigned int key_len)
{
	static const u8 zero[16];
	struct smbsign_gmac_run run;

	if (key_len != 16 && key_len != 24 && key_len != 32)
		return -EINVAL;

	/*
	 * Every implementation starts from the canonical round keys and H, so
	 * when SIMD is not usable right now the generic code may set a key
	 * that stays bound to @impl, tables included. One SIMD section for
	 * it all: the schedule, H and the tables.
	 */
	smbsign_gmac_run_start(&run, key, impl);
	if (run.impl->simd)
		smbsign_simd_run_blocks(&run.simd, 0, 16, 16);
	run.impl->cipher->expandkey(&key->aes, in_key, key_len);
	smbsign_gmac_run_encrypt(&run, key->h, zero);
	if (impl->tables && run.impl == impl)
		impl->tables(key);
	else if (impl->tables)
		smbsign_gmac_fill_tables(&run, key);
	smbsign_simd_run_end(&run.simd);
	key->impl = impl;
	return 0;
}

/*
 * A key cache hit: same length, same bytes (compared in constant time) and
 * the same implementation, so nothing the caller asked for is skipped.
 */
bool smbsign_gmac_key_matches(const struct smbsign_gmac_key *key,
			      const struct smbsign_gmac_impl *impl,
			      const u8 *in_key, unsigned int key_len)
{
	return key->impl == impl && key->aes.key_len == key_len &&
	       !crypto_memneq(&key->aes.rk[0][0], in_key, key_len);
}

void smbsign_gmac_init(struct smbsign_gmac_state *st)
{
	memset(st, 0, sizeof(*st));
}

bool smbsign_gmac_state_valid(const struct smbsign_gmac_state *st)
{
	/* A partial block or message bytes only ever follow a whole nonce. */
	if (st->nonce_len > SMBSIGN_GMAC_NONCE_SIZE ||
	    st->buf_len >= sizeof(st->buf))
		return false;
	if (st->nonce_len < SMBSIGN_GMAC_NONCE_SIZE)
		return !st->msg_len && !st->buf_len;
	return st->buf_len == st->msg_len % 16;
}

static void smbsign_gmac_absorb(struct smbsign_gmac_run *run,
				struct smbsign_gmac_state *st,
				const u8 *data, size_t len)
{
	size_t n;

	/* Nothing to do, and @data may be NULL (memcpy() must not see it). */
	if (!len)
		return;
	if (st->nonce_len < SMBSIGN_GMAC_NONCE_SIZE) {
		n = min_t(size_t, len, SMBSIGN_GMAC_NONCE_SIZE - st->nonce_len);
		memcpy(st->nonce + st->nonce_len, data, n);
		st->nonce_len += n;
		data += n;
		len -= n;
	}
	if (!len)
		return;
	st->msg_len += len;

	if (st->buf_len) {
		n = min_t(size_t, len, 16 - st->buf_len);
		memcpy(st->buf + st->buf_len, data, n);
		st->buf_len += n;
		data += n;
		len -= n;
		if (st->buf_len < 16)
			return;
		smbsign_gmac_run_ghash(run, st->acc, st->buf, 1);
		st->buf_len = 0;
	}
	n = len / 16;
	smbsign_gmac_run_ghash(run, st->acc, data, n);
	data += 16 * n;
	len -= 16 * n;
	memcpy(st->buf, data, len);
	st->buf_len = len;
}

void smbsign_gmac_update(const struct smbsign_gmac_key *key,
			 struct smbsign_gmac_state *st,
			 const u8 *data, size_t len)
{
	struct smbsign_gmac_run run;

	smbsign_gmac_run_start(&run, key, key->impl);
	smbsign_gmac_absorb(&run, st, data, len);
	smbsign_simd_run_end(&run.simd);
}

int smbsign_gmac_finup(const struct smbsign_gmac_key *key,
		       struct smbsign_gmac_state *st,
		       const u8 *data, size_t len,
		       u8 out[SMBSIGN_GMAC_DIGEST_SIZE])
{
	struct smbsign_gmac_run run;
	u8 tail[32], j0[16], ek[16];
	u64 bits;
	size_t nblocks = 1;
	int i;

	smbsign_gmac_run_start(&run, key, key->impl);
	smbsign_gmac_absorb(&run, st, data, len);
	if (st->nonce_len < SMBSIGN_GMAC_NONCE_SIZE) {
		smbsign_simd_run_end(&run.simd);
		return -EINVAL;
	}

	/* The zero-padded last partial block, if any, then the lengths. */
	memset(tail, 0, sizeof(tail));
	if (st->buf_len) {
		memcpy(tail, st->buf, st->buf_len);
		nblocks = 2;
	}
	bits = st->msg_len * 8;
	for (i = 0; i < 8; i++)
		tail[16 * nblocks - 9 - i] = (u8)(bits >> (8 * i));
	smbsign_gmac_run_ghash(&run, st->acc, tail, nblocks);

	memcpy(j0, st->nonce, SMBSIGN_GMAC_NONCE_SIZE);
	j0[12] = 0;
	j0[13] = 0;
	j0[14] = 0;
	j0[15] = 1;
	smbsign_gmac_run_encrypt(&run, ek, j0);
	smbsign_simd_run_end(&run.simd);

	for (i = 0; i < 16; i++)
		out[i] = st->acc[i] ^ ek[i];
	memzero_explicit(tail, sizeof(tail));
	memzero_explicit(ek, sizeof(ek));
	memzero_explicit(st, sizeof(*st));
	return 0;
}
