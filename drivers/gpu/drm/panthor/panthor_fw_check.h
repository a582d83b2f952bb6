/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Build-time checks of the firmware image and CSF interface layouts.
 *
 * Every offset below is the one the hardware notes give (mali-csf-hw.md,
 * sections 3 and 4), written out independently of the structures in
 * panthor_fw_parse.h and panthor_csf_if.h: a field added, removed or
 * resized by mistake breaks the build instead of the firmware protocol.
 * Included by exactly one file, panthor_fw_parse.c.
 */

#ifndef __PANTHOR_FW_CHECK_H__
#define __PANTHOR_FW_CHECK_H__

#include <linux/build_bug.h>
#include <linux/stddef.h>

#include "panthor_csf_if.h"
#include "panthor_fw_parse.h"

#define CSF_LAYOUT_AT(type, field, offset) \
	static_assert(offsetof(type, field) == (offset), \
		      #type "." #field " is not at " #offset)

#define CSF_LAYOUT_SIZE(type, size) \
	static_assert(sizeof(type) == (size), #type " is not " #size " bytes")

/* Image file header (section 3.2) */
CSF_LAYOUT_AT(struct panthor_fw_image_header, magic, 0x00);
CSF_LAYOUT_AT(struct panthor_fw_image_header, minor, 0x04);
CSF_LAYOUT_AT(struct panthor_fw_image_header, major, 0x05);
CSF_LAYOUT_AT(struct panthor_fw_image_header, version_hash, 0x08);
CSF_LAYOUT_AT(struct panthor_fw_image_header, image_size, 0x10);
CSF_LAYOUT_SIZE(struct panthor_fw_image_header, 0x14);

/* Section entry payload, after the entry header word (section 3.5) */
CSF_LAYOUT_AT(struct panthor_fw_section_entry, flags, 0x00);
CSF_LAYOUT_AT(struct panthor_fw_section_entry, va_start, 0x04);
CSF_LAYOUT_AT(struct panthor_fw_section_entry, va_end, 0x08);
CSF_LAYOUT_AT(struct panthor_fw_section_entry, data_start, 0x0c);
CSF_LAYOUT_AT(struct panthor_fw_section_entry, data_end, 0x10);
CSF_LAYOUT_SIZE(struct panthor_fw_section_entry, 0x14);

/* Build-info entry payload (section 3.4) */
CSF_LAYOUT_AT(struct panthor_fw_build_info_entry, data_start, 0x00);
CSF_LAYOUT_AT(struct panthor_fw_build_info_entry, data_size, 0x04);
CSF_LAYOUT_SIZE(struct panthor_fw_build_info_entry, 0x08);

/* GLB control block (section 4.3) */
CSF_LAYOUT_AT(struct panthor_csf_glb_control, version, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, features, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, input_va, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, output_va, 0x0c);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, group_num, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, group_stride, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, prfcnt_size, 0x18);
CSF_LAYOUT_AT(struct panthor_csf_glb_control, instr_features, 0x1c);
CSF_LAYOUT_SIZE(struct panthor_csf_glb_control, 0x20);

/* GLB input block (section 4.3) */
CSF_LAYOUT_AT(struct panthor_csf_glb_input, req, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, ack_irq_mask, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, db_req, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, progress_timer, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, pwroff_timer, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, alloc_en_lo, 0x18);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, alloc_en_hi, 0x1c);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_jasid, 0x24);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_base_lo, 0x28);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_base_hi, 0x2c);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_extract, 0x30);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_config, 0x40);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_csg_select, 0x44);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_fw_en, 0x48);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_csg_en, 0x4c);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_csf_en, 0x50);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_shader_en, 0x54);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_tiler_en, 0x58);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, prfcnt_mmu_l2_en, 0x5c);
CSF_LAYOUT_AT(struct panthor_csf_glb_input, idle_timer, 0x80);
CSF_LAYOUT_SIZE(struct panthor_csf_glb_input, 0x84);

/* GLB output block (section 4.3) */
CSF_LAYOUT_AT(struct panthor_csf_glb_output, ack, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_glb_output, db_ack, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_glb_output, halt_status, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_glb_output, prfcnt_status, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_glb_output, prfcnt_insert, 0x18);
CSF_LAYOUT_SIZE(struct panthor_csf_glb_output, 0x1c);

