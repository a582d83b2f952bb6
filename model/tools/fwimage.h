/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Firmware image writer: images in the mali_csffw.bin container format
 * (mali-csf-hw.md §3) for the model's products, and broken variants of them
 * for testing a driver's image parser. The model never runs MCU code, so
 * the code section only holds a branch-to-self; what matters is the layout
 * the MCU reads through AS0 (fw_image.h): a vector table at MCU VA 0, code
 * at FW_IMG_CODE_VA, a zero-filled data section (the stack) at
 * FW_IMG_DATA_VA and the 48 KiB shared interface section at 0x04000000.
 */
#ifndef MM_TOOLS_FWIMAGE_H
#define MM_TOOLS_FWIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "mm.h"

/** enum fwimg_variant - what to write. */
enum fwimg_variant {
	FWIMG_GOOD,
	FWIMG_TRUNCATED,	/* file shorter than the header's image size */
	FWIMG_BAD_MAGIC,	/* header magic off by one bit */
	FWIMG_BAD_ENTRY_SIZE,	/* first entry size not a multiple of 4 */
	FWIMG_NO_SHARED,	/* no section at 0x04000000 */
	FWIMG_DATA_BEYOND_FILE,	/* a section's data ends past the file */
	FWIMG_VARIANT_COUNT,
};

/**
 * struct fwimg_opts - an image to build.
 * @product: GPU it is for (selects the name and the arch directory).
 * @variant: good image or a broken one.
 * @git_sha: 40 hex digits for the build-info entry (NULL: all zeros).
 */
struct fwimg_opts {
	enum mm_product product;
	enum fwimg_variant variant;
	const char *git_sha;
};

/*
 * Build an image into a malloc()ed buffer (*@out, to be freed by the
 * caller). Returns its size, or 0 on error.
 */
size_t fwimg_build(const struct fwimg_opts *opts, uint8_t **out);

/* Short name of @variant ("truncated", ...); bad variants go to bad-<name>. */
const char *fwimg_variant_name(enum fwimg_variant variant);

/* The enum mm_fwimg_err a parser reports for @variant (0 for a good one). */
int fwimg_variant_error(enum fwimg_variant variant);

/* "arch<major>.<minor>" of @product's GPU_ID, the firmware directory. */
const char *fwimg_arch_dir(enum mm_product product, char *buf, size_t len);

#endif /* MM_TOOLS_FWIMAGE_H */
