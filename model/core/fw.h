/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Firmware emulation: the behaviour of the CSF firmware, at the level of
 * its host interface (mali-csf-hw.md §4, §5). No MCU code runs; the model
 * does what the firmware is documented to do, through AS0 like the MCU.
 *
 * Files:
 *   mcu.c       MCU_CONTROL/MCU_STATUS, boot (cold and fast) from the image
 *               as the driver mapped it, halt, stop, the MCU's timed events
 *   fw_image.c  the mali_csffw.bin container parser (also used by tools/)
 *   fw_mem.c    firmware accesses to MCU memory (AS0) and JOB IRQs
 *   fw_glb.c    the shared section, GLB requests, idle/power-off timers,
 *               counter ring
 *   fw_csg.c    CSG requests: start, suspend (to the suspend buffer),
 *               resume, terminate, endpoints, status, idle, progress timer
 *   fw_cs.c     CS requests, doorbells, running streams with the CS
 *               interpreter (cs.h), faults, tiler OOM, sync updates
 *   fw_inject.c fault injection (mm.h: mm_inject())
 *
 * Work is done in steps (one timed MM_EV_MCU event each): a step that finds
 * AS0 locked by the driver waits and retries, and a step in which a
 * firmware memory access faulted ends in a firmware panic (MCU_STATUS =
 * FATAL), as the firmware cannot go on without its interface.
 */
#ifndef MM_FW_H
#define MM_FW_H

#include "cs.h"

struct mm_gpu;

/* The MCU's address space. */
#define FW_MCU_AS		0u

/* Interface geometry the model supports (every product fits). */
#define MM_FW_MAX_CSG		8u
#define MM_FW_MAX_CS		8u

/* Timing of the firmware, in model ns. */
#define MM_T_MCU_BOOT		200000ull	/* cold boot to JOB IRQ */
#define MM_T_MCU_FAST_BOOT	50000ull	/* boot after a clean halt */
#define MM_T_FW_REQ		2000ull		/* doorbell to processing */
#define MM_T_FW_HALT		20000ull	/* halt request to HALT */
#define MM_T_FW_RETRY		5000ull		/* AS0 locked: try again */
#define MM_T_FW_SYNC_POLL	1000000ull	/* re-read blocked sync waits */
#define MM_T_NEVER		(~0ull)

/* Instructions the streams may execute in one step, all together. */
#define MM_FW_RUN_BUDGET	512u

/* Arguments of MM_EV_MCU. */
enum mm_mcu_ev {
	MCU_EV_BOOT,		/* boot delay over */
	MCU_EV_SERVICE,		/* doorbells to look at */
	MCU_EV_RUN,		/* command streams to run */
	MCU_EV_TIMER,		/* idle, power-off or progress timer due */
	MCU_EV_HALT,		/* halt completes */
};

/*
 * CSG suspend buffer layout (private to the firmware; the host only knows
 * its size): a header, then one record per CS with the firmware's view of
 * the stream and the interpreter state from mm_cs_save().
 */
#define FW_SB_MAGIC		0x4753534du	/* "MSSG" */
#define FW_SB_VERSION		1u
#define FW_SB_HDR_MAGIC		0x00u
#define FW_SB_HDR_VERSION	0x04u
#define FW_SB_HDR_NCS		0x08u
#define FW_SB_HDR_SIZE		0x40u
#define FW_SB_CS_FLAGS		0x00u
#define FW_SB_CS_EXTRACT	0x08u	/* 64-bit */
#define FW_SB_CS_FAULT		0x10u
#define FW_SB_CS_FAULT_INFO	0x18u	/* 64-bit */
#define FW_SB_CS_EXEC		0x40u	/* MM_CS_SAVE_SIZE bytes */
#define FW_SB_CS_STRIDE		(FW_SB_CS_EXEC + MM_CS_SAVE_SIZE)
#define FW_SB_CS_STARTED	MM_BIT(0)
#define FW_SB_CS_FATAL		MM_BIT(1)
#define FW_SB_CS_FAULT_WAIT	MM_BIT(2)
#define FW_SB_CS_OOM_WAIT	MM_BIT(3)

