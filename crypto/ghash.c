// SPDX-License-Identifier: GPL-2.0
/*
 * The GHASH layer: its implementation table, and the generic
 * implementation, constant-time GHASH in plain C: no tables, no branches
 * on data.
 *
 * Multiplication in GF(2^128) is done as the PCLMULQDQ code does it (see
 * crypto/x86/ghash_pclmul.S for the derivation), only with a carry-less
 * multiply built from integer multiplies:
 *  - blocks are read byte-reversed, so that as a 128-bit number bit 127 - i
 *    holds the coefficient of x^i ("reflected" order);
 *  - the key is H / x rather than H: the carry-less product of two
 *    reflected numbers comes out as the product times x, and the key's
 *    1 / x cancels it with no shift per block;
 *  - three 64x64 products (Karatsuba), then the reduction modulo
 *    x^128 + x^7 + x^2 + x + 1 in two folds of 64 bits each.
 * A table-driven GHASH (4-bit Shoup tables) indexes memory with secret data
 * and leaks through the cache: this is slower, and it leaks nothing.
 */

#include <linux/string.h>
#include "layers.h"

SMBSIGN_DEFINE_IMPLS(ghash);

/*
 * The low 64 bits of the carry-less product of @x and @y, with ordinary
 * multiplies. Each operand is cut into four interleaved parts holding every
 * fourth bit; in the integer product of two such parts every bit position
 * that can be set is a multiple of 4 away from the others, and each such
 * column sums at most 16 terms. Columns below bit 60 sum at most 15, which
 * fits in the 3 clear bits above them, so no carry corrupts another column
 * of the same class; only columns 60..63 can reach 16, and they carry past
 * bit 63. Masking each class out of the right products gives the XOR sum.
 * (The approach of BearSSL's ghash_ctmul64; written anew here.)
 */
static u64 ghash_bmul64(u64 x, u64 y)
{
	const u64 m0 = 0x1111111111111111ULL, m1 = m0 << 1,
		  m2 = m0 << 2, m3 = m0 << 3;
	u64 x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
	u64 y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
	u64 z0, z1, z2, z3;

	z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
	z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
	z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
	z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
	return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

static u64 ghash_rev64(u64 x)
{
	x = ((x & 0x5555555555555555ULL) << 1) | ((x >> 1) & 0x5555555555555555ULL);
	x = ((x & 0x3333333333333333ULL) << 2) | ((x >> 2) & 0x3333333333333333ULL);
	x = ((x & 0x0f0f0f0f0f0f0f0fULL) << 4) | ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL);
	x = ((x & 0x00ff00ff00ff00ffULL) << 8) | ((x >> 8) & 0x00ff00ff00ff00ffULL);
	x = ((x & 0x0000ffff0000ffffULL) << 16) | ((x >> 16) & 0x0000ffff0000ffffULL);
	return (x << 32) | (x >> 32);
}

/*
 * The full 128-bit carry-less product. Its high half is the low half of the
 * product of the bit-reversed operands, reversed back: reversing both
 * operands reverses their 127-bit product, so bit j of rev64(low half of
 * rev(x) * rev(y)) is bit 63 + j of x * y, one more shift from bit 64 + j.
 */
static void ghash_clmul64(u64 x, u64 y, u64 *lo, u64 *hi)
{
	*lo = ghash_bmul64(x, y);
	*hi = ghash_rev64(ghash_bmul64(ghash_rev64(x), ghash_rev64(y))) >> 1;
}

static u64 ghash_load_be64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void ghash_store_be64(u8 *p, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (u8)v;
		v >>= 8;
	}
}

/* A 16-byte GCM block to the reflected form, and back. */
static void ghash_load(u64 v[2], const u8 block[16])
{
	v[1] = ghash_load_be64(block);
	v[0] = ghash_load_be64(block + 8);
}

static void ghash_store(u8 block[16], const u64 v[2])
{
	ghash_store_be64(block, v[1]);
	ghash_store_be64(block + 8, v[0]);
}

