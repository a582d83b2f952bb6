// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor GPU_CONTROL block.
 *
 * Identifies the GPU from GPU_ID, caches the feature registers userspace
 * asks for through DEV_QUERY, resets the GPU (soft first, hard if the soft
 * reset does not complete), powers the L2 cache, runs cache maintenance,
 * reads the free-running counters and services the GPU interrupt: reset
 * and cache-flush completion and GPU faults.
 */

#include <linux/bitfield.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/iopoll.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/wait.h>

#include <drm/drm_managed.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#ifdef CONFIG_ARM_ARCH_TIMER
#include <asm/arch_timer.h>
#endif

#include "panthor_device.h"
#include "panthor_gpu.h"
#include "panthor_gpu_regs.h"

/* How long a reset may take before we give up on it. */
#define PANTHOR_GPU_RESET_TIMEOUT_MS	100

/* How long a cache clean/flush may take before we give up on it. */
#define PANTHOR_GPU_FLUSH_TIMEOUT_MS	100

/*
 * Power transitions of the L2: how often its status is polled and how long
 * a transition may take.
 */
#define PANTHOR_GPU_PWR_POLL_US		100
#define PANTHOR_GPU_PWR_TIMEOUT_US	(20 * USEC_PER_MSEC)

/*
 * A free-running counter is read HI, LO, HI; a carry between the reads
 * shows as a changed HI and the read is retried, but never forever on a
 * GPU whose counter misbehaves.
 */
#define PANTHOR_GPU_COUNTER_READ_TRIES	4

/* GPU interrupt sources this block handles. */
#define PANTHOR_GPU_IRQ_SOURCES \
	(GPU_IRQ_FAULT | GPU_IRQ_PROTECTED_FAULT | GPU_IRQ_RESET_COMPLETED | \
	 GPU_IRQ_CLEAN_CACHES_COMPLETED)

/**
 * struct panthor_gpu - GPU_CONTROL block state
 */
struct panthor_gpu {
	/** @irq: the "gpu" interrupt line */
	struct panthor_irq irq;
	/** @id: decoded GPU_ID */
	struct panthor_gpu_id id;
	/** @name: marketing name of the product */
	const char *name;
	/** @info: feature registers, in the layout DEV_QUERY returns */
	struct drm_panthor_gpu_info info;
	/** @coherency: the GPU_COHERENCY_* protocol programmed after reset */
	u32 coherency;
	/** @reset_done: set by the interrupt handler when a reset completes */
	bool reset_done;
	/** @reset_wq: where a reset waits for @reset_done */
	wait_queue_head_t reset_wq;
	/**
	 * @flush_lock: serialises cache maintenance: the GPU tracks a single
	 * FLUSH_CACHES command at a time
	 */
	struct mutex flush_lock;
	/** @flush_done: set by the interrupt handler when a flush completes */
	bool flush_done;
	/** @flush_wq: where a cache flush waits for @flush_done */
	wait_queue_head_t flush_wq;
};

/**
 * struct panthor_gpu_product - A GPU this driver knows how to drive
 */
struct panthor_gpu_product {
	/** @arch_major: GPU_ID architecture major */
	u8 arch_major;
	/** @product_major: GPU_ID product major */
	u8 product_major;
	/** @name: marketing name */
	const char *name;
};

static const struct panthor_gpu_product panthor_gpu_products[] = {
	{ .arch_major = 10, .product_major = 2, .name = "Mali-G710" },
	{ .arch_major = 10, .product_major = 3, .name = "Mali-G510" },
	{ .arch_major = 10, .product_major = 4, .name = "Mali-G310" },
	{ .arch_major = 10, .product_major = 7, .name = "Mali-G610" },
};

/**
 * panthor_gpu_id_decode() - Split a GPU_ID value into its fields
 * @raw: GPU_ID register value
 * @id: where to store the fields
 */
