// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: scoreboards and WAIT timing, SYNC_ADD/SET/
 * WAIT 32/64 with scopes and error propagation, FLUSH_CACHE2 and its skip
 * rule, STORE_STATE, PROGRESS_*, REQ_RESOURCE, TRACE_POINT and the status
 * words the firmware exports.
 */
#include "test_cs.h"

#define MOVE48_R40_DATA		0x0128000000400000ull	/* r40:r41 = DATA */
#define MOVE48_R16_DATA		0x0110000000400000ull	/* r16:r17 (SPD 0) */
#define MOVE32_R2_5		0x0202000000000005ull	/* r2 = 5 */
#define RUN_COMPUTE_0		0x0400000000000000ull	/* all selects 0 */
#define WAIT_SB0		0x0300000000010000ull
#define WAIT_SB1		0x0300000000020000ull
#define WAIT_ALL		0x0300000000ff0000ull
#define FLUSH_PANTHOR		0x24005e0000000233ull	/* id r94, signal 0 */

static uint32_t latest_flush(struct th *t)
{
	return th_rd(t, USER_PAGE_BASE + USER_LATEST_FLUSH);
}

/* ---- Scoreboards -------------------------------------------------------- */

TEST(cs_wait_blocks_until_the_scoreboard_entry_drains)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now, done = t0 + MM_CS_T_ALU + MM_CS_T_RUN_COMPUTE;
	struct mm_cs_status st;

	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0, WAIT_SB0,
	     0x020a000000000001ull);	/* MOVE32 r10, #1 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.wake_ns, done);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_SB_WAIT);
	EXPECT_EQ(st.wait, 0x00080001);		/* source WAIT, mask SB0 */
	EXPECT_EQ(st.scoreboards, 0x1);
	EXPECT_EQ(st.cmd_ptr, CST_RING_VA + 16);

	th_advance(t, 5000);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	th_advance(t, done - t->now);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	/* It resumed exactly when the job completed. */
	EXPECT_EQ(s->x.clock, done + 2 * MM_CS_T_ALU);
	cst_status(s, &st);
	EXPECT_EQ(st.scoreboards, 0);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_NONE);
}

TEST(cs_wait_on_idle_entries_does_not_block)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0, WAIT_SB1,
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_loads_and_stores_complete_after_their_latency)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	/* STORE_MULTIPLE base r2, addr r40, mask 1 */
	RING(s, MOVE48_R40_DATA, MOVE32_R2_5, 0x1502280000010000ull);
	cst_run(s);
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + 2 * MM_CS_T_ALU + MM_CS_T_LOAD_STORE);
	EXPECT_EQ(s->x.sb[0].issued, 1);
	/* Short enough to wait for within the run-ahead: no block. */
	RING(s, WAIT_SB0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.clock, t0 + 2 * MM_CS_T_ALU + MM_CS_T_LOAD_STORE +
		  MM_CS_T_ALU);
}

TEST(cs_jobs_on_one_unit_run_one_after_the_other)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0, RUN_COMPUTE_0);
	cst_run(s);
	EXPECT_EQ(s->x.sb[0].done_ns,
		  t0 + MM_CS_T_ALU + 2 * MM_CS_T_RUN_COMPUTE);
	EXPECT_EQ(s->x.stats.runs, 2);
}

