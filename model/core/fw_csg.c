// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: command stream groups (mali-csf-hw.md §4.4, §4.9).
 *
 * A CSG slot is FREE, RUNNING or SUSPENDED. CSG_REQ.STATE moves it:
 *   START      any -> RUNNING, every stream fresh (EXTRACT_INIT, reset
 *              interpreter state) as its CS_REQ asks;
 *   SUSPEND    RUNNING -> SUSPENDED, every stream's state saved into the
 *              suspend buffer (MCU VA, through AS0) and its status and
 *              EXTRACT refreshed; other states acknowledge with nothing
 *              to save;
 *   RESUME     any -> RUNNING from the suspend buffer; the streams carry on
 *              where they were (a buffer that holds no valid state makes
 *              every started stream fail with FIRMWARE_INTERNAL_ERROR);
 *   TERMINATE  any -> FREE, state discarded.
 * Values 4-7 are not states: the request is refused (never acknowledged).
 *
 * Events: SYNC_UPDATE when a stream wrote a sync object with system scope,
 * IDLE when every stream became idle by its CS_REQ idle conditions (edge),
 * PROGRESS_TIMER_EVENT when a stream that wants to progress did not for
 * GLB_PROGRESS_TIMER. An event is not toggled again while the host has not
 * acknowledged it. CSG_ACK changes under CSG_ACK_IRQ_MASK raise JOB IRQ n.
 */
#include "events.h"
#include "fw.h"
#include "fw_iface.h"
#include "log.h"
#include "mm_gpu.h"
#include "regs.h"

static void mm_fw_csg_irq(struct mm_gpu *gpu, u32 n, u32 old_ack,
			  u32 new_ack)
{
	u32 mask = mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_ACK_IRQ_MASK);

	if ((old_ack ^ new_ack) & mask)
		mm_fw_job_irq(gpu, JOB_IRQ_CSG(n));
}

void mm_fw_csg_event(struct mm_gpu *gpu, u32 n, u32 bits)
{
	u32 req = mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_REQ);
	u32 ack = mm_fw_rd32(gpu, mm_fw_csg_out(n) + CSG_ACK);

	bits &= ~(req ^ ack);
	if (!bits || gpu->mcu.fw.mem_error)
		return;
	mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_ACK, ack ^ bits);
	mm_fw_csg_irq(gpu, n, ack, ack ^ bits);
}

/* ---- Endpoints and status --------------------------------------------------- */

/* The endpoints a group gets: what it asked for, within what exists. */
static void mm_fw_csg_endpoints(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw_csg *g = &gpu->mcu.fw.csg[n];
	u64 in = mm_fw_csg_in(n), out = mm_fw_csg_out(n);
	u64 compute = mm_fw_rd64(gpu, in + CSG_ALLOW_COMPUTE);
	u64 fragment = mm_fw_rd64(gpu, in + CSG_ALLOW_FRAGMENT);
	u32 other = mm_fw_rd32(gpu, in + CSG_ALLOW_OTHER);
	u32 cur;

	g->ep_req = mm_fw_rd32(gpu, in + CSG_EP_REQ);
	compute &= gpu->mcu.fw.alloc_en;
	fragment &= gpu->mcu.fw.alloc_en;
	cur = MM_FIELD_PREP(CSG_EP_COMPUTE,
			    MM_MIN(MM_FIELD_GET(CSG_EP_COMPUTE, g->ep_req),
				   mm_fw_hweight(compute))) |
	      MM_FIELD_PREP(CSG_EP_FRAGMENT,
			    MM_MIN(MM_FIELD_GET(CSG_EP_FRAGMENT, g->ep_req),
				   mm_fw_hweight(fragment))) |
	      MM_FIELD_PREP(CSG_EP_TILER,
			    MM_MIN(MM_FIELD_GET(CSG_EP_TILER, g->ep_req),
				   mm_fw_hweight(other & 1)));
	mm_fw_wr32(gpu, out + CSG_STATUS_EP_REQ,
		   g->ep_req & (CSG_EP_COMPUTE | CSG_EP_FRAGMENT |
				CSG_EP_TILER | CSG_EP_EXCL_COMPUTE |
				CSG_EP_EXCL_FRAGMENT));
	mm_fw_wr32(gpu, out + CSG_STATUS_EP_CURRENT,
		   g->state == FW_CSG_RUNNING ? cur : 0);
}

static void mm_fw_csg_write_idle(struct mm_gpu *gpu, u32 n)
{
	mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_STATUS_STATE,
		   gpu->mcu.fw.csg[n].idle ? CSG_STATUS_STATE_IDLE : 0);
}

