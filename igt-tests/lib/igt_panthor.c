// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * igt_panthor.c - panthor helpers shared by the tests (see igt_panthor.h).
 */
#include "igt.h"
#include "igt_panthor.h"

void igt_panthor_query(int fd, int32_t type, void *data, size_t size, int err)
{
	struct drm_panthor_dev_query query = {
		.type = (uint32_t)type,
		.size = (uint32_t)size,
		.pointer = (uint64_t)(uintptr_t)data,
	};

	if (err)
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_DEV_QUERY, &query, err);
	else
		do_ioctl(fd, DRM_IOCTL_PANTHOR_DEV_QUERY, &query);
}
