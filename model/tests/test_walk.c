// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The page-table walker: every level, block sizes, every fault kind,
 * permissions, and the mm_mmu_access() data path.
 */
#include <string.h>

#include "host.h"
#include "mt.h"

#define AS	3

static uint64_t root_for(struct th *t)
{
	uint64_t root = th_pt_new(t);

	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR);
	return root;
}

static u32 fault_status(struct th *t)
{
	return th_rd(t, th_as_reg(AS, AS_FAULTSTATUS));
}

static uint64_t fault_address(struct th *t)
{
	return th_rd64(t, th_as_reg(AS, AS_FAULTADDRESS_LO));
}

static int try_access(struct th *t, uint64_t va, enum mm_access_type type)
{
	uint32_t v = 0;

	return mm_mmu_access(t->gpu, AS, va, &v, sizeof(v), type);
}

TEST(page_at_level3_reads_memory)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint32_t v = 0;

	th_map(t, root, 0x1234000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_w32(t, page + 0x10, 0xcafef00d);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x1234010, &v, 4, MM_ACCESS_READ),
		  MM_MMU_OK);
	EXPECT_EQ(v, 0xcafef00d);
}

TEST(write_through_mapping_reaches_memory)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t v = 0x0123456789abcdefull;

	th_map(t, root, 0x7f0000000000ull, page, TH_SZ_4K, TH_PTE_RW_NX);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x7f0000000ff8ull, &v, 8,
				MM_ACCESS_WRITE), MM_MMU_OK);
	EXPECT_EQ(th_r64(t, page + 0xff8), v);
}

TEST(access_crossing_pages_follows_each_mapping)
{
	uint64_t root = root_for(t);
	uint64_t p1 = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t p0 = th_alloc(t, TH_SZ_4K, TH_SZ_4K);	/* not contiguous */
	uint8_t buf[8], want[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	th_map(t, root, 0x10000, p0, TH_SZ_4K, TH_PTE_RW_NX);
	th_map(t, root, 0x11000, p1, TH_SZ_4K, TH_PTE_RW_NX);
	memcpy(th_mem(t, p0 + 0xffc), want, 4);
	memcpy(th_mem(t, p1), want + 4, 4);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x10ffc, buf, 8, MM_ACCESS_READ),
		  MM_MMU_OK);
	EXPECT_EQ(memcmp(buf, want, 8), 0);
}

TEST(partial_access_stops_at_faulting_page)
{
	uint64_t root = root_for(t), p0 = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint8_t buf[8];

	memset(buf, 0xee, sizeof(buf));
	th_map(t, root, 0x10000, p0, TH_SZ_4K, TH_PTE_RW_NX);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x10ffc, buf, 8, MM_ACCESS_WRITE),
		  MM_MMU_FAULT);
	EXPECT_EQ(th_r32(t, p0 + 0xffc), 0xeeeeeeee);
	EXPECT_EQ(fault_address(t), 0x11000);
}

TEST(block_2m_at_level2)
{
	uint64_t root = root_for(t), blk = th_alloc(t, TH_SZ_2M, TH_SZ_2M);
	uint64_t pa;

	th_map(t, root, 0x40000000ull, blk, TH_SZ_2M, TH_PTE_RW_NX);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0x401fedc8ull, MM_ACCESS_READ,
				   &pa), MM_MMU_OK);
	EXPECT_EQ(pa, blk + 0x1fedc8);
	EXPECT_EQ(t->gpu->mmu.as[AS].tlb[0].shift, 21);
	EXPECT_EQ(t->gpu->mmu.as[AS].tlb[0].level, 2);
}

TEST(block_1g_at_level1)
{
	uint64_t root = root_for(t), pa;

	/* The 1 GiB block's PA need not be RAM for translation. */
	th_map(t, root, 0x8000000000ull, 0x40000000ull, TH_SZ_1G, TH_PTE_RW_NX);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0x8012345678ull, MM_ACCESS_READ,
				   &pa), MM_MMU_OK);
	EXPECT_EQ(pa, 0x52345678ull);
	EXPECT_EQ(t->gpu->mmu.as[AS].tlb[0].shift, 30);
}

