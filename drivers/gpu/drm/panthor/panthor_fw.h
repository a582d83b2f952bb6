/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Panthor firmware block: loads the firmware image into the MCU's address
 * space, boots the MCU, gives the rest of the driver access to the CSF
 * interface it lays out, watches over it, and halts and restarts it around
 * suspend and reset.
 */

#ifndef __PANTHOR_FW_H__
#define __PANTHOR_FW_H__

#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "panthor_csf_if.h"

struct drm_panthor_csif_info;
struct panthor_device;

/**
 * DOC: The REQ/ACK handshake
 *
 * The host and the firmware signal each other through pairs of 32-bit words
 * in the shared interface: one word the host writes (in an input block) and
 * one the firmware writes (in an output block). A bit position is
 * "pending" while the two words differ there. Each bit belongs to one of
 * three kinds, and each kind has its helper:
 *
 * - toggle requests (CFG_*, PING, ENDPOINT_CONFIG, STATUS_UPDATE, doorbell
 *   requests): panthor_fw_request_toggle() makes the bit pending by writing
 *   the opposite of the firmware's bit; the firmware acknowledges by copying
 *   it. Toggling a request that is still pending leaves it pending, once.
 * - level requests (HALT, IDLE_ENABLE, CSG/CS STATE fields):
 *   panthor_fw_request_level() writes the wanted value; the firmware copies
 *   it once it has acted.
 * - firmware events (IDLE, SYNC_UPDATE, FAULT, per-CS IRQ bits): the
 *   firmware flips its bit; panthor_fw_events_pending() tells which are
 *   waiting and panthor_fw_events_ack() copies them back.
 *
 * A request only reaches the firmware once it looks at the interface:
 * panthor_fw_glb_kick() after a global request, panthor_fw_csg_kick() after
 * CSG requests (it raises the slots' GLB doorbell requests first) and
 * panthor_fw_cs_kick() after CS requests. panthor_fw_wait_acked() then
 * sleeps until the firmware has acknowledged, woken by the JOB interrupt.
 *
 * The host word of a pair is only changed under the pair's lock, so that
 * the interrupt handler acknowledging events and a thread posting requests
 * on the same word do not lose each other's bits.
 */

/**
 * struct panthor_fw_handshake - One REQ/ACK pair of the CSF interface
 */
struct panthor_fw_handshake {
	/** @host: the word the host writes */
	u32 *host;
	/** @fw: the word the firmware writes */
	const u32 *fw;
	/** @lock: serialises updates of *@host */
	spinlock_t lock;
};

/**
 * struct panthor_fw_cs_iface - A command stream slot of a CSG slot
 */
struct panthor_fw_cs_iface {
	/** @control: what the firmware says about the slot */
	const struct panthor_csf_cs_control *control;
	/** @input: host-written block */
	struct panthor_csf_cs_input *input;
	/** @output: firmware-written block; read fields with READ_ONCE() */
	const struct panthor_csf_cs_output *output;
	/** @req: CS_REQ / CS_ACK */
	struct panthor_fw_handshake req;
};

/**
 * struct panthor_fw_csg_iface - A command stream group slot
 */
struct panthor_fw_csg_iface {
	/** @control: what the firmware says about the slot */
	const struct panthor_csf_csg_control *control;
	/** @input: host-written block */
	struct panthor_csf_csg_input *input;
	/** @output: firmware-written block; read fields with READ_ONCE() */
	const struct panthor_csf_csg_output *output;
	/** @req: CSG_REQ / CSG_ACK */
	struct panthor_fw_handshake req;
	/** @db: CSG_DB_REQ / CSG_DB_ACK, one bit per CS slot */
	struct panthor_fw_handshake db;
	/**
	 * @irq: CSG_IRQ_ACK (host) / CSG_IRQ_REQ (firmware), one event bit
	 * per CS slot that has something for the host
	 */
	struct panthor_fw_handshake irq;
	/** @cs: the group's stream slots */
	struct panthor_fw_cs_iface *cs;
};

