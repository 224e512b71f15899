// SPDX-License-Identifier: GPL-2.0
/*
 * The SMB layer's known answers, against every implementation this CPU
 * runs (crypto/smb2.c, crypto/kdf.c).
 *
 * Reads the lines of `tests/vectors.py --alg smb` on stdin: NIST CAVP
 * SP800-108 counter mode with HMAC-SHA256 (r=32, counter before the fixed
 * input; L = 128, 160, 256, 320), Microsoft's published SMB 3.0 and 3.1.1
 * signing key derivations, two PDUs as Windows signed them (SMB 3.1.1,
 * AES-CMAC) and the derived AES-GMAC and HMAC-SHA256 PDUs. Provenance in
 * tests/vectors/README.md.
 *
 * Each KDF vector is derived in full and as every shorter prefix; each SMB
 * key from the exact session key and from a longer one (only its first 16
 * bytes count), and a shorter one is refused with the output untouched.
 * Each PDU is verified from a heap copy of its exact size (ASan sees an
 * overread), signed in random pieces through start/update/finish, and
 * every single-bit flip of it must fail: the signature no longer matches,
 * or the header is refused. Beside the vectors: the header checks and the
 * compound chain walk on malformed input.
 */
#include <string.h>
#include <crypto/algapi.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <smbsign/kdf.h>
#include <smbsign/smb2.h>
#include "testutil.h"

#define MAX_PDU		4096
/* 40 NIST KDF, 4 SMB key derivations, 5 PDUs: fewer means a file went missing. */
#define MIN_KDF		40
#define MIN_SMBKDF	4
#define MIN_PDU		5

static const struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];

static void *xmemdup(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (!q) {
		fputs("smb_kat: out of memory\n", stderr);
		exit(2);
	}
	memcpy(q, p, n);
	return q;
}

static unsigned long check_kdf(const char *name, const u8 *ki, size_t ki_len,
			       const u8 *fixed, size_t fixed_len,
			       const u8 *ko, size_t ko_len)
{
	unsigned long runs = 0;
	unsigned int i, impl;
	u8 out[SMBSIGN_KDF_MAX_OUT + 1];
	size_t len;

	for_each_impl(hmac, i, impl) {
		for (len = 1; len <= ko_len; len++) {
			memset(out, 0xa5, sizeof(out));
			CHECK(!smbsign_kdf_ctr_hmac_sha256(impl, ki, ki_len, fixed,
							   fixed_len, out, len),
			      "%s/%s: %zu bytes refused", impl_name(hmac, impl),
			      name, len);
			CHECK(!memcmp(out, ko, len) && out[len] == 0xa5,
			      "%s/%s: the first %zu bytes differ", impl_name(hmac, impl),
			      name, len);
			runs++;
		}
		memset(out, 0xa5, sizeof(out));
		CHECK(smbsign_kdf_ctr_hmac_sha256(impl, ki, ki_len, fixed, fixed_len,
						  out, 0) == -EINVAL &&
		      smbsign_kdf_ctr_hmac_sha256(impl, ki, ki_len, fixed, fixed_len,
						  out, SMBSIGN_KDF_MAX_OUT + 1) == -EINVAL &&
		      out[0] == 0xa5,
		      "%s/%s: an output of 0 or too many bytes taken",
		      impl_name(hmac, impl), name);
	}
	return runs;
}

