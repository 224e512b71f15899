// SPDX-License-Identifier: GPL-2.0
/*
 * The KUnit cases every smbsign algorithm runs (shash_kunit.h): through the
 * registered driver, as cifs and ksmbd use it, and through the core for
 * each implementation this CPU runs.
 */

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/internal/simd.h>
#include "shash_kunit.h"

int smbsign_kunit_init(struct kunit *test, const struct smbsign_kunit_alg *ka)
{
	struct smbsign_kunit_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	test->priv = ctx;
	ctx->ka = ka;
	ctx->alg = &smbsign_algs[ka->id];
	ctx->tfm = crypto_alloc_shash(ctx->alg->driver, 0, 0);
	if (IS_ERR(ctx->tfm)) {
		KUNIT_ASSERT_FALSE_MSG(test, ka->required, "%s: %ld",
				       ctx->alg->driver, PTR_ERR(ctx->tfm));
		kunit_skip(test, "%s not registered (%ld): no SIMD on this CPU?",
			   ctx->alg->driver, PTR_ERR(ctx->tfm));
	}
	ctx->desc = kunit_kzalloc(test, sizeof(*ctx->desc) +
				  crypto_shash_descsize(ctx->tfm), GFP_KERNEL);
	ctx->buf = kunit_kzalloc(test, ka->max_len + 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->desc);
	KUNIT_ASSERT_NOT_NULL(test, ctx->buf);
	ctx->desc->tfm = ctx->tfm;
	return 0;
}

void smbsign_kunit_exit(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;

	if (ctx && !IS_ERR_OR_NULL(ctx->tfm))
		crypto_free_shash(ctx->tfm);
}

unsigned int smbsign_kunit_random_key(const struct smbsign_kunit_alg *ka,
				      u8 *key)
{
	unsigned int len = ka->nr_key_lens ?
		ka->key_lens[get_random_u32_below(ka->nr_key_lens)] :
		get_random_u32_below(ka->max_key_len + 1);

	get_random_bytes(key, len);
	return len;
}

static bool smbsign_kunit_tag_ok(const u8 *mac,
				 const struct smbsign_kunit_vector *v)
{
	return !memcmp(mac, v->tag, v->tag_len);
}

/* What cifs and ksmbd get for the name, after testmgr passed it. */
void smbsign_kunit_driver_is_chosen(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct crypto_shash *tfm;

	tfm = crypto_alloc_shash(ctx->alg->crypto_name, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_shash_driver_name(tfm),
			   ctx->alg->driver);
	KUNIT_EXPECT_EQ(test, crypto_shash_digestsize(tfm),
			ctx->alg->mac->digest_size);
	KUNIT_EXPECT_TRUE(test, crypto_shash_tfm(tfm)->__crt_alg->cra_flags &
				CRYPTO_ALG_TESTED);
	crypto_free_shash(tfm);
}

void smbsign_kunit_vectors_shash(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_kunit_vector v;
	u8 mac[SMBSIGN_MAC_MAX_DIGEST];
	unsigned int i;

	for (i = 0; i < ctx->ka->nr_vectors; i++) {
		ctx->ka->vector(i, ctx->buf, &v);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v.key,
							  v.key_len), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf,
							  v.len, mac), 0);
		KUNIT_EXPECT_EQ_MSG(test, smbsign_kunit_tag_ok(mac, &v), v.valid,
				    "%s", v.name);
	}
}

/* Every implementation this CPU runs, through the core, on every vector. */
void smbsign_kunit_vectors_impls(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_mac *mac = ctx->alg->mac;
	const struct smbsign_impls *impls = mac->impls;
	u8 state[SMBSIGN_MAC_MAX_STATE], out[SMBSIGN_MAC_MAX_DIGEST];
	struct smbsign_kunit_vector v;
	unsigned int i, j, checked = 0;
	void *key;

	key = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		for (j = 0; j < ctx->ka->nr_vectors; j++) {
			ctx->ka->vector(j, ctx->buf, &v);
			KUNIT_ASSERT_EQ(test, mac->setkey(key, id, v.key,
							  v.key_len), 0);
			mac->init(key, state);
			KUNIT_ASSERT_GE(test, mac->finup(key, state, ctx->buf,
							 v.len, out), 0);
			KUNIT_EXPECT_EQ_MSG(test, smbsign_kunit_tag_ok(out, &v),
					    v.valid, "%s/%s",
					    smbsign_impl_name(ctx->alg, id), v.name);
			checked++;
		}
		kunit_info(test, "%s: %u vectors", smbsign_impl_name(ctx->alg, id),
			   ctx->ka->nr_vectors);
	}
	KUNIT_EXPECT_EQ(test, checked, impls->nr_supp * ctx->ka->nr_vectors);
	KUNIT_EXPECT_GE(test, checked, ctx->ka->nr_vectors);
}

