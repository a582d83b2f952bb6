// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * panthor-client - inspect and exercise a panthor GPU from userspace.
 *
 *   panthor-client [--device PATH] info [--json]
 *   panthor-client [--device PATH] run WORKLOAD...|all
 *   panthor-client [--device PATH] bench [--json] [--quick] [--quiet]
 *
 * "info" opens the device (the first panthor render node unless --device
 * names one), and prints the driver and its uAPI level, the GPU and the
 * command stream interface, as text or as one JSON object. "run" runs
 * built-in workloads that check their results (pc_run.c), "bench" measures
 * the submission and binding paths (pc_bench.c).
 *
 * Exit status: 0 on success, 1 when the device cannot be used or a workload
 * failed, 2 on a usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panthor_client.h"
#include "pc_cmd.h"
#include "pc_json.h"

/**
 * struct pc_report - everything "info" shows, gathered before printing so
 * that a failing query never leaves half a report behind
 */
struct pc_report {
	struct pc_device *dev;
	struct drm_panthor_gpu_info gpu;
	struct pc_gpu_desc desc;
	bool have_csif;
	int csif_error;
	struct drm_panthor_csif_info csif;
	bool have_timestamp;
	struct drm_panthor_timestamp_info timestamp;
	uint8_t priorities;
	bool have_mmu;
	struct drm_panthor_mmu_info mmu;
	bool have_flush_id;
	uint32_t flush_id;
	char flush_id_error[160];
};

static const char *const pc_priority_names[] = {
	[PANTHOR_GROUP_PRIORITY_LOW] = "low",
	[PANTHOR_GROUP_PRIORITY_MEDIUM] = "medium",
	[PANTHOR_GROUP_PRIORITY_HIGH] = "high",
	[PANTHOR_GROUP_PRIORITY_REALTIME] = "realtime",
};

static const char *const pc_impl_tech_names[] = {
	"unspecified", "silicon", "FPGA", "software model",
};

/* A feature flag of struct pc_features and the name it is shown under. */
static const struct {
	size_t offset;
	const char *name;
} pc_feature_names[] = {
#define PC_FEATURE(field) { offsetof(struct pc_features, field), #field }
	PC_FEATURE(timestamp_info),
	PC_FEATURE(group_priorities_info),
	PC_FEATURE(realtime_priority),
	PC_FEATURE(innocent_state),
	PC_FEATURE(bo_set_label),
	PC_FEATURE(set_user_mmio_offset),
	PC_FEATURE(coherent_timestamps),
	PC_FEATURE(bo_wb_mmap),
	PC_FEATURE(bo_sync),
	PC_FEATURE(bo_query_info),
	PC_FEATURE(selected_coherency),
	PC_FEATURE(timestamp_flags),
	PC_FEATURE(mmu_info),
	PC_FEATURE(sparse_bind),
#undef PC_FEATURE
};

static bool pc_feature(const struct pc_features *features, size_t i)
{
	return *(const bool *)((const char *)features +
			       pc_feature_names[i].offset);
}

static const char *pc_coherency_name(uint32_t protocol)
{
	switch (protocol) {
	case DRM_PANTHOR_GPU_COHERENCY_ACE_LITE:
		return "ACE-Lite";
	case DRM_PANTHOR_GPU_COHERENCY_ACE:
		return "ACE";
	case DRM_PANTHOR_GPU_COHERENCY_NONE:
		return "none";
	default:
		return "invalid";
	}
}

