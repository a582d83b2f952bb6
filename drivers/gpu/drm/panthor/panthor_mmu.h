/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor MMU block: GPU virtual address spaces (VMs), their page tables,
 * the hardware address-space (AS) slots they are made resident in, and the
 * MMU fault interrupt.
 *
 * Address-space model
 * -------------------
 *
 * A VM is a GPU virtual address space backed by one set of page tables. It
 * becomes visible to the GPU only while it is *resident*: bound to one of
 * the GPU's AS slots. AS0 is reserved for the MCU's VM (the firmware's
 * address space) for as long as that VM lives; user VMs share AS1..N.
 *
 * Users of a VM bracket the time the GPU may access it with
 * panthor_vm_active() and panthor_vm_idle(). An active VM keeps its slot;
 * an idle VM keeps it too, until a slot is needed for another VM and the
 * idle VM is the least recently used one.
 *
 * The VA space of a user VM is split in two: [0, user_va_end) is managed by
 * userspace through VM_BIND, [kernel_va_start, kernel_va_end) is for kernel
 * BOs (panthor_kernel_bo_create()). The MCU VM only has a kernel range.
 *
 * Functions are documented where they are defined, in panthor_mmu.c.
 */

#ifndef __PANTHOR_MMU_H__
#define __PANTHOR_MMU_H__

#include <linux/types.h>

struct dma_fence;
struct dma_resv;
struct drm_exec;
struct drm_device;
struct drm_file;
struct drm_gem_object;
struct drm_mm_node;
struct drm_panthor_vm_bind_op;
struct panthor_device;
struct panthor_file;
struct panthor_gem_object;
struct panthor_vm;
struct panthor_vm_pool;
struct sg_table;

/**
 * PANTHOR_VM_KERNEL_AUTO_VA - Let the VM pick a kernel BO's GPU address
 *
 * Pass as @gpu_va to panthor_kernel_bo_create(): the address is taken from
 * the VM's automatic kernel VA range.
 */
#define PANTHOR_VM_KERNEL_AUTO_VA	(~0ull)

/**
 * typedef panthor_vm_fault_handler_t - Called when the GPU faulted on a VM
 * @ptdev: device
 * @vm: a user VM, now unusable and off its AS slot; or the MCU's VM, whose
 *	AS0 is switched to UNMAPPED and a GPU reset already scheduled
 *
 * Runs in the MMU interrupt thread (may sleep, must not take locks held
 * around panthor_vm_active()/panthor_vm_idle()). The VM stays valid for the
 * duration of the call only; take a reference to keep it longer.
 */
typedef void (*panthor_vm_fault_handler_t)(struct panthor_device *ptdev,
					   struct panthor_vm *vm);

/* Device-level set-up, power management, reset and fault reporting. */
int panthor_mmu_init(struct panthor_device *ptdev);
void panthor_mmu_unplug(struct panthor_device *ptdev);
void panthor_mmu_suspend(struct panthor_device *ptdev);
void panthor_mmu_resume(struct panthor_device *ptdev);
void panthor_mmu_pre_reset(struct panthor_device *ptdev);
void panthor_mmu_post_reset(struct panthor_device *ptdev);
void panthor_mmu_set_fault_handler(struct panthor_device *ptdev,
				   panthor_vm_fault_handler_t handler);

/* VM life cycle, residency and properties. */
struct panthor_vm *panthor_vm_create(struct panthor_device *ptdev, bool for_mcu,
				     u64 kernel_va_start, u64 kernel_va_size,
				     u64 auto_kernel_va_start,
				     u64 auto_kernel_va_size);
struct panthor_vm *panthor_vm_get(struct panthor_vm *vm);
void panthor_vm_put(struct panthor_vm *vm);

int panthor_vm_active(struct panthor_vm *vm);
void panthor_vm_idle(struct panthor_vm *vm);
int panthor_vm_as(struct panthor_vm *vm);

bool panthor_vm_is_unusable(struct panthor_vm *vm);
u64 panthor_vm_page_size(struct panthor_vm *vm);
struct drm_gem_object *panthor_vm_root_gem(struct panthor_vm *vm);
struct dma_resv *panthor_vm_resv(struct panthor_vm *vm);

