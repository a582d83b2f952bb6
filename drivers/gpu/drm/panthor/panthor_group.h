/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor groups, queues and jobs: the objects the scheduler core
 * (panthor_sched.c) places on CSG slots and the submission path
 * (panthor_group.c) feeds. Internal to those two files.
 */

#ifndef __PANTHOR_GROUP_H__
#define __PANTHOR_GROUP_H__

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <drm/gpu_scheduler.h>

#include "panthor_csf_if.h"
#include "panthor_ring.h"

struct dma_fence;
struct panthor_device;
struct panthor_group;
struct panthor_heap_pools;
struct panthor_kernel_bo;
struct panthor_vm;

/**
 * struct panthor_syncobj64 - The 64-bit sync object a queue's jobs bump
 *
 * Layout fixed by the hardware (mali-csf-hw.md §4.10).
 */
struct panthor_syncobj64 {
	/** @seqno: number of jobs of the queue that completed */
	u64 seqno;
	/** @error: non-zero when the last job that bumped it had an error */
	u32 error;
	/** @pad: unused */
	u32 pad;
};

/**
 * struct panthor_usage - GPU time and cycles a file's jobs used
 *
 * Shared by the file and its groups, which may outlive it.
 */
struct panthor_usage {
	/** @refcount: the file's group pool and every group hold one */
	struct kref refcount;
	/** @gpu_time: GPU timestamp ticks spent in user streams */
	atomic64_t gpu_time;
	/** @cycles: GPU cycles spent in user streams */
	atomic64_t cycles;
};

/**
 * struct panthor_job - One submitted job
 *
 * Created by GROUP_SUBMIT, run by the queue's drm_sched scheduler, which
 * frees it once its fence has signalled.
 */
struct panthor_job {
	/** @base: the drm_sched job */
	struct drm_sched_job base;
	/** @group: the job's group; holds a reference */
	struct panthor_group *group;
	/** @queue: the queue the job runs on, in @group */
	struct panthor_queue *queue;
	/** @ring: what the kernel writes in the ring for this job */
	struct panthor_ring_job ring;
	/**
	 * @done: the fence the job's SYNC_ADD64 signals; allocated with the
	 * job, initialised when the job is written in the ring
	 */
	struct dma_fence *done;
	/** @seqno: value of the queue's sync object once the job is done */
	u64 seqno;
	/** @times: where the GPU samples its counters around the stream, or NULL */
	struct panthor_job_times *times;
	/** @node: link in &panthor_queue.fence.in_flight */
	struct list_head node;
};

/**
 * struct panthor_queue - A queue of a group: one command stream
 */
struct panthor_queue {
	/** @group: the group; the queue lives as long as the group */
	struct panthor_group *group;
	/** @index: index in the group, and CS slot in the group's CSG slot */
	u32 index;
	/** @priority: CS priority within the group, 0-15 */
	u8 priority;

	/** @ring: CPU view of the ring buffer */
	u64 *ring;
	/** @ring_va: its GPU address in the group's VM */
	u64 ring_va;
	/** @ring_size: its size in bytes, a power of two */
	u32 ring_size;
	/** @iface_va: MCU address of the input page; the output page follows */
	u64 iface_va;
	/** @input: CPU view of the input page */
	struct panthor_ring_input *input;
	/** @output: CPU view of the output page */
	struct panthor_ring_output *output;
	/** @insert: where the next job goes; only the run_job path writes it */
	u64 insert;
	/** @syncobj: CPU view of the queue's sync object */
	struct panthor_syncobj64 *syncobj;
	/** @syncobj_va: its GPU address in the group's VM */
	u64 syncobj_va;
	/**
	 * @times: CPU view of the job times, one per job the ring holds,
	 * indexed by ring position; they follow the sync object
	 */
	struct panthor_job_times *times;

	/**
	 * @sched: the queue's drm_sched scheduler (one queue, one ring), from
	 * panthor_sched_alloc_drm_sched()
	 */
	struct drm_gpu_scheduler *sched;
	/** @entity: the only entity of @sched */
	struct drm_sched_entity entity;
	/** @sched_ready: @sched and @entity are initialised */
	bool sched_ready;
	/** @timeout_left: job timeout remaining while the group is off a slot */
	unsigned long timeout_left;
	/** @timeout_frozen: the job timeout is suspended */
	bool timeout_frozen;

	/** @fence: the jobs in the ring and their fences */
	struct {
		/** @fence.lock: protects this block and the fences */
		spinlock_t lock;
		/** @fence.context: dma_fence context of the queue */
		u64 context;
		/** @fence.seqno: seqno of the last job written in the ring */
		u64 seqno;
		/** @fence.in_flight: jobs in the ring, oldest first */
		struct list_head in_flight;
		/** @fence.stopped: the queue is dead; no job is run any more */
		bool stopped;
		/** @fence.error: the error jobs of a stopped queue get */
		int error;
	} fence;
};

