// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: RUN_* (descriptor reads, timing, units) and
 * the tiler heap (HEAP_SET, HEAP_OPERATION, chunk use, FINISH_FRAGMENT,
 * the OOM handshake with grant, refusal, exception handler).
 */
#include "test_cs.h"

#define MOVE48_R16_DATA		0x0110000000400000ull	/* SPD 0 */
#define MOVE48_R40_DATA		0x0128000000400000ull	/* tiler ctx / FBD */
#define MOVE48_R16_BAD		0x0110000007000000ull
#define MOVE48_R72_HEAP		0x0148000000600000ull	/* r72:r73 = HEAP */
#define HEAP_SET_R72		0x3000480000000000ull
#define RUN_COMPUTE_0		0x0400000000000000ull
#define RUN_IDVS_MALLOC		0x0600000200000000ull
#define HEAP_VT_START		0x3100000000000000ull
#define HEAP_VT_END		0x3100000100000000ull
#define HEAP_FRAG_END		0x3100000300000000ull
#define FINISH_FRAGMENT_INC	0x0b003c3e00000001ull	/* r60, r62, inc */

/* ---- RUN_* -------------------------------------------------------------- */

TEST(cs_run_compute_reads_its_shader_program)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R16_BAD, RUN_COMPUTE_0, 0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(s->exc_data, MM_ACCESS_READ);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
	EXPECT_EQ(s->x.stats.runs, 0);
	EXPECT_EQ(s->x.sb[0].issued, 0);
	EXPECT_NE(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT) & MMU_IRQ_FAULT(CST_AS), 0);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
}

TEST(cs_run_compute_without_a_shader_program_faults)
{
	struct cst *s = cst_new(t);

	RING(s, RUN_COMPUTE_0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, 0);
}

TEST(cs_run_compute_uses_the_selected_register_pairs)
{
	struct cst *s = cst_new(t);

	/* SPD 0 bad, SPD 1 (r18:r19) good; RUN_COMPUTE spd select 1 */
	RING(s, MOVE48_R16_BAD, 0x0112000000400000ull,
	     0x0400040000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.runs, 1);
}

TEST(cs_run_compute_reads_optional_resources_only_when_set)
{
	struct cst *s = cst_new(t);

	s->x.reg[0] = (uint32_t)CST_DATA_VA | 3;	/* SRT with a count */
	s->x.reg[8] = (uint32_t)CST_BAD_VA;		/* FAU, count 0 */
	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.runs, 1);

	s->x.reg[9] = 1u << 24;				/* FAU count 1 */
	RING(s, RUN_COMPUTE_0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);

	mm_cs_fault_ack(&s->x);
	s->x.reg[9] = 0;
	s->x.reg[24] = (uint32_t)CST_BAD_VA + 0x40;	/* TSD 0 */
	RING(s, RUN_COMPUTE_0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA + 0x40);
}

TEST(cs_run_compute_time_grows_with_the_workgroups)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	s->x.reg[37] = 10;
	s->x.reg[38] = 2;
	s->x.reg[39] = 3;
	RING(s, MOVE48_R16_DATA, RUN_COMPUTE_0);
	cst_run(s);
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + MM_CS_T_ALU + MM_CS_T_RUN_COMPUTE +
		  60 * MM_CS_T_WORKGROUP);
	/* Absurd sizes are capped. */
	s->x.reg[37] = s->x.reg[38] = s->x.reg[39] = 0xffffffff;
	s->x.unit_busy[MM_CS_UNIT_COMPUTE] = 0;
	RING(s, RUN_COMPUTE_0);
	cst_run(s);
	EXPECT_EQ(s->x.sb[0].done_ns, s->x.clock - MM_CS_T_CTRL +
		  MM_CS_T_MAX_JOB);
}

TEST(cs_run_compute_indirect_behaves_like_run_compute)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R16_BAD, 0x2c00000000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	mm_cs_fault_ack(&s->x);
	RING(s, MOVE48_R16_DATA, 0x2c00000100000004ull);	/* progress */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.runs, 1);
	EXPECT_EQ(s->x.progress, 1);
}

