// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Power domains (see pwr.h for the rules the model enforces).
 */
#include "events.h"
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mm_gpu.h"
#include "product.h"
#include "pwr.h"
#include "regs.h"

static const char *const mm_pwr_names[MM_PWR_COUNT] = {
	[MM_PWR_SHADER] = "SHADER",
	[MM_PWR_TILER] = "TILER",
	[MM_PWR_L2] = "L2",
};

static u64 mm_pwr_present(const struct mm_gpu *gpu, enum mm_pwr_domain d)
{
	switch (d) {
	case MM_PWR_SHADER:
		return mm_prod_shader_present(gpu);
	case MM_PWR_TILER:
		return mm_prod_tiler_present(gpu);
	case MM_PWR_L2:
		return mm_prod_l2_present(gpu);
	default:
		return 0;
	}
}

u64 mm_pwr_ready(const struct mm_gpu *gpu, enum mm_pwr_domain dom)
{
	return gpu->pwr.dom[dom].ready;
}

u64 mm_pwr_trans(const struct mm_gpu *gpu, enum mm_pwr_domain dom)
{
	return gpu->pwr.dom[dom].trans;
}

bool mm_pwr_busy(const struct mm_gpu *gpu)
{
	u32 d;

	for (d = 0; d < MM_PWR_COUNT; d++)
		if (gpu->pwr.dom[d].trans)
			return true;
	return false;
}

/* The L2 of core group 0 is powered and out of transition. */
static bool mm_pwr_l2_ready(const struct mm_gpu *gpu)
{
	return gpu->pwr.dom[MM_PWR_L2].ready & 1;
}

/* Some shader core or the tiler is on, on its way or wanted on. */
static bool mm_pwr_cores_in_use(const struct mm_gpu *gpu)
{
	const struct mm_pwr_dom *sh = &gpu->pwr.dom[MM_PWR_SHADER];
	const struct mm_pwr_dom *ti = &gpu->pwr.dom[MM_PWR_TILER];

	return (sh->ready | sh->trans | sh->target |
		ti->ready | ti->trans | ti->target) != 0;
}

/* (Re)arm the domain's event for its earliest pending transition end. */
static void mm_pwr_schedule(struct mm_gpu *gpu, enum mm_pwr_domain d)
{
	struct mm_pwr_dom *dd = &gpu->pwr.dom[d];
	u64 m = dd->trans, first = ~0ull, now = mm_now(gpu);

	if (!m) {
		mm_event_cancel(gpu, MM_EV_PWR, d);
		return;
	}
	while (m) {
		u32 bit = MM_MASK_SHIFT(m);

		m &= m - 1;
		if (dd->done_at[bit] < first)
			first = dd->done_at[bit];
	}
	mm_event_schedule(gpu, MM_EV_PWR, d, first > now ? first - now : 0);
}

/* Start transitions for units whose state differs from the request. */
static void mm_pwr_start(struct mm_gpu *gpu, enum mm_pwr_domain d)
{
	struct mm_pwr_dom *dd = &gpu->pwr.dom[d];
	u64 up = dd->target & ~dd->ready & ~dd->trans;
	u64 down = dd->ready & ~dd->target & ~dd->trans;
	u64 m = up | down;
	u64 when = mm_time_after(mm_now(gpu), gpu->timing.pwr_ns[d]);

	if (!m)
		return;
	while (m) {
		u32 bit = MM_MASK_SHIFT(m);

		m &= m - 1;
		dd->done_at[bit] = when;
	}
	dd->trans |= up | down;
	dd->going_up = (dd->going_up | up) & ~down;
	dd->ready &= ~down;
	mm_pwr_schedule(gpu, d);
}

