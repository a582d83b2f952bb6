// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: the global interface, one request bit at a time.
 */
#include <string.h>

#include "mt.h"
#include "test_fw.h"

static void tf_clear_job_irq(struct tf *f)
{
	th_wr(f->t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
}

static uint32_t tf_job_raw(struct tf *f)
{
	return th_rd(f->t, JOB_CONTROL_BASE + IRQ_RAWSTAT);
}

static uint32_t tf_glb_ack(struct tf *f)
{
	return tf_rd(f, tf_glb_out(f) + GLB_ACK);
}

static void tf_glb_mask(struct tf *f, uint32_t mask)
{
	tf_wr(f, tf_glb_in(f) + GLB_ACK_IRQ_MASK, mask);
}

/* Set or clear a level request bit and ring. */
static void tf_glb_level(struct tf *f, uint32_t bit, bool on)
{
	uint64_t in = tf_glb_in(f);
	uint32_t req = tf_rd(f, in + GLB_REQ);

	tf_wr(f, in + GLB_REQ, on ? req | bit : req & ~bit);
	tf_doorbell(f, 0);
}

static bool tf_booted(struct tf *f, struct th *t)
{
	tf_setup(f, t);
	if (!tf_boot(f))
		return false;
	tf_clear_job_irq(f);
	return true;
}

TEST(glb_ping_is_acknowledged_with_irq)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_glb_mask(&f, GLB_PING);
	tf_glb_toggle(&f, GLB_PING);
	/* Nothing happens before the firmware's reaction time. */
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, 0);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, GLB_PING);
	EXPECT_EQ(tf_job_raw(&f), JOB_IRQ_GLOBAL);
	/* A second toggle goes back to 0, and interrupts again. */
	tf_clear_job_irq(&f);
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, 0);
	EXPECT_EQ(tf_job_raw(&f), JOB_IRQ_GLOBAL);
}

TEST(glb_ack_irq_mask_gates_the_interrupt)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_glb_mask(&f, GLB_CFG_ALLOC_EN);
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
	EXPECT_EQ(tf_job_raw(&f), 0);
}

TEST(glb_requests_wait_for_the_doorbell)
{
	struct tf f;
	uint64_t in;

	ASSERT_TRUE(tf_booted(&f, t));
	in = tf_glb_in(&f);
	tf_wr(&f, in + GLB_REQ, tf_rd(&f, in + GLB_REQ) ^ GLB_PING);
	th_advance(t, 100 * MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, 0);
	/* A doorbell other than 0 does not look at GLB either. */
	tf_doorbell(&f, 3);
	th_advance(t, 10 * MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, 0);
	tf_doorbell(&f, 0);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PING, GLB_PING);
}

TEST(glb_cfg_alloc_en_powers_cores_and_tiler)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_wr64(&f, tf_glb_in(&f) + GLB_ALLOC_EN, 0x5);
	tf_glb_toggle(&f, GLB_CFG_ALLOC_EN);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_CFG_ALLOC_EN));
	EXPECT_EQ(th_rd(t, SHADER_PWRTRANS_LO), 0x5);
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x5);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 1);
	/* A narrower mask powers the others down. */
	tf_wr64(&f, tf_glb_in(&f) + GLB_ALLOC_EN, 0x1);
	tf_glb_toggle(&f, GLB_CFG_ALLOC_EN);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_CFG_ALLOC_EN));
	th_advance(t, MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x1);
}

TEST(glb_cfg_progress_timer_is_latched)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	EXPECT_EQ(t->gpu->mcu.fw.progress_ns, MM_T_NEVER);
	tf_wr(&f, tf_glb_in(&f) + GLB_PROGRESS_TIMER, 1000);
	/* Not applied until requested. */
	tf_glb_toggle(&f, GLB_PING);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PING));
	EXPECT_EQ(t->gpu->mcu.fw.progress_ns, MM_T_NEVER);
	tf_glb_toggle(&f, GLB_CFG_PROGRESS_TIMER);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_CFG_PROGRESS_TIMER));
	/* 1000 x 1024 cycles at 1 GHz. */
	EXPECT_EQ(t->gpu->mcu.fw.progress_ns, 1024000);
}

TEST(glb_cfg_pwroff_timer_powers_idle_cores_down)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0x50005);
	/* 10 units of 1024 GPU cycles: 10.24 us. */
	tf_wr(&f, tf_glb_in(&f) + GLB_PWROFF_TIMER, GLB_TIMER_SOURCE_GPU | 10);
	tf_glb_toggle(&f, GLB_CFG_PWROFF_TIMER);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_CFG_PWROFF_TIMER));
	EXPECT_EQ(t->gpu->mcu.fw.pwroff_ns, 10240);
	th_advance(t, 10240 + MM_T_PWR_SHADER);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
	EXPECT_EQ(th_rd(t, TILER_READY_LO), 0);
	EXPECT_FALSE(t->gpu->mcu.fw.cores_on);
}

