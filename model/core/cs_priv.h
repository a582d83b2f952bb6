/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Internals shared by the command-stream interpreter's files:
 *   cs_decode.c  the decoder table (opcode -> name, fields, cost, handler)
 *   cs_exec.c    the run loop, call stack, faults, status, simple handlers
 *   cs_mem.c     LOAD/STORE_MULTIPLE and the memory-access helpers
 *   cs_sync.c    scoreboards, WAIT, SYNC_*, FLUSH_CACHE2, STORE_STATE,
 *                progress
 *   cs_job.c     RUN_* and their descriptor reads
 *   cs_heap.c    HEAP_*, FINISH_*, chunk allocation and the OOM handshake
 *   cs_save.c    suspend/resume serialisation
 */
#ifndef MM_CS_PRIV_H
#define MM_CS_PRIV_H

#include "cs.h"
#include "cs_isa.h"
#include "mmu.h"

/**
 * struct mm_cs_ctx - one mm_cs_run() call, as handlers see it.
 * @gpu: the GPU.
 * @x: the stream.
 * @ring: its ring.
 * @env: firmware callbacks.
 * @now: model time the run may reach (its @now_ns plus the run-ahead).
 * @insn: instruction being executed.
 * @va: its GPU VA.
 * @moved: the handler changed the program position itself.
 */
struct mm_cs_ctx {
	struct mm_gpu *gpu;
	struct mm_cs_exec *x;
	struct mm_cs_ring *ring;
	const struct mm_cs_env *env;
	u64 now;
	u64 insn;
	u64 va;
	bool moved;
};

/** enum mm_cs_res - outcome of an instruction handler. */
enum mm_cs_res {
	MM_CS_NEXT,	/* done: step to the next instruction unless moved */
	MM_CS_BLOCK,	/* not done: x->wait says why, retried later */
	MM_CS_HALT,	/* fault or fatal raised (position already handled) */
	MM_CS_DIVERT,	/* not done: an exception handler was called first */
};

typedef enum mm_cs_res (*mm_cs_handler_fn)(struct mm_cs_ctx *c);

/** enum mm_cs_field_kind - how a field is checked and printed. */
enum mm_cs_field_kind {
	MM_CSF_NONE = 0,	/* end of the field list */
	MM_CSF_U,		/* unsigned immediate */
	MM_CSF_S,		/* signed immediate */
	MM_CSF_FLAG,		/* single bit */
	MM_CSF_R,		/* 32-bit register index */
	MM_CSF_R64,		/* even register pair index */
	MM_CSF_RMASK,		/* register mask (LOAD/STORE_MULTIPLE) */
	MM_CSF_SBMASK,		/* scoreboard mask */
	MM_CSF_SB,		/* scoreboard entry */
	MM_CSF_COND,		/* condition code */
};

#define MM_CS_MAX_FIELDS	8

/**
 * struct mm_cs_field - one field of an instruction.
 * @name: for the disassembler.
 * @mask: bits it occupies.
 * @kind: enum mm_cs_field_kind.
 */
struct mm_cs_field {
	const char *name;
	u64 mask;
	u8 kind;
};

/**
 * struct mm_cs_opdesc - one line of the decoder table.
 * @name: mnemonic.
 * @cost_ns: issue cost in model time.
 * @exec: handler.
 * @fields: field layout, ended by a MM_CSF_NONE entry (or the array end).
 */
struct mm_cs_opdesc {
	const char *name;
	u32 cost_ns;
	mm_cs_handler_fn exec;
	struct mm_cs_field fields[MM_CS_MAX_FIELDS];
};

/* Decoder table lookup: the line of @opcode, or NULL if unassigned. */
const struct mm_cs_opdesc *mm_cs_decode(u32 opcode);

/*
 * Check the register and scoreboard fields of @insn against the stream's
 * counts. Returns true if every field is usable.
 */
