// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's cmac(aes): the registered driver through the
 * crypto API, and every implementation this CPU runs through the core.
 *
 * Vectors: kunit/cmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * CMACGen/CMACVer AES-128, RFC 4493, SymCrypt [AesCmac]; provenance in
 * tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include <smbsign/internal.h>

#include "cmac_vectors.h"
#include "shash_kunit.h"

#define MAX_LEN	2048

static int smbsign_kunit_init(struct kunit *test)
{
	return smbsign_kunit_tfm_init(test, SMBSIGN_CMAC_DRIVER, MAX_LEN + 64,
				      false);
}

static bool tag_ok(const u8 *mac, const struct smbsign_cmac_vector *v)
{
	return !memcmp(mac, v->tag, v->tag_len);
}

/* The registered driver is what cifs and ksmbd get for "cmac(aes)". */
static void smbsign_test_driver_is_chosen(struct kunit *test)
{
	struct crypto_shash *tfm = crypto_alloc_shash("cmac(aes)", 0, 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_shash_driver_name(tfm),
			   SMBSIGN_CMAC_DRIVER);
	/* Chosen only after the kernel's own self-tests (testmgr) passed. */
	KUNIT_EXPECT_TRUE(test, crypto_shash_tfm(tfm)->__crt_alg->cra_flags &
				CRYPTO_ALG_TESTED);
	crypto_free_shash(tfm);
}

static void smbsign_test_vectors_shash(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 mac[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smbsign_cmac_vectors); i++) {
		const struct smbsign_cmac_vector *v = &smbsign_cmac_vectors[i];

		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v->key,
							  v->key_len), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, v->msg,
							  v->msg_len, mac), 0);
		KUNIT_EXPECT_EQ_MSG(test, tag_ok(mac, v), v->valid, "%s", v->name);
	}
}

/* Every implementation this CPU runs, through the core, on every vector. */
static void smbsign_test_vectors_impls(struct kunit *test)
{
	struct smbsign_cmac_key *key;
	unsigned int i, n = 0;
	size_t j;

	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	for (i = 0; i < smbsign_cmac_nr_impls; i++) {
		const struct smbsign_cmac_impl *impl = smbsign_cmac_impls[i];

		if (!impl->available())
			continue;
		n++;
		for (j = 0; j < ARRAY_SIZE(smbsign_cmac_vectors); j++) {
			const struct smbsign_cmac_vector *v = &smbsign_cmac_vectors[j];
			struct smbsign_cmac_state st;
			u8 mac[16];

			KUNIT_ASSERT_EQ(test, smbsign_cmac_setkey(key, impl, v->key,
								  v->key_len), 0);
			smbsign_cmac_init(&st);
			smbsign_cmac_finup(key, &st, v->msg, v->msg_len, mac);
			KUNIT_EXPECT_EQ_MSG(test, tag_ok(mac, v), v->valid, "%s/%s",
					    impl->name, v->name);
		}
	}
	kunit_info(test, "%u implementations checked", n);
}

/* Every split of a message into init/update/update/final. */
static void smbsign_test_split_updates(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_cmac_vector *v = NULL;
	u8 mac[16];
	size_t i, a, b;

	/* The longest valid vector with a 16-byte tag. */
	for (i = 0; i < ARRAY_SIZE(smbsign_cmac_vectors); i++) {
		const struct smbsign_cmac_vector *c = &smbsign_cmac_vectors[i];

		if (c->valid && c->tag_len == 16 && c->msg_len <= 80 &&
		    (!v || c->msg_len > v->msg_len))
			v = c;
	}
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v->key, v->key_len), 0);
	for (a = 0; a <= v->msg_len; a++) {
		for (b = a; b <= v->msg_len; b++) {
			KUNIT_ASSERT_EQ(test, crypto_shash_init(ctx->desc), 0);
			crypto_shash_update(ctx->desc, v->msg, a);
			crypto_shash_update(ctx->desc, v->msg + a, b - a);
			crypto_shash_finup(ctx->desc, v->msg + b, v->msg_len - b, mac);
			KUNIT_ASSERT_TRUE_MSG(test, tag_ok(mac, v), "%s split %zu/%zu",
					      v->name, a, b);
		}
	}
}

