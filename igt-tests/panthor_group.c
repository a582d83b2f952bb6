// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_group - scheduling groups: GROUP_CREATE, GROUP_DESTROY,
 * GROUP_GET_STATE and GROUP_SUBMIT.
 *
 * The argument rules are those of /work/shared/docs/uapi-abi.md §4.16 to
 * §4.21, §5.6, §5.7, §6 item 2 and §7.8 to §7.11. The job tests run small
 * command streams (encodings: /work/shared/docs/cs-isa.md) and check what
 * they wrote to memory, not only what the ioctls returned.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/sync_file.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Create scheduling groups and run command streams on them.");

#define PAGE_4K			0x1000ull
#define RING_SIZE		0x10000u
#define RING_MIN		0x1000u
#define RING_MAX		0x10000u
#define QUEUE_PRIO_MAX		15
#define MAX_GROUPS_PER_FILE	128
/* Queues a group may have whatever the firmware offers (uapi-abi.md §7.8). */
#define QUEUES_ABS_MAX		32

/* Where the tests map their buffers in a VM's user range. */
#define CODE_VA			0x1000000ull
#define DATA_VA			0x2000000ull
#define CODE_SIZE		(16 * PAGE_4K)
#define DATA_SIZE		(4 * PAGE_4K)

/* How long a job that should complete may take, and a short grace. */
#define NS_PER_MS		1000000ll
#define DONE_TIMEOUT_MS		10000
#define SHORT_WAIT_MS		200
/* The job timeout of drm_sched is a few seconds; never wait longer. */
#define HANG_TIMEOUT_MS		12000

/*
 * Where the jobs held back by the host look for their release word, and
 * where the stream that releases them goes in the code buffer.
 */
#define RELEASE_OFFSET		(3 * PAGE_4K)
#define RELEASER_OFFSET		(CODE_SIZE - PAGE_4K)
/* Counting loops: a long job, and one that spans many scheduler ticks. */
#define LONG_LOOP		100000u
#define EVICT_LOOP		1000000u
/* The counter of the jobs in progress, in the data buffer. */
#define CENSUS_OFFSET		(2 * PAGE_4K)

/* ---- Command stream encoding (cs-isa.md §2) ---- */

enum insn_opcode {
	OPC_MOVE48 = 1,
	OPC_MOVE32 = 2,
	OPC_WAIT = 3,
	OPC_UNASSIGNED = 10,
	OPC_ADD_IMM32 = 16,
	OPC_LOAD_MULTIPLE = 20,
	OPC_STORE_MULTIPLE = 21,
	OPC_BRANCH = 22,
	OPC_FLUSH_CACHE2 = 36,
	OPC_SYNC_ADD32 = 37,
	OPC_SYNC_SET32 = 38,
	OPC_SYNC_WAIT32 = 39,
	OPC_STORE_STATE = 40,
};

/* BRANCH and SYNC_WAIT conditions. */
#define COND_GREATER		1
#define COND_NOT_EQUAL		3

/* FLUSH_CACHE2 modes: clean and invalidate L2 and LSC, invalidate others. */
#define FLUSH_CLEAN_INVALIDATE	3
#define FLUSH_OTHER_INVALIDATE	2

#define STATE_TIMESTAMP		0

/* Registers of the user streams; r92-r95 belong to the kernel. */
#define R_ADDR			0	/* r0:r1 */
#define R_VALUE			2
#define R_FLUSH_ID		3
#define R_COUNT			4
#define R_LEFT			5
#define R_ADDR2			6	/* r6:r7 */
#define R_SCRATCH		8

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

/* Store the registers of @mask, from @base up, at r(@addr):r(@addr+1). */
static uint64_t insn_store(unsigned int base, uint32_t mask, unsigned int addr,
			   int16_t offset)
{
	return insn(OPC_STORE_MULTIPLE, insn_field(base, 55, 48) |
		    insn_field(addr, 47, 40) | insn_field(mask, 31, 16) |
		    (uint16_t)offset);
}

static uint64_t insn_load(unsigned int base, uint32_t mask, unsigned int addr,
			  int16_t offset)
{
	return insn(OPC_LOAD_MULTIPLE, insn_field(base, 55, 48) |
		    insn_field(addr, 47, 40) | insn_field(mask, 31, 16) |
		    (uint16_t)offset);
}

/* Branch by @offset instructions after this one if r(@reg) meets @cond. */
static uint64_t insn_branch(unsigned int reg, unsigned int cond, int16_t offset)
{
	return insn(OPC_BRANCH, insn_field(reg, 47, 40) |
		    insn_field(cond, 30, 28) | (uint16_t)offset);
}

static uint64_t insn_flush_caches(unsigned int flush_id_reg)
{
	return insn(OPC_FLUSH_CACHE2, insn_field(flush_id_reg, 47, 40) |
		    insn_field(FLUSH_OTHER_INVALIDATE, 11, 8) |
		    insn_field(FLUSH_CLEAN_INVALIDATE, 7, 4) |
		    insn_field(FLUSH_CLEAN_INVALIDATE, 3, 0));
}

