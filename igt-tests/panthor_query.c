// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_query - DRM_IOCTL_PANTHOR_DEV_QUERY: what GPU_INFO and CSIF_INFO
 * report, and the rules by which a query buffer's size is negotiated.
 *
 * The facts checked here come from /work/shared/docs/uapi-abi.md (§4.3, §4.4,
 * §5.2, §6 item 3, §7.1) and mali-csf-hw.md (§1.2, §1.3, Appendix B).
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Query GPU and command stream interface information.");

/* Size of drm_panthor_gpu_info before gpu_features was appended. */
#define GPU_INFO_SIZE_NO_FEATURES	104
/* Smallest GPU_INFO buffer accepted: up to and including tiler_present. */
#define GPU_INFO_MIN_SIZE		96
/* Bytes after the kernel's struct used to watch the zero fill. */
#define QUERY_TAIL			16
/* Value of bytes the kernel must not write. */
#define POISON				0xa5

/* GPU_ID fields (mali-csf-hw.md §1.3). */
static unsigned int gpu_arch_major(uint32_t gpu_id)
{
	return gpu_id >> 28;
}

static unsigned int gpu_product_major(uint32_t gpu_id)
{
	return (gpu_id >> 16) & 0xf;
}

/* MMU_FEATURES: [7:0] VA bits, [15:8] PA bits. */
static unsigned int mmu_va_bits(uint32_t mmu_features)
{
	return mmu_features & 0xff;
}

static unsigned int mmu_pa_bits(uint32_t mmu_features)
{
	return (mmu_features >> 8) & 0xff;
}

/* The driver's reported minor version (its uAPI level, uapi-abi.md §1). */
static int drm_minor_version(int fd)
{
	struct drm_version version = {};

	do_ioctl(fd, DRM_IOCTL_VERSION, &version);
	igt_assert_eq(version.version_major, 1);
	return version.version_minor;
}

/*
 * Run a DEV_QUERY and return 0 or -errno. @query_size, if not NULL, receives
 * the size field as the kernel left it.
 */
static int dev_query(int fd, uint32_t type, void *buf, uint32_t size,
		     uint32_t *query_size)
{
	struct drm_panthor_dev_query query = {
		.type = type,
		.size = size,
		.pointer = (uint64_t)(uintptr_t)buf,
	};
	int ret;

	ret = igt_ioctl(fd, DRM_IOCTL_PANTHOR_DEV_QUERY, &query);
	if (ret)
		return -errno;
	if (query_size)
		*query_size = query.size;
	return 0;
}

/* The kernel's struct size for @type: a query without a buffer. */
static uint32_t kernel_query_size(int fd, uint32_t type)
{
	uint32_t size = 0;

	/* The value passed in must not matter. */
	igt_assert_eq(dev_query(fd, type, NULL, 0xdead, &size), 0);
	igt_assert_neq_u32(size, 0xdead);
	return size;
}

static void assert_bytes(const uint8_t *buf, size_t from, size_t to,
			 uint8_t value)
{
	for (size_t i = from; i < to; i++)
		igt_assert_f(buf[i] == value,
			     "byte %zu is %#x, expected %#x\n", i, buf[i],
			     value);
}

