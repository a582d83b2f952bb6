// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * UML host for the Mali CSF GPU model.
 *
 * This platform driver binds the test bed's "testbed,mali-csf-model" node
 * and turns the host-agnostic model core into a device the unmodified
 * panthor driver can probe:
 *
 *  - the GPU node's register window (found through the testbed,gpu phandle)
 *    is registered with logic_iomem, so the driver's ioremap()ed readl() and
 *    writel() land in mm_reg_read()/mm_reg_write();
 *  - the node is an interrupt controller with three level-triggered lines
 *    (job, mmu, gpu) that follow the model's interrupt outputs;
 *  - a kernel thread runs the model's timed events (resets, power
 *    transitions, firmware and command-stream progress) and delivers
 *    interrupts, so nothing is ever signalled from inside a register access;
 *  - GPU memory accesses go to UML physical memory; anything outside RAM is
 *    a bus fault, as on silicon.
 *
 * logic_iomem regions cannot be unregistered, so the model cannot be unbound
 * or unloaded once it is bound: the test bed loads it once per boot.
 */

#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kthread.h>
#include <linux/logic_iomem.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "mm.h"

#define MMH_USER_PAGE_OFFSET	0x10000u

static char *product = "g610";
module_param(product, charp, 0444);
MODULE_PARM_DESC(product, "GPU to impersonate: g610 (default), g310, g510, g710");

static char *inject;
module_param(inject, charp, 0444);
MODULE_PARM_DESC(inject,
		 "faults armed at probe: KIND[:ARG][,KIND[:ARG]...] with KIND one of mcu_hang, irq_drop, pwr_stuck, bus, cs_fault, cs_fatal, boot_fail (see model/core/mm.h)");

/* Fault kinds by the names used in the inject parameter and in debugfs. */
static const char * const mmh_fault_names[MM_FAULT_COUNT] = {
	[MM_FAULT_NONE] = "none",
	[MM_FAULT_MCU_HANG] = "mcu_hang",
	[MM_FAULT_IRQ_DROP] = "irq_drop",
	[MM_FAULT_PWR_STUCK] = "pwr_stuck",
	[MM_FAULT_BUS] = "bus",
	[MM_FAULT_CS_FAULT] = "cs_fault",
	[MM_FAULT_CS_FATAL] = "cs_fatal",
	[MM_FAULT_BOOT_FAIL] = "boot_fail",
};

/**
 * struct mmh - one emulated GPU and everything that connects it to UML.
 * @dev: the model's platform device.
 * @lock: serialises every call into the model core (register accesses may
 *	come from hard interrupt context, hence a spinlock).
 * @gpu: the model core's state (mm_size() bytes, allocated after this).
 * @window: the GPU node's register window, claimed through logic_iomem.
 * @user_page: CPU address of the RAM page mirroring the USER page, or NULL.
 * @domain: irq domain of the three GPU interrupt lines.
 * @line_level: bit n set while model line n is asserted.
 * @line_masked: bit n set while the irq core has line n masked.
 * @thread: runs timed model events and delivers interrupts.
 * @wq: the thread sleeps here.
 * @work_pending: set when the thread has something to do.
 * @timer: wakes the thread when the model asked to be run later.
 * @debugfs: the model's debugfs directory (fault injection).
 * @fault_files: per-kind context of the debugfs inject_* files.
 */
struct mmh {
	struct device *dev;
	spinlock_t lock; /* serialises calls into the model core */
	struct mm_gpu *gpu;
	struct resource window;
	u32 *user_page;
	struct irq_domain *domain;
	unsigned long line_level;
	unsigned long line_masked;
	struct task_struct *thread;
	wait_queue_head_t wq;
	atomic_t work_pending;
	struct hrtimer timer;
	struct dentry *debugfs;
	struct mmh_fault_file {
		struct mmh *mmh;
		enum mm_fault_kind kind;
	} fault_files[MM_FAULT_COUNT];
};

/* logic_iomem's map callback has no context pointer: one model per boot. */
static struct mmh *mmh_instance;

