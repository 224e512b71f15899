/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES with the ARMv8 Crypto Extensions: the key schedule, the CBC-MAC
 * chain (AES-CMAC's) and single blocks (GMAC's H and final block).
 *
 * AESE v, k is AddRoundKey(k), SubBytes and ShiftRows; AESMC v is
 * MixColumns. A round of FIPS-197 is therefore AESMC(AESE(s, rk[i])) with
 * the round key applied one step earlier than in the standard's text:
 *
 *	E_K(m) = AESE(... AESMC(AESE(m, rk[0])) ..., rk[n - 1]) ^ rk[n]
 *
 * CBC-MAC is a chain: block i + 1 cannot start before block i is
 * encrypted, so its speed is the latency of the rounds (cores fuse each
 * AESE/AESMC pair), and nothing else may sit on the chain. The next
 * message block is folded into the last round key off the chain:
 *
 *	s ^ (rk[n] ^ m[i + 1]) = E_K(prev ^ m[i]) ^ m[i + 1]
 *
 * is the next block's input, and the next AESE adds rk[0] itself.
 *
 * Register plan (cbcmac): v0 the chain, v1 the next block ^ rk[n], and the
 * schedule in v16..v30, ending at v30 = rk[n] whatever the key length:
 * AES-128 uses v20..v30, AES-192 v18..v30, AES-256 v16..v30. Addresses
 * and branches depend on the key length and the message length only.
 */

#include <linux/linkage.h>

	.arch		armv8-a+crypto

	.text

/* One full round of \v with round key v\r, if \r is part of the schedule. */
.macro	ROUND		v, r, first
.if \r >= \first
	aese		\v\().16b, v\r\().16b
	aesmc		\v\().16b, \v\().16b
.endif
.endm

/* \v = AESE rounds with v\first .. v29 (all but the final AddRoundKey). */
.macro	ROUNDS		v, first
	ROUND		\v, 16, \first
	ROUND		\v, 17, \first
	ROUND		\v, 18, \first
	ROUND		\v, 19, \first
	ROUND		\v, 20, \first
	ROUND		\v, 21, \first
	ROUND		\v, 22, \first
	ROUND		\v, 23, \first
	ROUND		\v, 24, \first
	ROUND		\v, 25, \first
	ROUND		\v, 26, \first
	ROUND		\v, 27, \first
	ROUND		\v, 28, \first
	aese		\v\().16b, v29.16b
.endm

/* Loads rk[0..n] of x0 (w1 rounds) into v\first..v30; uses x5. */
.macro	LOAD_SCHEDULE
	mov		x5, x0
	cmp		w1, #12
	b.lo		.Lload11\@
	b.eq		.Lload13\@
	ld1		{v16.16b-v17.16b}, [x5], #32
.Lload13\@:
	ld1		{v18.16b-v19.16b}, [x5], #32
.Lload11\@:
	ld1		{v20.16b-v23.16b}, [x5], #64
	ld1		{v24.16b-v27.16b}, [x5], #64
	ld1		{v28.16b-v30.16b}, [x5]
.endm

/*
 * The CBC-MAC loop of one key length: v0 = mac, x3 = src, x4 = nblocks
 * >= 1; stores the MAC at x2.
 */
.macro	CBCMAC_LOOP	first
	ld1		{v1.16b}, [x3], #16
	eor		v0.16b, v0.16b, v1.16b
	subs		x4, x4, #1
	b.eq		.Llast\@
.Lloop\@:
	ld1		{v1.16b}, [x3], #16
	eor		v1.16b, v1.16b, v30.16b
	ROUNDS		v0, \first
	eor		v0.16b, v0.16b, v1.16b
	subs		x4, x4, #1
	b.ne		.Lloop\@
.Llast\@:
	ROUNDS		v0, \first
	eor		v0.16b, v0.16b, v30.16b
	st1		{v0.16b}, [x2]
	ret
.endm

/*
 * void smbsign_aes_ce_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
 *			      const u8 *src, size_t nblocks)
 *
 * mac = E_K(mac ^ block) for each of the nblocks blocks at src (any
 * alignment). rounds is 10, 12 or 14.
 */
SYM_FUNC_START(smbsign_aes_ce_cbcmac)
	cbz		x4, .Lcbcmac_none
	ld1		{v0.16b}, [x2]
	LOAD_SCHEDULE
	cmp		w1, #12
	b.lo		.Lcbcmac128
	b.eq		.Lcbcmac192
	CBCMAC_LOOP	16
.Lcbcmac192:
	CBCMAC_LOOP	18
.Lcbcmac128:
	CBCMAC_LOOP	20
.Lcbcmac_none:
	ret
SYM_FUNC_END(smbsign_aes_ce_cbcmac)