VISIBLE_IF_KUNIT void panthor_gpu_id_decode(u32 raw, struct panthor_gpu_id *id)
{
	id->raw = raw;
	id->product_id = FIELD_GET(GPU_ID_PRODUCT_ID, raw);
	id->arch_major = FIELD_GET(GPU_ID_ARCH_MAJOR, raw);
	id->arch_minor = FIELD_GET(GPU_ID_ARCH_MINOR, raw);
	id->arch_rev = FIELD_GET(GPU_ID_ARCH_REV, raw);
	id->product_major = FIELD_GET(GPU_ID_PRODUCT_MAJOR, raw);
	id->version_major = FIELD_GET(GPU_ID_VERSION_MAJOR, raw);
	id->version_minor = FIELD_GET(GPU_ID_VERSION_MINOR, raw);
	id->version_status = FIELD_GET(GPU_ID_VERSION_STATUS, raw);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_gpu_id_decode);

/**
 * panthor_gpu_product_name() - Name the product a GPU_ID belongs to
 * @id: decoded GPU_ID
 *
 * Return: the marketing name, or NULL if the driver does not support the
 * product.
 */
VISIBLE_IF_KUNIT const char *panthor_gpu_product_name(const struct panthor_gpu_id *id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(panthor_gpu_products); i++) {
		const struct panthor_gpu_product *p = &panthor_gpu_products[i];

		if (p->arch_major == id->arch_major &&
		    p->product_major == id->product_major)
			return p->name;
	}

	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_gpu_product_name);

static const char *panthor_gpu_exception_name(u32 type)
{
	switch (type) {
	case 0x80: return "GPU_BUS_FAULT";
	case 0x88: return "GPU_SHAREABILITY_FAULT";
	case 0x89: return "SYSTEM_SHAREABILITY_FAULT";
	case 0x8a: return "GPU_CACHEABILITY_FAULT";
	default: return "unknown";
	}
}

static const char *panthor_gpu_access_name(u32 access)
{
	static const char * const names[] = { "atomic", "execute", "read", "write" };

	return access < ARRAY_SIZE(names) ? names[access] : "unknown";
}

static void panthor_gpu_report_fault(struct panthor_device *ptdev)
{
	u32 status = panthor_read(ptdev, GPU_FAULTSTATUS);
	u64 addr = panthor_read64(ptdev, GPU_FAULTADDRESS);
	u32 type = FIELD_GET(GPU_FAULTSTATUS_EXCEPTION_TYPE, status);

	drm_err_ratelimited(&ptdev->base,
			    "GPU fault 0x%08x: %s, %s access, address %s0x%016llx, source 0x%04lx\n",
			    status, panthor_gpu_exception_name(type),
			    panthor_gpu_access_name(FIELD_GET(GPU_FAULTSTATUS_ACCESS_TYPE,
							      status)),
			    status & GPU_FAULTSTATUS_ADDRESS_VALID ? "" : "(invalid) ",
			    addr, FIELD_GET(GPU_FAULTSTATUS_SOURCE_ID, status));

	/* Let the next fault be latched. */
	panthor_write(ptdev, GPU_COMMAND,
		      GPU_COMMAND_VALUE(GPU_COMMAND_OP_CLEAR_FAULT, 0));
}

static void panthor_gpu_irq_handler(struct panthor_irq *irq, u32 status)
{
	struct panthor_device *ptdev = irq->ptdev;
	struct panthor_gpu *gpu = ptdev->gpu;

	if (status & GPU_IRQ_FAULT)
		panthor_gpu_report_fault(ptdev);

	if (status & GPU_IRQ_PROTECTED_FAULT)
		drm_err_ratelimited(&ptdev->base, "GPU fault in protected mode\n");

	if (status & GPU_IRQ_RESET_COMPLETED) {
		WRITE_ONCE(gpu->reset_done, true);
		wake_up_all(&gpu->reset_wq);
	}

	if (status & GPU_IRQ_CLEAN_CACHES_COMPLETED) {
		WRITE_ONCE(gpu->flush_done, true);
		wake_up_all(&gpu->flush_wq);
	}
}

static int panthor_gpu_wait_reset(struct panthor_device *ptdev)
{
	struct panthor_gpu *gpu = ptdev->gpu;
	unsigned long timeout = msecs_to_jiffies(PANTHOR_GPU_RESET_TIMEOUT_MS);

	if (wait_event_timeout(gpu->reset_wq, READ_ONCE(gpu->reset_done), timeout))
		return 0;

	/*
	 * The reset may have completed with its interrupt lost on the way;
	 * the raw status still says so.
	 */
	if (panthor_read(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_RAWSTAT) &
	    GPU_IRQ_RESET_COMPLETED) {
		drm_warn(&ptdev->base, "reset completed, but its interrupt never arrived\n");
		panthor_write(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_CLEAR,
			      GPU_IRQ_RESET_COMPLETED);
		return 0;
	}

	return -ETIMEDOUT;
}

