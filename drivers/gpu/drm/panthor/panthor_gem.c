// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor GEM block: shmem-backed buffer objects.
 *
 * CPU mappings of a BO are write-combined unless the GPU is IO-coherent or
 * the BO was created with DRM_PANTHOR_BO_WB_MMAP; a write-combined BO then
 * needs no cache maintenance, a cached one on a non-coherent GPU needs
 * BO_SYNC. Pages are only allocated when the BO is first mapped, on the
 * CPU or in a VM, and stay pinned until the BO is freed.
 */

#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/iosys-map.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drm/drm_device.h>
#include <drm/drm_file.h>
#include <drm/drm_vma_manager.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_prime.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_drv.h"
#include "panthor_gem.h"
#include "panthor_mmu.h"

/* Labels are at most this long, NUL included. */
#define PANTHOR_BO_LABEL_MAX	4096

static void panthor_gem_free_object(struct drm_gem_object *obj)
{
	struct panthor_gem_object *bo = to_panthor_bo(obj);
	struct drm_gem_object *vm_root = bo->exclusive_vm_root_gem;

	kfree(bo->label.str);
	mutex_destroy(&bo->label.lock);
	mutex_destroy(&bo->gpuva_lock);

	/* Frees @bo; its reservation object may be the VM root's. */
	drm_gem_shmem_free(&bo->base);
	drm_gem_object_put(vm_root);
}

static void panthor_gem_print_info(struct drm_printer *p, unsigned int indent,
				   const struct drm_gem_object *obj)
{
	struct panthor_gem_object *bo = to_panthor_bo((struct drm_gem_object *)obj);

	drm_gem_shmem_print_info(&bo->base, p, indent);
	drm_printf_indent(p, indent, "flags=0x%x\n", bo->flags);

	mutex_lock(&bo->label.lock);
	if (bo->label.str)
		drm_printf_indent(p, indent, "label=%s\n", bo->label.str);
	mutex_unlock(&bo->label.lock);
}

static int panthor_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct panthor_gem_object *bo = to_panthor_bo(obj);
	struct sg_table *sgt;

	if (bo->flags & DRM_PANTHOR_BO_NO_MMAP)
		return -EINVAL;

	/*
	 * The pages were zeroed through the CPU's cached view. Mapping them
	 * for DMA cleans those lines out, so that a later eviction cannot
	 * overwrite what is written through the write-combined mapping.
	 */
	if (bo->base.map_wc && !obj->import_attach) {
		sgt = drm_gem_shmem_get_pages_sgt(&bo->base);
		if (IS_ERR(sgt))
			return PTR_ERR(sgt);
	}

	return drm_gem_shmem_object_mmap(obj, vma);
}

/*
 * A VM-private BO shares its VM's reservation object: handing it to another
 * driver would let that driver lock the whole VM, so it never leaves.
 */
static bool panthor_bo_is_vm_private(struct drm_gem_object *obj)
{
	return !!to_panthor_bo(obj)->exclusive_vm_root_gem;
}

static struct dma_buf *panthor_bo_to_dmabuf(struct drm_gem_object *obj, int flags)
{
	return panthor_bo_is_vm_private(obj) ? ERR_PTR(-EINVAL) :
					       drm_gem_prime_export(obj, flags);
}

/* shmem helpers for the pages, our own hooks for life cycle and sharing. */
static const struct drm_gem_object_funcs panthor_gem_funcs = {
	/* life cycle and debugfs */
	.free = panthor_gem_free_object,
	.print_info = panthor_gem_print_info,
	/* CPU access */
	.mmap = panthor_gem_mmap,
	.vm_ops = &drm_gem_shmem_vm_ops,
	.vmap = drm_gem_shmem_object_vmap,
	.vunmap = drm_gem_shmem_object_vunmap,
	/* PRIME */
	.export = panthor_bo_to_dmabuf,
	.get_sg_table = drm_gem_shmem_object_get_sg_table,
	.pin = drm_gem_shmem_object_pin,
	.unpin = drm_gem_shmem_object_unpin,
};

