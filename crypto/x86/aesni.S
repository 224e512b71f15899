/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES with AES-NI: the key schedule and the CBC-MAC chain (AES-CMAC's, and
 * one block of it is one encryption, as AES-GMAC needs).
 *
 * CBC-MAC is a chain: block i + 1 cannot start before block i is encrypted,
 * so throughput is bounded by the latency of the rounds (4 cycles per AESENC
 * on current cores, 40 cycles per block for AES-128), not by their
 * throughput. The loop is therefore written so that nothing but the rounds
 * sits on the chain. The next message block is folded into the LAST round
 * key, off the chain, while the rounds of the current block run:
 *
 *	AESENCLAST(s, rk[n] ^ rk[0] ^ m[i+1])
 *		= E_K(prev ^ m[i]) ^ rk[0] ^ m[i+1]
 *
 * which is exactly the input of round 1 of block i + 1 (whitening included).
 * Only the final block uses the true rk[n].
 *
 * Register plan (cbcmac):
 *	%xmm0		chain state
 *	%xmm1		scratch: next block ^ rk[n] ^ rk[0]
 *	%xmm2..%xmm14	rk[1]..rk[13] (as many as the key length needs)
 *	%xmm15		rk[n] ^ rk[0]
 * All sixteen registers are in use for AES-256, so there is no spare one to
 * hold rk[0] or rk[n]: they are read from memory at the two ends.
 */

#include <linux/linkage.h>

.text

/* %xmm0 = prefix-XOR of its four words, XOR the broadcast word in \t. */
.macro	PREFIX_XOR	s, t, tmp
	movdqa		\s, \tmp
	pslldq		$4, \tmp
	pxor		\tmp, \s
	pslldq		$4, \tmp
	pxor		\tmp, \s
	pslldq		$4, \tmp
	pxor		\tmp, \s
	pxor		\t, \s
.endm

/* AES-128: rk[i] from rk[i - 1] in %xmm0, stored at \off(%rdi). */
.macro	KEY128		rcon, off
	aeskeygenassist	$\rcon, %xmm0, %xmm1
	pshufd		$0xff, %xmm1, %xmm1
	PREFIX_XOR	%xmm0, %xmm1, %xmm2
	movdqu		%xmm0, \off(%rdi)
.endm

/* AES-192: six more words from w[i-6..i-1] in %xmm0 (4) and %xmm3 (low 2). */
.macro	KEY192		rcon, off
	aeskeygenassist	$\rcon, %xmm3, %xmm1
	pshufd		$0x55, %xmm1, %xmm1
	PREFIX_XOR	%xmm0, %xmm1, %xmm2
	pshufd		$0xff, %xmm0, %xmm1
	movdqa		%xmm3, %xmm2
	pslldq		$4, %xmm2
	pxor		%xmm2, %xmm3
	pxor		%xmm1, %xmm3
	movdqu		%xmm0, \off(%rdi)
	movq		%xmm3, \off+16(%rdi)
.endm

/* AES-256: even round key from %xmm0 and %xmm3 (RotWord, SubWord, rcon)... */
.macro	KEY256_EVEN	rcon, off
	aeskeygenassist	$\rcon, %xmm3, %xmm1
	pshufd		$0xff, %xmm1, %xmm1
	PREFIX_XOR	%xmm0, %xmm1, %xmm2
	movdqu		%xmm0, \off(%rdi)
.endm

/* ...and odd round key from %xmm3 and the new even one (SubWord only). */
.macro	KEY256_ODD	off
	aeskeygenassist	$0, %xmm0, %xmm1
	pshufd		$0xaa, %xmm1, %xmm1
	PREFIX_XOR	%xmm3, %xmm1, %xmm2
	movdqu		%xmm3, \off(%rdi)
.endm

/*
 * void smbsign_aesni_expandkey(u8 *rk, const u8 *in_key, unsigned int key_len)
 *
 * The FIPS-197 key schedule, rk[0..n] as bytes. key_len is 16, 24 or 32
 * (checked by the caller).
 */
SYM_FUNC_START(smbsign_aesni_expandkey)
	movdqu		(%rsi), %xmm0
	movdqu		%xmm0, (%rdi)
	cmp		$24, %edx
	je		.Lexpand192
	ja		.Lexpand256

	KEY128		0x01, 16
	KEY128		0x02, 32
	KEY128		0x04, 48
	KEY128		0x08, 64
	KEY128		0x10, 80
	KEY128		0x20, 96
	KEY128		0x40, 112
	KEY128		0x80, 128
	KEY128		0x1b, 144
	KEY128		0x36, 160
	jmp		.Lexpand_done

