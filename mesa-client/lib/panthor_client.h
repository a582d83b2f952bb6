/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * libpanthor-client - a small userspace library for panthor DRM devices, in
 * the spirit of Mesa's kernel-driver abstraction: open a device, learn which
 * uAPI level it speaks, query it and decode what it reports; create VMs
 * (with a VA allocator), BOs, syncobjs, groups and tiler heaps; build
 * command streams (pc_cs.h) and submit them.
 *
 * Error handling: every function that can fail returns 0 or a negative errno
 * and leaves a human-readable explanation in pc_last_error(). Nothing in the
 * library prints, exits or aborts.
 */
#ifndef PANTHOR_CLIENT_H
#define PANTHOR_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
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
 * @caps_loaded: @gpu and @csif hold the device's answers (pc_device_caps())
 * @gpu: GPU_INFO, once @caps_loaded
 * @csif: CSIF_INFO, once @caps_loaded
 * @flush_id: the mapped LATEST_FLUSH_ID page, or NULL
 * @flush_id_tried: the page was looked for (mapped or not)
 * @page_size: CPU page size
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
	bool caps_loaded;
	struct drm_panthor_gpu_info gpu;
	struct drm_panthor_csif_info csif;
	const uint32_t *flush_id;
	bool flush_id_tried;
	size_t page_size;
};

/**
 * pc_last_error() - explanation of the last failure in this thread
 *
 * Return: a message without trailing newline; "" if nothing failed yet.
 */
const char *pc_last_error(void);

/**
 * pc_fail() - record why an operation failed and return its error code
 * @err: negative errno
 * @fmt: printf-style explanation, without trailing newline
 *
 * The library's own failures go through here; code built on the library
 * may use it too, so that pc_last_error() explains its errors alike.
 *
 * Return: @err, so that callers can write `return pc_fail(-EINVAL, ...)`.
 */
__attribute__((format(printf, 2, 3)))
int pc_fail(int err, const char *fmt, ...);

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

/**
 * pc_query_timestamp() - TIMESTAMP_INFO with explicit sampling flags (1.8+)
 * @dev: the device
 * @flags: DRM_PANTHOR_TIMESTAMP_* bits; 0 is the default (GPU time, offset
 *	and frequency)
 * @info: filled in
 *
 * Return: 0, -EOPNOTSUPP when @flags is not 0 below 1.8 (or the query
 * below 1.1), or another negative errno.
 */
int pc_query_timestamp(struct pc_device *dev, uint32_t flags,
		       struct drm_panthor_timestamp_info *info);

/**
 * pc_device_caps() - GPU_INFO and CSIF_INFO, queried once and kept
 * @dev: the device; @dev->gpu and @dev->csif are valid on success
 *
 * Everything that creates GPU work needs these (core masks, register
 * counts), so they are read on first use rather than at open: a device
 * whose firmware did not boot can still be opened and described.
 *
 * Return: 0 or a negative errno.
 */
int pc_device_caps(struct pc_device *dev);

/* ---- LATEST_FLUSH_ID ---- */

/**
 * pc_device_map_flush_id() - map the LATEST_FLUSH_ID page
 * @dev: the device
 *
 * On 1.5+ the user MMIO window is first selected with SET_USER_MMIO_OFFSET
 * (DRM_PANTHOR_USER_MMIO_OFFSET, the value for this process's word size),
 * then one page is mapped read-only at DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET.
 * Done once; later calls return the first outcome.
 *
 * Return: 0, or a negative errno when the page cannot be mapped: the
 * device is still usable, pc_latest_flush_id() then reads 0.
 */
int pc_device_map_flush_id(struct pc_device *dev);

/**
 * pc_latest_flush_id() - value to put in a submission's latest_flush
 * @dev: the device
 *
 * Return: the LATEST_FLUSH_ID register, or 0 ("flush before the job") when
 * the page is not mapped or the value has bits the kernel refuses (24-30).
 */
uint32_t pc_latest_flush_id(struct pc_device *dev);

