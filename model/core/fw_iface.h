/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The CSF host interface in shared memory, as the emulated firmware lays it
 * out (mali-csf-hw.md §3.6, §4).
 *
 * Field offsets are relative to the start of their block; the blocks live in
 * the shared interface section at MCU VA 0x04000000, which the driver maps
 * in AS0 from the firmware image. Every firmware access goes through AS0.
 *
 * Where the firmware puts the input and output blocks is its own choice; the
 * host finds them through the *_INPUT_VA / *_OUTPUT_VA control fields. The
 * model's placement (all offsets from the start of the section):
 *
 *   0x0000  GLB control block
 *   0x1000  CSG control blocks, GLB_GROUP_STRIDE apart; the CS control
 *           blocks of a group follow at +0x40, CSG_STREAM_STRIDE apart
 *   0x2000  GLB input block (4 KiB: the debug words sit at its very end)
 *   0x3000  GLB output block (4 KiB)
 *   0x4000  CSG input blocks, 0x80 apart
 *   0x4400  CSG output blocks, 0x40 apart
 *   0x5000  CS input blocks, 0x80 apart, group-major
 *   0x7000  CS output blocks, 0x100 apart, group-major
 *   0xb000  end: fits the 48 KiB section of Arm's G610 image
 */
#ifndef MM_FW_IFACE_H
#define MM_FW_IFACE_H

#include "bits.h"

/* ---- The shared section ------------------------------------------------ */

#define FW_SHARED_VA			0x04000000ull
#define FW_SHARED_SIZE_G610		0xc000u

#define FW_LAYOUT_GLB_CONTROL		0x0000u
#define FW_LAYOUT_CSG_CONTROL		0x1000u
#define FW_LAYOUT_GLB_INPUT		0x2000u
#define FW_LAYOUT_GLB_OUTPUT		0x3000u
#define FW_LAYOUT_CSG_INPUT		0x4000u
#define FW_LAYOUT_CSG_INPUT_STRIDE	0x80u
#define FW_LAYOUT_CSG_OUTPUT		0x4400u
#define FW_LAYOUT_CSG_OUTPUT_STRIDE	0x40u
#define FW_LAYOUT_CS_INPUT		0x5000u
#define FW_LAYOUT_CS_INPUT_STRIDE	0x80u
#define FW_LAYOUT_CS_OUTPUT		0x7000u
#define FW_LAYOUT_CS_OUTPUT_STRIDE	0x100u
#define FW_LAYOUT_END			0xb000u

/* ---- GLB control block (§4.3) ------------------------------------------- */

#define GLB_VERSION			0x00u
#define GLB_FEATURES			0x04u
#define GLB_INPUT_VA			0x08u
#define GLB_OUTPUT_VA			0x0cu
#define GLB_GROUP_NUM			0x10u
#define GLB_GROUP_STRIDE		0x14u
#define GLB_PRFCNT_SIZE			0x18u
#define GLB_INSTR_FEATURES		0x1cu
#define GLB_CONTROL_SIZE		0x20u

#define GLB_VERSION_MAJOR		MM_GENMASK(31, 24)
#define GLB_VERSION_MINOR		MM_GENMASK(23, 16)
#define GLB_VERSION_PATCH		MM_GENMASK(15, 0)
#define GLB_PRFCNT_SIZE_HW		MM_GENMASK(15, 0)
#define GLB_PRFCNT_SIZE_FW		MM_GENMASK(31, 16)

/* ---- GLB input block ------------------------------------------------------ */

#define GLB_REQ				0x00u
#define GLB_ACK_IRQ_MASK		0x04u
#define GLB_DB_REQ			0x08u
#define GLB_PROGRESS_TIMER		0x10u
#define GLB_PWROFF_TIMER		0x14u
#define GLB_ALLOC_EN			0x18u	/* 64-bit */
#define GLB_PRFCNT_JASID		0x24u
#define GLB_PRFCNT_BASE			0x28u	/* 64-bit */
#define GLB_PRFCNT_EXTRACT		0x30u
#define GLB_PRFCNT_CONFIG		0x40u
#define GLB_PRFCNT_CSG_SELECT		0x44u
#define GLB_PRFCNT_FW_EN		0x48u
#define GLB_PRFCNT_CSG_EN		0x4cu
#define GLB_PRFCNT_CSF_EN		0x50u
#define GLB_PRFCNT_SHADER_EN		0x54u
#define GLB_PRFCNT_TILER_EN		0x58u
#define GLB_PRFCNT_MMU_L2_EN		0x5cu
#define GLB_IDLE_TIMER			0x80u
#define GLB_DEBUG_ACK_IRQ_MASK		0xff8u
#define GLB_DEBUG_REQ			0xffcu

