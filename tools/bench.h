/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SMBSIGN_TOOLS_BENCH_H
#define _SMBSIGN_TOOLS_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <smbsign/impl.h>

/* Cases one table times together: implementations, openssl and floor. */
#define MAX_CASES	(SMBSIGN_MAX_IMPLS + 2)

struct bench_alg;

struct bench_case {
	/* Processes @size bytes @n times. */
	void (*run)(struct bench_case *bc, uint64_t n);
	const struct bench_alg *alg;
	size_t size;
	const uint8_t *buf;
	void *key;		/* a key of alg's MAC */
	unsigned int impl;	/* for setkey */
	void *ossl;		/* alg's OpenSSL context */
	uint64_t (*floor)(uint64_t nblocks);
	/*
	 * bench --per-message: @size is 1 (rates are messages per second),
	 * @buf the 64-byte header then @payload bytes, @key the key a sender
	 * keeps, @session_key the 16 bytes it is set with.
	 */
	size_t payload;
	const uint8_t *session_key;
	void *priv;		/* what a run of bench --smb needs */
};

uint64_t bench_now_ns(void);
int bench_cmp_double(const void *a, const void *b);
/*
 * The median bytes per second of each of @ncases cases over @reps rounds
 * (at most 63), the cases taking turns within a round.
 */
void bench_measure_all(struct bench_case *bc, int ncases, int reps,
		       double *median);
/* The core clock, from a chain of dependent 1-cycle adds. */
double bench_core_hz(int reps);
void bench_cpu_name(char *name, size_t len);
/* bench --smb (tools/bench_smb.c). */
void bench_smb(const char *alg_name, const char *impl_name, int reps, int csv);

/*
 * The floors, per architecture (tools/bench_floor_x86.c, _arm64.c): what
 * their instructions are called here, for the tables and for the message
 * on a CPU without them.
 */
struct floor_names {
	const char *aes_impl;	/* the AES implementation the chain floors */
	const char *aes_cpu;	/* "an x86-64 CPU with AES-NI" */
	const char *ghash_cpu;
	const char *sha_impl;
	const char *sha_cpu;
	const char *sha_what;	/* the SHA-256 floor's loop */
};
extern const struct floor_names floor_names;

/* Dependent AES-128 rounds, ten per 16-byte block. */
uint64_t floor_aes128_chain(uint64_t nblocks);
/* Dependent SHA-256 rounds, 64 per 64 bytes; @nblocks counts 16-byte blocks. */
uint64_t floor_sha256_chain(uint64_t nblocks);
void floor_add_chain(uint64_t iters);

/*
 * The kernel's per-section work, which this build does not do: saving and
 * restoring the user's vector state, described in @what; false where it
 * cannot be timed.
 */
bool floor_fpu_state_init(const char **what);
void floor_fpu_state_save_restore(uint64_t iters);

/* A measuring loop over @nblocks 16-byte blocks, and whether this CPU runs it. */
struct floor_loop {
	const char *name;
	bool (*available)(void);
	uint64_t (*run)(uint64_t nblocks);
};

/* GHASH's multiplies: x86 128-bit PCLMULQDQ, then 256-bit VPCLMULQDQ; arm64 PMULL. */
extern const struct floor_loop floor_ghash_loops[];
extern const int floor_ghash_nr_loops;
/*
 * What every SIMD section does besides saving state, run @nblocks times
 * (x86: LDMXCSR); no name where a section does nothing more.
 */
extern const struct floor_loop floor_section_fixed;

#endif