TEST(cs_run_fragment_reads_the_framebuffer_descriptor)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	/* FBD pointer with flag bits in its low bits */
	RING(s, 0x0128000000400003ull,
	     0x0700000100000000ull);	/* RUN_FRAGMENT progress_inc */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + MM_CS_T_ALU + MM_CS_T_RUN_FRAGMENT);
	EXPECT_EQ(s->x.progress, 1);

	/* Tile enable map requested, but r44:r45 points nowhere. */
	s->x.reg[44] = (uint32_t)CST_BAD_VA;
	RING(s, 0x0700000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);

	mm_cs_fault_ack(&s->x);
	RING(s, 0x0128000007000000ull, 0x0700000000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
}

TEST(cs_fragment_and_compute_units_overlap)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	RING(s, MOVE48_R16_DATA, MOVE48_R40_DATA, RUN_COMPUTE_0,
	     0x0700000000000000ull);	/* RUN_FRAGMENT */
	cst_run(s);
	/* The fragment job did not queue behind the compute job. */
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + 2 * MM_CS_T_ALU + MM_CS_T_CTRL +
		  MM_CS_T_RUN_FRAGMENT);
	EXPECT_EQ(s->x.unit_busy[MM_CS_UNIT_COMPUTE],
		  t0 + 2 * MM_CS_T_ALU + MM_CS_T_RUN_COMPUTE);
}

TEST(cs_run_fullscreen_reads_its_draw_descriptor)
{
	struct cst *s = cst_new(t);

	RING(s, 0x0132000000400000ull,	/* MOVE48 r50:r51, #DATA */
	     0x0800320000000000ull);	/* RUN_FULLSCREEN dcd r50:r51 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.runs, 1);
	RING(s, 0x0132000007000000ull, 0x0800320000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
}

TEST(cs_run_idvs_reads_tiler_context_and_shaders)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	s->x.reg[33] = 300;		/* index count */
	s->x.reg[34] = 2;		/* instances */
	RING(s, MOVE48_R16_DATA, MOVE48_R40_DATA,
	     0x0600000000000000ull);	/* RUN_IDVS, no malloc */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.sb[0].done_ns, t0 + 2 * MM_CS_T_ALU + MM_CS_T_RUN_IDVS +
		  600 * MM_CS_T_VERTEX);
	/* A fragment shader pointer that is set must be mapped. */
	s->x.reg[20] = (uint32_t)CST_BAD_VA;	/* SPD 2 */
	RING(s, 0x0600000000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
	mm_cs_fault_ack(&s->x);
	s->x.reg[20] = 0;
	s->x.reg[40] = (uint32_t)CST_BAD_VA;	/* tiler context */
	RING(s, 0x0600000000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
}

TEST(cs_run_tiling_and_finish_tiling_share_the_tiler)
{
	struct cst *s = cst_new(t);
	uint64_t start;

	RING(s, MOVE48_R72_HEAP, HEAP_SET_R72, MOVE48_R40_DATA,
	     0x0500000000000000ull,	/* RUN_TILING */
	     0x0900000100000000ull);	/* FINISH_TILING progress_inc */
	s->oom_accept = false;		/* no heap memory: OOM fault */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_OOM);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.progress, 1);

	/* With memory: FINISH_TILING completes after the tiling job. */
	cst_w64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE, cst_chunk(0));
	start = MM_MAX(MM_MAX(s->x.clock, t->now),
		       s->x.unit_busy[MM_CS_UNIT_TILER]);
	RING(s, 0x0500000000000000ull, 0x0900000000000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.sb[0].done_ns,
		  start + MM_CS_T_RUN_TILING + MM_CS_T_FINISH);
	EXPECT_EQ(s->x.stats.runs, 1);
}

/* ---- Tiler heap ------------------------------------------------------------ */

TEST(cs_heap_operations_count_in_the_context)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	RING(s, MOVE48_R72_HEAP, HEAP_SET_R72, HEAP_VT_START, HEAP_VT_START,
	     HEAP_VT_END, HEAP_FRAG_END);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_VT_START), 2);
	EXPECT_EQ(cst_r32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_VT_END), 1);
	EXPECT_EQ(cst_r32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FRAG_END), 1);
	cst_status(s, &st);
	EXPECT_EQ(st.heap_address, CST_HEAP_VA);
	EXPECT_EQ(st.heap_vt_start, 2);
	EXPECT_EQ(st.heap_vt_end, 1);
	EXPECT_EQ(st.heap_frag_end, 1);
}

