// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 known answers, against every implementation this CPU runs.
 *
 * Reads the lines of `tests/vectors.py --alg hmac` on stdin: NIST CAVP
 * HMACVS [L=32] (CAVS 11.0; keys of 40..74 bytes, 128-byte messages, tags
 * truncated to 16, 24 or 32 bytes: a short tag is the prefix of the full
 * one), RFC 4231 test cases 1-7 (case 5 truncated to 128 bits, cases 6 and 7
 * with 131-byte keys), the SymCrypt [HmacSha256] KATs (keys of 16..96 bytes,
 * an empty message) and its chained random test, and an SMB2 message whose
 * tag was derived by two independent implementations, not published.
 * Provenance in tests/vectors/README.md.
 *
 * Every vector is computed in one call, in every two-piece split (random
 * three-piece splits for long messages), from misaligned copies and from the
 * end of exact-size heap copies of the message and of the key (so ASan sees
 * an overread), with the state exported and imported midway (a flat copy
 * that state_valid() must accept), with SIMD sections of a few
 * blocks, and with SIMD unusable during and after setkey or from the middle
 * of a message (the kernel's fallback path). Each key is checked to be bound
 * to the implementation that set it and against the key cache: a hit needs
 * the same bytes, the same length and the same implementation, and keys
 * longer than a block (hashed first) never hit. Beside the vectors: the
 * empty key, zero-length pieces given as NULL, and states that import must
 * refuse.
 *
 * SymCrypt's chained random test (100000 MACs with keys of 0..255 bytes) is
 * replayed with SymCrypt's own test RNG, as testMacRandom() runs it.
 */
#include <string.h>
#include <openssl/sha.h>
#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/hmac.h>
#include "testutil.h"

#define DIGEST		SMBSIGN_HMAC_DIGEST_SIZE
#define BLOCK		SMBSIGN_SHA256_BLOCK_SIZE
#define MAX_KEY		256
#define MAX_MSG		4096
/* Up to this many message bytes every split point is tried; beyond, random ones. */
#define ALL_SPLITS	128
/*
 * 225 NIST + 7 RFC 4231 + 76 SymCrypt + 1 SMB: fewer would mean the vector
 * files went missing or stopped parsing.
 */
#define MIN_VECTORS	309

static uint8_t msg[MAX_MSG], shifted[MAX_MSG + 16];
static unsigned int fpu_default;
static struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];

/* Whether import takes @st: a state some sequence of updates produced. */
static bool state_valid(const struct smbsign_hmac_state *st)
{
	struct smbsign_hmac_state to;

	return !hmac->import(&to, st);
}

static int tag_ok(const uint8_t *out, const uint8_t *tag, size_t tlen)
{
	return memcmp(out, tag, tlen) == 0;
}

/*
 * @a bytes, an export and import of the state, up to @b, then finup with
 * the rest.
 */
static void mac_split(const struct smbsign_hmac_key *key, const uint8_t *m,
		      size_t len, size_t a, size_t b, uint8_t out[DIGEST])
{
	struct smbsign_hmac_state st;

	smbsign_hmac_init(key, &st);
	smbsign_hmac_update(key, &st, m, a);
	test_export_import(hmac, &st);
	smbsign_hmac_update(key, &st, m + a, b - a);
	smbsign_hmac_finup(key, &st, m + b, len - b, out);
}

