// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GPU_COMMAND RESET: timing, completion, and what a reset puts back.
 */
#include "host.h"
#include "mt.h"

#define SOFT_RESET	(GPU_CMD_RESET | GPU_RESET_SOFT << 8)
#define HARD_RESET	(GPU_CMD_RESET | GPU_RESET_HARD << 8)
#define FAST_RESET	(GPU_CMD_RESET | GPU_RESET_FAST << 8)

TEST(soft_reset_completes_after_a_delay)
{
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
	th_advance(t, MM_T_RESET_SOFT - 1);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
	th_advance(t, 1);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED,
		  GPU_IRQ_RESET_COMPLETED);
	EXPECT_EQ(t->gpu->stats.resets, 1);
}

TEST(reset_asks_host_for_a_kick)
{
	t->kicked = false;
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_TRUE(t->kicked);
	EXPECT_EQ(t->kick_at, t->now + MM_T_RESET_SOFT);
	/* The host's run at that time completes it and raises the line. */
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_RESET_COMPLETED);
	t->now = t->kick_at;
	mm_run(t->gpu);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
}

TEST(hard_reset_takes_longer)
{
	th_wr(t, GPU_COMMAND, HARD_RESET);
	th_advance(t, MM_T_RESET_SOFT);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
	th_advance(t, MM_T_RESET_HARD - MM_T_RESET_SOFT);
	EXPECT_NE(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
}

TEST(fast_reset_completes)
{
	th_wr(t, GPU_COMMAND, FAST_RESET);
	EXPECT_TRUE(th_poll(t, GPU_IRQ_RAWSTAT, GPU_IRQ_RESET_COMPLETED,
			    GPU_IRQ_RESET_COMPLETED, 1000, 1000000));
}

TEST(reset_clears_all_irq_masks)
{
	th_wr(t, GPU_IRQ_MASK, 0xffffffff);
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 0xffffffff);
	th_wr(t, MMU_IRQ_BASE + IRQ_MASK, 0xffff);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, GPU_IRQ_MASK), 0);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_MASK), 0);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_MASK), 0);
	/* So the completion does not interrupt an unprepared driver. */
	th_advance(t, MM_T_RESET_SOFT);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	EXPECT_NE(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
}

TEST(mask_written_after_reset_command_gets_the_interrupt)
{
	/* kbase's order: command first, then unmask RESET_COMPLETED. */
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_RESET_COMPLETED);
	th_advance(t, MM_T_RESET_SOFT);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(th_rd(t, GPU_IRQ_STATUS), GPU_IRQ_RESET_COMPLETED);
}

TEST(reset_drops_pending_interrupts)
{
	th_wr(t, GPU_IRQ_MASK, 0xffffffff);
	th_wr(t, GPU_IRQ_RAWSTAT, GPU_IRQ_FAULT);
	th_wr(t, JOB_CONTROL_BASE + IRQ_RAWSTAT, 0x80000001);
	th_wr(t, MMU_IRQ_BASE + IRQ_RAWSTAT, 0x4);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
}

TEST(reset_restores_coherency_and_config_registers)
{
	th_wr(t, COHERENCY_ENABLE, COHERENCY_ACE_LITE);
	th_wr(t, L2_CONFIG, 0x01000000);
	th_wr64(t, TIMESTAMP_OFFSET_LO, 0x1234);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, COHERENCY_ENABLE), COHERENCY_NONE);
	EXPECT_EQ(th_rd(t, L2_CONFIG), 0);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_OFFSET_LO), 0);
	/* Identity registers are untouched. */
	EXPECT_EQ(th_rd(t, GPU_ID), 0xa8670005);
}

TEST(reset_powers_everything_off)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0x50005);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
	th_advance(t, MM_T_RESET_SOFT);
	/* And it stays off: a soft reset leaves the L2 off (§1.8). */
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
}

TEST(reset_abandons_power_transitions)
{
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	th_advance(t, MM_T_PWR_L2 + MM_T_RESET_SOFT);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_POWER_CHANGED_ALL, 0);
}

TEST(reset_stops_the_mcu)
{
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	EXPECT_EQ(th_rd(t, MCU_CONTROL), MCU_CONTROL_DISABLE);
}

TEST(reset_clears_address_spaces)
{
	uint64_t root = th_pt_new(t);

	th_as_enable(t, 2, root, TH_TRANSCFG, TH_MEMATTR);
	th_wr64(t, th_as_reg(2, AS_LOCKADDR_LO), th_lockaddr(0, 0x8000));
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(th_rd64(t, th_as_reg(2, AS_TRANSTAB_LO)), 0);
	EXPECT_EQ(th_rd64(t, th_as_reg(2, AS_TRANSCFG_LO)), 0);
	EXPECT_EQ(th_rd64(t, th_as_reg(2, AS_MEMATTR_LO)), 0);
	EXPECT_EQ(th_rd64(t, th_as_reg(2, AS_LOCKADDR_LO)), 0);
	EXPECT_EQ(t->gpu->mmu.as[2].transcfg, 0);
}

