// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign's own known-answer self-test, run at load for each algorithm and
 * each implementation this CPU runs, before anything is registered:
 * testmgr has no gmac(aes) vectors at all, and tests only the
 * implementation a tfm gets, never the others a user may switch to. An
 * implementation that fails is not offered; if generic fails, the
 * algorithm is not registered (smbsign_mod.c).
 *
 * Each vector is MACed three ways: as a digest, in one finup, and in an
 * update and a finup.
 * Sources: RFC 4493 section 4 and NIST SP 800-38B D.3 (AES-256) for CMAC;
 * the GCM specification's test cases 1 and 13 and NIST CAVP
 * gcmEncryptExtIV128 (AADlen 160, count 0) for GMAC; RFC 4231 test cases
 * 1, 2 and 6 for HMAC-SHA256. The long vectors, which reach the SIMD code's
 * many-block loops, are MACs of a byte pattern (byte i = i * 29 + 7) whose
 * tags OpenSSL 3.0 computed (AES-256-CBC CMAC, AES-128-GCM with the data
 * as nonce then AAD, HMAC-SHA256), with the key a0 a1 a2 ...
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "internal.h"

#if IS_ENABLED(CONFIG_SMBSIGN_KUNIT_TEST)
#include <kunit/static_stub.h>
#define SMBSIGN_TEST_STUB(fn, ...) KUNIT_STATIC_STUB_REDIRECT(fn, __VA_ARGS__)
#else
#define SMBSIGN_TEST_STUB(fn, ...) ((void)(fn))
#endif

/* The key of the pattern vectors: a0 a1 ... bf. */
static const u8 kat_key_a0[32] = {
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
	0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
};

/* RFC 4493 */
static const u8 kat_cmac_key128[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

/* SP 800-38B D.3 */
static const u8 kat_cmac_key256[32] = {
	0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe,
	0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d, 0x77, 0x81,
	0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61, 0x08, 0xd7,
	0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4,
};

/* The message of both: the first 64 bytes of the NIST examples. */
static const u8 kat_cmac_msg[64] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
	0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
	0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11,
	0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
	0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17,
	0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10,
};

static const u8 kat_zero[32];

/* NIST CAVP gcmEncryptExtIV128, [AADlen = 160], Count = 0 */
static const u8 kat_gmac_key[16] = {
	0x2f, 0xb4, 0x5e, 0x5b, 0x8f, 0x99, 0x3a, 0x2b,
	0xfe, 0xbc, 0x4b, 0x15, 0xb5, 0x33, 0xe0, 0xb4,
};

static const u8 kat_gmac_data[12 + 20] = {
	0x5b, 0x05, 0x75, 0x5f, 0x98, 0x4d, 0x2b, 0x90,	/* nonce */
	0xf9, 0x4b, 0x80, 0x27,
	0xe8, 0x54, 0x91, 0xb2, 0x20, 0x2c, 0xaf, 0x1d,	/* AAD */
	0x7d, 0xce, 0x03, 0xb9, 0x7e, 0x09, 0x33, 0x1c,
	0x32, 0x47, 0x39, 0x41,
};

/* RFC 4231 test case 2 */
static const u8 kat_hmac_key2[4] = "Jefe";
static const u8 kat_hmac_data2[28] = "what do ya want for nothing?";

/* RFC 4231 test case 6 */
static const u8 kat_hmac_key6[131] = {
	[0 ... 130] = 0xaa,
};

static const u8 kat_hmac_data6[54] =
	"Test Using Larger Than Block-Size Key - Hash Key First";

/* RFC 4231 test case 1 */
static const u8 kat_hmac_key1[20] = { [0 ... 19] = 0x0b };
static const u8 kat_hmac_data1[8] = "Hi There";

#define KAT(k, d, l, ...) {					\
	.key = (k), .key_len = sizeof(k), .data = (d), .len = (l),	\
	.tag = (const u8 []){ __VA_ARGS__ },				\
}

