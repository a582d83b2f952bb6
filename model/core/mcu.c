// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MCU: MCU_CONTROL / MCU_STATUS, boot, halt and stop, and the dispatch of
 * the firmware's timed work (see mcu.h for the behaviour, fw.h for the
 * firmware emulation).
 */
#include "doorbell.h"
#include "events.h"
#include "fw.h"
#include "fw_iface.h"
#include "fw_image.h"
#include "fw_inject.h"
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mcu.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "pwr.h"
#include "regs.h"

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

void mm_mcu_schedule(struct mm_gpu *gpu, enum mm_mcu_ev ev, u64 delay)
{
	u64 when;

	if (mm_event_pending(gpu, MM_EV_MCU, ev, &when) &&
	    when <= mm_time_after(mm_now(gpu), delay))
		return;
	mm_event_schedule(gpu, MM_EV_MCU, ev, delay);
}

static void mm_mcu_cancel_all(struct mm_gpu *gpu)
{
	u32 ev;

	for (ev = MCU_EV_BOOT; ev <= MCU_EV_HALT; ev++)
		mm_event_cancel(gpu, MM_EV_MCU, ev);
}

/* The firmware stops doing anything; its memory stays as it is. */
static void mm_mcu_stop_firmware(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	mm_mcu_cancel_all(gpu);
	gpu->mcu.booting = false;
	fw->running = false;
	fw->halting = false;
}

void mm_mcu_panic(struct mm_gpu *gpu, const char *why)
{
	gpu->mcu.stats.panics++;
	mm_log(gpu, "MCU: firmware panic: %s", why);
	mm_mcu_stop_firmware(gpu);
	gpu->mcu.fw.clean_halt = false;
	mm_mcu_set_status(gpu, MCU_STATUS_FATAL);
}

/* ---- Boot ------------------------------------------------------------------- */

/*
 * Reset of the MCU core, on the image as the driver mapped it (fw_image.h):
 * fetch the vector table, then the first instruction of the reset handler,
 * and touch the top of the stack, all through AS0. Returns 0, or the
 * failing MMU result (the fault has been raised).
 */
static int mm_mcu_reset_vector(struct mm_gpu *gpu)
{
	u32 vec[2], word;
	u64 pc, sp;
	int ret;

	ret = mm_mmu_access(gpu, FW_MCU_AS, FW_VECTOR_VA, vec, sizeof(vec),
			    MM_ACCESS_READ);
	if (ret) {
		mm_log(gpu, "MCU: cannot read the vector table at MCU VA 0");
		return ret;
	}
	sp = mm_le32(&vec[0]);
	pc = mm_le32(&vec[1]) & ~(u64)FW_THUMB_BIT;

	ret = mm_mmu_access(gpu, FW_MCU_AS, pc, &word, sizeof(word),
			    MM_ACCESS_EXECUTE);
	if (ret) {
		mm_log(gpu, "MCU: reset handler at 0x%llx is not executable",
		       MM_ULL(pc));
		return ret;
	}

	/* The first push: read and write back the word below the stack top. */
	ret = mm_mmu_access(gpu, FW_MCU_AS, sp - 4, &word, sizeof(word),
			    MM_ACCESS_READ);
	if (!ret)
		ret = mm_mmu_access(gpu, FW_MCU_AS, sp - 4, &word,
				    sizeof(word), MM_ACCESS_WRITE);
	if (ret) {
		mm_log(gpu, "MCU: stack at 0x%llx is not writable", MM_ULL(sp));
		return ret;
	}
	return 0;
}

static void mm_mcu_boot_failed(struct mm_gpu *gpu, const char *why)
{
	gpu->mcu.stats.boot_failures++;
	mm_log(gpu, "MCU: boot failed: %s", why);
	mm_mcu_stop_firmware(gpu);
	gpu->mcu.fw.clean_halt = false;
	mm_mcu_set_status(gpu, MCU_STATUS_FATAL);
}

static void mm_mcu_start_boot(struct mm_gpu *gpu)
{
	struct mm_mcu *mcu = &gpu->mcu;

	mcu->booting = true;
	mcu->fast = mcu->fw.clean_halt;
	mm_mcu_set_status(gpu, MCU_STATUS_ENABLED);
	/* Doorbells rung while the MCU was off were not seen. */
	mm_doorbell_take(gpu);
	mm_event_schedule(gpu, MM_EV_MCU, MCU_EV_BOOT,
			  mcu->fast ? MM_T_MCU_FAST_BOOT : MM_T_MCU_BOOT);
}

