// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GMAC known answers, against every implementation this CPU runs.
 *
 * Reads the lines of `tests/vectors.py --alg gmac` on stdin: NIST CAVP
 * gcmEncryptExtIV128 (CAVS 14.0), the sections with PTlen 0 and IVlen 96
 * (AES-128, AAD of 0..90 bytes, tags of 4..16 bytes: a short tag is the
 * prefix of the full one); McGrew-Viega GCM test case 1; SymCrypt [AesGcm]
 * test cases 1, 7 and 13 (AES-128/192/256); and three SMB2 messages whose
 * tags were derived by two independent implementations, not published.
 * Provenance in tests/vectors/README.md.
 *
 * smbsign's gmac(aes) takes the nonce as the first 12 bytes of the data, so
 * every vector is run as data = nonce || AAD: in one call, in every
 * two-piece split (splits inside the nonce included) or random three-piece
 * splits for long data, from misaligned copies and from the end of an
 * exact-size heap copy (so ASan sees an overread), with the state exported
 * and imported midway, with SIMD unusable during and after setkey or from
 * the middle of a message (the kernel's fallback path), and with SIMD
 * sections of a few blocks. Beside the vectors: bad key lengths, finup before
 * a whole nonce was given, and states that import must refuse.
 */
#include <string.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <crypto/internal/simd.h>
#include <smbsign/gmac.h>
#include "testutil.h"

#define NONCE		SMBSIGN_GMAC_NONCE_SIZE
#define MAX_AAD		4096
#define MAX_DATA	(NONCE + MAX_AAD)
/* Up to this much data every split point is tried; beyond, random ones. */
#define ALL_SPLITS	128
/* Fewer would mean the vector files went missing or stopped parsing. */
#define MIN_VECTORS	532

static uint8_t data[MAX_DATA], shifted[MAX_DATA + 16];
static unsigned int fpu_default;

static struct smbsign_mac *gmac = &smbsign_macs[SMBSIGN_GMAC];

/* Whether import takes @st: a state some sequence of updates produced. */
static bool state_valid(const struct smbsign_gmac_state *st)
{
	struct smbsign_gmac_state to;

	return !gmac->import(&to, st);
}

static int tag_ok(const uint8_t *out, const uint8_t *tag, size_t tlen)
{
	return memcmp(out, tag, tlen) == 0;
}

/*
 * @a bytes, an export and import of the state, up to @b, then finup with
 * the rest.
 */
static void mac_split(const struct smbsign_gmac_key *key, const uint8_t *d,
		      size_t len, size_t a, size_t b, uint8_t out[16])
{
	struct smbsign_gmac_state st;

	smbsign_gmac_init(key, &st);
	smbsign_gmac_update(key, &st, d, a);
	test_export_import(gmac, &st);
	smbsign_gmac_update(key, &st, d + a, b - a);
	CHECK(smbsign_gmac_finup(key, &st, d + b, len - b, out) >= 0,
	      "finup refused %zu bytes (split %zu/%zu)", len, a, b);
}

static void sorted(size_t *x, size_t *y)
{
	if (*x > *y) {
		size_t t = *x;

		*x = *y;
		*y = t;
	}
}

static unsigned long check_vector(unsigned int impl,
				  const char *name, const uint8_t *k,
				  size_t klen, size_t len, const uint8_t *tag,
				  size_t tlen, int valid)
{
	struct smbsign_gmac_key key;
	struct smbsign_gmac_state st;
	uint8_t out[16], other[32], *heap;
	unsigned long runs = 0;
	size_t a, b, off;
	int ret;

	/* Without a key nothing below means anything (and key.impl is junk). */
	if (smbsign_gmac_setkey(&key, impl, k, klen)) {
		CHECK(false, "%s/%s: setkey refused a %zu-byte key", impl_name(gmac, impl), name, klen);
		return 0;
	}
	CHECK(key.impl == impl, "%s: key bound to %s, not %s", name,
	      impl_name(gmac, key.impl), impl_name(gmac, impl));

	/* The key cache: a hit needs the same bytes and implementation. */
	memcpy(other, k, klen);
	other[klen - 1] ^= 1;
	CHECK(smbsign_gmac_key_matches(&key, impl, k, klen) &&
	      !smbsign_gmac_key_matches(&key, impl, other, klen) &&
	      !smbsign_gmac_key_matches(&key, impl, k, klen == 16 ? 24 : 16),
	      "%s/%s: key_matches", impl_name(gmac, impl), name);
	for (a = 0; a < gmac->impls->nr; a++)
		CHECK(a == impl || !smbsign_gmac_key_matches(&key, a, k, klen),
		      "%s/%s: key_matches %s", impl_name(gmac, impl), name,
		      impl_name(gmac, a));

	smbsign_gmac_init(&key, &st);
	CHECK(smbsign_gmac_finup(&key, &st, data, len, out) >= 0, "%s: finup", name);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: one-shot", impl_name(gmac, impl), name);
	CHECK(smbsign_gmac_digest(&key, data, len, out) >= 0, "%s: digest", name);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: digest", impl_name(gmac, impl), name);
	runs += 2;

	if (len <= ALL_SPLITS) {
		for (a = 0; a <= len; a++) {
			mac_split(&key, data, len, a, a, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: split at %zu",
			      impl_name(gmac, impl), name, a);
			runs++;
		}
	} else {
		for (a = 0; a < 8; a++) {
			/* Half of them with the first cut inside the nonce. */
			size_t x = test_rand() % (a % 2 ? NONCE + 1 : len + 1);
			size_t y = test_rand() % (len + 1);

			sorted(&x, &y);
			mac_split(&key, data, len, x, y, out);
			CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: split %zu/%zu",
			      impl_name(gmac, impl), name, x, y);
			runs++;
		}
	}

	/* SIMD sections of one to a few blocks: the section loop's edges. */
	for (a = 1; a <= 3; a++) {
		gmac->fpu_bytes = 16 * a;
		b = test_rand() % (len + 1);
		mac_split(&key, data, len, b, b, out);
		CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: fpu_bytes %u, split at %zu",
		      impl_name(gmac, impl), name, gmac->fpu_bytes, b);
		runs++;
	}
	gmac->fpu_bytes = fpu_default;

	for (off = 1; off < 16; off += 7) {
		memcpy(shifted + off, data, len);
		mac_split(&key, shifted + off, len, len / 3, len / 2, out);
		CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: offset %zu",
		      impl_name(gmac, impl), name, off);
		runs++;
	}

	/* At the very end of its allocation: a read past it is an ASan error. */
	heap = malloc(len);
	if (!heap) {
		fputs("gmac_kat: out of memory\n", stderr);
		exit(2);
	}
	memcpy(heap, data, len);
	mac_split(&key, heap, len, len / 2, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: exact-size heap copy",
	      impl_name(gmac, impl), name);
	free(heap);
	runs++;

	/* The fallback path: SIMD unusable from mid-message on. */
	smbsign_gmac_init(&key, &st);
	smbsign_gmac_update(&key, &st, data, len / 2);
	smbsign_compat_simd_disabled = true;
	CHECK(smbsign_gmac_finup(&key, &st, data + len / 2, len - len / 2, out) >= 0,
	      "%s: finup", name);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD unusable mid-message",
	      impl_name(gmac, impl), name);
	/* ... for a whole message after setkey, and during setkey. */
	mac_split(&key, data, len, len / 2, len / 2, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: SIMD unusable",
	      impl_name(gmac, impl), name);
	ret = smbsign_gmac_setkey(&key, impl, k, klen);
	smbsign_compat_simd_disabled = false;
	if (ret) {
		CHECK(false, "%s/%s: setkey without SIMD refused", impl_name(gmac, impl), name);
		return runs;
	}
	CHECK(key.impl == impl, "%s: key set without SIMD bound to %s, not %s", name,
	      impl_name(gmac, key.impl), impl_name(gmac, impl));
	mac_split(&key, data, len, 0, len, out);
	CHECK(tag_ok(out, tag, tlen) == valid, "%s/%s: key set without SIMD",
	      impl_name(gmac, impl), name);
	runs += 3;
	memzero_explicit(&key, sizeof(key));
	return runs;
}

