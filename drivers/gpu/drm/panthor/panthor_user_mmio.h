/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor: the user MMIO window (device block).
 *
 * Userspace maps the GPU's USER page, whose only register is LATEST_FLUSH,
 * to sample the id it passes with each submission. The page is mapped at
 * fault time: the register page while the GPU is powered, a dummy page
 * holding 1 ("no flush needed") while it is suspended.
 */
#ifndef __PANTHOR_USER_MMIO_H__
#define __PANTHOR_USER_MMIO_H__

#include <linux/mutex.h>
#include <linux/types.h>

struct drm_device;
struct drm_file;
struct page;
struct panthor_device;
struct vm_area_struct;

/**
 * struct panthor_user_mmio - State of the user MMIO window
 */
struct panthor_user_mmio {
	/**
	 * @lock: serialises faults against power transitions, so that no
	 * mapping of the register page outlives a suspend
	 */
	struct mutex lock;
	/** @powered: true while the register page may be mapped */
	bool powered;
	/** @dummy: page holding 1, mapped while the GPU is suspended */
	struct page *dummy;
};

int panthor_user_mmio_init(struct panthor_device *ptdev);
void panthor_user_mmio_suspend(struct panthor_device *ptdev);
void panthor_user_mmio_resume(struct panthor_device *ptdev);
u64 panthor_user_mmio_default_offset(void);
int panthor_user_mmio_mmap(struct panthor_device *ptdev, u64 window_offset,
			   struct vm_area_struct *vma);
int panthor_ioctl_set_user_mmio_offset(struct drm_device *ddev, void *data,
				       struct drm_file *file);

#endif /* __PANTHOR_USER_MMIO_H__ */
