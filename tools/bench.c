// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign bench: each implementation beside OpenSSL and the hardware floor,
 * all measured in the same run on the same buffers. Every figure is the
 * median of --reps timed runs of at least 20 ms each (the machine may be
 * shared: medians resist the odd slow run).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <linux/string.h>
#include <smbsign/cmac.h>
#include "bench.h"
#include "cli.h"

#define MIN_RUN_NS	20000000ULL

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct bench_case {
	/* Processes @size bytes @n times. */
	void (*run)(struct bench_case *bc, uint64_t n);
	size_t size;
	const uint8_t *buf;
	const struct smbsign_cmac_key *key;
	const struct smbsign_cmac_impl *impl;
	EVP_MAC_CTX *ossl;
};

/* How many calls make one run of about MIN_RUN_NS. */
static uint64_t calibrate(struct bench_case *bc)
{
	uint64_t n = 1;

	for (;;) {
		uint64_t t = now_ns();

		bc->run(bc, n);
		t = now_ns() - t;
		if (t >= MIN_RUN_NS / 4)
			return n * MIN_RUN_NS / (t ? t : 1) + 1;
		n *= 4;
	}
}

/*
 * Median bytes per second of each case over @reps rounds. The cases take
 * turns within a round, so that a burst of load from elsewhere on a shared
 * machine hits all of them alike and the ratios stay meaningful.
 */
static void measure_all(struct bench_case *bc, int ncases, int reps,
			double *median)
{
	static double rate[8][64];
	uint64_t n[8];
	int r, c;

	for (c = 0; c < ncases; c++)
		n[c] = calibrate(&bc[c]);
	for (r = 0; r < reps; r++) {
		for (c = 0; c < ncases; c++) {
			uint64_t t = now_ns();

			bc[c].run(&bc[c], n[c]);
			t = now_ns() - t;
			rate[c][r] = (double)n[c] * (double)bc[c].size * 1e9 /
				     (double)(t ? t : 1);
		}
	}
	for (c = 0; c < ncases; c++) {
		qsort(rate[c], reps, sizeof(rate[c][0]), cmp_double);
		median[c] = rate[c][reps / 2];
	}
}

static void run_impl(struct bench_case *bc, uint64_t n)
{
	struct smbsign_cmac_state st;
	uint8_t tag[16];

	while (n--) {
		smbsign_cmac_init(&st);
		smbsign_cmac_finup(bc->key, &st, bc->buf, bc->size, tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

static void run_openssl(struct bench_case *bc, uint64_t n)
{
	uint8_t tag[16];
	size_t out;

	while (n--) {
		/* NULL key: restart with the key already set. */
		if (!EVP_MAC_init(bc->ossl, NULL, 0, NULL) ||
		    !EVP_MAC_update(bc->ossl, bc->buf, bc->size) ||
		    !EVP_MAC_final(bc->ossl, tag, &out, sizeof(tag)))
			die_usage("OpenSSL CMAC failed");
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

/* Setting a key: what cifs pays per verified message (fresh tfm each time). */
static void run_setkey(struct bench_case *bc, uint64_t n)
{
	struct smbsign_cmac_key key;

	while (n--)
		smbsign_cmac_setkey(&key, bc->impl, bc->buf + (n & 15), 16);
	memzero_explicit(&key, sizeof(key));
}

static void run_openssl_setkey(struct bench_case *bc, uint64_t n)
{
	while (n--)
		if (!EVP_MAC_init(bc->ossl, bc->buf + (n & 15), 16, NULL))
			die_usage("OpenSSL CMAC failed");
}

static void run_floor(struct bench_case *bc, uint64_t n)
{
	volatile uint64_t sink = floor_aes128_chain(n * (bc->size / 16 ? : 1));

	(void)sink;
}

/* Core cycles per second, from the 1-cycle add chain. */
static double core_hz(int reps)
{
	double hz[64];
	const uint64_t iters = 10000000;
	int r;

	for (r = 0; r < reps; r++) {
		uint64_t t = now_ns();

		floor_add_chain(iters);
		t = now_ns() - t;
		hz[r] = (double)iters * 8 * 1e9 / (double)t;
	}
	qsort(hz, reps, sizeof(hz[0]), cmp_double);
	return hz[reps / 2];
}

static void cpu_name(char *name, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(name, len, "unknown CPU");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && colon) {
			snprintf(name, len, "%s", colon + 2);
			name[strcspn(name, "\n")] = 0;
			break;
		}
	}
	fclose(f);
}

static EVP_MAC_CTX *openssl_cmac(const uint8_t *key)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
						 "AES-128-CBC", 0),
		OSSL_PARAM_construct_end(),
	};

	if (!ctx || !EVP_MAC_init(ctx, key, 16, params))
		die_usage("OpenSSL has no AES-128 CMAC");
	EVP_MAC_free(mac);
	return ctx;
}

static void print_row(int csv, const char *impl, size_t size, double rate,
		      double hz, double ossl, double floor)
{
	if (csv) {
		printf("cmac,%s,%zu,%.1f,%.3f\n", impl, size, rate / 1e6,
		       hz / rate);
		return;
	}
	printf("  %-10s %9zu %10.1f %8.3f %9.2fx %9.2fx\n", impl, size,
	       rate / 1e6, hz / rate, rate / ossl, rate / floor);
}

