// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_heap - tiler heaps: TILER_HEAP_CREATE and TILER_HEAP_DESTROY, the
 * chunk list a heap starts with, and its growth when tiling work runs out of
 * memory.
 *
 * The argument rules are those of /work/shared/docs/uapi-abi.md §4.22,
 * §4.23, §5.11, §7.12 and §7.13; the chunk layout and the OOM handshake are
 * in /work/shared/docs/mali-csf-hw.md §4.11. The heap chunks are kernel
 * memory that userspace cannot map, so the tests read them on the GPU: a
 * command stream walks the chunk list and stores what it finds.
 *
 * Growth is checked on the GPU model (Documentation/gpu/panthor-model.rst):
 * each RUN_TILING takes 4 KiB of heap, chunks handed over by the driver go
 * to the heap context, and that context has the model's documented layout
 * (model/core/cs.h), which real firmware keeps private.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Create tiler heaps, walk their chunks and make them grow.");

#define PAGE_4K			0x1000ull
#define CHUNK_MIN		0x20000u	/* 128 KiB */
#define CHUNK_MAX		0x800000u	/* 8 MiB */
#define HEAPS_PER_VM		128
#define RING_SIZE		0x10000u

#define CODE_VA			0x1000000ull
#define DATA_VA			0x2000000ull
#define CODE_SIZE		(4 * PAGE_4K)
#define DATA_SIZE		(16 * PAGE_4K)

/* Layout of the data buffer. */
#define OUT_ERROR		0x0		/* STORE_STATE error status */
#define OUT_HANDLER_RUNS	0x8		/* TILER_OOM handler calls */
#define OUT_CONTEXT		0x40		/* the heap context, 32 bytes */
#define OUT_CHUNKS		0x1000		/* chunk headers, 64 bytes each */
#define TILER_DESC		0xf000		/* what r40:r41 points at */
#define MAX_WALK		64

#define CHUNK_HEADER		64
/* The model's tiler heap use, per RUN_TILING (model/core/cs.h). */
#define MODEL_DRAW_BYTES	4096u
/* Heap context words in the model's layout (model/core/cs.h). */
#define CTX_USED		0x08

#define NS_PER_MS		1000000ll
#define DONE_TIMEOUT_MS		10000

/* CS_FAULT exception type of a heap that cannot grow (mali-csf-hw.md §4.12). */
#define EXCEPTION_OOM		0x60

/* ---- Command stream encoding (cs-isa.md §2) ---- */

enum insn_opcode {
	OPC_MOVE48 = 1,
	OPC_MOVE32 = 2,
	OPC_WAIT = 3,
	OPC_RUN_TILING = 5,
	OPC_FINISH_FRAGMENT = 11,
	OPC_ADD_IMM32 = 16,
	OPC_ADD_IMM64 = 17,
	OPC_LOAD_MULTIPLE = 20,
	OPC_STORE_MULTIPLE = 21,
	OPC_BRANCH = 22,
	OPC_SET_EXCEPTION_HANDLER = 25,
	OPC_REQ_RESOURCE = 34,
	OPC_FLUSH_CACHE2 = 36,
	OPC_STORE_STATE = 40,
	OPC_HEAP_SET = 48,
	OPC_HEAP_OPERATION = 49,
};

#define COND_EQUAL		2
#define COND_NOT_EQUAL		3
#define FLUSH_CLEAN_INVALIDATE	3
#define FLUSH_OTHER_INVALIDATE	2
#define STATE_ERROR		3
#define HEAP_OP_VT_START	0
#define HEAP_OP_VT_END		1
#define EXCEPTION_TILER_OOM	2
#define RESOURCE_TILER		(1u << 2)

/*
 * Registers. RUN_TILING reads the resource pointers of selection 0 (SRT
 * r0:r1, FAU r8:r9, SPD r16:r17, TSD r24:r25) when they are not zero, and
 * the tiler context at r40:r41, so the streams keep their own state at r48
 * and up; r92-r95 belong to the kernel.
 */
