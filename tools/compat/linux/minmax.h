/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/minmax.h>: min_t() is in the types header. */
#ifndef _SMBSIGN_COMPAT_MINMAX_H
#define _SMBSIGN_COMPAT_MINMAX_H

#include <linux/types.h>

#endif
