// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit tests for the DEV_QUERY size rules.
 */

#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/stddef.h>

#include <kunit/test.h>

#include <uapi/drm/panthor_drm.h>

#include "../panthor_drv.h"

/* What the GPU_INFO answer must look like to old, current and new callers. */
#define GPU_INFO_SIZE		112
#define GPU_INFO_MIN_SIZE	96

static void panthor_query_gpu_info_layout_test(struct kunit *test)
{
	const struct panthor_query_layout *layout;

	layout = panthor_query_layout(DRM_PANTHOR_DEV_QUERY_GPU_INFO, 0);
	KUNIT_ASSERT_NOT_NULL(test, layout);
	KUNIT_EXPECT_EQ(test, layout->size, GPU_INFO_SIZE);
	KUNIT_EXPECT_EQ(test, layout->min_size, GPU_INFO_MIN_SIZE);
}

static void panthor_query_unknown_type_test(struct kunit *test)
{
	/* Types past everything the uAPI defines, and the extremes. */
	KUNIT_EXPECT_NULL(test, panthor_query_layout(DRM_PANTHOR_DEV_QUERY_MMU_INFO + 1, 9));
	KUNIT_EXPECT_NULL(test, panthor_query_layout(0x80000000, 9));
	KUNIT_EXPECT_NULL(test, panthor_query_layout(U32_MAX, 9));
}

/**
 * struct copy_sizes_case - One call of panthor_query_copy_sizes()
 */
struct copy_sizes_case {
	/** @desc: test case name */
	const char *desc;
	/** @user_size: buffer size userspace passed */
	u32 user_size;
	/** @obj_size: kernel structure size */
	u32 obj_size;
	/** @min_size: minimum buffer size of the type */
	u32 min_size;
	/** @ret: expected return value */
	int ret;
	/** @copy_size: expected bytes copied (on success) */
	u32 copy_size;
	/** @zero_size: expected bytes cleared (on success) */
	u32 zero_size;
};

static const struct copy_sizes_case copy_sizes_cases[] = {
	{ "same size as the kernel", 112, 112, 96, 0, 112, 0 },
	{ "older caller, minimum size", 96, 112, 96, 0, 96, 0 },
	{ "older caller, without gpu_features", 104, 112, 96, 0, 104, 0 },
	{ "newer caller gets zeroes", 120, 112, 96, 0, 112, 8 },
	{ "huge buffer", U32_MAX, 112, 96, 0, 112, U32_MAX - 112 },
	{ "one byte short of the minimum", 95, 112, 96, -EINVAL, 0, 0 },
	{ "zero size with a buffer", 0, 112, 96, -EINVAL, 0, 0 },
	{ "fixed-size type, exact", 24, 24, 24, 0, 24, 0 },
	{ "fixed-size type, short", 23, 24, 24, -EINVAL, 0, 0 },
};

