/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The CSF host interface: the blocks of shared memory through which the
 * driver and the GPU's firmware talk.
 *
 * Everything lives in the firmware's shared section (MCU VA 0x04000000,
 * mapped for the CPU by the fw block). At its start the firmware writes a
 * GLB control block; the CSG control blocks follow at 0x1000, one per
 * command stream group slot, each with the control blocks of its command
 * streams (CS) at +0x40. Control blocks are read-only for the host; they
 * give the MCU addresses of the input blocks (written by the host) and
 * output blocks (written by the firmware), which the firmware may place
 * anywhere in the section.
 *
 * Every field is a 32-bit little-endian word. Fields the hardware
 * documentation calls 64-bit are a LO/HI pair of words and are declared as
 * such, so that no access ever depends on an 8-byte alignment the firmware
 * does not promise. The layouts are checked against the documented offsets
 * in panthor_fw_check.h.
 *
 * Requests use the REQ/ACK handshake of panthor_fw.h: the host owns the REQ
 * word of an input block, the firmware the matching ACK word of the output
 * block.
 */

#ifndef __PANTHOR_CSF_IF_H__
#define __PANTHOR_CSF_IF_H__

#include <linux/bits.h>
#include <linux/types.h>

/* MCU addresses of the shared section and of the zone it opens. */
#define CSF_SHARED_SECTION_VA		0x04000000u
#define CSF_SHARED_ZONE_END		0x08000000u

/* Where the CSG control blocks start, from the start of the shared section. */
#define CSF_CSG_CONTROL_OFFSET		0x1000u
/* Where the CS control blocks start, from the start of a CSG control block. */
#define CSF_CS_CONTROL_OFFSET		0x40u

/*
 * Limits on what the firmware may report. JOB_IRQ bit 31 belongs to the
 * global interface, so at most 31 CSG slots can signal; fewer than 3 slots
 * or 8 streams per group would not be enough to schedule real workloads.
 */
#define CSF_MIN_CSG_SLOTS		3u
#define CSF_MAX_CSG_SLOTS		31u
#define CSF_MIN_CS_SLOTS		8u
#define CSF_MAX_CS_SLOTS		32u

/* Version words (GLB_VERSION) */
#define CSF_VERSION_MAJOR		GENMASK(31, 24)
#define CSF_VERSION_MINOR		GENMASK(23, 16)
#define CSF_VERSION_PATCH		GENMASK(15, 0)

/* ---- Global interface ---------------------------------------------------- */

/**
 * struct panthor_csf_glb_control - GLB control block (firmware-written)
 */
struct panthor_csf_glb_control {
	/** @version: interface version, CSF_VERSION_* fields; 0 = not booted */
	u32 version;
	/** @features: CSF_GLB_FEATURES_* */
	u32 features;
	/** @input_va: MCU address of &struct panthor_csf_glb_input */
	u32 input_va;
	/** @output_va: MCU address of &struct panthor_csf_glb_output */
	u32 output_va;
	/** @group_num: number of CSG slots */
	u32 group_num;
	/** @group_stride: bytes between two CSG control blocks */
	u32 group_stride;
	/** @prfcnt_size: CSF_GLB_PRFCNT_SIZE_* */
	u32 prfcnt_size;
	/** @instr_features: CSF_GLB_INSTR_FEATURES_*, from interface 1.1 on */
	u32 instr_features;
};

#define CSF_GLB_FEATURES_ITER_TRACE		BIT(4)
#define CSF_GLB_PRFCNT_SIZE_HW			GENMASK(15, 0)
#define CSF_GLB_PRFCNT_SIZE_FW			GENMASK(31, 16)
#define CSF_GLB_INSTR_FEATURES_OFFSET_UPDATE	GENMASK(3, 0)
#define CSF_GLB_INSTR_FEATURES_EVENT_SIZE	GENMASK(7, 4)

/**
 * struct panthor_csf_glb_input - GLB input block (host-written)
 */
