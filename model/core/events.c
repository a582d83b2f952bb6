// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Timed events.
 */
#include "events.h"
#include "gpu_ctrl.h"
#include "log.h"
#include "mcu.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "pwr.h"

typedef void (*mm_event_fn)(struct mm_gpu *gpu, u32 arg);

static const struct {
	const char *name;
	mm_event_fn fn;
} mm_event_table[MM_EV_COUNT] = {
	[MM_EV_RESET_DONE]	= { "reset-done", mm_gpu_reset_done },
	[MM_EV_FLUSH_DONE]	= { "flush-done", mm_gpu_flush_done },
	[MM_EV_PWR]		= { "power", mm_pwr_event },
	[MM_EV_AS_CMD]		= { "as-command", mm_mmu_as_cmd_done },
	[MM_EV_MCU]		= { "mcu", mm_mcu_event },
};

u64 mm_now(const struct mm_gpu *gpu)
{
	return gpu->now;
}

static struct mm_event *mm_event_find(struct mm_gpu *gpu,
				      enum mm_event_id id, u32 arg)
{
	u32 i;

	for (i = 0; i < MM_EVENTS_MAX; i++) {
		struct mm_event *ev = &gpu->ev.ev[i];

		if (ev->active && ev->id == id && ev->arg == arg)
			return ev;
	}
	return NULL;
}

static struct mm_event *mm_event_next(struct mm_gpu *gpu)
{
	struct mm_event *best = NULL;
	u32 i;

	for (i = 0; i < MM_EVENTS_MAX; i++) {
		struct mm_event *ev = &gpu->ev.ev[i];

		if (!ev->active)
			continue;
		if (!best || ev->when < best->when ||
		    (ev->when == best->when && ev->seq < best->seq))
			best = ev;
	}
	return best;
}

/* Request a kick for an event due at model time @when. */
static void mm_events_kick_at(struct mm_gpu *gpu, u64 when)
{
	u64 host_now = gpu->host_now;

	gpu->ops->kick(gpu->host, when > host_now ? when - host_now : 0);
}

void mm_event_schedule(struct mm_gpu *gpu, enum mm_event_id id, u32 arg,
		       u64 delay_ns)
{
	struct mm_event *ev = mm_event_find(gpu, id, arg);
	u32 i;

	if (!ev) {
		for (i = 0; i < MM_EVENTS_MAX; i++) {
			if (!gpu->ev.ev[i].active) {
				ev = &gpu->ev.ev[i];
				break;
			}
		}
	}
	if (!ev) {
		/* A model bug: every event kind has a small fixed population. */
		mm_log(gpu, "event queue full, dropping %s(%u)",
		       mm_event_table[id].name, arg);
		gpu->stats.events_dropped++;
		return;
	}

	ev->active = true;
	ev->id = id;
	ev->arg = arg;
	ev->when = mm_time_after(gpu->now, delay_ns);
	ev->seq = gpu->ev.seq++;
	mm_events_kick_at(gpu, ev->when);
}

void mm_event_cancel(struct mm_gpu *gpu, enum mm_event_id id, u32 arg)
{
	struct mm_event *ev = mm_event_find(gpu, id, arg);

	if (ev)
		ev->active = false;
}

bool mm_event_pending(const struct mm_gpu *gpu, enum mm_event_id id, u32 arg,
		      u64 *when)
{
	struct mm_event *ev = mm_event_find((struct mm_gpu *)gpu, id, arg);

	if (ev && when)
		*when = ev->when;
	return !!ev;
}

void mm_events_clear(struct mm_gpu *gpu)
{
	u32 i;

	for (i = 0; i < MM_EVENTS_MAX; i++)
		gpu->ev.ev[i].active = false;
}

bool mm_events_catch_up(struct mm_gpu *gpu)
{
	u64 host_now = gpu->ops->now_ns(gpu->host);
	struct mm_event *ev;
	u32 budget;

	/* The host clock is monotonic; never let model time go backwards. */
	if (host_now < gpu->host_now)
		host_now = gpu->host_now;
	gpu->host_now = host_now;

	for (budget = 0; budget < MM_EVENTS_BUDGET; budget++) {
		enum mm_event_id id;
		u32 arg;

		ev = mm_event_next(gpu);
		if (!ev || ev->when > host_now) {
			gpu->now = host_now;
			return true;
		}
		ev->active = false;
		id = (enum mm_event_id)ev->id;
		arg = ev->arg;
		if (ev->when > gpu->now)
			gpu->now = ev->when;
		mm_event_table[id].fn(gpu, arg);
	}

	gpu->now = host_now;
	return false;
}

void mm_events_kick(struct mm_gpu *gpu)
{
	struct mm_event *ev = mm_event_next(gpu);

	if (ev)
		mm_events_kick_at(gpu, ev->when);
}
