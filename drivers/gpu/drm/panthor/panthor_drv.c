// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor DRM driver: the DRM driver description, the ioctl layer and the
 * platform driver that binds to Mali CSF GPU nodes.
 */

#include <linux/bitfield.h>
#include <linux/capability.h>
#include <linux/irqflags.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include <drm/drm_auth.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_drv.h"
#include "panthor_fw.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_heap.h"
#include "panthor_mmu.h"
#include "panthor_sched.h"

/*
 * The uAPI level we report through DRM_IOCTL_VERSION.
 *
 * Userspace reads "minor >= N" as a promise that everything of levels 1.0
 * to 1.N works, so the minor may only name a level whose every feature is
 * implemented:
 *
 * - 1.0: the thirteen original ioctls
 * - 1.1: DEV_QUERY TIMESTAMP_INFO
 * - 1.2: DEV_QUERY GROUP_PRIORITIES_INFO and REALTIME groups
 * - 1.3: the INNOCENT group state after a reset a group did not cause
 * - 1.4: BO_SET_LABEL
 * - 1.5: SET_USER_MMIO_OFFSET
 * - 1.6: GPU timestamps propagated to the shader cores (GLB COUNTER_ENABLE)
 * - 1.7: WB_MMAP BOs, BO_SYNC, BO_QUERY_INFO, gpu_info.selected_coherency
 * - 1.8: TIMESTAMP_INFO flags and the extra samples
 *
 * 1.9 (MMU_INFO and sparse mappings) is not implemented yet.
 */
#define PANTHOR_VERSION_MAJOR		1
#define PANTHOR_VERSION_MINOR		8
#define PANTHOR_VERSION_PATCHLEVEL	0

/* Up to 1.6, gpu_info.selected_coherency was a pad that read as zero. */
#define PANTHOR_MINOR_SELECTED_COHERENCY	7

/* REALTIME groups came with 1.2; below it HIGH is the top priority. */
#define PANTHOR_MINOR_REALTIME_PRIORITY		2

/* From 1.8 on, TIMESTAMP_INFO reads flags and reports more samples. */
#define PANTHOR_MINOR_TIMESTAMP_FLAGS		8

/* What a TIMESTAMP_INFO query without flags samples: the 1.1 behaviour. */
#define PANTHOR_TIMESTAMP_DEFAULT \
	(DRM_PANTHOR_TIMESTAMP_GPU | DRM_PANTHOR_TIMESTAMP_GPU_OFFSET | \
	 DRM_PANTHOR_TIMESTAMP_FREQ)

#define PANTHOR_TIMESTAMP_KNOWN_FLAGS \
	(DRM_PANTHOR_TIMESTAMP_GPU | DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK | \
	 DRM_PANTHOR_TIMESTAMP_GPU_OFFSET | DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT | \
	 DRM_PANTHOR_TIMESTAMP_FREQ | DRM_PANTHOR_TIMESTAMP_DURATION)

/*
 * The history of every DEV_QUERY type: one line per uAPI level that
 * introduced or grew it. A type is answered from the level that brought it
 * in, with the layout of the newest line not above the reported level.
 */
static const struct panthor_query_layout panthor_query_layouts[] = {
	{
		.type = DRM_PANTHOR_DEV_QUERY_GPU_INFO,
		.since = 0,
		.size = sizeof(struct drm_panthor_gpu_info),
		.min_size = offsetofend(struct drm_panthor_gpu_info, tiler_present),
	},
	{
		.type = DRM_PANTHOR_DEV_QUERY_CSIF_INFO,
		.since = 0,
		.size = sizeof(struct drm_panthor_csif_info),
		.min_size = sizeof(struct drm_panthor_csif_info),
	},
	{
		.type = DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO,
		.since = 1,
		.size = offsetofend(struct drm_panthor_timestamp_info, timestamp_offset),
		.min_size = offsetofend(struct drm_panthor_timestamp_info, current_timestamp),
	},
	{
		/* 1.8 adds the flags input and more samples. */
		.type = DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO,
		.since = PANTHOR_MINOR_TIMESTAMP_FLAGS,
		.size = sizeof(struct drm_panthor_timestamp_info),
		.min_size = offsetofend(struct drm_panthor_timestamp_info, current_timestamp),
	},
	{
		.type = DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO,
		.since = 2,
		.size = sizeof(struct drm_panthor_group_priorities_info),
		.min_size = sizeof(struct drm_panthor_group_priorities_info),
	},
};

