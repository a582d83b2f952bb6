// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Live KUnit tests of the MMU block: they run against the GPU the driver is
 * bound to (the model in the test bed) and check what the hardware is told:
 * the AS registers a VM is programmed with, the translations its page
 * tables give when walked the way the GPU walks them, and how AS slots are
 * shared between VMs. They skip when no panthor device is bound.
 */

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <drm/drm_gem_shmem_helper.h>

#include <kunit/test.h>

#include <uapi/drm/panthor_drm.h>

#include "../panthor_device.h"
#include "../panthor_gem.h"
#include "../panthor_gpu_regs.h"
#include "../panthor_mmu.h"
#include "../panthor_mmu_regs.h"

/* A user VM's kernel range on a 48-bit GPU, as VM_CREATE sets it up. */
#define LIVE_KERNEL_VA		BIT_ULL(47)
#define LIVE_KERNEL_VA_SIZE	BIT_ULL(47)

static int live_is_panthor(struct device *dev, const void *data)
{
	return dev->driver && !strcmp(dev->driver->name, "panthor");
}

static void live_release_device(void *data)
{
	struct device *dev = data;

	pm_runtime_put_autosuspend(dev);
	put_device(dev);
}

/* The bound device, powered for the duration of the test. */
static struct panthor_device *live_device(struct kunit *test)
{
	struct device *dev;

	dev = bus_find_device(&platform_bus_type, NULL, NULL, live_is_panthor);
	if (!dev)
		kunit_skip(test, "no panthor device bound");

	if (pm_runtime_resume_and_get(dev)) {
		put_device(dev);
		kunit_skip(test, "the GPU does not power up");
	}

	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, live_release_device, dev), 0);
	return dev_get_drvdata(dev);
}

static u64 live_read64(struct panthor_device *ptdev, u32 reg)
{
	return panthor_read64(ptdev, reg);
}

/* Translate @va the way the GPU does, from the TRANSTAB the AS holds. */
static u64 live_walk(u64 transtab, u64 va)
{
	u64 table = transtab & GENMASK_ULL(47, 12);
	unsigned int level;

	for (level = 0; level < 4; level++) {
		unsigned int shift = 39 - 9 * level;
		u64 desc = ((const u64 *)phys_to_virt(table))[(va >> shift) & 511];

		if (!(desc & 1))
			return 0;
		/* A block at levels 1 and 2, a page at level 3. */
		if (level == 3 || !(desc & 2))
			return (desc & GENMASK_ULL(47, shift)) | (va & (BIT_ULL(shift) - 1));
		table = desc & GENMASK_ULL(47, 12);
	}

	return 0;
}

/* Every page of @bo must translate to the address the GPU uses for it. */
static void live_expect_mapped(struct kunit *test, u64 transtab, struct panthor_kernel_bo *bo)
{
	struct sg_table *sgt = to_drm_gem_shmem_obj(bo->obj)->sgt;
	u64 va = panthor_kernel_bo_gpuva(bo);
	struct scatterlist *sg;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, sgt);
	for_each_sgtable_dma_sg(sgt, sg, i) {
		u64 off;

		for (off = 0; off < sg_dma_len(sg); off += SZ_4K, va += SZ_4K)
			KUNIT_EXPECT_EQ_MSG(test, live_walk(transtab, va), sg_dma_address(sg) + off,
					    "GPU VA 0x%llx", va);
	}
}

static void live_expect_unmapped(struct kunit *test, u64 transtab, u64 va, u64 size)
{
	u64 end = va + size;

	for (; va < end; va += SZ_4K)
		KUNIT_EXPECT_EQ_MSG(test, live_walk(transtab, va), 0, "GPU VA 0x%llx", va);
}

static struct panthor_vm *live_vm_create(struct kunit *test, struct panthor_device *ptdev)
{
	struct panthor_vm *vm;

