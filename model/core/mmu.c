// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MMU address spaces: registers, commands, faults and the access API the
 * rest of the model uses to reach GPU virtual memory.
 */
#include "events.h"
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "product.h"

#define AS_REG(as, off)		((as)->regs[(off) / 4])

static const char *const mm_as_cmd_names[] = {
	[AS_CMD_NOP] = "NOP",
	[AS_CMD_UPDATE] = "UPDATE",
	[AS_CMD_LOCK] = "LOCK",
	[AS_CMD_UNLOCK] = "UNLOCK",
	[AS_CMD_FLUSH_PT] = "FLUSH_PT",
	[AS_CMD_FLUSH_MEM] = "FLUSH_MEM",
};

static bool mm_as_present(const struct mm_gpu *gpu, u32 asn)
{
	return asn < MMU_AS_MAX && (mm_prod_as_present(gpu) & MM_BIT(asn));
}

static u64 mm_as_reg64(const struct mm_as *as, u32 lo)
{
	return as->regs[lo / 4] | (u64)as->regs[lo / 4 + 1] << 32;
}

u32 mm_mmu_lockaddr_decode(u64 lockaddr, u64 *base, u64 *last)
{
	u32 log2 = MM_FIELD_GET(AS_LOCKADDR_SIZE, lockaddr) + 1;

	if (log2 < AS_LOCK_MIN_LOG2)
		log2 = AS_LOCK_MIN_LOG2;
	if (log2 >= 64) {
		*base = 0;
		*last = ~0ull;
		return 64;
	}
	*base = lockaddr & AS_LOCKADDR_BASE & ~(MM_BIT(log2) - 1);
	*last = *base + (MM_BIT(log2) - 1);
	return log2;
}

bool mm_mmu_busy(const struct mm_gpu *gpu)
{
	u32 i;

	for (i = 0; i < MMU_AS_MAX; i++)
		if (gpu->mmu.as[i].busy)
			return true;
	return false;
}

static void mm_as_reset(struct mm_gpu *gpu, u32 asn)
{
	struct mm_as *as = &gpu->mmu.as[asn];

	mm_block_reset(gpu, &mm_as_block, asn);
	as->transtab = 0;
	as->memattr = 0;
	as->transcfg = 0;
	as->locked = false;
	as->lock_base = 0;
	as->lock_last = 0;
	as->cmd = AS_CMD_NOP;
	as->busy = false;
	mm_memset(as->tlb, 0, sizeof(as->tlb));
	as->tlb_next = 0;
}

void mm_mmu_reset(struct mm_gpu *gpu)
{
	u32 i;

	for (i = 0; i < MMU_AS_MAX; i++) {
		mm_as_reset(gpu, i);
		mm_event_cancel(gpu, MM_EV_AS_CMD, i);
	}
}

void mm_mmu_raise_fault(struct mm_gpu *gpu, u32 asn, u64 va, u32 code,
			enum mm_access_type type)
{
	struct mm_as *as = &gpu->mmu.as[asn];

	gpu->stats.mmu_faults++;
	if (mm_irq_rawstat(gpu, MM_IRQ_MMU) & MMU_IRQ_FAULT(asn)) {
		/* The driver has not cleared the previous fault yet. */
		gpu->stats.lost_faults++;
		return;
	}
	AS_REG(as, AS_FAULTSTATUS) =
		MM_FIELD_PREP(AS_FAULTSTATUS_EXCEPTION, code) |
		MM_FIELD_PREP(AS_FAULTSTATUS_ACCESS, type);
	AS_REG(as, AS_FAULTADDRESS_LO) = MM_LO32(va);
	AS_REG(as, AS_FAULTADDRESS_HI) = MM_HI32(va);
	AS_REG(as, AS_FAULTEXTRA_LO) = 0;
	AS_REG(as, AS_FAULTEXTRA_HI) = 0;
	mm_log(gpu, "AS%u fault 0x%02x at VA 0x%llx (access %u)", asn, code,
	       MM_ULL(va), type);
	mm_irq_raise(gpu, MM_IRQ_MMU, MMU_IRQ_FAULT(asn));
}

/* ---- Commands ---------------------------------------------------------- */

