// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fault injection through mm_inject(), one kind at a time.
 */
#include "mt.h"
#include "test_fw.h"

static bool ti_boot(struct tf *f, struct th *t)
{
	tf_setup(f, t);
	return tf_boot_configured(f);
}

TEST(inject_rejects_unknown_kinds_and_arguments)
{
	EXPECT_EQ(mm_inject(t->gpu, MM_FAULT_COUNT, 0), -1);
	EXPECT_EQ(mm_inject(t->gpu, MM_FAULT_BOOT_FAIL, 3), -1);
	EXPECT_EQ(mm_inject(t->gpu, MM_FAULT_PWR_STUCK, 8), -1);
	EXPECT_EQ(mm_inject(t->gpu, MM_FAULT_CS_FAULT, 1ull << 24), -1);
	EXPECT_EQ(mm_inject(t->gpu, MM_FAULT_NONE, 0), 0);
}

TEST(inject_mcu_hang_stops_acknowledging)
{
	struct tf f;

	ASSERT_TRUE(ti_boot(&f, t));
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_MCU_HANG, 0), 0);
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_FALSE(tf_glb_wait(&f, GLB_PING));
	/* A halt request goes unanswered too. */
	tf_wr(&f, tf_glb_in(&f) + GLB_REQ,
	      tf_rd(&f, tf_glb_in(&f) + GLB_REQ) | GLB_HALT);
	tf_doorbell(&f, 0);
	th_advance(t, 10 * MM_T_FW_HALT);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	/* The hardware still stops it, and a reboot cures it. */
	tf_wr(&f, tf_glb_in(&f) + GLB_REQ,
	      tf_rd(&f, tf_glb_in(&f) + GLB_REQ) & ~GLB_HALT);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	ASSERT_TRUE(tf_boot(&f));
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
}

TEST(inject_irq_drop_loses_one_interrupt)
{
	struct tf f;

	ASSERT_TRUE(ti_boot(&f, t));
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_IRQ_DROP, 0), 0);
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));	/* acked all the same */
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_EQ(t->gpu->mcu.inject.dropped, 1);
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), JOB_IRQ_GLOBAL);
}

TEST(inject_irq_drop_can_eat_the_boot_interrupt)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_IRQ_DROP, 1), 0);
	EXPECT_FALSE(tf_boot(&f));
	/* Booted nonetheless: the interface is there. */
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_VERSION), 0x01010000);
}

TEST(inject_pwr_stuck_l2_never_comes_up)
{
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_PWR_STUCK, 1u << MM_PWR_L2), 0);
	th_wr(t, L2_PWRON_LO, 1);
	th_advance(t, 100 * MM_T_PWR_L2);
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, L2_PWRTRANS_LO), 1);
	/* Other domains still work once the fault is cleared... */
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_NONE, 0), 0);
	EXPECT_EQ(t->gpu->timing.pwr_ns[MM_PWR_L2], MM_T_PWR_L2);
}

TEST(inject_pwr_stuck_cores_trip_the_progress_timer)
{
	struct tf f;
	struct tf_queue q;
	uint64_t va, pa, insn[3];

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	/* The firmware's cores never finish powering up. */
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_PWR_STUCK, 1u << MM_PWR_SHADER), 0);
	tf_wr64(&f, tf_glb_in(&f) + GLB_ALLOC_EN, 0x50005);
	tf_wr(&f, tf_glb_in(&f) + GLB_PROGRESS_TIMER, 100);
	tf_glb_toggle(&f, GLB_CFG_ALLOC_EN | GLB_CFG_PROGRESS_TIMER);
	ASSERT_TRUE(tf_glb_wait(&f, GLB_CFG_ALLOC_EN | GLB_CFG_PROGRESS_TIMER));

	va = tf_user_alloc(&f, TH_SZ_4K, &pa);
	tf_queue_init(&f, &q, 4096);
	tf_cs_prog(&f, 0, 0, &q, 1);
	tf_csg_prog(&f, 0, tf_mcu_alloc(&f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&f, 0, CSG_STATE));
	insn[0] = tf_move48(0, va);
	insn[1] = tf_move32(2, 1);
	insn[2] = tf_store32(0, 2);
	tf_queue_push(&f, &q, insn, 3);
	tf_doorbell(&f, 1);
	th_advance(t, 200000);
	EXPECT_EQ(th_r32(t, pa), 0);
	EXPECT_EQ(tf_rd(&f, tf_csg_out(&f, 0) + CSG_ACK) & CSG_PROGRESS_TIMER_EVENT,
		  CSG_PROGRESS_TIMER_EVENT);
}

