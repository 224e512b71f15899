// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's hmac(sha256): the cases of shash_kunit.c, the
 * states import must refuse, and the key cache with keys of any length.
 *
 * Vectors: kunit/hmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * HMAC L=32, RFC 4231, SymCrypt [HmacSha256], a derived SMB case;
 * provenance in tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/string.h>
#include <smbsign/hmac.h>

#include "hmac_vectors.h"
#include "shash_kunit.h"

static void hmac_kunit_vector(unsigned int i, u8 *buf,
			      struct smbsign_kunit_vector *v)
{
	const struct smbsign_hmac_vector *h = &smbsign_hmac_vectors[i];

	*v = (struct smbsign_kunit_vector){
		.name = h->name, .key = h->key, .key_len = h->key_len,
		.tag = h->tag, .tag_len = h->tag_len, .len = h->msg_len,
		.valid = h->valid,
	};
	if (h->msg_len)
		memcpy(buf, h->msg, h->msg_len);
}

/* Any key length is valid: random keys take 0..200 bytes. */
static const struct smbsign_kunit_alg hmac_kunit_alg = {
	.id		= SMBSIGN_HMAC,
	.nr_vectors	= ARRAY_SIZE(smbsign_hmac_vectors),
	.vector		= hmac_kunit_vector,
	.max_len	= 4096,
	.max_key_len	= 200,
};

static int hmac_kunit_init(struct kunit *test)
{
	return smbsign_kunit_init(test, &hmac_kunit_alg);
}

static void hmac_test_export_import(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[32], state[HASH_MAX_STATESIZE];
	struct shash_desc *other;

	get_random_bytes(key, sizeof(key));
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 32), 0);
	other = smbsign_kunit_export_import(test, 0, 200, 13);

	/* A state without its key block cannot have been exported. */
	crypto_shash_init(ctx->desc);
	crypto_shash_export(ctx->desc, state);
	((struct smbsign_hmac_state *)state)->len = 10;
	KUNIT_EXPECT_EQ(test, crypto_shash_import(other, state), -EINVAL);
}

/*
 * The key cache beyond AES's fixed lengths: one byte longer is a different
 * key, and keys longer than a block are hashed and never cached.
 */
static void hmac_test_key_cache_lengths(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	bool saved = READ_ONCE(smbsign_key_cache);
	u8 key[80], a[32], b[32];
	int pass;

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, 100);
	for (pass = 0; pass < 2; pass++) {
		WRITE_ONCE(smbsign_key_cache, pass == 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, a);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 17), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_NE(test, memcmp(a, b, 32), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 80), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, a);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 80), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, 32), 0);
		key[79] ^= 1;
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 80), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_NE(test, memcmp(a, b, 32), 0);
		key[79] ^= 1;
	}
	WRITE_ONCE(smbsign_key_cache, saved);
}

static struct kunit_case hmac_test_cases[] = {
	KUNIT_CASE(smbsign_kunit_driver_is_chosen),
	KUNIT_CASE(smbsign_kunit_vectors_shash),
	KUNIT_CASE(smbsign_kunit_vectors_impls),
	KUNIT_CASE(smbsign_kunit_split_updates),
	KUNIT_CASE(hmac_test_export_import),
	KUNIT_CASE(smbsign_kunit_generic_vs_simd),
	KUNIT_CASE(smbsign_kunit_simd_unusable),
	KUNIT_CASE(smbsign_kunit_key_cache),
	KUNIT_CASE(hmac_test_key_cache_lengths),
	KUNIT_CASE(smbsign_kunit_race),
	{}
};

static struct kunit_suite hmac_test_suite = {
	.name = "smbsign-hmac",
	.init = hmac_kunit_init,
	.exit = smbsign_kunit_exit,
	.test_cases = hmac_test_cases,
};

kunit_test_suite(hmac_test_suite);
