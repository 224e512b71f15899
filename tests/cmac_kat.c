// SPDX-License-Identifier: GPL-2.0
/*
 * AES-CMAC known answers, against every implementation this CPU runs.
 *
 * Reads the normalized lines of tests/vectors.py on stdin: NIST CAVP
 * CMACGenAES128 and CMACVerAES128 (via BoringSSL), RFC 4493 section 4 (with
 * its K1/K2 subkeys) and the SymCrypt [AesCmac] KATs (SP 800-38B, AES-128,
 * 192 and 256); provenance in tests/vectors/README.md. Each vector is
 * computed in one call, in every two-piece split (or random three-piece
 * splits for long messages), from a misaligned copy, with the state
 * exported and imported midway, and with SIMD unusable (the kernel's
 * fallback path). A CMACVer "F" case must not verify. SymCrypt's three
 * chained random tests (10000 MACs each, AES-128/192/256) are replayed with
 * SymCrypt's own test RNG.
 */
#include <string.h>
#include <openssl/sha.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/cmac.h>
#include "testutil.h"

static const struct smbsign_mac *cmac = &smbsign_macs[SMBSIGN_CMAC];

#define MAX_MSG	(65536 + 64)

static uint8_t msg[MAX_MSG], shifted[MAX_MSG + 16];

static int tag_ok(const uint8_t *out, const uint8_t *tag, size_t tlen)
{
	return memcmp(out, tag, tlen) == 0;
}

static void mac_split(const struct smbsign_cmac_key *key, const uint8_t *m,
		      size_t len, size_t a, size_t b, uint8_t out[16])
{
	struct smbsign_cmac_state st;

	smbsign_cmac_init(key, &st);
	smbsign_cmac_update(key, &st, m, a);
	/* Export, wreck, import: mid-message, through the real import. */
	test_export_import(cmac, &st);
	smbsign_cmac_update(key, &st, m + a, b - a);
	smbsign_cmac_finup(key, &st, m + b, len - b, out);
}