struct panthor_csf_glb_input {
	/** @req: GLB_REQ, CSF_GLB_* request bits */
	u32 req;
	/** @ack_irq_mask: GLB_ACK bits whose change raises JOB_IRQ bit 31 */
	u32 ack_irq_mask;
	/** @db_req: bit n toggled: CSG slot n has new requests */
	u32 db_req;
	/** @reserved0: unused */
	u32 reserved0;
	/** @progress_timer: progress timeout, in units of 1024 GPU cycles */
	u32 progress_timer;
	/** @pwroff_timer: core power-off delay, CSF_TIMER_* encoding */
	u32 pwroff_timer;
	/** @alloc_en_lo: shader cores the firmware may use, bits 31:0 */
	u32 alloc_en_lo;
	/** @alloc_en_hi: shader cores the firmware may use, bits 63:32 */
	u32 alloc_en_hi;
	/** @reserved1: unused */
	u32 reserved1;
	/** @prfcnt_jasid: address space of the counter ring */
	u32 prfcnt_jasid;
	/** @prfcnt_base_lo: counter ring base, bits 31:0 */
	u32 prfcnt_base_lo;
	/** @prfcnt_base_hi: counter ring base, bits 63:32 */
	u32 prfcnt_base_hi;
	/** @prfcnt_extract: host's read index in the counter ring */
	u32 prfcnt_extract;
	/** @reserved2: unused */
	u32 reserved2[3];
	/** @prfcnt_config: ring size and counter set */
	u32 prfcnt_config;
	/** @prfcnt_csg_select: CSGs whose counters are sampled */
	u32 prfcnt_csg_select;
	/** @prfcnt_fw_en: firmware counter enables */
	u32 prfcnt_fw_en;
	/** @prfcnt_csg_en: CSG counter enables */
	u32 prfcnt_csg_en;
	/** @prfcnt_csf_en: CSF counter enables */
	u32 prfcnt_csf_en;
	/** @prfcnt_shader_en: shader core counter enables */
	u32 prfcnt_shader_en;
	/** @prfcnt_tiler_en: tiler counter enables */
	u32 prfcnt_tiler_en;
	/** @prfcnt_mmu_l2_en: MMU and L2 counter enables */
	u32 prfcnt_mmu_l2_en;
	/** @reserved3: unused */
	u32 reserved3[8];
	/** @idle_timer: GPU idle hysteresis, CSF_TIMER_* encoding */
	u32 idle_timer;
};

/**
 * struct panthor_csf_glb_output - GLB output block (firmware-written)
 */
struct panthor_csf_glb_output {
	/** @ack: GLB_ACK */
	u32 ack;
	/** @reserved0: unused */
	u32 reserved0;
	/** @db_ack: acknowledges @db_req of the input block */
	u32 db_ack;
	/** @reserved1: unused */
	u32 reserved1;
	/** @halt_status: CSF_GLB_HALT_STATUS_*, valid once the MCU halted */
	u32 halt_status;
	/** @prfcnt_status: counter status */
	u32 prfcnt_status;
	/** @prfcnt_insert: firmware's write index in the counter ring */
	u32 prfcnt_insert;
};

#define CSF_GLB_HALT_STATUS_CLEAN		0x00
#define CSF_GLB_HALT_STATUS_PANIC		0x4e
#define CSF_GLB_HALT_STATUS_WATCHDOG		0x4f