static void copy_sizes_case_desc(const struct copy_sizes_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(copy_sizes, copy_sizes_cases, copy_sizes_case_desc);

#define UNTOUCHED	0xdeadbeef

static void panthor_query_copy_sizes_test(struct kunit *test)
{
	const struct copy_sizes_case *c = test->param_value;
	u32 copy_size = UNTOUCHED, zero_size = UNTOUCHED;
	int ret;

	ret = panthor_query_copy_sizes(c->user_size, c->obj_size, c->min_size,
				       &copy_size, &zero_size);
	KUNIT_ASSERT_EQ(test, ret, c->ret);

	if (ret) {
		/* A rejected call must not hand out sizes to act on. */
		KUNIT_EXPECT_EQ(test, copy_size, UNTOUCHED);
		KUNIT_EXPECT_EQ(test, zero_size, UNTOUCHED);
		return;
	}

	KUNIT_EXPECT_EQ(test, copy_size, c->copy_size);
	KUNIT_EXPECT_EQ(test, zero_size, c->zero_size);
	/* The whole user buffer is written, and nothing beyond it. */
	KUNIT_EXPECT_EQ(test, (u64)copy_size + zero_size, (u64)c->user_size);
}

/**
 * struct layout_level_case - The layout of a query type at a uAPI level
 */
struct layout_level_case {
	/** @desc: test case name */
	const char *desc;
	/** @type: query type */
	u32 type;
	/** @minor: reported uAPI minor version */
	u32 minor;
	/** @size: expected struct size, 0 if the level lacks the type */
	u32 size;
	/** @min_size: expected minimum size */
	u32 min_size;
};

static const struct layout_level_case layout_level_cases[] = {
	{ "CSIF_INFO at 1.0", DRM_PANTHOR_DEV_QUERY_CSIF_INFO, 0, 24, 24 },
	{ "TIMESTAMP_INFO at 1.0", DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 0, 0, 0 },
	{ "TIMESTAMP_INFO at 1.1", DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 1, 24, 16 },
	{ "TIMESTAMP_INFO at 1.7", DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 7, 24, 16 },
	{ "TIMESTAMP_INFO at 1.8", DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 8, 56, 16 },
	{ "TIMESTAMP_INFO at 1.9", DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 9, 56, 16 },
	{ "GROUP_PRIORITIES_INFO at 1.1",
	  DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO, 1, 0, 0 },
	{ "GROUP_PRIORITIES_INFO at 1.2",
	  DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO, 2, 4, 4 },
	{ "GPU_INFO at 1.8", DRM_PANTHOR_DEV_QUERY_GPU_INFO, 8, 112, 96 },
};

static void layout_level_case_desc(const struct layout_level_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(layout_level, layout_level_cases, layout_level_case_desc);

static void panthor_query_layout_level_test(struct kunit *test)
{
	const struct layout_level_case *c = test->param_value;
	const struct panthor_query_layout *layout;

	layout = panthor_query_layout(c->type, c->minor);
	if (!c->size) {
		/* A level that does not have the type must refuse it. */
		KUNIT_EXPECT_NULL(test, layout);
		return;
	}

	KUNIT_ASSERT_NOT_NULL(test, layout);
	KUNIT_EXPECT_EQ(test, layout->size, c->size);
	KUNIT_EXPECT_EQ(test, layout->min_size, c->min_size);
}

static void panthor_timestamp_flags_test(struct kunit *test)
{
	u32 flags = UNTOUCHED;

	/* No flags: the 1.1 set, GPU | GPU_OFFSET | FREQ. */
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0, &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, 0x51);

	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0xff & ~0xc, &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, 0xf3);
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC_RAW,
						      &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC_RAW);

	/* CPU clocks 3 (MONOTONIC | MONOTONIC_RAW) to 7 do not exist. */
	flags = UNTOUCHED;
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0x6, &flags), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0xe, &flags), -EINVAL);
	/* Nothing above bit 7 is defined. */
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0x100, &flags), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_timestamp_flags(0x80000001, &flags), -EINVAL);
	KUNIT_EXPECT_EQ(test, flags, UNTOUCHED);
}

static void panthor_timestamp_atomic_test(struct kunit *test)
{
	const u32 gpu = DRM_PANTHOR_TIMESTAMP_GPU;
	const u32 cpu = DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC;
	const u32 cycles = DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT;

	/* One clock alone needs no protection. */
	KUNIT_EXPECT_FALSE(test, panthor_timestamp_needs_atomic(0x51));
	KUNIT_EXPECT_FALSE(test, panthor_timestamp_needs_atomic(cpu));
	KUNIT_EXPECT_FALSE(test, panthor_timestamp_needs_atomic(cycles |
								DRM_PANTHOR_TIMESTAMP_FREQ));
	/* Two clocks, or a duration, do. */
	KUNIT_EXPECT_TRUE(test, panthor_timestamp_needs_atomic(gpu | cpu));
	KUNIT_EXPECT_TRUE(test, panthor_timestamp_needs_atomic(gpu | cycles));
	KUNIT_EXPECT_TRUE(test, panthor_timestamp_needs_atomic(DRM_PANTHOR_TIMESTAMP_DURATION));
}

static struct kunit_case panthor_query_test_cases[] = {
	KUNIT_CASE(panthor_query_gpu_info_layout_test),
	KUNIT_CASE(panthor_query_unknown_type_test),
	KUNIT_CASE_PARAM(panthor_query_copy_sizes_test, copy_sizes_gen_params),
	KUNIT_CASE_PARAM(panthor_query_layout_level_test, layout_level_gen_params),
	KUNIT_CASE(panthor_timestamp_flags_test),
	KUNIT_CASE(panthor_timestamp_atomic_test),
	{}
};

static struct kunit_suite panthor_query_test_suite = {
	.name = "panthor_dev_query",
	.test_cases = panthor_query_test_cases,
};

kunit_test_suite(panthor_query_test_suite);
