// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: command stream groups and their streams, driven as a driver
 * drives them, with the CS interpreter running real instruction streams.
 */
#include <string.h>

#include "mt.h"
#include "test_fw.h"

#define TF_DB		1u	/* doorbell of group 0's queues */

/* A booted firmware, one queue on CS 0 of CSG 0, group started. */
struct tg {
	struct tf f;
	struct tf_queue q;
	uint64_t sb;		/* suspend buffer MCU VA */
	uint64_t obj_va;	/* a scratch object in the user VM */
	uint64_t obj_pa;
};

static bool tg_start(struct tg *g, struct th *t)
{
	struct tf *f = &g->f;
	uint32_t size;

	tf_setup(f, t);
	if (!tf_boot_configured(f))
		return false;
	size = tf_rd(f, TF_SHARED_VA + 0x1000 + CSG_SUSPEND_SIZE);
	g->sb = tf_mcu_alloc(f, size, NULL);
	g->obj_va = tf_user_alloc(f, TH_SZ_4K, &g->obj_pa);
	tf_queue_init(f, &g->q, 4096);
	tf_cs_prog(f, 0, 0, &g->q, TF_DB);
	tf_csg_prog(f, 0, g->sb, CSG_STATE_START, 1);
	if (!tf_csg_wait(f, 0, CSG_STATE | CSG_ENDPOINT_CONFIG))
		return false;
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	return true;
}

static uint32_t tg_csg_ack(struct tg *g, unsigned int n)
{
	return tf_rd(&g->f, tf_csg_out(&g->f, n) + CSG_ACK);
}

static uint32_t tg_cs_out(struct tg *g, unsigned int n, unsigned int k,
			  uint32_t off)
{
	return tf_rd(&g->f, tf_cs_out(&g->f, n, k) + off);
}

/* Copy the CSG event bits of ACK into REQ, as the host acknowledges. */
static void tg_csg_ack_events(struct tg *g, unsigned int n)
{
	uint64_t in = tf_csg_in(&g->f, n);
	uint32_t ev = CSG_SYNC_UPDATE | CSG_IDLE | CSG_PROGRESS_TIMER_EVENT;

	tf_wr(&g->f, in + CSG_REQ, (tf_rd(&g->f, in + CSG_REQ) & ~ev) |
	      (tg_csg_ack(g, n) & ev));
}

/* Push @insn to the queue and ring its doorbell. */
static void tg_submit(struct tg *g, const uint64_t *insn, unsigned int n)
{
	tf_queue_push(&g->f, &g->q, insn, n);
	tf_doorbell(&g->f, TF_DB);
}

/* "Write a value" the way the stock driver's job epilogue bumps its seqno. */
static void tg_write_value(struct tg *g, uint64_t va, uint32_t value)
{
	uint64_t insn[] = {
		tf_move48(0, va),
		tf_move32(2, value),
		tf_store32(0, 2),
	};

	tg_submit(g, insn, MM_ARRAY_SIZE(insn));
}

TEST(csg_start_acknowledges_and_configures)
{
	struct tg g;
	uint64_t out;

	ASSERT_TRUE(tg_start(&g, t));
	out = tf_csg_out(&g.f, 0);
	EXPECT_EQ(MM_FIELD_GET(CSG_STATE, tg_csg_ack(&g, 0)), CSG_STATE_START);
	/* Four cores allowed and requested, one tiler. */
	EXPECT_EQ(tf_rd(&g.f, out + CSG_STATUS_EP_CURRENT),
		  MM_FIELD_PREP(CSG_EP_COMPUTE, 4) |
		  MM_FIELD_PREP(CSG_EP_FRAGMENT, 4) |
		  MM_FIELD_PREP(CSG_EP_TILER, 1));
	EXPECT_EQ(th_r32(t, g.q.out_pa + RB_OUTPUT_ACTIVE), 1);
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_ACK) & CS_STATE, CS_STATE_START);
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_ACK) & (CS_IDLE_EMPTY | CS_IDLE_SYNC_WAIT),
		  CS_IDLE_EMPTY | CS_IDLE_SYNC_WAIT);
	EXPECT_EQ(t->gpu->mcu.fw.csg[0].as, TF_USER_AS);
}

