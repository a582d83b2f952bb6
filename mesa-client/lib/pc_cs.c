// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_cs.c - the command-stream builder: instruction encoders, operand
 * checks, labels and the instruction buffer.
 *
 * Field positions come from cs-isa.md §2. They are kept as masks and placed
 * with pc_cs_field(), so that an encoder reads as the list of its fields.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_internal.h"

#define PC_GENMASK(hi, lo)	((~0ull >> (63 - (hi))) & ~((1ull << (lo)) - 1))
#define PC_BIT(n)		(1ull << (n))

/* Shared field positions (cs-isa.md §2). */
#define F_OPCODE		PC_GENMASK(63, 56)
#define F_DST			PC_GENMASK(55, 48)	/* destination reg(64) */
#define F_SIGNAL		PC_GENMASK(51, 48)	/* scoreboard to signal */
#define F_ADDR			PC_GENMASK(47, 40)	/* address pair */
#define F_SRC			PC_GENMASK(47, 40)	/* source reg(64) */
#define F_DATA			PC_GENMASK(39, 32)	/* data / length reg */
#define F_PROGRESS_INC		PC_BIT(32)
#define F_WAIT_MASK		PC_GENMASK(31, 16)	/* scoreboards to wait */
#define F_OFFSET		PC_GENMASK(15, 0)	/* signed 16 */
#define F_IMM32			PC_GENMASK(31, 0)
#define F_FLAGS			PC_GENMASK(31, 0)	/* RUN_* flags override */
#define F_MOVE48_IMM		PC_GENMASK(47, 0)
#define F_LS_MASK		PC_GENMASK(31, 16)
#define F_UMIN_SRC1		PC_GENMASK(39, 32)
#define F_UMIN_SRC0		PC_GENMASK(47, 40)
#define F_BRANCH_COND		PC_GENMASK(30, 28)
#define F_BRANCH_REG		PC_GENMASK(47, 40)
#define F_SB_ENDPOINT		PC_GENMASK(3, 0)
#define F_SB_OTHER		PC_GENMASK(7, 4)
#define F_PROGRESS_QUEUE	PC_GENMASK(4, 0)
#define F_EXC_TYPE		PC_GENMASK(7, 0)
#define F_RESOURCES		PC_GENMASK(3, 0)
#define F_FLUSH_L2		PC_GENMASK(3, 0)
#define F_FLUSH_LSC		PC_GENMASK(7, 4)
#define F_FLUSH_OTHER		PC_GENMASK(11, 8)
#define F_SYNC_PROPAGATE	PC_BIT(0)
#define F_SYNC_SCOPE		PC_GENMASK(2, 1)
#define F_SYNC_REJECT		PC_BIT(0)
#define F_SYNC_COND		PC_GENMASK(31, 28)
#define F_STATE			PC_GENMASK(33, 32)
#define F_PROT_SIZE		PC_GENMASK(15, 0)
#define F_HEAP_OP		PC_GENMASK(33, 32)
#define F_TRACE_BASE		PC_GENMASK(39, 32)
#define F_TRACE_COUNT		PC_GENMASK(47, 40)
#define F_FRAG_INC		PC_BIT(0)
#define F_FRAG_LAST		PC_GENMASK(39, 32)
#define F_FRAG_FIRST		PC_GENMASK(47, 40)
#define F_TASK_INC		PC_GENMASK(13, 0)
#define F_TASK_AXIS		PC_GENMASK(15, 14)
#define F_WG_PER_TASK		PC_GENMASK(15, 0)
#define F_SEL_SRT		PC_GENMASK(41, 40)
#define F_SEL_SPD		PC_GENMASK(43, 42)
#define F_SEL_TSD		PC_GENMASK(45, 44)
#define F_SEL_FAU		PC_GENMASK(47, 46)
#define F_IDVS_MALLOC		PC_BIT(33)
#define F_IDVS_DRAW_ID_EN	PC_BIT(34)
#define F_IDVS_VARY_SRT		PC_BIT(35)
#define F_IDVS_VARY_FAU		PC_BIT(36)
#define F_IDVS_VARY_TSD		PC_BIT(37)
#define F_IDVS_FRAG_SRT		PC_BIT(38)
#define F_IDVS_FRAG_TSD		PC_BIT(39)
#define F_IDVS_DRAW_ID		PC_GENMASK(47, 40)
#define F_FRAGMENT_TEM		PC_BIT(0)
#define F_FRAGMENT_ORDER	PC_GENMASK(7, 4)
#define F_FULLSCREEN_DCD	PC_GENMASK(47, 40)

/* Place @value in the field @mask; the caller checked that it fits. */
static uint64_t pc_cs_field(uint64_t mask, uint64_t value)
{
	return (value << __builtin_ctzll(mask)) & mask;
}

static uint64_t pc_cs_opcode(enum pc_cs_opcode op)
{
	return pc_cs_field(F_OPCODE, op);
}

