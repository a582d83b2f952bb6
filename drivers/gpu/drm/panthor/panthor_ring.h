/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor ring buffers: the instructions the kernel writes in a queue's ring
 * buffer around every job, and the two pages through which the host and the
 * firmware share a ring's read and write positions.
 *
 * Every instruction is a little-endian 64-bit word whose top byte is the
 * opcode (cs-isa.md, mali-csf-hw.md Appendix A). Only the handful of
 * instructions the kernel needs are encoded here; the user's own stream is
 * opaque to the kernel and is reached with a CALL.
 *
 * Everything in this header is pure, so the KUnit suite checks the words
 * against the documented encodings.
 */

#ifndef __PANTHOR_RING_H__
#define __PANTHOR_RING_H__

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/types.h>

/* Fields every instruction has. */
#define CS_INSTR_OPCODE			GENMASK_ULL(63, 56)

/* Opcodes. */
#define CS_OP_NOP			0
#define CS_OP_MOVE48			1
#define CS_OP_MOVE32			2
#define CS_OP_WAIT			3
#define CS_OP_CALL			32
#define CS_OP_FLUSH_CACHE2		36
#define CS_OP_STORE_STATE		40
#define CS_OP_ERROR_BARRIER		47
#define CS_OP_SYNC_ADD64		51

/* MOVE48 / MOVE32 */
#define CS_MOVE_DST			GENMASK_ULL(55, 48)
#define CS_MOVE48_IMM			GENMASK_ULL(47, 0)
#define CS_MOVE32_IMM			GENMASK_ULL(31, 0)

/* WAIT */
#define CS_WAIT_SB_MASK			GENMASK_ULL(23, 16)

/* CALL */
#define CS_CALL_ADDR			GENMASK_ULL(47, 40)
#define CS_CALL_LEN			GENMASK_ULL(39, 32)

/* FLUSH_CACHE2 */
#define CS_FLUSH_L2_MODE		GENMASK_ULL(3, 0)
#define CS_FLUSH_LSC_MODE		GENMASK_ULL(7, 4)
#define CS_FLUSH_OTHER_MODE		GENMASK_ULL(11, 8)
#define CS_FLUSH_WAIT_MASK		GENMASK_ULL(31, 16)
#define CS_FLUSH_ID_REG			GENMASK_ULL(47, 40)
#define CS_FLUSH_SIGNAL_SB		GENMASK_ULL(51, 48)
#define   CS_FLUSH_MODE_CLEAN_INV	3
#define   CS_FLUSH_OTHER_INV		2

/* STORE_STATE */
#define CS_STORE_OFFSET			GENMASK_ULL(15, 0)
#define CS_STORE_WAIT_MASK		GENMASK_ULL(31, 16)
#define CS_STORE_STATE			GENMASK_ULL(33, 32)
#define CS_STORE_ADDR_REG		GENMASK_ULL(47, 40)
#define CS_STORE_SIGNAL_SB		GENMASK_ULL(51, 48)
#define   CS_STATE_TIMESTAMP		0
#define   CS_STATE_CYCLE_COUNT		1

/* SYNC_ADD64 */
#define CS_SYNC_ERROR_PROPAGATE		BIT_ULL(0)
#define CS_SYNC_SCOPE			GENMASK_ULL(2, 1)
#define   CS_SYNC_SCOPE_SYSTEM		0
#define CS_SYNC_WAIT_MASK		GENMASK_ULL(31, 16)
#define CS_SYNC_DATA_REG		GENMASK_ULL(39, 32)
#define CS_SYNC_ADDR_REG		GENMASK_ULL(47, 40)
#define CS_SYNC_SIGNAL_SB		GENMASK_ULL(51, 48)

/*
 * Every job takes the same room in the ring: sixteen instructions, a
 * multiple of eight, so that a job never shares a 64-byte line with the
 * next one (the sequence is padded with NOPs).
 */
#define PANTHOR_RING_JOB_INSTRS		16
#define PANTHOR_RING_JOB_SIZE		(PANTHOR_RING_JOB_INSTRS * sizeof(u64))