#define R_SRT0			0
#define R_FAU0			8
#define R_SPD0			16
#define R_TSD0			24
#define R_TILER_CTX		40
#define R_HEADER		48	/* r48-r63: one chunk header */
#define R_HEAP			64	/* r64:r65 */
#define R_OUT			66	/* r66:r67 */
#define R_HANDLER		68	/* r68:r69 */
#define R_HANDLER_LEN		70
#define R_HANDLER_RUNS		71
#define R_CONTEXT		72	/* r72-r79: the heap context */
#define R_LINK			80	/* r80:r81 */
#define R_CHUNK			82	/* r82:r83 */
#define R_WALK_OUT		84	/* r84:r85 */
#define R_WALK_LEFT		86
#define R_ZERO64		88	/* r88:r89 */
#define R_FLUSH_ID		90

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

static uint64_t insn_wait(uint32_t mask)
{
	return insn(OPC_WAIT, insn_field(mask, 23, 16));
}

static uint64_t insn_add(bool wide, unsigned int dst, unsigned int src, int32_t imm)
{
	return insn(wide ? OPC_ADD_IMM64 : OPC_ADD_IMM32,
		    insn_field(dst, 55, 48) | insn_field(src, 47, 40) | (uint32_t)imm);
}

/* Load (@load) or store the registers of @mask from @base, at r(@addr)+@off. */
static uint64_t insn_load_store(bool load, unsigned int base, uint32_t mask,
				unsigned int addr, int16_t off)
{
	return insn(load ? OPC_LOAD_MULTIPLE : OPC_STORE_MULTIPLE,
		    insn_field(base, 55, 48) | insn_field(addr, 47, 40) |
		    insn_field(mask, 31, 16) | (uint16_t)off);
}

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

static uint32_t emit(struct stream *s, uint64_t word)
{
	igt_assert_lt_u32(s->count, s->max);
	s->cpu[s->count] = word;
	return s->count++;
}

/* Point the BRANCH at index @at to the next instruction to be emitted. */
static void branch_here(struct stream *s, uint32_t at)
{
	int32_t offset = (int32_t)s->count - (int32_t)(at + 1);

	s->cpu[at] |= (uint16_t)offset;
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

static void emit_flush(struct stream *s)
{
	emit(s, insn_move32(R_FLUSH_ID, 0));
	emit(s, insn_flush_caches(R_FLUSH_ID));
	emit_wait_all(s);
}

/*
 * Walk a chunk list from the link in r(R_LINK): store the 64-byte header of
 * every chunk at @out, one after the other, and stop after a zero link or
 * @max chunks. The next chunk's VA is its link less the size field, which
 * the caller knows: every chunk of a heap has the same size.
 */
static void emit_walk(struct stream *s, uint32_t chunk_size, uint64_t out,
		      uint32_t max)
{
	uint32_t top, exit;

	emit(s, insn_move48(R_WALK_OUT, out));
	emit(s, insn_move32(R_WALK_LEFT, max));
	/* The low word of a link holds the size field: zero only at the end. */
	top = emit(s, insn_branch(R_LINK, COND_EQUAL, 0));
	exit = top;
	emit(s, insn_add(true, R_CHUNK, R_LINK, -(int32_t)(chunk_size >> 12)));
	emit(s, insn_load_store(true, R_HEADER, 0xffff, R_CHUNK, 0));
	emit_wait_all(s);
	emit(s, insn_load_store(false, R_HEADER, 0xffff, R_WALK_OUT, 0));
	emit_wait_all(s);
	emit(s, insn_add(true, R_WALK_OUT, R_WALK_OUT, CHUNK_HEADER));
	emit(s, insn_add(true, R_LINK, R_HEADER, 0));
	emit(s, insn_add(false, R_WALK_LEFT, R_WALK_LEFT, -1));
	emit(s, insn_branch(R_WALK_LEFT, COND_NOT_EQUAL,
			    (int16_t)((int32_t)top - (int32_t)s->count - 1)));
	branch_here(s, exit);
}

/* ---- Buffers, VMs, groups ---- */

struct test_bo {
	uint32_t handle;
	uint64_t size;
	uint64_t va;
	void *map;
};

static struct drm_panthor_gpu_info gpu_info;

static uint32_t test_vm_create(int fd, uint64_t *user_end)
{
	struct drm_panthor_vm_create args = {};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_CREATE, &args);
	igt_assert_neq_u32(args.id, 0);
	if (user_end)
		*user_end = args.user_va_range;
	return args.id;
}