/* ---- GPU virtual address allocator ---- */

/**
 * struct pc_va_hole - a free range [@start, @end)
 */
struct pc_va_hole {
	uint64_t start;
	uint64_t end;
};

/**
 * struct pc_va_space - a range allocator over one address range
 * @start: first address it manages
 * @end: one past the last
 * @holes: the free ranges, sorted, never empty and never touching (a freed
 *	range is merged with its neighbours)
 * @count: number of holes
 * @capacity: entries @holes can hold
 *
 * First fit: an allocation takes the lowest suitably aligned range. Plain
 * data, no device: the VM wrapper below uses it for its user VA range.
 */
struct pc_va_space {
	uint64_t start;
	uint64_t end;
	struct pc_va_hole *holes;
	uint32_t count;
	uint32_t capacity;
};

/**
 * pc_va_init() - manage [@start, @end), all free
 *
 * Return: 0, -EINVAL for an empty range, -ENOMEM.
 */
int pc_va_init(struct pc_va_space *va, uint64_t start, uint64_t end);

/** pc_va_fini() - forget everything; @va can be initialised again */
void pc_va_fini(struct pc_va_space *va);

/**
 * pc_va_alloc() - take @size bytes aligned to @align
 * @va: the allocator
 * @size: bytes, not 0
 * @align: a power of two
 * @addr: receives the start
 *
 * Return: 0, -EINVAL for a bad size or alignment, -ENOSPC when no free
 * range is large enough, -ENOMEM.
 */
int pc_va_alloc(struct pc_va_space *va, uint64_t size, uint64_t align,
		uint64_t *addr);

/**
 * pc_va_reserve() - take exactly [@addr, @addr + @size)
 *
 * Return: 0, -EINVAL when the range is outside @va, empty or overflows,
 * -EBUSY when part of it is already taken, -ENOMEM.
 */
int pc_va_reserve(struct pc_va_space *va, uint64_t addr, uint64_t size);

/**
 * pc_va_free() - give back [@addr, @addr + @size)
 *
 * Return: 0, or -EINVAL when the range is outside @va or (partly) free
 * already, which catches double frees; -ENOMEM.
 */
int pc_va_free(struct pc_va_space *va, uint64_t addr, uint64_t size);

/** pc_va_available() - free bytes */
uint64_t pc_va_available(const struct pc_va_space *va);

/* ---- VMs ---- */

/*
 * Lowest VA handed out: a NULL GPU pointer, or a small offset from one,
 * then always faults.
 */
#define PC_VA_BASE		0x100000ull
/* GPU page size, whatever the CPU's (uapi-abi.md §9). */
#define PC_GPU_PAGE_SIZE	4096ull

/**
 * struct pc_vm - a GPU address space
 * @dev: its device
 * @id: VM id
 * @user_va_end: end of the user VA range the kernel settled on
 * @va: allocator over [PC_VA_BASE, @user_va_end)
 */
struct pc_vm {
	struct pc_device *dev;
	uint32_t id;
	uint64_t user_va_end;
	struct pc_va_space va;
};

/**
 * struct pc_sync - one syncobj a piece of work waits for or signals
 * @handle: syncobj handle
 * @point: timeline point; 0 for a binary syncobj
 */
struct pc_sync {
	uint32_t handle;
	uint64_t point;
};

/**
 * struct pc_syncs - what work waits for before it starts, and signals
 * when it is done
 */
struct pc_syncs {
	const struct pc_sync *waits;
	uint32_t wait_count;
	const struct pc_sync *signals;
	uint32_t signal_count;
};

/**
 * pc_vm_create() - create a VM
 * @dev: the device
 * @user_va_range: user VA size wanted; 0 lets the kernel choose
 * @vmp: receives the VM
 *
 * Return: 0 or a negative errno.
 */
int pc_vm_create(struct pc_device *dev, uint64_t user_va_range,
		 struct pc_vm **vmp);

