// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor scheduler core: which groups sit on the firmware's CSG slots.
 *
 * The firmware runs the command streams of the groups on its CSG slots
 * and arbitrates between them by the slot priorities the host gives it.
 * There are usually more groups than slots, so the host decides which
 * groups are resident. That decision is taken in one place, the tick
 * (panthor_sched_tick()), which runs on an ordered workqueue:
 *
 * 1. signal the fences of the jobs the groups completed and, when groups
 *    compete for slots, ask the firmware which resident groups are
 *    blocked;
 * 2. let a pure policy function (panthor_sched_pick()) choose the groups
 *    that should be resident, from their priority, whether they are
 *    blocked, and how long ago they last got a slot;
 * 3. save (SUSPEND) the resident groups that were not chosen, or discard
 *    (TERMINATE) the ones that may not run any more, and then start or
 *    RESUME the chosen ones on the freed slots. Requests to several slots
 *    are posted together and acknowledged together.
 *
 * Everything else only feeds the tick: a job written in the ring of a
 * group that is not resident, a firmware event, a timeout, a fault. The
 * tick runs again periodically only while there is contention (more
 * groups with work than slots) or groups wait off-slot for a sync object.
 *
 * Firmware events (JOB interrupt) are taken in the interrupt thread only as
 * far as noting which slots have something to say; the work is done by
 * the event work, on the same ordered workqueue as the tick, so that the
 * two never run at the same time and the slot table is stable under the
 * scheduler lock.
 *
 * Power: the scheduler holds one runtime PM reference while any slot is
 * occupied, and a temporary one around every tick, so the GPU only powers
 * down when no group is resident.
 */

#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/workqueue.h>

#include <drm/drm_drv.h>
#include <drm/drm_managed.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_fw.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_gpu_regs.h"
#include "panthor_group.h"
#include "panthor_heap.h"
#include "panthor_mmu.h"
#include "panthor_sched.h"

/* Time slice of groups competing for slots; also the periodic tick. */
#define PANTHOR_SCHED_TICK_MS		10
/* How long the firmware may take to answer a CSG request. */
#define PANTHOR_SCHED_CSG_TIMEOUT_MS	100
/* Off-slot blocked groups get another chance every this many ticks. */
#define PANTHOR_SCHED_BLOCKED_RECHECK	10

/* CSG priorities: 15 for the first group picked, one less for each next. */
#define PANTHOR_CSG_MAX_PRIORITY	15

/* CS exception types that need more than stopping the group. */
#define PANTHOR_CS_EXC_UNRECOVERABLE	0x41

/**
 * struct panthor_sched - Scheduler state of a device
 */
struct panthor_sched {
	/** @ptdev: the device */
	struct panthor_device *ptdev;
	/** @lock: protects everything below and the groups' scheduler state */
	struct mutex lock;
	/** @wq: ordered: the tick and the event work */
	struct workqueue_struct *wq;
	/** @queue_wq: the queues' drm_sched work and group releases */
	struct workqueue_struct *queue_wq;
	/** @tick_work: the tick */
	struct delayed_work tick_work;
	/** @event_work: handles firmware events of the slots in @csg_events */
	struct work_struct event_work;
	/** @csg_events: slots whose JOB interrupt bit was raised */
	atomic_t csg_events;
	/** @spare_lock: protects @spare_scheds */
	spinlock_t spare_lock;
	/** @spare_scheds: drm_sched scheduler memory of queues that are gone */
	struct list_head spare_scheds;

	/** @csg_count: CSG slots */
	u32 csg_count;
	/** @cs_count: CS slots per CSG slot */
	u32 cs_count;
	/** @as_slots: address spaces for user VMs */
	u32 as_slots;
	/** @timestamp_freq: frequency of the GPU timestamp, in Hz */
	u64 timestamp_freq;
	/** @slots: the group on each CSG slot (holding a reference), or NULL */
	struct panthor_group *slots[CSF_MAX_CSG_SLOTS];
	/** @slot_priority: the CSG priority each occupied slot was given */
	u8 slot_priority[CSF_MAX_CSG_SLOTS];

	/** @groups: every group not destroyed yet */
	struct list_head groups;
	/** @tick_count: ticks so far; stamps groups placed on a slot */
	u64 tick_count;
	/** @next_rotation: when the resident groups' time slice ends */
	unsigned long next_rotation;
	/** @pm_held: the scheduler holds a runtime PM reference */
	bool pm_held;
	/** @suspended: the GPU is powered down or going down */
	bool suspended;
	/** @resetting: a GPU reset is under way */
	bool resetting;
	/** @unplugged: the device is gone */
	bool unplugged;
};

/**
 * struct panthor_drm_sched_mem - Memory of a queue's drm_sched scheduler
 *
 * The scheduler's fences name their timeline through a pointer to it, and
 * those fences may outlive the queue (a sync file exported from a syncobj).
 * So the memory is never freed while the device lives: a queue that goes
 * away leaves it for the next queue. The fences only ever read the name,
 * which is the same for every queue.
 */
struct panthor_drm_sched_mem {
	/** @node: link in &panthor_sched.spare_scheds while unused */
	struct list_head node;
	/** @sched: the scheduler */
	struct drm_gpu_scheduler sched;
};

/* ---- Placement policy ---------------------------------------------------- */

/*
 * Which of two groups deserves a slot more. Groups that can run come
 * before blocked ones, whatever their priority; then higher priorities
 * first. Among equals, @rotate says whether the resident groups' time
 * slice is over: if it is, the groups waiting for a slot go first (those
 * that have waited longest first) and the residents that got their slot
 * earliest go last; if not, the residents keep their slots.
 */
static int panthor_sched_cmp(const struct panthor_sched_candidate *a,
			     const struct panthor_sched_candidate *b, bool rotate)
{
	if (a->blocked != b->blocked)
		return a->blocked ? 1 : -1;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	if (a->resident != b->resident)
		return (a->resident == rotate) ? 1 : -1;
	if (a->stamp == b->stamp)
		return 0;
	if (a->resident && rotate)
		return a->stamp > b->stamp ? -1 : 1;
	return a->stamp < b->stamp ? -1 : 1;
}

static int panthor_sched_cmp_r(const void *a, const void *b, const void *priv)
{
	return panthor_sched_cmp(a, b, *(const bool *)priv);
}

/*
 * Would picking @cand need one address space more than those of the
 * groups picked so far? @vms holds their VM keys.
 */
static bool panthor_sched_needs_new_as(const struct panthor_sched_candidate *cand,
				       const unsigned long *vms, unsigned int nvms)
{
	unsigned int i;

	for (i = 0; i < nvms; i++) {
		if (vms[i] == cand->vm_key)
			return false;
	}

	return true;
}