/* Add r(@data) to the 32-bit word at r(@addr), in system scope. */
static uint64_t insn_sync_add32(unsigned int addr, unsigned int data)
{
	return insn(OPC_SYNC_ADD32, insn_field(addr, 47, 40) |
		    insn_field(data, 39, 32));
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

static uint64_t insn_store_state(unsigned int addr, int16_t offset,
				 unsigned int state)
{
	return insn(OPC_STORE_STATE, insn_field(addr, 47, 40) |
		    insn_field(state, 33, 32) | (uint16_t)offset);
}

/* A stream being written into a mapped buffer. */
struct stream {
	uint64_t *cpu;
	uint64_t va;
	uint32_t count;
	uint32_t max;
};

static void stream_init(struct stream *s, void *cpu, uint64_t va, uint32_t bytes)
{
	igt_assert_eq_u64(va & 63, 0);
	s->cpu = cpu;
	s->va = va;
	s->count = 0;
	s->max = bytes / sizeof(uint64_t);
}

static void emit(struct stream *s, uint64_t word)
{
	igt_assert_lt_u32(s->count, s->max);
	s->cpu[s->count++] = word;
}

static uint32_t stream_bytes(const struct stream *s)
{
	return s->count * sizeof(uint64_t);
}

static uint32_t all_scoreboards(void);

/* Wait for everything issued so far. */
static void emit_wait_all(struct stream *s)
{
	emit(s, insn_wait(all_scoreboards()));
}

/* Make the stream's writes visible: clean the caches, then wait for it. */
static void emit_flush(struct stream *s)
{
	emit(s, insn_move32(R_FLUSH_ID, 0));
	emit(s, insn_flush_caches(R_FLUSH_ID));
	emit_wait_all(s);
}

/* The write-a-value job: MOVE48, MOVE32, STORE_MULTIPLE, WAIT, FLUSH. */
static void emit_store_value(struct stream *s, uint64_t va, uint32_t value)
{
	emit(s, insn_move48(R_ADDR, va));
	emit(s, insn_move32(R_VALUE, value));
	emit(s, insn_store(R_VALUE, 1, R_ADDR, 0));
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

/* Count to @iterations in a BRANCH loop, then store the count at @va. */
static void emit_counting_loop(struct stream *s, uint32_t iterations, uint64_t va)
{
	emit(s, insn_move32(R_COUNT, 0));
	emit(s, insn_move32(R_LEFT, iterations));
	emit(s, insn_add32(R_COUNT, R_COUNT, 1));
	emit(s, insn_add32(R_LEFT, R_LEFT, -1));
	/* Back to the first ADD: two instructions before this one. */
	emit(s, insn_branch(R_LEFT, COND_NOT_EQUAL, -3));
	emit(s, insn_move48(R_ADDR, va));
	emit(s, insn_store(R_COUNT, 1, R_ADDR, 0));
	emit_wait_all(s);
}

/* Store the GPU timestamp at @va. */
static void emit_timestamp(struct stream *s, uint64_t va)
{
	emit(s, insn_move48(R_ADDR2, va));
	emit(s, insn_store_state(R_ADDR2, 0, STATE_TIMESTAMP));
	emit_wait_all(s);
}

/*
 * A census of the jobs in progress: add @delta to the counter at @census_va,
 * read it back and store what it says at @sample_va.
 */
static void emit_census(struct stream *s, uint64_t census_va, int32_t delta,
			uint64_t sample_va)
{
	emit(s, insn_move48(R_ADDR2, census_va));
	emit(s, insn_move32(R_SCRATCH, (uint32_t)delta));
	emit(s, insn_sync_add32(R_ADDR2, R_SCRATCH));
	emit(s, insn_load(R_SCRATCH, 1, R_ADDR2, 0));
	emit_wait_all(s);
	emit(s, insn_move48(R_ADDR, sample_va));
	emit(s, insn_store(R_SCRATCH, 1, R_ADDR, 0));
	emit_wait_all(s);
}

/* ---- Device facts ---- */

static struct drm_panthor_gpu_info gpu_info;
static struct drm_panthor_csif_info csif_info;
static int drm_minor;

static uint32_t all_scoreboards(void)
{
	return (1u << csif_info.scoreboard_slot_count) - 1;
}

static int driver_minor(int fd)
{
	struct drm_version version = {};

	do_ioctl(fd, DRM_IOCTL_VERSION, &version);
	igt_assert_eq(version.version_major, 1);
	return version.version_minor;
}

static uint8_t popcount64(uint64_t v)
{
	return (uint8_t)__builtin_popcountll(v);
}

/* ---- Buffers, VMs and sync objects ---- */

struct test_bo {
	uint32_t handle;
	uint64_t size;
	uint64_t va;
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

/* A zeroed BO, mapped at @va in @vm_id and in the CPU's address space. */
static void test_bo_create(int fd, uint32_t vm_id, uint64_t va, uint64_t size,
			   struct test_bo *bo)
{
	struct drm_panthor_bo_create create = { .size = size };
	struct drm_panthor_bo_mmap_offset mmo = {};
	struct drm_panthor_vm_bind_op op = {
		.flags = DRM_PANTHOR_VM_BIND_OP_TYPE_MAP,
		.va = va,
		.size = size,
	};
	struct drm_panthor_vm_bind bind = {
		.vm_id = vm_id,
		.ops = DRM_PANTHOR_OBJ_ARRAY(1, &op),
	};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &create);
	bo->handle = create.handle;
	bo->size = size;
	bo->va = va;

	mmo.handle = bo->handle;
	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &mmo);
	bo->map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, mmo.offset);
	igt_assert(bo->map != MAP_FAILED);
	memset(bo->map, 0, size);

	op.bo_handle = bo->handle;
	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_BIND, &bind);
}

/* Drops the CPU mapping and the handle; the VM mapping goes with the VM. */
static void test_bo_release(int fd, struct test_bo *bo)
{
	struct drm_gem_close args = { .handle = bo->handle };

	munmap(bo->map, bo->size);
	do_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

/* A 32-bit word of a BO as the GPU left it. */
static uint32_t bo_word(const struct test_bo *bo, uint64_t offset)
{
	return __atomic_load_n((uint32_t *)((char *)bo->map + offset), __ATOMIC_SEQ_CST);
}

static uint64_t bo_dword(const struct test_bo *bo, uint64_t offset)
{
	return __atomic_load_n((uint64_t *)((char *)bo->map + offset), __ATOMIC_SEQ_CST);
}

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

static int64_t now_ns(void)
{
	struct timespec ts;

	igt_assert_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (int64_t)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* Wait up to @timeout_ms for a fence in @handle; 0 or the errno (ETIME). */
static int sync_obj_wait(int fd, uint32_t handle, int64_t timeout_ms)
{
	struct drm_syncobj_wait args = {
		.handles = (uintptr_t)&handle,
		.count_handles = 1,
		.timeout_nsec = now_ns() + timeout_ms * NS_PER_MS,
	};

	return igt_ioctl(fd, DRM_IOCTL_SYNCOBJ_WAIT, &args) ? errno : 0;
}

/* A sync file holding the fence in @handle. */
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

/* Status of a sync file: 1 signalled, 0 pending, < 0 the fence's error. */
static int sync_file_status(int sync_file)
{
	struct sync_file_info info = {};

	igt_assert_eq(ioctl(sync_file, SYNC_IOC_FILE_INFO, &info), 0);
	return info.status;
}

/* Status of the fence in @handle, as sync_file_status() says. */
static int sync_obj_status(int fd, uint32_t handle)
{
	int sync_file = sync_obj_export(fd, handle);
	int status = sync_file_status(sync_file);

	close(sync_file);
	return status;
}

/* The fence in @handle completes in time and without an error. */
static void assert_done_ok(int fd, uint32_t handle)
{
	igt_assert_eq(sync_obj_wait(fd, handle, DONE_TIMEOUT_MS), 0);
	igt_assert_eq(sync_obj_status(fd, handle), 1);
}

static struct drm_panthor_sync_op sync_signal(uint32_t handle)
{
	return (struct drm_panthor_sync_op) {
		.flags = DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ |
			 DRM_PANTHOR_SYNC_OP_SIGNAL,
		.handle = handle,
	};
}

static struct drm_panthor_sync_op sync_wait(uint32_t handle)
{
	return (struct drm_panthor_sync_op) {
		.flags = DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ |
			 DRM_PANTHOR_SYNC_OP_WAIT,
		.handle = handle,
	};
}

/* ---- Groups ---- */

/*
 * Arguments of a group with @count queues in @vm_id that may use every core,
 * at MEDIUM priority, with 64 KiB rings.
 */
static void group_args_init(struct drm_panthor_group_create *args,
			    struct drm_panthor_queue_create *queues,
			    uint32_t count, uint32_t vm_id)
{
	for (uint32_t i = 0; i < count; i++)
		queues[i] = (struct drm_panthor_queue_create) {
			.priority = 1,
			.ringbuf_size = RING_SIZE,
		};

	*args = (struct drm_panthor_group_create) {
		.queues = DRM_PANTHOR_OBJ_ARRAY(count, queues),
		.max_compute_cores = popcount64(gpu_info.shader_present),
		.max_fragment_cores = popcount64(gpu_info.shader_present),
		.max_tiler_cores = popcount64(gpu_info.tiler_present),
		.priority = PANTHOR_GROUP_PRIORITY_MEDIUM,
		.compute_core_mask = gpu_info.shader_present,
		.fragment_core_mask = gpu_info.shader_present,
		.tiler_core_mask = gpu_info.tiler_present,
		.vm_id = vm_id,
	};
}

/*
 * GROUP_CREATE; the errno, or 0 with the new handle in @args. No assertion,
 * so that a forked child may use it.
 */
static int group_create_err(int fd, struct drm_panthor_group_create *args)
{
	args->group_handle = 0;
	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_CREATE, args) ? errno : 0;
}

static bool valid_group_handle(uint32_t handle)
{
	return handle >= 1 && handle <= MAX_GROUPS_PER_FILE;
}

static uint32_t group_create_prio(int fd, uint32_t vm_id, uint32_t queues,
				  uint8_t priority)
{
	struct drm_panthor_queue_create qc[QUEUES_ABS_MAX];
	struct drm_panthor_group_create args;

	igt_assert_lte_u32(queues, QUEUES_ABS_MAX);
	group_args_init(&args, qc, queues, vm_id);
	args.priority = priority;
	igt_assert_eq(group_create_err(fd, &args), 0);
	igt_assert(valid_group_handle(args.group_handle));
	return args.group_handle;
}

static uint32_t group_create(int fd, uint32_t vm_id, uint32_t queues)
{
	return group_create_prio(fd, vm_id, queues, PANTHOR_GROUP_PRIORITY_MEDIUM);
}

static int group_destroy_err(int fd, uint32_t handle)
{
	struct drm_panthor_group_destroy args = { .group_handle = handle };

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &args) ? errno : 0;
}