.Lexpand192:
	movq		16(%rsi), %xmm3
	movq		%xmm3, 16(%rdi)
	/* 8 x 6 words; the last 2 words land past rk[12], inside rk[13]. */
	KEY192		0x01, 24
	KEY192		0x02, 48
	KEY192		0x04, 72
	KEY192		0x08, 96
	KEY192		0x10, 120
	KEY192		0x20, 144
	KEY192		0x40, 168
	KEY192		0x80, 192
	jmp		.Lexpand_done

.Lexpand256:
	movdqu		16(%rsi), %xmm3
	movdqu		%xmm3, 16(%rdi)
	KEY256_EVEN	0x01, 32
	KEY256_ODD	48
	KEY256_EVEN	0x02, 64
	KEY256_ODD	80
	KEY256_EVEN	0x04, 96
	KEY256_ODD	112
	KEY256_EVEN	0x08, 128
	KEY256_ODD	144
	KEY256_EVEN	0x10, 160
	KEY256_ODD	176
	KEY256_EVEN	0x20, 192
	KEY256_ODD	208
	KEY256_EVEN	0x40, 224

.Lexpand_done:
	/* Leave no key material in the scratch registers. */
	pxor		%xmm0, %xmm0
	pxor		%xmm1, %xmm1
	pxor		%xmm2, %xmm2
	pxor		%xmm3, %xmm3
	RET
SYM_FUNC_END(smbsign_aesni_expandkey)

/*
 * One CBC-MAC loop for a given number of rounds; rk[1..rounds-1] are in
 * %xmm2 onwards, %rcx points at the current block.
 */
.macro	CBCMAC_LOOP	rounds
.Lloop\rounds:
	aesenc		%xmm2, %xmm0
	aesenc		%xmm3, %xmm0
	aesenc		%xmm4, %xmm0
	aesenc		%xmm5, %xmm0
	aesenc		%xmm6, %xmm0
	aesenc		%xmm7, %xmm0
	aesenc		%xmm8, %xmm0
	aesenc		%xmm9, %xmm0
	aesenc		%xmm10, %xmm0
.if \rounds > 10
	aesenc		%xmm11, %xmm0
	aesenc		%xmm12, %xmm0
.endif
.if \rounds > 12
	aesenc		%xmm13, %xmm0
	aesenc		%xmm14, %xmm0
.endif
	add		$16, %rcx
	dec		%r8
	jz		.Lcbcmac_last
	movdqu		(%rcx), %xmm1
	pxor		%xmm15, %xmm1
	aesenclast	%xmm1, %xmm0
	jmp		.Lloop\rounds
.endm

/*
 * void smbsign_aesni_cbcmac(const u8 *rk, unsigned int rounds, u8 mac[16],
 *			     const u8 *src, size_t nblocks)
 *
 * mac = E_K(mac ^ block) for each of the nblocks blocks at src (any
 * alignment). rounds is 10, 12 or 14.
 */
SYM_FUNC_START(smbsign_aesni_cbcmac)
	test		%r8, %r8
	jz		.Lcbcmac_ret

	/* %rax = 16 * rounds: offset of the last round key. */
	mov		%esi, %eax
	shl		$4, %rax

	movdqu		(%rdi), %xmm1			/* rk[0] */
	movdqu		(%rdi,%rax), %xmm15		/* rk[n] */
	pxor		%xmm1, %xmm15
	movdqu		(%rdx), %xmm0
	pxor		%xmm1, %xmm0
	movdqu		(%rcx), %xmm1
	pxor		%xmm1, %xmm0

	movdqu		0x10(%rdi), %xmm2
	movdqu		0x20(%rdi), %xmm3
	movdqu		0x30(%rdi), %xmm4
	movdqu		0x40(%rdi), %xmm5
	movdqu		0x50(%rdi), %xmm6
	movdqu		0x60(%rdi), %xmm7
	movdqu		0x70(%rdi), %xmm8
	movdqu		0x80(%rdi), %xmm9
	movdqu		0x90(%rdi), %xmm10
	cmp		$12, %esi
	jb		.Lloop10
	movdqu		0xa0(%rdi), %xmm11
	movdqu		0xb0(%rdi), %xmm12
	je		.Lloop12
	movdqu		0xc0(%rdi), %xmm13
	movdqu		0xd0(%rdi), %xmm14
	jmp		.Lloop14

	CBCMAC_LOOP	10
	CBCMAC_LOOP	12
	CBCMAC_LOOP	14

