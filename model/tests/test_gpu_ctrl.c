// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GPU_CONTROL: cache flushes and LATEST_FLUSH, counters, faults, MCU
 * control, PWR_KEY, coherency; the doorbell pages.
 */
#include "host.h"
#include "mt.h"

#define FLUSH_ALL	(GPU_CMD_FLUSH_CACHES | 0x3300)	/* L2 + LSC clean+inv */
#define TIME_START	(GPU_CMD_TIME | GPU_TIME_START << 8)
#define TIME_STOP	(GPU_CMD_TIME | GPU_TIME_STOP << 8)

static uint32_t latest_flush(struct th *t)
{
	return th_rd(t, USER_PAGE_BASE + USER_LATEST_FLUSH);
}

TEST(flush_completes_after_a_delay)
{
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_CLEAN_CACHES_COMPLETED);
	th_wr(t, GPU_COMMAND, FLUSH_ALL);
	th_advance(t, MM_T_FLUSH - 1);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	th_advance(t, 1);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_CLEAN_CACHES_COMPLETED);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
}

TEST(gpu_active_while_flushing)
{
	th_wr(t, GPU_COMMAND, FLUSH_ALL);
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE, 0);
	th_advance(t, MM_T_FLUSH);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE, 0);
}

TEST(second_flush_while_pending_is_an_error)
{
	th_wr(t, GPU_COMMAND, FLUSH_ALL);
	th_advance(t, MM_T_FLUSH / 2);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x1100);
	EXPECT_EQ(t->gpu->stats.flush_overlap, 1);
	EXPECT_TRUE(th_log_has(t, "while flush 0x33 is pending"));
	/* The first flush still completes on time, once. */
	th_advance(t, MM_T_FLUSH / 2);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_CLEAN_CACHES_COMPLETED);
	EXPECT_EQ(latest_flush(t), 1);
	th_advance(t, MM_T_FLUSH * 2);
	EXPECT_EQ(latest_flush(t), 1);
}

TEST(latest_flush_advances_per_completed_flush)
{
	unsigned int i;

	EXPECT_EQ(latest_flush(t), 0);
	for (i = 1; i <= 3; i++) {
		th_wr(t, GPU_COMMAND, FLUSH_ALL);
		EXPECT_EQ(latest_flush(t), i - 1);
		th_advance(t, MM_T_FLUSH);
		EXPECT_EQ(latest_flush(t), i);
		th_wr(t, GPU_IRQ_CLEAR, GPU_IRQ_CLEAN_CACHES_COMPLETED);
	}
}

TEST(latest_flush_skips_zero_on_wrap)
{
	t->gpu->user.latest_flush = 0xffffffff;
	th_wr(t, GPU_COMMAND, FLUSH_ALL);
	th_advance(t, MM_T_FLUSH);
	EXPECT_EQ(latest_flush(t), 1);
}

TEST(latest_flush_is_read_only)
{
	th_wr(t, GPU_COMMAND, FLUSH_ALL);
	th_advance(t, MM_T_FLUSH);
	th_wr(t, USER_PAGE_BASE + USER_LATEST_FLUSH, 0x77);
	EXPECT_EQ(latest_flush(t), 1);
	EXPECT_TRUE(th_log_has(t, "read-only USER.USER_LATEST_FLUSH"));
}

TEST(user_page_other_offsets_are_unknown)
{
	EXPECT_EQ(th_rd(t, USER_PAGE_BASE + 4), 0);
	EXPECT_EQ(t->gpu->stats.unknown_reads, 1);
}

TEST(cycle_counter_stopped_by_default)
{
	th_advance(t, 10000);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 0);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_CYCLE_COUNT_ACTIVE, 0);
}

TEST(cycle_counter_counts_at_gpu_clock)
{
	th_wr(t, GPU_COMMAND, TIME_START);
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_CYCLE_COUNT_ACTIVE, 0);
	th_advance(t, 12345);
	/* G610 nominal clock: 1000 MHz, one cycle per ns. */
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 12345);
}

