/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pc_cs.h - building Mali CSF command streams (v10 instruction set,
 * shared/docs/cs-isa.md and mali-csf-hw.md Appendix A).
 *
 * A builder collects 64-bit instruction words. Every v10 instruction has one
 * typed encoder, pc_cs_<mnemonic>(); each checks its operands against the
 * stream's register file and scoreboard (a register that does not exist, an
 * odd register for a 64-bit operand, an immediate that does not fit) and
 * returns 0 or a negative errno with the reason in pc_last_error().
 *
 * The first error sticks: later encoders do nothing and return it, so a
 * caller may emit a whole sequence and look at the result of pc_cs_end()
 * only. Branches can target labels, placed before or after the branch.
 *
 * The builder needs no device, which is what lets the host unit tests check
 * every encoder against hand-derived instruction words.
 */
#ifndef PC_CS_H
#define PC_CS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct drm_panthor_csif_info;

/* Bytes per instruction; stream sizes and CALL/JUMP lengths are in bytes. */
#define PC_CS_INSTR_SIZE	8

/* Registers and scoreboard entries of a G610 stream (CSIF_INFO). */
#define PC_CS_DEFAULT_REGS	96
#define PC_CS_DEFAULT_SB	8
/* Upper bounds any v10 encoding can express. */
#define PC_CS_MAX_REGS		256
#define PC_CS_MAX_SB		16
/* Default bound on a growable stream: 8 MiB of instructions. */
#define PC_CS_DEFAULT_LIMIT	(1u << 20)

/** enum pc_cs_opcode - v10 opcodes, bits [63:56] of every instruction */
enum pc_cs_opcode {
	PC_CS_OP_NOP = 0,
	PC_CS_OP_MOVE48 = 1,
	PC_CS_OP_MOVE32 = 2,
	PC_CS_OP_WAIT = 3,
	PC_CS_OP_RUN_COMPUTE = 4,
	PC_CS_OP_RUN_TILING = 5,
	PC_CS_OP_RUN_IDVS = 6,
	PC_CS_OP_RUN_FRAGMENT = 7,
	PC_CS_OP_RUN_FULLSCREEN = 8,
	PC_CS_OP_FINISH_TILING = 9,
	PC_CS_OP_FINISH_FRAGMENT = 11,
	PC_CS_OP_ADD_IMM32 = 16,
	PC_CS_OP_ADD_IMM64 = 17,
	PC_CS_OP_UMIN32 = 18,
	PC_CS_OP_LOAD_MULTIPLE = 20,
	PC_CS_OP_STORE_MULTIPLE = 21,
	PC_CS_OP_BRANCH = 22,
	PC_CS_OP_SET_SB_ENTRY = 23,
	PC_CS_OP_PROGRESS_WAIT = 24,
	PC_CS_OP_SET_EXCEPTION_HANDLER = 25,
	PC_CS_OP_CALL = 32,
	PC_CS_OP_JUMP = 33,
	PC_CS_OP_REQ_RESOURCE = 34,
	PC_CS_OP_FLUSH_CACHE2 = 36,
	PC_CS_OP_SYNC_ADD32 = 37,
	PC_CS_OP_SYNC_SET32 = 38,
	PC_CS_OP_SYNC_WAIT32 = 39,
	PC_CS_OP_STORE_STATE = 40,
	PC_CS_OP_PROT_REGION = 41,
	PC_CS_OP_PROGRESS_STORE = 42,
	PC_CS_OP_PROGRESS_LOAD = 43,
	PC_CS_OP_RUN_COMPUTE_INDIRECT = 44,
	PC_CS_OP_ERROR_BARRIER = 47,
	PC_CS_OP_HEAP_SET = 48,
	PC_CS_OP_HEAP_OPERATION = 49,
	PC_CS_OP_TRACE_POINT = 50,
	PC_CS_OP_SYNC_ADD64 = 51,
	PC_CS_OP_SYNC_SET64 = 52,
	PC_CS_OP_SYNC_WAIT64 = 53,
};

/**
 * enum pc_cs_cond - conditions of BRANCH (register vs 0, signed) and of
 * SYNC_WAIT (memory vs register). SYNC_WAIT's CS_STATUS reporting only
 * knows LEQUAL and GREATER, which is what streams should use there.
 */
