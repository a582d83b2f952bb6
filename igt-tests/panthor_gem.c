// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_gem - buffer objects: BO_CREATE, BO_MMAP_OFFSET and CPU mappings,
 * BO_SET_LABEL, BO_QUERY_INFO, BO_SYNC and sharing through dma-bufs.
 *
 * The rules checked here are those of /work/shared/docs/uapi-abi.md §4.14,
 * §4.15, §4.24, §4.26-4.28, §6 item 2, §7.6, §7.7, §7.14, §7.16, §7.17 and §8.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Create, map, label, share and query buffer objects.");

/* The longest label accepted, NUL included (uapi-abi.md §5.5). */
#define LABEL_MAX	4096

static uint64_t page_size(void)
{
	return (uint64_t)sysconf(_SC_PAGESIZE);
}

static uint64_t round_up_to_page(uint64_t size)
{
	return (size + page_size() - 1) & ~(page_size() - 1);
}

/* BO_CREATE; returns the errno (0 on success) and updates *size. */
static int bo_create_err(int fd, uint64_t *size, uint32_t flags, uint32_t vm_id,
			 uint32_t *handle)
{
	struct drm_panthor_bo_create args = {
		.size = *size,
		.flags = flags,
		.exclusive_vm_id = vm_id,
	};

	if (igt_ioctl(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &args))
		return errno;

	*size = args.size;
	*handle = args.handle;
	return 0;
}

static uint32_t bo_create(int fd, uint64_t size, uint32_t flags)
{
	uint32_t handle = 0;

	igt_assert_eq(bo_create_err(fd, &size, flags, 0, &handle), 0);
	igt_assert_neq_u32(handle, 0);
	return handle;
}

static void gem_close(int fd, uint32_t handle)
{
	struct drm_gem_close args = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &args);
}

static uint64_t bo_mmap_offset(int fd, uint32_t handle)
{
	struct drm_panthor_bo_mmap_offset args = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args);
	igt_assert_neq_u64(args.offset, 0);
	return args.offset;
}

static void *bo_map(int fd, uint32_t handle, uint64_t size)
{
	void *ptr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			 bo_mmap_offset(fd, handle));

	igt_assert_f(ptr != MAP_FAILED, "mmap of BO %u: %s\n", handle, strerror(errno));
	return ptr;
}

static uint32_t vm_create(int fd)
{
	struct drm_panthor_vm_create args = {};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_CREATE, &args);
	return args.id;
}

static void vm_destroy(int fd, uint32_t id)
{
	struct drm_panthor_vm_destroy args = { .id = id };

	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_DESTROY, &args);
}

/* A pattern that differs at every 32-bit word and from BO to BO. */
static void fill(uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		p[i] = seed ^ (uint32_t)(i * 2654435761u);
}

static void check_fill(const uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == (seed ^ (uint32_t)(i * 2654435761u)),
			     "word %" PRIu64 " is 0x%08x\n", i, p[i]);
}

static void check_zero(const uint8_t *p, uint64_t size)
{
	for (uint64_t i = 0; i < size; i++)
		igt_assert_f(p[i] == 0, "byte %" PRIu64 " is 0x%02x\n", i, p[i]);
}

static int set_label(int fd, uint32_t handle, const char *label)
{
	struct drm_panthor_bo_set_label args = {
		.handle = handle,
		.label = (uintptr_t)label,
	};

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_BO_SET_LABEL, &args) ? errno : 0;
}

static int query_info(int fd, uint32_t handle, struct drm_panthor_bo_query_info *info)
{
	memset(info, 0xa5, sizeof(*info));
	info->handle = handle;
	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_BO_QUERY_INFO, info) ? errno : 0;
}

static int bo_sync(int fd, const struct drm_panthor_bo_sync_op *ops, uint32_t count,
		   uint32_t stride)
{
	struct drm_panthor_bo_sync args = {
		.ops = { .stride = stride, .count = count, .array = (uintptr_t)ops },
	};

	return igt_ioctl(fd, DRM_IOCTL_PANTHOR_BO_SYNC, &args) ? errno : 0;
}

static int bo_sync_one(int fd, uint32_t handle, uint32_t type, uint64_t offset,
		       uint64_t size)
{
	struct drm_panthor_bo_sync_op op = {
		.handle = handle, .type = type, .offset = offset, .size = size,
	};

	return bo_sync(fd, &op, 1, sizeof(op));
}

