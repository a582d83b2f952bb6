/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Fixed-width types for the model core, from the kernel when built as part
 * of a module and from the C library when built for host unit tests. This
 * is the only place the core depends on its environment.
 */
#ifndef MM_TYPES_H
#define MM_TYPES_H

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/types.h>
#else
#include <assert.h>	/* static_assert */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#endif

#endif /* MM_TYPES_H */
