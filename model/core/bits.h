/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Bit and field helpers for the model core.
 *
 * The core cannot include <linux/bits.h> or <linux/bitfield.h> (it is also
 * built for host userspace), so it carries its own small equivalents with an
 * MM_ prefix. They only work on 64-bit values and compile-time masks.
 */
#ifndef MM_BITS_H
#define MM_BITS_H

#include "mm_types.h"

#define MM_BIT(n)		(1ull << (n))
#define MM_GENMASK(h, l)	((~0ull >> (63 - (h))) & (~0ull << (l)))

/* Position of the lowest set bit of a non-zero mask. */
#define MM_MASK_SHIFT(mask)	__builtin_ctzll(mask)

/* Extract the field @mask from @val. */
#define MM_FIELD_GET(mask, val)	\
	((u64)(((u64)(val) & (mask)) >> MM_MASK_SHIFT(mask)))

/* Place @val into the field @mask. */
#define MM_FIELD_PREP(mask, val)	\
	((((u64)(val)) << MM_MASK_SHIFT(mask)) & (mask))

/* Low and high 32-bit halves of a 64-bit value. */
#define MM_LO32(v)		((u32)((u64)(v) & 0xffffffffu))
#define MM_HI32(v)		((u32)((u64)(v) >> 32))

#define MM_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define MM_MIN(a, b)		((a) < (b) ? (a) : (b))
#define MM_MAX(a, b)		((a) > (b) ? (a) : (b))

/*
 * The kernel's attribute shorthands, for the userspace build (a kernel
 * build gets them from <linux/compiler_attributes.h>).
 */
#ifndef __maybe_unused
#define __maybe_unused		__attribute__((__unused__))
#endif
#ifndef __printf
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#endif

#define mm_memset(p, c, n)	__builtin_memset((p), (c), (n))
#define mm_memcpy(d, s, n)	__builtin_memcpy((d), (s), (n))

/* Replace the low or high half of @v64 by @v32. */
static inline u64 mm_set_half(u64 v64, bool hi, u32 v32)
{
	if (hi)
		return (v64 & 0xffffffffull) | ((u64)v32 << 32);
	return (v64 & ~0xffffffffull) | v32;
}

/* The low or high half of @v64. */
static inline u32 mm_get_half(u64 v64, bool hi)
{
	return hi ? MM_HI32(v64) : MM_LO32(v64);
}

#endif /* MM_BITS_H */
