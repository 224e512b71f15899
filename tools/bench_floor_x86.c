// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64's hardware bounds measured on the spot, so that a benchmark figure
 * can be read as a fraction of what the core can do at all:
 *  - the CBC-MAC floor: a chain of dependent 10-round AES-128 encryptions
 *    (each block waits for the previous one, as in CMAC), rounds only;
 *  - the GHASH floor: the carry-less multiplies of GHASH's Karatsuba
 *    products, kept independent so that multiplier throughput binds;
 *  - the SHA-256 floor: the chain of dependent SHA-NI double rounds of the
 *    compression function (each block waits for the previous one);
 *  - the core clock: a chain of dependent 1-cycle integer adds;
 *  - what a SIMD section costs in the kernel beyond the work done in it
 *    (kernel_fpu_begin/end, no-ops here): LDMXCSR, and saving and restoring
 *    the user's vector state, see floor_fpu_state_init().
 * These are measuring loops, not implementations of anything.
 */
#include <cpuid.h>
#include <immintrin.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include "bench.h"

const struct floor_names floor_names = {
	.aes_impl	= "aesni",
	.aes_cpu	= "an x86-64 CPU with AES-NI",
	.ghash_cpu	= "an x86-64 CPU with PCLMULQDQ",
	.sha_impl	= "shani",
	.sha_cpu	= "an x86-64 CPU with SHA-NI",
	.sha_what	= "dependent SHA256RNDS2, 32 per 64 message bytes, the SHA-256 latency bound",
};

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

/*
 * SHA256RNDS2 does two rounds on the state held as ABEF and CDGH, and each
 * one's result is an operand of the next (the halves alternate, as in any
 * SHA-NI compression function): 32 per 64-byte block, a dependent chain.
 * The message schedule (SHA256MSG1/MSG2 and the additions of the round
 * constants), which runs beside that chain, the loads, the byte swaps and
 * the feed-forward additions at the end of each block are left out, so this
 * is the latency bound that any SHA-256 of one message must wait for.
 * @nblocks counts 16-byte blocks, as the other floors do: a quarter of a
 * compression each.
 */
#define FLOOR_SHA256_RNDS4() do {					\
	cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);			\
	abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_hi);		\
} while (0)

__attribute__((target("sha,sse4.1")))
uint64_t floor_sha256_chain(uint64_t nblocks)
{
	__m128i abef = _mm_set_epi32(0x6a09e667, 0xbb67ae85, 0x510e527f,
				     0x9b05688c);
	__m128i cdgh = _mm_set_epi32(0x3c6ef372, 0xa54ff53a, 0x1f83d9ab,
				     0x5be0cd19);
	const __m128i wk = _mm_set_epi32(0xe9b5dba5, 0xb5c0fbcf, 0x71374491,
					 0x428a2f98);
	const __m128i wk_hi = _mm_shuffle_epi32(wk, 0x0e);
	uint64_t iters = (nblocks + 3) / 4;

	while (iters--) {
		/* 16 times two double rounds: the 64 rounds of one block. */
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
		FLOOR_SHA256_RNDS4();
	}
	return (uint64_t)_mm_extract_epi64(_mm_xor_si128(abef, cdgh), 0);
}

/*
 * Per 16-byte block, what aggregated GHASH code does for it: fold the
 * block's halves for Karatsuba's middle product, then three 64x64
 * carry-less multiplies (low halves, high halves, folded halves against
 * H's precomputed fold) and XORs summing them. The reduction, done once per
 * many blocks, and the loads are left out. Each of eight lanes feeds
 * its sum back as its next block, which keeps the compiler from
 * hoisting a multiply out of the loop; the lanes are independent, and
 * together they hold more multiplies in flight than any x86 multiplier's
 * latency times its throughput, so throughput is what binds. PCLMULQDQ
 * takes constant time, so what the lanes' values become does not matter.
 */
#define GHASH_H_LO	0x884cfa59ca342b2eLL
#define GHASH_H_HI	0x66e94bd4ef8a2c3bLL

