// SPDX-License-Identifier: GPL-2.0
/*
 * AES-CMAC mode (NIST SP 800-38B): subkeys, buffering and the final block,
 * over an implementation's CBC-MAC chain.
 *
 * The last block of a message is special (XORed with K1, or padded and
 * XORed with K2), and whether a full block is the last one is only known
 * when more data arrives or final is called: so a full block is held back
 * in the state until then, and every split of the same message gives the
 * same result.
 *
 * SIMD implementations run in sections of at most smbsign_cmac_fpu_bytes,
 * and the whole of one update (or finup) shares sections instead of taking
 * one per block, which is what the stock cmac template over aes-aesni
 * costs. When SIMD is not usable here (e.g. in a hard interrupt), the
 * generic implementation computes the same MAC from the canonical round
 * keys every key keeps.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <smbsign/cmac.h>
#include <smbsign/simd.h>

#if defined(CONFIG_X86_64)
#include "x86/cmac.h"
#endif

/*
 * The largest power of two whose section stays within 50 us at the speed
 * of the slowest SIMD implementation measured (aesni, 1.13 GB/s on a Zen 3
 * EPYC: 29 us); Documentation/performance.rst, "SIMD section size".
 */
unsigned int smbsign_cmac_fpu_bytes = 32768;

static bool smbsign_cmac_generic_available(void)
{
	return true;
}

static void smbsign_cmac_generic_expandkey(struct smbsign_aes_key *key,
					   const u8 *in_key,
					   unsigned int key_len)
{
	/* The length was checked by smbsign_cmac_setkey(). */
	smbsign_aes_expandkey(key, in_key, key_len);
}

static void smbsign_cmac_generic_cbcmac(const struct smbsign_aes_key *key,
					u8 mac[16], const u8 *src,
					size_t nblocks)
{
	struct smbsign_aes_bs_key bs;
	u8 x[16];
	int i;

	smbsign_aes_bs_prepare(&bs, key);
	while (nblocks--) {
		for (i = 0; i < 16; i++)
			x[i] = mac[i] ^ src[i];
		smbsign_aes_bs_encrypt(&bs, mac, x);
		src += 16;
	}
	memzero_explicit(&bs, sizeof(bs));
	memzero_explicit(x, sizeof(x));
}

const struct smbsign_cmac_impl smbsign_cmac_generic = {
	.name		= "generic",
	.simd		= false,
	.available	= smbsign_cmac_generic_available,
	.expandkey	= smbsign_cmac_generic_expandkey,
	.cbcmac		= smbsign_cmac_generic_cbcmac,
};

/* Slowest first: smbsign_cmac_best_impl() takes the last available one. */
const struct smbsign_cmac_impl *const smbsign_cmac_impls[] = {
	&smbsign_cmac_generic,
#ifdef SMBSIGN_CMAC_ARCH_IMPLS
	SMBSIGN_CMAC_ARCH_IMPLS,
#endif
};

const unsigned int smbsign_cmac_nr_impls = ARRAY_SIZE(smbsign_cmac_impls);

const struct smbsign_cmac_impl *smbsign_cmac_impl_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < smbsign_cmac_nr_impls; i++)
		if (!strcmp(smbsign_cmac_impls[i]->name, name))
			return smbsign_cmac_impls[i];
	return NULL;
}

const struct smbsign_cmac_impl *smbsign_cmac_best_impl(void)
{
	unsigned int i = smbsign_cmac_nr_impls;

	while (--i > 0)
		if (smbsign_cmac_impls[i]->available())
			return smbsign_cmac_impls[i];
	return &smbsign_cmac_generic;
}

/* The implementation to run now: @key's own, or generic if SIMD is out. */
static const struct smbsign_cmac_impl *
smbsign_cmac_runnable(const struct smbsign_cmac_impl *impl)
{
	if (impl->simd && !crypto_simd_usable())
		return &smbsign_cmac_generic;
	return impl;
}

/* Doubling in GF(2^128), big-endian, x^128 + x^7 + x^2 + x + 1; no branch. */
static void smbsign_cmac_dbl(u8 out[16], const u8 in[16])
{
	u8 carry = in[0] >> 7;
	int i;

	for (i = 0; i < 15; i++)
		out[i] = (u8)(in[i] << 1) | (in[i + 1] >> 7);
	out[15] = (u8)(in[15] << 1) ^ (0x87 & -carry);
}

/* One call's chain work, in SIMD sections of smbsign_cmac_fpu_bytes. */
struct smbsign_cmac_run {
	const struct smbsign_cmac_impl *impl;
	const struct smbsign_aes_key *aes;
	struct smbsign_simd_run simd;
};

