// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Command-stream memory accesses: the helper every instruction uses to
 * reach GPU memory through the MMU, and LOAD_MULTIPLE / STORE_MULTIPLE.
 */
#include "cs_priv.h"
#include "events.h"

u64 mm_cs_get_le(const u8 *p, u32 bytes)
{
	u64 v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

void mm_cs_put_le(u8 *p, u64 v, u32 bytes)
{
	u32 i;

	for (i = 0; i < bytes; i++, v >>= 8)
		p[i] = (u8)v;
}

/*
 * A locked region stalls the instruction (it is retried whole, which is
 * safe because no instruction writes before all its reads succeeded and a
 * multi-word write is retried with the same data); a fault ends it with a
 * CS fault.
 */
enum mm_cs_res mm_cs_mem(struct mm_cs_ctx *c, u64 va, void *buf, u32 len,
			 enum mm_access_type type)
{
	int ret = mm_mmu_access(c->gpu, c->ring->as, va, buf, len, type);

	if (ret == MM_MMU_OK)
		return MM_CS_NEXT;
	if (ret == MM_MMU_STALLED)
		return mm_cs_block(c, MM_CS_WAIT_MMU,
				   mm_time_after(c->x->clock,
						 MM_CS_T_STALL_RETRY));
	return mm_cs_fault(c, MM_CS_EXC_BUS_FAULT, type, va);
}

/*
 * Effective address and register mask of LOAD/STORE_MULTIPLE. Register
 * base + i must exist for every bit i set; words are 4-byte aligned.
 */
static enum mm_cs_res mm_cs_ls_decode(struct mm_cs_ctx *c, u64 *ea,
				      u32 *mask, enum mm_access_type type)
{
	struct mm_cs_exec *x = c->x;
	u32 base = mm_cs_f(c, CS_F_DST);

	*mask = mm_cs_f(c, CS_LS_MASK);
	*ea = mm_cs_r64(x, mm_cs_f(c, CS_F_ADDR)) + (u64)(s64)mm_cs_off16(c);
	if (*mask && base + 31 - __builtin_clz(*mask) >= x->reg_count)
		return mm_cs_invalid(c);
	if (*ea & 3)
		return mm_cs_fault(c, MM_CS_EXC_BUS_FAULT, type, *ea);
	return MM_CS_NEXT;
}

/* Length of the run of set bits of @mask starting at bit @i. */
static u32 mm_cs_run_len(u32 mask, u32 i)
{
	u32 n = 0;

	while (i + n < 16 && (mask & (1u << (i + n))))
		n++;
	return n;
}

/* Word i of the block goes to r[base + i]; clear bits skip a word. */
enum mm_cs_res mm_cs_op_load_multiple(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 base = mm_cs_f(c, CS_F_DST);
	u8 words[16 * 4];
	enum mm_cs_res r;
	u32 mask, i, n;
	u64 ea;

	r = mm_cs_ls_decode(c, &ea, &mask, MM_ACCESS_READ);
	if (r != MM_CS_NEXT)
		return r;
	for (i = 0; i < 16; i += n ? n : 1) {
		n = mm_cs_run_len(mask, i);
		if (!n)
			continue;
		r = mm_cs_mem(c, ea + 4 * i, &words[4 * i], 4 * n,
			      MM_ACCESS_READ);
		if (r != MM_CS_NEXT)
			return r;
	}
	/* Registers change only once every word arrived. */
	for (i = 0; i < 16; i++)
		if (mask & (1u << i))
			x->reg[base + i] = (u32)mm_cs_get_le(&words[4 * i], 4);
	mm_cs_async(c, MM_CS_UNIT_OTHER, 0, x->sb_other, MM_CS_T_LOAD_STORE);
	return MM_CS_NEXT;
}

enum mm_cs_res mm_cs_op_store_multiple(struct mm_cs_ctx *c)
{
	struct mm_cs_exec *x = c->x;
	u32 base = mm_cs_f(c, CS_F_DST);
	u8 words[16 * 4];
	enum mm_cs_res r;
	u32 mask, i, n;
	u64 ea;

	r = mm_cs_ls_decode(c, &ea, &mask, MM_ACCESS_WRITE);
	if (r != MM_CS_NEXT)
		return r;
	for (i = 0; i < 16; i++)
		if (mask & (1u << i))
			mm_cs_put_le(&words[4 * i], x->reg[base + i], 4);
	for (i = 0; i < 16; i += n ? n : 1) {
		n = mm_cs_run_len(mask, i);
		if (!n)
			continue;
		r = mm_cs_mem(c, ea + 4 * i, &words[4 * i], 4 * n,
			      MM_ACCESS_WRITE);
		if (r != MM_CS_NEXT)
			return r;
	}
	mm_cs_async(c, MM_CS_UNIT_OTHER, 0, x->sb_other, MM_CS_T_LOAD_STORE);
	return MM_CS_NEXT;
}
