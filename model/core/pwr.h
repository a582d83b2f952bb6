/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Power domains: shader cores, tiler and L2 (mali-csf-hw.md §1.8).
 *
 * Each domain has a desired state (what PWRON/PWROFF asked for), a READY
 * bitmap and a PWRTRANS bitmap. A unit whose READY differs from the desired
 * state starts a transition: PWRTRANS is set for the domain's transition
 * time, then READY takes the new value, PWRTRANS clears and the GPU IRQ gets
 * POWER_CHANGED_SINGLE (and POWER_CHANGED_ALL once nothing is in transition
 * any more). A unit going down leaves READY at once: it is unusable from the
 * moment it was told to power off. A request that arrives while the unit is
 * in transition is remembered and acted on when the transition ends.
 *
 * Dependency rule (strict reading): shader cores and the tiler can only be
 * powered while the L2 is ready. A power-up request for them while the L2 is
 * not ready (off or still in transition) is refused: it is dropped, logged
 * and counted. Symmetrically, an L2 power-off while any shader core or the
 * tiler is powered, in transition or requested is refused.
 */
#ifndef MM_PWR_H
#define MM_PWR_H

#include "regtable.h"

/** enum mm_pwr_domain - host-visible power domains. */
enum mm_pwr_domain {
	MM_PWR_SHADER,
	MM_PWR_TILER,
	MM_PWR_L2,
	MM_PWR_COUNT,
};

/**
 * struct mm_pwr_dom - state of one power domain.
 * @target: units asked to be on.
 * @ready: units powered and usable.
 * @trans: units in transition.
 * @going_up: among @trans, units powering up.
 * @done_at: model time at which the transition of each unit ends.
 */
struct mm_pwr_dom {
	u64 target;
	u64 ready;
	u64 trans;
	u64 going_up;
	u64 done_at[64];
};

/** struct mm_pwr - all power domains. */
struct mm_pwr {
	struct mm_pwr_dom dom[MM_PWR_COUNT];
};

/*
 * Ask for units @mask of @dom to be powered on or off, exactly as a write to
 * PWRON/PWROFF does. Returns false if the request was refused (dependency
 * rule or reset in progress). For the firmware emulation, which powers the
 * shader cores and the tiler on CSF GPUs.
 */
bool mm_pwr_request(struct mm_gpu *gpu, enum mm_pwr_domain dom, u64 mask,
		    bool on);

u64 mm_pwr_ready(const struct mm_gpu *gpu, enum mm_pwr_domain dom);
u64 mm_pwr_trans(const struct mm_gpu *gpu, enum mm_pwr_domain dom);

/* True while some unit of some domain is in transition. */
bool mm_pwr_busy(const struct mm_gpu *gpu);

/* Everything off at once, transitions abandoned (GPU reset). */
void mm_pwr_reset(struct mm_gpu *gpu);

/* Event handler: transitions of domain @arg may have ended. */
void mm_pwr_event(struct mm_gpu *gpu, u32 arg);

/* Register handlers; .arg is MM_PWR_ARG(domain, high half). */
#define MM_PWR_ARG(dom, hi)	(((dom) << 1) | (hi))
u32 mm_pwr_read_ready(struct mm_gpu *gpu, const struct mm_reg_io *io);
u32 mm_pwr_read_trans(struct mm_gpu *gpu, const struct mm_reg_io *io);
u32 mm_pwr_read_active(struct mm_gpu *gpu, const struct mm_reg_io *io);
void mm_pwr_write_on(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val);
void mm_pwr_write_off(struct mm_gpu *gpu, const struct mm_reg_io *io, u32 val);

#endif /* MM_PWR_H */
