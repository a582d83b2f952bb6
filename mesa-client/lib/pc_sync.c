// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_sync.c - DRM syncobjs, binary and timeline: the generic DRM ioctls
 * panthor relies on for every wait and signal (uapi-abi.md §2).
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "panthor_client.h"
#include "pc_internal.h"

int pc_syncobj_create(struct pc_device *dev, bool signaled, uint32_t *handle)
{
	struct drm_syncobj_create arg = {
		.flags = signaled ? DRM_SYNCOBJ_CREATE_SIGNALED : 0,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_CREATE, &arg);
	if (ret)
		return pc_fail(ret, "%s: SYNCOBJ_CREATE failed: %s", dev->path,
			       strerror(-ret));
	*handle = arg.handle;
	return 0;
}

void pc_syncobj_destroy(struct pc_device *dev, uint32_t handle)
{
	struct drm_syncobj_destroy arg = { .handle = handle };

	if (handle)
		pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_DESTROY, &arg);
}

/* The absolute CLOCK_MONOTONIC deadline the wait ioctls take. */
static int64_t pc_deadline(int64_t timeout_ns)
{
	struct timespec now;
	int64_t now_ns;

	if (timeout_ns < 0)
		timeout_ns = PC_WAIT_TIMEOUT_NS;
	clock_gettime(CLOCK_MONOTONIC, &now);
	now_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	if (timeout_ns > INT64_MAX - now_ns)
		return INT64_MAX;
	return now_ns + timeout_ns;
}

static int pc_wait_failed(struct pc_device *dev, int ret, const char *what,
			  uint32_t handle, uint64_t point, int64_t timeout_ns)
{
	if (ret == -ETIME)
		return pc_fail(ret, "%s: syncobj %u point %llu not signalled after %lld ms",
			       dev->path, handle, (unsigned long long)point,
			       (long long)((timeout_ns < 0 ? PC_WAIT_TIMEOUT_NS :
					    timeout_ns) / 1000000));
	return pc_fail(ret, "%s: %s on syncobj %u failed: %s", dev->path,
		       what, handle, strerror(-ret));
}

int pc_syncobj_wait(struct pc_device *dev, const uint32_t *handles,
		    uint32_t count, bool all, int64_t timeout_ns)
{
	struct drm_syncobj_wait arg = {
		.handles = pc_u64_ptr(handles),
		.count_handles = count,
		.timeout_nsec = pc_deadline(timeout_ns),
		.flags = all ? DRM_SYNCOBJ_WAIT_FLAGS_WAIT_ALL : 0,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_WAIT, &arg);
	if (ret)
		return pc_wait_failed(dev, ret, "SYNCOBJ_WAIT",
				      count ? handles[0] : 0, 0, timeout_ns);
	return 0;
}

int pc_syncobj_timeline_wait(struct pc_device *dev, const uint32_t *handles,
			     const uint64_t *points, uint32_t count, bool all,
			     int64_t timeout_ns)
{
	struct drm_syncobj_timeline_wait arg = {
		.handles = pc_u64_ptr(handles),
		.points = pc_u64_ptr(points),
		.timeout_nsec = pc_deadline(timeout_ns),
		.count_handles = count,
		.flags = DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT |
			 (all ? DRM_SYNCOBJ_WAIT_FLAGS_WAIT_ALL : 0),
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &arg);
	if (ret)
		return pc_wait_failed(dev, ret, "SYNCOBJ_TIMELINE_WAIT",
				      count ? handles[0] : 0,
				      count ? points[0] : 0, timeout_ns);
	return 0;
}

int pc_syncobj_signal(struct pc_device *dev, uint32_t handle)
{
	struct drm_syncobj_array arg = {
		.handles = pc_u64_ptr(&handle),
		.count_handles = 1,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_SIGNAL, &arg);
	if (ret)
		return pc_fail(ret, "%s: SYNCOBJ_SIGNAL of %u failed: %s",
			       dev->path, handle, strerror(-ret));
	return 0;
}

int pc_syncobj_timeline_signal(struct pc_device *dev, uint32_t handle,
			       uint64_t point)
{
	struct drm_syncobj_timeline_array arg = {
		.handles = pc_u64_ptr(&handle),
		.points = pc_u64_ptr(&point),
		.count_handles = 1,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_TIMELINE_SIGNAL, &arg);
	if (ret)
		return pc_fail(ret, "%s: SYNCOBJ_TIMELINE_SIGNAL of %u point %llu failed: %s",
			       dev->path, handle, (unsigned long long)point,
			       strerror(-ret));
	return 0;
}

int pc_syncobj_reset(struct pc_device *dev, uint32_t handle)
{
	struct drm_syncobj_array arg = {
		.handles = pc_u64_ptr(&handle),
		.count_handles = 1,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_RESET, &arg);
	if (ret)
		return pc_fail(ret, "%s: SYNCOBJ_RESET of %u failed: %s",
			       dev->path, handle, strerror(-ret));
	return 0;
}

int pc_syncobj_query(struct pc_device *dev, uint32_t handle, uint64_t *point)
{
	struct drm_syncobj_timeline_array arg = {
		.handles = pc_u64_ptr(&handle),
		.points = pc_u64_ptr(point),
		.count_handles = 1,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_QUERY, &arg);
	if (ret)
		return pc_fail(ret, "%s: SYNCOBJ_QUERY of %u failed: %s",
			       dev->path, handle, strerror(-ret));
	return 0;
}

static int pc_syncobj_to_sync_file(struct pc_device *dev, uint32_t handle,
				   int *fd)
{
	struct drm_syncobj_handle arg = {
		.handle = handle,
		.flags = DRM_SYNCOBJ_HANDLE_TO_FD_FLAGS_EXPORT_SYNC_FILE,
		.fd = -1,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD, &arg);
	if (ret)
		return pc_fail(ret, "%s: exporting syncobj %u as a sync file failed: %s",
			       dev->path, handle, strerror(-ret));
	*fd = arg.fd;
	return 0;
}

/*
 * A sync file holds one fence: a timeline point is first moved into a
 * temporary binary syncobj, which is then exported.
 */
int pc_syncobj_export_sync_file(struct pc_device *dev, uint32_t handle,
				uint64_t point, int *fd)
{
	struct drm_syncobj_transfer transfer = {
		.src_handle = handle,
		.src_point = point,
	};
	uint32_t tmp;
	int ret;

	if (!point)
		return pc_syncobj_to_sync_file(dev, handle, fd);

	ret = pc_syncobj_create(dev, false, &tmp);
	if (ret)
		return ret;
	transfer.dst_handle = tmp;
	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_TRANSFER, &transfer);
	if (ret)
		pc_fail(ret, "%s: SYNCOBJ_TRANSFER of %u point %llu failed: %s",
			dev->path, handle, (unsigned long long)point,
			strerror(-ret));
	else
		ret = pc_syncobj_to_sync_file(dev, tmp, fd);
	pc_syncobj_destroy(dev, tmp);
	return ret;
}

int pc_syncobj_import_sync_file(struct pc_device *dev, uint32_t handle,
				int fd)
{
	struct drm_syncobj_handle arg = {
		.handle = handle,
		.flags = DRM_SYNCOBJ_FD_TO_HANDLE_FLAGS_IMPORT_SYNC_FILE,
		.fd = fd,
	};
	int ret;

	ret = pc_ioctl(dev, DRM_IOCTL_SYNCOBJ_FD_TO_HANDLE, &arg);
	if (ret)
		return pc_fail(ret, "%s: importing sync file %d into syncobj %u failed: %s",
			       dev->path, fd, handle, strerror(-ret));
	return 0;
}
