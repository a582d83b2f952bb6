// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit tests for GPU_ID decoding and the product table.
 */

#include <kunit/test.h>

#include "../panthor_gpu.h"

/**
 * struct gpu_id_case - A GPU_ID value and what it must decode to
 */
struct gpu_id_case {
	/** @desc: test case name */
	const char *desc;
	/** @raw: GPU_ID register value */
	u32 raw;
	/** @want: expected fields (@want.raw is ignored) */
	struct panthor_gpu_id want;
	/** @name: expected product name, NULL for an unsupported GPU */
	const char *name;
};

#define GPU_ID_FIELDS(pid, amaj, amin, arev, prod, vmaj, vmin, vstat)	\
	{ .product_id = (pid), .arch_major = (amaj), .arch_minor = (amin), \
	  .arch_rev = (arev), .product_major = (prod),			\
	  .version_major = (vmaj), .version_minor = (vmin),		\
	  .version_status = (vstat) }

static const struct gpu_id_case gpu_id_cases[] = {
	{
		.desc = "G610 as on RK3588",
		.raw = 0xa8670005,
		.want = GPU_ID_FIELDS(0xa867, 10, 8, 6, 7, 0, 0, 5),
		.name = "Mali-G610",
	},
	{
		.desc = "G710 as on Tensor G2",
		.raw = 0xa8620004,
		.want = GPU_ID_FIELDS(0xa862, 10, 8, 6, 2, 0, 0, 4),
		.name = "Mali-G710",
	},
	{
		.desc = "G310 as on i.MX95",
		.raw = 0xac740001,
		.want = GPU_ID_FIELDS(0xac74, 10, 12, 7, 4, 0, 0, 1),
		.name = "Mali-G310",
	},
	{
		.desc = "G510, r1p2 status 3",
		.raw = 0xaa931023,
		.want = GPU_ID_FIELDS(0xaa93, 10, 10, 9, 3, 1, 2, 3),
		.name = "Mali-G510",
	},
	{
		/* Every version field distinct and wider than a nibble. */
		.desc = "G610 r5p171 status 3",
		.raw = 0xa8675ab3,
		.want = GPU_ID_FIELDS(0xa867, 10, 8, 6, 7, 5, 0xab, 3),
		.name = "Mali-G610",
	},
	{
		.desc = "arch 10 product 1 is not supported",
		.raw = 0xa8610000,
		.want = GPU_ID_FIELDS(0xa861, 10, 8, 6, 1, 0, 0, 0),
		.name = NULL,
	},
	{
		/* Same product number as G710, newer architecture. */
		.desc = "arch 11 product 2 is not supported",
		.raw = 0xb8620000,
		.want = GPU_ID_FIELDS(0xb862, 11, 8, 6, 2, 0, 0, 0),
		.name = NULL,
	},
	{
		/* Same product number as G610, older architecture. */
		.desc = "arch 7 product 7 is not supported",
		.raw = 0x72370000,
		.want = GPU_ID_FIELDS(0x7237, 7, 2, 3, 7, 0, 0, 0),
		.name = NULL,
	},
	{
		.desc = "all ones",
		.raw = 0xffffffff,
		.want = GPU_ID_FIELDS(0xffff, 15, 15, 15, 15, 15, 255, 15),
		.name = NULL,
	},
	{
		.desc = "all zeroes",
		.raw = 0x00000000,
		.want = GPU_ID_FIELDS(0x0000, 0, 0, 0, 0, 0, 0, 0),
		.name = NULL,
	},
};

static void gpu_id_case_desc(const struct gpu_id_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gpu_id, gpu_id_cases, gpu_id_case_desc);

static void panthor_gpu_id_decode_test(struct kunit *test)
{
	const struct gpu_id_case *c = test->param_value;
	struct panthor_gpu_id id;

	memset(&id, 0x5a, sizeof(id));
	panthor_gpu_id_decode(c->raw, &id);

	KUNIT_EXPECT_EQ(test, id.raw, c->raw);
	KUNIT_EXPECT_EQ(test, id.product_id, c->want.product_id);
	KUNIT_EXPECT_EQ(test, id.arch_major, c->want.arch_major);
	KUNIT_EXPECT_EQ(test, id.arch_minor, c->want.arch_minor);
	KUNIT_EXPECT_EQ(test, id.arch_rev, c->want.arch_rev);
	KUNIT_EXPECT_EQ(test, id.product_major, c->want.product_major);
	KUNIT_EXPECT_EQ(test, id.version_major, c->want.version_major);
	KUNIT_EXPECT_EQ(test, id.version_minor, c->want.version_minor);
	KUNIT_EXPECT_EQ(test, id.version_status, c->want.version_status);
}

static void panthor_gpu_product_name_test(struct kunit *test)
{
	const struct gpu_id_case *c = test->param_value;
	struct panthor_gpu_id id;
	const char *name;

	panthor_gpu_id_decode(c->raw, &id);
	name = panthor_gpu_product_name(&id);

	if (c->name)
		KUNIT_EXPECT_STREQ(test, name, c->name);
	else
		KUNIT_EXPECT_NULL(test, name);
}

static struct kunit_case panthor_gpu_id_test_cases[] = {
	KUNIT_CASE_PARAM(panthor_gpu_id_decode_test, gpu_id_gen_params),
	KUNIT_CASE_PARAM(panthor_gpu_product_name_test, gpu_id_gen_params),
	{}
};

static struct kunit_suite panthor_gpu_id_test_suite = {
	.name = "panthor_gpu_id",
	.test_cases = panthor_gpu_id_test_cases,
};

kunit_test_suite(panthor_gpu_id_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the panthor DRM driver");
MODULE_LICENSE("Dual MIT/GPL");