static int pc_gather(struct pc_device *dev, struct pc_report *r)
{
	int ret;

	memset(r, 0, sizeof(*r));
	r->dev = dev;

	ret = pc_query_gpu_info(dev, &r->gpu);
	if (ret)
		return ret;
	pc_describe_gpu(&r->gpu, &r->desc);

	/*
	 * The command-stream interface is described by the firmware: a driver
	 * whose firmware did not boot cannot answer. Show everything else.
	 */
	ret = pc_query_csif_info(dev, &r->csif);
	if (ret)
		r->csif_error = ret;
	else
		r->have_csif = true;

	/* A driver claiming a level must answer that level's queries. */
	if (dev->features.timestamp_info) {
		ret = pc_query_timestamp_info(dev, &r->timestamp);
		if (ret)
			return ret;
		r->have_timestamp = true;
	}
	ret = pc_query_group_priorities(dev, &r->priorities);
	if (ret)
		return ret;
	if (dev->features.mmu_info) {
		ret = pc_query_mmu_info(dev, &r->mmu);
		if (ret)
			return ret;
		r->have_mmu = true;
	}

	/* Jobs still run without the page (they always flush): not fatal. */
	if (pc_device_map_flush_id(dev)) {
		snprintf(r->flush_id_error, sizeof(r->flush_id_error), "%s",
			 pc_last_error());
	} else {
		r->have_flush_id = true;
		r->flush_id = pc_latest_flush_id(dev);
	}
	return 0;
}

/* ---- text ---- */

#define pc_line(label, ...)						\
	do {								\
		printf("%-20s", label ":");				\
		printf(__VA_ARGS__);					\
		putchar('\n');						\
	} while (0)

/* Print @bytes as "256 KiB", "2 MiB" or "64 B". */
static void pc_format_size(char *buf, size_t len, uint64_t bytes)
{
	if (bytes >= (1 << 20) && !(bytes % (1 << 20)))
		snprintf(buf, len, "%" PRIu64 " MiB", bytes >> 20);
	else if (bytes >= 1024 && !(bytes % 1024))
		snprintf(buf, len, "%" PRIu64 " KiB", bytes >> 10);
	else
		snprintf(buf, len, "%" PRIu64 " B", bytes);
}

static void pc_print_driver_text(const struct pc_device *dev)
{
	char features[512] = "";

	pc_line("device", "%s", dev->path);
	pc_line("driver", "%s %d.%d.%d", dev->driver_name, dev->version_major,
		dev->version_minor, dev->version_patchlevel);
	pc_line("description", "%s", dev->driver_desc);
	if (dev->driver_date[0] && strcmp(dev->driver_date, "0"))
		pc_line("date", "%s", dev->driver_date);

	for (size_t i = 0; i < ARRAY_SIZE(pc_feature_names); i++) {
		size_t used = strlen(features);

		if (pc_feature(&dev->features, i))
			snprintf(features + used, sizeof(features) - used,
				 "%s%s", used ? " " : "",
				 pc_feature_names[i].name);
	}
	pc_line("uapi features", "%s", features[0] ? features : "(1.0 only)");
}

