/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The MCU, seen from the host: MCU_CONTROL / MCU_STATUS (mali-csf-hw.md
 * §1.11), boot, halt and stop (§5), and the entry points through which the
 * rest of the model hands work to the firmware emulation (fw.h):
 *  - mm_mcu_control(): boot (cold or fast), stop;
 *  - mm_mcu_doorbell(): a doorbell was rung (0 = global interface);
 *  - mm_mcu_event(): the firmware's timed work (MM_EV_MCU);
 *  - mm_mcu_reset() / mm_mcu_reset_done(): GPU reset issued / completed;
 *  - mm_mcu_gpu_active(): contributes GPU_STATUS.GPU_ACTIVE.
 *
 * Boot. MCU_CONTROL = ENABLE or AUTO makes MCU_STATUS read ENABLED at once
 * (the core runs). After the boot delay the firmware starts: it needs the
 * L2 (every MCU access goes through it), reads the image through AS0 (see
 * fw_image.h) and lays out the shared interface section; then it raises
 * JOB IRQ bit 31. If the L2 is not powered, AS0 does not translate, or a
 * section is missing or mapped with the wrong permissions, the boot fails:
 * MCU_STATUS = FATAL (GPU IRQ MCU_STATUS_CHANGED) and no JOB IRQ.
 *
 * A cold boot re-initialises the control blocks and zeroes the output
 * blocks, leaving the input blocks as the host left them. A boot after a
 * clean halt (GLB HALT completed with GLB_HALT_STATUS = 0) is fast: if the
 * interface is still in memory, output blocks and the firmware's state are
 * kept (§9.8). A driver that reloaded the shared section gets a cold boot.
 *
 * Halt. The firmware halts when it sees GLB_REQ.HALT go from 0 to 1 (it
 * never sets GLB_ACK.HALT; §9.7); a REQ.HALT still set at the next boot
 * halts it again at the first doorbell. It stops the streams, powers its
 * cores down, writes GLB_HALT_STATUS = 0 and MCU_STATUS becomes HALT.
 *
 * MCU_CONTROL = DISABLE stops the MCU at once (MCU_STATUS = DISABLED); the
 * firmware's cores are powered down. A GPU reset stops it without an
 * MCU_STATUS_CHANGED interrupt. Neither loses the "clean halt" memory.
 */
#ifndef MM_MCU_H
#define MM_MCU_H

#include "fw.h"
#include "fw_inject.h"

struct mm_gpu;

/**
 * struct mm_mcu_stats - firmware counters, for tests and debugfs.
 * @cold_boots: boots that re-initialised the interface.
 * @fast_boots: boots after a clean halt that kept it.
 * @boot_failures: boots that ended in FATAL or were injected to fail.
 * @halts: clean halts.
 * @panics: firmware panics after a failed memory access.
 * @services: doorbell service steps.
 * @glb_reqs: GLB request bits acknowledged.
 * @csg_reqs: CSG requests acknowledged.
 * @cs_reqs: CS_REQ processings.
 * @runs: calls into the CS interpreter.
 * @job_irqs: JOB interrupts raised.
 * @bad_requests: requests the firmware refused (logged).
 * @retries: steps postponed because AS0 was locked.
 */
struct mm_mcu_stats {
	u32 cold_boots;
	u32 fast_boots;
	u32 boot_failures;
	u32 halts;
	u32 panics;
	u32 services;
	u32 glb_reqs;
	u32 csg_reqs;
	u32 cs_reqs;
	u64 runs;
	u32 job_irqs;
	u32 bad_requests;
	u32 retries;
};

/**
 * struct mm_mcu - MCU state.
 * @status: MCU_STATUS.
 * @control: last MCU_CONTROL request.
 * @booting: a boot is in progress (MCU_EV_BOOT pending).
 * @fast: that boot is a fast one.
 * @fw: the firmware emulation.
 * @inject: armed faults.
 * @stats: counters.
 */
struct mm_mcu {
	u32 status;
	u32 control;
	bool booting;
	bool fast;
	struct mm_fw fw;
	struct mm_inject inject;
	struct mm_mcu_stats stats;
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
