// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MCU: boot (cold, fast, failing), the interface it lays out, halt, stop.
 */
#include <string.h>

#include "mt.h"
#include "test_fw.h"

TEST(mcu_boot_lays_out_interface)
{
	struct tf f;
	uint64_t ctrl = TF_SHARED_VA, csg, cs;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_VERSION), 0x01010000);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_FEATURES), 0);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_INSTR_FEATURES), 0x71);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_GROUP_NUM), 8);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_GROUP_STRIDE), 0xa0);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_INPUT_VA), TF_SHARED_VA + 0x2000);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_OUTPUT_VA), TF_SHARED_VA + 0x3000);
	EXPECT_EQ(tf_rd(&f, ctrl + GLB_PRFCNT_SIZE), 7);

	csg = ctrl + 0x1000 + 7 * 0xa0;
	EXPECT_EQ(tf_rd(&f, csg + CSG_STREAM_NUM), 8);
	EXPECT_EQ(tf_rd(&f, csg + CSG_STREAM_STRIDE), 12);
	EXPECT_EQ(tf_rd(&f, csg + CSG_INPUT_VA), TF_SHARED_VA + 0x4000 + 7 * 0x80);
	EXPECT_EQ(tf_rd(&f, csg + CSG_OUTPUT_VA), TF_SHARED_VA + 0x4400 + 7 * 0x40);
	/* A header and a record per stream, in whole pages. */
	EXPECT_GE(tf_rd(&f, csg + CSG_SUSPEND_SIZE),
		  FW_SB_HDR_SIZE + 8 * (FW_SB_CS_EXEC + MM_CS_SAVE_SIZE));
	EXPECT_EQ(tf_rd(&f, csg + CSG_SUSPEND_SIZE) & 0xfff, 0);
	EXPECT_EQ(tf_rd(&f, csg + CSG_PROTM_SUSPEND_SIZE),
		  tf_rd(&f, csg + CSG_SUSPEND_SIZE));

	cs = csg + CSG_CS_CONTROL + 7 * 12;
	/* 96 registers (field 95), 8 scoreboards, compute/fragment/tiler. */
	EXPECT_EQ(tf_rd(&f, cs + CS_FEATURES), 0x7085f);
	EXPECT_EQ(tf_rd(&f, cs + CS_INPUT_VA), TF_SHARED_VA + 0x5000 + 63 * 0x80);
	EXPECT_EQ(tf_rd(&f, cs + CS_OUTPUT_VA), TF_SHARED_VA + 0x7000 + 63 * 0x100);
	/* The last block ends inside the 48 KiB section. */
	EXPECT_LE(tf_rd(&f, cs + CS_OUTPUT_VA) + 0x100, TF_SHARED_VA + TF_SHARED_SIZE);
	EXPECT_EQ(t->gpu->mcu.stats.cold_boots, 1);
}

TEST(mcu_boot_takes_its_time)
{
	struct tf f;

	tf_setup(&f, t);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	th_advance(t, MM_T_MCU_BOOT - 1);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_VERSION), 0);
	th_advance(t, 1);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), JOB_IRQ_GLOBAL);
	EXPECT_TRUE(t->irq[MM_IRQ_JOB]);
}

TEST(mcu_boot_reads_image_through_as0)
{
	struct tf f;

	/* Pages of the vector table, code, stack and interface are walked. */
	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	EXPECT_GE(t->gpu->mmu.as[0].tlb_next, 4);
	EXPECT_EQ(t->gpu->stats.mmu_faults, 0);
}

TEST(mcu_boot_fails_without_as0)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_NO_AS0);
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_MCU_STATUS_CHANGED);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_TRUE(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT) & 1);
	EXPECT_TRUE(th_rd(t, GPU_IRQ_RAWSTAT) & GPU_IRQ_MCU_STATUS_CHANGED);
	EXPECT_EQ(t->gpu->mcu.stats.boot_failures, 1);
}

TEST(mcu_boot_fails_without_vector_table)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_SKIP_VECTOR);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	/* A translation fault at VA 0 in AS0. */
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_FAULTADDRESS_LO)), 0);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_FAULTSTATUS)) & 0xf8, 0xc0);
	EXPECT_TRUE(th_log_has(t, "vector table"));
}

