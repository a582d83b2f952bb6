/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Command-stream interpreter: executes the v10 CS instruction set
 * (shared/docs/cs-isa.md, mali-csf-hw.md Appendix A) for one command stream.
 *
 * The firmware emulation owns the CS interface blocks and calls in here:
 *
 *  - mm_cs_exec_reset() when a CS is started (CS_REQ.STATE = START);
 *  - mm_cs_run() whenever the stream may make progress: a doorbell (new
 *    ring data), a SYNC_UPDATE of its group (a sync wait may be satisfied),
 *    a granted or refused tiler heap chunk, an acknowledged fault, or the
 *    model time the interpreter asked for in mm_cs_exec.wake_ns;
 *  - mm_cs_status() to fill the CS_STATUS_* and CS_HEAP_* output fields;
 *  - mm_cs_heap_grant() / mm_cs_fault_ack() to hand back the host's answer
 *    to a TILER_OOM or FAULT event;
 *  - mm_cs_save() / mm_cs_restore() to move the whole state to and from a
 *    CSG suspend buffer.
 *
 * Time: the stream has its own clock (mm_cs_exec.clock). Every instruction
 * costs a little model time (the table in cs_decode.c), and a stream never
 * runs more than MM_CS_RUN_AHEAD_NS ahead of the @now_ns it is given, so
 * long programs take model time; asynchronous work (RUN_*, loads and
 * stores, cache flushes, ...) occupies a scoreboard entry until its
 * completion time. Side effects on memory and registers happen in program
 * order when an instruction issues; only the scoreboard bookkeeping (what
 * WAIT observes) follows the completion times.
 *
 * Memory: every access, instruction fetch included, goes through the MMU in
 * the ring's address space. Instruction fetch is a READ access: panthor maps
 * ring buffers (and Mesa its command buffers) no-execute, so the command
 * frontend cannot need execute permission. An access to a locked region
 * stalls (the instruction retries); a fault stops the stream with a CS fault
 * or fatal error (see cs_exec.c for which is which).
 */
#ifndef MM_CS_H
#define MM_CS_H

#include "bits.h"

struct mm_gpu;

/* Upper bounds of the per-stream resources; the product picks the counts. */
#define MM_CS_MAX_REGS		128
#define MM_CS_MAX_SB		16
/* Frames of the call stack including the root (the ring buffer). */
#define MM_CS_CALL_DEPTH	8
/* Exception types SET_EXCEPTION_HANDLER can register (2 = tiler OOM). */
#define MM_CS_MAX_HANDLERS	4
#define MM_CS_EXC_HANDLER_TILER_OOM	2

/* Exception types the interpreter reports (mali-csf-hw.md §4.12). */
#define MM_CS_EXC_BUS_FAULT		0x48
#define MM_CS_EXC_INSTR_INVALID		0x49
#define MM_CS_EXC_CALL_STACK_OVERFLOW	0x4a
#define MM_CS_EXC_INHERIT_FAULT		0x4b
#define MM_CS_EXC_DATA_INVALID		0x58
#define MM_CS_EXC_OOM			0x60

/* Sync scopes (SYNC_ADD/SET [2:1]). */
#define MM_CS_SCOPE_SYSTEM	0
#define MM_CS_SCOPE_CSG		2

/* Issue cost (ns) of an instruction, by class (the decoder table's column). */
#define MM_CS_T_ALU		4	/* moves, arithmetic, branches, WAIT */
#define MM_CS_T_LS_ISSUE	8	/* LOAD/STORE_MULTIPLE, FLUSH, TRACE */
#define MM_CS_T_CTRL		20	/* CALL, JUMP, RUN_*, FINISH_* */
#define MM_CS_T_MEM		40	/* SYNC_*, STORE_STATE, HEAP_* */

/*
 * How far a stream's clock may run ahead of the @now_ns it is given: a
 * burst of short instructions completes in one mm_cs_run() instead of one
 * instruction per call, while long programs still take model time.
 */
#define MM_CS_RUN_AHEAD_NS	2000ull

