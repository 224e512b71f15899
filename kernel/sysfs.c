// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/smbsign/<alg>/: what smbsign did and what it chose, one value
 * per file (Documentation/design.rst, "Interfaces").
 *
 *   ops, bytes, fallbacks   sums of the per-CPU counters; writing 0 resets
 *   impl                    the implementation keys set now get
 *   fastest                 the implementation "fastest" stands for
 *   bench/<impl>            MB/s measured at load (absent when not measured)
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "internal.h"
#include "stats.h"

static struct kobject *smbsign_kobj;
static struct kobject *smbsign_alg_kobj[SMBSIGN_NR_MACS];
static struct kobject *smbsign_bench_kobj[SMBSIGN_NR_MACS];

/* A bench/<impl> file: its attribute knows which implementation it shows. */
struct smbsign_bench_attr {
	struct kobj_attribute attr;
	enum smbsign_mac_id alg;
	unsigned int impl;
};

static struct smbsign_bench_attr *smbsign_bench_attrs[SMBSIGN_NR_MACS];

static int smbsign_kobj_alg(const struct kobject *kobj)
{
	int i;

	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		if (smbsign_alg_kobj[i] == kobj)
			return i;
	return -1;
}

/* ops, bytes and fallbacks: the attribute says which counter. */
struct smbsign_counter_attr {
	struct kobj_attribute attr;
	size_t offset;
};

static ssize_t smbsign_counter_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	const struct smbsign_counter_attr *c =
		container_of(attr, struct smbsign_counter_attr, attr);
	int alg = smbsign_kobj_alg(kobj);

	if (alg < 0)
		return -ENODEV;
	return sysfs_emit(buf, "%llu\n", smbsign_stats_read(alg, c->offset));
}

/* Only "0" (as echo writes it, with a newline or not): a reset. */
static ssize_t smbsign_counter_store(struct kobject *kobj,
				     struct kobj_attribute *attr,
				     const char *buf, size_t count)
{
	const struct smbsign_counter_attr *c =
		container_of(attr, struct smbsign_counter_attr, attr);
	int alg = smbsign_kobj_alg(kobj);

	if (alg < 0)
		return -ENODEV;
	if (!sysfs_streq(buf, "0"))
		return -EINVAL;
	smbsign_stats_reset(alg, c->offset);
	return count;
}

static struct smbsign_counter_attr smbsign_counter_ops = {
	.attr = __ATTR(ops, 0644, smbsign_counter_show, smbsign_counter_store),
	.offset = offsetof(struct smbsign_stats, ops),
};

static struct smbsign_counter_attr smbsign_counter_bytes = {
	.attr = __ATTR(bytes, 0644, smbsign_counter_show, smbsign_counter_store),
	.offset = offsetof(struct smbsign_stats, bytes),
};

static struct smbsign_counter_attr smbsign_counter_fallbacks = {
	.attr = __ATTR(fallbacks, 0644, smbsign_counter_show, smbsign_counter_store),
	.offset = offsetof(struct smbsign_stats, fallbacks),
};

/* impl and fastest: the attribute says which choice it shows. */
struct smbsign_choice_attr {
	struct kobj_attribute attr;
	unsigned int (*index)(const struct smbsign_alg *alg);
};

static ssize_t smbsign_choice_show(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	const struct smbsign_choice_attr *c =
		container_of(attr, struct smbsign_choice_attr, attr);
	int alg = smbsign_kobj_alg(kobj);
	const struct smbsign_alg *a;

	if (alg < 0)
		return -ENODEV;
	a = &smbsign_algs[alg];
	return sysfs_emit(buf, "%s\n", smbsign_impl_name(a, c->index(a)));
}

static unsigned int smbsign_fastest_index(const struct smbsign_alg *alg)
{
	return alg->fastest;
}

static struct smbsign_choice_attr smbsign_choice_impl = {
	.attr = __ATTR(impl, 0444, smbsign_choice_show, NULL),
	.index = smbsign_alg_impl,
};

static struct smbsign_choice_attr smbsign_choice_fastest = {
	.attr = __ATTR(fastest, 0444, smbsign_choice_show, NULL),
	.index = smbsign_fastest_index,
};

static struct attribute *smbsign_alg_attrs[] = {
	&smbsign_counter_ops.attr.attr,
	&smbsign_counter_bytes.attr.attr,
	&smbsign_counter_fallbacks.attr.attr,
	&smbsign_choice_impl.attr.attr,
	&smbsign_choice_fastest.attr.attr,
	NULL
};

static const struct attribute_group smbsign_alg_group = {
	.attrs = smbsign_alg_attrs,
};

static ssize_t smbsign_bench_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	const struct smbsign_bench_attr *b =
		container_of(attr, struct smbsign_bench_attr, attr);

	return sysfs_emit(buf, "%u\n",
			  smbsign_algs[b->alg].bench_mbps[b->impl]);
}

/* bench/<impl> for each implementation measured at load. */
static int smbsign_bench_files(enum smbsign_mac_id alg)
{
	const struct smbsign_alg *a = &smbsign_algs[alg];
	const struct smbsign_impls *impls = a->mac->impls;
	struct smbsign_bench_attr *attrs;
	unsigned int i;
	int err;

	smbsign_bench_kobj[alg] = kobject_create_and_add("bench",
							 smbsign_alg_kobj[alg]);
	if (!smbsign_bench_kobj[alg])
		return -ENOMEM;
	attrs = kcalloc(impls->nr_supp, sizeof(*attrs), GFP_KERNEL);
	if (!attrs)
		return -ENOMEM;
	smbsign_bench_attrs[alg] = attrs;
	for (i = 0; i < impls->nr_supp; i++) {
		unsigned int id = impls->supp[i];

		if (!a->bench_mbps[id])
			continue;
		sysfs_attr_init(&attrs[i].attr.attr);
		attrs[i].attr.attr.name = smbsign_impl_name(a, id);
		attrs[i].attr.attr.mode = 0444;
		attrs[i].attr.show = smbsign_bench_show;
		attrs[i].alg = alg;
		attrs[i].impl = id;
		err = sysfs_create_file(smbsign_bench_kobj[alg],
					&attrs[i].attr.attr);
		if (err)
			return err;
	}
	return 0;
}

int smbsign_sysfs_init(void)
{
	int i, err;

	smbsign_kobj = kobject_create_and_add(KBUILD_MODNAME, kernel_kobj);
	if (!smbsign_kobj)
		return -ENOMEM;
	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		smbsign_alg_kobj[i] =
			kobject_create_and_add(smbsign_macs[i].name,
					       smbsign_kobj);
		if (!smbsign_alg_kobj[i]) {
			err = -ENOMEM;
			goto fail;
		}
		err = sysfs_create_group(smbsign_alg_kobj[i],
					 &smbsign_alg_group);
		if (err)
			goto fail;
		err = smbsign_bench_files(i);
		if (err)
			goto fail;
	}
	return 0;
fail:
	smbsign_sysfs_exit();
	return err;
}

/* Removes the files; when it returns, no reader is still inside one. */
void smbsign_sysfs_exit(void)
{
	int i;

	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		kobject_put(smbsign_bench_kobj[i]);
		smbsign_bench_kobj[i] = NULL;
		kfree(smbsign_bench_attrs[i]);
		smbsign_bench_attrs[i] = NULL;
		kobject_put(smbsign_alg_kobj[i]);
		smbsign_alg_kobj[i] = NULL;
	}
	kobject_put(smbsign_kobj);
	smbsign_kobj = NULL;
}
