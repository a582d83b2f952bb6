/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * mt: a tiny unit-test framework for the model core.
 *
 * TEST(name) { ... } defines a case; it receives "t", a fresh test host with
 * a G610 model (see host.h). EXPECT_* record a failure and go on; ASSERT_*
 * record it and end the case. The runner prints one line per failing case
 * and a final summary line.
 */
#ifndef MT_H
#define MT_H

#include <stdbool.h>
#include <stdint.h>

#include "bits.h"

struct th;

struct mt_case {
	const char *name;
	const char *file;
	void (*fn)(struct th *t);
	struct mt_case *next;
};

void mt_register(struct mt_case *c);

/* Record a failed check; returns false so callers can chain. */
bool mt_check(bool ok, const char *file, int line, const char *expr,
	      unsigned long long a, unsigned long long b, bool show_values);
void mt_fatal(void);

#define TEST(_name)							\
	static void mt_fn_##_name(struct th *t __maybe_unused);\
	static struct mt_case mt_case_##_name = {			\
		.name = #_name, .file = __FILE__, .fn = mt_fn_##_name,	\
	};								\
	__attribute__((constructor)) static void mt_reg_##_name(void)	\
	{								\
		mt_register(&mt_case_##_name);				\
	}								\
	static void mt_fn_##_name(struct th *t __maybe_unused)

#define MT_CMP(_a, _op, _b, _fatal)					\
	do {								\
		unsigned long long _va = (unsigned long long)(_a);	\
		unsigned long long _vb = (unsigned long long)(_b);	\
		if (!mt_check(_va _op _vb, __FILE__, __LINE__,		\
			      #_a " " #_op " " #_b, _va, _vb, true) &&	\
		    (_fatal))						\
			mt_fatal();					\
	} while (0)

#define MT_BOOL(_c, _fatal)						\
	do {								\
		if (!mt_check(!!(_c), __FILE__, __LINE__, #_c, 0, 0,	\
			      false) && (_fatal))			\
			mt_fatal();					\
	} while (0)

#define EXPECT_EQ(a, b)		MT_CMP(a, ==, b, false)
#define EXPECT_NE(a, b)		MT_CMP(a, !=, b, false)
#define EXPECT_LT(a, b)		MT_CMP(a, <, b, false)
#define EXPECT_LE(a, b)		MT_CMP(a, <=, b, false)
#define EXPECT_GT(a, b)		MT_CMP(a, >, b, false)
#define EXPECT_GE(a, b)		MT_CMP(a, >=, b, false)
#define EXPECT_TRUE(c)		MT_BOOL(c, false)
#define EXPECT_FALSE(c)		MT_BOOL(!(c), false)
#define ASSERT_EQ(a, b)		MT_CMP(a, ==, b, true)
#define ASSERT_TRUE(c)		MT_BOOL(c, true)

#endif /* MT_H */
