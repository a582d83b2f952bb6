// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware: the shared interface section, the global interface (GLB
 * requests and events), the firmware-managed power of the shader cores and
 * tiler, the idle/power-off/progress timers and the counter ring.
 */
#include "events.h"
#include "fw.h"
#include "fw_iface.h"
#include "log.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "product.h"
#include "pwr.h"
#include "regs.h"

/* ---- The shared section --------------------------------------------------- */

static u32 mm_fw_cs_features(const struct mm_gpu *gpu)
{
	const struct mm_csif_info *csif = &mm_prod(gpu)->csif;

	return MM_FIELD_PREP(CS_FEATURES_WORK_REGS, csif->cs_regs - 1) |
	       MM_FIELD_PREP(CS_FEATURES_SCOREBOARDS, csif->scoreboards) |
	       CS_FEATURES_COMPUTE | CS_FEATURES_FRAGMENT | CS_FEATURES_TILER;
}

/*
 * Counter sample: the front end, tiler and memory system blocks and one
 * block per shader core, 256 bytes each; no firmware block (§4.13).
 */
static u32 mm_fw_prfcnt_blocks(const struct mm_gpu *gpu)
{
	return 3 + mm_fw_hweight(mm_prod_shader_present(gpu));
}

static u32 mm_fw_prfcnt_sample_size(const struct mm_gpu *gpu)
{
	return mm_fw_prfcnt_blocks(gpu) * 256;
}

bool mm_fw_interface_intact(struct mm_gpu *gpu)
{
	const struct mm_csif_info *csif = &mm_prod(gpu)->csif;
	u64 ctrl = FW_SHARED_VA + FW_LAYOUT_GLB_CONTROL;

	return mm_fw_rd32(gpu, ctrl + GLB_VERSION) == csif->glb_version &&
	       mm_fw_rd32(gpu, ctrl + GLB_INPUT_VA) == (u32)mm_fw_glb_in() &&
	       mm_fw_rd32(gpu, ctrl + GLB_OUTPUT_VA) == (u32)mm_fw_glb_out() &&
	       mm_fw_rd32(gpu, ctrl + GLB_GROUP_NUM) == gpu->mcu.fw.ncsg;
}

static void mm_fw_write_csg_control(struct mm_gpu *gpu, u32 n, bool cold)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 ctrl = mm_fw_csg_ctrl(gpu, n);
	u32 k;

	mm_fw_wr32(gpu, ctrl + CSG_FEATURES, 0);
	mm_fw_wr32(gpu, ctrl + CSG_INPUT_VA, (u32)mm_fw_csg_in(n));
	mm_fw_wr32(gpu, ctrl + CSG_OUTPUT_VA, (u32)mm_fw_csg_out(n));
	mm_fw_wr32(gpu, ctrl + CSG_SUSPEND_SIZE, mm_fw_suspend_size(gpu));
	/* Protected mode is not modelled, but drivers allocate the buffer. */
	mm_fw_wr32(gpu, ctrl + CSG_PROTM_SUSPEND_SIZE, mm_fw_suspend_size(gpu));
	mm_fw_wr32(gpu, ctrl + CSG_STREAM_NUM, fw->ncs);
	mm_fw_wr32(gpu, ctrl + CSG_STREAM_STRIDE, CS_CONTROL_SIZE);
	if (cold)
		mm_fw_zero(gpu, mm_fw_csg_out(n), FW_LAYOUT_CSG_OUTPUT_STRIDE);

	for (k = 0; k < fw->ncs; k++) {
		ctrl = mm_fw_cs_ctrl(gpu, n, k);
		mm_fw_wr32(gpu, ctrl + CS_FEATURES, mm_fw_cs_features(gpu));
		mm_fw_wr32(gpu, ctrl + CS_INPUT_VA, (u32)mm_fw_cs_in(gpu, n, k));
		mm_fw_wr32(gpu, ctrl + CS_OUTPUT_VA,
			   (u32)mm_fw_cs_out(gpu, n, k));
		if (cold)
			mm_fw_zero(gpu, mm_fw_cs_out(gpu, n, k),
				   FW_LAYOUT_CS_OUTPUT_STRIDE);
	}
}