static void pc_print_gpu_text(const struct pc_report *r)
{
	const struct drm_panthor_gpu_info *gpu = &r->gpu;
	const struct pc_gpu_desc *d = &r->desc;
	char size[32];

	if (d->codename[0])
		pc_line("gpu", "%s (%s)", d->product, d->codename);
	else
		pc_line("gpu", "%s", d->product);
	pc_line("GPU_ID", "0x%08" PRIx32, gpu->gpu_id);
	pc_line("architecture", "%u.%u.%u", d->id.arch_major, d->id.arch_minor,
		d->id.arch_rev);
	pc_line("product major", "%u", d->id.product_major);
	pc_line("version", "r%up%u status %u", d->id.version_major,
		d->id.version_minor, d->id.version_status);
	pc_line("GPU_REVID", "0x%08" PRIx32, gpu->gpu_rev);
	pc_line("CSF_ID", "0x%08" PRIx32 " (CS hardware %u.%u.%u, MCU %u.%u.%u)",
		gpu->csf_id, d->cshw_major, d->cshw_minor, d->cshw_rev,
		d->mcu_major, d->mcu_minor, d->mcu_rev);
	pc_line("firmware", "%s", d->firmware);
	pc_line("shader cores", "%u (mask 0x%" PRIx64 ")", d->shader_cores,
		(uint64_t)gpu->shader_present);
	pc_line("tiler present", "0x%" PRIx64, (uint64_t)gpu->tiler_present);
	pc_line("l2 present", "0x%" PRIx64, (uint64_t)gpu->l2_present);
	pc_format_size(size, sizeof(size), d->l2.cache_size);
	pc_line("l2 cache", "%s, %u B lines, %u slice%s, associativity %u",
		size, d->l2.line_size, d->l2.slices,
		d->l2.slices == 1 ? "" : "s", d->l2.associativity);
	pc_line("mmu", "%u-bit VA, %u-bit PA", d->va_bits, d->pa_bits);
	pc_line("address spaces", "%u (mask 0x%" PRIx32 ", AS0 for the firmware)",
		d->address_spaces, gpu->as_present);
	pc_line("threads", "max %u, workgroup %u, barrier %u",
		gpu->max_threads, gpu->thread_max_workgroup_size,
		gpu->thread_max_barrier_size);
	pc_line("per core", "%" PRIu32 " registers, %u tasks", d->max_registers,
		d->max_tasks);
	pc_line("implementation", "%s", pc_impl_tech_names[d->impl_tech]);
	pc_line("tiler", "%" PRIu32 " B bins, %u levels", d->tiler_bin_size,
		d->tiler_max_levels);
	pc_line("coherency", "supported 0x%" PRIx32 ", selected %s",
		gpu->coherency_features,
		r->dev->features.selected_coherency ?
		pc_coherency_name(gpu->selected_coherency) :
		"unknown (uAPI < 1.7)");
	if (r->dev->gpu_info_size >= PC_GPU_INFO_FEATURES_SIZE)
		pc_line("gpu features", "0x%" PRIx64 "%s",
			(uint64_t)gpu->gpu_features,
			d->ray_tracing ? " (ray tracing)" : "");
}

static void pc_print_csif_text(const struct drm_panthor_csif_info *csif)
{
	pc_line("csg slots", "%u", csif->csg_slot_count);
	pc_line("cs per csg", "%u", csif->cs_slot_count);
	pc_line("cs registers", "%u (%u not preserved across submits)",
		csif->cs_reg_count, csif->unpreserved_cs_reg_count);
	pc_line("scoreboards", "%u", csif->scoreboard_slot_count);
}

static void pc_print_extra_text(const struct pc_report *r)
{
	char names[64] = "";

	if (r->have_timestamp) {
		pc_line("timestamp", "%" PRIu64 " (offset %" PRIu64 ")",
			(uint64_t)r->timestamp.current_timestamp,
			(uint64_t)r->timestamp.timestamp_offset);
		pc_line("timestamp freq", "%" PRIu64 " Hz",
			(uint64_t)r->timestamp.timestamp_frequency);
	}

	for (size_t p = 0; p < ARRAY_SIZE(pc_priority_names); p++) {
		size_t used = strlen(names);

		if (r->priorities & (1u << p))
			snprintf(names + used, sizeof(names) - used, "%s%s",
				 used ? " " : "", pc_priority_names[p]);
	}
	pc_line("group priorities", "%s", names);

	if (r->have_mmu)
		pc_line("mmu page sizes", "0x%" PRIx64,
			(uint64_t)r->mmu.page_size_bitmap);
	if (r->have_flush_id)
		pc_line("latest flush id", "0x%08" PRIx32 " (user MMIO page mapped)",
			r->flush_id);
	else
		pc_line("latest flush id", "unavailable (%s)",
			r->flush_id_error);
}

static void pc_print_text(const struct pc_report *r)
{
	pc_print_driver_text(r->dev);
	pc_print_gpu_text(r);
	if (r->have_csif)
		pc_print_csif_text(&r->csif);
	else
		pc_line("csif", "unavailable (%s)", strerror(-r->csif_error));
	pc_print_extra_text(r);
}

/* ---- JSON ---- */

