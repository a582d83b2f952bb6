/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor devfreq: the OPP table and the simple_ondemand governor.
 */

#ifndef __PANTHOR_DEVFREQ_H__
#define __PANTHOR_DEVFREQ_H__

struct panthor_device;

int panthor_devfreq_init(struct panthor_device *ptdev);
void panthor_devfreq_record_busy(struct panthor_device *ptdev);
void panthor_devfreq_record_idle(struct panthor_device *ptdev);

#endif /* __PANTHOR_DEVFREQ_H__ */
