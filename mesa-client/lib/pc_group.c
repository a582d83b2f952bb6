// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_group.c - scheduling groups and their queues, job submission, group
 * state, and tiler heaps.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_internal.h"

/* Most queues one GROUP_CREATE may ask for; CSIF_INFO lowers it further. */
#define PC_MAX_QUEUES	32

static void pc_group_defaults(struct pc_device *dev,
			      const struct pc_group_params *in,
			      struct pc_group_params *p)
{
	if (in)
		*p = *in;
	else
		memset(p, 0, sizeof(*p));
	if (!p->queue_count)
		p->queue_count = 1;
	if (!p->ringbuf_size)
		p->ringbuf_size = PC_RINGBUF_DEFAULT;
	if (!p->compute_core_mask)
		p->compute_core_mask = dev->gpu.shader_present;
	if (!p->fragment_core_mask)
		p->fragment_core_mask = dev->gpu.shader_present;
	if (!p->tiler_core_mask)
		p->tiler_core_mask = dev->gpu.tiler_present;
}

int pc_group_create(struct pc_device *dev, struct pc_vm *vm,
		    const struct pc_group_params *params,
		    struct pc_group **groupp)
{
	struct drm_panthor_queue_create queues[PC_MAX_QUEUES] = { 0 };
	struct drm_panthor_group_create arg = { 0 };
	struct pc_group_params p;
	struct pc_group *group;
	uint32_t i;
	int ret;

	*groupp = NULL;
	ret = pc_device_caps(dev);
	if (ret)
		return ret;
	pc_group_defaults(dev, params, &p);
	if (p.queue_count > PC_MAX_QUEUES ||
	    p.queue_count > dev->csif.cs_slot_count)
		return pc_fail(-EINVAL, "%s: %u queues asked for, a group has at most %u",
			       dev->path, p.queue_count,
			       dev->csif.cs_slot_count);

	for (i = 0; i < p.queue_count; i++) {
		queues[i].priority = p.queue_priority;
		queues[i].ringbuf_size = p.ringbuf_size;
	}
	arg.queues = (struct drm_panthor_obj_array)
		     DRM_PANTHOR_OBJ_ARRAY(p.queue_count, queues);
	arg.max_compute_cores = pc_popcount64(p.compute_core_mask);
	arg.max_fragment_cores = pc_popcount64(p.fragment_core_mask);
	arg.max_tiler_cores = pc_popcount64(p.tiler_core_mask);
	arg.priority = p.priority;
	arg.compute_core_mask = p.compute_core_mask;
	arg.fragment_core_mask = p.fragment_core_mask;
	arg.tiler_core_mask = p.tiler_core_mask;
	arg.vm_id = vm->id;

	group = calloc(1, sizeof(*group));
	if (!group)
		return pc_fail(-ENOMEM, "out of memory");

	ret = pc_ioctl(dev, DRM_IOCTL_PANTHOR_GROUP_CREATE, &arg);
	if (ret) {
		free(group);
		if (ret == -EACCES)
			return pc_fail(ret, "%s: GROUP_CREATE with priority %u is not allowed for this process (needs CAP_SYS_NICE)",
				       dev->path, p.priority);
		return pc_fail(ret, "%s: GROUP_CREATE of %u queue%s in VM %u failed: %s",
			       dev->path, p.queue_count,
			       p.queue_count == 1 ? "" : "s", vm->id,
			       strerror(-ret));
	}
	group->dev = dev;
	group->vm = vm;
	group->handle = arg.group_handle;
	group->queue_count = p.queue_count;
	*groupp = group;
	return 0;
}

int pc_group_destroy(struct pc_group *group)
{
	struct drm_panthor_group_destroy arg;
	int ret;

	if (!group)
		return 0;
	arg = (struct drm_panthor_group_destroy){
		.group_handle = group->handle,
	};
	ret = pc_ioctl(group->dev, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &arg);
	if (ret)
		pc_fail(ret, "%s: GROUP_DESTROY %u failed: %s",
			group->dev->path, group->handle, strerror(-ret));
	free(group);
	return ret;
}

int pc_group_get_state(struct pc_group *group, struct pc_group_state *state)
{
	struct drm_panthor_group_get_state arg = {
		.group_handle = group->handle,
	};
	int ret;

	ret = pc_ioctl(group->dev, DRM_IOCTL_PANTHOR_GROUP_GET_STATE, &arg);
	if (ret)
		return pc_fail(ret, "%s: GROUP_GET_STATE %u failed: %s",
			       group->dev->path, group->handle,
			       strerror(-ret));
	state->flags = arg.state;
	state->fatal_queues = arg.fatal_queues;
	return 0;
}

