// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit tests for the MMU block's logic that needs no GPU: LOCK region
 * sizing, the split of a VM's address space, VM_BIND argument checks,
 * page-size choice, and page-table edits on real io-pgtable tables
 * (including partial unmaps of 2 MiB blocks).
 */

#include <linux/bits.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>

#include <kunit/device.h>
#include <kunit/test.h>

#include <uapi/drm/panthor_drm.h>

#include "../panthor_mmu.h"

/* AS_LOCKADDR fields (mali-csf-hw.md §1.13). */
#define LOCK_SIZE_FIELD(v)	((v) & 0x3f)
#define LOCK_BASE_FIELD(v)	((v) & ~0xfffULL)
#define LOCK_ALL		63

/* ---- LOCK region ------------------------------------------------------- */

/**
 * struct lock_case - One range and the LOCKADDR value it must give
 */
struct lock_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @start: start of the range */
	u64 start;
	/** @size: size of the range */
	u64 size;
	/** @lockaddr: expected AS_LOCKADDR value */
	u64 lockaddr;
};

static const struct lock_case lock_cases[] = {
	{ "one page rounds up to 32 KiB", 0x0, SZ_4K, 14 },
	{ "two pages inside one 32 KiB block", 0x1000, 0x2000, 14 },
	{ "exactly one aligned 32 KiB block", 0x10000, SZ_32K, 0x10000 | 14 },
	{ "exactly one aligned 64 KiB block", 0x10000, SZ_64K, 0x10000 | 15 },
	{ "two pages across a 128 KiB boundary", 0x1f000, 0x2000, 17 },
	{ "an aligned 2 MiB block", SZ_2M, SZ_2M, SZ_2M | 20 },
	{ "a 2 MiB block one page off needs 8 MiB", SZ_2M + SZ_4K, SZ_2M, 22 },
	{ "the last page of a 48-bit space", 0xfffffffff000ULL, SZ_4K,
	  0xffffffff8000ULL | 14 },
	{ "a whole 48-bit space", 0, BIT_ULL(48), 47 },
	{ "top bit of the address kept", BIT_ULL(63), SZ_4K, BIT_ULL(63) | 14 },
	{ "size 0 locks everything", 0x1000, 0, LOCK_ALL },
	{ "a range wrapping past 2^64 locks everything", ~0ULL - 0xfff, SZ_8K, LOCK_ALL },
	{ "the whole 64-bit space", 0, 0, LOCK_ALL },
	{ "the last page of the 64-bit space", ~0ULL - 0xfff, SZ_4K,
	  0xffffffffffff8000ULL | 14 },
};

static void lock_case_desc(const struct lock_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(lock_region, lock_cases, lock_case_desc);

static void panthor_mmu_lock_region_test(struct kunit *test)
{
	const struct lock_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, panthor_mmu_lock_region(c->start, c->size), c->lockaddr);
}

/*
 * For ranges drawn at random: the region must be naturally aligned, at least
 * 32 KiB, hold the whole range, and be the smallest such region (neither
 * half of it holds the range).
 */
static void panthor_mmu_lock_region_random_test(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < 2000; i++) {
		u64 start = get_random_u64() & GENMASK_ULL(47, 12);
		u64 size = ((get_random_u64() & GENMASK_ULL(i % 40 + 12, 0)) | 1) & ~0xfffULL;
		u64 last, value, base, region, half_last;
		u32 log2;

		if (!size)
			size = SZ_4K;
		last = start + size - 1;

		value = panthor_mmu_lock_region(start, size);
		log2 = LOCK_SIZE_FIELD(value) + 1;
		KUNIT_ASSERT_GE(test, log2, 15);
		KUNIT_ASSERT_LT(test, log2, 64);

		region = BIT_ULL(log2);
		base = LOCK_BASE_FIELD(value);
		KUNIT_EXPECT_EQ(test, base & (region - 1), 0);
		KUNIT_EXPECT_LE(test, base, start);
		KUNIT_EXPECT_GE(test, base + region - 1, last);

		/* Minimal: start and last fall in different halves. */
		if (log2 > 15) {
			half_last = base + region / 2 - 1;
			KUNIT_EXPECT_TRUE(test, start <= half_last && last > half_last);
		}
	}
}

