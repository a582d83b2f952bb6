// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Panthor MMU block: VMs, page tables, address-space slots and MMU faults.
 *
 * A VM is a &drm_gpuvm (the VA tree and the BOs mapped in it) plus a set of
 * io-pgtable ARM_64_LPAE_S1 page tables, which is the format the GPU's MMU
 * walks in its "AArch64 4K" address mode.
 *
 * Every change to a VM's mappings is one *operation* (map or unmap of a
 * range), prepared outside any lock (BO pinned, memory preallocated) and
 * then executed with the VM's op_lock held:
 *
 *   1. the range is LOCKed in the VM's AS, if it has one, so the GPU stalls
 *      instead of walking half-updated tables;
 *   2. drm_gpuvm splits the request into unmap/remap/map steps, and each
 *      step edits the page tables and the VA tree together;
 *   3. FLUSH_PT (FLUSH_MEM if anything was unmapped, so that no dirty GPU
 *      cache line outlives the pages) invalidates the TLBs and unlocks.
 *
 * BOs whose mappings an operation removed are only released after step 3,
 * so the GPU never holds a translation to a page that was freed.
 *
 * Synchronous VM_BINDs run their operations in the ioctl. Asynchronous ones
 * go to the VM's bind queue (a drm_sched queue with one entity); there they
 * run in the fence signalling path, so they reserve every page-table page
 * they may need when they are prepared.
 *
 * Two rules keep the page tables and the VA tree in step:
 *
 *   - a 2 MiB block descriptor always lies inside one &drm_gpuva. A partial
 *     unmap widens the range it clears to whole 2 MiB blocks and maps the
 *     part that stays again with 4 KiB pages, so a block is never split in
 *     place;
 *   - a VM whose tables may no longer match its tree (a re-map failed, or
 *     the GPU faulted on it) is *unusable*: it loses its AS and never gets
 *     one again, so its tables are dead and are no longer edited.
 *
 * Locks, outermost first:
 *
 *   - &panthor_vm.op_lock: one operation at a time per VM;
 *   - &panthor_gem_object.gpuva_lock: a BO's list of mappings;
 *   - &panthor_mmu.slots_lock: the slot table, the LRU list, the AS
 *     registers and each VM's &panthor_vm.as state;
 *   - &panthor_vm.kernel_va.lock: the kernel VA allocator (independent).
 */

#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/dma-fence-chain.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/io-pgtable.h>
#include <linux/iopoll.h>
#include <linux/iommu.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include <drm/drm_drv.h>
#include <drm/drm_exec.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_gpuvm.h>
#include <drm/drm_managed.h>
#include <drm/drm_mm.h>
#include <drm/drm_print.h>
#include <drm/drm_syncobj.h>
#include <drm/gpu_scheduler.h>

#include <kunit/visibility.h>

#include <uapi/drm/panthor_drm.h>

#include "panthor_device.h"
#include "panthor_drv.h"
#include "panthor_gem.h"
#include "panthor_gpu.h"
#include "panthor_gpu_regs.h"
#include "panthor_mmu.h"
#include "panthor_mmu_regs.h"

/* The GPU page size, whatever the CPU's is, and the only block size used. */
#define PANTHOR_VM_PAGE_SIZE		SZ_4K
#define PANTHOR_VM_BLOCK_SIZE		SZ_2M

/* AS0 belongs to the MCU's VM. */
#define PANTHOR_MCU_AS			0

/* AS commands complete in microseconds; 100 ms means the GPU is stuck. */
#define PANTHOR_AS_POLL_DELAY_US	10
#define PANTHOR_AS_TIMEOUT_US		100000

/* VM ids of a file are 1..32. */
#define PANTHOR_MAX_VMS_PER_FILE	32

/* The kernel VA range of a user VM is never smaller than this. */
#define PANTHOR_MIN_KERNEL_VA_SIZE	SZ_256M

/* LOCKADDR value that covers the whole address space. */
#define PANTHOR_LOCK_ALL		FIELD_PREP(AS_LOCKADDR_SIZE, 63)

#define PANTHOR_VM_MAP_FLAGS \
	(DRM_PANTHOR_VM_BIND_OP_MAP_READONLY | \
	 DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC | \
	 DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED)

/*
 * io-pgtable's ARM_64_LPAE_S1 format puts AttrIndx 1 in descriptors of
 * IOMMU_CACHE mappings and 0 in the others; MEMATTR gives those two
 * indices their meaning for the GPU and makes every other index
 * non-cacheable.
 */
#define PANTHOR_ATTR_IDX_NON_CACHED	0
#define PANTHOR_ATTR_IDX_CACHED		1

/**
 * struct panthor_mmu - MMU block state
 */
struct panthor_mmu {
	/** @ptdev: the device */
	struct panthor_device *ptdev;

	/** @irq: the "mmu" interrupt line */
	struct panthor_irq irq;

	/**
	 * @slots_lock: protects everything below, the AS registers and the
	 * &panthor_vm.as state of every VM
	 */
	struct mutex slots_lock;

	/** @slots: the VM bound to each AS, or NULL */
	struct panthor_vm *slots[MMU_AS_MAX];

	/** @as_present: the AS slots the GPU has */
	u32 as_present;

	/** @lru: idle user VMs holding a slot, least recently used first */
	struct list_head lru;

	/** @fault_mask: slots whose page-fault interrupt is enabled */
	u32 fault_mask;

	/**
	 * @hw_ready: the GPU is powered and out of reset; AS registers may be
	 * accessed. While false, slot bindings are kept in software only.
	 */
	bool hw_ready;

	/** @irq_blocked: the interrupt line is being disabled; leave MASK be */
	bool irq_blocked;

	/** @fault_handler: told about VMs that became unusable */
	panthor_vm_fault_handler_t fault_handler;
};

/**
 * struct panthor_pt_cache - Page-table pages set aside for one operation
 *
 * Operations queued on the bind queue run in the fence signalling path,
 * where allocating memory could wait on the very fence being signalled.
 * They reserve every table page they may need when they are prepared.
 */
struct panthor_pt_cache {
	/** @pages: zeroed pages */
	void **pages;
	/** @count: pages left in @pages */
	u32 count;
};

/**
 * struct panthor_vm - A GPU virtual address space
 */
struct panthor_vm {
	/** @base: VA tree and mapped BOs */
	struct drm_gpuvm base;

	/** @ptdev: the device */
	struct panthor_device *ptdev;

	/**
	 * @refcount: users of the VM. The last one unmaps everything and
	 * drops the reference on @base that frees the VM.
	 */
	struct kref refcount;

	/** @for_mcu: the MCU's VM, always bound to AS0 */
	bool for_mcu;

	/** @pgtbl: the page tables */
	struct io_pgtable_ops *pgtbl;

	/** @transtab: AS_TRANSTAB value: top-level table address */
	u64 transtab;
	/** @transcfg: AS_TRANSCFG value */
	u64 transcfg;
	/** @memattr: AS_MEMATTR value */
	u64 memattr;

	/** @op_lock: serialises operations on the mappings */
	struct mutex op_lock;

	/**
	 * @pt_cache: table pages of the operation in progress, NULL if it
	 * may allocate them; protected by @op_lock
	 */
	struct panthor_pt_cache *pt_cache;

	/** @as: residency, protected by &panthor_mmu.slots_lock */
	struct {
		/** @as.slot: AS slot the VM is bound to, or -1 */
		int slot;
		/** @as.active_cnt: panthor_vm_active() calls not yet idled */
		u32 active_cnt;
		/** @as.lru_node: entry in &panthor_mmu.lru while idle */
		struct list_head lru_node;
		/**
		 * @as.lock_region: LOCKADDR value of the operation in
		 * progress, 0 if none; re-locked if the VM gets a slot
		 * in the middle of it
		 */
		u64 lock_region;
	} as;

	/**
	 * @unusable: the VM faulted or its tables may not match its tree;
	 * written under &panthor_mmu.slots_lock, never cleared
	 */
	bool unusable;

	/** @user_va_end: end of the range VM_BIND may touch (0 for the MCU) */
	u64 user_va_end;

	/** @kernel_va: where kernel BOs go */
	struct {
		/** @kernel_va.lock: protects @kernel_va.mm */
		struct mutex lock;
		/** @kernel_va.mm: allocations in the kernel VA range */
		struct drm_mm mm;
		/** @kernel_va.auto_start: start of the automatic range */
		u64 auto_start;
		/** @kernel_va.auto_end: end of the automatic range */
		u64 auto_end;
	} kernel_va;

	/**
	 * @destroyed: VM_DESTROY was called: the user mappings are gone and
	 * queued binds are dropped; written under @op_lock
	 */
	bool destroyed;

	/** @bind: the queue of asynchronous VM_BINDs (user VMs only) */
	struct {
		/** @bind.sched: runs the queued operations, in order */
		struct drm_gpu_scheduler sched;
		/** @bind.entity: the one entity feeding @bind.sched */
		struct drm_sched_entity entity;
		/** @bind.ready: @bind.sched and @bind.entity are set up */
		bool ready;
	} bind;
};

/**
 * struct panthor_vma - A mapping in a VM
 */
struct panthor_vma {
	/** @base: the VA tree's view of the mapping */
	struct drm_gpuva base;
	/** @flags: DRM_PANTHOR_VM_BIND_OP_MAP_* flags it was mapped with */
	u32 flags;
	/** @node: entry in &panthor_vm_op_ctx.released */
	struct list_head node;
};

/* A MAP needs one new mapping, plus one for each side of a split. */
#define PANTHOR_VM_OP_SPARE_VMAS	3

/**
 * struct panthor_vm_op_ctx - Everything an operation needs, gathered before
 * the VM is locked
 */
struct panthor_vm_op_ctx {
	/** @flags: DRM_PANTHOR_VM_BIND_OP_* type and map flags */
	u32 flags;
	/** @va: start of the range */
	u64 va;
	/** @size: size of the range */
	u64 size;

	/** @map: the BO range a MAP maps */
	struct {
		/** @map.bo: the BO, with a reference */
		struct panthor_gem_object *bo;
		/** @map.offset: offset of the range in the BO */
		u64 offset;
		/** @map.vm_bo: the VM/BO link, preallocated */
		struct drm_gpuvm_bo *vm_bo;
	} map;

	/** @spare: preallocated mappings, taken by the steps that need one */
	struct panthor_vma *spare[PANTHOR_VM_OP_SPARE_VMAS];

	/**
	 * @released: mappings the operation removed; each holds a reference
	 * on its BO until the TLBs are flushed
	 */
	struct list_head released;

	/** @unmapped: descriptors were removed, so flush the GPU caches too */
	bool unmapped;

	/** @user: a VM_BIND operation, dropped once the VM is destroyed */
	bool user;

	/** @pt_cache: table pages set aside for a queued operation */
	struct panthor_pt_cache pt_cache;
};

/**
 * struct panthor_vm_pool - The VMs of one open file
 */
struct panthor_vm_pool {
	/** @xa: VM id to VM; each entry holds a reference */
	struct xarray xa;
};

static struct panthor_vm *to_panthor_vm(struct drm_gpuvm *gpuvm)
{
	return container_of(gpuvm, struct panthor_vm, base);
}

static struct panthor_vma *to_panthor_vma(struct drm_gpuva *va)
{
	return container_of(va, struct panthor_vma, base);
}

static unsigned int panthor_mmu_va_bits(struct panthor_device *ptdev)
{
	return FIELD_GET(GPU_MMU_FEATURES_VA_BITS, panthor_gpu_info(ptdev)->mmu_features);
}

/* ---- Pure helpers (KUnit-tested) ------------------------------------- */

/**
 * panthor_mmu_lock_region() - LOCKADDR value covering a VA range
 * @start: first byte of the range
 * @size: size of the range; 0, or a range reaching past 2^64, locks
 *	  everything
 *
 * The hardware locks a naturally aligned power-of-two region of at least
 * 32 KiB. The smallest one holding both the first and the last byte of the
 * range is the one whose size is the highest bit in which the two
 * addresses differ.
 *
 * Return: the value to write to AS_LOCKADDR.
 */
VISIBLE_IF_KUNIT u64 panthor_mmu_lock_region(u64 start, u64 size)
{
	u64 last;
	u32 log2;

	if (!size || check_add_overflow(start, size - 1, &last))
		return PANTHOR_LOCK_ALL;

	log2 = max_t(u32, fls64(start ^ last), AS_LOCK_REGION_MIN_LOG2);
	if (log2 >= 64)
		return PANTHOR_LOCK_ALL;

	return (start & ~(BIT_ULL(log2) - 1) & AS_LOCKADDR_BASE) |
	       FIELD_PREP(AS_LOCKADDR_SIZE, log2 - 1);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_mmu_lock_region);

