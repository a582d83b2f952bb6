// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_query.c - DEV_QUERY wrappers.
 *
 * Size rules (uapi-abi.md §6 item 3): a query without a buffer returns the
 * kernel's struct size; a query with a buffer gets min(buffer, struct) bytes
 * and a zero filled rest. So passing our own struct size is always safe: an
 * older kernel leaves the fields it does not know at zero.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <xf86drm.h>

#include "panthor_client.h"
#include "pc_internal.h"

/* GPU_INFO before anything was appended: up to and including tiler_present. */
#define PC_GPU_INFO_MIN_SIZE		96
/* TIMESTAMP_INFO before 1.8. */
#define PC_TIMESTAMP_INFO_V1_SIZE	24

static const char *pc_query_name(uint32_t type)
{
	switch (type) {
	case DRM_PANTHOR_DEV_QUERY_GPU_INFO:
		return "GPU_INFO";
	case DRM_PANTHOR_DEV_QUERY_CSIF_INFO:
		return "CSIF_INFO";
	case DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO:
		return "TIMESTAMP_INFO";
	case DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO:
		return "GROUP_PRIORITIES_INFO";
	case DRM_PANTHOR_DEV_QUERY_MMU_INFO:
		return "MMU_INFO";
	default:
		return "unknown type";
	}
}

static int pc_dev_query(struct pc_device *dev, struct drm_panthor_dev_query *q)
{
	int err;

	if (!drmIoctl(dev->fd, DRM_IOCTL_PANTHOR_DEV_QUERY, q))
		return 0;

	err = errno;
	return pc_fail(-err, "%s: DEV_QUERY %s (size %u) failed: %s", dev->path,
		       pc_query_name(q->type), q->size, strerror(err));
}

int pc_query_size(struct pc_device *dev, uint32_t type, uint32_t *size)
{
	struct drm_panthor_dev_query q = { .type = type };
	int ret;

	ret = pc_dev_query(dev, &q);
	if (!ret)
		*size = q.size;
	return ret;
}

int pc_query(struct pc_device *dev, uint32_t type, void *buf, uint32_t size)
{
	struct drm_panthor_dev_query q = {
		.type = type,
		.size = size,
		.pointer = (uint64_t)(uintptr_t)buf,
	};

	return pc_dev_query(dev, &q);
}

int pc_query_gpu_info(struct pc_device *dev, struct drm_panthor_gpu_info *info)
{
	uint32_t size;
	int ret;

	ret = pc_query_size(dev, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &size);
	if (ret)
		return ret;
	if (size < PC_GPU_INFO_MIN_SIZE)
		return pc_fail(-EPROTO,
			       "%s: GPU_INFO is %u bytes, less than the %u every level has",
			       dev->path, size, PC_GPU_INFO_MIN_SIZE);
	dev->gpu_info_size = size;

	memset(info, 0, sizeof(*info));
	return pc_query(dev, DRM_PANTHOR_DEV_QUERY_GPU_INFO, info,
			sizeof(*info));
}

int pc_query_csif_info(struct pc_device *dev,
		       struct drm_panthor_csif_info *info)
{
	memset(info, 0, sizeof(*info));
	return pc_query(dev, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, info,
			sizeof(*info));
}

int pc_query_timestamp_info(struct pc_device *dev,
			    struct drm_panthor_timestamp_info *info)
{
	uint32_t size = sizeof(*info);

	if (!dev->features.timestamp_info)
		return pc_fail(-EOPNOTSUPP,
			       "%s: TIMESTAMP_INFO needs panthor uAPI 1.1, the driver has 1.%d",
			       dev->path, dev->version_minor);

	/*
	 * From 1.8 the buffer is also read (flags); zero asks for the default
	 * samples. Before 1.8 only the 24 bytes of that level are passed.
	 */
	memset(info, 0, sizeof(*info));
	if (!dev->features.timestamp_flags)
		size = PC_TIMESTAMP_INFO_V1_SIZE;
	return pc_query(dev, DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, info, size);
}

int pc_query_group_priorities(struct pc_device *dev, uint8_t *allowed_mask)
{
	struct drm_panthor_group_priorities_info info = {};
	int ret;

	if (!dev->features.group_priorities_info) {
		/* LOW and MEDIUM need no privilege at any level. */
		*allowed_mask = (1 << PANTHOR_GROUP_PRIORITY_LOW) |
				(1 << PANTHOR_GROUP_PRIORITY_MEDIUM);
		return 0;
	}

	ret = pc_query(dev, DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO, &info,
		       sizeof(info));
	if (!ret)
		*allowed_mask = info.allowed_mask;
	return ret;
}

int pc_query_mmu_info(struct pc_device *dev, struct drm_panthor_mmu_info *info)
{
	if (!dev->features.mmu_info)
		return pc_fail(-EOPNOTSUPP,
			       "%s: MMU_INFO needs panthor uAPI 1.9, the driver has 1.%d",
			       dev->path, dev->version_minor);

	memset(info, 0, sizeof(*info));
	return pc_query(dev, DRM_PANTHOR_DEV_QUERY_MMU_INFO, info,
			sizeof(*info));
}

int pc_query_timestamp(struct pc_device *dev, uint32_t flags,
		       struct drm_panthor_timestamp_info *info)
{
	int ret;

	if (!flags)
		return pc_query_timestamp_info(dev, info);
	if (!dev->features.timestamp_flags)
		return pc_fail(-EOPNOTSUPP,
			       "%s: TIMESTAMP_INFO flags need panthor uAPI 1.8, the driver has 1.%d",
			       dev->path, dev->version_minor);

	memset(info, 0, sizeof(*info));
	info->flags = flags;
	ret = pc_query(dev, DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, info,
		       sizeof(*info));
	return ret;
}
