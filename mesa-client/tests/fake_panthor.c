// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fake_panthor.c - an LD_PRELOAD library that pretends a panthor render node
 * exists, so that panthor-client and smoke-test can be exercised on a host
 * without the test bed.
 *
 * Opening FAKE_PANTHOR_NODE (default /dev/dri/renderD128) gives a descriptor
 * of /dev/null on which DRM_IOCTL_VERSION and DRM_IOCTL_PANTHOR_DEV_QUERY
 * answer like a Mali-G610 (mali-csf-hw.md Appendix B) behind a driver at
 * level FAKE_PANTHOR_MINOR (default 8), following the size rules of
 * uapi-abi.md §6. Every other file and ioctl goes to the C library.
 *
 * This is a test double for the client only; the driver's behaviour is
 * checked by igt-tests on the real stack.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <drm.h>

#include "panthor_drm.h"

static int fake_fd = -1;

static const struct drm_panthor_gpu_info fake_gpu_info = {
	.gpu_id = 0xa8670005,
	.csf_id = 0x040a0412,
	.l2_features = 0x07120306,
	.tiler_features = 0x00000809,
	.mem_features = 0x00000301,
	.mmu_features = 0x00002830,
	.thread_features = 0x04010000,
	.max_threads = 2048,
	.thread_max_workgroup_size = 1024,
	.thread_max_barrier_size = 1024,
	.texture_features = { 0xc1ffff9e },
	.as_present = 0xff,
	.selected_coherency = DRM_PANTHOR_GPU_COHERENCY_NONE,
	.shader_present = 0x50005,
	.l2_present = 0x1,
	.tiler_present = 0x1,
};

static const struct drm_panthor_csif_info fake_csif_info = {
	.csg_slot_count = 8,
	.cs_slot_count = 8,
	.cs_reg_count = 96,
	.scoreboard_slot_count = 8,
	.unpreserved_cs_reg_count = 4,
};

static int fake_minor(void)
{
	const char *minor = getenv("FAKE_PANTHOR_MINOR");

	return minor ? atoi(minor) : 8;
}

static const char *fake_node(void)
{
	const char *node = getenv("FAKE_PANTHOR_NODE");

	return node ? node : "/dev/dri/renderD128";
}

static int fake_open(const char *path, int flags, mode_t mode)
{
	static int (*real_open)(const char *, int, ...);

	if (!real_open)
		real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT,
								    "open");
	if (strcmp(path, fake_node()))
		return real_open(path, flags, mode);

	fake_fd = real_open("/dev/null", flags & ~(O_CREAT | O_TRUNC));
	return fake_fd;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return fake_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return fake_open(path, flags, mode);
}

/* DRM_IOCTL_VERSION string rule: report the length, copy what fits. */
static void fake_string(char *dst, __kernel_size_t *len, const char *src)
{
	size_t n = strlen(src);

	if (dst && *len)
		memcpy(dst, src, n < *len ? n : *len);
	*len = n;
}

static int fake_version(struct drm_version *v)
{
	v->version_major = 1;
	v->version_minor = fake_minor();
	v->version_patchlevel = 0;
	fake_string(v->name, &v->name_len, "panthor");
	fake_string(v->date, &v->date_len, "20230801");
	fake_string(v->desc, &v->desc_len, "Panthor DRM driver (fake)");
	return 0;
}

static int fake_fail(int err)
{
	errno = err;
	return -1;
}

/*
 * Write to the caller's buffer the way copy_to_user() does: a bad address is
 * EFAULT, not a crash. process_vm_writev() on ourselves checks the mapping.
 */
static int fake_copy_out(uint64_t to, const void *from, size_t len)
{
	struct iovec local = { .iov_base = (void *)from, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)to, .iov_len = len };

	if (process_vm_writev(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)len)
		return fake_fail(EFAULT);
	return 0;
}

static int fake_dev_query(struct drm_panthor_dev_query *q)
{
	struct drm_panthor_timestamp_info timestamp = {
		.timestamp_frequency = 24000000,
		.current_timestamp = 123456789,
	};
	struct drm_panthor_group_priorities_info priorities = {
		.allowed_mask = 0x3,
	};
	const void *obj;
	uint32_t size, min_size;
	int minor = fake_minor();

	switch (q->type) {
	case DRM_PANTHOR_DEV_QUERY_GPU_INFO:
		obj = &fake_gpu_info;
		size = sizeof(fake_gpu_info);
		min_size = 96;
		break;
	case DRM_PANTHOR_DEV_QUERY_CSIF_INFO:
		obj = &fake_csif_info;
		size = min_size = sizeof(fake_csif_info);
		break;
	case DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO:
		if (minor < 1)
			return fake_fail(EINVAL);
		obj = &timestamp;
		size = minor >= 8 ? sizeof(timestamp) : 24;
		min_size = 16;
		break;
	case DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO:
		if (minor < 2)
			return fake_fail(EINVAL);
		obj = &priorities;
		size = min_size = sizeof(priorities);
		break;
	default:
		return fake_fail(EINVAL);
	}

	if (!q->pointer) {
		q->size = size;
		return 0;
	}
	if (q->size < min_size)
		return fake_fail(EINVAL);

	if (fake_copy_out(q->pointer, obj, q->size < size ? q->size : size))
		return -1;
	if (q->size > size) {
		static const uint8_t zeros[256];

		if (q->size - size > sizeof(zeros))
			return fake_fail(EINVAL);
		return fake_copy_out(q->pointer + size, zeros, q->size - size);
	}
	return 0;
}

int ioctl(int fd, unsigned long request, ...)
{
	static int (*real_ioctl)(int, unsigned long, ...);
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (fd < 0 || fd != fake_fd) {
		if (!real_ioctl)
			real_ioctl = (int (*)(int, unsigned long, ...))
				     dlsym(RTLD_NEXT, "ioctl");
		return real_ioctl(fd, request, arg);
	}

	if (request == DRM_IOCTL_VERSION)
		return fake_version(arg);
	if (request == DRM_IOCTL_PANTHOR_DEV_QUERY)
		return fake_dev_query(arg);
	return fake_fail(ENOTTY);
}
