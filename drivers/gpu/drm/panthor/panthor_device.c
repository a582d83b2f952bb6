// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor device: brings the GPU's power, clocks, registers and interrupt
 * lines up in a fixed order, and hands each hardware block what it needs.
 *
 * Everything acquired here is device-managed, so a failed probe and an
 * unbind both undo the steps in reverse order without extra code.
 */

#include <linux/clk.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/regulator/consumer.h>

#include <drm/drm_drv.h>
#include <drm/drm_print.h>

#include "panthor_devfreq.h"
#include "panthor_device.h"
#include "panthor_fw.h"
#include "panthor_gpu.h"
#include "panthor_mmu.h"
#include "panthor_sched.h"

static irqreturn_t panthor_irq_hard_handler(int line, void *data)
{
	struct panthor_irq *irq = data;
	struct panthor_device *ptdev = irq->ptdev;

	/* A disabled line may belong to a powered-down GPU: do not touch it. */
	if (!READ_ONCE(irq->enabled))
		return IRQ_NONE;

	if (!panthor_read(ptdev, irq->base + PANTHOR_IRQ_STATUS))
		return IRQ_NONE;

	/* Silence the source until the thread has dealt with it. */
	panthor_write(ptdev, irq->base + PANTHOR_IRQ_MASK, 0);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t panthor_irq_thread_handler(int line, void *data)
{
	struct panthor_irq *irq = data;
	struct panthor_device *ptdev = irq->ptdev;
	irqreturn_t ret = IRQ_NONE;
	unsigned long flags;
	u32 status;

	/*
	 * The quartet stays masked while we run, so new events only show up
	 * in RAWSTAT: keep going until nothing we care about is left there.
	 */
	for (;;) {
		status = panthor_read(ptdev, irq->base + PANTHOR_IRQ_RAWSTAT) &
			 READ_ONCE(irq->mask);
		if (!status)
			break;

		panthor_write(ptdev, irq->base + PANTHOR_IRQ_CLEAR, status);
		irq->handler(irq, status);
		ret = IRQ_HANDLED;
	}

	spin_lock_irqsave(&irq->lock, flags);
	if (irq->enabled)
		panthor_write(ptdev, irq->base + PANTHOR_IRQ_MASK, irq->mask);
	spin_unlock_irqrestore(&irq->lock, flags);

	return ret;
}

/**
 * panthor_irq_request() - Look up an interrupt line by name and install it
 * @ptdev: device
 * @irq: line state to initialise, owned by the calling block
 * @name: the line's entry in the device tree's interrupt-names
 * @base: register offset of the line's RAWSTAT/CLEAR/MASK/STATUS quartet
 * @handler: block-specific handler, called with the pending sources
 *
 * The line is left disabled with all sources masked; the block enables it
 * with panthor_irq_enable() once the hardware is ready. The handler is
 * released automatically when the device goes away.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_irq_request(struct panthor_device *ptdev, struct panthor_irq *irq,
			const char *name, u32 base, panthor_irq_handler_t handler)
{
	struct platform_device *pdev = to_platform_device(ptdev->base.dev);
	int line;

	line = platform_get_irq_byname(pdev, name);
	if (line < 0)
		return line;

	irq->ptdev = ptdev;
	irq->line = line;
	irq->base = base;
	irq->mask = 0;
	irq->enabled = false;
	irq->handler = handler;
	spin_lock_init(&irq->lock);

	/* Whatever a boot loader left enabled or pending must not reach us. */
	panthor_write(ptdev, base + PANTHOR_IRQ_MASK, 0);
	panthor_write(ptdev, base + PANTHOR_IRQ_CLEAR, ~0u);

	return devm_request_threaded_irq(ptdev->base.dev, line,
					 panthor_irq_hard_handler,
					 panthor_irq_thread_handler,
					 IRQF_SHARED, name, irq);
}

/**
 * panthor_irq_enable() - Unmask a set of sources on an interrupt line
 * @irq: line
 * @mask: the sources to deliver from now on (replaces the previous set)
 *
 * Also used to re-program the mask after a GPU reset, which may clear it.
 */
void panthor_irq_enable(struct panthor_irq *irq, u32 mask)
{
	unsigned long flags;

	spin_lock_irqsave(&irq->lock, flags);
	WRITE_ONCE(irq->mask, mask);
	WRITE_ONCE(irq->enabled, true);
	panthor_write(irq->ptdev, irq->base + PANTHOR_IRQ_MASK, mask);
	spin_unlock_irqrestore(&irq->lock, flags);
}

