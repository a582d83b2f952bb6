/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The firmware image: the mali_csffw.bin container (mali-csf-hw.md §3) and
 * what the emulated MCU reads of it once the driver has mapped it in AS0.
 *
 * The model never sees the file: the driver parses it, maps its interface
 * sections at their MCU VAs and starts the MCU. Like the Cortex-M core it
 * stands for, the MCU then reads its vector table at MCU VA 0 (initial stack
 * pointer, reset handler), fetches code from the reset handler and uses its
 * stack, and the firmware sets up the shared interface section at
 * 0x04000000. The model does exactly those accesses, through AS0, so a
 * driver that left a section out, mapped it without the permissions the
 * flags ask for, or did not enable AS0 sees the boot fail. Code contents
 * are never interpreted.
 *
 * The container parser below is used by the image tool's tests and by
 * anything else that needs to look inside an image; it enforces the rules
 * the drivers apply (§3.2-§3.5).
 */
#ifndef MM_FW_IMAGE_H
#define MM_FW_IMAGE_H

#include "bits.h"

/* ---- Container format (§3.2-§3.5) ------------------------------------- */

#define FWIMG_MAGIC			0xc3f13a6eu
#define FWIMG_HEADER_SIZE		0x14u
#define FWIMG_HDR_MAGIC			0x00u
#define FWIMG_HDR_MINOR			0x04u	/* u8 */
#define FWIMG_HDR_MAJOR			0x05u	/* u8, must be 0 */
#define FWIMG_HDR_VERSION_HASH		0x08u
#define FWIMG_HDR_SIZE			0x10u

/* Entry header word */
#define FWIMG_ENTRY_TYPE		MM_GENMASK(7, 0)
#define FWIMG_ENTRY_SIZE		MM_GENMASK(15, 8)
#define FWIMG_ENTRY_UPDATABLE		MM_BIT(30)
#define FWIMG_ENTRY_OPTIONAL		MM_BIT(31)

#define FWIMG_TYPE_IFACE		0u
#define FWIMG_TYPE_CONFIG		1u
#define FWIMG_TYPE_FUTF_TEST		2u
#define FWIMG_TYPE_TRACE_BUFFER		3u
#define FWIMG_TYPE_TIMELINE_METADATA	4u
#define FWIMG_TYPE_BUILD_INFO		6u

/* Interface (memory section) entry payload */
#define FWIMG_SECTION_FLAGS		0x00u
#define FWIMG_SECTION_VA_START		0x04u
#define FWIMG_SECTION_VA_END		0x08u
#define FWIMG_SECTION_DATA_START	0x0cu
#define FWIMG_SECTION_DATA_END		0x10u
#define FWIMG_SECTION_NAME		0x14u

#define FWIMG_SEC_RD			MM_BIT(0)
#define FWIMG_SEC_WR			MM_BIT(1)
#define FWIMG_SEC_EX			MM_BIT(2)
#define FWIMG_SEC_CACHE_MODE		MM_GENMASK(4, 3)
#define FWIMG_SEC_PROT			MM_BIT(5)
#define FWIMG_SEC_SHARED		MM_BIT(30)
#define FWIMG_SEC_ZERO			MM_BIT(31)
#define FWIMG_SEC_KNOWN			(FWIMG_SEC_RD | FWIMG_SEC_WR | \
					 FWIMG_SEC_EX | FWIMG_SEC_CACHE_MODE | \
					 FWIMG_SEC_PROT | FWIMG_SEC_SHARED | \
					 FWIMG_SEC_ZERO)
#define FWIMG_CACHE_NONE		0u
#define FWIMG_CACHE_CACHED		1u
#define FWIMG_CACHE_UNCACHED_COHERENT	2u
#define FWIMG_CACHE_CACHED_COHERENT	3u

/* Configuration entry payload */
#define FWIMG_CONFIG_VA			0x00u
#define FWIMG_CONFIG_MIN		0x04u
#define FWIMG_CONFIG_MAX		0x08u
#define FWIMG_CONFIG_NAME		0x0cu

