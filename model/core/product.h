/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Product table: what each impersonated GPU reports.
 *
 * Identity registers are kept as data (one u32 per register, indexed by
 * enum mm_id) so that the GPU_CONTROL register table can take a register's
 * reset value straight from the product. Sizes of the CSF interface live
 * here too, for the firmware emulation.
 */
#ifndef MM_PRODUCT_H
#define MM_PRODUCT_H

#include "mm.h"

/** enum mm_id - identity/feature registers taken from the product table. */
enum mm_id {
	MM_ID_GPU_ID,
	MM_ID_L2_FEATURES,
	MM_ID_CORE_FEATURES,
	MM_ID_TILER_FEATURES,
	MM_ID_MEM_FEATURES,
	MM_ID_MMU_FEATURES,
	MM_ID_AS_PRESENT,
	MM_ID_CSF_ID,
	MM_ID_PRFCNT_FEATURES,
	MM_ID_THREAD_MAX_THREADS,
	MM_ID_THREAD_MAX_WORKGROUP_SIZE,
	MM_ID_THREAD_MAX_BARRIER_SIZE,
	MM_ID_THREAD_FEATURES,
	MM_ID_TEXTURE_FEATURES_0,
	MM_ID_TEXTURE_FEATURES_1,
	MM_ID_TEXTURE_FEATURES_2,
	MM_ID_TEXTURE_FEATURES_3,
	MM_ID_SHADER_PRESENT_LO,
	MM_ID_SHADER_PRESENT_HI,
	MM_ID_TILER_PRESENT_LO,
	MM_ID_TILER_PRESENT_HI,
	MM_ID_L2_PRESENT_LO,
	MM_ID_L2_PRESENT_HI,
	MM_ID_GPU_REVID,
	MM_ID_COHERENCY_FEATURES,
	MM_ID_THREAD_TLS_ALLOC,
	MM_ID_COUNT,
};

/**
 * struct mm_csif_info - shape of the CSF host interface the firmware exposes.
 * @csg_slots: number of CSG slots (GLB_GROUP_NUM).
 * @cs_per_csg: command streams per CSG (CSG_STREAM_NUM).
 * @cs_regs: 32-bit registers per command stream.
 * @scoreboards: scoreboard entries per command stream.
 * @glb_version: GLB_VERSION the firmware reports (major << 24 | minor << 16).
 * @glb_features: GLB_FEATURES.
 * @glb_instr_features: GLB_INSTR_FEATURES.
 */
struct mm_csif_info {
	u32 csg_slots;
	u32 cs_per_csg;
	u32 cs_regs;
	u32 scoreboards;
	u32 glb_version;
	u32 glb_features;
	u32 glb_instr_features;
};

/**
 * struct mm_product_info - one impersonated GPU.
 * @name: marketing name.
 * @id: identity register values, indexed by enum mm_id.
 * @csif: CSF interface shape.
 * @doorbells: number of doorbell pages.
 * @gpu_clock_mhz: nominal GPU clock the cycle counter runs at.
 */
struct mm_product_info {
	const char *name;
	u32 id[MM_ID_COUNT];
	struct mm_csif_info csif;
	u32 doorbells;
	u32 gpu_clock_mhz;
};

/* Product @p, or NULL if unknown. */
const struct mm_product_info *mm_product_get(enum mm_product p);

/* Convenience accessors for the product the instance impersonates. */
struct mm_gpu;
const struct mm_product_info *mm_prod(const struct mm_gpu *gpu);
u64 mm_prod_shader_present(const struct mm_gpu *gpu);
u64 mm_prod_tiler_present(const struct mm_gpu *gpu);
u64 mm_prod_l2_present(const struct mm_gpu *gpu);
u32 mm_prod_as_present(const struct mm_gpu *gpu);
u32 mm_prod_va_bits(const struct mm_gpu *gpu);
u32 mm_prod_pa_bits(const struct mm_gpu *gpu);

#endif /* MM_PRODUCT_H */
