/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the kernel's error codes are the UAPI ones. */
#include_next <linux/errno.h>
