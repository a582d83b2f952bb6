/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * Userspace interface of the panthor DRM driver (Arm Mali GPUs with a
 * Command Stream Frontend: Valhall v10 and later).
 *
 * This header is binary compatible with the upstream panthor uAPI: every
 * ioctl number, structure layout and constant below has the value upstream
 * gave it, so that unmodified Mesa and IGT build and run against it. The
 * layouts are checked at build time by testbed/abi/.
 *
 * Interface levels
 * ----------------
 * Userspace learns the level from DRM_IOCTL_VERSION: the driver is named
 * "panthor", its major version is 1 and its minor version says which of the
 * additions below are present. Every level keeps everything the levels
 * before it offered, so a minor of N promises all of 1.0 to 1.N.
 *
 *  - 1.0: ioctls DEV_QUERY to TILER_HEAP_DESTROY; GPU_INFO and CSIF_INFO
 *    queries; group priorities LOW, MEDIUM and HIGH.
 *  - 1.1: TIMESTAMP_INFO query.
 *  - 1.2: GROUP_PRIORITIES_INFO query and the REALTIME group priority.
 *  - 1.3: the INNOCENT group state flag.
 *  - 1.4: BO_SET_LABEL.
 *  - 1.5: SET_USER_MMIO_OFFSET.
 *  - 1.6: no interface change; GPU timestamps read by command streams are
 *    coherent with the ones DEV_QUERY reports.
 *  - 1.7: cached CPU mappings (BO flag WB_MMAP), BO_SYNC, BO_QUERY_INFO, and
 *    drm_panthor_gpu_info.selected_coherency.
 *  - 1.8: TIMESTAMP_INFO takes selection flags and reports more samples.
 *  - 1.9 (provisional here): MMU_INFO query and sparse mappings.
 *
 * drm_panthor_gpu_info.gpu_features was appended without a version change;
 * userspace finds it through the size DEV_QUERY reports.
 *
 * Conventions
 * -----------
 *  - "in" fields are read by the kernel, "out" fields are written by it.
 *  - Fields marked MBZ (must be zero) are checked: a non-zero value makes the
 *    ioctl fail with -EINVAL. This is how new fields are introduced without
 *    breaking old kernels: an old kernel rejects the request it cannot honour.
 *  - Every pointer travels as a __u64, whatever the process' word size, so
 *    the layouts are identical for 32-bit and 64-bit processes and no compat
 *    translation exists.
 *  - Arrays of variable-size elements go through &struct drm_panthor_obj_array.
 *  - GEM handles, VM ids, group handles and heap handles are private to the
 *    DRM file they were created on.
 */
#ifndef _PANTHOR_DRM_H_
#define _PANTHOR_DRM_H_

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

/*
 * User MMIO window
 * ----------------
 * A few GPU registers are exposed to userspace through mmap() on the DRM
 * file, at file offsets far above anything GEM hands out. Which of the two
 * window bases below is live for a file is chosen by the kernel at open time
 * (the 32-bit one for a 32-bit process on a 64-bit kernel) and can be changed
 * with DRM_IOCTL_PANTHOR_SET_USER_MMIO_OFFSET (1.5).
 *
 * The window holds a single page, at offset 0 of the window: the
 * LATEST_FLUSH_ID register, which userspace copies into
 * &drm_panthor_queue_submit.latest_flush. It must be mapped MAP_SHARED,
 * read-only, not executable and exactly one CPU page long; anything else
 * fails with -EINVAL.
 */

/**
 * DRM_PANTHOR_USER_MMIO_OFFSET_32BIT - window base reachable by 32-bit
 * processes (2^43)
 */
#define DRM_PANTHOR_USER_MMIO_OFFSET_32BIT	(1ull << 43)

/**
 * DRM_PANTHOR_USER_MMIO_OFFSET_64BIT - default window base of 64-bit
 * processes (2^56)
 */
#define DRM_PANTHOR_USER_MMIO_OFFSET_64BIT	(1ull << 56)

/**
 * DRM_PANTHOR_USER_MMIO_OFFSET - window base matching the word size of the
 * program that is being compiled
 *
 * Evaluated in the compiling program: a 32-bit build gets the 32-bit base,
 * because a 32-bit process passes mmap offsets to the kernel in pages, in a
 * 32-bit word, and so cannot name 2^56.
 */
#define DRM_PANTHOR_USER_MMIO_OFFSET \
	(sizeof(unsigned long) < 8 ? DRM_PANTHOR_USER_MMIO_OFFSET_32BIT : \
				     DRM_PANTHOR_USER_MMIO_OFFSET_64BIT)

/**
 * DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET - file offset of the LATEST_FLUSH_ID
 * page, the first page of the window
 */
#define DRM_PANTHOR_USER_FLUSH_ID_MMIO_OFFSET	(DRM_PANTHOR_USER_MMIO_OFFSET + 0)

/**
 * enum drm_panthor_ioctl_id - index of each ioctl in the driver's table
 *
 * The ioctl number is DRM_COMMAND_BASE plus this index. The values are
 * frozen: new ioctls are only ever appended.
 */
enum drm_panthor_ioctl_id {
	/** @DRM_PANTHOR_DEV_QUERY: read a block of device information. */
	DRM_PANTHOR_DEV_QUERY = 0,

	/** @DRM_PANTHOR_VM_CREATE: create a GPU address space. */
	DRM_PANTHOR_VM_CREATE = 1,

	/** @DRM_PANTHOR_VM_DESTROY: tear down a GPU address space. */
	DRM_PANTHOR_VM_DESTROY = 2,

	/** @DRM_PANTHOR_VM_BIND: map, unmap or synchronise in an address space. */
	DRM_PANTHOR_VM_BIND = 3,

	/** @DRM_PANTHOR_VM_GET_STATE: tell whether an address space is usable. */
	DRM_PANTHOR_VM_GET_STATE = 4,

	/** @DRM_PANTHOR_BO_CREATE: allocate a buffer object. */
	DRM_PANTHOR_BO_CREATE = 5,

	/** @DRM_PANTHOR_BO_MMAP_OFFSET: get the file offset to mmap() a BO at. */
	DRM_PANTHOR_BO_MMAP_OFFSET = 6,

	/** @DRM_PANTHOR_GROUP_CREATE: create a scheduling group of queues. */
	DRM_PANTHOR_GROUP_CREATE = 7,

	/** @DRM_PANTHOR_GROUP_DESTROY: destroy a scheduling group. */
	DRM_PANTHOR_GROUP_DESTROY = 8,

	/** @DRM_PANTHOR_GROUP_SUBMIT: queue command streams on a group. */
	DRM_PANTHOR_GROUP_SUBMIT = 9,

	/** @DRM_PANTHOR_GROUP_GET_STATE: read the health of a group. */
	DRM_PANTHOR_GROUP_GET_STATE = 10,

	/** @DRM_PANTHOR_TILER_HEAP_CREATE: create a growable tiler heap. */
	DRM_PANTHOR_TILER_HEAP_CREATE = 11,

