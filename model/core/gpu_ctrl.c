// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GPU_CONTROL block.
 */
#include "doorbell.h"
#include "events.h"
#include "gpu_ctrl.h"
#include "irq.h"
#include "log.h"
#include "mcu.h"
#include "mm_gpu.h"
#include "mmu.h"
#include "product.h"
#include "pwr.h"
#include "user.h"

#define GC_REG(gpu, off)	((gpu)->gc.regs[(off) / 4])

/* The system counter behind TIMESTAMP runs at 24 MHz (RK3588 arch timer). */
static u64 mm_ns_to_ticks(u64 ns)
{
	/* 24 MHz = 3 ticks per 125 ns; split to avoid overflowing ns * 3. */
	return (ns / 125) * 3 + (ns % 125) * 3 / 125;
}

static u64 mm_ns_to_cycles(u64 ns, u32 mhz)
{
	return (ns / 1000) * mhz + (ns % 1000) * mhz / 1000;
}

u64 mm_gpu_timestamp(const struct mm_gpu *gpu)
{
	u64 offset = GC_REG(gpu, TIMESTAMP_OFFSET_LO) |
		     (u64)GC_REG(gpu, TIMESTAMP_OFFSET_HI) << 32;

	return mm_ns_to_ticks(mm_now(gpu)) + offset;
}

u64 mm_gpu_cycle_count(const struct mm_gpu *gpu)
{
	const struct mm_gpu_ctrl *gc = &gpu->gc;
	u64 cycles = gc->cycle_base;

	if (gc->cycle_running)
		cycles += mm_ns_to_cycles(mm_now(gpu) - gc->cycle_start_ns,
					  mm_prod(gpu)->gpu_clock_mhz);
	return cycles;
}

bool mm_gpu_in_reset(const struct mm_gpu *gpu)
{
	return gpu->gc.in_reset;
}

void mm_gpu_reset_all(struct mm_gpu *gpu)
{
	struct mm_gpu_ctrl *gc = &gpu->gc;

	/* Whatever was in flight is abandoned. */
	mm_events_clear(gpu);

	mm_block_reset(gpu, &mm_gpu_ctrl_block, 0);
	gc->flush_pending = false;
	gc->flush_payload = 0;
	gc->cycle_running = false;
	gc->cycle_base = 0;
	gc->cycle_start_ns = 0;
	gc->pwr_key_armed = false;
	gc->pwr_override[0] = 0;
	gc->pwr_override[1] = 0;

	mm_irq_reset(gpu);
	mm_pwr_reset(gpu);
	mm_mmu_reset(gpu);
	mm_mcu_reset(gpu);
	mm_doorbell_reset(gpu);
	mm_user_reset(gpu);
}

void mm_gpu_ctrl_power_on(struct mm_gpu *gpu)
{
	gpu->gc.in_reset = false;
	mm_gpu_reset_all(gpu);
}

void mm_gpu_reset_done(struct mm_gpu *gpu, u32 arg __maybe_unused)
{
	gpu->gc.in_reset = false;
	mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_RESET_COMPLETED);
	mm_mcu_reset_done(gpu);
}

void mm_gpu_flush_done(struct mm_gpu *gpu, u32 arg __maybe_unused)
{
	gpu->gc.flush_pending = false;
	gpu->gc.flush_payload = 0;
	mm_user_flush_completed(gpu);
	mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_CLEAN_CACHES_COMPLETED);
}

void mm_gpu_bus_fault(struct mm_gpu *gpu, u32 as, u64 pa,
		      enum mm_access_type access)
{
	if (GC_REG(gpu, GPU_FAULTSTATUS)) {
		gpu->stats.lost_faults++;
		return;
	}
	GC_REG(gpu, GPU_FAULTSTATUS) =
		MM_FIELD_PREP(GPU_FAULTSTATUS_EXCEPTION, GPU_EXC_BUS_FAULT) |
		MM_FIELD_PREP(GPU_FAULTSTATUS_ACCESS, access) |
		GPU_FAULTSTATUS_ADDR_VALID | GPU_FAULTSTATUS_JASID_VALID |
		MM_FIELD_PREP(GPU_FAULTSTATUS_JASID, as);
	GC_REG(gpu, GPU_FAULTADDRESS_LO) = MM_LO32(pa);
	GC_REG(gpu, GPU_FAULTADDRESS_HI) = MM_HI32(pa);
	mm_log(gpu, "GPU bus fault: AS%u PA 0x%llx access %u", as, MM_ULL(pa),
	       access);
	mm_irq_raise(gpu, MM_IRQ_GPU, GPU_IRQ_FAULT);
}

