/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A MAC as everything above the modes sees it: the crypto API glue, the
 * load-time benchmark and self-test, sysfs, the userspace tool and the
 * tests. crypto/mac.c defines one for each mode (crypto/cmac.c, gmac.c,
 * hmac.c); their keys and states are opaque here, and flat, so that a
 * state exports by copying it.
 */
#ifndef _SMBSIGN_MAC_H
#define _SMBSIGN_MAC_H

#include <linux/types.h>
#include <smbsign/impl.h>

/* The range of fpu_bytes (the <alg>_fpu_bytes parameters, --fpu-bytes). */
#define SMBSIGN_FPU_BYTES_MIN	512
#define SMBSIGN_FPU_BYTES_MAX	1048576

/* What any MAC's state and digest fit in (checked in crypto/mac.c). */
#define SMBSIGN_MAC_MAX_STATE	128
#define SMBSIGN_MAC_MAX_DIGEST	32

/* Returned by update and finup: generic code ran in place of the key's SIMD. */
#define SMBSIGN_FELL_BACK	1

struct smbsign_mac {
	const char *name;		/* "cmac": algs, sysfs, the tool's --alg */
	/* Its implementations: those of the layer it is built on. */
	struct smbsign_impls *impls;
	/* Most bytes per SIMD section: a bound on preemption latency. */
	unsigned int fpu_bytes;
	unsigned int key_size;		/* a key: a tfm's context */
	unsigned int state_size;	/* a state: a request, an export */
	unsigned int digest_size;
	unsigned int block_size;	/* the crypto API's cra_blocksize */
	/* How many leading data bytes of each MAC are its nonce (gmac: 12). */
	unsigned int nonce_size;
	/*
	 * @key from @in_key, bound to implementation @impl (an id of
	 * @impls) until the next setkey; -EINVAL, and @key unchanged, for a
	 * key length the algorithm does not take.
	 */
	int (*setkey)(void *key, unsigned int impl, const u8 *in_key,
		      unsigned int key_len);
	/* @key is what setkey(@impl, @in_key) would make (constant time). */
	bool (*key_matches)(const void *key, unsigned int impl,
			    const u8 *in_key, unsigned int key_len);
	void (*init)(const void *key, void *state);
	/* 0, or SMBSIGN_FELL_BACK. */
	int (*update)(const void *key, void *state, const u8 *data, size_t len);
	/*
	 * Takes @data, writes the digest and wipes @state: 0 or
	 * SMBSIGN_FELL_BACK; -EINVAL (no digest) when the data held no whole
	 * nonce.
	 */
	int (*finup)(const void *key, void *state, const u8 *data, size_t len,
		     u8 *out);
	/* init and finup in one, without a state: the small-message path. */
	int (*digest)(const void *key, const u8 *data, size_t len, u8 *out);
	/* A state copied from @in, or -EINVAL if none could have been exported. */
	int (*import)(void *state, const void *in);
	/* Of @len more data bytes, how many are message, not nonce. */
	size_t (*msg_bytes)(const void *state, size_t len);
};

/*
 * A mode's operations are smbsign_<mode>_<op>(), with the signatures of
 * struct smbsign_mac's: its header declares them with
 * SMBSIGN_DECLARE_MAC_OPS(<mode>), crypto/mac.c lists them with
 * SMBSIGN_MAC_OPS(<mode>).
 */
#define SMBSIGN_DECLARE_MAC_OPS(mode)					\
	int smbsign_##mode##_setkey(void *key, unsigned int impl,	\
				    const u8 *in_key,			\
				    unsigned int key_len);		\
	bool smbsign_##mode##_key_matches(const void *key,		\
					  unsigned int impl,		\
					  const u8 *in_key,		\
					  unsigned int key_len);	\
	void smbsign_##mode##_init(const void *key, void *state);	\
	int smbsign_##mode##_update(const void *key, void *state,	\
				    const u8 *data, size_t len);	\
	int smbsign_##mode##_finup(const void *key, void *state,	\
				   const u8 *data, size_t len, u8 *out); \
	int smbsign_##mode##_digest(const void *key, const u8 *data,	\
				    size_t len, u8 *out);		\
	int smbsign_##mode##_import(void *state, const void *in)

#define SMBSIGN_MAC_OPS(mode)						\
	.setkey		= smbsign_##mode##_setkey,			\
	.key_matches	= smbsign_##mode##_key_matches,			\
	.init		= smbsign_##mode##_init,			\
	.update		= smbsign_##mode##_update,			\
	.finup		= smbsign_##mode##_finup,			\
	.digest		= smbsign_##mode##_digest,			\
	.import		= smbsign_##mode##_import

enum smbsign_mac_id {
	SMBSIGN_CMAC,
	SMBSIGN_GMAC,
	SMBSIGN_HMAC,
	SMBSIGN_NR_MACS
};

extern struct smbsign_mac smbsign_macs[SMBSIGN_NR_MACS];

/*
 * Every layer's implementation list, filtered for this CPU: the first call
 * does it, later ones keep the lists (a failed self-test may have dropped
 * an implementation since).
 */
void smbsign_macs_init(void);
/* The MAC called @name ("cmac", "gmac", "hmac"), or NULL. */
struct smbsign_mac *smbsign_mac_lookup(const char *name);

#endif /* _SMBSIGN_MAC_H */
