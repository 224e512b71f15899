/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GHASH with the ARMv8 Crypto Extensions' 64-bit carry-less multiply
 * (PMULL, PMULL2), eight blocks per reduction.
 *
 * The field arithmetic is that of crypto/x86/ghash_pclmul.S, whose header
 * derives it: blocks byte-reversed into the "reflected" order (bit 127 - i
 * holds the coefficient of x^i), the key's powers stored as H^i / x so that
 * the product of two reflected numbers comes out aligned, Karatsuba's
 * three 64x64 products per block summed over the eight blocks, and one
 * reduction: two folds by K = 0xc200000000000000 (x^128 = x^7 + x^2 + x
 * + 1 in reflected bits) and two swaps of 64-bit halves.
 *
 * A 16-byte reversal is REV64 (bytes within each half) and EXT #8 (the
 * halves). PMULL multiplies the low halves of its operands, PMULL2 the
 * high ones: lo = a0 h0 is PMULL, hi = a1 h1 is PMULL2, and the middle
 * product takes (a0 ^ a1), which EXT and EOR put in both halves of one
 * register, so either instruction can pair it with a precomputed h0 ^ h1.
 *
 * The tables (struct smbsign_ghash_key, crypto/arm64/ghash.h):
 *	h_pow[i]  = H^(8 - i) / x, i = 0..7, 16 bytes, low half first
 *	h_kara[i] = the XOR of h_pow[i]'s halves, 8 bytes each
 * n < 8 blocks use the last n entries.
 *
 * Register plan:
 *	v0		the accumulator, reflected
 *	v1, v2, v3	the lo, hi and mid sums
 *	v4..v7		four blocks
 *	v16..v23	h_pow[0..7]; v24..v27 h_kara[0..7], two per register
 *	v28, v29	scratch; v30 zero; v31 K in each half
 * v8..v15, which the AAPCS64 has callees preserve, are not touched.
 * Only the tables and the message are read, at addresses that depend on
 * the length alone, and PMULL takes a fixed time: nothing here depends on
 * the key's or the data's value.
 */

#include <linux/linkage.h>

	.arch		armv8-a+crypto

	.text

/* \b: the block in memory order -> reflected. */
.macro	REFLECT		b
	rev64		\b\().16b, \b\().16b
	ext		\b\().16b, \b\().16b, \b\().16b, #8
.endm

/*
 * The Karatsuba products of block \b (reflected; destroyed) and power \p,
 * whose h_kara is in half \half of \k, added to the sums; \first sets them.
 */
.macro	MUL_SUM		b, p, k, half, first
	ext		v28.16b, \b\().16b, \b\().16b, #8
	eor		v28.16b, v28.16b, \b\().16b
.if \half
	pmull2		v28.1q, v28.2d, \k\().2d
.else
	pmull		v28.1q, v28.1d, \k\().1d
.endif
	pmull		v29.1q, \b\().1d, \p\().1d
	pmull2		\b\().1q, \b\().2d, \p\().2d
.if \first
	mov		v3.16b, v28.16b
	mov		v1.16b, v29.16b
	mov		v2.16b, \b\().16b
.else
	eor		v3.16b, v3.16b, v28.16b
	eor		v1.16b, v1.16b, v29.16b
	eor		v2.16b, v2.16b, \b\().16b
.endif
.endm

/* v0 = the sums v1 (lo), v2 (hi), v3 (mid) combined and reduced. */
.macro	REDUCE
	eor		v3.16b, v3.16b, v1.16b
	eor		v3.16b, v3.16b, v2.16b		/* mid ^= lo ^ hi */
	ext		v28.16b, v30.16b, v3.16b, #8	/* mid << 64 */
	ext		v29.16b, v3.16b, v30.16b, #8	/* mid >> 64 */
	eor		v1.16b, v1.16b, v28.16b		/* [X1:X0] */
	eor		v2.16b, v2.16b, v29.16b		/* [X3:X2] */
	pmull		v28.1q, v1.1d, v31.1d		/* X0 * K */
	ext		v1.16b, v1.16b, v1.16b, #8	/* [X0:X1] */
	eor		v1.16b, v1.16b, v28.16b		/* X1 folded */
	pmull		v28.1q, v1.1d, v31.1d		/* X1 * K */
	ext		v1.16b, v1.16b, v1.16b, #8
	eor		v2.16b, v2.16b, v1.16b
	eor		v0.16b, v2.16b, v28.16b
.endm

/*
 * void smbsign_ghash_pmull(const u8 *h_pow, const u8 *h_kara, u8 acc[16],
 *			    const u8 *src, size_t nblocks)
 *
 * acc (GCM byte order) absorbs nblocks >= 0 blocks: eight per reduction,
 * then the remaining 1..7 with one more.
 */
SYM_FUNC_START(smbsign_ghash_pmull)
	ld1		{v0.16b}, [x2]
	REFLECT		v0
	movi		v30.16b, #0
	movi		v31.16b, #0xe1
	shl		v31.2d, v31.2d, #57
	cmp		x4, #8
	b.lo		.Ltail

	mov		x9, x0
	ld1		{v16.2d-v19.2d}, [x9], #64
	ld1		{v20.2d-v23.2d}, [x9]
	ld1		{v24.2d-v27.2d}, [x1]
.Lloop8:
	ld1		{v4.16b-v7.16b}, [x3], #64
	REFLECT		v4
	eor		v4.16b, v4.16b, v0.16b
	REFLECT		v5
	REFLECT		v6
	REFLECT		v7
	MUL_SUM		v4, v16, v24, 0, 1
	MUL_SUM		v5, v17, v24, 1, 0
	MUL_SUM		v6, v18, v25, 0, 0
	MUL_SUM		v7, v19, v25, 1, 0
	ld1		{v4.16b-v7.16b}, [x3], #64
	REFLECT		v4
	REFLECT		v5
	REFLECT		v6
	REFLECT		v7
	MUL_SUM		v4, v20, v26, 0, 0
	MUL_SUM		v5, v21, v26, 1, 0
	MUL_SUM		v6, v22, v27, 0, 0
	MUL_SUM		v7, v23, v27, 1, 0
	REDUCE
	sub		x4, x4, #8
	cmp		x4, #8
	b.hs		.Lloop8

.Ltail:
	cbz		x4, .Ldone
	/* n blocks take the last n powers: x9, x10 point there. */
	add		x9, x0, #8 * 16
	sub		x9, x9, x4, lsl #4
	add		x10, x1, #8 * 8
	sub		x10, x10, x4, lsl #3
	ld1		{v4.16b}, [x3], #16
	REFLECT		v4
	eor		v4.16b, v4.16b, v0.16b
	ld1		{v16.2d}, [x9], #16
	ld1r		{v24.2d}, [x10], #8
	MUL_SUM		v4, v16, v24, 0, 1
	subs		x4, x4, #1
	b.eq		.Ltail_reduce
.Ltail_loop:
	ld1		{v4.16b}, [x3], #16
	REFLECT		v4
	ld1		{v16.2d}, [x9], #16
	ld1r		{v24.2d}, [x10], #8
	MUL_SUM		v4, v16, v24, 0, 0
	subs		x4, x4, #1
	b.ne		.Ltail_loop
.Ltail_reduce:
	REDUCE

.Ldone:
	REFLECT		v0
	st1		{v0.16b}, [x2]
	ret
SYM_FUNC_END(smbsign_ghash_pmull)