/* ---- errors and operand checks ---- */

__attribute__((format(printf, 3, 4)))
static int pc_cs_error(struct pc_cs_builder *b, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pc_vfail(err, fmt, ap);
	va_end(ap);
	if (!b->error)
		b->error = err;
	return err;
}

/*
 * The checks below return true when the operand is fine, and otherwise
 * record why the instruction @op was refused.
 */
static bool pc_cs_reg(struct pc_cs_builder *b, const char *op, unsigned int r)
{
	if (r < b->reg_count)
		return true;
	pc_cs_error(b, -EINVAL, "%s: register r%u does not exist (the stream has %u)",
		    op, r, b->reg_count);
	return false;
}

static bool pc_cs_reg64(struct pc_cs_builder *b, const char *op,
			unsigned int r)
{
	if (!(r & 1) && r + 1 < b->reg_count)
		return true;
	pc_cs_error(b, -EINVAL, "%s: r%u is not the even register of a pair among the stream's %u registers",
		    op, r, b->reg_count);
	return false;
}

static bool pc_cs_sb(struct pc_cs_builder *b, const char *op, unsigned int sb)
{
	if (sb < b->sb_count)
		return true;
	pc_cs_error(b, -EINVAL, "%s: scoreboard entry %u does not exist (the stream has %u)",
		    op, sb, b->sb_count);
	return false;
}

static bool pc_cs_sb_mask(struct pc_cs_builder *b, const char *op,
			  uint32_t mask)
{
	if (!(mask >> b->sb_count))
		return true;
	pc_cs_error(b, -EINVAL, "%s: scoreboard mask 0x%x names entries beyond the stream's %u",
		    op, mask, b->sb_count);
	return false;
}

/* @value must fit in the unsigned field @mask. */
static bool pc_cs_fits(struct pc_cs_builder *b, const char *op,
		       const char *what, uint64_t value, uint64_t mask)
{
	if (!(value & ~(mask >> __builtin_ctzll(mask))))
		return true;
	pc_cs_error(b, -ERANGE, "%s: %s 0x%llx does not fit in its field",
		    op, what, (unsigned long long)value);
	return false;
}

static bool pc_cs_s16(struct pc_cs_builder *b, const char *op,
		      const char *what, int64_t value)
{
	if (value >= INT16_MIN && value <= INT16_MAX)
		return true;
	pc_cs_error(b, -ERANGE, "%s: %s %lld is outside the signed 16-bit range",
		    op, what, (long long)value);
	return false;
}

static bool pc_cs_sel_ok(struct pc_cs_builder *b, const char *op,
			 const struct pc_cs_sel *sel)
{
	if (sel->srt < 4 && sel->fau < 4 && sel->spd < 4 && sel->tsd < 4)
		return true;
	pc_cs_error(b, -EINVAL, "%s: resource selections are 0 to 3 (srt %u fau %u spd %u tsd %u)",
		    op, sel->srt, sel->fau, sel->spd, sel->tsd);
	return false;
}

static uint64_t pc_cs_sel_fields(const struct pc_cs_sel *sel)
{
	return pc_cs_field(F_SEL_SRT, sel->srt) |
	       pc_cs_field(F_SEL_SPD, sel->spd) |
	       pc_cs_field(F_SEL_TSD, sel->tsd) |
	       pc_cs_field(F_SEL_FAU, sel->fau);
}

/* ---- the instruction buffer ---- */

static int pc_cs_grow(struct pc_cs_builder *b)
{
	uint32_t capacity;
	uint64_t *words;

	if (!b->growable || b->capacity >= b->limit)
		return pc_cs_error(b, -ENOSPC,
				   "command stream full: %u instructions",
				   b->capacity);

	capacity = b->capacity ? b->capacity * 2 : 64;
	if (capacity > b->limit)
		capacity = b->limit;
	words = realloc(b->words, (size_t)capacity * sizeof(*words));
	if (!words)
		return pc_cs_error(b, -ENOMEM,
				   "out of memory for %u instructions", capacity);
	b->words = words;
	b->capacity = capacity;
	return 0;
}

static int pc_cs_emit(struct pc_cs_builder *b, uint64_t word)
{
	int ret;

	if (b->error)
		return b->error;
	if (b->count == b->capacity) {
		ret = pc_cs_grow(b);
		if (ret)
			return ret;
	}
	b->words[b->count++] = word;
	return 0;
}

int pc_cs_raw(struct pc_cs_builder *b, uint64_t word)
{
	return pc_cs_emit(b, word);
}

void pc_cs_config_from_csif(struct pc_cs_config *cfg,
			    const struct drm_panthor_csif_info *csif)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->reg_count = csif->cs_reg_count;
	cfg->sb_count = csif->scoreboard_slot_count;
}