static void sorted(size_t *x, size_t *y)
{
	if (*x > *y) {
		size_t t = *x;

		*x = *y;
		*y = t;
	}
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("hmac_kat: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

/*
 * The key cache (Documentation/design.rst, "Keys"): a hit needs the same
 * key bytes, the same length and the same implementation; a key longer
 * than a block is hashed, not kept, and never hits.
 */
static void check_key_cache(const struct smbsign_hmac_key *key,
			    unsigned int impl,
			    const char *name, const uint8_t *k, size_t klen)
{
	uint8_t other[MAX_KEY + 1];
	bool cached = klen <= SMBSIGN_HMAC_CACHED_KEY_MAX;
	unsigned int i;

	CHECK(key->cacheable == cached, "%s/%s: %zu-byte key %s cacheable",
	      impl_name(hmac, impl), name, klen, key->cacheable ? "is" : "is not");
	CHECK(smbsign_hmac_key_matches(key, impl, k, klen) == cached,
	      "%s/%s: key_matches for the same %zu-byte key says %s", impl_name(hmac, impl),
	      name, klen, cached ? "no" : "yes");
	memcpy(other, k, klen);
	if (klen) {
		other[0] ^= 0x80;
		CHECK(!smbsign_hmac_key_matches(key, impl, other, klen),
		      "%s/%s: key_matches with the first byte changed", impl_name(hmac, impl), name);
		other[0] ^= 0x80;
		other[klen - 1] ^= 1;
		CHECK(!smbsign_hmac_key_matches(key, impl, other, klen),
		      "%s/%s: key_matches with the last byte changed", impl_name(hmac, impl), name);
		other[klen - 1] ^= 1;
		/* A prefix of the key is another key. */
		CHECK(!smbsign_hmac_key_matches(key, impl, other, klen - 1),
		      "%s/%s: key_matches for the first %zu bytes", impl_name(hmac, impl), name, klen - 1);
	}
	/* So is the key with a zero byte appended (HMAC pads with zeros). */
	other[klen] = 0;
	CHECK(!smbsign_hmac_key_matches(key, impl, other, klen + 1),
	      "%s/%s: key_matches for the key and a zero byte", impl_name(hmac, impl), name);
	for (i = 0; i < hmac->impls->nr; i++)
		CHECK(i == impl || !smbsign_hmac_key_matches(key, i, k, klen),
		      "%s/%s: key_matches for implementation %s",
		      impl_name(hmac, impl), name, impl_name(hmac, i));
}

static unsigned long check_vector(unsigned int impl,
				  const char *name, const uint8_t *k,
				  size_t klen, size_t len, const uint8_t *tag,
				  size_t tlen, int valid)
{
	struct smbsign_hmac_key key;
	struct smbsign_hmac_state st;
	uint8_t out[DIGEST + 16], *heap;
	unsigned long runs = 0;
	size_t a, b, off;

	smbsign_hmac_setkey(&key, impl, k, klen);
	CHECK(key.impl == impl, "%s: key bound to %s, not %s", name,
	      impl_name(hmac, key.impl), impl_name(hmac, impl));
	check_key_cache(&key, impl, name, k, klen);

	/* One call; and the digest is 32 bytes, not one more. */
	memset(out, 0xcc, sizeof(out));
	smbsign_hmac_init(&key, &st);
	smbsign_hmac_finup(&key, &st, msg, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: one-shot", impl_name(hmac, impl), name);
	for (a = DIGEST; a < sizeof(out); a++)
		CHECK(out[a] == 0xcc, "%s/%s: finup wrote byte %zu", impl_name(hmac, impl), name, a);
	smbsign_hmac_digest(&key, msg, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: digest", impl_name(hmac, impl), name);
	for (a = DIGEST; a < sizeof(out); a++)
		CHECK(out[a] == 0xcc, "%s/%s: digest wrote byte %zu", impl_name(hmac, impl), name, a);
	runs += 2;

	if (len <= ALL_SPLITS) {
		for (a = 0; a <= len; a++) {
			mac_split(&key, msg, len, a, a, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: split at %zu",
			      impl_name(hmac, impl), name, a);
			runs++;
		}
	} else {
		for (a = 0; a < 8; a++) {
			size_t x = test_rand() % (len + 1), y = test_rand() % (len + 1);

			sorted(&x, &y);
			mac_split(&key, msg, len, x, y, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: split %zu/%zu",
			      impl_name(hmac, impl), name, x, y);
			runs++;
		}
	}

	/* SIMD sections of under one to a few blocks: the section loop's edges. */
	for (a = 0; a < 4; a++) {
		static const unsigned int fpu[] = { 1, BLOCK, BLOCK + 1, 3 * BLOCK };

		hmac->fpu_bytes = fpu[a];
		b = test_rand() % (len + 1);
		mac_split(&key, msg, len, b, b, out);
		CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: fpu_bytes %u, split at %zu",
		      impl_name(hmac, impl), name, hmac->fpu_bytes, b);
		runs++;
	}
	hmac->fpu_bytes = fpu_default;

	for (off = 1; off < 16; off += 7) {
		memcpy(shifted + off, msg, len);
		mac_split(&key, shifted + off, len, len / 3, len / 2, out);
		CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: offset %zu",
		      impl_name(hmac, impl), name, off);
		runs++;
	}

	/* At the very end of its allocation: a read past it is an ASan error. */
	heap = xmalloc(len);
	memcpy(heap, msg, len);
	mac_split(&key, heap, len, len / 2, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: exact-size heap copy",
	      impl_name(hmac, impl), name);
	free(heap);
	runs++;

	/* The key from an exact-size heap copy, at an odd address. */
	heap = xmalloc(klen + 1);
	memcpy(heap + 1, k, klen);
	smbsign_hmac_setkey(&key, impl, heap + 1, klen);
	free(heap);
	mac_split(&key, msg, len, 0, len / 2, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: key from an exact-size heap copy",
	      impl_name(hmac, impl), name);
	runs++;

	/* The fallback path: SIMD unusable from mid-message on. */
	smbsign_hmac_init(&key, &st);
	smbsign_hmac_update(&key, &st, msg, len / 2);
	smbsign_compat_simd_disabled = true;
	smbsign_hmac_finup(&key, &st, msg + len / 2, len - len / 2, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD unusable mid-message",
	      impl_name(hmac, impl), name);
	/* ... for a whole message after setkey, and during setkey. */
	mac_split(&key, msg, len, len / 2, len / 2, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD unusable",
	      impl_name(hmac, impl), name);
	smbsign_hmac_setkey(&key, impl, k, klen);
	smbsign_compat_simd_disabled = false;
	CHECK(key.impl == impl, "%s: key set without SIMD bound to %s, not %s", name,
	      impl_name(hmac, key.impl), impl_name(hmac, impl));
	check_key_cache(&key, impl, name, k, klen);
	mac_split(&key, msg, len, 0, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: key set without SIMD",
	      impl_name(hmac, impl), name);
	/* ... and SIMD usable again in the middle of the message. */
	smbsign_compat_simd_disabled = true;
	smbsign_hmac_init(&key, &st);
	smbsign_hmac_update(&key, &st, msg, len / 3);
	smbsign_compat_simd_disabled = false;
	smbsign_hmac_finup(&key, &st, msg + len / 3, len - len / 3, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD usable mid-message",
	      impl_name(hmac, impl), name);
	runs += 4;
	memzero_explicit(&key, sizeof(key));
	return runs;
}

/*
 * The empty key (RFC 2104: K is zero-padded to a block, so any length is
 * valid, 0 too), as a NULL pointer and as a real one, with the empty message
 * given as NULL pieces and with a real one: HMAC-SHA256("", "") and
 * HMAC-SHA256("", "abc"), computed with Python's hmac module and OpenSSL.
 */
static unsigned long check_empty_key(unsigned int impl)
{
	static const uint8_t empty_empty[DIGEST] = {
		0xb6, 0x13, 0x67, 0x9a, 0x08, 0x14, 0xd9, 0xec, 0x77, 0x2f, 0x95, 0xd7,
		0x78, 0xc3, 0x5f, 0xc5, 0xff, 0x16, 0x97, 0xc4, 0x93, 0x71, 0x56, 0x53,
		0xc6, 0xc7, 0x12, 0x14, 0x42, 0x92, 0xc5, 0xad,
	};
	static const uint8_t empty_abc[DIGEST] = {
		0xfd, 0x7a, 0xdb, 0x15, 0x2c, 0x05, 0xef, 0x80, 0xdc, 0xcf, 0x50, 0xa1,
		0xfa, 0x4c, 0x05, 0xd5, 0xa3, 0xec, 0x6d, 0xa9, 0x55, 0x75, 0xfc, 0x31,
		0x2a, 0xe7, 0xc5, 0xd0, 0x91, 0x83, 0x63, 0x51,
	};
	const uint8_t zero = 0;
	struct smbsign_hmac_key key;
	struct smbsign_hmac_state st;
	uint8_t out[DIGEST];
	unsigned long runs = 0;
	int i;

	for (i = 0; i < 2; i++) {
		smbsign_hmac_setkey(&key, impl, i ? (const u8 *)"x" : NULL, 0);
		CHECK(key.impl == impl && key.cacheable,
		      "%s: empty key (%s) not bound or not cacheable", impl_name(hmac, impl),
		      i ? "pointer" : "NULL");
		CHECK(smbsign_hmac_key_matches(&key, impl, NULL, 0) &&
		      smbsign_hmac_key_matches(&key, impl, (const u8 *)"y", 0),
		      "%s: the empty key does not match itself", impl_name(hmac, impl));
		CHECK(!smbsign_hmac_key_matches(&key, impl, &zero, 1),
		      "%s: the empty key matches the key 00", impl_name(hmac, impl));

		/* Zero-length pieces as NULL, as a kernel caller may give them. */
		smbsign_hmac_init(&key, &st);
		smbsign_hmac_update(&key, &st, NULL, 0);
		smbsign_hmac_update(&key, &st, NULL, 0);
		smbsign_hmac_finup(&key, &st, NULL, 0, out);
		CHECK(!memcmp(out, empty_empty, DIGEST), "%s: HMAC(\"\", \"\")", impl_name(hmac, impl));
		smbsign_hmac_init(&key, &st);
		smbsign_hmac_update(&key, &st, (const u8 *)"ab", 2);
		smbsign_hmac_update(&key, &st, NULL, 0);
		smbsign_hmac_finup(&key, &st, (const u8 *)"c", 1, out);
		CHECK(!memcmp(out, empty_abc, DIGEST), "%s: HMAC(\"\", \"abc\")", impl_name(hmac, impl));
		smbsign_hmac_init(&key, &st);
		smbsign_hmac_update(&key, &st, (const u8 *)"abc", 3);
		smbsign_hmac_finup(&key, &st, NULL, 0, out);
		CHECK(!memcmp(out, empty_abc, DIGEST), "%s: HMAC(\"\", \"abc\"), empty finup",
		      impl_name(hmac, impl));
		runs += 3;
	}
	memzero_explicit(&key, sizeof(key));
	return runs;
}

/*
 * Import must refuse what no sequence of updates produces: the inner hash
 * always starts with the key block, so fewer than 64 bytes, and SHA-256
 * takes less than 2^64 bits, so 2^61 bytes or more. What updates produce it
 * must take, whatever the buffer beyond the bytes held holds.
 */
static void check_bad_states(unsigned int impl)
{
	static const uint64_t bad[] = { 0, 1, BLOCK - 1, 1ULL << 61, ~0ULL };
	struct smbsign_hmac_key key;
	struct smbsign_hmac_state st, other;
	uint8_t k[20], d[3 * BLOCK + 1];
	unsigned int i;
	size_t n;

	test_fill(k, sizeof(k));
	test_fill(d, sizeof(d));
	smbsign_hmac_setkey(&key, impl, k, sizeof(k));
	for (n = 0; n <= sizeof(d); n++) {
		smbsign_hmac_init(&key, &st);
		smbsign_hmac_update(&key, &st, d, n);
		CHECK(state_valid(&st), "%s: state after %zu bytes refused",
		      impl_name(hmac, impl), n);
		other = st;
		memset(other.buf + n % BLOCK, 0xee, BLOCK - n % BLOCK);
		CHECK(state_valid(&other),
		      "%s: state after %zu bytes refused for the unused buffer", impl_name(hmac, impl), n);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		other = st;
		other.len = bad[i];
		CHECK(!state_valid(&other), "%s: import took len %llu",
		      impl_name(hmac, impl), (unsigned long long)bad[i]);
	}
	memzero_explicit(&key, sizeof(key));
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
 * Uniform in [0, @upb), @upb >= 1, as rng.cpp's sizet(): with msb the index
 * of @upb's top bit, it reads (msb + 8) / 8 bytes big-endian, masks them to
 * msb + 1 bits and rejects values >= @upb. (So 256 takes two bytes a try and
 * a mask of 9 bits.)
 */
static size_t symcrypt_rng_below(struct symcrypt_rng *r, size_t upb)
{
	unsigned int msb = 0, nbytes, i;
	size_t v, mask;

	while (upb >> (msb + 1))
		msb++;
	mask = ((size_t)1 << msb) | (((size_t)1 << msb) - 1);
	nbytes = (msb + 8) / 8;
	do {
		v = 0;
		for (i = 0; i < nbytes; i++)
			v = v << 8 | symcrypt_rng_byte(r);
		v &= mask;
	} while (v >= upb);
	return v;
}

/*
 * rng.cpp's sizetNonUniform(upb, 64, 2): one byte decides the range, each
 * trailing one bit (while the range is below @upb) multiplying it by 4.
 */
static size_t symcrypt_rng_nonuniform(struct symcrypt_rng *r, size_t upb)
{
	unsigned int prob = symcrypt_rng_byte(r);
	size_t limit = 64;

	while ((prob & 1) && limit < upb) {
		prob >>= 1;
		limit <<= 2;
	}
	return symcrypt_rng_below(r, limit < upb ? limit : upb);
}

static void symcrypt_rng_range(struct symcrypt_rng *r, size_t size,
			       size_t *pos, size_t *len)
{
	size_t a = symcrypt_rng_below(r, size), b = symcrypt_rng_below(r, size);

	*pos = a < b ? a : b;
	*len = a < b ? b - a : a - b;
}

/*
 * SymCrypt's testMacRandom() (unittest/lib/testMac.cpp) for HMAC-SHA256: in
 * a buffer of max(64, 4 * 64) = 256 bytes, all 'N' at first, @rrep times
 * take a key at a random place (its length random, 0 up to the end of the
 * buffer, when @klen < 0) and 1..4 pieces of input from random places, MAC
 * them and write the MAC back at a random place (wrapping). The answer is
 * the MAC of the whole buffer under its first @klen bytes (no bytes when
 * @klen < 0).
 */
static void check_symcrypt_rnd(unsigned int impl,
			       const char *name, int rrep, long klen,
			       const uint8_t want[DIGEST])
{
	static const char alg[] = "HmacSha256";
	enum { WINDOW = 4 * BLOCK };
	uint8_t buf[WINDOW], mac[DIGEST];
	struct symcrypt_rng rng = { .left = 0 };
	struct smbsign_hmac_key key;
	struct smbsign_hmac_state st;
	int i;

	SHA1((const uint8_t *)alg, strlen(alg), rng.seed);
	memset(buf, 'N', sizeof(buf));
	for (i = 0; i < rrep; i++) {
		size_t key_at = symcrypt_rng_below(&rng, WINDOW), key_len, dest, pos, len, j;
		unsigned int appends;

		key_len = klen < 0 ? symcrypt_rng_nonuniform(&rng, WINDOW - key_at) :
			  (size_t)klen;
		dest = symcrypt_rng_below(&rng, WINDOW);
		appends = symcrypt_rng_byte(&rng) % 5;
		smbsign_hmac_setkey(&key, impl, buf + key_at, key_len);
		smbsign_hmac_init(&key, &st);
		/* 0 appends is SymCrypt's one-call mac(): one piece too. */
		for (j = 0; j < (appends ? appends : 1); j++) {
			symcrypt_rng_range(&rng, WINDOW, &pos, &len);
			smbsign_hmac_update(&key, &st, buf + pos, len);
		}
		smbsign_hmac_finup(&key, &st, NULL, 0, mac);
		for (j = 0; j < DIGEST; j++)
			buf[(dest + j) % WINDOW] = mac[j];
	}
	smbsign_hmac_setkey(&key, impl, buf, klen < 0 ? 0 : (size_t)klen);
	smbsign_hmac_init(&key, &st);
	smbsign_hmac_finup(&key, &st, buf, WINDOW, mac);
	CHECK(!memcmp(mac, want, DIGEST), "%s/%s: %d chained MACs", impl_name(hmac, impl), name, rrep);
	memzero_explicit(&key, sizeof(key));
}

int main(void)
{
	static char line[2 * (MAX_MSG + MAX_KEY) + 512];
	static char mhex[2 * MAX_MSG + 2], khex[2 * MAX_KEY + 2];
	unsigned long vectors = 0, runs = 0, impls = 0, rnds = 0, empty = 0;
	char names[256] = "";
	unsigned int i, impl;

	smbsign_macs_init();
	fpu_default = hmac->fpu_bytes;
	for_each_impl(hmac, i, impl) {
		empty += check_empty_key(impl);
		check_bad_states(impl);
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", impls ? " " : "", impl_name(hmac, impl));
		impls++;
	}

	while (fgets(line, sizeof(line), stdin)) {
		char kind[16], name[64], thex[80], res[4], kl[16];
		uint8_t k[MAX_KEY], tag[DIGEST];
		size_t klen, len, tlen;
		int rrep;

		if (sscanf(line, "hmacrrep %63s %d %15s %79s", name, &rrep, kl, thex) == 4) {
			long klen_rnd = strcmp(kl, "-") ? strtol(kl, NULL, 10) : -1;

			if (rrep <= 0 || klen_rnd >= 4 * BLOCK ||
			    test_unhex(thex, tag, DIGEST) != DIGEST || strlen(thex) != 2 * DIGEST) {
				fprintf(stderr, "hmac_kat: %s: bad chained test line\n", name);
				return 2;
			}
			for_each_impl(hmac, i, impl)
				check_symcrypt_rnd(impl, name, rrep, klen_rnd,
						   tag);
			rnds++;
			continue;
		}
		if (sscanf(line, "%15s %63s %513s %8193s %79s %3s", kind, name, khex,
			   mhex, thex, res) != 6 || strcmp(kind, "hmac") ||
		    (res[0] != 'P' && res[0] != 'F')) {
			fprintf(stderr, "hmac_kat: bad input line: %.60s\n", line);
			return 2;
		}
		klen = test_unhex(khex, k, MAX_KEY);
		len = test_unhex(mhex, msg, MAX_MSG);
		tlen = test_unhex(thex, tag, DIGEST);
		if ((strcmp(khex, "-") && strlen(khex) != 2 * klen) ||
		    (strcmp(mhex, "-") && strlen(mhex) != 2 * len) ||
		    !tlen || strlen(thex) != 2 * tlen) {
			fprintf(stderr, "hmac_kat: %s: key, message or tag too long or not hex\n",
				name);
			return 2;
		}
		vectors++;
		for_each_impl(hmac, i, impl)
			runs += check_vector(impl, name, k, klen, len, tag, tlen,
					     res[0] == 'P');
	}
	if (vectors < MIN_VECTORS || !rnds || !impls) {
		fprintf(stderr, "hmac_kat: only %lu vectors and %lu chained tests read, want %d and 1\n",
			vectors, rnds, MIN_VECTORS);
		return 1;
	}
	printf("hmac_kat: %lu vectors x %lu implementations (%s), %lu MACs, %lu empty-key MACs, %lu SymCrypt chained tests, %s\n",
	       vectors, impls, names, runs, empty, rnds, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