/* Checks that hold for every CSF GPU and every uAPI level. */
static void check_gpu_info(const struct drm_panthor_gpu_info *gpu, int minor)
{
	igt_info("GPU_ID %#010x, shader cores %#" PRIx64 ", MMU %#x\n",
		 gpu->gpu_id, (uint64_t)gpu->shader_present,
		 gpu->mmu_features);

	igt_assert_neq_u32(gpu->gpu_id, 0);
	/* Command Stream Frontend GPUs start at architecture 10. */
	igt_assert_lte(10, gpu_arch_major(gpu->gpu_id));

	/* Address space 0 is the MCU's; the driver needs at least one more. */
	igt_assert(gpu->as_present & 1);
	igt_assert(gpu->as_present & ~1u);

	igt_assert_neq_u64(gpu->shader_present, 0);
	igt_assert_neq_u64(gpu->l2_present, 0);
	igt_assert_neq_u64(gpu->tiler_present, 0);

	igt_assert_lte(32, mmu_va_bits(gpu->mmu_features));
	igt_assert_lte(mmu_va_bits(gpu->mmu_features), 48);
	igt_assert_lte(32, mmu_pa_bits(gpu->mmu_features));
	igt_assert_lte(mmu_pa_bits(gpu->mmu_features), 52);

	igt_assert_neq_u32(gpu->l2_features, 0);
	igt_assert_neq_u32(gpu->max_threads, 0);
	igt_assert_neq_u32(gpu->thread_max_workgroup_size, 0);
	igt_assert_eq_u32(gpu->pad, 0);

	/* GPU_FEATURES only exists from architecture 11 on. */
	if (gpu_arch_major(gpu->gpu_id) < 11)
		igt_assert_eq_u64(gpu->gpu_features, 0);

	if (minor < 7) {
		/* Still the zero pad0 of older levels. */
		igt_assert_eq_u32(gpu->selected_coherency, 0);
	} else if (gpu->selected_coherency !=
		   DRM_PANTHOR_GPU_COHERENCY_NONE) {
		/* Only a protocol the GPU supports can have been enabled. */
		igt_assert_lt_u32(gpu->selected_coherency, 32);
		igt_assert(gpu->coherency_features &
			   (1u << gpu->selected_coherency));
	}
}

static void check_csif_info(const struct drm_panthor_csif_info *csif)
{
	igt_info("CSIF: %u CSG slots, %u CS per CSG, %u regs, %u scoreboards\n",
		 csif->csg_slot_count, csif->cs_slot_count, csif->cs_reg_count,
		 csif->scoreboard_slot_count);

	igt_assert_neq_u32(csif->csg_slot_count, 0);
	igt_assert_neq_u32(csif->cs_slot_count, 0);
	igt_assert_neq_u32(csif->cs_reg_count, 0);
	igt_assert_neq_u32(csif->scoreboard_slot_count, 0);
	/* The kernel clobbers some of the registers, never all of them. */
	igt_assert_lt_u32(csif->unpreserved_cs_reg_count, csif->cs_reg_count);
	igt_assert_eq_u32(csif->pad, 0);
}

/* Appendix B of mali-csf-hw.md: a G610 as found on RK3588 (and our model). */
static void check_g610(const struct drm_panthor_gpu_info *gpu,
		       const struct drm_panthor_csif_info *csif, int minor)
{
	igt_assert_eq_u32(gpu->gpu_id, 0xa8670005);
	igt_assert_eq_u32(gpu->csf_id, 0x040a0412);
	igt_assert_eq_u32(gpu->l2_features, 0x07120306);
	igt_assert_eq_u32(gpu->tiler_features, 0x00000809);
	igt_assert_eq_u32(gpu->mem_features, 0x00000301);
	igt_assert_eq_u32(gpu->mmu_features, 0x00002830);
	igt_assert_eq_u32(gpu->as_present, 0x000000ff);
	igt_assert_eq_u32(gpu->thread_features, 0x04010000);
	igt_assert_eq_u32(gpu->max_threads, 2048);
	igt_assert_eq_u32(gpu->thread_max_workgroup_size, 1024);
	igt_assert_eq_u32(gpu->thread_max_barrier_size, 1024);
	igt_assert_eq_u32(gpu->texture_features[0], 0xc1ffff9e);
	igt_assert_eq_u32(gpu->coherency_features, 0);
	igt_assert_eq_u64(gpu->shader_present, 0x00050005);
	igt_assert_eq_u64(gpu->tiler_present, 0x1);
	igt_assert_eq_u64(gpu->l2_present, 0x1);
	igt_assert_eq_u64(gpu->gpu_features, 0);
	/* RK3588 is not IO coherent: from 1.7 on that must be reported. */
	if (minor >= 7)
		igt_assert_eq_u32(gpu->selected_coherency,
				  DRM_PANTHOR_GPU_COHERENCY_NONE);

	igt_assert_eq_u32(csif->csg_slot_count, 8);
	igt_assert_eq_u32(csif->cs_slot_count, 8);
	igt_assert_eq_u32(csif->cs_reg_count, 96);
	igt_assert_eq_u32(csif->scoreboard_slot_count, 8);
}