TEST(block_1g_reads_memory)
{
	uint64_t root = root_for(t);
	uint32_t v = 0;

	/* Test RAM sits at 2 GiB, exactly one 1 GiB block. */
	th_map(t, root, 0x40000000ull, TH_MEM_BASE, TH_SZ_1G, TH_PTE_RW_NX);
	th_w32(t, TH_MEM_BASE + 0x3000000, 0x600d);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x43000000ull, &v, 4,
				MM_ACCESS_READ), MM_MMU_OK);
	EXPECT_EQ(v, 0x600d);
}

TEST(translation_fault_at_each_level)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t leaf;
	unsigned int lvl;

	/* Nothing mapped: level 0. */
	EXPECT_EQ(try_access(t, 0x1000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t), MMU_EXC_TRANSLATION(0) | MM_ACCESS_READ << 8);
	EXPECT_EQ(fault_address(t), 0x1000);

	leaf = th_map(t, root, 0x1000, page, TH_SZ_4K, TH_PTE_RW_NX);
	(void)leaf;
	/* Neighbours of the mapping miss at deeper and deeper levels. */
	for (lvl = 1; lvl <= 3; lvl++) {
		uint64_t va = 0x1000 + (1ull << (12 + 9 * (3 - lvl)));

		th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0xffffffff);
		EXPECT_EQ(try_access(t, va, MM_ACCESS_WRITE), MM_MMU_FAULT);
		EXPECT_EQ(fault_status(t),
			  MMU_EXC_TRANSLATION(lvl) | MM_ACCESS_WRITE << 8);
		EXPECT_EQ(fault_address(t), va);
	}
}

TEST(level3_block_encoding_is_invalid)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t leaf = th_map(t, root, 0x5000, page, TH_SZ_4K, TH_PTE_RW_NX);

	th_w64(t, leaf, th_r64(t, leaf) & ~PTE_TYPE_TABLE);
	EXPECT_EQ(try_access(t, 0x5000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_TRANSLATION(3));
}

TEST(level0_block_encoding_is_invalid)
{
	uint64_t root = root_for(t);

	th_w64(t, root, TH_MEM_BASE | TH_PTE_RW_NX | PTE_VALID);
	EXPECT_EQ(try_access(t, 0x5000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_TRANSLATION(0));
}

TEST(permission_fault_on_write_to_read_only)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RO_NX);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_OK);
	EXPECT_EQ(try_access(t, 0x6004, MM_ACCESS_WRITE), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t), MMU_EXC_PERMISSION(3) | MM_ACCESS_WRITE << 8);
	EXPECT_EQ(fault_address(t), 0x6004);
}

TEST(atomic_needs_write_permission)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RO_NX);
	th_map(t, root, 0x7000, page, TH_SZ_4K, TH_PTE_RW_NX);
	EXPECT_EQ(try_access(t, 0x7000, MM_ACCESS_ATOMIC), MM_MMU_OK);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_ATOMIC), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t), MMU_EXC_PERMISSION(3) | MM_ACCESS_ATOMIC << 8);
}

TEST(execute_needs_executable_page)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_map(t, root, 0x7000, page, TH_SZ_4K, TH_PTE_RW_X);
	EXPECT_EQ(try_access(t, 0x7000, MM_ACCESS_EXECUTE), MM_MMU_OK);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_EXECUTE), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t),
		  MMU_EXC_PERMISSION(3) | MM_ACCESS_EXECUTE << 8);
}

TEST(either_xn_bit_prevents_execution)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_X | PTE_PXN);
	th_map(t, root, 0x7000, page, TH_SZ_4K, TH_PTE_RW_X | PTE_XN);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_EXECUTE), MM_MMU_FAULT);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0xffffffff);
	EXPECT_EQ(try_access(t, 0x7000, MM_ACCESS_EXECUTE), MM_MMU_FAULT);
	EXPECT_EQ(try_access(t, 0x7000, MM_ACCESS_READ), MM_MMU_OK);
}

