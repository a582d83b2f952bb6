// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit tests for the firmware block's pure parts: the image parser, the
 * interface layout parser, the timer encoding and the REQ/ACK helpers.
 *
 * Images and interfaces are built here, byte by byte, in the format the
 * hardware notes describe (mali-csf-hw.md §3 and §4); every malformed case
 * starts from a good image and breaks exactly one thing, and checks that
 * the parser refuses it for that reason.
 */

#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <asm/byteorder.h>

#include <kunit/test.h>

#include "../panthor_csf_if.h"
#include "../panthor_fw.h"
#include "../panthor_fw_parse.h"

/* ---- Image builder ------------------------------------------------------------- */

/* Test images: 4 KiB, entries from 0x14, section data from 0x800. */
#define IMG_FILE_SIZE		0x1000
#define IMG_DATA_START		0x800

#define SECTION_CODE_VA		0x00400000u
#define SECTION_DATA_VA		0x00401000u
#define SECTION_PROT_VA		0x03000000u

#define TEST_GIT_SHA		"814b47b551159067b67a37c4e9adda458ad9d852"

/**
 * struct test_image - An image under construction
 */
struct test_image {
	/** @buf: the file */
	u8 *buf;
	/** @size: file size handed to the parser */
	size_t size;
	/** @end: where the next entry goes */
	u32 end;
	/** @data_end: where the next data blob goes */
	u32 data_end;
	/** @code: offset of the code section entry */
	u32 code;
	/** @data: offset of the data section entry */
	u32 data;
	/** @shared: offset of the shared section entry */
	u32 shared;
	/** @unknown: offset of the optional entry of unknown type */
	u32 unknown;
	/** @build_info: offset of the build-info entry */
	u32 build_info;
};

static void put32(struct test_image *img, u32 offset, u32 value)
{
	*(__le32 *)(img->buf + offset) = cpu_to_le32(value);
}

static u32 get32(struct test_image *img, u32 offset)
{
	return le32_to_cpu(*(__le32 *)(img->buf + offset));
}

/* Append an entry; @payload_words words of payload follow the header. */
static u32 add_entry(struct test_image *img, u32 type, bool optional,
		     const u32 *payload, u32 payload_words, u32 extra_bytes)
{
	u32 offset = img->end;
	u32 size = 4 * (1 + payload_words) + extra_bytes;
	u32 i;

	put32(img, offset, FIELD_PREP(PANTHOR_FW_ENTRY_TYPE, type) |
		      FIELD_PREP(PANTHOR_FW_ENTRY_SIZE, size) |
		      (optional ? PANTHOR_FW_ENTRY_OPTIONAL : 0));
	for (i = 0; i < payload_words; i++)
		put32(img, offset + 4 * (i + 1), payload[i]);

	img->end += size;
	put32(img, offsetof(struct panthor_fw_image_header, image_size), img->end);
	return offset;
}

/* Append a data blob of @len bytes and return its file offset. */
static u32 add_data(struct test_image *img, u32 len, u8 fill)
{
	u32 offset = img->data_end;

	memset(img->buf + offset, fill, len);
	img->data_end += ALIGN(len, 4);
	return offset;
}

static u32 add_section(struct test_image *img, u32 flags, u32 va_start,
		       u32 va_end, u32 data_len, u8 fill, const char *name)
{
	u32 data = data_len ? add_data(img, data_len, fill) : 0;
	u32 payload[5] = { flags, va_start, va_end, data, data + data_len };
	u32 name_len = ALIGN(strlen(name), 4);
	u32 offset;

	offset = add_entry(img, PANTHOR_FW_ENTRY_SECTION, false, payload, 5,
			   name_len);
	memcpy(img->buf + offset + 24, name, strlen(name));
	return offset;
}

#define SECTION_RX \
	(PANTHOR_FW_SECTION_RD | PANTHOR_FW_SECTION_EX | \
	 FIELD_PREP(PANTHOR_FW_SECTION_CACHE_MODE, PANTHOR_FW_CACHE_CACHED))
#define SECTION_RW_ZERO \
	(PANTHOR_FW_SECTION_RD | PANTHOR_FW_SECTION_WR | \
	 FIELD_PREP(PANTHOR_FW_SECTION_CACHE_MODE, PANTHOR_FW_CACHE_CACHED) | \
	 PANTHOR_FW_SECTION_ZERO)
/* As in Arm's G610 image: 0x2b and 0xc000001b. */
#define SECTION_PROT		0x2b
#define SECTION_SHARED		0xc000001b

/*
 * A good image shaped like Arm's G610 one: code, data, an empty section, a
 * protected section, the shared interface, then a known entry that is not
 * optional (config), an optional one of unknown type and build info.
 */