static void test_vm_destroy(int fd, uint32_t vm_id)
{
	struct drm_panthor_vm_destroy args = { .id = vm_id };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_DESTROY, &args);
}

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

static void test_bo_release(int fd, struct test_bo *bo)
{
	struct drm_gem_close args = { .handle = bo->handle };

	munmap(bo->map, bo->size);
	do_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

static uint64_t bo_dword(const struct test_bo *bo, uint64_t offset)
{
	return __atomic_load_n((uint64_t *)((char *)bo->map + offset), __ATOMIC_SEQ_CST);
}

static uint32_t group_create(int fd, uint32_t vm_id)
{
	struct drm_panthor_queue_create qc = { .priority = 1, .ringbuf_size = RING_SIZE };
	struct drm_panthor_group_create args = {
		.queues = DRM_PANTHOR_OBJ_ARRAY(1, &qc),
		.max_compute_cores = __builtin_popcountll(gpu_info.shader_present),
		.max_fragment_cores = __builtin_popcountll(gpu_info.shader_present),
		.max_tiler_cores = __builtin_popcountll(gpu_info.tiler_present),
		.priority = PANTHOR_GROUP_PRIORITY_MEDIUM,
		.compute_core_mask = gpu_info.shader_present,
		.fragment_core_mask = gpu_info.shader_present,
		.tiler_core_mask = gpu_info.tiler_present,
		.vm_id = vm_id,
	};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_CREATE, &args);
	return args.group_handle;
}

static void group_destroy(int fd, uint32_t handle)
{
	struct drm_panthor_group_destroy args = { .group_handle = handle };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_DESTROY, &args);
}

static int64_t deadline_ns(int64_t timeout_ms)
{
	struct timespec ts;

	igt_assert_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (int64_t)ts.tv_sec * 1000000000ll + ts.tv_nsec + timeout_ms * NS_PER_MS;
}

/* Run @s on a new group of @vm_id and wait for it to complete. */
static void run_stream(int fd, uint32_t vm_id, const struct stream *s)
{
	struct drm_syncobj_create create = {};
	struct drm_panthor_sync_op sync = {
		.flags = DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ |
			 DRM_PANTHOR_SYNC_OP_SIGNAL,
	};
	struct drm_panthor_queue_submit qs = {
		.stream_size = stream_bytes(s),
		.stream_addr = s->va,
		.syncs = DRM_PANTHOR_OBJ_ARRAY(1, &sync),
	};
	struct drm_panthor_group_submit submit = {
		.queue_submits = DRM_PANTHOR_OBJ_ARRAY(1, &qs),
	};
	struct drm_syncobj_wait wait = { .count_handles = 1 };
	struct drm_syncobj_destroy destroy = {};

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_CREATE, &create);
	sync.handle = create.handle;
	submit.group_handle = group_create(fd, vm_id);
	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &submit);

	wait.handles = (uintptr_t)&create.handle;
	wait.timeout_nsec = deadline_ns(DONE_TIMEOUT_MS);
	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_WAIT, &wait);

	group_destroy(fd, submit.group_handle);
	destroy.handle = create.handle;
	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_DESTROY, &destroy);
}

/* ---- Heaps ---- */

struct heap {
	uint32_t handle;
	uint32_t chunk_size;
	uint64_t ctx_va;
	uint64_t first_chunk_va;
};

static int heap_create_err(int fd, uint32_t vm_id, uint32_t initial,
			   uint32_t chunk_size, uint32_t max_chunks,
			   uint32_t target_in_flight, struct heap *heap)
{
	struct drm_panthor_tiler_heap_create args = {
		.vm_id = vm_id,
		.initial_chunk_count = initial,
		.chunk_size = chunk_size,
		.max_chunks = max_chunks,
		.target_in_flight = target_in_flight,
	};

	if (igt_ioctl(fd, DRM_IOCTL_PANTHOR_TILER_HEAP_CREATE, &args))
		return errno;

	igt_assert_eq_u32(args.handle >> 16, vm_id);
	igt_assert_lt_u32(args.handle & 0xffff, HEAPS_PER_VM);
	igt_assert_neq_u64(args.tiler_heap_ctx_gpu_va, 0);
	igt_assert_neq_u64(args.first_heap_chunk_gpu_va, 0);
	if (heap) {
		heap->handle = args.handle;
		heap->chunk_size = chunk_size;
		heap->ctx_va = args.tiler_heap_ctx_gpu_va;
		heap->first_chunk_va = args.first_heap_chunk_gpu_va;
	}
	return 0;
}

