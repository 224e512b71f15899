/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AES layer's *_arch() hooks (crypto/layers.h) for an architecture
 * with one SIMD implementation of AES, included by its crypto/<arch>/aes.h
 * after it names them:
 *
 *	SMBSIGN_AES_SIMD		the implementation's id
 *	smbsign_aes_simd_expandkey()	its assembly: (rk, in_key, key_len)
 *	smbsign_aes_simd_cbcmac()	(rk, rounds, mac, src, nblocks)
 *	smbsign_aes_simd_encrypt()	(rk, rounds, out, in)
 *	smbsign_aes_simd_encrypt3()	(rk, rounds, out, a, b, c)
 *
 * Each does the work when the run's implementation is that one, inside
 * sections of the run's budget, and returns false otherwise (the generic
 * code then does it).
 */
#ifndef _SMBSIGN_CRYPTO_AES_SIMD_H
#define _SMBSIGN_CRYPTO_AES_SIMD_H

#include <smbsign/aes.h>

/* The schedule when @impl is ours; false: the generic code makes it. */
static inline bool smbsign_aes_expandkey_arch(struct smbsign_run *run,
					      unsigned int impl,
					      struct smbsign_aes_key *key,
					      const u8 *in_key,
					      unsigned int key_len)
{
	if (impl != SMBSIGN_AES_SIMD)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	key->key_len = key_len;
	key->rounds = key_len / 4 + 6;
	smbsign_aes_simd_expandkey(&key->rk[0][0], in_key, key_len);
	return true;
}

/* The chain when @impl is ours, in sections of the run's budget. */
static inline bool smbsign_aes_cbcmac_arch(struct smbsign_run *run,
					   unsigned int impl,
					   const struct smbsign_aes_key *key,
					   u8 mac[16], const u8 *src,
					   size_t nblocks)
{
	if (impl != SMBSIGN_AES_SIMD)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks, SMBSIGN_AES_BLOCK_SIZE);

		smbsign_aes_simd_cbcmac(&key->rk[0][0], key->rounds, mac, src, n);
		src += SMBSIGN_AES_BLOCK_SIZE * n;
		nblocks -= n;
	}
	return true;
}

/* One block when @impl is ours. */
static inline bool smbsign_aes_encrypt_arch(struct smbsign_run *run,
					    unsigned int impl,
					    const struct smbsign_aes_key *key,
					    u8 out[16], const u8 in[16])
{
	if (impl != SMBSIGN_AES_SIMD)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	smbsign_aes_simd_encrypt(&key->rk[0][0], key->rounds, out, in);
	return true;
}

/* One block of three XORed when @impl is ours. */
static inline bool smbsign_aes_encrypt3_arch(struct smbsign_run *run,
					     unsigned int impl,
					     const struct smbsign_aes_key *key,
					     u8 out[16], const u8 a[16],
					     const u8 b[16], const u8 c[16])
{
	if (impl != SMBSIGN_AES_SIMD)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	smbsign_aes_simd_encrypt3(&key->rk[0][0], key->rounds, out, a, b, c);
	return true;
}

#endif /* _SMBSIGN_CRYPTO_AES_SIMD_H */