TEST(mcu_boot_fails_with_code_mapped_noexec)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_CODE_NX);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_EQ(th_rd(t, th_as_reg(0, AS_FAULTADDRESS_LO)), TF_CODE_VA);
	EXPECT_EQ(MM_FIELD_GET(AS_FAULTSTATUS_ACCESS,
			       th_rd(t, th_as_reg(0, AS_FAULTSTATUS))),
		  MM_ACCESS_EXECUTE);
}

TEST(mcu_boot_fails_without_stack)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_SKIP_DATA);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_TRUE(th_log_has(t, "stack"));
}

TEST(mcu_boot_fails_without_shared_section)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_SKIP_SHARED);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_EQ(th_rd64(t, th_as_reg(0, AS_FAULTADDRESS_LO)) & ~0xfffull,
		  TF_SHARED_VA + 0x3000);
}

TEST(mcu_boot_fails_with_shared_section_read_only)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_SHARED_RO);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_EQ(MM_FIELD_GET(AS_FAULTSTATUS_EXCEPTION,
			       th_rd(t, th_as_reg(0, AS_FAULTSTATUS))) & 0xf8,
		  0xc8);
}

TEST(mcu_boot_fails_with_l2_off)
{
	struct tf f;

	tf_setup_flags(&f, t, TF_NO_L2);
	EXPECT_FALSE(tf_boot(&f));
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_FATAL);
	EXPECT_TRUE(th_log_has(t, "L2 not powered"));
	/* Nothing was touched through AS0. */
	EXPECT_EQ(tf_rd(&f, TF_SHARED_VA + GLB_VERSION), 0);
}

TEST(mcu_boot_waits_while_as0_locked)
{
	struct tf f;

	tf_setup(&f, t);
	th_as_lock(t, 0, 0, 1ull << 32);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	th_advance(t, MM_T_MCU_BOOT + 3 * MM_T_FW_RETRY);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_GE(t->gpu->mcu.stats.retries, 3);
	th_as_cmd(t, 0, AS_CMD_UNLOCK);
	th_advance(t, MM_T_FW_RETRY);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), JOB_IRQ_GLOBAL);
}

TEST(mcu_enable_while_running_does_not_reboot)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_ENABLE);
	th_advance(t, 2 * MM_T_MCU_BOOT);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), 0);
	EXPECT_EQ(t->gpu->mcu.stats.cold_boots, 1);
}

TEST(mcu_disable_stops_firmware)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	/* Requests are no longer seen. */
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_FALSE(tf_glb_wait(&f, GLB_PING));
}

/* Halt as panthor does: REQ.HALT = 1, ring, poll MCU_STATUS, clear it. */
static bool tf_halt(struct tf *f)
{
	uint64_t in = tf_glb_in(f);
	bool ok;

	tf_wr(f, in + GLB_REQ, tf_rd(f, in + GLB_REQ) | GLB_HALT);
	tf_doorbell(f, 0);
	ok = th_poll(f->t, MCU_STATUS, 0xffffffff, MCU_STATUS_HALT, 10000,
		     100000000);
	tf_wr(f, in + GLB_REQ, tf_rd(f, in + GLB_REQ) & ~GLB_HALT);
	return ok;
}

TEST(mcu_halt_on_request_edge)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	ASSERT_TRUE(tf_halt(&f));
	EXPECT_EQ(tf_rd(&f, tf_glb_out(&f) + GLB_HALT_STATUS), GLB_HALT_OK);
	/* Never acknowledged through GLB_ACK. */
	EXPECT_EQ(tf_rd(&f, tf_glb_out(&f) + GLB_ACK) & GLB_HALT, 0);
	/* The firmware powered its cores down on the way. */
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 0);
	EXPECT_EQ(t->gpu->mcu.stats.halts, 1);
}

