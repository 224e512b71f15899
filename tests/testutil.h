/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the userspace test programs. */
#ifndef _SMBSIGN_TESTUTIL_H
#define _SMBSIGN_TESTUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smbsign/mac.h>

static unsigned long test_failures;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			test_failures++;				\
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			if (test_failures > 20) {			\
				fputs("too many failures\n", stderr);	\
				exit(1);				\
			}						\
		}							\
	} while (0)

/* xorshift64*: reproducible test data from a printed seed, not for keys. */
static uint64_t test_rng_state = 0x9e3779b97f4a7c15ULL;

static inline uint64_t test_rand(void)
{
	uint64_t x = test_rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	test_rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static inline void test_fill(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = (uint8_t)test_rand();
}

/* A cut point anywhere in 0..@total. */
static inline size_t test_cut_anywhere(size_t total)
{
	return (size_t)(test_rand() % (total + 1));
}

/*
 * Cut points for a message of @total bytes in @parts pieces (parts - 1
 * updates, then finup): cut[0] = 0 <= cut[1] <= ... <= cut[parts] = total,
 * the inner ones from @pick, sorted.
 */
static inline void test_cuts(size_t *cut, unsigned int parts, size_t total,
			     size_t (*pick)(size_t total))
{
	unsigned int i, j;

	cut[0] = 0;
	for (i = 1; i < parts; i++)
		cut[i] = pick(total);
	cut[parts] = total;
	for (i = 1; i < parts; i++) {
		for (j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
			size_t t = cut[j];

			cut[j] = cut[j - 1];
			cut[j - 1] = t;
		}
	}
}

static inline size_t test_unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned int b;

	if (hex[0] == '-' && !hex[1])
		return 0;
	while (hex[2 * n] && n < max && sscanf(hex + 2 * n, "%2x", &b) == 1)
		out[n++] = (uint8_t)b;
	return n;
}

/*
 * Most bytes per SIMD section for a run: the kernel's range
 * (SMBSIGN_FPU_BYTES_MIN..MAX), or a few blocks of @block bytes, or less
 * than one, to drive the section loops' edges.
 */
static inline unsigned int test_random_fpu_bytes(unsigned int block)
{
	uint64_t r = test_rand();

	switch (r % 4) {
	case 0:
		return 1 + (r >> 8) % (4 * block);
	case 1:
		return block * (1 + (r >> 8) % 64);
	case 2:
		return SMBSIGN_FPU_BYTES_MIN + (r >> 8) % 8192;
	default:
		return SMBSIGN_FPU_BYTES_MIN + (r >> 8) %
		       (SMBSIGN_FPU_BYTES_MAX - SMBSIGN_FPU_BYTES_MIN + 1);
	}
}

/*
 * For each implementation of @mac this CPU runs: @id its id, @i the
 * position in the list (call smbsign_macs_init() first).
 */
#define for_each_impl(mac, i, id)					\
	for ((i) = 0; (i) < (mac)->impls->nr_supp &&			\
		      ((id) = (mac)->impls->supp[(i)], 1); (i)++)

static inline const char *impl_name(const struct smbsign_mac *mac,
				    unsigned int id)
{
	return mac->impls->table[id].name;
}

/*
 * The state's export, a copy (as the crypto API glue does it), then its
 * import after @st was wrecked: what a mid-message export/import is.
 */
static inline void test_export_import(const struct smbsign_mac *mac, void *st)
{
	uint8_t copy[SMBSIGN_MAC_MAX_STATE];

	memcpy(copy, st, mac->state_size);
	memset(st, 0xa5, mac->state_size);
	CHECK(!mac->import(st, copy), "%s: import of an exported state",
	      mac->name);
}

#endif