/* ---- VA layout ----------------------------------------------------------- */

/**
 * struct layout_case - One VM_CREATE request and how the VA space is split
 */
struct layout_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @va_bits: GPU VA width */
	u32 va_bits;
	/** @requested: user_va_range passed to VM_CREATE */
	u64 requested;
	/** @task_size: caller's address-space size */
	u64 task_size;
	/** @ret: expected return value */
	int ret;
	/** @user_end: expected user_va_range written back */
	u64 user_end;
};

static const struct layout_case layout_cases[] = {
	{ "48 bits, 4 GiB asked, 2^47 given (uapi-abi.md example)",
	  48, SZ_4G, BIT_ULL(47), 0, BIT_ULL(47) },
	{ "48 bits, default for a 64-bit process as large as the GPU",
	  48, 0, BIT_ULL(48), 0, BIT_ULL(47) },
	{ "48 bits, default for a process with a 39-bit address space",
	  48, 0, BIT_ULL(39), 0, BIT_ULL(47) },
	{ "48 bits, default for a 32-bit process",
	  48, 0, SZ_4G, 0, BIT_ULL(47) },
	{ "48 bits, largest request leaves 256 MiB",
	  48, BIT_ULL(48) - SZ_256M, BIT_ULL(47), 0, BIT_ULL(48) - SZ_256M },
	{ "48 bits, one page more is refused",
	  48, BIT_ULL(48) - SZ_256M + SZ_4K, BIT_ULL(47), -EINVAL, 0 },
	{ "48 bits, everything is refused",
	  48, BIT_ULL(48), BIT_ULL(47), -EINVAL, 0 },
	{ "32 bits, 3 GiB asked (Mesa's 32-bit VA case)",
	  32, 3ULL * SZ_1G, BIT_ULL(47), 0, 3ULL * SZ_1G },
	{ "32 bits, end rounded up to leave a power of two",
	  32, 3ULL * SZ_1G + SZ_256M + SZ_64M, BIT_ULL(47), 0, 3ULL * SZ_1G + SZ_512M },
	{ "32 bits, default keeps 256 MiB for the kernel",
	  32, 0, BIT_ULL(47), 0, SZ_4G - SZ_256M },
	{ "28 bits, the smallest space, has no user range by default",
	  28, 0, BIT_ULL(47), 0, 0 },
	{ "27 bits is too small",
	  27, 0, BIT_ULL(47), -EINVAL, 0 },
};

static void layout_case_desc(const struct layout_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(va_layout, layout_cases, layout_case_desc);

static void panthor_vm_user_va_layout_test(struct kunit *test)
{
	const struct layout_case *c = test->param_value;
	struct panthor_vm_va_layout layout = {};
	u64 full = BIT_ULL(c->va_bits);
	int ret;

	ret = panthor_vm_user_va_layout(c->va_bits, c->requested, c->task_size, &layout);
	KUNIT_ASSERT_EQ(test, ret, c->ret);
	if (ret)
		return;

	KUNIT_EXPECT_EQ(test, layout.user_end, c->user_end);

	/* The kernel range: a power of two, >= 256 MiB, ending at the top. */
	KUNIT_EXPECT_EQ(test, layout.kernel_start, layout.user_end);
	KUNIT_EXPECT_EQ(test, layout.kernel_start + layout.kernel_size, full);
	KUNIT_EXPECT_TRUE(test, is_power_of_2(layout.kernel_size));
	KUNIT_EXPECT_GE(test, layout.kernel_size, (u64)SZ_256M);

	/* Never less than asked for. */
	KUNIT_EXPECT_GE(test, layout.user_end, c->requested);
}

/* ---- VM_BIND argument checks ------------------------------------------- */

#define USER_END	BIT_ULL(47)
#define MAP		DRM_PANTHOR_VM_BIND_OP_TYPE_MAP
#define UNMAP		DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP
#define SYNC_ONLY	DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY

/**
 * struct bind_case - One VM_BIND operation and the check's verdict
 */
struct bind_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @op: the operation */
	struct drm_panthor_vm_bind_op op;
	/** @ret: expected return value */
	int ret;
};

