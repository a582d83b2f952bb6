// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Suspend and resume of a command stream: the whole struct mm_cs_exec in
 * a fixed-size, versioned, little-endian byte layout, which the firmware
 * emulation stores in the CSG suspend buffer (GPU memory).
 *
 * The layout is defined once, by mm_cs_xfer(), which walks the state in
 * order and either writes or reads each field; arrays always take their
 * maximum size so that every offset is fixed:
 *
 *   0x000 u32 magic (MM_CS_SAVE_MAGIC), u32 version, u32 size,
 *         u32 reg_count, u32 sb_count
 *   0x014 u32 reg[MM_CS_MAX_REGS]
 *   0x214 u32 depth, then MM_CS_CALL_DEPTH x {u64 start, va, end}
 *   0x2d8 MM_CS_MAX_SB x {u64 done_ns, u32 issued}
 *   0x398 u32 sb_endpoint, sb_other; u64 unit_busy[MM_CS_UNIT_COUNT]
 *   0x3c0 wait: u32 kind, sb_mask, cond, sync64; u64 sync_va, ref; u32 queue
 *   0x3e4 heap: u64 ctx_va; u32 vt_start, vt_end, frag_end, oom; u64 grant
 *   0x404 MM_CS_MAX_HANDLERS x {u64 va, u32 len}, u32 in_handler
 *   0x438 u32 resources; u64 progress; u32 error, exc_type, exc_data;
 *         u64 exc_info, cmd_ptr, clock, wake_ns; u32 running
 *   0x474 stats: u64 instructions; u32 runs, flushes, flushes_skipped,
 *         faults, oom_requests, handler_calls, trace_points
 *   0x498 zero up to MM_CS_SAVE_SIZE
 *
 * The ring position (EXTRACT) is not part of it: the firmware keeps that in
 * the ring's output page, and the host hands it back as EXTRACT_INIT.
 */
#include "cs_priv.h"

/**
 * struct mm_cs_io - cursor of mm_cs_xfer().
 * @buf: the byte buffer.
 * @off: next offset.
 * @save: true: state to buffer; false: buffer to state.
 */
struct mm_cs_io {
	u8 *buf;
	u32 off;
	bool save;
};

static void mm_cs_x32(struct mm_cs_io *io, u32 *v)
{
	if (io->save)
		mm_cs_put_le(io->buf + io->off, *v, 4);
	else
		*v = (u32)mm_cs_get_le(io->buf + io->off, 4);
	io->off += 4;
}

static void mm_cs_x64(struct mm_cs_io *io, u64 *v)
{
	if (io->save)
		mm_cs_put_le(io->buf + io->off, *v, 8);
	else
		*v = mm_cs_get_le(io->buf + io->off, 8);
	io->off += 8;
}

static void mm_cs_xbool(struct mm_cs_io *io, bool *v)
{
	u32 t = *v;

	mm_cs_x32(io, &t);
	*v = t != 0;
}

static void mm_cs_xfer_program(struct mm_cs_io *io, struct mm_cs_exec *x)
{
	u32 i;

	for (i = 0; i < MM_CS_MAX_REGS; i++)
		mm_cs_x32(io, &x->reg[i]);
	mm_cs_x32(io, &x->depth);
	for (i = 0; i < MM_CS_CALL_DEPTH; i++) {
		mm_cs_x64(io, &x->stack[i].start);
		mm_cs_x64(io, &x->stack[i].va);
		mm_cs_x64(io, &x->stack[i].end);
	}
	for (i = 0; i < MM_CS_MAX_SB; i++) {
		mm_cs_x64(io, &x->sb[i].done_ns);
		mm_cs_x32(io, &x->sb[i].issued);
	}
	mm_cs_x32(io, &x->sb_endpoint);
	mm_cs_x32(io, &x->sb_other);
	for (i = 0; i < MM_CS_UNIT_COUNT; i++)
		mm_cs_x64(io, &x->unit_busy[i]);
}