/* Build-info entry payload */
#define FWIMG_BUILD_INFO_OFFSET		0x00u
#define FWIMG_BUILD_INFO_SIZE		0x04u
#define FWIMG_BUILD_INFO_GIT_SHA	"git_sha: "

#define FWIMG_PAGE_SIZE			0x1000u

/* ---- The MCU's view ---------------------------------------------------- */

/* Vector table at MCU VA 0: initial stack pointer, reset handler (Thumb). */
#define FW_VECTOR_VA			0x0ull
#define FW_VECTOR_SP			0x0u
#define FW_VECTOR_RESET			0x4u
#define FW_THUMB_BIT			0x1u

/* Where the model's own images (model/tools) place their sections. */
#define FW_IMG_CODE_VA			0x00800000u
#define FW_IMG_DATA_VA			0x02000000u
#define FW_IMG_DATA_SIZE		0x00010000u

/** enum mm_fwimg_err - why mm_fwimg_parse() rejected an image. */
enum mm_fwimg_err {
	MM_FWIMG_OK = 0,
	MM_FWIMG_TRUNCATED,	/* shorter than its header or header size */
	MM_FWIMG_BAD_MAGIC,
	MM_FWIMG_BAD_VERSION,	/* header major version is not 0 */
	MM_FWIMG_BAD_ENTRY,	/* entry size unaligned, zero or too long */
	MM_FWIMG_BAD_SECTION,	/* section fields violate §3.5 */
	MM_FWIMG_UNKNOWN_ENTRY,	/* unknown type without the OPTIONAL bit */
	MM_FWIMG_NO_SHARED,	/* no section at 0x04000000 */
	MM_FWIMG_NOT_SHARED,	/* the section at 0x04000000 lacks SHARED */
};

/**
 * struct mm_fwimg_section - one interface section of an image.
 * @flags: FWIMG_SEC_* flags.
 * @va_start: first MCU VA.
 * @va_end: MCU VA one past the end.
 * @data_start: file offset of the initial contents.
 * @data_end: file offset one past them.
 * @name_off: file offset of the name (not NUL-terminated).
 * @name_len: its length in bytes.
 */
struct mm_fwimg_section {
	u32 flags;
	u32 va_start;
	u32 va_end;
	u32 data_start;
	u32 data_end;
	u32 name_off;
	u32 name_len;
};

/**
 * struct mm_fwimg_ops - what mm_fwimg_parse() reports, entry by entry.
 * @section: an interface section (zero-sized and PROT ones included).
 * @entry: any other entry: its type, header word and payload location.
 * Either may be NULL. A non-zero return stops the parse and is returned.
 */
struct mm_fwimg_ops {
	int (*section)(void *ctx, const struct mm_fwimg_section *sec);
	int (*entry)(void *ctx, u32 type, u32 header, u32 payload_off,
		     u32 payload_len);
};

/**
 * mm_fwimg_parse() - walk and validate a firmware image.
 * @buf: the file contents.
 * @len: file size.
 * @ops: callbacks (may be NULL).
 * @ctx: passed to the callbacks.
 * @bad_off: if not NULL, set to the file offset of the offending entry.
 *
 * Applies the checks of both drivers: header magic and major version,
 * image size within the file, entries 4-byte aligned and inside the image,
 * section VAs page aligned and ordered, data inside the file and no larger
 * than the section, no unknown flag bits, unknown mandatory entry types,
 * and the SHARED section at 0x04000000.
 *
 * Return: MM_FWIMG_OK, an enum mm_fwimg_err, or what a callback returned.
 */
int mm_fwimg_parse(const void *buf, u32 len, const struct mm_fwimg_ops *ops,
		   void *ctx, u32 *bad_off);

/* Short description of an enum mm_fwimg_err value. */
const char *mm_fwimg_strerror(int err);

/* Little-endian accessors for image bytes, usable on any host. */
static inline u32 mm_le32(const void *p)
{
	const u8 *b = p;

	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static inline void mm_put_le32(void *p, u32 v)
{
	u8 *b = p;

	b[0] = (u8)v;
	b[1] = (u8)(v >> 8);
	b[2] = (u8)(v >> 16);
	b[3] = (u8)(v >> 24);
}

#endif /* MM_FW_IMAGE_H */
