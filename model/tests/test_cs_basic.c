// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream interpreter: decoding, moves and arithmetic, invalid
 * instructions, LOAD/STORE_MULTIPLE, ring consumption, budget and time.
 */
#include <string.h>

#include "test_cs.h"

TEST(cs_decoder_table_matches_the_opcode_list)
{
	static const unsigned int unassigned[] = {
		10, 12, 13, 14, 15, 19, 26, 27, 28, 29, 30, 31, 35, 45, 46,
	};
	unsigned int op, n = 0, i;

	for (op = 0; op < 256; op++)
		if (mm_cs_op_name(op))
			n++;
	EXPECT_EQ(n, 39);
	for (i = 0; i < MM_ARRAY_SIZE(unassigned); i++)
		EXPECT_TRUE(!mm_cs_op_name(unassigned[i]));
	EXPECT_EQ(strcmp(mm_cs_op_name(1), "MOVE48"), 0);
	EXPECT_EQ(strcmp(mm_cs_op_name(18), "UMIN32"), 0);
	EXPECT_EQ(strcmp(mm_cs_op_name(36), "FLUSH_CACHE2"), 0);
	EXPECT_EQ(strcmp(mm_cs_op_name(47), "ERROR_BARRIER"), 0);
	EXPECT_EQ(strcmp(mm_cs_op_name(53), "SYNC_WAIT64"), 0);
	EXPECT_TRUE(!mm_cs_op_name(54));
}

TEST(cs_disassembler_prints_fields_from_the_table)
{
	char buf[128];

	/* MOVE32 r94, #0x12345678 */
	mm_cs_disasm(0x025e000012345678ull, buf, sizeof(buf));
	EXPECT_EQ(strcmp(buf, "MOVE32 dst=r94 imm=0x12345678"), 0);
	/* panthor's job fence: SYNC_ADD64 propagate, system, r94:r95 -> [r92] */
	mm_cs_disasm(0x33005c5e00000001ull, buf, sizeof(buf));
	EXPECT_EQ(strcmp(buf,
			 "SYNC_ADD64 propagate=1 scope=0x0 wait=0x0 data=r94:r95 addr=r92:r93 signal=0"),
		  0);
	/* BRANCH GT r3, -2 */
	mm_cs_disasm(0x160003001000fffeull, buf, sizeof(buf));
	EXPECT_EQ(strcmp(buf, "BRANCH cond=1 reg=r3 offset=-2"), 0);
	mm_cs_disasm(0x0a00000000000000ull, buf, sizeof(buf));
	EXPECT_EQ(strncmp(buf, "INVALID(op 10)", 14), 0);
}

TEST(cs_move48_fills_a_register_pair)
{
	struct cst *s = cst_new(t);

	s->x.reg[3] = 0xffffffff;
	/* MOVE48 r2:r3, #0x87654321abcd */
	RING(s, 0x010287654321abcdull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[2], 0x4321abcd);
	EXPECT_EQ(s->x.reg[3], 0x8765);	/* upper 16 bits zeroed */
}

TEST(cs_move32_writes_one_register)
{
	struct cst *s = cst_new(t);

	s->x.reg[11] = 0x5555;
	/* MOVE32 r10, #0xdeadbeef */
	RING(s, 0x020a0000deadbeefull);
	cst_run(s);
	EXPECT_EQ(s->x.reg[10], 0xdeadbeef);
	EXPECT_EQ(s->x.reg[11], 0x5555);
}

TEST(cs_add_immediate32_wraps_and_takes_negative_values)
{
	struct cst *s = cst_new(t);

	s->x.reg[1] = 0xffffffff;
	RING(s,
	     0x1002010000000002ull,	/* ADD_IMMEDIATE32 r2 = r1 + 2 */
	     0x10030100ffffffffull,	/* ADD_IMMEDIATE32 r3 = r1 + (-1) */
	     0x1001010000000005ull);	/* ADD_IMMEDIATE32 r1 = r1 + 5 */
	cst_run(s);
	EXPECT_EQ(s->x.reg[2], 1);
	EXPECT_EQ(s->x.reg[3], 0xfffffffe);
	EXPECT_EQ(s->x.reg[1], 4);
}

TEST(cs_add_immediate64_sign_extends)
{
	struct cst *s = cst_new(t);

	s->x.reg[4] = 0;
	s->x.reg[5] = 1;
	RING(s,
	     0x11060400ffffffffull,	/* ADD_IMMEDIATE64 r6:r7 = r4:r5 - 1 */
	     0x1108040000000010ull);	/* ADD_IMMEDIATE64 r8:r9 = r4:r5 + 16 */
	cst_run(s);
	EXPECT_EQ(s->x.reg[6], 0xffffffff);
	EXPECT_EQ(s->x.reg[7], 0);
	EXPECT_EQ(s->x.reg[8], 0x10);
	EXPECT_EQ(s->x.reg[9], 1);
}

