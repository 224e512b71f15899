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
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <smbsign/internal.h>
#include <smbsign/simd.h>

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

/*
 * An implementation parameter (cmac_impl, gmac_impl, hmac_impl): which table entry
 * keys set from now on get. Each algorithm has its own implementation type,
 * so the parameter code sees a table through one accessor.
 */
struct smbsign_impl_param {
	const unsigned int *nr;
	/* Entry @i's name, or NULL when this CPU cannot run it. */
	const char *(*runnable_name)(unsigned int i);
	int choice;	/* an index, or -1: the fastest */
};

static const char *smbsign_cmac_impl_name(unsigned int i)
{
	const struct smbsign_cmac_impl *impl = smbsign_cmac_impls[i];

	return impl->available() ? impl->name : NULL;
}

static const char *smbsign_gmac_impl_name(unsigned int i)
{
	const struct smbsign_gmac_impl *impl = smbsign_gmac_impls[i];

	return impl->available() ? impl->name : NULL;
}

static const char *smbsign_hmac_impl_name(unsigned int i)
{
	const struct smbsign_hmac_impl *impl = smbsign_hmac_impls[i];

	return impl->available() ? impl->name : NULL;
}

static struct smbsign_impl_param smbsign_cmac_param = {
	.nr = &smbsign_cmac_nr_impls,
	.runnable_name = smbsign_cmac_impl_name,
	.choice = -1,
};

static struct smbsign_impl_param smbsign_gmac_param = {
	.nr = &smbsign_gmac_nr_impls,
	.runnable_name = smbsign_gmac_impl_name,
	.choice = -1,
};

static struct smbsign_impl_param smbsign_hmac_param = {
	.nr = &smbsign_hmac_nr_impls,
	.runnable_name = smbsign_hmac_impl_name,
	.choice = -1,
};

static const struct smbsign_cmac_impl *smbsign_cmac_fastest;
static const struct smbsign_gmac_impl *smbsign_gmac_fastest;
static const struct smbsign_hmac_impl *smbsign_hmac_fastest;

const struct smbsign_cmac_impl *smbsign_cmac_active(void)
{
	int i = READ_ONCE(smbsign_cmac_param.choice);

	return i < 0 ? smbsign_cmac_fastest : smbsign_cmac_impls[i];
}

const struct smbsign_gmac_impl *smbsign_gmac_active(void)
{
	int i = READ_ONCE(smbsign_gmac_param.choice);

	return i < 0 ? smbsign_gmac_fastest : smbsign_gmac_impls[i];
}

const struct smbsign_hmac_impl *smbsign_hmac_active(void)
{
	int i = READ_ONCE(smbsign_hmac_param.choice);

	return i < 0 ? smbsign_hmac_fastest : smbsign_hmac_impls[i];
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
	struct smbsign_impl_param *param = kp->arg;
	char name[32];
	unsigned int i;

	if (smbsign_param_word(val, name, sizeof(name)))
		return -EINVAL;
	if (!strcmp(name, "fastest")) {
		WRITE_ONCE(param->choice, -1);
		return 0;
	}
	for (i = 0; i < *param->nr; i++) {
		const char *impl = param->runnable_name(i);

		if (impl && !strcmp(impl, name)) {
			WRITE_ONCE(param->choice, i);
			return 0;
		}
	}
	return -EINVAL;
}

/* "[fastest] generic aesni": what this CPU runs, the choice in brackets. */
static int smbsign_impl_get(char *buf, const struct kernel_param *kp)
{
	const struct smbsign_impl_param *param = kp->arg;
	int choice = READ_ONCE(param->choice);
	unsigned int i;
	int n;

	n = scnprintf(buf, PAGE_SIZE, choice < 0 ? "[fastest]" : "fastest");
	for (i = 0; i < *param->nr; i++) {
		const char *impl = param->runnable_name(i);

		if (impl)
			n += scnprintf(buf + n, PAGE_SIZE - n,
				       choice == i ? " [%s]" : " %s", impl);
	}
	n += scnprintf(buf + n, PAGE_SIZE - n, "\n");
	return n;
}

static const struct kernel_param_ops smbsign_impl_ops = {
	.set = smbsign_impl_set,
	.get = smbsign_impl_get,
};
module_param_cb(cmac_impl, &smbsign_impl_ops, &smbsign_cmac_param, 0644);
MODULE_PARM_DESC(cmac_impl,
		 "AES-CMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(gmac_impl, &smbsign_impl_ops, &smbsign_gmac_param, 0644);
MODULE_PARM_DESC(gmac_impl,
		 "AES-GMAC implementation for keys set from now on: fastest or a listed name");
module_param_cb(hmac_impl, &smbsign_impl_ops, &smbsign_hmac_param, 0644);
MODULE_PARM_DESC(hmac_impl,
		 "HMAC-SHA256 implementation for keys set from now on: fastest or a listed name");

static int smbsign_fpu_bytes_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < SMBSIGN_FPU_BYTES_MIN ||
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
static const char *const smbsign_alg_names[] = {
	[SMBSIGN_ALG_CMAC] = "cmac",
	[SMBSIGN_ALG_GMAC] = "gmac",
	[SMBSIGN_ALG_HMAC] = "hmac",
};

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
			if (strlen(smbsign_alg_names[i]) == comma - p &&
			    !memcmp(smbsign_alg_names[i], p, comma - p))
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
				       n ? "," : "", smbsign_alg_names[i]);
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
 * Registration, one entry per algorithm. An algorithm whose stock kernel
 * driver has SIMD (cmac(aes), hmac(sha256)) is registered only where
 * smbsign has a SIMD implementation for this CPU: elsewhere the stock
 * driver is no slower and stays in charge. gmac(aes) has no stock driver
 * and is registered everywhere.
 */