/* ---- GPU_COMMAND ------------------------------------------------------ */

static void mm_gpu_cmd_reset(struct mm_gpu *gpu, u32 kind)
{
	u64 duration;

	switch (kind) {
	case GPU_RESET_FAST:
	case GPU_RESET_SOFT:
		duration = gpu->timing.reset_soft_ns;
		break;
	case GPU_RESET_HARD:
		duration = gpu->timing.reset_hard_ns;
		break;
	default:
		gpu->stats.bad_commands++;
		mm_log(gpu, "GPU_COMMAND RESET with unknown kind %u ignored", kind);
		return;
	}

	gpu->stats.resets++;
	mm_gpu_reset_all(gpu);
	gpu->gc.in_reset = true;
	mm_event_schedule(gpu, MM_EV_RESET_DONE, 0, duration);
}

static void mm_gpu_cmd_time(struct mm_gpu *gpu, u32 payload)
{
	struct mm_gpu_ctrl *gc = &gpu->gc;

	switch (payload) {
	case GPU_TIME_START:
		if (gc->cycle_running)
			return;
		gc->cycle_running = true;
		gc->cycle_start_ns = mm_now(gpu);
		break;
	case GPU_TIME_STOP:
		if (!gc->cycle_running)
			return;
		gc->cycle_base = mm_gpu_cycle_count(gpu);
		gc->cycle_running = false;
		break;
	default:
		gpu->stats.bad_commands++;
		mm_log(gpu, "GPU_COMMAND TIME with unknown payload %u ignored",
		       payload);
		break;
	}
}

static void mm_gpu_cmd_flush(struct mm_gpu *gpu, u32 payload)
{
	struct mm_gpu_ctrl *gc = &gpu->gc;

	if (gc->flush_pending) {
		/* Only one flush may be outstanding: a driver bug. */
		gpu->stats.flush_overlap++;
		mm_log(gpu, "FLUSH_CACHES 0x%x issued while flush 0x%x is pending",
		       payload, gc->flush_payload);
		gc->flush_payload |= payload;
		return;
	}
	gc->flush_pending = true;
	gc->flush_payload = payload;
	mm_event_schedule(gpu, MM_EV_FLUSH_DONE, 0, gpu->timing.flush_ns);
}

static void mm_gpu_write_command(struct mm_gpu *gpu,
				 const struct mm_reg_io *io __maybe_unused,
				 u32 val)
{
	u32 op = MM_FIELD_GET(GPU_COMMAND_OPCODE, val);
	u32 payload = MM_FIELD_GET(GPU_COMMAND_PAYLOAD, val);

	if (gpu->gc.in_reset && op != GPU_CMD_RESET) {
		gpu->stats.cmds_during_reset++;
		mm_log(gpu, "GPU_COMMAND 0x%x during reset ignored", val);
		return;
	}

	switch (op) {
	case GPU_CMD_NOP:
		break;
	case GPU_CMD_RESET:
		mm_gpu_cmd_reset(gpu, payload);
		break;
	case GPU_CMD_TIME:
		mm_gpu_cmd_time(gpu, payload);
		break;
	case GPU_CMD_FLUSH_CACHES:
		mm_gpu_cmd_flush(gpu, payload);
		break;
	case GPU_CMD_CLEAR_FAULT:
		GC_REG(gpu, GPU_FAULTSTATUS) = 0;
		GC_REG(gpu, GPU_FAULTADDRESS_LO) = 0;
		GC_REG(gpu, GPU_FAULTADDRESS_HI) = 0;
		break;
	case GPU_CMD_SET_PROTECTED_MODE:
	case GPU_CMD_FINISH_HALT:
		/* Protected mode is not modelled. */
		mm_log_once(gpu, MM_LOGK_MISC | op,
			    "GPU_COMMAND 0x%x (protected mode) not modelled", val);
		break;
	default:
		/* FLUSH_PA_RANGE and later opcodes do not exist on arch 10. */
		gpu->stats.bad_commands++;
		mm_log(gpu, "GPU_COMMAND 0x%x: unknown opcode ignored", val);
		break;
	}
}

/* ---- Other handlers ----------------------------------------------------- */