/**
 * struct panthor_group - A scheduling group: queues sharing a VM and cores
 *
 * Fields under "scheduler state" are protected by the scheduler's lock;
 * @csg_slot is also read without it (see panthor_sched_group_kick()).
 */
struct panthor_group {
	/** @refcount: the pool, the slot it sits on and every job hold one */
	struct kref refcount;
	/** @ptdev: the device */
	struct panthor_device *ptdev;
	/** @vm: the VM every queue runs in; holds a reference */
	struct panthor_vm *vm;
	/** @vm_id: its id in the creating file, to find the VM's tiler heaps */
	u32 vm_id;
	/** @heaps: the creating file's tiler heaps; holds a reference */
	struct panthor_heap_pools *heaps;
	/** @usage: the creating file's GPU usage; holds a reference */
	struct panthor_usage *usage;

	/** @priority: PANTHOR_GROUP_PRIORITY_* */
	u8 priority;
	/** @max_compute_cores: endpoint request for compute */
	u8 max_compute_cores;
	/** @max_fragment_cores: endpoint request for fragment */
	u8 max_fragment_cores;
	/** @max_tiler_cores: endpoint request for the tiler */
	u8 max_tiler_cores;
	/** @compute_core_mask: cores allowed for compute */
	u64 compute_core_mask;
	/** @fragment_core_mask: cores allowed for fragment */
	u64 fragment_core_mask;
	/** @tiler_core_mask: tiler units allowed */
	u64 tiler_core_mask;

	/** @queue_count: number of queues */
	u32 queue_count;
	/** @queues: the queues */
	struct panthor_queue *queues[CSF_MAX_CS_SLOTS];
	/**
	 * @fw_bo: in the MCU's VM, the suspend buffers and the queues' user
	 * pages
	 */
	struct panthor_kernel_bo *fw_bo;
	/** @gpu_bo: in @vm, the queues' rings, sync objects and job times */
	struct panthor_kernel_bo *gpu_bo;
	/** @suspend_va: MCU address of the suspend buffer */
	u64 suspend_va;
	/** @protm_suspend_va: MCU address of the protected one, 0 if none */
	u64 protm_suspend_va;

	/** @submit_lock: keeps job arming and pushing in seqno order */
	struct mutex submit_lock;
	/** @release_work: frees the group outside of the path of its last put */
	struct work_struct release_work;

	/* ---- scheduler state ---- */

	/** @node: link in the scheduler's list of groups not destroyed */
	struct list_head node;
	/** @csg_slot: the CSG slot the group sits on, -1 if none */
	int csg_slot;
	/** @saved: the suspend buffer holds the group; resume from it */
	bool saved;
	/** @blocked: has work, but the firmware found it idle (sync wait) */
	bool blocked;
	/** @stamp: scheduler tick at which the group last got a slot */
	u64 stamp;
	/** @destroyed: GROUP_DESTROY or the file was closed */
	bool destroyed;
	/** @timedout: a job did not complete in time */
	bool timedout;
	/** @innocent: the group was lost to a reset it did not cause */
	bool innocent;
	/** @fatal_queues: queues that took a fatal error */
	u32 fatal_queues;
};

/* panthor_group.c */
void panthor_group_get(struct panthor_group *group);
void panthor_group_put(struct panthor_group *group);
bool panthor_queue_signal_done(struct panthor_queue *queue);
void panthor_queue_stop(struct panthor_queue *queue, int error);
bool panthor_queue_has_work(struct panthor_queue *queue);

/* panthor_sched.c */
void panthor_sched_group_kick(struct panthor_group *group);
void panthor_sched_add_group(struct panthor_group *group);
void panthor_sched_destroy_group(struct panthor_group *group);
void panthor_sched_group_timedout(struct panthor_group *group);
void panthor_sched_group_state(struct panthor_group *group, u32 *state,
			       u32 *fatal_queues);
struct workqueue_struct *panthor_sched_queue_wq(struct panthor_device *ptdev);
u64 panthor_sched_timestamp_freq(struct panthor_device *ptdev);
struct drm_gpu_scheduler *panthor_sched_alloc_drm_sched(struct panthor_device *ptdev);
void panthor_sched_free_drm_sched(struct panthor_device *ptdev,
				  struct drm_gpu_scheduler *drm_sched);

/**
 * panthor_group_is_dead() - May the group run again?
 * @group: group
 *
 * Call with the scheduler's lock held, or accept a stale answer.
 *
 * Return: true once the group was destroyed, timed out or took a fatal
 * error.
 */
static inline bool panthor_group_is_dead(const struct panthor_group *group)
{
	return READ_ONCE(group->destroyed) || READ_ONCE(group->timedout) ||
	       READ_ONCE(group->fatal_queues);
}

#endif /* __PANTHOR_GROUP_H__ */
