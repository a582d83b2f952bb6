/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * igt_panthor.h - panthor helpers that upstream IGT's lib also provides under
 * the same names and with the same behaviour, so that tests using them build
 * in both places. Our own implementation.
 */
#ifndef IGT_TESTS_IGT_PANTHOR_H
#define IGT_TESTS_IGT_PANTHOR_H

#include <stddef.h>
#include <stdint.h>

#include "panthor_drm.h"

/**
 * igt_panthor_query() - run DRM_IOCTL_PANTHOR_DEV_QUERY and check its result
 * @fd: panthor DRM file descriptor
 * @type: DRM_PANTHOR_DEV_QUERY_* type
 * @data: output buffer, or NULL to ask only for the size
 * @size: size of @data in bytes
 * @err: 0 if the query must succeed, else the errno it must fail with
 *
 * Fails the running subtest when the ioctl does not behave as @err says.
 */
void igt_panthor_query(int fd, int32_t type, void *data, size_t size, int err);

#endif /* IGT_TESTS_IGT_PANTHOR_H */