/**
 * panthor_vm_user_va_layout() - Split a VM's VA space between user and kernel
 * @va_bits: VA width of the GPU
 * @requested: user VA size asked for by VM_CREATE, 0 for the default
 * @task_size: size of the calling process's address space
 * @layout: filled with the user range end and the kernel range
 *
 * The default user size is the caller's whole address space if the GPU's
 * is larger (so CPU pointers can be mirrored), else half of the GPU's
 * space. At least 256 MiB are left for the kernel, whose range is the
 * largest power of two above the user range; the user range ends where
 * it starts, which may be above what was asked for.
 *
 * Return: 0, or -EINVAL if the GPU's space is too small or @requested
 * leaves no room for the kernel range.
 */
VISIBLE_IF_KUNIT int panthor_vm_user_va_layout(u32 va_bits, u64 requested, u64 task_size,
					       struct panthor_vm_va_layout *layout)
{
	u64 full, cap, user;

	if (va_bits < 28 || va_bits > 63)
		return -EINVAL;

	full = BIT_ULL(va_bits);
	cap = full - PANTHOR_MIN_KERNEL_VA_SIZE;

	if (requested) {
		if (requested > cap)
			return -EINVAL;
		user = requested;
	} else if (task_size < full) {
		user = task_size;
	} else {
		user = full > SZ_4G ? full / 2 : cap;
	}
	user = min(user, cap);

	layout->kernel_size = rounddown_pow_of_two(full - user);
	layout->kernel_start = full - layout->kernel_size;
	layout->user_end = layout->kernel_start;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_user_va_layout);

/**
 * panthor_vm_bind_op_check() - Checks of a VM_BIND operation that need
 * neither the VM nor the BO
 * @op: the operation
 * @user_va_end: end of the VM's user range
 *
 * Return: 0 if the operation is well-formed, -EINVAL otherwise.
 */
VISIBLE_IF_KUNIT int panthor_vm_bind_op_check(const struct drm_panthor_vm_bind_op *op,
					      u64 user_va_end)
{
	u32 type = op->flags & DRM_PANTHOR_VM_BIND_OP_TYPE_MASK;
	u32 modifiers = op->flags & ~DRM_PANTHOR_VM_BIND_OP_TYPE_MASK;
	u64 end;

	if (!IS_ALIGNED(op->va | op->size | op->bo_offset, PANTHOR_VM_PAGE_SIZE))
		return -EINVAL;

	if (check_add_overflow(op->va, op->size, &end) || end > user_va_end)
		return -EINVAL;

	switch (type) {
	case DRM_PANTHOR_VM_BIND_OP_TYPE_MAP:
		if (modifiers & ~PANTHOR_VM_MAP_FLAGS)
			return -EINVAL;
		return 0;

	case DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP:
		if (modifiers || op->bo_handle || op->bo_offset)
			return -EINVAL;
		return 0;

	case DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY:
		if (modifiers || op->bo_handle || op->bo_offset ||
		    op->va || op->size || !op->syncs.count)
			return -EINVAL;
		return 0;

	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_bind_op_check);

/**
 * panthor_vm_pick_pgsize() - Largest page size for the start of a range
 * @iova: GPU address of the start of the range
 * @paddr: physical address it maps to
 * @len: length of the physically contiguous range
 * @count: set to the number of pages of the returned size to map
 *
 * A 2 MiB block needs @iova and @paddr 2 MiB-aligned and 2 MiB to map. 4 KiB
 * pages are used up to the next 2 MiB boundary of @iova if a block can
 * start there (@iova and @paddr equally misaligned), to the end otherwise.
 *
 * Return: the page size.
 */
VISIBLE_IF_KUNIT size_t panthor_vm_pick_pgsize(u64 iova, u64 paddr, u64 len,
					       size_t *count)
{
	u64 span = len;

	if (IS_ALIGNED(iova | paddr, PANTHOR_VM_BLOCK_SIZE) &&
	    len >= PANTHOR_VM_BLOCK_SIZE) {
		*count = len / PANTHOR_VM_BLOCK_SIZE;
		return PANTHOR_VM_BLOCK_SIZE;
	}

	if (IS_ALIGNED(iova ^ paddr, PANTHOR_VM_BLOCK_SIZE))
		span = min(len, PANTHOR_VM_BLOCK_SIZE -
				(iova & (PANTHOR_VM_BLOCK_SIZE - 1)));

	*count = span / PANTHOR_VM_PAGE_SIZE;
	return PANTHOR_VM_PAGE_SIZE;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_pick_pgsize);

/* ---- AS registers ---------------------------------------------------- */

static void panthor_as_write64(struct panthor_device *ptdev, u32 reg, u64 value)
{
	panthor_write(ptdev, reg, lower_32_bits(value));
	panthor_write(ptdev, reg + 4, upper_32_bits(value));
}

static int panthor_as_wait_idle(struct panthor_device *ptdev, u32 as)
{
	u32 status;
	int ret;

	ret = readl_relaxed_poll_timeout(ptdev->iomem + AS_STATUS(as), status,
					 !(status & AS_STATUS_ACTIVE),
					 PANTHOR_AS_POLL_DELAY_US,
					 PANTHOR_AS_TIMEOUT_US);
	if (ret) {
		/* Nothing but a reset gets a stuck MMU going again. */
		drm_err(&ptdev->base, "AS%u stuck: STATUS 0x%08x\n", as, status);
		panthor_device_schedule_reset(ptdev);
	}

	return ret;
}

/*
 * Commands are only accepted while the AS is idle, and their effect is only
 * guaranteed once it is idle again: wait on both sides.
 */
static int panthor_as_command(struct panthor_device *ptdev, u32 as, u32 cmd)
{
	int ret;

	ret = panthor_as_wait_idle(ptdev, as);
	if (ret)
		return ret;

	panthor_write(ptdev, AS_COMMAND(as), cmd);
	return panthor_as_wait_idle(ptdev, as);
}

static int panthor_as_lock(struct panthor_device *ptdev, u32 as, u64 region)
{
	int ret;

	ret = panthor_as_wait_idle(ptdev, as);
	if (ret)
		return ret;

	panthor_as_write64(ptdev, AS_LOCKADDR(as), region);
	return panthor_as_command(ptdev, as, AS_COMMAND_LOCK);
}

/*
 * Write back and drop everything the GPU caches for the AS (translations
 * and data), then latch a new configuration.
 */
static int panthor_as_configure(struct panthor_device *ptdev, u32 as,
				u64 transtab, u64 memattr, u64 transcfg)
{
	int ret;

	ret = panthor_as_lock(ptdev, as, PANTHOR_LOCK_ALL);
	if (ret)
		return ret;

	ret = panthor_as_command(ptdev, as, AS_COMMAND_FLUSH_MEM);
	if (ret)
		return ret;

	panthor_as_write64(ptdev, AS_TRANSTAB(as), transtab);
	panthor_as_write64(ptdev, AS_MEMATTR(as), memattr);
	panthor_as_write64(ptdev, AS_TRANSCFG(as), transcfg);
	return panthor_as_command(ptdev, as, AS_COMMAND_UPDATE);
}

static int panthor_as_disable(struct panthor_device *ptdev, u32 as)
{
	return panthor_as_configure(ptdev, as, 0, 0,
				    FIELD_PREP(AS_TRANSCFG_ADRMODE,
					       AS_TRANSCFG_ADRMODE_UNMAPPED));
}

static u8 panthor_memattr_byte(bool cached, bool coherent)
{
	if (!cached)
		return FIELD_PREP(AS_MEMATTR_TYPE, AS_MEMATTR_TYPE_NON_CACHEABLE) |
		       FIELD_PREP(AS_MEMATTR_ALLOC_MODE, AS_MEMATTR_ALLOC_MODE_EXPLICIT);

	/*
	 * Cached data only needs to be coherent with the CPU's caches when
	 * the interconnect snoops them; otherwise coherency between the
	 * GPU's own caches is enough.
	 */
	return FIELD_PREP(AS_MEMATTR_TYPE, AS_MEMATTR_TYPE_WRITE_BACK) |
	       FIELD_PREP(AS_MEMATTR_SHARE, coherent ? AS_MEMATTR_SHARE_CPU_INNER :
						       AS_MEMATTR_SHARE_GPU_INNER) |
	       FIELD_PREP(AS_MEMATTR_ALLOC_MODE, AS_MEMATTR_ALLOC_MODE_EXPLICIT) |
	       AS_MEMATTR_ALLOC_R | AS_MEMATTR_ALLOC_W;
}

static u64 panthor_vm_memattr(bool coherent)
{
	u64 memattr = 0;
	unsigned int idx;

	for (idx = 0; idx < 8; idx++)
		memattr |= AS_MEMATTR_BYTE(idx, panthor_memattr_byte(idx == PANTHOR_ATTR_IDX_CACHED,
								     coherent));
	return memattr;
}

static u64 panthor_vm_transcfg(unsigned int va_bits, bool coherent)
{
	u64 transcfg = FIELD_PREP(AS_TRANSCFG_ADRMODE, AS_TRANSCFG_ADRMODE_AARCH64_4K) |
		       FIELD_PREP(AS_TRANSCFG_INA_BITS, 55 - va_bits) |
		       FIELD_PREP(AS_TRANSCFG_PTW_MEMATTR, AS_TRANSCFG_PTW_MEMATTR_WB) |
		       AS_TRANSCFG_PTW_RA;

	/* A walk may only snoop the CPU's caches on a coherent interconnect. */
	if (coherent)
		transcfg |= FIELD_PREP(AS_TRANSCFG_PTW_SH, AS_TRANSCFG_PTW_SH_OUTER);

	return transcfg;
}

/* ---- Slots ----------------------------------------------------------- */

static void panthor_mmu_update_irq_mask(struct panthor_mmu *mmu)
{
	lockdep_assert_held(&mmu->slots_lock);

	if (!mmu->irq_blocked)
		panthor_irq_enable(&mmu->irq, mmu->fault_mask);
}

/* Program the VM's tables into its slot and let its faults through. */
static int panthor_mmu_program_slot(struct panthor_mmu *mmu, struct panthor_vm *vm)
{
	struct panthor_device *ptdev = mmu->ptdev;
	u32 as = vm->as.slot;
	int ret;

	lockdep_assert_held(&mmu->slots_lock);

	if (!mmu->hw_ready)
		return 0;

	ret = panthor_as_configure(ptdev, as, vm->transtab, vm->memattr, vm->transcfg);
	if (ret)
		return ret;

	/* An operation in progress expects its range to be locked. */
	if (vm->as.lock_region) {
		ret = panthor_as_lock(ptdev, as, vm->as.lock_region);
		if (ret)
			return ret;
	}

	/* A fault left over from the slot's previous user is not ours. */
	panthor_write(ptdev, MMU_IRQ_BASE + PANTHOR_IRQ_CLEAR, MMU_IRQ_FAULT(as));
	mmu->fault_mask |= MMU_IRQ_FAULT(as);
	panthor_mmu_update_irq_mask(mmu);
	return 0;
}

/* Stop the hardware using the VM's tables; the binding is kept. */
static void panthor_mmu_quiesce_slot(struct panthor_mmu *mmu, u32 as)
{
	lockdep_assert_held(&mmu->slots_lock);

	mmu->fault_mask &= ~MMU_IRQ_FAULT(as);
	panthor_mmu_update_irq_mask(mmu);

	if (mmu->hw_ready)
		panthor_as_disable(mmu->ptdev, as);
}

static void panthor_mmu_release_slot(struct panthor_mmu *mmu, struct panthor_vm *vm)
{
	u32 as = vm->as.slot;

	lockdep_assert_held(&mmu->slots_lock);

	panthor_mmu_quiesce_slot(mmu, as);
	mmu->slots[as] = NULL;
	vm->as.slot = -1;
	list_del_init(&vm->as.lru_node);
}

/* Find a slot for a user VM, evicting the least recently used idle one. */
static int panthor_mmu_find_user_slot(struct panthor_mmu *mmu)
{
	u32 free = mmu->as_present & ~BIT(PANTHOR_MCU_AS);
	struct panthor_vm *victim;
	unsigned int as;

	lockdep_assert_held(&mmu->slots_lock);

	for (as = 0; as < MMU_AS_MAX; as++) {
		if (mmu->slots[as])
			free &= ~BIT(as);
	}
	if (free)
		return __ffs(free);

	victim = list_first_entry_or_null(&mmu->lru, struct panthor_vm, as.lru_node);
	if (!victim)
		return -EBUSY;

	as = victim->as.slot;
	panthor_mmu_release_slot(mmu, victim);
	return as;
}

static int panthor_mmu_bind_slot(struct panthor_mmu *mmu, struct panthor_vm *vm)
{
	int as, ret;

	lockdep_assert_held(&mmu->slots_lock);

	if (vm->for_mcu) {
		as = PANTHOR_MCU_AS;
		if (mmu->slots[as])
			return -EBUSY;
	} else {
		as = panthor_mmu_find_user_slot(mmu);
		if (as < 0)
			return as;
	}

	mmu->slots[as] = vm;
	vm->as.slot = as;

	ret = panthor_mmu_program_slot(mmu, vm);
	if (ret) {
		panthor_mmu_release_slot(mmu, vm);
		return ret;
	}

	return 0;
}

/* The VM's tables are dead from now on; it never gets a slot again. */
static void panthor_vm_declare_unusable(struct panthor_vm *vm)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;

	mutex_lock(&mmu->slots_lock);
	WRITE_ONCE(vm->unusable, true);
	if (vm->as.slot >= 0)
		panthor_mmu_release_slot(mmu, vm);
	mutex_unlock(&mmu->slots_lock);
}

