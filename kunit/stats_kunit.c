// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for what /sys/kernel/smbsign/<alg>/ shows: the counters grow
 * by exactly the work done through the crypto API (and only then), a
 * reset starts them from zero, a call made while SIMD is unusable counts
 * as a fallback, and the load-time benchmark measured what "fastest"
 * chooses from.
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include <smbsign/gmac.h>
#include "../kernel/stats.h"

#include "shash_kunit.h"

#define STATS_MAX_LEN	5000

static u64 ops(enum smbsign_mac_id alg)
{
	return smbsign_stats_read(alg, offsetof(struct smbsign_stats, ops));
}

static u64 bytes(enum smbsign_mac_id alg)
{
	return smbsign_stats_read(alg, offsetof(struct smbsign_stats, bytes));
}

static u64 fallbacks(enum smbsign_mac_id alg)
{
	return smbsign_stats_read(alg,
				  offsetof(struct smbsign_stats, fallbacks));
}

static const struct smbsign_kunit_alg stats_kunit_algs[SMBSIGN_NR_MACS] = {
	[SMBSIGN_CMAC] = { .id = SMBSIGN_CMAC, .max_len = STATS_MAX_LEN },
	[SMBSIGN_GMAC] = { .id = SMBSIGN_GMAC, .max_len = STATS_MAX_LEN,
			   .required = true },
	[SMBSIGN_HMAC] = { .id = SMBSIGN_HMAC, .max_len = STATS_MAX_LEN },
};

/* A transform of @alg's driver with a random 16-byte key, in test->priv. */
static struct smbsign_kunit_ctx *stats_tfm(struct kunit *test,
					   enum smbsign_mac_id alg)
{
	struct smbsign_kunit_ctx *ctx;
	u8 key[16];

	smbsign_kunit_init(test, &stats_kunit_algs[alg]);
	ctx = test->priv;
	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, STATS_MAX_LEN);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
	return ctx;
}

/*
 * Digests, and MACs in three pieces, of known lengths: ops counts MACs,
 * bytes the message (gmac: all but the 12-byte nonce), nothing else moves.
 */
static void stats_test_exact(struct kunit *test, enum smbsign_mac_id alg)
{
	struct smbsign_kunit_ctx *ctx = stats_tfm(test, alg);
	unsigned int nonce = smbsign_macs[alg].nonce_size;
	u64 ops0 = ops(alg), bytes0 = bytes(alg), fb0 = fallbacks(alg);
	u64 want_ops = 0, want_bytes = 0;
	u8 out[SMBSIGN_MAC_MAX_DIGEST];
	unsigned int n;

	for (n = 0; n < 40; n++) {
		unsigned int len = nonce + get_random_u32_below(STATS_MAX_LEN - nonce);
		unsigned int a = get_random_u32_below(len + 1);
		unsigned int b = a + get_random_u32_below(len - a + 1);

		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf,
							  len, out), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_init(ctx->desc), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_update(ctx->desc, ctx->buf, a), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_update(ctx->desc, ctx->buf + a,
							  b - a), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_finup(ctx->desc, ctx->buf + b,
							 len - b, out), 0);
		want_ops += 2;
		want_bytes += 2 * (len - nonce);
	}
	/* Setting a key is not a MAC. */
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, ctx->buf, 16), 0);
	KUNIT_EXPECT_EQ(test, ops(alg) - ops0, want_ops);
	KUNIT_EXPECT_EQ(test, bytes(alg) - bytes0, want_bytes);
	if (crypto_simd_usable())
		KUNIT_EXPECT_EQ(test, fallbacks(alg), fb0);
}

static void stats_test_exact_cmac(struct kunit *test)
{
	stats_test_exact(test, SMBSIGN_CMAC);
}

static void stats_test_exact_gmac(struct kunit *test)
{
	stats_test_exact(test, SMBSIGN_GMAC);
}

static void stats_test_exact_hmac(struct kunit *test)
{
	stats_test_exact(test, SMBSIGN_HMAC);
}

/* gmac: a MAC refused for a short nonce is not counted; its bytes were nonce. */
static void stats_test_gmac_short_nonce(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = stats_tfm(test, SMBSIGN_GMAC);
	u64 ops0 = ops(SMBSIGN_GMAC), bytes0 = bytes(SMBSIGN_GMAC);
	u8 out[SMBSIGN_GMAC_DIGEST_SIZE];

	KUNIT_EXPECT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf, 11, out),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, crypto_shash_init(ctx->desc), 0);
	KUNIT_ASSERT_EQ(test, crypto_shash_update(ctx->desc, ctx->buf, 5), 0);
	KUNIT_EXPECT_EQ(test, crypto_shash_final(ctx->desc, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, ops(SMBSIGN_GMAC), ops0);
	KUNIT_EXPECT_EQ(test, bytes(SMBSIGN_GMAC), bytes0);
}

