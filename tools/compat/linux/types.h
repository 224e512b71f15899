/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for the few kernel headers smbsign's crypto/ cores
 * include, so that the very same .c and .S files build into the `smbsign`
 * tool and the userspace tests. Nothing here implements an algorithm.
 */
#ifndef _SMBSIGN_COMPAT_TYPES_H
#define _SMBSIGN_COMPAT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef uint32_t __be32;
typedef uint64_t __be64;

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define __aligned(n)		__attribute__((aligned(n)))
/* The kernel's opt-out of zeroing stack variables (INIT_STACK_ALL_ZERO). */
#define __uninitialized
#define noinline		__attribute__((noinline))
#define __maybe_unused		__attribute__((unused))
#ifndef __always_inline	/* glibc's <sys/cdefs.h> has one */
#define __always_inline		inline __attribute__((always_inline))
#endif
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#endif
