// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_decode.c - turning GPU_INFO registers into names and numbers.
 *
 * Register layouts: mali-csf-hw.md §1.2 and §1.3; products: §7.
 */
#include <stdio.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_internal.h"

/* GPU_ID fields. */
#define GPU_ID_ARCH_MAJOR(id)		(((id) >> 28) & 0xf)
#define GPU_ID_ARCH_MINOR(id)		(((id) >> 24) & 0xf)
#define GPU_ID_ARCH_REV(id)		(((id) >> 20) & 0xf)
#define GPU_ID_PRODUCT_MAJOR(id)	(((id) >> 16) & 0xf)
#define GPU_ID_VERSION_MAJOR(id)	(((id) >> 12) & 0xf)
#define GPU_ID_VERSION_MINOR(id)	(((id) >> 4) & 0xff)
#define GPU_ID_VERSION_STATUS(id)	((id) & 0xf)

/* L2_FEATURES: log2 line size, associativity, log2 size, log2 bus width. */
#define L2_FEATURES_LINE_SIZE_LOG2(x)	((x) & 0xff)
#define L2_FEATURES_ASSOCIATIVITY(x)	(((x) >> 8) & 0xff)
#define L2_FEATURES_CACHE_SIZE_LOG2(x)	(((x) >> 16) & 0xff)
#define L2_FEATURES_BUS_WIDTH_LOG2(x)	(((x) >> 24) & 0xff)

/* MEM_FEATURES[11:8]: number of L2 slices minus one. */
#define MEM_FEATURES_L2_SLICES(x)	((((x) >> 8) & 0xf) + 1)

/* MMU_FEATURES: VA bits, PA bits. */
#define MMU_FEATURES_VA_BITS(x)		((x) & 0xff)
#define MMU_FEATURES_PA_BITS(x)		(((x) >> 8) & 0xff)

/* THREAD_FEATURES: registers, implementation technology, task queue. */
#define THREAD_FEATURES_MAX_REGISTERS(x)	((x) & 0x3fffff)
#define THREAD_FEATURES_IMPL_TECH(x)		(((x) >> 22) & 0x3)
#define THREAD_FEATURES_MAX_TASKS(x)		(((x) >> 24) & 0xff)

/* TILER_FEATURES: log2 bin size, hierarchy levels. */
#define TILER_FEATURES_BIN_SIZE_LOG2(x)	((x) & 0x3f)
#define TILER_FEATURES_MAX_LEVELS(x)	(((x) >> 8) & 0xf)

/* CSF_ID: command stream hardware and MCU versions. */
#define CSF_ID_CSHW_MAJOR(x)		(((x) >> 26) & 0x3f)
#define CSF_ID_CSHW_MINOR(x)		(((x) >> 20) & 0x3f)
#define CSF_ID_CSHW_REV(x)		(((x) >> 16) & 0xf)
#define CSF_ID_MCU_MAJOR(x)		(((x) >> 10) & 0x3f)
#define CSF_ID_MCU_MINOR(x)		(((x) >> 4) & 0x3f)
#define CSF_ID_MCU_REV(x)		((x) & 0xf)

/* GPU_FEATURES bit 2: ray intersection hardware (arch 11 and later). */
#define GPU_FEATURES_RAY_INTERSECTION	(1ull << 2)

/**
 * struct pc_product - one product of mali-csf-hw.md §7
 * @arch_major: GPU_ID architecture major
 * @product_major: GPU_ID product major
 * @name: name of the usual configuration
 * @codename: Arm's internal name, "" when there is none we know of
 * @small_below: with fewer shader cores than this the part is sold as
 *	@small_name (0: no such variant)
 * @small_name: name of the smaller configuration
 * @big_from: with at least this many cores and ray tracing the part is sold
 *	as @big_name (0: no such variant)
 * @big_name: name of the big, ray tracing configuration
 */
struct pc_product {
	unsigned int arch_major;
	unsigned int product_major;
	const char *name;
	const char *codename;
	unsigned int small_below;
	const char *small_name;
	unsigned int big_from;
	const char *big_name;
};

#define PC_PRODUCT(arch, prod, product_name, code)			\
	{ .arch_major = (arch), .product_major = (prod),		\
	  .name = (product_name), .codename = (code) }

/* A product sold under other names with fewer cores or with ray tracing. */
#define PC_PRODUCT_FAMILY(arch, prod, product_name, code,		\
			  small_cores, small, big_cores, big)		\
	{ .arch_major = (arch), .product_major = (prod),		\
	  .name = (product_name), .codename = (code),			\
	  .small_below = (small_cores), .small_name = (small),		\
	  .big_from = (big_cores), .big_name = (big) }

static const struct pc_product pc_products[] = {
	PC_PRODUCT(10, 2, "Mali-G710", "TODX"),
	PC_PRODUCT(10, 3, "Mali-G510", "TGRX"),
	PC_PRODUCT(10, 4, "Mali-G310", "TVAX"),
	PC_PRODUCT(10, 7, "Mali-G610", "LODX"),
	PC_PRODUCT_FAMILY(11, 2, "Mali-G715", "TTUX",
			  7, "Mali-G615", 11, "Mali-G715-Immortalis"),
	PC_PRODUCT(11, 3, "Mali-G615", "LTUX"),
	PC_PRODUCT_FAMILY(12, 0, "Mali-G720", "",
			  6, "Mali-G620", 10, "Mali-G720-Immortalis"),
	PC_PRODUCT(12, 1, "Mali-G620", ""),
	PC_PRODUCT_FAMILY(13, 0, "Mali-G725", "",
			  6, "Mali-G625", 10, "Mali-G925-Immortalis"),
	PC_PRODUCT(13, 1, "Mali-G625", ""),
};