/* ---- Faults ---------------------------------------------------------- */

static const char *panthor_mmu_fault_name(u32 type)
{
	/* MMU faults are 0xc0-0xef: class in bits 5:2, table level in 1:0. */
	static const char * const names[] = {
		[0x0] = "TRANSLATION_FAULT",
		[0x1] = "TRANSLATION_FAULT",
		[0x2] = "PERMISSION_FAULT",
		[0x4] = "TRANSTAB_BUS_FAULT",
		[0x6] = "ACCESS_FLAG_FAULT",
		[0x8] = "ADDRESS_SIZE_FAULT_IN",
		[0x9] = "ADDRESS_SIZE_FAULT_OUT",
		[0xa] = "MEMORY_ATTRIBUTE_FAULT",
		[0xb] = "MEMORY_ATTRIBUTE_NONCACHE_FAULT",
	};
	u32 idx = (type >> 2) & 0xf;

	if ((type & 0xc0) != 0xc0 || idx >= ARRAY_SIZE(names) || !names[idx])
		return "UNKNOWN_FAULT";

	return names[idx];
}

static const char *panthor_mmu_access_name(u32 access)
{
	switch (access) {
	case AS_FAULTSTATUS_ACCESS_ATOMIC: return "atomic";
	case AS_FAULTSTATUS_ACCESS_EXECUTE: return "execute";
	case AS_FAULTSTATUS_ACCESS_READ: return "read";
	default: return "write";
	}
}

static void panthor_mmu_handle_fault(struct panthor_mmu *mmu, u32 as)
{
	struct panthor_device *ptdev = mmu->ptdev;
	u32 status = panthor_read(ptdev, AS_FAULTSTATUS(as));
	u64 addr = panthor_read64(ptdev, AS_FAULTADDRESS(as));
	u32 type = FIELD_GET(AS_FAULTSTATUS_EXCEPTION_TYPE, status);
	struct panthor_vm *vm, *notify = NULL;

	drm_err_ratelimited(&ptdev->base,
			    "AS%u: %s (0x%02x) level %u on %s at 0x%016llx, source 0x%04lx\n",
			    as, panthor_mmu_fault_name(type), type, type & 3,
			    panthor_mmu_access_name(FIELD_GET(AS_FAULTSTATUS_ACCESS_TYPE,
							      status)),
			    addr, FIELD_GET(AS_FAULTSTATUS_SOURCE_ID, status));

	mutex_lock(&mmu->slots_lock);
	vm = mmu->slots[as];
	if (!vm) {
		/* Nobody owns the slot: just keep it quiet. */
		mmu->fault_mask &= ~MMU_IRQ_FAULT(as);
		panthor_mmu_update_irq_mask(mmu);
	} else if (vm->for_mcu) {
		/*
		 * The firmware cannot go on: stop every access now and reset.
		 * AS0 stays bound, and is programmed again after the reset.
		 */
		panthor_mmu_quiesce_slot(mmu, as);
		panthor_device_schedule_reset(ptdev);
	} else {
		WRITE_ONCE(vm->unusable, true);
		panthor_mmu_release_slot(mmu, vm);
	}

	/* The VM may be on its way out, waiting for slots_lock. */
	if (vm && kref_get_unless_zero(&vm->refcount))
		notify = vm;
	mutex_unlock(&mmu->slots_lock);

	if (notify) {
		if (mmu->fault_handler)
			mmu->fault_handler(ptdev, notify);
		panthor_vm_put(notify);
	}
}

static void panthor_mmu_irq_handler(struct panthor_irq *irq, u32 status)
{
	struct panthor_mmu *mmu = irq->ptdev->mmu;
	unsigned long pending = status & MMU_IRQ_FAULT_MASK;
	unsigned int as;

	for_each_set_bit(as, &pending, MMU_AS_MAX)
		panthor_mmu_handle_fault(mmu, as);
}

/* ---- Device-level entry points ----------------------------------------- */

/**
 * panthor_mmu_set_fault_handler() - Be told about VMs an MMU fault killed
 * @ptdev: device
 * @handler: called from the MMU interrupt thread after a user VM became
 *	     unusable, or after the MCU's VM faulted (a reset is then already
 *	     scheduled); NULL to stop being told
 */
void panthor_mmu_set_fault_handler(struct panthor_device *ptdev,
				   panthor_vm_fault_handler_t handler)
{
	WRITE_ONCE(ptdev->mmu->fault_handler, handler);
}

/* Mask the line and wait for its handler, which takes slots_lock itself. */
static void panthor_mmu_block_irq(struct panthor_mmu *mmu)
{
	mutex_lock(&mmu->slots_lock);
	mmu->irq_blocked = true;
	mutex_unlock(&mmu->slots_lock);

	panthor_irq_disable(&mmu->irq);
}

/* Back from power-down or reset: bind every slot's VM again. */
static void panthor_mmu_restore(struct panthor_mmu *mmu)
{
	unsigned int as;

	mutex_lock(&mmu->slots_lock);
	mmu->hw_ready = true;
	mmu->irq_blocked = false;
	mmu->fault_mask = 0;

	for (as = 0; as < MMU_AS_MAX; as++) {
		struct panthor_vm *vm = mmu->slots[as];

		if (vm && panthor_mmu_program_slot(mmu, vm))
			drm_err(&mmu->ptdev->base, "AS%u: could not be restored\n", as);
	}

	panthor_mmu_update_irq_mask(mmu);
	mutex_unlock(&mmu->slots_lock);
}

/**
 * panthor_mmu_suspend() - Quiesce the MMU before the GPU is powered down
 * @ptdev: device
 *
 * Masks the MMU interrupt and waits for its handler, then disables every
 * AS. VMs keep their slots in software and are programmed again by
 * panthor_mmu_resume(); no AS register is touched in between.
 */
void panthor_mmu_suspend(struct panthor_device *ptdev)
{
	struct panthor_mmu *mmu = ptdev->mmu;
	unsigned int as;

	panthor_mmu_block_irq(mmu);

	mutex_lock(&mmu->slots_lock);
	for (as = 0; as < MMU_AS_MAX; as++) {
		if (mmu->slots[as] && mmu->hw_ready)
			panthor_as_disable(ptdev, as);
	}
	mmu->fault_mask = 0;
	mmu->hw_ready = false;
	mutex_unlock(&mmu->slots_lock);
}

/**
 * panthor_mmu_resume() - Restore the AS slots after the GPU powered up
 * @ptdev: device
 *
 * Programs every slot that has a VM again, then unmasks their faults.
 */
void panthor_mmu_resume(struct panthor_device *ptdev)
{
	panthor_mmu_restore(ptdev->mmu);
}

/**
 * panthor_mmu_pre_reset() - Prepare the MMU for a GPU reset
 * @ptdev: device
 *
 * Like panthor_mmu_suspend(), but without AS commands: the GPU may be hung.
 */
void panthor_mmu_pre_reset(struct panthor_device *ptdev)
{
	struct panthor_mmu *mmu = ptdev->mmu;

	panthor_mmu_block_irq(mmu);

	/* The GPU may be hung: no more AS commands until it is reset. */
	mutex_lock(&mmu->slots_lock);
	mmu->fault_mask = 0;
	mmu->hw_ready = false;
	mutex_unlock(&mmu->slots_lock);
}

/**
 * panthor_mmu_post_reset() - Restore the AS slots after a GPU reset
 * @ptdev: device
 *
 * VMs that faulted stay unusable; the MCU's VM is bound to AS0 again.
 */
void panthor_mmu_post_reset(struct panthor_device *ptdev)
{
	panthor_mmu_restore(ptdev->mmu);
}

/**
 * panthor_mmu_unplug() - Stop using the MMU for good
 * @ptdev: device
 *
 * Masks the MMU interrupt and takes every VM off its slot. VMs that are
 * still referenced keep working in software (their operations no longer
 * reach the hardware). Also run automatically when the device goes away.
 */
void panthor_mmu_unplug(struct panthor_device *ptdev)
{
	struct panthor_mmu *mmu = ptdev->mmu;
	unsigned int as;

	panthor_mmu_block_irq(mmu);

	mutex_lock(&mmu->slots_lock);
	for (as = 0; as < MMU_AS_MAX; as++) {
		if (mmu->slots[as])
			panthor_mmu_release_slot(mmu, mmu->slots[as]);
	}
	mmu->hw_ready = false;
	mutex_unlock(&mmu->slots_lock);
}

static void panthor_mmu_unplug_action(void *data)
{
	panthor_mmu_unplug(data);
}

/**
 * panthor_mmu_init() - Set up the MMU block
 * @ptdev: device, with GPU_CONTROL initialised and the DMA mask set
 *
 * Requests the "mmu" interrupt, with every source masked until a VM gets
 * a slot. AS0 must exist (it is the MCU's) and at least one more.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_mmu_init(struct panthor_device *ptdev)
{
	struct panthor_mmu *mmu;
	int ret;

	mmu = drmm_kzalloc(&ptdev->base, sizeof(*mmu), GFP_KERNEL);
	if (!mmu)
		return -ENOMEM;

	ret = drmm_mutex_init(&ptdev->base, &mmu->slots_lock);
	if (ret)
		return ret;

	mmu->ptdev = ptdev;
	mmu->as_present = panthor_gpu_info(ptdev)->as_present & GENMASK(MMU_AS_MAX - 1, 0);
	INIT_LIST_HEAD(&mmu->lru);
	ptdev->mmu = mmu;

	if (!(mmu->as_present & BIT(PANTHOR_MCU_AS)) ||
	    !(mmu->as_present & ~BIT(PANTHOR_MCU_AS))) {
		drm_err(&ptdev->base, "need AS0 and at least one more AS, AS_PRESENT 0x%x\n",
			mmu->as_present);
		return -ENODEV;
	}

	ret = panthor_irq_request(ptdev, &mmu->irq, "mmu", MMU_IRQ_BASE,
				  panthor_mmu_irq_handler);
	if (ret)
		return ret;

	mmu->hw_ready = true;
	panthor_irq_enable(&mmu->irq, 0);

	return devm_add_action_or_reset(ptdev->base.dev, panthor_mmu_unplug_action, ptdev);
}

/* ---- Page tables ----------------------------------------------------- */

static int panthor_vma_prot(u32 flags)
{
	int prot = IOMMU_READ;

	if (!(flags & DRM_PANTHOR_VM_BIND_OP_MAP_READONLY))
		prot |= IOMMU_WRITE;
	if (flags & DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC)
		prot |= IOMMU_NOEXEC;
	if (!(flags & DRM_PANTHOR_VM_BIND_OP_MAP_UNCACHED))
		prot |= IOMMU_CACHE;

	return prot;
}

/**
 * panthor_pt_unmap() - Remove the descriptors of a range
 * @ops: page tables
 * @iova: start of the range
 * @size: size of the range
 *
 * The range must be mapped entirely and, where a 2 MiB block maps part of
 * it, hold that block whole (the rules at the top of this file), so that
 * io-pgtable never has to split a block or finds an empty entry.
 *
 * Return: the number of bytes unmapped, @size unless the rules were broken.
 */
VISIBLE_IF_KUNIT u64 panthor_pt_unmap(struct io_pgtable_ops *ops, u64 iova, u64 size)
{
	u64 done = 0;

	while (done < size) {
		u64 left = size - done;
		size_t pgsize, count, unmapped;

		if (IS_ALIGNED(iova, PANTHOR_VM_BLOCK_SIZE) && left >= PANTHOR_VM_BLOCK_SIZE) {
			pgsize = PANTHOR_VM_BLOCK_SIZE;
			count = left / PANTHOR_VM_BLOCK_SIZE;
		} else {
			pgsize = PANTHOR_VM_PAGE_SIZE;
			count = min(left, PANTHOR_VM_BLOCK_SIZE -
					  (iova & (PANTHOR_VM_BLOCK_SIZE - 1))) / pgsize;
		}

		/* io-pgtable stops at the end of each table; go on from there. */
		unmapped = ops->unmap_pages(ops, iova, pgsize, count, NULL);
		if (!unmapped)
			break;

		iova += unmapped;
		done += unmapped;
	}

	return done;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_pt_unmap);

