// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor groups, queues and job submission.
 *
 * A group owns one queue per command stream it asks for. Each queue has a
 * kernel ring buffer in the group's VM, a pair of pages the firmware reads
 * INSERT from and writes EXTRACT to (in the MCU's VM), a 64-bit sync
 * object that every job increments on completion, and its own drm_sched
 * scheduler with a single entity: the firmware, not drm_sched, decides
 * which queue runs, so drm_sched only orders a queue's jobs after their
 * dependencies and bounds how many are in the ring.
 *
 * A job goes through three hands:
 *
 * 1. GROUP_SUBMIT checks the whole batch, resolves its syncobj waits into
 *    drm_sched dependencies, arms and pushes the jobs, and attaches their
 *    "finished" fences to the syncobjs to signal.
 * 2. drm_sched calls run_job once the dependencies are met: the job gets
 *    the next seqno of its queue, its instructions are written in the ring
 *    (panthor_ring.h), INSERT moves, and the scheduler core is told the
 *    group has work (doorbell if it is on a slot, a scheduling tick
 *    otherwise).
 * 3. When the firmware reports a sync object update, the scheduler core
 *    calls panthor_queue_signal_done(), which signals the fences of the jobs
 *    whose seqno the sync object has reached.
 *
 * A queue that stops (its group timed out, took a fatal error or was
 * destroyed) fails every job in its ring and every job run afterwards, so
 * no fence is ever left pending.
 */

#include <linux/dma-fence.h>
#include <linux/dma-fence-chain.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/pm_runtime.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include <drm/drm_exec.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/drm_syncobj.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_drv.h"
#include "panthor_fw.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_group.h"
#include "panthor_heap.h"
#include "panthor_mmu.h"
#include "panthor_sched.h"

/* Limits of the uAPI (uapi-abi.md §7.8). */
#define PANTHOR_MAX_GROUPS_PER_FILE	128
#define PANTHOR_RING_MIN_SIZE		SZ_4K
#define PANTHOR_RING_MAX_SIZE		SZ_64K
#define PANTHOR_QUEUE_MAX_PRIORITY	15

/* Bits of drm_panthor_queue_submit.latest_flush that must be zero. */
#define PANTHOR_LATEST_FLUSH_MBZ	GENMASK(30, 24)

/* A job that has not completed after this long is declared stuck. */
#define PANTHOR_JOB_TIMEOUT_MS		5000

/* The queue's state BO: its sync object, then the job times. */
#define PANTHOR_QUEUE_TIMES_OFFSET	64

/* The user pages of a ring, in its interface BO. */
#define PANTHOR_RING_INPUT_OFFSET	0
#define PANTHOR_RING_OUTPUT_OFFSET	SZ_4K
#define PANTHOR_RING_IFACE_SIZE		(2 * SZ_4K)

#define PANTHOR_SYNC_OP_KNOWN_FLAGS \
	(DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK | DRM_PANTHOR_SYNC_OP_SIGNAL)

/**
 * struct panthor_group_pool - The groups of an open file
 */
struct panthor_group_pool {
	/** @xa: groups by handle, 1 to %PANTHOR_MAX_GROUPS_PER_FILE */
	struct xarray xa;
	/** @usage: what the file's jobs used of the GPU */
	struct panthor_usage *usage;
};

static void panthor_usage_release(struct kref *kref)
{
	kfree(container_of(kref, struct panthor_usage, refcount));
}

static void panthor_usage_put(struct panthor_usage *usage)
{
	if (usage)
		kref_put(&usage->refcount, panthor_usage_release);
}

/* ---- Reference counting --------------------------------------------- */

/**
 * panthor_group_get() - Take a reference on a group
 * @group: group, may be NULL
 */
void panthor_group_get(struct panthor_group *group)
{
	if (group)
		kref_get(&group->refcount);
}

static void panthor_queue_free(struct panthor_queue *queue)
{
	if (!queue)
		return;

	if (queue->sched_ready)
		drm_sched_fini(queue->sched);
	panthor_sched_free_drm_sched(queue->group->ptdev, queue->sched);

	kfree(queue);
}

/*
 * Runs from a work item: the last reference may be dropped by a job's
 * free_job(), which runs on the queue's own scheduler, and that scheduler
 * cannot be torn down from inside one of its work items.
 */
static void panthor_group_release_work(struct work_struct *work)
{
	struct panthor_group *group = container_of(work, struct panthor_group,
						   release_work);
	u32 i;

	for (i = 0; i < group->queue_count; i++)
		panthor_queue_free(group->queues[i]);

	panthor_kernel_bo_destroy(group->gpu_bo);
	panthor_kernel_bo_destroy(group->fw_bo);
	panthor_heap_pools_put(group->heaps);
	panthor_usage_put(group->usage);
	panthor_vm_put(group->vm);
	mutex_destroy(&group->submit_lock);
	kfree(group);
}

static void panthor_group_release(struct kref *kref)
{
	struct panthor_group *group = container_of(kref, struct panthor_group,
						   refcount);

	queue_work(panthor_sched_queue_wq(group->ptdev), &group->release_work);
}

/**
 * panthor_group_put() - Drop a reference on a group
 * @group: group, may be NULL
 *
 * The group is freed asynchronously once the last reference is gone; by
 * then it is on no CSG slot and none of its jobs is alive.
 */
void panthor_group_put(struct panthor_group *group)
{
	if (group)
		kref_put(&group->refcount, panthor_group_release);
}

/* ---- Fences ------------------------------------------------------------ */

static const char *panthor_fence_driver_name(struct dma_fence *fence)
{
	return "panthor";
}

static const char *panthor_fence_timeline_name(struct dma_fence *fence)
{
	return "panthor-queue";
}

/**
 * struct panthor_job_fence - A job's hardware fence
 *
 * It carries its own lock: the fence may outlive its queue, as the parent
 * of a drm_sched fence someone still holds.
 */
struct panthor_job_fence {
	/** @base: the fence; first, so that the fence core frees the whole */
	struct dma_fence base;
	/** @lock: the fence's lock */
	spinlock_t lock;
};

static const struct dma_fence_ops panthor_job_fence_ops = {
	.get_driver_name = panthor_fence_driver_name,
	.get_timeline_name = panthor_fence_timeline_name,
};

/* Add what a completed job used of the GPU to its file's usage. */
static void panthor_job_account(struct panthor_job *job)
{
	const struct panthor_job_times *times = job->times;
	struct panthor_usage *usage = job->group->usage;
	u64 start, end;

	if (!times)
		return;

	start = READ_ONCE(times->start_time);
	end = READ_ONCE(times->end_time);
	if (end > start)
		atomic64_add(end - start, &usage->gpu_time);

	start = READ_ONCE(times->start_cycles);
	end = READ_ONCE(times->end_cycles);
	if (end > start)
		atomic64_add(end - start, &usage->cycles);
}

/**
 * panthor_queue_signal_done() - Signal the jobs the GPU has completed
 * @queue: queue
 *
 * Compares the queue's sync object with the seqnos of the jobs in the ring.
 * The sync object's error word reflects the last job that bumped it, so it
 * only taints that job.
 *
 * Return: true if jobs are still in the ring.
 */
bool panthor_queue_signal_done(struct panthor_queue *queue)
{
	struct panthor_job *job, *tmp;
	unsigned long flags;
	bool pending;
	u64 done;
	u32 error;

	spin_lock_irqsave(&queue->fence.lock, flags);
	done = READ_ONCE(queue->syncobj->seqno);
	error = READ_ONCE(queue->syncobj->error);

	list_for_each_entry_safe(job, tmp, &queue->fence.in_flight, node) {
		if (job->seqno > done)
			break;

		list_del_init(&job->node);
		panthor_job_account(job);
		if (error && job->seqno == done)
			dma_fence_set_error(job->done, -EIO);
		dma_fence_signal(job->done);
	}

	pending = !list_empty(&queue->fence.in_flight);
	spin_unlock_irqrestore(&queue->fence.lock, flags);

	return pending;
}

/**
 * panthor_queue_stop() - Stop a queue for good
 * @queue: queue
 * @error: the error its pending and future jobs complete with
 *
 * Jobs the GPU already completed are signalled normally; the others are
 * signalled with @error. Jobs run afterwards fail with @error at once.
 */
void panthor_queue_stop(struct panthor_queue *queue, int error)
{
	struct panthor_job *job, *tmp;
	unsigned long flags;

	panthor_queue_signal_done(queue);

	spin_lock_irqsave(&queue->fence.lock, flags);
	if (!queue->fence.stopped) {
		queue->fence.stopped = true;
		queue->fence.error = error;
	}

	list_for_each_entry_safe(job, tmp, &queue->fence.in_flight, node) {
		list_del_init(&job->node);
		dma_fence_set_error(job->done, queue->fence.error);
		dma_fence_signal(job->done);
	}
	spin_unlock_irqrestore(&queue->fence.lock, flags);
}

/**
 * panthor_queue_has_work() - Are jobs of the queue in its ring?
 * @queue: queue
 *
 * Return: true if a job was written in the ring and not signalled yet.
 */
bool panthor_queue_has_work(struct panthor_queue *queue)
{
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&queue->fence.lock, flags);
	pending = !list_empty(&queue->fence.in_flight);
	spin_unlock_irqrestore(&queue->fence.lock, flags);

	return pending;
}