/*
 * A buffer smaller than the kernel's struct (but not below the minimum) gets
 * exactly that many bytes, the same bytes a full query gets, and nothing
 * beyond them is touched. The size field is left as it was.
 */
static void check_short_query(int fd, uint32_t type, const uint8_t *full,
			      uint32_t size, uint32_t kernel_size)
{
	uint8_t buf[256];
	uint32_t size_after = 0;

	igt_assert_lte_u32(kernel_size + QUERY_TAIL, sizeof(buf));
	memset(buf, POISON, sizeof(buf));
	igt_assert_eq(dev_query(fd, type, buf, size, &size_after), 0);
	igt_assert_eq_u32(size_after, size);
	igt_assert(!memcmp(buf, full, size));
	assert_bytes(buf, size, sizeof(buf), POISON);
}

/* A buffer below the minimum is rejected and not written. */
static void check_too_small_query(int fd, uint32_t type, uint32_t size)
{
	uint8_t buf[256];

	memset(buf, POISON, sizeof(buf));
	igt_assert_eq(dev_query(fd, type, buf, size, NULL), -EINVAL);
	assert_bytes(buf, 0, sizeof(buf), POISON);
}

/*
 * A buffer larger than the kernel's struct gets the whole struct and a zero
 * filled tail, so that userspace built against a newer header reads zeros for
 * fields this kernel does not know.
 */
static void check_long_query(int fd, uint32_t type, const uint8_t *full,
			     uint32_t kernel_size)
{
	uint8_t buf[256];
	uint32_t size = kernel_size + QUERY_TAIL;
	uint32_t size_after = 0;

	igt_assert_lte_u32(size + QUERY_TAIL, sizeof(buf));
	memset(buf, POISON, sizeof(buf));
	igt_assert_eq(dev_query(fd, type, buf, size, &size_after), 0);
	igt_assert_eq_u32(size_after, size);
	igt_assert(!memcmp(buf, full, kernel_size));
	assert_bytes(buf, kernel_size, size, 0);
	assert_bytes(buf, size, sizeof(buf), POISON);
}

