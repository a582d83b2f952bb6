/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * igt.h - a small implementation of the part of the IGT test API that our
 * tests use.
 *
 * The test programs under igt-tests/ are written against the names and the
 * semantics of upstream IGT (igt-gpu-tools), so that the same source builds
 * unchanged inside upstream IGT. This header and igt.c are our own
 * implementation of that subset; nothing here is taken from IGT.
 *
 * Model: a test program is a list of subtests, optionally interleaved with
 * fixtures (shared set-up and tear-down). Each subtest ends as SUCCESS, FAIL or
 * SKIP. A failed assertion or a skip leaves the current block at once through
 * siglongjmp(), so the next subtest still runs. A fixture that skips makes all
 * following subtests skip; a fixture that fails makes them fail.
 *
 * Usage:
 *
 *	int igt_main()
 *	{
 *		int fd = -1;
 *
 *		igt_fixture()
 *			fd = drm_open_driver(DRIVER_PANTHOR);
 *
 *		igt_describe("What the subtest checks.");
 *		igt_subtest("name") {
 *			igt_assert_eq(do_something(fd), 0);
 *		}
 *
 *		igt_fixture()
 *			drm_close_driver(fd);
 *	}
 *
 * Variables changed inside a block and read after it must be declared
 * outside of it (as with any setjmp() user, mark them volatile if they are
 * changed after the block was entered and read after a failure).
 *
 * Command line: --list-subtests, --run-subtest PATTERN[,PATTERN...] (shell
 * wildcards '*' and '?'), --describe[=PATTERN], --debug, --help.
 * Exit codes: see IGT_EXIT_*.
 */
#ifndef IGT_TESTS_IGT_H
#define IGT_TESTS_IGT_H

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit codes of a test program; the values are the ones IGT uses. */
#define IGT_EXIT_SUCCESS	0	/* at least one subtest passed, none failed */
#define IGT_EXIT_SKIP		77	/* every subtest that ran was skipped */
#define IGT_EXIT_INVALID	79	/* bad option or unknown subtest */
#define IGT_EXIT_FAILURE	98	/* at least one subtest failed */
#define IGT_EXIT_ABORT		112	/* not produced by this implementation */

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif

/* Driver selection for drm_open_driver() and friends. */
#define DRIVER_PANTHOR	(1 << 0)
#define DRIVER_ANY	(~0)

/* ---- internal state shared with the control-flow macros ---- */

/* Where a failing assertion, a skip or a passing block goes back to. */
extern sigjmp_buf igt_block_env_;

void igt_init_(int argc, char **argv);
int igt_finish_(void);
bool igt_fixture_enter_(void);
void igt_fixture_leave_(void);
bool igt_subtest_enter_(const char *name);
__attribute__((noreturn)) void igt_subtest_leave_(void);
void igt_describe_set_(const char *description);

__attribute__((noreturn))
void igt_check_failed_(const char *file, int line, const char *func,
		       const char *expr);
__attribute__((noreturn, format(printf, 5, 6)))
void igt_check_failed_f_(const char *file, int line, const char *func,
			 const char *expr, const char *fmt, ...);
__attribute__((noreturn))
void igt_ioctl_failed_(const char *file, int line, const char *func,
		       const char *request, int expected_errno);
__attribute__((noreturn))
void igt_requirement_failed_(const char *file, int line, const char *func,
			     const char *expr);
__attribute__((noreturn, format(printf, 5, 6)))
void igt_requirement_failed_f_(const char *file, int line, const char *func,
			       const char *expr, const char *fmt, ...);

#define IGT_CAT2_(a, b)		a##b
#define IGT_CAT_(a, b)		IGT_CAT2_(a, b)
#define IGT_UNIQUE_(prefix)	IGT_CAT_(prefix, __LINE__)

/* ---- program structure ---- */

/**
 * igt_main() - the body of a test program with subtests
 *
 * Written as `int igt_main() { ... }`: the macro turns the leading `int` into
 * a harmless prototype, supplies main() and makes the braces that follow the
 * body of the test. main() parses the command line, runs the body and exits
 * with one of the IGT_EXIT_* codes.
 */
#define igt_main()							\
	igt_main_prototype_(void);					\
	static void igt_main_body_(void);				\
	int main(int argc, char **argv)					\
	{								\
		igt_init_(argc, argv);					\
		igt_main_body_();					\
		return igt_finish_();					\
	}								\
	static void igt_main_body_(void)

/**
 * IGT_TEST_DESCRIPTION() - one-line description of the whole test program
 * @str: the description, printed by --help
 */
#define IGT_TEST_DESCRIPTION(str) const char *igt_test_description_ = (str)

/**
 * igt_fixture() - a block of set-up or tear-down code shared by subtests
 *
 * Not run when only listing subtests, nor after an earlier fixture skipped or
 * failed. A skip inside it skips every following subtest; a failure fails
 * every following subtest.
 */
