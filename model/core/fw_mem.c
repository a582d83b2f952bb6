// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Firmware accesses to MCU memory, the interface layout, JOB interrupts and
 * time conversions.
 */
#include "fw.h"
#include "fw_iface.h"
#include "fw_inject.h"
#include "irq.h"
#include "log.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "product.h"
#include "regs.h"

/* ---- Layout ------------------------------------------------------------- */

u64 mm_fw_glb_in(void)
{
	return FW_SHARED_VA + FW_LAYOUT_GLB_INPUT;
}

u64 mm_fw_glb_out(void)
{
	return FW_SHARED_VA + FW_LAYOUT_GLB_OUTPUT;
}

u32 mm_fw_group_stride(const struct mm_gpu *gpu)
{
	u32 size = CSG_CS_CONTROL + gpu->mcu.fw.ncs * CS_CONTROL_SIZE;

	return (size + 0x1f) & ~0x1fu;
}

u64 mm_fw_csg_ctrl(const struct mm_gpu *gpu, u32 n)
{
	return FW_SHARED_VA + FW_LAYOUT_CSG_CONTROL +
	       n * mm_fw_group_stride(gpu);
}

u64 mm_fw_csg_in(u32 n)
{
	return FW_SHARED_VA + FW_LAYOUT_CSG_INPUT +
	       n * FW_LAYOUT_CSG_INPUT_STRIDE;
}

u64 mm_fw_csg_out(u32 n)
{
	return FW_SHARED_VA + FW_LAYOUT_CSG_OUTPUT +
	       n * FW_LAYOUT_CSG_OUTPUT_STRIDE;
}

u64 mm_fw_cs_ctrl(const struct mm_gpu *gpu, u32 n, u32 k)
{
	return mm_fw_csg_ctrl(gpu, n) + CSG_CS_CONTROL + k * CS_CONTROL_SIZE;
}

u64 mm_fw_cs_in(const struct mm_gpu *gpu, u32 n, u32 k)
{
	return FW_SHARED_VA + FW_LAYOUT_CS_INPUT +
	       (n * gpu->mcu.fw.ncs + k) * FW_LAYOUT_CS_INPUT_STRIDE;
}

u64 mm_fw_cs_out(const struct mm_gpu *gpu, u32 n, u32 k)
{
	return FW_SHARED_VA + FW_LAYOUT_CS_OUTPUT +
	       (n * gpu->mcu.fw.ncs + k) * FW_LAYOUT_CS_OUTPUT_STRIDE;
}

/* Header, then one record per stream; whole pages. */
u32 mm_fw_suspend_size(const struct mm_gpu *gpu)
{
	u32 size = FW_SB_HDR_SIZE + gpu->mcu.fw.ncs * FW_SB_CS_STRIDE;

	return (size + 0xfff) & ~0xfffu;
}

/* The layout must fit the section of Arm's G610 image, for every product. */
static_assert(FW_LAYOUT_CSG_CONTROL + MM_FW_MAX_CSG *
	      ((CSG_CS_CONTROL + MM_FW_MAX_CS * CS_CONTROL_SIZE + 0x1f) &
	       ~0x1fu) <= FW_LAYOUT_GLB_INPUT, "CSG control blocks overflow");
static_assert(FW_LAYOUT_CSG_INPUT + MM_FW_MAX_CSG *
	      FW_LAYOUT_CSG_INPUT_STRIDE <= FW_LAYOUT_CSG_OUTPUT,
	      "CSG input blocks overflow");
static_assert(FW_LAYOUT_CSG_OUTPUT + MM_FW_MAX_CSG *
	      FW_LAYOUT_CSG_OUTPUT_STRIDE <= FW_LAYOUT_CS_INPUT,
	      "CSG output blocks overflow");
static_assert(FW_LAYOUT_CS_INPUT + MM_FW_MAX_CSG * MM_FW_MAX_CS *
	      FW_LAYOUT_CS_INPUT_STRIDE <= FW_LAYOUT_CS_OUTPUT,
	      "CS input blocks overflow");
static_assert(FW_LAYOUT_CS_OUTPUT + MM_FW_MAX_CSG * MM_FW_MAX_CS *
	      FW_LAYOUT_CS_OUTPUT_STRIDE <= FW_LAYOUT_END,
	      "CS output blocks overflow");
static_assert(FW_LAYOUT_END <= FW_SHARED_SIZE_G610,
	      "interface does not fit the G610 shared section");
static_assert(CS_INSTR_BUFFER_OFFSET_POINTER + 8 <= FW_LAYOUT_CS_INPUT_STRIDE,
	      "CS input block too small");
