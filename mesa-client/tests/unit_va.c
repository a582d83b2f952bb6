// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * unit_va.c - host tests of the GPU VA range allocator.
 */
#include <errno.h>
#include <stdlib.h>

#include "panthor_client.h"
#include "unit.h"

#define KIB	1024ull
#define MIB	(1024ull * KIB)

/* The holes are sorted, non-empty, never touching, and inside the range. */
static bool va_consistent(const struct pc_va_space *va)
{
	for (uint32_t i = 0; i < va->count; i++) {
		const struct pc_va_hole *h = &va->holes[i];

		if (h->start >= h->end || h->start < va->start ||
		    h->end > va->end)
			return false;
		if (i && va->holes[i - 1].end >= h->start)
			return false;
	}
	return true;
}

static void test_va_alloc_free(void)
{
	struct pc_va_space va;
	uint64_t a, b, c, d;

	CHECK(!pc_va_init(&va, 1 * MIB, 17 * MIB));
	CHECK(pc_va_available(&va) == 16 * MIB);

	/* First fit, lowest address first, alignment honoured. */
	CHECK(!pc_va_alloc(&va, 4 * KIB, 4 * KIB, &a));
	CHECK(a == 1 * MIB);
	CHECK(!pc_va_alloc(&va, 2 * MIB, 2 * MIB, &b));
	CHECK(b == 2 * MIB);
	CHECK(!(b % (2 * MIB)));
	/* The gap [1 MiB + 4 KiB, 2 MiB) serves a small request. */
	CHECK(!pc_va_alloc(&va, 8 * KIB, 4 * KIB, &c));
	CHECK(c == 1 * MIB + 4 * KIB);
	CHECK(!pc_va_alloc(&va, 64 * KIB, 64 * KIB, &d));
	CHECK(d == 1 * MIB + 64 * KIB);
	CHECK(va_consistent(&va));
	CHECK(pc_va_available(&va) ==
	      16 * MIB - 4 * KIB - 2 * MIB - 8 * KIB - 64 * KIB);

	/* Freeing in any order merges everything back into one hole. */
	CHECK(!pc_va_free(&va, c, 8 * KIB));
	CHECK(!pc_va_free(&va, a, 4 * KIB));
	CHECK(va_consistent(&va));
	CHECK(!pc_va_free(&va, b, 2 * MIB));
	CHECK(!pc_va_free(&va, d, 64 * KIB));
	CHECK(va_consistent(&va));
	CHECK(va.count == 1);
	CHECK(pc_va_available(&va) == 16 * MIB);

	/* Double frees and foreign ranges are refused. */
	CHECK(pc_va_free(&va, a, 4 * KIB) == -EINVAL);
	CHECK(!pc_va_alloc(&va, 4 * KIB, 4 * KIB, &a));
	CHECK(pc_va_free(&va, a, 8 * KIB) == -EINVAL);	/* half free */
	CHECK(pc_va_free(&va, 0, 4 * KIB) == -EINVAL);	/* outside */
	CHECK(pc_va_free(&va, 17 * MIB - 4 * KIB, 8 * KIB) == -EINVAL);
	CHECK(!pc_va_free(&va, a, 4 * KIB));
	CHECK(pc_va_available(&va) == 16 * MIB);
	pc_va_fini(&va);
}