static void smbsign_cmac_run_blocks(struct smbsign_cmac_run *run, u8 mac[16],
				    const u8 *src, size_t nblocks)
{
	if (!run->impl->simd) {
		if (nblocks)
			run->impl->cbcmac(run->aes, mac, src, nblocks);
		return;
	}
	while (nblocks) {
		size_t n = smbsign_simd_run_blocks(&run->simd, nblocks, 16,
						   READ_ONCE(smbsign_cmac_fpu_bytes));

		run->impl->cbcmac(run->aes, mac, src, n);
		src += 16 * n;
		nblocks -= n;
	}
}

int smbsign_cmac_setkey(struct smbsign_cmac_key *key,
			const struct smbsign_cmac_impl *impl,
			const u8 *in_key, unsigned int key_len)
{
	static const u8 zero[16];
	struct smbsign_cmac_run run = { .aes = &key->aes };
	u8 l[16];

	if (key_len != 16 && key_len != 24 && key_len != 32)
		return -EINVAL;

	/*
	 * Every implementation starts from the canonical round keys, so when
	 * SIMD is not usable right now the generic code may expand a key that
	 * stays bound to @impl for later requests.
	 */
	run.impl = smbsign_cmac_runnable(impl);
	/* One section for the schedule and L = E_K(0). */
	if (run.impl->simd)
		smbsign_simd_run_blocks(&run.simd, 0, 16, 16);
	run.impl->expandkey(&key->aes, in_key, key_len);
	memset(l, 0, sizeof(l));
	smbsign_cmac_run_blocks(&run, l, zero, 1);
	smbsign_simd_run_end(&run.simd);

	smbsign_cmac_dbl(key->k1, l);
	smbsign_cmac_dbl(key->k2, key->k1);
	memzero_explicit(l, sizeof(l));
	key->impl = impl;
	return 0;
}

/*
 * A key cache hit: same length, same bytes (compared in constant time) and
 * the same implementation, so nothing the caller asked for is skipped.
 */
bool smbsign_cmac_key_matches(const struct smbsign_cmac_key *key,
			      const struct smbsign_cmac_impl *impl,
			      const u8 *in_key, unsigned int key_len)
{
	return key->impl == impl && key->aes.key_len == key_len &&
	       !crypto_memneq(&key->aes.rk[0][0], in_key, key_len);
}

void smbsign_cmac_init(struct smbsign_cmac_state *st)
{
	memset(st, 0, sizeof(*st));
}

/*
 * Consumes @data, leaving 1..16 bytes in the buffer if anything was ever
 * given (the last block waits for final). If @out, finishes the MAC.
 */
static void smbsign_cmac_process(const struct smbsign_cmac_key *key,
				 struct smbsign_cmac_state *st,
				 const u8 *data, size_t len, u8 *out)
{
	struct smbsign_cmac_run run = {
		.impl = smbsign_cmac_runnable(key->impl),
		.aes = &key->aes,
	};

	if (len) {
		size_t nblocks;

		/* Top up the held-back block; run it if more data follows. */
		if (st->buf_len < 16) {
			size_t n = min_t(size_t, len, 16 - st->buf_len);

			memcpy(st->buf + st->buf_len, data, n);
			st->buf_len += n;
			data += n;
			len -= n;
		}
		if (len) {
			smbsign_cmac_run_blocks(&run, st->mac, st->buf, 1);
			/* Whole blocks straight from @data, all but the last. */
			nblocks = (len - 1) / 16;
			smbsign_cmac_run_blocks(&run, st->mac, data, nblocks);
			data += 16 * nblocks;
			len -= 16 * nblocks;
			memcpy(st->buf, data, len);
			st->buf_len = len;
		}
	}

	if (out) {
		const u8 *subkey = key->k1;
		u8 last[16];
		int i;

		if (st->buf_len < 16) {
			/* 10* padding; buf_len is public (a length). */
			memset(st->buf + st->buf_len, 0, 16 - st->buf_len);
			st->buf[st->buf_len] = 0x80;
			subkey = key->k2;
		}
		for (i = 0; i < 16; i++)
			last[i] = st->buf[i] ^ subkey[i];
		smbsign_cmac_run_blocks(&run, st->mac, last, 1);
		memcpy(out, st->mac, 16);
		memzero_explicit(last, sizeof(last));
		memzero_explicit(st, sizeof(*st));
	}
	smbsign_simd_run_end(&run.simd);
}

void smbsign_cmac_update(const struct smbsign_cmac_key *key,
			 struct smbsign_cmac_state *st,
			 const u8 *data, size_t len)
{
	smbsign_cmac_process(key, st, data, len, NULL);
}

void smbsign_cmac_finup(const struct smbsign_cmac_key *key,
			struct smbsign_cmac_state *st,
			const u8 *data, size_t len,
			u8 out[SMBSIGN_CMAC_DIGEST_SIZE])
{
	smbsign_cmac_process(key, st, data, len, out);
}