/* Model time (ns) of asynchronous work, from issue to completion. */
#define MM_CS_T_LOAD_STORE	100ull
#define MM_CS_T_RUN_COMPUTE	10000ull	/* plus MM_CS_T_WORKGROUP each */
#define MM_CS_T_WORKGROUP	100ull
#define MM_CS_T_RUN_IDVS	10000ull	/* plus MM_CS_T_VERTEX each */
#define MM_CS_T_VERTEX		10ull
#define MM_CS_T_RUN_TILING	10000ull
#define MM_CS_T_RUN_FRAGMENT	50000ull
#define MM_CS_T_RUN_FULLSCREEN	20000ull
#define MM_CS_T_FINISH		1000ull		/* FINISH_TILING/FRAGMENT */
#define MM_CS_T_SYNC		200ull		/* deferred SYNC_*, STORE_STATE */
#define MM_CS_T_MAX_JOB		100000000ull	/* cap of any RUN_* (100 ms) */
/* FLUSH_CACHE2 takes gpu->timing.flush_ns (as GPU_COMMAND FLUSH_CACHES). */
/* Retry period of an access to an MMU-locked region. */
#define MM_CS_T_STALL_RETRY	1000ull

/* Tiler heap bytes one RUN_IDVS / RUN_TILING with malloc enabled consumes. */
#define MM_CS_HEAP_DRAW_BYTES	4096u

/*
 * Tiler heap context: the model's private layout of the 32-byte structure
 * whose GPU VA HEAP_SET binds (mali-csf-hw.md §4.11; the host zeroes it).
 * Chunk words use the chunk-link encoding: VA[63:12] | size in 4 KiB [11:0].
 *
 *  0x00 u64 free: first unused chunk, 0 = none; further unused chunks are
 *       chained through the link word at the start of each chunk.
 *  0x08 u64 used: chunk the tiler is filling, 0 = none; its link word
 *       chains to the chunks filled before it (until FINISH_FRAGMENT).
 *  0x10 u32 top: bytes of @used consumed, 64-byte header included.
 *  0x14 u32 vt_start: vertex/tiling passes started (HEAP_OPERATION 0).
 *  0x18 u32 vt_end: vertex/tiling passes completed (HEAP_OPERATION 1).
 *  0x1c u32 frag_end: fragment passes completed (HEAP_OPERATION 3,
 *       FINISH_FRAGMENT with its increment bit).
 */
#define MM_CS_HEAP_CTX_FREE	0x00
#define MM_CS_HEAP_CTX_USED	0x08
#define MM_CS_HEAP_CTX_TOP	0x10
#define MM_CS_HEAP_CTX_VT_START	0x14
#define MM_CS_HEAP_CTX_VT_END	0x18
#define MM_CS_HEAP_CTX_FRAG_END	0x1c
#define MM_CS_HEAP_CTX_SIZE	0x20
#define MM_CS_HEAP_CHUNK_HDR	64u

/* CS_STATUS_WAIT (mali-csf-hw.md §4.5). */
#define MM_CS_STATUS_WAIT_SB_MASK	MM_GENMASK(15, 0)
#define MM_CS_STATUS_WAIT_SB_SOURCE	MM_GENMASK(19, 16)
#define MM_CS_STATUS_WAIT_SYNC_COND	MM_GENMASK(27, 24)
#define MM_CS_STATUS_WAIT_PROGRESS	MM_BIT(28)
#define MM_CS_STATUS_WAIT_PROTM		MM_BIT(29)
#define MM_CS_STATUS_WAIT_SYNC64	MM_BIT(30)
#define MM_CS_STATUS_WAIT_SYNC		MM_BIT(31)
#define MM_CS_SB_SOURCE_WAIT		8

/** enum mm_cs_blocked - CS_STATUS_BLOCKED_REASON values. */
enum mm_cs_blocked {
	MM_CS_BLOCKED_NONE = 0,
	MM_CS_BLOCKED_SB_WAIT = 1,
	MM_CS_BLOCKED_PROGRESS_WAIT = 2,
	MM_CS_BLOCKED_SYNC_WAIT = 3,
	MM_CS_BLOCKED_DEFERRED = 4,
	MM_CS_BLOCKED_RESOURCE = 5,
	MM_CS_BLOCKED_FLUSH = 6,
};