/* The scoreboard entry the pre-job cache flush signals. */
#define PANTHOR_RING_FLUSH_SB		0

/**
 * struct panthor_ring_input - The host-written page of a ring
 *
 * Both counters are byte offsets that only grow; the position in the ring
 * is the counter modulo the ring size.
 */
struct panthor_ring_input {
	/** @insert: one past the last instruction the host wrote */
	u64 insert;
	/** @extract_init: where a (re)started stream begins to read */
	u64 extract_init;
};

/**
 * struct panthor_ring_output - The firmware-written page of a ring
 */
struct panthor_ring_output {
	/** @extract: the next instruction the stream will read */
	u64 extract;
	/** @active: bit 0 set while the stream is on the GPU */
	u32 active;
};

/**
 * struct panthor_job_times - GPU counters sampled around a user stream
 *
 * Written by the job's STORE_STATE instructions, read by the host once the
 * job completed.
 */
struct panthor_job_times {
	/** @start_cycles: GPU cycle counter before the stream */
	u64 start_cycles;
	/** @start_time: GPU timestamp before the stream */
	u64 start_time;
	/** @end_cycles: GPU cycle counter once all its work completed */
	u64 end_cycles;
	/** @end_time: GPU timestamp once all its work completed */
	u64 end_time;
};

/**
 * struct panthor_ring_job - What the kernel wraps around one user stream
 */
struct panthor_ring_job {
	/** @stream_addr: GPU address of the user stream; 0 for a sync-only job */
	u64 stream_addr;
	/** @stream_size: its size in bytes; 0 for a sync-only job */
	u32 stream_size;
	/** @latest_flush: LATEST_FLUSH_ID seen by userspace; 0 always flushes */
	u32 latest_flush;
	/** @sync_addr: GPU address of the queue's 64-bit sync object */
	u64 sync_addr;
	/**
	 * @times_offset: where the job's &struct panthor_job_times is, from
	 * @sync_addr
	 */
	s16 times_offset;
	/** @addr_reg: first of the kernel's registers (an even pair) */
	u8 addr_reg;
	/** @val_reg: the register pair after @addr_reg */
	u8 val_reg;
	/** @sb_mask: every scoreboard entry of the stream */
	u8 sb_mask;
};

static inline u64 panthor_cs_instr(u32 opcode, u64 fields)
{
	return FIELD_PREP(CS_INSTR_OPCODE, opcode) | fields;
}

static inline u64 panthor_cs_move48(u8 dst, u64 imm)
{
	return panthor_cs_instr(CS_OP_MOVE48, FIELD_PREP(CS_MOVE_DST, dst) |
				FIELD_PREP(CS_MOVE48_IMM, imm & CS_MOVE48_IMM));
}

static inline u64 panthor_cs_move32(u8 dst, u32 imm)
{
	return panthor_cs_instr(CS_OP_MOVE32, FIELD_PREP(CS_MOVE_DST, dst) |
				FIELD_PREP(CS_MOVE32_IMM, imm));
}

static inline u64 panthor_cs_wait(u8 sb_mask)
{
	return panthor_cs_instr(CS_OP_WAIT, FIELD_PREP(CS_WAIT_SB_MASK, sb_mask));
}

static inline u64 panthor_cs_call(u8 addr_reg, u8 len_reg)
{
	return panthor_cs_instr(CS_OP_CALL, FIELD_PREP(CS_CALL_ADDR, addr_reg) |
				FIELD_PREP(CS_CALL_LEN, len_reg));
}

/* Clean and invalidate every cache unless @flush_id_reg says it happened. */
static inline u64 panthor_cs_flush_all(u8 flush_id_reg, u8 signal_sb)
{
	return panthor_cs_instr(CS_OP_FLUSH_CACHE2,
				FIELD_PREP(CS_FLUSH_L2_MODE, CS_FLUSH_MODE_CLEAN_INV) |
				FIELD_PREP(CS_FLUSH_LSC_MODE, CS_FLUSH_MODE_CLEAN_INV) |
				FIELD_PREP(CS_FLUSH_OTHER_MODE, CS_FLUSH_OTHER_INV) |
				FIELD_PREP(CS_FLUSH_ID_REG, flush_id_reg) |
				FIELD_PREP(CS_FLUSH_SIGNAL_SB, signal_sb));
}

