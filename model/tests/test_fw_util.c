// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware test helpers (see test_fw.h).
 */
#include <string.h>

#include "mt.h"
#include "test_fw.h"

/* ---- Mapping the image ----------------------------------------------------- */

static void tf_map_range(struct th *t, uint64_t root, uint64_t va,
			 uint64_t pa, uint64_t size, uint64_t attrs)
{
	uint64_t off;

	for (off = 0; off < size; off += TH_SZ_4K)
		th_map(t, root, va + off, pa + off, TH_SZ_4K, attrs);
}

static uint64_t tf_section(struct tf *f, uint64_t va, uint64_t size,
			   uint64_t attrs)
{
	uint64_t pa = th_alloc(f->t, size, TH_SZ_4K);

	tf_map_range(f->t, f->mcu_root, va, pa, size, attrs);
	return pa;
}

void tf_setup_flags(struct tf *f, struct th *t, unsigned int flags)
{
	uint64_t pa;

	memset(f, 0, sizeof(*f));
	f->t = t;
	f->mcu_root = th_pt_new(t);
	f->user_root = th_pt_new(t);
	f->mcu_next = TF_MCU_HEAP_VA;
	f->user_next = TF_USER_VA;

	/* Vector table: stack at the top of the data section, reset handler. */
	if (!(flags & TF_SKIP_VECTOR)) {
		pa = tf_section(f, FW_VECTOR_VA, TH_SZ_4K, TH_PTE_RO_NX);
		th_w32(t, pa + FW_VECTOR_SP, TF_DATA_VA + FW_IMG_DATA_SIZE);
		th_w32(t, pa + FW_VECTOR_RESET, TF_CODE_VA | FW_THUMB_BIT);
	}
	if (!(flags & TF_SKIP_CODE)) {
		pa = tf_section(f, TF_CODE_VA, TH_SZ_4K,
				flags & TF_CODE_NX ? TH_PTE_RO_NX : TF_PTE_RO_X);
		th_w32(t, pa, 0xe7fee7fe);	/* b . */
	}
	if (!(flags & TF_SKIP_DATA))
		tf_section(f, TF_DATA_VA, FW_IMG_DATA_SIZE, TH_PTE_RW_NX);
	if (!(flags & TF_SKIP_SHARED))
		f->shared_pa = tf_section(f, TF_SHARED_VA, TF_SHARED_SIZE,
					  flags & TF_SHARED_RO ? TH_PTE_RO_NX :
					  TH_PTE_RW_NX);

	if (!(flags & TF_NO_L2))
		th_l2_on(t);
	if (!(flags & TF_NO_AS0))
		th_as_enable(t, 0, f->mcu_root, TH_TRANSCFG, TH_MEMATTR);
	th_as_enable(t, TF_USER_AS, f->user_root, TH_TRANSCFG, TH_MEMATTR);
	th_wr(t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 0xffffffff);
}

void tf_setup(struct tf *f, struct th *t)
{
	tf_setup_flags(f, t, 0);
}

bool tf_boot(struct tf *f)
{
	th_wr(f->t, JOB_CONTROL_BASE + IRQ_CLEAR, 0xffffffff);
	th_wr(f->t, MCU_CONTROL, MCU_CONTROL_AUTO);
	return th_poll(f->t, JOB_CONTROL_BASE + IRQ_RAWSTAT, JOB_IRQ_GLOBAL,
		       JOB_IRQ_GLOBAL, 10000, 10000000);
}