/**
 * panthor_irq_disable() - Mask an interrupt line and wait for its handler
 * @irq: line
 *
 * When this returns, neither half of the handler is running and none will
 * run again until panthor_irq_enable() is called.
 */
void panthor_irq_disable(struct panthor_irq *irq)
{
	unsigned long flags;

	spin_lock_irqsave(&irq->lock, flags);
	WRITE_ONCE(irq->enabled, false);
	panthor_write(irq->ptdev, irq->base + PANTHOR_IRQ_MASK, 0);
	spin_unlock_irqrestore(&irq->lock, flags);

	synchronize_irq(irq->line);
}

static int panthor_clocks_get(struct panthor_device *ptdev)
{
	struct device *dev = ptdev->base.dev;
	const char *core_name = "core";

	/* A node with a single, unnamed clock gives the core clock. */
	if (!of_property_present(dev->of_node, "clock-names"))
		core_name = NULL;

	ptdev->clks.core = devm_clk_get(dev, core_name);
	if (IS_ERR(ptdev->clks.core))
		return dev_err_probe(dev, PTR_ERR(ptdev->clks.core),
				     "core clock\n");

	ptdev->clks.coregroup = devm_clk_get_optional(dev, "coregroup");
	if (IS_ERR(ptdev->clks.coregroup))
		return dev_err_probe(dev, PTR_ERR(ptdev->clks.coregroup),
				     "coregroup clock\n");

	ptdev->clks.stacks = devm_clk_get_optional(dev, "stacks");
	if (IS_ERR(ptdev->clks.stacks))
		return dev_err_probe(dev, PTR_ERR(ptdev->clks.stacks),
				     "stacks clock\n");

	return 0;
}

static int panthor_clocks_enable(struct panthor_device *ptdev)
{
	int ret;

	ret = clk_prepare_enable(ptdev->clks.core);
	if (ret)
		return ret;

	ret = clk_prepare_enable(ptdev->clks.coregroup);
	if (ret)
		goto err_disable_core;

	ret = clk_prepare_enable(ptdev->clks.stacks);
	if (ret)
		goto err_disable_coregroup;

	return 0;

err_disable_coregroup:
	clk_disable_unprepare(ptdev->clks.coregroup);
err_disable_core:
	clk_disable_unprepare(ptdev->clks.core);
	return ret;
}

static void panthor_clocks_disable(struct panthor_device *ptdev)
{
	clk_disable_unprepare(ptdev->clks.stacks);
	clk_disable_unprepare(ptdev->clks.coregroup);
	clk_disable_unprepare(ptdev->clks.core);
}

static void panthor_clocks_disable_action(void *data)
{
	panthor_clocks_disable(data);
}

static int panthor_map_registers(struct panthor_device *ptdev)
{
	struct platform_device *pdev = to_platform_device(ptdev->base.dev);
	struct resource *res;

	ptdev->iomem = devm_platform_get_and_ioremap_resource(pdev, 0, &res);
	if (IS_ERR(ptdev->iomem))
		return PTR_ERR(ptdev->iomem);

	ptdev->phys_addr = res->start;
	return 0;
}

/*
 * Recovery (mali-csf-hw.md §5.3): stop the firmware without asking it
 * anything, reset the GPU with the MMU quiesced around it, and boot the
 * firmware again from its image.
 */
static void panthor_device_reset_work(struct work_struct *work)
{
	struct panthor_device *ptdev =
		container_of(work, struct panthor_device, reset.work);
	int cookie, ret;

	/* An unplugged device is being torn down: nothing to recover. */
	if (!drm_dev_enter(&ptdev->base, &cookie))
		return;

	/*
	 * A suspended GPU needs no recovery: its firmware did not halt
	 * cleanly, so the next resume boots it from the image anyway.
	 */
	if (!panthor_device_pm_get_if_powered(ptdev))
		goto out;

	panthor_sched_pre_reset(ptdev);
	panthor_fw_pre_reset(ptdev, true);
	panthor_mmu_pre_reset(ptdev);
	ret = panthor_gpu_soft_reset(ptdev);
	panthor_mmu_post_reset(ptdev);
	if (!ret)
		ret = panthor_fw_post_reset(ptdev);
	if (ret)
		drm_err(&ptdev->base, "GPU reset failed: %d\n", ret);
	panthor_sched_post_reset(ptdev, !ret);

	pm_runtime_mark_last_busy(ptdev->base.dev);
	pm_runtime_put_autosuspend(ptdev->base.dev);
out:
	atomic_set(&ptdev->reset.pending, 0);
	drm_dev_exit(cookie);
}

