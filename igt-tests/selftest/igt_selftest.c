// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * igt_selftest - a test program with known outcomes, for checking the harness
 * (lib/igt.c) and the runner (run-tests). run-selftest runs it and compares.
 *
 * Environment:
 *   IGT_SELFTEST_FIXTURE=skip|fail  make the first fixture skip or fail.
 *   IGT_SELFTEST_CRASH=1            let subtest "crash" die of SIGSEGV.
 *   IGT_SELFTEST_HANG=1             let subtest "hang" sleep for 30 s.
 */
#include <signal.h>
#include <sys/ioctl.h>
#include <fcntl.h>

#include <drm.h>

#include "igt.h"

/* Set by code that must never run because an assertion left the block. */
static volatile int fell_through;

int igt_main()
{
	const char *fixture = getenv("IGT_SELFTEST_FIXTURE");
	int null_fd = -1;

	igt_fixture() {
		if (fixture && !strcmp(fixture, "skip"))
			igt_skip("fixture skipped on request\n");
		if (fixture && !strcmp(fixture, "fail"))
			igt_assert_f(0, "fixture failed on request\n");
		null_fd = open("/dev/null", O_RDWR);
		igt_assert_lte(0, null_fd);
	}

	igt_describe("Every kind of check passes.");
	igt_subtest("pass") {
		igt_assert(1);
		igt_assert_eq(-1, -1);
		igt_assert_neq(1, 2);
		igt_assert_lt(-2, 1);
		igt_assert_lte(3, 3);
		igt_assert_gt(4, 3);
		igt_assert_gte(4, 4);
		igt_assert_eq_u32(0xffffffffu, 0xffffffffu);
		igt_assert_lt_u32(1u, 0x80000000u);
		igt_assert_gt_u64(0x100000000ull, 0xffffffffull);
		igt_assert_neq_u64(0x100000000ull, 0);
		igt_require(1);
		igt_skip_on(0);
		igt_fail_on(0);
		igt_debug("only shown with --debug\n");
	}

	igt_subtest("fail-assert") {
		igt_assert(1 + 1 == 3);
		fell_through = 1;
	}

	igt_subtest("fail-eq-u64") {
		/* Truncated to 32 bits both would be 0 and the check pass. */
		igt_assert_eq_u64(0x100000000ull, 0);
		fell_through = 1;
	}

	igt_subtest("fail-lt") {
		igt_assert_lt(5, 3);
		fell_through = 1;
	}

	igt_subtest("fail-explicit") {
		igt_fail(IGT_EXIT_FAILURE);
		fell_through = 1;
	}

	igt_subtest("skip-require") {
		igt_require_f(0, "requirement %d not met\n", 42);
		fell_through = 1;
	}

	igt_subtest("skip-explicit") {
		igt_skip("skipped on purpose\n");
		fell_through = 1;
	}

	igt_describe("An ioctl the device does not know fails with ENOTTY.");
	igt_subtest("ioctl-err") {
		struct drm_version version = {};

		do_ioctl_err(null_fd, DRM_IOCTL_VERSION, &version, ENOTTY);
	}

	igt_subtest("fail-ioctl") {
		struct drm_version version = {};

		do_ioctl(null_fd, DRM_IOCTL_VERSION, &version);
		fell_through = 1;
	}

	for (int i = 0; i < 2; i++) {
		igt_subtest_f("dyn-%d", i)
			igt_assert_lte(0, i);
	}

	igt_subtest("no-fallthrough") {
		igt_assert_eq(fell_through, 0);
		igt_assert_eq_u32(igt_subtest_name()[0], 'n');
	}

	/* These two only run when asked for, so that a full run completes. */
	igt_subtest("crash") {
		igt_require(getenv("IGT_SELFTEST_CRASH"));
		raise(SIGSEGV);
	}

	igt_subtest("hang") {
		igt_require(getenv("IGT_SELFTEST_HANG"));
		sleep(30);
	}

	igt_fixture() {
		close(null_fd);
	}
}
