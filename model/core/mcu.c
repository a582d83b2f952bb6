// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MCU stub (see mcu.h for what the firmware emulation will hook here).
 */
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mcu.h"
#include "mm_gpu.h"

u32 mm_mcu_status(const struct mm_gpu *gpu)
{
	return gpu->mcu.status;
}

void mm_mcu_set_status(struct mm_gpu *gpu, u32 status)
{
	if (gpu->mcu.status == status)
		return;
	gpu->mcu.status = status;
	mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_MCU_STATUS_CHANGED);
}

void mm_mcu_control(struct mm_gpu *gpu, u32 val)
{
	u32 req = MM_FIELD_GET(MCU_CONTROL_REQ, val);

	gpu->mcu.control = val;
	if (req == MCU_CONTROL_DISABLE) {
		mm_mcu_set_status(gpu, MCU_STATUS_DISABLED);
		return;
	}
	if (req != MCU_CONTROL_ENABLE && req != MCU_CONTROL_AUTO) {
		mm_log(gpu, "MCU_CONTROL 0x%x: unknown request ignored", val);
		return;
	}
	if (mm_gpu_in_reset(gpu)) {
		mm_log(gpu, "MCU_CONTROL 0x%x during GPU reset ignored", val);
		return;
	}
	mm_mcu_set_status(gpu, MCU_STATUS_ENABLED);
}

void mm_mcu_doorbell(struct mm_gpu *gpu __maybe_unused, u32 doorbell __maybe_unused)
{
	/* The firmware emulation reacts to doorbells here. */
}

void mm_mcu_event(struct mm_gpu *gpu __maybe_unused, u32 arg __maybe_unused)
{
	/* The firmware emulation's timed work runs here. */
}

void mm_mcu_reset(struct mm_gpu *gpu)
{
	/* A reset stops the MCU without an MCU_STATUS_CHANGED interrupt. */
	gpu->mcu.status = MCU_STATUS_DISABLED;
	gpu->mcu.control = MCU_CONTROL_DISABLE;
}

void mm_mcu_reset_done(struct mm_gpu *gpu __maybe_unused)
{
	/* Fast-reset auto reboot (MCU_CONTROL = AUTO) will go here. */
}

bool mm_mcu_gpu_active(const struct mm_gpu *gpu __maybe_unused)
{
	return false;
}