/* Key setup cost per implementation, beside OpenSSL's EVP_MAC_init(). */
static void bench_setkey(const struct smbsign_cmac_impl *const *impls,
			 int nimpls, const uint8_t *buf, int reps, double hz)
{
	struct bench_case bc[8];
	const char *names[8];
	double rate[8];
	int n, c;

	for (n = 0; n < nimpls; n++) {
		bc[n] = (struct bench_case){ .run = run_setkey, .size = 1,
					     .buf = buf, .impl = impls[n] };
		names[n] = impls[n]->name;
	}
	bc[n] = (struct bench_case){ .run = run_openssl_setkey, .size = 1,
				     .buf = buf, .ossl = openssl_cmac(buf) };
	names[n++] = "openssl";
	measure_all(bc, n, reps, rate);
	printf("AES-128 key setup (schedule and CMAC subkeys), ns per key:");
	for (c = 0; c < n; c++)
		printf(" %s %.0f (%.0f cycles)%s", names[c], 1e9 / rate[c],
		       hz / rate[c], c + 1 < n ? "," : "\n");
	EVP_MAC_CTX_free(bc[n - 1].ossl);
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "alg", required_argument, NULL, 'a' },
		{ "impl", required_argument, NULL, 'i' },
		{ "size", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "csv", no_argument, NULL, 'c' },
		{ 0 }
	};
	static const size_t default_sizes[] = { 64, 1024, 16384, 65536, 1048576 };
	const struct smbsign_cmac_impl *impls[6];
	const char *impl_name = NULL;
	int nimpls = 0;
	unsigned int i;
	size_t sizes[5], nsizes = 5, s;
	int csv = 0, reps = 7, c;
	long v;
	char *end, cpu[128];
	uint8_t raw_key[16], *buf;
	double hz;

	memcpy(sizes, default_sizes, sizeof(sizes));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (strcmp(optarg, "cmac"))
				die_usage("--alg %s: unknown algorithm (this build has: cmac)",
					  optarg);
			break;
		case 'i':
			impl_name = optarg;
			break;
		case 's':
			v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 16 || v > (1L << 26))
				die_usage("--size: bytes, 16..67108864");
			sizes[0] = (size_t)v;
			nsizes = 1;
			break;
		case 'r':
			v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 63)
				die_usage("--reps: 1..63");
			reps = (int)v;
			break;
		case 'c':
			csv = 1;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("bench: unexpected argument '%s'", argv[optind]);
	/* The implementations to time: --impl's alone, or all this CPU runs. */
	if (impl_name) {
		impls[nimpls++] = cmac_impl_arg(impl_name);
	} else {
		for (i = 0; i < smbsign_cmac_nr_impls && nimpls < 6; i++)
			if (smbsign_cmac_impls[i]->available())
				impls[nimpls++] = smbsign_cmac_impls[i];
	}
	if (!smbsign_cmac_impl_lookup("aesni") ||
	    !smbsign_cmac_impl_lookup("aesni")->available())
		die_usage("bench: the AES-NI floor needs an x86-64 CPU with AES-NI");

	buf = malloc(sizes[nsizes - 1] + 1);
	if (!buf)
		die_usage("out of memory");
	for (s = 0; s <= sizes[nsizes - 1]; s++)
		buf[s] = (uint8_t)(s * 131 + 7);
	for (s = 0; s < sizeof(raw_key); s++)
		raw_key[s] = (uint8_t)(s * 17 + 1);

	hz = core_hz(reps);
	cpu_name(cpu, sizeof(cpu));
	if (csv) {
		puts("alg,impl,size,mb_per_s,cycles_per_byte");
	} else {
		printf("CPU: %s; core clock %.2f GHz (dependent add chain)\n",
		       cpu, hz / 1e9);
		bench_setkey(impls, nimpls, buf, reps, hz);
		printf("AES-128 CMAC, key set once, median of %d runs; MB = 10^6 bytes\n"
		       "  %-10s %9s %10s %8s %10s %10s\n", reps,
		       "impl", "size", "MB/s", "cyc/B", "vs openssl", "vs floor");
	}

	for (s = 0; s < nsizes; s++) {
		struct smbsign_cmac_key keys[8];
		struct bench_case bc[8];
		const char *names[8];
		double rate[8];
		int n, c;

		for (n = 0; n < nimpls; n++) {
			smbsign_cmac_setkey(&keys[n], impls[n], raw_key, sizeof(raw_key));
			bc[n] = (struct bench_case){ .run = run_impl, .size = sizes[s],
						     .buf = buf, .key = &keys[n] };
			names[n] = impls[n]->name;
		}
		bc[n] = (struct bench_case){ .run = run_openssl, .size = sizes[s],
					     .buf = buf, .ossl = openssl_cmac(raw_key) };
		names[n++] = "openssl";
		bc[n] = (struct bench_case){ .run = run_floor, .size = sizes[s],
					     .buf = buf };
		names[n++] = "floor";

		measure_all(bc, n, reps, rate);
		for (c = 0; c < n; c++)
			print_row(csv, names[c], sizes[s], rate[c], hz,
				  rate[n - 2], rate[n - 1]);
		EVP_MAC_CTX_free(bc[n - 2].ossl);
		memzero_explicit(keys, sizeof(keys));
	}
	free(buf);
	return 0;
}
