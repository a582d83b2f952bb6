// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_vm - GPU address spaces: VM_CREATE, VM_DESTROY, VM_GET_STATE and
 * VM_BIND, synchronous (map, unmap, partial unmaps of 2 MiB-aligned ranges)
 * and asynchronous (the bind queue and its syncobjs).
 *
 * The rules checked here are those of /work/shared/docs/uapi-abi.md §4.2, §4.9
 * to §4.13, §5.3, §5.4, §6 item 2, §7.2 to §7.5, §7.9 item 4 and §9.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/sync_file.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Create and destroy GPU address spaces and bind buffers in them.");

#define SZ_4K		0x1000ull
#define SZ_2M		0x200000ull
#define SZ_256M		0x10000000ull
#define SZ_4G		0x100000000ull
#define MAX_VMS		32

#define OP_MAP		DRM_PANTHOR_VM_BIND_OP_TYPE_MAP
#define OP_UNMAP	DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP
#define OP_SYNC_ONLY	DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY

static unsigned int gpu_va_bits(int fd)
{
	struct drm_panthor_gpu_info info = {};

	igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &info, sizeof(info), 0);
	return info.mmu_features & 0xff;
}

static uint64_t rounddown_pow2(uint64_t v)
{
	return 1ull << (63 - __builtin_clzll(v));
}

/* What VM_CREATE must write back for a non-zero request (uapi-abi.md §7.2). */
static uint64_t expected_user_end(unsigned int va_bits, uint64_t requested)
{
	uint64_t full = 1ull << va_bits;

	return full - rounddown_pow2(full - requested);
}

static int vm_create_err(int fd, uint32_t flags, uint64_t *range, uint32_t *id)
{
	struct drm_panthor_vm_create args = { .flags = flags, .user_va_range = *range };

	if (igt_ioctl(fd, DRM_IOCTL_PANTHOR_VM_CREATE, &args))
		return errno;

	*range = args.user_va_range;
	*id = args.id;
	return 0;
}

static uint32_t vm_create(int fd, uint64_t *range)
{
	uint64_t r = range ? *range : 0;
	uint32_t id = 0;

	igt_assert_eq(vm_create_err(fd, 0, &r, &id), 0);
	igt_assert(id >= 1 && id <= MAX_VMS);
	if (range)
		*range = r;
	return id;
}

static int vm_destroy_err(int fd, uint32_t id)
{
	struct drm_panthor_vm_destroy args = { .id = id };

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_VM_DESTROY, &args) ? errno : 0;
}

static int vm_state(int fd, uint32_t id, uint32_t *state)
{
	struct drm_panthor_vm_get_state args = { .vm_id = id, .state = 0xdead };

	if (igt_ioctl(fd, DRM_IOCTL_PANTHOR_VM_GET_STATE, &args))
		return errno;

	*state = args.state;
	return 0;
}

static uint32_t bo_create(int fd, uint64_t size, uint32_t vm_id)
{
	struct drm_panthor_bo_create args = { .size = size, .exclusive_vm_id = vm_id };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &args);
	return args.handle;
}

static void gem_close(int fd, uint32_t handle)
{
	struct drm_gem_close args = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

static uint32_t *bo_map(int fd, uint32_t handle, uint64_t size)
{
	struct drm_panthor_bo_mmap_offset args = { .handle = handle };
	void *p;

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, args.offset);
	igt_assert(p != MAP_FAILED);
	return p;
}

/* VM_BIND of an array; returns the errno and the count written back. */
static int vm_bind_array(int fd, uint32_t vm_id, uint32_t flags, const void *ops,
			 uint32_t count, uint32_t stride, uint32_t *count_out)
{
	struct drm_panthor_vm_bind args = {
		.vm_id = vm_id,
		.flags = flags,
		.ops = { .stride = stride, .count = count, .array = (uintptr_t)ops },
	};
	int err = igt_ioctl(fd, DRM_IOCTL_PANTHOR_VM_BIND, &args) ? errno : 0;

	if (count_out)
		*count_out = args.ops.count;
	return err;
}

static int vm_bind_op(int fd, uint32_t vm_id, uint32_t flags, uint32_t handle,
		      uint64_t offset, uint64_t va, uint64_t size)
{
	struct drm_panthor_vm_bind_op op = {
		.flags = flags, .bo_handle = handle, .bo_offset = offset,
		.va = va, .size = size,
	};

	return vm_bind_array(fd, vm_id, 0, &op, 1, sizeof(op), NULL);
}

static void vm_map(int fd, uint32_t vm_id, uint32_t handle, uint64_t offset, uint64_t va,
		   uint64_t size, uint32_t flags)
{
	igt_assert_eq(vm_bind_op(fd, vm_id, OP_MAP | flags, handle, offset, va, size), 0);
}

static void vm_unmap(int fd, uint32_t vm_id, uint64_t va, uint64_t size)
{
	igt_assert_eq(vm_bind_op(fd, vm_id, OP_UNMAP, 0, 0, va, size), 0);
}

static void fill(uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		p[i] = seed + (uint32_t)i;
}

static void check_fill(const uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == seed + (uint32_t)i, "word %" PRIu64 " is 0x%08x\n", i, p[i]);
}

/* ---- Syncobjs ---- */

#define WAIT_TIMEOUT_NS	(5ll * 1000 * 1000 * 1000)

static uint32_t syncobj_create(int fd, uint32_t flags)
{
	struct drm_syncobj_create args = { .flags = flags };

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_CREATE, &args);
	return args.handle;
}

static void syncobj_destroy(int fd, uint32_t handle)
{
	struct drm_syncobj_destroy args = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_DESTROY, &args);
}

static int64_t abs_timeout(int64_t rel_ns)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec + rel_ns;
}

/* Wait for a timeline point (0 for a binary syncobj); returns the errno. */
static int syncobj_wait(int fd, uint32_t handle, uint64_t point, int64_t rel_ns)
{
	struct drm_syncobj_timeline_wait args = {
		.handles = (uintptr_t)&handle,
		.points = (uintptr_t)&point,
		.count_handles = 1,
		.timeout_nsec = abs_timeout(rel_ns),
	};

	return igt_ioctl(fd, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &args) ? errno : 0;
}

static void syncobj_signal_point(int fd, uint32_t handle, uint64_t point)
{
	struct drm_syncobj_timeline_array args = {
		.handles = (uintptr_t)&handle,
		.points = (uintptr_t)&point,
		.count_handles = 1,
	};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_TIMELINE_SIGNAL, &args);
}

