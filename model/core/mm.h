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

#endif /* MM_H */