/**
 * panthor_sched_pick() - Choose the groups that get a CSG slot
 * @cands: the groups that have work; sorted in place, most deserving first
 * @count: number of @cands
 * @slots: CSG slots available
 * @as_slots: address spaces available for their VMs
 * @rotate: the resident groups' time slice is over
 *
 * Sets &panthor_sched_candidate.picked on at most @slots candidates whose
 * VMs fit in @as_slots address spaces, and gives them distinct CSG
 * priorities, highest for the most deserving. Callers find their groups
 * again through &panthor_sched_candidate.id.
 *
 * Return: number of groups picked.
 */
VISIBLE_IF_KUNIT unsigned int panthor_sched_pick(struct panthor_sched_candidate *cands,
						 unsigned int count, unsigned int slots,
						 unsigned int as_slots, bool rotate)
{
	unsigned long vms[CSF_MAX_CSG_SLOTS];
	unsigned int i, picked = 0, nvms = 0;

	slots = min_t(unsigned int, slots, CSF_MAX_CSG_SLOTS);
	sort_r(cands, count, sizeof(*cands), panthor_sched_cmp_r, NULL, &rotate);

	for (i = 0; i < count; i++) {
		struct panthor_sched_candidate *cand = &cands[i];

		cand->picked = false;
		if (picked == slots)
			continue;

		if (panthor_sched_needs_new_as(cand, vms, nvms)) {
			if (nvms == as_slots)
				continue;
			vms[nvms++] = cand->vm_key;
		}

		cand->picked = true;
		cand->slot_priority = PANTHOR_CSG_MAX_PRIORITY -
				      min_t(unsigned int, picked, PANTHOR_CSG_MAX_PRIORITY);
		picked++;
	}

	return picked;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_sched_pick);

/* ---- Small helpers ------------------------------------------------------- */

/**
 * panthor_sched_queue_wq() - Workqueue of the queues' drm_sched work
 * @ptdev: device
 *
 * Return: the workqueue, also used to release groups.
 */
struct workqueue_struct *panthor_sched_queue_wq(struct panthor_device *ptdev)
{
	return ptdev->sched->queue_wq;
}

/**
 * panthor_sched_alloc_drm_sched() - Memory for a queue's drm_sched scheduler
 * @ptdev: device
 *
 * Return: zeroed memory for a scheduler, or NULL. Give it back with
 * panthor_sched_free_drm_sched() once drm_sched_fini() was called on it.
 */
struct drm_gpu_scheduler *panthor_sched_alloc_drm_sched(struct panthor_device *ptdev)
{
	struct panthor_sched *sched = ptdev->sched;
	struct panthor_drm_sched_mem *mem;

	spin_lock(&sched->spare_lock);
	mem = list_first_entry_or_null(&sched->spare_scheds,
				       struct panthor_drm_sched_mem, node);
	if (mem)
		list_del_init(&mem->node);
	spin_unlock(&sched->spare_lock);

	if (mem) {
		memset(&mem->sched, 0, sizeof(mem->sched));
		return &mem->sched;
	}

	mem = kzalloc(sizeof(*mem), GFP_KERNEL);
	if (!mem)
		return NULL;

	INIT_LIST_HEAD(&mem->node);
	return &mem->sched;
}

/**
 * panthor_sched_free_drm_sched() - Give back a queue's scheduler memory
 * @ptdev: device
 * @drm_sched: from panthor_sched_alloc_drm_sched(), or NULL
 */
void panthor_sched_free_drm_sched(struct panthor_device *ptdev,
				  struct drm_gpu_scheduler *drm_sched)
{
	struct panthor_sched *sched = ptdev->sched;
	struct panthor_drm_sched_mem *mem;

	if (!drm_sched)
		return;

	mem = container_of(drm_sched, struct panthor_drm_sched_mem, sched);
	spin_lock(&sched->spare_lock);
	list_add(&mem->node, &sched->spare_scheds);
	spin_unlock(&sched->spare_lock);
}

/**
 * panthor_sched_timestamp_freq() - Frequency of the GPU timestamp
 * @ptdev: device
 *
 * Return: the frequency in Hz, measured at probe where the platform does
 * not tell it.
 */
u64 panthor_sched_timestamp_freq(struct panthor_device *ptdev)
{
	return ptdev->sched->timestamp_freq;
}

/*
 * The timestamp counts the architected timer. Without one to ask (the
 * UML test bed), measure the counter against the CPU's clock. The GPU is
 * powered: this runs from the probe.
 */
static u64 panthor_sched_measure_timestamp(struct panthor_device *ptdev)
{
	u64 freq = panthor_gpu_timestamp_frequency();
	u64 t0, t1, ns;
	ktime_t k0;

	if (freq)
		return freq;

	k0 = ktime_get_raw();
	t0 = panthor_gpu_read_timestamp(ptdev);
	usleep_range(5000, 6000);
	t1 = panthor_gpu_read_timestamp(ptdev);
	ns = ktime_to_ns(ktime_sub(ktime_get_raw(), k0));

	return ns && t1 > t0 ? mul_u64_u64_div_u64(t1 - t0, NSEC_PER_SEC, ns) : 0;
}

/* Ask for a tick now. */
static void panthor_sched_tick_now(struct panthor_sched *sched)
{
	mod_delayed_work(sched->wq, &sched->tick_work, 0);
}

/* Ask for a tick within one period, unless one is due earlier. */
static void panthor_sched_tick_soon(struct panthor_sched *sched)
{
	queue_delayed_work(sched->wq, &sched->tick_work,
			   msecs_to_jiffies(PANTHOR_SCHED_TICK_MS));
}

static bool panthor_group_has_work(struct panthor_group *group)
{
	u32 i;

	for (i = 0; i < group->queue_count; i++) {
		if (panthor_queue_has_work(group->queues[i]))
			return true;
	}

	return false;
}

static void panthor_group_signal_done(struct panthor_group *group)
{
	u32 i;

	for (i = 0; i < group->queue_count; i++)
		panthor_queue_signal_done(group->queues[i]);
}

/* The error the jobs of a stopped queue complete with. */
static int panthor_group_stop_error(struct panthor_group *group, u32 queue)
{
	if (group->ptdev->sched->unplugged)
		return -ENODEV;
	if (group->fatal_queues & BIT(queue))
		return -EINVAL;
	if (group->timedout)
		return -ETIMEDOUT;
	return -ECANCELED;
}

