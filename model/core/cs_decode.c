// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The command-stream decoder table: one line per v10 opcode with its
 * mnemonic, issue cost, handler and field layout (cs-isa.md §2). The
 * layout drives register/scoreboard validation and the disassembler; the
 * handlers read their fields through the same CS_* masks.
 */
#include "cs_priv.h"
#include "log.h"

#define F(_name, _mask, _kind)	{ .name = (_name), .mask = (_mask), .kind = (_kind) }

/* Issue costs (ns), by class (cs.h). */
#define C_ALU		MM_CS_T_ALU
#define C_LS		MM_CS_T_LS_ISSUE
#define C_CTRL		MM_CS_T_CTRL
#define C_MEM		MM_CS_T_MEM

static const struct mm_cs_opdesc mm_cs_ops[CS_OP_COUNT] = {
	[CS_OP_NOP] = { "NOP", C_ALU, mm_cs_op_nop, { } },
	[CS_OP_MOVE48] = { "MOVE48", C_ALU, mm_cs_op_move48, {
		F("dst", CS_F_DST, MM_CSF_R64),
		F("imm", CS_MOVE48_IMM, MM_CSF_U) } },
	[CS_OP_MOVE32] = { "MOVE32", C_ALU, mm_cs_op_move32, {
		F("dst", CS_F_DST, MM_CSF_R),
		F("imm", CS_F_IMM32, MM_CSF_U) } },
	[CS_OP_WAIT] = { "WAIT", C_ALU, mm_cs_op_wait, {
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG) } },
	[CS_OP_RUN_COMPUTE] = { "RUN_COMPUTE", C_CTRL, mm_cs_op_run_compute, {
		F("task_inc", CS_COMPUTE_TASK_INC, MM_CSF_U),
		F("task_axis", CS_COMPUTE_TASK_AXIS, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG),
		F("srt", CS_RUN_SRT, MM_CSF_U),
		F("spd", CS_RUN_SPD, MM_CSF_U),
		F("tsd", CS_RUN_TSD, MM_CSF_U),
		F("fau", CS_RUN_FAU, MM_CSF_U) } },
	[CS_OP_RUN_TILING] = { "RUN_TILING", C_CTRL, mm_cs_op_run_tiling, {
		F("flags", CS_F_FLAGS, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG),
		F("srt", CS_RUN_SRT, MM_CSF_U),
		F("spd", CS_RUN_SPD, MM_CSF_U),
		F("tsd", CS_RUN_TSD, MM_CSF_U),
		F("fau", CS_RUN_FAU, MM_CSF_U) } },
	[CS_OP_RUN_IDVS] = { "RUN_IDVS", C_CTRL, mm_cs_op_run_idvs, {
		F("flags", CS_F_FLAGS, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG),
		F("malloc", CS_IDVS_MALLOC, MM_CSF_FLAG),
		F("draw_id_en", CS_IDVS_DRAW_ID_EN, MM_CSF_FLAG),
		F("vary_sel", CS_IDVS_VARY_SRT | CS_IDVS_VARY_FAU |
			      CS_IDVS_VARY_TSD, MM_CSF_U),
		F("frag_sel", CS_IDVS_FRAG_SRT | CS_IDVS_FRAG_TSD, MM_CSF_U),
		F("draw_id", CS_IDVS_DRAW_ID, MM_CSF_R) } },
	[CS_OP_RUN_FRAGMENT] = { "RUN_FRAGMENT", C_CTRL, mm_cs_op_run_fragment, {
		F("tem", CS_FRAGMENT_TEM, MM_CSF_FLAG),
		F("order", CS_FRAGMENT_ORDER, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG) } },
	[CS_OP_RUN_FULLSCREEN] = { "RUN_FULLSCREEN", C_CTRL,
				   mm_cs_op_run_fullscreen, {
		F("flags", CS_F_FLAGS, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG),
		F("dcd", CS_FULLSCREEN_DCD, MM_CSF_R64) } },
	[CS_OP_FINISH_TILING] = { "FINISH_TILING", C_CTRL,
				  mm_cs_op_finish_tiling, {
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG) } },
	[CS_OP_FINISH_FRAGMENT] = { "FINISH_FRAGMENT", C_CTRL,
				    mm_cs_op_finish_fragment, {
		F("inc_frag_end", CS_FRAG_INC, MM_CSF_FLAG),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("last_chunk", CS_FRAG_LAST, MM_CSF_R64),
		F("first_chunk", CS_FRAG_FIRST, MM_CSF_R64),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_ADD_IMM32] = { "ADD_IMMEDIATE32", C_ALU, mm_cs_op_add_imm32, {
		F("dst", CS_F_DST, MM_CSF_R),
		F("src", CS_F_SRC, MM_CSF_R),
		F("imm", CS_F_IMM32, MM_CSF_S) } },
	[CS_OP_ADD_IMM64] = { "ADD_IMMEDIATE64", C_ALU, mm_cs_op_add_imm64, {
		F("dst", CS_F_DST, MM_CSF_R64),
		F("src", CS_F_SRC, MM_CSF_R64),
		F("imm", CS_F_IMM32, MM_CSF_S) } },
	[CS_OP_UMIN32] = { "UMIN32", C_ALU, mm_cs_op_umin32, {
		F("dst", CS_F_DST, MM_CSF_R),
		F("src0", CS_UMIN_SRC0, MM_CSF_R),
		F("src1", CS_UMIN_SRC1, MM_CSF_R) } },
	[CS_OP_LOAD_MULTIPLE] = { "LOAD_MULTIPLE", C_LS,
				  mm_cs_op_load_multiple, {
		F("base", CS_F_DST, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("mask", CS_LS_MASK, MM_CSF_RMASK),
		F("offset", CS_F_OFFSET, MM_CSF_S) } },
	[CS_OP_STORE_MULTIPLE] = { "STORE_MULTIPLE", C_LS,
				   mm_cs_op_store_multiple, {
		F("base", CS_F_DST, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("mask", CS_LS_MASK, MM_CSF_RMASK),
		F("offset", CS_F_OFFSET, MM_CSF_S) } },
	[CS_OP_BRANCH] = { "BRANCH", C_ALU, mm_cs_op_branch, {
		F("cond", CS_BRANCH_COND, MM_CSF_COND),
		F("reg", CS_BRANCH_REG, MM_CSF_R),
		F("offset", CS_F_OFFSET, MM_CSF_S) } },
	[CS_OP_SET_SB_ENTRY] = { "SET_SB_ENTRY", C_ALU,
				 mm_cs_op_set_sb_entry, {
		F("endpoint", CS_SB_ENDPOINT, MM_CSF_SB),
		F("other", CS_SB_OTHER, MM_CSF_SB) } },
	[CS_OP_PROGRESS_WAIT] = { "PROGRESS_WAIT", C_ALU,
				  mm_cs_op_progress_wait, {
		F("queue", CS_PROGRESS_QUEUE, MM_CSF_U),
		F("src", CS_F_SRC, MM_CSF_R64) } },
	[CS_OP_SET_EXCEPTION_HANDLER] = { "SET_EXCEPTION_HANDLER", C_ALU,
					  mm_cs_op_set_exc_handler, {
		F("type", CS_EXC_TYPE, MM_CSF_U),
		F("len", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
	[CS_OP_CALL] = { "CALL", C_CTRL, mm_cs_op_call, {
		F("len", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
	[CS_OP_JUMP] = { "JUMP", C_CTRL, mm_cs_op_jump, {
		F("len", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
	[CS_OP_REQ_RESOURCE] = { "REQ_RESOURCE", C_ALU,
				 mm_cs_op_req_resource, {
		F("mask", CS_RES_MASK, MM_CSF_U) } },
	[CS_OP_FLUSH_CACHE2] = { "FLUSH_CACHE2", C_LS, mm_cs_op_flush_cache2, {
		F("l2", CS_FLUSH_L2, MM_CSF_U),
		F("lsc", CS_FLUSH_LSC, MM_CSF_U),
		F("other", CS_FLUSH_OTHER, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("flush_id", CS_F_SRC, MM_CSF_R),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_ADD32] = { "SYNC_ADD32", C_MEM, mm_cs_op_sync_add, {
		F("propagate", CS_SYNC_PROPAGATE, MM_CSF_FLAG),
		F("scope", CS_SYNC_SCOPE, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("data", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_SET32] = { "SYNC_SET32", C_MEM, mm_cs_op_sync_set, {
		F("propagate", CS_SYNC_PROPAGATE, MM_CSF_FLAG),
		F("scope", CS_SYNC_SCOPE, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("data", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_WAIT32] = { "SYNC_WAIT32", C_MEM, mm_cs_op_sync_wait, {
		F("reject", CS_SYNC_REJECT, MM_CSF_FLAG),
		F("cond", CS_SYNC_COND, MM_CSF_COND),
		F("data", CS_F_DATA, MM_CSF_R),
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
	[CS_OP_STORE_STATE] = { "STORE_STATE", C_MEM, mm_cs_op_store_state, {
		F("state", CS_STATE_SEL, MM_CSF_U),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("offset", CS_F_OFFSET, MM_CSF_S),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_PROT_REGION] = { "PROT_REGION", C_ALU, mm_cs_op_prot_region, {
		F("size", CS_PROT_SIZE, MM_CSF_U) } },
	[CS_OP_PROGRESS_STORE] = { "PROGRESS_STORE", C_ALU,
				   mm_cs_op_progress_store, {
		F("src", CS_F_SRC, MM_CSF_R64) } },
	[CS_OP_PROGRESS_LOAD] = { "PROGRESS_LOAD", C_ALU,
				  mm_cs_op_progress_load, {
		F("dst", CS_F_DST, MM_CSF_R64) } },
	[CS_OP_RUN_COMPUTE_INDIRECT] = { "RUN_COMPUTE_INDIRECT", C_CTRL,
					 mm_cs_op_run_compute, {
		F("wg_per_task", CS_INDIRECT_WG_PER_TASK, MM_CSF_U),
		F("progress_inc", CS_F_PROGRESS_INC, MM_CSF_FLAG),
		F("srt", CS_RUN_SRT, MM_CSF_U),
		F("spd", CS_RUN_SPD, MM_CSF_U),
		F("tsd", CS_RUN_TSD, MM_CSF_U),
		F("fau", CS_RUN_FAU, MM_CSF_U) } },
	[CS_OP_ERROR_BARRIER] = { "ERROR_BARRIER", C_ALU,
				  mm_cs_op_error_barrier, { } },
	[CS_OP_HEAP_SET] = { "HEAP_SET", C_MEM, mm_cs_op_heap_set, {
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
	[CS_OP_HEAP_OPERATION] = { "HEAP_OPERATION", C_MEM,
				   mm_cs_op_heap_operation, {
		F("op", CS_HEAP_OP, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_TRACE_POINT] = { "TRACE_POINT", C_LS, mm_cs_op_trace_point, {
		F("base", CS_TRACE_BASE, MM_CSF_R),
		F("count", CS_TRACE_COUNT, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_ADD64] = { "SYNC_ADD64", C_MEM, mm_cs_op_sync_add, {
		F("propagate", CS_SYNC_PROPAGATE, MM_CSF_FLAG),
		F("scope", CS_SYNC_SCOPE, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("data", CS_F_DATA, MM_CSF_R64),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_SET64] = { "SYNC_SET64", C_MEM, mm_cs_op_sync_set, {
		F("propagate", CS_SYNC_PROPAGATE, MM_CSF_FLAG),
		F("scope", CS_SYNC_SCOPE, MM_CSF_U),
		F("wait", CS_F_WAIT_MASK, MM_CSF_SBMASK),
		F("data", CS_F_DATA, MM_CSF_R64),
		F("addr", CS_F_ADDR, MM_CSF_R64),
		F("signal", CS_F_SIGNAL, MM_CSF_SB) } },
	[CS_OP_SYNC_WAIT64] = { "SYNC_WAIT64", C_MEM, mm_cs_op_sync_wait, {
		F("reject", CS_SYNC_REJECT, MM_CSF_FLAG),
		F("cond", CS_SYNC_COND, MM_CSF_COND),
		F("data", CS_F_DATA, MM_CSF_R64),
		F("addr", CS_F_ADDR, MM_CSF_R64) } },
};

const struct mm_cs_opdesc *mm_cs_decode(u32 opcode)
{
	if (opcode >= CS_OP_COUNT || !mm_cs_ops[opcode].name)
		return NULL;
	return &mm_cs_ops[opcode];
}

const char *mm_cs_op_name(u32 opcode)
{
	const struct mm_cs_opdesc *d = mm_cs_decode(opcode);

	return d ? d->name : NULL;
}

static bool mm_cs_field_valid(const struct mm_cs_exec *x,
			      const struct mm_cs_field *f, u32 v)
{
	switch (f->kind) {
	case MM_CSF_R:
		return v < x->reg_count;
	case MM_CSF_R64:
		return !(v & 1) && v + 1 < x->reg_count;
	case MM_CSF_SB:
		return v < x->sb_count;
	case MM_CSF_COND:
		return v <= CS_COND_ALWAYS;
	default:
		return true;
	}
}

bool mm_cs_fields_valid(const struct mm_cs_exec *x,
			const struct mm_cs_opdesc *d, u64 insn)
{
	u32 i;

	for (i = 0; i < MM_CS_MAX_FIELDS && d->fields[i].kind; i++) {
		const struct mm_cs_field *f = &d->fields[i];

		if (!mm_cs_field_valid(x, f, (u32)MM_FIELD_GET(f->mask, insn)))
			return false;
	}
	return true;
}

/* Sign-extend a field value of the width of @mask. */
static s64 mm_cs_sext(u64 v, u64 mask)
{
	u32 width = 64 - __builtin_clzll(mask) - MM_MASK_SHIFT(mask);
	u64 sign = 1ull << (width - 1);

	return (s64)((v ^ sign) - sign);
}

static u32 mm_cs_disasm_field(char *buf, u32 size, const struct mm_cs_field *f,
			      u64 v)
{
	switch (f->kind) {
	case MM_CSF_R:
		return mm_snprintf(buf, size, " %s=r%u", f->name, (u32)v);
	case MM_CSF_R64:
		return mm_snprintf(buf, size, " %s=r%u:r%u", f->name, (u32)v,
				   (u32)v + 1);
	case MM_CSF_S:
		return mm_snprintf(buf, size, " %s=%lld", f->name,
				   (long long)mm_cs_sext(v, f->mask));
	case MM_CSF_FLAG:
	case MM_CSF_SB:
	case MM_CSF_COND:
		return mm_snprintf(buf, size, " %s=%u", f->name, (u32)v);
	default:
		return mm_snprintf(buf, size, " %s=0x%llx", f->name, MM_ULL(v));
	}
}

u32 mm_cs_disasm(u64 insn, char *buf, u32 size)
{
	u32 op = (u32)MM_FIELD_GET(CS_OPCODE, insn);
	const struct mm_cs_opdesc *d = mm_cs_decode(op);
	u32 n, i;

	if (!size)
		return 0;
	if (!d)
		return mm_snprintf(buf, size, "INVALID(op %u) 0x%016llx", op,
				   MM_ULL(insn));
	n = mm_snprintf(buf, size, "%s", d->name);
	for (i = 0; i < MM_CS_MAX_FIELDS && d->fields[i].kind && n + 1 < size;
	     i++)
		n += mm_cs_disasm_field(buf + n, size - n, &d->fields[i],
					MM_FIELD_GET(d->fields[i].mask, insn));
	return n;
}