static void check_bad_keys(unsigned int impl)
{
	static const unsigned int bad[] = { 0, 1, 8, 12, 15, 17, 20, 23, 25, 31, 33, 64 };
	struct smbsign_gmac_key key, before;
	uint8_t k[64] = { 1 };
	unsigned int i;

	memset(&key, 0x5a, sizeof(key));
	key.impl = impl;
	memcpy(&before, &key, sizeof(key));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(smbsign_gmac_setkey(&key, impl, k, bad[i]) == -EINVAL,
		      "%s: key length %u accepted", impl_name(gmac, impl), bad[i]);
		CHECK(!memcmp(&key, &before, sizeof(key)),
		      "%s: rejected key length %u changed the key", impl_name(gmac, impl), bad[i]);
	}
}

/*
 * finup before 12 bytes were given has no nonce to work with: -EINVAL, no
 * tag, and a state that has taken the bytes (gmac.h), so the rest of the
 * data still gives the right tag. Tried with 0, 1 and 11 bytes, given to
 * finup alone or split between update and finup.
 */
static unsigned long check_short_nonce(unsigned int impl)
{
	static const size_t given[] = { 0, 1, 11 };
	struct smbsign_gmac_key key;
	struct smbsign_gmac_state st;
	uint8_t k[32], d[NONCE + 40], want[16], out[16], sentinel[16];
	unsigned long runs = 0;
	unsigned int i;
	size_t a;

	test_fill(k, sizeof(k));
	test_fill(d, sizeof(d));
	memset(sentinel, 0xcc, sizeof(sentinel));
	if (smbsign_gmac_setkey(&key, impl, k, 32)) {
		CHECK(false, "%s: setkey refused a 32-byte key", impl_name(gmac, impl));
		return 0;
	}
	smbsign_gmac_init(&key, &st);
	CHECK(smbsign_gmac_finup(&key, &st, d, sizeof(d), want) >= 0, "finup");

	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
		for (a = 0; a <= given[i]; a++) {
			smbsign_gmac_init(&key, &st);
			smbsign_gmac_update(&key, &st, d, a);
			memcpy(out, sentinel, 16);
			CHECK(smbsign_gmac_finup(&key, &st, d + a, given[i] - a, out) == -EINVAL,
			      "%s: finup after %zu + %zu bytes, no whole nonce, accepted",
			      impl_name(gmac, impl), a, given[i] - a);
			CHECK(!memcmp(out, sentinel, 16),
			      "%s: refused finup after %zu bytes wrote a tag",
			      impl_name(gmac, impl), given[i]);
			CHECK(state_valid(&st),
			      "%s: state after a refused finup (%zu bytes) not valid",
			      impl_name(gmac, impl), given[i]);
			CHECK(smbsign_gmac_finup(&key, &st, d + given[i],
						  sizeof(d) - given[i], out) >= 0 &&
			      !memcmp(out, want, 16),
			      "%s: the rest after a refused finup (%zu + %zu bytes) gave a wrong tag",
			      impl_name(gmac, impl), a, given[i] - a);
			runs++;
		}
	}
	memzero_explicit(&key, sizeof(key));
	return runs;
}