const char *pc_group_state_string(const struct pc_group_state *state,
				  char *buf, size_t size)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ DRM_PANTHOR_GROUP_STATE_TIMEDOUT, "timed-out" },
		{ DRM_PANTHOR_GROUP_STATE_FATAL_FAULT, "fatal-fault" },
		{ DRM_PANTHOR_GROUP_STATE_INNOCENT, "innocent" },
	};
	uint32_t unknown = state->flags;
	size_t used = 0;

	buf[0] = '\0';
	if (!state->flags) {
		snprintf(buf, size, "ok");
		return buf;
	}
	for (size_t i = 0; i < PC_ARRAY_SIZE(names); i++) {
		if (!(state->flags & names[i].bit))
			continue;
		unknown &= ~names[i].bit;
		used += snprintf(buf + used, used < size ? size - used : 0,
				 "%s%s", used ? " " : "", names[i].name);
	}
	if (unknown)
		used += snprintf(buf + used, used < size ? size - used : 0,
				 "%s0x%x", used ? " " : "", unknown);
	if (state->fatal_queues && used < size)
		snprintf(buf + used, size - used, " (queues 0x%x)",
			 state->fatal_queues);
	return buf;
}

int pc_group_submit(struct pc_group *group, const struct pc_job *jobs,
		    uint32_t count)
{
	struct drm_panthor_group_submit arg = { .group_handle = group->handle };
	struct drm_panthor_queue_submit *qs;
	struct drm_panthor_sync_op *syncs, *next;
	uint32_t latest_flush, nsyncs = 0, i;
	int ret;

	if (!count)
		return 0;
	for (i = 0; i < count; i++)
		nsyncs += jobs[i].syncs.wait_count + jobs[i].syncs.signal_count;

	qs = calloc(count, sizeof(*qs));
	syncs = calloc(nsyncs + 1, sizeof(*syncs));
	if (!qs || !syncs) {
		free(qs);
		free(syncs);
		return pc_fail(-ENOMEM, "out of memory");
	}

	latest_flush = pc_latest_flush_id(group->dev);
	next = syncs;
	for (i = 0; i < count; i++) {
		uint32_t n = pc_sync_ops_fill(next, &jobs[i].syncs);

		qs[i].queue_index = jobs[i].queue;
		qs[i].stream_size = jobs[i].stream_size;
		qs[i].stream_addr = jobs[i].stream_va;
		qs[i].latest_flush = latest_flush;
		qs[i].syncs = (struct drm_panthor_obj_array)
			      DRM_PANTHOR_OBJ_ARRAY(n, next);
		next += n;
	}
	arg.queue_submits = (struct drm_panthor_obj_array)
			    DRM_PANTHOR_OBJ_ARRAY(count, qs);

	ret = pc_ioctl(group->dev, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &arg);
	if (ret)
		pc_fail(ret, "%s: GROUP_SUBMIT of %u job%s to group %u (first: queue %u, %u bytes at 0x%llx) failed: %s",
			group->dev->path, count, count == 1 ? "" : "s",
			group->handle, jobs[0].queue, jobs[0].stream_size,
			(unsigned long long)jobs[0].stream_va, strerror(-ret));
	free(qs);
	free(syncs);
	return ret;
}

int pc_heap_create(struct pc_vm *vm, uint32_t chunk_size,
		   uint32_t initial_chunks, uint32_t max_chunks,
		   uint32_t target_in_flight, struct pc_heap **heapp)
{
	struct drm_panthor_tiler_heap_create arg = {
		.vm_id = vm->id,
		.initial_chunk_count = initial_chunks,
		.chunk_size = chunk_size,
		.max_chunks = max_chunks,
		.target_in_flight = target_in_flight,
	};
	struct pc_heap *heap;
	int ret;

	*heapp = NULL;
	heap = calloc(1, sizeof(*heap));
	if (!heap)
		return pc_fail(-ENOMEM, "out of memory");

	ret = pc_ioctl(vm->dev, DRM_IOCTL_PANTHOR_TILER_HEAP_CREATE, &arg);
	if (ret) {
		free(heap);
		return pc_fail(ret, "%s: TILER_HEAP_CREATE (%u initial chunk(s) of %u bytes, at most %u) failed: %s",
			       vm->dev->path, initial_chunks, chunk_size,
			       max_chunks, strerror(-ret));
	}
	heap->vm = vm;
	heap->handle = arg.handle;
	heap->ctx_va = arg.tiler_heap_ctx_gpu_va;
	heap->first_chunk_va = arg.first_heap_chunk_gpu_va;
	heap->chunk_size = chunk_size;
	heap->max_chunks = max_chunks;
	*heapp = heap;
	return 0;
}

int pc_heap_destroy(struct pc_heap *heap)
{
	struct drm_panthor_tiler_heap_destroy arg;
	int ret;

	if (!heap)
		return 0;
	arg = (struct drm_panthor_tiler_heap_destroy){ .handle = heap->handle };
	ret = pc_ioctl(heap->vm->dev, DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY,
		       &arg);
	if (ret)
		pc_fail(ret, "%s: TILER_HEAP_DESTROY 0x%x failed: %s",
			heap->vm->dev->path, heap->handle, strerror(-ret));
	free(heap);
	return ret;
}