TEST(csg_start_raises_job_irq_for_its_slot)
{
	struct tf f;
	struct tf_queue q;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	tf_queue_init(&f, &q, 4096);
	tf_cs_prog(&f, 3, 0, &q, 4);
	tf_csg_prog(&f, 3, tf_mcu_alloc(&f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&f, 3, CSG_STATE | CSG_ENDPOINT_CONFIG));
	EXPECT_TRUE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(3));
	EXPECT_FALSE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
}

TEST(csg_stream_writes_a_value)
{
	struct tg g;

	ASSERT_TRUE(tg_start(&g, t));
	tg_write_value(&g, g.obj_va, 0xc0ffee);
	th_advance(t, 20000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0xc0ffee);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), g.q.insert);
}

TEST(csg_stream_runs_only_on_its_doorbell)
{
	struct tg g;
	uint64_t insn[] = { tf_move48(0, 0), tf_move32(2, 7), tf_store32(0, 2) };

	ASSERT_TRUE(tg_start(&g, t));
	insn[0] = tf_move48(0, g.obj_va);
	tf_queue_push(&g.f, &g.q, insn, 3);
	tf_doorbell(&g.f, TF_DB + 1);
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), 0);
	tf_doorbell(&g.f, TF_DB);
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 7);
}

TEST(csg_doorbell_routes_to_bound_streams)
{
	struct tg g;
	struct tf_queue q2;
	uint64_t sb2, pa2, va2;
	uint64_t insn[3];

	ASSERT_TRUE(tg_start(&g, t));
	/* A second group in slot 2 with two queues on doorbell 3. */
	tf_queue_init(&g.f, &q2, 4096);
	va2 = tf_user_alloc(&g.f, TH_SZ_4K, &pa2);
	sb2 = tf_mcu_alloc(&g.f, 0x4000, NULL);
	tf_cs_prog(&g.f, 2, 1, &q2, 3);
	tf_csg_prog(&g.f, 2, sb2, CSG_STATE_START, 2);
	ASSERT_TRUE(tf_csg_wait(&g.f, 2, CSG_STATE));

	insn[0] = tf_move48(0, va2);
	insn[1] = tf_move32(2, 0x22);
	insn[2] = tf_store32(0, 2);
	tf_queue_push(&g.f, &q2, insn, 3);
	insn[0] = tf_move48(0, g.obj_va);
	insn[1] = tf_move32(2, 0x11);
	tf_queue_push(&g.f, &g.q, insn, 3);

	tf_doorbell(&g.f, 3);
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, pa2), 0x22);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0);
	tf_doorbell(&g.f, TF_DB);
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0x11);
}

TEST(csg_sync_add_raises_sync_update)
{
	struct tg g;
	uint64_t insn[] = {
		tf_move48(92, 0), tf_move48(94, 1), tf_sync_add64(92, 94),
	};

	ASSERT_TRUE(tg_start(&g, t));
	insn[0] = tf_move48(92, g.obj_va);
	tg_submit(&g, insn, 3);
	th_advance(t, 50000);
	EXPECT_EQ(th_r64(t, g.obj_pa), 1);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_SYNC_UPDATE, CSG_SYNC_UPDATE);
	EXPECT_TRUE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
	/* Not toggled back by a second update the host has not seen. */
	tg_submit(&g, insn, 3);
	th_advance(t, 50000);
	EXPECT_EQ(th_r64(t, g.obj_pa), 2);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_SYNC_UPDATE, CSG_SYNC_UPDATE);
	/* After the host's acknowledgement, the next one toggles again. */
	tg_csg_ack_events(&g, 0);
	tg_submit(&g, insn, 3);
	th_advance(t, 50000);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_SYNC_UPDATE, 0);
}

TEST(csg_idle_event_when_ring_drains)
{
	struct tg g;

	ASSERT_TRUE(tg_start(&g, t));
	/* An empty started group is idle once the firmware looked at it. */
	th_advance(t, 20000);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_IDLE, CSG_IDLE);
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_STATE),
		  CSG_STATUS_STATE_IDLE);
	tg_csg_ack_events(&g, 0);
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);

	/* Work makes it busy; done, idle again: a new IDLE event. */
	tg_write_value(&g, g.obj_va, 1);
	th_advance(t, 1000);
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 1);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_IDLE, 0);
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_STATE),
		  CSG_STATUS_STATE_IDLE);
	EXPECT_TRUE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
}

