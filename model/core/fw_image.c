// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The firmware image container parser (see fw_image.h). It depends on
 * nothing else in the core, so the image tool links it too.
 */
#include "fw_iface.h"
#include "fw_image.h"

/* ---- Container parser ---------------------------------------------------- */

static const char *const mm_fwimg_errors[] = {
	[MM_FWIMG_OK] = "ok",
	[MM_FWIMG_TRUNCATED] = "image truncated",
	[MM_FWIMG_BAD_MAGIC] = "bad magic",
	[MM_FWIMG_BAD_VERSION] = "unsupported header version",
	[MM_FWIMG_BAD_ENTRY] = "bad entry size or alignment",
	[MM_FWIMG_BAD_SECTION] = "invalid section",
	[MM_FWIMG_UNKNOWN_ENTRY] = "unknown mandatory entry",
	[MM_FWIMG_NO_SHARED] = "no shared interface section",
	[MM_FWIMG_NOT_SHARED] = "interface section not flagged SHARED",
};

const char *mm_fwimg_strerror(int err)
{
	if (err < 0 || err >= (int)MM_ARRAY_SIZE(mm_fwimg_errors))
		return "callback error";
	return mm_fwimg_errors[err];
}

static bool mm_fwimg_page_aligned(u32 v)
{
	return !(v & (FWIMG_PAGE_SIZE - 1));
}

/* Check an interface entry and fill @sec. Returns an enum mm_fwimg_err. */
static int mm_fwimg_section(const u8 *buf, u32 len, u32 payload,
			    u32 payload_len, struct mm_fwimg_section *sec)
{
	const u8 *p = buf + payload;

	if (payload_len < FWIMG_SECTION_NAME)
		return MM_FWIMG_BAD_ENTRY;
	sec->flags = mm_le32(p + FWIMG_SECTION_FLAGS);
	sec->va_start = mm_le32(p + FWIMG_SECTION_VA_START);
	sec->va_end = mm_le32(p + FWIMG_SECTION_VA_END);
	sec->data_start = mm_le32(p + FWIMG_SECTION_DATA_START);
	sec->data_end = mm_le32(p + FWIMG_SECTION_DATA_END);
	sec->name_off = payload + FWIMG_SECTION_NAME;
	sec->name_len = payload_len - FWIMG_SECTION_NAME;

	if (sec->data_end < sec->data_start || sec->va_end < sec->va_start ||
	    sec->data_end > len)
		return MM_FWIMG_BAD_SECTION;
	if (!mm_fwimg_page_aligned(sec->va_start) ||
	    !mm_fwimg_page_aligned(sec->va_end))
		return MM_FWIMG_BAD_SECTION;
	if (sec->flags & ~FWIMG_SEC_KNOWN)
		return MM_FWIMG_BAD_SECTION;
	if (sec->data_end - sec->data_start > sec->va_end - sec->va_start)
		return MM_FWIMG_BAD_SECTION;
	if (sec->va_start == FW_SHARED_VA && !(sec->flags & FWIMG_SEC_SHARED))
		return MM_FWIMG_NOT_SHARED;
	return MM_FWIMG_OK;
}

int mm_fwimg_parse(const void *image, u32 len, const struct mm_fwimg_ops *ops,
		   void *ctx, u32 *bad_off)
{
	const u8 *buf = image;
	struct mm_fwimg_section sec;
	bool have_shared = false;
	u32 size, off, hdr, esize, type;
	int ret;

	if (bad_off)
		*bad_off = 0;
	if (len < FWIMG_HEADER_SIZE)
		return MM_FWIMG_TRUNCATED;
	if (mm_le32(buf + FWIMG_HDR_MAGIC) != FWIMG_MAGIC)
		return MM_FWIMG_BAD_MAGIC;
	if (buf[FWIMG_HDR_MAJOR] != 0)
		return MM_FWIMG_BAD_VERSION;
	size = mm_le32(buf + FWIMG_HDR_SIZE);
	if (size > len)
		return MM_FWIMG_TRUNCATED;

	for (off = FWIMG_HEADER_SIZE; off < size; off += esize) {
		if (bad_off)
			*bad_off = off;
		if (size - off < 4)
			return MM_FWIMG_TRUNCATED;
		hdr = mm_le32(buf + off);
		esize = MM_FIELD_GET(FWIMG_ENTRY_SIZE, hdr);
		type = MM_FIELD_GET(FWIMG_ENTRY_TYPE, hdr);
		/* A zero size would loop forever; drivers reject it as too short. */
		if ((off & 3) || (esize & 3) || esize < 4 || esize > size - off)
			return MM_FWIMG_BAD_ENTRY;

		if (type == FWIMG_TYPE_IFACE) {
			ret = mm_fwimg_section(buf, len, off + 4, esize - 4, &sec);
			if (ret)
				return ret;
			if (sec.va_start == FW_SHARED_VA &&
			    sec.va_end > sec.va_start &&
			    !(sec.flags & FWIMG_SEC_PROT))
				have_shared = true;
			if (ops && ops->section) {
				ret = ops->section(ctx, &sec);
				if (ret)
					return ret;
			}
			continue;
		}
		if (type > FWIMG_TYPE_TIMELINE_METADATA &&
		    type != FWIMG_TYPE_BUILD_INFO &&
		    !(hdr & FWIMG_ENTRY_OPTIONAL))
			return MM_FWIMG_UNKNOWN_ENTRY;
		if (ops && ops->entry) {
			ret = ops->entry(ctx, type, hdr, off + 4, esize - 4);
			if (ret)
				return ret;
		}
	}
	if (bad_off)
		*bad_off = 0;
	return have_shared ? MM_FWIMG_OK : MM_FWIMG_NO_SHARED;
}