/* ---- drm_sched backend --------------------------------------------------- */

static struct panthor_job *to_panthor_job(struct drm_sched_job *sched_job)
{
	return container_of(sched_job, struct panthor_job, base);
}

/*
 * The job's counter samples go to the times slot of its ring position:
 * no other job in flight has that position.
 */
static void panthor_job_place_times(struct panthor_job *job)
{
	struct panthor_queue *queue = job->queue;
	u32 slot = (queue->insert / PANTHOR_RING_JOB_SIZE) %
		   (queue->ring_size / PANTHOR_RING_JOB_SIZE);

	if (!job->ring.stream_size)
		return;

	job->times = &queue->times[slot];
	job->ring.times_offset = PANTHOR_QUEUE_TIMES_OFFSET +
				 slot * sizeof(struct panthor_job_times);
	memset(job->times, 0, sizeof(*job->times));
}

/* Copy the job's instructions into the ring at the host's write position. */
static void panthor_queue_write_job(struct panthor_queue *queue,
				    const u64 *instrs)
{
	u64 *ring = queue->ring;
	u32 offset = queue->insert & (queue->ring_size - 1);

	/* Jobs have one size that divides the ring: a job never wraps. */
	memcpy(&ring[offset / sizeof(u64)], instrs, PANTHOR_RING_JOB_SIZE);
	queue->insert += PANTHOR_RING_JOB_SIZE;
}

static struct dma_fence *panthor_job_run(struct drm_sched_job *sched_job)
{
	struct panthor_job *job = to_panthor_job(sched_job);
	struct panthor_queue *queue = job->queue;
	u64 instrs[PANTHOR_RING_JOB_INSTRS];
	unsigned long flags;
	int error;

	spin_lock_irqsave(&queue->fence.lock, flags);
	if (queue->fence.stopped) {
		error = queue->fence.error;
		spin_unlock_irqrestore(&queue->fence.lock, flags);
		return ERR_PTR(error);
	}

	job->seqno = ++queue->fence.seqno;
	panthor_job_place_times(job);
	dma_fence_init(job->done, &panthor_job_fence_ops,
		       &container_of(job->done, struct panthor_job_fence, base)->lock,
		       queue->fence.context, job->seqno);
	panthor_ring_build_job(&job->ring, instrs);
	panthor_queue_write_job(queue, instrs);
	list_add_tail(&job->node, &queue->fence.in_flight);
	spin_unlock_irqrestore(&queue->fence.lock, flags);

	/* The instructions must be in memory before the firmware sees INSERT. */
	wmb();
	WRITE_ONCE(queue->input->insert, queue->insert);

	panthor_sched_group_kick(job->group);

	/* drm_sched owns this reference; the job keeps its own. */
	return dma_fence_get(job->done);
}

static enum drm_gpu_sched_stat panthor_job_timedout(struct drm_sched_job *sched_job)
{
	struct panthor_job *job = to_panthor_job(sched_job);
	struct panthor_queue *queue = job->queue;

