// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign: the userspace face of smbsign's crypto cores (the same crypto/
 * sources the kernel module builds), for computing MACs by hand, listing
 * what this CPU runs, and benchmarking.
 *
 * Exit status: 0 ok, 1 mismatch, 2 usage or bad input (one line on stderr).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/string.h>
#include <smbsign/cmac.h>
#include <smbsign/gmac.h>
#include "cli.h"

void die_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("smbsign: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void die_bad_option(char **argv)
{
	if (optopt)
		die_usage("%s: option needs a value or takes none: %s", argv[0],
			  argv[optind - 1]);
	die_usage("%s: unknown option '%s'", argv[0], argv[optind - 1]);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t parse_hex(const char *what, const char *hex, uint8_t *out, size_t max)
{
	size_t len = strlen(hex), i;

	if (len % 2)
		die_usage("%s: odd number of hex digits", what);
	if (len / 2 > max)
		die_usage("%s: too long (at most %zu bytes)", what, max);
	for (i = 0; i < len / 2; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			die_usage("%s: not a hex string", what);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return len / 2;
}

static void usage(FILE *f)
{
	fputs("usage: smbsign mac --alg cmac --key HEX [--tag-len N] [--impl NAME] < message\n"
	      "       smbsign mac --alg gmac --key HEX --nonce HEX [--tag-len N] [--impl NAME] < message\n"
	      "       smbsign impls\n"
	      "       smbsign bench [--alg cmac|gmac] [--impl NAME] [--size N] [--reps N] [--csv]\n",
	      f);
}

static uint8_t *read_stdin(size_t *len)
{
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);

	for (;;) {
		size_t got;

		if (!buf)
			die_usage("out of memory");
		got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (n < cap) {
			if (ferror(stdin))
				die_usage("reading stdin failed");
			break;
		}
		cap *= 2;
		buf = realloc(buf, cap);
	}
	*len = n;
	return buf;
}

const struct smbsign_cmac_impl *cmac_impl_arg(const char *name)
{
	const struct smbsign_cmac_impl *impl;

	if (!name)
		return smbsign_cmac_best_impl();
	impl = smbsign_cmac_impl_lookup(name);
	if (!impl)
		die_usage("--impl %s: no such cmac implementation", name);
	if (!impl->available())
		die_usage("--impl %s: this CPU cannot run it", name);
	return impl;
}

const struct smbsign_gmac_impl *gmac_impl_arg(const char *name)
{
	const struct smbsign_gmac_impl *impl;

	if (!name)
		return smbsign_gmac_best_impl();
	impl = smbsign_gmac_impl_lookup(name);
	if (!impl)
		die_usage("--impl %s: no such gmac implementation", name);
	if (!impl->available())
		die_usage("--impl %s: this CPU cannot run it", name);
	return impl;
}

/* --impl and --key: the key to MAC with, or a usage error. */
static void cmac_key_arg(struct smbsign_cmac_key *key, const char *impl_name,
			 const uint8_t *raw_key, size_t key_len)
{
	if (smbsign_cmac_setkey(key, cmac_impl_arg(impl_name), raw_key, key_len))
		die_usage("--key: AES-CMAC needs a 16, 24 or 32 byte key, not %zu",
			  key_len);
}

static void gmac_key_arg(struct smbsign_gmac_key *key, const char *impl_name,
			 const uint8_t *raw_key, size_t key_len)
{
	if (smbsign_gmac_setkey(key, gmac_impl_arg(impl_name), raw_key, key_len))
		die_usage("--key: AES-GMAC needs a 16, 24 or 32 byte key, not %zu",
			  key_len);
}

/* Exactly 12 bytes: GCM's 96-bit IV, the only nonce SMB uses. */
static void parse_nonce(const char *hex, uint8_t nonce[SMBSIGN_GMAC_NONCE_SIZE])
{
	size_t max = strlen(hex) / 2 + 1, len;
	uint8_t *raw = malloc(max);

	if (!raw)
		die_usage("out of memory");
	len = parse_hex("--nonce", hex, raw, max);
	if (len != SMBSIGN_GMAC_NONCE_SIZE)
		die_usage("--nonce: AES-GMAC needs a 12-byte nonce, not %zu", len);
	memcpy(nonce, raw, SMBSIGN_GMAC_NONCE_SIZE);
	free(raw);
}

static int cmd_mac(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "alg", required_argument, NULL, 'a' },
		{ "key", required_argument, NULL, 'k' },
		{ "nonce", required_argument, NULL, 'n' },
		{ "tag-len", required_argument, NULL, 't' },
		{ "impl", required_argument, NULL, 'i' },
		{ 0 }
	};
	const char *alg = NULL, *key_hex = NULL, *impl_name = NULL;
	const char *nonce_hex = NULL;
	/* Both MACs have 16-byte tags. */
	long tag_len = SMBSIGN_CMAC_DIGEST_SIZE;
	uint8_t raw_key[32], nonce[SMBSIGN_GMAC_NONCE_SIZE];
	uint8_t tag[SMBSIGN_CMAC_DIGEST_SIZE], *msg;
	union {
		struct smbsign_cmac_key cmac;
		struct smbsign_gmac_key gmac;
	} key;
	size_t key_len, len;
	bool gmac;
	char *end;
	int c, i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			alg = optarg;
			break;
		case 'k':
			key_hex = optarg;
			break;
		case 'n':
			nonce_hex = optarg;
			break;
		case 't':
			tag_len = strtol(optarg, &end, 10);
			if (*end || end == optarg || tag_len < 1 ||
			    tag_len > SMBSIGN_CMAC_DIGEST_SIZE)
				die_usage("--tag-len: a number of bytes, 1..%d",
					  SMBSIGN_CMAC_DIGEST_SIZE);
			break;
		case 'i':
			impl_name = optarg;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("mac: unexpected argument '%s'", argv[optind]);
	if (!alg)
		die_usage("mac: --alg is required");
	gmac = !strcmp(alg, "gmac");
	if (!gmac && strcmp(alg, "cmac"))
		die_usage("--alg %s: unknown algorithm (this build has: cmac, gmac)",
			  alg);
	if (!gmac && nonce_hex)
		die_usage("--nonce is for gmac only; cmac takes none");
	if (gmac && !nonce_hex)
		die_usage("mac: gmac needs --nonce (12 bytes in hex)");
	if (!key_hex)
		die_usage("mac: --key is required");
	key_len = parse_hex("--key", key_hex, raw_key, sizeof(raw_key));
	if (gmac)
		parse_nonce(nonce_hex, nonce);

	/* Every usage error before stdin is read: none waits for input. */
	if (gmac)
		gmac_key_arg(&key.gmac, impl_name, raw_key, key_len);
	else
		cmac_key_arg(&key.cmac, impl_name, raw_key, key_len);
	memzero_explicit(raw_key, sizeof(raw_key));

	msg = read_stdin(&len);
	if (gmac) {
		struct smbsign_gmac_state st;

		/* The data of gmac(aes) is nonce || message, as a signer gives it. */
		smbsign_gmac_init(&st);
		smbsign_gmac_update(&key.gmac, &st, nonce, sizeof(nonce));
		smbsign_gmac_update(&key.gmac, &st, msg, len);
		if (smbsign_gmac_finup(&key.gmac, &st, NULL, 0, tag))
			die_usage("mac: the GMAC core took no nonce");
	} else {
		struct smbsign_cmac_state st;

		smbsign_cmac_init(&st);
		smbsign_cmac_finup(&key.cmac, &st, msg, len, tag);
	}
	for (i = 0; i < tag_len; i++)
		printf("%02x", tag[i]);
	putchar('\n');
	memzero_explicit(&key, sizeof(key));
	free(msg);
	return 0;
}

static int cmd_impls(int argc, char **argv)
{
	unsigned int i;

	(void)argv;
	if (argc > 1)
		die_usage("impls: takes no arguments");
	fputs("cmac:", stdout);
	for (i = 0; i < smbsign_cmac_nr_impls; i++)
		if (smbsign_cmac_impls[i]->available())
			printf(" %s", smbsign_cmac_impls[i]->name);
	fputs("\ngmac:", stdout);
	for (i = 0; i < smbsign_gmac_nr_impls; i++)
		if (smbsign_gmac_impls[i]->available())
			printf(" %s", smbsign_gmac_impls[i]->name);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	opterr = 0;	/* our own one-line messages instead of getopt's */
	if (argc < 2)
		die_usage("no command (mac, impls, bench; --help for usage)");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "mac"))
		return cmd_mac(argc - 1, argv + 1);
	if (!strcmp(argv[1], "impls"))
		return cmd_impls(argc - 1, argv + 1);
	if (!strcmp(argv[1], "bench"))
		return cmd_bench(argc - 1, argv + 1);
	die_usage("unknown command '%s' (mac, impls, bench)", argv[1]);
}
