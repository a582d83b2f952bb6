// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tiler heap: HEAP_SET, HEAP_OPERATION, FINISH_FRAGMENT, the chunk
 * allocation of tiling work and the TILER_OOM handshake (mali-csf-hw.md
 * §4.11). The heap context layout is the model's own (cs.h).
 *
 * Chunk life cycle in the model: tiling work takes chunks from the context's
 * free list, chaining each onto the "used" list through its link word; a
 * FINISH_FRAGMENT ends the render passes that filled them and returns the
 * whole used list to the free list. The first/last chunk registers of
 * FINISH_FRAGMENT name chunks a real tiler records in its own descriptors,
 * which the model does not write: they are checked as register pairs but
 * not followed.
 *
 * With no free chunk the stream asks the firmware (env->tiler_oom) and
 * blocks. A granted chunk is put on the free list and the instruction runs
 * again; a refusal runs the TILER_OOM exception handler if the stream set
 * one (the instruction runs again once the handler returns), else the
 * stream faults with OOM.
 */
#include "cs_priv.h"
#include "log.h"
#include "mm_gpu.h"

/* Longest used list FINISH_FRAGMENT follows before calling it corrupt. */
#define MM_CS_HEAP_MAX_CHUNKS	4096

#define MM_CS_CHUNK_VA(link)	((link) & ~0xfffull)
#define MM_CS_CHUNK_SIZE(link)	(((link) & 0xfffull) << 12)

/**
 * struct mm_cs_heap_ctx - the heap context, decoded.
 * @free: MM_CS_HEAP_CTX_FREE.
 * @used: MM_CS_HEAP_CTX_USED.
 * @top: MM_CS_HEAP_CTX_TOP.
 * @vt_start: MM_CS_HEAP_CTX_VT_START.
 * @vt_end: MM_CS_HEAP_CTX_VT_END.
 * @frag_end: MM_CS_HEAP_CTX_FRAG_END.
 */
struct mm_cs_heap_ctx {
	u64 free;
	u64 used;
	u32 top;
	u32 vt_start;
	u32 vt_end;
	u32 frag_end;
};

static void mm_cs_heap_cache(struct mm_cs_exec *x, const struct mm_cs_heap_ctx *h)
{
	x->heap.vt_start = h->vt_start;
	x->heap.vt_end = h->vt_end;
	x->heap.frag_end = h->frag_end;
}

static enum mm_cs_res mm_cs_heap_load(struct mm_cs_ctx *c,
				      struct mm_cs_heap_ctx *h)
{
	u8 b[MM_CS_HEAP_CTX_SIZE];
	enum mm_cs_res r;

	r = mm_cs_mem(c, c->x->heap.ctx_va, b, sizeof(b), MM_ACCESS_READ);
	if (r != MM_CS_NEXT)
		return r;
	h->free = mm_cs_get_le(b + MM_CS_HEAP_CTX_FREE, 8);
	h->used = mm_cs_get_le(b + MM_CS_HEAP_CTX_USED, 8);
	h->top = (u32)mm_cs_get_le(b + MM_CS_HEAP_CTX_TOP, 4);
	h->vt_start = (u32)mm_cs_get_le(b + MM_CS_HEAP_CTX_VT_START, 4);
	h->vt_end = (u32)mm_cs_get_le(b + MM_CS_HEAP_CTX_VT_END, 4);
	h->frag_end = (u32)mm_cs_get_le(b + MM_CS_HEAP_CTX_FRAG_END, 4);
	mm_cs_heap_cache(c->x, h);
	return MM_CS_NEXT;
}

static enum mm_cs_res mm_cs_heap_store(struct mm_cs_ctx *c,
				       const struct mm_cs_heap_ctx *h)
{
	u8 b[MM_CS_HEAP_CTX_SIZE];
	enum mm_cs_res r;

	mm_cs_put_le(b + MM_CS_HEAP_CTX_FREE, h->free, 8);
	mm_cs_put_le(b + MM_CS_HEAP_CTX_USED, h->used, 8);
	mm_cs_put_le(b + MM_CS_HEAP_CTX_TOP, h->top, 4);
	mm_cs_put_le(b + MM_CS_HEAP_CTX_VT_START, h->vt_start, 4);
	mm_cs_put_le(b + MM_CS_HEAP_CTX_VT_END, h->vt_end, 4);
	mm_cs_put_le(b + MM_CS_HEAP_CTX_FRAG_END, h->frag_end, 4);
	r = mm_cs_mem(c, c->x->heap.ctx_va, b, sizeof(b), MM_ACCESS_WRITE);
	if (r == MM_CS_NEXT)
		mm_cs_heap_cache(c->x, h);
	return r;
}

