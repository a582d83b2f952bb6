// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RUN_* instructions. Nothing is shaded: a job reads the descriptors its
 * registers point at (cs-isa.md §4) through the MMU, so that a bad pointer
 * faults as it would on the GPU, then occupies its unit and the endpoint
 * scoreboard entry for a model time that grows with the job's size, and
 * bumps the progress counter if asked to.
 *
 * Pointers a job cannot do without (compute and vertex shader programs,
 * tiler context, framebuffer, draw call descriptor) are always read;
 * optional resources only when non-zero. Eight bytes are enough to prove a
 * descriptor is mapped.
 */
#include "cs_priv.h"

static enum mm_cs_res mm_cs_read_desc(struct mm_cs_ctx *c, u64 va,
				      bool required)
{
	u8 buf[8];

	if (!va && !required)
		return MM_CS_NEXT;
	return mm_cs_mem(c, va, buf, sizeof(buf), MM_ACCESS_READ);
}

static u64 mm_cs_pair(const struct mm_cs_ctx *c, u32 reg)
{
	return mm_cs_r64(c->x, reg);
}

/* Resource table, FAU and thread storage of selection @srt/@fau/@tsd. */
static enum mm_cs_res mm_cs_read_resources(struct mm_cs_ctx *c, u32 srt,
					   u32 fau, u32 tsd)
{
	u64 fau_ptr = mm_cs_pair(c, CS_REG_FAU(fau));
	enum mm_cs_res r;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SRT(srt)) &
			    ~CS_DESC_ALIGN_MASK, false);
	if (r == MM_CS_NEXT && MM_FIELD_GET(CS_FAU_COUNT, fau_ptr))
		r = mm_cs_read_desc(c, fau_ptr & CS_FAU_VA, true);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_TSD(tsd)), false);
	return r;
}

/* @base plus @per for each of @units, capped at MM_CS_T_MAX_JOB. */
static u64 mm_cs_job_time(u64 base, u64 units, u64 per)
{
	u64 cap = (MM_CS_T_MAX_JOB - base) / per;

	return base + MM_MIN(units, cap) * per;
}

static enum mm_cs_res mm_cs_job_issue(struct mm_cs_ctx *c,
				      enum mm_cs_unit unit, u64 duration)
{
	mm_cs_async(c, unit, 0, c->x->sb_endpoint, duration);
	mm_cs_progress_inc(c);
	c->x->stats.runs++;
	return MM_CS_NEXT;
}

/* RUN_COMPUTE and RUN_COMPUTE_INDIRECT: r37-r39 hold the job size. */
enum mm_cs_res mm_cs_op_run_compute(struct mm_cs_ctx *c)
{
	const u32 *reg = c->x->reg;
	enum mm_cs_res r;
	u64 wg;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SPD(mm_cs_f(c, CS_RUN_SPD))),
			    true);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_resources(c, mm_cs_f(c, CS_RUN_SRT),
					 mm_cs_f(c, CS_RUN_FAU),
					 mm_cs_f(c, CS_RUN_TSD));
	if (r != MM_CS_NEXT)
		return r;
	/* Workgroups, without overflowing: beyond the cap they all cost. */
	wg = (u64)reg[CS_REG_JOB_SIZE_X] * reg[CS_REG_JOB_SIZE_Y];
	if (!reg[CS_REG_JOB_SIZE_Z])
		wg = 0;
	else if (wg <= MM_CS_T_MAX_JOB)
		wg *= reg[CS_REG_JOB_SIZE_Z];
	return mm_cs_job_issue(c, MM_CS_UNIT_COMPUTE,
			       mm_cs_job_time(MM_CS_T_RUN_COMPUTE, wg,
					      MM_CS_T_WORKGROUP));
}

/* Tiling work takes heap memory when it is allowed to allocate. */
static enum mm_cs_res mm_cs_tiling_common(struct mm_cs_ctx *c, bool malloc)
{
	enum mm_cs_res r;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_TILER_CTX), true);
	if (r == MM_CS_NEXT && malloc)
		r = mm_cs_heap_alloc(c, MM_CS_HEAP_DRAW_BYTES);
	return r;
}

