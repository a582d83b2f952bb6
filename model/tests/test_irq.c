// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IRQ quartets: RAWSTAT/CLEAR/MASK/STATUS semantics and line levels.
 */
#include "host.h"
#include "mt.h"

static const struct {
	u32 base;
	enum mm_irq_line line;
} quartets[] = {
	{ GPU_IRQ_BASE, MM_IRQ_GPU },
	{ JOB_CONTROL_BASE, MM_IRQ_JOB },
	{ MMU_IRQ_BASE, MM_IRQ_MMU },
};

TEST(rawstat_latches_regardless_of_mask)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		u32 b = quartets[i].base;

		th_wr(t, b + IRQ_RAWSTAT, 0x5);
		EXPECT_EQ(th_rd(t, b + IRQ_RAWSTAT), 0x5);
		EXPECT_EQ(th_rd(t, b + IRQ_STATUS), 0);
		EXPECT_FALSE(t->irq[quartets[i].line]);
	}
}

TEST(status_is_rawstat_and_mask)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		u32 b = quartets[i].base;

		th_wr(t, b + IRQ_RAWSTAT, 0x30);
		th_wr(t, b + IRQ_MASK, 0x21);
		EXPECT_EQ(th_rd(t, b + IRQ_MASK), 0x21);
		EXPECT_EQ(th_rd(t, b + IRQ_STATUS), 0x20);
		EXPECT_TRUE(t->irq[quartets[i].line]);
	}
}

TEST(unmasking_a_pending_source_raises_the_line)
{
	th_wr(t, JOB_CONTROL_BASE + IRQ_RAWSTAT, JOB_IRQ_GLOBAL);
	EXPECT_EQ(t->irq_changes[MM_IRQ_JOB], 0);
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 0xffffffff);
	EXPECT_TRUE(t->irq[MM_IRQ_JOB]);
	EXPECT_EQ(t->irq_changes[MM_IRQ_JOB], 1);
}

TEST(clear_is_write_one_to_clear)
{
	th_wr(t, GPU_IRQ_RAWSTAT, 0x301);
	th_wr(t, GPU_IRQ_CLEAR, 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0x301);
	th_wr(t, GPU_IRQ_CLEAR, 0x100);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0x201);
	th_wr(t, GPU_IRQ_CLEAR, 0xffffffff);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
}

TEST(clear_lowers_the_line)
{
	th_wr(t, MMU_IRQ_BASE + IRQ_MASK, 0xffff);
	th_wr(t, MMU_IRQ_BASE + IRQ_RAWSTAT, 0x3);
	EXPECT_TRUE(t->irq[MM_IRQ_MMU]);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0x1);
	EXPECT_TRUE(t->irq[MM_IRQ_MMU]);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0x2);
	EXPECT_FALSE(t->irq[MM_IRQ_MMU]);
	EXPECT_EQ(t->irq_changes[MM_IRQ_MMU], 2);
}

TEST(masking_lowers_line_but_keeps_rawstat)
{
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_RESET_COMPLETED);
	th_wr(t, GPU_IRQ_RAWSTAT, GPU_IRQ_RESET_COMPLETED);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	/* Panthor's hard-IRQ half: mask everything, keep RAWSTAT. */
	th_wr(t, GPU_IRQ_MASK, 0);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_RESET_COMPLETED);
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_RESET_COMPLETED);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
}

TEST(level_changes_are_reported_once)
{
	th_wr(t, GPU_IRQ_MASK, 0xffffffff);
	th_wr(t, GPU_IRQ_RAWSTAT, 0x1);
	th_wr(t, GPU_IRQ_RAWSTAT, 0x2);	/* already high */
	th_wr(t, GPU_IRQ_MASK, 0xfffffffe);	/* still high via bit 1 */
	EXPECT_EQ(t->irq_changes[MM_IRQ_GPU], 1);
	th_wr(t, GPU_IRQ_CLEAR, 0x3);
	th_wr(t, GPU_IRQ_CLEAR, 0x3);	/* already low */
	EXPECT_EQ(t->irq_changes[MM_IRQ_GPU], 2);
	EXPECT_EQ(t->gpu->stats.irq_edges[MM_IRQ_GPU], 2);
}

TEST(lines_are_independent)
{
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 1);
	th_wr(t, JOB_CONTROL_BASE + IRQ_RAWSTAT, 1);
	EXPECT_TRUE(t->irq[MM_IRQ_JOB]);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	EXPECT_FALSE(t->irq[MM_IRQ_MMU]);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
}

TEST(status_register_is_read_only)
{
	th_wr(t, GPU_IRQ_STATUS, 0xffffffff);
	EXPECT_EQ(th_rd(t, GPU_IRQ_STATUS), 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(t->gpu->stats.ro_writes, 1);
}

TEST(internal_raise_and_clear)
{
	mm_irq_set_mask(t->gpu, MM_IRQ_JOB, 0x80000001);
	mm_irq_raise(t->gpu, MM_IRQ_JOB, 0x80000000);
	EXPECT_TRUE(t->irq[MM_IRQ_JOB]);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_STATUS), 0x80000000);
	mm_irq_clear(t->gpu, MM_IRQ_JOB, 0x80000000);
	EXPECT_FALSE(t->irq[MM_IRQ_JOB]);
}

TEST(panthor_threaded_handler_pattern)
{
	u32 pending;

	/* Two sources fire, the handler masks, processes, clears, unmasks. */
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT | GPU_IRQ_CLEAN_CACHES_COMPLETED);
	mm_irq_raise(t->gpu, MM_IRQ_GPU, GPU_IRQ_CLEAN_CACHES_COMPLETED |
		     GPU_IRQ_POWER_CHANGED_ALL);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(th_rd(t, GPU_IRQ_STATUS), GPU_IRQ_CLEAN_CACHES_COMPLETED);
	th_wr(t, GPU_IRQ_MASK, 0);
	pending = th_rd(t, GPU_IRQ_RAWSTAT) &
		  (GPU_IRQ_FAULT | GPU_IRQ_CLEAN_CACHES_COMPLETED);
	th_wr(t, GPU_IRQ_CLEAR, pending);
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT | GPU_IRQ_CLEAN_CACHES_COMPLETED);
	EXPECT_FALSE(t->irq[MM_IRQ_GPU]);
	/* The unmasked source stays latched. */
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), GPU_IRQ_POWER_CHANGED_ALL);
}
