// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: command stream requests and events: start and stop, the ring
 * position, faults, fatal errors and the tiler OOM handshake.
 */
#include <string.h>

#include "mt.h"
#include "test_fw.h"

struct tc {
	struct tf f;
	struct tf_queue q;
	uint64_t va;	/* 4 KiB scratch in the user VM */
	uint64_t pa;
};

static bool tc_start(struct tc *c, struct th *t, uint32_t ack_irq_mask)
{
	struct tf *f = &c->f;

	tf_setup(f, t);
	if (!tf_boot_configured(f))
		return false;
	c->va = tf_user_alloc(f, TH_SZ_4K, &c->pa);
	tf_queue_init(f, &c->q, 4096);
	tf_cs_prog(f, 0, 0, &c->q, 1);
	tf_wr(f, tf_cs_in(f, 0, 0) + CS_ACK_IRQ_MASK, ack_irq_mask);
	tf_csg_prog(f, 0, tf_mcu_alloc(f, 0x4000, NULL), CSG_STATE_START, 1);
	if (!tf_csg_wait(f, 0, CSG_STATE))
		return false;
	th_advance(t, 20000);
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	return true;
}

static uint32_t tc_req(struct tc *c)
{
	return tf_rd(&c->f, tf_cs_in(&c->f, 0, 0) + CS_REQ);
}

static uint32_t tc_ack(struct tc *c)
{
	return tf_rd(&c->f, tf_cs_out(&c->f, 0, 0) + CS_ACK);
}

static uint32_t tc_out(struct tc *c, uint32_t off)
{
	return tf_rd(&c->f, tf_cs_out(&c->f, 0, 0) + off);
}

/* Events pending on the stream: REQ and ACK differ. */
static uint32_t tc_pending(struct tc *c)
{
	return (tc_req(c) ^ tc_ack(c)) &
	       (CS_FAULT_EVENT | CS_FATAL_EVENT | CS_TILER_OOM);
}

static uint32_t tc_irq_pending(struct tc *c)
{
	struct tf *f = &c->f;

	return tf_rd(f, tf_csg_out(f, 0) + CSG_IRQ_REQ) ^
	       tf_rd(f, tf_csg_in(f, 0) + CSG_IRQ_ACK);
}

/* The host's answer: copy ACK into REQ for @bits, kick the stream. */
static void tc_answer(struct tc *c, uint32_t bits)
{
	uint64_t in = tf_cs_in(&c->f, 0, 0);

	tf_wr(&c->f, in + CS_REQ, (tc_req(c) & ~bits) | (tc_ack(c) & bits));
	tf_cs_kick(&c->f, 0, 1);
}

static void tc_submit(struct tc *c, const uint64_t *insn, unsigned int n)
{
	tf_queue_push(&c->f, &c->q, insn, n);
	tf_doorbell(&c->f, 1);
	th_advance(c->f.t, 50000);
}

TEST(cs_start_takes_extract_init)
{
	struct tf f;
	struct tf_queue q;
	uint64_t va, pa;
	uint64_t insn[] = {
		tf_move32(2, 0xdead), tf_move32(2, 0xbeef),
		tf_move48(0, 0), tf_store32(0, 2),
	};

	tf_setup(&f, t);
	ASSERT_TRUE(tf_boot_configured(&f));
	va = tf_user_alloc(&f, TH_SZ_4K, &pa);
	tf_queue_init(&f, &q, 4096);
	insn[2] = tf_move48(0, va);
	tf_queue_push(&f, &q, insn, 4);
	/* The host says: resume at the second instruction. */
	th_w64(t, q.out_pa + RB_OUTPUT_EXTRACT, 8);
	tf_cs_prog(&f, 0, 0, &q, 1);
	EXPECT_EQ(th_r64(t, q.in_pa + RB_INPUT_EXTRACT_INIT), 8);
	tf_csg_prog(&f, 0, tf_mcu_alloc(&f, 0x4000, NULL), CSG_STATE_START, 1);
	ASSERT_TRUE(tf_csg_wait(&f, 0, CSG_STATE));
	th_advance(t, 50000);
	EXPECT_EQ(th_r32(t, pa), 0xbeef);
	EXPECT_EQ(tf_queue_extract(&f, &q), 32);
}

TEST(cs_stop_and_restart_through_cs_req)
{
	struct tc c;
	uint64_t in;
	uint64_t insn[] = { tf_move48(0, 0), tf_move32(2, 3), tf_store32(0, 2) };

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	in = tf_cs_in(&c.f, 0, 0);
	tf_wr(&c.f, in + CS_REQ, (tc_req(&c) & ~CS_STATE) | CS_STATE_STOP);
	tf_cs_kick(&c.f, 0, 1);
	th_advance(t, 20000);
	EXPECT_EQ(tc_ack(&c) & CS_STATE, CS_STATE_STOP);
	EXPECT_EQ(th_r32(t, c.q.out_pa + RB_OUTPUT_ACTIVE), 0);
	insn[0] = tf_move48(0, c.va);
	tc_submit(&c, insn, 3);
	EXPECT_EQ(th_r32(t, c.pa), 0);

	tf_wr(&c.f, in + CS_REQ, (tc_req(&c) & ~CS_STATE) | CS_STATE_START);
	tf_cs_kick(&c.f, 0, 1);
	th_advance(t, 50000);
	EXPECT_EQ(tc_ack(&c) & CS_STATE, CS_STATE_START);
	EXPECT_EQ(th_r32(t, c.pa), 3);
}