/**
 * pc_vm_destroy() - destroy a VM (NULL is ignored)
 *
 * Return: 0 or the VM_DESTROY error; @vm is freed in both cases.
 */
int pc_vm_destroy(struct pc_vm *vm);

/**
 * pc_vm_get_state() - DRM_PANTHOR_VM_STATE_USABLE or _UNUSABLE
 *
 * Return: 0 or a negative errno.
 */
int pc_vm_get_state(struct pc_vm *vm, uint32_t *state);

/** enum pc_vm_op_type - what a pc_vm_op does */
enum pc_vm_op_type {
	PC_VM_MAP,
	PC_VM_UNMAP,
	PC_VM_SYNC_ONLY,
};

struct pc_bo;

/**
 * struct pc_vm_op - one VM_BIND operation
 * @type: enum pc_vm_op_type
 * @bo: BO to map (PC_VM_MAP only)
 * @bo_offset: offset in @bo, GPU page aligned
 * @va: GPU VA, GPU page aligned
 * @size: bytes, GPU page aligned
 * @flags: DRM_PANTHOR_VM_BIND_OP_MAP_* modifiers
 */
struct pc_vm_op {
	enum pc_vm_op_type type;
	struct pc_bo *bo;
	uint64_t bo_offset;
	uint64_t va;
	uint64_t size;
	uint32_t flags;
};

/**
 * pc_vm_bind() - run VM_BIND operations
 * @vm: the VM
 * @ops: operations, applied in order
 * @count: number of @ops
 * @syncs: NULL for a synchronous bind; otherwise the bind is queued
 *	(DRM_PANTHOR_VM_BIND_ASYNC) after the waits, which go with the first
 *	operation, and the signals go with the last one
 * @applied: if not NULL, receives the number of operations that took
 *	effect (a synchronous bind stops at the first failure)
 *
 * Return: 0 or a negative errno.
 */
int pc_vm_bind(struct pc_vm *vm, const struct pc_vm_op *ops, uint32_t count,
	       const struct pc_syncs *syncs, uint32_t *applied);

/** pc_vm_map() - synchronous MAP of @size bytes of @bo at @va */
int pc_vm_map(struct pc_vm *vm, struct pc_bo *bo, uint64_t bo_offset,
	      uint64_t va, uint64_t size, uint32_t flags);

/** pc_vm_unmap() - synchronous UNMAP of [@va, @va + @size) */
int pc_vm_unmap(struct pc_vm *vm, uint64_t va, uint64_t size);

/* ---- buffer objects ---- */

/**
 * struct pc_bo - a GEM buffer object
 * @dev: its device
 * @handle: GEM handle
 * @size: size the kernel allocated (CPU page multiple)
 * @flags: DRM_PANTHOR_BO_* creation flags
 * @map: CPU mapping (pc_bo_mmap()), or NULL
 * @vm: VM it was bound into by pc_bo_bind(), or NULL
 * @va: its GPU VA there
 * @va_size: bytes reserved there
 */
struct pc_bo {
	struct pc_device *dev;
	uint32_t handle;
	uint64_t size;
	uint32_t flags;
	void *map;
	struct pc_vm *vm;
	uint64_t va;
	uint64_t va_size;
};

/**
 * pc_bo_create() - allocate a BO (its contents are zero)
 * @dev: the device
 * @size: bytes; rounded up by the kernel
 * @flags: DRM_PANTHOR_BO_NO_MMAP, DRM_PANTHOR_BO_WB_MMAP (1.7)
 * @exclusive_vm: VM the BO is private to, or NULL
 * @bop: receives the BO
 *
 * Return: 0 or a negative errno.
 */
int pc_bo_create(struct pc_device *dev, uint64_t size, uint32_t flags,
		 struct pc_vm *exclusive_vm, struct pc_bo **bop);

/**
 * pc_bo_destroy() - unbind, unmap and close a BO (NULL is ignored)
 */
void pc_bo_destroy(struct pc_bo *bo);