static const struct smbsign_kat smbsign_cmac_kats[] = {
	KAT(kat_cmac_key128, kat_cmac_msg, 0,
	    0xbb, 0x1d, 0x69, 0x29, 0xe9, 0x59, 0x37, 0x28,
	    0x7f, 0xa3, 0x7d, 0x12, 0x9b, 0x75, 0x67, 0x46),
	KAT(kat_cmac_key128, kat_cmac_msg, 16,
	    0x07, 0x0a, 0x16, 0xb4, 0x6b, 0x4d, 0x41, 0x44,
	    0xf7, 0x9b, 0xdd, 0x9d, 0xd0, 0x4a, 0x28, 0x7c),
	KAT(kat_cmac_key128, kat_cmac_msg, 40,
	    0xdf, 0xa6, 0x67, 0x47, 0xde, 0x9a, 0xe6, 0x30,
	    0x30, 0xca, 0x32, 0x61, 0x14, 0x97, 0xc8, 0x27),
	KAT(kat_cmac_key256, kat_cmac_msg, 0,
	    0x02, 0x89, 0x62, 0xf6, 0x1b, 0x7b, 0xf8, 0x9e,
	    0xfc, 0x6b, 0x55, 0x1f, 0x46, 0x67, 0xd9, 0x83),
	KAT(kat_cmac_key256, kat_cmac_msg, 64,
	    0xe1, 0x99, 0x21, 0x90, 0x54, 0x9f, 0x6e, 0xd5,
	    0x69, 0x6a, 0x2c, 0x05, 0x6c, 0x31, 0x54, 0x10),
	KAT(kat_key_a0, NULL, 1000,
	    0xf2, 0xc8, 0x22, 0x5c, 0x85, 0xee, 0xdb, 0xf9,
	    0x27, 0xe7, 0x8b, 0xff, 0xac, 0x72, 0xf4, 0xe0),
};

static const struct smbsign_kat smbsign_gmac_kats[] = {
	/* GCM specification, test cases 1 (AES-128) and 13 (AES-256). */
	{ .key = kat_zero, .key_len = 16, .data = kat_zero, .len = 12,
	  .tag = (const u8 []){ 0x58, 0xe2, 0xfc, 0xce, 0xfa, 0x7e, 0x30, 0x61,
				0x36, 0x7f, 0x1d, 0x57, 0xa4, 0xe7, 0x45, 0x5a } },
	{ .key = kat_zero, .key_len = 32, .data = kat_zero, .len = 12,
	  .tag = (const u8 []){ 0x53, 0x0f, 0x8a, 0xfb, 0xc7, 0x45, 0x36, 0xb9,
				0xa9, 0x63, 0xb4, 0xf1, 0xc4, 0xcb, 0x73, 0x8b } },
	KAT(kat_gmac_key, kat_gmac_data, sizeof(kat_gmac_data),
	    0xc7, 0x5b, 0x78, 0x32, 0xb2, 0xa2, 0xd9, 0xbd,
	    0x82, 0x74, 0x12, 0xb6, 0xef, 0x57, 0x69, 0xdb),
	{ .key = kat_key_a0, .key_len = 16, .len = 12 + 1000,
	  .tag = (const u8 []){ 0xf2, 0x4b, 0xbf, 0x9f, 0x7a, 0x13, 0xa0, 0xf0,
				0x78, 0x9d, 0x3c, 0x7d, 0x02, 0x64, 0x79, 0x26 } },
};

static const struct smbsign_kat smbsign_hmac_kats[] = {
	KAT(kat_hmac_key1, kat_hmac_data1, sizeof(kat_hmac_data1),
	    0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53,
	    0x5c, 0xa8, 0xaf, 0xce, 0xaf, 0x0b, 0xf1, 0x2b,
	    0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83, 0x3d, 0xa7,
	    0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7),
	KAT(kat_hmac_key2, kat_hmac_data2, sizeof(kat_hmac_data2),
	    0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e,
	    0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
	    0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
	    0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43),
	KAT(kat_hmac_key6, kat_hmac_data6, sizeof(kat_hmac_data6),
	    0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f,
	    0x0d, 0x8a, 0x26, 0xaa, 0xcb, 0xf5, 0xb7, 0x7f,
	    0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28, 0xc5, 0x14,
	    0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54),
	{ .key = kat_key_a0, .key_len = 16, .len = 1000,
	  .tag = (const u8 []){ 0xeb, 0x59, 0x22, 0x4d, 0xc7, 0x24, 0x87, 0x3e,
				0xa2, 0xe1, 0xe9, 0xb7, 0xac, 0xba, 0x7d, 0x6d,
				0x9d, 0x97, 0xb1, 0x61, 0xbd, 0xd9, 0x4e, 0x5c,
				0xbc, 0x84, 0xa9, 0xe2, 0x15, 0xd7, 0xa9, 0x7d } },
};