static void smbsign_test_export_import(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[32], state[HASH_MAX_STATESIZE];
	struct shash_desc *other;

	get_random_bytes(key, sizeof(key));
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 32), 0);
	other = smbsign_kunit_export_import(test, 0, 100, 7);

	/* A state that cannot have been exported is refused. */
	crypto_shash_init(ctx->desc);
	crypto_shash_export(ctx->desc, state);
	((struct smbsign_cmac_state *)state)->buf_len = 17;
	KUNIT_EXPECT_EQ(test, crypto_shash_import(other, state), -EINVAL);
}

/* Generic and SIMD give the same MAC on random keys, lengths, offsets. */
static void smbsign_test_generic_vs_simd(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_cmac_impl *simd = smbsign_cmac_best_impl();
	struct smbsign_cmac_key *kg, *ks;
	int n;

	if (!simd->simd)
		kunit_skip(test, "no SIMD implementation on this CPU");
	kg = kunit_kzalloc(test, sizeof(*kg), GFP_KERNEL);
	ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kg);
	KUNIT_ASSERT_NOT_NULL(test, ks);

	for (n = 0; n < 500; n++) {
		static const unsigned int klens[] = { 16, 24, 32 };
		unsigned int klen = klens[get_random_u32_below(3)];
		size_t len = get_random_u32_below(MAX_LEN + 1);
		size_t off = get_random_u32_below(16);
		size_t cut = get_random_u32_below(len + 1);
		struct smbsign_cmac_state sg, ss;
		u8 key[32], mg[16], ms[16];

		get_random_bytes(key, klen);
		get_random_bytes(ctx->buf + off, len);
		KUNIT_ASSERT_EQ(test, smbsign_cmac_setkey(kg, &smbsign_cmac_generic,
							  key, klen), 0);
		KUNIT_ASSERT_EQ(test, smbsign_cmac_setkey(ks, simd, key, klen), 0);
		/* Both schedules give the same FIPS-197 round keys. */
		KUNIT_ASSERT_EQ(test, kg->aes.rounds, ks->aes.rounds);
		KUNIT_ASSERT_EQ(test, memcmp(kg->aes.rk, ks->aes.rk,
					     16 * (kg->aes.rounds + 1)), 0);
		smbsign_cmac_init(&sg);
		smbsign_cmac_init(&ss);
		smbsign_cmac_update(kg, &sg, ctx->buf + off, cut);
		smbsign_cmac_update(ks, &ss, ctx->buf + off, cut);
		smbsign_cmac_finup(kg, &sg, ctx->buf + off + cut, len - cut, mg);
		smbsign_cmac_finup(ks, &ss, ctx->buf + off + cut, len - cut, ms);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(mg, ms, 16), 0,
				    "key %u bytes, len %zu, offset %zu, cut %zu",
				    klen, len, off, cut);
	}
}

static void smbsign_test_bad_key_lengths(struct kunit *test)
{
	static const unsigned int bad[] = { 0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64 };
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_cmac_key *key, *before;
	u8 k[64] = { 0x42 };
	size_t i;

	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	before = kunit_kzalloc(test, sizeof(*before), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_EQ(test, smbsign_cmac_setkey(key, smbsign_cmac_best_impl(),
						  k, 16), 0);
	memcpy(before, key, sizeof(*key));

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, crypto_shash_setkey(ctx->tfm, k, bad[i]),
				    -EINVAL, "key length %u", bad[i]);
		KUNIT_EXPECT_EQ(test, smbsign_cmac_setkey(key, smbsign_cmac_best_impl(),
							  k, bad[i]), -EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(key, before, sizeof(*key)), 0);
	}
}

