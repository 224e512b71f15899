/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 compression with the SHA extensions (SHA-NI).
 *
 * SHA256RNDS2 does two rounds on a state split over two registers in the
 * order the instruction wants, ABEF and CDGH (A in the top dword), taking
 * the two message words plus round constants from %xmm0's low half. After
 * two rounds the new CDGH is the old ABEF, so the two state registers
 * simply swap roles: four rounds are two SHA256RNDS2 with the registers
 * crossed, and the upper two words moved down (PSHUFD) between them.
 *
 * The message schedule W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]
 * is kept four words per register in a ring of four registers: for words
 * 4q..4q+3 (q >= 4), SHA256MSG1 adds s0 of the next four words to the
 * oldest four, PALIGNR picks W[4q-7..4q-4] out of the two registers that
 * straddle it, and SHA256MSG2 adds the s1 terms (which for the last two
 * words depend on the first two: the instruction chains them itself).
 *
 * Register plan:
 *	%xmm0		message words + K, SHA256RNDS2's implicit operand
 *	%xmm1, %xmm2	the state: ABEF and CDGH
 *	%xmm3..%xmm6	the message schedule ring
 *	%xmm7		scratch
 *	%xmm8		the byte-reversal mask (the message is big-endian)
 *	%xmm9, %xmm10	the state at the block's start, for the feed-forward
 * Constant time: no branch or address depends on the key or the message.
 */

#include <linux/linkage.h>

.section .rodata.cst16.smbsign_sha256, "aM", @progbits, 16
.p2align 4
/* PSHUFB mask reversing the bytes of each 32-bit word. */
.Lbswap32_mask:
	.octa	0x0c0d0e0f08090a0b0405060700010203

.text

/*
 * Rounds 4q..4q+3. \m0 is the ring register for words 4q..4q+3 (loaded,
 * for q < 4, or computed from \m1 = W[4q-12..], \m2 = W[4q-8..] and
 * \m3 = W[4q-4..]).
 */
.macro	SHA256_QUAD	q, m0, m1, m2, m3
.if \q < 4
	movdqu		\q*16(%rsi), \m0
	pshufb		%xmm8, \m0
.else
	sha256msg1	\m1, \m0
	movdqa		\m3, %xmm7
	palignr		$4, \m2, %xmm7
	paddd		%xmm7, \m0
	sha256msg2	\m3, \m0
.endif
	movdqu		\q*16(%rax), %xmm0
	paddd		\m0, %xmm0
	sha256rnds2	%xmm1, %xmm2
	pshufd		$0x0e, %xmm0, %xmm0
	sha256rnds2	%xmm2, %xmm1
.endm

/*
 * void smbsign_sha256_ni_blocks(u32 h[8], const u8 *src, size_t nblocks)
 *
 * h[] is FIPS 180-4's H0..H7; nblocks >= 1.
 */
SYM_FUNC_START(smbsign_sha256_ni_blocks)
	leaq		smbsign_sha256_k(%rip), %rax
	movdqa		.Lbswap32_mask(%rip), %xmm8

	/* h[0..3] = DCBA, h[4..7] = HGFE (top dword first) to ABEF, CDGH. */
	movdqu		(%rdi), %xmm1
	movdqu		16(%rdi), %xmm2
	pshufd		$0xb1, %xmm1, %xmm1		/* CDAB */
	pshufd		$0x1b, %xmm2, %xmm2		/* EFGH */
	movdqa		%xmm1, %xmm7
	palignr		$8, %xmm2, %xmm1		/* ABEF */
	pblendw		$0xf0, %xmm7, %xmm2		/* CDGH */

.Lsha256_block:
	movdqa		%xmm1, %xmm9
	movdqa		%xmm2, %xmm10
	SHA256_QUAD	0, %xmm3, %xmm4, %xmm5, %xmm6
	SHA256_QUAD	1, %xmm4, %xmm5, %xmm6, %xmm3
	SHA256_QUAD	2, %xmm5, %xmm6, %xmm3, %xmm4
	SHA256_QUAD	3, %xmm6, %xmm3, %xmm4, %xmm5
	SHA256_QUAD	4, %xmm3, %xmm4, %xmm5, %xmm6
	SHA256_QUAD	5, %xmm4, %xmm5, %xmm6, %xmm3
	SHA256_QUAD	6, %xmm5, %xmm6, %xmm3, %xmm4
	SHA256_QUAD	7, %xmm6, %xmm3, %xmm4, %xmm5
	SHA256_QUAD	8, %xmm3, %xmm4, %xmm5, %xmm6
	SHA256_QUAD	9, %xmm4, %xmm5, %xmm6, %xmm3
	SHA256_QUAD	10, %xmm5, %xmm6, %xmm3, %xmm4
	SHA256_QUAD	11, %xmm6, %xmm3, %xmm4, %xmm5
	SHA256_QUAD	12, %xmm3, %xmm4, %xmm5, %xmm6
	SHA256_QUAD	13, %xmm4, %xmm5, %xmm6, %xmm3
	SHA256_QUAD	14, %xmm5, %xmm6, %xmm3, %xmm4
	SHA256_QUAD	15, %xmm6, %xmm3, %xmm4, %xmm5
	paddd		%xmm9, %xmm1
	paddd		%xmm10, %xmm2
	add		$64, %rsi
	dec		%rdx
	jnz		.Lsha256_block

	/* Back to H0..H7 order. */
	pshufd		$0x1b, %xmm1, %xmm1		/* FEBA */
	pshufd		$0xb1, %xmm2, %xmm2		/* DCHG */
	movdqa		%xmm1, %xmm7
	pblendw		$0xf0, %xmm2, %xmm1		/* DCBA */
	palignr		$8, %xmm7, %xmm2		/* HGFE */
	movdqu		%xmm1, (%rdi)
	movdqu		%xmm2, 16(%rdi)
	RET
SYM_FUNC_END(smbsign_sha256_ni_blocks)