TEST(cs_data_fault_stalls_until_acknowledged)
{
	struct tc c;
	uint64_t insn[] = {
		tf_move48(0, 0x7f000000), tf_move32(2, 1), tf_store32(0, 2),
		tf_move48(4, 0), tf_move32(6, 2), tf_store32(4, 6),
	};
	uint32_t fault;

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	insn[3] = tf_move48(4, c.va);
	tc_submit(&c, insn, MM_ARRAY_SIZE(insn));
	EXPECT_EQ(tc_pending(&c), CS_FAULT_EVENT);
	fault = tc_out(&c, CS_FAULT);
	EXPECT_EQ(MM_FIELD_GET(CS_EXCEPTION_TYPE, fault), MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(tf_rd64(&c.f, tf_cs_out(&c.f, 0, 0) + CS_FAULT_INFO),
		  0x7f000000);
	EXPECT_EQ(tc_irq_pending(&c), 1);
	EXPECT_TRUE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
	/* The MMU saw it too, on the group's address space. */
	EXPECT_TRUE(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT) & MMU_IRQ_FAULT(1));
	/* Stalled: the next store did not happen, not even much later. */
	th_advance(t, 1000000);
	EXPECT_EQ(th_r32(t, c.pa), 0);
	/* Not idle while it waits for the host. */
	EXPECT_EQ(tf_rd(&c.f, tf_csg_out(&c.f, 0) + CSG_STATUS_STATE), 0);

	tc_answer(&c, CS_FAULT_EVENT);
	th_advance(t, 50000);
	EXPECT_EQ(tc_pending(&c), 0);
	EXPECT_EQ(th_r32(t, c.pa), 2);
	EXPECT_EQ(tf_queue_extract(&c.f, &c.q), c.q.insert);
}

TEST(cs_fatal_error_stops_the_stream)
{
	struct tc c;
	uint64_t insn[] = {
		tf_op(10, 0),	/* unassigned opcode */
		tf_move48(0, 0), tf_move32(2, 1), tf_store32(0, 2),
	};

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	insn[1] = tf_move48(0, c.va);
	tc_submit(&c, insn, MM_ARRAY_SIZE(insn));
	EXPECT_EQ(tc_pending(&c), CS_FATAL_EVENT);
	EXPECT_EQ(MM_FIELD_GET(CS_EXCEPTION_TYPE, tc_out(&c, CS_FATAL)),
		  MM_CS_EXC_INSTR_INVALID);
	/* Acknowledging a fatal error does not revive the stream. */
	tc_answer(&c, CS_FATAL_EVENT);
	tf_doorbell(&c.f, 1);
	th_advance(t, 100000);
	EXPECT_EQ(tc_pending(&c), 0);
	EXPECT_EQ(th_r32(t, c.pa), 0);
	/* A dead stream does not keep the group busy. */
	EXPECT_EQ(tf_rd(&c.f, tf_csg_out(&c.f, 0) + CSG_STATUS_STATE),
		  CSG_STATUS_STATE_IDLE);
}

TEST(cs_ack_irq_mask_gates_the_group_interrupt)
{
	struct tc c;
	uint64_t insn[] = { tf_op(10, 0) };

	ASSERT_TRUE(tc_start(&c, t, 0));
	tc_submit(&c, insn, 1);
	EXPECT_EQ(tc_pending(&c), CS_FATAL_EVENT);
	EXPECT_EQ(tc_irq_pending(&c), 0);
	EXPECT_FALSE(th_rd(t, JOB_CONTROL_BASE + IRQ_RAWSTAT) & JOB_IRQ_CSG(0));
}

/* A stream that binds an empty heap and runs tiling work. */
static void tc_oom_stream(struct tc *c, uint64_t heap_va)
{
	uint64_t insn[] = {
		tf_move48(40, c->va + 0x800),	/* tiler context */
		tf_move48(60, heap_va),
		tf_op(48, 60ull << 40),		/* HEAP_SET r60 */
		tf_op(5, 0),			/* RUN_TILING */
		tf_move48(0, c->va), tf_move32(2, 0x600d), tf_store32(0, 2),
	};

	tc_submit(c, insn, MM_ARRAY_SIZE(insn));
}

