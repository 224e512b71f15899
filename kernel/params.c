// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign's module parameters (/sys/module/smbsign/parameters/): what is
 * chosen at load (priority, algs, bench_on_load) and what may be tuned at
 * any time (key_cache, <alg>_impl, <alg>_fpu_bytes). A write that is not
 * exactly valid fails with EINVAL and changes nothing.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "internal.h"

int smbsign_priority = 500;
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

/*
 * bench_on_load: time every implementation at load and let "fastest" mean
 * the winner. Off, "fastest" is the widest implementation the CPU runs.
 */
bool smbsign_bench_on_load = true;
module_param_named(bench_on_load, smbsign_bench_on_load, bool, 0444);
MODULE_PARM_DESC(bench_on_load,
		 "time each implementation at load (a few ms) and make the winner 'fastest' (default on)");

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
	int id;

	if (smbsign_param_word(val, name, sizeof(name)))
		return -EINVAL;
	if (!strcmp(name, "fastest")) {
		WRITE_ONCE(alg->choice, -1);
		return 0;
	}
	/* Set at load (insmod cmac_impl=...), before smbsign_init() ran. */
	smbsign_macs_init();
	id = smbsign_impls_lookup(alg->mac->impls, name);
	if (id < 0 || !smbsign_impls_supported(alg->mac->impls, id))
		return -EINVAL;
	WRITE_ONCE(alg->choice, id);
	return 0;
}

/* "[fastest] generic aesni": what this CPU runs, the choice in brackets. */
static int smbsign_impl_get(char *buf, const struct kernel_param *kp)
{
	const struct smbsign_alg *alg = kp->arg;
	const struct smbsign_impls *impls = alg->mac->impls;
	int choice = READ_ONCE(alg->choice);
	unsigned int i;
	int n;

	n = scnprintf(buf, PAGE_SIZE, choice < 0 ? "[fastest]" : "fastest");
	for (i = 0; i < impls->nr_supp; i++)
		n += scnprintf(buf + n, PAGE_SIZE - n,
			       choice == impls->supp[i] ? " [%s]" : " %s",
			       impls->table[impls->supp[i]].name);
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops smbsign_impl_ops = {
	.set = smbsign_impl_set,
	.get = smbsign_impl_get,
};
module_param_cb(cmac_impl, &smbsign_impl_ops, &smbsign_algs[SMBSIGN_CMAC],
		0644);
MODULE_PARM_DESC(cmac_impl,
		 "AES-CMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(gmac_impl, &smbsign_impl_ops, &smbsign_algs[SMBSIGN_GMAC],
		0644);
MODULE_PARM_DESC(gmac_impl,
		 "AES-GMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(hmac_impl, &smbsign_impl_ops, &smbsign_algs[SMBSIGN_HMAC],
		0644);
MODULE_PARM_DESC(hmac_impl,
		 "HMAC-SHA256 implementation for keys set from now on: fastest or a listed name");

/* Each algorithm's section bound, struct smbsign_mac's fpu_bytes. */
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
		&smbsign_macs[SMBSIGN_CMAC].fpu_bytes, 0644);
MODULE_PARM_DESC(cmac_fpu_bytes,
		 "most AES-CMAC bytes per SIMD section, 512..1048576 (preemption latency)");
module_param_cb(gmac_fpu_bytes, &smbsign_fpu_bytes_ops,
		&smbsign_macs[SMBSIGN_GMAC].fpu_bytes, 0644);
MODULE_PARM_DESC(gmac_fpu_bytes,
		 "most AES-GMAC bytes per SIMD section, 512..1048576 (preemption latency)");
module_param_cb(hmac_fpu_bytes, &smbsign_fpu_bytes_ops,
		&smbsign_macs[SMBSIGN_HMAC].fpu_bytes, 0644);
MODULE_PARM_DESC(hmac_fpu_bytes,
		 "most HMAC-SHA256 bytes per SIMD section, 512..1048576 (preemption latency)");

/*
 * algs: which algorithms to register, a comma-separated list, checked when
 * the module is loaded (a misspelt name fails the load instead of silently
 * registering something else). Each algorithm has a bit in the mask.
 */
#ifdef CONFIG_ARM64
/*
 * arm64's stock cmac(aes) and hmac(sha256) already run on the Crypto
 * Extensions, one NEON section per update, and no arm64 machine here could
 * show smbsign's to be faster: by default only gmac, which no arm64 kernel
 * registers (Documentation/design.rst, "arm64").
 */
unsigned long smbsign_algs_mask = BIT(SMBSIGN_GMAC);
#else
unsigned long smbsign_algs_mask = BIT(SMBSIGN_NR_MACS) - 1;
#endif

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

		for (i = 0; i < SMBSIGN_NR_MACS; i++) {
			if (strlen(smbsign_macs[i].name) == comma - p &&
			    !memcmp(smbsign_macs[i].name, p, comma - p))
				break;
		}
		if (i == SMBSIGN_NR_MACS) {
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

	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		if (mask & BIT(i))
			n += scnprintf(buf + n, PAGE_SIZE - n, "%s%s",
				       n ? "," : "", smbsign_macs[i].name);
	}
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops smbsign_algs_ops = {
	.set = smbsign_algs_set,
	.get = smbsign_algs_get,
};
module_param_cb(algs, &smbsign_algs_ops, &smbsign_algs_mask, 0444);
MODULE_PARM_DESC(algs,
		 "algorithms to register, comma-separated: cmac, gmac, hmac (default: all; arm64: gmac)");