	/** @DRM_PANTHOR_TILER_HEAP_DESTROY: destroy a tiler heap. */
	DRM_PANTHOR_TILER_HEAP_DESTROY = 12,

	/** @DRM_PANTHOR_BO_SET_LABEL: attach a debug label to a BO (1.4). */
	DRM_PANTHOR_BO_SET_LABEL = 13,

	/** @DRM_PANTHOR_SET_USER_MMIO_OFFSET: pick the user MMIO window (1.5). */
	DRM_PANTHOR_SET_USER_MMIO_OFFSET = 14,

	/** @DRM_PANTHOR_BO_SYNC: CPU cache maintenance on BO ranges (1.7). */
	DRM_PANTHOR_BO_SYNC = 15,

	/** @DRM_PANTHOR_BO_QUERY_INFO: read how a BO was created (1.7). */
	DRM_PANTHOR_BO_QUERY_INFO = 16,
};

/* ------------------------------------------------------------------------ */
/* Building blocks shared by several ioctls                                 */
/* ------------------------------------------------------------------------ */

/**
 * struct drm_panthor_obj_array - a userspace array of extensible elements
 *
 * The element type is fixed by the field that embeds the array; @stride lets
 * it grow. When @stride is larger than the kernel's element, the extra bytes
 * of each element must be zero (-E2BIG otherwise); when it is smaller, but
 * still at least the element's size at the time the type was introduced, the
 * missing trailing fields read as zero. A @stride below that minimum fails
 * with -EINVAL, and an unreadable array with -EFAULT.
 */
struct drm_panthor_obj_array {
	/** @stride: in, distance in bytes between two consecutive elements. */
	__u32 stride;

	/**
	 * @count: in, number of elements. Zero means the array is not read at
	 * all, and @stride and @array are then ignored.
	 */
	__u32 count;

	/** @array: in, user address of the first element. */
	__u64 array;
};

/**
 * DRM_PANTHOR_OBJ_ARRAY() - fill a &struct drm_panthor_obj_array from a C array
 * @cnt: number of elements
 * @ptr: pointer to the first element; its type gives the stride
 */
#define DRM_PANTHOR_OBJ_ARRAY(cnt, ptr) \
	{ .stride = sizeof((ptr)[0]), .count = (cnt), \
	  .array = (__u64)(unsigned long)(ptr) }

/**
 * enum drm_panthor_sync_op_flags - bits of &drm_panthor_sync_op.flags
 *
 * Only the handle-type field (bits 0-7) and the direction bit (bit 31) are
 * defined; a sync operation with any other bit set is rejected with -EINVAL.
 */
enum drm_panthor_sync_op_flags {
	/** @DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK: field holding the handle type. */
	DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK = 0xff,

	/**
	 * @DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ: the handle is a binary
	 * syncobj; &drm_panthor_sync_op.timeline_value must be zero.
	 */
	DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ = 0,

	/**
	 * @DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ: the handle is a
	 * timeline syncobj and &drm_panthor_sync_op.timeline_value names the
	 * point.
	 */
	DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ = 1,

	/** @DRM_PANTHOR_SYNC_OP_WAIT: the work waits for the syncobj (bit 31 clear). */
	DRM_PANTHOR_SYNC_OP_WAIT = 0,

	/**
	 * @DRM_PANTHOR_SYNC_OP_SIGNAL: the syncobj receives the work's
	 * completion fence (bit 31 set). A binary syncobj has its fence
	 * replaced; a timeline syncobj gains the point.
	 */
	DRM_PANTHOR_SYNC_OP_SIGNAL = (int)(1u << 31),
};

/**
 * struct drm_panthor_sync_op - one wait on, or one signal of, a DRM syncobj
 *
 * Used by asynchronous VM_BIND operations and by GROUP_SUBMIT. A signal of an
 * unknown syncobj fails with -EINVAL, a wait on one with -ENOENT, and a wait
 * on a syncobj (or timeline point) that has no fence yet with -EINVAL.
 */
struct drm_panthor_sync_op {
	/** @flags: in, combination of &enum drm_panthor_sync_op_flags. */
	__u32 flags;

	/** @handle: in, syncobj handle on this DRM file. */
	__u32 handle;

	/**
	 * @timeline_value: in, point to wait on or to signal on a timeline
	 * syncobj. Must be zero for a binary syncobj (-EINVAL otherwise).
	 */
	__u64 timeline_value;
};

/* ------------------------------------------------------------------------ */
/* DEV_QUERY                                                                */
/* ------------------------------------------------------------------------ */

/**
 * enum drm_panthor_dev_query_type - what a DEV_QUERY reads
 *
 * An unknown type fails with -EINVAL.
 */
enum drm_panthor_dev_query_type {
	/** @DRM_PANTHOR_DEV_QUERY_GPU_INFO: &struct drm_panthor_gpu_info. */
	DRM_PANTHOR_DEV_QUERY_GPU_INFO = 0,

	/** @DRM_PANTHOR_DEV_QUERY_CSIF_INFO: &struct drm_panthor_csif_info. */
	DRM_PANTHOR_DEV_QUERY_CSIF_INFO = 1,

	/** @DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO: &struct drm_panthor_timestamp_info (1.1). */
	DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO = 2,

	/**
	 * @DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO:
	 * &struct drm_panthor_group_priorities_info (1.2).
	 */
	DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO = 3,

	/** @DRM_PANTHOR_DEV_QUERY_MMU_INFO: &struct drm_panthor_mmu_info (1.9). */
	DRM_PANTHOR_DEV_QUERY_MMU_INFO = 4,
};

/**
 * enum drm_panthor_gpu_coherency - coherency protocol between GPU and CPU (1.7)
 *
 * The values are protocol numbers, so bit N of
 * &drm_panthor_gpu_info.coherency_features stands for protocol N.
 */
enum drm_panthor_gpu_coherency {
	/** @DRM_PANTHOR_GPU_COHERENCY_ACE_LITE: ACE-Lite, one-way IO coherency. */
	DRM_PANTHOR_GPU_COHERENCY_ACE_LITE = 0,

	/** @DRM_PANTHOR_GPU_COHERENCY_ACE: full ACE coherency. */
	DRM_PANTHOR_GPU_COHERENCY_ACE = 1,

	/** @DRM_PANTHOR_GPU_COHERENCY_NONE: the GPU is not coherent with the CPU. */
	DRM_PANTHOR_GPU_COHERENCY_NONE = 31,
};

/*
 * Field decoders for &drm_panthor_gpu_info.gpu_id (architecture, product and
 * silicon version), .csf_id (command stream hardware and MCU versions) and
 * .mmu_features. Each takes the raw register value.
 */
