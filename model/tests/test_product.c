// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Identity registers per product and the product table.
 */
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "mt.h"

TEST(g610_identity_matches_appendix_b)
{
	EXPECT_EQ(th_rd(t, GPU_ID), 0xa8670005);
	EXPECT_EQ(th_rd(t, L2_FEATURES), 0x07120306);
	EXPECT_EQ(th_rd(t, TILER_FEATURES), 0x809);
	EXPECT_EQ(th_rd(t, MEM_FEATURES), 0x301);
	EXPECT_EQ(th_rd(t, MMU_FEATURES), 0x2830);
	EXPECT_EQ(th_rd(t, AS_PRESENT), 0xff);
	EXPECT_EQ(th_rd(t, CSF_ID), 0x040a0412);
	EXPECT_EQ(th_rd(t, THREAD_FEATURES), 0x04010000);
	EXPECT_EQ(th_rd(t, THREAD_MAX_THREADS), 2048);
	EXPECT_EQ(th_rd(t, THREAD_MAX_WORKGROUP_SIZE), 1024);
	EXPECT_EQ(th_rd(t, THREAD_MAX_BARRIER_SIZE), 1024);
	EXPECT_EQ(th_rd(t, TEXTURE_FEATURES_0), 0xc1ffff9e);
	EXPECT_EQ(th_rd(t, COHERENCY_FEATURES), 0);
	EXPECT_EQ(th_rd(t, SHADER_PRESENT_LO), 0x50005);
	EXPECT_EQ(th_rd(t, TILER_PRESENT_LO), 1);
	EXPECT_EQ(th_rd(t, L2_PRESENT_LO), 1);
	EXPECT_EQ(th_rd(t, GPU_REVID), 0);
}

TEST(g610_gpu_id_fields_decode)
{
	u32 id = th_rd(t, GPU_ID);

	EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_MAJOR, id), 10);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_MINOR, id), 8);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_REV, id), 6);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_PRODUCT_MAJOR, id), 7);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_VERSION_MAJOR, id), 0);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_VERSION_MINOR, id), 0);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_VERSION_STATUS, id), 5);
}

TEST(g610_plausible_undocumented_values)
{
	/* Core variant 0, unused texture words, four cores in two stacks. */
	EXPECT_EQ(th_rd(t, CORE_FEATURES), 0);
	EXPECT_EQ(th_rd(t, TEXTURE_FEATURES_1), 0);
	EXPECT_EQ(th_rd(t, TEXTURE_FEATURES_2), 0);
	EXPECT_EQ(th_rd(t, TEXTURE_FEATURES_3), 0);
	EXPECT_EQ(__builtin_popcount(th_rd(t, SHADER_PRESENT_LO)), 4);
}

TEST(present_high_halves_are_zero)
{
	EXPECT_EQ(th_rd(t, SHADER_PRESENT_HI), 0);
	EXPECT_EQ(th_rd(t, TILER_PRESENT_HI), 0);
	EXPECT_EQ(th_rd(t, L2_PRESENT_HI), 0);
}

TEST(g310_identity_from_imx95_log)
{
	th_reinit(t, MM_PRODUCT_G310);
	EXPECT_EQ(th_rd(t, GPU_ID), 0xac740001);
	EXPECT_EQ(th_rd(t, L2_FEATURES), 0x07110306);
	EXPECT_EQ(th_rd(t, MEM_FEATURES), 0x1);
	EXPECT_EQ(th_rd(t, MMU_FEATURES), 0x2830);
	EXPECT_EQ(th_rd(t, AS_PRESENT), 0xff);
	EXPECT_EQ(th_rd(t, SHADER_PRESENT_LO), 0x1);
}

TEST(g710_identity)
{
	th_reinit(t, MM_PRODUCT_G710);
	EXPECT_EQ(th_rd(t, GPU_ID), 0xa8620004);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_PRODUCT_MAJOR, th_rd(t, GPU_ID)), 2);
	EXPECT_EQ(mm_product_get(MM_PRODUCT_G710)->csif.glb_version,
		  0x01050000);
}

TEST(g510_identity_is_arch10_product3)
{
	u32 id;

	th_reinit(t, MM_PRODUCT_G510);
	id = th_rd(t, GPU_ID);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_MAJOR, id), 10);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_MINOR, id), 10);
	EXPECT_EQ(MM_FIELD_GET(GPU_ID_PRODUCT_MAJOR, id), 3);
}