/** enum mm_cs_wait_kind - why the stream is not executing instructions. */
enum mm_cs_wait_kind {
	MM_CS_WAIT_NONE = 0,
	MM_CS_WAIT_SB,		/* WAIT on scoreboard entries */
	MM_CS_WAIT_SYNC,	/* SYNC_WAIT32/64 condition not met */
	MM_CS_WAIT_PROGRESS,	/* PROGRESS_WAIT */
	MM_CS_WAIT_RESOURCE,	/* REQ_RESOURCE not granted yet */
	MM_CS_WAIT_FLUSH,	/* FLUSH_CACHE2 behind a GPU_COMMAND flush */
	MM_CS_WAIT_MMU,		/* access to an MMU-locked region */
	MM_CS_WAIT_OOM,		/* tiler heap OOM: waiting for the host */
	MM_CS_WAIT_FAULT,	/* recoverable fault: waiting for its ack */
	MM_CS_WAIT_FATAL,	/* fatal error: dead until reset */
};

/** enum mm_cs_stop - why mm_cs_run() returned. */
enum mm_cs_stop {
	MM_CS_STOP_EMPTY,	/* ring empty at root level (idle) */
	MM_CS_STOP_YIELD,	/* ran ahead of @now_ns; run again at wake_ns */
	MM_CS_STOP_BUDGET,	/* instruction budget used up */
	MM_CS_STOP_BLOCKED,	/* waiting, see exec.wait; wake_ns if timed */
	MM_CS_STOP_FAULT,	/* recoverable fault, until mm_cs_fault_ack() */
	MM_CS_STOP_FATAL,	/* fatal error, until mm_cs_exec_reset() */
};

/* wake_ns value meaning "only an external event can unblock me". */
#define MM_CS_NEVER		(~0ull)

/**
 * struct mm_cs_ring - the root level, as the firmware hands it over.
 * @base: GPU VA of the ring buffer (CS_BASE).
 * @size: ring size in bytes (CS_SIZE, a power of two).
 * @insert: INSERT byte counter from the input page (monotonic).
 * @extract: EXTRACT byte counter; the interpreter advances it as it
 *	consumes root-level instructions (position = counter mod @size).
 * @as: address space the stream runs in (CSG_CONFIG).
 */
struct mm_cs_ring {
	u64 base;
	u32 size;
	u64 insert;
	u64 extract;
	u32 as;
};

/**
 * struct mm_cs_env - what the firmware side provides to the interpreter.
 * @ctx: passed back to every callback.
 * @fatal: the stream hit an unrecoverable error (CS_FATAL, CS_FATAL_INFO);
 *	it stays stopped until mm_cs_exec_reset().
 * @fault: recoverable fault (CS_FAULT, CS_FAULT_INFO); the stream stalls
 *	until mm_cs_fault_ack(), then continues after the faulting
 *	instruction with its error state set.
 * @sync_update: a SYNC_ADD/SET wrote a sync object with @scope
 *	(MM_CS_SCOPE_*): raise the CSG SYNC_UPDATE event.
 * @tiler_oom: the heap at @heap_ctx_va has no free chunk: fill
 *	CS_HEAP_* and raise TILER_OOM. Return false if the request cannot be
 *	raised (treated as an immediate refusal). The answer comes back
 *	through mm_cs_heap_grant().
 * @progress: optional; progress counter of stream @queue of the same
 *	group, for PROGRESS_WAIT. NULL: the stream's own counter.
 * @req_resource: optional; the stream requests (bit set) or releases
 *	endpoint resources @mask (bit0 compute, 1 fragment, 2 tiler, 3 IDVS).
 *	Return false to keep it blocked (retried on the next run). NULL:
 *	always granted.
 */
struct mm_cs_env {
	void *ctx;
	void (*fatal)(void *ctx, u32 exception_type, u32 data, u64 info);
	void (*fault)(void *ctx, u32 exception_type, u32 data, u64 info);
	void (*sync_update)(void *ctx, u32 scope);
	bool (*tiler_oom)(void *ctx, u64 heap_ctx_va, u32 vt_start, u32 vt_end,
			  u32 frag_end);
	u64 (*progress)(void *ctx, u32 queue);
	bool (*req_resource)(void *ctx, u32 mask);
};

