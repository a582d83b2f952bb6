/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers shared by the library's source files; not part of the API.
 */
#ifndef PC_INTERNAL_H
#define PC_INTERNAL_H

#define PC_ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

/**
 * pc_fail() - record why an operation failed and return its error code
 * @err: negative errno
 * @fmt: printf-style explanation, without trailing newline
 *
 * Return: @err, so that callers can write `return pc_fail(-EINVAL, ...)`.
 */
__attribute__((format(printf, 2, 3)))
int pc_fail(int err, const char *fmt, ...);

#endif /* PC_INTERNAL_H */
