// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor firmware block.
 *
 * The GPU's command streams are scheduled by firmware running on the MCU,
 * a microcontroller inside the GPU that sees memory through address space 0
 * (the "MCU VM"). This file:
 *
 * - loads the firmware image named after the GPU's architecture, checks it
 *   (panthor_fw_parse.c) and copies its sections into kernel BOs mapped in
 *   the MCU VM at the addresses and with the permissions the image asks;
 * - boots the MCU and waits for the firmware to say it runs (JOB IRQ bit
 *   31), then validates the interface it laid out in the shared section and
 *   configures the global interface;
 * - implements the REQ/ACK handshake and the doorbell kicks the scheduler
 *   builds on (see panthor_fw.h);
 * - pings the firmware every few seconds and asks for a GPU reset when it
 *   stops answering;
 * - halts the MCU before suspend and restarts it afterwards, from its
 *   preserved memory when the halt was clean ("fast" boot) or from the
 *   image otherwise ("slow" boot, also the way back from a reset).
 */

#include <linux/bitfield.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/iopoll.h>
#include <linux/jiffies.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <drm/drm_managed.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_fw.h"
#include "panthor_fw_parse.h"
#include "panthor_fw_regs.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_gpu_regs.h"
#include "panthor_mmu.h"

/* How long the firmware may take to boot before we call it dead. */
#define PANTHOR_FW_BOOT_TIMEOUT_MS		1000
#define PANTHOR_FW_BOOT_POLL_MS			10
/* How long a global request (configuration, ping) may stay unanswered. */
#define PANTHOR_FW_GLB_REQ_TIMEOUT_MS		100
/* How long the MCU may take to halt or stop, and how often to look. */
#define PANTHOR_FW_MCU_STOP_TIMEOUT_US		(100 * USEC_PER_MSEC)
#define PANTHOR_FW_MCU_POLL_US			10

/* The watchdog pings the firmware this often. */
#define PANTHOR_FW_PING_PERIOD_MS		12000

/*
 * Global timers. Cores power down 10 ms after they fall idle, the GPU is
 * declared idle after 800 us without work, and a group that makes no
 * progress for 5e9 GPU cycles (5 s at 1 GHz, the fastest G610 OPP; longer
 * at lower clocks) is reported stuck.
 */
#define PANTHOR_FW_PWROFF_DELAY_US		10000
#define PANTHOR_FW_IDLE_DELAY_US		800
#define PANTHOR_FW_PROGRESS_TIMEOUT_CYCLES	5000000000ull

/*
 * The global requests the first configuration waits for. COUNTER_ENABLE
 * makes the firmware propagate the GPU timestamp to the shader cores, so
 * that timestamps read by shaders agree with the ones the command streams
 * and the host see (uAPI 1.6).
 */
#define PANTHOR_FW_GLB_CONFIG_REQS \
	(CSF_GLB_CFG_ALLOC_EN | CSF_GLB_CFG_PWROFF_TIMER | \
	 CSF_GLB_CFG_PROGRESS_TIMER | CSF_GLB_IDLE_ENABLE | \
	 CSF_GLB_COUNTER_ENABLE)

/* The global requests whose value is a level, not a toggle. */
#define PANTHOR_FW_GLB_CONFIG_LEVELS \
	(CSF_GLB_IDLE_ENABLE | CSF_GLB_COUNTER_ENABLE)

/**
 * struct panthor_fw - Firmware block state
 */
struct panthor_fw {
	/** @ptdev: the device */
	struct panthor_device *ptdev;

	/** @irq: the "job" interrupt line, the firmware's voice */
	struct panthor_irq irq;

	/** @image: the firmware file, kept for reloads */
	const struct firmware *image;
	/** @desc: what @image holds */
	struct panthor_fw_image_desc *desc;

	/** @vm: the MCU's address space (AS0) */
	struct panthor_vm *vm;
	/** @vm_active: @vm is made resident by panthor_vm_active() */
	bool vm_active;
	/** @sections: one kernel BO per section of @desc, same order */
	struct panthor_kernel_bo *sections[PANTHOR_FW_MAX_SECTIONS];
	/** @shared: CPU address of the shared interface section */
	void *shared;

	/** @layout: where the firmware put the interface blocks */
	struct panthor_csf_layout *layout;
	/** @glb: the global interface */
	struct panthor_fw_glb_iface glb;
	/** @csg: the CSG slots, @layout->csg_count of them */
	struct panthor_fw_csg_iface *csg;
	/**
	 * @iface_ready: @glb and @csg point at a validated interface; set
	 * once, read by the interrupt handler
	 */
	bool iface_ready;

	/** @booted: the firmware raised its interrupt since the MCU started */
	bool booted;
	/** @running: the MCU runs the configured firmware */
	bool running;
	/** @fast_boot_ok: the last stop was a clean halt */
	bool fast_boot_ok;
	/** @event_wq: woken at every JOB interrupt */
	wait_queue_head_t event_wq;

	/** @event_handler: told about CSG and global events, may be NULL */
	panthor_fw_event_handler_t event_handler;