static struct test_image *build_image(struct kunit *test)
{
	struct test_image *img = kunit_kzalloc(test, sizeof(*img), GFP_KERNEL);
	static const char build_text[] = "git_sha: " TEST_GIT_SHA " dirty";
	u32 config[3] = { SECTION_DATA_VA + 0x10, 0, 1 };
	u32 unknown[2] = { 0x1234, 0x5678 };
	u32 info[2];

	KUNIT_ASSERT_NOT_NULL(test, img);
	img->buf = kunit_kzalloc(test, IMG_FILE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img->buf);
	img->size = IMG_FILE_SIZE;
	img->end = sizeof(struct panthor_fw_image_header);
	img->data_end = IMG_DATA_START;

	put32(img, 0, PANTHOR_FW_IMAGE_MAGIC);
	img->buf[4] = 3;	/* header minor */
	put32(img, 8, 0x01010000);

	img->code = add_section(img, SECTION_RX, SECTION_CODE_VA,
				SECTION_CODE_VA + SZ_4K, 0x7c, 0xc0, "code");
	img->data = add_section(img, SECTION_RW_ZERO, SECTION_DATA_VA,
				SECTION_DATA_VA + SZ_8K, 0x20, 0xda, "");
	add_section(img, SECTION_RX, 0x00500000, 0x00500000, 0, 0, "");
	add_section(img, SECTION_PROT, SECTION_PROT_VA,
		    SECTION_PROT_VA + SZ_256K, 0, 0, "");
	img->shared = add_section(img, SECTION_SHARED, CSF_SHARED_SECTION_VA,
				  CSF_SHARED_SECTION_VA + 0xc000, 0x40, 0x5a,
				  "shared");
	add_entry(img, PANTHOR_FW_ENTRY_CONFIG, false, config, 3, 0);
	img->unknown = add_entry(img, 7, true, unknown, 2, 0);
	info[0] = add_data(img, sizeof(build_text), 0);
	memcpy(img->buf + info[0], build_text, sizeof(build_text));
	info[1] = sizeof(build_text);
	img->build_info = add_entry(img, PANTHOR_FW_ENTRY_BUILD_INFO, true,
				    info, 2, 0);
	return img;
}

static void panthor_fw_image_good_test(struct kunit *test)
{
	struct test_image *img = build_image(test);
	struct panthor_fw_image_desc *desc;
	const struct panthor_fw_section_desc *s;
	struct panthor_fw_parse_error err = {};

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);

	KUNIT_ASSERT_EQ(test, panthor_fw_image_parse(img->buf, img->size, desc, &err), 0);
	KUNIT_EXPECT_NULL(test, err.reason);
	KUNIT_EXPECT_EQ(test, desc->header_minor, 3);
	KUNIT_EXPECT_EQ(test, desc->version_hash, 0x01010000);

	/* Code, data, shared; the empty and protected sections are left out. */
	KUNIT_ASSERT_EQ(test, desc->section_count, 3);
	KUNIT_EXPECT_EQ(test, desc->empty_skipped, 1);
	KUNIT_EXPECT_EQ(test, desc->prot_skipped, 1);
	KUNIT_EXPECT_EQ(test, desc->optional_skipped, 1);

	s = &desc->sections[0];
	KUNIT_EXPECT_EQ(test, s->va, SECTION_CODE_VA);
	KUNIT_EXPECT_EQ(test, s->size, SZ_4K);
	KUNIT_EXPECT_EQ(test, s->flags, SECTION_RX);
	KUNIT_EXPECT_EQ(test, s->data_offset, IMG_DATA_START);
	KUNIT_EXPECT_EQ(test, s->data_size, 0x7c);
	KUNIT_EXPECT_STREQ(test, s->name, "code");

	s = &desc->sections[1];
	KUNIT_EXPECT_EQ(test, s->va, SECTION_DATA_VA);
	KUNIT_EXPECT_EQ(test, s->size, SZ_8K);
	KUNIT_EXPECT_EQ(test, s->data_size, 0x20);
	KUNIT_EXPECT_STREQ(test, s->name, "");

	KUNIT_ASSERT_EQ(test, desc->shared, 2);
	s = &desc->sections[desc->shared];
	KUNIT_EXPECT_EQ(test, s->va, CSF_SHARED_SECTION_VA);
	KUNIT_EXPECT_EQ(test, s->size, 0xc000);
	KUNIT_EXPECT_EQ(test, s->flags, SECTION_SHARED);
	KUNIT_EXPECT_EQ(test, img->buf[s->data_offset], 0x5a);

	KUNIT_EXPECT_STREQ(test, desc->git_sha, TEST_GIT_SHA);
}

