// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_sync - ordering between jobs, VM_BIND operations and the host:
 * syncobj waits and signals on GROUP_SUBMIT and asynchronous VM_BIND,
 * timeline points across queues, groups and VMs, submits without a stream,
 * and sync files.
 *
 * The rules are those of /work/shared/docs/uapi-abi.md §4.2, §5.3, §7.4
 * (asynchronous mode) and §7.9. Every ordering is checked twice: a job held
 * back by the host must keep whatever depends on it from running (nothing
 * written, nothing signalled), and once released everything runs, in order,
 * with the values in memory to prove it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
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

IGT_TEST_DESCRIPTION("Order jobs, VM_BIND operations and the host with syncobjs and sync files.");

#define PAGE_4K			0x1000ull
#define RING_SIZE		0x10000u

/* Where the tests map their buffers in a VM's user range. */
#define CODE_VA			0x1000000ull
#define DATA_VA			0x2000000ull
#define TARGET_VA		0x3000000ull
#define CODE_SIZE		(16 * PAGE_4K)
#define DATA_SIZE		(4 * PAGE_4K)

/* Where the jobs that wait for the host look for their release word. */
#define RELEASE_OFFSET		(3 * PAGE_4K)

#define NS_PER_MS		1000000ll
#define DONE_TIMEOUT_MS		10000
/* How long a job held back must stay held back before it is released. */
#define HOLD_MS			200

/* ---- Command stream encoding (cs-isa.md §2) ---- */

enum insn_opcode {
	OPC_MOVE48 = 1,
	OPC_MOVE32 = 2,
	OPC_WAIT = 3,
	OPC_ADD_IMM32 = 16,
	OPC_LOAD_MULTIPLE = 20,
	OPC_STORE_MULTIPLE = 21,
	OPC_FLUSH_CACHE2 = 36,
	OPC_SYNC_SET32 = 38,
	OPC_SYNC_WAIT32 = 39,
};

#define COND_GREATER		1
#define FLUSH_CLEAN_INVALIDATE	3
#define FLUSH_OTHER_INVALIDATE	2

/* Registers of the user streams; r92-r95 belong to the kernel. */
#define R_ADDR			0	/* r0:r1 */
#define R_VALUE			2
#define R_FLUSH_ID		3
#define R_ADDR2			6	/* r6:r7 */

/* @value in bits @hi:@lo of an instruction; the value must fit. */
static uint64_t insn_field(uint64_t value, unsigned int hi, unsigned int lo)
{
	uint64_t max = (2ull << (hi - lo)) - 1;

	igt_assert_f(value <= max, "0x%" PRIx64 " does not fit bits %u:%u\n",
		     value, hi, lo);
	return value << lo;
}

static uint64_t insn(enum insn_opcode opcode, uint64_t fields)
{
	return insn_field(opcode, 63, 56) | fields;
}

static uint64_t insn_move48(unsigned int reg, uint64_t imm)
{
	return insn(OPC_MOVE48, insn_field(reg, 55, 48) | insn_field(imm, 47, 0));
}

static uint64_t insn_move32(unsigned int reg, uint32_t imm)
{
	return insn(OPC_MOVE32, insn_field(reg, 55, 48) | imm);
}

/* WAIT for every scoreboard entry in @mask. */
static uint64_t insn_wait(uint32_t mask)
{
	return insn(OPC_WAIT, insn_field(mask, 23, 16));
}

static uint64_t insn_add32(unsigned int dst, unsigned int src, int32_t imm)
{
	return insn(OPC_ADD_IMM32, insn_field(dst, 55, 48) |
		    insn_field(src, 47, 40) | (uint32_t)imm);
}

/* Load (@load) or store the registers of @mask from @base, at r(@addr). */
static uint64_t insn_load_store(bool load, unsigned int base, uint32_t mask,
				unsigned int addr)
{
	return insn(load ? OPC_LOAD_MULTIPLE : OPC_STORE_MULTIPLE,
		    insn_field(base, 55, 48) | insn_field(addr, 47, 40) |
		    insn_field(mask, 31, 16));
}

static uint64_t insn_flush_caches(unsigned int flush_id_reg)
{
	return insn(OPC_FLUSH_CACHE2, insn_field(flush_id_reg, 47, 40) |
		    insn_field(FLUSH_OTHER_INVALIDATE, 11, 8) |
		    insn_field(FLUSH_CLEAN_INVALIDATE, 7, 4) |
		    insn_field(FLUSH_CLEAN_INVALIDATE, 3, 0));
}

/* Set the 32-bit word at r(@addr) to r(@data), in system scope. */
static uint64_t insn_sync_set32(unsigned int addr, unsigned int data)
{
	return insn(OPC_SYNC_SET32, insn_field(addr, 47, 40) |
		    insn_field(data, 39, 32));
}

/* Wait until the 32-bit word at r(@addr) is greater than r(@ref). */
static uint64_t insn_sync_wait32_gt(unsigned int addr, unsigned int ref)
{
	return insn(OPC_SYNC_WAIT32, insn_field(COND_GREATER, 31, 28) |
		    insn_field(addr, 47, 40) | insn_field(ref, 39, 32));
}

