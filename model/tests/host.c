// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Userspace test host (see host.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

static bool th_range_ok(uint64_t pa, uint32_t len)
{
	return pa >= TH_MEM_BASE && len <= TH_MEM_SIZE &&
	       pa - TH_MEM_BASE <= TH_MEM_SIZE - len;
}

static int th_mem_read(void *host, u64 pa, void *buf, u32 len)
{
	struct th *t = host;

	if (!th_range_ok(pa, len)) {
		t->mem_errors++;
		return -1;
	}
	memcpy(buf, t->mem + (pa - TH_MEM_BASE), len);
	return 0;
}

static int th_mem_write(void *host, u64 pa, const void *buf, u32 len)
{
	struct th *t = host;

	if (!th_range_ok(pa, len)) {
		t->mem_errors++;
		return -1;
	}
	memcpy(t->mem + (pa - TH_MEM_BASE), buf, len);
	return 0;
}

static void th_set_irq(void *host, enum mm_irq_line line, bool level)
{
	struct th *t = host;

	t->irq[line] = level;
	t->irq_changes[line]++;
}

static u64 th_now_ns(void *host)
{
	return ((struct th *)host)->now;
}

static void th_kick(void *host, u64 delay_ns)
{
	struct th *t = host;
	uint64_t at = t->now + delay_ns;

	if (!t->kicked || at < t->kick_at)
		t->kick_at = at;
	t->kicked = true;
	t->kicks++;
}

static void th_log(void *host, const char *msg)
{
	struct th *t = host;

	if (t->verbose)
		printf("     [model] %s\n", msg);
	snprintf(t->log[t->nlog % TH_LOG_LINES], sizeof(t->log[0]), "%s", msg);
	t->nlog++;
}

static const struct mm_host_ops th_ops = {
	.mem_read = th_mem_read,
	.mem_write = th_mem_write,
	.set_irq = th_set_irq,
	.now_ns = th_now_ns,
	.kick = th_kick,
	.log = th_log,
};

static bool th_model_init(struct th *t, enum mm_product product)
{
	free(t->gpu);
	t->gpu = malloc(mm_size());
	if (!t->gpu)
		return false;
	/* The model must not rely on zeroed memory. */
	memset(t->gpu, 0xa5, mm_size());
	memset(t->irq, 0, sizeof(t->irq));
	memset(t->irq_changes, 0, sizeof(t->irq_changes));
	t->kicked = false;
	t->kicks = 0;
	t->product = product;
	return mm_init(t->gpu, product, &th_ops, t) == 0;
}

struct th *th_new(enum mm_product product, bool verbose)
{
	struct th *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->verbose = verbose;
	t->mem = calloc(1, TH_MEM_SIZE);
	t->next_page = TH_MEM_BASE;
	t->now = 1000000;	/* not zero, to catch absolute-time mix-ups */
	if (!t->mem || !th_model_init(t, product)) {
		th_free(t);
		return NULL;
	}
	return t;
}

void th_free(struct th *t)
{
	if (!t)
		return;
	free(t->gpu);
	free(t->mem);
	free(t);
}

void th_reinit(struct th *t, enum mm_product product)
{
	if (!th_model_init(t, product)) {
		fprintf(stderr, "cannot init product %d\n", product);
		abort();
	}
}

uint32_t th_rd(struct th *t, uint32_t off)
{
	return mm_reg_read(t->gpu, off);
}

void th_wr(struct th *t, uint32_t off, uint32_t val)
{
	mm_reg_write(t->gpu, off, val);
}

uint64_t th_rd64(struct th *t, uint32_t lo)
{
	uint32_t hi, l;

	/* HI, LO, HI again: the coherent read drivers use. */
	do {
		hi = th_rd(t, lo + 4);
		l = th_rd(t, lo);
	} while (hi != th_rd(t, lo + 4));
	return (uint64_t)hi << 32 | l;
}

void th_wr64(struct th *t, uint32_t lo, uint64_t val)
{
	th_wr(t, lo, (uint32_t)val);
	th_wr(t, lo + 4, (uint32_t)(val >> 32));
}

void th_advance(struct th *t, uint64_t ns)
{
	t->now += ns;
	if (t->kicked && t->kick_at <= t->now) {
		t->kicked = false;
		mm_run(t->gpu);
	}
}

bool th_poll(struct th *t, uint32_t off, uint32_t mask, uint32_t want,
	     uint64_t step_ns, uint64_t timeout_ns)
{
	uint64_t waited = 0;

	for (;;) {
		if ((th_rd(t, off) & mask) == want)
			return true;
		if (waited >= timeout_ns)
			return false;
		th_advance(t, step_ns);
		waited += step_ns;
	}
}

bool th_log_has(const struct th *t, const char *substr)
{
	unsigned int i, n = t->nlog < TH_LOG_LINES ? t->nlog : TH_LOG_LINES;

	for (i = 0; i < n; i++)
		if (strstr(t->log[i], substr))
			return true;
	return false;
}

void th_log_clear(struct th *t)
{
	t->nlog = 0;
}