TEST(cycle_counter_stop_freezes_and_restart_continues)
{
	th_wr(t, GPU_COMMAND, TIME_START);
	th_advance(t, 1000);
	th_wr(t, GPU_COMMAND, TIME_STOP);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_CYCLE_COUNT_ACTIVE, 0);
	th_advance(t, 50000);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 1000);
	th_wr(t, GPU_COMMAND, TIME_START);
	th_advance(t, 500);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 1500);
	/* A second start does not restart the counting interval. */
	th_wr(t, GPU_COMMAND, TIME_START);
	th_advance(t, 500);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 2000);
}

TEST(cycle_counter_other_clock)
{
	th_reinit(t, MM_PRODUCT_G310);	/* 800 MHz */
	th_wr(t, GPU_COMMAND, TIME_START);
	th_advance(t, 10000);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 8000);
}

TEST(cycle_counter_is_read_only)
{
	th_wr(t, GPU_COMMAND, TIME_START);
	th_advance(t, 100);
	th_wr(t, CYCLE_COUNT_LO, 0);
	EXPECT_EQ(th_rd64(t, CYCLE_COUNT_LO), 100);
}

TEST(timestamp_runs_at_24mhz)
{
	uint64_t ts0 = th_rd64(t, TIMESTAMP_LO);

	/* now = 1 ms at start: 24000 ticks. */
	EXPECT_EQ(ts0, 24000);
	th_advance(t, 1000000);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_LO) - ts0, 24000);
	th_advance(t, 125);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_LO) - ts0, 24003);
}

TEST(timestamp_offset_is_added)
{
	uint64_t ts0 = th_rd64(t, TIMESTAMP_LO);

	th_wr64(t, TIMESTAMP_OFFSET_LO, 0x100000000ull);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_OFFSET_LO), 0x100000000ull);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_LO), ts0 + 0x100000000ull);
}

TEST(timestamp_high_word_carries)
{
	/* About 179 s of ticks overflow 32 bits. */
	th_advance(t, 200ull * 1000000000ull);
	EXPECT_EQ(th_rd64(t, TIMESTAMP_LO), (200ull * 1000000000ull + 1000000) /
		  125 * 3);
	EXPECT_EQ(th_rd(t, TIMESTAMP_HI), 1);
}

TEST(timestamp_keeps_running_without_time_command)
{
	uint64_t a = th_rd64(t, TIMESTAMP_LO);

	th_advance(t, 1000);
	EXPECT_GT(th_rd64(t, TIMESTAMP_LO), a);
}

TEST(gpu_bus_fault_reporting)
{
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT);
	mm_gpu_bus_fault(t->gpu, 3, 0x123456789ull, MM_ACCESS_WRITE);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(th_rd(t, GPU_FAULTSTATUS),
		  GPU_EXC_BUS_FAULT | 3 << 8 | GPU_FAULTSTATUS_ADDR_VALID |
		  GPU_FAULTSTATUS_JASID_VALID | 3 << 12);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), 0x123456789ull);
}

TEST(gpu_fault_first_one_kept_until_clear_fault)
{
	mm_gpu_bus_fault(t->gpu, 1, 0x1000, MM_ACCESS_READ);
	mm_gpu_bus_fault(t->gpu, 2, 0x2000, MM_ACCESS_WRITE);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), 0x1000);
	EXPECT_EQ(t->gpu->stats.lost_faults, 1);
	th_wr(t, GPU_COMMAND, GPU_CMD_CLEAR_FAULT);
	EXPECT_EQ(th_rd(t, GPU_FAULTSTATUS), 0);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), 0);
	/* CLEAR_FAULT does not touch the interrupt. */
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_FAULT);
	mm_gpu_bus_fault(t->gpu, 2, 0x2000, MM_ACCESS_WRITE);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), 0x2000);
}

TEST(unknown_gpu_command_is_reported)
{
	th_wr(t, GPU_COMMAND, 0x42);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_PA_RANGE);
	EXPECT_EQ(t->gpu->stats.bad_commands, 2);
	EXPECT_TRUE(th_log_has(t, "unknown opcode"));
	th_wr(t, GPU_COMMAND, GPU_CMD_NOP);
	EXPECT_EQ(t->gpu->stats.bad_commands, 2);
}

TEST(unknown_time_payload_is_reported)
{
	th_wr(t, GPU_COMMAND, GPU_CMD_TIME | 5 << 8);
	EXPECT_EQ(t->gpu->stats.bad_commands, 1);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_CYCLE_COUNT_ACTIVE, 0);
}

