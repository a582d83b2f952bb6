// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: whole job sequences as drivers emit them
 * (the "write a value" job, panthor's ring-buffer job from mali-csf-hw.md
 * Appendix A, with and without a faulting user stream), and suspend/resume
 * through mm_cs_save()/mm_cs_restore().
 */
#include <string.h>

#include "test_cs.h"

static uint32_t latest_flush(struct th *t)
{
	return th_rd(t, USER_PAGE_BASE + USER_LATEST_FLUSH);
}

TEST(cs_write_a_value_job)
{
	struct cst *s = cst_new(t);

	RING(s, 0x015c000000400040ull,	/* MOVE48 r92:r93, #DATA + 0x40 */
	     0x025e0000deadbeefull,	/* MOVE32 r94, #0xdeadbeef */
	     0x155e5c0000010000ull,	/* STORE_MULTIPLE r94 -> [r92] */
	     0x0300000000ff0000ull,	/* WAIT all */
	     0x2400000000000233ull,	/* FLUSH_CACHE2 clean+inv, id r0 = 0 */
	     0x0300000000010000ull);	/* WAIT SB0 */
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x40), 0xdeadbeef);
	EXPECT_EQ(latest_flush(t), 1);
	EXPECT_EQ(s->ring.extract, 48);
	EXPECT_EQ(s->fatals + s->faults, 0);
}

#define SYNCOBJ_VA	(CST_DATA_VA + 0x100)

/*
 * One panthor job (Appendix A, X = 92), profiling timestamps on, padded to
 * 16 instructions, calling a user stream of @len bytes at CODE.
 */
static void panthor_job(struct cst *s, uint32_t latest, uint32_t len)
{
	uint64_t w[16] = {
		0x025e000000000000ull | latest,	/* MOVE32 r94, latest flush */
		0x24005e0000000233ull,		/* FLUSH_CACHE2 id r94, SB0 */
		0x015c000000400200ull,		/* MOVE48 r92, #times.before */
		0x28005c0000000000ull,		/* STORE_STATE timestamp */
		0x015c000000200000ull,		/* MOVE48 r92, #CODE */
		0x025e000000000000ull | len,	/* MOVE32 r94, len */
		0x0300000000010000ull,		/* WAIT SB0 */
		0x20005c5e00000000ull,		/* CALL r92, r94 */
		0x015c000000400208ull,		/* MOVE48 r92, #times.after */
		0x28005c0000000000ull,		/* STORE_STATE timestamp */
		0x015c000000400100ull,		/* MOVE48 r92, #syncobj */
		0x015e000000000001ull,		/* MOVE48 r94:r95, #1 */
		0x0300000000ff0000ull,		/* WAIT all */
		0x33005c5e00000001ull,		/* SYNC_ADD64 system, propagate */
		0x2f00000000000000ull,		/* ERROR_BARRIER */
		0,				/* NOP padding */
	};

	cst_ring(s, w, 16);
}

TEST(cs_panthor_ring_job_runs_the_user_stream_and_signals)
{
	struct cst *s = cst_new(t);
	uint64_t before, after;

	CODE(s, CST_CODE_VA,
	     0x0100000000400080ull,	/* MOVE48 r0:r1, #DATA + 0x80 */
	     0x020200000000002aull,	/* MOVE32 r2, #42 */
	     0x1502000000010000ull);	/* STORE_MULTIPLE r2 -> [r0] */
	t->gpu->user.latest_flush = 5;
	panthor_job(s, 5, 24);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);	/* on the flush */
	EXPECT_EQ(s->x.wait.kind, MM_CS_WAIT_SB);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 0);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x80), 42);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 1);
	EXPECT_EQ(cst_r32(s, SYNCOBJ_VA + 8), 0);
	EXPECT_EQ(s->syncs, 1);
	EXPECT_EQ(s->scope, MM_CS_SCOPE_SYSTEM);
	EXPECT_EQ(s->ring.extract, 128);
	EXPECT_EQ(latest_flush(t), 6);
	/* The user stream ran after the flush: at least 5 us later (24 MHz). */
	before = cst_r64(s, CST_DATA_VA + 0x200);
	after = cst_r64(s, CST_DATA_VA + 0x208);
	EXPECT_GE(after - before, MM_T_FLUSH * 24 / 1000);

	/* A job whose id was sampled before that flush skips its own... */
	panthor_job(s, 5, 24);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 2);
	EXPECT_EQ(s->x.stats.flushes_skipped, 1);
	EXPECT_EQ(latest_flush(t), 6);
	/* ...one sampled after it flushes again. */
	panthor_job(s, 6, 24);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.flushes, 2);
	EXPECT_EQ(latest_flush(t), 7);
}

TEST(cs_panthor_sync_only_job_with_an_empty_stream)
{
	struct cst *s = cst_new(t);

	panthor_job(s, 0, 0);
	panthor_job(s, 0, 0);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 2);
	EXPECT_EQ(s->syncs, 2);
}