static u32 mm_gpu_read_status(struct mm_gpu *gpu,
			      const struct mm_reg_io *io __maybe_unused)
{
	u32 status = 0;

	if (gpu->gc.flush_pending || mm_mmu_busy(gpu) || mm_mcu_gpu_active(gpu))
		status |= GPU_STATUS_GPU_ACTIVE;
	if (mm_pwr_busy(gpu))
		status |= GPU_STATUS_PWR_ACTIVE;
	if (mm_irq_rawstat(gpu, MM_IRQ_MMU) & MMU_IRQ_FAULT_MASK)
		status |= GPU_STATUS_PAGE_FAULT;
	if (gpu->gc.cycle_running)
		status |= GPU_STATUS_CYCLE_COUNT_ACTIVE;
	return status;
}

static u32 mm_gpu_read_cycles(struct mm_gpu *gpu, const struct mm_reg_io *io)
{
	return mm_get_half(mm_gpu_cycle_count(gpu), io->reg->arg);
}

static u32 mm_gpu_read_timestamp(struct mm_gpu *gpu,
				 const struct mm_reg_io *io)
{
	return mm_get_half(mm_gpu_timestamp(gpu), io->reg->arg);
}

static void mm_gpu_write_pwr_key(struct mm_gpu *gpu,
				 const struct mm_reg_io *io __maybe_unused,
				 u32 val)
{
	gpu->gc.pwr_key_armed = val == PWR_KEY_UNLOCK;
}

/* PWR_OVERRIDEn only take a value right after PWR_KEY was unlocked. */
static void mm_gpu_write_pwr_override(struct mm_gpu *gpu,
				      const struct mm_reg_io *io, u32 val)
{
	u32 n = io->reg->arg;

	if (!gpu->gc.pwr_key_armed) {
		*io->slot = gpu->gc.pwr_override[n];
		mm_log_once(gpu, MM_LOGK_MISC | 0x200 | n,
			    "PWR_OVERRIDE%u write 0x%x without PWR_KEY ignored",
			    n, val);
		return;
	}
	gpu->gc.pwr_key_armed = false;
	gpu->gc.pwr_override[n] = val;
}

static void mm_gpu_write_coherency(struct mm_gpu *gpu,
				   const struct mm_reg_io *io __maybe_unused,
				   u32 val)
{
	u32 features = mm_prod(gpu)->id[MM_ID_COHERENCY_FEATURES];

	/* The register keeps the value; only report what cannot work. */
	if (val == COHERENCY_NONE)
		return;
	if (val > COHERENCY_ACE || !(features & MM_BIT(val)))
		mm_log(gpu, "COHERENCY_ENABLE %u not supported (features 0x%x)",
		       val, features);
}

static void mm_gpu_write_mcu_control(struct mm_gpu *gpu,
				     const struct mm_reg_io *io __maybe_unused,
				     u32 val)
{
	mm_mcu_control(gpu, val);
}

static u32 mm_gpu_read_mcu_status(struct mm_gpu *gpu,
				  const struct mm_reg_io *io __maybe_unused)
{
	return mm_mcu_status(gpu);
}

#define PWR(dom, hi)	MM_PWR_ARG(MM_PWR_##dom, hi)

