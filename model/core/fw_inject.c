// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fault injection (see fw_inject.h and mm.h).
 */
#include "events.h"
#include "fw.h"
#include "fw_iface.h"
#include "fw_inject.h"
#include "log.h"
#include "mm_gpu.h"

#define MM_INJECT_PAGE		0x1000ull

/* ---- Bus shim ----------------------------------------------------------- */

static bool mm_inject_bus_hit(const struct mm_inject *inj, u64 pa, u32 len)
{
	return len && pa < inj->bus_page + MM_INJECT_PAGE &&
	       inj->bus_page <= pa + (len - 1);
}

static int mm_inject_mem_read(void *host, u64 pa, void *buf, u32 len)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	if (mm_inject_bus_hit(inj, pa, len))
		return -1;
	return inj->ops->mem_read(inj->host, pa, buf, len);
}

static int mm_inject_mem_write(void *host, u64 pa, const void *buf, u32 len)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	if (mm_inject_bus_hit(inj, pa, len))
		return -1;
	return inj->ops->mem_write(inj->host, pa, buf, len);
}

static void mm_inject_set_irq(void *host, enum mm_irq_line line, bool level)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	inj->ops->set_irq(inj->host, line, level);
}

static u64 mm_inject_now_ns(void *host)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	return inj->ops->now_ns(inj->host);
}

static void mm_inject_kick(void *host, u64 delay_ns)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	inj->ops->kick(inj->host, delay_ns);
}

static void mm_inject_log(void *host, const char *msg)
{
	struct mm_inject *inj = &((struct mm_gpu *)host)->mcu.inject;

	if (inj->ops->log)
		inj->ops->log(inj->host, msg);
}

static const struct mm_host_ops mm_inject_ops = {
	.mem_read = mm_inject_mem_read,
	.mem_write = mm_inject_mem_write,
	.set_irq = mm_inject_set_irq,
	.now_ns = mm_inject_now_ns,
	.kick = mm_inject_kick,
	.log = mm_inject_log,
};

static void mm_inject_bus(struct mm_gpu *gpu, u64 pa)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	inj->bus_page = pa & ~(MM_INJECT_PAGE - 1);
	if (inj->bus_armed)
		return;
	inj->ops = gpu->ops;
	inj->host = gpu->host;
	gpu->ops = &mm_inject_ops;
	gpu->host = gpu;
	inj->bus_armed = true;
}

static void mm_inject_bus_clear(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	if (!inj->bus_armed)
		return;
	gpu->ops = inj->ops;
	gpu->host = inj->host;
	inj->bus_armed = false;
}

/* ---- Power ---------------------------------------------------------------- */

static void mm_inject_pwr(struct mm_gpu *gpu, u32 mask)
{
	struct mm_inject *inj = &gpu->mcu.inject;
	u32 d;

	if (!mask)
		mask = (1u << MM_PWR_COUNT) - 1;
	for (d = 0; d < MM_PWR_COUNT; d++) {
		if (!(mask & (1u << d)) || (inj->pwr_stuck & (1u << d)))
			continue;
		inj->pwr_saved[d] = gpu->timing.pwr_ns[d];
		gpu->timing.pwr_ns[d] = MM_T_NEVER;
		inj->pwr_stuck |= 1u << d;
	}
}

static void mm_inject_pwr_clear(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;
	u32 d;

	for (d = 0; d < MM_PWR_COUNT; d++)
		if (inj->pwr_stuck & (1u << d))
			gpu->timing.pwr_ns[d] = inj->pwr_saved[d];
	inj->pwr_stuck = 0;
}

/* ---- Hooks ---------------------------------------------------------------------- */

bool mm_inject_take_irq_drop(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	if (!inj->irq_drop)
		return false;
	inj->irq_drop--;
	inj->dropped++;
	return true;
}

int mm_inject_take_boot_fail(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;
	int mode = (int)inj->boot_fail - 1;

	inj->boot_fail = 0;
	return mode;
}

/* Apply an armed CS exception if its stream is live; true if applied. */
static bool mm_inject_cs_one(struct mm_gpu *gpu, u32 arg, bool fatal)
{
	u32 n = (arg >> 16) & 0xff, k = (arg >> 8) & 0xff, type = arg & 0xff;

	if (n >= gpu->mcu.fw.ncsg || k >= gpu->mcu.fw.ncs)
		return false;
	if (!type)
		type = fatal ? FW_EXC_CS_CONFIG_FAULT : FW_EXC_DATA_INVALID_FAULT;
	return mm_fw_cs_force_exception(gpu, n, k, fatal, type);
}

void mm_inject_cs_exceptions(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	if (inj->cs_fault_armed && mm_inject_cs_one(gpu, inj->cs_fault, false))
		inj->cs_fault_armed = false;
	if (inj->cs_fatal_armed && mm_inject_cs_one(gpu, inj->cs_fatal, true))
		inj->cs_fatal_armed = false;
}

/* ---- Entry point ------------------------------------------------------------------ */

static void mm_inject_clear_all(struct mm_gpu *gpu)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	mm_inject_bus_clear(gpu);
	mm_inject_pwr_clear(gpu);
	inj->irq_drop = 0;
	inj->boot_fail = 0;
	inj->cs_fault_armed = false;
	inj->cs_fatal_armed = false;
	gpu->mcu.fw.hung = false;
}

int mm_inject(struct mm_gpu *gpu, enum mm_fault_kind kind, u64 arg)
{
	struct mm_inject *inj = &gpu->mcu.inject;

	switch (kind) {
	case MM_FAULT_NONE:
		mm_inject_clear_all(gpu);
		break;
	case MM_FAULT_MCU_HANG:
		gpu->mcu.fw.hung = true;
		break;
	case MM_FAULT_IRQ_DROP:
		inj->irq_drop = arg ? (u32)MM_MIN(arg, 0xffffffffull) : 1;
		break;
	case MM_FAULT_PWR_STUCK:
		if (arg >> MM_PWR_COUNT)
			return -1;
		mm_inject_pwr(gpu, (u32)arg);
		break;
	case MM_FAULT_BUS:
		mm_inject_bus(gpu, arg);
		break;
	case MM_FAULT_CS_FAULT:
	case MM_FAULT_CS_FATAL:
		if (arg >> 24)
			return -1;
		if (kind == MM_FAULT_CS_FAULT) {
			inj->cs_fault = (u32)arg;
			inj->cs_fault_armed = true;
		} else {
			inj->cs_fatal = (u32)arg;
			inj->cs_fatal_armed = true;
		}
		/* Applied by the next firmware step. */
		if (gpu->mcu.fw.running)
			mm_mcu_schedule(gpu, MCU_EV_RUN, 0);
		break;
	case MM_FAULT_BOOT_FAIL:
		if (arg > MM_BOOT_FAIL_NO_VERSION)
			return -1;
		inj->boot_fail = (u32)arg + 1;
		break;
	default:
		return -1;
	}
	mm_log(gpu, "fault injection: kind %u arg 0x%llx", kind, MM_ULL(arg));
	return 0;
}
