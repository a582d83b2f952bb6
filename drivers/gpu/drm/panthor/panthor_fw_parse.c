// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor firmware block, pure part: the firmware image parser, the
 * interface layout parser and the timer encoding.
 *
 * Nothing here touches the device, allocates or prints: a function either
 * fills its description of the input or says, in a &struct
 * panthor_fw_parse_error, what it refused and where. The caller turns that
 * into a single error line.
 *
 * Every offset, size and address read from the input is checked before it
 * is used; the arithmetic is done in u64 so that no 32-bit sum can wrap.
 */

#include <linux/align.h>
#include <linux/bitfield.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/time64.h>

#include <asm/byteorder.h>

#include <kunit/visibility.h>

#include "panthor_fw_check.h"
#include "panthor_fw_parse.h"

static int panthor_fw_refuse(struct panthor_fw_parse_error *err,
			     const char *reason, u64 offset, u32 value)
{
	err->reason = reason;
	err->offset = offset;
	err->value = value;
	return -EINVAL;
}

/* True if [start, start + len) lies inside [0, limit). */
static bool panthor_fw_range_inside(u64 start, u64 len, u64 limit)
{
	return start <= limit && len <= limit - start;
}

/*
 * Look for "git_sha: " followed by 40 hex digits in the build-info text;
 * firmware built from a dirty tree appends a marker after them.
 */
static void panthor_fw_find_git_sha(const char *text, size_t len,
				    struct panthor_fw_image_desc *desc)
{
	static const char key[] = "git_sha: ";
	const size_t key_len = sizeof(key) - 1;
	size_t i;

	if (len < key_len + PANTHOR_FW_GIT_SHA_LEN ||
	    memcmp(text, key, key_len))
		return;

	for (i = 0; i < PANTHOR_FW_GIT_SHA_LEN; i++) {
		if (!isxdigit(text[key_len + i]))
			return;
	}

	memcpy(desc->git_sha, text + key_len, PANTHOR_FW_GIT_SHA_LEN);
	desc->git_sha[PANTHOR_FW_GIT_SHA_LEN] = '\0';
}

static int panthor_fw_parse_build_info(const u8 *data, size_t size, u32 offset,
				       u32 entry_size,
				       struct panthor_fw_image_desc *desc,
				       struct panthor_fw_parse_error *err)
{
	const struct panthor_fw_build_info_entry *info;
	u32 start, len;

	if (entry_size < sizeof(u32) + sizeof(*info))
		return panthor_fw_refuse(err, "build-info entry too short",
					 offset, entry_size);

	info = (const void *)(data + offset + sizeof(u32));
	start = le32_to_cpu(info->data_start);
	len = le32_to_cpu(info->data_size);
	if (!panthor_fw_range_inside(start, len, size))
		return panthor_fw_refuse(err, "build info beyond the end of the file",
					 offset, start);

	panthor_fw_find_git_sha((const char *)data + start, len, desc);
	return 0;
}

/* Do two MCU ranges [a, a + a_size) and [b, b + b_size) share a byte? */
static bool panthor_fw_ranges_overlap(u32 a, u32 a_size, u32 b, u32 b_size)
{
	return (u64)a < (u64)b + b_size && (u64)b < (u64)a + a_size;
}

static int panthor_fw_add_section(struct panthor_fw_image_desc *desc,
				  const struct panthor_fw_section_desc *section,
				  u32 offset, struct panthor_fw_parse_error *err)
{
	unsigned int i;

	for (i = 0; i < desc->section_count; i++) {
		const struct panthor_fw_section_desc *other = &desc->sections[i];

		if (panthor_fw_ranges_overlap(section->va, section->size,
					      other->va, other->size))
			return panthor_fw_refuse(err, "section overlaps another section",
						 offset, section->va);
	}

	if (desc->section_count == PANTHOR_FW_MAX_SECTIONS)
		return panthor_fw_refuse(err, "too many sections", offset,
					 desc->section_count);

	desc->sections[desc->section_count++] = *section;
	return 0;
}

static int panthor_fw_parse_section(const u8 *data, size_t size, u32 offset,
				    u32 entry_size,
				    struct panthor_fw_image_desc *desc,
				    struct panthor_fw_parse_error *err)
{
	const struct panthor_fw_section_entry *entry;
	struct panthor_fw_section_desc section = {};
	u32 va_end, data_end, name_len;
	const char *name;

