// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * igt.c - our implementation of the IGT test API subset declared in igt.h.
 *
 * One test program runs its subtests in order in a single process. The
 * harness keeps a small state machine: outside of any block, inside a fixture,
 * or inside a subtest. Every way out of a block (end of body, failed check,
 * skip) goes through one function that prints the result and, for subtests,
 * jumps back to the block's sigsetjmp() so that the code after the block runs
 * next.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>

#include <drm.h>

#include "igt.h"

sigjmp_buf igt_block_env_;

/* Optional program description, see IGT_TEST_DESCRIPTION(). */
extern const char *igt_test_description_ __attribute__((weak));

enum igt_block {
	IGT_BLOCK_NONE,
	IGT_BLOCK_FIXTURE,
	IGT_BLOCK_SUBTEST,
};

/* What happens to subtests that follow a fixture that did not complete. */
enum igt_verdict {
	IGT_VERDICT_RUN,
	IGT_VERDICT_SKIP,
	IGT_VERDICT_FAIL,
};

static struct {
	const char *program;		/* basename of argv[0] */
	bool list_only;			/* --list-subtests */
	bool describe;			/* --describe */
	const char *describe_pattern;	/* --describe=PATTERN, or NULL */
	const char *run_pattern;	/* --run-subtest PATTERN, or NULL */
	bool debug;			/* --debug or IGT_LOG_LEVEL=debug */

	enum igt_block block;
	enum igt_verdict later;		/* set by a fixture that failed/skipped */
	const char *description;	/* from igt_describe(), for the next subtest */

	char subtest[256];		/* name of the running subtest */
	struct timespec started;

	unsigned int matched;		/* subtests selected by the pattern */
	unsigned int passed;
	unsigned int failed;
	unsigned int skipped;
	unsigned int fixture_failures;
} igt;

static double igt_elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - igt.started.tv_sec) +
	       (double)(now.tv_nsec - igt.started.tv_nsec) / 1e9;
}

/* ---- crash reporting ---- */

static const int igt_crash_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
};

/*
 * A crash inside a subtest is reported as that subtest's result before the
 * process dies with the original signal, so that a runner sees both the
 * subtest that crashed and the signal.
 */
