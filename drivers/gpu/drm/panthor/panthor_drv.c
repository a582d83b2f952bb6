// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor DRM driver: the DRM driver description, the ioctl layer and the
 * platform driver that binds to Mali CSF GPU nodes.
 */

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>

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
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_mmu.h"

/*
 * The uAPI level we report through DRM_IOCTL_VERSION.
 *
 * Userspace reads "minor >= N" as a promise that everything of levels 1.0
 * to 1.N works, so the minor may only name a level whose every feature is
 * implemented. Even the lowest level, 1.0, promises all thirteen ioctls,
 * while at this stage only DEV_QUERY (GPU_INFO) works. There is no lower
 * value to report, so we report 1.0 and keep the gap loud: the missing
 * ioctls are not in the table, so the DRM core fails them with -EINVAL and
 * a client stops at its first call instead of misbehaving later. The minor
 * rises level by level as features land, never ahead of them.
 */
#define PANTHOR_VERSION_MAJOR		1
#define PANTHOR_VERSION_MINOR		0
#define PANTHOR_VERSION_PATCHLEVEL	0

/* Up to 1.6, gpu_info.selected_coherency was a pad that read as zero. */
#define PANTHOR_MINOR_SELECTED_COHERENCY	7

static const struct panthor_query_layout panthor_query_layouts[] = {
	[DRM_PANTHOR_DEV_QUERY_GPU_INFO] = {
		.size = sizeof(struct drm_panthor_gpu_info),
		.min_size = offsetofend(struct drm_panthor_gpu_info, tiler_present),
	},
};

/**
 * panthor_query_layout() - Size rules of a DEV_QUERY type
 * @type: query type, as userspace passed it
 *
 * Return: the type's rules, or NULL if this driver does not answer the type.
 */
VISIBLE_IF_KUNIT const struct panthor_query_layout *panthor_query_layout(u32 type)
{
	if (type >= ARRAY_SIZE(panthor_query_layouts))
		return NULL;

	type = array_index_nospec(type, ARRAY_SIZE(panthor_query_layouts));
	if (!panthor_query_layouts[type].size)
		return NULL;

	return &panthor_query_layouts[type];
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

static int panthor_ioctl_dev_query(struct drm_device *ddev, void *data,
				   struct drm_file *file)
{
	struct panthor_device *ptdev = to_panthor_device(ddev);
	struct drm_panthor_dev_query *args = data;
	const struct panthor_query_layout *layout;
	u32 copy_size, zero_size;
	int ret;

	layout = panthor_query_layout(args->type);
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

static int panthor_open(struct drm_device *ddev, struct drm_file *file)
{
	struct panthor_file *pfile;
	int ret;

	pfile = kzalloc(sizeof(*pfile), GFP_KERNEL);
	if (!pfile)
		return -ENOMEM;

	pfile->ptdev = to_panthor_device(ddev);

	ret = panthor_vm_pool_create(pfile);
	if (ret) {
		kfree(pfile);
		return ret;
	}

	file->driver_priv = pfile;
	return 0;
}

static void panthor_postclose(struct drm_device *ddev, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;

	panthor_vm_pool_destroy(pfile);
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
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_SET_LABEL, panthor_ioctl_bo_set_label,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_SYNC, panthor_ioctl_bo_sync,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(PANTHOR_BO_QUERY_INFO, panthor_ioctl_bo_query_info,
			  DRM_RENDER_ALLOW),
};

DEFINE_DRM_GEM_FOPS(panthor_fops);

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
	},
};
module_platform_driver(panthor_platform_driver);

MODULE_DESCRIPTION("DRM driver for Arm Mali GPUs with a Command Stream Frontend");
MODULE_LICENSE("Dual MIT/GPL");