struct smbsign_alg_reg {
	const char *name;
	const char *driver;
	int (*reg)(int priority);
	void (*unreg)(void);
	bool stock_has_simd;
	bool (*fastest_simd)(void);
	const char *(*fastest_name)(void);
	bool registered;
};

static bool smbsign_cmac_fastest_simd(void)
{
	return smbsign_cmac_fastest->simd;
}

static const char *smbsign_cmac_fastest_name(void)
{
	return smbsign_cmac_fastest->name;
}

static bool smbsign_gmac_fastest_simd(void)
{
	return smbsign_gmac_fastest->simd;
}

static const char *smbsign_gmac_fastest_name(void)
{
	return smbsign_gmac_fastest->name;
}

static bool smbsign_hmac_fastest_simd(void)
{
	return smbsign_hmac_fastest->simd;
}

static const char *smbsign_hmac_fastest_name(void)
{
	return smbsign_hmac_fastest->name;
}

static struct smbsign_alg_reg smbsign_regs[SMBSIGN_NR_ALGS] = {
	[SMBSIGN_ALG_CMAC] = {
		.name = "cmac(aes)", .driver = SMBSIGN_CMAC_DRIVER,
		.reg = smbsign_cmac_register, .unreg = smbsign_cmac_unregister,
		.stock_has_simd = true,
		.fastest_simd = smbsign_cmac_fastest_simd,
		.fastest_name = smbsign_cmac_fastest_name,
	},
	[SMBSIGN_ALG_GMAC] = {
		.name = "gmac(aes)", .driver = SMBSIGN_GMAC_DRIVER,
		.reg = smbsign_gmac_register, .unreg = smbsign_gmac_unregister,
		.stock_has_simd = false,
		.fastest_simd = smbsign_gmac_fastest_simd,
		.fastest_name = smbsign_gmac_fastest_name,
	},
	[SMBSIGN_ALG_HMAC] = {
		.name = "hmac(sha256)", .driver = SMBSIGN_HMAC_DRIVER,
		.reg = smbsign_hmac_register, .unreg = smbsign_hmac_unregister,
		.stock_has_simd = true,
		.fastest_simd = smbsign_hmac_fastest_simd,
		.fastest_name = smbsign_hmac_fastest_name,
	},
};

static int __init smbsign_alg_start(struct smbsign_alg_reg *r)
{
	int err;

	if (r->stock_has_simd && !r->fastest_simd()) {
		pr_info("%s not registered: no SIMD implementation for this CPU, the stock driver is as fast\n",
			r->name);
		return 0;
	}
	err = r->reg(smbsign_priority);
	if (err) {
		pr_err("registering %s failed: %d\n", r->name, err);
		return err;
	}
	r->registered = true;
	pr_info("%s registered as %s (%s), priority %d\n", r->name,
		r->driver, r->fastest_name(), smbsign_priority);
	return 0;
}

static void smbsign_unregister_all(void)
{
	int i;

	for (i = SMBSIGN_NR_ALGS - 1; i >= 0; i--) {
		if (smbsign_regs[i].registered)
			smbsign_regs[i].unreg();
		smbsign_regs[i].registered = false;
	}
}

static int __init smbsign_init(void)
{
	int i, err = 0;

	/* The impl parameters read them even when nothing is registered. */
	smbsign_cmac_fastest = smbsign_cmac_best_impl();
	smbsign_gmac_fastest = smbsign_gmac_best_impl();
	smbsign_hmac_fastest = smbsign_hmac_best_impl();

	if (fips_enabled) {
		pr_info("fips=1: registering nothing, smbsign is not a FIPS 140 validated module\n");
		return 0;
	}
	if (smbsign_priority < 0) {
		pr_err("priority=%d: must be 0 or more\n", smbsign_priority);
		return -EINVAL;
	}

	for (i = 0; i < SMBSIGN_NR_ALGS && !err; i++) {
		if (smbsign_algs & BIT(i))
			err = smbsign_alg_start(&smbsign_regs[i]);
		else
			pr_info("%s not registered: not in algs\n",
				smbsign_regs[i].name);
	}
	/* All or nothing: a failed load leaves no driver behind. */
	if (err)
		smbsign_unregister_all();
	return err;
}

static void __exit smbsign_exit(void)
{
	smbsign_unregister_all();
}

module_init(smbsign_init);
module_exit(smbsign_exit);

MODULE_DESCRIPTION("SIMD SMB signing transforms: AES-CMAC, AES-GMAC, HMAC-SHA256");
MODULE_LICENSE("GPL");