TEST(cs_panthor_faulting_job_signals_with_an_error)
{
	struct cst *s = cst_new(t);

	CODE(s, CST_CODE_VA,
	     0x0100000007000000ull,	/* MOVE48 r0:r1, #BAD */
	     0x1402000000010000ull);	/* LOAD_MULTIPLE r2 <- [r0] */
	panthor_job(s, 0, 16);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	/* The ring's EXTRACT is inside the faulting job (panthor relies on it). */
	EXPECT_GT(s->ring.extract, 0);
	EXPECT_LT(s->ring.extract, 128);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 1);
	EXPECT_EQ(cst_r32(s, SYNCOBJ_VA + 8), 1);	/* error */
	/* ERROR_BARRIER: the next job is clean again. */
	CODE(s, CST_CODE_VA, 0, 0);
	panthor_job(s, 0, 16);
	EXPECT_EQ(cst_run_all(s, 1000000), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, SYNCOBJ_VA), 2);
	EXPECT_EQ(cst_r32(s, SYNCOBJ_VA + 8), 0);
}

/* ---- Suspend / resume ------------------------------------------------- */

/*
 * A long job: 40 iterations of a compute job plus arithmetic, waiting for
 * each job, inside a called buffer; the result is stored at DATA + 0x300.
 * (r0-r31 hold the compute job's resource pointers: the loop uses r50+.)
 */
static void long_job(struct cst *s)
{
	CODE(s, CST_CODE_VA,
	     0x0232000000000028ull,	/* MOVE32 r50, #40 */
	     0x0234000000000000ull,	/* MOVE32 r52, #0 */
	     0x0400000100000000ull,	/* loop: RUN_COMPUTE progress_inc */
	     0x1034340000000007ull,	/* ADD_IMMEDIATE32 r52 += 7 */
	     0x0300000000010000ull,	/* WAIT SB0 */
	     0x10323200ffffffffull,	/* ADD_IMMEDIATE32 r50 -= 1 */
	     0x160032001000fffbull,	/* BRANCH GT r50, loop (-5) */
	     0x0136000000400300ull,	/* MOVE48 r54:r55, #DATA + 0x300 */
	     0x1534360000010000ull);	/* STORE_MULTIPLE r52 -> [r54] */
	RING(s, 0x0110000000400000ull,	/* MOVE48 r16:r17, #DATA (SPD) */
	     0x0114000000200000ull,	/* MOVE48 r20:r21, #CODE */
	     0x0216000000000048ull,	/* MOVE32 r22, #72 */
	     0x2000141600000000ull,	/* CALL r20, r22 */
	     0x0300000000ff0000ull);	/* WAIT all */
}

struct outcome {
	uint32_t result;
	uint64_t instructions;
	uint64_t progress;
	uint64_t elapsed;
	uint64_t extract;
};

static struct outcome outcome_of(struct cst *s, uint64_t t0)
{
	return (struct outcome){
		.result = cst_r32(s, CST_DATA_VA + 0x300),
		.instructions = s->x.stats.instructions,
		.progress = s->x.progress,
		.elapsed = s->x.clock - t0,
		.extract = s->ring.extract,
	};
}

/* Run @steps wake-ups of the long job, then suspend and resume it. */
static struct outcome evicted_run(struct th *t, unsigned int steps,
				  uint64_t evicted_ns, uint32_t *depth_seen)
{
	static uint8_t buf[MM_CS_SAVE_SIZE];
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;
	struct mm_cs_ring ring;
	unsigned int i;

	long_job(s);
	for (i = 0; i < steps; i++) {
		cst_run(s);
		if (s->x.wake_ns != MM_CS_NEVER && s->x.wake_ns > t->now)
			th_advance(t, s->x.wake_ns - t->now);
	}
	*depth_seen = s->x.depth;
	EXPECT_EQ(mm_cs_save(&s->x, buf, sizeof(buf)), MM_CS_SAVE_SIZE);
	ring = s->ring;
	/* Another stream uses the slot meanwhile. */
	mm_cs_exec_reset(&s->x, 96, 8);
	memset(s->x.reg, 0xa5, sizeof(s->x.reg));
	th_advance(t, evicted_ns);
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), 0);
	s->ring = ring;
	EXPECT_EQ(cst_run_all(s, 100000000), MM_CS_STOP_EMPTY);
	return outcome_of(s, t0);
}