	/*
	 * Stop the group first, which fails every job in its rings. Then the
	 * stop/start cycle of the scheduler finds them all completed: it puts
	 * this job, which drm_sched took off its pending list, back to be
	 * freed, and frees the others.
	 */
	panthor_sched_group_timedout(job->group);
	drm_sched_stop(queue->sched, sched_job);
	drm_sched_start(queue->sched);

	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static void panthor_job_free_fence(struct panthor_job *job)
{
	if (!job->done)
		return;

	/* Initialised fences are reference-counted, the others are not yet. */
	if (job->done->ops)
		dma_fence_put(job->done);
	else
		kfree(container_of(job->done, struct panthor_job_fence, base));
}

static void panthor_job_free(struct drm_sched_job *sched_job)
{
	struct panthor_job *job = to_panthor_job(sched_job);
	struct panthor_queue *queue = job->queue;
	unsigned long flags;

	/* Only a job drm_sched gave up on can still be in the ring's list. */
	spin_lock_irqsave(&queue->fence.lock, flags);
	list_del_init(&job->node);
	spin_unlock_irqrestore(&queue->fence.lock, flags);

	drm_sched_job_cleanup(sched_job);
	panthor_job_free_fence(job);
	panthor_group_put(job->group);
	kfree(job);
}

static const struct drm_sched_backend_ops panthor_queue_sched_ops = {
	.run_job = panthor_job_run,
	.timedout_job = panthor_job_timedout,
	.free_job = panthor_job_free,
};

/* ---- Queues and groups --------------------------------------------------- */

static int panthor_queue_check_args(struct panthor_device *ptdev,
				    const struct drm_panthor_queue_create *args,
				    u32 index)
{
	if (args->pad[0] || args->pad[1] || args->pad[2]) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: queue %u: non-zero padding\n", index);
		return -EINVAL;
	}

	if (args->ringbuf_size < PANTHOR_RING_MIN_SIZE ||
	    args->ringbuf_size > PANTHOR_RING_MAX_SIZE ||
	    !is_power_of_2(args->ringbuf_size)) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: queue %u: ring size %u is not a power of two in [4 KiB, 64 KiB]\n",
			index, args->ringbuf_size);
		return -EINVAL;
	}

	if (args->priority > PANTHOR_QUEUE_MAX_PRIORITY) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: queue %u: priority %u above 15\n",
			index, args->priority);
		return -EINVAL;
	}

	return 0;
}

static int panthor_queue_init_sched(struct panthor_queue *queue)
{
	struct panthor_device *ptdev = queue->group->ptdev;
	struct drm_gpu_scheduler *sched_list[1];
	const struct drm_sched_init_args args = {
		.ops = &panthor_queue_sched_ops,
		.submit_wq = panthor_sched_queue_wq(ptdev),
		.num_rqs = 1,
		/*
		 * Room for every job the ring holds but one, so the job being
		 * written never lands on instructions not yet read.
		 */
		.credit_limit = queue->ring_size / PANTHOR_RING_JOB_SIZE - 1,
		.timeout = msecs_to_jiffies(PANTHOR_JOB_TIMEOUT_MS),
		.name = "panthor-queue",
		.dev = ptdev->base.dev,
	};
	int ret;

	queue->sched = panthor_sched_alloc_drm_sched(ptdev);
	if (!queue->sched)
		return -ENOMEM;

	ret = drm_sched_init(queue->sched, &args);
	if (ret)
		return ret;

	sched_list[0] = queue->sched;

	ret = drm_sched_entity_init(&queue->entity, DRM_SCHED_PRIORITY_KERNEL,
				    sched_list, ARRAY_SIZE(sched_list), NULL);
	if (ret) {
		drm_sched_fini(queue->sched);
		return ret;
	}

	queue->sched_ready = true;
	return 0;
}

/**
 * struct panthor_group_layout - Where a group's buffers go in its two BOs
 *
 * The firmware's part (suspend buffers, the queues' user pages) is one BO
 * in the MCU's VM, the GPU's part (ring buffers, sync objects and job
 * times) one BO in the group's VM: two mappings per group, whatever its
 * number of queues. Both are uncached for the GPU, which shares them with
 * the CPU.
 */
struct panthor_group_layout {
	/** @fw_size: size of the firmware's BO */
	size_t fw_size;
	/** @protm_offset: protected suspend buffer, in the firmware's BO */
	size_t protm_offset;
	/** @protm_size: its size, 0 if the firmware wants none */
	size_t protm_size;
	/** @iface_offset: queue user pages, in the firmware's BO */
	size_t iface_offset[CSF_MAX_CS_SLOTS];
	/** @gpu_size: size of the GPU's BO */
	size_t gpu_size;
	/** @ring_offset: ring buffers, in the GPU's BO */
	size_t ring_offset[CSF_MAX_CS_SLOTS];
	/** @state_offset: sync object and job times, in the GPU's BO */
	size_t state_offset[CSF_MAX_CS_SLOTS];
};

/* The queue's sync object, then one times record per job the ring holds. */
static size_t panthor_queue_state_size(u32 ring_size)
{
	return PANTHOR_QUEUE_TIMES_OFFSET +
	       ring_size / PANTHOR_RING_JOB_SIZE * sizeof(struct panthor_job_times);
}

static void panthor_group_plan(struct panthor_group *group,
			       const struct drm_panthor_queue_create *qargs,
			       struct panthor_group_layout *layout)
{
	const struct panthor_csf_csg_control *csg =
		panthor_fw_csg(group->ptdev, 0)->control;
	size_t offset;
	u32 i;

	/* Rings first: power-of-two sizes from 4 KiB keep them page aligned. */
	for (i = 0, offset = 0; i < group->queue_count; i++) {
		layout->ring_offset[i] = offset;
		offset += qargs[i].ringbuf_size;
	}
	for (i = 0; i < group->queue_count; i++) {
		layout->state_offset[i] = offset;
		offset += ALIGN(panthor_queue_state_size(qargs[i].ringbuf_size), SZ_4K);
	}
	layout->gpu_size = offset;

	offset = ALIGN(READ_ONCE(csg->suspend_size), SZ_4K);
	layout->protm_offset = offset;
	layout->protm_size = ALIGN(READ_ONCE(csg->protm_suspend_size), SZ_4K);
	offset += layout->protm_size;
	for (i = 0; i < group->queue_count; i++) {
		layout->iface_offset[i] = offset;
		offset += PANTHOR_RING_IFACE_SIZE;
	}
	layout->fw_size = offset;
}