static const struct bind_case bind_cases[] = {
	{ "map", { .flags = MAP, .bo_handle = 1, .va = SZ_1M, .size = SZ_64K }, 0 },
	{ "map with every modifier", {
		.flags = MAP | DRM_PANTHOR_VM_BIND_OP_MAP_READONLY |
			 DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC | DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED,
		.bo_handle = 1, .bo_offset = SZ_4K, .va = SZ_1M, .size = SZ_4K }, 0 },
	{ "map up to the end of the user range",
	  { .flags = MAP, .bo_handle = 1, .va = USER_END - SZ_4K, .size = SZ_4K }, 0 },
	{ "map unaligned va", { .flags = MAP, .bo_handle = 1, .va = 0x800, .size = SZ_4K },
	  -EINVAL },
	{ "map unaligned size", { .flags = MAP, .bo_handle = 1, .va = 0, .size = 0x1800 },
	  -EINVAL },
	{ "map unaligned BO offset",
	  { .flags = MAP, .bo_handle = 1, .bo_offset = 0x10, .size = SZ_4K }, -EINVAL },
	{ "map across the end of the user range",
	  { .flags = MAP, .bo_handle = 1, .va = USER_END - SZ_4K, .size = SZ_8K }, -EINVAL },
	{ "map in the kernel range",
	  { .flags = MAP, .bo_handle = 1, .va = USER_END, .size = SZ_4K }, -EINVAL },
	{ "map wrapping past 2^64",
	  { .flags = MAP, .bo_handle = 1, .va = ~0ULL - 0xfff, .size = SZ_8K }, -EINVAL },
	{ "map, sparse modifier (not supported)",
	  { .flags = MAP | DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE, .va = 0, .size = SZ_4K },
	  -EINVAL },
	{ "map, unknown modifier", { .flags = MAP | BIT(4), .bo_handle = 1, .size = SZ_4K },
	  -EINVAL },
	{ "unmap", { .flags = UNMAP, .va = SZ_2M, .size = SZ_2M }, 0 },
	{ "unmap with a modifier",
	  { .flags = UNMAP | DRM_PANTHOR_VM_BIND_OP_MAP_READONLY, .size = SZ_4K }, -EINVAL },
	{ "unmap with a BO handle", { .flags = UNMAP, .bo_handle = 1, .size = SZ_4K },
	  -EINVAL },
	{ "unmap with a BO offset", { .flags = UNMAP, .bo_offset = SZ_4K, .size = SZ_4K },
	  -EINVAL },
	{ "sync-only", { .flags = SYNC_ONLY, .syncs = { .count = 1 } }, 0 },
	{ "sync-only without syncs", { .flags = SYNC_ONLY }, -EINVAL },
	{ "sync-only with a va", { .flags = SYNC_ONLY, .va = SZ_4K, .syncs = { .count = 1 } },
	  -EINVAL },
	{ "sync-only with a size",
	  { .flags = SYNC_ONLY, .size = SZ_4K, .syncs = { .count = 1 } }, -EINVAL },
	{ "sync-only with a BO", { .flags = SYNC_ONLY, .bo_handle = 1, .syncs = { .count = 1 } },
	  -EINVAL },
	{ "type 3", { .flags = 3u << 28, .size = SZ_4K }, -EINVAL },
	{ "type 15", { .flags = 15u << 28, .size = SZ_4K }, -EINVAL },
};

static void bind_case_desc(const struct bind_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bind_op, bind_cases, bind_case_desc);

static void panthor_vm_bind_op_check_test(struct kunit *test)
{
	const struct bind_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, panthor_vm_bind_op_check(&c->op, USER_END), c->ret);
}

/* ---- Page sizes ---------------------------------------------------------- */

/**
 * struct pgsize_case - The start of a range and the pages to map it with
 */