	if (entry_size < sizeof(u32) + sizeof(*entry))
		return panthor_fw_refuse(err, "section entry too short", offset,
					 entry_size);

	entry = (const void *)(data + offset + sizeof(u32));
	section.entry_offset = offset;
	section.flags = le32_to_cpu(entry->flags);
	section.va = le32_to_cpu(entry->va_start);
	va_end = le32_to_cpu(entry->va_end);
	section.data_offset = le32_to_cpu(entry->data_start);
	data_end = le32_to_cpu(entry->data_end);

	if (section.flags & ~PANTHOR_FW_SECTION_KNOWN_FLAGS)
		return panthor_fw_refuse(err, "unknown section flags", offset,
					 section.flags);
	if (!IS_ALIGNED(section.va, PANTHOR_FW_MCU_PAGE_SIZE) ||
	    !IS_ALIGNED(va_end, PANTHOR_FW_MCU_PAGE_SIZE))
		return panthor_fw_refuse(err, "section address not page aligned",
					 offset, section.va);
	if (va_end < section.va)
		return panthor_fw_refuse(err, "section ends before it starts",
					 offset, va_end);
	if (data_end < section.data_offset)
		return panthor_fw_refuse(err, "section data ends before it starts",
					 offset, data_end);
	if (data_end > size)
		return panthor_fw_refuse(err, "section data beyond the end of the file",
					 offset, data_end);

	section.size = va_end - section.va;
	section.data_size = data_end - section.data_offset;
	if (section.data_size > section.size)
		return panthor_fw_refuse(err, "section data larger than the section",
					 offset, section.data_size);

	if (section.flags & PANTHOR_FW_SECTION_PROT) {
		/* Protected mode is not supported: the MCU never enters it. */
		desc->prot_skipped++;
		return 0;
	}
	if (!section.size) {
		desc->empty_skipped++;
		return 0;
	}

	name = (const char *)entry + sizeof(*entry);
	name_len = strnlen(name, entry_size - sizeof(u32) - sizeof(*entry));
	memcpy(section.name, name, min_t(u32, name_len, sizeof(section.name) - 1));

	return panthor_fw_add_section(desc, &section, offset, err);
}

static int panthor_fw_parse_entry(const u8 *data, size_t size, u32 offset,
				  u32 image_size,
				  struct panthor_fw_image_desc *desc,
				  struct panthor_fw_parse_error *err,
				  u32 *entry_size)
{
	u32 hdr, type;

	if (!panthor_fw_range_inside(offset, sizeof(u32), image_size))
		return panthor_fw_refuse(err, "entry header beyond the end of the image",
					 offset, image_size);

	hdr = le32_to_cpup((const __le32 *)(data + offset));
	type = FIELD_GET(PANTHOR_FW_ENTRY_TYPE, hdr);
	*entry_size = FIELD_GET(PANTHOR_FW_ENTRY_SIZE, hdr);

	/* A size below one word would stall the walk on the same entry. */
	if (*entry_size < sizeof(u32))
		return panthor_fw_refuse(err, "entry smaller than its header",
					 offset, *entry_size);
	if (!IS_ALIGNED(*entry_size, sizeof(u32)))
		return panthor_fw_refuse(err, "entry size not a multiple of 4",
					 offset, *entry_size);
	if (!panthor_fw_range_inside(offset, *entry_size, image_size))
		return panthor_fw_refuse(err, "entry beyond the end of the image",
					 offset, *entry_size);

	switch (type) {
	case PANTHOR_FW_ENTRY_SECTION:
		return panthor_fw_parse_section(data, size, offset, *entry_size,
						desc, err);
	case PANTHOR_FW_ENTRY_BUILD_INFO:
		return panthor_fw_parse_build_info(data, size, offset,
						   *entry_size, desc, err);
	case PANTHOR_FW_ENTRY_CONFIG:
	case PANTHOR_FW_ENTRY_FUTF:
	case PANTHOR_FW_ENTRY_TRACE_BUFFER:
	case PANTHOR_FW_ENTRY_TIMELINE:
		/* Known, and nothing the driver needs. */
		return 0;
	}

	if (!(hdr & PANTHOR_FW_ENTRY_OPTIONAL))
		return panthor_fw_refuse(err, "unknown entry type that is not optional",
					 offset, type);

	desc->optional_skipped++;
	return 0;
}