static void panthor_group_stop_queues(struct panthor_group *group)
{
	u32 i;

	for (i = 0; i < group->queue_count; i++)
		panthor_queue_stop(group->queues[i], panthor_group_stop_error(group, i));
}

/* Stop the job timeouts while the group cannot run, and back. */
static void panthor_group_freeze_timeouts(struct panthor_group *group)
{
	u32 i;

	for (i = 0; i < group->queue_count; i++) {
		struct panthor_queue *queue = group->queues[i];

		if (!queue->timeout_frozen) {
			queue->timeout_left = drm_sched_suspend_timeout(queue->sched);
			queue->timeout_frozen = true;
		}
	}
}

static void panthor_group_thaw_timeouts(struct panthor_group *group)
{
	u32 i;

	for (i = 0; i < group->queue_count; i++) {
		struct panthor_queue *queue = group->queues[i];

		if (queue->timeout_frozen) {
			drm_sched_resume_timeout(queue->sched, queue->timeout_left);
			queue->timeout_frozen = false;
		}
	}
}

/*
 * Mark a live group as lost to something it did not cause (a reset, a
 * firmware that stopped answering) and stop it.
 */
static void panthor_group_lose(struct panthor_group *group)
{
	if (!panthor_group_is_dead(group)) {
		WRITE_ONCE(group->timedout, true);
		group->innocent = true;
	}
	group->saved = false;
}

/* ---- Talking to CSG slots ------------------------------------------------ */

/*
 * Make the firmware look at the requests posted on the slots of @mask and
 * wait until it acknowledged @reqs on each. A slot that does not answer
 * means the firmware is in trouble: a reset is scheduled.
 *
 * Return: the slots that did not answer.
 */
static u32 panthor_sched_commit(struct panthor_sched *sched, u32 mask, u32 reqs)
{
	struct panthor_device *ptdev = sched->ptdev;
	unsigned long deadline, slots = mask;
	u32 failed = 0;
	unsigned int slot;

	if (!mask)
		return 0;

	panthor_fw_csg_kick(ptdev, mask);

	deadline = jiffies + msecs_to_jiffies(PANTHOR_SCHED_CSG_TIMEOUT_MS);
	for_each_set_bit(slot, &slots, sched->csg_count) {
		struct panthor_fw_csg_iface *csg = panthor_fw_csg(ptdev, slot);
		long left = max_t(long, (long)deadline - (long)jiffies, 1);

		if (panthor_fw_wait_acked(ptdev, &csg->req, reqs, jiffies_to_msecs(left)))
			failed |= BIT(slot);
	}

	if (failed) {
		drm_err(&ptdev->base, "CSG slots 0x%x did not answer requests 0x%x\n",
			failed, reqs);
		panthor_device_schedule_reset(ptdev);
	}

	return failed;
}

static void panthor_sched_prog_cs(struct panthor_sched *sched, u32 slot,
				  struct panthor_queue *queue)
{
	struct panthor_fw_cs_iface *cs = panthor_fw_cs(sched->ptdev, slot, queue->index);
	struct panthor_csf_cs_input *in = cs->input;
	u64 ring = queue->ring_va;
	u64 user = queue->iface_va;

	WRITE_ONCE(in->ring_base_lo, lower_32_bits(ring));
	WRITE_ONCE(in->ring_base_hi, upper_32_bits(ring));
	WRITE_ONCE(in->ring_size, queue->ring_size);
	WRITE_ONCE(in->user_input_lo, lower_32_bits(user));
	WRITE_ONCE(in->user_input_hi, upper_32_bits(user));
	WRITE_ONCE(in->user_output_lo, lower_32_bits(user + SZ_4K));
	WRITE_ONCE(in->user_output_hi, upper_32_bits(user + SZ_4K));
	WRITE_ONCE(in->config, FIELD_PREP(CSF_CS_CONFIG_PRIORITY, queue->priority) |
			       FIELD_PREP(CSF_CS_CONFIG_DOORBELL, slot + 1));
	WRITE_ONCE(in->ack_irq_mask, ~0u);

	/* A fresh start reads from here; a resume uses the saved position. */
	WRITE_ONCE(queue->input->extract_init, READ_ONCE(queue->output->extract));

	/* Whatever the slot's previous occupant left pending is not ours. */
	panthor_fw_events_ack(&cs->req, CSF_CS_EVENTS);
	panthor_fw_request_level(&cs->req,
				 CSF_CS_STATE | CSF_CS_IDLE_SYNC_WAIT | CSF_CS_IDLE_EMPTY,
				 FIELD_PREP(CSF_CS_STATE, CSF_CS_STATE_START) |
				 CSF_CS_IDLE_SYNC_WAIT | CSF_CS_IDLE_EMPTY);
}

static u32 panthor_sched_ep_req(struct panthor_group *group, u8 priority)
{
	return FIELD_PREP(CSF_CSG_EP_REQ_COMPUTE, group->max_compute_cores) |
	       FIELD_PREP(CSF_CSG_EP_REQ_FRAGMENT, group->max_fragment_cores) |
	       FIELD_PREP(CSF_CSG_EP_REQ_TILER, group->max_tiler_cores) |
	       FIELD_PREP(CSF_CSG_EP_REQ_PRIORITY, priority);
}

/* Post the requests that start (or resume) @group on @slot (§4.9). */
static void panthor_sched_prog_slot(struct panthor_sched *sched, u32 slot,
				    struct panthor_group *group, u8 priority)
{
	struct panthor_device *ptdev = sched->ptdev;
	struct panthor_fw_csg_iface *csg = panthor_fw_csg(ptdev, slot);
	struct panthor_csf_csg_input *in = csg->input;
	u64 suspend = group->suspend_va;
	u64 protm = group->protm_suspend_va;
	u32 cs;

	for (cs = 0; cs < sched->cs_count; cs++) {
		if (cs < group->queue_count)
			panthor_sched_prog_cs(sched, slot, group->queues[cs]);
		else
			panthor_fw_request_level(&panthor_fw_cs(ptdev, slot, cs)->req,
						 CSF_CS_STATE,
						 FIELD_PREP(CSF_CS_STATE, CSF_CS_STATE_STOP));
	}