static int panthor_gpu_issue_reset(struct panthor_device *ptdev, u32 kind)
{
	struct panthor_gpu *gpu = ptdev->gpu;

	WRITE_ONCE(gpu->reset_done, false);
	panthor_write(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_CLEAR, GPU_IRQ_RESET_COMPLETED);

	/* Listen before asking, in case the GPU answers at once. */
	panthor_irq_enable(&gpu->irq, PANTHOR_GPU_IRQ_SOURCES);
	panthor_write(ptdev, GPU_COMMAND,
		      GPU_COMMAND_VALUE(GPU_COMMAND_OP_RESET, kind));

	/*
	 * Whether a reset clears the interrupt masks is not documented. If it
	 * does, only a mask written after the command lets the completion
	 * interrupt through.
	 */
	panthor_irq_enable(&gpu->irq, PANTHOR_GPU_IRQ_SOURCES);

	return panthor_gpu_wait_reset(ptdev);
}

/**
 * panthor_gpu_soft_reset() - Reset the GPU and restore GPU_CONTROL settings
 * @ptdev: device
 *
 * Falls back to a hard reset if the soft reset does not complete in time.
 * Afterwards the GPU's caches and cores are powered off, and the interrupt
 * mask and coherency protocol are programmed again, since the reset may have
 * cleared them.
 *
 * Return: 0 on success, -ETIMEDOUT if the GPU does not come out of reset.
 */
int panthor_gpu_soft_reset(struct panthor_device *ptdev)
{
	struct panthor_gpu *gpu = ptdev->gpu;
	int ret;

	ret = panthor_gpu_issue_reset(ptdev, GPU_RESET_SOFT);
	if (ret) {
		drm_warn(&ptdev->base, "soft reset timed out, trying a hard reset\n");
		ret = panthor_gpu_issue_reset(ptdev, GPU_RESET_HARD);
	}
	if (ret) {
		drm_err(&ptdev->base, "GPU did not come out of reset\n");
		return ret;
	}

	panthor_irq_enable(&gpu->irq, PANTHOR_GPU_IRQ_SOURCES);
	panthor_write(ptdev, GPU_COHERENCY_ENABLE, gpu->coherency);
	return 0;
}

static void panthor_gpu_read_features(struct panthor_device *ptdev)
{
	struct drm_panthor_gpu_info *info = &ptdev->gpu->info;
	unsigned int i;

	info->gpu_id = ptdev->gpu->id.raw;
	info->gpu_rev = panthor_read(ptdev, GPU_REVID);
	info->csf_id = panthor_read(ptdev, GPU_CSF_ID);
	info->l2_features = panthor_read(ptdev, GPU_L2_FEATURES);
	info->tiler_features = panthor_read(ptdev, GPU_TILER_FEATURES);
	info->mem_features = panthor_read(ptdev, GPU_MEM_FEATURES);
	info->mmu_features = panthor_read(ptdev, GPU_MMU_FEATURES);
	info->thread_features = panthor_read(ptdev, GPU_THREAD_FEATURES);
	info->max_threads = panthor_read(ptdev, GPU_THREAD_MAX_THREADS);
	info->thread_max_workgroup_size =
		panthor_read(ptdev, GPU_THREAD_MAX_WORKGROUP_SIZE);
	info->thread_max_barrier_size =
		panthor_read(ptdev, GPU_THREAD_MAX_BARRIER_SIZE);
	info->coherency_features = panthor_read(ptdev, GPU_COHERENCY_FEATURES);
	for (i = 0; i < GPU_TEXTURE_FEATURES_COUNT; i++)
		info->texture_features[i] =
			panthor_read(ptdev, GPU_TEXTURE_FEATURES(i));
	info->as_present = panthor_read(ptdev, GPU_AS_PRESENT);
	info->shader_present = panthor_read64(ptdev, GPU_SHADER_PRESENT);
	info->l2_present = panthor_read64(ptdev, GPU_L2_PRESENT);
	info->tiler_present = panthor_read64(ptdev, GPU_TILER_PRESENT);
	info->core_features = panthor_read(ptdev, GPU_CORE_FEATURES);

	/* The register only exists from arch 11 on; older GPUs report 0. */
	if (ptdev->gpu->id.arch_major >= 11)
		info->gpu_features = panthor_read64(ptdev, GPU_FEATURES);
}

