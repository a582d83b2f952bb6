/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor firmware block, pure part: what the firmware hands the driver
 * (its image file, then the interface it lays out in shared memory), read
 * and validated without touching the device. Everything here works on
 * plain buffers, so KUnit can feed it good and malformed input.
 */

#ifndef __PANTHOR_FW_PARSE_H__
#define __PANTHOR_FW_PARSE_H__

#include <linux/bits.h>
#include <linux/types.h>

#include "panthor_csf_if.h"

/* ---- The image file (mali_csffw.bin) ------------------------------------- */

#define PANTHOR_FW_IMAGE_MAGIC		0xc3f13a6e
#define PANTHOR_FW_IMAGE_HDR_MAJOR	0

/**
 * struct panthor_fw_image_header - What the image file starts with
 */
struct panthor_fw_image_header {
	/** @magic: PANTHOR_FW_IMAGE_MAGIC */
	__le32 magic;
	/** @minor: header minor version, informational */
	u8 minor;
	/** @major: header major version, PANTHOR_FW_IMAGE_HDR_MAJOR */
	u8 major;
	/** @reserved0: unused */
	__le16 reserved0;
	/** @version_hash: build identifier, informational */
	__le32 version_hash;
	/** @reserved1: unused */
	__le32 reserved1;
	/** @image_size: bytes from the file's start that hold entries */
	__le32 image_size;
};

/* The word in front of every entry */
#define PANTHOR_FW_ENTRY_TYPE		GENMASK(7, 0)
#define PANTHOR_FW_ENTRY_SIZE		GENMASK(15, 8)
#define PANTHOR_FW_ENTRY_UPDATABLE	BIT(30)
#define PANTHOR_FW_ENTRY_OPTIONAL	BIT(31)

/**
 * enum panthor_fw_entry_type - Entry types the driver knows
 * @PANTHOR_FW_ENTRY_SECTION: a memory section to map for the MCU
 * @PANTHOR_FW_ENTRY_CONFIG: a firmware configuration variable
 * @PANTHOR_FW_ENTRY_FUTF: firmware unit tests
 * @PANTHOR_FW_ENTRY_TRACE_BUFFER: a firmware trace buffer
 * @PANTHOR_FW_ENTRY_TIMELINE: timeline metadata
 * @PANTHOR_FW_ENTRY_BUILD_INFO: build information (git SHA)
 *
 * Only sections and build information are used; the other known types are
 * accepted and ignored.
 */
enum panthor_fw_entry_type {
	PANTHOR_FW_ENTRY_SECTION = 0,
	PANTHOR_FW_ENTRY_CONFIG = 1,
	PANTHOR_FW_ENTRY_FUTF = 2,
	PANTHOR_FW_ENTRY_TRACE_BUFFER = 3,
	PANTHOR_FW_ENTRY_TIMELINE = 4,
	PANTHOR_FW_ENTRY_BUILD_INFO = 6,
};

/**
 * struct panthor_fw_section_entry - Payload of a section entry
 *
 * The section's name, not necessarily NUL-terminated, fills the rest of
 * the entry.
 */
struct panthor_fw_section_entry {
	/** @flags: PANTHOR_FW_SECTION_* */
	__le32 flags;
	/** @va_start: MCU address of the first byte */
	__le32 va_start;
	/** @va_end: MCU address one past the last byte */
	__le32 va_end;
	/** @data_start: file offset of the initial contents */
	__le32 data_start;
	/** @data_end: file offset one past the initial contents */
	__le32 data_end;
};

/**
 * struct panthor_fw_build_info_entry - Payload of a build-info entry
 */
struct panthor_fw_build_info_entry {
	/** @data_start: file offset of the text */
	__le32 data_start;
	/** @data_size: bytes of text */
	__le32 data_size;
};

/* Section flags */
#define PANTHOR_FW_SECTION_RD		BIT(0)
#define PANTHOR_FW_SECTION_WR		BIT(1)
#define PANTHOR_FW_SECTION_EX		BIT(2)
#define PANTHOR_FW_SECTION_CACHE_MODE	GENMASK(4, 3)
#define   PANTHOR_FW_CACHE_NONE		0
#define   PANTHOR_FW_CACHE_CACHED	1
#define   PANTHOR_FW_CACHE_UNCACHED_COHERENT	2
#define   PANTHOR_FW_CACHE_CACHED_COHERENT	3
#define PANTHOR_FW_SECTION_PROT		BIT(5)
#define PANTHOR_FW_SECTION_SHARED	BIT(30)
#define PANTHOR_FW_SECTION_ZERO		BIT(31)
#define PANTHOR_FW_SECTION_KNOWN_FLAGS \
	(PANTHOR_FW_SECTION_RD | PANTHOR_FW_SECTION_WR | \
	 PANTHOR_FW_SECTION_EX | PANTHOR_FW_SECTION_CACHE_MODE | \
	 PANTHOR_FW_SECTION_PROT | PANTHOR_FW_SECTION_SHARED | \
	 PANTHOR_FW_SECTION_ZERO)