/**
 * pc_bo_mmap() - map the whole BO for the CPU (once; later calls reuse it)
 * @bo: the BO
 * @ptr: if not NULL, receives the address
 *
 * Return: 0, -EPERM for a NO_MMAP BO, or another negative errno.
 */
int pc_bo_mmap(struct pc_bo *bo, void **ptr);

/**
 * pc_bo_set_label() - attach a debug label (1.4+); NULL clears it
 *
 * Return: 0, -EOPNOTSUPP below 1.4, or another negative errno.
 */
int pc_bo_set_label(struct pc_bo *bo, const char *label);

/**
 * pc_bo_export() - a dma-buf file descriptor for @bo (close it when done)
 *
 * Return: 0 or a negative errno (a VM-private BO cannot be exported).
 */
int pc_bo_export(struct pc_bo *bo, int *fd);

/**
 * pc_bo_import() - a BO for a dma-buf; @fd stays the caller's
 *
 * Return: 0 or a negative errno.
 */
int pc_bo_import(struct pc_device *dev, int fd, struct pc_bo **bop);

/**
 * pc_bo_query_info() - creation and extra flags of a BO (1.7+)
 *
 * Return: 0, -EOPNOTSUPP below 1.7, or another negative errno.
 */
int pc_bo_query_info(struct pc_bo *bo, uint32_t *create_flags,
		     uint32_t *extra_flags);

/**
 * pc_bo_sync() - CPU cache maintenance over a range of @bo (1.7+)
 * @bo: the BO
 * @type: DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH(_AND_INVALIDATE)
 * @offset: start of the range
 * @size: its length
 *
 * Return: 0, -EOPNOTSUPP below 1.7, or another negative errno.
 */
int pc_bo_sync(struct pc_bo *bo, uint32_t type, uint64_t offset,
	       uint64_t size);

/**
 * pc_bo_bind() - map the whole BO at a VA the VM's allocator picks
 * @bo: the BO, not bound yet
 * @vm: the VM
 * @flags: DRM_PANTHOR_VM_BIND_OP_MAP_* modifiers
 *
 * The BO remembers the binding; pc_bo_unbind() or pc_bo_destroy() undo
 * it. BOs of 2 MiB or more are 2 MiB aligned so huge pages can be used.
 *
 * Return: 0 or a negative errno.
 */
int pc_bo_bind(struct pc_bo *bo, struct pc_vm *vm, uint32_t flags);

/**
 * pc_bo_bind_async() - pc_bo_bind() queued behind @syncs' waits
 * @bo: the BO, not bound yet
 * @vm: the VM
 * @flags: DRM_PANTHOR_VM_BIND_OP_MAP_* modifiers
 * @syncs: what the mapping waits for, and signals once it is in place
 *
 * @bo->va is valid on return; GPU work must wait for a signal of @syncs
 * before it touches the BO.
 *
 * Return: 0 or a negative errno.
 */
int pc_bo_bind_async(struct pc_bo *bo, struct pc_vm *vm, uint32_t flags,
		     const struct pc_syncs *syncs);

/** pc_bo_unbind() - undo pc_bo_bind(); 0 if the BO was not bound */
int pc_bo_unbind(struct pc_bo *bo);

/**
 * pc_bo_new() - the usual BO: created, labelled, CPU-mapped, GPU-bound
 * @dev: the device
 * @vm: VM to bind it in
 * @size: bytes
 * @label: debug label (set only when the driver has labels), or NULL
 * @bop: receives the BO; @bop->map and @bop->va are valid
 *
 * Return: 0 or a negative errno; nothing is left behind on failure.
 */
int pc_bo_new(struct pc_device *dev, struct pc_vm *vm, uint64_t size,
	      const char *label, struct pc_bo **bop);

/* ---- syncobjs ---- */

/* Default for waits: long enough for a slow software model. */
#define PC_WAIT_TIMEOUT_NS	(30ll * 1000 * 1000 * 1000)