static void test_va_limits(void)
{
	struct pc_va_space va;
	uint64_t a, b;

	CHECK(pc_va_init(&va, 5, 5) == -EINVAL);
	CHECK(!pc_va_init(&va, 0, 1 * MIB));

	CHECK(pc_va_alloc(&va, 0, 4 * KIB, &a) == -EINVAL);
	CHECK(pc_va_alloc(&va, 4 * KIB, 3 * KIB, &a) == -EINVAL);
	CHECK(pc_va_alloc(&va, 4 * KIB, 0, &a) == -EINVAL);
	CHECK(pc_va_alloc(&va, 2 * MIB, 4 * KIB, &a) == -ENOSPC);
	/* A size that would wrap around 2^64 does not fit anywhere. */
	CHECK(pc_va_alloc(&va, UINT64_MAX, 1, &a) == -ENOSPC);

	/* The whole range, then nothing more. */
	CHECK(!pc_va_alloc(&va, 1 * MIB, 4 * KIB, &a));
	CHECK(a == 0 && va.count == 0 && pc_va_available(&va) == 0);
	CHECK(pc_va_alloc(&va, 4 * KIB, 4 * KIB, &b) == -ENOSPC);
	CHECK(!pc_va_free(&va, a, 1 * MIB));
	CHECK(va.count == 1);

	/* Enough space but not at the alignment asked for. */
	CHECK(!pc_va_reserve(&va, 4 * KIB, 1 * MIB - 8 * KIB));
	CHECK(pc_va_available(&va) == 8 * KIB);
	CHECK(pc_va_alloc(&va, 8 * KIB, 4 * KIB, &a) == -ENOSPC);
	CHECK(!pc_va_alloc(&va, 4 * KIB, 4 * KIB, &a));
	CHECK(a == 0);
	CHECK(!pc_va_alloc(&va, 4 * KIB, 4 * KIB, &b));
	CHECK(b == 1 * MIB - 4 * KIB);
	pc_va_fini(&va);
}

static void test_va_reserve(void)
{
	struct pc_va_space va;
	uint64_t a;

	CHECK(!pc_va_init(&va, 1 * MIB, 9 * MIB));
	/* A hole split in the middle. */
	CHECK(!pc_va_reserve(&va, 4 * MIB, 1 * MIB));
	CHECK(va.count == 2);
	CHECK(va.holes[0].end == 4 * MIB && va.holes[1].start == 5 * MIB);
	CHECK(pc_va_reserve(&va, 4 * MIB + 4 * KIB, 4 * KIB) == -EBUSY);
	CHECK(pc_va_reserve(&va, 3 * MIB, 2 * MIB) == -EBUSY);	/* overlaps */
	CHECK(pc_va_reserve(&va, 8 * MIB, 2 * MIB) == -EINVAL);	/* past end */
	CHECK(pc_va_reserve(&va, 2 * MIB, 0) == -EINVAL);
	/* Allocation skips the reserved range. */
	CHECK(!pc_va_alloc(&va, 3 * MIB, 1 * MIB, &a));
	CHECK(a == 1 * MIB);
	CHECK(!pc_va_alloc(&va, 2 * MIB, 1 * MIB, &a));
	CHECK(a == 5 * MIB);
	CHECK(va_consistent(&va));
	pc_va_fini(&va);
}

/* Many allocations and frees in a scrambled order, checked against a map. */
static void test_va_churn(void)
{
	enum { SLOTS = 256 };
	static uint64_t addr[SLOTS];
	static bool live[SLOTS];
	struct pc_va_space va;
	bool ok = true, no_overlap = true;
	unsigned int seed = 1;

	CHECK(!pc_va_init(&va, PC_VA_BASE, PC_VA_BASE + SLOTS * 64 * KIB));
	for (int round = 0; round < 4000; round++) {
		int i;

		seed = seed * 1103515245 + 12345;
		i = (seed >> 16) % SLOTS;
		if (live[i]) {
			ok &= !pc_va_free(&va, addr[i], (i % 16 + 1) * 4 * KIB);
			live[i] = false;
		} else if (!pc_va_alloc(&va, (i % 16 + 1) * 4 * KIB, 4 * KIB,
					&addr[i])) {
			live[i] = true;
		}
		ok &= va_consistent(&va);
	}
	for (int i = 0; i < SLOTS; i++)
		for (int j = i + 1; j < SLOTS; j++)
			if (live[i] && live[j] &&
			    addr[i] < addr[j] + (j % 16 + 1) * 4 * KIB &&
			    addr[j] < addr[i] + (i % 16 + 1) * 4 * KIB)
				no_overlap = false;
	CHECK(ok);
	CHECK(no_overlap);
	for (int i = 0; i < SLOTS; i++)
		if (live[i])
			ok &= !pc_va_free(&va, addr[i], (i % 16 + 1) * 4 * KIB);
	CHECK(ok);
	CHECK(va.count == 1 && pc_va_available(&va) == SLOTS * 64 * KIB);
	pc_va_fini(&va);
}

void test_va(void)
{
	test_va_alloc_free();
	test_va_limits();
	test_va_reserve();
	test_va_churn();
}