/**
 * panthor_gem_create_object() - Allocate a panthor BO for the shmem helpers
 * @ddev: DRM device
 * @size: size of the object (unused, the helpers set it up)
 *
 * The &drm_driver.gem_create_object hook: every GEM object of the driver,
 * imported ones included, is a &struct panthor_gem_object.
 *
 * Return: the GEM object embedded in the new BO, or an ERR_PTR().
 */
struct drm_gem_object *panthor_gem_create_object(struct drm_device *ddev, size_t size)
{
	struct panthor_device *ptdev = to_panthor_device(ddev);
	struct panthor_gem_object *bo;

	bo = kzalloc(sizeof(*bo), GFP_KERNEL);
	if (!bo)
		return ERR_PTR(-ENOMEM);

	bo->base.base.funcs = &panthor_gem_funcs;
	bo->base.map_wc = !ptdev->coherent;
	mutex_init(&bo->gpuva_lock);
	drm_gem_gpuva_set_lock(&bo->base.base, &bo->gpuva_lock);
	mutex_init(&bo->label.lock);

	return &bo->base.base;
}

/* Make @bo private to @vm: it shares the VM's reservation object. */
static void panthor_gem_attach_to_vm(struct panthor_gem_object *bo, struct panthor_vm *vm)
{
	struct drm_gem_object *root = panthor_vm_root_gem(vm);

	drm_gem_object_get(root);
	bo->exclusive_vm_root_gem = root;
	bo->base.base.resv = root->resv;
}

/**
 * panthor_gem_create_with_handle() - Create a user BO and a handle to it
 * @file: file the handle belongs to
 * @ddev: DRM device
 * @exclusive_vm: VM the BO is private to, or NULL
 * @size: in, the size asked for; out, the size allocated (page-aligned)
 * @flags: DRM_PANTHOR_BO_* flags, already checked
 * @handle: set to the new handle
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_gem_create_with_handle(struct drm_file *file, struct drm_device *ddev,
				   struct panthor_vm *exclusive_vm, u64 *size,
				   u32 flags, u32 *handle)
{
	struct drm_gem_shmem_object *shmem;
	struct panthor_gem_object *bo;
	int ret;

	/* The shmem helpers take a size_t and round it up to a page. */
	if (*size > SIZE_MAX - PAGE_SIZE + 1)
		return -EINVAL;

	shmem = drm_gem_shmem_create(ddev, *size);
	if (IS_ERR(shmem))
		return PTR_ERR(shmem);

	bo = to_panthor_bo(&shmem->base);
	bo->flags = flags;
	if (flags & DRM_PANTHOR_BO_WB_MMAP)
		bo->base.map_wc = false;
	if (exclusive_vm)
		panthor_gem_attach_to_vm(bo, exclusive_vm);

	ret = drm_gem_handle_create(file, &shmem->base, handle);
	if (!ret)
		*size = shmem->base.size;

	/* The handle holds the reference from now on, or nothing does. */
	drm_gem_object_put(&shmem->base);
	return ret;
}

/**
 * panthor_gem_set_label() - Replace a BO's debug label
 * @bo: BO
 * @label: new label, allocated with kmalloc(); the BO owns it from now on.
 *	   NULL clears the label.
 */
void panthor_gem_set_label(struct panthor_gem_object *bo, const char *label)
{
	const char *old;

	mutex_lock(&bo->label.lock);
	old = bo->label.str;
	bo->label.str = label;
	mutex_unlock(&bo->label.lock);

	kfree(old);
}

/**
 * panthor_gem_label_from_user() - Copy a BO label from userspace
 * @ptr: user pointer to a NUL-terminated string
 *
 * Return: a kmalloc()ed copy, ERR_PTR(-E2BIG) if it does not fit in
 * 4096 bytes with its NUL, ERR_PTR(-EFAULT) if it cannot be read.
 */
