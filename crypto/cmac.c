// SPDX-License-Identifier: GPL-2.0
/*
 * AES-CMAC mode (NIST SP 800-38B): subkeys, buffering and the final block,
 * over the AES layer's CBC-MAC chain (crypto/aes.c).
 *
 * The last block of a message is special (XORed with K1, or padded and
 * XORed with K2), and whether a full block is the last one is only known
 * when more data arrives or final is called: so a full block is held back
 * in the state until then, and every split of the same message gives the
 * same result.
 *
 * Each call is one run (crypto/run.h): the whole of an update or a finup
 * shares SIMD sections instead of taking one per block, which is what the
 * stock cmac template over aes-aesni costs. Where SIMD is not usable (e.g.
 * in a hard interrupt) the generic AES computes the same MAC from the
 * canonical round keys every key keeps.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <smbsign/cmac.h>
#include <smbsign/mac.h>
#include "layers.h"

static unsigned int cmac_run_start(struct smbsign_run *run, unsigned int impl)
{
	return smbsign_run_start(run, &smbsign_aes_impls, impl,
				 READ_ONCE(smbsign_macs[SMBSIGN_CMAC].fpu_bytes));
}

/* Doubling in GF(2^128), big-endian, x^128 + x^7 + x^2 + x + 1; no branch. */
static void cmac_dbl(u8 out[16], const u8 in[16])
{
	u8 carry = in[0] >> 7;
	int i;

	for (i = 0; i < 15; i++)
		out[i] = (u8)(in[i] << 1) | (in[i + 1] >> 7);
	out[15] = (u8)(in[15] << 1) ^ (0x87 & -carry);
}

int smbsign_cmac_setkey(void *k, unsigned int impl, const u8 *in_key,
			unsigned int key_len)
{
	static const u8 zero[16];
	struct smbsign_cmac_key *key = k;
	struct smbsign_run run;
	unsigned int run_impl;
	u8 l[16];

	if (!smbsign_aes_key_len_ok(key_len) || impl >= smbsign_aes_impls.nr)
		return -EINVAL;
	/*
	 * One section for the schedule and L = E_K(0). Where SIMD is not
	 * usable the generic code makes the same canonical round keys, and
	 * the key is still bound to @impl for later calls.
	 */
	run_impl = cmac_run_start(&run, impl);
	smbsign_aes_expandkey(&run, run_impl, &key->aes, in_key, key_len);
	smbsign_aes_encrypt(&run, run_impl, &key->aes, l, zero);
	smbsign_run_end(&run);

	cmac_dbl(key->k1, l);
	cmac_dbl(key->k2, key->k1);
	memzero_explicit(l, sizeof(l));
	key->impl = impl;
	return 0;
}

/*
 * A key cache hit: same length, same bytes (compared in constant time) and
 * the same implementation, so nothing the caller asked for is skipped.
 */
bool smbsign_cmac_key_matches(const void *k, unsigned int impl,
			      const u8 *in_key, unsigned int key_len)
{
	const struct smbsign_cmac_key *key = k;

	return key->impl == impl && smbsign_aes_key_is(&key->aes, in_key, key_len);
}

void smbsign_cmac_init(const void *key, void *state)
{
	memset(state, 0, sizeof(struct smbsign_cmac_state));
}

/* A state we could have exported: import refuses any other. */
int smbsign_cmac_import(void *state, const void *in)
{
	const struct smbsign_cmac_state *from = in;

	if (from->buf_len > sizeof(from->buf))
		return -EINVAL;
	memcpy(state, from, sizeof(*from));
	return 0;
}

/*
 * Consumes @data, leaving 1..16 bytes in the buffer if anything was ever
 * given: the last block waits for final.
 */
