// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * unit.c - host tests of libpanthor-client's logic that needs no device:
 * GPU_ID, product, L2 and register decoding, features per uAPI level, the
 * JSON writer, and the error paths of pc_device_open(); main() also runs
 * the command-stream builder (unit_cs.c) and VA allocator (unit_va.c) tests.
 *
 * Prints each failed check and finally "client-unit: N passed, M failed".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "panthor_client.h"
#include "pc_json.h"
#include "unit.h"

unsigned int passed, failed;

/* GPU_INFO of a G610 on RK3588, mali-csf-hw.md Appendix B. */
static const struct drm_panthor_gpu_info g610 = {
	.gpu_id = 0xa8670005,
	.csf_id = 0x040a0412,
	.l2_features = 0x07120306,
	.tiler_features = 0x00000809,
	.mem_features = 0x00000301,
	.mmu_features = 0x00002830,
	.thread_features = 0x04010000,
	.max_threads = 2048,
	.thread_max_workgroup_size = 1024,
	.thread_max_barrier_size = 1024,
	.texture_features = { 0xc1ffff9e },
	.as_present = 0xff,
	.selected_coherency = DRM_PANTHOR_GPU_COHERENCY_NONE,
	.shader_present = 0x50005,
	.l2_present = 0x1,
	.tiler_present = 0x1,
};

static void test_gpu_id(void)
{
	struct pc_gpu_id id;

	pc_decode_gpu_id(0xa8670005, &id);
	CHECK(id.arch_major == 10);
	CHECK(id.arch_minor == 8);
	CHECK(id.arch_rev == 6);
	CHECK(id.product_major == 7);
	CHECK(id.version_major == 0);
	CHECK(id.version_minor == 0);
	CHECK(id.version_status == 5);

	/* Every field at once, to catch overlapping masks. */
	pc_decode_gpu_id(0x12345678, &id);
	CHECK(id.arch_major == 1);
	CHECK(id.arch_minor == 2);
	CHECK(id.arch_rev == 3);
	CHECK(id.product_major == 4);
	CHECK(id.version_major == 5);
	CHECK(id.version_minor == 0x67);
	CHECK(id.version_status == 8);
}

/* GPU_ID with just the fields that select a product. */
static uint32_t product_id(unsigned int arch, unsigned int product)
{
	return (uint32_t)arch << 28 | (uint32_t)product << 16;
}

static void test_product_names(void)
{
	const char *codename = NULL;

	CHECK_STR(pc_product_name(0xa8670005, 4, false, &codename),
		  "Mali-G610");
	CHECK_STR(codename, "LODX");
	CHECK_STR(pc_product_name(0xa8620004, 10, false, &codename),
		  "Mali-G710");
	CHECK_STR(codename, "TODX");
	CHECK_STR(pc_product_name(product_id(10, 3), 6, false, NULL),
		  "Mali-G510");
	CHECK_STR(pc_product_name(0xac740001, 1, false, &codename),
		  "Mali-G310");
	CHECK_STR(codename, "TVAX");

	/* Arch 11 to 13: the name depends on core count and ray tracing. */
	CHECK_STR(pc_product_name(product_id(11, 2), 6, false, NULL),
		  "Mali-G615");
	CHECK_STR(pc_product_name(product_id(11, 2), 7, false, NULL),
		  "Mali-G715");
	CHECK_STR(pc_product_name(product_id(11, 2), 10, true, NULL),
		  "Mali-G715");
	CHECK_STR(pc_product_name(product_id(11, 2), 11, false, NULL),
		  "Mali-G715");
	CHECK_STR(pc_product_name(product_id(11, 2), 11, true, NULL),
		  "Mali-G715-Immortalis");
	CHECK_STR(pc_product_name(product_id(11, 3), 6, false, &codename),
		  "Mali-G615");
	CHECK_STR(codename, "LTUX");
	CHECK_STR(pc_product_name(product_id(12, 0), 5, false, NULL),
		  "Mali-G620");
	CHECK_STR(pc_product_name(product_id(12, 0), 6, true, NULL),
		  "Mali-G720");
	CHECK_STR(pc_product_name(product_id(12, 0), 10, true, NULL),
		  "Mali-G720-Immortalis");
	CHECK_STR(pc_product_name(product_id(12, 1), 4, false, NULL),
		  "Mali-G620");
	CHECK_STR(pc_product_name(product_id(13, 0), 5, false, NULL),
		  "Mali-G625");
	CHECK_STR(pc_product_name(product_id(13, 0), 9, true, NULL),
		  "Mali-G725");
	CHECK_STR(pc_product_name(product_id(13, 0), 10, true, NULL),
		  "Mali-G925-Immortalis");
	CHECK_STR(pc_product_name(product_id(13, 1), 4, false, NULL),
		  "Mali-G625");

	/* Not panthor targets, or not known. */
	CHECK(!pc_product_name(product_id(10, 1), 4, false, &codename));
	CHECK_STR(codename, "");
	CHECK(!pc_product_name(product_id(9, 7), 4, false, NULL));
	CHECK(!pc_product_name(product_id(14, 0), 4, false, NULL));
}

