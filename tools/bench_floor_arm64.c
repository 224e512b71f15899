// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's hardware bounds, the counterparts of tools/bench_floor_x86.c's
 * (whose header says what each bounds and why):
 *  - the CBC-MAC floor: a chain of dependent AES-128 encryptions, nine
 *    AESE/AESMC pairs (which cores fuse), an AESE and the last key's EOR;
 *  - the GHASH floor: PMULL/PMULL2's Karatsuba products in independent
 *    lanes, so that multiplier throughput binds;
 *  - the SHA-256 floor: the chain of dependent SHA256H/SHA256H2, four
 *    rounds each;
 *  - the core clock: a chain of dependent 1-cycle integer adds;
 *  - what kernel_neon_begin() costs beyond the work: saving the user's
 *    FPSIMD state (q0-q31, FPSR, FPCR), restored on the return to user
 *    space (arch/arm64/kernel/fpsimd.c, fpsimd_save_state and
 *    fpsimd_load_state).
 * These are measuring loops, not implementations of anything. Under QEMU
 * (no arm64 hardware here) they run, and their times mean nothing.
 */
#include <arm_neon.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>
#include <linux/types.h>
#include "bench.h"

const struct floor_names floor_names = {
	.aes_impl	= "aes-ce",
	.aes_cpu	= "an arm64 CPU with the AES instructions",
	.ghash_cpu	= "an arm64 CPU with PMULL",
	.sha_impl	= "sha2-ce",
	.sha_cpu	= "an arm64 CPU with the SHA2 instructions",
	.sha_what	= "dependent SHA256H/SHA256H2, 16 pairs per 64 message bytes, the SHA-256 latency bound",
};

__attribute__((target("+crypto")))
uint64_t floor_aes128_chain(uint64_t nblocks)
{
	uint8x16_t k[11], s = vdupq_n_u8(0x67);
	int i;

	for (i = 0; i < 11; i++)
		k[i] = vdupq_n_u8((uint8_t)(0xb9 * (i + 1)));
	while (nblocks--) {
		/* Unrolled: the round keys stay in registers. */
#pragma GCC unroll 9
		for (i = 0; i < 9; i++)
			s = vaesmcq_u8(vaeseq_u8(s, k[i]));
		s = veorq_u8(vaeseq_u8(s, k[9]), k[10]);
	}
	return vgetq_lane_u64(vreinterpretq_u64_u8(s), 0);
}

/* Four dependent rounds: SHA256H updates ABCD, SHA256H2 EFGH from its old value. */
#define FLOOR_SHA256_RNDS4() do {					\
	uint32x4_t old = abcd;						\
									\
	abcd = vsha256hq_u32(abcd, efgh, wk);				\
	efgh = vsha256h2q_u32(efgh, old, wk);				\
} while (0)

