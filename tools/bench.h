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

uint64_t floor_aes128_chain(uint64_t nblocks);
/* Dependent SHA256RNDS2, 32 per 64 bytes; @nblocks counts 16-byte blocks. */
uint64_t floor_sha256_chain(uint64_t nblocks);
void floor_add_chain(uint64_t iters);

/*
 * The kernel's per-section FPU work, which this build does not do: the
 * user's XSAVE state (components @xcr0) saved with @insn and restored, and
 * LDMXCSR. false: no XSAVEC or XSAVEOPT here.
 */
bool floor_fpu_state_init(uint64_t *xcr0, const char **insn);
void floor_fpu_state_save_restore(uint64_t iters);
void floor_ldmxcsr(uint64_t iters);

/* A measuring loop over @nblocks 16-byte blocks, and whether this CPU runs it. */
struct floor_loop {
	const char *name;
	bool (*available)(void);
	uint64_t (*run)(uint64_t nblocks);
};

/* GHASH's multiplies: 128-bit PCLMULQDQ, then 256-bit VPCLMULQDQ. */
extern const struct floor_loop floor_ghash_loops[];
extern const int floor_ghash_nr_loops;

#endif
