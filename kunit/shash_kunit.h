/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What smbsign's per-algorithm KUnit suites share: each suite describes
 * its algorithm (struct smbsign_kunit_alg: its vectors) and lists the
 * cases below, written once over struct smbsign_mac and the registered
 * driver, beside its own.
 */
#ifndef _SMBSIGN_SHASH_KUNIT_H
#define _SMBSIGN_SHASH_KUNIT_H

#include <kunit/test.h>
#include <crypto/hash.h>
#include "../kernel/internal.h"

/* One known answer, its data (gmac: nonce, then message) in a buffer. */
struct smbsign_kunit_vector {
	const char *name;
	const u8 *key, *tag;
	unsigned int key_len, tag_len;	/* a shorter tag: compare the prefix */
	size_t len;			/* data bytes */
	bool valid;			/* false: the tag must not match */
};

struct smbsign_kunit_alg {
	enum smbsign_mac_id id;
	unsigned int nr_vectors;
	/* Vector @i into @v, its data into @buf (max_len bytes at least). */
	void (*vector)(unsigned int i, u8 *buf, struct smbsign_kunit_vector *v);
	/* The most data bytes a random case takes. */
	size_t max_len;
	/* Key lengths random keys take: the set, or nr 0 for 0..max. */
	const unsigned int *key_lens;
	unsigned int nr_key_lens, max_key_len;
	/* Registered everywhere (gmac): fail, not skip, when it is not. */
	bool required;
};

struct smbsign_kunit_ctx {
	const struct smbsign_kunit_alg *ka;
	struct smbsign_alg *alg;
	struct crypto_shash *tfm;	/* of alg's driver */
	struct shash_desc *desc;	/* a request on tfm */
	u8 *buf;			/* scratch: max_len + 64 bytes */
};

/* A suite's init: @ka's driver's transform and scratch in test->priv. */
int smbsign_kunit_init(struct kunit *test, const struct smbsign_kunit_alg *ka);
void smbsign_kunit_exit(struct kunit *test);

/* A random key length of the algorithm, and a key of it in @key. */
unsigned int smbsign_kunit_random_key(const struct smbsign_kunit_alg *ka,
				      u8 *key);

/* The cases every algorithm runs (shash_kunit.c says what each checks). */
void smbsign_kunit_driver_is_chosen(struct kunit *test);
void smbsign_kunit_vectors_shash(struct kunit *test);
void smbsign_kunit_vectors_impls(struct kunit *test);
void smbsign_kunit_split_updates(struct kunit *test);
void smbsign_kunit_generic_vs_simd(struct kunit *test);
void smbsign_kunit_simd_unusable(struct kunit *test);
void smbsign_kunit_key_cache(struct kunit *test);
void smbsign_kunit_concurrent_tfm(struct kunit *test);
void smbsign_kunit_race(struct kunit *test);
/* AES keys (cmac, gmac): every other length refused, nothing changed. */
void smbsign_kunit_bad_key_lengths(struct kunit *test);

/*
 * With ctx->tfm keyed: for messages of @min_len to @max_len bytes (every
 * @step) cut anywhere, the state exported after the first part, imported
 * into a second request while the first is wrecked, finishes with the
 * one-shot MAC. Returns that second request, for a suite's own checks of
 * states that must be refused.
 */
struct shash_desc *smbsign_kunit_export_import(struct kunit *test,
					       size_t min_len, size_t max_len,
					       size_t step);

#endif /* _SMBSIGN_SHASH_KUNIT_H */