void mm_fw_interface_init(struct mm_gpu *gpu, bool cold, bool version)
{
	const struct mm_csif_info *csif = &mm_prod(gpu)->csif;
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 ctrl = FW_SHARED_VA + FW_LAYOUT_GLB_CONTROL;
	u32 n;

	if (cold)
		mm_fw_zero(gpu, mm_fw_glb_out(), 0x1000);
	for (n = 0; n < fw->ncsg && !fw->mem_error; n++)
		mm_fw_write_csg_control(gpu, n, cold);

	mm_fw_wr32(gpu, ctrl + GLB_FEATURES, csif->glb_features);
	mm_fw_wr32(gpu, ctrl + GLB_INPUT_VA, (u32)mm_fw_glb_in());
	mm_fw_wr32(gpu, ctrl + GLB_OUTPUT_VA, (u32)mm_fw_glb_out());
	mm_fw_wr32(gpu, ctrl + GLB_GROUP_NUM, fw->ncsg);
	mm_fw_wr32(gpu, ctrl + GLB_GROUP_STRIDE, mm_fw_group_stride(gpu));
	mm_fw_wr32(gpu, ctrl + GLB_PRFCNT_SIZE,
		   MM_FIELD_PREP(GLB_PRFCNT_SIZE_HW, mm_fw_prfcnt_blocks(gpu)));
	mm_fw_wr32(gpu, ctrl + GLB_INSTR_FEATURES, csif->glb_instr_features);
	/* The version goes last: non-zero means "the interface is ready". */
	mm_fw_wr32(gpu, ctrl + GLB_VERSION, version ? csif->glb_version : 0);
}

void mm_fw_state_reset(struct mm_gpu *gpu)
{
	const struct mm_csif_info *csif = &mm_prod(gpu)->csif;
	struct mm_fw *fw = &gpu->mcu.fw;

	mm_memset(fw, 0, sizeof(*fw));
	fw->ncsg = MM_MIN(csif->csg_slots, MM_FW_MAX_CSG);
	fw->ncs = MM_MIN(csif->cs_per_csg, MM_FW_MAX_CS);
	fw->progress_ns = MM_T_NEVER;
	fw->pwroff_ns = MM_T_NEVER;
	fw->idle_since = MM_T_NEVER;
}

/* ---- Firmware-managed power ------------------------------------------------ */

static u64 mm_fw_cores(const struct mm_gpu *gpu)
{
	return gpu->mcu.fw.alloc_en & mm_prod_shader_present(gpu);
}

bool mm_fw_cores_ready(const struct mm_gpu *gpu)
{
	u64 cores = mm_fw_cores(gpu);

	return cores &&
	       (mm_pwr_ready(gpu, MM_PWR_SHADER) & cores) == cores &&
	       (mm_pwr_ready(gpu, MM_PWR_TILER) & mm_prod_tiler_present(gpu)) ==
	       mm_prod_tiler_present(gpu);
}

void mm_fw_cores_power(struct mm_gpu *gpu, bool on)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 cores = mm_fw_cores(gpu);
	u64 others = mm_prod_shader_present(gpu) & ~cores;

	fw->cores_on = on;
	if (!on) {
		mm_pwr_request(gpu, MM_PWR_SHADER, mm_prod_shader_present(gpu),
			       false);
		mm_pwr_request(gpu, MM_PWR_TILER, mm_prod_tiler_present(gpu),
			       false);
		return;
	}
	if (others)
		mm_pwr_request(gpu, MM_PWR_SHADER, others, false);
	if (!cores)
		return;
	if (!mm_pwr_request(gpu, MM_PWR_SHADER, cores, true) ||
	    !mm_pwr_request(gpu, MM_PWR_TILER, mm_prod_tiler_present(gpu),
			    true))
		mm_log_once(gpu, MM_LOGK_MISC | 0x600,
			    "firmware: cannot power its cores (L2 off?)");
}

