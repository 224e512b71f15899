/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What smbsign.ko's kernel-only parts share: each algorithm as the module
 * registers and tunes it. The MACs themselves are crypto/'s (struct
 * smbsign_mac); nothing under crypto/ includes this.
 * Documentation/design.rst, "Layers".
 */
#ifndef _SMBSIGN_KERNEL_INTERNAL_H
#define _SMBSIGN_KERNEL_INTERNAL_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <smbsign/mac.h>

#define SMBSIGN_CMAC_DRIVER	"cmac-aes-smbsign"
#define SMBSIGN_GMAC_DRIVER	"gmac-aes-smbsign"
#define SMBSIGN_HMAC_DRIVER	"hmac-sha256-smbsign"

/* An algorithm, indexed like smbsign_macs[] (enum smbsign_mac_id). */
struct smbsign_alg {
	enum smbsign_mac_id id;
	struct smbsign_mac *mac;
	const char *crypto_name;	/* "cmac(aes)" */
	const char *driver;
	/* The stock kernel driver has SIMD: register only where we do too. */
	bool stock_has_simd;
	/* <alg>_impl: an implementation id, or -1 for the fastest. */
	int choice;
	/* The id "fastest" stands for: set at load, then never changed. */
	unsigned int fastest;
	/* MB/s of each implementation (by id) measured at load; 0: not. */
	u32 bench_mbps[SMBSIGN_MAX_IMPLS];
};

extern struct smbsign_alg smbsign_algs[SMBSIGN_NR_MACS];

/*
 * The implementation keys set now are bound to. A switch is one store of
 * choice: a key is bound to what was read here when it was set, so
 * signers never see a half-made choice.
 */
static inline unsigned int smbsign_alg_impl(const struct smbsign_alg *alg)
{
	int i = READ_ONCE(alg->choice);

	return i < 0 ? alg->fastest : i;
}

static inline const char *smbsign_impl_name(const struct smbsign_alg *alg,
					    unsigned int id)
{
	return alg->mac->impls->table[id].name;
}

/* Module parameters (kernel/params.c). */
extern int smbsign_priority;
extern unsigned long smbsign_algs_mask;	/* bit per enum smbsign_mac_id */
extern bool smbsign_bench_on_load;
/* Whether setkey may skip a key identical to the one it holds. */
extern bool smbsign_key_cache;

/*
 * "fastest" (kernel/algs.c): the implementation with the highest load-time
 * figure, ties to the wider; never a 512-bit one when @zmm_slows (the CPU
 * lowers its clock for them); without figures, the widest allowed.
 */
unsigned int smbsign_fastest(const struct smbsign_alg *alg, bool zmm_slows);
/* Whether this CPU lowers its clock for 512-bit vectors (Skylake-X class). */
bool smbsign_zmm_slows_clock(void);
#if defined(CONFIG_X86) && !defined(CONFIG_UML)
struct cpuinfo_x86;
/* The same for the CPU @c describes: X86_FEATURE_PREFER_YMM, or the list. */
bool smbsign_zmm_slows_clock_on(const struct cpuinfo_x86 *c);
/* 6.12's list of such models (what 6.15+ sets PREFER_YMM from). */
bool smbsign_zmm_excluded_model(const struct cpuinfo_x86 *c);
#endif

/*
 * The load-time benchmark (kernel/bench.c): MB/s of each implementation of
 * @alg this CPU runs into alg->bench_mbps, over MACs of
 * SMBSIGN_BENCH_BYTES bytes.
 */
#define SMBSIGN_BENCH_BYTES	16384
int smbsign_bench(struct smbsign_alg *alg);

/*
 * The known-answer self-test (kernel/selftest.c): a bit per implementation
 * id of alg->mac this CPU runs that failed (all bits: no memory to test
 * with); sets *@nr_vectors.
 */
struct smbsign_kat {
	const u8 *key;
	unsigned int key_len;
	const u8 *data;		/* NULL: byte i is i * 29 + 7 */
	unsigned int len;	/* data bytes, gmac's nonce included */
	const u8 *tag;		/* digest_size bytes */
};

struct smbsign_kat_set {
	const struct smbsign_kat *kats;
	unsigned int nr;
};

u32 smbsign_selftest(const struct smbsign_alg *alg, unsigned int *nr_vectors);
/* The vectors of algorithm @id; a KUnit test may hand in others. */
const struct smbsign_kat_set *smbsign_selftest_vectors(enum smbsign_mac_id id);
/*
 * Acts on a self-test's result: says in dmesg which implementations passed
 * (and with how many vectors), drops those that failed from the list;
 * false when generic failed: the algorithm must not be registered.
 */
bool smbsign_selftest_apply(struct smbsign_alg *alg, u32 failed,
			    unsigned int nr_vectors);

/* The crypto API glue (kernel/shash.c): every algorithm in @mask, or none. */
int smbsign_shash_register(unsigned long mask, int priority);
void smbsign_shash_unregister(void);

/* /sys/kernel/smbsign/ (kernel/sysfs.c) */
int smbsign_sysfs_init(void);
void smbsign_sysfs_exit(void);

#endif /* _SMBSIGN_KERNEL_INTERNAL_H */
