/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * libpanthor-client - a small userspace library for panthor DRM devices, in
 * the spirit of Mesa's kernel-driver abstraction: open a device, learn which
 * uAPI level it speaks, query it and decode what it reports.
 *
 * Error handling: every function that can fail returns 0 or a negative errno
 * and leaves a human-readable explanation in pc_last_error(). Nothing in the
 * library prints, exits or aborts.
 */
#ifndef PANTHOR_CLIENT_H
#define PANTHOR_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "panthor_drm.h"

/* The DRM driver name a panthor device reports through DRM_IOCTL_VERSION. */
#define PC_DRIVER_NAME		"panthor"

/* GPU_INFO size from which gpu_features is reported. */
#define PC_GPU_INFO_FEATURES_SIZE	112

/* Render nodes tried by autodetection: /dev/dri/renderD128 and up. */
#define PC_RENDER_MINOR_FIRST	128
#define PC_RENDER_MINOR_COUNT	64

/**
 * struct pc_features - uAPI features, derived from the driver's minor version
 *
 * A driver reporting minor N implements every level from 1.0 to 1.N
 * (uapi-abi.md §1), so each flag is simply "minor >= level that added it".
 */
struct pc_features {
	bool timestamp_info;		/* 1.1: DEV_QUERY TIMESTAMP_INFO */
	bool group_priorities_info;	/* 1.2: DEV_QUERY GROUP_PRIORITIES_INFO */
	bool realtime_priority;		/* 1.2: PANTHOR_GROUP_PRIORITY_REALTIME */
	bool innocent_state;		/* 1.3: DRM_PANTHOR_GROUP_STATE_INNOCENT */
	bool bo_set_label;		/* 1.4: BO_SET_LABEL */
	bool set_user_mmio_offset;	/* 1.5: SET_USER_MMIO_OFFSET */
	bool coherent_timestamps;	/* 1.6: GPU timestamps match DEV_QUERY's */
	bool bo_wb_mmap;		/* 1.7: DRM_PANTHOR_BO_WB_MMAP */
	bool bo_sync;			/* 1.7: BO_SYNC */
	bool bo_query_info;		/* 1.7: BO_QUERY_INFO */
	bool selected_coherency;	/* 1.7: gpu_info.selected_coherency */
	bool timestamp_flags;		/* 1.8: TIMESTAMP_INFO flags, 56 bytes */
	bool mmu_info;			/* 1.9: DEV_QUERY MMU_INFO */
	bool sparse_bind;		/* 1.9: DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE */
};

/**
 * struct pc_device - an open panthor device
 * @fd: the DRM file descriptor (a render node unless a path said otherwise)
 * @path: the node that was opened
 * @driver_name: DRM driver name, always PC_DRIVER_NAME
 * @driver_desc: DRM driver description
 * @driver_date: DRM driver date string (newer kernels report "0" or "")
 * @version_major: uAPI major version, always 1
 * @version_minor: uAPI level
 * @version_patchlevel: patch level
 * @features: what @version_minor promises
 * @gpu_info_size: size of GPU_INFO the kernel reports (0 until queried);
 *	gpu_features is valid only when it is at least
 *	PC_GPU_INFO_FEATURES_SIZE
 */
struct pc_device {
	int fd;
	char path[64];
	char driver_name[32];
	char driver_desc[128];
	char driver_date[32];
	int version_major;
	int version_minor;
	int version_patchlevel;
	struct pc_features features;
	uint32_t gpu_info_size;
};

/**
 * pc_last_error() - explanation of the last failure in this thread
 *
 * Return: a message without trailing newline; "" if nothing failed yet.
 */
const char *pc_last_error(void);

/**
 * pc_device_open() - open a panthor device
 * @path: DRM node to open, or NULL to use the first render node whose driver
 *	is panthor
 * @devp: receives the device on success
 *
 * Return: 0; -ENODEV when there is no panthor device (or @path is driven by
 * another driver), -ENOTTY when @path is not a DRM device, -EACCES/-EPERM
 * when the node cannot be opened for lack of permission, -EPROTONOSUPPORT for
 * an unknown uAPI major, or another negative errno from open().
 */
int pc_device_open(const char *path, struct pc_device **devp);

/**
 * pc_device_close() - close a device from pc_device_open()
 * @dev: the device; NULL is ignored
 */
void pc_device_close(struct pc_device *dev);

/**
 * pc_features_from_version() - the features a uAPI version promises
 * @major: DRM major version
 * @minor: DRM minor version
 * @features: filled in; all false for a major other than 1
 */
void pc_features_from_version(int major, int minor,
			      struct pc_features *features);

/**
 * pc_query_size() - the kernel's struct size for a DEV_QUERY type
 * @dev: the device
 * @type: DRM_PANTHOR_DEV_QUERY_*
 * @size: receives the size
 *
 * Return: 0, or -EINVAL for a type the driver does not know.
 */
int pc_query_size(struct pc_device *dev, uint32_t type, uint32_t *size);

/**
 * pc_query() - run DEV_QUERY into a buffer
 * @dev: the device
 * @type: DRM_PANTHOR_DEV_QUERY_*
 * @buf: output buffer
 * @size: its size; the kernel writes min(@size, its struct size) bytes and
 *	zero fills the rest
 *
 * Return: 0 or a negative errno.
 */
int pc_query(struct pc_device *dev, uint32_t type, void *buf, uint32_t size);

/**
 * pc_query_gpu_info() - GPU identity and capabilities
 * @dev: the device; @dev->gpu_info_size is updated
 * @info: filled in; fields the kernel does not report read as zero
 *
 * Return: 0 or a negative errno.
 */
int pc_query_gpu_info(struct pc_device *dev, struct drm_panthor_gpu_info *info);

