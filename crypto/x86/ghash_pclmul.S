/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GHASH with carry-less multiplication: PCLMULQDQ on 128-bit registers,
 * and VPCLMULQDQ on 256-bit (AVX2) and 512-bit (AVX-512) registers, two or
 * four blocks per instruction.
 *
 * The field and its representation
 * ---------------------------------
 * GHASH works in GF(2^128) modulo P = x^128 + x^7 + x^2 + x + 1, with the
 * coefficient of x^0 in the most significant bit of a block's first byte.
 * A block is loaded byte-reversed (PSHUFB), so that as a 128-bit number
 * bit 127 - i holds the coefficient of x^i: the "reflected" order.
 *
 * The carry-less product of two reflected numbers puts coefficient k of
 * the product at bit 254 - k. Read as a 256-bit reflected number (k at
 * bit 255 - k) it is the product times x. The key tables therefore hold
 * H^i / x rather than H^i, and products come out aligned, with no shift.
 *
 * Reduction: of the 256-bit product [X3:X2:X1:X0] (64-bit words), X0 holds
 * x^192..x^255. With x^128 = x^7 + x^2 + x + 1 those terms fold into
 * x^64..x^134: in reflected bits, X0 << 128 plus X0 * K << 64 with the
 * carry-less constant K = 2^63 + 2^62 + 2^57 = 0xc200000000000000. Then X1
 * folds the same way into [X3:X2], which is the reduced result. Each fold
 * is one PCLMULQDQ and a swap of 64-bit halves.
 *
 * Aggregation: the product of a sum is the sum of the products, so n
 * blocks are hashed as
 *	acc' = (acc ^ b[0]) H^n ^ b[1] H^(n-1) ^ ... ^ b[n-1] H
 * with n independent multiplies and a single reduction. Each multiply is
 * Karatsuba's three 64x64 products: lo = a0 h0, hi = a1 h1 and
 * mid = (a0 ^ a1)(h0 ^ h1), the last with (h0 ^ h1) precomputed per power
 * (the h_kara table). lo, hi and mid are summed separately over the n
 * blocks, and mid ^ lo ^ hi is the middle 128 bits of the 256-bit sum.
 *
 * The tables (struct smbsign_gmac_key, filled by smbsign_ghash_powers()):
 * h_pow[i] = H^(16 - i) / x and h_kara[i], i = 0..15, 16 bytes each as a
 * register loads them. n blocks use the last n entries, in order.
 *
 * Register plan (all three functions):
 *	%xmm0		the accumulator, reflected
 *	%xmm1		the byte-reversal mask (in every 128-bit lane)
 *	%xmm2..%xmm4	lo, hi and mid sums (%ymm, %zmm in the wide loops)
 *	%xmm5..%xmm9	scratch
 * The wide loops fold their sums' lanes together before the one 128-bit
 * reduction per sixteen blocks, and end with VZEROUPPER.
 * Only data in the tables and the message is touched, at addresses that
 * depend on the length alone, and PCLMULQDQ takes a fixed time: nothing
 * here depends on the key or the data's value.
 */

#include <linux/linkage.h>

.section .rodata.cst16.smbsign_ghash, "aM", @progbits, 16
.p2align 4
/* PSHUFB mask reversing the 16 bytes of a block. */
.Lbswap_mask:
	.octa	0x000102030405060708090a0b0c0d0e0f
/* K in the low half: see the reduction above. */
.Lgfpoly:
	.quad	0xc200000000000000, 0
/* x^-1 = x^127 + x^6 + x + 1, reflected. */
.Lx_inverse:
	.quad	1, 0xc200000000000000

.text

/*
 * Karatsuba products of %xmm5 with the power in %xmm8 (its h_kara entry in
 * %xmm9), summed into %xmm2..%xmm4, or starting the sums if \first.
 */
.macro	GHASH_MUL_SUM	first
	pshufd		$0x4e, %xmm5, %xmm6
	pxor		%xmm5, %xmm6
	movdqa		%xmm5, %xmm7
	pclmulqdq	$0x00, %xmm8, %xmm5
	pclmulqdq	$0x11, %xmm8, %xmm7
	pclmulqdq	$0x00, %xmm9, %xmm6
.if \first
	movdqa		%xmm5, %xmm2
	movdqa		%xmm7, %xmm3
	movdqa		%xmm6, %xmm4
.else
	pxor		%xmm5, %xmm2
	pxor		%xmm7, %xmm3
	pxor		%xmm6, %xmm4
.endif
.endm

/*
 * One block (\src_off(%rcx)) times one power (\pow_off(%rdi), its h_kara
 * entry at \pow_off(%rsi)) into the sums; \first also adds the
 * accumulator to the block.
 */
