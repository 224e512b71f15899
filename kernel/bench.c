// SPDX-License-Identifier: GPL-2.0
/*
 * The load-time benchmark: which implementation "fastest" means on this
 * machine, measured rather than assumed (the pattern of OpenZFS's
 * fletcher_4). A wider implementation is not always the faster one: a
 * CPU may run a 512-bit path at a lower clock, or emulate an instruction.
 *
 * Each implementation MACs one buffer through the algorithm's core
 * (struct smbsign_mac), not through the crypto API, so the benchmark is
 * not counted in /sys/kernel/smbsign/<alg>/. The figure kept is the best of several runs:
 * an interrupt or a preemption only ever makes a run slower. The time is
 * bounded per implementation, so the whole benchmark takes a few
 * milliseconds on real hardware whatever the CPU offers.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "internal.h"

/* Runs per implementation: at least MIN, then until the time is up. */
#define SMBSIGN_BENCH_MIN_RUNS	3
#define SMBSIGN_BENCH_MAX_RUNS	256
#define SMBSIGN_BENCH_NS	(NSEC_PER_MSEC)
#define SMBSIGN_BENCH_KEY_LEN	16	/* SMB's signing keys are 16 bytes */

/* One MAC of the nonce, if any, and SMBSIGN_BENCH_BYTES message bytes. */
static void smbsign_bench_mac(const struct smbsign_mac *mac, const void *key,
			      const u8 *data)
{
	u8 state[SMBSIGN_MAC_MAX_STATE], tag[SMBSIGN_MAC_MAX_DIGEST];

	mac->init(key, state);
	/* Cannot fail: the data holds the whole nonce. */
	mac->finup(key, state, data, mac->nonce_size + SMBSIGN_BENCH_BYTES,
		   tag);
}

/* MB/s (10^6 bytes per second) of the best of the timed runs. */
static u32 smbsign_bench_impl(const struct smbsign_mac *mac, const void *key,
			      const u8 *data)
{
	u64 start = ktime_get_ns(), best = U64_MAX, t0, t1;
	unsigned int runs = 0;

	do {
		t0 = ktime_get_ns();
		smbsign_bench_mac(mac, key, data);
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

int smbsign_bench(struct smbsign_alg *alg)
{
	const struct smbsign_mac *mac = alg->mac;
	const struct smbsign_impls *impls = mac->impls;
	u8 raw[SMBSIGN_BENCH_KEY_LEN];
	unsigned int i;
	void *key;
	u8 *data;

	data = kmalloc(mac->nonce_size + SMBSIGN_BENCH_BYTES, GFP_KERNEL);
	key = kzalloc(mac->key_size, GFP_KERNEL);
	if (!data || !key) {
		kfree(data);
		kfree(key);
		return -ENOMEM;
	}
	get_random_bytes(data, mac->nonce_size + SMBSIGN_BENCH_BYTES);
	get_random_bytes(raw, sizeof(raw));

	memset(alg->bench_mbps, 0, sizeof(alg->bench_mbps));
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		mac->setkey(key, id, raw, sizeof(raw));
		alg->bench_mbps[id] = smbsign_bench_impl(mac, key, data);
	}
	memzero_explicit(raw, sizeof(raw));
	kfree_sensitive(key);
	kfree(data);
	return 0;
}