/* ---- GLB requests -------------------------------------------------------------- */

static void mm_fw_glb_irq(struct mm_gpu *gpu, u32 old_ack, u32 new_ack)
{
	u32 mask = mm_fw_rd32(gpu, mm_fw_glb_in() + GLB_ACK_IRQ_MASK);

	if ((old_ack ^ new_ack) & mask)
		mm_fw_job_irq(gpu, JOB_IRQ_GLOBAL);
}

void mm_fw_glb_event(struct mm_gpu *gpu, u32 bits)
{
	u32 req = mm_fw_rd32(gpu, mm_fw_glb_in() + GLB_REQ);
	u32 ack = mm_fw_rd32(gpu, mm_fw_glb_out() + GLB_ACK);

	/* An event the host has not acknowledged yet stays raised once. */
	bits &= ~(req ^ ack);
	if (!bits)
		return;
	mm_fw_wr32(gpu, mm_fw_glb_out() + GLB_ACK, ack ^ bits);
	mm_fw_glb_irq(gpu, ack, ack ^ bits);
}

static void mm_fw_apply_alloc_en(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	fw->alloc_en = mm_fw_rd64(gpu, mm_fw_glb_in() + GLB_ALLOC_EN);
	if (fw->alloc_en & ~mm_prod_shader_present(gpu))
		mm_log_once(gpu, MM_LOGK_MISC | 0x601,
			    "firmware: GLB_ALLOC_EN 0x%llx names absent cores",
			    MM_ULL(fw->alloc_en));
	mm_fw_cores_power(gpu, true);
	/* A changed core set is a new start for the power-off timer. */
	if (fw->idle_since != MM_T_NEVER)
		fw->idle_since = mm_now(gpu);
}

static void mm_fw_apply_timers(struct mm_gpu *gpu, u32 toggles)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 in = mm_fw_glb_in();
	u32 v;

	if (toggles & GLB_CFG_PROGRESS_TIMER) {
		/* Units of 1024 GPU cycles; 0 switches the watchdog off. */
		v = mm_fw_rd32(gpu, in + GLB_PROGRESS_TIMER);
		fw->progress_ns = v ? mm_fw_cycles_to_ns(gpu, (u64)v << 10) :
			MM_T_NEVER;
	}
	if (toggles & GLB_CFG_PWROFF_TIMER) {
		/* 0 keeps the cores powered while the firmware runs. */
		v = mm_fw_rd32(gpu, in + GLB_PWROFF_TIMER);
		fw->pwroff_ns = MM_FIELD_GET(GLB_TIMER_VALUE, v) ?
			mm_fw_timer_to_ns(gpu, v) : MM_T_NEVER;
	}
}

/* Counter ring, per mali-csf-hw.md §4.13. */
static void mm_fw_prfcnt_sample(struct mm_gpu *gpu, u32 *events)
{
	u64 in = mm_fw_glb_in(), out = mm_fw_glb_out();
	u32 size = MM_FIELD_GET(GLB_PRFCNT_CONFIG_SIZE,
				mm_fw_rd32(gpu, in + GLB_PRFCNT_CONFIG));
	u32 insert = mm_fw_rd32(gpu, out + GLB_PRFCNT_INSERT);
	u32 extract = mm_fw_rd32(gpu, in + GLB_PRFCNT_EXTRACT);
	u32 as = mm_fw_rd32(gpu, in + GLB_PRFCNT_JASID);
	u32 sample = mm_fw_prfcnt_sample_size(gpu);
	u64 va;

	if (insert - extract >= size) {
		*events |= GLB_PRFCNT_OVERFLOW;
		return;
	}
	/* Counters are not modelled: every sample reads zero. */
	va = mm_fw_rd64(gpu, in + GLB_PRFCNT_BASE) +
	     (u64)(insert % size) * sample;
	mm_memset(gpu->mcu.fw.scratch, 0, sizeof(gpu->mcu.fw.scratch));
	while (sample) {
		u32 chunk = MM_MIN(sample, (u32)sizeof(gpu->mcu.fw.scratch));

		if (mm_mmu_access(gpu, as, va, gpu->mcu.fw.scratch, chunk,
				  MM_ACCESS_WRITE)) {
			mm_log(gpu, "firmware: counter sample to AS%u 0x%llx failed",
			       as, MM_ULL(va));
			return;
		}
		va += chunk;
		sample -= chunk;
	}
	insert++;
	mm_fw_wr32(gpu, out + GLB_PRFCNT_INSERT, insert);
	if (insert - extract >= (size + 1) / 2)
		*events |= GLB_PRFCNT_THRESHOLD;
}