static_assert(CS_HEAP_ADDRESS + 8 <= FW_LAYOUT_CS_OUTPUT_STRIDE,
	      "CS output block too small");
static_assert(CSG_ITER_TRACE_CONFIG + 4 <= FW_LAYOUT_CSG_INPUT_STRIDE,
	      "CSG input block too small");
static_assert(CSG_RESOURCE_DEP + 4 <= FW_LAYOUT_CSG_OUTPUT_STRIDE,
	      "CSG output block too small");

/* ---- Accesses ---------------------------------------------------------------- */

static void mm_fw_access(struct mm_gpu *gpu, u64 va, void *buf, u32 len,
			 enum mm_access_type type)
{
	struct mm_fw *fw = &gpu->mcu.fw;
	int ret;

	ret = mm_mmu_access(gpu, FW_MCU_AS, va, buf, len, type);
	if (ret == MM_MMU_OK)
		return;
	if (type != MM_ACCESS_WRITE)
		mm_memset(buf, 0, len);
	if (!fw->mem_error)
		mm_log(gpu, "firmware: %s of MCU VA 0x%llx failed (%d)",
		       type == MM_ACCESS_WRITE ? "write" : "read", MM_ULL(va),
		       ret);
	fw->mem_error = true;
}

void mm_fw_read(struct mm_gpu *gpu, u64 va, void *buf, u32 len)
{
	mm_fw_access(gpu, va, buf, len, MM_ACCESS_READ);
}

void mm_fw_write(struct mm_gpu *gpu, u64 va, const void *buf, u32 len)
{
	mm_fw_access(gpu, va, (void *)buf, len, MM_ACCESS_WRITE);
}

u32 mm_fw_rd32(struct mm_gpu *gpu, u64 va)
{
	u8 b[4];

	mm_fw_read(gpu, va, b, sizeof(b));
	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

u64 mm_fw_rd64(struct mm_gpu *gpu, u64 va)
{
	u8 b[8];
	u64 v = 0;
	int i;

	mm_fw_read(gpu, va, b, sizeof(b));
	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

void mm_fw_wr32(struct mm_gpu *gpu, u64 va, u32 val)
{
	u8 b[4] = { (u8)val, (u8)(val >> 8), (u8)(val >> 16), (u8)(val >> 24) };

	mm_fw_write(gpu, va, b, sizeof(b));
}

void mm_fw_wr64(struct mm_gpu *gpu, u64 va, u64 val)
{
	u8 b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (u8)(val >> (8 * i));
	mm_fw_write(gpu, va, b, sizeof(b));
}

void mm_fw_zero(struct mm_gpu *gpu, u64 va, u32 len)
{
	static const u8 zeros[256];
	u32 chunk;

	while (len) {
		chunk = MM_MIN(len, (u32)sizeof(zeros));
		mm_fw_write(gpu, va, zeros, chunk);
		va += chunk;
		len -= chunk;
	}
}

bool mm_fw_as0_locked(const struct mm_gpu *gpu)
{
	return gpu->mmu.as[FW_MCU_AS].locked;
}

/* ---- Interrupts and time ------------------------------------------------------ */

void mm_fw_job_irq(struct mm_gpu *gpu, u32 bits)
{
	if (mm_inject_take_irq_drop(gpu)) {
		mm_log(gpu, "firmware: JOB IRQ 0x%x dropped (injected)", bits);
		return;
	}
	gpu->mcu.stats.job_irqs++;
	mm_irq_raise(gpu, MM_IRQ_JOB, bits);
}

u64 mm_fw_cycles_to_ns(const struct mm_gpu *gpu, u64 cycles)
{
	u64 mhz = mm_prod(gpu)->gpu_clock_mhz;

	return (cycles / mhz) * 1000 + (cycles % mhz) * 1000 / mhz;
}

/* The system timestamp runs at 24 MHz (gpu_ctrl.c). */
#define FW_SYSTEM_TIMER_MHZ	24u

u64 mm_fw_timer_to_ns(const struct mm_gpu *gpu, u32 timer)
{
	u64 ticks = (u64)MM_FIELD_GET(GLB_TIMER_VALUE, timer) << 10;

	if (timer & GLB_TIMER_SOURCE_GPU)
		return mm_fw_cycles_to_ns(gpu, ticks);
	return (ticks / FW_SYSTEM_TIMER_MHZ) * 1000 +
	       (ticks % FW_SYSTEM_TIMER_MHZ) * 1000 / FW_SYSTEM_TIMER_MHZ;
}
