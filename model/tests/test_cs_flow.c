// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: control flow. BRANCH conditions and loops,
 * CALL/return, JUMP chaining, call-depth overflow, fetch faults and MMU
 * stalls on instruction fetch.
 */
#include "test_cs.h"

/* Instruction words shared by the cases below (hand-assembled). */
#define MOVE48_R20_CODE		0x0114000000200000ull	/* r20:r21 = CODE */
#define MOVE32_R22_8		0x0216000000000008ull	/* r22 = 8 */
#define MOVE32_R22_16		0x0216000000000010ull	/* r22 = 16 */
#define CALL_R20_R22		0x2000141600000000ull	/* CALL r20:r21, len r22 */

TEST(cs_branch_conditions_compare_signed_with_zero)
{
	/* BRANCH <cond> r2, +1, for cond 0 (LE) .. 6 (ALWAYS) */
	static const uint64_t branch[7] = {
		0x1600020000000001ull, 0x1600020010000001ull,
		0x1600020020000001ull, 0x1600020030000001ull,
		0x1600020040000001ull, 0x1600020050000001ull,
		0x1600020060000001ull,
	};
	static const int32_t values[3] = { -5, 0, 7 };
	/* taken[cond][value]: LE GT EQ NE LT GE ALWAYS */
	static const bool taken[7][3] = {
		{ 1, 1, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 1 },
		{ 1, 0, 0 }, { 0, 1, 1 }, { 1, 1, 1 },
	};
	unsigned int cond, v;

	for (cond = 0; cond < 7; cond++) {
		for (v = 0; v < 3; v++) {
			struct cst *s = cst_new(t);

			s->x.reg[2] = (uint32_t)values[v];
			RING(s, 0x0201000000000000ull,	/* MOVE32 r1, #0 */
			     branch[cond],
			     0x0201000000000001ull,	/* MOVE32 r1, #1 */
			     0);
			EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
			EXPECT_EQ(s->x.reg[1], taken[cond][v] ? 0u : 1u);
			EXPECT_EQ(s->x.stats.instructions,
				  taken[cond][v] ? 3u : 4u);
		}
	}
}

TEST(cs_backward_branch_makes_a_loop)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0201000000000005ull,	/* MOVE32 r1, #5 */
	     0x0202000000000000ull,	/* MOVE32 r2, #0 */
	     0x1002020000000003ull,	/* loop: ADD_IMMEDIATE32 r2 += 3 */
	     0x10010100ffffffffull,	/* ADD_IMMEDIATE32 r1 -= 1 */
	     0x160001001000fffdull);	/* BRANCH GT r1, loop (-3) */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[2], 15);
	EXPECT_EQ(s->x.reg[1], 0);
	EXPECT_EQ(s->x.stats.instructions, 17);
	EXPECT_EQ(s->ring.extract, s->ring.insert);
}

TEST(cs_branch_out_of_the_ring_window_is_fatal)
{
	struct cst *s = cst_new(t);

	/* BRANCH ALWAYS r0, +100: beyond INSERT */
	RING(s, 0x1600000060000064ull, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
}

TEST(cs_branch_before_a_called_buffer_is_fatal)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA, 0x160000006000fffeull);	/* BRANCH ALWAYS -2 */
	RING(s, MOVE48_R20_CODE, MOVE32_R22_8, CALL_R20_R22);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
	EXPECT_EQ(s->x.cmd_ptr, CST_CODE_VA);
}

TEST(cs_branch_to_the_end_of_a_called_buffer_returns)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA,
	     0x1600000060000001ull,	/* BRANCH ALWAYS +1 (to the end) */
	     0x020a000000000001ull);	/* MOVE32 r10, #1 (skipped) */
	RING(s, MOVE48_R20_CODE, MOVE32_R22_16, CALL_R20_R22,
	     0x020b000000000002ull);	/* MOVE32 r11, #2 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 0);
	EXPECT_EQ(s->x.reg[11], 2);
}

TEST(cs_call_runs_a_buffer_and_returns_after_the_call)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA, 0x020a0000000000aaull);	/* MOVE32 r10, #0xaa */
	RING(s, MOVE48_R20_CODE, MOVE32_R22_8, CALL_R20_R22,
	     0x020b0000000000bbull);	/* MOVE32 r11, #0xbb */
	/* Stop right after the CALL: the ring is already past it. */
	EXPECT_EQ(mm_cs_run(t->gpu, &s->x, &s->ring, &s->env, t->now, 3),
		  MM_CS_STOP_BUDGET);
	EXPECT_EQ(s->x.depth, 2);
	EXPECT_EQ(s->ring.extract, 24);
	EXPECT_EQ(s->x.reg[10], 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 0xaa);
	EXPECT_EQ(s->x.reg[11], 0xbb);
	EXPECT_EQ(s->x.depth, 1);
	EXPECT_EQ(s->ring.extract, 32);
}