bool tf_boot_configured(struct tf *f)
{
	uint64_t in;

	if (!tf_boot(f))
		return false;
	th_wr(f->t, JOB_CONTROL_BASE + IRQ_CLEAR, JOB_IRQ_GLOBAL);
	in = tf_glb_in(f);
	tf_wr64(f, in + GLB_ALLOC_EN, 0x50005);
	tf_wr(f, in + GLB_PWROFF_TIMER, 0);
	tf_wr(f, in + GLB_PROGRESS_TIMER, 0);
	tf_wr(f, in + GLB_IDLE_TIMER, 0x7fffffff);
	tf_wr(f, in + GLB_ACK_IRQ_MASK, GLB_CFG_ALLOC_EN | GLB_PING |
	      GLB_CFG_PROGRESS_TIMER | GLB_CFG_PWROFF_TIMER |
	      GLB_IDLE_ENABLE | GLB_IDLE);
	tf_wr(f, in + GLB_REQ, tf_rd(f, in + GLB_REQ) | GLB_IDLE_ENABLE);
	tf_glb_toggle(f, GLB_CFG_ALLOC_EN | GLB_CFG_PWROFF_TIMER |
		      GLB_CFG_PROGRESS_TIMER);
	if (!tf_glb_wait(f, GLB_CFG_ALLOC_EN | GLB_CFG_PWROFF_TIMER |
			 GLB_CFG_PROGRESS_TIMER | GLB_IDLE_ENABLE))
		return false;
	/* Let the cores come up. */
	th_advance(f->t, MM_T_PWR_SHADER);
	return true;
}

static uint64_t tf_alloc_in(struct tf *f, uint64_t root, uint64_t *next,
			    uint64_t size, uint64_t *pa_out, uint64_t attrs)
{
	uint64_t va = *next, pa;

	size = (size + TH_SZ_4K - 1) & ~(TH_SZ_4K - 1);
	pa = th_alloc(f->t, size, TH_SZ_4K);
	tf_map_range(f->t, root, va, pa, size, attrs);
	*next += size + TH_SZ_4K;	/* a guard page between objects */
	if (pa_out)
		*pa_out = pa;
	return va;
}

uint64_t tf_mcu_alloc(struct tf *f, uint64_t size, uint64_t *pa)
{
	return tf_alloc_in(f, f->mcu_root, &f->mcu_next, size, pa,
			   TH_PTE_RW_NX);
}

uint64_t tf_user_alloc(struct tf *f, uint64_t size, uint64_t *pa)
{
	return tf_alloc_in(f, f->user_root, &f->user_next, size, pa,
			   TH_PTE_RW_NX);
}

/* ---- Shared section ------------------------------------------------------------ */

static uint64_t tf_pa(struct tf *f, uint64_t va)
{
	if (va < TF_SHARED_VA || va >= TF_SHARED_VA + TF_SHARED_SIZE) {
		mt_check(false, __FILE__, __LINE__, "VA inside shared section",
			 va, 0, true);
		mt_fatal();
	}
	return f->shared_pa + (va - TF_SHARED_VA);
}

uint32_t tf_rd(struct tf *f, uint64_t va)
{
	return th_r32(f->t, tf_pa(f, va));
}

void tf_wr(struct tf *f, uint64_t va, uint32_t v)
{
	th_w32(f->t, tf_pa(f, va), v);
}

uint64_t tf_rd64(struct tf *f, uint64_t va)
{
	return th_r64(f->t, tf_pa(f, va));
}

void tf_wr64(struct tf *f, uint64_t va, uint64_t v)
{
	th_w64(f->t, tf_pa(f, va), v);
}

uint64_t tf_glb_in(struct tf *f)
{
	return tf_rd(f, TF_SHARED_VA + GLB_INPUT_VA);
}

uint64_t tf_glb_out(struct tf *f)
{
	return tf_rd(f, TF_SHARED_VA + GLB_OUTPUT_VA);
}

static uint64_t tf_csg_ctrl(struct tf *f, unsigned int n)
{
	return TF_SHARED_VA + 0x1000 +
	       (uint64_t)n * tf_rd(f, TF_SHARED_VA + GLB_GROUP_STRIDE);
}

static uint64_t tf_cs_ctrl(struct tf *f, unsigned int n, unsigned int k)
{
	uint64_t csg = tf_csg_ctrl(f, n);

	return csg + CSG_CS_CONTROL +
	       (uint64_t)k * tf_rd(f, csg + CSG_STREAM_STRIDE);
}

uint64_t tf_csg_in(struct tf *f, unsigned int n)
{
	return tf_rd(f, tf_csg_ctrl(f, n) + CSG_INPUT_VA);
}

uint64_t tf_csg_out(struct tf *f, unsigned int n)
{
	return tf_rd(f, tf_csg_ctrl(f, n) + CSG_OUTPUT_VA);
}

uint64_t tf_cs_in(struct tf *f, unsigned int n, unsigned int k)
{
	return tf_rd(f, tf_cs_ctrl(f, n, k) + CS_INPUT_VA);
}