const char *panthor_gem_label_from_user(u64 ptr)
{
	const char __user *src = u64_to_user_ptr(ptr);
	long len;
	char *str;

	/* Length including the NUL, 0 on a fault, more than the limit if too long. */
	len = strnlen_user(src, PANTHOR_BO_LABEL_MAX);
	if (!len)
		return ERR_PTR(-EFAULT);
	if (len > PANTHOR_BO_LABEL_MAX)
		return ERR_PTR(-E2BIG);

	str = memdup_user(src, len);
	if (IS_ERR(str))
		return str;

	/* The string may have changed since it was measured. */
	str[len - 1] = '\0';
	return str;
}

/**
 * panthor_gem_sync() - CPU cache maintenance on a BO range
 * @bo: BO
 * @type: DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, or _FLUSH_AND_INVALIDATE
 * @offset: start of the range in the BO
 * @size: size of the range
 *
 * Return: 0 on success, -EINVAL for a range outside the BO, a BO imported
 * from another driver or an unknown type, -EINTR if interrupted.
 */
int panthor_gem_sync(struct panthor_gem_object *bo, u32 type, u64 offset, u64 size)
{
	struct drm_gem_object *obj = &bo->base.base;
	struct panthor_device *ptdev = to_panthor_device(obj->dev);
	struct scatterlist *sg;
	struct sg_table *sgt;
	unsigned int i;
	u64 end, pos = 0;
	int ret;

	if (check_add_overflow(offset, size, &end) || end > obj->size)
		return -EINVAL;

	/* Its exporter owns its caching; we cannot know what to do. */
	if (obj->import_attach)
		return -EINVAL;

	if (type != DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH &&
	    type != DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH_AND_INVALIDATE)
		return -EINVAL;

	/* Nothing cached to act on, or the hardware keeps it coherent. */
	if (bo->base.map_wc || ptdev->coherent || !size)
		return 0;

	ret = dma_resv_lock_interruptible(obj->resv, NULL);
	if (ret)
		return ret;

	/* Pages the GPU never had are cleaned when they are first mapped. */
	sgt = bo->base.sgt;
	if (!sgt)
		goto out_unlock;

	for_each_sgtable_dma_sg(sgt, sg, i) {
		u64 seg_start = pos, seg_end = pos + sg_dma_len(sg);
		u64 from = max(seg_start, offset), to = min(seg_end, end);

		pos = seg_end;
		if (from >= to)
			continue;

		dma_sync_single_range_for_device(obj->dev->dev, sg_dma_address(sg),
						 from - seg_start, to - from,
						 DMA_TO_DEVICE);
		if (type == DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH_AND_INVALIDATE)
			dma_sync_single_range_for_cpu(obj->dev->dev, sg_dma_address(sg),
						      from - seg_start, to - from,
						      DMA_FROM_DEVICE);
		if (pos >= end)
			break;
	}

out_unlock:
	dma_resv_unlock(obj->resv);
	return 0;
}

/* The shmem BO behind a kernel BO: private to @vm, labelled, zeroed. */
static struct panthor_gem_object *
panthor_kernel_bo_backing(struct panthor_device *ptdev, struct panthor_vm *vm,
			  size_t size, u32 bo_flags, const char *name)
{
	struct drm_gem_shmem_object *shmem = drm_gem_shmem_create(&ptdev->base, size);
	struct panthor_gem_object *bo;

	if (IS_ERR(shmem))
		return ERR_CAST(shmem);

	bo = to_panthor_bo(&shmem->base);
	bo->flags = bo_flags;
	/* WB_MMAP (uAPI 1.7) asks for a cached CPU mapping. */
	if (bo_flags & DRM_PANTHOR_BO_WB_MMAP)
		bo->base.map_wc = false;
	panthor_gem_set_label(bo, kstrdup(name, GFP_KERNEL));
	panthor_gem_attach_to_vm(bo, vm);
	return bo;
}