static int panthor_fw_find_shared_section(struct panthor_fw_image_desc *desc,
					  struct panthor_fw_parse_error *err)
{
	unsigned int i;

	for (i = 0; i < desc->section_count; i++) {
		const struct panthor_fw_section_desc *section = &desc->sections[i];

		if (section->va != CSF_SHARED_SECTION_VA)
			continue;
		if (!(section->flags & PANTHOR_FW_SECTION_SHARED))
			return panthor_fw_refuse(err, "interface section not marked shared",
						 section->entry_offset, section->flags);
		desc->shared = i;
		return 0;
	}

	return panthor_fw_refuse(err, "no interface section at 0x04000000", 0,
				 desc->section_count);
}

/**
 * panthor_fw_image_parse() - Validate a firmware image and describe it
 * @data: the file's contents
 * @size: the file's size
 * @desc: filled with the sections to load and what else the image says
 * @err: filled with the reason when the image is refused
 *
 * Checks the header, then walks the entries packed after it up to the
 * image size the header gives. Section entries are checked in full (flags,
 * alignment, ordering of their bounds, data inside the file and no larger
 * than the section, no overlap with another section); zero-sized and
 * protected-mode sections are counted and left out. Unknown entry types are
 * skipped when marked optional and refused otherwise. Finally the shared
 * interface section must be there.
 *
 * Return: 0 if the image can be loaded, -EINVAL otherwise.
 */
int panthor_fw_image_parse(const u8 *data, size_t size,
			   struct panthor_fw_image_desc *desc,
			   struct panthor_fw_parse_error *err)
{
	const struct panthor_fw_image_header *hdr = (const void *)data;
	u32 offset, entry_size, image_size;
	int ret;

	memset(desc, 0, sizeof(*desc));

	if (size < sizeof(*hdr))
		return panthor_fw_refuse(err, "file too short for a header", 0, size);
	if (le32_to_cpu(hdr->magic) != PANTHOR_FW_IMAGE_MAGIC)
		return panthor_fw_refuse(err, "bad magic", 0, le32_to_cpu(hdr->magic));
	if (hdr->major != PANTHOR_FW_IMAGE_HDR_MAJOR)
		return panthor_fw_refuse(err, "unsupported header version",
					 offsetof(typeof(*hdr), major), hdr->major);

	image_size = le32_to_cpu(hdr->image_size);
	if (image_size < sizeof(*hdr) || image_size > size)
		return panthor_fw_refuse(err, "image size outside the file",
					 offsetof(typeof(*hdr), image_size),
					 image_size);

	desc->header_minor = hdr->minor;
	desc->version_hash = le32_to_cpu(hdr->version_hash);

	for (offset = sizeof(*hdr); offset < image_size; offset += entry_size) {
		ret = panthor_fw_parse_entry(data, size, offset, image_size, desc,
					     err, &entry_size);
		if (ret)
			return ret;
	}

	return panthor_fw_find_shared_section(desc, err);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_fw_image_parse);

/*
 * Turn the MCU address of a block of @block_size bytes into its offset in
 * the shared section, if the whole block lies inside it.
 */
static bool panthor_csf_block_offset(u32 va, size_t block_size, u32 shared_size,
				     u32 *offset)
{
	if (va < CSF_SHARED_SECTION_VA || !IS_ALIGNED(va, sizeof(u32)))
		return false;
	if (!panthor_fw_range_inside(va - CSF_SHARED_SECTION_VA, block_size,
				     shared_size))
		return false;

	*offset = va - CSF_SHARED_SECTION_VA;
	return true;
}

static int panthor_csf_parse_cs(const void *shared, u32 shared_size,
				u32 control, unsigned int csg, unsigned int cs,
				struct panthor_csf_layout *layout,
				struct panthor_fw_parse_error *err)
{
	const struct panthor_csf_cs_control *ctl = shared + control;

