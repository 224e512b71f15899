// SPDX-License-Identifier: GPL-2.0
/*
 * smbsign's per-algorithm counters: one copy per CPU, written only by its
 * own CPU (kernel/stats.h), summed when read.
 *
 * A reset does not touch the per-CPU counters: it records the current
 * sums, and reads subtract them. So a reset racing with signers loses no
 * count and tears no value.
 */

#include <linux/mutex.h>
#include "stats.h"

struct smbsign_stats __percpu *smbsign_stats[SMBSIGN_NR_MACS];

/* The sums at the last reset, per algorithm and counter. */
static struct smbsign_stats smbsign_stats_base[SMBSIGN_NR_MACS];
static DEFINE_MUTEX(smbsign_stats_lock);

int smbsign_stats_alloc(void)
{
	int i;

	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		smbsign_stats[i] = alloc_percpu(struct smbsign_stats);
		if (!smbsign_stats[i]) {
			smbsign_stats_free();
			return -ENOMEM;
		}
	}
	return 0;
}

void smbsign_stats_free(void)
{
	int i;

	for (i = 0; i < SMBSIGN_NR_MACS; i++) {
		free_percpu(smbsign_stats[i]);
		smbsign_stats[i] = NULL;
	}
}

/* The sum over all CPUs of the counter at @offset in struct smbsign_stats. */
static u64 smbsign_stats_sum(enum smbsign_mac_id alg, size_t offset)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		const void *s = per_cpu_ptr(smbsign_stats[alg], cpu);

		sum += READ_ONCE(*(const u64 *)(s + offset));
	}
	return sum;
}

void smbsign_stats_reset(enum smbsign_mac_id alg, size_t offset)
{
	void *base = &smbsign_stats_base[alg];

	mutex_lock(&smbsign_stats_lock);
	*(u64 *)(base + offset) = smbsign_stats_sum(alg, offset);
	mutex_unlock(&smbsign_stats_lock);
}

void smbsign_stats_reset_all(void)
{
	static const size_t fields[] = {
		offsetof(struct smbsign_stats, ops),
		offsetof(struct smbsign_stats, bytes),
		offsetof(struct smbsign_stats, fallbacks),
	};
	int i, f;

	for (i = 0; i < SMBSIGN_NR_MACS; i++)
		for (f = 0; f < ARRAY_SIZE(fields); f++)
			smbsign_stats_reset(i, fields[f]);
}

u64 smbsign_stats_read(enum smbsign_mac_id alg, size_t offset)
{
	const void *base = &smbsign_stats_base[alg];
	u64 v;

	mutex_lock(&smbsign_stats_lock);
	v = smbsign_stats_sum(alg, offset) - *(const u64 *)(base + offset);
	mutex_unlock(&smbsign_stats_lock);
	return v;
}