uint64_t tf_cs_out(struct tf *f, unsigned int n, unsigned int k)
{
	return tf_rd(f, tf_cs_ctrl(f, n, k) + CS_OUTPUT_VA);
}

/* ---- Requests ------------------------------------------------------------------- */

void tf_doorbell(struct tf *f, unsigned int db)
{
	th_wr(f->t, DOORBELL_BASE + db * DOORBELL_STRIDE, 1);
}

void tf_glb_toggle(struct tf *f, uint32_t bits)
{
	uint64_t in = tf_glb_in(f), out = tf_glb_out(f);
	uint32_t req = tf_rd(f, in + GLB_REQ), ack = tf_rd(f, out + GLB_ACK);

	tf_wr(f, in + GLB_REQ, (req & ~bits) | (~ack & bits));
	tf_doorbell(f, 0);
}

static bool tf_wait_words(struct tf *f, uint64_t req_va, uint64_t ack_va,
			  uint32_t mask)
{
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		if (!((tf_rd(f, req_va) ^ tf_rd(f, ack_va)) & mask))
			return true;
		th_advance(f->t, 1000);
	}
	return false;
}

bool tf_glb_wait(struct tf *f, uint32_t mask)
{
	return tf_wait_words(f, tf_glb_in(f) + GLB_REQ,
			     tf_glb_out(f) + GLB_ACK, mask);
}

static void tf_glb_db(struct tf *f, unsigned int n)
{
	uint64_t in = tf_glb_in(f), out = tf_glb_out(f);
	uint32_t ack = tf_rd(f, out + GLB_DB_ACK);
	uint32_t req = tf_rd(f, in + GLB_DB_REQ);

	tf_wr(f, in + GLB_DB_REQ, (req & ~(1u << n)) | (~ack & (1u << n)));
	tf_doorbell(f, 0);
}

void tf_csg_req(struct tf *f, unsigned int n, uint32_t val, uint32_t mask)
{
	uint64_t in = tf_csg_in(f, n);

	tf_wr(f, in + CSG_REQ, (tf_rd(f, in + CSG_REQ) & ~mask) | (val & mask));
	tf_glb_db(f, n);
}

bool tf_csg_wait(struct tf *f, unsigned int n, uint32_t mask)
{
	return tf_wait_words(f, tf_csg_in(f, n) + CSG_REQ,
			     tf_csg_out(f, n) + CSG_ACK, mask);
}

void tf_cs_kick(struct tf *f, unsigned int n, uint32_t cs_mask)
{
	uint64_t in = tf_csg_in(f, n), out = tf_csg_out(f, n);
	uint32_t ack = tf_rd(f, out + CSG_DB_ACK);
	uint32_t req = tf_rd(f, in + CSG_DB_REQ);

	tf_wr(f, in + CSG_DB_REQ, (req & ~cs_mask) | (~ack & cs_mask));
	tf_glb_db(f, n);
}

/* ---- Queues ---------------------------------------------------------------------- */

void tf_queue_init(struct tf *f, struct tf_queue *q, uint32_t size)
{
	memset(q, 0, sizeof(*q));
	q->size = size;
	q->ring_va = tf_user_alloc(f, size, &q->ring_pa);
	q->in_va = tf_mcu_alloc(f, TH_SZ_4K, &q->in_pa);
	q->out_va = tf_mcu_alloc(f, TH_SZ_4K, &q->out_pa);
}

void tf_cs_prog(struct tf *f, unsigned int n, unsigned int k,
		struct tf_queue *q, unsigned int db)
{
	uint64_t in = tf_cs_in(f, n, k);

	/* EXTRACT_INIT = EXTRACT, as drivers do before (re)starting. */
	th_w64(f->t, q->in_pa + RB_INPUT_EXTRACT_INIT,
	       th_r64(f->t, q->out_pa + RB_OUTPUT_EXTRACT));
	tf_wr64(f, in + CS_BASE, q->ring_va);
	tf_wr(f, in + CS_SIZE, q->size);
	tf_wr64(f, in + CS_USER_INPUT, q->in_va);
	tf_wr64(f, in + CS_USER_OUTPUT, q->out_va);
	tf_wr(f, in + CS_CONFIG, MM_FIELD_PREP(CS_CONFIG_DOORBELL, db));
	tf_wr(f, in + CS_ACK_IRQ_MASK, 0xffffffff);
	tf_wr(f, in + CS_REQ, (tf_rd(f, in + CS_REQ) &
			       ~(CS_STATE | CS_IDLE_SYNC_WAIT | CS_IDLE_EMPTY)) |
	      CS_STATE_START | CS_IDLE_SYNC_WAIT | CS_IDLE_EMPTY |
	      CS_EXTRACT_EVENT);
}