#define GLB_PRFCNT_CONFIG_SIZE		MM_GENMASK(7, 0)
#define GLB_PRFCNT_CONFIG_SET		MM_GENMASK(9, 8)

/* Timer encoding of GLB_PWROFF_TIMER and GLB_IDLE_TIMER */
#define GLB_TIMER_VALUE			MM_GENMASK(30, 0)
#define GLB_TIMER_SOURCE_GPU		MM_BIT(31)

/* ---- GLB output block ----------------------------------------------------- */

#define GLB_ACK				0x00u
#define GLB_DB_ACK			0x08u
#define GLB_HALT_STATUS			0x10u
#define GLB_PRFCNT_STATUS		0x14u
#define GLB_PRFCNT_INSERT		0x18u
#define GLB_DEBUG_FWUTF_RESULT		0xfe0u
#define GLB_DEBUG_ACK			0xffcu

#define GLB_HALT_OK			0x00u
#define GLB_HALT_PANIC			0x4eu
#define GLB_HALT_WATCHDOG		0x4fu

/* ---- GLB_REQ / GLB_ACK bits --------------------------------------------- */

#define GLB_HALT			MM_BIT(0)
#define GLB_CFG_PROGRESS_TIMER		MM_BIT(1)
#define GLB_CFG_ALLOC_EN		MM_BIT(2)
#define GLB_CFG_PWROFF_TIMER		MM_BIT(3)
#define GLB_PROTM_ENTER			MM_BIT(4)
#define GLB_PRFCNT_ENABLE		MM_BIT(5)
#define GLB_PRFCNT_SAMPLE		MM_BIT(6)
#define GLB_COUNTER_ENABLE		MM_BIT(7)
#define GLB_PING			MM_BIT(8)
#define GLB_FIRMWARE_CONFIG_UPDATE	MM_BIT(9)
#define GLB_IDLE_ENABLE			MM_BIT(10)
#define GLB_ITER_TRACE_ENABLE		MM_BIT(11)
#define GLB_SLEEP			MM_BIT(12)
#define GLB_INACTIVE_COMPUTE		MM_BIT(20)
#define GLB_INACTIVE_FRAGMENT		MM_BIT(21)
#define GLB_INACTIVE_TILER		MM_BIT(22)
#define GLB_PROTM_EXIT			MM_BIT(23)
#define GLB_PRFCNT_THRESHOLD		MM_BIT(24)
#define GLB_PRFCNT_OVERFLOW		MM_BIT(25)
#define GLB_IDLE			MM_BIT(26)
#define GLB_DEBUG_CSF_REQ		MM_BIT(30)
#define GLB_DEBUG_HOST_REQ		MM_BIT(31)

/* Host requests the firmware acknowledges by copying REQ into ACK. */
#define GLB_REQ_TOGGLES			(GLB_CFG_PROGRESS_TIMER | \
					 GLB_CFG_ALLOC_EN | \
					 GLB_CFG_PWROFF_TIMER | \
					 GLB_PROTM_ENTER | \
					 GLB_PRFCNT_SAMPLE | GLB_PING | \
					 GLB_FIRMWARE_CONFIG_UPDATE | \
					 GLB_SLEEP)
#define GLB_REQ_LEVELS			(GLB_PRFCNT_ENABLE | \
					 GLB_COUNTER_ENABLE | \
					 GLB_IDLE_ENABLE | \
					 GLB_ITER_TRACE_ENABLE)
/* Events the firmware raises by toggling ACK. */
#define GLB_EVENTS			(GLB_INACTIVE_COMPUTE | \
					 GLB_INACTIVE_FRAGMENT | \
					 GLB_INACTIVE_TILER | GLB_PROTM_EXIT | \
					 GLB_PRFCNT_THRESHOLD | \
					 GLB_PRFCNT_OVERFLOW | GLB_IDLE)

