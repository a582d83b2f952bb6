// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MMU address-space registers and commands: AS_ACTIVE protocol, latching
 * on UPDATE, LOCK/UNLOCK/FLUSH, LOCKADDR decoding.
 */
#include "host.h"
#include "mt.h"

/* An AS with one 4 KiB page at @va, returns the page PA. */
static uint64_t setup_one_page(struct th *t, unsigned int as, uint64_t va)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, va, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, as, root, TH_TRANSCFG, TH_MEMATTR);
	return page;
}

TEST(as_registers_read_back)
{
	unsigned int as;

	for (as = 0; as < 8; as++) {
		th_wr64(t, th_as_reg(as, AS_TRANSTAB_LO), 0x80001000ull + as);
		th_wr64(t, th_as_reg(as, AS_MEMATTR_LO), TH_MEMATTR);
		th_wr64(t, th_as_reg(as, AS_TRANSCFG_LO), TH_TRANSCFG);
		th_wr64(t, th_as_reg(as, AS_LOCKADDR_LO), 0xabc000ull | 14);
	}
	for (as = 0; as < 8; as++) {
		EXPECT_EQ(th_rd64(t, th_as_reg(as, AS_TRANSTAB_LO)),
			  0x80001000ull + as);
		EXPECT_EQ(th_rd64(t, th_as_reg(as, AS_MEMATTR_LO)), TH_MEMATTR);
		EXPECT_EQ(th_rd64(t, th_as_reg(as, AS_TRANSCFG_LO)), TH_TRANSCFG);
		EXPECT_EQ(th_rd64(t, th_as_reg(as, AS_LOCKADDR_LO)),
			  0xabc000ull | 14);
	}
}

TEST(fault_registers_are_read_only)
{
	th_wr(t, th_as_reg(0, AS_FAULTSTATUS), 0xc1);
	th_wr(t, th_as_reg(0, AS_FAULTADDRESS_LO), 0x1000);
	th_wr(t, th_as_reg(0, AS_STATUS), 1);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_FAULTSTATUS)), 0);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_FAULTADDRESS_LO)), 0);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
	EXPECT_EQ(t->gpu->stats.ro_writes, 3);
}

TEST(command_sets_as_active_for_a_while)
{
	th_wr(t, th_as_reg(1, AS_COMMAND), AS_CMD_UPDATE);
	EXPECT_EQ(th_rd(t, th_as_reg(1, AS_STATUS)) & AS_STATUS_ACTIVE,
		  AS_STATUS_ACTIVE);
	EXPECT_EQ(th_rd(t, th_as_reg(2, AS_STATUS)), 0);
	th_advance(t, MM_T_AS_CMD - 1);
	EXPECT_EQ(th_rd(t, th_as_reg(1, AS_STATUS)) & AS_STATUS_ACTIVE,
		  AS_STATUS_ACTIVE);
	th_advance(t, 1);
	EXPECT_EQ(th_rd(t, th_as_reg(1, AS_STATUS)), 0);
}

TEST(flush_commands_take_longer)
{
	th_as_lock(t, 0, 0, 0x8000);
	th_wr(t, th_as_reg(0, AS_COMMAND), AS_CMD_FLUSH_MEM);
	th_advance(t, MM_T_AS_CMD);
	EXPECT_NE(th_rd(t, th_as_reg(0, AS_STATUS)) & AS_STATUS_ACTIVE, 0);
	th_advance(t, MM_T_AS_FLUSH - MM_T_AS_CMD);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
}

TEST(command_while_active_is_ignored)
{
	uint64_t root = th_pt_new(t);

	th_wr64(t, th_as_reg(1, AS_TRANSTAB_LO), root);
	th_wr64(t, th_as_reg(1, AS_TRANSCFG_LO), TH_TRANSCFG);
	th_wr(t, th_as_reg(1, AS_COMMAND), AS_CMD_LOCK);
	th_wr(t, th_as_reg(1, AS_COMMAND), AS_CMD_UPDATE);
	EXPECT_EQ(t->gpu->stats.as_cmd_refused, 1);
	EXPECT_TRUE(th_log_has(t, "AS1: UPDATE while LOCK still active ignored"));
	th_as_wait(t, 1);
	/* The UPDATE never happened. */
	EXPECT_EQ(t->gpu->mmu.as[1].transcfg, 0);
}