static void mmh_wake(struct mmh *mmh)
{
	atomic_set(&mmh->work_pending, 1);
	wake_up(&mmh->wq);
}

/* ---- Services for the model core ---------------------------------------- */

static int mmh_mem_access(u64 pa, void *buf, u32 len, bool write)
{
	while (len) {
		u32 chunk = min_t(u32, len, PAGE_SIZE - offset_in_page(pa));
		void *va;

		if (!pfn_valid(PHYS_PFN(pa)))
			return -EFAULT;

		va = phys_to_virt(pa);
		if (write)
			memcpy(va, buf, chunk);
		else
			memcpy(buf, va, chunk);

		pa += chunk;
		buf += chunk;
		len -= chunk;
	}
	return 0;
}

static int mmh_mem_read(void *host, u64 pa, void *buf, u32 len)
{
	return mmh_mem_access(pa, buf, len, false);
}

static int mmh_mem_write(void *host, u64 pa, const void *buf, u32 len)
{
	return mmh_mem_access(pa, (void *)buf, len, true);
}

static void mmh_set_irq(void *host, enum mm_irq_line line, bool level)
{
	struct mmh *mmh = host;

	if (level) {
		set_bit(line, &mmh->line_level);
		mmh_wake(mmh);
	} else {
		clear_bit(line, &mmh->line_level);
	}
}

static u64 mmh_now_ns(void *host)
{
	return ktime_get_ns();
}

static void mmh_kick(void *host, u64 delay_ns)
{
	struct mmh *mmh = host;
	ktime_t expires;

	if (!delay_ns) {
		mmh_wake(mmh);
		return;
	}

	expires = ktime_add_ns(ktime_get(), delay_ns);
	if (hrtimer_active(&mmh->timer) &&
	    ktime_before(hrtimer_get_expires(&mmh->timer), expires))
		return;

	hrtimer_start(&mmh->timer, expires, HRTIMER_MODE_ABS);
}

static void mmh_log(void *host, const char *msg)
{
	struct mmh *mmh = host;

	dev_info(mmh->dev, "%s\n", msg);
}

static const struct mm_host_ops mmh_ops = {
	.mem_read = mmh_mem_read,
	.mem_write = mmh_mem_write,
	.set_irq = mmh_set_irq,
	.now_ns = mmh_now_ns,
	.kick = mmh_kick,
	.log = mmh_log,
};

/*
 * The driver may map the USER page (LATEST_FLUSH) into userspace. Register
 * windows cannot be mapped under UML, so the window lives in reserved RAM
 * and the model keeps that RAM page in step with the register.
 */
static void mmh_mirror_user_page(struct mmh *mmh)
{
	if (mmh->user_page)
		WRITE_ONCE(*mmh->user_page,
			   mm_reg_read(mmh->gpu, MMH_USER_PAGE_OFFSET));
}

/* ---- Register window ---------------------------------------------------- */

static u32 mmh_read32(struct mmh *mmh, unsigned int offset)
{
	unsigned long flags;
	u32 val;

	spin_lock_irqsave(&mmh->lock, flags);
	val = mm_reg_read(mmh->gpu, offset);
	spin_unlock_irqrestore(&mmh->lock, flags);
	return val;
}

static void mmh_write32(struct mmh *mmh, unsigned int offset, u32 val)
{
	unsigned long flags;

	spin_lock_irqsave(&mmh->lock, flags);
	mm_reg_write(mmh->gpu, offset, val);
	mmh_mirror_user_page(mmh);
	spin_unlock_irqrestore(&mmh->lock, flags);
}

static unsigned long mmh_io_read(void *priv, unsigned int offset, int size)
{
	struct mmh *mmh = priv;
	unsigned int shift = (offset & 3) * 8;
	u32 word;

	switch (size) {
	case 8:
		return mmh_read32(mmh, offset) |
		       ((unsigned long)mmh_read32(mmh, offset + 4) << 32);
	case 4:
		return mmh_read32(mmh, offset);
	default:
		/* Sub-word reads see the containing 32-bit register. */
		word = mmh_read32(mmh, offset & ~3u);
		return (word >> shift) & GENMASK(size * 8 - 1, 0);
	}
}

