// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor devfreq.
 *
 * The ``mali`` supply and the core clock move together along the device
 * tree's OPP table. The OPP layer owns the supply: it enables it the first
 * time an OPP is set and disables it when the table goes away. The
 * simple_ondemand governor picks the OPP from how much of each polling
 * period the GPU was busy, which the scheduler reports through
 * panthor_devfreq_record_busy() and panthor_devfreq_record_idle().
 */

#include <linux/clk.h>
#include <linux/devfreq.h>
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/pm_opp.h>
#include <linux/regulator/consumer.h>
#include <linux/spinlock.h>

#include <drm/drm_managed.h>
#include <drm/drm_print.h>

#include "panthor_devfreq.h"
#include "panthor_device.h"

/* Governor sampling period. */
#define PANTHOR_DEVFREQ_POLL_MS		50

/**
 * struct panthor_devfreq - Frequency scaling state
 */
struct panthor_devfreq {
	/** @devfreq: the devfreq device */
	struct devfreq *devfreq;
	/** @profile: callbacks and initial frequency handed to devfreq */
	struct devfreq_dev_profile profile;
	/** @lock: protects the load accounting below */
	spinlock_t lock;
	/** @busy: whether the GPU currently has work */
	bool busy;
	/** @last_update: when @busy_ns was last brought up to date */
	ktime_t last_update;
	/** @window_start: when the governor last looked */
	ktime_t window_start;
	/** @busy_ns: busy nanoseconds since @window_start */
	u64 busy_ns;
};

static struct panthor_device *dev_to_panthor(struct device *dev)
{
	return dev_get_drvdata(dev);
}

/* Move the accounting up to @now. Called with pdf->lock held. */
static void panthor_devfreq_account(struct panthor_devfreq *pdf, ktime_t now)
{
	if (pdf->busy)
		pdf->busy_ns += ktime_to_ns(ktime_sub(now, pdf->last_update));
	pdf->last_update = now;
}

static void panthor_devfreq_set_busy(struct panthor_device *ptdev, bool busy)
{
	struct panthor_devfreq *pdf = ptdev->devfreq;
	unsigned long flags;

	if (!pdf)
		return;

	spin_lock_irqsave(&pdf->lock, flags);
	panthor_devfreq_account(pdf, ktime_get());
	pdf->busy = busy;
	spin_unlock_irqrestore(&pdf->lock, flags);
}

/**
 * panthor_devfreq_record_busy() - Note that the GPU started working
 * @ptdev: device
 */
void panthor_devfreq_record_busy(struct panthor_device *ptdev)
{
	panthor_devfreq_set_busy(ptdev, true);
}

/**
 * panthor_devfreq_record_idle() - Note that the GPU ran out of work
 * @ptdev: device
 */
void panthor_devfreq_record_idle(struct panthor_device *ptdev)
{
	panthor_devfreq_set_busy(ptdev, false);
}

static int panthor_devfreq_target(struct device *dev, unsigned long *freq,
				  u32 flags)
{
	struct dev_pm_opp *opp;

	/* Round the governor's wish to a frequency the table offers. */
	opp = devfreq_recommended_opp(dev, freq, flags);
	if (IS_ERR(opp))
		return PTR_ERR(opp);
	dev_pm_opp_put(opp);

	return dev_pm_opp_set_rate(dev, *freq);
}

static int panthor_devfreq_get_dev_status(struct device *dev,
					  struct devfreq_dev_status *status)
{
	struct panthor_device *ptdev = dev_to_panthor(dev);
	struct panthor_devfreq *pdf = ptdev->devfreq;
	ktime_t now = ktime_get();
	unsigned long flags;

	/* The window is everything since the last look; idle is the rest. */
	spin_lock_irqsave(&pdf->lock, flags);
	panthor_devfreq_account(pdf, now);
	status->busy_time = pdf->busy_ns;
	status->total_time = ktime_to_ns(ktime_sub(now, pdf->window_start));
	pdf->busy_ns = 0;
	pdf->window_start = now;
	spin_unlock_irqrestore(&pdf->lock, flags);

	status->current_frequency = clk_get_rate(ptdev->clks.core);
	return 0;
}

static int panthor_devfreq_get_cur_freq(struct device *dev, unsigned long *freq)
{
	struct panthor_device *ptdev = dev_to_panthor(dev);

	*freq = clk_get_rate(ptdev->clks.core);
	return 0;
}

/* Program the OPP closest to the clock's current rate; this powers the GPU. */
static int panthor_devfreq_set_initial_opp(struct device *dev, unsigned long *rate)
{
	struct dev_pm_opp *opp;
	int ret;

	opp = devfreq_recommended_opp(dev, rate, 0);
	if (IS_ERR(opp))
		return PTR_ERR(opp);

	ret = dev_pm_opp_set_opp(dev, opp);
	dev_pm_opp_put(opp);
	return ret;
}

/**
 * panthor_devfreq_init() - Power the GPU's supply and start frequency scaling
 * @ptdev: device, with its clock handles looked up
 *
 * Without an OPP table the ``mali`` supply is simply switched on and the GPU
 * runs at whatever rate its clock has.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_devfreq_init(struct panthor_device *ptdev)
{
	static const char * const supplies[] = { "mali", NULL };
	struct device *dev = ptdev->base.dev;
	struct panthor_devfreq *pdf;
	unsigned long rate;
	int ret;

	ret = devm_pm_opp_set_regulators(dev, supplies);
	if (ret)
		return dev_err_probe(dev, ret, "mali supply\n");

	ret = devm_pm_opp_of_add_table(dev);
	if (ret == -ENODEV) {
		drm_info(&ptdev->base, "no OPP table, running at a fixed %lu Hz\n",
			 clk_get_rate(ptdev->clks.core));
		ret = devm_regulator_get_enable(dev, "mali");
		if (ret)
			return dev_err_probe(dev, ret, "enabling mali supply\n");
		return 0;
	}
	if (ret)
		return dev_err_probe(dev, ret, "OPP table\n");

	rate = clk_get_rate(ptdev->clks.core);
	ret = panthor_devfreq_set_initial_opp(dev, &rate);
	if (ret)
		return dev_err_probe(dev, ret, "initial OPP\n");

	pdf = drmm_kzalloc(&ptdev->base, sizeof(*pdf), GFP_KERNEL);
	if (!pdf)
		return -ENOMEM;

	spin_lock_init(&pdf->lock);
	pdf->last_update = ktime_get();
	pdf->window_start = pdf->last_update;
	pdf->profile.initial_freq = rate;
	pdf->profile.polling_ms = PANTHOR_DEVFREQ_POLL_MS;
	pdf->profile.target = panthor_devfreq_target;
	pdf->profile.get_dev_status = panthor_devfreq_get_dev_status;
	pdf->profile.get_cur_freq = panthor_devfreq_get_cur_freq;

	/* The callbacks find the state through ptdev: publish it first. */
	ptdev->devfreq = pdf;

	/* NULL governor data: simple_ondemand's own thresholds, for now. */
	pdf->devfreq = devm_devfreq_add_device(dev, &pdf->profile,
					       DEVFREQ_GOV_SIMPLE_ONDEMAND, NULL);
	if (IS_ERR(pdf->devfreq)) {
		ptdev->devfreq = NULL;
		return dev_err_probe(dev, PTR_ERR(pdf->devfreq), "devfreq\n");
	}

	ret = devm_devfreq_register_opp_notifier(dev, pdf->devfreq);
	if (ret)
		return dev_err_probe(dev, ret, "OPP notifier\n");

	return 0;
}
