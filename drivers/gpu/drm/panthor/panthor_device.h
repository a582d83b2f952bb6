/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor device: the per-GPU object every block hangs off, register
 * access helpers, and the interrupt plumbing shared by the GPU, JOB and
 * MMU interrupt lines.
 */

#ifndef __PANTHOR_DEVICE_H__
#define __PANTHOR_DEVICE_H__

#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/pm.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <drm/drm_device.h>

#include "panthor_user_mmio.h"

struct clk;
struct panthor_devfreq;
struct panthor_fw;
struct panthor_gpu;
struct panthor_group_pool;
struct panthor_heap_pools;
struct panthor_mmu;
struct panthor_sched;
struct panthor_vm_pool;

/*
 * Every interrupt source of the GPU (GPU_CONTROL, JOB_CONTROL, MMU) is
 * controlled by a quartet of registers with the same layout. These are the
 * offsets within a quartet; the block's header gives the quartet's base.
 */
#define PANTHOR_IRQ_RAWSTAT	0x0
#define PANTHOR_IRQ_CLEAR	0x4
#define PANTHOR_IRQ_MASK	0x8
#define PANTHOR_IRQ_STATUS	0xc

struct panthor_device;
struct panthor_irq;

/**
 * typedef panthor_irq_handler_t - Block-specific part of an interrupt handler
 * @irq: the interrupt line that fired
 * @status: the sources that were pending; they are already cleared
 *
 * Runs in the threaded half of the handler, so it may sleep.
 */
typedef void (*panthor_irq_handler_t)(struct panthor_irq *irq, u32 status);

/**
 * struct panthor_irq - One of the GPU's interrupt lines and its quartet
 *
 * The hard half of the handler only masks the quartet and wakes the thread;
 * the threaded half clears and handles what is pending, then unmasks. While
 * the line is disabled (device being suspended or removed) the hard half does
 * not touch the hardware at all.
 */
struct panthor_irq {
	/** @ptdev: the device this line belongs to */
	struct panthor_device *ptdev;
	/** @line: Linux interrupt number */
	int line;
	/** @base: register offset of the quartet's RAWSTAT register */
	u32 base;
	/** @mask: sources the block wants; written to MASK while enabled */
	u32 mask;
	/** @enabled: false while the line must stay silent */
	bool enabled;
	/** @lock: serialises @mask/@enabled updates with the final unmask */
	spinlock_t lock;
	/** @handler: block-specific handling of pending sources */
	panthor_irq_handler_t handler;
};

/**
 * struct panthor_clocks - The GPU's clock inputs
 */
struct panthor_clocks {
	/** @core: main GPU clock; the OPP table scales this one */
	struct clk *core;
	/** @coregroup: core-group clock, optional */
	struct clk *coregroup;
	/** @stacks: shader-stack clock, optional */
	struct clk *stacks;
};

/**
 * struct panthor_device - A Mali CSF GPU bound to the panthor driver
 */
struct panthor_device {
	/** @base: the DRM device; panthor_device is allocated around it */
	struct drm_device base;
	/** @phys_addr: bus address of the register window */
	phys_addr_t phys_addr;
	/** @iomem: CPU mapping of the register window */
	void __iomem *iomem;
	/** @clks: clock inputs */
	struct panthor_clocks clks;
	/** @coherent: the device tree marks the GPU ``dma-coherent`` */
	bool coherent;
	/** @gpu: GPU_CONTROL block state */
	struct panthor_gpu *gpu;
	/** @devfreq: frequency scaling state, NULL without an OPP table */
	struct panthor_devfreq *devfreq;
	/** @mmu: address-space slots and the MMU interrupt */
	struct panthor_mmu *mmu;
	/** @fw: firmware, MCU and CSF interface state */
	struct panthor_fw *fw;
	/** @sched: groups on CSG slots, job submission */
	struct panthor_sched *sched;
	/** @user_mmio: the LATEST_FLUSH page userspace maps */
	struct panthor_user_mmio user_mmio;
	/** @reset: recovery from a hung GPU or firmware */
	struct {
		/** @reset.work: runs the reset sequence */
		struct work_struct work;
		/** @reset.pending: a reset is queued or running */
		atomic_t pending;
	} reset;
};

/**
 * struct panthor_file - Per-open-file state
 */
struct panthor_file {
	/** @ptdev: the device the file was opened on */
	struct panthor_device *ptdev;
	/** @vms: the file's VMs, named by VM ids */
	struct panthor_vm_pool *vms;
	/** @groups: the file's scheduling groups, named by group handles */
	struct panthor_group_pool *groups;
	/** @heaps: the file's tiler heaps, by VM id */
	struct panthor_heap_pools *heaps;
	/**
	 * @user_mmio_offset: start of the file's user MMIO window in its mmap
	 * space; mmaps at or above it map the LATEST_FLUSH page
	 */
	u64 user_mmio_offset;
};

/**
 * to_panthor_device() - Get the panthor device of a DRM device
 * @ddev: DRM device embedded in a panthor device
 *
 * Return: the enclosing panthor device.
 */
static inline struct panthor_device *to_panthor_device(struct drm_device *ddev)
{
	return container_of(ddev, struct panthor_device, base);
}

/**
 * panthor_read() - Read a 32-bit GPU register
 * @ptdev: device
 * @reg: register offset in the GPU register window
 *
 * Return: the register value.
 */
static inline u32 panthor_read(struct panthor_device *ptdev, u32 reg)
{
	return readl(ptdev->iomem + reg);
}

/**
 * panthor_write() - Write a 32-bit GPU register
 * @ptdev: device
 * @reg: register offset in the GPU register window
 * @value: value to write
 */
static inline void panthor_write(struct panthor_device *ptdev, u32 reg, u32 value)
{
	writel(value, ptdev->iomem + reg);
}

/**
 * panthor_read64() - Read a LO/HI pair of GPU registers
 * @ptdev: device
 * @reg: offset of the LO register; HI follows at @reg + 4
 *
 * Only for registers that do not change between the two accesses
 * (identification, presence bitmaps). Counters need a tear-free read.
 *
 * Return: the 64-bit value.
 */
static inline u64 panthor_read64(struct panthor_device *ptdev, u32 reg)
{
	return lo_hi_readq(ptdev->iomem + reg);
}

extern const struct dev_pm_ops panthor_device_pm_ops;

int panthor_device_init(struct panthor_device *ptdev);
void panthor_device_schedule_reset(struct panthor_device *ptdev);
bool panthor_device_pm_get_if_powered(struct panthor_device *ptdev);

int panthor_irq_request(struct panthor_device *ptdev, struct panthor_irq *irq,
			const char *name, u32 base, panthor_irq_handler_t handler);
void panthor_irq_enable(struct panthor_irq *irq, u32 mask);
void panthor_irq_disable(struct panthor_irq *irq);

#endif /* __PANTHOR_DEVICE_H__ */
