// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * unit_cs.c - host tests of the command-stream builder.
 *
 * Every encoder is checked against an instruction word worked out by hand
 * from the field tables of cs-isa.md §2 (bits [63:56] opcode and so on);
 * the comment above each expectation gives the derivation byte by byte,
 * written most significant first: b7 = [63:56] ... b0 = [7:0]. Nothing here
 * decodes words with the library's own code.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "panthor_client.h"
#include "unit.h"

static struct pc_cs_builder b;

/* The builder after one encoder: it succeeded and wrote exactly @want. */
static void check_one(int line, const char *expr, int ret, uint64_t want)
{
	if (!ret && b.count == 1 && b.words[0] == want) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s:%d: %s: ret %d, %u words, got 0x%016" PRIx64
		       ", want 0x%016" PRIx64 " (%s)\n", __FILE__, line, expr,
		       ret, b.count, b.count ? b.words[0] : 0, want,
		       ret ? pc_last_error() : "");
	}
}

#define ENCODES(expr, want)						\
	do {								\
		int ret_;						\
		pc_cs_fini(&b);						\
		pc_cs_init(&b, NULL);					\
		ret_ = (expr);						\
		check_one(__LINE__, #expr, ret_, (want));		\
	} while (0)

/* The encoder refuses its operands with @err and writes nothing. */
#define REFUSES(expr, err)						\
	do {								\
		int ret_, err_ = (err);					\
		pc_cs_fini(&b);						\
		pc_cs_init(&b, NULL);					\
		ret_ = (expr);						\
		CHECK(ret_ == err_ && b.count == 0 && b.error == err_);	\
	} while (0)

static const struct pc_cs_sel sel0;

static void test_cs_moves(void)
{
	/* 01 | r4 = 04 | imm 12 34 56 78 9a bc */
	ENCODES(pc_cs_move48(&b, 4, 0x123456789abcull), 0x0104123456789abcull);
	/* 02 | r7 = 07 | 00 00 | imm de ad be ef */
	ENCODES(pc_cs_move32(&b, 7, 0xdeadbeef), 0x02070000deadbeefull);
	/* 00 and nothing else */
	ENCODES(pc_cs_nop(&b), 0x0000000000000000ull);
	/* 10 | dst r5 = 05 | src r6 = 06 | 00 | imm -1 = ff ff ff ff */
	ENCODES(pc_cs_add_imm32(&b, 5, 6, -1), 0x10050600ffffffffull);
	/* 11 | dst r8 = 08 | src r10 = 0a | 00 | imm 64 = 00 00 00 40 */
	ENCODES(pc_cs_add_imm64(&b, 8, 10, 64), 0x11080a0000000040ull);
	/* 12 | dst r1 = 01 | src0 [47:40] r2 = 02 | src1 [39:32] r3 = 03 */
	ENCODES(pc_cs_umin32(&b, 1, 2, 3), 0x1201020300000000ull);

	/* A 64-bit constant beyond 48 bits: MOVE48 low, MOVE32 high word. */
	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	CHECK(!pc_cs_move64(&b, 10, 0xfedcba9876543210ull));
	CHECK(b.count == 2);
	/* 01 | r10 = 0a | ba 98 76 54 32 10 */
	CHECK(b.words[0] == 0x010aba9876543210ull);
	/* 02 | r11 = 0b | 00 00 | fe dc ba 98 */
	CHECK(b.words[1] == 0x020b0000fedcba98ull);
	/* Within 48 bits it is one MOVE48. */
	ENCODES(pc_cs_move64(&b, 10, 0x0000123400005678ull),
		0x010a123400005678ull);
}

static void test_cs_memory(void)
{
	/* 14 | base r0 = 00 | addr r20 = 14 | 00 | mask ff ff | off -4 = ff fc */
	ENCODES(pc_cs_load_multiple(&b, 0, 0xffff, 20, -4),
		0x14001400fffffffcull);
	/* 15 | base r16 = 10 | addr r22 = 16 | 00 | mask 00 ff | off 00 40 */
	ENCODES(pc_cs_store_multiple(&b, 16, 0x00ff, 22, 64),
		0x1510160000ff0040ull);
	/*
	 * 28 | signal 1 = 01 | addr r2 = 02 | state [33:32] cycles = 01 |
	 * wait 00 02 | offset 00 08
	 */
	ENCODES(pc_cs_store_state(&b, PC_CS_STATE_CYCLE_COUNT, 2, 8, 0x2, 1),
		0x2801020100020008ull);
}

static void test_cs_control(void)
{
	/* 16 | 00 | reg r9 = 09 | 00 | cond NE 3 at [30:28] = 30 00 | ff fb */
	ENCODES(pc_cs_branch(&b, PC_CS_COND_NEQUAL, 9, -5),
		0x160009003000fffbull);
	/* 20 | 00 | addr r92 = 5c | len r94 = 5e | 00 00 00 00 */
	ENCODES(pc_cs_call(&b, 92, 94), 0x20005c5e00000000ull);
	/* 21 | 00 | addr r2 = 02 | len r1 = 01 */
	ENCODES(pc_cs_jump(&b, 2, 1), 0x2100020100000000ull);
	/* 19 | 00 | addr r30 = 1e | len r32 = 20 | ... | type 02 */
	ENCODES(pc_cs_set_exception_handler(&b, PC_CS_EXCEPTION_TILER_OOM, 30,
					    32),
		0x19001e2000000002ull);
}

static void test_cs_scoreboard(void)
{
	/* 03 | ... | progress [32] = 01 | mask [23:16] = 05 | 00 00 */
	ENCODES(pc_cs_wait(&b, 0x05, true), 0x0300000100050000ull);
	/* 03 | ... | mask ff */
	ENCODES(pc_cs_wait(&b, 0xff, false), 0x0300000000ff0000ull);
	/* 17 | ... | other [7:4] 5, endpoint [3:0] 2 = 52 */
	ENCODES(pc_cs_set_sb_entry(&b, 2, 5), 0x1700000000000052ull);
	/* 18 | 00 | src r12 = 0c | ... | queue [4:0] = 03 */
	ENCODES(pc_cs_progress_wait(&b, 3, 12), 0x18000c0000000003ull);
	/* 2a | 00 | src r14 = 0e */
	ENCODES(pc_cs_progress_store(&b, 14), 0x2a000e0000000000ull);
	/* 2b | dst [55:48] r16 = 10 */
	ENCODES(pc_cs_progress_load(&b, 16), 0x2b10000000000000ull);
	/* 2f */
	ENCODES(pc_cs_error_barrier(&b), 0x2f00000000000000ull);
	/* 29 | ... | size 64 bytes = 8 instructions = 00 08 */
	ENCODES(pc_cs_prot_region(&b, 64), 0x2900000000000008ull);
	/* 32 | signal 02 | count [47:40] 04 | base [39:32] r10 = 0a */
	ENCODES(pc_cs_trace_point(&b, 10, 4, 0, 2), 0x3202040a00000000ull);
}

static void test_cs_sync(void)
{
	/*
	 * The flush panthor puts before every job (cs-isa.md §5): L2 and LSC
	 * clean+invalidate, other invalidate = 2 33; flush id r94 = 5e.
	 */
	ENCODES(pc_cs_flush_cache2(&b, PC_CS_FLUSH_CLEAN_INVALIDATE,
				   PC_CS_FLUSH_CLEAN_INVALIDATE,
				   PC_CS_FLUSH_OTHER_INVALIDATE, 94, 0, 0),
		0x24005e0000000233ull);
	/* 24 | signal 01 | id r74 = 4a | 00 | wait 00 ff | 00 | LSC 1, L2 1 */
	ENCODES(pc_cs_flush_cache2(&b, PC_CS_FLUSH_CLEAN, PC_CS_FLUSH_CLEAN,
				   PC_CS_FLUSH_OTHER_NONE, 74, 0xff, 1),
		0x24014a0000ff0011ull);
	/*
	 * 25 | signal 03 | addr r2 = 02 | data r4 = 04 | wait 00 01 |
	 * scope CSG 2 at [2:1] = 4, propagate [0] = 1: 05
	 */
	ENCODES(pc_cs_sync_add32(&b, 2, 4, PC_CS_SCOPE_CSG, true, 0x1, 3),
		0x2503020400010005ull);
	/* 26 | 00 | addr r6 = 06 | data r8 = 08 | rest 0 */
	ENCODES(pc_cs_sync_set32(&b, 6, 8, PC_CS_SCOPE_SYSTEM, false, 0, 0),
		0x2600060800000000ull);
	/* The job fence panthor signals after each job (cs-isa.md §5). */
	ENCODES(pc_cs_sync_add64(&b, 92, 94, PC_CS_SCOPE_SYSTEM, true, 0, 0),
		0x33005c5e00000001ull);
	/* 34 | signal 07 | addr r10 = 0a | data r12 = 0c | wait 00 80 | 04 */
	ENCODES(pc_cs_sync_set64(&b, 10, 12, PC_CS_SCOPE_CSG, false, 0x80, 7),
		0x34070a0c00800004ull);
	/* 27 | 00 | addr r2 | data r3 | cond GT 1 at [31:28] = 10 | reject 1 */
	ENCODES(pc_cs_sync_wait32(&b, PC_CS_COND_GREATER, 2, 3, true),
		0x2700020310000001ull);
	/* 35 | 00 | addr r4 | data r6 | cond LE 0 */
	ENCODES(pc_cs_sync_wait64(&b, PC_CS_COND_LEQUAL, 4, 6, false),
		0x3500040600000000ull);
	/* cond GE 5 at [31:28] = 50 */
	ENCODES(pc_cs_sync_wait64(&b, PC_CS_COND_GEQUAL, 4, 6, false),
		0x3500040650000000ull);
}

static void test_cs_jobs(void)
{
	const struct pc_cs_sel sel_a = { .srt = 1, .fau = 0, .spd = 2, .tsd = 3 };
	const struct pc_cs_sel sel_b = { .srt = 0, .fau = 1, .spd = 0, .tsd = 2 };
	const struct pc_cs_sel sel_c = { .srt = 2, .fau = 1 };
	const struct pc_cs_sel sel_max = { 3, 3, 3, 3 };
	struct pc_cs_idvs idvs = {
		.flags_override = 0xabcd,
		.progress_inc = true,
		.malloc_enable = true,
		.draw_id_enable = true,
		.draw_id_reg = 60,
		.varying_srt = true,
		.varying_tsd = true,
		.fragment_tsd = true,
	};

	/* 22 | ... | compute 1 + tiler 4 = 05 */
	ENCODES(pc_cs_req_resource(&b, PC_CS_RES_COMPUTE | PC_CS_RES_TILER),
		0x2200000000000005ull);
	/*
	 * 04 | 00 | selects fau 0 [47:46], tsd 3 [45:44], spd 2 [43:42],
	 * srt 1 [41:40] = 00 11 10 01 = 39 | progress 01 | 00 00 |
	 * axis Y 1 at [15:14] = 4000 + task increment 0x40 = 40 40
	 */
	ENCODES(pc_cs_run_compute(&b, 0x40, PC_CS_AXIS_Y, &sel_a, true),
		0x0400390100004040ull);
	/* every select 3 = ff; axis Z 2 = 8000 + 3fff = bf ff */
	ENCODES(pc_cs_run_compute(&b, 0x3fff, PC_CS_AXIS_Z, &sel_max, false),
		0x0400ff000000bfffull);
	/* 2c | 00 | fau 1 = 40 + srt 2 = 02: 42 | progress 01 | wg 12 34 */
	ENCODES(pc_cs_run_compute_indirect(&b, 0x1234, &sel_c, true),
		0x2c00420100001234ull);
	/* 05 | 00 | fau 1 = 40 + tsd 2 = 20: 60 | 01 | flags 12 34 56 78 */
	ENCODES(pc_cs_run_tiling(&b, 0x12345678, &sel_b, true),
		0x0500600112345678ull);
	/*
	 * 06 | 00 | draw id r60 = 3c | [39] frag tsd, [37] vary tsd,
	 * [35] vary srt, [34] draw id en, [33] malloc, [32] progress
	 * = 1010 1111 = af | flags 00 00 ab cd
	 */
	ENCODES(pc_cs_run_idvs(&b, &idvs), 0x06003caf0000abcdull);
	/* Only [36] varying FAU and [38] fragment SRT: 0101 0000 = 50 */
	idvs = (struct pc_cs_idvs){ .varying_fau = true, .fragment_srt = true };
	ENCODES(pc_cs_run_idvs(&b, &idvs), 0x0600005000000000ull);
	/* 07 | ... | progress 01 | ... | order 2 at [7:4], TEM [0]: 21 */
	ENCODES(pc_cs_run_fragment(&b, true, PC_CS_TILE_ORDER_VERTICAL, true),
		0x0700000100000021ull);
	/* 08 | 00 | DCD r40 = 28 | 00 | flags 00 00 00 01 */
	ENCODES(pc_cs_run_fullscreen(&b, 1, 40, false), 0x0800280000000001ull);
	/* 09 | ... | progress 01 */
	ENCODES(pc_cs_finish_tiling(&b, true), 0x0900000100000000ull);
	/*
	 * 0b | signal 02 | first r4 = 04 | last r6 = 06 | wait 00 03 |
	 * 00 | increment 01
	 */
	ENCODES(pc_cs_finish_fragment(&b, true, 4, 6, 0x3, 2),
		0x0b02040600030001ull);
	/* 30 | 00 | addr r72 = 48 */
	ENCODES(pc_cs_heap_set(&b, 72), 0x3000480000000000ull);
	/* 31 | signal 04 | 00 | op 3 at [33:32] = 03 | wait 00 0f | 00 00 */
	ENCODES(pc_cs_heap_operation(&b, PC_CS_HEAP_FRAG_END, 0xf, 4),
		0x31040003000f0000ull);
}

/* Operands no encoding can hold are refused, and the error sticks. */
static void test_cs_refusals(void)
{
	int ret;

	REFUSES(pc_cs_move48(&b, 5, 0), -EINVAL);		/* odd pair */
	REFUSES(pc_cs_move48(&b, 94, 1ull << 48), -ERANGE);	/* 49 bits */
	REFUSES(pc_cs_move48(&b, 95, 0), -EINVAL);		/* r95:r96 */
	REFUSES(pc_cs_move32(&b, 96, 0), -EINVAL);		/* no r96 */
	REFUSES(pc_cs_load_multiple(&b, 90, 0xff, 0, 0), -EINVAL); /* r97 */
	REFUSES(pc_cs_load_multiple(&b, 0, 0, 2, 0), -EINVAL);	/* no regs */
	REFUSES(pc_cs_store_multiple(&b, 0, 1, 2, 2), -EINVAL);	/* unaligned */
	REFUSES(pc_cs_store_multiple(&b, 0, 1, 2, 40000), -ERANGE);
	REFUSES(pc_cs_wait(&b, 0x100, false), -EINVAL);		/* 8 entries */
	REFUSES(pc_cs_sync_add32(&b, 2, 4, PC_CS_SCOPE_SYSTEM, false, 0, 8),
		-EINVAL);
	REFUSES(pc_cs_sync_add32(&b, 2, 4, 1, false, 0, 0), -EINVAL);
	REFUSES(pc_cs_sync_wait64(&b, PC_CS_COND_GREATER, 2, 5, false),
		-EINVAL);
	REFUSES(pc_cs_branch(&b, 7, 0, 0), -EINVAL);
	REFUSES(pc_cs_branch(&b, PC_CS_COND_ALWAYS, 0, 32768), -ERANGE);
	REFUSES(pc_cs_prot_region(&b, 12), -EINVAL);
	REFUSES(pc_cs_heap_operation(&b, 2, 0, 0), -EINVAL);
	REFUSES(pc_cs_req_resource(&b, 0x10), -ERANGE);
	REFUSES(pc_cs_run_compute(&b, 0x4000, PC_CS_AXIS_X, &sel0, false),
		-ERANGE);
	REFUSES(pc_cs_run_compute(&b, 1, 3, &sel0, false), -EINVAL);
	REFUSES(pc_cs_trace_point(&b, 90, 8, 0, 0), -EINVAL);

	/* The first error sticks: nothing more is written. */
	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	CHECK(pc_cs_move48(&b, 3, 0) == -EINVAL);
	CHECK(pc_cs_nop(&b) == -EINVAL);
	CHECK(pc_cs_end(&b) == -EINVAL);
	CHECK(b.count == 0);
	CHECK(strstr(pc_last_error(), "MOVE48"));

	/* A configuration no v10 encoding can address. */
	pc_cs_fini(&b);
	ret = pc_cs_init(&b, &(struct pc_cs_config){ .reg_count = 300 });
	CHECK(ret == -EINVAL);
	pc_cs_fini(&b);
}

static void test_cs_labels(void)
{
	struct pc_cs_label back, fwd, never;

	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	back = pc_cs_label_new(&b);
	fwd = pc_cs_label_new(&b);
	CHECK(!pc_cs_label_place(&b, back));		/* at 0 */
	pc_cs_nop(&b);
	pc_cs_nop(&b);
	CHECK(!pc_cs_branch_to(&b, PC_CS_COND_NEQUAL, 3, back));	/* 2 */
	CHECK(!pc_cs_branch_to(&b, PC_CS_COND_EQUAL, 4, fwd));	/* 3 */
	CHECK(!pc_cs_goto(&b, fwd));				/* 4 */
	pc_cs_nop(&b);
	CHECK(!pc_cs_label_place(&b, fwd));			/* at 6 */
	pc_cs_nop(&b);
	CHECK(!pc_cs_end(&b));
	CHECK(b.count == 7);
	/* 16 | 00 | r3 | 00 | NE 30 | target 0 - (2 + 1) = -3: ff fd */
	CHECK(b.words[2] == 0x160003003000fffdull);
	/* 16 | 00 | r4 | 00 | EQ 2 = 20 | 6 - (3 + 1) = 2 */
	CHECK(b.words[3] == 0x1600040020000002ull);
	/* ALWAYS 6 = 60, register r0 | 6 - (4 + 1) = 1 */
	CHECK(b.words[4] == 0x1600000060000001ull);

	/* Placing twice, or branching to nowhere, is an error. */
	CHECK(pc_cs_label_place(&b, back) == -EINVAL);
	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	never = pc_cs_label_new(&b);
	CHECK(!pc_cs_goto(&b, never));
	CHECK(pc_cs_end(&b) == -EINVAL);
	CHECK(strstr(pc_last_error(), "never placed"));

	/* A label too far for BRANCH's 16-bit offset. */
	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	back = pc_cs_label_new(&b);
	pc_cs_label_place(&b, back);
	for (int i = 0; i < 32768; i++)
		pc_cs_nop(&b);
	CHECK(pc_cs_goto(&b, back) == -ERANGE);		/* -32769 */
	pc_cs_fini(&b);
	pc_cs_init(&b, NULL);
	fwd = pc_cs_label_new(&b);
	CHECK(!pc_cs_goto(&b, fwd));
	for (int i = 0; i < 32768; i++)
		pc_cs_nop(&b);
	CHECK(pc_cs_label_place(&b, fwd) == -ERANGE);	/* +32768 */
	pc_cs_fini(&b);
}

static void test_cs_buffers(void)
{
	struct pc_cs_config small = { .max_instructions = 10 };
	struct drm_panthor_csif_info csif = {
		.cs_reg_count = 64,
		.scoreboard_slot_count = 16,
	};
	struct pc_cs_config cfg;
	uint64_t mem[4];
	int ret = 0;

	/* Growth keeps every word. */
	pc_cs_init(&b, NULL);
	for (uint32_t i = 0; i < 1000 && !ret; i++)
		ret = pc_cs_move32(&b, 0, i);
	CHECK(!ret && b.count == 1000 && b.capacity >= 1000);
	CHECK(b.words[999] == 0x02000000000003e7ull);
	CHECK(pc_cs_size(&b) == 8000);
	pc_cs_fini(&b);

	/* A bounded stream stops at its bound. */
	pc_cs_init(&b, &small);
	for (int i = 0; i < 10; i++)
		pc_cs_nop(&b);
	CHECK(!b.error && b.count == 10);
	CHECK(pc_cs_nop(&b) == -ENOSPC);
	pc_cs_fini(&b);

	/* Caller memory is never grown. */
	CHECK(!pc_cs_init_fixed(&b, NULL, mem, sizeof(mem)));
	for (int i = 0; i < 4; i++)
		pc_cs_error_barrier(&b);
	CHECK(pc_cs_nop(&b) == -ENOSPC);
	CHECK(mem[3] == 0x2f00000000000000ull);
	pc_cs_fini(&b);

	/* The device's register file and scoreboard set the limits. */
	pc_cs_config_from_csif(&cfg, &csif);
	pc_cs_init(&b, &cfg);
	CHECK(pc_cs_move32(&b, 64, 0) == -EINVAL);
	pc_cs_fini(&b);
	pc_cs_init(&b, &cfg);
	/* 03 | ... | mask [31:16] = 80 00 with 16 entries */
	CHECK(!pc_cs_wait(&b, 0x8000, false));
	CHECK(b.words[0] == 0x0300000080000000ull);
	pc_cs_fini(&b);
}

void test_cs(void)
{
	test_cs_moves();
	test_cs_memory();
	test_cs_control();
	test_cs_scoreboard();
	test_cs_sync();
	test_cs_jobs();
	test_cs_refusals();
	test_cs_labels();
	test_cs_buffers();
}
