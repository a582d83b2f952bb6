/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Register map of the modelled Mali CSF GPU: offsets and fields, one section
 * per block, in the order of the MMIO map (mali-csf-hw.md §1).
 *
 * Offsets of GPU_CONTROL registers are absolute. Offsets inside repeated
 * blocks (IRQ quartets, address spaces, doorbell pages) are relative to the
 * block instance; the *_BASE macros give where the instances live.
 */
#ifndef MM_REGS_H
#define MM_REGS_H

#include "bits.h"

/* ---- Top-level layout ------------------------------------------------ */

#define GPU_CONTROL_BASE		0x0000u
#define GPU_CONTROL_SIZE		0x1000u
#define JOB_CONTROL_BASE		0x1000u
#define MMU_IRQ_BASE			0x2000u
#define MMU_AS_BASE			0x2400u
#define MMU_AS_STRIDE			0x40u
#define MMU_AS_MAX			16u
#define USER_PAGE_BASE			0x10000u
#define USER_PAGE_SIZE			0x10000u
#define DOORBELL_BASE			0x80000u
#define DOORBELL_STRIDE			0x10000u
#define DOORBELL_MAX			24u

/* ---- IRQ quartet (GPU at 0x20, JOB at 0x1000, MMU at 0x2000) ---------- */

#define IRQ_RAWSTAT			0x0u
#define IRQ_CLEAR			0x4u
#define IRQ_MASK			0x8u
#define IRQ_STATUS			0xcu
#define IRQ_QUARTET_SIZE		0x10u

#define GPU_IRQ_BASE			0x20u

/* GPU_IRQ bits (§1.5) */
#define GPU_IRQ_FAULT			MM_BIT(0)
#define GPU_IRQ_PROTECTED_FAULT		MM_BIT(1)
#define GPU_IRQ_RESET_COMPLETED		MM_BIT(8)
#define GPU_IRQ_POWER_CHANGED_SINGLE	MM_BIT(9)
#define GPU_IRQ_POWER_CHANGED_ALL	MM_BIT(10)
#define GPU_IRQ_CLEAN_CACHES_COMPLETED	MM_BIT(17)
#define GPU_IRQ_DOORBELL_MIRROR		MM_BIT(18)
#define GPU_IRQ_MCU_STATUS_CHANGED	MM_BIT(19)

/* JOB_IRQ bits (§1.12): set by the firmware. */
#define JOB_IRQ_CSG(n)			MM_BIT(n)
#define JOB_IRQ_GLOBAL			MM_BIT(31)

/* MMU_IRQ bits (§1.13): page fault on AS n. Bits 16-31 are never set. */
#define MMU_IRQ_FAULT(n)		MM_BIT(n)
#define MMU_IRQ_FAULT_MASK		MM_GENMASK(15, 0)

/* ---- GPU_CONTROL (§1.2) ---------------------------------------------- */

