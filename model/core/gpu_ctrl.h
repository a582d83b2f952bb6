/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * GPU_CONTROL: identity, GPU_COMMAND (reset, cache flush, time), status,
 * GPU faults, counters and the registers of the other host-controlled bits
 * (mali-csf-hw.md §1.2-§1.11).
 *
 * Reset (strict reading of §9.2): a RESET command takes effect when it is
 * written. Everything is powered off, the MCU stops, every MMU address space
 * returns to its reset state, pending interrupts are dropped and the GPU, JOB
 * and MMU IRQ masks as well as COHERENCY_ENABLE, L2_CONFIG and the other
 * GPU_CONTROL registers go back to their reset values. RESET_COMPLETED is
 * raised a short model time later; a driver must therefore (re)write the
 * masks after issuing the command, and poll RAWSTAT if it wants the
 * completion before doing so. While a reset is in progress only another
 * RESET command is accepted on GPU_COMMAND (it restarts the reset, e.g. a
 * soft reset escalated to a hard one); power requests and MMU commands are
 * refused. Fast, soft and hard resets differ only in duration here.
 */
#ifndef MM_GPU_CTRL_H
#define MM_GPU_CTRL_H

#include "mmu.h"
#include "regs.h"
#include "regtable.h"

/**
 * struct mm_gpu_ctrl - GPU_CONTROL state.
 * @regs: backing store of the block (plain RW/RO registers).
 * @in_reset: a RESET command has not completed yet.
 * @flush_pending: a FLUSH_CACHES command has not completed yet.
 * @flush_payload: payload of the pending flush.
 * @cycle_running: the cycle counter runs (TIME start).
 * @cycle_base: cycles counted up to @cycle_start_ns.
 * @cycle_start_ns: model time at which the counter was last started.
 * @pwr_key_armed: PWR_KEY was written with the unlock value.
 * @pwr_override: values of PWR_OVERRIDE0/1 actually accepted.
 */
struct mm_gpu_ctrl {
	u32 regs[GPU_CONTROL_SIZE / 4];
	bool in_reset;
	bool flush_pending;
	u32 flush_payload;
	bool cycle_running;
	u64 cycle_base;
	u64 cycle_start_ns;
	bool pwr_key_armed;
	u32 pwr_override[2];
};

extern const struct mm_block mm_gpu_ctrl_block;

/* Power-on state of GPU_CONTROL. */
void mm_gpu_ctrl_power_on(struct mm_gpu *gpu);

/* Reset every block to its reset state (power-on and RESET command). */
void mm_gpu_reset_all(struct mm_gpu *gpu);

bool mm_gpu_in_reset(const struct mm_gpu *gpu);

/* Event handlers. */
void mm_gpu_reset_done(struct mm_gpu *gpu, u32 arg);
void mm_gpu_flush_done(struct mm_gpu *gpu, u32 arg);

/* The 64-bit counters, as they read now. */
u64 mm_gpu_timestamp(const struct mm_gpu *gpu);
u64 mm_gpu_cycle_count(const struct mm_gpu *gpu);

/*
 * Report a bus fault (an access outside RAM) by a unit working in address
 * space @as at physical address @pa: GPU_FAULTSTATUS/ADDRESS and GPU_IRQ
 * GPU_FAULT. The first fault is kept until GPU_COMMAND CLEAR_FAULT.
 */
void mm_gpu_bus_fault(struct mm_gpu *gpu, u32 as, u64 pa,
		      enum mm_access_type access);

#endif /* MM_GPU_CTRL_H */
