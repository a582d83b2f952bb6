/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers for the firmware tests: map a firmware image in AS0 the way a
 * driver does, boot the MCU, and reach the interface blocks through the
 * "CPU mapping" of the shared section, as the host driver would.
 */
#ifndef TEST_FW_H
#define TEST_FW_H

#include <stdint.h>

#include "fw.h"
#include "fw_iface.h"
#include "fw_image.h"
#include "host.h"

/* Leaf attributes of the MCU mappings. */
#define TF_PTE_RO_X	(TH_PTE_RW_X | PTE_AP_RDONLY)

/* MCU VAs of the model image's sections (see fw_image.h). */
#define TF_CODE_VA	FW_IMG_CODE_VA
#define TF_DATA_VA	FW_IMG_DATA_VA
#define TF_SHARED_VA	FW_SHARED_VA
#define TF_SHARED_SIZE	FW_SHARED_SIZE_G610

/* Where the tests put the objects a driver allocates in the MCU VM. */
#define TF_MCU_HEAP_VA	0x04100000ull
/* The user VM (AS1) the groups run in, and where rings go. */
#define TF_USER_AS	1u
#define TF_USER_VA	0x00100000ull

/**
 * struct tf - a mapped firmware and a driver's view of it.
 * @t: the test host.
 * @mcu_root: AS0 page table root.
 * @user_root: AS1 page table root.
 * @shared_pa: PA of the shared section (CPU mapping).
 * @mcu_next: next free MCU VA for tf_mcu_alloc().
 * @user_next: next free user VA for tf_user_alloc().
 */
struct tf {
	struct th *t;
	uint64_t mcu_root;
	uint64_t user_root;
	uint64_t shared_pa;
	uint64_t mcu_next;
	uint64_t user_next;
};

/* Map the model image in AS0 (and an empty AS1) and power the L2. */
void tf_setup(struct tf *f, struct th *t);
/* The same, leaving out the sections whose flag bit is set in @skip. */
#define TF_SKIP_VECTOR	0x1u
#define TF_SKIP_CODE	0x2u
#define TF_SKIP_DATA	0x4u
#define TF_SKIP_SHARED	0x8u
#define TF_CODE_NX	0x10u	/* map the code no-execute */
#define TF_SHARED_RO	0x20u	/* map the shared section read-only */
#define TF_NO_AS0	0x40u	/* do not enable AS0 */
#define TF_NO_L2	0x80u	/* do not power the L2 */
void tf_setup_flags(struct tf *f, struct th *t, unsigned int flags);

/* MCU_CONTROL = AUTO and wait for JOB IRQ bit 31; false on timeout. */
bool tf_boot(struct tf *f);
/* Boot and do the global configuration of §5.1 step 12. */
bool tf_boot_configured(struct tf *f);

/* Map @size bytes of fresh memory at the next MCU VA (AS0); its VA. */
uint64_t tf_mcu_alloc(struct tf *f, uint64_t size, uint64_t *pa);
/* The same in the user VM (AS1). */
uint64_t tf_user_alloc(struct tf *f, uint64_t size, uint64_t *pa);

/* 32/64-bit access to the shared section by MCU VA, as the CPU sees it. */
uint32_t tf_rd(struct tf *f, uint64_t va);
void tf_wr(struct tf *f, uint64_t va, uint32_t v);
uint64_t tf_rd64(struct tf *f, uint64_t va);
void tf_wr64(struct tf *f, uint64_t va, uint64_t v);

/* Interface block addresses, read from the control blocks as a driver does. */
uint64_t tf_glb_in(struct tf *f);
uint64_t tf_glb_out(struct tf *f);
uint64_t tf_csg_in(struct tf *f, unsigned int n);
uint64_t tf_csg_out(struct tf *f, unsigned int n);
uint64_t tf_cs_in(struct tf *f, unsigned int n, unsigned int k);
uint64_t tf_cs_out(struct tf *f, unsigned int n, unsigned int k);

/* Ring doorbell @db. */
void tf_doorbell(struct tf *f, unsigned int db);
/* Toggle GLB_REQ @bits against GLB_ACK, ring doorbell 0. */
void tf_glb_toggle(struct tf *f, uint32_t bits);
/* Wait until (GLB_REQ ^ GLB_ACK) & @mask == 0; false on timeout. */
bool tf_glb_wait(struct tf *f, uint32_t mask);
/* Set CSG_REQ bits (value under mask), toggle GLB_DB_REQ n, ring 0. */
void tf_csg_req(struct tf *f, unsigned int n, uint32_t val, uint32_t mask);
bool tf_csg_wait(struct tf *f, unsigned int n, uint32_t mask);
/* Toggle CSG_DB_REQ bits and GLB_DB_REQ n, ring 0. */
void tf_cs_kick(struct tf *f, unsigned int n, uint32_t cs_mask);

/**
 * struct tf_queue - a queue as a driver programs one.
 * @ring_va: ring buffer GPU VA (AS1).
 * @ring_pa: its PA.
 * @size: ring size.
 * @in_va: user input page MCU VA.
 * @in_pa: its PA.
 * @out_va: user output page MCU VA.
 * @out_pa: its PA.
 * @insert: the driver's INSERT.
 */
struct tf_queue {
	uint64_t ring_va;
	uint64_t ring_pa;
	uint32_t size;
	uint64_t in_va;
	uint64_t in_pa;
	uint64_t out_va;
	uint64_t out_pa;
	uint64_t insert;
};

void tf_queue_init(struct tf *f, struct tf_queue *q, uint32_t size);
/* Program CS slot (n, k) for @q (CS_REQ START + idle bits), doorbell db. */
void tf_cs_prog(struct tf *f, unsigned int n, unsigned int k,
		struct tf_queue *q, unsigned int db);
/* Program CSG slot n (AS1, suspend buffer @sb) and request @state. */
void tf_csg_prog(struct tf *f, unsigned int n, uint64_t sb, uint32_t state,
		 uint32_t cs_mask);
/* Append instructions to a queue's ring and publish INSERT. */
void tf_queue_push(struct tf *f, struct tf_queue *q, const uint64_t *insn,
		   unsigned int count);
uint64_t tf_queue_extract(struct tf *f, struct tf_queue *q);

/* Instruction encoders (cs-isa.md). */
uint64_t tf_op(unsigned int op, uint64_t fields);
uint64_t tf_move48(unsigned int reg, uint64_t imm);
uint64_t tf_move32(unsigned int reg, uint32_t imm);
uint64_t tf_sync_add64(unsigned int addr_reg, unsigned int val_reg);
uint64_t tf_sync_set32(unsigned int addr_reg, unsigned int val_reg);
uint64_t tf_sync_wait32(unsigned int addr_reg, unsigned int val_reg,
			bool gt);
uint64_t tf_store32(unsigned int addr_reg, unsigned int reg);

#endif /* TEST_FW_H */
