/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Implementations: one descriptor type for every layer that has them (AES,
 * GHASH, SHA-256, and so every MAC built on them), and the list of those
 * this CPU runs, filtered once (the pattern of OpenZFS's fletcher_4_init()).
 * Documentation/design.rst, "Implementations".
 *
 * An implementation is named by its id, its index in the layer's table:
 * entry 0 is always the generic C code, then the SIMD ones, narrowest
 * first. A key records the id it was set with.
 */
#ifndef _SMBSIGN_IMPL_H
#define _SMBSIGN_IMPL_H

#include <linux/types.h>

/* The most implementations one layer has (GHASH: 4 on x86-64). */
#define SMBSIGN_MAX_IMPLS	8

/* Entry 0 of every table: portable, constant-time C. */
#define SMBSIGN_IMPL_GENERIC	0

struct smbsign_impl {
	const char *name;
	/* Runs inside SIMD sections; where SIMD is unusable, generic runs. */
	bool simd;
	/* Works on 512-bit vectors: never "fastest" where they slow the clock. */
	bool zmm;
	/* Whether this CPU, and the register state the OS saves, run it. */
	bool (*available)(void);
};

#define SMBSIGN_GENERIC_IMPL	{ .name = "generic" }

/*
 * An architecture's entries: a SIMD implementation @id called @name, which
 * this CPU runs when @available() says so; ZMM: one on 512-bit vectors.
 */
#define SMBSIGN_SIMD_IMPL(id, impl_name, avail)				\
	[id] = { .name = impl_name, .simd = true, .available = avail }
#define SMBSIGN_ZMM_IMPL(id, impl_name, avail)				\
	[id] = { .name = impl_name, .simd = true, .zmm = true,		\
		 .available = avail }

/*
 * A layer's implementation list, struct smbsign_impls smbsign_<layer>_impls,
 * over its table smbsign_<layer>_table[]: generic, then the entries of the
 * architecture's hook header (crypto/<arch>/<layer>.h).
 */
#define SMBSIGN_DEFINE_IMPLS(layer)					\
	struct smbsign_impls smbsign_##layer##_impls = {		\
		.table	= smbsign_##layer##_table,			\
		.nr	= ARRAY_SIZE(smbsign_##layer##_table),		\
	}

struct smbsign_impls {
	const struct smbsign_impl *table;	/* indexed by id */
	unsigned int nr;
	/* The ids this CPU runs, in table order (smbsign_impls_init()). */
	u8 supp[SMBSIGN_MAX_IMPLS];
	unsigned int nr_supp;
};

/* Fills @impls->supp from the table: generic, and what this CPU runs. */
void smbsign_impls_init(struct smbsign_impls *impls);
/* Takes @id out of the supported list (a failed self-test); never generic. */
void smbsign_impls_drop(struct smbsign_impls *impls, unsigned int id);
bool smbsign_impls_supported(const struct smbsign_impls *impls,
			     unsigned int id);
/* The id of the implementation called @name, or -ENOENT. */
int smbsign_impls_lookup(const struct smbsign_impls *impls, const char *name);
/* The last supported id: the widest this CPU runs. */
unsigned int smbsign_impls_widest(const struct smbsign_impls *impls);

#endif /* _SMBSIGN_IMPL_H */
