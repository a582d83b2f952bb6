// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: command streams (mali-csf-hw.md §4.5-§4.8, §4.10, §4.11).
 *
 * A stream starts when its group starts (or resumes) with CS_REQ.STATE =
 * START, or later through its CSG_DB_REQ bit. Starting latches CS_BASE,
 * CS_SIZE, CS_CONFIG and the user pages, resets the interpreter and takes
 * the ring position from EXTRACT_INIT. The firmware then runs the stream
 * with the CS interpreter (cs.h) in the group's address space whenever it
 * may progress: its doorbell (CS_CONFIG[15:8]) was rung, a sync object was
 * written, the host answered a FAULT or TILER_OOM, or the time the
 * interpreter asked for has come. INSERT is read from the user input page
 * each time; EXTRACT (and ACTIVE) are written to the user output page.
 *
 * Streams only run while the firmware's cores and tiler are powered (they
 * are powered up again on demand after the power-off timer took them
 * down). A step gives all streams together MM_FW_RUN_BUDGET instructions,
 * round robin, so the host's thread is never held for long.
 *
 * Events: a fault stalls the stream until the host copies CS_ACK.FAULT into
 * CS_REQ (and rings the CSG doorbell bit); a fatal error stops it until it
 * is started again; a tiler OOM fills CS_HEAP_* and waits for the host to
 * write CS_TILER_HEAP_START and acknowledge. CS_ACK changes under
 * CS_ACK_IRQ_MASK toggle CSG_IRQ_REQ bit k and raise JOB IRQ n.
 */
#include "events.h"
#include "fw.h"
#include "fw_iface.h"
#include "fw_inject.h"
#include "log.h"
#include "mm_gpu.h"
#include "product.h"
#include "pwr.h"
#include "regs.h"

static struct mm_fw_cs *mm_fw_cs(struct mm_gpu *gpu, u32 n, u32 k)
{
	return &gpu->mcu.fw.csg[n].cs[k];
}

static bool mm_fw_cs_live(struct mm_gpu *gpu, u32 n, u32 k)
{
	return gpu->mcu.fw.csg[n].state == FW_CSG_RUNNING &&
	       mm_fw_cs(gpu, n, k)->started;
}

/* Live and able to run: not stopped by an error, not waiting for the host. */
static bool mm_fw_cs_runnable(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	return mm_fw_cs_live(gpu, n, k) && !cs->fatal && !cs->fault_wait &&
	       !cs->oom_wait;
}

/* ---- Events and status ------------------------------------------------- */

/* Write CS_ACK; changes under CS_ACK_IRQ_MASK interrupt the host. */
static void mm_fw_cs_ack(struct mm_gpu *gpu, u32 n, u32 k, u32 old_ack,
			 u32 new_ack)
{
	u64 in = mm_fw_cs_in(gpu, n, k), out = mm_fw_cs_out(gpu, n, k);
	u32 irq, irq_ack;

	if (old_ack == new_ack || gpu->mcu.fw.mem_error)
		return;
	mm_fw_wr32(gpu, out + CS_ACK, new_ack);
	if (!((old_ack ^ new_ack) & mm_fw_rd32(gpu, in + CS_ACK_IRQ_MASK)))
		return;
	/* Toggle the stream's bit unless the host has yet to see it. */
	irq = mm_fw_rd32(gpu, mm_fw_csg_out(n) + CSG_IRQ_REQ);
	irq_ack = mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_IRQ_ACK);
	if (!((irq ^ irq_ack) & MM_BIT(k)))
		mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_IRQ_REQ,
			   irq ^ (u32)MM_BIT(k));
	mm_fw_job_irq(gpu, JOB_IRQ_CSG(n));
}

void mm_fw_cs_event(struct mm_gpu *gpu, u32 n, u32 k, u32 bits)
{
	u32 req = mm_fw_rd32(gpu, mm_fw_cs_in(gpu, n, k) + CS_REQ);
	u32 ack = mm_fw_rd32(gpu, mm_fw_cs_out(gpu, n, k) + CS_ACK);

	/* An event the host has not acknowledged yet stays raised once. */
	bits &= ~(req ^ ack);
	mm_fw_cs_ack(gpu, n, k, ack, ack ^ bits);
}

