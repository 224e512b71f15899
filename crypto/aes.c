// SPDX-License-Identifier: GPL-2.0
/*
 * The AES layer: its implementation table, and the generic implementation,
 * constant-time AES encryption, bitsliced.
 *
 * The generic path must not index memory with key or data (cache timing),
 * so there is no S-box table. One 16-byte block is spread over eight 16-bit
 * words: word i holds bit i of all sixteen state bytes, and byte (row r,
 * column c) sits at bit position 4 * r + c. With that layout
 *  - SubBytes is a Boolean circuit evaluated on all 16 bytes at once: the
 *    113-gate circuit of Boyar and Peralta ("A depth-16 circuit for the AES
 *    S-box", 2011), whose inputs and outputs are numbered from the most
 *    significant bit;
 *  - ShiftRows rotates each row's bits by a multiple of 4 positions;
 *  - MixColumns rotates the rows inside each column's nibble and doubles
 *    in GF(2^8) by moving words, since the words are the bit planes.
 * CMAC is a chain (each block depends on the last), so there is no second
 * block to fill a wider word with: this is a fallback and a reference, the
 * SIMD implementations (crypto/<arch>/aes.h) carry the speed.
 */

#include <linux/string.h>
#include <crypto/algapi.h>
#include "layers.h"

SMBSIGN_DEFINE_IMPLS(aes);

/*
 * The round keys in the bitsliced layout, derived on the stack when the
 * generic path runs: keeping them in every key would make setkey, which
 * cifs calls for each message it verifies, pay for a path that is rarely
 * taken.
 */
struct aes_bs_key {
	u16 rk[SMBSIGN_AES_MAX_ROUNDS + 1][8];
	u32 rounds;
};

static inline u64 aes_load_le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/*
 * Bit i of each of the 8 bytes of @v, gathered into one byte (byte k's bit
 * to bit k): every set bit of the multiplier lands one of them in the top
 * byte, and no two partial products share a bit position, so no carries.
 */
static inline u16 aes_gather8(u64 v, unsigned int i)
{
	return (u16)((((v >> i) & 0x0101010101010101ULL) *
		      0x0102040810204080ULL) >> 56);
}

/* Bit i of every byte of @in[16], into plane word q[i] (byte k at bit k). */
static void aes_bs_pack(u16 q[8], const u8 in[16])
{
	u64 lo = aes_load_le64(in), hi = aes_load_le64(in + 8);
	unsigned int i;

	for (i = 0; i < 8; i++)
		q[i] = aes_gather8(lo, i) | aes_gather8(hi, i) << 8;
}

/*
 * The inverse spread: bit k of @b to bit 0 of byte k. Bits 0..6 through one
 * multiply (no partial products collide once bit 7 is out), bit 7 by hand.
 */
static inline u64 aes_spread8(unsigned int b)
{
	return (((u64)(b & 0x7f) * 0x0002040810204081ULL) &
		0x0101010101010101ULL) | ((u64)(b >> 7) << 56);
}

static void aes_bs_unpack(u8 out[16], const u16 q[8])
{
	u64 lo = 0, hi = 0;
	unsigned int i;

	for (i = 0; i < 8; i++) {
		lo |= aes_spread8(q[i] & 0xff) << i;
		hi |= aes_spread8(q[i] >> 8) << i;
	}
	for (i = 0; i < 8; i++) {
		out[i] = (u8)(lo >> (8 * i));
		out[8 + i] = (u8)(hi >> (8 * i));
	}
}