TEST(cs_heap_set_reads_the_context)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	cst_w32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_VT_START, 5);
	RING(s, MOVE48_R72_HEAP, HEAP_SET_R72);
	cst_run(s);
	cst_status(s, &st);
	EXPECT_EQ(st.heap_vt_start, 5);
	/* Misaligned or unmapped contexts fault. */
	RING(s, 0x0148000000600020ull, HEAP_SET_R72);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_HEAP_VA + 0x20);
	mm_cs_fault_ack(&s->x);
	RING(s, 0x0148000007000000ull, HEAP_SET_R72);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
}

TEST(cs_heap_operation_2_is_invalid)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R72_HEAP, HEAP_SET_R72, 0x3100000200000000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
}

/* Heap bound, shader and tiler context pointers valid. */
static void heap_prologue(struct cst *s)
{
	RING(s, MOVE48_R72_HEAP, HEAP_SET_R72, MOVE48_R16_DATA,
	     MOVE48_R40_DATA);
}

TEST(cs_first_draw_on_an_empty_heap_asks_for_memory)
{
	struct cst *s = cst_new(t);
	struct mm_cs_status st;

	heap_prologue(s);
	RING(s, HEAP_VT_START, RUN_IDVS_MALLOC, 0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->x.wait.kind, MM_CS_WAIT_OOM);
	EXPECT_EQ(s->ooms, 1);
	EXPECT_EQ(s->oom_heap, CST_HEAP_VA);
	EXPECT_EQ(s->oom_vt_start, 1);
	EXPECT_EQ(s->oom_vt_end, 0);
	EXPECT_EQ(s->oom_frag_end, 0);
	cst_status(s, &st);
	EXPECT_EQ(st.heap_address, CST_HEAP_VA);
	EXPECT_EQ(st.heap_vt_start, 1);
	/* No answer yet: still blocked, no second request. */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->ooms, 1);

	mm_cs_heap_grant(&s->x, cst_chunk(0));
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.stats.runs, 1);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), cst_chunk(0));
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE), 0);
	EXPECT_EQ(cst_r32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_TOP),
		  MM_CS_HEAP_CHUNK_HDR + MM_CS_HEAP_DRAW_BYTES);
}

TEST(cs_draws_consume_chunks_from_the_list)
{
	struct cst *s = cst_new(t);
	unsigned int i;

	/* chunk 0 -> chunk 1 -> end, as the host links initial chunks */
	cst_w64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE, cst_chunk(0));
	cst_w64(s, CST_CHUNK_VA, cst_chunk(1));
	heap_prologue(s);
	for (i = 0; i < 3; i++)
		RING(s, RUN_IDVS_MALLOC);
	cst_run(s);
	/* 3 draws of 4 KiB fit in a 16 KiB chunk with its header. */
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), cst_chunk(0));
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE), cst_chunk(1));
	RING(s, RUN_IDVS_MALLOC);
	cst_run(s);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), cst_chunk(1));
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE), 0);
	/* The used chunks are chained newest first. */
	EXPECT_EQ(cst_r64(s, cst_chunk(1) & ~0xfffull), cst_chunk(0));
	EXPECT_EQ(cst_r64(s, CST_CHUNK_VA), 0);
	for (i = 0; i < 3; i++)
		RING(s, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->ooms, 1);
	EXPECT_EQ(s->x.stats.runs, 6);
}

TEST(cs_finish_fragment_returns_the_chunks)
{
	struct cst *s = cst_new(t);
	unsigned int i;

	cst_w64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE, cst_chunk(0));
	cst_w64(s, CST_CHUNK_VA, cst_chunk(1));
	heap_prologue(s);
	for (i = 0; i < 6; i++)
		RING(s, RUN_IDVS_MALLOC);
	RING(s, FINISH_FRAGMENT_INC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), 0);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE), cst_chunk(1));
	EXPECT_EQ(cst_r32(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FRAG_END), 1);
	/* Another six draws fit again, without asking the host. */
	for (i = 0; i < 6; i++)
		RING(s, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->ooms, 0);
}

