// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_run.c - "panthor-client run": built-in GPU workloads that check their
 * own results.
 *
 *   fill   STORE_MULTIPLE loops write a pattern into a BO; the CPU checks
 *          every word.
 *   copy   LOAD_MULTIPLE/STORE_MULTIPLE loops copy a BO, tail included;
 *          the CPU compares, and checks nothing was written past the end.
 *   chain  jobs on 3 groups x 2 queues, each waiting for the previous one's
 *          timeline point, increment a counter in memory (load, add,
 *          store) and a sync object (SYNC_ADD32), and log the value they
 *          saw: the counters must equal the job count and the log must be
 *          0, 1, 2, ...
 *   heap   RUN_TILING draws on a tiler heap that starts empty make the
 *          kernel grow it on tiler OOM; the stream records the heap
 *          context after each draw and walks the chunk list, a second
 *          pass must reuse the chunks after FINISH_FRAGMENT.
 *
 * Each prints one line, "NAME: PASS (...)" or "NAME: FAIL (...)".
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pc_cmd.h"

/**
 * struct pc_verdict - the outcome of one workload
 * @pass: the results were checked and right
 * @detail: what was done, or what went wrong
 */
struct pc_verdict {
	bool pass;
	char detail[512];
};

/* Record the verdict; returns @pass. */
__attribute__((format(printf, 3, 4)))
static bool pc_verdict(struct pc_verdict *v, bool pass, const char *fmt, ...)
{
	va_list ap;

	v->pass = pass;
	va_start(ap, fmt);
	vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
	va_end(ap);
	return pass;
}

/* A library call failed: its message is the verdict. */
static bool pc_verdict_error(struct pc_verdict *v)
{
	return pc_verdict(v, false, "%s", pc_last_error());
}

/* A seed that differs from run to run, so stale memory cannot pass. */
static uint32_t pc_seed(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_nsec ^ ts.tv_sec ^ getpid()) | 1;
}

/* ---- fill ---- */

#define FILL_BYTES	(64u * 1024)
#define FILL_BLOCK	64u		/* one STORE_MULTIPLE of 16 words */

/* Registers: r0-r15 the data, r20:r21 the address, r22 the loop count. */
#define FILL_R_ADDR	20
#define FILL_R_COUNT	22

static void pc_fill_stream(struct pc_cs_builder *b, uint64_t va, uint32_t seed)
{
	struct pc_cs_label loop = pc_cs_label_new(b);
	unsigned int i;

	for (i = 0; i < 16; i++)
		pc_cs_move32(b, i, seed + i);
	pc_cs_move48(b, FILL_R_ADDR, va);
	pc_cs_move32(b, FILL_R_COUNT, FILL_BYTES / FILL_BLOCK);

	pc_cs_label_place(b, loop);
	pc_cs_store_multiple(b, 0, 0xffff, FILL_R_ADDR, 0);
	/* The store reads r0-r15: let it finish before they change. */
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	for (i = 0; i < 16; i++)
		pc_cs_add_imm32(b, i, i, 16);
	pc_cs_add_imm64(b, FILL_R_ADDR, FILL_R_ADDR, FILL_BLOCK);
	pc_cs_add_imm32(b, FILL_R_COUNT, FILL_R_COUNT, -1);
	pc_cs_branch_to(b, PC_CS_COND_NEQUAL, FILL_R_COUNT, loop);
}

static bool pc_run_fill(struct pc_work *w, struct pc_verdict *v)
{
	uint32_t seed = pc_seed(), *words;
	struct pc_cs_builder b;
	struct pc_bo *bo;
	uint32_t i;

	if (pc_bo_new(w->dev, w->vm, FILL_BYTES, "fill target", &bo))
		return pc_verdict_error(v);
	words = bo->map;

	pc_work_begin(w, &b);
	pc_fill_stream(&b, bo->va, seed);
	if (pc_work_run(w, &b)) {
		pc_verdict_error(v);
		goto out;
	}

	for (i = 0; i < FILL_BYTES / 4; i++)
		if (words[i] != seed + i)
			break;
	if (i < FILL_BYTES / 4)
		pc_verdict(v, false, "word %u of the BO is 0x%08x, want 0x%08x",
			   i, words[i], seed + i);
	else
		pc_verdict(v, true, "%u bytes written by %u STORE_MULTIPLEs, every word checked",
			   FILL_BYTES, FILL_BYTES / FILL_BLOCK);
out:
	pc_bo_destroy(bo);
	return v->pass;
}