static int panthor_gpu_check_features(struct panthor_device *ptdev)
{
	const struct drm_panthor_gpu_info *info = &ptdev->gpu->info;
	unsigned int va_bits = FIELD_GET(GPU_MMU_FEATURES_VA_BITS, info->mmu_features);
	unsigned int pa_bits = FIELD_GET(GPU_MMU_FEATURES_PA_BITS, info->mmu_features);

	if (!va_bits || va_bits > 64 || !pa_bits || pa_bits > 64) {
		drm_err(&ptdev->base, "implausible MMU_FEATURES 0x%08x\n",
			info->mmu_features);
		return -ENODEV;
	}

	if (!info->as_present || !info->l2_present || !info->shader_present) {
		drm_err(&ptdev->base, "GPU reports no address space, L2 or shader core\n");
		return -ENODEV;
	}

	return 0;
}

static int panthor_gpu_select_coherency(struct panthor_device *ptdev)
{
	struct panthor_gpu *gpu = ptdev->gpu;

	if (!ptdev->coherent) {
		gpu->coherency = GPU_COHERENCY_NONE;
		return 0;
	}

	/* Full ACE is never offered by CSF GPUs; ACE-Lite is what we need. */
	if (gpu->info.coherency_features & BIT(GPU_COHERENCY_ACE_LITE)) {
		gpu->coherency = GPU_COHERENCY_ACE_LITE;
		return 0;
	}

	/*
	 * Running anyway would let the CPU skip cache maintenance the GPU
	 * depends on.
	 */
	drm_err(&ptdev->base, "marked dma-coherent, but the GPU has no ACE-Lite support\n");
	return -ENODEV;
}

/* L2 size in KiB from its log2 encoding, 0 if it makes no sense. */
static u64 panthor_gpu_l2_size_kib(u32 l2_features)
{
	u32 size_log2 = FIELD_GET(GPU_L2_FEATURES_CACHE_SIZE_LOG2, l2_features);

	if (size_log2 < 10 || size_log2 >= 64)
		return 0;

	return BIT_ULL(size_log2) / SZ_1K;
}

static void panthor_gpu_print_info(struct panthor_device *ptdev)
{
	const struct panthor_gpu *gpu = ptdev->gpu;
	const struct panthor_gpu_id *id = &gpu->id;
	const struct drm_panthor_gpu_info *info = &gpu->info;

	drm_info(&ptdev->base, "%s id 0x%04x r%up%u status %u, arch %u.%u.%u\n",
		 gpu->name, id->product_id, id->version_major, id->version_minor,
		 id->version_status, id->arch_major, id->arch_minor, id->arch_rev);
	drm_info(&ptdev->base,
		 "shader_present 0x%llx l2_present 0x%llx tiler_present 0x%llx as_present 0x%x, %lu-bit VA, %lu-bit PA, L2 %llu KiB\n",
		 info->shader_present, info->l2_present, info->tiler_present,
		 info->as_present,
		 FIELD_GET(GPU_MMU_FEATURES_VA_BITS, info->mmu_features),
		 FIELD_GET(GPU_MMU_FEATURES_PA_BITS, info->mmu_features),
		 panthor_gpu_l2_size_kib(info->l2_features));
}

static void panthor_gpu_fini(void *data)
{
	struct panthor_device *ptdev = data;

	panthor_irq_disable(&ptdev->gpu->irq);
}

