// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_pm - runtime power management as userspace sees it: the GPU
 * suspends itself when idle and comes back on demand, and the LATEST_FLUSH
 * page userspace maps follows the power state (the register page while the
 * GPU is powered, a page reading 1 while it is suspended).
 *
 * Facts: uapi-abi.md §5.10 and §8 (user MMIO window), mali-csf-hw.md §1.14.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "igt.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Runtime power management and the LATEST_FLUSH page.");

#define FLUSH_ID_OFFSET		DRM_PANTHOR_USER_MMIO_OFFSET_64BIT
#define DUMMY_FLUSH_ID		1
#define SUSPEND_TIMEOUT_MS	2000
#define DATA_VA			0x100000ull
#define CODE_VA			0x200000ull
#define MAGIC			0x600dcafe

/* ---- The device's runtime-PM attributes in sysfs ---- */

static void power_path(int fd, const char *attr, char *buf, size_t len)
{
	struct stat st;

	igt_assert_eq(fstat(fd, &st), 0);
	snprintf(buf, len, "/sys/dev/char/%u:%u/device/power/%s",
		 major(st.st_rdev), minor(st.st_rdev), attr);
}

static void power_read(int fd, const char *attr, char *val, size_t len)
{
	char path[128];
	ssize_t n;
	int sfd;

	power_path(fd, attr, path, sizeof(path));
	sfd = open(path, O_RDONLY);
	igt_require_f(sfd >= 0, "no runtime PM attribute %s\n", path);
	n = read(sfd, val, len - 1);
	close(sfd);
	igt_assert_lt(0, (int)n);
	val[n] = 0;
	val[strcspn(val, "\n")] = 0;
}

static void power_control(int fd, const char *mode)
{
	char path[128];
	int sfd;

	power_path(fd, "control", path, sizeof(path));
	sfd = open(path, O_WRONLY);
	igt_require_f(sfd >= 0, "cannot control runtime PM (%s)\n", path);
	igt_assert_eq((int)write(sfd, mode, strlen(mode)), (int)strlen(mode));
	close(sfd);
}

/* A kernel built without CONFIG_PM has no power/ attributes to read. */
static bool has_runtime_pm(int fd)
{
	char path[128];

	power_path(fd, "runtime_status", path, sizeof(path));
	return access(path, R_OK) == 0;
}

static bool wait_status(int fd, const char *want, int timeout_ms)
{
	char status[32];
	int waited;

	for (waited = 0; waited <= timeout_ms; waited += 10) {
		power_read(fd, "runtime_status", status, sizeof(status));
		if (!strcmp(status, want))
			return true;
		usleep(10000);
	}
	igt_info("runtime status is still '%s', not '%s'\n", status, want);
	return false;
}

/* ---- The LATEST_FLUSH page ---- */

static volatile uint32_t *map_flush_id(int fd)
{
	void *page = mmap(NULL, getpagesize(), PROT_READ, MAP_SHARED, fd,
			  FLUSH_ID_OFFSET);

	igt_assert(page != MAP_FAILED);
	return page;
}

static void unmap_flush_id(volatile uint32_t *page)
{
	munmap((void *)page, getpagesize());
}

/* ---- Just enough of the uAPI to run one job ---- */

struct job_ctx {
	uint32_t vm_id;
	uint32_t data_bo, code_bo;
	uint32_t *data, *code;
	uint32_t group;
	uint32_t syncobj;
};

static uint32_t bo_new(int fd, uint32_t vm_id, uint64_t va, uint32_t **cpu)
{
	struct drm_panthor_bo_create create = { .size = 4096 };
	struct drm_panthor_bo_mmap_offset off = {};
	struct drm_panthor_vm_bind_op op = {};
	struct drm_panthor_vm_bind bind = { .vm_id = vm_id };
	void *ptr;

	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_CREATE, &create);
	off.handle = create.handle;
	do_ioctl(fd, DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET, &off);
	ptr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   off.offset);
	igt_assert(ptr != MAP_FAILED);
	*cpu = ptr;

	op.flags = DRM_PANTHOR_VM_BIND_OP_TYPE_MAP;
	op.bo_handle = create.handle;
	op.va = va;
	op.size = 4096;
	bind.ops = (struct drm_panthor_obj_array)DRM_PANTHOR_OBJ_ARRAY(1, &op);
	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_BIND, &bind);
	return create.handle;
}

