// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mt runner: runs every registered case with a fresh host, prints one line
 * per failing case and the summary "model: N passed, M failed".
 *
 * Usage: model-tests [substring]   (only cases whose name contains it)
 * MT_VERBOSE=1 prints every case and the model's log lines.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "mt.h"

static struct mt_case *mt_head, **mt_tail = &mt_head;
static jmp_buf mt_jmp;
static unsigned int mt_case_failures;
static char mt_first_failure[512];

void mt_register(struct mt_case *c)
{
	*mt_tail = c;
	mt_tail = &c->next;
}

bool mt_check(bool ok, const char *file, int line, const char *expr,
	      unsigned long long a, unsigned long long b, bool show_values)
{
	const char *base;

	if (ok)
		return true;
	if (!mt_case_failures++) {
		base = strrchr(file, '/');
		base = base ? base + 1 : file;
		if (show_values)
			snprintf(mt_first_failure, sizeof(mt_first_failure),
				 "%s:%d: %s (0x%llx vs 0x%llx)", base, line,
				 expr, a, b);
		else
			snprintf(mt_first_failure, sizeof(mt_first_failure),
				 "%s:%d: %s", base, line, expr);
	}
	return false;
}

void mt_fatal(void)
{
	longjmp(mt_jmp, 1);
}

static bool mt_run_case(struct mt_case *c, bool verbose)
{
	struct th *t;

	mt_case_failures = 0;
	mt_first_failure[0] = '\0';
	t = th_new(MM_PRODUCT_G610, verbose);
	if (!t) {
		printf("FAIL %s: cannot create test host\n", c->name);
		return false;
	}
	if (!setjmp(mt_jmp))
		c->fn(t);
	th_free(t);

	if (mt_case_failures) {
		printf("FAIL %s: %s", c->name, mt_first_failure);
		if (mt_case_failures > 1)
			printf(" (+%u more)", mt_case_failures - 1);
		printf("\n");
		return false;
	}
	if (verbose)
		printf("ok   %s\n", c->name);
	return true;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	bool verbose = getenv("MT_VERBOSE") && *getenv("MT_VERBOSE") == '1';
	unsigned int passed = 0, failed = 0;
	struct mt_case *c;

	for (c = mt_head; c; c = c->next) {
		if (filter && !strstr(c->name, filter))
			continue;
		if (mt_run_case(c, verbose))
			passed++;
		else
			failed++;
	}

	printf("model: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