#define DRM_PANTHOR_ARCH_MAJOR(x)	(((x) >> 28) & 0xf)	/* GPU_ID[31:28] */
#define DRM_PANTHOR_ARCH_MINOR(x)	(((x) >> 24) & 0xf)	/* GPU_ID[27:24] */
#define DRM_PANTHOR_ARCH_REV(x)		(((x) >> 20) & 0xf)	/* GPU_ID[23:20] */
#define DRM_PANTHOR_PRODUCT_MAJOR(x)	(((x) >> 16) & 0xf)	/* GPU_ID[19:16] */
#define DRM_PANTHOR_VERSION_MAJOR(x)	(((x) >> 12) & 0xf)	/* GPU_ID[15:12] */
#define DRM_PANTHOR_VERSION_MINOR(x)	(((x) >> 4) & 0xff)	/* GPU_ID[11:4] */
#define DRM_PANTHOR_VERSION_STATUS(x)	((x) & 0xf)		/* GPU_ID[3:0] */

#define DRM_PANTHOR_CSHW_MAJOR(x)	(((x) >> 26) & 0x3f)	/* CSF_ID[31:26] */
#define DRM_PANTHOR_CSHW_MINOR(x)	(((x) >> 20) & 0x3f)	/* CSF_ID[25:20] */
#define DRM_PANTHOR_CSHW_REV(x)		(((x) >> 16) & 0xf)	/* CSF_ID[19:16] */
#define DRM_PANTHOR_MCU_MAJOR(x)	(((x) >> 10) & 0x3f)	/* CSF_ID[15:10] */
#define DRM_PANTHOR_MCU_MINOR(x)	(((x) >> 4) & 0x3f)	/* CSF_ID[9:4] */
#define DRM_PANTHOR_MCU_REV(x)		((x) & 0xf)		/* CSF_ID[3:0] */

/* Number of GPU virtual address bits: MMU_FEATURES[7:0]. */
#define DRM_PANTHOR_MMU_VA_BITS(x)	((x) & 0xff)

/**
 * struct drm_panthor_gpu_info - identity and capabilities of the GPU
 *
 * Output of DRM_PANTHOR_DEV_QUERY_GPU_INFO. Most fields are raw copies of a
 * GPU_CONTROL register, named after it. A query buffer must hold at least
 * everything up to and including @tiler_present (96 bytes), -EINVAL
 * otherwise.
 */
struct drm_panthor_gpu_info {
	/**
	 * @gpu_id: out, GPU_ID: architecture major/minor/revision, product
	 * major and silicon version. See DRM_PANTHOR_ARCH_MAJOR() and friends.
	 */
	__u32 gpu_id;

	/** @gpu_rev: out, GPU_REVID. */
	__u32 gpu_rev;

	/**
	 * @csf_id: out, CSF_ID: versions of the command stream hardware and
	 * of the MCU. See DRM_PANTHOR_CSHW_MAJOR() and DRM_PANTHOR_MCU_MAJOR().
	 */
	__u32 csf_id;

	/** @l2_features: out, L2_FEATURES (L2 cache geometry). */
	__u32 l2_features;

	/** @tiler_features: out, TILER_FEATURES. */
	__u32 tiler_features;

	/** @mem_features: out, MEM_FEATURES. */
	__u32 mem_features;

	/**
	 * @mmu_features: out, MMU_FEATURES. The low byte is the number of
	 * GPU virtual address bits; see DRM_PANTHOR_MMU_VA_BITS().
	 */
	__u32 mmu_features;

	/**
	 * @thread_features: out, THREAD_FEATURES: register file size per
	 * core in bits 21:0 and the task limit per core in bits 31:24.
	 */
	__u32 thread_features;

	/** @max_threads: out, THREAD_MAX_THREADS. */
	__u32 max_threads;

	/** @thread_max_workgroup_size: out, THREAD_MAX_WORKGROUP_SIZE. */
	__u32 thread_max_workgroup_size;

	/** @thread_max_barrier_size: out, THREAD_MAX_BARRIER_SIZE. */
	__u32 thread_max_barrier_size;

	/**
	 * @coherency_features: out, COHERENCY_FEATURES: bit N is set when the
	 * GPU can speak protocol N of &enum drm_panthor_gpu_coherency.
	 */
	__u32 coherency_features;

	/** @texture_features: out, TEXTURE_FEATURES_0 to TEXTURE_FEATURES_3. */
	__u32 texture_features[4];

	/** @as_present: out, AS_PRESENT: bitmask of MMU address-space slots. */
	__u32 as_present;

	/**
	 * @selected_coherency: out (1.7), the &enum drm_panthor_gpu_coherency
	 * protocol the kernel actually enabled. DRM_PANTHOR_GPU_COHERENCY_NONE
	 * on a system where GPU and CPU are not coherent. Before 1.7 this was
	 * a zero pad, so it only means something from minor 7 on.
	 */
	__u32 selected_coherency;

	/** @shader_present: out, bitmask of the shader cores present. */
	__u64 shader_present;

	/** @l2_present: out, bitmask of the L2 cache slices present. */
	__u64 l2_present;

	/** @tiler_present: out, bitmask of the tiler units present. */
	__u64 tiler_present;

	/** @core_features: out, CORE_FEATURES; the low byte is the core variant. */
	__u32 core_features;

	/** @pad: out, always zero. */
	__u32 pad;

	/**
	 * @gpu_features: out, GPU_FEATURES on architecture 11 and later, zero
	 * on older GPUs. Added without a minor bump: only present when the
	 * reported query size is at least 112.
	 */
	__u64 gpu_features;
};

/**
 * struct drm_panthor_csif_info - shape of the command stream interface
 *
 * Output of DRM_PANTHOR_DEV_QUERY_CSIF_INFO, as the firmware advertises it.
 * The whole structure (24 bytes) must fit in the query buffer.
 */
struct drm_panthor_csif_info {
	/** @csg_slot_count: out, groups the firmware can have resident at once. */
	__u32 csg_slot_count;

	/**
	 * @cs_slot_count: out, command streams per group slot, which is also
	 * the most queues a group may be created with.
	 */
	__u32 cs_slot_count;

	/** @cs_reg_count: out, registers available to each command stream. */
	__u32 cs_reg_count;

	/** @scoreboard_slot_count: out, scoreboard entries per command stream. */
	__u32 scoreboard_slot_count;

	/**
	 * @unpreserved_cs_reg_count: out, number of the highest-numbered CS
	 * registers the kernel's own ring-buffer code clobbers around each
	 * submitted stream. User streams must not rely on them surviving a
	 * submit.
	 */
	__u32 unpreserved_cs_reg_count;

	/** @pad: out, always zero. */
	__u32 pad;
};

/**
 * enum drm_panthor_timestamp_info_flags - what a TIMESTAMP_INFO query samples (1.8)
 *
 * Written by userspace into &drm_panthor_timestamp_info.flags. Zero selects
 * DRM_PANTHOR_TIMESTAMP_GPU | DRM_PANTHOR_TIMESTAMP_GPU_OFFSET |
 * DRM_PANTHOR_TIMESTAMP_FREQ, which is what every query returned before 1.8.
 * A bit outside 0xff, or a CPU clock selector other than NONE, MONOTONIC or
 * MONOTONIC_RAW, fails with -EINVAL.
 */