/*
 * Every split into init/update/update/finup of the longest valid vector of
 * at most 80 bytes with a whole tag (inside gmac's nonce too).
 */
void smbsign_kunit_split_updates(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	unsigned int digest = ctx->alg->mac->digest_size, i, best = ~0U;
	struct smbsign_kunit_vector v;
	u8 mac[SMBSIGN_MAC_MAX_DIGEST];
	size_t a, b, len = 0;

	for (i = 0; i < ctx->ka->nr_vectors; i++) {
		ctx->ka->vector(i, ctx->buf, &v);
		if (v.valid && v.tag_len == digest && v.len <= 80 &&
		    (best == ~0U || v.len > len)) {
			best = i;
			len = v.len;
		}
	}
	KUNIT_ASSERT_NE(test, best, ~0U);
	ctx->ka->vector(best, ctx->buf, &v);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v.key, v.key_len), 0);
	for (a = 0; a <= v.len; a++) {
		for (b = a; b <= v.len; b++) {
			KUNIT_ASSERT_EQ(test, crypto_shash_init(ctx->desc), 0);
			crypto_shash_update(ctx->desc, ctx->buf, a);
			crypto_shash_update(ctx->desc, ctx->buf + a, b - a);
			KUNIT_ASSERT_EQ(test, crypto_shash_finup(ctx->desc,
								 ctx->buf + b,
								 v.len - b, mac), 0);
			KUNIT_ASSERT_TRUE_MSG(test, smbsign_kunit_tag_ok(mac, &v),
					      "%s split %zu/%zu", v.name, a, b);
		}
	}
}

/*
 * Each SIMD implementation gives generic's MAC on random keys, lengths,
 * alignments and a split, through the core.
 */
void smbsign_kunit_generic_vs_simd(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_kunit_alg *ka = ctx->ka;
	const struct smbsign_mac *mac = ctx->alg->mac;
	const struct smbsign_impls *impls = mac->impls;
	u8 sg[SMBSIGN_MAC_MAX_STATE], ss[SMBSIGN_MAC_MAX_STATE];
	u8 mg[SMBSIGN_MAC_MAX_DIGEST], ms[SMBSIGN_MAC_MAX_DIGEST];
	unsigned int i, n, tested = 0;
	void *kg, *ks;
	u8 *key;

	kg = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	ks = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	key = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kg);
	KUNIT_ASSERT_NOT_NULL(test, ks);
	KUNIT_ASSERT_NOT_NULL(test, key);
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		if (!impls->table[id].simd)
			continue;
		tested++;
		for (n = 0; n < 300; n++) {
			unsigned int klen = smbsign_kunit_random_key(ka, key);
			size_t len = mac->nonce_size +
				     get_random_u32_below(ka->max_len -
							  mac->nonce_size + 1);
			size_t off = get_random_u32_below(16);
			size_t cut = get_random_u32_below(len + 1);

			get_random_bytes(ctx->buf + off, len);
			KUNIT_ASSERT_EQ(test, mac->setkey(kg, SMBSIGN_IMPL_GENERIC,
							  key, klen), 0);
			KUNIT_ASSERT_EQ(test, mac->setkey(ks, id, key, klen), 0);
			mac->init(kg, sg);
			mac->init(ks, ss);
			mac->update(kg, sg, ctx->buf + off, cut);
			mac->update(ks, ss, ctx->buf + off, cut);
			mac->finup(kg, sg, ctx->buf + off + cut, len - cut, mg);
			mac->finup(ks, ss, ctx->buf + off + cut, len - cut, ms);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(mg, ms, mac->digest_size), 0,
					    "%s: key %u bytes, len %zu, offset %zu, cut %zu",
					    smbsign_impl_name(ctx->alg, id), klen,
					    len, off, cut);
		}
	}
	if (!tested)
		kunit_skip(test, "no SIMD implementation on this CPU");
}

/*
 * Where crypto_simd_usable() is false (e.g. in a hard interrupt) the
 * generic code must give the known answer from the key a SIMD
 * implementation set, and a key set there (a different key first, so
 * the key cache cannot serve it) must be right once SIMD is back.
 */