TEST(csg_sync_wait_is_idle_only_with_idle_sync_wait)
{
	struct tg g;
	uint64_t insn[] = {
		tf_move48(0, 0), tf_move32(2, 5), tf_sync_wait32(0, 2, true),
	};
	uint64_t in;

	ASSERT_TRUE(tg_start(&g, t));
	th_advance(t, 20000);
	tg_csg_ack_events(&g, 0);
	insn[0] = tf_move48(0, g.obj_va);
	tg_submit(&g, insn, 3);
	th_advance(t, 50000);
	/* Blocked on the sync wait, which counts as idle: idle again. */
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_STATE),
		  CSG_STATUS_STATE_IDLE);

	/* Without IDLE_SYNC_WAIT the same stream keeps the group busy. */
	in = tf_cs_in(&g.f, 0, 0);
	tf_wr(&g.f, in + CS_REQ, tf_rd(&g.f, in + CS_REQ) & ~CS_IDLE_SYNC_WAIT);
	tf_cs_kick(&g.f, 0, 1);
	th_advance(t, 50000);
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_STATE), 0);
	EXPECT_EQ(th_rd(t, GPU_STATUS) & GPU_STATUS_GPU_ACTIVE,
		  GPU_STATUS_GPU_ACTIVE);
}

TEST(csg_status_update_reports_blocked_sync_wait)
{
	struct tg g;
	uint64_t insn[] = {
		tf_move48(0, 0), tf_move32(2, 5), tf_sync_wait32(0, 2, true),
	};

	ASSERT_TRUE(tg_start(&g, t));
	insn[0] = tf_move48(0, g.obj_va);
	tg_submit(&g, insn, 3);
	th_advance(t, 50000);
	tf_csg_req(&g.f, 0, ~tg_csg_ack(&g, 0), CSG_STATUS_UPDATE);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATUS_UPDATE));
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_STATUS_BLOCKED_REASON),
		  MM_CS_BLOCKED_SYNC_WAIT);
	EXPECT_EQ(tf_rd64(&g.f, tf_cs_out(&g.f, 0, 0) +
			  CS_STATUS_WAIT_SYNC_POINTER), g.obj_va);
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_STATUS_WAIT_SYNC_VALUE), 5);
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_STATUS_WAIT) &
		  (MM_CS_STATUS_WAIT_SYNC | MM_CS_STATUS_WAIT_SYNC_COND),
		  MM_CS_STATUS_WAIT_SYNC | MM_FIELD_PREP(MM_CS_STATUS_WAIT_SYNC_COND, 1));
	/* Extract stops at the wait. */
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), 16);
}

TEST(csg_sync_wait_released_by_another_group)
{
	struct tg g;
	struct tf_queue q2;
	uint64_t wait[] = {
		tf_move48(0, 0), tf_move32(2, 0), tf_sync_wait32(0, 2, true),
		tf_move48(4, 0), tf_move32(6, 0xabc), tf_store32(4, 6),
	};
	/* A compute job first, so the write comes from a later step. */
	uint64_t set[] = {
		tf_move48(16, 0), tf_move32(37, 100), tf_move32(38, 1),
		tf_move32(39, 1), tf_op(4, 0), tf_op(3, 0xffull << 16),
		tf_move48(0, 0), tf_move32(2, 1), tf_sync_set32(0, 2),
	};

	ASSERT_TRUE(tg_start(&g, t));
	wait[0] = tf_move48(0, g.obj_va);
	wait[3] = tf_move48(4, g.obj_va + 64);
	tg_submit(&g, wait, MM_ARRAY_SIZE(wait));
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa + 64), 0);

	tf_queue_init(&g.f, &q2, 4096);
	tf_cs_prog(&g.f, 1, 0, &q2, 2);
	tf_csg_prog(&g.f, 1, tf_mcu_alloc(&g.f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&g.f, 1, CSG_STATE));
	set[0] = tf_move48(16, tf_user_alloc(&g.f, TH_SZ_4K, NULL));
	set[6] = tf_move48(0, g.obj_va);
	tf_queue_push(&g.f, &q2, set, MM_ARRAY_SIZE(set));
	tf_doorbell(&g.f, 2);
	th_advance(t, 10000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0);
	/* Well before the polling period: woken by the sync update. */
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 1);
	EXPECT_EQ(th_r32(t, g.obj_pa + 64), 0xabc);
}

