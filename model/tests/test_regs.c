// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The register-table engine: decoding, access types, unknown offsets,
 * logging, the formatter.
 */
#include <string.h>

#include "host.h"
#include "mt.h"

TEST(unknown_offset_reads_zero_and_logs_once)
{
	unsigned int before = t->nlog;

	EXPECT_EQ(th_rd(t, 0x0f80), 0);
	EXPECT_EQ(th_rd(t, 0x0f80), 0);
	EXPECT_EQ(t->nlog, before + 1);
	EXPECT_TRUE(th_log_has(t, "unknown register 0x000f80"));
	EXPECT_EQ(t->gpu->stats.unknown_reads, 2);
}

TEST(unknown_offset_write_is_ignored_and_logged_once)
{
	unsigned int before = t->nlog;

	th_wr(t, 0x3000, 0xdead);	/* IPA control: not modelled */
	th_wr(t, 0x3000, 0xbeef);
	EXPECT_EQ(th_rd(t, 0x3000), 0);
	/* One line for the writes, one for the read. */
	EXPECT_EQ(t->nlog, before + 2);
	EXPECT_EQ(t->gpu->stats.unknown_writes, 2);
}

TEST(distinct_unknown_offsets_each_log)
{
	unsigned int before = t->nlog;

	th_rd(t, 0x20000);
	th_rd(t, 0x20004);
	EXPECT_EQ(t->nlog, before + 2);
}

TEST(log_once_goes_quiet_after_table_fills)
{
	unsigned int i, before = t->nlog;

	for (i = 0; i < 100; i++)
		th_rd(t, 0x20000 + 4 * i);
	/* 64 distinct lines plus one "suppressed" notice, then silence. */
	EXPECT_EQ(t->nlog, before + MM_LOG_ONCE_SLOTS + 1);
	EXPECT_TRUE(th_log_has(t, "suppressed"));
	EXPECT_EQ(t->gpu->stats.unknown_reads, 100);
}

TEST(unaligned_offset_is_unknown)
{
	EXPECT_EQ(th_rd(t, GPU_ID + 1), 0);
	EXPECT_EQ(t->gpu->stats.unknown_reads, 1);
	th_wr(t, L2_CONFIG + 2, 0xffff);
	EXPECT_EQ(th_rd(t, L2_CONFIG), 0);
}

TEST(offset_beyond_window_is_unknown)
{
	EXPECT_EQ(th_rd(t, MM_REG_WINDOW_SIZE), 0);
	EXPECT_EQ(th_rd(t, 0xffffffff & ~3u), 0);
	EXPECT_EQ(t->gpu->stats.unknown_reads, 2);
}

TEST(write_only_register_reads_zero)
{
	th_wr(t, GPU_COMMAND, GPU_CMD_NOP);
	EXPECT_EQ(th_rd(t, GPU_COMMAND), 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_CLEAR), 0);
	EXPECT_EQ(th_rd(t, L2_PWRON_LO), 0);
	EXPECT_TRUE(th_log_has(t, "write-only GPU.GPU_COMMAND"));
}

TEST(rw_registers_keep_their_value)
{
	th_wr(t, L2_CONFIG, 0x01020000);
	th_wr(t, SYSC_ALLOC3, 0x55);
	th_wr(t, CSF_CONFIG, 0x4);
	th_wr(t, ASN_HASH_1, 0x1234);
	EXPECT_EQ(th_rd(t, L2_CONFIG), 0x01020000);
	EXPECT_EQ(th_rd(t, SYSC_ALLOC3), 0x55);
	EXPECT_EQ(th_rd(t, CSF_CONFIG), 0x4);
	EXPECT_EQ(th_rd(t, ASN_HASH_1), 0x1234);
	EXPECT_EQ(t->gpu->stats.unknown_writes, 0);
}

TEST(absent_address_space_is_not_decoded)
{
	/* AS_PRESENT = 0xff: AS8 does not exist. */
	th_wr(t, th_as_reg(8, AS_TRANSTAB_LO), 0x1000);
	EXPECT_EQ(th_rd(t, th_as_reg(8, AS_TRANSTAB_LO)), 0);
	EXPECT_EQ(t->gpu->stats.unknown_writes, 1);
	th_wr(t, th_as_reg(7, AS_TRANSTAB_LO), 0x1000);
	EXPECT_EQ(th_rd(t, th_as_reg(7, AS_TRANSTAB_LO)), 0x1000);
}

TEST(as_gap_between_registers_is_unknown)
{
	/* 0x2C is a hole between STATUS and TRANSCFG. */
	EXPECT_EQ(th_rd(t, th_as_reg(0, 0x2c)), 0);
	EXPECT_EQ(t->gpu->stats.unknown_reads, 1);
}

TEST(register_tables_are_valid)
{
	EXPECT_EQ(mm_block_check(&mm_gpu_ctrl_block), -1);
	EXPECT_EQ(mm_block_check(&mm_job_irq_block), -1);
	EXPECT_EQ(mm_block_check(&mm_mmu_irq_block), -1);
	EXPECT_EQ(mm_block_check(&mm_as_block), -1);
	EXPECT_EQ(mm_block_check(&mm_user_block), -1);
	EXPECT_EQ(mm_block_check(&mm_doorbell_block), -1);
}