static void pc_print_driver_json(struct pc_json *j, const struct pc_device *dev)
{
	char version[32];

	pc_json_string(j, "device", dev->path);

	pc_json_begin(j, "driver");
	snprintf(version, sizeof(version), "%d.%d.%d", dev->version_major,
		 dev->version_minor, dev->version_patchlevel);
	pc_json_string(j, "name", dev->driver_name);
	pc_json_string(j, "version", version);
	pc_json_int(j, "major", dev->version_major);
	pc_json_int(j, "minor", dev->version_minor);
	pc_json_int(j, "patchlevel", dev->version_patchlevel);
	pc_json_string(j, "desc", dev->driver_desc);
	pc_json_string(j, "date", dev->driver_date);
	pc_json_begin(j, "features");
	for (size_t i = 0; i < ARRAY_SIZE(pc_feature_names); i++)
		pc_json_bool(j, pc_feature_names[i].name,
			     pc_feature(&dev->features, i));
	pc_json_end(j);
	pc_json_end(j);
}

static void pc_print_gpu_json(struct pc_json *j, const struct pc_report *r)
{
	const struct drm_panthor_gpu_info *gpu = &r->gpu;
	const struct pc_gpu_desc *d = &r->desc;
	char version[32];

	pc_json_begin(j, "gpu");
	pc_json_string(j, "product", d->product);
	pc_json_string(j, "codename", d->codename);
	pc_json_bool(j, "known", d->known);
	pc_json_hex(j, "gpu_id", gpu->gpu_id);
	pc_json_uint(j, "arch_major", d->id.arch_major);
	pc_json_uint(j, "arch_minor", d->id.arch_minor);
	pc_json_uint(j, "arch_rev", d->id.arch_rev);
	pc_json_uint(j, "product_major", d->id.product_major);
	snprintf(version, sizeof(version), "r%up%u", d->id.version_major,
		 d->id.version_minor);
	pc_json_string(j, "version", version);
	pc_json_uint(j, "version_status", d->id.version_status);
	pc_json_string(j, "firmware", d->firmware);
	pc_json_uint(j, "shader_cores", d->shader_cores);
	pc_json_hex(j, "shader_present", gpu->shader_present);
	pc_json_hex(j, "tiler_present", gpu->tiler_present);
	pc_json_hex(j, "l2_present", gpu->l2_present);
	pc_json_uint(j, "l2_cache_size", d->l2.cache_size);
	pc_json_uint(j, "l2_line_size", d->l2.line_size);
	pc_json_uint(j, "l2_slices", d->l2.slices);
	pc_json_uint(j, "va_bits", d->va_bits);
	pc_json_uint(j, "pa_bits", d->pa_bits);
	pc_json_uint(j, "address_spaces", d->address_spaces);
	pc_json_uint(j, "max_registers", d->max_registers);
	pc_json_uint(j, "max_tasks", d->max_tasks);
	pc_json_string(j, "implementation", pc_impl_tech_names[d->impl_tech]);
	pc_json_bool(j, "ray_tracing", d->ray_tracing);
	if (r->dev->features.selected_coherency)
		pc_json_string(j, "selected_coherency",
			       pc_coherency_name(gpu->selected_coherency));
	pc_json_uint(j, "gpu_info_size", r->dev->gpu_info_size);

	/* The raw registers, for tools that decode them themselves. */
	pc_json_begin(j, "registers");
	pc_json_hex(j, "gpu_id", gpu->gpu_id);
	pc_json_hex(j, "gpu_rev", gpu->gpu_rev);
	pc_json_hex(j, "csf_id", gpu->csf_id);
	pc_json_hex(j, "l2_features", gpu->l2_features);
	pc_json_hex(j, "tiler_features", gpu->tiler_features);
	pc_json_hex(j, "mem_features", gpu->mem_features);
	pc_json_hex(j, "mmu_features", gpu->mmu_features);
	pc_json_hex(j, "thread_features", gpu->thread_features);
	pc_json_uint(j, "max_threads", gpu->max_threads);
	pc_json_uint(j, "thread_max_workgroup_size",
		     gpu->thread_max_workgroup_size);
	pc_json_uint(j, "thread_max_barrier_size",
		     gpu->thread_max_barrier_size);
	pc_json_hex(j, "coherency_features", gpu->coherency_features);
	pc_json_hex(j, "texture_features_0", gpu->texture_features[0]);
	pc_json_hex(j, "texture_features_1", gpu->texture_features[1]);
	pc_json_hex(j, "texture_features_2", gpu->texture_features[2]);
	pc_json_hex(j, "texture_features_3", gpu->texture_features[3]);
	pc_json_hex(j, "as_present", gpu->as_present);
	pc_json_hex(j, "selected_coherency", gpu->selected_coherency);
	pc_json_hex(j, "shader_present", gpu->shader_present);
	pc_json_hex(j, "l2_present", gpu->l2_present);
	pc_json_hex(j, "tiler_present", gpu->tiler_present);
	pc_json_hex(j, "core_features", gpu->core_features);
	pc_json_hex(j, "gpu_features", gpu->gpu_features);
	pc_json_end(j);
	pc_json_end(j);
}