static unsigned long check_smbkdf(const char *name, bool v311, const u8 *sk,
				  const u8 *hash, const u8 *want)
{
	static const char label30[] = "SMB2AESCMAC", ctx30[] = "SmbSign";
	static const char label311[] = "SMBSigningKey";
	unsigned long runs = 0;
	unsigned int i, impl;
	u8 out[16], longer[40];

	memcpy(longer, sk, 16);
	test_fill(longer + 16, sizeof(longer) - 16);
	for_each_impl(hmac, i, impl) {
		size_t len;

		for (len = 16; len <= sizeof(longer); len += 24) {
			memset(out, 0, sizeof(out));
			CHECK(!(v311 ? smbsign_kdf_smb311(impl, longer, len, hash, out) :
				       smbsign_kdf_smb30(impl, longer, len, out)) &&
			      !memcmp(out, want, 16),
			      "%s/%s: signing key from a %zu-byte session key",
			      impl_name(hmac, impl), name, len);
			runs++;
		}
		/* The same through the general SMB form, labels with their NUL. */
		memset(out, 0, sizeof(out));
		if (v311)
			smbsign_kdf_smb3(impl, sk, 16, (const u8 *)label311,
					 sizeof(label311), hash, 64, out, 16);
		else
			smbsign_kdf_smb3(impl, sk, 16, (const u8 *)label30,
					 sizeof(label30), (const u8 *)ctx30,
					 sizeof(ctx30), out, 16);
		CHECK(!memcmp(out, want, 16), "%s/%s: smbsign_kdf_smb3",
		      impl_name(hmac, impl), name);
		memset(out, 0xa5, sizeof(out));
		CHECK((v311 ? smbsign_kdf_smb311(impl, sk, 15, hash, out) :
			      smbsign_kdf_smb30(impl, sk, 15, out)) == -EINVAL &&
		      out[0] == 0xa5 && out[15] == 0xa5,
		      "%s/%s: a 15-byte session key taken", impl_name(hmac, impl), name);
		runs++;
	}
	return runs;
}

/* Whether the PDU at @p verifies under @key: parses, and the signature matches. */
static bool pdu_verifies(const struct smbsign_mac *mac, const void *key,
			 const u8 *p, size_t len)
{
	struct smbsign_smb2_hdr hdr;
	u8 sig[16];

	if (smbsign_smb2_sign_buf(mac, key, p, len, &hdr, sig, NULL) < 0)
		return false;
	return !crypto_memneq(sig, hdr.sig, sizeof(sig));
}

static unsigned long check_pdu(const char *name, unsigned int alg,
			       const u8 *k, size_t klen, const u8 *pdu,
			       size_t len)
{
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	u8 key[1024] __aligned(16), state[SMBSIGN_MAC_MAX_STATE] __aligned(16);
	unsigned long runs = 0;
	unsigned int i, impl;

	if (mac->key_size > sizeof(key)) {
		fprintf(stderr, "smb_kat: key structure too large\n");
		exit(2);
	}
	for_each_impl(mac, i, impl) {
		struct smbsign_smb2_hdr hdr;
		u8 *copy = xmemdup(pdu, len), sig[16];
		size_t bit, cut[4];
		unsigned int p, r;

		CHECK(!mac->setkey(key, impl, k, klen), "%s/%s: setkey",
		      impl_name(mac, impl), name);
		CHECK(pdu_verifies(mac, key, copy, len), "%s/%s: does not verify",
		      impl_name(mac, impl), name);
		runs++;
		for (r = 0; r < 16; r++) {
			int err = smbsign_smb2_parse(&hdr, pdu, len, NULL);

			test_cuts(cut, 3, len - SMBSIGN_SMB2_HDR_SIZE, test_cut_anywhere);
			CHECK(!err, "%s: parse", name);
			smbsign_smb2_start(mac, key, state, &hdr);
			for (p = 0; p < 3; p++)
				mac->update(key, state,
					    pdu + SMBSIGN_SMB2_HDR_SIZE + cut[p],
					    cut[p + 1] - cut[p]);
			smbsign_smb2_finish(mac, key, state, sig);
			CHECK(!memcmp(sig, pdu + SMBSIGN_SMB2_SIG_OFF, 16),
			      "%s/%s: signed in pieces %zu %zu %zu",
			      impl_name(mac, impl), name, cut[1], cut[2] - cut[1],
			      cut[3] - cut[2]);
			runs++;
		}
		/* Every single-bit flip, anywhere in the PDU, must fail. */
		for (bit = 0; bit < 8 * len; bit++) {
			copy[bit / 8] ^= 1 << (bit % 8);
			CHECK(!pdu_verifies(mac, key, copy, len),
			      "%s/%s: verifies with bit %zu flipped",
			      impl_name(mac, impl), name, bit);
			copy[bit / 8] ^= 1 << (bit % 8);
			runs++;
		}
		free(copy);
		memzero_explicit(key, mac->key_size);
	}
	return runs;
}