TEST(glb_idle_enable_raises_idle_after_timer)
{
	struct tf f;
	uint64_t in;

	ASSERT_TRUE(tf_booted(&f, t));
	in = tf_glb_in(&f);
	/* 24 units of 1024 ticks of the 24 MHz system timer: 1024 us. */
	tf_wr(&f, in + GLB_IDLE_TIMER, 24);
	tf_glb_mask(&f, GLB_IDLE_ENABLE | GLB_IDLE);
	tf_glb_level(&f, GLB_IDLE_ENABLE, true);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_IDLE_ENABLE));
	EXPECT_EQ(tf_glb_ack(&f) & GLB_IDLE_ENABLE, GLB_IDLE_ENABLE);
	tf_clear_job_irq(&f);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_IDLE, 0);
	th_advance(t, 1024000 - 2 * MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_IDLE, 0);
	th_advance(t, 2 * MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_IDLE, GLB_IDLE);
	EXPECT_EQ(tf_job_raw(&f), JOB_IRQ_GLOBAL);
	/* Once per idle period, even after the host acknowledges it. */
	tf_wr(&f, in + GLB_REQ, (tf_rd(&f, in + GLB_REQ) & ~GLB_IDLE) |
	      (tf_glb_ack(&f) & GLB_IDLE));
	tf_clear_job_irq(&f);
	th_advance(t, 10 * 1024000);
	EXPECT_EQ(tf_job_raw(&f), 0);
}

TEST(glb_idle_disabled_raises_nothing)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_wr(&f, tf_glb_in(&f) + GLB_IDLE_TIMER, 1);
	tf_glb_mask(&f, 0xffffffff);
	th_advance(t, 10000000);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_IDLE, 0);
	EXPECT_EQ(tf_job_raw(&f), 0);
}

TEST(glb_level_requests_follow_req)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_glb_level(&f, GLB_COUNTER_ENABLE, true);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_COUNTER_ENABLE));
	EXPECT_EQ(tf_glb_ack(&f) & GLB_COUNTER_ENABLE, GLB_COUNTER_ENABLE);
	tf_glb_level(&f, GLB_COUNTER_ENABLE, false);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_COUNTER_ENABLE));
	EXPECT_EQ(tf_glb_ack(&f) & GLB_COUNTER_ENABLE, 0);
}

TEST(glb_plain_toggles_are_acknowledged)
{
	static const uint32_t bits[] = {
		GLB_FIRMWARE_CONFIG_UPDATE, GLB_PROTM_ENTER, GLB_SLEEP,
	};
	struct tf f;
	unsigned int i;

	ASSERT_TRUE(tf_booted(&f, t));
	for (i = 0; i < MM_ARRAY_SIZE(bits); i++) {
		tf_glb_toggle(&f, bits[i]);
		EXPECT_TRUE(tf_glb_wait(&f, bits[i]));
		EXPECT_EQ(tf_glb_ack(&f) & bits[i], bits[i]);
	}
	EXPECT_TRUE(th_log_has(t, "protected mode not modelled"));
	/* The MCU stays up after SLEEP. */
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_ENABLED);
}

TEST(glb_iter_trace_is_not_in_interface_1_1)
{
	struct tf f;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_glb_level(&f, GLB_ITER_TRACE_ENABLE, true);
	EXPECT_FALSE(tf_glb_wait(&f, GLB_ITER_TRACE_ENABLE));
}

TEST(glb_several_requests_in_one_doorbell)
{
	struct tf f;
	uint32_t all = GLB_CFG_ALLOC_EN | GLB_CFG_PWROFF_TIMER |
		       GLB_CFG_PROGRESS_TIMER | GLB_PING;

	unsigned int edges;

	ASSERT_TRUE(tf_booted(&f, t));
	edges = t->irq_changes[MM_IRQ_JOB];
	tf_glb_mask(&f, all);
	tf_glb_toggle(&f, all);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ(tf_glb_ack(&f) & all, all);
	/* One step, one interrupt line raise. */
	EXPECT_EQ(t->irq_changes[MM_IRQ_JOB], edges + 1);
}

