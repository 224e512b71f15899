// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 against OpenSSL (HMAC() with EVP_sha256()), an implementation
 * nobody here wrote, on random cases: keys of 0..200 bytes (the empty key,
 * and lengths around one and two blocks, where keys start being hashed, are
 * favoured), messages of 0..70000 bytes (small ones, and lengths whose last
 * block is 55, 56, 63, 64 or 65 bytes give or take one, where SHA-256's
 * padding spills into another block, are favoured), given in 1..5 pieces cut
 * anywhere, at random misalignment at the end of exact-size heap buffers
 * (so ASan sees an overread of the message or the key), the state sometimes
 * exported and imported between pieces, SIMD randomly unusable during setkey
 * and between updates (the kernel's fallback path), and SIMD sections of
 * random size, down to less than a block. Every implementation this CPU runs
 * is checked on every case.
 *
 * usage: hmac_diff [CASES [SEED]]   (default 40000 cases)
 */
#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/hmac.h>
#include "testutil.h"

static struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];

#define DIGEST		SMBSIGN_HMAC_DIGEST_SIZE
#define BLOCK		SMBSIGN_SHA256_BLOCK_SIZE
#define MAX_KEY		200
#define MAX_MSG		70000

static void openssl_hmac(const uint8_t *key, size_t klen, const uint8_t *msg,
			 size_t len, uint8_t out[DIGEST])
{
	static const uint8_t none[1];
	unsigned int outl = 0;

	if (!HMAC(EVP_sha256(), klen ? key : none, (int)klen, len ? msg : none, len,
		  out, &outl) || outl != DIGEST) {
		fputs("hmac_diff: OpenSSL HMAC-SHA256 failed\n", stderr);
		exit(2);
	}
}

/* 0, lengths around 32, 64 (the largest key used as it is) and 128, or any. */
static size_t random_klen(void)
{
	uint64_t r = test_rand();
	static const size_t edge[] = { 0, 32, 64, 64, 128 };
	size_t e = edge[(r >> 8) % 5] + (size_t)(r >> 16) % 5;

	switch (r % 4) {
	case 0:
		return e < 2 ? 0 : e - 2;
	case 1:
		return (size_t)(r >> 8) % (BLOCK + 2);
	default:
		return (size_t)(r >> 8) % (MAX_KEY + 1);
	}
}

/*
 * The message length. SHA-256 pads with 0x80, zeros and a 64-bit length:
 * a last block of 55 bytes still takes it, one of 56..63 bytes needs one
 * block more; whole blocks are where the buffering goes wrong. Favour those
 * tails after any number of blocks, short messages and some near the top.
 */
static size_t random_len(void)
{
	uint64_t r = test_rand();
	static const size_t tail[] = { 55, 56, 63, 64, 65 };
	size_t near = (size_t)(r >> 40) % 3, e;	/* tail - 1 .. tail + 1 */

	switch (r % 8) {
	case 0:
	case 1:
		return (size_t)(r >> 8) % 200;
	case 2:
	case 3:
		e = BLOCK * ((r >> 8) % (r % 8 == 2 ? 4 : 1000)) + tail[(r >> 20) % 5];
		return e + near - 1;
	case 4:
		return (size_t)(r >> 8) % 4097;
	case 5:
		return MAX_MSG - (size_t)(r >> 8) % 600;
	default:
		return (size_t)(r >> 8) % (MAX_MSG + 1);
	}
}

/* A cut point in 0..@total: sometimes at or next to a block boundary. */
static size_t random_cut(size_t total)
{
	uint64_t r = test_rand();
	size_t c;

	if (r % 4 == 0) {
		c = BLOCK * ((r >> 8) % (total / BLOCK + 1)) + (r >> 40) % 3;
		c = c ? c - 1 : 0;
		return c > total ? total : c;
	}
	return (size_t)(r >> 8) % (total + 1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("hmac_diff: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

int main(int argc, char **argv)
{
	unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 0) : 40000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed5eed;
	unsigned long n, macs = 0;
	unsigned long long bytes = 0;
	unsigned int i, impl;

	smbsign_macs_init();
	/* xorshift needs a nonzero state; any other seed is its own stream. */
	test_rng_state = seed ? seed : 1;
	for (n = 0; n < cases; n++) {
		size_t klen = random_klen(), len = random_len();
		size_t off = test_rand() % 16, koff = test_rand() % 16;
		uint8_t want[DIGEST], *buf, *kbuf, *src, *key;
		unsigned int parts = 1 + test_rand() % 5;
		size_t cut[6] = { 0 };

		buf = xmalloc(off + len);
		kbuf = xmalloc(koff + klen);
		src = buf + off;
		key = kbuf + koff;
		test_fill(key, klen);
		test_fill(src, len);
		openssl_hmac(key, klen, src, len, want);

		/* Sorted random cut points: parts - 1 updates, then finup. */
		test_cuts(cut, parts, len, random_cut);

		for_each_impl(hmac, i, impl) {
			struct smbsign_hmac_key k;
			struct smbsign_hmac_state st;
			uint8_t got[DIGEST];
			unsigned int p;

			hmac->fpu_bytes = test_random_fpu_bytes(BLOCK);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			smbsign_hmac_setkey(&k, impl, key, klen);
			CHECK(k.impl == impl, "case %lu (seed %#llx): key bound to %s, not %s",
			      n, (unsigned long long)seed, impl_name(hmac, k.impl), impl_name(hmac, impl));
			CHECK(smbsign_hmac_key_matches(&k, impl, key, klen) ==
			      (klen <= SMBSIGN_HMAC_CACHED_KEY_MAX),
			      "case %lu (seed %#llx): %s: key_matches for the same %zu-byte key",
			      n, (unsigned long long)seed, impl_name(hmac, impl), klen);
			smbsign_hmac_init(&k, &st);
			for (p = 0; p < parts - 1; p++) {
				smbsign_compat_simd_disabled = test_rand() % 8 == 0;
				smbsign_hmac_update(&k, &st, src + cut[p], cut[p + 1] - cut[p]);
				/* Export, wreck, import, through the real import. */
				if (test_rand() % 4 == 0)
					test_export_import(hmac, &st);
			}
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			smbsign_hmac_finup(&k, &st, src + cut[parts - 1],
					   len - cut[parts - 1], got);
			smbsign_compat_simd_disabled = false;
			CHECK(!memcmp(got, want, DIGEST),
			      "case %lu (seed %#llx): %s, key %zu bytes, message %zu bytes, cuts %zu %zu %zu %zu, fpu_bytes %u",
			      n, (unsigned long long)seed, impl_name(hmac, impl), klen, len,
			      cut[1], cut[2], cut[3], cut[4], hmac->fpu_bytes);
			smbsign_compat_simd_disabled = test_rand() % 8 == 0;
			smbsign_hmac_digest(&k, src, len, got);
			smbsign_compat_simd_disabled = false;
			CHECK(!memcmp(got, want, DIGEST),
			      "case %lu (seed %#llx): %s digest", n,
			      (unsigned long long)seed, impl_name(hmac, impl));
			memzero_explicit(&k, sizeof(k));
			macs++;
			bytes += len;
		}
		free(kbuf);
		free(buf);
	}
	CHECK(macs == cases * hmac->impls->nr_supp && macs,
	      "%lu MACs for %lu cases", macs, cases);
	printf("hmac_diff: %lu random cases, %lu MACs (%llu message bytes) compared with OpenSSL (seed %#llx), %s\n",
	       cases, macs, bytes, (unsigned long long)seed, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