/**
 * struct mm_cs_frame - one level of the call stack.
 * @start: GPU VA of the buffer's first instruction.
 * @va: GPU VA of the next instruction.
 * @end: GPU VA one past the buffer's last instruction.
 *
 * Frame 0 is the ring buffer and uses mm_cs_ring.extract instead.
 */
struct mm_cs_frame {
	u64 start;
	u64 va;
	u64 end;
};

/**
 * struct mm_cs_sb - one scoreboard entry.
 * @done_ns: model time at which its last outstanding operation completes;
 *	the entry is non-zero (busy) while the stream's clock is before it.
 * @issued: operations ever tracked by this entry (statistics).
 */
struct mm_cs_sb {
	u64 done_ns;
	u32 issued;
};

/**
 * struct mm_cs_wait - what a blocked stream is waiting for.
 * @kind: enum mm_cs_wait_kind.
 * @sb_mask: scoreboard entries (MM_CS_WAIT_SB).
 * @cond: SYNC_WAIT condition (0 LE, 1 GT, 2 EQ, 3 NE, 4 LT, 5 GE, 6 ALWAYS).
 * @sync64: the sync object is 64-bit.
 * @sync_va: GPU VA of the sync object.
 * @ref: SYNC_WAIT reference value, or PROGRESS_WAIT target.
 * @queue: PROGRESS_WAIT queue.
 */
struct mm_cs_wait {
	u32 kind;
	u32 sb_mask;
	u32 cond;
	bool sync64;
	u64 sync_va;
	u64 ref;
	u32 queue;
};

/* Tiler OOM request state (mm_cs_heap.oom). */
#define MM_CS_OOM_NONE		0	/* no request outstanding */
#define MM_CS_OOM_PENDING	1	/* raised, no answer yet */
#define MM_CS_OOM_GRANTED	2	/* @grant holds a chunk link */
#define MM_CS_OOM_REFUSED	3	/* the host had nothing to give */

/**
 * struct mm_cs_heap - tiler heap binding.
 * @ctx_va: heap context bound by HEAP_SET (0: none).
 * @vt_start: last known VT_START counter of that heap.
 * @vt_end: last known VT_END counter.
 * @frag_end: last known FRAG_END counter.
 * @oom: MM_CS_OOM_*.
 * @grant: chunk link the host granted.
 */
struct mm_cs_heap {
	u64 ctx_va;
	u32 vt_start;
	u32 vt_end;
	u32 frag_end;
	u32 oom;
	u64 grant;
};

/**
 * struct mm_cs_handler - an exception handler stream.
 * @va: GPU VA of the handler's instructions.
 * @len: its length in bytes (0: no handler).
 */
struct mm_cs_handler {
	u64 va;
	u32 len;
};

/** Units whose asynchronous work the model serialises (per stream). */
enum mm_cs_unit {
	MM_CS_UNIT_COMPUTE,
	MM_CS_UNIT_TILER,
	MM_CS_UNIT_FRAGMENT,
	MM_CS_UNIT_OTHER,	/* loads, stores, flushes, syncs */
	MM_CS_UNIT_COUNT,
};

/**
 * struct mm_cs_stats - counters for tests and debugfs.
 * @instructions: instructions executed (a blocked one counts once done).
 * @runs: RUN_* jobs issued.
 * @flushes: FLUSH_CACHE2 performed.
 * @flushes_skipped: FLUSH_CACHE2 skipped thanks to the flush id.
 * @faults: recoverable faults raised.
 * @oom_requests: tiler OOM requests raised.
 * @handler_calls: exception handlers entered.
 * @trace_points: TRACE_POINT executed.
 */
struct mm_cs_stats {
	u64 instructions;
	u32 runs;
	u32 flushes;
	u32 flushes_skipped;
	u32 faults;
	u32 oom_requests;
	u32 handler_calls;
	u32 trace_points;
};

