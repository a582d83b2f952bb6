/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Registers as data.
 *
 * Every block of the register window is described by a struct mm_block: where
 * it lives, how many instances it has, and a table of struct mm_reg, one line
 * per register (offset, name, access, reset value, optional handlers). The
 * engine in regtable.c does the decoding, the default behaviour of each
 * access type and the logging of odd accesses, so a block's .c file holds
 * only its table and the handlers that give registers side effects.
 *
 * Default behaviour, before/without handlers:
 *   RO    read returns the backing store; writes are ignored and logged once.
 *   RW    read returns the backing store; a write stores the value.
 *   WO    read returns 0 (logged once); a write is not stored.
 *   RW1C  read returns the backing store; a write clears the 1 bits.
 * A read handler replaces the default read. A write handler runs after the
 * default store (so RW handlers see the new value in the store, WO handlers
 * act on @val). Identity registers (MM_REG_ID) take their reset value from
 * the product table.
 */
#ifndef MM_REGTABLE_H
#define MM_REGTABLE_H

#include "mm_types.h"

struct mm_gpu;
struct mm_block;

/** enum mm_reg_access - access type of a register. */
enum mm_reg_access {
	MM_RO,
	MM_RW,
	MM_WO,
	MM_RW1C,
};

/* Reset value comes from the product's identity table, index in .arg */
#define MM_REG_F_ID		0x1u

/**
 * struct mm_reg_io - what a handler gets to know about an access.
 * @blk: the block decoded.
 * @reg: the register's table line.
 * @inst: block instance (address space number, doorbell number...).
 * @slot: the register's backing-store word, or NULL if the block has none.
 */
struct mm_reg_io {
	const struct mm_block *blk;
	const struct mm_reg *reg;
	u32 inst;
	u32 *slot;
};

typedef u32 (*mm_reg_read_fn)(struct mm_gpu *gpu, const struct mm_reg_io *io);
typedef void (*mm_reg_write_fn)(struct mm_gpu *gpu,
				const struct mm_reg_io *io, u32 val);

/**
 * struct mm_reg - one register of a block.
 * @offset: byte offset from the start of the block instance.
 * @access: enum mm_reg_access.
 * @flags: MM_REG_F_*.
 * @arg: free argument for handlers (IRQ line, power domain, 64-bit half...).
 * @reset: value after power-on and reset (unless MM_REG_F_ID).
 * @name: register name, for diagnostics.
 * @read: optional read handler.
 * @write: optional write handler.
 */
struct mm_reg {
	u32 offset;
	u8 access;
	u8 flags;
	u16 arg;
	u32 reset;
	const char *name;
	mm_reg_read_fn read;
	mm_reg_write_fn write;
};

/**
 * struct mm_block - a decoded range of the register window.
 * @name: block name ("GPU", "AS", ...), for diagnostics.
 * @base: offset of instance 0 in the register window.
 * @size: bytes decoded per instance.
 * @stride: distance between instances.
 * @count: number of instances.
 * @regs: register table, sorted by offset.
 * @nregs: entries in @regs.
 * @store: backing store (size / 4 words) of instance @inst; NULL if none.
 * @present: whether instance @inst exists on this product; NULL: all do.
 */
struct mm_block {
	const char *name;
	u32 base;
	u32 size;
	u32 stride;
	u32 count;
	const struct mm_reg *regs;
	u32 nregs;
	u32 *(*store)(struct mm_gpu *gpu, u32 inst);
	bool (*present)(const struct mm_gpu *gpu, u32 inst);
};

/*
 * Table lines. The name is the offset macro's own name, so the wrappers
 * stringify their argument themselves (before it is macro-expanded).
 */
#define MM_REG_ENTRY(_off, _name, _acc, _reset, _rd, _wr, _arg)	\
	{ .offset = (_off), .name = (_name), .access = (_acc),		\
	  .reset = (_reset), .read = (_rd), .write = (_wr), .arg = (_arg) }

/* A read-only identity/feature register from the product table. */
#define MM_REG_ID(_off, _id)						\
	{ .offset = (_off), .name = #_off, .access = MM_RO,		\
	  .flags = MM_REG_F_ID, .arg = (_id) }

#define MM_REG_RO(_off, _rd, _arg)					\
	MM_REG_ENTRY(_off, #_off, MM_RO, 0, _rd, NULL, _arg)
#define MM_REG_RW(_off, _reset, _wr, _arg)				\
	MM_REG_ENTRY(_off, #_off, MM_RW, _reset, NULL, _wr, _arg)
#define MM_REG_WO(_off, _wr, _arg)					\
	MM_REG_ENTRY(_off, #_off, MM_WO, 0, NULL, _wr, _arg)
#define MM_REG_W1C(_off, _wr, _arg)					\
	MM_REG_ENTRY(_off, #_off, MM_RW1C, 0, NULL, _wr, _arg)

/* Register of @blk at @offset inside an instance, or NULL. */
const struct mm_reg *mm_block_find(const struct mm_block *blk, u32 offset);

/* Decode an access that falls in @blk; @offset is relative to blk->base. */
u32 mm_block_read(struct mm_gpu *gpu, const struct mm_block *blk, u32 offset);
void mm_block_write(struct mm_gpu *gpu, const struct mm_block *blk,
		    u32 offset, u32 val);

/* Load every register of instance @inst with its reset value. */
void mm_block_reset(struct mm_gpu *gpu, const struct mm_block *blk, u32 inst);

/* True if @offset (absolute) falls inside some instance span of @blk. */
bool mm_block_contains(const struct mm_block *blk, u32 offset);

/*
 * Check a table: sorted, aligned, inside the instance and with a valid
 * access type. Returns the index of the first bad entry, or -1.
 */
int mm_block_check(const struct mm_block *blk);

/* Log (once per offset) and count an access nobody decodes. */
u32 mm_unknown_read(struct mm_gpu *gpu, u32 offset);
void mm_unknown_write(struct mm_gpu *gpu, u32 offset, u32 val);

#endif /* MM_REGTABLE_H */