static int pc_cs_setup(struct pc_cs_builder *b, const struct pc_cs_config *cfg)
{
	memset(b, 0, sizeof(*b));
	b->reg_count = cfg && cfg->reg_count ? cfg->reg_count :
		       PC_CS_DEFAULT_REGS;
	b->sb_count = cfg && cfg->sb_count ? cfg->sb_count : PC_CS_DEFAULT_SB;
	b->limit = cfg && cfg->max_instructions ? cfg->max_instructions :
		   PC_CS_DEFAULT_LIMIT;

	if (b->reg_count > PC_CS_MAX_REGS || b->sb_count > PC_CS_MAX_SB)
		return pc_cs_error(b, -EINVAL,
				   "a v10 stream has at most %u registers and %u scoreboard entries, not %u and %u",
				   PC_CS_MAX_REGS, PC_CS_MAX_SB, b->reg_count,
				   b->sb_count);
	return 0;
}

int pc_cs_init(struct pc_cs_builder *b, const struct pc_cs_config *cfg)
{
	int ret = pc_cs_setup(b, cfg);

	b->growable = true;
	return ret;
}

int pc_cs_init_fixed(struct pc_cs_builder *b, const struct pc_cs_config *cfg,
		     void *mem, size_t size)
{
	int ret = pc_cs_setup(b, cfg);

	if (ret)
		return ret;
	if ((uintptr_t)mem % sizeof(uint64_t))
		return pc_cs_error(b, -EINVAL,
				   "command stream memory %p is not 8-byte aligned",
				   mem);
	b->words = mem;
	b->capacity = size / PC_CS_INSTR_SIZE;
	if (b->capacity > b->limit)
		b->capacity = b->limit;
	b->limit = b->capacity;
	return 0;
}

void pc_cs_fini(struct pc_cs_builder *b)
{
	if (b->growable)
		free(b->words);
	free(b->labels);
	free(b->fixups);
	memset(b, 0, sizeof(*b));
}

int pc_cs_end(struct pc_cs_builder *b)
{
	if (b->error)
		return b->error;
	if (b->fixup_count)
		return pc_cs_error(b, -EINVAL,
				   "BRANCH at instruction %u targets a label that was never placed",
				   b->fixups[0].insn);
	return 0;
}

/* ---- labels ---- */

struct pc_cs_label pc_cs_label_new(struct pc_cs_builder *b)
{
	struct pc_cs_label label = { PC_CS_LABEL_INVALID };
	int64_t *labels;
	uint32_t capacity;

	if (b->error)
		return label;
	if (b->label_count == b->label_capacity) {
		capacity = b->label_capacity ? b->label_capacity * 2 : 16;
		labels = realloc(b->labels, capacity * sizeof(*labels));
		if (!labels) {
			pc_cs_error(b, -ENOMEM, "out of memory for labels");
			return label;
		}
		b->labels = labels;
		b->label_capacity = capacity;
	}
	b->labels[b->label_count] = -1;
	label.id = b->label_count++;
	return label;
}

static bool pc_cs_label_ok(struct pc_cs_builder *b, struct pc_cs_label label)
{
	if (label.id < b->label_count)
		return true;
	pc_cs_error(b, -EINVAL, "label %u was not created by this builder",
		    label.id);
	return false;
}

/* Point the BRANCH at @insn to instruction @target. */
static int pc_cs_patch_branch(struct pc_cs_builder *b, uint32_t insn,
			      int64_t target)
{
	int64_t offset = target - ((int64_t)insn + 1);

	if (!pc_cs_s16(b, "BRANCH", "label distance", offset))
		return b->error;
	b->words[insn] = (b->words[insn] & ~F_OFFSET) |
			 pc_cs_field(F_OFFSET, (uint16_t)offset);
	return 0;
}

int pc_cs_label_place(struct pc_cs_builder *b, struct pc_cs_label label)
{
	uint32_t i, kept = 0;
	int ret;

	if (b->error)
		return b->error;
	if (!pc_cs_label_ok(b, label))
		return b->error;
	if (b->labels[label.id] >= 0)
		return pc_cs_error(b, -EINVAL, "label %u placed twice",
				   label.id);

	b->labels[label.id] = b->count;
	for (i = 0; i < b->fixup_count; i++) {
		if (b->fixups[i].label != label.id) {
			b->fixups[kept++] = b->fixups[i];
			continue;
		}
		ret = pc_cs_patch_branch(b, b->fixups[i].insn, b->count);
		if (ret)
			return ret;
	}
	b->fixup_count = kept;
	return 0;
}

static int pc_cs_add_fixup(struct pc_cs_builder *b, uint32_t insn,
			   uint32_t label)
{
	struct pc_cs_fixup *fixups;
	uint32_t capacity;

	if (b->fixup_count == b->fixup_capacity) {
		capacity = b->fixup_capacity ? b->fixup_capacity * 2 : 16;
		fixups = realloc(b->fixups, capacity * sizeof(*fixups));
		if (!fixups)
			return pc_cs_error(b, -ENOMEM,
					   "out of memory for branch fixups");
		b->fixups = fixups;
		b->fixup_capacity = capacity;
	}
	b->fixups[b->fixup_count].insn = insn;
	b->fixups[b->fixup_count].label = label;
	b->fixup_count++;
	return 0;
}

