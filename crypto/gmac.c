// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GMAC (NIST SP 800-38D with an empty plaintext): the nonce, buffering,
 * the length block and the final AES block, over the GHASH and AES layers.
 *
 * tag = E_K(nonce || 0^31 || 1) ^ GHASH_H(A || 0-pad || [len(A)]64 || [0]64)
 * with H = E_K(0^128) and A the message. The first 12 bytes of the data are
 * the nonce (Documentation/design.rst, "Interfaces"), so a request carries
 * its own nonce and one key serves concurrent signers.
 *
 * Unlike CMAC, a whole block can be hashed as soon as it arrives: only a
 * partial block waits in the state. Each call is one run (crypto/run.h)
 * whose GHASH and AES work share SIMD sections. Where SIMD is not usable
 * the generic code gives the same tag from the canonical round keys and H
 * every key keeps, and the running GHASH value is kept in GCM byte order
 * so that the two can take turns within one message.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <smbsign/gmac.h>
#include <smbsign/mac.h>
#include "layers.h"

static unsigned int gmac_run_start(struct smbsign_run *run, unsigned int impl)
{
	return smbsign_run_start(run, &smbsign_ghash_impls, impl,
				 READ_ONCE(smbsign_macs[SMBSIGN_GMAC].fpu_bytes));
}

/*
 * The AES implementation for a run of GHASH implementation @impl: generic
 * with generic (which is then generic through and through, an oracle for
 * the others); with a SIMD one, the key's, chosen at setkey as the widest
 * AES this CPU runs, in the same sections.
 */
static unsigned int gmac_aes_impl(const struct smbsign_gmac_key *key,
				  unsigned int impl)
{
	return impl == SMBSIGN_IMPL_GENERIC ? SMBSIGN_IMPL_GENERIC :
					      key->aes_impl;
}

int smbsign_gmac_setkey(void *k, unsigned int impl, const u8 *in_key,
			unsigned int key_len)
{
	static const u8 zero[16];
	struct smbsign_gmac_key *key = k;
	struct smbsign_run run;
	unsigned int run_impl, aes;

	if (!smbsign_aes_key_len_ok(key_len) || impl >= smbsign_ghash_impls.nr)
		return -EINVAL;
	key->aes_impl = impl == SMBSIGN_IMPL_GENERIC ? SMBSIGN_IMPL_GENERIC :
			smbsign_impls_widest(&smbsign_aes_impls);
	/*
	 * One section for the schedule, H and the tables. Where SIMD is not
	 * usable the generic code makes them all, the tables in the layout
	 * of @impl, to which the key stays bound.
	 */
	run_impl = gmac_run_start(&run, impl);
	aes = gmac_aes_impl(key, run_impl);
	smbsign_aes_expandkey(&run, aes, &key->aes, in_key, key_len);
	smbsign_aes_encrypt(&run, aes, &key->aes, key->ghash.h, zero);
	smbsign_ghash_setkey(&run, run_impl, impl, &key->ghash);
	smbsign_run_end(&run);
	key->impl = impl;
	return 0;
}

/*
 * A key cache hit: same length, same bytes (compared in constant time) and
 * the same implementation, so nothing the caller asked for is skipped.
 */
bool smbsign_gmac_key_matches(const void *k, unsigned int impl,
			      const u8 *in_key, unsigned int key_len)
{
	const struct smbsign_gmac_key *key = k;

	return key->impl == impl && smbsign_aes_key_is(&key->aes, in_key, key_len);
}

void smbsign_gmac_init(const void *key, void *state)
{
	memset(state, 0, sizeof(struct smbsign_gmac_state));
}

/* A state we could have exported: import refuses any other. */
int smbsign_gmac_import(void *state, const void *in)
{
	const struct smbsign_gmac_state *st = in;
	bool ok;

	/* A partial block or message bytes only ever follow a whole nonce. */
	if (st->nonce_len > SMBSIGN_GMAC_NONCE_SIZE ||
	    st->buf_len >= sizeof(st->buf))
		ok = false;
	else if (st->nonce_len < SMBSIGN_GMAC_NONCE_SIZE)
		ok = !st->msg_len && !st->buf_len;
	else
		ok = st->buf_len == st->msg_len % 16;
	if (!ok)
		return -EINVAL;
	memcpy(state, st, sizeof(*st));
	return 0;
}

/* Of @len more data bytes, those past the nonce: the message. */
size_t smbsign_gmac_msg_bytes(const void *state, size_t len)
{
	const struct smbsign_gmac_state *st = state;
	size_t nonce_left = SMBSIGN_GMAC_NONCE_SIZE - st->nonce_len;

	return len - min_t(size_t, len, nonce_left);
}