enum pc_cs_cond {
	PC_CS_COND_LEQUAL = 0,
	PC_CS_COND_GREATER = 1,
	PC_CS_COND_EQUAL = 2,
	PC_CS_COND_NEQUAL = 3,
	PC_CS_COND_LESS = 4,
	PC_CS_COND_GEQUAL = 5,
	PC_CS_COND_ALWAYS = 6,
};

/** enum pc_cs_flush_mode - L2 and load/store cache modes of FLUSH_CACHE2 */
enum pc_cs_flush_mode {
	PC_CS_FLUSH_NONE = 0,
	PC_CS_FLUSH_CLEAN = 1,
	PC_CS_FLUSH_CLEAN_INVALIDATE = 3,
};

/** enum pc_cs_flush_other - the "other caches" mode of FLUSH_CACHE2 */
enum pc_cs_flush_other {
	PC_CS_FLUSH_OTHER_NONE = 0,
	PC_CS_FLUSH_OTHER_INVALIDATE = 2,
};

/** enum pc_cs_sync_scope - who is told about a SYNC_ADD/SET */
enum pc_cs_sync_scope {
	PC_CS_SCOPE_SYSTEM = 0,
	PC_CS_SCOPE_CSG = 2,
};

/** enum pc_cs_state - what STORE_STATE writes */
enum pc_cs_state {
	PC_CS_STATE_TIMESTAMP = 0,
	PC_CS_STATE_CYCLE_COUNT = 1,
	PC_CS_STATE_DISJOINT_COUNT = 2,
	PC_CS_STATE_ERROR_STATUS = 3,
};

/** enum pc_cs_heap_op - HEAP_OPERATION's counters */
enum pc_cs_heap_op {
	PC_CS_HEAP_VT_START = 0,
	PC_CS_HEAP_VT_END = 1,
	PC_CS_HEAP_FRAG_END = 3,
};

/** enum pc_cs_task_axis - how RUN_COMPUTE splits the grid into tasks */
enum pc_cs_task_axis {
	PC_CS_AXIS_X = 0,
	PC_CS_AXIS_Y = 1,
	PC_CS_AXIS_Z = 2,
};

/* REQ_RESOURCE bits. */
#define PC_CS_RES_COMPUTE	(1u << 0)
#define PC_CS_RES_FRAGMENT	(1u << 1)
#define PC_CS_RES_TILER		(1u << 2)
#define PC_CS_RES_IDVS		(1u << 3)

/* SET_EXCEPTION_HANDLER type of the tiler out-of-memory handler. */
#define PC_CS_EXCEPTION_TILER_OOM	2

/* RUN_FRAGMENT tile orders. */
#define PC_CS_TILE_ORDER_Z		0
#define PC_CS_TILE_ORDER_HORIZONTAL	1
#define PC_CS_TILE_ORDER_VERTICAL	2
#define PC_CS_TILE_ORDER_REV_HORIZONTAL	5
#define PC_CS_TILE_ORDER_REV_VERTICAL	6

/* Fixed registers RUN_* reads (cs-isa.md §4). */
#define PC_CS_REG_SRT(n)	(0 + 2 * (n))
#define PC_CS_REG_FAU(n)	(8 + 2 * (n))
#define PC_CS_REG_SPD(n)	(16 + 2 * (n))
#define PC_CS_REG_TSD(n)	(24 + 2 * (n))
#define PC_CS_REG_JOB_OFFSET_X	34
#define PC_CS_REG_JOB_SIZE_X	37
#define PC_CS_REG_TILER_CTX	40
#define PC_CS_REG_FBD		40

/**
 * struct pc_cs_sel - which of the four resource pairs a RUN_* uses
 * @srt: shader resource table, r(0 + 2n)
 * @fau: fast access uniforms, r(8 + 2n)
 * @spd: shader program descriptor, r(16 + 2n)
 * @tsd: thread storage descriptor, r(24 + 2n)
 */
struct pc_cs_sel {
	uint8_t srt;
	uint8_t fau;
	uint8_t spd;
	uint8_t tsd;
};

/**
 * struct pc_cs_idvs - operands of RUN_IDVS
 * @flags_override: tiler/primitive flags ORed over r56
 * @progress_inc: bump the progress counter
 * @malloc_enable: allow the tiler to take heap memory
 * @draw_id_enable: pass @draw_id_reg to the shaders
 * @draw_id_reg: register holding the draw id
 * @varying_srt: varying shader uses SRT 1 (else 0)
 * @varying_fau: varying shader uses FAU 1 (else 0)
 * @varying_tsd: varying shader uses TSD 1 (else 0)
 * @fragment_srt: fragment shader uses SRT 2 (else 0)
 * @fragment_tsd: fragment shader uses TSD 2 (else 0)
 */