static void mm_as_cmd_start(struct mm_gpu *gpu, u32 asn, u32 cmd)
{
	struct mm_as *as = &gpu->mmu.as[asn];
	u64 duration = gpu->timing.as_cmd_ns;
	u32 log2;

	switch (cmd) {
	case AS_CMD_LOCK:
		/* Accesses to the region stall from now on. */
		log2 = mm_mmu_lockaddr_decode(mm_as_reg64(as, AS_LOCKADDR_LO),
					      &as->lock_base, &as->lock_last);
		if (MM_FIELD_GET(AS_LOCKADDR_SIZE, AS_REG(as, AS_LOCKADDR_LO)) + 1 <
		    log2)
			mm_log_once(gpu, MM_LOGK_MISC | 0x400 | asn,
				    "AS%u: LOCKADDR size below 32 KiB rounded up",
				    asn);
		as->locked = true;
		break;
	case AS_CMD_FLUSH_PT:
	case AS_CMD_FLUSH_MEM:
		duration = gpu->timing.as_flush_ns;
		break;
	default:
		break;
	}

	as->cmd = cmd;
	as->busy = true;
	mm_event_schedule(gpu, MM_EV_AS_CMD, asn, duration);
}

static void mm_as_unlock(struct mm_gpu *gpu, u32 asn, u32 cmd)
{
	struct mm_as *as = &gpu->mmu.as[asn];

	if (!as->locked) {
		if (cmd != AS_CMD_UNLOCK) {
			gpu->stats.flush_without_lock++;
			mm_log(gpu, "AS%u: %s without LOCK invalidates nothing",
			       asn, mm_as_cmd_names[cmd]);
		}
		return;
	}
	mm_tlb_invalidate(as, as->lock_base, as->lock_last);
	as->locked = false;
}

void mm_mmu_as_cmd_done(struct mm_gpu *gpu, u32 asn)
{
	struct mm_as *as = &gpu->mmu.as[asn];

	switch (as->cmd) {
	case AS_CMD_UPDATE:
		as->transtab = mm_as_reg64(as, AS_TRANSTAB_LO);
		as->memattr = mm_as_reg64(as, AS_MEMATTR_LO);
		as->transcfg = mm_as_reg64(as, AS_TRANSCFG_LO);
		mm_tlb_invalidate(as, 0, ~0ull);
		break;
	case AS_CMD_UNLOCK:
	case AS_CMD_FLUSH_PT:
	case AS_CMD_FLUSH_MEM:
		mm_as_unlock(gpu, asn, as->cmd);
		break;
	default:
		break;
	}
	as->cmd = AS_CMD_NOP;
	as->busy = false;
}

static void mm_as_write_command(struct mm_gpu *gpu,
				const struct mm_reg_io *io, u32 val)
{
	u32 asn = io->inst;

	if (val > AS_CMD_FLUSH_MEM) {
		gpu->stats.bad_commands++;
		mm_log(gpu, "AS%u: unknown command %u ignored", asn, val);
		return;
	}
	if (val == AS_CMD_NOP)
		return;
	if (mm_gpu_in_reset(gpu)) {
		gpu->stats.as_cmd_refused++;
		mm_log(gpu, "AS%u: %s during GPU reset ignored", asn,
		       mm_as_cmd_names[val]);
		return;
	}
	if (gpu->mmu.as[asn].busy) {
		gpu->stats.as_cmd_refused++;
		mm_log(gpu, "AS%u: %s while %s still active ignored", asn,
		       mm_as_cmd_names[val],
		       mm_as_cmd_names[gpu->mmu.as[asn].cmd]);
		return;
	}
	mm_as_cmd_start(gpu, asn, val);
}

static u32 mm_as_read_status(struct mm_gpu *gpu, const struct mm_reg_io *io)
{
	return gpu->mmu.as[io->inst].busy ?
	       AS_STATUS_ACTIVE | AS_STATUS_ACTIVE_INT : 0;
}

/* ---- Translation --------------------------------------------------------- */

u32 mm_mmu_probe(struct mm_gpu *gpu, u32 asn, u64 va,
		 enum mm_access_type type, u64 *pa)
{
	struct mm_as *as = &gpu->mmu.as[asn];
	struct mm_tlb_entry walked, *e;
	u32 code;