/**
 * panthor_kernel_bo_create() - Create a BO and map it in a VM for the driver
 * @ptdev: device
 * @vm: VM to map it in
 * @size: size, rounded up to the page size
 * @bo_flags: DRM_PANTHOR_BO_* flags (WB_MMAP makes the CPU mapping cached)
 * @vm_map_flags: DRM_PANTHOR_VM_BIND_OP_MAP_* flags
 * @gpu_va: GPU address inside the VM's kernel range, or
 *	    %PANTHOR_VM_KERNEL_AUTO_VA
 * @name: label, for debugging
 *
 * The BO is zeroed and private to @vm. May sleep.
 *
 * Return: the BO, or an ERR_PTR().
 */
struct panthor_kernel_bo *
panthor_kernel_bo_create(struct panthor_device *ptdev, struct panthor_vm *vm,
			 size_t size, u32 bo_flags, u32 vm_map_flags,
			 u64 gpu_va, const char *name)
{
	struct panthor_gem_object *bo;
	struct panthor_kernel_bo *kbo;
	size_t len;
	int ret;

	if (drm_WARN_ON(&ptdev->base, !vm))
		return ERR_PTR(-EINVAL);

	bo = panthor_kernel_bo_backing(ptdev, vm, size, bo_flags, name);
	if (IS_ERR(bo))
		return ERR_CAST(bo);
	len = bo->base.base.size;

	kbo = kzalloc(sizeof(*kbo), GFP_KERNEL);
	ret = kbo ? panthor_vm_alloc_kernel_va(vm, gpu_va, len, &kbo->va_node) :
		    -ENOMEM;
	if (!ret) {
		ret = panthor_vm_map_bo_range(vm, bo, 0, len, kbo->va_node.start,
					      vm_map_flags);
		if (ret)
			panthor_vm_free_kernel_va(vm, &kbo->va_node);
	}
	if (ret) {
		kfree(kbo);
		drm_gem_object_put(&bo->base.base);
		return ERR_PTR(ret);
	}

	kbo->obj = &bo->base.base;
	kbo->vm = panthor_vm_get(vm);
	return kbo;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_kernel_bo_create);

/**
 * panthor_kernel_bo_destroy() - Unmap and free a kernel BO
 * @bo: BO; NULL and ERR_PTR() values are ignored
 *
 * The caller makes sure the GPU is done with it.
 */
void panthor_kernel_bo_destroy(struct panthor_kernel_bo *bo)
{
	struct panthor_vm *vm;
	int ret;

	if (IS_ERR_OR_NULL(bo))
		return;

	vm = bo->vm;
	panthor_kernel_bo_vunmap(bo);

	ret = panthor_vm_unmap_range(vm, bo->va_node.start, bo->va_node.size);
	if (ret) {
		/* The GPU may still reach the pages: leak them rather than free them. */
		drm_err(bo->obj->dev, "kernel BO at 0x%llx stays mapped (%d)\n",
			bo->va_node.start, ret);
		return;
	}

	panthor_vm_free_kernel_va(vm, &bo->va_node);
	drm_gem_object_put(bo->obj);
	panthor_vm_put(vm);
	kfree(bo);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_kernel_bo_destroy);

/**
 * panthor_kernel_bo_vmap() - Map a kernel BO in the kernel's address space
 * @bo: BO
 *
 * The mapping is at &panthor_kernel_bo.kmap; mapping a mapped BO again
 * does nothing.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_kernel_bo_vmap(struct panthor_kernel_bo *bo)
{
	struct iosys_map map = {};
	int ret = 0;

	/* Mapped once for the BO's lifetime; later calls are free. */
	if (!bo->kmap) {
		ret = drm_gem_vmap_unlocked(bo->obj, &map);
		bo->kmap = ret ? NULL : map.vaddr;
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_kernel_bo_vmap);