struct pc_cs_idvs {
	uint32_t flags_override;
	bool progress_inc;
	bool malloc_enable;
	bool draw_id_enable;
	uint8_t draw_id_reg;
	bool varying_srt;
	bool varying_fau;
	bool varying_tsd;
	bool fragment_srt;
	bool fragment_tsd;
};

/**
 * struct pc_cs_config - shape of the stream a builder writes
 * @reg_count: 32-bit registers (csif_info.cs_reg_count); 0: 96
 * @sb_count: scoreboard entries (csif_info.scoreboard_slot_count); 0: 8
 * @max_instructions: bound on a growable stream; 0: PC_CS_DEFAULT_LIMIT
 */
struct pc_cs_config {
	uint32_t reg_count;
	uint32_t sb_count;
	uint32_t max_instructions;
};

/**
 * struct pc_cs_label - a branch target
 * @id: index in the builder's label table; PC_CS_LABEL_INVALID when it
 *	could not be created (the builder then holds the error)
 */
struct pc_cs_label {
	uint32_t id;
};

#define PC_CS_LABEL_INVALID	UINT32_MAX

/**
 * struct pc_cs_builder - a command stream being written
 * @words: instructions
 * @count: instructions written
 * @capacity: instructions @words can hold
 * @limit: most instructions the stream may ever hold
 * @growable: @words belongs to the builder and grows up to @limit
 * @reg_count: registers operands may name
 * @sb_count: scoreboard entries
 * @error: first error, or 0; sticky
 * @labels: instruction index each label is bound to, or -1
 * @label_count: labels created
 * @label_capacity: entries @labels can hold
 * @fixups: branches waiting for a label: instruction index and label id
 * @fixup_count: pending fixups
 * @fixup_capacity: entries @fixups can hold
 */
struct pc_cs_builder {
	uint64_t *words;
	uint32_t count;
	uint32_t capacity;
	uint32_t limit;
	bool growable;
	uint32_t reg_count;
	uint32_t sb_count;
	int error;
	int64_t *labels;
	uint32_t label_count;
	uint32_t label_capacity;
	struct pc_cs_fixup {
		uint32_t insn;
		uint32_t label;
	} *fixups;
	uint32_t fixup_count;
	uint32_t fixup_capacity;
};

/**
 * pc_cs_config_from_csif() - a builder configuration for a device's streams
 * @cfg: filled in
 * @csif: the device's CSIF_INFO
 */
void pc_cs_config_from_csif(struct pc_cs_config *cfg,
			    const struct drm_panthor_csif_info *csif);

/**
 * pc_cs_init() - start a growable stream in memory the builder allocates
 * @b: the builder
 * @cfg: stream shape; NULL for a G610's
 *
 * Return: 0, or -EINVAL for a configuration no encoding can express.
 */
int pc_cs_init(struct pc_cs_builder *b, const struct pc_cs_config *cfg);

/**
 * pc_cs_init_fixed() - start a stream in caller memory (e.g. a mapped BO)
 * @b: the builder
 * @cfg: stream shape; NULL for a G610's
 * @mem: where the instructions go, 8-byte aligned
 * @size: its size in bytes; instructions beyond it fail with -ENOSPC
 *
 * Return: 0 or -EINVAL.
 */
int pc_cs_init_fixed(struct pc_cs_builder *b, const struct pc_cs_config *cfg,
		     void *mem, size_t size);

/** pc_cs_fini() - free what the builder allocated (not fixed memory) */
void pc_cs_fini(struct pc_cs_builder *b);

/**
 * pc_cs_end() - check a stream is complete
 * @b: the builder
 *
 * Return: the sticky error, or -EINVAL if a branch targets a label that was
 * never placed; 0 when @b->words[0 .. @b->count) is ready to run.
 */
int pc_cs_end(struct pc_cs_builder *b);

/** pc_cs_size() - size of the stream in bytes */
static inline uint32_t pc_cs_size(const struct pc_cs_builder *b)
{
	return b->count * PC_CS_INSTR_SIZE;
}

/**
 * pc_cs_raw() - append an instruction word as it is
 * @b: the builder
 * @word: the instruction
 *
 * Return: 0 or a negative errno (stream full, earlier error).
 */
int pc_cs_raw(struct pc_cs_builder *b, uint64_t word);

