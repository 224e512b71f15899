// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware bounds measured on the spot, so that a benchmark figure can be
 * read as a fraction of what the core can do at all:
 *  - the CBC-MAC floor: a chain of dependent 10-round AES-128 encryptions
 *    (each block waits for the previous one, as in CMAC), rounds only;
 *  - the core clock: a chain of dependent 1-cycle integer adds.
 * These are measuring loops, not implementations of anything.
 */
#include <immintrin.h>
#include <stdint.h>
#include "bench.h"

#if defined(__x86_64__)
__attribute__((target("aes,sse2")))
uint64_t floor_aes128_chain(uint64_t nblocks)
{
	__m128i k[11], s = _mm_set1_epi32(0x01234567);
	int i;

	for (i = 0; i < 11; i++)
		k[i] = _mm_set1_epi32(0x9e3779b9 * (i + 1));
	/*
	 * Ten dependent rounds per block and nothing else: the whitening XOR of
	 * a full encryption is left out, so this is the bare latency bound that
	 * any CBC-MAC chain of AES-128 must wait for.
	 */
	s = _mm_xor_si128(s, k[0]);
	while (nblocks--) {
		s = _mm_aesenc_si128(s, k[1]);
		s = _mm_aesenc_si128(s, k[2]);
		s = _mm_aesenc_si128(s, k[3]);
		s = _mm_aesenc_si128(s, k[4]);
		s = _mm_aesenc_si128(s, k[5]);
		s = _mm_aesenc_si128(s, k[6]);
		s = _mm_aesenc_si128(s, k[7]);
		s = _mm_aesenc_si128(s, k[8]);
		s = _mm_aesenc_si128(s, k[9]);
		s = _mm_aesenclast_si128(s, k[10]);
	}
	return (uint64_t)_mm_cvtsi128_si64(s);
}

void floor_add_chain(uint64_t iters)
{
	uint64_t x = 0;

	/* 8 dependent adds per iteration: the counter runs beside them. */
	__asm__ volatile("1:\n\t"
			 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
			 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
			 "dec %1\n\tjnz 1b"
			 : "+r"(x), "+r"(iters) : : "cc");
}
#endif
