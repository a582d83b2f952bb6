/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Registers the firmware block drives besides MCU_CONTROL/MCU_STATUS
 * (panthor_gpu_regs.h): the JOB interrupt, which on CSF GPUs only carries
 * the firmware's notifications, and the doorbell pages.
 */

#ifndef __PANTHOR_FW_REGS_H__
#define __PANTHOR_FW_REGS_H__

#include <linux/bits.h>

/* The JOB interrupt quartet (layout in panthor_device.h). */
#define JOB_IRQ_BASE				0x1000
/* Bit n: CSG slot n has something for the host. */
#define   JOB_IRQ_CSG(n)			BIT(n)
#define   JOB_IRQ_CSG_ALL			GENMASK(30, 0)
/* The global interface has something for the host. */
#define   JOB_IRQ_GLB				BIT(31)

/*
 * Doorbell n is the first word of a 64 KiB page; writing anything rings it.
 * Doorbell 0 makes the firmware look at the global interface.
 */
#define CSF_DOORBELL(n)				(0x80000 + (n) * 0x10000)
#define CSF_GLB_DOORBELL			0

#endif /* __PANTHOR_FW_REGS_H__ */