TEST(gpu_active_while_as_command_runs)
{
	th_wr(t, th_as_reg(3, AS_COMMAND), AS_CMD_UPDATE);
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE, 0);
	th_as_wait(t, 3);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE, 0);
}

TEST(config_takes_effect_only_on_update_completion)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t pa;

	th_map(t, root, 0x4000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_wr64(t, th_as_reg(1, AS_TRANSTAB_LO), root);
	th_wr64(t, th_as_reg(1, AS_MEMATTR_LO), TH_MEMATTR);
	th_wr64(t, th_as_reg(1, AS_TRANSCFG_LO), TH_TRANSCFG);
	EXPECT_NE(mm_mmu_probe(t->gpu, 1, 0x4000, MM_ACCESS_READ, &pa), 0);
	th_wr(t, th_as_reg(1, AS_COMMAND), AS_CMD_UPDATE);
	/* Still the old (unconfigured) AS while UPDATE runs. */
	EXPECT_NE(mm_mmu_probe(t->gpu, 1, 0x4000, MM_ACCESS_READ, &pa), 0);
	th_as_wait(t, 1);
	EXPECT_EQ(mm_mmu_probe(t->gpu, 1, 0x4000, MM_ACCESS_READ, &pa), 0);
	EXPECT_EQ(pa, page);
}

TEST(rewriting_transtab_without_update_has_no_effect)
{
	uint64_t page = setup_one_page(t, 2, 0x8000), pa;

	th_wr64(t, th_as_reg(2, AS_TRANSTAB_LO), th_pt_new(t));
	th_wr64(t, th_as_reg(2, AS_TRANSCFG_LO), AS_ADRMODE_UNMAPPED);
	th_as_flush(t, 2, 0, 1ull << 48, AS_CMD_FLUSH_PT);
	EXPECT_EQ(mm_mmu_probe(t->gpu, 2, 0x8000, MM_ACCESS_READ, &pa), 0);
	EXPECT_EQ(pa, page);
	th_as_cmd(t, 2, AS_CMD_UPDATE);
	EXPECT_EQ(mm_mmu_probe(t->gpu, 2, 0x8000, MM_ACCESS_READ, &pa),
		  MMU_EXC_TRANSLATION(0));
}

TEST(lockaddr_decode_minimum_region)
{
	uint64_t base, last;

	/* Size field 14: 2^15 = 32 KiB; base bits below it are ignored. */
	EXPECT_EQ(mm_mmu_lockaddr_decode(0x12345000ull | 14, &base, &last), 15);
	EXPECT_EQ(base, 0x12340000ull);
	EXPECT_EQ(last, 0x12347fffull);
}

TEST(lockaddr_decode_clamps_small_sizes)
{
	uint64_t base, last;

	EXPECT_EQ(mm_mmu_lockaddr_decode(0x5000ull | 11, &base, &last), 15);
	EXPECT_EQ(base, 0);
	EXPECT_EQ(last, 0x7fffull);
	EXPECT_EQ(mm_mmu_lockaddr_decode(0x5000ull, &base, &last), 15);
}

TEST(lockaddr_decode_large_and_everything)
{
	uint64_t base, last;

	EXPECT_EQ(mm_mmu_lockaddr_decode(0x7fc0300000ull | 20, &base, &last), 21);
	EXPECT_EQ(base, 0x7fc0200000ull);
	EXPECT_EQ(last, 0x7fc03fffffull);
	EXPECT_EQ(mm_mmu_lockaddr_decode(47, &base, &last), 48);
	EXPECT_EQ(last, (1ull << 48) - 1);
	/* Panthor's "lock everything". */
	EXPECT_EQ(mm_mmu_lockaddr_decode(0xfffffffffffff000ull | 63, &base,
					 &last), 64);
	EXPECT_EQ(base, 0);
	EXPECT_EQ(last, ~0ull);
}

TEST(lockaddr_region_covers_driver_range)
{
	static const uint64_t ranges[][2] = {
		{ 0x10000, 0x1000 }, { 0x1ff000, 0x2000 },
		{ 0x7fff0000, 0x20000 }, { 0x400000000ull, 0x200000 },
	};
	unsigned int i;

	for (i = 0; i < 4; i++) {
		uint64_t base, last, va = ranges[i][0], size = ranges[i][1];

		mm_mmu_lockaddr_decode(th_lockaddr(va, size), &base, &last);
		EXPECT_LE(base, va);
		EXPECT_GE(last, va + size - 1);
	}
}