/* Requests that take effect on a level change of their REQ bit. */
static void mm_fw_glb_levels(struct mm_gpu *gpu, u32 req, u32 changed)
{
	struct mm_fw *fw = &gpu->mcu.fw;

	if ((changed & GLB_PRFCNT_ENABLE) && (req & GLB_PRFCNT_ENABLE))
		mm_fw_wr32(gpu, mm_fw_glb_out() + GLB_PRFCNT_INSERT, 0);
	if (changed & GLB_IDLE_ENABLE) {
		fw->idle_enabled = req & GLB_IDLE_ENABLE;
		fw->idle_reported = false;
	}
}

static void mm_fw_glb_toggles(struct mm_gpu *gpu, u32 req, u32 toggles,
			      u32 *events)
{
	mm_fw_apply_timers(gpu, toggles);
	if (toggles & GLB_CFG_ALLOC_EN)
		mm_fw_apply_alloc_en(gpu);
	if (toggles & GLB_PROTM_ENTER)
		mm_log_once(gpu, MM_LOGK_MISC | 0x602,
			    "firmware: PROTM_ENTER acknowledged, protected mode not modelled");
	if (toggles & GLB_SLEEP)
		mm_log_once(gpu, MM_LOGK_MISC | 0x603,
			    "firmware: SLEEP acknowledged, the MCU stays awake");
	if ((toggles & GLB_PRFCNT_SAMPLE) && (req & GLB_PRFCNT_ENABLE))
		mm_fw_prfcnt_sample(gpu, events);
}

static void mm_fw_glb_requests(struct mm_gpu *gpu)
{
	u64 in = mm_fw_glb_in(), out = mm_fw_glb_out();
	u32 req = mm_fw_rd32(gpu, in + GLB_REQ);
	u32 ack = mm_fw_rd32(gpu, out + GLB_ACK);
	u32 toggles = (req ^ ack) & GLB_REQ_TOGGLES;
	u32 levels = (req ^ ack) & GLB_REQ_LEVELS & ~GLB_ITER_TRACE_ENABLE;
	u32 events = 0, new_ack;

	if (gpu->mcu.fw.mem_error)
		return;
	mm_fw_glb_levels(gpu, req, levels);
	mm_fw_glb_toggles(gpu, req, toggles, &events);

	/* Events are raised once: not while the previous one is pending. */
	events &= ~(req ^ ack);
	new_ack = ((ack & ~(toggles | levels)) | (req & (toggles | levels))) ^
		  events;
	if (new_ack != ack) {
		gpu->mcu.stats.glb_reqs +=
			mm_fw_hweight((toggles | levels) & (req ^ ack));
		mm_fw_wr32(gpu, out + GLB_ACK, new_ack);
		mm_fw_glb_irq(gpu, ack, new_ack);
	}
}