/**
 * panthor_gpu_init() - Identify, reset and describe the GPU
 * @ptdev: device, with clocks and supplies on and registers mapped
 *
 * Refuses GPUs that are not in the product table: their firmware and
 * quirks are unknown. The GPU interrupt is masked again when the device
 * goes away.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_gpu_init(struct panthor_device *ptdev)
{
	struct panthor_gpu *gpu;
	int ret;

	gpu = drmm_kzalloc(&ptdev->base, sizeof(*gpu), GFP_KERNEL);
	if (!gpu)
		return -ENOMEM;

	init_waitqueue_head(&gpu->reset_wq);
	init_waitqueue_head(&gpu->flush_wq);
	ret = drmm_mutex_init(&ptdev->base, &gpu->flush_lock);
	if (ret)
		return ret;
	ptdev->gpu = gpu;

	panthor_gpu_id_decode(panthor_read(ptdev, GPU_ID), &gpu->id);
	gpu->name = panthor_gpu_product_name(&gpu->id);
	if (!gpu->name) {
		drm_err(&ptdev->base, "unsupported GPU: GPU_ID 0x%08x (arch %u, product %u)\n",
			gpu->id.raw, gpu->id.arch_major, gpu->id.product_major);
		return -ENODEV;
	}

	panthor_gpu_read_features(ptdev);

	ret = panthor_gpu_check_features(ptdev);
	if (ret)
		return ret;

	ret = panthor_gpu_select_coherency(ptdev);
	if (ret)
		return ret;

	ret = panthor_irq_request(ptdev, &gpu->irq, "gpu", GPU_IRQ_BASE,
				  panthor_gpu_irq_handler);
	if (ret)
		return ret;

	ret = devm_add_action_or_reset(ptdev->base.dev, panthor_gpu_fini, ptdev);
	if (ret)
		return ret;

	ret = panthor_gpu_soft_reset(ptdev);
	if (ret)
		return ret;

	panthor_gpu_print_info(ptdev);
	return 0;
}

/**
 * panthor_gpu_info() - Cached feature registers
 * @ptdev: device
 *
 * Return: the GPU description, in DEV_QUERY layout. Fields that depend on the
 * reported uAPI level (selected_coherency) are left for the caller to fill.
 */
const struct drm_panthor_gpu_info *panthor_gpu_info(struct panthor_device *ptdev)
{
	return &ptdev->gpu->info;
}

/**
 * panthor_gpu_coherency() - Coherency protocol programmed into the GPU
 * @ptdev: device
 *
 * Return: GPU_COHERENCY_ACE_LITE or GPU_COHERENCY_NONE.
 */
u32 panthor_gpu_coherency(struct panthor_device *ptdev)
{
	return ptdev->gpu->coherency;
}

/**
 * panthor_gpu_pa_bits() - Width of the physical addresses the GPU can emit
 * @ptdev: device
 *
 * Return: the number of physical address bits, between 1 and 64.
 */
unsigned int panthor_gpu_pa_bits(struct panthor_device *ptdev)
{
	return FIELD_GET(GPU_MMU_FEATURES_PA_BITS, ptdev->gpu->info.mmu_features);
}

/*
 * Wait until none of @mask is in transition in the power domain whose
 * PWRTRANS register is @pwrtrans.
 */
static int panthor_gpu_pwr_wait_settled(struct panthor_device *ptdev,
					u32 pwrtrans, u64 mask)
{
	u64 busy;

	return read_poll_timeout(panthor_read64, busy, !(busy & mask),
				 PANTHOR_GPU_PWR_POLL_US,
				 PANTHOR_GPU_PWR_TIMEOUT_US, false, ptdev,
				 pwrtrans);
}

/* Write a 64-bit PWRON/PWROFF request; a zero half is not written. */
static void panthor_gpu_pwr_request(struct panthor_device *ptdev, u32 reg,
				    u64 mask)
{
	if (lower_32_bits(mask))
		panthor_write(ptdev, reg, lower_32_bits(mask));
	if (upper_32_bits(mask))
		panthor_write(ptdev, reg + 4, upper_32_bits(mask));
}

/*
 * The host powers a single L2: the one of the first core group, which is
 * the lowest bit of L2_PRESENT. The firmware powers everything else.
 */
static u64 panthor_gpu_l2_mask(struct panthor_device *ptdev)
{
	u64 present = ptdev->gpu->info.l2_present;

	return present & -present;
}

/**
 * panthor_gpu_l2_power_on() - Power the L2 cache up
 * @ptdev: device
 *
 * The MCU reaches memory through the L2, so this comes before the firmware
 * boots. Waits for any transition in progress to end, requests power-up and
 * polls L2_READY.
 *
 * Return: 0 once the L2 is ready, -ETIMEDOUT if it does not get there.
 */