static struct panthor_kernel_bo *
panthor_group_alloc_bo(struct panthor_group *group, struct panthor_vm *vm,
		       size_t size, const char *name)
{
	struct panthor_kernel_bo *bo;
	int ret;

	/* The command frontend only reads rings: no execute permission. */
	bo = panthor_kernel_bo_create(group->ptdev, vm, size, DRM_PANTHOR_BO_NO_MMAP,
				      DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC |
				      DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED,
				      PANTHOR_VM_KERNEL_AUTO_VA, name);
	if (IS_ERR(bo))
		return bo;

	ret = panthor_kernel_bo_vmap(bo);
	if (ret) {
		panthor_kernel_bo_destroy(bo);
		return ERR_PTR(ret);
	}

	return bo;
}

static int panthor_group_alloc_buffers(struct panthor_group *group,
				       const struct panthor_group_layout *layout)
{
	struct panthor_device *ptdev = group->ptdev;

	group->fw_bo = panthor_group_alloc_bo(group, panthor_fw_vm(ptdev),
					      layout->fw_size,
					      "group suspend buffers and queue pages");
	if (IS_ERR(group->fw_bo)) {
		int ret = PTR_ERR(group->fw_bo);

		group->fw_bo = NULL;
		return ret;
	}

	group->gpu_bo = panthor_group_alloc_bo(group, group->vm, layout->gpu_size,
					       "group rings and sync objects");
	if (IS_ERR(group->gpu_bo)) {
		int ret = PTR_ERR(group->gpu_bo);

		group->gpu_bo = NULL;
		return ret;
	}

	group->suspend_va = panthor_kernel_bo_gpuva(group->fw_bo);
	if (layout->protm_size)
		group->protm_suspend_va = group->suspend_va + layout->protm_offset;
	return 0;
}

/* Point the queue at its parts of the group's BOs. */
static void panthor_queue_place(struct panthor_queue *queue,
				const struct panthor_group_layout *layout)
{
	struct panthor_group *group = queue->group;
	size_t iface = layout->iface_offset[queue->index];
	size_t state = layout->state_offset[queue->index];
	size_t ring = layout->ring_offset[queue->index];

	queue->ring = group->gpu_bo->kmap + ring;
	queue->ring_va = panthor_kernel_bo_gpuva(group->gpu_bo) + ring;
	queue->syncobj = group->gpu_bo->kmap + state;
	queue->syncobj_va = panthor_kernel_bo_gpuva(group->gpu_bo) + state;
	queue->times = group->gpu_bo->kmap + state + PANTHOR_QUEUE_TIMES_OFFSET;
	queue->input = group->fw_bo->kmap + iface + PANTHOR_RING_INPUT_OFFSET;
	queue->output = group->fw_bo->kmap + iface + PANTHOR_RING_OUTPUT_OFFSET;
	queue->iface_va = panthor_kernel_bo_gpuva(group->fw_bo) + iface;
}

static struct panthor_queue *
panthor_queue_create(struct panthor_group *group, u32 index,
		     const struct drm_panthor_queue_create *args,
		     const struct panthor_group_layout *layout)
{
	struct panthor_queue *queue;
	int ret;

	queue = kzalloc(sizeof(*queue), GFP_KERNEL);
	if (!queue)
		return ERR_PTR(-ENOMEM);

	queue->group = group;
	queue->index = index;
	queue->priority = args->priority;
	queue->ring_size = args->ringbuf_size;
	spin_lock_init(&queue->fence.lock);
	INIT_LIST_HEAD(&queue->fence.in_flight);
	queue->fence.context = dma_fence_context_alloc(1);

	panthor_queue_place(queue, layout);

	ret = panthor_queue_init_sched(queue);
	if (ret)
		goto err_free;

	return queue;

err_free:
	panthor_queue_free(queue);
	return ERR_PTR(ret);
}

static int panthor_group_check_cores(struct panthor_device *ptdev,
				     const struct drm_panthor_group_create *args)
{
	const struct drm_panthor_gpu_info *info = panthor_gpu_info(ptdev);

	if ((args->compute_core_mask & ~info->shader_present) ||
	    (args->fragment_core_mask & ~info->shader_present) ||
	    (args->tiler_core_mask & ~info->tiler_present)) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: core masks 0x%llx/0x%llx/0x%llx not within shader 0x%llx / tiler 0x%llx\n",
			args->compute_core_mask, args->fragment_core_mask,
			args->tiler_core_mask, info->shader_present,
			info->tiler_present);
		return -EINVAL;
	}

	if (hweight64(args->compute_core_mask) < args->max_compute_cores ||
	    hweight64(args->fragment_core_mask) < args->max_fragment_cores ||
	    hweight64(args->tiler_core_mask) < args->max_tiler_cores) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: more cores asked for (%u/%u/%u) than the masks hold\n",
			args->max_compute_cores, args->max_fragment_cores,
			args->max_tiler_cores);
		return -EINVAL;
	}

	return 0;
}

/* The checks of uapi-abi.md §7.8 that need no allocation, in its order. */
static int panthor_group_check_args(struct panthor_device *ptdev,
				    struct drm_file *file,
				    const struct drm_panthor_group_create *args)
{
	struct drm_panthor_csif_info csif;

	if (args->priority > panthor_group_priority_max()) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: unknown priority %u\n", args->priority);
		return -EINVAL;
	}

	if (!panthor_group_priority_allowed(file, args->priority)) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: priority %u needs CAP_SYS_NICE or DRM master\n",
			args->priority);
		return -EACCES;
	}

	if (args->pad) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: non-zero padding\n");
		return -EINVAL;
	}

	if (panthor_group_check_cores(ptdev, args))
		return -EINVAL;

	panthor_fw_csif_info(ptdev, &csif);
	if (args->queues.count > csif.cs_slot_count) {
		drm_dbg(&ptdev->base, "GROUP_CREATE: %u queues, the firmware has %u streams per group\n",
			args->queues.count, csif.cs_slot_count);
		return -EINVAL;
	}

	return 0;
}

static void panthor_group_destroy(struct panthor_group *group);