	WRITE_ONCE(in->allow_compute_lo, lower_32_bits(group->compute_core_mask));
	WRITE_ONCE(in->allow_compute_hi, upper_32_bits(group->compute_core_mask));
	WRITE_ONCE(in->allow_fragment_lo, lower_32_bits(group->fragment_core_mask));
	WRITE_ONCE(in->allow_fragment_hi, upper_32_bits(group->fragment_core_mask));
	WRITE_ONCE(in->allow_other, lower_32_bits(group->tiler_core_mask));
	WRITE_ONCE(in->ep_req, panthor_sched_ep_req(group, priority));
	WRITE_ONCE(in->config, panthor_vm_as(group->vm));
	WRITE_ONCE(in->suspend_buf_lo, lower_32_bits(suspend));
	WRITE_ONCE(in->suspend_buf_hi, upper_32_bits(suspend));
	WRITE_ONCE(in->protm_suspend_buf_lo, lower_32_bits(protm));
	WRITE_ONCE(in->protm_suspend_buf_hi, upper_32_bits(protm));
	WRITE_ONCE(in->ack_irq_mask, ~0u);

	panthor_fw_events_ack(&csg->req, CSF_CSG_EVENTS);
	panthor_fw_events_ack(&csg->irq, GENMASK(sched->cs_count - 1, 0));
	panthor_fw_request_toggle(&csg->db, GENMASK(group->queue_count - 1, 0));
	panthor_fw_request_level(&csg->req, CSF_CSG_STATE,
				 FIELD_PREP(CSF_CSG_STATE, group->saved ?
					    CSF_CSG_STATE_RESUME : CSF_CSG_STATE_START));
	panthor_fw_request_toggle(&csg->req, CSF_CSG_ENDPOINT_CONFIG);
}

/* Post a new CSG priority for a group that stays on its slot. */
static void panthor_sched_reprioritize(struct panthor_sched *sched, u32 slot,
				       u8 priority)
{
	struct panthor_fw_csg_iface *csg = panthor_fw_csg(sched->ptdev, slot);

	WRITE_ONCE(csg->input->ep_req, panthor_sched_ep_req(sched->slots[slot], priority));
	panthor_fw_request_toggle(&csg->req, CSF_CSG_ENDPOINT_CONFIG);
}

/* Post SUSPEND, or TERMINATE for a group whose state is worthless. */
static void panthor_sched_post_evict(struct panthor_sched *sched, u32 slot)
{
	struct panthor_group *group = sched->slots[slot];
	u32 state = panthor_group_is_dead(group) ? CSF_CSG_STATE_TERMINATE :
						   CSF_CSG_STATE_SUSPEND;

	panthor_fw_request_level(&panthor_fw_csg(sched->ptdev, slot)->req,
				 CSF_CSG_STATE, FIELD_PREP(CSF_CSG_STATE, state));
}

/* ---- Firmware events ----------------------------------------------------- */

static void panthor_sched_cs_fatal(struct panthor_sched *sched,
				   struct panthor_group *group, u32 slot, u32 cs_idx)
{
	struct panthor_device *ptdev = sched->ptdev;
	const struct panthor_csf_cs_output *out = panthor_fw_cs(ptdev, slot, cs_idx)->output;
	u32 fatal = READ_ONCE(out->fatal);
	u32 type = FIELD_GET(CSF_CS_EXCEPTION_TYPE, fatal);

	drm_warn(&ptdev->base, "CSG %u CS %u: fatal error 0x%02x (data 0x%06lx, info 0x%08x%08x)\n",
		 slot, cs_idx, type, FIELD_GET(CSF_CS_EXCEPTION_DATA, fatal),
		 READ_ONCE(out->fatal_info_hi), READ_ONCE(out->fatal_info_lo));

	if (group)
		group->fatal_queues |= BIT(cs_idx);

	/* The firmware itself is no longer to be trusted. */
	if (type == PANTHOR_CS_EXC_UNRECOVERABLE)
		panthor_device_schedule_reset(ptdev);
}

static void panthor_sched_cs_fault(struct panthor_sched *sched, u32 slot, u32 cs_idx)
{
	const struct panthor_csf_cs_output *out =
		panthor_fw_cs(sched->ptdev, slot, cs_idx)->output;
	u32 fault = READ_ONCE(out->fault);

	/*
	 * The stream goes on once acknowledged; the error propagates into
	 * the job's sync object, which fails the job's fence.
	 */
	drm_dbg(&sched->ptdev->base, "CSG %u CS %u: fault 0x%02lx (data 0x%06lx, info 0x%08x%08x)\n",
		slot, cs_idx, FIELD_GET(CSF_CS_EXCEPTION_TYPE, fault),
		FIELD_GET(CSF_CS_EXCEPTION_DATA, fault),
		READ_ONCE(out->fault_info_hi), READ_ONCE(out->fault_info_lo));
}

/* Answer a TILER_OOM: a new chunk, or 0 to let the firmware cope. */
static void panthor_sched_tiler_oom(struct panthor_sched *sched,
				    struct panthor_group *group, u32 slot, u32 cs_idx)
{
	struct panthor_fw_cs_iface *cs = panthor_fw_cs(sched->ptdev, slot, cs_idx);
	const struct panthor_csf_cs_output *out = cs->output;
	u64 ctx = ((u64)READ_ONCE(out->heap_address_hi) << 32) |
		  READ_ONCE(out->heap_address_lo);
	u32 vt_start = READ_ONCE(out->heap_vt_start);
	u32 vt_end = READ_ONCE(out->heap_vt_end);
	u32 frag_end = READ_ONCE(out->heap_frag_end);
	u64 chunk = 0;
	int ret = -EINVAL;

	/* Counters that make no sense say the stream lost track of its heap. */
	if (group && frag_end <= vt_end && vt_end < vt_start)
		ret = panthor_heap_grow(group->heaps, group->vm_id, group->vm, ctx,
					vt_start - frag_end, &chunk);

	if (ret && group) {
		drm_dbg(&sched->ptdev->base, "CSG %u CS %u: tiler OOM on heap 0x%llx (%u/%u/%u) cannot be served\n",
			slot, cs_idx, ctx, vt_start, vt_end, frag_end);
		group->fatal_queues |= BIT(cs_idx);
	}

	WRITE_ONCE(cs->input->heap_start_lo, lower_32_bits(chunk));
	WRITE_ONCE(cs->input->heap_start_hi, upper_32_bits(chunk));
	WRITE_ONCE(cs->input->heap_end_lo, lower_32_bits(chunk));
	WRITE_ONCE(cs->input->heap_end_hi, upper_32_bits(chunk));
}

/*
 * Handle what the streams of @slot raised. Returns the streams whose
 * answer the firmware must be told about.
 */
static u32 panthor_sched_cs_events(struct panthor_sched *sched,
				   struct panthor_group *group, u32 slot, u32 streams)
{
	unsigned long pending = streams;
	u32 answered = 0;
	unsigned int k;