static void mm_fw_glb_doorbells(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 db_req = mm_fw_rd32(gpu, mm_fw_glb_in() + GLB_DB_REQ);
	u32 db_ack = mm_fw_rd32(gpu, mm_fw_glb_out() + GLB_DB_ACK);
	u32 todo = (db_req ^ db_ack) & (u32)(MM_BIT(fw->ncsg) - 1);
	u32 n;

	if (fw->mem_error)
		return;
	for (n = 0; n < fw->ncsg && !fw->mem_error; n++)
		if (todo & MM_BIT(n))
			mm_fw_csg_service(gpu, n);
	if (db_req != db_ack)
		mm_fw_wr32(gpu, mm_fw_glb_out() + GLB_DB_ACK, db_req);
}

void mm_fw_glb_service(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u32 req;

	mm_fw_glb_requests(gpu);
	mm_fw_glb_doorbells(gpu);

	/* HALT: a 0 -> 1 edge of the request bit, never acknowledged (§9.7). */
	req = mm_fw_rd32(gpu, mm_fw_glb_in() + GLB_REQ);
	if (fw->mem_error)
		return;
	if ((req & GLB_HALT) && !fw->halt_seen)
		mm_mcu_halt(gpu);
	fw->halt_seen = req & GLB_HALT;
}

/* ---- Timers -------------------------------------------------------------------- */

static u64 mm_fw_deadline(u64 since, u64 delay)
{
	if (since == MM_T_NEVER || delay == MM_T_NEVER)
		return MM_T_NEVER;
	return mm_time_after(since, delay);
}

/* GPU idle: the GLB IDLE event and the cores' power-off. */
static u64 mm_fw_idle_timers(struct mm_gpu *gpu, u64 now)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 next = MM_T_NEVER, t;

	if (mm_fw_gpu_busy(gpu)) {
		fw->idle_since = MM_T_NEVER;
		fw->idle_reported = false;
		return MM_T_NEVER;
	}
	if (fw->idle_since == MM_T_NEVER)
		fw->idle_since = now;

	if (fw->idle_enabled && !fw->idle_reported) {
		t = mm_fw_deadline(fw->idle_since, fw->idle_ns);
		if (t <= now) {
			mm_fw_glb_event(gpu, GLB_IDLE);
			fw->idle_reported = true;
		} else {
			next = MM_MIN(next, t);
		}
	}
	if (fw->cores_on) {
		t = mm_fw_deadline(fw->idle_since, fw->pwroff_ns);
		if (t <= now)
			mm_fw_cores_power(gpu, false);
		else
			next = MM_MIN(next, t);
	}
	return next;
}

static u64 mm_fw_progress_timers(struct mm_gpu *gpu, u64 now)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 next = MM_T_NEVER, t;
	u32 n;

	for (n = 0; n < fw->ncsg; n++) {
		struct mm_fw_csg *g = &fw->csg[n];

		if (g->state != FW_CSG_RUNNING || !g->waiting ||
		    g->progress_reported)
			continue;
		t = mm_fw_deadline(g->last_progress, fw->progress_ns);
		if (t <= now) {
			mm_log(gpu, "firmware: CSG %u made no progress for %llu ns",
			       n, MM_ULL(fw->progress_ns));
			mm_fw_csg_event(gpu, n, CSG_PROGRESS_TIMER_EVENT);
			g->progress_reported = true;
		} else {
			next = MM_MIN(next, t);
		}
	}
	return next;
}

void mm_fw_timers(struct mm_gpu *gpu)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	u64 now = mm_now(gpu), next;

	if (!fw->running) {
		mm_event_cancel(gpu, MM_EV_MCU, MCU_EV_TIMER);
		return;
	}
	fw->idle_ns = mm_fw_timer_to_ns(gpu, mm_fw_rd32(gpu, mm_fw_glb_in() +
							GLB_IDLE_TIMER));
	next = MM_MIN(mm_fw_idle_timers(gpu, now),
		      mm_fw_progress_timers(gpu, now));
	if (next == MM_T_NEVER)
		mm_event_cancel(gpu, MM_EV_MCU, MCU_EV_TIMER);
	else
		mm_event_schedule(gpu, MM_EV_MCU, MCU_EV_TIMER, next - now);
}
