// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Product table.
 *
 * Provenance of every value is marked:
 *   [doc]  mali-csf-hw.md (Appendix B for the G610, §7 for the others),
 *          which in turn quotes boot logs and register dumps of real parts;
 *   [cap]  a public register capture of an RK3588 G610 (values the doc
 *          leaves open, e.g. TEXTURE_FEATURES_1..3);
 *   [inv]  invented: plausible for the part, not backed by any sample.
 * Drivers must not depend on [inv] values beyond their field layout.
 */
#include "product.h"
#include "mm_gpu.h"
#include "regs.h"

static const struct mm_product_info mm_products[MM_PRODUCT_COUNT] = {
	[MM_PRODUCT_G610] = {
		.name = "Mali-G610",
		.id = {
			[MM_ID_GPU_ID] = 0xa8670005,		/* [doc] */
			[MM_ID_L2_FEATURES] = 0x07120306,	/* [doc] */
			[MM_ID_CORE_FEATURES] = 0x00000000,	/* [cap] */
			[MM_ID_TILER_FEATURES] = 0x00000809,	/* [doc] */
			[MM_ID_MEM_FEATURES] = 0x00000301,	/* [doc] */
			[MM_ID_MMU_FEATURES] = 0x00002830,	/* [doc] */
			[MM_ID_AS_PRESENT] = 0x000000ff,	/* [doc] */
			[MM_ID_CSF_ID] = 0x040a0412,		/* [doc] */
			[MM_ID_PRFCNT_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_THREAD_MAX_THREADS] = 2048,	/* [doc] */
			[MM_ID_THREAD_MAX_WORKGROUP_SIZE] = 1024, /* [doc] */
			[MM_ID_THREAD_MAX_BARRIER_SIZE] = 1024,	/* [doc] */
			[MM_ID_THREAD_FEATURES] = 0x04010000,	/* [doc] */
			[MM_ID_TEXTURE_FEATURES_0] = 0xc1ffff9e, /* [doc] */
			[MM_ID_TEXTURE_FEATURES_1] = 0,		/* [cap] */
			[MM_ID_TEXTURE_FEATURES_2] = 0,		/* [cap] */
			[MM_ID_TEXTURE_FEATURES_3] = 0,		/* [cap] */
			[MM_ID_SHADER_PRESENT_LO] = 0x00050005,	/* [doc] */
			[MM_ID_TILER_PRESENT_LO] = 0x1,		/* [doc] */
			[MM_ID_L2_PRESENT_LO] = 0x1,		/* [doc] */
			[MM_ID_GPU_REVID] = 0,			/* [doc] */
			[MM_ID_COHERENCY_FEATURES] = 0,		/* [doc] */
			[MM_ID_THREAD_TLS_ALLOC] = 0,		/* [cap] */
		},
		/* [doc] 8 x 8 streams, 96 registers, 8 scoreboards, v1.1.0 */
		.csif = { 8, 8, 96, 8, 0x01010000, 0x0, 0x71 },
		.doorbells = DOORBELL_MAX,		/* [doc] */
		.gpu_clock_mhz = 1000,			/* [doc] top RK3588 OPP */
	},
	[MM_PRODUCT_G310] = {
		.name = "Mali-G310",
		.id = {
			[MM_ID_GPU_ID] = 0xac740001,		/* [doc] i.MX95 */
			[MM_ID_L2_FEATURES] = 0x07110306,	/* [doc] */
			[MM_ID_CORE_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_TILER_FEATURES] = 0x00000809,	/* [inv] */
			[MM_ID_MEM_FEATURES] = 0x00000001,	/* [doc] */
			[MM_ID_MMU_FEATURES] = 0x00002830,	/* [doc] */
			[MM_ID_AS_PRESENT] = 0x000000ff,	/* [doc] */
			[MM_ID_CSF_ID] = 0x040a0412,		/* [inv] */
			[MM_ID_PRFCNT_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_THREAD_MAX_THREADS] = 1024,	/* [inv] */
			[MM_ID_THREAD_MAX_WORKGROUP_SIZE] = 1024, /* [inv] */
			[MM_ID_THREAD_MAX_BARRIER_SIZE] = 1024,	/* [inv] */
			[MM_ID_THREAD_FEATURES] = 0x04010000,	/* [inv] */
			[MM_ID_TEXTURE_FEATURES_0] = 0xc1ffff9e, /* [inv] */
			[MM_ID_SHADER_PRESENT_LO] = 0x1,	/* [doc] 1 core */
			[MM_ID_TILER_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_L2_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_GPU_REVID] = 0,			/* [inv] */
			[MM_ID_COHERENCY_FEATURES] = 0,		/* [inv] */
		},
		/* [inv] a small part: 4 CSG slots */
		.csif = { 4, 8, 96, 8, 0x01010000, 0x0, 0x71 },
		.doorbells = DOORBELL_MAX,		/* [inv] */
		.gpu_clock_mhz = 800,			/* [inv] */
	},
	[MM_PRODUCT_G510] = {
		.name = "Mali-G510",
		.id = {
			/* [inv] arch 10.10 (firmware dir by elimination), product 3 */
			[MM_ID_GPU_ID] = 0xaa230000,
			[MM_ID_L2_FEATURES] = 0x07110306,	/* [inv] */
			[MM_ID_CORE_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_TILER_FEATURES] = 0x00000809,	/* [inv] */
			[MM_ID_MEM_FEATURES] = 0x00000101,	/* [inv] */
			[MM_ID_MMU_FEATURES] = 0x00002830,	/* [inv] */
			[MM_ID_AS_PRESENT] = 0x000000ff,	/* [inv] */
			[MM_ID_CSF_ID] = 0x040a0412,		/* [inv] */
			[MM_ID_PRFCNT_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_THREAD_MAX_THREADS] = 2048,	/* [inv] */
			[MM_ID_THREAD_MAX_WORKGROUP_SIZE] = 1024, /* [inv] */
			[MM_ID_THREAD_MAX_BARRIER_SIZE] = 1024,	/* [inv] */
			[MM_ID_THREAD_FEATURES] = 0x04010000,	/* [inv] */
			[MM_ID_TEXTURE_FEATURES_0] = 0xc1ffff9e, /* [inv] */
			[MM_ID_SHADER_PRESENT_LO] = 0x00030003,	/* [inv] 4 cores */
			[MM_ID_TILER_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_L2_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_GPU_REVID] = 0,			/* [inv] */
			[MM_ID_COHERENCY_FEATURES] = 0,		/* [inv] */
		},
		.csif = { 8, 8, 96, 8, 0x01010000, 0x0, 0x71 },	/* [inv] */
		.doorbells = DOORBELL_MAX,		/* [inv] */
		.gpu_clock_mhz = 850,			/* [inv] */
	},
	[MM_PRODUCT_G710] = {
		.name = "Mali-G710",
		.id = {
			[MM_ID_GPU_ID] = 0xa8620004,		/* [doc] Tensor G2 */
			[MM_ID_L2_FEATURES] = 0x07130306,	/* [inv] */
			[MM_ID_CORE_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_TILER_FEATURES] = 0x00000809,	/* [inv] */
			[MM_ID_MEM_FEATURES] = 0x00000301,	/* [inv] */
			[MM_ID_MMU_FEATURES] = 0x00002830,	/* [inv] */
			[MM_ID_AS_PRESENT] = 0x000000ff,	/* [inv] */
			[MM_ID_CSF_ID] = 0x040a0412,		/* [inv] */
			[MM_ID_PRFCNT_FEATURES] = 0x00000000,	/* [inv] */
			[MM_ID_THREAD_MAX_THREADS] = 2048,	/* [inv] */
			[MM_ID_THREAD_MAX_WORKGROUP_SIZE] = 1024, /* [inv] */
			[MM_ID_THREAD_MAX_BARRIER_SIZE] = 1024,	/* [inv] */
			[MM_ID_THREAD_FEATURES] = 0x04010000,	/* [inv] */
			[MM_ID_TEXTURE_FEATURES_0] = 0xc1ffff9e, /* [inv] */
			[MM_ID_SHADER_PRESENT_LO] = 0x000f0007,	/* [inv] 7 cores */
			[MM_ID_TILER_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_L2_PRESENT_LO] = 0x1,		/* [inv] */
			[MM_ID_GPU_REVID] = 0,			/* [inv] */
			[MM_ID_COHERENCY_FEATURES] = 0,		/* [inv] */
		},
		/* [doc] interface 1.5.0 (LOG); the sizes are [inv] */
		.csif = { 8, 8, 96, 8, 0x01050000, 0x0, 0x71 },
		.doorbells = DOORBELL_MAX,		/* [inv] */
		.gpu_clock_mhz = 850,			/* [inv] */
	},
};

