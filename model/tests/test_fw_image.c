// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware images: the container parser, the image tool's output parsed
 * back, and the model booting from images loaded the way a driver loads
 * them (its own, and Arm's real G610 image when the test bed fetched it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwimage.h"
#include "mt.h"
#include "test_fw.h"

#define TI_SHA	"0123456789abcdef0123456789abcdef01234567"

/* What a parse reported. */
struct ti_seen {
	struct mm_fwimg_section sec[16];
	unsigned int nsec;
	unsigned int types[16];
	unsigned int ntypes;
	uint32_t build_off;
	uint32_t build_len;
	uint32_t config_hdr;
};

static int ti_section(void *ctx, const struct mm_fwimg_section *sec)
{
	struct ti_seen *s = ctx;

	if (s->nsec < MM_ARRAY_SIZE(s->sec))
		s->sec[s->nsec++] = *sec;
	return 0;
}

static int ti_entry(void *ctx, u32 type, u32 hdr, u32 off, u32 len)
{
	struct ti_seen *s = ctx;

	(void)len;
	if (s->ntypes < MM_ARRAY_SIZE(s->types))
		s->types[s->ntypes++] = type;
	if (type == FWIMG_TYPE_CONFIG)
		s->config_hdr = hdr;
	if (type == FWIMG_TYPE_BUILD_INFO)
		s->build_off = off;
	return 0;
}

static const struct mm_fwimg_ops ti_ops = {
	.section = ti_section,
	.entry = ti_entry,
};

static size_t ti_build(enum mm_product p, enum fwimg_variant v, uint8_t **img)
{
	struct fwimg_opts o = { p, v, TI_SHA };

	return fwimg_build(&o, img);
}

static const struct mm_fwimg_section *ti_find(const struct ti_seen *s,
					      uint32_t va)
{
	unsigned int i;

	for (i = 0; i < s->nsec; i++)
		if (s->sec[i].va_start == va)
			return &s->sec[i];
	return NULL;
}

TEST(image_tool_writes_parsable_images)
{
	const struct mm_fwimg_section *sec;
	struct ti_seen s;
	uint8_t *img;
	size_t len;
	int p;

	for (p = 0; p < MM_PRODUCT_COUNT; p++) {
		memset(&s, 0, sizeof(s));
		len = ti_build((enum mm_product)p, FWIMG_GOOD, &img);
		ASSERT_TRUE(len > FWIMG_HEADER_SIZE);
		EXPECT_EQ(mm_fwimg_parse(img, (uint32_t)len, &ti_ops, &s, NULL),
			  MM_FWIMG_OK);
		EXPECT_EQ(s.nsec, 4);
		sec = ti_find(&s, (uint32_t)FW_SHARED_VA);
		ASSERT_TRUE(sec);
		EXPECT_EQ(sec->va_end - sec->va_start, FW_SHARED_SIZE_G610);
		EXPECT_EQ(sec->flags, 0xc000001b);	/* as Arm's image */
		sec = ti_find(&s, FW_IMG_CODE_VA);
		ASSERT_TRUE(sec);
		EXPECT_EQ(sec->flags & (FWIMG_SEC_EX | FWIMG_SEC_WR), FWIMG_SEC_EX);
		sec = ti_find(&s, FW_IMG_DATA_VA);
		ASSERT_TRUE(sec);
		EXPECT_EQ(sec->flags & (FWIMG_SEC_WR | FWIMG_SEC_ZERO),
			  FWIMG_SEC_WR | FWIMG_SEC_ZERO);
		/* Vector table: stack top in the data section, code entry. */
		sec = ti_find(&s, 0);
		ASSERT_TRUE(sec);
		EXPECT_EQ(mm_le32(img + sec->data_start),
			  FW_IMG_DATA_VA + FW_IMG_DATA_SIZE);
		EXPECT_EQ(mm_le32(img + sec->data_start + 4), FW_IMG_CODE_VA | 1);

		EXPECT_TRUE(s.config_hdr & FWIMG_ENTRY_OPTIONAL);
		ASSERT_TRUE(s.build_off != 0);
		EXPECT_TRUE(strstr((const char *)img +
				   mm_le32(img + s.build_off),
				   "git_sha: " TI_SHA) != NULL);
		free(img);
	}
}

TEST(image_tool_variants_break_one_rule_each)
{
	uint8_t *img;
	size_t len;
	int v;

	for (v = FWIMG_GOOD + 1; v < FWIMG_VARIANT_COUNT; v++) {
		len = ti_build(MM_PRODUCT_G610, (enum fwimg_variant)v, &img);
		ASSERT_TRUE(len > 0);
		EXPECT_EQ(mm_fwimg_parse(img, (uint32_t)len, NULL, NULL, NULL),
			  fwimg_variant_error((enum fwimg_variant)v));
		EXPECT_NE(fwimg_variant_error((enum fwimg_variant)v), MM_FWIMG_OK);
		free(img);
	}
}

TEST(image_tool_firmware_directories)
{
	char buf[32];

	EXPECT_TRUE(!strcmp(fwimg_arch_dir(MM_PRODUCT_G610, buf, sizeof(buf)),
			    "arch10.8"));
	EXPECT_TRUE(!strcmp(fwimg_arch_dir(MM_PRODUCT_G710, buf, sizeof(buf)),
			    "arch10.8"));
	EXPECT_TRUE(!strcmp(fwimg_arch_dir(MM_PRODUCT_G510, buf, sizeof(buf)),
			    "arch10.10"));
	EXPECT_TRUE(!strcmp(fwimg_arch_dir(MM_PRODUCT_G310, buf, sizeof(buf)),
			    "arch10.12"));
}

/* ---- Parser rules on hand-made images ----------------------------------------- */

static uint32_t ti_mk(uint8_t *b, uint32_t type, uint32_t flags,
		      const uint32_t *pl, unsigned int words)
{
	uint32_t size = 4 + 4 * words, i;

	mm_put_le32(b, FWIMG_MAGIC);
	mm_put_le32(b + 4, 0);
	mm_put_le32(b + 8, 0);
	mm_put_le32(b + 12, 0);
	mm_put_le32(b + 16, FWIMG_HEADER_SIZE + size);
	mm_put_le32(b + 20, type | size << 8 | flags);
	for (i = 0; i < words; i++)
		mm_put_le32(b + 24 + 4 * i, pl[i]);
	return FWIMG_HEADER_SIZE + size;
}

TEST(image_parser_rules)
{
	uint8_t b[256] = { 0 };
	uint32_t shared[5] = { 0xc000001b, 0x04000000, 0x0400c000, 0, 0 };
	uint32_t sec[5];
	uint32_t len;

	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, shared, 5);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_OK);
	/* Interface section not flagged shared. */
	memcpy(sec, shared, sizeof(sec));
	sec[0] = 0x8000001b;
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, sec, 5);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_NOT_SHARED);
	/* Unknown flag bit. */
	sec[0] = 0xc000001b | MM_BIT(8);
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, sec, 5);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_BAD_SECTION);
	/* Unaligned VA. */
	memcpy(sec, shared, sizeof(sec));
	sec[2] = 0x0400c100;
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, sec, 5);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_BAD_SECTION);
	/* More data than section. */
	memcpy(sec, shared, sizeof(sec));
	sec[2] = 0x04000000;
	sec[4] = 16;
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, sec, 5);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_BAD_SECTION);
	/* An unknown optional entry is skipped, a mandatory one is not. */
	len = ti_mk(b, 9, FWIMG_ENTRY_OPTIONAL, shared, 1);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_NO_SHARED);
	len = ti_mk(b, 9, 0, shared, 1);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL),
		  MM_FWIMG_UNKNOWN_ENTRY);
	/* A zero-sized entry would never end. */
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, shared, 5);
	mm_put_le32(b + 20, 0);
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_BAD_ENTRY);
	/* Header major version. */
	len = ti_mk(b, FWIMG_TYPE_IFACE, 0, shared, 5);
	b[FWIMG_HDR_MAJOR] = 1;
	EXPECT_EQ(mm_fwimg_parse(b, len, NULL, NULL, NULL), MM_FWIMG_BAD_VERSION);
	/* Shorter than its header. */
	EXPECT_EQ(mm_fwimg_parse(b, 10, NULL, NULL, NULL), MM_FWIMG_TRUNCATED);
}

