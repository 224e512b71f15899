// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's gmac(aes) (the first 12 bytes of the data are
 * the nonce): the cases of shash_kunit.c, short nonces, and the states
 * import must refuse. Under UML the host's VPCLMULQDQ (and AVX-512 where
 * it has it) run natively.
 *
 * Vectors: kunit/gmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * gcmEncryptExtIV128 PTlen=0, the GCM specification's test case 1,
 * SymCrypt [AesGcm] entries with empty plaintext, derived SMB cases;
 * provenance in tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/string.h>
#include <smbsign/gmac.h>

#include "gmac_vectors.h"
#include "shash_kunit.h"

#define NONCE	SMBSIGN_GMAC_NONCE_SIZE

/* nonce || message of vector @i into @buf. */
static void gmac_kunit_vector(unsigned int i, u8 *buf,
			      struct smbsign_kunit_vector *v)
{
	const struct smbsign_gmac_vector *g = &smbsign_gmac_vectors[i];

	*v = (struct smbsign_kunit_vector){
		.name = g->name, .key = g->key, .key_len = g->key_len,
		.tag = g->tag, .tag_len = g->tag_len,
		.len = NONCE + g->aad_len, .valid = g->valid,
	};
	memcpy(buf, g->nonce, NONCE);
	if (g->aad_len)
		memcpy(buf + NONCE, g->aad, g->aad_len);
}

static const unsigned int gmac_kunit_key_lens[] = { 16, 24, 32 };

static const struct smbsign_kunit_alg gmac_kunit_alg = {
	.id		= SMBSIGN_GMAC,
	.nr_vectors	= ARRAY_SIZE(smbsign_gmac_vectors),
	.vector		= gmac_kunit_vector,
	.max_len	= NONCE + 4096,
	.key_lens	= gmac_kunit_key_lens,
	.nr_key_lens	= ARRAY_SIZE(gmac_kunit_key_lens),
	.required	= true,
};

static int gmac_kunit_init(struct kunit *test)
{
	return smbsign_kunit_init(test, &gmac_kunit_alg);
}

static void gmac_test_export_import(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_gmac_state *st;
	u8 key[32], state[HASH_MAX_STATESIZE];
	struct shash_desc *other;

	get_random_bytes(key, sizeof(key));
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 32), 0);
	other = smbsign_kunit_export_import(test, NONCE, 120, 9);

	/* States that cannot have been exported are refused. */
	st = (struct smbsign_gmac_state *)state;
	crypto_shash_init(ctx->desc);
	crypto_shash_update(ctx->desc, ctx->buf, 20);
	crypto_shash_export(ctx->desc, state);
	st->buf_len = 16;
	KUNIT_EXPECT_EQ(test, crypto_shash_import(other, state), -EINVAL);
	crypto_shash_export(ctx->desc, state);
	st->nonce_len = 13;
	KUNIT_EXPECT_EQ(test, crypto_shash_import(other, state), -EINVAL);
}

/* A MAC needs the whole nonce: fewer than 12 bytes is -EINVAL. */
static void gmac_test_short_nonce(struct kunit *test)
{
	static const unsigned int short_nonce[] = { 0, 1, 11 };
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 k[16] = { 0x42 }, mac[16];
	size_t i;

	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, k, 16), 0);
	for (i = 0; i < ARRAY_SIZE(short_nonce); i++) {
		KUNIT_EXPECT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf,
							  short_nonce[i], mac),
				-EINVAL);
		crypto_shash_init(ctx->desc);
		crypto_shash_update(ctx->desc, ctx->buf, short_nonce[i]);
		KUNIT_EXPECT_EQ(test, crypto_shash_final(ctx->desc, mac), -EINVAL);
	}
	KUNIT_EXPECT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf, NONCE, mac),
			0);
}

static struct kunit_case gmac_test_cases[] = {
	KUNIT_CASE(smbsign_kunit_driver_is_chosen),
	KUNIT_CASE(smbsign_kunit_vectors_shash),
	KUNIT_CASE(smbsign_kunit_vectors_impls),
	KUNIT_CASE(smbsign_kunit_split_updates),
	KUNIT_CASE(gmac_test_export_import),
	KUNIT_CASE(smbsign_kunit_generic_vs_simd),
	KUNIT_CASE(smbsign_kunit_bad_key_lengths),
	KUNIT_CASE(gmac_test_short_nonce),
	KUNIT_CASE(smbsign_kunit_simd_unusable),
	KUNIT_CASE(smbsign_kunit_key_cache),
	KUNIT_CASE(smbsign_kunit_race),
	{}
};

static struct kunit_suite gmac_test_suite = {
	.name = "smbsign-gmac",
	.init = gmac_kunit_init,
	.exit = smbsign_kunit_exit,
	.test_cases = gmac_test_cases,
};

kunit_test_suite(gmac_test_suite);