static uint64_t syncobj_last_point(int fd, uint32_t handle)
{
	uint64_t point = 0;
	struct drm_syncobj_timeline_array args = {
		.handles = (uintptr_t)&handle,
		.points = (uintptr_t)&point,
		.count_handles = 1,
	};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_QUERY, &args);
	return point;
}

#define SYNC_WAIT(h, pt) { .flags = DRM_PANTHOR_SYNC_OP_WAIT | \
			   ((pt) ? DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ : \
				   DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ), \
			   .handle = (h), .timeline_value = (pt) }
#define SYNC_SIGNAL(h, pt) { .flags = DRM_PANTHOR_SYNC_OP_SIGNAL | \
			     ((pt) ? DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ : \
				     DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ), \
			     .handle = (h), .timeline_value = (pt) }

static void op_set_syncs(struct drm_panthor_vm_bind_op *op, struct drm_panthor_sync_op *syncs,
			 uint32_t count)
{
	op->syncs.stride = sizeof(*syncs);
	op->syncs.count = count;
	op->syncs.array = (uintptr_t)syncs;
}

static int vm_bind_async(int fd, uint32_t vm_id, const struct drm_panthor_vm_bind_op *ops,
			 uint32_t count)
{
	return vm_bind_array(fd, vm_id, DRM_PANTHOR_VM_BIND_ASYNC, ops, count, sizeof(*ops),
			     NULL);
}

/* ---- GPU accesses: tiny command streams (cs-isa.md §2) ---- */

#define CODE_VA		(64 * SZ_2M)
#define CODE_SIZE	(16 * SZ_4K)
#define JOB_TIMEOUT_NS	(10ll * 1000 * 1000 * 1000)

#define OPC_MOVE48	1
#define OPC_MOVE32	2
#define OPC_WAIT	3
#define OPC_STORE	21
#define OPC_FLUSH	36

#define REG_ADDR	0	/* r0:r1 */
#define REG_VALUE	2
#define REG_FLUSH_ID	3

static uint64_t cs_insn(uint64_t opcode, uint64_t fields)
{
	return opcode << 56 | fields;
}

/*
 * A group of one queue in a VM, the buffer its streams live in, and what a
 * stream needs to know about the GPU.
 */
struct gpu {
	int fd;
	uint32_t vm_id;
	uint32_t group;
	uint32_t code_bo;
	uint64_t *code;
	uint32_t wait_all;
};

static unsigned int popcount(uint64_t v)
{
	return __builtin_popcountll(v);
}

static void gpu_init(struct gpu *g, int fd, uint32_t vm_id)
{
	struct drm_panthor_gpu_info info = {};
	struct drm_panthor_csif_info csif = {};
	struct drm_panthor_queue_create queue = { .priority = 1, .ringbuf_size = 0x10000 };
	struct drm_panthor_group_create args = {
		.queues = DRM_PANTHOR_OBJ_ARRAY(1, &queue),
		.priority = PANTHOR_GROUP_PRIORITY_MEDIUM,
		.vm_id = vm_id,
	};

	igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &info, sizeof(info), 0);
	igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif, sizeof(csif), 0);
	args.max_compute_cores = popcount(info.shader_present);
	args.max_fragment_cores = popcount(info.shader_present);
	args.max_tiler_cores = popcount(info.tiler_present);
	args.compute_core_mask = info.shader_present;
	args.fragment_core_mask = info.shader_present;
	args.tiler_core_mask = info.tiler_present;

	g->fd = fd;
	g->vm_id = vm_id;
	g->wait_all = (1u << csif.scoreboard_slot_count) - 1;
	g->code_bo = bo_create(fd, CODE_SIZE, 0);
	g->code = (uint64_t *)bo_map(fd, g->code_bo, CODE_SIZE);
	vm_map(fd, vm_id, g->code_bo, 0, CODE_VA, CODE_SIZE,
	       DRM_PANTHOR_VM_BIND_OP_MAP_READONLY);

	igt_require_f(igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_CREATE, &args) == 0,
		      "cannot create a group: %s\n", strerror(errno));
	g->group = args.group_handle;
}

static void gpu_fini(struct gpu *g)
{
	struct drm_panthor_group_destroy args = { .group_handle = g->group };

	do_ioctl(g->fd, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &args);
	munmap(g->code, CODE_SIZE);
	gem_close(g->fd, g->code_bo);
}

/* Status of a sync file's fence: 1 signalled, 0 pending, < 0 error. */
static int sync_file_status(int sync_file)
{
	struct sync_file_info info = {};

	do_ioctl(sync_file, SYNC_IOC_FILE_INFO, &info);
	return info.status;
}

/*
 * Run a stream that stores values[i] at addrs[i], one after the other,
 * then cleans the GPU caches; wait for it.
 *
 * Return: the job's fence status: 1 done, negative error if it failed.
 */
static int gpu_store(struct gpu *g, const uint64_t *addrs, const uint32_t *values,
		     unsigned int count)
{
	uint32_t done = syncobj_create(g->fd, 0);
	struct drm_panthor_sync_op sig = SYNC_SIGNAL(done, 0);
	struct drm_panthor_queue_submit qs = {
		.syncs = DRM_PANTHOR_OBJ_ARRAY(1, &sig),
	};
	struct drm_panthor_group_submit submit = {
		.group_handle = g->group,
		.queue_submits = DRM_PANTHOR_OBJ_ARRAY(1, &qs),
	};
	unsigned int n = 0, i;
	struct drm_syncobj_handle export = { .handle = done, .fd = -1 };
	int status, sync_file;

	for (i = 0; i < count; i++) {
		igt_assert_lt(n + 4, CODE_SIZE / 8 - 8);
		g->code[n++] = cs_insn(OPC_MOVE48, (uint64_t)REG_ADDR << 48 | addrs[i]);
		g->code[n++] = cs_insn(OPC_MOVE32, (uint64_t)REG_VALUE << 48 | values[i]);
		/* STORE_MULTIPLE r2 (mask 1) at r0:r1 + 0. */
		g->code[n++] = cs_insn(OPC_STORE, (uint64_t)REG_VALUE << 48 |
				       (uint64_t)REG_ADDR << 40 | 1u << 16);
		g->code[n++] = cs_insn(OPC_WAIT, (uint64_t)g->wait_all << 16);
	}
	/* Clean and invalidate L2 and LSC, invalidate the rest; wait for it. */
	g->code[n++] = cs_insn(OPC_MOVE32, (uint64_t)REG_FLUSH_ID << 48);
	g->code[n++] = cs_insn(OPC_FLUSH, (uint64_t)REG_FLUSH_ID << 40 | 0x233);
	g->code[n++] = cs_insn(OPC_WAIT, (uint64_t)g->wait_all << 16);

	qs.stream_addr = CODE_VA;
	qs.stream_size = n * 8;
	do_ioctl(g->fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &submit);
	igt_assert_eq(syncobj_wait(g->fd, done, 0, JOB_TIMEOUT_NS), 0);

	/* The fence's status says whether the job completed or failed. */
	export.flags = DRM_SYNCOBJ_HANDLE_TO_FD_FLAGS_EXPORT_SYNC_FILE;
	do_ioctl(g->fd, DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD, &export);
	sync_file = export.fd;
	status = sync_file_status(sync_file);
	close(sync_file);
	syncobj_destroy(g->fd, done);
	return status;
}

