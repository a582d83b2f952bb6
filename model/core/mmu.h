/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * MMU: address-space registers and commands, the LPAE page-table walker, a
 * TLB per address space and fault reporting (mali-csf-hw.md §1.13, §2).
 *
 * Behaviour the driver can observe:
 *  - TRANSTAB, MEMATTR and TRANSCFG take effect only when an UPDATE command
 *    completes; UPDATE also invalidates the whole TLB of the AS.
 *  - Every command sets STATUS.AS_ACTIVE until it completes a short model
 *    time later. A command written while AS_ACTIVE is set is ignored (and
 *    logged, and counted): the driver must wait.
 *  - LOCK takes effect at once: GPU accesses to the locked region stall
 *    until UNLOCK, FLUSH_PT or FLUSH_MEM completes, which also invalidate the
 *    TLB entries overlapping the region. FLUSH_PT/FLUSH_MEM without a prior
 *    LOCK invalidate nothing (logged).
 *  - The TLB (64 entries per AS) is invalidated by nothing else, so a driver
 *    that changes page tables without the LOCK + FLUSH dance keeps seeing
 *    the old translation, as on silicon. Faulting translations are never
 *    cached.
 *  - A fault sets FAULTSTATUS (exception code, access type), FAULTADDRESS
 *    and MMU_IRQ bit n. While bit n is pending in RAWSTAT, further faults on
 *    that AS are dropped (and counted), so the first one is what the driver
 *    reads.
 */
#ifndef MM_MMU_H
#define MM_MMU_H

#include "regs.h"
#include "regtable.h"

/** enum mm_access_type - access types, as encoded in FAULTSTATUS[9:8]. */
enum mm_access_type {
	MM_ACCESS_ATOMIC = 0,
	MM_ACCESS_EXECUTE = 1,
	MM_ACCESS_READ = 2,
	MM_ACCESS_WRITE = 3,
};

/* Return values of mm_mmu_access() and mm_mmu_translate(). */
#define MM_MMU_OK		0
#define MM_MMU_STALLED		1	/* VA in a locked region: retry later */
#define MM_MMU_FAULT		(-1)	/* MMU fault raised on the AS */
#define MM_MMU_BUS_FAULT	(-2)	/* GPU bus fault raised */

#define MM_TLB_ENTRIES		64

/* Permissions of a translation */
#define MM_PERM_R		0x1u
#define MM_PERM_W		0x2u
#define MM_PERM_X		0x4u

/**
 * struct mm_tlb_entry - one cached translation (page or block).
 * @va: first VA of the mapping, aligned to 1 << @shift.
 * @pa: first PA of the mapping.
 * @shift: log2 of the mapping size (12, 21 or 30).
 * @level: table level of the leaf descriptor.
 * @attr: AS_MEMATTR byte selected by the descriptor's AttrIndx.
 * @perm: MM_PERM_* bits.
 * @valid: the entry is in use.
 */
struct mm_tlb_entry {
	u64 va;
	u64 pa;
	u8 shift;
	u8 level;
	u8 attr;
	u8 perm;
	bool valid;
};

/**
 * struct mm_as - one address space.
 * @regs: backing store of the AS registers.
 * @transtab: TRANSTAB latched by the last UPDATE.
 * @memattr: MEMATTR latched by the last UPDATE.
 * @transcfg: TRANSCFG latched by the last UPDATE.
 * @locked: a LOCK is in force.
 * @lock_base: first VA of the locked region.
 * @lock_last: last VA of the locked region.
 * @cmd: command in progress (valid while @busy).
 * @busy: STATUS.AS_ACTIVE.
 * @tlb: cached translations.
 * @tlb_next: next TLB slot to replace (round robin).
 */
struct mm_as {
	u32 regs[MMU_AS_STRIDE / 4];
	u64 transtab;
	u64 memattr;
	u64 transcfg;
	bool locked;
	u64 lock_base;
	u64 lock_last;
	u32 cmd;
	bool busy;
	struct mm_tlb_entry tlb[MM_TLB_ENTRIES];
	u32 tlb_next;
};

/** struct mm_mmu - all address spaces. */
struct mm_mmu {
	struct mm_as as[MMU_AS_MAX];
};

extern const struct mm_block mm_as_block;

/**
 * mm_mmu_access() - a GPU access to memory through address space @as.
 * @gpu: the GPU.
 * @as: address space number.
 * @va: GPU virtual address.
 * @buf: destination (read, execute, atomic) or source (write) buffer.
 * @len: bytes; the access may cross pages, each page is checked.
 * @type: access type; an atomic is checked for read and write permission
 *	and transfers data like a read (do the write-back with a second call).
 *
 * Faults are raised as the hardware would (MMU IRQ or GPU bus fault). A
 * fault part-way leaves the pages before it transferred.
 *
 * Return: MM_MMU_OK, MM_MMU_STALLED (nothing transferred from the locked
 * page on), MM_MMU_FAULT or MM_MMU_BUS_FAULT.
 */
int mm_mmu_access(struct mm_gpu *gpu, u32 as, u64 va, void *buf, u32 len,
		  enum mm_access_type type);

/*
 * Translate @va for an access of @type, raising a fault if it fails.
 * Returns as mm_mmu_access(); on success @pa is set.
 */
int mm_mmu_translate(struct mm_gpu *gpu, u32 as, u64 va,
		     enum mm_access_type type, u64 *pa);

/*
 * Translate without side effects on fault registers (the TLB is still
 * used and filled). Returns 0 and sets @pa, or the MMU exception code.
 */
u32 mm_mmu_probe(struct mm_gpu *gpu, u32 as, u64 va,
		 enum mm_access_type type, u64 *pa);

/* Record a fault on @as and raise its MMU IRQ bit. */
void mm_mmu_raise_fault(struct mm_gpu *gpu, u32 as, u64 va, u32 code,
			enum mm_access_type type);

/*
 * Decode an AS_LOCKADDR value into the locked region [@base, @last].
 * Returns the log2 of the region size actually used (after clamping to the
 * 32 KiB minimum; 64 means "everything").
 */
u32 mm_mmu_lockaddr_decode(u64 lockaddr, u64 *base, u64 *last);

/* Some AS has a command in progress. */
bool mm_mmu_busy(const struct mm_gpu *gpu);

/* Every AS back to its reset state, TLBs empty, no command in progress. */
void mm_mmu_reset(struct mm_gpu *gpu);

/* Event handler: the command on AS @arg completes. */
void mm_mmu_as_cmd_done(struct mm_gpu *gpu, u32 arg);

/* Walker and TLB (mmu_walk.c) */
u32 mm_mmu_walk(struct mm_gpu *gpu, u32 as, u64 va, struct mm_tlb_entry *e);
u32 mm_mmu_check(const struct mm_tlb_entry *e, enum mm_access_type type);
struct mm_tlb_entry *mm_tlb_lookup(struct mm_as *as, u64 va);
void mm_tlb_insert(struct mm_as *as, const struct mm_tlb_entry *e);
void mm_tlb_invalidate(struct mm_as *as, u64 base, u64 last);
u32 mm_tlb_count(const struct mm_as *as);

#endif /* MM_MMU_H */