int panthor_gpu_l2_power_on(struct panthor_device *ptdev)
{
	u64 mask = panthor_gpu_l2_mask(ptdev);
	u64 ready;
	int ret;

	ret = panthor_gpu_pwr_wait_settled(ptdev, GPU_L2_PWRTRANS, mask);
	if (ret) {
		drm_err(&ptdev->base, "L2 stuck in a power transition (PWRTRANS 0x%llx)\n",
			panthor_read64(ptdev, GPU_L2_PWRTRANS));
		return ret;
	}

	panthor_gpu_pwr_request(ptdev, GPU_L2_PWRON, mask);

	ret = read_poll_timeout(panthor_read64, ready, (ready & mask) == mask,
				PANTHOR_GPU_PWR_POLL_US,
				PANTHOR_GPU_PWR_TIMEOUT_US, false, ptdev,
				GPU_L2_READY);
	if (ret)
		drm_err(&ptdev->base, "L2 did not power up (READY 0x%llx, PWRTRANS 0x%llx)\n",
			ready, panthor_read64(ptdev, GPU_L2_PWRTRANS));
	return ret;
}

/**
 * panthor_gpu_l2_power_off() - Power the L2 cache down
 * @ptdev: device
 *
 * The caller has stopped the MCU and cleaned the caches: what the L2 holds
 * is lost.
 *
 * Return: 0 once the L2 is off, -ETIMEDOUT if it does not get there.
 */
int panthor_gpu_l2_power_off(struct panthor_device *ptdev)
{
	u64 mask = panthor_gpu_l2_mask(ptdev);
	u64 ready;
	int ret;

	ret = panthor_gpu_pwr_wait_settled(ptdev, GPU_L2_PWRTRANS, mask);
	if (!ret) {
		panthor_gpu_pwr_request(ptdev, GPU_L2_PWROFF, mask);
		ret = read_poll_timeout(panthor_read64, ready, !(ready & mask),
					PANTHOR_GPU_PWR_POLL_US,
					PANTHOR_GPU_PWR_TIMEOUT_US, false, ptdev,
					GPU_L2_READY);
	}
	if (ret)
		drm_err(&ptdev->base, "L2 did not power down (READY 0x%llx, PWRTRANS 0x%llx)\n",
			panthor_read64(ptdev, GPU_L2_READY),
			panthor_read64(ptdev, GPU_L2_PWRTRANS));
	return ret;
}

/**
 * panthor_gpu_flush_caches() - Clean and/or invalidate the GPU caches
 * @ptdev: device
 * @l2: GPU_FLUSH_MODE_* bits for the L2
 * @lsc: GPU_FLUSH_MODE_* bits for the load/store caches
 * @other: GPU_FLUSH_MODE_INVALIDATE to drop the other caches, or 0
 *
 * Issues FLUSH_CACHES and waits for its CLEAN_CACHES_COMPLETED interrupt.
 * Callers are serialised, since the GPU reports the completion of one
 * command at a time.
 *
 * Return: 0 when the caches are flushed, -ETIMEDOUT if the GPU never says
 * so (the caller should then reset the GPU).
 */
int panthor_gpu_flush_caches(struct panthor_device *ptdev, u32 l2, u32 lsc,
			     u32 other)
{
	struct panthor_gpu *gpu = ptdev->gpu;
	unsigned long timeout = msecs_to_jiffies(PANTHOR_GPU_FLUSH_TIMEOUT_MS);
	u32 payload = FIELD_PREP(GPU_FLUSH_L2_MODE, l2) |
		      FIELD_PREP(GPU_FLUSH_LSC_MODE, lsc) |
		      FIELD_PREP(GPU_FLUSH_OTHER_MODE, other);
	int ret = 0;

	mutex_lock(&gpu->flush_lock);

	WRITE_ONCE(gpu->flush_done, false);
	panthor_write(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_CLEAR,
		      GPU_IRQ_CLEAN_CACHES_COMPLETED);
	panthor_write(ptdev, GPU_COMMAND,
		      GPU_COMMAND_VALUE(GPU_COMMAND_OP_FLUSH_CACHES, payload));

	if (!wait_event_timeout(gpu->flush_wq, READ_ONCE(gpu->flush_done),
				timeout)) {
		/* As for a reset: the completion may be there, its IRQ not. */
		if (panthor_read(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_RAWSTAT) &
		    GPU_IRQ_CLEAN_CACHES_COMPLETED) {
			drm_warn(&ptdev->base, "cache flush completed, but its interrupt never arrived\n");
			panthor_write(ptdev, GPU_IRQ_BASE + PANTHOR_IRQ_CLEAR,
				      GPU_IRQ_CLEAN_CACHES_COMPLETED);
		} else {
			drm_err(&ptdev->base, "cache flush 0x%x timed out\n", payload);
			ret = -ETIMEDOUT;
		}
	}

	mutex_unlock(&gpu->flush_lock);
	return ret;
}