void mm_fw_cs_status_update(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 out = mm_fw_cs_out(gpu, n, k);
	struct mm_cs_status st;

	mm_cs_status(&cs->x, mm_now(gpu), &st);
	mm_fw_wr64(gpu, out + CS_STATUS_CMD_PTR, st.cmd_ptr);
	mm_fw_wr32(gpu, out + CS_STATUS_WAIT, st.wait);
	mm_fw_wr32(gpu, out + CS_STATUS_REQ_RESOURCE, st.req_resource);
	mm_fw_wr64(gpu, out + CS_STATUS_WAIT_SYNC_POINTER, st.sync_ptr);
	mm_fw_wr32(gpu, out + CS_STATUS_WAIT_SYNC_VALUE, MM_LO32(st.sync_value));
	mm_fw_wr32(gpu, out + CS_STATUS_WAIT_SYNC_VALUE_HI,
		   MM_HI32(st.sync_value));
	mm_fw_wr32(gpu, out + CS_STATUS_SCOREBOARDS, st.scoreboards);
	mm_fw_wr32(gpu, out + CS_STATUS_BLOCKED_REASON, st.blocked_reason);
	mm_fw_wr32(gpu, out + CS_HEAP_VT_START, st.heap_vt_start);
	mm_fw_wr32(gpu, out + CS_HEAP_VT_END, st.heap_vt_end);
	mm_fw_wr32(gpu, out + CS_HEAP_FRAG_END, st.heap_frag_end);
	mm_fw_wr64(gpu, out + CS_HEAP_ADDRESS, st.heap_address);
}

static void mm_fw_cs_set_fatal(struct mm_gpu *gpu, u32 n, u32 k, u32 type,
			       u32 data, u64 info)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 out = mm_fw_cs_out(gpu, n, k);

	mm_fw_wr32(gpu, out + CS_FATAL,
		   MM_FIELD_PREP(CS_EXCEPTION_TYPE, type) |
		   MM_FIELD_PREP(CS_EXCEPTION_DATA, data));
	mm_fw_wr64(gpu, out + CS_FATAL_INFO, info);
	cs->fatal = true;
	cs->events |= CS_FATAL_EVENT;
}

static void mm_fw_cs_set_fault(struct mm_gpu *gpu, u32 n, u32 k, u32 type,
			       u32 data, u64 info)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 out = mm_fw_cs_out(gpu, n, k);

	cs->fault = MM_FIELD_PREP(CS_EXCEPTION_TYPE, type) |
		    MM_FIELD_PREP(CS_EXCEPTION_DATA, data);
	cs->fault_info = info;
	mm_fw_wr32(gpu, out + CS_FAULT, cs->fault);
	mm_fw_wr64(gpu, out + CS_FAULT_INFO, info);
	cs->fault_wait = true;
	cs->events |= CS_FAULT_EVENT;
}

/* Write the status, then let the host know what happened. */
static void mm_fw_cs_flush_events(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u32 events = cs->events;

	if (!events)
		return;
	cs->events = 0;
	mm_fw_cs_status_update(gpu, n, k);
	mm_fw_cs_event(gpu, n, k, events);
}

bool mm_fw_cs_force_exception(struct mm_gpu *gpu, u32 n, u32 k, bool fatal,
			      u32 type)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	if (!mm_fw_cs_live(gpu, n, k) || cs->fatal || cs->fault_wait)
		return false;
	mm_log(gpu, "firmware: CSG %u CS %u: %s 0x%02x", n, k,
	       fatal ? "fatal error" : "fault", type);
	if (fatal) {
		mm_fw_cs_set_fatal(gpu, n, k, type, 0, 0);
	} else {
		mm_fw_cs_set_fault(gpu, n, k, type, 0, 0);
		cs->fault_forced = true;
	}
	mm_fw_cs_flush_events(gpu, n, k);
	return true;
}

/* ---- Interpreter callbacks (the stream is fw.cur_csg / fw.cur_cs) -------- */

