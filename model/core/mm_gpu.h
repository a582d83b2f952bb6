/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The GPU instance: every block's state in one structure, so that the model
 * needs no allocation beyond the mm_size() bytes its host provides.
 *
 * Internal to the core (and to its unit tests); hosts only see mm.h.
 */
#ifndef MM_GPU_H
#define MM_GPU_H

#include "doorbell.h"
#include "events.h"
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mcu.h"
#include "mm.h"
#include "mmu.h"
#include "pwr.h"
#include "user.h"

/**
 * struct mm_timing - how long things take, in model nanoseconds.
 * @reset_soft_ns: fast or soft reset.
 * @reset_hard_ns: hard reset.
 * @flush_ns: GPU_COMMAND FLUSH_CACHES.
 * @pwr_ns: power transition, per domain.
 * @as_cmd_ns: MMU UPDATE, LOCK and UNLOCK.
 * @as_flush_ns: MMU FLUSH_PT and FLUSH_MEM.
 */
struct mm_timing {
	u64 reset_soft_ns;
	u64 reset_hard_ns;
	u64 flush_ns;
	u64 pwr_ns[MM_PWR_COUNT];
	u64 as_cmd_ns;
	u64 as_flush_ns;
};

/**
 * struct mm_stats - counters of notable events, for tests and debugfs.
 *
 * Driver errors the model tolerates but reports are counted here as well as
 * logged, so that tests can assert on them.
 */
struct mm_stats {
	u32 log_lines;
	u32 unknown_reads;
	u32 unknown_writes;
	u32 ro_writes;
	u32 resets;
	u32 bad_commands;
	u32 cmds_during_reset;
	u32 flush_overlap;
	u32 pwr_refused;
	u32 as_cmd_refused;
	u32 flush_without_lock;
	u32 mmu_faults;
	u32 lost_faults;
	u32 events_dropped;
	u32 irq_edges[MM_IRQ_COUNT];
	u64 walks;
	u64 tlb_hits;
};

/**
 * struct mm_gpu - one modelled GPU.
 * @ops: host services.
 * @host: host cookie for @ops.
 * @prod: product impersonated.
 * @product: its enum value.
 * @now: model time (ns) of what is being processed.
 * @host_now: host time (ns) at the last catch-up.
 * @timing: durations of timed operations.
 * @ev: timed events.
 * @irq: interrupt quartets.
 * @gc: GPU_CONTROL.
 * @pwr: power domains.
 * @mmu: address spaces.
 * @user: USER page.
 * @db: doorbells.
 * @mcu: MCU.
 * @log: mm_log_once() state.
 * @stats: counters.
 */
struct mm_gpu {
	const struct mm_host_ops *ops;
	void *host;
	const struct mm_product_info *prod;
	enum mm_product product;
	u64 now;
	u64 host_now;
	struct mm_timing timing;
	struct mm_events ev;
	struct mm_irq irq;
	struct mm_gpu_ctrl gc;
	struct mm_pwr pwr;
	struct mm_mmu mmu;
	struct mm_user user;
	struct mm_doorbells db;
	struct mm_mcu mcu;
	struct mm_log_state log;
	struct mm_stats stats;
};

/* Default durations (model ns). */
#define MM_T_RESET_SOFT		20000ull
#define MM_T_RESET_HARD		50000ull
#define MM_T_FLUSH		5000ull
#define MM_T_PWR_SHADER		10000ull
#define MM_T_PWR_TILER		10000ull
#define MM_T_PWR_L2		20000ull
#define MM_T_AS_CMD		1000ull
#define MM_T_AS_FLUSH		3000ull

#endif /* MM_GPU_H */