static struct panthor_group *
panthor_group_alloc(struct panthor_device *ptdev, struct panthor_file *pfile,
		    const struct drm_panthor_group_create *args, struct panthor_vm *vm)
{
	struct panthor_group *group;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return NULL;

	kref_init(&group->refcount);
	group->ptdev = ptdev;
	group->vm = vm;
	group->vm_id = args->vm_id;
	group->heaps = panthor_heap_pools_get(pfile->heaps);
	group->usage = pfile->groups->usage;
	kref_get(&group->usage->refcount);
	group->priority = args->priority;
	group->max_compute_cores = args->max_compute_cores;
	group->max_fragment_cores = args->max_fragment_cores;
	group->max_tiler_cores = args->max_tiler_cores;
	group->compute_core_mask = args->compute_core_mask;
	group->fragment_core_mask = args->fragment_core_mask;
	group->tiler_core_mask = args->tiler_core_mask;
	group->queue_count = args->queues.count;
	group->csg_slot = -1;
	mutex_init(&group->submit_lock);
	INIT_WORK(&group->release_work, panthor_group_release_work);
	INIT_LIST_HEAD(&group->node);

	return group;
}

/**
 * panthor_ioctl_group_create() - DRM_IOCTL_PANTHOR_GROUP_CREATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_group_create
 * @file: the caller's file
 *
 * Return: 0 or a negative error code (uapi-abi.md §7.8).
 */
int panthor_ioctl_group_create(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_device *ptdev = to_panthor_device(ddev);
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_group_create *args = data;
	struct drm_panthor_queue_create *qargs;
	struct panthor_group_layout layout;
	struct panthor_group *group;
	struct panthor_vm *vm;
	u32 i, handle;
	int ret;

	if (!args->queues.count) {
		drm_dbg(ddev, "GROUP_CREATE: no queue\n");
		return -EINVAL;
	}

	qargs = PANTHOR_COPY_OBJ_ARRAY(&args->queues, struct drm_panthor_queue_create,
				       ringbuf_size);
	if (IS_ERR(qargs)) {
		drm_dbg(ddev, "GROUP_CREATE: cannot read %u queues of stride %u (%ld)\n",
			args->queues.count, args->queues.stride, PTR_ERR(qargs));
		return PTR_ERR(qargs);
	}

	ret = panthor_group_check_args(ptdev, file, args);
	if (ret)
		goto out_free_qargs;

	vm = panthor_vm_pool_get_vm(pfile->vms, args->vm_id);
	if (!vm) {
		drm_dbg(ddev, "GROUP_CREATE: unknown VM %u\n", args->vm_id);
		ret = -EINVAL;
		goto out_free_qargs;
	}

	for (i = 0; i < args->queues.count; i++) {
		ret = panthor_queue_check_args(ptdev, &qargs[i], i);
		if (ret) {
			panthor_vm_put(vm);
			goto out_free_qargs;
		}
	}

	group = panthor_group_alloc(ptdev, pfile, args, vm);
	if (!group) {
		panthor_vm_put(vm);
		ret = -ENOMEM;
		goto out_free_qargs;
	}

	panthor_group_plan(group, qargs, &layout);
	ret = panthor_group_alloc_buffers(group, &layout);
	if (ret)
		goto out_put_group;

	for (i = 0; i < group->queue_count; i++) {
		group->queues[i] = panthor_queue_create(group, i, &qargs[i], &layout);
		if (IS_ERR(group->queues[i])) {
			ret = PTR_ERR(group->queues[i]);
			group->queues[i] = NULL;
			goto out_put_group;
		}
	}

	/* Known to the scheduler before userspace can name it. */
	panthor_sched_add_group(group);

	ret = xa_alloc(&pfile->groups->xa, &handle, group,
		       XA_LIMIT(1, PANTHOR_MAX_GROUPS_PER_FILE), GFP_KERNEL);
	if (ret) {
		drm_dbg(ddev, "GROUP_CREATE: no group handle left (%d)\n", ret);
		panthor_group_destroy(group);
		goto out_free_qargs;
	}

	args->group_handle = handle;
	kvfree(qargs);
	return 0;

out_put_group:
	/* Nothing ran: the entities can go with the group. */
	for (i = 0; i < group->queue_count; i++) {
		if (group->queues[i] && group->queues[i]->sched_ready)
			drm_sched_entity_fini(&group->queues[i]->entity);
	}
	panthor_group_put(group);
out_free_qargs:
	kvfree(qargs);
	return ret;
}

/* Take the group out of service: no job runs on it any more. */
static void panthor_group_destroy(struct panthor_group *group)
{
	u32 i;

	panthor_sched_destroy_group(group);

	/*
	 * Jobs still waiting for their dependencies are dropped with an
	 * error, without waiting for the dependencies: they may never come.
	 */
	mutex_lock(&group->submit_lock);
	for (i = 0; i < group->queue_count; i++)
		drm_sched_entity_fini(&group->queues[i]->entity);
	mutex_unlock(&group->submit_lock);

	panthor_group_put(group);
}

/**
 * panthor_ioctl_group_destroy() - DRM_IOCTL_PANTHOR_GROUP_DESTROY
 * @ddev: DRM device
 * @data: &struct drm_panthor_group_destroy
 * @file: the caller's file
 *
 * Return: 0, or -EINVAL for non-zero padding or an unknown handle.
 */
int panthor_ioctl_group_destroy(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_group_destroy *args = data;
	struct panthor_group *group;

	if (args->pad) {
		drm_dbg(ddev, "GROUP_DESTROY: non-zero padding\n");
		return -EINVAL;
	}

	group = xa_erase(&pfile->groups->xa, args->group_handle);
	if (!group) {
		drm_dbg(ddev, "GROUP_DESTROY: unknown group %u\n", args->group_handle);
		return -EINVAL;
	}

	panthor_group_destroy(group);
	return 0;
}

static struct panthor_group *panthor_group_lookup(struct panthor_file *pfile,
						  u32 handle)
{
	struct panthor_group *group;

	xa_lock(&pfile->groups->xa);
	group = xa_load(&pfile->groups->xa, handle);
	panthor_group_get(group);
	xa_unlock(&pfile->groups->xa);

	return group;
}

/**
 * panthor_ioctl_group_get_state() - DRM_IOCTL_PANTHOR_GROUP_GET_STATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_group_get_state
 * @file: the caller's file
 *
 * Return: 0, or -EINVAL for non-zero padding or an unknown handle.
 */