/**
 * panthor_query_layout() - Size rules of a DEV_QUERY type at a uAPI level
 * @type: query type, as userspace passed it
 * @minor: uAPI minor version the driver reports
 *
 * Return: the type's rules at that level, or NULL if the level does not
 * have the type.
 */
VISIBLE_IF_KUNIT const struct panthor_query_layout *panthor_query_layout(u32 type, u32 minor)
{
	const struct panthor_query_layout *found = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(panthor_query_layouts); i++) {
		const struct panthor_query_layout *layout = &panthor_query_layouts[i];

		if (layout->type == type && layout->since <= minor)
			found = layout;
	}

	return found;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_query_layout);

/**
 * panthor_query_copy_sizes() - Split a DEV_QUERY answer into copy and clear
 * @user_size: size of the buffer userspace passed
 * @obj_size: size of the kernel's structure for the query type
 * @min_size: smallest buffer the query type accepts
 * @copy_size: set to the number of bytes to copy from the kernel structure
 * @zero_size: set to the number of bytes to clear after them
 *
 * A buffer smaller than the kernel structure (but not than @min_size) gets
 * the leading part of it: the caller was built against an older uAPI. A
 * larger buffer gets the whole structure followed by zeroes, so fields the
 * caller knows and this kernel does not read as zero.
 *
 * Return: 0, or -EINVAL if @user_size is below @min_size.
 */
VISIBLE_IF_KUNIT int panthor_query_copy_sizes(u32 user_size, u32 obj_size, u32 min_size,
					      u32 *copy_size, u32 *zero_size)
{
	if (user_size < min_size)
		return -EINVAL;

	*copy_size = min(user_size, obj_size);
	*zero_size = user_size - *copy_size;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_query_copy_sizes);

static int panthor_query_copy_to_user(struct panthor_device *ptdev,
				      const struct drm_panthor_dev_query *args,
				      const void *obj, u32 copy_size, u32 zero_size)
{
	void __user *ptr = u64_to_user_ptr(args->pointer);

	if (copy_to_user(ptr, obj, copy_size) ||
	    clear_user(ptr + copy_size, zero_size)) {
		drm_dbg(&ptdev->base, "DEV_QUERY type %u: cannot write %u bytes at 0x%llx\n",
			args->type, args->size, args->pointer);
		return -EFAULT;
	}

	return 0;
}

static int panthor_query_gpu_info(struct panthor_device *ptdev,
				  const struct drm_panthor_dev_query *args,
				  u32 copy_size, u32 zero_size)
{
	struct drm_panthor_gpu_info info = *panthor_gpu_info(ptdev);

	if (PANTHOR_VERSION_MINOR >= PANTHOR_MINOR_SELECTED_COHERENCY)
		info.selected_coherency = panthor_gpu_coherency(ptdev);

	return panthor_query_copy_to_user(ptdev, args, &info, copy_size, zero_size);
}

static int panthor_query_csif_info(struct panthor_device *ptdev,
				   const struct drm_panthor_dev_query *args,
				   u32 copy_size, u32 zero_size)
{
	struct drm_panthor_csif_info info;

	panthor_fw_csif_info(ptdev, &info);
	return panthor_query_copy_to_user(ptdev, args, &info, copy_size, zero_size);
}

/**
 * panthor_timestamp_flags() - Check and complete TIMESTAMP_INFO flags
 * @user_flags: the flags userspace passed (0 before 1.8)
 * @flags: set to what to sample
 *
 * Return: 0, or -EINVAL for an unknown flag or CPU clock.
 */
VISIBLE_IF_KUNIT int panthor_timestamp_flags(u32 user_flags, u32 *flags)
{
	u32 cpu = user_flags & DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK;

	if (user_flags & ~PANTHOR_TIMESTAMP_KNOWN_FLAGS)
		return -EINVAL;
	if (cpu != DRM_PANTHOR_TIMESTAMP_CPU_NONE &&
	    cpu != DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC &&
	    cpu != DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC_RAW)
		return -EINVAL;

	*flags = user_flags ? user_flags : PANTHOR_TIMESTAMP_DEFAULT;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_timestamp_flags);