TEST(lock_stalls_accesses_in_region_only)
{
	uint64_t page = setup_one_page(t, 1, 0x40000), pa;
	u32 v;

	/* A second page outside the lock, in the same tables. */
	th_map(t, t->gpu->mmu.as[1].transtab, 0x80000,
	       th_alloc(t, TH_SZ_4K, TH_SZ_4K), TH_SZ_4K, TH_PTE_RW_NX);
	th_as_lock(t, 1, 0x40000, 0x1000);
	EXPECT_EQ(mm_mmu_access(t->gpu, 1, 0x80000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_OK);
	EXPECT_EQ(mm_mmu_access(t->gpu, 1, 0x40000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_STALLED);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 1, 0x40ffc, MM_ACCESS_READ, &pa),
		  MM_MMU_STALLED);
	/* Stalls are not faults. */
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
	th_as_cmd(t, 1, AS_CMD_UNLOCK);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 1, 0x40ffc, MM_ACCESS_READ, &pa),
		  MM_MMU_OK);
	EXPECT_EQ(pa, page + 0xffc);
}

TEST(lock_takes_effect_before_command_completes)
{
	u32 v;

	setup_one_page(t, 1, 0x40000);
	th_wr64(t, th_as_reg(1, AS_LOCKADDR_LO), th_lockaddr(0x40000, 0x1000));
	th_wr(t, th_as_reg(1, AS_COMMAND), AS_CMD_LOCK);
	EXPECT_EQ(mm_mmu_access(t->gpu, 1, 0x40000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_STALLED);
}

TEST(flush_pt_and_flush_mem_unlock)
{
	u32 v;

	setup_one_page(t, 4, 0x40000);
	th_as_flush(t, 4, 0x40000, 0x1000, AS_CMD_FLUSH_PT);
	EXPECT_EQ(mm_mmu_access(t->gpu, 4, 0x40000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_OK);
	th_as_flush(t, 4, 0x40000, 0x1000, AS_CMD_FLUSH_MEM);
	EXPECT_EQ(mm_mmu_access(t->gpu, 4, 0x40000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_OK);
	EXPECT_FALSE(t->gpu->mmu.as[4].locked);
}

TEST(flush_without_lock_is_reported)
{
	th_as_cmd(t, 0, AS_CMD_FLUSH_PT);
	EXPECT_EQ(t->gpu->stats.flush_without_lock, 1);
	EXPECT_TRUE(th_log_has(t, "AS0: FLUSH_PT without LOCK"));
	/* A bare UNLOCK is harmless. */
	th_as_cmd(t, 0, AS_CMD_UNLOCK);
	EXPECT_EQ(t->gpu->stats.flush_without_lock, 1);
}

TEST(unknown_as_command_is_ignored)
{
	th_wr(t, th_as_reg(0, AS_COMMAND), 9);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
	EXPECT_EQ(t->gpu->stats.bad_commands, 1);
	th_wr(t, th_as_reg(0, AS_COMMAND), AS_CMD_NOP);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
	EXPECT_EQ(t->gpu->stats.bad_commands, 1);
}

TEST(panthor_enable_and_disable_sequence)
{
	uint64_t page = setup_one_page(t, 5, 0x100000), pa;

	/* Disable: LOCK all + FLUSH_MEM, zero tables, UNMAPPED, UPDATE. */
	th_wr64(t, th_as_reg(5, AS_LOCKADDR_LO), 63);
	th_as_cmd(t, 5, AS_CMD_LOCK);
	th_as_cmd(t, 5, AS_CMD_FLUSH_MEM);
	th_wr64(t, th_as_reg(5, AS_TRANSTAB_LO), 0);
	th_wr64(t, th_as_reg(5, AS_MEMATTR_LO), 0);
	th_wr64(t, th_as_reg(5, AS_TRANSCFG_LO), AS_ADRMODE_UNMAPPED);
	th_as_cmd(t, 5, AS_CMD_UPDATE);
	EXPECT_EQ(mm_mmu_probe(t->gpu, 5, 0x100000, MM_ACCESS_READ, &pa),
		  MMU_EXC_TRANSLATION(0));
	EXPECT_EQ(t->gpu->stats.as_cmd_refused, 0);
	(void)page;
}
