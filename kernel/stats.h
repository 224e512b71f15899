/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smbsign's per-algorithm counters (/sys/kernel/smbsign/<alg>/ops, bytes,
 * fallbacks), counted by the crypto API glue. Each CPU adds to its own
 * copy, so signing threads never write a shared cache line; readers sum.
 */
#ifndef _SMBSIGN_STATS_H
#define _SMBSIGN_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>
#include <smbsign/mac.h>

struct smbsign_stats {
	u64 ops;	/* MACs produced */
	u64 bytes;	/* message bytes MACed (gmac: the nonce excluded) */
	u64 fallbacks;	/* calls that ran generic because SIMD was unusable */
};

extern struct smbsign_stats __percpu *smbsign_stats[SMBSIGN_NR_MACS];

/*
 * One call into a driver: @ops MACs finished, @bytes of message taken;
 * @fell_back: the core ran generic code in place of the key's SIMD
 * implementation (it said so: SMBSIGN_FELL_BACK). @s: the algorithm's
 * counters, smbsign_stats[alg].
 */
static inline void smbsign_count(struct smbsign_stats __percpu *s,
				 unsigned int ops, u64 bytes, bool fell_back)
{
	if (ops)
		this_cpu_add(s->ops, ops);
	this_cpu_add(s->bytes, bytes);
	if (unlikely(fell_back))
		this_cpu_inc(s->fallbacks);
}

int smbsign_stats_alloc(void);
void smbsign_stats_free(void);
/*
 * A counter's value since its last reset; @offset: offsetof() the field in
 * struct smbsign_stats. Resets set it back to zero.
 */
u64 smbsign_stats_read(enum smbsign_mac_id alg, size_t offset);
void smbsign_stats_reset(enum smbsign_mac_id alg, size_t offset);
/* Every counter (the self-tests at load are not counted). */
void smbsign_stats_reset_all(void);

#endif /* _SMBSIGN_STATS_H */