void mm_fw_csg_status_update(struct mm_gpu *gpu, u32 n)
{
	u32 k;

	for (k = 0; k < gpu->mcu.fw.ncs; k++)
		mm_fw_cs_status_update(gpu, n, k);
	mm_fw_csg_write_idle(gpu, n);
	mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_RESOURCE_DEP, 0);
}

/* ---- Idle and progress ---------------------------------------------------------- */

static void mm_fw_csg_update(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	struct mm_fw_csg *g = &fw->csg[n];
	bool idle = true, waiting = false;
	u32 k;

	if (g->state != FW_CSG_RUNNING)
		return;
	for (k = 0; k < fw->ncs; k++) {
		if (!mm_fw_cs_idle(gpu, n, k))
			idle = false;
		if (mm_fw_cs_waiting(gpu, n, k))
			waiting = true;
	}

	/* The watchdog counts from when the group started to want to run. */
	if (waiting && !g->waiting) {
		g->last_progress = mm_now(gpu);
		g->progress_reported = false;
	}
	g->waiting = waiting;

	if (g->sync_update) {
		g->sync_update = false;
		mm_fw_csg_event(gpu, n, CSG_SYNC_UPDATE);
	}
	if (idle == g->idle)
		return;
	g->idle = idle;
	mm_fw_csg_write_idle(gpu, n);
	if (idle)
		mm_fw_csg_event(gpu, n, CSG_IDLE);
}

void mm_fw_csg_update_all(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 n;

	for (n = 0; n < fw->ncsg && !fw->mem_error; n++)
		mm_fw_csg_update(gpu, n);
}

bool mm_fw_gpu_busy(const struct mm_gpu *gpu)
{
	const struct mm_fw *fw = &gpu->mcu.fw;
	u32 n;

	for (n = 0; n < fw->ncsg; n++)
		if (fw->csg[n].state == FW_CSG_RUNNING && !fw->csg[n].idle)
			return true;
	return false;
}

/* ---- State changes ----------------------------------------------------------------- */

static void mm_fw_csg_stop_streams(struct mm_gpu *gpu, u32 n)
{
	u32 k;

	for (k = 0; k < gpu->mcu.fw.ncs; k++)
		mm_fw_cs_stop(gpu, n, k);
}

/* Latch what a (re)started group runs with. */
static void mm_fw_csg_config(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw_csg *g = &gpu->mcu.fw.csg[n];

	g->as = MM_FIELD_GET(CSG_CONFIG_AS,
			     mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_CONFIG));
	if (!g->as)
		mm_log(gpu, "firmware: CSG %u configured to run in AS0 (the MCU's)",
		       n);
	g->state = FW_CSG_RUNNING;
	g->idle = false;
	g->waiting = false;
	g->progress_reported = false;
	g->sync_update = false;
	g->last_progress = mm_now(gpu);
	mm_fw_csg_endpoints(gpu, n);
}

static void mm_fw_csg_start(struct mm_gpu *gpu, u32 n)
{
	u32 k;

	mm_fw_csg_stop_streams(gpu, n);
	mm_fw_csg_config(gpu, n);
	for (k = 0; k < gpu->mcu.fw.ncs; k++)
		mm_fw_cs_service(gpu, n, k, FW_CS_START);
}

static void mm_fw_csg_suspend(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw_csg *g = &gpu->mcu.fw.csg[n];
	u64 buf = mm_fw_rd64(gpu, mm_fw_csg_in(n) + CSG_SUSPEND_BUF);
	u32 k;

	if (g->state != FW_CSG_RUNNING)
		return;
	/* Streams stop where they are; the host reads their status next. */
	for (k = 0; k < gpu->mcu.fw.ncs; k++)
		mm_fw_cs_status_update(gpu, n, k);
	mm_fw_wr32(gpu, buf + FW_SB_HDR_MAGIC, FW_SB_MAGIC);
	mm_fw_wr32(gpu, buf + FW_SB_HDR_VERSION, FW_SB_VERSION);
	mm_fw_wr32(gpu, buf + FW_SB_HDR_NCS, gpu->mcu.fw.ncs);
	for (k = 0; k < gpu->mcu.fw.ncs; k++)
		mm_fw_cs_save(gpu, n, k, buf + FW_SB_HDR_SIZE +
			      k * FW_SB_CS_STRIDE);
	mm_fw_csg_stop_streams(gpu, n);
	g->state = FW_CSG_SUSPENDED;
	g->idle = false;
	mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_STATUS_EP_CURRENT, 0);
}