/**
 * panthor_kernel_bo_vunmap() - Undo panthor_kernel_bo_vmap()
 * @bo: BO, mapped or not
 */
void panthor_kernel_bo_vunmap(struct panthor_kernel_bo *bo)
{
	struct iosys_map map = IOSYS_MAP_INIT_VADDR(bo->kmap);

	if (!bo->kmap)
		return;

	drm_gem_vunmap_unlocked(bo->obj, &map);
	bo->kmap = NULL;
}

/* ---- Ioctls ------------------------------------------------------------ */

#define PANTHOR_BO_FLAGS	(DRM_PANTHOR_BO_NO_MMAP | DRM_PANTHOR_BO_WB_MMAP)

/**
 * panthor_ioctl_bo_create() - DRM_IOCTL_PANTHOR_BO_CREATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_bo_create
 * @file: the caller's file
 *
 * Return: 0 or a negative error code.
 */
int panthor_ioctl_bo_create(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_bo_create *args = data;
	struct panthor_vm *vm = NULL;
	int ret;

	if (!args->size || args->pad || (args->flags & ~PANTHOR_BO_FLAGS)) {
		drm_dbg(ddev, "BO_CREATE: size 0x%llx flags 0x%x pad 0x%x\n",
			args->size, args->flags, args->pad);
		return -EINVAL;
	}

	/* A BO never mapped on the CPU has no CPU caching to choose. */
	if ((args->flags & DRM_PANTHOR_BO_NO_MMAP) && (args->flags & DRM_PANTHOR_BO_WB_MMAP)) {
		drm_dbg(ddev, "BO_CREATE: NO_MMAP and WB_MMAP together\n");
		return -EINVAL;
	}

	if (args->exclusive_vm_id) {
		vm = panthor_vm_pool_get_vm(pfile->vms, args->exclusive_vm_id);
		if (!vm) {
			drm_dbg(ddev, "BO_CREATE: unknown exclusive VM %u\n",
				args->exclusive_vm_id);
			return -EINVAL;
		}
	}

	ret = panthor_gem_create_with_handle(file, ddev, vm, &args->size, args->flags,
					     &args->handle);
	if (ret)
		drm_dbg(ddev, "BO_CREATE: size 0x%llx failed (%d)\n", args->size, ret);

	panthor_vm_put(vm);
	return ret;
}

/**
 * panthor_ioctl_bo_mmap_offset() - DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET
 * @ddev: DRM device
 * @data: &struct drm_panthor_bo_mmap_offset
 * @file: the caller's file
 *
 * Return: 0, -ENOENT for an unknown handle, -EPERM for a NO_MMAP BO, or
 * another negative error code.
 */
int panthor_ioctl_bo_mmap_offset(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct drm_panthor_bo_mmap_offset *args = data;
	struct drm_gem_object *obj;
	int ret;

	if (args->pad) {
		drm_dbg(ddev, "BO_MMAP_OFFSET: pad is 0x%x\n", args->pad);
		return -EINVAL;
	}

	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj) {
		drm_dbg(ddev, "BO_MMAP_OFFSET: unknown handle %u\n", args->handle);
		return -ENOENT;
	}

	if (to_panthor_bo(obj)->flags & DRM_PANTHOR_BO_NO_MMAP) {
		drm_dbg(ddev, "BO_MMAP_OFFSET: BO %u was created NO_MMAP\n", args->handle);
		ret = -EPERM;
		goto out_put;
	}

	ret = drm_gem_create_mmap_offset(obj);
	if (!ret)
		args->offset = drm_vma_node_offset_addr(&obj->vma_node);

out_put:
	drm_gem_object_put(obj);
	return ret;
}

