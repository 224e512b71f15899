/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module's parts share inside smbsign.ko: the parameters that the
 * crypto API glue reads, and each algorithm's registration.
 */
#ifndef _SMBSIGN_INTERNAL_H
#define _SMBSIGN_INTERNAL_H

#include <linux/types.h>
#include <smbsign/cmac.h>
#include <smbsign/gmac.h>
#include <smbsign/hmac.h>

#define SMBSIGN_CMAC_DRIVER	"cmac-aes-smbsign"
#define SMBSIGN_GMAC_DRIVER	"gmac-aes-smbsign"
#define SMBSIGN_HMAC_DRIVER	"hmac-sha256-smbsign"

/* The algorithms the algs parameter names, one bit each. */
enum smbsign_alg_id {
	SMBSIGN_ALG_CMAC,
	SMBSIGN_ALG_GMAC,
	SMBSIGN_ALG_HMAC,
	SMBSIGN_NR_ALGS
};

/* The most implementations one algorithm has (gmac: 4 on x86-64). */
#define SMBSIGN_MAX_IMPLS	8

/* One entry of an algorithm's implementation table, as the module sees it. */
struct smbsign_impl_info {
	const char *name;
	bool simd;	/* needs kernel_fpu_begin/end */
	bool runs;	/* this CPU (and the OS's saved state) can run it */
};

/*
 * An algorithm as the module's generic parts (the <alg>_impl parameters,
 * the load-time benchmark, /sys/kernel/smbsign/<alg>/) see it; each
 * algorithm's typed implementation table stays in its own files.
 */
struct smbsign_alg {
	const char *name;		/* "cmac": in algs and in sysfs */
	const char *crypto_name;	/* "cmac(aes)" */
	const char *driver;
	const unsigned int *nr_impls;
	struct smbsign_impl_info (*impl)(unsigned int i);
	int (*reg)(int priority);
	void (*unreg)(void);
	/* The stock kernel driver has SIMD: register only where we do too. */
	bool stock_has_simd;
	/* <alg>_impl: a table index, or -1 for the fastest. */
	int choice;
	/* The index "fastest" stands for: set at load, then never changed. */
	unsigned int fastest;
	/* MB/s of each implementation measured at load; 0: not measured. */
	u32 bench_mbps[SMBSIGN_MAX_IMPLS];
	bool registered;
};

extern struct smbsign_alg smbsign_alg_table[SMBSIGN_NR_ALGS];

/* The table index of the implementation that keys set now get. */
unsigned int smbsign_impl_index(const struct smbsign_alg *alg);

/*
 * The load-time benchmark: MB/s of each implementation of @alg that this
 * CPU runs (others 0), over MACs of SMBSIGN_BENCH_BYTES bytes.
 */
#define SMBSIGN_BENCH_BYTES	16384
int smbsign_bench(enum smbsign_alg_id alg, u32 mbps[SMBSIGN_MAX_IMPLS]);

/* /sys/kernel/smbsign/ */
int smbsign_sysfs_init(void);
void smbsign_sysfs_exit(void);

/* key_cache: whether setkey may skip a key identical to the one it holds. */
extern bool smbsign_key_cache;

/* The implementations that keys set now are bound to (<alg>_impl). */
const struct smbsign_cmac_impl *smbsign_cmac_active(void);
const struct smbsign_gmac_impl *smbsign_gmac_active(void);
const struct smbsign_hmac_impl *smbsign_hmac_active(void);

int smbsign_cmac_register(int priority);
void smbsign_cmac_unregister(void);
int smbsign_gmac_register(int priority);
void smbsign_gmac_unregister(void);
int smbsign_hmac_register(int priority);
void smbsign_hmac_unregister(void);

#endif /* _SMBSIGN_INTERNAL_H */