/* ---- CSG control block (§4.4) ------------------------------------------- */

#define CSG_FEATURES			0x00u
#define CSG_INPUT_VA			0x04u
#define CSG_OUTPUT_VA			0x08u
#define CSG_SUSPEND_SIZE		0x0cu
#define CSG_PROTM_SUSPEND_SIZE		0x10u
#define CSG_STREAM_NUM			0x14u
#define CSG_STREAM_STRIDE		0x18u
#define CSG_CS_CONTROL			0x40u

/* ---- CSG input block -------------------------------------------------------- */

#define CSG_REQ				0x00u
#define CSG_ACK_IRQ_MASK		0x04u
#define CSG_DB_REQ			0x08u
#define CSG_IRQ_ACK			0x0cu
#define CSG_ALLOW_COMPUTE		0x20u	/* 64-bit */
#define CSG_ALLOW_FRAGMENT		0x28u	/* 64-bit */
#define CSG_ALLOW_OTHER			0x30u
#define CSG_EP_REQ			0x34u
#define CSG_SUSPEND_BUF			0x40u	/* 64-bit */
#define CSG_PROTM_SUSPEND_BUF		0x48u	/* 64-bit */
#define CSG_CONFIG			0x50u
#define CSG_ITER_TRACE_CONFIG		0x54u

#define CSG_EP_COMPUTE			MM_GENMASK(7, 0)
#define CSG_EP_FRAGMENT			MM_GENMASK(15, 8)
#define CSG_EP_TILER			MM_GENMASK(19, 16)
#define CSG_EP_EXCL_COMPUTE		MM_BIT(20)
#define CSG_EP_EXCL_FRAGMENT		MM_BIT(21)
#define CSG_EP_PRIORITY			MM_GENMASK(31, 28)

/* §9.9: the width of the AS field is not documented; four bits hold AS0-15. */
#define CSG_CONFIG_AS			MM_GENMASK(3, 0)

/* ---- CSG output block ------------------------------------------------------- */

#define CSG_ACK				0x00u
#define CSG_DB_ACK			0x08u
#define CSG_IRQ_REQ			0x0cu
#define CSG_STATUS_EP_CURRENT		0x10u
#define CSG_STATUS_EP_REQ		0x14u
#define CSG_STATUS_STATE		0x18u
#define CSG_RESOURCE_DEP		0x1cu

#define CSG_STATUS_STATE_IDLE		MM_BIT(0)

/* ---- CSG_REQ / CSG_ACK bits ----------------------------------------------- */

#define CSG_STATE			MM_GENMASK(2, 0)
#define CSG_STATE_TERMINATE		0u
#define CSG_STATE_START			1u
#define CSG_STATE_SUSPEND		2u
#define CSG_STATE_RESUME		3u
#define CSG_ENDPOINT_CONFIG		MM_BIT(4)
#define CSG_STATUS_UPDATE		MM_BIT(5)
#define CSG_SYNC_UPDATE			MM_BIT(28)
#define CSG_IDLE			MM_BIT(29)
#define CSG_DOORBELL			MM_BIT(30)
#define CSG_PROGRESS_TIMER_EVENT	MM_BIT(31)

/* ---- CS control block (§4.5) ------------------------------------------------ */

#define CS_FEATURES			0x0u
#define CS_INPUT_VA			0x4u
#define CS_OUTPUT_VA			0x8u
#define CS_CONTROL_SIZE			0xcu

#define CS_FEATURES_WORK_REGS		MM_GENMASK(7, 0)	/* count - 1 */
#define CS_FEATURES_SCOREBOARDS		MM_GENMASK(15, 8)	/* count, §9.6 */
#define CS_FEATURES_COMPUTE		MM_BIT(16)
#define CS_FEATURES_FRAGMENT		MM_BIT(17)
#define CS_FEATURES_TILER		MM_BIT(18)

/* ---- CS input block ----------------------------------------------------------- */