#define GPU_ID				0x000u
#define L2_FEATURES			0x004u
#define CORE_FEATURES			0x008u
#define TILER_FEATURES			0x00cu
#define MEM_FEATURES			0x010u
#define MMU_FEATURES			0x014u
#define AS_PRESENT			0x018u
#define CSF_ID				0x01cu
#define GPU_IRQ_RAWSTAT			(GPU_IRQ_BASE + IRQ_RAWSTAT)
#define GPU_IRQ_CLEAR			(GPU_IRQ_BASE + IRQ_CLEAR)
#define GPU_IRQ_MASK			(GPU_IRQ_BASE + IRQ_MASK)
#define GPU_IRQ_STATUS			(GPU_IRQ_BASE + IRQ_STATUS)
#define GPU_COMMAND			0x030u
#define GPU_STATUS			0x034u
#define GPU_FAULTSTATUS			0x03cu
#define GPU_FAULTADDRESS_LO		0x040u
#define GPU_FAULTADDRESS_HI		0x044u
#define L2_CONFIG			0x048u
#define PWR_KEY				0x050u
#define PWR_OVERRIDE0			0x054u
#define PWR_OVERRIDE1			0x058u
#define PRFCNT_FEATURES			0x068u
#define TIMESTAMP_OFFSET_LO		0x088u
#define TIMESTAMP_OFFSET_HI		0x08cu
#define CYCLE_COUNT_LO			0x090u
#define CYCLE_COUNT_HI			0x094u
#define TIMESTAMP_LO			0x098u
#define TIMESTAMP_HI			0x09cu
#define THREAD_MAX_THREADS		0x0a0u
#define THREAD_MAX_WORKGROUP_SIZE	0x0a4u
#define THREAD_MAX_BARRIER_SIZE		0x0a8u
#define THREAD_FEATURES			0x0acu
#define TEXTURE_FEATURES_0		0x0b0u
#define TEXTURE_FEATURES_1		0x0b4u
#define TEXTURE_FEATURES_2		0x0b8u
#define TEXTURE_FEATURES_3		0x0bcu
#define SHADER_PRESENT_LO		0x100u
#define SHADER_PRESENT_HI		0x104u
#define TILER_PRESENT_LO		0x110u
#define TILER_PRESENT_HI		0x114u
#define L2_PRESENT_LO			0x120u
#define L2_PRESENT_HI			0x124u
#define SHADER_READY_LO			0x140u
#define SHADER_READY_HI			0x144u
#define TILER_READY_LO			0x150u
#define TILER_READY_HI			0x154u
#define L2_READY_LO			0x160u
#define L2_READY_HI			0x164u
#define SHADER_PWRON_LO			0x180u
#define SHADER_PWRON_HI			0x184u
#define TILER_PWRON_LO			0x190u
#define TILER_PWRON_HI			0x194u
#define L2_PWRON_LO			0x1a0u
#define L2_PWRON_HI			0x1a4u
#define SHADER_PWROFF_LO		0x1c0u
#define SHADER_PWROFF_HI		0x1c4u
#define TILER_PWROFF_LO			0x1d0u
#define TILER_PWROFF_HI			0x1d4u
#define L2_PWROFF_LO			0x1e0u
#define L2_PWROFF_HI			0x1e4u
#define SHADER_PWRTRANS_LO		0x200u
#define SHADER_PWRTRANS_HI		0x204u
#define TILER_PWRTRANS_LO		0x210u
#define TILER_PWRTRANS_HI		0x214u
#define L2_PWRTRANS_LO			0x220u
#define L2_PWRTRANS_HI			0x224u
#define SHADER_PWRACTIVE_LO		0x240u
#define SHADER_PWRACTIVE_HI		0x244u
#define TILER_PWRACTIVE_LO		0x250u
#define TILER_PWRACTIVE_HI		0x254u
#define L2_PWRACTIVE_LO			0x260u
#define L2_PWRACTIVE_HI			0x264u
#define GPU_REVID			0x280u
#define ASN_HASH_0			0x2c0u
#define ASN_HASH_1			0x2c4u
#define ASN_HASH_2			0x2c8u
#define COHERENCY_FEATURES		0x300u
#define COHERENCY_ENABLE		0x304u
#define THREAD_TLS_ALLOC		0x310u
#define SYSC_PBHA_OVERRIDE0		0x320u
#define SYSC_PBHA_OVERRIDE1		0x324u
#define SYSC_PBHA_OVERRIDE2		0x328u
#define SYSC_PBHA_OVERRIDE3		0x32cu
#define SYSC_ALLOC0			0x340u
#define SYSC_ALLOC1			0x344u
#define SYSC_ALLOC2			0x348u
#define SYSC_ALLOC3			0x34cu
#define SYSC_ALLOC4			0x350u
#define SYSC_ALLOC5			0x354u
#define SYSC_ALLOC6			0x358u
#define SYSC_ALLOC7			0x35cu
#define MCU_CONTROL			0x700u
#define MCU_STATUS			0x704u
#define STACK_PRESENT_LO		0xe00u
#define STACK_PRESENT_HI		0xe04u
#define CSF_CONFIG			0xf00u
#define SHADER_CONFIG			0xf04u
#define TILER_CONFIG			0xf08u
#define L2_MMU_CONFIG			0xf0cu

/* GPU_ID fields (§1.3) */
#define GPU_ID_ARCH_MAJOR		MM_GENMASK(31, 28)
#define GPU_ID_ARCH_MINOR		MM_GENMASK(27, 24)
#define GPU_ID_ARCH_REV			MM_GENMASK(23, 20)
#define GPU_ID_PRODUCT_MAJOR		MM_GENMASK(19, 16)
#define GPU_ID_VERSION_MAJOR		MM_GENMASK(15, 12)
#define GPU_ID_VERSION_MINOR		MM_GENMASK(11, 4)
#define GPU_ID_VERSION_STATUS		MM_GENMASK(3, 0)