/** enum mm_fw_csg_state - what occupies a CSG slot, as the firmware sees it. */
enum mm_fw_csg_state {
	FW_CSG_FREE,		/* terminated, or never started */
	FW_CSG_RUNNING,		/* started or resumed */
	FW_CSG_SUSPENDED,	/* state saved; the slot holds nothing live */
};

/**
 * struct mm_fw_cs - the firmware's view of one command stream slot.
 * @started: CS_REQ.STATE = START taken in a running group.
 * @fatal: stopped by a fatal error until the stream is started again.
 * @fault_wait: a FAULT was raised and the host has not acknowledged it.
 * @fault_forced: that fault was injected (the interpreter is not stalled).
 * @oom_wait: a TILER_OOM was raised and the host has not answered.
 * @kick: run at the next step whatever @wake says.
 * @waiting: at the end of the last step the stream wanted to progress.
 * @stop: why mm_cs_run() last returned.
 * @req: CS_REQ as last processed (idle conditions).
 * @config: CS_CONFIG latched at start (priority, doorbell).
 * @user_in: MCU VA of the ring's user input page.
 * @user_out: MCU VA of the ring's user output page.
 * @wake: model time at which running again can make progress.
 * @fault: CS_FAULT value of a pending fault (re-raised after a resume).
 * @fault_info: its CS_FAULT_INFO.
 * @events: CS_ACK events raised by the interpreter during the current
 *	run, toggled once its status is written.
 * @ring: ring buffer handed to the interpreter.
 * @x: interpreter state.
 */
struct mm_fw_cs {
	bool started;
	bool fatal;
	bool fault_wait;
	bool fault_forced;
	bool oom_wait;
	bool kick;
	bool waiting;
	u32 stop;
	u32 req;
	u32 config;
	u64 user_in;
	u64 user_out;
	u64 wake;
	u32 fault;
	u64 fault_info;
	u32 events;
	struct mm_cs_ring ring;
	struct mm_cs_exec x;
};

/**
 * struct mm_fw_csg - the firmware's view of one CSG slot.
 * @state: enum mm_fw_csg_state.
 * @as: address space of the group's streams (CSG_CONFIG).
 * @ep_req: CSG_EP_REQ latched by ENDPOINT_CONFIG.
 * @idle: every stream is idle (CSG_STATUS_STATE.IDLE as last written).
 * @waiting: some stream wants to progress (the progress timer runs).
 * @progress_reported: PROGRESS_TIMER_EVENT raised for this stall.
 * @sync_update: a stream wrote a sync object this step.
 * @last_progress: model time of the group's last forward progress.
 * @cs: its command streams.
 */
struct mm_fw_csg {
	u32 state;
	u32 as;
	u32 ep_req;
	bool idle;
	bool waiting;
	bool progress_reported;
	bool sync_update;
	u64 last_progress;
	struct mm_fw_cs cs[MM_FW_MAX_CS];
};

/**
 * struct mm_fw - firmware state ("firmware RAM": kept across a halt and a
 * GPU reset, re-initialised by a cold boot).
 * @ncsg: CSG slots exposed (GLB_GROUP_NUM).
 * @ncs: streams per slot (CSG_STREAM_NUM).
 * @running: booted and processing requests.
 * @halting: a HALT request is being carried out.
 * @clean_halt: the last stop was a clean halt: a fast boot is possible.
 * @hung: injected hang: the firmware ignores everything until rebooted.
 * @mem_error: a firmware memory access failed during the current step.
 * @halt_seen: GLB_REQ.HALT as the firmware last saw it (edge detection).
 * @progress_ns: GLB_PROGRESS_TIMER latched, in ns (MM_T_NEVER: off).
 * @pwroff_ns: GLB_PWROFF_TIMER latched, in ns (MM_T_NEVER: off).
 * @idle_ns: GLB_IDLE_TIMER latched, in ns.
 * @alloc_en: shader cores the firmware may use (GLB_ALLOC_EN).
 * @cores_on: the firmware wants its cores and the tiler powered.
 * @idle_enabled: GLB IDLE_ENABLE acknowledged.
 * @idle_since: model time the GPU became idle (MM_T_NEVER: busy).
 * @idle_reported: GLB IDLE raised for the current idle period.
 * @rr: round-robin position of the stream scheduler.
 * @cur_csg: group of the stream the interpreter is running.
 * @cur_cs: that stream.
 * @env: callbacks handed to the interpreter.
 * @scratch: bounce buffer for suspend records and counter samples.
 * @csg: CSG slots.
 */