/* MCU pages are 4 KiB whatever the CPU's page size. */
#define PANTHOR_FW_MCU_PAGE_SIZE	4096u

/* A real image has 8 sections; more than this is not an image we know. */
#define PANTHOR_FW_MAX_SECTIONS		32

/* "git_sha: " and 40 hex digits in the build-info text */
#define PANTHOR_FW_GIT_SHA_LEN		40

/**
 * struct panthor_fw_section_desc - A validated section to load
 */
struct panthor_fw_section_desc {
	/** @flags: PANTHOR_FW_SECTION_* */
	u32 flags;
	/** @va: MCU address, 4 KiB aligned */
	u32 va;
	/** @size: bytes, a non-zero multiple of 4 KiB */
	u32 size;
	/** @data_offset: file offset of the initial contents */
	u32 data_offset;
	/** @data_size: bytes of initial contents, at most @size */
	u32 data_size;
	/** @name: name from the image, NUL-terminated, possibly empty */
	char name[16];
	/** @entry_offset: file offset of the section's entry */
	u32 entry_offset;
};

/**
 * struct panthor_fw_image_desc - What an image holds, once validated
 */
struct panthor_fw_image_desc {
	/** @header_minor: header minor version */
	u8 header_minor;
	/** @version_hash: build identifier from the header */
	u32 version_hash;
	/** @section_count: entries used in @sections */
	unsigned int section_count;
	/** @sections: sections to load; empty and protected ones excluded */
	struct panthor_fw_section_desc sections[PANTHOR_FW_MAX_SECTIONS];
	/** @shared: index in @sections of the shared interface section */
	unsigned int shared;
	/** @prot_skipped: protected-mode sections left out */
	unsigned int prot_skipped;
	/** @empty_skipped: zero-sized sections left out */
	unsigned int empty_skipped;
	/** @optional_skipped: entries of unknown, optional types skipped */
	unsigned int optional_skipped;
	/** @git_sha: the firmware's git SHA, or an empty string */
	char git_sha[PANTHOR_FW_GIT_SHA_LEN + 1];
};

/**
 * struct panthor_fw_parse_error - Why input was refused
 *
 * Enough to print one line that names the problem and where it is.
 */
struct panthor_fw_parse_error {
	/** @reason: what is wrong, a constant string */
	const char *reason;
	/** @offset: file offset (image) or block offset (interface) */
	u32 offset;
	/** @value: the offending value */
	u32 value;
};

int panthor_fw_image_parse(const u8 *data, size_t size,
			   struct panthor_fw_image_desc *desc,
			   struct panthor_fw_parse_error *err);

/* ---- The interface the firmware lays out at boot --------------------------- */

/**
 * struct panthor_csf_layout - Where the interface blocks are, once validated
 *
 * Offsets are in bytes from the start of the shared section.
 */
struct panthor_csf_layout {
	/** @version: GLB_VERSION */
	u32 version;
	/** @features: GLB_FEATURES */
	u32 features;
	/** @instr_features: GLB_INSTR_FEATURES (0 before interface 1.1) */
	u32 instr_features;
	/** @prfcnt_size: GLB_PRFCNT_SIZE */
	u32 prfcnt_size;
	/** @glb_input: offset of the GLB input block */
	u32 glb_input;
	/** @glb_output: offset of the GLB output block */
	u32 glb_output;
	/** @csg_count: CSG slots */
	u32 csg_count;
	/** @cs_count: CS slots in every CSG */
	u32 cs_count;
	/** @csg_features: CSG_FEATURES, the same for every slot */
	u32 csg_features;
	/** @suspend_size: CSG_SUSPEND_SIZE, the same for every slot */
	u32 suspend_size;
	/** @protm_suspend_size: CSG_PROTM_SUSPEND_SIZE, likewise */
	u32 protm_suspend_size;
	/** @cs_features: CS_FEATURES, the same for every stream */
	u32 cs_features;
	/** @csg: per CSG slot */
	struct {
		/** @csg.control: offset of the control block */
		u32 control;
		/** @csg.input: offset of the input block */
		u32 input;
		/** @csg.output: offset of the output block */
		u32 output;
		/** @csg.cs: per CS slot of the group */
		struct {
			/** @csg.cs.control: offset of the control block */
			u32 control;
			/** @csg.cs.input: offset of the input block */
			u32 input;
			/** @csg.cs.output: offset of the output block */
			u32 output;
		} cs[CSF_MAX_CS_SLOTS];
	} csg[CSF_MAX_CSG_SLOTS];
};

int panthor_csf_layout_parse(const void *shared, u32 shared_size,
			     struct panthor_csf_layout *layout,
			     struct panthor_fw_parse_error *err);

u32 panthor_csf_timer_encode(u32 usecs, u64 freq_hz, u32 source);

#endif /* __PANTHOR_FW_PARSE_H__ */
