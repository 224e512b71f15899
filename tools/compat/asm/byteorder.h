/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel's <asm/byteorder.h>. */
#ifndef _SMBSIGN_COMPAT_BYTEORDER_H
#define _SMBSIGN_COMPAT_BYTEORDER_H

#include <endian.h>
#include <linux/types.h>

#define cpu_to_be32(x)	((__be32)htobe32(x))
#define cpu_to_be64(x)	((__be64)htobe64(x))

#endif