void *th_mem(struct th *t, uint64_t pa)
{
	if (!th_range_ok(pa, 1)) {
		fprintf(stderr, "test bug: PA 0x%llx outside test memory\n",
			(unsigned long long)pa);
		abort();
	}
	return t->mem + (pa - TH_MEM_BASE);
}

uint64_t th_alloc(struct th *t, uint64_t size, uint64_t align)
{
	uint64_t pa = (t->next_page + align - 1) & ~(align - 1);

	if (!th_range_ok(pa, (uint32_t)size)) {
		fprintf(stderr, "test bug: test memory exhausted\n");
		abort();
	}
	t->next_page = pa + size;
	memset(th_mem(t, pa), 0, size);
	return pa;
}

void th_w64(struct th *t, uint64_t pa, uint64_t v)
{
	memcpy(th_mem(t, pa), &v, sizeof(v));
}

uint64_t th_r64(struct th *t, uint64_t pa)
{
	uint64_t v;

	memcpy(&v, th_mem(t, pa), sizeof(v));
	return v;
}

void th_w32(struct th *t, uint64_t pa, uint32_t v)
{
	memcpy(th_mem(t, pa), &v, sizeof(v));
}

uint32_t th_r32(struct th *t, uint64_t pa)
{
	uint32_t v;

	memcpy(&v, th_mem(t, pa), sizeof(v));
	return v;
}

uint64_t th_pt_new(struct th *t)
{
	return th_alloc(t, TH_SZ_4K, TH_SZ_4K);
}

static unsigned int th_level_shift(unsigned int level)
{
	return 12 + 9 * (3 - level);
}

uint64_t th_map_lvl(struct th *t, uint64_t root, unsigned int start_level,
		    uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
	unsigned int leaf = size == TH_SZ_1G ? 1 : size == TH_SZ_2M ? 2 : 3;
	uint64_t table = root, desc_pa, desc;
	unsigned int level;

	for (level = start_level; level < leaf; level++) {
		desc_pa = table + 8 * ((va >> th_level_shift(level)) & 511);
		desc = th_r64(t, desc_pa);
		if (!(desc & PTE_VALID)) {
			desc = th_pt_new(t) | PTE_VALID | PTE_TYPE_TABLE;
			th_w64(t, desc_pa, desc);
		}
		table = desc & PTE_ADDR;
	}
	desc_pa = table + 8 * ((va >> th_level_shift(leaf)) & 511);
	th_w64(t, desc_pa, pa | attrs | PTE_VALID |
	       (leaf == 3 ? PTE_TYPE_TABLE : 0));
	return desc_pa;
}

uint64_t th_map(struct th *t, uint64_t root, uint64_t va, uint64_t pa,
		uint64_t size, uint64_t attrs)
{
	return th_map_lvl(t, root, 0, va, pa, size, attrs);
}

uint32_t th_as_reg(unsigned int as, uint32_t reg)
{
	return MMU_AS_BASE + MMU_AS_STRIDE * as + reg;
}

bool th_as_wait(struct th *t, unsigned int as)
{
	return th_poll(t, th_as_reg(as, AS_STATUS), AS_STATUS_ACTIVE, 0,
		       500, 100000000);
}

void th_as_cmd(struct th *t, unsigned int as, uint32_t cmd)
{
	th_as_wait(t, as);
	th_wr(t, th_as_reg(as, AS_COMMAND), cmd);
	th_as_wait(t, as);
}

void th_as_enable(struct th *t, unsigned int as, uint64_t root,
		  uint64_t transcfg, uint64_t memattr)
{
	th_wr64(t, th_as_reg(as, AS_TRANSTAB_LO), root);
	th_wr64(t, th_as_reg(as, AS_MEMATTR_LO), memattr);
	th_wr64(t, th_as_reg(as, AS_TRANSCFG_LO), transcfg);
	th_as_cmd(t, as, AS_CMD_UPDATE);
}

/* The smallest naturally aligned power-of-two region covering the range. */
uint64_t th_lockaddr(uint64_t va, uint64_t size)
{
	uint64_t end = va + size;
	unsigned int log2 = 64 - __builtin_clzll((va ^ (end - 1)) | 1);

	if (log2 < 15)
		log2 = 15;
	return (va & ~((1ull << log2) - 1)) | (log2 - 1);
}

void th_as_lock(struct th *t, unsigned int as, uint64_t va, uint64_t size)
{
	th_wr64(t, th_as_reg(as, AS_LOCKADDR_LO), th_lockaddr(va, size));
	th_as_cmd(t, as, AS_CMD_LOCK);
}

void th_as_flush(struct th *t, unsigned int as, uint64_t va, uint64_t size,
		 uint32_t cmd)
{
	th_as_lock(t, as, va, size);
	th_as_cmd(t, as, cmd);
}

bool th_l2_on(struct th *t)
{
	th_wr(t, L2_PWRON_LO, 1);
	return th_poll(t, L2_READY_LO, 1, 1, 1000, 20000000);
}
