// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign sign, verify and kdf: SMB2 PDUs and SMB 3.x signing keys by
 * hand, on the SMB core the kernel API runs (crypto/smb2.c, crypto/kdf.c).
 * A PDU is one SMB2 message as on the wire, without the 4-byte Direct-TCP
 * prefix; of a compound chain, one member.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/algapi.h>
#include <linux/string.h>
#include <smbsign/kdf.h>
#include <smbsign/mac.h>
#include <smbsign/smb2.h>
#include "cli.h"

/* The longest key these commands take (an HMAC key may be any length). */
#define KEY_MAX	1024

struct smb_key_args {
	const char *alg;
	const char *key_hex;
	const char *impl;
};

/* --alg names a MAC as everywhere in smbsign; SMB's ids are taken too. */
static unsigned int smb_alg_arg(const char *name)
{
	unsigned int id;

	for (id = 0; id < SMBSIGN_SMB2_NR_ALGS; id++) {
		char num[4];

		snprintf(num, sizeof(num), "%u", id);
		if (!strcmp(name, smbsign_smb2_mac(id)->name) ||
		    !strcmp(name, num))
			return id;
	}
	die_usage("--alg %s: unknown algorithm (hmac or 0, cmac or 1, gmac or 2)",
		  name);
}

static void smb_key_opts(int argc, char **argv, struct smb_key_args *a)
{
	static const struct option opts[] = {
		{ "alg", required_argument, NULL, 'a' },
		{ "key", required_argument, NULL, 'k' },
		{ "impl", required_argument, NULL, 'i' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			a->alg = optarg;
			break;
		case 'k':
			a->key_hex = optarg;
			break;
		case 'i':
			a->impl = optarg;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("%s: unexpected argument '%s'", argv[0], argv[optind]);
	if (!a->alg)
		die_usage("%s: --alg is required", argv[0]);
	if (!a->key_hex)
		die_usage("%s: --key is required", argv[0]);
}

/*
 * The signature of the PDU on stdin, and its header, with @a's key: every
 * usage error is found before stdin is read.
 */
static void smb_sign_stdin(const struct smb_key_args *a,
			   struct smbsign_smb2_hdr *hdr, u8 sig[16],
			   unsigned int *alg_out)
{
	unsigned int alg = smb_alg_arg(a->alg);
	const struct smbsign_mac *mac = smbsign_smb2_mac(alg);
	u8 raw_key[KEY_MAX], *pdu;
	const char *why = NULL;
	size_t key_len, len;
	void *key;

	key = calloc(1, mac->key_size);
	if (!key)
		die_usage("out of memory");
	key_len = parse_hex("--key", a->key_hex, raw_key, sizeof(raw_key));
	if (mac->setkey(key, impl_arg(mac, a->impl), raw_key, key_len))
		die_usage("--key: %s takes a 16, 24 or 32 byte key, not %zu",
			  smbsign_smb2_alg_name(alg), key_len);
	memzero_explicit(raw_key, sizeof(raw_key));

	pdu = read_stdin(&len);
	if (smbsign_smb2_sign_buf(mac, key, pdu, len, hdr, sig, &why) < 0)
		die_usage("PDU on stdin (%zu bytes): %s", len, why);
	memzero_explicit(key, mac->key_size);
	free(key);
	free(pdu);
	*alg_out = alg;
}

static void print_hex(const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
}

int cmd_sign(int argc, char **argv)
{
	struct smb_key_args a = { 0 };
	struct smbsign_smb2_hdr hdr;
	unsigned int alg;
	u8 sig[16];

	smb_key_opts(argc, argv, &a);
	smb_sign_stdin(&a, &hdr, sig, &alg);
	print_hex(sig, sizeof(sig));
	putchar('\n');
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	struct smb_key_args a = { 0 };
	struct smbsign_smb2_hdr hdr;
	unsigned int alg;
	u8 sig[16];
	int i;

	/* verify --pcap FILE: a capture's every PDU (tools/smb_pcap.c). */
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--pcap") || !strncmp(argv[i], "--pcap=", 7))
			return cmd_verify_pcap(argc, argv);

	smb_key_opts(argc, argv, &a);
	smb_sign_stdin(&a, &hdr, sig, &alg);
	if (!crypto_memneq(sig, hdr.sig, sizeof(sig))) {
		printf("OK %s MessageId %llu\n", smbsign_smb2_alg_name(alg),
		       (unsigned long long)hdr.message_id);
		return 0;
	}
	printf("BAD %s MessageId %llu: the PDU carries ",
	       smbsign_smb2_alg_name(alg), (unsigned long long)hdr.message_id);
	print_hex(hdr.sig, sizeof(hdr.sig));
	fputs(", the key gives ", stdout);
	print_hex(sig, sizeof(sig));
	putchar('\n');
	return 1;
}

int cmd_kdf(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dialect", required_argument, NULL, 'd' },
		{ "session-key", required_argument, NULL, 's' },
		{ "preauth-hash", required_argument, NULL, 'p' },
		{ "impl", required_argument, NULL, 'i' },
		{ 0 }
	};
	const char *dialect = NULL, *sk_hex = NULL, *hash_hex = NULL;
	const char *impl_name = NULL;
	u8 sk[KEY_MAX], hash[SMBSIGN_PREAUTH_HASH_SIZE];
	u8 out[SMBSIGN_SIGNING_KEY_SIZE];
	const struct smbsign_mac *hmac = &smbsign_macs[SMBSIGN_HMAC];
	size_t sk_len;
	bool v311;
	int c, err;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dialect = optarg;
			break;
		case 's':
			sk_hex = optarg;
			break;
		case 'p':
			hash_hex = optarg;
			break;
		case 'i':
			impl_name = optarg;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("kdf: unexpected argument '%s'", argv[optind]);
	if (!dialect || !sk_hex)
		die_usage("kdf: --dialect and --session-key are required");
	if (!strcmp(dialect, "3.1.1"))
		v311 = true;
	else if (!strcmp(dialect, "3.0") || !strcmp(dialect, "3.0.2"))
		v311 = false;
	else
		die_usage("--dialect %s: 3.0, 3.0.2 or 3.1.1 (2.x signs with the session key itself)",
			  dialect);
	if (v311 != !!hash_hex)
		die_usage(v311 ? "kdf: 3.1.1 needs --preauth-hash (64 bytes in hex)" :
				 "kdf: --preauth-hash is for 3.1.1 only");
	sk_len = parse_hex("--session-key", sk_hex, sk, sizeof(sk));
	if (sk_len < SMBSIGN_SIGNING_KEY_SIZE)
		die_usage("--session-key: at least 16 bytes (the first 16 are used), not %zu",
			  sk_len);
	if (v311 &&
	    parse_hex("--preauth-hash", hash_hex, hash, sizeof(hash)) != sizeof(hash))
		die_usage("--preauth-hash: a SHA-512 hash, 64 bytes");
	if (v311)
		err = smbsign_kdf_smb311(impl_arg(hmac, impl_name), sk,
						 sk_len, hash, out);
	else
		err = smbsign_kdf_smb30(impl_arg(hmac, impl_name), sk,
						sk_len, out);
	memzero_explicit(sk, sizeof(sk));
	if (err)
		die_usage("kdf: derivation failed (%d)", err);
	print_hex(out, sizeof(out));
	putchar('\n');
	memzero_explicit(out, sizeof(out));
	return 0;
}
