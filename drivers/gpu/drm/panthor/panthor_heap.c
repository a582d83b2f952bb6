// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor tiler heaps.
 *
 * A heap is a singly linked list of chunks in the kernel range of a VM,
 * plus a 32-byte context the firmware keeps its bookkeeping in. The driver
 * never reads the context: it zeroes it when the heap is created and hands
 * its GPU address to userspace, whose command streams bind it with
 * HEAP_SET. Chunks start with a 64-byte header whose first word links to
 * the next chunk (GPU address | size in 4 KiB units, 0 ends the list).
 *
 * The contexts of a VM's heaps share one BO (the pool's context BO), one
 * L2 line per context so that the GPU never shares a line between two
 * heaps. A heap's handle is its VM id in the upper 16 bits and its slot in
 * the pool in the lower ones.
 *
 * All of a file's heaps sit under one mutex: creation, destruction and
 * growth are rare compared to the work between them.
 */

#include <linux/bitfield.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include <drm/drm_file.h>
#include <drm/drm_print.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_gpu_regs.h"
#include "panthor_heap.h"
#include "panthor_mmu.h"

#define PANTHOR_HEAP_MAX_PER_VM		128
#define PANTHOR_HEAP_CTX_SIZE		32
#define PANTHOR_HEAP_MIN_CHUNK_SIZE	SZ_128K
#define PANTHOR_HEAP_MAX_CHUNK_SIZE	SZ_8M

/* Chunk-link words: next chunk's address and size (mali-csf-hw.md §4.11). */
#define PANTHOR_HEAP_LINK_VA		GENMASK_ULL(63, 12)
#define PANTHOR_HEAP_LINK_SIZE		GENMASK_ULL(11, 0)
#define PANTHOR_HEAP_LINK_UNIT_SHIFT	12

/* Heap handles. */
#define PANTHOR_HEAP_HANDLE_VM		GENMASK(31, 16)
#define PANTHOR_HEAP_HANDLE_INDEX	GENMASK(15, 0)

/**
 * struct panthor_heap_chunk - One chunk of a heap
 */
struct panthor_heap_chunk {
	/** @node: link in &panthor_heap.chunks */
	struct list_head node;
	/** @bo: the chunk's memory */
	struct panthor_kernel_bo *bo;
};

/**
 * struct panthor_heap - A tiler heap
 */
struct panthor_heap {
	/** @chunks: every chunk, newest first */
	struct list_head chunks;
	/** @chunk_size: bytes per chunk */
	u32 chunk_size;
	/** @chunk_count: chunks allocated */
	u32 chunk_count;
	/** @max_chunks: the most chunks the heap may have */
	u32 max_chunks;
	/** @target_in_flight: render passes in flight beyond which it does not grow */
	u32 target_in_flight;
};

/**
 * struct panthor_heap_pool - The heaps of one VM
 */
struct panthor_heap_pool {
	/** @vm: the VM; holds a reference */
	struct panthor_vm *vm;
	/** @ctx_bo: the heap contexts, @ctx_stride bytes apart */
	struct panthor_kernel_bo *ctx_bo;
	/** @ctx_stride: an L2 line, at least a context */
	u32 ctx_stride;
	/** @heaps: heaps by index */
	struct xarray heaps;
};

/**
 * struct panthor_heap_pools - The heap pools of an open file
 */
struct panthor_heap_pools {
	/** @refcount: the file and its groups hold one */
	struct kref refcount;
	/** @ptdev: the device */
	struct panthor_device *ptdev;
	/** @lock: protects @pools and everything in it */
	struct mutex lock;
	/** @pools: pools by VM id */
	struct xarray pools;
};

/* ---- Pure rules ---------------------------------------------------------- */

/**
 * panthor_heap_check_args() - Check the geometry of a new heap
 * @initial_chunks: chunks to allocate now
 * @max_chunks: the most chunks the heap may have
 * @chunk_size: bytes per chunk
 *
 * Return: 0, or -EINVAL (uapi-abi.md §7.12).
 */
VISIBLE_IF_KUNIT int panthor_heap_check_args(u32 initial_chunks, u32 max_chunks,
					     u32 chunk_size)
{
	if (!initial_chunks || initial_chunks > max_chunks)
		return -EINVAL;

	if (!PAGE_ALIGNED(chunk_size) || chunk_size < PANTHOR_HEAP_MIN_CHUNK_SIZE ||
	    chunk_size > PANTHOR_HEAP_MAX_CHUNK_SIZE)
		return -EINVAL;

	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_heap_check_args);