/* ---- moves and arithmetic ---- */

int pc_cs_nop(struct pc_cs_builder *b)
{
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_NOP));
}

int pc_cs_move48(struct pc_cs_builder *b, unsigned int reg, uint64_t imm)
{
	if (b->error || !pc_cs_reg64(b, "MOVE48", reg) ||
	    !pc_cs_fits(b, "MOVE48", "immediate", imm, F_MOVE48_IMM))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_MOVE48) |
			  pc_cs_field(F_DST, reg) |
			  pc_cs_field(F_MOVE48_IMM, imm));
}

int pc_cs_move32(struct pc_cs_builder *b, unsigned int reg, uint32_t imm)
{
	if (b->error || !pc_cs_reg(b, "MOVE32", reg))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_MOVE32) |
			  pc_cs_field(F_DST, reg) | pc_cs_field(F_IMM32, imm));
}

int pc_cs_move64(struct pc_cs_builder *b, unsigned int reg, uint64_t imm)
{
	int ret;

	if (!(imm >> 48))
		return pc_cs_move48(b, reg, imm);
	ret = pc_cs_move48(b, reg, imm & F_MOVE48_IMM);
	if (!ret)
		ret = pc_cs_move32(b, reg + 1, imm >> 32);
	return ret;
}

static int pc_cs_add_imm(struct pc_cs_builder *b, enum pc_cs_opcode op,
			 const char *name, unsigned int dst, unsigned int src,
			 int32_t imm)
{
	bool wide = op == PC_CS_OP_ADD_IMM64;

	if (b->error)
		return b->error;
	if (wide ? !pc_cs_reg64(b, name, dst) || !pc_cs_reg64(b, name, src) :
		   !pc_cs_reg(b, name, dst) || !pc_cs_reg(b, name, src))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(op) | pc_cs_field(F_DST, dst) |
			  pc_cs_field(F_SRC, src) |
			  pc_cs_field(F_IMM32, (uint32_t)imm));
}

int pc_cs_add_imm32(struct pc_cs_builder *b, unsigned int dst,
		    unsigned int src, int32_t imm)
{
	return pc_cs_add_imm(b, PC_CS_OP_ADD_IMM32, "ADD_IMMEDIATE32", dst,
			     src, imm);
}

int pc_cs_add_imm64(struct pc_cs_builder *b, unsigned int dst,
		    unsigned int src, int32_t imm)
{
	return pc_cs_add_imm(b, PC_CS_OP_ADD_IMM64, "ADD_IMMEDIATE64", dst,
			     src, imm);
}

int pc_cs_umin32(struct pc_cs_builder *b, unsigned int dst, unsigned int src0,
		 unsigned int src1)
{
	if (b->error || !pc_cs_reg(b, "UMIN32", dst) ||
	    !pc_cs_reg(b, "UMIN32", src0) || !pc_cs_reg(b, "UMIN32", src1))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_UMIN32) |
			  pc_cs_field(F_DST, dst) |
			  pc_cs_field(F_UMIN_SRC0, src0) |
			  pc_cs_field(F_UMIN_SRC1, src1));
}

/* ---- memory ---- */

static int pc_cs_load_store(struct pc_cs_builder *b, enum pc_cs_opcode op,
			    const char *name, unsigned int base, uint16_t mask,
			    unsigned int addr, int32_t offset)
{
	unsigned int last;

	if (b->error || !pc_cs_reg64(b, name, addr) ||
	    !pc_cs_s16(b, name, "offset", offset))
		return b->error;
	if (!mask)
		return pc_cs_error(b, -EINVAL, "%s: empty register mask",
				   name);
	if (offset % 4)
		return pc_cs_error(b, -EINVAL,
				   "%s: offset %d is not a multiple of 4 bytes",
				   name, offset);
	last = base + 31 - __builtin_clz(mask);
	if (!pc_cs_reg(b, name, base) || !pc_cs_reg(b, name, last))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(op) | pc_cs_field(F_DST, base) |
			  pc_cs_field(F_ADDR, addr) |
			  pc_cs_field(F_LS_MASK, mask) |
			  pc_cs_field(F_OFFSET, (uint16_t)offset));
}

int pc_cs_load_multiple(struct pc_cs_builder *b, unsigned int base,
			uint16_t mask, unsigned int addr, int32_t offset)
{
	return pc_cs_load_store(b, PC_CS_OP_LOAD_MULTIPLE, "LOAD_MULTIPLE",
				base, mask, addr, offset);
}