enum drm_panthor_timestamp_info_flags {
	/** @DRM_PANTHOR_TIMESTAMP_GPU: sample the GPU timestamp counter. */
	DRM_PANTHOR_TIMESTAMP_GPU = 1 << 0,

	/** @DRM_PANTHOR_TIMESTAMP_CPU_NONE: take no CPU time sample. */
	DRM_PANTHOR_TIMESTAMP_CPU_NONE = 0 << 1,

	/** @DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC: sample CLOCK_MONOTONIC. */
	DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC = 1 << 1,

	/** @DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC_RAW: sample CLOCK_MONOTONIC_RAW. */
	DRM_PANTHOR_TIMESTAMP_CPU_MONOTONIC_RAW = 2 << 1,

	/** @DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK: field holding the CPU clock selector. */
	DRM_PANTHOR_TIMESTAMP_CPU_TYPE_MASK = 7 << 1,

	/** @DRM_PANTHOR_TIMESTAMP_GPU_OFFSET: read the GPU timestamp offset. */
	DRM_PANTHOR_TIMESTAMP_GPU_OFFSET = 1 << 4,

	/** @DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT: sample the GPU cycle counter. */
	DRM_PANTHOR_TIMESTAMP_GPU_CYCLE_COUNT = 1 << 5,

	/** @DRM_PANTHOR_TIMESTAMP_FREQ: report the timestamp frequency. */
	DRM_PANTHOR_TIMESTAMP_FREQ = 1 << 6,

	/**
	 * @DRM_PANTHOR_TIMESTAMP_DURATION: report how long the sampling took.
	 * The samples are then taken back to back with interrupts off, as they
	 * also are whenever two or more of GPU time, CPU time and cycle count
	 * are requested.
	 */
	DRM_PANTHOR_TIMESTAMP_DURATION = 1 << 7,
};

/**
 * struct drm_panthor_timestamp_info - GPU (and CPU) time sample (1.1)
 *
 * Output of DRM_PANTHOR_DEV_QUERY_TIMESTAMP_INFO. From 1.1 to 1.7 the
 * structure ended after @timestamp_offset (24 bytes); 1.8 grew it to 56 bytes
 * and made it an input as well: the kernel first reads the caller's buffer
 * (as much of it as it knows; any longer tail must be zero, -E2BIG otherwise)
 * to pick up @flags, then writes the samples back. A 24-byte caller therefore
 * gets the 1.1 behaviour. Samples that were not requested read as zero. The
 * buffer must hold at least 16 bytes (-EINVAL otherwise).
 */
struct drm_panthor_timestamp_info {
	/**
	 * @timestamp_frequency: out, frequency of the GPU timestamp counter in
	 * Hz, or zero when unknown or not requested.
	 */
	__u64 timestamp_frequency;

	/** @current_timestamp: out, value of the GPU timestamp counter. */
	__u64 current_timestamp;

	/** @timestamp_offset: out, the GPU's TIMESTAMP_OFFSET register. */
	__u64 timestamp_offset;

	/**
	 * @flags: in (1.8), combination of
	 * &enum drm_panthor_timestamp_info_flags; zero means the default set.
	 */
	__u32 flags;

	/**
	 * @duration_nsec: out (1.8), nanoseconds the sampling took, when
	 * DRM_PANTHOR_TIMESTAMP_DURATION was requested, zero otherwise.
	 */
	__u32 duration_nsec;

	/** @cycle_count: out (1.8), GPU cycle counter when requested. */
	__u64 cycle_count;

	/** @cpu_timestamp_sec: out (1.8), seconds of the requested CPU clock. */
	__u64 cpu_timestamp_sec;

	/** @cpu_timestamp_nsec: out (1.8), nanoseconds of the requested CPU clock. */
	__u64 cpu_timestamp_nsec;
};

/**
 * struct drm_panthor_group_priorities_info - group priorities this file may use (1.2)
 *
 * Output of DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO. The answer is
 * computed for the calling file at the time of the call.
 */
struct drm_panthor_group_priorities_info {
	/**
	 * @allowed_mask: out, bit P is set when groups of
	 * &enum drm_panthor_group_priority P may be created. LOW and MEDIUM are
	 * always allowed; HIGH and REALTIME need CAP_SYS_NICE or DRM master.
	 */
	__u8 allowed_mask;

	/** @pad: out, always zero. */
	__u8 pad[3];
};

/**
 * struct drm_panthor_mmu_info - GPU MMU properties (1.9, provisional)
 *
 * Output of DRM_PANTHOR_DEV_QUERY_MMU_INFO.
 */
struct drm_panthor_mmu_info {
	/**
	 * @page_size_bitmap: out, bit N is set when the GPU MMU can map pages
	 * (or blocks) of 2^N bytes.
	 */
	__u64 page_size_bitmap;
};

/**
 * struct drm_panthor_dev_query - argument of DRM_IOCTL_PANTHOR_DEV_QUERY
 *
 * Two-step protocol: call with @pointer zero to learn the kernel's structure
 * size for @type, then call again with a buffer. The kernel copies
 * min(@size, its size) bytes and zeroes the rest of a larger user buffer, so
 * a program built against a newer header sees zero in fields this kernel
 * does not know. Errors: -EINVAL for an unknown @type or a @size below the
 * type's minimum, -EFAULT for a bad @pointer.
 */
struct drm_panthor_dev_query {
	/** @type: in, one of &enum drm_panthor_dev_query_type. */
	__u32 type;

	/**
	 * @size: with @pointer zero, out: the kernel's size of the queried
	 * structure. With @pointer set, in: the size of the user buffer; the
	 * kernel does not write it back then.
	 */
	__u32 size;

	/** @pointer: in, user address of the buffer, or zero to query the size. */
	__u64 pointer;
};

/* ------------------------------------------------------------------------ */
/* GPU virtual address spaces (VMs)                                         */
/* ------------------------------------------------------------------------ */

/**
 * struct drm_panthor_vm_create - argument of DRM_IOCTL_PANTHOR_VM_CREATE
 *
 * The GPU address space is split in two: the user range, which starts at
 * zero and is managed with VM_BIND, and a kernel range above it, where the
 * kernel places objects of its own (tiler heaps, for instance). A file may
 * own up to 32 VMs (-EBUSY beyond that).
 */
struct drm_panthor_vm_create {
	/** @flags: in, MBZ; no flags are defined. */
	__u32 flags;

	/** @id: out, identifier of the new VM, 1 to 32. */
	__u32 id;

	/**
	 * @user_va_range: in: size of the user range wanted, or zero to let
	 * the kernel choose. A request that leaves less than 256 MiB for the
	 * kernel range fails with -EINVAL. Out: where the user range really
	 * ends, i.e. where the kernel range starts. This can be above the
	 * request; every VM_BIND range must end below it.
	 */
	__u64 user_va_range;
};

