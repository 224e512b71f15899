// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's gmac(aes): the registered driver through the
 * crypto API (the first 12 bytes of the data are the nonce), and every
 * implementation this CPU runs through the core. Under UML the host's
 * VPCLMULQDQ (and AVX-512 where it has it) run natively.
 *
 * Vectors: kunit/gmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * gcmEncryptExtIV128 PTlen=0, the GCM specification's test case 1,
 * SymCrypt [AesGcm] entries with empty plaintext, derived SMB cases;
 * provenance in tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include <smbsign/internal.h>

#include "gmac_vectors.h"
#include "shash_kunit.h"

#define NONCE	SMBSIGN_GMAC_NONCE_SIZE
#define MAX_LEN	4096

/* Scratch: NONCE + MAX_LEN + 64 bytes. */
static int gmac_kunit_init(struct kunit *test)
{
	return smbsign_kunit_tfm_init(test, SMBSIGN_GMAC_DRIVER,
				      NONCE + MAX_LEN + 64, true);
}

/* nonce || message of @v into @buf; returns the length. */
static size_t gmac_vector_data(u8 *buf, const struct smbsign_gmac_vector *v)
{
	memcpy(buf, v->nonce, NONCE);
	if (v->aad_len)
		memcpy(buf + NONCE, v->aad, v->aad_len);
	return NONCE + v->aad_len;
}

static bool gmac_tag_ok(const u8 *mac, const struct smbsign_gmac_vector *v)
{
	return !memcmp(mac, v->tag, v->tag_len);
}

/* gmac(aes) exists only in smbsign: the name resolves to its driver. */
static void gmac_test_driver_is_chosen(struct kunit *test)
{
	struct crypto_shash *tfm = crypto_alloc_shash("gmac(aes)", 0, 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_EXPECT_STREQ(test, crypto_shash_driver_name(tfm),
			   SMBSIGN_GMAC_DRIVER);
	KUNIT_EXPECT_EQ(test, crypto_shash_digestsize(tfm),
			SMBSIGN_GMAC_DIGEST_SIZE);
	crypto_free_shash(tfm);
}

static void gmac_test_vectors_shash(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 mac[16];
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(smbsign_gmac_vectors); i++) {
		const struct smbsign_gmac_vector *v = &smbsign_gmac_vectors[i];

		len = gmac_vector_data(ctx->buf, v);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v->key,
							  v->key_len), 0);
		KUNIT_ASSERT_EQ(test, crypto_shash_digest(ctx->desc, ctx->buf,
							  len, mac), 0);
		KUNIT_EXPECT_EQ_MSG(test, gmac_tag_ok(mac, v), v->valid, "%s",
				    v->name);
	}
}

/* Every implementation this CPU runs, through the core, on every vector. */
static void gmac_test_vectors_impls(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_gmac_key *key;
	unsigned int i, n = 0;
	size_t j, len;

	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	for (i = 0; i < smbsign_gmac_nr_impls; i++) {
		const struct smbsign_gmac_impl *impl = smbsign_gmac_impls[i];

		if (!impl->available())
			continue;
		n++;
		for (j = 0; j < ARRAY_SIZE(smbsign_gmac_vectors); j++) {
			const struct smbsign_gmac_vector *v = &smbsign_gmac_vectors[j];
			struct smbsign_gmac_state st;
			u8 mac[16];

			len = gmac_vector_data(ctx->buf, v);
			KUNIT_ASSERT_EQ(test, smbsign_gmac_setkey(key, impl, v->key,
								  v->key_len), 0);
			smbsign_gmac_init(&st);
			KUNIT_ASSERT_EQ(test, smbsign_gmac_finup(key, &st, ctx->buf,
								 len, mac), 0);
			KUNIT_EXPECT_EQ_MSG(test, gmac_tag_ok(mac, v), v->valid,
					    "%s/%s", impl->name, v->name);
		}
		kunit_info(test, "%s: %zu vectors", impl->name,
			   ARRAY_SIZE(smbsign_gmac_vectors));
	}
	KUNIT_EXPECT_GE(test, n, 2);
}

/* Every split into init/update/update/finup, inside the nonce too. */
static void gmac_test_split_updates(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	const struct smbsign_gmac_vector *v = NULL;
	u8 mac[16];
	size_t i, a, b, len;

	/* The longest valid vector of at most 80 bytes with a 16-byte tag. */
	for (i = 0; i < ARRAY_SIZE(smbsign_gmac_vectors); i++) {
		const struct smbsign_gmac_vector *c = &smbsign_gmac_vectors[i];

		if (c->valid && c->tag_len == 16 && c->aad_len <= 80 &&
		    (!v || c->aad_len > v->aad_len))
			v = c;
	}
	KUNIT_ASSERT_NOT_NULL(test, v);
	len = gmac_vector_data(ctx->buf, v);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, v->key, v->key_len), 0);
	for (a = 0; a <= len; a++) {
		for (b = a; b <= len; b++) {
			KUNIT_ASSERT_EQ(test, crypto_shash_init(ctx->desc), 0);
			crypto_shash_update(ctx->desc, ctx->buf, a);
			crypto_shash_update(ctx->desc, ctx->buf + a, b - a);
			KUNIT_ASSERT_EQ(test, crypto_shash_finup(ctx->desc, ctx->buf + b,
								 len - b, mac), 0);
			KUNIT_ASSERT_TRUE_MSG(test, gmac_tag_ok(mac, v),
					      "%s split %zu/%zu", v->name, a, b);
		}
	}
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

