// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_vm.c - GPU address spaces: VM_CREATE/DESTROY/GET_STATE and VM_BIND,
 * synchronous and queued behind syncobjs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_internal.h"

int pc_vm_create(struct pc_device *dev, uint64_t user_va_range,
		 struct pc_vm **vmp)
{
	struct drm_panthor_vm_create arg = { .user_va_range = user_va_range };
	struct drm_panthor_vm_destroy destroy = { 0 };
	struct pc_vm *vm;
	int ret;

	*vmp = NULL;
	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return pc_fail(-ENOMEM, "out of memory");

	ret = pc_ioctl(dev, DRM_IOCTL_PANTHOR_VM_CREATE, &arg);
	if (ret) {
		free(vm);
		return pc_fail(ret, "%s: VM_CREATE (user VA range 0x%llx) failed: %s",
			       dev->path, (unsigned long long)user_va_range,
			       strerror(-ret));
	}

	vm->dev = dev;
	vm->id = arg.id;
	vm->user_va_end = arg.user_va_range;
	ret = pc_va_init(&vm->va, PC_VA_BASE, vm->user_va_end);
	if (ret) {
		destroy.id = vm->id;
		pc_ioctl(dev, DRM_IOCTL_PANTHOR_VM_DESTROY, &destroy);
		free(vm);
		return ret;
	}
	*vmp = vm;
	return 0;
}

int pc_vm_destroy(struct pc_vm *vm)
{
	struct drm_panthor_vm_destroy arg;
	int ret;

	if (!vm)
		return 0;
	arg = (struct drm_panthor_vm_destroy){ .id = vm->id };
	ret = pc_ioctl(vm->dev, DRM_IOCTL_PANTHOR_VM_DESTROY, &arg);
	if (ret)
		pc_fail(ret, "%s: VM_DESTROY %u failed: %s", vm->dev->path,
			vm->id, strerror(-ret));
	pc_va_fini(&vm->va);
	free(vm);
	return ret;
}

int pc_vm_get_state(struct pc_vm *vm, uint32_t *state)
{
	struct drm_panthor_vm_get_state arg = { .vm_id = vm->id };
	int ret;

	ret = pc_ioctl(vm->dev, DRM_IOCTL_PANTHOR_VM_GET_STATE, &arg);
	if (ret)
		return pc_fail(ret, "%s: VM_GET_STATE %u failed: %s",
			       vm->dev->path, vm->id, strerror(-ret));
	*state = arg.state;
	return 0;
}

uint32_t pc_sync_ops_fill(struct drm_panthor_sync_op *ops,
			  const struct pc_syncs *syncs)
{
	uint32_t n = 0, i;

	for (i = 0; i < syncs->wait_count; i++, n++) {
		const struct pc_sync *s = &syncs->waits[i];

		ops[n] = (struct drm_panthor_sync_op){
			.flags = DRM_PANTHOR_SYNC_OP_WAIT |
				 (s->point ?
				  DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ :
				  DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ),
			.handle = s->handle,
			.timeline_value = s->point,
		};
	}
	for (i = 0; i < syncs->signal_count; i++, n++) {
		const struct pc_sync *s = &syncs->signals[i];

		ops[n] = (struct drm_panthor_sync_op){
			.flags = DRM_PANTHOR_SYNC_OP_SIGNAL |
				 (s->point ?
				  DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ :
				  DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ),
			.handle = s->handle,
			.timeline_value = s->point,
		};
	}
	return n;
}

static const char *pc_vm_op_name(enum pc_vm_op_type type)
{
	switch (type) {
	case PC_VM_MAP:
		return "MAP";
	case PC_VM_UNMAP:
		return "UNMAP";
	case PC_VM_SYNC_ONLY:
		return "SYNC_ONLY";
	}
	return "?";
}

static uint32_t pc_vm_op_flags(const struct pc_vm_op *op)
{
	switch (op->type) {
	case PC_VM_MAP:
		return DRM_PANTHOR_VM_BIND_OP_TYPE_MAP | op->flags;
	case PC_VM_UNMAP:
		return DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP | op->flags;
	case PC_VM_SYNC_ONLY:
		return DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY | op->flags;
	}
	return op->flags;
}

