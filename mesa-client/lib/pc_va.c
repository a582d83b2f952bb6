// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_va.c - a first-fit range allocator for GPU virtual addresses.
 *
 * The free ranges ("holes") are kept in a sorted array. Clients of this
 * library hold tens to hundreds of BOs per VM, so a linear scan is cheaper
 * than any tree, and the array is trivial to check in the unit tests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_internal.h"

static int pc_va_make_room(struct pc_va_space *va)
{
	struct pc_va_hole *holes;
	uint32_t capacity;

	if (va->count < va->capacity)
		return 0;
	capacity = va->capacity ? va->capacity * 2 : 16;
	holes = realloc(va->holes, capacity * sizeof(*holes));
	if (!holes)
		return pc_fail(-ENOMEM, "out of memory for the VA allocator");
	va->holes = holes;
	va->capacity = capacity;
	return 0;
}

static int pc_va_insert(struct pc_va_space *va, uint32_t i, uint64_t start,
			uint64_t end)
{
	int ret = pc_va_make_room(va);

	if (ret)
		return ret;
	memmove(&va->holes[i + 1], &va->holes[i],
		(va->count - i) * sizeof(*va->holes));
	va->holes[i].start = start;
	va->holes[i].end = end;
	va->count++;
	return 0;
}

static void pc_va_remove(struct pc_va_space *va, uint32_t i)
{
	memmove(&va->holes[i], &va->holes[i + 1],
		(va->count - i - 1) * sizeof(*va->holes));
	va->count--;
}

int pc_va_init(struct pc_va_space *va, uint64_t start, uint64_t end)
{
	memset(va, 0, sizeof(*va));
	if (start >= end)
		return pc_fail(-EINVAL, "empty VA range [0x%llx, 0x%llx)",
			       (unsigned long long)start,
			       (unsigned long long)end);
	va->start = start;
	va->end = end;
	return pc_va_insert(va, 0, start, end);
}

void pc_va_fini(struct pc_va_space *va)
{
	free(va->holes);
	memset(va, 0, sizeof(*va));
}

/* Take [@start, @end), which lies inside hole @i. */
static int pc_va_carve(struct pc_va_space *va, uint32_t i, uint64_t start,
		       uint64_t end)
{
	struct pc_va_hole *h = &va->holes[i];
	int ret;

	if (h->start == start && h->end == end) {
		pc_va_remove(va, i);
		return 0;
	}
	if (h->start == start) {
		h->start = end;
		return 0;
	}
	if (h->end == end) {
		h->end = start;
		return 0;
	}
	/* In the middle: the hole splits in two (@h may move). */
	ret = pc_va_insert(va, i + 1, end, h->end);
	if (ret)
		return ret;
	va->holes[i].end = start;
	return 0;
}

int pc_va_alloc(struct pc_va_space *va, uint64_t size, uint64_t align,
		uint64_t *addr)
{
	uint32_t i;

	if (!size || !align || (align & (align - 1)))
		return pc_fail(-EINVAL,
			       "VA allocation of 0x%llx bytes aligned to 0x%llx: bad size or alignment",
			       (unsigned long long)size,
			       (unsigned long long)align);

	for (i = 0; i < va->count; i++) {
		const struct pc_va_hole *h = &va->holes[i];
		uint64_t start = (h->start + align - 1) & ~(align - 1);

		/* The rounding or the size may wrap around 2^64. */
		if (start < h->start || start >= h->end ||
		    size > h->end - start)
			continue;
		*addr = start;
		return pc_va_carve(va, i, start, start + size);
	}
	return pc_fail(-ENOSPC,
		       "no free GPU VA range of 0x%llx bytes aligned to 0x%llx",
		       (unsigned long long)size, (unsigned long long)align);
}

static bool pc_va_range_ok(const struct pc_va_space *va, uint64_t addr,
			   uint64_t size)
{
	return size && addr >= va->start && addr < va->end &&
	       size <= va->end - addr;
}

int pc_va_reserve(struct pc_va_space *va, uint64_t addr, uint64_t size)
{
	uint32_t i;

	if (!pc_va_range_ok(va, addr, size))
		return pc_fail(-EINVAL,
			       "VA range 0x%llx+0x%llx is outside [0x%llx, 0x%llx)",
			       (unsigned long long)addr,
			       (unsigned long long)size,
			       (unsigned long long)va->start,
			       (unsigned long long)va->end);

	for (i = 0; i < va->count; i++) {
		const struct pc_va_hole *h = &va->holes[i];

		if (addr >= h->start && addr + size <= h->end)
			return pc_va_carve(va, i, addr, addr + size);
	}
	return pc_fail(-EBUSY, "VA range 0x%llx+0x%llx is (partly) in use",
		       (unsigned long long)addr, (unsigned long long)size);
}

int pc_va_free(struct pc_va_space *va, uint64_t addr, uint64_t size)
{
	uint64_t end = addr + size;
	struct pc_va_hole *prev, *next;
	uint32_t i;

	if (!pc_va_range_ok(va, addr, size))
		return pc_fail(-EINVAL,
			       "freeing VA range 0x%llx+0x%llx outside [0x%llx, 0x%llx)",
			       (unsigned long long)addr,
			       (unsigned long long)size,
			       (unsigned long long)va->start,
			       (unsigned long long)va->end);

	/* The first hole after the range, and the one before it. */
	for (i = 0; i < va->count && va->holes[i].start < addr; i++)
		;
	prev = i ? &va->holes[i - 1] : NULL;
	next = i < va->count ? &va->holes[i] : NULL;
	if ((prev && prev->end > addr) || (next && next->start < end))
		return pc_fail(-EINVAL,
			       "freeing VA range 0x%llx+0x%llx that is (partly) free already",
			       (unsigned long long)addr,
			       (unsigned long long)size);

	if (prev && prev->end == addr && next && next->start == end) {
		prev->end = next->end;
		pc_va_remove(va, i);
	} else if (prev && prev->end == addr) {
		prev->end = end;
	} else if (next && next->start == end) {
		next->start = addr;
	} else {
		return pc_va_insert(va, i, addr, end);
	}
	return 0;
}

uint64_t pc_va_available(const struct pc_va_space *va)
{
	uint64_t total = 0;
	uint32_t i;

	for (i = 0; i < va->count; i++)
		total += va->holes[i].end - va->holes[i].start;
	return total;
}