/* ---- labels ---- */

/**
 * pc_cs_label_new() - create a label, not placed yet
 * @b: the builder
 *
 * Return: the label; its id is PC_CS_LABEL_INVALID on failure.
 */
struct pc_cs_label pc_cs_label_new(struct pc_cs_builder *b);

/**
 * pc_cs_label_place() - bind a label to the next instruction
 * @b: the builder
 * @label: a label of @b that was not placed yet
 *
 * Branches already emitted towards @label are patched now.
 *
 * Return: 0, -EINVAL for a label placed twice or unknown, -ERANGE when a
 * waiting branch is too far away for its 16-bit offset.
 */
int pc_cs_label_place(struct pc_cs_builder *b, struct pc_cs_label label);

/* ---- moves and arithmetic ---- */

/** pc_cs_nop() - NOP */
int pc_cs_nop(struct pc_cs_builder *b);

/**
 * pc_cs_move48() - MOVE48: @reg:@reg+1 = @imm (48 bits, zero extended)
 * @b: the builder
 * @reg: even register
 * @imm: value below 2^48
 */
int pc_cs_move48(struct pc_cs_builder *b, unsigned int reg, uint64_t imm);

/** pc_cs_move32() - MOVE32: @reg = @imm */
int pc_cs_move32(struct pc_cs_builder *b, unsigned int reg, uint32_t imm);

/**
 * pc_cs_move64() - any 64-bit constant into @reg:@reg+1: one MOVE48 when it
 * fits in 48 bits, else MOVE48 of the low half and MOVE32 of the high word
 */
int pc_cs_move64(struct pc_cs_builder *b, unsigned int reg, uint64_t imm);

/** pc_cs_add_imm32() - ADD_IMMEDIATE32: @dst = @src + @imm (mod 2^32) */
int pc_cs_add_imm32(struct pc_cs_builder *b, unsigned int dst,
		    unsigned int src, int32_t imm);

/** pc_cs_add_imm64() - ADD_IMMEDIATE64 on even pairs, @imm sign extended */
int pc_cs_add_imm64(struct pc_cs_builder *b, unsigned int dst,
		    unsigned int src, int32_t imm);

/** pc_cs_umin32() - UMIN32: @dst = min(@src0, @src1), unsigned */
int pc_cs_umin32(struct pc_cs_builder *b, unsigned int dst, unsigned int src0,
		 unsigned int src1);

/* ---- memory ---- */

/**
 * pc_cs_load_multiple() - LOAD_MULTIPLE
 * @b: the builder
 * @base: first register; bit i of @mask loads register @base + i
 * @mask: 16-bit register mask, not 0
 * @addr: even register pair holding the address
 * @offset: signed byte offset added to it, a multiple of 4
 *
 * Word i of the block at address + @offset goes to @base + i. Asynchronous:
 * tracked by the "other" scoreboard entry (pc_cs_set_sb_entry()); WAIT on
 * it before using the registers.
 */
int pc_cs_load_multiple(struct pc_cs_builder *b, unsigned int base,
			uint16_t mask, unsigned int addr, int32_t offset);

/** pc_cs_store_multiple() - STORE_MULTIPLE, the inverse of LOAD_MULTIPLE */
int pc_cs_store_multiple(struct pc_cs_builder *b, unsigned int base,
			 uint16_t mask, unsigned int addr, int32_t offset);

/**
 * pc_cs_store_state() - STORE_STATE: a 64-bit state value to memory
 * @b: the builder
 * @state: enum pc_cs_state
 * @addr: even register pair holding the address
 * @offset: signed byte offset
 * @wait_mask: scoreboard entries to wait for first
 * @signal: scoreboard entry tracking the store
 */
int pc_cs_store_state(struct pc_cs_builder *b, enum pc_cs_state state,
		      unsigned int addr, int32_t offset, uint16_t wait_mask,
		      unsigned int signal);

/* ---- control flow ---- */

/**
 * pc_cs_branch() - BRANCH with an explicit offset
 * @b: the builder
 * @cond: enum pc_cs_cond, comparing register @reg (signed) with 0
 * @reg: register tested
 * @offset: instructions to skip, counted from the next instruction
 */
int pc_cs_branch(struct pc_cs_builder *b, enum pc_cs_cond cond,
		 unsigned int reg, int32_t offset);

/** pc_cs_branch_to() - BRANCH to @label if @reg @cond 0 */
int pc_cs_branch_to(struct pc_cs_builder *b, enum pc_cs_cond cond,
		    unsigned int reg, struct pc_cs_label label);