static const struct mm_reg mm_gpu_ctrl_regs[] = {
	MM_REG_ID(GPU_ID, MM_ID_GPU_ID),
	MM_REG_ID(L2_FEATURES, MM_ID_L2_FEATURES),
	MM_REG_ID(CORE_FEATURES, MM_ID_CORE_FEATURES),
	MM_REG_ID(TILER_FEATURES, MM_ID_TILER_FEATURES),
	MM_REG_ID(MEM_FEATURES, MM_ID_MEM_FEATURES),
	MM_REG_ID(MMU_FEATURES, MM_ID_MMU_FEATURES),
	MM_REG_ID(AS_PRESENT, MM_ID_AS_PRESENT),
	MM_REG_ID(CSF_ID, MM_ID_CSF_ID),
	MM_IRQ_REG_RAWSTAT(GPU_IRQ_BASE, MM_IRQ_GPU),
	MM_IRQ_REG_CLEAR(GPU_IRQ_BASE, MM_IRQ_GPU),
	MM_IRQ_REG_MASK(GPU_IRQ_BASE, MM_IRQ_GPU),
	MM_IRQ_REG_STATUS(GPU_IRQ_BASE, MM_IRQ_GPU),
	MM_REG_WO(GPU_COMMAND, mm_gpu_write_command, 0),
	MM_REG_RO(GPU_STATUS, mm_gpu_read_status, 0),
	MM_REG_RO(GPU_FAULTSTATUS, NULL, 0),
	MM_REG_RO(GPU_FAULTADDRESS_LO, NULL, 0),
	MM_REG_RO(GPU_FAULTADDRESS_HI, NULL, 0),
	MM_REG_RW(L2_CONFIG, 0, NULL, 0),
	MM_REG_WO(PWR_KEY, mm_gpu_write_pwr_key, 0),
	MM_REG_RW(PWR_OVERRIDE0, 0, mm_gpu_write_pwr_override, 0),
	MM_REG_RW(PWR_OVERRIDE1, 0, mm_gpu_write_pwr_override, 1),
	MM_REG_ID(PRFCNT_FEATURES, MM_ID_PRFCNT_FEATURES),
	MM_REG_RW(TIMESTAMP_OFFSET_LO, 0, NULL, 0),
	MM_REG_RW(TIMESTAMP_OFFSET_HI, 0, NULL, 0),
	MM_REG_RO(CYCLE_COUNT_LO, mm_gpu_read_cycles, 0),
	MM_REG_RO(CYCLE_COUNT_HI, mm_gpu_read_cycles, 1),
	MM_REG_RO(TIMESTAMP_LO, mm_gpu_read_timestamp, 0),
	MM_REG_RO(TIMESTAMP_HI, mm_gpu_read_timestamp, 1),
	MM_REG_ID(THREAD_MAX_THREADS, MM_ID_THREAD_MAX_THREADS),
	MM_REG_ID(THREAD_MAX_WORKGROUP_SIZE, MM_ID_THREAD_MAX_WORKGROUP_SIZE),
	MM_REG_ID(THREAD_MAX_BARRIER_SIZE, MM_ID_THREAD_MAX_BARRIER_SIZE),
	MM_REG_ID(THREAD_FEATURES, MM_ID_THREAD_FEATURES),
	MM_REG_ID(TEXTURE_FEATURES_0, MM_ID_TEXTURE_FEATURES_0),
	MM_REG_ID(TEXTURE_FEATURES_1, MM_ID_TEXTURE_FEATURES_1),
	MM_REG_ID(TEXTURE_FEATURES_2, MM_ID_TEXTURE_FEATURES_2),
	MM_REG_ID(TEXTURE_FEATURES_3, MM_ID_TEXTURE_FEATURES_3),
	MM_REG_ID(SHADER_PRESENT_LO, MM_ID_SHADER_PRESENT_LO),
	MM_REG_ID(SHADER_PRESENT_HI, MM_ID_SHADER_PRESENT_HI),
	MM_REG_ID(TILER_PRESENT_LO, MM_ID_TILER_PRESENT_LO),
	MM_REG_ID(TILER_PRESENT_HI, MM_ID_TILER_PRESENT_HI),
	MM_REG_ID(L2_PRESENT_LO, MM_ID_L2_PRESENT_LO),
	MM_REG_ID(L2_PRESENT_HI, MM_ID_L2_PRESENT_HI),
	MM_REG_RO(SHADER_READY_LO, mm_pwr_read_ready, PWR(SHADER, 0)),
	MM_REG_RO(SHADER_READY_HI, mm_pwr_read_ready, PWR(SHADER, 1)),
	MM_REG_RO(TILER_READY_LO, mm_pwr_read_ready, PWR(TILER, 0)),
	MM_REG_RO(TILER_READY_HI, mm_pwr_read_ready, PWR(TILER, 1)),
	MM_REG_RO(L2_READY_LO, mm_pwr_read_ready, PWR(L2, 0)),
	MM_REG_RO(L2_READY_HI, mm_pwr_read_ready, PWR(L2, 1)),
	MM_REG_WO(SHADER_PWRON_LO, mm_pwr_write_on, PWR(SHADER, 0)),
	MM_REG_WO(SHADER_PWRON_HI, mm_pwr_write_on, PWR(SHADER, 1)),
	MM_REG_WO(TILER_PWRON_LO, mm_pwr_write_on, PWR(TILER, 0)),
	MM_REG_WO(TILER_PWRON_HI, mm_pwr_write_on, PWR(TILER, 1)),
	MM_REG_WO(L2_PWRON_LO, mm_pwr_write_on, PWR(L2, 0)),
	MM_REG_WO(L2_PWRON_HI, mm_pwr_write_on, PWR(L2, 1)),
	MM_REG_WO(SHADER_PWROFF_LO, mm_pwr_write_off, PWR(SHADER, 0)),
	MM_REG_WO(SHADER_PWROFF_HI, mm_pwr_write_off, PWR(SHADER, 1)),
	MM_REG_WO(TILER_PWROFF_LO, mm_pwr_write_off, PWR(TILER, 0)),
	MM_REG_WO(TILER_PWROFF_HI, mm_pwr_write_off, PWR(TILER, 1)),
	MM_REG_WO(L2_PWROFF_LO, mm_pwr_write_off, PWR(L2, 0)),
	MM_REG_WO(L2_PWROFF_HI, mm_pwr_write_off, PWR(L2, 1)),
	MM_REG_RO(SHADER_PWRTRANS_LO, mm_pwr_read_trans, PWR(SHADER, 0)),
	MM_REG_RO(SHADER_PWRTRANS_HI, mm_pwr_read_trans, PWR(SHADER, 1)),
	MM_REG_RO(TILER_PWRTRANS_LO, mm_pwr_read_trans, PWR(TILER, 0)),
	MM_REG_RO(TILER_PWRTRANS_HI, mm_pwr_read_trans, PWR(TILER, 1)),
	MM_REG_RO(L2_PWRTRANS_LO, mm_pwr_read_trans, PWR(L2, 0)),
	MM_REG_RO(L2_PWRTRANS_HI, mm_pwr_read_trans, PWR(L2, 1)),
	MM_REG_RO(SHADER_PWRACTIVE_LO, mm_pwr_read_active, PWR(SHADER, 0)),
	MM_REG_RO(SHADER_PWRACTIVE_HI, mm_pwr_read_active, PWR(SHADER, 1)),
	MM_REG_RO(TILER_PWRACTIVE_LO, mm_pwr_read_active, PWR(TILER, 0)),
	MM_REG_RO(TILER_PWRACTIVE_HI, mm_pwr_read_active, PWR(TILER, 1)),
	MM_REG_RO(L2_PWRACTIVE_LO, mm_pwr_read_active, PWR(L2, 0)),
	MM_REG_RO(L2_PWRACTIVE_HI, mm_pwr_read_active, PWR(L2, 1)),
	MM_REG_ID(GPU_REVID, MM_ID_GPU_REVID),
	MM_REG_RW(ASN_HASH_0, 0, NULL, 0),
	MM_REG_RW(ASN_HASH_1, 0, NULL, 0),
	MM_REG_RW(ASN_HASH_2, 0, NULL, 0),
	MM_REG_ID(COHERENCY_FEATURES, MM_ID_COHERENCY_FEATURES),
	MM_REG_RW(COHERENCY_ENABLE, COHERENCY_NONE, mm_gpu_write_coherency, 0),
	MM_REG_ID(THREAD_TLS_ALLOC, MM_ID_THREAD_TLS_ALLOC),
	MM_REG_RW(SYSC_PBHA_OVERRIDE0, 0, NULL, 0),
	MM_REG_RW(SYSC_PBHA_OVERRIDE1, 0, NULL, 0),
	MM_REG_RW(SYSC_PBHA_OVERRIDE2, 0, NULL, 0),
	MM_REG_RW(SYSC_PBHA_OVERRIDE3, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC0, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC1, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC2, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC3, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC4, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC5, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC6, 0, NULL, 0),
	MM_REG_RW(SYSC_ALLOC7, 0, NULL, 0),
	MM_REG_RW(MCU_CONTROL, MCU_CONTROL_DISABLE, mm_gpu_write_mcu_control, 0),
	MM_REG_RO(MCU_STATUS, mm_gpu_read_mcu_status, 0),
	MM_REG_RW(CSF_CONFIG, 0, NULL, 0),
	MM_REG_RW(SHADER_CONFIG, 0, NULL, 0),
	MM_REG_RW(TILER_CONFIG, 0, NULL, 0),
	MM_REG_RW(L2_MMU_CONFIG, 0, NULL, 0),
};

static u32 *mm_gpu_ctrl_store(struct mm_gpu *gpu, u32 inst __maybe_unused)
{
	return gpu->gc.regs;
}

const struct mm_block mm_gpu_ctrl_block = {
	.name = "GPU",
	.base = GPU_CONTROL_BASE,
	.size = GPU_CONTROL_SIZE,
	.stride = GPU_CONTROL_SIZE,
	.count = 1,
	.regs = mm_gpu_ctrl_regs,
	.nregs = MM_ARRAY_SIZE(mm_gpu_ctrl_regs),
	.store = mm_gpu_ctrl_store,
};