/**
 * panthor_heap_chunk_link() - Encode a chunk-link word
 * @va: GPU address of the chunk, 4 KiB aligned
 * @size: its size in bytes, a multiple of 4 KiB below 16 MiB
 *
 * Return: the word that links to the chunk.
 */
VISIBLE_IF_KUNIT u64 panthor_heap_chunk_link(u64 va, u32 size)
{
	return (va & PANTHOR_HEAP_LINK_VA) |
	       FIELD_PREP(PANTHOR_HEAP_LINK_SIZE, size >> PANTHOR_HEAP_LINK_UNIT_SHIFT);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_heap_chunk_link);

/**
 * panthor_heap_may_grow() - May a heap get one more chunk?
 * @chunk_count: chunks it has
 * @max_chunks: its limit
 * @in_flight: render passes started and not yet through their fragment work
 * @target_in_flight: passes in flight beyond which it should not grow
 *
 * Past the target, the firmware is better off waiting for fragment work to
 * give chunks back (or running the stream's OOM handler).
 *
 * Return: true if a chunk may be added.
 */
VISIBLE_IF_KUNIT bool panthor_heap_may_grow(u32 chunk_count, u32 max_chunks,
					    u32 in_flight, u32 target_in_flight)
{
	return chunk_count < max_chunks && in_flight <= target_in_flight;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_heap_may_grow);

/* ---- Chunks and heaps ---------------------------------------------------- */

static void panthor_heap_free_chunk(struct panthor_heap_chunk *chunk)
{
	list_del(&chunk->node);
	panthor_kernel_bo_destroy(chunk->bo);
	kfree(chunk);
}

/* Allocate a chunk whose header links to @next (0 ends the list). */
static struct panthor_heap_chunk *
panthor_heap_alloc_chunk(struct panthor_device *ptdev, struct panthor_vm *vm,
			 struct panthor_heap *heap, u64 next)
{
	struct panthor_heap_chunk *chunk;
	int ret;

	chunk = kzalloc(sizeof(*chunk), GFP_KERNEL);
	if (!chunk)
		return ERR_PTR(-ENOMEM);

	chunk->bo = panthor_kernel_bo_create(ptdev, vm, heap->chunk_size,
					     DRM_PANTHOR_BO_NO_MMAP,
					     DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC,
					     PANTHOR_VM_KERNEL_AUTO_VA,
					     "tiler heap chunk");
	if (IS_ERR(chunk->bo)) {
		ret = PTR_ERR(chunk->bo);
		kfree(chunk);
		return ERR_PTR(ret);
	}

	/* Fresh pages are zero, so only the link word needs writing. */
	if (next) {
		ret = panthor_kernel_bo_vmap(chunk->bo);
		if (ret) {
			panthor_kernel_bo_destroy(chunk->bo);
			kfree(chunk);
			return ERR_PTR(ret);
		}
		*(u64 *)chunk->bo->kmap = next;
		panthor_kernel_bo_vunmap(chunk->bo);
	}

	list_add(&chunk->node, &heap->chunks);
	heap->chunk_count++;
	return chunk;
}

static u64 panthor_heap_chunk_word(struct panthor_heap *heap,
				   struct panthor_heap_chunk *chunk)
{
	return panthor_heap_chunk_link(panthor_kernel_bo_gpuva(chunk->bo),
				       heap->chunk_size);
}

static void panthor_heap_free(struct panthor_heap *heap)
{
	struct panthor_heap_chunk *chunk, *tmp;

	list_for_each_entry_safe(chunk, tmp, &heap->chunks, node)
		panthor_heap_free_chunk(chunk);
	kfree(heap);
}

/*
 * The initial chunks, each linking to the one allocated before it: the
 * last one allocated heads the list handed to userspace.
 */
static int panthor_heap_alloc_initial(struct panthor_device *ptdev,
				      struct panthor_vm *vm,
				      struct panthor_heap *heap, u32 count)
{
	struct panthor_heap_chunk *chunk;
	u64 next = 0;
	u32 i;

	for (i = 0; i < count; i++) {
		chunk = panthor_heap_alloc_chunk(ptdev, vm, heap, next);
		if (IS_ERR(chunk))
			return PTR_ERR(chunk);
		next = panthor_heap_chunk_word(heap, chunk);
	}

	return 0;
}