/**
 * panthor_pt_map() - Map a range of a BO
 * @ops: page tables
 * @iova: GPU address to map at
 * @prot: IOMMU_* protection flags
 * @sgt: the BO's pages, mapped for DMA
 * @offset: offset of the range in the BO
 * @size: size of the range; the BO must be at least @offset + @size long
 *
 * Uses 2 MiB blocks wherever the GPU and physical addresses allow it. On
 * failure nothing stays mapped.
 *
 * Return: 0, -ENOMEM, or -EINVAL if the BO is shorter than the range.
 */
VISIBLE_IF_KUNIT int panthor_pt_map(struct io_pgtable_ops *ops, u64 iova, int prot,
				    struct sg_table *sgt, u64 offset, u64 size)
{
	u64 start = iova, left = size;
	struct scatterlist *sg;
	unsigned int i;
	int ret = 0;

	for_each_sgtable_dma_sg(sgt, sg, i) {
		dma_addr_t paddr = sg_dma_address(sg);
		u64 len = sg_dma_len(sg);

		if (!left)
			break;

		if (offset >= len) {
			offset -= len;
			continue;
		}

		paddr += offset;
		len = min(len - offset, left);
		offset = 0;

		/* Imported buffers may come in pieces the GPU cannot map. */
		if (!IS_ALIGNED(paddr | len, PANTHOR_VM_PAGE_SIZE)) {
			ret = -EINVAL;
			goto err_unmap;
		}

		while (len) {
			size_t pgsize, count, mapped = 0;

			pgsize = panthor_vm_pick_pgsize(iova, paddr, len, &count);
			ret = ops->map_pages(ops, iova, paddr, pgsize, count, prot,
					     GFP_KERNEL, &mapped);
			iova += mapped;
			paddr += mapped;
			len -= mapped;
			left -= mapped;
			if (!ret && !mapped)
				ret = -ENOMEM;
			if (ret)
				goto err_unmap;
		}
	}

	if (left) {
		ret = -EINVAL;
		goto err_unmap;
	}

	return 0;

err_unmap:
	panthor_pt_unmap(ops, start, iova - start);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_pt_map);

/**
 * panthor_pt_punch_hole() - Unmap the middle or an end of a mapping
 * @ops: page tables
 * @hole: the mapping, the part of it to unmap and which sides stay
 *
 * The parts that stay may share 2 MiB blocks with the hole. Rather than
 * splitting a block in place, whole blocks are cleared on each side that
 * stays (never beyond the mapping) and what stays of them is mapped again
 * with 4 KiB pages. The caller keeps the range LOCKed meanwhile, so the GPU
 * never sees the gap.
 *
 * Return: 0, or the error of a re-map, in which case part of what should
 * stay mapped is not.
 */
VISIBLE_IF_KUNIT int panthor_pt_punch_hole(struct io_pgtable_ops *ops,
					   const struct panthor_pt_hole *hole)
{
	u64 clear_start = hole->start, clear_end = hole->end;
	int ret = 0;

	if (hole->keep_before)
		clear_start = max(ALIGN_DOWN(hole->start, PANTHOR_VM_BLOCK_SIZE),
				  hole->map_start);
	if (hole->keep_after)
		clear_end = min(ALIGN(hole->end, PANTHOR_VM_BLOCK_SIZE), hole->map_end);

	panthor_pt_unmap(ops, clear_start, clear_end - clear_start);

	if (clear_start < hole->start)
		ret = panthor_pt_map(ops, clear_start, hole->prot, hole->sgt,
				     hole->bo_offset + (clear_start - hole->map_start),
				     hole->start - clear_start);
	if (!ret && hole->end < clear_end)
		ret = panthor_pt_map(ops, hole->end, hole->prot, hole->sgt,
				     hole->bo_offset + (hole->end - hole->map_start),
				     clear_end - hole->end);

	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_pt_punch_hole);

/* Number of naturally aligned @granule-sized regions [va, va + size) touches. */
static u64 panthor_pt_regions(u64 va, u64 size, u64 granule)
{
	return (ALIGN(va + size, granule) - ALIGN_DOWN(va, granule)) / granule;
}

/**
 * panthor_pt_pages_needed() - Most table pages an operation can allocate
 * @va: start of the operation's range
 * @size: size of the range
 * @sgt: for a map, the BO's pages; NULL for an unmap
 * @offset: for a map, offset of the range in the BO
 *
 * Tables are only freed by 2 MiB unmaps, of level-3 tables, so an operation
 * allocates at most: a level-3 table for each 2 MiB region it maps with
 * pages, one for each of the two regions around a partial unmap (see
 * panthor_pt_punch_hole()), and for a map a level-2 table per 1 GiB region
 * and a level-1 table per 512 GiB region.
 *
 * Return: the number of 4 KiB pages to set aside.
 */
VISIBLE_IF_KUNIT u64 panthor_pt_pages_needed(u64 va, u64 size, struct sg_table *sgt,
					     u64 offset)
{
	u64 pages = 2, iova = va, left = size, last_region = 0;
	struct scatterlist *sg;
	bool counted = false;
	unsigned int i;

	if (!sgt || !size)
		return pages;

	pages += panthor_pt_regions(va, size, SZ_1G);
	pages += panthor_pt_regions(va, size, BIT_ULL(39));

	for_each_sgtable_dma_sg(sgt, sg, i) {
		u64 paddr = sg_dma_address(sg), len = sg_dma_len(sg);

		if (!left)
			break;
		if (offset >= len) {
			offset -= len;
			continue;
		}

		paddr += offset;
		len = min(len - offset, left);
		offset = 0;

		while (len) {
			size_t count, pgsize = panthor_vm_pick_pgsize(iova, paddr, len, &count);
			u64 span = (u64)count * pgsize;

			/* panthor_pt_map() refuses such a BO anyway. */
			if (!count)
				return pages;

			/* One level-3 table per 2 MiB region mapped with pages. */
			if (pgsize == PANTHOR_VM_PAGE_SIZE) {
				u64 first = iova / PANTHOR_VM_BLOCK_SIZE;
				u64 last = (iova + span - 1) / PANTHOR_VM_BLOCK_SIZE;

				if (counted && first <= last_region)
					first = last_region + 1;
				if (last >= first)
					pages += last - first + 1;
				last_region = last;
				counted = true;
			}

			iova += span;
			paddr += span;
			len -= span;
			left -= span;
		}
	}

	return pages;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_pt_pages_needed);

static void panthor_pt_cache_release(struct panthor_pt_cache *cache)
{
	while (cache->count)
		free_page((unsigned long)cache->pages[--cache->count]);
	kvfree(cache->pages);
	cache->pages = NULL;
}

static int panthor_pt_cache_fill(struct panthor_pt_cache *cache, u64 count)
{
	if (count > U32_MAX)
		return -ENOMEM;

	cache->pages = kvcalloc(count, sizeof(*cache->pages), GFP_KERNEL | __GFP_NOWARN);
	if (!cache->pages)
		return -ENOMEM;

	while (cache->count < count) {
		void *page = (void *)get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);

		if (!page) {
			panthor_pt_cache_release(cache);
			return -ENOMEM;
		}
		cache->pages[cache->count++] = page;
	}

	return 0;
}

/* io-pgtable's allocator: from the running operation's reserve if it has one. */
static void *panthor_vm_alloc_pt(void *cookie, size_t size, gfp_t gfp)
{
	struct panthor_vm *vm = cookie;
	struct panthor_pt_cache *cache = vm->pt_cache;

	if (size != PANTHOR_VM_PAGE_SIZE)
		return NULL;

	if (cache && cache->count)
		return cache->pages[--cache->count];

	/* A queued operation must not wait for memory: fail instead. */
	if (cache)
		gfp = GFP_NOWAIT | __GFP_NOWARN;

	return (void *)get_zeroed_page(gfp);
}

static void panthor_vm_free_pt(void *cookie, void *pages, size_t size)
{
	free_page((unsigned long)pages);
}

/*
 * The VM-level wrappers: the tables of an unusable VM are dead (it never
 * gets a slot again) and are left alone.
 */
static void panthor_vm_unmap_pages(struct panthor_vm *vm, u64 iova, u64 size)
{
	if (READ_ONCE(vm->unusable))
		return;

	drm_WARN_ON(&vm->ptdev->base, panthor_pt_unmap(vm->pgtbl, iova, size) != size);
}

static int panthor_vm_map_pages(struct panthor_vm *vm, u64 iova, int prot,
				struct sg_table *sgt, u64 offset, u64 size)
{
	if (READ_ONCE(vm->unusable))
		return 0;

	return panthor_pt_map(vm->pgtbl, iova, prot, sgt, offset, size);
}

/* ---- Operations ------------------------------------------------------ */

static struct panthor_vma *panthor_vm_op_take_spare(struct panthor_vm_op_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ctx->spare); i++) {
		struct panthor_vma *vma = ctx->spare[i];

		if (vma) {
			ctx->spare[i] = NULL;
			return vma;
		}
	}

	return NULL;
}

static struct sg_table *panthor_vma_sgt(struct drm_gpuva *va)
{
	/*
	 * A mapped BO had its pages pinned and its sg_table built when it
	 * was first mapped; both stay until the BO is freed.
	 */
	return to_drm_gem_shmem_obj(va->gem.obj)->sgt;
}

/*
 * Take a mapping out of the BO's list. The operation keeps a reference on
 * the BO, dropped once the GPU can no longer reach its pages.
 */
static void panthor_vm_op_release_vma(struct panthor_vm_op_ctx *ctx,
				      struct panthor_vma *vma)
{
	struct drm_gem_object *obj = vma->base.gem.obj;

	drm_gem_object_get(obj);
	mutex_lock(&to_panthor_bo(obj)->gpuva_lock);
	drm_gpuva_unlink(&vma->base);
	mutex_unlock(&to_panthor_bo(obj)->gpuva_lock);
	list_add_tail(&vma->node, &ctx->released);
}

static int panthor_gpuva_sm_step_map(struct drm_gpuva_op *op, void *priv)
{
	struct panthor_vm_op_ctx *ctx = priv;
	struct panthor_gem_object *bo = ctx->map.bo;
	struct panthor_vm *vm = to_panthor_vm(ctx->map.vm_bo->vm);
	struct panthor_vma *vma;
	int ret;

	vma = panthor_vm_op_take_spare(ctx);
	if (drm_WARN_ON(&vm->ptdev->base, !vma))
		return -ENOMEM;

	ret = panthor_vm_map_pages(vm, op->map.va.addr, panthor_vma_prot(ctx->flags),
				   bo->base.sgt, op->map.gem.offset, op->map.va.range);
	if (ret) {
		kfree(vma);
		return ret;
	}

	vma->flags = ctx->flags & PANTHOR_VM_MAP_FLAGS;
	drm_gpuva_map(&vm->base, &vma->base, &op->map);

	mutex_lock(&bo->gpuva_lock);
	drm_gpuva_link(&vma->base, ctx->map.vm_bo);
	mutex_unlock(&bo->gpuva_lock);
	return 0;
}

static int panthor_gpuva_sm_step_remap(struct drm_gpuva_op *op, void *priv)
{
	struct drm_gpuva_op_remap *remap = &op->remap;
	struct panthor_vma *old = to_panthor_vma(remap->unmap->va);
	struct panthor_gem_object *bo = to_panthor_bo(old->base.gem.obj);
	struct panthor_vm *vm = to_panthor_vm(old->base.vm);
	struct panthor_vm_op_ctx *ctx = priv;
	struct panthor_pt_hole hole = {
		.map_start = old->base.va.addr,
		.map_end = old->base.va.addr + old->base.va.range,
		.bo_offset = old->base.gem.offset,
		.sgt = panthor_vma_sgt(&old->base),
		.prot = panthor_vma_prot(old->flags),
		.keep_before = !!remap->prev,
		.keep_after = !!remap->next,
	};
	struct panthor_vma *prev = NULL, *next = NULL;
	u64 hole_size;
	int ret = 0;

	if (remap->prev)
		prev = panthor_vm_op_take_spare(ctx);
	if (remap->next)
		next = panthor_vm_op_take_spare(ctx);
	/* Only an operation that could not preallocate runs short. */
	if ((remap->prev && !prev) || (remap->next && !next)) {
		kfree(prev);
		kfree(next);
		return -ENOMEM;
	}

	drm_gpuva_op_remap_to_unmap_range(remap, &hole.start, &hole_size);
	hole.end = hole.start + hole_size;

	if (!READ_ONCE(vm->unusable))
		ret = panthor_pt_punch_hole(vm->pgtbl, &hole);
	ctx->unmapped = true;

	/* Part of what should stay mapped is not: the tables are wrong. */
	if (ret) {
		drm_err_ratelimited(&vm->ptdev->base,
				    "VM: re-mapping around an unmap failed (%d), VM is unusable\n",
				    ret);
		panthor_vm_declare_unusable(vm);
	}

	/* The VA tree follows the request either way. */
	drm_gpuva_remap(prev ? &prev->base : NULL, next ? &next->base : NULL, remap);

	mutex_lock(&bo->gpuva_lock);
	if (prev) {
		prev->flags = old->flags;
		drm_gpuva_link(&prev->base, old->base.vm_bo);
	}
	if (next) {
		next->flags = old->flags;
		drm_gpuva_link(&next->base, old->base.vm_bo);
	}
	mutex_unlock(&bo->gpuva_lock);

	panthor_vm_op_release_vma(ctx, old);
	return ret;
}

