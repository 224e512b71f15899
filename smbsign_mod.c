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
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/fips.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <smbsign/internal.h>
#include <smbsign/simd.h>
#include <smbsign/stats.h>

static int smbsign_priority = 500;
module_param_named(priority, smbsign_priority, int, 0444);
MODULE_PARM_DESC(priority,
		 "crypto API priority of smbsign's drivers (default 500, above every stock driver)");

/*
 * cifs and ksmbd (6.1 to 6.12) call setkey with the same session key before
 * every message; with the cache on, a key identical to the one a transform
 * already holds (same bytes, compared in constant time, and the same
 * implementation) is not expanded again. Off: every setkey does the work.
 */
bool smbsign_key_cache = true;
module_param_named(key_cache, smbsign_key_cache, bool, 0644);
MODULE_PARM_DESC(key_cache,
		 "skip setkey work when the key equals the one already set (default on)");

/* Entry @i of each algorithm's implementation table, in the generic form. */
static struct smbsign_impl_info smbsign_cmac_impl_info(unsigned int i)
{
	const struct smbsign_cmac_impl *impl = smbsign_cmac_impls[i];

	return (struct smbsign_impl_info){
		.name = impl->name, .simd = impl->simd,
		.runs = impl->available(),
	};
}

static struct smbsign_impl_info smbsign_gmac_impl_info(unsigned int i)
{
	const struct smbsign_gmac_impl *impl = smbsign_gmac_impls[i];

	return (struct smbsign_impl_info){
		.name = impl->name, .simd = impl->simd,
		.runs = impl->available(),
	};
}

static struct smbsign_impl_info smbsign_hmac_impl_info(unsigned int i)
{
	const struct smbsign_hmac_impl *impl = smbsign_hmac_impls[i];

	return (struct smbsign_impl_info){
		.name = impl->name, .simd = impl->simd,
		.runs = impl->available(),
	};
}

/*
 * The algorithms. gmac(aes) has no stock driver and is registered
 * everywhere; the others only where smbsign has SIMD for this CPU.
 */
struct smbsign_alg smbsign_alg_table[SMBSIGN_NR_ALGS] = {
	[SMBSIGN_ALG_CMAC] = {
		.name = "cmac", .crypto_name = "cmac(aes)",
		.driver = SMBSIGN_CMAC_DRIVER,
		.nr_impls = &smbsign_cmac_nr_impls,
		.impl = smbsign_cmac_impl_info,
		.reg = smbsign_cmac_register, .unreg = smbsign_cmac_unregister,
		.stock_has_simd = true,
		.choice = -1,
	},
	[SMBSIGN_ALG_GMAC] = {
		.name = "gmac", .crypto_name = "gmac(aes)",
		.driver = SMBSIGN_GMAC_DRIVER,
		.nr_impls = &smbsign_gmac_nr_impls,
		.impl = smbsign_gmac_impl_info,
		.reg = smbsign_gmac_register, .unreg = smbsign_gmac_unregister,
		.stock_has_simd = false,
		.choice = -1,
	},
	[SMBSIGN_ALG_HMAC] = {
		.name = "hmac", .crypto_name = "hmac(sha256)",
		.driver = SMBSIGN_HMAC_DRIVER,
		.nr_impls = &smbsign_hmac_nr_impls,
		.impl = smbsign_hmac_impl_info,
		.reg = smbsign_hmac_register, .unreg = smbsign_hmac_unregister,
		.stock_has_simd = true,
		.choice = -1,
	},
};

/*
 * A switch is one store of an index: a key is bound to the implementation
 * read here when it is set (DESIGN.md section 2), so signers never see a
 * half-made choice.
 */
unsigned int smbsign_impl_index(const struct smbsign_alg *alg)
{
	int i = READ_ONCE(alg->choice);

	return i < 0 ? alg->fastest : i;
}

const struct smbsign_cmac_impl *smbsign_cmac_active(void)
{
	return smbsign_cmac_impls[smbsign_impl_index(&smbsign_alg_table[SMBSIGN_ALG_CMAC])];
}

const struct smbsign_gmac_impl *smbsign_gmac_active(void)
{
	return smbsign_gmac_impls[smbsign_impl_index(&smbsign_alg_table[SMBSIGN_ALG_GMAC])];
}

