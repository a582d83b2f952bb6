/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Fault injection (mm.h, mm_inject()): state and the hooks the firmware
 * emulation calls.
 *
 * Bus faults are injected by a shim between the model and its host: while
 * a bus fault is armed, the instance's host ops are replaced by forwarding
 * ones that fail memory accesses to the chosen page, so every GPU access
 * (page-table walks, the firmware, command streams) sees the fault. Power
 * transitions that never complete use the "never" duration of the timed
 * events.
 */
#ifndef MM_FW_INJECT_H
#define MM_FW_INJECT_H

#include "mm.h"
#include "pwr.h"

/**
 * struct mm_inject - armed faults.
 * @ops: the host's own ops while the bus shim is installed.
 * @host: the host's cookie while the bus shim is installed.
 * @bus_page: physical page (4 KiB aligned) whose accesses fail.
 * @bus_armed: the bus shim is installed.
 * @irq_drop: JOB interrupts still to drop.
 * @boot_fail: next boot fails (mode + 1), 0: it does not.
 * @cs_fault: argument of an armed CS fault (see mm.h).
 * @cs_fault_armed: a CS fault is armed.
 * @cs_fatal: argument of an armed CS fatal error.
 * @cs_fatal_armed: a CS fatal error is armed.
 * @pwr_saved: transition times before MM_FAULT_PWR_STUCK.
 * @pwr_stuck: domains whose transitions are stuck (bit per domain).
 * @dropped: JOB interrupts dropped so far.
 */
struct mm_inject {
	const struct mm_host_ops *ops;
	void *host;
	u64 bus_page;
	bool bus_armed;
	u32 irq_drop;
	u32 boot_fail;
	u32 cs_fault;
	bool cs_fault_armed;
	u32 cs_fatal;
	bool cs_fatal_armed;
	u64 pwr_saved[MM_PWR_COUNT];
	u32 pwr_stuck;
	u32 dropped;
};

/* Boot failure modes (MM_FAULT_BOOT_FAIL argument). */
#define MM_BOOT_FAIL_FATAL	0u
#define MM_BOOT_FAIL_SILENT	1u
#define MM_BOOT_FAIL_NO_VERSION	2u

/* The next firmware JOB interrupt should be dropped (consumes it). */
bool mm_inject_take_irq_drop(struct mm_gpu *gpu);

/* Boot failure armed for this boot: its mode, or -1 (consumes it). */
int mm_inject_take_boot_fail(struct mm_gpu *gpu);

/* Apply armed CS exceptions that target a started stream. */
void mm_inject_cs_exceptions(struct mm_gpu *gpu);

#endif /* MM_FW_INJECT_H */