static unsigned long check_vector(unsigned int impl,
				  const char *name, const uint8_t *k,
				  size_t klen, size_t len, const uint8_t *tag,
				  size_t tlen, int valid)
{
	struct smbsign_cmac_key key;
	uint8_t out[16];
	unsigned long runs = 0;
	size_t a, off;

	CHECK(!smbsign_cmac_setkey(&key, impl, k, klen), "%s: setkey", name);

	smbsign_cmac_finup(&key, &(struct smbsign_cmac_state){ 0 }, msg, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: one-shot", impl_name(cmac, impl), name);
	smbsign_cmac_digest(&key, msg, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: digest", impl_name(cmac, impl), name);
	runs += 2;

	if (len <= 80) {
		for (a = 0; a <= len; a++) {
			mac_split(&key, msg, len, a, a, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: split at %zu",
			      impl_name(cmac, impl), name, a);
			runs++;
		}
	} else {
		for (a = 0; a < 8; a++) {
			size_t x = test_rand() % (len + 1), y = test_rand() % (len + 1);

			mac_split(&key, msg, len, x < y ? x : y, x < y ? y : x, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: 3-way split",
			      impl_name(cmac, impl), name);
			runs++;
		}
	}

	for (off = 1; off < 16; off += 7) {
		memcpy(shifted + off, msg, len);
		mac_split(&key, shifted + off, len, len / 3, len / 2, out);
		CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: offset %zu",
		      impl_name(cmac, impl), name, off);
		runs++;
	}

	/* The fallback path: SIMD unusable after setkey, and during setkey. */
	smbsign_compat_simd_disabled = true;
	mac_split(&key, msg, len, len / 2, len / 2, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD unusable",
	      impl_name(cmac, impl), name);
	CHECK(!smbsign_cmac_setkey(&key, impl, k, klen), "%s: setkey", name);
	smbsign_compat_simd_disabled = false;
	CHECK(key.impl == impl, "%s: key bound to %s, not %s", name,
	      impl_name(cmac, key.impl), impl_name(cmac, impl));
	mac_split(&key, msg, len, 0, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: key set without SIMD",
	      impl_name(cmac, impl), name);
	runs += 2;
	memzero_explicit(&key, sizeof(key));
	return runs;
}

/*
 * SymCrypt's test RNG (unittest/lib/rng.cpp): SHA-1 of the seed, then
 * blocks SHA-1(seed || 64-bit little-endian counter), bytes taken in order.
 */
struct symcrypt_rng {
	uint8_t seed[20], buf[20];
	uint64_t ctr;
	unsigned int left;
};

static uint8_t symcrypt_rng_byte(struct symcrypt_rng *r)
{
	if (!r->left) {
		uint8_t in[28];
		int i;

		memcpy(in, r->seed, 20);
		for (i = 0; i < 8; i++)
			in[20 + i] = (uint8_t)(r->ctr >> (8 * i));
		SHA1(in, sizeof(in), r->buf);
		r->ctr++;
		r->left = 20;
	}
	return r->buf[20 - r->left--];
}

/*
 * Uniform in [0, upb), by rejection, as rng.cpp's sizet() (upb <= 128):
 * its mask covers the top bit of upb itself, one more than upb - 1 needs
 * when upb is a power of two, and that changes which bytes are rejected.
 */
static size_t symcrypt_rng_below(struct symcrypt_rng *r, size_t upb)
{
	unsigned int bits = 0;
	size_t v;

	while (upb >> bits)
		bits++;
	do
		v = symcrypt_rng_byte(r) & ((1u << bits) - 1);
	while (v >= upb);
	return v;
}

static void symcrypt_rng_range(struct symcrypt_rng *r, size_t size,
			       size_t *pos, size_t *len)
{
	size_t a = symcrypt_rng_below(r, size), b = symcrypt_rng_below(r, size);

	*pos = a < b ? a : b;
	*len = a < b ? b - a : a - b;
}

/*
 * SymCrypt's testMacRandom() (unittest/lib/testMac.cpp) for AES-CMAC: in a
 * 64-byte window of a buffer of 'N's, @rrep times take a key and 1..4 pieces
 * of input from random places, MAC them and write the MAC back at a random
 * place (wrapping); the answer is the MAC of the window under its first
 * @klen bytes.
 */
static void check_symcrypt_rnd(unsigned int impl,
			       const char *name, int rrep, size_t klen,
			       const uint8_t want[16])
{
	static const char alg[] = "AesCmac";
	enum { WINDOW = 64 };
	uint8_t buf[4096], mac[16];
	struct symcrypt_rng rng = { .left = 0 };
	struct smbsign_cmac_key key;
	struct smbsign_cmac_state st;
	int i;

	SHA1((const uint8_t *)alg, strlen(alg), rng.seed);
	memset(buf, 'N', sizeof(buf));
	for (i = 0; i < rrep; i++) {
		size_t key_at = symcrypt_rng_below(&rng, WINDOW);
		size_t dest = symcrypt_rng_below(&rng, WINDOW), pos, len, j;
		unsigned int appends = symcrypt_rng_byte(&rng) % 5;

		CHECK(!smbsign_cmac_setkey(&key, impl, buf + key_at, klen), "setkey");
		smbsign_cmac_init(&key, &st);
		for (j = 0; j < (appends ? appends : 1); j++) {
			symcrypt_rng_range(&rng, WINDOW, &pos, &len);
			smbsign_cmac_update(&key, &st, buf + pos, len);
		}
		smbsign_cmac_finup(&key, &st, NULL, 0, mac);
		for (j = 0; j < 16; j++)
			buf[(dest + j) % WINDOW] = mac[j];
	}
	CHECK(!smbsign_cmac_setkey(&key, impl, buf, klen), "setkey");
	smbsign_cmac_init(&key, &st);
	smbsign_cmac_finup(&key, &st, buf, WINDOW, mac);
	CHECK(!memcmp(mac, want, 16), "%s/%s: %d chained MACs", impl_name(cmac, impl), name, rrep);
}

static void check_bad_keys(unsigned int impl)
{
	static const unsigned int bad[] = { 0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64 };
	struct smbsign_cmac_key key, before;
	uint8_t k[64] = { 1 };
	unsigned int i;

	memset(&key, 0x5a, sizeof(key));
	key.impl = impl;
	memcpy(&before, &key, sizeof(key));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(smbsign_cmac_setkey(&key, impl, k, bad[i]) == -EINVAL,
		      "%s: key length %u accepted", impl_name(cmac, impl), bad[i]);
		CHECK(!memcmp(&key, &before, sizeof(key)),
		      "%s: rejected key length %u changed the key", impl_name(cmac, impl), bad[i]);
	}
}