	for_each_set_bit(k, &pending, sched->cs_count) {
		struct panthor_fw_cs_iface *cs = panthor_fw_cs(sched->ptdev, slot, k);
		u32 events = panthor_fw_events_pending(&cs->req, CSF_CS_EVENTS);

		if (events & CSF_CS_FATAL)
			panthor_sched_cs_fatal(sched, group, slot, k);
		if (events & CSF_CS_FAULT) {
			panthor_sched_cs_fault(sched, slot, k);
			answered |= BIT(k);
		}
		if (events & CSF_CS_TILER_OOM) {
			panthor_sched_tiler_oom(sched, group, slot, k);
			answered |= BIT(k);
		}

		panthor_fw_events_ack(&cs->req, events);
	}

	return answered;
}

/* Off-slot groups blocked on a sync object may be able to run now. */
static void panthor_sched_unblock_waiters(struct panthor_sched *sched)
{
	struct panthor_group *group;
	bool any = false;

	list_for_each_entry(group, &sched->groups, node) {
		if (group->blocked && group->csg_slot < 0) {
			group->blocked = false;
			any = true;
		}
	}

	if (any)
		panthor_sched_tick_soon(sched);
}

/* Everything the firmware has to say about one slot (§4.8). */
static void panthor_sched_slot_events(struct panthor_sched *sched, u32 slot)
{
	struct panthor_device *ptdev = sched->ptdev;
	struct panthor_fw_csg_iface *csg = panthor_fw_csg(ptdev, slot);
	struct panthor_group *group = sched->slots[slot];
	u32 streams, events, answered;

	lockdep_assert_held(&sched->lock);

	/* Acknowledge the stream bits first, so no new one is missed. */
	streams = panthor_fw_events_ack(&csg->irq, GENMASK(sched->cs_count - 1, 0));
	events = panthor_fw_events_ack(&csg->req, CSF_CSG_EVENTS);

	answered = panthor_sched_cs_events(sched, group, slot, streams);
	if (answered && group)
		panthor_fw_cs_kick(ptdev, slot, answered);

	if (!group)
		return;

	panthor_group_signal_done(group);

	if (events & CSF_CSG_SYNC_UPDATE)
		panthor_sched_unblock_waiters(sched);

	if (events & CSF_CSG_PROGRESS_TIMER_EVENT && !panthor_group_is_dead(group)) {
		drm_warn(&ptdev->base, "CSG %u: group made no progress, stopping it\n", slot);
		WRITE_ONCE(group->timedout, true);
	}

	/*
	 * An idle group with work is blocked on a sync object: that only
	 * matters when groups compete for slots, and then ticks run anyway.
	 */
	if (panthor_group_is_dead(group))
		panthor_sched_tick_now(sched);
	else if (events & CSF_CSG_IDLE && !panthor_group_has_work(group))
		panthor_sched_tick_soon(sched);
}

static void panthor_sched_event_work(struct work_struct *work)
{
	struct panthor_sched *sched = container_of(work, struct panthor_sched, event_work);
	unsigned long pending = atomic_xchg(&sched->csg_events, 0);
	unsigned int slot;

	mutex_lock(&sched->lock);
	for_each_set_bit(slot, &pending, sched->csg_count)
		panthor_sched_slot_events(sched, slot);
	mutex_unlock(&sched->lock);
}

/* JOB interrupt thread: note the slots and leave the work to event_work. */
static void panthor_sched_fw_events(struct panthor_device *ptdev, u32 csg_slots,
				    u32 glb_events)
{
	struct panthor_sched *sched = ptdev->sched;

	if (csg_slots) {
		atomic_or(csg_slots, &sched->csg_events);
		queue_work(sched->wq, &sched->event_work);
	}

	/* The whole GPU went idle: groups without work can leave. */
	if (glb_events & CSF_GLB_IDLE)
		panthor_sched_tick_soon(sched);
}

/* MMU interrupt thread: the VM's groups are stopped by the next tick. */
static void panthor_sched_vm_fault(struct panthor_device *ptdev, struct panthor_vm *vm)
{
	panthor_sched_tick_now(ptdev->sched);
}

/* ---- Residency ----------------------------------------------------------- */

/* @group got @slot: make it visible and let its jobs' clocks run. */
static void panthor_sched_attach(struct panthor_sched *sched, u32 slot,
				 struct panthor_group *group, u8 priority)
{
	panthor_group_get(group);
	sched->slots[slot] = group;
	sched->slot_priority[slot] = priority;
	group->stamp = sched->tick_count;
	group->blocked = false;
	WRITE_ONCE(group->csg_slot, slot);
	/*
	 * Pairs with the barrier in panthor_sched_group_kick(): a job that
	 * saw no slot wrote its INSERT before the slot was set, so the
	 * stream's start, which comes after, reads it.
	 */
	smp_mb();
	panthor_group_thaw_timeouts(group);
}

/* @group leaves its slot; @saved says whether its state was saved. */
static void panthor_sched_detach(struct panthor_sched *sched, u32 slot, bool saved)
{
	struct panthor_device *ptdev = sched->ptdev;
	struct panthor_group *group = sched->slots[slot];
	u32 cs;

	/* Events raised before it left still concern it. */
	panthor_sched_slot_events(sched, slot);

	for (cs = 0; cs < group->queue_count; cs++)
		panthor_fw_request_level(&panthor_fw_cs(ptdev, slot, cs)->req, CSF_CS_STATE,
					 FIELD_PREP(CSF_CS_STATE, CSF_CS_STATE_STOP));

	sched->slots[slot] = NULL;
	WRITE_ONCE(group->csg_slot, -1);
	panthor_vm_idle(group->vm);

	if (!saved)
		panthor_group_lose(group);
	else
		group->saved = true;

	if (panthor_group_is_dead(group))
		panthor_group_stop_queues(group);
	else
		panthor_group_freeze_timeouts(group);

	panthor_group_put(group);
}

/*
 * Take the groups of @mask off their slots: save them, or discard the
 * dead ones. Groups whose slot does not answer are lost.
 */
static void panthor_sched_evict(struct panthor_sched *sched, u32 mask)
{
	unsigned long slots = mask;
	unsigned int slot;
	bool flush = false;
	u32 failed;

	for_each_set_bit(slot, &slots, sched->csg_count)
		panthor_sched_post_evict(sched, slot);

	failed = panthor_sched_commit(sched, mask, CSF_CSG_STATE);

	for_each_set_bit(slot, &slots, sched->csg_count) {
		if (!(failed & BIT(slot)) && !panthor_group_is_dead(sched->slots[slot]))
			flush = true;
	}

	/* What the firmware saved must be in memory before anyone reads it. */
	if (flush && panthor_gpu_flush_caches(sched->ptdev, GPU_FLUSH_MODE_CLEAN,
					      GPU_FLUSH_MODE_CLEAN, 0))
		panthor_device_schedule_reset(sched->ptdev);

	for_each_set_bit(slot, &slots, sched->csg_count) {
		bool saved = !(failed & BIT(slot)) &&
			     !panthor_group_is_dead(sched->slots[slot]);

		panthor_sched_detach(sched, slot, saved);
	}
}