/* A stream being written into a mapped buffer. */
struct stream {
	uint64_t *cpu;
	uint64_t va;
	uint32_t count;
	uint32_t max;
};

static void emit(struct stream *s, uint64_t word)
{
	igt_assert_lt_u32(s->count, s->max);
	s->cpu[s->count++] = word;
}

static uint32_t stream_bytes(const struct stream *s)
{
	return s->count * sizeof(uint64_t);
}

static struct drm_panthor_csif_info csif_info;

static void emit_wait_all(struct stream *s)
{
	emit(s, insn_wait((1u << csif_info.scoreboard_slot_count) - 1));
}

/* Make the stream's writes visible: clean the caches, then wait for it. */
static void emit_flush(struct stream *s)
{
	emit(s, insn_move32(R_FLUSH_ID, 0));
	emit(s, insn_flush_caches(R_FLUSH_ID));
	emit_wait_all(s);
}

static void emit_store_value(struct stream *s, uint64_t va, uint32_t value)
{
	emit(s, insn_move48(R_ADDR, va));
	emit(s, insn_move32(R_VALUE, value));
	emit(s, insn_load_store(false, R_VALUE, 1, R_ADDR));
	emit_wait_all(s);
	emit_flush(s);
}

/* Store one more than the word at @from at @to: proof of what ran first. */
static void emit_copy_plus_one(struct stream *s, uint64_t from, uint64_t to)
{
	emit(s, insn_move48(R_ADDR, from));
	emit(s, insn_load_store(true, R_VALUE, 1, R_ADDR));
	emit_wait_all(s);
	emit(s, insn_add32(R_VALUE, R_VALUE, 1));
	emit(s, insn_move48(R_ADDR, to));
	emit(s, insn_load_store(false, R_VALUE, 1, R_ADDR));
	emit_wait_all(s);
	emit_flush(s);
}

/* Block until the host writes a non-zero word at @release_va. */
static void emit_wait_release(struct stream *s, uint64_t release_va)
{
	emit(s, insn_move48(R_ADDR2, release_va));
	emit(s, insn_move32(R_VALUE, 0));
	emit(s, insn_sync_wait32_gt(R_ADDR2, R_VALUE));
}

/* ---- Buffers and VMs ---- */

struct test_bo {
	uint32_t handle;
	uint64_t size;
	void *map;
};

static uint32_t test_vm_create(int fd)
{
	struct drm_panthor_vm_create args = {};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_CREATE, &args);
	igt_assert_neq_u32(args.id, 0);
	return args.id;
}

static void test_vm_destroy(int fd, uint32_t vm_id)
{
	struct drm_panthor_vm_destroy args = { .id = vm_id };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_DESTROY, &args);
}

static uint32_t vm_state(int fd, uint32_t vm_id)
{
	struct drm_panthor_vm_get_state args = { .vm_id = vm_id };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_GET_STATE, &args);
	return args.state;
}

/* A zeroed BO with a CPU mapping, not mapped in any VM yet. */
static void test_bo_create(int fd, uint64_t size, struct test_bo *bo)
{
	struct drm_panthor_bo_create create = { .size = size };
	struct drm_panthor_bo_mmap_offset mmo = {};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &create);
	bo->handle = create.handle;
	bo->size = size;

	mmo.handle = bo->handle;
	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &mmo);
	bo->map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, mmo.offset);
	igt_assert(bo->map != MAP_FAILED);
	memset(bo->map, 0, size);
}

static void test_bo_release(int fd, struct test_bo *bo)
{
	struct drm_gem_close args = { .handle = bo->handle };

	munmap(bo->map, bo->size);
	do_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

/* VM_BIND of one operation, synchronous unless @syncs are given. */
static int vm_bind_err(int fd, uint32_t vm_id, uint32_t flags, uint32_t handle,
		       uint64_t va, uint64_t size,
		       struct drm_panthor_sync_op *syncs, uint32_t nsyncs)
{
	struct drm_panthor_vm_bind_op op = {
		.flags = flags,
		.bo_handle = handle,
		.va = va,
		.size = size,
		.syncs = DRM_PANTHOR_OBJ_ARRAY(nsyncs, syncs),
	};
	struct drm_panthor_vm_bind args = {
		.vm_id = vm_id,
		.flags = nsyncs ? DRM_PANTHOR_VM_BIND_ASYNC : 0,
		.ops = DRM_PANTHOR_OBJ_ARRAY(1, &op),
	};

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_VM_BIND, &args) ? errno : 0;
}

static void vm_map(int fd, uint32_t vm_id, const struct test_bo *bo, uint64_t va)
{
	igt_assert_eq(vm_bind_err(fd, vm_id, DRM_PANTHOR_VM_BIND_OP_TYPE_MAP,
				  bo->handle, va, bo->size, NULL, 0), 0);
}