/* GLB_REQ / GLB_ACK: requests from the host */
#define CSF_GLB_HALT				BIT(0)
#define CSF_GLB_CFG_PROGRESS_TIMER		BIT(1)
#define CSF_GLB_CFG_ALLOC_EN			BIT(2)
#define CSF_GLB_CFG_PWROFF_TIMER		BIT(3)
#define CSF_GLB_PROTM_ENTER			BIT(4)
#define CSF_GLB_PRFCNT_ENABLE			BIT(5)
#define CSF_GLB_PRFCNT_SAMPLE			BIT(6)
#define CSF_GLB_COUNTER_ENABLE			BIT(7)
#define CSF_GLB_PING				BIT(8)
#define CSF_GLB_FIRMWARE_CONFIG_UPDATE		BIT(9)
#define CSF_GLB_IDLE_ENABLE			BIT(10)
#define CSF_GLB_ITER_TRACE_ENABLE		BIT(11)
#define CSF_GLB_SLEEP				BIT(12)
/* GLB_REQ / GLB_ACK: events from the firmware */
#define CSF_GLB_INACTIVE_COMPUTE		BIT(20)
#define CSF_GLB_INACTIVE_FRAGMENT		BIT(21)
#define CSF_GLB_INACTIVE_TILER			BIT(22)
#define CSF_GLB_PROTM_EXIT			BIT(23)
#define CSF_GLB_PRFCNT_THRESHOLD		BIT(24)
#define CSF_GLB_PRFCNT_OVERFLOW			BIT(25)
#define CSF_GLB_IDLE				BIT(26)
#define CSF_GLB_EVENTS				GENMASK(26, 20)

/*
 * Timer words (GLB_PWROFF_TIMER, GLB_IDLE_TIMER): a count of 1024 ticks of
 * the selected source.
 */
#define CSF_TIMER_VALUE				GENMASK(30, 0)
#define CSF_TIMER_SOURCE			BIT(31)
#define   CSF_TIMER_SOURCE_SYSTEM		0
#define   CSF_TIMER_SOURCE_GPU_CYCLES		1
#define CSF_TIMER_TICKS_PER_UNIT		1024

/* ---- Command stream groups ------------------------------------------------ */

/**
 * struct panthor_csf_csg_control - CSG control block (firmware-written)
 *
 * The CS control blocks of the group start at CSF_CS_CONTROL_OFFSET.
 */
struct panthor_csf_csg_control {
	/** @features: CSG features */
	u32 features;
	/** @input_va: MCU address of &struct panthor_csf_csg_input */
	u32 input_va;
	/** @output_va: MCU address of &struct panthor_csf_csg_output */
	u32 output_va;
	/** @suspend_size: bytes of a suspend buffer */
	u32 suspend_size;
	/** @protm_suspend_size: bytes of a protected-mode suspend buffer */
	u32 protm_suspend_size;
	/** @stream_num: number of CS slots in the group */
	u32 stream_num;
	/** @stream_stride: bytes between two CS control blocks */
	u32 stream_stride;
};

/**
 * struct panthor_csf_csg_input - CSG input block (host-written)
 */
struct panthor_csf_csg_input {
	/** @req: CSG_REQ, CSF_CSG_* bits */
	u32 req;
	/** @ack_irq_mask: CSG_ACK bits whose change raises the slot's JOB IRQ */
	u32 ack_irq_mask;
	/** @db_req: bit k toggled: CS k has new requests */
	u32 db_req;
	/** @irq_ack: host's copy of the output block's @irq_req */
	u32 irq_ack;
	/** @reserved0: unused */
	u32 reserved0[4];
	/** @allow_compute_lo: shader cores usable for compute, bits 31:0 */
	u32 allow_compute_lo;
	/** @allow_compute_hi: shader cores usable for compute, bits 63:32 */
	u32 allow_compute_hi;
	/** @allow_fragment_lo: shader cores usable for fragment, bits 31:0 */
	u32 allow_fragment_lo;
	/** @allow_fragment_hi: shader cores usable for fragment, bits 63:32 */
	u32 allow_fragment_hi;
	/** @allow_other: tiler and other units usable */
	u32 allow_other;
	/** @ep_req: CSF_CSG_EP_REQ_* */
	u32 ep_req;
	/** @reserved1: unused */
	u32 reserved1[2];
	/** @suspend_buf_lo: MCU address of the suspend buffer, bits 31:0 */
	u32 suspend_buf_lo;
	/** @suspend_buf_hi: MCU address of the suspend buffer, bits 63:32 */
	u32 suspend_buf_hi;
	/** @protm_suspend_buf_lo: protected suspend buffer, bits 31:0 */
	u32 protm_suspend_buf_lo;
	/** @protm_suspend_buf_hi: protected suspend buffer, bits 63:32 */
	u32 protm_suspend_buf_hi;
	/** @config: address space the group's streams run in */
	u32 config;
	/** @iter_trace_config: iterator trace configuration */
	u32 iter_trace_config;
};