void smbsign_kunit_simd_unusable(struct kunit *test)
{
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_kunit_vector v;
	u8 other[32], mac[SMBSIGN_MAC_MAX_DIGEST];
	unsigned int i, checked = 0;
	bool ok[3];

	get_random_bytes(other, sizeof(other));
	for (i = 0; i < ctx->ka->nr_vectors; i++) {
		ctx->ka->vector(i, ctx->buf, &v);
		if (!v.valid)
			continue;
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v.key,
							  v.key_len), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, v.len, mac);
		ok[0] = smbsign_kunit_tag_ok(mac, &v);

		preempt_disable();
		__this_cpu_write(crypto_simd_disabled_for_test, true);
		ok[1] = !crypto_simd_usable();
		crypto_shash_digest(ctx->desc, ctx->buf, v.len, mac);
		ok[1] = ok[1] && smbsign_kunit_tag_ok(mac, &v);
		/* Another key, then the vector's again: both really set. */
		crypto_shash_setkey(ctx->tfm, other,
				    ctx->ka->nr_key_lens ? ctx->ka->key_lens[0] : 16);
		crypto_shash_setkey(ctx->tfm, v.key, v.key_len);
		__this_cpu_write(crypto_simd_disabled_for_test, false);
		preempt_enable();

		crypto_shash_digest(ctx->desc, ctx->buf, v.len, mac);
		ok[2] = smbsign_kunit_tag_ok(mac, &v);
		KUNIT_EXPECT_TRUE_MSG(test, ok[0], "%s: with SIMD", v.name);
		KUNIT_EXPECT_TRUE_MSG(test, ok[1], "%s: SIMD unusable", v.name);
		KUNIT_EXPECT_TRUE_MSG(test, ok[2], "%s: key set without SIMD",
				      v.name);
		checked++;
	}
	KUNIT_EXPECT_GE(test, checked, 10);
#else
	kunit_skip(test, "needs CONFIG_CRYPTO_SELFTESTS_FULL to switch SIMD off");
#endif
}

/*
 * The key cache, with the parameter on and off: the same key again gives
 * the same MAC; one bit off never comes from the cache.
 */
void smbsign_kunit_key_cache(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	unsigned int ds = ctx->alg->mac->digest_size;
	size_t len = ctx->alg->mac->nonce_size + 100;
	u8 key[16], a[SMBSIGN_MAC_MAX_DIGEST], b[SMBSIGN_MAC_MAX_DIGEST];
	bool saved = READ_ONCE(smbsign_key_cache);
	int pass;

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, len);
	for (pass = 0; pass < 2; pass++) {
		WRITE_ONCE(smbsign_key_cache, pass == 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, a);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, b);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, ds), 0);
		key[15] ^= 1;
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, b);
		KUNIT_EXPECT_NE(test, memcmp(a, b, ds), 0);
		key[15] ^= 1;
	}
	WRITE_ONCE(smbsign_key_cache, saved);
}

/* AES keys: every length but 16, 24 and 32 refused, the key unchanged. */
void smbsign_kunit_bad_key_lengths(struct kunit *test)
{
	static const unsigned int bad[] = { 0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64 };
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_mac *mac = ctx->alg->mac;
	unsigned int impl = smbsign_impls_widest(mac->impls);
	u8 k[64] = { 0x42 };
	void *key, *before;
	size_t i;

	key = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	before = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_EQ(test, mac->setkey(key, impl, k, 16), 0);
	memcpy(before, key, mac->key_size);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, crypto_shash_setkey(ctx->tfm, k, bad[i]),
				    -EINVAL, "key length %u", bad[i]);
		KUNIT_EXPECT_EQ(test, mac->setkey(key, impl, k, bad[i]), -EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(key, before, mac->key_size), 0);
	}
	/* An implementation id the table does not have: refused too. */
	KUNIT_EXPECT_EQ(test, mac->setkey(key, mac->impls->nr, k, 16), -EINVAL);
	KUNIT_EXPECT_EQ(test, memcmp(key, before, mac->key_size), 0);
}

