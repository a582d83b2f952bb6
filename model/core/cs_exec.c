// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: the run loop, the call stack, faults, status
 * export and the handlers of the control and arithmetic instructions.
 *
 * Which errors are fatal and which are recoverable (mali-csf-hw.md §4.12
 * leaves the choice open for bus faults; the model takes the reading that
 * keeps the stream's own program intact):
 *  - CS_FATAL: invalid instruction or field (0x49), call stack overflow
 *    (0x4a), and a failed instruction fetch (CS_BUS_FAULT 0x48, data = the
 *    access type): the program itself cannot go on.
 *  - CS_FAULT: a failed data access by an instruction (CS_BUS_FAULT, data
 *    = access type, info = VA), a rejected sync object (CS_INHERIT_FAULT),
 *    a heap with no memory (OOM 0x60). The instruction counts as done, the
 *    stream's error state is set, and it continues after the host's ack.
 * An MMU fault is also reported by the MMU itself on the stream's AS.
 */
#include "cs_priv.h"
#include "events.h"
#include "log.h"
#include "mm_gpu.h"

/* ---- Program position --------------------------------------------------- */

static struct mm_cs_frame *mm_cs_top(struct mm_cs_exec *x)
{
	return &x->stack[x->depth - 1];
}

/* Return from every finished call. */
static void mm_cs_pop_finished(struct mm_cs_exec *x)
{
	while (x->depth > 1 && mm_cs_top(x)->va >= mm_cs_top(x)->end) {
		if (x->in_handler == x->depth)
			x->in_handler = 0;
		x->depth--;
	}
}

/*
 * VA of the next instruction, or false if there is none (ring empty at the
 * root level).
 */
static bool mm_cs_next_va(struct mm_cs_exec *x, const struct mm_cs_ring *ring,
			  u64 *va)
{
	mm_cs_pop_finished(x);
	if (x->depth > 1) {
		*va = mm_cs_top(x)->va;
		return true;
	}
	if (ring->insert <= ring->extract || ring->insert - ring->extract < 8)
		return false;
	*va = ring->base + (ring->extract & (u64)(ring->size - 1));
	return true;
}

void mm_cs_advance(struct mm_cs_ctx *c)
{
	if (c->x->depth > 1)
		mm_cs_top(c->x)->va += 8;
	else
		c->ring->extract += 8;
}

enum mm_cs_res mm_cs_push(struct mm_cs_ctx *c, u64 va, u32 len)
{
	struct mm_cs_exec *x = c->x;
	struct mm_cs_frame *f;

	if (x->depth >= MM_CS_CALL_DEPTH)
		return mm_cs_fatal(c, MM_CS_EXC_CALL_STACK_OVERFLOW, x->depth,
				   va);
	f = &x->stack[x->depth++];
	f->start = va;
	f->va = va;
	f->end = va + len;
	c->moved = true;
	return MM_CS_NEXT;
}

/* ---- Faults ---------------------------------------------------------------- */

static void mm_cs_record(struct mm_cs_exec *x, u32 type, u32 data, u64 info)
{
	x->exc_type = type;
	x->exc_data = data & 0xffffff;
	x->exc_info = info;
}

enum mm_cs_res mm_cs_fatal(struct mm_cs_ctx *c, u32 type, u32 data, u64 info)
{
	struct mm_cs_exec *x = c->x;

	mm_cs_record(x, type, data, info);
	x->wait.kind = MM_CS_WAIT_FATAL;
	mm_log(c->gpu, "CS fatal 0x%02x data 0x%x info 0x%llx at VA 0x%llx",
	       type, data, MM_ULL(info), MM_ULL(c->va));
	if (c->env->fatal)
		c->env->fatal(c->env->ctx, type, x->exc_data, info);
	return MM_CS_HALT;
}

enum mm_cs_res mm_cs_fault(struct mm_cs_ctx *c, u32 type, u32 data, u64 info)
{
	struct mm_cs_exec *x = c->x;

	mm_cs_record(x, type, data, info);
	x->error = type;
	x->stats.faults++;
	x->wait.kind = MM_CS_WAIT_FAULT;
	/* The faulting instruction is done (with an error). */
	if (!c->moved)
		mm_cs_advance(c);
	c->moved = true;
	mm_log(c->gpu, "CS fault 0x%02x data 0x%x info 0x%llx at VA 0x%llx",
	       type, data, MM_ULL(info), MM_ULL(c->va));
	if (c->env->fault)
		c->env->fault(c->env->ctx, type, x->exc_data, info);
	return MM_CS_HALT;
}

enum mm_cs_res mm_cs_invalid(struct mm_cs_ctx *c)
{
	return mm_cs_fatal(c, MM_CS_EXC_INSTR_INVALID,
			   (u32)MM_FIELD_GET(CS_OPCODE, c->insn), c->va);
}

enum mm_cs_res mm_cs_block(struct mm_cs_ctx *c, u32 kind, u64 wake_ns)
{
	c->x->wait.kind = kind;
	c->x->wake_ns = wake_ns;
	return MM_CS_BLOCK;
}

/* @cmp: <0, 0 or >0 as the compared value is below, equal or above. */
bool mm_cs_cond_holds(u32 cond, s32 cmp)
{
	switch (cond) {
	case CS_COND_LE:
		return cmp <= 0;
	case CS_COND_GT:
		return cmp > 0;
	case CS_COND_EQ:
		return cmp == 0;
	case CS_COND_NE:
		return cmp != 0;
	case CS_COND_LT:
		return cmp < 0;
	case CS_COND_GE:
		return cmp >= 0;
	case CS_COND_ALWAYS:
		return true;
	default:
		return false;
	}
}

/* ---- Control and arithmetic handlers ---------------------------------- */

enum mm_cs_res mm_cs_op_nop(struct mm_cs_ctx *c __maybe_unused)
{
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_move48(struct mm_cs_ctx *c)
{
	mm_cs_set_r64(c->x, mm_cs_f(c, CS_F_DST),
		      MM_FIELD_GET(CS_MOVE48_IMM, c->insn));
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_move32(struct mm_cs_ctx *c)
{
	c->x->reg[mm_cs_f(c, CS_F_DST)] = mm_cs_f(c, CS_F_IMM32);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_add_imm32(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;

	x->reg[mm_cs_f(c, CS_F_DST)] = x->reg[mm_cs_f(c, CS_F_SRC)] +
				       mm_cs_f(c, CS_F_IMM32);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_add_imm64(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	s64 imm = (s32)mm_cs_f(c, CS_F_IMM32);

	mm_cs_set_r64(x, mm_cs_f(c, CS_F_DST),
		      mm_cs_r64(x, mm_cs_f(c, CS_F_SRC)) + (u64)imm);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_umin32(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 a = x->reg[mm_cs_f(c, CS_UMIN_SRC0)];
	u32 b = x->reg[mm_cs_f(c, CS_UMIN_SRC1)];

	x->reg[mm_cs_f(c, CS_F_DST)] = MM_MIN(a, b);
	return MM_CS_NEXT;
}

/*
 * A branch target must stay inside the current buffer (its end counts: the
 * call returns) or, at the root, inside the ring's valid window.
 */
enum mm_cs_res mm_cs_op_branch(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	s32 v = (s32)x->reg[mm_cs_f(c, CS_BRANCH_REG)];
	s64 delta = ((s64)mm_cs_off16(c) + 1) * 8;
	struct mm_cs_frame *f;
	u64 target;

	if (!mm_cs_cond_holds(mm_cs_f(c, CS_BRANCH_COND), v > 0 ? 1 : v < 0 ? -1 : 0))
		return MM_CS_NEXT;

	if (x->depth > 1) {
		f = mm_cs_top(x);
		target = f->va + (u64)delta;
		if (target < f->start || target > f->end)
			return mm_cs_fatal(c, MM_CS_EXC_INSTR_INVALID,
					   CS_OP_BRANCH, target);
		f->va = target;
	} else {
		target = c->ring->extract + (u64)delta;
		if (target > c->ring->insert ||
		    c->ring->insert - target > c->ring->size)
			return mm_cs_fatal(c, MM_CS_EXC_INSTR_INVALID,
					   CS_OP_BRANCH, target);
		c->ring->extract = target;
	}
	c->moved = true;
	return MM_CS_NEXT;
}

/* Address and length of a CALL/JUMP target; false if misaligned. */
static bool mm_cs_target(struct mm_cs_ctx *c, u64 *va, u32 *len)
{
	*va = mm_cs_r64(c->x, mm_cs_f(c, CS_F_ADDR));
	*len = c->x->reg[mm_cs_f(c, CS_F_DATA)];
	return !(*len & 7) && (!*len || !(*va & 7));
}

enum mm_cs_res mm_cs_op_call(struct mm_cs_ctx *c)
{
	u64 va;
	u32 len;

	if (!mm_cs_target(c, &va, &len))
		return mm_cs_invalid(c);
	if (!len)
		return MM_CS_NEXT;	/* an empty user stream is legal */
	if (c->x->depth >= MM_CS_CALL_DEPTH)
		return mm_cs_fatal(c, MM_CS_EXC_CALL_STACK_OVERFLOW,
				   c->x->depth, va);
	/* Return after the CALL. */
	mm_cs_advance(c);
	return mm_cs_push(c, va, len);
}

enum mm_cs_res mm_cs_op_jump(struct mm_cs_ctx *c)
{
	struct mm_cs_frame *f;
	u64 va;
	u32 len;

	/* The ring itself cannot be replaced. */
	if (c->x->depth == 1 || !mm_cs_target(c, &va, &len))
		return mm_cs_invalid(c);
	f = mm_cs_top(c->x);
	f->start = va;
	f->va = va;
	f->end = va + len;
	c->moved = true;
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_set_sb_entry(struct mm_cs_ctx *c)
{
	c->x->sb_endpoint = mm_cs_f(c, CS_SB_ENDPOINT);
	c->x->sb_other = mm_cs_f(c, CS_SB_OTHER);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_set_exc_handler(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 type = mm_cs_f(c, CS_EXC_TYPE);
	u64 va = mm_cs_r64(x, mm_cs_f(c, CS_F_ADDR));
	u32 len = x->reg[mm_cs_f(c, CS_F_DATA)];

	if (len & 7 || (len && va & 7))
		return mm_cs_invalid(c);
	if (type >= MM_CS_MAX_HANDLERS) {
		/* No exception the model raises uses it. */
		mm_log_once(c->gpu, MM_LOGK_MISC | 0xc500 | (type & 0xff),
			    "CS: exception handler for type %u ignored", type);
		return MM_CS_NEXT;
	}
	x->handler[type].va = len ? va : 0;
	x->handler[type].len = len;
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_req_resource(struct mm_cs_ctx *c)
{
	u32 mask = mm_cs_f(c, CS_RES_MASK);

	c->x->resources = mask;
	if (c->env->req_resource && !c->env->req_resource(c->env->ctx, mask))
		return mm_cs_block(c, MM_CS_WAIT_RESOURCE, MM_CS_NEVER);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_error_barrier(struct mm_cs_ctx *c)
{
	c->x->error = 0;
	return MM_CS_NEXT;
}

/* Protected mode is not modelled: the marker is executed as a NOP. */
enum mm_cs_res mm_cs_op_prot_region(struct mm_cs_ctx *c)
{
	mm_log_once(c->gpu, MM_LOGK_MISC | 0xc529,
		    "CS: PROT_REGION executed as NOP (no protected mode)");
	return MM_CS_NEXT;
}

/* ---- The run loop -------------------------------------------------------- */

void mm_cs_exec_reset(struct mm_cs_exec *x, u32 reg_count, u32 sb_count)
{
	mm_memset(x, 0, sizeof(*x));
	x->reg_count = MM_MIN(reg_count, (u32)MM_CS_MAX_REGS);
	x->sb_count = MM_MIN(sb_count, (u32)MM_CS_MAX_SB);
	x->depth = 1;
	x->wake_ns = MM_CS_NEVER;
}

void mm_cs_heap_grant(struct mm_cs_exec *x, u64 chunk_link)
{
	if (x->heap.oom != MM_CS_OOM_PENDING)
		return;
	x->heap.grant = chunk_link;
	x->heap.oom = chunk_link ? MM_CS_OOM_GRANTED : MM_CS_OOM_REFUSED;
}

void mm_cs_fault_ack(struct mm_cs_exec *x)
{
	if (x->wait.kind == MM_CS_WAIT_FAULT)
		x->wait.kind = MM_CS_WAIT_NONE;
}

/* Fetch, decode, check and execute one instruction at @va. */
static enum mm_cs_res mm_cs_step(struct mm_cs_ctx *c, u64 va)
{
	const struct mm_cs_opdesc *d;
	u8 word[8];
	enum mm_cs_res r;
	int ret;

	c->va = va;
	c->insn = 0;
	c->moved = false;
	c->x->cmd_ptr = va;
	ret = mm_mmu_access(c->gpu, c->ring->as, va, word, 8, MM_ACCESS_READ);
	if (ret == MM_MMU_STALLED)
		return mm_cs_block(c, MM_CS_WAIT_MMU,
				   mm_time_after(c->x->clock,
						 MM_CS_T_STALL_RETRY));
	if (ret)
		return mm_cs_fatal(c, MM_CS_EXC_BUS_FAULT, MM_ACCESS_READ, va);

	c->insn = mm_cs_get_le(word, 8);
	d = mm_cs_decode((u32)MM_FIELD_GET(CS_OPCODE, c->insn));
	if (!d || !mm_cs_fields_valid(c->x, d, c->insn))
		return mm_cs_invalid(c);

	r = d->exec(c);
	if (r == MM_CS_BLOCK)
		return r;
	if (r == MM_CS_NEXT && !c->moved)
		mm_cs_advance(c);
	/* A diverted instruction runs again when the handler returns. */
	c->x->clock += d->cost_ns;
	if (r != MM_CS_DIVERT)
		c->x->stats.instructions++;
	return r;
}

/*
 * Before running again, look at what the stream was blocked on: an OOM
 * answer or an acknowledged fault lets it go on; the instruction a stream
 * was blocked in is simply executed again.
 */
static enum mm_cs_stop mm_cs_resume(struct mm_cs_exec *x)
{
	switch (x->wait.kind) {
	case MM_CS_WAIT_FATAL:
		return MM_CS_STOP_FATAL;
	case MM_CS_WAIT_FAULT:
		return MM_CS_STOP_FAULT;
	case MM_CS_WAIT_OOM:
		if (x->heap.oom == MM_CS_OOM_PENDING)
			return MM_CS_STOP_BLOCKED;
		break;
	default:
		break;
	}
	return MM_CS_STOP_YIELD;	/* i.e. go on */
}

/*
 * When the last outstanding scoreboard entry completes, as seen from the
 * GPU's time @now: the firmware judges idleness by the same clock
 * (mm_cs_status()), so a stream whose own clock ran ahead must still be
 * looked at again when work it issued drains.
 */
static u64 mm_cs_sb_drain_time(const struct mm_cs_exec *x, u64 now)
{
	u64 t = mm_cs_sb_done(x, (u32)(MM_BIT(x->sb_count) - 1));

	return t > now ? t : MM_CS_NEVER;
}

enum mm_cs_stop mm_cs_run(struct mm_gpu *gpu, struct mm_cs_exec *x,
			  struct mm_cs_ring *ring, const struct mm_cs_env *env,
			  u64 now_ns, u32 max_instr)
{
	struct mm_cs_ctx c = {
		.gpu = gpu, .x = x, .ring = ring, .env = env,
		.now = mm_time_after(now_ns, MM_CS_RUN_AHEAD_NS),
	};
	enum mm_cs_stop stop = mm_cs_resume(x);
	u32 done = 0;
	u64 va;

	if (stop != MM_CS_STOP_YIELD) {
		x->wake_ns = MM_CS_NEVER;
		return stop;
	}
	if (!max_instr)
		max_instr = MM_CS_DEFAULT_BUDGET;
	/*
	 * The stream's clock may run ahead of the GPU's (it models the cost
	 * of what it executed), but never behind it: a stream that was idle,
	 * waited for the outside, or simply ran slower than its modelled cost
	 * catches up now, so what it samples (STORE_STATE) agrees with every
	 * other stream and with the TIMESTAMP register.
	 */
	if (x->clock < now_ns)
		x->clock = now_ns;
	x->running = false;

	for (;;) {
		if (x->clock > c.now) {
			x->running = true;
			x->wake_ns = x->clock;
			return MM_CS_STOP_YIELD;
		}
		if (done >= max_instr) {
			x->running = true;
			x->wake_ns = x->clock;
			return MM_CS_STOP_BUDGET;
		}
		if (!mm_cs_next_va(x, ring, &va)) {
			x->wait.kind = MM_CS_WAIT_NONE;
			x->wake_ns = mm_cs_sb_drain_time(x, now_ns);
			return MM_CS_STOP_EMPTY;
		}
		switch (mm_cs_step(&c, va)) {
		case MM_CS_NEXT:
		case MM_CS_DIVERT:
			x->wait.kind = MM_CS_WAIT_NONE;
			done++;
			break;
		case MM_CS_BLOCK:
			/* Timed scoreboard waits keep the stream's clock. */
			x->running = x->wait.kind == MM_CS_WAIT_SB;
			return MM_CS_STOP_BLOCKED;
		case MM_CS_HALT:
			x->wake_ns = MM_CS_NEVER;
			return x->wait.kind == MM_CS_WAIT_FATAL ?
			       MM_CS_STOP_FATAL : MM_CS_STOP_FAULT;
		}
	}
}

/* ---- Status ---------------------------------------------------------------- */

static u32 mm_cs_status_wait(const struct mm_cs_wait *w)
{
	switch (w->kind) {
	case MM_CS_WAIT_SB:
		return (u32)(MM_FIELD_PREP(MM_CS_STATUS_WAIT_SB_MASK, w->sb_mask) |
			     MM_FIELD_PREP(MM_CS_STATUS_WAIT_SB_SOURCE,
					   MM_CS_SB_SOURCE_WAIT));
	case MM_CS_WAIT_SYNC:
		return (u32)(MM_FIELD_PREP(MM_CS_STATUS_WAIT_SYNC_COND, w->cond) |
			     (w->sync64 ? MM_CS_STATUS_WAIT_SYNC64 : 0) |
			     MM_CS_STATUS_WAIT_SYNC);
	case MM_CS_WAIT_PROGRESS:
		return (u32)MM_CS_STATUS_WAIT_PROGRESS;
	default:
		return 0;
	}
}

static u32 mm_cs_blocked_reason(u32 kind)
{
	switch (kind) {
	case MM_CS_WAIT_SB:
		return MM_CS_BLOCKED_SB_WAIT;
	case MM_CS_WAIT_SYNC:
		return MM_CS_BLOCKED_SYNC_WAIT;
	case MM_CS_WAIT_PROGRESS:
		return MM_CS_BLOCKED_PROGRESS_WAIT;
	case MM_CS_WAIT_RESOURCE:
		return MM_CS_BLOCKED_RESOURCE;
	case MM_CS_WAIT_FLUSH:
		return MM_CS_BLOCKED_FLUSH;
	default:
		return MM_CS_BLOCKED_NONE;
	}
}

void mm_cs_status(const struct mm_cs_exec *x, u64 now_ns,
		  struct mm_cs_status *out)
{
	u32 i;

	mm_memset(out, 0, sizeof(*out));
	out->cmd_ptr = x->cmd_ptr;
	out->wait = mm_cs_status_wait(&x->wait);
	out->req_resource = x->resources;
	if (x->wait.kind == MM_CS_WAIT_SYNC) {
		out->sync_ptr = x->wait.sync_va;
		out->sync_value = x->wait.ref;
	}
	for (i = 0; i < x->sb_count; i++)
		if (x->sb[i].done_ns > now_ns)
			out->scoreboards |= 1u << i;
	out->blocked_reason = mm_cs_blocked_reason(x->wait.kind);
	out->heap_vt_start = x->heap.vt_start;
	out->heap_vt_end = x->heap.vt_end;
	out->heap_frag_end = x->heap.frag_end;
	out->heap_address = x->heap.ctx_va;
}