TEST(ap1_clear_makes_page_inaccessible)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_X & ~PTE_AP_UNPRIV);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t), MMU_EXC_PERMISSION(3) | MM_ACCESS_READ << 8);
}

TEST(access_flag_fault_on_page_and_block)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX & ~PTE_AF);
	th_map(t, root, 0x200000, TH_MEM_BASE, TH_SZ_2M,
	       TH_PTE_RW_NX & ~PTE_AF);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ACCESS_FLAG(3));
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0xffffffff);
	EXPECT_EQ(try_access(t, 0x200000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ACCESS_FLAG(2));
}

TEST(disable_af_fault_accepts_af_clear)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX & ~PTE_AF);
	th_as_enable(t, AS, root, TH_TRANSCFG | AS_TRANSCFG_DISABLE_AF_FAULT,
		     TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_OK);
}

TEST(address_size_fault_on_output_address)
{
	uint64_t root = root_for(t);

	/* PA bit 40 set: beyond the 40-bit PA of MMU_FEATURES. */
	th_map(t, root, 0x6000, 1ull << 40, TH_SZ_4K, TH_PTE_RW_NX);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ADDR_SIZE_OUT(3));
}

TEST(address_size_fault_on_table_address)
{
	uint64_t root = root_for(t);

	th_w64(t, root, (1ull << 44) | PTE_VALID | PTE_TYPE_TABLE);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ADDR_SIZE_OUT(0));
}

TEST(address_size_fault_on_input_address)
{
	root_for(t);
	EXPECT_EQ(try_access(t, 1ull << 48, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ADDR_SIZE_IN(0));
	EXPECT_EQ(fault_address(t), 1ull << 48);
}

TEST(table_bus_fault_when_table_outside_ram)
{
	uint64_t root = root_for(t);

	/* Level-0 entry points at a level-1 table that is not RAM. */
	th_w64(t, root, 0x10000000ull | PTE_VALID | PTE_TYPE_TABLE);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_TRANSTAB_BUS(1));
}

TEST(table_bus_fault_when_transtab_outside_ram)
{
	th_as_enable(t, AS, 0x1000, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_TRANSTAB_BUS(0));
}

TEST(ina_bits_zero_means_48_bits)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t pa;

	th_map(t, root, 0xfff000000000ull, page, TH_SZ_4K, TH_PTE_RW_NX);
	/* kbase style: INA_BITS left at 0. */
	th_as_enable(t, AS, root, TH_TRANSCFG & ~AS_TRANSCFG_INA_BITS,
		     TH_MEMATTR);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0xfff000000123ull,
				   MM_ACCESS_READ, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, page + 0x123);
}

TEST(ina_bits_39_starts_at_level1)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t cfg = (TH_TRANSCFG & ~AS_TRANSCFG_INA_BITS) |
		       MM_FIELD_PREP(AS_TRANSCFG_INA_BITS, 55 - 39);
	uint64_t pa;

	th_map_lvl(t, root, 1, 0x7fc0001000ull, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, AS, root, cfg, TH_MEMATTR);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0x7fc0001008ull, MM_ACCESS_READ,
				   &pa), MM_MMU_OK);
	EXPECT_EQ(pa, page + 8);
	/* Beyond 39 bits: input address-size fault at the start level. */
	EXPECT_EQ(try_access(t, 1ull << 39, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_ADDR_SIZE_IN(1));
}

TEST(ina_bits_30_starts_at_level2)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t cfg = (TH_TRANSCFG & ~AS_TRANSCFG_INA_BITS) |
		       MM_FIELD_PREP(AS_TRANSCFG_INA_BITS, 55 - 30);
	uint64_t pa;

	th_map_lvl(t, root, 2, 0x3fe00000ull, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, AS, root, cfg, TH_MEMATTR);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0x3fe00010ull, MM_ACCESS_READ,
				   &pa), MM_MMU_OK);
	EXPECT_EQ(pa, page + 0x10);
}

