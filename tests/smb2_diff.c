// SPDX-License-Identifier: GPL-2.0
/*
 * The SMB layer against OpenSSL, an implementation nobody here wrote, on
 * random cases (crypto/smb2.c, crypto/kdf.c):
 *
 * - PDUs: a random header (ProtocolId and StructureSize right, the server
 *   flag and a CANCEL command drawn often, NextCommand 0 or the PDU's own
 *   8-aligned length), a random signature field and 0..20000 payload bytes.
 *   The expected signature is OpenSSL's MAC (EVP_MAC CMAC, GMAC, HMAC) of
 *   the PDU with its signature field zeroed, the GMAC nonce built here from
 *   MS-SMB2 3.1.4.1, HMAC cut to 16 bytes; smbsign signs it from one buffer
 *   and in random pieces, with every implementation this CPU runs, and
 *   verifies it once the signature is in place.
 * - The SMB KDF: OpenSSL's KBKDF (counter mode, HMAC-SHA256, r=32, with
 *   the 0x00 separator and [L]_32: SMB's layout) for random keys, labels,
 *   contexts and output lengths, and the SMB 3.0 and 3.1.1 signing keys.
 *
 * usage: smb2_diff [CASES [SEED]]   (default 20000 cases)
 */
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/kdf.h>

#include <crypto/algapi.h>
#include <linux/string.h>
#include <smbsign/kdf.h>
#include <smbsign/smb2.h>
#include "testutil.h"

#define MAX_PAYLOAD	20000
#define MAX_PDU		(SMBSIGN_SMB2_HDR_SIZE + MAX_PAYLOAD + 8)

static void die(const char *what)
{
	fprintf(stderr, "smb2_diff: OpenSSL %s failed\n", what);
	ERR_print_errors_fp(stderr);
	exit(2);
}

/* OpenSSL's MAC of @len bytes, through EVP_MAC: @alg, with @params. */
static void openssl_mac(const char *alg, OSSL_PARAM *params, const u8 *key,
			size_t klen, const u8 *data, size_t len, u8 *out,
			size_t out_size)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, alg, NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	size_t outl;

	if (!ctx || !EVP_MAC_init(ctx, key, klen, params) ||
	    !EVP_MAC_update(ctx, data, len) ||
	    !EVP_MAC_final(ctx, out, &outl, out_size))
		die(alg);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
}

/* MS-SMB2 3.1.4.1, written out again here from the spec, for the oracle. */
static void oracle_nonce(const u8 *pdu, u8 nonce[12])
{
	bool server = pdu[16] & 0x01;
	bool cancel = pdu[12] == 0x0c && pdu[13] == 0x00;

	memcpy(nonce, pdu + 24, 8);
	nonce[8] = (u8)(server | cancel << 1);
	nonce[9] = nonce[10] = nonce[11] = 0;
}

static void oracle_sign(unsigned int alg, const u8 *key, size_t klen,
			const u8 *pdu, size_t len, u8 sig[16])
{
	static u8 zeroed[MAX_PDU];
	u8 out[32], nonce[12];
	char cipher[16], cbc[] = "AES-128-CBC", sha[] = "SHA256";

	/* AES-128-GCM, AES-192-GCM or AES-256-GCM by the key's length. */
	snprintf(cipher, sizeof(cipher), "AES-%zu-GCM", 8 * klen);
	OSSL_PARAM params[3];

	memcpy(zeroed, pdu, len);
	memset(zeroed + 48, 0, 16);
	switch (alg) {
	case SMBSIGN_SMB2_AES_CMAC:
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cbc, 0);
		params[1] = OSSL_PARAM_construct_end();
		openssl_mac("CMAC", params, key, klen, zeroed, len, out, sizeof(out));
		break;
	case SMBSIGN_SMB2_AES_GMAC:
		oracle_nonce(pdu, nonce);
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0);
		params[1] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, nonce, 12);
		params[2] = OSSL_PARAM_construct_end();
		openssl_mac("GMAC", params, key, klen, zeroed, len, out, sizeof(out));
		break;
	default:
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, sha, 0);
		params[1] = OSSL_PARAM_construct_end();
		openssl_mac("HMAC", params, key, klen, zeroed, len, out, sizeof(out));
	}
	memcpy(sig, out, 16);
}

static void openssl_kbkdf(const u8 *ki, size_t ki_len, const u8 *label,
			  size_t label_len, const u8 *ctx, size_t ctx_len,
			  u8 *out, size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "KBKDF", NULL);
	EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	char mode[] = "counter", mac[] = "HMAC", digest[] = "SHA256";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, mode, 0),
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, mac, 0),
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ki, ki_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)label, label_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)ctx, ctx_len),
		OSSL_PARAM_construct_end(),
	};

	if (!kctx || EVP_KDF_derive(kctx, out, out_len, params) <= 0)
		die("KBKDF");
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
}

/* A random PDU that parses; its length in *@len. */
static void random_pdu(u8 *pdu, size_t *len)
{
	u64 r = test_rand();
	size_t payload = r % 8 ? (r >> 8) % 300 : (r >> 8) % (MAX_PAYLOAD + 1);

	*len = SMBSIGN_SMB2_HDR_SIZE + payload;
	test_fill(pdu, *len);
	memcpy(pdu, "\xfeSMB\x40\x00", 6);
	if (r >> 40 & 1)		/* CANCEL */
		memcpy(pdu + 12, "\x0c\x00", 2);
	else if (r >> 41 & 1)		/* a command number above it */
		pdu[13] = 0;
	memset(pdu + 20, 0, 4);
	if (r >> 42 & 1) {		/* a compound member, padded */
		*len = (*len + 7) & ~(size_t)7;
		pdu[20] = (u8)*len;
		pdu[21] = (u8)(*len >> 8);
	}
}