static int panthor_sched_free_slot(struct panthor_sched *sched)
{
	u32 slot;

	for (slot = 0; slot < sched->csg_count; slot++) {
		if (!sched->slots[slot])
			return slot;
	}

	return -1;
}

/* Everything resident now, as a slot mask. */
static u32 panthor_sched_resident_mask(struct panthor_sched *sched)
{
	u32 slot, mask = 0;

	for (slot = 0; slot < sched->csg_count; slot++) {
		if (sched->slots[slot])
			mask |= BIT(slot);
	}

	return mask;
}

/* ---- The tick ------------------------------------------------------------ */

/*
 * Ask for fresh status of the resident groups and note which are blocked.
 * Return: false if the firmware did not answer.
 */
static bool panthor_sched_refresh(struct panthor_sched *sched)
{
	u32 mask = panthor_sched_resident_mask(sched), slot;
	unsigned long slots = mask;

	for_each_set_bit(slot, &slots, sched->csg_count)
		panthor_fw_request_toggle(&panthor_fw_csg(sched->ptdev, slot)->req,
					  CSF_CSG_STATUS_UPDATE);

	if (panthor_sched_commit(sched, mask, CSF_CSG_STATUS_UPDATE))
		return false;

	for_each_set_bit(slot, &slots, sched->csg_count) {
		struct panthor_group *group = sched->slots[slot];
		const struct panthor_csf_csg_output *out =
			panthor_fw_csg(sched->ptdev, slot)->output;

		panthor_sched_slot_events(sched, slot);
		group->blocked = (READ_ONCE(out->status_state) & CSF_CSG_STATUS_STATE_IDLE) &&
				 panthor_group_has_work(group);
	}

	return true;
}

/* Groups whose VM took an MMU fault cannot run any more. */
static void panthor_sched_check_vm(struct panthor_group *group)
{
	if (panthor_group_is_dead(group) || !panthor_vm_is_unusable(group->vm))
		return;

	drm_dbg(&group->ptdev->base, "group stopped: its VM took an MMU fault\n");
	group->fatal_queues = GENMASK(group->queue_count - 1, 0);
}

/* Fences, faults, and the fate of groups that may not run any more. */
static void panthor_sched_update_groups(struct panthor_sched *sched)
{
	struct panthor_group *group;
	u32 slot;

	for (slot = 0; slot < sched->csg_count; slot++) {
		if (sched->slots[slot])
			panthor_sched_check_vm(sched->slots[slot]);
	}

	list_for_each_entry(group, &sched->groups, node) {
		panthor_group_signal_done(group);
		panthor_sched_check_vm(group);
		if (panthor_group_is_dead(group) && group->csg_slot < 0)
			panthor_group_stop_queues(group);
		else if (group->blocked && group->csg_slot < 0 &&
			 !(sched->tick_count % PANTHOR_SCHED_BLOCKED_RECHECK))
			group->blocked = false;
	}
}

/* Candidates: live groups that have work, and live residents. */
static unsigned int panthor_sched_candidates(struct panthor_sched *sched,
					     struct panthor_sched_candidate *cands,
					     struct panthor_group **groups,
					     unsigned int max)
{
	struct panthor_group *group;
	unsigned int n = 0;

	list_for_each_entry(group, &sched->groups, node) {
		if (n == max)
			break;
		if (panthor_group_is_dead(group) || !panthor_group_has_work(group))
			continue;

		cands[n] = (struct panthor_sched_candidate) {
			.id = n,
			.priority = group->priority,
			.resident = group->csg_slot >= 0,
			.blocked = group->blocked,
			.vm_key = (unsigned long)group->vm,
			.stamp = group->stamp,
		};
		groups[n++] = group;
	}

	return n;
}

/* Start the picked groups that are not resident yet, on free slots. */
static void panthor_sched_place(struct panthor_sched *sched,
				struct panthor_sched_candidate *cands,
				struct panthor_group **groups, unsigned int n)
{
	unsigned long failed_slots;
	u32 mask = 0, failed, slot;
	unsigned int i;

	/* Most deserving first, so that they get the free slots. */
	for (i = 0; i < n; i++) {
		struct panthor_group *group = groups[cands[i].id];
		int free;

		if (!cands[i].picked)
			continue;

		if (group->csg_slot >= 0) {
			slot = group->csg_slot;
			if (sched->slot_priority[slot] != cands[i].slot_priority) {
				panthor_sched_reprioritize(sched, slot, cands[i].slot_priority);
				sched->slot_priority[slot] = cands[i].slot_priority;
				mask |= BIT(slot);
			}
			continue;
		}

		free = panthor_sched_free_slot(sched);
		if (free < 0 || panthor_vm_active(group->vm))
			continue;

		panthor_sched_prog_slot(sched, free, group, cands[i].slot_priority);
		panthor_sched_attach(sched, free, group, cands[i].slot_priority);
		mask |= BIT(free);
	}

	/*
	 * A slot that did not answer is in no known state: asking it to
	 * suspend could even look acknowledged, its stale ACK matching the
	 * request. The reset that is coming discards it; its group is lost.
	 */
	failed = panthor_sched_commit(sched, mask, CSF_CSG_STATE | CSF_CSG_ENDPOINT_CONFIG);
	failed_slots = failed;
	for_each_set_bit(slot, &failed_slots, sched->csg_count)
		panthor_sched_detach(sched, slot, false);
}

/* Is a live group with jobs in its rings off-slot? */
static bool panthor_sched_work_waiting(struct panthor_sched *sched)
{
	struct panthor_group *group;

	list_for_each_entry(group, &sched->groups, node) {
		if (group->csg_slot < 0 && !panthor_group_is_dead(group) &&
		    panthor_group_has_work(group))
			return true;
	}

	return false;
}

