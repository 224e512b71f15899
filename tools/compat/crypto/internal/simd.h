/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: SIMD is always usable, except when a test turns it off
 * to drive the path the kernel takes when crypto_simd_usable() is false.
 */
#ifndef _SMBSIGN_COMPAT_SIMD_H
#define _SMBSIGN_COMPAT_SIMD_H

#include <linux/types.h>

extern bool smbsign_compat_simd_disabled;

static inline bool crypto_simd_usable(void)
{
	return !smbsign_compat_simd_disabled;
}

#endif
