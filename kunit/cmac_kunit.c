// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smbsign's cmac(aes): the cases of shash_kunit.c, and the
 * states import must refuse.
 *
 * Vectors: kunit/cmac_vectors.h, generated from tests/vectors/ (NIST CAVP
 * CMACGen/CMACVer AES-128, RFC 4493, SymCrypt [AesCmac]; provenance in
 * tests/vectors/README.md).
 */

#include <kunit/test.h>
#include <linux/random.h>
#include <linux/string.h>
#include <smbsign/cmac.h>

#include "cmac_vectors.h"
#include "shash_kunit.h"

static void cmac_kunit_vector(unsigned int i, u8 *buf,
			      struct smbsign_kunit_vector *v)
{
	const struct smbsign_cmac_vector *c = &smbsign_cmac_vectors[i];

	*v = (struct smbsign_kunit_vector){
		.name = c->name, .key = c->key, .key_len = c->key_len,
		.tag = c->tag, .tag_len = c->tag_len, .len = c->msg_len,
		.valid = c->valid,
	};
	if (c->msg_len)
		memcpy(buf, c->msg, c->msg_len);
}

static const unsigned int cmac_kunit_key_lens[] = { 16, 24, 32 };

static const struct smbsign_kunit_alg cmac_kunit_alg = {
	.id		= SMBSIGN_CMAC,
	.nr_vectors	= ARRAY_SIZE(smbsign_cmac_vectors),
	.vector		= cmac_kunit_vector,
	.max_len	= 2048,
	.key_lens	= cmac_kunit_key_lens,
	.nr_key_lens	= ARRAY_SIZE(cmac_kunit_key_lens),
};

static int cmac_kunit_init(struct kunit *test)
{
	return smbsign_kunit_init(test, &cmac_kunit_alg);
}

static void cmac_test_export_import(struct kunit *test)
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

static struct kunit_case cmac_test_cases[] = {
	KUNIT_CASE(smbsign_kunit_driver_is_chosen),
	KUNIT_CASE(smbsign_kunit_vectors_shash),
	KUNIT_CASE(smbsign_kunit_vectors_impls),
	KUNIT_CASE(smbsign_kunit_split_updates),
	KUNIT_CASE(cmac_test_export_import),
	KUNIT_CASE(smbsign_kunit_generic_vs_simd),
	KUNIT_CASE(smbsign_kunit_bad_key_lengths),
	KUNIT_CASE(smbsign_kunit_simd_unusable),
	KUNIT_CASE(smbsign_kunit_key_cache),
	KUNIT_CASE(smbsign_kunit_race),
	{}
};

static struct kunit_suite cmac_test_suite = {
	.name = "smbsign-cmac",
	.init = cmac_kunit_init,
	.exit = smbsign_kunit_exit,
	.test_cases = cmac_test_cases,
};

kunit_test_suite(cmac_test_suite);
