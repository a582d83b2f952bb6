// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit tests for the scheduler's pure parts: the CSG slot placement
 * policy, the ring-buffer job sequence, and the tiler heap rules.
 *
 * The instruction words are written out by hand from the encodings in
 * cs-isa.md and mali-csf-hw.md Appendix A, not computed with the driver's
 * own helpers, so that a wrong field position shows.
 */

#include <linux/errno.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <kunit/test.h>

#include <uapi/drm/panthor_drm.h>

#include "../panthor_heap.h"
#include "../panthor_ring.h"
#include "../panthor_sched.h"

/* ---- Placement policy ---------------------------------------------- */

#define LOW	PANTHOR_GROUP_PRIORITY_LOW
#define MEDIUM	PANTHOR_GROUP_PRIORITY_MEDIUM
#define HIGH	PANTHOR_GROUP_PRIORITY_HIGH
#define RT	PANTHOR_GROUP_PRIORITY_REALTIME

/* Every group in its own VM unless a test says otherwise. */
static void cand_init(struct panthor_sched_candidate *c, u32 id, u8 priority,
		      bool resident, bool blocked, u64 stamp)
{
	*c = (struct panthor_sched_candidate) {
		.id = id,
		.priority = priority,
		.resident = resident,
		.blocked = blocked,
		.vm_key = 100 + id,
		.stamp = stamp,
	};
}

/* Was the group named @id picked, and at which CSG priority? */
static bool picked(const struct panthor_sched_candidate *c, unsigned int n,
		   u32 id, u8 *slot_priority)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (c[i].id != id)
			continue;
		if (slot_priority)
			*slot_priority = c[i].slot_priority;
		return c[i].picked;
	}

	return false;
}

static void sched_pick_priority_order(struct kunit *test)
{
	struct panthor_sched_candidate c[4];
	u8 prio_high, prio_medium;

	cand_init(&c[0], 0, LOW, false, false, 0);
	cand_init(&c[1], 1, HIGH, false, false, 0);
	cand_init(&c[2], 2, MEDIUM, false, false, 0);
	cand_init(&c[3], 3, LOW, false, false, 0);

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 4, 2, 8, false), 2);
	KUNIT_EXPECT_TRUE(test, picked(c, 4, 1, &prio_high));
	KUNIT_EXPECT_TRUE(test, picked(c, 4, 2, &prio_medium));
	KUNIT_EXPECT_FALSE(test, picked(c, 4, 0, NULL));
	KUNIT_EXPECT_FALSE(test, picked(c, 4, 3, NULL));

	/* Distinct CSG priorities, the higher group priority above. */
	KUNIT_EXPECT_EQ(test, prio_high, 15);
	KUNIT_EXPECT_EQ(test, prio_medium, 14);
}

static void sched_pick_blocked_last(struct kunit *test)
{
	struct panthor_sched_candidate c[2];

	/* A blocked REALTIME group cannot use a slot a LOW group could. */
	cand_init(&c[0], 0, RT, true, true, 1);
	cand_init(&c[1], 1, LOW, false, false, 0);

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 2, 1, 8, false), 1);
	KUNIT_EXPECT_TRUE(test, picked(c, 2, 1, NULL));
	KUNIT_EXPECT_FALSE(test, picked(c, 2, 0, NULL));

	/* With room for both, the blocked one keeps its slot. */
	cand_init(&c[0], 0, RT, true, true, 1);
	cand_init(&c[1], 1, LOW, false, false, 0);
	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 2, 2, 8, false), 2);
}

static void sched_pick_realtime_preempts(struct kunit *test)
{
	struct panthor_sched_candidate c[3];

	/* Within a time slice residents stay, but not against a higher priority. */
	cand_init(&c[0], 0, MEDIUM, true, false, 5);
	cand_init(&c[1], 1, MEDIUM, true, false, 6);
	cand_init(&c[2], 2, RT, false, false, 0);

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 3, 2, 8, false), 2);
	KUNIT_EXPECT_TRUE(test, picked(c, 3, 2, NULL));
	KUNIT_EXPECT_EQ(test, picked(c, 3, 0, NULL) + picked(c, 3, 1, NULL), 1);
}

static void sched_pick_keeps_residents_within_slice(struct kunit *test)
{
	struct panthor_sched_candidate c[3];

	cand_init(&c[0], 0, MEDIUM, true, false, 1);
	cand_init(&c[1], 1, MEDIUM, true, false, 2);
	cand_init(&c[2], 2, MEDIUM, false, false, 0);

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 3, 2, 8, false), 2);
	KUNIT_EXPECT_TRUE(test, picked(c, 3, 0, NULL));
	KUNIT_EXPECT_TRUE(test, picked(c, 3, 1, NULL));
	KUNIT_EXPECT_FALSE(test, picked(c, 3, 2, NULL));
}

/*
 * Three groups of one priority, two slots, a rotation at every tick: each
 * tick the waiting group gets in and the group that has been resident the
 * longest leaves, so every group runs two ticks out of three.
 */
