// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor_probe - the device's life cycle: binding and unbinding, what a
 * probe does with a firmware image it cannot use, runtime suspend and
 * resume, and how the firmware is brought back when it misbehaves.
 *
 * The device is unbound and bound again through the platform driver's
 * sysfs files, which needs root; the firmware search path is redirected
 * through /sys/module/firmware_class/parameters/path to a directory that
 * holds a corrupted copy of the real image; faults are injected through
 * the GPU model's debugfs files (those subtests skip without the model).
 * The facts checked come from mali-csf-hw.md §3 (image format) and §5
 * (boot, halt, resume, recovery), and from the driver's rule that a probe
 * it fails leaves exactly one error line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "igt.h"
#include "igt_panthor.h"
#include "panthor_drm.h"

IGT_TEST_DESCRIPTION("Bind and unbind, firmware images refused at probe, "
		     "runtime PM and firmware recovery.");

#define DRIVER_DIR		"/sys/bus/platform/drivers/panthor"
#define FW_PATH_PARAM		"/sys/module/firmware_class/parameters/path"
#define BAD_FW_DIR		"/tmp/panthor-bad-fw"
#define INJECT_DIR		"/sys/kernel/debug/mali-model"

/* How often the driver pings the firmware, plus the ping's deadline. */
#define PING_PERIOD_S		12

/* Image header and entry facts (mali-csf-hw.md §3.2, §3.3, §3.5). */
#define FW_HEADER_SIZE		20
#define FW_IMAGE_SIZE_OFFSET	16
#define FW_ENTRY_SIZE_SHIFT	8
#define FW_SECTION_FLAGS	4
#define FW_SECTION_VA_START	8
#define FW_SECTION_SHARED	(1u << 30)

/**
 * struct probe_state - What the tests share
 */
struct probe_state {
	/** @dev: name of the GPU's platform device, e.g. "38000000.gpu" */
	char dev[NAME_MAX + 1];
	/** @fw_path: firmware_class.path as the test bed set it */
	char fw_path[PATH_MAX];
	/** @fw_name: image path relative to the search path */
	char fw_name[64];
	/** @image: the good image */
	uint8_t *image;
	/** @image_size: its size */
	size_t image_size;
};

static struct probe_state state;

static bool write_sysfs(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	ssize_t ret;

	if (fd < 0)
		return false;
	ret = write(fd, value, strlen(value));
	close(fd);
	return ret == (ssize_t)strlen(value);
}

static bool read_sysfs(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return false;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		return false;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

static bool device_bound(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), DRIVER_DIR "/%s", state.dev);
	return access(path, F_OK) == 0;
}

/* Find the bound platform device: the driver directory links to it. */
static bool find_device(void)
{
	DIR *dir = opendir(DRIVER_DIR);
	struct dirent *de;
	bool found = false;

	if (!dir)
		return false;
	while ((de = readdir(dir))) {
		if (de->d_type == DT_LNK && strchr(de->d_name, '.') &&
		    strcmp(de->d_name, "module")) {
			snprintf(state.dev, sizeof(state.dev), "%s", de->d_name);
			found = true;
			break;
		}
	}
	closedir(dir);
	return found;
}

/* Is there any render node left? The test bed has a single GPU. */
static bool render_node_present(void)
{
	DIR *dir = opendir("/dev/dri");
	struct dirent *de;
	bool found = false;

	if (!dir)
		return false;
	while ((de = readdir(dir)))
		found |= !strncmp(de->d_name, "renderD", 7);
	closedir(dir);
	return found;
}

static void unbind(void)
{
	igt_assert_f(write_sysfs(DRIVER_DIR "/unbind", state.dev),
		     "cannot unbind %s: %s\n", state.dev, strerror(errno));
	igt_assert(!device_bound());
	igt_assert(!render_node_present());
}

/* Bind; return 0 or the errno of the failed probe. */
static int bind(void)
{
	return write_sysfs(DRIVER_DIR "/bind", state.dev) ? 0 : errno;
}

static void set_fw_path(const char *path)
{
	/* An empty value must still be written as something: a newline. */
	igt_assert_f(write_sysfs(FW_PATH_PARAM, path[0] ? path : "\n"),
		     "cannot set the firmware path: %s\n", strerror(errno));
}