/* Job submission helpers for the scheduler. */
int panthor_vm_prepare_mapped_bos_resvs(struct drm_exec *exec,
					struct panthor_vm *vm,
					unsigned int slot_count);
void panthor_vm_add_job_fence(struct panthor_vm *vm, struct drm_exec *exec,
			      struct dma_fence *fence);

/* Kernel mappings, used by kernel BOs (use panthor_kernel_bo_create()). */
int panthor_vm_alloc_kernel_va(struct panthor_vm *vm, u64 va, u64 size,
			       struct drm_mm_node *node);
void panthor_vm_free_kernel_va(struct panthor_vm *vm, struct drm_mm_node *node);
int panthor_vm_map_bo_range(struct panthor_vm *vm, struct panthor_gem_object *bo,
			    u64 offset, u64 size, u64 va, u32 flags);
int panthor_vm_unmap_range(struct panthor_vm *vm, u64 va, u64 size);

/* The VMs of an open file, and the VM ioctls built on them. */
int panthor_vm_pool_create(struct panthor_file *pfile);
void panthor_vm_pool_destroy(struct panthor_file *pfile);
struct panthor_vm *panthor_vm_pool_get_vm(struct panthor_vm_pool *pool,
					  u32 handle);
int panthor_vm_pool_create_vm(struct panthor_device *ptdev,
			      struct panthor_vm_pool *pool,
			      u64 *user_va_range, u32 *id);
int panthor_vm_pool_destroy_vm(struct panthor_vm_pool *pool, u32 id);
int panthor_vm_bind_exec_sync_op(struct drm_file *file, struct panthor_vm *vm,
				 const struct drm_panthor_vm_bind_op *op);
int panthor_vm_bind_queue_ops(struct drm_file *file, struct panthor_vm *vm,
			      const struct drm_panthor_vm_bind_op *ops, u32 count);

/* Ioctl handlers (DRM_IOCTL_PANTHOR_VM_*). */
int panthor_ioctl_vm_create(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_vm_destroy(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_vm_bind(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_vm_get_state(struct drm_device *ddev, void *data, struct drm_file *file);

/**
 * struct panthor_vm_va_layout - How a user VM's VA space is split
 */
struct panthor_vm_va_layout {
	/** @user_end: end of the user range, which starts at 0 */
	u64 user_end;
	/** @kernel_start: start of the kernel range */
	u64 kernel_start;
	/** @kernel_size: size of the kernel range, up to the end of the VA space */
	u64 kernel_size;
};

/**
 * struct panthor_pt_hole - A range to unmap from inside a mapping
 */
struct panthor_pt_hole {
	/** @map_start: start of the mapping */
	u64 map_start;
	/** @map_end: end of the mapping */
	u64 map_end;
	/** @bo_offset: offset in the BO that @map_start maps */
	u64 bo_offset;
	/** @sgt: the BO's pages */
	struct sg_table *sgt;
	/** @prot: IOMMU_* flags the mapping was made with */
	int prot;
	/** @start: start of the range to unmap */
	u64 start;
	/** @end: end of the range to unmap */
	u64 end;
	/** @keep_before: [@map_start, @start) stays mapped */
	bool keep_before;
	/** @keep_after: [@end, @map_end) stays mapped */
	bool keep_after;
};

#if IS_ENABLED(CONFIG_KUNIT)
struct io_pgtable_ops;

u64 panthor_pt_unmap(struct io_pgtable_ops *ops, u64 iova, u64 size);
int panthor_pt_map(struct io_pgtable_ops *ops, u64 iova, int prot,
		   struct sg_table *sgt, u64 offset, u64 size);
int panthor_pt_punch_hole(struct io_pgtable_ops *ops,
			  const struct panthor_pt_hole *hole);
u64 panthor_pt_pages_needed(u64 va, u64 size, struct sg_table *sgt, u64 offset);
u64 panthor_mmu_lock_region(u64 start, u64 size);
int panthor_vm_user_va_layout(u32 va_bits, u64 requested, u64 task_size,
			      struct panthor_vm_va_layout *layout);
int panthor_vm_bind_op_check(const struct drm_panthor_vm_bind_op *op,
			     u64 user_va_end);
size_t panthor_vm_pick_pgsize(u64 iova, u64 paddr, u64 len, size_t *count);
#endif

#endif /* __PANTHOR_MMU_H__ */