/* ---- Pools --------------------------------------------------------------- */

static void panthor_heap_pool_free(struct panthor_heap_pool *pool)
{
	struct panthor_heap *heap;
	unsigned long index;

	xa_for_each(&pool->heaps, index, heap)
		panthor_heap_free(xa_erase(&pool->heaps, index));

	xa_destroy(&pool->heaps);
	panthor_kernel_bo_destroy(pool->ctx_bo);
	panthor_vm_put(pool->vm);
	kfree(pool);
}

static struct panthor_heap_pool *
panthor_heap_pool_create(struct panthor_device *ptdev, struct panthor_vm *vm)
{
	u32 line = 1u << FIELD_GET(GPU_L2_FEATURES_LINE_SIZE_LOG2,
				   panthor_gpu_info(ptdev)->l2_features);
	struct panthor_heap_pool *pool;
	int ret;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);

	pool->ctx_stride = max_t(u32, line, PANTHOR_HEAP_CTX_SIZE);
	xa_init_flags(&pool->heaps, XA_FLAGS_ALLOC);

	/* The GPU owns the contexts: uncached, so CPU zeroing reaches it. */
	pool->ctx_bo = panthor_kernel_bo_create(ptdev, vm,
						PANTHOR_HEAP_MAX_PER_VM * pool->ctx_stride,
						DRM_PANTHOR_BO_NO_MMAP,
						DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC |
						DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED,
						PANTHOR_VM_KERNEL_AUTO_VA,
						"tiler heap contexts");
	if (IS_ERR(pool->ctx_bo)) {
		ret = PTR_ERR(pool->ctx_bo);
		kfree(pool);
		return ERR_PTR(ret);
	}

	ret = panthor_kernel_bo_vmap(pool->ctx_bo);
	if (ret) {
		panthor_kernel_bo_destroy(pool->ctx_bo);
		kfree(pool);
		return ERR_PTR(ret);
	}

	pool->vm = panthor_vm_get(vm);
	return pool;
}

/*
 * The pool of a live VM. VM ids are reused once a VM is destroyed, so a
 * pool found under the id may belong to a VM that is gone: such a pool has
 * no heap anyone can name any more.
 */
static struct panthor_heap_pool *
panthor_heap_pool_find(struct panthor_heap_pools *pools, u32 vm_id,
		       struct panthor_vm *vm)
{
	struct panthor_heap_pool *pool = xa_load(&pools->pools, vm_id);

	lockdep_assert_held(&pools->lock);

	return pool && pool->vm == vm ? pool : NULL;
}

static struct panthor_heap_pool *
panthor_heap_pool_get_or_create(struct panthor_heap_pools *pools, u32 vm_id,
				struct panthor_vm *vm)
{
	struct panthor_heap_pool *pool, *stale;
	int ret;

	pool = panthor_heap_pool_find(pools, vm_id, vm);
	if (pool)
		return pool;

	pool = panthor_heap_pool_create(pools->ptdev, vm);
	if (IS_ERR(pool))
		return pool;

	stale = xa_store(&pools->pools, vm_id, pool, GFP_KERNEL);
	if (xa_is_err(stale)) {
		ret = xa_err(stale);
		panthor_heap_pool_free(pool);
		return ERR_PTR(ret);
	}

	if (stale)
		panthor_heap_pool_free(stale);

	return pool;
}

/**
 * panthor_heap_pools_create() - Give an open file its heap pools
 * @pfile: the file
 *
 * Return: 0 or -ENOMEM.
 */
int panthor_heap_pools_create(struct panthor_file *pfile)
{
	struct panthor_heap_pools *pools;

	pools = kzalloc(sizeof(*pools), GFP_KERNEL);
	if (!pools)
		return -ENOMEM;

	kref_init(&pools->refcount);
	pools->ptdev = pfile->ptdev;
	mutex_init(&pools->lock);
	xa_init(&pools->pools);
	pfile->heaps = pools;
	return 0;
}

/**
 * panthor_heap_pools_get() - Take a reference on a file's heap pools
 * @pools: the pools, may be NULL
 *
 * Return: @pools.
 */
struct panthor_heap_pools *panthor_heap_pools_get(struct panthor_heap_pools *pools)
{
	if (pools)
		kref_get(&pools->refcount);
	return pools;
}

static void panthor_heap_pools_release(struct kref *kref)
{
	struct panthor_heap_pools *pools = container_of(kref, struct panthor_heap_pools,
							refcount);

	xa_destroy(&pools->pools);
	mutex_destroy(&pools->lock);
	kfree(pools);
}