static void cmac_absorb(struct smbsign_run *run, unsigned int impl,
			const struct smbsign_cmac_key *key,
			struct smbsign_cmac_state *st, const u8 *data,
			size_t len)
{
	size_t n;

	/* Nothing to do, and @data may be NULL (memcpy() must not see it). */
	if (!len)
		return;
	/* Top up the held-back block; run it if more data follows. */
	if (st->buf_len < 16) {
		n = min_t(size_t, len, 16 - st->buf_len);
		memcpy(st->buf + st->buf_len, data, n);
		st->buf_len += n;
		data += n;
		len -= n;
		if (!len)
			return;
	}
	smbsign_aes_cbcmac(run, impl, &key->aes, st->mac, st->buf, 1);
	/* Whole blocks straight from @data, all but the last. */
	n = (len - 1) / 16;
	smbsign_aes_cbcmac(run, impl, &key->aes, st->mac, data, n);
	data += 16 * n;
	len -= 16 * n;
	memcpy(st->buf, data, len);
	st->buf_len = len;
}

int smbsign_cmac_update(const void *k, void *state, const u8 *data,
			size_t len)
{
	const struct smbsign_cmac_key *key = k;
	struct smbsign_run run;
	unsigned int impl = cmac_run_start(&run, key->impl);

	cmac_absorb(&run, impl, key, state, data, len);
	smbsign_run_end(&run);
	return run.fell_back;
}

/* The chain value before the first block. */
static const u8 cmac_zero[16];

/*
 * The last block: @rest (0..16) bytes at @src, padded (10*) and XORed with
 * K2 unless it is a whole block (K1), after the chain value @mac: the MAC,
 * E(mac ^ last ^ subkey), into @out. The AES layer does the XORs: see
 * smbsign_aesni_encrypt3() for why.
 */
static __always_inline void cmac_last(struct smbsign_run *run,
				      unsigned int impl,
				      const struct smbsign_cmac_key *key,
				      const u8 *mac, const u8 *src,
				      size_t rest, u8 *out)
{
	u8 last[16] __uninitialized;

	if (rest == 16) {
		smbsign_aes_encrypt3(run, impl, &key->aes, out, mac, src,
				     key->k1);
		return;
	}
	/* rest is public (a length). */
	memset(last, 0, sizeof(last));
	if (rest)	/* a NULL @src is fine then: memcpy() must not see it */
		memcpy(last, src, rest);
	last[rest] = 0x80;
	smbsign_aes_encrypt3(run, impl, &key->aes, out, mac, last, key->k2);
	memzero_explicit(last, sizeof(last));
}

int smbsign_cmac_finup(const void *k, void *state, const u8 *data,
		       size_t len, u8 *out)
{
	const struct smbsign_cmac_key *key = k;
	struct smbsign_cmac_state *st = state;
	struct smbsign_run run;
	unsigned int impl = cmac_run_start(&run, key->impl);

	cmac_absorb(&run, impl, key, st, data, len);
	cmac_last(&run, impl, key, st->mac, st->buf, st->buf_len, out);
	smbsign_run_end(&run);
	memzero_explicit(st, sizeof(*st));
	return run.fell_back;
}

/*
 * A whole message at once, with no state: the blocks but the last go
 * straight from @data into the chain. SMB signs most messages this way.
 */
int smbsign_cmac_digest(const void *k, const u8 *data, size_t len, u8 *out)
{
	const struct smbsign_cmac_key *key = k;
	size_t nblocks = len ? (len - 1) / 16 : 0;
	struct smbsign_run run;
	unsigned int impl = cmac_run_start(&run, key->impl);
	u8 mac[16] = { 0 };

	if (!nblocks) {
		cmac_last(&run, impl, key, cmac_zero, data, len, out);
	} else {
		smbsign_aes_cbcmac(&run, impl, &key->aes, mac, data, nblocks);
		cmac_last(&run, impl, key, mac, data + 16 * nblocks,
			  len - 16 * nblocks, out);
		memzero_explicit(mac, sizeof(mac));
	}
	smbsign_run_end(&run);
	return run.fell_back;
}