/*
 * Import must refuse what no sequence of updates produces: a nonce longer
 * than 12 bytes, a whole block left in the buffer, message bytes before the
 * nonce is complete, a buffer that disagrees with the message length.
 */
static void check_bad_states(unsigned int impl)
{
	struct smbsign_gmac_key key;
	struct smbsign_gmac_state st, bad;
	uint8_t k[16], d[NONCE + 21];

	test_fill(k, sizeof(k));
	test_fill(d, sizeof(d));
	if (smbsign_gmac_setkey(&key, impl, k, 16)) {
		CHECK(false, "%s: setkey refused a 16-byte key", impl_name(gmac, impl));
		return;
	}
	smbsign_gmac_init(&key, &st);
	CHECK(state_valid(&st), "%s: initial state not valid", impl_name(gmac, impl));
	smbsign_gmac_update(&key, &st, d, sizeof(d));
	CHECK(state_valid(&st), "%s: state not valid", impl_name(gmac, impl));

	bad = st;
	bad.nonce_len = NONCE + 1;
	CHECK(!state_valid(&bad), "%s: import took nonce_len 13", impl_name(gmac, impl));
	bad = st;
	bad.buf_len = 16;
	bad.msg_len += 11;
	CHECK(!state_valid(&bad), "%s: import took buf_len 16", impl_name(gmac, impl));
	bad = st;
	bad.nonce_len = NONCE - 1;
	CHECK(!state_valid(&bad),
	      "%s: import took message bytes before a whole nonce", impl_name(gmac, impl));
	bad = st;
	bad.msg_len++;
	CHECK(!state_valid(&bad),
	      "%s: import took buf_len %u with msg_len %llu", impl_name(gmac, impl),
	      (unsigned int)bad.buf_len, (unsigned long long)bad.msg_len);
	memzero_explicit(&key, sizeof(key));
}