/**
 * panthor_timestamp_needs_atomic() - Must the samples be taken back to back?
 * @flags: what to sample, as panthor_timestamp_flags() completed it
 *
 * Samples from two clocks are only worth comparing when nothing ran
 * between them, and a duration only means something without interruption.
 *
 * Return: true if the sampling must run with interrupts off.
 */
VISIBLE_IF_KUNIT bool panthor_timestamp_needs_atomic(u32 flags)
{
	unsigned int clocks = !!(flags & DRM_PANTHOR_TIMESTAMP_GPU) +
			      !!(flags & DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK) +
			      !!(flags & DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT);

	return (flags & DRM_PANTHOR_TIMESTAMP_DURATION) || clocks >= 2;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_timestamp_needs_atomic);

static void panthor_timestamp_sample(struct panthor_device *ptdev, u32 flags,
				     struct drm_panthor_timestamp_info *info)
{
	u32 cpu = flags & DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK;
	bool atomic = panthor_timestamp_needs_atomic(flags);
	unsigned long irqflags = 0;
	struct timespec64 ts;
	u64 start = 0;

	if (atomic)
		local_irq_save(irqflags);

	if (flags & DRM_PANTHOR_TIMESTAMP_DURATION)
		start = ktime_get_raw_ns();
	if (flags & DRM_PANTHOR_TIMESTAMP_GPU)
		info->current_timestamp = panthor_gpu_read_timestamp(ptdev);
	if (cpu) {
		if (cpu == DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC)
			ktime_get_ts64(&ts);
		else
			ktime_get_raw_ts64(&ts);
		info->cpu_timestamp_sec = ts.tv_sec;
		info->cpu_timestamp_nsec = ts.tv_nsec;
	}
	if (flags & DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT)
		info->cycle_count = panthor_gpu_read_cycle_count(ptdev);
	if (flags & DRM_PANTHOR_TIMESTAMP_DURATION)
		info->duration_nsec = min_t(u64, ktime_get_raw_ns() - start, U32_MAX);

	if (atomic)
		local_irq_restore(irqflags);

	if (flags & DRM_PANTHOR_TIMESTAMP_GPU_OFFSET)
		info->timestamp_offset = panthor_gpu_read_timestamp_offset(ptdev);
	if (flags & DRM_PANTHOR_TIMESTAMP_FREQ)
		info->timestamp_frequency = panthor_gpu_timestamp_frequency();
}

static int panthor_query_timestamp_info(struct panthor_device *ptdev,
					const struct drm_panthor_dev_query *args,
					u32 copy_size, u32 zero_size)
{
	struct drm_panthor_timestamp_info info = {};
	u32 user_flags = 0, flags;
	int ret;

	/* From 1.8 on the query is also an input: the caller's flags. */
	if (PANTHOR_VERSION_MINOR >= PANTHOR_MINOR_TIMESTAMP_FLAGS) {
		ret = copy_struct_from_user(&info, copy_size,
					    u64_to_user_ptr(args->pointer),
					    args->size);
		if (ret) {
			drm_dbg(&ptdev->base, "TIMESTAMP_INFO: cannot read %u bytes at 0x%llx, or non-zero tail: %d\n",
				args->size, args->pointer, ret);
			return ret;
		}
		user_flags = info.flags;
		memset(&info, 0, sizeof(info));
	}

	ret = panthor_timestamp_flags(user_flags, &flags);
	if (ret) {
		drm_dbg(&ptdev->base, "TIMESTAMP_INFO: invalid flags 0x%x\n", user_flags);
		return ret;
	}

	/* The counters only run while the GPU is powered. */
	ret = pm_runtime_resume_and_get(ptdev->base.dev);
	if (ret) {
		drm_dbg(&ptdev->base, "TIMESTAMP_INFO: cannot resume the GPU: %d\n", ret);
		return ret;
	}
	panthor_timestamp_sample(ptdev, flags, &info);
	pm_runtime_mark_last_busy(ptdev->base.dev);
	pm_runtime_put_autosuspend(ptdev->base.dev);
	/* The caller's flags go back as they came. */
	info.flags = user_flags;

	return panthor_query_copy_to_user(ptdev, args, &info, copy_size, zero_size);
}

/**
 * panthor_group_priority_max() - Highest group priority of the uAPI level
 *
 * Return: PANTHOR_GROUP_PRIORITY_REALTIME from 1.2 on, HIGH below.
 */