/* MMU_FEATURES fields */
#define MMU_FEATURES_VA_BITS		MM_GENMASK(7, 0)
#define MMU_FEATURES_PA_BITS		MM_GENMASK(15, 8)

/* GPU_COMMAND (§1.6): value = opcode | payload << 8 */
#define GPU_COMMAND_OPCODE		MM_GENMASK(7, 0)
#define GPU_COMMAND_PAYLOAD		MM_GENMASK(31, 8)
#define GPU_CMD_NOP			0u
#define GPU_CMD_RESET			1u
#define GPU_CMD_TIME			3u
#define GPU_CMD_FLUSH_CACHES		4u
#define GPU_CMD_SET_PROTECTED_MODE	5u
#define GPU_CMD_FINISH_HALT		6u
#define GPU_CMD_CLEAR_FAULT		7u
#define GPU_CMD_FLUSH_PA_RANGE		8u
#define GPU_RESET_FAST			0u
#define GPU_RESET_SOFT			1u
#define GPU_RESET_HARD			2u
#define GPU_TIME_STOP			0u
#define GPU_TIME_START			1u
/* FLUSH_CACHES payload fields; mode bit 0 = clean, bit 1 = invalidate */
#define GPU_FLUSH_L2			MM_GENMASK(1, 0)
#define GPU_FLUSH_LSC			MM_GENMASK(5, 4)
#define GPU_FLUSH_OTHER			MM_GENMASK(9, 8)

/* GPU_STATUS (§1.7) */
#define GPU_STATUS_GPU_ACTIVE		MM_BIT(0)
#define GPU_STATUS_PWR_ACTIVE		MM_BIT(1)
#define GPU_STATUS_PRFCNT_ACTIVE	MM_BIT(2)
#define GPU_STATUS_PAGE_FAULT		MM_BIT(4)
#define GPU_STATUS_CYCLE_COUNT_ACTIVE	MM_BIT(6)
#define GPU_STATUS_PROTECTED_MODE	MM_BIT(7)
#define GPU_STATUS_DBG_ENABLED		MM_BIT(8)

/* GPU_FAULTSTATUS (§1.7) */
#define GPU_FAULTSTATUS_EXCEPTION	MM_GENMASK(7, 0)
#define GPU_FAULTSTATUS_ACCESS		MM_GENMASK(9, 8)
#define GPU_FAULTSTATUS_ADDR_VALID	MM_BIT(10)
#define GPU_FAULTSTATUS_JASID_VALID	MM_BIT(11)
#define GPU_FAULTSTATUS_JASID		MM_GENMASK(15, 12)
#define GPU_FAULTSTATUS_SOURCE		MM_GENMASK(31, 16)
#define GPU_EXC_BUS_FAULT		0x80u

#define PWR_KEY_UNLOCK			0x2968a819u

/* COHERENCY_ENABLE values (§1.10) */
#define COHERENCY_ACE_LITE		0u
#define COHERENCY_ACE			1u
#define COHERENCY_NONE			31u

/* MCU_CONTROL / MCU_STATUS (§1.11) */
#define MCU_CONTROL_DISABLE		0u
#define MCU_CONTROL_ENABLE		1u
#define MCU_CONTROL_AUTO		2u
#define MCU_CONTROL_REQ			MM_GENMASK(1, 0)
#define MCU_STATUS_DISABLED		0u
#define MCU_STATUS_ENABLED		1u
#define MCU_STATUS_HALT			2u
#define MCU_STATUS_FATAL		3u

/* ---- MMU address space n at MMU_AS_BASE + n * MMU_AS_STRIDE (§1.13) --- */

#define AS_TRANSTAB_LO			0x00u
#define AS_TRANSTAB_HI			0x04u
#define AS_MEMATTR_LO			0x08u
#define AS_MEMATTR_HI			0x0cu
#define AS_LOCKADDR_LO			0x10u
#define AS_LOCKADDR_HI			0x14u
#define AS_COMMAND			0x18u
#define AS_FAULTSTATUS			0x1cu
#define AS_FAULTADDRESS_LO		0x20u
#define AS_FAULTADDRESS_HI		0x24u
#define AS_STATUS			0x28u
#define AS_TRANSCFG_LO			0x30u
#define AS_TRANSCFG_HI			0x34u
#define AS_FAULTEXTRA_LO		0x38u
#define AS_FAULTEXTRA_HI		0x3cu

