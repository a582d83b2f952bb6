// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mkfwimage: write firmware images for the GPU model.
 *
 *   mkfwimage [-p PRODUCT] [-v VARIANT] [-g GIT_SHA] -o FILE
 *	one image; PRODUCT is g610, g310, g510 or g710 (default g610),
 *	VARIANT one of: good truncated magic entry-size no-shared
 *	data-beyond-file (default good).
 *   mkfwimage -t DIR [-g GIT_SHA]
 *	the test bed's tree: DIR/arm/mali/archX.Y/mali_csffw.bin for every
 *	product whose firmware directory is not arch10.8 (that one holds
 *	Arm's real G610 image and is never written), and
 *	DIR/testbed/bad-VARIANT/arm/mali/arch10.8/mali_csffw.bin for every
 *	broken variant, for the G610 the test bed impersonates.
 *
 * Every image is parsed back before it is written: a good one must pass
 * the drivers' checks, a broken one must fail exactly the intended one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fw_image.h"
#include "fwimage.h"

#define REAL_IMAGE_DIR	"arch10.8"
#define IMAGE_NAME	"mali_csffw.bin"

static int mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -1;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

static int write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len) {
		fprintf(stderr, "mkfwimage: cannot write %s: %s\n", path,
			strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

/* Build, check against the parser, write. */
static int make_image(const struct fwimg_opts *o, const char *path)
{
	uint8_t *img;
	size_t len = fwimg_build(o, &img);
	int err;

	if (!len) {
		fprintf(stderr, "mkfwimage: cannot build image\n");
		return -1;
	}
	err = mm_fwimg_parse(img, (uint32_t)len, NULL, NULL, NULL);
	if (err != fwimg_variant_error(o->variant)) {
		fprintf(stderr, "mkfwimage: %s image parses as \"%s\"\n",
			fwimg_variant_name(o->variant), mm_fwimg_strerror(err));
		free(img);
		return -1;
	}
	err = write_file(path, img, len);
	free(img);
	return err;
}

static int make_tree(const char *dir, const char *git_sha)
{
	struct fwimg_opts o = { .git_sha = git_sha };
	char arch[32], path[4096];
	int p, v;

	for (p = 0; p < MM_PRODUCT_COUNT; p++) {
		o.product = (enum mm_product)p;
		o.variant = FWIMG_GOOD;
		fwimg_arch_dir(o.product, arch, sizeof(arch));
		if (!strcmp(arch, REAL_IMAGE_DIR))
			continue;
		snprintf(path, sizeof(path), "%s/arm/mali/%s", dir, arch);
		if (mkdirs(path))
			return -1;
		strncat(path, "/" IMAGE_NAME, sizeof(path) - strlen(path) - 1);
		if (make_image(&o, path))
			return -1;
	}
	o.product = MM_PRODUCT_G610;
	for (v = FWIMG_GOOD + 1; v < FWIMG_VARIANT_COUNT; v++) {
		o.variant = (enum fwimg_variant)v;
		snprintf(path, sizeof(path), "%s/testbed/bad-%s/arm/mali/%s",
			 dir, fwimg_variant_name(o.variant), REAL_IMAGE_DIR);
		if (mkdirs(path))
			return -1;
		strncat(path, "/" IMAGE_NAME, sizeof(path) - strlen(path) - 1);
		if (make_image(&o, path))
			return -1;
	}
	return 0;
}

static int parse_product(const char *s, enum mm_product *p)
{
	int i;

	for (i = 0; i < MM_PRODUCT_COUNT; i++) {
		const char *name = mm_product_name((enum mm_product)i);

		/* "g610" or "Mali-G610" */
		if (!strcasecmp(s, name) || !strcasecmp(s, name + 5)) {
			*p = (enum mm_product)i;
			return 0;
		}
	}
	return -1;
}

static int parse_variant(const char *s, enum fwimg_variant *v)
{
	int i;

	for (i = 0; i < FWIMG_VARIANT_COUNT; i++) {
		if (!strcmp(s, fwimg_variant_name((enum fwimg_variant)i))) {
			*v = (enum fwimg_variant)i;
			return 0;
		}
	}
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: mkfwimage [-p PRODUCT] [-v VARIANT] [-g GIT_SHA] -o FILE\n"
		"       mkfwimage -t DIR [-g GIT_SHA]\n");
}

int main(int argc, char **argv)
{
	struct fwimg_opts o = { MM_PRODUCT_G610, FWIMG_GOOD, NULL };
	const char *out = NULL, *tree = NULL;
	int c;

	while ((c = getopt(argc, argv, "p:v:g:o:t:h")) != -1) {
		switch (c) {
		case 'p':
			if (parse_product(optarg, &o.product)) {
				fprintf(stderr, "mkfwimage: unknown product %s\n",
					optarg);
				return 2;
			}
			break;
		case 'v':
			if (parse_variant(optarg, &o.variant)) {
				fprintf(stderr, "mkfwimage: unknown variant %s\n",
					optarg);
				return 2;
			}
			break;
		case 'g':
			if (strlen(optarg) != 40) {
				fprintf(stderr, "mkfwimage: git SHA must have 40 digits\n");
				return 2;
			}
			o.git_sha = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			tree = optarg;
			break;
		default:
			usage();
			return 2;
		}
	}
	if (!out == !tree) {
		usage();
		return 2;
	}
	if (tree)
		return make_tree(tree, o.git_sha) ? 1 : 0;
	return make_image(&o, out) ? 1 : 0;
}