static enum mm_cs_res mm_cs_chunk_link(struct mm_cs_ctx *c, u64 chunk,
				       u64 *next)
{
	u8 b[8];
	enum mm_cs_res r;

	r = mm_cs_mem(c, MM_CS_CHUNK_VA(chunk), b, 8, MM_ACCESS_READ);
	*next = mm_cs_get_le(b, 8);
	return r;
}

static enum mm_cs_res mm_cs_chunk_set_link(struct mm_cs_ctx *c, u64 chunk,
					   u64 link)
{
	u8 b[8];

	mm_cs_put_le(b, link, 8);
	return mm_cs_mem(c, MM_CS_CHUNK_VA(chunk), b, 8, MM_ACCESS_WRITE);
}

/* The host had no chunk: exception handler, or fault. */
static enum mm_cs_res mm_cs_heap_refused(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	const struct mm_cs_handler *h = &x->handler[MM_CS_EXC_HANDLER_TILER_OOM];
	enum mm_cs_res r;

	if (!h->len || x->in_handler)
		return mm_cs_fault(c, MM_CS_EXC_OOM, 0, x->heap.ctx_va);
	/* Run the handler, then this instruction again. */
	r = mm_cs_push(c, h->va, h->len);
	if (r != MM_CS_NEXT)
		return r;
	x->in_handler = x->depth;
	x->stats.handler_calls++;
	return MM_CS_DIVERT;
}

static enum mm_cs_res mm_cs_heap_request(struct mm_cs_ctx *c,
					 const struct mm_cs_heap_ctx *h)
{
	struct mm_cs_exec *x = c->x;
	const struct mm_cs_env *env = c->env;

	x->heap.oom = MM_CS_OOM_PENDING;
	x->stats.oom_requests++;
	if (!env->tiler_oom ||
	    !env->tiler_oom(env->ctx, x->heap.ctx_va, h->vt_start, h->vt_end,
			    h->frag_end)) {
		x->heap.oom = MM_CS_OOM_NONE;
		return mm_cs_heap_refused(c);
	}
	return mm_cs_block(c, MM_CS_WAIT_OOM, MM_CS_NEVER);
}

/* A granted chunk (zero link, as the host creates it) joins the free list. */
static enum mm_cs_res mm_cs_heap_adopt(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	struct mm_cs_heap_ctx h;
	enum mm_cs_res r;

	r = mm_cs_heap_load(c, &h);
	if (r == MM_CS_NEXT)
		r = mm_cs_chunk_set_link(c, x->heap.grant, h.free);
	if (r != MM_CS_NEXT)
		return r;
	h.free = x->heap.grant;
	r = mm_cs_heap_store(c, &h);
	if (r == MM_CS_NEXT)
		x->heap.oom = MM_CS_OOM_NONE;
	return r;
}

/* Make @h->free the chunk being filled, with @bytes taken from it. */
static enum mm_cs_res mm_cs_heap_take(struct mm_cs_ctx *c,
				      struct mm_cs_heap_ctx *h, u32 bytes)
{
	u64 chunk = h->free, next;
	enum mm_cs_res r;

	if (MM_CS_CHUNK_SIZE(chunk) < MM_CS_HEAP_CHUNK_HDR + bytes)
		return mm_cs_fault(c, MM_CS_EXC_DATA_INVALID, 0, chunk);
	r = mm_cs_chunk_link(c, chunk, &next);
	if (r == MM_CS_NEXT)
		r = mm_cs_chunk_set_link(c, chunk, h->used);
	if (r != MM_CS_NEXT)
		return r;
	h->used = chunk;
	h->free = next;
	h->top = MM_CS_HEAP_CHUNK_HDR + bytes;
	return mm_cs_heap_store(c, h);
}

enum mm_cs_res mm_cs_heap_alloc(struct mm_cs_ctx *c, u32 bytes)
{
	struct mm_cs_exec *x = c->x;
	struct mm_cs_heap_ctx h;
	enum mm_cs_res r;

	if (!x->heap.ctx_va)
		return mm_cs_fault(c, MM_CS_EXC_OOM, 0, 0);
	if (x->heap.oom == MM_CS_OOM_REFUSED) {
		x->heap.oom = MM_CS_OOM_NONE;
		return mm_cs_heap_refused(c);
	}
	if (x->heap.oom == MM_CS_OOM_GRANTED) {
		r = mm_cs_heap_adopt(c);
		if (r != MM_CS_NEXT)
			return r;
	}
	r = mm_cs_heap_load(c, &h);
	if (r != MM_CS_NEXT)
		return r;
	if (h.used && h.top + (u64)bytes <= MM_CS_CHUNK_SIZE(h.used)) {
		h.top += bytes;
		return mm_cs_heap_store(c, &h);
	}
	if (!h.free)
		return mm_cs_heap_request(c, &h);
	return mm_cs_heap_take(c, &h, bytes);
}