/* Whatever follows the last entry up to the end of the file is data. */
static void panthor_fw_image_image_size_test(struct kunit *test)
{
	struct test_image *img = build_image(test);
	struct panthor_fw_image_desc *desc;
	struct panthor_fw_parse_error err = {};

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);

	/* An image size that stops after the shared section ignores the rest. */
	put32(img, offsetof(struct panthor_fw_image_header, image_size),
	      img->shared + 24 + 8);
	/* What lies beyond would be refused if it were parsed. */
	put32(img, img->shared + 32, 0x42);
	KUNIT_ASSERT_EQ(test, panthor_fw_image_parse(img->buf, img->size, desc, &err), 0);
	KUNIT_EXPECT_EQ(test, desc->section_count, 3);
	KUNIT_EXPECT_STREQ(test, desc->git_sha, "");
}

/**
 * struct bad_image_case - One way to break the good image
 */
struct bad_image_case {
	/** @desc: test case name */
	const char *desc;
	/** @mutate: breaks the image */
	void (*mutate)(struct test_image *img);
	/** @reason: the reason the parser must give */
	const char *reason;
	/** @where: the entry the parser must blame */
	enum {
		AT_HEADER_START,
		AT_HEADER_MAJOR,
		AT_HEADER_IMAGE_SIZE,
		AT_CODE,
		AT_DATA,
		AT_SHARED,
		AT_UNKNOWN,
		AT_BUILD_INFO,
		AT_IMAGE_END,
		AT_NOWHERE,
	} where;
};

static u32 bad_image_offset(const struct test_image *img, int where)
{
	switch (where) {
	case AT_HEADER_MAJOR:
		return offsetof(struct panthor_fw_image_header, major);
	case AT_HEADER_IMAGE_SIZE:
		return offsetof(struct panthor_fw_image_header, image_size);
	case AT_CODE:
		return img->code;
	case AT_DATA:
		return img->data;
	case AT_SHARED:
		return img->shared;
	case AT_UNKNOWN:
		return img->unknown;
	case AT_BUILD_INFO:
		return img->build_info;
	case AT_IMAGE_END:
		return img->end;
	default:
		return 0;
	}
}

static void truncate_to_header(struct test_image *img)
{
	img->size = sizeof(struct panthor_fw_image_header) - 1;
}

static void truncate_inside_entries(struct test_image *img)
{
	img->size = img->end - 4;
}

static void empty_file(struct test_image *img)
{
	img->size = 0;
}

static void bad_magic(struct test_image *img)
{
	put32(img, 0, PANTHOR_FW_IMAGE_MAGIC ^ 1);
}

static void bad_header_major(struct test_image *img)
{
	img->buf[5] = 1;
}

static void image_size_too_small(struct test_image *img)
{
	put32(img, offsetof(struct panthor_fw_image_header, image_size), 8);
}

static void entry_size_unaligned(struct test_image *img)
{
	u32 hdr = get32(img, img->data);

	put32(img, img->data, (hdr & ~PANTHOR_FW_ENTRY_SIZE) |
	      FIELD_PREP(PANTHOR_FW_ENTRY_SIZE, 26));
}

static void entry_size_zero(struct test_image *img)
{
	put32(img, img->data, get32(img, img->data) & ~PANTHOR_FW_ENTRY_SIZE);
}

static void entry_beyond_image(struct test_image *img)
{
	u32 hdr = get32(img, img->build_info);

	/* The last entry claims more bytes than the image has left. */
	put32(img, img->build_info, (hdr & ~PANTHOR_FW_ENTRY_SIZE) |
	      FIELD_PREP(PANTHOR_FW_ENTRY_SIZE, 16));
}

static void header_beyond_image(struct test_image *img)
{
	/* Two bytes of stray data after the last entry. */
	put32(img, offsetof(struct panthor_fw_image_header, image_size),
	      img->end + 2);
}

static void unknown_mandatory_entry(struct test_image *img)
{
	put32(img, img->unknown, get32(img, img->unknown) & ~PANTHOR_FW_ENTRY_OPTIONAL);
}

static void section_entry_too_short(struct test_image *img)
{
	u32 hdr = get32(img, img->data);

	put32(img, img->data, (hdr & ~PANTHOR_FW_ENTRY_SIZE) |
	      FIELD_PREP(PANTHOR_FW_ENTRY_SIZE, 20));
}

/* Offsets of the section payload fields within an entry. */
#define SEC_FLAGS	4
#define SEC_VA_START	8
#define SEC_VA_END	12
#define SEC_DATA_START	16
#define SEC_DATA_END	20

static void section_data_beyond_file(struct test_image *img)
{
	put32(img, img->data + SEC_DATA_END, IMG_FILE_SIZE + 4);
}

static void section_data_reversed(struct test_image *img)
{
	put32(img, img->data + SEC_DATA_END, get32(img, img->data + SEC_DATA_START) - 4);
}

