// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_bench.c - "panthor-client bench": what the submission and binding
 * paths cost, end to end through the driver.
 *
 *   latency     a null job (one NOP) submitted and waited for, one at a
 *               time: time from GROUP_SUBMIT to the syncobj wait returning,
 *               median and 99th percentile
 *   submit      null jobs submitted round robin to 1, 8 and 32 groups as
 *               fast as possible, then all waited for: jobs per second
 *   vm_bind     one 4 KiB page per VM_BIND, mapped then unmapped: pages
 *               (map + unmap pairs) per second
 *
 * A progress line is kept on stderr while it runs (carriage returns).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pc_cmd.h"
#include "pc_json.h"

#define PC_SUBMIT_RUNS	3

static const uint32_t pc_submit_groups[PC_SUBMIT_RUNS] = { 1, 8, 32 };

/**
 * struct pc_bench_sizes - how much work each part does
 * @latency_jobs: jobs timed one by one
 * @submit_jobs: jobs per group count
 * @bind_rounds: rounds of @bind_pages maps and unmaps
 * @bind_pages: pages of the BO bound page by page
 */
struct pc_bench_sizes {
	uint32_t latency_jobs;
	uint32_t submit_jobs;
	uint32_t bind_rounds;
	uint32_t bind_pages;
};

static const struct pc_bench_sizes pc_bench_full = { 500, 1024, 32, 64 };
static const struct pc_bench_sizes pc_bench_quick = { 40, 64, 2, 64 };

/**
 * struct pc_bench - results
 * @lat_jobs: jobs timed
 * @lat_p50_us: median round trip, microseconds
 * @lat_p99_us: 99th percentile
 * @lat_min_us: fastest
 * @lat_max_us: slowest
 * @submit: per group count: groups, jobs, seconds, jobs per second
 * @bind_pages: pages mapped and unmapped
 * @bind_seconds: time taken
 * @bind_per_second: pages (map + unmap) per second
 */
struct pc_bench {
	uint32_t lat_jobs;
	double lat_p50_us, lat_p99_us, lat_min_us, lat_max_us;
	struct {
		uint32_t groups;
		uint32_t jobs;
		double seconds;
		double per_second;
	} submit[PC_SUBMIT_RUNS];
	uint32_t bind_pages;
	double bind_seconds;
	double bind_per_second;
};

/**
 * struct pc_progress - the progress line
 * @enabled: draw it
 * @shown: something is on the line and must be cleared
 */
struct pc_progress {
	bool enabled;
	bool shown;
};

static void pc_progress(struct pc_progress *p, const char *what, uint32_t done,
			uint32_t total)
{
	/* Often enough to move, rarely enough not to cost anything. */
	if (!p->enabled || (done != total && done % (total / 20 + 1)))
		return;
	fprintf(stderr, "\rbench: %-32s %5u/%-5u", what, done, total);
	fflush(stderr);
	p->shown = true;
}

static void pc_progress_clear(struct pc_progress *p)
{
	if (!p->shown)
		return;
	fprintf(stderr, "\r%60s\r", "");
	fflush(stderr);
	p->shown = false;
}

static double pc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int pc_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted @v. */
static double pc_percentile(const double *v, uint32_t n, unsigned int pct)
{
	uint32_t rank = (n * pct + 99) / 100;

	return v[rank ? rank - 1 : 0];
}

/* A job that does nothing: one NOP, as small as a stream can be. */
static int pc_null_job(struct pc_work *w, struct pc_job *job)
{
	struct pc_cs_builder b;

	pc_cs_init(&b, &w->cs);
	pc_cs_nop(&b);
	return pc_work_put(w, &b, 0, job);
}

static int pc_bench_latency(struct pc_work *w, const struct pc_bench_sizes *n,
			    struct pc_progress *p, struct pc_bench *r)
{
	struct pc_group *group = NULL;
	struct pc_sync done = { 0 };
	struct pc_job job;
	double *samples, t0;
	uint32_t i;
	int ret;

	samples = calloc(n->latency_jobs, sizeof(*samples));
	if (!samples)
		return pc_fail(-ENOMEM, "out of memory");
	ret = pc_null_job(w, &job);
	if (!ret)
		ret = pc_group_create(w->dev, w->vm, NULL, &group);
	if (!ret)
		ret = pc_syncobj_create(w->dev, false, &done.handle);
	job.syncs.signals = &done;
	job.syncs.signal_count = 1;