static const struct smbsign_kat_set smbsign_kat_sets[SMBSIGN_NR_MACS] = {
	[SMBSIGN_CMAC] = { smbsign_cmac_kats, ARRAY_SIZE(smbsign_cmac_kats) },
	[SMBSIGN_GMAC] = { smbsign_gmac_kats, ARRAY_SIZE(smbsign_gmac_kats) },
	[SMBSIGN_HMAC] = { smbsign_hmac_kats, ARRAY_SIZE(smbsign_hmac_kats) },
};

/* The pattern vectors' data: byte i is i * 29 + 7. */
#define SMBSIGN_KAT_PATTERN_MAX	1024

const struct smbsign_kat_set *smbsign_selftest_vectors(enum smbsign_mac_id id)
{
	SMBSIGN_TEST_STUB(smbsign_selftest_vectors, id);
	return &smbsign_kat_sets[id];
}

/*
 * Whether implementation @impl gives @kat's tag: as a digest, in one
 * finup, and in an update and a finup.
 */
static bool smbsign_kat_ok(const struct smbsign_mac *mac, unsigned int impl,
			   const struct smbsign_kat *kat, const u8 *data,
			   void *key, void *state)
{
	u8 tag[SMBSIGN_MAC_MAX_DIGEST];
	size_t half = kat->len / 2;

	if (mac->setkey(key, impl, kat->key, kat->key_len))
		return false;
	if (mac->digest(key, data, kat->len, tag) < 0 ||
	    memcmp(tag, kat->tag, mac->digest_size))
		return false;
	mac->init(key, state);
	if (mac->finup(key, state, data, kat->len, tag) < 0 ||
	    memcmp(tag, kat->tag, mac->digest_size))
		return false;
	mac->init(key, state);
	mac->update(key, state, data, half);
	return mac->finup(key, state, data + half, kat->len - half, tag) >= 0 &&
	       !memcmp(tag, kat->tag, mac->digest_size);
}

u32 smbsign_selftest(const struct smbsign_alg *alg, unsigned int *nr_vectors)
{
	const struct smbsign_kat_set *set = smbsign_selftest_vectors(alg->id);
	const struct smbsign_mac *mac = alg->mac;
	const struct smbsign_impls *impls = mac->impls;
	u8 state[SMBSIGN_MAC_MAX_STATE];
	unsigned int i, v;
	u8 *pattern;
	u32 failed = 0;
	void *key;

	*nr_vectors = set->nr;
	key = kzalloc(mac->key_size, GFP_KERNEL);
	pattern = kmalloc(SMBSIGN_KAT_PATTERN_MAX, GFP_KERNEL);
	if (!key || !pattern) {
		kfree(key);
		kfree(pattern);
		return ~0U;
	}
	for (i = 0; i < SMBSIGN_KAT_PATTERN_MAX; i++)
		pattern[i] = (u8)(i * 29 + 7);

	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		for (v = 0; v < set->nr; v++) {
			const struct smbsign_kat *kat = &set->kats[v];
			const u8 *data = kat->data ? : pattern;

			if (kat->len > SMBSIGN_KAT_PATTERN_MAX ||
			    !smbsign_kat_ok(mac, id, kat, data, key, state)) {
				failed |= BIT(id);
				break;
			}
		}
	}
	memzero_explicit(state, sizeof(state));
	kfree_sensitive(key);
	kfree(pattern);
	return failed;
}

bool smbsign_selftest_apply(struct smbsign_alg *alg, u32 failed,
			    unsigned int nr_vectors)
{
	struct smbsign_impls *impls = alg->mac->impls;
	char passed[96];
	unsigned int i;
	int n = 0;

	passed[0] = '\0';
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		if (failed & BIT(id))
			pr_err("%s: %s failed the self-test: not offered\n",
			       alg->mac->name, smbsign_impl_name(alg, id));
		else
			n += scnprintf(passed + n, sizeof(passed) - n, " %s",
				       smbsign_impl_name(alg, id));
	}
	if (failed & BIT(SMBSIGN_IMPL_GENERIC)) {
		pr_err("%s: generic failed the self-test: %s not registered\n",
		       alg->mac->name, alg->crypto_name);
		return false;
	}
	for (i = 0; i < SMBSIGN_MAX_IMPLS; i++)
		if (failed & BIT(i))
			smbsign_impls_drop(impls, i);
	/* A choice made at load of an implementation now gone: fastest. */
	if (alg->choice >= 0 && !smbsign_impls_supported(impls, alg->choice))
		WRITE_ONCE(alg->choice, -1);
	pr_info("%s: self-test passed (%u vectors, 3 ways each) by:%s\n",
		alg->mac->name, nr_vectors, passed);
	return true;
}