TEST(cs_umin32_is_unsigned)
{
	struct cst *s = cst_new(t);

	s->x.reg[1] = 5;
	s->x.reg[2] = 0xffffffff;
	s->x.reg[4] = 7;
	RING(s,
	     0x1203020100000000ull,	/* UMIN32 r3 = min(r2, r1) */
	     0x1205040200000000ull);	/* UMIN32 r5 = min(r4, r2) */
	cst_run(s);
	EXPECT_EQ(s->x.reg[3], 5);
	EXPECT_EQ(s->x.reg[5], 7);
}

TEST(cs_nop_only_takes_time)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;

	RING(s, 0, 0, 0);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->ring.extract, 24);
	EXPECT_EQ(s->x.stats.instructions, 3);
	EXPECT_EQ(s->x.clock, t0 + 3 * MM_CS_T_ALU);
	EXPECT_EQ(s->x.cmd_ptr, CST_RING_VA + 16);
}

TEST(cs_invalid_opcodes_are_fatal_0x49)
{
	static const unsigned int ops[] = { 10, 12, 19, 26, 31, 35, 45, 46,
					    54, 63, 200, 255 };
	unsigned int i;

	for (i = 0; i < MM_ARRAY_SIZE(ops); i++) {
		struct cst *s = cst_new(t);

		/* MOVE32 r0, #1 first, so the bad word is not at the start */
		RING(s, 0x0200000000000001ull, (uint64_t)ops[i] << 56, 0);
		EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
		EXPECT_EQ(s->fatals, 1);
		EXPECT_EQ(s->exc_type, 0x49);
		EXPECT_EQ(s->exc_data, ops[i]);
		EXPECT_EQ(s->exc_info, CST_RING_VA + 8);
		EXPECT_EQ(s->x.reg[0], 1);
		/* Dead until reset: nothing more executes. */
		EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
		EXPECT_EQ(s->ring.extract, 8);
		EXPECT_EQ(s->fatals, 1);
		th_reinit(t, MM_PRODUCT_G610);
	}
}

TEST(cs_bad_register_fields_are_invalid_instructions)
{
	static const uint64_t bad[] = {
		0x0103000000000001ull,	/* MOVE48 to odd pair r3 */
		0x0160000000000001ull,	/* MOVE48 to r96 (96 registers) */
		0x0260000000000001ull,	/* MOVE32 r96 */
		0x1102030000000001ull,	/* ADD_IMMEDIATE64 from odd r3 */
		0x160000007000ffffull,	/* BRANCH r0, condition 7 */
		0x1700000000000080ull,	/* SET_SB_ENTRY other = 8 (8 SBs) */
	};
	unsigned int i;

	for (i = 0; i < MM_ARRAY_SIZE(bad); i++) {
		struct cst *s = cst_new(t);

		RING(s, bad[i]);
		EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
		EXPECT_EQ(s->exc_type, MM_CS_EXC_INSTR_INVALID);
		th_reinit(t, MM_PRODUCT_G610);
	}
}

TEST(cs_store_multiple_writes_the_masked_registers)
{
	struct cst *s = cst_new(t);

	cst_w32(s, CST_DATA_VA + 0x104, 0x11111111);
	s->x.reg[20] = 0xa0;
	s->x.reg[21] = 0xa1;
	s->x.reg[22] = 0xa2;
	s->x.reg[23] = 0xa3;
	s->x.reg[24] = 0xa4;
	/* MOVE48 r40:r41, #DATA + 0x110 */
	/* STORE_MULTIPLE base r20, addr r40, mask 0b11101, offset -16 */
	RING(s, 0x0128000000400110ull, 0x15142800001dfff0ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x100), 0xa0);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x104), 0x11111111);	/* skipped */
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x108), 0xa2);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x10c), 0xa3);
	EXPECT_EQ(cst_r32(s, CST_DATA_VA + 0x110), 0xa4);
}

TEST(cs_load_multiple_reads_words_into_consecutive_registers)
{
	struct cst *s = cst_new(t);
	unsigned int i;

	for (i = 0; i < 16; i++)
		cst_w32(s, CST_DATA_VA + 0x200 + 4 * i, 0x100 + i);
	s->x.reg[31] = 0x77;
	/* MOVE48 r40:r41, #DATA + 0x200 */
	/* LOAD_MULTIPLE base r30, addr r40, mask 0xfffd, offset 0 */
	RING(s, 0x0128000000400200ull, 0x141e2800fffd0000ull);
	cst_run(s);
	EXPECT_EQ(s->x.reg[30], 0x100);
	EXPECT_EQ(s->x.reg[31], 0x77);		/* bit 1 clear: untouched */
	EXPECT_EQ(s->x.reg[32], 0x102);
	EXPECT_EQ(s->x.reg[45], 0x10f);
}

TEST(cs_load_multiple_past_the_last_register_is_invalid)
{
	struct cst *s = cst_new(t);

	/* LOAD_MULTIPLE base r90, addr r40, mask 0x0041 (r90, r96) */
	RING(s, 0x0128000000400000ull, 0x145a280000410000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FATAL);
	EXPECT_EQ(s->exc_type, 0x49);
}

