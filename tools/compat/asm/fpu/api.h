/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a process owns its vector registers, nothing to save. */
#ifndef _SMBSIGN_COMPAT_FPU_API_H
#define _SMBSIGN_COMPAT_FPU_API_H

static inline void kernel_fpu_begin(void) { }
static inline void kernel_fpu_end(void) { }

#endif
