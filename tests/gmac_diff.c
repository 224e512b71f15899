// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GMAC against OpenSSL (EVP AES-128/192/256-GCM with AAD only: the tag of
 * an empty plaintext), an implementation nobody here wrote, on random cases:
 * keys of every size, random 12-byte nonces, AAD of 0..70000 bytes (small
 * ones, block and 16-block boundaries, and some near the top are favoured),
 * nonce || AAD given in 1..5 pieces cut anywhere (inside the nonce too), at
 * random misalignment at the end of an exact-size heap buffer (so ASan sees
 * an overread), the state sometimes exported and imported between pieces,
 * SIMD randomly unusable between updates (the kernel's fallback path), and
 * SIMD sections of random size. Every implementation this CPU runs is
 * checked on every case.
 *
 * usage: gmac_diff [CASES [SEED]]   (default 50000 cases)
 */
#include <string.h>
#include <openssl/evp.h>

#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/gmac.h>
#include "testutil.h"

static struct smbsign_mac *gmac = &smbsign_macs[SMBSIGN_GMAC];

#define NONCE	SMBSIGN_GMAC_NONCE_SIZE
#define MAX_AAD	70000
static void openssl_gmac(const uint8_t *key, size_t klen, const uint8_t *nonce,
			 const uint8_t *aad, size_t len, uint8_t out[16])
{
	static EVP_CIPHER_CTX *ctx;
	const EVP_CIPHER *cipher = klen == 16 ? EVP_aes_128_gcm() :
				   klen == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
	uint8_t none[16];
	int outl;

	if (!ctx)
		ctx = EVP_CIPHER_CTX_new();
	if (!ctx || !EVP_EncryptInit_ex(ctx, cipher, NULL, NULL, NULL) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE, NULL) ||
	    !EVP_EncryptInit_ex(ctx, NULL, NULL, key, nonce) ||
	    (len && !EVP_EncryptUpdate(ctx, NULL, &outl, aad, (int)len)) ||
	    !EVP_EncryptFinal_ex(ctx, none, &outl) || outl ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out)) {
		fputs("gmac_diff: OpenSSL AES-GCM failed\n", stderr);
		exit(2);
	}
}

/*
 * The length of the AAD, the authenticated message. Partial blocks, the
 * 16-block stride of the SIMD code and the section boundaries are where GHASH
 * goes wrong: favour lengths near them, and keep most cases short so that
 * many of them run.
 */
static size_t random_len(void)
{
	uint64_t r = test_rand();
	size_t near = (size_t)(r >> 40) % 5, edge;	/* edge - 2 .. edge + 2 */

	switch (r % 8) {
	case 0:
	case 1:
		return (size_t)(r >> 8) % 65;
	case 2:
	case 3:
		edge = (r % 8 == 2 ? 16 : 256) * ((r >> 8) % 33);
		return edge + near < 2 ? 0 : edge + near - 2;
	case 4:
		return (size_t)(r >> 8) % 4097;
	case 5:
		return MAX_AAD - (size_t)(r >> 8) % 600;
	default:
		return (size_t)(r >> 8) % (MAX_AAD + 1);
	}
}

/* A cut point in 0..@total: sometimes inside or at the end of the nonce. */
static size_t random_cut(size_t total)
{
	uint64_t r = test_rand();

	if (r % 4 == 0)
		return (size_t)(r >> 8) % (total < NONCE + 4 ? total + 1 : NONCE + 4);
	return (size_t)(r >> 8) % (total + 1);
}

int main(int argc, char **argv)
{
	unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 0) : 50000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed5eed;
	unsigned long n, macs = 0;
	unsigned long long bytes = 0;
	unsigned int i, impl;

	smbsign_macs_init();
	/* xorshift needs a nonzero state; any other seed is its own stream. */
	test_rng_state = seed ? seed : 1;
	for (n = 0; n < cases; n++) {
		static const size_t klens[] = { 16, 24, 32 };
		size_t klen = klens[test_rand() % 3], len = random_len();
		size_t off = test_rand() % 16, total = NONCE + len;
		uint8_t key[32], want[16], *buf, *src;
		unsigned int parts = 1 + test_rand() % 5;
		size_t cut[6] = { 0 };

		buf = malloc(off + total);
		if (!buf) {
			fputs("gmac_diff: out of memory\n", stderr);
			return 2;
		}
		src = buf + off;
		test_fill(key, klen);
		test_fill(src, total);
		openssl_gmac(key, klen, src, src + NONCE, len, want);

		/* Sorted random cut points: parts - 1 updates, then finup. */
		test_cuts(cut, parts, total, random_cut);

		for_each_impl(gmac, i, impl) {
			struct smbsign_gmac_key k;
			struct smbsign_gmac_state st;
			uint8_t got[16];
			unsigned int p;
			int ret;

			gmac->fpu_bytes = test_random_fpu_bytes(16);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			if (smbsign_gmac_setkey(&k, impl, key, klen)) {
				CHECK(false, "%s: setkey refused a %zu-byte key",
				      impl_name(gmac, impl), klen);
				continue;
			}
			smbsign_gmac_init(&k, &st);
			for (p = 0; p < parts - 1; p++) {
				smbsign_compat_simd_disabled = test_rand() % 8 == 0;
				smbsign_gmac_update(&k, &st, src + cut[p], cut[p + 1] - cut[p]);
				/* Export, wreck, import, through the real import. */
				if (test_rand() % 4 == 0)
					test_export_import(gmac, &st);
			}
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			ret = smbsign_gmac_finup(&k, &st, src + cut[parts - 1],
						 total - cut[parts - 1], got);
			smbsign_compat_simd_disabled = false;
			CHECK(ret >= 0 && !memcmp(got, want, 16),
			      "case %lu (seed %#llx): %s, key %zu bytes, aad %zu bytes, cuts %zu %zu %zu %zu, fpu_bytes %u",
			      n, (unsigned long long)seed, impl_name(gmac, impl),
			      klen, len, cut[1], cut[2], cut[3], cut[4],
			      gmac->fpu_bytes);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			ret = smbsign_gmac_digest(&k, src, total, got);
			smbsign_compat_simd_disabled = false;
			CHECK(ret >= 0 && !memcmp(got, want, 16),
			      "case %lu (seed %#llx): %s digest", n,
			      (unsigned long long)seed, impl_name(gmac, impl));
			memzero_explicit(&k, sizeof(k));
			macs++;
			bytes += len;
		}
		free(buf);
	}
	CHECK(macs == cases * gmac->impls->nr_supp && macs,
	      "%lu MACs for %lu cases", macs, cases);
	printf("gmac_diff: %lu random cases, %lu MACs (%llu AAD bytes) compared with OpenSSL (seed %#llx), implementations",
	       cases, macs, bytes, (unsigned long long)seed);
	for_each_impl(gmac, i, impl)
		printf(" %s", impl_name(gmac, impl));
	printf(", %s\n", test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