/*
 * The waits go with the first operation and the signals with the last:
 * queued operations run in order, so that makes the batch one unit.
 */
static void pc_vm_attach_syncs(struct drm_panthor_vm_bind_op *ops,
			       uint32_t count, struct drm_panthor_sync_op *sync,
			       const struct pc_syncs *syncs)
{
	uint32_t stride = sizeof(*sync);

	pc_sync_ops_fill(sync, syncs);
	if (count == 1) {
		ops[0].syncs = (struct drm_panthor_obj_array){
			stride, syncs->wait_count + syncs->signal_count,
			pc_u64_ptr(sync)
		};
		return;
	}
	ops[0].syncs = (struct drm_panthor_obj_array){
		stride, syncs->wait_count, pc_u64_ptr(sync)
	};
	ops[count - 1].syncs = (struct drm_panthor_obj_array){
		stride, syncs->signal_count,
		pc_u64_ptr(sync + syncs->wait_count)
	};
}

int pc_vm_bind(struct pc_vm *vm, const struct pc_vm_op *ops, uint32_t count,
	       const struct pc_syncs *syncs, uint32_t *applied)
{
	struct drm_panthor_vm_bind arg = { .vm_id = vm->id };
	struct drm_panthor_vm_bind_op *kops;
	struct drm_panthor_sync_op *ksyncs = NULL;
	uint32_t i, failed;
	int ret;

	if (applied)
		*applied = 0;
	if (!count)
		return 0;

	kops = calloc(count, sizeof(*kops));
	if (syncs)
		ksyncs = calloc(syncs->wait_count + syncs->signal_count + 1,
				sizeof(*ksyncs));
	if (!kops || (syncs && !ksyncs)) {
		free(kops);
		free(ksyncs);
		return pc_fail(-ENOMEM, "out of memory");
	}

	for (i = 0; i < count; i++) {
		kops[i].flags = pc_vm_op_flags(&ops[i]);
		kops[i].bo_handle = ops[i].bo ? ops[i].bo->handle : 0;
		kops[i].bo_offset = ops[i].bo_offset;
		kops[i].va = ops[i].va;
		kops[i].size = ops[i].size;
	}
	if (syncs) {
		arg.flags = DRM_PANTHOR_VM_BIND_ASYNC;
		pc_vm_attach_syncs(kops, count, ksyncs, syncs);
	}
	arg.ops = (struct drm_panthor_obj_array)DRM_PANTHOR_OBJ_ARRAY(count,
								      kops);

	ret = pc_ioctl(vm->dev, DRM_IOCTL_PANTHOR_VM_BIND, &arg);
	if (!ret) {
		if (applied)
			*applied = count;
	} else {
		/* A failed synchronous bind says where it stopped. */
		failed = syncs || arg.ops.count >= count ? 0 : arg.ops.count;
		if (applied)
			*applied = syncs ? 0 : failed;
		pc_fail(ret, "%s: VM_BIND%s %s of 0x%llx bytes at 0x%llx (op %u of %u) failed: %s",
			vm->dev->path, syncs ? " (async)" : "",
			pc_vm_op_name(ops[failed].type),
			(unsigned long long)ops[failed].size,
			(unsigned long long)ops[failed].va, failed, count,
			strerror(-ret));
	}
	free(kops);
	free(ksyncs);
	return ret;
}

int pc_vm_map(struct pc_vm *vm, struct pc_bo *bo, uint64_t bo_offset,
	      uint64_t va, uint64_t size, uint32_t flags)
{
	struct pc_vm_op op = {
		.type = PC_VM_MAP,
		.bo = bo,
		.bo_offset = bo_offset,
		.va = va,
		.size = size,
		.flags = flags,
	};

	return pc_vm_bind(vm, &op, 1, NULL, NULL);
}

int pc_vm_unmap(struct pc_vm *vm, uint64_t va, uint64_t size)
{
	struct pc_vm_op op = { .type = PC_VM_UNMAP, .va = va, .size = size };

	return pc_vm_bind(vm, &op, 1, NULL, NULL);
}