#define igt_fixture()							\
	for (volatile int IGT_UNIQUE_(igt_fixture_once_) = 0;		\
	     IGT_UNIQUE_(igt_fixture_once_) < 1 &&			\
	     igt_fixture_enter_() &&					\
	     sigsetjmp(igt_block_env_, 1) == 0;				\
	     IGT_UNIQUE_(igt_fixture_once_)++, igt_fixture_leave_())

/**
 * igt_subtest() - a named subtest; the block that follows is its body
 * @name: subtest name, made of [A-Za-z0-9_-]
 *
 * The body runs only if the subtest was selected. Reaching its end is a
 * SUCCESS; igt_assert*() and igt_fail() make it a FAIL; igt_skip() and
 * igt_require*() make it a SKIP. Either way the program goes on with the code
 * after the block.
 */
#define igt_subtest(name)						\
	for (; igt_subtest_enter_(name) &&				\
	       sigsetjmp(igt_block_env_, 1) == 0;			\
	     igt_subtest_leave_())

/**
 * igt_subtest_f() - igt_subtest() with a printf-style name
 */
#define igt_subtest_f(...)						\
	for (char IGT_UNIQUE_(igt_subtest_name_)[256];			\
	     snprintf(IGT_UNIQUE_(igt_subtest_name_),			\
		      sizeof(IGT_UNIQUE_(igt_subtest_name_)),		\
		      __VA_ARGS__),					\
	     igt_subtest_enter_(IGT_UNIQUE_(igt_subtest_name_)) &&	\
	     sigsetjmp(igt_block_env_, 1) == 0;				\
	     igt_subtest_leave_())

/**
 * igt_describe() - describe the next subtest (shown by --describe)
 * @description: a string that stays valid for the life of the program
 */
#define igt_describe(description) igt_describe_set_(description)

/**
 * igt_subtest_name() - name of the running subtest, or NULL outside of one
 */
const char *igt_subtest_name(void);

/**
 * igt_only_list_subtests() - true when the program only lists subtests
 */
bool igt_only_list_subtests(void);

/* ---- results ---- */

/**
 * igt_skip() - skip the current subtest (or, in a fixture, all that follow)
 * @fmt: printf-style reason
 */
__attribute__((noreturn, format(printf, 1, 2)))
void igt_skip(const char *fmt, ...);

/**
 * igt_fail() - fail the current subtest (or, in a fixture, all that follow)
 * @exitcode: IGT_EXIT_FAILURE; outside of any block the program exits with it
 */
__attribute__((noreturn)) void igt_fail(int exitcode);

/**
 * igt_success() - end the current subtest successfully right away
 */
__attribute__((noreturn)) void igt_success(void);