void pc_decode_gpu_id(uint32_t gpu_id, struct pc_gpu_id *id)
{
	id->arch_major = GPU_ID_ARCH_MAJOR(gpu_id);
	id->arch_minor = GPU_ID_ARCH_MINOR(gpu_id);
	id->arch_rev = GPU_ID_ARCH_REV(gpu_id);
	id->product_major = GPU_ID_PRODUCT_MAJOR(gpu_id);
	id->version_major = GPU_ID_VERSION_MAJOR(gpu_id);
	id->version_minor = GPU_ID_VERSION_MINOR(gpu_id);
	id->version_status = GPU_ID_VERSION_STATUS(gpu_id);
}

const char *pc_product_name(uint32_t gpu_id, unsigned int shader_cores,
			    bool ray_tracing, const char **codename)
{
	unsigned int arch = GPU_ID_ARCH_MAJOR(gpu_id);
	unsigned int product = GPU_ID_PRODUCT_MAJOR(gpu_id);

	if (codename)
		*codename = "";

	for (size_t i = 0; i < PC_ARRAY_SIZE(pc_products); i++) {
		const struct pc_product *p = &pc_products[i];

		if (p->arch_major != arch || p->product_major != product)
			continue;

		if (codename)
			*codename = p->codename;
		if (p->big_from && ray_tracing && shader_cores >= p->big_from)
			return p->big_name;
		if (p->small_below && shader_cores < p->small_below)
			return p->small_name;
		return p->name;
	}
	return NULL;
}

/* 1 << @log2, or 0 when that does not fit in 64 bits. */
static uint64_t pc_pow2(unsigned int log2)
{
	return log2 < 64 ? 1ull << log2 : 0;
}

void pc_decode_l2(uint32_t l2_features, uint32_t mem_features,
		  struct pc_l2_info *l2)
{
	l2->line_size = (uint32_t)pc_pow2(L2_FEATURES_LINE_SIZE_LOG2(l2_features));
	l2->associativity = L2_FEATURES_ASSOCIATIVITY(l2_features);
	l2->cache_size = pc_pow2(L2_FEATURES_CACHE_SIZE_LOG2(l2_features));
	l2->bus_width_log2 = L2_FEATURES_BUS_WIDTH_LOG2(l2_features);
	l2->slices = MEM_FEATURES_L2_SLICES(mem_features);
}

unsigned int pc_popcount64(uint64_t mask)
{
	return (unsigned int)__builtin_popcountll(mask);
}

void pc_describe_gpu(const struct drm_panthor_gpu_info *info,
		     struct pc_gpu_desc *desc)
{
	const char *name;

	memset(desc, 0, sizeof(*desc));
	pc_decode_gpu_id(info->gpu_id, &desc->id);

	desc->shader_cores = pc_popcount64(info->shader_present);
	desc->address_spaces = pc_popcount64(info->as_present);
	desc->ray_tracing = info->gpu_features & GPU_FEATURES_RAY_INTERSECTION;

	name = pc_product_name(info->gpu_id, desc->shader_cores,
			       desc->ray_tracing, &desc->codename);
	desc->known = name;
	if (name)
		snprintf(desc->product, sizeof(desc->product), "%s", name);
	else
		snprintf(desc->product, sizeof(desc->product),
			 "unknown Mali (arch %u, product %u)",
			 desc->id.arch_major, desc->id.product_major);

	/* The firmware directory follows the architecture major.minor. */
	snprintf(desc->firmware, sizeof(desc->firmware),
		 "arm/mali/arch%u.%u/mali_csffw.bin", desc->id.arch_major,
		 desc->id.arch_minor);

	desc->va_bits = MMU_FEATURES_VA_BITS(info->mmu_features);
	desc->pa_bits = MMU_FEATURES_PA_BITS(info->mmu_features);
	pc_decode_l2(info->l2_features, info->mem_features, &desc->l2);

	desc->max_registers = THREAD_FEATURES_MAX_REGISTERS(info->thread_features);
	desc->impl_tech = THREAD_FEATURES_IMPL_TECH(info->thread_features);
	desc->max_tasks = THREAD_FEATURES_MAX_TASKS(info->thread_features);

	desc->tiler_bin_size =
		(uint32_t)pc_pow2(TILER_FEATURES_BIN_SIZE_LOG2(info->tiler_features));
	desc->tiler_max_levels = TILER_FEATURES_MAX_LEVELS(info->tiler_features);

	desc->cshw_major = CSF_ID_CSHW_MAJOR(info->csf_id);
	desc->cshw_minor = CSF_ID_CSHW_MINOR(info->csf_id);
	desc->cshw_rev = CSF_ID_CSHW_REV(info->csf_id);
	desc->mcu_major = CSF_ID_MCU_MAJOR(info->csf_id);
	desc->mcu_minor = CSF_ID_MCU_MINOR(info->csf_id);
	desc->mcu_rev = CSF_ID_MCU_REV(info->csf_id);
}
