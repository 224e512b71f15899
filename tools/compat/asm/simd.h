/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: may_use_simd() is answered by crypto_simd_usable(). */