const struct mm_product_info *mm_product_get(enum mm_product p)
{
	if ((unsigned int)p >= MM_PRODUCT_COUNT)
		return NULL;
	return &mm_products[p];
}

const char *mm_product_name(enum mm_product product)
{
	const struct mm_product_info *info = mm_product_get(product);

	return info ? info->name : NULL;
}

const struct mm_product_info *mm_prod(const struct mm_gpu *gpu)
{
	return gpu->prod;
}

static u64 mm_prod_id64(const struct mm_gpu *gpu, enum mm_id lo)
{
	return gpu->prod->id[lo] | (u64)gpu->prod->id[lo + 1] << 32;
}

u64 mm_prod_shader_present(const struct mm_gpu *gpu)
{
	return mm_prod_id64(gpu, MM_ID_SHADER_PRESENT_LO);
}

u64 mm_prod_tiler_present(const struct mm_gpu *gpu)
{
	return mm_prod_id64(gpu, MM_ID_TILER_PRESENT_LO);
}

u64 mm_prod_l2_present(const struct mm_gpu *gpu)
{
	return mm_prod_id64(gpu, MM_ID_L2_PRESENT_LO);
}

u32 mm_prod_as_present(const struct mm_gpu *gpu)
{
	return gpu->prod->id[MM_ID_AS_PRESENT];
}

u32 mm_prod_va_bits(const struct mm_gpu *gpu)
{
	return MM_FIELD_GET(MMU_FEATURES_VA_BITS,
			    gpu->prod->id[MM_ID_MMU_FEATURES]);
}

u32 mm_prod_pa_bits(const struct mm_gpu *gpu)
{
	return MM_FIELD_GET(MMU_FEATURES_PA_BITS,
			    gpu->prod->id[MM_ID_MMU_FEATURES]);
}
