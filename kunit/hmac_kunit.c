// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's hmac(sha256): the registered driver through the
 * crypto API, every implementation this CPU runs through the core, and the
 * key cache that cifs's and ksmbd's per-message setkey meets.
 *
 * Vectors: kunit/hmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * HMAC L=32, RFC 4231, SymCrypt [HmacSha256], a derived SMB case;
 * provenance in tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include <smbsign/internal.h>

#include "hmac_vectors.h"
#include "shash_kunit.h"

#define MAX_LEN	4096

static int hmac_kunit_init(struct kunit *test)
{
	return smbsign_kunit_tfm_init(test, SMBSIGN_HMAC_DRIVER, MAX_LEN + 64,
				      false);
}

static bool hmac_tag_ok(const u8 *mac, const struct smbsign_hmac_vector *v)
{
	return !memcmp(mac, v->tag, v->tag_len);
}

/* What cifs and ksmbd get for "hmac(sha256)", after testmgr passed it. */
static void hmac_test_driver_is_chosen(struct kunit *test)
{
	struct crypto_shash *tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_shash_driver_name(tfm),
			   SMBSIGN_HMAC_DRIVER);
	KUNIT_EXPECT_TRUE(test, crypto_shash_tfm(tfm)->__crt_alg->cra_flags &
				CRYPTO_ALG_TESTED);
	crypto_free_shash(tfm);
}

static void hmac_test_vectors_shash(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 mac[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smbsign_hmac_vectors); i++) {
		const struct smbsign_hmac_vector *v = &smbsign_hmac_vectors[i];

		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v->key,
							  v->key_len), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, v->msg,
							  v->msg_len, mac), 0);
		KUNIT_EXPECT_EQ_MSG(test, hmac_tag_ok(mac, v), v->valid, "%s",
				    v->name);
	}
}

static void hmac_test_vectors_impls(struct kunit *test)
{
	struct smbsign_hmac_key *key;
	unsigned int i, n = 0;
	size_t j;

	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	for (i = 0; i < smbsign_hmac_nr_impls; i++) {
		const struct smbsign_hmac_impl *impl = smbsign_hmac_impls[i];

		if (!impl->available())
			continue;
		n++;
		for (j = 0; j < ARRAY_SIZE(smbsign_hmac_vectors); j++) {
			const struct smbsign_hmac_vector *v = &smbsign_hmac_vectors[j];
			struct smbsign_hmac_state st;
			u8 mac[32];

			smbsign_hmac_setkey(key, impl, v->key, v->key_len);
			smbsign_hmac_init(key, &st);
			smbsign_hmac_finup(key, &st, v->msg, v->msg_len, mac);
			KUNIT_EXPECT_EQ_MSG(test, hmac_tag_ok(mac, v), v->valid,
					    "%s/%s", impl->name, v->name);
		}
	}
	KUNIT_EXPECT_GE(test, n, 2);
}

/* Every split into init/update/update/finup around the block boundary. */
static void hmac_test_split_updates(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[20], want[32], got[32];
	size_t a, b, len = 130;

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, len);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, sizeof(key)), 0);
	crypto_shash_digest(ctx->desc, ctx->buf, len, want);
	for (a = 0; a <= len; a++) {
		for (b = a; b <= len; b += 3) {
			crypto_shash_init(ctx->desc);
			crypto_shash_update(ctx->desc, ctx->buf, a);
			crypto_shash_update(ctx->desc, ctx->buf + a, b - a);
			crypto_shash_finup(ctx->desc, ctx->buf + b, len - b, got);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 32), 0,
					    "split %zu/%zu", a, b);
		}
	}
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

