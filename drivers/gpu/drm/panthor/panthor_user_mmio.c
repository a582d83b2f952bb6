// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor: the user MMIO window (device block).
 *
 * Each open file has a window in the DRM file's mmap space (1 << 56 for
 * 64-bit processes, 1 << 43 for 32-bit ones, or what SET_USER_MMIO_OFFSET
 * chose). Its first and only page is the GPU's USER page (LATEST_FLUSH).
 *
 * Whatever window a file uses, its mappings are registered at one internal
 * offset of the DRM device's address space, so a power transition can zap
 * every mapping of the page with a single unmap_mapping_range(). The next
 * access then faults and gets the page that matches the new power state.
 */

#include <linux/compat.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pm_runtime.h>

#include <drm/drm_device.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_managed.h>
#include <drm/drm_print.h>
#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_user_mmio.h"

/* Offset of the USER page in the GPU's register window. */
#define PANTHOR_USER_PAGE_OFFSET	0x10000

/*
 * Where every file's window lands in the device's address space: above the
 * range GEM hands out fake offsets from, whichever window the file picked.
 */
#define PANTHOR_USER_MMIO_INTERNAL	DRM_PANTHOR_USER_MMIO_OFFSET_64BIT

/* The value the dummy page reads: non-zero means "no flush needed". */
#define PANTHOR_USER_MMIO_DUMMY_FLUSH_ID	1

static void panthor_user_mmio_zap(struct panthor_device *ptdev)
{
	unmap_mapping_range(ptdev->base.anon_inode->i_mapping,
			    PANTHOR_USER_MMIO_INTERNAL, PAGE_SIZE, 1);
}

static vm_fault_t panthor_user_mmio_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct panthor_device *ptdev = vma->vm_private_data;
	struct panthor_user_mmio *mmio = &ptdev->user_mmio;
	unsigned long pfn;
	pgprot_t prot;
	vm_fault_t ret;
	int cookie;

	if (!drm_dev_enter(&ptdev->base, &cookie))
		return VM_FAULT_SIGBUS;

	mutex_lock(&mmio->lock);
	if (mmio->powered) {
		pfn = PHYS_PFN(ptdev->phys_addr + PANTHOR_USER_PAGE_OFFSET);
		prot = pgprot_noncached(vma->vm_page_prot);
	} else {
		pfn = page_to_pfn(mmio->dummy);
		prot = vma->vm_page_prot;
	}
	ret = vmf_insert_pfn_prot(vma, vmf->address, pfn, prot);
	mutex_unlock(&mmio->lock);

	drm_dev_exit(cookie);
	return ret;
}

static const struct vm_operations_struct panthor_user_mmio_vm_ops = {
	.fault = panthor_user_mmio_fault,
};

/**
 * panthor_user_mmio_mmap() - Map a page of the user MMIO window
 * @ptdev: the device
 * @window_offset: byte offset of the mapping inside the file's window
 * @vma: the new mapping
 *
 * Only the LATEST_FLUSH page exists: one page, shared, read-only (the
 * mapping can never be made writable or executable later either).
 *
 * Return: 0, or -EINVAL for any other request.
 */
int panthor_user_mmio_mmap(struct panthor_device *ptdev, u64 window_offset,
			   struct vm_area_struct *vma)
{
	if (window_offset) {
		drm_dbg(&ptdev->base, "no user MMIO page at window offset 0x%llx\n",
			window_offset);
		return -EINVAL;
	}
	if (vma_pages(vma) != 1) {
		drm_dbg(&ptdev->base, "user MMIO mapping of %lu pages, not one\n",
			vma_pages(vma));
		return -EINVAL;
	}
	if (!(vma->vm_flags & VM_SHARED) ||
	    (vma->vm_flags & (VM_WRITE | VM_EXEC))) {
		drm_dbg(&ptdev->base, "user MMIO mapping must be shared and read-only\n");
		return -EINVAL;
	}

