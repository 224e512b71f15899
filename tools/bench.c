// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign bench: each implementation beside OpenSSL and the hardware floor,
 * all measured in the same run on the same buffers. Every figure is the
 * median of --reps timed runs of at least 20 ms each (the machine may be
 * shared: medians resist the odd slow run).
 *
 * The measuring is written once, over the MACs of include/smbsign/mac.h;
 * each algorithm adds only what is its own (struct bench_alg): titles,
 * its OpenSSL counterpart and its floor.
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
#include <smbsign/mac.h>
#include "bench.h"
#include "cli.h"

/* Implementations of one algorithm, plus openssl and floor. */
#define MAX_IMPLS	SMBSIGN_MAX_IMPLS
#define MAX_SIZES	5
#define KEY_LEN		16	/* SMB's session and signing keys */

static void *xcalloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p)
		die_usage("out of memory");
	return p;
}

/*
 * The OpenSSL counterpart of a MAC: a context with a key, and one MAC of
 * @a then @b (@a's first nonce_size bytes the nonce, as gmac(aes) takes
 * its data), with @key set anew first unless NULL.
 */
struct bench_openssl {
	void *(*new)(const uint8_t *key);
	void (*free)(void *ctx);
	void (*mac)(void *ctx, const uint8_t *key, const uint8_t *a, size_t alen,
		    const uint8_t *b, size_t blen, uint8_t *tag);
	/* A new key alone (gmac: OpenSSL expands it and computes H's table). */
	void (*setkey)(void *ctx, const uint8_t *key);
};

struct bench_alg {
	struct smbsign_mac *mac;
	const char *title;
	const char *setkey_title;
	const struct bench_openssl *openssl;
	/* The floor's loop, described in @what; a usage error when none runs. */
	uint64_t (*(*floor)(int reps, double hz, char *what, size_t len))(uint64_t);
	/*
	 * Whether a plain `bench` includes it (NULL: always); one left out
	 * here still runs, or fails with a usage error, when --alg names it.
	 */
	bool (*runs_here)(void);
	const char *left_out;	/* why, when not */
};

static void run_floor(struct bench_case *bc, uint64_t n)
{
	volatile uint64_t sink = bc->floor(n * (bc->size / 16 ? : 1));

	(void)sink;
}

/*
 * One MAC as a signer makes it with the key set: for gmac a fresh nonce
 * (here the message count, as SMB uses the MessageId) as the first 12
 * bytes of the data, then the message.
 */