/* CSG control block (section 4.4) */
CSF_LAYOUT_AT(struct panthor_csf_csg_control, features, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, input_va, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, output_va, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, suspend_size, 0x0c);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, protm_suspend_size, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, stream_num, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_csg_control, stream_stride, 0x18);
CSF_LAYOUT_SIZE(struct panthor_csf_csg_control, 0x1c);

/* CSG input block (section 4.4) */
CSF_LAYOUT_AT(struct panthor_csf_csg_input, req, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, ack_irq_mask, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, db_req, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, irq_ack, 0x0c);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, allow_compute_lo, 0x20);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, allow_compute_hi, 0x24);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, allow_fragment_lo, 0x28);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, allow_fragment_hi, 0x2c);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, allow_other, 0x30);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, ep_req, 0x34);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, suspend_buf_lo, 0x40);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, suspend_buf_hi, 0x44);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, protm_suspend_buf_lo, 0x48);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, protm_suspend_buf_hi, 0x4c);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, config, 0x50);
CSF_LAYOUT_AT(struct panthor_csf_csg_input, iter_trace_config, 0x54);
CSF_LAYOUT_SIZE(struct panthor_csf_csg_input, 0x58);

/* CSG output block (section 4.4) */
CSF_LAYOUT_AT(struct panthor_csf_csg_output, ack, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, db_ack, 0x08);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, irq_req, 0x0c);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, status_ep_current, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, status_ep_req, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, status_state, 0x18);
CSF_LAYOUT_AT(struct panthor_csf_csg_output, resource_dep, 0x1c);
CSF_LAYOUT_SIZE(struct panthor_csf_csg_output, 0x20);

/* CS control block (section 4.5) */
CSF_LAYOUT_AT(struct panthor_csf_cs_control, features, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_cs_control, input_va, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_cs_control, output_va, 0x08);
CSF_LAYOUT_SIZE(struct panthor_csf_cs_control, 0x0c);

/* CS input block (section 4.5) */
CSF_LAYOUT_AT(struct panthor_csf_cs_input, req, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, config, 0x04);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, ack_irq_mask, 0x0c);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, ring_base_lo, 0x10);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, ring_base_hi, 0x14);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, ring_size, 0x18);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, heap_start_lo, 0x20);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, heap_start_hi, 0x24);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, heap_end_lo, 0x28);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, heap_end_hi, 0x2c);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, user_input_lo, 0x30);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, user_input_hi, 0x34);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, user_output_lo, 0x38);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, user_output_hi, 0x3c);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_config, 0x40);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_buffer_size, 0x44);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_buffer_base_lo, 0x48);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_buffer_base_hi, 0x4c);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_buffer_offset_lo, 0x50);
CSF_LAYOUT_AT(struct panthor_csf_cs_input, instr_buffer_offset_hi, 0x54);
CSF_LAYOUT_SIZE(struct panthor_csf_cs_input, 0x58);

/* CS output block (section 4.5) */
CSF_LAYOUT_AT(struct panthor_csf_cs_output, ack, 0x00);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_cmd_ptr_lo, 0x40);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_cmd_ptr_hi, 0x44);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_wait, 0x48);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_req_resource, 0x4c);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_wait_sync_ptr_lo, 0x50);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_wait_sync_ptr_hi, 0x54);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_wait_sync_value, 0x58);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_scoreboards, 0x5c);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_blocked_reason, 0x60);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, status_wait_sync_value_hi, 0x64);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fault, 0x80);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fatal, 0x84);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fault_info_lo, 0x88);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fault_info_hi, 0x8c);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fatal_info_lo, 0x90);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, fatal_info_hi, 0x94);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, heap_vt_start, 0xc0);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, heap_vt_end, 0xc4);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, heap_frag_end, 0xcc);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, heap_address_lo, 0xd0);
CSF_LAYOUT_AT(struct panthor_csf_cs_output, heap_address_hi, 0xd4);
CSF_LAYOUT_SIZE(struct panthor_csf_cs_output, 0xd8);

#endif /* __PANTHOR_FW_CHECK_H__ */