int pc_cs_store_multiple(struct pc_cs_builder *b, unsigned int base,
			 uint16_t mask, unsigned int addr, int32_t offset)
{
	return pc_cs_load_store(b, PC_CS_OP_STORE_MULTIPLE, "STORE_MULTIPLE",
				base, mask, addr, offset);
}

/* Wait mask and signal entry of an asynchronous instruction. */
static bool pc_cs_async_ok(struct pc_cs_builder *b, const char *op,
			   uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_sb_mask(b, op, wait_mask) && pc_cs_sb(b, op, signal);
}

static uint64_t pc_cs_async_fields(uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_field(F_WAIT_MASK, wait_mask) |
	       pc_cs_field(F_SIGNAL, signal);
}

int pc_cs_store_state(struct pc_cs_builder *b, enum pc_cs_state state,
		      unsigned int addr, int32_t offset, uint16_t wait_mask,
		      unsigned int signal)
{
	const char *op = "STORE_STATE";

	if (b->error || !pc_cs_reg64(b, op, addr) ||
	    !pc_cs_s16(b, op, "offset", offset) ||
	    !pc_cs_fits(b, op, "state", state, F_STATE) ||
	    !pc_cs_async_ok(b, op, wait_mask, signal))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_STORE_STATE) |
			  pc_cs_field(F_STATE, state) |
			  pc_cs_field(F_ADDR, addr) |
			  pc_cs_field(F_OFFSET, (uint16_t)offset) |
			  pc_cs_async_fields(wait_mask, signal));
}

/* ---- control flow ---- */

static bool pc_cs_cond_ok(struct pc_cs_builder *b, const char *op,
			  enum pc_cs_cond cond)
{
	if ((unsigned int)cond <= PC_CS_COND_ALWAYS)
		return true;
	pc_cs_error(b, -EINVAL, "%s: unknown condition %u", op, cond);
	return false;
}

int pc_cs_branch(struct pc_cs_builder *b, enum pc_cs_cond cond,
		 unsigned int reg, int32_t offset)
{
	if (b->error || !pc_cs_cond_ok(b, "BRANCH", cond) ||
	    !pc_cs_reg(b, "BRANCH", reg) ||
	    !pc_cs_s16(b, "BRANCH", "offset", offset))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_BRANCH) |
			  pc_cs_field(F_BRANCH_COND, cond) |
			  pc_cs_field(F_BRANCH_REG, reg) |
			  pc_cs_field(F_OFFSET, (uint16_t)offset));
}

int pc_cs_branch_to(struct pc_cs_builder *b, enum pc_cs_cond cond,
		    unsigned int reg, struct pc_cs_label label)
{
	uint32_t insn = b->count;
	int ret;

	if (b->error || !pc_cs_label_ok(b, label))
		return b->error;
	ret = pc_cs_branch(b, cond, reg, 0);
	if (ret)
		return ret;
	if (b->labels[label.id] >= 0)
		return pc_cs_patch_branch(b, insn, b->labels[label.id]);
	return pc_cs_add_fixup(b, insn, label.id);
}

int pc_cs_goto(struct pc_cs_builder *b, struct pc_cs_label label)
{
	return pc_cs_branch_to(b, PC_CS_COND_ALWAYS, 0, label);
}

static int pc_cs_call_like(struct pc_cs_builder *b, enum pc_cs_opcode op,
			   const char *name, unsigned int addr,
			   unsigned int len_reg)
{
	if (b->error || !pc_cs_reg64(b, name, addr) ||
	    !pc_cs_reg(b, name, len_reg))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(op) | pc_cs_field(F_ADDR, addr) |
			  pc_cs_field(F_DATA, len_reg));
}

int pc_cs_call(struct pc_cs_builder *b, unsigned int addr,
	       unsigned int len_reg)
{
	return pc_cs_call_like(b, PC_CS_OP_CALL, "CALL", addr, len_reg);
}

int pc_cs_jump(struct pc_cs_builder *b, unsigned int addr,
	       unsigned int len_reg)
{
	return pc_cs_call_like(b, PC_CS_OP_JUMP, "JUMP", addr, len_reg);
}

int pc_cs_set_exception_handler(struct pc_cs_builder *b, unsigned int type,
				unsigned int addr, unsigned int len_reg)
{
	const char *op = "SET_EXCEPTION_HANDLER";

	if (b->error || !pc_cs_fits(b, op, "exception type", type, F_EXC_TYPE) ||
	    !pc_cs_reg64(b, op, addr) || !pc_cs_reg(b, op, len_reg))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_SET_EXCEPTION_HANDLER) |
			  pc_cs_field(F_EXC_TYPE, type) |
			  pc_cs_field(F_ADDR, addr) |
			  pc_cs_field(F_DATA, len_reg));
}

/* ---- scoreboards and progress ---- */