TEST(cs_tiler_oom_handshake_with_a_chunk)
{
	struct tc c;
	uint64_t heap_va, chunk_va, in, out;

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	heap_va = c.va + 0x100;
	chunk_va = tf_user_alloc(&c.f, 0x2000, NULL);
	tc_oom_stream(&c, heap_va);

	out = tf_cs_out(&c.f, 0, 0);
	EXPECT_EQ(tc_pending(&c), CS_TILER_OOM);
	EXPECT_EQ(tf_rd64(&c.f, out + CS_HEAP_ADDRESS), heap_va);
	EXPECT_EQ(tf_rd(&c.f, out + CS_HEAP_VT_START), 0);
	EXPECT_EQ(tf_rd(&c.f, out + CS_HEAP_VT_END), 0);
	EXPECT_EQ(tf_rd(&c.f, out + CS_HEAP_FRAG_END), 0);
	EXPECT_EQ(tc_irq_pending(&c), 1);
	th_advance(t, 1000000);
	EXPECT_EQ(th_r32(t, c.pa), 0);

	/* The host hands over an 8 KiB chunk. */
	in = tf_cs_in(&c.f, 0, 0);
	tf_wr64(&c.f, in + CS_TILER_HEAP_START, chunk_va | 2);
	tf_wr64(&c.f, in + CS_TILER_HEAP_END, chunk_va | 2);
	tc_answer(&c, CS_TILER_OOM);
	th_advance(t, 50000);
	EXPECT_EQ(tc_pending(&c), 0);
	EXPECT_EQ(th_r32(t, c.pa), 0x600d);
	/* The chunk is the one being filled now. */
	EXPECT_EQ(th_r64(t, c.pa + 0x100 + MM_CS_HEAP_CTX_USED), chunk_va | 2);
}

TEST(cs_tiler_oom_refused_faults)
{
	struct tc c;
	uint64_t in;

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	tc_oom_stream(&c, c.va + 0x100);
	ASSERT_EQ(tc_pending(&c), CS_TILER_OOM);
	in = tf_cs_in(&c.f, 0, 0);
	tf_wr64(&c.f, in + CS_TILER_HEAP_START, 0);
	tf_wr64(&c.f, in + CS_TILER_HEAP_END, 0);
	tc_answer(&c, CS_TILER_OOM);
	th_advance(t, 50000);
	/* No handler: an OOM fault. */
	EXPECT_EQ(tc_pending(&c), CS_FAULT_EVENT);
	EXPECT_EQ(MM_FIELD_GET(CS_EXCEPTION_TYPE, tc_out(&c, CS_FAULT)),
		  MM_CS_EXC_OOM);
}

TEST(cs_tiler_oom_is_raised_again_after_resume)
{
	struct tc c;
	uint64_t sb = 0;

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	tc_oom_stream(&c, c.va + 0x100);
	ASSERT_EQ(tc_pending(&c), CS_TILER_OOM);
	/* The host suspends instead of answering (it acknowledges nothing). */
	sb = tf_rd64(&c.f, tf_csg_in(&c.f, 0) + CSG_SUSPEND_BUF);
	tf_csg_req(&c.f, 0, CSG_STATE_SUSPEND, CSG_STATE);
	ASSERT_TRUE(tf_csg_wait(&c.f, 0, CSG_STATE));
	/* Scheduled out: the host dropped the request, REQ caught up. */
	tf_wr(&c.f, tf_cs_in(&c.f, 0, 0) + CS_REQ,
	      (tc_req(&c) & ~CS_TILER_OOM) | (tc_ack(&c) & CS_TILER_OOM));
	tf_cs_prog(&c.f, 0, 0, &c.q, 1);
	tf_csg_prog(&c.f, 0, sb, CSG_STATE_RESUME, 1);
	ASSERT_TRUE(tf_csg_wait(&c.f, 0, CSG_STATE));
	EXPECT_EQ(tc_pending(&c), CS_TILER_OOM);
}

TEST(cs_progress_wait_released_by_a_sibling)
{
	struct tc c;
	struct tf_queue q1;
	uint64_t spd = 0;
	uint64_t waiter[] = {
		tf_move48(10, 1),
		tf_op(24, 10ull << 40 | 1),	/* PROGRESS_WAIT queue 1 >= r10 */
		tf_move48(0, 0), tf_move32(2, 0x77), tf_store32(0, 2),
	};
	uint64_t sibling[] = {
		tf_move48(16, 0), tf_move32(37, 100), tf_move32(38, 1),
		tf_move32(39, 1), tf_op(4, 0), tf_op(3, 0xffull << 16),
		tf_op(4, 1ull << 32),		/* RUN_COMPUTE, progress + 1 */
	};

	ASSERT_TRUE(tc_start(&c, t, 0xffffffff));
	waiter[2] = tf_move48(0, c.va);
	tc_submit(&c, waiter, MM_ARRAY_SIZE(waiter));
	EXPECT_EQ(th_r32(t, c.pa), 0);

	spd = tf_user_alloc(&c.f, TH_SZ_4K, NULL);
	sibling[0] = tf_move48(16, spd);
	tf_queue_init(&c.f, &q1, 4096);
	tf_cs_prog(&c.f, 0, 1, &q1, 2);
	tf_cs_kick(&c.f, 0, 2);
	tf_queue_push(&c.f, &q1, sibling, MM_ARRAY_SIZE(sibling));
	tf_doorbell(&c.f, 2);
	th_advance(t, 100000);
	EXPECT_EQ(th_r32(t, c.pa), 0x77);
}
