// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * LPAE stage-1 page-table walker (4 KiB granule) and the per-AS TLB.
 *
 * The walk follows the ARMv8 long-descriptor rules the drivers build their
 * tables for (mali-csf-hw.md §2.1-§2.3):
 *  - the input size comes from TRANSCFG.INA_BITS as 55 - VA bits, 0 meaning
 *    48 bits (§9.3); it selects the start level (L0 above 39 bits, L1 above
 *    30, L2 above 21);
 *  - L0 holds tables only, L1 and L2 tables or 1 GiB / 2 MiB blocks, L3
 *    4 KiB pages; bits 55-58 (software) and 63:59 of leaves are ignored;
 *  - descriptors and table addresses with bits set at or above PA_BITS give
 *    an address-size fault; a descriptor fetch outside RAM a table bus fault;
 *  - permissions: AP[1] (bit 6) must be set for the GPU to access the page
 *    at all (strict reading of §9.4), AP[2] makes it read-only, PXN or UXN
 *    makes it non-executable; TRANSCFG.WXN makes writable pages
 *    non-executable; table descriptors' APTable/XNTable/PXNTable restrict
 *    the levels below unless TRANSCFG.DISABLE_HIER_AP; AF = 0 faults unless
 *    TRANSCFG.DISABLE_AF_FAULT; a MEMATTR byte of type 3 faults.
 */
#include "log.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "product.h"

#define MM_PT_ENTRIES	512u

/* Input address size configured by TRANSCFG, clamped to the product's. */
static u32 mm_walk_va_bits(const struct mm_gpu *gpu, u64 transcfg)
{
	u32 ina = MM_FIELD_GET(AS_TRANSCFG_INA_BITS, transcfg);
	u32 max = mm_prod_va_bits(gpu);
	u32 bits;

	if (!ina)
		return max > 48 ? 48 : max;
	bits = 55 - ina;
	return bits > max ? max : bits;
}

static u32 mm_walk_start_level(u32 va_bits)
{
	if (va_bits > 39)
		return 0;
	if (va_bits > 30)
		return 1;
	if (va_bits > 21)
		return 2;
	return 3;
}

/* VA bits translated below a descriptor at @level. */
static u32 mm_walk_shift(u32 level)
{
	return 12 + 9 * (3 - level);
}