.macro	GHASH_BLOCK	src_off, pow_off, first
	movdqu		\src_off(%rcx), %xmm5
	pshufb		%xmm1, %xmm5
.if \first
	pxor		%xmm0, %xmm5
.endif
	movdqu		\pow_off(%rdi), %xmm8
	movdqu		\pow_off(%rsi), %xmm9
	GHASH_MUL_SUM	\first
.endm

/* %xmm0 = the sums %xmm2..%xmm4 combined and reduced (see above). */
.macro	GHASH_REDUCE
	pxor		%xmm2, %xmm4		/* mid ^= lo ^ hi */
	pxor		%xmm3, %xmm4
	movdqa		%xmm4, %xmm5
	pslldq		$8, %xmm5
	psrldq		$8, %xmm4
	pxor		%xmm5, %xmm2		/* [X1:X0] */
	pxor		%xmm4, %xmm3		/* [X3:X2] */
	movdqa		.Lgfpoly(%rip), %xmm6
	movdqa		%xmm2, %xmm5
	pclmulqdq	$0x00, %xmm6, %xmm5	/* X0 * K */
	pshufd		$0x4e, %xmm2, %xmm2	/* [X0:X1] */
	pxor		%xmm5, %xmm2		/* X1 folded; X0 ^ high half */
	movdqa		%xmm2, %xmm5
	pclmulqdq	$0x00, %xmm6, %xmm5	/* X1 * K */
	pshufd		$0x4e, %xmm2, %xmm2
	pxor		%xmm2, %xmm3
	pxor		%xmm5, %xmm3
	movdqa		%xmm3, %xmm0
.endm

/*
 * void smbsign_ghash_pclmul(const u8 *h_pow, const u8 *h_kara, u8 acc[16],
 *			     const u8 *src, size_t nblocks)
 *
 * acc (GCM byte order) absorbs nblocks >= 0 blocks: eight per reduction,
 * then the remaining 1..7 with one more.
 */
SYM_FUNC_START(smbsign_ghash_pclmul)
	movdqa		.Lbswap_mask(%rip), %xmm1
	movdqu		(%rdx), %xmm0
	pshufb		%xmm1, %xmm0
	cmp		$8, %r8
	jb		.Lpclmul_tail

.Lpclmul_loop8:
	GHASH_BLOCK	0*16, 8*16, 1
	GHASH_BLOCK	1*16, 9*16, 0
	GHASH_BLOCK	2*16, 10*16, 0
	GHASH_BLOCK	3*16, 11*16, 0
	GHASH_BLOCK	4*16, 12*16, 0
	GHASH_BLOCK	5*16, 13*16, 0
	GHASH_BLOCK	6*16, 14*16, 0
	GHASH_BLOCK	7*16, 15*16, 0
	GHASH_REDUCE
	add		$8 * 16, %rcx
	sub		$8, %r8
	cmp		$8, %r8
	jae		.Lpclmul_loop8

.Lpclmul_tail:
	test		%r8, %r8
	jz		.Lpclmul_done
	/* n blocks take the last n powers: move both table pointers there. */
	mov		%r8, %rax
	shl		$4, %rax
	neg		%rax
	lea		16 * 16(%rdi, %rax), %rdi
	lea		16 * 16(%rsi, %rax), %rsi
	GHASH_BLOCK	0, 0, 1
	jmp		.Lpclmul_tail_next
.Lpclmul_tail_loop:
	GHASH_BLOCK	0, 0, 0
.Lpclmul_tail_next:
	add		$16, %rcx
	add		$16, %rdi
	add		$16, %rsi
	dec		%r8
	jnz		.Lpclmul_tail_loop
	GHASH_REDUCE

.Lpclmul_done:
	pshufb		%xmm1, %xmm0
	movdqu		%xmm0, (%rdx)
	RET
SYM_FUNC_END(smbsign_ghash_pclmul)

/*
 * void smbsign_ghash_pclmul_powers(u8 *h_pow, u8 *h_kara, const u8 h[16])
 *
 * The tables from H (GCM byte order): h_pow[15] = H / x, then each power
 * times H / x, which the aligned product makes H^(k+1) / x, down to
 * h_pow[0] = H^16 / x; each with its h_kara entry.
 */