TEST(cs_set_sb_entry_moves_endpoint_and_other_work)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	RING(s, 0x1700000000000065ull,	/* SET_SB_ENTRY endpoint 5, other 6 */
	     MOVE48_R16_DATA, MOVE48_R40_DATA, RUN_COMPUTE_0,
	     0x1502280000010000ull);	/* STORE_MULTIPLE r2 -> [r40] */
	cst_run(s);
	cst_status(s, &st);
	EXPECT_EQ(st.scoreboards, 0x60);
	EXPECT_EQ(s->x.sb_endpoint, 5);
	EXPECT_EQ(s->x.sb_other, 6);
	RING(s, 0x0300000000200000ull);		/* WAIT SB5 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.wait.sb_mask, 0x20);
}

TEST(cs_deferred_sync_signals_after_the_entries_it_waits_for)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now, job_done, sync_done;
	struct mm_cs_status st;

	cst_w32(s, CST_DATA_VA, 1);
	RING(s, MOVE48_R16_DATA, MOVE48_R40_DATA, MOVE32_R2_5, RUN_COMPUTE_0,
	     0x2501280200010000ull,	/* SYNC_ADD32 wait SB0, signal SB1 */
	     0x020a000000000001ull,	/* MOVE32 r10, #1: not held up */
	     WAIT_SB1);
	job_done = t0 + 3 * MM_CS_T_ALU + MM_CS_T_RUN_COMPUTE;
	sync_done = job_done + MM_CS_T_SYNC;
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.wake_ns, sync_done);
	cst_status(s, &st);
	EXPECT_EQ(st.scoreboards, 0x3);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 6);
	EXPECT_EQ(cst_run_all(s, 100000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.clock, sync_done + MM_CS_T_ALU);
}

/* ---- Sync objects ---------------------------------------------------------- */

TEST(cs_sync_add32_adds_and_reports_its_scope)
{
	struct cst *s = cst_new(t);

	cst_w32(s, CST_DATA_VA, 10);
	cst_w32(s, CST_DATA_VA + 4, 0x77);
	RING(s, MOVE48_R40_DATA, MOVE32_R2_5,
	     0x2500280200000000ull);	/* SYNC_ADD32 system, r2 -> [r40] */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 15);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 4), 0x77);	/* not propagating */
	EXPECT_EQ(s->syncs, 1);
	EXPECT_EQ(s->scope, MM_CS_SCOPE_SYSTEM);
	/* Synchronous (no wait mask): no scoreboard entry was used. */
	EXPECT_EQ(s->x.sb[0].issued, 0);
}

TEST(cs_sync_add32_propagating_writes_the_status_word)
{
	struct cst *s = cst_new(t);

	cst_w32(s, CST_DATA_VA, 10);
	cst_w32(s, CST_DATA_VA + 4, 0x77);
	RING(s, MOVE48_R40_DATA, MOVE32_R2_5,
	     0x2500280200000005ull);	/* SYNC_ADD32 propagate, CSG scope */
	cst_run(s);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 15);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 4), 0);
	EXPECT_EQ(s->scope, MM_CS_SCOPE_CSG);
}

TEST(cs_sync_set32_stores_the_value)
{
	struct cst *s = cst_new(t);

	cst_w32(s, CST_DATA_VA, 10);
	RING(s, MOVE48_R40_DATA, MOVE32_R2_5,
	     0x2600280200000000ull);	/* SYNC_SET32 r2 -> [r40] */
	cst_run(s);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA), 5);
	EXPECT_EQ(s->syncs, 1);
}

TEST(cs_sync_add64_carries_into_the_high_word)
{
	struct cst *s = cst_new(t);

	cst_w64(s, CST_DATA_VA, 0xffffffffull);
	cst_w32(s, CST_DATA_VA + 8, 0x77);
	RING(s, MOVE48_R40_DATA,
	     0x0102000000000001ull,	/* MOVE48 r2:r3, #1 */
	     0x3300280200000000ull);	/* SYNC_ADD64 r2:r3 -> [r40] */
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), 0x100000000ull);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 8), 0x77);
}

TEST(cs_sync_set64_stores_both_words)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R40_DATA,
	     0x0102123456789abcull,	/* MOVE48 r2:r3, #0x123456789abc */
	     0x3400280200000001ull);	/* SYNC_SET64 propagate */
	cst_w32(s, CST_DATA_VA + 8, 0x77);
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), 0x123456789abcull);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 8), 0);
}