/*
 * The path taken when crypto_simd_usable() is false (e.g. in hard IRQ
 * context): the generic code must give the same MAC from the same key.
 */
static void smbsign_test_simd_unusable(struct kunit *test)
{
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16], want[16], got[16];
	int n;

	for (n = 0; n < 50; n++) {
		size_t len = get_random_u32_below(MAX_LEN + 1);

		get_random_bytes(key, sizeof(key));
		get_random_bytes(ctx->buf, len);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, want);

		preempt_disable();
		__this_cpu_write(crypto_simd_disabled_for_test, true);
		KUNIT_EXPECT_FALSE(test, crypto_simd_usable());
		crypto_shash_digest(ctx->desc, ctx->buf, len, got);
		/* A key set while SIMD is unusable works once it is back. */
		crypto_shash_setkey(ctx->tfm, key, 8);
		crypto_shash_setkey(ctx->tfm, key, 16);
		__this_cpu_write(crypto_simd_disabled_for_test, false);
		preempt_enable();
		KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 16), 0, "len %zu", len);
		crypto_shash_digest(ctx->desc, ctx->buf, len, got);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 16), 0, "len %zu", len);
	}
#else
	kunit_skip(test, "needs CONFIG_CRYPTO_SELFTESTS_FULL to switch SIMD off");
#endif
}

/* The key cache must never serve a different key. */
static void smbsign_test_key_cache(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_cmac_vector *v = &smbsign_cmac_vectors[0];
	u8 key[32], a[16], b[16];
	int i;

	for (i = 0; i < ARRAY_SIZE(smbsign_cmac_vectors); i++)
		if (smbsign_cmac_vectors[i].valid)
			break;
	v = &smbsign_cmac_vectors[i];
	memcpy(key, v->key, v->key_len);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, v->key_len), 0);
	crypto_shash_digest(ctx->desc, v->msg, v->msg_len, a);
	KUNIT_ASSERT_TRUE(test, tag_ok(a, v));
	/* Same bytes again: a cache hit, same answer. */
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, v->key_len), 0);
	crypto_shash_digest(ctx->desc, v->msg, v->msg_len, b);
	KUNIT_EXPECT_EQ(test, memcmp(a, b, 16), 0);
	/* One bit off: a different MAC. */
	key[v->key_len - 1] ^= 1;
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, v->key_len), 0);
	crypto_shash_digest(ctx->desc, v->msg, v->msg_len, b);
	KUNIT_EXPECT_NE(test, memcmp(a, b, 16), 0);
}

/* One tfm, keyed once, used by several threads at once. */
static void smbsign_test_concurrent_tfm(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16];

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, 64);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
	smbsign_kunit_concurrent(test, smbsign_kunit_digest, 64);
}

static struct kunit_case smbsign_cmac_test_cases[] = {
	KUNIT_CASE(smbsign_test_driver_is_chosen),
	KUNIT_CASE(smbsign_test_vectors_shash),
	KUNIT_CASE(smbsign_test_vectors_impls),
	KUNIT_CASE(smbsign_test_split_updates),
	KUNIT_CASE(smbsign_test_export_import),
	KUNIT_CASE(smbsign_test_generic_vs_simd),
	KUNIT_CASE(smbsign_test_bad_key_lengths),
	KUNIT_CASE(smbsign_test_simd_unusable),
	KUNIT_CASE(smbsign_test_key_cache),
	KUNIT_CASE(smbsign_test_concurrent_tfm),
	{}
};

static struct kunit_suite smbsign_cmac_test_suite = {
	.name = "smbsign-cmac",
	.init = smbsign_kunit_init,
	.exit = smbsign_kunit_tfm_exit,
	.test_cases = smbsign_cmac_test_cases,
};

kunit_test_suite(smbsign_cmac_test_suite);
