// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_device.c - finding, opening and identifying a panthor device.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xf86drm.h>

#include "panthor_client.h"
#include "pc_internal.h"

void pc_features_from_version(int major, int minor,
			      struct pc_features *features)
{
	memset(features, 0, sizeof(*features));
	if (major != 1)
		return;

	features->timestamp_info = minor >= 1;
	features->group_priorities_info = minor >= 2;
	features->realtime_priority = minor >= 2;
	features->innocent_state = minor >= 3;
	features->bo_set_label = minor >= 4;
	features->set_user_mmio_offset = minor >= 5;
	features->coherent_timestamps = minor >= 6;
	features->bo_wb_mmap = minor >= 7;
	features->bo_sync = minor >= 7;
	features->bo_query_info = minor >= 7;
	features->selected_coherency = minor >= 7;
	features->timestamp_flags = minor >= 8;
	features->mmu_info = minor >= 9;
	features->sparse_bind = minor >= 9;
}

static void pc_copy_string(char *dst, size_t size, const char *src, int len)
{
	if (!src)
		len = 0;
	snprintf(dst, size, "%.*s", len, src ? src : "");
}

/* Fill in the driver identity of @dev from DRM_IOCTL_VERSION on @fd. */
static int pc_read_version(int fd, const char *path, struct pc_device *dev)
{
	drmVersionPtr version;
	int err;

	errno = 0;
	version = drmGetVersion(fd);
	if (!version) {
		err = errno ? errno : ENOTTY;
		return pc_fail(-err,
			       "%s is not a DRM device (DRM_IOCTL_VERSION: %s)",
			       path, strerror(err));
	}

	pc_copy_string(dev->driver_name, sizeof(dev->driver_name),
		       version->name, version->name_len);
	pc_copy_string(dev->driver_desc, sizeof(dev->driver_desc),
		       version->desc, version->desc_len);
	pc_copy_string(dev->driver_date, sizeof(dev->driver_date),
		       version->date, version->date_len);
	dev->version_major = version->version_major;
	dev->version_minor = version->version_minor;
	dev->version_patchlevel = version->version_patchlevel;
	drmFreeVersion(version);
	return 0;
}

/*
 * Open @path and check that it is a panthor device we can talk to. On
 * -ENODEV (another driver) dev->driver_name says which one it was.
 */
static int pc_open_node(const char *path, struct pc_device *dev)
{
	int fd;
	int ret;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		if (ret == -EACCES || ret == -EPERM)
			return pc_fail(ret,
				       "cannot open %s: %s (is this user in the group that owns it, usually 'render'?)",
				       path, strerror(-ret));
		return pc_fail(ret, "cannot open %s: %s", path, strerror(-ret));
	}

	ret = pc_read_version(fd, path, dev);
	if (ret)
		goto err_close;

	if (strcmp(dev->driver_name, PC_DRIVER_NAME)) {
		ret = pc_fail(-ENODEV, "%s is driven by '%s', not %s", path,
			      dev->driver_name, PC_DRIVER_NAME);
		goto err_close;
	}
	if (dev->version_major != 1) {
		ret = pc_fail(-EPROTONOSUPPORT,
			      "%s: unsupported panthor uAPI version %d.%d (this library knows 1.x)",
			      path, dev->version_major, dev->version_minor);
		goto err_close;
	}

	dev->fd = fd;
	snprintf(dev->path, sizeof(dev->path), "%s", path);
	pc_features_from_version(dev->version_major, dev->version_minor,
				 &dev->features);
	return 0;

err_close:
	close(fd);
	return ret;
}

/* Append ", NAME" (or "NAME" first) to @list, silently truncating. */
static void pc_list_append(char *list, size_t size, const char *item)
{
	size_t len = strlen(list);

	snprintf(list + len, size - len, "%s%s", len ? ", " : "", item);
}

/*
 * Use the first render node driven by panthor. When there is none, say why:
 * permission problems first (the likely fix), else which drivers were seen.
 */
