/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SMBSIGN_TOOLS_BENCH_H
#define _SMBSIGN_TOOLS_BENCH_H

#include <stdint.h>

uint64_t floor_aes128_chain(uint64_t nblocks);
void floor_add_chain(uint64_t iters);

#endif