static void section_data_too_large(struct test_image *img)
{
	/* The data section shrinks to nothing but keeps its 32 bytes. */
	put32(img, img->data + SEC_VA_END, SECTION_DATA_VA);
}

static void section_va_start_unaligned(struct test_image *img)
{
	put32(img, img->data + SEC_VA_START, SECTION_DATA_VA + 0x800);
}

static void section_va_end_unaligned(struct test_image *img)
{
	put32(img, img->data + SEC_VA_END, SECTION_DATA_VA + SZ_8K - 4);
}

static void section_va_reversed(struct test_image *img)
{
	put32(img, img->data + SEC_VA_END, SECTION_DATA_VA - SZ_4K);
}

static void section_unknown_flag(struct test_image *img)
{
	put32(img, img->data + SEC_FLAGS, SECTION_RW_ZERO | BIT(6));
}

static void section_overlap(struct test_image *img)
{
	/* The data section grows over the shared one. */
	put32(img, img->data + SEC_VA_END, CSF_SHARED_SECTION_VA + SZ_4K);
}

static void shared_not_marked(struct test_image *img)
{
	put32(img, img->shared + SEC_FLAGS, SECTION_SHARED & ~PANTHOR_FW_SECTION_SHARED);
}

static void shared_missing(struct test_image *img)
{
	put32(img, img->shared + SEC_VA_START, CSF_SHARED_SECTION_VA + 0x100000);
	put32(img, img->shared + SEC_VA_END, CSF_SHARED_SECTION_VA + 0x10c000);
}

static void shared_protected(struct test_image *img)
{
	/* A protected interface section is skipped, so there is none. */
	put32(img, img->shared + SEC_FLAGS, SECTION_SHARED | PANTHOR_FW_SECTION_PROT);
}

static void build_info_beyond_file(struct test_image *img)
{
	put32(img, img->build_info + 4, IMG_FILE_SIZE - 8);
}

static const struct bad_image_case bad_image_cases[] = {
	{ "empty file", empty_file, "file too short for a header", AT_HEADER_START },
	{ "truncated header", truncate_to_header, "file too short for a header",
	  AT_HEADER_START },
	{ "truncated entries", truncate_inside_entries, "image size outside the file",
	  AT_HEADER_IMAGE_SIZE },
	{ "bad magic", bad_magic, "bad magic", AT_HEADER_START },
	{ "header major version 1", bad_header_major, "unsupported header version",
	  AT_HEADER_MAJOR },
	{ "image size below the header", image_size_too_small,
	  "image size outside the file", AT_HEADER_IMAGE_SIZE },
	{ "entry size not a multiple of 4", entry_size_unaligned,
	  "entry size not a multiple of 4", AT_DATA },
	{ "entry size 0", entry_size_zero, "entry smaller than its header", AT_DATA },
	{ "entry beyond the image", entry_beyond_image,
	  "entry beyond the end of the image", AT_BUILD_INFO },
	{ "entry header beyond the image", header_beyond_image,
	  "entry header beyond the end of the image", AT_IMAGE_END },
	{ "unknown entry not optional", unknown_mandatory_entry,
	  "unknown entry type that is not optional", AT_UNKNOWN },
	{ "section entry too short", section_entry_too_short,
	  "section entry too short", AT_DATA },
	{ "section data beyond the file", section_data_beyond_file,
	  "section data beyond the end of the file", AT_DATA },
	{ "section data end before start", section_data_reversed,
	  "section data ends before it starts", AT_DATA },
	{ "section data larger than the section", section_data_too_large,
	  "section data larger than the section", AT_DATA },
	{ "section start not page aligned", section_va_start_unaligned,
	  "section address not page aligned", AT_DATA },
	{ "section end not page aligned", section_va_end_unaligned,
	  "section address not page aligned", AT_DATA },
	{ "section end before start", section_va_reversed,
	  "section ends before it starts", AT_DATA },
	{ "unknown section flag", section_unknown_flag, "unknown section flags",
	  AT_DATA },
	{ "overlapping sections", section_overlap,
	  "section overlaps another section", AT_SHARED },
	{ "shared section not marked shared", shared_not_marked,
	  "interface section not marked shared", AT_SHARED },
	{ "no section at 0x04000000", shared_missing,
	  "no interface section at 0x04000000", AT_NOWHERE },
	{ "protected interface section", shared_protected,
	  "no interface section at 0x04000000", AT_NOWHERE },
	{ "build info beyond the file", build_info_beyond_file,
	  "build info beyond the end of the file", AT_BUILD_INFO },
};

static void bad_image_case_desc(const struct bad_image_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_image, bad_image_cases, bad_image_case_desc);