TEST(cs_refused_oom_runs_the_exception_handler_then_retries)
{
	struct cst *s = cst_new(t);
	unsigned int i;

	/* Handler: FINISH_FRAGMENT (incremental render), count itself. */
	CODE(s, CST_CODE_VA, FINISH_FRAGMENT_INC,
	     0x100a0a0000000001ull);	/* ADD_IMMEDIATE32 r10 += 1 */
	cst_w64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE, cst_chunk(0));
	heap_prologue(s);
	RING(s, 0x0114000000200000ull,	/* MOVE48 r20:r21, #CODE */
	     0x0216000000000010ull,	/* MOVE32 r22, #16 */
	     0x1900141600000002ull);	/* SET_EXCEPTION_HANDLER 2, r20, r22 */
	for (i = 0; i < 4; i++)
		RING(s, RUN_IDVS_MALLOC);
	RING(s, 0x020b000000000001ull);	/* MOVE32 r11, #1 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->ooms, 1);
	EXPECT_EQ(s->x.stats.runs, 3);
	mm_cs_heap_grant(&s->x, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.handler_calls, 1);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.reg[11], 1);
	EXPECT_EQ(s->x.stats.runs, 4);
	EXPECT_EQ(s->faults, 0);
	EXPECT_EQ(s->x.in_handler, 0);
	EXPECT_EQ(cst_r64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_USED), cst_chunk(0));
}

TEST(cs_refused_oom_without_handler_faults)
{
	struct cst *s = cst_new(t);

	heap_prologue(s);
	RING(s, RUN_IDVS_MALLOC, 0x020a000000000001ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	mm_cs_heap_grant(&s->x, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_OOM);
	EXPECT_EQ(s->exc_info, CST_HEAP_VA);
	EXPECT_EQ(s->x.stats.runs, 0);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[10], 1);
	EXPECT_EQ(s->x.error, MM_CS_EXC_OOM);
}

TEST(cs_oom_the_firmware_cannot_raise_is_a_refusal)
{
	struct cst *s = cst_new(t);

	s->oom_accept = false;
	heap_prologue(s);
	RING(s, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->ooms, 1);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_OOM);
}

TEST(cs_oom_inside_the_handler_faults_instead_of_recursing)
{
	struct cst *s = cst_new(t);

	/* A handler that draws again. */
	CODE(s, CST_CODE_VA, RUN_IDVS_MALLOC);
	heap_prologue(s);
	RING(s, 0x0114000000200000ull, 0x0216000000000008ull,
	     0x1900141600000002ull, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	mm_cs_heap_grant(&s->x, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);	/* the handler's draw */
	EXPECT_EQ(s->x.depth, 2);
	EXPECT_EQ(s->ooms, 2);
	mm_cs_heap_grant(&s->x, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_OOM);
	EXPECT_EQ(s->x.stats.handler_calls, 1);
}

TEST(cs_grant_without_a_request_is_ignored)
{
	struct cst *s = cst_new(t);

	mm_cs_heap_grant(&s->x, cst_chunk(0));
	EXPECT_EQ(s->x.heap.oom, MM_CS_OOM_NONE);
	heap_prologue(s);
	RING(s, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_BLOCKED);
	EXPECT_EQ(s->ooms, 1);
}

TEST(cs_draw_without_a_heap_faults)
{
	struct cst *s = cst_new(t);

	RING(s, MOVE48_R16_DATA, MOVE48_R40_DATA, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_OOM);
	EXPECT_EQ(s->ooms, 0);
}

TEST(cs_chunk_too_small_for_a_draw_is_invalid_data)
{
	struct cst *s = cst_new(t);

	/* A one-page chunk cannot hold header + 4 KiB. */
	cst_w64(s, CST_HEAP_VA + MM_CS_HEAP_CTX_FREE, CST_CHUNK_VA | 1);
	heap_prologue(s);
	RING(s, RUN_IDVS_MALLOC);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_DATA_INVALID);
}