static int panthor_gpuva_sm_step_unmap(struct drm_gpuva_op *op, void *priv)
{
	struct panthor_vma *vma = to_panthor_vma(op->unmap.va);
	struct panthor_vm *vm = to_panthor_vm(vma->base.vm);
	struct panthor_vm_op_ctx *ctx = priv;

	panthor_vm_unmap_pages(vm, vma->base.va.addr, vma->base.va.range);
	ctx->unmapped = true;

	drm_gpuva_unmap(&op->unmap);
	panthor_vm_op_release_vma(ctx, vma);
	return 0;
}

static void panthor_gpuvm_free(struct drm_gpuvm *gpuvm)
{
	struct panthor_vm *vm = to_panthor_vm(gpuvm);

	drm_mm_takedown(&vm->kernel_va.mm);
	free_io_pgtable_ops(vm->pgtbl);
	mutex_destroy(&vm->kernel_va.lock);
	mutex_destroy(&vm->op_lock);
	kfree(vm);
}

static const struct drm_gpuvm_ops panthor_gpuvm_ops = {
	.vm_free = panthor_gpuvm_free,
	.sm_step_map = panthor_gpuva_sm_step_map,
	.sm_step_remap = panthor_gpuva_sm_step_remap,
	.sm_step_unmap = panthor_gpuva_sm_step_unmap,
};

static void panthor_vm_op_ctx_init(struct panthor_vm_op_ctx *ctx, u32 flags,
				   u64 va, u64 size)
{
	memset(ctx, 0, sizeof(*ctx));
	INIT_LIST_HEAD(&ctx->released);
	ctx->flags = flags;
	ctx->va = va;
	ctx->size = size;
}

static int panthor_vm_op_ctx_alloc_spares(struct panthor_vm_op_ctx *ctx,
					  unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		ctx->spare[i] = kzalloc(sizeof(*ctx->spare[i]), GFP_KERNEL);
		if (!ctx->spare[i])
			return -ENOMEM;
	}

	return 0;
}

static void panthor_vm_op_ctx_cleanup(struct panthor_vm_op_ctx *ctx)
{
	struct panthor_gem_object *bo = ctx->map.bo;
	struct panthor_vma *vma, *tmp;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ctx->spare); i++)
		kfree(ctx->spare[i]);

	panthor_pt_cache_release(&ctx->pt_cache);

	list_for_each_entry_safe(vma, tmp, &ctx->released, node) {
		list_del(&vma->node);
		drm_gem_object_put(vma->base.gem.obj);
		kfree(vma);
	}

	if (ctx->map.vm_bo) {
		mutex_lock(&bo->gpuva_lock);
		drm_gpuvm_bo_put(ctx->map.vm_bo);
		mutex_unlock(&bo->gpuva_lock);
	}

	if (bo)
		drm_gem_object_put(&bo->base.base);
}

/*
 * Pin the BO's pages and allocate everything the map steps need, so that
 * the only failures left while the VM is locked are page-table allocations.
 */
static int panthor_vm_prepare_map(struct panthor_vm_op_ctx *ctx,
				  struct panthor_vm *vm,
				  struct panthor_gem_object *bo,
				  u64 offset, u64 size, u64 va, u32 flags)
{
	struct sg_table *sgt;

	panthor_vm_op_ctx_init(ctx, DRM_PANTHOR_VM_BIND_OP_TYPE_MAP |
			       (flags & PANTHOR_VM_MAP_FLAGS), va, size);

	if (size > bo->base.base.size || offset > bo->base.base.size - size)
		return -EINVAL;

	if (bo->exclusive_vm_root_gem &&
	    bo->exclusive_vm_root_gem != panthor_vm_root_gem(vm))
		return -EINVAL;

	drm_gem_object_get(&bo->base.base);
	ctx->map.bo = bo;
	ctx->map.offset = offset;

	sgt = drm_gem_shmem_get_pages_sgt(&bo->base);
	if (IS_ERR(sgt))
		return PTR_ERR(sgt);

	ctx->map.vm_bo = drm_gpuvm_bo_create(&vm->base, &bo->base.base);
	if (!ctx->map.vm_bo)
		return -ENOMEM;

	return panthor_vm_op_ctx_alloc_spares(ctx, PANTHOR_VM_OP_SPARE_VMAS);
}

static int panthor_vm_prepare_unmap(struct panthor_vm_op_ctx *ctx, u64 va, u64 size)
{
	panthor_vm_op_ctx_init(ctx, DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP, va, size);

	/* At most the mappings on both ends of the range are split. */
	return panthor_vm_op_ctx_alloc_spares(ctx, 2);
}

/* LOCK the operation's range, now and whenever the VM gets a slot. */
static void panthor_vm_lock_range(struct panthor_vm *vm, u64 va, u64 size)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;

	mutex_lock(&mmu->slots_lock);
	vm->as.lock_region = panthor_mmu_lock_region(va, size);
	if (vm->as.slot >= 0 && mmu->hw_ready)
		panthor_as_lock(vm->ptdev, vm->as.slot, vm->as.lock_region);
	mutex_unlock(&mmu->slots_lock);
}

static void panthor_vm_flush_range(struct panthor_vm *vm, bool unmapped)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;

	mutex_lock(&mmu->slots_lock);
	if (vm->as.slot >= 0 && mmu->hw_ready)
		panthor_as_command(vm->ptdev, vm->as.slot,
				   unmapped ? AS_COMMAND_FLUSH_MEM : AS_COMMAND_FLUSH_PT);
	vm->as.lock_region = 0;
	mutex_unlock(&mmu->slots_lock);
}

static int panthor_vm_exec_op(struct panthor_vm *vm, struct panthor_vm_op_ctx *ctx)
{
	struct panthor_gem_object *bo = ctx->map.bo;
	int ret;

	mutex_lock(&vm->op_lock);
	if (ctx->user && vm->destroyed) {
		mutex_unlock(&vm->op_lock);
		return -EINVAL;
	}

	panthor_vm_lock_range(vm, ctx->va, ctx->size);
	if (ctx->pt_cache.pages)
		vm->pt_cache = &ctx->pt_cache;

	switch (ctx->flags & DRM_PANTHOR_VM_BIND_OP_TYPE_MASK) {
	case DRM_PANTHOR_VM_BIND_OP_TYPE_MAP:
		mutex_lock(&bo->gpuva_lock);
		ctx->map.vm_bo = drm_gpuvm_bo_obtain_prealloc(ctx->map.vm_bo);
		mutex_unlock(&bo->gpuva_lock);
		drm_gpuvm_bo_extobj_add(ctx->map.vm_bo);

		ret = drm_gpuvm_sm_map(&vm->base, ctx, ctx->va, ctx->size,
				       &bo->base.base, ctx->map.offset);
		break;

	case DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP:
		ret = drm_gpuvm_sm_unmap(&vm->base, ctx, ctx->va, ctx->size);
		break;

	default:
		ret = -EINVAL;
		break;
	}

	vm->pt_cache = NULL;
	panthor_vm_flush_range(vm, ctx->unmapped);
	mutex_unlock(&vm->op_lock);
	return ret;
}

/**
 * panthor_vm_map_bo_range() - Map a BO range in a VM, for the kernel
 * @vm: VM
 * @bo: BO
 * @offset: offset of the range in @bo, page-aligned
 * @size: size of the range, page-aligned, not 0
 * @va: GPU address to map it at, page-aligned
 * @flags: DRM_PANTHOR_VM_BIND_OP_MAP_* flags
 *
 * Whatever was mapped in [@va, @va + @size) is replaced. No range check
 * against the user range is made: this is for kernel BOs.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_vm_map_bo_range(struct panthor_vm *vm, struct panthor_gem_object *bo,
			    u64 offset, u64 size, u64 va, u32 flags)
{
	struct panthor_vm_op_ctx ctx;
	int ret;

	if ((flags & ~PANTHOR_VM_MAP_FLAGS) ||
	    !IS_ALIGNED(va | size | offset, PANTHOR_VM_PAGE_SIZE) || !size)
		return -EINVAL;

	ret = panthor_vm_prepare_map(&ctx, vm, bo, offset, size, va, flags);
	if (!ret)
		ret = panthor_vm_exec_op(vm, &ctx);

	panthor_vm_op_ctx_cleanup(&ctx);
	return ret;
}

/**
 * panthor_vm_unmap_range() - Unmap a range of a VM, for the kernel
 * @vm: VM
 * @va: start of the range, page-aligned
 * @size: size of the range, page-aligned
 *
 * Mappings partly in the range are split. Unmapping whole mappings (as
 * kernel BOs do) allocates nothing and cannot fail.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_vm_unmap_range(struct panthor_vm *vm, u64 va, u64 size)
{
	struct panthor_vm_op_ctx ctx;
	int ret;

	if (!IS_ALIGNED(va | size, PANTHOR_VM_PAGE_SIZE))
		return -EINVAL;

	if (!size)
		return 0;

	/*
	 * Without spare mappings, only a split fails: unmapping whole
	 * mappings, as kernel BOs do, works even under memory pressure.
	 */
	panthor_vm_prepare_unmap(&ctx, va, size);
	ret = panthor_vm_exec_op(vm, &ctx);
	panthor_vm_op_ctx_cleanup(&ctx);
	return ret;
}

/* Everything is unmapped whole, so nothing needs to be allocated. */
static void panthor_vm_unmap_all(struct panthor_vm *vm, u64 end)
{
	struct panthor_vm_op_ctx ctx;

	panthor_vm_op_ctx_init(&ctx, DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP, 0, end);
	panthor_vm_exec_op(vm, &ctx);
	panthor_vm_op_ctx_cleanup(&ctx);
}

/* ---- VM_BIND --------------------------------------------------------- */

/*
 * Turn a VM_BIND operation into an operation context: every check of the
 * uAPI, the BO looked up and pinned, memory preallocated. A SYNC_ONLY
 * operation, or one of size 0, gets a context that does nothing.
 */
static int panthor_vm_bind_prepare(struct drm_file *file, struct panthor_vm *vm,
				   const struct drm_panthor_vm_bind_op *op,
				   struct panthor_vm_op_ctx *ctx)
{
	struct drm_device *ddev = &vm->ptdev->base;
	u32 type = op->flags & DRM_PANTHOR_VM_BIND_OP_TYPE_MASK;
	struct drm_gem_object *obj;
	int ret;

	panthor_vm_op_ctx_init(ctx, DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY, 0, 0);

	ret = panthor_vm_bind_op_check(op, vm->user_va_end);
	if (ret) {
		drm_dbg(ddev,
			"VM_BIND: bad operation: flags 0x%x handle %u offset 0x%llx va 0x%llx size 0x%llx (user VA end 0x%llx)\n",
			op->flags, op->bo_handle, op->bo_offset, op->va, op->size,
			vm->user_va_end);
		return ret;
	}

	if (type == DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY || !op->size)
		return 0;

	if (type == DRM_PANTHOR_VM_BIND_OP_TYPE_UNMAP) {
		ret = panthor_vm_prepare_unmap(ctx, op->va, op->size);
		ctx->user = true;
		return ret;
	}

	if (panthor_vm_is_unusable(vm)) {
		drm_dbg(ddev, "VM_BIND: MAP on an unusable VM\n");
		return -EINVAL;
	}

	obj = drm_gem_object_lookup(file, op->bo_handle);
	if (!obj) {
		drm_dbg(ddev, "VM_BIND: MAP of unknown BO handle %u\n", op->bo_handle);
		return -EINVAL;
	}

