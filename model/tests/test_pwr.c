// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Power domains: transitions, timing, interrupts and the L2 rule.
 */
#include "host.h"
#include "mt.h"

TEST(l2_power_up_goes_through_transition)
{
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	th_advance(t, MM_T_PWR_L2 - 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	th_advance(t, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 1);
}

TEST(power_change_interrupts)
{
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_POWER_CHANGED_ALL);
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	th_advance(t, MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT),
		  GPU_IRQ_POWER_CHANGED_SINGLE | GPU_IRQ_POWER_CHANGED_ALL);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
}

TEST(power_changed_all_waits_for_every_domain)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_wr(t, TILER_PWRON_LO, 1);
	th_advance(t, MM_T_PWR_TILER / 2);
	th_wr(t, SHADER_PWRON_LO, 0x1);
	th_advance(t, MM_T_PWR_TILER / 2);
	/* Tiler done, shader core still in transition. */
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_POWER_CHANGED_SINGLE);
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_advance(t, MM_T_PWR_SHADER / 2);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT),
		  GPU_IRQ_POWER_CHANGED_SINGLE | GPU_IRQ_POWER_CHANGED_ALL);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 1);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 1);
}

TEST(shader_power_up_refused_while_l2_off)
{
	th_wr(t, SHADER_PWRON_LO, 0x50005);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0);
	th_advance(t, MM_T_PWR_SHADER * 4);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
	EXPECT_EQ(t->gpu->stats.pwr_refused, 1);
	EXPECT_TRUE(th_log_has(t, "SHADER_PWRON 0x50005 refused: L2 is not ready"));
	/* Refused, not queued: powering the L2 later does not revive it. */
	ASSERT_TRUE(th_l2_on(t));
	th_advance(t, MM_T_PWR_SHADER * 4);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
}

TEST(tiler_power_up_refused_while_l2_in_transition)
{
	th_wr(t, L2_PWRON_LO, 1);
	th_wr(t, TILER_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, TILER_PWRTRANS_LO), 0);
	EXPECT_EQ(t->gpu->stats.pwr_refused, 1);
	th_advance(t, MM_T_PWR_L2 + MM_T_PWR_TILER);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 0);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 1);
}

TEST(shader_power_up_after_l2)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0x50005);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x50005);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0);
}

TEST(absent_units_are_ignored)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0xffffffff);
	th_wr(t, SHADER_PWRON_HI, 0xffffffff);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x50005);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_HI), 0);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	EXPECT_EQ(th_rd(t, SHADER_READY_HI), 0);
	EXPECT_TRUE(th_log_has(t, "absent units"));
}

TEST(power_down_clears_ready_at_once)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0x5);
	th_advance(t, MM_T_PWR_SHADER);
	th_wr(t, SHADER_PWROFF_LO, 0x4);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x1);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x4);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x1);
}

TEST(l2_power_off_refused_while_cores_powered)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, TILER_PWRON_LO, 1);
	th_advance(t, MM_T_PWR_TILER);
	th_wr(t, L2_PWROFF_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 1);
	EXPECT_EQ(t->gpu->stats.pwr_refused, 1);
	EXPECT_TRUE(th_log_has(t, "L2_PWROFF refused"));
}

TEST(l2_power_off_after_cores)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, TILER_PWRON_LO, 1);
	th_advance(t, MM_T_PWR_TILER);
	th_wr(t, TILER_PWROFF_LO, 1);
	/* Still in transition down: the L2 must wait. */
	th_wr(t, L2_PWROFF_LO, 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 1);
	th_advance(t, MM_T_PWR_TILER);
	th_wr(t, L2_PWROFF_LO, 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	th_advance(t, MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
}

TEST(power_off_during_power_up_is_queued)
{
	th_wr(t, L2_PWRON_LO, 1);
	th_advance(t, MM_T_PWR_L2 / 2);
	th_wr(t, L2_PWROFF_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	th_advance(t, MM_T_PWR_L2 / 2);
	/* Up finished, down started from that moment. */
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	th_advance(t, MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
}

TEST(power_on_of_ready_unit_is_a_no_op)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
	th_advance(t, MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
}

TEST(gpu_status_power_active_during_transition)
{
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_PWR_ACTIVE, 0);
	th_advance(t, MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_PWR_ACTIVE, 0);
}

TEST(staggered_requests_complete_separately)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0x1);
	th_advance(t, MM_T_PWR_SHADER / 2);
	th_wr(t, SHADER_PWRON_LO, 0x4);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x5);
	th_advance(t, MM_T_PWR_SHADER / 2);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x1);
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x4);
	th_advance(t, MM_T_PWR_SHADER / 2);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x5);
}

TEST(internal_power_request_api)
{
	EXPECT_FALSE(mm_pwr_request(t->gpu, MM_PWR_SHADER, 1, true));
	EXPECT_TRUE(mm_pwr_request(t->gpu, MM_PWR_L2, 1, true));
	th_advance(t, MM_T_PWR_L2);
	EXPECT_TRUE(mm_pwr_request(t->gpu, MM_PWR_SHADER, 0x50005, true));
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(mm_pwr_ready(t->gpu, MM_PWR_SHADER), 0x50005);
	EXPECT_FALSE(mm_pwr_request(t->gpu, MM_PWR_L2, 1, false));
}

TEST(panthor_l2_power_on_sequence)
{
	/* Wait for no transition, write PWRON, poll READY (100 us steps). */
	EXPECT_TRUE(th_poll(t, L2_PWRTRANS_LO, 1, 0, 100000, 20000000));
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_TRUE(th_poll(t, L2_READY_LO, 1, 1, 100000, 20000000));
}

TEST(pwractive_reads_zero)
{
	ASSERT_TRUE(th_l2_on(t));
	EXPECT_EQ(th_rd(t, L2_PWRACTIVE_LO), 0);
	EXPECT_EQ(th_rd(t, SHADER_PWRACTIVE_LO), 0);
	EXPECT_EQ(th_rd(t, TILER_PWRACTIVE_HI), 0);
}

TEST(g310_single_core_power)
{
	th_reinit(t, MM_PRODUCT_G310);
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0xf);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x1);
}
