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
#include <smbsign/gmac.h>
#include <smbsign/hmac.h>
#include <smbsign/mac.h>
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
	      "       smbsign sign --alg hmac|cmac|gmac --key HEX [--impl NAME] < pdu\n"
	      "       smbsign verify --alg hmac|cmac|gmac --key HEX [--impl NAME] < pdu\n"
	      "       smbsign verify --pcap FILE (--key SESSIONID=HEX | --session-key SESSIONID=HEX)...\n"
	      "       smbsign kdf --dialect 3.0|3.0.2|3.1.1 --session-key HEX\n"
	      "                   [--preauth-hash HEX] [--impl NAME]\n"
	      "       smbsign impls\n"
	      "       smbsign bench [--alg cmac|gmac|hmac] [--impl NAME] [--size N] [--reps N]\n"
	      "                     [--fpu-bytes N] [--csv]\n"
	      "       smbsign bench --per-message [--alg A] [--impl NAME] [--size N] [--reps N]\n"
	      "                     [--fpu-bytes N] [--csv]\n"
	      "       smbsign bench --smb [--alg A] [--impl NAME] [--reps N] [--fpu-bytes N] [--csv]\n"
	      "\n"
	      "mac: the tag of stdin in hex; --tag-len truncates (cmac, gmac: 16 bytes,\n"
	      "hmac: 32 bytes, any key length, empty included).\n"
	      "sign: the SMB2 signature of one PDU (as on the wire, no 4-byte Direct-TCP\n"
	      "prefix; of a compound, one member), its signature field taken as zero;\n"
	      "--key: the signing key (HMAC, SMB 2.x: the session key). verify: exit 0\n"
	      "when the PDU's own signature matches, 1 when not. --alg also takes\n"
	      "MS-SMB2's SigningAlgorithmId (0 hmac, 1 cmac, 2 gmac).\n"
	      "verify --pcap: every SMB2 PDU on TCP port 445 in a pcap or pcapng\n"
	      "capture, one line per PDU of a keyed session and a summary; exit 1 if\n"
	      "any is BAD. --key gives a session's signing key, --session-key its\n"
	      "session key (the signing key is derived when its setup completes;\n"
	      "3.1.1 needs the NEGOTIATE and SESSION_SETUP in the capture).\n"
	      "kdf: the SMB 3.x signing key (SP800-108, HMAC-SHA256) from the session\n"
	      "key; 3.1.1 also from the session's preauth integrity hash (SHA-512).\n"
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
	      "alg,pattern,size,ns_per_msg rows.\n"
	      "bench --smb: SMB2 WRITE requests of 64 B, 4 KiB, 64 KiB and 1 MiB payload\n"
	      "signed and verified through the SMB layer as the kernel API feeds it (the\n"
	      "payload a 4 KiB page at a time), beside the bare MAC of the same bytes;\n"
	      "--csv prints alg,impl,payload,op,ns_per_pdu,mb_per_s rows.\n",
	      f);
}

uint8_t *read_stdin(size_t *len)
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

int impl_arg(const struct smbsign_mac *mac, const char *name)
{
	int impl;

	if (!name)
		return smbsign_impls_widest(mac->impls);
	impl = smbsign_impls_lookup(mac->impls, name);
	if (impl < 0)
		die_usage("--impl %s: no such %s implementation", name, mac->name);
	if (!smbsign_impls_supported(mac->impls, impl))
		die_usage("--impl %s: this CPU cannot run it", name);
	return impl;
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

static struct smbsign_mac *mac_arg(const char *name)
{
	struct smbsign_mac *mac = smbsign_mac_lookup(name);

	if (!mac)
		die_usage("--alg %s: unknown algorithm (this build has: cmac, gmac, hmac)",
			  name);
	return mac;
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
	const char *alg_name = NULL, *key_hex = NULL, *impl_name = NULL;
	const char *nonce_hex = NULL, *tag_arg = NULL;
	uint8_t nonce[SMBSIGN_GMAC_NONCE_SIZE];
	uint8_t tag[SMBSIGN_HMAC_DIGEST_SIZE], *msg, *raw_key;
	const struct smbsign_mac *mac;
	size_t key_len, key_max, len;
	void *key, *state;
	long tag_len;
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
	mac = mac_arg(alg_name);
	tag_len = mac->digest_size;
	if (tag_arg) {
		tag_len = strtol(tag_arg, &end, 10);
		if (*end || end == tag_arg || tag_len < 1 ||
		    tag_len > mac->digest_size)
			die_usage("--tag-len: a number of bytes, 1..%u for %s",
				  mac->digest_size, alg_name);
	}
	if (!mac->nonce_size && nonce_hex)
		die_usage("--nonce is for gmac only; %s takes none", alg_name);
	if (mac->nonce_size && !nonce_hex)
		die_usage("mac: gmac needs --nonce (12 bytes in hex)");
	if (!key_hex)
		die_usage("mac: --key is required");
	key_max = strlen(key_hex) / 2;
	raw_key = malloc(key_max + 1);
	key = calloc(1, mac->key_size);
	state = calloc(1, mac->state_size);
	if (!raw_key || !key || !state)
		die_usage("out of memory");
	key_len = parse_hex("--key", key_hex, raw_key, key_max);
	if (mac->nonce_size)
		parse_nonce(nonce_hex, nonce);

	/* Every usage error before stdin is read: none waits for input. */
	if (mac->setkey(key, impl_arg(mac, impl_name), raw_key, key_len))
		die_usage("--key: %s takes a 16, 24 or 32 byte key, not %zu",
			  alg_name, key_len);
	memzero_explicit(raw_key, key_max + 1);
	free(raw_key);

	/* The data of gmac(aes) is nonce || message, as a signer gives it. */
	msg = read_stdin(&len);
	mac->init(key, state);
	if (mac->nonce_size)
		mac->update(key, state, nonce, mac->nonce_size);
	if (mac->finup(key, state, msg, len, tag) < 0)
		die_usage("mac: the %s core refused the data", alg_name);
	for (i = 0; i < tag_len; i++)
		printf("%02x", tag[i]);
	putchar('\n');
	memzero_explicit(key, mac->key_size);
	free(key);
	free(state);
	free(msg);
	return 0;
}

static int cmd_impls(int argc, char **argv)
{
	unsigned int a, i;

	(void)argv;
	if (argc > 1)
		die_usage("impls: takes no arguments");
	for (a = 0; a < SMBSIGN_NR_MACS; a++) {
		const struct smbsign_impls *impls = smbsign_macs[a].impls;

		printf("%s:", smbsign_macs[a].name);
		for (i = 0; i < impls->nr_supp; i++)
			printf(" %s", impls->table[impls->supp[i]].name);
		putchar('\n');
	}
	return 0;
}

int main(int argc, char **argv)
{
	opterr = 0;	/* our own one-line messages instead of getopt's */
	smbsign_macs_init();
	if (argc < 2)
		die_usage("no command (mac, sign, verify, kdf, impls, bench; --help for usage)");
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
	if (!strcmp(argv[1], "sign"))
		return cmd_sign(argc - 1, argv + 1);
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(argv[1], "kdf"))
		return cmd_kdf(argc - 1, argv + 1);
	die_usage("unknown command '%s' (mac, sign, verify, kdf, impls, bench)",
		  argv[1]);
}