static void heap_create(int fd, uint32_t vm_id, uint32_t initial,
			uint32_t chunk_size, uint32_t max_chunks,
			uint32_t target_in_flight, struct heap *heap)
{
	igt_assert_eq(heap_create_err(fd, vm_id, initial, chunk_size, max_chunks,
				      target_in_flight, heap), 0);
}

static int heap_destroy_err(int fd, uint32_t handle)
{
	struct drm_panthor_tiler_heap_destroy args = { .handle = handle };

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY, &args) ? errno : 0;
}

static uint64_t chunk_link(uint64_t va, uint32_t chunk_size)
{
	return va | (chunk_size >> 12);
}

/*
 * Check the chunk headers a walk stored at @out and return how many chunks
 * the list had (the one with a zero link is the last): links carry the
 * heap's chunk size, chunks are page-aligned, distinct, in the kernel part
 * of the VM, and their headers are zero past the link. Their VAs go to @vas.
 */
static unsigned int check_chunk_list(const struct test_bo *data, uint64_t out,
				     uint64_t first_link, uint32_t chunk_size,
				     uint64_t user_end, uint64_t *vas)
{
	uint64_t link = first_link;
	unsigned int n = 0;

	while (link) {
		uint64_t header = out + n * CHUNK_HEADER;

		igt_assert_f(n < MAX_WALK, "chunk list longer than %u\n", MAX_WALK);
		igt_assert_eq_u64(link & 0xfff, chunk_size >> 12);
		vas[n] = link & ~0xfffull;
		igt_assert_lte_u64(user_end, vas[n]);
		for (unsigned int i = 0; i < n; i++)
			igt_assert_neq_u64(vas[i], vas[n]);
		for (unsigned int w = 8; w < CHUNK_HEADER; w += 8)
			igt_assert_eq_u64(bo_dword(data, header + w), 0);
		link = bo_dword(data, header);
		n++;
	}
	return n;
}

/*
 * A stream that binds @heap, opens a render pass and runs @draws RUN_TILING
 * jobs; with @handler, a TILER_OOM exception handler that counts its calls
 * and ends the render pass to recycle the chunks. It then stores its error
 * status, the handler's count, the heap context, and the headers of the
 * chunks the tiler filled (listed from the context's "used" word).
 */