/**
 * struct panthor_csf_csg_output - CSG output block (firmware-written)
 */
struct panthor_csf_csg_output {
	/** @ack: CSG_ACK */
	u32 ack;
	/** @reserved0: unused */
	u32 reserved0;
	/** @db_ack: acknowledges @db_req of the input block */
	u32 db_ack;
	/** @irq_req: bit k toggled by the firmware: CS k has events */
	u32 irq_req;
	/** @status_ep_current: endpoints currently allocated */
	u32 status_ep_current;
	/** @status_ep_req: endpoints currently requested */
	u32 status_ep_req;
	/** @status_state: CSF_CSG_STATUS_STATE_* */
	u32 status_state;
	/** @resource_dep: current resource dependencies */
	u32 resource_dep;
};

/* CSG_REQ / CSG_ACK */
#define CSF_CSG_STATE				GENMASK(2, 0)
#define   CSF_CSG_STATE_TERMINATE		0
#define   CSF_CSG_STATE_START			1
#define   CSF_CSG_STATE_SUSPEND			2
#define   CSF_CSG_STATE_RESUME			3
#define CSF_CSG_ENDPOINT_CONFIG			BIT(4)
#define CSF_CSG_STATUS_UPDATE			BIT(5)
#define CSF_CSG_SYNC_UPDATE			BIT(28)
#define CSF_CSG_IDLE				BIT(29)
#define CSF_CSG_DOORBELL			BIT(30)
#define CSF_CSG_PROGRESS_TIMER_EVENT		BIT(31)
#define CSF_CSG_EVENTS \
	(CSF_CSG_SYNC_UPDATE | CSF_CSG_IDLE | CSF_CSG_PROGRESS_TIMER_EVENT)

/* CSG_EP_REQ */
#define CSF_CSG_EP_REQ_COMPUTE			GENMASK(7, 0)
#define CSF_CSG_EP_REQ_FRAGMENT			GENMASK(15, 8)
#define CSF_CSG_EP_REQ_TILER			GENMASK(19, 16)
#define CSF_CSG_EP_REQ_EXCL_COMPUTE		BIT(20)
#define CSF_CSG_EP_REQ_EXCL_FRAGMENT		BIT(21)
#define CSF_CSG_EP_REQ_PRIORITY			GENMASK(31, 28)

/* CSG_STATUS_STATE */
#define CSF_CSG_STATUS_STATE_IDLE		BIT(0)

/* ---- Command streams ------------------------------------------------------ */

/**
 * struct panthor_csf_cs_control - CS control block (firmware-written)
 */
struct panthor_csf_cs_control {
	/** @features: CSF_CS_FEATURES_* */
	u32 features;
	/** @input_va: MCU address of &struct panthor_csf_cs_input */
	u32 input_va;
	/** @output_va: MCU address of &struct panthor_csf_cs_output */
	u32 output_va;
};

/* CS_FEATURES */
#define CSF_CS_FEATURES_WORK_REGS_MINUS_1	GENMASK(7, 0)
#define CSF_CS_FEATURES_SCOREBOARDS		GENMASK(15, 8)
#define CSF_CS_FEATURES_COMPUTE			BIT(16)
#define CSF_CS_FEATURES_FRAGMENT		BIT(17)
#define CSF_CS_FEATURES_TILER			BIT(18)

/**
 * struct panthor_csf_cs_input - CS input block (host-written)
 */