TEST(table_checker_catches_bad_tables)
{
	static const struct mm_reg unsorted[] = {
		MM_REG_RW(0x8, 0, NULL, 0),
		MM_REG_RW(0x4, 0, NULL, 0),
	};
	static const struct mm_reg misaligned[] = {
		MM_REG_RW(0x0, 0, NULL, 0),
		MM_REG_RW(0x6, 0, NULL, 0),
	};
	static const struct mm_reg outside[] = {
		MM_REG_RW(0x40, 0, NULL, 0),
	};
	struct mm_block blk = { .name = "X", .size = 0x40, .stride = 0x40,
				.count = 1 };

	blk.regs = unsorted;
	blk.nregs = 2;
	EXPECT_EQ(mm_block_check(&blk), 1);
	blk.regs = misaligned;
	EXPECT_EQ(mm_block_check(&blk), 1);
	blk.regs = outside;
	blk.nregs = 1;
	EXPECT_EQ(mm_block_check(&blk), 0);
}

TEST(block_find_locates_every_register)
{
	const struct mm_block *b = &mm_gpu_ctrl_block;
	unsigned int i;

	for (i = 0; i < b->nregs; i++)
		EXPECT_TRUE(mm_block_find(b, b->regs[i].offset) == &b->regs[i]);
	EXPECT_TRUE(mm_block_find(b, 0x038) == NULL);
	EXPECT_TRUE(strcmp(mm_block_find(b, MCU_STATUS)->name,
			   "MCU_STATUS") == 0);
}

TEST(formatter_subset)
{
	char buf[64];

	mm_snprintf(buf, sizeof(buf), "%08x|%x|%X", 0xab, 0, 0xcd);
	EXPECT_EQ(strcmp(buf, "000000ab|0|CD"), 0);
	mm_snprintf(buf, sizeof(buf), "%llx %llu", 0x123456789abcull,
		    18446744073709551615ull);
	EXPECT_EQ(strcmp(buf, "123456789abc 18446744073709551615"), 0);
	mm_snprintf(buf, sizeof(buf), "%d %d %u %s %c %%", -42, 7, 3u, "s", 'c');
	EXPECT_EQ(strcmp(buf, "-42 7 3 s c %"), 0);
	mm_snprintf(buf, sizeof(buf), "%5d|%3x", 12, 0xabcd);
	EXPECT_EQ(strcmp(buf, "   12|abcd"), 0);
}

TEST(formatter_truncates_safely)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(mm_snprintf(buf, 5, "%s", "abcdefgh"), 4);
	EXPECT_EQ(strcmp(buf, "abcd"), 0);
	EXPECT_EQ(buf[5], 'x');
}

/* A synthetic block exercising every access type of the engine. */
static u32 eng_store[2][4];
static u32 eng_last_write;
static u32 eng_last_inst;

static u32 *eng_store_fn(struct mm_gpu *gpu __maybe_unused, u32 inst)
{
	return eng_store[inst];
}

static void eng_write(struct mm_gpu *gpu __maybe_unused,
		      const struct mm_reg_io *io, u32 val)
{
	eng_last_write = val;
	eng_last_inst = io->inst;
}

static u32 eng_read(struct mm_gpu *gpu __maybe_unused,
		    const struct mm_reg_io *io)
{
	return 0x1000 + io->inst * 0x100 + io->reg->arg;
}

static const struct mm_reg eng_regs[] = {
	MM_REG_ID(0x0, MM_ID_GPU_ID),
	MM_REG_RW(0x4, 0x55, eng_write, 0),
	MM_REG_WO(0x8, eng_write, 0),
	MM_REG_ENTRY(0xc, "W1C", MM_RW1C, 0xff, NULL, NULL, 0),
};

static const struct mm_reg eng_regs_rd[] = {
	MM_REG_RO(0x0, eng_read, 7),
};

TEST(engine_default_access_behaviour)
{
	struct mm_block blk = {
		.name = "ENG", .base = 0x100, .size = 0x10, .stride = 0x20,
		.count = 2, .regs = eng_regs, .nregs = 4, .store = eng_store_fn,
	};

	ASSERT_EQ(mm_block_check(&blk), -1);
	mm_block_reset(t->gpu, &blk, 1);
	/* Reset values: product identity, table value. */
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x20), 0xa8670005);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x24), 0x55);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x2c), 0xff);
	/* RW stores then calls the handler with the instance. */
	mm_block_write(t->gpu, &blk, 0x24, 0x66);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x24), 0x66);
	EXPECT_EQ(eng_last_write, 0x66);
	EXPECT_EQ(eng_last_inst, 1);
	/* WO: handler only, reads 0. */
	mm_block_write(t->gpu, &blk, 0x28, 0x77);
	EXPECT_EQ(eng_last_write, 0x77);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x28), 0);
	EXPECT_EQ(eng_store[1][2], 0);
	/* RW1C clears the ones written. */
	mm_block_write(t->gpu, &blk, 0x2c, 0x0f);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x2c), 0xf0);
	/* RO ignores writes. */
	mm_block_write(t->gpu, &blk, 0x20, 0);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x20), 0xa8670005);
	/* Past the instance's size, inside its stride: unknown. */
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x30), 0);
	EXPECT_TRUE(th_log_has(t, "unknown register 0x000130"));
	/* Beyond the last instance. */
	EXPECT_FALSE(mm_block_contains(&blk, 0x140));
	EXPECT_TRUE(mm_block_contains(&blk, 0x12c));
	EXPECT_FALSE(mm_block_contains(&blk, 0x130));
}

TEST(engine_read_handler_replaces_store)
{
	struct mm_block blk = {
		.name = "ENG", .base = 0, .size = 0x10, .stride = 0x10,
		.count = 2, .regs = eng_regs_rd, .nregs = 1,
	};

	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x10), 0x1107);
	EXPECT_EQ(mm_block_read(t->gpu, &blk, 0x00), 0x1007);
}