TEST(mcu_halt_level_left_set_halts_again_after_boot)
{
	struct tf f;
	uint64_t in;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	in = tf_glb_in(&f);
	tf_wr(&f, in + GLB_REQ, GLB_HALT);
	tf_doorbell(&f, 0);
	ASSERT_TRUE(th_poll(t, MCU_STATUS, 3, MCU_STATUS_HALT, 1000, 1000000));
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	/* REQ.HALT still 1: the next boot's first doorbell halts again. */
	ASSERT_TRUE(tf_boot(&f));
	tf_doorbell(&f, 0);
	EXPECT_TRUE(th_poll(t, MCU_STATUS, 3, MCU_STATUS_HALT, 1000, 1000000));
}

TEST(mcu_fast_boot_after_clean_halt_keeps_output_blocks)
{
	struct tf f;
	uint64_t out;
	uint32_t ack;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	out = tf_glb_out(&f);
	ack = tf_rd(&f, out + GLB_ACK);
	EXPECT_NE(ack, 0);
	ASSERT_TRUE(tf_halt(&f));
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	th_wr(t, GPU_COMMAND, GPU_CMD_RESET | GPU_RESET_SOFT << 8);
	th_advance(t, MM_T_RESET_SOFT);
	ASSERT_TRUE(th_l2_on(t));
	th_as_enable(t, 0, f.mcu_root, TH_TRANSCFG, TH_MEMATTR);
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 0xffffffff);

	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	th_advance(t, MM_T_MCU_FAST_BOOT);
	EXPECT_EQ(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT), JOB_IRQ_GLOBAL);
	EXPECT_EQ(tf_rd(&f, out + GLB_ACK), ack);
	EXPECT_EQ(t->gpu->mcu.stats.fast_boots, 1);
	EXPECT_EQ(t->gpu->mcu.stats.cold_boots, 1);
	/* Requests work as before. */
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
}

TEST(mcu_boot_after_reload_is_cold)
{
	struct tf f;
	uint64_t out;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	out = tf_glb_out(&f);
	ASSERT_TRUE(tf_halt(&f));
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	/* The driver reloads the shared section (ZERO flag). */
	memset(th_mem(t, f.shared_pa), 0, TF_SHARED_SIZE);
	ASSERT_TRUE(tf_boot(&f));
	EXPECT_EQ(t->gpu->mcu.stats.fast_boots, 0);
	EXPECT_EQ(t->gpu->mcu.stats.cold_boots, 2);
	EXPECT_EQ(tf_rd(&f, out + GLB_ACK), 0);
	EXPECT_TRUE(th_log_has(t, "reloaded"));
}

TEST(mcu_boot_after_unclean_stop_is_cold)
{
	struct tf f;
	uint64_t out;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	out = tf_glb_out(&f);
	EXPECT_NE(tf_rd(&f, out + GLB_ACK), 0);
	/* Stopped without a halt: output blocks are rebuilt on the next boot. */
	th_wr(t, MCU_CONTROL, MCU_CONTROL_DISABLE);
	ASSERT_TRUE(tf_boot(&f));
	EXPECT_EQ(tf_rd(&f, out + GLB_ACK), 0);
	EXPECT_EQ(t->gpu->mcu.stats.cold_boots, 2);
}

TEST(mcu_reset_stops_firmware_and_keeps_clean_halt)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	ASSERT_TRUE(tf_halt(&f));
	th_wr(t, GPU_COMMAND, GPU_CMD_RESET | GPU_RESET_SOFT << 8);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	EXPECT_TRUE(t->gpu->mcu.fw.clean_halt);
}

TEST(mcu_gpu_active_follows_work)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE, 0);
}

TEST(mcu_halt_waits_for_as0_unlock)
{
	struct tf f;
	uint64_t in;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot(&f));
	in = tf_glb_in(&f);
	tf_wr(&f, in + GLB_REQ, tf_rd(&f, in + GLB_REQ) | GLB_HALT);
	tf_doorbell(&f, 0);
	th_advance(t, MM_T_FW_REQ);
	/* The driver maps something in the MCU VM meanwhile. */
	th_as_lock(t, 0, TF_SHARED_VA, TF_SHARED_SIZE);
	th_advance(t, 2 * MM_T_FW_HALT);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
	th_as_cmd(t, 0, AS_CMD_UNLOCK);
	th_advance(t, MM_T_FW_RETRY);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_HALT);
	EXPECT_EQ(t->gpu->mcu.stats.panics, 0);
}