static void mm_fw_cb_fatal(void *ctx, u32 type, u32 data, u64 info)
{
	struct mm_gpu *gpu = ctx;

	mm_fw_cs_set_fatal(gpu, gpu->mcu.fw.cur_csg, gpu->mcu.fw.cur_cs, type,
			   data, info);
}

static void mm_fw_cb_fault(void *ctx, u32 type, u32 data, u64 info)
{
	struct mm_gpu *gpu = ctx;

	mm_fw_cs_set_fault(gpu, gpu->mcu.fw.cur_csg, gpu->mcu.fw.cur_cs, type,
			   data, info);
	mm_fw_cs(gpu, gpu->mcu.fw.cur_csg, gpu->mcu.fw.cur_cs)->fault_forced =
		false;
}

/*
 * A write to a sync object is reported to the host (CSG SYNC_UPDATE) and
 * wakes the streams blocked on a sync wait: every group's for a
 * system-scope write, only the writer's own group for a CSG-scope one.
 */
static void mm_fw_cb_sync_update(void *ctx, u32 scope)
{
	struct mm_gpu *gpu = ctx;
	u32 n = gpu->mcu.fw.cur_csg;

	gpu->mcu.fw.csg[n].sync_update = true;
	mm_fw_cs_wake_sync_waiters(gpu, scope == MM_CS_SCOPE_CSG ? (int)n : -1);
}

static bool mm_fw_cb_tiler_oom(void *ctx, u64 heap_ctx_va, u32 vt_start,
			       u32 vt_end, u32 frag_end)
{
	struct mm_gpu *gpu = ctx;
	u32 n = gpu->mcu.fw.cur_csg, k = gpu->mcu.fw.cur_cs;
	u64 out = mm_fw_cs_out(gpu, n, k);
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	mm_fw_wr64(gpu, out + CS_HEAP_ADDRESS, heap_ctx_va);
	mm_fw_wr32(gpu, out + CS_HEAP_VT_START, vt_start);
	mm_fw_wr32(gpu, out + CS_HEAP_VT_END, vt_end);
	mm_fw_wr32(gpu, out + CS_HEAP_FRAG_END, frag_end);
	if (gpu->mcu.fw.mem_error)
		return false;
	cs->oom_wait = true;
	cs->events |= CS_TILER_OOM;
	return true;
}

static u64 mm_fw_cb_progress(void *ctx, u32 queue)
{
	struct mm_gpu *gpu = ctx;
	u32 n = gpu->mcu.fw.cur_csg;

	if (queue >= gpu->mcu.fw.ncs)
		return 0;
	return mm_fw_cs(gpu, n, queue)->x.progress;
}

void mm_fw_cs_env_init(struct mm_gpu *gpu)
{
	struct mm_cs_env *env = &gpu->mcu.fw.env;

	env->ctx = gpu;
	env->fatal = mm_fw_cb_fatal;
	env->fault = mm_fw_cb_fault;
	env->sync_update = mm_fw_cb_sync_update;
	env->tiler_oom = mm_fw_cb_tiler_oom;
	env->progress = mm_fw_cb_progress;
	env->req_resource = NULL;
}

/* ---- Start, stop, requests ------------------------------------------------- */

void mm_fw_cs_stop(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	if (!cs->started)
		return;
	cs->started = false;
	cs->kick = false;
	mm_fw_wr32(gpu, cs->user_out + RB_OUTPUT_ACTIVE, 0);
}

static bool mm_fw_pow2(u32 v)
{
	return v && !(v & (v - 1));
}

/* Latch what the host programmed for a (re)started stream. */
static void mm_fw_cs_latch(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 in = mm_fw_cs_in(gpu, n, k);

	cs->config = mm_fw_rd32(gpu, in + CS_CONFIG);
	cs->ring.base = mm_fw_rd64(gpu, in + CS_BASE);
	cs->ring.size = mm_fw_rd32(gpu, in + CS_SIZE);
	cs->ring.as = gpu->mcu.fw.csg[n].as;
	cs->user_in = mm_fw_rd64(gpu, in + CS_USER_INPUT);
	cs->user_out = mm_fw_rd64(gpu, in + CS_USER_OUTPUT);
}

