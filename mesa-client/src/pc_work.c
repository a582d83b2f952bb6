// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_work.c - scaffolding for the GPU work of "run" and "bench": a VM, a
 * BO holding the command streams, our stream prologue and epilogue, and
 * waits that say what happened to the group when they fail.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pc_cmd.h"

/* GROUP_SUBMIT wants 64-byte aligned streams. */
#define PC_STREAM_ALIGN	64u

int pc_work_init(struct pc_work *w, struct pc_device *dev,
		 uint32_t arena_size)
{
	int ret;

	memset(w, 0, sizeof(*w));
	w->dev = dev;
	ret = pc_device_caps(dev);
	if (ret)
		return ret;
	pc_cs_config_from_csif(&w->cs, &dev->csif);

	ret = pc_vm_create(dev, 0, &w->vm);
	if (ret)
		return ret;
	ret = pc_bo_new(dev, w->vm, arena_size, "panthor-client streams",
			&w->arena);
	if (ret) {
		pc_vm_destroy(w->vm);
		w->vm = NULL;
	}
	return ret;
}

void pc_work_fini(struct pc_work *w)
{
	pc_bo_destroy(w->arena);
	pc_vm_destroy(w->vm);
	memset(w, 0, sizeof(*w));
}

void pc_work_begin(struct pc_work *w, struct pc_cs_builder *b)
{
	pc_cs_init(b, &w->cs);
	pc_cs_set_sb_entry(b, PC_SB_ENDPOINT, PC_SB_LS);
}

static uint16_t pc_work_sb_all(const struct pc_work *w)
{
	return (uint16_t)((1u << w->cs.sb_count) - 1);
}

int pc_work_put(struct pc_work *w, struct pc_cs_builder *b, uint32_t queue,
		struct pc_job *job)
{
	uint32_t offset = w->arena_used, size;
	int ret;

	ret = pc_cs_end(b);
	size = pc_cs_size(b);
	if (!ret && size > w->arena->size - offset)
		ret = pc_fail(-ENOSPC, "%u bytes of command stream do not fit in the %llu left",
			      size,
			      (unsigned long long)(w->arena->size - offset));
	if (!ret) {
		memcpy((char *)w->arena->map + offset, b->words, size);
		w->arena_used = (offset + size + PC_STREAM_ALIGN - 1) &
				~(PC_STREAM_ALIGN - 1);
		memset(job, 0, sizeof(*job));
		job->queue = queue;
		job->stream_va = w->arena->va + offset;
		job->stream_size = size;
	}
	pc_cs_fini(b);
	return ret;
}

int pc_work_finish(struct pc_work *w, struct pc_cs_builder *b,
		   uint32_t queue, struct pc_job *job)
{
	/* Everything done, then written back for the CPU to read. */
	pc_cs_wait(b, pc_work_sb_all(w), false);
	pc_cs_move32(b, PC_R_FLUSH_ID, 0);
	pc_cs_flush_cache2(b, PC_CS_FLUSH_CLEAN, PC_CS_FLUSH_CLEAN,
			   PC_CS_FLUSH_OTHER_NONE, PC_R_FLUSH_ID, 0,
			   PC_SB_FLUSH);
	pc_cs_wait(b, 1u << PC_SB_FLUSH, false);
	return pc_work_put(w, b, queue, job);
}

int pc_work_check_group(struct pc_group *group)
{
	struct pc_group_state state;
	char text[96];
	int ret;

	ret = pc_group_get_state(group, &state);
	if (ret)
		return ret;
	if (!state.flags)
		return 0;
	return pc_fail(-EIO, "group %u is %s", group->handle,
		       pc_group_state_string(&state, text, sizeof(text)));
}

int pc_work_wait(struct pc_group *group, uint32_t syncobj, uint64_t point)
{
	char why[512];
	int ret;

	if (point)
		ret = pc_syncobj_timeline_wait(group->dev, &syncobj, &point, 1,
					       true, -1);
	else
		ret = pc_syncobj_wait(group->dev, &syncobj, 1, true, -1);
	if (!ret)
		return pc_work_check_group(group);

	/* Say what became of the group, keeping the wait's own message. */
	snprintf(why, sizeof(why), "%s", pc_last_error());
	if (pc_work_check_group(group))
		return pc_fail(ret, "%s; %s", why, pc_last_error());
	return pc_fail(ret, "%s (group %u reports no fault)", why,
		       group->handle);
}

int pc_work_run(struct pc_work *w, struct pc_cs_builder *b)
{
	struct pc_group *group = NULL;
	struct pc_sync done = { 0 };
	struct pc_job job;
	int ret;

	ret = pc_work_finish(w, b, 0, &job);
	if (!ret)
		ret = pc_group_create(w->dev, w->vm, NULL, &group);
	if (!ret)
		ret = pc_syncobj_create(w->dev, false, &done.handle);
	if (!ret) {
		job.syncs.signals = &done;
		job.syncs.signal_count = 1;
		ret = pc_group_submit(group, &job, 1);
	}
	if (!ret)
		ret = pc_work_wait(group, done.handle, 0);
	pc_syncobj_destroy(w->dev, done.handle);
	pc_group_destroy(group);
	return ret;
}