static void run_mac(struct bench_case *bc, uint64_t n)
{
	const struct smbsign_mac *mac = bc->alg->mac;
	uint8_t state[SMBSIGN_MAC_MAX_STATE], nonce[16] = { 0 };
	uint8_t tag[SMBSIGN_MAC_MAX_DIGEST];

	while (n--) {
		mac->init(bc->key, state);
		if (mac->nonce_size) {
			memcpy(nonce, &n, sizeof(n));
			mac->update(bc->key, state, nonce, mac->nonce_size);
		}
		mac->finup(bc->key, state, bc->buf, bc->size, tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

static void run_openssl(struct bench_case *bc, uint64_t n)
{
	size_t nonce_size = bc->alg->mac->nonce_size;
	uint8_t nonce[16] = { 0 }, tag[EVP_MAX_MD_SIZE];

	while (n--) {
		memcpy(nonce, &n, sizeof(n));
		bc->alg->openssl->mac(bc->ossl, NULL, nonce, nonce_size, bc->buf,
				      bc->size, tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

/* Setting a key: what cifs pays per verified message (fresh tfm each time). */
static void run_setkey(struct bench_case *bc, uint64_t n)
{
	while (n--)
		bc->alg->mac->setkey(bc->key, bc->impl, bc->buf + (n & 15),
				     KEY_LEN);
}

static void run_openssl_setkey(struct bench_case *bc, uint64_t n)
{
	while (n--)
		bc->alg->openssl->setkey(bc->ossl, bc->buf + (n & 15));
}

/* --- OpenSSL ------------------------------------------------------------ */

/* EVP_MAC, for CMAC and HMAC alike: a NULL key restarts with the key set. */
static void openssl_evp_mac(void *ctx, const uint8_t *key, const uint8_t *a,
			    size_t alen, const uint8_t *b, size_t blen,
			    uint8_t *tag)
{
	size_t out;

	if (!EVP_MAC_init(ctx, key, key ? KEY_LEN : 0, NULL) ||
	    (alen && !EVP_MAC_update(ctx, a, alen)) ||
	    !EVP_MAC_update(ctx, b, blen) ||
	    !EVP_MAC_final(ctx, tag, &out, EVP_MAX_MD_SIZE))
		die_usage("OpenSSL EVP_MAC failed");
}

static void openssl_evp_mac_setkey(void *ctx, const uint8_t *key)
{
	if (!EVP_MAC_init(ctx, key, KEY_LEN, NULL))
		die_usage("OpenSSL EVP_MAC failed");
}

static void *openssl_evp_mac_new(const char *name, const char *param,
				 const char *value, const uint8_t *key)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, name, NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(param, (char *)value, 0),
		OSSL_PARAM_construct_end(),
	};

	if (!ctx || !EVP_MAC_init(ctx, key, KEY_LEN, params))
		die_usage("OpenSSL has no %s with %s", name, value);
	EVP_MAC_free(mac);
	return ctx;
}

static void *openssl_cmac_new(const uint8_t *key)
{
	return openssl_evp_mac_new("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC",
				   key);
}

static void *openssl_hmac_new(const uint8_t *key)
{
	return openssl_evp_mac_new("HMAC", OSSL_MAC_PARAM_DIGEST, "SHA256", key);
}

static void openssl_evp_mac_free(void *ctx)
{
	EVP_MAC_CTX_free(ctx);
}

static const struct bench_openssl openssl_cmac = {
	.new = openssl_cmac_new,
	.free = openssl_evp_mac_free,
	.mac = openssl_evp_mac,
	.setkey = openssl_evp_mac_setkey,
};

static const struct bench_openssl openssl_hmac = {
	.new = openssl_hmac_new,
	.free = openssl_evp_mac_free,
	.mac = openssl_evp_mac,
	.setkey = openssl_evp_mac_setkey,
};

/*
 * AES-128-GCM with the message as AAD and no plaintext: the GMAC tag. The
 * first 12 bytes of @a are the IV; a NULL key keeps the one set.
 */
static void openssl_gcm_mac(void *ctx, const uint8_t *key, const uint8_t *a,
			    size_t alen, const uint8_t *b, size_t blen,
			    uint8_t *tag)
{
	int outl;

	if (!EVP_EncryptInit_ex(ctx, NULL, NULL, key, a) ||
	    !EVP_EncryptUpdate(ctx, NULL, &outl, a + 12, alen - 12) ||
	    (blen && !EVP_EncryptUpdate(ctx, NULL, &outl, b, blen)) ||
	    !EVP_EncryptFinal_ex(ctx, tag, &outl) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag))
		die_usage("OpenSSL AES-GCM failed");
}

static void *openssl_gcm_new(const uint8_t *key)
{
	static const uint8_t nonce[12];
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

	/* The default IV length of GCM is the 12 bytes SMB uses. */
	if (!ctx || !EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, nonce))
		die_usage("OpenSSL has no AES-128-GCM");
	return ctx;
}

static void openssl_gcm_setkey(void *ctx, const uint8_t *key)
{
	if (!EVP_EncryptInit_ex(ctx, NULL, NULL, key, NULL))
		die_usage("OpenSSL AES-GCM failed");
}

static void openssl_gcm_free(void *ctx)
{
	EVP_CIPHER_CTX_free(ctx);
}

static const struct bench_openssl openssl_gmac = {
	.new = openssl_gcm_new,
	.free = openssl_gcm_free,
	.mac = openssl_gcm_mac,
	.setkey = openssl_gcm_setkey,
};

/* --- floors -------------------------------------------------------------- */

static bool supports(const struct smbsign_mac *mac, const char *impl)
{
	int id = smbsign_impls_lookup(mac->impls, impl);

	return id >= 0 && smbsign_impls_supported(mac->impls, id);
}

static uint64_t (*cmac_floor(int reps, double hz, char *what, size_t len))(uint64_t)
{
	if (!supports(&smbsign_macs[SMBSIGN_CMAC], floor_names.aes_impl))
		die_usage("bench: the AES floor needs %s", floor_names.aes_cpu);
	snprintf(what, len, "dependent AES-128 rounds, the CBC-MAC latency bound");
	return floor_aes128_chain;
}

/*
 * The fastest multiply loop this CPU runs (each timed here at 64 KiB
 * worth of blocks; their order of width is no guarantee of speed, as a
 * 256-bit multiplier may issue at half the rate of a 128-bit one).
 */
static uint64_t (*gmac_floor(int reps, double hz, char *what, size_t len))(uint64_t)
{
	static uint8_t none[1];
	struct bench_case bc[4];
	const struct floor_loop *loops[4];
	double rate[4];
	int n = 0, i, best = 0;
	size_t used;

	for (i = 0; i < floor_ghash_nr_loops && n < 4; i++) {
		if (!floor_ghash_loops[i].available())
			continue;
		loops[n] = &floor_ghash_loops[i];
		bc[n++] = (struct bench_case){ .run = run_floor, .size = 65536,
					       .buf = none,
					       .floor = floor_ghash_loops[i].run };
	}
	if (!n)
		die_usage("bench: the GHASH floor needs %s", floor_names.ghash_cpu);
	bench_measure_all(bc, n, reps, rate);
	for (i = 1; i < n; i++)
		if (rate[i] > rate[best])
			best = i;
	used = snprintf(what, len,
			"GHASH's Karatsuba multiplies, 3 per block, no reduction: %s",
			loops[best]->name);
	for (i = 0; i < n && used < len; i++)
		if (i != best)
			used += snprintf(what + used, len - used, " (%s: %.3f cyc/B)",
					 loops[i]->name, hz / rate[i]);
	return loops[best]->run;
}

static bool hmac_runs_here(void)
{
	return supports(&smbsign_macs[SMBSIGN_HMAC], floor_names.sha_impl);
}

static uint64_t (*hmac_floor(int reps, double hz, char *what, size_t len))(uint64_t)
{
	if (!hmac_runs_here())
		die_usage("bench: the SHA-256 floor needs %s", floor_names.sha_cpu);
	/* The message's blocks only: HMAC adds a padding and an outer block. */
	snprintf(what, len, "%s", floor_names.sha_what);
	return floor_sha256_chain;
}

static const struct bench_alg bench_algs[] = {
	{
		.mac		= &smbsign_macs[SMBSIGN_CMAC],
		.title		= "AES-128 CMAC, key set once",
		.setkey_title	= "AES-128 CMAC key setup (schedule and subkeys)",
		.openssl	= &openssl_cmac,
		.floor		= cmac_floor,
	},
	{
		.mac		= &smbsign_macs[SMBSIGN_GMAC],
		.title		= "AES-128 GMAC, key set once, 12-byte nonce per message",
		.setkey_title	= "AES-128 GMAC key setup (schedule, H and its powers)",
		.openssl	= &openssl_gmac,
		.floor		= gmac_floor,
	},
	{
		.mac		= &smbsign_macs[SMBSIGN_HMAC],
		.title		= "HMAC-SHA256, key set once",
		.setkey_title	= "HMAC-SHA256 key setup (inner and outer states)",
		.openssl	= &openssl_hmac,
		.floor		= hmac_floor,
		.runs_here	= hmac_runs_here,
		/* and the module leaves hmac(sha256) to the stock driver */
		.left_out	= "no SHA-256 instructions on this CPU, so no floor to measure against",
	},
};

#define NR_ALGS	ARRAY_SIZE(bench_algs)

/* --- the per-message patterns of cifs ----------------------------------- */

/*
 * What cifs (and ksmbd) do to sign one SMB2 message through the crypto API,
 * at the level of smbsign's cores: the key is the 16-byte session key, and
 * the message a 64-byte SMB2 header, given in its own update, then the
 * payload. The header's first 8 bytes are overwritten with a counter per
 * message (for GMAC the first 12 bytes of the data are the nonce, which
 * SMB builds from the MessageId). Five patterns:
 *  - send-cache: the key already set; setkey with the same key, which the
 *    key cache (key_cache=1) turns into a constant-time compare;
 *  - send-nocache: the same with every setkey done (key_cache=0);
 *  - verify: cifs on 6.1 and 6.12 allocates a tfm per received message:
 *    here the core's part of that, a zeroed key structure from the heap,
 *    setkey, the message, then zeroize and free (the crypto API's own
 *    allocation work, done in the kernel, is not in this figure);
 *  - openssl-keyset: OpenSSL with the key set once, restarted per message;
 *  - openssl-freshkey: OpenSSL given the key anew for each message.
 */
enum pm_pattern {
	PM_SEND_CACHE,
	PM_SEND_NOCACHE,
	PM_VERIFY,
	PM_OPENSSL_KEYSET,
	PM_OPENSSL_FRESHKEY,
	PM_NR
};

static const char *const pm_names[PM_NR] = {
	"send-cache", "send-nocache", "verify", "openssl-keyset",
	"openssl-freshkey",
};

#define PM_HDR		64

/* The header of message @n: the template with @n as its first 8 bytes. */
static void pm_header(uint8_t hdr[PM_HDR], const struct bench_case *bc,
		      uint64_t n)
{
	memcpy(hdr, bc->buf, PM_HDR);
	memcpy(hdr, &n, sizeof(n));
}

/* One signed message: the header in its own update, then the payload. */
static void pm_message(const struct bench_case *bc, const void *key,
		       uint64_t n, uint8_t *tag)
{
	const struct smbsign_mac *mac = bc->alg->mac;
	uint8_t hdr[PM_HDR], state[SMBSIGN_MAC_MAX_STATE];

	pm_header(hdr, bc, n);
	mac->init(key, state);
	mac->update(key, state, hdr, PM_HDR);
	mac->update(key, state, bc->buf + PM_HDR, bc->payload);
	if (mac->finup(key, state, NULL, 0, tag) < 0)
		die_usage("%s refused a message", mac->name);
}

static inline void pm_send(struct bench_case *bc, uint64_t n, bool cache)
{
	const struct smbsign_mac *mac = bc->alg->mac;
	uint8_t tag[SMBSIGN_MAC_MAX_DIGEST];

	while (n--) {
		if (!cache || !mac->key_matches(bc->key, bc->impl,
						bc->session_key, KEY_LEN))
			mac->setkey(bc->key, bc->impl, bc->session_key, KEY_LEN);
		pm_message(bc, bc->key, n, tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

static void pm_send_cache(struct bench_case *bc, uint64_t n)
{
	pm_send(bc, n, true);
}

static void pm_send_nocache(struct bench_case *bc, uint64_t n)
{
	pm_send(bc, n, false);
}

static void pm_verify(struct bench_case *bc, uint64_t n)
{
	const struct smbsign_mac *mac = bc->alg->mac;
	uint8_t tag[SMBSIGN_MAC_MAX_DIGEST];

	while (n--) {
		void *key = xcalloc(mac->key_size);

		mac->setkey(key, bc->impl, bc->session_key, KEY_LEN);
		pm_message(bc, key, n, tag);
		memzero_explicit(key, mac->key_size);
		free(key);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

/* OpenSSL on the same messages; @fresh: the key set anew each time. */
static inline void pm_openssl(struct bench_case *bc, uint64_t n, bool fresh)
{
	uint8_t hdr[PM_HDR], tag[EVP_MAX_MD_SIZE];

	while (n--) {
		pm_header(hdr, bc, n);
		bc->alg->openssl->mac(bc->ossl, fresh ? bc->session_key : NULL,
				      hdr, PM_HDR, bc->buf + PM_HDR, bc->payload,
				      tag);
	}
	__asm__ volatile("" : : "r"(tag) : "memory");
}

static void pm_openssl_keyset(struct bench_case *bc, uint64_t n)
{
	pm_openssl(bc, n, false);
}

static void pm_openssl_freshkey(struct bench_case *bc, uint64_t n)
{
	pm_openssl(bc, n, true);
}

static void (*const pm_run[PM_NR])(struct bench_case *bc, uint64_t n) = {
	pm_send_cache, pm_send_nocache, pm_verify, pm_openssl_keyset,
	pm_openssl_freshkey,
};

/* --- the measuring, for each --------------------------------------------- */

static void print_row(int csv, const char *alg, const char *impl, size_t size,
		      double rate, double hz, double ossl, double floor)
{
	if (csv) {
		printf("%s,%s,%zu,%.1f,%.3f\n", alg, impl, size, rate / 1e6,
		       hz / rate);
		return;
	}
	printf("  %-12s %9zu %10.1f %8.3f %9.2fx %9.2fx\n", impl, size,
	       rate / 1e6, hz / rate, rate / ossl, rate / floor);
}

/* What one algorithm's table is made of, settled before any of it is timed. */
struct bench_plan {
	const struct bench_alg *alg;
	unsigned int impls[MAX_IMPLS];
	int nimpls;
	uint64_t (*floor)(uint64_t nblocks);
	char floor_what[160];
	int best[MAX_SIZES];	/* the fastest implementation at each size */
};

static const char *impl_name(const struct bench_plan *p, int i)
{
	return p->alg->mac->impls->table[p->impls[i]].name;
}

/* --impl's implementation, or all this CPU runs. */
static void plan_impls(struct bench_plan *p, const char *name)
{
	const struct smbsign_impls *impls = p->alg->mac->impls;
	unsigned int i;

	p->nimpls = 0;
	if (name) {
		p->impls[p->nimpls++] = impl_arg(p->alg->mac, name);
		return;
	}
	for (i = 0; i < impls->nr_supp; i++)
		p->impls[p->nimpls++] = impls->supp[i];
}

/* Key setup cost per implementation, beside OpenSSL's. */
static void bench_setkey(const struct bench_plan *p, const uint8_t *buf,
			 int reps, double hz)
{
	const struct bench_alg *alg = p->alg;
	struct bench_case bc[MAX_CASES];
	const char *names[MAX_CASES];
	double rate[MAX_CASES];
	int n, c;

	for (n = 0; n < p->nimpls; n++) {
		bc[n] = (struct bench_case){ .run = run_setkey, .alg = alg,
					     .size = 1, .buf = buf,
					     .key = xcalloc(alg->mac->key_size),
					     .impl = p->impls[n] };
		names[n] = impl_name(p, n);
	}
	bc[n] = (struct bench_case){ .run = run_openssl_setkey, .alg = alg,
				     .size = 1, .buf = buf,
				     .ossl = alg->openssl->new(buf) };
	names[n++] = "openssl";
	bench_measure_all(bc, n, reps, rate);
	printf("%s, ns per key:", alg->setkey_title);
	for (c = 0; c < n; c++)
		printf(" %s %.0f (%.0f cycles)%s", names[c], 1e9 / rate[c],
		       hz / rate[c], c + 1 < n ? "," : "\n");
	alg->openssl->free(bc[n - 1].ossl);
	for (c = 0; c < n - 1; c++) {
		memzero_explicit(bc[c].key, alg->mac->key_size);
		free(bc[c].key);
	}
}

/*
 * What these figures leave out: in the kernel, kernel_fpu_begin/end
 * (kernel_neon_begin/end on arm64; no-ops in this build) open and close
 * every SIMD section. Timed here on this CPU: what every begin does (x86:
 * LDMXCSR; arm64: nothing beyond flags), and saving plus restoring the
 * user's vector state, which happens at most once per section (the first
 * begin after entering from user space saves, the return to user space
 * restores; a preemption between sections adds no more). The rest,
 * preempt or softirq disable/enable and per-CPU flags, is a few
 * instructions.
 */
static void run_section_fixed(struct bench_case *bc, uint64_t n)
{
	floor_section_fixed.run(n);
}

static void run_fpu_state(struct bench_case *bc, uint64_t n)
{
	floor_fpu_state_save_restore(n);
}

static void print_fpu_sections(int reps, double hz)
{
	struct bench_case bc[2];
	const char *state_what;
	bool state = floor_fpu_state_init(&state_what);
	bool fixed = floor_section_fixed.name;
	double rate[2];
	int n = 0;

	if (fixed)
		bc[n++] = (struct bench_case){ .run = run_section_fixed, .size = 1 };
	if (state)
		bc[n++] = (struct bench_case){ .run = run_fpu_state, .size = 1 };
	if (n)
		bench_measure_all(bc, n, reps, rate);
	printf("SIMD sections of at most %u (cmac), %u (gmac), %u (hmac) bytes (--fpu-bytes)\n",
	       smbsign_macs[SMBSIGN_CMAC].fpu_bytes,
	       smbsign_macs[SMBSIGN_GMAC].fpu_bytes,
	       smbsign_macs[SMBSIGN_HMAC].fpu_bytes);
	printf("kernel_fpu_begin/end, not in these figures:");
	if (fixed)
		printf(" %s %.1f ns per section", floor_section_fixed.name,
		       1e9 / rate[0]);
	if (state)
		printf("%s user state save+restore (%s) %.0f ns (%.0f cycles), at most once per section",
		       fixed ? ";" : "", state_what, 1e9 / rate[n - 1],
		       hz / rate[n - 1]);
	if (!n)
		printf(" not measurable here");
	putchar('\n');
}

/* A key of @alg's MAC for implementation @impl, from @raw. */
static void *new_key(const struct bench_alg *alg, unsigned int impl,
		     const uint8_t *raw)
{
	void *key = xcalloc(alg->mac->key_size);

	if (alg->mac->setkey(key, impl, raw, KEY_LEN))
		die_usage("%s: setkey failed", alg->mac->name);
	return key;
}

static void free_key(const struct bench_alg *alg, void *key)
{
	memzero_explicit(key, alg->mac->key_size);
	free(key);
}

/* One algorithm's table: its implementations, openssl and floor at each size. */
static void bench_alg(struct bench_plan *p, const size_t *sizes, int nsizes,
		      const uint8_t *buf, const uint8_t *raw_key, int reps,
		      double hz, int csv)
{
	const struct bench_alg *alg = p->alg;
	const char *name = alg->mac->name;
	int s;

	if (!csv) {
		bench_setkey(p, buf, reps, hz);
		printf("%s, median of %d runs; MB = 10^6 bytes\n"
		       "floor: %s\n"
		       "  %-12s %9s %10s %8s %10s %10s\n", alg->title, reps,
		       p->floor_what, "impl", "size", "MB/s", "cyc/B",
		       "vs openssl", "vs floor");
	}

	for (s = 0; s < nsizes; s++) {
		struct bench_case bc[MAX_CASES];
		const char *names[MAX_CASES];
		double rate[MAX_CASES];
		int n, c;

		for (n = 0; n < p->nimpls; n++) {
			bc[n] = (struct bench_case){
				.run = run_mac, .alg = alg, .size = sizes[s],
				.buf = buf, .key = new_key(alg, p->impls[n], raw_key),
			};
			names[n] = impl_name(p, n);
		}
		bc[n] = (struct bench_case){ .run = run_openssl, .alg = alg,
					     .size = sizes[s], .buf = buf,
					     .ossl = alg->openssl->new(raw_key) };
		names[n++] = "openssl";
		bc[n] = (struct bench_case){ .run = run_floor, .size = sizes[s],
					     .buf = buf, .floor = p->floor };
		names[n++] = "floor";

		bench_measure_all(bc, n, reps, rate);
		p->best[s] = 0;
		for (c = 0; c < n; c++) {
			print_row(csv, name, names[c], sizes[s], rate[c], hz,
				  rate[n - 2], rate[n - 1]);
			if (c < p->nimpls && rate[c] > rate[p->best[s]])
				p->best[s] = c;
		}
		alg->openssl->free(bc[n - 2].ossl);
		for (c = 0; c < p->nimpls; c++)
			free_key(alg, bc[c].key);
	}
}

static bool big_size(size_t size)
{
	return size == 65536 || size == 1048576;
}

/*
 * "GMAC vs CMAC at 65536 and 1048576: 7.4x, 7.1x" (or at --size's size):
 * the fastest implementation of each, timed again taking turns with each
 * other, since the two tables were measured seconds apart and load from
 * elsewhere may have changed in between.
 */
static void print_gmac_vs_cmac(const struct bench_plan *cmac,
			       const struct bench_plan *gmac,
			       const size_t *sizes, int nsizes,
			       const uint8_t *buf, const uint8_t *raw_key,
			       int reps)
{
	const struct bench_plan *p[2] = { cmac, gmac };
	double ratio[MAX_SIZES], rate[2];
	int s, i, shown = 0, big = 0;

	for (s = 0; s < nsizes; s++)
		big += big_size(sizes[s]);
	fputs("GMAC vs CMAC at", stdout);
	for (s = 0; s < nsizes; s++) {
		struct bench_case bc[2];

		if (big && !big_size(sizes[s]))
			continue;
		for (i = 0; i < 2; i++) {
			const struct bench_alg *alg = p[i]->alg;

			bc[i] = (struct bench_case){
				.run = run_mac, .alg = alg, .size = sizes[s],
				.buf = buf,
				.key = new_key(alg, p[i]->impls[p[i]->best[s]],
					       raw_key),
			};
		}
		bench_measure_all(bc, 2, reps, rate);
		ratio[shown] = rate[1] / rate[0];
		printf("%s %zu", shown++ ? " and" : "", sizes[s]);
		for (i = 0; i < 2; i++)
			free_key(p[i]->alg, bc[i].key);
	}
	fputc(':', stdout);
	for (i = 0; i < shown; i++)
		printf("%s %.1fx", i ? "," : "", ratio[i]);
	putchar('\n');
}

/*
 * bench --per-message: the five patterns of each algorithm at each payload
 * size, with the fastest implementation (or --impl's), taking turns.
 */
static void bench_per_message(const struct bench_plan *plans,
			      unsigned int nalgs, const size_t *sizes,
			      int nsizes, const uint8_t *buf,
			      const uint8_t *session_key, int reps, int csv)
{
	unsigned int a;
	int s, c;

	if (!csv)
		printf("Per-message cost of cifs's signing patterns, ns/message, median of %d runs\n"
		       "(64-byte header + payload, 16-byte session key; ratios: OpenSSL's ns over\n"
		       "ours, above 1 = smbsign faster; verify counts the core's allocation only,\n"
		       "not the crypto API's tfm allocation)\n", reps);
	for (a = 0; a < nalgs; a++) {
		const struct bench_plan *p = &plans[a];
		const struct bench_alg *alg = p->alg;
		unsigned int impl = p->impls[p->nimpls - 1];

		if (!csv)
			printf("%s (%s):\n  %8s %11s %12s %9s %14s %16s %12s %11s %13s %12s\n",
			       alg->mac->name, impl_name(p, p->nimpls - 1),
			       "payload", pm_names[0], pm_names[1], pm_names[2],
			       pm_names[3], pm_names[4], "cache:keyset",
			       "cache:fresh", "nocache:fresh", "verify:fresh");
		for (s = 0; s < nsizes; s++) {
			struct bench_case bc[PM_NR];
			double rate[PM_NR], ns[PM_NR];

			for (c = 0; c < PM_NR; c++)
				bc[c] = (struct bench_case){
					.run = pm_run[c], .alg = alg, .size = 1,
					.buf = buf, .payload = sizes[s],
					.impl = impl, .session_key = session_key,
				};
			/* The sender's key, set before its first message. */
			bc[PM_SEND_CACHE].key = new_key(alg, impl, session_key);
			bc[PM_SEND_NOCACHE].key = new_key(alg, impl, session_key);
			bc[PM_OPENSSL_KEYSET].ossl = alg->openssl->new(session_key);
			bc[PM_OPENSSL_FRESHKEY].ossl = alg->openssl->new(session_key);

			bench_measure_all(bc, PM_NR, reps, rate);
			for (c = 0; c < PM_NR; c++)
				ns[c] = 1e9 / rate[c];
			if (csv) {
				for (c = 0; c < PM_NR; c++)
					printf("%s,%s,%zu,%.1f\n", alg->mac->name,
					       pm_names[c], sizes[s], ns[c]);
			} else {
				printf("  %8zu %11.1f %12.1f %9.1f %14.1f %16.1f",
				       sizes[s], ns[PM_SEND_CACHE],
				       ns[PM_SEND_NOCACHE], ns[PM_VERIFY],
				       ns[PM_OPENSSL_KEYSET],
				       ns[PM_OPENSSL_FRESHKEY]);
				printf(" %11.2fx %10.2fx %12.2fx %11.2fx\n",
				       ns[PM_OPENSSL_KEYSET] / ns[PM_SEND_CACHE],
				       ns[PM_OPENSSL_FRESHKEY] / ns[PM_SEND_CACHE],
				       ns[PM_OPENSSL_FRESHKEY] / ns[PM_SEND_NOCACHE],
				       ns[PM_OPENSSL_FRESHKEY] / ns[PM_VERIFY]);
			}
			alg->openssl->free(bc[PM_OPENSSL_KEYSET].ossl);
			alg->openssl->free(bc[PM_OPENSSL_FRESHKEY].ossl);
			free_key(alg, bc[PM_SEND_CACHE].key);
			free_key(alg, bc[PM_SEND_NOCACHE].key);
		}
	}
}

static const struct bench_plan *find_plan(const struct bench_plan *plans,
					  unsigned int nalgs, const char *name)
{
	unsigned int a;

	for (a = 0; a < nalgs; a++)
		if (!strcmp(plans[a].alg->mac->name, name))
			return &plans[a];
	return NULL;
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "alg", required_argument, NULL, 'a' },
		{ "impl", required_argument, NULL, 'i' },
		{ "size", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "csv", no_argument, NULL, 'c' },
		{ "per-message", no_argument, NULL, 'p' },
		{ "fpu-bytes", required_argument, NULL, 'f' },
		{ "smb", no_argument, NULL, 'S' },
		{ 0 }
	};
	static const size_t default_sizes[MAX_SIZES] = {
		64, 1024, 16384, 65536, 1048576
	};
	/* cifs's small messages, and a large read or write. */
	static const size_t msg_sizes[] = { 64, 256, 1024, 65536 };
	static struct bench_plan plans[NR_ALGS];
	const struct bench_alg *left_out[NR_ALGS];
	const struct bench_plan *cmac, *gmac;
	const char *impl_name = NULL, *alg_name = NULL;
	unsigned int a, nalgs = 0, nleft = 0;
	size_t sizes[MAX_SIZES], s;
	int nsizes = MAX_SIZES, csv = 0, reps = 7, per_msg = 0, size_set = 0;
	int smb = 0;
	int c;
	long v;
	char *end, cpu[128];
	uint8_t raw_key[16], *buf;
	double hz;

	memcpy(sizes, default_sizes, sizeof(sizes));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			alg_name = optarg;
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
			size_set = 1;
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
		case 'p':
			per_msg = 1;
			break;
		case 'S':
			smb = 1;
			break;
		case 'f':
			/*
			 * The variables the module's <alg>_fpu_bytes
			 * parameters set: the same cores, split the same way.
			 */
			v = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end ||
			    v < SMBSIGN_FPU_BYTES_MIN ||
			    v > SMBSIGN_FPU_BYTES_MAX)
				die_usage("--fpu-bytes: bytes per SIMD section, %d..%d",
					  SMBSIGN_FPU_BYTES_MIN,
					  SMBSIGN_FPU_BYTES_MAX);
			for (a = 0; a < SMBSIGN_NR_MACS; a++)
				smbsign_macs[a].fpu_bytes = (unsigned int)v;
			break;
		default:
			die_bad_option(argv);
		}
	}
	if (optind != argc)
		die_usage("bench: unexpected argument '%s'", argv[optind]);
	if (smb) {
		if (per_msg || size_set)
			die_usage("bench --smb: its own payload sizes; no --per-message or --size");
		if (alg_name && !smbsign_mac_lookup(alg_name))
			die_usage("--alg %s: unknown algorithm (this build has: cmac, gmac, hmac)",
				  alg_name);
		bench_smb(alg_name, impl_name, reps, csv);
		return 0;
	}
	if (per_msg && !size_set) {
		memcpy(sizes, msg_sizes, sizeof(msg_sizes));
		nsizes = ARRAY_SIZE(msg_sizes);
	}
	/*
	 * --alg's algorithm, or all; --impl without --alg picks the algorithms
	 * that have an implementation of that name (generic: all of them).
	 * Without --alg, the throughput tables leave out an algorithm whose
	 * floor this CPU cannot run (saying why).
	 */
	for (a = 0; a < NR_ALGS; a++) {
		const struct bench_alg *alg = &bench_algs[a];

		if (alg_name ? strcmp(alg_name, alg->mac->name) :
		    impl_name && smbsign_impls_lookup(alg->mac->impls,
						      impl_name) < 0)
			continue;
		if (!alg_name && !per_msg && alg->runs_here && !alg->runs_here()) {
			left_out[nleft++] = alg;
			continue;
		}
		plans[nalgs++].alg = alg;
	}
	if (alg_name && !nalgs)
		die_usage("--alg %s: unknown algorithm (this build has: cmac, gmac, hmac)",
			  alg_name);
	if (!nalgs)
		die_usage("--impl %s: no such implementation", impl_name);

	/* Per-message runs put a 64-byte header before the payload. */
	buf = malloc(sizes[nsizes - 1] + PM_HDR + 1);
	if (!buf)
		die_usage("out of memory");
	for (s = 0; s <= sizes[nsizes - 1] + PM_HDR; s++)
		buf[s] = (uint8_t)(s * 131 + 7);
	for (s = 0; s < sizeof(raw_key); s++)
		raw_key[s] = (uint8_t)(s * 17 + 1);

	/* Every usage error (--impl, a missing floor) before the long part. */
	for (a = 0; a < nalgs; a++)
		plan_impls(&plans[a], impl_name);
	hz = bench_core_hz(reps);
	for (a = 0; a < nalgs && !per_msg; a++)
		plans[a].floor = plans[a].alg->floor(reps, hz, plans[a].floor_what,
						     sizeof(plans[a].floor_what));

	bench_cpu_name(cpu, sizeof(cpu));
	if (csv)
		puts(per_msg ? "alg,pattern,size,ns_per_msg" :
		     "alg,impl,size,mb_per_s,cycles_per_byte");
	else
		printf("CPU: %s; core clock %.2f GHz (dependent add chain)\n",
		       cpu, hz / 1e9);
	for (a = 0; a < nleft && !csv; a++)
		printf("%s left out: %s\n", left_out[a]->mac->name,
		       left_out[a]->left_out);
	if (!csv && !per_msg)
		print_fpu_sections(reps, hz);
	if (per_msg) {
		bench_per_message(plans, nalgs, sizes, nsizes, buf, raw_key,
				  reps, csv);
		free(buf);
		return 0;
	}
	for (a = 0; a < nalgs; a++)
		bench_alg(&plans[a], sizes, nsizes, buf, raw_key, reps, hz, csv);
	cmac = find_plan(plans, nalgs, "cmac");
	gmac = find_plan(plans, nalgs, "gmac");
	if (!csv && cmac && gmac)
		print_gmac_vs_cmac(cmac, gmac, sizes, nsizes, buf, raw_key, reps);
	free(buf);
	return 0;
}