/* A header that parses: ProtocolId, StructureSize 64, the rest random. */
static void make_hdr(u8 *p)
{
	test_fill(p, SMBSIGN_SMB2_HDR_SIZE);
	memcpy(p, "\xfeSMB\x40\x00", 6);
	memset(p + SMBSIGN_SMB2_NEXT_OFF, 0, 4);
}

static void put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* Malformed headers and chains: -EINVAL with a reason, never an overread. */
static unsigned long check_bad_input(void)
{
	static const struct { u32 next; size_t len; bool ok; } nexts[] = {
		{ 0, 64, true }, { 0, 65, true }, { 72, 72, true },
		{ 72, 80, false }, { 68, 68, false }, { 64, 72, false },
		{ 0xffffffff, 72, false }, { 8, 72, false },
	};
	struct smbsign_smb2_hdr hdr;
	const char *why;
	unsigned long runs = 0;
	size_t member, off;
	u8 buf[2048], *exact;
	unsigned int i;

	/* Every length short of a header, from an exact-size heap copy. */
	make_hdr(buf);
	for (i = 0; i < SMBSIGN_SMB2_HDR_SIZE; i++) {
		exact = xmemdup(buf, i);
		why = NULL;
		CHECK(smbsign_smb2_parse(&hdr, exact, i, &why) == -EINVAL && why,
		      "a %u-byte PDU parses", i);
		CHECK(smbsign_smb2_member(exact, i, &member, &why) == -EINVAL,
		      "a %u-byte chain has a member", i);
		free(exact);
		runs += 2;
	}
	/* ProtocolId and StructureSize, byte by byte. */
	for (i = 0; i < 6; i++) {
		make_hdr(buf);
		buf[i] ^= 0x01;
		why = NULL;
		CHECK(smbsign_smb2_parse(&hdr, buf, 64, &why) == -EINVAL && why,
		      "header byte %u changed, still parses", i);
		runs++;
	}
	make_hdr(buf);
	memcpy(buf, "\xfdSMB", 4);	/* SMB3 transform header */
	CHECK(smbsign_smb2_parse(&hdr, buf, 64, NULL) == -EINVAL, "0xFD 'SMB' parses");
	runs++;
	/* NextCommand: 0, or this member's length, a multiple of 8. */
	for (i = 0; i < ARRAY_SIZE(nexts); i++) {
		make_hdr(buf);
		put_le32(buf + SMBSIGN_SMB2_NEXT_OFF, nexts[i].next);
		CHECK(!smbsign_smb2_parse(&hdr, buf, nexts[i].len, NULL) == nexts[i].ok,
		      "NextCommand %u in a %zu-byte PDU: %s", nexts[i].next,
		      nexts[i].len, nexts[i].ok ? "refused" : "taken");
		runs++;
	}
	/*
	 * A chain of members of 64..200 bytes, 8-aligned but the last: the
	 * walk finds each; a NextCommand that leaves no whole header, is not a
	 * multiple of 8 or is below 64 ends it with -EINVAL.
	 */
	for (i = 0; i < 200; i++) {
		size_t lens[8], total = 0, n = 1 + test_rand() % 6, j;

		for (j = 0; j < n; j++) {
			lens[j] = 64 + 8 * (test_rand() % 18);
			if (j == n - 1)
				lens[j] += test_rand() % 8;
			make_hdr(buf + total);
			put_le32(buf + total + SMBSIGN_SMB2_NEXT_OFF,
				 j == n - 1 ? 0 : lens[j]);
			total += lens[j];
		}
		exact = xmemdup(buf, total);
		for (j = 0, off = 0; j < n; j++) {
			CHECK(!smbsign_smb2_member(exact + off, total - off, &member, NULL) &&
			      member == (j == n - 1 ? total - off : lens[j]),
			      "chain of %zu: member %zu", n, j);
			CHECK(!smbsign_smb2_parse(&hdr, exact + off, member, NULL),
			      "chain of %zu: member %zu does not parse", n, j);
			off += member;
			runs += 2;
		}
		if (n > 1) {
			static const u32 bad[] = { 4, 8, 60, 65 };
			u32 v = bad[test_rand() % ARRAY_SIZE(bad)];

			/* The next-to-last member points past the chain's end... */
			off = total - lens[n - 1] - lens[n - 2];
			put_le32(exact + off + SMBSIGN_SMB2_NEXT_OFF,
				 lens[n - 2] + lens[n - 1] - 63);
			CHECK(smbsign_smb2_member(exact + off, total - off, &member,
						  &why) == -EINVAL,
			      "a NextCommand past the end is taken");
			/* ... or is too small or misaligned. */
			put_le32(exact + off + SMBSIGN_SMB2_NEXT_OFF, v);
			CHECK(smbsign_smb2_member(exact + off, total - off, &member,
						  &why) == -EINVAL,
			      "NextCommand %u is taken", v);
			runs += 2;
		}
		free(exact);
	}
	return runs;
}