const struct smbsign_hmac_impl *smbsign_hmac_active(void)
{
	return smbsign_hmac_impls[smbsign_impl_index(&smbsign_alg_table[SMBSIGN_ALG_HMAC])];
}

/* "name" or "name\n", as echo writes it, into @buf; anything else fails. */
static int smbsign_param_word(const char *val, char *buf, size_t size)
{
	size_t len = strlen(val);

	if (len && val[len - 1] == '\n')
		len--;
	if (!len || len >= size || memchr(val, '\n', len))
		return -EINVAL;
	memcpy(buf, val, len);
	buf[len] = '\0';
	return 0;
}

static int smbsign_impl_set(const char *val, const struct kernel_param *kp)
{
	struct smbsign_alg *alg = kp->arg;
	char name[32];
	unsigned int i;

	if (smbsign_param_word(val, name, sizeof(name)))
		return -EINVAL;
	if (!strcmp(name, "fastest")) {
		WRITE_ONCE(alg->choice, -1);
		return 0;
	}
	for (i = 0; i < *alg->nr_impls; i++) {
		struct smbsign_impl_info impl = alg->impl(i);

		if (impl.runs && !strcmp(impl.name, name)) {
			WRITE_ONCE(alg->choice, i);
			return 0;
		}
	}
	return -EINVAL;
}

/* "[fastest] generic aesni": what this CPU runs, the choice in brackets. */
static int smbsign_impl_get(char *buf, const struct kernel_param *kp)
{
	const struct smbsign_alg *alg = kp->arg;
	int choice = READ_ONCE(alg->choice);
	unsigned int i;
	int n;

	n = scnprintf(buf, PAGE_SIZE, choice < 0 ? "[fastest]" : "fastest");
	for (i = 0; i < *alg->nr_impls; i++) {
		struct smbsign_impl_info impl = alg->impl(i);

		if (impl.runs)
			n += scnprintf(buf + n, PAGE_SIZE - n,
				       choice == i ? " [%s]" : " %s", impl.name);
	}
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops smbsign_impl_ops = {
	.set = smbsign_impl_set,
	.get = smbsign_impl_get,
};
module_param_cb(cmac_impl, &smbsign_impl_ops,
		&smbsign_alg_table[SMBSIGN_ALG_CMAC], 0644);
MODULE_PARM_DESC(cmac_impl,
		 "AES-CMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(gmac_impl, &smbsign_impl_ops,
		&smbsign_alg_table[SMBSIGN_ALG_GMAC], 0644);
MODULE_PARM_DESC(gmac_impl,
		 "AES-GMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(hmac_impl, &smbsign_impl_ops,
		&smbsign_alg_table[SMBSIGN_ALG_HMAC], 0644);
MODULE_PARM_DESC(hmac_impl,
		 "HMAC-SHA256 implementation for keys set from now on: fastest or a listed name");

static int smbsign_fpu_bytes_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;

	if (kstrtouint(val, 10, &v) || v < SMBSIGN_FPU_BYTES_MIN ||
	    v > SMBSIGN_FPU_BYTES_MAX)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, v);
	return 0;
}

static const struct kernel_param_ops smbsign_fpu_bytes_ops = {
	.set = smbsign_fpu_bytes_set,
	.get = param_get_uint,
};
module_param_cb(cmac_fpu_bytes, &smbsign_fpu_bytes_ops,
		&smbsign_cmac_fpu_bytes, 0644);
MODULE_PARM_DESC(cmac_fpu_bytes,
		 "most AES-CMAC bytes per SIMD section, 512..1048576 (preemption latency)");
module_param_cb(gmac_fpu_bytes, &smbsign_fpu_bytes_ops,
		&smbsign_gmac_fpu_bytes, 0644);
MODULE_PARM_DESC(gmac_fpu_bytes,
		 "most AES-GMAC bytes per SIMD section, 512..1048576 (preemption latency)");
module_param_cb(hmac_fpu_bytes, &smbsign_fpu_bytes_ops,
		&smbsign_hmac_fpu_bytes, 0644);
MODULE_PARM_DESC(hmac_fpu_bytes,
		 "most HMAC-SHA256 bytes per SIMD section, 512..1048576 (preemption latency)");