#define igt_skip_on(cond)						\
	do {								\
		if (cond)						\
			igt_requirement_failed_(__FILE__, __LINE__,	\
						__func__, "!(" #cond ")");\
	} while (0)

#define igt_skip_on_f(cond, ...)					\
	do {								\
		if (cond)						\
			igt_requirement_failed_f_(__FILE__, __LINE__,	\
						  __func__,		\
						  "!(" #cond ")",	\
						  __VA_ARGS__);		\
	} while (0)

#define igt_require(cond)						\
	do {								\
		if (!(cond))						\
			igt_requirement_failed_(__FILE__, __LINE__,	\
						__func__, #cond);	\
	} while (0)

#define igt_require_f(cond, ...)					\
	do {								\
		if (!(cond))						\
			igt_requirement_failed_f_(__FILE__, __LINE__,	\
						  __func__, #cond,	\
						  __VA_ARGS__);		\
	} while (0)

#define igt_assert(expr)						\
	do {								\
		if (!(expr))						\
			igt_check_failed_(__FILE__, __LINE__, __func__,	\
					  #expr);			\
	} while (0)

#define igt_assert_f(expr, ...)						\
	do {								\
		if (!(expr))						\
			igt_check_failed_f_(__FILE__, __LINE__, __func__,\
					    #expr, __VA_ARGS__);	\
	} while (0)

#define igt_fail_on(cond)						\
	do {								\
		if (cond)						\
			igt_check_failed_(__FILE__, __LINE__, __func__,	\
					  "!(" #cond ")");		\
	} while (0)

#define igt_fail_on_f(cond, ...)					\
	do {								\
		if (cond)						\
			igt_check_failed_f_(__FILE__, __LINE__, __func__,\
					    "!(" #cond ")", __VA_ARGS__);\
	} while (0)

/*
 * Comparisons. Both operands are evaluated once, converted to @type and
 * printed on failure. The plain variants compare as int, the _u32 and _u64
 * variants as uint32_t and uint64_t.
 */
#define igt_assert_cmp_(type, pfmt, a, op, b, text)			\
	do {								\
		type igt_lhs__ = (a);					\
		type igt_rhs__ = (b);					\
		if (!(igt_lhs__ op igt_rhs__))				\
			igt_check_failed_f_(__FILE__, __LINE__, __func__,\
					    text,			\
					    "left: %" pfmt		\
					    ", right: %" pfmt "\n",	\
					    igt_lhs__, igt_rhs__);	\
	} while (0)

/* The operands are stringified here, before any macro in them expands. */
#define IGT_CMP_INT_(a, op, b)	igt_assert_cmp_(int, "d", a, op, b,	\
						#a " " #op " " #b)
#define IGT_CMP_U32_(a, op, b)	igt_assert_cmp_(uint32_t, "#" PRIx32,	\
						a, op, b, #a " " #op " " #b)
#define IGT_CMP_U64_(a, op, b)	igt_assert_cmp_(uint64_t, "#" PRIx64,	\
						a, op, b, #a " " #op " " #b)

#define igt_assert_eq(a, b)	 IGT_CMP_INT_(a, ==, b)
#define igt_assert_neq(a, b)	 IGT_CMP_INT_(a, !=, b)
#define igt_assert_lt(a, b)	 IGT_CMP_INT_(a, <, b)
#define igt_assert_lte(a, b)	 IGT_CMP_INT_(a, <=, b)
#define igt_assert_gt(a, b)	 IGT_CMP_INT_(a, >, b)
#define igt_assert_gte(a, b)	 IGT_CMP_INT_(a, >=, b)

#define igt_assert_eq_u32(a, b)	 IGT_CMP_U32_(a, ==, b)
#define igt_assert_neq_u32(a, b) IGT_CMP_U32_(a, !=, b)
#define igt_assert_lt_u32(a, b)	 IGT_CMP_U32_(a, <, b)
#define igt_assert_lte_u32(a, b) IGT_CMP_U32_(a, <=, b)
#define igt_assert_gt_u32(a, b)	 IGT_CMP_U32_(a, >, b)
#define igt_assert_gte_u32(a, b) IGT_CMP_U32_(a, >=, b)

#define igt_assert_eq_u64(a, b)	 IGT_CMP_U64_(a, ==, b)
#define igt_assert_neq_u64(a, b) IGT_CMP_U64_(a, !=, b)
#define igt_assert_lt_u64(a, b)	 IGT_CMP_U64_(a, <, b)
#define igt_assert_lte_u64(a, b) IGT_CMP_U64_(a, <=, b)
#define igt_assert_gt_u64(a, b)	 IGT_CMP_U64_(a, >, b)
#define igt_assert_gte_u64(a, b) IGT_CMP_U64_(a, >=, b)

/* ---- logging ---- */

/** igt_info() - progress message, always printed (stdout) */
__attribute__((format(printf, 1, 2))) void igt_info(const char *fmt, ...);
/** igt_debug() - detail, printed with --debug or IGT_LOG_LEVEL=debug */
__attribute__((format(printf, 1, 2))) void igt_debug(const char *fmt, ...);
/** igt_warn() - something odd that does not fail the test (stderr) */
__attribute__((format(printf, 1, 2))) void igt_warn(const char *fmt, ...);

/* ---- DRM devices and ioctls ---- */

/**
 * drm_open_driver() - open the primary node (/dev/dri/cardN) of a driver
 * @chipset: DRIVER_* mask; the node's DRM_IOCTL_VERSION name must match
 *
 * Skips (see igt_skip()) when no such device exists or it cannot be opened.
 * Return: the file descriptor.
 */
int drm_open_driver(int chipset);

/**
 * drm_open_driver_render() - open the render node (/dev/dri/renderDN)
 * @chipset: DRIVER_* mask
 *
 * Same rules as drm_open_driver().
 */
int drm_open_driver_render(int chipset);

/**
 * drm_reopen_driver() - open the node behind @fd once more
 * @fd: a descriptor from drm_open_driver() or drm_open_driver_render()
 *
 * Return: a new descriptor, that is, a new DRM file with its own handles.
 */
int drm_reopen_driver(int fd);

/**
 * drm_close_driver() - close a descriptor from drm_open_driver*()
 * @fd: the descriptor; negative values are ignored
 *
 * Return: 0, or -1 with errno set.
 */
int drm_close_driver(int fd);

/**
 * igt_ioctl() - ioctl() that retries on EINTR and EAGAIN
 *
 * Return: the ioctl() result; -1 with errno set on failure.
 */
int igt_ioctl(int fd, unsigned long request, void *arg);

/** do_ioctl() - assert that an ioctl succeeds */
#define do_ioctl(fd, request, arg)					\
	do {								\
		if (igt_ioctl((fd), (request), (arg)))			\
			igt_ioctl_failed_(__FILE__, __LINE__, __func__,	\
					  #request, 0);			\
		errno = 0;						\
	} while (0)

/** do_ioctl_err() - assert that an ioctl fails with errno @err */
#define do_ioctl_err(fd, request, arg, err)				\
	do {								\
		errno = 0;						\
		if (igt_ioctl((fd), (request), (arg)) != -1 ||		\
		    errno != (err))					\
			igt_ioctl_failed_(__FILE__, __LINE__, __func__,	\
					  #request, (err));		\
		errno = 0;						\
	} while (0)

#endif /* IGT_TESTS_IGT_H */