/**
 * struct drm_panthor_vm_destroy - argument of DRM_IOCTL_PANTHOR_VM_DESTROY
 *
 * Unmaps everything and releases the VM id. Work still running in the VM
 * faults. An unknown id fails with -EINVAL.
 */
struct drm_panthor_vm_destroy {
	/** @id: in, the VM to destroy. */
	__u32 id;

	/** @pad: in, MBZ. */
	__u32 pad;
};

/**
 * enum drm_panthor_vm_bind_op_flags - bits of &drm_panthor_vm_bind_op.flags
 *
 * Bits 28-31 hold the operation type; the low bits are modifiers, only valid
 * on a MAP. A type of 3 or more, or a modifier the type does not take, fails
 * with -EINVAL.
 */
enum drm_panthor_vm_bind_op_flags {
	/** @DRM_PANTHOR_VM_BIND_OP_MAP_READONLY: the GPU may not write the mapping. */
	DRM_PANTHOR_VM_BIND_OP_MAP_READONLY = 1 << 0,

	/** @DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC: the GPU may not execute from the mapping. */
	DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC = 1 << 1,

	/** @DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED: GPU accesses bypass its caches. */
	DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED = 1 << 2,

	/**
	 * @DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE: (1.9, provisional) back the
	 * whole range with one dummy page repeated; reads return undefined
	 * data. &drm_panthor_vm_bind_op.bo_handle and .bo_offset must be zero
	 * and DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC must be set.
	 */
	DRM_PANTHOR_VM_BIND_OP_MAP_SPARSE = 1 << 3,

	/** @DRM_PANTHOR_VM_BIND_OP_TYPE_MASK: field holding the operation type. */
	DRM_PANTHOR_VM_BIND_OP_TYPE_MASK = (int)(0xfu << 28),

	/** @DRM_PANTHOR_VM_BIND_OP_TYPE_MAP: map a BO range at a GPU address. */
	DRM_PANTHOR_VM_BIND_OP_TYPE_MAP = 0 << 28,

	/**
	 * @DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP: remove whatever is mapped in a
	 * GPU range. Nothing mapped is not an error; mappings that straddle
	 * the range edges are split.
	 */
	DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP = 1 << 28,

	/**
	 * @DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY: change nothing, only wait
	 * and signal. Needs a non-empty &drm_panthor_vm_bind_op.syncs, so it
	 * is only valid on an asynchronous bind.
	 */
	DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY = 2 << 28,
};

/**
 * struct drm_panthor_vm_bind_op - one operation of a VM_BIND
 *
 * @va, @size and @bo_offset must be multiples of the GPU page size (4 KiB,
 * whatever the CPU page size), and [@va, @va + @size) must lie below the
 * user range end returned by VM_CREATE; -EINVAL otherwise.
 */
struct drm_panthor_vm_bind_op {
	/** @flags: in, &enum drm_panthor_vm_bind_op_flags. */
	__u32 flags;

	/**
	 * @bo_handle: in, GEM handle of the BO to map (an unknown one gives
	 * -EINVAL). Must be zero for UNMAP, SYNC_ONLY and sparse maps.
	 */
	__u32 bo_handle;

	/**
	 * @bo_offset: in, offset of the mapped range in the BO. Must be zero
	 * for UNMAP, SYNC_ONLY and sparse maps; for a MAP the range must lie
	 * within the BO.
	 */
	__u64 bo_offset;

	/** @va: in, GPU virtual address of the range; zero for SYNC_ONLY. */
	__u64 va;

	/**
	 * @size: in, length of the range in bytes; zero for SYNC_ONLY. A
	 * synchronous operation of size zero is skipped.
	 */
	__u64 size;

	/**
	 * @syncs: in, array of &struct drm_panthor_sync_op. Must be empty
	 * unless the bind is asynchronous; the waits gate this operation and
	 * the signals receive its completion fence.
	 */
	struct drm_panthor_obj_array syncs;
};

/**
 * enum drm_panthor_vm_bind_flags - bits of &drm_panthor_vm_bind.flags
 */
enum drm_panthor_vm_bind_flags {
	/**
	 * @DRM_PANTHOR_VM_BIND_ASYNC: validate every operation now but run
	 * them later, in order, on the VM's bind queue. Nothing is queued if
	 * any operation is invalid. When a queued operation fails, the VM
	 * becomes unusable (see &enum drm_panthor_vm_state).
	 */
	DRM_PANTHOR_VM_BIND_ASYNC = 1 << 0,
};

/**
 * struct drm_panthor_vm_bind - argument of DRM_IOCTL_PANTHOR_VM_BIND
 *
 * Without DRM_PANTHOR_VM_BIND_ASYNC the operations are applied one by one
 * before the ioctl returns, and the first failure stops the walk; the
 * operations before it stay applied. An unknown @vm_id fails with -EINVAL.
 */
struct drm_panthor_vm_bind {
	/** @vm_id: in, the VM to operate on. */
	__u32 vm_id;

	/** @flags: in, &enum drm_panthor_vm_bind_flags. */
	__u32 flags;

	/**
	 * @ops: in, array of &struct drm_panthor_vm_bind_op. Out, synchronous
	 * mode only, on failure: @ops.count is rewritten to the index of the
	 * operation that failed, which is the number of operations applied.
	 */
	struct drm_panthor_obj_array ops;
};

/**
 * enum drm_panthor_vm_state - health of a VM
 */
enum drm_panthor_vm_state {
	/** @DRM_PANTHOR_VM_STATE_USABLE: the VM accepts every operation. */
	DRM_PANTHOR_VM_STATE_USABLE = 0,

	/**
	 * @DRM_PANTHOR_VM_STATE_UNUSABLE: an asynchronous operation failed
	 * and the mappings no longer match what userspace asked for. MAPs are
	 * refused with -EINVAL; UNMAPs still work so the VM can be torn down.
	 */
	DRM_PANTHOR_VM_STATE_UNUSABLE = 1,
};

/**
 * struct drm_panthor_vm_get_state - argument of DRM_IOCTL_PANTHOR_VM_GET_STATE
 *
 * An unknown @vm_id fails with -EINVAL.
 */
struct drm_panthor_vm_get_state {
	/** @vm_id: in, the VM to look at. */
	__u32 vm_id;

	/** @state: out, one of &enum drm_panthor_vm_state. */
	__u32 state;
};

/* ------------------------------------------------------------------------ */
/* Buffer objects                                                           */
/* ------------------------------------------------------------------------ */

/**
 * enum drm_panthor_bo_flags - creation flags of a BO
 *
 * An unknown flag fails with -EINVAL.
 */
enum drm_panthor_bo_flags {
	/**
	 * @DRM_PANTHOR_BO_NO_MMAP: the BO is never mapped on the CPU;
	 * DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET on it fails with -EPERM.
	 */
	DRM_PANTHOR_BO_NO_MMAP = 1 << 0,

