/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Diagnostics of the model: formatted lines sent to the host's log callback.
 *
 * The core has no libc, so it carries a small printf subset: %s %c %d %u
 * %x %X with an optional '0' flag, a width and the l/ll length modifiers.
 * Pass 64-bit values through MM_ULL() so that the format checker agrees on
 * both the kernel and the userspace type of u64.
 */
#ifndef MM_LOG_H
#define MM_LOG_H

#include "bits.h"

struct mm_gpu;

#define MM_ULL(v)		((unsigned long long)(v))

/* Keys for mm_log_once(): a kind in the top byte, a detail below. */
#define MM_LOGK_UNKNOWN_READ	0x01000000u
#define MM_LOGK_UNKNOWN_WRITE	0x02000000u
#define MM_LOGK_RO_WRITE	0x03000000u
#define MM_LOGK_WO_READ		0x04000000u
#define MM_LOGK_MISC		0x05000000u

/* Distinct keys remembered by mm_log_once() before it goes quiet. */
#define MM_LOG_ONCE_SLOTS	64

/**
 * struct mm_log_state - what mm_log_once() has already reported.
 * @keys: keys logged so far.
 * @nkeys: number of valid entries in @keys.
 * @quiet: the table overflowed and that fact was reported.
 */
struct mm_log_state {
	u32 keys[MM_LOG_ONCE_SLOTS];
	u32 nkeys;
	bool quiet;
};

/* Format a line and hand it to the host. */
void mm_log(struct mm_gpu *gpu, const char *fmt, ...)
	__printf(2, 3);

/* As mm_log(), but only the first time @key is seen. */
void mm_log_once(struct mm_gpu *gpu, u32 key, const char *fmt, ...)
	__printf(3, 4);

/*
 * Format into @buf (always NUL-terminated, truncated to @size). Returns the
 * number of characters stored, without the NUL.
 */
u32 mm_snprintf(char *buf, u32 size, const char *fmt, ...)
	__printf(3, 4);

#endif /* MM_LOG_H */