/**
 * struct mm_cs_exec - execution state of one command stream.
 * @reg: work registers.
 * @reg_count: registers in use (CSIF cs_regs, 96 on G610).
 * @sb_count: scoreboard entries in use (8 on G610).
 * @stack: call stack; @stack[0] is the ring (see struct mm_cs_frame).
 * @depth: frames in use, root included (1..MM_CS_CALL_DEPTH).
 * @sb: scoreboard entries.
 * @sb_endpoint: entry RUN_* and FINISH_TILING work signals (SET_SB_ENTRY).
 * @sb_other: entry LOAD/STORE_MULTIPLE signal (SET_SB_ENTRY).
 * @unit_busy: per unit, when its last queued operation completes.
 * @wait: blocked state.
 * @heap: tiler heap binding.
 * @handler: exception handlers, indexed by exception type.
 * @in_handler: call depth of the running exception handler (0: none).
 * @resources: endpoint resources requested (REQ_RESOURCE mask).
 * @progress: progress counter (PROGRESS_STORE/LOAD, progress_inc bits).
 * @error: sticky error state: exception type of the last fault, cleared by
 *	ERROR_BARRIER; SYNC_* with error propagation write it as status.
 * @exc_type: exception type of the pending fault or fatal error.
 * @exc_data: its exception data.
 * @exc_info: its info (usually the faulting GPU VA).
 * @cmd_ptr: GPU VA of the current (or last executed) instruction.
 * @clock: the stream's model time: when the next instruction can issue.
 * @wake_ns: after a YIELD/BUDGET/BLOCKED/EMPTY stop, the model time at
 *	which running again can make progress (MM_CS_NEVER: only an external
 *	event can). For EMPTY, when the last scoreboard entry drains.
 * @running: the last stop left the stream busy (YIELD, BUDGET, timed
 *	waits): its clock carries on instead of jumping to the next @now_ns.
 * @stats: counters.
 */
struct mm_cs_exec {
	u32 reg[MM_CS_MAX_REGS];
	u32 reg_count;
	u32 sb_count;
	struct mm_cs_frame stack[MM_CS_CALL_DEPTH];
	u32 depth;
	struct mm_cs_sb sb[MM_CS_MAX_SB];
	u32 sb_endpoint;
	u32 sb_other;
	u64 unit_busy[MM_CS_UNIT_COUNT];
	struct mm_cs_wait wait;
	struct mm_cs_heap heap;
	struct mm_cs_handler handler[MM_CS_MAX_HANDLERS];
	u32 in_handler;
	u32 resources;
	u64 progress;
	u32 error;
	u32 exc_type;
	u32 exc_data;
	u64 exc_info;
	u64 cmd_ptr;
	u64 clock;
	u64 wake_ns;
	bool running;
	struct mm_cs_stats stats;
};

/**
 * struct mm_cs_status - values for the CS output block.
 * @cmd_ptr: CS_STATUS_CMD_PTR.
 * @wait: CS_STATUS_WAIT (MM_CS_STATUS_WAIT_* fields).
 * @req_resource: CS_STATUS_REQ_RESOURCE.
 * @sync_ptr: CS_STATUS_WAIT_SYNC_POINTER.
 * @sync_value: CS_STATUS_WAIT_SYNC_VALUE (low) and _HI (high).
 * @scoreboards: CS_STATUS_SCOREBOARDS (busy entries).
 * @blocked_reason: CS_STATUS_BLOCKED_REASON (enum mm_cs_blocked).
 * @heap_vt_start: CS_HEAP_VT_START.
 * @heap_vt_end: CS_HEAP_VT_END.
 * @heap_frag_end: CS_HEAP_FRAG_END.
 * @heap_address: CS_HEAP_ADDRESS.
 */
struct mm_cs_status {
	u64 cmd_ptr;
	u32 wait;
	u32 req_resource;
	u64 sync_ptr;
	u64 sync_value;
	u32 scoreboards;
	u32 blocked_reason;
	u32 heap_vt_start;
	u32 heap_vt_end;
	u32 heap_frag_end;
	u64 heap_address;
};

/* Budget of an mm_cs_run() called with max_instr = 0. */
#define MM_CS_DEFAULT_BUDGET	4096u

/* Bytes mm_cs_save() writes: a fixed, versioned little-endian layout. */
#define MM_CS_SAVE_SIZE		1536u
#define MM_CS_SAVE_MAGIC	0x31534343u	/* "CCS1" */
#define MM_CS_SAVE_VERSION	1u