	/**
	 * @DRM_PANTHOR_BO_WB_MMAP: (1.7) map the BO cached (write-back) on
	 * the CPU even when the GPU is not coherent; userspace then keeps the
	 * caches in step with DRM_IOCTL_PANTHOR_BO_SYNC. Without it, BOs of a
	 * non-coherent device are mapped write-combined. Cannot be combined
	 * with DRM_PANTHOR_BO_NO_MMAP (-EINVAL).
	 */
	DRM_PANTHOR_BO_WB_MMAP = 1 << 1,
};

/**
 * struct drm_panthor_bo_create - argument of DRM_IOCTL_PANTHOR_BO_CREATE
 *
 * The BO's memory starts zeroed.
 */
struct drm_panthor_bo_create {
	/**
	 * @size: in: the size wanted, not zero (-EINVAL). Out: the size
	 * allocated, rounded up to the CPU page size.
	 */
	__u64 size;

	/** @flags: in, &enum drm_panthor_bo_flags. */
	__u32 flags;

	/**
	 * @exclusive_vm_id: in, zero, or the id of a VM of this file (-EINVAL
	 * if there is no such VM). A BO tied to a VM shares that VM's
	 * reservation object, can only be mapped in that VM and cannot be
	 * exported.
	 */
	__u32 exclusive_vm_id;

	/** @handle: out, GEM handle of the new BO; never zero. */
	__u32 handle;

	/** @pad: in, MBZ. */
	__u32 pad;
};

/**
 * struct drm_panthor_bo_mmap_offset - argument of DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET
 *
 * Errors: -ENOENT for an unknown handle, -EPERM for a BO created with
 * DRM_PANTHOR_BO_NO_MMAP.
 */
struct drm_panthor_bo_mmap_offset {
	/** @handle: in, GEM handle of the BO. */
	__u32 handle;

	/** @pad: in, MBZ. */
	__u32 pad;

	/** @offset: out, file offset to pass to mmap() on the DRM file. */
	__u64 offset;
};

/* ------------------------------------------------------------------------ */
/* Scheduling groups and queues                                             */
/* ------------------------------------------------------------------------ */

/**
 * struct drm_panthor_queue_create - one queue of a new group
 *
 * Element of &drm_panthor_group_create.queues.
 */
struct drm_panthor_queue_create {
	/**
	 * @priority: in, priority of the queue among the queues of its group,
	 * 0 (lowest) to 15 (highest).
	 */
	__u8 priority;

	/** @pad: in, MBZ. */
	__u8 pad[3];

	/**
	 * @ringbuf_size: in, size in bytes of the kernel ring buffer that
	 * feeds the queue: a power of two from 4 KiB to 64 KiB.
	 */
	__u32 ringbuf_size;
};

/**
 * enum drm_panthor_group_priority - scheduling priority of a group
 *
 * HIGH and REALTIME require CAP_SYS_NICE or DRM master (-EACCES otherwise);
 * DRM_PANTHOR_DEV_QUERY_GROUP_PRIORITIES_INFO tells which ones a file may
 * use. A value above REALTIME fails with -EINVAL.
 */
enum drm_panthor_group_priority {
	/** @PANTHOR_GROUP_PRIORITY_LOW: background work. */
	PANTHOR_GROUP_PRIORITY_LOW = 0,

	/** @PANTHOR_GROUP_PRIORITY_MEDIUM: ordinary work. */
	PANTHOR_GROUP_PRIORITY_MEDIUM = 1,

	/** @PANTHOR_GROUP_PRIORITY_HIGH: latency-sensitive work; privileged. */
	PANTHOR_GROUP_PRIORITY_HIGH = 2,

	/** @PANTHOR_GROUP_PRIORITY_REALTIME: above all others; privileged (1.2). */
	PANTHOR_GROUP_PRIORITY_REALTIME = 3,
};

/**
 * struct drm_panthor_group_create - argument of DRM_IOCTL_PANTHOR_GROUP_CREATE
 *
 * A group is the unit the firmware schedules: a set of queues that share a
 * VM, a priority and a subset of the GPU's cores. A file may own up to 128
 * groups (-EBUSY beyond that). Every invalid field gives -EINVAL, except a
 * priority the caller is not entitled to (-EACCES).
 */
struct drm_panthor_group_create {
	/**
	 * @queues: in, array of &struct drm_panthor_queue_create, one to
	 * &drm_panthor_csif_info.cs_slot_count entries.
	 */
	struct drm_panthor_obj_array queues;

	/**
	 * @max_compute_cores: in, most cores of @compute_core_mask that
	 * compute work may run on at once; at most the number of bits set in
	 * the mask.
	 */
	__u8 max_compute_cores;

	/**
	 * @max_fragment_cores: in, most cores of @fragment_core_mask that
	 * fragment work may run on at once; at most the number of bits set in
	 * the mask.
	 */
	__u8 max_fragment_cores;

	/**
	 * @max_tiler_cores: in, most tiler units of @tiler_core_mask used at
	 * once; at most the number of bits set in the mask.
	 */
	__u8 max_tiler_cores;

	/** @priority: in, one of &enum drm_panthor_group_priority. */
	__u8 priority;

	/** @pad: in, MBZ. */
	__u32 pad;

	/**
	 * @compute_core_mask: in, shader cores compute work may use; a subset
	 * of &drm_panthor_gpu_info.shader_present.
	 */
	__u64 compute_core_mask;

	/**
	 * @fragment_core_mask: in, shader cores fragment work may use; a
	 * subset of &drm_panthor_gpu_info.shader_present.
	 */
	__u64 fragment_core_mask;

	/**
	 * @tiler_core_mask: in, tiler units the group may use; a subset of
	 * &drm_panthor_gpu_info.tiler_present.
	 */
	__u64 tiler_core_mask;

	/** @vm_id: in, VM every queue of the group runs in. */
	__u32 vm_id;

	/** @group_handle: out, handle of the new group, 1 to 128. */
	__u32 group_handle;
};

/**
 * struct drm_panthor_group_destroy - argument of DRM_IOCTL_PANTHOR_GROUP_DESTROY
 *
 * Stops the group's queues; jobs that have not completed have their fences
 * signalled with an error. An unknown handle fails with -EINVAL.
 */
struct drm_panthor_group_destroy {
	/** @group_handle: in, the group to destroy. */
	__u32 group_handle;

	/** @pad: in, MBZ. */
	__u32 pad;
};

/**
 * struct drm_panthor_queue_submit - one job for one queue of a group
 *
 * Element of &drm_panthor_group_submit.queue_submits. The kernel calls the
 * user command stream from its own ring buffer, bracketed by cache
 * maintenance and a fence update. A job with no stream (both @stream_size and
 * @stream_addr zero) runs nothing and only orders its syncs after the work
 * already queued.
 */
struct drm_panthor_queue_submit {
	/** @queue_index: in, index of the queue in the group's queue array. */
	__u32 queue_index;