int pc_cs_wait(struct pc_cs_builder *b, uint16_t mask, bool progress_inc)
{
	if (b->error || !pc_cs_sb_mask(b, "WAIT", mask))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_WAIT) |
			  pc_cs_field(F_WAIT_MASK, mask) |
			  (progress_inc ? F_PROGRESS_INC : 0));
}

int pc_cs_set_sb_entry(struct pc_cs_builder *b, unsigned int endpoint,
		       unsigned int other)
{
	if (b->error || !pc_cs_sb(b, "SET_SB_ENTRY", endpoint) ||
	    !pc_cs_sb(b, "SET_SB_ENTRY", other))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_SET_SB_ENTRY) |
			  pc_cs_field(F_SB_ENDPOINT, endpoint) |
			  pc_cs_field(F_SB_OTHER, other));
}

int pc_cs_progress_wait(struct pc_cs_builder *b, unsigned int queue,
			unsigned int src)
{
	const char *op = "PROGRESS_WAIT";

	if (b->error || !pc_cs_fits(b, op, "queue", queue, F_PROGRESS_QUEUE) ||
	    !pc_cs_reg64(b, op, src))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_PROGRESS_WAIT) |
			  pc_cs_field(F_PROGRESS_QUEUE, queue) |
			  pc_cs_field(F_SRC, src));
}

int pc_cs_progress_store(struct pc_cs_builder *b, unsigned int src)
{
	if (b->error || !pc_cs_reg64(b, "PROGRESS_STORE", src))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_PROGRESS_STORE) |
			  pc_cs_field(F_SRC, src));
}

int pc_cs_progress_load(struct pc_cs_builder *b, unsigned int dst)
{
	if (b->error || !pc_cs_reg64(b, "PROGRESS_LOAD", dst))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_PROGRESS_LOAD) |
			  pc_cs_field(F_DST, dst));
}

int pc_cs_error_barrier(struct pc_cs_builder *b)
{
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_ERROR_BARRIER));
}

int pc_cs_prot_region(struct pc_cs_builder *b, uint32_t size)
{
	const char *op = "PROT_REGION";

	if (b->error)
		return b->error;
	if (size % PC_CS_INSTR_SIZE)
		return pc_cs_error(b, -EINVAL,
				   "%s: size %u is not a whole number of instructions",
				   op, size);
	if (!pc_cs_fits(b, op, "size in instructions",
			size / PC_CS_INSTR_SIZE, F_PROT_SIZE))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_PROT_REGION) |
			  pc_cs_field(F_PROT_SIZE, size / PC_CS_INSTR_SIZE));
}

int pc_cs_trace_point(struct pc_cs_builder *b, unsigned int base,
		      unsigned int count, uint16_t wait_mask,
		      unsigned int signal)
{
	const char *op = "TRACE_POINT";

	if (b->error || !pc_cs_reg(b, op, base) ||
	    !pc_cs_fits(b, op, "register count", count, F_TRACE_COUNT) ||
	    (count && !pc_cs_reg(b, op, base + count - 1)) ||
	    !pc_cs_async_ok(b, op, wait_mask, signal))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_TRACE_POINT) |
			  pc_cs_field(F_TRACE_BASE, base) |
			  pc_cs_field(F_TRACE_COUNT, count) |
			  pc_cs_async_fields(wait_mask, signal));
}

/* ---- synchronisation ---- */

int pc_cs_flush_cache2(struct pc_cs_builder *b, enum pc_cs_flush_mode l2,
		       enum pc_cs_flush_mode lsc, enum pc_cs_flush_other other,
		       unsigned int flush_id_reg, uint16_t wait_mask,
		       unsigned int signal)
{
	const char *op = "FLUSH_CACHE2";

	if (b->error || !pc_cs_fits(b, op, "L2 mode", l2, F_FLUSH_L2) ||
	    !pc_cs_fits(b, op, "LSC mode", lsc, F_FLUSH_LSC) ||
	    !pc_cs_fits(b, op, "other mode", other, F_FLUSH_OTHER) ||
	    !pc_cs_reg(b, op, flush_id_reg) ||
	    !pc_cs_async_ok(b, op, wait_mask, signal))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_FLUSH_CACHE2) |
			  pc_cs_field(F_FLUSH_L2, l2) |
			  pc_cs_field(F_FLUSH_LSC, lsc) |
			  pc_cs_field(F_FLUSH_OTHER, other) |
			  pc_cs_field(F_SRC, flush_id_reg) |
			  pc_cs_async_fields(wait_mask, signal));
}