	if (!panthor_csf_block_offset(ctl->input_va, sizeof(struct panthor_csf_cs_input),
				      shared_size, &layout->csg[csg].cs[cs].input))
		return panthor_fw_refuse(err, "CS input block outside the interface",
					 control, ctl->input_va);
	if (!panthor_csf_block_offset(ctl->output_va, sizeof(struct panthor_csf_cs_output),
				      shared_size, &layout->csg[csg].cs[cs].output))
		return panthor_fw_refuse(err, "CS output block outside the interface",
					 control, ctl->output_va);

	if (!csg && !cs)
		layout->cs_features = ctl->features;
	else if (ctl->features != layout->cs_features)
		return panthor_fw_refuse(err, "CS slots with different features",
					 control, ctl->features);

	layout->csg[csg].cs[cs].control = control;
	return 0;
}

/* Check that a CSG slot reports what slot 0 did. */
static int panthor_csf_check_same_csg(const struct panthor_csf_csg_control *ctl,
				      u32 control,
				      const struct panthor_csf_layout *layout,
				      struct panthor_fw_parse_error *err)
{
	if (ctl->stream_num != layout->cs_count)
		return panthor_fw_refuse(err, "CSG slots with different stream counts",
					 control, ctl->stream_num);
	if (ctl->features != layout->csg_features ||
	    ctl->suspend_size != layout->suspend_size ||
	    ctl->protm_suspend_size != layout->protm_suspend_size)
		return panthor_fw_refuse(err, "CSG slots with different features",
					 control, ctl->features);
	return 0;
}

static int panthor_csf_parse_csg(const void *shared, u32 shared_size,
				 u32 control, unsigned int csg,
				 struct panthor_csf_layout *layout,
				 struct panthor_fw_parse_error *err)
{
	const struct panthor_csf_csg_control *ctl = shared + control;
	u64 streams_end;
	unsigned int cs;
	int ret;

	if (!csg) {
		if (ctl->stream_num < CSF_MIN_CS_SLOTS ||
		    ctl->stream_num > CSF_MAX_CS_SLOTS)
			return panthor_fw_refuse(err, "unsupported number of CS slots",
						 control, ctl->stream_num);
		layout->cs_count = ctl->stream_num;
		layout->csg_features = ctl->features;
		layout->suspend_size = ctl->suspend_size;
		layout->protm_suspend_size = ctl->protm_suspend_size;
	} else {
		ret = panthor_csf_check_same_csg(ctl, control, layout, err);
		if (ret)
			return ret;
	}

	if (ctl->stream_stride < sizeof(struct panthor_csf_cs_control))
		return panthor_fw_refuse(err, "CS control blocks overlap", control,
					 ctl->stream_stride);
	streams_end = (u64)control + CSF_CS_CONTROL_OFFSET +
		      (u64)ctl->stream_stride * (layout->cs_count - 1) +
		      sizeof(struct panthor_csf_cs_control);
	if (streams_end > shared_size)
		return panthor_fw_refuse(err, "CS control blocks outside the interface",
					 control, ctl->stream_stride);

	if (!panthor_csf_block_offset(ctl->input_va, sizeof(struct panthor_csf_csg_input),
				      shared_size, &layout->csg[csg].input))
		return panthor_fw_refuse(err, "CSG input block outside the interface",
					 control, ctl->input_va);
	if (!panthor_csf_block_offset(ctl->output_va, sizeof(struct panthor_csf_csg_output),
				      shared_size, &layout->csg[csg].output))
		return panthor_fw_refuse(err, "CSG output block outside the interface",
					 control, ctl->output_va);

	layout->csg[csg].control = control;

	for (cs = 0; cs < layout->cs_count; cs++) {
		ret = panthor_csf_parse_cs(shared, shared_size,
					   control + CSF_CS_CONTROL_OFFSET +
					   cs * ctl->stream_stride,
					   csg, cs, layout, err);
		if (ret)
			return ret;
	}

	return 0;
}

/**
 * panthor_csf_layout_parse() - Validate the interface the firmware laid out
 * @shared: CPU view of the shared section
 * @shared_size: bytes of the shared section
 * @layout: filled with the blocks' offsets and the slot counts
 * @err: filled with the reason when the interface is refused
 *
 * Reads the GLB control block at the start of @shared, then every CSG
 * control block and the CS control blocks inside them. The firmware must
 * have booted (non-zero version), report 3 to 31 CSG slots of 8 to 32
 * streams each, describe identical slots, and place every block it names
 * entirely inside the shared section.
 *
 * Return: 0 if the interface is usable, -EINVAL otherwise.
 */
