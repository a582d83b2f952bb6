/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor tiler heaps: the chunk lists the tiler bins geometry into, their
 * contexts, and their growth when the firmware reports a heap out of
 * memory (mali-csf-hw.md §4.11).
 */

#ifndef __PANTHOR_HEAP_H__
#define __PANTHOR_HEAP_H__

#include <linux/types.h>

struct drm_device;
struct drm_file;
struct panthor_file;
struct panthor_heap_pools;
struct panthor_vm;

/**
 * DOC: Tiler heap interface
 *
 * Heaps belong to a VM, and VMs to a file: a file's heaps are kept in a
 * reference-counted &struct panthor_heap_pools, one pool of up to 128 heaps
 * per VM id. Groups hold a reference on the pools of the file that created
 * them, to find a heap when one of their streams runs out of tiler memory.
 *
 * panthor_heap_pools_create() / panthor_heap_pools_destroy() - at file open
 * and close; closing frees every heap of the file.
 *
 * panthor_heap_pools_get() / panthor_heap_pools_put() - reference counting;
 * both accept NULL.
 *
 * panthor_heap_grow() - answer a TILER_OOM event of a stream running in
 * @vm (VM id @vm_id of the pools' file) for the heap whose context is at
 * @ctx_va. Sets @chunk to the new chunk in the chunk-link encoding (GPU
 * address | size in 4 KiB units), or to 0 when the heap may not grow: it
 * reached its chunk limit, more than its target number of render passes
 * are in flight (@in_flight), or memory ran out. Returns -EINVAL if @ctx_va
 * names no heap of that VM.
 */
int panthor_heap_pools_create(struct panthor_file *pfile);
void panthor_heap_pools_destroy(struct panthor_file *pfile);
struct panthor_heap_pools *panthor_heap_pools_get(struct panthor_heap_pools *pools);
void panthor_heap_pools_put(struct panthor_heap_pools *pools);
int panthor_heap_grow(struct panthor_heap_pools *pools, u32 vm_id,
		      struct panthor_vm *vm, u64 ctx_va, u32 in_flight,
		      u64 *chunk);

/* Ioctl handlers (DRM_IOCTL_PANTHOR_TILER_HEAP_*). */
int panthor_ioctl_tiler_heap_create(struct drm_device *ddev, void *data,
				    struct drm_file *file);
int panthor_ioctl_tiler_heap_destroy(struct drm_device *ddev, void *data,
				     struct drm_file *file);

#if IS_ENABLED(CONFIG_KUNIT)
int panthor_heap_check_args(u32 initial_chunks, u32 max_chunks, u32 chunk_size);
u64 panthor_heap_chunk_link(u64 va, u32 size);
bool panthor_heap_may_grow(u32 chunk_count, u32 max_chunks, u32 in_flight,
			   u32 target_in_flight);
#endif

#endif /* __PANTHOR_HEAP_H__ */