/* The handle, in file @to, of BO @handle of file @from (through PRIME). */
static uint32_t bo_share(int from, uint32_t handle, int to)
{
	struct drm_prime_handle exp = { .handle = handle, .flags = DRM_CLOEXEC };
	struct drm_prime_handle imp = {};

	do_ioctl(from, DRM_IOCTL_PRIME_HANDLE_TO_FD, &exp);
	imp.fd = exp.fd;
	do_ioctl(to, DRM_IOCTL_PRIME_FD_TO_HANDLE, &imp);
	close(exp.fd);
	return imp.handle;
}

static uint32_t bo_word(const struct test_bo *bo, uint64_t offset)
{
	return __atomic_load_n((uint32_t *)((char *)bo->map + offset), __ATOMIC_SEQ_CST);
}

/* ---- Sync objects and sync files ---- */

static uint32_t sync_obj_create(int fd)
{
	struct drm_syncobj_create args = {};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_CREATE, &args);
	return args.handle;
}

static void sync_obj_destroy(int fd, uint32_t handle)
{
	struct drm_syncobj_destroy args = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_DESTROY, &args);
}

static int64_t deadline_ns(int64_t timeout_ms)
{
	struct timespec ts;

	igt_assert_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (int64_t)ts.tv_sec * 1000000000ll + ts.tv_nsec + timeout_ms * NS_PER_MS;
}

/*
 * Wait up to @timeout_ms for point @point of @handle (0: a binary syncobj's
 * fence) to signal. Return 0 or the errno: ETIME if it did not in time,
 * EINVAL if a binary syncobj has no fence at all.
 */
static int sync_obj_wait(int fd, uint32_t handle, uint64_t point, int64_t timeout_ms)
{
	struct drm_syncobj_timeline_wait args = {
		.handles = (uintptr_t)&handle,
		.points = (uintptr_t)&point,
		.timeout_nsec = deadline_ns(timeout_ms),
		.count_handles = 1,
	};

	if (!point) {
		struct drm_syncobj_wait wait = {
			.handles = (uintptr_t)&handle,
			.timeout_nsec = args.timeout_nsec,
			.count_handles = 1,
		};

		return igt_ioctl(fd, DRM_IOCTL_SYNCOBJ_WAIT, &wait) ? errno : 0;
	}
	/* A point nobody promised yet is not a failure: wait for it. */
	args.flags = DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT;
	return igt_ioctl(fd, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &args) ? errno : 0;
}

/* The last signalled point of a timeline syncobj. */
static uint64_t sync_obj_point(int fd, uint32_t handle)
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

/* A sync file holding the fence of @handle (a binary syncobj). */
static int sync_obj_export(int fd, uint32_t handle)
{
	struct drm_syncobj_handle args = {
		.handle = handle,
		.flags = DRM_SYNCOBJ_HANDLE_TO_FD_FLAGS_EXPORT_SYNC_FILE,
		.fd = -1,
	};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD, &args);
	igt_assert_lte(0, args.fd);
	return args.fd;
}

/* Make the fence of @sync_file the fence of the binary syncobj @handle. */
static void sync_obj_import(int fd, uint32_t handle, int sync_file)
{
	struct drm_syncobj_handle args = {
		.handle = handle,
		.flags = DRM_SYNCOBJ_FD_TO_HANDLE_FLAGS_IMPORT_SYNC_FILE,
		.fd = sync_file,
	};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_FD_TO_HANDLE, &args);
}

/* Status of a sync file: 1 signalled, 0 pending, < 0 the fence's error. */
static int sync_file_status(int sync_file)
{
	struct sync_file_info info = {};

	igt_assert_eq(ioctl(sync_file, SYNC_IOC_FILE_INFO, &info), 0);
	return info.status;
}

/* The fence completes in time and without an error. */
static void assert_done_ok(int fd, uint32_t handle)
{
	int sync_file;

	igt_assert_eq(sync_obj_wait(fd, handle, 0, DONE_TIMEOUT_MS), 0);
	sync_file = sync_obj_export(fd, handle);
	igt_assert_eq(sync_file_status(sync_file), 1);
	close(sync_file);
}

/* Has not signalled yet (it has a fence, though). */
static void assert_pending(int fd, uint32_t handle, uint64_t point)
{
	igt_assert_eq(sync_obj_wait(fd, handle, point, 0), ETIME);
}

/* A wait (or, with @signal, a signal) on @handle, at @point if a timeline. */
static struct drm_panthor_sync_op sync_op(uint32_t handle, uint64_t point,
					  bool signal)
{
	struct drm_panthor_sync_op op = {
		.flags = point ? DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ :
				 DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ,
		.handle = handle,
		.timeline_value = point,
	};

	if (signal)
		op.flags |= DRM_PANTHOR_SYNC_OP_SIGNAL;
	return op;
}

/* ---- Groups and jobs ---- */

static struct drm_panthor_gpu_info gpu_info;