/* Each SIMD implementation gives generic's tag on random input. */
static void gmac_test_generic_vs_simd(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_gmac_key *kg, *ks;
	unsigned int i, impls = 0;
	int n;

	kg = kunit_kzalloc(test, sizeof(*kg), GFP_KERNEL);
	ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kg);
	KUNIT_ASSERT_NOT_NULL(test, ks);

	for (i = 0; i < smbsign_gmac_nr_impls; i++) {
		const struct smbsign_gmac_impl *simd = smbsign_gmac_impls[i];

		if (!simd->simd || !simd->available())
			continue;
		impls++;
		for (n = 0; n < 300; n++) {
			static const unsigned int klens[] = { 16, 24, 32 };
			unsigned int klen = klens[get_random_u32_below(3)];
			size_t len = NONCE + get_random_u32_below(MAX_LEN + 1);
			size_t off = get_random_u32_below(16);
			size_t cut = get_random_u32_below(len + 1);
			struct smbsign_gmac_state sg, ss;
			u8 key[32], mg[16], ms[16];

			get_random_bytes(key, klen);
			get_random_bytes(ctx->buf + off, len);
			KUNIT_ASSERT_EQ(test, smbsign_gmac_setkey(kg, &smbsign_gmac_generic,
								  key, klen), 0);
			KUNIT_ASSERT_EQ(test, smbsign_gmac_setkey(ks, simd, key, klen), 0);
			KUNIT_ASSERT_EQ(test, memcmp(kg->h, ks->h, 16), 0);
			smbsign_gmac_init(&sg);
			smbsign_gmac_init(&ss);
			smbsign_gmac_update(kg, &sg, ctx->buf + off, cut);
			smbsign_gmac_update(ks, &ss, ctx->buf + off, cut);
			smbsign_gmac_finup(kg, &sg, ctx->buf + off + cut, len - cut, mg);
			smbsign_gmac_finup(ks, &ss, ctx->buf + off + cut, len - cut, ms);
			KUNIT_ASSERT_EQ_MSG(test, memcmp(mg, ms, 16), 0,
					    "%s: key %u bytes, len %zu, offset %zu, cut %zu",
					    simd->name, klen, len, off, cut);
		}
	}
	if (!impls)
		kunit_skip(test, "no SIMD implementation on this CPU");
}

static void gmac_test_bad_input(struct kunit *test)
{
	static const unsigned int bad[] = { 0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64 };
	static const unsigned int short_nonce[] = { 0, 1, 11 };
	struct smbsign_kunit_ctx *ctx = test->priv;
	struct smbsign_gmac_key *key, *before;
	u8 k[64] = { 0x42 }, mac[16];
	size_t i;

	key = kunit_kzalloc(test, sizeof(*key), GFP_KERNEL);
	before = kunit_kzalloc(test, sizeof(*before), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_EQ(test, smbsign_gmac_setkey(key, smbsign_gmac_best_impl(),
						  k, 16), 0);
	memcpy(before, key, sizeof(*key));

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, crypto_shash_setkey(ctx->tfm, k, bad[i]),
				    -EINVAL, "key length %u", bad[i]);
		KUNIT_EXPECT_EQ(test, smbsign_gmac_setkey(key, smbsign_gmac_best_impl(),
							  k, bad[i]), -EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(key, before, sizeof(*key)), 0);
	}

	/* A MAC needs the whole nonce: fewer than 12 bytes is -EINVAL. */
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

/* When crypto_simd_usable() is false the generic code gives the same tag. */
static void gmac_test_simd_unusable(struct kunit *test)
{
#ifdef CONFIG_CRYPTO_SELFTESTS_FULL
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16], want[16], got[16];
	int n;

	for (n = 0; n < 50; n++) {
		size_t len = NONCE + get_random_u32_below(MAX_LEN + 1);

		get_random_bytes(key, sizeof(key));
		get_random_bytes(ctx->buf, len);
		KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
		crypto_shash_digest(ctx->desc, ctx->buf, len, want);

		preempt_disable();
		__this_cpu_write(crypto_simd_disabled_for_test, true);
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

/*
 * One tfm, keyed once, signing in several threads at once, each message
 * with its own nonce: the case the nonce-in-data interface is for. MAC n:
 * nonce n of the 64 at the start of the buffer, then n message bytes.
 */
static void gmac_kunit_mac(struct shash_desc *desc, const u8 *buf,
			   unsigned int n, u8 *out)
{
	crypto_shash_init(desc);
	crypto_shash_update(desc, buf + NONCE * n, NONCE);
	crypto_shash_finup(desc, buf + NONCE * 64, n, out);
}

static void gmac_test_concurrent_tfm(struct kunit *test)
{
	struct smbsign_kunit_ctx *ctx = test->priv;
	u8 key[16];

	get_random_bytes(key, sizeof(key));
	get_random_bytes(ctx->buf, NONCE * 64 + 64);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(ctx->tfm, key, 16), 0);
	smbsign_kunit_concurrent(test, gmac_kunit_mac, 64);
}

static struct kunit_case gmac_test_cases[] = {
	KUNIT_CASE(gmac_test_driver_is_chosen),
	KUNIT_CASE(gmac_test_vectors_shash),
	KUNIT_CASE(gmac_test_vectors_impls),
	KUNIT_CASE(gmac_test_split_updates),
	KUNIT_CASE(gmac_test_export_import),
	KUNIT_CASE(gmac_test_generic_vs_simd),
	KUNIT_CASE(gmac_test_bad_input),
	KUNIT_CASE(gmac_test_simd_unusable),
	KUNIT_CASE(gmac_test_concurrent_tfm),
	{}
};

static struct kunit_suite gmac_test_suite = {
	.name = "smbsign-gmac",
	.init = gmac_kunit_init,
	.exit = smbsign_kunit_tfm_exit,
	.test_cases = gmac_test_cases,
};

kunit_test_suite(gmac_test_suite);