	ret = panthor_vm_prepare_map(ctx, vm, to_panthor_bo(obj), op->bo_offset,
				     op->size, op->va, op->flags);
	if (ret == -EINVAL)
		drm_dbg(ddev,
			"VM_BIND: MAP of BO %u (size 0x%zx) offset 0x%llx size 0x%llx: out of the BO or BO private to another VM\n",
			op->bo_handle, obj->size, op->bo_offset, op->size);
	drm_gem_object_put(obj);
	ctx->user = true;
	return ret;
}

static bool panthor_vm_op_ctx_is_noop(const struct panthor_vm_op_ctx *ctx)
{
	return (ctx->flags & DRM_PANTHOR_VM_BIND_OP_TYPE_MASK) ==
	       DRM_PANTHOR_VM_BIND_OP_TYPE_SYNC_ONLY;
}

/**
 * panthor_vm_bind_exec_sync_op() - Run one operation of a synchronous VM_BIND
 * @file: the caller's file, where BO handles are looked up
 * @vm: VM
 * @op: the operation, as userspace passed it
 *
 * Return: 0 on success (also for an operation of size 0, which is skipped
 * unchecked), -EINVAL for a malformed operation or a MAP on an unusable
 * VM, another negative error code otherwise.
 */
int panthor_vm_bind_exec_sync_op(struct drm_file *file, struct panthor_vm *vm,
				 const struct drm_panthor_vm_bind_op *op)
{
	struct panthor_vm_op_ctx ctx;
	int ret;

	if (op->syncs.count) {
		drm_dbg(&vm->ptdev->base, "VM_BIND: synchronous operation with %u sync ops\n",
			op->syncs.count);
		return -EINVAL;
	}

	/* Nothing to do, and nothing else is looked at. */
	if (!op->size)
		return 0;

	ret = panthor_vm_bind_prepare(file, vm, op, &ctx);
	if (!ret && !panthor_vm_op_ctx_is_noop(&ctx))
		ret = panthor_vm_exec_op(vm, &ctx);

	panthor_vm_op_ctx_cleanup(&ctx);
	return ret;
}

/* ---- Bind queue (asynchronous VM_BIND) ----------------------------------- */

/**
 * struct panthor_vm_bind_job - One queued VM_BIND operation
 */
struct panthor_vm_bind_job {
	/** @base: the scheduler's job; its finished fence is the op's fence */
	struct drm_sched_job base;
	/**
	 * @vm: the VM. The job holds a reference on its &drm_gpuvm, which
	 * keeps the memory (and the scheduler in it) around for jobs that
	 * are only freed after the queue was torn down.
	 */
	struct panthor_vm *vm;
	/** @ctx: the prepared operation */
	struct panthor_vm_op_ctx ctx;
};

static struct panthor_vm_bind_job *to_panthor_vm_bind_job(struct drm_sched_job *job)
{
	return container_of(job, struct panthor_vm_bind_job, base);
}

static struct dma_fence *panthor_vm_bind_run_job(struct drm_sched_job *sched_job)
{
	struct panthor_vm_bind_job *job = to_panthor_vm_bind_job(sched_job);
	struct panthor_vm *vm = job->vm;
	int ret;

	if (panthor_vm_op_ctx_is_noop(&job->ctx))
		return NULL;

	/* Maps queued before the VM became unusable fail; unmaps still run. */
	if ((job->ctx.flags & DRM_PANTHOR_VM_BIND_OP_TYPE_MASK) ==
	    DRM_PANTHOR_VM_BIND_OP_TYPE_MAP && panthor_vm_is_unusable(vm))
		return ERR_PTR(-EINVAL);

	ret = panthor_vm_exec_op(vm, &job->ctx);
	if (ret) {
		/* Userspace no longer knows what is mapped: stop the VM. */
		drm_dbg(&vm->ptdev->base, "VM_BIND: queued operation failed (%d), VM is unusable\n",
			ret);
		panthor_vm_declare_unusable(vm);
		return ERR_PTR(ret);
	}

	return NULL;
}

static void panthor_vm_bind_job_free(struct panthor_vm_bind_job *job)
{
	struct panthor_vm *vm = job->vm;

	panthor_vm_op_ctx_cleanup(&job->ctx);
	kfree(job);
	drm_gpuvm_put(&vm->base);
}

static void panthor_vm_bind_free_job(struct drm_sched_job *sched_job)
{
	struct panthor_vm_bind_job *job = to_panthor_vm_bind_job(sched_job);

	drm_sched_job_cleanup(sched_job);
	panthor_vm_bind_job_free(job);
}

static enum drm_gpu_sched_stat panthor_vm_bind_timedout_job(struct drm_sched_job *sched_job)
{
	/* Operations run on the CPU and have no timeout. */
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static const struct drm_sched_backend_ops panthor_vm_bind_ops = {
	.run_job = panthor_vm_bind_run_job,
	.free_job = panthor_vm_bind_free_job,
	.timedout_job = panthor_vm_bind_timedout_job,
};

static int panthor_vm_bind_queue_init(struct panthor_vm *vm)
{
	struct drm_gpu_scheduler *sched = &vm->bind.sched;
	const struct drm_sched_init_args args = {
		.ops = &panthor_vm_bind_ops,
		.num_rqs = 1,
		.credit_limit = 1,
		.timeout = MAX_SCHEDULE_TIMEOUT,
		.name = "panthor-vm-bind",
		.dev = vm->ptdev->base.dev,
	};
	int ret;

	ret = drm_sched_init(sched, &args);
	if (ret)
		return ret;

	ret = drm_sched_entity_init(&vm->bind.entity, DRM_SCHED_PRIORITY_KERNEL,
				    &sched, 1, NULL);
	if (ret) {
		drm_sched_fini(sched);
		return ret;
	}

	vm->bind.ready = true;
	return 0;
}

/* Queued operations run (or are dropped) before this returns. */
static void panthor_vm_bind_queue_fini(struct panthor_vm *vm)
{
	if (!vm->bind.ready)
		return;

	drm_sched_entity_destroy(&vm->bind.entity);
	drm_sched_fini(&vm->bind.sched);
	vm->bind.ready = false;
}

/**
 * struct panthor_vm_bind_signal - A syncobj an operation of the batch signals
 */
struct panthor_vm_bind_signal {
	/** @syncobj: the syncobj, with a reference */
	struct drm_syncobj *syncobj;
	/** @chain: preallocated chain node for a timeline point, else NULL */
	struct dma_fence_chain *chain;
	/** @handle: its handle, to match waits of later operations */
	u32 handle;
	/** @point: timeline point, 0 for a binary syncobj */
	u64 point;
	/** @op: index of the operation that signals it */
	u32 op;
};

/**
 * struct panthor_vm_bind_batch - Everything an asynchronous VM_BIND queues
 */
struct panthor_vm_bind_batch {
	/** @jobs: one job per operation, NULL where not created yet */
	struct panthor_vm_bind_job **jobs;
	/** @syncs: the sync operations of each operation */
	struct drm_panthor_sync_op **syncs;
	/** @signals: every signal of the batch, in operation order */
	struct panthor_vm_bind_signal *signals;
	/** @signal_count: entries used in @signals */
	u32 signal_count;
	/** @count: number of operations */
	u32 count;
};

static int panthor_sync_op_check(struct drm_device *ddev, const struct drm_panthor_sync_op *sync)
{
	u32 type = sync->flags & DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK;

	if (sync->flags & ~(DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK | DRM_PANTHOR_SYNC_OP_SIGNAL) ||
	    (type != DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ &&
	     type != DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ) ||
	    (type == DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_SYNCOBJ && sync->timeline_value)) {
		drm_dbg(ddev, "VM_BIND: bad sync op: flags 0x%x handle %u point %llu\n",
			sync->flags, sync->handle, sync->timeline_value);
		return -EINVAL;
	}

	return 0;
}

static bool panthor_sync_op_is_signal(const struct drm_panthor_sync_op *sync)
{
	return sync->flags & DRM_PANTHOR_SYNC_OP_SIGNAL;
}

/* Read every operation's sync ops and collect the signals, checked. */
static int panthor_vm_bind_collect_signals(struct drm_file *file,
					   struct panthor_vm_bind_batch *batch,
					   const struct drm_panthor_vm_bind_op *ops)
{
	struct drm_device *ddev = file->minor->dev;
	u32 i, j, total = 0;

	for (i = 0; i < batch->count; i++) {
		struct drm_panthor_sync_op *syncs;

		syncs = PANTHOR_COPY_OBJ_ARRAY(&ops[i].syncs, struct drm_panthor_sync_op,
					       timeline_value);
		if (IS_ERR(syncs)) {
			drm_dbg(ddev, "VM_BIND: op %u: cannot read its sync ops (%ld)\n",
				i, PTR_ERR(syncs));
			return PTR_ERR(syncs);
		}
		batch->syncs[i] = syncs;
		total += ops[i].syncs.count;
	}

	batch->signals = kvcalloc(total, sizeof(*batch->signals), GFP_KERNEL | __GFP_NOWARN);
	if (total && !batch->signals)
		return -ENOMEM;

	for (i = 0; i < batch->count; i++) {
		for (j = 0; j < ops[i].syncs.count; j++) {
			const struct drm_panthor_sync_op *sync = &batch->syncs[i][j];
			struct panthor_vm_bind_signal *sig;
			int ret;

			if (!panthor_sync_op_is_signal(sync))
				continue;

			ret = panthor_sync_op_check(ddev, sync);
			if (ret)
				return ret;

			sig = &batch->signals[batch->signal_count];
			sig->syncobj = drm_syncobj_find(file, sync->handle);
			if (!sig->syncobj) {
				drm_dbg(ddev, "VM_BIND: op %u signals unknown syncobj %u\n",
					i, sync->handle);
				return -EINVAL;
			}
			batch->signal_count++;

			sig->handle = sync->handle;
			sig->point = sync->timeline_value;
			sig->op = i;
			if ((sync->flags & DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_MASK) ==
			    DRM_PANTHOR_SYNC_OP_HANDLE_TYPE_TIMELINE_SYNCOBJ) {
				sig->chain = dma_fence_chain_alloc();
				if (!sig->chain)
					return -ENOMEM;
			}
		}
	}

	return 0;
}

/*
 * Make the job of operation @idx wait for its WAIT sync ops. A wait on what
 * an earlier operation of the batch signals needs no dependency: the queue
 * runs operations in order.
 */
static int panthor_vm_bind_add_waits(struct drm_file *file,
				     struct panthor_vm_bind_batch *batch,
				     const struct drm_panthor_vm_bind_op *op, u32 idx)
{
	struct drm_device *ddev = file->minor->dev;
	struct panthor_vm_bind_job *job = batch->jobs[idx];
	u32 j, k;
	int ret;

	for (j = 0; j < op->syncs.count; j++) {
		const struct drm_panthor_sync_op *sync = &batch->syncs[idx][j];
		struct dma_fence *fence;
		bool earlier = false;

		if (panthor_sync_op_is_signal(sync))
			continue;

		ret = panthor_sync_op_check(ddev, sync);
		if (ret)
			return ret;

		for (k = 0; k < batch->signal_count && batch->signals[k].op < idx; k++) {
			if (batch->signals[k].handle == sync->handle &&
			    batch->signals[k].point == sync->timeline_value)
				earlier = true;
		}
		if (earlier)
			continue;

		ret = drm_syncobj_find_fence(file, sync->handle, sync->timeline_value, 0,
					     &fence);
		if (ret) {
			drm_dbg(ddev, "VM_BIND: op %u waits on syncobj %u point %llu: %s\n",
				idx, sync->handle, sync->timeline_value,
				ret == -ENOENT ? "unknown handle" : "no fence");
			return ret;
		}

		ret = drm_sched_job_add_dependency(&job->base, fence);
		if (ret)
			return ret;
	}

	return 0;
}

static int panthor_vm_bind_job_create(struct drm_file *file, struct panthor_vm *vm,
				      const struct drm_panthor_vm_bind_op *op,
				      struct panthor_vm_bind_job **out)
{
	struct panthor_vm_bind_job *job;
	int ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;

	job->vm = vm;
	drm_gpuvm_get(&vm->base);
	ret = panthor_vm_bind_prepare(file, vm, op, &job->ctx);
	if (ret)
		goto err_free;

	if (!panthor_vm_op_ctx_is_noop(&job->ctx)) {
		struct panthor_gem_object *bo = job->ctx.map.bo;

		ret = panthor_pt_cache_fill(&job->ctx.pt_cache,
					    panthor_pt_pages_needed(job->ctx.va, job->ctx.size,
								    bo ? bo->base.sgt : NULL,
								    job->ctx.map.offset));
		if (ret)
			goto err_free;
	}

	ret = drm_sched_job_init(&job->base, &vm->bind.entity, 1, vm, file->client_id);
	if (ret)
		goto err_free;