bool mm_cs_fields_valid(const struct mm_cs_exec *x,
			const struct mm_cs_opdesc *d, u64 insn);

/* Field @mask of the instruction being executed. */
static inline u32 mm_cs_f(const struct mm_cs_ctx *c, u64 mask)
{
	return (u32)MM_FIELD_GET(mask, c->insn);
}

/* Signed 16-bit offset field. */
static inline s32 mm_cs_off16(const struct mm_cs_ctx *c)
{
	return (s16)(u16)MM_FIELD_GET(CS_F_OFFSET, c->insn);
}

static inline u64 mm_cs_r64(const struct mm_cs_exec *x, u32 r)
{
	return x->reg[r] | (u64)x->reg[r + 1] << 32;
}

static inline void mm_cs_set_r64(struct mm_cs_exec *x, u32 r, u64 v)
{
	x->reg[r] = MM_LO32(v);
	x->reg[r + 1] = MM_HI32(v);
}

/* Scoreboard mask restricted to the entries the stream has. */
static inline u32 mm_cs_sb_valid(const struct mm_cs_exec *x, u32 mask)
{
	return mask & (u32)(MM_BIT(x->sb_count) - 1);
}

/* cs_exec.c: program position, faults. */
void mm_cs_advance(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_fatal(struct mm_cs_ctx *c, u32 type, u32 data, u64 info);
enum mm_cs_res mm_cs_fault(struct mm_cs_ctx *c, u32 type, u32 data, u64 info);
enum mm_cs_res mm_cs_invalid(struct mm_cs_ctx *c);
/* Push a call frame for [@va, @va + @len); the caller's position stays. */
enum mm_cs_res mm_cs_push(struct mm_cs_ctx *c, u64 va, u32 len);
enum mm_cs_res mm_cs_block(struct mm_cs_ctx *c, u32 kind, u64 wake_ns);
bool mm_cs_cond_holds(u32 cond, s32 cmp);

/* cs_mem.c: memory through the MMU; MM_CS_NEXT on success. */
enum mm_cs_res mm_cs_mem(struct mm_cs_ctx *c, u64 va, void *buf, u32 len,
			 enum mm_access_type type);
u64 mm_cs_get_le(const u8 *p, u32 bytes);
void mm_cs_put_le(u8 *p, u64 v, u32 bytes);

/* cs_sync.c: scoreboard bookkeeping. */
u64 mm_cs_async(struct mm_cs_ctx *c, enum mm_cs_unit unit, u32 wait_mask,
		u32 slot, u64 duration);
u64 mm_cs_deferred(struct mm_cs_ctx *c, enum mm_cs_unit unit, u32 wait_mask,
		   u32 slot, u64 duration);
u64 mm_cs_sb_done(const struct mm_cs_exec *x, u32 mask);
void mm_cs_progress_inc(struct mm_cs_ctx *c);

/* cs_heap.c: tiler heap chunk allocation (may block on OOM). */
enum mm_cs_res mm_cs_heap_alloc(struct mm_cs_ctx *c, u32 bytes);

/* Handlers, one per opcode family. */
enum mm_cs_res mm_cs_op_nop(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_move48(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_move32(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_add_imm32(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_add_imm64(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_umin32(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_branch(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_call(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_jump(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_set_sb_entry(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_set_exc_handler(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_req_resource(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_error_barrier(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_prot_region(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_trace_point(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_load_multiple(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_store_multiple(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_wait(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_sync_add(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_sync_set(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_sync_wait(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_flush_cache2(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_store_state(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_progress_wait(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_progress_store(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_progress_load(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_run_compute(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_run_tiling(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_run_idvs(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_run_fragment(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_run_fullscreen(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_finish_tiling(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_finish_fragment(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_heap_set(struct mm_cs_ctx *c);
enum mm_cs_res mm_cs_op_heap_operation(struct mm_cs_ctx *c);

#endif /* MM_CS_PRIV_H */