/*
 * Read a free-running 64-bit counter made of a LO/HI register pair: HI,
 * LO, HI again; if HI moved, LO wrapped in between and the read is retried.
 */
static u64 panthor_gpu_read_counter(struct panthor_device *ptdev, u32 reg)
{
	u32 hi, lo, hi_again = panthor_read(ptdev, reg + 4);
	unsigned int tries = PANTHOR_GPU_COUNTER_READ_TRIES;

	do {
		hi = hi_again;
		lo = panthor_read(ptdev, reg);
		hi_again = panthor_read(ptdev, reg + 4);
	} while (hi != hi_again && --tries);

	return (u64)hi << 32 | lo;
}

/**
 * panthor_gpu_read_timestamp() - Read the GPU's global timestamp
 * @ptdev: device, powered
 *
 * Return: TIMESTAMP, the system counter plus TIMESTAMP_OFFSET.
 */
u64 panthor_gpu_read_timestamp(struct panthor_device *ptdev)
{
	return panthor_gpu_read_counter(ptdev, GPU_TIMESTAMP);
}

/**
 * panthor_gpu_read_timestamp_offset() - Read what the GPU adds to the
 * system counter to form its timestamp
 * @ptdev: device, powered
 *
 * Return: TIMESTAMP_OFFSET.
 */
u64 panthor_gpu_read_timestamp_offset(struct panthor_device *ptdev)
{
	/* Written by software only, so it cannot change under our feet. */
	return panthor_read64(ptdev, GPU_TIMESTAMP_OFFSET);
}

/**
 * panthor_gpu_read_cycle_count() - Read the GPU cycle counter
 * @ptdev: device, powered
 *
 * Return: CYCLE_COUNT. It only advances while counting is enabled.
 */
u64 panthor_gpu_read_cycle_count(struct panthor_device *ptdev)
{
	return panthor_gpu_read_counter(ptdev, GPU_CYCLE_COUNT);
}

/**
 * panthor_gpu_timestamp_frequency() - Frequency of the GPU timestamp
 *
 * TIMESTAMP counts the SoC's system counter, the one behind the Arm
 * architected timer, so its frequency is that timer's.
 *
 * Return: the frequency in Hz, or 0 where there is no architected timer to
 * ask (the counter then still works, at a rate the driver cannot tell).
 */
u64 panthor_gpu_timestamp_frequency(void)
{
#ifdef CONFIG_ARM_ARCH_TIMER
	return arch_timer_get_cntfrq();
#else
	return 0;
#endif
}

/**
 * panthor_gpu_suspend() - Quiesce GPU_CONTROL before the GPU loses power
 * @ptdev: device whose firmware and MMU blocks are suspended
 *
 * A soft reset leaves the L2 and every core powered off; the interrupt is
 * then silenced, so nothing touches the registers once the clocks stop.
 */
void panthor_gpu_suspend(struct panthor_device *ptdev)
{
	/* A GPU that does not even reset is reset again on resume. */
	panthor_gpu_soft_reset(ptdev);
	panthor_irq_disable(&ptdev->gpu->irq);
}

/**
 * panthor_gpu_resume() - Bring GPU_CONTROL back after power returned
 * @ptdev: device with its clocks running again
 *
 * Resets the GPU into a known state, which also restores the interrupt
 * mask and the coherency protocol. The L2 is powered by whoever needs it
 * next (the firmware block, before it boots the MCU).
 *
 * Return: 0 on success, -ETIMEDOUT if the GPU does not come out of reset.
 */
int panthor_gpu_resume(struct panthor_device *ptdev)
{
	return panthor_gpu_soft_reset(ptdev);
}
