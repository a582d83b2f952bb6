/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * unit.h - the checks shared by the host unit tests (tests/unit*.c).
 */
#ifndef PC_UNIT_H
#define PC_UNIT_H

#include <stdio.h>
#include <string.h>

/* Checks that held and that failed, over every test file. */
extern unsigned int passed, failed;

#define CHECK(cond)							\
	do {								\
		if (cond) {						\
			passed++;					\
		} else {						\
			failed++;					\
			printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,	\
			       #cond);					\
		}							\
	} while (0)

#define CHECK_STR(got, want)						\
	do {								\
		const char *got_ = (got);				\
		const char *want_ = (want);				\
		if (got_ && want_ && !strcmp(got_, want_)) {		\
			passed++;					\
		} else {						\
			failed++;					\
			printf("FAIL: %s:%d: %s is \"%s\", want \"%s\"\n",\
			       __FILE__, __LINE__, #got,		\
			       got_ ? got_ : "(null)",			\
			       want_ ? want_ : "(null)");		\
		}							\
	} while (0)

/* tests/unit_cs.c: the command-stream builder. */
void test_cs(void);

/* tests/unit_va.c: the VA range allocator. */
void test_va(void);

#endif /* PC_UNIT_H */