static uint32_t group_create(int fd, uint32_t vm_id, uint32_t queues)
{
	struct drm_panthor_queue_create qc[2];
	struct drm_panthor_group_create args = {
		.queues = DRM_PANTHOR_OBJ_ARRAY(queues, qc),
		.max_compute_cores = __builtin_popcountll(gpu_info.shader_present),
		.max_fragment_cores = __builtin_popcountll(gpu_info.shader_present),
		.max_tiler_cores = __builtin_popcountll(gpu_info.tiler_present),
		.priority = PANTHOR_GROUP_PRIORITY_MEDIUM,
		.compute_core_mask = gpu_info.shader_present,
		.fragment_core_mask = gpu_info.shader_present,
		.tiler_core_mask = gpu_info.tiler_present,
		.vm_id = vm_id,
	};

	igt_assert(queues >= 1 && queues <= ARRAY_SIZE(qc));
	for (uint32_t i = 0; i < queues; i++)
		qc[i] = (struct drm_panthor_queue_create) {
			.priority = 1,
			.ringbuf_size = RING_SIZE,
		};
	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_CREATE, &args);
	return args.group_handle;
}

static void group_destroy(int fd, uint32_t handle)
{
	struct drm_panthor_group_destroy args = { .group_handle = handle };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &args);
}

/* A queue submit of @s (NULL: no stream) with its sync operations. */
static struct drm_panthor_queue_submit
queue_submit(uint32_t queue, const struct stream *s,
	     struct drm_panthor_sync_op *syncs, uint32_t nsyncs)
{
	return (struct drm_panthor_queue_submit) {
		.queue_index = queue,
		.stream_size = s ? stream_bytes(s) : 0,
		.stream_addr = s ? s->va : 0,
		.syncs = DRM_PANTHOR_OBJ_ARRAY(nsyncs, syncs),
	};
}

static int group_submit_err(int fd, uint32_t group,
			    struct drm_panthor_queue_submit *qs, uint32_t count)
{
	struct drm_panthor_group_submit args = {
		.group_handle = group,
		.queue_submits = DRM_PANTHOR_OBJ_ARRAY(count, qs),
	};

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args) ? errno : 0;
}

static void submit(int fd, uint32_t group, uint32_t queue, const struct stream *s,
		   struct drm_panthor_sync_op *syncs, uint32_t nsyncs)
{
	struct drm_panthor_queue_submit qs = queue_submit(queue, s, syncs, nsyncs);

	igt_assert_eq(group_submit_err(fd, group, &qs, 1), 0);
}

/*
 * A VM with a code buffer at CODE_VA and a data buffer at DATA_VA (whose word
 * at RELEASE_OFFSET lets held-back jobs go).
 */
struct sync_ctx {
	int fd;
	uint32_t vm_id;
	struct test_bo code;
	struct test_bo data;
	uint32_t code_used;
};

static void sync_ctx_init(int fd, struct sync_ctx *ctx)
{
	ctx->fd = fd;
	ctx->vm_id = test_vm_create(fd);
	ctx->code_used = 0;
	test_bo_create(fd, CODE_SIZE, &ctx->code);
	test_bo_create(fd, DATA_SIZE, &ctx->data);
	vm_map(fd, ctx->vm_id, &ctx->code, CODE_VA);
	vm_map(fd, ctx->vm_id, &ctx->data, DATA_VA);
}

static void sync_ctx_fini(struct sync_ctx *ctx)
{
	test_bo_release(ctx->fd, &ctx->code);
	test_bo_release(ctx->fd, &ctx->data);
	test_vm_destroy(ctx->fd, ctx->vm_id);
}

/* Room for a new stream of up to 32 instructions in the code buffer. */
static void new_stream(struct sync_ctx *ctx, struct stream *s)
{
	const uint32_t bytes = 256;

	igt_assert_lte_u64(ctx->code_used + bytes, ctx->code.size);
	s->cpu = (uint64_t *)((char *)ctx->code.map + ctx->code_used);
	s->va = CODE_VA + ctx->code_used;
	s->count = 0;
	s->max = bytes / sizeof(uint64_t);
	ctx->code_used += bytes;
}

/* A stream that waits for the host, then stores @value at data + @offset. */
static void held_back_store(struct sync_ctx *ctx, struct stream *s,
			    uint64_t offset, uint32_t value)
{
	new_stream(ctx, s);
	emit_wait_release(s, DATA_VA + RELEASE_OFFSET);
	emit_store_value(s, DATA_VA + offset, value);
}

/*
 * Let the held-back jobs of @ctx go: a job of a group of its own sets their
 * release word. A GPU write raises a sync update that the driver and the
 * firmware act on, even for groups that are not resident or a GPU that is
 * suspended; a CPU write alone would wait for something else to wake them.
 */
static void release(struct sync_ctx *ctx)
{
	uint32_t group = group_create(ctx->fd, ctx->vm_id, 1);
	uint32_t done = sync_obj_create(ctx->fd);
	struct drm_panthor_sync_op sync = sync_op(done, 0, true);
	struct stream s;

	new_stream(ctx, &s);
	emit(&s, insn_move48(R_ADDR, DATA_VA + RELEASE_OFFSET));
	emit(&s, insn_move32(R_VALUE, 1));
	emit(&s, insn_sync_set32(R_ADDR, R_VALUE));
	emit_flush(&s);
	submit(ctx->fd, group, 0, &s, &sync, 1);
	assert_done_ok(ctx->fd, done);
	igt_assert_eq_u32(bo_word(&ctx->data, RELEASE_OFFSET), 1);

	sync_obj_destroy(ctx->fd, done);
	group_destroy(ctx->fd, group);
}

