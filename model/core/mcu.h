/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The MCU, seen from the host: MCU_CONTROL / MCU_STATUS (mali-csf-hw.md
 * §1.11), plus the hooks through which the rest of the model hands work to
 * the firmware emulation.
 *
 * For now the MCU is a stub: enabling it (MCU_CONTROL 1 or 2) makes
 * MCU_STATUS read ENABLED, disabling it DISABLED, and every change of
 * MCU_STATUS raises GPU_IRQ MCU_STATUS_CHANGED. The firmware emulation
 * replaces the bodies of the functions below:
 *  - mm_mcu_control(): boot (cold or fast), stop;
 *  - mm_mcu_doorbell(): a doorbell was rung (0 = global interface);
 *  - mm_mcu_event(): timed work it scheduled with MM_EV_MCU;
 *  - mm_mcu_reset() / mm_mcu_reset_done(): GPU reset issued / completed
 *    (a fast reset with MCU_CONTROL = AUTO reboots the MCU by itself);
 *  - mm_mcu_gpu_active(): contributes GPU_STATUS.GPU_ACTIVE.
 */
#ifndef MM_MCU_H
#define MM_MCU_H

#include "mm_types.h"

struct mm_gpu;

/**
 * struct mm_mcu - MCU state.
 * @status: MCU_STATUS.
 * @control: last MCU_CONTROL request.
 */
struct mm_mcu {
	u32 status;
	u32 control;
};

void mm_mcu_control(struct mm_gpu *gpu, u32 val);
u32 mm_mcu_status(const struct mm_gpu *gpu);

/* Change MCU_STATUS, raising MCU_STATUS_CHANGED if it changed. */
void mm_mcu_set_status(struct mm_gpu *gpu, u32 status);

void mm_mcu_doorbell(struct mm_gpu *gpu, u32 doorbell);
void mm_mcu_event(struct mm_gpu *gpu, u32 arg);
void mm_mcu_reset(struct mm_gpu *gpu);
void mm_mcu_reset_done(struct mm_gpu *gpu);
bool mm_mcu_gpu_active(const struct mm_gpu *gpu);

#endif /* MM_MCU_H */
