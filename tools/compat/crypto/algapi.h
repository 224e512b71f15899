/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: crypto_memneq(), constant time like the kernel's. */
#ifndef _SMBSIGN_COMPAT_ALGAPI_H
#define _SMBSIGN_COMPAT_ALGAPI_H

#include <linux/types.h>

static inline int crypto_memneq(const void *a, const void *b, size_t size)
{
	const volatile u8 *x = a, *y = b;
	u8 neq = 0;
	size_t i;

	for (i = 0; i < size; i++)
		neq |= x[i] ^ y[i];
	return neq != 0;
}

#endif