static void panthor_fw_image_bad_test(struct kunit *test)
{
	const struct bad_image_case *c = test->param_value;
	struct test_image *img = build_image(test);
	struct panthor_fw_image_desc *desc;
	struct panthor_fw_parse_error err = {};

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);

	c->mutate(img);
	KUNIT_EXPECT_EQ(test, panthor_fw_image_parse(img->buf, img->size, desc, &err),
			-EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err.reason);
	KUNIT_EXPECT_STREQ(test, err.reason, c->reason);
	KUNIT_EXPECT_EQ(test, err.offset, bad_image_offset(img, c->where));
}

/* ---- Interface builder --------------------------------------------------------- */

#define IFACE_SIZE		0xc000
#define IFACE_CSGS		8
#define IFACE_CSS		8
#define IFACE_CSG_STRIDE	0x100
#define IFACE_CS_STRIDE		12
#define IFACE_GLB_IN		0x2000
#define IFACE_GLB_OUT		0x3000
#define IFACE_CSG_IN(n)		(0x4000 + (n) * 0x80)
#define IFACE_CSG_OUT(n)	(0x4400 + (n) * 0x40)
#define IFACE_CS_IN(g, s)	(0x5000 + ((g) * IFACE_CSS + (s)) * 0x80)
#define IFACE_CS_OUT(g, s)	(0x7000 + ((g) * IFACE_CSS + (s)) * 0x100)
/* 96 registers, 8 scoreboards, compute, fragment and tiler: a G610. */
#define IFACE_CS_FEATURES	0x0007085f
#define IFACE_VERSION		0x01010000

static struct panthor_csf_csg_control *iface_csg(void *shared, u32 csg)
{
	return shared + CSF_CSG_CONTROL_OFFSET + csg * IFACE_CSG_STRIDE;
}

static struct panthor_csf_cs_control *iface_cs(void *shared, u32 csg, u32 cs)
{
	return (void *)iface_csg(shared, csg) + CSF_CS_CONTROL_OFFSET +
	       cs * IFACE_CS_STRIDE;
}

/* An interface as a G610's firmware lays it out. */
static void *build_iface(struct kunit *test)
{
	void *shared = kunit_kzalloc(test, IFACE_SIZE, GFP_KERNEL);
	struct panthor_csf_glb_control *glb = shared;
	u32 csg, cs;

	KUNIT_ASSERT_NOT_NULL(test, shared);

	glb->version = IFACE_VERSION;
	glb->features = 0;
	glb->input_va = CSF_SHARED_SECTION_VA + IFACE_GLB_IN;
	glb->output_va = CSF_SHARED_SECTION_VA + IFACE_GLB_OUT;
	glb->group_num = IFACE_CSGS;
	glb->group_stride = IFACE_CSG_STRIDE;
	glb->prfcnt_size = 0x10010;
	glb->instr_features = 0x71;

	for (csg = 0; csg < IFACE_CSGS; csg++) {
		struct panthor_csf_csg_control *ctl = iface_csg(shared, csg);

		ctl->features = 1;
		ctl->input_va = CSF_SHARED_SECTION_VA + IFACE_CSG_IN(csg);
		ctl->output_va = CSF_SHARED_SECTION_VA + IFACE_CSG_OUT(csg);
		ctl->suspend_size = 0x4000;
		ctl->protm_suspend_size = 0x4000;
		ctl->stream_num = IFACE_CSS;
		ctl->stream_stride = IFACE_CS_STRIDE;

		for (cs = 0; cs < IFACE_CSS; cs++) {
			struct panthor_csf_cs_control *cs_ctl = iface_cs(shared, csg, cs);

			cs_ctl->features = IFACE_CS_FEATURES;
			cs_ctl->input_va = CSF_SHARED_SECTION_VA + IFACE_CS_IN(csg, cs);
			cs_ctl->output_va = CSF_SHARED_SECTION_VA + IFACE_CS_OUT(csg, cs);
		}
	}

	return shared;
}