#define AS_CMD_NOP			0u
#define AS_CMD_UPDATE			1u
#define AS_CMD_LOCK			2u
#define AS_CMD_UNLOCK			3u
#define AS_CMD_FLUSH_PT			4u
#define AS_CMD_FLUSH_MEM		5u

#define AS_STATUS_ACTIVE		MM_BIT(0)
#define AS_STATUS_ACTIVE_INT		MM_BIT(1)

/* AS_LOCKADDR (64-bit) */
#define AS_LOCKADDR_SIZE		MM_GENMASK(5, 0)
#define AS_LOCKADDR_BASE		MM_GENMASK(63, 12)
#define AS_LOCK_MIN_LOG2		15u

/* AS_FAULTSTATUS (§2.6) */
#define AS_FAULTSTATUS_EXCEPTION	MM_GENMASK(7, 0)
#define AS_FAULTSTATUS_ACCESS		MM_GENMASK(9, 8)
#define AS_FAULTSTATUS_DECODER		MM_BIT(10)
#define AS_FAULTSTATUS_SOURCE		MM_GENMASK(31, 16)

/* MMU exception codes; the low two bits give the table level */
#define MMU_EXC_TRANSLATION(l)		(0xc0u + (l))
#define MMU_EXC_PERMISSION(l)		(0xc8u + (l))
#define MMU_EXC_TRANSTAB_BUS(l)		(0xd0u + (l))
#define MMU_EXC_ACCESS_FLAG(l)		(0xd8u + (l))
#define MMU_EXC_ADDR_SIZE_IN(l)		(0xe0u + (l))
#define MMU_EXC_ADDR_SIZE_OUT(l)	(0xe4u + (l))
#define MMU_EXC_MEMATTR(l)		(0xe8u + (l))

/* AS_TRANSCFG (64-bit, §2.3) */
#define AS_TRANSCFG_ADRMODE		MM_GENMASK(3, 0)
#define AS_TRANSCFG_INA_BITS		MM_GENMASK(10, 6)
#define AS_TRANSCFG_OUTA_BITS		MM_GENMASK(18, 14)
#define AS_TRANSCFG_SL_CONCAT		MM_BIT(22)
#define AS_TRANSCFG_PTW_MEMATTR		MM_GENMASK(25, 24)
#define AS_TRANSCFG_PTW_SH		MM_GENMASK(29, 28)
#define AS_TRANSCFG_PTW_RA		MM_BIT(30)
#define AS_TRANSCFG_DISABLE_HIER_AP	MM_BIT(33)
#define AS_TRANSCFG_DISABLE_AF_FAULT	MM_BIT(34)
#define AS_TRANSCFG_WXN			MM_BIT(35)
#define AS_TRANSCFG_XREADABLE		MM_BIT(36)

#define AS_ADRMODE_LEGACY		0u
#define AS_ADRMODE_UNMAPPED		1u
#define AS_ADRMODE_IDENTITY		2u
#define AS_ADRMODE_AARCH64_4K		6u
#define AS_ADRMODE_AARCH64_64K		8u

/* AS_MEMATTR byte: memory type field; 3 = fault on access */
#define AS_MEMATTR_TYPE			MM_GENMASK(7, 6)
#define AS_MEMATTR_TYPE_FAULT		3u

/* ---- Page-table descriptors (LPAE, 4 KiB granule, §2.2) --------------- */

#define PTE_VALID			MM_BIT(0)
#define PTE_TYPE_TABLE			MM_BIT(1)	/* table (L0-2) or page (L3) */
#define PTE_ATTRINDX			MM_GENMASK(4, 2)
#define PTE_AP_UNPRIV			MM_BIT(6)
#define PTE_AP_RDONLY			MM_BIT(7)
#define PTE_SH				MM_GENMASK(9, 8)
#define PTE_AF				MM_BIT(10)
#define PTE_NG				MM_BIT(11)
#define PTE_ADDR			MM_GENMASK(47, 12)
#define PTE_PXN				MM_BIT(53)
#define PTE_XN				MM_BIT(54)
/* Hierarchical attributes in table descriptors */
#define PTE_PXN_TABLE			MM_BIT(59)
#define PTE_XN_TABLE			MM_BIT(60)
#define PTE_AP_TABLE_NO_UNPRIV		MM_BIT(61)
#define PTE_AP_TABLE_RDONLY		MM_BIT(62)

/* ---- USER page (§1.14) and doorbells (§1.15) -------------------------- */

#define USER_LATEST_FLUSH		0x0u
#define DOORBELL_RING			0x0u

#endif /* MM_REGS_H */