/* Fetch one little-endian descriptor; false on a bus error. */
static bool mm_walk_fetch(struct mm_gpu *gpu, u64 pa, u64 *desc)
{
	u8 b[8];
	u64 v = 0;
	int i;

	if (gpu->ops->mem_read(gpu->host, pa, b, sizeof(b)))
		return false;
	for (i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	*desc = v;
	return true;
}

static u32 mm_walk_identity(struct mm_gpu *gpu, u64 va,
			    struct mm_tlb_entry *e)
{
	if (va >> mm_prod_pa_bits(gpu))
		return MMU_EXC_ADDR_SIZE_OUT(0);
	e->va = va & ~0xfffull;
	e->pa = e->va;
	e->shift = 12;
	e->level = 3;
	e->attr = 0;
	e->perm = MM_PERM_R | MM_PERM_W | MM_PERM_X;
	e->valid = true;
	return 0;
}

/* Fill @e from a leaf descriptor; restrictions from tables in @hier. */
static u32 mm_walk_leaf(const struct mm_as *as, u64 va, u64 desc,
			u32 level, u64 hier, struct mm_tlb_entry *e)
{
	u32 shift = mm_walk_shift(level);
	u64 size_mask = MM_BIT(shift) - 1;
	u32 attrindx = MM_FIELD_GET(PTE_ATTRINDX, desc);
	u8 perm = 0;

	if (!(desc & PTE_AF) && !(as->transcfg & AS_TRANSCFG_DISABLE_AF_FAULT))
		return MMU_EXC_ACCESS_FLAG(level);

	if ((desc & PTE_AP_UNPRIV) && !(hier & PTE_AP_TABLE_NO_UNPRIV)) {
		perm = MM_PERM_R;
		if (!(desc & PTE_AP_RDONLY) && !(hier & PTE_AP_TABLE_RDONLY))
			perm |= MM_PERM_W;
		if (!(desc & (PTE_PXN | PTE_XN)) &&
		    !(hier & (PTE_PXN_TABLE | PTE_XN_TABLE)) &&
		    !((as->transcfg & AS_TRANSCFG_WXN) && (perm & MM_PERM_W)))
			perm |= MM_PERM_X;
	}

	e->va = va & ~size_mask;
	e->pa = desc & PTE_ADDR & ~size_mask;
	e->shift = shift;
	e->level = level;
	e->attr = (u8)(as->memattr >> (8 * attrindx));
	e->perm = perm;
	e->valid = true;
	return 0;
}

u32 mm_mmu_walk(struct mm_gpu *gpu, u32 asn, u64 va, struct mm_tlb_entry *e)
{
	const struct mm_as *as = &gpu->mmu.as[asn];
	u32 mode = MM_FIELD_GET(AS_TRANSCFG_ADRMODE, as->transcfg);
	u32 pa_bits = mm_prod_pa_bits(gpu);
	u64 pa_limit = MM_GENMASK(47, pa_bits);
	u64 table, desc, hier = 0;
	u32 va_bits, level;

	switch (mode) {
	case AS_ADRMODE_AARCH64_4K:
		break;
	case AS_ADRMODE_IDENTITY:
		return mm_walk_identity(gpu, va, e);
	case AS_ADRMODE_AARCH64_64K:
		mm_log_once(gpu, MM_LOGK_MISC | 0x300 | asn,
			    "AS%u: 64 KiB granule not modelled, faulting", asn);
		return MMU_EXC_TRANSLATION(0);
	default:
		/* UNMAPPED, or never configured: everything faults. */
		return MMU_EXC_TRANSLATION(0);
	}

	va_bits = mm_walk_va_bits(gpu, as->transcfg);
	level = mm_walk_start_level(va_bits);
	if (va_bits < 64 && (va >> va_bits))
		return MMU_EXC_ADDR_SIZE_IN(level);

	table = as->transtab & PTE_ADDR;
	if (as->transtab & pa_limit)
		return MMU_EXC_ADDR_SIZE_OUT(level);

	gpu->stats.walks++;
	for (; level <= 3; level++) {
		u32 idx = (va >> mm_walk_shift(level)) & (MM_PT_ENTRIES - 1);

		if (!mm_walk_fetch(gpu, table + 8ull * idx, &desc))
			return MMU_EXC_TRANSTAB_BUS(level);
		if (!(desc & PTE_VALID))
			return MMU_EXC_TRANSLATION(level);

		if (level == 3 || !(desc & PTE_TYPE_TABLE)) {
			/* L3 needs the page encoding; L0 has no blocks. */
			if ((level == 3 && !(desc & PTE_TYPE_TABLE)) || level == 0)
				return MMU_EXC_TRANSLATION(level);
			if (desc & pa_limit)
				return MMU_EXC_ADDR_SIZE_OUT(level);
			return mm_walk_leaf(as, va, desc, level, hier, e);
		}

		if (desc & pa_limit)
			return MMU_EXC_ADDR_SIZE_OUT(level);
		if (!(as->transcfg & AS_TRANSCFG_DISABLE_HIER_AP))
			hier |= desc & (PTE_PXN_TABLE | PTE_XN_TABLE |
					PTE_AP_TABLE_NO_UNPRIV |
					PTE_AP_TABLE_RDONLY);
		table = desc & PTE_ADDR;
	}

	/* Not reached: level 3 always returns above. */
	return MMU_EXC_TRANSLATION(3);
}

u32 mm_mmu_check(const struct mm_tlb_entry *e, enum mm_access_type type)
{
	u8 need;

	switch (type) {
	case MM_ACCESS_EXECUTE:
		need = MM_PERM_X;
		break;
	case MM_ACCESS_WRITE:
		need = MM_PERM_W;
		break;
	case MM_ACCESS_ATOMIC:
		need = MM_PERM_R | MM_PERM_W;
		break;
	default:
		need = MM_PERM_R;
		break;
	}
	if (need & ~e->perm)
		return MMU_EXC_PERMISSION(e->level);
	if (MM_FIELD_GET(AS_MEMATTR_TYPE, e->attr) == AS_MEMATTR_TYPE_FAULT)
		return MMU_EXC_MEMATTR(e->level);
	return 0;
}

struct mm_tlb_entry *mm_tlb_lookup(struct mm_as *as, u64 va)
{
	u32 i;

	for (i = 0; i < MM_TLB_ENTRIES; i++) {
		struct mm_tlb_entry *e = &as->tlb[i];

		if (e->valid && (va >> e->shift) == (e->va >> e->shift))
			return e;
	}
	return NULL;
}

void mm_tlb_insert(struct mm_as *as, const struct mm_tlb_entry *e)
{
	as->tlb[as->tlb_next] = *e;
	as->tlb_next = (as->tlb_next + 1) % MM_TLB_ENTRIES;
}

void mm_tlb_invalidate(struct mm_as *as, u64 base, u64 last)
{
	u32 i;

	for (i = 0; i < MM_TLB_ENTRIES; i++) {
		struct mm_tlb_entry *e = &as->tlb[i];
		u64 e_last = e->va + (MM_BIT(e->shift) - 1);

		if (e->valid && e->va <= last && e_last >= base)
			e->valid = false;
	}
}

u32 mm_tlb_count(const struct mm_as *as)
{
	u32 i, n = 0;

	for (i = 0; i < MM_TLB_ENTRIES; i++)
		n += as->tlb[i].valid;
	return n;
}