static void pc_print_rest_json(struct pc_json *j, const struct pc_report *r)
{
	if (r->have_csif) {
		pc_json_begin(j, "csif");
		pc_json_uint(j, "csg_slot_count", r->csif.csg_slot_count);
		pc_json_uint(j, "cs_slot_count", r->csif.cs_slot_count);
		pc_json_uint(j, "cs_reg_count", r->csif.cs_reg_count);
		pc_json_uint(j, "scoreboard_slot_count",
			     r->csif.scoreboard_slot_count);
		pc_json_uint(j, "unpreserved_cs_reg_count",
			     r->csif.unpreserved_cs_reg_count);
		pc_json_end(j);
	}

	if (r->have_timestamp) {
		pc_json_begin(j, "timestamp");
		pc_json_uint(j, "frequency", r->timestamp.timestamp_frequency);
		pc_json_uint(j, "current", r->timestamp.current_timestamp);
		pc_json_uint(j, "offset", r->timestamp.timestamp_offset);
		pc_json_end(j);
	}

	pc_json_begin(j, "group_priorities");
	for (size_t p = 0; p < ARRAY_SIZE(pc_priority_names); p++)
		pc_json_bool(j, pc_priority_names[p], r->priorities & (1u << p));
	pc_json_end(j);

	if (r->have_mmu) {
		pc_json_begin(j, "mmu");
		pc_json_hex(j, "page_size_bitmap", r->mmu.page_size_bitmap);
		pc_json_end(j);
	}

	pc_json_begin(j, "flush_id");
	pc_json_bool(j, "mapped", r->have_flush_id);
	if (r->have_flush_id)
		pc_json_hex(j, "latest", r->flush_id);
	else
		pc_json_string(j, "error", r->flush_id_error);
	pc_json_end(j);
}

static void pc_print_json(const struct pc_report *r)
{
	struct pc_json j;

	pc_json_init(&j, stdout);
	pc_json_begin(&j, NULL);
	pc_print_driver_json(&j, r->dev);
	pc_print_gpu_json(&j, r);
	pc_print_rest_json(&j, r);
	pc_json_end(&j);
}

/* ---- commands ---- */

