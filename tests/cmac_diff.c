// SPDX-License-Identifier: GPL-2.0
/*
 * AES-CMAC against OpenSSL (EVP_MAC "CMAC"), an implementation nobody here
 * wrote, on random cases: AES-128/192/256 keys, messages of 0..4096 bytes,
 * 1..5 updates split at random points, sources at random misalignment,
 * SIMD randomly unusable between updates (the kernel's fallback path), and
 * SIMD sections of random size. Every implementation this CPU runs is
 * checked on every case.
 *
 * usage: cmac_diff [CASES [SEED]]   (default 100000 cases)
 */
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/cmac.h>
#include "testutil.h"

static struct smbsign_mac *cmac = &smbsign_macs[SMBSIGN_CMAC];

#define MAX_LEN	4096

static void openssl_cmac(const uint8_t *key, size_t klen, const uint8_t *m,
			 size_t len, uint8_t out[16])
{
	static EVP_MAC *mac;
	const char *cipher = klen == 16 ? "AES-128-CBC" :
			     klen == 24 ? "AES-192-CBC" : "AES-256-CBC";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
						 (char *)cipher, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC_CTX *ctx;
	size_t outlen;

	if (!mac)
		mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	if (!ctx || !EVP_MAC_init(ctx, key, klen, params) ||
	    !EVP_MAC_update(ctx, m, len) ||
	    !EVP_MAC_final(ctx, out, &outlen, 16) || outlen != 16) {
		fputs("cmac_diff: OpenSSL CMAC failed\n", stderr);
		exit(2);
	}
	EVP_MAC_CTX_free(ctx);
}

/* Lengths near block boundaries are where CMAC goes wrong: favour them. */
static size_t random_len(void)
{
	uint64_t r = test_rand();

	switch (r % 4) {
	case 0:
		return (size_t)(r >> 8) % 65;
	case 1:
		return 16 * ((r >> 8) % 257) - (size_t)((r >> 20) % 2);
	default:
		return (size_t)(r >> 8) % (MAX_LEN + 1);
	}
}

int main(int argc, char **argv)
{
	static uint8_t src[MAX_LEN + 32];
	unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed5eed;
	unsigned long n, macs = 0;
	unsigned int i, impl;

	smbsign_macs_init();
	test_rng_state = seed | 1;
	for (n = 0; n < cases; n++) {
		static const size_t klens[] = { 16, 24, 32 };
		size_t klen = klens[test_rand() % 3], len = random_len();
		size_t off = test_rand() % 16;
		uint8_t key[32], want[16];
		unsigned int parts = 1 + test_rand() % 5;
		size_t cut[6];

		if (len > MAX_LEN)
			len = MAX_LEN;
		test_fill(key, klen);
		test_fill(src + off, len);
		openssl_cmac(key, klen, src + off, len, want);

		/* Sorted random cut points: parts - 1 updates, then finup. */
		test_cuts(cut, parts, len, test_cut_anywhere);

		for_each_impl(cmac, i, impl) {
			struct smbsign_cmac_key k;
			struct smbsign_cmac_state st;
			uint8_t got[16];
			unsigned int p;

			cmac->fpu_bytes = test_random_fpu_bytes(16);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			CHECK(!smbsign_cmac_setkey(&k, impl, key, klen), "setkey");
			smbsign_cmac_init(&k, &st);
			for (p = 0; p < parts - 1; p++) {
				smbsign_compat_simd_disabled = test_rand() % 8 == 0;
				smbsign_cmac_update(&k, &st, src + off + cut[p],
						    cut[p + 1] - cut[p]);
			}
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			smbsign_cmac_finup(&k, &st, src + off + cut[parts - 1],
					   len - cut[parts - 1], got);
			smbsign_compat_simd_disabled = false;
			CHECK(!memcmp(got, want, 16),
			      "case %lu (seed %#llx): %s, key %zu bytes, len %zu, %u parts",
			      n, (unsigned long long)seed, impl_name(cmac, impl), klen,
			      len, parts);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			smbsign_cmac_digest(&k, src + off, len, got);
			smbsign_compat_simd_disabled = false;
			CHECK(!memcmp(got, want, 16), "case %lu (seed %#llx): %s digest",
			      n, (unsigned long long)seed, impl_name(cmac, impl));
			memzero_explicit(&k, sizeof(k));
			macs++;
		}
	}
	CHECK(macs == cases * cmac->impls->nr_supp && macs,
	      "%lu MACs for %lu cases", macs, cases);
	printf("cmac_diff: %lu random cases, %lu MACs compared with OpenSSL (seed %#llx), %s\n",
	       cases, macs, (unsigned long long)seed, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