struct pgsize_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @iova: GPU address */
	u64 iova;
	/** @paddr: physical address */
	u64 paddr;
	/** @len: contiguous length */
	u64 len;
	/** @pgsize: expected page size */
	size_t pgsize;
	/** @count: expected number of pages */
	size_t count;
};

static const struct pgsize_case pgsize_cases[] = {
	{ "two aligned blocks", 0, SZ_2M, SZ_4M, SZ_2M, 2 },
	{ "one block and a remainder", SZ_2M, SZ_4M, SZ_2M + SZ_1M, SZ_2M, 1 },
	{ "aligned, but shorter than a block", SZ_2M, SZ_2M, SZ_1M, SZ_4K, 256 },
	{ "pages up to where a block can start", SZ_4K, SZ_2M + SZ_4K, SZ_4M, SZ_4K, 511 },
	{ "differently misaligned: pages only", SZ_4K, SZ_8K, SZ_4M, SZ_4K, 1024 },
	{ "GPU address aligned, physical not", 0, SZ_4K, SZ_4M, SZ_4K, 1024 },
	{ "one page", SZ_64K, SZ_1M, SZ_4K, SZ_4K, 1 },
};

static void pgsize_case_desc(const struct pgsize_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pgsize, pgsize_cases, pgsize_case_desc);

static void panthor_vm_pick_pgsize_test(struct kunit *test)
{
	const struct pgsize_case *c = test->param_value;
	size_t count = 0;

	KUNIT_EXPECT_EQ(test, panthor_vm_pick_pgsize(c->iova, c->paddr, c->len, &count),
			c->pgsize);
	KUNIT_EXPECT_EQ(test, count, c->count);
	KUNIT_EXPECT_LE(test, (u64)count * c->pgsize, c->len);
}

/* ---- Page tables ----------------------------------------------------------- */

/*
 * The page-table helpers run on real io-pgtable tables. Only descriptors are
 * written, never the memory they point at, so the "BO pages" are physical
 * addresses made up for the test, placed where blocks can or cannot be used.
 */
#define PT_PA_BASE	SZ_1G

/**
 * struct pt_ctx - Page tables and a made-up BO for one test
 */
struct pt_ctx {
	/** @ops: the tables */
	struct io_pgtable_ops *ops;
	/** @sgt: the BO's "pages" */
	struct sg_table sgt;
	/** @ttbr: physical address of the top-level table */
	u64 ttbr;
	/** @allocs: table pages allocated since the tables were created */
	unsigned int allocs;
};

/* Allocator hooks that count, to check panthor_pt_pages_needed(). */
static void *pt_alloc(void *cookie, size_t size, gfp_t gfp)
{
	struct pt_ctx *ctx = cookie;

	ctx->allocs++;
	return (void *)get_zeroed_page(gfp);
}

static void pt_free(void *cookie, void *pages, size_t size)
{
	free_page((unsigned long)pages);
}

static void pt_ctx_free(void *data)
{
	struct pt_ctx *ctx = data;

	if (ctx->ops)
		free_io_pgtable_ops(ctx->ops);
	sg_free_table(&ctx->sgt);
}

/* Tables like a VM's, and a BO made of the given physical segments. */
static struct pt_ctx *pt_ctx_create(struct kunit *test, const u64 *seg_pa,
				    const u64 *seg_len, unsigned int nsegs)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap = SZ_4K | SZ_2M,
		.ias = 48,
		.oas = 40,
		.coherent_walk = true,
		.alloc = pt_alloc,
		.free = pt_free,
	};
	struct scatterlist *sg;
	struct pt_ctx *ctx;
	unsigned int i;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);

	cfg.iommu_dev = kunit_device_register(test, "panthor-pt-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cfg.iommu_dev));

	KUNIT_ASSERT_EQ(test, sg_alloc_table(&ctx->sgt, nsegs, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, pt_ctx_free, ctx), 0);

	for_each_sgtable_sg(&ctx->sgt, sg, i) {
		sg->length = seg_len[i];
		sg_dma_address(sg) = seg_pa[i];
		sg_dma_len(sg) = seg_len[i];
	}

	ctx->ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, ctx);
	KUNIT_ASSERT_NOT_NULL(test, ctx->ops);
	ctx->ttbr = cfg.arm_lpae_s1_cfg.ttbr;
	ctx->allocs = 0;
	return ctx;
}

