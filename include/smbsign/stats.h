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
#include <smbsign/internal.h>
/* crypto_simd_usable(); <asm/simd.h> has no include guard on 6.1. */
#include <smbsign/simd.h>

struct smbsign_stats {
	u64 ops;	/* MACs produced */
	u64 bytes;	/* message bytes MACed (gmac: the nonce excluded) */
	u64 fallbacks;	/* calls that ran generic because SIMD was unusable */
};

extern struct smbsign_stats __percpu *smbsign_stats[SMBSIGN_NR_ALGS];

/*
 * One call into a driver: @ops MACs finished, @bytes of message taken.
 * @simd_impl: the key's implementation needs SIMD, so a call made where
 * SIMD is unusable ran the generic code instead (the same test the cores
 * make, in the same context, so the two cannot disagree).
 */
static inline void smbsign_count(enum smbsign_alg_id alg, unsigned int ops,
				 u64 bytes, bool simd_impl)
{
	struct smbsign_stats __percpu *s = smbsign_stats[alg];

	if (ops)
		this_cpu_add(s->ops, ops);
	if (bytes)
		this_cpu_add(s->bytes, bytes);
	if (simd_impl && !crypto_simd_usable())
		this_cpu_inc(s->fallbacks);
}

int smbsign_stats_alloc(void);
void smbsign_stats_free(void);
/*
 * A counter's value since its last reset; @offset: offsetof() the field in
 * struct smbsign_stats. Resets set it back to zero.
 */
u64 smbsign_stats_read(enum smbsign_alg_id alg, size_t offset);
void smbsign_stats_reset(enum smbsign_alg_id alg, size_t offset);
/* Every counter (the self-tests at load are not counted). */
void smbsign_stats_reset_all(void);

#endif /* _SMBSIGN_STATS_H */
