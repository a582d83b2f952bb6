/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * USER page (mali-csf-hw.md §1.14): LATEST_FLUSH, the id of the most recent
 * completed cache flush, which userspace samples and command streams hand
 * to FLUSH_CACHE2 to skip flushes that already happened.
 *
 * Update rule (§9.11 is open): every completed FLUSH_CACHES command (and,
 * later, every flush a command stream performs) advances the id by one.
 * The id skips 0 when it wraps, because 0 means "always flush". A GPU reset
 * brings it back to 0.
 */
#ifndef MM_USER_H
#define MM_USER_H

#include "regtable.h"

/** struct mm_user - USER page state. @latest_flush: LATEST_FLUSH. */
struct mm_user {
	u32 latest_flush;
};

extern const struct mm_block mm_user_block;

void mm_user_reset(struct mm_gpu *gpu);

/* A cache flush completed: advance LATEST_FLUSH. */
void mm_user_flush_completed(struct mm_gpu *gpu);

u32 mm_user_latest_flush(const struct mm_gpu *gpu);

#endif /* MM_USER_H */