/*
 * Type of the level-2 descriptor covering @va (2 MiB granule): 0 invalid,
 * 1 block, 3 table. Reads the tables directly, as the GPU's walker would.
 */
#define PT_DESC_BLOCK	1
#define PT_DESC_TABLE	3

static u32 pt_level2_type(struct pt_ctx *ctx, u64 va)
{
	u64 table = ctx->ttbr, desc = 0;
	unsigned int level;

	for (level = 0; level <= 2; level++) {
		const u64 *entries = phys_to_virt(table);

		desc = entries[(va >> (39 - 9 * level)) & 511];
		if (level < 2 && (desc & 3) != PT_DESC_TABLE)
			return 0;
		table = desc & GENMASK_ULL(47, 12);
	}

	return desc & 3;
}

static void pt_expect_blocks(struct kunit *test, struct pt_ctx *ctx, u64 start, u64 end)
{
	u64 va;

	for (va = start; va < end; va += SZ_2M)
		KUNIT_EXPECT_EQ_MSG(test, pt_level2_type(ctx, va), PT_DESC_BLOCK,
				    "VA 0x%llx is not mapped by a 2 MiB block", va);
}

/* GPU address -> expected physical address, 0 where nothing is mapped. */
typedef u64 (*pt_expect_fn)(u64 iova, const void *data);

static void pt_check_range(struct kunit *test, struct pt_ctx *ctx, u64 start, u64 end,
			   pt_expect_fn expect, const void *data)
{
	unsigned int bad = 0;
	u64 iova;

	for (iova = start; iova < end; iova += SZ_4K) {
		u64 want = expect(iova, data);
		u64 got = ctx->ops->iova_to_phys(ctx->ops, iova);

		if (got != want && bad++ < 4)
			KUNIT_FAIL(test, "VA 0x%llx maps 0x%llx, expected 0x%llx", iova, got, want);
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

/**
 * struct pt_linear - A mapping of one contiguous BO, minus a hole
 */
struct pt_linear {
	/** @map_start: first mapped address */
	u64 map_start;
	/** @map_end: end of the mapping */
	u64 map_end;
	/** @pa: physical address @map_start maps to */
	u64 pa;
	/** @hole_start: start of the unmapped part, if any */
	u64 hole_start;
	/** @hole_end: end of the unmapped part */
	u64 hole_end;
};

static u64 pt_linear_expect(u64 iova, const void *data)
{
	const struct pt_linear *m = data;

	if (iova < m->map_start || iova >= m->map_end)
		return 0;
	if (iova >= m->hole_start && iova < m->hole_end)
		return 0;
	return m->pa + (iova - m->map_start);
}

static void panthor_pt_map_blocks_test(struct kunit *test)
{
	const u64 pa[] = { PT_PA_BASE }, len[] = { SZ_8M };
	struct pt_ctx *ctx = pt_ctx_create(test, pa, len, 1);
	struct pt_linear m = { .map_start = SZ_2M, .map_end = SZ_2M + SZ_8M,
			       .pa = PT_PA_BASE };

	KUNIT_ASSERT_EQ(test, panthor_pt_map(ctx->ops, m.map_start, IOMMU_READ | IOMMU_WRITE,
					     &ctx->sgt, 0, SZ_8M), 0);
	pt_check_range(test, ctx, 0, m.map_end + SZ_2M, pt_linear_expect, &m);
	pt_expect_blocks(test, ctx, m.map_start, m.map_end);

	/* Blocks only: a level-1 and a level-2 table, no level-3 one. */
	KUNIT_EXPECT_EQ(test, ctx->allocs, 2);
	KUNIT_EXPECT_LE(test, ctx->allocs,
			panthor_pt_pages_needed(m.map_start, SZ_8M, &ctx->sgt, 0));

	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, m.map_start, SZ_8M), (u64)SZ_8M);
	m.map_end = m.map_start;
	pt_check_range(test, ctx, 0, SZ_2M + SZ_8M + SZ_2M, pt_linear_expect, &m);
}

