// SPDX-License-Identifier: GPL-2.0
/*
 * The SHA-256 layer (FIPS 180-4): its implementation table, the round
 * constants, and the generic compression function in plain C.
 *
 * SHA-256 is additions, rotations and Boolean functions on 32-bit words:
 * nothing in it indexes memory or branches on the data, so the plain C
 * code is constant-time as it stands. The constants are also what the
 * SIMD code adds to its message words (crypto/x86/sha256_ni.S).
 */

#include <linux/string.h>
#include "layers.h"

SMBSIGN_DEFINE_IMPLS(sha256);

const u32 smbsign_sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const u32 smbsign_sha256_iv[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline u32 sha256_ror(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline u32 sha256_load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void sha256_compress(u32 h[8], const u8 block[64], u32 w[64])
{
	u32 a = h[0], b = h[1], c = h[2], d = h[3];
	u32 e = h[4], f = h[5], g = h[6], hh = h[7];
	int t;

	for (t = 0; t < 16; t++)
		w[t] = sha256_load_be32(block + 4 * t);
	for (t = 16; t < 64; t++) {
		u32 s0 = sha256_ror(w[t - 15], 7) ^ sha256_ror(w[t - 15], 18) ^
			 (w[t - 15] >> 3);
		u32 s1 = sha256_ror(w[t - 2], 17) ^ sha256_ror(w[t - 2], 19) ^
			 (w[t - 2] >> 10);

		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	for (t = 0; t < 64; t++) {
		u32 t1 = hh + (sha256_ror(e, 6) ^ sha256_ror(e, 11) ^
			       sha256_ror(e, 25)) +
			 ((e & f) ^ (~e & g)) + smbsign_sha256_k[t] + w[t];
		u32 t2 = (sha256_ror(a, 2) ^ sha256_ror(a, 13) ^
			  sha256_ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));

		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

void smbsign_sha256_blocks_generic(u32 h[8], const u8 *src, size_t nblocks)
{
	u32 w[64];

	while (nblocks--) {
		sha256_compress(h, src, w);
		src += SMBSIGN_SHA256_BLOCK_SIZE;
	}
	/* The schedule is derived from the message, often a key. */
	memzero_explicit(w, sizeof(w));
}