/* Import refuses a state export could not have made, and changes nothing. */
static void check_bad_import(void)
{
	struct smbsign_cmac_state st, bad, before;

	memset(&st, 0x3c, sizeof(st));
	st.buf_len = 16;
	memcpy(&before, &st, sizeof(st));
	memset(&bad, 0, sizeof(bad));
	bad.buf_len = 17;
	CHECK(cmac->import(&st, &bad) == -EINVAL, "buf_len 17 imported");
	CHECK(!memcmp(&st, &before, sizeof(st)), "a refused import changed the state");
	bad.buf_len = 16;
	CHECK(!cmac->import(&st, &bad) && !memcmp(&st, &bad, sizeof(st)),
	      "a valid state not imported as it is");
}

int main(void)
{
	static char line[2 * MAX_MSG + 512];
	unsigned long vectors = 0, runs = 0, subkeys = 0, impls = 0, rnds = 0;
	unsigned int i, id;

	smbsign_macs_init();
	check_bad_import();
	for_each_impl(cmac, i, id) {
		check_bad_keys(id);
		impls++;
	}

	while (fgets(line, sizeof(line), stdin)) {
		char kind[16], name[64], khex[80], mhex[2 * MAX_MSG + 2], thex[80], res[4];
		uint8_t k[32], tag[16], k1[16], k2[16];
		size_t klen, len, tlen;
		int rrep;

		if (sscanf(line, "subkeys %63s %79s %79s %79s", name, khex, thex, mhex) == 4) {
			klen = test_unhex(khex, k, sizeof(k));
			test_unhex(thex, k1, 16);
			test_unhex(mhex, k2, 16);
			for_each_impl(cmac, i, id) {
				struct smbsign_cmac_key key;

				CHECK(!smbsign_cmac_setkey(&key, id, k, klen), "subkeys setkey");
				CHECK(!memcmp(key.k1, k1, 16) && !memcmp(key.k2, k2, 16),
				      "%s/%s: K1/K2", impl_name(cmac, id), name);
				subkeys++;
			}
			continue;
		}
		if (sscanf(line, "rrep %63s %d %zu %79s", name, &rrep, &klen, thex) == 4) {
			test_unhex(thex, tag, 16);
			for_each_impl(cmac, i, id)
				check_symcrypt_rnd(id, name, rrep, klen, tag);
			rnds++;
			continue;
		}
		if (sscanf(line, "%15s %63s %79s %s %79s %3s", kind, name, khex,
			   mhex, thex, res) != 6 || strcmp(kind, "cmac")) {
			fprintf(stderr, "cmac_kat: bad input line: %.60s\n", line);
			return 2;
		}
		klen = test_unhex(khex, k, sizeof(k));
		len = test_unhex(mhex, msg, MAX_MSG);
		tlen = test_unhex(thex, tag, sizeof(tag));
		vectors++;
		for_each_impl(cmac, i, id)
			runs += check_vector(id, name, k, klen, len, tag, tlen,
					     res[0] == 'P');
	}
	if (vectors < 350 || !subkeys || rnds < 3) {
		fprintf(stderr, "cmac_kat: only %lu vectors read\n", vectors);
		return 1;
	}
	printf("cmac_kat: %lu vectors x %lu implementations, %lu MACs, %lu subkey checks, %lu SymCrypt chained tests, %s\n",
	       vectors, impls, runs, subkeys, rnds, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
