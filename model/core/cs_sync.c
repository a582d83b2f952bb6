// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Scoreboards and synchronisation: WAIT, SYNC_ADD/SET/WAIT 32/64,
 * FLUSH_CACHE2, STORE_STATE, PROGRESS_*, TRACE_POINT.
 *
 * Asynchronous work starts when the stream issues it, when its unit is
 * free and, for deferred instructions (wait mask != 0), when the awaited
 * scoreboard entries drain; it completes a fixed model time later and keeps
 * its signal entry busy until then. Instructions that are asynchronous only
 * when deferred (SYNC_*, STORE_STATE, HEAP_OPERATION, TRACE_POINT,
 * FINISH_FRAGMENT) run synchronously, touching no entry, with a zero wait
 * mask (cs-isa.md §1).
 */
#include "cs_priv.h"
#include "events.h"
#include "gpu_ctrl.h"
#include "log.h"
#include "mm_gpu.h"
#include "user.h"

/* ---- Scoreboard bookkeeping ------------------------------------------ */

u64 mm_cs_sb_done(const struct mm_cs_exec *x, u32 mask)
{
	u64 t = 0;
	u32 i;

	for (i = 0; i < x->sb_count; i++)
		if (mask & (1u << i))
			t = MM_MAX(t, x->sb[i].done_ns);
	return t;
}

/* When work for @unit (MM_CS_UNIT_COUNT: none) waiting on @wait_mask starts. */
static u64 mm_cs_start_time(const struct mm_cs_exec *x, enum mm_cs_unit unit,
			    u32 wait_mask)
{
	u64 t = x->clock;

	if (unit < MM_CS_UNIT_COUNT)
		t = MM_MAX(t, x->unit_busy[unit]);
	return MM_MAX(t, mm_cs_sb_done(x, mm_cs_sb_valid(x, wait_mask)));
}

static void mm_cs_track(struct mm_cs_exec *x, enum mm_cs_unit unit, u32 slot,
			u64 done)
{
	if (unit < MM_CS_UNIT_COUNT)
		x->unit_busy[unit] = done;
	x->sb[slot].done_ns = MM_MAX(x->sb[slot].done_ns, done);
	x->sb[slot].issued++;
}

/* Queue work on @unit, signalling @slot; returns its start time. */
u64 mm_cs_async(struct mm_cs_ctx *c, enum mm_cs_unit unit, u32 wait_mask,
		u32 slot, u64 duration)
{
	u64 start = mm_cs_start_time(c->x, unit, wait_mask);

	mm_cs_track(c->x, unit, slot, mm_time_after(start, duration));
	return start;
}

/* As mm_cs_async() if @wait_mask is set; else synchronous, at the clock. */
u64 mm_cs_deferred(struct mm_cs_ctx *c, enum mm_cs_unit unit, u32 wait_mask,
		   u32 slot, u64 duration)
{
	if (!mm_cs_sb_valid(c->x, wait_mask))
		return c->x->clock;
	return mm_cs_async(c, unit, wait_mask, slot, duration);
}

void mm_cs_progress_inc(struct mm_cs_ctx *c)
{
	if (c->insn & CS_F_PROGRESS_INC)
		c->x->progress++;
}

enum mm_cs_res mm_cs_op_wait(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 mask = mm_cs_sb_valid(x, mm_cs_f(c, CS_F_WAIT_MASK));
	u64 t = mm_cs_sb_done(x, mask);

	if (t > x->clock) {
		if (t > c->now) {
			x->wait.sb_mask = mask;
			return mm_cs_block(c, MM_CS_WAIT_SB, t);
		}
		/* The entries drained at t: the stream resumed then. */
		x->clock = t;
	}
	mm_cs_progress_inc(c);
	return MM_CS_NEXT;
}

/* ---- Sync objects ---------------------------------------------------------- */

static bool mm_cs_sync64(const struct mm_cs_ctx *c)
{
	u32 op = (u32)MM_FIELD_GET(CS_OPCODE, c->insn);

	return op == CS_OP_SYNC_ADD64 || op == CS_OP_SYNC_SET64 ||
	       op == CS_OP_SYNC_WAIT64;
}

/* Value width in bytes; the status word follows the value. */
static u32 mm_cs_sync_size(const struct mm_cs_ctx *c)
{
	return mm_cs_sync64(c) ? 8 : 4;
}

static u64 mm_cs_sync_data(const struct mm_cs_ctx *c)
{
	u32 r = mm_cs_f(c, CS_F_DATA);

	return mm_cs_sync64(c) ? mm_cs_r64(c->x, r) : c->x->reg[r];
}

static enum mm_cs_res mm_cs_sync_addr(struct mm_cs_ctx *c, u64 *va,
				      enum mm_access_type type)
{
	*va = mm_cs_r64(c->x, mm_cs_f(c, CS_F_ADDR));
	if (*va & (mm_cs_sync_size(c) - 1))
		return mm_cs_fault(c, MM_CS_EXC_BUS_FAULT, type, *va);
	return MM_CS_NEXT;
}

