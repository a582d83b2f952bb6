/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor DRM driver: helpers of the ioctl layer that have unit tests.
 */

#ifndef __PANTHOR_DRV_H__
#define __PANTHOR_DRV_H__

#include <linux/stddef.h>
#include <linux/types.h>

struct drm_file;

/**
 * struct panthor_query_layout - Size rules of one DEV_QUERY type
 */
struct panthor_query_layout {
	/** @type: DRM_PANTHOR_DEV_QUERY_* type */
	u32 type;
	/** @since: uAPI minor version from which these rules apply */
	u32 since;
	/** @size: size of the kernel's structure for the type */
	u32 size;
	/**
	 * @min_size: smallest user buffer accepted: the structure as it was
	 * when the type was introduced
	 */
	u32 min_size;
};

u8 panthor_group_priority_max(void);
bool panthor_group_priority_allowed(struct drm_file *file, u8 priority);

struct drm_panthor_obj_array;

void *panthor_copy_obj_array(const struct drm_panthor_obj_array *in,
			     u32 min_stride, u32 obj_size);

/**
 * PANTHOR_COPY_OBJ_ARRAY() - Copy a user array of versioned objects
 * @in: &struct drm_panthor_obj_array from the ioctl argument
 * @type: the element type
 * @last_field: the last field of @type when its ioctl was introduced
 */
#define PANTHOR_COPY_OBJ_ARRAY(in, type, last_field) \
	panthor_copy_obj_array(in, offsetofend(type, last_field), sizeof(type))

#if IS_ENABLED(CONFIG_KUNIT)
const struct panthor_query_layout *panthor_query_layout(u32 type, u32 minor);
int panthor_query_copy_sizes(u32 user_size, u32 obj_size, u32 min_size,
			     u32 *copy_size, u32 *zero_size);
int panthor_timestamp_flags(u32 user_flags, u32 *flags);
bool panthor_timestamp_needs_atomic(u32 flags);
#endif

#endif /* __PANTHOR_DRV_H__ */