static void panthor_sched_tick(struct panthor_sched *sched)
{
	unsigned int count = 0, busy = 0, n, slot;
	struct panthor_sched_candidate *cands;
	struct panthor_group **groups;
	struct panthor_group *group;
	u32 evict = 0;
	bool rotate;

	lockdep_assert_held(&sched->lock);

	sched->tick_count++;
	panthor_sched_update_groups(sched);

	list_for_each_entry(group, &sched->groups, node) {
		count++;
		if (!panthor_group_is_dead(group) && panthor_group_has_work(group))
			busy++;
	}

	/*
	 * Which groups are blocked only matters when they compete for slots;
	 * asking the firmware costs a round trip, so only ask then.
	 */
	if (busy > min(sched->csg_count, sched->as_slots) &&
	    !panthor_sched_refresh(sched))
		return;

	cands = kcalloc(count, sizeof(*cands), GFP_KERNEL);
	groups = kcalloc(count, sizeof(*groups), GFP_KERNEL);
	if (count && (!cands || !groups)) {
		panthor_sched_tick_soon(sched);
		goto out_free;
	}

	n = panthor_sched_candidates(sched, cands, groups, count);
	rotate = time_after_eq(jiffies, sched->next_rotation);
	panthor_sched_pick(cands, n, sched->csg_count, sched->as_slots, rotate);

	for (slot = 0; slot < sched->csg_count; slot++) {
		unsigned int i;

		group = sched->slots[slot];
		if (!group)
			continue;

		for (i = 0; i < n && groups[cands[i].id] != group; i++)
			;
		if (i == n || !cands[i].picked)
			evict |= BIT(slot);
	}

	panthor_sched_evict(sched, evict);
	panthor_sched_place(sched, cands, groups, n);

	if (rotate)
		sched->next_rotation = jiffies + msecs_to_jiffies(PANTHOR_SCHED_TICK_MS);

	/*
	 * Groups with work left off-slot: contention, no room for their VM,
	 * or a job that reached a group's ring while the group was being
	 * suspended (its doorbell went to a slot it was leaving). Look again
	 * after a time slice.
	 */
	if (panthor_sched_work_waiting(sched))
		panthor_sched_tick_soon(sched);

out_free:
	kfree(groups);
	kfree(cands);
}

/* Does anything need the GPU: a group with work, or a resident one? */
static bool panthor_sched_wants_gpu(struct panthor_sched *sched)
{
	struct panthor_group *group;

	if (panthor_sched_resident_mask(sched))
		return true;

	list_for_each_entry(group, &sched->groups, node) {
		if (!panthor_group_is_dead(group) && panthor_group_has_work(group))
			return true;
	}

	return false;
}

/*
 * Keep one runtime PM reference while a slot is occupied. Returns true if
 * the reference must be dropped, which the caller does after unlocking.
 */
static bool panthor_sched_update_pm(struct panthor_sched *sched)
{
	bool resident = panthor_sched_resident_mask(sched);

	if (resident && !sched->pm_held) {
		pm_runtime_get_noresume(sched->ptdev->base.dev);
		sched->pm_held = true;
	} else if (!resident && sched->pm_held) {
		sched->pm_held = false;
		return true;
	}

	return false;
}

static void panthor_sched_pm_put(struct panthor_sched *sched)
{
	pm_runtime_mark_last_busy(sched->ptdev->base.dev);
	pm_runtime_put_autosuspend(sched->ptdev->base.dev);
}

static bool panthor_sched_stopped(struct panthor_sched *sched)
{
	return sched->suspended || sched->resetting || sched->unplugged;
}

static void panthor_sched_tick_work(struct work_struct *work)
{
	struct panthor_sched *sched = container_of(to_delayed_work(work),
						   struct panthor_sched, tick_work);
	struct device *dev = sched->ptdev->base.dev;
	bool wants, drop = false;

	mutex_lock(&sched->lock);
	panthor_sched_update_groups(sched);
	wants = !sched->unplugged && !sched->resetting && panthor_sched_wants_gpu(sched);
	mutex_unlock(&sched->lock);

	if (!wants || pm_runtime_resume_and_get(dev))
		return;

	mutex_lock(&sched->lock);
	if (!panthor_sched_stopped(sched))
		panthor_sched_tick(sched);
	drop = panthor_sched_update_pm(sched);
	mutex_unlock(&sched->lock);

	if (drop)
		panthor_sched_pm_put(sched);
	panthor_sched_pm_put(sched);
}

/* ---- Entry points for groups --------------------------------------------- */

/**
 * panthor_sched_group_kick() - A group has new work in a ring
 * @group: group
 *
 * Called after INSERT moved. A resident group's doorbell is rung (the
 * slot may change under us: a stale doorbell only makes the firmware look
 * at a ring for nothing); otherwise the tick will find the group a slot,
 * and the stream reads INSERT when it starts there.
 */
void panthor_sched_group_kick(struct panthor_group *group)
{
	struct panthor_device *ptdev = group->ptdev;
	struct device *dev = ptdev->base.dev;
	int slot;

	/* INSERT is written: see panthor_sched_attach(). */
	smp_mb();
	slot = READ_ONCE(group->csg_slot);

	if (slot < 0) {
		panthor_sched_tick_now(ptdev->sched);
		return;
	}

	/* Never touch a GPU that is powering down. */
	if (!panthor_device_pm_get_if_powered(ptdev)) {
		panthor_sched_tick_now(ptdev->sched);
		return;
	}

	panthor_fw_ring_doorbell(ptdev, slot + 1);
	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);
}

/**
 * panthor_sched_add_group() - Make a new group known to the scheduler
 * @group: group
 */
void panthor_sched_add_group(struct panthor_group *group)
{
	struct panthor_sched *sched = group->ptdev->sched;

	mutex_lock(&sched->lock);
	list_add_tail(&group->node, &sched->groups);
	if (sched->unplugged)
		panthor_group_stop_queues(group);
	mutex_unlock(&sched->lock);
}

/**
 * panthor_sched_destroy_group() - A group is destroyed
 * @group: group
 *
 * Its jobs in flight fail with -ECANCELED; a resident group is taken off
 * its slot by the next tick, and its jobs fail then.
 */
void panthor_sched_destroy_group(struct panthor_group *group)
{
	struct panthor_sched *sched = group->ptdev->sched;

	mutex_lock(&sched->lock);
	list_del_init(&group->node);
	WRITE_ONCE(group->destroyed, true);
	if (group->csg_slot < 0)
		panthor_group_stop_queues(group);
	else
		panthor_sched_tick_now(sched);
	mutex_unlock(&sched->lock);
}

/**
 * panthor_sched_group_timedout() - A job of the group did not complete
 * @group: group
 *
 * The group may not run any more. It is taken off its slot (the GPU is
 * reset if it does not leave) and every job in its rings has failed with
 * -ETIMEDOUT when this returns.
 */
