// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_error.c - the per-thread "why did it fail" message.
 */
#include <stdarg.h>
#include <stdio.h>

#include "panthor_client.h"
#include "pc_internal.h"

static __thread char pc_error_message[512];

int pc_vfail(int err, const char *fmt, va_list ap)
{
	vsnprintf(pc_error_message, sizeof(pc_error_message), fmt, ap);
	return err;
}

int pc_fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pc_vfail(err, fmt, ap);
	va_end(ap);
	return err;
}

const char *pc_last_error(void)
{
	return pc_error_message;
}