	/** @stream_size: in, length of the command stream, a multiple of 8 bytes. */
	__u32 stream_size;

	/** @stream_addr: in, GPU address of the command stream, 64-byte aligned. */
	__u64 stream_addr;

	/**
	 * @latest_flush: in, value of the LATEST_FLUSH_ID page when the stream
	 * was written. It lets the kernel skip the cache flush that precedes
	 * the stream when none has become necessary since; zero always
	 * flushes. Bits 24 to 30 must be zero.
	 */
	__u32 latest_flush;

	/** @pad: in, MBZ. */
	__u32 pad;

	/** @syncs: in, array of &struct drm_panthor_sync_op for this job. */
	struct drm_panthor_obj_array syncs;
};

/**
 * struct drm_panthor_group_submit - argument of DRM_IOCTL_PANTHOR_GROUP_SUBMIT
 *
 * Every job is checked before any is queued: one bad job fails the whole
 * ioctl (-EINVAL for bad fields, an unknown group, a queue index out of range
 * or a group that can no longer run) and nothing is submitted. A wait on a
 * syncobj that an earlier job of the same call signals depends on that job.
 */
struct drm_panthor_group_submit {
	/** @group_handle: in, the group to submit to. */
	__u32 group_handle;

	/** @pad: in, MBZ. */
	__u32 pad;

	/**
	 * @queue_submits: in, array of &struct drm_panthor_queue_submit,
	 * queued in array order. An empty array is accepted and does nothing.
	 */
	struct drm_panthor_obj_array queue_submits;
};

/**
 * enum drm_panthor_group_state_flags - bits of &drm_panthor_group_get_state.state
 *
 * Once TIMEDOUT or FATAL_FAULT is set the group accepts no more submits
 * (-EINVAL); userspace replaces it with a new group.
 */
enum drm_panthor_group_state_flags {
	/** @DRM_PANTHOR_GROUP_STATE_TIMEDOUT: a job of the group did not finish in time. */
	DRM_PANTHOR_GROUP_STATE_TIMEDOUT = 1 << 0,

	/**
	 * @DRM_PANTHOR_GROUP_STATE_FATAL_FAULT: a queue hit an unrecoverable
	 * fault; &drm_panthor_group_get_state.fatal_queues says which.
	 */
	DRM_PANTHOR_GROUP_STATE_FATAL_FAULT = 1 << 1,

	/**
	 * @DRM_PANTHOR_GROUP_STATE_INNOCENT: (1.3) the group was lost to a GPU
	 * reset that something else caused. Only ever set together with
	 * TIMEDOUT, never with FATAL_FAULT.
	 */
	DRM_PANTHOR_GROUP_STATE_INNOCENT = 1 << 2,
};

/**
 * struct drm_panthor_group_get_state - argument of DRM_IOCTL_PANTHOR_GROUP_GET_STATE
 *
 * An unknown handle fails with -EINVAL.
 */
struct drm_panthor_group_get_state {
	/** @group_handle: in, the group to look at. */
	__u32 group_handle;

	/** @state: out, combination of &enum drm_panthor_group_state_flags. */
	__u32 state;

	/** @fatal_queues: out, bitmask of the queues that took a fatal fault. */
	__u32 fatal_queues;

	/** @pad: in, MBZ; out, zero. */
	__u32 pad;
};

/* ------------------------------------------------------------------------ */
/* Tiler heaps                                                              */
/* ------------------------------------------------------------------------ */

/**
 * struct drm_panthor_tiler_heap_create - argument of DRM_IOCTL_PANTHOR_TILER_HEAP_CREATE
 *
 * A tiler heap is a linked list of memory chunks that the tiler fills with
 * geometry binning data; the kernel adds chunks when the firmware reports
 * the heap is out of memory. The heap context and its chunks live in the
 * kernel range of the VM. A VM holds up to 128 heaps (-EBUSY beyond that).
 * Invalid fields give -EINVAL.
 */
struct drm_panthor_tiler_heap_create {
	/** @vm_id: in, the VM the heap is mapped into. */
	__u32 vm_id;

	/** @initial_chunk_count: in, chunks allocated up front: 1 to @max_chunks. */
	__u32 initial_chunk_count;

	/**
	 * @chunk_size: in, size of every chunk: a multiple of the CPU page size
	 * from 128 KiB to 8 MiB; it need not be a power of two.
	 */
	__u32 chunk_size;

	/** @max_chunks: in, the most chunks the heap may grow to. */
	__u32 max_chunks;

	/**
	 * @target_in_flight: in, number of render passes that may be in flight
	 * before the firmware waits for fragment work to give chunks back
	 * instead of growing the heap. Not range-checked.
	 */
	__u32 target_in_flight;

	/**
	 * @handle: out, handle of the heap: the VM id in bits 16-31 and the
	 * heap's index within that VM in bits 0-15.
	 */
	__u32 handle;

	/** @tiler_heap_ctx_gpu_va: out, GPU address of the heap context. */
	__u64 tiler_heap_ctx_gpu_va;

	/** @first_heap_chunk_gpu_va: out, GPU address of the first chunk. */
	__u64 first_heap_chunk_gpu_va;
};

/**
 * struct drm_panthor_tiler_heap_destroy - argument of DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY
 *
 * Errors: -EINVAL when the VM part of @handle names no VM or the heap is not
 * alive, -ENOENT when that VM never had a heap.
 */
struct drm_panthor_tiler_heap_destroy {
	/** @handle: in, handle returned by TILER_HEAP_CREATE. */
	__u32 handle;

	/** @pad: in, MBZ. */
	__u32 pad;
};

/* ------------------------------------------------------------------------ */
/* Later additions                                                          */
/* ------------------------------------------------------------------------ */

/**
 * struct drm_panthor_bo_set_label - argument of DRM_IOCTL_PANTHOR_BO_SET_LABEL (1.4)
 *
 * The label only shows up in debugfs and fdinfo. Errors: -ENOENT for an
 * unknown handle, -E2BIG for a label of 4096 characters or more, -EFAULT
 * when the string cannot be read up to its terminating NUL.
 */
struct drm_panthor_bo_set_label {
	/** @handle: in, GEM handle of the BO. */
	__u32 handle;

	/** @pad: in, MBZ. */
	__u32 pad;

	/**
	 * @label: in, user address of a NUL-terminated string of at most 4095
	 * characters (the empty string is allowed), or zero to drop the label.
	 */
	__u64 label;
};

/**
 * struct drm_panthor_set_user_mmio_offset - select the user MMIO window (1.5)
 *
 * Moves the user MMIO window of this file, and of this file only. Useful to
 * a process whose mmap() cannot reach the default window.
 */
struct drm_panthor_set_user_mmio_offset {
	/**
	 * @offset: in, exactly DRM_PANTHOR_USER_MMIO_OFFSET_32BIT or
	 * DRM_PANTHOR_USER_MMIO_OFFSET_64BIT; any other value gives -EINVAL.
	 */
	__u64 offset;
};