u8 panthor_group_priority_max(void)
{
	if (PANTHOR_VERSION_MINOR >= PANTHOR_MINOR_REALTIME_PRIORITY)
		return PANTHOR_GROUP_PRIORITY_REALTIME;

	return PANTHOR_GROUP_PRIORITY_HIGH;
}

/**
 * panthor_group_priority_allowed() - May a file create groups of a priority?
 * @file: the caller's file
 * @priority: a PANTHOR_GROUP_PRIORITY_* value
 *
 * LOW and MEDIUM are for everyone; the priorities above them would let a
 * process starve others, so they need CAP_SYS_NICE or DRM master.
 *
 * Return: true if allowed.
 */
bool panthor_group_priority_allowed(struct drm_file *file, u8 priority)
{
	if (priority <= PANTHOR_GROUP_PRIORITY_MEDIUM)
		return true;
	if (priority > panthor_group_priority_max())
		return false;

	return capable(CAP_SYS_NICE) || drm_is_current_master(file);
}

static int panthor_query_group_priorities_info(struct panthor_device *ptdev,
					       struct drm_file *file,
					       const struct drm_panthor_dev_query *args,
					       u32 copy_size, u32 zero_size)
{
	struct drm_panthor_group_priorities_info info = {};
	u8 priority;

	for (priority = PANTHOR_GROUP_PRIORITY_LOW;
	     priority <= PANTHOR_GROUP_PRIORITY_REALTIME; priority++) {
		if (panthor_group_priority_allowed(file, priority))
			info.allowed_mask |= BIT(priority);
	}

	return panthor_query_copy_to_user(ptdev, args, &info, copy_size, zero_size);
}

static int panthor_ioctl_dev_query(struct drm_device *ddev, void *data,
				   struct drm_file *file)
{
	struct panthor_device *ptdev = to_panthor_device(ddev);
	struct drm_panthor_dev_query *args = data;
	const struct panthor_query_layout *layout;
	u32 copy_size, zero_size;
	int ret;

	layout = panthor_query_layout(args->type, PANTHOR_VERSION_MINOR);
	if (!layout) {
		drm_dbg(ddev, "DEV_QUERY: unknown type %u\n", args->type);
		return -EINVAL;
	}

	/* No buffer: the caller asks how large the answer is. */
	if (!args->pointer) {
		args->size = layout->size;
		return 0;
	}

	ret = panthor_query_copy_sizes(args->size, layout->size, layout->min_size,
				       &copy_size, &zero_size);
	if (ret) {
		drm_dbg(ddev, "DEV_QUERY type %u: size %u below the minimum %u\n",
			args->type, args->size, layout->min_size);
		return ret;
	}

	switch (args->type) {
	case DRM_PANTHOR_DEV_QUERY_GPU_INFO:
		return panthor_query_gpu_info(ptdev, args, copy_size, zero_size);
	case DRM_PANTHOR_DEV_QUERY_CSIF_INFO:
		return panthor_query_csif_info(ptdev, args, copy_size, zero_size);
	case DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO:
		return panthor_query_timestamp_info(ptdev, args, copy_size, zero_size);
	case DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO:
		return panthor_query_group_priorities_info(ptdev, file, args,
							   copy_size, zero_size);
	}

	/* Every type with a layout has a case above. */
	return -EINVAL;
}

/* ---- Versioned arrays (drm_panthor_obj_array) ------------------------ */

/**
 * panthor_copy_obj_array() - Copy a user array of versioned objects
 * @in: the array's description from the ioctl argument
 * @min_stride: smallest element size accepted: the element as it was when
 *		its ioctl was introduced
 * @obj_size: the kernel's element size
 *
 * Elements shorter than the kernel's read as zero-extended; longer ones
 * must have a zero tail (fields this kernel does not know, left unset).
 * Use PANTHOR_COPY_OBJ_ARRAY().
 *
 * Return: a kvmalloc()ed array of @in->count elements of @obj_size bytes
 * (free it with kvfree()), NULL if @in->count is 0, or an ERR_PTR():
 * -EINVAL for a stride below @min_stride, -E2BIG for a non-zero tail,
 * -EFAULT, -ENOMEM.
 */
