// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * TLB behaviour: translations stay stale until the driver invalidates them
 * with UNLOCK/FLUSH_PT/FLUSH_MEM on a locked region, or UPDATE.
 */
#include "host.h"
#include "mt.h"

#define AS	2

struct tlb_setup {
	uint64_t root;
	uint64_t leaf;	/* PA of the descriptor of VA */
	uint64_t page;
	uint64_t va;
};

static void setup(struct th *t, struct tlb_setup *s, uint64_t va)
{
	s->root = th_pt_new(t);
	s->page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	s->va = va;
	s->leaf = th_map(t, s->root, va, s->page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, AS, s->root, TH_TRANSCFG, TH_MEMATTR);
}

static int xlate(struct th *t, uint64_t va, enum mm_access_type type,
		 uint64_t *pa)
{
	return mm_mmu_translate(t->gpu, AS, va, type, pa);
}

TEST(unmap_without_flush_keeps_stale_translation)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, 0);	/* unmap, no TLB maintenance */
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, s.page);
	EXPECT_GE(t->gpu->stats.tlb_hits, 1);
}

TEST(lock_and_flush_pt_drops_the_stale_entry)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, 0);
	th_as_flush(t, AS, s.va, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, th_as_reg(AS, AS_FAULTSTATUS)) & 0xff,
		  MMU_EXC_TRANSLATION(3));
}

TEST(flush_mem_and_unlock_also_invalidate)
{
	static const uint32_t cmds[] = { AS_CMD_FLUSH_MEM, AS_CMD_UNLOCK };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tlb_setup s;
		uint64_t pa;

		th_reinit(t, MM_PRODUCT_G610);
		setup(t, &s, 0x100000);
		EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
		th_w64(t, s.leaf, 0);
		th_as_flush(t, AS, s.va, TH_SZ_4K, cmds[i]);
		EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
	}
}

TEST(flush_of_another_region_keeps_the_entry)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, 0);
	/* 32 KiB lock region at 0x108000 does not cover 0x100000. */
	th_as_flush(t, AS, 0x108000, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	/* The lock region is 32 KiB: 0x104000 shares it with 0x100000. */
	th_as_flush(t, AS, 0x104000, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
}

TEST(remap_without_flush_uses_old_pa)
{
	struct tlb_setup s;
	uint64_t pa, other = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va + 8, MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, other | TH_PTE_RW_NX | PTE_VALID | PTE_TYPE_TABLE);
	EXPECT_EQ(xlate(t, s.va + 8, MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, s.page + 8);
	th_as_flush(t, AS, s.va, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, s.va + 8, MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, other + 8);
}

TEST(permission_change_is_stale_until_flush)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, th_r64(t, s.leaf) | PTE_AP_RDONLY);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	th_as_flush(t, AS, s.va, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_WRITE, &pa), MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, th_as_reg(AS, AS_FAULTSTATUS)) & 0xff,
		  MMU_EXC_PERMISSION(3));
}

TEST(cached_entry_still_checks_permissions)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	/* A TLB hit does not bypass the XN check. */
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_EXECUTE, &pa), MM_MMU_FAULT);
	EXPECT_GE(t->gpu->stats.tlb_hits, 1);
}

TEST(faults_are_not_cached)
{
	struct tlb_setup s;
	uint64_t pa, page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, 0x200000, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0xffffffff);
	th_map(t, s.root, 0x200000, page, TH_SZ_4K, TH_PTE_RW_NX);
	/* Mapping a previously invalid VA needs no TLB maintenance. */
	EXPECT_EQ(xlate(t, 0x200000, MM_ACCESS_READ, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, page);
}

TEST(update_invalidates_the_whole_tlb)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	EXPECT_EQ(mm_tlb_count(&t->gpu->mmu.as[AS]), 1);
	th_w64(t, s.leaf, 0);
	th_as_cmd(t, AS, AS_CMD_UPDATE);
	EXPECT_EQ(mm_tlb_count(&t->gpu->mmu.as[AS]), 0);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
}

TEST(tlb_is_per_address_space)
{
	struct tlb_setup s;
	uint64_t pa;

	setup(t, &s, 0x100000);
	th_as_enable(t, 4, s.root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 4, s.va, MM_ACCESS_READ, &pa),
		  MM_MMU_OK);
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, s.leaf, 0);
	th_as_flush(t, 4, s.va, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 4, s.va, MM_ACCESS_READ, &pa),
		  MM_MMU_FAULT);
	/* AS2 was not flushed and still has the old entry. */
	EXPECT_EQ(xlate(t, s.va, MM_ACCESS_READ, &pa), MM_MMU_OK);
}

TEST(block_entry_invalidated_by_overlapping_region)
{
	uint64_t root = th_pt_new(t), blk = th_alloc(t, TH_SZ_2M, TH_SZ_2M);
	uint64_t leaf, pa;

	leaf = th_map(t, root, 0x600000, blk, TH_SZ_2M, TH_PTE_RW_NX);
	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(xlate(t, 0x600000, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, leaf, 0);
	/* Flush a 32 KiB region in the middle of the 2 MiB block. */
	th_as_flush(t, AS, 0x700000, TH_SZ_4K, AS_CMD_FLUSH_PT);
	EXPECT_EQ(xlate(t, 0x600000, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
}

TEST(tlb_capacity_evicts_round_robin)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t leaf0 = 0, pa;
	unsigned int i;

	for (i = 0; i <= MM_TLB_ENTRIES; i++) {
		uint64_t leaf = th_map(t, root, 0x1000000 + i * TH_SZ_4K, page,
				       TH_SZ_4K, TH_PTE_RW_NX);
		if (!i)
			leaf0 = leaf;
	}
	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(xlate(t, 0x1000000, MM_ACCESS_READ, &pa), MM_MMU_OK);
	th_w64(t, leaf0, 0);
	for (i = 1; i < MM_TLB_ENTRIES; i++)
		xlate(t, 0x1000000 + i * TH_SZ_4K, MM_ACCESS_READ, &pa);
	/* Still cached: 64 entries in use. */
	EXPECT_EQ(xlate(t, 0x1000000, MM_ACCESS_READ, &pa), MM_MMU_OK);
	EXPECT_EQ(mm_tlb_count(&t->gpu->mmu.as[AS]), MM_TLB_ENTRIES);
	/* One more translation evicts the oldest entry, page 0. */
	xlate(t, 0x1000000 + MM_TLB_ENTRIES * TH_SZ_4K, MM_ACCESS_READ, &pa);
	EXPECT_EQ(xlate(t, 0x1000000, MM_ACCESS_READ, &pa), MM_MMU_FAULT);
}

TEST(tlb_hit_avoids_a_walk)
{
	struct tlb_setup s;
	uint64_t pa, walks;

	setup(t, &s, 0x100000);
	xlate(t, s.va, MM_ACCESS_READ, &pa);
	walks = t->gpu->stats.walks;
	xlate(t, s.va + 0x800, MM_ACCESS_READ, &pa);
	EXPECT_EQ(t->gpu->stats.walks, walks);
	xlate(t, s.va + 0x1000, MM_ACCESS_READ, &pa);
	EXPECT_EQ(t->gpu->stats.walks, walks + 1);
}