TEST(csg_sync_wait_sees_host_writes_by_polling)
{
	struct tg g;
	uint64_t wait[] = {
		tf_move48(0, 0), tf_move32(2, 0), tf_sync_wait32(0, 2, true),
		tf_move48(4, 0), tf_move32(6, 0xdef), tf_store32(4, 6),
	};

	ASSERT_TRUE(tg_start(&g, t));
	wait[0] = tf_move48(0, g.obj_va);
	wait[3] = tf_move48(4, g.obj_va + 64);
	tg_submit(&g, wait, MM_ARRAY_SIZE(wait));
	th_advance(t, 50000);
	th_w32(t, g.obj_pa, 1);		/* the CPU signals */
	th_advance(t, MM_T_FW_SYNC_POLL + 50000);
	EXPECT_EQ(th_r32(t, g.obj_pa + 64), 0xdef);
}

TEST(csg_terminate_stops_streams)
{
	struct tg g;

	ASSERT_TRUE(tg_start(&g, t));
	tf_csg_req(&g.f, 0, CSG_STATE_TERMINATE, CSG_STATE);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	EXPECT_EQ(th_r32(t, g.q.out_pa + RB_OUTPUT_ACTIVE), 0);
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_EP_CURRENT), 0);
	tg_write_value(&g, g.obj_va, 9);
	th_advance(t, 100000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 0);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), 0);
}

TEST(csg_invalid_state_is_not_acknowledged)
{
	struct tg g;

	ASSERT_TRUE(tg_start(&g, t));
	tf_csg_req(&g.f, 0, 5, CSG_STATE);
	EXPECT_FALSE(tf_csg_wait(&g.f, 0, CSG_STATE));
	EXPECT_EQ(MM_FIELD_GET(CSG_STATE, tg_csg_ack(&g, 0)), CSG_STATE_START);
	EXPECT_EQ(t->gpu->mcu.stats.bad_requests, 1);
}

TEST(csg_suspend_resume_preserves_stream_state)
{
	struct tg g;
	struct tf_queue other;
	uint64_t wait[] = {
		tf_move32(10, 0x5eed), tf_move48(0, 0), tf_move32(2, 0),
		tf_sync_wait32(0, 2, true),
		tf_move48(4, 0), tf_store32(4, 10),
	};
	uint64_t in, buf_pa = 0;
	uint32_t magic;

	ASSERT_TRUE(tg_start(&g, t));
	wait[1] = tf_move48(0, g.obj_va);
	wait[4] = tf_move48(4, g.obj_va + 64);
	tg_submit(&g, wait, MM_ARRAY_SIZE(wait));
	th_advance(t, 50000);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), 24);

	tf_csg_req(&g.f, 0, CSG_STATE_SUSPEND, CSG_STATE);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	EXPECT_EQ(MM_FIELD_GET(CSG_STATE, tg_csg_ack(&g, 0)), CSG_STATE_SUSPEND);
	EXPECT_EQ(th_r32(t, g.q.out_pa + RB_OUTPUT_ACTIVE), 0);
	/* Status is fresh after the suspend acknowledgement. */
	EXPECT_EQ(tg_cs_out(&g, 0, 0, CS_STATUS_BLOCKED_REASON),
		  MM_CS_BLOCKED_SYNC_WAIT);
	/* The buffer holds the firmware's record, through AS0. */
	ASSERT_EQ(mm_mmu_probe(t->gpu, 0, g.sb, MM_ACCESS_READ, &buf_pa), 0);
	magic = th_r32(t, buf_pa);
	EXPECT_EQ(magic, FW_SB_MAGIC);

	/* Someone else uses the slot meanwhile and clobbers its streams. */
	tf_queue_init(&g.f, &other, 4096);
	tf_cs_prog(&g.f, 0, 0, &other, TF_DB);
	tf_csg_prog(&g.f, 0, g.sb + 0x100000, CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	{
		uint64_t clobber[] = { tf_move32(10, 0xbad) };

		tf_queue_push(&g.f, &other, clobber, 1);
		tf_doorbell(&g.f, TF_DB);
		th_advance(t, 20000);
	}
	tf_csg_req(&g.f, 0, CSG_STATE_TERMINATE, CSG_STATE);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));

	/* Resume the first group: same programming, RESUME. */
	tf_cs_prog(&g.f, 0, 0, &g.q, TF_DB);
	tf_csg_prog(&g.f, 0, g.sb, CSG_STATE_RESUME, 1);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	EXPECT_EQ(th_r32(t, g.q.out_pa + RB_OUTPUT_ACTIVE), 1);
	th_w32(t, g.obj_pa, 1);
	in = tf_cs_in(&g.f, 0, 0);
	(void)in;
	tf_doorbell(&g.f, TF_DB);
	th_advance(t, 50000);
	/* r10 survived the suspension and the other group. */
	EXPECT_EQ(th_r32(t, g.obj_pa + 64), 0x5eed);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), g.q.insert);
}