/* ---- Loading an image as a driver does, then booting ------------------------ */

struct ti_load {
	struct th *t;
	const uint8_t *img;
	uint64_t root;
	uint64_t shared_pa;
	unsigned int mapped;
	unsigned int skipped_prot;
};

static int ti_load_section(void *ctx, const struct mm_fwimg_section *sec)
{
	struct ti_load *l = ctx;
	uint64_t size = sec->va_end - sec->va_start, pa, off, attrs;

	if (sec->flags & FWIMG_SEC_PROT) {
		l->skipped_prot++;
		return 0;
	}
	if (!size)
		return 0;
	pa = th_alloc(l->t, size, TH_SZ_4K);	/* zero-filled */
	memcpy(th_mem(l->t, pa), l->img + sec->data_start,
	       sec->data_end - sec->data_start);
	attrs = sec->flags & FWIMG_SEC_EX ? TH_PTE_RW_X : TH_PTE_RW_NX;
	if (!(sec->flags & FWIMG_SEC_WR))
		attrs |= PTE_AP_RDONLY;
	for (off = 0; off < size; off += TH_SZ_4K)
		th_map(l->t, l->root, sec->va_start + off, pa + off, TH_SZ_4K,
		       attrs);
	if (sec->va_start == FW_SHARED_VA)
		l->shared_pa = pa;
	l->mapped++;
	return 0;
}