static void build_tiling_stream(struct stream *s, struct stream *handler,
				const struct heap *heap, uint32_t draws)
{
	/* Resource pointers RUN_TILING would follow stay zero. */
	emit(s, insn_move48(R_SRT0, 0));
	emit(s, insn_move48(R_FAU0, 0));
	emit(s, insn_move48(R_SPD0, 0));
	emit(s, insn_move48(R_TSD0, 0));
	emit(s, insn_move48(R_TILER_CTX, DATA_VA + TILER_DESC));
	emit(s, insn_move48(R_ZERO64, 0));
	emit(s, insn_move32(R_HANDLER_RUNS, 0));

	if (handler) {
		emit(handler, insn_add(false, R_HANDLER_RUNS, R_HANDLER_RUNS, 1));
		/* End the pass without counting it: its chunks are free again. */
		emit(handler, insn(OPC_FINISH_FRAGMENT, insn_field(R_ZERO64, 47, 40) |
				   insn_field(R_ZERO64, 39, 32)));
		emit_wait_all(handler);
		emit(s, insn_move48(R_HANDLER, handler->va));
		emit(s, insn_move32(R_HANDLER_LEN, stream_bytes(handler)));
		emit(s, insn(OPC_SET_EXCEPTION_HANDLER, insn_field(R_HANDLER, 47, 40) |
			     insn_field(R_HANDLER_LEN, 39, 32) | EXCEPTION_TILER_OOM));
	}

	emit(s, insn_move48(R_HEAP, heap->ctx_va));
	emit(s, insn(OPC_HEAP_SET, insn_field(R_HEAP, 47, 40)));
	emit(s, insn(OPC_REQ_RESOURCE, RESOURCE_TILER));
	emit(s, insn(OPC_HEAP_OPERATION, insn_field(HEAP_OP_VT_START, 33, 32)));
	for (uint32_t i = 0; i < draws; i++)
		emit(s, insn(OPC_RUN_TILING, 0));
	emit_wait_all(s);
	emit(s, insn(OPC_HEAP_OPERATION, insn_field(HEAP_OP_VT_END, 33, 32)));
	emit_wait_all(s);

	emit(s, insn_move48(R_OUT, DATA_VA));
	emit(s, insn_store_state(R_OUT, OUT_ERROR, STATE_ERROR));
	emit(s, insn_load_store(false, R_HANDLER_RUNS, 1, R_OUT, OUT_HANDLER_RUNS));
	emit(s, insn_load_store(true, R_CONTEXT, 0xff, R_HEAP, 0));
	emit_wait_all(s);
	emit(s, insn_load_store(false, R_CONTEXT, 0xff, R_OUT, OUT_CONTEXT));
	emit_wait_all(s);
	emit(s, insn_add(true, R_LINK, R_CONTEXT + CTX_USED / 4, 0));
	emit_walk(s, heap->chunk_size, DATA_VA + OUT_CHUNKS, MAX_WALK);
	emit(s, insn(OPC_REQ_RESOURCE, 0));
	emit_flush(s);
}

/* What a tiling stream found; see build_tiling_stream(). */
struct tiling_result {
	uint64_t error;
	uint32_t handler_runs;
	unsigned int used_chunks;
	uint64_t used[MAX_WALK];
};

static void run_tiling(int fd, uint32_t vm_id, struct test_bo *code,
		       struct test_bo *data, const struct heap *heap,
		       uint32_t draws, bool with_handler, uint64_t user_end,
		       struct tiling_result *res)
{
	struct stream s = {
		.cpu = code->map, .va = code->va, .max = 3 * PAGE_4K / 8,
	};
	struct stream handler = {
		.cpu = (uint64_t *)((char *)code->map + 3 * PAGE_4K),
		.va = code->va + 3 * PAGE_4K, .max = PAGE_4K / 8,
	};

	memset(data->map, 0, data->size);
	build_tiling_stream(&s, with_handler ? &handler : NULL, heap, draws);
	run_stream(fd, vm_id, &s);

	res->error = bo_dword(data, OUT_ERROR);
	res->handler_runs = (uint32_t)bo_dword(data, OUT_HANDLER_RUNS);
	res->used_chunks = check_chunk_list(data, OUT_CHUNKS,
					    bo_dword(data, OUT_CONTEXT + CTX_USED),
					    heap->chunk_size, user_end, res->used);
	igt_info("%u draws: error %#" PRIx64 ", handler ran %u times, %u chunks in use\n",
		 draws, res->error, res->handler_runs, res->used_chunks);
}