/* Put everything back as the test bed set it up. */
static void restore(void)
{
	if (!state.dev[0])
		return;
	write_sysfs(FW_PATH_PARAM, state.fw_path[0] ? state.fw_path : "\n");
	if (!device_bound())
		bind();
}

static uint8_t *read_file(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !st.st_size) {
		close(fd);
		return NULL;
	}
	buf = malloc(st.st_size);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*size = st.st_size;
	return buf;
}

static void mkdir_p(const char *path)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(tmp, 0755);
		*p = '/';
	}
	mkdir(tmp, 0755);
}

static void write_bad_image(const uint8_t *data, size_t size)
{
	char path[PATH_MAX], dir[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), BAD_FW_DIR "/%s", state.fw_name);
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	mkdir_p(dir);

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	igt_assert_f(fd >= 0, "cannot create %s: %s\n", path, strerror(errno));
	igt_assert_eq(write(fd, data, size), (ssize_t)size);
	close(fd);
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* Offset of the section entry that maps the shared interface, or 0. */
static size_t find_shared_entry(const uint8_t *img, size_t size)
{
	size_t end = get32(img + FW_IMAGE_SIZE_OFFSET);
	size_t off = FW_HEADER_SIZE;

	while (off + 4 <= end && end <= size) {
		uint32_t hdr = get32(img + off);
		uint32_t len = (hdr >> FW_ENTRY_SIZE_SHIFT) & 0xff;

		if (!len)
			break;
		if ((hdr & 0xff) == 0 && len >= 24 &&
		    get32(img + off + FW_SECTION_FLAGS) & FW_SECTION_SHARED)
			return off;
		off += len;
	}
	return 0;
}

/* Ways to break the image; each returns the size of the broken file. */
static size_t corrupt_truncate(uint8_t *img, size_t size)
{
	size_t cut = get32(img + FW_IMAGE_SIZE_OFFSET) - 8;

	/* Cut inside the entries: the header promises more than there is. */
	igt_require(cut > FW_HEADER_SIZE && cut < size);
	return cut;
}

static size_t corrupt_magic(uint8_t *img, size_t size)
{
	img[0] ^= 0xff;
	return size;
}

static size_t corrupt_entry_size(uint8_t *img, size_t size)
{
	/* The first entry's size field becomes 0x1e: not a multiple of 4. */
	img[FW_HEADER_SIZE + 1] = 0x1e;
	return size;
}

static size_t corrupt_shared_flag(uint8_t *img, size_t size)
{
	size_t off = find_shared_entry(img, size);

	igt_require_f(off, "no shared section entry in the image\n");
	put32(img + off + FW_SECTION_FLAGS,
	      get32(img + off + FW_SECTION_FLAGS) & ~FW_SECTION_SHARED);
	return size;
}

static size_t corrupt_unaligned_va(uint8_t *img, size_t size)
{
	size_t off = find_shared_entry(img, size);

	igt_require_f(off, "no shared section entry in the image\n");
	put32(img + off + FW_SECTION_VA_START,
	      get32(img + off + FW_SECTION_VA_START) + 0x100);
	return size;
}

static const struct {
	const char *name;
	size_t (*corrupt)(uint8_t *img, size_t size);
	const char *reason;	/* what the error line must say */
} corruptions[] = {
	{ "truncated", corrupt_truncate, "image size outside the file" },
	{ "bad-magic", corrupt_magic, "bad magic" },
	{ "bad-entry-size", corrupt_entry_size, "entry size not a multiple of 4" },
	{ "no-shared-section", corrupt_shared_flag, "interface section not marked shared" },
	{ "unaligned-section", corrupt_unaligned_va, "section address not page aligned" },
};

/* Boot failures the model can inject (MM_FAULT_BOOT_FAIL modes). */
static const struct {
	const char *name;
	unsigned int mode;
	int err;		/* the failed bind's errno */
	const char *reason;	/* what the error line must say */
} boot_failures[] = {
	{ "fatal", 0, ETIMEDOUT, "did not boot (MCU fatal)" },
	{ "silent", 1, ETIMEDOUT, "did not boot (MCU enabled)" },
	{ "no-version", 2, EINVAL, "wrote no interface version" },
};

/*
 * Read what the kernel logged since @fd was opened at the end of the log:
 * count the error lines the driver printed (the driver core's own "probe
 * failed" line aside) and check the one that names @reason.
 */