/**
 * panthor_device_schedule_reset() - Ask for the GPU to be reset
 * @ptdev: device
 *
 * For blocks that found the GPU or its firmware stuck. Requests made while
 * a reset is queued or running are merged into it.
 */
void panthor_device_schedule_reset(struct panthor_device *ptdev)
{
	if (!atomic_cmpxchg(&ptdev->reset.pending, 0, 1))
		queue_work(system_unbound_wq, &ptdev->reset.work);
}

static void panthor_device_reset_fini(void *data)
{
	struct panthor_device *ptdev = data;

	cancel_work_sync(&ptdev->reset.work);
}

/**
 * panthor_device_pm_get_if_powered() - Hold the GPU's power if it has it
 * @ptdev: device
 *
 * For work that only makes sense on a powered GPU (ringing a doorbell,
 * recovering a hung firmware) and must not power it up. On success the
 * caller drops the reference with pm_runtime_put_autosuspend().
 *
 * Without CONFIG_PM the GPU is powered from probe to unbind, but the
 * runtime PM stub of pm_runtime_get_if_active() returns -EINVAL: it would
 * make every caller believe the GPU is off.
 *
 * Return: true if the GPU is powered and stays so until the reference is
 * dropped, false if it is suspended or on its way there.
 */
bool panthor_device_pm_get_if_powered(struct panthor_device *ptdev)
{
	if (!IS_ENABLED(CONFIG_PM))
		return true;

	return pm_runtime_get_if_active(ptdev->base.dev) > 0;
}

/* How long the GPU stays powered after its last user let go. */
#define PANTHOR_AUTOSUSPEND_DELAY_MS	50

static int panthor_device_runtime_suspend(struct device *dev)
{
	struct panthor_device *ptdev = dev_get_drvdata(dev);

	/* Userspace reads the dummy flush id from now on. */
	panthor_user_mmio_suspend(ptdev);

	/* §5.2: groups saved, firmware halted, address spaces off, GPU reset, clocks off. */
	panthor_sched_suspend(ptdev);
	panthor_fw_suspend(ptdev);
	panthor_mmu_suspend(ptdev);
	panthor_gpu_suspend(ptdev);
	panthor_clocks_disable(ptdev);
	return 0;
}

static int panthor_device_runtime_resume(struct device *dev)
{
	struct panthor_device *ptdev = dev_get_drvdata(dev);
	int ret;

	ret = panthor_clocks_enable(ptdev);
	if (ret)
		return ret;

	ret = panthor_gpu_resume(ptdev);
	if (ret)
		goto err_gpu;

	panthor_mmu_resume(ptdev);
	ret = panthor_fw_resume(ptdev);
	if (ret)
		goto err_mmu;

	panthor_user_mmio_resume(ptdev);
	panthor_sched_resume(ptdev);
	return 0;

err_mmu:
	panthor_mmu_suspend(ptdev);
err_gpu:
	panthor_gpu_suspend(ptdev);
	panthor_clocks_disable(ptdev);
	return ret;
}

/*
 * Runtime suspend halts the firmware and powers the GPU down; system sleep
 * goes through the same steps.
 */
const struct dev_pm_ops panthor_device_pm_ops = {
	RUNTIME_PM_OPS(panthor_device_runtime_suspend,
		       panthor_device_runtime_resume, NULL)
	SYSTEM_SLEEP_PM_OPS(pm_runtime_force_suspend, pm_runtime_force_resume)
};

static void panthor_device_pm_put(void *data)
{
	struct panthor_device *ptdev = data;

	pm_runtime_put_noidle(ptdev->base.dev);
}

static void panthor_device_pm_get(void *data)
{
	struct panthor_device *ptdev = data;

	/* The blocks stop the hardware on their way out: it must be powered. */
	pm_runtime_get_sync(ptdev->base.dev);
}

/*
 * Runtime PM starts with the device powered and held by the probe; the
 * reference is balanced by a device-managed put, so that a failed probe
 * leaves the usage count as it found it.
 *
 * Without CONFIG_PM all of this compiles to nothing: the probe brings the
 * GPU up (clocks, GPU, MMU, firmware) and it stays up until unbind, where
 * the blocks stop it exactly as they do with runtime PM, which powers the
 * GPU up again first. The runtime PM calls elsewhere are then stubs that
 * report a powered device, except pm_runtime_get_if_active(): see
 * panthor_device_pm_get_if_powered().
 */