int main(void)
{
	static char line[2 * MAX_DATA + 512];
	static char ahex[2 * MAX_AAD + 2];
	unsigned long vectors = 0, runs = 0, impls = 0, short_nonce = 0;
	char names[256] = "";
	unsigned int i, impl;

	smbsign_macs_init();
	fpu_default = gmac->fpu_bytes;
	for_each_impl(gmac, i, impl) {
		check_bad_keys(impl);
		short_nonce += check_short_nonce(impl);
		check_bad_states(impl);
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", impls ? " " : "", impl_name(gmac, impl));
		impls++;
	}

	while (fgets(line, sizeof(line), stdin)) {
		char kind[16], name[64], khex[80], nhex[80], thex[80], res[4];
		uint8_t k[32], tag[16];
		size_t klen, nlen, len, tlen;

		if (sscanf(line, "%15s %63s %79s %79s %8193s %79s %3s", kind, name,
			   khex, nhex, ahex, thex, res) != 7 || strcmp(kind, "gmac") ||
		    (res[0] != 'P' && res[0] != 'F')) {
			fprintf(stderr, "gmac_kat: bad input line: %.60s\n", line);
			return 2;
		}
		klen = test_unhex(khex, k, sizeof(k));
		nlen = test_unhex(nhex, data, NONCE);
		len = NONCE + test_unhex(ahex, data + NONCE, MAX_AAD);
		tlen = test_unhex(thex, tag, sizeof(tag));
		if (nlen != NONCE || strlen(nhex) != 2 * NONCE || !tlen) {
			fprintf(stderr, "gmac_kat: %s: nonce must be 12 bytes, tag 1..16\n", name);
			return 2;
		}
		vectors++;
		for_each_impl(gmac, i, impl)
			runs += check_vector(impl, name, k, klen, len, tag, tlen,
					     res[0] == 'P');
	}
	if (vectors < MIN_VECTORS) {
		fprintf(stderr, "gmac_kat: only %lu vectors read, want %d\n",
			vectors, MIN_VECTORS);
		return 1;
	}
	printf("gmac_kat: %lu vectors x %lu implementations (%s), %lu MACs, %lu short-nonce finups, %s\n",
	       vectors, impls, names, runs, short_nonce, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