struct mm_fw {
	u32 ncsg;
	u32 ncs;
	bool running;
	bool halting;
	bool clean_halt;
	bool hung;
	bool mem_error;
	u32 halt_seen;
	u64 progress_ns;
	u64 pwroff_ns;
	u64 idle_ns;
	u64 alloc_en;
	bool cores_on;
	bool idle_enabled;
	u64 idle_since;
	bool idle_reported;
	u32 rr;
	u32 cur_csg;
	u32 cur_cs;
	struct mm_cs_env env;
	u8 scratch[MM_CS_SAVE_SIZE];
	struct mm_fw_csg csg[MM_FW_MAX_CSG];
};

/* Set bits of @v (the kernel's hweight64(), which the core cannot use). */
static inline u32 mm_fw_hweight(u64 v)
{
	u32 n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/* ---- Addresses of the interface blocks (fw_iface.h layout) ---------------- */

u64 mm_fw_glb_in(void);
u64 mm_fw_glb_out(void);
u64 mm_fw_csg_ctrl(const struct mm_gpu *gpu, u32 n);
u64 mm_fw_csg_in(u32 n);
u64 mm_fw_csg_out(u32 n);
u64 mm_fw_cs_ctrl(const struct mm_gpu *gpu, u32 n, u32 k);
u64 mm_fw_cs_in(const struct mm_gpu *gpu, u32 n, u32 k);
u64 mm_fw_cs_out(const struct mm_gpu *gpu, u32 n, u32 k);
u32 mm_fw_group_stride(const struct mm_gpu *gpu);
u32 mm_fw_suspend_size(const struct mm_gpu *gpu);

/* ---- fw_mem.c ------------------------------------------------------------ */

/*
 * Firmware accesses to MCU VAs. A failure raises the MMU or bus fault as
 * any GPU access does, logs once per step and sets fw.mem_error; reads
 * then return 0.
 */
u32 mm_fw_rd32(struct mm_gpu *gpu, u64 va);
u64 mm_fw_rd64(struct mm_gpu *gpu, u64 va);
void mm_fw_wr32(struct mm_gpu *gpu, u64 va, u32 val);
void mm_fw_wr64(struct mm_gpu *gpu, u64 va, u64 val);
void mm_fw_read(struct mm_gpu *gpu, u64 va, void *buf, u32 len);
void mm_fw_write(struct mm_gpu *gpu, u64 va, const void *buf, u32 len);
void mm_fw_zero(struct mm_gpu *gpu, u64 va, u32 len);

/* Raise JOB IRQ @bits (honouring the drop-interrupt injection). */
void mm_fw_job_irq(struct mm_gpu *gpu, u32 bits);

/* The driver holds a LOCK on AS0: firmware accesses would stall. */
bool mm_fw_as0_locked(const struct mm_gpu *gpu);

/* Duration of @cycles GPU cycles at the nominal clock, in ns. */
u64 mm_fw_cycles_to_ns(const struct mm_gpu *gpu, u64 cycles);
/* A GLB_PWROFF_TIMER / GLB_IDLE_TIMER value, in ns. */
u64 mm_fw_timer_to_ns(const struct mm_gpu *gpu, u32 timer);

/* ---- fw_glb.c ------------------------------------------------------------- */

/* Whether the interface of a previous boot is still in memory. */
bool mm_fw_interface_intact(struct mm_gpu *gpu);
/* Write the control blocks and (cold) reset the output blocks. */
void mm_fw_interface_init(struct mm_gpu *gpu, bool cold, bool version);
/* Firmware state as after a cold boot. */
void mm_fw_state_reset(struct mm_gpu *gpu);
/* Doorbell 0: GLB requests, then the CSGs whose doorbell bit toggled. */
void mm_fw_glb_service(struct mm_gpu *gpu);
/* Toggle firmware event bits of GLB_ACK (unless already pending). */
void mm_fw_glb_event(struct mm_gpu *gpu, u32 bits);
/* Power the cores and tiler the firmware may use, or switch them off. */
void mm_fw_cores_power(struct mm_gpu *gpu, bool on);
bool mm_fw_cores_ready(const struct mm_gpu *gpu);
/* Evaluate the idle, power-off and progress timers; arm the next one. */
void mm_fw_timers(struct mm_gpu *gpu);

/* ---- fw_csg.c -------------------------------------------------------------- */

void mm_fw_csg_service(struct mm_gpu *gpu, u32 n);
/* Toggle firmware event bits of CSG_ACK (unless already pending). */
void mm_fw_csg_event(struct mm_gpu *gpu, u32 n, u32 bits);
/* Re-evaluate idleness and progress of every running group. */
void mm_fw_csg_update_all(struct mm_gpu *gpu);
/* Some running group has a stream that is not idle. */
bool mm_fw_gpu_busy(const struct mm_gpu *gpu);
/* Refresh CSG_STATUS_* and every CS_STATUS_* of group @n. */
void mm_fw_csg_status_update(struct mm_gpu *gpu, u32 n);

/* ---- fw_cs.c --------------------------------------------------------------- */

/** enum mm_fw_cs_mode - why a stream's CS_REQ is being looked at. */
enum mm_fw_cs_mode {
	FW_CS_REQUEST,		/* CSG_DB_REQ bit: host requests only */
	FW_CS_START,		/* group START: a started stream starts afresh */
	FW_CS_RESUME,		/* group RESUME: its state was just restored */
};

/* Take CS_REQ of stream @k of group @n. */
void mm_fw_cs_service(struct mm_gpu *gpu, u32 n, u32 k,
		      enum mm_fw_cs_mode mode);
/* Stop a stream (group terminated or suspended, or CS_REQ STOP). */
void mm_fw_cs_stop(struct mm_gpu *gpu, u32 n, u32 k);
/* Raise CS_ACK event @bits of stream @k of group @n. */
void mm_fw_cs_event(struct mm_gpu *gpu, u32 n, u32 k, u32 bits);
/* Refresh CS_STATUS_* and CS_HEAP_* of a stream. */
void mm_fw_cs_status_update(struct mm_gpu *gpu, u32 n, u32 k);
/* Save / restore a stream to / from its record at @va. */
void mm_fw_cs_save(struct mm_gpu *gpu, u32 n, u32 k, u64 va);
bool mm_fw_cs_restore(struct mm_gpu *gpu, u32 n, u32 k, u64 va);
/* Doorbells 1..: wake the streams bound to them. */
void mm_fw_cs_doorbells(struct mm_gpu *gpu, u32 rung);
/* Re-run every stream blocked on a sync wait (all groups, or group @n). */
void mm_fw_cs_wake_sync_waiters(struct mm_gpu *gpu, int n);
/* Stream @k of group @n is idle by its CS_REQ idle conditions. */
bool mm_fw_cs_idle(struct mm_gpu *gpu, u32 n, u32 k);
/* Stream wants to make progress (not idle, not waiting for the host). */
bool mm_fw_cs_waiting(struct mm_gpu *gpu, u32 n, u32 k);
/* A step of the stream scheduler (MCU_EV_RUN). */
void mm_fw_run(struct mm_gpu *gpu);
/* Ask for a run step at the earliest time a stream can progress. */
void mm_fw_run_schedule(struct mm_gpu *gpu);
/* Interpreter callbacks, set up once per boot. */
void mm_fw_cs_env_init(struct mm_gpu *gpu);
/* Apply an injected CS fault or fatal error to a started stream. */
bool mm_fw_cs_force_exception(struct mm_gpu *gpu, u32 n, u32 k, bool fatal,
			      u32 type);

/* ---- mcu.c ------------------------------------------------------------------- */

/* The firmware cannot go on: MCU_STATUS = FATAL, everything stops. */
void mm_mcu_panic(struct mm_gpu *gpu, const char *why);
/* A HALT request was seen: stop cleanly. */
void mm_mcu_halt(struct mm_gpu *gpu);
/* Schedule MCU event @ev in @delay ns unless it is already due sooner. */
void mm_mcu_schedule(struct mm_gpu *gpu, enum mm_mcu_ev ev, u64 delay);

#endif /* MM_FW_H */