struct panthor_csf_cs_input {
	/** @req: CS_REQ, CSF_CS_* bits */
	u32 req;
	/** @config: CSF_CS_CONFIG_* */
	u32 config;
	/** @reserved0: unused */
	u32 reserved0;
	/** @ack_irq_mask: CS_ACK bits whose change the firmware reports */
	u32 ack_irq_mask;
	/** @ring_base_lo: GPU address of the ring buffer, bits 31:0 */
	u32 ring_base_lo;
	/** @ring_base_hi: GPU address of the ring buffer, bits 63:32 */
	u32 ring_base_hi;
	/** @ring_size: ring buffer size in bytes, a power of two */
	u32 ring_size;
	/** @reserved1: unused */
	u32 reserved1;
	/** @heap_start_lo: tiler heap chunk handed over on OOM, bits 31:0 */
	u32 heap_start_lo;
	/** @heap_start_hi: tiler heap chunk handed over on OOM, bits 63:32 */
	u32 heap_start_hi;
	/** @heap_end_lo: end of that chunk, bits 31:0 */
	u32 heap_end_lo;
	/** @heap_end_hi: end of that chunk, bits 63:32 */
	u32 heap_end_hi;
	/** @user_input_lo: MCU address of the ring's input page, bits 31:0 */
	u32 user_input_lo;
	/** @user_input_hi: MCU address of the ring's input page, bits 63:32 */
	u32 user_input_hi;
	/** @user_output_lo: MCU address of the ring's output page, bits 31:0 */
	u32 user_output_lo;
	/** @user_output_hi: MCU address of the ring's output page, bits 63:32 */
	u32 user_output_hi;
	/** @instr_config: instrumentation configuration */
	u32 instr_config;
	/** @instr_buffer_size: instrumentation buffer size */
	u32 instr_buffer_size;
	/** @instr_buffer_base_lo: instrumentation buffer, bits 31:0 */
	u32 instr_buffer_base_lo;
	/** @instr_buffer_base_hi: instrumentation buffer, bits 63:32 */
	u32 instr_buffer_base_hi;
	/** @instr_buffer_offset_lo: instrumentation offset pointer, bits 31:0 */
	u32 instr_buffer_offset_lo;
	/** @instr_buffer_offset_hi: instrumentation offset pointer, bits 63:32 */
	u32 instr_buffer_offset_hi;
};

/* CS_CONFIG */
#define CSF_CS_CONFIG_PRIORITY			GENMASK(3, 0)
#define CSF_CS_CONFIG_DOORBELL			GENMASK(15, 8)

/* CS_REQ / CS_ACK */
#define CSF_CS_STATE				GENMASK(2, 0)
#define   CSF_CS_STATE_STOP			0
#define   CSF_CS_STATE_START			1
#define CSF_CS_EXTRACT_EVENT			BIT(4)
#define CSF_CS_IDLE_SYNC_WAIT			BIT(8)
#define CSF_CS_IDLE_PROTM_PEND			BIT(9)
#define CSF_CS_IDLE_EMPTY			BIT(10)
#define CSF_CS_IDLE_RESOURCE_REQ		BIT(11)
#define CSF_CS_TILER_OOM			BIT(26)
#define CSF_CS_PROTM_PEND			BIT(27)
#define CSF_CS_FATAL				BIT(30)
#define CSF_CS_FAULT				BIT(31)
#define CSF_CS_EVENTS \
	(CSF_CS_TILER_OOM | CSF_CS_PROTM_PEND | CSF_CS_FATAL | CSF_CS_FAULT)

/**
 * struct panthor_csf_cs_output - CS output block (firmware-written)
 */