TEST(cs_error_state_propagates_until_error_barrier)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0120000007000000ull,	/* MOVE48 r32:r33, #BAD */
	     0x1400200000010000ull,	/* LOAD_MULTIPLE r0 <- [r32]: faults */
	     MOVE48_R40_DATA, 0x0102000000000001ull,
	     0x3300280200000001ull,	/* SYNC_ADD64 propagate */
	     0x2f00000000000000ull,	/* ERROR_BARRIER */
	     0x3300280200000001ull);	/* SYNC_ADD64 propagate */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	mm_cs_fault_ack(&s->x);
	/* Stop after the first SYNC_ADD64 to look at the status word. */
	EXPECT_EQ(mm_cs_run(t->gpu, &s->x, &s->ring, &s->env, t->now, 3),
		  MM_CS_STOP_BUDGET);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), 1);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 8), 1);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), 2);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 8), 0);
	EXPECT_EQ(s->x.error, 0);
}

TEST(cs_sync_wait32_blocks_until_memory_changes)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	RING(s, MOVE48_R40_DATA,
	     0x0202000000000000ull,	/* MOVE32 r2, #0 */
	     0x2700280210000000ull,	/* SYNC_WAIT32 GT r2, [r40] */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.wake_ns, MM_CS_NEVER);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_SYNC_WAIT);
	EXPECT_EQ(st.wait, 0x81000000);		/* sync wait, GT, 32-bit */
	EXPECT_EQ(st.sync_ptr, CST_DATA_VA);
	EXPECT_EQ(st.sync_value, 0);
	EXPECT_EQ(st.cmd_ptr, CST_RING_VA + 16);

	/* Re-evaluated on every run. */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_w32(s, CST_DATA_VA, 1);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_sync_wait64_compares_all_64_bits)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	cst_w64(s, CST_DATA_VA, 10);
	RING(s, MOVE48_R40_DATA,
	     0x0102000000000005ull,	/* MOVE48 r2:r3, #5 */
	     0x3500280200000000ull,	/* SYNC_WAIT64 LE r2:r3, [r40] */
	     0x0102000000000000ull | 0xffffffffull,	/* MOVE48 r2:r3, #2^32-1 */
	     0x3500280210000000ull,	/* SYNC_WAIT64 GT r2:r3, [r40] */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_status(s, &st);
	EXPECT_EQ(st.wait, 0xc0000000);		/* sync wait, 64-bit, LE */
	EXPECT_EQ(st.sync_value, 5);
	cst_w64(s, CST_DATA_VA, 0x100000000ull);	/* big: LE fails */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_w64(s, CST_DATA_VA, 5);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);	/* now at the GT */
	EXPECT_EQ(s->x.cmd_ptr, CST_RING_VA + 32);
	cst_w64(s, CST_DATA_VA, 0x100000000ull);	/* > 2^32 - 1 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_sync_wait_conditions_are_unsigned_compares)
{
	/* SYNC_WAIT32 <cond> r2, [r40] for cond 0 (LE) .. 6 (ALWAYS) */
	static const uint64_t wait[7] = {
		0x2700280200000000ull, 0x2700280210000000ull,
		0x2700280220000000ull, 0x2700280230000000ull,
		0x2700280240000000ull, 0x2700280250000000ull,
		0x2700280260000000ull,
	};
	/* memory 3, 5, 7 and 0xffffffff against reference 5 */
	static const uint32_t mem[4] = { 3, 5, 7, 0xffffffff };
	static const bool holds[7][4] = {
		{ 1, 1, 0, 0 }, { 0, 0, 1, 1 }, { 0, 1, 0, 0 }, { 1, 0, 1, 1 },
		{ 1, 0, 0, 0 }, { 0, 1, 1, 1 }, { 1, 1, 1, 1 },
	};
	unsigned int c, m;

	for (c = 0; c < 7; c++) {
		for (m = 0; m < 4; m++) {
			struct cst *s = cst_new(t);

			cst_w32(s, CST_DATA_VA, mem[m]);
			RING(s, MOVE48_R40_DATA, MOVE32_R2_5, wait[c]);
			EXPECT_EQ(cst_run(s), holds[c][m] ? MM_CS_STOP_EMPTY :
							    MM_CS_STOP_BLOCKED);
		}
	}
}