static void panthor_csf_layout_good_test(struct kunit *test)
{
	void *shared = build_iface(test);
	struct panthor_csf_layout *layout;
	struct panthor_fw_parse_error err = {};

	layout = kunit_kzalloc(test, sizeof(*layout), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, layout);

	KUNIT_ASSERT_EQ(test, panthor_csf_layout_parse(shared, IFACE_SIZE, layout, &err), 0);
	KUNIT_EXPECT_EQ(test, layout->version, IFACE_VERSION);
	KUNIT_EXPECT_EQ(test, layout->instr_features, 0x71);
	KUNIT_EXPECT_EQ(test, layout->glb_input, IFACE_GLB_IN);
	KUNIT_EXPECT_EQ(test, layout->glb_output, IFACE_GLB_OUT);
	KUNIT_EXPECT_EQ(test, layout->csg_count, IFACE_CSGS);
	KUNIT_EXPECT_EQ(test, layout->cs_count, IFACE_CSS);
	KUNIT_EXPECT_EQ(test, layout->cs_features, IFACE_CS_FEATURES);
	KUNIT_EXPECT_EQ(test, layout->suspend_size, 0x4000);

	KUNIT_EXPECT_EQ(test, layout->csg[7].control,
			CSF_CSG_CONTROL_OFFSET + 7 * IFACE_CSG_STRIDE);
	KUNIT_EXPECT_EQ(test, layout->csg[7].input, IFACE_CSG_IN(7));
	KUNIT_EXPECT_EQ(test, layout->csg[7].output, IFACE_CSG_OUT(7));
	KUNIT_EXPECT_EQ(test, layout->csg[5].cs[3].control,
			CSF_CSG_CONTROL_OFFSET + 5 * IFACE_CSG_STRIDE +
			CSF_CS_CONTROL_OFFSET + 3 * IFACE_CS_STRIDE);
	KUNIT_EXPECT_EQ(test, layout->csg[5].cs[3].input, IFACE_CS_IN(5, 3));
	KUNIT_EXPECT_EQ(test, layout->csg[7].cs[7].output, IFACE_CS_OUT(7, 7));

	/* Before interface 1.1 the instrumentation word means nothing. */
	((struct panthor_csf_glb_control *)shared)->version = 0x01000000;
	KUNIT_ASSERT_EQ(test, panthor_csf_layout_parse(shared, IFACE_SIZE, layout, &err), 0);
	KUNIT_EXPECT_EQ(test, layout->instr_features, 0);
}

/**
 * struct bad_iface_case - One way to break the good interface
 */
struct bad_iface_case {
	/** @desc: test case name */
	const char *desc;
	/** @mutate: breaks the interface */
	void (*mutate)(void *shared);
	/** @reason: the reason the parser must give */
	const char *reason;
};

static void iface_not_booted(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->version = 0;
}

static void iface_two_csgs(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->group_num = 2;
}

static void iface_32_csgs(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->group_num = 32;
}

static void iface_csgs_beyond_section(void *shared)
{
	/* 31 slots of 0x1000 bytes cannot fit in 48 KiB. */
	((struct panthor_csf_glb_control *)shared)->group_num = 31;
	((struct panthor_csf_glb_control *)shared)->group_stride = 0x1000;
}

static void iface_csg_stride_small(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->group_stride = 0x20;
}

static void iface_glb_input_outside(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->input_va =
		CSF_SHARED_SECTION_VA + IFACE_SIZE - 4;
}

static void iface_glb_output_below(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->output_va =
		CSF_SHARED_SECTION_VA - 0x1000;
}

static void iface_glb_input_unaligned(void *shared)
{
	((struct panthor_csf_glb_control *)shared)->input_va =
		CSF_SHARED_SECTION_VA + IFACE_GLB_IN + 2;
}

static void iface_seven_streams(void *shared)
{
	iface_csg(shared, 0)->stream_num = 7;
}

static void iface_33_streams(void *shared)
{
	iface_csg(shared, 0)->stream_num = 33;
}

static void iface_stream_count_differs(void *shared)
{
	iface_csg(shared, 6)->stream_num = 9;
}

static void iface_suspend_size_differs(void *shared)
{
	iface_csg(shared, 3)->suspend_size = 0x8000;
}

static void iface_cs_features_differ(void *shared)
{
	iface_cs(shared, 4, 2)->features = IFACE_CS_FEATURES & ~CSF_CS_FEATURES_TILER;
}

static void iface_csg_output_outside(void *shared)
{
	iface_csg(shared, 7)->output_va = CSF_SHARED_SECTION_VA + IFACE_SIZE;
}

static void iface_cs_input_outside(void *shared)
{
	iface_cs(shared, 7, 7)->input_va = 0x08000000;
}

static void iface_cs_stride_small(void *shared)
{
	iface_csg(shared, 1)->stream_stride = 8;
}

static void iface_cs_beyond_section(void *shared)
{
	iface_csg(shared, 7)->stream_stride = 0x2000;
}

