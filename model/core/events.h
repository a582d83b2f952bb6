/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Model time: a small queue of timed events.
 *
 * Anything that takes time on the GPU (a reset, a power transition, a cache
 * flush, an MMU command, later the MCU's work) schedules an event. Events are
 * identified by (id, arg); scheduling an event that is already pending moves
 * it. The queue runs due events in time order, each with the model clock set
 * to the event's own due time, so what follows from an event is timed from
 * when it happened rather than from when the host got round to it.
 *
 * To add an event kind: one enum value here and one line in the handler
 * table of events.c.
 */
#ifndef MM_EVENTS_H
#define MM_EVENTS_H

#include "mm_types.h"

struct mm_gpu;

/** enum mm_event_id - kinds of timed events. */
enum mm_event_id {
	MM_EV_RESET_DONE,	/* GPU_COMMAND RESET completes */
	MM_EV_FLUSH_DONE,	/* GPU_COMMAND FLUSH_CACHES completes */
	MM_EV_PWR,		/* power transition of domain @arg ends */
	MM_EV_AS_CMD,		/* command on address space @arg completes */
	MM_EV_MCU,		/* MCU/firmware emulation step, @arg is its own */
	MM_EV_COUNT,
};

#define MM_EVENTS_MAX		64

/* Events run by one mm_run() before it yields back to the host. */
#define MM_EVENTS_BUDGET	256

/**
 * struct mm_event - a pending timed event.
 * @when: model time (ns) at which it is due.
 * @seq: insertion order, to break ties between events due at the same time.
 * @id: enum mm_event_id.
 * @arg: argument for the handler.
 * @active: the slot holds a pending event.
 */
struct mm_event {
	u64 when;
	u64 seq;
	u16 id;
	u16 arg;
	bool active;
};

/**
 * struct mm_events - the event queue.
 * @ev: event slots.
 * @seq: next sequence number.
 */
struct mm_events {
	struct mm_event ev[MM_EVENTS_MAX];
	u64 seq;
};

/* Schedule (or move) event (@id, @arg) @delay_ns after the model's now. */
void mm_event_schedule(struct mm_gpu *gpu, enum mm_event_id id, u32 arg,
		       u64 delay_ns);

/* Drop event (@id, @arg) if pending. */
void mm_event_cancel(struct mm_gpu *gpu, enum mm_event_id id, u32 arg);

/* Whether event (@id, @arg) is pending; its due time in @when if so. */
bool mm_event_pending(const struct mm_gpu *gpu, enum mm_event_id id, u32 arg,
		      u64 *when);

/* Drop every pending event. */
void mm_events_clear(struct mm_gpu *gpu);

/*
 * Read the host clock and run every event due by then. Returns false if the
 * budget ran out with due events left (the host should run us again soon).
 */
bool mm_events_catch_up(struct mm_gpu *gpu);

/* Ask the host to run us when the next event is due. */
void mm_events_kick(struct mm_gpu *gpu);

/* The model's current time in nanoseconds. */
u64 mm_now(const struct mm_gpu *gpu);

/* @delay_ns after model time @t, saturating: a huge delay means "never". */
static inline u64 mm_time_after(u64 t, u64 delay_ns)
{
	return t + delay_ns < t ? ~0ull : t + delay_ns;
}

#endif /* MM_EVENTS_H */
