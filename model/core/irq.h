/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The three interrupt quartets (RAWSTAT, CLEAR, MASK, STATUS) and the lines
 * they drive (mali-csf-hw.md §1.4).
 *
 * A source latches its bit in RAWSTAT whatever the mask; STATUS is
 * RAWSTAT & MASK and the line is high while STATUS is non-zero. The host is
 * told about every level change, never about a write that leaves the level
 * where it was. A write to RAWSTAT sets bits (a software-raised interrupt,
 * as drivers use for interrupt self-tests).
 */
#ifndef MM_IRQ_H
#define MM_IRQ_H

#include "mm.h"
#include "regtable.h"

/**
 * struct mm_irq_quartet - state of one interrupt block.
 * @rawstat: latched sources.
 * @mask: enabled sources.
 * @level: level last reported to the host.
 */
struct mm_irq_quartet {
	u32 rawstat;
	u32 mask;
	bool level;
};

/** struct mm_irq - the GPU, JOB and MMU interrupt blocks. */
struct mm_irq {
	struct mm_irq_quartet q[MM_IRQ_COUNT];
};

/* Latch @bits in RAWSTAT of @line and update the line. */
void mm_irq_raise(struct mm_gpu *gpu, enum mm_irq_line line, u32 bits);

/* Clear @bits of RAWSTAT of @line (as a CLEAR write) and update the line. */
void mm_irq_clear(struct mm_gpu *gpu, enum mm_irq_line line, u32 bits);

/* Set the MASK of @line and update the line. */
void mm_irq_set_mask(struct mm_gpu *gpu, enum mm_irq_line line, u32 mask);

u32 mm_irq_rawstat(const struct mm_gpu *gpu, enum mm_irq_line line);
u32 mm_irq_status(const struct mm_gpu *gpu, enum mm_irq_line line);

/* Reset: clear RAWSTAT and MASK of every line (and drop the levels). */
void mm_irq_reset(struct mm_gpu *gpu);

/* Register handlers shared by the three quartets; .arg is the line. */
u32 mm_irq_reg_read(struct mm_gpu *gpu, const struct mm_reg_io *io);
void mm_irq_reg_write(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val);

/*
 * Table lines of a quartet at @_base (relative to its block) for interrupt
 * line @_line; a block lists all four.
 */
#define MM_IRQ_REG_RAWSTAT(_base, _line)				\
	{ .offset = (_base) + IRQ_RAWSTAT, .name = "IRQ_RAWSTAT",	\
	  .access = MM_RW, .read = mm_irq_reg_read,			\
	  .write = mm_irq_reg_write, .arg = (_line) }
#define MM_IRQ_REG_CLEAR(_base, _line)					\
	{ .offset = (_base) + IRQ_CLEAR, .name = "IRQ_CLEAR",		\
	  .access = MM_WO, .write = mm_irq_reg_write, .arg = (_line) }
#define MM_IRQ_REG_MASK(_base, _line)					\
	{ .offset = (_base) + IRQ_MASK, .name = "IRQ_MASK",		\
	  .access = MM_RW, .read = mm_irq_reg_read,			\
	  .write = mm_irq_reg_write, .arg = (_line) }
#define MM_IRQ_REG_STATUS(_base, _line)					\
	{ .offset = (_base) + IRQ_STATUS, .name = "IRQ_STATUS",		\
	  .access = MM_RO, .read = mm_irq_reg_read, .arg = (_line) }

extern const struct mm_block mm_job_irq_block;
extern const struct mm_block mm_mmu_irq_block;

#endif /* MM_IRQ_H */