static void gmac_absorb(struct smbsign_run *run, unsigned int impl,
			const struct smbsign_gmac_key *key,
			struct smbsign_gmac_state *st, const u8 *data,
			size_t len)
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
		if (!len)
			return;
	}
	st->msg_len += len;

	if (st->buf_len) {
		n = min_t(size_t, len, 16 - st->buf_len);
		memcpy(st->buf + st->buf_len, data, n);
		st->buf_len += n;
		data += n;
		len -= n;
		if (st->buf_len < 16)
			return;
		smbsign_ghash_blocks(run, impl, &key->ghash, st->acc, st->buf, 1);
		st->buf_len = 0;
	}
	n = len / 16;
	smbsign_ghash_blocks(run, impl, &key->ghash, st->acc, data, n);
	data += 16 * n;
	len -= 16 * n;
	memcpy(st->buf, data, len);
	st->buf_len = len;
}

int smbsign_gmac_update(const void *k, void *state, const u8 *data,
			size_t len)
{
	const struct smbsign_gmac_key *key = k;
	struct smbsign_run run;
	unsigned int impl = gmac_run_start(&run, key->impl);

	gmac_absorb(&run, impl, key, state, data, len);
	smbsign_run_end(&run);
	return run.fell_back;
}

/*
 * The end of a MAC: the zero-padded last @tail_len (0..15) message bytes at
 * @tail and the length block into @acc, then the tag into @out.
 */
static void gmac_final(struct smbsign_run *run, unsigned int impl,
		       const struct smbsign_gmac_key *key, u8 acc[16],
		       const u8 *tail, size_t tail_len, u64 msg_len,
		       const u8 nonce[SMBSIGN_GMAC_NONCE_SIZE], u8 *out)
{
	u8 blocks[32] __uninitialized, *j0 = blocks, ek[16] __uninitialized;
	size_t nblocks = 1;
	u64 bits = msg_len * 8;
	int i;

	memset(blocks, 0, sizeof(blocks));
	if (tail_len) {
		memcpy(blocks, tail, tail_len);
		nblocks = 2;
	}
	for (i = 0; i < 8; i++)
		blocks[16 * nblocks - 9 - i] = (u8)(bits >> (8 * i));
	smbsign_ghash_blocks(run, impl, &key->ghash, acc, blocks, nblocks);

	/* J0 = nonce || 0^31 || 1, where the blocks were, now hashed. */
	memcpy(j0, nonce, SMBSIGN_GMAC_NONCE_SIZE);
	j0[12] = 0;
	j0[13] = 0;
	j0[14] = 0;
	j0[15] = 1;
	smbsign_aes_encrypt(run, gmac_aes_impl(key, impl), &key->aes, ek, j0);
	for (i = 0; i < 16; i++)
		out[i] = acc[i] ^ ek[i];
	memzero_explicit(blocks, sizeof(blocks));
	memzero_explicit(ek, sizeof(ek));
}

int smbsign_gmac_finup(const void *k, void *state, const u8 *data,
		       size_t len, u8 *out)
{
	const struct smbsign_gmac_key *key = k;
	struct smbsign_gmac_state *st = state;
	struct smbsign_run run;
	unsigned int impl = gmac_run_start(&run, key->impl);

	gmac_absorb(&run, impl, key, st, data, len);
	if (st->nonce_len < SMBSIGN_GMAC_NONCE_SIZE) {
		smbsign_run_end(&run);
		return -EINVAL;
	}
	gmac_final(&run, impl, key, st->acc, st->buf, st->buf_len, st->msg_len,
		   st->nonce, out);
	smbsign_run_end(&run);
	memzero_explicit(st, sizeof(*st));
	return run.fell_back;
}

/*
 * A whole MAC at once, with no state: nonce, then message, whose whole
 * blocks go straight from @data into GHASH.
 */
int smbsign_gmac_digest(const void *k, const u8 *data, size_t len, u8 *out)
{
	const struct smbsign_gmac_key *key = k;
	const u8 *msg = data + SMBSIGN_GMAC_NONCE_SIZE;
	size_t msg_len, nblocks;
	struct smbsign_run run;
	unsigned int impl;
	u8 acc[16] = { 0 };

	if (len < SMBSIGN_GMAC_NONCE_SIZE)
		return -EINVAL;
	msg_len = len - SMBSIGN_GMAC_NONCE_SIZE;
	nblocks = msg_len / 16;
	impl = gmac_run_start(&run, key->impl);
	smbsign_ghash_blocks(&run, impl, &key->ghash, acc, msg, nblocks);
	gmac_final(&run, impl, key, acc, msg + 16 * nblocks, msg_len % 16,
		   msg_len, data, out);
	smbsign_run_end(&run);
	memzero_explicit(acc, sizeof(acc));
	return run.fell_back;
}