/* shani gives generic's MAC for random keys (0..200 bytes) and input. */
static void hmac_test_generic_vs_simd(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_hmac_impl *simd = smbsign_hmac_best_impl();
	struct smbsign_hmac_key *kg, *ks;
	int n;

	if (!simd->simd)
		kunit_skip(test, "no SIMD implementation on this CPU");
	kg = kunit_kzalloc(test, sizeof(*kg), GFP_KERNEL);
	ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kg);
	KUNIT_ASSERT_NOT_NULL(test, ks);

	for (n = 0; n < 300; n++) {
		unsigned int klen = get_random_u32_below(201);
		size_t len = get_random_u32_below(MAX_LEN + 1);
		size_t off = get_random_u32_below(16);
		size_t cut = get_random_u32_below(len + 1);
		struct smbsign_hmac_state sg, ss;
		u8 key[200], mg[32], ms[32];

		get_random_bytes(key, klen);
		get_random_bytes(ctx->buf + off, len);
		smbsign_hmac_setkey(kg, &smbsign_hmac_generic, key, klen);
		smbsign_hmac_setkey(ks, simd, key, klen);
		KUNIT_ASSERT_EQ(test, memcmp(kg->istate, ks->istate, 32), 0);
		KUNIT_ASSERT_EQ(test, memcmp(kg->ostate, ks->ostate, 32), 0);
		smbsign_hmac_init(kg, &sg);
		smbsign_hmac_init(ks, &ss);
		smbsign_hmac_update(kg, &sg, ctx->buf + off, cut);
		smbsign_hmac_update(ks, &ss, ctx->buf + off, cut);
		smbsign_hmac_finup(kg, &sg, ctx->buf + off + cut, len - cut, mg);
		smbsign_hmac_finup(ks, &ss, ctx->buf + off + cut, len - cut, ms);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(mg, ms, 32), 0,
				    "key %u bytes, len %zu, offset %zu, cut %zu",
				    klen, len, off, cut);
	}
}

static void hmac_test_simd_unusable(struct kunit *test)
{
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16], other[16], want[32], got[32];
	int n;

	for (n = 0; n < 50; n++) {
		size_t len = get_random_u32_below(MAX_LEN + 1);

		get_random_bytes(key, sizeof(key));
		get_random_bytes(other, sizeof(other));
		get_random_bytes(ctx->buf, len);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, want);

		preempt_disable();
		__this_cpu_write(crypto_simd_disabled_for_test, true);
		crypto_shash_digest(ctx->desc, ctx->buf, len, got);
		/* A key set while SIMD is unusable works once it is back. */
		crypto_shash_setkey(ctx->tfm, other, 16);
		crypto_shash_setkey(ctx->tfm, key, 16);
		__this_cpu_write(crypto_simd_disabled_for_test, false);
		preempt_enable();
		KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 32), 0, "len %zu", len);
		crypto_shash_digest(ctx->desc, ctx->buf, len, got);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 32), 0, "len %zu", len);
	}
#else
	kunit_skip(test, "needs CONFIG_CRYPTO_SELFTESTS_FULL to switch SIMD off");
#endif
}

/*
 * The key cache, with the parameter on and off: the same key again gives
 * the same MAC; a changed byte or length never comes from the cache.
 */
static void hmac_test_key_cache(struct kunit *test)
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
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, 32), 0);
		/* One byte longer: a different key, not a cache hit. */
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 17), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_NE(test, memcmp(a, b, 32), 0);
		/* Back, then one bit off. */
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		key[15] ^= 1;
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_NE(test, memcmp(a, b, 32), 0);
		key[15] ^= 1;
		/* Keys longer than a block are hashed and never cached. */
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 80), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, a);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 80), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, 100, b);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, 32), 0);
	}
	WRITE_ONCE(smbsign_key_cache, saved);
}

/* One tfm, keyed once, used by several threads at once. */
static void hmac_test_concurrent_tfm(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16];

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, 130);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
	/* Lengths 0..129: empty, partial, whole and two blocks. */
	smbsign_kunit_concurrent(test, smbsign_kunit_digest, 130);
}

static struct kunit_case hmac_test_cases[] = {
	KUNIT_CASE(hmac_test_driver_is_chosen),
	KUNIT_CASE(hmac_test_vectors_shash),
	KUNIT_CASE(hmac_test_vectors_impls),
	KUNIT_CASE(hmac_test_split_updates),
	KUNIT_CASE(hmac_test_export_import),
	KUNIT_CASE(hmac_test_generic_vs_simd),
	KUNIT_CASE(hmac_test_simd_unusable),
	KUNIT_CASE(hmac_test_key_cache),
	KUNIT_CASE(hmac_test_concurrent_tfm),
	{}
};

static struct kunit_suite hmac_test_suite = {
	.name = "smbsign-hmac",
	.init = hmac_kunit_init,
	.exit = smbsign_kunit_tfm_exit,
	.test_cases = hmac_test_cases,
};

kunit_test_suite(hmac_test_suite);