static void mmh_io_write(void *priv, unsigned int offset, int size,
			 unsigned long val)
{
	struct mmh *mmh = priv;

	switch (size) {
	case 8:
		mmh_write32(mmh, offset, lower_32_bits(val));
		mmh_write32(mmh, offset + 4, upper_32_bits(val));
		break;
	case 4:
		mmh_write32(mmh, offset, val);
		break;
	default:
		/* The GPU only decodes 32-bit accesses: drop the others. */
		dev_warn_ratelimited(mmh->dev,
				     "ignored %d-byte write at 0x%x\n",
				     size, offset);
		break;
	}
}

static const struct logic_iomem_ops mmh_io_ops = {
	.read = mmh_io_read,
	.write = mmh_io_write,
};

static long mmh_io_map(unsigned long offset, size_t size,
		       const struct logic_iomem_ops **ops, void **priv)
{
	if (!mmh_instance || offset + size > MM_REG_WINDOW_SIZE)
		return -EINVAL;

	*ops = &mmh_io_ops;
	*priv = mmh_instance;
	/* Make later offsets relative to the start of the window. */
	return offset;
}

static const struct logic_iomem_region_ops mmh_region_ops = {
	.map = mmh_io_map,
};

/* ---- Interrupt controller ----------------------------------------------- */

static void mmh_irq_mask(struct irq_data *d)
{
	struct mmh *mmh = irq_data_get_irq_chip_data(d);

	set_bit(irqd_to_hwirq(d), &mmh->line_masked);
}

static void mmh_irq_unmask(struct irq_data *d)
{
	struct mmh *mmh = irq_data_get_irq_chip_data(d);

	clear_bit(irqd_to_hwirq(d), &mmh->line_masked);
	/* A level interrupt still asserted fires again once unmasked. */
	if (test_bit(irqd_to_hwirq(d), &mmh->line_level))
		mmh_wake(mmh);
}

static struct irq_chip mmh_irq_chip = {
	.name = "mali-model",
	.irq_mask = mmh_irq_mask,
	.irq_unmask = mmh_irq_unmask,
};

static int mmh_irq_map(struct irq_domain *d, unsigned int virq,
		       irq_hw_number_t hwirq)
{
	if (hwirq >= MM_IRQ_COUNT)
		return -EINVAL;

	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, &mmh_irq_chip, handle_level_irq);
	return 0;
}

static const struct irq_domain_ops mmh_irq_domain_ops = {
	.map = mmh_irq_map,
	.xlate = irq_domain_xlate_onecell,
};

static void mmh_deliver_irqs(struct mmh *mmh)
{
	unsigned int line;

	for (line = 0; line < MM_IRQ_COUNT; line++) {
		unsigned int virq;

		if (!test_bit(line, &mmh->line_level) ||
		    test_bit(line, &mmh->line_masked))
			continue;

		virq = irq_find_mapping(mmh->domain, line);
		if (virq)
			generic_handle_irq_safe(virq);
	}
}

/* ---- The GPU's clock ---------------------------------------------------- */

static enum hrtimer_restart mmh_timer_fn(struct hrtimer *timer)
{
	struct mmh *mmh = container_of(timer, struct mmh, timer);

	mmh_wake(mmh);
	return HRTIMER_NORESTART;
}

static int mmh_thread_fn(void *data)
{
	struct mmh *mmh = data;

	while (!kthread_should_stop()) {
		unsigned long flags;

		wait_event_interruptible(mmh->wq,
					 atomic_xchg(&mmh->work_pending, 0) ||
					 kthread_should_stop());

		spin_lock_irqsave(&mmh->lock, flags);
		mm_run(mmh->gpu);
		mmh_mirror_user_page(mmh);
		spin_unlock_irqrestore(&mmh->lock, flags);

		mmh_deliver_irqs(mmh);
		cond_resched();
	}
	return 0;
}