TEST(cs_call_of_an_empty_buffer_does_nothing)
{
	struct cst *s = cst_new(t);

	/* panthor submits sync-only jobs with stream size 0 */
	RING(s, 0x0114000000000000ull,	/* MOVE48 r20:r21, #0 */
	     0x0216000000000000ull,	/* MOVE32 r22, #0 */
	     CALL_R20_R22, 0x020b000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[11], 1);
	EXPECT_EQ(s->fatals + s->faults, 0);
}

TEST(cs_call_with_a_partial_instruction_length_is_invalid)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R20_CODE, 0x021600000000000cull,	/* r22 = 12 */
	     CALL_R20_R22);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
	EXPECT_EQ(s->exc_data, 32);	/* the opcode */
}

TEST(cs_call_depth_is_limited_to_eight_frames)
{
	struct cst *s = cst_new(t);
	unsigned int k;

	/* Every buffer k at CODE + 0x100 k calls buffer k + 1. */
	for (k = 0; k < 8; k++)
		CODE(s, CST_CODE_VA + 0x100 * k,
		     0x1114140000000100ull,	/* ADD_IMMEDIATE64 r20 += 0x100 */
		     CALL_R20_R22);
	RING(s, MOVE48_R20_CODE, MOVE32_R22_16, CALL_R20_R22);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->fatals, 1);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_CALL_STACK_OVERFLOW);
	/* Seven nested calls worked: buffers 0..6 ran their ADD. */
	EXPECT_EQ(s->x.depth, MM_CS_CALL_DEPTH);
	EXPECT_EQ(s->x.reg[20], CST_CODE_VA + 0x700);
	EXPECT_EQ(s->exc_info, CST_CODE_VA + 0x700);
	EXPECT_EQ(s->x.cmd_ptr, CST_CODE_VA + 0x600 + 8);
}

TEST(cs_jump_chains_buffers_at_the_same_depth)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA,
	     0x020a000000000001ull,	/* MOVE32 r10, #1 */
	     0x0118000000200400ull,	/* MOVE48 r24:r25, #CODE + 0x400 */
	     0x021a000000000010ull,	/* MOVE32 r26, #16 */
	     0x2100181a00000000ull,	/* JUMP r24:r25, len r26 */
	     0x020a0000000000ffull);	/* MOVE32 r10, #0xff (not reached) */
	CODE(s, CST_CODE_VA + 0x400,
	     0x020b000000000002ull,	/* MOVE32 r11, #2 */
	     0x020c000000000003ull);	/* MOVE32 r12, #3 */
	RING(s, MOVE48_R20_CODE, 0x0216000000000028ull,	/* r22 = 40 */
	     CALL_R20_R22, 0x020d000000000004ull);	/* MOVE32 r13, #4 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.reg[11], 2);
	EXPECT_EQ(s->x.reg[12], 3);
	EXPECT_EQ(s->x.reg[13], 4);
	EXPECT_EQ(s->x.depth, 1);
}

TEST(cs_jump_at_the_root_is_invalid)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0118000000200000ull, 0x021a000000000008ull,
	     0x2100181a00000000ull);	/* JUMP r24:r25, len r26 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
}

TEST(cs_fetch_from_an_unmapped_buffer_is_fatal)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0114000007000000ull,	/* MOVE48 r20:r21, #BAD */
	     MOVE32_R22_8, CALL_R20_R22);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(s->exc_data, MM_ACCESS_READ);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
	EXPECT_NE(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT) & MMU_IRQ_FAULT(CST_AS), 0);
}

TEST(cs_fetch_from_a_no_execute_ring_works)
{
	struct cst *s = cst_new(t);

	/* The bench maps everything no-execute, as panthor maps rings. */
	RING(s, 0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
}

TEST(cs_fetch_from_a_locked_region_stalls_until_unlock)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA, 0x020a000000000001ull);	/* MOVE32 r10, #1 */
	RING(s, MOVE48_R20_CODE, MOVE32_R22_8, CALL_R20_R22);
	th_as_lock(t, CST_AS, CST_CODE_VA, 0x1000);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.wait.kind, MM_CS_WAIT_MMU);
	EXPECT_NE(s->x.wake_ns, MM_CS_NEVER);
	EXPECT_EQ(s->x.cmd_ptr, CST_CODE_VA);
	th_advance(t, 5000);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	th_as_cmd(t, CST_AS, AS_CMD_UNLOCK);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->faults + s->fatals, 0);
}

TEST(cs_store_to_a_locked_region_retries_after_unlock)
{
	struct cst *s = cst_new(t);

	s->x.reg[0] = 0xcafe;
	/* MOVE48 r40:r41, #DATA; STORE_MULTIPLE base r0, addr r40, mask 1 */
	RING(s, 0x0128000000400000ull, 0x1500280000010000ull);
	th_as_lock(t, CST_AS, CST_DATA_VA, 0x1000);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 0);
	th_as_cmd(t, CST_AS, AS_CMD_UNLOCK);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 0xcafe);
}