/** pc_cs_goto() - unconditional BRANCH to @label */
int pc_cs_goto(struct pc_cs_builder *b, struct pc_cs_label label);

/**
 * pc_cs_call() - CALL the @len_reg bytes at the address in @addr
 * @b: the builder
 * @addr: even register pair holding the address (64-byte aligned buffer)
 * @len_reg: register holding the length in bytes
 */
int pc_cs_call(struct pc_cs_builder *b, unsigned int addr,
	       unsigned int len_reg);

/** pc_cs_jump() - JUMP: continue in another buffer at the same depth */
int pc_cs_jump(struct pc_cs_builder *b, unsigned int addr,
	       unsigned int len_reg);

/**
 * pc_cs_set_exception_handler() - SET_EXCEPTION_HANDLER
 * @b: the builder
 * @type: exception type, PC_CS_EXCEPTION_TILER_OOM
 * @addr: even register pair holding the handler's address
 * @len_reg: register holding its length in bytes
 */
int pc_cs_set_exception_handler(struct pc_cs_builder *b, unsigned int type,
				unsigned int addr, unsigned int len_reg);

/* ---- scoreboards and progress ---- */

/** pc_cs_wait() - WAIT until the scoreboard entries of @mask are idle */
int pc_cs_wait(struct pc_cs_builder *b, uint16_t mask, bool progress_inc);

/**
 * pc_cs_set_sb_entry() - SET_SB_ENTRY: the entries RUN_* work (@endpoint)
 * and loads/stores (@other) are tracked by
 */
int pc_cs_set_sb_entry(struct pc_cs_builder *b, unsigned int endpoint,
		       unsigned int other);

/** pc_cs_progress_wait() - PROGRESS_WAIT for queue @queue to reach @src */
int pc_cs_progress_wait(struct pc_cs_builder *b, unsigned int queue,
			unsigned int src);

/** pc_cs_progress_store() - PROGRESS_STORE: set the counter from @src */
int pc_cs_progress_store(struct pc_cs_builder *b, unsigned int src);

/** pc_cs_progress_load() - PROGRESS_LOAD: the counter into @dst */
int pc_cs_progress_load(struct pc_cs_builder *b, unsigned int dst);

/** pc_cs_error_barrier() - ERROR_BARRIER */
int pc_cs_error_barrier(struct pc_cs_builder *b);

/**
 * pc_cs_prot_region() - PROT_REGION marker
 * @b: the builder
 * @size: bytes of the region, a multiple of 8 below 512 KiB
 */
int pc_cs_prot_region(struct pc_cs_builder *b, uint32_t size);

/**
 * pc_cs_trace_point() - TRACE_POINT of @count registers from @base
 * @b: the builder
 * @base: first register
 * @count: registers recorded
 * @wait_mask: scoreboard entries to wait for first
 * @signal: scoreboard entry tracking it
 */
int pc_cs_trace_point(struct pc_cs_builder *b, unsigned int base,
		      unsigned int count, uint16_t wait_mask,
		      unsigned int signal);

/* ---- synchronisation ---- */

/**
 * pc_cs_flush_cache2() - FLUSH_CACHE2
 * @b: the builder
 * @l2: enum pc_cs_flush_mode for the L2
 * @lsc: enum pc_cs_flush_mode for the load/store caches
 * @other: enum pc_cs_flush_other
 * @flush_id_reg: register holding a LATEST_FLUSH_ID value (0: always flush)
 * @wait_mask: scoreboard entries to wait for first
 * @signal: scoreboard entry tracking the flush
 */
int pc_cs_flush_cache2(struct pc_cs_builder *b, enum pc_cs_flush_mode l2,
		       enum pc_cs_flush_mode lsc, enum pc_cs_flush_other other,
		       unsigned int flush_id_reg, uint16_t wait_mask,
		       unsigned int signal);

/**
 * pc_cs_sync_add32() - SYNC_ADD32: mem32[@addr] += @data
 * @b: the builder
 * @addr: even register pair holding the sync object's address
 * @data: register with the value
 * @scope: enum pc_cs_sync_scope
 * @propagate: write the stream's error state into the object's status word
 * @wait_mask: scoreboard entries to wait for first
 * @signal: scoreboard entry tracking it
 */
int pc_cs_sync_add32(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal);

/** pc_cs_sync_set32() - SYNC_SET32: mem32[@addr] = @data */
int pc_cs_sync_set32(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal);