TEST(unmapped_mode_faults_everything)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_as_enable(t, AS, root, AS_ADRMODE_UNMAPPED, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_TRANSLATION(0));
}

TEST(unconfigured_as_faults)
{
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), MMU_IRQ_FAULT(AS));
}

TEST(identity_mode_maps_va_to_pa)
{
	uint64_t pa;

	th_as_enable(t, AS, 0, AS_ADRMODE_IDENTITY, 0);
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, TH_MEM_BASE + 0x1234,
				   MM_ACCESS_WRITE, &pa), MM_MMU_OK);
	EXPECT_EQ(pa, TH_MEM_BASE + 0x1234);
	EXPECT_EQ(try_access(t, 1ull << 40, MM_ACCESS_READ), MM_MMU_FAULT);
}

TEST(granule_64k_is_not_modelled)
{
	th_as_enable(t, AS, th_pt_new(t), AS_ADRMODE_AARCH64_64K, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_TRUE(th_log_has(t, "64 KiB granule"));
}

TEST(wxn_makes_writable_pages_non_executable)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_X);
	th_map(t, root, 0x7000, page, TH_SZ_4K, TH_PTE_RW_X | PTE_AP_RDONLY);
	th_as_enable(t, AS, root, TH_TRANSCFG | AS_TRANSCFG_WXN, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_EXECUTE), MM_MMU_FAULT);
	EXPECT_EQ(try_access(t, 0x7000, MM_ACCESS_EXECUTE), MM_MMU_OK);
}

TEST(hierarchical_read_only_and_its_disable)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX);
	th_w64(t, root, th_r64(t, root) | PTE_AP_TABLE_RDONLY);
	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_OK);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_WRITE), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_PERMISSION(3));
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, 0xffffffff);
	th_as_enable(t, AS, root, TH_TRANSCFG | AS_TRANSCFG_DISABLE_HIER_AP,
		     TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_WRITE), MM_MMU_OK);
}

TEST(hierarchical_execute_never)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);

	th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_X);
	th_w64(t, root, th_r64(t, root) | PTE_XN_TABLE);
	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_EXECUTE), MM_MMU_FAULT);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_WRITE), MM_MMU_OK);
}

TEST(memattr_fault_type_faults)
{
	uint64_t root = th_pt_new(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t attrs = (TH_PTE_RW_NX & ~PTE_ATTRINDX) |
			 MM_FIELD_PREP(PTE_ATTRINDX, 5);

	th_map(t, root, 0x6000, page, TH_SZ_4K, attrs);
	/* Byte 5 of MEMATTR with type 3: "fault on access". */
	th_as_enable(t, AS, root, TH_TRANSCFG, TH_MEMATTR | 0xc0ull << 40);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(fault_status(t) & 0xff, MMU_EXC_MEMATTR(3));
}

TEST(software_bits_are_ignored)
{
	uint64_t root = root_for(t), page = th_alloc(t, TH_SZ_4K, TH_SZ_4K);
	uint64_t leaf = th_map(t, root, 0x6000, page, TH_SZ_4K, TH_PTE_RW_NX);
	uint64_t pa;

	th_w64(t, leaf, th_r64(t, leaf) | MM_GENMASK(58, 55) | MM_BIT(63));
	th_w64(t, root, th_r64(t, root) | MM_GENMASK(58, 55));
	EXPECT_EQ(mm_mmu_translate(t->gpu, AS, 0x6000, MM_ACCESS_WRITE, &pa),
		  MM_MMU_OK);
	EXPECT_EQ(pa, page);
}

TEST(bus_fault_on_data_access_outside_ram)
{
	uint64_t root = root_for(t);
	uint32_t v;

	th_map(t, root, 0x6000, 0x10000000ull, TH_SZ_4K, TH_PTE_RW_NX);
	th_wr(t, GPU_IRQ_MASK, GPU_IRQ_FAULT);
	EXPECT_EQ(mm_mmu_access(t->gpu, AS, 0x6010, &v, 4, MM_ACCESS_WRITE),
		  MM_MMU_BUS_FAULT);
	EXPECT_TRUE(t->irq[MM_IRQ_GPU]);
	EXPECT_EQ(th_rd(t, GPU_FAULTSTATUS),
		  GPU_EXC_BUS_FAULT | MM_ACCESS_WRITE << 8 |
		  GPU_FAULTSTATUS_ADDR_VALID | GPU_FAULTSTATUS_JASID_VALID |
		  AS << 12);
	EXPECT_EQ(th_rd64(t, GPU_FAULTADDRESS_LO), 0x10000010ull);
	/* Bus faults do not go through the MMU interrupt. */
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
}

TEST(fault_raises_mmu_irq_bit_of_the_as)
{
	th_wr(t, MMU_IRQ_BASE + IRQ_MASK, 0xffff);
	root_for(t);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), MMU_IRQ_FAULT(AS));
	EXPECT_TRUE(t->irq[MM_IRQ_MMU]);
	EXPECT_NE(th_rd(t, GPU_STATUS) & GPU_STATUS_PAGE_FAULT, 0);
}