static const struct bad_iface_case bad_iface_cases[] = {
	{ "version 0", iface_not_booted, "firmware wrote no interface version" },
	{ "2 CSG slots", iface_two_csgs, "unsupported number of CSG slots" },
	{ "32 CSG slots", iface_32_csgs, "unsupported number of CSG slots" },
	{ "CSG blocks beyond the section", iface_csgs_beyond_section,
	  "CSG control blocks outside the interface" },
	{ "CSG stride below a block", iface_csg_stride_small,
	  "CSG control blocks overlap" },
	{ "GLB input past the end", iface_glb_input_outside,
	  "GLB input block outside the interface" },
	{ "GLB output below the section", iface_glb_output_below,
	  "GLB output block outside the interface" },
	{ "GLB input unaligned", iface_glb_input_unaligned,
	  "GLB input block outside the interface" },
	{ "7 streams", iface_seven_streams, "unsupported number of CS slots" },
	{ "33 streams", iface_33_streams, "unsupported number of CS slots" },
	{ "stream counts differ", iface_stream_count_differs,
	  "CSG slots with different stream counts" },
	{ "suspend sizes differ", iface_suspend_size_differs,
	  "CSG slots with different features" },
	{ "CS features differ", iface_cs_features_differ,
	  "CS slots with different features" },
	{ "CSG output past the end", iface_csg_output_outside,
	  "CSG output block outside the interface" },
	{ "CS input past the zone", iface_cs_input_outside,
	  "CS input block outside the interface" },
	{ "CS stride below a block", iface_cs_stride_small,
	  "CS control blocks overlap" },
	{ "CS blocks beyond the section", iface_cs_beyond_section,
	  "CS control blocks outside the interface" },
};

static void bad_iface_case_desc(const struct bad_iface_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_iface, bad_iface_cases, bad_iface_case_desc);

static void panthor_csf_layout_bad_test(struct kunit *test)
{
	const struct bad_iface_case *c = test->param_value;
	void *shared = build_iface(test);
	struct panthor_csf_layout *layout;
	struct panthor_fw_parse_error err = {};

	layout = kunit_kzalloc(test, sizeof(*layout), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, layout);

	c->mutate(shared);
	KUNIT_EXPECT_EQ(test, panthor_csf_layout_parse(shared, IFACE_SIZE, layout, &err),
			-EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err.reason);
	KUNIT_EXPECT_STREQ(test, err.reason, c->reason);
}

/* A section too small to hold even the GLB control area. */
static void panthor_csf_layout_tiny_test(struct kunit *test)
{
	void *shared = build_iface(test);
	struct panthor_csf_layout *layout;
	struct panthor_fw_parse_error err = {};

	layout = kunit_kzalloc(test, sizeof(*layout), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, layout);

	KUNIT_EXPECT_EQ(test, panthor_csf_layout_parse(shared, SZ_2K, layout, &err),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, err.reason, "interface section too small");
}

/* ---- Timer encoding ------------------------------------------------------------ */

static void panthor_csf_timer_encode_test(struct kunit *test)
{
	/* 10 ms of a 24 MHz counter: 240000 ticks, 234.4 units, rounded up. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(10000, 24000000,
						       CSF_TIMER_SOURCE_SYSTEM), 235);
	/* 800 us: 19200 ticks, 18.75 units. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(800, 24000000,
						       CSF_TIMER_SOURCE_SYSTEM), 19);
	/* Exactly 1024 ticks is one unit, not two. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(1024, 1000000,
						       CSF_TIMER_SOURCE_SYSTEM), 1);
	/* A short delay on a slow source still arms the timer. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(1, 1000,
						       CSF_TIMER_SOURCE_SYSTEM), 1);
	/* No delay disables it. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(0, 24000000,
						       CSF_TIMER_SOURCE_SYSTEM), 0);
	/* The GPU clock as source sets bit 31: 10 ms at 200 MHz. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(10000, 200000000,
						       CSF_TIMER_SOURCE_GPU_CYCLES),
			BIT(31) | 1954);
	/* Saturates at 31 bits instead of spilling into the source bit. */
	KUNIT_EXPECT_EQ(test, panthor_csf_timer_encode(U32_MAX, U64_MAX,
						       CSF_TIMER_SOURCE_SYSTEM),
			0x7fffffff);
}

/* ---- REQ/ACK helpers ------------------------------------------------------------ */

struct handshake_words {
	u32 host;
	u32 fw;
	struct panthor_fw_handshake hs;
};

static struct handshake_words *handshake_setup(struct kunit *test, u32 host,
					       u32 fw)
{
	struct handshake_words *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, w);
	w->host = host;
	w->fw = fw;
	w->hs.host = &w->host;
	w->hs.fw = &w->fw;
	spin_lock_init(&w->hs.lock);
	return w;
}