static unsigned long check_pdu_case(void)
{
	static u8 pdu[MAX_PDU], key_buf[1024] __aligned(16);
	u8 state[SMBSIGN_MAC_MAX_STATE] __aligned(16), k[80];
	unsigned int alg = test_rand() % SMBSIGN_SMB2_NR_ALGS, i, impl, p;
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	size_t klen = alg == SMBSIGN_SMB2_HMAC_SHA256 ? test_rand() % sizeof(k) :
		      alg == SMBSIGN_SMB2_AES_GMAC ? 16 + 8 * (test_rand() % 3) : 16;
	unsigned long runs = 0;
	struct smbsign_smb2_hdr hdr;
	u8 want[16], sig[16], *exact;
	size_t len, cut[5];

	if (alg == SMBSIGN_SMB2_AES_CMAC)
		klen = 16;	/* the oracle's CMAC is set up for AES-128 */
	test_fill(k, klen);
	random_pdu(pdu, &len);
	oracle_sign(alg, k, klen, pdu, len, want);
	exact = malloc(len);
	if (!exact)
		exit(2);
	for_each_impl(mac, i, impl) {
		CHECK(!mac->setkey(key_buf, impl, k, klen), "%s: setkey %zu bytes",
		      mac->name, klen);
		memcpy(exact, pdu, len);
		CHECK(smbsign_smb2_sign_buf(mac, key_buf, exact, len, &hdr, sig,
					    NULL) >= 0 && !memcmp(sig, want, 16),
		      "%s/%s: %zu-byte PDU, command %#x, flags %#x", mac->name,
		      impl_name(mac, impl), len, hdr.command, hdr.flags);
		/* In pieces, after the header. */
		test_cuts(cut, 4, len - 64, test_cut_anywhere);
		smbsign_smb2_start(mac, key_buf, state, &hdr);
		for (p = 0; p < 4; p++)
			mac->update(key_buf, state, exact + 64 + cut[p],
				    cut[p + 1] - cut[p]);
		smbsign_smb2_finish(mac, key_buf, state, sig);
		CHECK(!memcmp(sig, want, 16), "%s/%s: %zu-byte PDU in pieces",
		      mac->name, impl_name(mac, impl), len);
		/* With its signature in place it verifies; the header is untouched. */
		memcpy(exact + 48, want, 16);
		CHECK(smbsign_smb2_sign_buf(mac, key_buf, exact, len, &hdr, sig,
					    NULL) >= 0 &&
		      !crypto_memneq(sig, hdr.sig, 16) &&
		      !memcmp(exact + 48, want, 16),
		      "%s/%s: does not verify", mac->name, impl_name(mac, impl));
		runs += 3;
	}
	free(exact);
	return runs;
}

static unsigned long check_kdf_case(void)
{
	const struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];
	u8 ki[64], label[40], ctx[80], want[100], got[100];
	size_t ki_len = 1 + test_rand() % sizeof(ki);
	size_t label_len = test_rand() % sizeof(label);
	size_t ctx_len = test_rand() % sizeof(ctx);
	size_t out_len = 1 + test_rand() % sizeof(want);
	unsigned long runs = 0;
	unsigned int i, impl;

	test_fill(ki, ki_len);
	test_fill(label, label_len);
	test_fill(ctx, ctx_len);
	openssl_kbkdf(ki, ki_len, label, label_len, ctx, ctx_len, want, out_len);
	for_each_impl(hmac, i, impl) {
		CHECK(!smbsign_kdf_smb3(impl, ki, ki_len, label, label_len, ctx,
					ctx_len, got, out_len) &&
		      !memcmp(got, want, out_len),
		      "%s: KDF, %zu-byte key, %zu-byte label, %zu-byte context, %zu bytes out",
		      impl_name(hmac, impl), ki_len, label_len, ctx_len, out_len);
		runs++;
	}
	/* The SMB signing keys: the labels and contexts of MS-SMB2 3.1.4.2. */
	test_fill(ctx, 64);
	openssl_kbkdf(ki, 16, (const u8 *)"SMB2AESCMAC", 12, (const u8 *)"SmbSign", 8,
		      want, 16);
	openssl_kbkdf(ki, 16, (const u8 *)"SMBSigningKey", 14, ctx, 64, want + 16, 16);
	for_each_impl(hmac, i, impl) {
		CHECK(ki_len < 16 ||
		      (!smbsign_kdf_smb30(impl, ki, ki_len, got) &&
		       !memcmp(got, want, 16) &&
		       !smbsign_kdf_smb311(impl, ki, ki_len, ctx, got + 16) &&
		       !memcmp(got + 16, want + 16, 16)),
		      "%s: SMB signing keys from a %zu-byte session key",
		      impl_name(hmac, impl), ki_len);
		runs++;
	}
	return runs;
}

int main(int argc, char **argv)
{
	unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed5eed;
	unsigned long n, pdu_runs = 0, kdf_runs = 0;

	test_rng_state ^= seed;
	smbsign_macs_init();
	for (n = 0; n < cases; n++) {
		pdu_runs += check_pdu_case();
		if (n % 4 == 0)
			kdf_runs += check_kdf_case();
	}
	if (!cases || !pdu_runs || !kdf_runs) {
		fprintf(stderr, "smb2_diff: nothing ran (%lu cases)\n", cases);
		return 1;
	}
	printf("smb2_diff: %lu random PDUs, %lu signatures and %lu key derivations checked against OpenSSL (seed %#llx), %s\n",
	       cases, pdu_runs, kdf_runs, (unsigned long long)seed,
	       test_failures ? "FAILED" : "ok");
	return test_failures ? 1 : 0;
}