/* Lay out the interface; false if the firmware could not. */
static bool mm_mcu_boot_interface(struct mm_gpu *gpu, int fail)
{
	struct mm_mcu *mcu = &gpu->mcu;
	bool fast = mcu->fast;

	/* A fast boot needs the memory of the previous one. */
	if (fast) {
		fast = mm_fw_interface_intact(gpu);
		if (!fast && !mcu->fw.mem_error)
			mm_log(gpu, "MCU: shared section was reloaded, cold boot");
	}
	if (!fast) {
		mm_fw_state_reset(gpu);
		mcu->stats.cold_boots++;
	} else {
		mcu->stats.fast_boots++;
	}
	mm_fw_interface_init(gpu, !fast, fail != MM_BOOT_FAIL_NO_VERSION);
	return !mcu->fw.mem_error;
}

static void mm_mcu_boot(struct mm_gpu *gpu)
{
	struct mm_mcu *mcu = &gpu->mcu;
	struct mm_fw *fw = &mcu->fw;
	int fail;

	if (!(mm_pwr_ready(gpu, MM_PWR_L2) & 1)) {
		mm_mcu_boot_failed(gpu, "L2 not powered");
		return;
	}
	if (mm_fw_as0_locked(gpu)) {
		mcu->stats.retries++;
		mm_event_schedule(gpu, MM_EV_MCU, MCU_EV_BOOT, MM_T_FW_RETRY);
		return;
	}
	fail = mm_inject_take_boot_fail(gpu);
	if (fail == MM_BOOT_FAIL_FATAL) {
		mm_mcu_boot_failed(gpu, "injected");
		return;
	}
	if (mm_mcu_reset_vector(gpu)) {
		mm_mcu_boot_failed(gpu, "firmware image not mapped as needed");
		return;
	}
	if (fail == MM_BOOT_FAIL_SILENT) {
		/* Stuck in its early boot: no interface, no interrupt. */
		mcu->booting = false;
		mcu->stats.boot_failures++;
		mm_log(gpu, "MCU: boot hangs (injected)");
		return;
	}
	fw->mem_error = false;
	if (!mm_mcu_boot_interface(gpu, fail)) {
		mm_mcu_boot_failed(gpu, "cannot write the shared section");
		return;
	}

	mcu->booting = false;
	fw->running = true;
	fw->halting = false;
	fw->hung = false;
	fw->clean_halt = false;
	fw->halt_seen = 0;
	mm_fw_cs_env_init(gpu);
	mm_log(gpu, "MCU: firmware booted (%s)", mcu->fast ? "fast" : "cold");
	mm_fw_job_irq(gpu, JOB_IRQ_GLOBAL);

	if (mm_doorbell_rung(gpu))
		mm_mcu_schedule(gpu, MCU_EV_SERVICE, MM_T_FW_REQ);
	mm_fw_run_schedule(gpu);
	mm_fw_timers(gpu);
}

/* ---- Halt and stop --------------------------------------------------------- */

void mm_mcu_halt(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	if (fw->halting)
		return;
	fw->halting = true;
	fw->running = false;
	mm_event_cancel(gpu, MM_EV_MCU, MCU_EV_RUN);
	mm_event_cancel(gpu, MM_EV_MCU, MCU_EV_TIMER);
	mm_event_cancel(gpu, MM_EV_MCU, MCU_EV_SERVICE);
	mm_fw_cores_power(gpu, false);
	mm_event_schedule(gpu, MM_EV_MCU, MCU_EV_HALT, MM_T_FW_HALT);
}

static void mm_mcu_halt_done(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	if (mm_fw_as0_locked(gpu)) {
		gpu->mcu.stats.retries++;
		mm_event_schedule(gpu, MM_EV_MCU, MCU_EV_HALT, MM_T_FW_RETRY);
		return;
	}
	fw->mem_error = false;
	mm_fw_wr32(gpu, mm_fw_glb_out() + GLB_HALT_STATUS, GLB_HALT_OK);
	fw->halting = false;
	if (fw->mem_error) {
		mm_mcu_panic(gpu, "cannot write GLB_HALT_STATUS");
		return;
	}
	fw->clean_halt = true;
	gpu->mcu.stats.halts++;
	mm_log(gpu, "MCU: halted");
	mm_mcu_set_status(gpu, MCU_STATUS_HALT);
}