TEST(csg_resume_without_saved_state_fails_streams)
{
	struct tg g;
	uint64_t sb2;

	ASSERT_TRUE(tg_start(&g, t));
	tf_csg_req(&g.f, 0, CSG_STATE_TERMINATE, CSG_STATE);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	sb2 = tf_mcu_alloc(&g.f, 0x4000, NULL);
	tf_cs_prog(&g.f, 0, 0, &g.q, TF_DB);
	tf_csg_prog(&g.f, 0, sb2, CSG_STATE_RESUME, 1);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATE));
	EXPECT_EQ(MM_FIELD_GET(CS_EXCEPTION_TYPE,
			       tg_cs_out(&g, 0, 0, CS_FATAL)),
		  FW_EXC_FIRMWARE_INTERNAL_ERROR);
	EXPECT_TRUE((tg_cs_out(&g, 0, 0, CS_ACK) ^
		     tf_rd(&g.f, tf_cs_in(&g.f, 0, 0) + CS_REQ)) &
		    CS_FATAL_EVENT);
}

TEST(csg_suspend_of_free_slot_is_acknowledged)
{
	struct tf f;

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	tf_csg_req(&f, 5, CSG_STATE_SUSPEND, CSG_STATE);
	EXPECT_TRUE(tf_csg_wait(&f, 5, CSG_STATE));
}

TEST(csg_progress_timer_event)
{
	struct tg g;
	uint64_t spd_va, insn[] = {
		tf_move48(16, 0), tf_move32(37, 1000), tf_move32(38, 1),
		tf_move32(39, 1), tf_op(4, 0), tf_op(3, 0xffull << 16),
	};

	ASSERT_TRUE(tg_start(&g, t));
	/* Ten units of 1024 cycles: 10.24 us; the job takes ~110 us. */
	tf_wr(&g.f, tf_glb_in(&g.f) + GLB_PROGRESS_TIMER, 10);
	tf_glb_toggle(&g.f, GLB_CFG_PROGRESS_TIMER);
	ASSERT_TRUE(tf_glb_wait(&g.f, GLB_CFG_PROGRESS_TIMER));
	th_advance(t, 20000);
	tg_csg_ack_events(&g, 0);

	spd_va = tf_user_alloc(&g.f, TH_SZ_4K, NULL);
	insn[0] = tf_move48(16, spd_va);
	tg_submit(&g, insn, MM_ARRAY_SIZE(insn));
	th_advance(t, MM_T_FW_REQ + 5000);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_PROGRESS_TIMER_EVENT, 0);
	th_advance(t, 10240);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_PROGRESS_TIMER_EVENT,
		  CSG_PROGRESS_TIMER_EVENT);
	EXPECT_TRUE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
	/* The job ends: the stream finishes its ring. */
	th_advance(t, 200000);
	EXPECT_EQ(tf_queue_extract(&g.f, &g.q), g.q.insert);
}

TEST(csg_progress_timer_quiet_for_idle_and_sync_waits)
{
	struct tg g;
	uint64_t insn[] = {
		tf_move48(0, 0), tf_move32(2, 5), tf_sync_wait32(0, 2, true),
	};

	ASSERT_TRUE(tg_start(&g, t));
	tf_wr(&g.f, tf_glb_in(&g.f) + GLB_PROGRESS_TIMER, 1);
	tf_glb_toggle(&g.f, GLB_CFG_PROGRESS_TIMER);
	ASSERT_TRUE(tf_glb_wait(&g.f, GLB_CFG_PROGRESS_TIMER));
	insn[0] = tf_move48(0, g.obj_va);
	tg_submit(&g, insn, 3);
	th_advance(t, 500000);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_PROGRESS_TIMER_EVENT, 0);
}

TEST(csg_status_update_is_acknowledged)
{
	struct tg g;

	ASSERT_TRUE(tg_start(&g, t));
	tf_csg_req(&g.f, 0, ~tg_csg_ack(&g, 0), CSG_STATUS_UPDATE);
	EXPECT_TRUE(tf_csg_wait(&g.f, 0, CSG_STATUS_UPDATE));
	tf_csg_req(&g.f, 0, ~tg_csg_ack(&g, 0), CSG_ENDPOINT_CONFIG);
	EXPECT_TRUE(tf_csg_wait(&g.f, 0, CSG_ENDPOINT_CONFIG));
}

