/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor GPU_CONTROL block: identification, feature registers, reset, L2
 * power, cache maintenance, counters and the GPU interrupt.
 */

#ifndef __PANTHOR_GPU_H__
#define __PANTHOR_GPU_H__

#include <linux/types.h>

struct drm_panthor_gpu_info;
struct panthor_device;

/**
 * struct panthor_gpu_id - The fields of the GPU_ID register
 *
 * A product is named by (@arch_major, @product_major); the firmware image is
 * chosen by (@arch_major, @arch_minor); "rNpM status S" is the silicon
 * revision within the product.
 */
struct panthor_gpu_id {
	/** @raw: the register value */
	u32 raw;
	/** @product_id: upper half of the register, as boot logs print it */
	u16 product_id;
	/** @arch_major: architecture major version (10 for Valhall CSF) */
	u8 arch_major;
	/** @arch_minor: architecture minor version */
	u8 arch_minor;
	/** @arch_rev: architecture revision */
	u8 arch_rev;
	/** @product_major: product within the architecture */
	u8 product_major;
	/** @version_major: the N in "rNpM" */
	u8 version_major;
	/** @version_minor: the M in "rNpM" */
	u8 version_minor;
	/** @version_status: release status of the revision */
	u8 version_status;
};

int panthor_gpu_init(struct panthor_device *ptdev);
int panthor_gpu_soft_reset(struct panthor_device *ptdev);
void panthor_gpu_suspend(struct panthor_device *ptdev);
int panthor_gpu_resume(struct panthor_device *ptdev);
const struct drm_panthor_gpu_info *panthor_gpu_info(struct panthor_device *ptdev);
u32 panthor_gpu_coherency(struct panthor_device *ptdev);
unsigned int panthor_gpu_pa_bits(struct panthor_device *ptdev);

int panthor_gpu_l2_power_on(struct panthor_device *ptdev);
int panthor_gpu_l2_power_off(struct panthor_device *ptdev);
int panthor_gpu_flush_caches(struct panthor_device *ptdev, u32 l2, u32 lsc,
			     u32 other);

u64 panthor_gpu_read_timestamp(struct panthor_device *ptdev);
u64 panthor_gpu_read_timestamp_offset(struct panthor_device *ptdev);
u64 panthor_gpu_read_cycle_count(struct panthor_device *ptdev);
u64 panthor_gpu_timestamp_frequency(void);

#if IS_ENABLED(CONFIG_KUNIT)
void panthor_gpu_id_decode(u32 raw, struct panthor_gpu_id *id);
const char *panthor_gpu_product_name(const struct panthor_gpu_id *id);
#endif

#endif /* __PANTHOR_GPU_H__ */