static uint32_t vm_get_state(int fd, uint32_t id)
{
	uint32_t state = 0xdead;

	igt_assert_eq(vm_state(fd, id, &state), 0);
	return state;
}

/* Every partial unmap of a 2 MiB-aligned 4 MiB mapping the tests try. */
static const struct {
	const char *name;
	uint64_t offset;
	uint64_t size;
} partial_unmaps[] = {
	{ "first-page", 0, SZ_4K },
	{ "last-page", 2 * SZ_2M - SZ_4K, SZ_4K },
	{ "middle-page", SZ_2M / 2, SZ_4K },
	{ "across-2m-boundary", SZ_2M - SZ_4K, 2 * SZ_4K },
	{ "first-2m", 0, SZ_2M },
	{ "last-2m", SZ_2M, SZ_2M },
	{ "all-but-first-page", SZ_4K, 2 * SZ_2M - SZ_4K },
	{ "all-but-last-page", 0, 2 * SZ_2M - SZ_4K },
};

/* The driver's uAPI minor version (uapi-abi.md §1). */
static int drm_minor(int fd)
{
	struct drm_version version = {};

	do_ioctl(fd, DRM_IOCTL_VERSION, &version);
	return version.version_minor;
}

int igt_main()
{
	unsigned int va_bits = 0;
	int fd = -1;

	igt_fixture() {
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		va_bits = gpu_va_bits(fd);
		igt_require(va_bits >= 32 && va_bits <= 48);
	}

	igt_describe("A VM is created with an id in 1..32 and destroyed once.");
	igt_subtest("vm-create-destroy") {
		uint32_t id = vm_create(fd, NULL), state;

		igt_assert_eq(vm_state(fd, id, &state), 0);
		igt_assert_eq_u32(state, DRM_PANTHOR_VM_STATE_USABLE);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
		igt_assert_eq(vm_destroy_err(fd, id), EINVAL);
		igt_assert_eq(vm_state(fd, id, &state), EINVAL);
	}

	igt_describe("VM_CREATE writes back the end of the user range: the request "
		     "rounded up so that the kernel range above is a power of two "
		     "of at least 256 MiB.");
	igt_subtest("vm-create-user-va-range") {
		uint64_t full = 1ull << va_bits;
		const uint64_t requests[] = {
			SZ_4G, 3 * (SZ_4G / 4), full / 2, full / 2 + SZ_4K,
			full - SZ_256M, full - 2 * SZ_256M + SZ_4K, SZ_4K,
		};

		for (unsigned int i = 0; i < ARRAY_SIZE(requests); i++) {
			uint64_t range = requests[i];
			uint32_t id;

			igt_assert_eq(vm_create_err(fd, 0, &range, &id), 0);
			igt_assert_eq_u64(range, expected_user_end(va_bits, requests[i]));
			igt_assert_eq(vm_destroy_err(fd, id), 0);
		}
	}

	igt_describe("The default user range leaves a power-of-two kernel range of "
		     "at least 256 MiB at the top of the VA space.");
	igt_subtest("vm-create-default-range") {
		uint64_t full = 1ull << va_bits, range = 0, kernel;
		uint32_t id = vm_create(fd, &range);

		kernel = full - range;
		igt_assert_gte_u64(kernel, SZ_256M);
		igt_assert_eq_u64(kernel & (kernel - 1), 0);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Flags and user ranges leaving less than 256 MiB to the kernel "
		     "are refused with EINVAL.");
	igt_subtest("vm-create-invalid") {
		uint64_t full = 1ull << va_bits, range;
		uint32_t id;

		range = 0;
		igt_assert_eq(vm_create_err(fd, 1, &range, &id), EINVAL);
		range = full - SZ_256M + SZ_4K;
		igt_assert_eq(vm_create_err(fd, 0, &range, &id), EINVAL);
		range = full;
		igt_assert_eq(vm_create_err(fd, 0, &range, &id), EINVAL);
		range = UINT64_MAX;
		igt_assert_eq(vm_create_err(fd, 0, &range, &id), EINVAL);
	}

	igt_describe("A file has at most 32 VMs, with distinct ids; the 33rd gives "
		     "EBUSY, and destroying one makes room again.");
	igt_subtest("vm-create-max") {
		uint32_t ids[MAX_VMS], id, seen = 0;
		uint64_t range = 0;
		int other = drm_reopen_driver(fd);

		for (unsigned int i = 0; i < MAX_VMS; i++) {
			ids[i] = vm_create(other, NULL);
			igt_assert_f(!(seen & (1u << (ids[i] - 1))), "id %u given twice\n", ids[i]);
			seen |= 1u << (ids[i] - 1);
		}
		igt_assert_eq(vm_create_err(other, 0, &range, &id), EBUSY);

		igt_assert_eq(vm_destroy_err(other, ids[7]), 0);
		id = vm_create(other, NULL);
		igt_assert_eq(vm_create_err(other, 0, &range, &ids[7]), EBUSY);
		igt_assert_eq(vm_destroy_err(other, id), 0);
		drm_close_driver(other);
	}

	igt_describe("Unknown ids and a non-zero pad are refused with EINVAL.");
	igt_subtest("vm-destroy-invalid") {
		struct drm_panthor_vm_destroy args = { .id = vm_create(fd, NULL), .pad = 1 };

		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_VM_DESTROY, &args, EINVAL);
		igt_assert_eq(vm_destroy_err(fd, 0xdeadbeef), EINVAL);
		igt_assert_eq(vm_destroy_err(fd, 0), EINVAL);
		igt_assert_eq(vm_destroy_err(fd, MAX_VMS + 1), EINVAL);
		igt_assert_eq(vm_destroy_err(fd, args.id), 0);
	}

	igt_describe("VM ids are per file: another file does not see them.");
	igt_subtest("vm-per-file") {
		int other = drm_reopen_driver(fd);
		uint32_t id = vm_create(fd, NULL), state;

		igt_assert_eq(vm_state(other, id, &state), EINVAL);
		igt_assert_eq(vm_destroy_err(other, id), EINVAL);
		igt_assert_eq(vm_state(fd, id, &state), 0);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
		drm_close_driver(other);
	}

	igt_describe("VM_GET_STATE on an unknown VM gives EINVAL.");
	igt_subtest("vm-get-state-invalid") {
		uint32_t state;

		igt_assert_eq(vm_state(fd, 0, &state), EINVAL);
		igt_assert_eq(vm_state(fd, 0xdeadbeef, &state), EINVAL);
	}

	igt_describe("Maps and unmaps with every combination of READONLY, NOEXEC and "
		     "UNCACHED; the VM stays usable and the BO keeps its data.");
	igt_subtest("vm-bind-map-unmap-flags") {
		uint64_t range = SZ_4G, size = 16 * SZ_4K;
		uint32_t id = vm_create(fd, &range), state;
		uint32_t bo = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, bo, size);

		fill(p, size, 0x100);
		for (uint32_t flags = 0; flags < 8; flags++) {
			uint64_t va = SZ_2M + flags * size;

			vm_map(fd, id, bo, 0, va, size, flags);
			vm_unmap(fd, id, va, size);
			/* Nothing mapped there any more: unmapping again succeeds. */
			vm_unmap(fd, id, va, size);
		}
		igt_assert_eq(vm_state(fd, id, &state), 0);
		igt_assert_eq_u32(state, DRM_PANTHOR_VM_STATE_USABLE);
		check_fill(p, size, 0x100);

		munmap(p, size);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A BO range is mapped from an offset, several times, and next to "
		     "itself; mapping over a mapping replaces it.");
	igt_subtest("vm-bind-map-offsets-and-overlaps") {
		uint64_t range = SZ_4G, size = 64 * SZ_4K;
		uint32_t id = vm_create(fd, &range);
		uint32_t bo = bo_create(fd, size, 0);

		vm_map(fd, id, bo, 0, SZ_2M, size, 0);
		vm_map(fd, id, bo, 0, SZ_2M + size, size, 0);
		vm_map(fd, id, bo, 8 * SZ_4K, 2 * SZ_2M, 16 * SZ_4K, 0);
		/* Over the middle of the first and the start of the second. */
		vm_map(fd, id, bo, 0, SZ_2M + size / 2, size, 0);
		/* Exactly over an existing mapping, with other flags. */
		vm_map(fd, id, bo, 0, SZ_2M + size, size, DRM_PANTHOR_VM_BIND_OP_MAP_READONLY);
		vm_unmap(fd, id, 0, range);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Misaligned, out-of-range, overflowing, out-of-BO and malformed "
		     "operations give EINVAL.");
	igt_subtest("vm-bind-invalid") {
		uint64_t range = SZ_4G, size = 16 * SZ_4K;
		uint32_t id = vm_create(fd, &range);
		uint32_t bo = bo_create(fd, size, 0);

		igt_assert_eq(vm_bind_op(fd, 0xdeadbeef, OP_MAP, bo, 0, 0, size), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, SZ_2M + 0x800, size), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, SZ_2M, size - 0x800), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0x10, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, range - SZ_4K, 2 * SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, range, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, 1ull << va_bits, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, UINT64_MAX - 4095, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, SZ_2M, size + SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, SZ_4K, SZ_2M, size), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, size, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, UINT64_MAX - 4095, SZ_2M, SZ_4K),
			      EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, 0xdeadbeef, 0, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, 0, 0, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_MAP | (1u << 4), bo, 0, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_UNMAP | DRM_PANTHOR_VM_BIND_OP_MAP_READONLY,
					 0, 0, SZ_2M, SZ_4K), EINVAL);
		/* IGT's vm_unbind_invalid_address: a real handle with UNMAP. */
		igt_assert_eq(vm_bind_op(fd, id, OP_UNMAP, bo, 0, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_UNMAP, 0, SZ_4K, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, OP_UNMAP, 0, 0, range, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, 3u << 28, 0, 0, SZ_2M, SZ_4K), EINVAL);
		igt_assert_eq(vm_bind_op(fd, id, 15u << 28, 0, 0, SZ_2M, SZ_4K), EINVAL);

		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Synchronous operations may not carry sync ops, so SYNC_ONLY "
		     "fails; a size of 0 is skipped whatever else the op says.");
	igt_subtest("vm-bind-sync-rules") {
		struct drm_panthor_sync_op sync = {};
		struct drm_panthor_vm_bind_op op = {
			.flags = OP_MAP, .va = SZ_2M, .size = SZ_4K,
			.syncs = { .stride = sizeof(sync), .count = 1, .array = (uintptr_t)&sync },
		};
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, SZ_4K, 0);

		op.bo_handle = bo;
		igt_assert_eq(vm_bind_array(fd, id, 0, &op, 1, sizeof(op), NULL), EINVAL);
		op.flags = OP_SYNC_ONLY;
		op.bo_handle = 0;
		op.va = 0;
		op.size = 0;
		igt_assert_eq(vm_bind_array(fd, id, 0, &op, 1, sizeof(op), NULL), EINVAL);

		/* Garbage everywhere but size == 0 and no syncs: a no-op. */
		memset(&op, 0xff, sizeof(op));
		op.size = 0;
		op.syncs.count = 0;
		igt_assert_eq(vm_bind_array(fd, id, 0, &op, 1, sizeof(op), NULL), 0);

		/* An empty array does nothing and succeeds. */
		igt_assert_eq(vm_bind_array(fd, id, 0, NULL, 0, 0, NULL), 0);

		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("On a failing op, ops.count is written back as the index of the "
		     "failing op; the ops before it were applied.");
	igt_subtest("vm-bind-partial-failure") {
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, 4 * SZ_4K, 0), count;
		struct drm_panthor_vm_bind_op ops[3] = {
			{ .flags = OP_MAP, .va = SZ_2M, .size = 4 * SZ_4K },
			{ .flags = OP_MAP, .va = 2 * SZ_2M, .size = 4 * SZ_4K },
			{ .flags = OP_MAP, .va = 3 * SZ_2M + 1, .size = 4 * SZ_4K },
		};

		for (unsigned int i = 0; i < 3; i++)
			ops[i].bo_handle = bo;

		igt_assert_eq(vm_bind_array(fd, id, 0, ops, 3, sizeof(ops[0]), &count), EINVAL);
		igt_assert_eq_u32(count, 2);

		/* A bad op first: nothing is applied and the count is 0. */
		ops[0].va = 1;
		igt_assert_eq(vm_bind_array(fd, id, 0, ops, 3, sizeof(ops[0]), &count), EINVAL);
		igt_assert_eq_u32(count, 0);

		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("The op array follows the versioned-object rules: a stride below "
		     "48 gives EINVAL, a longer stride needs a zero tail (else E2BIG).");
	igt_subtest("vm-bind-op-stride") {
		struct {
			struct drm_panthor_vm_bind_op op;
			uint64_t tail;
		} big = { .op = { .flags = OP_UNMAP, .va = SZ_2M, .size = SZ_4K } };
		uint32_t id = vm_create(fd, NULL);

		igt_assert_eq(vm_bind_array(fd, id, 0, &big.op, 1, 40, NULL), EINVAL);
		igt_assert_eq(vm_bind_array(fd, id, 0, &big, 1, sizeof(big), NULL), 0);
		big.tail = 1;
		igt_assert_eq(vm_bind_array(fd, id, 0, &big, 1, sizeof(big), NULL), E2BIG);
		igt_assert_eq(vm_bind_array(fd, id, 0, (void *)8, 1, sizeof(big.op), NULL), EFAULT);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A BO private to a VM maps in that VM only.");
	igt_subtest("vm-bind-exclusive-bo") {
		uint32_t a = vm_create(fd, NULL), b = vm_create(fd, NULL);
		uint32_t bo = bo_create(fd, 4 * SZ_4K, a);

		igt_assert_eq(vm_bind_op(fd, b, OP_MAP, bo, 0, SZ_2M, 4 * SZ_4K), EINVAL);
		vm_map(fd, a, bo, 0, SZ_2M, 4 * SZ_4K, 0);
		vm_unmap(fd, a, SZ_2M, 4 * SZ_4K);

		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, b), 0);
		igt_assert_eq(vm_destroy_err(fd, a), 0);
	}

	igt_describe("Asynchronous maps and unmaps signal binary syncobjs and timeline "
		     "points once they ran.");
	igt_subtest("vm-bind-async-signal") {
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, 16 * SZ_4K, 0);
		uint32_t bin = syncobj_create(fd, 0), tl = syncobj_create(fd, 0);
		struct drm_panthor_sync_op sig_bin[] = { SYNC_SIGNAL(bin, 0) };
		struct drm_panthor_sync_op sig_tl[] = { SYNC_SIGNAL(tl, 5) };
		struct drm_panthor_vm_bind_op map = {
			.flags = OP_MAP, .bo_handle = bo, .va = SZ_2M, .size = 16 * SZ_4K,
		};
		struct drm_panthor_vm_bind_op unmap = {
			.flags = OP_UNMAP, .va = SZ_2M, .size = 16 * SZ_4K,
		};

		op_set_syncs(&map, sig_bin, 1);
		op_set_syncs(&unmap, sig_tl, 1);
		igt_assert_eq(vm_bind_async(fd, id, &map, 1), 0);
		igt_assert_eq(syncobj_wait(fd, bin, 0, WAIT_TIMEOUT_NS), 0);
		igt_assert_eq(vm_bind_async(fd, id, &unmap, 1), 0);
		igt_assert_eq(syncobj_wait(fd, tl, 5, WAIT_TIMEOUT_NS), 0);
		igt_assert_eq_u64(syncobj_last_point(fd, tl), 5);

		syncobj_destroy(fd, bin);
		syncobj_destroy(fd, tl);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Asynchronous operations wait for the points they are given, and "
		     "SYNC_ONLY operations only pass the signal on.");
	igt_subtest("vm-bind-async-wait-and-sync-only") {
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, 4 * SZ_4K, 0);
		uint32_t tl = syncobj_create(fd, 0), done = syncobj_create(fd, 0);
		struct drm_panthor_sync_op map_syncs[] = { SYNC_WAIT(tl, 1), SYNC_SIGNAL(tl, 2) };
		struct drm_panthor_sync_op only_syncs[] = { SYNC_WAIT(tl, 2), SYNC_SIGNAL(done, 0) };
		struct drm_panthor_vm_bind_op ops[2] = {
			{ .flags = OP_MAP, .bo_handle = bo, .va = SZ_2M, .size = 4 * SZ_4K },
			{ .flags = OP_SYNC_ONLY },
		};

		syncobj_signal_point(fd, tl, 1);
		op_set_syncs(&ops[0], map_syncs, 2);
		op_set_syncs(&ops[1], only_syncs, 2);
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), 0);
		igt_assert_eq(syncobj_wait(fd, done, 0, WAIT_TIMEOUT_NS), 0);
		igt_assert_eq_u64(syncobj_last_point(fd, tl), 2);

		syncobj_destroy(fd, tl);
		syncobj_destroy(fd, done);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("In one ioctl, a wait on what an earlier operation signals refers "
		     "to that operation, even if the syncobj had no fence before.");
	igt_subtest("vm-bind-async-wait-on-earlier-signal") {
		uint32_t id = vm_create(fd, NULL);
		uint32_t s = syncobj_create(fd, 0), t = syncobj_create(fd, 0);
		struct drm_panthor_sync_op first[] = { SYNC_SIGNAL(s, 0) };
		struct drm_panthor_sync_op second[] = { SYNC_WAIT(s, 0), SYNC_SIGNAL(t, 0) };
		struct drm_panthor_vm_bind_op ops[2] = {
			{ .flags = OP_SYNC_ONLY }, { .flags = OP_SYNC_ONLY },
		};

		op_set_syncs(&ops[0], first, 1);
		op_set_syncs(&ops[1], second, 2);
		/* The same wait alone has no fence to wait for. */
		igt_assert_eq(vm_bind_async(fd, id, &ops[1], 1), EINVAL);
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), 0);
		igt_assert_eq(syncobj_wait(fd, t, 0, WAIT_TIMEOUT_NS), 0);
		igt_assert_eq(syncobj_wait(fd, s, 0, WAIT_TIMEOUT_NS), 0);

		syncobj_destroy(fd, s);
		syncobj_destroy(fd, t);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("An unknown syncobj to signal fails the whole asynchronous "
		     "VM_BIND with EINVAL and queues nothing.");
	igt_subtest("vm-bind-async-unknown-signal-syncobj") {
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, 4 * SZ_4K, 0);
		uint32_t s = syncobj_create(fd, 0);
		struct drm_panthor_sync_op sigs[] = {
			SYNC_SIGNAL(s, 0), SYNC_SIGNAL(0xdead, 0),
		};
		struct drm_panthor_vm_bind_op op = {
			.flags = OP_MAP, .bo_handle = bo, .va = SZ_2M, .size = 4 * SZ_4K,
		};

		/*
		 * The 6.12 driver (uAPI 1.0) dereferences NULL on this: it
		 * puts the syncobj it failed to look up. Nothing else in the
		 * uAPI tells it apart, so every 1.0 driver skips this.
		 */
		igt_require_f(drm_minor(fd) >= 1,
			      "uAPI 1.0 drivers dereference NULL on this\n");
		op_set_syncs(&op, sigs, 2);
		igt_assert_eq(vm_bind_async(fd, id, &op, 1), EINVAL);
		igt_assert_eq(syncobj_wait(fd, s, 0, 0), EINVAL);

		syncobj_destroy(fd, s);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Bad sync ops and bad operations fail the whole asynchronous "
		     "VM_BIND: nothing is queued and no syncobj changes.");
	igt_subtest("vm-bind-async-invalid") {
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, 4 * SZ_4K, 0);
		uint32_t s = syncobj_create(fd, 0), ready = syncobj_create(fd, DRM_SYNCOBJ_CREATE_SIGNALED);
		struct drm_panthor_sync_op sig[] = { SYNC_SIGNAL(s, 0) };
		struct drm_panthor_sync_op bad[1];
		struct drm_panthor_vm_bind_op ops[2] = {
			{ .flags = OP_MAP, .bo_handle = bo, .va = SZ_2M, .size = 4 * SZ_4K },
			{ .flags = OP_MAP, .bo_handle = bo, .va = 2 * SZ_2M, .size = 4 * SZ_4K },
		};

		op_set_syncs(&ops[0], sig, 1);

		/* An invalid second operation. */
		ops[1].va = 1;
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), EINVAL);
		ops[1].va = 2 * SZ_2M;

		/* Sync ops: unknown flags, unknown type, binary with a point. */
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(ready, 0);
		bad[0].flags |= 1u << 8;
		op_set_syncs(&ops[1], bad, 1);
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), EINVAL);
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(ready, 0);
		bad[0].flags |= 2;
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), EINVAL);
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(ready, 0);
		bad[0].timeline_value = 3;
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), EINVAL);

		/* An unknown syncobj to wait on: ENOENT. */
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(0xdead, 0);
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), ENOENT);

		/* A syncobj stride below 16 bytes. */
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(ready, 0);
		ops[1].syncs.stride = 8;
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), EINVAL);

		/* None of the above signalled the first operation's syncobj. */
		igt_assert_eq(syncobj_wait(fd, s, 0, 0), EINVAL);

		/* SYNC_ONLY without syncs, an unknown VM. */
		ops[1] = (struct drm_panthor_vm_bind_op){ .flags = OP_SYNC_ONLY };
		igt_assert_eq(vm_bind_async(fd, id, &ops[1], 1), EINVAL);
		igt_assert_eq(vm_bind_async(fd, 0xdead, ops, 1), EINVAL);

		/* A well-formed batch goes through. */
		bad[0] = (struct drm_panthor_sync_op)SYNC_WAIT(ready, 0);
		ops[1] = (struct drm_panthor_vm_bind_op){
			.flags = OP_MAP, .bo_handle = bo, .va = 2 * SZ_2M, .size = 4 * SZ_4K,
		};
		op_set_syncs(&ops[1], bad, 1);
		igt_assert_eq(vm_bind_async(fd, id, ops, 2), 0);
		igt_assert_eq(syncobj_wait(fd, s, 0, WAIT_TIMEOUT_NS), 0);

		syncobj_destroy(fd, s);
		syncobj_destroy(fd, ready);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Queued operations of a VM destroyed or closed right away are "
		     "completed or dropped, and nothing leaks.");
	igt_subtest("vm-bind-async-teardown") {
		int other = drm_reopen_driver(fd);
		uint32_t id = vm_create(other, NULL), id2 = vm_create(other, NULL);
		uint32_t bo = bo_create(other, 8 * SZ_4K, 0), s = syncobj_create(other, 0);
		struct drm_panthor_sync_op sig[] = { SYNC_SIGNAL(s, 0) };
		struct drm_panthor_vm_bind_op ops[8];

		for (unsigned int i = 0; i < 8; i++)
			ops[i] = (struct drm_panthor_vm_bind_op){
				.flags = i & 1 ? OP_UNMAP : OP_MAP, .bo_handle = i & 1 ? 0 : bo,
				.va = SZ_2M * (i / 2 + 1), .size = 8 * SZ_4K,
			};
		op_set_syncs(&ops[7], sig, 1);

		igt_assert_eq(vm_bind_async(other, id, ops, 8), 0);
		igt_assert_eq(vm_destroy_err(other, id), 0);
		igt_assert_eq(vm_bind_async(other, id2, ops, 7), 0);
		drm_close_driver(other);
	}

	igt_describe("What the GPU writes through a mapping lands in the right pages "
		     "of the BO, from the BO offset the mapping starts at.");
	igt_subtest("vm-gpu-write") {
		uint64_t size = 8 * SZ_4K, va = 4 * SZ_2M;
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, bo, size);
		uint64_t addrs[4];
		uint32_t values[4];
		struct gpu g;

		gpu_init(&g, fd, id);
		/* GPU page i is BO page i + 2. */
		vm_map(fd, id, bo, 2 * SZ_4K, va, 4 * SZ_4K, DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC);
		for (unsigned int i = 0; i < 4; i++) {
			addrs[i] = va + i * SZ_4K + 4 * i;
			values[i] = 0xc0de0000 + i;
		}
		igt_assert_eq(gpu_store(&g, addrs, values, 4), 1);

		for (unsigned int i = 0; i < 8; i++) {
			bool mapped = i >= 2 && i < 6;
			uint64_t offset = i * SZ_4K + (mapped ? 4 * (i - 2) : 0);

			igt_assert_eq_u32(p[offset / 4], mapped ? 0xc0de0000 + i - 2 : 0);
		}
		igt_assert_eq_u32(vm_get_state(fd, id), DRM_PANTHOR_VM_STATE_USABLE);

		gpu_fini(&g);
		munmap(p, size);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A range mapped again to another BO is seen by the GPU at once: "
		     "no stale translation survives the bind.");
	igt_subtest("vm-gpu-remap") {
		uint64_t size = 4 * SZ_4K, va = 4 * SZ_2M;
		uint32_t id = vm_create(fd, NULL);
		uint32_t a = bo_create(fd, size, 0), b = bo_create(fd, size, 0);
		uint32_t *pa = bo_map(fd, a, size), *pb = bo_map(fd, b, size);
		uint64_t addr = va + SZ_4K;
		uint32_t value = 0xa;
		struct gpu g;

		gpu_init(&g, fd, id);
		vm_map(fd, id, a, 0, va, size, 0);
		igt_assert_eq(gpu_store(&g, &addr, &value, 1), 1);
		vm_map(fd, id, b, 0, va, size, 0);
		value = 0xb;
		igt_assert_eq(gpu_store(&g, &addr, &value, 1), 1);

		igt_assert_eq_u32(pa[SZ_4K / 4], 0xa);
		igt_assert_eq_u32(pb[SZ_4K / 4], 0xb);

		gpu_fini(&g);
		munmap(pa, size);
		munmap(pb, size);
		gem_close(fd, a);
		gem_close(fd, b);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("After a page is unmapped from the middle of a 4 MiB mapping, "
		     "the GPU still reaches the pages on both sides of the hole.");
	igt_subtest("vm-gpu-partial-unmap") {
		uint64_t size = 2 * SZ_2M, va = 4 * SZ_2M, hole = SZ_2M - SZ_4K;
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, bo, size);
		uint64_t addrs[3] = { va, va + hole - 4, va + hole + SZ_4K };
		uint32_t values[3] = { 1, 2, 3 };
		struct gpu g;

		gpu_init(&g, fd, id);
		vm_map(fd, id, bo, 0, va, size, 0);
		vm_unmap(fd, id, va + hole, SZ_4K);
		igt_assert_eq(gpu_store(&g, addrs, values, 3), 1);
		igt_assert_eq_u32(p[0], 1);
		igt_assert_eq_u32(p[(hole - 4) / 4], 2);
		igt_assert_eq_u32(p[(hole + SZ_4K) / 4], 3);
		igt_assert_eq_u32(vm_get_state(fd, id), DRM_PANTHOR_VM_STATE_USABLE);

		gpu_fini(&g);
		munmap(p, size);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("Random maps and unmaps over a window that spans a 2 MiB boundary, "
		     "checked against a shadow copy of the mappings: the GPU writes "
		     "every mapped page and each write must land in the BO page the "
		     "shadow says.");
	igt_subtest("vm-gpu-random-binds") {
		enum { WINDOW = 128, BO_PAGES = 48, ROUNDS = 4, OPS = 40 };
		uint64_t base = 8 * SZ_2M - (WINDOW / 2) * SZ_4K;
		uint32_t id = vm_create(fd, NULL);
		uint32_t bos[2], *maps[2];
		/* Per window page: 0 unmapped, else (bo + 1) << 16 | bo page. */
		uint32_t shadow[WINDOW];
		uint64_t addrs[WINDOW];
		uint32_t values[WINDOW];
		unsigned int seed = 0x5eed;
		struct gpu g;

		gpu_init(&g, fd, id);
		for (unsigned int b = 0; b < 2; b++) {
			bos[b] = bo_create(fd, BO_PAGES * SZ_4K, 0);
			maps[b] = bo_map(fd, bos[b], BO_PAGES * SZ_4K);
		}
		memset(shadow, 0, sizeof(shadow));

		for (unsigned int round = 0; round < ROUNDS; round++) {
			unsigned int n = 0;

			for (unsigned int op = 0; op < OPS; op++) {
				unsigned int start = rand_r(&seed) % WINDOW;
				unsigned int len = 1 + rand_r(&seed) % (WINDOW - start);
				unsigned int b = rand_r(&seed) % 2;
				unsigned int off;

				if (len > BO_PAGES)
					len = BO_PAGES;
				off = rand_r(&seed) % (BO_PAGES - len + 1);

				if (rand_r(&seed) % 3) {
					vm_map(fd, id, bos[b], off * SZ_4K, base + start * SZ_4K,
					       len * SZ_4K, 0);
					for (unsigned int i = 0; i < len; i++)
						shadow[start + i] = (b + 1) << 16 | (off + i);
				} else {
					vm_unmap(fd, id, base + start * SZ_4K, len * SZ_4K);
					memset(&shadow[start], 0, len * sizeof(shadow[0]));
				}
			}

			/*
			 * Every mapped window page gets its own value at its own
			 * word, so pages mapping the same BO page do not clash.
			 */
			for (unsigned int i = 0; i < WINDOW; i++) {
				if (!shadow[i])
					continue;
				addrs[n] = base + i * SZ_4K + 4 * i;
				values[n] = round << 24 | i << 8 | 0x5a;
				n++;
			}
			igt_assert_eq(gpu_store(&g, addrs, values, n), 1);

			for (unsigned int i = 0; i < WINDOW; i++) {
				uint32_t b = (shadow[i] >> 16) - 1, page = shadow[i] & 0xffff;
				uint32_t got;

				if (!shadow[i])
					continue;
				got = maps[b][(page * SZ_4K + 4 * i) / 4];
				igt_assert_f(got == (round << 24 | i << 8 | 0x5a),
					     "round %u: window page %u (BO %u page %u) holds 0x%x\n",
					     round, i, b, page, got);
			}
		}
		igt_assert_eq_u32(vm_get_state(fd, id), DRM_PANTHOR_VM_STATE_USABLE);

		gpu_fini(&g);
		for (unsigned int b = 0; b < 2; b++) {
			munmap(maps[b], BO_PAGES * SZ_4K);
			gem_close(fd, bos[b]);
		}
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A GPU write to an unmapped page faults: the job fails, the VM "
		     "becomes unusable, maps are refused but unmaps still work.");
	igt_subtest("vm-gpu-fault-unmapped") {
		uint64_t size = 4 * SZ_4K, va = 4 * SZ_2M;
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, bo, size);
		uint64_t addrs[2] = { va, va + size };
		uint32_t values[2] = { 0x11, 0x22 };
		struct gpu g;

		gpu_init(&g, fd, id);
		vm_map(fd, id, bo, 0, va, size, 0);
		igt_assert_lt(gpu_store(&g, addrs, values, 2), 0);
		igt_assert_eq_u32(vm_get_state(fd, id), DRM_PANTHOR_VM_STATE_UNUSABLE);

		/* What the GPU wrote before the fault is there; nothing else. */
		igt_assert_eq_u32(p[0], 0x11);
		igt_assert_eq_u32(p[1], 0);

		igt_assert_eq(vm_bind_op(fd, id, OP_MAP, bo, 0, va + SZ_2M, size), EINVAL);
		vm_unmap(fd, id, va, size);

		gpu_fini(&g);
		munmap(p, size);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A GPU write to a READONLY mapping faults and leaves the BO as it was.");
	igt_subtest("vm-gpu-fault-readonly") {
		uint64_t size = 4 * SZ_4K, va = 4 * SZ_2M;
		uint32_t id = vm_create(fd, NULL), bo = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, bo, size);
		uint64_t addr = va + 8;
		uint32_t value = 0x33;
		struct gpu g;

		p[2] = 0x1234;
		gpu_init(&g, fd, id);
		vm_map(fd, id, bo, 0, va, size, DRM_PANTHOR_VM_BIND_OP_MAP_READONLY);
		igt_assert_lt(gpu_store(&g, &addr, &value, 1), 0);
		igt_assert_eq_u32(vm_get_state(fd, id), DRM_PANTHOR_VM_STATE_UNUSABLE);
		igt_assert_eq_u32(p[2], 0x1234);

		gpu_fini(&g);
		munmap(p, size);
		gem_close(fd, bo);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	for (unsigned int i = 0; i < ARRAY_SIZE(partial_unmaps); i++) {
		igt_describe("Unmapping part of a 2 MiB-aligned 4 MiB mapping succeeds, "
			     "the rest can be unmapped again piece by piece, and the BO "
			     "keeps its data.");
		igt_subtest_f("vm-unbind-hugepage-%s", partial_unmaps[i].name) {
			uint64_t size = 2 * SZ_2M, va = 4 * SZ_2M;
			uint64_t hole = va + partial_unmaps[i].offset;
			uint64_t hole_end = hole + partial_unmaps[i].size;
			uint32_t id = vm_create(fd, NULL);
			uint32_t bo = bo_create(fd, size, 0);
			uint32_t *p = bo_map(fd, bo, size);

			fill(p, size, 0x2000 + i);
			vm_map(fd, id, bo, 0, va, size, 0);
			vm_unmap(fd, id, hole, partial_unmaps[i].size);
			vm_unmap(fd, id, hole, partial_unmaps[i].size);
			if (hole > va)
				vm_unmap(fd, id, va, hole - va);
			if (hole_end < va + size)
				vm_unmap(fd, id, hole_end, va + size - hole_end);
			check_fill(p, size, 0x2000 + i);

			/* The range is free: it maps again. */
			vm_map(fd, id, bo, 0, va, size, 0);

			munmap(p, size);
			gem_close(fd, bo);
			igt_assert_eq(vm_destroy_err(fd, id), 0);
		}
	}

	igt_describe("One unmap across several mappings of different BOs, cutting "
		     "the outer ones.");
	igt_subtest("vm-unbind-across-mappings") {
		uint64_t size = 2 * SZ_2M;
		uint32_t id = vm_create(fd, NULL);
		uint32_t bo[3];

		for (unsigned int i = 0; i < 3; i++) {
			bo[i] = bo_create(fd, size, 0);
			vm_map(fd, id, bo[i], 0, SZ_2M * 8 + i * size, size, 0);
		}
		vm_unmap(fd, id, SZ_2M * 8 + SZ_4K, 3 * size - 2 * SZ_4K);
		vm_unmap(fd, id, SZ_2M * 8, SZ_4K);
		vm_unmap(fd, id, SZ_2M * 8 + 3 * size - SZ_4K, SZ_4K);
		for (unsigned int i = 0; i < 3; i++)
			gem_close(fd, bo[i]);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
	}

	igt_describe("A mapped BO survives the closing of its handle and of its VM; "
		     "destroying a VM with mappings keeps the BOs' data.");
	igt_subtest("vm-destroy-with-mappings") {
		uint64_t size = 8 * SZ_4K;
		uint32_t id = vm_create(fd, NULL);
		uint32_t kept = bo_create(fd, size, 0), dropped = bo_create(fd, size, 0);
		uint32_t *p = bo_map(fd, kept, size);

		fill(p, size, 0x3000);
		vm_map(fd, id, kept, 0, SZ_2M, size, 0);
		vm_map(fd, id, dropped, 0, 2 * SZ_2M, size, 0);
		gem_close(fd, dropped);
		igt_assert_eq(vm_destroy_err(fd, id), 0);
		check_fill(p, size, 0x3000);
		munmap(p, size);
		gem_close(fd, kept);
	}

	igt_describe("Closing a file with VMs full of mappings releases everything.");
	igt_subtest("vm-close-with-mappings") {
		int other = drm_reopen_driver(fd);

		for (unsigned int v = 0; v < 4; v++) {
			uint32_t id = vm_create(other, NULL);

			for (unsigned int i = 0; i < 8; i++) {
				uint32_t bo = bo_create(other, (i + 1) * SZ_4K, i & 1 ? id : 0);

				vm_map(other, id, bo, 0, SZ_2M * (i + 1), (i + 1) * SZ_4K, 0);
			}
		}
		drm_close_driver(other);
	}

	igt_fixture()
		drm_close_driver(fd);
}