	/** @watchdog: pings the firmware periodically */
	struct delayed_work watchdog;

	/** @timer_freq: frequency of the source of the global timers */
	u64 timer_freq;
	/** @timer_source: CSF_TIMER_SOURCE_* matching @timer_freq */
	u32 timer_source;
};

/* ---- REQ/ACK handshake ------------------------------------------------------ */

static void panthor_fw_handshake_init(struct panthor_fw_handshake *hs,
				      u32 *host, const u32 *fw)
{
	hs->host = host;
	hs->fw = fw;
	spin_lock_init(&hs->lock);
}

/**
 * panthor_fw_request_toggle() - Post toggle requests
 * @hs: handshake
 * @mask: request bits to make pending
 *
 * Each bit of @mask becomes the opposite of the firmware's bit, so it is
 * pending until the firmware copies it; a bit that is already pending stays
 * pending. The firmware only notices after a kick.
 */
void panthor_fw_request_toggle(struct panthor_fw_handshake *hs, u32 mask)
{
	unsigned long flags;
	u32 host;

	spin_lock_irqsave(&hs->lock, flags);
	host = READ_ONCE(*hs->host);
	WRITE_ONCE(*hs->host, (host & ~mask) | (~READ_ONCE(*hs->fw) & mask));
	spin_unlock_irqrestore(&hs->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_fw_request_toggle);

/**
 * panthor_fw_request_level() - Post a level request
 * @hs: handshake
 * @mask: bits of the request field
 * @value: wanted value of those bits
 *
 * The request is pending until the firmware has written the same value in
 * its word. The firmware only notices after a kick.
 */
void panthor_fw_request_level(struct panthor_fw_handshake *hs, u32 mask,
			      u32 value)
{
	unsigned long flags;
	u32 host;

	spin_lock_irqsave(&hs->lock, flags);
	host = READ_ONCE(*hs->host);
	WRITE_ONCE(*hs->host, (host & ~mask) | (value & mask));
	spin_unlock_irqrestore(&hs->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_fw_request_level);

/**
 * panthor_fw_events_ack() - Acknowledge firmware events
 * @hs: handshake
 * @mask: event bits to acknowledge
 *
 * Copies the firmware's bits of @mask into the host's word, so the
 * firmware may raise them again.
 *
 * Return: the bits of @mask that were pending, i.e. the events taken.
 */
u32 panthor_fw_events_ack(struct panthor_fw_handshake *hs, u32 mask)
{
	unsigned long flags;
	u32 host, fw;

	spin_lock_irqsave(&hs->lock, flags);
	host = READ_ONCE(*hs->host);
	fw = READ_ONCE(*hs->fw);
	WRITE_ONCE(*hs->host, (host & ~mask) | (fw & mask));
	spin_unlock_irqrestore(&hs->lock, flags);

	return (host ^ fw) & mask;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_fw_events_ack);

/**
 * panthor_fw_wait_acked() - Wait until the firmware acknowledged requests
 * @ptdev: device
 * @hs: handshake the requests were posted on
 * @mask: request bits to wait for
 * @timeout_ms: how long to wait
 *
 * Sleeps until no bit of @mask is pending. The JOB interrupt wakes the
 * waiter, so the acknowledgments waited for should be in the block's
 * ACK_IRQ_MASK; the condition is checked once more at the timeout anyway.
 *
 * Return: 0 once acknowledged, -ETIMEDOUT otherwise.
 */
int panthor_fw_wait_acked(struct panthor_device *ptdev,
			  struct panthor_fw_handshake *hs, u32 mask,
			  u32 timeout_ms)
{
	if (!wait_event_timeout(ptdev->fw->event_wq,
				!panthor_fw_pending(hs, mask),
				msecs_to_jiffies(timeout_ms)))
		return -ETIMEDOUT;

	return 0;
}

/**
 * panthor_fw_ring_doorbell() - Ring a doorbell
 * @ptdev: device
 * @doorbell: doorbell number; 0 is the global one
 *
 * The register write orders every earlier write to the interface before
 * it, so the firmware sees the requests the doorbell announces.
 */
void panthor_fw_ring_doorbell(struct panthor_device *ptdev, u32 doorbell)
{
	panthor_write(ptdev, CSF_DOORBELL(doorbell), 1);
}

/**
 * panthor_fw_glb_kick() - Make the firmware look at the global requests
 * @ptdev: device
 */
void panthor_fw_glb_kick(struct panthor_device *ptdev)
{
	panthor_fw_ring_doorbell(ptdev, CSF_GLB_DOORBELL);
}

/**
 * panthor_fw_csg_kick() - Make the firmware look at CSG requests
 * @ptdev: device
 * @csg_slots: bitmap of the CSG slots with new requests
 */
void panthor_fw_csg_kick(struct panthor_device *ptdev, u32 csg_slots)
{
	panthor_fw_request_toggle(&ptdev->fw->glb.db, csg_slots);
	panthor_fw_glb_kick(ptdev);
}

/**
 * panthor_fw_cs_kick() - Make the firmware look at CS requests
 * @ptdev: device
 * @csg_slot: the CSG slot of the streams
 * @cs_slots: bitmap of the CS slots with new requests
 */
void panthor_fw_cs_kick(struct panthor_device *ptdev, u32 csg_slot,
			u32 cs_slots)
{
	panthor_fw_request_toggle(&panthor_fw_csg(ptdev, csg_slot)->db, cs_slots);
	panthor_fw_csg_kick(ptdev, BIT(csg_slot));
}

/* ---- Interface accessors ------------------------------------------------------ */

/**
 * panthor_fw_glb() - The global interface
 * @ptdev: device whose firmware booted
 *
 * Return: the global interface.
 */
struct panthor_fw_glb_iface *panthor_fw_glb(struct panthor_device *ptdev)
{
	return &ptdev->fw->glb;
}

/**
 * panthor_fw_csg() - A CSG slot's interface
 * @ptdev: device whose firmware booted
 * @csg_slot: slot, below the csg_slot_count of panthor_fw_csif_info()
 *
 * Return: the slot's interface.
 */
struct panthor_fw_csg_iface *panthor_fw_csg(struct panthor_device *ptdev,
					    u32 csg_slot)
{
	return &ptdev->fw->csg[csg_slot];
}

/**
 * panthor_fw_cs() - A CS slot's interface
 * @ptdev: device whose firmware booted
 * @csg_slot: CSG slot
 * @cs_slot: CS slot in the group, below the cs_slot_count of
 *	panthor_fw_csif_info()
 *
 * Return: the slot's interface.
 */
struct panthor_fw_cs_iface *panthor_fw_cs(struct panthor_device *ptdev,
					  u32 csg_slot, u32 cs_slot)
{
	return &ptdev->fw->csg[csg_slot].cs[cs_slot];
}

/**
 * panthor_fw_vm() - The MCU's address space
 * @ptdev: device
 *
 * The scheduler maps the buffers the firmware needs (queue interface
 * pages, suspend buffers) there, in the automatic kernel VA range.
 *
 * Return: the MCU VM.
 */
struct panthor_vm *panthor_fw_vm(struct panthor_device *ptdev)
{
	return ptdev->fw->vm;
}

/**
 * panthor_fw_set_event_handler() - Register the scheduler's event handler
 * @ptdev: device
 * @handler: called from the JOB interrupt thread, or NULL
 */
void panthor_fw_set_event_handler(struct panthor_device *ptdev,
				  panthor_fw_event_handler_t handler)
{
	WRITE_ONCE(ptdev->fw->event_handler, handler);
}

/**
 * panthor_fw_csif_info() - Describe the command stream interface
 * @ptdev: device whose firmware booted
 * @info: filled in the DEV_QUERY layout
 */
void panthor_fw_csif_info(struct panthor_device *ptdev,
			  struct drm_panthor_csif_info *info)
{
	const struct panthor_csf_layout *layout = ptdev->fw->layout;

	memset(info, 0, sizeof(*info));
	info->csg_slot_count = layout->csg_count;
	info->cs_slot_count = layout->cs_count;
	info->cs_reg_count = FIELD_GET(CSF_CS_FEATURES_WORK_REGS_MINUS_1,
				       layout->cs_features) + 1;
	/* The field holds the count itself (mali-csf-hw.md §9.6). */
	info->scoreboard_slot_count = FIELD_GET(CSF_CS_FEATURES_SCOREBOARDS,
						layout->cs_features);
	info->unpreserved_cs_reg_count = CSF_UNPRESERVED_CS_REGS;
}

/* ---- Interrupt ---------------------------------------------------------------- */

static void panthor_fw_job_irq_handler(struct panthor_irq *irq, u32 status)
{
	struct panthor_device *ptdev = irq->ptdev;
	struct panthor_fw *fw = ptdev->fw;
	panthor_fw_event_handler_t handler;
	u32 glb_events = 0;

	if (status & JOB_IRQ_GLB) {
		WRITE_ONCE(fw->booted, true);
		/* Pairs with the release in panthor_fw_bind_iface(). */
		if (smp_load_acquire(&fw->iface_ready))
			glb_events = panthor_fw_events_ack(&fw->glb.req,
							   CSF_GLB_EVENTS);
	}

	/* Whoever waits for an acknowledgment re-checks its condition. */
	wake_up_all(&fw->event_wq);

	handler = READ_ONCE(fw->event_handler);
	if (handler && ((status & JOB_IRQ_CSG_ALL) || glb_events))
		handler(ptdev, status & JOB_IRQ_CSG_ALL, glb_events);
}

/* ---- Image and sections --------------------------------------------------------- */

static int panthor_fw_request_image(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	u32 gpu_id = panthor_gpu_info(ptdev)->gpu_id;
	struct panthor_fw_parse_error err;
	char path[64];
	int ret;

	/* One image per architecture version, whatever the product. */
	snprintf(path, sizeof(path), "arm/mali/arch%lu.%lu/mali_csffw.bin",
		 FIELD_GET(GPU_ID_ARCH_MAJOR, gpu_id),
		 FIELD_GET(GPU_ID_ARCH_MINOR, gpu_id));

	ret = firmware_request_nowarn(&fw->image, path, ptdev->base.dev);
	if (ret) {
		drm_err(&ptdev->base, "cannot load firmware %s: %d\n", path, ret);
		return ret;
	}

	fw->desc = drmm_kzalloc(&ptdev->base, sizeof(*fw->desc), GFP_KERNEL);
	if (!fw->desc)
		return -ENOMEM;

	ret = panthor_fw_image_parse(fw->image->data, fw->image->size, fw->desc,
				     &err);
	if (ret) {
		drm_err(&ptdev->base, "firmware %s rejected: %s (0x%x) at offset 0x%x\n",
			path, err.reason, err.value, err.offset);
		return ret;
	}

	if (fw->desc->prot_skipped)
		drm_info(&ptdev->base, "firmware: %u protected-mode section(s) skipped, protected mode unsupported\n",
			 fw->desc->prot_skipped);
	return 0;
}

/* VM_BIND map flags matching a section's flags. */
static u32 panthor_fw_section_map_flags(struct panthor_device *ptdev, u32 flags)
{
	u32 cache_mode = FIELD_GET(PANTHOR_FW_SECTION_CACHE_MODE, flags);
	u32 map_flags = 0;

	if (!(flags & PANTHOR_FW_SECTION_WR))
		map_flags |= DRM_PANTHOR_VM_BIND_OP_MAP_READONLY;
	if (!(flags & PANTHOR_FW_SECTION_EX))
		map_flags |= DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC;

	/*
	 * Only plain "cached" sections are mapped cacheable. A coherent mode
	 * can only be honoured cached when the GPU snoops the CPU caches;
	 * otherwise the CPU and the MCU would see different data.
	 */
	if (cache_mode != PANTHOR_FW_CACHE_CACHED &&
	    !(cache_mode == PANTHOR_FW_CACHE_CACHED_COHERENT && ptdev->coherent))
		map_flags |= DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED;

	return map_flags;
}

static int panthor_fw_create_vm(struct panthor_fw *fw)
{
	const struct panthor_fw_image_desc *desc = fw->desc;
	u64 auto_start = CSF_SHARED_SECTION_VA;
	unsigned int i;

	/*
	 * The MCU addresses 32 bits. Whatever the firmware leaves free in its
	 * shared zone is where the driver places its own MCU-visible objects.
	 */
	for (i = 0; i < desc->section_count; i++) {
		u64 end = (u64)desc->sections[i].va + desc->sections[i].size;

		if (end > auto_start && end <= CSF_SHARED_ZONE_END)
			auto_start = end;
	}

	fw->vm = panthor_vm_create(fw->ptdev, true, 0, SZ_4G, auto_start,
				   CSF_SHARED_ZONE_END - auto_start);
	if (IS_ERR(fw->vm)) {
		int ret = PTR_ERR(fw->vm);

		fw->vm = NULL;
		drm_err(&fw->ptdev->base, "cannot create the MCU VM: %d\n", ret);
		return ret;
	}

	return 0;
}

static int panthor_fw_create_sections(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	const struct panthor_fw_image_desc *desc = fw->desc;
	unsigned int i;
	int ret;

	for (i = 0; i < desc->section_count; i++) {
		const struct panthor_fw_section_desc *section = &desc->sections[i];
		struct panthor_kernel_bo *bo;

		bo = panthor_kernel_bo_create(ptdev, fw->vm, section->size, 0,
					      panthor_fw_section_map_flags(ptdev, section->flags),
					      section->va, "fw-section");
		if (IS_ERR(bo)) {
			ret = PTR_ERR(bo);
			drm_err(&ptdev->base, "cannot map firmware section at 0x%08x: %d\n",
				section->va, ret);
			return ret;
		}
		fw->sections[i] = bo;

		/* Every section is reloaded from the CPU after a slow reset. */
		ret = panthor_kernel_bo_vmap(bo);
		if (ret) {
			drm_err(&ptdev->base, "cannot map firmware section at 0x%08x for the CPU: %d\n",
				section->va, ret);
			return ret;
		}
	}

	fw->shared = fw->sections[desc->shared]->kmap;
	return 0;
}

/*
 * Put every section back as the image describes it. The CPU mappings are
 * write-combined (or coherent), so the copy reaches memory without cache
 * maintenance; the GPU's caches were dropped by the reset that precedes
 * every reload.
 */
static void panthor_fw_load_sections(struct panthor_fw *fw)
{
	const struct panthor_fw_image_desc *desc = fw->desc;
	unsigned int i;

	for (i = 0; i < desc->section_count; i++) {
		const struct panthor_fw_section_desc *section = &desc->sections[i];
		void *dst = fw->sections[i]->kmap;

		memcpy(dst, fw->image->data + section->data_offset,
		       section->data_size);
		if (section->flags & PANTHOR_FW_SECTION_ZERO)
			memset(dst + section->data_size, 0,
			       section->size - section->data_size);
	}
}

/* ---- Interface ------------------------------------------------------------------ */

static int panthor_fw_parse_iface(struct panthor_fw *fw,
				  struct panthor_csf_layout *layout)
{
	struct panthor_device *ptdev = fw->ptdev;
	const struct panthor_fw_section_desc *shared =
		&fw->desc->sections[fw->desc->shared];
	struct panthor_fw_parse_error err;
	int ret;

	ret = panthor_csf_layout_parse(fw->shared, shared->size, layout, &err);
	if (ret)
		drm_err(&ptdev->base, "firmware interface rejected: %s (0x%x) at offset 0x%x\n",
			err.reason, err.value, err.offset);
	return ret;
}

static void panthor_fw_bind_cs(struct panthor_fw *fw, u32 csg_slot, u32 cs_slot)
{
	const struct panthor_csf_layout *layout = fw->layout;
	struct panthor_fw_cs_iface *cs = &fw->csg[csg_slot].cs[cs_slot];

	cs->control = fw->shared + layout->csg[csg_slot].cs[cs_slot].control;
	cs->input = fw->shared + layout->csg[csg_slot].cs[cs_slot].input;
	cs->output = fw->shared + layout->csg[csg_slot].cs[cs_slot].output;
	panthor_fw_handshake_init(&cs->req, &cs->input->req, &cs->output->ack);
}

static int panthor_fw_bind_csg(struct panthor_fw *fw, u32 csg_slot)
{
	const struct panthor_csf_layout *layout = fw->layout;
	struct panthor_fw_csg_iface *csg = &fw->csg[csg_slot];
	u32 cs;

	csg->control = fw->shared + layout->csg[csg_slot].control;
	csg->input = fw->shared + layout->csg[csg_slot].input;
	csg->output = fw->shared + layout->csg[csg_slot].output;
	panthor_fw_handshake_init(&csg->req, &csg->input->req, &csg->output->ack);
	panthor_fw_handshake_init(&csg->db, &csg->input->db_req,
				  &csg->output->db_ack);
	/* Here the firmware raises and the host acknowledges. */
	panthor_fw_handshake_init(&csg->irq, &csg->input->irq_ack,
				  &csg->output->irq_req);

	csg->cs = drmm_kcalloc(&fw->ptdev->base, layout->cs_count,
			       sizeof(*csg->cs), GFP_KERNEL);
	if (!csg->cs)
		return -ENOMEM;

	for (cs = 0; cs < layout->cs_count; cs++)
		panthor_fw_bind_cs(fw, csg_slot, cs);

	return 0;
}

/* Turn the validated layout into the interface pointers, once. */
static int panthor_fw_bind_iface(struct panthor_fw *fw)
{
	struct panthor_fw_glb_iface *glb = &fw->glb;
	u32 csg;
	int ret;

	glb->control = fw->shared;
	glb->input = fw->shared + fw->layout->glb_input;
	glb->output = fw->shared + fw->layout->glb_output;
	panthor_fw_handshake_init(&glb->req, &glb->input->req, &glb->output->ack);
	panthor_fw_handshake_init(&glb->db, &glb->input->db_req,
				  &glb->output->db_ack);

	fw->csg = drmm_kcalloc(&fw->ptdev->base, fw->layout->csg_count,
			       sizeof(*fw->csg), GFP_KERNEL);
	if (!fw->csg)
		return -ENOMEM;

	for (csg = 0; csg < fw->layout->csg_count; csg++) {
		ret = panthor_fw_bind_csg(fw, csg);
		if (ret)
			return ret;
	}

	/* The interrupt handler may use @glb once it sees the flag. */
	smp_store_release(&fw->iface_ready, true);
	return 0;
}

/*
 * After the first boot, read and bind the interface. After a reboot from
 * the image the firmware lays it out again: it must be the same, since the
 * rest of the driver holds pointers into it.
 */
static int panthor_fw_setup_iface(struct panthor_fw *fw)
{
	struct panthor_csf_layout *layout;
	int ret;

	if (!fw->layout) {
		layout = drmm_kzalloc(&fw->ptdev->base, sizeof(*layout), GFP_KERNEL);
		if (!layout)
			return -ENOMEM;

		ret = panthor_fw_parse_iface(fw, layout);
		if (ret)
			return ret;

		fw->layout = layout;
		return panthor_fw_bind_iface(fw);
	}

	layout = kzalloc(sizeof(*layout), GFP_KERNEL);
	if (!layout)
		return -ENOMEM;

	ret = panthor_fw_parse_iface(fw, layout);
	if (!ret && memcmp(layout, fw->layout, sizeof(*layout))) {
		drm_err(&fw->ptdev->base, "firmware laid its interface out differently after a reboot\n");
		ret = -EINVAL;
	}

	kfree(layout);
	return ret;
}

/*
 * Pick the source of the global timers: the system counter when its
 * frequency is known (it does not change with DVFS), the GPU clock
 * otherwise.
 */
static void panthor_fw_pick_timer_source(struct panthor_fw *fw)
{
	fw->timer_freq = panthor_gpu_timestamp_frequency();
	fw->timer_source = CSF_TIMER_SOURCE_SYSTEM;
	if (!fw->timer_freq) {
		fw->timer_freq = clk_get_rate(fw->ptdev->clks.core);
		fw->timer_source = CSF_TIMER_SOURCE_GPU_CYCLES;
	}
}

/* Configure the global interface (mali-csf-hw.md §5.1, step 12). */
static int panthor_fw_configure_glb(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	struct panthor_csf_glb_input *in = fw->glb.input;
	u64 cores = panthor_gpu_info(ptdev)->shader_present;
	int ret;

	WRITE_ONCE(in->alloc_en_lo, lower_32_bits(cores));
	WRITE_ONCE(in->alloc_en_hi, upper_32_bits(cores));
	WRITE_ONCE(in->pwroff_timer,
		   panthor_csf_timer_encode(PANTHOR_FW_PWROFF_DELAY_US,
					    fw->timer_freq, fw->timer_source));
	WRITE_ONCE(in->idle_timer,
		   panthor_csf_timer_encode(PANTHOR_FW_IDLE_DELAY_US,
					    fw->timer_freq, fw->timer_source));
	WRITE_ONCE(in->progress_timer,
		   DIV_ROUND_UP_ULL(PANTHOR_FW_PROGRESS_TIMEOUT_CYCLES,
				    CSF_TIMER_TICKS_PER_UNIT));
	WRITE_ONCE(in->ack_irq_mask,
		   PANTHOR_FW_GLB_CONFIG_REQS | CSF_GLB_PING | CSF_GLB_IDLE);

	panthor_fw_request_level(&fw->glb.req, PANTHOR_FW_GLB_CONFIG_LEVELS,
				 PANTHOR_FW_GLB_CONFIG_LEVELS);
	panthor_fw_request_toggle(&fw->glb.req, CSF_GLB_CFG_ALLOC_EN |
				  CSF_GLB_CFG_PWROFF_TIMER |
				  CSF_GLB_CFG_PROGRESS_TIMER);
	panthor_fw_glb_kick(ptdev);

	ret = panthor_fw_wait_acked(ptdev, &fw->glb.req, PANTHOR_FW_GLB_CONFIG_REQS,
				    PANTHOR_FW_GLB_REQ_TIMEOUT_MS);
	if (ret)
		drm_err(&ptdev->base, "firmware did not take its configuration (pending 0x%x)\n",
			panthor_fw_pending(&fw->glb.req, PANTHOR_FW_GLB_CONFIG_REQS));
	return ret;
}

/* ---- MCU control ---------------------------------------------------------------- */

static const char *panthor_fw_mcu_status_name(u32 status)
{
	switch (status) {
	case GPU_MCU_STATUS_DISABLED: return "disabled";
	case GPU_MCU_STATUS_ENABLED: return "enabled";
	case GPU_MCU_STATUS_HALT: return "halted";
	case GPU_MCU_STATUS_FATAL: return "fatal";
	default: return "unknown";
	}
}

/* Start the MCU and wait for the firmware's first interrupt. */
static int panthor_fw_boot_mcu(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	unsigned long deadline;
	u32 status;

	WRITE_ONCE(fw->booted, false);
	panthor_write(ptdev, JOB_IRQ_BASE + PANTHOR_IRQ_CLEAR, ~0u);
	panthor_irq_enable(&fw->irq, ~0u);

	/* AUTO lets the MCU restart itself after a fast reset. */
	panthor_write(ptdev, GPU_MCU_CONTROL, GPU_MCU_CONTROL_AUTO);

	/*
	 * The interrupt ends the wait; a look at MCU_STATUS between slices
	 * ends it early when the MCU already gave up.
	 */
	deadline = jiffies + msecs_to_jiffies(PANTHOR_FW_BOOT_TIMEOUT_MS);
	do {
		if (wait_event_timeout(fw->event_wq, READ_ONCE(fw->booted),
				       msecs_to_jiffies(PANTHOR_FW_BOOT_POLL_MS)))
			return 0;
		if (panthor_read(ptdev, GPU_MCU_STATUS) == GPU_MCU_STATUS_FATAL)
			break;
	} while (time_before(jiffies, deadline));

	if (panthor_read(ptdev, JOB_IRQ_BASE + PANTHOR_IRQ_RAWSTAT) & JOB_IRQ_GLB) {
		drm_warn(&ptdev->base, "firmware booted, but its interrupt never arrived\n");
		return 0;
	}

	status = panthor_read(ptdev, GPU_MCU_STATUS);
	drm_err(&ptdev->base, "firmware did not boot (MCU %s)\n",
		panthor_fw_mcu_status_name(status));
	return -ETIMEDOUT;
}

/* Stop the MCU outright and silence its interrupt. */
static void panthor_fw_stop_mcu(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	u32 status;

	panthor_irq_disable(&fw->irq);
	panthor_write(ptdev, GPU_MCU_CONTROL, GPU_MCU_CONTROL_DISABLE);
	if (readl_poll_timeout(ptdev->iomem + GPU_MCU_STATUS, status,
			       status == GPU_MCU_STATUS_DISABLED,
			       PANTHOR_FW_MCU_POLL_US,
			       PANTHOR_FW_MCU_STOP_TIMEOUT_US))
		drm_warn(&ptdev->base, "MCU did not stop (MCU %s)\n",
			 panthor_fw_mcu_status_name(status));
	fw->running = false;
}

/*
 * Ask the firmware to halt and wait for the MCU to get there. The firmware
 * acts on a 0 -> 1 edge of GLB_REQ.HALT and never acknowledges it, so the
 * bit is cleared again afterwards, ready for the next halt.
 *
 * Return: true if the firmware halted cleanly, so its memory may be reused
 * as is by the next boot.
 */
static bool panthor_fw_halt_mcu(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	u32 status;
	bool clean;

	panthor_fw_request_level(&fw->glb.req, CSF_GLB_HALT, CSF_GLB_HALT);
	panthor_fw_glb_kick(ptdev);

	clean = !readl_poll_timeout(ptdev->iomem + GPU_MCU_STATUS, status,
				    status == GPU_MCU_STATUS_HALT,
				    PANTHOR_FW_MCU_POLL_US,
				    PANTHOR_FW_MCU_STOP_TIMEOUT_US) &&
		READ_ONCE(fw->glb.output->halt_status) == CSF_GLB_HALT_STATUS_CLEAN;

	panthor_fw_request_level(&fw->glb.req, CSF_GLB_HALT, 0);

	if (!clean)
		drm_warn(&ptdev->base, "firmware did not halt cleanly (MCU %s, halt status 0x%x)\n",
			 panthor_fw_mcu_status_name(status),
			 READ_ONCE(fw->glb.output->halt_status));
	return clean;
}

static void panthor_fw_watchdog_start(struct panthor_fw *fw)
{
	schedule_delayed_work(&fw->watchdog,
			      msecs_to_jiffies(PANTHOR_FW_PING_PERIOD_MS));
}

static void panthor_fw_watchdog_work(struct work_struct *work)
{
	struct panthor_fw *fw = container_of(to_delayed_work(work),
					     struct panthor_fw, watchdog);
	struct panthor_device *ptdev = fw->ptdev;

	panthor_fw_request_toggle(&fw->glb.req, CSF_GLB_PING);
	panthor_fw_glb_kick(ptdev);

	if (panthor_fw_wait_acked(ptdev, &fw->glb.req, CSF_GLB_PING,
				  PANTHOR_FW_GLB_REQ_TIMEOUT_MS)) {
		drm_err(&ptdev->base, "firmware does not answer pings, resetting the GPU\n");
		panthor_device_schedule_reset(ptdev);
		return;
	}

	panthor_fw_watchdog_start(fw);
}

/* Take the firmware out of service: no more pings, MCU off. */
static void panthor_fw_take_down(struct panthor_fw *fw, bool halt_first)
{
	cancel_delayed_work_sync(&fw->watchdog);

	if (fw->running && halt_first)
		fw->fast_boot_ok = panthor_fw_halt_mcu(fw);
	else
		fw->fast_boot_ok = false;

	panthor_fw_stop_mcu(fw);

	/* The MMU block gives AS0 back on the next panthor_vm_active(). */
	if (fw->vm_active) {
		panthor_vm_idle(fw->vm);
		fw->vm_active = false;
	}
}

/*
 * Boot the MCU from what is in its memory and bring the firmware into
 * service: L2 on (the MCU reaches memory through it), AS0 live, boot, check
 * the interface, configure, watch.
 */
static int panthor_fw_start(struct panthor_fw *fw)
{
	struct panthor_device *ptdev = fw->ptdev;
	int ret;

	ret = panthor_gpu_l2_power_on(ptdev);
	if (ret)
		return ret;

	if (!fw->vm_active) {
		ret = panthor_vm_active(fw->vm);
		if (ret) {
			drm_err(&ptdev->base, "cannot make the MCU VM resident: %d\n", ret);
			return ret;
		}
		fw->vm_active = true;
	}

	ret = panthor_fw_boot_mcu(fw);
	if (ret)
		goto err_stop;

	ret = panthor_fw_setup_iface(fw);
	if (ret)
		goto err_stop;

	ret = panthor_fw_configure_glb(fw);
	if (ret)
		goto err_stop;

	fw->running = true;
	fw->fast_boot_ok = false;
	panthor_fw_watchdog_start(fw);
	return 0;

err_stop:
	/* All or nothing: the next attempt starts from the same state. */
	panthor_fw_take_down(fw, false);
	return ret;
}

/* Reload every section from the image, then start. */
static int panthor_fw_cold_start(struct panthor_fw *fw)
{
	panthor_fw_load_sections(fw);
	return panthor_fw_start(fw);
}

static void panthor_fw_print_info(struct panthor_fw *fw)
{
	const struct panthor_csf_layout *layout = fw->layout;

	drm_info(&fw->ptdev->base,
		 "CSF firmware interface %lu.%lu.%lu, features 0x%x, instrumentation 0x%x, %u CSG slots of %u streams%s%s\n",
		 FIELD_GET(CSF_VERSION_MAJOR, layout->version),
		 FIELD_GET(CSF_VERSION_MINOR, layout->version),
		 FIELD_GET(CSF_VERSION_PATCH, layout->version),
		 layout->features, layout->instr_features, layout->csg_count,
		 layout->cs_count, fw->desc->git_sha[0] ? ", git " : "",
		 fw->desc->git_sha);
}

/* ---- Life cycle ------------------------------------------------------------------- */

/*
 * Undo whatever panthor_fw_init() got to: when the device goes away (after
 * the DRM device was unplugged, so no ioctl runs any more) or when a later
 * probe step fails. Device-managed, so it runs before the MMU block goes.
 */
static void panthor_fw_release(void *data)
{
	struct panthor_fw *fw = data;
	unsigned int i;

	panthor_fw_take_down(fw, false);

	for (i = 0; i < ARRAY_SIZE(fw->sections); i++) {
		panthor_kernel_bo_destroy(fw->sections[i]);
		fw->sections[i] = NULL;
	}
	fw->shared = NULL;

	panthor_vm_put(fw->vm);
	fw->vm = NULL;

	release_firmware(fw->image);
	fw->image = NULL;
}

/**
 * panthor_fw_init() - Load the firmware and bring it into service
 * @ptdev: device whose GPU_CONTROL and MMU blocks are up
 *
 * Requests the image for the GPU's architecture, validates it, maps its
 * sections in the MCU VM, boots the MCU, validates the interface and
 * configures the global interface. Any failure leaves a single error line
 * and releases everything acquired so far; the rest is released when the
 * device goes away.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_fw_init(struct panthor_device *ptdev)
{
	struct panthor_fw *fw;
	int ret;

	fw = drmm_kzalloc(&ptdev->base, sizeof(*fw), GFP_KERNEL);
	if (!fw)
		return -ENOMEM;

	fw->ptdev = ptdev;
	init_waitqueue_head(&fw->event_wq);
	INIT_DELAYED_WORK(&fw->watchdog, panthor_fw_watchdog_work);
	ptdev->fw = fw;

	ret = panthor_irq_request(ptdev, &fw->irq, "job", JOB_IRQ_BASE,
				  panthor_fw_job_irq_handler);
	if (ret)
		return dev_err_probe(ptdev->base.dev, ret, "job interrupt\n");

	ret = devm_add_action_or_reset(ptdev->base.dev, panthor_fw_release, fw);
	if (ret)
		return ret;

	ret = panthor_fw_request_image(fw);
	if (ret)
		return ret;

	ret = panthor_fw_create_vm(fw);
	if (ret)
		return ret;

	ret = panthor_fw_create_sections(fw);
	if (ret)
		return ret;

	panthor_fw_pick_timer_source(fw);

	ret = panthor_fw_cold_start(fw);
	if (ret)
		return ret;

	panthor_fw_print_info(fw);
	return 0;
}

/**
 * panthor_fw_suspend() - Halt the firmware before the GPU powers down
 * @ptdev: device whose scheduler has suspended every group
 *
 * Halts the MCU through the global interface so that it saves its state,
 * then stops it. A clean halt lets panthor_fw_resume() restart the firmware
 * from its preserved memory.
 *
 * Return: 0. A failed halt is not an error: resume then reloads the image.
 */
int panthor_fw_suspend(struct panthor_device *ptdev)
{
	panthor_fw_take_down(ptdev->fw, true);
	return 0;
}

/**
 * panthor_fw_resume() - Restart the firmware after the GPU powered up
 * @ptdev: device, out of reset with its MMU block resumed
 *
 * Tries a fast boot from the preserved memory after a clean halt; if there
 * was none, or the fast boot fails, reloads every section and boots from
 * the image. The global configuration is applied in both cases.
 *
 * Return: 0 on success, a negative error code if the firmware does not
 * come back (the device then needs a reset).
 */
int panthor_fw_resume(struct panthor_device *ptdev)
{
	struct panthor_fw *fw = ptdev->fw;

	if (fw->fast_boot_ok) {
		if (!panthor_fw_start(fw))
			return 0;
		drm_warn(&ptdev->base, "fast firmware boot failed, reloading the image\n");
	}

	return panthor_fw_cold_start(fw);
}

/**
 * panthor_fw_pre_reset() - Stop the firmware before a GPU reset
 * @ptdev: device
 * @hung: the firmware is known to be stuck; do not ask it to halt
 *
 * After the reset the firmware is always booted from the image.
 */
void panthor_fw_pre_reset(struct panthor_device *ptdev, bool hung)
{
	struct panthor_fw *fw = ptdev->fw;

	panthor_fw_take_down(fw, !hung);
	fw->fast_boot_ok = false;
}

/**
 * panthor_fw_post_reset() - Boot the firmware again after a GPU reset
 * @ptdev: device, out of reset with its MMU block restored
 *
 * Return: 0 on success, a negative error code if the firmware does not
 * come back.
 */
int panthor_fw_post_reset(struct panthor_device *ptdev)
{
	return panthor_fw_cold_start(ptdev->fw);
}
