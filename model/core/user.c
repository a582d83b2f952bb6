// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * USER page.
 */
#include "mm_gpu.h"
#include "regs.h"
#include "user.h"

void mm_user_reset(struct mm_gpu *gpu)
{
	gpu->user.latest_flush = 0;
}

void mm_user_flush_completed(struct mm_gpu *gpu)
{
	if (++gpu->user.latest_flush == 0)
		gpu->user.latest_flush = 1;
}

u32 mm_user_latest_flush(const struct mm_gpu *gpu)
{
	return gpu->user.latest_flush;
}

static u32 mm_user_read_latest_flush(struct mm_gpu *gpu,
				     const struct mm_reg_io *io __maybe_unused)
{
	return mm_user_latest_flush(gpu);
}

static const struct mm_reg mm_user_regs[] = {
	MM_REG_RO(USER_LATEST_FLUSH, mm_user_read_latest_flush, 0),
};

const struct mm_block mm_user_block = {
	.name = "USER",
	.base = USER_PAGE_BASE,
	.size = USER_PAGE_SIZE,
	.stride = USER_PAGE_SIZE,
	.count = 1,
	.regs = mm_user_regs,
	.nregs = MM_ARRAY_SIZE(mm_user_regs),
};