TEST(cs_sync_wait_rejecting_errors_raises_an_inherit_fault)
{
	struct cst *s = cst_new(t);

	cst_w32(s, CST_DATA_VA, 1);
	cst_w32(s, CST_DATA_VA + 4, 1);		/* signalled with an error */
	RING(s, MOVE48_R40_DATA, 0x0202000000000000ull,
	     0x2700280210000000ull,	/* SYNC_WAIT32 GT: accepts errors */
	     0x2700280210000001ull,	/* SYNC_WAIT32 GT, error reject */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->faults, 1);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INHERIT_FAULT);
	EXPECT_EQ(s->exc_info, CST_DATA_VA);
	EXPECT_EQ(s->x.cmd_ptr, CST_RING_VA + 24);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.error, MM_CS_EXC_INHERIT_FAULT);
}

TEST(cs_sync_object_faults)
{
	struct cst *s = cst_new(t);

	/* misaligned 64-bit object */
	RING(s, 0x0128000000400004ull,	/* MOVE48 r40:r41, #DATA + 4 */
	     0x3300280200000000ull);	/* SYNC_ADD64 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(s->exc_info, CST_DATA_VA + 4);
	EXPECT_EQ(s->syncs, 0);
	/* unmapped: the atomic read faults */
	mm_cs_fault_ack(&s->x);
	RING(s, 0x0128000007000000ull, 0x2500280200000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_data, MM_ACCESS_ATOMIC);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
	/* read-only: the atomic needs write permission too */
	mm_cs_fault_ack(&s->x);
	RING(s, 0x0128000000500000ull, 0x2500280200000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_RO_VA);
	/* but a wait only reads */
	mm_cs_fault_ack(&s->x);
	RING(s, 0x2700280260000000ull);	/* SYNC_WAIT32 ALWAYS on RO */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->faults, 3);
}

/* ---- FLUSH_CACHE2 ---------------------------------------------------------- */

TEST(cs_flush_with_id_zero_always_flushes)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;
	uint32_t before = latest_flush(t);

	RING(s, 0x025e000000000000ull,	/* MOVE32 r94, #0 */
	     FLUSH_PANTHOR);
	cst_run(s);
	EXPECT_EQ(s->x.stats.flushes, 1);
	EXPECT_EQ(latest_flush(t), before + 1);
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + MM_CS_T_ALU + MM_T_FLUSH);
}

TEST(cs_flush_is_skipped_when_a_newer_flush_happened)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	t->gpu->user.latest_flush = 7;
	s->x.reg[94] = 6;		/* sampled before flush 7 */
	RING(s, FLUSH_PANTHOR);
	cst_run(s);
	EXPECT_EQ(s->x.stats.flushes, 0);
	EXPECT_EQ(s->x.stats.flushes_skipped, 1);
	EXPECT_EQ(latest_flush(t), 7);
	/* It still signals its entry, at once. */
	EXPECT_EQ(s->x.sb[0].issued, 1);
	EXPECT_EQ(s->x.sb[0].done_ns, t0);
}

TEST(cs_flush_happens_when_nothing_flushed_since_the_sample)
{
	struct cst *s = cst_new(t);

	t->gpu->user.latest_flush = 7;
	s->x.reg[94] = 7;
	RING(s, FLUSH_PANTHOR);
	cst_run(s);
	EXPECT_EQ(s->x.stats.flushes, 1);
	EXPECT_EQ(latest_flush(t), 8);
	/* A sample from before a GPU reset (ahead of the counter) flushes. */
	s->x.reg[94] = 100;
	RING(s, FLUSH_PANTHOR);
	cst_run_all(s, 100000);
	EXPECT_EQ(s->x.stats.flushes, 2);
}

TEST(cs_flush_with_no_modes_flushes_nothing)
{
	struct cst *s = cst_new(t);

	RING(s, 0x24005e0000000000ull);	/* FLUSH_CACHE2 all modes none */
	cst_run(s);
	EXPECT_EQ(s->x.stats.flushes, 0);
	EXPECT_EQ(latest_flush(t), 0);
}

