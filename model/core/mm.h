/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Mali CSF GPU model: the interface between the hardware model and its host.
 *
 * The core is plain C with no dependency beyond fixed-width types. A host
 * (the UML platform driver in model/uml, or the unit-test host in
 * model/tests) allocates mm_size() bytes, calls mm_init() and then forwards
 * register accesses to mm_reg_read()/mm_reg_write(). Everything the model
 * needs from the outside world goes through struct mm_host_ops.
 *
 * Concurrency: the core is not reentrant. The host serialises every call
 * into the core (one lock), and the core calls back into the host with that
 * lock held, so host callbacks must not call back into the core.
 */
#ifndef MM_H
#define MM_H

#include "mm_types.h"

struct mm_gpu;

/** enum mm_product - GPU products the model can impersonate. */
enum mm_product {
	MM_PRODUCT_G610 = 0,
	MM_PRODUCT_G310,
	MM_PRODUCT_G510,
	MM_PRODUCT_G710,
	MM_PRODUCT_COUNT,
};

/** enum mm_irq_line - the three interrupt outputs of the GPU. */
enum mm_irq_line {
	MM_IRQ_JOB = 0,
	MM_IRQ_MMU,
	MM_IRQ_GPU,
	MM_IRQ_COUNT,
};

/**
 * struct mm_host_ops - services the host provides to the model.
 * @mem_read: copy @len bytes of physical memory at @pa into @buf. Returns 0,
 *	or a negative value if the range is not backed by RAM (bus fault).
 * @mem_write: copy @len bytes from @buf to physical memory at @pa. Same
 *	return convention as @mem_read.
 * @set_irq: drive interrupt @line to @level. The host must not deliver the
 *	interrupt synchronously from inside this callback.
 * @now_ns: monotonic time in nanoseconds; the model's clock.
 * @kick: ask the host to call mm_run() again in @delay_ns nanoseconds
 *	(0: as soon as possible). A later request replaces an earlier one only
 *	if it is sooner.
 * @log: a diagnostic line from the model (no trailing newline).
 */
struct mm_host_ops {
	int (*mem_read)(void *host, u64 pa, void *buf, u32 len);
	int (*mem_write)(void *host, u64 pa, const void *buf, u32 len);
	void (*set_irq)(void *host, enum mm_irq_line line, bool level);
	u64 (*now_ns)(void *host);
	void (*kick)(void *host, u64 delay_ns);
	void (*log)(void *host, const char *msg);
};

/* Size of the register window the model decodes (2 MiB, as on RK3588). */
#define MM_REG_WINDOW_SIZE	0x200000u

/** mm_size() - bytes the host must allocate for one GPU instance. */
unsigned long mm_size(void);

/**
 * mm_init() - bring a freshly allocated instance to its power-on state.
 * @gpu: mm_size() bytes of host memory (need not be zeroed).
 * @product: which GPU to impersonate.
 * @ops: host services; must stay valid for the lifetime of @gpu.
 * @host: opaque pointer passed back to every host callback.
 *
 * Return: 0, or a negative value if @product is unknown.
 */
int mm_init(struct mm_gpu *gpu, enum mm_product product,
	    const struct mm_host_ops *ops, void *host);

/** mm_reg_read() - 32-bit register read at @offset in the window. */
u32 mm_reg_read(struct mm_gpu *gpu, u32 offset);

/** mm_reg_write() - 32-bit register write at @offset in the window. */
void mm_reg_write(struct mm_gpu *gpu, u32 offset, u32 value);

/**
 * mm_run() - let the model catch up with the host clock.
 *
 * Completes every timed event (reset, power transitions, command-stream
 * progress, ...) that is due at now_ns() and asks for the next kick.
 */
void mm_run(struct mm_gpu *gpu);

/** mm_product_name() - marketing name of @product ("Mali-G610"), or NULL. */
const char *mm_product_name(enum mm_product product);

/**
 * enum mm_fault_kind - faults a host can inject with mm_inject().
 * @MM_FAULT_NONE: disarm every injected fault (@arg ignored).
 * @MM_FAULT_MCU_HANG: the firmware stops acknowledging anything (requests,
 *	doorbells, HALT) and its streams stop, until the MCU boots again.
 * @MM_FAULT_IRQ_DROP: the next @arg (0: one) JOB interrupts the firmware
 *	raises are lost; the interface words still change.
 * @MM_FAULT_PWR_STUCK: power transitions started from now on never
 *	complete, for the domains in the bit mask @arg (bit 0 shader cores,
 *	1 tiler, 2 L2; 0: all of them).
 * @MM_FAULT_BUS: every GPU access to the physical page holding address
 *	@arg fails and is reported as a bus fault.
 * @MM_FAULT_CS_FAULT: stream (@arg >> 8) & 0xff of CSG slot
 *	(@arg >> 16) & 0xff raises a recoverable fault of exception type
 *	@arg & 0xff (0: DATA_INVALID_FAULT) as soon as it is started.
 * @MM_FAULT_CS_FATAL: the same with a fatal error (0: CS_CONFIG_FAULT).
 * @MM_FAULT_BOOT_FAIL: the next MCU boot fails: @arg 0 with MCU_STATUS =
 *	FATAL, 1 silently (no interface, no interrupt), 2 with an interrupt
 *	but GLB_VERSION left at 0.
 * @MM_FAULT_COUNT: number of kinds.
 */
enum mm_fault_kind {
	MM_FAULT_NONE = 0,
	MM_FAULT_MCU_HANG,
	MM_FAULT_IRQ_DROP,
	MM_FAULT_PWR_STUCK,
	MM_FAULT_BUS,
	MM_FAULT_CS_FAULT,
	MM_FAULT_CS_FATAL,
	MM_FAULT_BOOT_FAIL,
	MM_FAULT_COUNT,
};

/**
 * mm_inject() - arm a fault (the host exposes this for fault injection).
 * @gpu: the GPU.
 * @kind: what to break.
 * @arg: its argument (see enum mm_fault_kind).
 *
 * Return: 0, or a negative value if @kind or @arg is invalid.
 */
int mm_inject(struct mm_gpu *gpu, enum mm_fault_kind kind, u64 arg);

#endif /* MM_H */