TEST(inject_bus_fault_on_the_shared_section_panics_the_firmware)
{
	struct tf f;

	ASSERT_TRUE(ti_boot(&f, t));
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT | GPU_IRQ_MCU_STATUS_CHANGED);
	/* The page holding the GLB input block. */
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BUS, f.shared_pa + 0x2000), 0);
	tf_glb_toggle(&f, GLB_PING);
	th_advance(t, 10 * MM_T_FW_REQ);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_EQ(MM_FIELD_GET(GPU_FAULTSTATUS_EXCEPTION,
			       th_rd(t, GPU_FAULTSTATUS)), GPU_EXC_BUS_FAULT);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), f.shared_pa + 0x2000);
	EXPECT_EQ(t->gpu->mcu.stats.panics, 1);
	/* Clearing it restores the host's own ops. */
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_NONE, 0), 0);
	EXPECT_FALSE(t->gpu->mcu.inject.bus_armed);
	EXPECT_TRUE(t->gpu->host == t);
}

TEST(inject_bus_fault_on_a_page_table)
{
	struct tf f;
	uint64_t pa = 0;

	tf_setup(&f, t);
	/* The AS0 root table: the MCU cannot even read its vector table. */
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BUS, f.mcu_root), 0);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_NE(mm_mmu_probe(t->gpu, 0, 0, MM_ACCESS_READ, &pa), 0);
}

TEST(inject_cs_fault_and_fatal)
{
	struct tf f;
	struct tf_queue q;
	uint64_t in, out;

	ASSERT_TRUE(ti_boot(&f, t));
	tf_queue_init(&f, &q, 4096);
	tf_cs_prog(&f, 2, 3, &q, 3);
	tf_csg_prog(&f, 2, tf_mcu_alloc(&f, 0x4000, NULL), CSG_STATE_START,
		    1u << 3);
	ASSERT_TRUE(tf_csg_wait(&f, 2, CSG_STATE));
	in = tf_cs_in(&f, 2, 3);
	out = tf_cs_out(&f, 2, 3);

	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_CS_FAULT, 2 << 16 | 3 << 8), 0);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ((tf_rd(&f, in + CS_REQ) ^ tf_rd(&f, out + CS_ACK)) &
		  CS_FAULT_EVENT, CS_FAULT_EVENT);
	EXPECT_EQ(tf_rd(&f, out + CS_FAULT), FW_EXC_DATA_INVALID_FAULT);
	EXPECT_TRUE(t->gpu->mcu.fw.csg[2].cs[3].fault_wait);
	/* The host acknowledges: the stream goes on. */
	tf_wr(&f, in + CS_REQ, (tf_rd(&f, in + CS_REQ) & ~CS_FAULT_EVENT) |
	      (tf_rd(&f, out + CS_ACK) & CS_FAULT_EVENT));
	tf_cs_kick(&f, 2, 1u << 3);
	th_advance(t, 10 * MM_T_FW_REQ);
	EXPECT_FALSE(t->gpu->mcu.fw.csg[2].cs[3].fault_wait);

	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_CS_FATAL, 2 << 16 | 3 << 8 | 0x41),
		  0);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ(tf_rd(&f, out + CS_FATAL), 0x41);
	EXPECT_TRUE(t->gpu->mcu.fw.csg[2].cs[3].fatal);
}

TEST(inject_cs_fault_waits_for_the_stream_to_start)
{
	struct tf f;
	struct tf_queue q;

	ASSERT_TRUE(ti_boot(&f, t));
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_CS_FAULT, 0), 0);
	th_advance(t, 100000);
	EXPECT_TRUE(t->gpu->mcu.inject.cs_fault_armed);
	tf_queue_init(&f, &q, 4096);
	tf_cs_prog(&f, 0, 0, &q, 1);
	tf_csg_prog(&f, 0, tf_mcu_alloc(&f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&f, 0, CSG_STATE));
	th_advance(t, 20000);
	EXPECT_FALSE(t->gpu->mcu.inject.cs_fault_armed);
	EXPECT_TRUE(t->gpu->mcu.fw.csg[0].cs[0].fault_wait);
}

TEST(inject_boot_failure_fatal)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BOOT_FAIL, MM_BOOT_FAIL_FATAL), 0);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	/* One boot only: the next one works. */
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	EXPECT_TRUE(tf_boot(&f));
}

TEST(inject_boot_failure_silent)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BOOT_FAIL, MM_BOOT_FAIL_SILENT), 0);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_VERSION), 0);
}

TEST(inject_boot_failure_without_version)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BOOT_FAIL, MM_BOOT_FAIL_NO_VERSION),
		  0);
	EXPECT_TRUE(tf_boot(&f));
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_VERSION), 0);
	/* Everything else is laid out. */
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_GROUP_NUM), 8);
}

TEST(inject_none_disarms_everything)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_BOOT_FAIL, 0), 0);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_IRQ_DROP, 5), 0);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_PWR_STUCK, 0), 0);
	ASSERT_EQ(mm_inject(t->gpu, MM_FAULT_NONE, 0), 0);
	EXPECT_TRUE(tf_boot(&f));
	EXPECT_EQ(t->gpu->timing.pwr_ns[MM_PWR_SHADER], MM_T_PWR_SHADER);
}