/* One block's Karatsuba work on lane @x (written out: registers, not memory). */
#define FLOOR_GHASH_128(x) do {						\
	__m128i m = _mm_xor_si128(x, _mm_shuffle_epi32(x, 0x4e));	\
	__m128i lo = _mm_clmulepi64_si128(x, h, 0x00);			\
	__m128i hi = _mm_clmulepi64_si128(x, h, 0x11);			\
	__m128i mid = _mm_clmulepi64_si128(m, hk, 0x00);		\
									\
	x = _mm_xor_si128(_mm_xor_si128(lo, hi), mid);			\
} while (0)

__attribute__((target("pclmul,sse2")))
static uint64_t floor_ghash_pclmul(uint64_t nblocks)
{
	const __m128i h = _mm_set_epi64x(GHASH_H_HI, GHASH_H_LO);
	const __m128i hk = _mm_set1_epi64x(GHASH_H_HI ^ GHASH_H_LO);
	__m128i x0 = _mm_set1_epi32(1), x1 = _mm_set1_epi32(2);
	__m128i x2 = _mm_set1_epi32(3), x3 = _mm_set1_epi32(4);
	__m128i x4 = _mm_set1_epi32(5), x5 = _mm_set1_epi32(6);
	__m128i x6 = _mm_set1_epi32(7), x7 = _mm_set1_epi32(8);
	uint64_t iters = (nblocks + 7) / 8;

	while (iters--) {
		FLOOR_GHASH_128(x0);
		FLOOR_GHASH_128(x1);
		FLOOR_GHASH_128(x2);
		FLOOR_GHASH_128(x3);
		FLOOR_GHASH_128(x4);
		FLOOR_GHASH_128(x5);
		FLOOR_GHASH_128(x6);
		FLOOR_GHASH_128(x7);
	}
	x0 = _mm_xor_si128(_mm_xor_si128(x0, x1), _mm_xor_si128(x2, x3));
	x4 = _mm_xor_si128(_mm_xor_si128(x4, x5), _mm_xor_si128(x6, x7));
	return (uint64_t)_mm_cvtsi128_si64(_mm_xor_si128(x0, x4));
}

/* The same with 256-bit VPCLMULQDQ: two blocks per instruction. */
#define FLOOR_GHASH_256(x) do {						\
	__m256i m = _mm256_xor_si256(x, _mm256_shuffle_epi32(x, 0x4e));	\
	__m256i lo = _mm256_clmulepi64_epi128(x, h, 0x00);		\
	__m256i hi = _mm256_clmulepi64_epi128(x, h, 0x11);		\
	__m256i mid = _mm256_clmulepi64_epi128(m, hk, 0x00);		\
									\
	x = _mm256_xor_si256(_mm256_xor_si256(lo, hi), mid);		\
} while (0)

__attribute__((target("vpclmulqdq,avx2")))
static uint64_t floor_ghash_vpclmul(uint64_t nblocks)
{
	const __m256i h = _mm256_set_epi64x(GHASH_H_HI, GHASH_H_LO,
					    GHASH_H_HI, GHASH_H_LO);
	const __m256i hk = _mm256_set1_epi64x(GHASH_H_HI ^ GHASH_H_LO);
	__m256i x0 = _mm256_set1_epi32(1), x1 = _mm256_set1_epi32(2);
	__m256i x2 = _mm256_set1_epi32(3), x3 = _mm256_set1_epi32(4);
	__m256i x4 = _mm256_set1_epi32(5), x5 = _mm256_set1_epi32(6);
	__m256i x6 = _mm256_set1_epi32(7), x7 = _mm256_set1_epi32(8);
	uint64_t iters = (nblocks + 15) / 16;

	while (iters--) {
		FLOOR_GHASH_256(x0);
		FLOOR_GHASH_256(x1);
		FLOOR_GHASH_256(x2);
		FLOOR_GHASH_256(x3);
		FLOOR_GHASH_256(x4);
		FLOOR_GHASH_256(x5);
		FLOOR_GHASH_256(x6);
		FLOOR_GHASH_256(x7);
	}
	x0 = _mm256_xor_si256(_mm256_xor_si256(x0, x1), _mm256_xor_si256(x2, x3));
	x4 = _mm256_xor_si256(_mm256_xor_si256(x4, x5), _mm256_xor_si256(x6, x7));
	x0 = _mm256_xor_si256(x0, x4);
	x0 = _mm256_xor_si256(x0, _mm256_permute2x128_si256(x0, x0, 1));
	return (uint64_t)_mm_cvtsi128_si64(_mm256_castsi256_si128(x0));
}