/**
 * pc_syncobj_create() - a new syncobj (binary or timeline: the same object)
 * @dev: the device
 * @signaled: create it already signalled
 * @handle: receives the handle
 *
 * Return: 0 or a negative errno.
 */
int pc_syncobj_create(struct pc_device *dev, bool signaled, uint32_t *handle);

/** pc_syncobj_destroy() - destroy a syncobj; 0 is ignored */
void pc_syncobj_destroy(struct pc_device *dev, uint32_t handle);

/**
 * pc_syncobj_wait() - wait for binary syncobjs
 * @dev: the device
 * @handles: the syncobjs
 * @count: how many
 * @all: wait for all of them rather than the first
 * @timeout_ns: relative timeout; negative: PC_WAIT_TIMEOUT_NS
 *
 * Return: 0, -ETIME on timeout, -EINVAL when a syncobj has no fence yet, or
 * another negative errno.
 */
int pc_syncobj_wait(struct pc_device *dev, const uint32_t *handles,
		    uint32_t count, bool all, int64_t timeout_ns);

/**
 * pc_syncobj_timeline_wait() - wait for timeline points
 * @dev: the device
 * @handles: the syncobjs
 * @points: a point per syncobj
 * @count: how many
 * @all: wait for all of them rather than the first
 * @timeout_ns: relative timeout; negative: PC_WAIT_TIMEOUT_NS
 *
 * A point that has no fence yet is waited for too (WAIT_FOR_SUBMIT).
 *
 * Return: 0, -ETIME on timeout, or another negative errno.
 */
int pc_syncobj_timeline_wait(struct pc_device *dev, const uint32_t *handles,
			     const uint64_t *points, uint32_t count, bool all,
			     int64_t timeout_ns);

/** pc_syncobj_signal() - signal a binary syncobj from the CPU */
int pc_syncobj_signal(struct pc_device *dev, uint32_t handle);

/** pc_syncobj_timeline_signal() - signal timeline point @point from the CPU */
int pc_syncobj_timeline_signal(struct pc_device *dev, uint32_t handle,
			       uint64_t point);

/** pc_syncobj_reset() - make a binary syncobj unsignalled (no fence) */
int pc_syncobj_reset(struct pc_device *dev, uint32_t handle);

/**
 * pc_syncobj_query() - last signalled point of a timeline syncobj
 *
 * Return: 0 or a negative errno.
 */
int pc_syncobj_query(struct pc_device *dev, uint32_t handle, uint64_t *point);

/**
 * pc_syncobj_export_sync_file() - a sync-file fd for a syncobj's fence
 * @dev: the device
 * @handle: the syncobj
 * @point: timeline point, or 0 for the binary fence
 * @fd: receives the sync file
 *
 * Return: 0 or a negative errno (-EINVAL when there is no fence yet).
 */
int pc_syncobj_export_sync_file(struct pc_device *dev, uint32_t handle,
				uint64_t point, int *fd);

/** pc_syncobj_import_sync_file() - make a sync file the syncobj's fence */
int pc_syncobj_import_sync_file(struct pc_device *dev, uint32_t handle,
				int fd);

/* ---- groups, queues and submission ---- */

/**
 * struct pc_group_params - how to create a group; zero fields get defaults
 * @queue_count: queues (default 1)
 * @priority: PANTHOR_GROUP_PRIORITY_* (default LOW, 0)
 * @queue_priority: priority of every queue in the group, 0..15 (default 0)
 * @ringbuf_size: kernel ring per queue, a power of two in [4 KiB, 64 KiB]
 *	(default 16 KiB)
 * @compute_core_mask: default shader_present
 * @fragment_core_mask: default shader_present
 * @tiler_core_mask: default tiler_present
 */
struct pc_group_params {
	uint32_t queue_count;
	uint8_t priority;
	uint8_t queue_priority;
	uint32_t ringbuf_size;
	uint64_t compute_core_mask;
	uint64_t fragment_core_mask;
	uint64_t tiler_core_mask;
};