/* SubBytes on all bit planes: U0/S0 are the most significant bit (q[7]). */
static void aes_bs_sbox(u16 q[8])
{
	u16 u0 = q[7], u1 = q[6], u2 = q[5], u3 = q[4];
	u16 u4 = q[3], u5 = q[2], u6 = q[1], u7 = q[0];
	u16 t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14;
	u16 t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27;
	u16 m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14;
	u16 m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27;
	u16 m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40;
	u16 m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53;
	u16 m54, m55, m56, m57, m58, m59, m60, m61, m62, m63;
	u16 l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14;
	u16 l15, l16, l17, l18, l19, l20, l21, l22, l23, l24, l25, l26, l27;
	u16 l28, l29;

	/* Top linear transform. */
	t1 = u0 ^ u3;
	t2 = u0 ^ u5;
	t3 = u0 ^ u6;
	t4 = u3 ^ u5;
	t5 = u4 ^ u6;
	t6 = t1 ^ t5;
	t7 = u1 ^ u2;
	t8 = u7 ^ t6;
	t9 = u7 ^ t7;
	t10 = t6 ^ t7;
	t11 = u1 ^ u5;
	t12 = u2 ^ u5;
	t13 = t3 ^ t4;
	t14 = t6 ^ t11;
	t15 = t5 ^ t11;
	t16 = t5 ^ t12;
	t17 = t9 ^ t16;
	t18 = u3 ^ u7;
	t19 = t7 ^ t18;
	t20 = t1 ^ t19;
	t21 = u6 ^ u7;
	t22 = t7 ^ t21;
	t23 = t2 ^ t22;
	t24 = t2 ^ t10;
	t25 = t20 ^ t17;
	t26 = t3 ^ t16;
	t27 = t1 ^ t12;

	/* Shared non-linear middle: inversion in GF(2^8) via GF(2^4). */
	m1 = t13 & t6;
	m2 = t23 & t8;
	m3 = t14 ^ m1;
	m4 = t19 & u7;
	m5 = m4 ^ m1;
	m6 = t3 & t16;
	m7 = t22 & t9;
	m8 = t26 ^ m6;
	m9 = t20 & t17;
	m10 = m9 ^ m6;
	m11 = t1 & t15;
	m12 = t4 & t27;
	m13 = m12 ^ m11;
	m14 = t2 & t10;
	m15 = m14 ^ m11;
	m16 = m3 ^ m2;
	m17 = m5 ^ t24;
	m18 = m8 ^ m7;
	m19 = m10 ^ m15;
	m20 = m16 ^ m13;
	m21 = m17 ^ m15;
	m22 = m18 ^ m13;
	m23 = m19 ^ t25;
	m24 = m22 ^ m23;
	m25 = m22 & m20;
	m26 = m21 ^ m25;
	m27 = m20 ^ m21;
	m28 = m23 ^ m25;
	m29 = m28 & m27;
	m30 = m26 & m24;
	m31 = m20 & m23;
	m32 = m27 & m31;
	m33 = m27 ^ m25;
	m34 = m21 & m22;
	m35 = m24 & m34;
	m36 = m24 ^ m25;
	m37 = m21 ^ m29;
	m38 = m32 ^ m33;
	m39 = m23 ^ m30;
	m40 = m35 ^ m36;
	m41 = m38 ^ m40;
	m42 = m37 ^ m39;
	m43 = m37 ^ m38;
	m44 = m39 ^ m40;
	m45 = m42 ^ m41;
	m46 = m44 & t6;
	m47 = m40 & t8;
	m48 = m39 & u7;
	m49 = m43 & t16;
	m50 = m38 & t9;
	m51 = m37 & t17;
	m52 = m42 & t15;
	m53 = m45 & t27;
	m54 = m41 & t10;
	m55 = m44 & t13;
	m56 = m40 & t23;
	m57 = m39 & t19;
	m58 = m43 & t3;
	m59 = m38 & t22;
	m60 = m37 & t20;
	m61 = m42 & t1;
	m62 = m45 & t4;
	m63 = m41 & t2;

	/* Bottom linear transform, the affine constant folded into the NOTs. */
	l0 = m61 ^ m62;
	l1 = m50 ^ m56;
	l2 = m46 ^ m48;
	l3 = m47 ^ m55;
	l4 = m54 ^ m58;
	l5 = m49 ^ m61;
	l6 = m62 ^ l5;
	l7 = m46 ^ l3;
	l8 = m51 ^ m59;
	l9 = m52 ^ m53;
	l10 = m53 ^ l4;
	l11 = m60 ^ l2;
	l12 = m48 ^ m51;
	l13 = m50 ^ l0;
	l14 = m52 ^ m61;
	l15 = m55 ^ l1;
	l16 = m56 ^ l0;
	l17 = m57 ^ l1;
	l18 = m58 ^ l8;
	l19 = m63 ^ l4;
	l20 = l0 ^ l1;
	l21 = l1 ^ l7;
	l22 = l3 ^ l12;
	l23 = l18 ^ l2;
	l24 = l15 ^ l9;
	l25 = l6 ^ l10;
	l26 = l7 ^ l9;
	l27 = l8 ^ l10;
	l28 = l11 ^ l14;
	l29 = l11 ^ l17;

	q[7] = l6 ^ l24;
	q[6] = ~(l16 ^ l26);
	q[5] = ~(l19 ^ l28);
	q[4] = l6 ^ l21;
	q[3] = l20 ^ l22;
	q[2] = l25 ^ l29;
	q[1] = ~(l13 ^ l27);
	q[0] = ~(l6 ^ l23);
}

