// SPDX-License-Identifier: GPL-2.0
/*
 * The MACs (include/smbsign/mac.h): each mode's operations, sizes and
 * implementations, in one table, for whatever drives them generically.
 *
 * Each default fpu_bytes is the largest power of two whose section stays
 * within 50 us at the speed of the slowest SIMD implementation measured on
 * a Zen 3 EPYC (Documentation/performance.rst, "SIMD section size"):
 * aesni 1.13 GB/s (29 us), pclmul 4.9 GB/s (27 us), shani 1.39 GB/s (47 us).
 */

#include <linux/build_bug.h>
#include <linux/string.h>
#include <smbsign/cmac.h>
#include <smbsign/gmac.h>
#include <smbsign/hmac.h>
#include <smbsign/mac.h>

static_assert(sizeof(struct smbsign_cmac_state) <= SMBSIGN_MAC_MAX_STATE);
static_assert(sizeof(struct smbsign_gmac_state) <= SMBSIGN_MAC_MAX_STATE);
static_assert(sizeof(struct smbsign_hmac_state) <= SMBSIGN_MAC_MAX_STATE);
static_assert(SMBSIGN_HMAC_DIGEST_SIZE <= SMBSIGN_MAC_MAX_DIGEST);

struct smbsign_mac smbsign_macs[SMBSIGN_NR_MACS] = {
	[SMBSIGN_CMAC] = {
		.name		= "cmac",
		.impls		= &smbsign_aes_impls,
		.fpu_bytes	= 32768,
		.key_size	= sizeof(struct smbsign_cmac_key),
		.state_size	= sizeof(struct smbsign_cmac_state),
		.digest_size	= SMBSIGN_CMAC_DIGEST_SIZE,
		.block_size	= SMBSIGN_AES_BLOCK_SIZE,
		SMBSIGN_MAC_OPS(cmac),
	},
	[SMBSIGN_GMAC] = {
		.name		= "gmac",
		.impls		= &smbsign_ghash_impls,
		.fpu_bytes	= 131072,
		.key_size	= sizeof(struct smbsign_gmac_key),
		.state_size	= sizeof(struct smbsign_gmac_state),
		.digest_size	= SMBSIGN_GMAC_DIGEST_SIZE,
		.block_size	= 1,
		.nonce_size	= SMBSIGN_GMAC_NONCE_SIZE,
		SMBSIGN_MAC_OPS(gmac),
		.msg_bytes	= smbsign_gmac_msg_bytes,
	},
	[SMBSIGN_HMAC] = {
		.name		= "hmac",
		.impls		= &smbsign_sha256_impls,
		.fpu_bytes	= 65536,
		.key_size	= sizeof(struct smbsign_hmac_key),
		.state_size	= sizeof(struct smbsign_hmac_state),
		.digest_size	= SMBSIGN_HMAC_DIGEST_SIZE,
		.block_size	= SMBSIGN_SHA256_BLOCK_SIZE,
		SMBSIGN_MAC_OPS(hmac),
	},
};

void smbsign_macs_init(void)
{
	struct smbsign_impls *const layers[] = {
		&smbsign_aes_impls, &smbsign_ghash_impls, &smbsign_sha256_impls,
	};
	unsigned int i;

	/* Once: a list always holds generic once filled, and may shrink after. */
	for (i = 0; i < ARRAY_SIZE(layers); i++)
		if (!layers[i]->nr_supp)
			smbsign_impls_init(layers[i]);
}

struct smbsign_mac *smbsign_mac_lookup(const char *name)
{
	unsigned int i;

	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		if (!strcmp(smbsign_macs[i].name, name))
			return &smbsign_macs[i];
	return NULL;
}
