// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware image writer (see fwimage.h).
 *
 * File layout: the 20-byte header, the entries back to back (the header's
 * image size ends there), then the data blobs the sections and the
 * build-info entry point at, each 16-byte aligned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw_iface.h"
#include "fw_image.h"
#include "fwimage.h"
#include "product.h"
#include "regs.h"

#define FWIMG_MAX		0x2000u
#define FWIMG_DATA_START	0x400u
#define FWIMG_HEADER_MINOR	0u
#define FWIMG_CODE_SIZE		0x1000u
#define FWIMG_SHARED_FLAGS	(FWIMG_SEC_RD | FWIMG_SEC_WR | \
				 MM_FIELD_PREP(FWIMG_SEC_CACHE_MODE, \
					       FWIMG_CACHE_CACHED_COHERENT) | \
				 FWIMG_SEC_SHARED | FWIMG_SEC_ZERO)

/**
 * struct fwimg_buf - an image being written.
 * @b: the bytes.
 * @entry: where the next entry goes.
 * @data: where the next data blob goes.
 */
struct fwimg_buf {
	uint8_t b[FWIMG_MAX];
	uint32_t entry;
	uint32_t data;
};

/* Append a data blob; returns its file offset. */
static uint32_t fwimg_blob(struct fwimg_buf *w, const void *p, uint32_t len)
{
	uint32_t off = w->data;

	memcpy(w->b + off, p, len);
	w->data = (off + len + 15) & ~15u;
	return off;
}

/* Append an entry: header word, @len payload bytes, @name padded to 4. */
static uint32_t fwimg_entry(struct fwimg_buf *w, uint32_t type, uint32_t flags,
			    const uint32_t *payload, uint32_t words,
			    const char *name)
{
	uint32_t off = w->entry, size, i;
	uint32_t name_len = name ? (uint32_t)strlen(name) : 0;

	size = 4 + 4 * words + ((name_len + 3) & ~3u);
	mm_put_le32(w->b + off, type | size << 8 | flags);
	for (i = 0; i < words; i++)
		mm_put_le32(w->b + off + 4 + 4 * i, payload[i]);
	if (name_len)
		memcpy(w->b + off + 4 + 4 * words, name, name_len);
	w->entry += size;
	return off;
}

static uint32_t fwimg_section(struct fwimg_buf *w, uint32_t flags,
			      uint32_t va_start, uint32_t va_end,
			      uint32_t data_start, uint32_t data_len,
			      const char *name)
{
	uint32_t p[5] = {
		flags, va_start, va_end, data_start, data_start + data_len,
	};

	return fwimg_entry(w, FWIMG_TYPE_IFACE, 0, p, 5, name);
}

/* The sections the MCU needs, plus a configuration and a build-info entry. */
static void fwimg_entries(struct fwimg_buf *w, const struct fwimg_opts *o)
{
	uint8_t vec[8], code[64], data[16] = { 0 };
	char info[128];
	uint32_t off, p[3], i;

	mm_put_le32(vec + FW_VECTOR_SP, FW_IMG_DATA_VA + FW_IMG_DATA_SIZE);
	mm_put_le32(vec + FW_VECTOR_RESET, FW_IMG_CODE_VA | FW_THUMB_BIT);
	for (i = 0; i < sizeof(code); i += 2) {
		/* Thumb "b ." : the model never executes it. */
		code[i] = 0xfe;
		code[i + 1] = 0xe7;
	}
	data[0] = 1;	/* log verbosity */

	off = fwimg_blob(w, vec, sizeof(vec));
	fwimg_section(w, FWIMG_SEC_RD |
		      MM_FIELD_PREP(FWIMG_SEC_CACHE_MODE, FWIMG_CACHE_CACHED),
		      FW_VECTOR_VA, FW_VECTOR_VA + FWIMG_PAGE_SIZE, off,
		      sizeof(vec), "vectors");
	off = fwimg_blob(w, code, sizeof(code));
	fwimg_section(w, FWIMG_SEC_RD | FWIMG_SEC_EX |
		      MM_FIELD_PREP(FWIMG_SEC_CACHE_MODE, FWIMG_CACHE_CACHED),
		      FW_IMG_CODE_VA, FW_IMG_CODE_VA + FWIMG_CODE_SIZE, off,
		      sizeof(code), "code");
	off = fwimg_blob(w, data, sizeof(data));
	fwimg_section(w, FWIMG_SEC_RD | FWIMG_SEC_WR | FWIMG_SEC_ZERO |
		      MM_FIELD_PREP(FWIMG_SEC_CACHE_MODE, FWIMG_CACHE_CACHED),
		      FW_IMG_DATA_VA, FW_IMG_DATA_VA + FW_IMG_DATA_SIZE, off,
		      sizeof(data), "data");
	if (o->variant != FWIMG_NO_SHARED)
		fwimg_section(w, FWIMG_SHARED_FLAGS, (uint32_t)FW_SHARED_VA,
			      (uint32_t)FW_SHARED_VA + FW_SHARED_SIZE_G610, 0, 0,
			      "interface");

	p[0] = FW_IMG_DATA_VA;
	p[1] = 0;
	p[2] = 3;
	fwimg_entry(w, FWIMG_TYPE_CONFIG,
		    FWIMG_ENTRY_OPTIONAL | FWIMG_ENTRY_UPDATABLE, p, 3,
		    "Log verbosity");

	snprintf(info, sizeof(info), "%s model firmware\n" FWIMG_BUILD_INFO_GIT_SHA
		 "%s\n", mm_product_name(o->product),
		 o->git_sha ? o->git_sha :
		 "0000000000000000000000000000000000000000");
	p[0] = fwimg_blob(w, info, (uint32_t)strlen(info) + 1);
	p[1] = (uint32_t)strlen(info) + 1;
	fwimg_entry(w, FWIMG_TYPE_BUILD_INFO, FWIMG_ENTRY_OPTIONAL, p, 2, NULL);
}

