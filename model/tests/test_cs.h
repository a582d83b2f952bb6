/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Test bench of the command-stream interpreter: one stream running in AS 1
 * of the fake host, with a ring, a code buffer, data pages, a read-only page
 * and a tiler heap mapped the way panthor maps them (no-execute), plus a
 * fake firmware that records the interpreter's callbacks.
 *
 * Instruction words in the tests are assembled by hand from cs-isa.md's
 * field tables, each with its decoding in a comment, so that the decoder is
 * checked against the document rather than against an encoder of our own.
 */
#ifndef TEST_CS_H
#define TEST_CS_H

#include "cs.h"
#include "host.h"
#include "mt.h"

#define CST_AS		1u
#define CST_RING_VA	0x100000ull	/* 1 page ring */
#define CST_RING_SIZE	0x1000u
#define CST_CODE_VA	0x200000ull	/* 4 pages of called code */
#define CST_DATA_VA	0x400000ull	/* 4 pages of data */
#define CST_RO_VA	0x500000ull	/* 1 read-only page */
#define CST_HEAP_VA	0x600000ull	/* heap context page */
#define CST_CHUNK_VA	0x610000ull	/* CST_NCHUNKS chunks of 16 KiB */
#define CST_CHUNK_SIZE	0x4000u
#define CST_NCHUNKS	4
#define CST_BAD_VA	0x7000000ull	/* never mapped */

struct cst_map {
	uint64_t va;
	uint64_t pa;
	uint64_t size;
};

struct cst {
	struct th *t;
	struct mm_cs_exec x;
	struct mm_cs_ring ring;
	struct mm_cs_env env;
	uint64_t root;
	struct cst_map map[8];
	unsigned int nmap;

	/* What the fake firmware saw. */
	unsigned int fatals, faults, syncs, ooms, res_reqs;
	uint32_t exc_type, exc_data;
	uint64_t exc_info;
	uint32_t scope;
	uint64_t oom_heap;
	uint32_t oom_vt_start, oom_vt_end, oom_frag_end;
	/* How it answers. */
	bool oom_accept;
	bool res_grant;
	bool other_progress;
	uint64_t progress_of_other;
};

/* A fresh bench (static storage, reset per call). */
struct cst *cst_new(struct th *t);

uint64_t cst_pa(struct cst *s, uint64_t va);
void cst_w32(struct cst *s, uint64_t va, uint32_t v);
uint32_t cst_r32(struct cst *s, uint64_t va);
void cst_w64(struct cst *s, uint64_t va, uint64_t v);
uint64_t cst_r64(struct cst *s, uint64_t va);

/* Append instructions to the ring (INSERT moves). */
void cst_ring(struct cst *s, const uint64_t *w, unsigned int n);
/* Write instructions at @va (a mapped code/data page). */
void cst_code(struct cst *s, uint64_t va, const uint64_t *w, unsigned int n);

#define CST_WORDS(...)	((const uint64_t[]){ __VA_ARGS__ })
#define CST_N(...)	(sizeof(CST_WORDS(__VA_ARGS__)) / sizeof(uint64_t))
#define RING(s, ...)	cst_ring((s), CST_WORDS(__VA_ARGS__), CST_N(__VA_ARGS__))
#define CODE(s, va, ...) \
	cst_code((s), (va), CST_WORDS(__VA_ARGS__), CST_N(__VA_ARGS__))

/* One mm_cs_run() at the current time. */
enum mm_cs_stop cst_run(struct cst *s);
/*
 * Run, advancing the clock to each wake time the stream asks for, until
 * it stops for another reason or @limit_ns of model time passed.
 */
enum mm_cs_stop cst_run_all(struct cst *s, uint64_t limit_ns);
void cst_status(struct cst *s, struct mm_cs_status *st);

/* Install the optional progress / resource callbacks. */
void cst_use_progress(struct cst *s);
void cst_use_resources(struct cst *s);

/* Chunk i of the test heap, as a link word (VA | size in pages). */
uint64_t cst_chunk(unsigned int i);

#endif /* TEST_CS_H */