/* Draws that fit in one chunk on the model: 4 KiB each after the header. */
static uint32_t draws_per_chunk(uint32_t chunk_size)
{
	return (chunk_size - CHUNK_HEADER) / MODEL_DRAW_BYTES;
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
		igt_require(csif_info.cs_reg_count - csif_info.unpreserved_cs_reg_count >=
			    R_FLUSH_ID + 1);
		igt_require(csif_info.scoreboard_slot_count >= 1 &&
			    csif_info.scoreboard_slot_count <= 8);
	}

	igt_describe("A heap is created in a VM with a handle naming that VM, a "
		     "context and a first chunk in the VM's kernel range, and "
		     "is destroyed once.");
	igt_subtest("heap-create-destroy") {
		struct heap a, b;
		uint64_t user_end;
		uint32_t vm_id = test_vm_create(fd, &user_end);

		heap_create(fd, vm_id, 1, CHUNK_MIN, 4, 1, &a);
		heap_create(fd, vm_id, 2, CHUNK_MIN, 4, 1, &b);
		igt_assert_neq_u32(a.handle, b.handle);
		igt_assert_neq_u64(a.ctx_va, b.ctx_va);
		igt_assert_neq_u64(a.first_chunk_va, b.first_chunk_va);
		for (unsigned int i = 0; i < 2; i++) {
			const struct heap *h = i ? &b : &a;

			/* Contexts are L2-line aligned, chunks page-aligned. */
			igt_assert_eq_u64(h->ctx_va & 63, 0);
			igt_assert_eq_u64(h->first_chunk_va & 0xfff, 0);
			igt_assert_lte_u64(user_end, h->ctx_va);
			igt_assert_lte_u64(user_end, h->first_chunk_va);
			igt_assert_gt_u64(1ull << (gpu_info.mmu_features & 0xff),
					  h->first_chunk_va);
		}
		igt_assert_eq(heap_destroy_err(fd, a.handle), 0);
		igt_assert_eq(heap_destroy_err(fd, a.handle), EINVAL);
		igt_assert_eq(heap_destroy_err(fd, b.handle), 0);
		igt_assert_eq(heap_destroy_err(fd, b.handle), EINVAL);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Chunk sizes are page multiples from 128 KiB to 8 MiB, 1 <= "
		     "initial_chunk_count <= max_chunks, the VM must be live; "
		     "target_in_flight is not checked. Anything else is EINVAL.");
	igt_subtest("heap-create-invalid") {
		const uint32_t bad_sizes[] = {
			0, PAGE_4K, CHUNK_MIN - PAGE_4K, CHUNK_MIN + 1,
			CHUNK_MIN + 64, CHUNK_MAX + PAGE_4K, 2 * CHUNK_MAX, UINT32_MAX,
		};
		const uint32_t good_sizes[] = {
			CHUNK_MIN, CHUNK_MIN + PAGE_4K, 3 * CHUNK_MIN, CHUNK_MAX,
		};
		uint32_t vm_id = test_vm_create(fd, NULL);
		uint32_t gone = test_vm_create(fd, NULL);
		int other = drm_reopen_driver(fd);
		struct heap h;

		for (unsigned int i = 0; i < ARRAY_SIZE(bad_sizes); i++)
			igt_assert_f(heap_create_err(fd, vm_id, 1, bad_sizes[i], 1, 1,
						     NULL) == EINVAL,
				     "chunk size %#x accepted\n", bad_sizes[i]);
		for (unsigned int i = 0; i < ARRAY_SIZE(good_sizes); i++) {
			heap_create(fd, vm_id, 1, good_sizes[i], 1, 1, &h);
			igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		}

		igt_assert_eq(heap_create_err(fd, vm_id, 0, CHUNK_MIN, 1, 1, NULL), EINVAL);
		igt_assert_eq(heap_create_err(fd, vm_id, 2, CHUNK_MIN, 1, 1, NULL), EINVAL);
		igt_assert_eq(heap_create_err(fd, vm_id, 1, CHUNK_MIN, 0, 1, NULL), EINVAL);
		igt_assert_eq(heap_create_err(fd, vm_id, 0, CHUNK_MIN, 0, 1, NULL), EINVAL);
		heap_create(fd, vm_id, 4, CHUNK_MIN, 4, 0, &h);
		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		heap_create(fd, vm_id, 1, CHUNK_MIN, UINT32_MAX, UINT32_MAX, &h);
		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);

		test_vm_destroy(fd, gone);
		igt_assert_eq(heap_create_err(fd, gone, 1, CHUNK_MIN, 1, 1, NULL), EINVAL);
		igt_assert_eq(heap_create_err(fd, 0, 1, CHUNK_MIN, 1, 1, NULL), EINVAL);
		igt_assert_eq(heap_create_err(fd, 0xdead, 1, CHUNK_MIN, 1, 1, NULL), EINVAL);
		/* VM ids are per file. */
		igt_assert_eq(heap_create_err(other, vm_id, 1, CHUNK_MIN, 1, 1, NULL),
			      EINVAL);
		drm_close_driver(other);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("TILER_HEAP_DESTROY: a non-zero pad, an unknown VM or heap "
		     "index, or a destroyed heap is EINVAL; a VM that never had "
		     "a heap is ENOENT.");
	igt_subtest("heap-destroy-invalid") {
		uint32_t vm_id = test_vm_create(fd, NULL);
		uint32_t poolless = test_vm_create(fd, NULL);
		struct drm_panthor_tiler_heap_destroy args = { .pad = 1 };
		int other = drm_reopen_driver(fd);
		struct heap h;

		heap_create(fd, vm_id, 1, CHUNK_MIN, 1, 1, &h);
		args.handle = h.handle;
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY, &args, EINVAL);
		igt_assert_eq(heap_destroy_err(fd, (vm_id << 16) | 0x7f), EINVAL);
		igt_assert_eq(heap_destroy_err(fd, (vm_id << 16) | 0xffff), EINVAL);
		igt_assert_eq(heap_destroy_err(fd, 0xdeadu << 16), EINVAL);
		igt_assert_eq(heap_destroy_err(fd, h.handle & 0xffff), EINVAL);
		igt_assert_eq(heap_destroy_err(fd, poolless << 16), ENOENT);
		/* Heap handles are per file, through their VM. */
		igt_assert_eq(heap_destroy_err(other, h.handle), EINVAL);

		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		igt_assert_eq(heap_destroy_err(fd, h.handle), EINVAL);
		drm_close_driver(other);
		test_vm_destroy(fd, poolless);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A VM holds at most 128 heaps; the next one is EBUSY, and "
		     "destroying one, or the VM, makes room again.");
	igt_subtest("heap-create-max") {
		uint32_t handles[HEAPS_PER_VM];
		uint32_t vm_id = test_vm_create(fd, NULL);
		struct heap h;

		for (unsigned int i = 0; i < HEAPS_PER_VM; i++) {
			heap_create(fd, vm_id, 1, CHUNK_MIN, 1, 1, &h);
			handles[i] = h.handle;
		}
		igt_assert_eq(heap_create_err(fd, vm_id, 1, CHUNK_MIN, 1, 1, NULL), EBUSY);
		igt_assert_eq(heap_destroy_err(fd, handles[42]), 0);
		heap_create(fd, vm_id, 1, CHUNK_MIN, 1, 1, &h);
		igt_assert_eq(heap_create_err(fd, vm_id, 1, CHUNK_MIN, 1, 1, NULL), EBUSY);
		test_vm_destroy(fd, vm_id);

		vm_id = test_vm_create(fd, NULL);
		heap_create(fd, vm_id, 1, CHUNK_MIN, 1, 1, &h);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("The initial chunks form a list from the first chunk: read "
		     "on the GPU, it has initial_chunk_count chunks with the "
		     "heap's chunk size, a zero header past each link and a "
		     "zero link at the end.");
	igt_subtest("heap-initial-chunks") {
		const uint32_t counts[] = { 1, 3, 5 };
		const uint32_t sizes[] = { CHUNK_MIN, CHUNK_MIN + PAGE_4K, 2 * CHUNK_MIN };
		struct test_bo code, data;
		uint64_t user_end, vas[MAX_WALK];
		uint32_t vm_id = test_vm_create(fd, &user_end);

		test_bo_create(fd, vm_id, CODE_VA, CODE_SIZE, &code);
		test_bo_create(fd, vm_id, DATA_VA, DATA_SIZE, &data);
		for (unsigned int i = 0; i < ARRAY_SIZE(counts); i++) {
			struct stream s = { .cpu = code.map, .va = code.va, .max = 64 };
			struct heap h;
			unsigned int n;

			heap_create(fd, vm_id, counts[i], sizes[i], counts[i] + 2, 1, &h);
			memset(data.map, 0, data.size);
			emit(&s, insn_move48(R_LINK, chunk_link(h.first_chunk_va, sizes[i])));
			emit_walk(&s, sizes[i], DATA_VA + OUT_CHUNKS, MAX_WALK);
			emit_flush(&s);
			run_stream(fd, vm_id, &s);

			n = check_chunk_list(&data, OUT_CHUNKS,
					     chunk_link(h.first_chunk_va, sizes[i]),
					     sizes[i], user_end, vas);
			igt_assert_eq(n, counts[i]);
			igt_assert_eq_u64(vas[0], h.first_chunk_va);
			igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		}
		test_bo_release(fd, &code);
		test_bo_release(fd, &data);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("Tiling work that needs more than the heap has makes the "
		     "driver hand over new chunks (TILER_OOM): the tiler's chunk "
		     "list has grown to hold every draw, with chunks of the "
		     "heap's size that are none of the initial ones, and the "
		     "stream saw no error.");
	igt_subtest("heap-grow") {
		const uint32_t chunk_size = CHUNK_MIN, draws = 3 * draws_per_chunk(CHUNK_MIN) + 1;
		uint64_t user_end, initial[MAX_WALK];
		struct tiling_result res;
		struct test_bo code, data;
		uint32_t vm_id = test_vm_create(fd, &user_end);
		struct heap h;

		test_bo_create(fd, vm_id, CODE_VA, CODE_SIZE, &code);
		test_bo_create(fd, vm_id, DATA_VA, DATA_SIZE, &data);
		heap_create(fd, vm_id, 2, chunk_size, 8, 4, &h);
		initial[0] = h.first_chunk_va;

		run_tiling(fd, vm_id, &code, &data, &h, draws, false, user_end, &res);
		igt_assert_eq_u64(res.error, 0);
		igt_assert_eq(res.used_chunks, 4);
		for (unsigned int i = 0; i < res.used_chunks; i++)
			igt_assert_neq_u64(res.used[i], initial[0]);

		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		test_bo_release(fd, &code);
		test_bo_release(fd, &data);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A heap at max_chunks cannot grow: with no TILER_OOM "
		     "handler the stream takes an OOM fault (its error state "
		     "says so) but the job completes; the chunks in use stay "
		     "within the limit.");
	igt_subtest("heap-oom-fault") {
		const uint32_t draws = 2 * draws_per_chunk(CHUNK_MIN);
		struct tiling_result res;
		struct test_bo code, data;
		uint64_t user_end;
		uint32_t vm_id = test_vm_create(fd, &user_end);
		struct heap h;

		test_bo_create(fd, vm_id, CODE_VA, CODE_SIZE, &code);
		test_bo_create(fd, vm_id, DATA_VA, DATA_SIZE, &data);
		/* Room for one chunk more than the initial one. */
		heap_create(fd, vm_id, 1, CHUNK_MIN, 2, 4, &h);

		run_tiling(fd, vm_id, &code, &data, &h, draws, false, user_end, &res);
		igt_assert_eq_u64(res.error, EXCEPTION_OOM);
		igt_assert_eq(res.used_chunks, 1);

		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		test_bo_release(fd, &code);
		test_bo_release(fd, &data);
		test_vm_destroy(fd, vm_id);
	}

	igt_describe("A heap at max_chunks with a TILER_OOM exception handler: "
		     "the handler runs (here it ends the render pass, which "
		     "frees the chunks) and all draws complete without an "
		     "error.");
	igt_subtest("heap-oom-handler") {
		const uint32_t per_chunk = draws_per_chunk(CHUNK_MIN);
		const uint32_t draws = 3 * per_chunk;
		struct tiling_result res;
		struct test_bo code, data;
		uint64_t user_end;
		uint32_t vm_id = test_vm_create(fd, &user_end);
		struct heap h;

		test_bo_create(fd, vm_id, CODE_VA, CODE_SIZE, &code);
		test_bo_create(fd, vm_id, DATA_VA, DATA_SIZE, &data);
		heap_create(fd, vm_id, 1, CHUNK_MIN, 2, 4, &h);

		run_tiling(fd, vm_id, &code, &data, &h, draws, true, user_end, &res);
		igt_assert_eq_u64(res.error, 0);
		/* One chunk, filled three times: two handler calls. */
		igt_assert_eq_u32(res.handler_runs, 2);
		igt_assert_eq(res.used_chunks, 1);

		igt_assert_eq(heap_destroy_err(fd, h.handle), 0);
		test_bo_release(fd, &code);
		test_bo_release(fd, &data);
		test_vm_destroy(fd, vm_id);
	}

	igt_fixture()
		drm_close_driver(fd);
}
