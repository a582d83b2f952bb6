/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Mali CSF GPU_CONTROL register block (offsets 0x0000-0x0fff of the GPU
 * register window).
 *
 * One macro per register offset, one GENMASK()/BIT() per field. Fields are
 * read with FIELD_GET() and built with FIELD_PREP(); nothing in the driver
 * shifts or masks register values by hand.
 *
 * A "64-bit register" is a LO/HI pair of 32-bit registers; only the LO
 * offset is named here and the pair is read with panthor_read64().
 */

#ifndef __PANTHOR_GPU_REGS_H__
#define __PANTHOR_GPU_REGS_H__

#include <linux/bitfield.h>
#include <linux/bits.h>

/* Identification */
#define GPU_ID					0x000
#define   GPU_ID_ARCH_MAJOR			GENMASK(31, 28)
#define   GPU_ID_ARCH_MINOR			GENMASK(27, 24)
#define   GPU_ID_ARCH_REV			GENMASK(23, 20)
#define   GPU_ID_PRODUCT_MAJOR			GENMASK(19, 16)
#define   GPU_ID_VERSION_MAJOR			GENMASK(15, 12)
#define   GPU_ID_VERSION_MINOR			GENMASK(11, 4)
#define   GPU_ID_VERSION_STATUS			GENMASK(3, 0)
/* The upper half alone, as boot logs print it ("id 0xa867"). */
#define   GPU_ID_PRODUCT_ID			GENMASK(31, 16)

#define GPU_L2_FEATURES				0x004
#define   GPU_L2_FEATURES_LINE_SIZE_LOG2	GENMASK(7, 0)
#define   GPU_L2_FEATURES_ASSOCIATIVITY		GENMASK(15, 8)
#define   GPU_L2_FEATURES_CACHE_SIZE_LOG2	GENMASK(23, 16)
#define   GPU_L2_FEATURES_BUS_WIDTH_LOG2	GENMASK(31, 24)

#define GPU_CORE_FEATURES			0x008
#define   GPU_CORE_FEATURES_VARIANT		GENMASK(7, 0)

#define GPU_TILER_FEATURES			0x00c
#define   GPU_TILER_FEATURES_BIN_SIZE_LOG2	GENMASK(5, 0)
#define   GPU_TILER_FEATURES_MAX_LEVELS		GENMASK(11, 8)

#define GPU_MEM_FEATURES			0x010
#define   GPU_MEM_FEATURES_COHERENT_CORE_GROUP	BIT(0)
#define   GPU_MEM_FEATURES_L2_SLICES_MINUS_1	GENMASK(11, 8)

#define GPU_MMU_FEATURES			0x014
#define   GPU_MMU_FEATURES_VA_BITS		GENMASK(7, 0)
#define   GPU_MMU_FEATURES_PA_BITS		GENMASK(15, 8)

#define GPU_AS_PRESENT				0x018
#define GPU_CSF_ID				0x01c

/* The GPU interrupt quartet (layout in panthor_device.h). */
#define GPU_IRQ_BASE				0x020
#define   GPU_IRQ_FAULT				BIT(0)
#define   GPU_IRQ_PROTECTED_FAULT		BIT(1)
#define   GPU_IRQ_RESET_COMPLETED		BIT(8)
#define   GPU_IRQ_POWER_CHANGED_SINGLE		BIT(9)
#define   GPU_IRQ_POWER_CHANGED_ALL		BIT(10)
#define   GPU_IRQ_CLEAN_CACHES_COMPLETED	BIT(17)
#define   GPU_IRQ_DOORBELL_MIRROR		BIT(18)
#define   GPU_IRQ_MCU_STATUS_CHANGED		BIT(19)

/* Commands: an opcode in the low byte, its argument above it. */
#define GPU_COMMAND				0x030
#define   GPU_COMMAND_OPCODE			GENMASK(7, 0)
#define   GPU_COMMAND_PAYLOAD			GENMASK(31, 8)
#define   GPU_COMMAND_OP_NOP			0
#define   GPU_COMMAND_OP_RESET			1
#define   GPU_COMMAND_OP_TIME			3
#define   GPU_COMMAND_OP_FLUSH_CACHES		4
#define   GPU_COMMAND_OP_SET_PROTECTED_MODE	5
#define   GPU_COMMAND_OP_FINISH_HALT		6
#define   GPU_COMMAND_OP_CLEAR_FAULT		7
/* Payload of GPU_COMMAND_OP_RESET */
#define   GPU_RESET_FAST			0
#define   GPU_RESET_SOFT			1
#define   GPU_RESET_HARD			2
/* Payload of GPU_COMMAND_OP_TIME */
#define   GPU_TIME_STOP				0
#define   GPU_TIME_START			1
/* Payload of GPU_COMMAND_OP_FLUSH_CACHES: a mode per cache kind */
#define   GPU_FLUSH_L2_MODE			GENMASK(1, 0)
#define   GPU_FLUSH_LSC_MODE			GENMASK(5, 4)
#define   GPU_FLUSH_OTHER_MODE			GENMASK(9, 8)
#define   GPU_FLUSH_MODE_CLEAN			BIT(0)
#define   GPU_FLUSH_MODE_INVALIDATE		BIT(1)