static void sched_pick_rotation_round_robin(struct kunit *test)
{
	bool resident[3] = { true, true, false };
	u64 stamp[3] = { 1, 2, 0 };
	unsigned int runs[3] = { 0 };
	struct panthor_sched_candidate c[3];
	u64 tick;
	u32 id;

	for (tick = 3; tick < 3 + 30; tick++) {
		for (id = 0; id < 3; id++)
			cand_init(&c[id], id, MEDIUM, resident[id], false, stamp[id]);

		KUNIT_ASSERT_EQ(test, panthor_sched_pick(c, 3, 2, 8, true), 2);

		for (id = 0; id < 3; id++) {
			bool now = picked(c, 3, id, NULL);

			if (now && !resident[id])
				stamp[id] = tick;
			resident[id] = now;
			runs[id] += now;
		}
	}

	for (id = 0; id < 3; id++)
		KUNIT_EXPECT_EQ(test, runs[id], 20);
}

static void sched_pick_address_spaces(struct kunit *test)
{
	struct panthor_sched_candidate c[4];

	/* Three VMs, two address spaces: the third VM's group must wait. */
	cand_init(&c[0], 0, HIGH, false, false, 0);
	cand_init(&c[1], 1, MEDIUM, false, false, 0);
	cand_init(&c[2], 2, LOW, false, false, 0);
	/* ...but a group sharing a VM already picked needs no new one. */
	cand_init(&c[3], 3, LOW, false, false, 0);
	c[3].vm_key = c[0].vm_key;

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 4, 8, 2, false), 3);
	KUNIT_EXPECT_TRUE(test, picked(c, 4, 0, NULL));
	KUNIT_EXPECT_TRUE(test, picked(c, 4, 1, NULL));
	KUNIT_EXPECT_FALSE(test, picked(c, 4, 2, NULL));
	KUNIT_EXPECT_TRUE(test, picked(c, 4, 3, NULL));
}

static void sched_pick_empty_and_plenty(struct kunit *test)
{
	struct panthor_sched_candidate c[2];

	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 0, 8, 7, true), 0);

	cand_init(&c[0], 0, LOW, false, false, 0);
	cand_init(&c[1], 1, LOW, false, true, 0);
	KUNIT_EXPECT_EQ(test, panthor_sched_pick(c, 2, 8, 7, true), 2);
	KUNIT_EXPECT_TRUE(test, picked(c, 2, 0, NULL));
	KUNIT_EXPECT_TRUE(test, picked(c, 2, 1, NULL));
}

static struct kunit_case panthor_sched_policy_cases[] = {
	KUNIT_CASE(sched_pick_priority_order),
	KUNIT_CASE(sched_pick_blocked_last),
	KUNIT_CASE(sched_pick_realtime_preempts),
	KUNIT_CASE(sched_pick_keeps_residents_within_slice),
	KUNIT_CASE(sched_pick_rotation_round_robin),
	KUNIT_CASE(sched_pick_address_spaces),
	KUNIT_CASE(sched_pick_empty_and_plenty),
	{}
};

static struct kunit_suite panthor_sched_policy_suite = {
	.name = "panthor_sched_policy",
	.test_cases = panthor_sched_policy_cases,
};

/* ---- Ring-buffer job sequence ------------------------------------------ */

/* The registers the G610's 96-register streams leave to the kernel. */
static const struct panthor_ring_job test_job = {
	.stream_addr = 0x1000000,
	.stream_size = 0x40,
	.latest_flush = 0x12,
	.sync_addr = 0xffff00001000ull,
	.times_offset = 0x60,
	.addr_reg = 92,
	.val_reg = 94,
	.sb_mask = 0xff,
};

static void ring_job_sequence(struct kunit *test)
{
	static const u64 expected[PANTHOR_RING_JOB_INSTRS] = {
		0x025e000000000012ull,	/* MOVE32 r94, latest_flush */
		0x24005e0000000233ull,	/* FLUSH_CACHE2 clean+inv, id r94, SB 0 */
		0x015cffff00001000ull,	/* MOVE48 r92, sync object */
		0x28005c0100000060ull,	/* STORE_STATE cycles at [r92 + 0x60] */
		0x28005c0000000068ull,	/* STORE_STATE timestamp at [r92 + 0x68] */
		0x015c000001000000ull,	/* MOVE48 r92, stream address */
		0x025e000000000040ull,	/* MOVE32 r94, stream size */
		0x0300000000010000ull,	/* WAIT SB 0 */
		0x20005c5e00000000ull,	/* CALL r92, r94 */
		0x015cffff00001000ull,	/* MOVE48 r92, sync object */
		0x015e000000000001ull,	/* MOVE48 r94, 1 */
		0x0300000000ff0000ull,	/* WAIT all */
		0x28005c0100000070ull,	/* STORE_STATE cycles at [r92 + 0x70] */
		0x28005c0000000078ull,	/* STORE_STATE timestamp at [r92 + 0x78] */
		0x33005c5e00000001ull,	/* SYNC_ADD64 system, propagate, [r92] += r94 */
		0x2f00000000000000ull,	/* ERROR_BARRIER */
	};
	u64 out[PANTHOR_RING_JOB_INSTRS];
	unsigned int i;

	memset(out, 0xaa, sizeof(out));
	panthor_ring_build_job(&test_job, out);

	for (i = 0; i < PANTHOR_RING_JOB_INSTRS; i++)
		KUNIT_EXPECT_EQ_MSG(test, out[i], expected[i], "instruction %u", i);
}