void panthor_sched_group_timedout(struct panthor_group *group)
{
	struct panthor_sched *sched = group->ptdev->sched;

	mutex_lock(&sched->lock);
	if (!panthor_group_is_dead(group)) {
		drm_warn(&group->ptdev->base, "job timeout, stopping the group\n");
		WRITE_ONCE(group->timedout, true);
	}

	if (group->csg_slot >= 0)
		panthor_sched_evict(sched, BIT(group->csg_slot));
	else
		panthor_group_stop_queues(group);
	mutex_unlock(&sched->lock);
}

/**
 * panthor_sched_group_state() - What GROUP_GET_STATE reports
 * @group: group
 * @state: set to DRM_PANTHOR_GROUP_STATE_* flags
 * @fatal_queues: set to the queues that took a fatal error
 */
void panthor_sched_group_state(struct panthor_group *group, u32 *state,
			       u32 *fatal_queues)
{
	struct panthor_sched *sched = group->ptdev->sched;

	mutex_lock(&sched->lock);
	*state = 0;
	if (group->timedout)
		*state |= DRM_PANTHOR_GROUP_STATE_TIMEDOUT;
	if (group->fatal_queues)
		*state |= DRM_PANTHOR_GROUP_STATE_FATAL_FAULT;
	else if (group->timedout && group->innocent)
		*state |= DRM_PANTHOR_GROUP_STATE_INNOCENT;
	*fatal_queues = group->fatal_queues;
	mutex_unlock(&sched->lock);
}

/* ---- Power management and reset ------------------------------------------ */

/* Take every group off its slot; @saved: try to save them first. */
static void panthor_sched_evict_all(struct panthor_sched *sched)
{
	panthor_sched_evict(sched, panthor_sched_resident_mask(sched));
}

void panthor_sched_suspend(struct panthor_device *ptdev)
{
	struct panthor_sched *sched = ptdev->sched;

	mutex_lock(&sched->lock);
	sched->suspended = true;
	panthor_sched_evict_all(sched);
	mutex_unlock(&sched->lock);
}

void panthor_sched_resume(struct panthor_device *ptdev)
{
	struct panthor_sched *sched = ptdev->sched;

	mutex_lock(&sched->lock);
	sched->suspended = false;
	mutex_unlock(&sched->lock);

	panthor_sched_tick_now(sched);
}

void panthor_sched_pre_reset(struct panthor_device *ptdev)
{
	struct panthor_sched *sched = ptdev->sched;

	mutex_lock(&sched->lock);
	sched->resetting = true;
	/* The firmware may still answer: groups it saves survive the reset. */
	panthor_sched_evict_all(sched);
	mutex_unlock(&sched->lock);
}

void panthor_sched_post_reset(struct panthor_device *ptdev, bool ok)
{
	struct panthor_sched *sched = ptdev->sched;
	struct panthor_group *group;

	mutex_lock(&sched->lock);
	sched->resetting = false;
	if (!ok) {
		/* No firmware to run them on: every group is lost. */
		list_for_each_entry(group, &sched->groups, node) {
			panthor_group_lose(group);
			panthor_group_stop_queues(group);
		}
	}
	mutex_unlock(&sched->lock);

	panthor_sched_tick_now(sched);
}

/* ---- Life cycle ---------------------------------------------------------- */

static void panthor_sched_unplug(void *data)
{
	struct panthor_device *ptdev = data;
	struct panthor_sched *sched = ptdev->sched;
	struct panthor_group *group;
	bool drop;

	panthor_fw_set_event_handler(ptdev, NULL);
	panthor_mmu_set_fault_handler(ptdev, NULL);

	mutex_lock(&sched->lock);
	sched->unplugged = true;
	/* The device is powered for its removal: the firmware still runs. */
	panthor_sched_evict_all(sched);
	/* From now on every job fails with -ENODEV. */
	list_for_each_entry(group, &sched->groups, node)
		panthor_group_stop_queues(group);
	drop = panthor_sched_update_pm(sched);
	mutex_unlock(&sched->lock);

	cancel_delayed_work_sync(&sched->tick_work);
	cancel_work_sync(&sched->event_work);

	if (drop)
		pm_runtime_put_noidle(ptdev->base.dev);
}

/* Once the DRM device is released, no group is left to use them. */
static void panthor_sched_release(struct drm_device *ddev, void *data)
{
	struct panthor_sched *sched = data;
	struct panthor_drm_sched_mem *mem, *tmp;

	destroy_workqueue(sched->queue_wq);
	destroy_workqueue(sched->wq);

	list_for_each_entry_safe(mem, tmp, &sched->spare_scheds, node)
		kfree(mem);
}

int panthor_sched_init(struct panthor_device *ptdev)
{
	struct drm_panthor_csif_info csif;
	struct panthor_sched *sched;
	int ret;

	sched = drmm_kzalloc(&ptdev->base, sizeof(*sched), GFP_KERNEL);
	if (!sched)
		return -ENOMEM;

	ret = drmm_mutex_init(&ptdev->base, &sched->lock);
	if (ret)
		return ret;

	panthor_fw_csif_info(ptdev, &csif);
	sched->ptdev = ptdev;
	sched->csg_count = min_t(u32, csif.csg_slot_count, CSF_MAX_CSG_SLOTS);
	sched->cs_count = csif.cs_slot_count;
	sched->as_slots = hweight32(panthor_gpu_info(ptdev)->as_present) - 1;
	sched->timestamp_freq = panthor_sched_measure_timestamp(ptdev);
	sched->next_rotation = jiffies;
	INIT_LIST_HEAD(&sched->groups);
	INIT_LIST_HEAD(&sched->spare_scheds);
	spin_lock_init(&sched->spare_lock);
	INIT_DELAYED_WORK(&sched->tick_work, panthor_sched_tick_work);
	INIT_WORK(&sched->event_work, panthor_sched_event_work);

	/* Both signal fences: they must make progress under memory pressure. */
	sched->wq = alloc_ordered_workqueue("panthor-sched", WQ_MEM_RECLAIM);
	sched->queue_wq = alloc_workqueue("panthor-queues", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	if (!sched->wq || !sched->queue_wq) {
		if (sched->queue_wq)
			destroy_workqueue(sched->queue_wq);
		if (sched->wq)
			destroy_workqueue(sched->wq);
		return -ENOMEM;
	}

	ret = drmm_add_action_or_reset(&ptdev->base, panthor_sched_release, sched);
	if (ret)
		return ret;

	ptdev->sched = sched;
	panthor_fw_set_event_handler(ptdev, panthor_sched_fw_events);
	panthor_mmu_set_fault_handler(ptdev, panthor_sched_vm_fault);

	return devm_add_action_or_reset(ptdev->base.dev, panthor_sched_unplug, ptdev);
}