static void check_one_error_line(int fd, const char *reason)
{
	char rec[2048];
	int errors = 0, core_lines = 0;
	bool reason_seen = false;
	ssize_t len;

	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0) {
		char *msg = strchr(rec, ';');
		int level = atoi(rec) & 7;

		rec[len] = '\0';
		if (!msg || !strstr(msg, state.dev))
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = '\0';
		igt_debug("kmsg <%d> %s\n", level, msg);
		if (level > 3)
			continue;
		if (strstr(msg, "probe with driver")) {
			core_lines++;
			continue;
		}
		errors++;
		igt_info("error line: %s\n", msg);
		if (strstr(msg, reason) && strstr(msg, "firmware"))
			reason_seen = true;
	}

	igt_assert_eq(core_lines, 1);
	igt_assert_eq(errors, 1);
	igt_assert_f(reason_seen, "the error line does not say \"%s\"\n", reason);
}

/* A kernel built without CONFIG_PM has no power/ attributes. */
static bool has_runtime_pm(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/power/runtime_status",
		 state.dev);
	return access(path, R_OK) == 0;
}

/* The device's runtime PM state, as sysfs names it ("active", ...). */
static void runtime_status(char *buf, size_t size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/power/runtime_status",
		 state.dev);
	igt_assert(read_sysfs(path, buf, size));
}

/* Wait up to a second for the runtime PM state @want. */
static void wait_runtime_status(const char *want)
{
	char status[32] = "";

	for (int i = 0; i < 100; i++) {
		runtime_status(status, sizeof(status));
		if (!strcmp(status, want))
			return;
		usleep(10000);
	}
	igt_assert_f(false, "runtime PM status is \"%s\", not \"%s\"\n", status, want);
}

static void set_runtime_control(const char *value)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/power/control",
		 state.dev);
	igt_assert(write_sysfs(path, value));
}

/* No line of @level or more urgent from the device since @fd was opened. */
static void check_quiet(int fd, int level)
{
	char rec[2048];
	ssize_t len;

	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0) {
		char *msg = strchr(rec, ';');

		rec[len] = '\0';
		if (!msg || !strstr(msg, state.dev))
			continue;
		igt_assert_f((atoi(rec) & 7) > level, "unexpected: %s", msg + 1);
	}
}

static bool can_inject(void)
{
	return access(INJECT_DIR "/inject_mcu_hang", W_OK) == 0;
}

/* Arm one of the model's faults (model/core/mm.h, enum mm_fault_kind). */
static void inject(const char *kind, unsigned long long arg)
{
	char path[PATH_MAX], value[32];

	snprintf(path, sizeof(path), INJECT_DIR "/inject_%s", kind);
	snprintf(value, sizeof(value), "%llu", arg);
	igt_assert_f(write_sysfs(path, value), "cannot inject %s: %s\n", kind,
		     strerror(errno));
}

static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	igt_assert(fd >= 0);
	lseek(fd, 0, SEEK_END);
	return fd;
}

/*
 * Wait up to @seconds for a kernel log line that contains both @who and
 * @what; lines read on the way are consumed.
 */
static bool kmsg_wait_for(int fd, const char *who, const char *what,
			  int seconds)
{
	char rec[2048];

	for (int i = 0; i < seconds * 100; i++) {
		ssize_t len;

		while ((len = read(fd, rec, sizeof(rec) - 1)) > 0) {
			rec[len] = '\0';
			if (strstr(rec, who) && strstr(rec, what))
				return true;
		}
		usleep(10000);
	}
	return false;
}

/*
 * Count the device's log lines by level (0 emergency ... 7 debug) since the
 * last read of @fd.
 */
static void kmsg_levels(int fd, int counts[8])
{
	char rec[2048];
	ssize_t len;

	memset(counts, 0, 8 * sizeof(*counts));
	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0) {
		char *msg = strchr(rec, ';');
		int level = atoi(rec) & 7;

		rec[len] = '\0';
		if (msg && strstr(msg, state.dev)) {
			igt_info("<%d> %s", level, msg + 1);
			counts[level]++;
		}
	}
}

static void check_csif(void)
{
	struct drm_panthor_csif_info csif = {};
	int fd = drm_open_driver_render(DRIVER_PANTHOR);

	igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif,
			  sizeof(csif), 0);
	igt_assert_neq_u32(csif.csg_slot_count, 0);
	drm_close_driver(fd);
}