int panthor_csf_layout_parse(const void *shared, u32 shared_size,
			     struct panthor_csf_layout *layout,
			     struct panthor_fw_parse_error *err)
{
	const struct panthor_csf_glb_control *glb = shared;
	u64 groups_end;
	unsigned int csg;
	int ret;

	memset(layout, 0, sizeof(*layout));

	if (shared_size < CSF_CSG_CONTROL_OFFSET)
		return panthor_fw_refuse(err, "interface section too small", 0,
					 shared_size);
	if (!glb->version)
		return panthor_fw_refuse(err, "firmware wrote no interface version",
					 0, 0);
	if (glb->group_num < CSF_MIN_CSG_SLOTS ||
	    glb->group_num > CSF_MAX_CSG_SLOTS)
		return panthor_fw_refuse(err, "unsupported number of CSG slots",
					 offsetof(typeof(*glb), group_num),
					 glb->group_num);
	if (glb->group_stride < CSF_CS_CONTROL_OFFSET)
		return panthor_fw_refuse(err, "CSG control blocks overlap",
					 offsetof(typeof(*glb), group_stride),
					 glb->group_stride);

	groups_end = CSF_CSG_CONTROL_OFFSET +
		     (u64)glb->group_stride * glb->group_num;
	if (groups_end > shared_size)
		return panthor_fw_refuse(err, "CSG control blocks outside the interface",
					 offsetof(typeof(*glb), group_stride),
					 glb->group_stride);

	if (!panthor_csf_block_offset(glb->input_va, sizeof(struct panthor_csf_glb_input),
				      shared_size, &layout->glb_input))
		return panthor_fw_refuse(err, "GLB input block outside the interface",
					 offsetof(typeof(*glb), input_va),
					 glb->input_va);
	if (!panthor_csf_block_offset(glb->output_va, sizeof(struct panthor_csf_glb_output),
				      shared_size, &layout->glb_output))
		return panthor_fw_refuse(err, "GLB output block outside the interface",
					 offsetof(typeof(*glb), output_va),
					 glb->output_va);

	layout->version = glb->version;
	layout->features = glb->features;
	layout->prfcnt_size = glb->prfcnt_size;
	layout->csg_count = glb->group_num;
	/* GLB_INSTR_FEATURES only means something from interface 1.1 on. */
	if (glb->version >= (FIELD_PREP(CSF_VERSION_MAJOR, 1) |
			     FIELD_PREP(CSF_VERSION_MINOR, 1)))
		layout->instr_features = glb->instr_features;

	for (csg = 0; csg < layout->csg_count; csg++) {
		ret = panthor_csf_parse_csg(shared, shared_size,
					    CSF_CSG_CONTROL_OFFSET +
					    csg * glb->group_stride,
					    csg, layout, err);
		if (ret)
			return ret;
	}

	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_csf_layout_parse);

/**
 * panthor_csf_timer_encode() - Encode a duration for GLB_*_TIMER
 * @usecs: duration in microseconds
 * @freq_hz: frequency of the timer's source
 * @source: CSF_TIMER_SOURCE_SYSTEM or CSF_TIMER_SOURCE_GPU_CYCLES
 *
 * The firmware counts in units of 1024 ticks of the source. The duration
 * is rounded up, so that a non-zero duration never becomes 0 (which would
 * disable the timer), and saturates at the largest value the field holds.
 * Sources faster than 4 GHz do not exist; @freq_hz is capped there so that
 * the product below fits in 64 bits.
 *
 * Return: the timer word.
 */
u32 panthor_csf_timer_encode(u32 usecs, u64 freq_hz, u32 source)
{
	u64 ticks_x_1m = (u64)min_t(u64, freq_hz, U32_MAX) * usecs;
	u64 units = DIV64_U64_ROUND_UP(ticks_x_1m,
				       (u64)USEC_PER_SEC * CSF_TIMER_TICKS_PER_UNIT);

	return FIELD_PREP(CSF_TIMER_VALUE, min_t(u64, units, FIELD_MAX(CSF_TIMER_VALUE))) |
	       FIELD_PREP(CSF_TIMER_SOURCE, source);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_csf_timer_encode);