/* Size each query type reports at uAPI level @minor (uapi-abi.md §5.2). */
static void check_reported_sizes(int fd, int minor)
{
	static const struct {
		uint32_t type;
		int since;		/* minor version that added it */
		uint32_t size;		/* kernel struct size at that level */
	} types[] = {
		{ DRM_PANTHOR_DEV_QUERY_CSIF_INFO, 0, 24 },
		{ DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO, 1, 24 },
		{ DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO, 2, 4 },
		{ DRM_PANTHOR_DEV_QUERY_MMU_INFO, 9, 8 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		uint32_t size = 0xdead;
		uint32_t want = types[i].size;
		int ret;

		/* The timestamp query grew to 56 bytes at 1.8. */
		if (types[i].type == DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO &&
		    minor >= 8)
			want = 56;

		ret = dev_query(fd, types[i].type, NULL, 0, &size);
		igt_debug("type %u: ret %d size %u\n", types[i].type, ret,
			  size);
		if (minor >= types[i].since) {
			igt_assert_eq(ret, 0);
			igt_assert_eq_u32(size, want);
		} else {
			/* A level that does not have the type rejects it. */
			igt_assert_eq(ret, -EINVAL);
		}
	}
}

int igt_main()
{
	int fd = -1;
	int minor = 0;

	igt_fixture() {
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		minor = drm_minor_version(fd);
		igt_info("panthor uAPI 1.%d\n", minor);
	}

	igt_describe("GPU_INFO reports a CSF GPU: a sane GPU_ID, cores, L2, "
		     "tiler, address spaces and MMU limits.");
	igt_subtest("query") {
		struct drm_panthor_gpu_info gpu;
		uint32_t size;

		size = kernel_query_size(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO);
		igt_assert_lte_u32(GPU_INFO_SIZE_NO_FEATURES, size);

		memset(&gpu, POISON, sizeof(gpu));
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &gpu,
				  sizeof(gpu), 0);
		check_gpu_info(&gpu, minor);
	}

	igt_describe("CSIF_INFO reports a usable command stream interface.");
	igt_subtest("csif-info") {
		struct drm_panthor_csif_info csif;

		igt_assert_eq_u32(kernel_query_size(fd,
						    DRM_PANTHOR_DEV_QUERY_CSIF_INFO),
				  sizeof(csif));
		memset(&csif, POISON, sizeof(csif));
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif,
				  sizeof(csif), 0);
		check_csif_info(&csif);
	}

	igt_describe("On a Mali-G610 every GPU_INFO and CSIF_INFO value is the "
		     "one of RK3588 (mali-csf-hw.md Appendix B).");
	igt_subtest("gpu-info-g610") {
		struct drm_panthor_gpu_info gpu = {};
		struct drm_panthor_csif_info csif = {};

		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &gpu,
				  sizeof(gpu), 0);
		igt_require_f(gpu_arch_major(gpu.gpu_id) == 10 &&
			      gpu_product_major(gpu.gpu_id) == 7,
			      "not a Mali-G610 (GPU_ID %#010x)\n", gpu.gpu_id);

		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif,
				  sizeof(csif), 0);
		check_g610(&gpu, &csif, minor);
	}

	igt_describe("DEV_QUERY size rules: the size without a buffer, short, "
		     "minimum, too small and oversized buffers, bad pointers "
		     "and unknown types.");
	igt_subtest("size-negotiation") {
		uint8_t full[256];
		uint32_t gpu_size;
		uint32_t size_after = 0;
		void *no_access;

		gpu_size = kernel_query_size(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO);
		igt_assert_lte_u32(GPU_INFO_SIZE_NO_FEATURES, gpu_size);
		/* gpu_features was in the header by level 1.5. */
		if (minor >= 5)
			igt_assert_lte_u32(sizeof(struct drm_panthor_gpu_info),
					   gpu_size);
		/* Room for the tail checks below. */
		igt_assert_lte_u32(gpu_size + 2 * QUERY_TAIL, sizeof(full));

		/* Reference: a query of exactly the kernel's size. */
		memset(full, POISON, sizeof(full));
		igt_assert_eq(dev_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO,
					full, gpu_size, &size_after), 0);
		igt_assert_eq_u32(size_after, gpu_size);
		assert_bytes(full, gpu_size, sizeof(full), POISON);

		/* Userspace built against the header without gpu_features. */
		check_short_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, full,
				  GPU_INFO_SIZE_NO_FEATURES, gpu_size);
		check_short_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, full,
				  GPU_INFO_MIN_SIZE, gpu_size);
		check_too_small_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO,
				      GPU_INFO_MIN_SIZE - 1);
		check_too_small_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, 0);
		check_long_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, full,
				 gpu_size);

		/* The same rules for CSIF_INFO, whose minimum is its size. */
		memset(full, POISON, sizeof(full));
		igt_assert_eq(dev_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO,
					full, 24, NULL), 0);
		check_too_small_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, 23);
		check_too_small_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, 0);
		check_long_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, full, 24);

		check_reported_sizes(fd, minor);

		/* An unknown type, with and without a buffer. */
		igt_assert_eq(dev_query(fd, 0xdeadbeef, NULL, 0, NULL),
			      -EINVAL);
		memset(full, POISON, sizeof(full));
		igt_assert_eq(dev_query(fd, 0xdeadbeef, full, gpu_size, NULL),
			      -EINVAL);
		assert_bytes(full, 0, sizeof(full), POISON);

		/* A buffer the process cannot write. */
		no_access = mmap(NULL, getpagesize(), PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		igt_assert(no_access != MAP_FAILED);
		igt_assert_eq(dev_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO,
					no_access, gpu_size, NULL), -EFAULT);
		munmap(no_access, getpagesize());
	}

	igt_fixture() {
		drm_close_driver(fd);
	}
}
