// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_bo.c - buffer objects: creation, CPU mappings, labels, dma-buf
 * export/import, the 1.7 queries and cache maintenance, and binding a BO
 * into a VM at an address the VM's allocator picks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "panthor_client.h"
#include "pc_internal.h"

#define PC_HUGE_PAGE_SIZE	(2ull << 20)

static struct pc_bo *pc_bo_alloc(struct pc_device *dev, uint32_t handle,
				 uint64_t size, uint32_t flags)
{
	struct pc_bo *bo = calloc(1, sizeof(*bo));

	if (!bo)
		return NULL;
	bo->dev = dev;
	bo->handle = handle;
	bo->size = size;
	bo->flags = flags;
	return bo;
}

static void pc_gem_close(struct pc_device *dev, uint32_t handle)
{
	struct drm_gem_close arg = { .handle = handle };

	pc_ioctl(dev, DRM_IOCTL_GEM_CLOSE, &arg);
}

int pc_bo_create(struct pc_device *dev, uint64_t size, uint32_t flags,
		 struct pc_vm *exclusive_vm, struct pc_bo **bop)
{
	struct drm_panthor_bo_create arg = {
		.size = size,
		.flags = flags,
		.exclusive_vm_id = exclusive_vm ? exclusive_vm->id : 0,
	};
	struct pc_bo *bo;
	int ret;

	*bop = NULL;
	ret = pc_ioctl(dev, DRM_IOCTL_PANTHOR_BO_CREATE, &arg);
	if (ret)
		return pc_fail(ret, "%s: BO_CREATE of %llu bytes (flags 0x%x) failed: %s",
			       dev->path, (unsigned long long)size, flags,
			       strerror(-ret));

	bo = pc_bo_alloc(dev, arg.handle, arg.size, flags);
	if (!bo) {
		pc_gem_close(dev, arg.handle);
		return pc_fail(-ENOMEM, "out of memory");
	}
	*bop = bo;
	return 0;
}

void pc_bo_destroy(struct pc_bo *bo)
{
	if (!bo)
		return;
	pc_bo_unbind(bo);
	if (bo->map)
		munmap(bo->map, bo->size);
	pc_gem_close(bo->dev, bo->handle);
	free(bo);
}

int pc_bo_mmap(struct pc_bo *bo, void **ptr)
{
	struct drm_panthor_bo_mmap_offset arg = { .handle = bo->handle };
	void *map;
	int ret;

	if (!bo->map) {
		ret = pc_ioctl(bo->dev, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &arg);
		if (ret)
			return pc_fail(ret, "%s: BO_MMAP_OFFSET of BO %u failed: %s",
				       bo->dev->path, bo->handle,
				       strerror(-ret));
		map = mmap(NULL, bo->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   bo->dev->fd, arg.offset);
		if (map == MAP_FAILED) {
			ret = -errno;
			return pc_fail(ret, "%s: mmap of BO %u (%llu bytes) failed: %s",
				       bo->dev->path, bo->handle,
				       (unsigned long long)bo->size,
				       strerror(-ret));
		}
		bo->map = map;
	}
	if (ptr)
		*ptr = bo->map;
	return 0;
}

int pc_bo_set_label(struct pc_bo *bo, const char *label)
{
	struct drm_panthor_bo_set_label arg = {
		.handle = bo->handle,
		.label = pc_u64_ptr(label),
	};
	int ret;

	if (!bo->dev->features.bo_set_label)
		return pc_fail(-EOPNOTSUPP,
			       "%s: BO labels need panthor uAPI 1.4, the driver has 1.%d",
			       bo->dev->path, bo->dev->version_minor);
	ret = pc_ioctl(bo->dev, DRM_IOCTL_PANTHOR_BO_SET_LABEL, &arg);
	if (ret)
		return pc_fail(ret, "%s: BO_SET_LABEL of BO %u failed: %s",
			       bo->dev->path, bo->handle, strerror(-ret));
	return 0;
}

int pc_bo_export(struct pc_bo *bo, int *fd)
{
	struct drm_prime_handle arg = {
		.handle = bo->handle,
		.flags = DRM_CLOEXEC | DRM_RDWR,
	};
	int ret;

	ret = pc_ioctl(bo->dev, DRM_IOCTL_PRIME_HANDLE_TO_FD, &arg);
	if (ret)
		return pc_fail(ret, "%s: exporting BO %u as a dma-buf failed: %s",
			       bo->dev->path, bo->handle, strerror(-ret));
	*fd = arg.fd;
	return 0;
}

int pc_bo_import(struct pc_device *dev, int fd, struct pc_bo **bop)
{
	struct drm_prime_handle arg = { .fd = fd };
	struct pc_bo *bo;
	off_t size;
	int ret;

	*bop = NULL;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0)
		return pc_fail(size ? -errno : -EINVAL,
			       "dma-buf %d: cannot learn its size", fd);

	ret = pc_ioctl(dev, DRM_IOCTL_PRIME_FD_TO_HANDLE, &arg);
	if (ret)
		return pc_fail(ret, "%s: importing dma-buf %d failed: %s",
			       dev->path, fd, strerror(-ret));

	bo = pc_bo_alloc(dev, arg.handle, size, 0);
	if (!bo) {
		pc_gem_close(dev, arg.handle);
		return pc_fail(-ENOMEM, "out of memory");
	}
	*bop = bo;
	return 0;
}