void *panthor_copy_obj_array(const struct drm_panthor_obj_array *in,
			     u32 min_stride, u32 obj_size)
{
	u8 *out;
	u32 i;
	int ret;

	if (!in->count)
		return NULL;

	if (in->stride < min_stride)
		return ERR_PTR(-EINVAL);

	/* A count too large for memory fails quietly, not with a warning. */
	out = kvmalloc_array(in->count, obj_size, GFP_KERNEL | __GFP_NOWARN);
	if (!out)
		return ERR_PTR(-ENOMEM);

	if (in->stride == obj_size) {
		if (copy_from_user(out, u64_to_user_ptr(in->array),
				   (size_t)in->count * obj_size)) {
			kvfree(out);
			return ERR_PTR(-EFAULT);
		}
		return out;
	}

	for (i = 0; i < in->count; i++) {
		ret = copy_struct_from_user(out + (size_t)i * obj_size, obj_size,
					    u64_to_user_ptr(in->array + (u64)i * in->stride),
					    in->stride);
		if (ret) {
			kvfree(out);
			return ERR_PTR(ret);
		}
	}

	return out;
}

/* ---- Files -------------------------------------------------------------- */

/*
 * What an open file owns, in creation order. They are destroyed in reverse
 * order: groups run on the heaps and in the VMs, heaps live in the VMs.
 */
static const struct {
	int (*create)(struct panthor_file *pfile);
	void (*destroy)(struct panthor_file *pfile);
} panthor_file_pools[] = {
	{ panthor_vm_pool_create, panthor_vm_pool_destroy },
	{ panthor_heap_pools_create, panthor_heap_pools_destroy },
	{ panthor_group_pool_create, panthor_group_pool_destroy },
};

/* Destroy the first @count pools of @pfile, last created first. */
static void panthor_file_release_pools(struct panthor_file *pfile, int count)
{
	while (count--)
		panthor_file_pools[count].destroy(pfile);
}

static int panthor_open(struct drm_device *ddev, struct drm_file *file)
{
	struct panthor_file *pfile;
	int i, ret = 0;

	pfile = kzalloc(sizeof(*pfile), GFP_KERNEL);
	if (!pfile)
		return -ENOMEM;

	pfile->ptdev = to_panthor_device(ddev);
	pfile->user_mmio_offset = panthor_user_mmio_default_offset();

	for (i = 0; i < ARRAY_SIZE(panthor_file_pools) && !ret; i++)
		ret = panthor_file_pools[i].create(pfile);
	if (ret) {
		/* Pool i - 1 failed and cleaned up after itself. */
		panthor_file_release_pools(pfile, i - 1);
		kfree(pfile);
		return ret;
	}

	file->driver_priv = pfile;
	return 0;
}

static void panthor_postclose(struct drm_device *ddev, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;

	panthor_file_release_pools(pfile, ARRAY_SIZE(panthor_file_pools));
	kfree(pfile);
}

static const struct drm_ioctl_desc panthor_ioctls[] = {
	DRM_IOCTL_DEF_DRV(PANTHOR_DEV_QUERY, panthor_ioctl_dev_query,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_VM_CREATE, panthor_ioctl_vm_create,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_VM_DESTROY, panthor_ioctl_vm_destroy,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_VM_BIND, panthor_ioctl_vm_bind,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_VM_GET_STATE, panthor_ioctl_vm_get_state,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_CREATE, panthor_ioctl_bo_create,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_MMAP_OFFSET, panthor_ioctl_bo_mmap_offset,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_GROUP_CREATE, panthor_ioctl_group_create,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_GROUP_DESTROY, panthor_ioctl_group_destroy,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_GROUP_SUBMIT, panthor_ioctl_group_submit,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_GROUP_GET_STATE, panthor_ioctl_group_get_state,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_TILER_HEAP_CREATE, panthor_ioctl_tiler_heap_create,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_TILER_HEAP_DESTROY, panthor_ioctl_tiler_heap_destroy,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_SET_LABEL, panthor_ioctl_bo_set_label,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_SET_USER_MMIO_OFFSET,
			  panthor_ioctl_set_user_mmio_offset, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_SYNC, panthor_ioctl_bo_sync,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_QUERY_INFO, panthor_ioctl_bo_query_info,
			  DRM_RENDER_ALLOW),
};

/*
 * The file's mmap space holds GEM objects below the file's user MMIO window
 * and the LATEST_FLUSH page at the start of it.
 */