int panthor_ioctl_group_get_state(struct drm_device *ddev, void *data,
				  struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_group_get_state *args = data;
	struct panthor_group *group;
	u32 handle = args->group_handle;

	if (args->pad) {
		drm_dbg(ddev, "GROUP_GET_STATE: non-zero padding\n");
		return -EINVAL;
	}

	group = panthor_group_lookup(pfile, handle);
	if (!group) {
		drm_dbg(ddev, "GROUP_GET_STATE: unknown group %u\n", handle);
		return -EINVAL;
	}

	memset(args, 0, sizeof(*args));
	args->group_handle = handle;
	panthor_sched_group_state(group, &args->state, &args->fatal_queues);
	panthor_group_put(group);
	return 0;
}

/**
 * panthor_group_pool_create() - Give an open file its group pool
 * @pfile: the file
 *
 * Return: 0 or -ENOMEM.
 */
int panthor_group_pool_create(struct panthor_file *pfile)
{
	struct panthor_group_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	struct panthor_usage *usage = kzalloc(sizeof(*usage), GFP_KERNEL);

	if (!pool || !usage) {
		kfree(usage);
		kfree(pool);
		return -ENOMEM;
	}

	/* Handles start at 1: 0 is never a valid group handle. */
	xa_init_flags(&pool->xa, XA_FLAGS_ALLOC1);
	/* Usage outlives the pool while jobs of its groups are in flight. */
	kref_init(&usage->refcount);
	pool->usage = usage;
	pfile->groups = pool;
	return 0;
}

/**
 * panthor_group_pool_destroy() - Destroy every group of a closing file
 * @pfile: the file
 */
void panthor_group_pool_destroy(struct panthor_file *pfile)
{
	struct panthor_group_pool *pool = pfile->groups;
	struct panthor_group *group;
	unsigned long handle;

	if (!pool)
		return;

	xa_for_each(&pool->xa, handle, group)
		panthor_group_destroy(xa_erase(&pool->xa, handle));

	xa_destroy(&pool->xa);
	panthor_usage_put(pool->usage);
	kfree(pool);
	pfile->groups = NULL;
}

/**
 * panthor_group_pool_show_fdinfo() - Print a file's GPU usage
 * @p: where to print
 * @pfile: the file
 *
 * The time and cycles the GPU spent in the file's user streams, sampled by
 * the GPU itself around each stream, in drm-usage-stats format.
 */
void panthor_group_pool_show_fdinfo(struct drm_printer *p,
				    struct panthor_file *pfile)
{
	struct panthor_usage *usage = pfile->groups->usage;
	u64 freq = panthor_sched_timestamp_freq(pfile->ptdev);
	u64 ticks = atomic64_read(&usage->gpu_time);
	u64 cycles = atomic64_read(&usage->cycles);

	drm_printf(p, "drm-engine-panthor:\t%llu ns\n",
		   freq ? mul_u64_u64_div_u64(ticks, NSEC_PER_SEC, freq) : 0);

	/* The cycle counter only runs while someone enabled it. */
	if (cycles)
		drm_printf(p, "drm-cycles-panthor:\t%llu\n", cycles);
}

/* ---- GROUP_SUBMIT -------------------------------------------------------- */

/**
 * struct panthor_submit_signal - A syncobj point a batch signals
 */
struct panthor_submit_signal {
	/** @handle: syncobj handle */
	u32 handle;
	/** @point: timeline point, 0 for a binary syncobj */
	u64 point;
	/** @syncobj: the syncobj; holds a reference */
	struct drm_syncobj *syncobj;
	/** @chain: node for the timeline point, NULL for a binary syncobj */
	struct dma_fence_chain *chain;
	/** @fence: finished fence of the last job of the batch signalling it */
	struct dma_fence *fence;
};

/**
 * struct panthor_submit - One GROUP_SUBMIT call in progress
 */
struct panthor_submit {
	/** @file: the caller */
	struct drm_file *file;
	/** @group: the group; holds a reference */
	struct panthor_group *group;
	/** @count: number of jobs */
	u32 count;
	/** @args: the jobs as userspace described them */
	struct drm_panthor_queue_submit *args;
	/** @syncs: per job, its sync operations (NULL if none) */
	struct drm_panthor_sync_op **syncs;
	/** @jobs: the jobs, once created */
	struct panthor_job **jobs;
	/** @signals: every syncobj point the batch signals */
	struct panthor_submit_signal *signals;
	/** @signal_count: entries of @signals in use */
	u32 signal_count;
	/** @signal_max: entries allocated in @signals */
	u32 signal_max;
	/** @pushed: jobs handed to drm_sched; they are not ours to free */
	u32 pushed;
};

static int panthor_sync_op_check(struct drm_device *ddev,
				 const struct drm_panthor_sync_op *op)
{
	u32 type = op->flags & DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK;

	if (op->flags & ~PANTHOR_SYNC_OP_KNOWN_FLAGS) {
		drm_dbg(ddev, "GROUP_SUBMIT: unknown sync op flags 0x%x\n", op->flags);
		return -EINVAL;
	}

	if (type != DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ &&
	    type != DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ) {
		drm_dbg(ddev, "GROUP_SUBMIT: unknown sync handle type %u\n", type);
		return -EINVAL;
	}

	if (type == DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ && op->timeline_value) {
		drm_dbg(ddev, "GROUP_SUBMIT: binary syncobj %u with a timeline point\n",
			op->handle);
		return -EINVAL;
	}

	return 0;
}

static bool panthor_sync_op_is_signal(const struct drm_panthor_sync_op *op)
{
	return op->flags & DRM_PANTHOR_SYNC_OP_SIGNAL;
}

static struct panthor_submit_signal *
panthor_submit_find_signal(struct panthor_submit *submit, u32 handle, u64 point)
{
	u32 i;

	for (i = 0; i < submit->signal_count; i++) {
		if (submit->signals[i].handle == handle &&
		    submit->signals[i].point == point)
			return &submit->signals[i];
	}

	return NULL;
}

static int panthor_submit_add_signal(struct panthor_submit *submit,
				     const struct drm_panthor_sync_op *op)
{
	struct drm_device *ddev = submit->file->minor->dev;
	struct panthor_submit_signal *sig;
	int ret;

	ret = panthor_sync_op_check(ddev, op);
	if (ret)
		return ret;

	if (panthor_submit_find_signal(submit, op->handle, op->timeline_value))
		return 0;

	sig = &submit->signals[submit->signal_count];
	sig->syncobj = drm_syncobj_find(submit->file, op->handle);
	if (!sig->syncobj) {
		drm_dbg(ddev, "GROUP_SUBMIT: signal of unknown syncobj %u\n", op->handle);
		return -EINVAL;
	}

	sig->handle = op->handle;
	sig->point = op->timeline_value;
	submit->signal_count++;

	if ((op->flags & DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK) ==
	    DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ) {
		sig->chain = dma_fence_chain_alloc();
		if (!sig->chain)
			return -ENOMEM;
	}

	return 0;
}