static uint32_t fwimg_hash(const uint8_t *p, uint32_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Break a good image the way @variant says; returns the file size. */
static uint32_t fwimg_break(struct fwimg_buf *w, enum fwimg_variant v,
			    uint32_t size)
{
	uint32_t hdr;

	switch (v) {
	case FWIMG_TRUNCATED:
		return mm_le32(w->b + FWIMG_HDR_SIZE) / 2;
	case FWIMG_BAD_MAGIC:
		mm_put_le32(w->b + FWIMG_HDR_MAGIC, FWIMG_MAGIC ^ 1);
		break;
	case FWIMG_BAD_ENTRY_SIZE:
		hdr = mm_le32(w->b + FWIMG_HEADER_SIZE);
		mm_put_le32(w->b + FWIMG_HEADER_SIZE,
			    (hdr & ~(uint32_t)FWIMG_ENTRY_SIZE) | 30u << 8);
		break;
	case FWIMG_DATA_BEYOND_FILE:
		/* The code section (second entry) claims data past the end. */
		hdr = FWIMG_HEADER_SIZE +
		      MM_FIELD_GET(FWIMG_ENTRY_SIZE,
				   mm_le32(w->b + FWIMG_HEADER_SIZE));
		mm_put_le32(w->b + hdr + 4 + FWIMG_SECTION_DATA_END,
			    size + 0x1000);
		break;
	default:
		break;
	}
	return size;
}

size_t fwimg_build(const struct fwimg_opts *opts, uint8_t **out)
{
	struct fwimg_buf *w;
	uint32_t size;

	*out = NULL;
	if (!mm_product_get(opts->product) ||
	    (unsigned int)opts->variant >= FWIMG_VARIANT_COUNT)
		return 0;
	w = calloc(1, sizeof(*w));
	if (!w)
		return 0;
	w->entry = FWIMG_HEADER_SIZE;
	w->data = FWIMG_DATA_START;
	fwimg_entries(w, opts);
	if (w->entry > FWIMG_DATA_START) {
		free(w);
		return 0;
	}
	size = w->data;

	mm_put_le32(w->b + FWIMG_HDR_MAGIC, FWIMG_MAGIC);
	w->b[FWIMG_HDR_MINOR] = FWIMG_HEADER_MINOR;
	w->b[FWIMG_HDR_MAJOR] = 0;
	mm_put_le32(w->b + FWIMG_HDR_VERSION_HASH,
		    fwimg_hash(w->b + FWIMG_DATA_START,
			       size - FWIMG_DATA_START));
	mm_put_le32(w->b + FWIMG_HDR_SIZE, w->entry);
	size = fwimg_break(w, opts->variant, size);

	*out = malloc(size);
	if (*out)
		memcpy(*out, w->b, size);
	free(w);
	return *out ? size : 0;
}

static const struct {
	const char *name;
	int error;
} fwimg_variants[FWIMG_VARIANT_COUNT] = {
	[FWIMG_GOOD] = { "good", MM_FWIMG_OK },
	[FWIMG_TRUNCATED] = { "truncated", MM_FWIMG_TRUNCATED },
	[FWIMG_BAD_MAGIC] = { "magic", MM_FWIMG_BAD_MAGIC },
	[FWIMG_BAD_ENTRY_SIZE] = { "entry-size", MM_FWIMG_BAD_ENTRY },
	[FWIMG_NO_SHARED] = { "no-shared", MM_FWIMG_NO_SHARED },
	[FWIMG_DATA_BEYOND_FILE] = { "data-beyond-file", MM_FWIMG_BAD_SECTION },
};

const char *fwimg_variant_name(enum fwimg_variant v)
{
	if ((unsigned int)v >= FWIMG_VARIANT_COUNT)
		return NULL;
	return fwimg_variants[v].name;
}

int fwimg_variant_error(enum fwimg_variant v)
{
	if ((unsigned int)v >= FWIMG_VARIANT_COUNT)
		return -1;
	return fwimg_variants[v].error;
}

const char *fwimg_arch_dir(enum mm_product p, char *buf, size_t len)
{
	const struct mm_product_info *info = mm_product_get(p);
	uint32_t id;

	if (!info)
		return NULL;
	id = info->id[MM_ID_GPU_ID];
	snprintf(buf, len, "arch%u.%u",
		 (unsigned int)MM_FIELD_GET(GPU_ID_ARCH_MAJOR, id),
		 (unsigned int)MM_FIELD_GET(GPU_ID_ARCH_MINOR, id));
	return buf;
}