/**
 * struct hole_case - A mapping and a part of it to unmap
 */
struct hole_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @map_start: GPU address of the mapping */
	u64 map_start;
	/** @size: size of the mapping */
	u64 size;
	/** @pa: physical address of the BO */
	u64 pa;
	/** @hole_start: start of the part to unmap */
	u64 hole_start;
	/** @hole_end: end of the part to unmap */
	u64 hole_end;
};

static const struct hole_case hole_cases[] = {
	{ "one page inside a block", SZ_2M, SZ_8M, PT_PA_BASE, SZ_2M + SZ_4K, SZ_2M + SZ_8K },
	{ "first page of a block-mapped range", SZ_2M, SZ_8M, PT_PA_BASE, SZ_2M, SZ_2M + SZ_4K },
	{ "last page of a block-mapped range", SZ_2M, SZ_8M, PT_PA_BASE,
	  SZ_8M + SZ_2M - SZ_4K, SZ_8M + SZ_2M },
	{ "two pages across a block boundary", SZ_2M, SZ_8M, PT_PA_BASE,
	  SZ_4M - SZ_4K, SZ_4M + SZ_4K },
	{ "one whole block", SZ_2M, SZ_8M, PT_PA_BASE, SZ_4M, SZ_4M + SZ_2M },
	{ "1.5 blocks from an unaligned start", SZ_2M, SZ_8M, PT_PA_BASE,
	  SZ_4M + SZ_1M, SZ_8M },
	{ "pages and blocks mixed (unaligned mapping)", SZ_1M, SZ_8M, PT_PA_BASE + SZ_1M,
	  SZ_2M + SZ_1M, SZ_2M + SZ_1M + SZ_4K },
	{ "pages only (physical misaligned)", SZ_2M, SZ_4M, PT_PA_BASE + SZ_4K,
	  SZ_2M + SZ_64K, SZ_2M + SZ_128K },
};

static void hole_case_desc(const struct hole_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pt_hole, hole_cases, hole_case_desc);

static void panthor_pt_punch_hole_test(struct kunit *test)
{
	const struct hole_case *c = test->param_value;
	const u64 pa[] = { c->pa }, len[] = { c->size };
	struct pt_ctx *ctx = pt_ctx_create(test, pa, len, 1);
	struct pt_linear m = {
		.map_start = c->map_start, .map_end = c->map_start + c->size, .pa = c->pa,
	};
	struct panthor_pt_hole hole = {
		.map_start = m.map_start, .map_end = m.map_end, .bo_offset = 0,
		.sgt = &ctx->sgt, .prot = IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE,
		.start = c->hole_start, .end = c->hole_end,
		.keep_before = c->hole_start > m.map_start,
		.keep_after = c->hole_end < m.map_end,
	};
	u64 lo = m.map_start - min_t(u64, m.map_start, SZ_2M), hi = m.map_end + SZ_2M;

	KUNIT_ASSERT_EQ(test, panthor_pt_map(ctx->ops, m.map_start, hole.prot, &ctx->sgt, 0,
					     c->size), 0);

	KUNIT_EXPECT_LE(test, ctx->allocs,
			panthor_pt_pages_needed(m.map_start, c->size, &ctx->sgt, 0));
	ctx->allocs = 0;
	KUNIT_ASSERT_EQ(test, panthor_pt_punch_hole(ctx->ops, &hole), 0);
	KUNIT_EXPECT_LE(test, ctx->allocs,
			panthor_pt_pages_needed(c->hole_start, c->hole_end - c->hole_start,
						NULL, 0));
	m.hole_start = c->hole_start;
	m.hole_end = c->hole_end;
	pt_check_range(test, ctx, lo, hi, pt_linear_expect, &m);

	/* Blocks away from the hole are left as they were. */
	if (IS_ALIGNED(c->pa ^ m.map_start, SZ_2M)) {
		pt_expect_blocks(test, ctx, ALIGN(m.map_start, SZ_2M),
				 ALIGN_DOWN(c->hole_start, SZ_2M));
		pt_expect_blocks(test, ctx, ALIGN(c->hole_end, SZ_2M),
				 ALIGN_DOWN(m.map_end, SZ_2M));
	}

	/* What stays is mapped in a way that can be unmapped piecewise again. */
	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, m.map_start, c->hole_start - m.map_start),
			c->hole_start - m.map_start);
	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, c->hole_end, m.map_end - c->hole_end),
			m.map_end - c->hole_end);
	m.map_end = m.map_start;
	pt_check_range(test, ctx, lo, hi, pt_linear_expect, &m);
}

