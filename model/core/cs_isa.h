/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * v10 command-stream instruction encodings (shared/docs/cs-isa.md §2-§4,
 * mali-csf-hw.md Appendix A): opcodes, field positions and enumerations.
 *
 * Every instruction is one little-endian 64-bit word with the opcode in
 * bits [63:56]. Many opcodes share field positions, so the common ones are
 * named once (CS_F_*); the rest carry the opcode's name.
 */
#ifndef MM_CS_ISA_H
#define MM_CS_ISA_H

#include "bits.h"

/** enum mm_cs_opcode - v10 opcodes; values not listed are unassigned. */
enum mm_cs_opcode {
	CS_OP_NOP = 0,
	CS_OP_MOVE48 = 1,
	CS_OP_MOVE32 = 2,
	CS_OP_WAIT = 3,
	CS_OP_RUN_COMPUTE = 4,
	CS_OP_RUN_TILING = 5,
	CS_OP_RUN_IDVS = 6,
	CS_OP_RUN_FRAGMENT = 7,
	CS_OP_RUN_FULLSCREEN = 8,
	CS_OP_FINISH_TILING = 9,
	CS_OP_FINISH_FRAGMENT = 11,
	CS_OP_ADD_IMM32 = 16,
	CS_OP_ADD_IMM64 = 17,
	CS_OP_UMIN32 = 18,
	CS_OP_LOAD_MULTIPLE = 20,
	CS_OP_STORE_MULTIPLE = 21,
	CS_OP_BRANCH = 22,
	CS_OP_SET_SB_ENTRY = 23,
	CS_OP_PROGRESS_WAIT = 24,
	CS_OP_SET_EXCEPTION_HANDLER = 25,
	CS_OP_CALL = 32,
	CS_OP_JUMP = 33,
	CS_OP_REQ_RESOURCE = 34,
	CS_OP_FLUSH_CACHE2 = 36,
	CS_OP_SYNC_ADD32 = 37,
	CS_OP_SYNC_SET32 = 38,
	CS_OP_SYNC_WAIT32 = 39,
	CS_OP_STORE_STATE = 40,
	CS_OP_PROT_REGION = 41,
	CS_OP_PROGRESS_STORE = 42,
	CS_OP_PROGRESS_LOAD = 43,
	CS_OP_RUN_COMPUTE_INDIRECT = 44,
	CS_OP_ERROR_BARRIER = 47,
	CS_OP_HEAP_SET = 48,
	CS_OP_HEAP_OPERATION = 49,
	CS_OP_TRACE_POINT = 50,
	CS_OP_SYNC_ADD64 = 51,
	CS_OP_SYNC_SET64 = 52,
	CS_OP_SYNC_WAIT64 = 53,
	CS_OP_COUNT = 64,	/* size of the decoder table */
};

#define CS_OPCODE		MM_GENMASK(63, 56)

/* Shared field positions. */
#define CS_F_DST		MM_GENMASK(55, 48)	/* destination reg(64) */
#define CS_F_SIGNAL		MM_GENMASK(51, 48)	/* signal scoreboard */
#define CS_F_ADDR		MM_GENMASK(47, 40)	/* address reg64 */
#define CS_F_SRC		MM_GENMASK(47, 40)	/* source reg(64) */
#define CS_F_DATA		MM_GENMASK(39, 32)	/* data / length reg */
#define CS_F_PROGRESS_INC	MM_BIT(32)
#define CS_F_WAIT_MASK		MM_GENMASK(31, 16)	/* scoreboards to wait */
#define CS_F_OFFSET		MM_GENMASK(15, 0)	/* signed 16 */
#define CS_F_IMM32		MM_GENMASK(31, 0)
#define CS_F_FLAGS		MM_GENMASK(31, 0)	/* RUN_* flags override */

/* MOVE48 */
#define CS_MOVE48_IMM		MM_GENMASK(47, 0)

/* UMIN32: dst = min(r[SRC1], r[SRC0]) */
#define CS_UMIN_SRC1		MM_GENMASK(39, 32)
#define CS_UMIN_SRC0		MM_GENMASK(47, 40)

/* LOAD_MULTIPLE / STORE_MULTIPLE: base register in CS_F_DST */
#define CS_LS_MASK		MM_GENMASK(31, 16)

/* BRANCH */
#define CS_BRANCH_COND		MM_GENMASK(30, 28)
#define CS_BRANCH_REG		MM_GENMASK(47, 40)

/* SET_SB_ENTRY */
#define CS_SB_ENDPOINT		MM_GENMASK(3, 0)
#define CS_SB_OTHER		MM_GENMASK(7, 4)

/* PROGRESS_WAIT */
#define CS_PROGRESS_QUEUE	MM_GENMASK(4, 0)

/* PROGRESS_LOAD destination: [55:48], [47:40] in the 24.3 XML */
#define CS_PROGRESS_LOAD_OLD	MM_GENMASK(47, 40)

/* SET_EXCEPTION_HANDLER */
#define CS_EXC_TYPE		MM_GENMASK(7, 0)

/* REQ_RESOURCE */
#define CS_RES_MASK		MM_GENMASK(3, 0)
#define CS_RES_COMPUTE		MM_BIT(0)
#define CS_RES_FRAGMENT		MM_BIT(1)
#define CS_RES_TILER		MM_BIT(2)
#define CS_RES_IDVS		MM_BIT(3)