static void job_setup(int fd, struct job_ctx *ctx)
{
	struct drm_panthor_gpu_info gpu = {};
	struct drm_panthor_dev_query query = {
		.type = DRM_PANTHOR_DEV_QUERY_GPU_INFO,
		.size = sizeof(gpu),
		.pointer = (uintptr_t)&gpu,
	};
	struct drm_panthor_vm_create vm = {};
	struct drm_panthor_queue_create queue = {
		.ringbuf_size = 4096,
	};
	struct drm_panthor_group_create group = {};
	struct drm_syncobj_create sync = {};

	do_ioctl(fd, DRM_IOCTL_PANTHOR_DEV_QUERY, &query);
	do_ioctl(fd, DRM_IOCTL_PANTHOR_VM_CREATE, &vm);
	ctx->vm_id = vm.id;
	ctx->data_bo = bo_new(fd, vm.id, DATA_VA, &ctx->data);
	ctx->code_bo = bo_new(fd, vm.id, CODE_VA, &ctx->code);

	group.queues = (struct drm_panthor_obj_array)
		DRM_PANTHOR_OBJ_ARRAY(1, &queue);
	group.max_compute_cores = __builtin_popcountll(gpu.shader_present);
	group.max_fragment_cores = group.max_compute_cores;
	group.max_tiler_cores = 1;
	group.priority = PANTHOR_GROUP_PRIORITY_MEDIUM;
	group.compute_core_mask = gpu.shader_present;
	group.fragment_core_mask = gpu.shader_present;
	group.tiler_core_mask = gpu.tiler_present;
	group.vm_id = vm.id;
	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_CREATE, &group);
	ctx->group = group.group_handle;

	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_CREATE, &sync);
	ctx->syncobj = sync.handle;
}

/*
 * Write MAGIC at DATA_VA (cs-isa.md encodings): MOVE48 r0:r1 <- DATA_VA,
 * MOVE32 r2 <- MAGIC, STORE_MULTIPLE r2 -> [r0:r1], WAIT on every SB.
 */
static uint32_t write_magic_stream(uint32_t *code)
{
	const uint64_t words[] = {
		(1ull << 56) | (0ull << 48) | DATA_VA,
		(2ull << 56) | (2ull << 48) | MAGIC,
		(21ull << 56) | (2ull << 48) | (0ull << 40) | (1ull << 16),
		(3ull << 56) | (0xffull << 16),
	};

	memcpy(code, words, sizeof(words));
	return sizeof(words);
}

/* Run the stream; latest_flush 0 makes the kernel flush before it. */
static void job_run(int fd, struct job_ctx *ctx)
{
	struct drm_panthor_sync_op signal = {
		.flags = DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ |
			 DRM_PANTHOR_SYNC_OP_SIGNAL,
		.handle = ctx->syncobj,
	};
	struct drm_panthor_queue_submit qsubmit = {
		.stream_addr = CODE_VA,
		.latest_flush = 0,
	};
	struct drm_panthor_group_submit submit = {
		.group_handle = ctx->group,
	};
	struct drm_syncobj_wait wait = {
		.handles = (uintptr_t)&ctx->syncobj,
		.count_handles = 1,
	};
	struct timespec now;

	ctx->data[0] = 0;
	qsubmit.stream_size = write_magic_stream(ctx->code);
	qsubmit.syncs = (struct drm_panthor_obj_array)
		DRM_PANTHOR_OBJ_ARRAY(1, &signal);
	submit.queue_submits = (struct drm_panthor_obj_array)
		DRM_PANTHOR_OBJ_ARRAY(1, &qsubmit);
	do_ioctl(fd, DRM_IOCTL_PANTHOR_GROUP_SUBMIT, &submit);

	clock_gettime(CLOCK_MONOTONIC, &now);
	wait.timeout_nsec = (now.tv_sec + 10) * 1000000000ll + now.tv_nsec;
	do_ioctl(fd, DRM_IOCTL_SYNCOBJ_WAIT, &wait);
	igt_assert_eq_u32(ctx->data[0], MAGIC);
}