	vm = panthor_vm_create(ptdev, false, LIVE_KERNEL_VA, LIVE_KERNEL_VA_SIZE,
			       LIVE_KERNEL_VA, LIVE_KERNEL_VA_SIZE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	return vm;
}

static void panthor_mmu_live_as_program_test(struct kunit *test)
{
	struct panthor_device *ptdev = live_device(test);
	u32 va_bits = FIELD_GET(GPU_MMU_FEATURES_VA_BITS, panthor_read(ptdev, GPU_MMU_FEATURES));
	struct panthor_kernel_bo *autobo, *fixed, *clash;
	struct panthor_vm *vm;
	u64 transtab, transcfg, memattr;
	int as;

	if (va_bits != 48)
		kunit_skip(test, "written for a 48-bit GPU, this one has %u bits", va_bits);

	vm = live_vm_create(test, ptdev);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vm), -1);

	autobo = panthor_kernel_bo_create(ptdev, vm, 5 * SZ_4K, 0,
					  DRM_PANTHOR_VM_BIND_OP_MAP_NOEXEC,
					  PANTHOR_VM_KERNEL_AUTO_VA, "kunit-auto");
	KUNIT_ASSERT_FALSE(test, IS_ERR(autobo));
	KUNIT_EXPECT_GE(test, panthor_kernel_bo_gpuva(autobo), LIVE_KERNEL_VA);
	KUNIT_EXPECT_EQ(test, panthor_kernel_bo_size(autobo), 5 * SZ_4K);
	KUNIT_EXPECT_EQ(test, panthor_kernel_bo_vmap(autobo), 0);
	KUNIT_EXPECT_NOT_NULL(test, autobo->kmap);

	KUNIT_ASSERT_EQ(test, panthor_vm_active(vm), 0);
	as = panthor_vm_as(vm);
	KUNIT_ASSERT_GT(test, as, 0);
	KUNIT_ASSERT_LT(test, as, MMU_AS_MAX);

	/* What the AS was programmed with (mali-csf-hw.md §2.3, §2.4). */
	transtab = live_read64(ptdev, AS_TRANSTAB(as));
	transcfg = live_read64(ptdev, AS_TRANSCFG(as));
	memattr = live_read64(ptdev, AS_MEMATTR(as));
	KUNIT_EXPECT_NE(test, transtab, 0);
	KUNIT_EXPECT_EQ(test, transtab & 0xfff, 0);
	KUNIT_EXPECT_EQ(test, transcfg & ~(u64)AS_TRANSCFG_PTW_SH,
			0x420001c6ULL);
	KUNIT_EXPECT_EQ(test, FIELD_GET(AS_MEMATTR_TYPE, memattr & 0xff),
			AS_MEMATTR_TYPE_NON_CACHEABLE);
	KUNIT_EXPECT_EQ(test, FIELD_GET(AS_MEMATTR_TYPE, (memattr >> 8) & 0xff),
			AS_MEMATTR_TYPE_WRITE_BACK);
	KUNIT_EXPECT_TRUE(test, panthor_read(ptdev, MMU_IRQ_BASE + PANTHOR_IRQ_MASK) &
			  MMU_IRQ_FAULT(as));

	live_expect_mapped(test, transtab, autobo);

	/* Mapped and unmapped while the VM holds its slot. */
	fixed = panthor_kernel_bo_create(ptdev, vm, SZ_2M + SZ_4K, 0, 0,
					 LIVE_KERNEL_VA + SZ_64M, "kunit-fixed");
	KUNIT_ASSERT_FALSE(test, IS_ERR(fixed));
	KUNIT_EXPECT_EQ(test, panthor_kernel_bo_gpuva(fixed), LIVE_KERNEL_VA + SZ_64M);
	live_expect_mapped(test, transtab, fixed);

	clash = panthor_kernel_bo_create(ptdev, vm, SZ_4K, 0, 0,
					 LIVE_KERNEL_VA + SZ_64M + SZ_2M, "kunit-clash");
	KUNIT_EXPECT_TRUE(test, IS_ERR(clash));
	clash = panthor_kernel_bo_create(ptdev, vm, SZ_4K, 0, 0, SZ_64M, "kunit-user-range");
	KUNIT_EXPECT_TRUE(test, IS_ERR(clash));

	panthor_kernel_bo_destroy(fixed);
	live_expect_unmapped(test, transtab, LIVE_KERNEL_VA + SZ_64M, SZ_2M + SZ_4K);
	live_expect_mapped(test, transtab, autobo);
	KUNIT_EXPECT_EQ(test, panthor_read(ptdev, AS_STATUS(as)) & AS_STATUS_ACTIVE, 0);

	panthor_vm_idle(vm);
	panthor_kernel_bo_destroy(autobo);
	panthor_vm_put(vm);

	/* Gone: the AS no longer translates and its faults are masked. */
	KUNIT_EXPECT_EQ(test, FIELD_GET(AS_TRANSCFG_ADRMODE, live_read64(ptdev, AS_TRANSCFG(as))),
			AS_TRANSCFG_ADRMODE_UNMAPPED);
	KUNIT_EXPECT_FALSE(test, panthor_read(ptdev, MMU_IRQ_BASE + PANTHOR_IRQ_MASK) &
			   MMU_IRQ_FAULT(as));
}