static int panthor_device_pm_init(struct panthor_device *ptdev)
{
	struct device *dev = ptdev->base.dev;
	int ret;

	pm_runtime_set_active(dev);
	pm_runtime_get_noresume(dev);
	ret = devm_add_action_or_reset(dev, panthor_device_pm_put, ptdev);
	if (ret)
		return ret;

	pm_runtime_set_autosuspend_delay(dev, PANTHOR_AUTOSUSPEND_DELAY_MS);
	pm_runtime_use_autosuspend(dev);
	return devm_pm_runtime_enable(dev);
}

/**
 * panthor_device_init() - Bring the GPU up far enough to be queried
 * @ptdev: device, freshly allocated by the platform driver's probe
 *
 * Order, and why:
 *
 * 1. ``sram`` supply: feeds the GPU's RAMs and must be on before the
 *    ``mali`` supply changes; it stays on for the device's lifetime.
 * 2. Clock handles: the OPP layer below scales the core clock.
 * 3. OPP table and devfreq: sets the ``mali`` supply's voltage and enables
 *    it, and sets the core clock to a rate that voltage allows.
 * 4. Clocks on: only now may the register window be accessed.
 * 5. Register window.
 * 6. GPU_CONTROL: identify, reset, cache features, GPU interrupt.
 * 7. DMA mask from the physical address width the GPU reports.
 * 8. MMU: address-space slots and the MMU interrupt; page tables are
 *    allocated through the DMA API, so after the DMA mask.
 * 9. Firmware: loaded into the MCU's VM, which needs the MMU, and booted.
 * 10. Scheduler: sized by the firmware's interface; from then on groups can
 *    be created and jobs submitted.
 * 11. Runtime PM lets go of the GPU: it powers down once idle. Runtime PM
 *    is enabled before the blocks start, holding the device powered, and
 *    when the device goes away the GPU is powered up again first, so that
 *    the blocks find working hardware to stop.
 *
 * A reset queued by a block (the firmware watchdog) is cancelled after the
 * blocks are gone; by then nothing queues one any more, and a reset that
 * runs after the device was unplugged does nothing.
 *
 * All resources are device-managed and released in reverse order.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_device_init(struct panthor_device *ptdev)
{
	struct device *dev = ptdev->base.dev;
	int ret;

	/*
	 * Ask the device tree, not the DMA layer: architectures whose DMA is
	 * coherent by construction (x86, UML) call every device coherent, yet
	 * only a board whose interconnect lets the GPU snoop marks the node.
	 */
	ptdev->coherent = device_property_read_bool(dev, "dma-coherent");

	ret = devm_regulator_get_enable_optional(dev, "sram");
	if (ret && ret != -ENODEV)
		return dev_err_probe(dev, ret, "sram supply\n");

	ret = panthor_clocks_get(ptdev);
	if (ret)
		return ret;

	ret = panthor_devfreq_init(ptdev);
	if (ret)
		return ret;

	ret = panthor_clocks_enable(ptdev);
	if (ret)
		return dev_err_probe(dev, ret, "enabling clocks\n");

	ret = devm_add_action_or_reset(dev, panthor_clocks_disable_action, ptdev);
	if (ret)
		return ret;

	ret = panthor_map_registers(ptdev);
	if (ret)
		return ret;

	ret = panthor_device_pm_init(ptdev);
	if (ret)
		return ret;

	ret = panthor_gpu_init(ptdev);
	if (ret)
		return ret;

	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(panthor_gpu_pa_bits(ptdev)));
	if (ret)
		return dev_err_probe(dev, ret, "DMA mask\n");

	/*
	 * The GPU MMU maps any scatterlist segment length: let the DMA layer
	 * merge pages into segments as long as it likes.
	 */
	dma_set_max_seg_size(dev, UINT_MAX);

	INIT_WORK(&ptdev->reset.work, panthor_device_reset_work);
	ret = devm_add_action_or_reset(dev, panthor_device_reset_fini, ptdev);
	if (ret)
		return ret;

	ret = panthor_mmu_init(ptdev);
	if (ret)
		return ret;

	ret = panthor_fw_init(ptdev);
	if (ret)
		return ret;

	ret = panthor_user_mmio_init(ptdev);
	if (ret)
		return ret;

	ret = panthor_sched_init(ptdev);
	if (ret)
		return ret;

	ret = devm_add_action_or_reset(dev, panthor_device_pm_get, ptdev);
	if (ret)
		return ret;

	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);
	return 0;
}
