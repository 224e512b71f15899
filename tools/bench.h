/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SMBSIGN_TOOLS_BENCH_H
#define _SMBSIGN_TOOLS_BENCH_H

#include <stdbool.h>
#include <stdint.h>

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