/**
 * panthor_heap_pools_put() - Drop a reference on a file's heap pools
 * @pools: the pools, may be NULL
 */
void panthor_heap_pools_put(struct panthor_heap_pools *pools)
{
	if (pools)
		kref_put(&pools->refcount, panthor_heap_pools_release);
}

/**
 * panthor_heap_pools_destroy() - Free every heap of a closing file
 * @pfile: the file
 *
 * Groups of the file that are still winding down find no heap to grow
 * afterwards.
 */
void panthor_heap_pools_destroy(struct panthor_file *pfile)
{
	struct panthor_heap_pools *pools = pfile->heaps;
	struct panthor_heap_pool *pool;
	unsigned long vm_id;

	if (!pools)
		return;

	mutex_lock(&pools->lock);
	xa_for_each(&pools->pools, vm_id, pool)
		panthor_heap_pool_free(xa_erase(&pools->pools, vm_id));
	mutex_unlock(&pools->lock);

	panthor_heap_pools_put(pools);
	pfile->heaps = NULL;
}

/* ---- Growth -------------------------------------------------------------- */

/* The heap whose context is at @ctx_va, or NULL. */
static struct panthor_heap *panthor_heap_from_ctx(struct panthor_heap_pool *pool,
						  u64 ctx_va)
{
	u64 base = panthor_kernel_bo_gpuva(pool->ctx_bo);
	u64 offset = ctx_va - base;

	if (ctx_va < base || offset % pool->ctx_stride ||
	    offset / pool->ctx_stride >= PANTHOR_HEAP_MAX_PER_VM)
		return NULL;

	return xa_load(&pool->heaps, offset / pool->ctx_stride);
}

int panthor_heap_grow(struct panthor_heap_pools *pools, u32 vm_id,
		      struct panthor_vm *vm, u64 ctx_va, u32 in_flight,
		      u64 *chunk_word)
{
	struct panthor_heap_chunk *chunk;
	struct panthor_heap_pool *pool;
	struct panthor_heap *heap;
	int ret = 0;

	*chunk_word = 0;
	if (!pools)
		return -EINVAL;

	mutex_lock(&pools->lock);
	pool = panthor_heap_pool_find(pools, vm_id, vm);
	heap = pool ? panthor_heap_from_ctx(pool, ctx_va) : NULL;
	if (!heap) {
		ret = -EINVAL;
		goto out_unlock;
	}

	if (!panthor_heap_may_grow(heap->chunk_count, heap->max_chunks, in_flight,
				   heap->target_in_flight))
		goto out_unlock;

	/* Out of memory is not the stream's fault: let the firmware cope. */
	chunk = panthor_heap_alloc_chunk(pools->ptdev, vm, heap, 0);
	if (!IS_ERR(chunk))
		*chunk_word = panthor_heap_chunk_word(heap, chunk);

out_unlock:
	mutex_unlock(&pools->lock);
	return ret;
}

/* ---- Ioctls -------------------------------------------------------------- */

static int panthor_heap_create(struct panthor_heap_pools *pools,
			       struct panthor_heap_pool *pool,
			       struct drm_panthor_tiler_heap_create *args)
{
	struct panthor_heap *heap;
	u32 index;
	int ret;

	heap = kzalloc(sizeof(*heap), GFP_KERNEL);
	if (!heap)
		return -ENOMEM;

	INIT_LIST_HEAD(&heap->chunks);
	heap->chunk_size = args->chunk_size;
	heap->max_chunks = args->max_chunks;
	heap->target_in_flight = args->target_in_flight;

	ret = xa_alloc(&pool->heaps, &index, heap,
		       XA_LIMIT(0, PANTHOR_HEAP_MAX_PER_VM - 1), GFP_KERNEL);
	if (ret) {
		kfree(heap);
		return ret;
	}

	ret = panthor_heap_alloc_initial(pools->ptdev, pool->vm, heap,
					 args->initial_chunk_count);
	if (ret) {
		panthor_heap_free(xa_erase(&pool->heaps, index));
		return ret;
	}

	/* The context may hold what an earlier heap of this slot left. */
	memset(pool->ctx_bo->kmap + index * pool->ctx_stride, 0, pool->ctx_stride);