static int pc_autodetect(struct pc_device *dev)
{
	const int first = PC_RENDER_MINOR_FIRST;
	const int last = PC_RENDER_MINOR_FIRST + PC_RENDER_MINOR_COUNT - 1;
	char denied[64] = "";
	char others[256] = "";

	for (int minor = first; minor <= last; minor++) {
		char path[64];
		char seen[sizeof(path) + sizeof(dev->driver_name) + 4];
		int ret;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		ret = pc_open_node(path, dev);
		if (!ret)
			return 0;

		if ((ret == -EACCES || ret == -EPERM) && !denied[0]) {
			snprintf(denied, sizeof(denied), "%s", path);
		} else if (ret == -ENODEV) {
			snprintf(seen, sizeof(seen), "%s (%s)", path,
				 dev->driver_name);
			pc_list_append(others, sizeof(others), seen);
		}
	}

	if (denied[0])
		return pc_fail(-EACCES,
			       "no panthor DRM device could be opened: permission denied on %s (is this user in the group that owns it, usually 'render'?)",
			       denied);
	return pc_fail(-ENODEV,
		       "no panthor DRM device found (looked at /dev/dri/renderD%d to renderD%d%s%s); is the panthor driver loaded?",
		       first, last, others[0] ? "; other DRM devices: " : "",
		       others);
}

int pc_device_open(const char *path, struct pc_device **devp)
{
	struct pc_device *dev;
	int ret;

	*devp = NULL;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return pc_fail(-ENOMEM, "out of memory");
	dev->fd = -1;
	dev->page_size = sysconf(_SC_PAGESIZE);

	ret = path ? pc_open_node(path, dev) : pc_autodetect(dev);
	if (ret) {
		free(dev);
		return ret;
	}

	*devp = dev;
	return 0;
}

void pc_device_close(struct pc_device *dev)
{
	if (!dev)
		return;
	if (dev->flush_id)
		munmap((void *)dev->flush_id, dev->page_size);
	if (dev->fd >= 0)
		close(dev->fd);
	free(dev);
}

int pc_device_caps(struct pc_device *dev)
{
	int ret;

	if (dev->caps_loaded)
		return 0;
	ret = pc_query_gpu_info(dev, &dev->gpu);
	if (!ret)
		ret = pc_query_csif_info(dev, &dev->csif);
	if (ret)
		return ret;
	if (!dev->csif.cs_slot_count || !dev->csif.cs_reg_count)
		return pc_fail(-EPROTO,
			       "%s: CSIF_INFO reports %u queues per group and %u registers",
			       dev->path, dev->csif.cs_slot_count,
			       dev->csif.cs_reg_count);
	dev->caps_loaded = true;
	return 0;
}

/*
 * Pick this process's user MMIO window (1.5+). Before 1.5 the kernel's
 * choice at open already matches DRM_PANTHOR_USER_MMIO_OFFSET for a
 * process of the kernel's word size, so there is nothing to do.
 */
static int pc_select_user_mmio(struct pc_device *dev)
{
	struct drm_panthor_set_user_mmio_offset arg = {
		.offset = DRM_PANTHOR_USER_MMIO_OFFSET,
	};
	int err;

	if (!dev->features.set_user_mmio_offset)
		return 0;
	if (!drmIoctl(dev->fd, DRM_IOCTL_PANTHOR_SET_USER_MMIO_OFFSET, &arg))
		return 0;
	err = errno;
	return pc_fail(-err, "%s: SET_USER_MMIO_OFFSET 0x%llx failed: %s",
		       dev->path, (unsigned long long)arg.offset,
		       strerror(err));
}

int pc_device_map_flush_id(struct pc_device *dev)
{
	void *page;
	int ret;

	if (dev->flush_id_tried)
		return dev->flush_id ? 0 : -ENXIO;
	dev->flush_id_tried = true;

	ret = pc_select_user_mmio(dev);
	if (ret)
		return ret;

	page = mmap(NULL, dev->page_size, PROT_READ, MAP_SHARED, dev->fd,
		    DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET);
	if (page == MAP_FAILED) {
		ret = -errno;
		return pc_fail(ret == -EINVAL ? -ENXIO : ret,
			       "%s: cannot map the LATEST_FLUSH_ID page at 0x%llx: %s (every job will flush)",
			       dev->path,
			       (unsigned long long)DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET,
			       strerror(-ret));
	}
	dev->flush_id = page;
	return 0;
}

/* GROUP_SUBMIT refuses a latest_flush with any of these bits set. */
#define PC_FLUSH_ID_RESERVED	0x7f000000u

uint32_t pc_latest_flush_id(struct pc_device *dev)
{
	uint32_t id;

	if (!dev->flush_id_tried)
		pc_device_map_flush_id(dev);
	if (!dev->flush_id)
		return 0;
	/* A register the GPU updates behind our back: read it every time. */
	id = __atomic_load_n(dev->flush_id, __ATOMIC_RELAXED);
	return id & PC_FLUSH_ID_RESERVED ? 0 : id;
}