TEST(every_product_is_consistent)
{
	unsigned int p, q;

	for (p = 0; p < MM_PRODUCT_COUNT; p++) {
		const struct mm_product_info *info = mm_product_get(p);

		ASSERT_TRUE(info != NULL);
		th_reinit(t, p);
		EXPECT_EQ(th_rd(t, GPU_ID), info->id[MM_ID_GPU_ID]);
		EXPECT_EQ(MM_FIELD_GET(GPU_ID_ARCH_MAJOR, th_rd(t, GPU_ID)), 10);
		EXPECT_EQ(th_rd(t, MMU_FEATURES) & 0xff, 48);
		EXPECT_EQ((th_rd(t, MMU_FEATURES) >> 8) & 0xff, 40);
		EXPECT_TRUE(th_rd(t, AS_PRESENT) & 1);
		EXPECT_NE(th_rd(t, SHADER_PRESENT_LO), 0);
		EXPECT_EQ(th_rd(t, L2_PRESENT_LO), 1);
		EXPECT_GE(info->csif.csg_slots, 3);
		EXPECT_LE(info->csif.csg_slots, 31);
		EXPECT_GE(info->csif.cs_per_csg, 8);
		EXPECT_EQ(info->doorbells, 24);
		for (q = 0; q < p; q++)
			EXPECT_NE(info->id[MM_ID_GPU_ID],
				  mm_product_get(q)->id[MM_ID_GPU_ID]);
	}
}

TEST(g610_csf_interface_shape)
{
	const struct mm_product_info *info = mm_product_get(MM_PRODUCT_G610);

	EXPECT_EQ(info->csif.csg_slots, 8);
	EXPECT_EQ(info->csif.cs_per_csg, 8);
	EXPECT_EQ(info->csif.cs_regs, 96);
	EXPECT_EQ(info->csif.scoreboards, 8);
	EXPECT_EQ(info->csif.glb_version, 0x01010000);
	EXPECT_EQ(info->csif.glb_instr_features, 0x71);
}

TEST(product_names)
{
	EXPECT_EQ(strcmp(mm_product_name(MM_PRODUCT_G610), "Mali-G610"), 0);
	EXPECT_EQ(strcmp(mm_product_name(MM_PRODUCT_G310), "Mali-G310"), 0);
	EXPECT_EQ(strcmp(mm_product_name(MM_PRODUCT_G510), "Mali-G510"), 0);
	EXPECT_EQ(strcmp(mm_product_name(MM_PRODUCT_G710), "Mali-G710"), 0);
	EXPECT_TRUE(mm_product_name(MM_PRODUCT_COUNT) == NULL);
}

TEST(init_rejects_unknown_product)
{
	struct mm_gpu *gpu = malloc(mm_size());

	ASSERT_TRUE(gpu != NULL);
	EXPECT_NE(mm_init(gpu, MM_PRODUCT_COUNT, t->gpu->ops, t), 0);
	EXPECT_NE(mm_init(gpu, (enum mm_product)-1, t->gpu->ops, t), 0);
	free(gpu);
}

TEST(identity_registers_are_read_only)
{
	th_wr(t, GPU_ID, 0x12345678);
	th_wr(t, SHADER_PRESENT_LO, 0xffffffff);
	EXPECT_EQ(th_rd(t, GPU_ID), 0xa8670005);
	EXPECT_EQ(th_rd(t, SHADER_PRESENT_LO), 0x50005);
	EXPECT_EQ(t->gpu->stats.ro_writes, 2);
	EXPECT_TRUE(th_log_has(t, "read-only GPU.GPU_ID"));
}

TEST(init_announces_product)
{
	EXPECT_TRUE(th_log_has(t, "Mali-G610"));
	EXPECT_TRUE(th_log_has(t, "0xa8670005"));
}

TEST(power_on_state)
{
	EXPECT_EQ(th_rd(t, L2_READY_LO), 0);
	EXPECT_EQ(th_rd(t, SHADER_READY_LO), 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_RAWSTAT), 0);
	EXPECT_EQ(th_rd(t, GPU_IRQ_MASK), 0);
	EXPECT_EQ(th_rd(t, MCU_STATUS), MCU_STATUS_DISABLED);
	EXPECT_EQ(th_rd(t, COHERENCY_ENABLE), COHERENCY_NONE);
	EXPECT_EQ(th_rd(t, GPU_STATUS), 0);
	EXPECT_EQ(th_rd(t, MMU_AS_BASE + AS_STATUS), 0);
	/* No interrupt line was touched by power-on. */
	EXPECT_EQ(t->irq_changes[MM_IRQ_GPU] + t->irq_changes[MM_IRQ_JOB] +
		  t->irq_changes[MM_IRQ_MMU], 0);
}