struct shash_desc *smbsign_kunit_export_import(struct kunit *test,
					       size_t min_len, size_t max_len,
					       size_t step)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	unsigned int ds = crypto_shash_digestsize(ctx->tfm);
	u8 state[HASH_MAX_STATESIZE], want[HASH_MAX_DIGESTSIZE];
	u8 got[HASH_MAX_DIGESTSIZE];
	struct shash_desc *other;
	size_t len, cut;

	other = kunit_kzalloc(test, sizeof(*other) +
			      crypto_shash_descsize(ctx->tfm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	other->tfm = ctx->tfm;
	/* What 7.x's crypto API allows, and what the buffer here holds. */
	KUNIT_ASSERT_LE(test, crypto_shash_statesize(ctx->tfm), HASH_MAX_STATESIZE);
	KUNIT_ASSERT_LE(test, crypto_shash_descsize(ctx->tfm), HASH_MAX_DESCSIZE);

	for (len = min_len; len <= max_len; len += step) {
		get_random_bytes(ctx->buf, len);
		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf,
							  len, want), 0);
		for (cut = 0; cut <= len; cut++) {
			crypto_shash_init(ctx->desc);
			crypto_shash_update(ctx->desc, ctx->buf, cut);
			KUNIT_ASSERT_EQ(test, crypto_shash_export(ctx->desc, state), 0);
			/* Wreck the original: the import must carry everything. */
			crypto_shash_init(ctx->desc);
			crypto_shash_update(ctx->desc, ctx->buf, len);
			KUNIT_ASSERT_EQ(test, crypto_shash_import(other, state), 0);
			crypto_shash_finup(other, ctx->buf + cut, len - cut, got);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(got, want, ds), 0,
					    "len %zu cut %zu", len, cut);
		}
	}
	memzero_explicit(state, sizeof(state));
	return other;
}

/*
 * The race: threads sign at once while keys and implementations change
 * under them, and every MAC is checked against a reference computed
 * beforehand by the generic implementation through the core:
 *  - two threads share ctx->tfm, keyed once with key 0 (one transform
 *    serving many signers, as ksmbd's pool and cifs's channels do);
 *  - two threads each own a transform and set one of the keys before each
 *    MAC (cifs's pattern: setkey per message, the key cache in play);
 *  - one thread switches <alg>_impl through every implementation and
 *    fastest, as a write to the parameter does.
 * Message n is nonce_size + n bytes from buf + n, so that every gmac MAC
 * has a nonce of its own.
 */
#define RACE_KEYS	4
#define RACE_MSGS	48
#define RACE_ROUNDS	1500
#define RACE_SIGNERS	4

struct smbsign_race {
	struct smbsign_kunit_ctx *ctx;
	u8 keys[RACE_KEYS][32];
	unsigned int key_len[RACE_KEYS];
	u8 ref[RACE_KEYS][RACE_MSGS][SMBSIGN_MAC_MAX_DIGEST];
	struct completion switching;	/* the switcher made its first switch */
	bool stop;
};

struct smbsign_race_thread {
	struct smbsign_race *race;
	struct crypto_shash *own;	/* NULL: the shared ctx->tfm */
	unsigned int macs, errors;
	int err;
	struct completion done;
};

static int smbsign_race_signer(void *arg)
{
	struct smbsign_race_thread *t = arg;
	struct smbsign_race *race = t->race;
	struct smbsign_kunit_ctx *ctx = race->ctx;
	struct crypto_shash *tfm = t->own ? : ctx->tfm;
	unsigned int ds = ctx->alg->mac->digest_size;
	unsigned int nonce = ctx->alg->mac->nonce_size, i;
	SHASH_DESC_ON_STACK(desc, tfm);
	u8 mac[HASH_MAX_DIGESTSIZE];

	desc->tfm = tfm;
	wait_for_completion(&race->switching);
	for (i = 0; i < RACE_ROUNDS; i++) {
		unsigned int k = t->own ? get_random_u32_below(RACE_KEYS) : 0;
		unsigned int n = get_random_u32_below(RACE_MSGS);

		if (t->own && crypto_shash_setkey(tfm, race->keys[k],
						  race->key_len[k])) {
			t->err = -EINVAL;
			break;
		}
		t->err = crypto_shash_digest(desc, ctx->buf + n, nonce + n, mac);
		if (t->err)
			break;
		t->errors += !!memcmp(mac, race->ref[k][n], ds);
		t->macs++;
		/* Even on one CPU (UML) the switcher gets turns in between. */
		if (i % 100 == 99)
			schedule_timeout_uninterruptible(1);
	}
	shash_desc_zero(desc);
	complete(&t->done);
	return 0;
}

