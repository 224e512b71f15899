// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign: SIMD SMB signing transforms for the kernel crypto API.
 *
 * Registers cmac(aes) (SMB 3.x signing) at a priority above the stock
 * drivers, so that cifs and ksmbd, which allocate it by name, sign and
 * verify with it. It is registered only where smbsign has a SIMD
 * implementation for this CPU: elsewhere the stock driver is no slower and
 * stays in charge. At that priority smbsign serves every kernel user of
 * cmac(aes), not only SMB. Likewise hmac(sha256), SMB 2.x signing. It also
 * registers gmac(aes), SMB 3.1.1's AES-GMAC signing, which the kernel does
 * not have at all.
 *
 * This file is the module's init and exit; the parts are in kernel/ (glue,
 * parameters, counters, sysfs, benchmark, self-test) over the cores in
 * crypto/ (Documentation/design.rst, "Layers").
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/fips.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <asm/simd.h>	/* 6.1's crypto/internal/simd.h needs it first */
#include <crypto/hash.h>
#include <crypto/internal/simd.h>
#include "kernel/internal.h"
#include "kernel/stats.h"

/* Sets alg->fastest: the benchmark's winner, or the widest. */
static void __init smbsign_choose_fastest(struct smbsign_alg *alg,
					  bool zmm_slows)
{
	const struct smbsign_impls *impls = alg->mac->impls;
	char line[160];
	unsigned int i;
	int n = 0;

	memset(alg->bench_mbps, 0, sizeof(alg->bench_mbps));
	/* Where SIMD is unusable the SIMD entries would time generic code. */
	if (smbsign_bench_on_load &&
	    (!crypto_simd_usable() || smbsign_bench(alg))) {
		memset(alg->bench_mbps, 0, sizeof(alg->bench_mbps));
		alg->fastest = smbsign_fastest(alg, zmm_slows);
		pr_warn("%s: load-time benchmark not run; fastest: %s (the widest)\n",
			alg->mac->name, smbsign_impl_name(alg, alg->fastest));
		return;
	}
	alg->fastest = smbsign_fastest(alg, zmm_slows);
	if (!alg->bench_mbps[SMBSIGN_IMPL_GENERIC])
		return;
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		n += scnprintf(line + n, sizeof(line) - n, "%s %s %u MB/s",
			       n ? "," : "", smbsign_impl_name(alg, id),
			       alg->bench_mbps[id]);
	}
	pr_info("%s: load-time benchmark (%u-byte MACs):%s; fastest: %s%s\n",
		alg->mac->name, SMBSIGN_BENCH_BYTES, line,
		smbsign_impl_name(alg, alg->fastest),
		zmm_slows && impls->table[smbsign_impls_widest(impls)].zmm ?
		" (512-bit code slows this CPU's clock: not chosen)" : "");
}

/*
 * Whether @alg is to be registered: its self-test passed by generic (the
 * test runs for every algorithm, registered or not), named in algs, and,
 * where the stock driver has SIMD, smbsign has it too.
 */
static bool __init smbsign_alg_wanted(struct smbsign_alg *alg)
{
	const struct smbsign_impls *impls = alg->mac->impls;
	unsigned int nr_vectors;
	u32 failed = smbsign_selftest(alg, &nr_vectors);

	if (!smbsign_selftest_apply(alg, failed, nr_vectors))
		return false;
	if (!(smbsign_algs_mask & BIT(alg->id))) {
		pr_info("%s not registered: not in algs\n", alg->crypto_name);
		return false;
	}
	if (alg->stock_has_simd &&
	    !impls->table[smbsign_impls_widest(impls)].simd) {
		pr_info("%s not registered: no SIMD implementation for this CPU, the stock driver is as fast\n",
			alg->crypto_name);
		return false;
	}
	return true;
}

/*
 * The crypto self-tests run when an algorithm is registered, possibly in
 * another thread: allocating by driver name waits for them, so that the
 * counters can then start from zero without the tests' MACs.
 */
static void __init smbsign_wait_for_testmgr(const struct smbsign_alg *alg)
{
	struct crypto_shash *tfm = crypto_alloc_shash(alg->driver, 0, 0);

	if (IS_ERR(tfm)) {
		pr_warn("%s: cannot allocate %s after registering it: %ld\n",
			alg->mac->name, alg->driver, PTR_ERR(tfm));
		return;
	}
	crypto_free_shash(tfm);
}

static int __init smbsign_init(void)
{
	unsigned long mask = 0;
	bool zmm_slows;
	u64 start;
	int i, err;

	smbsign_macs_init();
	/* The impl parameters read "fastest" even when nothing is registered. */
	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		smbsign_algs[i].fastest = smbsign_fastest(&smbsign_algs[i], false);

	if (fips_enabled) {
		pr_info("fips=1: registering nothing, smbsign is not a FIPS 140 validated module\n");
		return 0;
	}
	if (smbsign_priority < 0) {
		pr_err("priority=%d: must be 0 or more\n", smbsign_priority);
		return -EINVAL;
	}

	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		if (smbsign_alg_wanted(&smbsign_algs[i]))
			mask |= BIT(i);

	zmm_slows = smbsign_zmm_slows_clock();
	start = ktime_get_ns();
	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		smbsign_choose_fastest(&smbsign_algs[i], zmm_slows);
	if (smbsign_bench_on_load)
		pr_info("load-time benchmark: %llu us in all\n",
			div_u64(ktime_get_ns() - start, NSEC_PER_USEC));

	err = smbsign_stats_alloc();
	if (err)
		return err;
	err = smbsign_sysfs_init();
	if (err)
		goto free_stats;
	/* All or nothing: a failed load leaves no driver behind. */
	err = smbsign_shash_register(mask, smbsign_priority);
	if (err) {
		pr_err("registering the crypto API drivers failed: %d\n", err);
		goto sysfs_exit;
	}
	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		const struct smbsign_alg *alg = &smbsign_algs[i];

		if (!(mask & BIT(i)))
			continue;
		pr_info("%s registered as %s (%s), priority %d\n",
			alg->crypto_name, alg->driver,
			smbsign_impl_name(alg, alg->fastest), smbsign_priority);
		smbsign_wait_for_testmgr(alg);
	}
	smbsign_stats_reset_all();
	return 0;

sysfs_exit:
	smbsign_sysfs_exit();
free_stats:
	smbsign_stats_free();
	return err;
}

static void __exit smbsign_exit(void)
{
	smbsign_shash_unregister();
	smbsign_sysfs_exit();
	smbsign_stats_free();
}

module_init(smbsign_init);
module_exit(smbsign_exit);

MODULE_DESCRIPTION("SIMD SMB signing transforms: AES-CMAC, AES-GMAC, HMAC-SHA256");
MODULE_LICENSE("GPL");