static int panthor_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct drm_file *file = filp->private_data;
	struct panthor_file *pfile = file->driver_priv;
	struct panthor_device *ptdev = pfile->ptdev;
	u64 offset = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 window = READ_ONCE(pfile->user_mmio_offset);
	int cookie, ret;

	if (!drm_dev_enter(&ptdev->base, &cookie))
		return -ENODEV;

	if (offset >= window)
		ret = panthor_user_mmio_mmap(ptdev, offset - window, vma);
	else
		ret = drm_gem_mmap(filp, vma);

	drm_dev_exit(cookie);
	return ret;
}

/* drm-usage-stats: GPU time and cycles of the file's jobs, its memory. */
static void panthor_show_fdinfo(struct drm_printer *p, struct drm_file *file)
{
	panthor_group_pool_show_fdinfo(p, file->driver_priv);
	drm_show_memory_stats(p, file);
}

static const struct file_operations panthor_fops = {
	.owner = THIS_MODULE,
	.open = drm_open,
	.release = drm_release,
	.unlocked_ioctl = drm_ioctl,
	.compat_ioctl = drm_compat_ioctl,
	.poll = drm_poll,
	.read = drm_read,
	.llseek = noop_llseek,
	.mmap = panthor_mmap,
	.show_fdinfo = drm_show_fdinfo,
	.fop_flags = FOP_UNSIGNED_OFFSET,
};

/*
 * Syncobjs (binary and timeline) are pure software. GEM objects are shmem
 * BOs, mapped in VMs managed with drm_gpuvm (GEM_GPUVA); PRIME goes through
 * the GEM helpers.
 */
static const struct drm_driver panthor_drm_driver = {
	.driver_features = DRIVER_RENDER | DRIVER_GEM | DRIVER_GEM_GPUVA |
			   DRIVER_SYNCOBJ | DRIVER_SYNCOBJ_TIMELINE,
	.open = panthor_open,
	.postclose = panthor_postclose,
	.show_fdinfo = panthor_show_fdinfo,
	.ioctls = panthor_ioctls,
	.num_ioctls = ARRAY_SIZE(panthor_ioctls),
	.fops = &panthor_fops,
	.gem_create_object = panthor_gem_create_object,
	.gem_prime_import_sg_table = drm_gem_shmem_prime_import_sg_table,
	.name = "panthor",
	.desc = "Panthor DRM driver",
	.major = PANTHOR_VERSION_MAJOR,
	.minor = PANTHOR_VERSION_MINOR,
	.patchlevel = PANTHOR_VERSION_PATCHLEVEL,
};

static int panthor_probe(struct platform_device *pdev)
{
	struct panthor_device *ptdev;
	int ret;

	ptdev = devm_drm_dev_alloc(&pdev->dev, &panthor_drm_driver,
				   struct panthor_device, base);
	if (IS_ERR(ptdev))
		return PTR_ERR(ptdev);

	platform_set_drvdata(pdev, ptdev);

	ret = panthor_device_init(ptdev);
	if (ret)
		return ret;

	/* Last: userspace may use the device as soon as this returns. */
	return drm_dev_register(&ptdev->base, 0);
}

static void panthor_remove(struct platform_device *pdev)
{
	struct panthor_device *ptdev = platform_get_drvdata(pdev);

	/*
	 * Cut userspace off first; open files keep the DRM device alive but
	 * their ioctls will see it unplugged. Everything else is released by
	 * devres, in reverse probe order.
	 */
	drm_dev_unplug(&ptdev->base);
}

static const struct of_device_id panthor_of_match[] = {
	{ .compatible = "rockchip,rk3588-mali" },
	{ .compatible = "arm,mali-valhall-csf" },
	{ }
};
MODULE_DEVICE_TABLE(of, panthor_of_match);

static struct platform_driver panthor_platform_driver = {
	.probe = panthor_probe,
	.remove = panthor_remove,
	.driver = {
		.name = "panthor",
		.of_match_table = panthor_of_match,
		.pm = pm_ptr(&panthor_device_pm_ops),
	},
};
module_platform_driver(panthor_platform_driver);

MODULE_DESCRIPTION("DRM driver for Arm Mali GPUs with a Command Stream Frontend");
MODULE_LICENSE("Dual MIT/GPL");