int igt_main()
{
	int fd = -1;

	igt_fixture() {
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &gpu_info,
				  sizeof(gpu_info), 0);
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif_info,
				  sizeof(csif_info), 0);
		igt_require(csif_info.cs_slot_count >= 2);
		igt_require(csif_info.scoreboard_slot_count >= 1 &&
			    csif_info.scoreboard_slot_count <= 8);
	}

	igt_describe("An asynchronous VM_BIND maps a BO and signals a syncobj; a "
		     "job waiting for it writes through the new mapping.");
	igt_subtest("vm-bind-async-then-submit") {
		struct drm_panthor_sync_op bind_sync, job_sync[2];
		uint32_t group, bound, done;
		struct test_bo target;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		bound = sync_obj_create(fd);
		done = sync_obj_create(fd);
		test_bo_create(fd, PAGE_4K, &target);

		bind_sync = sync_op(bound, 0, true);
		igt_assert_eq(vm_bind_err(fd, ctx.vm_id, DRM_PANTHOR_VM_BIND_OP_TYPE_MAP,
					  target.handle, TARGET_VA, target.size,
					  &bind_sync, 1), 0);
		new_stream(&ctx, &s);
		emit_store_value(&s, TARGET_VA + 8, 0x5eed);
		job_sync[0] = sync_op(bound, 0, false);
		job_sync[1] = sync_op(done, 0, true);
		submit(fd, group, 0, &s, job_sync, 2);

		assert_done_ok(fd, bound);
		assert_done_ok(fd, done);
		igt_assert_eq_u32(bo_word(&target, 8), 0x5eed);
		igt_assert_eq_u32(vm_state(fd, ctx.vm_id), DRM_PANTHOR_VM_STATE_USABLE);

		sync_obj_destroy(fd, bound);
		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		test_bo_release(fd, &target);
		sync_ctx_fini(&ctx);
	}

	igt_describe("An asynchronous map waits for a held-back job; a job of "
		     "another group waits for the map and writes through it. "
		     "Nothing moves until the first job is released.");
	igt_subtest("vm-bind-async-waits-for-job") {
		struct drm_panthor_sync_op a_sync, bind_sync[2], c_sync[2];
		uint32_t gx, gy, a_done, bound, c_done;
		struct test_bo target;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		gx = group_create(fd, ctx.vm_id, 1);
		gy = group_create(fd, ctx.vm_id, 1);
		a_done = sync_obj_create(fd);
		bound = sync_obj_create(fd);
		c_done = sync_obj_create(fd);
		test_bo_create(fd, PAGE_4K, &target);

		held_back_store(&ctx, &s, 0, 0xa);
		a_sync = sync_op(a_done, 0, true);
		submit(fd, gx, 0, &s, &a_sync, 1);

		bind_sync[0] = sync_op(a_done, 0, false);
		bind_sync[1] = sync_op(bound, 0, true);
		igt_assert_eq(vm_bind_err(fd, ctx.vm_id, DRM_PANTHOR_VM_BIND_OP_TYPE_MAP,
					  target.handle, TARGET_VA, target.size,
					  bind_sync, 2), 0);

		new_stream(&ctx, &s);
		emit_store_value(&s, TARGET_VA, 0xc);
		c_sync[0] = sync_op(bound, 0, false);
		c_sync[1] = sync_op(c_done, 0, true);
		submit(fd, gy, 0, &s, c_sync, 2);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, a_done, 0);
		assert_pending(fd, bound, 0);
		assert_pending(fd, c_done, 0);
		igt_assert_eq_u32(bo_word(&target, 0), 0);

		release(&ctx);
		assert_done_ok(fd, a_done);
		assert_done_ok(fd, bound);
		assert_done_ok(fd, c_done);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0xa);
		igt_assert_eq_u32(bo_word(&target, 0), 0xc);

		sync_obj_destroy(fd, a_done);
		sync_obj_destroy(fd, bound);
		sync_obj_destroy(fd, c_done);
		group_destroy(fd, gx);
		group_destroy(fd, gy);
		test_bo_release(fd, &target);
		sync_ctx_fini(&ctx);
	}

	igt_describe("An asynchronous unmap that waits for a held-back job "
		     "leaves the mapping in place until the job, released, has "
		     "written through it.");
	igt_subtest("vm-unbind-async-waits-for-job") {
		struct drm_panthor_sync_op a_sync, unbind_sync[2];
		uint32_t group, a_done, unbound;
		struct test_bo target;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		a_done = sync_obj_create(fd);
		unbound = sync_obj_create(fd);
		test_bo_create(fd, PAGE_4K, &target);
		vm_map(fd, ctx.vm_id, &target, TARGET_VA);

		new_stream(&ctx, &s);
		emit_wait_release(&s, DATA_VA + RELEASE_OFFSET);
		emit_store_value(&s, TARGET_VA + 4, 0xa11ce);
		a_sync = sync_op(a_done, 0, true);
		submit(fd, group, 0, &s, &a_sync, 1);

		unbind_sync[0] = sync_op(a_done, 0, false);
		unbind_sync[1] = sync_op(unbound, 0, true);
		igt_assert_eq(vm_bind_err(fd, ctx.vm_id, DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP,
					  0, TARGET_VA, target.size, unbind_sync, 2), 0);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, a_done, 0);
		assert_pending(fd, unbound, 0);

		release(&ctx);
		assert_done_ok(fd, a_done);
		assert_done_ok(fd, unbound);
		igt_assert_eq_u32(bo_word(&target, 4), 0xa11ce);
		igt_assert_eq_u32(vm_state(fd, ctx.vm_id), DRM_PANTHOR_VM_STATE_USABLE);

		sync_obj_destroy(fd, a_done);
		sync_obj_destroy(fd, unbound);
		group_destroy(fd, group);
		test_bo_release(fd, &target);
		sync_ctx_fini(&ctx);
	}

	igt_describe("Job B on queue 1 waits for timeline point 1, which "
		     "held-back job A on queue 0 signals; B reads what A wrote.");
	igt_subtest("timeline-across-queues") {
		struct drm_panthor_sync_op a_sync, b_sync[2];
		struct sync_ctx ctx;
		struct stream s;
		uint32_t group, timeline;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 2);
		timeline = sync_obj_create(fd);

		held_back_store(&ctx, &s, 0, 0xa1);
		a_sync = sync_op(timeline, 1, true);
		submit(fd, group, 0, &s, &a_sync, 1);

		new_stream(&ctx, &s);
		emit_copy_plus_one(&s, DATA_VA, DATA_VA + 4);
		b_sync[0] = sync_op(timeline, 1, false);
		b_sync[1] = sync_op(timeline, 2, true);
		submit(fd, group, 1, &s, b_sync, 2);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, timeline, 1);
		assert_pending(fd, timeline, 2);
		igt_assert_eq(sync_obj_point(fd, timeline), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0);

		release(&ctx);
		igt_assert_eq(sync_obj_wait(fd, timeline, 2, DONE_TIMEOUT_MS), 0);
		igt_assert_eq(sync_obj_point(fd, timeline), 2);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0xa1);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0xa2);

		sync_obj_destroy(fd, timeline);
		group_destroy(fd, group);
		sync_ctx_fini(&ctx);
	}

	igt_describe("The same across two groups in two VMs sharing a BO: B "
		     "waits for the timeline point held-back A signals.");
	igt_subtest("timeline-across-groups-and-vms") {
		struct drm_panthor_sync_op a_sync, b_sync[2];
		uint32_t other_vm, ga, gb, timeline;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		other_vm = test_vm_create(fd);
		vm_map(fd, other_vm, &ctx.code, CODE_VA);
		vm_map(fd, other_vm, &ctx.data, DATA_VA);
		ga = group_create(fd, ctx.vm_id, 1);
		gb = group_create(fd, other_vm, 1);
		timeline = sync_obj_create(fd);

		held_back_store(&ctx, &s, 0, 0xb0);
		a_sync = sync_op(timeline, 5, true);
		submit(fd, ga, 0, &s, &a_sync, 1);

		new_stream(&ctx, &s);
		emit_copy_plus_one(&s, DATA_VA, DATA_VA + 4);
		b_sync[0] = sync_op(timeline, 5, false);
		b_sync[1] = sync_op(timeline, 9, true);
		submit(fd, gb, 0, &s, b_sync, 2);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, timeline, 5);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0);

		release(&ctx);
		igt_assert_eq(sync_obj_wait(fd, timeline, 9, DONE_TIMEOUT_MS), 0);
		igt_assert_eq(sync_obj_point(fd, timeline), 9);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0xb1);

		sync_obj_destroy(fd, timeline);
		group_destroy(fd, ga);
		group_destroy(fd, gb);
		test_vm_destroy(fd, other_vm);
		sync_ctx_fini(&ctx);
	}

	igt_describe("A chain of 12 jobs over 3 groups, job i waiting for "
		     "point i and signalling point i + 1: each stores the "
		     "running count it reads, so the slots prove the order.");
	igt_subtest("timeline-chain") {
		const uint32_t jobs = 12, ngroups = 3;
		const uint64_t counter = 2 * PAGE_4K;
		uint32_t groups[3], timeline;
		struct sync_ctx ctx;

		sync_ctx_init(fd, &ctx);
		for (uint32_t g = 0; g < ngroups; g++)
			groups[g] = group_create(fd, ctx.vm_id, 1);
		timeline = sync_obj_create(fd);

		for (uint32_t i = 0; i < jobs; i++) {
			struct drm_panthor_sync_op syncs[2];
			uint32_t n = 0;
			struct stream s;

			new_stream(&ctx, &s);
			if (i == 0)
				emit_wait_release(&s, DATA_VA + RELEASE_OFFSET);
			else
				syncs[n++] = sync_op(timeline, i, false);
			syncs[n++] = sync_op(timeline, i + 1, true);
			/* slot i = counter + 1, then counter = slot i + 1. */
			emit_copy_plus_one(&s, DATA_VA + counter, DATA_VA + 4 * i);
			emit_copy_plus_one(&s, DATA_VA + 4 * i, DATA_VA + counter);
			submit(fd, groups[i % ngroups], 0, &s, syncs, n);
		}

		usleep(HOLD_MS * 1000);
		igt_assert_eq(sync_obj_point(fd, timeline), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, counter), 0);

		release(&ctx);
		igt_assert_eq(sync_obj_wait(fd, timeline, jobs, DONE_TIMEOUT_MS), 0);
		igt_assert_eq(sync_obj_point(fd, timeline), jobs);
		/* Job i read 2i from the counter and wrote 2i + 1 in its slot. */
		for (uint32_t i = 0; i < jobs; i++)
			igt_assert_eq_u32(bo_word(&ctx.data, 4 * i), 2 * i + 1);
		igt_assert_eq_u32(bo_word(&ctx.data, counter), 2 * jobs);

		sync_obj_destroy(fd, timeline);
		for (uint32_t g = 0; g < ngroups; g++)
			group_destroy(fd, groups[g]);
		sync_ctx_fini(&ctx);
	}

	igt_describe("In one GROUP_SUBMIT, the job on queue 1 waits for the "
		     "syncobj the held-back job on queue 0 signals in the same "
		     "batch.");
	igt_subtest("batch-wait-on-earlier-signal") {
		struct drm_panthor_sync_op a_sync, b_sync[2];
		struct drm_panthor_queue_submit qs[2];
		uint32_t group, shared, b_done;
		struct sync_ctx ctx;
		struct stream sa, sb;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 2);
		shared = sync_obj_create(fd);
		b_done = sync_obj_create(fd);

		held_back_store(&ctx, &sa, 0, 0xe0);
		new_stream(&ctx, &sb);
		emit_copy_plus_one(&sb, DATA_VA, DATA_VA + 4);
		a_sync = sync_op(shared, 0, true);
		b_sync[0] = sync_op(shared, 0, false);
		b_sync[1] = sync_op(b_done, 0, true);
		qs[0] = queue_submit(0, &sa, &a_sync, 1);
		qs[1] = queue_submit(1, &sb, b_sync, 2);
		igt_assert_eq(group_submit_err(fd, group, qs, 2), 0);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, shared, 0);
		assert_pending(fd, b_done, 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0);

		release(&ctx);
		assert_done_ok(fd, shared);
		assert_done_ok(fd, b_done);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0xe1);

		sync_obj_destroy(fd, shared);
		sync_obj_destroy(fd, b_done);
		group_destroy(fd, group);
		sync_ctx_fini(&ctx);
	}

	igt_describe("A submit without a stream on an idle queue signals at "
		     "once; behind a held-back job on the same queue it "
		     "signals only after that job.");
	igt_subtest("sync-only-ordered-on-queue") {
		struct drm_panthor_sync_op sync;
		uint32_t group, first, a_done, after;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 2);
		first = sync_obj_create(fd);
		a_done = sync_obj_create(fd);
		after = sync_obj_create(fd);

		sync = sync_op(first, 0, true);
		submit(fd, group, 0, NULL, &sync, 1);
		assert_done_ok(fd, first);

		held_back_store(&ctx, &s, 0, 0x5);
		sync = sync_op(a_done, 0, true);
		submit(fd, group, 0, &s, &sync, 1);
		sync = sync_op(after, 0, true);
		submit(fd, group, 0, NULL, &sync, 1);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, a_done, 0);
		assert_pending(fd, after, 0);

		/* Queue 1 is not held back by queue 0. */
		sync = sync_op(first, 0, true);
		submit(fd, group, 1, NULL, &sync, 1);
		assert_done_ok(fd, first);

		release(&ctx);
		assert_done_ok(fd, a_done);
		assert_done_ok(fd, after);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0x5);

		sync_obj_destroy(fd, first);
		sync_obj_destroy(fd, a_done);
		sync_obj_destroy(fd, after);
		group_destroy(fd, group);
		sync_ctx_fini(&ctx);
	}

	igt_describe("A submit without a stream waits for a held-back job of "
		     "another group and signals a binary syncobj and a timeline "
		     "point; a job waiting for the point then runs.");
	igt_subtest("sync-only-wait-and-signal") {
		struct drm_panthor_sync_op a_sync, relay[3], c_sync[2];
		uint32_t gx, gy, a_done, relayed, timeline, c_done;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		gx = group_create(fd, ctx.vm_id, 1);
		gy = group_create(fd, ctx.vm_id, 1);
		a_done = sync_obj_create(fd);
		relayed = sync_obj_create(fd);
		timeline = sync_obj_create(fd);
		c_done = sync_obj_create(fd);

		held_back_store(&ctx, &s, 0, 0x70);
		a_sync = sync_op(a_done, 0, true);
		submit(fd, gx, 0, &s, &a_sync, 1);

		relay[0] = sync_op(a_done, 0, false);
		relay[1] = sync_op(relayed, 0, true);
		relay[2] = sync_op(timeline, 3, true);
		submit(fd, gy, 0, NULL, relay, 3);

		new_stream(&ctx, &s);
		emit_copy_plus_one(&s, DATA_VA, DATA_VA + 4);
		c_sync[0] = sync_op(timeline, 3, false);
		c_sync[1] = sync_op(c_done, 0, true);
		submit(fd, gx, 0, &s, c_sync, 2);

		usleep(HOLD_MS * 1000);
		assert_pending(fd, relayed, 0);
		assert_pending(fd, timeline, 3);
		assert_pending(fd, c_done, 0);

		release(&ctx);
		assert_done_ok(fd, a_done);
		assert_done_ok(fd, relayed);
		assert_done_ok(fd, c_done);
		igt_assert_eq(sync_obj_point(fd, timeline), 3);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0x71);

		sync_obj_destroy(fd, a_done);
		sync_obj_destroy(fd, relayed);
		sync_obj_destroy(fd, timeline);
		sync_obj_destroy(fd, c_done);
		group_destroy(fd, gx);
		group_destroy(fd, gy);
		sync_ctx_fini(&ctx);
	}

	igt_describe("The fence of a job, exported as a sync file, is pending "
		     "while the job is held back and signalled, without an "
		     "error, once it ran.");
	igt_subtest("sync-file-export") {
		struct pollfd pfd = { .events = POLLIN };
		struct drm_panthor_sync_op sync;
		uint32_t group, done;
		struct sync_ctx ctx;
		struct stream s;

		sync_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);

		held_back_store(&ctx, &s, 0, 0x51);
		sync = sync_op(done, 0, true);
		submit(fd, group, 0, &s, &sync, 1);
		pfd.fd = sync_obj_export(fd, done);

		usleep(HOLD_MS * 1000);
		igt_assert_eq(poll(&pfd, 1, 0), 0);
		igt_assert_eq(sync_file_status(pfd.fd), 0);

		release(&ctx);
		igt_assert_eq(poll(&pfd, 1, DONE_TIMEOUT_MS), 1);
		igt_assert_eq(sync_file_status(pfd.fd), 1);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0x51);
		close(pfd.fd);

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		sync_ctx_fini(&ctx);
	}

	igt_describe("A sync file exported from one DRM file and imported into "
		     "a syncobj of another orders a job of the second file "
		     "after a held-back job of the first: it reads, through a "
		     "shared BO, what the first one wrote.");
	igt_subtest("sync-file-import") {
		struct drm_panthor_sync_op a_sync, b_sync[2];
		uint32_t ga, gb, a_done, imported, b_done;
		int other = drm_reopen_driver(fd), sync_file;
		struct test_bo shared;
		struct sync_ctx ca, cb;
		struct stream s;

		sync_ctx_init(fd, &ca);
		sync_ctx_init(other, &cb);
		/* A's data buffer, seen by the other file at TARGET_VA. */
		shared = ca.data;
		shared.handle = bo_share(fd, ca.data.handle, other);
		vm_map(other, cb.vm_id, &shared, TARGET_VA);
		ga = group_create(fd, ca.vm_id, 1);
		gb = group_create(other, cb.vm_id, 1);
		a_done = sync_obj_create(fd);
		imported = sync_obj_create(other);
		b_done = sync_obj_create(other);

		held_back_store(&ca, &s, 0, 0x1);
		a_sync = sync_op(a_done, 0, true);
		submit(fd, ga, 0, &s, &a_sync, 1);

		sync_file = sync_obj_export(fd, a_done);
		sync_obj_import(other, imported, sync_file);
		close(sync_file);

		new_stream(&cb, &s);
		emit_copy_plus_one(&s, TARGET_VA, DATA_VA);
		b_sync[0] = sync_op(imported, 0, false);
		b_sync[1] = sync_op(b_done, 0, true);
		submit(other, gb, 0, &s, b_sync, 2);

		usleep(HOLD_MS * 1000);
		assert_pending(other, imported, 0);
		assert_pending(other, b_done, 0);
		igt_assert_eq_u32(bo_word(&cb.data, 0), 0);

		release(&ca);
		assert_done_ok(fd, a_done);
		assert_done_ok(other, imported);
		assert_done_ok(other, b_done);
		igt_assert_eq_u32(bo_word(&ca.data, 0), 0x1);
		igt_assert_eq_u32(bo_word(&cb.data, 0), 0x2);

		sync_obj_destroy(fd, a_done);
		sync_obj_destroy(other, imported);
		sync_obj_destroy(other, b_done);
		group_destroy(fd, ga);
		group_destroy(other, gb);
		sync_ctx_fini(&cb);
		sync_ctx_fini(&ca);
		drm_close_driver(other);
	}

	igt_fixture()
		drm_close_driver(fd);
}