TEST(pwr_override_needs_the_key)
{
	th_wr(t, PWR_OVERRIDE0, 0x11);
	EXPECT_EQ(th_rd(t, PWR_OVERRIDE0), 0);
	th_wr(t, PWR_KEY, PWR_KEY_UNLOCK);
	th_wr(t, PWR_OVERRIDE0, 0x11);
	EXPECT_EQ(th_rd(t, PWR_OVERRIDE0), 0x11);
	/* The key opens one write only. */
	th_wr(t, PWR_OVERRIDE1, 0x22);
	EXPECT_EQ(th_rd(t, PWR_OVERRIDE1), 0);
	th_wr(t, PWR_KEY, 0x12345678);
	th_wr(t, PWR_OVERRIDE1, 0x22);
	EXPECT_EQ(th_rd(t, PWR_OVERRIDE1), 0);
}

TEST(coherency_enable_accepts_values_and_warns)
{
	th_wr(t, COHERENCY_ENABLE, COHERENCY_NONE);
	EXPECT_EQ(th_rd(t, COHERENCY_ENABLE), COHERENCY_NONE);
	EXPECT_FALSE(th_log_has(t, "COHERENCY_ENABLE"));
	/* G610 reports no ACE-Lite: the write is kept but reported. */
	th_wr(t, COHERENCY_ENABLE, COHERENCY_ACE_LITE);
	EXPECT_EQ(th_rd(t, COHERENCY_ENABLE), COHERENCY_ACE_LITE);
	EXPECT_TRUE(th_log_has(t, "COHERENCY_ENABLE 0 not supported"));
}

TEST(mcu_control_drives_mcu_status)
{
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_MCU_STATUS_CHANGED);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_ENABLE);
	EXPECT_EQ(th_rd(t, MCU_CONTROL), MCU_CONTROL_ENABLE);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_MCU_STATUS_CHANGED);
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	/* No change, no interrupt. */
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_ENABLE);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
}

TEST(mcu_cannot_start_during_reset)
{
	th_wr(t, GPU_COMMAND, GPU_CMD_RESET | GPU_RESET_SOFT << 8);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	EXPECT_TRUE(th_log_has(t, "MCU_CONTROL 0x2 during GPU reset"));
}

TEST(mcu_status_is_read_only)
{
	th_wr(t, MCU_STATUS, MCU_STATUS_ENABLED);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
}

TEST(gpu_status_page_fault_bit_follows_mmu_irq)
{
	th_wr(t, MMU_IRQ_BASE + IRQ_RAWSTAT, MMU_IRQ_FAULT(5));
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_PAGE_FAULT, 0);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, MMU_IRQ_FAULT(5));
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_PAGE_FAULT, 0);
}

TEST(gpu_status_is_read_only)
{
	th_wr(t, GPU_STATUS, 0xffffffff);
	EXPECT_EQ(th_rd(t, GPU_STATUS), 0);
}

TEST(doorbell_ring_latches_and_is_taken)
{
	th_wr(t, DOORBELL_BASE, 1);
	th_wr(t, DOORBELL_BASE + 5 * DOORBELL_STRIDE, 0);	/* any value */
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 0x21);
	EXPECT_EQ(mm_doorbell_take(t->gpu), 0x21);
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 0);
	th_wr(t, DOORBELL_BASE + 5 * DOORBELL_STRIDE, 1);
	EXPECT_EQ(t->gpu->db.count[5], 2);
}

TEST(doorbell_last_page_and_beyond)
{
	th_wr(t, DOORBELL_BASE + 23 * DOORBELL_STRIDE, 1);
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 1u << 23);
	/* 0x80000 + 24 * 0x10000 = 0x200000: outside the window. */
	th_wr(t, DOORBELL_BASE + 24 * DOORBELL_STRIDE, 1);
	EXPECT_EQ(t->gpu->stats.unknown_writes, 1);
}

TEST(doorbell_page_reads_zero_and_other_offsets_unknown)
{
	EXPECT_EQ(th_rd(t, DOORBELL_BASE + DOORBELL_STRIDE), 0);
	th_wr(t, DOORBELL_BASE + DOORBELL_STRIDE + 0x40, 1);
	EXPECT_EQ(mm_doorbell_rung(t->gpu), 0);
	EXPECT_EQ(t->gpu->stats.unknown_writes, 1);
}
