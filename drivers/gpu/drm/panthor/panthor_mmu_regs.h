/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Mali CSF MMU registers: the MMU interrupt quartet at 0x2000 and one block
 * of registers per address space (AS) from 0x2400 on.
 *
 * Same conventions as panthor_gpu_regs.h: one macro per register, one
 * GENMASK()/BIT() per field, values built with FIELD_PREP().
 */

#ifndef __PANTHOR_MMU_REGS_H__
#define __PANTHOR_MMU_REGS_H__

#include <linux/bitfield.h>
#include <linux/bits.h>

/* The MMU interrupt quartet (layout in panthor_device.h). */
#define MMU_IRQ_BASE				0x2000
/* One page-fault source per AS. Bits 16-31 are left masked (disputed). */
#define   MMU_IRQ_FAULT(as)			BIT(as)
#define   MMU_IRQ_FAULT_MASK			GENMASK(15, 0)

/* Address spaces: 64 bytes of registers each. */
#define MMU_AS_MAX				16
#define MMU_AS_BASE				0x2400
#define MMU_AS_STRIDE				0x40
#define MMU_AS(as)				(MMU_AS_BASE + (as) * MMU_AS_STRIDE)

/* Physical address of the top-level page table; 64 bits. */
#define AS_TRANSTAB(as)				(MMU_AS(as) + 0x00)

/* Eight attribute bytes, selected by a descriptor's AttrIndx; 64 bits. */
#define AS_MEMATTR(as)				(MMU_AS(as) + 0x08)
#define   AS_MEMATTR_ALLOC_W			BIT(0)
#define   AS_MEMATTR_ALLOC_R			BIT(1)
#define   AS_MEMATTR_ALLOC_MODE			GENMASK(3, 2)
#define     AS_MEMATTR_ALLOC_MODE_IMPL		2
#define     AS_MEMATTR_ALLOC_MODE_EXPLICIT	3
#define   AS_MEMATTR_SHARE			GENMASK(5, 4)
#define     AS_MEMATTR_SHARE_GPU_INNER		0
#define     AS_MEMATTR_SHARE_CPU_INNER		1
#define   AS_MEMATTR_TYPE			GENMASK(7, 6)
#define     AS_MEMATTR_TYPE_NON_CACHEABLE	1
#define     AS_MEMATTR_TYPE_WRITE_BACK		2
#define   AS_MEMATTR_BYTE(idx, attr)		((u64)(attr) << ((idx) * 8))

/* Region LOCK, UNLOCK and FLUSH_* act on; 64 bits. */
#define AS_LOCKADDR(as)				(MMU_AS(as) + 0x10)
/* log2(region size) - 1 */
#define   AS_LOCKADDR_SIZE			GENMASK_ULL(5, 0)
#define   AS_LOCKADDR_BASE			GENMASK_ULL(63, 12)
/* The smallest region the hardware locks: 32 KiB. */
#define   AS_LOCK_REGION_MIN_LOG2		15

#define AS_COMMAND(as)				(MMU_AS(as) + 0x18)
#define   AS_COMMAND_NOP			0
#define   AS_COMMAND_UPDATE			1
#define   AS_COMMAND_LOCK			2
#define   AS_COMMAND_UNLOCK			3
#define   AS_COMMAND_FLUSH_PT			4
#define   AS_COMMAND_FLUSH_MEM			5

#define AS_FAULTSTATUS(as)			(MMU_AS(as) + 0x1c)
#define   AS_FAULTSTATUS_EXCEPTION_TYPE		GENMASK(7, 0)
#define   AS_FAULTSTATUS_ACCESS_TYPE		GENMASK(9, 8)
#define     AS_FAULTSTATUS_ACCESS_ATOMIC	0
#define     AS_FAULTSTATUS_ACCESS_EXECUTE	1
#define     AS_FAULTSTATUS_ACCESS_READ		2
#define     AS_FAULTSTATUS_ACCESS_WRITE		3
#define   AS_FAULTSTATUS_SOURCE_ID		GENMASK(31, 16)

/* Faulting virtual address; 64 bits. */
#define AS_FAULTADDRESS(as)			(MMU_AS(as) + 0x20)

#define AS_STATUS(as)				(MMU_AS(as) + 0x28)
#define   AS_STATUS_ACTIVE			BIT(0)

/* Translation configuration; 64 bits. */
#define AS_TRANSCFG(as)				(MMU_AS(as) + 0x30)
#define   AS_TRANSCFG_ADRMODE			GENMASK_ULL(3, 0)
#define     AS_TRANSCFG_ADRMODE_UNMAPPED	1
#define     AS_TRANSCFG_ADRMODE_AARCH64_4K	6
/* Encodes the input address size as 55 - VA bits. */
#define   AS_TRANSCFG_INA_BITS			GENMASK_ULL(10, 6)
#define   AS_TRANSCFG_PTW_MEMATTR		GENMASK_ULL(25, 24)
#define     AS_TRANSCFG_PTW_MEMATTR_WB		2
#define   AS_TRANSCFG_PTW_SH			GENMASK_ULL(29, 28)
#define     AS_TRANSCFG_PTW_SH_OUTER		2
#define   AS_TRANSCFG_PTW_RA			BIT_ULL(30)

/* Secondary fault information; 64 bits. */
#define AS_FAULTEXTRA(as)			(MMU_AS(as) + 0x38)

#endif /* __PANTHOR_MMU_REGS_H__ */