static void mm_mcu_disable(struct mm_gpu *gpu)
{
	struct mm_mcu *mcu = &gpu->mcu;

	/* Only a completed halt leaves memory a fast boot can trust. */
	if (mcu->status != MCU_STATUS_HALT && mcu->status != MCU_STATUS_DISABLED)
		mcu->fw.clean_halt = false;
	if (mcu->status == MCU_STATUS_ENABLED && mcu->fw.cores_on)
		mm_fw_cores_power(gpu, false);
	mm_mcu_stop_firmware(gpu);
	mm_mcu_set_status(gpu, MCU_STATUS_DISABLED);
}

void mm_mcu_control(struct mm_gpu *gpu, u32 val)
{
	u32 req = MM_FIELD_GET(MCU_CONTROL_REQ, val);

	gpu->mcu.control = val;
	if (req == MCU_CONTROL_DISABLE) {
		mm_mcu_disable(gpu);
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
	/* Already running (or booting): nothing to do. */
	if (gpu->mcu.status == MCU_STATUS_ENABLED &&
	    (gpu->mcu.booting || gpu->mcu.fw.running || gpu->mcu.fw.halting))
		return;
	mm_mcu_start_boot(gpu);
}

/* ---- Work ------------------------------------------------------------------- */

static void mm_mcu_service(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 rung = mm_doorbell_take(gpu);

	gpu->mcu.stats.services++;
	if (rung & 1)
		mm_fw_glb_service(gpu);
	if (!fw->running || fw->mem_error)
		return;
	mm_fw_cs_doorbells(gpu, rung & ~1u);
	/* Any doorbell is a chance to look at sync objects again. */
	mm_fw_cs_wake_sync_waiters(gpu, -1);
	mm_fw_csg_update_all(gpu);
	mm_fw_run_schedule(gpu);
}

/* Run one step of firmware work; AS0 locked means "later". */
static void mm_mcu_step(struct mm_gpu *gpu, enum mm_mcu_ev ev)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	if (!fw->running || fw->hung)
		return;
	if (mm_fw_as0_locked(gpu)) {
		gpu->mcu.stats.retries++;
		mm_mcu_schedule(gpu, ev, MM_T_FW_RETRY);
		return;
	}
	fw->mem_error = false;
	switch (ev) {
	case MCU_EV_SERVICE:
		mm_mcu_service(gpu);
		break;
	case MCU_EV_RUN:
		mm_fw_run(gpu);
		break;
	default:
		break;
	}
	if (fw->running && !fw->mem_error)
		mm_fw_timers(gpu);
	if (fw->mem_error)
		mm_mcu_panic(gpu, "an interface access faulted");
}

void mm_mcu_event(struct mm_gpu *gpu, u32 arg)
{
	switch (arg) {
	case MCU_EV_BOOT:
		if (gpu->mcu.booting)
			mm_mcu_boot(gpu);
		break;
	case MCU_EV_HALT:
		if (gpu->mcu.fw.halting)
			mm_mcu_halt_done(gpu);
		break;
	case MCU_EV_SERVICE:
	case MCU_EV_RUN:
	case MCU_EV_TIMER:
		mm_mcu_step(gpu, arg);
		break;
	default:
		break;
	}
}

void mm_mcu_doorbell(struct mm_gpu *gpu, u32 doorbell __maybe_unused)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	/* The rung bit stays latched; the firmware looks at it shortly. */
	if (fw->running && !fw->hung)
		mm_mcu_schedule(gpu, MCU_EV_SERVICE, MM_T_FW_REQ);
}

void mm_mcu_reset(struct mm_gpu *gpu)
{
	struct mm_mcu *mcu = &gpu->mcu;

	/* A reset stops the MCU without an MCU_STATUS_CHANGED interrupt. */
	if (mcu->status != MCU_STATUS_HALT && mcu->status != MCU_STATUS_DISABLED)
		mcu->fw.clean_halt = false;
	mm_mcu_stop_firmware(gpu);
	mcu->status = MCU_STATUS_DISABLED;
	mcu->control = MCU_CONTROL_DISABLE;
}

/*
 * MCU_CONTROL = AUTO lets the MCU restart by itself after a fast reset that
 * leaves protected mode; protected mode is not modelled, and the reset
 * clears MCU_CONTROL, so nothing restarts here.
 */
void mm_mcu_reset_done(struct mm_gpu *gpu __maybe_unused)
{
}

bool mm_mcu_gpu_active(const struct mm_gpu *gpu)
{
	return gpu->mcu.fw.running && mm_fw_gpu_busy(gpu);
}