/*
 * @v / x, reflected: dividing by x is a left shift in this order, and the
 * coefficient of x^0 that falls out comes back as x^-1 = x^127 + x^6 + x + 1
 * (the constant 0xc2000000000000000000000000000001), added under a mask
 * rather than a branch.
 */
static void ghash_div_x(u64 out[2], const u64 v[2])
{
	u64 carry = 0 - (v[1] >> 63);

	out[1] = (v[1] << 1) | (v[0] >> 63);
	out[0] = v[0] << 1;
	out[1] ^= carry & 0xc200000000000000ULL;
	out[0] ^= carry & 1;
}

/*
 * @a = @a * @hx * x, both reflected; @hx is H / x, so @a ends up a * H.
 *
 * In the carry-less product of two reflected numbers coefficient k lands at
 * bit 254 - k; read as a 256-bit reflected number (coefficient k at bit
 * 255 - k) that is the product times x, which the H / x key cancels. So
 * [x3:x2:x1:x0] holds a * H unreduced; x0 holds x^192..x^255. Since
 * x^128 = x^7 + x^2 + x + 1, those coefficients move to x^64..x^134, which
 * in this order is x0 << 128 plus x0 * (2^63 + 2^62 + 2^57) << 64: a
 * carry-less multiply by the constant 0xc200000000000000, done here with
 * shifts. The same fold then takes x1 into [x3:x2], the result.
 */
static void ghash_mul(u64 a[2], const u64 hx[2])
{
	u64 l0, l1, h0, h1, m0, m1, x0, x1, x2, x3;

	/* Karatsuba: lo = a0 h0, hi = a1 h1, mid = (a0 ^ a1)(h0 ^ h1). */
	ghash_clmul64(a[0], hx[0], &l0, &l1);
	ghash_clmul64(a[1], hx[1], &h0, &h1);
	ghash_clmul64(a[0] ^ a[1], hx[0] ^ hx[1], &m0, &m1);
	m0 ^= l0 ^ h0;
	m1 ^= l1 ^ h1;
	x0 = l0;
	x1 = l1 ^ m0;
	x2 = h0 ^ m1;
	x3 = h1;

	x1 ^= (x0 << 63) ^ (x0 << 62) ^ (x0 << 57);
	x2 ^= x0 ^ (x0 >> 1) ^ (x0 >> 2) ^ (x0 >> 7);
	x2 ^= (x1 << 63) ^ (x1 << 62) ^ (x1 << 57);
	x3 ^= x1 ^ (x1 >> 1) ^ (x1 >> 2) ^ (x1 >> 7);
	a[0] = x2;
	a[1] = x3;
}

void smbsign_ghash_blocks_generic(const struct smbsign_ghash_key *key,
				  u8 acc[16], const u8 *src, size_t nblocks)
{
	u64 h[2], hx[2], a[2], b[2];

	ghash_load(h, key->h);
	ghash_div_x(hx, h);
	ghash_load(a, acc);
	while (nblocks--) {
		ghash_load(b, src);
		a[0] ^= b[0];
		a[1] ^= b[1];
		ghash_mul(a, hx);
		src += 16;
	}
	ghash_store(acc, a);
	memzero_explicit(h, sizeof(h));
	memzero_explicit(hx, sizeof(hx));
	memzero_explicit(a, sizeof(a));
	memzero_explicit(b, sizeof(b));
}

void smbsign_ghash_powers_generic(const u8 h[16], u64 pow[][2],
				  unsigned int n)
{
	u64 hx[2], p[2];
	unsigned int k;

	ghash_load(p, h);
	ghash_div_x(hx, p);
	for (k = 0; k < n; k++) {
		if (k)
			ghash_mul(p, hx);
		ghash_div_x(pow[k], p);
	}
	memzero_explicit(hx, sizeof(hx));
	memzero_explicit(p, sizeof(p));
}
