// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Model time: event ordering, kicks, catching up on register access.
 */
#include "host.h"
#include "mt.h"

TEST(events_complete_in_time_order)
{
	th_wr(t, L2_PWRON_LO, 1);				/* 20 us */
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x3300);	/* 5 us */
	th_advance(t, 10000);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_CLEAN_CACHES_COMPLETED);
	th_advance(t, 10000);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT),
		  GPU_IRQ_CLEAN_CACHES_COMPLETED | GPU_IRQ_POWER_CHANGED_SINGLE |
		  GPU_IRQ_POWER_CHANGED_ALL);
}

TEST(kick_points_at_the_earliest_event)
{
	t->kicked = false;
	th_wr(t, L2_PWRON_LO, 1);
	EXPECT_EQ(t->kick_at, t->now + MM_T_PWR_L2);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES);
	EXPECT_EQ(t->kick_at, t->now + MM_T_FLUSH);
}

TEST(run_requests_the_next_kick)
{
	th_wr(t, L2_PWRON_LO, 1);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES);
	t->now += MM_T_FLUSH;
	t->kicked = false;
	mm_run(t->gpu);
	EXPECT_TRUE(t->kicked);
	EXPECT_EQ(t->kick_at, t->now + MM_T_PWR_L2 - MM_T_FLUSH);
}

TEST(register_access_catches_up_without_run)
{
	th_wr(t, L2_PWRON_LO, 1);
	t->now += MM_T_PWR_L2;	/* no mm_run() */
	EXPECT_EQ(th_rd(t, L2_READY_LO), 1);
}

TEST(follow_on_events_are_timed_from_the_event)
{
	/*
	 * Power-off requested during power-up: the down transition starts
	 * when the up one ended, even if the host looks much later.
	 */
	th_wr(t, L2_PWRON_LO, 1);
	th_advance(t, 1000);
	th_wr(t, L2_PWROFF_LO, 1);
	t->now += MM_T_PWR_L2 - 1000 + MM_T_PWR_L2 / 2;
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	t->now += MM_T_PWR_L2 / 2;
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
}

TEST(large_time_step_runs_everything)
{
	ASSERT_TRUE(th_l2_on(t));
	th_wr(t, SHADER_PWRON_LO, 0x50005);
	th_wr(t, TILER_PWRON_LO, 1);
	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES);
	th_wr(t, th_as_reg(0, AS_COMMAND), AS_CMD_UPDATE);
	th_advance(t, 1000000000ull);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 1);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_STATUS)), 0);
	EXPECT_EQ(th_rd(t, GPU_STATUS), 0);
}

TEST(internal_schedule_and_cancel)
{
	uint64_t when;

	mm_event_schedule(t->gpu, MM_EV_MCU, 7, 5000);
	EXPECT_TRUE(mm_event_pending(t->gpu, MM_EV_MCU, 7, &when));
	EXPECT_EQ(when, t->now + 5000);
	EXPECT_EQ(mm_now(t->gpu), t->now);
	mm_event_schedule(t->gpu, MM_EV_MCU, 7, 9000);	/* moves it */
	EXPECT_TRUE(mm_event_pending(t->gpu, MM_EV_MCU, 7, &when));
	EXPECT_EQ(when, t->now + 9000);
	mm_event_cancel(t->gpu, MM_EV_MCU, 7);
	EXPECT_FALSE(mm_event_pending(t->gpu, MM_EV_MCU, 7, NULL));
}

TEST(clock_never_runs_backwards)
{
	uint64_t ts = th_rd64(t, TIMESTAMP_LO);

	t->now -= 500000;	/* a misbehaving host clock */
	EXPECT_GE(th_rd64(t, TIMESTAMP_LO), ts);
}

TEST(stuck_unit_never_completes)
{
	/* What fault injection will do: a power-up that never ends. */
	t->gpu->timing.pwr_ns[MM_PWR_L2] = ~0ull;
	th_wr(t, L2_PWRON_LO, 1);
	th_advance(t, 10ull * 1000000000ull);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	/* A reset still recovers the GPU. */
	th_wr(t, GPU_COMMAND, GPU_CMD_RESET | GPU_RESET_HARD << 8);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 0);
}