static void mm_fw_cs_start(struct mm_gpu *gpu, u32 n, u32 k, bool fresh)
{
	const struct mm_csif_info *csif = &mm_prod(gpu)->csif;
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	mm_fw_cs_latch(gpu, n, k);
	if (fresh) {
		mm_cs_exec_reset(&cs->x, csif->cs_regs, csif->scoreboards);
		cs->ring.extract = mm_fw_rd64(gpu, cs->user_in +
					      RB_INPUT_EXTRACT_INIT);
		cs->fatal = false;
		cs->fault_wait = false;
		cs->fault_forced = false;
		cs->oom_wait = false;
		cs->stop = MM_CS_STOP_EMPTY;
	}
	cs->ring.insert = mm_fw_rd64(gpu, cs->user_in + RB_INPUT_INSERT);
	cs->started = true;
	cs->kick = true;
	cs->wake = mm_now(gpu);
	cs->events = 0;
	mm_fw_wr64(gpu, cs->user_out + RB_OUTPUT_EXTRACT, cs->ring.extract);
	mm_fw_wr32(gpu, cs->user_out + RB_OUTPUT_ACTIVE, 1);

	if (!mm_fw_pow2(cs->ring.size) || (cs->ring.base & 7)) {
		mm_log(gpu, "firmware: CSG %u CS %u: bad ring 0x%llx size 0x%x",
		       n, k, MM_ULL(cs->ring.base), cs->ring.size);
		mm_fw_cs_set_fatal(gpu, n, k, FW_EXC_CS_CONFIG_FAULT, 0,
				   cs->ring.base);
	}
}

/* After a resume: what was waiting for the host is asked again. */
static void mm_fw_cs_reraise(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 out = mm_fw_cs_out(gpu, n, k);

	if (cs->fault_wait) {
		mm_fw_wr32(gpu, out + CS_FAULT, cs->fault);
		mm_fw_wr64(gpu, out + CS_FAULT_INFO, cs->fault_info);
		cs->events |= CS_FAULT_EVENT;
	}
	if (cs->oom_wait)
		cs->events |= CS_TILER_OOM;
}

/* The host answered a FAULT or a TILER_OOM (its REQ bit caught up). */
static void mm_fw_cs_answers(struct mm_gpu *gpu, u32 n, u32 k, u32 req,
			     u32 ack)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	if (cs->fault_wait && !((req ^ ack) & CS_FAULT_EVENT)) {
		cs->fault_wait = false;
		if (!cs->fault_forced)
			mm_cs_fault_ack(&cs->x);
		cs->fault_forced = false;
		cs->kick = true;
	}
	if (cs->oom_wait && !((req ^ ack) & CS_TILER_OOM)) {
		cs->oom_wait = false;
		mm_cs_heap_grant(&cs->x, mm_fw_rd64(gpu, mm_fw_cs_in(gpu, n, k) +
						     CS_TILER_HEAP_START));
		cs->kick = true;
	}
}

void mm_fw_cs_service(struct mm_gpu *gpu, u32 n, u32 k,
		      enum mm_fw_cs_mode mode)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 in = mm_fw_cs_in(gpu, n, k), out = mm_fw_cs_out(gpu, n, k);
	u32 req = mm_fw_rd32(gpu, in + CS_REQ);
	u32 ack = mm_fw_rd32(gpu, out + CS_ACK);
	u32 state = MM_FIELD_GET(CS_STATE, req), new_ack;

	if (gpu->mcu.fw.mem_error)
		return;
	gpu->mcu.stats.cs_reqs++;
	cs->req = req;
	if (state == CS_STATE_START) {
		if (mode == FW_CS_RESUME && cs->started) {
			mm_fw_cs_start(gpu, n, k, false);
			mm_fw_cs_reraise(gpu, n, k);
		} else if (mode == FW_CS_START || !cs->started) {
			mm_fw_cs_start(gpu, n, k, true);
		}
	} else if (state == CS_STATE_STOP) {
		mm_fw_cs_stop(gpu, n, k);
	} else {
		gpu->mcu.stats.bad_requests++;
		mm_log(gpu, "firmware: CSG %u CS %u: invalid STATE %u", n, k,
		       state);
	}
	/* Answers only count for what was asked during this residency. */
	if (cs->started && mode == FW_CS_REQUEST)
		mm_fw_cs_answers(gpu, n, k, req, ack);

	new_ack = (ack & ~CS_REQ_COPIED) | (req & CS_REQ_COPIED);
	mm_fw_cs_ack(gpu, n, k, ack, new_ack);
	mm_fw_cs_flush_events(gpu, n, k);
}

