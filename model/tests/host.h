/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Userspace test host for the model core.
 *
 * Implements struct mm_host_ops over:
 *  - a fake physical memory of TH_MEM_SIZE bytes at TH_MEM_BASE (accesses
 *    outside it fail, which the model turns into bus faults);
 *  - a fake clock the test advances explicitly;
 *  - IRQ lines whose level changes are recorded;
 *  - a log of the model's diagnostics the test can search.
 * Plus helpers that drive the model the way a driver would (register
 * accesses, polling with time advancing) and build LPAE page tables.
 */
#ifndef TH_HOST_H
#define TH_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "mm_gpu.h"
#include "product.h"
#include "regs.h"

#define TH_MEM_BASE		0x80000000ull
#define TH_MEM_SIZE		(64ull << 20)
#define TH_LOG_LINES		128

/* Leaf attributes as panthor builds them (mali-csf-hw.md §2.2). */
#define TH_PTE_RW_NX	(MM_FIELD_PREP(PTE_ATTRINDX, 1) | PTE_AP_UNPRIV | \
			 (3ull << 8) | PTE_AF | PTE_NG | PTE_PXN | PTE_XN)
#define TH_PTE_RO_NX	(TH_PTE_RW_NX | PTE_AP_RDONLY)
#define TH_PTE_RW_X	(TH_PTE_RW_NX & ~(PTE_PXN | PTE_XN))

/* Panthor's TRANSCFG and MEMATTR for a normal AS on RK3588. */
#define TH_TRANSCFG	0x420001c6ull
#define TH_MEMATTR	0x4c4c4c4c9c4c9f4cull

#define TH_SZ_4K	0x1000ull
#define TH_SZ_2M	0x200000ull
#define TH_SZ_1G	0x40000000ull

struct th {
	struct mm_gpu *gpu;
	enum mm_product product;
	bool verbose;

	uint8_t *mem;
	uint64_t next_page;	/* bump allocator for test pages */

	uint64_t now;		/* fake clock, ns */

	bool irq[MM_IRQ_COUNT];
	unsigned int irq_changes[MM_IRQ_COUNT];

	bool kicked;
	uint64_t kick_at;	/* earliest requested run time */
	unsigned int kicks;

	char log[TH_LOG_LINES][192];
	unsigned int nlog;
	unsigned int mem_errors;
};

struct th *th_new(enum mm_product product, bool verbose);
void th_free(struct th *t);
/* Replace the model by a fresh one impersonating @product. */
void th_reinit(struct th *t, enum mm_product product);

uint32_t th_rd(struct th *t, uint32_t off);
void th_wr(struct th *t, uint32_t off, uint32_t val);
uint64_t th_rd64(struct th *t, uint32_t lo);
void th_wr64(struct th *t, uint32_t lo, uint64_t val);

/* Advance the clock by @ns and let the model run (as the host would). */
void th_advance(struct th *t, uint64_t ns);

/* Poll @off every @step_ns until (value & mask) == want; false on timeout. */
bool th_poll(struct th *t, uint32_t off, uint32_t mask, uint32_t want,
	     uint64_t step_ns, uint64_t timeout_ns);

bool th_log_has(const struct th *t, const char *substr);
void th_log_clear(struct th *t);

/* Physical memory */
void *th_mem(struct th *t, uint64_t pa);
uint64_t th_alloc(struct th *t, uint64_t size, uint64_t align);
void th_w64(struct th *t, uint64_t pa, uint64_t v);
uint64_t th_r64(struct th *t, uint64_t pa);
void th_w32(struct th *t, uint64_t pa, uint32_t v);
uint32_t th_r32(struct th *t, uint64_t pa);

/* Page tables: @root is the PA of the start-level table. */
uint64_t th_pt_new(struct th *t);
/*
 * Map @size (4K page, 2M or 1G block) at @va to @pa with leaf @attrs,
 * allocating tables from level @start_level down. Returns the PA of the
 * leaf descriptor.
 */
uint64_t th_map_lvl(struct th *t, uint64_t root, unsigned int start_level,
		    uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs);
uint64_t th_map(struct th *t, uint64_t root, uint64_t va, uint64_t pa,
		uint64_t size, uint64_t attrs);

/* MMU driving, as a driver would through the AS registers. */
uint32_t th_as_reg(unsigned int as, uint32_t reg);
bool th_as_wait(struct th *t, unsigned int as);
void th_as_cmd(struct th *t, unsigned int as, uint32_t cmd);
void th_as_enable(struct th *t, unsigned int as, uint64_t root,
		  uint64_t transcfg, uint64_t memattr);
uint64_t th_lockaddr(uint64_t va, uint64_t size);
void th_as_lock(struct th *t, unsigned int as, uint64_t va, uint64_t size);
/* LOCK + @cmd (FLUSH_PT, FLUSH_MEM or UNLOCK) on [va, va + size) */
void th_as_flush(struct th *t, unsigned int as, uint64_t va, uint64_t size,
		 uint32_t cmd);

/* Power up the L2 through the registers and wait for it. */
bool th_l2_on(struct th *t);

#endif /* TH_HOST_H */
