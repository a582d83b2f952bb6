// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Interrupt quartets: GPU (inside GPU_CONTROL), JOB and MMU.
 */
#include "irq.h"
#include "mm_gpu.h"
#include "regs.h"

static void mm_irq_update(struct mm_gpu *gpu, enum mm_irq_line line)
{
	struct mm_irq_quartet *q = &gpu->irq.q[line];
	bool level = (q->rawstat & q->mask) != 0;

	if (level == q->level)
		return;
	q->level = level;
	gpu->stats.irq_edges[line]++;
	gpu->ops->set_irq(gpu->host, line, level);
}

void mm_irq_raise(struct mm_gpu *gpu, enum mm_irq_line line, u32 bits)
{
	gpu->irq.q[line].rawstat |= bits;
	mm_irq_update(gpu, line);
}

void mm_irq_clear(struct mm_gpu *gpu, enum mm_irq_line line, u32 bits)
{
	gpu->irq.q[line].rawstat &= ~bits;
	mm_irq_update(gpu, line);
}

void mm_irq_set_mask(struct mm_gpu *gpu, enum mm_irq_line line, u32 mask)
{
	gpu->irq.q[line].mask = mask;
	mm_irq_update(gpu, line);
}

u32 mm_irq_rawstat(const struct mm_gpu *gpu, enum mm_irq_line line)
{
	return gpu->irq.q[line].rawstat;
}

u32 mm_irq_status(const struct mm_gpu *gpu, enum mm_irq_line line)
{
	return gpu->irq.q[line].rawstat & gpu->irq.q[line].mask;
}

void mm_irq_reset(struct mm_gpu *gpu)
{
	u32 line;

	for (line = 0; line < MM_IRQ_COUNT; line++) {
		gpu->irq.q[line].rawstat = 0;
		gpu->irq.q[line].mask = 0;
		mm_irq_update(gpu, line);
	}
}

u32 mm_irq_reg_read(struct mm_gpu *gpu, const struct mm_reg_io *io)
{
	enum mm_irq_line line = (enum mm_irq_line)io->reg->arg;

	switch (io->reg->offset & 0xf) {
	case IRQ_RAWSTAT:
		return mm_irq_rawstat(gpu, line);
	case IRQ_MASK:
		return gpu->irq.q[line].mask;
	case IRQ_STATUS:
		return mm_irq_status(gpu, line);
	default:
		return 0;
	}
}

void mm_irq_reg_write(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val)
{
	enum mm_irq_line line = (enum mm_irq_line)io->reg->arg;

	switch (io->reg->offset & 0xf) {
	case IRQ_RAWSTAT:
		mm_irq_raise(gpu, line, val);
		break;
	case IRQ_CLEAR:
		mm_irq_clear(gpu, line, val);
		break;
	case IRQ_MASK:
		mm_irq_set_mask(gpu, line, val);
		break;
	default:
		break;
	}
}

static const struct mm_reg mm_job_irq_regs[] = {
	MM_IRQ_REG_RAWSTAT(0, MM_IRQ_JOB),
	MM_IRQ_REG_CLEAR(0, MM_IRQ_JOB),
	MM_IRQ_REG_MASK(0, MM_IRQ_JOB),
	MM_IRQ_REG_STATUS(0, MM_IRQ_JOB),
};

const struct mm_block mm_job_irq_block = {
	.name = "JOB",
	.base = JOB_CONTROL_BASE,
	.size = IRQ_QUARTET_SIZE,
	.stride = IRQ_QUARTET_SIZE,
	.count = 1,
	.regs = mm_job_irq_regs,
	.nregs = MM_ARRAY_SIZE(mm_job_irq_regs),
};

static const struct mm_reg mm_mmu_irq_regs[] = {
	MM_IRQ_REG_RAWSTAT(0, MM_IRQ_MMU),
	MM_IRQ_REG_CLEAR(0, MM_IRQ_MMU),
	MM_IRQ_REG_MASK(0, MM_IRQ_MMU),
	MM_IRQ_REG_STATUS(0, MM_IRQ_MMU),
};

const struct mm_block mm_mmu_irq_block = {
	.name = "MMU",
	.base = MMU_IRQ_BASE,
	.size = IRQ_QUARTET_SIZE,
	.stride = IRQ_QUARTET_SIZE,
	.count = 1,
	.regs = mm_mmu_irq_regs,
	.nregs = MM_ARRAY_SIZE(mm_mmu_irq_regs),
};