/**
 * struct pt_segments - A BO made of several physical segments
 */
struct pt_segments {
	/** @va: where the BO is mapped */
	u64 va;
	/** @offset: BO offset mapped at @va */
	u64 offset;
	/** @size: size of the mapping */
	u64 size;
	/** @pa: physical address of each segment */
	const u64 *pa;
	/** @len: length of each segment */
	const u64 *len;
	/** @n: number of segments */
	unsigned int n;
};

static u64 pt_segments_expect(u64 iova, const void *data)
{
	const struct pt_segments *b = data;
	u64 off;
	unsigned int i;

	if (iova < b->va || iova >= b->va + b->size)
		return 0;

	off = b->offset + (iova - b->va);
	for (i = 0; i < b->n; i++) {
		if (off < b->len[i])
			return b->pa[i] + off;
		off -= b->len[i];
	}
	return 0;
}

static void panthor_pt_map_segments_test(struct kunit *test)
{
	/* A page, a block-aligned block, three pages, a misaligned block's worth. */
	static const u64 pa[] = { PT_PA_BASE + SZ_64K, PT_PA_BASE + SZ_4M,
				  PT_PA_BASE + SZ_16M + SZ_8K, PT_PA_BASE + SZ_32M + SZ_4K };
	static const u64 len[] = { SZ_4K, SZ_2M, 3 * SZ_4K, SZ_2M };
	struct pt_ctx *ctx = pt_ctx_create(test, pa, len, ARRAY_SIZE(pa));
	struct pt_segments b = { .va = SZ_2M - SZ_4K, .offset = 0, .pa = pa, .len = len,
				 .n = ARRAY_SIZE(pa), .size = SZ_4K + SZ_2M + 3 * SZ_4K + SZ_2M };

	KUNIT_ASSERT_EQ(test, panthor_pt_map(ctx->ops, b.va, IOMMU_READ, &ctx->sgt, 0, b.size),
			0);
	pt_check_range(test, ctx, 0, b.va + b.size + SZ_2M, pt_segments_expect, &b);
	KUNIT_EXPECT_LE(test, ctx->allocs, panthor_pt_pages_needed(b.va, b.size, &ctx->sgt, 0));
	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, b.va, b.size), b.size);

	/* The same BO from an offset inside its second segment. */
	b.offset = SZ_4K + SZ_1M;
	b.va = SZ_64M;
	b.size = SZ_1M + 3 * SZ_4K + SZ_4K;
	ctx->allocs = 0;
	KUNIT_ASSERT_EQ(test, panthor_pt_map(ctx->ops, b.va, IOMMU_READ, &ctx->sgt, b.offset,
					     b.size), 0);
	pt_check_range(test, ctx, b.va - SZ_2M, b.va + b.size + SZ_2M, pt_segments_expect, &b);
	KUNIT_EXPECT_LE(test, ctx->allocs,
			panthor_pt_pages_needed(b.va, b.size, &ctx->sgt, b.offset));
	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, b.va, b.size), b.size);
}

/**
 * struct estimate_case - A BO layout and the table pages a map may need
 */
struct estimate_case {
	/** @desc: what the case checks */
	const char *desc;
	/** @va: where the map starts */
	u64 va;
	/** @size: size of the map */
	u64 size;
	/** @pa: physical address of the (contiguous) BO */
	u64 pa;
	/** @pages: expected estimate */
	u64 pages;
};