static int prime_export(int fd, uint32_t handle, int *dmabuf)
{
	struct drm_prime_handle args = {
		.handle = handle,
		.flags = DRM_CLOEXEC | DRM_RDWR,
		.fd = -1,
	};

	if (igt_ioctl(fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &args))
		return errno;

	*dmabuf = args.fd;
	return 0;
}

static uint32_t prime_import(int fd, int dmabuf)
{
	struct drm_prime_handle args = { .fd = dmabuf };

	do_ioctl(fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &args);
	igt_assert_neq_u32(args.handle, 0);
	return args.handle;
}

/*
 * Features of later uAPI levels, probed rather than read from the version:
 * the driver may implement a level before it reports it, and the stock
 * 6.12 driver (1.0) serves as a referee for the rest.
 */
static bool has_wb_mmap(int fd)
{
	uint64_t size = 4096;
	uint32_t handle = 0;

	if (bo_create_err(fd, &size, DRM_PANTHOR_BO_WB_MMAP, 0, &handle))
		return false;
	gem_close(fd, handle);
	return true;
}

static bool has_ioctl_on_bo(int fd, int (*call)(int fd, uint32_t handle))
{
	uint32_t handle = bo_create(fd, 4096, 0);
	int err = call(fd, handle);

	gem_close(fd, handle);
	/* Ioctls beyond the driver's table fail with EINVAL. */
	return err != EINVAL;
}

static int probe_label(int fd, uint32_t handle)
{
	return set_label(fd, handle, "probe");
}

static int probe_query_info(int fd, uint32_t handle)
{
	struct drm_panthor_bo_query_info info;

	return query_info(fd, handle, &info);
}

static int probe_sync(int fd, uint32_t handle)
{
	return bo_sync_one(fd, handle, DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, 0, 0);
}