/*
 * Write @value (and, when propagating, the error state as status: 0 ok,
 * 1 error) then account the instruction and tell the firmware.
 */
static enum mm_cs_res mm_cs_sync_store(struct mm_cs_ctx *c, u64 va, u64 value)
{
	u32 size = mm_cs_sync_size(c);
	bool propagate = c->insn & CS_SYNC_PROPAGATE;
	u8 buf[12];
	enum mm_cs_res r;

	mm_cs_put_le(buf, value, size);
	mm_cs_put_le(buf + size, c->x->error ? 1 : 0, 4);
	r = mm_cs_mem(c, va, buf, size + (propagate ? 4 : 0), MM_ACCESS_WRITE);
	if (r != MM_CS_NEXT)
		return r;
	mm_cs_deferred(c, MM_CS_UNIT_COUNT, mm_cs_f(c, CS_F_WAIT_MASK),
		       mm_cs_f(c, CS_F_SIGNAL), MM_CS_T_SYNC);
	if (c->env->sync_update)
		c->env->sync_update(c->env->ctx, mm_cs_f(c, CS_SYNC_SCOPE));
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_sync_add(struct mm_cs_ctx *c)
{
	u8 buf[8];
	enum mm_cs_res r;
	u64 va;

	r = mm_cs_sync_addr(c, &va, MM_ACCESS_ATOMIC);
	if (r != MM_CS_NEXT)
		return r;
	r = mm_cs_mem(c, va, buf, mm_cs_sync_size(c), MM_ACCESS_ATOMIC);
	if (r != MM_CS_NEXT)
		return r;
	return mm_cs_sync_store(c, va, mm_cs_get_le(buf, mm_cs_sync_size(c)) +
				mm_cs_sync_data(c));
}

enum mm_cs_res mm_cs_op_sync_set(struct mm_cs_ctx *c)
{
	enum mm_cs_res r;
	u64 va;

	r = mm_cs_sync_addr(c, &va, MM_ACCESS_WRITE);
	if (r != MM_CS_NEXT)
		return r;
	return mm_cs_sync_store(c, va, mm_cs_sync_data(c));
}

/*
 * Read the object again each time: the stream stays blocked, re-evaluating
 * on every run, until the condition holds. A satisfied wait on an object
 * carrying an error faults if the instruction rejects errors.
 */
enum mm_cs_res mm_cs_op_sync_wait(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 size = mm_cs_sync_size(c);
	u32 cond = mm_cs_f(c, CS_SYNC_COND);
	u64 ref = mm_cs_sync_data(c);
	u8 buf[12];
	enum mm_cs_res r;
	u64 va, val;

	r = mm_cs_sync_addr(c, &va, MM_ACCESS_READ);
	if (r != MM_CS_NEXT)
		return r;
	r = mm_cs_mem(c, va, buf, size + 4, MM_ACCESS_READ);
	if (r != MM_CS_NEXT)
		return r;
	val = mm_cs_get_le(buf, size);
	if (!mm_cs_cond_holds(cond, val < ref ? -1 : val > ref ? 1 : 0)) {
		x->wait.cond = cond;
		x->wait.sync64 = size == 8;
		x->wait.sync_va = va;
		x->wait.ref = ref;
		return mm_cs_block(c, MM_CS_WAIT_SYNC, MM_CS_NEVER);
	}
	if ((c->insn & CS_SYNC_REJECT) && mm_cs_get_le(buf + size, 4))
		return mm_cs_fault(c, MM_CS_EXC_INHERIT_FAULT, 0, va);
	return MM_CS_NEXT;
}

/* ---- Cache flush ------------------------------------------------------------ */

/*
 * The flush id is a LATEST_FLUSH value sampled earlier; 0 means "always
 * flush". Any flush completed since then (a later id, compared with
 * wrap-around) makes this one unnecessary. An id from before a GPU reset
 * (later than the current one) flushes, which is the safe side.
 */
static bool mm_cs_flush_skippable(struct mm_gpu *gpu, u32 flush_id)
{
	return flush_id && (s32)(mm_user_latest_flush(gpu) - flush_id) > 0;
}

enum mm_cs_res mm_cs_op_flush_cache2(struct mm_cs_ctx *c)
{
	struct mm_gpu *gpu = c->gpu;
	u32 modes = (u32)(c->insn & (CS_FLUSH_L2 | CS_FLUSH_LSC |
				     CS_FLUSH_OTHER));
	u32 flush_id = c->x->reg[mm_cs_f(c, CS_F_SRC)];
	bool skip = mm_cs_flush_skippable(gpu, flush_id);
	u64 when;