static const struct estimate_case estimate_cases[] = {
	/* 2 for the edges of a partial unmap, then level 1, 2 and 3 tables. */
	{ "blocks only", SZ_2M, SZ_8M, PT_PA_BASE, 2 + 1 + 1 + 0 },
	{ "pages in one region", SZ_2M, SZ_64K, PT_PA_BASE + SZ_4K, 2 + 1 + 1 + 1 },
	{ "pages over three regions", SZ_2M - SZ_4K, SZ_2M + SZ_8K, PT_PA_BASE + SZ_4K,
	  2 + 1 + 1 + 3 },
	{ "pages, blocks, pages", SZ_1M, SZ_4M, PT_PA_BASE + SZ_1M, 2 + 1 + 1 + 2 },
	{ "across a 1 GiB boundary", SZ_1G - SZ_2M, SZ_4M, PT_PA_BASE, 2 + 1 + 2 + 0 },
};

static void estimate_case_desc(const struct estimate_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pt_estimate, estimate_cases, estimate_case_desc);

static void panthor_pt_pages_needed_test(struct kunit *test)
{
	const struct estimate_case *c = test->param_value;
	const u64 pa[] = { c->pa }, len[] = { c->size };
	struct pt_ctx *ctx = pt_ctx_create(test, pa, len, 1);

	KUNIT_EXPECT_EQ(test, panthor_pt_pages_needed(c->va, c->size, &ctx->sgt, 0), c->pages);

	/* And a real map stays within it. */
	KUNIT_ASSERT_EQ(test, panthor_pt_map(ctx->ops, c->va, IOMMU_READ, &ctx->sgt, 0, c->size),
			0);
	KUNIT_EXPECT_LE(test, ctx->allocs, c->pages);
	KUNIT_EXPECT_EQ(test, panthor_pt_unmap(ctx->ops, c->va, c->size), c->size);

	/* An unmap only needs the two edge regions. */
	KUNIT_EXPECT_EQ(test, panthor_pt_pages_needed(c->va, c->size, NULL, 0), 2);
}

static void panthor_pt_map_past_bo_end_test(struct kunit *test)
{
	const u64 pa[] = { PT_PA_BASE }, len[] = { SZ_64K };
	struct pt_ctx *ctx = pt_ctx_create(test, pa, len, 1);
	struct pt_linear m = { .map_start = SZ_1M, .map_end = SZ_1M, .pa = PT_PA_BASE };

	/* Nothing may stay mapped after a failure. */
	KUNIT_EXPECT_EQ(test, panthor_pt_map(ctx->ops, SZ_1M, IOMMU_READ, &ctx->sgt, SZ_4K,
					     SZ_64K), -EINVAL);
	pt_check_range(test, ctx, 0, SZ_4M, pt_linear_expect, &m);
}

static struct kunit_case panthor_mmu_test_cases[] = {
	KUNIT_CASE_PARAM(panthor_mmu_lock_region_test, lock_region_gen_params),
	KUNIT_CASE(panthor_mmu_lock_region_random_test),
	KUNIT_CASE_PARAM(panthor_vm_user_va_layout_test, va_layout_gen_params),
	KUNIT_CASE_PARAM(panthor_vm_bind_op_check_test, bind_op_gen_params),
	KUNIT_CASE_PARAM(panthor_vm_pick_pgsize_test, pgsize_gen_params),
	KUNIT_CASE(panthor_pt_map_blocks_test),
	KUNIT_CASE_PARAM(panthor_pt_punch_hole_test, pt_hole_gen_params),
	KUNIT_CASE(panthor_pt_map_segments_test),
	KUNIT_CASE(panthor_pt_map_past_bo_end_test),
	KUNIT_CASE_PARAM(panthor_pt_pages_needed_test, pt_estimate_gen_params),
	{}
};

static struct kunit_suite panthor_mmu_test_suite = {
	.name = "panthor_mmu",
	.test_cases = panthor_mmu_test_cases,
};

kunit_test_suite(panthor_mmu_test_suite);