/* FLUSH_CACHE2: flush-id register in CS_F_SRC */
#define CS_FLUSH_L2		MM_GENMASK(3, 0)
#define CS_FLUSH_LSC		MM_GENMASK(7, 4)
#define CS_FLUSH_OTHER		MM_GENMASK(11, 8)
#define CS_FLUSH_MODE_NONE	0
#define CS_FLUSH_MODE_CLEAN	1
#define CS_FLUSH_MODE_CLEAN_INV	3
#define CS_FLUSH_OTHER_INV	2

/* SYNC_ADD/SET 32/64 */
#define CS_SYNC_PROPAGATE	MM_BIT(0)
#define CS_SYNC_SCOPE		MM_GENMASK(2, 1)

/* SYNC_WAIT 32/64 */
#define CS_SYNC_REJECT		MM_BIT(0)
#define CS_SYNC_COND		MM_GENMASK(31, 28)

/* Sync object layouts (mali-csf-hw.md §4.10) */
#define CS_SYNC32_STATUS	4
#define CS_SYNC64_STATUS	8

/* STORE_STATE */
#define CS_STATE_SEL		MM_GENMASK(33, 32)
#define CS_STATE_TIMESTAMP	0
#define CS_STATE_CYCLES		1
#define CS_STATE_DISJOINT	2
#define CS_STATE_ERROR		3

/* PROT_REGION */
#define CS_PROT_SIZE		MM_GENMASK(15, 0)

/* HEAP_OPERATION */
#define CS_HEAP_OP		MM_GENMASK(33, 32)
#define CS_HEAP_OP_VT_START	0
#define CS_HEAP_OP_VT_END	1
#define CS_HEAP_OP_FRAG_END	3

/* TRACE_POINT */
#define CS_TRACE_BASE		MM_GENMASK(39, 32)
#define CS_TRACE_COUNT		MM_GENMASK(47, 40)

/* FINISH_FRAGMENT */
#define CS_FRAG_INC		MM_BIT(0)
#define CS_FRAG_LAST		MM_GENMASK(39, 32)
#define CS_FRAG_FIRST		MM_GENMASK(47, 40)

/* RUN_COMPUTE / RUN_TILING / RUN_COMPUTE_INDIRECT */
#define CS_COMPUTE_TASK_INC	MM_GENMASK(13, 0)
#define CS_COMPUTE_TASK_AXIS	MM_GENMASK(15, 14)
#define CS_INDIRECT_WG_PER_TASK	MM_GENMASK(15, 0)
#define CS_RUN_SRT		MM_GENMASK(41, 40)
#define CS_RUN_SPD		MM_GENMASK(43, 42)
#define CS_RUN_TSD		MM_GENMASK(45, 44)
#define CS_RUN_FAU		MM_GENMASK(47, 46)

/* RUN_IDVS */
#define CS_IDVS_MALLOC		MM_BIT(33)
#define CS_IDVS_DRAW_ID_EN	MM_BIT(34)
#define CS_IDVS_VARY_SRT	MM_BIT(35)
#define CS_IDVS_VARY_FAU	MM_BIT(36)
#define CS_IDVS_VARY_TSD	MM_BIT(37)
#define CS_IDVS_FRAG_SRT	MM_BIT(38)
#define CS_IDVS_FRAG_TSD	MM_BIT(39)
#define CS_IDVS_DRAW_ID		MM_GENMASK(47, 40)

/* RUN_FRAGMENT */
#define CS_FRAGMENT_TEM		MM_BIT(0)
#define CS_FRAGMENT_ORDER	MM_GENMASK(7, 4)

/* RUN_FULLSCREEN: DCD pair */
#define CS_FULLSCREEN_DCD	MM_GENMASK(47, 40)

/* Conditions of BRANCH (3 bits) and SYNC_WAIT (4 bits) */
#define CS_COND_LE		0
#define CS_COND_GT		1
#define CS_COND_EQ		2
#define CS_COND_NE		3
#define CS_COND_LT		4
#define CS_COND_GE		5
#define CS_COND_ALWAYS		6

/* System registers RUN_* read (cs-isa.md §4): resource pairs, n in 0..3 */
#define CS_REG_SRT(n)		(0 + 2 * (n))
#define CS_REG_FAU(n)		(8 + 2 * (n))
#define CS_REG_SPD(n)		(16 + 2 * (n))
#define CS_REG_TSD(n)		(24 + 2 * (n))
#define CS_REG_JOB_SIZE_X	37
#define CS_REG_JOB_SIZE_Y	38
#define CS_REG_JOB_SIZE_Z	39
#define CS_REG_IDVS_INDEX_COUNT	33
#define CS_REG_IDVS_INSTANCES	34
#define CS_REG_TILER_CTX	40
#define CS_REG_FBD		40
#define CS_REG_TEM		44

/* FAU pointers carry their word count in [63:56]; the VA is below. */
#define CS_FAU_VA		MM_GENMASK(47, 0)
#define CS_FAU_COUNT		MM_GENMASK(63, 56)
/* SRT and FBD pointers carry flag/count bits below their 64-byte alignment. */
#define CS_DESC_ALIGN_MASK	MM_GENMASK(5, 0)

#endif /* MM_CS_ISA_H */