	args->handle = FIELD_PREP(PANTHOR_HEAP_HANDLE_VM, args->vm_id) |
		       FIELD_PREP(PANTHOR_HEAP_HANDLE_INDEX, index);
	args->tiler_heap_ctx_gpu_va = panthor_kernel_bo_gpuva(pool->ctx_bo) +
				      index * pool->ctx_stride;
	args->first_heap_chunk_gpu_va =
		panthor_kernel_bo_gpuva(list_first_entry(&heap->chunks,
							 struct panthor_heap_chunk,
							 node)->bo);
	return 0;
}

/**
 * panthor_ioctl_tiler_heap_create() - DRM_IOCTL_PANTHOR_TILER_HEAP_CREATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_tiler_heap_create
 * @file: the caller's file
 *
 * Return: 0 or a negative error code (uapi-abi.md §7.12).
 */
int panthor_ioctl_tiler_heap_create(struct drm_device *ddev, void *data,
				    struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_tiler_heap_create *args = data;
	struct panthor_heap_pools *pools = pfile->heaps;
	struct panthor_heap_pool *pool;
	struct panthor_vm *vm;
	int ret;

	vm = panthor_vm_pool_get_vm(pfile->vms, args->vm_id);
	if (!vm) {
		drm_dbg(ddev, "TILER_HEAP_CREATE: unknown VM %u\n", args->vm_id);
		return -EINVAL;
	}

	ret = panthor_heap_check_args(args->initial_chunk_count, args->max_chunks,
				      args->chunk_size);
	if (ret) {
		drm_dbg(ddev, "TILER_HEAP_CREATE: %u initial chunks of %u bytes, at most %u: invalid\n",
			args->initial_chunk_count, args->chunk_size, args->max_chunks);
		goto out_put_vm;
	}

	mutex_lock(&pools->lock);
	pool = panthor_heap_pool_get_or_create(pools, args->vm_id, vm);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
	} else {
		ret = panthor_heap_create(pools, pool, args);
		if (ret == -EBUSY)
			drm_dbg(ddev, "TILER_HEAP_CREATE: VM %u has %u heaps already\n",
				args->vm_id, PANTHOR_HEAP_MAX_PER_VM);
	}
	mutex_unlock(&pools->lock);

out_put_vm:
	panthor_vm_put(vm);
	return ret;
}

/**
 * panthor_ioctl_tiler_heap_destroy() - DRM_IOCTL_PANTHOR_TILER_HEAP_DESTROY
 * @ddev: DRM device
 * @data: &struct drm_panthor_tiler_heap_destroy
 * @file: the caller's file
 *
 * The heap's chunks are unmapped at once; a stream still using the heap
 * faults.
 *
 * Return: 0 or a negative error code (uapi-abi.md §7.13).
 */
int panthor_ioctl_tiler_heap_destroy(struct drm_device *ddev, void *data,
				     struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_tiler_heap_destroy *args = data;
	u32 vm_id = FIELD_GET(PANTHOR_HEAP_HANDLE_VM, args->handle);
	u32 index = FIELD_GET(PANTHOR_HEAP_HANDLE_INDEX, args->handle);
	struct panthor_heap_pools *pools = pfile->heaps;
	struct panthor_heap_pool *pool;
	struct panthor_heap *heap;
	struct panthor_vm *vm;
	int ret = 0;

	if (args->pad) {
		drm_dbg(ddev, "TILER_HEAP_DESTROY: non-zero padding\n");
		return -EINVAL;
	}

	vm = panthor_vm_pool_get_vm(pfile->vms, vm_id);
	if (!vm) {
		drm_dbg(ddev, "TILER_HEAP_DESTROY: unknown VM %u\n", vm_id);
		return -EINVAL;
	}

	mutex_lock(&pools->lock);
	pool = panthor_heap_pool_find(pools, vm_id, vm);
	if (!pool) {
		drm_dbg(ddev, "TILER_HEAP_DESTROY: VM %u has no heap\n", vm_id);
		ret = -ENOENT;
		goto out_unlock;
	}

	heap = index < PANTHOR_HEAP_MAX_PER_VM ? xa_erase(&pool->heaps, index) : NULL;
	if (!heap) {
		drm_dbg(ddev, "TILER_HEAP_DESTROY: no heap %u in VM %u\n", index, vm_id);
		ret = -EINVAL;
		goto out_unlock;
	}

	panthor_heap_free(heap);

out_unlock:
	mutex_unlock(&pools->lock);
	panthor_vm_put(vm);
	return ret;
}
