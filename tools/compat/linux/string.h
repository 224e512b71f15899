/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/string.h> and the crypto helpers beside it. */
#ifndef _SMBSIGN_COMPAT_STRING_H
#define _SMBSIGN_COMPAT_STRING_H

#include <string.h>
#include <linux/types.h>

/* A compiler barrier keeps the clearing store from being optimized away. */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}

#endif