static void mm_cs_xfer_state(struct mm_cs_io *io, struct mm_cs_exec *x)
{
	u32 i;

	mm_cs_x32(io, &x->wait.kind);
	mm_cs_x32(io, &x->wait.sb_mask);
	mm_cs_x32(io, &x->wait.cond);
	mm_cs_xbool(io, &x->wait.sync64);
	mm_cs_x64(io, &x->wait.sync_va);
	mm_cs_x64(io, &x->wait.ref);
	mm_cs_x32(io, &x->wait.queue);
	mm_cs_x64(io, &x->heap.ctx_va);
	mm_cs_x32(io, &x->heap.vt_start);
	mm_cs_x32(io, &x->heap.vt_end);
	mm_cs_x32(io, &x->heap.frag_end);
	mm_cs_x32(io, &x->heap.oom);
	mm_cs_x64(io, &x->heap.grant);
	for (i = 0; i < MM_CS_MAX_HANDLERS; i++) {
		mm_cs_x64(io, &x->handler[i].va);
		mm_cs_x32(io, &x->handler[i].len);
	}
	mm_cs_x32(io, &x->in_handler);
	mm_cs_x32(io, &x->resources);
	mm_cs_x64(io, &x->progress);
	mm_cs_x32(io, &x->error);
	mm_cs_x32(io, &x->exc_type);
	mm_cs_x32(io, &x->exc_data);
	mm_cs_x64(io, &x->exc_info);
	mm_cs_x64(io, &x->cmd_ptr);
	mm_cs_x64(io, &x->clock);
	mm_cs_x64(io, &x->wake_ns);
	mm_cs_xbool(io, &x->running);
}

static void mm_cs_xfer_stats(struct mm_cs_io *io, struct mm_cs_stats *s)
{
	mm_cs_x64(io, &s->instructions);
	mm_cs_x32(io, &s->runs);
	mm_cs_x32(io, &s->flushes);
	mm_cs_x32(io, &s->flushes_skipped);
	mm_cs_x32(io, &s->faults);
	mm_cs_x32(io, &s->oom_requests);
	mm_cs_x32(io, &s->handler_calls);
	mm_cs_x32(io, &s->trace_points);
}

/* The header, then the body; returns the bytes the layout uses. */
static u32 mm_cs_xfer(struct mm_cs_io *io, struct mm_cs_exec *x, u32 *magic,
		      u32 *version, u32 *size)
{
	mm_cs_x32(io, magic);
	mm_cs_x32(io, version);
	mm_cs_x32(io, size);
	mm_cs_x32(io, &x->reg_count);
	mm_cs_x32(io, &x->sb_count);
	mm_cs_xfer_program(io, x);
	mm_cs_xfer_state(io, x);
	mm_cs_xfer_stats(io, &x->stats);
	return io->off;
}

int mm_cs_save(const struct mm_cs_exec *x, void *buf, u32 len)
{
	struct mm_cs_io io = { .buf = buf, .save = true };
	u32 magic = MM_CS_SAVE_MAGIC, version = MM_CS_SAVE_VERSION;
	u32 size = MM_CS_SAVE_SIZE, used;

	if (len < MM_CS_SAVE_SIZE)
		return -1;
	/* Saving only reads the state; the walker is shared with restore. */
	used = mm_cs_xfer(&io, (struct mm_cs_exec *)x, &magic, &version, &size);
	mm_memset(io.buf + used, 0, MM_CS_SAVE_SIZE - used);
	return MM_CS_SAVE_SIZE;
}

static bool mm_cs_restored_valid(const struct mm_cs_exec *x)
{
	u32 i;

	if (!x->reg_count || x->reg_count > MM_CS_MAX_REGS ||
	    !x->sb_count || x->sb_count > MM_CS_MAX_SB ||
	    !x->depth || x->depth > MM_CS_CALL_DEPTH ||
	    x->in_handler > x->depth ||
	    x->sb_endpoint >= x->sb_count || x->sb_other >= x->sb_count ||
	    x->wait.kind > MM_CS_WAIT_FATAL || x->heap.oom > MM_CS_OOM_REFUSED)
		return false;
	for (i = 1; i < x->depth; i++)
		if (x->stack[i].start > x->stack[i].end)
			return false;
	return true;
}

int mm_cs_restore(struct mm_cs_exec *x, const void *buf, u32 len)
{
	/* Restoring only reads the buffer. */
	struct mm_cs_io io = { .buf = (u8 *)buf, .save = false };
	u32 magic, version, size;

	if (len >= MM_CS_SAVE_SIZE) {
		mm_cs_xfer(&io, x, &magic, &version, &size);
		if (magic == MM_CS_SAVE_MAGIC && version == MM_CS_SAVE_VERSION &&
		    size == MM_CS_SAVE_SIZE && mm_cs_restored_valid(x)) {
			/*
			 * A suspended stream made no progress: its clock
			 * resumes at the time of its next run.
			 */
			x->running = false;
			return 0;
		}
	}
	mm_cs_exec_reset(x, 96, 8);
	return -1;
}