static void igt_crash_handler(int sig)
{
	if (igt.block == IGT_BLOCK_SUBTEST) {
		fprintf(stderr, "Received signal SIG%s.\n", sigabbrev_np(sig));
		printf("Subtest %s: CRASH (%.3fs)\n", igt.subtest,
		       igt_elapsed());
		fflush(stdout);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void igt_install_crash_handlers(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(igt_crash_signals); i++)
		signal(igt_crash_signals[i], igt_crash_handler);
}

/* ---- command line ---- */

static void igt_usage(FILE *out)
{
	fprintf(out, "Usage: %s [OPTIONS]\n", igt.program);
	if (&igt_test_description_ && igt_test_description_)
		fprintf(out, "%s\n", igt_test_description_);
	fprintf(out,
		"  --list-subtests           print the subtest names and exit\n"
		"  --run-subtest PATTERN     run only the matching subtests\n"
		"                            (comma-separated, '*' and '?')\n"
		"  --describe[=PATTERN]      print subtest descriptions\n"
		"  --debug                   print debug messages\n"
		"  --help                    this text\n");
}

void igt_init_(int argc, char **argv)
{
	enum { OPT_LIST = 1, OPT_RUN, OPT_DESCRIBE, OPT_DEBUG, OPT_HELP };
	static const struct option options[] = {
		{ "list-subtests", no_argument, NULL, OPT_LIST },
		{ "run-subtest", required_argument, NULL, OPT_RUN },
		{ "describe", optional_argument, NULL, OPT_DESCRIBE },
		{ "debug", optional_argument, NULL, OPT_DEBUG },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *level = getenv("IGT_LOG_LEVEL");
	const char *slash;
	int opt;

	/* Keep stdout and stderr in order when both go to one file. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	slash = strrchr(argv[0], '/');
	igt.program = slash ? slash + 1 : argv[0];
	igt.debug = level && !strcmp(level, "debug");

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_LIST:
			igt.list_only = true;
			break;
		case OPT_RUN:
			igt.run_pattern = optarg;
			break;
		case OPT_DESCRIBE:
			igt.describe = true;
			igt.list_only = true;
			igt.describe_pattern = optarg;
			break;
		case OPT_DEBUG:
			igt.debug = true;
			break;
		case OPT_HELP:
		case 'h':
			igt_usage(stdout);
			exit(IGT_EXIT_SUCCESS);
		default:
			igt_usage(stderr);
			exit(IGT_EXIT_INVALID);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", igt.program,
			argv[optind]);
		igt_usage(stderr);
		exit(IGT_EXIT_INVALID);
	}

	igt_install_crash_handlers();
}

/* True if @name matches one of the comma-separated shell patterns. */
static bool igt_name_matches(const char *patterns, const char *name)
{
	char buf[512];
	char *save = NULL;
	char *pat;

	if (!patterns)
		return true;

	snprintf(buf, sizeof(buf), "%s", patterns);
	for (pat = strtok_r(buf, ",", &save); pat;
	     pat = strtok_r(NULL, ",", &save)) {
		if (!fnmatch(pat, name, 0))
			return true;
	}
	return false;
}

int igt_finish_(void)
{
	if (igt.list_only)
		return IGT_EXIT_SUCCESS;

	if (igt.run_pattern && !igt.matched) {
		fprintf(stderr, "%s: unknown subtest: %s\n", igt.program,
			igt.run_pattern);
		return IGT_EXIT_INVALID;
	}

	if (igt.failed || igt.fixture_failures)
		return IGT_EXIT_FAILURE;
	if (igt.passed)
		return IGT_EXIT_SUCCESS;
	return IGT_EXIT_SKIP;
}

/* ---- blocks ---- */

static void igt_misuse(const char *what)
{
	fprintf(stderr, "%s: invalid test structure: %s\n", igt.program, what);
	exit(IGT_EXIT_INVALID);
}

bool igt_fixture_enter_(void)
{
	if (igt.block != IGT_BLOCK_NONE)
		igt_misuse("fixture inside a fixture or subtest");
	if (igt.list_only || igt.later != IGT_VERDICT_RUN)
		return false;

	igt.block = IGT_BLOCK_FIXTURE;
	return true;
}

void igt_fixture_leave_(void)
{
	igt.block = IGT_BLOCK_NONE;
}

static bool igt_valid_subtest_name(const char *name)
{
	if (!*name)
		return false;
	for (const char *c = name; *c; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
			return false;
	}
	return true;
}

/* Print and count the result of the running subtest, then leave it. */
static void igt_subtest_result(const char *result)
{
	printf("Subtest %s: %s (%.3fs)\n", igt.subtest, result,
	       igt_elapsed());
	fflush(stdout);
	igt.block = IGT_BLOCK_NONE;
}

/* Report a subtest that is never entered because of an earlier fixture. */
static void igt_subtest_not_run(const char *name)
{
	snprintf(igt.subtest, sizeof(igt.subtest), "%s", name);
	clock_gettime(CLOCK_MONOTONIC, &igt.started);
	printf("Starting subtest: %s\n", name);
	if (igt.later == IGT_VERDICT_SKIP) {
		igt.skipped++;
		igt_subtest_result("SKIP");
	} else {
		igt.failed++;
		igt_subtest_result("FAIL");
	}
}

bool igt_subtest_enter_(const char *name)
{
	const char *description = igt.description;

	igt.description = NULL;
	if (!igt_valid_subtest_name(name)) {
		fprintf(stderr, "%s: invalid subtest name '%s'\n", igt.program,
			name);
		exit(IGT_EXIT_INVALID);
	}
	if (igt.block != IGT_BLOCK_NONE)
		igt_misuse("subtest inside a fixture or subtest");

	if (igt.list_only) {
		if (!igt.describe)
			printf("%s\n", name);
		else if (igt_name_matches(igt.describe_pattern, name))
			printf("SUB %s:\n  %s\n\n", name,
			       description ? description : "NO DOCUMENTATION!");
		return false;
	}
	if (!igt_name_matches(igt.run_pattern, name))
		return false;

	igt.matched++;
	if (igt.later != IGT_VERDICT_RUN) {
		igt_subtest_not_run(name);
		return false;
	}

	snprintf(igt.subtest, sizeof(igt.subtest), "%s", name);
	printf("Starting subtest: %s\n", name);
	fflush(stdout);
	igt.block = IGT_BLOCK_SUBTEST;
	clock_gettime(CLOCK_MONOTONIC, &igt.started);
	return true;
}

void igt_subtest_leave_(void)
{
	igt_success();
}

void igt_describe_set_(const char *description)
{
	igt.description = description;
}

const char *igt_subtest_name(void)
{
	return igt.block == IGT_BLOCK_SUBTEST ? igt.subtest : NULL;
}

bool igt_only_list_subtests(void)
{
	return igt.list_only;
}

/* ---- results ---- */

void igt_success(void)
{
	if (igt.block != IGT_BLOCK_SUBTEST)
		igt_misuse("igt_success() outside of a subtest");

	igt.passed++;
	igt_subtest_result("SUCCESS");
	siglongjmp(igt_block_env_, 1);
}

/*
 * Common exit for every failure: fail the subtest, or make a fixture fail
 * everything after it, or, outside of any block, end the program.
 */
__attribute__((noreturn)) static void igt_leave_failed(int exitcode)
{
	switch (igt.block) {
	case IGT_BLOCK_SUBTEST:
		igt.failed++;
		igt_subtest_result("FAIL");
		siglongjmp(igt_block_env_, 1);
	case IGT_BLOCK_FIXTURE:
		igt.fixture_failures++;
		igt.later = IGT_VERDICT_FAIL;
		igt.block = IGT_BLOCK_NONE;
		siglongjmp(igt_block_env_, 1);
	case IGT_BLOCK_NONE:
		break;
	}
	fflush(stdout);
	exit(exitcode);
}

/* Common exit for every skip, with the same three cases as a failure. */
__attribute__((noreturn)) static void igt_leave_skipped(void)
{
	switch (igt.block) {
	case IGT_BLOCK_SUBTEST:
		igt.skipped++;
		igt_subtest_result("SKIP");
		siglongjmp(igt_block_env_, 1);
	case IGT_BLOCK_FIXTURE:
		/* A failed fixture earlier wins over a skip. */
		if (igt.later == IGT_VERDICT_RUN)
			igt.later = IGT_VERDICT_SKIP;
		igt.block = IGT_BLOCK_NONE;
		siglongjmp(igt_block_env_, 1);
	case IGT_BLOCK_NONE:
		break;
	}
	fflush(stdout);
	exit(igt.failed || igt.fixture_failures ? IGT_EXIT_FAILURE :
	     igt.passed ? IGT_EXIT_SUCCESS : IGT_EXIT_SKIP);
}

void igt_fail(int exitcode)
{
	igt_leave_failed(exitcode);
}

static void igt_vreport(FILE *out, const char *fmt, va_list ap)
{
	fflush(stdout);
	vfprintf(out, fmt, ap);
	if (*fmt && fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', out);
}

void igt_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	igt_vreport(stdout, fmt, ap);
	va_end(ap);
	igt_leave_skipped();
}

static void igt_print_check(const char *file, int line, const char *func,
			    const char *expr)
{
	fflush(stdout);
	fprintf(stderr, "(%s:%d) FAIL: %s:%d in %s(): check failed: %s\n",
		igt.program, (int)getpid(), file, line, func, expr);
}

void igt_check_failed_(const char *file, int line, const char *func,
		       const char *expr)
{
	igt_print_check(file, line, func, expr);
	igt_leave_failed(IGT_EXIT_FAILURE);
}

void igt_check_failed_f_(const char *file, int line, const char *func,
			 const char *expr, const char *fmt, ...)
{
	va_list ap;

	igt_print_check(file, line, func, expr);
	va_start(ap, fmt);
	igt_vreport(stderr, fmt, ap);
	va_end(ap);
	igt_leave_failed(IGT_EXIT_FAILURE);
}

/*
 * An ioctl did not do what do_ioctl() or do_ioctl_err() expected. errno is
 * still the ioctl's: nothing ran in between.
 */
void igt_ioctl_failed_(const char *file, int line, const char *func,
		       const char *request, int expected_errno)
{
	int err = errno;
	char expr[160];

	if (expected_errno)
		snprintf(expr, sizeof(expr), "%s fails with %s", request,
			 strerrorname_np(expected_errno) ?: "?");
	else
		snprintf(expr, sizeof(expr), "%s succeeds", request);
	igt_print_check(file, line, func, expr);
	/* A call that succeeded leaves a stale errno: do not print it. */
	if (expected_errno && !err)
		fprintf(stderr, "the ioctl succeeded\n");
	else
		fprintf(stderr, "errno %d (%s)\n", err, strerror(err));
	igt_leave_failed(IGT_EXIT_FAILURE);
}

static void igt_print_requirement(const char *file, int line,
				  const char *func, const char *expr)
{
	printf("Test requirement not met in %s() at %s:%d: %s\n", func, file,
	       line, expr);
}

void igt_requirement_failed_(const char *file, int line, const char *func,
			     const char *expr)
{
	igt_print_requirement(file, line, func, expr);
	igt_leave_skipped();
}

void igt_requirement_failed_f_(const char *file, int line, const char *func,
			       const char *expr, const char *fmt, ...)
{
	va_list ap;

	igt_print_requirement(file, line, func, expr);
	va_start(ap, fmt);
	igt_vreport(stdout, fmt, ap);
	va_end(ap);
	igt_leave_skipped();
}

/* ---- logging ---- */

void igt_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void igt_debug(const char *fmt, ...)
{
	va_list ap;

	if (!igt.debug)
		return;
	va_start(ap, fmt);
	printf("(%s:%d) DEBUG: ", igt.program, (int)getpid());
	vprintf(fmt, ap);
	va_end(ap);
}

void igt_warn(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	fprintf(stderr, "(%s:%d) WARNING: ", igt.program, (int)getpid());
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- DRM devices ---- */

int igt_ioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, request, arg);
	} while (ret == -1 && (errno == EINTR || errno == EAGAIN));
	return ret;
}

static const struct {
	int chipset;
	const char *name;
} igt_drivers[] = {
	{ DRIVER_PANTHOR, "panthor" },
};

/* Does the DRM driver behind @fd belong to one of the @chipset drivers? */
static bool igt_driver_matches(int fd, int chipset)
{
	char name[32] = "";
	struct drm_version version = {
		.name = name,
		.name_len = sizeof(name) - 1,
	};

	if (igt_ioctl(fd, DRM_IOCTL_VERSION, &version))
		return false;
	if (chipset == DRIVER_ANY)
		return true;

	for (size_t i = 0; i < ARRAY_SIZE(igt_drivers); i++) {
		if ((chipset & igt_drivers[i].chipset) &&
		    !strcmp(name, igt_drivers[i].name))
			return true;
	}
	return false;
}

static const char *igt_chipset_name(int chipset)
{
	for (size_t i = 0; i < ARRAY_SIZE(igt_drivers); i++) {
		if (chipset == igt_drivers[i].chipset)
			return igt_drivers[i].name;
	}
	return chipset == DRIVER_ANY ? "any driver" : "the requested drivers";
}

/*
 * Open the first node named @prefix + number in [first, first + count) whose
 * driver matches; skip the caller when there is none.
 */
static int igt_open_node(int chipset, const char *prefix, int first,
			 int count)
{
	int denied = -1;

	for (int minor = first; minor < first + count; minor++) {
		char path[64];
		int fd;

		snprintf(path, sizeof(path), "/dev/dri/%s%d", prefix, minor);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			if (errno == EACCES || errno == EPERM)
				denied = minor;
			continue;
		}
		if (igt_driver_matches(fd, chipset)) {
			igt_debug("opened %s\n", path);
			return fd;
		}
		close(fd);
	}

	if (denied >= 0)
		igt_skip("no accessible DRM device for %s (permission denied on /dev/dri/%s%d)\n",
			 igt_chipset_name(chipset), prefix, denied);
	igt_skip("no DRM device for %s found (looked at /dev/dri/%s*)\n",
		 igt_chipset_name(chipset), prefix);
}

int drm_open_driver(int chipset)
{
	return igt_open_node(chipset, "card", 0, 64);
}

int drm_open_driver_render(int chipset)
{
	return igt_open_node(chipset, "renderD", 128, 64);
}

int drm_reopen_driver(int fd)
{
	char link[64];
	char path[PATH_MAX];
	ssize_t len;
	int newfd;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, path, sizeof(path) - 1);
	igt_assert_f(len > 0, "cannot resolve fd %d: %s\n", fd,
		     strerror(errno));
	path[len] = '\0';

	newfd = open(path, O_RDWR | O_CLOEXEC);
	igt_assert_f(newfd >= 0, "cannot reopen %s: %s\n", path,
		     strerror(errno));
	return newfd;
}

int drm_close_driver(int fd)
{
	if (fd < 0)
		return 0;
	return close(fd);
}