static int pc_cmd_info(const char *device, bool json)
{
	struct pc_device *dev;
	struct pc_report report;
	int ret;

	ret = pc_device_open(device, &dev);
	if (ret) {
		fprintf(stderr, "panthor-client: %s\n", pc_last_error());
		return EXIT_FAILURE;
	}

	ret = pc_gather(dev, &report);
	if (ret) {
		fprintf(stderr, "panthor-client: %s\n", pc_last_error());
		pc_device_close(dev);
		return EXIT_FAILURE;
	}

	if (json)
		pc_print_json(&report);
	else
		pc_print_text(&report);
	pc_device_close(dev);

	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "panthor-client: cannot write the output: %s\n",
			strerror(errno));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static void pc_usage(FILE *out)
{
	fprintf(out,
		"Usage: panthor-client [--device PATH] info [--json]\n"
		"       panthor-client [--device PATH] run WORKLOAD...\n"
		"       panthor-client [--device PATH] bench [--json] [--quick] [--quiet]\n"
		"\n"
		"  info            describe the driver, the GPU and its command stream\n"
		"                  interface\n"
		"  run WORKLOAD    run built-in GPU workloads that check their results;\n"
		"                  one verdict line each (PASS or FAIL):\n");
	pc_run_usage(out);
	fprintf(out,
		"  bench           null-job latency, submissions per second with 1, 8\n"
		"                  and 32 groups, VM_BIND map+unmap pages per second\n"
		"  --json          print one JSON object instead of text (info, bench)\n"
		"  --quick         bench: fewer iterations\n"
		"  --quiet         bench: no progress line on stderr\n"
		"  --device PATH   use this DRM node instead of the first panthor\n"
		"                  render node\n"
		"  --help          this text\n");
}

/**
 * struct pc_options - the command line
 * @device: --device
 * @command: first word that is not an option
 * @args: further words, the command's arguments
 * @arg_count: number of @args
 * @json: --json
 * @quick: --quick
 * @quiet: --quiet
 */
struct pc_options {
	const char *device;
	const char *command;
	char **args;
	int arg_count;
	bool json;
	bool quick;
	bool quiet;
};

/* Return: -1 when parsed, else the exit status to leave with. */
static int pc_parse(int argc, char **argv, struct pc_options *o)
{
	memset(o, 0, sizeof(*o));
	o->args = calloc(argc, sizeof(*o->args));
	if (!o->args) {
		fprintf(stderr, "panthor-client: out of memory\n");
		return EXIT_FAILURE;
	}

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			pc_usage(stdout);
			return EXIT_SUCCESS;
		} else if (!strcmp(arg, "--json")) {
			o->json = true;
		} else if (!strcmp(arg, "--quick")) {
			o->quick = true;
		} else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) {
			o->quiet = true;
		} else if (!strcmp(arg, "--device") || !strcmp(arg, "-d")) {
			if (++i == argc) {
				fprintf(stderr, "panthor-client: %s needs a path\n",
					arg);
				return EXIT_USAGE;
			}
			o->device = argv[i];
		} else if (!strncmp(arg, "--device=", 9)) {
			o->device = arg + 9;
		} else if (arg[0] != '-' && !o->command) {
			o->command = arg;
		} else if (arg[0] != '-') {
			o->args[o->arg_count++] = argv[i];
		} else {
			fprintf(stderr, "panthor-client: unexpected argument '%s'\n",
				arg);
			pc_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!o->command) {
		pc_usage(stderr);
		return EXIT_USAGE;
	}
	return -1;
}

/* Words after a command that takes none are a mistake. */
static bool pc_no_args(const struct pc_options *o)
{
	if (!o->arg_count)
		return true;
	fprintf(stderr, "panthor-client: %s takes no argument '%s'\n",
		o->command, o->args[0]);
	return false;
}

static int pc_dispatch(const struct pc_options *o)
{
	if (!strcmp(o->command, "info"))
		return pc_no_args(o) ? pc_cmd_info(o->device, o->json) :
		       EXIT_USAGE;
	if (!strcmp(o->command, "run"))
		return pc_cmd_run(o->device, o->args, o->arg_count);
	if (!strcmp(o->command, "bench"))
		return pc_no_args(o) ?
		       pc_cmd_bench(o->device, o->json, o->quick, !o->quiet) :
		       EXIT_USAGE;

	fprintf(stderr, "panthor-client: unknown command '%s'\n", o->command);
	pc_usage(stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct pc_options o;
	int ret;

	ret = pc_parse(argc, argv, &o);
	if (ret < 0)
		ret = pc_dispatch(&o);
	free(o.args);
	return ret;
}