static int smbsign_race_switcher(void *arg)
{
	struct smbsign_race_thread *t = arg;
	struct smbsign_alg *alg = t->race->ctx->alg;
	const struct smbsign_impls *impls = alg->mac->impls;
	unsigned int i = 0;

	while (!READ_ONCE(t->race->stop)) {
		/* nr_supp + 1 choices: each implementation, then fastest. */
		WRITE_ONCE(alg->choice, i < impls->nr_supp ? impls->supp[i] : -1);
		i = (i + 1) % (impls->nr_supp + 1);
		if (!t->macs++)
			complete_all(&t->race->switching);
		cond_resched();
	}
	complete(&t->done);
	return 0;
}

void smbsign_kunit_race(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_mac *mac = ctx->alg->mac;
	int saved_choice = READ_ONCE(ctx->alg->choice);
	struct smbsign_race_thread *t;
	u8 state[SMBSIGN_MAC_MAX_STATE];
	struct smbsign_race *race;
	unsigned int i, n, started, errors = 0, macs = 0;
	void *key;

	race = kunit_kzalloc(test, sizeof(*race), GFP_KERNEL);
	t = kunit_kcalloc(test, RACE_SIGNERS + 1, sizeof(*t), GFP_KERNEL);
	key = kunit_kzalloc(test, mac->key_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, key);
	race->ctx = ctx;
	init_completion(&race->switching);
	get_random_bytes(ctx->buf, RACE_MSGS + mac->nonce_size);
	for (i = 0; i < RACE_KEYS; i++) {
		race->key_len[i] = ctx->ka->nr_key_lens ?
				   ctx->ka->key_lens[i % ctx->ka->nr_key_lens] :
				   16 + i;
		get_random_bytes(race->keys[i], race->key_len[i]);
		KUNIT_ASSERT_EQ(test, mac->setkey(key, SMBSIGN_IMPL_GENERIC,
						  race->keys[i],
						  race->key_len[i]), 0);
		for (n = 0; n < RACE_MSGS; n++) {
			mac->init(key, state);
			KUNIT_ASSERT_GE(test, mac->finup(key, state, ctx->buf + n,
							 mac->nonce_size + n,
							 race->ref[i][n]), 0);
		}
	}
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, race->keys[0],
						  race->key_len[0]), 0);

	/* The switcher first: the signers wait for its first switch. */
	for (started = 0; started <= RACE_SIGNERS; started++) {
		unsigned int k = (started + RACE_SIGNERS) % (RACE_SIGNERS + 1);
		struct smbsign_race_thread *th = &t[k];
		int (*fn)(void *) = k == RACE_SIGNERS ?
				    smbsign_race_switcher : smbsign_race_signer;

		th->race = race;
		init_completion(&th->done);
		if (k >= 2 && k < RACE_SIGNERS) {
			th->own = crypto_alloc_shash(ctx->alg->driver, 0, 0);
			if (IS_ERR(th->own)) {
				th->own = NULL;
				break;
			}
		}
		if (IS_ERR(kthread_run(fn, th, "smbsign-race%u", k))) {
			if (th->own)
				crypto_free_shash(th->own);
			break;
		}
	}
	/*
	 * Every thread started is waited for: they use the test's memory.
	 * Without a switcher, signers would wait for it forever: release them.
	 */
	if (!started)
		complete_all(&race->switching);
	for (i = 0; i + 1 < started; i++) {
		wait_for_completion(&t[i].done);
		errors += t[i].errors;
		macs += t[i].macs;
		KUNIT_EXPECT_EQ_MSG(test, t[i].err, 0, "signer %u", i);
	}
	WRITE_ONCE(race->stop, true);
	if (started)
		wait_for_completion(&t[RACE_SIGNERS].done);
	for (i = 0; i < RACE_SIGNERS; i++)
		if (t[i].own)
			crypto_free_shash(t[i].own);
	WRITE_ONCE(ctx->alg->choice, saved_choice);

	KUNIT_EXPECT_EQ(test, started, RACE_SIGNERS + 1);
	KUNIT_EXPECT_EQ(test, macs, RACE_SIGNERS * RACE_ROUNDS);
	KUNIT_EXPECT_GT(test, t[RACE_SIGNERS].macs, 0);
	KUNIT_EXPECT_EQ(test, errors, 0);
	kunit_info(test, "%u MACs against the reference, %u switches", macs,
		   t[RACE_SIGNERS].macs);
	memzero_explicit(state, sizeof(state));
}