/**
 * panthor_ioctl_bo_set_label() - DRM_IOCTL_PANTHOR_BO_SET_LABEL
 * @ddev: DRM device
 * @data: &struct drm_panthor_bo_set_label
 * @file: the caller's file
 *
 * Return: 0, -ENOENT for an unknown handle, -E2BIG for a label of 4096
 * characters or more, -EFAULT, or -EINVAL.
 */
int panthor_ioctl_bo_set_label(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct drm_panthor_bo_set_label *args = data;
	struct drm_gem_object *obj;
	const char *label = NULL;

	if (args->pad) {
		drm_dbg(ddev, "BO_SET_LABEL: pad is 0x%x\n", args->pad);
		return -EINVAL;
	}

	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj) {
		drm_dbg(ddev, "BO_SET_LABEL: unknown handle %u\n", args->handle);
		return -ENOENT;
	}

	if (args->label) {
		label = panthor_gem_label_from_user(args->label);
		if (IS_ERR(label)) {
			drm_dbg(ddev, "BO_SET_LABEL: cannot read the label at 0x%llx (%ld)\n",
				args->label, PTR_ERR(label));
			drm_gem_object_put(obj);
			return PTR_ERR(label);
		}
	}

	panthor_gem_set_label(to_panthor_bo(obj), label);
	drm_gem_object_put(obj);
	return 0;
}

/**
 * panthor_ioctl_bo_sync() - DRM_IOCTL_PANTHOR_BO_SYNC
 * @ddev: DRM device
 * @data: &struct drm_panthor_bo_sync
 * @file: the caller's file
 *
 * Operations run in order and stop at the first failure.
 *
 * Return: 0 or a negative error code.
 */
int panthor_ioctl_bo_sync(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct drm_panthor_bo_sync *args = data;
	struct drm_panthor_bo_sync_op *ops;
	u32 i;
	int ret = 0;

	ops = PANTHOR_COPY_OBJ_ARRAY(&args->ops, struct drm_panthor_bo_sync_op, size);
	if (IS_ERR(ops)) {
		drm_dbg(ddev, "BO_SYNC: cannot read %u ops of stride %u (%ld)\n",
			args->ops.count, args->ops.stride, PTR_ERR(ops));
		return PTR_ERR(ops);
	}

	for (i = 0; i < args->ops.count; i++) {
		struct drm_gem_object *obj = drm_gem_object_lookup(file, ops[i].handle);

		if (!obj) {
			drm_dbg(ddev, "BO_SYNC: op %u: unknown handle %u\n", i, ops[i].handle);
			ret = -ENOENT;
			break;
		}

		ret = panthor_gem_sync(to_panthor_bo(obj), ops[i].type, ops[i].offset,
				       ops[i].size);
		drm_gem_object_put(obj);
		if (ret) {
			drm_dbg(ddev, "BO_SYNC: op %u: type %u offset 0x%llx size 0x%llx refused (%d)\n",
				i, ops[i].type, ops[i].offset, ops[i].size, ret);
			break;
		}
	}

	kvfree(ops);
	return ret;
}

/**
 * panthor_ioctl_bo_query_info() - DRM_IOCTL_PANTHOR_BO_QUERY_INFO
 * @ddev: DRM device
 * @data: &struct drm_panthor_bo_query_info
 * @file: the caller's file
 *
 * Return: 0 or -ENOENT for an unknown handle.
 */
int panthor_ioctl_bo_query_info(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct drm_panthor_bo_query_info *args = data;
	struct drm_gem_object *obj;

	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj) {
		drm_dbg(ddev, "BO_QUERY_INFO: unknown handle %u\n", args->handle);
		return -ENOENT;
	}

	/* Only a dma-buf of another driver is imported; our own come back as is. */
	args->extra_flags = obj->import_attach ? DRM_PANTHOR_BO_IS_IMPORTED : 0;
	args->create_flags = to_panthor_bo(obj)->flags;
	args->pad = 0;

	drm_gem_object_put(obj);
	return 0;
}