	if (modes && !skip && gpu->gc.flush_pending) {
		/* One cache flush at a time: wait for GPU_COMMAND's. */
		if (!mm_event_pending(gpu, MM_EV_FLUSH_DONE, 0, &when))
			when = mm_time_after(c->x->clock, MM_CS_T_STALL_RETRY);
		return mm_cs_block(c, MM_CS_WAIT_FLUSH, when);
	}
	if (skip)
		c->x->stats.flushes_skipped++;
	if (!modes || skip) {
		mm_cs_async(c, MM_CS_UNIT_OTHER, mm_cs_f(c, CS_F_WAIT_MASK),
			    mm_cs_f(c, CS_F_SIGNAL), 0);
		return MM_CS_NEXT;
	}
	mm_cs_async(c, MM_CS_UNIT_OTHER, mm_cs_f(c, CS_F_WAIT_MASK),
		    mm_cs_f(c, CS_F_SIGNAL), gpu->timing.flush_ns);
	mm_user_flush_completed(gpu);
	c->x->stats.flushes++;
	return MM_CS_NEXT;
}

/* ---- STORE_STATE ---------------------------------------------------------- */

/* A GPU counter as it reads at model time @t (the instruction's own). */
static u64 mm_cs_state_at(struct mm_cs_ctx *c, u32 state, u64 t)
{
	struct mm_gpu *gpu = c->gpu;
	u64 saved = gpu->now, v;

	switch (state) {
	case CS_STATE_TIMESTAMP:
	case CS_STATE_CYCLES:
		gpu->now = t;
		v = state == CS_STATE_TIMESTAMP ? mm_gpu_timestamp(gpu) :
						  mm_gpu_cycle_count(gpu);
		gpu->now = saved;
		return v;
	case CS_STATE_ERROR:
		return c->x->error;
	default:
		/* The model never loses counter continuity. */
		return 0;
	}
}

enum mm_cs_res mm_cs_op_store_state(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 wait = mm_cs_sb_valid(x, mm_cs_f(c, CS_F_WAIT_MASK));
	u64 va = mm_cs_r64(x, mm_cs_f(c, CS_F_ADDR)) + (u64)(s64)mm_cs_off16(c);
	u64 t = wait ? mm_cs_start_time(x, MM_CS_UNIT_COUNT, wait) : x->clock;
	u8 buf[8];
	enum mm_cs_res r;

	if (va & 7)
		return mm_cs_fault(c, MM_CS_EXC_BUS_FAULT, MM_ACCESS_WRITE, va);
	mm_cs_put_le(buf, mm_cs_state_at(c, mm_cs_f(c, CS_STATE_SEL), t), 8);
	r = mm_cs_mem(c, va, buf, 8, MM_ACCESS_WRITE);
	if (r != MM_CS_NEXT)
		return r;
	mm_cs_deferred(c, MM_CS_UNIT_COUNT, wait, mm_cs_f(c, CS_F_SIGNAL),
		       MM_CS_T_SYNC);
	return MM_CS_NEXT;
}

/* ---- Progress and trace ---------------------------------------------- */

enum mm_cs_res mm_cs_op_progress_wait(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 queue = mm_cs_f(c, CS_PROGRESS_QUEUE);
	u64 target = mm_cs_r64(x, mm_cs_f(c, CS_F_SRC));
	u64 cur = c->env->progress ? c->env->progress(c->env->ctx, queue) :
				     x->progress;

	if (cur >= target)
		return MM_CS_NEXT;
	x->wait.queue = queue;
	x->wait.ref = target;
	return mm_cs_block(c, MM_CS_WAIT_PROGRESS, MM_CS_NEVER);
}

enum mm_cs_res mm_cs_op_progress_store(struct mm_cs_ctx *c)
{
	c->x->progress = mm_cs_r64(c->x, mm_cs_f(c, CS_F_SRC));
	return MM_CS_NEXT;
}

/* Accept the 24.3 XML's destination position too (cs-isa.md §7). */
enum mm_cs_res mm_cs_op_progress_load(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 dst = mm_cs_f(c, CS_F_DST);

	if (!dst)
		dst = mm_cs_f(c, CS_PROGRESS_LOAD_OLD);
	if ((dst & 1) || dst + 1 >= x->reg_count)
		return mm_cs_invalid(c);
	mm_cs_set_r64(x, dst, x->progress);
	return MM_CS_NEXT;
}

/* Firmware tracing is never enabled in the model: only the accounting. */
enum mm_cs_res mm_cs_op_trace_point(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;

	if (mm_cs_f(c, CS_TRACE_BASE) + mm_cs_f(c, CS_TRACE_COUNT) > x->reg_count)
		return mm_cs_invalid(c);
	mm_cs_deferred(c, MM_CS_UNIT_COUNT, mm_cs_f(c, CS_F_WAIT_MASK),
		       mm_cs_f(c, CS_F_SIGNAL), MM_CS_T_SYNC);
	x->stats.trace_points++;
	return MM_CS_NEXT;
}
