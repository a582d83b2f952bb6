/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pc_cmd.h - what panthor-client's commands share: the "run" and "bench"
 * entry points, and the scaffolding their GPU work is built on (a VM, an
 * arena BO the command streams are copied into, stream prologue and
 * epilogue, waiting for a job and reporting the group's state).
 */
#ifndef PC_CMD_H
#define PC_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "panthor_client.h"

#define EXIT_USAGE	2

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

/*
 * Scoreboard entries every stream of ours uses: 0 is the one the kernel's
 * ring flushes with (cs-isa.md §5), so it only tracks our final flush too;
 * loads/stores and RUN_* work get their own.
 */
#define PC_SB_FLUSH	0
#define PC_SB_LS	1
#define PC_SB_ENDPOINT	2

/* Holds 0 for the epilogue's flush: "no flush seen yet, always flush". */
#define PC_R_FLUSH_ID	90

/**
 * struct pc_work - a VM and a place for command streams
 * @dev: the device
 * @vm: a fresh VM
 * @cs: builder configuration for this device's streams
 * @arena: BO the streams are copied into
 * @arena_used: bytes of @arena taken
 */
struct pc_work {
	struct pc_device *dev;
	struct pc_vm *vm;
	struct pc_cs_config cs;
	struct pc_bo *arena;
	uint32_t arena_used;
};

/**
 * pc_work_init() - a VM and an arena of @arena_size bytes on @dev
 *
 * Return: 0 or a negative errno (message in pc_last_error()).
 */
int pc_work_init(struct pc_work *w, struct pc_device *dev,
		 uint32_t arena_size);

/** pc_work_fini() - free what pc_work_init() made */
void pc_work_fini(struct pc_work *w);

/**
 * pc_work_begin() - a builder for one stream, with our prologue emitted
 * (scoreboard entry assignment)
 */
void pc_work_begin(struct pc_work *w, struct pc_cs_builder *b);

/**
 * pc_work_put() - copy a finished stream to the arena as it is and describe
 * it as a job for queue @queue; the builder is released
 *
 * Return: 0 or a negative errno.
 */
int pc_work_put(struct pc_work *w, struct pc_cs_builder *b, uint32_t queue,
		struct pc_job *job);

/**
 * pc_work_finish() - emit the epilogue, copy the stream to the arena and
 * describe it as a job for queue @queue; the builder is released
 *
 * The epilogue waits for every scoreboard entry and cleans the caches so
 * the CPU sees what the stream wrote.
 *
 * Return: 0 or a negative errno.
 */
int pc_work_finish(struct pc_work *w, struct pc_cs_builder *b,
		   uint32_t queue, struct pc_job *job);

/**
 * pc_work_check_group() - -EIO with the group's state in the message when
 * the group is not healthy; 0 otherwise
 */
int pc_work_check_group(struct pc_group *group);

/**
 * pc_work_wait() - wait for @point of @syncobj (0: binary) signalled by
 * work of @group, then check the group is healthy
 *
 * Return: 0 or a negative errno whose message names the group's state.
 */
int pc_work_wait(struct pc_group *group, uint32_t syncobj, uint64_t point);

/**
 * pc_work_run() - run one stream on a fresh one-queue group and wait
 *
 * Return: 0 or a negative errno.
 */
int pc_work_run(struct pc_work *w, struct pc_cs_builder *b);

/* ---- commands ---- */

/**
 * pc_cmd_run() - "panthor-client run WORKLOAD..."
 * @device: --device, or NULL
 * @names: workload names ("all" for every one)
 * @count: number of @names
 *
 * Return: exit status: 0 all passed, 1 something failed, 2 usage.
 */
int pc_cmd_run(const char *device, char **names, int count);

/** pc_run_usage() - the workload list, for the usage text */
void pc_run_usage(FILE *out);

/**
 * pc_cmd_bench() - "panthor-client bench"
 * @device: --device, or NULL
 * @json: print one JSON object
 * @quick: fewer iterations
 * @progress: show a progress line on stderr
 *
 * Return: exit status.
 */
int pc_cmd_bench(const char *device, bool json, bool quick, bool progress);

#endif /* PC_CMD_H */