SYM_FUNC_START(smbsign_ghash_pclmul_powers)
	movdqa		.Lbswap_mask(%rip), %xmm1
	movdqu		(%rdx), %xmm0
	pshufb		%xmm1, %xmm0
	/*
	 * H / x: a left shift of the reflected value across both halves; the
	 * bit shifted out (x^0) comes back as x^-1 = x^127 + x^6 + x + 1,
	 * added under a mask made from it rather than by a branch.
	 */
	pshufd		$0xff, %xmm0, %xmm3
	psrad		$31, %xmm3
	movdqa		%xmm0, %xmm2
	psllq		$1, %xmm0
	psrlq		$63, %xmm2
	pslldq		$8, %xmm2
	por		%xmm2, %xmm0
	pand		.Lx_inverse(%rip), %xmm3
	pxor		%xmm3, %xmm0
	movdqa		%xmm0, %xmm8
	pshufd		$0x4e, %xmm8, %xmm9
	pxor		%xmm8, %xmm9
	add		$15 * 16, %rdi
	add		$15 * 16, %rsi
	movdqu		%xmm8, (%rdi)
	movdqu		%xmm9, (%rsi)
	mov		$15, %ecx
.Lpowers_loop:
	sub		$16, %rdi
	sub		$16, %rsi
	movdqa		%xmm0, %xmm5
	GHASH_MUL_SUM	1
	GHASH_REDUCE
	pshufd		$0x4e, %xmm0, %xmm6
	pxor		%xmm0, %xmm6
	movdqu		%xmm0, (%rdi)
	movdqu		%xmm6, (%rsi)
	dec		%ecx
	jnz		.Lpowers_loop
	RET
SYM_FUNC_END(smbsign_ghash_pclmul_powers)

/*
 * The wide loops: sixteen blocks (all sixteen powers) per reduction, two
 * (256-bit) or four (512-bit) blocks per register. Only the accumulator
 * carries from one group to the next, so it is kept off the long path:
 * the blocks' products are summed and their lanes folded without it, and
 * acc * H^16 is a separate 128-bit product added just before the
 * reduction. The loop-carried chain is then one multiply and the
 * reduction, not the lane folding as well.
 *
 * Block group j (\off = j * register width) multiplies the powers at the
 * same offset in the tables.
 */
/* XOR, copy and load at any width (the 512-bit forms are EVEX-only). */
.macro	_VPXOR		vreg, a, b, dst
.ifc \vreg,%zmm
	vpxorq		\vreg\a, \vreg\b, \vreg\dst
.else
	vpxor		\vreg\a, \vreg\b, \vreg\dst
.endif
.endm

.macro	_VMOVDQA	vreg, src, dst
.ifc \vreg,%zmm
	vmovdqa64	\vreg\src, \vreg\dst
.else
	vmovdqa		\vreg\src, \vreg\dst
.endif
.endm

.macro	GHASH_WIDE	vreg, off, first
.ifc \vreg,%zmm
	vmovdqu64	\off(%rcx), \vreg\()5
.else
	vmovdqu		\off(%rcx), \vreg\()5
.endif
	vpshufb		\vreg\()1, \vreg\()5, \vreg\()5
	vpshufd		$0x4e, \vreg\()5, \vreg\()6
	_VPXOR		\vreg, 5, 6, 6
	vpclmulqdq	$0x00, \off(%rdi), \vreg\()5, \vreg\()7
	vpclmulqdq	$0x11, \off(%rdi), \vreg\()5, \vreg\()8
	vpclmulqdq	$0x00, \off(%rsi), \vreg\()6, \vreg\()6
.if \first
	_VMOVDQA	\vreg, 7, 2
	_VMOVDQA	\vreg, 8, 3
	_VMOVDQA	\vreg, 6, 4
.else
	_VPXOR		\vreg, 7, 2, 2
	_VPXOR		\vreg, 8, 3, 3
	_VPXOR		\vreg, 6, 4, 4
.endif
.endm

/* The upper half of each of the sums %ymm2..%ymm4 added to the lower. */
.macro	GHASH_FOLD_YMM
	vextracti128	$1, %ymm2, %xmm5
	vextracti128	$1, %ymm3, %xmm6
	vextracti128	$1, %ymm4, %xmm7
	vpxor		%xmm5, %xmm2, %xmm2
	vpxor		%xmm6, %xmm3, %xmm3
	vpxor		%xmm7, %xmm4, %xmm4
.endm

/*
 * %xmm0 = (%xmm0 * H^16 + the sums %xmm2..%xmm4) reduced: GHASH_REDUCE in
 * VEX form, after the accumulator's own Karatsuba products.
 */
