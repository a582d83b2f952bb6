/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Doorbell pages (mali-csf-hw.md §1.15): a write of any value to offset 0 of
 * doorbell page n rings doorbell n. The model latches a "rung" bit per
 * doorbell and tells the MCU emulation (mm_mcu_doorbell()); the firmware
 * side consumes the bits with mm_doorbell_take(). Doorbell 0 is the global
 * (kernel) doorbell. A GPU reset drops rung bits.
 */
#ifndef MM_DOORBELL_H
#define MM_DOORBELL_H

#include "regs.h"
#include "regtable.h"

/**
 * struct mm_doorbells - doorbell state.
 * @rung: bitmap of doorbells rung and not yet taken.
 * @count: times each doorbell was rung since power-on (statistics).
 */
struct mm_doorbells {
	u32 rung;
	u32 count[DOORBELL_MAX];
};

extern const struct mm_block mm_doorbell_block;

void mm_doorbell_reset(struct mm_gpu *gpu);

/* Bitmap of rung doorbells (not cleared). */
u32 mm_doorbell_rung(const struct mm_gpu *gpu);

/* Bitmap of rung doorbells, clearing them. */
u32 mm_doorbell_take(struct mm_gpu *gpu);

#endif /* MM_DOORBELL_H */