	for (i = 0; !ret && i < n->latency_jobs; i++) {
		pc_progress(p, "null-job latency", i, n->latency_jobs);
		t0 = pc_now();
		ret = pc_group_submit(group, &job, 1);
		if (!ret)
			ret = pc_work_wait(group, done.handle, 0);
		samples[i] = (pc_now() - t0) * 1e6;
	}
	if (!ret) {
		qsort(samples, n->latency_jobs, sizeof(*samples),
		      pc_cmp_double);
		r->lat_jobs = n->latency_jobs;
		r->lat_p50_us = pc_percentile(samples, n->latency_jobs, 50);
		r->lat_p99_us = pc_percentile(samples, n->latency_jobs, 99);
		r->lat_min_us = samples[0];
		r->lat_max_us = samples[n->latency_jobs - 1];
	}
	pc_syncobj_destroy(w->dev, done.handle);
	pc_group_destroy(group);
	free(samples);
	return ret;
}

/* @jobs null jobs round robin over @ngroups groups, then wait for all. */
static int pc_bench_submit_run(struct pc_work *w, uint32_t ngroups,
			       uint32_t jobs, struct pc_progress *p,
			       double *seconds)
{
	struct pc_group **groups = calloc(ngroups, sizeof(*groups));
	uint32_t *syncobjs = calloc(ngroups, sizeof(*syncobjs));
	struct pc_sync done;
	struct pc_job job;
	char what[40];
	uint32_t i;
	double t0;
	int ret;

	if (!groups || !syncobjs) {
		ret = pc_fail(-ENOMEM, "out of memory");
		goto out;
	}
	ret = pc_null_job(w, &job);
	for (i = 0; !ret && i < ngroups; i++) {
		ret = pc_group_create(w->dev, w->vm, NULL, &groups[i]);
		if (!ret)
			ret = pc_syncobj_create(w->dev, false, &syncobjs[i]);
	}

	snprintf(what, sizeof(what), "submissions, %u group%s", ngroups,
		 ngroups == 1 ? "" : "s");
	t0 = pc_now();
	for (i = 0; !ret && i < jobs; i++) {
		pc_progress(p, what, i, jobs);
		done = (struct pc_sync){ syncobjs[i % ngroups], 0 };
		job.syncs.signals = &done;
		job.syncs.signal_count = 1;
		ret = pc_group_submit(groups[i % ngroups], &job, 1);
	}
	if (!ret)
		ret = pc_syncobj_wait(w->dev, syncobjs, ngroups, true, -1);
	*seconds = pc_now() - t0;
	for (i = 0; !ret && i < ngroups; i++)
		ret = pc_work_check_group(groups[i]);
out:
	for (i = 0; groups && syncobjs && i < ngroups; i++) {
		pc_syncobj_destroy(w->dev, syncobjs[i]);
		pc_group_destroy(groups[i]);
	}
	free(syncobjs);
	free(groups);
	return ret;
}

static int pc_bench_submit(struct pc_work *w, const struct pc_bench_sizes *n,
			   struct pc_progress *p, struct pc_bench *r)
{
	for (int i = 0; i < PC_SUBMIT_RUNS; i++) {
		double seconds = 0;
		int ret;

		ret = pc_bench_submit_run(w, pc_submit_groups[i],
					  n->submit_jobs, p, &seconds);
		if (ret)
			return ret;
		r->submit[i].groups = pc_submit_groups[i];
		r->submit[i].jobs = n->submit_jobs;
		r->submit[i].seconds = seconds;
		r->submit[i].per_second = n->submit_jobs / seconds;
	}
	return 0;
}

static int pc_bench_bind(struct pc_work *w, const struct pc_bench_sizes *n,
			 struct pc_progress *p, struct pc_bench *r)
{
	uint64_t size = (uint64_t)n->bind_pages * PC_GPU_PAGE_SIZE, va = 0;
	uint32_t total = n->bind_rounds * n->bind_pages, done = 0;
	struct pc_bo *bo = NULL;
	double t0;
	int ret;

	ret = pc_bo_create(w->dev, size, DRM_PANTHOR_BO_NO_MMAP, NULL, &bo);
	if (!ret)
		ret = pc_va_alloc(&w->vm->va, size, PC_GPU_PAGE_SIZE, &va);
	if (ret)
		goto out;

	t0 = pc_now();
	for (uint32_t round = 0; !ret && round < n->bind_rounds; round++) {
		for (uint32_t i = 0; !ret && i < n->bind_pages; i++)
			ret = pc_vm_map(w->vm, bo, i * PC_GPU_PAGE_SIZE,
					va + i * PC_GPU_PAGE_SIZE,
					PC_GPU_PAGE_SIZE, 0);
		for (uint32_t i = 0; !ret && i < n->bind_pages; i++) {
			ret = pc_vm_unmap(w->vm, va + i * PC_GPU_PAGE_SIZE,
					  PC_GPU_PAGE_SIZE);
			pc_progress(p, "vm_bind map+unmap", ++done, total);
		}
	}
	r->bind_seconds = pc_now() - t0;
	r->bind_pages = total;
	r->bind_per_second = total / r->bind_seconds;
	pc_va_free(&w->vm->va, va, size);
out:
	pc_bo_destroy(bo);
	return ret;
}