/*
 * Row r, column c takes column (c + r) mod 4. Byte (r, c) is bit 4c + r, so
 * row r moves by 4r bit positions, modulo 16.
 */
static inline u16 aes_bs_rot16(u16 x, unsigned int n)
{
	return (u16)((x >> n) | (x << (16 - n)));
}

static void aes_bs_shift_rows(u16 q[8])
{
	int i;

	for (i = 0; i < 8; i++) {
		u16 x = q[i];

		q[i] = (x & 0x1111) | (aes_bs_rot16(x, 4) & 0x2222) |
		       (aes_bs_rot16(x, 8) & 0x4444) |
		       (aes_bs_rot16(x, 12) & 0x8888);
	}
}

/* Row r takes row r + n mod 4 of the same column: rotate every nibble. */
static inline u16 aes_bs_rot_rows(u16 x, unsigned int n)
{
	static const u16 keep[4] = { 0xffff, 0x7777, 0x3333, 0x1111 };

	return (u16)(((x >> n) & keep[n]) | ((x << (4 - n)) & ~keep[n]));
}

/*
 * out_r = 2 a_r + 3 a_(r+1) + a_(r+2) + a_(r+3)
 *       = 2 t_r + a_(r+1) + t_(r+2), with t = a + rot1(a).
 * Doubling in GF(2^8) mod x^8 + x^4 + x^3 + x + 1 moves plane i to i + 1
 * and folds plane 7 into planes 0, 1, 3 and 4.
 */
static void aes_bs_mix_columns(u16 q[8])
{
	u16 t[8], a1[8];
	int i;

	for (i = 0; i < 8; i++) {
		a1[i] = aes_bs_rot_rows(q[i], 1);
		t[i] = q[i] ^ a1[i];
	}
	for (i = 0; i < 8; i++) {
		u16 dbl = i ? t[i - 1] : 0;

		if (i == 0 || i == 1 || i == 3 || i == 4)
			dbl ^= t[7];
		q[i] = dbl ^ a1[i] ^ aes_bs_rot_rows(t[i], 2);
	}
}

static inline void aes_bs_add_round_key(u16 q[8], const u16 rk[8])
{
	int i;

	for (i = 0; i < 8; i++)
		q[i] ^= rk[i];
}

static void aes_bs_prepare(struct aes_bs_key *bs,
			   const struct smbsign_aes_key *key)
{
	u32 r;

	bs->rounds = key->rounds;
	for (r = 0; r <= key->rounds; r++)
		aes_bs_pack(bs->rk[r], key->rk[r]);
}

static void aes_bs_encrypt(const struct aes_bs_key *bs,
			   u8 out[SMBSIGN_AES_BLOCK_SIZE],
			   const u8 in[SMBSIGN_AES_BLOCK_SIZE])
{
	u16 q[8];
	u32 r;

	aes_bs_pack(q, in);
	aes_bs_add_round_key(q, bs->rk[0]);
	for (r = 1; r < bs->rounds; r++) {
		aes_bs_sbox(q);
		aes_bs_shift_rows(q);
		aes_bs_mix_columns(q);
		aes_bs_add_round_key(q, bs->rk[r]);
	}
	aes_bs_sbox(q);
	aes_bs_shift_rows(q);
	aes_bs_add_round_key(q, bs->rk[bs->rounds]);
	aes_bs_unpack(out, q);
	memzero_explicit(q, sizeof(q));
}