static int pc_cs_sync_update(struct pc_cs_builder *b, enum pc_cs_opcode op,
			     const char *name, bool wide, unsigned int addr,
			     unsigned int data, enum pc_cs_sync_scope scope,
			     bool propagate, uint16_t wait_mask,
			     unsigned int signal)
{
	if (b->error || !pc_cs_reg64(b, name, addr) ||
	    !(wide ? pc_cs_reg64(b, name, data) : pc_cs_reg(b, name, data)) ||
	    !pc_cs_async_ok(b, name, wait_mask, signal))
		return b->error;
	if (scope != PC_CS_SCOPE_SYSTEM && scope != PC_CS_SCOPE_CSG)
		return pc_cs_error(b, -EINVAL, "%s: unknown scope %u", name,
				   scope);
	return pc_cs_emit(b, pc_cs_opcode(op) |
			  (propagate ? F_SYNC_PROPAGATE : 0) |
			  pc_cs_field(F_SYNC_SCOPE, scope) |
			  pc_cs_field(F_DATA, data) |
			  pc_cs_field(F_ADDR, addr) |
			  pc_cs_async_fields(wait_mask, signal));
}

int pc_cs_sync_add32(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_sync_update(b, PC_CS_OP_SYNC_ADD32, "SYNC_ADD32", false,
				 addr, data, scope, propagate, wait_mask,
				 signal);
}

int pc_cs_sync_set32(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_sync_update(b, PC_CS_OP_SYNC_SET32, "SYNC_SET32", false,
				 addr, data, scope, propagate, wait_mask,
				 signal);
}

int pc_cs_sync_add64(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_sync_update(b, PC_CS_OP_SYNC_ADD64, "SYNC_ADD64", true,
				 addr, data, scope, propagate, wait_mask,
				 signal);
}

int pc_cs_sync_set64(struct pc_cs_builder *b, unsigned int addr,
		     unsigned int data, enum pc_cs_sync_scope scope,
		     bool propagate, uint16_t wait_mask, unsigned int signal)
{
	return pc_cs_sync_update(b, PC_CS_OP_SYNC_SET64, "SYNC_SET64", true,
				 addr, data, scope, propagate, wait_mask,
				 signal);
}

static int pc_cs_sync_wait(struct pc_cs_builder *b, enum pc_cs_opcode op,
			   const char *name, bool wide, enum pc_cs_cond cond,
			   unsigned int addr, unsigned int data,
			   bool reject_error)
{
	if (b->error || !pc_cs_cond_ok(b, name, cond) ||
	    !pc_cs_reg64(b, name, addr) ||
	    !(wide ? pc_cs_reg64(b, name, data) : pc_cs_reg(b, name, data)))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(op) |
			  (reject_error ? F_SYNC_REJECT : 0) |
			  pc_cs_field(F_SYNC_COND, cond) |
			  pc_cs_field(F_DATA, data) |
			  pc_cs_field(F_ADDR, addr));
}

int pc_cs_sync_wait32(struct pc_cs_builder *b, enum pc_cs_cond cond,
		      unsigned int addr, unsigned int data, bool reject_error)
{
	return pc_cs_sync_wait(b, PC_CS_OP_SYNC_WAIT32, "SYNC_WAIT32", false,
			       cond, addr, data, reject_error);
}

int pc_cs_sync_wait64(struct pc_cs_builder *b, enum pc_cs_cond cond,
		      unsigned int addr, unsigned int data, bool reject_error)
{
	return pc_cs_sync_wait(b, PC_CS_OP_SYNC_WAIT64, "SYNC_WAIT64", true,
			       cond, addr, data, reject_error);
}

/* ---- jobs ---- */

int pc_cs_req_resource(struct pc_cs_builder *b, unsigned int mask)
{
	if (b->error ||
	    !pc_cs_fits(b, "REQ_RESOURCE", "resource mask", mask, F_RESOURCES))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_REQ_RESOURCE) |
			  pc_cs_field(F_RESOURCES, mask));
}

int pc_cs_run_compute(struct pc_cs_builder *b, uint32_t task_increment,
		      enum pc_cs_task_axis axis, const struct pc_cs_sel *sel,
		      bool progress_inc)
{
	const char *op = "RUN_COMPUTE";

	if (b->error ||
	    !pc_cs_fits(b, op, "task increment", task_increment, F_TASK_INC) ||
	    !pc_cs_sel_ok(b, op, sel))
		return b->error;
	if ((unsigned int)axis > PC_CS_AXIS_Z)
		return pc_cs_error(b, -EINVAL, "%s: unknown task axis %u", op,
				   axis);
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_COMPUTE) |
			  pc_cs_field(F_TASK_INC, task_increment) |
			  pc_cs_field(F_TASK_AXIS, axis) |
			  (progress_inc ? F_PROGRESS_INC : 0) |
			  pc_cs_sel_fields(sel));
}

int pc_cs_run_compute_indirect(struct pc_cs_builder *b,
			       uint16_t workgroups_per_task,
			       const struct pc_cs_sel *sel, bool progress_inc)
{
	if (b->error || !pc_cs_sel_ok(b, "RUN_COMPUTE_INDIRECT", sel))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_COMPUTE_INDIRECT) |
			  pc_cs_field(F_WG_PER_TASK, workgroups_per_task) |
			  (progress_inc ? F_PROGRESS_INC : 0) |
			  pc_cs_sel_fields(sel));
}