static void ring_sync_only_job(struct kunit *test)
{
	struct panthor_ring_job job = test_job;
	u64 out[PANTHOR_RING_JOB_INSTRS];
	unsigned int i;

	job.stream_addr = 0;
	job.stream_size = 0;
	memset(out, 0xaa, sizeof(out));
	panthor_ring_build_job(&job, out);

	/* No flush, no samples, no call: wait for what is in flight and bump. */
	KUNIT_EXPECT_EQ(test, out[0], 0x015cffff00001000ull);
	KUNIT_EXPECT_EQ(test, out[1], 0x015e000000000001ull);
	KUNIT_EXPECT_EQ(test, out[2], 0x0300000000ff0000ull);
	KUNIT_EXPECT_EQ(test, out[3], 0x33005c5e00000001ull);
	KUNIT_EXPECT_EQ(test, out[4], 0x2f00000000000000ull);
	for (i = 5; i < PANTHOR_RING_JOB_INSTRS; i++)
		KUNIT_EXPECT_EQ_MSG(test, out[i], 0ull, "instruction %u", i);
}

static void ring_job_geometry(struct kunit *test)
{
	/* A multiple of 8 instructions, and jobs tile every ring size. */
	KUNIT_EXPECT_EQ(test, PANTHOR_RING_JOB_INSTRS % 8, 0);
	KUNIT_EXPECT_EQ(test, SZ_4K % PANTHOR_RING_JOB_SIZE, 0);
	KUNIT_EXPECT_EQ(test, PANTHOR_RING_JOB_SIZE, 128);
}

static void ring_move48_truncates(struct kunit *test)
{
	/* Bits above 47 are not part of the immediate. */
	KUNIT_EXPECT_EQ(test, panthor_cs_move48(2, 0xabcd123456789abcull),
			0x0102123456789abcull);
}

static struct kunit_case panthor_ring_cases[] = {
	KUNIT_CASE(ring_job_sequence),
	KUNIT_CASE(ring_sync_only_job),
	KUNIT_CASE(ring_job_geometry),
	KUNIT_CASE(ring_move48_truncates),
	{}
};

static struct kunit_suite panthor_ring_suite = {
	.name = "panthor_ring",
	.test_cases = panthor_ring_cases,
};

/* ---- Tiler heap rules ---------------------------------------------------- */

static void heap_args(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_128K), 0);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(5, 64, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_8M), 0);
	/* Not a power of two, but a whole number of pages. */
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_128K + PAGE_SIZE), 0);

	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(0, 1, SZ_2M), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(2, 1, SZ_2M), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 0, SZ_2M), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_128K - PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_8M + PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, panthor_heap_check_args(1, 1, SZ_2M + 8), -EINVAL);
}

static void heap_chunk_link(struct kunit *test)
{
	/* Address in bits 63:12, size in 4 KiB units in bits 11:0. */
	KUNIT_EXPECT_EQ(test, panthor_heap_chunk_link(0x12345000ull, SZ_2M),
			0x12345200ull);
	KUNIT_EXPECT_EQ(test, panthor_heap_chunk_link(0xffff80000000ull, SZ_8M),
			0xffff80000800ull);
	KUNIT_EXPECT_EQ(test, panthor_heap_chunk_link(0x4000ull, SZ_128K), 0x4020ull);
}

static void heap_growth(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, panthor_heap_may_grow(4, 5, 1, 1));
	/* At the chunk limit. */
	KUNIT_EXPECT_FALSE(test, panthor_heap_may_grow(5, 5, 0, 1));
	/* More render passes in flight than the target. */
	KUNIT_EXPECT_FALSE(test, panthor_heap_may_grow(4, 5, 2, 1));
	/* A target of 0: only grow while no render pass is in flight. */
	KUNIT_EXPECT_TRUE(test, panthor_heap_may_grow(1, 5, 0, 0));
	KUNIT_EXPECT_FALSE(test, panthor_heap_may_grow(1, 5, 1, 0));
}

static struct kunit_case panthor_heap_cases[] = {
	KUNIT_CASE(heap_args),
	KUNIT_CASE(heap_chunk_link),
	KUNIT_CASE(heap_growth),
	{}
};

static struct kunit_suite panthor_heap_suite = {
	.name = "panthor_heap",
	.test_cases = panthor_heap_cases,
};

kunit_test_suites(&panthor_sched_policy_suite, &panthor_ring_suite,
		  &panthor_heap_suite);