/* Every chunk filled so far goes back to the free list. */
static enum mm_cs_res mm_cs_heap_recycle(struct mm_cs_ctx *c,
					 struct mm_cs_heap_ctx *h)
{
	u64 tail = h->used, next;
	enum mm_cs_res r;
	u32 n;

	if (!h->used)
		return MM_CS_NEXT;
	for (n = 0; n < MM_CS_HEAP_MAX_CHUNKS; n++) {
		r = mm_cs_chunk_link(c, tail, &next);
		if (r != MM_CS_NEXT)
			return r;
		if (!next)
			break;
		tail = next;
	}
	if (n == MM_CS_HEAP_MAX_CHUNKS)
		return mm_cs_fault(c, MM_CS_EXC_DATA_INVALID, 1, h->used);
	r = mm_cs_chunk_set_link(c, tail, h->free);
	if (r != MM_CS_NEXT)
		return r;
	h->free = h->used;
	h->used = 0;
	h->top = 0;
	return MM_CS_NEXT;
}

static bool mm_cs_heap_bound(struct mm_cs_ctx *c)
{
	if (c->x->heap.ctx_va)
		return true;
	mm_log_once(c->gpu, MM_LOGK_MISC | 0xc531,
		    "CS: heap instruction without HEAP_SET ignored");
	return false;
}

enum mm_cs_res mm_cs_op_finish_fragment(struct mm_cs_ctx *c)
{
	struct mm_cs_heap_ctx h;
	enum mm_cs_res r;

	if (mm_cs_heap_bound(c)) {
		r = mm_cs_heap_load(c, &h);
		if (r != MM_CS_NEXT)
			return r;
		if (c->insn & CS_FRAG_INC)
			h.frag_end++;
		r = mm_cs_heap_recycle(c, &h);
		if (r == MM_CS_NEXT)
			r = mm_cs_heap_store(c, &h);
		if (r != MM_CS_NEXT)
			return r;
	}
	mm_cs_deferred(c, MM_CS_UNIT_COUNT, mm_cs_f(c, CS_F_WAIT_MASK),
		       mm_cs_f(c, CS_F_SIGNAL), MM_CS_T_FINISH);
	return MM_CS_NEXT;
}

/* The context must be L2-line aligned (mali-csf-hw.md §4.11). */
enum mm_cs_res mm_cs_op_heap_set(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u64 va = mm_cs_r64(x, mm_cs_f(c, CS_F_ADDR));
	struct mm_cs_heap_ctx h;

	if (va & 63)
		return mm_cs_fault(c, MM_CS_EXC_BUS_FAULT, MM_ACCESS_READ, va);
	x->heap.ctx_va = va;
	x->heap.oom = MM_CS_OOM_NONE;
	if (!va) {
		x->heap.vt_start = 0;
		x->heap.vt_end = 0;
		x->heap.frag_end = 0;
		return MM_CS_NEXT;
	}
	return mm_cs_heap_load(c, &h);
}

enum mm_cs_res mm_cs_op_heap_operation(struct mm_cs_ctx *c)
{
	u32 op = mm_cs_f(c, CS_HEAP_OP);
	struct mm_cs_heap_ctx h;
	enum mm_cs_res r;

	if (op != CS_HEAP_OP_VT_START && op != CS_HEAP_OP_VT_END &&
	    op != CS_HEAP_OP_FRAG_END)
		return mm_cs_invalid(c);
	if (mm_cs_heap_bound(c)) {
		r = mm_cs_heap_load(c, &h);
		if (r != MM_CS_NEXT)
			return r;
		if (op == CS_HEAP_OP_VT_START)
			h.vt_start++;
		else if (op == CS_HEAP_OP_VT_END)
			h.vt_end++;
		else
			h.frag_end++;
		r = mm_cs_heap_store(c, &h);
		if (r != MM_CS_NEXT)
			return r;
	}
	mm_cs_deferred(c, MM_CS_UNIT_COUNT, mm_cs_f(c, CS_F_WAIT_MASK),
		       mm_cs_f(c, CS_F_SIGNAL), MM_CS_T_SYNC);
	return MM_CS_NEXT;
}