static void test_l2(void)
{
	struct pc_l2_info l2;

	pc_decode_l2(0x07120306, 0x301, &l2);
	CHECK(l2.line_size == 64);
	CHECK(l2.associativity == 3);
	CHECK(l2.cache_size == 256 * 1024);
	CHECK(l2.bus_width_log2 == 7);
	CHECK(l2.slices == 4);

	/* i.MX95 G310 (mali-csf-hw.md §7). */
	pc_decode_l2(0x07110306, 0x1, &l2);
	CHECK(l2.cache_size == 128 * 1024);
	CHECK(l2.slices == 1);

	/* A size field no 64-bit value can hold decodes to 0, not garbage. */
	pc_decode_l2(0x00ff0006, 0, &l2);
	CHECK(l2.cache_size == 0);
	CHECK(l2.line_size == 64);
}

static void test_describe_g610(void)
{
	struct pc_gpu_desc d;

	pc_describe_gpu(&g610, &d);
	CHECK_STR(d.product, "Mali-G610");
	CHECK_STR(d.codename, "LODX");
	CHECK(d.known);
	CHECK_STR(d.firmware, "arm/mali/arch10.8/mali_csffw.bin");
	CHECK(d.shader_cores == 4);
	CHECK(d.address_spaces == 8);
	CHECK(d.va_bits == 48);
	CHECK(d.pa_bits == 40);
	CHECK(d.l2.cache_size == 256 * 1024);
	CHECK(d.max_registers == 65536);
	CHECK(d.max_tasks == 4);
	CHECK(d.impl_tech == 0);
	CHECK(d.tiler_bin_size == 512);
	CHECK(d.tiler_max_levels == 8);
	CHECK(!d.ray_tracing);
	CHECK(d.cshw_major == 1 && d.cshw_minor == 0 && d.cshw_rev == 10);
	CHECK(d.mcu_major == 1 && d.mcu_minor == 1 && d.mcu_rev == 2);
}

static void test_describe_others(void)
{
	struct drm_panthor_gpu_info info = {};
	struct pc_gpu_desc d;

	/* G310 firmware lives in arch10.12. */
	info.gpu_id = 0xac740001;
	info.shader_present = 0x1;
	pc_describe_gpu(&info, &d);
	CHECK_STR(d.product, "Mali-G310");
	CHECK_STR(d.firmware, "arm/mali/arch10.12/mali_csffw.bin");

	/* Ray tracing comes from GPU_FEATURES bit 2. */
	info.gpu_id = product_id(12, 0);
	info.shader_present = 0x3ff;
	info.gpu_features = 1 << 2;
	pc_describe_gpu(&info, &d);
	CHECK(d.ray_tracing);
	CHECK_STR(d.product, "Mali-G720-Immortalis");
	info.gpu_features = 1 << 1;
	pc_describe_gpu(&info, &d);
	CHECK(!d.ray_tracing);
	CHECK_STR(d.product, "Mali-G720");

	info.gpu_id = product_id(14, 0);
	info.gpu_features = 0;
	pc_describe_gpu(&info, &d);
	CHECK(!d.known);
	CHECK_STR(d.product, "unknown Mali (arch 14, product 0)");
	CHECK_STR(d.codename, "");

	/* THREAD_FEATURES implementation field: 3 is a software model. */
	info.thread_features = 3u << 22 | 0x3fffff;
	pc_describe_gpu(&info, &d);
	CHECK(d.impl_tech == 3);
	CHECK(d.max_registers == 0x3fffff);
}