/**
 * mm_cs_exec_reset() - initial state of a stream (CS started).
 * @x: the stream.
 * @reg_count: work registers (clamped to MM_CS_MAX_REGS).
 * @sb_count: scoreboard entries (clamped to MM_CS_MAX_SB).
 *
 * Registers zero, call stack at the root, scoreboards idle, no heap, no
 * handlers, no error, clock 0 (it catches up with the first mm_cs_run()).
 */
void mm_cs_exec_reset(struct mm_cs_exec *x, u32 reg_count, u32 sb_count);

/**
 * mm_cs_run() - execute instructions of a stream.
 * @gpu: the GPU (MMU, USER page, timestamps).
 * @x: the stream.
 * @ring: its ring buffer; @ring->extract advances.
 * @env: firmware callbacks.
 * @now_ns: model time to run up to.
 * @max_instr: instruction budget (0: MM_CS_DEFAULT_BUDGET). Bounds the
 *	time spent in one call when a busy stream is far behind @now_ns.
 *
 * Re-evaluates whatever the stream was blocked on first (a SYNC_WAIT reads
 * its sync object again, an OOM answer is applied, ...).
 *
 * Return: why it stopped; @x->wait and @x->wake_ns say more.
 */
enum mm_cs_stop mm_cs_run(struct mm_gpu *gpu, struct mm_cs_exec *x,
			  struct mm_cs_ring *ring, const struct mm_cs_env *env,
			  u64 now_ns, u32 max_instr);

/**
 * mm_cs_heap_grant() - the host's answer to a tiler OOM request.
 * @x: the stream (blocked in MM_CS_WAIT_OOM).
 * @chunk_link: new chunk (VA | size in 4 KiB units), or 0 for none: then
 *	the TILER_OOM exception handler runs if one is set, else the stream
 *	faults with MM_CS_EXC_OOM.
 *
 * Takes effect on the next mm_cs_run().
 */
void mm_cs_heap_grant(struct mm_cs_exec *x, u64 chunk_link);

/**
 * mm_cs_fault_ack() - the host acknowledged a recoverable fault.
 * @x: the stream; it continues after the faulting instruction on the
 *	next mm_cs_run(), with its error state set until ERROR_BARRIER.
 */
void mm_cs_fault_ack(struct mm_cs_exec *x);

/**
 * mm_cs_status() - CS_STATUS_* and CS_HEAP_* values of a stream.
 * @x: the stream.
 * @now_ns: model time the scoreboards are sampled at.
 * @out: filled in.
 */
void mm_cs_status(const struct mm_cs_exec *x, u64 now_ns,
		  struct mm_cs_status *out);

/**
 * mm_cs_save() - serialise a stream for a suspend buffer.
 * @x: the stream.
 * @buf: destination.
 * @len: its size; at least MM_CS_SAVE_SIZE.
 *
 * Return: MM_CS_SAVE_SIZE, or -1 if @len is too small.
 */
int mm_cs_save(const struct mm_cs_exec *x, void *buf, u32 len);

/**
 * mm_cs_restore() - state saved by mm_cs_save().
 * @x: the stream.
 * @buf: source.
 * @len: its size.
 *
 * The ring position is not part of the saved state (the firmware keeps
 * EXTRACT in the ring's output page). The restored stream's clock resumes
 * at its next mm_cs_run(): it made no progress while suspended.
 *
 * Return: 0, or -1 if the buffer is too small, has the wrong magic or
 * version, or holds inconsistent values (@x is then left reset to a
 * 96-register, 8-entry empty state).
 */
int mm_cs_restore(struct mm_cs_exec *x, const void *buf, u32 len);

/**
 * mm_cs_disasm() - one instruction as text ("MOVE32 r94, #0x1").
 * @insn: the instruction word.
 * @buf: destination, always NUL-terminated.
 * @size: its size.
 *
 * Return: characters written, without the NUL.
 */
u32 mm_cs_disasm(u64 insn, char *buf, u32 size);

/* Mnemonic of @opcode, or NULL if unassigned in v10. */
const char *mm_cs_op_name(u32 opcode);

#endif /* MM_CS_H */