static void bad_image_subtest(unsigned int i)
{
	uint8_t *img = malloc(state.image_size);
	size_t size;
	int kmsg;

	igt_assert(img);
	memcpy(img, state.image, state.image_size);
	size = corruptions[i].corrupt(img, state.image_size);
	write_bad_image(img, size);
	free(img);

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	igt_assert(kmsg >= 0);
	lseek(kmsg, 0, SEEK_END);

	unbind();
	set_fw_path(BAD_FW_DIR);
	/* The probe fails with the parser's -EINVAL, and leaves no node. */
	igt_assert_eq(bind(), EINVAL);
	igt_assert(!device_bound());
	igt_assert(!render_node_present());
	check_one_error_line(kmsg, corruptions[i].reason);
	close(kmsg);

	/* The good image binds again. */
	set_fw_path(state.fw_path);
	igt_assert_eq(bind(), 0);
	check_csif();
}

int igt_main()
{
	igt_fixture() {
		struct drm_panthor_gpu_info gpu = {};
		char path[PATH_MAX + 64];
		int fd;

		igt_require_f(getuid() == 0, "needs root to bind and unbind\n");
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_GPU_INFO, &gpu,
				  sizeof(gpu), 0);
		drm_close_driver(fd);

		igt_require_f(find_device(), "no device bound to panthor\n");
		igt_require(read_sysfs(FW_PATH_PARAM, state.fw_path,
				       sizeof(state.fw_path)));
		snprintf(state.fw_name, sizeof(state.fw_name),
			 "arm/mali/arch%u.%u/mali_csffw.bin",
			 gpu.gpu_id >> 28, (gpu.gpu_id >> 24) & 0xf);
		snprintf(path, sizeof(path), "%s/%s",
			 state.fw_path[0] ? state.fw_path : "/lib/firmware",
			 state.fw_name);
		state.image = read_file(path, &state.image_size);
		igt_info("device %s, firmware %s (%zu bytes)\n", state.dev,
			 path, state.image_size);
	}

	igt_describe("Unbinding removes the device nodes and binding brings "
		     "them back with the firmware running.");
	igt_subtest("unbind-rebind") {
		restore();
		unbind();
		igt_assert_eq(bind(), 0);
		igt_assert(device_bound());
		check_csif();
	}

	igt_describe("A client that holds its file open across an unbind gets "
		     "-ENODEV, and the device works again after a rebind.");
	igt_subtest("unbind-with-open-file") {
		struct drm_panthor_csif_info csif = {};
		int fd;

		restore();
		fd = drm_open_driver_render(DRIVER_PANTHOR);
		unbind();
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif,
				  sizeof(csif), ENODEV);
		igt_assert_eq(bind(), 0);
		/* The old file stays dead; a new one works. */
		igt_panthor_query(fd, DRM_PANTHOR_DEV_QUERY_CSIF_INFO, &csif,
				  sizeof(csif), ENODEV);
		drm_close_driver(fd);
		check_csif();
	}

	igt_describe("The idle GPU suspends (its firmware halted) and resumes "
		     "(its firmware restarted) without a warning, several times.");
	igt_subtest("runtime-suspend-resume") {
		int kmsg;

		igt_require_f(has_runtime_pm(), "runtime PM is not built in\n");
		restore();
		kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
		igt_assert(kmsg >= 0);
		lseek(kmsg, 0, SEEK_END);

		for (int i = 0; i < 3; i++) {
			set_runtime_control("auto");
			wait_runtime_status("suspended");
			set_runtime_control("on");
			wait_runtime_status("active");
		}
		set_runtime_control("auto");
		check_quiet(kmsg, 4);
		close(kmsg);
		check_csif();
	}

	igt_describe("A firmware that stopped answering does not halt: the GPU "
		     "still suspends, with one warning, and resumes by "
		     "reloading the image; the next cycle is clean again.");
	igt_subtest("resume-after-failed-halt") {
		int levels[8];
		int kmsg;

		igt_require(can_inject());
		igt_require_f(has_runtime_pm(), "runtime PM is not built in\n");
		restore();
		set_runtime_control("on");
		wait_runtime_status("active");
		kmsg = kmsg_open();

		inject("mcu_hang", 0);
		set_runtime_control("auto");
		wait_runtime_status("suspended");
		kmsg_levels(kmsg, levels);
		igt_assert_eq(levels[3], 0);
		igt_assert_eq(levels[4], 1);

		set_runtime_control("on");
		wait_runtime_status("active");
		set_runtime_control("auto");
		wait_runtime_status("suspended");
		set_runtime_control("on");
		wait_runtime_status("active");
		set_runtime_control("auto");
		kmsg_levels(kmsg, levels);
		igt_assert_eq(levels[3] + levels[4], 0);
		close(kmsg);
		check_csif();
	}

	igt_describe("When the interrupt that says the firmware restarted is "
		     "lost, the fast resume gives up and the image is reloaded.");
	igt_subtest("resume-with-lost-interrupt") {
		int levels[8];
		int kmsg;

		igt_require(can_inject());
		igt_require_f(has_runtime_pm(), "runtime PM is not built in\n");
		restore();
		set_runtime_control("auto");
		wait_runtime_status("suspended");
		kmsg = kmsg_open();

		inject("irq_drop", 1);
		set_runtime_control("on");
		wait_runtime_status("active");
		/* "did not boot", then "reloading the image". */
		kmsg_levels(kmsg, levels);
		igt_assert_eq(levels[3], 1);
		igt_assert_eq(levels[4], 1);
		set_runtime_control("auto");
		close(kmsg);
		check_csif();
	}

	igt_describe("A firmware that stops answering pings gets the GPU reset "
		     "and the firmware rebooted from its image.");
	igt_subtest("ping-timeout-reset") {
		int levels[8];
		bool rpm;
		int kmsg;

		igt_require(can_inject());
		restore();
		rpm = has_runtime_pm();
		if (rpm) {
			set_runtime_control("on");
			wait_runtime_status("active");
		}
		kmsg = kmsg_open();

		inject("mcu_hang", 0);
		igt_assert_f(kmsg_wait_for(kmsg, state.dev, "does not answer pings",
					   PING_PERIOD_S + 3),
			     "the watchdog did not notice\n");
		igt_assert_f(kmsg_wait_for(kmsg, "mali-model", "firmware booted (cold)", 2),
			     "the firmware was not rebooted\n");
		/* Still in service: it halts and comes back. */
		if (rpm) {
			set_runtime_control("auto");
			wait_runtime_status("suspended");
			set_runtime_control("on");
			wait_runtime_status("active");
			set_runtime_control("auto");
		}
		kmsg_levels(kmsg, levels);
		igt_assert_eq(levels[3], 0);
		close(kmsg);
		check_csif();
	}

	for (unsigned int i = 0; i < ARRAY_SIZE(boot_failures); i++) {
		igt_describe("A firmware that does not boot fails the probe with "
			     "one error line; the next probe works.");
		igt_subtest_f("boot-failure-%s", boot_failures[i].name) {
			int kmsg;

			igt_require(can_inject());
			restore();
			kmsg = kmsg_open();
			unbind();
			/* Armed after the unbind, which boots the firmware too. */
			inject("boot_fail", boot_failures[i].mode);
			igt_assert_eq(bind(), boot_failures[i].err);
			igt_assert(!device_bound());
			check_one_error_line(kmsg, boot_failures[i].reason);
			close(kmsg);
			igt_assert_eq(bind(), 0);
			check_csif();
		}
	}

	for (unsigned int i = 0; i < ARRAY_SIZE(corruptions); i++) {
		igt_describe("A corrupted firmware image fails the probe cleanly, "
			     "with exactly one error line naming the problem.");
		igt_subtest_f("bad-firmware-%s", corruptions[i].name) {
			igt_require_f(state.image, "cannot read the firmware image\n");
			restore();
			bad_image_subtest(i);
		}
	}

	igt_describe("Without any firmware image the probe fails with -ENOENT "
		     "and one error line.");
	igt_subtest("missing-firmware") {
		int kmsg;

		igt_require_f(access("/lib/firmware/arm/mali", F_OK) != 0,
			      "the system has its own Mali firmware\n");
		restore();
		kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
		igt_assert(kmsg >= 0);
		lseek(kmsg, 0, SEEK_END);
		unbind();
		set_fw_path("/nonexistent");
		igt_assert_eq(bind(), ENOENT);
		check_one_error_line(kmsg, "cannot load firmware");
		close(kmsg);
		set_fw_path(state.fw_path);
		igt_assert_eq(bind(), 0);
	}

	igt_fixture() {
		restore();
		free(state.image);
	}
}