	e = mm_tlb_lookup(as, va);
	if (e) {
		gpu->stats.tlb_hits++;
	} else {
		code = mm_mmu_walk(gpu, asn, va, &walked);
		if (code)
			return code;
		mm_tlb_insert(as, &walked);
		e = &walked;
	}

	code = mm_mmu_check(e, type);
	if (code)
		return code;
	*pa = e->pa + (va - e->va);
	return 0;
}

int mm_mmu_translate(struct mm_gpu *gpu, u32 asn, u64 va,
		     enum mm_access_type type, u64 *pa)
{
	struct mm_as *as;
	u32 code;

	if (!mm_as_present(gpu, asn)) {
		mm_log_once(gpu, MM_LOGK_MISC | 0x500 | (asn & 0xff),
			    "access through absent AS%u", asn);
		return MM_MMU_FAULT;
	}
	as = &gpu->mmu.as[asn];
	if (as->locked && va >= as->lock_base && va <= as->lock_last)
		return MM_MMU_STALLED;

	code = mm_mmu_probe(gpu, asn, va, type, pa);
	if (code) {
		mm_mmu_raise_fault(gpu, asn, va, code, type);
		return MM_MMU_FAULT;
	}
	return MM_MMU_OK;
}

int mm_mmu_access(struct mm_gpu *gpu, u32 asn, u64 va, void *buf, u32 len,
		  enum mm_access_type type)
{
	u8 *p = buf;

	while (len) {
		u32 chunk = 0x1000 - (u32)(va & 0xfff);
		u64 pa;
		int ret;

		if (chunk > len)
			chunk = len;
		ret = mm_mmu_translate(gpu, asn, va, type, &pa);
		if (ret)
			return ret;
		if (type == MM_ACCESS_WRITE)
			ret = gpu->ops->mem_write(gpu->host, pa, p, chunk);
		else
			ret = gpu->ops->mem_read(gpu->host, pa, p, chunk);
		if (ret) {
			mm_gpu_bus_fault(gpu, asn, pa, type);
			return MM_MMU_BUS_FAULT;
		}
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return MM_MMU_OK;
}

/* ---- Register table -------------------------------------------------------- */

static const struct mm_reg mm_as_regs[] = {
	MM_REG_RW(AS_TRANSTAB_LO, 0, NULL, 0),
	MM_REG_RW(AS_TRANSTAB_HI, 0, NULL, 0),
	MM_REG_RW(AS_MEMATTR_LO, 0, NULL, 0),
	MM_REG_RW(AS_MEMATTR_HI, 0, NULL, 0),
	MM_REG_RW(AS_LOCKADDR_LO, 0, NULL, 0),
	MM_REG_RW(AS_LOCKADDR_HI, 0, NULL, 0),
	MM_REG_WO(AS_COMMAND, mm_as_write_command, 0),
	MM_REG_RO(AS_FAULTSTATUS, NULL, 0),
	MM_REG_RO(AS_FAULTADDRESS_LO, NULL, 0),
	MM_REG_RO(AS_FAULTADDRESS_HI, NULL, 0),
	MM_REG_RO(AS_STATUS, mm_as_read_status, 0),
	MM_REG_RW(AS_TRANSCFG_LO, 0, NULL, 0),
	MM_REG_RW(AS_TRANSCFG_HI, 0, NULL, 0),
	MM_REG_RO(AS_FAULTEXTRA_LO, NULL, 0),
	MM_REG_RO(AS_FAULTEXTRA_HI, NULL, 0),
};

static u32 *mm_as_store(struct mm_gpu *gpu, u32 inst)
{
	return gpu->mmu.as[inst].regs;
}

const struct mm_block mm_as_block = {
	.name = "AS",
	.base = MMU_AS_BASE,
	.size = MMU_AS_STRIDE,
	.stride = MMU_AS_STRIDE,
	.count = MMU_AS_MAX,
	.regs = mm_as_regs,
	.nregs = MM_ARRAY_SIZE(mm_as_regs),
	.store = mm_as_store,
	.present = mm_as_present,
};