/* SubWord(): the four bytes of @w through the same circuit. */
static void aes_sub_word(u8 w[4])
{
	u8 blk[16] = { 0 };
	u16 q[8];

	memcpy(blk, w, 4);
	aes_bs_pack(q, blk);
	aes_bs_sbox(q);
	aes_bs_unpack(blk, q);
	memcpy(w, blk, 4);
	memzero_explicit(blk, sizeof(blk));
	memzero_explicit(q, sizeof(q));
}

/* FIPS-197 section 5.2; the key length is public, the key bytes are not. */
void smbsign_aes_expandkey_generic(struct smbsign_aes_key *key,
				   const u8 *in_key, unsigned int key_len)
{
	static const u8 rcon[10] = {
		0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36
	};
	/* The schedule as one run of 4-byte words, rk[0] onwards. */
	u8 *w = (u8 *)key->rk;
	unsigned int nk = key_len / 4, nwords, i;

	key->rounds = nk + 6;
	key->key_len = key_len;
	nwords = 4 * (key->rounds + 1);
	memcpy(w, in_key, key_len);
	for (i = nk; i < nwords; i++) {
		u8 t[4];

		memcpy(t, &w[4 * (i - 1)], 4);
		if (i % nk == 0) {
			u8 t0 = t[0];

			t[0] = t[1];
			t[1] = t[2];
			t[2] = t[3];
			t[3] = t0;
			aes_sub_word(t);
			t[0] ^= rcon[i / nk - 1];
		} else if (nk > 6 && i % nk == 4) {
			aes_sub_word(t);
		}
		w[4 * i + 0] = w[4 * (i - nk) + 0] ^ t[0];
		w[4 * i + 1] = w[4 * (i - nk) + 1] ^ t[1];
		w[4 * i + 2] = w[4 * (i - nk) + 2] ^ t[2];
		w[4 * i + 3] = w[4 * (i - nk) + 3] ^ t[3];
		memzero_explicit(t, sizeof(t));
	}
}

void smbsign_aes_cbcmac_generic(const struct smbsign_aes_key *key,
				u8 mac[16], const u8 *src, size_t nblocks)
{
	struct aes_bs_key bs;
	u8 x[SMBSIGN_AES_BLOCK_SIZE];
	int i;

	if (!nblocks)
		return;
	aes_bs_prepare(&bs, key);
	while (nblocks--) {
		for (i = 0; i < SMBSIGN_AES_BLOCK_SIZE; i++)
			x[i] = mac[i] ^ src[i];
		aes_bs_encrypt(&bs, mac, x);
		src += SMBSIGN_AES_BLOCK_SIZE;
	}
	memzero_explicit(&bs, sizeof(bs));
	memzero_explicit(x, sizeof(x));
}

void smbsign_aes_encrypt_generic(const struct smbsign_aes_key *key,
				 u8 out[16], const u8 in[16])
{
	struct aes_bs_key bs;

	aes_bs_prepare(&bs, key);
	aes_bs_encrypt(&bs, out, in);
	memzero_explicit(&bs, sizeof(bs));
}

void smbsign_aes_encrypt3_generic(const struct smbsign_aes_key *key,
				  u8 out[16], const u8 a[16], const u8 b[16],
				  const u8 c[16])
{
	u8 x[SMBSIGN_AES_BLOCK_SIZE];
	int i;

	for (i = 0; i < SMBSIGN_AES_BLOCK_SIZE; i++)
		x[i] = a[i] ^ b[i] ^ c[i];
	smbsign_aes_encrypt_generic(key, out, x);
	memzero_explicit(x, sizeof(x));
}

/* rk[0] is the key as given: the schedule starts with it. */
bool smbsign_aes_key_is(const struct smbsign_aes_key *key, const u8 *in_key,
			unsigned int key_len)
{
	return key->key_len == key_len &&
	       !crypto_memneq(&key->rk[0][0], in_key, key_len);
}
