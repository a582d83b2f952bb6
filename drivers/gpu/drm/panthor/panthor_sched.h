/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor scheduler: groups of queues, job submission through drm_sched,
 * and the placement of groups on the firmware's command stream group (CSG)
 * slots. See Documentation/gpu/panthor-sched.rst for the design.
 */

#ifndef __PANTHOR_SCHED_H__
#define __PANTHOR_SCHED_H__

#include <linux/types.h>

struct drm_device;
struct drm_file;
struct drm_printer;
struct panthor_device;
struct panthor_file;

/**
 * DOC: Device-level entry points
 *
 * panthor_sched_init() - called from device probe once the firmware runs:
 * reads the slot counts from the CSF interface and registers the
 * scheduler's firmware and MMU-fault handlers. When the device goes away
 * (device-managed), every group still alive is stopped and its fences are
 * signalled with an error.
 *
 * panthor_sched_suspend() / panthor_sched_resume() - runtime PM callbacks,
 * before the firmware is halted and after it is running again. Suspend
 * saves every resident group to its suspend buffer (there is none when
 * runtime PM suspends on its own: resident groups hold a PM reference);
 * resume lets the scheduler put groups back on slots.
 *
 * panthor_sched_pre_reset() / panthor_sched_post_reset() - around a GPU
 * reset: groups are taken off their slots (saved if the firmware still
 * answers, lost otherwise), then scheduled again once the firmware is back;
 * if it does not come back (@ok false), every group is stopped.
 */
int panthor_sched_init(struct panthor_device *ptdev);
void panthor_sched_suspend(struct panthor_device *ptdev);
void panthor_sched_resume(struct panthor_device *ptdev);
void panthor_sched_pre_reset(struct panthor_device *ptdev);
void panthor_sched_post_reset(struct panthor_device *ptdev, bool ok);

/**
 * DOC: Per-file group pool
 *
 * panthor_group_pool_create() at open and panthor_group_pool_destroy() at
 * close. Closing destroys every group of the file as GROUP_DESTROY would.
 * panthor_group_pool_show_fdinfo() prints the GPU time and cycles the
 * file's jobs used (drm-engine-panthor, drm-cycles-panthor).
 */
int panthor_group_pool_create(struct panthor_file *pfile);
void panthor_group_pool_destroy(struct panthor_file *pfile);
void panthor_group_pool_show_fdinfo(struct drm_printer *p,
				    struct panthor_file *pfile);

/* Ioctl handlers (DRM_IOCTL_PANTHOR_GROUP_*). */
int panthor_ioctl_group_create(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_group_destroy(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_group_submit(struct drm_device *ddev, void *data, struct drm_file *file);
int panthor_ioctl_group_get_state(struct drm_device *ddev, void *data, struct drm_file *file);

/**
 * struct panthor_sched_candidate - A group as the placement policy sees it
 *
 * Inputs describe the group at the time of a scheduling tick; the policy
 * sorts the candidates and fills in the outputs.
 */
struct panthor_sched_candidate {
	/** @id: the caller's name for the group */
	u32 id;
	/** @priority: PANTHOR_GROUP_PRIORITY_* */
	u8 priority;
	/** @resident: the group is on a CSG slot now */
	bool resident;
	/** @blocked: the group has work but the firmware calls it idle */
	bool blocked;
	/** @vm_key: groups with equal keys share a VM (an address space) */
	unsigned long vm_key;
	/** @stamp: tick at which the group last got a slot, 0 if never */
	u64 stamp;
	/** @picked: out, the group gets (or keeps) a slot */
	bool picked;
	/** @slot_priority: out, CSG priority 0-15 for a picked group */
	u8 slot_priority;
};

#if IS_ENABLED(CONFIG_KUNIT)
unsigned int panthor_sched_pick(struct panthor_sched_candidate *cands,
				unsigned int count, unsigned int slots,
				unsigned int as_slots, bool rotate);
#endif

#endif /* __PANTHOR_SCHED_H__ */