static bool has_pclmul(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("pclmul");
}

static bool has_vpclmul(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("vpclmulqdq") &&
	       __builtin_cpu_supports("avx2");
}

const struct floor_loop floor_ghash_loops[] = {
	{ "pclmulqdq-128", has_pclmul, floor_ghash_pclmul },
	{ "vpclmulqdq-256", has_vpclmul, floor_ghash_vpclmul },
};

const int floor_ghash_nr_loops = ARRAY_SIZE(floor_ghash_loops);

/*
 * kernel_fpu_begin() saves the user task's vector state when it still sits
 * in the registers (the first section after entering the kernel; later
 * ones find TIF_NEED_FPU_LOAD set), and the return to user space restores
 * it: arch/x86/kernel/fpu/core.c, kernel_fpu_begin_mask() and
 * switch_fpu_return(). The kernel uses XSAVES/XRSTORS, which only ring 0
 * may run; from user space the closest are XSAVEC (same compacted format,
 * same init optimization) or else XSAVEOPT, and XRSTOR, over the components
 * XCR0 enables. XSAVES also saves the supervisor components in IA32_XSS,
 * which this leaves out.
 */
static struct {
	uint64_t xcr0;
	bool compacted;	/* XSAVEC, else XSAVEOPT */
	bool ymm;	/* AVX state enabled: dirty it before each save */
	void *area;
	char what[64];
} fpu_state;

bool floor_fpu_state_init(const char **what)
{
	unsigned int eax, ebx, ecx, edx, lo, hi;

	if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE) ||
	    __get_cpuid_max(0, NULL) < 0xd)
		return false;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	fpu_state.xcr0 = (uint64_t)hi << 32 | lo;
	fpu_state.ymm = fpu_state.xcr0 & 4;
	__cpuid_count(0xd, 1, eax, ebx, ecx, edx);
	fpu_state.compacted = eax & 2;
	if (!fpu_state.compacted && !(eax & 1))
		return false;
	/* The standard format's size for XCR0: room for the compacted one too. */
	__cpuid_count(0xd, 0, eax, ebx, ecx, edx);
	free(fpu_state.area);
	fpu_state.area = aligned_alloc(64, (ebx + 63) & ~63u);
	if (!fpu_state.area)
		return false;
	memset(fpu_state.area, 0, ebx);
	snprintf(fpu_state.what, sizeof(fpu_state.what), "%s, XCR0 %#llx",
		 fpu_state.compacted ? "XSAVEC+XRSTOR" : "XSAVEOPT+XRSTOR",
		 (unsigned long long)fpu_state.xcr0);
	*what = fpu_state.what;
	return true;
}

/*
 * @iters saves and restores, each after writing a YMM register, as a user
 * task that uses AVX leaves the state: the upper halves in use (so the init
 * optimization does not skip them) and modified since the last restore (so
 * XSAVEOPT's modified optimization does not either).
 */
void floor_fpu_state_save_restore(uint64_t iters)
{
	uint32_t lo = (uint32_t)fpu_state.xcr0;
	uint32_t hi = (uint32_t)(fpu_state.xcr0 >> 32);
	void *area = fpu_state.area;

	while (iters--) {
		if (fpu_state.ymm)
			__asm__ volatile("vpcmpeqd %%ymm0, %%ymm0, %%ymm0"
					 : : : "xmm0");
		if (fpu_state.compacted)
			__asm__ volatile("xsavec64 (%0)"
					 : : "r"(area), "a"(lo), "d"(hi) : "memory");
		else
			__asm__ volatile("xsaveopt64 (%0)"
					 : : "r"(area), "a"(lo), "d"(hi) : "memory");
		__asm__ volatile("xrstor64 (%0)"
				 : : "r"(area), "a"(lo), "d"(hi) : "memory");
	}
}

/* What every kernel_fpu_begin() does: MXCSR set to its default. */
static uint64_t floor_ldmxcsr(uint64_t iters)
{
	const uint32_t mxcsr = 0x1f80;

	while (iters--)
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	return 0;
}

const struct floor_loop floor_section_fixed = {
	.name = "LDMXCSR", .run = floor_ldmxcsr,
};

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