enum mm_cs_res mm_cs_op_run_tiling(struct mm_cs_ctx *c)
{
	enum mm_cs_res r;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SPD(mm_cs_f(c, CS_RUN_SPD))),
			    false);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_resources(c, mm_cs_f(c, CS_RUN_SRT),
					 mm_cs_f(c, CS_RUN_FAU),
					 mm_cs_f(c, CS_RUN_TSD));
	if (r == MM_CS_NEXT)
		r = mm_cs_tiling_common(c, true);
	if (r != MM_CS_NEXT)
		return r;
	return mm_cs_job_issue(c, MM_CS_UNIT_TILER, MM_CS_T_RUN_TILING);
}

/*
 * Position shader: selection 0; varying shader: SPD 1 with resources 0 or
 * 1; fragment shader: SPD 2 with resources 0 or 2 (cs-isa.md §4).
 */
enum mm_cs_res mm_cs_op_run_idvs(struct mm_cs_ctx *c)
{
	const u32 *reg = c->x->reg;
	u32 vs = (c->insn & CS_IDVS_VARY_SRT) ? 1 : 0;
	u32 vf = (c->insn & CS_IDVS_VARY_FAU) ? 1 : 0;
	u32 vt = (c->insn & CS_IDVS_VARY_TSD) ? 1 : 0;
	u32 fs = (c->insn & CS_IDVS_FRAG_SRT) ? 2 : 0;
	u32 ft = (c->insn & CS_IDVS_FRAG_TSD) ? 2 : 0;
	enum mm_cs_res r;
	u64 vertices;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SPD(0)), true);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_resources(c, 0, 0, 0);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SPD(1)), false);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_resources(c, vs, vf, vt);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_SPD(2)), false);
	if (r == MM_CS_NEXT)
		r = mm_cs_read_resources(c, fs, 2, ft);
	if (r == MM_CS_NEXT)
		r = mm_cs_tiling_common(c, c->insn & CS_IDVS_MALLOC);
	if (r != MM_CS_NEXT)
		return r;
	vertices = (u64)reg[CS_REG_IDVS_INDEX_COUNT] *
		   MM_MAX(reg[CS_REG_IDVS_INSTANCES], 1u);
	return mm_cs_job_issue(c, MM_CS_UNIT_TILER,
			       mm_cs_job_time(MM_CS_T_RUN_IDVS, vertices,
					      MM_CS_T_VERTEX));
}

/* The framebuffer pointer may carry flag bits below its alignment. */
enum mm_cs_res mm_cs_op_run_fragment(struct mm_cs_ctx *c)
{
	enum mm_cs_res r;

	r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_FBD) & ~CS_DESC_ALIGN_MASK,
			    true);
	if (r == MM_CS_NEXT && (c->insn & CS_FRAGMENT_TEM))
		r = mm_cs_read_desc(c, mm_cs_pair(c, CS_REG_TEM), true);
	if (r != MM_CS_NEXT)
		return r;
	return mm_cs_job_issue(c, MM_CS_UNIT_FRAGMENT, MM_CS_T_RUN_FRAGMENT);
}

enum mm_cs_res mm_cs_op_run_fullscreen(struct mm_cs_ctx *c)
{
	enum mm_cs_res r;

	r = mm_cs_read_desc(c, mm_cs_pair(c, mm_cs_f(c, CS_FULLSCREEN_DCD)),
			    true);
	if (r != MM_CS_NEXT)
		return r;
	return mm_cs_job_issue(c, MM_CS_UNIT_FRAGMENT, MM_CS_T_RUN_FULLSCREEN);
}

enum mm_cs_res mm_cs_op_finish_tiling(struct mm_cs_ctx *c)
{
	mm_cs_async(c, MM_CS_UNIT_TILER, 0, c->x->sb_endpoint, MM_CS_T_FINISH);
	mm_cs_progress_inc(c);
	return MM_CS_NEXT;
}