/* ---- copy ---- */

/* Not a multiple of the 64-byte block: the tail takes a partial mask. */
#define COPY_BYTES	(48u * 1024 + 40)
#define COPY_GUARD	4096u

/* r0-r15 data, r20:r21 source, r22:r23 destination, r24 loop count. */
#define COPY_R_SRC	20
#define COPY_R_DST	22
#define COPY_R_COUNT	24

static void pc_copy_block(struct pc_cs_builder *b, uint16_t mask)
{
	pc_cs_load_multiple(b, 0, mask, COPY_R_SRC, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_store_multiple(b, 0, mask, COPY_R_DST, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
}

static void pc_copy_stream(struct pc_cs_builder *b, uint64_t src, uint64_t dst)
{
	struct pc_cs_label loop = pc_cs_label_new(b);
	uint32_t tail_words = (COPY_BYTES % 64) / 4;

	pc_cs_move48(b, COPY_R_SRC, src);
	pc_cs_move48(b, COPY_R_DST, dst);
	pc_cs_move32(b, COPY_R_COUNT, COPY_BYTES / 64);

	pc_cs_label_place(b, loop);
	pc_copy_block(b, 0xffff);
	pc_cs_add_imm64(b, COPY_R_SRC, COPY_R_SRC, 64);
	pc_cs_add_imm64(b, COPY_R_DST, COPY_R_DST, 64);
	pc_cs_add_imm32(b, COPY_R_COUNT, COPY_R_COUNT, -1);
	pc_cs_branch_to(b, PC_CS_COND_NEQUAL, COPY_R_COUNT, loop);

	if (tail_words)
		pc_copy_block(b, (uint16_t)((1u << tail_words) - 1));
}

/* xorshift32: no two neighbouring words alike, different every run. */
static void pc_copy_pattern(uint32_t *words, uint32_t count, uint32_t x)
{
	for (uint32_t i = 0; i < count; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		words[i] = x;
	}
}

/*
 * The source is written in another DRM file on the same device and shared
 * as a dma-buf, as a client would hand a buffer to a compositor; it is read
 * back through our own mapping of the import.
 */
static int pc_copy_source(struct pc_work *w, struct pc_bo **srcp)
{
	struct pc_device *other;
	struct pc_bo *theirs;
	void *words;
	int fd = -1, ret;

	ret = pc_device_open(w->dev->path, &other);
	if (ret)
		return ret;
	ret = pc_bo_create(other, COPY_BYTES, 0, NULL, &theirs);
	if (!ret)
		ret = pc_bo_mmap(theirs, &words);
	if (!ret) {
		pc_copy_pattern(words, COPY_BYTES / 4, pc_seed());
		ret = pc_bo_export(theirs, &fd);
	}
	if (!ret)
		ret = pc_bo_import(w->dev, fd, srcp);
	if (fd >= 0)
		close(fd);
	pc_bo_destroy(theirs);
	pc_device_close(other);

	if (!ret)
		ret = pc_bo_mmap(*srcp, NULL);
	if (!ret)
		ret = pc_bo_bind(*srcp, w->vm,
				 DRM_PANTHOR_VM_BIND_OP_MAP_READONLY |
				 DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC);
	return ret;
}

/* The destination is mapped by a queued VM_BIND the job waits for. */
static int pc_copy_destination(struct pc_work *w, struct pc_bo **dstp,
			       uint32_t bound)
{
	struct pc_sync signal = { bound, 0 };
	struct pc_syncs syncs = { .signals = &signal, .signal_count = 1 };
	int ret;

	ret = pc_bo_create(w->dev, COPY_BYTES + COPY_GUARD, 0, NULL, dstp);
	if (!ret)
		ret = pc_bo_mmap(*dstp, NULL);
	if (!ret)
		ret = pc_bo_bind_async(*dstp, w->vm,
				       DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC,
				       &syncs);
	return ret;
}

static int pc_copy_submit(struct pc_work *w, const struct pc_bo *src,
			  const struct pc_bo *dst, uint32_t bound,
			  uint32_t done)
{
	struct pc_sync wait = { bound, 0 }, signal = { done, 0 };
	struct pc_group *group = NULL;
	struct pc_cs_builder b;
	struct pc_job job;
	int ret;

	pc_work_begin(w, &b);
	pc_copy_stream(&b, src->va, dst->va);
	ret = pc_work_finish(w, &b, 0, &job);
	if (!ret)
		ret = pc_group_create(w->dev, w->vm, NULL, &group);
	if (!ret) {
		job.syncs = (struct pc_syncs){ &wait, 1, &signal, 1 };
		ret = pc_group_submit(group, &job, 1);
	}
	if (!ret)
		ret = pc_work_wait(group, done, 0);
	pc_group_destroy(group);
	return ret;
}

static bool pc_run_copy(struct pc_work *w, struct pc_verdict *v)
{
	struct pc_bo *src_bo = NULL, *dst_bo = NULL;
	const uint32_t *src, *dst;
	uint32_t bound = 0, done = 0, i;
	const uint8_t *guard;

	if (pc_syncobj_create(w->dev, false, &bound) ||
	    pc_syncobj_create(w->dev, false, &done) ||
	    pc_copy_source(w, &src_bo) ||
	    pc_copy_destination(w, &dst_bo, bound)) {
		pc_verdict_error(v);
		goto out;
	}
	if (pc_copy_submit(w, src_bo, dst_bo, bound, done)) {
		pc_verdict_error(v);
		goto out;
	}

	src = src_bo->map;
	dst = dst_bo->map;
	for (i = 0; i < COPY_BYTES / 4; i++)
		if (dst[i] != src[i])
			break;
	guard = (const uint8_t *)dst_bo->map + COPY_BYTES;
	if (i < COPY_BYTES / 4) {
		pc_verdict(v, false, "word %u is 0x%08x, the source has 0x%08x",
			   i, dst[i], src[i]);
		goto out;
	}
	for (i = 0; i < COPY_GUARD; i++)
		if (guard[i])
			break;
	if (i < COPY_GUARD)
		pc_verdict(v, false, "byte %u past the end of the copy was written",
			   i);
	else
		pc_verdict(v, true, "%u bytes copied by LOAD/STORE_MULTIPLE, %u-byte tail included, nothing past the end; source shared as a dma-buf from another DRM file, destination bound by an async VM_BIND",
			   COPY_BYTES, COPY_BYTES % 64);
out:
	pc_bo_destroy(dst_bo);
	pc_bo_destroy(src_bo);
	pc_syncobj_destroy(w->dev, done);
	pc_syncobj_destroy(w->dev, bound);
	return v->pass;
}

/* ---- chain ---- */

#define CHAIN_GROUPS	3
#define CHAIN_QUEUES	2
#define CHAIN_ROUNDS	3
#define CHAIN_JOBS	(CHAIN_GROUPS * CHAIN_QUEUES * CHAIN_ROUNDS)

/*
 * Shared BO: the counter at 0, a 32-bit sync object (value, status) at 8,
 * the log of values seen from 64.
 */
#define CHAIN_COUNTER	0
#define CHAIN_SYNC32	8
#define CHAIN_LOG	64

/* r0 the value, r2 the increment, r20:r21, r22:r23, r24:r25 addresses. */
#define CHAIN_R_VALUE	0
#define CHAIN_R_ONE	2
#define CHAIN_R_COUNTER	20
#define CHAIN_R_LOG	22
#define CHAIN_R_SYNC	24

/* Job @k: log the counter, increment it, and bump the sync object. */
static void pc_chain_stream(struct pc_cs_builder *b, uint64_t base,
			    uint32_t k)
{
	pc_cs_move48(b, CHAIN_R_COUNTER, base + CHAIN_COUNTER);
	pc_cs_move48(b, CHAIN_R_LOG, base + CHAIN_LOG + 4 * k);
	pc_cs_move48(b, CHAIN_R_SYNC, base + CHAIN_SYNC32);
	pc_cs_move32(b, CHAIN_R_ONE, 1);

	pc_cs_load_multiple(b, CHAIN_R_VALUE, 0x1, CHAIN_R_COUNTER, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_store_multiple(b, CHAIN_R_VALUE, 0x1, CHAIN_R_LOG, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_add_imm32(b, CHAIN_R_VALUE, CHAIN_R_VALUE, 1);
	pc_cs_store_multiple(b, CHAIN_R_VALUE, 0x1, CHAIN_R_COUNTER, 0);
	/* After the stores: the sync object says the job's work is done. */
	pc_cs_sync_add32(b, CHAIN_R_SYNC, CHAIN_R_ONE, PC_CS_SCOPE_SYSTEM, true,
			 1u << PC_SB_LS, PC_SB_LS);
}

/* The final point, exported as a sync file, must poll as signalled. */
static int pc_chain_sync_file(struct pc_device *dev, uint32_t timeline)
{
	struct pollfd pfd = { .events = POLLIN };
	int ret;

	ret = pc_syncobj_export_sync_file(dev, timeline, CHAIN_JOBS, &pfd.fd);
	if (ret)
		return ret;
	ret = poll(&pfd, 1, 0);
	close(pfd.fd);
	if (ret != 1)
		return pc_fail(-EIO, "the sync file of point %u is not signalled",
			       CHAIN_JOBS);
	return 0;
}

static int pc_chain_submit(struct pc_work *w, struct pc_group **groups,
			   uint64_t base, uint32_t timeline)
{
	uint32_t k;
	int ret;

	for (k = 0; k < CHAIN_JOBS; k++) {
		struct pc_group *group = groups[(k / CHAIN_QUEUES) % CHAIN_GROUPS];
		struct pc_sync after = { timeline, k };
		struct pc_sync done = { timeline, k + 1 };
		struct pc_cs_builder b;
		struct pc_job job;

		pc_work_begin(w, &b);
		pc_chain_stream(&b, base, k);
		ret = pc_work_finish(w, &b, k % CHAIN_QUEUES, &job);
		if (ret)
			return ret;
		/* Job 0 has nothing to wait for. */
		job.syncs.waits = &after;
		job.syncs.wait_count = k ? 1 : 0;
		job.syncs.signals = &done;
		job.syncs.signal_count = 1;
		ret = pc_group_submit(group, &job, 1);
		if (ret)
			return ret;
	}
	return pc_work_wait(groups[(CHAIN_JOBS - 1) / CHAIN_QUEUES %
				   CHAIN_GROUPS], timeline, CHAIN_JOBS);
}

static bool pc_chain_check(struct pc_device *dev, const uint32_t *mem,
			   uint32_t timeline, struct pc_verdict *v)
{
	const uint32_t *log = mem + CHAIN_LOG / 4;
	uint64_t point = 0;
	uint32_t k;

	if (pc_syncobj_query(dev, timeline, &point))
		return pc_verdict_error(v);
	for (k = 0; k < CHAIN_JOBS; k++)
		if (log[k] != k)
			return pc_verdict(v, false, "job %u saw the counter at %u, want %u (out of order)",
					  k, log[k], k);
	if (mem[CHAIN_COUNTER / 4] != CHAIN_JOBS)
		return pc_verdict(v, false, "counter is %u, want %u",
				  mem[CHAIN_COUNTER / 4], CHAIN_JOBS);
	if (mem[CHAIN_SYNC32 / 4] != CHAIN_JOBS || mem[CHAIN_SYNC32 / 4 + 1])
		return pc_verdict(v, false, "sync object is %u (status %u), want %u (0)",
				  mem[CHAIN_SYNC32 / 4],
				  mem[CHAIN_SYNC32 / 4 + 1], CHAIN_JOBS);
	if (point != CHAIN_JOBS)
		return pc_verdict(v, false, "timeline is at %" PRIu64 ", want %u",
				  point, CHAIN_JOBS);
	if (pc_chain_sync_file(dev, timeline))
		return pc_verdict_error(v);
	return pc_verdict(v, true, "%u jobs on %u groups x %u queues ran in timeline order; counter, SYNC_ADD32 object and timeline all at %u",
		   CHAIN_JOBS, CHAIN_GROUPS, CHAIN_QUEUES, CHAIN_JOBS);
}

static bool pc_run_chain(struct pc_work *w, struct pc_verdict *v)
{
	struct pc_group_params params = { .queue_count = CHAIN_QUEUES };
	struct pc_group *groups[CHAIN_GROUPS] = { NULL };
	uint32_t timeline = 0, g;
	struct pc_bo *bo = NULL;

	if (pc_bo_new(w->dev, w->vm, 4096, "chain counters", &bo) ||
	    pc_syncobj_create(w->dev, false, &timeline)) {
		pc_verdict_error(v);
		goto out;
	}
	for (g = 0; g < CHAIN_GROUPS; g++) {
		if (pc_group_create(w->dev, w->vm, &params, &groups[g])) {
			pc_verdict_error(v);
			goto out;
		}
	}
	if (pc_chain_submit(w, groups, bo->va, timeline)) {
		pc_verdict_error(v);
		goto out;
	}
	pc_chain_check(w->dev, bo->map, timeline, v);
out:
	for (g = 0; g < CHAIN_GROUPS; g++)
		pc_group_destroy(groups[g]);
	pc_syncobj_destroy(w->dev, timeline);
	pc_bo_destroy(bo);
	return v->pass;
}

/* ---- heap ---- */

#define HEAP_CHUNK	(128u * 1024)
#define HEAP_MAX_CHUNKS	16
#define HEAP_DRAWS	100
#define HEAP_WALK_MAX	64

/*
 * The heap context as the model lays it out (model/core/cs.h): the free
 * chunk list at 0x00, the chunk being filled at 0x08 (its link word chains
 * the chunks filled before it), the bytes used of it at 0x10. Each is
 * recorded after every draw as 8 words: free, used, top, 3 unused.
 */
#define HEAP_CTX_FREE	0x00
#define HEAP_CTX_USED	0x08
#define HEAP_RECORD	32u

/*
 * Results BO: records of pass 1, the record after FINISH_FRAGMENT, the
 * records of pass 2, then the chunk walk (links, 0 ended).
 */
#define HEAP_REC1	0
#define HEAP_REC_FRAG	(HEAP_REC1 + HEAP_DRAWS * HEAP_RECORD)
#define HEAP_REC2	(HEAP_REC_FRAG + HEAP_RECORD)
#define HEAP_WALK	(HEAP_REC2 + HEAP_DRAWS * HEAP_RECORD)
#define HEAP_RESULTS	(HEAP_WALK + 8 * (HEAP_WALK_MAX + 1))

/*
 * RUN_TILING reads r0-r31 (resource pairs) and r32-r63 (job registers), so
 * our own live above them: r80-r84 the record, r64:r65 the heap context,
 * r66:r67 the record pointer, r68 the loop count, r70:r71 the walk output,
 * r72 its bound, r74:r75 the link followed, r76:r77 the chunk it points
 * to. r40:r41 is the tiler context.
 */
#define HEAP_R_RECORD	80
#define HEAP_R_CTX	64
#define HEAP_R_REC	66
#define HEAP_R_COUNT	68
#define HEAP_R_WALK	70
#define HEAP_R_BOUND	72
#define HEAP_R_LINK	74
#define HEAP_R_CHUNK	76

static void pc_heap_record(struct pc_cs_builder *b)
{
	pc_cs_load_multiple(b, HEAP_R_RECORD, 0x1f, HEAP_R_CTX, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_store_multiple(b, HEAP_R_RECORD, 0x1f, HEAP_R_REC, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_add_imm64(b, HEAP_R_REC, HEAP_R_REC, HEAP_RECORD);
}

/* @HEAP_DRAWS tiling jobs that each take heap memory, recorded one by one. */
static void pc_heap_pass(struct pc_cs_builder *b, uint64_t records)
{
	static const struct pc_cs_sel sel;
	struct pc_cs_label loop = pc_cs_label_new(b);

	pc_cs_move48(b, HEAP_R_REC, records);
	pc_cs_move32(b, HEAP_R_COUNT, HEAP_DRAWS);
	pc_cs_heap_operation(b, PC_CS_HEAP_VT_START, 0, PC_SB_LS);
	pc_cs_label_place(b, loop);
	pc_cs_run_tiling(b, 0, &sel, false);
	pc_cs_wait(b, 1u << PC_SB_ENDPOINT, false);
	pc_heap_record(b);
	pc_cs_add_imm32(b, HEAP_R_COUNT, HEAP_R_COUNT, -1);
	pc_cs_branch_to(b, PC_CS_COND_NEQUAL, HEAP_R_COUNT, loop);
	pc_cs_heap_operation(b, PC_CS_HEAP_VT_END, 1u << PC_SB_ENDPOINT,
			     PC_SB_LS);
	pc_cs_finish_tiling(b, false);
}

/*
 * Follow the link words from the chunk being filled. A link is the chunk's
 * VA with its size in pages in the low bits, so the chunk starts at link
 * minus that size; the low word of a link is never 0, that of the end is.
 */
static void pc_heap_walk(struct pc_cs_builder *b, uint64_t out)
{
	struct pc_cs_label loop = pc_cs_label_new(b);
	struct pc_cs_label done = pc_cs_label_new(b);

	pc_cs_move48(b, HEAP_R_WALK, out);
	pc_cs_move32(b, HEAP_R_BOUND, HEAP_WALK_MAX);
	pc_cs_load_multiple(b, HEAP_R_LINK, 0x3, HEAP_R_CTX, HEAP_CTX_USED);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_label_place(b, loop);
	pc_cs_branch_to(b, PC_CS_COND_EQUAL, HEAP_R_LINK, done);
	pc_cs_store_multiple(b, HEAP_R_LINK, 0x3, HEAP_R_WALK, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_add_imm64(b, HEAP_R_WALK, HEAP_R_WALK, 8);
	pc_cs_add_imm64(b, HEAP_R_CHUNK, HEAP_R_LINK,
			-(int32_t)(HEAP_CHUNK >> 12));
	pc_cs_load_multiple(b, HEAP_R_LINK, 0x3, HEAP_R_CHUNK, 0);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_add_imm32(b, HEAP_R_BOUND, HEAP_R_BOUND, -1);
	pc_cs_branch_to(b, PC_CS_COND_NEQUAL, HEAP_R_BOUND, loop);
	pc_cs_label_place(b, done);
}

static void pc_heap_stream(struct pc_cs_builder *b, const struct pc_heap *heap,
			   uint64_t tiler_ctx, uint64_t results)
{
	/* No shader resources: selection 0 of each pair reads as absent. */
	pc_cs_move48(b, PC_CS_REG_SRT(0), 0);
	pc_cs_move48(b, PC_CS_REG_FAU(0), 0);
	pc_cs_move48(b, PC_CS_REG_SPD(0), 0);
	pc_cs_move48(b, PC_CS_REG_TSD(0), 0);
	pc_cs_req_resource(b, PC_CS_RES_TILER | PC_CS_RES_IDVS);
	pc_cs_move48(b, HEAP_R_CTX, heap->ctx_va);
	pc_cs_heap_set(b, HEAP_R_CTX);
	pc_cs_move48(b, PC_CS_REG_TILER_CTX, tiler_ctx);

	pc_heap_pass(b, results + HEAP_REC1);
	pc_heap_walk(b, results + HEAP_WALK);

	/* The fragment pass is done with every chunk: they are free again. */
	pc_cs_finish_fragment(b, true, HEAP_R_LINK, HEAP_R_LINK,
			      1u << PC_SB_ENDPOINT, PC_SB_LS);
	pc_cs_wait(b, 1u << PC_SB_LS, false);
	pc_cs_move48(b, HEAP_R_REC, results + HEAP_REC_FRAG);
	pc_heap_record(b);

	pc_heap_pass(b, results + HEAP_REC2);
	pc_cs_finish_fragment(b, true, HEAP_R_LINK, HEAP_R_LINK,
			      1u << PC_SB_ENDPOINT, PC_SB_LS);
	pc_cs_req_resource(b, 0);
}

static uint64_t pc_heap_word(const uint8_t *results, uint32_t offset)
{
	uint64_t v;

	memcpy(&v, results + offset, sizeof(v));
	return v;
}

/* Distinct "used" chunks of a pass, in order of first use. */
static uint32_t pc_heap_chunks(const uint8_t *records, uint64_t *chunks,
			       uint32_t max)
{
	uint32_t n = 0, i, j;

	for (i = 0; i < HEAP_DRAWS; i++) {
		uint64_t used = pc_heap_word(records, i * HEAP_RECORD +
					     HEAP_CTX_USED);

		for (j = 0; j < n && chunks[j] != used; j++)
			;
		if (j == n && n < max)
			chunks[n++] = used;
	}
	return n;
}

static bool pc_heap_check(const uint8_t *res, struct pc_verdict *v)
{
	uint64_t pass1[HEAP_WALK_MAX], pass2[HEAP_WALK_MAX], link;
	uint32_t n1, n2, walked, i, j;

	n1 = pc_heap_chunks(res + HEAP_REC1, pass1, HEAP_WALK_MAX);
	n2 = pc_heap_chunks(res + HEAP_REC2, pass2, HEAP_WALK_MAX);
	for (i = 0; i < n1; i++)
		if (!pass1[i] || (pass1[i] & 0xfff) != HEAP_CHUNK >> 12)
			return pc_verdict(v, false, "chunk link 0x%" PRIx64 " after a draw is not a %u KiB chunk",
					  pass1[i], HEAP_CHUNK / 1024);
	if (n1 < 2)
		return pc_verdict(v, false, "%u draws used %u chunk(s): the heap did not grow",
				  HEAP_DRAWS, n1);
	if (n1 > HEAP_MAX_CHUNKS - 1)
		return pc_verdict(v, false, "%u chunks in use, more than the kernel may add (%u)",
				  n1, HEAP_MAX_CHUNKS - 1);

	/* The walk meets the chunks newest first, then a zero link. */
	for (walked = 0; walked < HEAP_WALK_MAX; walked++) {
		link = pc_heap_word(res, HEAP_WALK + 8 * walked);
		if (!link)
			break;
		if (walked >= n1 || link != pass1[n1 - 1 - walked])
			return pc_verdict(v, false, "chunk list entry %u is 0x%" PRIx64 ", not the chunk the draws filled",
					  walked, link);
	}
	if (walked != n1)
		return pc_verdict(v, false, "the chunk list has %u chunks, the draws used %u",
				  walked, n1);

	if (pc_heap_word(res, HEAP_REC_FRAG + HEAP_CTX_USED) ||
	    !pc_heap_word(res, HEAP_REC_FRAG + HEAP_CTX_FREE))
		return pc_verdict(v, false, "FINISH_FRAGMENT did not return the chunks to the free list");

	for (i = 0; i < n2; i++) {
		for (j = 0; j < n1 && pass1[j] != pass2[i]; j++)
			;
		if (j == n1)
			return pc_verdict(v, false, "the second pass used a new chunk 0x%" PRIx64 " instead of a free one",
					  pass2[i]);
	}
	if (n2 != n1)
		return pc_verdict(v, false, "the second pass used %u chunks, the first %u",
				  n2, n1);
	return pc_verdict(v, true, "%u draws grew the heap by %u chunks of %u KiB on tiler OOM; chunk list walked; a second pass reused them",
		   HEAP_DRAWS, n1, HEAP_CHUNK / 1024);
}

static bool pc_run_heap(struct pc_work *w, struct pc_verdict *v)
{
	struct pc_bo *tiler = NULL, *results = NULL;
	struct pc_heap *heap = NULL;
	struct pc_cs_builder b;

	/* Nothing for the tiler to read yet but a zeroed context. */
	if (pc_heap_create(w->vm, HEAP_CHUNK, 1, HEAP_MAX_CHUNKS, 8, &heap) ||
	    pc_bo_new(w->dev, w->vm, 4096, "tiler context", &tiler) ||
	    pc_bo_new(w->dev, w->vm, HEAP_RESULTS, "heap records", &results)) {
		pc_verdict_error(v);
		goto out;
	}

	pc_work_begin(w, &b);
	pc_heap_stream(&b, heap, tiler->va, results->va);
	if (pc_work_run(w, &b)) {
		pc_verdict_error(v);
		goto out;
	}
	pc_heap_check(results->map, v);
out:
	pc_bo_destroy(results);
	pc_bo_destroy(tiler);
	pc_heap_destroy(heap);
	return v->pass;
}

/* ---- the command ---- */

static const struct {
	const char *name;
	bool (*run)(struct pc_work *w, struct pc_verdict *v);
	const char *what;
} pc_workloads[] = {
	{ "fill", pc_run_fill, "STORE_MULTIPLE loops write a pattern, checked on the CPU" },
	{ "copy", pc_run_copy, "LOAD/STORE_MULTIPLE loops copy a BO, checked on the CPU" },
	{ "chain", pc_run_chain, "jobs chained over 3 groups x 2 queues increment counters" },
	{ "heap", pc_run_heap, "tiler heap growth on tiler OOM, chunk list observed" },
};

#define PC_WORKLOAD_COUNT	ARRAY_SIZE(pc_workloads)

void pc_run_usage(FILE *out)
{
	for (size_t i = 0; i < PC_WORKLOAD_COUNT; i++)
		fprintf(out, "                    %-6s %s\n", pc_workloads[i].name,
			pc_workloads[i].what);
	fprintf(out, "                    all    every one of them, in this order\n");
}

static int pc_workload_index(const char *name)
{
	for (size_t i = 0; i < PC_WORKLOAD_COUNT; i++)
		if (!strcmp(name, pc_workloads[i].name))
			return (int)i;
	return -1;
}

/* Each workload gets its own VM and streams, so one cannot spoil another. */
static bool pc_run_one(struct pc_device *dev, size_t i)
{
	struct pc_verdict v = { .pass = false };
	struct pc_work w;

	if (pc_work_init(&w, dev, 256 * 1024))
		pc_verdict_error(&v);
	else
		pc_workloads[i].run(&w, &v);
	pc_work_fini(&w);

	printf("%s: %s (%s)\n", pc_workloads[i].name, v.pass ? "PASS" : "FAIL",
	       v.detail);
	fflush(stdout);
	return v.pass;
}

static int pc_unknown_workload(const char *name)
{
	fprintf(stderr, "panthor-client: unknown workload '%s'\n", name);
	return EXIT_USAGE;
}

int pc_cmd_run(const char *device, char **names, int count)
{
	bool selected[PC_WORKLOAD_COUNT] = { false };
	struct pc_device *dev;
	int failures = 0, i;

	if (!count) {
		fprintf(stderr, "panthor-client: run needs a workload name\n");
		return EXIT_USAGE;
	}
	for (i = 0; i < count; i++) {
		int w = pc_workload_index(names[i]);

		if (!strcmp(names[i], "all"))
			memset(selected, true, sizeof(selected));
		else if (w >= 0)
			selected[w] = true;
		else
			return pc_unknown_workload(names[i]);
	}

	if (pc_device_open(device, &dev)) {
		fprintf(stderr, "panthor-client: %s\n", pc_last_error());
		return EXIT_FAILURE;
	}
	for (size_t w = 0; w < PC_WORKLOAD_COUNT; w++)
		if (selected[w] && !pc_run_one(dev, w))
			failures++;
	pc_device_close(dev);
	return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}