	*out = job;
	return 0;

err_free:
	panthor_vm_bind_job_free(job);
	return ret;
}

static void panthor_vm_bind_batch_fini(struct panthor_vm_bind_batch *batch)
{
	u32 i;

	for (i = 0; i < batch->count; i++) {
		struct panthor_vm_bind_job *job = batch->jobs[i];

		/* Jobs that were queued belong to the scheduler. */
		if (job) {
			drm_sched_job_cleanup(&job->base);
			panthor_vm_bind_job_free(job);
		}
		kvfree(batch->syncs[i]);
	}

	for (i = 0; i < batch->signal_count; i++) {
		dma_fence_chain_free(batch->signals[i].chain);
		drm_syncobj_put(batch->signals[i].syncobj);
	}

	kvfree(batch->signals);
	kvfree(batch->syncs);
	kvfree(batch->jobs);
}

/* Nothing can fail from here on: queue the jobs and publish their fences. */
static void panthor_vm_bind_batch_push(struct panthor_vm_bind_batch *batch)
{
	u32 i, k = 0;

	for (i = 0; i < batch->count; i++) {
		struct panthor_vm_bind_job *job = batch->jobs[i];
		struct dma_fence *done;

		drm_sched_job_arm(&job->base);
		done = &job->base.s_fence->finished;

		for (; k < batch->signal_count && batch->signals[k].op == i; k++) {
			struct panthor_vm_bind_signal *sig = &batch->signals[k];

			/* Both take their own reference to the fence. */
			if (sig->chain) {
				drm_syncobj_add_point(sig->syncobj, sig->chain,
						      done, sig->point);
				sig->chain = NULL;
			} else {
				drm_syncobj_replace_fence(sig->syncobj, done);
			}
		}

		drm_sched_entity_push_job(&job->base);
		batch->jobs[i] = NULL;
	}
}

/**
 * panthor_vm_bind_queue_ops() - Queue the operations of an asynchronous VM_BIND
 * @file: the caller's file
 * @vm: VM
 * @ops: the operations
 * @count: number of operations
 *
 * Everything is checked and prepared before anything is queued: on failure
 * nothing is, and no syncobj changed. The operations then run in order on
 * the VM's bind queue, each after its WAIT sync ops, and each one's fence
 * goes to its SIGNAL sync ops.
 *
 * Return: 0 on success, a negative error code otherwise.
 */
int panthor_vm_bind_queue_ops(struct drm_file *file, struct panthor_vm *vm,
			      const struct drm_panthor_vm_bind_op *ops, u32 count)
{
	struct drm_device *ddev = &vm->ptdev->base;
	struct panthor_vm_bind_batch batch = { .count = count };
	u32 i;
	int ret;

	if (!vm->bind.ready || READ_ONCE(vm->destroyed) || panthor_vm_is_unusable(vm)) {
		drm_dbg(ddev, "VM_BIND: asynchronous bind on an unusable VM\n");
		return -EINVAL;
	}

	if (!count)
		return 0;

	batch.jobs = kvcalloc(count, sizeof(*batch.jobs), GFP_KERNEL | __GFP_NOWARN);
	batch.syncs = kvcalloc(count, sizeof(*batch.syncs), GFP_KERNEL | __GFP_NOWARN);
	if (!batch.jobs || !batch.syncs) {
		ret = -ENOMEM;
		goto out;
	}

	ret = panthor_vm_bind_collect_signals(file, &batch, ops);
	if (ret)
		goto out;

	for (i = 0; i < count; i++) {
		ret = panthor_vm_bind_job_create(file, vm, &ops[i], &batch.jobs[i]);
		if (ret)
			goto out;

		ret = panthor_vm_bind_add_waits(file, &batch, &ops[i], i);
		if (ret)
			goto out;
	}

	panthor_vm_bind_batch_push(&batch);

out:
	panthor_vm_bind_batch_fini(&batch);
	return ret;
}

/* ---- VM life cycle --------------------------------------------------- */

/**
 * panthor_vm_create() - Create a VM
 * @ptdev: device
 * @for_mcu: the MCU's VM, always bound to AS0 (one at a time)
 * @kernel_va_start: start of the range kernel BOs may be placed in
 * @kernel_va_size: size of that range
 * @auto_kernel_va_start: start of the range kernel BOs created with
 *			  %PANTHOR_VM_KERNEL_AUTO_VA are placed in; inside the
 *			  kernel range
 * @auto_kernel_va_size: size of that range
 *
 * The VM spans the whole VA width of the GPU. All ranges must be
 * page-aligned.
 *
 * Return: the VM, with one reference, or an ERR_PTR().
 */
struct panthor_vm *panthor_vm_create(struct panthor_device *ptdev, bool for_mcu,
				     u64 kernel_va_start, u64 kernel_va_size,
				     u64 auto_kernel_va_start,
				     u64 auto_kernel_va_size)
{
	unsigned int va_bits = panthor_mmu_va_bits(ptdev);
	u64 full = BIT_ULL(va_bits), kernel_end, auto_end;
	struct io_pgtable_cfg cfg;
	struct drm_gem_object *root;
	struct panthor_vm *vm;

	if (check_add_overflow(kernel_va_start, kernel_va_size, &kernel_end) ||
	    check_add_overflow(auto_kernel_va_start, auto_kernel_va_size, &auto_end) ||
	    !kernel_va_size || kernel_end > full ||
	    auto_kernel_va_start < kernel_va_start || auto_end > kernel_end ||
	    !IS_ALIGNED(kernel_va_start | kernel_va_size | auto_kernel_va_start |
			auto_kernel_va_size, PANTHOR_VM_PAGE_SIZE))
		return ERR_PTR(-EINVAL);

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return ERR_PTR(-ENOMEM);

	vm->ptdev = ptdev;
	vm->for_mcu = for_mcu;
	kref_init(&vm->refcount);
	mutex_init(&vm->op_lock);
	mutex_init(&vm->kernel_va.lock);
	vm->as.slot = -1;
	INIT_LIST_HEAD(&vm->as.lru_node);
	vm->kernel_va.auto_start = auto_kernel_va_start;
	vm->kernel_va.auto_end = auto_end;

	/*
	 * No TLB callbacks: each operation locks its whole range before it
	 * touches a descriptor and flushes it afterwards (see the top of the
	 * file). On a non-coherent GPU, io-pgtable cleans every descriptor it
	 * writes out of the CPU caches itself, through @iommu_dev.
	 */
	cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap = PANTHOR_VM_PAGE_SIZE | PANTHOR_VM_BLOCK_SIZE,
		.ias = va_bits,
		.oas = panthor_gpu_pa_bits(ptdev),
		.coherent_walk = ptdev->coherent,
		.iommu_dev = ptdev->base.dev,
		.alloc = panthor_vm_alloc_pt,
		.free = panthor_vm_free_pt,
	};

	vm->pgtbl = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, vm);
	if (!vm->pgtbl) {
		mutex_destroy(&vm->kernel_va.lock);
		mutex_destroy(&vm->op_lock);
		kfree(vm);
		return ERR_PTR(-ENOMEM);
	}

	vm->transtab = cfg.arm_lpae_s1_cfg.ttbr;
	vm->memattr = panthor_vm_memattr(ptdev->coherent);
	vm->transcfg = panthor_vm_transcfg(va_bits, ptdev->coherent);

	root = drm_gpuvm_resv_object_alloc(&ptdev->base);
	if (!root) {
		free_io_pgtable_ops(vm->pgtbl);
		mutex_destroy(&vm->kernel_va.lock);
		mutex_destroy(&vm->op_lock);
		kfree(vm);
		return ERR_PTR(-ENOMEM);
	}

	drm_mm_init(&vm->kernel_va.mm, kernel_va_start, kernel_va_size);

	/* From here on, the last drm_gpuvm_put() frees the VM. */
	drm_gpuvm_init(&vm->base, for_mcu ? "panthor-mcu" : "panthor", 0,
		       &ptdev->base, root, 0, full, 0, 0, &panthor_gpuvm_ops);
	drm_gem_object_put(root);

	return vm;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_create);

/**
 * panthor_vm_get() - Take a reference on a VM
 * @vm: VM, or NULL
 *
 * Return: @vm.
 */
struct panthor_vm *panthor_vm_get(struct panthor_vm *vm)
{
	if (vm)
		kref_get(&vm->refcount);

	return vm;
}

static void panthor_vm_release(struct kref *kref)
{
	struct panthor_vm *vm = container_of(kref, struct panthor_vm, refcount);
	struct panthor_mmu *mmu = vm->ptdev->mmu;

	panthor_vm_bind_queue_fini(vm);
	panthor_vm_unmap_all(vm, vm->base.mm_range);

	mutex_lock(&mmu->slots_lock);
	if (vm->as.slot >= 0)
		panthor_mmu_release_slot(mmu, vm);
	mutex_unlock(&mmu->slots_lock);

	drm_gpuvm_put(&vm->base);
}

/**
 * panthor_vm_put() - Drop a reference on a VM
 * @vm: VM, or NULL
 *
 * The last reference unmaps everything, takes the VM off its slot and
 * frees it. May sleep.
 */
void panthor_vm_put(struct panthor_vm *vm)
{
	if (vm)
		kref_put(&vm->refcount, panthor_vm_release);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_put);

/**
 * panthor_vm_active() - Make a VM resident for the GPU to use
 * @vm: VM
 *
 * Gives the VM an AS slot if it has none: a free one, or that of the least
 * recently used idle user VM, which loses it. The slot is programmed with
 * the VM's tables and its fault interrupt is unmasked. Calls nest; each
 * successful one must be balanced by panthor_vm_idle(). May sleep.
 *
 * Return: 0, -EBUSY if every user slot belongs to an active VM, -EINVAL
 * for an unusable VM, -ETIMEDOUT if the AS does not respond.
 */
int panthor_vm_active(struct panthor_vm *vm)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;
	int ret = 0;

	mutex_lock(&mmu->slots_lock);
	if (vm->unusable) {
		ret = -EINVAL;
		goto out_unlock;
	}

	if (vm->as.slot < 0) {
		ret = panthor_mmu_bind_slot(mmu, vm);
		if (ret)
			goto out_unlock;
	}

	/* An active VM is not evictable. */
	if (!vm->as.active_cnt++)
		list_del_init(&vm->as.lru_node);

out_unlock:
	mutex_unlock(&mmu->slots_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_active);

/**
 * panthor_vm_idle() - Drop one panthor_vm_active() of a VM
 * @vm: VM
 *
 * When the last one is dropped the VM keeps its slot, but a user VM may
 * now be evicted from it.
 */
void panthor_vm_idle(struct panthor_vm *vm)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;

	mutex_lock(&mmu->slots_lock);
	if (!drm_WARN_ON(&vm->ptdev->base, !vm->as.active_cnt) &&
	    !--vm->as.active_cnt && vm->as.slot >= 0 && !vm->for_mcu)
		list_add_tail(&vm->as.lru_node, &mmu->lru);
	mutex_unlock(&mmu->slots_lock);
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_idle);

/**
 * panthor_vm_as() - AS slot of a VM
 * @vm: VM
 *
 * Return: the slot the VM is bound to, or -1.
 */
int panthor_vm_as(struct panthor_vm *vm)
{
	struct panthor_mmu *mmu = vm->ptdev->mmu;
	int as;

	mutex_lock(&mmu->slots_lock);
	as = vm->as.slot;
	mutex_unlock(&mmu->slots_lock);

	return as;
}
EXPORT_SYMBOL_IF_KUNIT(panthor_vm_as);

/**
 * panthor_vm_is_unusable() - Whether a VM can no longer be used
 * @vm: VM
 *
 * A VM becomes unusable when the GPU faults on it or when its page tables
 * could not be kept in step with its mappings. It stays so.
 *
 * Return: true if the VM is unusable.
 */
bool panthor_vm_is_unusable(struct panthor_vm *vm)
{
	return READ_ONCE(vm->unusable);
}

/**
 * panthor_vm_page_size() - GPU page size of a VM
 * @vm: VM
 *
 * Return: the page size: mappings are aligned to it.
 */
u64 panthor_vm_page_size(struct panthor_vm *vm)
{
	return PANTHOR_VM_PAGE_SIZE;
}

/**
 * panthor_vm_root_gem() - The GEM object holding a VM's reservation object
 * @vm: VM
 *
 * BOs private to the VM share its reservation object.
 *
 * Return: the VM's root GEM object; the VM holds the reference.
 */
struct drm_gem_object *panthor_vm_root_gem(struct panthor_vm *vm)
{
	return vm->base.r_obj;
}

/**
 * panthor_vm_resv() - A VM's reservation object
 * @vm: VM
 *
 * Return: the reservation object shared by the VM's private BOs.
 */
struct dma_resv *panthor_vm_resv(struct panthor_vm *vm)
{
	return drm_gpuvm_resv(&vm->base);
}