	vma->vm_pgoff = PANTHOR_USER_MMIO_INTERNAL >> PAGE_SHIFT;
	vm_flags_clear(vma, VM_MAYWRITE | VM_MAYEXEC);
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTCOPY | VM_DONTEXPAND |
		     VM_NORESERVE | VM_DONTDUMP);
	vma->vm_ops = &panthor_user_mmio_vm_ops;
	vma->vm_private_data = ptdev;
	return 0;
}

/**
 * panthor_user_mmio_default_offset() - Window of a newly opened file
 *
 * Return: the window userspace of the calling task's word size expects.
 */
u64 panthor_user_mmio_default_offset(void)
{
	if (!IS_ENABLED(CONFIG_64BIT) || in_compat_syscall())
		return DRM_PANTHOR_USER_MMIO_OFFSET_32BIT;
	return DRM_PANTHOR_USER_MMIO_OFFSET_64BIT;
}

/**
 * panthor_ioctl_set_user_mmio_offset() - DRM_IOCTL_PANTHOR_SET_USER_MMIO_OFFSET
 * @ddev: the DRM device
 * @data: &struct drm_panthor_set_user_mmio_offset
 * @file: the file whose window moves
 *
 * Return: 0, or -EINVAL unless the offset is one of the two windows.
 */
int panthor_ioctl_set_user_mmio_offset(struct drm_device *ddev, void *data,
				       struct drm_file *file)
{
	struct drm_panthor_set_user_mmio_offset *args = data;
	struct panthor_file *pfile = file->driver_priv;

	if (args->offset != DRM_PANTHOR_USER_MMIO_OFFSET_32BIT &&
	    args->offset != DRM_PANTHOR_USER_MMIO_OFFSET_64BIT) {
		drm_dbg(ddev, "user MMIO offset 0x%llx is not a window\n",
			args->offset);
		return -EINVAL;
	}

	WRITE_ONCE(pfile->user_mmio_offset, args->offset);
	return 0;
}

/**
 * panthor_user_mmio_suspend() - The GPU is about to lose power
 * @ptdev: the device
 *
 * Swaps every mapping of the register page for the dummy page.
 */
void panthor_user_mmio_suspend(struct panthor_device *ptdev)
{
	mutex_lock(&ptdev->user_mmio.lock);
	ptdev->user_mmio.powered = false;
	panthor_user_mmio_zap(ptdev);
	mutex_unlock(&ptdev->user_mmio.lock);
}

/**
 * panthor_user_mmio_resume() - The GPU is powered again
 * @ptdev: the device
 *
 * Swaps every mapping of the dummy page for the register page.
 */
void panthor_user_mmio_resume(struct panthor_device *ptdev)
{
	mutex_lock(&ptdev->user_mmio.lock);
	ptdev->user_mmio.powered = true;
	panthor_user_mmio_zap(ptdev);
	mutex_unlock(&ptdev->user_mmio.lock);
}

static void panthor_user_mmio_free_dummy(void *data)
{
	__free_page(data);
}

/**
 * panthor_user_mmio_init() - Set up the user MMIO window
 * @ptdev: the device, powered
 *
 * Return: 0 or a negative error code.
 */
int panthor_user_mmio_init(struct panthor_device *ptdev)
{
	struct panthor_user_mmio *mmio = &ptdev->user_mmio;
	u32 *flush_id;
	int ret;

	ret = drmm_mutex_init(&ptdev->base, &mmio->lock);
	if (ret)
		return ret;

	mmio->dummy = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!mmio->dummy)
		return -ENOMEM;
	ret = devm_add_action_or_reset(ptdev->base.dev,
				       panthor_user_mmio_free_dummy,
				       mmio->dummy);
	if (ret)
		return ret;

	flush_id = kmap_local_page(mmio->dummy);
	*flush_id = PANTHOR_USER_MMIO_DUMMY_FLUSH_ID;
	kunmap_local(flush_id);

	/* Probe runs with the GPU powered. */
	mmio->powered = true;
	return 0;
}