/**
 * GPU_COMMAND_VALUE() - Build a GPU_COMMAND register value
 * @op: one of the GPU_COMMAND_OP_* opcodes
 * @payload: the opcode's argument
 */
#define GPU_COMMAND_VALUE(op, payload) \
	(FIELD_PREP(GPU_COMMAND_OPCODE, (op)) | \
	 FIELD_PREP(GPU_COMMAND_PAYLOAD, (payload)))

#define GPU_STATUS				0x034
#define   GPU_STATUS_GPU_ACTIVE			BIT(0)
#define   GPU_STATUS_POWER_ACTIVE		BIT(1)
#define   GPU_STATUS_PRFCNT_ACTIVE		BIT(2)
#define   GPU_STATUS_PAGE_FAULT			BIT(4)
#define   GPU_STATUS_CYCLE_COUNT_ACTIVE		BIT(6)
#define   GPU_STATUS_PROTECTED_MODE		BIT(7)
#define   GPU_STATUS_DBG_ENABLED		BIT(8)

#define GPU_FAULTSTATUS				0x03c
#define   GPU_FAULTSTATUS_EXCEPTION_TYPE	GENMASK(7, 0)
#define   GPU_FAULTSTATUS_ACCESS_TYPE		GENMASK(9, 8)
#define   GPU_FAULTSTATUS_ADDRESS_VALID		BIT(10)
#define   GPU_FAULTSTATUS_JASID_VALID		BIT(11)
#define   GPU_FAULTSTATUS_JASID			GENMASK(15, 12)
#define   GPU_FAULTSTATUS_SOURCE_ID		GENMASK(31, 16)

#define GPU_FAULTADDRESS			0x040	/* 64-bit */

#define GPU_L2_CONFIG				0x048
#define   GPU_L2_CONFIG_SIZE			GENMASK(23, 16)
#define   GPU_L2_CONFIG_HASH			GENMASK(31, 24)

#define GPU_FEATURES				0x060	/* 64-bit, arch >= 11 */
#define GPU_PRFCNT_FEATURES			0x068

/* Timers */
#define GPU_TIMESTAMP_OFFSET			0x088	/* 64-bit */
#define GPU_CYCLE_COUNT				0x090	/* 64-bit */
#define GPU_TIMESTAMP				0x098	/* 64-bit */

/* Compute limits */
#define GPU_THREAD_MAX_THREADS			0x0a0
#define GPU_THREAD_MAX_WORKGROUP_SIZE		0x0a4
#define GPU_THREAD_MAX_BARRIER_SIZE		0x0a8
#define GPU_THREAD_FEATURES			0x0ac
#define   GPU_THREAD_FEATURES_MAX_REGISTERS	GENMASK(21, 0)
#define   GPU_THREAD_FEATURES_IMPLEMENTATION	GENMASK(23, 22)
#define   GPU_THREAD_FEATURES_MAX_TASK_QUEUE	GENMASK(31, 24)

#define GPU_TEXTURE_FEATURES(n)			(0x0b0 + (n) * 4)
#define GPU_TEXTURE_FEATURES_COUNT		4

/*
 * Power domains. Every unit kind has the same set of 64-bit bitmaps; the
 * host powers only the L2 on CSF GPUs, the firmware does the rest.
 */
#define GPU_SHADER_PRESENT			0x100
#define GPU_TILER_PRESENT			0x110
#define GPU_L2_PRESENT				0x120
#define GPU_SHADER_READY			0x140
#define GPU_TILER_READY				0x150
#define GPU_L2_READY				0x160
#define GPU_SHADER_PWRON			0x180
#define GPU_TILER_PWRON				0x190
#define GPU_L2_PWRON				0x1a0
#define GPU_SHADER_PWROFF			0x1c0
#define GPU_TILER_PWROFF			0x1d0
#define GPU_L2_PWROFF				0x1e0
#define GPU_SHADER_PWRTRANS			0x200
#define GPU_TILER_PWRTRANS			0x210
#define GPU_L2_PWRTRANS				0x220
#define GPU_SHADER_PWRACTIVE			0x240
#define GPU_TILER_PWRACTIVE			0x250
#define GPU_L2_PWRACTIVE			0x260

#define GPU_REVID				0x280

/* Coherency with the CPU */
#define GPU_COHERENCY_FEATURES			0x300
#define GPU_COHERENCY_ENABLE			0x304
/* Protocol numbers: the value of COHERENCY_ENABLE and a bit in _FEATURES */
#define   GPU_COHERENCY_ACE_LITE		0
#define   GPU_COHERENCY_ACE			1
#define   GPU_COHERENCY_NONE			31

/* The firmware microcontroller (driven by the fw block) */
#define GPU_MCU_CONTROL				0x700
#define   GPU_MCU_CONTROL_DISABLE		0
#define   GPU_MCU_CONTROL_ENABLE		1
#define   GPU_MCU_CONTROL_AUTO			2
#define GPU_MCU_STATUS				0x704
#define   GPU_MCU_STATUS_DISABLED		0
#define   GPU_MCU_STATUS_ENABLED		1
#define   GPU_MCU_STATUS_HALT			2
#define   GPU_MCU_STATUS_FATAL			3

#endif /* __PANTHOR_GPU_REGS_H__ */