static void test_features(void)
{
	struct pc_features f;

	pc_features_from_version(1, 0, &f);
	CHECK(!f.timestamp_info && !f.group_priorities_info && !f.mmu_info);

	pc_features_from_version(1, 1, &f);
	CHECK(f.timestamp_info && !f.group_priorities_info);

	pc_features_from_version(1, 2, &f);
	CHECK(f.group_priorities_info && f.realtime_priority &&
	      !f.innocent_state);

	pc_features_from_version(1, 5, &f);
	CHECK(f.innocent_state && f.bo_set_label && f.set_user_mmio_offset &&
	      !f.coherent_timestamps);

	pc_features_from_version(1, 7, &f);
	CHECK(f.coherent_timestamps && f.bo_wb_mmap && f.bo_sync &&
	      f.bo_query_info && f.selected_coherency && !f.timestamp_flags);

	pc_features_from_version(1, 8, &f);
	CHECK(f.timestamp_flags && !f.mmu_info && !f.sparse_bind);

	pc_features_from_version(1, 9, &f);
	CHECK(f.mmu_info && f.sparse_bind && f.timestamp_info);

	/* An unknown major promises nothing we know. */
	pc_features_from_version(2, 9, &f);
	CHECK(!f.timestamp_info && !f.mmu_info);
}

/* Run @fn writing JSON to a memory stream and return the text (malloc'ed). */
static char *json_text(void (*fn)(struct pc_json *json))
{
	struct pc_json json;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	pc_json_init(&json, out);
	fn(&json);
	fclose(out);
	return text;
}

static void json_escapes(struct pc_json *json)
{
	pc_json_write_string(json->out, "a\"b\\c\nd\te\x01");
}

static void json_object(struct pc_json *json)
{
	pc_json_begin(json, NULL);
	pc_json_string(json, "s", "x");
	pc_json_begin(json, "o");
	pc_json_uint(json, "u", 18446744073709551615ull);
	pc_json_int(json, "i", -3);
	pc_json_end(json);
	pc_json_begin(json, "empty");
	pc_json_end(json);
	pc_json_hex(json, "h", 0xa8670005);
	pc_json_hex(json, "z", 0);
	pc_json_bool(json, "b", false);
	pc_json_end(json);
}

static void test_json(void)
{
	char *text;

	text = json_text(json_escapes);
	CHECK_STR(text, "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
	free(text);

	text = json_text(json_object);
	CHECK_STR(text,
		  "{\n"
		  "  \"s\": \"x\",\n"
		  "  \"o\": {\n"
		  "    \"u\": 18446744073709551615,\n"
		  "    \"i\": -3\n"
		  "  },\n"
		  "  \"empty\": {\n"
		  "  },\n"
		  "  \"h\": \"0xa8670005\",\n"
		  "  \"z\": \"0x0\",\n"
		  "  \"b\": false\n"
		  "}\n");
	free(text);
}

static void test_open_errors(void)
{
	struct pc_device *dev = (struct pc_device *)1;
	int ret;

	ret = pc_device_open("/nonexistent/renderD128", &dev);
	CHECK(ret == -ENOENT);
	CHECK(!dev);
	CHECK(strstr(pc_last_error(), "/nonexistent/renderD128"));

	/* Something that answers no DRM ioctl. */
	ret = pc_device_open("/dev/null", &dev);
	CHECK(ret == -ENOTTY);
	CHECK(strstr(pc_last_error(), "not a DRM device"));

	/* Autodetection can only be checked where no DRM device exists. */
	if (access("/dev/dri", F_OK)) {
		ret = pc_device_open(NULL, &dev);
		CHECK(ret == -ENODEV);
		CHECK(strstr(pc_last_error(), "no panthor DRM device found"));
	}

	pc_device_close(NULL);
}

int main(void)
{
	test_gpu_id();
	test_product_names();
	test_l2();
	test_describe_g610();
	test_describe_others();
	test_features();
	test_json();
	test_open_errors();
	test_cs();
	test_va();

	printf("client-unit: %u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