/**
 * struct panthor_fw_glb_iface - The global interface
 */
struct panthor_fw_glb_iface {
	/** @control: what the firmware says about itself */
	const struct panthor_csf_glb_control *control;
	/** @input: host-written block */
	struct panthor_csf_glb_input *input;
	/** @output: firmware-written block; read fields with READ_ONCE() */
	const struct panthor_csf_glb_output *output;
	/** @req: GLB_REQ / GLB_ACK */
	struct panthor_fw_handshake req;
	/** @db: GLB_DB_REQ / GLB_DB_ACK, one bit per CSG slot */
	struct panthor_fw_handshake db;
};

/**
 * typedef panthor_fw_event_handler_t - Firmware notifications for the
 * scheduler
 * @ptdev: device
 * @csg_slots: CSG slots whose JOB interrupt bit was raised
 * @glb_events: CSF_GLB_* event bits the firmware raised; they are already
 *	acknowledged
 *
 * Runs in the JOB interrupt thread.
 */
typedef void (*panthor_fw_event_handler_t)(struct panthor_device *ptdev,
					   u32 csg_slots, u32 glb_events);

int panthor_fw_init(struct panthor_device *ptdev);
int panthor_fw_suspend(struct panthor_device *ptdev);
int panthor_fw_resume(struct panthor_device *ptdev);
void panthor_fw_pre_reset(struct panthor_device *ptdev, bool hung);
int panthor_fw_post_reset(struct panthor_device *ptdev);

void panthor_fw_set_event_handler(struct panthor_device *ptdev,
				  panthor_fw_event_handler_t handler);
void panthor_fw_csif_info(struct panthor_device *ptdev,
			  struct drm_panthor_csif_info *info);
struct panthor_vm *panthor_fw_vm(struct panthor_device *ptdev);

struct panthor_fw_glb_iface *panthor_fw_glb(struct panthor_device *ptdev);
struct panthor_fw_csg_iface *panthor_fw_csg(struct panthor_device *ptdev,
					    u32 csg_slot);
struct panthor_fw_cs_iface *panthor_fw_cs(struct panthor_device *ptdev,
					  u32 csg_slot, u32 cs_slot);

void panthor_fw_request_toggle(struct panthor_fw_handshake *hs, u32 mask);
void panthor_fw_request_level(struct panthor_fw_handshake *hs, u32 mask,
			      u32 value);
u32 panthor_fw_events_ack(struct panthor_fw_handshake *hs, u32 mask);
int panthor_fw_wait_acked(struct panthor_device *ptdev,
			  struct panthor_fw_handshake *hs, u32 mask,
			  u32 timeout_ms);

void panthor_fw_ring_doorbell(struct panthor_device *ptdev, u32 doorbell);
void panthor_fw_glb_kick(struct panthor_device *ptdev);
void panthor_fw_csg_kick(struct panthor_device *ptdev, u32 csg_slots);
void panthor_fw_cs_kick(struct panthor_device *ptdev, u32 csg_slot,
			u32 cs_slots);

/**
 * panthor_fw_pending() - Bits of a handshake that differ on the two sides
 * @hs: handshake
 * @mask: bits to look at
 *
 * For requests: not yet acknowledged by the firmware. For events: raised by
 * the firmware and not yet acknowledged by the host.
 *
 * Return: the pending bits of @mask.
 */
static inline u32 panthor_fw_pending(const struct panthor_fw_handshake *hs,
				     u32 mask)
{
	return (READ_ONCE(*hs->host) ^ READ_ONCE(*hs->fw)) & mask;
}

/**
 * panthor_fw_events_pending() - Firmware events waiting for the host
 * @hs: handshake
 * @mask: event bits to look at
 *
 * Return: the events of @mask the firmware raised and the host has not
 * acknowledged yet.
 */
static inline u32 panthor_fw_events_pending(const struct panthor_fw_handshake *hs,
					    u32 mask)
{
	return panthor_fw_pending(hs, mask);
}

#endif /* __PANTHOR_FW_H__ */