#define LIVE_MAX_VMS	(MMU_AS_MAX + 1)

static void panthor_mmu_live_lru_test(struct kunit *test)
{
	struct panthor_device *ptdev = live_device(test);
	u32 user_slots = panthor_read(ptdev, GPU_AS_PRESENT) & GENMASK(MMU_AS_MAX - 1, 1);
	unsigned int n = hweight32(user_slots), i;
	struct panthor_vm *vms[LIVE_MAX_VMS];
	u64 transtab[LIVE_MAX_VMS];
	int slot[LIVE_MAX_VMS];
	u32 seen = 0;

	KUNIT_ASSERT_GE(test, n, 3);

	for (i = 0; i <= n; i++)
		vms[i] = live_vm_create(test, ptdev);

	/* Every user slot taken, each by a different VM, never AS0. */
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, panthor_vm_active(vms[i]), 0);
		slot[i] = panthor_vm_as(vms[i]);
		KUNIT_ASSERT_GT(test, slot[i], 0);
		KUNIT_EXPECT_FALSE(test, seen & BIT(slot[i]));
		seen |= BIT(slot[i]);
		transtab[i] = live_read64(ptdev, AS_TRANSTAB(slot[i]));
	}
	KUNIT_EXPECT_EQ(test, seen, user_slots);

	/* All of them active: nothing to evict. */
	KUNIT_EXPECT_EQ(test, panthor_vm_active(vms[n]), -EBUSY);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[n]), -1);

	/* An idle VM keeps its slot until someone needs it. */
	panthor_vm_idle(vms[2]);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[2]), slot[2]);
	KUNIT_ASSERT_EQ(test, panthor_vm_active(vms[n]), 0);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[n]), slot[2]);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[2]), -1);
	KUNIT_EXPECT_NE(test, live_read64(ptdev, AS_TRANSTAB(slot[2])), transtab[2]);

	/* The least recently idled VM goes first. */
	panthor_vm_idle(vms[0]);
	panthor_vm_idle(vms[1]);
	KUNIT_ASSERT_EQ(test, panthor_vm_active(vms[2]), 0);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[2]), slot[0]);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[0]), -1);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[1]), slot[1]);
	KUNIT_EXPECT_EQ(test, live_read64(ptdev, AS_TRANSTAB(slot[0])), transtab[2]);

	/* Re-activating a VM that kept its slot changes nothing. */
	KUNIT_ASSERT_EQ(test, panthor_vm_active(vms[1]), 0);
	KUNIT_EXPECT_EQ(test, panthor_vm_as(vms[1]), slot[1]);

	for (i = 1; i <= n; i++)
		panthor_vm_idle(vms[i]);
	for (i = 0; i <= n; i++)
		panthor_vm_put(vms[i]);
}

static struct kunit_case panthor_mmu_live_test_cases[] = {
	KUNIT_CASE(panthor_mmu_live_as_program_test),
	KUNIT_CASE(panthor_mmu_live_lru_test),
	{}
};

static struct kunit_suite panthor_mmu_live_test_suite = {
	.name = "panthor_mmu_live",
	.test_cases = panthor_mmu_live_test_cases,
};

kunit_test_suite(panthor_mmu_live_test_suite);