TEST(reset_forgets_translations)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	u32 v = 0;

	th_map(t, root, 0x10000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, 1, root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(mm_mmu_access(t->gpu, 1, 0x10000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_OK);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_advance(t, MM_T_RESET_SOFT);
	/* The AS is unconfigured again: the access faults, TLB or not. */
	EXPECT_EQ(mm_mmu_access(t->gpu, 1, 0x10000, &v, 4, MM_ACCESS_READ),
		  MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, th_as_reg(1, AS_FAULTSTATUS)) & 0xff,
		  MMU_EXC_TRANSLATION(0));
}

TEST(commands_during_reset_are_ignored)
{
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x3300);
	EXPECT_EQ(t->gpu->stats.cmds_during_reset, 1);
	EXPECT_TRUE(th_log_has(t, "during reset ignored"));
	th_advance(t, MM_T_RESET_SOFT + MM_T_FLUSH);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_CLEAN_CACHES_COMPLETED, 0);
}

TEST(power_and_mmu_requests_during_reset_are_refused)
{
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	EXPECT_EQ(t->gpu->stats.pwr_refused, 1);
	th_wr(t, th_as_reg(0, AS_COMMAND), AS_CMD_UPDATE);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
	EXPECT_EQ(t->gpu->stats.as_cmd_refused, 1);
	th_advance(t, MM_T_RESET_SOFT);
	/* After completion the same requests work. */
	EXPECT_TRUE(th_l2_on(t));
}

TEST(hard_reset_restarts_a_soft_reset)
{
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_advance(t, MM_T_RESET_SOFT / 2);
	th_wr(t, GPU_COMMAND, HARD_RESET);
	th_advance(t, MM_T_RESET_SOFT);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
	th_advance(t, MM_T_RESET_HARD - MM_T_RESET_SOFT);
	EXPECT_NE(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_RESET_COMPLETED, 0);
	EXPECT_EQ(t->gpu->stats.resets, 2);
}

TEST(unknown_reset_kind_is_ignored)
{
	th_wr(t, GPU_IRQ_MASK, 0x1234);
	th_wr(t, GPU_COMMAND, GPU_CMD_RESET | 7 << 8);
	EXPECT_EQ(th_rd(t, GPU_IRQ_MASK), 0x1234);
	EXPECT_EQ(t->gpu->stats.bad_commands, 1);
	th_advance(t, MM_T_RESET_HARD);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
}

TEST(reset_cancels_a_pending_flush)
{
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x3300);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_advance(t, MM_T_RESET_SOFT + MM_T_FLUSH);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_CLEAN_CACHES_COMPLETED, 0);
	EXPECT_EQ(th_rd(t, USER_PAGE_BASE + USER_LATEST_FLUSH), 0);
	/* And a new flush is accepted without an overlap error. */
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x3300);
	EXPECT_EQ(t->gpu->stats.flush_overlap, 0);
}

TEST(reset_stops_and_zeroes_the_cycle_counter)
{
	th_wr(t, GPU_COMMAND, GPU_CMD_TIME | GPU_TIME_START << 8);
	th_advance(t, 5000);
	EXPECT_NE(th_rd64(t, CYCLE_COUNT_LO), 0);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	th_advance(t, 5000);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 0);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_CYCLE_COUNT_ACTIVE, 0);
}

TEST(reset_drops_rung_doorbells)
{
	th_wr(t, DOORBELL_BASE + 3 * DOORBELL_STRIDE, 1);
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 1u << 3);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 0);
}

TEST(panthor_soft_reset_sequence)
{
	/* Clear the bit, issue, wait (falling back to RAWSTAT polling). */
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT | GPU_IRQ_RESET_COMPLETED);
	th_wr(t, GPU_IRQ_CLEAR, GPU_IRQ_RESET_COMPLETED);
	th_wr(t, GPU_COMMAND, SOFT_RESET);
	EXPECT_TRUE(th_poll(t, GPU_IRQ_RAWSTAT, GPU_IRQ_RESET_COMPLETED,
			    GPU_IRQ_RESET_COMPLETED, 10000, 100000000));
	EXPECT_LE(t->now - 1000000, 100000);
	/* Then the L2 comes back up as the driver asks. */
	EXPECT_TRUE(th_l2_on(t));
}