struct panthor_csf_cs_output {
	/** @ack: CS_ACK */
	u32 ack;
	/** @reserved0: unused */
	u32 reserved0[15];
	/** @status_cmd_ptr_lo: GPU address of the current instruction, 31:0 */
	u32 status_cmd_ptr_lo;
	/** @status_cmd_ptr_hi: GPU address of the current instruction, 63:32 */
	u32 status_cmd_ptr_hi;
	/** @status_wait: CSF_CS_STATUS_WAIT_* */
	u32 status_wait;
	/** @status_req_resource: resources the stream waits for */
	u32 status_req_resource;
	/** @status_wait_sync_ptr_lo: sync object waited on, bits 31:0 */
	u32 status_wait_sync_ptr_lo;
	/** @status_wait_sync_ptr_hi: sync object waited on, bits 63:32 */
	u32 status_wait_sync_ptr_hi;
	/** @status_wait_sync_value: reference value, bits 31:0 */
	u32 status_wait_sync_value;
	/** @status_scoreboards: scoreboard entries with outstanding work */
	u32 status_scoreboards;
	/** @status_blocked_reason: CSF_CS_BLOCKED_* */
	u32 status_blocked_reason;
	/** @status_wait_sync_value_hi: reference value, bits 63:32 */
	u32 status_wait_sync_value_hi;
	/** @reserved1: unused */
	u32 reserved1[6];
	/** @fault: CSF_CS_EXCEPTION_* of the last recoverable fault */
	u32 fault;
	/** @fatal: CSF_CS_EXCEPTION_* of the last fatal error */
	u32 fatal;
	/** @fault_info_lo: fault details, bits 31:0 */
	u32 fault_info_lo;
	/** @fault_info_hi: fault details, bits 63:32 */
	u32 fault_info_hi;
	/** @fatal_info_lo: fatal error details, bits 31:0 */
	u32 fatal_info_lo;
	/** @fatal_info_hi: fatal error details, bits 63:32 */
	u32 fatal_info_hi;
	/** @reserved2: unused */
	u32 reserved2[10];
	/** @heap_vt_start: vertex/tiling passes started */
	u32 heap_vt_start;
	/** @heap_vt_end: vertex/tiling passes completed */
	u32 heap_vt_end;
	/** @reserved3: unused */
	u32 reserved3;
	/** @heap_frag_end: fragment passes completed */
	u32 heap_frag_end;
	/** @heap_address_lo: heap context that ran out of memory, bits 31:0 */
	u32 heap_address_lo;
	/** @heap_address_hi: heap context that ran out of memory, bits 63:32 */
	u32 heap_address_hi;
};

/* CS_STATUS_WAIT */
#define CSF_CS_STATUS_WAIT_SB_MASK		GENMASK(15, 0)
#define CSF_CS_STATUS_WAIT_SB_SOURCE		GENMASK(19, 16)
#define CSF_CS_STATUS_WAIT_SYNC_COND		GENMASK(27, 24)
#define   CSF_CS_STATUS_WAIT_SYNC_COND_LE	0
#define   CSF_CS_STATUS_WAIT_SYNC_COND_GT	1
#define CSF_CS_STATUS_WAIT_PROGRESS		BIT(28)
#define CSF_CS_STATUS_WAIT_PROTM		BIT(29)
#define CSF_CS_STATUS_WAIT_SYNC_64B		BIT(30)
#define CSF_CS_STATUS_WAIT_SYNC			BIT(31)

/* CS_STATUS_BLOCKED_REASON */
#define CSF_CS_BLOCKED_REASON			GENMASK(3, 0)
#define   CSF_CS_BLOCKED_UNBLOCKED		0
#define   CSF_CS_BLOCKED_SB_WAIT		1
#define   CSF_CS_BLOCKED_PROGRESS_WAIT		2
#define   CSF_CS_BLOCKED_SYNC_WAIT		3
#define   CSF_CS_BLOCKED_DEFERRED		4
#define   CSF_CS_BLOCKED_RESOURCE		5
#define   CSF_CS_BLOCKED_FLUSH			6

/* CS_FAULT / CS_FATAL */
#define CSF_CS_EXCEPTION_TYPE			GENMASK(7, 0)
#define CSF_CS_EXCEPTION_DATA			GENMASK(31, 8)

/**
 * CSF_UNPRESERVED_CS_REGS - CS registers the kernel's ring-buffer code uses
 *
 * The highest-numbered registers of every stream; a user stream cannot
 * expect them to survive a submission.
 */
#define CSF_UNPRESERVED_CS_REGS			4

#endif /* __PANTHOR_CSF_IF_H__ */
