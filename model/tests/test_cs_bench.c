// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The command-stream test bench (see test_cs.h).
 */
#include <string.h>

#include "test_cs.h"

static struct cst cst_inst;

static void cst_fatal(void *ctx, u32 type, u32 data, u64 info)
{
	struct cst *s = ctx;

	s->fatals++;
	s->exc_type = type;
	s->exc_data = data;
	s->exc_info = info;
}

static void cst_fault(void *ctx, u32 type, u32 data, u64 info)
{
	struct cst *s = ctx;

	s->faults++;
	s->exc_type = type;
	s->exc_data = data;
	s->exc_info = info;
}

static void cst_sync_update(void *ctx, u32 scope)
{
	struct cst *s = ctx;

	s->syncs++;
	s->scope = scope;
}

static bool cst_tiler_oom(void *ctx, u64 heap, u32 vt_start, u32 vt_end,
			  u32 frag_end)
{
	struct cst *s = ctx;

	s->ooms++;
	s->oom_heap = heap;
	s->oom_vt_start = vt_start;
	s->oom_vt_end = vt_end;
	s->oom_frag_end = frag_end;
	return s->oom_accept;
}

static u64 cst_progress(void *ctx, u32 queue)
{
	struct cst *s = ctx;

	return queue == 1 ? s->progress_of_other : s->x.progress;
}

static bool cst_req_resource(void *ctx, u32 mask __maybe_unused)
{
	struct cst *s = ctx;

	s->res_reqs++;
	return s->res_grant;
}

static void cst_map_range(struct cst *s, uint64_t va, uint64_t size,
			  uint64_t attrs)
{
	uint64_t pa = th_alloc(s->t, size, TH_SZ_4K), off;

	for (off = 0; off < size; off += TH_SZ_4K)
		th_map(s->t, s->root, va + off, pa + off, TH_SZ_4K, attrs);
	s->map[s->nmap++] = (struct cst_map){ va, pa, size };
}

uint64_t cst_chunk(unsigned int i)
{
	return (CST_CHUNK_VA + (uint64_t)i * CST_CHUNK_SIZE) |
	       (CST_CHUNK_SIZE >> 12);
}

struct cst *cst_new(struct th *t)
{
	struct cst *s = &cst_inst;

	memset(s, 0, sizeof(*s));
	s->t = t;
	s->root = th_pt_new(t);
	cst_map_range(s, CST_RING_VA, CST_RING_SIZE, TH_PTE_RW_NX);
	cst_map_range(s, CST_CODE_VA, 4 * TH_SZ_4K, TH_PTE_RW_NX);
	cst_map_range(s, CST_DATA_VA, 4 * TH_SZ_4K, TH_PTE_RW_NX);
	cst_map_range(s, CST_RO_VA, TH_SZ_4K, TH_PTE_RO_NX);
	cst_map_range(s, CST_HEAP_VA, TH_SZ_4K, TH_PTE_RW_NX);
	cst_map_range(s, CST_CHUNK_VA, CST_NCHUNKS * CST_CHUNK_SIZE,
		      TH_PTE_RW_NX);
	th_as_enable(t, CST_AS, s->root, TH_TRANSCFG, TH_MEMATTR);

	mm_cs_exec_reset(&s->x, 96, 8);
	s->ring.base = CST_RING_VA;
	s->ring.size = CST_RING_SIZE;
	s->ring.as = CST_AS;
	s->env.ctx = s;
	s->env.fatal = cst_fatal;
	s->env.fault = cst_fault;
	s->env.sync_update = cst_sync_update;
	s->env.tiler_oom = cst_tiler_oom;
	s->oom_accept = true;
	s->res_grant = true;
	return s;
}

void cst_use_progress(struct cst *s)
{
	s->env.progress = cst_progress;
}

void cst_use_resources(struct cst *s)
{
	s->env.req_resource = cst_req_resource;
}

uint64_t cst_pa(struct cst *s, uint64_t va)
{
	unsigned int i;

	for (i = 0; i < s->nmap; i++)
		if (va >= s->map[i].va && va < s->map[i].va + s->map[i].size)
			return s->map[i].pa + (va - s->map[i].va);
	mt_check(false, __FILE__, __LINE__, "VA not mapped by the bench",
		 va, 0, true);
	mt_fatal();
	return 0;
}

void cst_w32(struct cst *s, uint64_t va, uint32_t v)
{
	th_w32(s->t, cst_pa(s, va), v);
}

uint32_t cst_r32(struct cst *s, uint64_t va)
{
	return th_r32(s->t, cst_pa(s, va));
}

void cst_w64(struct cst *s, uint64_t va, uint64_t v)
{
	th_w64(s->t, cst_pa(s, va), v);
}

uint64_t cst_r64(struct cst *s, uint64_t va)
{
	return th_r64(s->t, cst_pa(s, va));
}

void cst_ring(struct cst *s, const uint64_t *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		cst_w64(s, CST_RING_VA + (s->ring.insert % CST_RING_SIZE), w[i]);
		s->ring.insert += 8;
	}
}

void cst_code(struct cst *s, uint64_t va, const uint64_t *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		cst_w64(s, va + 8 * i, w[i]);
}

enum mm_cs_stop cst_run(struct cst *s)
{
	return mm_cs_run(s->t->gpu, &s->x, &s->ring, &s->env, s->t->now, 0);
}

enum mm_cs_stop cst_run_all(struct cst *s, uint64_t limit_ns)
{
	uint64_t end = s->t->now + limit_ns;
	enum mm_cs_stop r;

	for (;;) {
		r = cst_run(s);
		if (r != MM_CS_STOP_YIELD && r != MM_CS_STOP_BUDGET &&
		    (r != MM_CS_STOP_BLOCKED || s->x.wake_ns == MM_CS_NEVER))
			return r;
		if (s->x.wake_ns > end)
			return r;
		if (s->x.wake_ns > s->t->now)
			th_advance(s->t, s->x.wake_ns - s->t->now);
	}
}

void cst_status(struct cst *s, struct mm_cs_status *st)
{
	mm_cs_status(&s->x, s->t->now, st);
}