.macro	GHASH_ACC_REDUCE_VEX
	vpshufd		$0x4e, %xmm0, %xmm5
	vpxor		%xmm0, %xmm5, %xmm5
	vpclmulqdq	$0x00, (%rdi), %xmm0, %xmm6
	vpclmulqdq	$0x11, (%rdi), %xmm0, %xmm7
	vpclmulqdq	$0x00, (%rsi), %xmm5, %xmm5
	vpxor		%xmm6, %xmm2, %xmm2
	vpxor		%xmm7, %xmm3, %xmm3
	vpxor		%xmm5, %xmm4, %xmm4
	vpxor		%xmm2, %xmm4, %xmm4	/* mid ^= lo ^ hi */
	vpxor		%xmm3, %xmm4, %xmm4
	vpslldq		$8, %xmm4, %xmm5
	vpsrldq		$8, %xmm4, %xmm4
	vpxor		%xmm5, %xmm2, %xmm2	/* [X1:X0] */
	vpxor		%xmm4, %xmm3, %xmm3	/* [X3:X2] */
	vpclmulqdq	$0x00, .Lgfpoly(%rip), %xmm2, %xmm5	/* X0 * K */
	vpshufd		$0x4e, %xmm2, %xmm2
	vpxor		%xmm5, %xmm2, %xmm2
	vpclmulqdq	$0x00, .Lgfpoly(%rip), %xmm2, %xmm5	/* X1 * K */
	vpshufd		$0x4e, %xmm2, %xmm2
	vpxor		%xmm2, %xmm3, %xmm3
	vpxor		%xmm5, %xmm3, %xmm0	/* VEX: upper bits zeroed */
.endm

/*
 * void smbsign_ghash_vpclmul_avx2(const u8 *h_pow, const u8 *h_kara,
 *				   u8 acc[16], const u8 *src, size_t ngroups)
 *
 * acc absorbs ngroups >= 1 groups of sixteen blocks; the caller hashes any
 * remainder with smbsign_ghash_pclmul().
 */
SYM_FUNC_START(smbsign_ghash_vpclmul_avx2)
	vbroadcasti128	.Lbswap_mask(%rip), %ymm1
	vmovdqu		(%rdx), %xmm0
	vpshufb		%xmm1, %xmm0, %xmm0
.Lavx2_loop16:
	GHASH_WIDE	%ymm, 0*32, 1
	GHASH_WIDE	%ymm, 1*32, 0
	GHASH_WIDE	%ymm, 2*32, 0
	GHASH_WIDE	%ymm, 3*32, 0
	GHASH_WIDE	%ymm, 4*32, 0
	GHASH_WIDE	%ymm, 5*32, 0
	GHASH_WIDE	%ymm, 6*32, 0
	GHASH_WIDE	%ymm, 7*32, 0
	GHASH_FOLD_YMM
	GHASH_ACC_REDUCE_VEX
	add		$16 * 16, %rcx
	dec		%r8
	jnz		.Lavx2_loop16
	vpshufb		%xmm1, %xmm0, %xmm0
	vmovdqu		%xmm0, (%rdx)
	vzeroupper
	RET
SYM_FUNC_END(smbsign_ghash_vpclmul_avx2)

/*
 * void smbsign_ghash_vpclmul_avx512(const u8 *h_pow, const u8 *h_kara,
 *				     u8 acc[16], const u8 *src, size_t ngroups)
 *
 * As smbsign_ghash_vpclmul_avx2(), with 512-bit registers (AVX-512 F and
 * BW: EVEX forms of the same instructions); the sums' upper 256 bits are
 * folded onto the lower first.
 */
SYM_FUNC_START(smbsign_ghash_vpclmul_avx512)
	vbroadcasti32x4	.Lbswap_mask(%rip), %zmm1
	vmovdqu		(%rdx), %xmm0
	vpshufb		%xmm1, %xmm0, %xmm0
.Lavx512_loop16:
	GHASH_WIDE	%zmm, 0*64, 1
	GHASH_WIDE	%zmm, 1*64, 0
	GHASH_WIDE	%zmm, 2*64, 0
	GHASH_WIDE	%zmm, 3*64, 0
	vextracti64x4	$1, %zmm2, %ymm5
	vextracti64x4	$1, %zmm3, %ymm6
	vextracti64x4	$1, %zmm4, %ymm7
	vpxor		%ymm5, %ymm2, %ymm2
	vpxor		%ymm6, %ymm3, %ymm3
	vpxor		%ymm7, %ymm4, %ymm4
	GHASH_FOLD_YMM
	GHASH_ACC_REDUCE_VEX
	add		$16 * 16, %rcx
	dec		%r8
	jnz		.Lavx512_loop16
	vpshufb		%xmm1, %xmm0, %xmm0
	vmovdqu		%xmm0, (%rdx)
	vzeroupper
	RET
SYM_FUNC_END(smbsign_ghash_vpclmul_avx512)