static void group_destroy(int fd, uint32_t handle)
{
	igt_assert_eq(group_destroy_err(fd, handle), 0);
}

static int group_state_err(int fd, uint32_t handle,
			   struct drm_panthor_group_get_state *state)
{
	*state = (struct drm_panthor_group_get_state) {
		.group_handle = handle,
		.state = 0xdead,
		.fatal_queues = 0xdead,
	};
	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_GET_STATE, state) ? errno : 0;
}

/* GROUP_GET_STATE must succeed and report exactly @flags and @fatal. */
static void assert_group_state(int fd, uint32_t handle, uint32_t flags,
			       uint32_t fatal)
{
	struct drm_panthor_group_get_state state;

	igt_assert_eq(group_state_err(fd, handle, &state), 0);
	igt_assert_eq_u32(state.state, flags);
	igt_assert_eq_u32(state.fatal_queues, fatal);
	igt_assert_eq_u32(state.pad, 0);
}

static int group_submit_err(int fd, uint32_t handle,
			    struct drm_panthor_queue_submit *qs, uint32_t count)
{
	struct drm_panthor_group_submit args = {
		.group_handle = handle,
		.queue_submits = DRM_PANTHOR_OBJ_ARRAY(count, qs),
	};

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args) ? errno : 0;
}

/* Submit @s (or nothing, with NULL) on @queue, signalling @done if not 0. */
static void submit_stream(int fd, uint32_t group, uint32_t queue,
			  const struct stream *s, uint32_t done)
{
	struct drm_panthor_sync_op sync = sync_signal(done);
	struct drm_panthor_queue_submit qs = {
		.queue_index = queue,
		.stream_size = s ? stream_bytes(s) : 0,
		.stream_addr = s ? s->va : 0,
		.syncs = DRM_PANTHOR_OBJ_ARRAY(done ? 1 : 0, &sync),
	};

	igt_assert_eq(group_submit_err(fd, group, &qs, 1), 0);
}

/* Two valid submits of @s, on queues 0 and 1, each signalling @done. */
static void two_submits(struct drm_panthor_queue_submit *qs,
			struct drm_panthor_sync_op *sync,
			const struct stream *s, uint32_t done)
{
	for (unsigned int i = 0; i < 2; i++) {
		sync[i] = sync_signal(done);
		qs[i] = (struct drm_panthor_queue_submit) {
			.queue_index = i,
			.stream_size = stream_bytes(s),
			.stream_addr = s->va,
			.syncs = DRM_PANTHOR_OBJ_ARRAY(1, &sync[i]),
		};
	}
}

/* ---- A VM with a code and a data buffer ---- */

struct job_ctx {
	uint32_t vm_id;
	struct test_bo code;
	struct test_bo data;
};

static void job_ctx_init(int fd, struct job_ctx *ctx)
{
	ctx->vm_id = test_vm_create(fd);
	test_bo_create(fd, ctx->vm_id, CODE_VA, CODE_SIZE, &ctx->code);
	test_bo_create(fd, ctx->vm_id, DATA_VA, DATA_SIZE, &ctx->data);
}

static void job_ctx_fini(int fd, struct job_ctx *ctx)
{
	test_bo_release(fd, &ctx->code);
	test_bo_release(fd, &ctx->data);
	test_vm_destroy(fd, ctx->vm_id);
}

/* A stream at @offset in the code buffer, @bytes long at most. */
static void job_stream(struct job_ctx *ctx, struct stream *s, uint64_t offset,
		       uint32_t bytes)
{
	igt_assert_lte_u64(offset + bytes, ctx->code.size);
	stream_init(s, (char *)ctx->code.map + offset, ctx->code.va + offset, bytes);
}

/*
 * Let the jobs of @ctx held back by emit_wait_release() go: a job of a
 * group of its own sets their release word. A GPU write raises a sync
 * update that the driver and the firmware act on, even for groups that
 * are not resident or a GPU that is suspended; a CPU write alone would
 * wait for something else to wake them.
 */
static void release_jobs(int fd, struct job_ctx *ctx)
{
	uint32_t group = group_create(fd, ctx->vm_id, 1);
	uint32_t done = sync_obj_create(fd);
	struct stream s;

	job_stream(ctx, &s, RELEASER_OFFSET, 256);
	emit(&s, insn_move48(R_ADDR, ctx->data.va + RELEASE_OFFSET));
	emit(&s, insn_move32(R_VALUE, 1));
	emit(&s, insn_sync_set32(R_ADDR, R_VALUE));
	emit_flush(&s);
	submit_stream(fd, group, 0, &s, done);
	assert_done_ok(fd, done);
	igt_assert_eq_u32(bo_word(&ctx->data, RELEASE_OFFSET), 1);

	sync_obj_destroy(fd, done);
	group_destroy(fd, group);
}

/* ---- Privileges ---- */

static bool has_cap_sys_nice(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(SYS_capget, &hdr, data))
		return false;
	return data[CAP_SYS_NICE / 32].effective & (1u << (CAP_SYS_NICE % 32));
}

static int drop_cap_sys_nice(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[CAP_SYS_NICE / 32].effective &= ~(1u << (CAP_SYS_NICE % 32));
	return syscall(SYS_capset, &hdr, data);
}

/* Highest group priority the driver knows of (REALTIME came with 1.2). */
static uint8_t max_priority(void)
{
	return drm_minor >= 2 ? PANTHOR_GROUP_PRIORITY_REALTIME :
				PANTHOR_GROUP_PRIORITY_HIGH;
}

/* Priorities a file of a caller with or without CAP_SYS_NICE may use. */
static uint32_t expected_priorities(bool privileged)
{
	uint32_t mask = 1u << PANTHOR_GROUP_PRIORITY_LOW |
			1u << PANTHOR_GROUP_PRIORITY_MEDIUM;

	if (privileged)
		mask |= ((2u << max_priority()) - 1) & ~mask;
	return mask;
}

/*
 * The allowed mask GROUP_PRIORITIES_INFO reports, -1 before 1.2, -2 if the
 * query fails. No assertion, so that a forked child may use it.
 */
static int queried_priorities(int fd)
{
	struct drm_panthor_group_priorities_info info = {};
	struct drm_panthor_dev_query query = {
		.type = DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO,
		.size = sizeof(info),
		.pointer = (uintptr_t)&info,
	};

	if (drm_minor < 2)
		return -1;
	if (igt_ioctl(fd, DRM_IOCTL_PANTHOR_DEV_QUERY, &query))
		return -2;
	return info.allowed_mask;
}

/*
 * What GROUP_CREATE at @priority gives, from 0 to 255, on a file that may
 * use @allowed: 0, EACCES for a known priority not allowed, else EINVAL.
 */
static int expected_create_errno(uint32_t priority, uint32_t allowed)
{
	if (priority > max_priority())
		return EINVAL;
	return (allowed & (1u << priority)) ? 0 : EACCES;
}

/* Try every priority on @fd's @vm_id; return the first mismatch or -1. */
static int check_priorities(int fd, uint32_t vm_id, uint32_t allowed)
{
	const uint32_t priorities[] = { 0, 1, 2, 3, 4, 15, 255 };

	for (unsigned int i = 0; i < ARRAY_SIZE(priorities); i++) {
		struct drm_panthor_queue_create qc[1];
		struct drm_panthor_group_create args;
		int err;

		group_args_init(&args, qc, 1, vm_id);
		args.priority = priorities[i];
		err = group_create_err(fd, &args);
		if (err != expected_create_errno(priorities[i], allowed) ||
		    (!err && !valid_group_handle(args.group_handle)))
			return (int)priorities[i];
		if (!err && group_destroy_err(fd, args.group_handle))
			return (int)priorities[i];
	}
	return -1;
}