TEST(cs_flush_waits_behind_a_gpu_command_flush)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	th_wr(t, GPU_COMMAND, GPU_CMD_FLUSH_CACHES | 0x3300);
	RING(s, FLUSH_PANTHOR);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_FLUSH);
	EXPECT_EQ(s->x.wake_ns, t->now + MM_T_FLUSH);
	th_advance(t, MM_T_FLUSH);
	EXPECT_EQ(latest_flush(t), 1);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(latest_flush(t), 2);
}

TEST(cs_deferred_flush_starts_after_its_wait_entries)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	/* FLUSH_CACHE2 clean L2+LSC, id r94, wait SB0, signal SB2 */
	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0, 0x24025e0000010011ull);
	cst_run(s);
	EXPECT_EQ(s->x.sb[2].done_ns,
		  t0 + MM_CS_T_ALU + MM_CS_T_RUN_COMPUTE + MM_T_FLUSH);
}

/* ---- STORE_STATE ------------------------------------------------------------ */

TEST(cs_store_state_writes_the_timestamp_at_issue)
{
	struct cst *s = cst_new(t);
	uint64_t ts = th_rd64(t, TIMESTAMP_LO);

	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	/* STORE_STATE timestamp -> [r40 + 8], then error status -> [r40] */
	RING(s, 0x2800280000000008ull, 0x2800280300000000ull);
	cst_w64(s, CST_DATA_VA, 0x5555);
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA + 8), ts);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), 0);
}

/*
 * A stream that ran out of budget (or ran slower than its modelled cost)
 * must not sample a timestamp older than what the GPU already shows: its
 * clock catches up with the GPU's when it runs again.
 */
TEST(cs_store_state_never_lags_the_gpu_timestamp)
{
	struct cst *s = cst_new(t);
	uint64_t ts;

	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	RING(s, 0, 0, 0, 0, 0, 0, 0, 0,
	     0x2800280000000000ull);	/* STORE_STATE timestamp -> [r40] */
	EXPECT_EQ(mm_cs_run(t->gpu, &s->x, &s->ring, &s->env, t->now, 4),
		  MM_CS_STOP_BUDGET);
	th_advance(t, 1000000);
	ts = th_rd64(t, TIMESTAMP_LO);
	cst_run(s);
	EXPECT_GE(cst_r64(s, CST_DATA_VA), ts);
}

/*
 * A stream that empties its ring while asynchronous work it issued is still
 * in flight (as seen from the GPU's time) is not idle yet, so it must ask
 * to be looked at again when that work drains, even if its own clock ran
 * past the completion time.
 */
TEST(cs_empty_stream_wakes_when_its_async_work_drains)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;
	uint64_t words[101] = {
		/* STORE_STATE timestamp -> [r40], wait SB0, signal SB1 */
		0x2801280000010000ull,
	};				/* then 100 NOPs */

	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	cst_ring(s, words, 101);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	cst_status(s, &st);
	EXPECT_NE(st.scoreboards, 0);
	EXPECT_NE(s->x.wake_ns, MM_CS_NEVER);
	EXPECT_GT(s->x.wake_ns, t->now);
}

TEST(cs_store_state_writes_the_cycle_count)
{
	struct cst *s = cst_new(t);
	uint64_t cycles;

	th_wr(t, GPU_COMMAND, GPU_CMD_TIME | GPU_TIME_START << 8);
	th_advance(t, 1000);
	cycles = th_rd64(t, CYCLE_COUNT_LO);
	EXPECT_NE(cycles, 0);
	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	/* STORE_STATE cycles -> [r40 + 0x10] (panthor's profiling form) */
	RING(s, 0x2800280100000010ull);
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA + 0x10), cycles);
}