__attribute__((target("+crypto")))
uint64_t floor_sha256_chain(uint64_t nblocks)
{
	static const uint32_t init[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	static const uint32_t k[4] = {
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	};
	uint32x4_t abcd = vld1q_u32(init), efgh = vld1q_u32(init + 4);
	const uint32x4_t wk = vld1q_u32(k);
	uint64_t iters = (nblocks + 3) / 4;

	while (iters--) {
		/* The 64 rounds of one block. */
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
	return vgetq_lane_u64(vreinterpretq_u64_u32(veorq_u32(abcd, efgh)), 0);
}

/*
 * Per block, the Karatsuba work of crypto/arm64/ghash_pmull.S: the halves
 * folded (EXT, EOR), PMULL and PMULL2 against H, PMULL of the fold, and
 * the sums; the reduction and the loads are left out. Eight independent
 * lanes, each fed back into itself.
 */
#define GHASH_H_LO	0x884cfa59ca342b2eULL
#define GHASH_H_HI	0x66e94bd4ef8a2c3bULL

#define FLOOR_GHASH_LANE(x) do {					\
	poly64x2_t m = vreinterpretq_p64_u8(				\
		veorq_u8(vreinterpretq_u8_p64(x),			\
			 vextq_u8(vreinterpretq_u8_p64(x),		\
				  vreinterpretq_u8_p64(x), 8)));	\
	uint8x16_t lo = vreinterpretq_u8_p128(				\
		vmull_p64(vgetq_lane_p64(x, 0), vgetq_lane_p64(h, 0)));	\
	uint8x16_t hi = vreinterpretq_u8_p128(vmull_high_p64(x, h));	\
	uint8x16_t mid = vreinterpretq_u8_p128(				\
		vmull_p64(vgetq_lane_p64(m, 0), hk));			\
									\
	x = vreinterpretq_p64_u8(veorq_u8(veorq_u8(lo, hi), mid));	\
	/* Opaque to the compiler, which folds PMULL of constants. */	\
	__asm__ volatile("" : "+w"(x));					\
} while (0)

__attribute__((target("+crypto")))
static uint64_t floor_ghash_pmull(uint64_t nblocks)
{
	const poly64x2_t h = vcombine_p64(vcreate_p64(GHASH_H_LO),
					  vcreate_p64(GHASH_H_HI));
	const poly64_t hk = (poly64_t)(GHASH_H_LO ^ GHASH_H_HI);
	poly64x2_t x0 = h, x1 = h, x2 = h, x3 = h, x4 = h, x5 = h, x6 = h,
		   x7 = h;
	uint64_t iters = (nblocks + 7) / 8;
	uint8x16_t sum;

	while (iters--) {
		FLOOR_GHASH_LANE(x0);
		FLOOR_GHASH_LANE(x1);
		FLOOR_GHASH_LANE(x2);
		FLOOR_GHASH_LANE(x3);
		FLOOR_GHASH_LANE(x4);
		FLOOR_GHASH_LANE(x5);
		FLOOR_GHASH_LANE(x6);
		FLOOR_GHASH_LANE(x7);
	}
	sum = veorq_u8(veorq_u8(vreinterpretq_u8_p64(x0), vreinterpretq_u8_p64(x1)),
		       veorq_u8(vreinterpretq_u8_p64(x2), vreinterpretq_u8_p64(x3)));
	sum = veorq_u8(sum, veorq_u8(veorq_u8(vreinterpretq_u8_p64(x4),
					      vreinterpretq_u8_p64(x5)),
				     veorq_u8(vreinterpretq_u8_p64(x6),
					      vreinterpretq_u8_p64(x7))));
	return vgetq_lane_u64(vreinterpretq_u64_u8(sum), 0);
}

static bool has_pmull(void)
{
	return getauxval(AT_HWCAP) & HWCAP_PMULL;
}

const struct floor_loop floor_ghash_loops[] = {
	{ "pmull-128", has_pmull, floor_ghash_pmull },
};

const int floor_ghash_nr_loops = ARRAY_SIZE(floor_ghash_loops);

/* kernel_neon_begin() does no fixed work beyond flags and the save. */
const struct floor_loop floor_section_fixed = { .name = NULL };

/* The user's FPSIMD state as the kernel saves it: 32 Q registers, FPSR, FPCR. */
static uint8_t fpsimd_area[32 * 16 + 16] __attribute__((aligned(16)));

bool floor_fpu_state_init(const char **what)
{
	*what = "STP/LDP of q0-q31, FPSR and FPCR, 528 bytes";
	return true;
}

/* @iters saves and restores of the whole register file (values unchanged). */
void floor_fpu_state_save_restore(uint64_t iters)
{
	uint8_t *p = fpsimd_area;

	while (iters--)
		__asm__ volatile(
			"stp q0, q1, [%0, #0]\n\t"	"stp q2, q3, [%0, #32]\n\t"
			"stp q4, q5, [%0, #64]\n\t"	"stp q6, q7, [%0, #96]\n\t"
			"stp q8, q9, [%0, #128]\n\t"	"stp q10, q11, [%0, #160]\n\t"
			"stp q12, q13, [%0, #192]\n\t"	"stp q14, q15, [%0, #224]\n\t"
			"stp q16, q17, [%0, #256]\n\t"	"stp q18, q19, [%0, #288]\n\t"
			"stp q20, q21, [%0, #320]\n\t"	"stp q22, q23, [%0, #352]\n\t"
			"stp q24, q25, [%0, #384]\n\t"	"stp q26, q27, [%0, #416]\n\t"
			"stp q28, q29, [%0, #448]\n\t"	"stp q30, q31, [%0, #480]\n\t"
			"mrs x9, fpsr\n\t"		"mrs x10, fpcr\n\t"
			"str w9, [%0, #512]\n\t"	"str w10, [%0, #516]\n\t"
			"ldp q0, q1, [%0, #0]\n\t"	"ldp q2, q3, [%0, #32]\n\t"
			"ldp q4, q5, [%0, #64]\n\t"	"ldp q6, q7, [%0, #96]\n\t"
			"ldp q8, q9, [%0, #128]\n\t"	"ldp q10, q11, [%0, #160]\n\t"
			"ldp q12, q13, [%0, #192]\n\t"	"ldp q14, q15, [%0, #224]\n\t"
			"ldp q16, q17, [%0, #256]\n\t"	"ldp q18, q19, [%0, #288]\n\t"
			"ldp q20, q21, [%0, #320]\n\t"	"ldp q22, q23, [%0, #352]\n\t"
			"ldp q24, q25, [%0, #384]\n\t"	"ldp q26, q27, [%0, #416]\n\t"
			"ldp q28, q29, [%0, #448]\n\t"	"ldp q30, q31, [%0, #480]\n\t"
			"ldr w9, [%0, #512]\n\t"	"ldr w10, [%0, #516]\n\t"
			"msr fpsr, x9\n\t"		"msr fpcr, x10"
			: : "r"(p) : "x9", "x10", "memory");
}

void floor_add_chain(uint64_t iters)
{
	uint64_t x = 0;

	/* 8 dependent adds per iteration: the counter runs beside them. */
	__asm__ volatile("1:\n\t"
			 "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
			 "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
			 "add %0, %0, #1\n\tadd %0, %0, #1\n\t"
			 "subs %1, %1, #1\n\tb.ne 1b"
			 : "+r"(x), "+r"(iters) : : "cc");
}