#define CS_REQ				0x00u
#define CS_CONFIG			0x04u
#define CS_ACK_IRQ_MASK			0x0cu
#define CS_BASE				0x10u	/* 64-bit */
#define CS_SIZE				0x18u
#define CS_TILER_HEAP_START		0x20u	/* 64-bit */
#define CS_TILER_HEAP_END		0x28u	/* 64-bit */
#define CS_USER_INPUT			0x30u	/* 64-bit */
#define CS_USER_OUTPUT			0x38u	/* 64-bit */
#define CS_INSTR_CONFIG			0x40u
#define CS_INSTR_BUFFER_SIZE		0x44u
#define CS_INSTR_BUFFER_BASE		0x48u	/* 64-bit */
#define CS_INSTR_BUFFER_OFFSET_POINTER	0x50u	/* 64-bit */

#define CS_CONFIG_PRIORITY		MM_GENMASK(3, 0)
#define CS_CONFIG_DOORBELL		MM_GENMASK(15, 8)

/* ---- CS output block ----------------------------------------------------------- */

#define CS_ACK				0x00u
#define CS_STATUS_CMD_PTR		0x40u	/* 64-bit */
#define CS_STATUS_WAIT			0x48u
#define CS_STATUS_REQ_RESOURCE		0x4cu
#define CS_STATUS_WAIT_SYNC_POINTER	0x50u	/* 64-bit */
#define CS_STATUS_WAIT_SYNC_VALUE	0x58u
#define CS_STATUS_SCOREBOARDS		0x5cu
#define CS_STATUS_BLOCKED_REASON	0x60u
#define CS_STATUS_WAIT_SYNC_VALUE_HI	0x64u
#define CS_FAULT			0x80u
#define CS_FATAL			0x84u
#define CS_FAULT_INFO			0x88u	/* 64-bit */
#define CS_FATAL_INFO			0x90u	/* 64-bit */
#define CS_HEAP_VT_START		0xc0u
#define CS_HEAP_VT_END			0xc4u
#define CS_HEAP_FRAG_END		0xccu
#define CS_HEAP_ADDRESS			0xd0u	/* 64-bit */

#define CS_EXCEPTION_TYPE		MM_GENMASK(7, 0)
#define CS_EXCEPTION_DATA		MM_GENMASK(31, 8)

/* ---- CS_REQ / CS_ACK bits ------------------------------------------------------ */

#define CS_STATE			MM_GENMASK(2, 0)
#define CS_STATE_STOP			0u
#define CS_STATE_START			1u
#define CS_EXTRACT_EVENT		MM_BIT(4)
#define CS_IDLE_SYNC_WAIT		MM_BIT(8)
#define CS_IDLE_PROTM_PEND		MM_BIT(9)
#define CS_IDLE_EMPTY			MM_BIT(10)
#define CS_IDLE_RESOURCE_REQ		MM_BIT(11)
#define CS_TILER_OOM			MM_BIT(26)
#define CS_PROTM_PEND			MM_BIT(27)
#define CS_FATAL_EVENT			MM_BIT(30)
#define CS_FAULT_EVENT			MM_BIT(31)

/* Host-request bits the firmware copies into CS_ACK once acted on. */
#define CS_REQ_COPIED			(CS_STATE | CS_EXTRACT_EVENT | \
					 CS_IDLE_SYNC_WAIT | \
					 CS_IDLE_PROTM_PEND | CS_IDLE_EMPTY | \
					 CS_IDLE_RESOURCE_REQ)

/* ---- Ring buffer user pages (§4.6) ------------------------------------------- */

#define RB_INPUT_INSERT			0x00u	/* 64-bit */
#define RB_INPUT_EXTRACT_INIT		0x08u	/* 64-bit */
#define RB_OUTPUT_EXTRACT		0x00u	/* 64-bit */
#define RB_OUTPUT_ACTIVE		0x08u

/* ---- Exception types the firmware itself reports (§4.12) --------------------- */

#define FW_EXC_CS_CONFIG_FAULT		0x40u
#define FW_EXC_CS_BUS_FAULT		0x48u
#define FW_EXC_DATA_INVALID_FAULT	0x58u
#define FW_EXC_FIRMWARE_INTERNAL_ERROR	0x68u

#endif /* MM_FW_IFACE_H */
