// SPDX-License-Identifier: GPL-2.0
/* Test scaffolding shared by smbsign's KUnit suites (shash_kunit.h). */

#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "shash_kunit.h"

int smbsign_kunit_tfm_init(struct kunit *test, const char *driver,
			   size_t buf_len, bool required)
{
	struct smbsign_kunit_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	test->priv = ctx;
	ctx->tfm = crypto_alloc_shash(driver, 0, 0);
	if (IS_ERR(ctx->tfm)) {
		KUNIT_ASSERT_FALSE_MSG(test, required, "%s: %ld", driver,
				       PTR_ERR(ctx->tfm));
		kunit_skip(test, "%s not registered (%ld): no SIMD on this CPU?",
			   driver, PTR_ERR(ctx->tfm));
	}
	ctx->desc = kunit_kzalloc(test, sizeof(*ctx->desc) +
				  crypto_shash_descsize(ctx->tfm), GFP_KERNEL);
	ctx->buf = kunit_kzalloc(test, buf_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->desc);
	KUNIT_ASSERT_NOT_NULL(test, ctx->buf);
	ctx->desc->tfm = ctx->tfm;
	return 0;
}

void smbsign_kunit_tfm_exit(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;

	if (ctx && !IS_ERR_OR_NULL(ctx->tfm))
		crypto_free_shash(ctx->tfm);
}

#define SMBSIGN_KUNIT_THREADS	4
#define SMBSIGN_KUNIT_ROUNDS	5000

struct smbsign_kunit_thread {
	struct crypto_shash *tfm;
	smbsign_kunit_mac_fn mac;
	const u8 *buf;
	const u8 *want;		/* ncases answers of digestsize bytes */
	unsigned int ncases;
	int errors;
	struct completion done;
};

static int smbsign_kunit_worker(void *arg)
{
	struct smbsign_kunit_thread *t = arg;
	unsigned int ds = crypto_shash_digestsize(t->tfm), i;
	SHASH_DESC_ON_STACK(desc, t->tfm);
	u8 mac[HASH_MAX_DIGESTSIZE];

	desc->tfm = t->tfm;
	for (i = 0; i < SMBSIGN_KUNIT_ROUNDS; i++) {
		unsigned int n = i % t->ncases;

		t->mac(desc, t->buf, n, mac);
		if (memcmp(mac, t->want + ds * n, ds))
			t->errors++;
		if (n == t->ncases - 1)
			cond_resched();
	}
	complete(&t->done);
	return 0;
}

void smbsign_kunit_concurrent(struct kunit *test, smbsign_kunit_mac_fn mac,
			      unsigned int ncases)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	unsigned int ds = crypto_shash_digestsize(ctx->tfm), i, started;
	struct smbsign_kunit_thread *t;
	int errors = 0;
	u8 *want;

	t = kunit_kcalloc(test, SMBSIGN_KUNIT_THREADS, sizeof(*t), GFP_KERNEL);
	want = kunit_kzalloc(test, ncases * ds, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, want);
	for (i = 0; i < ncases; i++)
		mac(ctx->desc, ctx->buf, i, want + ds * i);

	for (started = 0; started < SMBSIGN_KUNIT_THREADS; started++) {
		struct smbsign_kunit_thread *th = &t[started];

		*th = (struct smbsign_kunit_thread){
			.tfm = ctx->tfm, .mac = mac, .buf = ctx->buf,
			.want = want, .ncases = ncases,
		};
		init_completion(&th->done);
		if (IS_ERR(kthread_run(smbsign_kunit_worker, th,
				       "smbsign-kunit%u", started)))
			break;
	}
	/* Every thread started is waited for: they use the test's memory. */
	for (i = 0; i < started; i++) {
		wait_for_completion(&t[i].done);
		errors += t[i].errors;
	}
	KUNIT_EXPECT_EQ(test, started, SMBSIGN_KUNIT_THREADS);
	KUNIT_EXPECT_EQ(test, errors, 0);
}

void smbsign_kunit_digest(struct shash_desc *desc, const u8 *buf,
			  unsigned int n, u8 *out)
{
	crypto_shash_digest(desc, buf, n, out);
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