int main(void)
{
	static char line[2 * (2 * MAX_PDU) + 512];
	static u8 a[MAX_PDU], b[MAX_PDU], c[MAX_PDU];
	unsigned long nkdf = 0, nsmbkdf = 0, npdu = 0, runs = 0;

	smbsign_macs_init();
	while (fgets(line, sizeof(line), stdin)) {
		static char f1[2 * MAX_PDU + 2], f2[2 * MAX_PDU + 2];
		static char f3[2 * MAX_PDU + 2], f4[2 * MAX_PDU + 2];
		char kind[16], name[64];
		size_t la, lb, lc;

		if (sscanf(line, "%15s %63s %8193s %8193s %8193s %8193s", kind,
			   name, f1, f2, f3, f4) < 5) {
			fprintf(stderr, "smb_kat: bad input line: %.60s\n", line);
			return 2;
		}
		if (!strcmp(kind, "kdf")) {
			la = test_unhex(f1, a, MAX_PDU);
			lb = test_unhex(f2, b, MAX_PDU);
			lc = test_unhex(f3, c, MAX_PDU);
			runs += check_kdf(name, a, la, b, lb, c, lc);
			nkdf++;
		} else if (!strcmp(kind, "smbkdf")) {
			bool v311 = !strcmp(f1, "3.1.1");

			if (test_unhex(f2, a, MAX_PDU) != 16 ||
			    test_unhex(f4, c, MAX_PDU) != 16 ||
			    (v311 && test_unhex(f3, b, MAX_PDU) != 64)) {
				fprintf(stderr, "smb_kat: %s: bad sizes\n", name);
				return 2;
			}
			runs += check_smbkdf(name, v311, a, b, c);
			nsmbkdf++;
		} else if (!strcmp(kind, "pdu")) {
			const struct smbsign_mac *mac = smbsign_mac_lookup(f1);
			unsigned int alg;

			for (alg = 0; alg < SMBSIGN_SMB2_NR_ALGS; alg++)
				if (smbsign_smb2_mac(alg) == mac)
					break;
			la = test_unhex(f2, a, MAX_PDU);
			lb = test_unhex(f3, b, MAX_PDU);
			if (!mac || !f4[0] || lb < 64) {
				fprintf(stderr, "smb_kat: %s: bad PDU line\n", name);
				return 2;
			}
			runs += check_pdu(name, alg, a, la, b, lb);
			npdu++;
		} else {
			fprintf(stderr, "smb_kat: unknown kind '%s'\n", kind);
			return 2;
		}
	}
	runs += check_bad_input();
	if (nkdf < MIN_KDF || nsmbkdf < MIN_SMBKDF || npdu < MIN_PDU) {
		fprintf(stderr, "smb_kat: only %lu KDF, %lu SMB KDF and %lu PDU vectors read, want %d, %d and %d\n",
			nkdf, nsmbkdf, npdu, MIN_KDF, MIN_SMBKDF, MIN_PDU);
		return 1;
	}
	printf("smb_kat: %lu KDF, %lu SMB key and %lu PDU vectors, %lu checks, %s\n",
	       nkdf, nsmbkdf, npdu, runs, test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
