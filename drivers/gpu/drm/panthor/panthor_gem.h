/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor GEM block: buffer objects backed by shmem pages.
 *
 * Three kinds of BO:
 *
 * - user BOs, created by BO_CREATE and mapped in VMs by VM_BIND;
 * - VM-exclusive user BOs, which share the reservation object of the one VM
 *   they may be mapped in, so locking that VM locks all of them at once;
 *   they cannot be exported;
 * - kernel BOs (&struct panthor_kernel_bo), which the driver maps at a GPU
 *   address of a VM of its choosing (the MCU's VM for firmware sections and
 *   interfaces, a user VM for tiler heap chunks) and optionally in the
 *   kernel's address space.
 */

#ifndef __PANTHOR_GEM_H__
#define __PANTHOR_GEM_H__

#include <linux/mutex.h>
#include <linux/types.h>

#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_mm.h>

struct drm_device;
struct drm_file;
struct panthor_device;
struct panthor_vm;

/**
 * struct panthor_gem_object - A panthor buffer object
 */
struct panthor_gem_object {
	/** @base: the shmem GEM object this BO is built on */
	struct drm_gem_shmem_object base;

	/**
	 * @exclusive_vm_root_gem: for a VM-exclusive BO, the VM's root GEM
	 * object, whose reservation object this BO uses; NULL otherwise.
	 * Holds a reference on that object.
	 */
	struct drm_gem_object *exclusive_vm_root_gem;

	/** @flags: DRM_PANTHOR_BO_* flags the BO was created with */
	u32 flags;

	/**
	 * @gpuva_lock: protects the BO's list of mappings (the GEM object's
	 * gpuva list); taken inside a VM's operation lock
	 */
	struct mutex gpuva_lock;

	/** @label: debug label, set with BO_SET_LABEL or by the kernel */
	struct {
		/** @label.lock: protects @label.str */
		struct mutex lock;
		/** @label.str: NUL-terminated label, or NULL */
		const char *str;
	} label;
};

/**
 * struct panthor_kernel_bo - A BO owned and mapped by the driver
 *
 * The BO is mapped in @vm at @va_node from creation to
 * destruction. Its CPU mapping, if any, is write-combined unless the GPU is
 * IO-coherent, so what the CPU writes there reaches the GPU without cache
 * maintenance (the GPU's own caches are another matter).
 */
struct panthor_kernel_bo {
	/** @obj: the GEM object */
	struct drm_gem_object *obj;
	/** @vm: the VM the BO is mapped in; holds a reference */
	struct panthor_vm *vm;
	/** @va_node: where the BO is mapped in @vm */
	struct drm_mm_node va_node;
	/** @kmap: CPU address after panthor_kernel_bo_vmap(), else NULL */
	void *kmap;
};

/**
 * to_panthor_bo() - The panthor BO a GEM object is embedded in
 * @obj: GEM object created by this driver
 *
 * Return: the enclosing BO.
 */
static inline struct panthor_gem_object *to_panthor_bo(struct drm_gem_object *obj)
{
	return container_of(to_drm_gem_shmem_obj(obj), struct panthor_gem_object,
			    base);
}

/**
 * panthor_kernel_bo_gpuva() - GPU address of a kernel BO
 * @bo: kernel BO
 *
 * Return: the GPU virtual address the BO is mapped at in its VM.
 */
static inline u64 panthor_kernel_bo_gpuva(struct panthor_kernel_bo *bo)
{
	return bo->va_node.start;
}

/**
 * panthor_kernel_bo_size() - Size of a kernel BO
 * @bo: kernel BO
 *
 * Return: the BO's size in bytes, a multiple of the page size.
 */
static inline size_t panthor_kernel_bo_size(struct panthor_kernel_bo *bo)
{
	return bo->obj->size;
}

struct drm_gem_object *panthor_gem_create_object(struct drm_device *ddev,
						 size_t size);
int panthor_gem_create_with_handle(struct drm_file *file,
				   struct drm_device *ddev,
				   struct panthor_vm *exclusive_vm,
				   u64 *size, u32 flags, u32 *handle);
void panthor_gem_set_label(struct panthor_gem_object *bo, const char *label);
const char *panthor_gem_label_from_user(u64 ptr);
int panthor_gem_sync(struct panthor_gem_object *bo, u32 type, u64 offset, u64 size);

/* Kernel BOs (kernel-doc in panthor_gem.c). */
/* Ioctl handlers (DRM_IOCTL_PANTHOR_BO_*). */
int panthor_ioctl_bo_create(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_bo_mmap_offset(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_bo_set_label(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_bo_sync(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_bo_query_info(struct drm_device *ddev, void *data, struct drm_file *file);

struct panthor_kernel_bo *
panthor_kernel_bo_create(struct panthor_device *ptdev, struct panthor_vm *vm,
			 size_t size, u32 bo_flags, u32 vm_map_flags,
			 u64 gpu_va, const char *name);
void panthor_kernel_bo_destroy(struct panthor_kernel_bo *bo);
int panthor_kernel_bo_vmap(struct panthor_kernel_bo *bo);
void panthor_kernel_bo_vunmap(struct panthor_kernel_bo *bo);

#endif /* __PANTHOR_GEM_H__ */
