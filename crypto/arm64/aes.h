/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 hooks of the AES layer (crypto/layers.h): the ARMv8 Crypto
 * Extensions' AESE/AESMC (crypto/arm64/aes_ce.S).
 * Documentation/design.rst, "Adding an implementation".
 */
#ifndef _SMBSIGN_ARM64_AES_H
#define _SMBSIGN_ARM64_AES_H

#include <asm/cpufeature.h>
#include <smbsign/aes.h>

enum {
	SMBSIGN_AES_CE = SMBSIGN_IMPL_GENERIC + 1,
};

/* crypto/arm64/aes_ce.S */
void smbsign_aes_ce_expandkey(u8 *rk, const u8 *in_key, unsigned int key_len);
void smbsign_aes_ce_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
			   const u8 *src, size_t nblocks);
void smbsign_aes_ce_encrypt(const u8 *rk, unsigned int rounds, u8 out[16],
			    const u8 in[16]);
void smbsign_aes_ce_encrypt3(const u8 *rk, unsigned int rounds, u8 out[16],
			     const u8 a[16], const u8 b[16], const u8 c[16]);

static inline bool smbsign_aes_ce_available(void)
{
	return cpu_have_named_feature(AES);
}

/* The layer's implementations (crypto/aes.c's list). */
static const struct smbsign_impl smbsign_aes_table[] __maybe_unused = {
	[SMBSIGN_IMPL_GENERIC] = SMBSIGN_GENERIC_IMPL,
	SMBSIGN_SIMD_IMPL(SMBSIGN_AES_CE, "aes-ce", smbsign_aes_ce_available),
};

/* The schedule when @impl is ours; false: the generic code makes it. */
static inline bool smbsign_aes_expandkey_arch(struct smbsign_run *run,
					      unsigned int impl,
					      struct smbsign_aes_key *key,
					      const u8 *in_key,
					      unsigned int key_len)
{
	if (impl != SMBSIGN_AES_CE)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	key->key_len = key_len;
	key->rounds = key_len / 4 + 6;
	smbsign_aes_ce_expandkey(&key->rk[0][0], in_key, key_len);
	return true;
}

/* The chain when @impl is ours, in sections of the run's budget. */
static inline bool smbsign_aes_cbcmac_arch(struct smbsign_run *run,
					   unsigned int impl,
					   const struct smbsign_aes_key *key,
					   u8 mac[16], const u8 *src,
					   size_t nblocks)
{
	if (impl != SMBSIGN_AES_CE)
		return false;
	while (nblocks) {
		size_t n = smbsign_run_take(run, nblocks, SMBSIGN_AES_BLOCK_SIZE);

		smbsign_aes_ce_cbcmac(&key->rk[0][0], key->rounds, mac, src, n);
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
	if (impl != SMBSIGN_AES_CE)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	smbsign_aes_ce_encrypt(&key->rk[0][0], key->rounds, out, in);
	return true;
}

/* One block of three XORed when @impl is ours. */
static inline bool smbsign_aes_encrypt3_arch(struct smbsign_run *run,
					     unsigned int impl,
					     const struct smbsign_aes_key *key,
					     u8 out[16], const u8 a[16],
					     const u8 b[16], const u8 c[16])
{
	if (impl != SMBSIGN_AES_CE)
		return false;
	smbsign_run_take(run, 0, SMBSIGN_AES_BLOCK_SIZE);
	smbsign_aes_ce_encrypt3(&key->rk[0][0], key->rounds, out, a, b, c);
	return true;
}

#endif /* _SMBSIGN_ARM64_AES_H */