/* ---- Suspend records ---------------------------------------------------------- */

void mm_fw_cs_save(struct mm_gpu *gpu, u32 n, u32 k, u64 va)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u32 flags = 0;

	if (cs->started)
		flags |= FW_SB_CS_STARTED;
	if (cs->fatal)
		flags |= FW_SB_CS_FATAL;
	if (cs->fault_wait)
		flags |= FW_SB_CS_FAULT_WAIT;
	if (cs->oom_wait)
		flags |= FW_SB_CS_OOM_WAIT;
	mm_fw_wr32(gpu, va + FW_SB_CS_FLAGS, flags);
	mm_fw_wr64(gpu, va + FW_SB_CS_EXTRACT, cs->ring.extract);
	mm_fw_wr32(gpu, va + FW_SB_CS_FAULT, cs->fault);
	mm_fw_wr64(gpu, va + FW_SB_CS_FAULT_INFO, cs->fault_info);
	if (mm_cs_save(&cs->x, fw->scratch, sizeof(fw->scratch)) < 0) {
		/* A model bug: the scratch buffer is sized for it. */
		mm_log(gpu, "firmware: cannot save CSG %u CS %u", n, k);
		return;
	}
	mm_fw_write(gpu, va + FW_SB_CS_EXEC, fw->scratch, MM_CS_SAVE_SIZE);
}

bool mm_fw_cs_restore(struct mm_gpu *gpu, u32 n, u32 k, u64 va)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u32 flags = mm_fw_rd32(gpu, va + FW_SB_CS_FLAGS);

	cs->ring.extract = mm_fw_rd64(gpu, va + FW_SB_CS_EXTRACT);
	cs->fault = mm_fw_rd32(gpu, va + FW_SB_CS_FAULT);
	cs->fault_info = mm_fw_rd64(gpu, va + FW_SB_CS_FAULT_INFO);
	mm_fw_read(gpu, va + FW_SB_CS_EXEC, fw->scratch, MM_CS_SAVE_SIZE);
	if (fw->mem_error)
		return false;
	cs->started = flags & FW_SB_CS_STARTED;
	cs->fatal = flags & FW_SB_CS_FATAL;
	cs->fault_wait = flags & FW_SB_CS_FAULT_WAIT;
	cs->oom_wait = flags & FW_SB_CS_OOM_WAIT;
	cs->stop = MM_CS_STOP_YIELD;
	mm_fw_cs_latch(gpu, n, k);
	if (!cs->started)
		return true;
	if (mm_cs_restore(&cs->x, fw->scratch, MM_CS_SAVE_SIZE) < 0) {
		mm_log(gpu, "firmware: CSG %u CS %u: saved state is corrupt",
		       n, k);
		cs->started = false;
		return false;
	}
	/* A fault the interpreter does not know of was an injected one. */
	cs->fault_forced = cs->fault_wait &&
			   cs->x.wait.kind != MM_CS_WAIT_FAULT;
	return true;
}

/* ---- Waking streams ------------------------------------------------------------ */

void mm_fw_cs_doorbells(struct mm_gpu *gpu, u32 rung)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 n, k, db;

	for (n = 0; n < fw->ncsg; n++) {
		for (k = 0; k < fw->ncs; k++) {
			struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

			if (!mm_fw_cs_live(gpu, n, k))
				continue;
			db = MM_FIELD_GET(CS_CONFIG_DOORBELL, cs->config);
			if (db && db < 32 && (rung & MM_BIT(db)))
				cs->kick = true;
		}
	}
}