/*
 * algs: which algorithms to register, a comma-separated list, checked when
 * the module is loaded (a misspelt name fails the load instead of silently
 * registering something else). Each algorithm has a bit in the mask.
 */
static unsigned long smbsign_algs = BIT(SMBSIGN_NR_ALGS) - 1;

static int smbsign_algs_set(const char *val, const struct kernel_param *kp)
{
	unsigned long mask = 0;
	size_t len = strlen(val);
	const char *p = val, *end;

	if (len && val[len - 1] == '\n')
		len--;
	end = val + len;
	while (p < end) {
		const char *comma = memchr(p, ',', end - p) ? : end;
		unsigned int i;

		for (i = 0; i < SMBSIGN_NR_ALGS; i++) {
			if (strlen(smbsign_alg_table[i].name) == comma - p &&
			    !memcmp(smbsign_alg_table[i].name, p, comma - p))
				break;
		}
		if (i == SMBSIGN_NR_ALGS) {
			pr_err("algs: unknown algorithm '%.*s' (this version has: cmac, gmac, hmac)\n",
			       (int)(comma - p), p);
			return -EINVAL;
		}
		mask |= BIT(i);
		p = comma + 1;
	}
	if (!mask || (len && val[len - 1] == ',')) {
		pr_err("algs: want a comma-separated list of algorithms, e.g. algs=cmac\n");
		return -EINVAL;
	}
	*(unsigned long *)kp->arg = mask;
	return 0;
}

