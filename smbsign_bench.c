// SPDX-License-Identifier: GPL-2.0
/*
 * The load-time benchmark: which implementation "fastest" means on this
 * machine, measured rather than assumed (the pattern of OpenZFS's
 * fletcher_4). A wider implementation is not always the faster one: a
 * CPU may run a 512-bit path at a lower clock, or emulate an instruction.
 *
 * Each implementation MACs one buffer through the algorithm's core, not
 * through the crypto API, so the benchmark is not counted in
 * /sys/kernel/smbsign/<alg>/. The figure kept is the best of several runs:
 * an interrupt or a preemption only ever makes a run slower. The time is
 * bounded per implementation, so the whole benchmark takes a few
 * milliseconds on real hardware whatever the CPU offers.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <smbsign/internal.h>

/* Runs per implementation: at least MIN, then until the time is up. */
#define SMBSIGN_BENCH_MIN_RUNS	3
#define SMBSIGN_BENCH_MAX_RUNS	256
#define SMBSIGN_BENCH_NS	(NSEC_PER_MSEC)
#define SMBSIGN_BENCH_KEY_LEN	16	/* SMB's signing keys are 16 bytes */

/*
 * One algorithm for the benchmark: its key (with @impl's tables) set from
 * a 16-byte AES or HMAC key, then one MAC of @len message bytes at @data
 * (gmac: after the 12-byte nonce that precedes them).
 */
struct smbsign_bench_alg {
	size_t key_size;
	unsigned int nonce_len;
	void (*setkey)(void *key, unsigned int impl, const u8 *raw);
	void (*mac)(const void *key, const u8 *data, size_t len);
};

static void smbsign_bench_cmac_setkey(void *key, unsigned int impl,
				      const u8 *raw)
{
	smbsign_cmac_setkey(key, smbsign_cmac_impls[impl], raw,
			    SMBSIGN_BENCH_KEY_LEN);
}

static void smbsign_bench_cmac_mac(const void *key, const u8 *data, size_t len)
{
	struct smbsign_cmac_state st;
	u8 tag[SMBSIGN_CMAC_DIGEST_SIZE];

	smbsign_cmac_init(&st);
	smbsign_cmac_finup(key, &st, data, len, tag);
}

static void smbsign_bench_gmac_setkey(void *key, unsigned int impl,
				      const u8 *raw)
{
	smbsign_gmac_setkey(key, smbsign_gmac_impls[impl], raw,
			    SMBSIGN_BENCH_KEY_LEN);
}

static void smbsign_bench_gmac_mac(const void *key, const u8 *data, size_t len)
{
	struct smbsign_gmac_state st;
	u8 tag[SMBSIGN_GMAC_DIGEST_SIZE];

	smbsign_gmac_init(&st);
	/* Cannot fail: the data holds the whole nonce. */
	smbsign_gmac_finup(key, &st, data, SMBSIGN_GMAC_NONCE_SIZE + len, tag);
}

static void smbsign_bench_hmac_setkey(void *key, unsigned int impl,
				      const u8 *raw)
{
	smbsign_hmac_setkey(key, smbsign_hmac_impls[impl], raw,
			    SMBSIGN_BENCH_KEY_LEN);
}

static void smbsign_bench_hmac_mac(const void *key, const u8 *data, size_t len)
{
	struct smbsign_hmac_state st;
	u8 tag[SMBSIGN_HMAC_DIGEST_SIZE];

	smbsign_hmac_init(key, &st);
	smbsign_hmac_finup(key, &st, data, len, tag);
}

static const struct smbsign_bench_alg smbsign_bench_algs[SMBSIGN_NR_ALGS] = {
	[SMBSIGN_ALG_CMAC] = {
		.key_size = sizeof(struct smbsign_cmac_key),
		.setkey = smbsign_bench_cmac_setkey,
		.mac = smbsign_bench_cmac_mac,
	},
	[SMBSIGN_ALG_GMAC] = {
		.key_size = sizeof(struct smbsign_gmac_key),
		.nonce_len = SMBSIGN_GMAC_NONCE_SIZE,
		.setkey = smbsign_bench_gmac_setkey,
		.mac = smbsign_bench_gmac_mac,
	},
	[SMBSIGN_ALG_HMAC] = {
		.key_size = sizeof(struct smbsign_hmac_key),
		.setkey = smbsign_bench_hmac_setkey,
		.mac = smbsign_bench_hmac_mac,
	},
};

/* MB/s (10^6 bytes per second) of the best of the timed runs. */
static u32 smbsign_bench_impl(const struct smbsign_bench_alg *b, void *key,
			      const u8 *data)
{
	u64 start = ktime_get_ns(), best = U64_MAX, t0, t1;
	unsigned int runs = 0;

	do {
		t0 = ktime_get_ns();
		b->mac(key, data, SMBSIGN_BENCH_BYTES);
		t1 = ktime_get_ns();
		best = min(best, t1 - t0);
		runs++;
		cond_resched();
	} while (runs < SMBSIGN_BENCH_MIN_RUNS ||
		 (t1 - start < SMBSIGN_BENCH_NS && runs < SMBSIGN_BENCH_MAX_RUNS));
	/*
	 * Rounded, but never 0 (which means "not measured"), however slow
	 * (generic AES-CMAC under emulation and KASAN: about 1 MB/s); a clock
	 * too coarse to see one MAC still gives a finite figure.
	 */
	best = max_t(u64, best, 1);
	return clamp_t(u64, div64_u64((u64)SMBSIGN_BENCH_BYTES * 1000 + best / 2,
				      best), 1, U32_MAX);
}

int smbsign_bench(enum smbsign_alg_id alg, u32 mbps[SMBSIGN_MAX_IMPLS])
{
	const struct smbsign_bench_alg *b = &smbsign_bench_algs[alg];
	const struct smbsign_alg *a = &smbsign_alg_table[alg];
	u8 raw[SMBSIGN_BENCH_KEY_LEN];
	unsigned int i;
	void *key;
	u8 *data;

	data = kmalloc(b->nonce_len + SMBSIGN_BENCH_BYTES, GFP_KERNEL);
	key = kzalloc(b->key_size, GFP_KERNEL);
	if (!data || !key) {
		kfree(data);
		kfree(key);
		return -ENOMEM;
	}
	get_random_bytes(data, b->nonce_len + SMBSIGN_BENCH_BYTES);
	get_random_bytes(raw, sizeof(raw));

	for (i = 0; i < *a->nr_impls && i < SMBSIGN_MAX_IMPLS; i++) {
		mbps[i] = 0;
		if (!a->impl(i).runs)
			continue;
		b->setkey(key, i, raw);
		mbps[i] = smbsign_bench_impl(b, key, data);
	}
	memzero_explicit(raw, sizeof(raw));
	kfree_sensitive(key);
	kfree(data);
	return 0;
}