#define PC_RINGBUF_DEFAULT	(16u * 1024)

/**
 * struct pc_group - a scheduling group of queues in one VM
 * @dev: its device
 * @vm: its VM
 * @handle: group handle
 * @queue_count: its queues
 */
struct pc_group {
	struct pc_device *dev;
	struct pc_vm *vm;
	uint32_t handle;
	uint32_t queue_count;
};

/**
 * pc_group_create() - create a group
 * @dev: the device
 * @vm: VM its queues run in
 * @params: NULL or partly zero for the defaults
 * @groupp: receives the group
 *
 * Return: 0 or a negative errno.
 */
int pc_group_create(struct pc_device *dev, struct pc_vm *vm,
		    const struct pc_group_params *params,
		    struct pc_group **groupp);

/** pc_group_destroy() - destroy a group; NULL is ignored */
int pc_group_destroy(struct pc_group *group);

/**
 * struct pc_group_state - what GROUP_GET_STATE says
 * @flags: DRM_PANTHOR_GROUP_STATE_* bits; 0 when healthy
 * @fatal_queues: queues that took a fatal fault
 */
struct pc_group_state {
	uint32_t flags;
	uint32_t fatal_queues;
};

/** pc_group_get_state() - health of a group */
int pc_group_get_state(struct pc_group *group, struct pc_group_state *state);

/**
 * pc_group_state_string() - "ok" or the state flags as words
 * @state: the state
 * @buf: where the text goes
 * @size: its size
 *
 * Return: @buf.
 */
const char *pc_group_state_string(const struct pc_group_state *state,
				  char *buf, size_t size);

/**
 * struct pc_job - one stream for one queue
 * @queue: queue index
 * @stream_va: GPU VA of the instructions, 64-byte aligned; 0 with
 *	@stream_size 0 for a synchronisation-only job
 * @stream_size: bytes, a multiple of 8
 * @syncs: what the job waits for and signals
 */
struct pc_job {
	uint32_t queue;
	uint64_t stream_va;
	uint32_t stream_size;
	struct pc_syncs syncs;
};

/**
 * pc_group_submit() - GROUP_SUBMIT jobs, queued in array order
 * @group: the group
 * @jobs: the jobs
 * @count: how many; all or none are queued
 *
 * latest_flush is pc_latest_flush_id() for every job.
 *
 * Return: 0 or a negative errno.
 */
int pc_group_submit(struct pc_group *group, const struct pc_job *jobs,
		    uint32_t count);

/* ---- tiler heaps ---- */

/**
 * struct pc_heap - a tiler heap
 * @vm: VM its context and chunks live in
 * @handle: heap handle
 * @ctx_va: GPU VA of the heap context (what HEAP_SET takes)
 * @first_chunk_va: GPU VA of the first chunk
 * @chunk_size: bytes per chunk
 * @max_chunks: chunks the heap may grow to
 */
struct pc_heap {
	struct pc_vm *vm;
	uint32_t handle;
	uint64_t ctx_va;
	uint64_t first_chunk_va;
	uint32_t chunk_size;
	uint32_t max_chunks;
};

/**
 * pc_heap_create() - create a tiler heap
 * @vm: the VM
 * @chunk_size: bytes per chunk, a page multiple in [128 KiB, 8 MiB]
 * @initial_chunks: chunks allocated now, at least 1
 * @max_chunks: most chunks the kernel hands out on tiler OOM
 * @target_in_flight: render passes in flight beyond which growth is refused
 * @heapp: receives the heap
 *
 * Return: 0 or a negative errno.
 */
int pc_heap_create(struct pc_vm *vm, uint32_t chunk_size,
		   uint32_t initial_chunks, uint32_t max_chunks,
		   uint32_t target_in_flight, struct pc_heap **heapp);

/** pc_heap_destroy() - destroy a tiler heap; NULL is ignored */
int pc_heap_destroy(struct pc_heap *heap);

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

#include "pc_cs.h"

#endif /* PANTHOR_CLIENT_H */