/**
 * enum drm_panthor_bo_sync_op_type - kind of CPU cache maintenance (1.7)
 */
enum drm_panthor_bo_sync_op_type {
	/**
	 * @DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH: write dirty CPU cache lines
	 * back to memory, so the GPU sees what the CPU wrote.
	 */
	DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH = 0,

	/**
	 * @DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH_AND_INVALIDATE: write back,
	 * then drop the lines, so the CPU next reads what the GPU wrote.
	 */
	DRM_PANTHOR_BO_SYNC_CPU_CACHE_FLUSH_AND_INVALIDATE = 1,
};

/**
 * struct drm_panthor_bo_sync_op - cache maintenance on one BO range (1.7)
 *
 * Element of &drm_panthor_bo_sync.ops. The kernel widens the range to whole
 * cache lines. Nothing is done, successfully, for a write-combined BO or a
 * range of size zero.
 */
struct drm_panthor_bo_sync_op {
	/** @handle: in, GEM handle of the BO (-ENOENT if unknown). */
	__u32 handle;

	/**
	 * @type: in, one of &enum drm_panthor_bo_sync_op_type (-EINVAL
	 * otherwise).
	 */
	__u32 type;

	/** @offset: in, start of the range within the BO. */
	__u64 offset;

	/**
	 * @size: in, length of the range. The range must lie within the BO
	 * and must not overflow (-EINVAL).
	 */
	__u64 size;
};

/**
 * struct drm_panthor_bo_sync - argument of DRM_IOCTL_PANTHOR_BO_SYNC (1.7)
 *
 * The operations run in order; the first failure stops the ioctl and the
 * operations before it have taken effect.
 */
struct drm_panthor_bo_sync {
	/** @ops: in, array of &struct drm_panthor_bo_sync_op; may be empty. */
	struct drm_panthor_obj_array ops;
};

/**
 * enum drm_panthor_bo_extra_flags - properties of a BO reported by BO_QUERY_INFO (1.7)
 */
enum drm_panthor_bo_extra_flags {
	/**
	 * @DRM_PANTHOR_BO_IS_IMPORTED: the BO is a dma-buf exported by another
	 * driver. A panthor BO imported back into panthor is not flagged.
	 */
	DRM_PANTHOR_BO_IS_IMPORTED = 1 << 0,
};

/**
 * struct drm_panthor_bo_query_info - argument of DRM_IOCTL_PANTHOR_BO_QUERY_INFO (1.7)
 *
 * Every out field is written, whatever the caller put there. An unknown
 * handle, zero included, fails with -ENOENT.
 */
struct drm_panthor_bo_query_info {
	/** @handle: in, GEM handle of the BO. */
	__u32 handle;

	/** @extra_flags: out, combination of &enum drm_panthor_bo_extra_flags. */
	__u32 extra_flags;

	/**
	 * @create_flags: out, the &enum drm_panthor_bo_flags the BO was
	 * created with; zero for a BO imported from another driver.
	 */
	__u32 create_flags;

	/** @pad: out, zero; not checked on input. */
	__u32 pad;
};

/* ------------------------------------------------------------------------ */
/* ioctl numbers                                                            */
/* ------------------------------------------------------------------------ */

/**
 * DRM_IOCTL_PANTHOR() - build a panthor ioctl number
 * @__access: DRM_IO access suffix (all panthor ioctls use WR)
 * @__id: ioctl name without its DRM_PANTHOR_ prefix
 * @__type: argument structure name without its drm_panthor_ prefix
 *
 * The argument size is part of the number, so a layout change would also
 * change the ioctl number.
 */
#define DRM_IOCTL_PANTHOR(__access, __id, __type) \
	DRM_IO ## __access(DRM_COMMAND_BASE + DRM_PANTHOR_ ## __id, \
			   struct drm_panthor_ ## __type)

#define DRM_IOCTL_PANTHOR_DEV_QUERY \
	DRM_IOCTL_PANTHOR(WR, DEV_QUERY, dev_query)
#define DRM_IOCTL_PANTHOR_VM_CREATE \
	DRM_IOCTL_PANTHOR(WR, VM_CREATE, vm_create)
#define DRM_IOCTL_PANTHOR_VM_DESTROY \
	DRM_IOCTL_PANTHOR(WR, VM_DESTROY, vm_destroy)
#define DRM_IOCTL_PANTHOR_VM_BIND \
	DRM_IOCTL_PANTHOR(WR, VM_BIND, vm_bind)
#define DRM_IOCTL_PANTHOR_VM_GET_STATE \
	DRM_IOCTL_PANTHOR(WR, VM_GET_STATE, vm_get_state)
#define DRM_IOCTL_PANTHOR_BO_CREATE \
	DRM_IOCTL_PANTHOR(WR, BO_CREATE, bo_create)
#define DRM_IOCTL_PANTHOR_BO_MMAP_OFFSET \
	DRM_IOCTL_PANTHOR(WR, BO_MMAP_OFFSET, bo_mmap_offset)
#define DRM_IOCTL_PANTHOR_GROUP_CREATE \
	DRM_IOCTL_PANTHOR(WR, GROUP_CREATE, group_create)
#define DRM_IOCTL_PANTHOR_GROUP_DESTROY \
	DRM_IOCTL_PANTHOR(WR, GROUP_DESTROY, group_destroy)
#define DRM_IOCTL_PANTHOR_GROUP_SUBMIT \
	DRM_IOCTL_PANTHOR(WR, GROUP_SUBMIT, group_submit)
#define DRM_IOCTL_PANTHOR_GROUP_GET_STATE \
	DRM_IOCTL_PANTHOR(WR, GROUP_GET_STATE, group_get_state)
#define DRM_IOCTL_PANTHOR_TILER_HEAP_CREATE \
	DRM_IOCTL_PANTHOR(WR, TILER_HEAP_CREATE, tiler_heap_create)
#define DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY \
	DRM_IOCTL_PANTHOR(WR, TILER_HEAP_DESTROY, tiler_heap_destroy)
/* 1.4 */
#define DRM_IOCTL_PANTHOR_BO_SET_LABEL \
	DRM_IOCTL_PANTHOR(WR, BO_SET_LABEL, bo_set_label)
/* 1.5 */
#define DRM_IOCTL_PANTHOR_SET_USER_MMIO_OFFSET \
	DRM_IOCTL_PANTHOR(WR, SET_USER_MMIO_OFFSET, set_user_mmio_offset)
/* 1.7 */
#define DRM_IOCTL_PANTHOR_BO_SYNC \
	DRM_IOCTL_PANTHOR(WR, BO_SYNC, bo_sync)
#define DRM_IOCTL_PANTHOR_BO_QUERY_INFO \
	DRM_IOCTL_PANTHOR(WR, BO_QUERY_INFO, bo_query_info)

#if defined(__cplusplus)
}
#endif

#endif /* _PANTHOR_DRM_H_ */
