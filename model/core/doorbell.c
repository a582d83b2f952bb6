// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Doorbell pages.
 */
#include "doorbell.h"
#include "mcu.h"
#include "mm_gpu.h"
#include "product.h"

void mm_doorbell_reset(struct mm_gpu *gpu)
{
	gpu->db.rung = 0;
}

u32 mm_doorbell_rung(const struct mm_gpu *gpu)
{
	return gpu->db.rung;
}

u32 mm_doorbell_take(struct mm_gpu *gpu)
{
	u32 rung = gpu->db.rung;

	gpu->db.rung = 0;
	return rung;
}

static void mm_doorbell_write(struct mm_gpu *gpu, const struct mm_reg_io *io,
			      u32 val __maybe_unused)
{
	gpu->db.rung |= (u32)MM_BIT(io->inst);
	gpu->db.count[io->inst]++;
	mm_mcu_doorbell(gpu, io->inst);
}

static bool mm_doorbell_present(const struct mm_gpu *gpu, u32 inst)
{
	return inst < mm_prod(gpu)->doorbells;
}

static const struct mm_reg mm_doorbell_regs[] = {
	MM_REG_WO(DOORBELL_RING, mm_doorbell_write, 0),
};

const struct mm_block mm_doorbell_block = {
	.name = "DOORBELL",
	.base = DOORBELL_BASE,
	.size = DOORBELL_STRIDE,
	.stride = DOORBELL_STRIDE,
	.count = DOORBELL_MAX,
	.regs = mm_doorbell_regs,
	.nregs = MM_ARRAY_SIZE(mm_doorbell_regs),
	.present = mm_doorbell_present,
};