int pc_cs_run_tiling(struct pc_cs_builder *b, uint32_t flags_override,
		     const struct pc_cs_sel *sel, bool progress_inc)
{
	if (b->error || !pc_cs_sel_ok(b, "RUN_TILING", sel))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_TILING) |
			  pc_cs_field(F_FLAGS, flags_override) |
			  (progress_inc ? F_PROGRESS_INC : 0) |
			  pc_cs_sel_fields(sel));
}

int pc_cs_run_idvs(struct pc_cs_builder *b, const struct pc_cs_idvs *idvs)
{
	if (b->error ||
	    (idvs->draw_id_enable && !pc_cs_reg(b, "RUN_IDVS", idvs->draw_id_reg)))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_IDVS) |
			  pc_cs_field(F_FLAGS, idvs->flags_override) |
			  (idvs->progress_inc ? F_PROGRESS_INC : 0) |
			  (idvs->malloc_enable ? F_IDVS_MALLOC : 0) |
			  (idvs->draw_id_enable ? F_IDVS_DRAW_ID_EN : 0) |
			  (idvs->varying_srt ? F_IDVS_VARY_SRT : 0) |
			  (idvs->varying_fau ? F_IDVS_VARY_FAU : 0) |
			  (idvs->varying_tsd ? F_IDVS_VARY_TSD : 0) |
			  (idvs->fragment_srt ? F_IDVS_FRAG_SRT : 0) |
			  (idvs->fragment_tsd ? F_IDVS_FRAG_TSD : 0) |
			  (idvs->draw_id_enable ?
			   pc_cs_field(F_IDVS_DRAW_ID, idvs->draw_id_reg) : 0));
}

int pc_cs_run_fragment(struct pc_cs_builder *b, bool enable_tem,
		       unsigned int tile_order, bool progress_inc)
{
	if (b->error || !pc_cs_fits(b, "RUN_FRAGMENT", "tile order",
				    tile_order, F_FRAGMENT_ORDER))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_FRAGMENT) |
			  (enable_tem ? F_FRAGMENT_TEM : 0) |
			  pc_cs_field(F_FRAGMENT_ORDER, tile_order) |
			  (progress_inc ? F_PROGRESS_INC : 0));
}

int pc_cs_run_fullscreen(struct pc_cs_builder *b, uint32_t flags_override,
			 unsigned int dcd, bool progress_inc)
{
	if (b->error || !pc_cs_reg64(b, "RUN_FULLSCREEN", dcd))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_RUN_FULLSCREEN) |
			  pc_cs_field(F_FLAGS, flags_override) |
			  (progress_inc ? F_PROGRESS_INC : 0) |
			  pc_cs_field(F_FULLSCREEN_DCD, dcd));
}

int pc_cs_finish_tiling(struct pc_cs_builder *b, bool progress_inc)
{
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_FINISH_TILING) |
			  (progress_inc ? F_PROGRESS_INC : 0));
}

int pc_cs_finish_fragment(struct pc_cs_builder *b, bool inc_frag_end,
			  unsigned int first_chunk, unsigned int last_chunk,
			  uint16_t wait_mask, unsigned int signal)
{
	const char *op = "FINISH_FRAGMENT";

	if (b->error || !pc_cs_reg64(b, op, first_chunk) ||
	    !pc_cs_reg64(b, op, last_chunk) ||
	    !pc_cs_async_ok(b, op, wait_mask, signal))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_FINISH_FRAGMENT) |
			  (inc_frag_end ? F_FRAG_INC : 0) |
			  pc_cs_field(F_FRAG_FIRST, first_chunk) |
			  pc_cs_field(F_FRAG_LAST, last_chunk) |
			  pc_cs_async_fields(wait_mask, signal));
}

int pc_cs_heap_set(struct pc_cs_builder *b, unsigned int addr)
{
	if (b->error || !pc_cs_reg64(b, "HEAP_SET", addr))
		return b->error;
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_HEAP_SET) |
			  pc_cs_field(F_ADDR, addr));
}

int pc_cs_heap_operation(struct pc_cs_builder *b, enum pc_cs_heap_op op,
			 uint16_t wait_mask, unsigned int signal)
{
	const char *name = "HEAP_OPERATION";

	if (b->error || !pc_cs_async_ok(b, name, wait_mask, signal))
		return b->error;
	if (op != PC_CS_HEAP_VT_START && op != PC_CS_HEAP_VT_END &&
	    op != PC_CS_HEAP_FRAG_END)
		return pc_cs_error(b, -EINVAL, "%s: unknown operation %u",
				   name, op);
	return pc_cs_emit(b, pc_cs_opcode(PC_CS_OP_HEAP_OPERATION) |
			  pc_cs_field(F_HEAP_OP, op) |
			  pc_cs_async_fields(wait_mask, signal));
}