static int smbsign_algs_get(char *buf, const struct kernel_param *kp)
{
	unsigned long mask = *(unsigned long *)kp->arg;
	unsigned int i;
	int n = 0;

	for (i = 0; i < SMBSIGN_NR_ALGS; i++) {
		if (mask & BIT(i))
			n += scnprintf(buf + n, PAGE_SIZE - n, "%s%s",
				       n ? "," : "", smbsign_alg_table[i].name);
	}
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops smbsign_algs_ops = {
	.set = smbsign_algs_set,
	.get = smbsign_algs_get,
};
module_param_cb(algs, &smbsign_algs_ops, &smbsign_algs, 0444);
MODULE_PARM_DESC(algs,
		 "algorithms to register, comma-separated: cmac, gmac, hmac (default: all)");

/*
 * bench_on_load: time every implementation at load and let "fastest" mean
 * the winner. Off, "fastest" is the widest implementation the CPU runs
 * (the last runnable entry: the tables go from slowest to widest).
 */
static bool smbsign_bench_on_load = true;
module_param_named(bench_on_load, smbsign_bench_on_load, bool, 0444);
MODULE_PARM_DESC(bench_on_load,
		 "time each implementation at load (a few ms) and make the winner 'fastest' (default on)");

static unsigned int __init smbsign_widest(const struct smbsign_alg *alg)
{
	unsigned int i, widest = 0;

	for (i = 0; i < *alg->nr_impls; i++)
		if (alg->impl(i).runs)
			widest = i;
	return widest;
}

/* Sets alg->fastest: the benchmark's winner, or the widest. */
static void __init smbsign_choose_fastest(enum smbsign_alg_id a)
{
	struct smbsign_alg *alg = &smbsign_alg_table[a];
	char line[160];
	unsigned int i;
	int n = 0;

	alg->fastest = smbsign_widest(alg);
	if (!smbsign_bench_on_load)
		return;
	/* Where SIMD is unusable the SIMD entries would time generic code. */
	if (!crypto_simd_usable() || smbsign_bench(a, alg->bench_mbps)) {
		pr_warn("%s: load-time benchmark not run; fastest: %s (the widest)\n",
			alg->name, alg->impl(alg->fastest).name);
		memset(alg->bench_mbps, 0, sizeof(alg->bench_mbps));
		return;
	}
	/* Ties go to the wider implementation. */
	for (i = 0; i < *alg->nr_impls; i++) {
		if (!alg->bench_mbps[i])
			continue;
		if (alg->bench_mbps[i] >= alg->bench_mbps[alg->fastest])
			alg->fastest = i;
		n += scnprintf(line + n, sizeof(line) - n, "%s %s %u MB/s",
			       n ? "," : "", alg->impl(i).name,
			       alg->bench_mbps[i]);
	}
	pr_info("%s: load-time benchmark (%u-byte MACs):%s; fastest: %s\n",
		alg->name, SMBSIGN_BENCH_BYTES, line,
		alg->impl(alg->fastest).name);
}

static int __init smbsign_alg_start(struct smbsign_alg *alg)
{
	int err;

	if (alg->stock_has_simd && !alg->impl(smbsign_widest(alg)).simd) {
		pr_info("%s not registered: no SIMD implementation for this CPU, the stock driver is as fast\n",
			alg->crypto_name);
		return 0;
	}
	err = alg->reg(smbsign_priority);
	if (err) {
		pr_err("registering %s failed: %d\n", alg->crypto_name, err);
		return err;
	}
	alg->registered = true;
	pr_info("%s registered as %s (%s), priority %d\n", alg->crypto_name,
		alg->driver, alg->impl(alg->fastest).name, smbsign_priority);
	return 0;
}

/*
 * The crypto self-tests run when an algorithm is registered, possibly in
 * another thread: allocating by driver name waits for them, so that the
 * counters can then start from zero without the tests' MACs.
 */
static void __init smbsign_wait_for_selftest(const struct smbsign_alg *alg)
{
	struct crypto_shash *tfm = crypto_alloc_shash(alg->driver, 0, 0);

	if (IS_ERR(tfm)) {
		pr_warn("%s: cannot allocate %s after registering it: %ld\n",
			alg->name, alg->driver, PTR_ERR(tfm));
		return;
	}
	crypto_free_shash(tfm);
}

static void smbsign_unregister_all(void)
{
	int i;

	for (i = SMBSIGN_NR_ALGS - 1; i >= 0; i--) {
		if (smbsign_alg_table[i].registered)
			smbsign_alg_table[i].unreg();
		smbsign_alg_table[i].registered = false;
	}
}

static int __init smbsign_init(void)
{
	u64 start;
	int i, err;

	/* The impl parameters read "fastest" even when nothing is registered. */
	for (i = 0; i < SMBSIGN_NR_ALGS; i++)
		smbsign_alg_table[i].fastest = smbsign_widest(&smbsign_alg_table[i]);

	if (fips_enabled) {
		pr_info("fips=1: registering nothing, smbsign is not a FIPS 140 validated module\n");
		return 0;
	}
	if (smbsign_priority < 0) {
		pr_err("priority=%d: must be 0 or more\n", smbsign_priority);
		return -EINVAL;
	}

	start = ktime_get_ns();
	for (i = 0; i < SMBSIGN_NR_ALGS; i++)
		smbsign_choose_fastest(i);
	if (smbsign_bench_on_load)
		pr_info("load-time benchmark: %llu us in all\n",
			div_u64(ktime_get_ns() - start, NSEC_PER_USEC));
	err = smbsign_stats_alloc();
	if (err)
		return err;
	err = smbsign_sysfs_init();
	if (err)
		goto free_stats;

	for (i = 0; i < SMBSIGN_NR_ALGS && !err; i++) {
		if (smbsign_algs & BIT(i))
			err = smbsign_alg_start(&smbsign_alg_table[i]);
		else
			pr_info("%s not registered: not in algs\n",
				smbsign_alg_table[i].crypto_name);
	}
	/* All or nothing: a failed load leaves no driver behind. */
	if (err)
		goto unregister;
	for (i = 0; i < SMBSIGN_NR_ALGS; i++)
		if (smbsign_alg_table[i].registered)
			smbsign_wait_for_selftest(&smbsign_alg_table[i]);
	smbsign_stats_reset_all();
	return 0;

unregister:
	smbsign_unregister_all();
	smbsign_sysfs_exit();
free_stats:
	smbsign_stats_free();
	return err;
}

static void __exit smbsign_exit(void)
{
	smbsign_unregister_all();
	smbsign_sysfs_exit();
	smbsign_stats_free();
}

module_init(smbsign_init);
module_exit(smbsign_exit);

MODULE_DESCRIPTION("SIMD SMB signing transforms: AES-CMAC, AES-GMAC, HMAC-SHA256");
MODULE_LICENSE("GPL");