static void mm_fw_csg_resume(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 buf = mm_fw_rd64(gpu, mm_fw_csg_in(n) + CSG_SUSPEND_BUF);
	bool valid;
	u32 k;

	valid = mm_fw_rd32(gpu, buf + FW_SB_HDR_MAGIC) == FW_SB_MAGIC &&
		mm_fw_rd32(gpu, buf + FW_SB_HDR_VERSION) == FW_SB_VERSION &&
		mm_fw_rd32(gpu, buf + FW_SB_HDR_NCS) == fw->ncs;
	if (!valid && !fw->mem_error)
		mm_log(gpu, "firmware: CSG %u resumed from a buffer (0x%llx) with no saved state",
		       n, MM_ULL(buf));

	mm_fw_csg_stop_streams(gpu, n);
	mm_fw_csg_config(gpu, n);
	for (k = 0; k < fw->ncs && !fw->mem_error; k++) {
		if (!valid || !mm_fw_cs_restore(gpu, n, k, buf +
						FW_SB_HDR_SIZE +
						k * FW_SB_CS_STRIDE)) {
			/* Start it, then fail it: its state is lost. */
			mm_fw_cs_service(gpu, n, k, FW_CS_START);
			mm_fw_cs_force_exception(gpu, n, k, true,
						 FW_EXC_FIRMWARE_INTERNAL_ERROR);
			continue;
		}
		mm_fw_cs_service(gpu, n, k, FW_CS_RESUME);
	}
}

static void mm_fw_csg_terminate(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw_csg *g = &gpu->mcu.fw.csg[n];

	mm_fw_csg_stop_streams(gpu, n);
	g->state = FW_CSG_FREE;
	g->idle = false;
	g->waiting = false;
	mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_STATUS_EP_CURRENT, 0);
}

/* Carry out a STATE request; false if it is not one. */
static bool mm_fw_csg_set_state(struct mm_gpu *gpu, u32 n, u32 state)
{
	switch (state) {
	case CSG_STATE_TERMINATE:
		mm_fw_csg_terminate(gpu, n);
		return true;
	case CSG_STATE_START:
		mm_fw_csg_start(gpu, n);
		return true;
	case CSG_STATE_SUSPEND:
		mm_fw_csg_suspend(gpu, n);
		return true;
	case CSG_STATE_RESUME:
		mm_fw_csg_resume(gpu, n);
		return true;
	default:
		gpu->mcu.stats.bad_requests++;
		mm_log(gpu, "firmware: CSG %u: invalid STATE request %u ignored",
		       n, state);
		return false;
	}
}

/* ---- Requests ------------------------------------------------------------------------- */

static void mm_fw_csg_doorbells(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 db_req = mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_DB_REQ);
	u32 db_ack = mm_fw_rd32(gpu, mm_fw_csg_out(n) + CSG_DB_ACK);
	u32 todo = (db_req ^ db_ack) & (u32)(MM_BIT(fw->ncs) - 1);
	u32 k;

	if (fw->mem_error)
		return;
	for (k = 0; k < fw->ncs && !fw->mem_error; k++)
		if ((todo & MM_BIT(k)) && fw->csg[n].state == FW_CSG_RUNNING)
			mm_fw_cs_service(gpu, n, k, FW_CS_REQUEST);
	if (db_req != db_ack)
		mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_DB_ACK, db_req);
}

void mm_fw_csg_service(struct mm_gpu *gpu, u32 n)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 req = mm_fw_rd32(gpu, mm_fw_csg_in(n) + CSG_REQ);
	u32 ack = mm_fw_rd32(gpu, mm_fw_csg_out(n) + CSG_ACK);
	u32 done = 0;

	if (fw->mem_error)
		return;
	if (((req ^ ack) & CSG_STATE) &&
	    mm_fw_csg_set_state(gpu, n, MM_FIELD_GET(CSG_STATE, req)))
		done |= CSG_STATE;
	if ((req ^ ack) & CSG_ENDPOINT_CONFIG) {
		mm_fw_csg_endpoints(gpu, n);
		done |= CSG_ENDPOINT_CONFIG;
	}
	if ((req ^ ack) & CSG_STATUS_UPDATE) {
		mm_fw_csg_status_update(gpu, n);
		done |= CSG_STATUS_UPDATE;
	}
	if (fw->mem_error)
		return;
	if (done) {
		/* Events may have been raised meanwhile: re-read ACK. */
		ack = mm_fw_rd32(gpu, mm_fw_csg_out(n) + CSG_ACK);
		mm_fw_wr32(gpu, mm_fw_csg_out(n) + CSG_ACK,
			   (ack & ~done) | (req & done));
		gpu->mcu.stats.csg_reqs++;
		mm_fw_csg_irq(gpu, n, ack, (ack & ~done) | (req & done));
	}
	mm_fw_csg_doorbells(gpu, n);
	mm_fw_csg_update(gpu, n);
}