TEST(cs_suspend_resume_mid_stream_gives_the_same_result)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;
	struct outcome ref, got;
	uint32_t depth;

	long_job(s);
	EXPECT_EQ(cst_run_all(s, 100000000), MM_CS_STOP_EMPTY);
	ref = outcome_of(s, t0);
	EXPECT_EQ(ref.result, 280);
	EXPECT_EQ(ref.progress, 40);
	EXPECT_GE(ref.elapsed, 40 * MM_CS_T_RUN_COMPUTE);

	/* Suspended while waiting inside the called buffer, no time lost. */
	got = evicted_run(t, 7, 0, &depth);
	EXPECT_EQ(depth, 2);
	EXPECT_EQ(got.result, ref.result);
	EXPECT_EQ(got.instructions, ref.instructions);
	EXPECT_EQ(got.progress, ref.progress);
	EXPECT_EQ(got.extract, ref.extract);
	EXPECT_EQ(got.elapsed, ref.elapsed);

	/* Evicted for 1 ms: same result, later. */
	got = evicted_run(t, 20, 1000000, &depth);
	EXPECT_EQ(got.result, ref.result);
	EXPECT_EQ(got.instructions, ref.instructions);
	EXPECT_GT(got.elapsed, ref.elapsed);
}

/* Little-endian field of @bytes at @off of a saved state. */
static uint64_t le(const uint8_t *buf, unsigned int off, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | buf[off + bytes];
	return v;
}

TEST(cs_save_layout_is_fixed_and_versioned)
{
	static uint8_t buf[MM_CS_SAVE_SIZE];
	struct cst *s = cst_new(t);
	unsigned int i;
	bool zero = true;

	s->x.reg[0] = 0x11223344;
	s->x.reg[95] = 0x55667788;
	s->x.stats.instructions = 0x0102030405060708ull;
	memset(buf, 0xee, sizeof(buf));
	EXPECT_EQ(mm_cs_save(&s->x, buf, sizeof(buf) - 1), -1);
	EXPECT_EQ(mm_cs_save(&s->x, buf, sizeof(buf)), MM_CS_SAVE_SIZE);
	EXPECT_EQ(le(buf, 0, 4), MM_CS_SAVE_MAGIC);
	EXPECT_EQ(buf[0], 0x43);	/* little-endian "CCS1" */
	EXPECT_EQ(le(buf, 4, 4), MM_CS_SAVE_VERSION);
	EXPECT_EQ(le(buf, 8, 4), MM_CS_SAVE_SIZE);
	EXPECT_EQ(le(buf, 12, 4), 96);
	EXPECT_EQ(le(buf, 16, 4), 8);
	EXPECT_EQ(le(buf, 0x14, 4), 0x11223344);
	EXPECT_EQ(le(buf, 0x14 + 95 * 4, 4), 0x55667788);
	EXPECT_EQ(le(buf, 0x214, 4), 1);		/* depth */
	EXPECT_EQ(le(buf, 0x474, 8), 0x0102030405060708ull);
	for (i = 0x498; i < MM_CS_SAVE_SIZE; i++)
		zero &= buf[i] == 0;
	EXPECT_TRUE(zero);
}

TEST(cs_restore_rejects_foreign_buffers)
{
	static uint8_t buf[MM_CS_SAVE_SIZE];
	struct cst *s = cst_new(t);

	s->x.reg[7] = 7;
	mm_cs_save(&s->x, buf, sizeof(buf));
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), 0);
	EXPECT_EQ(s->x.reg[7], 7);
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf) - 8), -1);
	EXPECT_EQ(s->x.reg[7], 0);		/* left reset */
	EXPECT_EQ(s->x.reg_count, 96);

	buf[4] = 2;				/* version 2 */
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), -1);
	buf[4] = 1;
	buf[0] ^= 1;				/* magic */
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), -1);
	buf[0] ^= 1;
	buf[0x214] = 9;				/* depth 9 > 8 */
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), -1);
	buf[0x214] = 1;
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), 0);
}

TEST(cs_stream_suspended_in_a_sync_wait_resumes_waiting)
{
	static uint8_t buf[MM_CS_SAVE_SIZE];
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	RING(s, 0x0128000000400000ull, 0x0202000000000000ull,
	     0x2700280210000000ull,	/* SYNC_WAIT32 GT r2, [r40] */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	mm_cs_save(&s->x, buf, sizeof(buf));
	mm_cs_exec_reset(&s->x, 96, 8);
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), 0);
	cst_status(s, &st);
	EXPECT_EQ(st.blocked_reason, MM_CS_BLOCKED_SYNC_WAIT);
	EXPECT_EQ(st.sync_ptr, CST_DATA_VA);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	cst_w32(s, CST_DATA_VA, 1);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_stream_suspended_in_an_oom_wait_takes_the_grant_after_resume)
{
	static uint8_t buf[MM_CS_SAVE_SIZE];
	struct cst *s = cst_new(t);

	RING(s, 0x0148000000600000ull, 0x3000480000000000ull,	/* HEAP_SET */
	     0x0110000000400000ull, 0x0128000000400000ull,
	     0x0600000200000000ull,	/* RUN_IDVS malloc */
	     0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	mm_cs_save(&s->x, buf, sizeof(buf));
	mm_cs_exec_reset(&s->x, 96, 8);
	EXPECT_EQ(mm_cs_restore(&s->x, buf, sizeof(buf)), 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->ooms, 1);
	mm_cs_heap_grant(&s->x, cst_chunk(2));
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), cst_chunk(2));
}