int igt_main()
{
	bool rpm = false;
	int fd = -1;

	igt_fixture() {
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		rpm = has_runtime_pm(fd);
		if (rpm)
			power_control(fd, "auto");
	}

	igt_describe("An idle GPU suspends itself.");
	igt_subtest("autosuspend") {
		igt_require_f(rpm, "runtime PM is not built in\n");
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
	}

	igt_describe("A suspended GPU resumes when asked to and suspends "
		     "again when let go.");
	igt_subtest("resume-on-demand") {
		igt_require_f(rpm, "runtime PM is not built in\n");
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
		power_control(fd, "on");
		igt_assert(wait_status(fd, "active", 100));
		power_control(fd, "auto");
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
	}

	igt_describe("A job resumes a suspended GPU, runs, and the GPU "
		     "suspends again once it is idle.");
	igt_subtest("resume-on-job") {
		struct job_ctx ctx = {};

		igt_require_f(rpm, "runtime PM is not built in\n");
		job_setup(fd, &ctx);
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
		job_run(fd, &ctx);
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
	}

	igt_describe("While the GPU is suspended, the LATEST_FLUSH page reads "
		     "1 (no flush needed), not 0.");
	igt_subtest("flush-id-dummy-while-suspended") {
		volatile uint32_t *page;

		igt_require_f(rpm, "runtime PM is not built in\n");
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
		page = map_flush_id(fd);
		igt_assert_eq_u32(page[0], DUMMY_FLUSH_ID);
		unmap_flush_id(page);
	}

	igt_describe("While the GPU is powered, the page is the LATEST_FLUSH "
		     "register: a flush advances it. One mapping follows the GPU "
		     "through suspend and resume.");
	igt_subtest("flush-id-follows-power") {
		struct job_ctx ctx = {};
		volatile uint32_t *page;
		uint32_t before, after;

		igt_require_f(rpm, "runtime PM is not built in\n");
		job_setup(fd, &ctx);
		page = map_flush_id(fd);
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
		igt_assert_eq_u32(page[0], DUMMY_FLUSH_ID);

		power_control(fd, "on");
		igt_assert(wait_status(fd, "active", 100));
		before = page[0];
		job_run(fd, &ctx);
		after = page[0];
		igt_info("flush id %u before the job, %u after\n", before, after);
		igt_assert_f((int32_t)(after - before) > 0,
			     "the flush id did not advance across a flush");

		power_control(fd, "auto");
		igt_assert(wait_status(fd, "suspended", SUSPEND_TIMEOUT_MS));
		igt_assert_eq_u32(page[0], DUMMY_FLUSH_ID);
		unmap_flush_id(page);
	}

	igt_describe("The page can only be mapped as one shared read-only page "
		     "at the start of the window, and never made writable.");
	igt_subtest("flush-id-mapping-rules") {
		long pg = getpagesize();
		volatile uint32_t *page;
		void *p;

		p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			 FLUSH_ID_OFFSET);
		igt_assert(p == MAP_FAILED && errno == EINVAL);
		p = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, FLUSH_ID_OFFSET);
		igt_assert(p == MAP_FAILED && errno == EINVAL);
		p = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd,
			 FLUSH_ID_OFFSET);
		igt_assert(p == MAP_FAILED && errno == EINVAL);
		p = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd,
			 FLUSH_ID_OFFSET + pg);
		igt_assert(p == MAP_FAILED && errno == EINVAL);

		page = map_flush_id(fd);
		igt_assert_neq(mprotect((void *)page, pg, PROT_READ | PROT_WRITE),
			       0);
		unmap_flush_id(page);
	}

	igt_fixture() {
		if (rpm)
			power_control(fd, "auto");
		drm_close_driver(fd);
	}
}
