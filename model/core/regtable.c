// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The register-table engine: decoding, default access behaviour, reset.
 */
#include "regtable.h"
#include "log.h"
#include "mm_gpu.h"
#include "product.h"

const struct mm_reg *mm_block_find(const struct mm_block *blk, u32 offset)
{
	u32 lo = 0, hi = blk->nregs;

	/* Tables are sorted by offset (checked by mm_block_check()). */
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct mm_reg *reg = &blk->regs[mid];

		if (reg->offset == offset)
			return reg;
		if (reg->offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool mm_block_contains(const struct mm_block *blk, u32 offset)
{
	u32 rel;

	if (offset < blk->base)
		return false;
	rel = offset - blk->base;
	if (rel / blk->stride >= blk->count)
		return false;
	return rel % blk->stride < blk->size;
}

u32 mm_unknown_read(struct mm_gpu *gpu, u32 offset)
{
	gpu->stats.unknown_reads++;
	mm_log_once(gpu, MM_LOGK_UNKNOWN_READ | offset,
		    "read of unknown register 0x%06x, returning 0", offset);
	return 0;
}

void mm_unknown_write(struct mm_gpu *gpu, u32 offset, u32 val)
{
	gpu->stats.unknown_writes++;
	mm_log_once(gpu, MM_LOGK_UNKNOWN_WRITE | offset,
		    "write 0x%08x to unknown register 0x%06x ignored", val,
		    offset);
}

/*
 * Split an in-block offset into instance and register. Returns NULL when
 * nothing is decoded there (hole, absent instance, unaligned offset).
 */
static const struct mm_reg *mm_block_decode(const struct mm_gpu *gpu,
					    const struct mm_block *blk,
					    u32 offset, u32 *inst)
{
	u32 rel;

	*inst = offset / blk->stride;
	rel = offset % blk->stride;
	if (*inst >= blk->count || rel >= blk->size || (rel & 3))
		return NULL;
	if (blk->present && !blk->present(gpu, *inst))
		return NULL;
	return mm_block_find(blk, rel);
}

/* Fill @io for @offset in @blk; false if nothing is decoded there. */
static bool mm_block_io(struct mm_gpu *gpu, const struct mm_block *blk,
			u32 offset, struct mm_reg_io *io)
{
	u32 *store;

	io->blk = blk;
	io->reg = mm_block_decode(gpu, blk, offset, &io->inst);
	if (!io->reg)
		return false;
	store = blk->store ? blk->store(gpu, io->inst) : NULL;
	io->slot = store ? &store[io->reg->offset / 4] : NULL;
	return true;
}

u32 mm_block_read(struct mm_gpu *gpu, const struct mm_block *blk, u32 offset)
{
	const struct mm_reg *reg;
	struct mm_reg_io io;

	if (!mm_block_io(gpu, blk, offset, &io))
		return mm_unknown_read(gpu, blk->base + offset);

	reg = io.reg;
	if (reg->read)
		return reg->read(gpu, &io);

	if (reg->access == MM_WO) {
		mm_log_once(gpu, MM_LOGK_WO_READ | (blk->base + offset),
			    "read of write-only %s.%s, returning 0",
			    blk->name, reg->name);
		return 0;
	}

	return io.slot ? *io.slot : 0;
}

void mm_block_write(struct mm_gpu *gpu, const struct mm_block *blk,
		    u32 offset, u32 val)
{
	const struct mm_reg *reg;
	struct mm_reg_io io;
	u32 *slot;

	if (!mm_block_io(gpu, blk, offset, &io)) {
		mm_unknown_write(gpu, blk->base + offset, val);
		return;
	}

	reg = io.reg;
	slot = io.slot;
	switch (reg->access) {
	case MM_RO:
		gpu->stats.ro_writes++;
		mm_log_once(gpu, MM_LOGK_RO_WRITE | (blk->base + offset),
			    "write 0x%08x to read-only %s.%s ignored", val,
			    blk->name, reg->name);
		return;
	case MM_RW:
		if (slot)
			*slot = val;
		break;
	case MM_RW1C:
		if (slot)
			*slot &= ~val;
		break;
	default:
		break;
	}

	if (reg->write)
		reg->write(gpu, &io, val);
}

void mm_block_reset(struct mm_gpu *gpu, const struct mm_block *blk, u32 inst)
{
	u32 *store = blk->store ? blk->store(gpu, inst) : NULL;
	u32 i;

	if (!store)
		return;
	mm_memset(store, 0, blk->size);
	for (i = 0; i < blk->nregs; i++) {
		const struct mm_reg *reg = &blk->regs[i];

		if (reg->flags & MM_REG_F_ID)
			store[reg->offset / 4] = mm_prod(gpu)->id[reg->arg];
		else
			store[reg->offset / 4] = reg->reset;
	}
}

int mm_block_check(const struct mm_block *blk)
{
	u32 i;

	for (i = 0; i < blk->nregs; i++) {
		const struct mm_reg *reg = &blk->regs[i];

		if ((reg->offset & 3) || reg->offset >= blk->size ||
		    reg->access > MM_RW1C || !reg->name)
			return (int)i;
		if (i && reg->offset <= blk->regs[i - 1].offset)
			return (int)i;
		if ((reg->flags & MM_REG_F_ID) && reg->arg >= MM_ID_COUNT)
			return (int)i;
	}
	return -1;
}