bool mm_pwr_request(struct mm_gpu *gpu, enum mm_pwr_domain d, u64 mask,
		    bool on)
{
	struct mm_pwr_dom *dd = &gpu->pwr.dom[d];
	u64 absent = mask & ~mm_pwr_present(gpu, d);

	if (absent)
		mm_log_once(gpu, MM_LOGK_MISC | 0x100 | d,
			    "%s_PWR%s for absent units 0x%llx ignored",
			    mm_pwr_names[d], on ? "ON" : "OFF", MM_ULL(absent));
	mask &= ~absent;
	if (!mask)
		return true;

	if (mm_gpu_in_reset(gpu)) {
		gpu->stats.pwr_refused++;
		mm_log(gpu, "%s_PWR%s 0x%llx during reset refused",
		       mm_pwr_names[d], on ? "ON" : "OFF", MM_ULL(mask));
		return false;
	}
	if (on && d != MM_PWR_L2 && !mm_pwr_l2_ready(gpu)) {
		gpu->stats.pwr_refused++;
		mm_log(gpu, "%s_PWRON 0x%llx refused: L2 is not ready",
		       mm_pwr_names[d], MM_ULL(mask));
		return false;
	}
	if (!on && d == MM_PWR_L2 && mm_pwr_cores_in_use(gpu)) {
		gpu->stats.pwr_refused++;
		mm_log(gpu, "L2_PWROFF refused: shader cores or tiler still powered");
		return false;
	}

	if (on)
		dd->target |= mask;
	else
		dd->target &= ~mask;
	mm_pwr_start(gpu, d);
	return true;
}

void mm_pwr_event(struct mm_gpu *gpu, u32 arg)
{
	enum mm_pwr_domain d = (enum mm_pwr_domain)arg;
	struct mm_pwr_dom *dd = &gpu->pwr.dom[d];
	u64 m = dd->trans, done = 0, now = mm_now(gpu);

	while (m) {
		u32 bit = MM_MASK_SHIFT(m);

		m &= m - 1;
		if (dd->done_at[bit] <= now)
			done |= MM_BIT(bit);
	}

	dd->ready |= done & dd->going_up;
	dd->trans &= ~done;
	dd->going_up &= ~done;

	/* Requests that came in during the transition. */
	mm_pwr_start(gpu, d);
	mm_pwr_schedule(gpu, d);

	if (!done)
		return;
	mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_POWER_CHANGED_SINGLE);
	if (!mm_pwr_busy(gpu))
		mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_POWER_CHANGED_ALL);
}

void mm_pwr_reset(struct mm_gpu *gpu)
{
	u32 d;

	for (d = 0; d < MM_PWR_COUNT; d++) {
		struct mm_pwr_dom *dd = &gpu->pwr.dom[d];

		dd->target = 0;
		dd->ready = 0;
		dd->trans = 0;
		dd->going_up = 0;
		mm_event_cancel(gpu, MM_EV_PWR, d);
	}
}

static enum mm_pwr_domain mm_pwr_arg_dom(const struct mm_reg_io *io)
{
	return (enum mm_pwr_domain)(io->reg->arg >> 1);
}

static bool mm_pwr_arg_hi(const struct mm_reg_io *io)
{
	return io->reg->arg & 1;
}

u32 mm_pwr_read_ready(struct mm_gpu *gpu, const struct mm_reg_io *io)
{
	return mm_get_half(gpu->pwr.dom[mm_pwr_arg_dom(io)].ready,
			   mm_pwr_arg_hi(io));
}

u32 mm_pwr_read_trans(struct mm_gpu *gpu, const struct mm_reg_io *io)
{
	return mm_get_half(gpu->pwr.dom[mm_pwr_arg_dom(io)].trans,
			   mm_pwr_arg_hi(io));
}

/* No shader work is modelled yet, so no unit is ever busy. */
u32 mm_pwr_read_active(struct mm_gpu *gpu __maybe_unused,
		       const struct mm_reg_io *io __maybe_unused)
{
	return 0;
}

static u64 mm_pwr_reg_mask(const struct mm_reg_io *io, u32 val)
{
	return mm_pwr_arg_hi(io) ? (u64)val << 32 : val;
}

void mm_pwr_write_on(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val)
{
	mm_pwr_request(gpu, mm_pwr_arg_dom(io), mm_pwr_reg_mask(io, val), true);
}

void mm_pwr_write_off(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val)
{
	mm_pwr_request(gpu, mm_pwr_arg_dom(io), mm_pwr_reg_mask(io, val), false);
}