int igt_main()
{
	int fd = -1;

	igt_fixture()
		fd = drm_open_driver_render(DRIVER_PANTHOR);

	igt_describe("A BO is created with a non-zero handle and the size asked for.");
	igt_subtest("bo-create") {
		uint64_t size = 16 * page_size();
		uint32_t handle = 0;

		igt_assert_eq(bo_create_err(fd, &size, 0, 0, &handle), 0);
		igt_assert_neq_u32(handle, 0);
		igt_assert_eq_u64(size, 16 * page_size());
		gem_close(fd, handle);
	}

	igt_describe("Sizes are rounded up to the CPU page size and written back.");
	igt_subtest("bo-create-round-size") {
		static const uint64_t sizes[] = { 1, 5000, 4096 + 904, 65535 };

		for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
			uint64_t size = sizes[i];
			uint32_t handle;

			igt_assert_eq(bo_create_err(fd, &size, 0, 0, &handle), 0);
			igt_assert_eq_u64(size, round_up_to_page(sizes[i]));
			gem_close(fd, handle);
		}
	}

	igt_describe("Zero size, a non-zero pad, unknown flags, NO_MMAP with WB_MMAP, "
		     "an unknown exclusive VM and an impossible size are refused.");
	igt_subtest("bo-create-invalid") {
		struct drm_panthor_bo_create args = { .size = 4096, .pad = 1 };
		uint64_t size;
		uint32_t handle;

		size = 0;
		igt_assert_eq(bo_create_err(fd, &size, 0, 0, &handle), EINVAL);
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &args, EINVAL);
		size = 4096;
		igt_assert_eq(bo_create_err(fd, &size, 1u << 2, 0, &handle), EINVAL);
		igt_assert_eq(bo_create_err(fd, &size, 1u << 31, 0, &handle), EINVAL);
		igt_assert_eq(bo_create_err(fd, &size,
					    DRM_PANTHOR_BO_NO_MMAP | DRM_PANTHOR_BO_WB_MMAP,
					    0, &handle), EINVAL);
		igt_assert_eq(bo_create_err(fd, &size, 0, 42, &handle), EINVAL);
		size = UINT64_MAX;
		igt_assert_neq(bo_create_err(fd, &size, 0, 0, &handle), 0);
		size = UINT64_MAX - page_size() + 2;
		igt_assert_neq(bo_create_err(fd, &size, 0, 0, &handle), 0);
	}

	igt_describe("A new BO reads as zeroes, also when it reuses the pages of a "
		     "BO that was written and freed.");
	igt_subtest("bo-zeroed") {
		bool wb = has_wb_mmap(fd);
		uint64_t size = 64 * page_size();
		uint32_t first, second;
		uint32_t *p;

		first = bo_create(fd, size, 0);
		p = bo_map(fd, first, size);
		check_zero((uint8_t *)p, size);
		fill(p, size, 0x5eed);
		munmap(p, size);
		gem_close(fd, first);

		for (unsigned int i = 0; i < 4; i++) {
			second = bo_create(fd, size, i & 1 && wb ? DRM_PANTHOR_BO_WB_MMAP : 0);
			p = bo_map(fd, second, size);
			check_zero((uint8_t *)p, size);
			munmap(p, size);
			gem_close(fd, second);
		}
	}

	igt_describe("What is written through one mapping is read through another, "
		     "and through a new mapping after the first is gone.");
	igt_subtest("bo-mmap-write-read") {
		uint64_t size = 8 * page_size();
		uint32_t handle = bo_create(fd, size, 0);
		uint32_t *a, *b;

		a = bo_map(fd, handle, size);
		b = bo_map(fd, handle, size);
		fill(a, size, 0xc0ffee);
		check_fill(b, size, 0xc0ffee);
		munmap(a, size);
		munmap(b, size);

		a = bo_map(fd, handle, size);
		check_fill(a, size, 0xc0ffee);
		munmap(a, size);
		gem_close(fd, handle);
	}

	igt_describe("A WB_MMAP BO maps cached and keeps its data across mappings.");
	igt_subtest("bo-mmap-wb") {
		uint64_t size = 4 * page_size();
		uint32_t handle;
		uint32_t *p;

		igt_require(has_wb_mmap(fd));
		handle = bo_create(fd, size, DRM_PANTHOR_BO_WB_MMAP);

		p = bo_map(fd, handle, size);
		check_zero((uint8_t *)p, size);
		fill(p, size, 0xfeed);
		munmap(p, size);
		p = bo_map(fd, handle, size);
		check_fill(p, size, 0xfeed);
		munmap(p, size);
		gem_close(fd, handle);
	}

	igt_describe("BO_MMAP_OFFSET: unknown handles give ENOENT, a non-zero pad "
		     "EINVAL; every BO gets its own offset.");
	igt_subtest("bo-mmap-offset") {
		struct drm_panthor_bo_mmap_offset args = {};
		uint32_t a = bo_create(fd, 4096, 0), b = bo_create(fd, 4096, 0);

		args.handle = 0xdeadbeef;
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args, ENOENT);
		args.handle = 0;
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args, ENOENT);
		args.handle = a;
		args.pad = 1;
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args, EINVAL);

		igt_assert_neq_u64(bo_mmap_offset(fd, a), bo_mmap_offset(fd, b));
		/* Asking twice gives the same offset. */
		igt_assert_eq_u64(bo_mmap_offset(fd, a), bo_mmap_offset(fd, a));

		gem_close(fd, a);
		gem_close(fd, b);
	}

	igt_describe("A NO_MMAP BO has no mmap offset (EPERM, uapi-abi.md §7.7; the "
		     "6.12 driver only refuses the mmap itself).");
	igt_subtest("bo-mmap-offset-no-mmap") {
		uint32_t handle = bo_create(fd, 4096, DRM_PANTHOR_BO_NO_MMAP);
		struct drm_panthor_bo_mmap_offset args = { .handle = handle };

		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &args, EPERM);
		gem_close(fd, handle);
	}

	igt_describe("A mapping cannot extend past the end of its BO.");
	igt_subtest("bo-mmap-too-large") {
		uint32_t handle = bo_create(fd, page_size(), 0);
		void *p = mmap(NULL, 2 * page_size(), PROT_READ | PROT_WRITE, MAP_SHARED,
			       fd, bo_mmap_offset(fd, handle));

		igt_assert(p == MAP_FAILED);
		gem_close(fd, handle);
	}

	igt_describe("Labels: set, replace, empty, cleared, 4095 characters; 4096 "
		     "give E2BIG, unreadable strings EFAULT, unknown handles ENOENT "
		     "and a non-zero pad EINVAL.");
	igt_subtest("bo-label") {
		struct drm_panthor_bo_set_label args = {};
		uint32_t handle = bo_create(fd, 4096, 0);
		char *label = malloc(LABEL_MAX + 1);
		char *edge;

		igt_require_f(has_ioctl_on_bo(fd, probe_label), "no BO_SET_LABEL (uAPI 1.4)\n");
		igt_assert(label);
		igt_assert_eq(set_label(fd, handle, "vertex buffer"), 0);
		igt_assert_eq(set_label(fd, handle, "index buffer"), 0);
		igt_assert_eq(set_label(fd, handle, ""), 0);
		igt_assert_eq(set_label(fd, handle, NULL), 0);

		memset(label, 'x', LABEL_MAX);
		label[LABEL_MAX - 1] = '\0';
		igt_assert_eq(set_label(fd, handle, label), 0);
		label[LABEL_MAX - 1] = 'x';
		label[LABEL_MAX] = '\0';
		igt_assert_eq(set_label(fd, handle, label), E2BIG);

		igt_assert_eq(set_label(fd, handle, (const char *)8), EFAULT);

		/* A string running into an unmapped page before its NUL. */
		edge = mmap(NULL, 2 * page_size(), PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		igt_assert(edge != MAP_FAILED);
		munmap(edge + page_size(), page_size());
		memset(edge + page_size() - 16, 'y', 16);
		igt_assert_eq(set_label(fd, handle, edge + page_size() - 16), EFAULT);
		munmap(edge, page_size());

		igt_assert_eq(set_label(fd, 0xdeadbeef, "x"), ENOENT);
		igt_assert_eq(set_label(fd, 0xdeadbeef, NULL), ENOENT);
		args.handle = handle;
		args.pad = 1;
		do_ioctl_err(fd, DRM_IOCTL_PANTHOR_BO_SET_LABEL, &args, EINVAL);

		free(label);
		gem_close(fd, handle);
	}

	igt_describe("BO_QUERY_INFO reports the creation flags, no IS_IMPORTED for "
		     "our own BOs, and writes every output field; unknown handles "
		     "and handle 0 give ENOENT.");
	igt_subtest("bo-query-info") {
		static const uint32_t flags[] = {
			0, DRM_PANTHOR_BO_NO_MMAP, DRM_PANTHOR_BO_WB_MMAP,
		};
		struct drm_panthor_bo_query_info info;

		igt_require_f(has_ioctl_on_bo(fd, probe_query_info), "no BO_QUERY_INFO (uAPI 1.7)\n");
		igt_require(has_wb_mmap(fd));
		for (unsigned int i = 0; i < ARRAY_SIZE(flags); i++) {
			uint32_t handle = bo_create(fd, 4096, flags[i]);

			igt_assert_eq(query_info(fd, handle, &info), 0);
			igt_assert_eq_u32(info.handle, handle);
			igt_assert_eq_u32(info.create_flags, flags[i]);
			igt_assert_eq_u32(info.extra_flags, 0);
			igt_assert_eq_u32(info.pad, 0);
			gem_close(fd, handle);
		}

		igt_assert_eq(query_info(fd, 0xdeadbeef, &info), ENOENT);
		igt_assert_eq(query_info(fd, 0, &info), ENOENT);
	}

	igt_describe("BO_SYNC: empty arrays, flushes of write-combined and cached "
		     "BOs and partial ranges succeed and keep the data; ranges "
		     "outside the BO, unknown types and handles are refused; the "
		     "array stride rules apply.");
	igt_subtest("bo-sync") {
		uint64_t size = 4 * page_size();
		uint32_t wc, wb;
		struct {
			struct drm_panthor_bo_sync_op op;
			uint64_t tail;
		} big = { .op = { .type = 0, .size = 64 } };
		uint32_t *p;

		igt_require_f(has_ioctl_on_bo(fd, probe_sync), "no BO_SYNC (uAPI 1.7)\n");
		igt_require(has_wb_mmap(fd));
		wc = bo_create(fd, size, 0);
		wb = bo_create(fd, size, DRM_PANTHOR_BO_WB_MMAP);
		big.op.handle = wb;

		p = bo_map(fd, wb, size);
		fill(p, size, 0xabcd);

		igt_assert_eq(bo_sync(fd, NULL, 0, 0), 0);
		igt_assert_eq(bo_sync_one(fd, wc, DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, 0, size), 0);
		igt_assert_eq(bo_sync_one(fd, wb, DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, 0, size), 0);
		igt_assert_eq(bo_sync_one(fd, wb,
					  DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH_AND_INVALIDATE,
					  0, size), 0);
		igt_assert_eq(bo_sync_one(fd, wb, DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, 64, 128), 0);
		igt_assert_eq(bo_sync_one(fd, wb, DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH, size, 0), 0);
		/* The cache maintenance does not change what the BO holds. */
		check_fill(p, size, 0xabcd);

		igt_assert_eq(bo_sync_one(fd, wb, 0, size, 1), EINVAL);
		igt_assert_eq(bo_sync_one(fd, wb, 0, 1, size), EINVAL);
		igt_assert_eq(bo_sync_one(fd, wb, 0, UINT64_MAX, 2), EINVAL);
		igt_assert_eq(bo_sync_one(fd, wb, 2, 0, 64), EINVAL);
		igt_assert_eq(bo_sync_one(fd, 0xdeadbeef, 0, 0, 64), ENOENT);

		igt_assert_eq(bo_sync(fd, &big.op, 1, sizeof(big.op) - 8), EINVAL);
		igt_assert_eq(bo_sync(fd, &big.op, 1, sizeof(big)), 0);
		big.tail = 1;
		igt_assert_eq(bo_sync(fd, &big.op, 1, sizeof(big)), E2BIG);

		munmap(p, size);
		gem_close(fd, wc);
		gem_close(fd, wb);
	}

	igt_describe("A BO exported as a dma-buf and imported in another file shares "
		     "its pages both ways and keeps its creation flags; imported "
		     "back in the same file it is the same handle.");
	igt_subtest("bo-dma-buf") {
		uint64_t size = 8 * page_size();
		uint32_t flags = has_wb_mmap(fd) ? DRM_PANTHOR_BO_WB_MMAP : 0;
		uint32_t handle = bo_create(fd, size, flags);
		struct drm_panthor_bo_query_info info;
		uint32_t *mine, *theirs, imported;
		int other = drm_reopen_driver(fd);
		int dmabuf = -1;

		mine = bo_map(fd, handle, size);
		fill(mine, size, 0x1234);

		igt_assert_eq(prime_export(fd, handle, &dmabuf), 0);
		igt_assert_eq_u32(prime_import(fd, dmabuf), handle);

		imported = prime_import(other, dmabuf);
		theirs = bo_map(other, imported, size);
		check_fill(theirs, size, 0x1234);
		fill(theirs, size, 0x4321);
		check_fill(mine, size, 0x4321);

		/* Our own BO coming back is not "imported" (uapi-abi.md §4.28). */
		if (has_ioctl_on_bo(fd, probe_query_info)) {
			igt_assert_eq(query_info(other, imported, &info), 0);
			igt_assert_eq_u32(info.extra_flags, 0);
			igt_assert_eq_u32(info.create_flags, flags);
		}

		/* The pages outlive the exporter's handle. */
		munmap(mine, size);
		gem_close(fd, handle);
		check_fill(theirs, size, 0x4321);

		munmap(theirs, size);
		close(dmabuf);
		drm_close_driver(other);
	}

	igt_describe("A BO private to a VM cannot be exported.");
	igt_subtest("bo-dma-buf-exclusive") {
		uint32_t vm = vm_create(fd);
		uint64_t size = 4096;
		uint32_t handle;
		int dmabuf = -1;

		igt_assert_eq(bo_create_err(fd, &size, 0, vm, &handle), 0);
		igt_assert_neq(prime_export(fd, handle, &dmabuf), 0);
		gem_close(fd, handle);
		vm_destroy(fd, vm);
	}

	igt_describe("A BO private to a VM keeps working after the VM is destroyed.");
	igt_subtest("bo-exclusive-outlives-vm") {
		uint32_t vm = vm_create(fd);
		uint64_t size = 2 * page_size();
		uint32_t handle;
		uint32_t *p;

		igt_assert_eq(bo_create_err(fd, &size, 0, vm, &handle), 0);
		vm_destroy(fd, vm);
		p = bo_map(fd, handle, size);
		fill(p, size, 0x77);
		check_fill(p, size, 0x77);
		munmap(p, size);
		gem_close(fd, handle);
	}

	igt_fixture()
		drm_close_driver(fd);
}