void mm_fw_cs_wake_sync_waiters(struct mm_gpu *gpu, int only)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 n, k;

	for (n = 0; n < fw->ncsg; n++) {
		if (only >= 0 && n != (u32)only)
			continue;
		for (k = 0; k < fw->ncs; k++) {
			struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

			if (mm_fw_cs_live(gpu, n, k) &&
			    cs->stop == MM_CS_STOP_BLOCKED &&
			    cs->x.wait.kind == MM_CS_WAIT_SYNC)
				cs->kick = true;
		}
	}
}

/* A stream of group @n moved on: its PROGRESS_WAIT siblings look again. */
static void mm_fw_cs_wake_progress_waiters(struct mm_gpu *gpu, u32 n)
{
	u32 k;

	for (k = 0; k < gpu->mcu.fw.ncs; k++) {
		struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

		if (mm_fw_cs_live(gpu, n, k) &&
		    cs->stop == MM_CS_STOP_BLOCKED &&
		    cs->x.wait.kind == MM_CS_WAIT_PROGRESS)
			cs->kick = true;
	}
}

/* ---- Idle ---------------------------------------------------------------------- */

/* Nothing queued or in flight: ring consumed, scoreboards drained. */
static bool mm_fw_cs_drained(struct mm_gpu *gpu, struct mm_fw_cs *cs)
{
	struct mm_cs_status st;

	mm_cs_status(&cs->x, mm_now(gpu), &st);
	return st.scoreboards == 0;
}

static bool mm_fw_cs_sync_blocked(const struct mm_fw_cs *cs)
{
	return cs->stop == MM_CS_STOP_BLOCKED &&
	       cs->x.wait.kind == MM_CS_WAIT_SYNC;
}

bool mm_fw_cs_idle(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	if (!mm_fw_cs_live(gpu, n, k) || cs->fatal)
		return true;
	if (cs->kick || cs->fault_wait || cs->oom_wait ||
	    !mm_fw_cs_drained(gpu, cs))
		return false;
	if (cs->stop == MM_CS_STOP_EMPTY)
		return cs->req & CS_IDLE_EMPTY;
	if (mm_fw_cs_sync_blocked(cs))
		return cs->req & CS_IDLE_SYNC_WAIT;
	return false;
}

/*
 * The progress watchdog watches streams that have work and could do it:
 * not waiting for the host, and not waiting for a sync object (which
 * depends on other work the host tracks itself).
 */
bool mm_fw_cs_waiting(struct mm_gpu *gpu, u32 n, u32 k)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	if (!mm_fw_cs_runnable(gpu, n, k))
		return false;
	if (cs->kick)
		return true;
	if (cs->stop == MM_CS_STOP_EMPTY)
		return !mm_fw_cs_drained(gpu, cs);
	return !mm_fw_cs_sync_blocked(cs);
}

/* ---- Running ------------------------------------------------------------------------ */

static bool mm_fw_cs_due(struct mm_gpu *gpu, u32 n, u32 k, u64 now)
{
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

	return mm_fw_cs_runnable(gpu, n, k) && (cs->kick || cs->wake <= now);
}

static u64 mm_fw_next_run(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 next = MM_T_NEVER, now = mm_now(gpu);
	u32 n, k;

	for (n = 0; n < fw->ncsg; n++) {
		for (k = 0; k < fw->ncs; k++) {
			struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);

			if (!mm_fw_cs_runnable(gpu, n, k))
				continue;
			next = MM_MIN(next, cs->kick ? now : cs->wake);
		}
	}
	return next;
}

void mm_fw_run_schedule(struct mm_gpu *gpu)
{
	u64 next = mm_fw_next_run(gpu), now = mm_now(gpu);

	if (next != MM_T_NEVER)
		mm_mcu_schedule(gpu, MCU_EV_RUN, next > now ? next - now : 0);
}