static void pc_bench_text(const struct pc_device *dev, const char *gpu,
			  const struct pc_bench *r)
{
	printf("bench:              %s, panthor %d.%d.%d at %s\n", gpu,
	       dev->version_major, dev->version_minor,
	       dev->version_patchlevel, dev->path);
	printf("null-job latency:   p50 %.1f us, p99 %.1f us (min %.1f, max %.1f; %u jobs, submit to signalled)\n",
	       r->lat_p50_us, r->lat_p99_us, r->lat_min_us, r->lat_max_us,
	       r->lat_jobs);
	for (int i = 0; i < PC_SUBMIT_RUNS; i++)
		printf("submissions:        %.0f jobs/s with %u group%s (%u null jobs in %.3f s)\n",
		       r->submit[i].per_second, r->submit[i].groups,
		       r->submit[i].groups == 1 ? "" : "s", r->submit[i].jobs,
		       r->submit[i].seconds);
	printf("vm_bind:            %.0f pages/s mapped and unmapped (%u pages, one 4 KiB page per ioctl)\n",
	       r->bind_per_second, r->bind_pages);
}

static void pc_bench_json(const struct pc_device *dev, const char *gpu,
			  const struct pc_bench *r)
{
	struct pc_json j;
	char key[32], version[32];

	snprintf(version, sizeof(version), "%d.%d.%d", dev->version_major,
		 dev->version_minor, dev->version_patchlevel);
	pc_json_init(&j, stdout);
	pc_json_begin(&j, NULL);
	pc_json_string(&j, "device", dev->path);
	pc_json_string(&j, "driver_version", version);
	pc_json_string(&j, "gpu", gpu);

	pc_json_begin(&j, "latency_us");
	pc_json_uint(&j, "jobs", r->lat_jobs);
	pc_json_double(&j, "p50", r->lat_p50_us);
	pc_json_double(&j, "p99", r->lat_p99_us);
	pc_json_double(&j, "min", r->lat_min_us);
	pc_json_double(&j, "max", r->lat_max_us);
	pc_json_end(&j);

	pc_json_begin(&j, "submit");
	for (int i = 0; i < PC_SUBMIT_RUNS; i++) {
		snprintf(key, sizeof(key), "groups_%u", r->submit[i].groups);
		pc_json_begin(&j, key);
		pc_json_uint(&j, "groups", r->submit[i].groups);
		pc_json_uint(&j, "jobs", r->submit[i].jobs);
		pc_json_double(&j, "seconds", r->submit[i].seconds);
		pc_json_double(&j, "jobs_per_second", r->submit[i].per_second);
		pc_json_end(&j);
	}
	pc_json_end(&j);

	pc_json_begin(&j, "vm_bind");
	pc_json_uint(&j, "pages", r->bind_pages);
	pc_json_double(&j, "seconds", r->bind_seconds);
	pc_json_double(&j, "pages_per_second", r->bind_per_second);
	pc_json_end(&j);
	pc_json_end(&j);
}

static int pc_bench_all(struct pc_device *dev, const struct pc_bench_sizes *n,
			struct pc_progress *p, struct pc_bench *r)
{
	struct pc_work w;
	int ret;

	ret = pc_work_init(&w, dev, 64 * 1024);
	if (!ret)
		ret = pc_bench_latency(&w, n, p, r);
	if (!ret)
		ret = pc_bench_submit(&w, n, p, r);
	if (!ret)
		ret = pc_bench_bind(&w, n, p, r);
	pc_work_fini(&w);
	return ret;
}

int pc_cmd_bench(const char *device, bool json, bool quick, bool progress)
{
	struct pc_progress p = { .enabled = progress };
	struct pc_bench r = { 0 };
	struct pc_device *dev;
	struct pc_gpu_desc desc;
	int ret;

	if (pc_device_open(device, &dev)) {
		fprintf(stderr, "panthor-client: %s\n", pc_last_error());
		return EXIT_FAILURE;
	}
	ret = pc_device_caps(dev);
	if (!ret) {
		pc_describe_gpu(&dev->gpu, &desc);
		ret = pc_bench_all(dev, quick ? &pc_bench_quick : &pc_bench_full,
				   &p, &r);
	}
	pc_progress_clear(&p);
	if (ret) {
		fprintf(stderr, "panthor-client: bench: %s\n", pc_last_error());
		pc_device_close(dev);
		return EXIT_FAILURE;
	}

	if (json)
		pc_bench_json(dev, desc.product, &r);
	else
		pc_bench_text(dev, desc.product, &r);
	pc_device_close(dev);
	return fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