static void stats_test_reset(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = stats_tfm(test, SMBSIGN_CMAC);
	u8 out[SMBSIGN_MAC_MAX_DIGEST];

	KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf, 100, out), 0);
	KUNIT_EXPECT_GT(test, ops(SMBSIGN_CMAC), 0);
	smbsign_stats_reset(SMBSIGN_CMAC, offsetof(struct smbsign_stats, ops));
	KUNIT_EXPECT_EQ(test, ops(SMBSIGN_CMAC), 0);
	/* Only the counter reset: bytes still holds the 100. */
	KUNIT_EXPECT_GE(test, bytes(SMBSIGN_CMAC), 100);
	KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf, 100, out), 0);
	KUNIT_EXPECT_EQ(test, ops(SMBSIGN_CMAC), 1);
}

/*
 * Each call made while SIMD is unusable, with a key bound to a SIMD
 * implementation, is one fallback; it is still counted as work.
 */
static void stats_test_fallbacks(struct kunit *test, enum smbsign_mac_id alg)
{
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
	struct smbsign_kunit_ctx *ctx = stats_tfm(test, alg);
	const struct smbsign_alg *a = &smbsign_algs[alg];
	u64 ops0, fb0;
	u8 out[SMBSIGN_MAC_MAX_DIGEST];

	if (!a->mac->impls->table[smbsign_alg_impl(a)].simd)
		kunit_skip(test, "%s: no SIMD implementation on this CPU",
			   a->mac->name);
	ops0 = ops(alg);
	fb0 = fallbacks(alg);
	preempt_disable();
	__this_cpu_write(crypto_simd_disabled_for_test, true);
	crypto_shash_digest(ctx->desc, ctx->buf, 1000, out);
	crypto_shash_init(ctx->desc);
	crypto_shash_update(ctx->desc, ctx->buf, 500);
	crypto_shash_final(ctx->desc, out);
	__this_cpu_write(crypto_simd_disabled_for_test, false);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, fallbacks(alg) - fb0, 3);
	KUNIT_EXPECT_EQ(test, ops(alg) - ops0, 2);
	crypto_shash_digest(ctx->desc, ctx->buf, 1000, out);
	KUNIT_EXPECT_EQ(test, fallbacks(alg) - fb0, 3);
#else
	kunit_skip(test, "needs CONFIG_CRYPTO_SELFTESTS_FULL to switch SIMD off");
#endif
}

static void stats_test_fallbacks_cmac(struct kunit *test)
{
	stats_test_fallbacks(test, SMBSIGN_CMAC);
}

static void stats_test_fallbacks_gmac(struct kunit *test)
{
	stats_test_fallbacks(test, SMBSIGN_GMAC);
}

static void stats_test_fallbacks_hmac(struct kunit *test)
{
	stats_test_fallbacks(test, SMBSIGN_HMAC);
}

/*
 * The load-time benchmark measured every implementation this CPU runs and
 * nothing else, and "fastest" is what smbsign_fastest() makes of it.
 */
static void stats_test_bench(struct kunit *test)
{
	unsigned int alg, i;

	for (alg = 0; alg < SMBSIGN_NR_MACS; alg++) {
		const struct smbsign_alg *a = &smbsign_algs[alg];
		const struct smbsign_impls *impls = a->mac->impls;

		for (i = 0; i < impls->nr; i++)
			KUNIT_EXPECT_EQ_MSG(test, !!a->bench_mbps[i],
					    smbsign_impls_supported(impls, i),
					    "%s %s", a->mac->name,
					    impls->table[i].name);
		KUNIT_EXPECT_TRUE(test, smbsign_impls_supported(impls, a->fastest));
		KUNIT_EXPECT_EQ(test, a->fastest,
				smbsign_fastest(a, smbsign_zmm_slows_clock()));
		kunit_info(test, "%s: fastest %s, %u MB/s", a->mac->name,
			   smbsign_impl_name(a, a->fastest),
			   a->bench_mbps[a->fastest]);
	}
}

static struct kunit_case stats_test_cases[] = {
	KUNIT_CASE(stats_test_exact_cmac),
	KUNIT_CASE(stats_test_exact_gmac),
	KUNIT_CASE(stats_test_exact_hmac),
	KUNIT_CASE(stats_test_gmac_short_nonce),
	KUNIT_CASE(stats_test_reset),
	KUNIT_CASE(stats_test_fallbacks_cmac),
	KUNIT_CASE(stats_test_fallbacks_gmac),
	KUNIT_CASE(stats_test_fallbacks_hmac),
	KUNIT_CASE(stats_test_bench),
	{}
};

static struct kunit_suite stats_test_suite = {
	.name = "smbsign-stats",
	.exit = smbsign_kunit_exit,
	.test_cases = stats_test_cases,
};

kunit_test_suite(stats_test_suite);