/* v0 = E_K(v0) with the schedule in registers (LOAD_SCHEDULE). */
.macro	ENCRYPT_V0
	cmp		w1, #12
	b.lo		.Lenc128\@
	b.eq		.Lenc192\@
	ROUNDS		v0, 16
	b		.Lenc_done\@
.Lenc192\@:
	ROUNDS		v0, 18
	b		.Lenc_done\@
.Lenc128\@:
	ROUNDS		v0, 20
.Lenc_done\@:
	eor		v0.16b, v0.16b, v30.16b
.endm

/*
 * void smbsign_aes_ce_encrypt(const u8 *rk, unsigned int rounds, u8 out[16],
 *			       const u8 in[16])
 *
 * One block, out = E_K(in); out may be in.
 */
SYM_FUNC_START(smbsign_aes_ce_encrypt)
	ld1		{v0.16b}, [x3]
	LOAD_SCHEDULE
	ENCRYPT_V0
	st1		{v0.16b}, [x2]
	ret
SYM_FUNC_END(smbsign_aes_ce_encrypt)

/*
 * void smbsign_aes_ce_encrypt3(const u8 *rk, unsigned int rounds,
 *				u8 out[16], const u8 a[16], const u8 b[16],
 *				const u8 c[16])
 *
 * out = E_K(a ^ b ^ c): CMAC's last block (chain, block, subkey); out may
 * be any of them.
 */
SYM_FUNC_START(smbsign_aes_ce_encrypt3)
	ld1		{v0.16b}, [x3]
	ld1		{v1.16b}, [x4]
	ld1		{v2.16b}, [x5]
	eor		v0.16b, v0.16b, v1.16b
	eor		v0.16b, v0.16b, v2.16b
	LOAD_SCHEDULE
	ENCRYPT_V0
	st1		{v0.16b}, [x2]
	ret
SYM_FUNC_END(smbsign_aes_ce_encrypt3)

/*
 * w\w = SubWord(w\w): the word in all four columns of v2, one AESE with a
 * zero round key (v3): ShiftRows moves bytes between columns that are all
 * equal, so column 0 is SubBytes of the word.
 */
.macro	SUB_WORD	w
	dup		v2.4s, w\w
	aese		v2.16b, v3.16b
	umov		w\w, v2.s[0]
.endm

/*
 * void smbsign_aes_ce_expandkey(u8 *rk, const u8 *in_key,
 *				 unsigned int key_len)
 *
 * The FIPS-197 key schedule word by word: w[i] = w[i - Nk] ^ t, where t is
 * w[i - 1], RotWord'ed, SubWord'ed and XORed with rcon at each multiple of
 * Nk, and only SubWord'ed at i % Nk == 4 when Nk is 8. Words are read as
 * little-endian numbers, so RotWord is a right rotation by 8. key_len is
 * 16, 24 or 32 (checked by the caller). The branches follow i and Nk only.
 *
 *	x0 rk, x1 in_key, w3 Nk, w4 words to make, w5 i, w6 t, w7 rcon,
 *	w8 i % Nk
 */
SYM_FUNC_START(smbsign_aes_ce_expandkey)
	movi		v3.16b, #0
	lsr		w3, w2, #2
	add		w4, w3, #7
	lsl		w4, w4, #2
	mov		x5, #0
.Lexpand_copy:
	ldr		w6, [x1, x5, lsl #2]
	str		w6, [x0, x5, lsl #2]
	add		x5, x5, #1
	cmp		w5, w3
	b.lo		.Lexpand_copy
	mov		w7, #1
	mov		w8, #0
.Lexpand_word:
	sub		x9, x5, #1
	ldr		w6, [x0, x9, lsl #2]
	cbnz		w8, .Lexpand_mid
	ror		w6, w6, #8
	SUB_WORD	6
	eor		w6, w6, w7
	/* rcon = xtime(rcon): x * rcon mod the AES polynomial, 0x11b. */
	lsl		w7, w7, #1
	lsr		w10, w7, #8
	mov		w11, #0x1b
	mul		w10, w10, w11
	eor		w7, w7, w10
	and		w7, w7, #0xff
	b		.Lexpand_store
.Lexpand_mid:
	cmp		w3, #8
	ccmp		w8, #4, #0, eq
	b.ne		.Lexpand_store
	SUB_WORD	6
.Lexpand_store:
	sub		x9, x5, x3
	ldr		w10, [x0, x9, lsl #2]
	eor		w6, w6, w10
	str		w6, [x0, x5, lsl #2]
	add		w8, w8, #1
	cmp		w8, w3
	csel		w8, wzr, w8, eq
	add		x5, x5, #1
	cmp		w5, w4
	b.lo		.Lexpand_word
	ret
SYM_FUNC_END(smbsign_aes_ce_expandkey)
