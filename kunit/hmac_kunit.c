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
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include <smbsign/internal.h>

#include "hmac_vectors.h"

#define MAX_LEN	4096

struct hmac_kunit_ctx {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
	u8 *buf;	/* MAX_LEN + 64 bytes of scratch */
};

static int hmac_kunit_init(struct kunit *test)
{
	struct hmac_kunit_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->tfm = crypto_alloc_shash(SMBSIGN_HMAC_DRIVER, 0, 0);
	if (IS_ERR(ctx->tfm))
		kunit_skip(test, "%s not registered (%ld): no SHA-NI on this CPU?",
			   SMBSIGN_HMAC_DRIVER, PTR_ERR(ctx->tfm));
	ctx->desc = kunit_kzalloc(test, sizeof(*ctx->desc) +
				  crypto_shash_descsize(ctx->tfm), GFP_KERNEL);
	ctx->buf = kunit_kzalloc(test, MAX_LEN + 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->desc);
	KUNIT_ASSERT_NOT_NULL(test, ctx->buf);
	ctx->desc->tfm = ctx->tfm;
	test->priv = ctx;
	return 0;
}

static void hmac_kunit_exit(struct kunit *test)
{
	struct hmac_kunit_ctx *ctx = test->priv;

	if (ctx && !IS_ERR_OR_NULL(ctx->tfm))
		crypto_free_shash(ctx->tfm);
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
	struct hmac_kunit_ctx *ctx = test->priv;
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
	struct hmac_kunit_ctx *ctx = test->priv;
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
	struct hmac_kunit_ctx *ctx = test->priv;
	struct shash_desc *other;
	u8 key[32], state[HASH_MAX_STATESIZE], want[32], got[32];
	size_t len, cut;

	other = kunit_kzalloc(test, sizeof(*other) +
			      crypto_shash_descsize(ctx->tfm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	other->tfm = ctx->tfm;
	KUNIT_ASSERT_LE(test, crypto_shash_statesize(ctx->tfm), sizeof(state));
	KUNIT_ASSERT_LE(test, crypto_shash_descsize(ctx->tfm), HASH_MAX_DESCSIZE);

	get_random_bytes(key, sizeof(key));
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 32), 0);
	for (len = 0; len <= 200; len += 13) {
		get_random_bytes(ctx->buf, len);
		crypto_shash_digest(ctx->desc, ctx->buf, len, want);
		for (cut = 0; cut <= len; cut++) {
			crypto_shash_init(ctx->desc);
			crypto_shash_update(ctx->desc, ctx->buf, cut);
			KUNIT_ASSERT_EQ(test, crypto_shash_export(ctx->desc, state), 0);
			crypto_shash_init(ctx->desc);
			crypto_shash_update(ctx->desc, ctx->buf, len);
			KUNIT_ASSERT_EQ(test, crypto_shash_import(other, state), 0);
			crypto_shash_finup(other, ctx->buf + cut, len - cut, got);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, 32), 0,
					    "len %zu cut %zu", len, cut);
		}
	}

	/* A state without its key block cannot have been exported. */
	crypto_shash_init(ctx->desc);
	crypto_shash_export(ctx->desc, state);
	((struct smbsign_hmac_state *)state)->len = 10;
	KUNIT_EXPECT_EQ(test, crypto_shash_import(other, state), -EINVAL);
}

/* shani gives generic's MAC for random keys (0..200 bytes) and input. */
static void hmac_test_generic_vs_simd(struct kunit *test)
{
	struct hmac_kunit_ctx *ctx = test->priv;
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
	struct hmac_kunit_ctx *ctx = test->priv;
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
	struct hmac_kunit_ctx *ctx = test->priv;
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

struct hmac_kunit_thread {
	struct crypto_shash *tfm;
	const u8 *msg;
	const u8 *want;
	int errors;
	struct completion done;
};

static int hmac_kunit_worker(void *arg)
{
	struct hmac_kunit_thread *t = arg;
	SHASH_DESC_ON_STACK(desc, t->tfm);
	u8 mac[32];
	int i;

	desc->tfm = t->tfm;
	for (i = 0; i < 5000; i++) {
		size_t len = i % 130;

		crypto_shash_digest(desc, t->msg, len, mac);
		if (memcmp(mac, t->want + 32 * len, 32))
			t->errors++;
		if (len == 129)
			cond_resched();
	}
	complete(&t->done);
	return 0;
}

/* One tfm, keyed once, used by several threads at once. */
static void hmac_test_concurrent_tfm(struct kunit *test)
{
	struct hmac_kunit_ctx *ctx = test->priv;
	struct hmac_kunit_thread *t;
	u8 key[16], *want;
	int i, errors = 0;

	t = kunit_kcalloc(test, 4, sizeof(*t), GFP_KERNEL);
	want = kunit_kzalloc(test, 130 * 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, want);
	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, 130);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
	for (i = 0; i < 130; i++)
		crypto_shash_digest(ctx->desc, ctx->buf, i, want + 32 * i);

	for (i = 0; i < 4; i++) {
		struct task_struct *task;

		t[i].tfm = ctx->tfm;
		t[i].msg = ctx->buf;
		t[i].want = want;
		init_completion(&t[i].done);
		task = kthread_run(hmac_kunit_worker, &t[i], "smbsign-hmac%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	}
	for (i = 0; i < 4; i++) {
		wait_for_completion(&t[i].done);
		errors += t[i].errors;
	}
	KUNIT_EXPECT_EQ(test, errors, 0);
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
	.exit = hmac_kunit_exit,
	.test_cases = hmac_test_cases,
};

kunit_test_suite(hmac_test_suite);