TEST(cs_load_from_an_unmapped_address_faults_on_bus)
{
	struct cst *s = cst_new(t);

	s->x.reg[0] = 0x1234;
	/* MOVE48 r40:r41, #BAD; LOAD_MULTIPLE base r0, addr r40, mask 1 */
	RING(s, 0x0128000007000000ull, 0x1400280000010000ull,
	     0x0201000000000009ull);	/* MOVE32 r1, #9 */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->faults, 1);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(s->exc_data, MM_ACCESS_READ);
	EXPECT_EQ(s->exc_info, CST_BAD_VA);
	EXPECT_EQ(s->x.reg[0], 0x1234);
	/* The MMU reported it too, on the stream's AS. */
	EXPECT_NE(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT) & MMU_IRQ_FAULT(CST_AS), 0);
	EXPECT_EQ(th_rd64(t, th_as_reg(CST_AS, AS_FAULTADDRESS_LO)), CST_BAD_VA);
	/* Stalled until acknowledged, then it goes on after the load. */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->x.reg[1], 0);
	mm_cs_fault_ack(&s->x);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[1], 9);
	EXPECT_EQ(s->x.error, MM_CS_EXC_BUS_FAULT);
}

TEST(cs_store_to_a_read_only_page_faults_with_write_access)
{
	struct cst *s = cst_new(t);

	/* MOVE48 r40:r41, #RO; STORE_MULTIPLE base r0, addr r40, mask 1 */
	RING(s, 0x0128000000500000ull, 0x1500280000010000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_type, MM_CS_EXC_BUS_FAULT);
	EXPECT_EQ(s->exc_data, MM_ACCESS_WRITE);
	EXPECT_EQ(MM_FIELD_GET(AS_FAULTSTATUS_EXCEPTION,
			       th_rd(t, th_as_reg(CST_AS, AS_FAULTSTATUS))) & 0xf8,
		  0xc8);	/* permission fault */
}

TEST(cs_misaligned_load_faults)
{
	struct cst *s = cst_new(t);

	/* MOVE48 r40:r41, #DATA + 2; LOAD_MULTIPLE base r0, addr r40, mask 1 */
	RING(s, 0x0128000000400002ull, 0x1400280000010000ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_FAULT);
	EXPECT_EQ(s->exc_info, CST_DATA_VA + 2);
}

TEST(cs_ring_position_wraps_modulo_its_size)
{
	struct cst *s = cst_new(t);

	s->ring.insert = s->ring.extract = 0x10000 - 16;
	RING(s, 0x0200000000000001ull, 0x0201000000000002ull,
	     0x0202000000000003ull, 0x0203000000000004ull);
	EXPECT_EQ(cst_r64(s, CST_RING_VA), 0x0202000000000003ull);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[0] + s->x.reg[1] + s->x.reg[2] + s->x.reg[3], 10);
	EXPECT_EQ(s->ring.extract, 0x10000 + 16);
	EXPECT_EQ(s->x.cmd_ptr, CST_RING_VA + 8);
}

TEST(cs_empty_ring_runs_nothing)
{
	struct cst *s = cst_new(t);

	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.stats.instructions, 0);
	EXPECT_EQ(s->x.wake_ns, MM_CS_NEVER);
	/* A partial instruction is not work. */
	s->ring.insert = 4;
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
}

TEST(cs_budget_stops_and_resumes)
{
	struct cst *s = cst_new(t);
	unsigned int i;

	for (i = 0; i < 10; i++)
		RING(s, 0x0100000000000000ull + i);	/* MOVE48 r0:r1, #i */
	EXPECT_EQ(mm_cs_run(t->gpu, &s->x, &s->ring, &s->env, t->now, 4),
		  MM_CS_STOP_BUDGET);
	EXPECT_EQ(s->ring.extract, 32);
	EXPECT_EQ(s->x.reg[0], 3);
	EXPECT_EQ(s->x.wake_ns, s->x.clock);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->x.reg[0], 9);
}

TEST(cs_instructions_take_model_time)
{
	struct cst *s = cst_new(t);
	uint64_t t0 = t->now;
	unsigned int i, burst = MM_CS_RUN_AHEAD_NS / MM_CS_T_ALU + 1;

	for (i = 0; i < 510; i++)
		RING(s, 0);
	/* It may only run MM_CS_RUN_AHEAD_NS ahead of now. */
	EXPECT_EQ(cst_run(s), MM_CS_STOP_YIELD);
	EXPECT_EQ(s->ring.extract, 8 * burst);
	EXPECT_EQ(s->x.wake_ns, t0 + burst * MM_CS_T_ALU);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_YIELD);
	EXPECT_EQ(s->ring.extract, 8 * burst);
	th_advance(t, s->x.wake_ns - t->now);
	EXPECT_EQ(cst_run(s), MM_CS_STOP_EMPTY);
	EXPECT_EQ(s->ring.extract, 8 * 510);
	EXPECT_EQ(s->x.clock, t0 + 510 * MM_CS_T_ALU);
}

TEST(cs_idle_stream_restarts_at_the_current_time)
{
	struct cst *s = cst_new(t);

	RING(s, 0);
	cst_run(s);
	th_advance(t, 50000);
	RING(s, 0);
	cst_run(s);
	EXPECT_EQ(s->x.clock, t->now + MM_CS_T_ALU);
}