void tf_csg_prog(struct tf *f, unsigned int n, uint64_t sb, uint32_t state,
		 uint32_t cs_mask)
{
	uint64_t in = tf_csg_in(f, n), out = tf_csg_out(f, n);
	uint32_t ack = tf_rd(f, out + CSG_ACK);
	uint32_t dbr = tf_rd(f, in + CSG_DB_REQ);
	uint32_t dba = tf_rd(f, out + CSG_DB_ACK);

	tf_wr64(f, in + CSG_ALLOW_COMPUTE, 0x50005);
	tf_wr64(f, in + CSG_ALLOW_FRAGMENT, 0x50005);
	tf_wr(f, in + CSG_ALLOW_OTHER, 1);
	tf_wr(f, in + CSG_EP_REQ, MM_FIELD_PREP(CSG_EP_COMPUTE, 4) |
	      MM_FIELD_PREP(CSG_EP_FRAGMENT, 4) | MM_FIELD_PREP(CSG_EP_TILER, 1) |
	      MM_FIELD_PREP(CSG_EP_PRIORITY, 15));
	tf_wr(f, in + CSG_CONFIG, TF_USER_AS);
	tf_wr64(f, in + CSG_SUSPEND_BUF, sb);
	tf_wr64(f, in + CSG_PROTM_SUSPEND_BUF, 0);
	tf_wr(f, in + CSG_ACK_IRQ_MASK, 0xffffffff);
	tf_wr(f, in + CSG_DB_REQ, (dbr & ~cs_mask) | (~dba & cs_mask));
	tf_csg_req(f, n, MM_FIELD_PREP(CSG_STATE, state) |
		   (~ack & CSG_ENDPOINT_CONFIG),
		   CSG_STATE | CSG_ENDPOINT_CONFIG);
}

void tf_queue_push(struct tf *f, struct tf_queue *q, const uint64_t *insn,
		   unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		th_w64(f->t, q->ring_pa + (q->insert & (q->size - 1)), insn[i]);
		q->insert += 8;
	}
	th_w64(f->t, q->in_pa + RB_INPUT_INSERT, q->insert);
}

uint64_t tf_queue_extract(struct tf *f, struct tf_queue *q)
{
	return th_r64(f->t, q->out_pa + RB_OUTPUT_EXTRACT);
}

/* ---- Instructions ----------------------------------------------------------------- */

uint64_t tf_op(unsigned int op, uint64_t fields)
{
	return (uint64_t)op << 56 | fields;
}

uint64_t tf_move48(unsigned int reg, uint64_t imm)
{
	return tf_op(1, (uint64_t)reg << 48 | (imm & MM_GENMASK(47, 0)));
}

uint64_t tf_move32(unsigned int reg, uint32_t imm)
{
	return tf_op(2, (uint64_t)reg << 48 | imm);
}

uint64_t tf_sync_add64(unsigned int addr_reg, unsigned int val_reg)
{
	return tf_op(51, (uint64_t)addr_reg << 40 | (uint64_t)val_reg << 32);
}

uint64_t tf_sync_set32(unsigned int addr_reg, unsigned int val_reg)
{
	return tf_op(38, (uint64_t)addr_reg << 40 | (uint64_t)val_reg << 32);
}

uint64_t tf_sync_wait32(unsigned int addr_reg, unsigned int val_reg, bool gt)
{
	return tf_op(39, (uint64_t)addr_reg << 40 | (uint64_t)val_reg << 32 |
		     (uint64_t)(gt ? 1 : 0) << 28);
}

uint64_t tf_store32(unsigned int addr_reg, unsigned int reg)
{
	return tf_op(21, (uint64_t)reg << 48 | (uint64_t)addr_reg << 40 |
		     1ull << 16);
}