int pc_bo_query_info(struct pc_bo *bo, uint32_t *create_flags,
		     uint32_t *extra_flags)
{
	struct drm_panthor_bo_query_info arg = { .handle = bo->handle };
	int ret;

	if (!bo->dev->features.bo_query_info)
		return pc_fail(-EOPNOTSUPP,
			       "%s: BO_QUERY_INFO needs panthor uAPI 1.7, the driver has 1.%d",
			       bo->dev->path, bo->dev->version_minor);
	ret = pc_ioctl(bo->dev, DRM_IOCTL_PANTHOR_BO_QUERY_INFO, &arg);
	if (ret)
		return pc_fail(ret, "%s: BO_QUERY_INFO of BO %u failed: %s",
			       bo->dev->path, bo->handle, strerror(-ret));
	if (create_flags)
		*create_flags = arg.create_flags;
	if (extra_flags)
		*extra_flags = arg.extra_flags;
	return 0;
}

int pc_bo_sync(struct pc_bo *bo, uint32_t type, uint64_t offset,
	       uint64_t size)
{
	struct drm_panthor_bo_sync_op op = {
		.handle = bo->handle,
		.type = type,
		.offset = offset,
		.size = size,
	};
	struct drm_panthor_bo_sync arg = {
		.ops = DRM_PANTHOR_OBJ_ARRAY(1, &op),
	};
	int ret;

	if (!bo->dev->features.bo_sync)
		return pc_fail(-EOPNOTSUPP,
			       "%s: BO_SYNC needs panthor uAPI 1.7, the driver has 1.%d",
			       bo->dev->path, bo->dev->version_minor);
	ret = pc_ioctl(bo->dev, DRM_IOCTL_PANTHOR_BO_SYNC, &arg);
	if (ret)
		return pc_fail(ret, "%s: BO_SYNC of BO %u failed: %s",
			       bo->dev->path, bo->handle, strerror(-ret));
	return 0;
}

/* Whole GPU pages: the kernel only rounds to CPU pages. */
static uint64_t pc_gpu_pages(uint64_t size)
{
	return (size + PC_GPU_PAGE_SIZE - 1) & ~(PC_GPU_PAGE_SIZE - 1);
}

int pc_bo_bind_async(struct pc_bo *bo, struct pc_vm *vm, uint32_t flags,
		     const struct pc_syncs *syncs)
{
	uint64_t size = pc_gpu_pages(bo->size);
	uint64_t align = size >= PC_HUGE_PAGE_SIZE ? PC_HUGE_PAGE_SIZE :
			 PC_GPU_PAGE_SIZE;
	struct pc_vm_op op = {
		.type = PC_VM_MAP,
		.bo = bo,
		.size = size,
		.flags = flags,
	};
	uint64_t va;
	int ret;

	if (bo->vm)
		return pc_fail(-EBUSY, "BO %u is already bound at 0x%llx",
			       bo->handle, (unsigned long long)bo->va);

	ret = pc_va_alloc(&vm->va, size, align, &va);
	if (ret)
		return ret;
	op.va = va;
	ret = pc_vm_bind(vm, &op, 1, syncs, NULL);
	if (ret) {
		pc_va_free(&vm->va, va, size);
		return ret;
	}
	bo->vm = vm;
	bo->va = va;
	bo->va_size = size;
	return 0;
}

int pc_bo_bind(struct pc_bo *bo, struct pc_vm *vm, uint32_t flags)
{
	return pc_bo_bind_async(bo, vm, flags, NULL);
}

int pc_bo_unbind(struct pc_bo *bo)
{
	int ret;

	if (!bo->vm)
		return 0;
	ret = pc_vm_unmap(bo->vm, bo->va, bo->va_size);
	/* The range stays reserved if the kernel kept the mapping. */
	if (!ret)
		pc_va_free(&bo->vm->va, bo->va, bo->va_size);
	bo->vm = NULL;
	bo->va = 0;
	bo->va_size = 0;
	return ret;
}

int pc_bo_new(struct pc_device *dev, struct pc_vm *vm, uint64_t size,
	      const char *label, struct pc_bo **bop)
{
	struct pc_bo *bo;
	int ret;

	ret = pc_bo_create(dev, size, 0, NULL, &bo);
	if (ret)
		return ret;
	if (label && dev->features.bo_set_label) {
		ret = pc_bo_set_label(bo, label);
		if (ret)
			goto err_destroy;
	}
	ret = pc_bo_mmap(bo, NULL);
	if (ret)
		goto err_destroy;
	ret = pc_bo_bind(bo, vm, DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC);
	if (ret)
		goto err_destroy;
	*bop = bo;
	return 0;

err_destroy:
	pc_bo_destroy(bo);
	*bop = NULL;
	return ret;
}