/* ---- Fault injection ---------------------------------------------------- */

static int mmh_inject(struct mmh *mmh, enum mm_fault_kind kind, u64 arg)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&mmh->lock, flags);
	ret = mm_inject(mmh->gpu, kind, arg);
	spin_unlock_irqrestore(&mmh->lock, flags);
	if (ret)
		return -EINVAL;

	dev_info(mmh->dev, "fault injection: %s (0x%llx)\n",
		 mmh_fault_names[kind], arg);
	mmh_wake(mmh);
	return 0;
}

/* Writing ARG to /sys/kernel/debug/mali-model/inject_KIND arms that fault. */
static int mmh_fault_file_set(void *data, u64 arg)
{
	struct mmh_fault_file *ff = data;

	return mmh_inject(ff->mmh, ff->kind, arg);
}
DEFINE_DEBUGFS_ATTRIBUTE(mmh_fault_fops, NULL, mmh_fault_file_set, "%llu\n");

static void mmh_remove_debugfs(void *data)
{
	debugfs_remove_recursive(data);
}

static int mmh_create_debugfs(struct mmh *mmh)
{
	char name[32];
	int kind;

	mmh->debugfs = debugfs_create_dir("mali-model", NULL);
	for (kind = 0; kind < MM_FAULT_COUNT; kind++) {
		mmh->fault_files[kind].mmh = mmh;
		mmh->fault_files[kind].kind = kind;
		snprintf(name, sizeof(name), "inject_%s", mmh_fault_names[kind]);
		debugfs_create_file_unsafe(name, 0200, mmh->debugfs,
					   &mmh->fault_files[kind],
					   &mmh_fault_fops);
	}
	return devm_add_action_or_reset(mmh->dev, mmh_remove_debugfs,
					mmh->debugfs);
}