TEST(glb_doorbell_words_are_copied)
{
	struct tf f;
	uint64_t in;

	ASSERT_TRUE(tf_booted(&f, t));
	in = tf_glb_in(&f);
	tf_wr(&f, in + GLB_DB_REQ, 0x5);
	tf_doorbell(&f, 0);
	th_advance(t, MM_T_FW_REQ);
	EXPECT_EQ(tf_rd(&f, tf_glb_out(&f) + GLB_DB_ACK), 0x5);
}

/* Counter ring of 4 samples in AS1. */
static uint64_t tf_prfcnt_setup(struct tf *f, uint64_t *pa)
{
	uint64_t in = tf_glb_in(f), va;
	uint32_t size = tf_rd(f, TF_SHARED_VA + GLB_PRFCNT_SIZE) * 256;

	va = tf_user_alloc(f, 4 * size, pa);
	tf_wr(f, in + GLB_PRFCNT_JASID, TF_USER_AS);
	tf_wr64(f, in + GLB_PRFCNT_BASE, va);
	tf_wr(f, in + GLB_PRFCNT_CONFIG, 4);
	tf_wr(f, in + GLB_PRFCNT_EXTRACT, 0);
	return va;
}

TEST(glb_prfcnt_enable_resets_insert)
{
	struct tf f;
	uint64_t pa;

	ASSERT_TRUE(tf_booted(&f, t));
	tf_prfcnt_setup(&f, &pa);
	tf_wr(&f, tf_glb_out(&f) + GLB_PRFCNT_INSERT, 7);
	tf_glb_level(&f, GLB_PRFCNT_ENABLE, true);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_ENABLE));
	EXPECT_EQ(tf_rd(&f, tf_glb_out(&f) + GLB_PRFCNT_INSERT), 0);
}

TEST(glb_prfcnt_samples_threshold_and_overflow)
{
	struct tf f;
	uint64_t pa, out;
	uint32_t size;
	int i;

	ASSERT_TRUE(tf_booted(&f, t));
	out = tf_glb_out(&f);
	size = tf_rd(&f, TF_SHARED_VA + GLB_PRFCNT_SIZE) * 256;
	tf_prfcnt_setup(&f, &pa);
	memset(th_mem(t, pa), 0xee, 4 * size);
	tf_glb_level(&f, GLB_PRFCNT_ENABLE, true);
	ASSERT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_ENABLE));

	tf_glb_toggle(&f, GLB_PRFCNT_SAMPLE);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_SAMPLE));
	EXPECT_EQ(tf_rd(&f, out + GLB_PRFCNT_INSERT), 1);
	EXPECT_EQ(th_r32(t, pa), 0);			/* sample 0 written */
	EXPECT_EQ(th_r32(t, pa + size), 0xeeeeeeee);	/* sample 1 not yet */
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PRFCNT_THRESHOLD, 0);

	tf_glb_toggle(&f, GLB_PRFCNT_SAMPLE);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_SAMPLE));
	/* Half full. */
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PRFCNT_THRESHOLD, GLB_PRFCNT_THRESHOLD);

	for (i = 0; i < 2; i++) {
		tf_glb_toggle(&f, GLB_PRFCNT_SAMPLE);
		EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_SAMPLE));
	}
	EXPECT_EQ(tf_rd(&f, out + GLB_PRFCNT_INSERT), 4);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PRFCNT_OVERFLOW, 0);
	/* Full: the next sample is dropped and reported. */
	tf_glb_toggle(&f, GLB_PRFCNT_SAMPLE);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_SAMPLE));
	EXPECT_EQ(tf_rd(&f, out + GLB_PRFCNT_INSERT), 4);
	EXPECT_EQ(tf_glb_ack(&f) & GLB_PRFCNT_OVERFLOW, GLB_PRFCNT_OVERFLOW);
	/* The host consumes: room again. */
	tf_wr(&f, tf_glb_in(&f) + GLB_PRFCNT_EXTRACT, 2);
	tf_glb_toggle(&f, GLB_PRFCNT_SAMPLE);
	EXPECT_TRUE(tf_glb_wait(&f, GLB_PRFCNT_SAMPLE));
	EXPECT_EQ(tf_rd(&f, out + GLB_PRFCNT_INSERT), 5);
}

TEST(glb_timer_conversions)
{
	/* System timer at 24 MHz, GPU clock at 1 GHz on the G610. */
	EXPECT_EQ(mm_fw_timer_to_ns(t->gpu, 24), 1024000);
	EXPECT_EQ(mm_fw_timer_to_ns(t->gpu, GLB_TIMER_SOURCE_GPU | 1), 1024);
	EXPECT_EQ(mm_fw_cycles_to_ns(t->gpu, 2560000ull << 10), 2621440000ull);
}