/**
 * pc_query_csif_info() - shape of the command stream interface
 * @dev: the device
 * @info: filled in
 *
 * Return: 0 or a negative errno.
 */
int pc_query_csif_info(struct pc_device *dev,
		       struct drm_panthor_csif_info *info);

/**
 * pc_query_timestamp_info() - GPU timestamp, frequency and offset (1.1+)
 * @dev: the device
 * @info: filled in; the 1.8 fields stay zero on older levels. The query asks
 *	for the default samples (flags 0).
 *
 * Return: 0, -EOPNOTSUPP below 1.1, or another negative errno.
 */
int pc_query_timestamp_info(struct pc_device *dev,
			    struct drm_panthor_timestamp_info *info);

/**
 * pc_query_group_priorities() - group priorities this file may use
 * @dev: the device
 * @allowed_mask: bit P set when priority P is allowed. Below 1.2 there is no
 *	query and LOW and MEDIUM, always allowed there, are reported.
 *
 * Return: 0 or a negative errno.
 */
int pc_query_group_priorities(struct pc_device *dev, uint8_t *allowed_mask);

/**
 * pc_query_mmu_info() - page sizes the GPU MMU can map (1.9+)
 * @dev: the device
 * @info: filled in
 *
 * Return: 0, -EOPNOTSUPP below 1.9, or another negative errno.
 */
int pc_query_mmu_info(struct pc_device *dev, struct drm_panthor_mmu_info *info);

/* ---- decoding (no device needed) ---- */

/**
 * struct pc_gpu_id - GPU_ID split into its fields (mali-csf-hw.md §1.3)
 */
struct pc_gpu_id {
	unsigned int arch_major;
	unsigned int arch_minor;
	unsigned int arch_rev;
	unsigned int product_major;
	unsigned int version_major;	/* the N of "rNpM" */
	unsigned int version_minor;	/* the M of "rNpM" */
	unsigned int version_status;
};

/**
 * struct pc_l2_info - L2 geometry from L2_FEATURES and MEM_FEATURES
 * @line_size: cache line size in bytes
 * @cache_size: cache size in bytes, as L2_FEATURES encodes it
 * @associativity: the associativity field, raw
 * @bus_width_log2: the external bus width field (log2 of the width in bits,
 *	an assumed encoding)
 * @slices: number of L2 slices (MEM_FEATURES)
 */
struct pc_l2_info {
	uint32_t line_size;
	uint64_t cache_size;
	unsigned int associativity;
	unsigned int bus_width_log2;
	unsigned int slices;
};

/**
 * struct pc_gpu_desc - everything userspace usually wants from GPU_INFO
 * @product: marketing name, e.g. "Mali-G610"; "unknown Mali" if not known
 * @codename: Arm's internal name ("LODX"), or "" if not known
 * @known: true when the product is in our table
 * @id: decoded GPU_ID
 * @firmware: firmware file the driver loads for this GPU
 * @shader_cores: number of shader cores
 * @address_spaces: number of MMU address spaces, the firmware's included
 * @va_bits: GPU virtual address bits
 * @pa_bits: physical address bits
 * @l2: L2 geometry
 * @ray_tracing: GPU_FEATURES says the GPU has ray intersection hardware
 * @max_registers: registers per core (THREAD_FEATURES)
 * @max_tasks: task queue depth per core (THREAD_FEATURES)
 * @impl_tech: implementation technology: 0 unspecified, 1 silicon, 2 FPGA,
 *	3 software model
 * @tiler_bin_size: tiler bin size in bytes
 * @tiler_max_levels: tiler hierarchy levels
 * @cshw_major, @cshw_minor, @cshw_rev: command stream hardware version
 * @mcu_major, @mcu_minor, @mcu_rev: MCU version
 */
struct pc_gpu_desc {
	char product[48];
	const char *codename;
	bool known;
	struct pc_gpu_id id;
	char firmware[48];
	unsigned int shader_cores;
	unsigned int address_spaces;
	unsigned int va_bits;
	unsigned int pa_bits;
	struct pc_l2_info l2;
	bool ray_tracing;
	uint32_t max_registers;
	unsigned int max_tasks;
	unsigned int impl_tech;
	uint32_t tiler_bin_size;
	unsigned int tiler_max_levels;
	unsigned int cshw_major, cshw_minor, cshw_rev;
	unsigned int mcu_major, mcu_minor, mcu_rev;
};

/** pc_decode_gpu_id() - split GPU_ID into its fields */
void pc_decode_gpu_id(uint32_t gpu_id, struct pc_gpu_id *id);

/**
 * pc_product_name() - marketing name of a GPU
 * @gpu_id: GPU_ID
 * @shader_cores: number of shader cores (some names depend on it)
 * @ray_tracing: whether the GPU has ray tracing hardware (idem)
 * @codename: if not NULL, receives Arm's internal name, or "" if not known
 *
 * Return: a static string such as "Mali-G610", or NULL if not known.
 */
const char *pc_product_name(uint32_t gpu_id, unsigned int shader_cores,
			    bool ray_tracing, const char **codename);

/** pc_decode_l2() - L2 geometry from L2_FEATURES and MEM_FEATURES */
void pc_decode_l2(uint32_t l2_features, uint32_t mem_features,
		  struct pc_l2_info *l2);

/** pc_describe_gpu() - decode a GPU_INFO into a pc_gpu_desc */
void pc_describe_gpu(const struct drm_panthor_gpu_info *info,
		     struct pc_gpu_desc *desc);

/** pc_popcount64() - number of bits set */
unsigned int pc_popcount64(uint64_t mask);

#endif /* PANTHOR_CLIENT_H */