/* System-wide, error-propagating *[addr_reg] += [data_reg] on 64 bits. */
static inline u64 panthor_cs_sync_add64(u8 addr_reg, u8 data_reg)
{
	return panthor_cs_instr(CS_OP_SYNC_ADD64, CS_SYNC_ERROR_PROPAGATE |
				FIELD_PREP(CS_SYNC_SCOPE, CS_SYNC_SCOPE_SYSTEM) |
				FIELD_PREP(CS_SYNC_DATA_REG, data_reg) |
				FIELD_PREP(CS_SYNC_ADDR_REG, addr_reg));
}

/* Write a GPU counter at [addr_reg] + @offset, in order, no scoreboard. */
static inline u64 panthor_cs_store_state(u8 addr_reg, s16 offset, u32 state)
{
	return panthor_cs_instr(CS_OP_STORE_STATE,
				FIELD_PREP(CS_STORE_OFFSET, (u16)offset) |
				FIELD_PREP(CS_STORE_STATE, state) |
				FIELD_PREP(CS_STORE_ADDR_REG, addr_reg));
}

static inline u64 panthor_cs_error_barrier(void)
{
	return panthor_cs_instr(CS_OP_ERROR_BARRIER, 0);
}

/**
 * panthor_ring_build_job() - Write the instructions of one job
 * @job: the job
 * @out: room for %PANTHOR_RING_JOB_INSTRS instructions
 *
 * The sequence (mali-csf-hw.md Appendix A): flush the caches the user
 * stream may read stale data through, unless nothing needs flushing since
 * userspace sampled LATEST_FLUSH_ID; sample the GPU's cycle counter and
 * timestamp; call the stream; wait for all its asynchronous work and
 * sample the counters again; add one to the queue's sync object, which is
 * how the host learns the job is done (an error of the stream propagates
 * into the object's error word); then clear the stream's error state so
 * the next job starts clean. A sync-only job skips the flush, the samples
 * and the call: it only waits for what is in flight and bumps the sync
 * object, so it completes in order with the jobs before it.
 */
static inline void panthor_ring_build_job(const struct panthor_ring_job *job,
					  u64 *out)
{
	unsigned int n = 0;

	s16 times = job->times_offset;

	if (job->stream_size) {
		out[n++] = panthor_cs_move32(job->val_reg, job->latest_flush);
		out[n++] = panthor_cs_flush_all(job->val_reg, PANTHOR_RING_FLUSH_SB);
		out[n++] = panthor_cs_move48(job->addr_reg, job->sync_addr);
		out[n++] = panthor_cs_store_state(job->addr_reg, times,
						  CS_STATE_CYCLE_COUNT);
		out[n++] = panthor_cs_store_state(job->addr_reg, times + 8,
						  CS_STATE_TIMESTAMP);
		out[n++] = panthor_cs_move48(job->addr_reg, job->stream_addr);
		out[n++] = panthor_cs_move32(job->val_reg, job->stream_size);
		out[n++] = panthor_cs_wait(BIT(PANTHOR_RING_FLUSH_SB));
		out[n++] = panthor_cs_call(job->addr_reg, job->val_reg);
	}

	out[n++] = panthor_cs_move48(job->addr_reg, job->sync_addr);
	out[n++] = panthor_cs_move48(job->val_reg, 1);
	out[n++] = panthor_cs_wait(job->sb_mask);
	if (job->stream_size) {
		out[n++] = panthor_cs_store_state(job->addr_reg, times + 16,
						  CS_STATE_CYCLE_COUNT);
		out[n++] = panthor_cs_store_state(job->addr_reg, times + 24,
						  CS_STATE_TIMESTAMP);
	}
	out[n++] = panthor_cs_sync_add64(job->addr_reg, job->val_reg);
	out[n++] = panthor_cs_error_barrier();

	while (n < PANTHOR_RING_JOB_INSTRS)
		out[n++] = panthor_cs_instr(CS_OP_NOP, 0);
}

#endif /* __PANTHOR_RING_H__ */