static const struct mm_fwimg_ops ti_load_ops = { .section = ti_load_section };

/* Load @img into AS0, boot, return true if JOB IRQ bit 31 came. */
static bool ti_load_and_boot(struct th *t, const uint8_t *img, size_t len,
			     struct ti_load *l)
{
	memset(l, 0, sizeof(*l));
	l->t = t;
	l->img = img;
	l->root = th_pt_new(t);
	if (mm_fwimg_parse(img, (uint32_t)len, &ti_load_ops, l, NULL))
		return false;
	th_l2_on(t);
	th_as_enable(t, 0, l->root, TH_TRANSCFG, TH_MEMATTR);
	th_wr(t, JOB_CONTROL_BASE + IRQ_MASK, 0xffffffff);
	th_wr(t, MCU_CONTROL, MCU_CONTROL_AUTO);
	return th_poll(t, JOB_CONTROL_BASE + IRQ_RAWSTAT, JOB_IRQ_GLOBAL,
		       JOB_IRQ_GLOBAL, 10000, 10000000);
}

TEST(image_model_boots_from_its_own_images)
{
	struct ti_load l;
	uint8_t *img;
	size_t len;
	int p;

	for (p = 0; p < MM_PRODUCT_COUNT; p++) {
		th_reinit(t, (enum mm_product)p);
		len = ti_build((enum mm_product)p, FWIMG_GOOD, &img);
		ASSERT_TRUE(ti_load_and_boot(t, img, len, &l));
		EXPECT_EQ(l.mapped, 4);
		EXPECT_EQ(th_r32(t, l.shared_pa + GLB_VERSION),
			  mm_product_get((enum mm_product)p)->csif.glb_version);
		EXPECT_EQ(th_r32(t, l.shared_pa + GLB_GROUP_NUM),
			  mm_product_get((enum mm_product)p)->csif.csg_slots);
		free(img);
	}
}

/* Arm's image, where the test bed puts it (or $MM_REAL_FW). */
static uint8_t *ti_real_image(size_t *len)
{
	static const char *const paths[] = {
		"../build/firmware/lib/firmware/arm/mali/arch10.8/mali_csffw.bin",
		"build/firmware/lib/firmware/arm/mali/arch10.8/mali_csffw.bin",
	};
	const char *env = getenv("MM_REAL_FW");
	uint8_t *buf = NULL;
	unsigned int i;
	FILE *f = NULL;
	long size;

	if (env)
		f = fopen(env, "rb");
	for (i = 0; !f && i < MM_ARRAY_SIZE(paths); i++)
		f = fopen(paths[i], "rb");
	if (!f)
		return NULL;
	size = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	if (size > 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc((size_t)size);
		if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return buf;
}

TEST(image_parser_reads_arms_real_image)
{
	const struct mm_fwimg_section *sec;
	struct ti_seen s;
	uint8_t *img;
	size_t len;

	img = ti_real_image(&len);
	if (!img) {
		printf("     (Arm's image not fetched: %s skipped)\n", __func__);
		return;
	}
	memset(&s, 0, sizeof(s));
	EXPECT_EQ(mm_fwimg_parse(img, (uint32_t)len, &ti_ops, &s, NULL),
		  MM_FWIMG_OK);
	EXPECT_EQ(s.nsec, 8);
	sec = ti_find(&s, (uint32_t)FW_SHARED_VA);
	ASSERT_TRUE(sec);
	EXPECT_EQ(sec->va_end, 0x0400c000);
	EXPECT_EQ(sec->flags, 0xc000001b);
	ASSERT_TRUE(s.build_off != 0);
	EXPECT_TRUE(!strncmp((const char *)img + mm_le32(img + s.build_off),
			     "git_sha: ", 9));
	free(img);
}

TEST(image_model_boots_from_arms_real_image)
{
	struct ti_load l;
	uint8_t *img;
	size_t len;

	img = ti_real_image(&len);
	if (!img) {
		printf("     (Arm's image not fetched: %s skipped)\n", __func__);
		return;
	}
	ASSERT_TRUE(ti_load_and_boot(t, img, len, &l));
	EXPECT_EQ(l.skipped_prot, 1);
	EXPECT_EQ(l.mapped, 7);
	EXPECT_EQ(th_r32(t, l.shared_pa + GLB_VERSION), 0x01010000);
	EXPECT_EQ(th_r32(t, l.shared_pa + GLB_INSTR_FEATURES), 0x71);
	EXPECT_EQ(t->gpu->stats.mmu_faults, 0);
	free(img);
}