/** pc_cs_sync_add64() - SYNC_ADD64, @data an even register pair */
int pc_cs_sync_add64(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal);

/** pc_cs_sync_set64() - SYNC_SET64, @data an even register pair */
int pc_cs_sync_set64(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal);

/**
 * pc_cs_sync_wait32() - SYNC_WAIT32: block until mem32[@addr] @cond @data
 * @b: the builder
 * @cond: PC_CS_COND_GREATER or PC_CS_COND_LEQUAL (others are encodable)
 * @addr: even register pair holding the sync object's address
 * @data: register with the reference value
 * @reject_error: fail when the object's status word reports an error
 */
int pc_cs_sync_wait32(struct pc_cs_builder *b, enum pc_cs_cond cond,
		      unsigned int addr, unsigned int data, bool reject_error);

/** pc_cs_sync_wait64() - SYNC_WAIT64, @data an even register pair */
int pc_cs_sync_wait64(struct pc_cs_builder *b, enum pc_cs_cond cond,
		      unsigned int addr, unsigned int data, bool reject_error);

/* ---- jobs ---- */

/** pc_cs_req_resource() - REQ_RESOURCE: hold the PC_CS_RES_* of @mask */
int pc_cs_req_resource(struct pc_cs_builder *b, unsigned int mask);

/**
 * pc_cs_run_compute() - RUN_COMPUTE
 * @b: the builder
 * @task_increment: workgroups per task, below 2^14
 * @axis: enum pc_cs_task_axis along which the grid is split
 * @sel: resource selections
 * @progress_inc: bump the progress counter
 */
int pc_cs_run_compute(struct pc_cs_builder *b, uint32_t task_increment,
		      enum pc_cs_task_axis axis, const struct pc_cs_sel *sel,
		      bool progress_inc);

/** pc_cs_run_compute_indirect() - RUN_COMPUTE_INDIRECT */
int pc_cs_run_compute_indirect(struct pc_cs_builder *b,
			       uint16_t workgroups_per_task,
			       const struct pc_cs_sel *sel, bool progress_inc);

/** pc_cs_run_tiling() - RUN_TILING of the tiler context in r40:r41 */
int pc_cs_run_tiling(struct pc_cs_builder *b, uint32_t flags_override,
		     const struct pc_cs_sel *sel, bool progress_inc);

/** pc_cs_run_idvs() - RUN_IDVS */
int pc_cs_run_idvs(struct pc_cs_builder *b, const struct pc_cs_idvs *idvs);

/**
 * pc_cs_run_fragment() - RUN_FRAGMENT of the framebuffer in r40:r41
 * @b: the builder
 * @enable_tem: use the tile enable map in r44:r45
 * @tile_order: PC_CS_TILE_ORDER_*
 * @progress_inc: bump the progress counter
 */
int pc_cs_run_fragment(struct pc_cs_builder *b, bool enable_tem,
		       unsigned int tile_order, bool progress_inc);

/** pc_cs_run_fullscreen() - RUN_FULLSCREEN with the DCD in @dcd */
int pc_cs_run_fullscreen(struct pc_cs_builder *b, uint32_t flags_override,
			 unsigned int dcd, bool progress_inc);

/** pc_cs_finish_tiling() - FINISH_TILING */
int pc_cs_finish_tiling(struct pc_cs_builder *b, bool progress_inc);

/**
 * pc_cs_finish_fragment() - FINISH_FRAGMENT
 * @b: the builder
 * @inc_frag_end: count a completed fragment pass
 * @first_chunk: even pair holding the first heap chunk to release
 * @last_chunk: even pair holding the last one
 * @wait_mask: scoreboard entries to wait for first
 * @signal: scoreboard entry tracking it
 */
int pc_cs_finish_fragment(struct pc_cs_builder *b, bool inc_frag_end,
			  unsigned int first_chunk, unsigned int last_chunk,
			  uint16_t wait_mask, unsigned int signal);

/** pc_cs_heap_set() - HEAP_SET: the tiler heap context in @addr */
int pc_cs_heap_set(struct pc_cs_builder *b, unsigned int addr);

/** pc_cs_heap_operation() - HEAP_OPERATION @op (enum pc_cs_heap_op) */
int pc_cs_heap_operation(struct pc_cs_builder *b, enum pc_cs_heap_op op,
			 uint16_t wait_mask, unsigned int signal);

#endif /* PC_CS_H */