/* Every signal of the batch is checked before any wait (§7.9 step 4). */
static int panthor_submit_collect_signals(struct panthor_submit *submit)
{
	u32 i, j, total = 0;
	int ret;

	for (i = 0; i < submit->count; i++)
		total += submit->args[i].syncs.count;

	if (!total)
		return 0;

	submit->signals = kvcalloc(total, sizeof(*submit->signals), GFP_KERNEL);
	if (!submit->signals)
		return -ENOMEM;
	submit->signal_max = total;

	for (i = 0; i < submit->count; i++) {
		for (j = 0; j < submit->args[i].syncs.count; j++) {
			const struct drm_panthor_sync_op *op = &submit->syncs[i][j];

			if (!panthor_sync_op_is_signal(op))
				continue;

			ret = panthor_submit_add_signal(submit, op);
			if (ret)
				return ret;
		}
	}

	return 0;
}

static int panthor_submit_check_job(struct panthor_submit *submit, u32 index)
{
	const struct drm_panthor_queue_submit *args = &submit->args[index];
	struct drm_device *ddev = submit->file->minor->dev;
	struct panthor_group *group = submit->group;

	if (args->pad) {
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: non-zero padding\n", index);
		return -EINVAL;
	}

	if (!args->stream_size != !args->stream_addr) {
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: stream size %u with address 0x%llx\n",
			index, args->stream_size, args->stream_addr);
		return -EINVAL;
	}

	if (!IS_ALIGNED(args->stream_addr, 64) || !IS_ALIGNED(args->stream_size, 8)) {
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: stream 0x%llx+%u misaligned\n",
			index, args->stream_addr, args->stream_size);
		return -EINVAL;
	}

	if (args->latest_flush & PANTHOR_LATEST_FLUSH_MBZ) {
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: latest_flush 0x%x has reserved bits\n",
			index, args->latest_flush);
		return -EINVAL;
	}

	if (panthor_group_is_dead(group)) {
		drm_dbg(ddev, "GROUP_SUBMIT: the group can no longer run\n");
		return -EINVAL;
	}

	if (args->queue_index >= group->queue_count) {
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: queue %u, the group has %u\n",
			index, args->queue_index, group->queue_count);
		return -EINVAL;
	}

	submit->syncs[index] = PANTHOR_COPY_OBJ_ARRAY(&args->syncs, struct drm_panthor_sync_op,
						      timeline_value);
	if (IS_ERR(submit->syncs[index])) {
		int ret = PTR_ERR(submit->syncs[index]);

		submit->syncs[index] = NULL;
		drm_dbg(ddev, "GROUP_SUBMIT: job %u: cannot read %u sync ops of stride %u (%d)\n",
			index, args->syncs.count, args->syncs.stride, ret);
		return ret;
	}

	return 0;
}

static struct panthor_job *panthor_job_create(struct panthor_submit *submit, u32 index)
{
	const struct drm_panthor_queue_submit *args = &submit->args[index];
	struct panthor_group *group = submit->group;
	struct panthor_queue *queue = group->queues[args->queue_index];
	struct drm_panthor_csif_info csif;
	struct panthor_job_fence *fence;
	struct panthor_job *job;
	u8 addr_reg;
	int ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return ERR_PTR(-ENOMEM);

	fence = kzalloc(sizeof(*fence), GFP_KERNEL);
	if (!fence) {
		kfree(job);
		return ERR_PTR(-ENOMEM);
	}
	spin_lock_init(&fence->lock);
	job->done = &fence->base;

	INIT_LIST_HEAD(&job->node);
	job->queue = queue;

	/* The highest registers of every stream are the kernel's. */
	panthor_fw_csif_info(group->ptdev, &csif);
	addr_reg = csif.cs_reg_count - csif.unpreserved_cs_reg_count;
	job->ring = (struct panthor_ring_job) {
		.stream_addr = args->stream_addr,
		.stream_size = args->stream_size,
		.latest_flush = args->latest_flush,
		.sync_addr = queue->syncobj_va,
		.addr_reg = addr_reg,
		.val_reg = addr_reg + 2,
		.sb_mask = GENMASK(csif.scoreboard_slot_count - 1, 0),
	};

	ret = drm_sched_job_init(&job->base, &queue->entity, 1, group,
				 submit->file->client_id);
	if (ret) {
		kfree(fence);
		kfree(job);
		return ERR_PTR(ret);
	}

	panthor_group_get(group);
	job->group = group;
	return job;
}

/* Resolve the waits of job @index; earlier jobs of the batch are armed. */
static int panthor_submit_add_waits(struct panthor_submit *submit, u32 index)
{
	struct drm_device *ddev = submit->file->minor->dev;
	struct panthor_job *job = submit->jobs[index];
	u32 i;
	int ret;

	for (i = 0; i < submit->args[index].syncs.count; i++) {
		const struct drm_panthor_sync_op *op = &submit->syncs[index][i];
		struct panthor_submit_signal *sig;
		struct dma_fence *fence;

		if (panthor_sync_op_is_signal(op))
			continue;

		ret = panthor_sync_op_check(ddev, op);
		if (ret)
			return ret;

		sig = panthor_submit_find_signal(submit, op->handle, op->timeline_value);
		if (sig && sig->fence) {
			fence = dma_fence_get(sig->fence);
		} else {
			ret = drm_syncobj_find_fence(submit->file, op->handle,
						     op->timeline_value, 0, &fence);
			if (ret) {
				drm_dbg(ddev, "GROUP_SUBMIT: job %u: cannot wait on syncobj %u point %llu (%d)\n",
					index, op->handle, op->timeline_value, ret);
				return ret;
			}
		}

		ret = drm_sched_job_add_dependency(&job->base, fence);
		if (ret)
			return ret;
	}

	return 0;
}