.Lcbcmac_last:
	movdqu		(%rdi,%rax), %xmm1
	aesenclast	%xmm1, %xmm0
	movdqu		%xmm0, (%rdx)

	/* Round keys stay in memory only, not in registers left behind. */
	pxor		%xmm0, %xmm0
	pxor		%xmm1, %xmm1
	pxor		%xmm2, %xmm2
	pxor		%xmm3, %xmm3
	pxor		%xmm4, %xmm4
	pxor		%xmm5, %xmm5
	pxor		%xmm6, %xmm6
	pxor		%xmm7, %xmm7
	pxor		%xmm8, %xmm8
	pxor		%xmm9, %xmm9
	pxor		%xmm10, %xmm10
	pxor		%xmm11, %xmm11
	pxor		%xmm12, %xmm12
	pxor		%xmm13, %xmm13
	pxor		%xmm14, %xmm14
	pxor		%xmm15, %xmm15
.Lcbcmac_ret:
	RET
SYM_FUNC_END(smbsign_aesni_cbcmac)

/* One round of a single block: %xmm0 = AESENC(%xmm0, rk at \off(%rdi)). */
.macro	ENC_ROUND	off
	movdqu		\off(%rdi), %xmm1
	aesenc		%xmm1, %xmm0
.endm

/*
 * %xmm0 = E_K(%xmm0), into \out: each round key loaded as its round needs
 * it. A single block has no chain to keep the rounds' latency busy, so
 * loading the whole schedule into registers first, as the CBC-MAC loop
 * does, would only add to it. The longer schedules run their extra rounds
 * first and move %rdi on, so that the last ten rounds are the same code
 * for every key length. Clears %xmm0 and %xmm1.
 */
.macro	ENCRYPT_BLOCK	out
	movdqu		(%rdi), %xmm1
	pxor		%xmm1, %xmm0
	cmp		$12, %esi
	jb		.Lencrypt10\@
	je		.Lencrypt12\@
	ENC_ROUND	0x10
	ENC_ROUND	0x20
	add		$0x20, %rdi
.Lencrypt12\@:
	ENC_ROUND	0x10
	ENC_ROUND	0x20
	add		$0x20, %rdi
.Lencrypt10\@:
	ENC_ROUND	0x10
	ENC_ROUND	0x20
	ENC_ROUND	0x30
	ENC_ROUND	0x40
	ENC_ROUND	0x50
	ENC_ROUND	0x60
	ENC_ROUND	0x70
	ENC_ROUND	0x80
	ENC_ROUND	0x90
	movdqu		0xa0(%rdi), %xmm1
	aesenclast	%xmm1, %xmm0
	movdqu		%xmm0, \out
	pxor		%xmm0, %xmm0
	pxor		%xmm1, %xmm1
.endm

/*
 * void smbsign_aesni_encrypt(const u8 *rk, unsigned int rounds, u8 out[16],
 *			      const u8 in[16])
 *
 * One block, out = E_K(in): GMAC's two AES blocks per MAC, which on SMB's
 * small messages are most of its AES work.
 */
SYM_FUNC_START(smbsign_aesni_encrypt)
	movdqu		(%rcx), %xmm0
	ENCRYPT_BLOCK	(%rdx)
	RET
SYM_FUNC_END(smbsign_aesni_encrypt)

/*
 * void smbsign_aesni_encrypt3(const u8 *rk, unsigned int rounds, u8 out[16],
 *			       const u8 a[16], const u8 b[16], const u8 c[16])
 *
 * out = E_K(a ^ b ^ c): CMAC's last block (the chain value, the block,
 * the subkey), XORed here, where each is one 16-byte load. Combined by C
 * code first, the block would come back through a load of data just
 * stored in smaller pieces, which the CPU cannot forward: a stall right on
 * the chain.
 */
SYM_FUNC_START(smbsign_aesni_encrypt3)
	movdqu		(%rcx), %xmm0
	movdqu		(%r8), %xmm1
	pxor		%xmm1, %xmm0
	movdqu		(%r9), %xmm1
	pxor		%xmm1, %xmm0
	ENCRYPT_BLOCK	(%rdx)
	RET
SYM_FUNC_END(smbsign_aesni_encrypt3)