/* ---- Jobs used by several subtests ---- */

/* Run one write-a-value job on a new group of @fd and check the value. */
static void run_store_job(int fd, uint8_t priority, uint32_t value)
{
	struct job_ctx ctx;
	struct stream s;
	uint32_t group, done;

	job_ctx_init(fd, &ctx);
	group = group_create_prio(fd, ctx.vm_id, 1, priority);
	done = sync_obj_create(fd);

	job_stream(&ctx, &s, 0, 256);
	emit_store_value(&s, ctx.data.va, value);
	submit_stream(fd, group, 0, &s, done);
	assert_done_ok(fd, done);
	igt_assert_eq_u32(bo_word(&ctx.data, 0), value);
	assert_group_state(fd, group, 0, 0);

	sync_obj_destroy(fd, done);
	group_destroy(fd, group);
	job_ctx_fini(fd, &ctx);
}

int igt_main()
{
	int fd = -1;

	igt_fixture() {
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		drm_minor = driver_minor(fd);
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &gpu_info,
				  sizeof(gpu_info), 0);
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif_info,
				  sizeof(csif_info), 0);
		igt_require(csif_info.csg_slot_count >= 1);
		igt_require(csif_info.cs_slot_count >= 1);
		igt_require(csif_info.scoreboard_slot_count >= 1 &&
			    csif_info.scoreboard_slot_count <= 8);
	}

	igt_describe("A group is created with a handle in 1..128, reports no "
		     "fault, and is destroyed once.");
	igt_subtest("group-create-destroy") {
		uint32_t vm_id = test_vm_create(fd);
		uint32_t a = group_create(fd, vm_id, 1);
		uint32_t b = group_create(fd, vm_id, 1);
		struct drm_panthor_group_get_state state;

		igt_assert_neq_u32(a, b);
		assert_group_state(fd, a, 0, 0);
		group_destroy(fd, a);
		igt_assert_eq(group_destroy_err(fd, a), EINVAL);
		igt_assert_eq(group_state_err(fd, a, &state), EINVAL);
		assert_group_state(fd, b, 0, 0);
		group_destroy(fd, b);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A group has 1 to cs_slot_count queues: 0 and more are "
		     "refused with EINVAL.");
	igt_subtest("group-create-queue-count") {
		struct drm_panthor_queue_create qc[QUEUES_ABS_MAX + 1];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd);

		group_args_init(&args, qc, 0, vm_id);
		igt_assert_eq(group_create_err(fd, &args), EINVAL);

		group_args_init(&args, qc, csif_info.cs_slot_count, vm_id);
		igt_assert_eq(group_create_err(fd, &args), 0);
		group_destroy(fd, args.group_handle);

		if (csif_info.cs_slot_count < QUEUES_ABS_MAX + 1) {
			group_args_init(&args, qc, csif_info.cs_slot_count + 1, vm_id);
			igt_assert_eq(group_create_err(fd, &args), EINVAL);
		}
		group_args_init(&args, qc, QUEUES_ABS_MAX + 1, vm_id);
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Ring buffers are powers of two from 4 KiB to 64 KiB; other "
		     "sizes are refused with EINVAL.");
	igt_subtest("group-create-ring-size") {
		const uint32_t bad[] = {
			0, 1, 2048, RING_MIN - 8, RING_MIN + 8, 3 * RING_MIN,
			RING_MAX - RING_MIN, 2 * RING_MAX, 0x80000000u, UINT32_MAX,
		};
		struct drm_panthor_queue_create qc[2];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd);

		for (uint32_t size = RING_MIN; size <= RING_MAX; size *= 2) {
			group_args_init(&args, qc, 2, vm_id);
			qc[1].ringbuf_size = size;
			igt_assert_eq(group_create_err(fd, &args), 0);
			group_destroy(fd, args.group_handle);
		}
		for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
			group_args_init(&args, qc, 2, vm_id);
			qc[1].ringbuf_size = bad[i];
			igt_assert_f(group_create_err(fd, &args) == EINVAL,
				     "ring size %#x accepted\n", bad[i]);
		}
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Queue priorities go from 0 to 15 and queue pads must be "
		     "zero; anything else is EINVAL.");
	igt_subtest("group-create-queue-fields") {
		struct drm_panthor_queue_create qc[2];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd);

		for (uint32_t prio = 0; prio <= QUEUE_PRIO_MAX; prio++) {
			group_args_init(&args, qc, 2, vm_id);
			qc[1].priority = prio;
			igt_assert_eq(group_create_err(fd, &args), 0);
			group_destroy(fd, args.group_handle);
		}
		group_args_init(&args, qc, 2, vm_id);
		qc[1].priority = QUEUE_PRIO_MAX + 1;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 2, vm_id);
		qc[1].priority = 255;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);

		for (unsigned int i = 0; i < 3; i++) {
			group_args_init(&args, qc, 2, vm_id);
			qc[1].pad[i] = 1;
			igt_assert_eq(group_create_err(fd, &args), EINVAL);
		}
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("The caller may use the priorities its privileges allow "
		     "(root here: HIGH and REALTIME too, if the driver has "
		     "them, as GROUP_PRIORITIES_INFO says); unknown priorities "
		     "are EINVAL.");
	igt_subtest("group-create-priority") {
		bool privileged = has_cap_sys_nice();
		uint32_t expected = expected_priorities(privileged);
		uint32_t vm_id = test_vm_create(fd);
		int queried = queried_priorities(fd), bad;

		igt_info("uAPI 1.%d, CAP_SYS_NICE %s: priorities %#x\n", drm_minor,
			 privileged ? "yes" : "no", expected);
		if (queried >= 0)
			igt_assert_eq_u32(queried, expected);
		bad = check_priorities(fd, vm_id, expected);
		igt_assert_f(bad < 0, "priority %d: unexpected result\n", bad);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Without CAP_SYS_NICE (and not DRM master) HIGH and "
		     "REALTIME give EACCES, and GROUP_PRIORITIES_INFO says so.");
	igt_subtest("group-create-priority-unprivileged") {
		uint32_t vm_id = test_vm_create(fd);
		int status = 0;
		pid_t pid;

		igt_require(has_cap_sys_nice());
		pid = fork();
		igt_assert(pid >= 0);
		if (pid == 0) {
			/*
			 * Plain exit codes and no assertions: the harness's
			 * jumps belong to the parent. Privileges are checked
			 * against the caller of each ioctl, so the child may
			 * use the parent's file.
			 */
			int queried;

			if (drop_cap_sys_nice() || has_cap_sys_nice())
				_exit(100);
			queried = queried_priorities(fd);
			if (queried != -1 &&
			    queried != (int)expected_priorities(false))
				_exit(101);
			if (check_priorities(fd, vm_id, expected_priorities(false)) >= 0)
				_exit(102);
			_exit(0);
		}
		igt_assert_eq(waitpid(pid, &status, 0), pid);
		igt_assert(WIFEXITED(status));
		igt_assert_f(WEXITSTATUS(status) != 100, "could not drop CAP_SYS_NICE\n");
		igt_assert_f(WEXITSTATUS(status) != 101,
			     "GROUP_PRIORITIES_INFO still reports HIGH/REALTIME\n");
		igt_assert_f(WEXITSTATUS(status) != 102,
			     "a priority was not refused as expected\n");
		igt_assert_eq(WEXITSTATUS(status), 0);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Core masks must be subsets of the present cores, and the "
		     "maximum core counts at most their popcounts; else EINVAL.");
	igt_subtest("group-create-core-masks") {
		uint64_t shaders = gpu_info.shader_present;
		uint64_t tilers = gpu_info.tiler_present;
		uint64_t not_shader = ~shaders & -(~shaders);
		uint64_t not_tiler = ~tilers & -(~tilers);
		struct drm_panthor_queue_create qc[1];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd);

		/* A single core of each kind is a valid subset. */
		group_args_init(&args, qc, 1, vm_id);
		args.compute_core_mask = shaders & -shaders;
		args.fragment_core_mask = shaders & -shaders;
		args.tiler_core_mask = tilers & -tilers;
		args.max_compute_cores = 1;
		args.max_fragment_cores = 1;
		args.max_tiler_cores = 1;
		igt_assert_eq(group_create_err(fd, &args), 0);
		group_destroy(fd, args.group_handle);

		group_args_init(&args, qc, 1, vm_id);
		args.compute_core_mask |= not_shader;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.fragment_core_mask |= not_shader;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.tiler_core_mask |= not_tiler;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.compute_core_mask = UINT64_MAX;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);

		group_args_init(&args, qc, 1, vm_id);
		args.max_compute_cores++;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.max_fragment_cores++;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.max_tiler_cores++;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.compute_core_mask = shaders & -shaders;
		args.max_compute_cores = 2;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A group needs a live VM of the same file, and a zero pad.");
	igt_subtest("group-create-bad-vm-and-pad") {
		struct drm_panthor_queue_create qc[1];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd), gone = test_vm_create(fd);
		int other = drm_reopen_driver(fd);

		test_vm_destroy(fd, gone);
		group_args_init(&args, qc, 1, gone);
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, 0);
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, 0xdeadbeef);
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		/* VM ids are per file. */
		group_args_init(&args, qc, 1, vm_id);
		igt_assert_eq(group_create_err(other, &args), EINVAL);

		group_args_init(&args, qc, 1, vm_id);
		args.pad = 1;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		group_args_init(&args, qc, 1, vm_id);
		args.pad = 0x80000000u;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);

		drm_close_driver(other);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("The queue array follows the versioned-object rules: a "
		     "stride below 8 is EINVAL, a longer one needs a zero tail "
		     "(else E2BIG), a bad pointer is EFAULT.");
	igt_subtest("group-create-queue-stride") {
		struct {
			struct drm_panthor_queue_create qc;
			uint32_t tail;
		} big[2] = {};
		struct drm_panthor_queue_create qc[1];
		struct drm_panthor_group_create args;
		uint32_t vm_id = test_vm_create(fd);

		group_args_init(&args, qc, 1, vm_id);
		args.queues.stride = 4;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);
		args.queues.stride = 0;
		igt_assert_eq(group_create_err(fd, &args), EINVAL);

		group_args_init(&args, qc, 2, vm_id);
		big[0].qc = qc[0];
		big[1].qc = qc[0];
		args.queues.stride = sizeof(big[0]);
		args.queues.array = (uintptr_t)big;
		igt_assert_eq(group_create_err(fd, &args), 0);
		group_destroy(fd, args.group_handle);
		big[1].tail = 1;
		igt_assert_eq(group_create_err(fd, &args), E2BIG);

		group_args_init(&args, qc, 1, vm_id);
		args.queues.array = 8;
		igt_assert_eq(group_create_err(fd, &args), EFAULT);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A file has at most 128 groups; the next one is EBUSY and "
		     "destroying one makes room again.");
	igt_subtest("group-create-max") {
		uint32_t handles[MAX_GROUPS_PER_FILE];
		struct drm_panthor_queue_create qc[1];
		struct drm_panthor_group_create args;
		int other = drm_reopen_driver(fd);
		uint32_t vm_id = test_vm_create(other);

		for (unsigned int i = 0; i < MAX_GROUPS_PER_FILE; i++) {
			group_args_init(&args, qc, 1, vm_id);
			qc[0].ringbuf_size = RING_MIN;
			igt_assert_eq(group_create_err(other, &args), 0);
			igt_assert(valid_group_handle(args.group_handle));
			handles[i] = args.group_handle;
		}
		igt_assert_eq(group_create_err(other, &args), EBUSY);
		group_destroy(other, handles[17]);
		igt_assert_eq(group_create_err(other, &args), 0);
		igt_assert(valid_group_handle(args.group_handle));
		igt_assert_eq(group_create_err(other, &args), EBUSY);
		/* Closing the file releases them all. */
		drm_close_driver(other);
	}

	igt_describe("GROUP_DESTROY and GROUP_GET_STATE refuse unknown handles "
		     "and non-zero pads with EINVAL.");
	igt_subtest("group-destroy-get-state-invalid") {
		uint32_t vm_id = test_vm_create(fd);
		uint32_t group = group_create(fd, vm_id, 1);
		struct drm_panthor_group_destroy destroy = {
			.group_handle = group, .pad = 1,
		};
		struct drm_panthor_group_get_state state = {
			.group_handle = group, .pad = 1,
		};
		int other = drm_reopen_driver(fd);

		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &destroy, EINVAL);
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_GROUP_GET_STATE, &state, EINVAL);
		igt_assert_eq(group_destroy_err(fd, 0), EINVAL);
		igt_assert_eq(group_destroy_err(fd, 0xdeadbeef), EINVAL);
		igt_assert_eq(group_destroy_err(fd, MAX_GROUPS_PER_FILE + 1), EINVAL);
		igt_assert_eq(group_state_err(fd, 0, &state), EINVAL);
		igt_assert_eq(group_state_err(fd, 0xdeadbeef, &state), EINVAL);
		/* Group handles are per file. */
		igt_assert_eq(group_state_err(other, group, &state), EINVAL);
		igt_assert_eq(group_destroy_err(other, group), EINVAL);

		assert_group_state(fd, group, 0, 0);
		group_destroy(fd, group);
		drm_close_driver(other);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("The write-a-value job: MOVE48 an address, MOVE32 a value, "
		     "STORE_MULTIPLE it, WAIT, FLUSH_CACHE2; the job signals a "
		     "syncobj and the value is in the BO.");
	igt_subtest("group-submit") {
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done;

		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);

		job_stream(&ctx, &s, 0, 256);
		emit_store_value(&s, ctx.data.va + 64, 0xdeadbeef);
		submit_stream(fd, group, 0, &s, done);
		assert_done_ok(fd, done);
		igt_assert_eq_u32(bo_word(&ctx.data, 64), 0xdeadbeef);
		/* Nothing else was written. */
		igt_assert_eq_u32(bo_word(&ctx.data, 60), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 68), 0);

		/* And once more on the same queue, with another value. */
		job_stream(&ctx, &s, 256, 256);
		emit_store_value(&s, ctx.data.va + 64, 0x600dcafe);
		submit_stream(fd, group, 0, &s, done);
		assert_done_ok(fd, done);
		igt_assert_eq_u32(bo_word(&ctx.data, 64), 0x600dcafe);
		assert_group_state(fd, group, 0, 0);

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("Jobs queued back to back on one queue all run, in order: "
		     "each adds to what the previous one stored.");
	igt_subtest("group-submit-many-jobs") {
		const unsigned int jobs = 32;
		struct job_ctx ctx;
		uint32_t group, done;

		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);

		for (unsigned int i = 0; i < jobs; i++) {
			struct stream s;

			/* Job i stores i + 1 at word i, then the count at 4 KiB. */
			job_stream(&ctx, &s, i * 256, 256);
			emit_store_value(&s, ctx.data.va + 4 * i, i + 1);
			emit_store_value(&s, ctx.data.va + PAGE_4K, i + 1);
			submit_stream(fd, group, 0, &s, done);
		}
		assert_done_ok(fd, done);
		for (unsigned int i = 0; i < jobs; i++)
			igt_assert_eq_u32(bo_word(&ctx.data, 4 * i), i + 1);
		igt_assert_eq_u32(bo_word(&ctx.data, PAGE_4K), jobs);

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("Malformed submits are refused as a whole with EINVAL "
		     "(ENOENT for a wait on an unknown syncobj), and nothing of "
		     "them runs; an empty submit succeeds.");
	igt_subtest("group-submit-invalid") {
		struct drm_panthor_queue_submit qs[2];
		struct drm_panthor_sync_op sync[2];
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done, empty;

		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 2);
		done = sync_obj_create(fd);
		empty = sync_obj_create(fd);
		job_stream(&ctx, &s, 0, 256);
		emit_store_value(&s, ctx.data.va, 0x1234);

		/* The first submit is valid: it must not run either. */
		two_submits(qs, sync, &s, done);
		qs[1].pad = 1;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].stream_addr = 0;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].stream_size = 0;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].stream_addr += 8;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].stream_size -= 4;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].latest_flush = 1u << 24;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].latest_flush = 0x40000000u;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].queue_index = 2;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		sync[1].flags |= 1u << 8;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		sync[1].flags |= 2;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		sync[1].timeline_value = 1;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		sync[1] = sync_wait(0xdeadbeef);
		igt_assert_eq(group_submit_err(fd, group, qs, 2), ENOENT);
		/* A wait on a syncobj that has no fence yet. */
		two_submits(qs, sync, &s, done);
		sync[1] = sync_wait(empty);
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		two_submits(qs, sync, &s, done);
		qs[1].syncs.stride = 8;
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);

		/* Unknown and destroyed groups, group pad, array stride. */
		two_submits(qs, sync, &s, done);
		igt_assert_eq(group_submit_err(fd, 0, qs, 1), EINVAL);
		igt_assert_eq(group_submit_err(fd, 0xdead, qs, 1), EINVAL);
		{
			struct drm_panthor_group_submit args = {
				.group_handle = group,
				.pad = 1,
				.queue_submits = DRM_PANTHOR_OBJ_ARRAY(1, qs),
			};

			do_ioctl_err(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args, EINVAL);
			args.pad = 0;
			args.queue_submits.stride = 32;
			do_ioctl_err(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args, EINVAL);
			args.queue_submits.array = 8;
			args.queue_submits.stride = sizeof(qs[0]);
			do_ioctl_err(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args, EFAULT);
			/* No submits at all: nothing to do. */
			args.queue_submits.count = 0;
			do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &args);
		}

		/* None of the refused jobs ran or signalled anything. */
		usleep(SHORT_WAIT_MS * 1000);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0);
		igt_assert_eq(sync_obj_wait(fd, done, 0), EINVAL);

		/* The group is still fine. */
		two_submits(qs, sync, &s, done);
		igt_assert_eq(group_submit_err(fd, group, qs, 1), 0);
		assert_done_ok(fd, done);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0x1234);
		assert_group_state(fd, group, 0, 0);

		sync_obj_destroy(fd, done);
		sync_obj_destroy(fd, empty);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("A signal on an unknown syncobj handle is refused with "
		     "EINVAL and nothing of the submit runs.");
	igt_subtest("group-submit-unknown-signal-syncobj") {
		struct drm_panthor_sync_op sync[2];
		struct drm_panthor_queue_submit qs[2];
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done;

		/*
		 * The 6.12 driver (uAPI 1.0) oopses here: it puts the NULL
		 * syncobj it failed to look up (panthor_sync_signal_free()).
		 * Nothing else in the uAPI tells it apart, so every 1.0 driver
		 * skips this.
		 */
		igt_require_f(drm_minor >= 1,
			      "uAPI 1.0 drivers dereference NULL on this\n");
		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);
		job_stream(&ctx, &s, 0, 256);
		emit_store_value(&s, ctx.data.va, 0x1234);

		sync[0] = sync_signal(done);
		sync[1] = sync_signal(0xdeadbeef);
		for (unsigned int i = 0; i < 2; i++)
			qs[i] = (struct drm_panthor_queue_submit) {
				.stream_size = stream_bytes(&s),
				.stream_addr = s.va,
				.syncs = DRM_PANTHOR_OBJ_ARRAY(1, &sync[i]),
			};
		igt_assert_eq(group_submit_err(fd, group, qs, 2), EINVAL);
		usleep(SHORT_WAIT_MS * 1000);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0);
		igt_assert_eq(sync_obj_wait(fd, done, 0), EINVAL);

		igt_assert_eq(group_submit_err(fd, group, qs, 1), 0);
		assert_done_ok(fd, done);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0x1234);

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("A group with a queue per CS slot: one GROUP_SUBMIT gives "
		     "each queue a job writing its own value; all land.");
	igt_subtest("group-submit-multi-queue") {
		uint32_t queues = csif_info.cs_slot_count;
		struct drm_panthor_queue_submit qs[QUEUES_ABS_MAX];
		struct drm_panthor_sync_op sync[QUEUES_ABS_MAX];
		uint32_t done[QUEUES_ABS_MAX];
		struct job_ctx ctx;
		uint32_t group;

		if (queues > QUEUES_ABS_MAX)
			queues = QUEUES_ABS_MAX;
		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, queues);

		for (uint32_t q = 0; q < queues; q++) {
			struct stream s;

			job_stream(&ctx, &s, q * 256, 256);
			emit_store_value(&s, ctx.data.va + 4 * q, 0xa0000000u + q);
			done[q] = sync_obj_create(fd);
			sync[q] = sync_signal(done[q]);
			qs[q] = (struct drm_panthor_queue_submit) {
				.queue_index = q,
				.stream_size = stream_bytes(&s),
				.stream_addr = s.va,
				.syncs = DRM_PANTHOR_OBJ_ARRAY(1, &sync[q]),
			};
		}
		igt_assert_eq(group_submit_err(fd, group, qs, queues), 0);
		for (uint32_t q = 0; q < queues; q++) {
			assert_done_ok(fd, done[q]);
			igt_assert_eq_u32(bo_word(&ctx.data, 4 * q), 0xa0000000u + q);
			sync_obj_destroy(fd, done[q]);
		}
		assert_group_state(fd, group, 0, 0);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("A group of every priority the caller may use runs the "
		     "write-a-value job.");
	igt_subtest("group-submit-priorities") {
		uint32_t allowed = expected_priorities(has_cap_sys_nice());

		for (uint8_t prio = 0; prio <= max_priority(); prio++) {
			if (!(allowed & (1u << prio)))
				continue;
			igt_info("priority %u\n", prio);
			run_store_job(fd, prio, 0xb0000000u + prio);
		}
	}

	igt_describe("More groups than CSG slots, one job each: every job runs "
		     "and writes its own value.");
	igt_subtest("group-submit-oversubscribed") {
		uint32_t count = csif_info.csg_slot_count + csif_info.csg_slot_count / 2;
		uint32_t groups[3 * 32 / 2], done[3 * 32 / 2];
		struct job_ctx ctx;

		igt_require(count <= ARRAY_SIZE(groups));
		job_ctx_init(fd, &ctx);
		for (uint32_t i = 0; i < count; i++) {
			struct stream s;

			groups[i] = group_create(fd, ctx.vm_id, 1);
			done[i] = sync_obj_create(fd);
			job_stream(&ctx, &s, i * 256, 256);
			emit_store_value(&s, ctx.data.va + 4 * i, 0xc0000000u + i);
			submit_stream(fd, groups[i], 0, &s, done[i]);
		}
		for (uint32_t i = 0; i < count; i++) {
			assert_done_ok(fd, done[i]);
			igt_assert_eq_u32(bo_word(&ctx.data, 4 * i), 0xc0000000u + i);
			assert_group_state(fd, groups[i], 0, 0);
			sync_obj_destroy(fd, done[i]);
			group_destroy(fd, groups[i]);
		}
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("A long job: a BRANCH loop of 100000 iterations counting in "
		     "a register, then storing the count.");
	igt_subtest("group-submit-long-job") {
		const uint32_t iterations = 100000;
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done;
		int64_t t0;

		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);

		job_stream(&ctx, &s, 0, 512);
		emit_timestamp(&s, ctx.data.va + 64);
		emit_counting_loop(&s, iterations, ctx.data.va);
		emit_timestamp(&s, ctx.data.va + 72);
		emit_flush(&s);
		t0 = now_ns();
		submit_stream(fd, group, 0, &s, done);
		assert_done_ok(fd, done);
		igt_info("%u iterations in %" PRId64 " ms (GPU: %" PRIu64 " ticks)\n",
			 iterations, (int64_t)((now_ns() - t0) / NS_PER_MS),
			 bo_dword(&ctx.data, 72) - bo_dword(&ctx.data, 64));
		igt_assert_eq_u32(bo_word(&ctx.data, 0), iterations);
		igt_assert_lt_u64(bo_dword(&ctx.data, 64), bo_dword(&ctx.data, 72));

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("GPU timestamps are one clock for every stream: a long job "
		     "that stores a timestamp after a short job of another group "
		     "has completed stores a later one.");
	igt_subtest("group-timestamps-monotonic") {
		uint64_t early, late;
		struct job_ctx ctx;
		struct stream s;
		uint32_t ga, gb, da, db;

		job_ctx_init(fd, &ctx);
		ga = group_create(fd, ctx.vm_id, 1);
		gb = group_create(fd, ctx.vm_id, 1);
		da = sync_obj_create(fd);
		db = sync_obj_create(fd);

		job_stream(&ctx, &s, 0, 512);
		emit_counting_loop(&s, 30 * LONG_LOOP, ctx.data.va);
		emit_timestamp(&s, ctx.data.va + 64);
		emit_flush(&s);
		submit_stream(fd, ga, 0, &s, da);
		usleep(SHORT_WAIT_MS * 1000);

		job_stream(&ctx, &s, 512, 256);
		emit_timestamp(&s, ctx.data.va + 72);
		emit_flush(&s);
		submit_stream(fd, gb, 0, &s, db);
		assert_done_ok(fd, db);
		/* The long job's timestamp is stored after this point. */
		igt_require_f(sync_obj_wait(fd, da, 0) == ETIME,
			      "the long job ended before the short one\n");
		assert_done_ok(fd, da);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 30 * LONG_LOOP);

		early = bo_dword(&ctx.data, 72);
		late = bo_dword(&ctx.data, 64);
		igt_info("short job %" PRIu64 ", long job after it %" PRIu64 "\n",
			 early, late);
		igt_assert_lte_u64(early, late);

		sync_obj_destroy(fd, da);
		sync_obj_destroy(fd, db);
		group_destroy(fd, ga);
		group_destroy(fd, gb);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("One group more than CSG slots, each running a long "
		     "counting loop: the scheduler must suspend one while "
		     "others run (more loops are in progress at once than there "
		     "are slots, as a census in memory shows) and every resumed "
		     "loop ends with the right count.");
	igt_subtest("group-evict-resume") {
		uint32_t count = csif_info.csg_slot_count + 1;
		uint32_t groups[64], done[64], most = 0;
		struct job_ctx ctx;
		int64_t t0;

		igt_require(count <= ARRAY_SIZE(groups));
		job_ctx_init(fd, &ctx);
		for (uint32_t i = 0; i < count; i++) {
			groups[i] = group_create(fd, ctx.vm_id, 1);
			done[i] = sync_obj_create(fd);
		}
		t0 = now_ns();
		for (uint32_t i = 0; i < count; i++) {
			uint64_t result = ctx.data.va + 16 * i;
			struct stream s;

			/*
			 * All wait for the host, so that they are queued
			 * before any runs; then count at +0, with a census at
			 * the start (+4) and the end (+8).
			 */
			job_stream(&ctx, &s, i * 512, 512);
			emit_wait_release(&s, ctx.data.va + RELEASE_OFFSET);
			emit_census(&s, ctx.data.va + CENSUS_OFFSET, 1, result + 4);
			emit_counting_loop(&s, EVICT_LOOP, result);
			emit_census(&s, ctx.data.va + CENSUS_OFFSET, 0, result + 8);
			emit_census(&s, ctx.data.va + CENSUS_OFFSET, -1, result + 12);
			emit_flush(&s);
			submit_stream(fd, groups[i], 0, &s, done[i]);
		}
		usleep(SHORT_WAIT_MS * 1000);
		igt_assert_eq_u32(bo_word(&ctx.data, CENSUS_OFFSET), 0);
		release_jobs(fd, &ctx);
		for (uint32_t i = 0; i < count; i++)
			assert_done_ok(fd, done[i]);
		igt_info("%u loops of %u iterations in %" PRId64 " ms\n", count,
			 EVICT_LOOP, (int64_t)((now_ns() - t0) / NS_PER_MS));

		for (uint32_t i = 0; i < count; i++) {
			uint32_t first = bo_word(&ctx.data, 16 * i + 4);
			uint32_t last = bo_word(&ctx.data, 16 * i + 8);

			igt_assert_eq_u32(bo_word(&ctx.data, 16 * i), EVICT_LOOP);
			igt_debug("loop %u: %u then %u in progress\n", i, first, last);
			igt_assert(first >= 1 && first <= count);
			igt_assert(last >= 1 && last <= count);
			most = first > most ? first : most;
			most = last > most ? last : most;
			assert_group_state(fd, groups[i], 0, 0);
		}
		igt_assert_eq_u32(bo_word(&ctx.data, CENSUS_OFFSET), 0);
		igt_info("at most %u loops in progress at once, %u CSG slots\n",
			 most, csif_info.csg_slot_count);
		igt_assert_lt_u32(csif_info.csg_slot_count, most);

		for (uint32_t i = 0; i < count; i++) {
			sync_obj_destroy(fd, done[i]);
			group_destroy(fd, groups[i]);
		}
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("A job waiting for a sync object that never changes times "
		     "out: its fence fails, the group reports TIMEDOUT and "
		     "takes no more jobs, and other groups still run.");
	igt_subtest("group-timeout") {
		struct drm_panthor_group_get_state state;
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done;
		int64_t t0;

		job_ctx_init(fd, &ctx);
		group = group_create(fd, ctx.vm_id, 1);
		done = sync_obj_create(fd);

		job_stream(&ctx, &s, 0, 256);
		emit_wait_release(&s, ctx.data.va + RELEASE_OFFSET);
		emit_store_value(&s, ctx.data.va, 0x7e57);
		t0 = now_ns();
		submit_stream(fd, group, 0, &s, done);

		igt_assert_eq(sync_obj_wait(fd, done, HANG_TIMEOUT_MS), 0);
		igt_info("timed out after %" PRId64 " ms\n",
			 (int64_t)((now_ns() - t0) / NS_PER_MS));
		igt_assert_lt(sync_obj_status(fd, done), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0);

		igt_assert_eq(group_state_err(fd, group, &state), 0);
		igt_assert_eq_u32(state.state, DRM_PANTHOR_GROUP_STATE_TIMEDOUT);
		igt_assert_eq_u32(state.fatal_queues, 0);

		job_stream(&ctx, &s, 256, 256);
		emit_store_value(&s, ctx.data.va, 0x7e57);
		{
			struct drm_panthor_queue_submit qs = {
				.stream_size = stream_bytes(&s),
				.stream_addr = s.va,
			};

			igt_assert_eq(group_submit_err(fd, group, &qs, 1), EINVAL);
		}
		run_store_job(fd, PANTHOR_GROUP_PRIORITY_MEDIUM, 0x600d);

		sync_obj_destroy(fd, done);
		group_destroy(fd, group);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("An invalid instruction on queue 1 is a fatal fault: the "
		     "job fails at once, GROUP_GET_STATE says FATAL_FAULT on "
		     "queue 1, nothing after the instruction runs, the group "
		     "takes no more jobs, and another group is unaffected.");
	igt_subtest("group-fatal-fault") {
		struct drm_panthor_queue_submit qs = {};
		uint32_t bad, good, done_bad, done_good;
		struct job_ctx ctx;
		struct stream s;

		job_ctx_init(fd, &ctx);
		bad = group_create(fd, ctx.vm_id, 2);
		good = group_create(fd, ctx.vm_id, 1);
		done_bad = sync_obj_create(fd);
		done_good = sync_obj_create(fd);

		/* The other group waits for the host meanwhile. */
		job_stream(&ctx, &s, 0, 256);
		emit_wait_release(&s, ctx.data.va + RELEASE_OFFSET);
		emit_store_value(&s, ctx.data.va + 16, 0x900d);
		submit_stream(fd, good, 0, &s, done_good);

		/* Queue 0 of the faulty group works before the fault. */
		job_stream(&ctx, &s, 256, 256);
		emit_store_value(&s, ctx.data.va, 0x1);
		submit_stream(fd, bad, 0, &s, done_bad);
		assert_done_ok(fd, done_bad);

		job_stream(&ctx, &s, 512, 256);
		emit_store_value(&s, ctx.data.va + 4, 0x2);
		emit(&s, insn(OPC_UNASSIGNED, 0));
		emit_store_value(&s, ctx.data.va + 8, 0x3);
		submit_stream(fd, bad, 1, &s, done_bad);

		igt_assert_eq(sync_obj_wait(fd, done_bad, DONE_TIMEOUT_MS), 0);
		igt_assert_lt(sync_obj_status(fd, done_bad), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0x1);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0x2);
		igt_assert_eq_u32(bo_word(&ctx.data, 8), 0);
		assert_group_state(fd, bad, DRM_PANTHOR_GROUP_STATE_FATAL_FAULT, 1u << 1);

		qs.queue_index = 0;
		qs.stream_size = 8 * 8;
		qs.stream_addr = ctx.code.va + 256;
		igt_assert_eq(group_submit_err(fd, bad, &qs, 1), EINVAL);

		/* The innocent group carries on. */
		igt_assert_eq(sync_obj_wait(fd, done_good, 0), ETIME);
		assert_group_state(fd, good, 0, 0);
		release_jobs(fd, &ctx);
		assert_done_ok(fd, done_good);
		igt_assert_eq_u32(bo_word(&ctx.data, 16), 0x900d);
		assert_group_state(fd, good, 0, 0);

		sync_obj_destroy(fd, done_bad);
		sync_obj_destroy(fd, done_good);
		group_destroy(fd, bad);
		group_destroy(fd, good);
		job_ctx_fini(fd, &ctx);
	}

	igt_describe("Destroying groups with blocked, queued and running jobs "
		     "signals every fence at once (with an error for the jobs "
		     "that did not finish), runs nothing more, and leaves the "
		     "device usable.");
	igt_subtest("group-destroy-busy") {
		uint32_t blocked, busy[4], done_blocked, done_queued, done_busy[4];
		struct job_ctx ctx;
		struct stream s;
		int64_t t0;

		job_ctx_init(fd, &ctx);
		blocked = group_create(fd, ctx.vm_id, 1);
		done_blocked = sync_obj_create(fd);
		done_queued = sync_obj_create(fd);

		job_stream(&ctx, &s, 0, 256);
		emit_wait_release(&s, ctx.data.va + RELEASE_OFFSET);
		emit_store_value(&s, ctx.data.va, 0x1);
		submit_stream(fd, blocked, 0, &s, done_blocked);
		job_stream(&ctx, &s, 256, 256);
		emit_store_value(&s, ctx.data.va + 4, 0x2);
		submit_stream(fd, blocked, 0, &s, done_queued);

		for (unsigned int i = 0; i < ARRAY_SIZE(busy); i++) {
			busy[i] = group_create(fd, ctx.vm_id, 1);
			done_busy[i] = sync_obj_create(fd);
			job_stream(&ctx, &s, 512 + i * 256, 256);
			emit_counting_loop(&s, 100 * LONG_LOOP, ctx.data.va + 32 + 4 * i);
			emit_flush(&s);
			submit_stream(fd, busy[i], 0, &s, done_busy[i]);
		}
		usleep(SHORT_WAIT_MS * 1000);
		igt_assert_eq(sync_obj_wait(fd, done_blocked, 0), ETIME);

		t0 = now_ns();
		group_destroy(fd, blocked);
		for (unsigned int i = 0; i < ARRAY_SIZE(busy); i++)
			group_destroy(fd, busy[i]);

		igt_assert_eq(sync_obj_wait(fd, done_blocked, DONE_TIMEOUT_MS), 0);
		igt_assert_eq(sync_obj_wait(fd, done_queued, DONE_TIMEOUT_MS), 0);
		for (unsigned int i = 0; i < ARRAY_SIZE(busy); i++)
			igt_assert_eq(sync_obj_wait(fd, done_busy[i], DONE_TIMEOUT_MS), 0);
		igt_info("fences signalled %" PRId64 " ms after the destroys\n",
			 (int64_t)((now_ns() - t0) / NS_PER_MS));
		igt_assert_lt(sync_obj_status(fd, done_blocked), 0);
		igt_assert_lt(sync_obj_status(fd, done_queued), 0);
		for (unsigned int i = 0; i < ARRAY_SIZE(busy); i++) {
			int status = sync_obj_status(fd, done_busy[i]);
			uint32_t count = bo_word(&ctx.data, 32 + 4 * i);

			/* Finished before the destroy, or cut short. */
			igt_assert_f((status == 1 && count == 100 * LONG_LOOP) ||
				     (status < 0 && count == 0),
				     "loop %u: status %d, count %u\n", i, status, count);
		}

		/* Releasing the stream now makes no difference: it is gone. */
		release_jobs(fd, &ctx);
		usleep(SHORT_WAIT_MS * 1000);
		igt_assert_eq_u32(bo_word(&ctx.data, 0), 0);
		igt_assert_eq_u32(bo_word(&ctx.data, 4), 0);

		sync_obj_destroy(fd, done_blocked);
		sync_obj_destroy(fd, done_queued);
		for (unsigned int i = 0; i < ARRAY_SIZE(busy); i++)
			sync_obj_destroy(fd, done_busy[i]);
		job_ctx_fini(fd, &ctx);
		run_store_job(fd, PANTHOR_GROUP_PRIORITY_MEDIUM, 0xd00d);
	}

	igt_describe("Closing a file whose group has a blocked job signals the "
		     "job's fence (seen through an exported sync file).");
	igt_subtest("group-close-busy") {
		int other = drm_reopen_driver(fd), sync_file;
		struct pollfd pfd = { .events = POLLIN };
		struct job_ctx ctx;
		struct stream s;
		uint32_t group, done;

		job_ctx_init(other, &ctx);
		group = group_create(other, ctx.vm_id, 1);
		done = sync_obj_create(other);
		job_stream(&ctx, &s, 0, 256);
		emit_wait_release(&s, ctx.data.va + RELEASE_OFFSET);
		emit_store_value(&s, ctx.data.va, 0x1);
		submit_stream(other, group, 0, &s, done);
		sync_file = sync_obj_export(other, done);

		usleep(SHORT_WAIT_MS * 1000);
		pfd.fd = sync_file;
		igt_assert_eq(poll(&pfd, 1, 0), 0);

		munmap(ctx.code.map, ctx.code.size);
		munmap(ctx.data.map, ctx.data.size);
		drm_close_driver(other);

		igt_assert_eq(poll(&pfd, 1, DONE_TIMEOUT_MS), 1);
		igt_assert_lt(sync_file_status(sync_file), 0);
		close(sync_file);
		run_store_job(fd, PANTHOR_GROUP_PRIORITY_MEDIUM, 0xc105e);
	}

	igt_fixture()
		drm_close_driver(fd);
}