/* Record job @index's fence as the one its signal operations get. */
static void panthor_submit_note_signals(struct panthor_submit *submit, u32 index)
{
	struct dma_fence *fence = &submit->jobs[index]->base.s_fence->finished;
	u32 i;

	for (i = 0; i < submit->args[index].syncs.count; i++) {
		const struct drm_panthor_sync_op *op = &submit->syncs[index][i];
		struct panthor_submit_signal *sig;

		if (!panthor_sync_op_is_signal(op))
			continue;

		sig = panthor_submit_find_signal(submit, op->handle, op->timeline_value);
		sig->fence = fence;
	}
}

static void panthor_submit_attach_signals(struct panthor_submit *submit)
{
	u32 i;

	for (i = 0; i < submit->signal_count; i++) {
		struct panthor_submit_signal *sig = &submit->signals[i];

		if (sig->chain) {
			drm_syncobj_add_point(sig->syncobj, sig->chain, sig->fence,
					      sig->point);
			sig->chain = NULL;
		} else {
			drm_syncobj_replace_fence(sig->syncobj, sig->fence);
		}
	}
}

/*
 * Arm every job, resolve its waits, make the VM's BOs and the syncobjs
 * carry the jobs' fences, and push. Runs under the group's submit lock,
 * so jobs reach each entity in the order they were armed.
 */
static int panthor_submit_commit(struct panthor_submit *submit)
{
	struct panthor_group *group = submit->group;
	struct drm_exec exec;
	u32 i;
	int ret;

	drm_exec_init(&exec, DRM_EXEC_INTERRUPTIBLE_WAIT | DRM_EXEC_IGNORE_DUPLICATES, 0);
	drm_exec_until_all_locked(&exec) {
		ret = panthor_vm_prepare_mapped_bos_resvs(&exec, group->vm, submit->count);
		drm_exec_retry_on_contention(&exec);
		if (ret)
			goto out_exec_fini;
	}

	for (i = 0; i < submit->count; i++) {
		drm_sched_job_arm(&submit->jobs[i]->base);
		ret = panthor_submit_add_waits(submit, i);
		if (ret)
			goto out_exec_fini;
		panthor_submit_note_signals(submit, i);
	}

	/* Past this point nothing fails. */
	for (i = 0; i < submit->count; i++)
		panthor_vm_add_job_fence(group->vm, &exec,
					 &submit->jobs[i]->base.s_fence->finished);

	panthor_submit_attach_signals(submit);

	for (i = 0; i < submit->count; i++) {
		drm_sched_entity_push_job(&submit->jobs[i]->base);
		submit->pushed++;
	}

out_exec_fini:
	drm_exec_fini(&exec);
	return ret;
}

static void panthor_submit_cleanup(struct panthor_submit *submit)
{
	u32 i;

	for (i = submit->pushed; submit->jobs && i < submit->count; i++) {
		struct panthor_job *job = submit->jobs[i];

		if (!job)
			continue;
		drm_sched_job_cleanup(&job->base);
		panthor_job_free_fence(job);
		panthor_group_put(job->group);
		kfree(job);
	}

	for (i = 0; i < submit->signal_count; i++) {
		dma_fence_chain_free(submit->signals[i].chain);
		drm_syncobj_put(submit->signals[i].syncobj);
	}

	for (i = 0; submit->syncs && i < submit->count; i++)
		kvfree(submit->syncs[i]);

	kvfree(submit->signals);
	kvfree(submit->jobs);
	kvfree(submit->syncs);
	kvfree(submit->args);
	panthor_group_put(submit->group);
}

static int panthor_submit_prepare(struct panthor_submit *submit)
{
	u32 i;
	int ret;

	submit->syncs = kvcalloc(submit->count, sizeof(*submit->syncs), GFP_KERNEL);
	submit->jobs = kvcalloc(submit->count, sizeof(*submit->jobs), GFP_KERNEL);
	if (!submit->syncs || !submit->jobs)
		return -ENOMEM;

	for (i = 0; i < submit->count; i++) {
		ret = panthor_submit_check_job(submit, i);
		if (ret)
			return ret;
	}

	ret = panthor_submit_collect_signals(submit);
	if (ret)
		return ret;

	for (i = 0; i < submit->count; i++) {
		submit->jobs[i] = panthor_job_create(submit, i);
		if (IS_ERR(submit->jobs[i])) {
			ret = PTR_ERR(submit->jobs[i]);
			submit->jobs[i] = NULL;
			return ret;
		}
	}

	return 0;
}

/**
 * panthor_ioctl_group_submit() - DRM_IOCTL_PANTHOR_GROUP_SUBMIT
 * @ddev: DRM device
 * @data: &struct drm_panthor_group_submit
 * @file: the caller's file
 *
 * Return: 0 or a negative error code (uapi-abi.md §7.9). On failure no job
 * of the batch was queued.
 */
int panthor_ioctl_group_submit(struct drm_device *ddev, void *data,
			       struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_group_submit *args = data;
	struct panthor_submit submit = { .file = file };
	int ret;

	if (args->pad) {
		drm_dbg(ddev, "GROUP_SUBMIT: non-zero padding\n");
		return -EINVAL;
	}

	submit.args = PANTHOR_COPY_OBJ_ARRAY(&args->queue_submits,
					     struct drm_panthor_queue_submit, syncs);
	if (IS_ERR(submit.args)) {
		drm_dbg(ddev, "GROUP_SUBMIT: cannot read %u jobs of stride %u (%ld)\n",
			args->queue_submits.count, args->queue_submits.stride,
			PTR_ERR(submit.args));
		return PTR_ERR(submit.args);
	}

	submit.count = args->queue_submits.count;
	if (!submit.count)
		return 0;

	submit.group = panthor_group_lookup(pfile, args->group_handle);
	if (!submit.group) {
		drm_dbg(ddev, "GROUP_SUBMIT: unknown group %u\n", args->group_handle);
		ret = -EINVAL;
		goto out_cleanup;
	}

	ret = panthor_submit_prepare(&submit);
	if (ret)
		goto out_cleanup;

	mutex_lock(&submit.group->submit_lock);
	if (READ_ONCE(submit.group->destroyed)) {
		/* Destroyed since the lookup: its entities are gone. */
		ret = -EINVAL;
	} else {
		ret = panthor_submit_commit(&submit);
	}
	mutex_unlock(&submit.group->submit_lock);

out_cleanup:
	panthor_submit_cleanup(&submit);
	return ret;
}