TEST(first_fault_wins_until_cleared)
{
	root_for(t);
	EXPECT_EQ(try_access(t, 0x6000, MM_ACCESS_READ), MM_MMU_FAULT);
	EXPECT_EQ(try_access(t, 0x9000, MM_ACCESS_WRITE), MM_MMU_FAULT);
	EXPECT_EQ(fault_address(t), 0x6000);
	EXPECT_EQ(t->gpu->stats.lost_faults, 1);
	th_wr(t, MMU_IRQ_BASE + IRQ_CLEAR, MMU_IRQ_FAULT(AS));
	EXPECT_EQ(try_access(t, 0x9000, MM_ACCESS_WRITE), MM_MMU_FAULT);
	EXPECT_EQ(fault_address(t), 0x9000);
	EXPECT_EQ(fault_status(t) >> 8 & 3, MM_ACCESS_WRITE);
}

TEST(faults_on_different_as_are_separate)
{
	th_as_enable(t, 1, th_pt_new(t), TH_TRANSCFG, TH_MEMATTR);
	th_as_enable(t, 6, th_pt_new(t), TH_TRANSCFG, TH_MEMATTR);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 1, 0x1000, MM_ACCESS_READ,
				   &(uint64_t){ 0 }), MM_MMU_FAULT);
	EXPECT_EQ(mm_mmu_translate(t->gpu, 6, 0x2000, MM_ACCESS_READ,
				   &(uint64_t){ 0 }), MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT),
		  MMU_IRQ_FAULT(1) | MMU_IRQ_FAULT(6));
	EXPECT_EQ(th_rd64(t, th_as_reg(1, AS_FAULTADDRESS_LO)), 0x1000);
	EXPECT_EQ(th_rd64(t, th_as_reg(6, AS_FAULTADDRESS_LO)), 0x2000);
}

TEST(access_through_absent_as_fails_quietly)
{
	uint64_t pa;

	EXPECT_EQ(mm_mmu_translate(t->gpu, 9, 0x1000, MM_ACCESS_READ, &pa),
		  MM_MMU_FAULT);
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
	EXPECT_TRUE(th_log_has(t, "absent AS9"));
}

TEST(probe_has_no_fault_side_effects)
{
	uint64_t pa;

	root_for(t);
	EXPECT_EQ(mm_mmu_probe(t->gpu, AS, 0x1000, MM_ACCESS_READ, &pa),
		  MMU_EXC_TRANSLATION(0));
	EXPECT_EQ(th_rd(t, MMU_IRQ_BASE + IRQ_RAWSTAT), 0);
	EXPECT_EQ(fault_status(t), 0);
}