/**
 * panthor_vm_prepare_mapped_bos_resvs() - Lock a VM and the BOs mapped in it
 * @exec: drm_exec context, inside drm_exec_until_all_locked()
 * @vm: VM
 * @slot_count: fence slots to reserve in every reservation object
 *
 * Return: 0, or a negative error code (-EDEADLK asks drm_exec to retry).
 */
int panthor_vm_prepare_mapped_bos_resvs(struct drm_exec *exec,
					struct panthor_vm *vm,
					unsigned int slot_count)
{
	int ret;

	ret = drm_gpuvm_prepare_vm(&vm->base, exec, slot_count);
	if (ret)
		return ret;

	return drm_gpuvm_prepare_objects(&vm->base, exec, slot_count);
}

/**
 * panthor_vm_add_job_fence() - Attach a job's fence to a VM and its BOs
 * @vm: VM
 * @exec: the context panthor_vm_prepare_mapped_bos_resvs() locked them in
 * @fence: the job's done fence
 *
 * The fence is added with BOOKKEEP usage: panthor users synchronise
 * explicitly, the fence only keeps the memory from being reclaimed early.
 */
void panthor_vm_add_job_fence(struct panthor_vm *vm, struct drm_exec *exec,
			      struct dma_fence *fence)
{
	/* Panthor users synchronise explicitly; the fence is for eviction. */
	drm_gpuvm_resv_add_fence(&vm->base, exec, fence, DMA_RESV_USAGE_BOOKKEEP,
				 DMA_RESV_USAGE_BOOKKEEP);
}

/**
 * panthor_vm_alloc_kernel_va() - Reserve a range of a VM's kernel VA space
 * @vm: VM
 * @va: start of the range, or %PANTHOR_VM_KERNEL_AUTO_VA for any free range
 *	of the automatic kernel range
 * @size: size of the range, page-aligned
 * @node: the reservation, released with panthor_vm_free_kernel_va()
 *
 * Automatic ranges of 2 MiB or more are 2 MiB-aligned, so that blocks can
 * map them.
 *
 * Return: 0, -EINVAL for a misaligned request, -ENOSPC if the range is
 * taken, outside the kernel range, or nothing fits.
 */
int panthor_vm_alloc_kernel_va(struct panthor_vm *vm, u64 va, u64 size,
			       struct drm_mm_node *node)
{
	int ret;

	if (!size || !IS_ALIGNED(size, PANTHOR_VM_PAGE_SIZE))
		return -EINVAL;

	mutex_lock(&vm->kernel_va.lock);
	if (va == PANTHOR_VM_KERNEL_AUTO_VA) {
		/* Large BOs get block-aligned addresses, so blocks can map them. */
		u64 align = size >= PANTHOR_VM_BLOCK_SIZE ? PANTHOR_VM_BLOCK_SIZE :
							    PANTHOR_VM_PAGE_SIZE;

		ret = drm_mm_insert_node_in_range(&vm->kernel_va.mm, node, size, align, 0,
						  vm->kernel_va.auto_start,
						  vm->kernel_va.auto_end,
						  DRM_MM_INSERT_BEST);
	} else if (!IS_ALIGNED(va, PANTHOR_VM_PAGE_SIZE)) {
		ret = -EINVAL;
	} else {
		node->start = va;
		node->size = size;
		node->color = 0;
		ret = drm_mm_reserve_node(&vm->kernel_va.mm, node);
	}
	mutex_unlock(&vm->kernel_va.lock);

	return ret;
}

/**
 * panthor_vm_free_kernel_va() - Release a kernel VA reservation
 * @vm: VM
 * @node: reservation made by panthor_vm_alloc_kernel_va()
 */
void panthor_vm_free_kernel_va(struct panthor_vm *vm, struct drm_mm_node *node)
{
	mutex_lock(&vm->kernel_va.lock);
	drm_mm_remove_node(node);
	mutex_unlock(&vm->kernel_va.lock);
}

/* ---- Per-file VM pool ------------------------------------------------ */

/**
 * panthor_vm_pool_create() - Give a file its VM pool
 * @pfile: the file
 *
 * Return: 0 or -ENOMEM.
 */
int panthor_vm_pool_create(struct panthor_file *pfile)
{
	struct panthor_vm_pool *pool;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return -ENOMEM;

	xa_init_flags(&pool->xa, XA_FLAGS_ALLOC1);
	pfile->vms = pool;
	return 0;
}

/* The user's mappings go now, even if other users keep the VM alive. */
static void panthor_vm_destroy_user(struct panthor_vm *vm)
{
	mutex_lock(&vm->op_lock);
	vm->destroyed = true;
	mutex_unlock(&vm->op_lock);

	panthor_vm_unmap_all(vm, vm->user_va_end);
	panthor_vm_put(vm);
}

/**
 * panthor_vm_pool_destroy() - Destroy every VM of a file
 * @pfile: the file, being closed
 */
void panthor_vm_pool_destroy(struct panthor_file *pfile)
{
	struct panthor_vm_pool *pool = pfile->vms;
	struct panthor_vm *vm;
	unsigned long id;

	if (!pool)
		return;

	xa_for_each(&pool->xa, id, vm)
		panthor_vm_destroy_user(xa_erase(&pool->xa, id));

	xa_destroy(&pool->xa);
	kfree(pool);
	pfile->vms = NULL;
}

/**
 * panthor_vm_pool_get_vm() - Look a VM up by its id
 * @pool: the file's pool
 * @handle: VM id
 *
 * Return: the VM with a new reference, or NULL for an unknown id.
 */
struct panthor_vm *panthor_vm_pool_get_vm(struct panthor_vm_pool *pool, u32 handle)
{
	struct panthor_vm *vm;

	xa_lock(&pool->xa);
	vm = panthor_vm_get(xa_load(&pool->xa, handle));
	xa_unlock(&pool->xa);

	return vm;
}

/**
 * panthor_vm_pool_create_vm() - Create a user VM in a file's pool
 * @ptdev: device
 * @pool: the file's pool
 * @user_va_range: in, the user VA size asked for (0: default); out, the
 *		   end of the user range, where the kernel range starts
 * @id: set to the new VM's id
 *
 * Return: 0, -EINVAL for a range that leaves no kernel range, -EBUSY when
 * the file has 32 VMs, or another negative error code.
 */
int panthor_vm_pool_create_vm(struct panthor_device *ptdev, struct panthor_vm_pool *pool,
			      u64 *user_va_range, u32 *id)
{
	struct panthor_vm_va_layout layout;
	struct panthor_vm *vm;
	int ret;

	ret = panthor_vm_user_va_layout(panthor_mmu_va_bits(ptdev), *user_va_range,
					TASK_SIZE, &layout);
	if (ret) {
		drm_dbg(&ptdev->base, "VM_CREATE: user VA range 0x%llx does not fit %u VA bits\n",
			*user_va_range, panthor_mmu_va_bits(ptdev));
		return ret;
	}

	vm = panthor_vm_create(ptdev, false, layout.kernel_start, layout.kernel_size,
			       layout.kernel_start, layout.kernel_size);
	if (IS_ERR(vm))
		return PTR_ERR(vm);

	vm->user_va_end = layout.user_end;

	ret = panthor_vm_bind_queue_init(vm);
	if (ret) {
		panthor_vm_put(vm);
		return ret;
	}

	ret = xa_alloc(&pool->xa, id, vm, XA_LIMIT(1, PANTHOR_MAX_VMS_PER_FILE),
		       GFP_KERNEL);
	if (ret) {
		drm_dbg(&ptdev->base, "VM_CREATE: no VM id left (%d)\n", ret);
		panthor_vm_put(vm);
		return ret;
	}

	*user_va_range = layout.user_end;
	return 0;
}

/**
 * panthor_vm_pool_destroy_vm() - Destroy a user VM of a file
 * @pool: the file's pool
 * @id: VM id
 *
 * The VM's user mappings go at once; the VM itself lives on while others
 * (groups, heaps) hold references.
 *
 * Return: 0, or -EINVAL for an unknown id.
 */
int panthor_vm_pool_destroy_vm(struct panthor_vm_pool *pool, u32 id)
{
	struct panthor_vm *vm;

	vm = xa_erase(&pool->xa, id);
	if (!vm)
		return -EINVAL;

	panthor_vm_destroy_user(vm);
	return 0;
}

/* ---- Ioctls ------------------------------------------------------------ */

/**
 * panthor_ioctl_vm_create() - DRM_IOCTL_PANTHOR_VM_CREATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_vm_create
 * @file: the caller's file
 *
 * Return: 0 or a negative error code (see Documentation/gpu/panthor.rst).
 */
int panthor_ioctl_vm_create(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_device *ptdev = to_panthor_device(ddev);
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_vm_create *args = data;

	if (args->flags) {
		drm_dbg(ddev, "VM_CREATE: unknown flags 0x%x\n", args->flags);
		return -EINVAL;
	}

	return panthor_vm_pool_create_vm(ptdev, pfile->vms, &args->user_va_range,
					 &args->id);
}

/**
 * panthor_ioctl_vm_destroy() - DRM_IOCTL_PANTHOR_VM_DESTROY
 * @ddev: DRM device
 * @data: &struct drm_panthor_vm_destroy
 * @file: the caller's file
 *
 * Return: 0 or a negative error code.
 */
int panthor_ioctl_vm_destroy(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_vm_destroy *args = data;
	int ret;

	if (args->pad) {
		drm_dbg(ddev, "VM_DESTROY: pad is 0x%x\n", args->pad);
		return -EINVAL;
	}

	ret = panthor_vm_pool_destroy_vm(pfile->vms, args->id);
	if (ret)
		drm_dbg(ddev, "VM_DESTROY: unknown VM %u\n", args->id);

	return ret;
}

/**
 * panthor_ioctl_vm_bind() - DRM_IOCTL_PANTHOR_VM_BIND
 * @ddev: DRM device
 * @data: &struct drm_panthor_vm_bind
 * @file: the caller's file
 *
 * Without DRM_PANTHOR_VM_BIND_ASYNC, operations run one by one; on a
 * failure, &drm_panthor_vm_bind.ops.count is set to the index of the
 * failing one, which is the number applied. With it, they are queued on
 * the VM's bind queue (panthor_vm_bind_queue_ops()). Unknown flags are
 * ignored, as upstream does.
 *
 * Return: 0 or a negative error code.
 */
int panthor_ioctl_vm_bind(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_vm_bind *args = data;
	struct drm_panthor_vm_bind_op *ops;
	struct panthor_vm *vm;
	u32 i;
	int ret = 0;

	vm = panthor_vm_pool_get_vm(pfile->vms, args->vm_id);
	if (!vm) {
		drm_dbg(ddev, "VM_BIND: unknown VM %u\n", args->vm_id);
		return -EINVAL;
	}

	ops = PANTHOR_COPY_OBJ_ARRAY(&args->ops, struct drm_panthor_vm_bind_op, syncs);
	if (IS_ERR(ops)) {
		ret = PTR_ERR(ops);
		drm_dbg(ddev, "VM_BIND: cannot read %u ops of stride %u (%d)\n",
			args->ops.count, args->ops.stride, ret);
		goto out_put_vm;
	}

	if (args->flags & DRM_PANTHOR_VM_BIND_ASYNC) {
		ret = panthor_vm_bind_queue_ops(file, vm, ops, args->ops.count);
		goto out_free_ops;
	}

	for (i = 0; i < args->ops.count; i++) {
		ret = panthor_vm_bind_exec_sync_op(file, vm, &ops[i]);
		if (ret) {
			/* The DRM core copies it back even though we fail. */
			args->ops.count = i;
			break;
		}
	}

out_free_ops:
	kvfree(ops);
out_put_vm:
	panthor_vm_put(vm);
	return ret;
}

/**
 * panthor_ioctl_vm_get_state() - DRM_IOCTL_PANTHOR_VM_GET_STATE
 * @ddev: DRM device
 * @data: &struct drm_panthor_vm_get_state
 * @file: the caller's file
 *
 * Return: 0 or -EINVAL for an unknown VM.
 */
int panthor_ioctl_vm_get_state(struct drm_device *ddev, void *data, struct drm_file *file)
{
	struct panthor_file *pfile = file->driver_priv;
	struct drm_panthor_vm_get_state *args = data;
	struct panthor_vm *vm;

	vm = panthor_vm_pool_get_vm(pfile->vms, args->vm_id);
	if (!vm) {
		drm_dbg(ddev, "VM_GET_STATE: unknown VM %u\n", args->vm_id);
		return -EINVAL;
	}

	args->state = panthor_vm_is_unusable(vm) ? DRM_PANTHOR_VM_STATE_UNUSABLE :
						   DRM_PANTHOR_VM_STATE_USABLE;
	panthor_vm_put(vm);
	return 0;
}