TEST(cs_deferred_store_state_samples_when_it_starts)
{
	struct cst *s = cst_new(t);
	uint64_t a, b;

	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	RING(s, 0x2800280000000000ull,	/* STORE_STATE timestamp -> [r40] */
	     MOVE48_R16_DATA, RUN_COMPUTE_0,
	     0x2801280000010008ull);	/* ... -> [r40 + 8], wait SB0, sig 1 */
	cst_run(s);
	a = cst_r64(s, CST_DATA_VA);
	b = cst_r64(s, CST_DATA_VA + 8);
	/* 24 MHz: the job's 10 us plus two instructions is 240-241 ticks */
	EXPECT_GE(b - a, 240);
	EXPECT_LE(b - a, 242);
}

TEST(cs_store_state_reports_the_error_state)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0120000007000000ull, 0x1400200000010000ull, /* bad load */
	     MOVE48_R40_DATA,
	     0x2800280300000000ull,	/* STORE_STATE error -> [r40] */
	     0x2800280200000008ull);	/* STORE_STATE disjoint -> [r40+8] */
	cst_w64(s, CST_DATA_VA + 8, 0x5555);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	mm_cs_fault_ack(&s->x);
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA), MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(cst_r64(s, CST_DATA_VA + 8), 0);
}

TEST(cs_store_state_to_a_misaligned_address_faults)
{
	struct cst *s = cst_new(t);

	s->x.reg[40] = (uint32_t)CST_DATA_VA;
	RING(s, 0x2800280000000004ull);	/* -> [r40 + 4] */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_DATA_VA + 4);
}

/* ---- Progress, resources, trace ------------------------------------ */

TEST(cs_progress_counter_store_increment_load)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0102000000000064ull,	/* MOVE48 r2:r3, #100 */
	     0x2a00020000000000ull,	/* PROGRESS_STORE r2:r3 */
	     MOVE48_R16_DATA,
	     0x0400000100000000ull,	/* RUN_COMPUTE progress_inc */
	     0x0300000100000000ull,	/* WAIT none, progress_inc */
	     0x0400000000000000ull,	/* RUN_COMPUTE */
	     0x2b04000000000000ull,	/* PROGRESS_LOAD r4:r5 */
	     0x2b00060000000000ull);	/* PROGRESS_LOAD r6:r7 (24.3 XML) */
	cst_run(s);
	EXPECT_EQ(s->x.reg[4], 102);
	EXPECT_EQ(s->x.reg[5], 0);
	EXPECT_EQ(s->x.reg[6], 102);
}

TEST(cs_progress_wait_blocks_until_the_queue_progressed)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	cst_use_progress(s);
	s->progress_of_other = 3;
	RING(s, MOVE32_R2_5,		/* r2:r3 = 5 (r3 is 0) */
	     0x1800020000000001ull,	/* PROGRESS_WAIT queue 1, r2:r3 */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_PROGRESS_WAIT);
	EXPECT_EQ(st.wait, MM_CS_STATUS_WAIT_PROGRESS);
	s->progress_of_other = 5;
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_req_resource_waits_for_the_grant)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	cst_use_resources(s);
	s->res_grant = false;
	RING(s, 0x220000000000000full,	/* REQ_RESOURCE all four */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_RESOURCE);
	EXPECT_EQ(st.req_resource, 0xf);
	s->res_grant = true;
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->res_reqs, 2);
	EXPECT_EQ(s->x.reg[10], 1);
	/* Without a firmware callback it is granted at once. */
	s->env.req_resource = NULL;
	RING(s, 0x2200000000000000ull);	/* release everything */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	cst_status(s, &st);
	EXPECT_EQ(st.req_resource, 0);
}

TEST(cs_trace_point_checks_its_register_range)
{
	struct cst *s = cst_new(t);

	RING(s, 0x3200040000000000ull);	/* TRACE_POINT r0..r3 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.trace_points, 1);
	RING(s, 0x3200045e00000000ull);	/* TRACE_POINT r94..r97 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
}

TEST(cs_prot_region_is_a_nop)
{
	struct cst *s = cst_new(t);

	RING(s, 0x2900000000000010ull, 0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->fatals + s->faults, 0);
}
