/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers shared by the library's source files; not part of the API.
 */
#ifndef PC_INTERNAL_H
#define PC_INTERNAL_H

#include <errno.h>
#include <stdarg.h>

#include <xf86drm.h>

#include "panthor_client.h"

#define PC_ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

/** pc_vfail() - pc_fail() with a va_list */
__attribute__((format(printf, 2, 0)))
int pc_vfail(int err, const char *fmt, va_list ap);

/**
 * pc_ioctl() - run an ioctl on the device (restarted on EINTR/EAGAIN)
 * @dev: the device
 * @request: DRM_IOCTL_*
 * @arg: its argument
 *
 * Return: 0 or -errno; the caller says what failed with pc_fail().
 */
static inline int pc_ioctl(struct pc_device *dev, unsigned long request,
			   void *arg)
{
	return drmIoctl(dev->fd, request, arg) ? -errno : 0;
}

/** pc_u64_ptr() - a pointer as the kernel's __u64 */
static inline uint64_t pc_u64_ptr(const void *ptr)
{
	return (uint64_t)(uintptr_t)ptr;
}

/**
 * pc_sync_ops_fill() - drm_panthor_sync_op entries for waits and signals
 * @ops: room for @syncs->wait_count + @syncs->signal_count entries
 * @syncs: the waits and signals
 *
 * Return: number of entries written.
 */
uint32_t pc_sync_ops_fill(struct drm_panthor_sync_op *ops,
			  const struct pc_syncs *syncs);

#endif /* PC_INTERNAL_H */