TEST(csg_endpoint_config_latches_priority_and_cores)
{
	struct tg g;
	uint64_t in;

	ASSERT_TRUE(tg_start(&g, t));
	in = tf_csg_in(&g.f, 0);
	tf_wr64(&g.f, in + CSG_ALLOW_COMPUTE, 0x1);
	tf_wr(&g.f, in + CSG_EP_REQ, MM_FIELD_PREP(CSG_EP_COMPUTE, 4) |
	      MM_FIELD_PREP(CSG_EP_PRIORITY, 3));
	tf_csg_req(&g.f, 0, ~tg_csg_ack(&g, 0), CSG_ENDPOINT_CONFIG);
	ASSERT_TRUE(tf_csg_wait(&g.f, 0, CSG_ENDPOINT_CONFIG));
	EXPECT_EQ(MM_FIELD_GET(CSG_EP_PRIORITY, t->gpu->mcu.fw.csg[0].ep_req), 3);
	/* Only one allowed core. */
	EXPECT_EQ(tf_rd(&g.f, tf_csg_out(&g.f, 0) + CSG_STATUS_EP_CURRENT),
		  MM_FIELD_PREP(CSG_EP_COMPUTE, 1));
}

TEST(csg_scope_sync_update_wakes_only_its_group)
{
	struct tg g;
	struct tf_queue q1, q2;
	uint64_t wait[] = {
		tf_move48(0, 0), tf_move32(2, 0), tf_sync_wait32(0, 2, true),
		tf_move48(4, 0), tf_move32(6, 0), tf_store32(4, 6),
	};
	uint64_t set[] = {
		tf_move48(16, 0), tf_move32(37, 100), tf_move32(38, 1),
		tf_move32(39, 1), tf_op(4, 0), tf_op(3, 0xffull << 16),
		tf_move48(0, 0), tf_move32(2, 1),
		tf_sync_set32(0, 2) | MM_FIELD_PREP(MM_GENMASK(2, 1),
						    MM_CS_SCOPE_CSG),
	};

	ASSERT_TRUE(tg_start(&g, t));
	/* Group 0 CS 0 and group 1 CS 0 wait on the same object. */
	wait[0] = tf_move48(0, g.obj_va);
	wait[3] = tf_move48(4, g.obj_va + 64);
	wait[4] = tf_move32(6, 0xa);
	tg_submit(&g, wait, MM_ARRAY_SIZE(wait));
	tf_queue_init(&g.f, &q2, 4096);
	tf_cs_prog(&g.f, 1, 0, &q2, 2);
	tf_csg_prog(&g.f, 1, tf_mcu_alloc(&g.f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&g.f, 1, CSG_STATE));
	wait[3] = tf_move48(4, g.obj_va + 128);
	wait[4] = tf_move32(6, 0xb);
	tf_queue_push(&g.f, &q2, wait, MM_ARRAY_SIZE(wait));
	tf_doorbell(&g.f, 2);
	th_advance(t, 50000);

	/* Group 0 CS 1 writes it with CSG scope, after a compute job. */
	tf_queue_init(&g.f, &q1, 4096);
	tf_cs_prog(&g.f, 0, 1, &q1, TF_DB);
	tf_cs_kick(&g.f, 0, 2);
	th_advance(t, 20000);
	set[0] = tf_move48(16, tf_user_alloc(&g.f, TH_SZ_4K, NULL));
	set[6] = tf_move48(0, g.obj_va);
	tf_queue_push(&g.f, &q1, set, MM_ARRAY_SIZE(set));
	tf_doorbell(&g.f, TF_DB);
	th_advance(t, 100000);
	EXPECT_EQ(th_r32(t, g.obj_pa), 1);
	EXPECT_EQ(th_r32(t, g.obj_pa + 64), 0xa);
	EXPECT_EQ(th_r32(t, g.obj_pa + 128), 0);
	EXPECT_EQ(tg_csg_ack(&g, 0) & CSG_SYNC_UPDATE, CSG_SYNC_UPDATE);
	/* The other group only sees it when it polls. */
	th_advance(t, MM_T_FW_SYNC_POLL);
	EXPECT_EQ(th_r32(t, g.obj_pa + 128), 0xb);
}