static void panthor_fw_request_toggle_test(struct kunit *test)
{
	struct handshake_words *w = handshake_setup(test, 0x0000000a, 0x00000008);

	/* Bit 1 is a pending request already; bits 3 and 8 are settled. */
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, ~0u), BIT(1));

	panthor_fw_request_toggle(&w->hs, CSF_GLB_PING | BIT(1));
	/* PING becomes pending; bit 1 stays pending, it is not undone. */
	KUNIT_EXPECT_EQ(test, w->host, 0x0000010a);
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, ~0u), CSF_GLB_PING | BIT(1));

	/* The firmware acknowledges PING by copying it. */
	w->fw ^= CSF_GLB_PING;
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, CSF_GLB_PING), 0);

	/* The next ping toggles back to 0. */
	panthor_fw_request_toggle(&w->hs, CSF_GLB_PING);
	KUNIT_EXPECT_EQ(test, w->host & CSF_GLB_PING, 0);
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, CSF_GLB_PING), CSF_GLB_PING);
}

static void panthor_fw_request_level_test(struct kunit *test)
{
	struct handshake_words *w =
		handshake_setup(test, CSF_CSG_STATE_START | CSF_CSG_SYNC_UPDATE,
				CSF_CSG_STATE_START);

	panthor_fw_request_level(&w->hs, CSF_CSG_STATE, CSF_CSG_STATE_SUSPEND);
	/* Only the field changes; the event bit the host holds is kept. */
	KUNIT_EXPECT_EQ(test, w->host, CSF_CSG_STATE_SUSPEND | CSF_CSG_SYNC_UPDATE);
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, CSF_CSG_STATE),
			CSF_CSG_STATE_START ^ CSF_CSG_STATE_SUSPEND);

	/* Setting the same value twice changes nothing. */
	panthor_fw_request_level(&w->hs, CSF_CSG_STATE, CSF_CSG_STATE_SUSPEND);
	KUNIT_EXPECT_EQ(test, w->host, CSF_CSG_STATE_SUSPEND | CSF_CSG_SYNC_UPDATE);

	w->fw = CSF_CSG_STATE_SUSPEND;
	KUNIT_EXPECT_EQ(test, panthor_fw_pending(&w->hs, CSF_CSG_STATE), 0);
}

static void panthor_fw_events_ack_test(struct kunit *test)
{
	/* The firmware raised IDLE (bit 26) and holds a pending CFG ack. */
	struct handshake_words *w = handshake_setup(test, CSF_GLB_CFG_ALLOC_EN,
						    CSF_GLB_IDLE);

	KUNIT_EXPECT_EQ(test, panthor_fw_events_pending(&w->hs, CSF_GLB_EVENTS),
			CSF_GLB_IDLE);
	KUNIT_EXPECT_EQ(test, panthor_fw_events_ack(&w->hs, CSF_GLB_EVENTS),
			CSF_GLB_IDLE);
	/* Acknowledged, and the host's request bits are left alone. */
	KUNIT_EXPECT_EQ(test, w->host, CSF_GLB_CFG_ALLOC_EN | CSF_GLB_IDLE);
	KUNIT_EXPECT_EQ(test, panthor_fw_events_pending(&w->hs, CSF_GLB_EVENTS), 0);
	/* Nothing new: nothing taken. */
	KUNIT_EXPECT_EQ(test, panthor_fw_events_ack(&w->hs, CSF_GLB_EVENTS), 0);

	/* The firmware lowers the bit again: that is a new event. */
	w->fw &= ~CSF_GLB_IDLE;
	KUNIT_EXPECT_EQ(test, panthor_fw_events_ack(&w->hs, CSF_GLB_EVENTS),
			CSF_GLB_IDLE);
	KUNIT_EXPECT_EQ(test, w->host, CSF_GLB_CFG_ALLOC_EN);
}

static struct kunit_case panthor_fw_image_test_cases[] = {
	KUNIT_CASE(panthor_fw_image_good_test),
	KUNIT_CASE(panthor_fw_image_image_size_test),
	KUNIT_CASE_PARAM(panthor_fw_image_bad_test, bad_image_gen_params),
	{}
};

static struct kunit_suite panthor_fw_image_test_suite = {
	.name = "panthor_fw_image",
	.test_cases = panthor_fw_image_test_cases,
};

static struct kunit_case panthor_csf_iface_test_cases[] = {
	KUNIT_CASE(panthor_csf_layout_good_test),
	KUNIT_CASE_PARAM(panthor_csf_layout_bad_test, bad_iface_gen_params),
	KUNIT_CASE(panthor_csf_layout_tiny_test),
	KUNIT_CASE(panthor_csf_timer_encode_test),
	KUNIT_CASE(panthor_fw_request_toggle_test),
	KUNIT_CASE(panthor_fw_request_level_test),
	KUNIT_CASE(panthor_fw_events_ack_test),
	{}
};

static struct kunit_suite panthor_csf_iface_test_suite = {
	.name = "panthor_csf_iface",
	.test_cases = panthor_csf_iface_test_cases,
};

kunit_test_suites(&panthor_fw_image_test_suite, &panthor_csf_iface_test_suite);
