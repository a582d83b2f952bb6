// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Entry points of the model (mm.h): instance set-up, register window
 * decoding and the run loop.
 */
#include "mm_gpu.h"
#include "product.h"

/* Every decoded block of the register window, in address order. */
static const struct mm_block *const mm_blocks[] = {
	&mm_gpu_ctrl_block,
	&mm_job_irq_block,
	&mm_mmu_irq_block,
	&mm_as_block,
	&mm_user_block,
	&mm_doorbell_block,
};

unsigned long mm_size(void)
{
	return sizeof(struct mm_gpu);
}

static void mm_timing_defaults(struct mm_timing *t)
{
	t->reset_soft_ns = MM_T_RESET_SOFT;
	t->reset_hard_ns = MM_T_RESET_HARD;
	t->flush_ns = MM_T_FLUSH;
	t->pwr_ns[MM_PWR_SHADER] = MM_T_PWR_SHADER;
	t->pwr_ns[MM_PWR_TILER] = MM_T_PWR_TILER;
	t->pwr_ns[MM_PWR_L2] = MM_T_PWR_L2;
	t->as_cmd_ns = MM_T_AS_CMD;
	t->as_flush_ns = MM_T_AS_FLUSH;
}

int mm_init(struct mm_gpu *gpu, enum mm_product product,
	    const struct mm_host_ops *ops, void *host)
{
	const struct mm_product_info *prod = mm_product_get(product);
	u32 i;
	int bad;

	if (!prod || !ops)
		return -1;

	mm_memset(gpu, 0, sizeof(*gpu));
	gpu->ops = ops;
	gpu->host = host;
	gpu->prod = prod;
	gpu->product = product;
	gpu->host_now = ops->now_ns(host);
	gpu->now = gpu->host_now;
	mm_timing_defaults(&gpu->timing);

	for (i = 0; i < MM_ARRAY_SIZE(mm_blocks); i++) {
		bad = mm_block_check(mm_blocks[i]);
		if (bad >= 0) {
			mm_log(gpu, "model bug: %s register table entry %d is invalid",
			       mm_blocks[i]->name, bad);
			return -1;
		}
	}

	mm_gpu_ctrl_power_on(gpu);
	mm_log(gpu, "%s (GPU_ID 0x%08x) powered on", prod->name,
	       prod->id[MM_ID_GPU_ID]);
	return 0;
}

static const struct mm_block *mm_block_at(u32 offset)
{
	u32 i;

	for (i = 0; i < MM_ARRAY_SIZE(mm_blocks); i++)
		if (mm_block_contains(mm_blocks[i], offset))
			return mm_blocks[i];
	return NULL;
}

u32 mm_reg_read(struct mm_gpu *gpu, u32 offset)
{
	const struct mm_block *blk;

	/* Registers show the state at the current time, kick or no kick. */
	mm_events_catch_up(gpu);
	blk = mm_block_at(offset);
	if (!blk || (offset & 3))
		return mm_unknown_read(gpu, offset);
	return mm_block_read(gpu, blk, offset - blk->base);
}

void mm_reg_write(struct mm_gpu *gpu, u32 offset, u32 value)
{
	const struct mm_block *blk;

	mm_events_catch_up(gpu);
	blk = mm_block_at(offset);
	if (!blk || (offset & 3)) {
		mm_unknown_write(gpu, offset, value);
		return;
	}
	/* Events this schedules ask the host for a kick themselves. */
	mm_block_write(gpu, blk, offset - blk->base, value);
}

void mm_run(struct mm_gpu *gpu)
{
	if (!mm_events_catch_up(gpu)) {
		/* Budget exhausted: come back at once for the rest. */
		gpu->ops->kick(gpu->host, 0);
		return;
	}
	mm_events_kick(gpu);
}