/* When the stream should be looked at again after a run. */
static u64 mm_fw_cs_rewake(struct mm_fw_cs *cs, enum mm_cs_stop stop,
			   u64 now, u64 executed)
{
	u64 wake = cs->x.wake_ns;

	/* Nothing tells the firmware when a host-written sync object changes. */
	if (mm_fw_cs_sync_blocked(cs) && wake == MM_CS_NEVER)
		wake = mm_time_after(now, MM_T_FW_SYNC_POLL);
	if (stop == MM_CS_STOP_BUDGET)
		wake = now;
	/* Never spin: a stream that did nothing waits a little. */
	if (wake <= now && !executed && stop != MM_CS_STOP_BUDGET)
		wake = mm_time_after(now, MM_T_FW_REQ);
	return wake;
}

static u32 mm_fw_cs_run_one(struct mm_gpu *gpu, u32 n, u32 k, u64 now,
			    u32 budget)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	struct mm_fw_cs *cs = mm_fw_cs(gpu, n, k);
	u64 before = cs->x.stats.instructions, extract = cs->ring.extract;
	enum mm_cs_stop stop;
	u64 executed;

	cs->kick = false;
	cs->ring.insert = mm_fw_rd64(gpu, cs->user_in + RB_INPUT_INSERT);
	if (fw->mem_error)
		return 0;
	if (cs->ring.insert < cs->ring.extract) {
		mm_log_once(gpu, MM_LOGK_MISC | 0x610 | (n << 3) | k,
			    "firmware: CSG %u CS %u: INSERT 0x%llx behind EXTRACT 0x%llx",
			    n, k, MM_ULL(cs->ring.insert),
			    MM_ULL(cs->ring.extract));
		cs->ring.insert = cs->ring.extract;
	}

	fw->cur_csg = n;
	fw->cur_cs = k;
	stop = mm_cs_run(gpu, &cs->x, &cs->ring, &fw->env, now, budget);
	gpu->mcu.stats.runs++;
	executed = cs->x.stats.instructions - before;
	cs->stop = stop;
	cs->wake = mm_fw_cs_rewake(cs, stop, now, executed);

	if (cs->ring.extract != extract)
		mm_fw_wr64(gpu, cs->user_out + RB_OUTPUT_EXTRACT,
			   cs->ring.extract);
	if (executed || cs->ring.extract != extract) {
		fw->csg[n].last_progress = now;
		fw->csg[n].progress_reported = false;
		mm_fw_cs_wake_progress_waiters(gpu, n);
	}
	mm_fw_cs_flush_events(gpu, n, k);
	return (u32)MM_MIN(executed, (u64)budget);
}

/*
 * Cores off or on their way: switch them on and look again once they should
 * be up. If nothing is powering up (no cores allowed, or the L2 refused),
 * wait for something else to trigger a step.
 */
static bool mm_fw_run_needs_power(struct mm_gpu *gpu)
{
	u64 wait;

	if (mm_fw_cores_ready(gpu))
		return false;
	mm_fw_cores_power(gpu, true);
	if (!mm_pwr_trans(gpu, MM_PWR_SHADER) && !mm_pwr_trans(gpu, MM_PWR_TILER))
		return true;
	wait = MM_MAX(gpu->timing.pwr_ns[MM_PWR_SHADER],
		      gpu->timing.pwr_ns[MM_PWR_TILER]);
	mm_mcu_schedule(gpu, MCU_EV_RUN, wait);
	return true;
}

void mm_fw_run(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 total = fw->ncsg * fw->ncs, budget = MM_FW_RUN_BUDGET;
	u64 now = mm_now(gpu);
	u32 i, idx;

	mm_inject_cs_exceptions(gpu);
	if (mm_fw_next_run(gpu) > now) {
		mm_fw_csg_update_all(gpu);
		mm_fw_run_schedule(gpu);
		return;
	}
	if (mm_fw_run_needs_power(gpu)) {
		mm_fw_csg_update_all(gpu);
		return;
	}
	for (i = 0; i < total && budget && !fw->mem_error; i++) {
		idx = (fw->rr + i) % total;
		if (!mm_fw_cs_due(gpu, idx / fw->ncs, idx % fw->ncs, now))
			continue;
		budget -= mm_fw_cs_run_one(gpu, idx / fw->ncs, idx % fw->ncs,
					   now, budget);
	}
	fw->rr = (fw->rr + 1) % total;
	mm_fw_csg_update_all(gpu);
	mm_fw_run_schedule(gpu);
}