/* Arm the faults named by the inject= parameter: "kind[:arg],...". */
static int mmh_inject_from_param(struct mmh *mmh)
{
	char *buf, *cursor, *item;
	int ret = 0;

	if (!inject || !*inject)
		return 0;

	buf = kstrdup(inject, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	cursor = buf;
	while (!ret && (item = strsep(&cursor, ","))) {
		char *arg_str = item;
		char *kind_str = strsep(&arg_str, ":");
		u64 arg = 0;
		int kind;

		kind = match_string(mmh_fault_names, MM_FAULT_COUNT, kind_str);
		if (kind < 0 || (arg_str && kstrtou64(arg_str, 0, &arg))) {
			dev_err(mmh->dev, "bad inject item '%s'\n", kind_str);
			ret = -EINVAL;
			break;
		}
		ret = mmh_inject(mmh, kind, arg);
	}
	kfree(buf);
	return ret;
}

/* ---- Probe -------------------------------------------------------------- */

static int mmh_parse_product(struct device *dev, enum mm_product *out)
{
	static const char * const names[MM_PRODUCT_COUNT] = {
		[MM_PRODUCT_G610] = "g610",
		[MM_PRODUCT_G310] = "g310",
		[MM_PRODUCT_G510] = "g510",
		[MM_PRODUCT_G710] = "g710",
	};
	int i;

	i = sysfs_match_string(names, product);
	if (i < 0) {
		dev_err(dev, "unknown product '%s'\n", product);
		return -EINVAL;
	}
	*out = i;
	return 0;
}

static int mmh_find_window(struct mmh *mmh)
{
	struct device_node *gpu_np;
	int ret;

	gpu_np = of_parse_phandle(mmh->dev->of_node, "testbed,gpu", 0);
	if (!gpu_np)
		return dev_err_probe(mmh->dev, -ENODEV,
				     "no testbed,gpu phandle\n");

	ret = of_address_to_resource(gpu_np, 0, &mmh->window);
	of_node_put(gpu_np);
	if (ret)
		return dev_err_probe(mmh->dev, ret, "GPU node has no reg\n");

	if (resource_size(&mmh->window) < MM_REG_WINDOW_SIZE)
		return dev_err_probe(mmh->dev, -EINVAL,
				     "GPU window %pR smaller than 2 MiB\n",
				     &mmh->window);

	mmh->window.name = "mali-model";
	mmh->window.flags = IORESOURCE_MEM;
	return 0;
}

static void mmh_find_user_page(struct mmh *mmh)
{
	phys_addr_t pa = mmh->window.start + MMH_USER_PAGE_OFFSET;

	if (pfn_valid(PHYS_PFN(pa)))
		mmh->user_page = phys_to_virt(pa);
	else
		dev_info(mmh->dev,
			 "GPU window not in RAM: USER page not mappable\n");
}

static void mmh_free_state(void *data)
{
	kvfree(data);
}

static void mmh_remove_domain(void *data)
{
	irq_domain_remove(data);
}

static void mmh_stop_thread(void *data)
{
	struct mmh *mmh = data;

	kthread_stop(mmh->thread);
	hrtimer_cancel(&mmh->timer);
}

static int mmh_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	enum mm_product prod;
	struct mmh *mmh;
	int ret;

	if (mmh_instance)
		return dev_err_probe(dev, -EBUSY, "only one model per boot\n");

	ret = mmh_parse_product(dev, &prod);
	if (ret)
		return ret;

	mmh = devm_kzalloc(dev, sizeof(*mmh), GFP_KERNEL);
	if (!mmh)
		return -ENOMEM;
	/* The model's state is large (interface blocks, CS state): vmalloc. */
	mmh->gpu = kvzalloc(mm_size(), GFP_KERNEL);
	if (!mmh->gpu)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, mmh_free_state, mmh->gpu);
	if (ret)
		return ret;

	mmh->dev = dev;
	spin_lock_init(&mmh->lock);
	init_waitqueue_head(&mmh->wq);
	hrtimer_init(&mmh->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	mmh->timer.function = mmh_timer_fn;

	ret = mmh_find_window(mmh);
	if (ret)
		return ret;
	mmh_find_user_page(mmh);

	ret = mm_init(mmh->gpu, prod, &mmh_ops, mmh);
	if (ret)
		return dev_err_probe(dev, -EINVAL, "model init failed\n");

	mmh->domain = irq_domain_create_linear(dev_fwnode(dev), MM_IRQ_COUNT,
					       &mmh_irq_domain_ops, mmh);
	if (!mmh->domain)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, mmh_remove_domain, mmh->domain);
	if (ret)
		return ret;

	mmh->thread = kthread_run(mmh_thread_fn, mmh, "mali-model");
	if (IS_ERR(mmh->thread))
		return PTR_ERR(mmh->thread);
	ret = devm_add_action_or_reset(dev, mmh_stop_thread, mmh);
	if (ret)
		return ret;

	ret = mmh_create_debugfs(mmh);
	if (ret)
		return ret;
	ret = mmh_inject_from_param(mmh);
	if (ret)
		return ret;

	/* Last: from here on the window is live and cannot be taken back. */
	mmh_instance = mmh;
	ret = logic_iomem_add_region(&mmh->window, &mmh_region_ops);
	if (ret) {
		mmh_instance = NULL;
		return dev_err_probe(dev, ret, "cannot claim %pR\n",
				     &mmh->window);
	}

	dev_info(dev, "%s model at %pR\n", mm_product_name(prod),
		 &mmh->window);
	return 0;
}

static const struct of_device_id mmh_of_match[] = {
	{ .compatible = "testbed,mali-csf-model" },
	{ }
};
MODULE_DEVICE_TABLE(of, mmh_of_match);

static struct platform_driver mmh_driver = {
	.probe = mmh_probe,
	.driver = {
		.name = "mali-model",
		.of_match_table = mmh_of_match,
		.suppress_bind_attrs = true,
	},
};

/* No module_exit(): a claimed logic_iomem region can never be released. */
static int __init mmh_init(void)
{
	return platform_driver_register(&mmh_driver);
}
module_init(mmh_init);

MODULE_DESCRIPTION("Mali CSF GPU model for the UML test bed");
MODULE_LICENSE("Dual MIT/GPL");
