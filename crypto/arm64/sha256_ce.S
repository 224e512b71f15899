/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 compression with the ARMv8 Crypto Extensions' SHA2 instructions.
 *
 * The state is two registers, ABCD and EFGH, A in lane 0: the order of
 * u32 h[8] in memory, so it loads as it is. SHA256H and SHA256H2 do four
 * rounds together, each updating one half from both halves' old values
 * (hence the copy of ABCD before SHA256H), with the four message words
 * plus round constants as their third operand.
 *
 * The message schedule W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]
 * is kept four words per register in a ring of four: for the words
 * sixteen rounds ahead, SHA256SU0 adds s0 of the next four to the oldest
 * four, and SHA256SU1 adds W[t-7] and the s1 terms from the two newest.
 *
 * The round constants are crypto/sha256.c's smbsign_sha256_k, the one
 * table of the layer, held in registers for all blocks.
 *
 * Register plan:
 *	v0, v1		the state, ABCD and EFGH
 *	v2		message words + K
 *	v3		ABCD before SHA256H
 *	v4..v7		the message schedule ring
 *	v16..v31	K[0..63], four per register
 * The state at a block's start, for the feed-forward, is read back from
 * h[], where every block's result is stored. v8..v15, which the AAPCS64
 * has callees preserve, are not touched.
 * Constant time: no branch or address depends on the key or the message.
 */

#include <linux/linkage.h>

	.arch		armv8-a+crypto

	.text

/*
 * Rounds 4q..4q+3: \m0 holds W[4q..4q+3], \m1..\m3 the next twelve words,
 * \k K[4q..4q+3]; with \sched, \m0 becomes W[4q+16..4q+19].
 */
.macro	QUAD		m0, m1, m2, m3, k, sched
	add		v2.4s, \m0\().4s, \k\().4s
.if \sched
	sha256su0	\m0\().4s, \m1\().4s
.endif
	mov		v3.16b, v0.16b
	sha256h		q0, q1, v2.4s
	sha256h2	q1, q3, v2.4s
.if \sched
	sha256su1	\m0\().4s, \m2\().4s, \m3\().4s
.endif
.endm

/*
 * void smbsign_sha256_ce_blocks(u32 h[8], const u8 *src, size_t nblocks)
 *
 * Compresses nblocks >= 0 64-byte blocks at src (any alignment) into h.
 */
SYM_FUNC_START(smbsign_sha256_ce_blocks)
	cbz		x2, .Lsha256_none
	adrp		x3, smbsign_sha256_k
	add		x3, x3, :lo12:smbsign_sha256_k
	ld1		{v16.4s-v19.4s}, [x3], #64
	ld1		{v20.4s-v23.4s}, [x3], #64
	ld1		{v24.4s-v27.4s}, [x3], #64
	ld1		{v28.4s-v31.4s}, [x3]
	ld1		{v0.4s-v1.4s}, [x0]
.Lsha256_block:
	ld1		{v4.16b-v7.16b}, [x1], #64
	/* The message is big-endian words. */
	rev32		v4.16b, v4.16b
	rev32		v5.16b, v5.16b
	rev32		v6.16b, v6.16b
	rev32		v7.16b, v7.16b
	QUAD		v4, v5, v6, v7, v16, 1
	QUAD		v5, v6, v7, v4, v17, 1
	QUAD		v6, v7, v4, v5, v18, 1
	QUAD		v7, v4, v5, v6, v19, 1
	QUAD		v4, v5, v6, v7, v20, 1
	QUAD		v5, v6, v7, v4, v21, 1
	QUAD		v6, v7, v4, v5, v22, 1
	QUAD		v7, v4, v5, v6, v23, 1
	QUAD		v4, v5, v6, v7, v24, 1
	QUAD		v5, v6, v7, v4, v25, 1
	QUAD		v6, v7, v4, v5, v26, 1
	QUAD		v7, v4, v5, v6, v27, 1
	QUAD		v4, v5, v6, v7, v28, 0
	QUAD		v5, v6, v7, v4, v29, 0
	QUAD		v6, v7, v4, v5, v30, 0
	QUAD		v7, v4, v5, v6, v31, 0
	ld1		{v2.4s-v3.4s}, [x0]
	add		v0.4s, v0.4s, v2.4s
	add		v1.4s, v1.4s, v3.4s
	st1		{v0.4s-v1.4s}, [x0]
	subs		x2, x2, #1
	b.ne		.Lsha256_block
.Lsha256_none:
	ret
SYM_FUNC_END(smbsign_sha256_ce_blocks)
