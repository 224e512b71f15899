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
#include <smbsign/hmac.h>
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
	      "       smbsign mac --alg hmac --key HEX [--tag-len N] [--impl NAME] < message\n"
	      "       smbsign impls\n"
	      "       smbsign bench [--alg cmac|gmac|hmac] [--impl NAME] [--size N] [--reps N]\n"
	      "                     [--fpu-bytes N] [--csv]\n"
	      "       smbsign bench --per-message [--alg A] [--impl NAME] [--size N] [--reps N]\n"
	      "                     [--fpu-bytes N] [--csv]\n"
	      "\n"
	      "mac: the tag of stdin in hex; --tag-len truncates (cmac, gmac: 16 bytes,\n"
	      "hmac: 32 bytes, any key length, empty included).\n"
	      "bench: MB/s of each implementation beside OpenSSL and the hardware floor.\n"
	      "--fpu-bytes: the most bytes per SIMD section, 512..1048576, for every\n"
	      "algorithm (the module's <alg>_fpu_bytes; default: the module's defaults).\n"
	      "bench --per-message: ns per message of the two cifs signing patterns, for\n"
	      "payloads of 64, 256, 1024 and 65536 bytes after a 64-byte header, with the\n"
	      "fastest implementation (or --impl's) and a 16-byte session key:\n"
	      "  send-cache    setkey with the key already set, skipped when it matches\n"
	      "                (key_cache=1), init, update(header), update(payload), final\n"
	      "  send-nocache  the same, with the setkey always done (key_cache=0)\n"
	      "  verify        allocate the key structure, setkey, the same, zeroize, free\n"
	      "  openssl-keyset    OpenSSL with the key set once, a restart per message\n"
	      "  openssl-freshkey  OpenSSL setting the key for each message\n"
	      "(gmac: the header's first 12 bytes are the nonce). --csv prints\n"
	      "alg,pattern,size,ns_per_msg rows.\n",
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

const struct smbsign_hmac_impl *hmac_impl_arg(const char *name)
{
	const struct smbsign_hmac_impl *impl;

	if (!name)
		return smbsign_hmac_best_impl();
	impl = smbsign_hmac_impl_lookup(name);
	if (!impl)
		die_usage("--impl %s: no such hmac implementation", name);
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

/* What `mac --alg` names, with its tag size. */
static const struct {
	const char *name;
	unsigned int digest_size;
} mac_algs[] = {
	{ "cmac", SMBSIGN_CMAC_DIGEST_SIZE },
	{ "gmac", SMBSIGN_GMAC_DIGEST_SIZE },
	{ "hmac", SMBSIGN_HMAC_DIGEST_SIZE },
};

enum { MAC_CMAC, MAC_GMAC, MAC_HMAC };

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
	const char *alg_name = NULL, *key_hex = NULL, *impl_name = NULL;
	const char *nonce_hex = NULL, *tag_arg = NULL;
	long tag_len;
	uint8_t nonce[SMBSIGN_GMAC_NONCE_SIZE];
	uint8_t tag[SMBSIGN_HMAC_DIGEST_SIZE], *msg, *raw_key;
	union {
		struct smbsign_cmac_key cmac;
		struct smbsign_gmac_key gmac;
		struct smbsign_hmac_key hmac;
	} key;
	size_t key_len, key_max, len;
	unsigned int alg;
	char *end;
	int c, i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			alg_name = optarg;
			break;
		case 'k':
			key_hex = optarg;
			break;
		case 'n':
			nonce_hex = optarg;
			break;
		case 't':
			tag_arg = optarg;
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
	if (!alg_name)
		die_usage("mac: --alg is required");
	for (alg = 0; alg < ARRAY_SIZE(mac_algs); alg++)
		if (!strcmp(alg_name, mac_algs[alg].name))
			break;
	if (alg == ARRAY_SIZE(mac_algs))
		die_usage("--alg %s: unknown algorithm (this build has: cmac, gmac, hmac)",
			  alg_name);
	tag_len = mac_algs[alg].digest_size;
	if (tag_arg) {
		tag_len = strtol(tag_arg, &end, 10);
		if (*end || end == tag_arg || tag_len < 1 ||
		    tag_len > mac_algs[alg].digest_size)
			die_usage("--tag-len: a number of bytes, 1..%u for %s",
				  mac_algs[alg].digest_size, alg_name);
	}
	if (alg != MAC_GMAC && nonce_hex)
		die_usage("--nonce is for gmac only; %s takes none", alg_name);
	if (alg == MAC_GMAC && !nonce_hex)
		die_usage("mac: gmac needs --nonce (12 bytes in hex)");
	if (!key_hex)
		die_usage("mac: --key is required");
	/* AES keys are at most 32 bytes; an HMAC key may have any length. */
	key_max = alg == MAC_HMAC ? strlen(key_hex) / 2 : 32;
	raw_key = malloc(key_max + 1);
	if (!raw_key)
		die_usage("out of memory");
	key_len = parse_hex("--key", key_hex, raw_key, key_max);
	if (alg == MAC_GMAC)
		parse_nonce(nonce_hex, nonce);

	/* Every usage error before stdin is read: none waits for input. */
	switch (alg) {
	case MAC_CMAC:
		cmac_key_arg(&key.cmac, impl_name, raw_key, key_len);
		break;
	case MAC_GMAC:
		gmac_key_arg(&key.gmac, impl_name, raw_key, key_len);
		break;
	default:
		smbsign_hmac_setkey(&key.hmac, hmac_impl_arg(impl_name), raw_key,
				    key_len);
		break;
	}
	memzero_explicit(raw_key, key_max + 1);
	free(raw_key);

	msg = read_stdin(&len);
	if (alg == MAC_GMAC) {
		struct smbsign_gmac_state st;

		/* The data of gmac(aes) is nonce || message, as a signer gives it. */
		smbsign_gmac_init(&st);
		smbsign_gmac_update(&key.gmac, &st, nonce, sizeof(nonce));
		smbsign_gmac_update(&key.gmac, &st, msg, len);
		if (smbsign_gmac_finup(&key.gmac, &st, NULL, 0, tag))
			die_usage("mac: the GMAC core took no nonce");
	} else if (alg == MAC_CMAC) {
		struct smbsign_cmac_state st;

		smbsign_cmac_init(&st);
		smbsign_cmac_finup(&key.cmac, &st, msg, len, tag);
	} else {
		struct smbsign_hmac_state st;

		smbsign_hmac_init(&key.hmac, &st);
		smbsign_hmac_finup(&key.hmac, &st, msg, len, tag);
		memzero_explicit(&st, sizeof(st));
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
	fputs("\nhmac:", stdout);
	for (i = 0; i < smbsign_hmac_nr_impls; i++)
		if (smbsign_hmac_impls[i]->available())
			printf(" %s", smbsign_hmac_impls[i]->name);
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
